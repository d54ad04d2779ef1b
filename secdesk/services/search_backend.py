"""THE SEAM: the search index's database-specific part. Nothing else in secdesk writes raw
full-text SQL.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

Everything else about search is portable: the ``search_entry`` table (``models.search``)
and the terms (``services.searchtext``: bigrams, a kind's token, people's characters).
The index of those terms is the database's own: SQLite's FTS5 on a file (``search_fts5``),
a GIN-indexed ``tsvector`` on a PostgreSQL server (``search_pg``). Both keep one row per
entry under the entry's id (which sorts by time) and answer "the newest live entries
holding these phrases" with the same functions; each function here hands the call to the
one of the connection's database.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from secdesk.services import search_fts5

TABLE = search_fts5.TABLE
#: Tables the full-text index keeps beside the models: schema comparisons skip them.
FULL_TEXT_TABLES = search_fts5.FULL_TEXT_TABLES


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """For schema comparisons (Alembic's autogenerate): the full-text index's own tables
    are no model's."""
    return not (type_ == "table" and name in FULL_TEXT_TABLES)


def of(connection: Connection) -> ModuleType:
    """The index of ``connection``'s database."""
    if connection.dialect.name == "postgresql":
        from secdesk.services import search_pg

        return search_pg
    return search_fts5


def create(connection: Connection) -> None:
    """Make the full-text index (empty) if it is not there."""
    of(connection).create(connection)


def drop(connection: Connection) -> None:
    of(connection).drop(connection)


def clear(connection: Connection) -> None:
    """Forget every entry (before a rebuild)."""
    of(connection).clear(connection)


def add(connection: Connection, entries: Iterable[tuple[int, str]]) -> None:
    """Index ``(entry id, terms)`` pairs."""
    of(connection).add(connection, entries)


def newest(
    connection: Connection,
    phrases: list[list[str]],
    limit: int,
    low: int | None = None,
    high: int | None = None,
) -> list[tuple[int, str, int]]:
    """``(entry id, kind, record id)`` of the live entries holding every phrase, newest
    (highest id) first, ids in ``[low, high)`` when given."""
    index = of(connection)
    where, params = _live(index, phrases, low, high)
    params["limit"] = limit
    sql = (
        f"SELECT {index.ID}, e.kind, e.record_id FROM {index.SOURCE} WHERE {where} "
        f"ORDER BY {index.ID} DESC LIMIT :limit"
    )
    return [(int(r[0]), str(r[1]), int(r[2])) for r in connection.execute(text(sql), params)]


def count(
    connection: Connection,
    phrases: list[list[str]],
    low: int | None = None,
    high: int | None = None,
) -> int:
    """How many live entries hold every phrase (ids in ``[low, high)`` when given)."""
    index = of(connection)
    where, params = _live(index, phrases, low, high)
    sql = f"SELECT count(*) FROM {index.SOURCE} WHERE {where}"
    return int(connection.execute(text(sql), params).scalar_one())


def counts(
    connection: Connection,
    phrases: list[list[str]],
    low: int | None = None,
    high: int | None = None,
) -> dict[str, int]:
    """``count`` of each kind at once (one walk of the index, not one a kind)."""
    index = of(connection)
    where, params = _live(index, phrases, low, high)
    sql = f"SELECT e.kind, count(*) FROM {index.SOURCE} WHERE {where} GROUP BY e.kind"
    return {str(kind): int(n) for kind, n in connection.execute(text(sql), params)}


def _live(
    index: ModuleType, phrases: list[list[str]], low: int | None, high: int | None
) -> tuple[str, dict[str, Any]]:
    """The WHERE clause (and its parameters) of live entries holding every phrase, ids in
    ``[low, high)`` when given."""
    condition, params = index.matching(phrases)
    where = [condition, "e.record_id IS NOT NULL"]
    if low is not None:
        where.append(f"{index.ID} >= :low")
        params["low"] = low
    if high is not None:
        where.append(f"{index.ID} < :high")
        params["high"] = high
    return " AND ".join(where), params


def optimize(connection: Connection) -> None:
    """Make the index small and fast after a rebuild."""
    of(connection).optimize(connection)


def size_bytes(connection: Connection) -> int:
    """How much room the full-text index takes."""
    return int(of(connection).size_bytes(connection))
