"""Time limits typed as people give them: a date, ``10wd`` (working days) or ``15d`` (days).

Wing: calendar. Must not import services, office, models, the database or the UI.

Counting follows the rules of the glossary: the start day is not counted; N working days is
the Nth working day after the start on the official calendar (holidays and 调休 make-up
days); a limit of N calendar days whose last day is not a working day moves to the next
working day (民法典 art. 201, 203). A limit computed over a year the official calendar does
not cover (Monday-Friday assumed) is *provisional*.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from secdesk.calendar.workdays import add_workdays, day_info, deadline_after
from secdesk.i18n import N_, _, format_short_date

CANNOT_READ_DUE = N_("Write a date, or 10wd for working days, or 15d for days")
BEYOND_CALENDAR = N_("That limit falls after the year 9999: check the dates")

_SPEC = re.compile(
    r"^(?P<n>\d{1,4})\s*(?P<unit>wd|w\.d\.|个?工作日|working\s*days?|d|days?|天|日)$",
    re.IGNORECASE,
)


class DueParseError(ValueError):
    """Not a time limit; ``str(error)`` is a translatable msgid."""


@dataclass(frozen=True)
class Due:
    """A computed time limit."""

    day: date
    provisional: bool
    """Counted over a year without the official holiday calendar (Monday-Friday assumed)."""


def _provisional(start: date, end: date) -> bool:
    years = range(min(start.year, end.year), max(start.year, end.year) + 1)
    return any(not day_info(date(year, 6, 1)).covered for year in years)


def working_days_after(start: date, count: int) -> Due:
    """The ``count``-th working day after ``start``; ``DueParseError`` past the year 9999."""
    try:
        end = add_workdays(start, count)
    except OverflowError as exc:
        raise DueParseError(BEYOND_CALENDAR) from exc
    return Due(end, _provisional(start, end))


def days_after(start: date, count: int) -> Due:
    """A limit of ``count`` calendar days from ``start`` (moved off a non-working day);
    ``DueParseError`` past the year 9999."""
    try:
        end = deadline_after(start, count)
    except OverflowError as exc:
        raise DueParseError(BEYOND_CALENDAR) from exc
    return Due(end, _provisional(start, end))


def span_after(text: str, start: date) -> Due | None:
    """A limit typed as a span (``10wd``, ``10工作日``, ``15d``, ``15天``) counted from
    ``start``; None when ``text`` is not a span."""
    match = _SPEC.match(unicodedata.normalize("NFKC", text).strip())
    if not match:
        return None
    count = int(match["n"])
    unit = match["unit"].lower()
    if "w" in unit or "工作" in unit:
        return working_days_after(start, count)
    return days_after(start, count)


def parse_due(text: str, start: date, now: datetime) -> Due | None:
    """The limit ``text`` means, counted from ``start``: ``10wd`` / ``10工作日`` (working
    days), ``15d`` / ``15天`` (calendar days), or a date as the time parser reads it
    (``2026-12-14``, ``12-14``, ``明天``). Blank gives None; anything else DueParseError."""
    clean = unicodedata.normalize("NFKC", text).strip()
    if not clean:
        return None
    if (span := span_after(clean, start)) is not None:
        return span
    from secdesk.calendar.timeparse import TimeParseError, parse_when

    try:
        day = parse_when(clean, now).date()
    except TimeParseError as exc:
        raise DueParseError(CANNOT_READ_DUE) from exc
    return Due(day, not day_info(day).covered)


def spec_with_start(typed: str, start: date) -> str:
    """A span as stored with the day it counts from (``10wd@2026-12-01``), so it can be
    counted again when the calendar changes; "" when ``typed`` is not a span."""
    clean = unicodedata.normalize("NFKC", typed).strip()
    if span_after(clean, start) is None:
        return ""
    return f"{clean}@{start.isoformat()}"


def count_spec(spec: str) -> Due | None:
    """A stored span (``spec_with_start``) counted on the calendar as it is now; None for
    "" or what cannot be read."""
    text, _at, start = spec.partition("@")
    try:
        day = date.fromisoformat(start)
    except ValueError:
        return None
    return span_after(text, day)


def is_provisional(spec: str) -> bool:
    """Whether a limit counted from ``spec`` crosses a year without an official calendar."""
    counted = count_spec(spec) if spec else None
    return counted is not None and counted.provisional


def due_cell_text(due: date, spec: str, day: date) -> str:
    """A time limit as a list or panel shows it, marked when it is provisional."""
    shown = format_short_date(due, day)
    return f"{shown} {_('(prov.)')}" if is_provisional(spec) else shown


def due_detail_text(due: date | None, spec: str) -> str:
    """A time limit as a record's view shows it: the date, what was typed when it was a
    span (``20wd``), and the provisional mark."""
    if due is None:
        return ""
    shown = due.isoformat()
    typed = spec.partition("@")[0]
    if typed:
        shown += f" ({typed})"
    if is_provisional(spec):
        shown += " " + _("(provisional)")
    return shown


def rule_due_text(due: date) -> str:
    """A limit counted by a rule from its start (a petition's clocks) as a view shows it:
    marked provisional when the official calendar does not cover its day yet."""
    shown = due.isoformat()
    if not day_info(due).covered:
        shown += " " + _("(provisional)")
    return shown
