"""Calendars in and out: meetings from .ics files (Outlook, Google, phones) and back.

Wing: office/meetings. Must not import screens, widgets, app, cli, care or demo; of this
package only ``recurrence``, ``ical_people`` and ``workday_series``.

Import keeps a recurring event as one meeting with its RFC 5545 recurrence and the zone it
counts in (an IANA name, or the file's own VTIMEZONE block for zones such as Outlook's
"Canberra, Melbourne, Sydney"): every RRULE and RDATE (an RDATE PERIOD of another length
becomes an occurrence of its own length); EXDATEs and cancelled overrides become cancelled
occurrences (an EXDATE day, on a series with times, cancels that day's occurrences),
RECURRENCE-ID overrides moved ones. Of several versions of an event (the same UID, or the
same UID and RECURRENCE-ID) the latest is read: the highest SEQUENCE. ORGANIZER is the
chair and ATTENDEEs the participants (``ical_people``). Floating times are read in the
calendar's X-WR-TIMEZONE, else in the desk's zone; all-day events start at local midnight.
The same UID and RECURRENCE-ID is never imported twice. A file that cannot be read whole
(not UTF-8, cut short, a TZID nobody defines, a rule that cannot be read) is refused with a
sentence naming the problem, and nothing of it is kept: the caller's transaction holds
every row or none.

Export writes them back so that they expand the same: rules, RDATEs, a cancelled
occurrence as EXDATE and as a STATUS:CANCELLED override, a moved one as an override; the
chair and participants; every TZID with its VTIMEZONE (a zone without an IANA name too).
A series "every working day" gets the holidays and 调休 days of the official calendar as
EXDATE and RDATE, and comes back as the same series (``workday_series``).

icalendar is imported here, when a file is read or written, never at start-up.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.i18n import _
from secdesk.models import Meeting
from secdesk.office.meetings import ical_people, workday_series
from secdesk.office.meetings.recurrence import (
    check_rule,
    expand,
    extra_start,
    first_start,
    on_working_days,
    recurrence_text,
    rule_parts,
    rule_zone,
)
from secdesk.services import audit
from secdesk.services.views import InvalidInput


class IcsError(ValueError):
    """The file cannot be imported; the message (in the interface language) says why."""


@dataclass
class IcsReport:
    """What an import added (or would add, in a dry run) and what it found already there."""

    added: list[str] = field(default_factory=list)
    """One line per meeting: its start and title."""
    already: int = 0
    cancelled: int = 0
    """Occurrences cancelled (EXDATE, STATUS:CANCELLED)."""


# -- reading --------------------------------------------------------------------------------


def read_calendar(data: bytes) -> Any:
    """The parsed calendar, or IcsError saying what is wrong with the file."""
    import icalendar

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IcsError(
            _("The file is not UTF-8 text (the first bad byte is at position {pos}).").format(
                pos=exc.start
            )
        ) from exc
    body = text.strip().upper()
    if not body.startswith("BEGIN:VCALENDAR"):
        raise IcsError(_("This is not an iCalendar file: it does not begin with BEGIN:VCALENDAR."))
    if not body.endswith("END:VCALENDAR"):
        raise IcsError(_("The file is cut short: it does not end with END:VCALENDAR."))
    try:
        return icalendar.Calendar.from_ical(text)
    except Exception as exc:  # icalendar raises ValueError, KeyError... on broken content
        raise IcsError(_("The calendar cannot be read: {error}").format(error=exc)) from exc


def _name(event: Any) -> str:
    return str(event.get("SUMMARY") or event.get("UID") or "?")


def _zones(calendar: Any) -> dict[str, str]:
    """TZID -> its VTIMEZONE block, as written in the file."""
    return {
        str(tz.get("TZID")): tz.to_ical().decode("utf-8")
        for tz in calendar.walk("VTIMEZONE")
        if tz.get("TZID")
    }


def _floating_zone(calendar: Any) -> tuple[tzinfo, str]:
    """The zone floating times are read in: X-WR-TIMEZONE, else the desk's; and its name
    for ``Meeting.timezone`` ("" for the desk's)."""
    named = str(calendar.get("X-WR-TIMEZONE") or "").strip()
    if named:
        try:
            return rule_zone(named), named
        except Exception:  # noqa: BLE001 - an unknown name: the desk's zone, as for none
            pass
    return clock.zone(), ""


def _check_tz(event: Any, prop: str, value: Any) -> None:
    """A TZID that neither the file nor the zone database defines: refuse, naming it."""
    params = getattr(value, "params", {})
    tzid = params.get("TZID") if params else None
    moment = getattr(value, "dt", None)
    if tzid and isinstance(moment, datetime) and moment.tzinfo is None:
        raise IcsError(
            _("“{event}”: its {prop} names the time zone “{tzid}”, which the file does not "
              "define and which is not a known zone.").format(event=_name(event), prop=prop, tzid=tzid)
        )  # fmt: skip


def _zone_spec(moment: datetime, tzid: str | None, zones: dict[str, str], floating: str) -> str:
    """How ``Meeting.timezone`` names the zone of a series starting at ``moment``."""
    if moment.tzinfo is None:
        return floating
    key = getattr(moment.tzinfo, "key", None)
    if key:
        return str(key)
    if tzid and tzid in zones:
        return zones[tzid]
    return "UTC" if moment.utcoffset() == timedelta(0) else ""


def _start(value: date | datetime, all_day: bool, floating: tzinfo) -> datetime:
    if all_day:
        return datetime.combine(value, time(0), tzinfo=clock.zone())
    assert isinstance(value, datetime)
    return value.replace(tzinfo=floating) if value.tzinfo is None else value


def _is_day(value: Any) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _rules(event: Any) -> list[str]:
    """Every RRULE of an event (RFC 5545 allows several: their occurrences add up)."""
    found = event.get("RRULE")
    if found is None:
        return []
    rules = []
    for rule in found if isinstance(found, list) else [found]:
        raw = rule.to_ical().decode("utf-8")
        # Some exporters escape the separators (FREQ=DAILY\;COUNT=10) or space the lists.
        clean = raw.replace("\\;", ";").replace("\\,", ",").replace(" ", "")
        try:
            rules.append(check_rule(clean))
        except InvalidInput as exc:
            raise IcsError(
                _("“{event}”: its repeat rule cannot be read: {rule}").format(
                    event=_name(event), rule=raw
                )
            ) from exc
    return rules


def _day_until(rule: str) -> str:
    """An all-day series' UNTIL as a day: its date as written (Exchange writes the UTC
    moment the local day starts, ``20200916T230000Z`` for 17 September in London; the
    days counted are those up to the 16th, as other calendar programs count them)."""
    parts = []
    for part in rule.split(";"):
        name, _eq, value = part.partition("=")
        parts.append(f"UNTIL={value[:8]}" if name.upper() == "UNTIL" else part)
    return ";".join(parts)


def _dates(event: Any, prop: str) -> list[Any]:
    found = event.get(prop)
    if found is None:
        return []
    out: list[Any] = []
    for entry in found if isinstance(found, list) else [found]:
        _check_tz(event, prop, entry)
        if hasattr(entry, "dts"):
            out.extend(d.dt for d in entry.dts)
        else:
            out.append(getattr(entry, "dt", entry))
    return out


def _occurrence_key(value: Any, series_all_day: bool, floating: tzinfo) -> datetime:
    """A RECURRENCE-ID or EXDATE as the UTC start of the occurrence it names."""
    if series_all_day:
        day = value if _is_day(value) else value.date()
        return clock.to_utc(datetime.combine(day, time(0), tzinfo=clock.zone()))
    if _is_day(value):
        return clock.to_utc(datetime.combine(value, time(0), tzinfo=floating))
    return clock.to_utc(value.replace(tzinfo=floating) if value.tzinfo is None else value)


def _sequence(event: Any) -> int:
    try:
        return int(str(event.get("SEQUENCE") or 0))
    except ValueError:
        return 0


def _latest(events: list[Any], key: Any) -> list[Any]:
    """One event per ``key(event)``: the latest version (the highest SEQUENCE; the first
    of equals), as RFC 5545 reads a file holding an event and its later versions."""
    chosen: dict[Any, Any] = {}
    for event in events:
        found = chosen.get(key(event))
        if found is None or _sequence(event) > _sequence(found):
            chosen[key(event)] = event
    return list(chosen.values())


def _excluded(event: Any, meeting: Meeting, floating: tzinfo) -> list[datetime]:
    """The UTC starts an event's EXDATEs take out: a date-time its occurrence; a day, on a
    series with times, every occurrence of that day in the series' zone (as Google and
    Thunderbird read it)."""
    out: list[datetime] = []
    for value in _dates(event, "EXDATE"):
        if meeting.all_day or not _is_day(value):
            out.append(_occurrence_key(value, meeting.all_day, floating))
            continue
        zone = first_start(meeting).tzinfo
        day = datetime.combine(value, time(0), tzinfo=zone)
        out.extend(clock.to_utc(m) for m in expand(meeting, day, day + timedelta(days=1)))
    return out


def import_ics(session: Session, data: bytes, dry_run: bool = False) -> IcsReport:
    """Add the file's events as meetings (nothing in a dry run); see the module's note."""
    calendar = read_calendar(data)
    zones = _zones(calendar)
    floating, floating_name = _floating_zone(calendar)
    events = list(calendar.walk("VEVENT"))
    report = IcsReport()
    masters: list[Any] = []
    overrides: list[Any] = []
    for event in events:
        if event.get("DTSTART") is None:
            raise IcsError(_("“{event}” has no start (DTSTART).").format(event=_name(event)))
        for prop in ("DTSTART", "DTEND", "RECURRENCE-ID"):
            if event.get(prop) is not None:
                _check_tz(event, prop, event.get(prop))
        (overrides if event.get("RECURRENCE-ID") is not None else masters).append(event)
    masters = _latest(masters, _uid)
    overrides = _latest(overrides, lambda e: (_uid(e), str(e["RECURRENCE-ID"].dt)))

    uids = {_uid(e) for e in events}
    existing: dict[tuple[str, datetime | None], Meeting] = {}
    for meeting in session.exec(
        select(Meeting).where(col(Meeting.uid).in_(uids), col(Meeting.deleted_at).is_(None))
    ).all():
        rid = clock.as_utc(meeting.occurrence_start) if meeting.occurrence_start else None
        existing[(meeting.uid, rid)] = meeting

    series: dict[str, Meeting] = {}
    for event in masters:
        uid = _uid(event)
        found = existing.get((uid, None))
        if found is not None:
            report.already += 1
            series[uid] = found
            continue
        meeting, periods = _meeting(event, floating, floating_name, zones)
        series[uid] = meeting
        report.added.append(_line(meeting))
        if not dry_run:
            _save(session, meeting, event)
        extra = [(key, False, end) for key, end in periods]
        # A cancelled occurrence written also as an override (STATUS:CANCELLED, as secdesk
        # writes it) is that override's: it says more (its end, who was asked).
        redone = {
            _occurrence_key(o["RECURRENCE-ID"].dt, meeting.all_day, floating)
            for o in overrides
            if _uid(o) == uid
        }
        zone = first_start(meeting).tzinfo
        cancelled = [
            (key, True, None)
            for key in _excluded(event, meeting, floating)
            if (key not in redone or (uid, key) in existing)
            and not workday_series.is_counted_off(meeting.rrule, key.astimezone(zone))
        ]
        for key, is_cancelled, end in cancelled + extra:
            if (uid, key) in existing:
                continue
            report.cancelled += is_cancelled
            if not dry_run:
                _add_exception(session, meeting, key, is_cancelled, end)
            existing[(uid, key)] = meeting

    for event in overrides:
        uid = _uid(event)
        master = series.get(uid)
        rid_value = event["RECURRENCE-ID"].dt
        all_day = master.all_day if master is not None else _is_day(rid_value)
        key = _occurrence_key(rid_value, all_day, floating)
        if (uid, key) in existing:
            report.already += 1
            continue
        meeting, _periods = _meeting(event, floating, floating_name, zones)
        meeting.rrule = meeting.timezone = ""
        meeting.occurrence_start = key
        if meeting.cancelled:
            report.cancelled += 1
        else:
            report.added.append(_line(meeting))
        existing[(uid, key)] = meeting
        if not dry_run:
            if master is not None:
                session.flush()
                meeting.series_id = master.id
            _save(session, meeting, event)
    return report


def _save(session: Session, meeting: Meeting, event: Any) -> None:
    """A meeting read from ``event`` added, with its participants and an audit Event."""
    session.add(meeting)
    session.flush()
    ical_people.save_participants(session, meeting, ical_people.people_of(event)[1])
    audit.record(session, "import", "meeting", meeting.id, audit.values(meeting))


def _uid(event: Any) -> str:
    uid = str(event.get("UID") or "").strip()
    if uid:
        return uid
    # No UID (an Exchange invitation): one made from what the event says, so that the
    # same file imported again is still recognised.
    digest = hashlib.sha256(event.to_ical()).hexdigest()[:24]
    return f"secdesk-{digest}"


def _line(meeting: Meeting) -> str:
    return f"{clock.to_local(meeting.starts_at):%Y-%m-%d %H:%M} {meeting.title}"


def _extra_dates(
    event: Any, all_day: bool, floating: tzinfo, length: timedelta | None
) -> tuple[list[str], list[tuple[datetime, datetime]]]:
    """An event's RDATEs as ``Meeting.rrule`` stores them, and (UTC start, end) of those
    given as a PERIOD whose length is not the event's."""
    values: list[str] = []
    periods: list[tuple[datetime, datetime]] = []
    for value in _dates(event, "RDATE"):
        end: Any = None
        if isinstance(value, tuple):  # a PERIOD: (start, end) or (start, duration)
            value, end = value
        key = _occurrence_key(value, all_day, floating)
        values.append(
            clock.to_local(key).strftime("%Y%m%d") if all_day else f"{key:%Y%m%dT%H%M%SZ}"
        )
        if end is not None:
            stop = (
                key + end if isinstance(end, timedelta) else _occurrence_key(end, False, floating)
            )
            if stop - key != length:
                periods.append((key, stop))
    return values, periods


def _meeting(
    event: Any, floating: tzinfo, floating_name: str, zones: dict[str, str]
) -> tuple[Meeting, list[tuple[datetime, datetime]]]:
    """The meeting an event is, and its occurrences of their own length (RDATE periods)."""
    begin = event["DTSTART"].dt
    all_day = _is_day(begin)
    start = _start(begin, all_day, floating)
    end: datetime | None = None
    if event.get("DTEND") is not None:
        end = _start(event["DTEND"].dt, all_day, floating)
    elif event.get("DURATION") is not None:
        end = start + event["DURATION"].dt
    elif all_day:
        end = start + timedelta(days=1)
    rules = _rules(event)
    if all_day:
        rules = [_day_until(rule) for rule in rules]
    length = end - start if end is not None else None
    dates, periods = _extra_dates(event, all_day, floating, length)
    rule = recurrence_text(rules, dates) if rules or dates else ""
    tzid = event["DTSTART"].params.get("TZID") if hasattr(event["DTSTART"], "params") else None
    zone = "" if all_day else _zone_spec(begin, tzid, zones, floating_name)
    if rule and not all_day and zone == "" and begin.tzinfo is not None:
        raise IcsError(
            _("“{event}”: its time zone cannot be kept for its repeats.").format(event=_name(event))
        )
    status = str(event.get("STATUS") or "").upper()
    chair, people = ical_people.people_of(event)
    meeting = Meeting(
        title=str(event.get("SUMMARY") or "").strip() or _("(no title)"),
        starts_at=clock.to_utc(start),
        ends_at=clock.to_utc(end) if end is not None and end > start else None,
        location=str(event.get("LOCATION") or "").strip(),
        notes=str(event.get("DESCRIPTION") or "").strip(),
        chair=chair,
        participants="、".join(name for name, *_rest in people),
        cancelled=status == "CANCELLED",
        rrule=rule,
        uid=_uid(event),
        timezone=zone if rule else "",
        all_day=all_day,
    )
    if rule:
        kept = str(event.get(workday_series.RULE_PROPERTY) or "").strip()
        found = workday_series.read_back(rules, dates, kept, first_start(meeting), all_day)
        meeting.rrule = recurrence_text(*found)
    return meeting, periods


def _add_exception(
    session: Session, master: Meeting, key: datetime, cancelled: bool, end: datetime | None
) -> None:
    """One occurrence of its own: cancelled (EXDATE), or of its own length (an RDATE
    PERIOD)."""
    row = Meeting(
        title=master.title,
        starts_at=key,
        ends_at=end,
        location=master.location,
        chair=master.chair,
        series_id=master.id,
        occurrence_start=key,
        uid=master.uid,
        cancelled=cancelled,
        all_day=master.all_day,
    )
    session.add(row)
    session.flush()
    audit.record(session, "import", "meeting", row.id, audit.values(row))


# -- writing --------------------------------------------------------------------------------


def export_ics(
    session: Session, start: datetime | None = None, end: datetime | None = None
) -> bytes:
    """The meetings of [start, end) as an iCalendar file: single meetings starting in the
    period, and every recurring meeting that may have occurrences in it (with its rules
    and extra dates, its cancelled occurrences as EXDATE and a STATUS:CANCELLED override,
    its moved ones as RECURRENCE-ID overrides); chairs as ORGANIZER, participants as
    ATTENDEE; a VTIMEZONE for every TZID."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("PRODID", "-//secdesk//meetings//ZH")
    calendar.add("VERSION", "2.0")
    live = col(Meeting.deleted_at).is_(None)
    query = select(Meeting).where(live, Meeting.rrule == "", col(Meeting.series_id).is_(None))
    if start is not None:
        query = query.where(Meeting.starts_at >= clock.to_utc(start))
    if end is not None:
        query = query.where(Meeting.starts_at < clock.to_utc(end))
    singles = list(session.exec(query.order_by(col(Meeting.starts_at))).all())
    series_query = select(Meeting).where(live, Meeting.rrule != "")
    if end is not None:
        series_query = series_query.where(Meeting.starts_at < clock.to_utc(end))
    series = list(session.exec(series_query.order_by(col(Meeting.starts_at))).all())
    exceptions: dict[int, list[Meeting]] = {}
    if series:
        for row in session.exec(
            select(Meeting).where(live, col(Meeting.series_id).in_([s.id for s in series]))
        ).all():
            exceptions.setdefault(row.series_id or 0, []).append(row)
    vtimezones: dict[str, str] = {}
    for meeting in singles:
        calendar.add_component(_event(session, meeting))
    for master in series:
        event = _event(session, master, vtimezones)
        rules, dates = rule_parts(master.rrule)
        first = first_start(master)
        extra = [_as_series_time(master, extra_start(value, first)) for value in dates]
        if len(rules) == 1 and not dates and on_working_days(rules[0]):
            told = workday_series.for_other_calendars(rules[0], first, master.all_day)
            if told.rule != rules[0]:
                event.add(workday_series.RULE_PROPERTY, rules[0])
            rules = [told.rule]
            extra = [_as_series_time(master, m) for m in told.worked]
            for moment in told.skipped:
                event.add("EXDATE", _as_series_time(master, moment))
        for rule in rules:
            event.add("RRULE", icalendar.vRecur.from_ical(rule))
        if extra:
            event.add("RDATE", extra)
        for row in exceptions.get(master.id or 0, []):
            assert row.occurrence_start is not None
            when = _as_series_time(master, row.occurrence_start)
            if row.cancelled:
                # Every program hides it; the override says it was cancelled, and what.
                event.add("EXDATE", when)
            override = _event(session, row, vtimezones, uid=_export_uid(master))
            override.add("RECURRENCE-ID", when)
            calendar.add_component(override)
        calendar.add_component(event)
    for block in vtimezones.values():
        calendar.add_component(icalendar.Timezone.from_ical(block))
    calendar.add_missing_timezones()  # VTIMEZONE blocks for the IANA zones used
    return bytes(calendar.to_ical())


def _fixed_zone(start: datetime, vtimezones: dict[str, str]) -> None:
    """A VTIMEZONE for a zone without an IANA name (the system's, as a fixed offset, when
    no zone is set): every TZID written is defined in the file."""
    import icalendar
    from icalendar.timezone import tzid_from_dt

    if getattr(start.tzinfo, "key", None) or not start.utcoffset() or start.tzinfo is None:
        return
    name = tzid_from_dt(start)
    if name and name not in vtimezones:
        block = icalendar.Timezone.from_tzinfo(start.tzinfo, tzid=name)
        vtimezones[name] = block.to_ical().decode("utf-8")


def _as_series_time(master: Meeting, moment: datetime) -> date | datetime:
    if master.all_day:
        return clock.to_local(moment).date()
    return clock.as_utc(moment).astimezone(first_start(master).tzinfo)


def _export_uid(meeting: Meeting) -> str:
    """The UID a meeting is written with: the one it came with, else one of its own."""
    return meeting.uid or f"secdesk-meeting-{meeting.id}@secdesk"


def _event(
    session: Session, meeting: Meeting, vtimezones: dict[str, str] | None = None, uid: str = ""
) -> Any:
    import icalendar

    event = icalendar.Event()
    event.add("UID", uid or _export_uid(meeting))
    event.add("DTSTAMP", datetime.now(UTC))
    event.add("SUMMARY", meeting.title)
    if meeting.all_day:
        event.add("DTSTART", clock.to_local(meeting.starts_at).date())
        if meeting.ends_at:
            event.add("DTEND", clock.to_local(meeting.ends_at).date())
    else:
        start = clock.as_utc(meeting.starts_at)
        if meeting.rrule and meeting.timezone:
            start = first_start(meeting)
            if meeting.timezone.startswith("BEGIN:VTIMEZONE") and vtimezones is not None:
                tz = icalendar.Timezone.from_ical(meeting.timezone)
                vtimezones[str(tz["TZID"])] = meeting.timezone
        elif meeting.rrule:
            start = clock.to_local(meeting.starts_at)
        if vtimezones is not None and not meeting.timezone.startswith("BEGIN:VTIMEZONE"):
            _fixed_zone(start, vtimezones)
        event.add("DTSTART", start)
        if meeting.ends_at:
            event.add("DTEND", clock.as_utc(meeting.ends_at).astimezone(start.tzinfo))
    if meeting.location:
        event.add("LOCATION", meeting.location)
    if meeting.notes:
        event.add("DESCRIPTION", meeting.notes)
    if meeting.cancelled:
        event.add("STATUS", "CANCELLED")
    ical_people.add_people(session, event, meeting)
    return event
