"""China's working-day calendar (holidays and 调休 make-up working days).

Wing: calendar. Must not import services, office, models, the database or the UI.

A year's schedule entered by the office (``services.holidays``) comes first; then
``chinesecalendar``, which knows the official calendar for the years it covers; outside
them we fall back to Monday-Friday and say so (``DayInfo.covered`` is False): a time limit
counted over such a year is provisional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from secdesk.i18n import _
from secdesk.labels import label


class DayKind(StrEnum):
    workday = "workday"
    weekend = "weekend"
    holiday = "holiday"
    makeup = "makeup"
    """调休: a weekend day worked to make up for a holiday."""


@dataclass(frozen=True)
class DayInfo:
    day: date
    kind: DayKind
    holiday_name: str | None
    """The holiday this day belongs to (or is made up for), in English as the calendar
    names it: National Day, Spring Festival..."""
    covered: bool
    """False when the official calendar does not cover the year (Monday-Friday assumed)."""


_entered: dict[int, dict[date, tuple[str, str]]] = {}
"""year -> {day: (holiday|workday, name)}: the schedules the office entered."""


def use_entered(schedules: dict[int, dict[date, tuple[str, str]]]) -> None:
    """Count with these entered schedules from now on (they win over the package)."""
    global _entered
    if schedules != _entered:
        _entered = schedules
        day_info.cache_clear()


@lru_cache(maxsize=4096)
def day_info(day: date) -> DayInfo:
    """Whether ``day`` is a working day, weekend, public holiday or make-up working day."""
    weekend = day.weekday() >= 5
    year = _entered.get(day.year)
    if year is not None:
        kind_name = year.get(day)
        if kind_name is None:
            kind = DayKind.weekend if weekend else DayKind.workday
            return DayInfo(day=day, kind=kind, holiday_name=None, covered=True)
        entered_kind, name = kind_name
        if entered_kind == "workday":
            return DayInfo(day=day, kind=DayKind.makeup, holiday_name=name or None, covered=True)
        return DayInfo(day=day, kind=DayKind.holiday, holiday_name=name or None, covered=True)
    try:
        import chinese_calendar

        on_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        kind = DayKind.weekend if weekend else DayKind.workday
        return DayInfo(day=day, kind=kind, holiday_name=None, covered=False)
    if on_holiday:
        kind = DayKind.holiday if name else DayKind.weekend
    elif weekend:
        kind = DayKind.makeup
    else:
        kind = DayKind.workday
    return DayInfo(day=day, kind=kind, holiday_name=name, covered=True)


def last_known_year() -> int | None:
    """The last year whose official schedule the desk knows (entered by the office, or in
    ``chinesecalendar``); every later year is counted Monday-Friday."""
    years = list(_entered)
    try:
        from chinese_calendar import constants

        years.append(max(constants.holidays).year)
    except (ImportError, AttributeError, ValueError):  # pragma: no cover - no package data
        pass
    return max(years, default=None)


def is_workday(day: date) -> bool:
    return day_info(day).kind in (DayKind.workday, DayKind.makeup)


def add_workdays(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (the start day not counted)."""
    current = day
    remaining = count
    while remaining > 0:
        current += timedelta(days=1)
        if is_workday(current):
            remaining -= 1
    return current


def deadline_after(start: date, days: int) -> date:
    """A time limit of ``days`` calendar days from ``start``: the first day is not counted,
    and a last day that is not a working day moves to the next working day (民法典 art.
    201, 203)."""
    last = start + timedelta(days=days)
    while not is_workday(last):
        last += timedelta(days=1)
    return last


def day_kind_text(info: DayInfo) -> str:
    """What kind of day it is, in the interface language: "Public holiday: National Day",
    "Make-up working day (Spring Festival)", "Weekend", "Working day"."""
    name = label("holiday", info.holiday_name) if info.holiday_name else ""
    if info.kind == DayKind.holiday:
        return _("Public holiday: {name}").format(name=name)
    if info.kind == DayKind.makeup:
        if name:
            return _("Make-up working day ({name})").format(name=name)
        return _("Make-up working day")
    if info.kind == DayKind.weekend:
        return _("Weekend")
    return _("Working day")
