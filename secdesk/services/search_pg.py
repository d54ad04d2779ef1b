"""The search index on a PostgreSQL server, behind the seam ``search_backend``.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

The same terms as on SQLite (``searchtext``: bigrams, a kind's token, people's
characters), each entry's written as a ``tsvector`` *literal* with the terms' positions:
no text search parser or dictionary touches them, so a bigram of two Chinese characters is
one lexeme exactly as FTS5's ``ascii`` tokenizer keeps it, and a phrase is the same
lexemes one position apart (``<->``). One row per entry under the entry's id, GIN-indexed
(revision 0006 made the table).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

TABLE = "search_fts"
#: A tsvector keeps positions up to this; later terms share it (phrases that far into a
#: very long text may then be found where they are not, never missed).
LAST_POSITION = 16383


def create(connection: Connection) -> None:
    """Make the full-text index (empty) if it is not there."""
    connection.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {TABLE} (id bigint PRIMARY KEY, terms tsvector NOT NULL)"
    )
    connection.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {TABLE}_terms ON {TABLE} USING gin (terms)"
    )


def drop(connection: Connection) -> None:
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")


def clear(connection: Connection) -> None:
    """Forget every entry (before a rebuild)."""
    connection.exec_driver_sql(f"DELETE FROM {TABLE}")


def _quoted(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def vector(terms: str) -> str:
    """The tsvector literal of ``terms`` (space-separated, in order)."""
    return " ".join(
        f"{_quoted(token)}:{min(position, LAST_POSITION)}"
        for position, token in enumerate(terms.split(), start=1)
    )


def query(phrases: list[list[str]]) -> str:
    """The tsquery literal of entries holding every phrase."""
    return " & ".join("(" + " <-> ".join(_quoted(t) for t in tokens) + ")" for tokens in phrases)


def add(connection: Connection, entries: Iterable[tuple[int, str]]) -> None:
    """Index ``(entry id, terms)`` pairs."""
    rows = [{"id": entry_id, "terms": vector(terms)} for entry_id, terms in entries if terms]
    if rows:
        connection.execute(
            text(
                f"INSERT INTO {TABLE} (id, terms) VALUES (:id, CAST(:terms AS tsvector)) "
                "ON CONFLICT (id) DO UPDATE SET terms = excluded.terms"
            ),
            rows,
        )


#: The index joined to its entries, and the column that is an entry's id in it.
SOURCE = f"{TABLE} AS f JOIN search_entry AS e ON e.id = f.id"
ID = "f.id"


def matching(phrases: list[list[str]]) -> tuple[str, dict[str, Any]]:
    """The condition (and its parameters) of the entries holding every phrase."""
    return "f.terms @@ CAST(:expression AS tsquery)", {"expression": query(phrases)}


def optimize(connection: Connection) -> None:
    """Refresh the planner's figures of the index after a rebuild."""
    connection.exec_driver_sql(f"ANALYZE {TABLE}")


def size_bytes(connection: Connection) -> int:
    """How much room the full-text index takes (the table and its GIN index)."""
    found = connection.exec_driver_sql(f"SELECT pg_total_relation_size('{TABLE}')").scalar()
    return int(found or 0)
