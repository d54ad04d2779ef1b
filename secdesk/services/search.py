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
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import chain
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    Integer,
    bindparam,
    delete,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    update,
)
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
    moment_of,
    sources,
    view_of,
)
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

__all__ = ["Source", "View", "sources", "view_of"]

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
    columns = [table.c[name] for name in sorted(_needed(source) & have)]
    query = select(*columns)
    if "deleted_at" in have:
        query = query.where(table.c.deleted_at.is_(None))
    if ids is not None:
        query = query.where(table.c.id.in_(ids))
    for row in connection.execute(query).mappings():
        yield SimpleNamespace(**row)


def _needed(source: Source) -> set[str]:
    """The columns of a source's table that ``view_of`` reads."""
    spec = source.spec
    wanted = {"id", "deleted_at", source.date_field, *spec.fields, *spec.who, spec.title}
    return wanted | {rule.field for rule in spec.mask_when}


def _views(connection: Connection, source: Source) -> Iterator[tuple[Any, View]]:
    """Every live record of a source that has something to index, with its view."""
    extra = child_texts(connection, source) if source.spec.children else {}
    for obj in _rows(connection, source):
        view = view_of(source, obj, extra.get(obj.id, ()))
        if view is not None:
            yield obj, view


def rebuild(connection: Connection, progress: Callable[[int], object] | None = None) -> int:
    """Make the whole index anew from the records; returns how many entries it holds.
    ``progress(entries)`` is told how many are written so far, batch by batch."""
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
                if progress is not None:
                    progress(count)
        _insert_batch(connection, batch)
        if progress is not None:
            progress(count)
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
    return read_query(text, {source.name: source.title for source in sources().values()})


@on_change
@cache
def _columns(name: str) -> tuple[Any, ...]:
    """The columns of a source's table that search reads (what ``view_of`` needs)."""
    source = sources()[name]
    table = resolve(source.model).__table__
    return tuple(table.c[column] for column in sorted(_needed(source)) if column in table.c)


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


def _by_ids(session: Session, source: Source, ids: list[int]) -> dict[int, tuple[Any, View]]:
    """The records of ``ids`` (those live with something to index), with their views."""
    columns = _columns(source.name)
    statement = select(*columns).where(columns[0].table.c.id.in_(ids))
    return {obj.id: (obj, view) for obj, view in _views_of(session, source, statement)}


def _scan(
    session: Session, source: Source, query: Query, limit: int, since: date | None = None
) -> list[Any]:
    """A one-character query: the kind's records LIKE it (from the day ``since``), newest
    first (no index), as plain rows of ``_columns`` (their views are made when needed)."""
    statement = _scanning(source.name, len(query.short_terms), _bounds(query, since), True)
    params = _scan_params(source, query, since)
    return list(session.connection().execute(statement, {**params, "limit": limit}))


def _bounds(query: Query, since: date | None) -> tuple[bool, bool, bool]:
    """Which of the day bounds a scan has: since, from:, to:."""
    return since is not None, query.start is not None, query.end is not None


def _scan_params(source: Source, query: Query, since: date | None) -> dict[str, Any]:
    """The values of a ``_scanning`` statement's parameters."""
    moment = is_moment(_columns(source.name)[0].table.c[source.date_field])
    params: dict[str, Any] = {f"term{i}": like(term) for i, term in enumerate(query.short_terms)}
    for name, first in (("since", since), ("start", query.start)):
        if first is not None:
            params[name] = clock.day_bounds(first)[0] if moment else first
    if query.end is not None:
        params["end"] = clock.day_bounds(query.end)[1] if moment else query.end
    return params


@on_change
@cache
def _scanning(name: str, terms: int, bounds: tuple[bool, bool, bool], paged: bool) -> Any:
    """The SELECT of a kind's live records LIKE ``terms`` one-character pieces (parameters
    ``term0`` ...), in the day ``bounds`` (``since``, ``start``, ``end``); ``paged``: the
    newest ``limit`` of them, else how many there are. Made once for each shape: a query's
    values are its parameters."""
    source = sources()[name]
    columns = _columns(name)
    table = columns[0].table
    statement = select(*columns).where(table.c.deleted_at.is_(None))
    fields = [table.c[field] for field in source.spec.fields]
    for i in range(terms):
        pattern: Any = bindparam(f"term{i}")
        statement = statement.where(or_(*[f.like(pattern, escape="\\") for f in fields]))
    when = table.c[source.date_field]
    since, start, end = bounds
    moment = is_moment(when)
    for wanted, first in ((since, "since"), (start, "start")):
        if wanted:
            statement = statement.where(when >= bindparam(first))
    if end:
        statement = statement.where(when < bindparam("end") if moment else when <= bindparam("end"))
    if paged:
        order = (when.desc(), table.c.id.desc())
        return statement.order_by(*order).limit(bindparam("limit", type_=Integer))
    return select(func.count()).select_from(statement.subquery())


def _count(session: Session, source: Source, query: Query, scanned: bool) -> int:
    """How many of a kind's records the query finds in all. (One-character pieces beside
    longer ones are checked on the records shown only: those count what the index finds.)"""
    if scanned:
        statement = _scanning(source.name, len(query.short_terms), _bounds(query, None), False)
        params = _scan_params(source, query, None)
        return int(session.connection().execute(statement, params).scalar_one())
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


def _walk(
    session: Session,
    chosen: list[Source],
    candidates: dict[str, list[tuple[int, int]]],
    query: Query,
    wanted: int,
    limit: int,
    floor: int | None = None,
) -> tuple[list[tuple[Source, Any, View]] | None, dict[str, tuple[int, int]]]:
    """Read the candidates' records newest entry first, all kinds together, a page at a
    time, keeping at most ``wanted`` that fit of each kind, and stop once no entry left can
    be among the ``limit`` newest kept: an entry's id is at least its record's minute
    (``minute_key``), so once the ``limit``-th newest kept lies after the next entry's
    minute, nothing older is read. ``floor``: the lists may lack entries below this id;
    None is found when those could still count. Also, per kind: (how many of its
    candidates were read, how many of those were kept)."""
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
    read: dict[str, int] = dict.fromkeys(order, 0)
    found: list[tuple[tuple[int, int], Source, Any, View]] = []
    known = sources()
    for begin in range(0, len(entries), PAGE):
        page = entries[begin : begin + PAGE]
        for _key, name, place, _record_id in page:
            read[name] = max(read[name], place + 1)
        page = [entry for entry in page if kept[entry[1]] < wanted]
        for name in {entry[1] for entry in page}:
            source = known[name]
            rows = _by_ids(session, source, [e[3] for e in page if e[1] == name])
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
        if floor is not None:  # entries below the floor might be among the newest
            return None, {}
    found.sort(key=lambda item: item[0])  # each kind's own order, kinds in turn
    tally = {name: (read[name], kept[name]) for name in order}
    return [(source, obj, view) for _place, source, obj, view in found], tally


def _indexed(
    session: Session,
    chosen: list[Source],
    query: Query,
    sizes: tuple[int, int, int],
    paged: bool,
    counted: bool = True,
) -> tuple[list[tuple[Source, Any, View]], dict[str, int] | None]:
    """The newest records of the chosen kinds that hold the query, through the index, and
    how many each kind has in all. ``sizes``: (kept at most per kind, candidates read at
    most per kind, hits wanted in all); ``paged``: one page of the newest of any kind.
    Without ``counted``, a page settled by the one look at the index is returned without
    counts (None): counting needs a look of each kind and a count of every hit."""
    wanted, fetch, limit = sizes
    connection = session.connection()
    key_range = _key_range(query)
    # One look at the index for all kinds at once: the newest hits of any kind. A kind
    # short of hits there (and the list was cut) asks again on its own.
    early: dict[str, list[tuple[int, int]]] = {}
    everything = False
    shared = _shared_phrases(query)
    if shared and len(chosen) > 1:
        rows = backend.newest(connection, shared, PREFETCH, *key_range)
        everything = len(rows) < PREFETCH
        for key, kind, record_id in rows:
            early.setdefault(kind, []).append((key, record_id))
    candidates = {name: got[:fetch] for name, got in early.items()}

    def ask_each() -> None:  # each kind short of hits in ``early`` asks on its own
        for source in chosen:
            if not (everything or len(early.get(source.name, [])) >= fetch):
                phrases = [[kind_token(source.name)], *shared]
                own = backend.newest(connection, phrases, fetch, *key_range)
                candidates[source.name] = [(key, record_id) for key, _k, record_id in own]

    walked: list[tuple[Source, Any, View]] | None = None
    if early and paged:  # a page of the newest: those of all kinds may do
        floor = None if everything else rows[-1][0]
        walked, tally = _walk(session, chosen, candidates, query, wanted, limit, floor)
        if walked is not None:
            if not counted:
                return walked, None
            # The counts need each kind's own candidates (the early ones are the first of
            # them: the walk's tally holds for these).
            ask_each()
    if walked is None:
        ask_each()
        walked, tally = _walk(session, chosen, candidates, query, wanted, limit)
    totals: dict[str, int] | None = None
    if everything:  # the early hits are all there are
        totals = {name: len(got) for name, got in early.items()}
    counts = {}
    for source in chosen:
        got = candidates.get(source.name, [])
        read, kept = tally[source.name]
        # Every candidate seen (or checked now): the kept ones are all; else count all the
        # index's hits.
        if len(got) < fetch and kept < wanted and read < len(got):
            rest = _by_ids(session, source, [record_id for _key, record_id in got[read:]])
            views = (rest[record_id][1] for _key, record_id in got[read:] if record_id in rest)
            kept += sum(1 for view in views if holds(query, view.texts, view.who))
        if len(got) < fetch and kept < wanted:
            counts[source.name] = kept
        elif not shared or len(chosen) == 1:
            counts[source.name] = _count(session, source, query, False)
        else:  # the index's hits of every kind, counted in one go
            totals = totals or backend.counts(connection, shared, *key_range)
            counts[source.name] = totals.get(source.name, 0)
    return walked or [], counts


def _scanned(
    session: Session,
    chosen: list[Source],
    query: Query,
    sizes: tuple[int, int, int],
    counted: bool = True,
) -> tuple[list[tuple[Source, Any, View]], dict[str, int]]:
    """A one-character query: the newest records of the chosen kinds LIKE it, a month back
    first, then all (once ``limit`` are found, nothing older can count, and a kind with
    ``fetch`` found has them all); and how many each kind has in all (if ``counted``: a
    count reads every record of the kind, several times the cost of the page).

    A record's view is made only when it may be shown: the rows of every kind are walked
    newest first until ``limit`` hold the query (at most ``wanted`` of a kind)."""
    wanted, fetch, limit = sizes
    scans: dict[str, tuple[list[Any], bool]] = {}
    """A kind's rows scanned, and whether they were scanned back to the start."""
    views: dict[tuple[str, int], View | None] = {}
    oldest = datetime.min.replace(tzinfo=UTC)

    def kept(source: Source, row: Any) -> View | None:
        """The row's view if it holds the query (a LIKE saw masked fields too)."""
        key = (source.name, row.id)
        if key not in views:
            view = view_of(source, row)
            ok = view is not None and holds(query, view.texts, view.who)
            views[key] = view if ok else None
        return views[key]

    def kept_of(source: Source) -> list[tuple[Any, View]]:
        pairs = ((row, kept(source, row)) for row in scans[source.name][0])
        return [(row, view) for row, view in pairs if view is not None][:wanted]

    def walk() -> list[tuple[Source, Any, View]]:
        """The newest ``limit`` rows of all kinds that hold the query, as ``kept_of`` of
        each kind would keep them, in that order."""
        rows = [(source, row) for source in chosen for row in scans[source.name][0]]
        rows.sort(key=lambda item: (_row_moment(*item) or oldest, item[1].id), reverse=True)
        per_kind: dict[str, int] = {}
        out: list[tuple[Source, Any, View]] = []
        for source, row in rows:
            if per_kind.get(source.name, 0) < wanted and (view := kept(source, row)) is not None:
                per_kind[source.name] = per_kind.get(source.name, 0) + 1
                out.append((source, row, view))
                if len(out) >= limit:
                    break
        return out

    found: list[tuple[Source, Any, View]] = []
    for days in SCAN_WINDOWS:
        since = (query.end or clock.today()) - timedelta(days=days) if days else None
        for source in chosen:
            if source.name not in scans or len(scans[source.name][0]) < fetch:
                got = _scan(session, source, query, fetch, since)
                scans[source.name] = (got, since is None)
        found = walk()
        if len(found) >= limit:
            break
    counts: dict[str, int] = {}
    for source in chosen if counted else ():
        got, whole = scans[source.name]
        if len(got) < fetch and not whole and len(kept_of(source)) < wanted:
            # Only the month was scanned: its older records decide whether all were seen.
            scans[source.name] = (_scan(session, source, query, fetch), True)
        got, _whole = scans[source.name]
        many = len(kept_of(source))
        seen_all = len(got) < fetch and many < wanted
        counts[source.name] = many if seen_all else _count(session, source, query, True)
    return found, counts


def _row_moment(source: Source, row: Any) -> datetime | None:
    """The moment a row's hit sorts by (``View.at``) without making its view."""
    return moment_of(getattr(row, source.date_field, None))


def search(
    session: Session,
    text: str,
    limit: int = LIMIT,
    per_kind: int | None = PER_KIND,
    counted: bool = True,
) -> SearchResult:
    """The records matching ``text`` (words and filters), newest first; at most
    ``per_kind`` of each kind (None: up to ``limit`` of each). Without ``counted``, the
    counts may be left out (``SearchResult.counted``) where they cost more than the hits:
    a one-character query's (a look at every record) and a page's (``per_kind`` None)."""
    query = parse(text)
    if query.empty:
        return SearchResult(text, [], query.problems)
    session.flush()  # what this transaction wrote is searched too
    wanted = per_kind or limit
    scanned = bool(query.short_terms) and not query.long_terms and not query.who
    # One-character pieces beside longer ones are checked on the records: ask for more.
    fetch = wanted * 4 if query.short_terms and not scanned else wanted + 5
    chosen = [s for s in sources().values() if not query.kinds or s.name in query.kinds]
    sizes = (wanted, fetch, limit)
    if scanned:
        found, counts = _scanned(session, chosen, query, sizes, counted)
        complete = counted
    else:
        found, some = _indexed(session, chosen, query, sizes, per_kind is None, counted)
        counts, complete = some or {}, some is not None
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
    return SearchResult(
        text, hits, query.problems, scanned=scanned, counts=counts, counted=complete
    )


def order() -> list[str]:
    """The sources' names in the order results are grouped."""
    return list(sources())
