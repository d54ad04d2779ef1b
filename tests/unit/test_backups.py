"""Backups and restore: the day's backup, what is kept, ``secdesk backup``, ``backups`` and
``restore`` as a shell user sees them."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from secdesk import db
from secdesk.care import backups, desklock
from secdesk.cli import main
from secdesk.services.store import Store
from tests import factories as f
from tests.conftest import stored_rows


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def callers(path: Path) -> list[str]:
    """Who called, in the order the calls were stored (read with sqlite3 alone)."""
    return [caller for (caller,) in stored_rows(path, "SELECT caller FROM call ORDER BY id")]


def backup_then_a_call(
    office: Path,
    capsys,  # noqa: ANN001
    caller: str = "王五",
    at: datetime | None = None,
) -> Path:
    """``secdesk backup``, then a call from ``caller`` that the backup does not hold; the
    backup."""
    _code, out, _err = run(capsys, "backup")
    store = Store(office)
    store.run(lambda s: f.call(s, at or f.local(2026, 11, 28, 10), caller=caller))
    store.close()
    return Path(out.strip())


@pytest.fixture
def office(isolated_home: Path) -> Path:
    """The usual database in SECDESK_HOME, with one call from 张三 (kept open, uncheckpointed,
    as a running desk would leave it)."""
    path = isolated_home / "secdesk.db"
    store = Store(path)
    store.run(lambda s: f.call(s, f.local(2026, 11, 27, 10), caller="张三"))
    store.close()
    return path


def test_the_first_start_of_a_day_backs_up_once(office: Path, isolated_home: Path) -> None:
    store = Store(office)
    store.run(lambda s: f.call(s, f.local(2026, 11, 27, 11), caller="李四"))  # still in the WAL
    folder = isolated_home / "backups"
    made = backups.daily(office, folder, date(2026, 12, 1))
    assert made == folder / "secdesk-daily-2026-12-01.db"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert callers(made) == ["张三", "李四"]  # the live write is in the copy
    assert not Path(str(made) + "-wal").exists()  # a standalone file
    assert backups.daily(office, folder, date(2026, 12, 1)) is None  # once a day
    assert backups.daily(office, folder, date(2026, 12, 2)) is not None
    store.close()


def test_fourteen_days_and_twelve_months_are_kept(isolated_home: Path) -> None:
    folder = isolated_home / "backups"
    folder.mkdir(parents=True)
    database = isolated_home / "secdesk.db"
    first = date(2025, 1, 1)
    days = [first + timedelta(days=n) for n in range(500)]  # to 2026-05-15
    for day in days:
        backups.daily_path(database, folder, day).write_bytes(b"")
    (folder / "secdesk-20250101-120000.db").write_bytes(b"")  # taken by hand: never pruned
    backups.prune(database, folder)
    left = sorted(p.name for p in folder.iterdir())
    newest = [f"secdesk-daily-{days[-1] - timedelta(days=n)}.db" for n in range(14)]
    months = [f"secdesk-daily-{y}-{m:02d}-01.db" for y, m in [(2025, 6), (2025, 7)]]
    assert set(newest) <= set(left) and set(months) <= set(left)
    assert "secdesk-daily-2025-05-01.db" not in left  # the 13th month back
    assert "secdesk-20250101-120000.db" in left
    # 2026-05-02..15, the firsts of June 2025..May 2026, the one taken by hand.
    assert len(left) == 14 + 12 + 1
    assert len([n for n in left if n.endswith("-01.db")]) == 12


def test_backup_prints_where_and_never_overwrites(office: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, out, _err = run(capsys, "backup")
    made = Path(out.strip())
    assert code == 0 and made.parent == office.parent / "backups"
    assert callers(made) == ["张三"]
    target = tmp_path / "copy [1] #?.db"  # taken literally
    code, out, _err = run(capsys, "backup", str(target))
    assert code == 0 and Path(out.strip()) == target and callers(target) == ["张三"]
    target.write_bytes(b"keep me")
    code, _out, err = run(capsys, "backup", str(target))
    assert code == 2 and "exists already" in err and "--force" in err
    assert target.read_bytes() == b"keep me"
    code, _out, _err = run(capsys, "backup", "--force", str(target))
    assert code == 0 and callers(target) == ["张三"]


def test_backups_lists_date_size_and_records_of_each_kind(office: Path, capsys) -> None:  # noqa: ANN001
    store = Store(office)
    store.run(lambda s: f.visit(s, f.local(2026, 11, 27, 9)))
    store.close()
    run(capsys, "backup")
    code, out, _err = run(capsys, "backups")
    assert code == 0
    assert "1 telephone call" in out and "1 visitor" in out and "taken by hand" in out
    code, out, _err = run(capsys, "backups", "--json")
    import json

    (listed,) = json.loads(out)
    assert listed["counts"]["call"] == 1 and listed["counts"]["visit"] == 1


def test_restore_brings_a_backup_back_and_keeps_what_was_there(
    office: Path, isolated_home: Path, capsys
) -> None:  # noqa: ANN001
    saved = backup_then_a_call(office, capsys)
    code, out, err = run(capsys, "restore", str(saved))
    assert code == 2 and "--yes" in err  # no terminal to ask on: nothing done
    assert callers(office) == ["张三", "王五"]
    code, out, err = run(capsys, "restore", "--yes", str(saved))
    assert code == 0, err
    assert callers(office) == ["张三"]
    (before,) = (isolated_home / "backups").glob("*-before-restore.db")
    assert str(before) in out and callers(before) == ["张三", "王五"]
    assert db.stored_revision(office) == db.HEAD
    code, out, _err = run(capsys, "today", "--json")  # the desk reads it as usual
    assert code == 0


def test_restore_is_refused_while_a_desk_has_the_database_open(
    office: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    _code, out, _err = run(capsys, "backup")
    saved = Path(out.strip())
    with desklock.desk_open(office):
        code, _out, err = run(capsys, "restore", "--yes", str(saved))
        assert code == 2 and "window has" in err and "Nothing was changed" in err
        assert desklock.is_open(office)
    assert not desklock.is_open(office)
    code, _out, _err = run(capsys, "restore", "--yes", str(saved))
    assert code == 0


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"SQLite format 3\x00" + b"\x00" * 200, "cannot be read as a database"),
        (b"just some text", "cannot be read as a database"),
        (None, "not a secdesk database"),
    ],
)
def test_unfit_files_are_not_restored(
    office: Path, tmp_path: Path, capsys, content: bytes | None, said: str
) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.db"
    if content is None:
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE other (x)")
        conn.commit()
        conn.close()
    else:
        bad.write_bytes(content)
    before = callers(office)
    code, _out, err = run(capsys, "restore", "--yes", str(bad))
    assert code == 2 and said in err and "Traceback" not in err
    assert callers(office) == before


def test_a_backup_of_an_older_schema_is_upgraded_as_it_is_restored(
    office: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    from tests.unit.test_db import _at_first_revision

    old = tmp_path / "old.db"
    _at_first_revision(old, populate=True)
    code, out, err = run(capsys, "restore", "--yes", str(old))
    assert code == 0, err
    assert db.REVISIONS[0] in out and "upgraded" in out
    assert db.stored_revision(office) == db.HEAD and callers(office) == ["保留"]
    assert db.stored_revision(old) == db.REVISIONS[0]  # the backup itself is left as it was


def test_ctrl_c_during_a_restore_leaves_the_database_as_it_was(
    office: Path, isolated_home: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    saved = backup_then_a_call(office, capsys)

    def interrupted(source: Path, live: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(backups.dbfile, "copy_into", interrupted)
    code, _out, err = run(capsys, "restore", "--yes", str(saved))
    assert code == 130 and "not changed" in err
    assert callers(office) == ["张三", "王五"]
    assert not list((isolated_home / "backups").glob(".*"))  # no half-made files left


def test_writing_commands_take_the_days_backup(isolated_home: Path, capsys) -> None:  # noqa: ANN001
    assert run(capsys, "log", "call", "--from", "张三", "first")[0] == 0  # a new database
    assert not (isolated_home / "backups").exists() or not list(
        (isolated_home / "backups").glob("*daily*")
    )
    assert run(capsys, "log", "call", "--from", "李四", "second")[0] == 0
    (daily,) = (isolated_home / "backups").glob("secdesk-daily-*.db")
    assert callers(daily) == ["张三"]


async def test_the_desk_takes_the_days_backup(make_app, store: Store) -> None:  # noqa: ANN001
    from tests.conftest import settle

    store.run(lambda s: f.call(s, f.local(2026, 11, 27, 10), caller="张三"))
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
    assert store.backup_dir is not None
    (daily,) = store.backup_dir.glob("test-daily-*.db")
    assert callers(daily) == ["张三"]


def test_progress_shows_on_a_terminal_only(
    office: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    """Piped (as here), long commands print their result alone; on a terminal, a progress
    bar with counts goes to stderr, and stdout still carries just the path."""
    code, out, err = run(capsys, "backup")
    assert code == 0 and err == "" and out.count("\n") == 1
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run(capsys, "backup")
    assert code == 0 and out.count("\n") == 1 and Path(out.strip()).exists()
    assert "Backing up" in err
    code, out, err = run(capsys, "doctor", "--json")
    assert "Checking" not in err  # --json is for scripts: quiet
    code, out, err = run(capsys, "doctor")
    assert "Checking" in err


def test_the_desk_holds_the_database_open_while_it_runs(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a restore asks: the lock is held from the desk's start to its end."""
    from secdesk import cli
    from secdesk.app import SecDeskApp
    from secdesk.config import Settings

    seen = []
    monkeypatch.setattr(SecDeskApp, "run", lambda self: seen.append(desklock.is_open(office)))
    assert cli.run_tui(Store(office), Settings()) == 0
    assert seen == [True] and not desklock.is_open(office)


@pytest.mark.parametrize(("answer", "restored"), [("y\n", True), ("是\n", True), ("n\n", False)])
def test_restore_asks_on_a_terminal(
    office: Path, capsys, monkeypatch: pytest.MonkeyPatch, answer: str, restored: bool
) -> None:  # noqa: ANN001
    import io
    import sys

    saved = backup_then_a_call(office, capsys)
    terminal = io.StringIO(answer)
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", terminal)
    code, _out, err = run(capsys, "restore", str(saved))
    assert "Replace the database" in err and "[y/N]" in err
    assert code == (0 if restored else 1)
    assert callers(office) == (["张三"] if restored else ["张三", "王五"])


def test_an_import_shows_its_progress_on_a_terminal(
    office: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    import sys

    book = tmp_path / "book.vcf"
    book.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王五\r\nTEL:13800138000\r\nEND:VCARD\r\n")
    code, out, err = run(capsys, "import", "contacts", str(book))
    assert code == 0 and err == ""  # piped: quiet
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    book.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:赵六\r\nTEL:13900139000\r\nEND:VCARD\r\n")
    code, out, err = run(capsys, "import", "contacts", str(book))
    assert code == 0 and "Importing contacts" in err and "1/1" in err


def test_no_days_backup_of_a_file_that_is_not_a_secdesk_database(isolated_home: Path) -> None:
    """Opening it says what is wrong; the day's backup does not say it twice."""
    other = isolated_home / "other.db"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_bytes(b"not a database" * 100)
    assert backups.daily(other, isolated_home / "backups") is None
    assert not (isolated_home / "backups").exists()


def test_ctrl_c_waits_for_the_one_step_that_replaces_the_database() -> None:
    """That step is whole or not begun: Ctrl+C during it is held until it is done (and then
    Python's usual Ctrl+C handling is back)."""
    import os
    import signal

    finished = False
    with backups.interrupts_deferred():
        os.kill(os.getpid(), signal.SIGINT)
        finished = True
    assert finished
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"garbage!" * 100 + data[800:],  # the header gone
        lambda data: b"hello\n",  # another kind of file
        lambda data: data[:3000],  # cut short
    ],
)
def test_a_damaged_database_is_restored_and_kept_aside(
    office: Path, isolated_home: Path, capsys, damage
) -> None:  # noqa: ANN001
    """The usual reason to restore: the database cannot be read any more."""
    _code, out, _err = run(capsys, "backup")
    saved = Path(out.strip())
    damaged = damage(office.read_bytes())
    office.write_bytes(damaged)
    code, out, err = run(capsys, "restore", "--yes", str(saved))
    assert code == 0, err
    assert callers(office) == ["张三"]
    (before,) = (isolated_home / "backups").glob("*-before-restore.db")
    assert before.read_bytes() == damaged and str(before) in out
    code, out, _err = run(capsys, "log", "call", "--from", "李四", "after")
    assert code == 0 and callers(office) == ["张三", "李四"]


def test_backing_up_a_file_that_is_not_a_database_names_it(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    other = tmp_path / "notes.db"
    other.write_text("hello\n")
    code, out, err = run(capsys, "--db", str(other), "backup")
    assert (code, out) == (2, "")
    assert err.startswith(f"secdesk: {other}: This is not a database file")
    code, _out, err = run(capsys, "--db", str(tmp_path / "nothere.db"), "backup")
    assert code == 2 and f"There is no database at {tmp_path / 'nothere.db'}" in err


def listed(capsys, *db: str) -> list[Path]:  # noqa: ANN001
    import json

    code, out, _err = run(capsys, *db, "backups", "--json")
    assert code == 0
    return [Path(b["path"]) for b in json.loads(out)]


def test_each_database_has_its_own_backups(
    office: Path, isolated_home: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    """Two databases of the same file name, used on the same day: each takes its own daily
    backup, ``backups`` lists only its own copies, and a restore keeps the one it replaces
    beside that database's copies. The usual database's copies stay where they always were
    (an existing user's are still listed)."""
    _code, out, _err = run(capsys, "backup")  # a copy of the usual database, as before
    earlier = Path(out.strip())
    assert earlier.parent == isolated_home / "backups"
    other = tmp_path / "elsewhere" / "secdesk.db"
    other.parent.mkdir()  # a new database is made only in a folder that is there
    other_db = ("--db", str(other))
    assert run(capsys, "log", "call", "--from", "李四", "first")[0] == 0  # the usual one's daily
    assert run(capsys, *other_db, "log", "call", "--from", "王五", "new")[0] == 0  # created
    assert run(capsys, *other_db, "log", "call", "--from", "赵六", "second")[0] == 0  # its daily
    mine = listed(capsys)
    theirs = listed(capsys, *other_db)
    assert not set(mine) & set(theirs)
    assert earlier in mine and len(mine) == 2  # by hand, and the daily one before 李四
    assert [callers(p) for p in mine] == [["张三"], ["张三"]]
    (daily,) = theirs
    assert "-daily-" in daily.name and callers(daily) == ["王五"]
    code, out, err = run(capsys, *other_db, "restore", "--yes", str(daily))
    assert code == 0, err
    assert callers(other) == ["王五"] and callers(office) == ["张三", "李四"]
    (before,) = (p for p in listed(capsys, *other_db) if "before-restore" in p.name)
    assert callers(before) == ["王五", "赵六"] and before.parent == daily.parent
    assert len(listed(capsys)) == 2  # the usual database's list is as it was


KILLED_MID_BACKUP = """
import os, signal, sys
from pathlib import Path
from secdesk import dbfile
dbfile.STEP_PAGES = 1
def progress(done, total):
    if done > 1:
        os.kill(os.getpid(), signal.SIGKILL)
dbfile.online_backup(Path(sys.argv[1]), Path(sys.argv[2]), progress)
"""


def test_a_killed_backup_leaves_nothing_for_long(
    office: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup killed half-way leaves a hidden .part file (and SQLite's journal); the next
    backup removes them. A copy being written meanwhile is never taken for such a one."""
    import subprocess
    import sys

    folder = isolated_home / "backups"
    target = folder / "secdesk-20261201-101500.db"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_MID_BACKUP, str(office), str(target)], check=False
    )
    assert killed.returncode == -9
    assert [p.name for p in folder.glob(".*.part")] and not target.exists()
    seen: list[list[str]] = []

    def meanwhile(done: int, total: int) -> None:
        seen.append(sorted(p.name for p in folder.glob(".*.part")))
        assert backups.dbfile.remove_abandoned(folder) == []  # this copy is being written

    monkeypatch.setattr(backups.dbfile, "STEP_PAGES", 1)
    made = backups.take(office, folder, progress=meanwhile)
    assert seen and all(len(parts) == 1 for parts in seen)  # only this backup's own
    assert not list(folder.glob(".*"))
    assert callers(made) == ["张三"]
