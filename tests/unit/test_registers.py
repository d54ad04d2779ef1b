"""The registers in and out of Excel and CSV, and the document commands of the shell."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path

import pytest
import time_machine
from openpyxl import Workbook, load_workbook

from secdesk.cli import main
from secdesk.office.documents import register_import
from tests.conftest import stored_rows

pytestmark = pytest.mark.both_engines

NOW = "2026-11-27 10:32:00 +0800"
MARK = "[/]甲[2J[@click=app.quit]x"
"""Hostile text a worksheet can hold (control characters cannot be in an .xlsx: see
``test_control_characters_are_shown_not_lost``)."""


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def messy_workbook(path: Path) -> None:
    """A register as offices keep it: a title row, its running 收文编号, a merged sender
    over two rows, blank rows, dates five ways, [] and () for 〔〕, a total row, one unreadable date."""
    book = Workbook()
    sheet = book.active
    sheet.append(["某区政府办公室2025年收文登记簿"])
    sheet.merge_cells("A1:H1")
    sheet.append([])
    sheet.append(
        ["收文编号", "收文日期", "来文机关", "来文字号", "文件标题", "密级", "缓急", "份数"]
    )
    sheet.append(
        [1, "2025-03-04", "某市应急管理局", "某应急发[2025]3号", "关于防汛的通知", "", "加急", 2]
    )
    sheet.append([2, "2025/3/5", "", "某应急函(2025)4号", "关于核实数据的函", "", "", 1])
    sheet.merge_cells("C4:C5")  # the same sender, merged over both rows
    sheet.append([])
    sheet.append(
        [3, "2025.3.6", "某市财政局", "某财发〔2025〕第12号", "关于预算的通知", "内部", "", "3份"]
    )
    sheet.append(
        [4, "2025年3月7日", "某市教育局", "某教发【2025】8号", "关于开学的通知", "", "特急", ""]
    )
    sheet.append([5, 45724, "某市卫健委", "某卫发[2025]2号", "关于卫生检查的通知", "", "", 1])
    sheet.append([6, "三月八日", "某市民政局", "", "日期写错的一行", "", "", 1])
    sheet.append([7, datetime(2025, 3, 10), "某市公安局", "", MARK, "秘密", "", 1])
    sheet.append(["合计", "", "", "", "", "", "", 9])
    book.save(path)


@time_machine.travel(NOW, tick=False)
def test_a_messy_register_is_read_row_by_row(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    xlsx, db = tmp_path / "收文.xlsx", tmp_path / "x.db"
    messy_workbook(xlsx)
    code, out, _err = run(capsys, "--db", str(db), "import", "register", "incoming", str(xlsx))
    assert code == 0
    assert "Header on row 3" in out
    assert "row 10: cannot read the date “三月八日”" in out
    assert "6 rows to add" in out and "A preview only: add --yes to import." in out
    assert stored_rows(db, "SELECT count(*) FROM incomingdocument") == [(0,)]

    code, out, _err = run(
        capsys, "--db", str(db), "import", "register", "incoming", str(xlsx), "--yes"
    )
    assert code == 0 and "Imported 6 documents" in out
    got = stored_rows(
        db,
        "SELECT serial, date(received_at, '+8 hours'), sender, doc_number, title, "
        "classification, urgency, copies FROM incomingdocument ORDER BY serial",
    )
    assert got == [
        (
            1,
            "2025-03-04",
            "某市应急管理局",
            "某应急发〔2025〕3号",
            "关于防汛的通知",
            "none",
            "urgent",
            2,
        ),
        (
            2,
            "2025-03-05",
            "某市应急管理局",
            "某应急函〔2025〕4号",
            "关于核实数据的函",
            "none",
            "normal",
            1,
        ),
        (
            3,
            "2025-03-06",
            "某市财政局",
            "某财发〔2025〕12号",
            "关于预算的通知",
            "internal",
            "normal",
            3,
        ),
        (
            4,
            "2025-03-07",
            "某市教育局",
            "某教发〔2025〕8号",
            "关于开学的通知",
            "none",
            "extra_urgent",
            1,
        ),
        (
            5,
            "2025-03-08",
            "某市卫健委",
            "某卫发〔2025〕2号",
            "关于卫生检查的通知",
            "none",
            "normal",
            1,
        ),
        (7, "2025-03-10", "某市公安局", "", MARK, "confidential", "normal", 1),
    ]
    audits = stored_rows(db, "SELECT count(*) FROM event WHERE action = 'import'")
    assert audits == [(6,)]
    # The same file again adds nothing.
    code, out, _err = run(
        capsys, "--db", str(db), "import", "register", "incoming", str(xlsx), "--yes"
    )
    assert code == 0 and "0 rows to add" in out and "6 already in the register" in out
    assert stored_rows(db, "SELECT count(*) FROM incomingdocument") == [(6,)]


def test_a_gbk_csv_with_receipt_numbers(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    csv_path, db = tmp_path / "reg.csv", tmp_path / "x.db"
    text = (
        "收文号,收文日期,来文机关,来文字号,文件标题,文种\r\n"
        "2024-0007,2024-05-06,某市发改委,某发改发(2024)9号,关于项目申报的通知,通知\r\n"
        "2024-0008,2024/5/7,某市发改委,,关于征求意见的函,函\r\n"
        ",,,,,\r\n"
        "2024-0009,2024/5/8,某市人大,,关于议案办理的函,便条\r\n"
        "总计,,,,,\r\n"
    )
    csv_path.write_bytes(text.encode("gbk"))
    code, out, _err = run(
        capsys, "--db", str(db), "import", "register", "incoming", str(csv_path), "--yes"
    )
    assert code == 0
    assert "row 5: “便条” is not one of the 15 document types" in out
    assert stored_rows(db, "SELECT year, serial, doc_number, doc_type FROM incomingdocument") == [
        (2024, 7, "某发改发〔2024〕9号", "通知"),
        (2024, 8, "", "函"),
    ]
    # A document registered afterwards takes the next number after the imported ones.
    code, out, _err = run(
        capsys,
        "--db",
        str(db),
        "log",
        "incoming",
        "--from",
        "某市",
        "--at",
        "2024-06-01 9:00",
        "补登",
    )
    assert out.split()[-1] == "2024-0009"


def test_excel_serial_and_written_dates() -> None:
    for typed, day in (
        ("2025-03-04", date(2025, 3, 4)),
        ("2025/3/4", date(2025, 3, 4)),
        ("2025.3.4", date(2025, 3, 4)),
        ("2025年3月4日", date(2025, 3, 4)),
        (45720, date(2025, 3, 4)),
        ("45720", date(2025, 3, 4)),
        ("20250304", date(2025, 3, 4)),
        (datetime(2025, 3, 4, 9), date(2025, 3, 4)),
        ("2025-03-04 09:30", date(2025, 3, 4)),
    ):
        assert register_import.sheet_date(typed) == day, typed
    assert register_import.sheet_date("") is None
    for bad in ("2025-13-01", "昨天", 3):
        with pytest.raises(register_import.RowError):
            register_import.sheet_date(bad)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_export_then_import_gives_the_same_register(capsys, tmp_path: Path, lang: str) -> None:  # noqa: ANN001
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    for title, sender, extra in (
        ("关于防汛的通知", "某市应急局", ["--number", "某应急发[2026]3号", "--urgency", "urgent"]),
        (MARK, MARK, ["--due", "10wd", "--type", "令"]),
    ):
        code, _out, _err = run(
            capsys, "--db", str(first), "log", "incoming", "--from", sender, *extra, title
        )
        assert code == 0
    for title, prefix in (
        ("关于印发方案的通知", "某府发"),
        ("关于复函", "某府函"),
        ("又一个", "某府发"),
    ):
        code, _out, _err = run(
            capsys,
            "--db",
            str(first),
            "log",
            "outgoing",
            "--yes",  # a script starts the new series without being asked
            "--prefix",
            prefix,
            "--signer",
            "刘区长",
            title,
        )

    def import_register(register: str, xlsx: Path) -> None:
        argv = ["--db", str(second), "--lang", lang, "import", "register", register, str(xlsx)]
        code, out, _err = run(capsys, *argv, "--yes")
        assert code == 0, out

    for register in ("incoming", "outgoing"):
        xlsx = tmp_path / f"{register}.xlsx"
        code, out, _err = run(
            capsys,
            "--db",
            str(first),
            "--lang",
            lang,
            "export",
            "register",
            register,
            "--year",
            "2026",
            str(xlsx),
        )
        assert code == 0
        sheet = load_workbook(xlsx).active
        header = [c.value for c in sheet[2]]
        assert header[0] == ("收文号" if lang == "zh" and register == "incoming" else header[0])
        import_register(register, xlsx)
    columns = {
        "incomingdocument": "year, serial, sender, doc_number, title, doc_type, urgency, due, status",
        "outgoingdocument": "doc_number, prefix, year, serial, title, signed_off_by, doc_type",
    }
    for table, cols in columns.items():
        sql = f"SELECT {cols} FROM {table} ORDER BY title"
        assert stored_rows(second, sql) == stored_rows(first, sql), table
    # And again: nothing new.
    import_register("outgoing", tmp_path / "outgoing.xlsx")
    assert stored_rows(second, "SELECT count(*) FROM outgoingdocument") == [(3,)]


@time_machine.travel(NOW, tick=False)
def test_exports_leave_classified_documents_out_unless_asked(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db = tmp_path / "x.db"
    from secdesk.calendar import clock
    from secdesk.services import records
    from secdesk.services.inputs import IncomingInput
    from secdesk.services.store import Store

    store = Store(db)
    for title, classification in (
        ("公开文件", "none"),
        ("绝密文件", "top_secret"),
        ("内部文件", "internal"),
    ):
        store.write(
            records.create,
            "incoming",
            IncomingInput(
                sender="某市",
                title=title,
                received_at=clock.now_local(),
                classification=classification,
            ),
        )
    store.close()
    out_csv = tmp_path / "out.csv"
    run(capsys, "--db", str(db), "export", "register", "incoming", str(out_csv))
    text = out_csv.read_text(encoding="utf-8-sig")
    assert "公开文件" in text and "内部文件" in text and "绝密文件" not in text
    run(
        capsys,
        "--db",
        str(db),
        "export",
        "register",
        "incoming",
        "--include-classified",
        "--force",  # the file written above is replaced
        str(out_csv),
    )
    assert "绝密文件" in out_csv.read_text(encoding="utf-8-sig")


@time_machine.travel(NOW, tick=False)
def test_log_incoming_prints_the_receipt_number_last(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db = str(tmp_path / "x.db")
    code, out, err = run(
        capsys,
        "--db",
        db,
        "log",
        "incoming",
        "--from",
        "某市政府",
        "--number",
        "某府发(2026)3号",
        "--urgency",
        "extra_urgent",
        "--due",
        "15d",
        "关于[bold]冬季防火的通知",
    )
    assert (code, err) == (0, "") and out.split()[-1] == "2026-0001"
    code, out, err = run(
        capsys, "--db", db, "log", "incoming", "--from", "某市", "--due", "someday", "x"
    )
    assert code == 2 and "Write a date" in err
    assert stored_rows(Path(db), "SELECT title, doc_number, due FROM incomingdocument") == [
        ("关于[bold]冬季防火的通知", "某府发〔2026〕3号", "2026-12-14")
    ]


def test_log_outgoing_from_many_processes_gives_distinct_numbers_without_gaps(
    tmp_path: Path,
) -> None:
    db = tmp_path / "x.db"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}

    def log_outgoing(*argv: str) -> str:
        """The number ``secdesk log outgoing --prefix 某府函 ARGV`` prints, in its own process."""
        done = subprocess.run(
            [sys.executable, "-m", "secdesk", "--db", str(db), "log", "outgoing"]
            + ["--prefix", "某府函", *argv],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split()[-1]

    log_outgoing("--yes", "起头")  # the first of a new series

    def one(i: int) -> str:
        return log_outgoing("--signer", "刘区长", f"并发{i}")

    with ThreadPoolExecutor(6) as pool:
        numbers = list(pool.map(one, range(12)))
    year = datetime.now().year
    assert sorted(numbers) == sorted(f"某府函〔{year}〕{n}号" for n in range(2, 14))
    assert stored_rows(
        db, "SELECT count(DISTINCT doc_number), max(serial) FROM outgoingdocument"
    ) == [(13, 13)]


@time_machine.travel(NOW, tick=False)
def test_the_archive_catalogue(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    from secdesk.calendar import clock
    from secdesk.office.documents import archive
    from secdesk.services import records
    from secdesk.services.inputs import IncomingInput
    from secdesk.services.store import Store

    db = tmp_path / "x.db"
    store = Store(db)
    ids = [
        store.write(
            records.create,
            "incoming",
            IncomingInput(sender="某市", title=t, received_at=clock.now_local(), classification=c),
        ).id
        for t, c in (("甲文件", "none"), ("乙文件", "none"), ("密文件", "secret"))
    ]
    for record_id, retention in zip(ids, ("10y", "permanent", "10y"), strict=True):
        store.write(archive.file_document, "incoming", record_id, retention)
    store.close()
    xlsx = tmp_path / "目录.xlsx"
    code, out, _err = run(
        capsys, "--db", str(db), "--lang", "zh", "export", "archive", "--year", "2026", str(xlsx)
    )
    assert code == 0
    sheet = load_workbook(xlsx).active
    assert sheet["A1"].value.startswith("归档文件目录")
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [(r[0], r[3], r[6]) for r in body] == [(1, "乙文件", "永久"), (1, "甲文件", "10年")]


@time_machine.travel(NOW, tick=False)
def test_control_characters_are_shown_not_lost(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db, xlsx = tmp_path / "x.db", tmp_path / "out.xlsx"
    run(capsys, "--db", str(db), "log", "incoming", "--from", "某市", "标题\x1b[2J结尾")
    code, _out, _err = run(capsys, "--db", str(db), "export", "register", "incoming", str(xlsx))
    assert code == 0
    sheet = load_workbook(xlsx).active
    assert sheet["E3"].value == "标题\ufffd[2J结尾"


def test_an_imported_outgoing_register_is_checked_for_gaps_and_duplicates(
    capsys, tmp_path: Path
) -> None:  # noqa: ANN001
    csv_path, db = tmp_path / "out.csv", tmp_path / "x.db"
    csv_path.write_text(
        "发文字号,文件标题,签发人\n"
        "某府发[2025]1号,甲,刘\n"
        "某府发(2025)2号,乙,刘\n"
        "某府发〔2025〕2号,丙,刘\n"
        "某府发〔2025〕5号,丁,刘\n",
        encoding="utf-8",
    )
    code, out, _err = run(
        capsys, "--db", str(db), "import", "register", "outgoing", str(csv_path), "--yes"
    )
    assert code == 0 and "Imported 4 documents" in out
    assert "Missing numbers: 某府发〔2025〕3号、某府发〔2025〕4号" in out
    assert "Numbers given twice: 某府发〔2025〕2号" in out


@time_machine.travel(NOW, tick=False)
def test_today_never_prints_a_classified_title(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    from secdesk.calendar import clock
    from secdesk.services import records
    from secdesk.services.inputs import IncomingInput
    from secdesk.services.store import Store

    db = tmp_path / "x.db"
    store = Store(db)
    store.write(
        records.create,
        "incoming",
        IncomingInput(
            sender="某市国家安全局",
            title="机密标题甲",
            received_at=clock.now_local(),
            classification="secret",
            urgency="extra_urgent",
        ),
    )
    store.close()
    for args in (["today"], ["today", "--json"]):
        code, out, _err = run(capsys, "--db", str(db), *args)
        assert code == 0 and "机密标题甲" not in out
        assert "某市国家安全局" in out or "Inbox · 1 in all" in out


def test_configured_prefixes_are_suggested_and_others_are_asked_about(
    capsys,
    tmp_path: Path,
    session,  # noqa: ANN001
) -> None:
    from secdesk import config
    from secdesk.services.lookups import suggest

    config.config_path().write_text('document_prefixes = ["某府发", "某府函"]\n', encoding="utf-8")
    assert [s.value for s in suggest(session, "prefixes", "某府")] == ["某府发", "某府函"]
    db = str(tmp_path / "x.db")
    code, _out, err = run(capsys, "--db", db, "log", "outgoing", "--prefix", "某县发", "标题")
    assert code == 2 and "Start a new series 某县发? The prefixes in use are 某府发、某府函." in err
    code, out, _err = run(capsys, "--db", db, "log", "outgoing", "--prefix", "某府函", "标题")
    assert code == 0 and out.split()[-1].startswith("某府函〔")
