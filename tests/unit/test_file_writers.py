"""Every command that writes a file treats an existing one alike: refused without --force
(nothing written), asked about on a terminal, replaced with --force."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from secdesk.cli import main
from tests.unit.test_settings_and_environment import db

__all__ = ["db"]  # the fixture: a database with one call from 张三

#: Each command that writes FILE, with the file's name (the file's place is {file}).
WRITERS = {
    "report": (["report", "--month", "2026-11", "{file}"], "summary.md"),
    "export register": (["export", "register", "incoming", "{file}"], "register.xlsx"),
    "export archive": (["export", "archive", "{file}"], "archive.csv"),
    "export contacts": (["export", "contacts", "{file}"], "book.vcf"),
    "export meetings": (["export", "meetings", "{file}"], "meetings.ics"),
    "backup": (["backup", "{file}"], "copy.db"),
    "supervision --docx": (["supervision", "report", "--docx", "{file}"], "report.docx"),
}

KEEP = b"keep me"


@pytest.fixture(autouse=True)
def office() -> None:
    """The office is named: a paper is never written without it (tests/unit/test_papers.py)."""
    from secdesk import config

    config.save_office("某区人民政府办公室")


class Terminal(io.StringIO):
    """What the user types at a terminal."""

    def isatty(self) -> bool:
        return True


def command(name: str, target: Path, db: str, *extra: str) -> list[str]:
    argv, _name = WRITERS[name]
    return ["--db", db, *(target.as_posix() if a == "{file}" else a for a in argv), *extra]


@pytest.mark.parametrize("at_terminal", [False, True], ids=["script", "terminal"])
@pytest.mark.parametrize("name", list(WRITERS))
def test_an_existing_file_is_replaced_only_when_the_user_says_so(
    name: str, at_terminal: bool, db: str, tmp_path: Path, capsys, monkeypatch
) -> None:  # noqa: ANN001
    """A script (no terminal) is told to choose another name or add --force, and nothing is
    written; --force replaces the file. At a terminal the user is asked: no keeps the file,
    yes replaces it."""
    target = tmp_path / WRITERS[name][1]
    target.write_bytes(KEEP)
    monkeypatch.setattr("sys.stdin", Terminal("n\n") if at_terminal else io.StringIO("y\n"))
    code = main(command(name, target, db))
    said = capsys.readouterr()
    if at_terminal:
        refused = (1, f"{target} exists already: replace it? [y/N] secdesk: Nothing was written.\n")
    else:
        refused = (
            2,
            f"secdesk: {target} exists already: choose a new file name, or add --force to "
            "replace it.\n",
        )
    assert (code, said.err) == refused
    assert target.read_bytes() == KEEP
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert main(command(name, target, db, *(() if at_terminal else ("--force",)))) == 0
    assert target.read_bytes() != KEEP


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_folder_is_refused(
    name: str, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code = main(command(name, folder, db))
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(f"secdesk: {folder} is a folder: name the file")
    assert list(folder.iterdir()) == []
