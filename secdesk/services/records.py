"""Reading, deleting and restoring any record by kind and id."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, SQLModel

from secdesk import clock
from secdesk.i18n import N_, _
from secdesk.labels import label
from secdesk.models import Call, IncomingDocument, Meeting, Petition, SupervisionItem, Task, Visit
from secdesk.services import audit
from secdesk.services.views import RecordDetail

MODELS: dict[str, type[SQLModel]] = {
    "call": Call,
    "visit": Visit,
    "incoming": IncomingDocument,
    "meeting": Meeting,
    "supervision": SupervisionItem,
    "task": Task,
    "petition": Petition,
}

#: kind -> (field, label msgid, value set for translation or None)
FIELDS: dict[str, list[tuple[str, str, str | None]]] = {
    "call": [
        ("at", N_("Time"), None),
        ("direction", N_("Direction"), "direction"),
        ("caller", N_("Caller"), None),
        ("number", N_("Number"), None),
        ("organization", N_("Organisation"), None),
        ("summary", N_("Summary"), None),
        ("message_for", N_("Message for"), None),
        ("follow_up", N_("Follow-up needed"), None),
        ("message_status", N_("Message status"), "message_status"),
    ],
    "visit": [
        ("name", N_("Name"), None),
        ("organization", N_("Organisation"), None),
        ("phone", N_("Phone"), None),
        ("id_number", N_("ID number"), None),
        ("host", N_("Host"), None),
        ("purpose", N_("Purpose"), None),
        ("arrived_at", N_("Arrived"), None),
        ("left_at", N_("Left"), None),
        ("badge", N_("Badge"), None),
    ],
    "incoming": [
        ("receipt_number", N_("Receipt number"), None),
        ("title", N_("Title"), None),
        ("sender", N_("Sender"), None),
        ("doc_number", N_("Document number"), None),
        ("doc_type", N_("Document type"), None),
        ("urgency", N_("Urgency"), "urgency"),
        ("classification", N_("Classification"), "classification"),
        ("received_at", N_("Received"), None),
        ("due", N_("Due"), None),
        ("status", N_("Status"), "incoming_status"),
        ("proposed_handling", N_("Proposed handling"), None),
        ("instruction", N_("Leader's instruction"), None),
        ("undertaking_unit", N_("Undertaking unit"), None),
    ],
    "meeting": [
        ("title", N_("Meeting"), None),
        ("starts_at", N_("Starts"), None),
        ("ends_at", N_("Ends"), None),
        ("location", N_("Location"), None),
        ("chair", N_("Chair"), None),
        ("participants", N_("Participants"), None),
        ("notes", N_("Notes"), None),
    ],
    "supervision": [
        ("title", N_("Matter"), None),
        ("source", N_("Source"), None),
        ("undertaking_unit", N_("Undertaking unit"), None),
        ("responsible", N_("Responsible"), None),
        ("assigned_on", N_("Assigned"), None),
        ("due", N_("Due"), None),
        ("progress", N_("Done"), None),
        ("status", N_("Status"), "supervision_status"),
        ("notes", N_("Notes"), None),
    ],
    "task": [
        ("title", N_("Task"), None),
        ("notes", N_("Notes"), None),
        ("assigned_by", N_("Assigned by"), None),
        ("due", N_("Due"), None),
        ("status", N_("Status"), "task_status"),
    ],
    "petition": [
        ("channel", N_("Channel"), "petition_channel"),
        ("petitioner", N_("Petitioner"), None),
        ("phone", N_("Phone"), None),
        ("content", N_("Content"), None),
        ("received_at", N_("Received"), None),
        ("reply_due", N_("Reply due"), None),
        ("status", N_("Status"), "petition_status"),
    ],
}


class RecordNotFound(LookupError):
    pass


def mask_id_number(value: str) -> str:
    """Show an identity number masked but for its last 4 characters."""
    if len(value) <= 4:
        return value
    return "*" * (len(value) - 4) + value[-4:]


def _format(value: Any, value_set: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return clock.to_local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if value_set:
        return label(value_set, value)
    return str(value)


def get(session: Session, kind: str, record_id: int) -> Any:
    model = MODELS[kind]
    obj = session.get(model, record_id)
    if obj is None or getattr(obj, "deleted_at", None) is not None:
        raise RecordNotFound(f"{kind} {record_id}")
    return obj


def detail(session: Session, kind: str, record_id: int) -> RecordDetail:
    """One record's fields, labelled and formatted for reading."""
    obj = get(session, kind, record_id)
    fields = []
    for name, msgid, value_set in FIELDS[kind]:
        value = getattr(obj, name)
        if name == "id_number":
            value = mask_id_number(value or "")
        fields.append((msgid, _format(value, value_set)))
    if kind == "call":
        from secdesk.services.followups import LINK_LABELS, links

        for link_kind, link_id, link_title in links(session, record_id):
            fields.append(
                (N_("Made into"), f"{_(LINK_LABELS[link_kind])} #{link_id}: {link_title}")
            )
    title = (
        getattr(obj, "title", None)
        or getattr(obj, "name", None)
        or getattr(obj, "caller", None)
        or getattr(obj, "summary", "")
    )
    return RecordDetail(kind=kind, id=record_id, title=str(title), fields=fields)


def delete(session: Session, kind: str, record_id: int) -> None:
    """Delete a record so that ``restore`` can bring it back; leaves an audit Event."""
    if kind == "contact":
        from secdesk.services import contacts

        contacts.delete_contact(session, record_id)
        return
    obj = get(session, kind, record_id)
    obj.deleted_at = clock.now_utc()
    session.add(obj)
    audit.record(session, "delete", MODELS[kind].__tablename__, record_id, audit.values(obj))


def restore(session: Session, kind: str, record_id: int) -> None:
    """Undo a delete."""
    if kind == "contact":
        from secdesk.services import contacts

        contacts.restore_contact(session, record_id)
        return
    model = MODELS[kind]
    obj = session.get(model, record_id)
    if obj is None:
        raise RecordNotFound(f"{kind} {record_id}")
    obj.deleted_at = None
    obj.updated_at = clock.now_utc()
    session.add(obj)
    audit.record(session, "restore", model.__tablename__, record_id, {})
