"""vCard files and the contact book: importing a phone's address book, exporting ours."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import col, select

from secdesk.io.vcf import VCardError, parse_vcards
from secdesk.models import Contact, Event
from secdesk.office.contacts import book as contacts
from secdesk.office.contacts import cards as contact_cards
from secdesk.office.contacts import lookup
from secdesk.office.contacts.phones import normalize_number
from secdesk.services.inputs import ContactInput
from tests import factories as f
from tests.conftest import HOSTILE
from tests.io.test_vcf import CLIENT_FILES, SAMPLE_CARDS, SAMPLE_FILES, client, sample
from tests.unit.test_contacts import count, events


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


@pytest.mark.parametrize(("name", "expected"), sorted(SAMPLE_CARDS.items()))
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
    gmail = contacts.get_input(session, lookup.suggest(session, "VCard Test")[0].id)
    assert len(gmail.numbers) == 11
    assert ("5555551115", "mobile") in gmail.numbers  # TYPE=cell
    assert (gmail.organization, gmail.title, gmail.email) == (
        "TheCompany",
        "TheJobTitle",
        "email@example.com",
    )
    assert (gmail.family_name, gmail.given_name) == ("Test", "VCard")
    outlook = lookup.by_number(session, "(111) 555-4444")
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
    f.contact(session, "张三", [("13800138000", "mobile")], "某市财政局")
    f.contact(session, "欧阳修", [], "某市人民政府办公室", department="秘书一科;综合组")
    f.contact(session, "Mr. John Doe Sr.", [], "IBM")
    f.contact(session, "某市财政局", [("010-12345678", "")], "某市财政局")
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
    assert lookup.by_number(session, "051385012345").name == "王五"
    assert contacts.list_contacts(session, "小王").rows[0].values["numbers"] == "051385012345"
    changes = json.loads(events(session, "update")[0].data)
    assert changes["numbers"][1][-1] == ["13911112222", "mobile"]

    again = contact_cards.import_vcards(session, data)
    assert (again.added, again.updated) == ([], [])
    assert again.unchanged == ["张三", "李四", "王五", "小王", "李四"]


@pytest.mark.both_engines
def test_duplicates_within_a_file_are_one_contact(session) -> None:  # noqa: ANN001
    data = (
        card("张三", "138-0013-8000")
        + card("张三", "13800138000", "010-12345678", org="某市财政局")
        + card("张三", org="某市财政局")
    ).encode()
    report = contact_cards.import_vcards(session, data)
    assert report == contact_cards.ContactImportReport(added=["张三"], updated=[], unchanged=[])
    (row,) = contacts.list_contacts(session).rows
    assert (row.values["numbers"], row.values["organization"]) == (
        "13800138000, 01012345678",
        "某市财政局",
    )


def test_a_broken_file_imports_nothing(session, book) -> None:  # noqa: ANN001
    before = (count(session, Contact), count(session, Event))
    broken = (card("赵六", "13800000001") + "BEGIN:VCARD\r\nFN:钱七\r\n").encode()
    with pytest.raises(VCardError) as caught:
        contact_cards.import_vcards(session, broken)
    assert caught.value.line == 6
    assert (count(session, Contact), count(session, Event)) == before


# ------------------------------------------------------------------ vCard export


@pytest.mark.both_engines
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
        f.contact(session, **vars(person))
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
                    m for m in lookup.suggest(fresh, person.name, limit=20) if m.name == person.name
                ]
                got = contacts.get_input(fresh, match.id)
                expected = ContactInput(
                    **{
                        **vars(person),
                        "numbers": [
                            (normalize_number(n), label.replace(";", " "))
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


# ------------------------------------------------------------------ round trips


def book_of(session) -> list[ContactInput]:  # noqa: ANN001
    """Every live contact as the form shows it, in a fixed order."""
    ids = session.exec(select(Contact.id).where(col(Contact.deleted_at).is_(None))).all()
    return sorted((contacts.get_input(session, cid) for cid in ids), key=repr)


def export_and_import(session, tmp_path: Path) -> list[ContactInput]:  # noqa: ANN001
    """Export the book; importing it again adds nothing; return what a fresh desk gets
    from the exported file."""
    from secdesk.services.store import Store

    text = contact_cards.export_vcards(session)
    again = contact_cards.import_vcards(session, text.encode("utf-8"))
    assert (again.added, again.updated) == ([], [])
    other = Store(tmp_path / "other.db")
    try:
        with other.db.session() as fresh:
            contact_cards.import_vcards(fresh, text.encode("utf-8"))
            return book_of(fresh)
    finally:
        other.close()


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_sample_survives_export_and_import(session, tmp_path: Path, name: str) -> None:  # noqa: ANN001
    contact_cards.import_vcards(session, sample(name))
    first = book_of(session)
    assert first
    assert export_and_import(session, tmp_path) == first


def who(data: ContactInput) -> tuple:
    """What the secretary sees of a contact: name, name parts, organisation, department
    and numbers (stored normalised, with their labels)."""
    parts = (data.family_name, data.given_name, data.middle_name, data.name_prefix)
    return (data.name, (*parts, data.name_suffix), data.organization, data.department, data.numbers)


#: For each client's export (tests/io/data), the contacts the desk gets, in file order.
CLIENTS: dict[str, list[tuple]] = {
    "ios17_v30_item_labels_pref.vcf": [
        (
            "张三",
            ("张", "三", "", "", ""),
            "某市财政局",
            "办公室",
            [("13800138000", "mobile"), ("01065123456", "work"), ("051385012345", "值班室")],
        ),
        (
            "欧阳修",
            ("欧阳", "修", "", "", ""),
            "某市人民政府办公室",
            "秘书一科",
            [("13905711234", "mobile"), ("057187654300", "fax")],
        ),
        ("李四", ("", "李四", "", "", ""), "", "", [("13911112222", "mobile")]),
        (
            "Mr. Thomas Edward James Whitaker Jr.",
            ("Whitaker", "Thomas", "Edward,James", "Mr.", "Jr."),
            "Northwind Traders",
            "Accounting",
            [
                ("+12065550142", "mobile"),
                ("+12065550143", "home"),
                ("+12065550150", "assistantphone"),
            ],
        ),
    ],
    "android_v21_qp_utf8_chinese.vcf": [
        (
            "司马光",
            ("司马", "光", "", "", ""),
            "某区人民政府",
            "督查室",
            [("13705130000", "mobile"), ("051385012345", "work"), ("051385019999", "fax")],
        ),
        (
            "张三",
            ("张", "三", "", "", ""),
            "",
            "",
            [("13800138000", "mobile"), ("01088886666", "home")],
        ),
        (
            "Dr. Thomas E. Whitaker Jr.",
            ("Whitaker", "Thomas", "E.", "Dr.", "Jr."),
            "Northwind Traders",
            "Logistics",
            [("+12065550100", "work"), ("+12065550101", "mobile")],
        ),
        ("王师傅", ("", "王师傅", "", "", ""), "", "", [("18600001234", "mobile")]),
    ],
    "outlook2016_v21_gb2312_label_department.vcf": [
        (
            "王五",
            ("王", "五", "", "", ""),
            "某区教育局",
            "办公室",
            [("075588881234", "work"), ("13500005678", "mobile"), ("075588881200", "fax")],
        ),
        (
            "Mr. Thomas Edward Whitaker Jr.",
            ("Whitaker", "Thomas", "Edward", "Mr.", "Jr."),
            "Northwind Traders",
            "Accounting",
            [("2065550100", "work"), ("2065550143", "home"), ("2065550142", "mobile")],
        ),
    ],
    "outlook_mac_v30_prefix_suffix_label.vcf": [
        (
            "Dr. Chidi Emeka Okafor PhD",
            ("Okafor", "Chidi", "Emeka", "Dr.", "PhD"),
            "Contoso, Ltd.",
            "Research and Development;Lab 2",
            [("+14255550100", "work"), ("+14255550101", "mobile")],
        ),
        (
            "上官婉儿",
            ("上官", "婉儿", "", "", ""),
            "某市文化和旅游局",
            "",
            [("02363880000", "work"), ("13923000000", "mobile")],
        ),
    ],
    "gmail_v30_google_contacts_export.vcf": [
        (
            "诸葛亮",
            ("诸葛", "亮", "", "", ""),
            "某市发展和改革委员会",
            "规划处",
            [("13912345678", "mobile"), ("01088886666", "秘书")],
        ),
        (
            "Ms. Maria Luisa Rivera MBA",
            ("Rivera", "Maria", "Luisa", "Ms.", "MBA"),
            "Iberia Consulting",
            "Madrid Office",
            [("+34915550100", "work"), ("+34600555010", "grand_central")],
        ),
    ],
    "evolution_v30_file_as_ui_slots.vcf": [
        (
            "钟离权",
            ("钟离", "权", "", "", ""),
            "某区人民政府",
            "办公室;督查科",
            [("051385012345", "work"), ("13705131111", "mobile")],
        ),
        (
            "Ms. Jane Mary, Ann Doe Sr.",
            ("Doe", "Jane", "Mary, Ann", "Ms.", "Sr."),
            "Acme Widgets, Inc.",
            "Sales",
            [("+442079460000", "work"), ("+442079460001", "home")],
        ),
    ],
    "lotus_notes_v21.vcf": [
        (
            "Wei Chen",
            ("Chen", "Wei", "", "Mr.", ""),
            "Acme Corp",
            "Finance",
            [("02155550100", "work"), ("13812345678", "mobile"), ("02155550199", "fax")],
        ),
        (
            "宇文泰",
            ("宇文", "泰", "", "", ""),
            "某市公安局",
            "指挥中心",
            [("057187000000", "work"), ("057187001111", "home")],
        ),
    ],
    "lotus_notes_v30.vcf": [
        (
            "Mme Moreau Claire Anne",  # Notes writes FN in its own order; N says who is who
            ("Moreau", "Claire", "Anne", "Mme", ""),
            "Banque Exemple",
            "Direction financière",
            [("+33612345678", "mobile"), ("+33123456789", "fax")],
        ),
        ("令狐冲", ("令狐", "冲", "", "", ""), "某市体育局", "群体处", [("057186000000", "work")]),
    ],
    "thunderbird_v30_charset_params.vcf": [
        (
            "皇甫嵩",
            ("皇甫", "嵩", "", "", ""),
            "某市应急管理局",
            "值班室",
            [("057188000000", "work"), ("13900008800", "mobile"), ("057188000001", "fax")],
        ),
        (
            "John Doe",
            ("Doe", "John", "", "", ""),
            "TheOrganization",
            "TheDepartment",
            [("5555551111", "work"), ("5555554444", "pager")],
        ),
    ],
    "thunderbird115_v40.vcf": [
        (
            "慕容复",
            ("慕容", "复", "", "", ""),
            "某市人民政府办公室",
            "秘书二科",
            [("057187654321", "work"), ("13905711234", "mobile")],
        ),
        (
            "Anh Nguyen",
            ("Nguyen", "Anh", "Thi", "Ms.", ""),
            "Fabrikam",
            "Legal;Contracts",
            [("+15550100", ""), ("+15550101", "home")],
        ),
    ],
    "macos_contacts_v30_company_phonetic.vcf": [
        (
            "欧阳娜娜",
            ("欧阳", "娜娜", "", "", ""),
            "某区教育局",
            "",
            [("13600001234", "mobile"), ("075588881234", "work")],
        ),
        # X-ABShowAs:COMPANY: the unit itself, with no person's name parts.
        (
            "某市公共资源交易中心",
            ("", "", "", "", ""),
            "某市公共资源交易中心",
            "",
            [("057188880000", "work")],
        ),
        (
            "Mr. Thomas Edward,James Whitaker Jr.",
            ("Whitaker", "Thomas", "Edward,James", "Mr.", "Jr."),
            "Northwind Traders",
            "Accounting",
            [
                ("+12065550100", "work"),
                ("+12065550142", "mobile"),
                ("+12065550150", "assistantphone"),
            ],
        ),
    ],
}


def test_every_client_file_has_its_expectations() -> None:
    assert sorted(CLIENTS) == CLIENT_FILES


@pytest.mark.parametrize("name", sorted(CLIENTS))
def test_a_client_export_imports_and_comes_back(session, tmp_path: Path, name: str) -> None:  # noqa: ANN001
    """Each client's address book lands in the desk with its people filed as the client
    filed them, and the desk's export of it gives a fresh desk the very same book."""
    report = contact_cards.import_vcards(session, client(name))
    ids = session.exec(select(Contact.id).order_by(col(Contact.id))).all()
    assert [who(contacts.get_input(session, cid)) for cid in ids] == CLIENTS[name]
    assert len(report.added) == len(CLIENTS[name])
    assert export_and_import(session, tmp_path) == book_of(session)


def test_all_clients_in_one_book_come_back(session, tmp_path: Path) -> None:  # noqa: ANN001
    """The same people from several clients merge by the usual rules (same name and a
    shared number or organisation), and the merged book survives its own export."""
    for name in CLIENT_FILES:
        contact_cards.import_vcards(session, client(name))
    whitakers = [c for c in book_of(session) if "Whitaker" in c.name]
    assert {(c.family_name, c.given_name) for c in whitakers} == {("Whitaker", "Thomas")}
    assert export_and_import(session, tmp_path) == book_of(session)
