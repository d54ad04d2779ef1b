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
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
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
from secdesk.i18n import N_
from secdesk.kinds import Kind, SearchSpec, kinds, on_change, resolve
from secdesk.models.search import SearchEntry
from secdesk.services import search_backend as backend
from secdesk.services.patterns import is_moment, like, masked_when
from secdesk.services.searchtext import (
    Query,
    holds,
    index_terms,
    kind_token,
    read_query,
    snippet,
    term_tokens,
    who_tokens,
)
from secdesk.services.views import SearchHit, SearchResult

#: Hits a search returns at most, and at most per kind (so one busy kind leaves room for
#: the others in the grouped results).
LIMIT = 60
PER_KIND = 20
PREFETCH = 400
"""Hits of all kinds read from the index in one go before any kind asks on its own."""
#: Index entries read at a time (``_walk``); days a one-character query scans, then all.
PAGE, SCAN_WINDOWS = 60, (31, 0)

#: Entry ids sort by time: minutes since EPOCH times SLOTS, plus a serial within the minute.
#: (Small numbers keep the index small: it stores the gaps between ids.)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
SLOTS = 16

_TABLE: Any = SearchEntry.__table__  # type: ignore[attr-defined]  # set by SQLAlchemy


@dataclass(frozen=True)
class Source:
    """Something search indexes: a record kind, or the duty log."""

    name: str
    """The kind's name (``duty`` for the duty log); ``kind:`` uses it."""
    model: str
    """``module:Class`` of its table."""
    title: str
    """English msgid heading its results."""
    spec: SearchSpec
    date_field: str


DUTY = Source(
    name="duty",
    model="secdesk.models.dutylog:DutyLog",
    title=N_("Duty log"),
    spec=SearchSpec(("on_duty", "notes", "handover"), who=("on_duty",), date="day"),
    date_field="day",
)
"""The duty log's notes and handover (one entry per day): not a record kind, but searched."""


def _date_field(kind: Kind) -> str:
    listing_date = kind.listing.date_field if kind.listing else None
    return kind.search.date or kind.report_field or listing_date or "created_at"


@on_change
@cache
def sources() -> dict[str, Source]:
    """Every indexed source by name, in the registry's order, the duty log last."""
    found = {
        kind.name: Source(kind.name, kind.model, kind.title, kind.search, _date_field(kind))
        for kind in kinds()
        if kind.search.indexed and kind.search.fields
    }
    found[DUTY.name] = DUTY
    return found


@on_change
@cache
def _by_model() -> dict[type, Source]:
    return {resolve(source.model): source for source in sources().values()}


def masked_fields(spec: SearchSpec, obj: Any) -> set[str]:
    """The fields of ``obj`` that search must never reveal."""
    return set(spec.masked) | masked_when(spec, obj)


def _moment(value: Any) -> datetime | None:
    """A record's date or time as the UTC moment its entry sorts by."""
    if isinstance(value, datetime):
        return clock.as_utc(value)
    if isinstance(value, date):
        return clock.day_bounds(value)[0]
    return None


def _one_line(value: str, width: int = 80) -> str:
    return " ".join(value.split())[:width]


@dataclass(frozen=True)
class View:
    """A record as search sees it: only what it may show."""

    texts: tuple[str, ...]
    """The search fields' values, masked ones left out."""
    who: tuple[str, ...]
    title: str
    at: datetime | None
    """The UTC moment that places it."""

    @property
    def body(self) -> str:
        return "\n".join(line for text in self.texts for line in text.splitlines() if line.strip())


def view_of(source: Source, obj: Any, extra: Iterable[str] = ()) -> View | None:
    """What search may know of a record (None for a deleted one); ``extra``: the texts of
    its child rows (``SearchSpec.children``)."""
    if getattr(obj, "deleted_at", None) is not None:
        return None
    spec = source.spec
    masked = masked_fields(spec, obj)

    def value(name: str) -> str:
        if name in masked:
            return ""
        found = getattr(obj, name, "")
        return "" if found is None else str(found)

    texts = tuple(value(name) for name in spec.fields) + tuple(extra)
    title = value(spec.title) if spec.title else ""
    if not title.strip():
        title = next((text for text in texts if text.strip()), "")
    return View(
        texts=texts,
        who=tuple(v for v in (value(name) for name in spec.who) if v.strip()),
        title=_one_line(title),
        at=_moment(getattr(obj, source.date_field, None)),
    )


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
    by_model = _by_model()
    children = _child_models()
    touched: dict[tuple[str, int], Any] = {}
    """(source, record id) -> the record object, None when it must be read, False: gone."""
    deleted = session.deleted
    for obj in chain(session.new, session.dirty, deleted):
        source = by_model.get(type(obj))
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
    """(records the index should hold, entries it holds): they differ when the index
    missed a change (a file copied in from elsewhere, a write that bypassed secdesk)."""
    expected = sum(1 for source in sources().values() for _view in _views(connection, source))
    held = connection.execute(select(func.count()).select_from(_TABLE)).scalar_one()
    return expected, int(held)


def reindex(session: Session) -> int:
    """``secdesk reindex``: rebuild the index in the session's transaction."""
    return rebuild(session.connection())


# -- asking ---------------------------------------------------------------------------------


def parse(text: str) -> Query:
    """Read a search box's text: words, and the filters kind:, from:, to:, who:."""
    return read_query(text, {source.name: source.title for source in sources().values()})


@on_change
@cache
def _columns(name: str) -> tuple[Any, ...]:
    """The columns of a source's table that search reads (what ``view_of`` needs)."""
    source = sources()[name]
    table = resolve(source.model).__table__
    spec = source.spec
    wanted = {"id", "deleted_at", source.date_field, *spec.fields, *spec.who, spec.title}
    wanted |= {rule.field for rule in spec.mask_when}
    return tuple(table.c[column] for column in sorted(wanted) if column in table.c)


def _views_of(
    session: Session, source: Source, statement: Any, children: bool = True
) -> list[tuple[Any, View]]:
    """The records ``statement`` (a select of ``_columns``) reads, in order, as plain rows
    (no ORM objects), with their views (and child rows' texts if ``children``)."""
    found = [SimpleNamespace(**row) for row in session.connection().execute(statement).mappings()]
    extra: dict[int, list[str]] = {}
    if children and source.spec.children and found:
        extra = child_texts(session.connection(), source, [obj.id for obj in found])
    views = ((obj, view_of(source, obj, extra.get(obj.id, ()))) for obj in found)
    return [(obj, view) for obj, view in views if view is not None]


def _scan(
    session: Session, source: Source, query: Query, limit: int, since: date | None = None
) -> list[tuple[Any, View]]:
    """A one-character query: the kind's records LIKE it (from the day ``since``), newest
    first (no index)."""
    columns = _columns(source.name)
    table = columns[0].table
    statement = select(*columns).where(table.c.deleted_at.is_(None))
    for term in query.short_terms:
        pattern = like(term)
        fields = [table.c[name] for name in source.spec.fields]
        statement = statement.where(or_(*[f.like(pattern, escape="\\") for f in fields]))
    when = table.c[source.date_field]
    moment = is_moment(when)
    for first in (day for day in (since, query.start) if day is not None):
        statement = statement.where(when >= (clock.day_bounds(first)[0] if moment else first))
    if end := query.end:
        statement = statement.where(when < clock.day_bounds(end)[1] if moment else when <= end)
    statement = statement.order_by(when.desc(), table.c.id.desc()).limit(limit)
    return _views_of(session, source, statement, children=False)


def _key_range(query: Query) -> tuple[int | None, int | None]:
    low = minute_key(clock.day_bounds(query.start)[0]) if query.start else None
    high = minute_key(clock.day_bounds(query.end)[1]) if query.end else None
    return low, high


def _shared_phrases(query: Query) -> list[list[str]]:
    """The phrases every hit holds, whatever its kind."""
    phrases = [term_tokens(term) for term in query.long_terms]
    return phrases + [who_tokens(name) for name in query.who]


def _walk(
    session: Session,
    chosen: list[Source],
    candidates: dict[str, list[tuple[int, int]]],
    query: Query,
    wanted: int,
    limit: int,
    floor: int | None = None,
) -> list[tuple[Source, Any, View]] | None:
    """Read the candidates' records newest entry first, all kinds together, a page at a
    time, keeping at most ``wanted`` that fit of each kind, and stop once no entry left can
    be among the ``limit`` newest kept: an entry's id is at least its record's minute
    (``minute_key``), so once the ``limit``-th newest kept lies after the next entry's
    minute, nothing older is read. ``floor``: the lists may lack entries below this id;
    None is returned when those could still count."""
    oldest = datetime.min.replace(tzinfo=UTC)
    order = {source.name: i for i, source in enumerate(chosen)}
    entries = sorted(
        (
            (key, source.name, place, record_id)
            for source in chosen
            for place, (key, record_id) in enumerate(candidates.get(source.name, []))
        ),
        reverse=True,
    )
    kept: dict[str, int] = dict.fromkeys(order, 0)
    found: list[tuple[tuple[int, int], Source, Any, View]] = []
    known = sources()
    for begin in range(0, len(entries), PAGE):
        page = [e for e in entries[begin : begin + PAGE] if kept[e[1]] < wanted]
        for name in {e[1] for e in page}:
            source = known[name]
            columns = _columns(name)
            ids = [record_id for _key, kind, _place, record_id in page if kind == name]
            statement = select(*columns).where(columns[0].table.c.id.in_(ids))
            rows = {obj.id: (obj, view) for obj, view in _views_of(session, source, statement)}
            for _key, kind, place, record_id in page:
                if kind == name and record_id in rows and kept[name] < wanted:
                    obj, view = rows[record_id]
                    if holds(query, view.texts, view.who):
                        kept[name] += 1
                        found.append(((order[name], place), source, obj, view))
        following = entries[begin + PAGE][0] if begin + PAGE < len(entries) else floor
        if following is None:
            continue
        ats = sorted((item[3].at or oldest for item in found), reverse=True)
        if len(ats) >= limit and ats[limit - 1] >= EPOCH + timedelta(
            minutes=following // SLOTS + 1
        ):
            break
    else:
        if floor is not None:
            return None  # entries below the floor might be among the newest
    found.sort(key=lambda item: item[0])  # each kind's own order, kinds in turn
    return [(source, obj, view) for _place, source, obj, view in found]


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
    found: list[tuple[Source, Any, View]] = []
    if scanned:
        # A month back, then all: once ``limit`` are found, nothing older can count (and a
        # kind with ``fetch`` found has them all).
        scans: dict[str, list[tuple[Any, View]]] = {}
        for days in SCAN_WINDOWS:
            since = (query.end or clock.today()) - timedelta(days=days) if days else None
            found = []
            for source in chosen:
                if len(scans.get(source.name, ())) < fetch:
                    scans[source.name] = _scan(session, source, query, fetch, since)
                kept = [(o, v) for o, v in scans[source.name] if holds(query, v.texts, v.who)]
                found.extend((source, obj, view) for obj, view in kept[:wanted])
            if len(found) >= limit:
                break
    else:
        # One look at the index for all kinds at once: the newest hits of any kind. A kind
        # short of hits there (and the list was cut) asks again on its own.
        early: dict[str, list[tuple[int, int]]] = {}
        everything = False
        shared = _shared_phrases(query)
        if shared and len(chosen) > 1:
            rows = backend.newest(session.connection(), shared, PREFETCH, *_key_range(query))
            everything = len(rows) < PREFETCH
            for key, kind, record_id in rows:
                early.setdefault(kind, []).append((key, record_id))
        candidates = {name: got[:fetch] for name, got in early.items()}
        walked = None
        if early and per_kind is None:  # a page of the newest: those of all kinds may do
            floor = None if everything else rows[-1][0]
            walked = _walk(session, chosen, candidates, query, wanted, limit, floor)
        if walked is None:  # they did not: each kind short of hits asks on its own
            for source in chosen:
                got = early.get(source.name, [])
                if not (everything or len(got) >= fetch):
                    phrases = [[kind_token(source.name)], *shared]
                    own = backend.newest(session.connection(), phrases, fetch, *_key_range(query))
                    candidates[source.name] = [(key, record_id) for key, _k, record_id in own]
            walked = _walk(session, chosen, candidates, query, wanted, limit)
        found = walked or []
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
    return SearchResult(text, hits, query.problems, scanned=scanned)


def order() -> list[str]:
    """The sources' names in the order results are grouped."""
    return list(sources())
