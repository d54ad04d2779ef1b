"""Search everything the desk keeps: the index, kept in step with every write, and queries.

What is indexed comes from each kind's declaration (``Kind.search``: its text fields, what
is masked, the date and the people's fields), plus the duty log's notes: a kind joins the
search with its ``SearchSpec``. Every flush of a session updates the ``search_entry`` rows
(and their full-text index, ``search_backend``) of the records it wrote, in the same
transaction: creates, edits, deletes, undo, merges. Writes that bypass the ORM (a bulk
import's Core INSERT) call ``index_records``; ``rebuild`` makes the whole index anew.

Masked fields (a visitor's identity number, a classified document's title, the identity of
whoever reports wrongdoing) never reach the index, so no query finds or shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from itertools import chain
from types import SimpleNamespace
from typing import Any

from sqlalchemy import delete, event, func, insert, inspect, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col
from sqlmodel import select as sqlmodel_select

from secdesk import clock
from secdesk.i18n import N_
from secdesk.models.search import SearchEntry
from secdesk.services import search_backend as backend
from secdesk.services.kinds import Kind, SearchSpec, kinds, resolve
from secdesk.services.patterns import like
from secdesk.services.searchtext import (
    Query,
    fold,
    index_terms,
    phrase,
    snippet,
    split_filter,
)
from secdesk.services.views import SearchHit, SearchResult

#: Hits a search returns at most, and at most per kind (so one busy kind leaves room for
#: the others in the grouped results).
LIMIT = 60
PER_KIND = 20

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


@cache
def _by_model() -> dict[type, Source]:
    return {resolve(source.model): source for source in sources().values()}


def masked_fields(spec: SearchSpec, obj: Any) -> set[str]:
    """The fields of ``obj`` that search must never reveal."""
    masked = set(spec.masked)
    for rule in spec.mask_when:
        if str(getattr(obj, rule.field, "") or "") in rule.values:
            masked.update(rule.masks)
    return masked


def _moment(value: Any) -> datetime | None:
    """A record's date or time as the UTC moment its entry sorts by."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return clock.day_bounds(value)[0]
    return None


def _one_line(value: str, width: int = 80) -> str:
    return " ".join(value.split())[:width]


def entry_of(source: Source, obj: Any) -> dict[str, Any] | None:
    """The index entry of a record (None for a deleted one)."""
    if getattr(obj, "deleted_at", None) is not None:
        return None
    spec = source.spec
    masked = masked_fields(spec, obj)

    def value(name: str) -> str:
        if name in masked:
            return ""
        found = getattr(obj, name, "")
        return "" if found is None else str(found)

    texts = [value(name) for name in spec.fields]
    body = "\n".join(line for text in texts for line in text.splitlines() if line.strip())
    title = value(spec.title) if spec.title else ""
    if not title.strip():
        title = next((text for text in texts if text.strip()), "")
    who = "\n".join(v for v in (value(name) for name in spec.who) if v.strip())
    return {
        "kind": source.name,
        "record_id": obj.id,
        "at": _moment(getattr(obj, source.date_field, None)),
        "title": _one_line(title),
        "who": who,
        "body": body,
    }


def terms_of(body: str) -> str:
    """The full-text terms of an entry's body (each line apart)."""
    return index_terms(body.split("\n"))


def _same(old: Any, entry: dict[str, Any]) -> bool:
    return bool(
        old.body == entry["body"]
        and old.title == entry["title"]
        and old.who == entry["who"]
        and _moment(old.at) == entry["at"]
    )


def sync(connection: Connection, changes: Iterable[tuple[str, int, dict[str, Any] | None]]) -> None:
    """Bring the entries of ``(source name, record id, entry or None)`` up to date."""
    t = _TABLE
    for name, record_id, entry in changes:
        old = connection.execute(
            select(t.c.id, t.c.body, t.c.title, t.c.who, t.c.at).where(
                t.c.kind == name, t.c.record_id == record_id
            )
        ).first()
        if old is not None and entry is not None and _same(old, entry):
            continue
        if old is not None:
            backend.remove(connection, [(old.id, terms_of(old.body))])
            if entry is None:
                connection.execute(delete(t).where(t.c.id == old.id))
                continue
            connection.execute(update(t).where(t.c.id == old.id).values(**entry))
            backend.add(connection, [(old.id, terms_of(entry["body"]))])
        elif entry is not None:
            inserted = connection.execute(insert(t).values(**entry)).inserted_primary_key
            assert inserted is not None
            backend.add(connection, [(inserted[0], terms_of(entry["body"]))])


def _after_flush(session: OrmSession, _context: Any) -> None:
    """Every flush: the records it wrote, as the index must now show them."""
    by_model = _by_model()
    changes = []
    deleted = session.deleted
    for obj in chain(session.new, session.dirty, deleted):
        source = by_model.get(type(obj))
        if source is None or obj.id is None:
            continue
        gone = obj in deleted
        changes.append((source.name, obj.id, None if gone else entry_of(source, obj)))
    if changes:
        sync(session.connection(), changes)


event.listen(OrmSession, "after_flush", _after_flush)


def index_records(session: Session, kind: str, ids: list[int]) -> None:
    """Index records written without the ORM (a bulk import's INSERT)."""
    source = sources()[kind]
    model = resolve(source.model)
    changes = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for obj in session.exec(sqlmodel_select(model).where(col(model.id).in_(chunk))):
            changes.append((kind, obj.id, entry_of(source, obj)))
    sync(session.connection(), changes)


def _rows(connection: Connection, source: Source) -> Iterator[Any]:
    """The live records of a source, with only the columns the index needs that the
    database has (a migration fills the index from a schema older than today's models)."""
    table = resolve(source.model).__table__
    have = {c["name"] for c in inspect(connection).get_columns(table.name)}
    spec = source.spec
    wanted = {"id", "deleted_at", source.date_field, *spec.fields, *spec.who, spec.title}
    wanted |= {rule.field for rule in spec.mask_when}
    columns = [table.c[name] for name in sorted(wanted & have)]
    query = select(*columns)
    if "deleted_at" in have:
        query = query.where(table.c.deleted_at.is_(None))
    for row in connection.execute(query).mappings():
        yield SimpleNamespace(**row)


def rebuild(connection: Connection) -> int:
    """Make the whole index anew from the records; returns how many entries it holds."""
    backend.create(connection)
    connection.execute(delete(_TABLE))
    backend.clear(connection)
    next_id = 1
    for source in sources().values():
        batch: list[dict[str, Any]] = []
        for obj in _rows(connection, source):
            entry = entry_of(source, obj)
            if entry is None:
                continue
            batch.append({"id": next_id, **entry})
            next_id += 1
            if len(batch) >= 2000:
                _insert_batch(connection, batch)
                batch = []
        _insert_batch(connection, batch)
    backend.optimize(connection)
    return next_id - 1


def _insert_batch(connection: Connection, batch: list[dict[str, Any]]) -> None:
    if batch:
        connection.execute(insert(_TABLE), batch)
        backend.add(connection, [(entry["id"], terms_of(entry["body"])) for entry in batch])


def reindex(session: Session) -> int:
    """``secdesk reindex``: rebuild the index in the session's transaction."""
    return rebuild(session.connection())


# -- asking ---------------------------------------------------------------------------------


def parse(text: str) -> Query:
    """Read a search box's text: words, and the filters kind:, from:, to:, who:."""
    from secdesk.services.timeparse import TimeParseError, parse_when

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
            who.append(value)
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


def search(
    session: Session, text: str, limit: int = LIMIT, per_kind: int | None = PER_KIND
) -> SearchResult:
    """The records matching ``text`` (words and filters), newest first; at most
    ``per_kind`` of each kind (None: no such limit)."""
    query = parse(text)
    if query.empty:
        return SearchResult(text, [], query.problems)
    t = SearchEntry
    conditions: list[Any] = []
    if query.kinds:
        conditions.append(col(t.kind).in_(query.kinds))
    if query.start:
        conditions.append(col(t.at) >= clock.day_bounds(query.start)[0])
    if query.end:
        conditions.append(col(t.at) < clock.day_bounds(query.end)[1])
    for name in query.who:
        conditions.append(col(t.who).like(like(name), escape="\\"))
    if query.long_terms:
        conditions.append(backend.matching(col(t.id), [phrase(term) for term in query.long_terms]))
    for term in query.short_terms:
        conditions.append(col(t.body).like(like(term), escape="\\"))
    session.flush()  # what this transaction wrote is searched too
    connection = session.connection()
    columns = (col(t.kind), col(t.record_id), col(t.at), col(t.title), col(t.body))
    newest = (col(t.at).desc(), col(t.id).desc())
    if per_kind is None:
        rows = connection.execute(
            select(*columns).where(*conditions).order_by(*newest).limit(limit)
        )
    else:
        rank = func.row_number().over(partition_by=col(t.kind), order_by=newest).label("rank")
        ranked = select(*columns, col(t.id), rank).where(*conditions).subquery()
        rows = connection.execute(
            select(ranked.c.kind, ranked.c.record_id, ranked.c.at, ranked.c.title, ranked.c.body)
            .where(ranked.c.rank <= per_kind)
            .order_by(ranked.c.at.desc(), ranked.c.id.desc())
            .limit(limit)
        )
    hits = []
    for kind, record_id, at, title, body in rows:
        piece = snippet(body, query.terms)
        hits.append(
            SearchHit(
                kind=kind,
                id=record_id,
                at=clock.to_local(at) if at is not None else None,
                title=title,
                snippet=piece.text,
                marks=piece.marks,
            )
        )
    return SearchResult(
        text, hits, query.problems, scanned=bool(query.terms) and not query.long_terms
    )


def order() -> list[str]:
    """The sources' names in the order results are grouped."""
    return list(sources())
