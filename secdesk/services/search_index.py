"""The search index kept in step with every write: each record's entry (its terms, read
from its kind's declaration), written in the same transaction as the record.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

Every flush of a session updates the ``search_entry`` rows (and their full-text index,
``search_backend``) of the records it wrote (``_after_flush``). Writes that bypass the ORM
(a bulk import's Core INSERT) index their records with ``bulk.index_new``; ``rebuild``
makes the whole index anew (also after an upgrade to the index: ``db.after_upgrade``).
Masked fields never reach the index. The queries are ``search``'s.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from functools import cache
from itertools import chain
from types import SimpleNamespace
from typing import Any

from sqlalchemy import delete, event, func, insert, inspect, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from secdesk import db
from secdesk.kinds import on_change, resolve
from secdesk.models.search import SearchEntry
from secdesk.services import search_backend as backend
from secdesk.services.search_sources import Source, View, by_model, sources, view_of
from secdesk.services.searchtext import index_terms

#: Entry ids sort by time: minutes since EPOCH times SLOTS, plus a serial within the minute.
#: (Small numbers keep the index small: it stores the gaps between ids.)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
SLOTS = 16

#: The index's own table (entry id, kind, record id, stamp).
TABLE: Any = SearchEntry.__table__  # type: ignore[attr-defined]  # set by SQLAlchemy


def minute_key(moment: datetime | None) -> int:
    """The first entry id of ``moment``'s minute (0 for no moment or before 2000)."""
    if moment is None:
        return 0
    return max(0, int((moment - EPOCH).total_seconds()) // 60) * SLOTS


def _free_key(connection: Connection, base: int) -> int:
    """An entry id at ``base``'s minute (or just after a crowded one) never used before."""
    t = TABLE
    highest = connection.execute(
        select(func.max(t.c.id)).where(t.c.id >= base, t.c.id < base + SLOTS)
    ).scalar()
    if highest is None:
        return base
    if highest < base + SLOTS - 1:
        return int(highest) + 1
    # A crowded minute: the first free id after it (its hits sort a little later).
    taken = connection.execute(
        select(t.c.id).where(t.c.id >= base + SLOTS).order_by(t.c.id).limit(10_000)
    ).scalars()
    key = base + SLOTS
    for used in taken:
        if used != key:
            break
        key += 1
    return key


def stamp_of(base: int, terms: str) -> int:
    return zlib.crc32(f"{base}|{terms}".encode())


def sync(connection: Connection, changes: Iterable[tuple[str, int, View | None]]) -> None:
    """Bring the entries of ``(source name, record id, view or None)`` up to date: a changed
    record gets a new entry (the old one is kept, dead, so its id is never reused)."""
    t = TABLE
    for name, record_id, view in changes:
        live = connection.execute(
            select(t.c.id, t.c.stamp).where(t.c.kind == name, t.c.record_id == record_id)
        ).first()
        if view is None:
            if live is not None:
                connection.execute(update(t).where(t.c.id == live.id).values(record_id=None))
            continue
        terms = index_terms(name, view.texts, view.who)
        base = minute_key(view.at)
        stamp = stamp_of(base, terms)
        if live is not None:
            if live.stamp == stamp:
                continue
            connection.execute(update(t).where(t.c.id == live.id).values(record_id=None))
        key = _free_key(connection, base)
        connection.execute(insert(t).values(id=key, kind=name, record_id=record_id, stamp=stamp))
        backend.add(connection, [(key, terms)])


@on_change
@cache
def _child_models() -> dict[type, list[tuple[Source, str]]]:
    """Child tables -> (the source they belong to, their key column)."""
    found: dict[type, list[tuple[Source, str]]] = {}
    for source in sources().values():
        for child in source.spec.children:
            found.setdefault(resolve(child.model), []).append((source, child.key))
    return found


def child_texts(
    connection: Connection, source: Source, ids: Iterable[int] | None = None
) -> dict[int, list[str]]:
    """The texts of each record's live child rows (of ``ids``, or of every record)."""
    out: dict[int, list[str]] = {}
    wanted = None if ids is None else sorted(set(ids))
    for child in source.spec.children:
        table = resolve(child.model).__table__
        key = table.c[child.key]
        query = select(key, *[table.c[name] for name in child.fields])
        if "deleted_at" in table.c:
            query = query.where(table.c.deleted_at.is_(None))
        chunks = (
            [None] if wanted is None else [wanted[i : i + 500] for i in range(0, len(wanted), 500)]
        )
        for chunk in chunks:
            limited = query if chunk is None else query.where(key.in_(chunk))
            for row in connection.execute(limited.order_by(table.c.id)):
                out.setdefault(row[0], []).extend(str(v) for v in row[1:] if v)
    return out


def _after_flush(session: OrmSession, _context: Any) -> None:
    """Every flush: the records it wrote (or whose child rows it wrote), as the index must
    now show them."""
    models = by_model()
    children = _child_models()
    touched: dict[tuple[str, int], Any] = {}
    """(source, record id) -> the record object, None when it must be read, False: gone."""
    deleted = session.deleted
    for obj in chain(session.new, session.dirty, deleted):
        source = models.get(type(obj))
        if source is not None and obj.id is not None:
            touched[(source.name, obj.id)] = False if obj in deleted else obj
        for parent, key in children.get(type(obj), ()):
            record_id = getattr(obj, key, None)
            if record_id is not None:
                touched.setdefault((parent.name, record_id), None)
    if not touched:
        return
    connection = session.connection()
    known = sources()
    changes: list[tuple[str, int, View | None]] = []
    for (name, record_id), obj in touched.items():
        source = known[name]
        if obj is False:
            changes.append((name, record_id, None))
            continue
        if obj is None:
            obj = next(live_rows(connection, source, [record_id]), None)
            if obj is None:
                changes.append((name, record_id, None))
                continue
        extra = (
            child_texts(connection, source, [record_id]).get(record_id, [])
            if source.spec.children
            else []
        )
        changes.append((name, record_id, view_of(source, obj, extra)))
    sync(connection, changes)


event.listen(OrmSession, "after_flush", _after_flush)


def live_rows(
    connection: Connection, source: Source, ids: list[int] | None = None
) -> Iterator[Any]:
    """The live records of a source (of ``ids`` only when given), with only the columns the
    index needs that the database has (a migration fills the index from a schema older
    than today's models)."""
    table = resolve(source.model).__table__
    have = {c["name"] for c in inspect(connection).get_columns(table.name)}
    columns = [table.c[name] for name in sorted(needed_columns(source) & have)]
    query = select(*columns)
    if "deleted_at" in have:
        query = query.where(table.c.deleted_at.is_(None))
    if ids is not None:
        query = query.where(table.c.id.in_(ids))
    for row in connection.execute(query).mappings():
        yield SimpleNamespace(**row)


def needed_columns(source: Source) -> set[str]:
    """The columns of a source's table that ``view_of`` reads."""
    spec = source.spec
    wanted = {"id", "deleted_at", source.date_field, *spec.fields, *spec.who, spec.title}
    return wanted | {rule.field for rule in spec.mask_when}


def _views(connection: Connection, source: Source) -> Iterator[tuple[Any, View]]:
    """Every live record of a source that has something to index, with its view."""
    extra = child_texts(connection, source) if source.spec.children else {}
    for obj in live_rows(connection, source):
        view = view_of(source, obj, extra.get(obj.id, ()))
        if view is not None:
            yield obj, view


def rebuild(connection: Connection, progress: Callable[[int], object] | None = None) -> int:
    """Make the whole index anew from the records; returns how many entries it holds.
    ``progress(entries)`` is told how many are written so far, batch by batch."""
    backend.create(connection)
    connection.execute(delete(TABLE))
    backend.clear(connection)
    used: set[int] = set()
    following: dict[int, int] = {}
    count = 0
    for source in sources().values():
        batch: list[tuple[dict[str, Any], str]] = []
        for obj, view in _views(connection, source):
            terms = index_terms(source.name, view.texts, view.who)
            base = minute_key(view.at)
            key = following.get(base, base)
            while key in used:  # a crowded minute spills into the next ones
                key += 1
            used.add(key)
            following[base] = key + 1
            row = {"id": key, "kind": source.name, "record_id": obj.id}
            batch.append(({**row, "stamp": stamp_of(base, terms)}, terms))
            count += 1
            if len(batch) >= 2000:
                insert_batch(connection, batch)
                batch = []
                if progress is not None:
                    progress(count)
        insert_batch(connection, batch)
        if progress is not None:
            progress(count)
    backend.optimize(connection)
    return count


db.after_upgrade("0006_search_index", rebuild)  # an upgrade to the index fills it


def insert_batch(connection: Connection, batch: list[tuple[dict[str, Any], str]]) -> None:
    if batch:
        connection.execute(insert(TABLE), [row for row, _terms in batch])
        backend.add(connection, [(row["id"], terms) for row, terms in batch])


def health(connection: Connection) -> tuple[int, int]:
    """(records the index should hold, live entries it holds): they differ when the index
    missed a change (a file copied in from elsewhere, a write that bypassed secdesk). The
    dead entries a change leaves behind (see ``sync``) are not counted."""
    expected = sum(1 for source in sources().values() for _view in _views(connection, source))
    held = connection.execute(
        select(func.count()).select_from(TABLE).where(TABLE.c.record_id.is_not(None))
    ).scalar_one()
    return expected, int(held)


def reindex(session: Session) -> int:
    """``secdesk reindex``: rebuild the index in the session's transaction."""
    return rebuild(session.connection())
