"""How an open supervision item stands against its time: its colour, when its next
progress report is due and its row on the deadline panel, read by the ORM (``items``) or in plain SQL at a cold start
(``office.lean.deadlines``) from any object with the item's fields.

Wing: office (supervision). Imports no ORM: the lean read uses it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from secdesk.calendar.deadlines import due_cell_text
from secdesk.services.deadline_panel import DeadlineRow, deadline_row, working_days_left
from secdesk.services.views import Colour

#: A feedback cycle (``FeedbackCycle``'s values) as (weeks, months).
CYCLE_STEP = {"weekly": (1, 0), "monthly": (0, 1), "quarterly": (0, 3)}


def next_feedback(item: Any) -> date | None:
    """When a long task's next progress report is due (its feedback cycle after the last
    report, or after it was assigned); None without a cycle."""
    from dateutil.relativedelta import relativedelta

    step = CYCLE_STEP.get(item.feedback_cycle) if item.feedback_cycle else None
    if step is None:
        return None
    weeks, months = step
    return (item.last_feedback_on or item.assigned_on) + relativedelta(weeks=weeks, months=months)


def colour(item: Any, day: date, due_soon_days: int) -> Colour:
    """An open item's colour: red overdue; blue when ``due_soon_days`` working days or fewer
    are left; yellow when behind pace (the progress last reported is below the share of the
    time used, or a long task's periodic report is late)."""
    if item.due < day:
        return Colour.red
    if working_days_left(day, item.due) <= due_soon_days:
        return Colour.blue
    span = max(1, (item.due - item.assigned_on).days)
    used = (day - item.assigned_on).days / span
    if item.progress < used * 100:
        return Colour.yellow
    report = next_feedback(item)
    if report is not None and report < day:
        return Colour.yellow
    return Colour.none


def deadline(item: Any, day: date, due_soon_days: int, values: dict[str, Any]) -> DeadlineRow:
    """An open item's row on the deadline panel (``values``: its row's values for --json)."""
    return deadline_row(
        "supervision",
        item.id or 0,
        item.due,
        day,
        due_soon_days,
        (item.title, item.undertaking_unit, f"{item.progress}%"),
        values,
        colour=colour(item, day, due_soon_days),
        due_shown=due_cell_text(item.due, item.due_spec, day),
    )
