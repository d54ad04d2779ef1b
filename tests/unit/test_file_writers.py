"""Every command that writes a file treats an existing one alike: refused without --force
(nothing written), asked about on a terminal, replaced with --force."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from secdesk.cli import main

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


class Terminal(io.StringIO):
    """What the user types at a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A database with one call in it."""
    path = str(tmp_path / "office.db")
    assert main(["--db", path, "log", "call", "--from", "张三", "first"]) == 0
    capsys.readouterr()
    return path


def command(name: str, target: Path, db: str, *extra: str) -> list[str]:
    argv, _name = WRITERS[name]
    return ["--db", db, *(target.as_posix() if a == "{file}" else a for a in argv), *extra]


@pytest.mark.parametrize("name", list(WRITERS))
def test_an_existing_file_is_refused_without_force_and_replaced_with_it(
    name: str,
    db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a terminal (a script), the command says so and writes nothing; --force
    replaces the file."""
    target = tmp_path / WRITERS[name][1]
    target.write_bytes(KEEP)
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # a pipe: nobody to ask
    code = main(command(name, target, db))
    said = capsys.readouterr()
    assert code == 2
    assert said.err == (
        f"secdesk: {target} exists already: choose a new file name, or add --force to replace it.\n"
    )
    assert target.read_bytes() == KEEP
    assert main(command(name, target, db, "--force")) == 0
    assert target.read_bytes() != KEEP


@pytest.mark.parametrize("name", list(WRITERS))
def test_on_a_terminal_the_user_is_asked(
    name: str,
    db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At a terminal each writer asks before replacing a file: no keeps it, yes replaces it."""
    target = tmp_path / WRITERS[name][1]
    target.write_bytes(KEEP)
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    code = main(command(name, target, db))
    said = capsys.readouterr()
    assert (code, said.err) == (
        1,
        f"{target} exists already: replace it? [y/N] secdesk: Nothing was written.\n",
    )
    assert target.read_bytes() == KEEP
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert main(command(name, target, db)) == 0
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
