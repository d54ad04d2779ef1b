"""Carrying a record through its procedure: the steps of a kind's ``Workflow`` (declared
with the kind, ``services/kinds/spec.py``), each one committed transaction that

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

- refuses an illegal jump with a message naming the steps allowed from where it stands;
- changes the record (its state, and what the step asked: a unit, a new due date…) through
  ``audit.apply_edit``, so the audit trail keeps every old value;
- logs a ``WorkflowStep`` (who, when, note, what was asked, the values before it);
- returns an ``Undo`` token: ``records.undo`` takes the step back (the values before it are
  put back and the step is struck from the history).

A kind's service decides what a step changes beyond the state (``step_changes``) and may
refuse it (``InvalidInput``): an extension beyond the rules, a close without feedback.

Screens call ``take``, ``history`` and ``next_steps`` through ``Store.write`` /
``Store.run``; the command line may too. Reading a record's history is ``steplog`` (the
record service shows it without importing this module); its names are here too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from secdesk.calendar import clock
from secdesk.i18n import N_, _
from secdesk.kinds import Transition, get
from secdesk.models import WorkflowStep
from secdesk.services import audit
from secdesk.services.patterns import is_moment
from secdesk.services.phrases import names
from secdesk.services.records import plain_value, service
from secdesk.services.steplog import (
    StepView,
    history,
    next_steps,
    state_label,
    steps_of,
    workflow_of,
)
from secdesk.services.views import InvalidInput, RecordGone, Saved, Undo

__all__ = [
    "NOTE_NEEDED",
    "StepRefused",
    "StepStart",
    "StepTaken",
    "StepView",
    "history",
    "needs_form",
    "next_steps",
    "refusal",
    "start_step",
    "state_label",
    "steps_of",
    "take",
    "undo_step",
    "workflow_of",
]

NOTE_NEEDED = N_("Write the reason: this step is not taken without one")


class StepRefused(ValueError):
    """The step cannot be taken from the record's state; the message (translated) names
    the steps that can."""


@dataclass(frozen=True)
class StepTaken:
    """A committed step: the record after it, and how to take it back."""

    saved: Saved
    undo: Undo
    message: str
    """What happened, in the interface language ("Assigned: 督查事项")."""


def _json_value(value: Any) -> Any:
    return plain_value(value, utc=True)


def _stored_value(model: Any, name: str, value: Any) -> Any:
    """A value read back from a step's JSON as its column holds it."""
    if isinstance(value, str) and value:
        column = getattr(model, name)
        if is_moment(column):
            return datetime.fromisoformat(value)
        python_type = getattr(column.type, "python_type", None)
        if python_type is date:
            return date.fromisoformat(value)
    return value


def refusal(kind: str, step: Transition, state: str) -> str:
    """Why ``step`` cannot be taken from ``state``, naming what can."""
    flow = workflow_of(kind)
    allowed = [f"{t.key} {_(t.label)}" for t in flow.allowed(state)]
    text = _("“{step}” cannot be taken while it is {state}.").format(
        step=_(step.label), state=state_label(kind, state)
    )
    if allowed:
        return text + " " + _("Next: {steps}.").format(steps=names(allowed))
    return text + " " + _("Nothing more is to be done.")


def take(
    session: Session,
    kind: str,
    record_id: int,
    step_name: str,
    values: dict[str, Any] | None = None,
    note: str = "",
    seen_version: int | None = None,
) -> StepTaken:
    """Take ``step_name`` on the record, with the step's ``values`` and ``note``, in the
    caller's transaction. ``StepRefused`` for a step its state does not allow,
    ``InvalidInput`` for what the step cannot accept, ``RecordChanged`` if the record
    changed since ``seen_version``."""
    flow = workflow_of(kind)
    step = flow.step(step_name)
    svc = service(kind)
    obj = svc.for_update(session, record_id, seen_version)
    state = str(getattr(obj, flow.field))
    if state not in step.sources:
        raise StepRefused(refusal(kind, step, state))
    note = note.strip()
    if step.note_required and not note:
        raise InvalidInput("note", NOTE_NEEDED)
    values = dict(values or {})
    changes = svc.step_changes(session, obj, step, values, note)
    if step.target:
        changes[flow.field] = step.target
    before = {name: _json_value(getattr(obj, name)) for name in changes}
    written = audit.apply_edit(
        session, obj, get(kind).entity, changes, action=f"step:{step.name}", extra=None
    )
    if not written:
        # A step that changes no field (an urge logged again) still counts as a change, with
        # its Event: the record's history shows each step where its Event stands.
        audit.touch(obj)
        session.add(obj)
        audit.record(session, f"step:{step.name}", get(kind).entity, record_id, {})
    logged = WorkflowStep(
        kind=kind,
        record_id=record_id,
        step=step.name,
        from_state=state,
        to_state=str(getattr(obj, flow.field)),
        actor=audit.actor(),
        note=note,
        values=json.dumps(
            {k: _json_value(v) for k, v in values.items()}, ensure_ascii=False, default=str
        ),
        before=json.dumps(before, ensure_ascii=False, default=str),
    )
    session.add(logged)
    session.flush()
    name = svc.label_of(obj)
    message = _("{step}: {what}").format(step=_(step.label), what=name)
    saved = Saved(
        kind,
        record_id,
        version=obj.version,
        label=name,
        said=message + "\n" + _("Press u to undo."),
    )
    undo = Undo(
        kind,
        record_id,
        "unstep",
        _("{step}: {what}").format(step=_(step.label), what=name),
        {"step_id": logged.id},
    )
    return StepTaken(saved, undo, message)


def undo_step(session: Session, token: Undo) -> Saved:
    """Take a step back: the record's fields as they were before it, the step struck from
    the history (it stays in the log with the time it was undone)."""
    logged = session.get(WorkflowStep, int(token.data["step_id"]))
    svc = service(token.kind)
    obj = session.get(svc.model, token.record_id)
    if logged is None or obj is None or obj.deleted_at is not None:
        raise RecordGone(token.kind, token.record_id)
    if logged.undone_at is None:
        # What the step made besides the record's fields (a document's circulation rows,
        # its archive entry): the kind's service takes it back from the step's values.
        undone = getattr(svc, "step_undone", None)
        if undone is not None:
            undone(session, obj, logged.step, json.loads(logged.values or "{}"))
        before = json.loads(logged.before or "{}")
        old = {name: _stored_value(svc.model, name, value) for name, value in before.items()}
        audit.apply_edit(session, obj, svc.kind.entity, old, action="undo")
        logged.undone_at = clock.now_utc()
        session.add(logged)
        session.flush()
    return Saved(token.kind, token.record_id, version=obj.version, label=svc.label_of(obj))


@dataclass(frozen=True)
class StepStart:
    """What a step form opens with: the record's version and its present values."""

    version: int
    label: str
    values: dict[str, Any]


def start_step(session: Session, kind: str, record_id: int, step_name: str) -> StepStart:
    """Check that the step may be taken now (``StepRefused`` naming the allowed ones) and
    give its form the record's present values of the fields it asks."""
    from secdesk.services.forms import text_of

    flow = workflow_of(kind)
    step = flow.step(step_name)
    svc = service(kind)
    obj = svc.get(session, record_id)
    state = str(getattr(obj, flow.field))
    if state not in step.sources:
        raise StepRefused(refusal(kind, step, state))
    values = {}
    for field in step.fields:
        if hasattr(obj, field.name) and field.kind != "deadline":
            values[field.name] = text_of(field, getattr(obj, field.name))
        elif field.default is not None:
            values[field.name] = field.default
    return StepStart(obj.version, svc.label_of(obj), values)


def needs_form(step: Transition) -> bool:
    """Whether the step asks anything (else one key takes it)."""
    return bool(step.fields or step.note or step.note_required)
