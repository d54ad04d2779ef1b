"""The shell says what is wrong in one sentence of the interface language, instead of
hanging, creating what nobody asked for or passing control characters through."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from secdesk.cli import main
from tests.conftest import missing


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_desk_without_a_terminal_says_so_instead_of_hanging(tmp_path: Path) -> None:
    """``secdesk </dev/null >file`` (a script, a cron job): no escape codes, no hang; a
    sentence pointing to ``secdesk today``, exit non-zero, in either language."""
    for lang, said in (("en", "The desk needs a terminal"), ("zh", "工作台需要在终端中显示")):
        done = subprocess.run(
            [sys.executable, "-m", "secdesk", "--lang", lang],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode != 0
        assert done.stdout == "" and "\x1b" not in done.stderr
        assert said in done.stderr and "secdesk today" in done.stderr
        assert not (tmp_path / "home" / "secdesk.db").exists()


class Terminal:
    """A person at a terminal answering ``answer``."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.asked = 0

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        self.asked += 1
        return self.answer + "\n"


def test_a_mistyped_db_folder_is_not_created_without_asking(
    capsys,  # noqa: ANN001
    monkeypatch,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    """``--db ~/offcie/secdesk.db`` on a saving command: a script is refused (nothing made),
    a person is asked; no means nothing is made, yes makes the folder and the database."""
    typo = tmp_path / "offcie" / "secdesk.db"
    code, out, err = run(capsys, "--db", str(typo), "log", "call", "--from", "张三", "来电")
    assert code != 0 and out == ""
    assert f"There is no folder {typo.parent}" in err and "Nothing was saved." in err
    assert not typo.parent.exists()

    person = Terminal("n")
    monkeypatch.setattr(sys, "stdin", person)
    code, out, err = run(capsys, "--db", str(typo), "log", "call", "--from", "张三", "来电")
    assert (code, person.asked) == (1, 1) and "create it and a new database" in err
    assert not typo.parent.exists()

    person = Terminal("y")
    monkeypatch.setattr(sys, "stdin", person)
    code, out, err = run(capsys, "--db", str(typo), "log", "call", "--from", "张三", "来电")
    assert (code, person.asked) == (0, 1) and typo.exists()
    # The folder is there now: nothing more is asked.
    code, out, err = run(capsys, "--db", str(typo), "log", "call", "--from", "李四", "来电")
    assert (code, person.asked) == (0, 1)


def test_report_and_csv_show_control_characters_as_pictures(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    """A sender pasted with a terminal escape and a bell: the report's Markdown (printed
    and .md) and the register's CSV show ␛ and ␇, never the raw characters."""
    db = str(tmp_path / "office.db")
    sender = "市政府办\x1b[2J\x07"
    argv = ["--db", db, "log", "incoming", "--from", sender, "--type", "通知", "通知\x1b]0;x\x07"]
    code, _out, err = run(capsys, *argv)
    assert code == 0, err
    for argv, read in (
        (["report"], None),
        (["report", str(tmp_path / "r.md")], tmp_path / "r.md"),
        (["export", "register", "incoming", str(tmp_path / "r.csv")], tmp_path / "r.csv"),
    ):
        code, out, err = run(capsys, "--db", db, *argv)
        assert code == 0, err
        shown = read.read_text(encoding="utf-8-sig") if read else out
        assert "\x1b" not in shown and "\x07" not in shown, argv
        assert "市政府办␛" in shown and "␇" in shown, argv


NOTICE = (
    "国务院办公厅关于2027年部分节假日安排的通知\n"
    "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
)


@pytest.fixture
def office(capsys, tmp_path: Path) -> str:  # noqa: ANN001
    db = str(tmp_path / "office.db")
    assert run(capsys, "--db", db, "log", "call", "--from", "张三", "来电")[0] == 0
    return db


def test_a_gbk_or_utf16_holiday_notice_is_read(capsys, office: str, tmp_path: Path) -> None:  # noqa: ANN001
    """The notice saved by Notepad in GBK or as "Unicode" (UTF-16) is read like UTF-8."""
    for encoding in ("gbk", "utf-16"):
        notice = tmp_path / f"notice-{encoding}.txt"
        notice.write_bytes(NOTICE.encode(encoding))
        code, out, err = run(capsys, "--db", office, "holidays", "import", str(notice), "--dry-run")
        assert (code, err) == (0, ""), encoding
        assert "Would keep 3 days for 2027." in out


def test_a_holiday_file_that_starts_with_its_year(capsys, office: str, tmp_path: Path) -> None:  # noqa: ANN001
    """A file whose first line is only the year, as people type it: 2028年."""
    notice = tmp_path / "2028.txt"
    notice.write_text("2028年\n一、元旦：1月1日放假，共1天。\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", office, "holidays", "import", str(notice), "--dry-run")
    assert (code, err) == (0, "")
    assert "2028-01-01" in out and "Would keep 1 day for 2028." in out


def _files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "folder"
    folder.mkdir()
    old = tmp_path / "register.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return {"folder": folder, "missing": tmp_path / "nothere.csv", "xls": old}


SAID = {
    "folder": {
        "en": "is a folder: name the file to import.",
        "zh": "是文件夹：请指定要导入的文件。",
    },
    "missing": {"en": ": no such file or folder.", "zh": "：没有这个文件或文件夹。"},
    "xls": {
        "en": "is an old Excel workbook (.xls): open it in Excel or WPS, save it as .xlsx or .csv",
        "zh": "是旧版 Excel 工作簿（.xls）",
    },
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", ["folder", "missing", "xls"])
@pytest.mark.parametrize(
    "command",
    [
        ["holidays", "import"],
        ["import", "register", "incoming"],
        ["import", "contacts"],
        ["import", "calls"],
    ],
)
def test_a_file_no_reader_takes_is_said_in_one_sentence(
    capsys,  # noqa: ANN001
    office: str,
    tmp_path: Path,
    lang: str,
    case: str,
    command: list[str],
) -> None:
    path = _files(tmp_path)[case]
    code, out, err = run(capsys, "--lang", lang, "--db", office, *command, str(path))
    assert code == 2 and out == ""
    assert err.startswith(f"secdesk: {path}") and err.count("\n") == 1, err
    assert SAID[case][lang] in err
    assert "Errno" not in err and "Error" not in err and "codec" not in err


def test_a_backup_that_cannot_be_written_names_the_file_asked_for(
    capsys,  # noqa: ANN001
    office: str,
    tmp_path: Path,
) -> None:
    """Not the temporary ``.part`` file the copy is first written to."""
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    code, out, err = run(capsys, "--db", office, "backup", str(a_file / "copy.db"))
    assert code == 2 and out == "" and ".part" not in err
    assert f"{a_file} is a file, not a folder: choose where the backup goes." in err
    code, out, err = run(capsys, "--db", office, "backup", "/proc/copy.db")
    assert code == 2 and out == "" and ".part" not in err
    assert "The backup could not be written: /proc/copy.db" in err


def _json(capsys, *argv: str) -> object:  # noqa: ANN001
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, ""), argv
    return json.loads(out)


def test_log_says_a_sentence_with_the_number_last_and_json_for_scripts(
    capsys,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "office.db")
    assert run(capsys, "--db", db, "log", "call", "--from", "张三", "来电")[1] == "Call logged: 1\n"
    code, out, _err = run(capsys, "--db", db, "log", "visit", "--name", "王五", "送材料")
    assert out == "Visitor registered: 1\n"
    for what, argv in (
        ("call", ["--from", "李四", "询问"]),
        ("visit", ["--name", "赵六", "送材料"]),
        ("incoming", ["--from", "市政府办", "关于某事的通知"]),
        ("outgoing", ["--yes", "--prefix", "某府函", "关于某事的函"]),
    ):
        said = _json(capsys, "--db", db, "log", what, "--json", *argv)
        assert isinstance(said, dict) and said["kind"] == what and said["id"] >= 1
    said = _json(capsys, "--db", db, "log", "outgoing", "--json", "--prefix", "某府函", "又一函")
    assert isinstance(said, dict) and said["number"] == "某府函〔2026〕2号"


def test_holidays_and_every_dry_run_speak_json(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db = str(tmp_path / "office.db")
    notice = tmp_path / "2027.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    card = tmp_path / "book.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:张三\nTEL:13800138000\nEND:VCARD\n")
    sheet = tmp_path / "register.csv"
    sheet.write_text("收文号,文件标题,来文机关,收文日期\n1,关于某事的通知,市政府办,2026-11-02\n")
    ics = tmp_path / "m.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:a@t\r\n"
        "DTSTAMP:20261101T000000Z\r\nDTSTART:20261201T020000Z\r\nDTEND:20261201T030000Z\r\n"
        "SUMMARY:局党组会\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    said = _json(capsys, "--db", db, "holidays", "import", str(notice), "--dry-run", "--json")
    assert said["dry_run"] and said["year"] == 2027 and len(said["days"]) == 3
    assert run(capsys, "--db", db, "log", "call", "来电")[0] == 0
    assert _json(capsys, "--db", db, "holidays", "list", "--json") == {}
    said = _json(capsys, "--db", db, "holidays", "import", str(notice), "--json")
    assert not said["dry_run"] and said["kept"] == 3
    assert _json(capsys, "--db", db, "holidays", "list", "--json") == {
        "2027": {"days_off": 3, "working_days": 0}
    }
    said = _json(capsys, "--db", db, "import", "contacts", str(card), "--dry-run", "--json")
    assert said == {"dry_run": True, "added": ["张三"], "updated": [], "already": 0}
    said = _json(capsys, "--db", db, "import", "meetings", str(ics), "--dry-run", "--json")
    assert said["dry_run"] and len(said["added"]) == 1
    said = _json(
        capsys, "--db", db, "import", "register", "incoming", str(sheet), "--dry-run", "--json"
    )
    assert said["dry_run"] and said["to_add"] == 1 and said["added"] == 0
    said = _json(
        capsys, "--db", db, "import", "register", "incoming", str(sheet), "--yes", "--json"
    )
    assert not said["dry_run"] and said["added"] == 1


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["report", "--month", "2026-11", "--to", "2026-11-15"], "--to goes with --from"),
        (["report", "--json", "summary.md"], "give one or the other"),
        (
            ["export", "meetings", "--from", "2026-12-31", "--to", "2026-12-01", "m.ics"],
            "--from 2026-12-31 comes after --to 2026-12-01",
        ),
        (["export", "register", "incoming", "x.txt"], "is written as .xlsx or .csv"),
        (["export", "archive", "x.txt"], "is written as .xlsx or .csv"),
    ],
)
def test_what_would_be_ignored_is_refused_with_a_sentence(
    capsys,  # noqa: ANN001
    office: str,
    tmp_path: Path,
    monkeypatch,  # noqa: ANN001
    argv: list[str],
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--db", office, *argv)
    assert code == 2 and out == "" and said in err and err.count("\n") == 1
    assert not (tmp_path / argv[-1]).exists()


def test_the_global_options_may_follow_the_command(capsys, office: str) -> None:  # noqa: ANN001
    """``secdesk today --lang zh`` is ``secdesk --lang zh today``; --db too."""
    before = run(capsys, "--lang", "zh", "--db", office, "today")
    after = run(capsys, "today", "--lang", "zh", f"--db={office}")
    assert before == after and before[0] == 0 and "来电" in before[1]
    assert run(capsys, "--db", office, "search", "--lang=zh", "来电")[0] == 0


def test_the_top_level_help_says_what_each_command_does_today(capsys) -> None:  # noqa: ANN001
    code, out, _err = run(capsys, "--help")
    assert code == 0
    helped = " ".join(out.split())
    assert "import contacts, call records, meetings or a register of documents" in helped
    assert "export the contact book, meetings, a register or the archive catalogue" in helped
    assert "save a call, a visitor or a document (incoming, outgoing) from the shell" in helped


@pytest.fixture
def read_only_folder(tmp_path: Path):  # noqa: ANN201
    """A folder nobody may write to: permissions for a user; for root (whom permissions
    do not stop), the immutable attribute."""
    folder = tmp_path / "share"
    folder.mkdir()

    def lock() -> None:
        if os.geteuid() != 0:
            folder.chmod(0o555)
            return
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
        if done.returncode != 0:
            missing("root here cannot make a folder read-only (no chattr +i)")

    yield folder, lock
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)
    folder.chmod(0o755)


def test_a_read_only_folder_is_read_and_said_plainly_on_saving(
    capsys,  # noqa: ANN001
    read_only_folder,  # noqa: ANN001
) -> None:
    """The office's database on a read-only share: today, search, report and holidays
    list read it; a save says the folder is read-only (not that the file is)."""
    folder, lock = read_only_folder
    db = str(folder / "office.db")
    assert run(capsys, "--db", db, "log", "call", "--from", "张三", "询问防汛物资")[0] == 0
    there = sorted(p.name for p in folder.iterdir())
    lock()
    for argv, said in (
        (["today"], "询问防汛物资"),
        (["search", "防汛"], "询问防汛物资"),
        (["report", "--json"], '"calls": 1'),
        (["holidays", "list"], "No schedule entered"),
    ):
        code, out, err = run(capsys, "--db", db, *argv)
        assert (code, err) == (0, ""), argv
        assert said in out, argv
    code, out, err = run(capsys, "--db", db, "log", "call", "--from", "李四", "来电")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert f"{folder} is read-only: nothing can be saved to the database in it." in err
    assert sorted(p.name for p in folder.iterdir()) == there
