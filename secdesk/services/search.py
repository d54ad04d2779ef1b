"""Search everything the desk keeps: the queries (a page of hits of every kind, newest
first, with their snippets and marks) over the index ``search_index`` keeps in step with
every write.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

What is searched comes from each kind's declaration (``Kind.search``: its text fields, what
is masked, the date and the people's fields), plus the duty log's notes; the full-text
index itself is behind ``search_backend`` (FTS5 on a file, a GIN index on a server). Masked
fields never reach the index, so no query finds or shows them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    Integer,
    bindparam,
    func,
    or_,
    select,
)
from sqlmodel import Session

from secdesk.calendar import clock
from secdesk.kinds import on_change, resolve
from secdesk.services import search_backend as backend
from secdesk.services.patterns import is_moment, like
from secdesk.services.search_index import (
    EPOCH,
    SLOTS,
    child_texts,
    minute_key,
    needed_columns,
)
from secdesk.services.search_sources import (
    Source,
    View,
    moment_of,
    sources,
    view_of,
)
from secdesk.services.searchtext import (
    Query,
    holds,
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
    return tuple(table.c[column] for column in sorted(needed_columns(source)) if column in table.c)


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
