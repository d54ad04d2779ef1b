"""The working-day calendar: counted as the rules count, checked day by day against the
official calendar; a year's schedule entered from the State Council's notice; provisional
limits where no official calendar is known."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from sqlmodel import select

from secdesk.calendar import deadlines, workdays
from secdesk.calendar.notice import ScheduleError, parse
from secdesk.models import CalendarDay, Event
from secdesk.services import holidays

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(autouse=True)
def no_entered_schedules():  # noqa: ANN201
    workdays.use_entered({})
    yield
    workdays.use_entered({})


LAST = date(2026, 12, 31)
OFFICIAL: dict[date, bool] = {}
"""chinese_calendar's word on every day of 2024-2026 (asked once: it is slow)."""


def official(day: date) -> bool | None:
    """Whether ``day`` is an official working day; None past the package's last year."""
    if day > LAST:
        return None
    if day not in OFFICIAL:
        OFFICIAL[day] = chinese_calendar.is_workday(day)
    return OFFICIAL[day]


def official_working_days_after(start: date, n: int) -> date | None:
    """The n-th working day after start, counted straight on chinese_calendar."""
    day = start
    while n:
        day += timedelta(days=1)
        working = official(day)
        if working is None:
            return None
        n -= working
    return day


def official_days_after(start: date, n: int) -> date | None:
    day = start + timedelta(days=n)
    while (working := official(day)) is not True:
        if working is None:
            return None
        day += timedelta(days=1)
    return day


def test_counting_matches_the_official_calendar_for_2024_to_2026() -> None:
    """Every start day of 2024-2026, every span of 1-60 days, both kinds of limit; a limit
    that runs past the package's last year is provisional."""
    start = date(2024, 1, 1)
    wrong = []
    while start <= LAST:
        for n in range(1, 61):
            for ours, theirs in (
                (deadlines.working_days_after(start, n), official_working_days_after(start, n)),
                (deadlines.days_after(start, n), official_days_after(start, n)),
            ):
                if theirs is None:
                    if not ours.provisional:
                        wrong.append(("not provisional", start, n))
                elif ours != deadlines.Due(theirs, False):
                    wrong.append((start, n, ours, theirs))
        start += timedelta(days=1)
    assert wrong == []


def test_a_span_into_a_year_without_a_calendar_is_provisional() -> None:
    assert deadlines.span_after("10wd", date(2026, 12, 1)) == deadlines.Due(
        date(2026, 12, 15), False
    )
    due = deadlines.span_after("30wd", date(2026, 12, 20))
    assert due is not None and due.provisional and due.day.year == 2027


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_the_notice_gives_the_official_calendar(year: int) -> None:
    schedule = parse((DATA / f"notice_{year}.txt").read_text("utf-8"))
    assert schedule.year == year
    off = {d.day for d in schedule.holidays}
    worked = {d.day for d in schedule.workdays}
    day = date(year, 1, 1)
    while day.year == year:
        ours = day in worked or (day.weekday() < 5 and day not in off)
        assert ours == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_plain_lines_and_the_notice_mixed() -> None:
    schedule = parse(
        "# 2027\n2027-01-01..2027-01-03 holiday 元旦\n2027-02-20 workday 春节\n"
        "2027-02-05 至 2027-02-11 放假 春节\n"
    )
    assert schedule.year == 2027
    assert [d.day.isoformat() for d in schedule.workdays] == ["2027-02-20"]
    assert len(schedule.holidays) == 10
    assert {d.name for d in schedule.days} == {"元旦", "春节"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "No holiday or working day found"),
        ("一、元旦：1月1日（周五）放假。", "which year?"),
        (
            "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：2月30日放假。",
            "Line 2: no such date",
        ),
        ("2027-02-30 holiday 元旦", "Line 1: no such date"),
        ("国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：3日至1日放假。", "no month"),
    ],
)
def test_a_text_that_cannot_be_read_says_where(text: str, message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        parse(text)


def test_an_entered_year_is_kept_replaced_and_counted_with(session) -> None:  # noqa: ANN001
    assert not workdays.day_info(date(2027, 1, 1)).covered
    first = parse("2027-01-01..2027-01-03 holiday 元旦\n2027-01-04 workday 元旦")
    holidays.save(session, first)
    info = workdays.day_info(date(2027, 1, 1))
    assert (info.covered, info.kind, info.holiday_name) == (True, "holiday", "元旦")
    assert workdays.day_info(date(2027, 1, 4)).kind == "makeup"
    # A second schedule for the year replaces the first, whole.
    holidays.save(session, parse("2027-01-01 holiday 元旦"))
    days = session.exec(select(CalendarDay)).all()
    assert [(d.day.isoformat(), d.kind) for d in days] == [("2027-01-01", "holiday")]
    assert workdays.day_info(date(2027, 1, 2)).kind == "weekend"
    events = session.exec(select(Event).where(Event.entity == "calendarday")).all()
    assert [json.loads(e.data)["year"] for e in events] == [2027, 2027]
    assert json.loads(events[1].data)["before"][0][0] == "2027-01-01"
    # Limits over 2027 are exact now.
    due = deadlines.span_after("30wd", date(2026, 12, 20))
    assert due is not None and not due.provisional and due.day == date(2027, 2, 1)
    # Another window (a fresh process) finds the schedule when it reads the day.
    workdays.use_entered({})
    holidays.apply(session)
    assert workdays.day_info(date(2027, 1, 1)).kind == "holiday"


def test_an_entered_year_wins_over_the_package(session) -> None:  # noqa: ANN001
    """A year the package knows can still be corrected by the notice the office has."""
    assert workdays.day_info(date(2026, 1, 5)).kind == "workday"
    holidays.save(session, parse("2026-01-05 holiday 测试"))
    assert workdays.day_info(date(2026, 1, 5)).kind == "holiday"
