"""Build the fixture database of a schema revision, for the migration tests.

    python scripts/make_fixture_db.py --missing         # every revision in db.REVISIONS
                                                        # that has no fixture yet
    python scripts/make_fixture_db.py 0005_something    # one revision (replaces its file)

A new migration (added to ``secdesk/migrations/versions`` and ``db.REVISIONS``) needs its
fixture: run the first command **before** changing the models further and commit the file
``tests/data/migrations/<revision>.db``. ``tests/unit/test_migrations.py`` fails, naming
this command, while a revision has none.

How a fixture is made: the schema is built by that revision's own migration scripts
(``alembic upgrade <revision>``, nothing from today's models), then every table gets two
rows with a value in every column: names and notes in Chinese with markup-like brackets,
times and days, whole numbers, flags, links to the first row of the table they point to,
and for a column whose model value is one of a fixed set (a call's direction, a status)
the first value of that set. The test upgrades a copy to the current schema and checks
that every value is still there and that every kind of record can be listed and shown.
The file is a standalone SQLite file (no WAL), vacuumed, so it stays small.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "data" / "migrations"
sys.path.insert(0, str(ROOT))

ROWS = 2
#: Tables of derived data (the search index and its FTS5 shadow tables), left empty.
DERIVED = ("search_",)
TEXT = "{table}.{column} 张三[bold]{n}"


def fixture_path(revision: str) -> Path:
    return FIXTURES / f"{revision}.db"


def _enum_values() -> dict[tuple[str, str], str]:
    """(table, column) -> the first value of the column's fixed set, from today's models
    (the sets grow, they are not renamed)."""
    import typing

    from sqlmodel import SQLModel

    import secdesk.models  # noqa: F401 - registers every table

    found: dict[tuple[str, str], str] = {}
    for mapper in SQLModel._sa_registry.mappers:  # type: ignore[attr-defined]
        model = mapper.class_
        table = getattr(model, "__tablename__", None)
        for name, info in getattr(model, "model_fields", {}).items():
            if isinstance(info.default, Enum):  # direction: str = CallDirection.incoming
                found[(str(table), name)] = str(info.default.value)
                continue
            kinds = [info.annotation, *typing.get_args(info.annotation)]
            for kind in kinds:
                if isinstance(kind, type) and issubclass(kind, Enum):
                    found[(str(table), name)] = str(next(iter(kind)).value)
    return found


def _value(table: Any, column: Any, n: int, enums: dict[tuple[str, str], str]) -> Any:
    from sqlalchemy import Boolean, Date, DateTime, Integer

    if column.foreign_keys:
        return 1 if (n == 1 or not column.nullable) else None
    if column.name == "deleted_at":
        return None  # live records: the test counts and shows them
    if (table.name, column.name) in enums:
        return enums[(table.name, column.name)]
    kind = column.type
    if isinstance(kind, Boolean):
        return n % 2
    if isinstance(kind, Integer):
        return 6 + n
    if isinstance(kind, DateTime):
        return datetime(2026, 11, 26 + n, 2, n)  # UTC, as secdesk stores times
    if isinstance(kind, Date):
        return date(2026, 11, 26 + n)
    if column.name == "data":
        return "{}"  # JSON text (the audit trail's values)
    return TEXT.format(table=table.name, column=column.name, n=n)


def build(revision: str, target: Path) -> Path:
    from alembic import command
    from sqlalchemy import MetaData, create_engine

    from secdesk import db

    if revision not in db.REVISIONS:
        raise SystemExit(f"unknown revision {revision!r}; known: {', '.join(db.REVISIONS)}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{target}")
    with engine.begin() as connection:
        command.upgrade(db.alembic_config(connection), revision)
    meta = MetaData()
    # Not the full-text index's own tables: derived data, rebuilt from the records.
    meta.reflect(engine, only=lambda name, _meta: not name.startswith(DERIVED))
    enums = _enum_values()
    with engine.begin() as connection:
        for table in meta.sorted_tables:
            if table.name == "alembic_version" or "id" not in table.columns:
                continue
            for n in range(1, ROWS + 1):
                row = {
                    c.name: _value(table, c, n, enums)
                    for c in table.columns
                    if not (c.primary_key and c.name == "id")
                }
                row["id"] = n
                connection.execute(table.insert().values(**row))
    engine.dispose()
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("VACUUM")
    conn.close()
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", nargs="*", help="revisions to build (replacing their file)")
    parser.add_argument("--missing", action="store_true", help="every revision without one")
    args = parser.parse_args()
    from secdesk import db

    wanted = list(args.revision)
    if args.missing:
        wanted += [r for r in db.REVISIONS if not fixture_path(r).exists()]
    if not wanted:
        print("nothing to build (every revision has its fixture)")
    for revision in wanted:
        print(build(revision, fixture_path(revision)).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
