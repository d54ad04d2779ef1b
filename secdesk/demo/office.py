"""The demo office's shared state: one random stream, the days of its history, its units and
people, and the moments, names and topics every duty's generator draws from it.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import accumulate
from typing import Any

from secdesk.calendar import clock
from secdesk.calendar.workdays import is_workday
from secdesk.demo.people import GIVEN_DOUBLE, GIVEN_SINGLE, SURNAMES, Person
from secdesk.demo.units import Unit
from secdesk.demo.words import SEASONAL_TOPICS, TOPICS

Row = dict[str, Any]
"""One row of a table, column by column, as the batched insert takes it."""

#: Share of a working day's volume on a weekend or holiday (duty calls, urgent files).
OFF_DAY_WEIGHT = 0.04
OFFICE_HOURS = {8: 6, 9: 10, 10: 10, 11: 8, 12: 2, 13: 3, 14: 9, 15: 10, 16: 8, 17: 4}
"""Relative share of the day's calls, visits and files arriving in each hour."""
_HOURS = list(OFFICE_HOURS)
_HOUR_WEIGHTS = list(accumulate(OFFICE_HOURS.values()))
_SURNAME_WEIGHTS = list(accumulate(1 / (i + 4) for i in range(len(SURNAMES))))


def years_ago(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def every_day(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last``, both included."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def allocate(rng: random.Random, days: Sequence[date], total: int) -> list[int]:
    """Spread exactly ``total`` records over ``days``: working days busy, others quiet."""
    if not days or total <= 0:
        return [0] * len(days)
    weights = [(1.0 if is_workday(day) else OFF_DAY_WEIGHT) * rng.uniform(0.5, 1.5) for day in days]
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    counts = [int(x) for x in raw]
    short = total - sum(counts)
    by_fraction = sorted(range(len(days)), key=lambda i: raw[i] - counts[i], reverse=True)
    for i in by_fraction[:short]:
        counts[i] += 1
    return counts


def stamped(created: datetime, updated: datetime | None = None) -> Row:
    """The bookkeeping columns of a live record: created, last updated (by default when it
    was created), not deleted."""
    return {
        "created_at": created,
        "updated_at": created if updated is None else updated,
        "deleted_at": None,
    }


def clock_time(seconds: int) -> time:
    hours, rest = divmod(seconds, 3600)
    return time(hours, rest // 60, rest % 60)


class DemoOffice:
    """What the generators share: the random stream, the days, the units and the people
    (filled by the contact book, which runs first)."""

    def __init__(self, rng: random.Random, years: int, today: date, now: datetime) -> None:
        self.rng = rng
        self.tz: tzinfo = clock.zone()
        self.today = today
        self.now = now
        self.start = years_ago(today, years)
        self.years = years
        self.history = every_day(self.start, today - timedelta(days=1))
        self.units: list[Unit] = []
        self.people: list[Person] = []
        self.people_weights: list[float] = []
        self.leaders: list[Person] = []
        self.names: set[str] = set()
        self.department_names: list[str] = []
        self._units_by_kinds: dict[tuple[str, ...], list[Unit]] = {}
        self._staff: dict[str, list[Person]] = {}

    # ------------------------------------------------------------------ days and moments

    def spread(self, total: int) -> list[tuple[date, int]]:
        """The days of the history, each with its share of ``total`` records."""
        return list(zip(self.history, allocate(self.rng, self.history, total), strict=True))

    def record_days(self, total: int) -> list[date]:
        """The day of each of ``total`` records spread over the history, in order."""
        return [day for day, count in self.spread(total) for _ in range(count)]

    def day_moments(self, day: date, count: int) -> list[datetime]:
        """``count`` moments of ``day``'s office hours, in order."""
        seconds = sorted(self.office_seconds() for _ in range(count))
        return [self.utc(day, clock_time(s)) for s in seconds]

    def local(self, day: date, at: time) -> datetime:
        return datetime.combine(day, at, tzinfo=self.tz)

    def utc(self, day: date, at: time) -> datetime:
        return clock.to_utc(datetime.combine(day, at, tzinfo=self.tz))

    def office_seconds(self) -> int:
        """Seconds after midnight of a moment in office hours (busy mornings, quiet lunch)."""
        hour = self.rng.choices(_HOURS, cum_weights=_HOUR_WEIGHTS)[0]
        return hour * 3600 + self.rng.randrange(3600)

    def office_moment(self, day: date) -> datetime:
        return self.utc(day, clock_time(self.office_seconds()))

    def so_far_today(self, fraction: float) -> datetime:
        """A moment of today's office day up to now, ``fraction`` of the way through it."""
        end = min(self.now, self.local(self.today, time(18, 0)))
        start = max(
            self.local(self.today, time.min),
            min(self.local(self.today, time(8, 0)), end - timedelta(hours=2)),
        )
        return clock.to_utc(start + (end - start) * fraction).replace(microsecond=0)

    # ------------------------------------------------------------------ names

    def person_name(self) -> str:
        """A made-up name; visitors and the like may share one."""
        rng = self.rng
        surname = rng.choices(SURNAMES, cum_weights=_SURNAME_WEIGHTS)[0]
        given = rng.choice(GIVEN_SINGLE) if rng.random() < 0.35 else rng.choice(GIVEN_DOUBLE)
        return surname + given

    def contact_name(self) -> str:
        """A name no other contact has, so the contact book never shows two 王伟."""
        while True:
            name = self.person_name()
            if name not in self.names:
                self.names.add(name)
                return name

    def topic(self, month: int) -> str:
        if self.rng.random() < 0.3:
            return self.rng.choice(SEASONAL_TOPICS[month])
        return self.rng.choice(TOPICS)

    def leader_address(self) -> str:
        return self.rng.choice(self.leaders).address

    def department_name(self) -> str:
        return self.rng.choice(self.department_names)

    def units_of(self, *kinds: str) -> list[Unit]:
        """The units of the given kinds (cached: the generators ask thousands of times)."""
        if kinds not in self._units_by_kinds:
            self._units_by_kinds[kinds] = [u for u in self.units if u.kind in kinds]
        return self._units_by_kinds[kinds]

    def staff_of(self, unit: str) -> list[Person]:
        if not self._staff:
            for person in self.people:
                self._staff.setdefault(person.unit, []).append(person)
        return self._staff.get(unit, [])
