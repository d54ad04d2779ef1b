"""What a bulk import writes at once: a batch of new records (``insert_rows``), their search
entries, and taking them back.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

A bulk import writes its records with a Core INSERT (the ORM's flush hook never sees them)
in batches; each batch's records are new, never indexed, so their entries are added without
asking, record by record, whether an older entry must be retired (``search_index.sync`` does).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection
from sqlmodel import Session

from secdesk.services import search_index, search_sources, searchtext


def insert_rows(session: Session, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` into ``table`` in one executemany (an INSERT ... RETURNING in order
    goes row by row), each marked with the import it belongs to (``Store.write_batches``);
    returns their ids, in order. The transaction holds the write lock
    (BEGIN IMMEDIATE), so the rows after the highest id before are these."""
    import_id = session.info.get("import_id")  # ``imports.INFO_KEY``: set by the Store
    if import_id is not None and "import_id" in table.c:
        for row in rows:
            row["import_id"] = import_id
    connection = session.connection()
    before = connection.execute(select(func.max(table.c.id))).scalar() or 0
    connection.execute(insert(table), rows)
    ids = list(
        connection.execute(
            select(table.c.id).where(table.c.id > before).order_by(table.c.id)
        ).scalars()
    )
    if len(ids) != len(rows):  # pragma: no cover - only a write outside secdesk's lock
        raise RuntimeError(f"rows were inserted into {table.name} beside an import's batch")
    return ids


def index_new(session: Session, kind: str, records: Iterable[Any]) -> None:
    """Index records just written without the ORM and never indexed (a bulk import's
    batch), given as objects with the record's columns (its ``id`` among them) and no child
    rows: one query finds the entry ids taken near their minutes, one INSERT adds them all
    (``sync`` asks four questions per record)."""
    source = search_sources.sources()[kind]
    rows = []
    for obj in records:
        view = search_sources.view_of(source, obj)
        if view is not None:
            base = search_index.minute_key(view.at)
            rows.append((base, obj.id, searchtext.index_terms(kind, view.texts, view.who)))
    if not rows:
        return
    connection = session.connection()
    t = search_index.TABLE
    low = min(base for base, _id, _terms in rows)
    high = max(base for base, _id, _terms in rows) + search_index.SLOTS + len(rows)
    used = set(connection.execute(select(t.c.id).where(t.c.id >= low, t.c.id < high)).scalars())
    following: dict[int, int] = {}
    batch: list[tuple[dict[str, Any], str]] = []
    for base, record_id, terms in rows:
        if base not in following:  # after the minute's last entry, as ``_free_key`` does
            taken = [k for k in range(base, base + search_index.SLOTS) if k in used]
            following[base] = max(taken) + 1 if taken else base
        key = following[base]
        while key in used or (key >= high and _taken(connection, key)):
            key += 1  # a crowded minute spills into the next ones
        used.add(key)
        following[base] = key + 1
        row = {
            "id": key,
            "kind": kind,
            "record_id": record_id,
            "stamp": search_index.stamp_of(base, terms),
        }
        batch.append((row, terms))
    search_index.insert_batch(connection, batch)


def _taken(connection: Connection, key: int) -> bool:
    t = search_index.TABLE
    return connection.execute(select(t.c.id).where(t.c.id == key)).first() is not None


def forget_records(session: Session, kind: str, ids: list[int]) -> None:
    """Retire the entries of records a bulk import took back (deleted outright): dead, as a
    deleted record's are (``search_index.sync``)."""
    t = search_index.TABLE
    session.connection().execute(
        update(t).where(t.c.kind == kind, t.c.record_id.in_(ids)).values(record_id=None)
    )
