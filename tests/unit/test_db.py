"""The database file: created private, crash-safe pragmas, migrations (after a backup), refusal
of newer files."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine

from secdesk import db
from secdesk.services.store import Store
from tests import factories as f
from tests.conftest import future_database


def test_new_database_is_private_and_crash_safe(tmp_path: Path) -> None:
    store = Store(tmp_path / "data" / "secdesk.db")
    store.open()
    assert stat.S_IMODE((tmp_path / "data" / "secdesk.db").stat().st_mode) == 0o600
    with store.db.engine.connect() as conn:
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == db.BUSY_TIMEOUT_MS
    store.close()


def test_data_dir_is_private(isolated_home: Path) -> None:
    from secdesk import config

    path = config.database_path()
    assert path.parent == isolated_home
    assert stat.S_IMODE(isolated_home.stat().st_mode) == 0o700


def test_revisions_list_matches_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(db.alembic_config())
    chain = [rev.revision for rev in reversed(list(scripts.walk_revisions()))]
    assert tuple(chain) == db.REVISIONS
    assert scripts.get_current_head() == db.HEAD


def test_models_match_the_migrations(store: Store) -> None:
    """Autogenerate finds nothing to do: no model change was left without a migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import secdesk.models  # noqa: F401
    from secdesk.services.search_backend import include_name

    with store.db.engine.connect() as conn:
        # The full-text index's tables are the database's own, not models.
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def _at_first_revision(path: Path, populate: bool) -> None:
    from alembic import command

    engine = db.make_engine(path)
    with engine.begin() as conn:
        command.upgrade(db.alembic_config(conn), db.REVISIONS[0])
    if populate:
        # Written as that revision's code wrote it: today's models have columns it lacks.
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO call (created_at, updated_at, at, direction, caller, number, "
                "organization, summary, message_for, follow_up, message_status, source) "
                "VALUES (?, ?, ?, 'incoming', '保留', '', '', '', '', 0, 'no_action', 'desk')",
                (
                    "2026-11-27 02:00:00.000000",
                    "2026-11-27 02:00:00.000000",
                    "2026-11-27 02:00:00.000000",
                ),
            )
    engine.dispose()


@pytest.mark.parametrize("populate", [False, True])
def test_first_revision_upgrades_cleanly(tmp_path: Path, populate: bool) -> None:
    path = tmp_path / "old.db"
    _at_first_revision(path, populate)
    store = Store(path, tmp_path / "backups")
    store.open()
    assert db.stored_revision(path) == db.HEAD
    from secdesk.config import Settings
    from secdesk.office.calls import log as calls

    panel = store.run(calls.panel, f.local(2026, 11, 27).date(), Settings())
    assert [row.values["caller"] for row in panel.rows] == (["保留"] if populate else [])
    store.close()


def test_an_upgrade_first_backs_up_the_old_file(isolated_home: Path, capsys) -> None:  # noqa: ANN001
    """A database of the first schema is upgraded when secdesk opens it; before that, a
    copy of it as it was goes into backups/ beside it, readable with plain sqlite3."""
    import json

    from secdesk import config
    from secdesk.cli import main

    path = config.database_path()  # the usual file, in SECDESK_HOME
    assert path == isolated_home / "secdesk.db"
    _at_first_revision(path, populate=True)
    with time_machine.travel("2026-11-27 10:00 +0800", tick=False):
        assert main(["today", "--json"]) == 0
    (calls,) = [p for p in json.loads(capsys.readouterr().out)["panels"] if p["id"] == "calls"]
    assert [row["values"]["caller"] for row in calls["rows"]] == ["保留"]  # upgraded, kept
    assert db.stored_revision(path) == db.HEAD
    (copy,) = (isolated_home / "backups").iterdir()
    assert copy.name.startswith("secdesk-") and copy.name.endswith(f"-before-{db.HEAD}.db")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    conn = sqlite3.connect(copy)  # as anybody with the sqlite3 tool would open it
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (db.REVISIONS[0],)
        ]
        assert conn.execute("SELECT caller, at FROM call").fetchall() == [
            ("保留", "2026-11-27 02:00:00.000000")
        ]
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    # Opened again, the schema is current: no second copy.
    assert main(["today"]) == 0
    assert list((isolated_home / "backups").iterdir()) == [copy]


def test_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    before = future_database(path)
    with pytest.raises(db.NewerDatabaseError, match="newer secdesk"):
        Store(path).open()
    assert path.read_bytes() == before


def test_foreign_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE something (x)")
    conn.commit()
    conn.close()
    with pytest.raises(db.DatabaseError, match="not a secdesk database"):
        Store(path).open()
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(db.DatabaseError):
        Store(tmp_path / "junk.db").open()


def test_current_schema_opens_without_importing_alembic(tmp_path: Path) -> None:
    path = tmp_path / "current.db"
    Store(path).open()
    code = (
        "import sys; from pathlib import Path; from secdesk.services.store import Store;"
        f"Store(Path({str(path)!r})).open();"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_change_watcher_sees_commits_from_other_connections(store: Store) -> None:
    watcher = store.watcher()
    assert not watcher.changed()
    store.run(lambda s: f.call(s, f.local(2026, 11, 27, 10)))
    assert watcher.changed()
    assert not watcher.changed()
    watcher.close()


def test_four_windows_opening_a_new_file_at_once_create_the_schema_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each migrates or finds the schema current; none fails, one of them creates it."""
    from concurrent.futures import ThreadPoolExecutor

    from alembic import command

    real_upgrade = command.upgrade
    upgrades = []

    def counted_upgrade(config, revision) -> None:  # noqa: ANN001
        upgrades.append(revision)
        real_upgrade(config, revision)

    monkeypatch.setattr(command, "upgrade", counted_upgrade)
    path = tmp_path / "shared.db"
    stores = [Store(path) for _ in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda s: s.open(), stores))
    assert db.stored_revision(path) == db.HEAD
    assert upgrades == ["head"]
    for s in stores:
        s.close()


def test_a_failed_migration_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """DDL runs inside the migration's transaction: a crash half-way rolls it all back."""
    from alembic import command

    real_upgrade = command.upgrade

    def upgrade_then_fail(config, revision) -> None:  # noqa: ANN001
        real_upgrade(config, revision)
        raise RuntimeError("power cut")

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)
    path = tmp_path / "new.db"
    with pytest.raises(db.MigrationError, match="nothing was changed"):
        Store(path).open()
    conn = sqlite3.connect(path)
    tables = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    conn.close()
    assert tables == []
    monkeypatch.setattr(command, "upgrade", real_upgrade)
    Store(path).open()
    assert db.stored_revision(path) == db.HEAD
