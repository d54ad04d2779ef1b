"""会议: scheduling (recurrence, conflicts, the agenda's expected end), preparing (the
checklist), and after (attendance, minutes, decisions that become supervision items).

The dashboard's week, the duty log's day and the week view all read ``occurrences``: single
meetings from SQL by the time index, recurring ones expanded from their RFC 5545 rule with
python-dateutil, less the occurrences moved or cancelled one by one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.config import Settings
from secdesk.i18n import N_, _, format_moment, format_short_date, format_weekday
from secdesk.models import (
    AgendaItem,
    ChecklistItem,
    Contact,
    Decision,
    Meeting,
    MeetingParticipant,
    ParticipantRole,
)
from secdesk.services import audit
from secdesk.services.phrases import listing, with_detail
from secdesk.services.records import RecordService
from secdesk.services.views import (
    Cell,
    Conflict,
    DayEntry,
    InvalidInput,
    MeetingInput,
    MinutesLines,
    Occurrence,
    PanelData,
    Row,
    Saved,
    Tone,
    Undo,
)

PANEL_LIMIT = 100
#: The dashboard shows today's meetings and those of this many days after.
MEETING_DAYS = 7
ENTRY = N_("Meeting")

#: The office's meeting types when config.toml names none (``meeting_types``).
MEETING_TYPES: tuple[str, ...] = ("办公会", "常务会议", "专题会议", "座谈会", "视频会议", "其他")
#: The preparation checklist of each type when config.toml gives none
#: (``[meeting_checklists]``); a type not named here gets ``DEFAULT_CHECKLIST``.
DEFAULT_CHECKLIST: tuple[str, ...] = (
    "议题征集",
    "通知下发",
    "会场预订",
    "材料印制",
    "签到表",
    "桌签",
)
CHECKLISTS: dict[str, tuple[str, ...]] = {
    "常务会议": ("议题征集", "议题审核", "通知下发", "会场预订", "材料印制", "签到表", "桌签"),
    "视频会议": ("通知下发", "视频线路调试", "会场预订", "签到表"),
    "座谈会": ("通知下发", "会场预订", "座次安排", "签到表", "桌签"),
}

#: What may be typed in a participant's role cell, and the role it means.
ROLE_WORDS: dict[str, str] = {
    "": ParticipantRole.attend,
    "出席": ParticipantRole.attend,
    "参加": ParticipantRole.attend,
    "attend": ParticipantRole.attend,
    "a": ParticipantRole.attend,
    "列席": ParticipantRole.observe,
    "observe": ParticipantRole.observe,
    "o": ParticipantRole.observe,
    "请假": ParticipantRole.excused,
    "excused": ParticipantRole.excused,
    "e": ParticipantRole.excused,
}
ROLE_SHOWN = {
    ParticipantRole.attend: "出席",
    ParticipantRole.observe: "列席",
    ParticipantRole.excused: "请假",
}

BAD_ROLE = N_("A role is 出席 (attend), 列席 (observe) or 请假 (excused)")
BAD_END = N_("Write an end time (16:30) or a length (90m, 2h)")
END_BEFORE_START = N_("The end is before the start")
BAD_MINUTES = N_("Minutes allotted is a whole number")
BAD_RULE = N_("Cannot read this recurrence rule")
NO_TITLE = N_("Name the meeting")

_DURATION = re.compile(
    r"(?P<n>\d+(?:\.\d+)?|半)\s*(?P<unit>m|min|mins|minutes|分钟|分|h|hr|hrs|hours|个?小时|个钟头)",
    re.ASCII,
)


# -- reading what was typed ---------------------------------------------------------------


def parse_role(typed: str) -> str:
    role = ROLE_WORDS.get(unicodedata.normalize("NFKC", typed).strip().lower())
    if role is None:
        raise InvalidInput("participants", BAD_ROLE)
    return str(role)


def parse_end(typed: str, start: datetime) -> datetime | None:
    """The booked end: a time (on the start's day unless a day is given) or a length after
    the start; None when blank."""
    from secdesk.calendar.timeparse import TimeParseError, parse_when

    clean = " ".join(unicodedata.normalize("NFKC", typed).lower().split())
    if not clean:
        return None
    if m := _DURATION.fullmatch(clean):
        amount = 0.5 if m["n"] == "半" else float(m["n"])
        minutes = (
            amount if m["unit"] in ("m", "min", "mins", "minutes", "分钟", "分") else amount * 60
        )
        return start + timedelta(minutes=minutes)
    try:
        end = parse_when(clean, start)
    except TimeParseError as exc:
        raise InvalidInput("ends", BAD_END) from exc
    if end <= start:
        raise InvalidInput("ends", END_BEFORE_START)
    return end


def agenda_minutes(agenda: Sequence[Sequence[str]]) -> list[int]:
    out = []
    for row in agenda:
        typed = unicodedata.normalize("NFKC", row[2] if len(row) > 2 else "").strip()
        typed = typed.removesuffix("分钟").removesuffix("min").removesuffix("m").strip()
        if not typed:
            out.append(0)
            continue
        if not typed.isdigit():
            raise InvalidInput("agenda", BAD_MINUTES)
        out.append(int(typed))
    return out


@dataclass(frozen=True)
class AgendaTiming:
    """What the agenda says about the end: the expected end and whether it runs over."""

    expected_end: datetime | None
    booked_end: datetime | None
    over: bool


def agenda_timing(start: datetime, ends: str, agenda: Sequence[Sequence[str]]) -> AgendaTiming:
    """The end the agenda's minutes give, and whether it runs past the booked end."""
    total = sum(agenda_minutes(agenda))
    expected = start + timedelta(minutes=total) if total else None
    booked = parse_end(ends, start)
    over = expected is not None and booked is not None and expected > booked
    return AgendaTiming(expected, booked, over)


def timing_note(timing: AgendaTiming) -> str:
    """A line under the agenda: "Expected to end 11:30", with a warning when it runs over."""
    if timing.expected_end is None:
        return ""
    note = _("Expected to end {time}").format(time=f"{timing.expected_end:%H:%M}")
    if timing.over and timing.booked_end is not None:
        note += " · " + _("runs past the booked end {time}").format(
            time=f"{timing.booked_end:%H:%M}"
        )
    return note


def check_rule(rule: str) -> str:
    """A recurrence rule, tidied (``RRULE:`` prefix dropped); InvalidInput if unreadable."""
    from dateutil.rrule import rrulestr

    clean = rule.strip().removeprefix("RRULE:").strip()
    if not clean:
        return ""
    try:
        rrulestr(zoned_rule(clean, UTC), dtstart=datetime(2026, 1, 1, tzinfo=UTC))
    except (ValueError, TypeError) as exc:
        raise InvalidInput("rrule", BAD_RULE) from exc
    return clean


def checklist_template(meeting_type: str, settings: Settings | None = None) -> tuple[str, ...]:
    """The preparation steps a new meeting of ``meeting_type`` starts with."""
    configured = getattr(settings, "meeting_checklists", None) or {}
    if meeting_type in configured:
        return tuple(configured[meeting_type])
    return CHECKLISTS.get(meeting_type, DEFAULT_CHECKLIST)


def meeting_types(settings: Settings | None = None) -> tuple[str, ...]:
    return tuple(getattr(settings, "meeting_types", None) or MEETING_TYPES)


# -- occurrences ----------------------------------------------------------------------------


def _occurrence(meeting: Meeting, start: datetime | None = None, rule: bool = False) -> Occurrence:
    begins = clock.to_local(meeting.starts_at)
    ends = clock.to_local(meeting.ends_at) if meeting.ends_at else None
    if start is not None:
        if ends is not None:
            ends = start + (ends - begins)
        begins = start
    return Occurrence(
        meeting.id or 0,
        begins,
        ends,
        meeting.title,
        meeting.location,
        meeting.chair,
        meeting.meeting_type,
        recurring=rule,
        cancelled=meeting.cancelled,
        all_day=meeting.all_day,
    )


@lru_cache(maxsize=32)
def _named_zone(spec: str) -> tzinfo:
    if spec.startswith("BEGIN:VTIMEZONE"):
        import icalendar

        zone: Any = icalendar.Timezone.from_ical(spec)
        found: tzinfo = zone.to_tz()
        return found
    from zoneinfo import ZoneInfo

    return ZoneInfo(spec)


def rule_zone(spec: str) -> tzinfo:
    """The zone a recurrence counts in: ``Meeting.timezone``, else the desk's zone."""
    return _named_zone(spec) if spec else clock.zone()


def zoned_rule(rule: str, zone: tzinfo) -> str:
    """``rule`` with an UNTIL that is a date or a floating time read in ``zone`` and
    written in UTC, as python-dateutil asks of a rule whose start has a zone (RFC 5545
    allows both forms)."""
    parts = []
    for part in rule.split(";"):
        name, _eq, value = part.partition("=")
        if name.upper() == "UNTIL" and not value.upper().endswith("Z"):
            if len(value) == 8:
                wall = datetime.strptime(value, "%Y%m%d").replace(hour=23, minute=59, second=59)
            else:
                wall = datetime.strptime(value[:15], "%Y%m%dT%H%M%S")
            value = wall.replace(tzinfo=zone).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        parts.append(f"{name}={value}" if _eq else part)
    return ";".join(parts)


def first_start(meeting: Meeting) -> datetime:
    """A series' first start in the zone its rule counts in (all-day: local midnight)."""
    if meeting.all_day or not meeting.timezone:
        return clock.to_local(meeting.starts_at)
    return _utc(meeting.starts_at).astimezone(rule_zone(meeting.timezone))


def expand(meeting: Meeting, start: datetime, end: datetime) -> list[datetime]:
    """The local starts of a recurring meeting's occurrences in [start, end)."""
    from dateutil.rrule import rrulestr

    first = first_start(meeting)
    zone = first.tzinfo
    assert zone is not None
    rule: Any = rrulestr(zoned_rule(meeting.rrule, zone), dtstart=first, ignoretz=False)
    lower = clock.to_local(start).astimezone(zone)
    upper = clock.to_local(end).astimezone(zone)
    return [
        clock.to_local(moment) for moment in rule.between(lower, upper, inc=True) if moment < upper
    ]


def occurrences(
    session: Session, start: datetime, end: datetime, include_cancelled: bool = False
) -> list[Occurrence]:
    """The meetings starting in [start, end), in time order: single meetings, moved
    occurrences, and the computed occurrences of recurring meetings."""
    live = col(Meeting.deleted_at).is_(None)
    found = session.exec(
        select(Meeting)
        .where(
            live,
            Meeting.starts_at >= clock.to_utc(start),
            Meeting.starts_at < clock.to_utc(end),
            Meeting.rrule == "",
        )
        .order_by(col(Meeting.starts_at))
    ).all()
    wanted = {m.series_id for m in found if m.series_id is not None}
    masters: set[int | None] = set()
    if wanted:
        masters = set(
            session.exec(select(Meeting.id).where(live, col(Meeting.id).in_(wanted))).all()
        )
    out = [
        _occurrence(m)
        for m in found
        if (include_cancelled or not m.cancelled)
        and (m.series_id is None or (m.series_id in masters and not m.cancelled))
    ]
    series = session.exec(
        select(Meeting).where(live, Meeting.rrule != "", Meeting.starts_at < clock.to_utc(end))
    ).all()
    if series:
        ids = [s.id for s in series]
        replaced = {
            (e.series_id, _utc(e.occurrence_start))
            for e in session.exec(
                select(Meeting).where(live, col(Meeting.series_id).in_(ids))
            ).all()
            if e.occurrence_start is not None
        }
        for master in series:
            for moment in expand(master, start, end):
                if (master.id, clock.to_utc(moment)) not in replaced:
                    out.append(_occurrence(master, moment, rule=True))
    out.sort(key=lambda o: (o.starts_at, o.meeting_id))
    return out


def _utc(moment: datetime) -> datetime:
    """A stored time as an aware UTC time (SQLite may hand it back without its zone)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


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
        from secdesk.services.views import RecordGone

        raise RecordGone("meeting", token.record_id)
    if row.deleted_at is None:
        row.deleted_at = clock.now_utc()
        audit.touch(row)
        session.add(row)
        audit.record(session, "undo", "meeting", row.id, {"occurrence": "restored"})
    return Saved("meeting", row.series_id)


def meetings_between(session: Session, start: datetime, end: datetime) -> list[Occurrence]:
    """Meetings (not cancelled) starting in [start, end), in time order: the one query the
    dashboard, the duty log and the week view share."""
    return occurrences(session, start, end)


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


def week(session: Session, monday: date) -> Week:
    start, _end = clock.day_bounds(monday)
    _start, end = clock.day_bounds(monday + timedelta(days=6))
    found = occurrences(session, start, end)
    days: list[list[Occurrence]] = [[] for _ in range(7)]
    for occurrence in found:
        days[(occurrence.starts_at.date() - monday).days].append(occurrence)
    return Week(
        monday, tuple(tuple(d) for d in days), unready(session, {o.meeting_id for o in found})
    )


def unready(session: Session, meeting_ids: set[int]) -> frozenset[int]:
    """Of these meetings, those with a checklist step not done."""
    if not meeting_ids:
        return frozenset()
    rows = session.exec(
        select(ChecklistItem.meeting_id).where(
            col(ChecklistItem.meeting_id).in_(meeting_ids),
            col(ChecklistItem.done).is_(False),
            col(ChecklistItem.deleted_at).is_(None),
        )
    ).all()
    return frozenset(rows)


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


# -- the record -----------------------------------------------------------------------------


def _children(session: Session, model: Any, meeting_id: int) -> list[Any]:
    return list(
        session.exec(
            select(model)
            .where(model.meeting_id == meeting_id, col(model.deleted_at).is_(None))
            .order_by(col(model.position), col(model.id))
        ).all()
    )


def participants_of(session: Session, meeting_id: int) -> list[MeetingParticipant]:
    return _children(session, MeetingParticipant, meeting_id)


def agenda_of(session: Session, meeting_id: int) -> list[AgendaItem]:
    return _children(session, AgendaItem, meeting_id)


def checklist_of(session: Session, meeting_id: int) -> list[ChecklistItem]:
    return _children(session, ChecklistItem, meeting_id)


def decisions_of(session: Session, meeting_id: int) -> list[Decision]:
    return _children(session, Decision, meeting_id)


class MeetingService(RecordService):
    def validate(self, session: Session, data: MeetingInput) -> MeetingInput:
        data.title = data.title.strip()
        if not data.title:
            raise InvalidInput("title", NO_TITLE)
        start = clock.to_local(data.starts_at)
        parse_end(data.ends, start)
        for row in data.participants:
            parse_role(row[1] if len(row) > 1 else "")
        agenda_minutes(data.agenda)
        data.rrule = check_rule(data.rrule)
        return data

    def stored(self, session: Session, data: MeetingInput, obj: Any = None) -> dict[str, Any]:
        start = clock.to_local(data.starts_at)
        timing = agenda_timing(start, data.ends, data.agenda)
        end = timing.booked_end or timing.expected_end
        return {
            "title": data.title,
            "starts_at": clock.to_utc(start),
            "ends_at": clock.to_utc(end) if end else None,
            "meeting_type": data.meeting_type,
            "location": data.location.strip(),
            "chair": data.chair.strip(),
            "recorder": data.recorder.strip(),
            "participants": "、".join(r[0].strip() for r in data.participants if r[0].strip()),
            "materials": data.materials,
            "notes": data.notes,
            "rrule": data.rrule,
        }

    def _write_children(self, session: Session, obj: Meeting, data: MeetingInput) -> None:
        """Replace the participants and agenda with the form's rows; attendance already
        marked is kept for the same name."""
        assert obj.id is not None
        old_people = participants_of(session, obj.id)
        attended = {p.name: p.attended for p in old_people}
        for child in [*old_people, *agenda_of(session, obj.id)]:
            session.delete(child)
        names = [r[0].strip() for r in data.participants if r and r[0].strip()]
        contacts = {
            c.name: c.id
            for c in session.exec(
                select(Contact).where(
                    col(Contact.name).in_(names), col(Contact.deleted_at).is_(None)
                )
            ).all()
        }
        for position, row in enumerate(r for r in data.participants if r and r[0].strip()):
            name = row[0].strip()
            session.add(
                MeetingParticipant(
                    meeting_id=obj.id,
                    position=position,
                    name=name,
                    contact_id=contacts.get(name),
                    role=parse_role(row[1] if len(row) > 1 else ""),
                    reason=(row[2] if len(row) > 2 else "").strip(),
                    attended=attended.get(name),
                )
            )
        minutes = agenda_minutes(data.agenda)
        for position, row in enumerate(data.agenda):
            if not row or not row[0].strip():
                continue
            session.add(
                AgendaItem(
                    meeting_id=obj.id,
                    position=position,
                    title=row[0].strip(),
                    presenter=(row[1] if len(row) > 1 else "").strip(),
                    minutes=minutes[position],
                )
            )

    def create(self, session: Session, data: MeetingInput, **extra: Any) -> Saved:
        settings = extra.pop("settings", None)
        data = self.validate(session, data)
        obj = Meeting(**self.stored(session, data), **extra)
        session.add(obj)
        session.flush()
        assert obj.id is not None
        self._write_children(session, obj, data)
        for position, label in enumerate(checklist_template(data.meeting_type, settings)):
            session.add(ChecklistItem(meeting_id=obj.id, position=position, label=label))
        audit.record(
            session,
            "create",
            self.kind.entity,
            obj.id,
            {
                **audit.values(obj),
                "rows": {"participants": data.participants, "agenda": data.agenda},
            },
        )
        return self.created(session, obj, data)

    def update(
        self, session: Session, record_id: int, data: MeetingInput, seen_version: int | None = None
    ) -> Saved:
        obj = self.for_update(session, record_id, seen_version)
        data = self.validate(session, data)
        before = self.input_of(session, obj)
        rows: dict[str, list[Any]] = {}
        for name in ("participants", "agenda"):
            old = [list(r) for r in getattr(before, name)]
            new = [list(r) for r in getattr(data, name)]
            if old != new:
                rows[name] = [old, new]
        self._write_children(session, obj, data)
        audit.apply_edit(
            session, obj, self.kind.entity, self.stored(session, data, obj), extra=rows
        )
        return Saved(self.kind_name, record_id, version=obj.version, label=self.label_of(obj))

    def input_of(self, session: Session, obj: Meeting) -> MeetingInput:
        assert obj.id is not None
        start = clock.to_local(obj.starts_at)
        ends = ""
        if obj.ends_at is not None:
            end = clock.to_local(obj.ends_at)
            ends = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
        return MeetingInput(
            title=obj.title,
            starts_at=start,
            ends=ends,
            meeting_type=obj.meeting_type,
            location=obj.location,
            chair=obj.chair,
            recorder=obj.recorder,
            participants=[
                (p.name, ROLE_SHOWN[ParticipantRole(p.role)], p.reason)
                for p in participants_of(session, obj.id)
            ],
            agenda=[
                (a.title, a.presenter, str(a.minutes) if a.minutes else "")
                for a in agenda_of(session, obj.id)
            ],
            materials=obj.materials,
            notes=obj.notes,
            rrule=obj.rrule,
        )

    def row(self, obj: Meeting, today: date) -> Row:
        return Row(
            "meeting",
            obj.id or 0,
            (
                Cell(
                    format_moment(clock.to_local(obj.starts_at), today),
                    Tone.muted if obj.cancelled else Tone.plain,
                ),
                Cell(obj.title),
                Cell(obj.location),
                Cell(obj.chair),
            ),
            self.json_values(obj),
        )

    def detail_extra(self, session: Session, obj: Meeting) -> list[tuple[str, str]]:
        assert obj.id is not None
        lines: list[tuple[str, str]] = []
        if obj.rrule:
            lines.append((N_("Repeats"), obj.rrule))
        for item in agenda_of(session, obj.id):
            shown = " · ".join(p for p in (item.title, item.presenter) if p)
            if item.minutes:
                shown += " " + _("({n} min)").format(n=item.minutes)
            lines.append((N_("Agenda item"), shown))
        for p in participants_of(session, obj.id):
            role = ROLE_SHOWN[ParticipantRole(p.role)]
            shown = f"{p.name} · {role}" + (f" ({p.reason})" if p.reason else "")
            if p.attended is not None:
                shown += " · " + (_("came") if p.attended else _("did not come"))
            lines.append((N_("Participant"), shown))
        for step in checklist_of(session, obj.id):
            lines.append((N_("Checklist"), ("☑ " if step.done else "☐ ") + step.label))
        if obj.overview:
            lines.append((N_("Minutes"), obj.overview))
        for d in decisions_of(session, obj.id):
            shown = d.text
            if d.supervision_id:
                shown += " · " + _("supervised as #{id}").format(id=d.supervision_id)
            lines.append((N_("Decision"), shown))
        return lines


SERVICE = MeetingService("meeting")


def schedule(session: Session, data: MeetingInput, settings: Settings | None = None) -> Saved:
    """Save a new meeting; its checklist comes from the type's template (config.toml's
    ``[meeting_checklists]`` first)."""
    return SERVICE.create(session, data, settings=settings)


# -- preparing ------------------------------------------------------------------------------


def tick(session: Session, item_id: int) -> Undo:
    """Tick (or untick) one checklist step; undone with ``u``."""
    item = session.get(ChecklistItem, item_id)
    if item is None or item.deleted_at is not None:
        from secdesk.services.views import RecordGone

        raise RecordGone("checklist", item_id)
    before = {"done": item.done, "done_at": item.done_at}
    done = not item.done
    audit.apply_edit(
        session,
        item,
        "checklistitem",
        {"done": done, "done_at": clock.now_utc() if done else None},
        action="tick",
    )
    meeting = session.get(Meeting, item.meeting_id)
    if meeting is not None:
        audit.touch(meeting)  # the meeting's version moves: an open minutes form sees it
        session.add(meeting)
    what = (_("ticked {step}") if done else _("unticked {step}")).format(step=item.label)
    return Undo("meeting", item.meeting_id, "untick", what, {"item": item_id, **before})


def untick(session: Session, token: Undo) -> Saved:
    """Undo ``tick``: put the step back as it was."""
    item = session.get(ChecklistItem, token.data["item"])
    assert item is not None
    done_at = token.data.get("done_at")
    audit.apply_edit(
        session,
        item,
        "checklistitem",
        {
            "done": bool(token.data["done"]),
            "done_at": datetime.fromisoformat(done_at) if isinstance(done_at, str) else done_at,
        },
        action="undo",
    )
    return Saved("meeting", item.meeting_id)


def mark_attendance(session: Session, participant_id: int, attended: bool | None) -> Undo:
    """Mark whether one participant came; undone with ``u``."""
    person = session.get(MeetingParticipant, participant_id)
    if person is None:
        from secdesk.services.views import RecordGone

        raise RecordGone("participant", participant_id)
    before = person.attended
    audit.apply_edit(session, person, "meetingparticipant", {"attended": attended}, action="attend")
    return Undo(
        "meeting",
        person.meeting_id,
        "unattend",
        _("marked {name}").format(name=person.name),
        {"participant": participant_id, "attended": before},
    )


def unattend(session: Session, token: Undo) -> Saved:
    person = session.get(MeetingParticipant, token.data["participant"])
    assert person is not None
    audit.apply_edit(
        session, person, "meetingparticipant", {"attended": token.data["attended"]}, action="undo"
    )
    return Saved("meeting", person.meeting_id)


def minutes_lines(session: Session, meeting_id: int) -> MinutesLines:
    """The 出席 / 列席 / 请假 lines: who came, as marked (before marking: as asked)."""
    people = participants_of(session, meeting_id)
    present, observers, excused, absent = [], [], [], []
    for p in people:
        if p.role == ParticipantRole.excused:
            excused.append((p.name, p.reason))
        elif p.attended is False:
            absent.append(p.name)
        elif p.role == ParticipantRole.observe:
            observers.append(p.name)
        else:
            present.append(p.name)
    return MinutesLines(tuple(present), tuple(observers), tuple(excused), tuple(absent))


# -- minutes and decisions ------------------------------------------------------------------


@dataclass(frozen=True)
class MinutesView:
    """A meeting's minutes as the editor and the exports show them."""

    meeting_id: int
    version: int
    title: str
    starts_at: datetime
    location: str
    chair: str
    recorder: str
    overview: str
    decisions: tuple[tuple[int, str, str, date | None, int | None], ...]
    """(id, text, undertaking unit, due, supervision item id)."""
    lines: MinutesLines
    agenda: tuple[tuple[str, str, int], ...]
    participants: tuple[tuple[int, str, str, str, bool | None], ...]
    """(id, name, role, reason, attended)."""
    checklist: tuple[tuple[int, str, bool], ...]
    materials: str = ""
    meeting_type: str = ""
    ends_at: datetime | None = None


def minutes_view(session: Session, meeting_id: int) -> MinutesView:
    meeting = SERVICE.get(session, meeting_id)
    return MinutesView(
        meeting_id,
        meeting.version,
        meeting.title,
        clock.to_local(meeting.starts_at),
        meeting.location,
        meeting.chair,
        meeting.recorder,
        meeting.overview,
        tuple(
            (d.id or 0, d.text, d.undertaking_unit, d.due, d.supervision_id)
            for d in decisions_of(session, meeting_id)
        ),
        minutes_lines(session, meeting_id),
        tuple((a.title, a.presenter, a.minutes) for a in agenda_of(session, meeting_id)),
        tuple(
            (p.id or 0, p.name, p.role, p.reason, p.attended)
            for p in participants_of(session, meeting_id)
        ),
        tuple((c.id or 0, c.label, c.done) for c in checklist_of(session, meeting_id)),
        meeting.materials,
        meeting.meeting_type,
        clock.to_local(meeting.ends_at) if meeting.ends_at else None,
    )


def save_minutes(
    session: Session,
    meeting_id: int,
    overview: str,
    decisions: Sequence[str],
    seen_version: int | None = None,
) -> Saved:
    """Save the minutes' overview and decisions (one per line, in order). A decision whose
    text is unchanged keeps its undertaking unit, due date and supervision item."""
    meeting = SERVICE.for_update(session, meeting_id, seen_version)
    old = decisions_of(session, meeting_id)
    texts = [t.strip() for t in decisions if t.strip()]
    by_text: dict[str, list[Decision]] = {}
    for d in old:
        by_text.setdefault(d.text, []).append(d)
    kept: list[Decision] = []
    for position, text in enumerate(texts):
        same = by_text.get(text)
        if same:
            d = same.pop(0)
            d.position = position
            session.add(d)
        else:
            d = Decision(meeting_id=meeting_id, position=position, text=text)
            session.add(d)
        kept.append(d)
    gone = [d for d in old if d not in kept]
    for d in gone:
        d.deleted_at = clock.now_utc()
        session.add(d)
    extra = {}
    if [d.text for d in old] != texts:
        extra["decisions"] = [[d.text for d in old], texts]
    audit.apply_edit(session, meeting, "meeting", {"overview": overview}, extra=extra)
    return Saved("meeting", meeting_id, version=meeting.version, label=meeting.title)


def supervise_decision(
    session: Session, decision_id: int, unit: str, due_text: str, responsible: str = ""
) -> Saved:
    """Make a supervision item of a decision (undertaking unit, due: a date, ``10wd`` or
    ``15d`` from the meeting's day), linked both ways; a decision already supervised is
    not made twice."""
    from secdesk.calendar.deadlines import DueParseError, parse_due, spec_with_start
    from secdesk.office.supervision import items as supervision
    from secdesk.services.views import SupervisionInput

    decision = session.get(Decision, decision_id)
    if decision is None or decision.deleted_at is not None:
        from secdesk.services.views import RecordGone

        raise RecordGone("decision", decision_id)
    if decision.supervision_id:
        return Saved("supervision", decision.supervision_id, already=True)
    meeting = SERVICE.get(session, decision.meeting_id)
    day = clock.to_local(meeting.starts_at).date()
    try:
        due = parse_due(due_text, day, clock.now_local())
    except DueParseError as exc:
        raise InvalidInput("due", str(exc)) from exc
    if due is None:
        raise InvalidInput("due", N_("Say by when: a date, 10wd or 15d"))
    data = SupervisionInput(
        title=decision.text,
        assigned_on=day,
        due=due.day,
        origin="meeting",
        source=_("Meeting decision: {title} ({day})").format(
            title=meeting.title, day=day.isoformat()
        ),
        source_kind="meeting",
        source_id=meeting.id,
        undertaking_unit=unit.strip(),
        responsible=responsible.strip(),
        due_spec=spec_with_start(due_text, day),
    )
    saved = supervision.SERVICE.create(session, data)
    audit.apply_edit(
        session,
        decision,
        "decision",
        {"supervision_id": saved.id, "undertaking_unit": unit.strip(), "due": due.day},
        action="supervise",
    )
    return saved


# -- dashboard and duty log -----------------------------------------------------------------


def panel(session: Session, day: date, settings: Settings) -> PanelData:
    """Today's meetings and those of the next ``MEETING_DAYS`` days, in time order; today's
    and tomorrow's with an unfinished checklist are marked."""
    start, _end = clock.day_bounds(day)
    _start, end = clock.day_bounds(day + timedelta(days=MEETING_DAYS))
    found = meetings_between(session, start, end)[:PANEL_LIMIT]
    soon = {o.meeting_id for o in found if (o.starts_at.date() - day).days <= 1}
    not_ready = unready(session, soon)
    rows = []
    for meeting in found:
        begins = meeting.starts_at
        when = (
            _("Today")
            if begins.date() == day
            else f"{format_weekday(begins.date())} {format_short_date(begins.date(), day)}"
        )
        title = meeting.title
        flagged = meeting.meeting_id in not_ready and (begins.date() - day).days <= 1
        if flagged:
            title = "! " + title + " · " + _("checklist not done")
        rows.append(
            Row(
                "meeting",
                meeting.meeting_id,
                (
                    Cell(
                        f"{when} {begins:%H:%M}",
                        Tone.strong if begins.date() == day else Tone.plain,
                    ),
                    Cell(title, Tone.flag if flagged else Tone.plain),
                    Cell(meeting.location),
                ),
                {
                    "id": meeting.meeting_id,
                    "title": meeting.title,
                    "starts_at": begins.isoformat(),
                    "location": meeting.location,
                    "checklist_done": not flagged,
                },
            )
        )
    subtitle = _("{n} this week").format(n=len(rows))
    if any(meeting_id in not_ready for meeting_id in soon):
        subtitle += " · " + _("checklist not done")
    return PanelData("meetings", "meeting", tuple(rows), len(rows), subtitle)


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
