"""A meeting that repeats every working day, as other calendar programs can be told it.

Wing: office/meetings. Must not import screens, widgets, app, cli, care or demo; of this
package only ``recurrence``.

No RFC 5545 rule says "every working day on China's official calendar": secdesk keeps the
rule ``FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR`` and counts it on the calendar (no 元旦, the 调休
weekend days worked). A calendar file gets that Monday-to-Friday rule and, so that other
programs show exactly the occurrences secdesk shows, an EXDATE for every public holiday
that falls Monday to Friday and an RDATE for every make-up working day (调休) on a weekend.

They are written for the days the desk knows: from the series' first start to its last
occurrence, and for a series without end up to 31 December of the last year whose
official schedule the desk knows (``workdays.last_known_year``: an entered schedule, or
the ``chinesecalendar`` package). Past that, secdesk too counts Monday to Friday, so the
file and the desk still agree; once a later year's schedule is entered, export again.

A COUNT counts working days in secdesk and Monday-to-Friday days elsewhere, so the file
says UNTIL the last occurrence instead, and keeps the rule as typed in
``X-SECDESK-RULE``; reading the file back, that rule is taken again when the file's rule
is still the one written for it (the event was not changed elsewhere), and the EXDATEs and
RDATEs that the calendar accounts for are dropped: the same meeting comes back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from secdesk.calendar.workdays import is_workday, last_known_year
from secdesk.office.meetings.recurrence import (
    extra_start,
    on_working_days,
    working_day_starts,
    zoned_rule,
)

RULE_PROPERTY = "X-SECDESK-RULE"
"""The property that keeps an every-working-day rule as secdesk stores it."""


@dataclass
class ForOtherCalendars:
    """An every-working-day series as a calendar file writes it."""

    rule: str
    """The Monday-to-Friday rule, a COUNT written as UNTIL its last occurrence."""
    skipped: list[datetime] = field(default_factory=list)
    """Starts on a Monday-to-Friday public holiday (EXDATE)."""
    worked: list[datetime] = field(default_factory=list)
    """Starts on a weekend make-up working day, 调休 (RDATE)."""


def _split(rule: str) -> list[tuple[str, str]]:
    return [
        (name.upper(), value)
        for name, _eq, value in (p.partition("=") for p in rule.split(";") if p)
    ]


def for_other_calendars(rule: str, first: datetime, all_day: bool) -> ForOtherCalendars:
    """How the every-working-day ``rule`` of a series first starting at ``first`` (in the
    zone it counts in) is written for other programs; see the module's note."""
    from dateutil.rrule import rrulestr

    zone = first.tzinfo
    assert zone is not None
    parts = _split(rule.strip().removeprefix("RRULE:"))
    count = next((value for name, value in parts if name == "COUNT"), None)
    if count is not None:
        # The COUNT-th working day lies within twice as many days, holidays and all.
        far = first + timedelta(days=2 * int(count) + 40)
        starts = working_day_starts(rule, first, first, far)
        last = starts[-1] if starts else first
        until = last.strftime("%Y%m%d") if all_day else f"{last.astimezone(UTC):%Y%m%dT%H%M%SZ}"
        parts = [(n, v) for n, v in parts if n != "COUNT"] + [("UNTIL", until)]
    written = ";".join(f"{name}={value}" for name, value in parts)
    # An UNTIL day ends at midnight there; other programs may read it as the day's start.
    out = ForOtherCalendars(written if all_day else zoned_rule(written, zone))
    known = last_known_year()
    if known is None:
        return out
    daily = ";".join(f"{n}={v}" for n, v in parts if n != "BYDAY")
    horizon = datetime(known + 1, 1, 1, tzinfo=zone)
    every_day = rrulestr(zoned_rule(daily, zone), dtstart=first, ignoretz=False)
    for moment in every_day.between(first, horizon, inc=True):
        if moment >= horizon:
            break
        weekday = moment.weekday() < 5
        working = is_workday(moment.date())
        if weekday and not working:
            out.skipped.append(moment)
        elif working and not weekday:
            out.worked.append(moment)
    return out


def _same(one: str, other: str) -> bool:
    """Whether two rules say the same (calendar programs reorder the parts)."""
    return {(n, v.upper()) for n, v in _split(one)} == {(n, v.upper()) for n, v in _split(other)}


def read_back(
    rules: list[str], dates: list[str], kept: str, first: datetime, all_day: bool
) -> tuple[list[str], list[str]]:
    """The (rules, RDATE values) of an event read from a file, as secdesk keeps them: an
    every-working-day rule without the RDATEs of make-up working days (the calendar counts
    those), and the rule as typed (``kept``, from ``X-SECDESK-RULE``) when the file's rule
    is still the one written for it."""
    if len(rules) != 1 or not on_working_days(rules[0]):
        return rules, dates
    told = for_other_calendars(kept, first, all_day) if on_working_days(kept) else None
    if told is not None and _same(told.rule, rules[0]):
        rules = [kept]
    left = []
    for value in dates:
        moment = extra_start(value, first)
        if all_day or moment.time() == first.time():
            day = moment.date()
            if day.weekday() >= 5 and is_workday(day):
                continue
        left.append(value)
    return rules, left


def is_counted_off(rule: str, moment: datetime) -> bool:
    """Whether an EXDATE at ``moment`` (in the series' zone) names a day an
    every-working-day ``rule`` does not meet anyway (a public holiday): nothing to cancel."""
    day: date = moment.date()
    return on_working_days(rule) and not is_workday(day)
