"""The records as they stood at a past moment, rebuilt from the audit trail.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

A past period's figures (the work summary, the supervision report) are counted on the
database as it stood at the period's end, so the same month prints the same figures
whenever it is printed. Every change writes an audit Event with each old value (see
``audit``): the database is copied into memory (on a PostgreSQL server, only the tables
with changes, as temporary tables) and every change made after the moment is undone
there, the oldest old value of each field winning; a record deleted since is live again,
one restored since is deleted again. A record entered after the moment keeps the values
it was entered with (a call logged late belongs to its day), unless it has been deleted
since (a mistaken entry stays gone). The copy is read only by the caller and thrown away.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlmodel import Session, SQLModel, col, select

from secdesk.calendar import clock
from secdesk.models import Event

P = ParamSpec("P")
R = TypeVar("R")

#: Events that bring a record into the database (its values, not old and new).
ENTERED = {"create", "import"}


def changed_since(session: Session, moment: datetime) -> bool:
    """Whether any audit Event about a record was written at or after ``moment`` (a bulk
    import's one Event names no record: its records keep the values they came with)."""
    later = select(Event.id).where(Event.at >= moment, col(Event.entity_id).is_not(None))
    return session.exec(later.limit(1)).first() is not None


def _typed(column: Any, value: Any) -> Any:
    """An old value as the audit trail wrote it (JSON) in the column's own type."""
    if value is None or not isinstance(value, str):
        return value
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return value
    if kind is datetime:
        return clock.as_utc(datetime.fromisoformat(value))
    if kind is date:
        return date.fromisoformat(value)
    enum = getattr(column.type, "enum_class", None)
    if enum is not None:
        return enum(value)
    return value


def _old_values(session: Session, moment: datetime) -> dict[tuple[str, int], dict[str, Any]]:
    """For each record changed since ``moment``: each changed field's value at the moment."""
    entered: set[tuple[str, int]] = set()
    old: dict[tuple[str, int], dict[str, Any]] = {}
    events = session.exec(
        select(Event)
        .where(Event.at >= moment, col(Event.entity_id).is_not(None))
        .order_by(col(Event.id))
    )
    for event in events:
        key = (event.entity, int(event.entity_id or 0))
        fields = old.setdefault(key, {})
        if event.action in ENTERED:
            entered.add(key)
        elif event.action == "delete":
            if key not in entered:
                fields.setdefault("deleted_at", None)
        elif event.action == "restore":
            if key not in entered:
                fields.setdefault("deleted_at", event.at)
        else:
            try:
                data = json.loads(event.data or "{}")
            except ValueError:
                continue
            if not isinstance(data, dict):
                continue
            for name, change in data.items():
                if isinstance(change, list) and len(change) == 2:
                    fields.setdefault(name, change[0])
    return {key: fields for key, fields in old.items() if fields}


def at_end_of(
    session: Session,
    last_day: date,
    today: date,
    fn: Callable[Concatenate[Session, P], R],
    *args: P.args,
    **kwargs: P.kwargs,
) -> R:
    """``fn(session, ...)`` on the records as they stood at the end of the local day
    ``last_day``, or as they are while that day is not over (``today`` or before)."""
    if last_day >= today:
        return fn(session, *args, **kwargs)
    with as_it_stood(session, clock.day_bounds(last_day)[1]) as past:
        return fn(past, *args, **kwargs)


@contextmanager
def as_it_stood(session: Session, moment: datetime) -> Iterator[Session]:
    """A session on a copy of the database as it stood at ``moment`` (UTC); ``session``
    itself when nothing has changed since."""
    if not changed_since(session, moment):
        yield session
        return
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from secdesk import dbfile

    changes = _old_values(session, moment)
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        with _rewound_on_server(connection, changes) as past:
            yield past
        return
    source = connection.connection.driver_connection
    assert source is not None  # the session's connection is open
    copy = dbfile.copy_in_memory(source)
    engine = create_engine("sqlite://", creator=lambda: copy, poolclass=StaticPool)
    try:
        with Session(engine) as past:
            _undo_changes(past, changes)
            yield past
    finally:
        engine.dispose()
        copy.close()


def _undo_changes(past: Session, changes: dict[tuple[str, int], dict[str, Any]]) -> None:
    """Put back, in ``past``, each changed field's value at the moment."""
    from sqlalchemy import update

    tables = SQLModel.metadata.tables
    for (entity, record_id), fields in changes.items():
        table = tables.get(entity)
        if table is None:
            continue
        values = {
            name: _typed(table.c[name], value) for name, value in fields.items() if name in table.c
        }
        if values:
            past.execute(update(table).where(table.c.id == record_id).values(**values))
    past.flush()


@contextmanager
def _rewound_on_server(
    connection: Any, changes: dict[tuple[str, int], dict[str, Any]]
) -> Iterator[Session]:
    """On a PostgreSQL server the database is not copied whole: the tables with changes
    are, as temporary tables of this transaction that the queries read instead
    (``dbserver.shadowed``), rewound there; a session of its own (nothing the caller's
    session has already loaded stands in for the past) reads them."""
    from secdesk import dbserver

    names = sorted({entity for entity, _id in changes if entity in SQLModel.metadata.tables})
    with dbserver.shadowed(connection, names), Session(bind=connection) as past:
        _undo_changes(past, changes)
        yield past
