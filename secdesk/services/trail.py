"""A record's history as people read it: who entered it, changed which fields, deleted or
restored it, showed what was protected, and when (from the audit trail), with the steps
of its procedure (``steplog``) for a kind carried through one.

With several people on one database the audit trail names each change's ``actor`` (the
desk's ``[office] user``, else the login name); this is where a person reads it. Values
are not repeated here, only the fields' names: an old value may be what a record keeps
protected (an accuser's identity, a classified title).

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.i18n import N_, _, format_date, format_time
from secdesk.kinds import Kind, get, resolve
from secdesk.models import Event, ImportBatch, WorkflowStep
from secdesk.services import steplog
from secdesk.services.phrases import names

#: What each action of the audit trail did to the record (English msgids); ``update``
#: and ``undo`` name the fields.
SAID = {
    "create": N_("Entered"),
    "import": N_("Imported"),
    "delete": N_("Deleted"),
    "restore": N_("Restored after deletion"),
    "reveal": N_("Showed the protected details"),
    "merge": N_("Merged a duplicate into this one"),
    "unmerge": N_("Took the merge back"),
}

#: Bookkeeping fields a change touches that are not the user's (never named).
UNNAMED = {"updated_at", "version", "deleted_at", "import_id", "search"}


@dataclass(frozen=True)
class Change:
    """One line of a record's history."""

    at: datetime
    """Local time."""
    actor: str
    """Who (the desk's user as it was set then)."""
    what: str
    """What they did, in the interface language (user text as typed: not markup-safe)."""


def field_labels(kind: Kind) -> dict[str, str]:
    """Field name -> its label (msgid) as the record's form, steps and detail name it."""
    labels: dict[str, str] = {}
    for field in kind.form:
        labels[field.name] = field.label
    if kind.workflow is not None:
        labels[kind.workflow.field] = N_("Status")
        for step in kind.workflow.transitions:
            for field in step.fields:
                labels.setdefault(field.name, field.label)
    for detail in kind.detail:
        labels[detail.name] = detail.label
    return labels


def _fields(data: str, labels: dict[str, str]) -> str:
    """The fields a change names (``{field: [old, new]}``), by their labels, in the
    interface language; a field the kind does not name is left out."""
    try:
        changed = json.loads(data or "{}")
    except ValueError:
        return ""
    if not isinstance(changed, dict):
        return ""
    shown = [_(labels[name]) for name in changed if name in labels and name not in UNNAMED]
    return names(list(dict.fromkeys(shown)))


def describe(event: Event, labels: dict[str, str]) -> str:
    """What one audit Event did to its record, in the interface language."""
    action = event.action
    if action in SAID:
        return _(SAID[action])
    fields = _fields(event.data, labels)
    if action == "undo":
        return (
            _("Took back a change: {fields}").format(fields=fields)
            if fields
            else _("Took back a change")
        )
    if fields:
        return _("Changed {fields}").format(fields=fields)
    return _("Changed")


def history(session: Session, kind_name: str, record_id: int) -> list[Change]:
    """What was done to the record, oldest first: the audit trail's changes and, for a
    kind carried through a procedure, each step taken and not taken back (``steplog``), in
    the place of the step's own Event. A record a file import added without an Event of
    its own is said imported by whoever imported the file."""
    kind = get(kind_name)
    labels = field_labels(kind)
    events = session.exec(
        select(Event)
        .where(Event.entity == kind.entity, Event.entity_id == record_id)
        .order_by(col(Event.id))
    ).all()
    steps: deque[WorkflowStep] = deque()
    shown: dict[int, steplog.StepView] = {}
    if kind.workflow is not None:
        shown = {view.id: view for view in steplog.history(session, kind_name, record_id)}
        steps.extend(
            session.exec(
                select(WorkflowStep)
                .where(WorkflowStep.kind == kind_name, WorkflowStep.record_id == record_id)
                .order_by(col(WorkflowStep.id))
            ).all()
        )
    out: list[Change] = []

    def step_lines(until: str | None) -> None:
        """The steps logged up to the next one named ``until`` (None: all that are left);
        a step taken back is not shown."""
        while steps:
            logged = steps.popleft()
            view = shown.get(logged.id or 0)
            if view is not None:
                out.append(Change(view.at, view.actor, steplog.step_text(view)))
            if logged.step == until:
                return

    for event in events:
        if kind.workflow is not None and event.action.startswith("step:"):
            step_lines(event.action.removeprefix("step:"))
            continue
        out.append(Change(clock.to_local(event.at), event.actor, describe(event, labels)))
    step_lines(None)
    if not any(event.action in ("create", "import") for event in events):
        obj = session.get(resolve(kind.model), record_id)
        batch_id = getattr(obj, "import_id", None)
        batch = session.get(ImportBatch, batch_id) if batch_id else None
        if batch is not None:
            what = (
                _("Imported from {file}").format(file=batch.source)
                if batch.source
                else _(SAID["import"])
            )
            out.insert(0, Change(clock.to_local(batch.started_at), batch.actor, what))
    return out


def when_and_who(at: datetime, actor: str) -> str:
    """A history line's head: 2026年12月6日 10:12 张三 / 6 Dec 2026 10:12 张三."""
    head = f"{format_date(at.date(), weekday=False)} {format_time(at)}"
    return f"{head} {actor}" if actor else head


def history_lines(session: Session, kind_name: str, record_id: int) -> list[tuple[str, str]]:
    """The record's history as the detail view's lines, oldest first: (when and who, what
    was done)."""
    return [
        (when_and_who(change.at, change.actor), change.what)
        for change in history(session, kind_name, record_id)
    ]
