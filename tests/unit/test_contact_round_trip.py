"""The contact book out to a vCard file and back whole: every relation to the office (as
CATEGORIES, read in either language), structured names, several numbers, full-width
punctuation and mixed scripts; the file readable by its owner alone."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlmodel import select

from secdesk.cli import main
from secdesk.labels import LABELS
from secdesk.models import Contact
from secdesk.office.contacts import cards
from tests.conftest import SAMPLES, need_samples
from tests.factories import contact, filled_database

PEOPLE = [
    # name, relation, organisation, department, structured name parts, numbers, notes
    ("欧阳修（副区长）", "leader", "某区人民政府", "", ("欧阳", "修", "", "", "副区长")),
    ("王①", "colleague", "某区政府办公室", "秘书一科；综合科", ("王", "①", "", "", "")),
    (
        "Ｊｏｈｎ　Ｓｍｉｔｈ",
        "superior",
        "某市政府办公厅",
        "",
        ("Ｓｍｉｔｈ", "Ｊｏｈｎ", "", "", ""),
    ),
    ("李四：财务", "department", "某区财政局", "预算科", ("李", "四", "", "", "")),
    ("张三《群众》", "grassroots", "", "", ("张", "三", "", "", "")),
    ("赵六 Zhao", "family", "", "", ("赵", "六", "", "", "")),
    ("山田太郎、かな", "other", "某公司（日本）", "", ("山田", "太郎", "", "", "")),
]


def _book(session) -> None:  # noqa: ANN001
    names = ("family_name", "given_name", "middle_name", "name_prefix", "name_suffix")
    for i, (name, relation, org, department, parts) in enumerate(PEOPLE):
        contact(
            session,
            name,
            [(f"1380000{i:04d}", "mobile"), (f"0571-8765{i:04d}", "work"), (f"0571-1{i}", "fax")],
            organization=org,
            relation=relation,
            department=department,
            **dict(zip(names, parts, strict=True)),
            title="科长（兼）" if i % 2 else "",
            notes=f"来访①：{name}；反映问题“噪音”。" if relation == "grassroots" else "",
        )


def _rows(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT c.name, c.relation, c.family_name, c.given_name, c.name_suffix, c.title, "
            "c.department, c.notes, coalesce(o.name, ''), "
            "(SELECT group_concat(p.number || '/' || p.label, ' ') FROM "
            " (SELECT * FROM contactphone p WHERE p.contact_id = c.id ORDER BY p.number) p) "
            "FROM contact c LEFT JOIN organization o ON o.id = c.organization_id ORDER BY c.name"
        ).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_export_import_export_gives_the_same_book(capsys, tmp_path: Path, lang: str) -> None:  # noqa: ANN001
    first, second = filled_database(tmp_path / "first.db", _book), tmp_path / "second.db"
    out1, out2 = tmp_path / "book1.vcf", tmp_path / "book2.vcf"
    assert main(["--db", str(first), "--lang", lang, "export", "contacts", str(out1)]) == 0
    assert stat.S_IMODE(out1.stat().st_mode) == 0o600
    assert main(["--db", str(second), "--lang", lang, "import", "contacts", str(out1)]) == 0
    assert main(["--db", str(second), "--lang", lang, "export", "contacts", str(out2)]) == 0
    capsys.readouterr()
    assert out2.read_bytes() == out1.read_bytes()
    assert _rows(second) == _rows(first)
    relations = {row[1] for row in _rows(second)}
    assert relations == set(LABELS["relation"])
    leader = "单位领导" if lang == "zh" else "Leader"
    assert f"CATEGORIES:{leader}\r\n" in out1.read_bytes().decode("utf-8")


def test_categories_are_read_in_either_language(session) -> None:  # noqa: ANN001
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nTEL:{tel}\r\nCATEGORIES:{cats}\r\nEND:VCARD\r\n"
    )
    data = "".join(
        card.format(name=name, tel=tel, cats=cats)
        for name, tel, cats in (
            ("甲", "1", "单位领导"),
            ("乙", "2", "myContacts,Colleague"),
            ("丙", "3", "Starred in Android,群众"),
            ("丁", "4", "基层／群众"),
            ("戊", "5", "Friends"),
            ("己", "6", "superior body"),
        )
    )
    cards.import_vcards(session, data.encode("utf-8"))
    got = {c.name: c.relation for c in session.exec(select(Contact))}
    assert got == {
        "甲": "leader",
        "乙": "colleague",
        "丙": "grassroots",
        "丁": "grassroots",
        "戊": "other",
        "己": "superior",
    }
    # A card met again fills a relation the book does not have yet, and changes no other.
    again = card.format(name="戊", tel="5", cats="家属") + card.format(
        name="甲", tel="1", cats="同事"
    )
    cards.import_vcards(session, again.encode("utf-8"))
    session.flush()
    got = {c.name: c.relation for c in session.exec(select(Contact))}
    assert (got["戊"], got["甲"]) == ("family", "leader")


SAMPLE_FILES = sorted(p.name for p in (SAMPLES / "vcf").glob("*.vcf")) or ["(none)"]


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_phone_and_mail_client_books_still_import(session, name: str) -> None:  # noqa: ANN001
    report = cards.import_vcards(session, need_samples("vcf", name).read_bytes())
    assert report.added
