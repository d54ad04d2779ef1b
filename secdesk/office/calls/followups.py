"""Turning a telephone call into the work it starts: a task, a supervision item or a
letters-and-visits (信访) record, carrying the call's text and keeping a link back (the
"From call" line those records show).

Wing: office/calls. Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.calendar.workdays import deadline_after
from secdesk.i18n import N_
from secdesk.models import Call, Petition, SupervisionItem, Task
from secdesk.services.inputs import PetitionInput, SupervisionInput, TaskInput
from secdesk.services.records import service
from secdesk.services.views import RecordGone, Saved

#: A supervision item made from a call is due this many days later unless changed.
SUPERVISION_DAYS = 10

KINDS = ("task", "supervision", "petition")
_MODELS: dict[str, Any] = {"task": Task, "supervision": SupervisionItem, "petition": Petition}
_TITLES: dict[str, Any] = {
    "task": Task.title,
    "supervision": SupervisionItem.title,
    "petition": Petition.content,
}


def _call(session: Session, call_id: int) -> Call:
    call = session.get(Call, call_id)
    if call is None or call.deleted_at is not None:
        raise RecordGone("call", call_id)
    return call


def _title(call: Call) -> str:
    text = call.summary.strip() or call.caller.strip() or call.number
    return text.splitlines()[0][:200] if text else f"#{call.id}"


def _who(call: Call) -> str:
    return " ".join(p for p in (call.caller, call.organization, call.number) if p)


def _input(call: Call, kind: str) -> Any:
    received = clock.to_local(call.at).date()
    if kind == "task":
        return TaskInput(
            title=_title(call),
            notes=f"{_who(call)}\n{call.summary}".strip(),
            assigned_by=call.caller if call.direction == "incoming" else "",
        )
    if kind == "supervision":
        return SupervisionInput(
            title=_title(call),
            origin="call",
            source=_who(call),
            notes=call.summary,
            assigned_on=received,
            due=deadline_after(received, SUPERVISION_DAYS),
        )
    if kind == "petition":
        return PetitionInput(
            channel="phone",
            petitioner=call.caller,
            phone=call.number,
            content=call.summary or _title(call),
            received_at=clock.to_local(call.at),
        )
    raise ValueError(kind)


def from_call(session: Session, call_id: int, kind: str) -> Saved:
    """Make a ``kind`` record (task, supervision, petition) out of a call, through that
    kind's service (its rules and audit Event); pressing the key twice makes one."""
    call = _call(session, call_id)
    for made_kind, made_id, _made in links(session, call_id):
        if made_kind == kind:
            return Saved(kind, made_id, already=True)
    return service(kind).create(session, _input(call, kind), call_id=call.id)


def links(session: Session, call_id: int) -> list[tuple[str, int, str]]:
    """What was made from a call: (kind, id, title)."""
    found: list[tuple[str, int, str]] = []
    for kind in KINDS:
        model = _MODELS[kind]
        rows = session.exec(
            select(model.id, _TITLES[kind]).where(
                model.call_id == call_id, col(model.deleted_at).is_(None)
            )
        ).all()
        found.extend((kind, row[0], row[1]) for row in rows)
    return found


def from_call_line(session: Session, call_id: int | None) -> list[tuple[str, str]]:
    """The "From call" line of a record made from a telephone call."""
    if call_id is None:
        return []
    call = session.get(Call, call_id)
    if call is None:
        return []
    moment = clock.to_local(call.at)
    who = call.caller or call.number
    return [(N_("From call"), f"#{call.id} {moment:%Y-%m-%d %H:%M} {who}")]
