"""One occurrence of a recurring meeting moved or called off, and undone: the occurrence
becomes a meeting row of its own (``series_id``, ``occurrence_start``) that ``occurrences``
puts in the rule's place.

Wing: office/meetings. Must not import screens, widgets, app, cli, care or demo; of
this package only ``record`` and ``recurrence``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from secdesk.calendar import clock
from secdesk.i18n import N_, _
from secdesk.models import Meeting
from secdesk.office.meetings.record import SERVICE
from secdesk.office.meetings.recurrence import expand
from secdesk.services import audit
from secdesk.services.views import InvalidInput, RecordGone, Saved, Undo


def _exception(session: Session, series_id: int, occurrence: datetime, **values: Any) -> Meeting:
    master = SERVICE.get(session, series_id)
    if not master.rrule:
        raise InvalidInput("starts_at", N_("This meeting does not repeat"))
    start = clock.to_local(occurrence)
    if start not in expand(master, start, start + timedelta(seconds=1)):
        raise InvalidInput("starts_at", N_("The meeting does not take place then"))
    length = (master.ends_at - master.starts_at) if master.ends_at else None
    new_start = values.pop("starts_at", start)
    new_end = values.pop("ends_at", None) or (new_start + length if length else None)
    row = Meeting(
        title=master.title,
        starts_at=clock.to_utc(new_start),
        ends_at=clock.to_utc(new_end) if new_end else None,
        meeting_type=master.meeting_type,
        location=master.location,
        chair=master.chair,
        recorder=master.recorder,
        participants=master.participants,
        materials=master.materials,
        notes=master.notes,
        series_id=series_id,
        occurrence_start=clock.to_utc(start),
        uid=master.uid,
        **values,
    )
    session.add(row)
    session.flush()
    audit.record(session, "create", "meeting", row.id, audit.values(row))
    return row


def move_occurrence(
    session: Session,
    series_id: int,
    occurrence: datetime,
    new_start: datetime,
    new_end: datetime | None = None,
) -> Undo:
    """Move one occurrence of a recurring meeting; the others stay where the rule puts
    them. Undone (``u``) by dropping the moved occurrence."""
    row = _exception(session, series_id, occurrence, starts_at=new_start, ends_at=new_end)
    what = _("moved {meeting} to {time}").format(
        meeting=row.title, time=f"{clock.to_local(row.starts_at):%m-%d %H:%M}"
    )
    return Undo("meeting", row.id or 0, "drop_exception", what)


def move_occurrence_to(session: Session, series_id: int, occurrence: datetime, typed: str) -> Undo:
    """``move_occurrence`` to a time typed as people say it (``周三下午3点``)."""
    from secdesk.calendar.timeparse import TimeParseError, parse_when

    try:
        moment = parse_when(typed, clock.now_local())
    except TimeParseError as exc:
        raise InvalidInput("starts_at", str(exc)) from exc
    return move_occurrence(session, series_id, occurrence, moment)


def cancel_occurrence(session: Session, series_id: int, occurrence: datetime) -> Undo:
    """Call off one occurrence of a recurring meeting; undone (``u``) by dropping that."""
    row = _exception(session, series_id, occurrence, cancelled=True)
    what = _("called off {meeting} on {day}").format(
        meeting=row.title, day=f"{clock.to_local(occurrence):%m-%d %H:%M}"
    )
    return Undo("meeting", row.id or 0, "drop_exception", what)


def drop_exception(session: Session, token: Undo) -> Saved:
    """Undo a moved or cancelled occurrence: the rule's occurrence is back."""
    row = session.get(Meeting, token.record_id)
    if row is None or row.series_id is None:
        raise RecordGone("meeting", token.record_id)
    if row.deleted_at is None:
        row.deleted_at = clock.now_utc()
        audit.touch(row)
        session.add(row)
        audit.record(session, "undo", "meeting", row.id, {"occurrence": "restored"})
    return Saved("meeting", row.series_id)
