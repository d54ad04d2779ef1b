"""The search index on a SQLite file (FTS5), behind the seam ``search_backend``.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

Everything else about search is portable: the ``search_entry`` table (``models.search``)
and the terms (``services.searchtext``: bigrams, a kind's token, people's characters).
This module keeps the full-text index of those terms, one row per entry (its rowid is the
entry's id, which sorts by time), and answers "the newest entries containing these
phrases". ``search_pg`` does the same on a PostgreSQL server with the same functions.

The index is *contentless* (``content=''``): it stores the terms' positions only, not the
text again, so it stays small. SQLite 3.40 cannot delete a contentless row without its
old terms, so a changed record is indexed under a new id and its old rowid simply no
longer has a live entry (the join below drops it; a rebuild clears it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

TABLE = "search_fts"

#: Tables the full-text index keeps beside the models: schema comparisons skip them.
FULL_TEXT_TABLES = frozenset(
    {TABLE, *(f"{TABLE}_{part}" for part in ("data", "idx", "content", "docsize", "config"))}
)


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


def phrase(tokens: list[str]) -> str:
    """The full-text phrase of ``tokens`` (letters, digits and the private-use marks only:
    nothing in them needs quoting)."""
    return '"' + " ".join(tokens) + '"'


#: The index joined to its entries, and the column that is an entry's id in it.
SOURCE = f"{TABLE} JOIN search_entry AS e ON e.id = {TABLE}.rowid"
ID = f"{TABLE}.rowid"


def matching(phrases: list[list[str]]) -> tuple[str, dict[str, Any]]:
    """The condition (and its parameters) of the entries holding every phrase. FTS5 walks
    its doclists by rowid, newest first, and stops at a limit."""
    return f"{TABLE} MATCH :expression", {"expression": " AND ".join(phrase(p) for p in phrases)}


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
