"""Calendars that come back whole: recurrences read per RFC 5545 (several rules, RDATE
periods, EXDATE days and times, later versions of an event) expand as an independent
implementation expands them, before and after a round trip; chair and participants go out
as ORGANIZER/ATTENDEE and come back (also from Outlook's); cancelled meetings and
occurrences are STATUS:CANCELLED; every TZID has its VTIMEZONE; and export → import →
export gives the same meetings, with and without a time zone setting."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from sqlmodel import col, select

from secdesk.calendar import clock
from secdesk.models import Meeting, MeetingParticipant
from secdesk.office.meetings import ical as meeting_ics
from secdesk.office.meetings import record, recurrence, series
from secdesk.services.inputs import MeetingInput
from secdesk.services.store import Store
from tests.unit.test_meeting_ics import ics, independent, shown, window

UTC = ZoneInfo("UTC")

SEVERAL_RULES = (
    "BEGIN:VEVENT",
    "UID:several@x",
    "DTSTART;TZID=Asia/Shanghai:20260105T090000",
    "DTEND;TZID=Asia/Shanghai:20260105T100000",
    "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6",
    "RRULE:FREQ=MONTHLY;BYMONTHDAY=15;COUNT=4",
    "SUMMARY:周例会（①号会议室）",
    "END:VEVENT",
)
RDATE_PERIODS = (
    "BEGIN:VEVENT",
    "UID:periods@x",
    "DTSTART:20260105T010000Z",
    "DTEND:20260105T020000Z",
    "RRULE:FREQ=WEEKLY;COUNT=3",
    "RDATE;VALUE=PERIOD:20260110T060000Z/20260110T090000Z,20260111T060000Z/PT30M",
    "RDATE:20260113T070000Z",
    "SUMMARY:《条例》学习：第②期",
    "END:VEVENT",
)
MIXED_EXDATES = (
    "BEGIN:VEVENT",
    "UID:exdates@x",
    "DTSTART;TZID=Europe/Berlin:20260105T090000",
    "DTEND;TZID=Europe/Berlin:20260105T093000",
    "RRULE:FREQ=DAILY;COUNT=10",
    "EXDATE;VALUE=DATE:20260107",
    "EXDATE;TZID=Europe/Berlin:20260109T090000,20260111T090000",
    "SUMMARY:Daily stand-up 晨会",
    "END:VEVENT",
)
LATER_VERSION = (
    "BEGIN:VEVENT",
    "UID:versions@x",
    "SEQUENCE:0",
    "DTSTART:20260105T010000Z",
    "DTEND:20260105T020000Z",
    "RRULE:FREQ=WEEKLY;COUNT=4",
    "RDATE:20260107T010000Z",
    "EXDATE:20260112T010000Z",
    "SUMMARY:旧版",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:versions@x",
    "SEQUENCE:2",
    "DTSTART:20260105T010000Z",
    "DTEND:20260105T020000Z",
    "RRULE:FREQ=WEEKLY;COUNT=4",
    "RDATE:20260108T010000Z",
    "EXDATE:20260119T010000Z",
    "SUMMARY:新版《修订》",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:versions@x",
    "SEQUENCE:1",
    "RECURRENCE-ID:20260126T010000Z",
    "DTSTART:20260127T030000Z",
    "DTEND:20260127T040000Z",
    "SUMMARY:改期",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:versions@x",
    "SEQUENCE:3",
    "RECURRENCE-ID:20260126T010000Z",
    "DTSTART:20260128T030000Z",
    "DTEND:20260128T040000Z",
    "SUMMARY:再改期",
    "END:VEVENT",
)


def reference_spans(data: bytes) -> list[tuple[str, str, str]]:
    """(start, end, title) of every occurrence in ``window()`` by recurring-ical-events
    (cancelled ones left out), UTC."""
    import recurring_ical_events

    out = []
    for event in recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(*window()):
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        out.append(
            (
                start.astimezone(UTC).isoformat(),
                end.astimezone(UTC).isoformat(),
                str(event["SUMMARY"]),
            )
        )
    return sorted(out)


def spans(session) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return sorted(
        (
            o.starts_at.astimezone(UTC).isoformat(),
            o.ends_at.astimezone(UTC).isoformat() if o.ends_at else "",
            o.title,
        )
        for o in recurrence.occurrences(session, *window())
    )


@pytest.mark.parametrize(
    "event",
    [SEVERAL_RULES, RDATE_PERIODS, MIXED_EXDATES, LATER_VERSION],
    ids=["several-rrules", "rdate-periods", "mixed-exdates", "later-version"],
)
def test_recurrences_expand_as_rfc_5545_says_before_and_after_a_round_trip(
    store,  # noqa: ANN001
    event: tuple[str, ...],
) -> None:
    data = ics(*event)
    expected = reference_spans(data)
    assert len(expected) >= 4
    store.write(meeting_ics.import_ics, data)
    exported = store.run(meeting_ics.export_ics)
    assert store.run(spans) == reference_spans(exported) == expected
    assert spans_elsewhere(store.db.path.parent, exported) == expected


def spans_elsewhere(folder: Path, data: bytes) -> list[tuple[str, str, str]]:
    """The occurrences of ``data`` imported into an empty database (twice: the second
    time adds nothing)."""
    other = Store(folder / "other.db", folder / "b2")
    try:
        other.write(meeting_ics.import_ics, data)
        assert other.write(meeting_ics.import_ics, data).added == []
        return other.run(spans)
    finally:
        other.close()


OUTLOOK_INVITATION = (
    "BEGIN:VEVENT",
    "UID:040000008200E00074C5B7101A82E008@outlook",
    "DTSTART:20261204T010000Z",
    "DTEND:20261204T020000Z",
    "SUMMARY:关于“十五五”规划的专题会（第①次）",
    'ORGANIZER;CN="张局长（主持）":mailto:zhang@example.gov.cn',
    "ATTENDEE;CN=李四;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:li@example.gov.cn",
    'ATTENDEE;CN="王①";ROLE=OPT-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:wang@example.gov.cn',
    "ATTENDEE;CN=赵六;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED:mailto:zhao@example.gov.cn",
    'ATTENDEE;CN="张局长（主持）";ROLE=CHAIR:mailto:zhang@example.gov.cn',
    "ATTENDEE;CUTYPE=ROOM;CN=三楼会议室:mailto:room3@example.gov.cn",
    "ATTENDEE;RSVP=TRUE:mailto:nobody@example.com",
    "END:VEVENT",
)


def test_outlooks_organizer_and_attendees_are_chair_and_participants(session) -> None:  # noqa: ANN001
    meeting_ics.import_ics(session, ics(*OUTLOOK_INVITATION))
    session.flush()
    (meeting,) = session.exec(select(Meeting)).all()
    assert meeting.chair == "张局长（主持）"
    assert meeting.participants == "李四、王①、赵六、nobody@example.com"
    people = session.exec(
        select(MeetingParticipant.name, MeetingParticipant.role).order_by(
            col(MeetingParticipant.position)
        )
    ).all()
    assert people == [
        ("李四", "attend"),
        ("王①", "observe"),
        ("赵六", "excused"),
        ("nobody@example.com", "attend"),
    ]


def _office(session) -> None:  # noqa: ANN001
    """A recurring meeting with a moved and a cancelled occurrence, a chair and
    participants; a cancelled single meeting; an all-day recurring day."""
    zone = clock.zone()
    weekly = record.SERVICE.create(
        session,
        MeetingInput(
            title="局务会（第①次）：《规划》",
            starts_at=datetime(2026, 11, 2, 9, tzinfo=zone),
            ends="10:30",
            location="三楼会议室（东）",
            chair="欧阳局长",
            participants=[("李四", "出席"), ("王①", "列席"), ("Ｊｏｈｎ", "请假")],
            notes="带上①②号材料；English notes too.",
            rrule="FREQ=WEEKLY;BYDAY=MO;COUNT=8",
        ),
    )
    series.move_occurrence(
        session,
        weekly.id,
        datetime(2026, 11, 9, 9, tzinfo=zone),
        datetime(2026, 11, 10, 14, tzinfo=zone),
    )
    series.cancel_occurrence(session, weekly.id, datetime(2026, 11, 16, 9, tzinfo=zone))
    single = record.SERVICE.create(
        session,
        MeetingInput(
            title="取消的会", starts_at=datetime(2026, 11, 5, 15, tzinfo=zone), chair="张三"
        ),
    )
    called_off = session.get(Meeting, single.id)
    called_off.cancelled = True
    session.add(called_off)
    start = datetime.combine(date(2026, 11, 20), datetime.min.time(), tzinfo=zone)
    session.add(
        Meeting(
            title="全天：开放日",
            starts_at=clock.to_utc(start),
            ends_at=clock.to_utc(start + timedelta(days=1)),
            all_day=True,
            rrule="FREQ=MONTHLY;COUNT=3",
        )
    )


def _meetings(session) -> list[tuple]:  # noqa: ANN001
    """Every meeting as the desk keeps it, field by field (local times)."""
    rows = []
    for m in session.exec(select(Meeting)).all():
        people = session.exec(
            select(MeetingParticipant.name, MeetingParticipant.role)
            .where(MeetingParticipant.meeting_id == m.id)
            .order_by(col(MeetingParticipant.position))
        ).all()
        rows.append(
            (
                m.title,
                clock.to_local(m.starts_at).isoformat(),
                clock.to_local(m.ends_at).isoformat() if m.ends_at else "",
                m.location,
                m.notes,
                m.chair,
                m.participants,
                m.cancelled,
                m.all_day,
                # The rule's parts as a set (a calendar program may reorder them).
                frozenset(m.rrule.split(";")),
                m.series_id is not None,
                clock.to_local(m.occurrence_start).isoformat() if m.occurrence_start else "",
                tuple(people) if m.series_id is None else (),
            )
        )
    return sorted(rows)


@pytest.fixture(params=["Europe/Berlin", None], ids=["zone-set", "system-zone"])
def zone(request, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    """The desk's zone: set in the settings, or none set (the system's, here a fixed
    UTC+08:00 without an IANA name, as on a machine whose TZ is ``CST-8``)."""
    if request.param is None:
        monkeypatch.setenv("TZ", "CST-8")
        time.tzset()
    clock.set_zone(request.param)
    yield request.param
    monkeypatch.undo()
    time.tzset()


def test_export_import_export_gives_the_same_meetings(tmp_path: Path, zone) -> None:  # noqa: ANN001
    first, second = Store(tmp_path / "a.db"), Store(tmp_path / "b.db", tmp_path / "b2")
    try:
        first.write(_office)
        exported = first.run(meeting_ics.export_ics)
        calendar = icalendar.Calendar.from_ical(exported)
        defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
        used = {
            str(e[p].params["TZID"])
            for e in calendar.walk("VEVENT")
            for p in ("DTSTART", "DTEND", "RECURRENCE-ID")
            if p in e and "TZID" in e[p].params
        }
        assert used <= defined and (used or zone is None)
        cancelled = [
            str(e["SUMMARY"])
            for e in calendar.walk("VEVENT")
            if str(e.get("STATUS", "")) == "CANCELLED"
        ]
        assert sorted(cancelled) == ["取消的会", "局务会（第①次）：《规划》"]
        assert "ORGANIZER;CN=欧阳局长:invalid:nomail" in exported.decode()
        second.write(meeting_ics.import_ics, exported)
        assert second.run(_meetings) == first.run(_meetings)
        assert second.run(shown) == first.run(shown) == independent(exported)
        again = second.run(meeting_ics.export_ics)
        assert _events(again) == _events(exported)
    finally:
        first.close()
        second.close()


def _events(data: bytes) -> list[str]:
    """The file's events as text, without their DTSTAMP (the moment of the export)."""
    calendar = icalendar.Calendar.from_ical(data)
    out = []
    for event in calendar.walk("VEVENT"):
        event.pop("DTSTAMP", None)
        out.append(event.to_ical().decode())
    return sorted(out)
