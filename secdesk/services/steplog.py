"""A record's procedure as it reads: the kind's workflow, its states' names, the steps
allowed from a state, and the history of steps taken (the ``WorkflowStep`` log).

Taking and undoing steps is ``services.workflow``; this module only reads, so the record
service can show a record's state and history without importing the module that changes
it. Wing: services. Must not import office, screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.i18n import _, format_date, format_time
from secdesk.kinds import FormField, Workflow, get
from secdesk.models import WorkflowStep
from secdesk.services.phrases import listing, saying


@dataclass(frozen=True)
class StepView:
    """One line of a record's history."""

    id: int
    at: datetime
    """Local time."""
    actor: str
    step: str
    label: str
    """The step's name in the interface language."""
    state: str
    """The state it led to, in the interface language ("" when it kept the state)."""
    note: str
    details: str
    """What the step asked, as "Unit: 财务科 · Due: 2026-12-14"."""


def workflow_of(kind: str) -> Workflow:
    flow = get(kind).workflow
    if flow is None:
        raise LookupError(f"{kind} has no workflow")
    return flow


def state_label(kind: str, state: str) -> str:
    flow = workflow_of(kind)
    msgid = dict(flow.states).get(state)
    return _(msgid) if msgid else state


def steps_of(session: Session, kind: str, record_id: int) -> list[WorkflowStep]:
    """The record's steps taken and not undone, oldest first."""
    return list(
        session.exec(
            select(WorkflowStep)
            .where(
                WorkflowStep.kind == kind,
                WorkflowStep.record_id == record_id,
                col(WorkflowStep.undone_at).is_(None),
            )
            .order_by(col(WorkflowStep.at), col(WorkflowStep.id))
        ).all()
    )


def asked_value(field: FormField, value: Any) -> str:
    """A value a step asked, as its JSON keeps it, the way people read it: a time as
    2026年12月5日 23:41 / 5 Dec 2026 23:41 (local), a day as 2026年12月5日, a coded value by
    its label, a list as a list."""
    if isinstance(value, list):
        return listing([asked_value(field, v) for v in value])
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field.choices:
        msgid = dict(field.choices).get(str(value))
        return _(msgid) if msgid else str(value)
    if isinstance(value, str) and field.kind in ("when", "date", "deadline"):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if field.kind == "when" or len(value) > len("2026-12-05"):
            local = clock.to_local(moment)
            return f"{format_date(local.date(), weekday=False)} {format_time(local)}"
        return format_date(date.fromisoformat(value), weekday=False)
    return str(value)


def history(session: Session, kind: str, record_id: int) -> list[StepView]:
    """The record's history for reading, oldest first."""
    flow = workflow_of(kind)
    out = []
    for logged in steps_of(session, kind, record_id):
        try:
            step = flow.step(logged.step)
        except StopIteration:
            continue
        asked = json.loads(logged.values or "{}")
        details = []
        for field in step.fields:
            value = asked.get(field.name)
            if value not in (None, "", []):
                details.append(saying(_(field.label), asked_value(field, value)))
        moved = logged.to_state != logged.from_state
        out.append(
            StepView(
                id=logged.id or 0,
                at=clock.to_local(logged.at),
                actor=logged.actor,
                step=logged.step,
                label=_(step.label),
                state=state_label(kind, logged.to_state) if moved else "",
                note=logged.note,
                details=" · ".join(details),
            )
        )
    return out


def step_text(view: StepView) -> str:
    """A step as the history reads it: its name, the state it led to, what it asked and
    its note, a line each."""
    what = view.label + (f" → {view.state}" if view.state else "")
    if view.details:
        what += f"\n{view.details}"
    if view.note:
        what += f"\n{view.note}"
    return what


def next_steps(kind: str, state: str) -> tuple[str, ...]:
    """The names of the steps allowed from ``state``."""
    return tuple(t.name for t in workflow_of(kind).allowed(state))
