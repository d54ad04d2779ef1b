"""vCard files and the contact book: importing a phone's address book, exporting ours."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import col, select

from secdesk.io.vcf import VCardError, parse_vcards
from secdesk.models import Contact, Event
from secdesk.services import contact_cards, contacts
from secdesk.services.contacts import ContactInput
from tests.conftest import HOSTILE, SAMPLES
from tests.unit.test_contacts import count, events


def sample(name: str) -> bytes:
    path = SAMPLES / "vcf" / name
    if not path.is_file():
        pytest.skip(f"sample data not available: {path}")
    return path.read_bytes()


def card(name: str, *tels: str, org: str = "", extra: str = "") -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}"]
    if org:
        lines.append(f"ORG:{org}")
    lines += [f"TEL;TYPE=cell:{tel}" for tel in tels]
    if extra:
        lines.append(extra)
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


# ------------------------------------------------------------------ vCard import


SAMPLE_CONTACTS = {
    "android_v21_qp_softbreak_splits_utf8.vcf": 5,
    "android_v21_qp_utf8_multi_contact.vcf": 6,
    "aosp_v21_shift_jis_8bit_and_qp.vcf": 1,
    "aosp_v40_sort_as_cjk.vcf": 1,
    "gmail_v30_item_groups_multi_tel_email.vcf": 1,
    "outlook2007_v21_qp_label_photo_key.vcf": 1,
    "owncloud_v30_fold_splits_utf8_version_last.vcf": 1,
}


@pytest.mark.parametrize(("name", "expected"), sorted(SAMPLE_CONTACTS.items()))
def test_import_every_sample(session, name: str, expected: int) -> None:  # noqa: ANN001
    data = sample(name)

    preview = contact_cards.import_vcards(session, data, apply=False)
    assert len(preview.added) == expected
    assert count(session, Contact) == 0 and count(session, Event) == 0

    report = contact_cards.import_vcards(session, data)
    assert report == preview
    assert contacts.list_contacts(session).total == expected
    assert len(events(session, "create")) == expected
    (event,) = events(session, "import")
    assert json.loads(event.data)["cards"] == len(parse_vcards(data))

    again = contact_cards.import_vcards(session, data)
    assert (again.added, again.updated) == ([], [])
    assert sorted(again.unchanged) == sorted(report.added)
    assert count(session, Contact) == expected
    assert len(events(session, "update")) == 0
    assert len(events(session, "import")) == 1  # an import that changed nothing leaves none


def test_sample_fields_and_labels(session) -> None:  # noqa: ANN001
    contact_cards.import_vcards(session, sample("gmail_v30_item_groups_multi_tel_email.vcf"))
    contact_cards.import_vcards(session, sample("outlook2007_v21_qp_label_photo_key.vcf"))
    gmail = contacts.get_input(session, contacts.suggest(session, "VCard Test")[0].id)
    assert len(gmail.numbers) == 11
    assert ("5555551115", "mobile") in gmail.numbers  # TYPE=cell
    assert (gmail.organization, gmail.title, gmail.email) == (
        "TheCompany",
        "TheJobTitle",
        "email@example.com",
    )
    assert (gmail.family_name, gmail.given_name) == ("Test", "VCard")
    outlook = contacts.by_number(session, "(111) 555-4444")
    assert outlook.name == "Mr. Michael Angstadt Jr."
    assert outlook.organization == "TheCompany"
    data = contacts.get_input(session, outlook.id)
    assert data.department == "TheDepartment"
    assert (data.name_prefix, data.given_name, data.family_name, data.name_suffix) == (
        "Mr.",
        "Michael",
        "Angstadt",
        "Jr.",
    )


def imported(session, text: str) -> list[ContactInput]:  # noqa: ANN001
    """Import ``text`` (LF line ends) and return every contact of the book, oldest first."""
    contact_cards.import_vcards(session, text.replace("\n", "\r\n").encode("utf-8"))
    ids = session.exec(select(Contact.id).order_by(col(Contact.id))).all()
    return [contacts.get_input(session, cid) for cid in ids]


def test_a_card_without_fn_is_named_from_n_then_org_number_or_email(session) -> None:  # noqa: ANN001
    book = imported(
        session,
        "BEGIN:VCARD\nVERSION:2.1\nN:张;三;;;\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nN:Smith;John;;Dr.;\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:欧阳;;;;\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:王主任\nN:王;;;;\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nORG:市财政局;办公室\nTEL:010-1\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nTEL:010-12345678\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:zs@example.gov.cn\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nNOTE:nobody\nEND:VCARD\n",
    )
    assert [(c.name, c.family_name, c.given_name, c.name_prefix) for c in book] == [
        ("张三", "张", "三", ""),
        ("John Smith", "Smith", "John", "Dr."),
        ("欧阳", "欧阳", "", ""),
        ("王主任", "王", "", ""),  # FN wins over N, and N is kept as it came
        ("市财政局", "", "", ""),  # a unit, not a person
        ("010-12345678", "", "", ""),
        ("zs@example.gov.cn", "", "", ""),
    ]  # a card with nothing to call it by is skipped
    assert (book[4].organization, book[4].department) == ("市财政局", "办公室")


def test_the_export_gives_back_what_came_in(session, tmp_path: Path) -> None:  # noqa: ANN001
    """A card from Outlook leaves the desk with the name a phone shows as 'Doe, John' with
    Mr. and Sr. as honorifics, and the organisation and department it came with."""
    from secdesk.services.store import Store

    card_in = (
        "BEGIN:VCARD\nVERSION:2.1\nN:Doe;John;;Mr.;Sr.\nFN:Mr. John Doe Sr.\n"
        "ORG:IBM;Accounting\nTEL;WORK;VOICE:(905) 555-1234\nEND:VCARD\n"
    )
    (first,) = imported(session, card_in)
    assert (first.name, first.organization, first.department) == (
        "Mr. John Doe Sr.",
        "IBM",
        "Accounting",
    )
    assert (first.family_name, first.given_name, first.name_prefix, first.name_suffix) == (
        "Doe",
        "John",
        "Mr.",
        "Sr.",
    )
    text = contact_cards.export_vcards(session)
    lines = text.split("\r\n")
    assert "N:Doe;John;;Mr.;Sr." in lines
    assert "ORG:IBM;Accounting" in lines
    assert "FN:Mr. John Doe Sr." in lines

    again = contact_cards.import_vcards(session, text.encode("utf-8"))
    assert (again.added, again.updated, again.unchanged) == ([], [], ["Mr. John Doe Sr."])
    other = Store(tmp_path / "other.db")
    try:
        with other.db.session() as fresh:
            (second,) = imported(fresh, text)
    finally:
        other.close()
    assert second == first


def test_names_typed_in_the_desk_leave_split(session) -> None:  # noqa: ANN001
    """A phone fed the export files 张三 under 张 and Mr. John Doe Sr. under Doe; a unit
    filed under its own name shows as a company."""
    contacts.add_contact(session, "张三", [("13800138000", "mobile")], "某市财政局")
    contacts.add_contact(session, "欧阳修", [], "某市人民政府办公室", department="秘书一科;综合组")
    contacts.add_contact(session, "Mr. John Doe Sr.", [], "IBM")
    contacts.add_contact(session, "某市财政局", [("010-12345678", "")], "某市财政局")
    # A contact saved before the desk kept name parts (the demo office writes rows directly).
    session.add(Contact(name="李四", initials="ls", title="科长"))
    session.flush()
    cards = contact_cards.export_vcards(session).split("END:VCARD\r\n")
    by_name = {card.split("FN:")[1].split("\r\n")[0]: card.split("\r\n") for card in cards[:-1]}
    assert "N:张;三;;;" in by_name["张三"]
    assert "TEL;TYPE=cell:13800138000" in by_name["张三"]
    assert "N:欧阳;修;;;" in by_name["欧阳修"]
    assert "ORG:某市人民政府办公室;秘书一科;综合组" in by_name["欧阳修"]
    assert "N:Doe;John;;Mr.;Sr." in by_name["Mr. John Doe Sr."]
    assert "N:李;四;;;" in by_name["李四"]
    assert "N:;;;;" in by_name["某市财政局"]
    assert "X-ABShowAs:COMPANY" in by_name["某市财政局"]
    assert sum("X-ABShowAs" in line for card in by_name.values() for line in card) == 1


def test_an_import_fills_an_empty_department_of_the_same_organisation(session, book) -> None:  # noqa: ANN001
    data = (
        card("张三", "13800138000", org="某市财政局;办公室")
        + card("王五", "0513 8501 2345", org="某局;科室")  # no organisation yet: both filled
        + card("李四", "010-1234 5678", org="别的单位;科室")  # another unit's department
    ).encode()
    report = contact_cards.import_vcards(session, data)
    assert report.updated == ["张三", "王五"]
    assert report.unchanged == ["李四"]
    assert contacts.get_input(session, book["张三"]).department == "办公室"
    wang = contacts.get_input(session, book["王五"])
    assert (wang.organization, wang.department) == ("某局", "科室")
    li = contacts.get_input(session, book["李四"])
    assert (li.organization, li.department) == ("某市财政局", "")


def test_import_same_name_and_number_updates_an_existing_contact(session, book) -> None:  # noqa: ANN001
    data = (
        card("张三", "+86 138 0013 8000", "13911112222", extra="TITLE:处长")  # number + name
        + card("李四", org="某市财政局", extra="EMAIL:ls@example.cn")  # name + organisation
        + card("王五", "0513-85012345")  # nothing new
        + card("小王", "0513-85012345")  # shares 王五's number: another person
        + card("李四", org="别的单位")  # a namesake elsewhere
    ).encode()
    report = contact_cards.import_vcards(session, data)
    assert report.added == ["小王", "李四"]
    assert report.updated == ["张三", "李四"]
    assert report.unchanged == ["王五"]

    zhang = contacts.get_input(session, book["张三"])
    assert zhang.numbers == [("13800138000", "mobile"), ("13911112222", "mobile")]
    assert zhang.title == "科长"  # filled only when empty
    assert contacts.get_input(session, book["李四"]).email == "ls@example.cn"
    assert contacts.by_number(session, "051385012345").name == "王五"
    assert contacts.list_contacts(session, "小王").rows[0].numbers == "051385012345"
    changes = json.loads(events(session, "update")[0].data)
    assert changes["numbers"][1][-1] == ["13911112222", "mobile"]

    again = contact_cards.import_vcards(session, data)
    assert (again.added, again.updated) == ([], [])
    assert again.unchanged == ["张三", "李四", "王五", "小王", "李四"]


def test_duplicates_within_a_file_are_one_contact(session) -> None:  # noqa: ANN001
    data = (
        card("张三", "138-0013-8000")
        + card("张三", "13800138000", "010-12345678", org="某市财政局")
        + card("张三", org="某市财政局")
    ).encode()
    report = contact_cards.import_vcards(session, data)
    assert report == contact_cards.ContactImportReport(added=["张三"], updated=[], unchanged=[])
    (row,) = contacts.list_contacts(session).rows
    assert (row.numbers, row.organization) == ("13800138000, 01012345678", "某市财政局")


def test_a_broken_file_imports_nothing(session, book) -> None:  # noqa: ANN001
    before = (count(session, Contact), count(session, Event))
    broken = (card("赵六", "13800000001") + "BEGIN:VCARD\r\nFN:钱七\r\n").encode()
    with pytest.raises(VCardError) as caught:
        contact_cards.import_vcards(session, broken)
    assert caught.value.line == 6
    assert (count(session, Contact), count(session, Event)) == before


# ------------------------------------------------------------------ vCard export


def test_export_then_import_round_trip(session, tmp_path: Path) -> None:  # noqa: ANN001
    from secdesk.services.store import Store

    people = []
    for i, hostile in enumerate(HOSTILE):
        people.append(
            ContactInput(
                name=f"张{i}{hostile}",
                organization=f"某市财政局{hostile}",
                title=f"科长{hostile}",
                numbers=[(f"1380000000{i}", "mobile"), (f"0513-8500000{i}", "work; fax")],
                email=f"z{i}@example.cn",
                notes=f"第一行{hostile}\n第二行, 分号; 反斜杠\\",
            )
        )
    for person in people:
        contacts.add_contact(session, **vars(person))
    text = contact_cards.export_vcards(session)
    assert "TEL;TYPE=cell:13800000000" in text
    assert "\x1b[2J" in text  # kept literally; screens render it as text, never as control

    other = Store(tmp_path / "other.db")
    try:
        with other.db.session() as fresh:
            report = contact_cards.import_vcards(fresh, text.encode("utf-8"))
            assert sorted(report.added) == sorted(p.name for p in people)
            for person in people:
                (match,) = [
                    m
                    for m in contacts.suggest(fresh, person.name, limit=20)
                    if m.name == person.name
                ]
                got = contacts.get_input(fresh, match.id)
                expected = ContactInput(
                    **{
                        **vars(person),
                        "numbers": [
                            (contacts.normalize_number(n), label.replace(";", " "))
                            for n, label in person.numbers
                        ],
                        "family_name": "张",
                        "given_name": person.name.removeprefix("张"),
                    }
                )
                assert got == expected
    finally:
        other.close()
    again = contact_cards.import_vcards(session, text.encode("utf-8"))
    assert len(again.unchanged) == len(people) and not again.added and not again.updated
