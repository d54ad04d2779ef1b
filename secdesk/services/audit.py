"""The audit trail: every change leaves an Event in the same transaction."""

from __future__ import annotations

import getpass
import json
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from secdesk.models import Event


def _actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no passwd entry in some containers
        return ""


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
        actor=_actor(),
        data=json.dumps(data, ensure_ascii=False, default=_plain),
    )
    session.add(event)
    return event


def values(obj: Any, skip: tuple[str, ...] = ("created_at", "updated_at")) -> dict[str, Any]:
    """A record's fields as a dict, for the audit trail."""
    return {k: v for k, v in obj.model_dump().items() if k not in skip}
