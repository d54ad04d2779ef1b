"""督查督办: supervision items, their lifecycle, their colours (red overdue, yellow behind
pace, blue due soon), their rows on the dashboard's deadline panel (the panel itself is
declared here and gathered by ``services.deadline_panel``), the list, the urge notice and
the period's report.

Wing: office/supervision. Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.calendar.deadlines import due_cell_text, is_provisional
from secdesk.config import Settings
from secdesk.i18n import N_, _
from secdesk.kinds import Transition
from secdesk.kinds.supervision import OPEN
from secdesk.labels import label, mark
from secdesk.models import SupervisionItem
from secdesk.models.supervision import SupervisionStatus
from secdesk.office.calls.followups import from_call_line
from secdesk.office.supervision import pace
from secdesk.office.supervision.pace import next_feedback
from secdesk.services import deadline_panel
from secdesk.services.deadline_panel import (
    COLOUR_RANK,
    COLOUR_TONE,
    Deadlines,
    days_left_text,
)
from secdesk.services.inputs import SupervisionInput
from secdesk.services.phrases import count_rows, saying
from secdesk.services.records import RecordService
from secdesk.services.reports import live_between
from secdesk.services.views import Cell, Colour, DayEntry, InvalidInput, PanelData, Row

ENTRY = N_("Supervision item opened")


def colour(item: SupervisionItem, day: date, due_soon_days: int) -> Colour:
    """Red overdue; blue when ``due_soon_days`` working days or fewer are left; yellow when
    behind pace (see ``pace.colour``); none once closed."""
    if item.status not in OPEN:
        return Colour.none
    return pace.colour(item, day, due_soon_days)


def closed_on_time(item: SupervisionItem) -> bool:
    """Closed by the due date first set: an extension does not make a late item punctual."""
    if item.closed_at is None:
        return False
    return clock.to_local(item.closed_at).date() <= (item.original_due or item.due)


def due_text(item: SupervisionItem) -> str:
    """The due date, with the original one when it was extended."""
    shown = item.due.isoformat()
    if is_provisional(item.due_spec):
        shown += " " + _("(provisional)")
    if item.original_due and item.original_due != item.due:
        shown += "\n" + _("extended from {date}: {reason}").format(
            date=item.original_due.isoformat(), reason=item.extension_reason
        )
    return shown


def _cells(item: SupervisionItem, day: date, due_soon_days: int) -> list[Cell]:
    tone = COLOUR_TONE[colour(item, day, due_soon_days)]
    open_ = item.status in OPEN
    left = days_left_text((item.due - day).days) if open_ else ""
    return [
        Cell(left, tone),
        Cell(item.title),
        Cell(item.undertaking_unit),
        Cell(due_cell_text(item.due, item.due_spec, day)),
        Cell(f"{item.progress}%"),
    ]


def sort_key(item: SupervisionItem, day: date, due_soon_days: int) -> tuple[int, int, date, int]:
    """Open before closed; red, yellow, blue, then the rest; then by due date."""
    closed = item.status not in OPEN
    return (
        int(closed),
        COLOUR_RANK[colour(item, day, due_soon_days)],
        item.due,
        item.id or 0,
    )


class SupervisionService(RecordService):
    def validate(self, session: Session, data: SupervisionInput) -> SupervisionInput:
        self.required(data, "title", N_("Enter the matter to supervise"))
        if data.due is None:
            raise InvalidInput("due", N_("Enter the time limit"))
        if data.due < data.assigned_on:
            raise InvalidInput("due", N_("Due before it was assigned?"))
        data = super().validate(session, data)
        data.undertaking_unit = data.undertaking_unit.strip()
        return data

    def stored(
        self, session: Session, data: SupervisionInput, obj: SupervisionItem | None = None
    ) -> dict:
        values = super().stored(session, data, obj)
        if obj is None:
            # With a lead unit the item is assigned at once; without, it waits for one.
            values["status"] = (
                SupervisionStatus.assigned
                if data.undertaking_unit
                else SupervisionStatus.registered
            )
        elif data.due == obj.due and not data.due_spec:
            values["due_spec"] = obj.due_spec  # the date was not retyped: keep how it counted
        return values

    def step_changes(
        self,
        session: Session,
        obj: SupervisionItem,
        step: Transition,
        values: dict[str, Any],
        note: str,
    ) -> dict[str, Any]:
        changes = super().step_changes(session, obj, step, values, note)
        today = clock.today()
        if step.name == "assign" and not str(values.get("undertaking_unit") or "").strip():
            raise InvalidInput("undertaking_unit", N_("Enter the lead unit"))
        if step.name == "urge":
            changes["urge_count"] = obj.urge_count + 1
        elif step.name == "feedback":
            changes["last_feedback_on"] = today
        elif step.name == "close":
            changes["closed_at"] = clock.now_utc()
            changes["progress"] = 100
        elif step.name == "extend":
            new_due = values.get("due")
            if new_due is None:
                raise InvalidInput("due", N_("Enter the new due date"))
            if new_due <= obj.due:
                raise InvalidInput(
                    "due",
                    _("An extension ends after the present due date ({date})").format(
                        date=obj.due.isoformat()
                    ),
                )
            if obj.original_due is None:
                changes["original_due"] = obj.due
            changes["extension_reason"] = note
            changes["due_spec"] = str(values.get("due_spec") or "")
        return changes

    def counted_deadlines(self, session: Session) -> list[tuple[Any, str, Any]]:
        from secdesk.calendar.deadlines import count_spec

        found = session.exec(open_items().where(SupervisionItem.due_spec != "")).all()
        return [(item, "due", lambda spec=item.due_spec: count_spec(spec)) for item in found]

    def row(self, obj: SupervisionItem, today: date, due_soon_days: int = 3) -> Row:
        cells = _cells(obj, today, due_soon_days)
        cells.append(Cell(mark("supervision_status", obj.status)))
        return Row("supervision", obj.id or 0, tuple(cells), self.json_values(obj))

    def ordered(self, query: Any) -> Any:
        # Open items first, the earliest due first (the page then sorts by colour).
        closed = col(SupervisionItem.status) == SupervisionStatus.closed
        return query.order_by(closed, col(SupervisionItem.due), col(SupervisionItem.id))

    def rows(
        self, session: Session, found: list[Any], today: date, settings: Settings
    ) -> list[Row]:
        # Blue from the number of working days the user set, as on the dashboard; within
        # the page red, yellow, blue, then the rest.
        days = settings.due_soon_days
        found = sorted(found, key=lambda item: sort_key(item, today, days))
        return [self.row(obj, today, days) for obj in found]

    def detail_values(self, session: Session, obj: SupervisionItem) -> dict[str, Any]:
        cycle = label("feedback_cycle", obj.feedback_cycle)
        report = next_feedback(obj)
        if report is not None and obj.status in OPEN:
            cycle += " · " + _("next report by {date}").format(date=report.isoformat())
        return {"due_text": due_text(obj), "cycle_text": cycle}

    def detail_extra(self, session: Session, obj: SupervisionItem) -> list[tuple[str, str]]:
        lines = from_call_line(session, obj.call_id)
        if obj.source_kind and obj.source_id:
            lines.extend(source_line(session, obj.source_kind, obj.source_id))
        return lines

    def step_undone(self, session: Session, obj: Any, step: str, values: dict[str, Any]) -> None:
        """An urge that issued a numbered notice (``issuing``) is taken back: the notice's
        number is voided (it stays in the register, never given again); one voided or
        filed already stays as it is."""
        if step == "urge" and values.get("outgoing_id"):
            from contextlib import suppress

            from secdesk.services import workflow

            with suppress(workflow.StepRefused, LookupError):
                outgoing_id = int(values["outgoing_id"])
                workflow.take(session, "outgoing", outgoing_id, "void", {}, _(TAKEN_BACK))


def source_line(session: Session, kind: str, record_id: int) -> list[tuple[str, str]]:
    """The record an item came from, as a detail line."""
    from secdesk.kinds import get
    from secdesk.services.records import service

    try:
        svc = service(kind)
        obj = svc.get(session, record_id)
    except (KeyError, LookupError):
        return []
    return [(N_("Comes from"), saying(_(get(kind).title), svc.label_of(obj)))]


SERVICE = SupervisionService("supervision")
#: Why a numbered urge notice's number stands voided when its urge was taken back.
TAKEN_BACK = N_("The urge notice was taken back")


def open_items() -> Any:
    return select(SupervisionItem).where(
        col(SupervisionItem.deleted_at).is_(None),
        col(SupervisionItem.status).in_(list(OPEN)),
    )


def deadlines(session: Session, day: date, settings: Settings, limit: int) -> Deadlines:
    """Open supervision items, as rows of the deadline panel (coloured as on their list)."""
    found = session.exec(
        open_items().order_by(col(SupervisionItem.due), col(SupervisionItem.id)).limit(limit)
    ).all()
    days = settings.due_soon_days
    rows = [pace.deadline(s, day, days, SERVICE.json_values(s)) for s in found]
    return Deadlines(rows, count_rows(session, open_items()))


def panel(session: Session, day: date, settings: Settings) -> PanelData:
    """The deadline panel: open supervision items, letters and visits whose clock runs and
    tasks with a due date (every kind's ``deadlines``), red, yellow, blue first, then by
    due date."""
    return deadline_panel.panel(session, day, settings, "supervision", "supervision")


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    """Items registered in [start, end)."""
    found = live_between(session, SupervisionItem, "created_at", start, end)
    return [
        DayEntry(clock.to_local(s.created_at), "supervision", s.title, ENTRY, s.id or 0)
        for s in found
    ]
