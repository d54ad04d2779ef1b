"""secdesk.io.vcf: reading real vCard exports and writing vCard 3.0."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secdesk.io.vcf import (
    VCardContact,
    VCardError,
    VCardPhone,
    parse_vcards,
    read_raw_vcards,
    write_vcards,
)
from tests.conftest import SAMPLES, need_samples

HOSTILE = ["[/]", "[bold", "\x1b[2J", "[@click=app.quit]x", "a[b]c", "[link=x]y[/link]"]
DATA = Path(__file__).resolve().parent / "data"
CLIENT_FILES = sorted(path.name for path in DATA.glob("*.vcf"))
"""Address books as each client exports them (written for these tests after the clients'
published formats): iOS, Android, Outlook, Outlook for Mac, Gmail, Evolution, Lotus Notes,
Thunderbird, macOS Contacts."""
SAMPLE_FILES = sorted(path.name for path in (SAMPLES / "vcf").glob("*.vcf")) or ["(none)"]
"""Every file in ../shared/samples/vcf; without the folder, a placeholder whose test
``need_samples`` skips (or fails, on CI)."""


def sample(name: str) -> bytes:
    """A file of ../shared/samples/vcf (see ``need_samples``: skipped without it, failed
    on CI)."""
    return need_samples("vcf", name).read_bytes()


def client(name: str) -> bytes:
    return (DATA / name).read_bytes()


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def one(text: str | bytes) -> VCardContact:
    data = crlf(text) if isinstance(text, str) else text
    contacts = parse_vcards(data)
    assert len(contacts) == 1
    return contacts[0]


def without_line(contacts: list[VCardContact]) -> list[VCardContact]:
    return [dataclasses.replace(c, line=0) for c in contacts]


# ------------------------------------------------------------------ the sample files


#: How many contacts each sample holds (the import test in test_contact_cards counts them too).
SAMPLE_CARDS = {
    "android_v21_qp_softbreak_splits_utf8.vcf": 5,
    "android_v21_qp_utf8_multi_contact.vcf": 6,
    "aosp_v21_shift_jis_8bit_and_qp.vcf": 1,
    "aosp_v40_sort_as_cjk.vcf": 1,
    "gmail_v30_item_groups_multi_tel_email.vcf": 1,
    "outlook2007_v21_qp_label_photo_key.vcf": 1,
    "owncloud_v30_fold_splits_utf8_version_last.vcf": 1,
}


def structure(data: bytes) -> list[tuple[str, list[str], str, list[str], bool]]:
    """What a phone files each card under: FN, N's five parts, ORG's organisation and
    units (empty units and a trailing ";" mean nothing), and whether it is a company."""
    cards = []
    for card in read_raw_vcards(data):
        fn = next((t for p in card.all("FN") if (t := p.text().strip())), "")
        n = next((c for p in card.all("N") if any(c := [x.strip() for x in p.components()])), [])
        org = next(
            (c for p in card.all("ORG") if any(c := [x.strip() for x in p.components()])), [""]
        )
        kinds = {p.text().strip().lower() for p in card.all("X-ABSHOWAS") + card.all("KIND")}
        company = bool(kinds & {"company", "org"})
        cards.append((fn, (n + [""] * 5)[:5], org[0], [u for u in org[1:] if u], company))
    return cards


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_sample_reads_and_survives_a_round_trip(name: str) -> None:
    data = sample(name)
    contacts = parse_vcards(data)
    if name in SAMPLE_CARDS:
        assert len(contacts) == SAMPLE_CARDS[name]
    written = write_vcards(contacts).encode("utf-8")
    assert without_line(parse_vcards(written)) == without_line(contacts)
    assert structure(written) == structure(data)


@pytest.mark.parametrize("name", CLIENT_FILES)
def test_every_client_export_survives_a_round_trip(name: str) -> None:
    """A phone reading our export of a client's file files every card under the same
    name, name parts, organisation and department as from the client's own file."""
    data = client(name)
    contacts = parse_vcards(data)
    assert contacts and all(c.name for c in contacts)
    written = write_vcards(contacts).encode("utf-8")
    assert without_line(parse_vcards(written)) == without_line(contacts)
    assert structure(written) == structure(data)


def test_iphone_n_and_org_come_back_as_written() -> None:
    """The case that started it all: a phone fed our export sees Whitaker as the family
    name, Mr. and Jr. as honorifics and Accounting as the department, exactly as sent."""
    written = write_vcards(parse_vcards(client("ios17_v30_item_labels_pref.vcf")))
    lines = written.split("\r\n")
    assert "N:Whitaker;Thomas;Edward,James;Mr.;Jr." in lines
    assert "ORG:Northwind Traders;Accounting" in lines
    assert "FN:Mr. Thomas Edward James Whitaker Jr." in lines
    assert "N:张;三;;;" in lines and "ORG:某市财政局;办公室" in lines
    assert "N:;李四;;;" in lines  # typed whole into the first name on the phone: kept so


def test_android_qp_soft_break_inside_a_utf8_character() -> None:
    contacts = parse_vcards(sample("android_v21_qp_softbreak_splits_utf8.vcf"))
    assert [c.line for c in contacts] == [1, 9, 19, 29, 42]
    bike, broken, not_broken, doctor, dentist = contacts
    # No FN and no N (the contact book names it after its organisation); "Note:" is a
    # mixed-case name.
    assert (bike.name, bike.family_name, bike.given_name) == ("", "", "")
    assert bike.organization == "Bike Shop"
    assert bike.note == "This one has a funny character at the end in the contact list"
    assert broken.name == "Field after Address broken"
    assert broken.note.startswith("This one's URL field is truncated")
    assert not_broken.note.startswith('this is identical to "Website broken"')
    assert doctor.name == "Dr. med. Surname Name"
    assert (doctor.name_prefix, doctor.given_name, doctor.family_name) == (
        "Dr. med.",
        "Surname",
        "Name",
    )
    assert doctor.title == "Facharzt für Allgemeinmedizin"
    # =E2=80= / =93 across a soft break is one EN DASH, not two broken characters.
    assert doctor.note == (
        "Sprechzeiten:\nMo   8–12, 15–18\nDi     8–12\nMi    8–12, 14–15\nDo 14–19\nFr     8–12"
    )
    assert "\ufffd" not in doctor.note
    assert dentist.name == "Second Doctor"
    assert dentist.title == "Dentist"
    assert dentist.organization == ""  # "ORG:" is empty
    assert dentist.note.endswith("Fr      8–12")


def test_android_qp_address_and_the_url_after_it_are_intact() -> None:
    cards = read_raw_vcards(sample("android_v21_qp_softbreak_splits_utf8.vcf"))
    adr = cards[0].first("ADR")
    assert adr is not None
    assert adr.components()[2] == "DDDDDDDDDDDDDDD-Staße 2\n00000 DDDDDDDDDD"
    url = cards[1].first("URL")
    assert url is not None and url.text() == "http://some-webseite.com"
    assert cards[1].first("ADR").components()[2:4] == ["AAAAAAA-AäAAAAA 11", "Urt"]


def test_android_utf8_qp_multi_contact() -> None:
    contacts = parse_vcards(sample("android_v21_qp_utf8_multi_contact.vcf"))
    john, jane, n5, n11, bob, henry = contacts
    # Cards with only an e-mail (the contact book names them by it).
    assert (john.name, john.family_name, john.given_name) == ("", "", "")
    assert john.emails == ["john.doe@company.com"]
    assert jane.emails == ["jane.doe@company.com"]
    assert n5.name == "Ñ Ñ Ñ Ñ Ñ"
    assert (n5.family_name, n5.given_name) == ("Ñ Ñ Ñ Ñ", "")
    assert n5.phones == [VCardPhone("123456789", "cell")]  # TEL;CELL;PREF
    # FN is split by a soft break between =C3=91= and =20=C3=91.
    assert n11.name == " ".join(["Ñ"] * 11)
    assert n11.phones == [
        VCardPhone("123456", "cell"),
        VCardPhone("234567", "home"),
        VCardPhone("3456789", "cell"),
        VCardPhone("45678901", "home"),
    ]
    assert n11.note.count("Ñ") == 21  # two identical NOTE lines become one note
    assert bob.name == "Ñ Ñ Ñ Ñ"
    assert (bob.family_name, bob.given_name) == ("Ñ Ñ", "Ñ Ñ Ñ")
    assert bob.organization == "Ñ" * 12
    assert [p.label for p in bob.phones] == ["cell", "work", "fax"]  # TEL;WORK;FAX -> fax
    assert bob.emails[0] == "bob@company.com"
    assert henry.name == "ÑÑÑÑ"
    assert henry.emails == ["henry@company.com"]
    assert henry.phones == [VCardPhone("55556666", "cell")]
    assert henry.organization == "Ñ" * 44  # QP soft break followed by an empty line


def test_android_stray_qp_byte_does_not_break_the_import() -> None:
    cards = read_raw_vcards(sample("android_v21_qp_utf8_multi_contact.vcf"))
    orgs = [p.text() for p in cards[5].all("ORG")]
    assert len(orgs) == 3
    assert orgs[1] == "Ñ" * 44 + "\ufffd"  # "=80" is not UTF-8: replaced, not fatal
    photo = [p for card in cards for p in card.properties if p.name == "PHOTO"]
    assert photo == []  # base64 is skipped


def test_shift_jis_raw_and_quoted_printable() -> None:
    contact = one(sample("aosp_v21_shift_jis_8bit_and_qp.vcf"))
    assert contact.name == "安藤 ロイド 1"
    assert contact.note == "メモ"
    (card,) = read_raw_vcards(sample("aosp_v21_shift_jis_8bit_and_qp.vcf"))
    assert card.version == "2.1"
    assert card.first("N").components()[:2] == ["安藤", "ロイド1"]
    assert card.first("SOUND").components()[:2] == ["ｱﾝﾄﾞｳ", "ﾛｲﾄﾞ1"]
    adr = card.first("ADR").components()
    assert adr[1] == "東京都渋谷区桜丘町26-1セルリアンタワー6階"
    assert adr[5] == "150-8512"


def test_v40_cjk_with_quoted_sort_as() -> None:
    contact = one(sample("aosp_v40_sort_as_cjk.vcf"))
    assert contact.name == "安藤 ロイド"
    assert (contact.family_name, contact.given_name) == ("安藤", "ロイド")
    assert contact.organization == "グーグル"
    assert contact.departments == ["検索部門"]
    (card,) = read_raw_vcards(sample("aosp_v40_sort_as_cjk.vcf"))
    assert card.version == "4.0"
    assert card.first("N").param("SORT-AS") == ["あんどう;ろいど"]


def test_gmail_groups_and_many_phones() -> None:
    contact = one(sample("gmail_v30_item_groups_multi_tel_email.vcf"))
    assert contact.name == "VCard Test"
    assert contact.organization == "TheCompany"
    assert contact.title == "TheJobTitle"
    assert contact.emails == [
        "email@example.com",
        "homeemail@example.com",
        "workemail@example.com",
        "otheremail@example.com",
        "customcategory@example.com",
    ]
    assert contact.phones == [
        VCardPhone("5555551111", ""),
        VCardPhone("5555551112", "home"),
        VCardPhone("5555551113", "work"),
        VCardPhone("5555551114", ""),
        VCardPhone("5555551115", "cell"),
        VCardPhone("5555551116", "main"),
        VCardPhone("5555551117", "fax"),  # TYPE=HOME;TYPE=FAX
        VCardPhone("5555551118", "fax"),  # TYPE=WORK;TYPE=FAX
        VCardPhone("5555551119", "grand_central"),  # item2.X-ABLabel
        VCardPhone("5555551120", "pager"),
        VCardPhone("5555551121", "customephonecategory"),
    ]
    assert contact.note == "note line 1\nnote line 2\nCustomField: field value"
    (card,) = read_raw_vcards(sample("gmail_v30_item_groups_multi_tel_email.vcf"))
    assert card.first("URL").text() == "http://www.example1.com"  # http\://


def test_outlook_2007() -> None:
    contact = one(sample("outlook2007_v21_qp_label_photo_key.vcf"))
    assert contact.name == "Mr. Michael Angstadt Jr."
    assert (contact.name_prefix, contact.given_name, contact.family_name) == (
        "Mr.",
        "Michael",
        "Angstadt",
    )
    assert (contact.middle_name, contact.name_suffix) == ("", "Jr.")
    assert contact.organization == "TheCompany"
    assert contact.departments == ["TheDepartment"]
    assert contact.title == "TheJobTitle"
    assert contact.phones == [
        VCardPhone("(111) 555-1111", "work"),
        VCardPhone("(111) 555-2222", "home"),
        VCardPhone("(111) 555-4444", "cell"),
        VCardPhone("(111) 555-3333", "fax"),
    ]  # X-MS-TEL is not a phone
    assert contact.emails == ["mike.angstadt@gmail.com"]
    assert contact.note == (
        "This is the NOTE field\t\n"
        "I assume it encodes this text inside a NOTE vCard type.\n"
        "But I'm not sure because there's text formatting going on here.\n"
        "It does not preserve the formatting"
    )
    (card,) = read_raw_vcards(sample("outlook2007_v21_qp_label_photo_key.vcf"))
    assert card.first("LABEL").text() == "222 Broadway\nNew York, NY 99999\nUSA"
    assert card.first("KEY") is None and card.first("PHOTO") is None
    assert card.first("REV").text() == "20120801T184631Z"  # read on after the base64 blocks


def test_owncloud_fold_inside_a_utf8_character_and_version_last() -> None:
    data = sample("owncloud_v30_fold_splits_utf8_version_last.vcf")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the file itself is not UTF-8 until unfolded
    contact = one(data)
    assert contact.name == "βγδεαβγδ1" * 11
    assert contact.note == (
        "Длинный комментарий на русском языке, чтобы в результате получилась строка "
        "более 70 символов."
    )
    (card,) = read_raw_vcards(data)
    assert card.version == "3.0"
    assert card.first("N").components()[0] == ("123ㄓㄕㄖbcde" + "αβγδ" * 6 + "αβㄤㄓㄕㄖ")


# ------------------------------------------------------------------ reading details


def test_phone_labels_from_type_params() -> None:
    contact = one(
        "BEGIN:VCARD\nVERSION:3.0\nFN:X\n"
        "TEL;TYPE=CELL:1\n"
        "TEL;CELL;PREF:2\n"
        "TEL;TYPE=HOME;TYPE=FAX:3\n"
        "TEL;type=work,voice:4\n"
        "tel;Type=Home:5\n"
        "TEL;TYPE=pref:6\n"
        "TEL:7\n"
        'TEL;VALUE=uri;TYPE="voice,cell":tel:+1-555-555-5555\n'
        "END:VCARD\n"
    )
    assert contact.phones == [
        VCardPhone("1", "cell"),
        VCardPhone("2", "cell"),
        VCardPhone("3", "fax"),
        VCardPhone("4", "work"),
        VCardPhone("5", "home"),
        VCardPhone("6", ""),
        VCardPhone("7", ""),
        VCardPhone("+1-555-555-5555", "cell"),
    ]


def parts(contact: VCardContact) -> tuple[str, str, str, str, str]:
    return (
        contact.family_name,
        contact.given_name,
        contact.middle_name,
        contact.name_prefix,
        contact.name_suffix,
    )


def test_name_parts_are_read_as_written() -> None:
    """N's five parts come as the card has them, whatever FN says (or without FN)."""
    zhang = one("BEGIN:VCARD\nVERSION:3.0\nN:张;三;;;\nEND:VCARD\n")
    assert (zhang.name, parts(zhang)) == ("", ("张", "三", "", "", ""))
    boss = one("BEGIN:VCARD\nVERSION:3.0\nFN:王主任\nN:王;;;;\nEND:VCARD\n")
    assert (boss.name, parts(boss)) == ("王主任", ("王", "", "", "", ""))
    doe = one(
        "BEGIN:VCARD\nVERSION:3.0\nN:Doe;John;Richter,James;Mr.;Sr.\n"
        "FN:Mr. John Richter James Doe Sr.\nEND:VCARD\n"
    )
    assert parts(doe) == ("Doe", "John", "Richter,James", "Mr.", "Sr.")
    escaped = one("BEGIN:VCARD\nVERSION:3.0\nN:Doe;John;Richter\\, James;;\nEND:VCARD\n")
    assert escaped.middle_name == "Richter, James"
    # 2.1 often writes fewer parts; an empty N before a full one does not count.
    short = one("BEGIN:VCARD\nVERSION:2.1\nN:;;;;\nN: Doe ; John \nEND:VCARD\n")
    assert parts(short) == ("Doe", "John", "", "", "")
    extra = one("BEGIN:VCARD\nVERSION:3.0\nN:a;b;c;d;e;f\nEND:VCARD\n")
    assert parts(extra) == ("a", "b", "c", "d", "e")


def test_org_components() -> None:
    org = one("BEGIN:VCARD\nVERSION:3.0\nORG:市财政局;办公室\nTEL:010-1\nEND:VCARD\n")
    assert (org.name, org.organization, org.departments) == ("", "市财政局", ["办公室"])
    three = one("BEGIN:VCARD\nVERSION:3.0\nORG:IBM;Accounting;Dungeon\nEND:VCARD\n")
    assert (three.organization, three.departments) == ("IBM", ["Accounting", "Dungeon"])
    ios = one("BEGIN:VCARD\nVERSION:3.0\nORG:Cain Residence;\nEND:VCARD\n")  # iOS adds ";"
    assert (ios.organization, ios.departments) == ("Cain Residence", [])
    unit_only = one("BEGIN:VCARD\nVERSION:3.0\nORG:;Sales\nEND:VCARD\n")
    assert (unit_only.organization, unit_only.departments) == ("", ["Sales"])
    comma = one("BEGIN:VCARD\nVERSION:2.1\nORG:Company, The;TheDepartment\nEND:VCARD\n")
    assert (comma.organization, comma.departments) == ("Company, The", ["TheDepartment"])


def test_company_cards() -> None:
    apple = "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:IBM\nORG:IBM;\nX-ABShowAs:COMPANY\nEND:VCARD\n"
    assert one(apple).company
    assert one("BEGIN:VCARD\nVERSION:4.0\nFN:IBM\nKIND:org\nEND:VCARD\n").company
    assert not one("BEGIN:VCARD\nVERSION:3.0\nFN:IBM\nX-ABShowAs:PERSON\nEND:VCARD\n").company


def test_escapes_groups_case_and_x_properties() -> None:
    contact = one(
        "begin:vcard\nversion:3.0\n"
        "item1.Fn:A\\, B\\; C\\\\D\n"
        "X-QQ:12345\n"
        "Title:主任\n"
        "NOTE:line 1\\nline 2\\Nline 3 C:\\\\dir \\x\n"
        "end:vcard\n"
    )
    assert contact.name == "A, B; C\\D"
    assert contact.title == "主任"
    assert contact.note == "line 1\nline 2\nline 3 C:\\dir \\x"
    assert contact.phones == []


def test_v21_keeps_backslashes_but_unescapes_semicolons() -> None:
    contact = one("BEGIN:VCARD\nVERSION:2.1\nFN:C:\\temp\\n\nORG:A\\;B;Dept\nEND:VCARD\n")
    assert contact.name == "C:\\temp\\n"
    assert (contact.organization, contact.departments) == ("A;B", ["Dept"])


def test_charsets_gbk_and_raw_8bit() -> None:
    gbk = "张三".encode("gbk")
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=GB2312:"
        + gbk
        + b"\r\nORG;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:"
        + "".join(f"={b:02X}" for b in "办公室".encode("gbk")).encode()
        + b"\r\nTITLE:"
        + "秘书".encode("gb18030")  # no CHARSET: not UTF-8, so GB18030
        + b"\r\nNOTE:caf\xe9\r\nEND:VCARD\r\n"  # not UTF-8, not GB18030: latin-1
    )
    contact = one(data)
    assert (contact.name, contact.organization, contact.title) == ("张三", "办公室", "秘书")
    assert contact.note == "café"


def test_utf16_and_bom_input() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李四\r\nEND:VCARD\r\n"
    assert one(text.encode("utf-16")).name == "李四"
    assert one(b"\xef\xbb\xbf" + text.encode()).name == "李四"
    assert one(text).name == "李四"  # str is accepted too


def test_unindented_v21_base64_block_is_skipped() -> None:
    contact = one(
        "BEGIN:VCARD\nVERSION:2.1\nFN:P\nPHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ\n"
        "SkZJRgABAQAAAQABAAD\nAAAA==\n\nTEL;WORK:1\nEND:VCARD\n"
    )
    assert contact.phones == [VCardPhone("1", "work")]


def test_nested_agent_card_is_skipped() -> None:
    contacts = parse_vcards(
        crlf(
            "BEGIN:VCARD\nVERSION:2.1\nFN:Boss\nAGENT:\nBEGIN:VCARD\nVERSION:2.1\n"
            "FN:Assistant\nTEL:2\nEND:VCARD\nTEL:1\nEND:VCARD\n"
        )
    )
    assert [(c.name, c.phones) for c in contacts] == [("Boss", [VCardPhone("1", "")])]


def test_lf_and_cr_line_ends_and_contact_lines() -> None:
    two = "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n\nBEGIN:VCARD\nVERSION:3.0\nFN:B\nEND:VCARD"
    assert [(c.name, c.line) for c in parse_vcards(two.encode())] == [("A", 1), ("B", 6)]
    assert [c.name for c in parse_vcards(two.replace("\n", "\r").encode())] == ["A", "B"]


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"", 1, "no vCard"),
        (b"\r\n  \r\n", 1, "no vCard"),
        (b"hello world\r\n", 1, "not a vCard"),
        (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", 1, "not a vCard"),
        (b"name,phone\r\n\xd5\xc5\xc8\xfd,010\r\n", 1, "not a vCard"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n", 1, "without END"),
        (b"BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:B\r\n", 4, "without END"),
        (b"BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\nEND:VCARD\r\n", 4, "without BEGIN"),
        (b"BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\njunk\r\n", 4, "not a vCard"),
        (b"BEGIN:VCARD\r\nFN:A\r\nno colon here\r\nEND:VCARD\r\n", 3, "without ':'"),
    ],
)
def test_invalid_input_names_the_line(data: bytes, line: int, words: str) -> None:
    with pytest.raises(VCardError) as caught:
        parse_vcards(data)
    assert caught.value.line == line
    assert words in caught.value.message
    assert str(caught.value).startswith(f"line {line}: ")


def test_a_broken_card_after_good_ones_imports_nothing() -> None:
    good = "BEGIN:VCARD\nVERSION:3.0\nFN:Good\nEND:VCARD\n" * 3
    with pytest.raises(VCardError) as caught:
        parse_vcards(crlf(good + "BEGIN:VCARD\nFN:Bad\n"))
    assert caught.value.line == 13


# ------------------------------------------------------------------ writing


def test_write_format() -> None:
    text = write_vcards(
        [
            VCardContact(
                name="张三",
                family_name="张",
                given_name="三",
                organization="市财政局",
                departments=["办公室"],
                title="主任",
                phones=[VCardPhone("010-12345678", "work"), VCardPhone("13800000000", "")],
                emails=["zs@example.cn"],
                note="a;b,c\\d\nsecond line",
            ),
            VCardContact(name="John Smith", family_name="Smith", given_name="John"),
            VCardContact(
                name="Mr. John Richter James Doe Sr.",
                family_name="Doe",
                given_name="John",
                middle_name="Richter,James",
                name_prefix="Mr.",
                name_suffix="Sr.",
                organization="IBM",
                departments=["Accounting", "Dungeon"],
            ),
            VCardContact(name="Company, The", organization="Company, The", company=True),
        ]
    )
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert lines[:6] == [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:张三",
        "N:张;三;;;",
        "ORG:市财政局;办公室",
        "TITLE:主任",
    ]
    assert "TEL;TYPE=work:010-12345678" in lines
    assert "TEL:13800000000" in lines
    assert "EMAIL;TYPE=INTERNET:zs@example.cn" in lines
    assert "NOTE:a\\;b\\,c\\\\d\\nsecond line" in lines
    assert "N:Smith;John;;;" in lines
    # A phone reads Doe as the family name and Mr./Sr. as honorifics, and the commas
    # between values of a part stay value separators.
    assert "N:Doe;John;Richter,James;Mr.;Sr." in lines
    assert "ORG:IBM;Accounting;Dungeon" in lines
    company = lines[lines.index("FN:Company\\, The") :]
    assert company[1:4] == ["N:;;;;", "ORG:Company\\, The", "X-ABShowAs:COMPANY"]
    assert lines.count("BEGIN:VCARD") == lines.count("END:VCARD") == 4


def test_write_folds_at_75_octets_without_splitting_characters() -> None:
    note = "办公室会议纪要" * 40 + "x" * 100 + "é" * 80
    text = write_vcards([VCardContact(name="李" * 60, note=note)])
    for physical in text.encode("utf-8").split(b"\r\n"):
        assert len(physical) <= 75
        physical.decode("utf-8")  # no character is cut in two
    assert one(text.encode("utf-8")).note == note


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_round_trips(hostile: str) -> None:
    contact = VCardContact(
        name=hostile,
        family_name=f"{hostile};,\\",
        given_name=hostile,
        middle_name=f"{hostile},{hostile}",
        name_prefix=hostile,
        name_suffix=f"{hostile}\\",
        organization=f"{hostile};org,\\",
        departments=[hostile, f"{hostile};,\\"],
        title=hostile,
        phones=[VCardPhone(f"010{hostile}", "work")],
        emails=[hostile],
        note=(hostile + " ;,\\ \n") * 20 + "end",
    )
    (back,) = parse_vcards(write_vcards([contact]).encode("utf-8"))
    assert dataclasses.replace(back, line=0) == contact


def test_round_trip_of_chinese_contacts() -> None:
    contacts = [
        VCardContact(
            name="欧阳修",
            family_name="欧阳",
            given_name="修",
            organization="某市人民政府办公室",
            departments=["秘书一科"],
            title="科长",
            phones=[VCardPhone("0571-87654321", "work"), VCardPhone("+86 138 0000 0000", "cell")],
            emails=["oyx@example.gov.cn"],
            note="周一上午开会；带上材料，别迟到。\n第二行",
        ),
        VCardContact(
            name="张三", family_name="张", given_name="三", phones=[VCardPhone("12345", "fax")]
        ),
    ]
    assert without_line(parse_vcards(write_vcards(contacts).encode("utf-8"))) == contacts


_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=90)
_FIELD = _TEXT.map(str.strip)
_NONEMPTY = _FIELD.filter(bool)
#: The card's fields of one line of text (its name, each part of it, organisation, title).
_ONE_LINE_FIELDS = (
    "name",
    "family_name",
    "given_name",
    "middle_name",
    "name_prefix",
    "name_suffix",
    "organization",
    "title",
)
_CONTACTS = st.lists(
    st.builds(
        VCardContact,
        **dict.fromkeys(_ONE_LINE_FIELDS, _FIELD),
        departments=st.lists(_NONEMPTY, max_size=3),
        company=st.booleans(),
        phones=st.lists(
            st.builds(
                VCardPhone,
                number=_NONEMPTY.filter(lambda s: s[:4].lower() != "tel:"),
                label=st.sampled_from(["", "cell", "work", "home", "fax", "pager", "办公室"]),
            ),
            max_size=3,
        ),
        emails=st.lists(_NONEMPTY, max_size=2),
        note=st.text(
            st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=400
        ).map(str.strip),
        categories=st.lists(_NONEMPTY, max_size=3, unique=True),
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_CONTACTS)
def test_write_then_parse_round_trips(contacts: list[VCardContact]) -> None:
    data = write_vcards(contacts).encode("utf-8")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    assert without_line(parse_vcards(data)) == contacts
