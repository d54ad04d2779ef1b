"""临时交办 / 待办: tasks from leaders and other to-dos."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from secdesk import clock
from secdesk.i18n import N_, format_short_date
from secdesk.labels import label
from secdesk.models import Task
from secdesk.models.task import TaskStatus
from secdesk.services.records import RecordService, stamp_when
from secdesk.services.views import Cell, DayEntry, InvalidInput, Row, TaskInput, Tone

ENTRY = N_("Task assigned")


class TaskService(RecordService):
    def validate(self, session: Session, data: TaskInput) -> TaskInput:
        data.title = data.title.strip()
        if not data.title:
            raise InvalidInput("title", N_("Enter what is to be done"))
        if data.status not in TaskStatus.__members__:
            raise InvalidInput("status", N_("Unknown status"))
        return data

    def stored(self, session: Session, data: TaskInput, obj: Task | None = None) -> dict:
        values = super().stored(session, data, obj)
        stamp_when(values, obj, "done_at", data.status == TaskStatus.done)
        return values

    def row(self, obj: Task, today: date) -> Row:
        late = obj.due is not None and obj.due < today and obj.status != TaskStatus.done
        done = obj.status == TaskStatus.done
        return Row(
            "task",
            obj.id or 0,
            (
                Cell(
                    format_short_date(obj.due, today) if obj.due else "",
                    Tone.alert if late else Tone.muted if done else Tone.plain,
                ),
                Cell(obj.title, Tone.muted if done else Tone.plain),
                Cell(obj.assigned_by),
                Cell(label("task_status", obj.status), Tone.muted if done else Tone.plain),
            ),
            self.json_values(obj),
        )

    def detail_extra(self, session: Session, obj: Task) -> list[tuple[str, str]]:
        return from_call_line(session, obj.call_id)


def from_call_line(session: Session, call_id: int | None) -> list[tuple[str, str]]:
    """The "From call" line of a record made from a telephone call."""
    if call_id is None:
        return []
    from secdesk.models import Call

    call = session.get(Call, call_id)
    if call is None:
        return []
    moment = clock.to_local(call.at)
    who = call.caller or call.number
    return [(N_("From call"), f"#{call.id} {moment:%Y-%m-%d %H:%M} {who}")]


SERVICE = TaskService("task")


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    """Tasks noted in [start, end)."""
    found = session.exec(
        select(Task).where(
            col(Task.deleted_at).is_(None), Task.created_at >= start, Task.created_at < end
        )
    ).all()
    entries = []
    for task in found:
        text = task.title
        if task.assigned_by:
            text = f"{text} ({task.assigned_by})"
        entries.append(DayEntry(clock.to_local(task.created_at), "task", text, ENTRY, task.id or 0))
    return entries
