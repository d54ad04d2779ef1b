"""A meeting "every working day" in a calendar file: other programs (here
recurring-ical-events) show exactly the days secdesk shows (no National Day, the 调休
Saturday and Sunday worked), and the file read back is the same meeting."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest
from sqlmodel import select

from secdesk.calendar import clock
from secdesk.models import Meeting
from secdesk.office.meetings import ical as meeting_ics
from secdesk.office.meetings import record, series
from secdesk.office.meetings.recurrence import WORKING_DAYS
from secdesk.services.inputs import MeetingInput
from secdesk.services.store import Store
from tests.unit.test_meeting_ics import independent, shown
from tests.unit.test_meeting_ics_round_trip import reference_spans, spans


def _series(rule: str, start: datetime, all_day: bool = False):  # noqa: ANN202
    def write(session) -> None:  # noqa: ANN001
        meeting = record.SERVICE.create(
            session,
            MeetingInput(
                title="晨会（①组）",
                starts_at=start,
                ends="09:30",
                chair="欧阳主任",
                participants=[("李四", "出席")],
                rrule=rule,
            ),
        )
        if all_day:
            row = session.get(Meeting, meeting.id)
            row.all_day, row.ends_at = True, None
            row.starts_at = clock.to_utc(start.replace(hour=0))
            session.add(row)
        else:
            # One working day called off by hand: it stays cancelled in the file and back.
            series.cancel_occurrence(session, meeting.id, start.replace(day=start.day + 1))

    return write


def _kept(session) -> list[tuple[str, str, bool]]:  # noqa: ANN001
    return sorted(
        (m.rrule, clock.to_local(m.starts_at).isoformat(), m.cancelled)
        for m in session.exec(select(Meeting)).all()
    )


@pytest.mark.parametrize(
    ("rule", "start", "all_day"),
    [
        (f"{WORKING_DAYS};COUNT=20", datetime(2026, 9, 14, 9), False),
        (f"{WORKING_DAYS};UNTIL=20261016", datetime(2026, 9, 14, 9), False),
        (WORKING_DAYS, datetime(2026, 12, 14, 9), False),
        (f"{WORKING_DAYS};COUNT=20", datetime(2026, 9, 14, 9), True),
    ],
    ids=["count", "until", "without-end", "all-day"],
)
def test_every_working_day_exports_the_official_calendar_and_comes_back(
    tmp_path: Path, rule: str, start: datetime, all_day: bool
) -> None:
    first, second = Store(tmp_path / "a.db"), Store(tmp_path / "b.db", tmp_path / "b2")
    try:
        first.write(_series(rule, start.replace(tzinfo=clock.zone()), all_day))
        starts = first.run(shown)
        days = {s[:10] for s in starts}
        if start.month == 9:
            # National Day (Thu 1 Oct, a UTC day earlier for all-day) off; Sun 20 Sep and
            # Sat 10 Oct worked.
            assert not {"2026-09-30", "2026-10-01"} <= days
            assert {"2026-09-20", "2026-10-10"} <= days or {"2026-09-19", "2026-10-09"} <= days
        exported = first.run(meeting_ics.export_ics)
        assert independent(exported) == starts
        if not all_day:
            assert reference_spans(exported) == first.run(spans)
        second.write(meeting_ics.import_ics, exported)
        assert second.run(shown) == starts
        assert second.run(_kept) == first.run(_kept)
        assert independent(second.run(meeting_ics.export_ics)) == starts
    finally:
        first.close()
        second.close()


def test_the_file_says_the_holidays_and_make_up_days(store) -> None:  # noqa: ANN001
    """What another program reads: the Monday-to-Friday rule up to the 20th working day,
    National Day's weekdays as EXDATE, the 调休 Sunday and Saturday as RDATE."""
    zone = clock.zone()
    store.write(_series(f"{WORKING_DAYS};COUNT=20", datetime(2026, 9, 14, 9, tzinfo=zone)))
    (event,) = [
        e
        for e in icalendar.Calendar.from_ical(store.run(meeting_ics.export_ics)).walk("VEVENT")
        if "RRULE" in e
    ]
    rule = event["RRULE"].to_ical().decode()
    assert "COUNT" not in rule and "UNTIL=20261015T010000Z" in rule
    assert event["X-SECDESK-RULE"] == f"{WORKING_DAYS};COUNT=20"

    def days(prop: str) -> set[date]:
        found = event.get(prop)
        entries = found if isinstance(found, list) else [found]
        return {d.dt.date() for entry in entries for d in entry.dts}

    holidays = {date(2026, 9, 25), *(date(2026, 10, d) for d in (1, 2, 5, 6, 7))}
    assert days("EXDATE") == holidays | {date(2026, 9, 15)}  # and the one called off
    assert days("RDATE") == {date(2026, 9, 20), date(2026, 10, 10)}
