"""The shell says what is wrong in one sentence of the interface language, instead of
hanging, creating what nobody asked for or passing control characters through."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
    code, _out, err = run(
        capsys,
        "--db",
        db,
        "log",
        "incoming",
        "--from",
        sender,
        "--type",
        "通知",
        "通知\x1b]0;x\x07",
    )
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
