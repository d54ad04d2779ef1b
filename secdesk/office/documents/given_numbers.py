"""Every outgoing number ever given, for the 发文登记簿: also those deleted before deleting a
numbered document was refused (schema 0009).

Wing: office/documents. Must not import screens, widgets, app, cli, care or demo; of this
package it imports nothing.

A database older than 0009 may hold numbered documents that were deleted: the row is still
there with its number (a delete only marks it), or, when its number was taken from it, only
the audit trail remembers that the number was given. The register shows both as voided
numbers, with what is known of them, so that no number of a series goes unexplained. A
number the trail shows given but no record holds is shown only when it lies below the
highest number its series holds: a last number given back (its step undone) is given
again, and is no gap.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.i18n import _
from secdesk.models import Event, OutgoingDocument

ENTITY = "outgoingdocument"


def deleted_note(day: date) -> str:
    """Why a deleted number stands voided in the register: deleted on that day."""
    return _("deleted on {day}").format(day=day.isoformat())


@dataclass
class RememberedNumber:
    """A number only the audit trail knows: the document as it last stood there."""

    prefix: str
    year: int
    serial: int
    doc_number: str
    deleted_on: date | None
    known: dict[str, Any] = field(default_factory=dict)
    """The document's fields as the audit trail last saw them (ISO text for days)."""

    def __getattr__(self, name: str) -> Any:
        # Read as a record by the register's columns: unknown fields are blank.
        if name.startswith("__"):
            raise AttributeError(name)
        value = self.known.get(name)
        if name in ("signed_off_on",) and isinstance(value, str) and value:
            return date.fromisoformat(value[:10])
        return "" if value is None and name != "copies" else value


def _at_day(value: Any) -> date:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return clock.to_local(moment).date()


def remembered_numbers(session: Session, year: int | None = None) -> list[RememberedNumber]:
    """Numbers the audit trail shows given that no record holds any more, below the
    highest number of their series (see the module's note)."""
    held: dict[tuple[str, int], set[int]] = {}
    for prefix, yr, serial in session.exec(
        select(OutgoingDocument.prefix, OutgoingDocument.year, OutgoingDocument.serial).where(
            col(OutgoingDocument.serial).is_not(None)
        )
    ).all():
        held.setdefault((prefix, int(yr or 0)), set()).add(int(serial or 0))
    states: dict[int, dict[str, Any]] = {}
    given: dict[tuple[str, int, int], tuple[int, dict[str, Any]]] = {}
    deleted: dict[int, date] = {}
    events = session.exec(select(Event).where(Event.entity == ENTITY).order_by(col(Event.id))).all()
    for event in events:
        if event.entity_id is None:
            continue
        try:
            data = json.loads(event.data)
        except ValueError:
            continue
        if not isinstance(data, dict):
            continue
        state = states.setdefault(event.entity_id, {})
        for name, value in data.items():
            # A change is [old, new]; a whole record (create, import, delete) is its values.
            is_change = isinstance(value, list) and len(value) == 2 and name != "decisions"
            state[name] = value[1] if is_change else value
        if event.action == "delete":
            deleted[event.entity_id] = _at_day(event.at)
        elif event.action == "restore":
            deleted.pop(event.entity_id, None)
        if state.get("serial") and state.get("year") and state.get("doc_number"):
            key = (str(state.get("prefix") or ""), int(state["year"]), int(state["serial"]))
            given[key] = (event.entity_id, dict(state))
    out = []
    for (prefix, yr, serial), (entity_id, known) in sorted(given.items()):
        series = held.get((prefix, yr), set())
        if serial in series or not series or serial > max(series):
            continue
        if year is not None and yr != year:
            continue
        out.append(
            RememberedNumber(
                prefix, yr, serial, str(known["doc_number"]), deleted.get(entity_id), known
            )
        )
    return out
