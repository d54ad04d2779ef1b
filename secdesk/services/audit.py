"""The audit trail: every change leaves an Event in the same transaction.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

``apply_edit`` is the one way a record is changed: it compares the new values with the old,
sets what differs, stamps the time, bumps the version and writes the Event with every old
and new value.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from secdesk.calendar import clock
from secdesk.config import desk_user
from secdesk.models import Event


def actor() -> str:
    """Who is using the desk: ``SECDESK_USER``, the ``[office] user`` setting, else the
    login name (``config.desk_user``)."""
    return desk_user()


def _plain(value: Any) -> Any:
    """JSON for what the standard encoder cannot write (dates and times, enums)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def record(
    session: Session, action: str, entity: str, entity_id: int | None, data: dict[str, Any]
) -> Event:
    """Add an Event for a change; it commits with the change itself."""
    event = Event(
        action=action,
        entity=entity,
        entity_id=entity_id,
        actor=actor(),
        data=json.dumps(data, ensure_ascii=False, default=_plain),
    )
    session.add(event)
    return event


#: Bookkeeping columns left out of a record's values in the audit trail.
UNAUDITED = ("created_at", "updated_at", "version", "import_id")


def values(obj: Any, skip: tuple[str, ...] = UNAUDITED) -> dict:
    """A record's fields as a dict, for the audit trail."""
    return {k: v for k, v in obj.model_dump().items() if k not in skip}


def same(old: Any, new: Any) -> bool:
    """Whether a stored value equals a new one. SQLite hands times back without their zone
    (they are stored in UTC), so times compare as UTC instants."""
    if isinstance(old, datetime) and isinstance(new, datetime):
        return clock.as_utc(old) == clock.as_utc(new)
    return bool(old == new)


def touch(obj: Any) -> None:
    """The record changed now: stamp the time and bump its version."""
    obj.updated_at = clock.now_utc()
    obj.version = (obj.version or 0) + 1


def apply_edit(
    session: Session,
    obj: Any,
    entity: str,
    new: dict[str, Any],
    action: str = "update",
    extra: dict[str, Any] | None = None,
) -> dict[str, list[Any]]:
    """Set ``new``'s values on ``obj``; if any differs, stamp it and record an Event with
    ``{field: [old, new]}`` (plus ``extra`` changes the caller made itself, e.g. a contact's
    numbers). Returns the changes; nothing changed writes nothing."""
    changes: dict[str, list[Any]] = dict(extra or {})
    for name, value in new.items():
        old = getattr(obj, name)
        if not same(old, value):
            changes[name] = [old, value]
            setattr(obj, name, value)
    if changes:
        touch(obj)
        session.add(obj)
        record(session, action, entity, obj.id, changes)
    return changes


def last_change(session: Session, entity: str, entity_id: int) -> Event | None:
    """The newest Event about one record."""
    from sqlmodel import col, select

    return session.exec(
        select(Event)
        .where(Event.entity == entity, Event.entity_id == entity_id)
        .order_by(col(Event.id).desc())
        .limit(1)
    ).first()
