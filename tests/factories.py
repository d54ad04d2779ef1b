"""Small builders of records for tests (local times are given in the clock's zone)."""

from __future__ import annotations

from datetime import date, datetime
from itertools import count
from typing import TypeVar

from secdesk.calendar import clock
from secdesk.models import (
    Call,
    IncomingDocument,
    Meeting,
    OutgoingDocument,
    SupervisionItem,
    Visit,
)

_serial = count(1)
R = TypeVar("R")


def _added(session, obj):  # noqa: ANN001, ANN202
    """``obj`` added to the session and flushed (so it has its id)."""
    session.add(obj)
    session.flush()
    return obj


def stored(session, model: type[R], record_id: int) -> R:  # noqa: ANN001
    """The record as it stands in the database now (read again after a service wrote it)."""
    found = session.get(model, record_id)
    assert found is not None
    session.refresh(found)
    return found


def local(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return clock.to_utc(datetime(y, mo, d, h, mi, tzinfo=clock.zone()))


def call(session, at: datetime, **kw) -> Call:  # noqa: ANN001
    return _added(session, Call(at=at, **{"caller": "张三", "summary": "询问预算", **kw}))


def visit(session, arrived_at: datetime, **kw) -> Visit:  # noqa: ANN001
    return _added(session, Visit(arrived_at=arrived_at, **{"name": "李四", **kw}))


def document(session, **kw) -> IncomingDocument:  # noqa: ANN001
    defaults = {
        "year": 2026,
        "serial": next(_serial),
        "received_at": local(2026, 11, 20),
        "title": "关于做好冬季安全生产工作的通知",
        "sender": "某市政府办公室",
        "doc_number": "某府办发〔2026〕3号",
    }
    return _added(session, IncomingDocument(**{**defaults, **kw}))


def numbered(session, prefix: str, serial: int, year: int = 2026, **kw) -> OutgoingDocument:  # noqa: ANN001
    """An outgoing document holding ``prefix〔year〕serial号`` in the register."""
    defaults = {"title": "旧文", "drafted_at": local(year, 1, 5)}
    number = f"{prefix}〔{year}〕{serial}号"
    return _added(
        session,
        OutgoingDocument(
            prefix=prefix, year=year, serial=serial, doc_number=number, **{**defaults, **kw}
        ),
    )


def meeting(session, starts_at: datetime, **kw) -> Meeting:  # noqa: ANN001
    return _added(
        session,
        Meeting(starts_at=starts_at, **{"title": "局党组会", "location": "三楼会议室", **kw}),
    )


def supervision(session, due: date, **kw) -> SupervisionItem:  # noqa: ANN001
    defaults = {"title": "落实安全生产检查", "assigned_on": date(2026, 11, 1)}
    return _added(session, SupervisionItem(due=due, **{**defaults, **kw}))


def contact(  # noqa: ANN201
    session,  # noqa: ANN001
    name: str,
    numbers: list[tuple[str, str]] | None = None,
    organization: str = "",
    **kw,  # noqa: ANN003
) -> int:
    """Add a contact through the contact book's service; returns its id."""
    from secdesk.office.contacts import book as contacts
    from secdesk.services.inputs import ContactInput

    data = ContactInput(name=name, numbers=list(numbers or []), organization=organization, **kw)
    return contacts.add_contact(session, data).id


def filled_database(path, fill):  # noqa: ANN001, ANN201
    """A database file at ``path`` holding what ``fill(session)`` adds (one transaction)."""
    from secdesk.services.store import Store

    store = Store(path)
    try:
        store.write(fill)
    finally:
        store.close()
    return path
