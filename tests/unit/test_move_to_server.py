"""Moving an office onto a server: ``secdesk copy --to postgresql://…`` as a user runs it,
checked with psycopg and sqlite3 directly, not through secdesk."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine

from secdesk.cli import main
from tests import factories as f
from tests.conftest import PgServer

DEMO_NOW = "2026-11-27 10:00:00 +0800"
#: Queries the search box answers on both: Chinese of two and four characters, one
#: character, a number, and a kind's filter.
SEARCHES = ("会议", "安全生产", "张", "2026", "kind:call 通知")


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def file_counts(path: Path) -> dict[str, int]:
    """Rows per table of the file, read with sqlite3 (the full-text index's own tables,
    the schema's version and the index entries, which the copy makes anew, aside)."""
    conn = sqlite3.connect(path)
    try:
        names = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith(("search_", "alembic_", "sqlite_"))
        ]
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
        }
    finally:
        conn.close()


def server_counts(url: str, names: list[str]) -> dict[str, int]:
    import psycopg

    from secdesk import dbserver

    with psycopg.connect(dbserver.libpq_url(url)) as conn:
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # type: ignore[index]
            for name in names
        }


def server_value(url: str, sql: str) -> object:
    import psycopg

    from secdesk import dbserver

    with psycopg.connect(dbserver.libpq_url(url)) as conn:
        row = conn.execute(sql).fetchone()  # type: ignore[arg-type]
        assert row is not None
        return row[0]


def hits(store, query: str) -> list[object]:  # noqa: ANN001
    from secdesk.services import search

    found = store.run(search.search, query, 50, None, True)
    return [(hit.kind, hit.id, hit.snippet) for hit in found.hits] + sorted(found.counts.items())


@pytest.fixture
def one_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A year of the demo office's work up to ``DEMO_NOW``, in its own file."""
    from secdesk.calendar import clock
    from secdesk.demo import seed_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    clock.set_zone("Asia/Shanghai")
    with time_machine.travel(DEMO_NOW, tick=False):
        seed_demo(path, years=1, today=date(2026, 11, 27))
    return path


def test_a_year_of_the_demo_office_moves_onto_the_server_whole(
    capsys,  # noqa: ANN001
    one_year: Path,
    pg_server: PgServer,
    tmp_path: Path,
) -> None:
    """Every table arrives with every row (counted on the server with psycopg), the text and
    the times as they were, the search box finds the same records, the audit trail says
    where the office came from, and the next call saved gets the next id."""
    from secdesk.services.store import Store

    url = pg_server.empty()
    before = file_counts(one_year)
    code, out, err = run(capsys, "--db", str(one_year), "copy", "--to", url)
    assert code == 0, err
    # The server holds every row, and one Event more: the copy's own.
    assert server_counts(url, list(before)) == {**before, "event": before["event"] + 1}
    said = dict(line.split() for line in out.splitlines() if line.startswith("  "))
    assert {table: int(n.replace(",", "")) for table, n in said.items()} == before
    total = sum(before.values())
    assert f"{total:,} rows in" in out
    assert "secdesk --db" in out

    # The text and the times, checked apart from secdesk's own read-back.
    conn = sqlite3.connect(one_year)
    summaries = "|".join(s for (s,) in conn.execute("SELECT summary FROM call ORDER BY id"))
    first_at = conn.execute("SELECT at FROM call ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    on_server = server_value(url, "SELECT md5(string_agg(summary, '|' ORDER BY id)) FROM call")
    assert on_server == hashlib.md5(summaries.encode()).hexdigest()
    at = server_value(url, "SELECT at FROM call ORDER BY id LIMIT 1")
    assert isinstance(at, datetime)
    assert at.astimezone(UTC).replace(tzinfo=None) == datetime.fromisoformat(first_at)

    audit = server_value(url, "SELECT data FROM event WHERE action = 'copy'")
    assert str(one_year) in str(audit)

    on_file = Store(one_year)
    server = Store(tmp_path / "server.db", url=url)
    try:
        for query in SEARCHES:
            assert hits(server, query) == hits(on_file, query), query
            assert hits(server, query), query  # a query that finds nothing proves nothing
    finally:
        on_file.close()
        server.close()

    highest = server_value(url, "SELECT max(id) FROM call")
    code, out, err = run(capsys, "--db", url, "log", "call", "--from", "王五", "搬家后的第一个电话")
    assert code == 0, err
    assert int(server_value(url, "SELECT max(id) FROM call")) == int(highest) + 1  # type: ignore[call-overload]
    assert server_counts(url, ["call"])["call"] == before["call"] + 1


@pytest.fixture
def small_office(tmp_path: Path) -> Path:
    """A file holding two calls and a meeting series whose first row refers to a later one
    (as a series detached and re-made leaves it)."""

    def fill(session) -> None:  # noqa: ANN001
        f.call(session, f.local(2026, 11, 20), caller="张三", summary="询问预算")
        f.call(session, f.local(2026, 11, 21, 15), caller="李四", summary="通知开会")
        f.meeting(session, f.local(2026, 11, 23), title="周例会")
        f.meeting(session, f.local(2026, 11, 30), title="周例会（系列）")

    path = f.filled_database(tmp_path / "small.db", fill)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meeting SET series_id = 2 WHERE id = 1")
    conn.commit()
    conn.close()
    return path


def test_a_database_that_holds_records_is_refused_and_left_as_it_was(
    capsys,  # noqa: ANN001
    small_office: Path,
    pg_server: PgServer,
) -> None:
    """The second copy into the same database is refused in one sentence; the records the
    first one copied stay, once each (a meeting's reference to a later one kept too)."""
    url = pg_server.empty()
    assert run(capsys, "--db", str(small_office), "copy", "--to", url)[0] == 0
    code, out, err = run(capsys, "--db", str(small_office), "copy", "--to", url)
    assert code == 2
    assert "already holds records" in err and "Nothing was copied." in err
    assert err.count("\n") == 1 and out == ""
    assert server_counts(url, ["call", "meeting", "event"]) == {"call": 2, "meeting": 2, "event": 1}
    assert server_value(url, "SELECT series_id FROM meeting WHERE id = 1") == 2


def test_a_failed_copy_leaves_the_server_empty(
    capsys,  # noqa: ANN001
    small_office: Path,
    pg_server: PgServer,
) -> None:
    """A text PostgreSQL cannot keep (a NUL character) stops the copy, naming the record;
    nothing of it stays on the server, so the copy can be made again once it is edited."""
    conn = sqlite3.connect(small_office)
    conn.execute("UPDATE call SET summary = 'a' || char(0) || 'b' WHERE id = 2")
    conn.commit()
    conn.close()
    url = pg_server.empty()
    code, _out, err = run(capsys, "--db", str(small_office), "copy", "--to", url)
    assert code == 2
    assert "record 2 of the table call" in err and "NUL" in err
    assert server_counts(url, ["call", "meeting", "event", "search_entry"]) == dict.fromkeys(
        ("call", "meeting", "event", "search_entry"), 0
    )
    conn = sqlite3.connect(small_office)
    conn.execute("UPDATE call SET summary = '通知开会' WHERE id = 2")
    conn.commit()
    conn.close()
    assert run(capsys, "--db", str(small_office), "copy", "--to", url)[0] == 0
    assert server_counts(url, ["call"]) == {"call": 2}


def test_a_file_open_in_a_desk_is_not_copied(
    capsys,  # noqa: ANN001
    small_office: Path,
    pg_server: PgServer,
) -> None:
    """While a window has the file open, what it saves would be left behind: refused."""
    from secdesk.care.desklock import desk_open

    url = pg_server.empty()
    with desk_open(small_office):
        code, _out, err = run(capsys, "--db", str(small_office), "copy", "--to", url)
    assert code == 2
    assert "has" in err and "open" in err and "Nothing was copied." in err
    assert server_value(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 0


@pytest.mark.parametrize(
    ("to", "said"),
    [
        ("/tmp/office.db", "--to needs the address of a PostgreSQL database"),
        ("mysql://u@host/office", "--to needs the address of a PostgreSQL database"),
        ("postgresql://u:secret@host/office", "A password in --to would show"),
    ],
)
def test_copy_needs_a_server_address_without_a_password(
    capsys,  # noqa: ANN001
    small_office: Path,
    to: str,
    said: str,
) -> None:
    code, out, err = run(capsys, "--db", str(small_office), "copy", "--to", to)
    assert code == 2 and out == ""
    assert said in err
    assert "secret" not in err


def test_copy_from_a_file_that_is_not_there_is_refused(
    capsys,  # noqa: ANN001
    tmp_path: Path,
    pg_server: PgServer,
) -> None:
    missing = tmp_path / "nowhere.db"
    code, _out, err = run(capsys, "--db", str(missing), "copy", "--to", pg_server.address("x"))
    assert code == 2
    assert f"There is no database at {missing}." in err
    assert not missing.exists()
