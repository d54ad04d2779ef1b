"""Every schema revision's fixture database upgrades to the current schema with every value
intact, and every kind of record in it can be listed and shown; a failed upgrade leaves the
file as it was and says where the copy made before it is.

The fixtures (tests/data/migrations/<revision>.db) are made by
``python scripts/make_fixture_db.py --missing`` with that revision's migration scripts; a
new revision fails ``test_every_revision_has_its_fixture`` until its fixture is made.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from secdesk import config, db
from secdesk.cli import main
from secdesk.kinds import kinds
from secdesk.services import records
from secdesk.services.store import Store
from secdesk.services.views import ListFilter

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "migrations"
#: Values an upgrade renames on purpose: (table, column) -> {old: new}. 0005 split a
#: supervision item's "open" into the lifecycle's states (assigned, with a lead unit, as
#: every fixture row has) and named a petition's last state "closed".
RENAMED_VALUES: dict[tuple[str, str], dict[object, object]] = {
    ("supervisionitem", "status"): {"open": "assigned"},
    ("petition", "status"): {"completed": "closed"},
}
MAKE = "python scripts/make_fixture_db.py --missing"


def fixture(revision: str, tmp_path: Path) -> Path:
    source = FIXTURES / f"{revision}.db"
    if not source.exists():
        pytest.fail(f"no fixture for schema {revision}: run {MAKE}", pytrace=False)
    copy = tmp_path / "office.db"
    shutil.copyfile(source, copy)
    return copy


def dump(path: Path) -> dict[str, dict[int, dict[str, object]]]:
    """Every row of every table: table -> id -> column -> value, as stored."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
            )
        ]
        return {
            name: {row["id"]: dict(row) for row in conn.execute(f'SELECT * FROM "{name}"')}
            for name in names
            # The search index is derived data (FTS5 and its shadow tables), made anew.
            if not name.startswith("search_")
        }
    finally:
        conn.close()


def assert_intact(
    before: dict[str, dict[int, dict[str, object]]],
    after: dict[str, dict[int, dict[str, object]]],
    revision: str,
    stored: Callable[[object, object], object] = lambda value, _was: value,
    renamed: dict[tuple[str, str], dict[object, object]] = RENAMED_VALUES,
) -> None:
    """Every value of ``before`` is in ``after`` (but those ``renamed`` on purpose), read
    back by ``stored(value, value before)`` as the fixture held it."""
    for table, rows in before.items():
        for row_id, values in rows.items():
            upgraded = after[table][row_id]
            expected = {
                name: renamed.get((table, name), {}).get(value, value)
                for name, value in values.items()
            }
            kept = {
                name: stored(upgraded[name], expected[name]) for name in values if name in upgraded
            }
            assert kept == expected, f"{table} #{row_id} changed in the upgrade from {revision}"


def assert_listed(store: Store, before: dict[str, dict[int, dict[str, object]]]) -> None:
    """The desk can list and show every record of every kind the old database had."""
    for kind in kinds():
        if kind.entity not in before:
            continue
        page = store.run(records.page, kind.name, ListFilter())
        assert sorted(row.id for row in page.rows) == sorted(before[kind.entity]), kind.name
        for row in page.rows:
            shown = store.run(records.detail, kind.name, row.id)
            assert shown.id == row.id


def test_every_revision_has_its_fixture() -> None:
    missing = [r for r in db.REVISIONS if not (FIXTURES / f"{r}.db").exists()]
    assert missing == [], f"no fixture database for {missing}: run {MAKE}"


@pytest.mark.parametrize("revision", db.REVISIONS)
def test_each_revision_upgrades_with_its_data_intact(revision: str, tmp_path: Path) -> None:
    path = fixture(revision, tmp_path)
    assert db.stored_revision(path) == revision
    before = dump(path)
    assert all(len(rows) == 2 for rows in before.values())  # the fixture has data
    store = Store(path, tmp_path / "backups")
    made = store.open()
    assert db.stored_revision(path) == db.HEAD
    assert (made is not None) == (revision != db.HEAD)  # a copy before any upgrade
    assert_intact(before, dump(path), revision)
    assert_listed(store, before)
    store.close()


@pytest.mark.parametrize("revision", db.REVISIONS[:-1])
def test_a_failed_upgrade_leaves_the_file_as_it_was_and_says_where_the_copy_is(
    revision: str, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    from alembic import command

    real_upgrade = command.upgrade

    def upgrade_then_fail(config, target) -> None:  # noqa: ANN001
        real_upgrade(config, target)  # every step done, then the power goes
        raise RuntimeError("power cut")

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)
    path = fixture(revision, tmp_path)
    before = dump(path)
    code = main(["--db", str(path), "log", "call", "--from", "张三", "not saved"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    (sentence,) = err.splitlines()
    assert f"Upgrading {path} from schema {revision} to {db.HEAD} failed" in sentence
    assert db.stored_revision(path) == revision and dump(path) == before
    (copy,) = config.backup_dir(path).glob(f"office-*-before-{db.HEAD}.db")
    assert str(copy) in sentence
    assert db.stored_revision(copy) == revision and dump(copy) == before


# -- the same fixtures on a PostgreSQL server ---------------------------------------------


def copy_to_server(source: Path, url: str, revision: str) -> None:
    """An empty PostgreSQL database brought to ``revision`` by its own migrations, then
    given every row of the fixture ``source`` (SQLite's 0/1, date and time texts and JSON
    texts read into the server's types), its id sequences set past the rows."""
    import json
    from datetime import UTC, date, datetime

    import sqlalchemy as sa
    from alembic import command

    from secdesk import dbserver

    def typed(column: sa.Column[object], value: object) -> object:
        kind = column.type
        if value is None or not isinstance(value, str | int):
            return value
        if isinstance(kind, sa.Boolean):
            return bool(value)
        if isinstance(kind, sa.DateTime) and isinstance(value, str):
            moment = datetime.fromisoformat(value)
            return moment.replace(tzinfo=UTC) if kind.timezone else moment
        if isinstance(kind, sa.Date) and isinstance(value, str):
            return date.fromisoformat(value)
        if isinstance(kind, sa.JSON) and isinstance(value, str):
            return json.loads(value)
        return value

    engine = dbserver.make_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(db.alembic_config(connection), revision)
        with engine.begin() as connection:
            # Rows go in as they are, in any order: the foreign keys hold once all are in.
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
            tables = sa.MetaData()
            tables.reflect(connection)
            for name, rows in dump(source).items():
                table = tables.tables[name]
                connection.execute(
                    table.insert(),
                    [
                        {key: typed(table.c[key], value) for key, value in row.items()}
                        for row in rows.values()
                    ],
                )
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), max(id)) "
                    f'FROM "{name}"'
                )
    finally:
        engine.dispose()


def server_dump(url: str) -> dict[str, dict[int, dict[str, object]]]:
    """Every row of every table on the server (read with psycopg, not through secdesk)."""
    import psycopg
    from psycopg.rows import dict_row

    from secdesk import dbserver

    with psycopg.connect(dbserver.libpq_url(url), row_factory=dict_row) as conn:
        names = [
            row["tablename"]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "AND tablename <> 'alembic_version' AND tablename NOT LIKE 'search\\_%'"
            )
        ]
        return {
            name: {row["id"]: row for row in conn.execute(f'SELECT * FROM "{name}"')}  # type: ignore[arg-type]
            for name in names
        }


def as_sqlite_stored(value: object, was: object) -> object:
    """``value`` read from the server as SQLite stores it: 0/1, UTC times as text, dates
    as text, JSON as the text it was (``was``) when it means the same."""
    import json
    from datetime import UTC, date, datetime

    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict | list) and isinstance(was, str):
        return was if json.loads(was) == value else json.dumps(value)
    return value


@pytest.mark.parametrize("revision", db.REVISIONS)
def test_each_revision_upgrades_on_postgresql_with_its_data_intact(
    revision: str, tmp_path: Path, pg_server
) -> None:  # noqa: ANN001
    """The fixture's rows, in a PostgreSQL database at the fixture's revision, come through
    the upgrade to the current schema (on opening the desk) with every value intact, and
    every record can be listed and shown."""
    source = fixture(revision, tmp_path)
    before = dump(source)
    url = pg_server.empty()
    try:
        copy_to_server(source, url, revision)
        assert server_revision(url) == revision
        assert_intact(before, server_dump(url), revision, as_sqlite_stored, renamed={})
        store = Store(tmp_path / "office-on-server.db", url=url)
        try:
            store.open()
            assert server_revision(url) == db.HEAD
            assert_intact(before, server_dump(url), revision, as_sqlite_stored)
            assert_listed(store, before)
            if db.REVISIONS.index(revision) < db.REVISIONS.index(db.DATA_STEPS[0]):
                # The upgrade through the search index's revision filled it on the server.
                from secdesk.services import search

                hits = store.run(search.search, "张三", per_kind=None).hits
                assert {hit.kind for hit in hits} >= {"call", "visit"}
        finally:
            store.close()
    finally:
        pg_server.drop(url)


def server_revision(url: str) -> str:
    import psycopg

    from secdesk import dbserver

    with psycopg.connect(dbserver.libpq_url(url)) as conn:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        assert row is not None
        return str(row[0])
