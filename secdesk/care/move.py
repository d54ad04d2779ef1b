"""Moving an office onto a server: its SQLite file copied into an empty PostgreSQL database.

Wing: care. Must not import office, demo, screens, widgets, app or cli.

``copy_to_server`` reads the file (upgraded to the current schema first, with the copy an
upgrade always leaves) in one read transaction, so every table is seen at one moment, and
writes the server's database in one transaction holding the server's write lock: table by
table in the models' order (a record's parents before it), in batches through SQLAlchemy
Core, the values going through the models' column types (a boolean stays a boolean, a time
a time; the file's times are UTC, written as such). Then each table's id sequence is set
past the highest id copied (the next record saved gets a new id), the search index is made
anew on the server (``search_index.rebuild``, through its seam), one audit Event says where the
office came from, and each table's rows are read back and compared with the file's, count
and checksum, before the commit. Anything amiss rolls everything back: the server's
database is left empty, the file is never changed (but for the upgrade).

A window open on the file is refused (what it saved meanwhile would stay behind); while
the copy runs, a desk starting on the file waits (``desklock.no_desk_open``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secdesk import config
from secdesk.care import desklock
from secdesk.db import WRITE
from secdesk.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine import Connection

#: Rows read and written at a time.
BATCH = 2000
#: The tables not copied: the search index's entries are made anew on the server.
REBUILT = frozenset({"search_entry"})
#: What the audit Event of a copy says it did.
ACTION, ENTITY = "copy", "database"
#: The audit trail's table (its last row, the copy's own Event, is not the file's).
ENTITY_TABLE = "event"


class MoveError(Exception):
    """The office cannot be copied as things are; the message says why, for the user."""


@dataclass
class Copied:
    """What a copy wrote: rows per table (in the order copied), each table's checksum (the
    same on both sides), and the entries the search index was made with."""

    source: Path
    where: str
    rows: dict[str, int] = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)
    indexed: int = 0

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copy_to_server(
    source: Path, url: str, progress: Callable[[int, int], None] | None = None
) -> Copied:
    """Copy the office in the file ``source`` into the empty PostgreSQL database at ``url``
    (see the module's docstring); ``progress(done, total)`` is told how far it is: the
    rows copied, then the search index's entries made, then the rows read back."""
    from secdesk.services.store import Store

    if not source.exists():
        raise MoveError(_("There is no database at {path}.").format(path=source))
    with ExitStack() as held:
        try:
            held.enter_context(desklock.no_desk_open(source))
        except desklock.DeskOpen as exc:
            raise MoveError(
                _(
                    "A secdesk window has {path} open, or a secdesk command is saving to it: "
                    "close it (q) or let the command finish, then copy (what it saved "
                    "meanwhile would be left behind). Nothing was copied."
                ).format(path=source)
            ) from exc
        local = Store(source, config.backup_dir(source))
        server = Store(config.server_path(url), url=url)
        held.callback(server.close)
        held.callback(local.close)
        local.open()  # upgraded to the current schema (a copy of it kept first)
        if server.read_only:
            raise MoveError(
                _(
                    "{where}: this role may only read, so nothing can be copied into it. "
                    "Copy as a role that may create and write the tables."
                ).format(where=server.where)
            )
        copied = Copied(source, server.where)
        with (
            local.db.engine.connect() as reading,
            reading.begin(),
            server.db.engine.execution_options(**WRITE).begin() as writing,
        ):
            _copy(reading, writing, copied, progress)
        return copied


def _tables() -> list[Table]:
    """The models' tables, parents before the tables that refer to them."""
    from sqlmodel import SQLModel

    import secdesk.models  # noqa: F401 - every table on the metadata

    return [t for t in SQLModel.metadata.sorted_tables if t.name not in REBUILT]


def _copy(
    reading: Connection,
    writing: Connection,
    copied: Copied,
    progress: Callable[[int, int], None] | None,
) -> None:
    from sqlalchemy import func, select

    from secdesk.kinds import resolve
    from secdesk.services import search_index, search_sources

    tables = _tables()
    _refuse_records(writing, copied.where)
    counts = {
        t.name: int(reading.execute(select(func.count()).select_from(t)).scalar_one())
        for t in tables
    }
    rows_in_all = sum(counts.values())
    # Three passes the bar follows: the rows copied, the index made (about one entry a
    # record of a kind search keeps), the rows read back.
    indexed = [resolve(source.model).__table__.name for source in search_sources.sources().values()]
    total = 2 * rows_in_all + sum(counts.get(name, 0) for name in indexed)
    done = 0

    def tell(more: int) -> None:
        nonlocal done
        done += more
        if progress is not None:
            progress(min(done, total), total)

    tell(0)
    for table in tables:
        digest = hashlib.sha256()
        later: list[dict[str, Any]] = []
        for batch in _batches(reading, table):
            rows = [_for_server(table, row) for row in batch]
            for row in batch:
                digest.update(_fingerprint(table, row))
            later.extend(_forward_references(table, rows))
            writing.execute(table.insert(), rows)
            tell(len(rows))
        for change in later:
            key = {c.name: change.pop(c.name) for c in table.primary_key.columns}
            writing.execute(
                table.update().where(*(table.c[k] == v for k, v in key.items())).values(change)
            )
        copied.rows[table.name] = counts[table.name]
        copied.checksums[table.name] = digest.hexdigest()
    _sequences_past_copied(writing, tables)
    start = done
    copied.indexed = search_index.rebuild(writing, lambda entries: tell(start + entries - done))
    done = start + total - 2 * rows_in_all  # the estimate, however many there were
    own = _record(writing, copied)
    _check_read_back(writing, tables, copied, own, tell)
    if progress is not None:
        progress(total, total)


def _refuse_records(writing: Connection, where: str) -> None:
    """Refuse a database that holds any record (the schema alone, as a desk opened on it
    left it, is empty)."""
    from sqlalchemy import exists, select
    from sqlmodel import SQLModel

    for table in SQLModel.metadata.sorted_tables:
        if writing.execute(select(exists().select_from(table))).scalar():
            raise MoveError(
                _(
                    "{where} already holds records (in the table {table}): secdesk copies an "
                    "office only into an empty database, so make a new one (createdb NAME) "
                    "and copy into that. Nothing was copied."
                ).format(where=where, table=table.name)
            )


def _batches(reading: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    """The file's rows of ``table`` as dicts, in primary-key order, ``BATCH`` at a time."""
    from sqlalchemy import select

    query = select(table).order_by(*table.primary_key.columns)
    result = reading.execution_options(yield_per=BATCH).execute(query)
    for part in result.mappings().partitions():
        yield [dict(row) for row in part]


def _for_server(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` as the server takes it: the file's times are UTC without saying so, the
    server's columns keep a zone; a NUL character, which PostgreSQL refuses in text, is
    refused with the record named."""
    out = dict(row)
    for key, value in row.items():
        if isinstance(value, datetime) and value.tzinfo is None:
            out[key] = value.replace(tzinfo=UTC)
        elif isinstance(value, str) and "\x00" in value:
            raise MoveError(
                _(
                    "The record {id} of the table {table} holds a NUL character, which "
                    "PostgreSQL cannot keep: edit it out, then copy again. Nothing was copied."
                ).format(id=_key_of(table, row), table=table.name)
            )
    return out


def _key_of(table: Table, row: dict[str, Any]) -> str:
    return ", ".join(str(row[c.name]) for c in table.primary_key.columns)


def _forward_references(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A row that refers to a later row of its own table (a meeting to its series) would
    break the server's foreign key when inserted first: such a reference is written empty
    in ``rows`` and returned, with the row's key, to be set once every row is in."""
    own = [
        (fk.parent.name, fk.column.name) for fk in table.foreign_keys if fk.column.table is table
    ]
    if not own or len(table.primary_key.columns) != 1:
        return []
    (key,) = (c.name for c in table.primary_key.columns)
    later = []
    for row in rows:
        ahead = {
            column: row[column]
            for column, target in own
            if target == key and row[column] is not None and row[column] >= row[key]
        }
        if ahead:
            later.append({key: row[key], **ahead})
            row.update(dict.fromkeys(ahead))
    return later


def _sequences_past_copied(writing: Connection, tables: list[Table]) -> None:
    """Each table's id sequence set past its highest id copied, so the next record saved on
    the server gets a new one (an empty table's sequence starts at 1)."""
    from sqlalchemy import text

    quote = writing.dialect.identifier_preparer.quote
    for table in tables:
        if "id" in table.c:
            writing.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:table, 'id'), coalesce(max(id), 1), "
                    f"max(id) IS NOT NULL) FROM {quote(table.name)}"
                ),
                {"table": quote(table.name)},
            )


def _record(writing: Connection, copied: Copied) -> int:
    """The audit Event saying where the office came from; returns its id."""
    from sqlmodel import Session

    from secdesk.services import audit

    with Session(bind=writing) as session:
        event = audit.record(
            session,
            ACTION,
            ENTITY,
            None,
            {"from": str(copied.source), "rows": copied.total, "tables": dict(copied.rows)},
        )
        session.flush()
        assert event.id is not None
        return event.id


def _check_read_back(
    writing: Connection,
    tables: list[Table],
    copied: Copied,
    own_event: int,
    tell: Callable[[int], None],
) -> None:
    """Every table read back from the server, in the same transaction: its rows as many
    and its checksum the same as the file's (the audit Event just recorded aside)."""
    from sqlalchemy import select

    for table in tables:
        digest = hashlib.sha256()
        count = 0
        query = select(table).order_by(*table.primary_key.columns)
        if table.name == ENTITY_TABLE:
            query = query.where(table.c.id != own_event)
        result = writing.execution_options(yield_per=BATCH).execute(query)
        for part in result.mappings().partitions():
            for row in part:
                digest.update(_fingerprint(table, dict(row)))
            count += len(part)
            tell(len(part))
        if count != copied.rows[table.name] or digest.hexdigest() != copied.checksums[table.name]:
            raise MoveError(
                _(
                    "The table {table} did not read back from {where} as it was in the file "
                    "({copied} rows copied, {found} found): nothing was copied. Tell whoever "
                    "looks after secdesk."
                ).format(
                    table=table.name,
                    where=copied.where,
                    copied=copied.rows[table.name],
                    found=count,
                )
            )


def _fingerprint(table: Table, row: dict[str, Any]) -> bytes:
    """One row as the checksum reads it: the same values give the same bytes on both
    engines (a time as UTC, whether or not the engine says its zone)."""
    return (repr(tuple(_plain(row[c.name]) for c in table.columns)) + "\n").encode()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat()
    return value
