"""临时交办 / 待办: tasks from leaders and other to-dos, and their rows on the deadline panel.

Wing: office (tasks). Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.calendar.deadlines import due_cell_text
from secdesk.config import Settings
from secdesk.i18n import N_
from secdesk.labels import label
from secdesk.models import Task
from secdesk.models.task import TaskPriority, TaskStatus
from secdesk.office.calls.followups import from_call_line
from secdesk.office.lean.deadlines import task_deadline
from secdesk.services.deadline_panel import Deadlines
from secdesk.services.inputs import TaskInput
from secdesk.services.phrases import count_rows
from secdesk.services.records import RecordService, stamp_when
from secdesk.services.reports import live_between
from secdesk.services.views import Cell, DayEntry, InvalidInput, Row, Tone

ENTRY = N_("Task assigned")


class TaskService(RecordService):
    def validate(self, session: Session, data: TaskInput) -> TaskInput:
        self.required(data, "title", N_("Enter what is to be done"))
        if data.status not in TaskStatus.__members__:
            raise InvalidInput("status", N_("Unknown status"))
        return super().validate(session, data)

    def stored(self, session: Session, data: TaskInput, obj: Task | None = None) -> dict:
        values = super().stored(session, data, obj)
        if obj is not None:
            # The state moves by steps (finish, reopen), not by editing.
            values.pop("status", None)
            if data.due == obj.due and not data.due_spec:
                values["due_spec"] = obj.due_spec
        else:
            stamp_when(values, obj, "done_at", data.status == TaskStatus.done)
        return values

    def step_changes(
        self, session: Session, obj: Task, step: Any, values: dict[str, Any], note: str
    ) -> dict[str, Any]:
        changes = super().step_changes(session, obj, step, values, note)
        changes["done_at"] = clock.now_utc() if step.name == "finish" else None
        return changes

    def counted_deadlines(self, session: Session) -> list[tuple[Any, str, Any]]:
        from secdesk.calendar.deadlines import count_spec

        found = session.exec(open_due().where(Task.due_spec != "")).all()
        return [(task, "due", lambda spec=task.due_spec: count_spec(spec)) for task in found]

    def ordered(self, query: Any) -> Any:
        # Open first, the nearest due first (no due date last), then the finished.
        done = col(Task.status) == TaskStatus.done
        no_due = col(Task.due).is_(None)
        return query.order_by(done, no_due, col(Task.due), col(Task.id).desc())

    def row(self, obj: Task, today: date) -> Row:
        late = obj.due is not None and obj.due < today and obj.status != TaskStatus.done
        done = obj.status == TaskStatus.done
        return Row(
            "task",
            obj.id or 0,
            (
                Cell(
                    due_cell_text(obj.due, obj.due_spec, today) if obj.due else "",
                    Tone.alert if late else Tone.muted if done else Tone.plain,
                ),
                Cell(obj.title, Tone.muted if done else Tone.plain),
                Cell(
                    label("task_priority", obj.priority),
                    Tone.flag if obj.priority == TaskPriority.high and not done else Tone.plain,
                ),
                Cell(obj.assigned_by),
                Cell(label("task_status", obj.status), Tone.muted if done else Tone.plain),
            ),
            self.json_values(obj),
        )

    def detail_extra(self, session: Session, obj: Task) -> list[tuple[str, str]]:
        return from_call_line(session, obj.call_id)


SERVICE = TaskService("task")


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    """Tasks noted in [start, end)."""
    found = live_between(session, Task, "created_at", start, end)
    entries = []
    for task in found:
        text = task.title
        if task.assigned_by:
            text = f"{text} ({task.assigned_by})"
        entries.append(DayEntry(clock.to_local(task.created_at), "task", text, ENTRY, task.id or 0))
    return entries


def open_due() -> Any:
    return select(Task).where(
        col(Task.deleted_at).is_(None),
        Task.status == TaskStatus.open,
        col(Task.due).is_not(None),
    )


def deadlines(session: Session, day: date, settings: Settings, limit: int) -> Deadlines:
    """Open tasks with a due date, as rows of the deadline panel."""
    found = session.exec(open_due().order_by(col(Task.due)).limit(limit)).all()
    days = settings.due_soon_days
    rows = [task_deadline(task, day, days, SERVICE.json_values(task)) for task in found]
    return Deadlines(rows, count_rows(session, open_due()))
