"""The dashboard's deadline panel: the rows of every kind that declares a ``deadlines`` hook
(supervision items, letters and visits whose clock runs, tasks with a due date), red,
yellow, blue first, then by due date; and the colours and "days left" that a deadline shows
wherever it is listed.

Each kind builds its own rows (``deadline_row``) in its wing; this module gathers and orders
them, so no duty's module needs another's. Wing: services. Must not import office, screens,
widgets, app, cli, care or demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from secdesk.config import Settings
from secdesk.i18n import _, format_short_date, ngettext
from secdesk.kinds import kinds, resolve
from secdesk.services.phrases import count_note
from secdesk.services.views import Cell, Colour, PanelData, Row, Tone

if TYPE_CHECKING:
    from sqlmodel import Session

#: Rows the panel shows at most (and each kind is asked for at most).
PANEL_LIMIT = 100
COLOUR_TONE = {
    Colour.red: Tone.alert,
    Colour.blue: Tone.soon,
    Colour.yellow: Tone.behind,
    Colour.none: Tone.plain,
}
#: The order of the Supervision screen and the deadline panel: red, yellow, blue, the rest.
COLOUR_RANK = {Colour.red: 0, Colour.yellow: 1, Colour.blue: 2, Colour.none: 3}


def working_days_left(day: date, due: date) -> int:
    """Working days from ``day`` (not counted) to ``due`` (counted); negative when late
    (calendar days late, as people say it)."""
    from dateutil.rrule import DAILY, rrule

    from secdesk.calendar.workdays import is_workday

    if due < day:
        return (due - day).days
    days = rrule(DAILY, dtstart=day, until=due)
    return sum(1 for moment in days if moment.date() > day and is_workday(moment.date()))


def days_left_text(days_left: int) -> str:
    if days_left < 0:
        return ngettext("{n} day late", "{n} days late", -days_left).format(n=-days_left)
    if days_left == 0:
        return _("due today")
    return ngettext("{n} day", "{n} days", days_left).format(n=days_left)


def due_colour(day: date, due: date, due_soon_days: int) -> Colour:
    """Red when past ``due``, blue when ``due_soon_days`` working days or fewer are left."""
    if due < day:
        return Colour.red
    if working_days_left(day, due) <= due_soon_days:
        return Colour.blue
    return Colour.none


@dataclass(frozen=True)
class DeadlineRow:
    """A row of the deadline panel, with what it sorts by."""

    rank: int
    due: date
    row: Row


@dataclass(frozen=True)
class Deadlines:
    """What one kind puts on the deadline panel (its ``deadlines`` hook returns it)."""

    rows: list[DeadlineRow]
    """At most the limit asked for, the nearest first."""
    total: int
    """How many of its records have a deadline running (more than ``rows`` when cut)."""


def deadline_row(
    kind: str,
    record_id: int,
    due: date,
    day: date,
    due_soon_days: int,
    texts: tuple[str, str, str],
    values: dict[str, Any],
    colour: Colour | None = None,
    due_shown: str = "",
) -> DeadlineRow:
    """One row of the deadline panel: days left (coloured), what, who, due, done."""
    colour = colour if colour is not None else due_colour(day, due, due_soon_days)
    matter, unit, done = texts
    left = (due - day).days
    row = Row(
        kind,
        record_id,
        (
            Cell(days_left_text(left), COLOUR_TONE[colour]),
            Cell(matter),
            Cell(unit),
            Cell(due_shown or format_short_date(due, day)),
            Cell(done),
        ),
        {**values, "days_left": left, "colour": colour.value},
    )
    return DeadlineRow(COLOUR_RANK[colour], due, row)


def panel(session: Session, day: date, settings: Settings, panel_id: str, kind: str) -> PanelData:
    """The deadline panel ``panel_id`` (declared by ``kind``): every kind's deadline rows,
    red, yellow, blue first, then by due date, at most ``PANEL_LIMIT``."""
    found = [
        resolve(declared.deadlines)(session, day, settings, PANEL_LIMIT)
        for declared in kinds()
        if declared.deadlines
    ]
    return gather(found, panel_id, kind)


def gather(found: list[Deadlines], panel_id: str, kind: str) -> PanelData:
    """The deadline panel from every kind's ``Deadlines`` (shared with the lean read)."""
    entries = [entry for one in found for entry in one.rows]
    total = sum(one.total for one in found)
    entries.sort(key=lambda e: (e.rank, e.due, e.row.kind, e.row.id))
    rows = tuple(e.row for e in entries[:PANEL_LIMIT])
    overdue = sum(1 for e in entries if e.rank == 0)
    first = _("{n} overdue").format(n=overdue) if overdue else ""
    return PanelData(panel_id, kind, rows, total, count_note(len(rows), total, first))
