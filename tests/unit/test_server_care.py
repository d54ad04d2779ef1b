"""Care of a database on a PostgreSQL server as a shell user sees it: ``backup`` writes
pg_dump's archive into the database's backups folder (or says how to back up without
pg_dump), ``restore`` brings it back with pg_restore after a safety dump and is refused
while another desk is connected, ``doctor`` checks the connection, the server, the schema
and the search index. The records are read with psycopg, not through secdesk."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from secdesk import config, dbserver
from secdesk.care import backups, keeping, pgdump
from secdesk.cli import main
from secdesk.db import HEAD
from secdesk.services.store import Store
from tests import factories as f
from tests.conftest import need_program


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def callers(url: str) -> list[str]:
    """Who called, in the order the calls were stored (read with psycopg alone)."""
    import psycopg

    with psycopg.connect(dbserver.libpq_url(url)) as conn:
        return [row[0] for row in conn.execute("SELECT caller FROM call ORDER BY id")]


def add_call(url: str, caller: str, tmp_path: Path) -> None:
    store = Store(tmp_path / "desk.db", url=url)
    try:
        store.run(lambda s: f.call(s, f.local(2026, 11, 27, 10), caller=caller))
    finally:
        store.close()


def folder_of(url: str) -> Path:
    """The database's own backups folder on this computer."""
    return config.backup_dir(config.server_path(url))


@pytest.fixture
def tools() -> None:
    for name in ("pg_dump", "pg_restore", "psql"):
        need_program(name)


@pytest.fixture
def no_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Neither on PATH nor in Debian's versioned folders is there any PostgreSQL tool; the
    returned folder is PATH (a test may put a stand-in there)."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(pgdump, "VERSIONED", str(tmp_path / "nowhere" / "{major}"))
    return empty


def server_version(url: str) -> str:
    import psycopg

    with psycopg.connect(dbserver.libpq_url(url)) as conn:
        row = conn.execute("SHOW server_version").fetchone()
        assert row is not None
        return str(row[0]).split()[0]


def test_backup_then_a_change_then_restore_brings_the_records_back(
    pg_url: str, tools: None, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    add_call(pg_url, "张三", tmp_path)
    code, out, err = run(capsys, "--db", pg_url, "backup")
    assert code == 0, err
    archive = Path(out.strip())
    assert archive.parent == folder_of(pg_url)
    assert archive.name.startswith(f"{dbserver.database_name(pg_url)}-")
    assert archive.suffix == ".dump"
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    add_call(pg_url, "王五", tmp_path)
    assert callers(pg_url) == ["张三", "王五"]

    code, out, err = run(capsys, "--db", pg_url, "restore", "--yes", str(archive))

    assert code == 0, err
    assert f"Restored {archive} into {pg_url}." in out
    assert callers(pg_url) == ["张三"]
    # The database as it was is kept: restoring it brings 王五 back.
    before = [b for b in backups.listing(pgdump.named(pg_url), folder_of(pg_url)) if b.reason]
    kept = next(b.path for b in before if b.reason == keeping.BEFORE_RESTORE)
    assert f"The database as it was is kept in {kept}." in out
    code, _out, err = run(capsys, "--db", pg_url, "restore", "--yes", str(kept))
    assert code == 0, err
    assert callers(pg_url) == ["张三", "王五"]
    # The desk saves on as before: the numbering went back with the records.
    add_call(pg_url, "赵六", tmp_path)
    assert callers(pg_url) == ["张三", "王五", "赵六"]


def test_backups_lists_the_archives(pg_url: str, tools: None, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    add_call(pg_url, "张三", tmp_path)
    _code, made, _err = run(capsys, "--db", pg_url, "backup")
    code, out, _err = run(capsys, "--db", pg_url, "backups")
    assert code == 0
    assert "taken by hand" in out and "a pg_dump archive" in out
    assert made.strip() in out
    code, out, _err = run(capsys, "--db", pg_url, "backups", "--json")
    assert [row["reason"] for row in json.loads(out)] == ["manual"]


def test_restore_is_refused_while_another_desk_is_connected(
    pg_url: str, tools: None, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    import psycopg

    add_call(pg_url, "张三", tmp_path)
    _code, out, _err = run(capsys, "--db", pg_url, "backup")
    add_call(pg_url, "王五", tmp_path)
    with psycopg.connect(dbserver.libpq_url(pg_url)):  # another desk, or psql
        code, _out, err = run(capsys, "--db", pg_url, "restore", "--yes", out.strip())
    assert code == 2
    assert "1 other connection to" in err and "Nothing was changed." in err
    assert callers(pg_url) == ["张三", "王五"]
    # Nothing was taken either: the one backup is the one made by hand.
    assert len(backups.listing(pgdump.named(pg_url), folder_of(pg_url))) == 1


def test_restore_of_a_cut_off_archive_changes_nothing(
    pg_url: str, tools: None, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    """An archive whose end is missing is read until it fails: the transaction that
    replaces the schema is never committed."""
    add_call(pg_url, "张三", tmp_path)
    _code, out, _err = run(capsys, "--db", pg_url, "backup")
    whole = Path(out.strip()).read_bytes()
    cut = tmp_path / "cut.dump"
    cut.write_bytes(whole[:-100])
    add_call(pg_url, "王五", tmp_path)

    code, _out, err = run(capsys, "--db", pg_url, "restore", "--yes", str(cut))

    assert code == 2
    assert "Nothing was" in err
    assert callers(pg_url) == ["张三", "王五"]


def test_a_file_backup_is_not_restored_into_a_server(
    pg_url: str, tools: None, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    file_db = tmp_path / "office.db"
    store = Store(file_db)
    store.run(lambda s: f.call(s, f.local(2026, 11, 27, 10), caller="李四"))
    store.close()
    code, _out, err = run(capsys, "--db", pg_url, "restore", "--yes", str(file_db))
    assert code == 2
    assert "is a backup of a database file (SQLite)" in err


def test_doctor_on_a_healthy_server_database(pg_url: str, tools: None, capsys) -> None:  # noqa: ANN001
    code, _out, err = run(capsys, "--db", pg_url, "log", "call", "询问预算", "--from", "张三")
    assert code == 0, err

    code, out, err = run(capsys, "--db", pg_url, "doctor")

    assert code == 0, err
    assert f"Checking {pg_url}" in out
    assert f"Connected to {pg_url} as secdesk_test." in out
    assert f"The server runs PostgreSQL {server_version(pg_url)}." in out
    assert f"Schema {HEAD}: current." in out
    assert "The search index holds its 1 record." in out
    assert "Newest backup:" in out  # the day's, taken by the first command of the day
    code, out, _err = run(capsys, "--db", pg_url, "doctor", "--json")
    levels = {row["check"]: row["level"] for row in json.loads(out)}
    for check in ("connection", "server", "schema", "backups", "search"):
        assert levels[check] == "ok", check


def test_doctor_on_a_server_that_cannot_be_reached(pg_server, capsys) -> None:  # noqa: ANN001
    url = pg_server.address("secdesk_no_such_database")
    code, out, _err = run(capsys, "--db", url, "doctor")
    assert code == 1
    assert "cannot be reached" in out
    assert "The data is at risk" in out


def test_backup_without_pg_dump_says_how_to_back_up(
    pg_url: str, no_tools: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    add_call(pg_url, "张三", tmp_path)
    code, out, err = run(capsys, "--db", pg_url, "backup")
    assert code == 2
    assert out == ""
    name = dbserver.database_name(pg_url)
    assert err.strip() == (
        f"secdesk: pg_dump is not installed here, so secdesk cannot back up {pg_url}: install "
        "PostgreSQL's client tools (on Debian: apt-get install postgresql-client), or ask "
        f"whoever runs the server to back the database up (pg_dump -Fc {name})."
    )
    assert backups.listing(pgdump.named(pg_url), folder_of(pg_url)) == []


def stand_in(folder: Path, name: str, version: str, record: Path) -> None:
    """A stand-in for a client tool that says it is of ``version`` and writes down what it
    was given (its arguments, PGPASSWORD), then makes the file of ``-f``."""
    script = folder / name
    script.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = --version ]; then echo "{name} (PostgreSQL) {version}"; exit 0; fi\n'
        f'echo "$@" >> {record}\necho "PGPASSWORD=$PGPASSWORD" >> {record}\n'
        'while [ "$#" -gt 0 ]; do if [ "$1" = -f ]; then : > "$2"; fi; shift; done\n'
    )
    script.chmod(0o755)


def test_a_pg_dump_of_another_version_is_one_sentence(
    pg_url: str, no_tools: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    add_call(pg_url, "张三", tmp_path)
    stand_in(no_tools, "pg_dump", "9.6.24", tmp_path / "said")
    version = server_version(pg_url)
    code, _out, err = run(capsys, "--db", pg_url, "backup")
    assert code == 2
    assert err.strip() == (
        f"secdesk: pg_dump here is PostgreSQL 9's, and the server of {pg_url} runs PostgreSQL "
        f"{version}: install the client tools of the server's version (on Debian: apt-get "
        f"install postgresql-client-{version.split('.')[0]}), then try again. Nothing was "
        "changed."
    )
    assert not (tmp_path / "said").exists()  # never run to back up


@pytest.mark.parametrize("written", ["user:password@", "?password="])
def test_the_password_never_stands_in_the_process_list(
    written: str,
    pg_url: str,
    no_tools: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys,  # noqa: ANN001
) -> None:
    add_call(pg_url, "张三", tmp_path)
    said = tmp_path / "said"
    stand_in(no_tools, "pg_dump", server_version(pg_url), said)
    if written == "user:password@":
        secret = pg_url.replace("secdesk_test@", "secdesk_test:s%40cret@")
    else:
        secret = pg_url + "&password=s%40cret"
    monkeypatch.setenv("SECDESK_DB", secret)  # the server trusts: the password is not asked
    code, out, err = run(capsys, "backup")
    assert code == 0, err
    arguments, password = said.read_text().splitlines()
    assert "cret" not in arguments
    assert dbserver.database_name(pg_url) in arguments
    assert password == "PGPASSWORD=s@cret"
    assert "cret" not in out


def test_the_days_backup_on_a_server(pg_url: str, tools: None, tmp_path: Path) -> None:
    add_call(pg_url, "张三", tmp_path)
    store = Store(config.server_path(pg_url), folder_of(pg_url), url=pg_url)
    try:
        made = backups.daily_of(store)
        assert made is not None and made.name.startswith(f"{dbserver.database_name(pg_url)}-daily-")
        assert made.suffix == ".dump"
        assert backups.daily_of(store) is None  # once a day
    finally:
        store.close()
    assert [b.reason for b in backups.listing(pgdump.named(pg_url), folder_of(pg_url))] == [
        keeping.DAILY
    ]


def test_without_pg_dump_the_days_backup_is_a_note_said_once(
    pg_url: str, no_tools: Path, capsys
) -> None:  # noqa: ANN001
    code, _out, err = run(capsys, "--db", pg_url, "log", "call", "询问预算", "--from", "张三")
    assert code == 0
    assert "secdesk: pg_dump is not installed here" in err
    code, _out, err = run(capsys, "--db", pg_url, "log", "call", "再问", "--from", "李四")
    assert code == 0
    assert err == ""
    assert callers(pg_url) == ["张三", "李四"]
    assert os.listdir(folder_of(pg_url)) == [pgdump.NOTED]


def test_an_archive_of_an_older_schema_is_restored_and_upgraded(
    pg_server, pg_url: str, tools: None, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    import subprocess

    from alembic import command

    from secdesk.db import REVISIONS, alembic_config

    older = pg_server.empty()
    engine = dbserver.make_engine(older)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), REVISIONS[-2])
    finally:
        engine.dispose()
    archive = tmp_path / "older.dump"
    dumped = subprocess.run(
        ["pg_dump", "-Fc", "-f", str(archive), "-d", dbserver.libpq_url(older)], check=False
    )
    pg_server.drop(older)
    assert dumped.returncode == 0
    add_call(pg_url, "张三", tmp_path)

    code, out, err = run(capsys, "--db", pg_url, "restore", "--yes", str(archive))

    assert code == 0, err
    assert f"The backup was of schema {REVISIONS[-2]}; it was upgraded to {HEAD}." in out
    assert callers(pg_url) == []
    add_call(pg_url, "王五", tmp_path)
    assert callers(pg_url) == ["王五"]
    code, out, _err = run(capsys, "--db", pg_url, "doctor")
    assert f"Schema {HEAD}: current." in out


def test_a_director_who_may_only_read_is_told_who_keeps_the_backups(
    pg_server, pg_url: str, tools: None, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    """A role granted SELECT only: doctor says so, and neither warns of missing backups
    nor takes the day's backup (the desks that save keep them)."""
    add_call(pg_url, "张三", tmp_path)
    role = f"{pg_server.prefix}_director"
    pg_server.run(f"DROP ROLE IF EXISTS {role}", f"CREATE ROLE {role} LOGIN")
    import psycopg

    with psycopg.connect(dbserver.libpq_url(pg_url), autocommit=True) as conn:
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")  # type: ignore[arg-type]
    director = pg_url.replace("secdesk_test@", f"{role}@")
    try:
        code, out, err = run(capsys, "--db", director, "doctor")
        assert code == 0, err
        assert f"as {role}, who may only read." in out
        assert "This desk may only read: the desks that save take the daily backups." in out
        assert "There is no backup" not in out
        store = Store(config.server_path(director), folder_of(director), url=director)
        try:
            assert backups.daily_of(store) is None
        finally:
            store.close()
    finally:
        pg_server.drop(pg_url)  # the role owns privileges in it until it is gone
        pg_server.run(f"DROP ROLE IF EXISTS {role}")


async def test_the_desk_on_a_server_without_pg_dump_says_so_once(
    pg_url: str, no_tools: Path
) -> None:
    """The desk on a server's database: no "new database" notice (the server made it), and
    the day's backup, which pg_dump is missing for, is a note said at the first start only."""
    from secdesk.app import SecDeskApp
    from secdesk.cli.common import server_store
    from tests.conftest import settle

    said = []
    for _start in range(2):
        store = server_store(pg_url)
        app = SecDeskApp(store, config.Settings(), watch_changes=False)
        async with app.run_test() as pilot:
            await settle(pilot)
            app.start_background()
            await app.workers.wait_for_complete()
            await pilot.pause()
            said.append([str(n.message) for n in app._notifications])
        store.close()
    first, second = said
    assert not any("A new database" in message for message in first + second)
    assert [m for m in first if m.startswith("pg_dump is not installed here")] == [
        pgdump.how_to_back_up(pg_url)
    ]
    assert not any("pg_dump" in message for message in second)


def test_backup_into_a_file_named(
    pg_url: str, tools: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # noqa: ANN001
    add_call(pg_url, "张三", tmp_path)
    monkeypatch.chdir(tmp_path)
    target = tmp_path / f"{dbserver.database_name(pg_url)}.dump"  # the database's own name
    code, out, err = run(capsys, "--db", pg_url, "backup", str(target))
    assert (code, out.strip()) == (0, str(target)), err
    assert pgdump.examine(target).revision == HEAD
    code, _out, err = run(capsys, "--db", pg_url, "backup", str(target))
    assert code == 2
    assert "exists already" in err
    code, _out, err = run(capsys, "--db", pg_url, "backup", "--force", str(target))
    assert code == 0, err
