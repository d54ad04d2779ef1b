"""Many desks on one PostgreSQL database at once: nothing saved is lost, every 发文字号 and
收文号 is given once and without a gap, a save over a version another desk replaced is
refused, and a desk that finds the database busy tries again a few times, then says so in
one sentence. Counted on the server with psycopg, never through secdesk."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from secdesk import dbserver
from secdesk.cli import main
from secdesk.office.calls import log
from secdesk.services import errors, records
from secdesk.services.inputs import CallInput, IncomingInput
from secdesk.services.store import Store
from secdesk.services.views import ListFilter, RecordChanged

BUSY = (
    "The database is busy: another program (or another secdesk window) is holding it. "
    "Try again in a moment."
)


def server_rows(url: str, query: str) -> list[tuple[Any, ...]]:
    """What the server holds, read with psycopg alone."""
    import psycopg

    with psycopg.connect(dbserver.libpq_url(url)) as conn:
        return list(conn.execute(query))  # type: ignore[arg-type]


def at_once(scripts: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Run every Python ``script`` in a process of its own, all started before any is
    waited for."""
    started = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for script in scripts
    ]
    done = []
    for process in started:
        out, err = process.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def test_four_desks_logging_twenty_calls_each_at_once_lose_none(pg_url: str) -> None:
    """Four processes each run ``secdesk --db URL log call`` twenty times, together: the
    server then holds all eighty calls, each once."""
    script = textwrap.dedent(
        """
        import sys
        from secdesk.cli import main
        for i in range(20):
            code = main(["--db", {url!r}, "log", "call", "--from", "desk {desk}",
                         "desk {desk} call " + str(i)])
            if code:
                sys.exit(code)
        """
    )
    done = at_once([script.format(url=pg_url, desk=desk) for desk in range(4)])
    assert [(p.returncode, p.stderr) for p in done] == [(0, "")] * 4
    summaries = [row[0] for row in server_rows(pg_url, "SELECT summary FROM call")]
    expected = [f"desk {desk} call {i}" for desk in range(4) for i in range(20)]
    assert sorted(summaries) == sorted(expected)
    events = server_rows(pg_url, "SELECT count(*) FROM event WHERE entity = 'call'")
    assert events == [(80,)]


def test_twenty_four_outgoing_documents_numbered_at_once_are_distinct_and_gapless(
    pg_url: str,
) -> None:
    """24 ``secdesk log outgoing --prefix P --yes`` started together: the 24 numbers are
    P〔year〕1号 to 24号, each given once."""
    script = (
        "import sys; from secdesk.cli import main; "
        "sys.exit(main(['--db', {url!r}, 'log', 'outgoing', '--prefix', 'P', '--yes', "
        "'document {n}']))"
    )
    done = at_once([script.format(url=pg_url, n=n) for n in range(24)])
    assert [p.returncode for p in done] == [0] * 24, [p.stderr for p in done]
    rows = server_rows(pg_url, "SELECT serial, doc_number, title FROM outgoingdocument")
    year = datetime.now(UTC).astimezone().year
    assert sorted(serial for serial, _number, _title in rows) == list(range(1, 25))
    assert sorted(number for _serial, number, _title in rows) == sorted(
        f"P〔{year}〕{serial}号" for serial in range(1, 25)
    )
    assert sorted(title for *_rest, title in rows) == sorted(f"document {n}" for n in range(24))
    printed = sorted(p.stdout.strip().rsplit(" ", 1)[-1] for p in done)
    assert printed == sorted(number for _serial, number, _title in rows)


def test_receipt_numbers_given_by_four_desks_at_once_are_distinct_and_gapless(
    pg_url: str, tmp_path: Path
) -> None:
    """Four desks (each its own connection) register six incoming documents each at the
    same time: the 收文号 of the year run 1 to 24."""
    desks = [Store(tmp_path / f"desk{n}.db", url=pg_url) for n in range(4)]

    def register(desk: Store) -> list[int]:
        received = datetime(2026, 12, 4, 9, tzinfo=UTC)
        return [
            desk.write(
                records.create, "incoming", IncomingInput("某市应急局", f"通知{n}", received)
            ).id
            for n in range(6)
        ]

    try:
        with ThreadPoolExecutor(4) as pool:
            ids = [i for saved in pool.map(register, desks) for i in saved]
    finally:
        for desk in desks:
            desk.close()
    assert len(set(ids)) == 24
    serials = server_rows(pg_url, "SELECT serial FROM incomingdocument WHERE year = 2026")
    assert sorted(s for (s,) in serials) == list(range(1, 25))


def test_a_save_over_a_version_another_desk_replaced_is_refused(
    pg_url: str, tmp_path: Path
) -> None:
    """Two desks open the same call; the first saves; the second's save, over the version
    it read, is refused (RecordChanged) and the first one's words stay."""
    here, there = Store(tmp_path / "a.db", url=pg_url), Store(tmp_path / "b.db", url=pg_url)
    try:
        at = datetime(2026, 12, 4, 9, tzinfo=UTC)
        saved = here.write(records.create, "call", CallInput(at, caller="王主任", summary="原话"))
        seen_here = here.run(records.load, "call", saved.id)
        seen_there = there.run(records.load, "call", saved.id)
        assert seen_here.version == seen_there.version
        mine = CallInput(at, caller="王主任", summary="这边改的")
        here.write(records.update, "call", saved.id, mine, seen_here.version)
        theirs = CallInput(at, caller="王主任", summary="那边改的")
        with pytest.raises(RecordChanged):
            there.write(records.update, "call", saved.id, theirs, seen_there.version)
    finally:
        here.close()
        there.close()
    assert server_rows(pg_url, "SELECT summary, version FROM call") == [
        ("这边改的", seen_here.version + 1)
    ]


@pytest.fixture
def held_write_lock(pg_url: str, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Another desk holding the write lock (a session of its own, until released), and
    this desk's lock timeout shortened to 50 ms. Yields (release, attempts): how many
    times this desk tried to take the lock."""
    import psycopg

    monkeypatch.setattr(dbserver, "LOCK_TIMEOUT", "50ms")
    monkeypatch.setattr("secdesk.services.store.RETRY_PAUSE_S", 0.01)
    holder = psycopg.connect(dbserver.libpq_url(pg_url), autocommit=True)
    holder.execute(f"SELECT pg_advisory_lock({dbserver.WRITE_LOCK})")
    attempts: list[int] = []
    take = dbserver.take_write_lock

    def counted(connection) -> None:  # noqa: ANN001
        attempts.append(1)
        take(connection)

    monkeypatch.setattr(dbserver, "take_write_lock", counted)

    def release() -> None:
        if not holder.closed:
            holder.close()

    yield release, attempts
    release()


def test_a_save_that_finds_the_lock_held_tries_again_and_saves(
    pg_url: str, tmp_path: Path, held_write_lock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other desk lets go after this desk's first try timed out: the second try
    saves, and the user never hears of it."""
    release, attempts = held_write_lock
    take = dbserver.take_write_lock

    def second_try_finds_it_free(connection) -> None:  # noqa: ANN001
        if attempts:
            release()
        take(connection)

    monkeypatch.setattr(dbserver, "take_write_lock", second_try_finds_it_free)
    desk = Store(tmp_path / "desk.db", url=pg_url)
    try:
        at = datetime(2026, 12, 4, 9, tzinfo=UTC)
        desk.write(records.create, "call", CallInput(at, summary="等了一下"))
    finally:
        desk.close()
    assert len(attempts) == 2
    assert server_rows(pg_url, "SELECT summary FROM call") == [("等了一下",)]


def test_a_desk_that_finds_the_lock_held_throughout_says_busy_once(
    pg_url: str, capsys: pytest.CaptureFixture[str], held_write_lock
) -> None:
    """``log call`` while another desk holds the lock past three tries: exit 2, the busy
    sentence and nothing else, nothing saved."""
    _release, attempts = held_write_lock
    code = main(["--db", pg_url, "log", "call", "--from", "李四", "第二通"])
    out = capsys.readouterr()
    assert (code, out.out, out.err) == (2, "", f"secdesk: {BUSY}\n")
    assert len(attempts) == 3
    assert server_rows(pg_url, "SELECT count(*) FROM call") == [(0,)]


def test_busy_errors_are_known_by_their_sqlstate() -> None:
    """Lock timeouts, serialization failures and deadlocks are busy (tried again); a
    refused privilege is not."""
    import psycopg.errors as pg

    assert errors.is_busy(pg.LockNotAvailable("canceling statement due to lock timeout"))
    assert errors.is_busy(pg.SerializationFailure("could not serialize access"))
    assert errors.is_busy(pg.DeadlockDetected("deadlock detected"))
    assert not errors.is_busy(pg.InsufficientPrivilege("permission denied for table call"))


def test_reading_never_waits_for_another_desks_save(
    pg_url: str, tmp_path: Path, held_write_lock
) -> None:
    """While another desk holds the write lock, this desk still reads the day."""
    _release, attempts = held_write_lock
    desk = Store(tmp_path / "desk.db", url=pg_url)
    try:
        assert desk.run(records.page, "call", ListFilter()).total == 0
    finally:
        desk.close()
    assert attempts == []


def test_two_desks_opening_a_new_database_at_once_make_its_schema_once(
    pg_server: Any, tmp_path: Path
) -> None:
    """Two desks starting together on an empty database: one makes the schema under the
    schema lock, the other waits and finds it current; both then save."""
    import psycopg

    url = pg_server.empty()
    stores = [Store(tmp_path / f"desk{n}.db", url=url) for n in range(2)]
    try:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda store: store.open(), stores))
        for n, store in enumerate(stores):
            store.write(
                log.log_call,
                CallInput(at=datetime(2026, 12, 4, 2, n, tzinfo=UTC), caller=f"桌{n}", summary="x"),
            )
    finally:
        for store in stores:
            store.close()
    with psycopg.connect(dbserver.libpq_url(url)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0012_change_notices",)
        ]
        assert conn.execute("SELECT caller FROM call ORDER BY caller").fetchall() == [
            ("桌0",),
            ("桌1",),
        ]
    pg_server.drop(url)


def test_an_address_without_the_driver_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without psycopg installed, a PostgreSQL address is one sentence naming the extra to
    install, and nothing is made."""
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails
    code = main(["--db", "postgresql://office@/office?host=/nowhere", "log", "call", "x"])
    assert code == 2
    assert capsys.readouterr().err == (
        "secdesk: Opening a PostgreSQL database needs its driver: install it with "
        "pip install 'secdesk[postgres]'.\n"
    )


def test_today_on_a_server_prints_the_day_it_remembers_until_anybody_saves(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``secdesk today`` on a shared database remembers the day it read; the next call
    prints it while the server's newest audit Event is the same, asking the server with the
    driver alone (no SQLAlchemy, no models); once another desk saved, it reads the day
    again and shows what was saved."""
    import json

    assert main(["--db", pg_url, "log", "call", "--from", "张三", "第一个电话"]) == 0
    assert main(["--db", pg_url, "--lang", "en", "today", "--json"]) == 0
    read = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    script = textwrap.dedent(
        f"""
        import sys
        from secdesk.cli import main
        code = main(["--db", {pg_url!r}, "--lang", "en", "today", "--json"])
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel")),
              file=sys.stderr)
        sys.exit(code)
        """
    )

    def today() -> tuple[dict[str, Any], str]:
        (done,) = at_once([script])
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout), done.stderr.strip()

    remembered, modules = today()
    assert (remembered, modules) == (read, "[]")
    (saved,) = at_once(
        [
            "from secdesk.cli import main\n"
            f"main(['--db', {pg_url!r}, 'log', 'call', '--from', '李四', '第二个电话'])"
        ]
    )
    assert saved.returncode == 0, saved.stderr
    again, modules = today()
    assert modules != "[]"  # read anew
    (calls,) = [p for p in again["panels"] if p["id"] == "calls"]
    assert {row["values"]["summary"] for row in calls["rows"]} == {"第一个电话", "第二个电话"}
    assert today() == (again, "[]")  # and remembered again


def test_a_listener_that_cannot_reach_the_server_at_first_says_so_and_tries_later(
    tmp_path: Path,
) -> None:
    """The desk starts while the server cannot be reached: its listener is made all the
    same, says the other desks' saves cannot be heard, and waits without failing (it tries
    again later, as after a connection lost)."""
    nowhere = f"postgresql://nobody@/office?host={tmp_path}"  # no server on this socket
    listener = dbserver.ChangeListener(nowhere)
    try:
        assert listener.trouble is not None
        assert listener.wait(0.05) is False
    finally:
        listener.close()
