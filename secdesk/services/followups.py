"""Turning a telephone call into the work it starts: a task, a supervision item or a
letters-and-visits (信访) record, carrying the call's text and keeping a link back."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, col, select

from secdesk import clock
from secdesk.i18n import N_
from secdesk.models import Call, Petition, SupervisionItem, Task
from secdesk.services import audit
from secdesk.services.views import Saved
from secdesk.services.workdays import deadline_after

#: 信访工作条例 art. 22: decide whether to accept and tell the petitioner within 15 days.
PETITION_REPLY_DAYS = 15
#: A supervision item made from a call is due in this many days unless changed later.
SUPERVISION_DAYS = 10

KINDS = ("task", "supervision", "petition")
LINK_LABELS = {
    "task": N_("Task"),
    "supervision": N_("Supervision item"),
    "petition": N_("Letters and visits"),
}


def _call(session: Session, call_id: int) -> Call:
    call = session.get(Call, call_id)
    if call is None or call.deleted_at is not None:
        raise LookupError(call_id)
    return call


def _title(call: Call) -> str:
    text = call.summary.strip() or call.caller.strip() or call.number
    return text.splitlines()[0][:200] if text else f"#{call.id}"


def _who(call: Call) -> str:
    return " ".join(p for p in (call.caller, call.organization, call.number) if p)


def from_call(session: Session, call_id: int, kind: str) -> Saved:
    """Make a ``kind`` record (task, supervision, petition) out of a call."""
    call = _call(session, call_id)
    for made_kind, made_id, _made in links(session, call_id):
        if made_kind == kind:
            return Saved(kind, made_id, already=True)  # pressing the key twice makes one
    received = clock.to_local(call.at).date()
    record: Task | SupervisionItem | Petition
    if kind == "task":
        record = Task(
            title=_title(call),
            notes=f"{_who(call)}\n{call.summary}".strip(),
            assigned_by=call.caller if call.direction == "incoming" else "",
            call_id=call.id,
        )
    elif kind == "supervision":
        record = SupervisionItem(
            title=_title(call),
            source=_who(call),
            notes=call.summary,
            assigned_on=received,
            due=received + timedelta(days=SUPERVISION_DAYS),
            call_id=call.id,
        )
    elif kind == "petition":
        record = Petition(
            channel="phone",
            petitioner=call.caller,
            phone=call.number,
            content=call.summary,
            received_at=call.at,
            reply_due=deadline_after(received, PETITION_REPLY_DAYS),
            call_id=call.id,
        )
    else:
        raise ValueError(kind)
    session.add(record)
    session.flush()
    table = type(record).__tablename__
    audit.record(session, "create", str(table), record.id, {**audit.values(record)})
    return Saved(kind, record.id or 0)


def links(session: Session, call_id: int) -> list[tuple[str, int, str]]:
    """What was made from a call: (kind, id, title)."""
    found: list[tuple[str, int, str]] = []
    for kind, model, title in (
        ("task", Task, Task.title),
        ("supervision", SupervisionItem, SupervisionItem.title),
        ("petition", Petition, Petition.content),
    ):
        rows = session.exec(
            select(model.id, title).where(  # type: ignore[attr-defined]
                model.call_id == call_id,  # type: ignore[attr-defined]
                col(model.deleted_at).is_(None),  # type: ignore[attr-defined]
            )
        ).all()
        found.extend((kind, row[0], row[1]) for row in rows)
    return found
