"""describe(): what a disk or database failure means, in one sentence the user can act on,
never SQLite's or SQLAlchemy's own words. The failures are real ones where SQLite can be
made to fail for real."""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from secdesk import i18n
from secdesk.services.errors import describe, is_storage_error

RAW = (
    "database or disk is full",
    "readonly database",
    "database is locked",
    "malformed",
    "file is not a database",
    "unable to open database file",
    "disk I/O error",
    "sqlalche.me",
    "Errno",
    "sqlite3",
)


def failure(action: Callable[[], object]) -> BaseException:
    try:
        action()
    except BaseException as exc:  # noqa: BLE001 - the failure is what we want
        return exc
    raise AssertionError("it did not fail")


def table(path: Path, rows: int = 0) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE IF NOT EXISTS t (x TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * rows)
    return conn


def disk_full(tmp_path: Path) -> BaseException:
    conn = table(tmp_path / "full.db")
    conn.execute("PRAGMA max_page_count = 2")  # the file may not grow: SQLITE_FULL
    return failure(lambda: conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 50))


def read_only(tmp_path: Path) -> BaseException:
    table(tmp_path / "ro.db").close()
    conn = sqlite3.connect(f"file:{tmp_path / 'ro.db'}?mode=ro", uri=True)
    return failure(lambda: conn.execute("INSERT INTO t VALUES ('x')"))


def locked(tmp_path: Path) -> BaseException:
    holder = table(tmp_path / "busy.db")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(tmp_path / "busy.db", timeout=0.01, isolation_level=None)
    return failure(lambda: other.execute("BEGIN EXCLUSIVE"))


def corrupt(tmp_path: Path) -> BaseException:
    path = tmp_path / "bad.db"
    conn = table(path, rows=200)
    conn.execute("CREATE INDEX i ON t (x)")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 : page * 5] = b"\xff" * (page * 3)  # scribble over b-tree pages
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(path)
    return failure(lambda: conn.execute("SELECT count(*), max(x) FROM t").fetchall())


def not_a_database(tmp_path: Path) -> BaseException:
    (tmp_path / "notes.txt").write_bytes(b"Meeting notes, not a database. " * 200)
    conn = sqlite3.connect(tmp_path / "notes.txt")
    return failure(lambda: conn.execute("SELECT * FROM sqlite_master").fetchall())


def cannot_open(tmp_path: Path) -> BaseException:
    return failure(lambda: sqlite3.connect(tmp_path / "no" / "such" / "folder.db"))


def through_sqlalchemy(tmp_path: Path) -> BaseException:
    from sqlalchemy import create_engine, text

    table(tmp_path / "sa.db").close()
    engine = create_engine(f"sqlite:///file:{tmp_path / 'sa.db'}?mode=ro&uri=true")
    with engine.connect() as conn:
        return failure(lambda: conn.execute(text("INSERT INTO t VALUES ('x')")))


REAL = {
    "full": (disk_full, "The disk is full"),
    "read_only": (read_only, "The database file is read-only"),
    "locked": (locked, "The database is busy"),
    "corrupt": (corrupt, "The database file is damaged"),
    "not_a_database": (not_a_database, "This is not a database file"),
    "cannot_open": (cannot_open, "The database file cannot be opened"),
    "sqlalchemy": (through_sqlalchemy, "The database file is read-only"),
}


@pytest.mark.parametrize("name", REAL)
def test_real_sqlite_failures_are_said_plainly(name: str, tmp_path: Path) -> None:
    make, expected = REAL[name]
    exc = make(tmp_path)
    said = describe(exc)
    assert said.startswith(expected)
    assert not any(raw.lower() in said.lower() for raw in RAW), said
    assert is_storage_error(exc)
    i18n.set_language("zh")
    said_zh = describe(exc)
    assert said_zh != said and not any(raw.lower() in said_zh.lower() for raw in RAW)


def test_sqlalchemy_text_and_link_never_show(tmp_path: Path) -> None:
    exc = through_sqlalchemy(tmp_path)
    assert "sqlalche.me" in str(exc)  # what the user must not see
    assert describe(exc) == (
        "The database file is read-only: nothing can be saved to it. Check its permissions, "
        "or open a copy you may change."
    )


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (sqlite3.OperationalError("disk I/O error"), "The disk reported an error"),
        (sqlite3.OperationalError("database is locked"), "The database is busy"),
        (sqlite3.DatabaseError("database disk image is malformed"), "The database file is damaged"),
        (OSError(errno.ENOSPC, "No space left on device"), "The disk is full"),
        (PermissionError(errno.EACCES, "Permission denied", "/srv/a.db"), "Permission denied for /srv/a.db"),
        (PermissionError(errno.EPERM, "Operation not permitted"), "Permission denied:"),
        (OSError(errno.EROFS, "Read-only file system", "/mnt/a.db"), "/mnt/a.db is on a read-only disk"),
        (OSError(errno.EIO, "Input/output error"), "The disk reported an error"),
    ],
)  # fmt: skip
def test_failures_sqlite_and_the_os_report_without_a_code(
    exc: BaseException, expected: str
) -> None:
    assert describe(exc).startswith(expected)
    assert is_storage_error(exc)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    exc = failure(lambda: (tmp_path / "gone.vcf").read_bytes())
    assert describe(exc) == f"{tmp_path / 'gone.vcf'}: no such file or folder."


def test_a_path_names_the_database_file_in_sentences_about_it(tmp_path: Path) -> None:
    exc = not_a_database(tmp_path)
    assert describe(exc, tmp_path / "x.db").startswith(f"{tmp_path / 'x.db'}: This is not a")
    assert describe(locked(tmp_path), tmp_path / "x.db").startswith("The database is busy")


def test_an_error_raised_from_a_failure_is_described_by_it(tmp_path: Path) -> None:
    from secdesk.db import DatabaseError, NewerDatabaseError

    cause = not_a_database(tmp_path)
    wrapped = DatabaseError(f"x.db cannot be read as a database: {cause}")
    wrapped.__cause__ = cause
    assert describe(wrapped).startswith("This is not a database file")
    # secdesk's own messages are already written for the user.
    newer = NewerDatabaseError("x.db was written by a newer secdesk")
    assert describe(newer) == "x.db was written by a newer secdesk"
    assert is_storage_error(newer)


def test_unknown_errors_get_a_general_sentence_with_their_class_name() -> None:
    said = describe(sqlite3.IntegrityError("UNIQUE constraint failed: contact.id"))
    assert said.startswith("Something unexpected went wrong (IntegrityError).")
    assert "UNIQUE" not in said
    assert not is_storage_error(KeyError("x")) and is_storage_error(sqlite3.IntegrityError())
    i18n.set_language("zh")
    assert describe(KeyError("x")).startswith("发生了意外错误（KeyError）")


def test_importing_it_loads_neither_sqlalchemy_nor_textual() -> None:
    code = (
        "import sys, secdesk.services.errors as e;"
        "e.describe(OSError(28, 'full'));"
        "print(sorted(m for m in ('sqlalchemy', 'textual', 'sqlite3') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
