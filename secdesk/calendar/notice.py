"""Reading a year's holiday schedule from the State Council's notice (pasted as it is
published) or from plain lines. Pure text work, cheap to import (the Holidays screen reads
as the user types); ``services.holidays`` keeps what is read.

Wing: calendar. Must not import services, office, models, the database or the UI.

The notice's lines read like::

    国务院办公厅关于2027年部分节假日安排的通知
    一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周一）上班。
    二、春节：2月6日（农历除夕、周六）至13日（周六）放假调休，共8天。2月14日（周日）上班。

and plain lines like ``2027-01-01..2027-01-03 holiday 元旦`` or ``2027-02-14 workday 春节``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from secdesk.i18n import N_, _, ngettext

NO_DAYS = N_("No holiday or working day found in the text.")
HOLIDAY = "holiday"
"""放假: a day off (weekend days inside the holiday too)."""
WORKDAY = "workday"
"""调休上班: a weekend day worked to make up for the holiday."""


class ScheduleError(ValueError):
    """The text cannot be read as a holiday schedule; the message says which line and why."""


@dataclass(frozen=True)
class ScheduleDay:
    day: date
    kind: str
    """``holiday`` or ``workday`` (CalendarDayKind)."""
    name: str


@dataclass(frozen=True)
class Schedule:
    """A year's schedule as read from a text."""

    year: int
    days: tuple[ScheduleDay, ...]

    @property
    def holidays(self) -> list[ScheduleDay]:
        return [d for d in self.days if d.kind == HOLIDAY]

    @property
    def workdays(self) -> list[ScheduleDay]:
        return [d for d in self.days if d.kind == WORKDAY]


_YEAR = re.compile(r"(\d{4})\s*年")
_PLAIN = re.compile(
    r"^(?P<start>\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:\.\.|至|~|—|–|-{2})\s*"
    r"(?P<end>\d{4}-\d{1,2}-\d{1,2}))?\s+(?P<kind>holiday|workday|放假|休|上班|班)"
    r"(?:\s+(?P<name>.+))?$",
    re.IGNORECASE,
)
_NOTICE_ITEM = re.compile(
    r"^(?:[一二三四五六七八九十]+、)?\s*(?P<name>[^：:]{1,20})[：:](?P<rest>.+)$"
)
_DAY = r"(?:(?P<{m}>\d{{1,2}})月)?(?P<{d}>\d{{1,2}})日(?:（[^）]*）|\([^)]*\))?"
_RANGE = re.compile(
    _DAY.format(m="m1", d="d1") + r"(?:\s*至\s*" + _DAY.format(m="m2", d="d2") + r")?"
    r"\s*(?:放假|与周末连休)"
)
_WORKDAY = re.compile(_DAY.format(m="m", d="d"))


def _clean(text: str) -> str:
    # Full-width digits and spaces become plain ones; the notice's own brackets stay.
    out = []
    for ch in text:
        if ch in "（）：":
            out.append(ch)
        else:
            out.append(unicodedata.normalize("NFKC", ch))
    return "".join(out).strip()


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _notice_line(line: str, year: int, lineno: int) -> list[ScheduleDay]:
    item = _NOTICE_ITEM.match(line)
    if not item:
        return []
    name = item["name"].strip()
    rest = item["rest"]
    found: list[ScheduleDay] = []
    holiday_end = 0
    for match in _RANGE.finditer(rest):
        month = int(match["m1"] or 0)
        if not month:
            raise ScheduleError(
                _("Line {n}: the holiday has no month: {text}").format(n=lineno, text=line)
            )
        try:
            first = date(year, month, int(match["d1"]))
            last = first
            if match["d2"]:
                last = date(year, int(match["m2"] or month), int(match["d2"]))
        except ValueError as exc:
            raise ScheduleError(
                _("Line {n}: no such date: {text}").format(n=lineno, text=line)
            ) from exc
        if last < first:
            raise ScheduleError(
                _("Line {n}: the holiday ends before it starts: {text}").format(n=lineno, text=line)
            )
        found += [ScheduleDay(d, HOLIDAY, name) for d in _days(first, last)]
        holiday_end = match.end()
    # Working days are named after the holiday, in sentences ending in 上班.
    for sentence in re.split(r"[。；;]", rest[holiday_end:]):
        if "上班" not in sentence:
            continue
        month = 0
        for match in _WORKDAY.finditer(sentence):
            month = int(match["m"] or month)
            if not month:
                raise ScheduleError(
                    _("Line {n}: the working day has no month: {text}").format(n=lineno, text=line)
                )
            try:
                day = date(year, month, int(match["d"]))
            except ValueError as exc:
                raise ScheduleError(
                    _("Line {n}: no such date: {text}").format(n=lineno, text=line)
                ) from exc
            found.append(ScheduleDay(day, WORKDAY, name))
    return found


def parse(text: str, year: int | None = None) -> Schedule:
    """The schedule in ``text``: the notice's lines or plain lines (see the module's
    docstring). ``year`` is the notice's year when its title does not say it.
    Raises ScheduleError naming the line that cannot be read."""
    lines = [_clean(raw) for raw in text.splitlines()]
    if year is None:
        for line in lines:
            found = _YEAR.search(line)
            # The notice's title, or a line that is only the year ("2028年").
            if found and ("节假日" in line or _YEAR.fullmatch(line)):
                year = int(found[1])
                break
    days: dict[date, ScheduleDay] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line or line.startswith("#"):
            continue
        plain = _PLAIN.match(line)
        if plain:
            try:
                first = date.fromisoformat(_iso(plain["start"]))
                last = date.fromisoformat(_iso(plain["end"])) if plain["end"] else first
            except ValueError as exc:
                raise ScheduleError(
                    _("Line {n}: no such date: {text}").format(n=lineno, text=line)
                ) from exc
            work = plain["kind"].lower() in ("workday", "上班", "班")
            kind = WORKDAY if work else HOLIDAY
            for day in _days(first, last):
                days[day] = ScheduleDay(day, kind, (plain["name"] or "").strip())
            year = year or first.year
            continue
        if year is None:
            if _NOTICE_ITEM.match(line) and ("放假" in line or "上班" in line):
                raise ScheduleError(
                    _(
                        "Line {n}: which year? Paste the notice's title too, or give the year."
                    ).format(n=lineno)
                )
            continue
        for entry in _notice_line(line, year, lineno):
            days[entry.day] = entry
    if not days or year is None:
        raise ScheduleError(_(NO_DAYS))
    return Schedule(year, tuple(sorted(days.values(), key=lambda d: d.day)))


def _iso(typed: str) -> str:
    y, m, d = typed.split("-")
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def days_text(off: int, worked: int) -> str:
    """ "10 days off, 1 make-up working day", in the interface language."""
    return _("{off}, {worked}").format(
        off=ngettext("{n} day off", "{n} days off", off).format(n=off),
        worked=ngettext("{n} make-up working day", "{n} make-up working days", worked).format(
            n=worked
        ),
    )
