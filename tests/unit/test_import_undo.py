"""An import is a whole: every record it creates carries its import's number, ``secdesk
import undo`` takes the newest (or a named one) back in one transaction after asking, the
audit trail says so; an import killed half-way (kill -9) is named by ``doctor`` and its
records are removed the same way."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from secdesk.cli import main
from tests.conftest import stored_rows
from tests.unit.test_import_batches import (
    callers,
    cdr,
    found,
    register_csv,
    register_rows,
    small_batches,
)
from tests.unit.test_settings_and_environment import db

pytestmark = pytest.mark.both_engines

__all__ = ["db", "small_batches"]  # fixtures: one call from 张三 in a file; batches of two


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    """Seven calls from a phone system, and an incoming register of seven documents."""
    master = tmp_path / "Master.csv"
    master.write_text(cdr(), encoding="utf-8")
    sheet = tmp_path / "register.csv"
    sheet.write_text(register_csv(), encoding="utf-8")
    return str(master), str(sheet)


def test_the_newest_import_is_taken_back_whole_and_the_trail_says_so(
    db: str, files: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Calls, then a register: each record carries its import's number; ``import undo``
    takes back the register (the newest), then the calls, and leaves 张三's call, logged by
    hand, alone; search no longer finds what was taken back."""
    master, sheet = files
    assert main(["--db", db, "import", "calls", master]) == 0
    assert main(["--db", db, "import", "register", "incoming", sheet, "--yes"]) == 0
    capsys.readouterr()
    assert stored_rows(db, "SELECT import_id, count(*) FROM call GROUP BY import_id") == [
        (None, 1),
        (1, 7),
    ]
    assert stored_rows(db, "SELECT DISTINCT import_id FROM incomingdocument") == [(2,)]

    assert main(["--db", db, "import", "undo", "--yes"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Import 2 of {sheet} added 7 records.",
        "Import 2 taken back: 7 records removed.",
    ]
    assert register_rows(db) == ([], 0)
    assert len(callers(db)) == 8
    assert found(db, capsys, "事项") == 0

    assert main(["--db", db, "import", "undo", "--yes"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Import 1 taken back: 7 records removed."
    assert callers(db) == ["张三"]
    assert found(db, capsys, "来电") == 0
    trail = stored_rows(db, "SELECT entity_id, data FROM event WHERE action = 'undo-import'")
    assert [(n, json.loads(data)["removed"]) for n, data in trail] == [(2, 7), (1, 7)]

    assert main(["--db", db, "import", "undo", "--yes"]) == 2
    assert capsys.readouterr().err == "secdesk: No import to take back.\n"
    assert main(["--db", db, "import", "undo", "1", "--yes"]) == 2
    assert capsys.readouterr().err == "secdesk: Import 1 was taken back already.\n"


def test_imports_taken_back_and_made_again_on_either_engine(
    store, files: tuple[str, str], small_batches: None, capsys: pytest.CaptureFixture[str]
) -> None:  # noqa: ANN001
    """On a server as in a file: calls imported in batches of two and a register each carry
    their import's number, are taken back whole, and the same files imported again are new
    imports whose records are all theirs (a server's id sequences do not go back, SQLite
    gives the ids again); a call logged by hand after stands beside them."""
    from sqlmodel import col, func, select

    from secdesk.models import Call, IncomingDocument

    db = store.url or str(store.path)
    master, sheet = files
    for _round in range(2):
        assert main(["--db", db, "import", "calls", master]) == 0
        assert main(["--db", db, "import", "register", "incoming", sheet, "--yes"]) == 0
        if not _round:
            assert main(["--db", db, "import", "undo", "--yes"]) == 0
            assert main(["--db", db, "import", "undo", "--yes"]) == 0
    assert main(["--db", db, "log", "call", "--from", "张三", "改期"]) == 0
    capsys.readouterr()

    def numbers(session):  # noqa: ANN001, ANN202
        calls = session.exec(
            select(Call.import_id, func.count()).group_by(col(Call.import_id))
        ).all()
        documents = session.exec(
            select(IncomingDocument.import_id, func.count())
            .where(col(IncomingDocument.deleted_at).is_(None))
            .group_by(col(IncomingDocument.import_id))
        ).all()
        return sorted(calls, key=str), list(documents)

    assert store.run(numbers) == ([(3, 7), (None, 1)], [(4, 7)])
    assert found(db, capsys, "来电") == 7


def test_nothing_is_taken_back_without_a_yes(
    db: str, files: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Without a terminal to ask on and without --yes, the import stands, and the user is
    told how to take it back."""
    assert main(["--db", db, "import", "calls", files[0]]) == 0
    capsys.readouterr()
    assert main(["--db", db, "import", "undo"]) == 2
    said = capsys.readouterr()
    assert said.out == f"Import 1 of {files[0]} added 7 records.\n"
    assert said.err == "secdesk: Add --yes to take it back without a question.\n"
    assert len(callers(db)) == 8
    assert stored_rows(db, "SELECT count(*) FROM event WHERE action = 'undo-import'") == [(0,)]


#: A child that imports the calls two rows a batch and, once two batches are saved, says
#: so and waits to be killed (as a phone system's year would be, half-way).
KILLED_CHILD = """
import sys, time
from secdesk.services import store
from secdesk.office.calls import phone_import
store.PAUSE_S = 0.0
store.Store.write_batches.__defaults__ = (None, 2)
real = phone_import.save_calls
saved = []
def save_then_hang(session, rows):
    ids = real(session, rows)
    saved.append(len(rows))
    return ids
real_write = store.Store.write
def write(self, fn, *args, **kwargs):
    result = real_write(self, fn, *args, **kwargs)
    if len(saved) == 2:
        print("two batches saved", flush=True)
        time.sleep(600)
    return result
store.Store.write = write
phone_import.save_calls = save_then_hang
from secdesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_an_import_killed_half_way_is_named_by_doctor_and_removed_whole(
    db: str, files: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """kill -9 after two of four batches: four calls are left under an unfinished import;
    ``doctor`` names it and says how to remove them; ``import undo`` removes exactly
    those, and the file then imports whole."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_CHILD, "--db", db, "import", "calls", files[0]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line == "two batches saved\n", child.stderr.read() if child.stderr else ""
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert len(callers(db)) == 1 + 4
    assert stored_rows(db, "SELECT id, finished_at FROM importbatch") == [(1, None)]

    assert main(["--db", db, "doctor", "--json"]) in (0, 1)
    findings = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "imports"]
    assert findings == [
        {
            "check": "imports",
            "level": "warning",
            "message": f"Import 1 of {files[0]} was cut off before its end: 4 records it "
            "saved are still in the database.",
            "advice": "Remove them: secdesk import undo 1 (then import the file again).",
        }
    ]

    other = Path(files[0]).with_name("other.csv")
    other.write_text(cdr(1).replace("来电0", "别的来电"), encoding="utf-8")
    assert main(["--db", db, "import", "calls", str(other)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"Import 1 of {files[0]} was cut off before its end: 4 records it saved are still "
        "in the database.",
        "Remove them: secdesk import undo 1 (then import the file again).",
    ]  # the next import offers it too

    assert main(["--db", db, "import", "undo", "1", "--yes"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Import 1 taken back: 4 records removed."
    assert callers(db) == ["张三", "别的来电"]
    assert main(["--db", db, "import", "calls", files[0]]) == 0
    said = capsys.readouterr()
    assert (said.out.splitlines()[-1], said.err) == ("Added 7 calls; 0 were imported before.", "")
    assert main(["--db", db, "doctor", "--json"]) in (0, 1)
    assert [f for f in json.loads(capsys.readouterr().out) if f["check"] == "imports"] == []


CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王五\r\nTEL:13800138000\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:赵六\r\nTEL:13900139000\r\nEND:VCARD\r\n"
)
CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:a1\r\nDTSTART:20261201T090000\r\nDTEND:20261201T100000\r\n"
    "SUMMARY:周例会\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:a2\r\nDTSTART:20261202T090000\r\nDTEND:20261202T100000\r\n"
    "SUMMARY:专题会\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.mark.parametrize(
    ("what", "name", "text", "table"),
    [("contacts", "book.vcf", CARDS, "contact"), ("meetings", "week.ics", CALENDAR, "meeting")],
)
def test_contacts_and_meetings_imported_are_taken_back_as_the_desk_deletes(
    what: str, name: str, text: str, table: str, db: str, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    """The two records the file added carry its import's number; ``import undo`` deletes
    them as the desk does (each with its delete Event, so each can be brought back) and
    leaves a contact or meeting saved by hand alone."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    assert main(["--db", db, "import", what, str(source)]) == 0
    assert main(["--db", db, "import", what, str(source)]) == 0  # nothing new: no import
    capsys.readouterr()
    assert stored_rows(db, f"SELECT import_id FROM {table}") == [(1,), (1,)]
    assert stored_rows(db, "SELECT id, kind, rows FROM importbatch") == [(1, table, 2)]
    assert main(["--db", db, "import", "undo", "--yes"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Import 1 of {source} added 2 records.",
        "Import 1 taken back: 2 records removed.",
    ]
    assert stored_rows(db, f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL") == [(0,)]
    deleted = stored_rows(
        db, f"SELECT count(*) FROM event WHERE action = 'delete' AND entity = '{table}'"
    )
    assert deleted == [(2,)]


def test_a_register_imported_for_a_script_is_a_whole_too(
    db: str, files: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``import register --json --yes`` (one transaction) gives its documents an import
    number as well, and ``import undo`` takes them back."""
    assert main(["--db", db, "import", "register", "incoming", files[1], "--json", "--yes"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 7
    assert stored_rows(db, "SELECT DISTINCT import_id FROM incomingdocument") == [(1,)]
    assert main(["--db", db, "import", "undo", "--yes"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Import 1 taken back: 7 records removed."
    assert register_rows(db) == ([], 0)


def test_a_contact_deleted_by_hand_is_not_counted_again(db: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """One of the two imported contacts was deleted on the desk since: the import stands
    with one record, and taking it back removes (and says) one."""
    from secdesk.services import records
    from secdesk.services.store import Store

    source = tmp_path / "book.vcf"
    source.write_text(CARDS, encoding="utf-8")
    assert main(["--db", db, "import", "contacts", str(source)]) == 0
    store = Store(Path(db))
    (first,) = stored_rows(db, "SELECT min(id) FROM contact WHERE import_id = 1")
    store.write(records.delete, "contact", first[0])
    store.close()
    capsys.readouterr()
    assert main(["--db", db, "import", "undo", "--yes"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Import 1 taken back: 1 record removed."
    assert stored_rows(db, "SELECT count(*) FROM event WHERE action = 'delete'") == [(2,)]


def test_an_import_is_taken_back_once(db: str, tmp_path: Path) -> None:  # noqa: ANN001
    """Two undos of the same import at once: the second, checking again in its own
    transaction, is refused and changes nothing."""
    from secdesk.cli.common import CliError
    from secdesk.cli.imports import _undo, removers
    from secdesk.services.store import Store

    source = tmp_path / "book.vcf"
    source.write_text(CARDS, encoding="utf-8")
    assert main(["--db", db, "import", "contacts", str(source)]) == 0
    store = Store(Path(db))
    assert store.write(_undo, 1, removers()["contact"]) == 2
    with pytest.raises(CliError, match="taken back already"):
        store.write(_undo, 1, removers()["contact"])
    store.close()
    assert stored_rows(db, "SELECT count(*) FROM event WHERE action = 'undo-import'") == [(1,)]


def test_an_import_killed_before_its_first_batch_is_not_named(db: str) -> None:  # noqa: ANN001
    """Killed after its batch was begun but before any row was saved: nothing of it stands,
    so neither doctor nor the next import names it."""
    import socket

    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO importbatch (kind, source, actor, started_at, rows, pid, host) "
        "VALUES ('call', 'Master.csv', '', '2026-11-27 01:00:00', 0, 999999999, ?)",
        (socket.gethostname(),),
    )
    conn.commit()
    conn.close()
    from secdesk.services import imports
    from secdesk.services.store import Store

    store = Store(Path(db))
    assert store.run(imports.cut_off) == []
    store.close()
