"""Search everything the desk keeps: the index, kept in step with every write, and queries.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

What is indexed comes from each kind's declaration (``Kind.search``: its text fields, what
is masked, the date and the people's fields), plus the duty log's notes. Every flush of a
session updates the ``search_entry`` rows (and their full-text index, ``search_backend``)
of the records it wrote, in the same transaction. Writes that bypass the ORM (a bulk
import's Core INSERT) call ``index_records``; ``rebuild`` makes the whole index anew (also
after an upgrade to the index: ``db.after_upgrade``; ``store.load_data_layer`` loads this).
Masked fields (a visitor's identity number, a classified document's title, the identity of
whoever reports wrongdoing) never reach the index, so no query finds or shows them.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import cache
from itertools import chain
from types import SimpleNamespace
from typing import Any

from sqlalchemy import delete, event, func, insert, inspect, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col
from sqlmodel import select as sqlmodel_select

from secdesk import db
from secdesk.calendar import clock
from secdesk.kinds import on_change, resolve
from secdesk.models.search import SearchEntry
from secdesk.services import search_backend as backend
from secdesk.services.patterns import is_moment, like
from secdesk.services.search_sources import (
    Source,
    View,
    by_model,
    sources,
    view_of,
)
from secdesk.services.searchtext import (
    Query,
    fold,
    index_terms,
    kind_token,
    snippet,
    split_filter,
    term_tokens,
    who_tokens,
)
from secdesk.services.views import SearchHit, SearchResult

__all__ = ["Source", "View", "sources", "view_of"]

#: Hits a search returns at most, and at most per kind (so one busy kind leaves room for
#: the others in the grouped results).
LIMIT = 60
PER_KIND = 20
PREFETCH = 400
"""Hits of all kinds read from the index in one go before any kind asks on its own."""

#: Entry ids sort by time: minutes since EPOCH times SLOTS, plus a serial within the minute.
#: (Small numbers keep the index small: it stores the gaps between ids.)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
SLOTS = 16

_TABLE: Any = SearchEntry.__table__  # type: ignore[attr-defined]  # set by SQLAlchemy


def minute_key(moment: datetime | None) -> int:
    """The first entry id of ``moment``'s minute (0 for no moment or before 2000)."""
    if moment is None:
        return 0
    return max(0, int((moment - EPOCH).total_seconds()) // 60) * SLOTS


def _free_key(connection: Connection, base: int) -> int:
    """An entry id at ``base``'s minute (or just after a crowded one) never used before."""
    t = _TABLE
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


def _stamp(base: int, terms: str) -> int:
    return zlib.crc32(f"{base}|{terms}".encode())


def sync(connection: Connection, changes: Iterable[tuple[str, int, View | None]]) -> None:
    """Bring the entries of ``(source name, record id, view or None)`` up to date: a changed
    record gets a new entry (the old one is kept, dead, so its id is never reused)."""
    t = _TABLE
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
        stamp = _stamp(base, terms)
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
            obj = next(_rows(connection, source, [record_id]), None)
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


def index_records(session: Session, kind: str, ids: list[int]) -> None:
    """Index records written without the ORM (a bulk import's INSERT)."""
    source = sources()[kind]
    model = resolve(source.model)
    changes = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        extra = child_texts(session.connection(), source, chunk) if source.spec.children else {}
        for obj in session.exec(sqlmodel_select(model).where(col(model.id).in_(chunk))):
            changes.append((kind, obj.id, view_of(source, obj, extra.get(obj.id, ()))))
    sync(session.connection(), changes)


def _rows(connection: Connection, source: Source, ids: list[int] | None = None) -> Iterator[Any]:
    """The live records of a source (of ``ids`` only when given), with only the columns the
    index needs that the database has (a migration fills the index from a schema older
    than today's models)."""
    table = resolve(source.model).__table__
    have = {c["name"] for c in inspect(connection).get_columns(table.name)}
    spec = source.spec
    wanted = {"id", "deleted_at", source.date_field, *spec.fields, *spec.who, spec.title}
    wanted |= {rule.field for rule in spec.mask_when}
    columns = [table.c[name] for name in sorted(wanted & have)]
    query = select(*columns)
    if "deleted_at" in have:
        query = query.where(table.c.deleted_at.is_(None))
    if ids is not None:
        query = query.where(table.c.id.in_(ids))
    for row in connection.execute(query).mappings():
        yield SimpleNamespace(**row)


def _views(connection: Connection, source: Source) -> Iterator[tuple[Any, View]]:
    """Every live record of a source that has something to index, with its view."""
    extra = child_texts(connection, source) if source.spec.children else {}
    for obj in _rows(connection, source):
        view = view_of(source, obj, extra.get(obj.id, ()))
        if view is not None:
            yield obj, view


def rebuild(connection: Connection) -> int:
    """Make the whole index anew from the records; returns how many entries it holds."""
    backend.create(connection)
    connection.execute(delete(_TABLE))
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
            batch.append(({**row, "stamp": _stamp(base, terms)}, terms))
            count += 1
            if len(batch) >= 2000:
                _insert_batch(connection, batch)
                batch = []
        _insert_batch(connection, batch)
    backend.optimize(connection)
    return count


db.after_upgrade("0006_search_index", rebuild)  # an upgrade to the index fills it


def _insert_batch(connection: Connection, batch: list[tuple[dict[str, Any], str]]) -> None:
    if batch:
        connection.execute(insert(_TABLE), [row for row, _terms in batch])
        backend.add(connection, [(row["id"], terms) for row, terms in batch])


def health(connection: Connection) -> tuple[int, int]:
    """(records the index should hold, live entries it holds): they differ when the index
    missed a change (a file copied in from elsewhere, a write that bypassed secdesk). The
    dead entries a change leaves behind (see ``sync``) are not counted."""
    expected = sum(1 for source in sources().values() for _view in _views(connection, source))
    held = connection.execute(
        select(func.count()).select_from(_TABLE).where(_TABLE.c.record_id.is_not(None))
    ).scalar_one()
    return expected, int(held)


def reindex(session: Session) -> int:
    """``secdesk reindex``: rebuild the index in the session's transaction."""
    return rebuild(session.connection())


# -- asking ---------------------------------------------------------------------------------


def parse(text: str) -> Query:
    """Read a search box's text: words, and the filters kind:, from:, to:, who:."""
    from secdesk.calendar.timeparse import TimeParseError, parse_when

    terms: list[str] = []
    kinds_wanted: list[str] = []
    who: list[str] = []
    problems: list[str] = []
    start = end = None
    known = sources()
    for word in text.split():
        found = split_filter(word)
        if found is None:
            folded = fold(word)
            if folded:
                terms.append(folded)
            continue
        name, value = found
        if not value:
            continue
        if name == "kind":
            wanted = _kind_named(value, known)
            if wanted is None:
                problems.append(word)
            else:
                kinds_wanted.append(wanted)
        elif name == "who":
            if fold(value):
                who.append(fold(value))
        else:
            try:
                day = parse_when(value, clock.now_local()).date()
            except TimeParseError:
                problems.append(word)
                continue
            if name == "from":
                start = day
            else:
                end = day
    return Query(
        terms=tuple(terms),
        kinds=tuple(kinds_wanted),
        start=start,
        end=end,
        who=tuple(who),
        problems=tuple(problems),
    )


def _kind_named(value: str, known: dict[str, Source]) -> str | None:
    """A kind by its name, or by its title in the current language (kind:电话记录)."""
    from secdesk.i18n import _

    wanted = value.casefold()
    for source in known.values():
        if wanted in (source.name, _(source.title).casefold(), source.title.casefold()):
            return source.name
    return None


def _fits(query: Query, view: View) -> bool:
    """The record's own text holds every piece of the query (the index may offer a hit
    whose phrase ran across two fields; a scan's LIKE saw masked fields too)."""
    texts = [fold(text) for text in view.texts]
    names = [fold(name) for name in view.who]
    if not all(any(term in text for text in texts) for term in query.terms):
        return False
    return all(any(name_piece in name for name in names) for name_piece in query.who)


def _scan(session: Session, source: Source, query: Query, limit: int) -> list[tuple[Any, View]]:
    """A one-character query: the kind's records LIKE it, newest first (no index)."""
    model = resolve(source.model)
    when = getattr(model, source.date_field)
    statement = _scanning(source, query).order_by(col(when).desc(), col(model.id).desc())
    found = []
    for obj in session.exec(statement.limit(limit)):
        view = view_of(source, obj)
        if view is not None:
            found.append((obj, view))
    return found


def _scanning(source: Source, query: Query) -> Any:
    """The SELECT of a kind's live records LIKE a one-character query, in its dates."""
    model = resolve(source.model)
    spec = source.spec
    statement = sqlmodel_select(model).where(col(model.deleted_at).is_(None))
    for term in query.short_terms:
        statement = statement.where(
            or_(*[col(getattr(model, name)).like(like(term), escape="\\") for name in spec.fields])
        )
    when = getattr(model, source.date_field)
    if query.start or query.end:
        moment = is_moment(when)
        if query.start:
            start = query.start
            statement = statement.where(when >= (clock.day_bounds(start)[0] if moment else start))
        if query.end:
            end = query.end
            statement = statement.where(when < clock.day_bounds(end)[1] if moment else when <= end)
    return statement


def _count(session: Session, source: Source, query: Query, scanned: bool) -> int:
    """How many of a kind's records the query finds in all. (One-character pieces beside
    longer ones are checked on the records shown only: those count what the index finds.)"""
    if scanned:
        found = _scanning(source, query).subquery()
        return int(session.exec(sqlmodel_select(func.count()).select_from(found)).one())
    phrases = [[kind_token(source.name)], *_shared_phrases(query)]
    return backend.count(session.connection(), phrases, *_key_range(query))


def _key_range(query: Query) -> tuple[int | None, int | None]:
    low = minute_key(clock.day_bounds(query.start)[0]) if query.start else None
    high = minute_key(clock.day_bounds(query.end)[1]) if query.end else None
    return low, high


def _shared_phrases(query: Query) -> list[list[str]]:
    """The phrases every hit holds, whatever its kind."""
    phrases = [term_tokens(term) for term in query.long_terms]
    return phrases + [who_tokens(name) for name in query.who]


def _indexed(
    session: Session, source: Source, query: Query, limit: int, ids: list[int] | None = None
) -> list[tuple[Any, View]]:
    """The newest of a kind's records holding the query's pieces, through the index
    (``ids``: already found)."""
    if ids is None:
        phrases = [[kind_token(source.name)], *_shared_phrases(query)]
        rows = backend.newest(session.connection(), phrases, limit, *_key_range(query))
        ids = [record_id for _key, _kind, record_id in rows]
    if not ids:
        return []
    model = resolve(source.model)
    objects = {
        obj.id: obj for obj in session.exec(sqlmodel_select(model).where(col(model.id).in_(ids)))
    }
    extra = child_texts(session.connection(), source, ids) if source.spec.children else {}
    found = []
    for record_id in ids:
        obj = objects.get(record_id)
        view = view_of(source, obj, extra.get(record_id, ())) if obj is not None else None
        if view is not None:
            found.append((obj, view))
    return found


def search(
    session: Session, text: str, limit: int = LIMIT, per_kind: int | None = PER_KIND
) -> SearchResult:
    """The records matching ``text`` (words and filters), newest first; at most
    ``per_kind`` of each kind (None: up to ``limit`` of each)."""
    query = parse(text)
    if query.empty:
        return SearchResult(text, [], query.problems)
    session.flush()  # what this transaction wrote is searched too
    wanted = per_kind or limit
    scanned = bool(query.short_terms) and not query.long_terms and not query.who
    # One-character pieces beside longer ones are checked on the records: ask for more.
    fetch = wanted * 4 if query.short_terms and not scanned else wanted + 5
    chosen = [s for s in sources().values() if not query.kinds or s.name in query.kinds]
    # One look at the index for all kinds at once: the newest hits of any kind. A kind
    # short of hits there (and the list was cut) asks again on its own.
    early: dict[str, list[int]] | None = None
    shared = _shared_phrases(query)
    everything = False
    if shared and len(chosen) > 1 and not scanned:
        rows = backend.newest(session.connection(), shared, PREFETCH, *_key_range(query))
        everything = len(rows) < PREFETCH
        early = {}
        for _key, kind, record_id in rows:
            early.setdefault(kind, []).append(record_id)
    found: list[tuple[Source, Any, View]] = []
    counts: dict[str, int] = {}
    for source in chosen:
        if scanned:
            candidates = _scan(session, source, query, fetch)
        else:
            ids = None
            if early is not None:
                got = early.get(source.name, [])
                if everything or len(got) >= fetch:
                    ids = got[:fetch]
            candidates = _indexed(session, source, query, fetch, ids)
        kept = []
        for obj, view in candidates:
            if _fits(query, view):
                kept.append((obj, view))
                if len(kept) == wanted:
                    break
        found.extend((source, obj, view) for obj, view in kept)
        # Every candidate seen: the kept ones are all; else count them all in the index.
        seen_all = len(candidates) < fetch and len(kept) < wanted
        counts[source.name] = len(kept) if seen_all else _count(session, source, query, scanned)
    oldest = datetime.min.replace(tzinfo=UTC)
    found.sort(key=lambda item: (item[2].at or oldest, item[1].id), reverse=True)
    hits = []
    for source, obj, view in found[:limit]:
        piece = snippet(view.body, query.terms)
        hits.append(
            SearchHit(
                kind=source.name,
                id=obj.id,
                at=clock.to_local(view.at) if view.at is not None else None,
                title=view.title,
                snippet=piece.text,
                marks=piece.marks,
            )
        )
    counts = {name: n for name, n in counts.items() if n}
    return SearchResult(text, hits, query.problems, scanned=scanned, counts=counts)


def order() -> list[str]:
    """The sources' names in the order results are grouped."""
    return list(sources())
