"""The deadline panel, read lean (``services.deadline_panel.panel`` and each kind's
``deadlines`` hook are the reference): every kind with a ``deadlines`` hook names its lean
twin (``Kind.lean_deadlines``); one that does not sends the whole dashboard to the ORM.

Wing: office/lean. Standard library only (see the package's docstring).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from secdesk.calendar.deadlines import due_cell_text
from secdesk.config import Settings
from secdesk.i18n import _
from secdesk.kinds import get, kinds, resolve
from secdesk.kinds.supervision import OPEN
from secdesk.office.lean.tables import PETITION, SUPERVISION, TASK, Record, json_values
from secdesk.office.supervision import pace
from secdesk.services.deadline_panel import (
    PANEL_LIMIT,
    DeadlineRow,
    Deadlines,
    deadline_row,
    gather,
)
from secdesk.services.leanday import NotLean
from secdesk.services.patterns import masked_when
from secdesk.services.phrases import one_line, saying
from secdesk.services.views import PanelData

#: ``office.petitions.RUNNING`` and ``HANDLING`` (a test checks).
HANDLING = ("accepted", "transferred", "assigned")
RUNNING = ("registered", *HANDLING, "review")


def panel(conn: sqlite3.Connection, day: date, settings: Settings) -> PanelData:
    """Every kind's deadline rows, red, yellow, blue first, then by due date."""
    found = []
    for declared in kinds():
        if declared.deadlines:
            if not declared.lean_deadlines:
                raise NotLean(declared.name)
            found.append(resolve(declared.lean_deadlines)(conn, day, settings, PANEL_LIMIT))
    return gather(found, "supervision", "supervision")


def _in(values: tuple[str, ...]) -> str:
    return f"({', '.join('?' * len(values))})"


def supervision(conn: sqlite3.Connection, day: date, settings: Settings, limit: int) -> Deadlines:
    """Open supervision items (``office.supervision.items.deadlines``)."""
    live = f"WHERE deleted_at IS NULL AND status IN {_in(OPEN)}"
    found = SUPERVISION.select(conn, f"{live} ORDER BY due, id LIMIT {int(limit)}", *OPEN)
    days = settings.due_soon_days
    rows = [pace.deadline(s, day, days, json_values("supervision", s)) for s in found]
    return Deadlines(rows, SUPERVISION.count(conn, live, *OPEN))


def _running(obj: Record) -> tuple[str, date] | None:
    """``office.petitions.running_clock``: what must be done by when."""
    if obj.status == "registered":
        return _("decide and tell"), obj.reply_due
    if obj.status in HANDLING and obj.complete_due:
        return _("complete"), obj.complete_due
    if obj.status == "review" and obj.review_due:
        return _("answer the review"), obj.review_due
    return None


def _label(obj: Record) -> str:
    """``PetitionService.label_of``."""
    if masked_when(get("petition").search, obj):
        return one_line(obj.content, 30) or f"#{obj.id}"
    return obj.petitioner or one_line(obj.content, 30) or f"#{obj.id}"


def petitions(conn: sqlite3.Connection, day: date, settings: Settings, limit: int) -> Deadlines:
    """Petitions whose clock runs (``office.petitions.deadlines``)."""
    live = f"WHERE deleted_at IS NULL AND status IN {_in(RUNNING)}"
    nearest = "coalesce(review_due, complete_due, reply_due)"
    found = PETITION.select(conn, f"{live} ORDER BY {nearest} LIMIT {int(limit)}", *RUNNING)
    rows = []
    for obj in found:
        running = _running(obj)
        if running is not None:
            what, due = running
            rows.append(
                deadline_row(
                    "petition",
                    obj.id or 0,
                    due,
                    day,
                    settings.due_soon_days,
                    (saying(_("Petition"), _label(obj)), what, ""),
                    json_values("petition", obj),
                )
            )
    return Deadlines(rows, PETITION.count(conn, live, *RUNNING))


def tasks(conn: sqlite3.Connection, day: date, settings: Settings, limit: int) -> Deadlines:
    """Open tasks with a due date (``office.tasks.deadlines``)."""
    live = "WHERE deleted_at IS NULL AND status = 'open' AND due IS NOT NULL"
    found = TASK.select(conn, f"{live} ORDER BY due LIMIT {int(limit)}")
    days = settings.due_soon_days
    rows = [task_deadline(task, day, days, json_values("task", task)) for task in found]
    return Deadlines(rows, TASK.count(conn, live))


def task_deadline(task: Any, day: date, due_soon_days: int, values: dict[str, Any]) -> DeadlineRow:
    """An open task with a due date as a row of the deadline panel (``office.tasks.deadlines``
    builds its rows here too)."""
    return deadline_row(
        "task",
        task.id or 0,
        task.due,
        day,
        due_soon_days,
        (saying(_("Task"), task.title), task.assigned_by, ""),
        values,
        due_shown=due_cell_text(task.due, task.due_spec, day),
    )
