"""The shell says what is wrong in one sentence of the interface language, instead of
hanging, creating what nobody asked for or passing control characters through."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from secdesk.cli import main


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
