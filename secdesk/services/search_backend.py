"""THE SEAM: the search index's database-specific part (SQLite FTS5). Nothing else in
secdesk writes raw full-text SQL.

Everything else about search is portable SQLAlchemy over the ``search_entry`` table
(``models.search``). This module adds the full-text index over each entry's bigram terms
(``services.searchtext.index_terms``) and answers "which entries contain these phrases".
A PostgreSQL backend replaces this module with the same functions (for instance a
``tsvector`` column of the same bigram terms with a GIN index, or ``pg_trgm``), and
``FULL_TEXT_TABLES`` names what it keeps outside the models.

The index is *contentless* (``content=''``): it stores the terms' positions only, not the
text again, so it stays small; removing an entry re-derives its terms from the entry's
stored body (``'delete'`` must be told the old terms).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Integer, column, text
from sqlalchemy.engine import Connection

TABLE = "search_fts"

#: Tables the full-text index keeps beside the models: schema comparisons skip them.
FULL_TEXT_TABLES = frozenset(
    {TABLE, *(f"{TABLE}_{part}" for part in ("data", "idx", "content", "docsize", "config"))}
)


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """For schema comparisons (Alembic's autogenerate): the full-text index's own tables
    are no model's."""
    return not (type_ == "table" and name in FULL_TEXT_TABLES)


# The "ascii" tokenizer splits on ASCII spaces and punctuation only and keeps every other
# character, so a bigram of two Chinese characters (or of a digit and a letter) is one
# token, as ``searchtext`` made it. Positions are kept: phrases need them.
_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(terms, content='', "
    "tokenize='ascii', columnsize=0)"
)


def create(connection: Connection) -> None:
    """Make the full-text index (empty) if it is not there."""
    connection.exec_driver_sql(_CREATE)


def drop(connection: Connection) -> None:
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")


def clear(connection: Connection) -> None:
    """Forget every entry (before a rebuild)."""
    connection.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('delete-all')")


def add(connection: Connection, entries: Iterable[tuple[int, str]]) -> None:
    """Index ``(entry id, terms)`` pairs."""
    rows = [{"id": entry_id, "terms": terms} for entry_id, terms in entries if terms]
    if rows:
        connection.execute(text(f"INSERT INTO {TABLE}(rowid, terms) VALUES (:id, :terms)"), rows)


def remove(connection: Connection, entries: Iterable[tuple[int, str]]) -> None:
    """Take ``(entry id, the terms it was indexed with)`` pairs out of the index."""
    rows = [{"id": entry_id, "terms": terms} for entry_id, terms in entries if terms]
    if rows:
        connection.execute(
            text(f"INSERT INTO {TABLE}({TABLE}, rowid, terms) VALUES ('delete', :id, :terms)"),
            rows,
        )


def matching(entry_id: Any, phrases: list[str]) -> Any:
    """A WHERE condition: the entry (``entry_id`` is its id column) contains every phrase
    (made by ``searchtext.phrase``)."""
    expression = " AND ".join(phrases)
    found = (
        text(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :search_match")
        .bindparams(search_match=expression)
        .columns(column("rowid", Integer))
    )
    return entry_id.in_(found)


def optimize(connection: Connection) -> None:
    """Merge the index's segments into one (after a rebuild: smaller and faster)."""
    connection.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")


def size_bytes(connection: Connection) -> int:
    """How much of the file the full-text index takes (its shadow tables' pages)."""
    try:
        row = connection.exec_driver_sql(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?", (f"{TABLE}%",)
        ).first()
    except Exception:  # noqa: BLE001 - SQLite built without dbstat: count the data itself
        row = connection.exec_driver_sql(f"SELECT sum(length(block)) FROM {TABLE}_data").first()
    return int(row[0] or 0) if row else 0
