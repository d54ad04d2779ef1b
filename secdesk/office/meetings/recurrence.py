"""Recurring meetings: the RFC 5545 rule and the zone it counts in, and the occurrences of
a stretch of time.

Wing: office/meetings. Must not import screens, widgets, app, cli, care or demo; of this
package it imports nothing.

The dashboard's week, the duty log's day and the week view all read ``occurrences``: single
meetings from SQL by the time index, recurring ones expanded from their rule with
python-dateutil, less the occurrences moved or cancelled one by one (``series``). A
recurrence read from a calendar file may have several rules and extra dates (RDATE): it is
stored as lines (``rule_parts``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from secdesk.calendar import clock
from secdesk.i18n import N_
from secdesk.services.views import InvalidInput, Occurrence

if TYPE_CHECKING:
    from sqlmodel import Session

    from secdesk.models import Meeting

BAD_RULE = N_("Cannot read this recurrence rule")
WORKING_DAYS = "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"
"""The rule of "every working day": counted on the official calendar (no 元旦, the 调休
Saturdays worked), which no RFC 5545 rule can say; other programs read it as Monday to
Friday."""


def _parts(rule: str) -> dict[str, str]:
    return {
        name.upper(): value.upper()
        for name, _eq, value in (p.partition("=") for p in rule.split(";") if p)
    }


def on_working_days(rule: str) -> bool:
    """Whether ``rule`` means every working day (daily, Monday to Friday)."""
    parts = _parts(rule)
    byday = set(parts.get("BYDAY", "").split(","))
    return parts.get("FREQ") == "DAILY" and byday == {"MO", "TU", "WE", "TH", "FR"}


def working_day_starts(rule: str, first: datetime, lower: datetime, upper: datetime) -> list:
    """The starts of an every-working-day rule in [lower, upper): each day of the rule's
    span that the official calendar makes a working day (its COUNT counts those)."""
    from dateutil.rrule import rrulestr

    from secdesk.calendar.workdays import is_workday

    kept = [p for p in rule.split(";") if p.partition("=")[0].upper() not in ("BYDAY", "COUNT")]
    count = _parts(rule).get("COUNT")
    zone = first.tzinfo
    assert zone is not None
    daily: Any = rrulestr(zoned_rule(";".join(kept), zone), dtstart=first, ignoretz=False)
    out, seen = [], 0
    for moment in daily.between(first, upper, inc=True):
        if moment >= upper or not is_workday(moment.date()):
            continue
        seen += 1
        if count is not None and seen > int(count):
            break
        if moment >= lower:
            out.append(moment)
    return out


def rule_parts(stored: str) -> tuple[list[str], list[str]]:
    """(RRULEs, RDATE values) of a meeting's stored recurrence: one rule as typed
    (``FREQ=WEEKLY;BYDAY=MO``, an ``RRULE:`` prefix allowed), or a set read from a calendar
    file, one ``RRULE:`` or ``RDATE:`` line each (several rules, extra dates: a date-time in
    UTC ``20260105T010000Z``, or a day ``20260105`` for an all-day series)."""
    text = stored.strip()
    if not text:
        return [], []
    if "\n" not in text and not text.upper().startswith("RDATE:"):
        return [text.removeprefix("RRULE:").strip()], []
    rules: list[str] = []
    dates: list[str] = []
    for line in text.splitlines():
        name, _colon, value = line.strip().partition(":")
        if name.upper() == "RRULE" and value.strip():
            rules.append(value.strip())
        elif name.upper() == "RDATE":
            dates.extend(v.strip() for v in value.split(",") if v.strip())
    return rules, dates


def recurrence_text(rules: list[str], dates: list[str]) -> str:
    """How ``Meeting.rrule`` stores a recurrence: a lone rule as itself, else lines."""
    if len(rules) == 1 and not dates:
        return rules[0]
    lines = [f"RRULE:{rule}" for rule in rules]
    if dates:
        lines.append("RDATE:" + ",".join(sorted(set(dates))))
    return "\n".join(lines)


_RDATE = re.compile(r"^\d{8}(T\d{6}Z)?$")


def check_rule(rule: str) -> str:
    """A recurrence, tidied (``RRULE:`` prefix dropped); InvalidInput if unreadable."""
    from dateutil.rrule import rrulestr

    rules, dates = rule_parts(rule)
    try:
        for one in rules:
            rrulestr(zoned_rule(one, UTC), dtstart=datetime(2026, 1, 1, tzinfo=UTC))
    except (ValueError, TypeError) as exc:
        raise InvalidInput("rrule", BAD_RULE) from exc
    if not all(_RDATE.match(day) for day in dates):
        raise InvalidInput("rrule", BAD_RULE)
    return recurrence_text(rules, dates)


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
    return clock.as_utc(meeting.starts_at).astimezone(rule_zone(meeting.timezone))


def extra_start(value: str, first: datetime) -> datetime:
    """An RDATE value of a series whose first start is ``first``, in ``first``'s zone (a
    day: its midnight there)."""
    zone = first.tzinfo
    if len(value) == 8:
        return datetime.strptime(value, "%Y%m%d").replace(tzinfo=zone)
    return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC).astimezone(zone)


def expand(meeting: Meeting, start: datetime, end: datetime) -> list[datetime]:
    """The local starts of a recurring meeting's occurrences in [start, end): its rules'
    and its extra dates' (RDATE); a set of several also counts its first start, as RFC
    5545 does."""
    from dateutil.rrule import rruleset, rrulestr

    first = first_start(meeting)
    zone = first.tzinfo
    assert zone is not None
    rules, dates = rule_parts(meeting.rrule)
    moments: Any = rruleset()
    for one in rules:
        moments.rrule(rrulestr(zoned_rule(one, zone), dtstart=first, ignoretz=False))
    for value in dates:
        moments.rdate(extra_start(value, first))
    if dates or len(rules) > 1:
        moments.rdate(first)
    lower = clock.to_local(start).astimezone(zone)
    upper = clock.to_local(end).astimezone(zone)
    if on_working_days(meeting.rrule):
        return [clock.to_local(m) for m in working_day_starts(meeting.rrule, first, lower, upper)]
    return [
        clock.to_local(moment)
        for moment in moments.between(lower, upper, inc=True)
        if moment < upper
    ]


def occurrences(
    session: Session, start: datetime, end: datetime, include_cancelled: bool = False
) -> list[Occurrence]:
    """The meetings starting in [start, end), in time order: single meetings, moved
    occurrences, and the computed occurrences of recurring meetings."""
    # Imported here: the lean read (``office.lean.meetings``) shares ``combine`` without
    # the ORM.
    from sqlmodel import col, select

    from secdesk.models import Meeting

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
    series = session.exec(
        select(Meeting).where(live, Meeting.rrule != "", Meeting.starts_at < clock.to_utc(end))
    ).all()
    exceptions: list[Any] = []
    if series:
        ids = [s.id for s in series]
        exceptions = list(
            session.exec(select(Meeting).where(live, col(Meeting.series_id).in_(ids))).all()
        )
    return combine(found, masters, series, exceptions, start, end, include_cancelled)


def combine(
    found: Any,
    masters: set[int | None],
    series: Any,
    exceptions: Any,
    start: datetime,
    end: datetime,
    include_cancelled: bool = False,
) -> list[Occurrence]:
    """The occurrences of [start, end) from what ``occurrences`` reads: the single
    meetings starting then (by start), the live series masters among theirs, the series
    starting before ``end`` and the live meetings that replace one of their occurrences."""
    out = [
        _occurrence(m)
        for m in found
        if (include_cancelled or not m.cancelled)
        and (m.series_id is None or (m.series_id in masters and not m.cancelled))
    ]
    if series:
        replaced = {
            (e.series_id, clock.as_utc(e.occurrence_start))
            for e in exceptions
            if e.occurrence_start is not None
        }
        for master in series:
            for moment in expand(master, start, end):
                if (master.id, clock.to_utc(moment)) not in replaced:
                    out.append(_occurrence(master, moment, rule=True))
    out.sort(key=lambda o: (o.starts_at, o.meeting_id))
    return out


def meetings_between(session: Session, start: datetime, end: datetime) -> list[Occurrence]:
    """Meetings (not cancelled) starting in [start, end), in time order: the one query the
    dashboard, the duty log and the week view share."""
    return occurrences(session, start, end)
