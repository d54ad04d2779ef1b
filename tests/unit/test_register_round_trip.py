"""Registers that go out to Excel and come back whole, and the files offices really keep:
text as written (full-width punctuation, circled numbers, mixed scripts), every state,
classified rows, voided numbers with their reason, filing dates; a file without its key
column, clashing numbers, rows given twice, days written without their year."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
import time_machine
from openpyxl import Workbook, load_workbook

from secdesk.cli import main
from secdesk.models import IncomingDocument, OutgoingDocument
from secdesk.models.document import IncomingStatus, OutgoingStatus
from secdesk.office.documents import archive
from tests.conftest import stored_rows
from tests.factories import filled_database, local

NOW = "2026-11-27 10:32:00 +0800"
TITLES = (
    "关于征求《某区人民政府令：（征求意见稿）》意见的函",
    "①要点；②附件（共３份）",
    "关于 Wi-Fi 与 5G 基站建设的 αβγ 通知？",
    "某区人民政府令：《关于印发〈方案〉的通知》",
    "“双减”工作①②③落实情况！",
    "Ａ栋（东区）改造：第一期",
    "关于（２０２６）年度预算的报告",
    "结尾有全角空格　",
    "混合 script: 日本語かな、한국어",
    "【急】关于⑩号文件的说明",
)
#: Every state, in the order the steps reach them (a voided outgoing number is its own case).
INCOMING_STATES = tuple(s.value for s in IncomingStatus)
OUTGOING_STATES = tuple(s.value for s in OutgoingStatus if s != OutgoingStatus.voided)


def run(capsys, *argv: str) -> tuple[int, str]:  # noqa: ANN001
    code = main(list(argv))
    return code, capsys.readouterr().out


def _office(session) -> None:  # noqa: ANN001
    """Every incoming and outgoing state, classified rows, voided numbers and filings."""
    classifications = ("none", "internal", "confidential", "secret", "top_secret")
    for i, state in enumerate(INCOMING_STATES):
        doc = IncomingDocument(
            year=2026,
            serial=i + 1,
            received_at=local(2026, 3, 1 + i),
            sender=("某市司法局（法制办）", "ＸＸ省厅：办公室", "某区①街道")[i % 3],
            doc_number=("某司函〔2026〕12号", "", "内部（２０２６）①号")[i % 3],
            title=TITLES[i],
            doc_type=("函", "通知", "报告", "命令")[i % 4],
            classification=classifications[i % 5],
            urgency=("normal", "urgent", "extra_urgent")[i % 3],
            copies=1 + i,
            undertaking_unit="综合科（督查室）" if i % 2 else "",
            due=date(2026, 4, 1 + i) if i % 2 else None,
            status=state,
            result={"completed": "已按①②办理：见附件（二）", "returned": "退回：格式不符"}.get(
                state, ""
            ),
        )
        session.add(doc)
        session.flush()
        if state in ("filed", "completed"):
            archive.file_document(
                session, "incoming", doc.id, "30y", 2026, filed_at=local(2026, 6, 10 + i)
            )
    for i, state in enumerate(OUTGOING_STATES):
        numbered = OUTGOING_STATES.index(state) >= OUTGOING_STATES.index("registered")
        doc = OutgoingDocument(
            title=TITLES[-1 - i],
            doc_type=("通知", "函", "请示")[i % 3],
            classification=classifications[i % 5],
            urgency=("normal", "urgent")[i % 2],
            status=state,
            drafted_by="综合科：王①",
            drafted_at=local(2026, 2, 1 + i),
            signed_off_by="刘区长（代）" if i >= 2 else "",
            signed_off_on=date(2026, 2, 3 + i) if i >= 2 else None,
            prefix="某府发",  # a draft has its 代字 before its number
            year=2026 if numbered else None,
            serial=i if numbered else None,
            doc_number=f"某府发〔2026〕{i}号" if numbered else "",
            registered_at=local(2026, 2, 5 + i) if numbered else None,
            main_recipients="各街道（乡镇）；区直各单位",
            cc_recipients="区委办、区人大办" if i % 2 else "",
            copies=10 + i,
            dispatched_at=local(2026, 2, 8 + i) if state in ("dispatched", "filed") else None,
        )
        session.add(doc)
        session.flush()
        if state == "filed":
            archive.file_document(
                session, "outgoing", doc.id, "permanent", 2026, filed_at=local(2026, 7, 1)
            )
    for serial, reason in ((20, "文号印制错误，重新编号（见①）"), (21, "")):
        session.add(
            OutgoingDocument(
                title=f"作废的文（{serial}）",
                status="registered",
                drafted_at=local(2026, 5, 1),
                signed_off_by="刘区长",
                signed_off_on=date(2026, 5, 2),
                prefix="某府函",
                year=2026,
                serial=serial,
                doc_number=f"某府函〔2026〕{serial}号",
                registered_at=local(2026, 5, 2),
                voided_at=local(2026, 5, 3),
                void_reason=reason,
            )
        )


def _sheet(path: Path) -> list[list[object]]:
    return [[c.value for c in row] for row in load_workbook(path).active.iter_rows()]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_export_import_export_gives_the_same_registers(capsys, tmp_path: Path, lang: str) -> None:  # noqa: ANN001
    """Export, import into an empty database, export again: the same sheets, cell by cell."""
    first, second = filled_database(tmp_path / "first.db", _office), tmp_path / "second.db"
    for register in ("incoming", "outgoing"):
        out1, out2 = tmp_path / f"{register}1.xlsx", tmp_path / f"{register}2.xlsx"
        common = ("--lang", lang)
        export = ("export", "register", register, "--include-classified")
        code, _out = run(capsys, "--db", str(first), *common, *export, str(out1))
        assert code == 0
        assert stat.S_IMODE(out1.stat().st_mode) == 0o600  # it names people
        code, out = run(
            capsys, "--db", str(second), *common, "import", "register", register, str(out1), "--yes"
        )
        assert code == 0, out
        code, _out = run(capsys, "--db", str(second), *common, *export, str(out2))
        assert code == 0
        before, after = _sheet(out1), _sheet(out2)
        assert len(before) == len(after) > 8
        for row_before, row_after in zip(before, after, strict=True):
            assert row_before == row_after
    conn = sqlite3.connect(second)
    try:
        titles = {t for (t,) in conn.execute("SELECT title FROM incomingdocument")}
        assert titles == set(TITLES)
        voided = conn.execute(
            "SELECT doc_number, void_reason FROM outgoingdocument WHERE voided_at IS NOT NULL "
            "ORDER BY serial"
        ).fetchall()
        assert voided == [
            ("某府函〔2026〕20号", "文号印制错误，重新编号（见①）"),
            ("某府函〔2026〕21号", ""),
        ]
        states = conn.execute(
            "SELECT status, count(*) FROM outgoingdocument WHERE voided_at IS NULL "
            "GROUP BY status ORDER BY status"
        ).fetchall()
        assert states == sorted((s, 1) for s in OUTGOING_STATES)
        filed = conn.execute(
            "SELECT kind, date(filed_at, '+8 hours') FROM archiveentry ORDER BY kind, filed_at"
        ).fetchall()
        assert filed == [
            ("incoming", "2026-06-17"),
            ("incoming", "2026-06-18"),
            ("outgoing", "2026-07-01"),
        ]
    finally:
        conn.close()


def _book(path: Path, title: str | None, header: list[str], rows: list[list[object]]) -> None:
    book = Workbook()
    sheet = book.active
    if title is not None:
        sheet.title = title
    for row in [*([[title]] if title else []), header, *rows]:
        sheet.append(row)
    book.save(path)


def test_a_register_without_its_key_column_is_refused(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db = tmp_path / "x.db"
    incoming, outgoing = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    _book(incoming, None, ["收文日期", "来文机关", "文件标题"], [["2026-03-01", "某市", "甲"]])
    _book(outgoing, None, ["文件标题", "签发人"], [["关于（试行）的通知", "刘"]])
    for register, path, column in (
        ("incoming", incoming, "收文号"),
        ("outgoing", outgoing, "发文字号"),
    ):
        code = main(["--db", str(db), "--lang", "zh", "import", "register", register, str(path)])
        err = capsys.readouterr().err
        assert code != 0
        assert f"没有“{column}”列" in err and "未导入任何内容" in err
    for table in ("incomingdocument", "outgoingdocument"):
        assert stored_rows(db, f"SELECT count(*) FROM {table}") == [(0,)]  # noqa: S608


CLASHES = {
    "incoming": (
        "收文号,收文日期,来文机关,文件标题\n"
        "2026-0001,2026-03-01,某市（司法局）,关于①的通知\n"
        "2026-0002,2026-03-02,某市财政局,关于②的通知\n",
        "收文号,收文日期,来文机关,文件标题\n"
        # The same document, its brackets typed half-width: already in the register.
        "2026-0001,2026-03-01,某市(司法局),关于①的通知\n"
        # Number 2 is another document in the register: a clash, not a duplicate.
        "2026-0002,2026-03-02,某市财政局,关于预算的报告\n"
        "2026-0003,2026-03-03,某市教育局,关于③的通知\n"
        "2026-0003,2026-03-03,某市教育局,关于③的通知\n"
        "2026-0004,2026-03-04,某市民政局,关于④的通知\n"
        "2026-0004,2026-03-04,某市民政局,关于别的通知\n",
        [
            "row 3: 2026-0002 is in the register already, for another document: “关于②的通知” "
            "from 某市财政局",
            "row 5: the same as row 4",
            "row 7: receipt number 2026-0004 is also on row 6",
            "2 rows to add; 1 already in the register",
        ],
    ),
    "outgoing": (
        "发文字号,文件标题\n某府发〔2026〕1号,关于（试行）办法的通知\n",
        "发文字号,文件标题\n"
        "某府发[2026]1号,关于(试行)办法的通知\n"
        "某府发〔2026〕1号,另一个文件\n"
        "某府发〔2026〕2号,新文件\n"
        "某府发〔2026〕2号,新文件\n",
        [
            "row 3: 某府发〔2026〕1号 is in the register already, for another document: "
            "“关于（试行）办法的通知”",
            "row 5: the same as row 4",
            "1 row to add; 1 already in the register",
        ],
    ),
}


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("register", ["incoming", "outgoing"])
def test_clashes_and_rows_given_twice_are_named(capsys, tmp_path: Path, register: str) -> None:  # noqa: ANN001
    """A number the register holds for another document is a clash (the same document,
    typed with half-width brackets, is already there); a row given twice is named."""
    db, first, second = tmp_path / "x.db", tmp_path / "a.csv", tmp_path / "b.csv"
    before, after, lines = CLASHES[register]
    first.write_text(before, encoding="utf-8")
    code, _out = run(capsys, "--db", str(db), "import", "register", register, str(first), "--yes")
    assert code == 0
    second.write_text(after, encoding="utf-8")
    code, out = run(capsys, "--db", str(db), "import", "register", register, str(second))
    assert code == 0
    for line in lines:
        assert line in out


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("title", "sheet_name", "source"),
    [
        ("某区政府办公室2025年收文登记簿", None, "某区政府办公室2025年收文登记簿"),
        (None, "2025年收文", "2025年收文"),
    ],
)
def test_days_without_a_year_take_the_sheets_year(
    capsys,  # noqa: ANN001
    tmp_path: Path,
    title: str | None,
    sheet_name: str | None,
    source: str,
) -> None:
    db, path = tmp_path / "x.db", tmp_path / "reg.xlsx"
    book = Workbook()
    sheet = book.active
    if sheet_name:
        sheet.title = sheet_name
    if title:
        sheet.append([title])
    sheet.append(["收文编号", "收文日期", "来文机关", "文件标题", "办理时限"])
    sheet.append(["1", "1月22日", "某市（应急局）", "关于①的通知", "2月3日"])
    sheet.append(["2", "12/30", "某市", "关于②的通知", ""])
    book.save(path)
    code, out = run(capsys, "--db", str(db), "import", "register", "incoming", str(path), "--yes")
    assert code == 0, out
    assert f"Days written without a year are of 2025, as “{source}” says." in out
    got = stored_rows(
        db,
        "SELECT year, serial, date(received_at, '+8 hours'), due, sender FROM "
        "incomingdocument ORDER BY serial",
    )
    assert got == [
        (2025, 1, "2025-01-22", "2025-02-03", "某市（应急局）"),
        (2025, 2, "2025-12-30", None, "某市"),
    ]


def test_a_day_without_a_year_in_a_sheet_without_one_is_refused(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db, path = tmp_path / "x.db", tmp_path / "收文.xlsx"
    _book(path, None, ["收文编号", "收文日期", "文件标题"], [["1", "1月22日", "关于①的通知"]])
    code, out = run(capsys, "--db", str(db), "import", "register", "incoming", str(path))
    assert code == 0
    assert (
        "row 2: “1月22日” has no year, and neither the sheet's title nor its name gives one" in out
    )
    assert "0 rows to add" in out
