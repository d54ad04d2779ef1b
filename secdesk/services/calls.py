"""The telephone record: log, edit, list and search calls."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import or_
from sqlmodel import Session, col, func, select

from secdesk import clock
from secdesk.i18n import N_
from secdesk.models import Call
from secdesk.models.call import CallDirection, MessageStatus
from secdesk.services import audit, contacts
from secdesk.services.rows import call_row, like
from secdesk.services.views import CallInput, CallRow, InvalidInput, Page, Saved

PAGE_SIZE = 100
FIELDS = tuple(CallInput.__dataclass_fields__)


@dataclass
class CallFilter:
    """What the Calls screen narrows the log to; empty means everything."""

    start: date | None = None
    """First local day included."""
    end: date | None = None
    """Last local day included."""
    direction: str | None = None
    text: str = ""
    """Matched against caller, number, organisation, summary and message-for."""
    contact_id: int | None = None


def _validate(data: CallInput) -> CallInput:
    data.caller = data.caller.strip()
    data.summary = data.summary.strip()
    if not data.caller and not data.summary:
        raise InvalidInput("caller", N_("Enter the caller or what was said"))
    if data.direction not in CallDirection.__members__:
        raise InvalidInput("direction", N_("Unknown direction"))
    if data.message_status not in MessageStatus.__members__:
        raise InvalidInput("message_status", N_("Unknown message status"))
    if data.at.tzinfo is None:
        raise InvalidInput("at", N_("Cannot read this time"))
    data.number = data.number.strip()
    return data


def log_call(session: Session, data: CallInput, source: str = "desk") -> Saved:
    """Save a new call (one transaction with its audit Event).

    A known number links the call to its contact and fills the organisation; an unknown
    caller with a number is returned so the desk can offer to add them."""
    data = _validate(data)
    match = contacts.by_number(session, data.number) if data.number else None
    if match and data.contact_id is None:
        data.contact_id = match.id
        data.organization = data.organization or match.organization
        data.caller = data.caller or match.name
    call = Call(**{**asdict(data), "at": clock.to_utc(data.at)}, source=source)
    session.add(call)
    session.flush()
    audit.record(session, "create", "call", call.id, audit.values(call))
    unknown = None
    if not match and data.contact_id is None and data.number and data.caller:
        unknown = (data.caller, data.number, data.organization)
    return Saved("call", call.id or 0, unknown)


def get_input(session: Session, call_id: int) -> CallInput:
    """A saved call as the form's fields, for editing."""
    call = session.get(Call, call_id)
    if call is None or call.deleted_at is not None:
        raise LookupError(call_id)
    values = {name: getattr(call, name) for name in FIELDS}
    values["at"] = clock.to_local(call.at)
    return CallInput(**values)


def update_call(session: Session, call_id: int, data: CallInput) -> Saved:
    """Save changes to a call; the audit Event keeps every old value."""
    data = _validate(data)
    call = session.get(Call, call_id)
    if call is None or call.deleted_at is not None:
        raise LookupError(call_id)
    new = {**asdict(data), "at": clock.to_utc(data.at)}
    changes = {}
    for name, value in new.items():
        old = getattr(call, name)
        if old != value:
            changes[name] = [old, value]
            setattr(call, name, value)
    if changes:
        call.updated_at = clock.now_utc()
        session.add(call)
        audit.record(session, "update", "call", call_id, changes)
    return Saved("call", call_id)


def _filtered(flt: CallFilter):  # noqa: ANN202
    query = select(Call).where(col(Call.deleted_at).is_(None))
    if flt.start:
        query = query.where(Call.at >= clock.day_bounds(flt.start)[0])
    if flt.end:
        query = query.where(Call.at < clock.day_bounds(flt.end)[1])
    if flt.direction:
        query = query.where(Call.direction == flt.direction)
    if flt.contact_id:
        query = query.where(Call.contact_id == flt.contact_id)
    text = flt.text.strip()
    if text:
        pattern = like(text)
        fields = (Call.caller, Call.number, Call.organization, Call.summary, Call.message_for)
        query = query.where(or_(*[col(f).like(pattern, escape="\\") for f in fields]))
    return query


def list_calls(
    session: Session, flt: CallFilter | None = None, offset: int = 0, limit: int = PAGE_SIZE
) -> Page:
    """One page of calls, newest first, and how many match in all (paged in SQL)."""
    query = _filtered(flt or CallFilter())
    rows = session.exec(
        query.order_by(col(Call.at).desc(), col(Call.id).desc()).offset(offset).limit(limit)
    ).all()
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    return Page([call_row(c) for c in rows], offset, int(total))


def calls_between(session: Session, start: datetime, end: datetime) -> list[CallRow]:
    """Every call in [start, end), oldest first (for the duty log)."""
    rows = session.exec(
        select(Call)
        .where(
            col(Call.deleted_at).is_(None),
            Call.at >= clock.to_utc(start),
            Call.at < clock.to_utc(end),
        )
        .order_by(col(Call.at))
    ).all()
    return [call_row(c) for c in rows]
