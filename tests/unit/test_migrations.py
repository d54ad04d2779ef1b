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
RENAMED_VALUES = {
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
    after = dump(path)
    for table, rows in before.items():
        for row_id, values in rows.items():
            upgraded = after[table][row_id]
            kept = {name: upgraded[name] for name in values if name in upgraded}
            expected = {
                name: RENAMED_VALUES.get((table, name), {}).get(value, value)  # type: ignore[arg-type]
                for name, value in values.items()
            }
            assert kept == expected, f"{table} #{row_id} changed in the upgrade from {revision}"
    # The desk can list and show every record of every kind the old file had.
    for kind in kinds():
        if kind.entity not in before:
            continue
        page = store.run(records.page, kind.name, ListFilter())
        assert sorted(row.id for row in page.rows) == sorted(before[kind.entity]), kind.name
        for row in page.rows:
            shown = store.run(records.detail, kind.name, row.id)
            assert shown.id == row.id
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
