"""会议: scheduling a meeting and seeing the meetings of a time: the week view, conflicts of
room and people, the dashboard's panel and the duty log's entries.

Wing: office/meetings. Must not import screens, widgets, app, cli, care or demo.

The meetings wing is split by what a person does (each module says what it holds):
``fields`` (what the form accepts, types and checklist templates), ``recurrence`` (rules
and occurrences), ``record`` (``MeetingService``), ``series`` (one occurrence moved or
called off), ``checklist`` (ticking, attendance), ``minutes`` (minutes and decisions),
``ical`` (.ics in and out) and ``papers`` (notice and minutes as documents). This module
is the top of them and also hands on, under their old names, what the screens, the kind's
declaration and the undo table reach through ``schedule``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.config import Settings
from secdesk.i18n import N_, _
from secdesk.labels import label
from secdesk.models import MeetingParticipant, ParticipantRole
from secdesk.office.meetings.checklist import (
    mark_attendance,
    tick,
    unattend,
    unready,
    untick,
)
from secdesk.office.meetings.fields import (
    DEFAULT_CHECKLIST,
    ROLE_SHOWN,
    agenda_timing,
    checklist_template,
    parse_end,
    parse_role,
    timing_note,
)
from secdesk.office.meetings.minutes import (
    MinutesView,
    minutes_view,
    save_minutes,
    supervise_decision,
)
from secdesk.office.meetings.panel import panel as meetings_panel
from secdesk.office.meetings.record import SERVICE
from secdesk.office.meetings.recurrence import meetings_between, occurrences
from secdesk.office.meetings.series import cancel_occurrence, drop_exception, move_occurrence_to
from secdesk.services.inputs import MeetingInput
from secdesk.services.phrases import listing, with_detail
from secdesk.services.views import Conflict, DayEntry, Occurrence, PanelData, Saved, Tone

#: Reached through this module by the screens, ``kinds/meeting.py`` and the undo table
#: (``services.records.UNDO_ACTIONS``); each lives in the module named in its import.
__all__ = [
    "DEFAULT_CHECKLIST",
    "ROLE_SHOWN",
    "SERVICE",
    "MinutesView",
    "Week",
    "agenda_timing",
    "cancel_occurrence",
    "checklist_template",
    "conflict_text",
    "conflicts",
    "drop_exception",
    "duty_entries",
    "mark_attendance",
    "minutes_view",
    "move_occurrence_to",
    "occurrences",
    "panel",
    "save_minutes",
    "schedule",
    "supervise_decision",
    "tick",
    "timing_note",
    "unattend",
    "untick",
    "week",
    "week_of",
]

ENTRY = N_("Meeting")


def schedule(session: Session, data: MeetingInput, settings: Settings | None = None) -> Saved:
    """Save a new meeting; its checklist comes from the type's template (config.toml's
    ``[meeting_checklists]`` first)."""
    return SERVICE.create(session, data, settings=settings)


def week_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Week:
    """A week of meetings: its Monday and each day's occurrences, Monday first."""

    monday: date
    days: tuple[tuple[Occurrence, ...], ...]
    unready: frozenset[int]
    """Meetings whose checklist is not finished."""
    marks: tuple[tuple[str, bool], ...] = (("", False),) * 7
    """What the official calendar makes of each day: (a holiday's name or "make-up working
    day", whether it is a public holiday); ("", False) for an ordinary day."""


def day_mark(day: date) -> tuple[str, bool]:
    """A public holiday's name (元旦) and True, or that it is a make-up working day (调休)
    and False; ("", False) for any other day."""
    from secdesk.calendar.workdays import DayKind, day_info

    info = day_info(day)
    if info.kind == DayKind.holiday:
        return label("holiday", info.holiday_name) or _("Holiday"), True
    if info.kind == DayKind.makeup:
        return _("Make-up working day"), False
    return "", False


def week(session: Session, monday: date) -> Week:
    from secdesk.services import holidays

    holidays.apply(session)  # a year's schedule entered in another window counts too
    start, _end = clock.day_bounds(monday)
    _start, end = clock.day_bounds(monday + timedelta(days=6))
    found = occurrences(session, start, end)
    days: list[list[Occurrence]] = [[] for _ in range(7)]
    for occurrence in found:
        days[(occurrence.starts_at.date() - monday).days].append(occurrence)
    return Week(
        monday,
        tuple(tuple(d) for d in days),
        unready(session, {o.meeting_id for o in found}),
        tuple(day_mark(monday + timedelta(days=i)) for i in range(7)),
    )


# -- conflicts ------------------------------------------------------------------------------


def conflicts(session: Session, data: MeetingInput, record_id: int | None = None) -> list[Conflict]:
    """Other meetings overlapping this one in the same room or with one of its participants
    (the excused do not count). A meeting without an end is taken as one hour long."""
    start = clock.to_local(data.starts_at)
    end = parse_end(data.ends, start) or start + timedelta(hours=1)
    names = {
        row[0].strip()
        for row in data.participants
        if row and row[0].strip() and parse_role(row[1] if len(row) > 1 else "") != "excused"
    }
    for person in (data.chair, data.recorder):
        if person.strip():
            names.add(person.strip())
    found = occurrences(session, start - timedelta(days=1), end)
    others = [
        o
        for o in found
        if o.meeting_id != record_id
        and o.starts_at < end
        and (o.ends_at or o.starts_at + timedelta(hours=1)) > start
    ]
    if not others:
        return []
    people: dict[int, set[str]] = {}
    for p in session.exec(
        select(MeetingParticipant).where(
            col(MeetingParticipant.meeting_id).in_({o.meeting_id for o in others}),
            col(MeetingParticipant.deleted_at).is_(None),
            MeetingParticipant.role != ParticipantRole.excused,
        )
    ).all():
        people.setdefault(p.meeting_id, set()).add(p.name)
    out = []
    room = data.location.strip()
    for other in others:
        if room and other.location.strip() == room:
            out.append(Conflict("room", room, other))
        taken = people.get(other.meeting_id, set()) | {other.chair}
        for name in sorted(names & taken):
            out.append(Conflict("person", name, other))
    return out


def conflict_text(conflict: Conflict) -> str:
    other = conflict.other
    when = f"{other.starts_at:%m-%d %H:%M}"
    if conflict.what == "room":
        return _("{room} is booked for “{meeting}” at {time}").format(
            room=conflict.name, meeting=other.title, time=when
        )
    return _("{name} is in “{meeting}” at {time}").format(
        name=conflict.name, meeting=other.title, time=when
    )


# -- dashboard and duty log -----------------------------------------------------------------


def panel(session: Session, day: date, settings: Settings) -> PanelData:
    """Today's meetings and those of the next ``MEETING_DAYS`` days, in time order; today's
    and tomorrow's with an unfinished checklist are marked."""
    return meetings_panel(
        day,
        lambda start, end: meetings_between(session, start, end),
        lambda ids: unready(session, ids),
    )


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    entries = []
    for meeting in meetings_between(session, start, end):
        details = [meeting.location]
        if meeting.chair:
            details.append(_("chaired by {chair}").format(chair=meeting.chair))
        entries.append(
            DayEntry(
                meeting.starts_at,
                "meeting",
                with_detail(meeting.title, listing(details)),
                ENTRY,
                meeting.meeting_id,
                order=0,
                tone=Tone.strong,
            )
        )
    return entries
