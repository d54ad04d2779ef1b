"""来访登记: register visitors, mark them left, list the log."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import or_
from sqlmodel import Session, col, func, select

from secdesk import clock
from secdesk.i18n import N_
from secdesk.models import Visit
from secdesk.services import audit
from secdesk.services.rows import like
from secdesk.services.views import InvalidInput, Page, Saved, VisitInput, VisitorRow

PAGE_SIZE = 100
FIELDS = tuple(VisitInput.__dataclass_fields__)


@dataclass
class VisitFilter:
    start: date | None = None
    end: date | None = None
    text: str = ""
    """Matched against name, organisation, host, purpose and phone."""


def _validate(data: VisitInput) -> VisitInput:
    data.name = data.name.strip()
    if not data.name:
        raise InvalidInput("name", N_("Enter the visitor's name"))
    if data.left_at is not None and data.left_at < data.arrived_at:
        raise InvalidInput("left_at", N_("Left before arriving?"))
    return data


def _stored(data: VisitInput) -> dict:
    values = asdict(data)
    values["arrived_at"] = clock.to_utc(data.arrived_at)
    values["left_at"] = clock.to_utc(data.left_at) if data.left_at else None
    return values


def log_visit(session: Session, data: VisitInput) -> Saved:
    data = _validate(data)
    visit = Visit(**_stored(data))
    session.add(visit)
    session.flush()
    audit.record(session, "create", "visit", visit.id, audit.values(visit))
    return Saved("visit", visit.id or 0)


def get_input(session: Session, visit_id: int) -> VisitInput:
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted_at is not None:
        raise LookupError(visit_id)
    values = {name: getattr(visit, name) for name in FIELDS}
    values["arrived_at"] = clock.to_local(visit.arrived_at)
    values["left_at"] = clock.to_local(visit.left_at) if visit.left_at else None
    return VisitInput(**values)


def update_visit(session: Session, visit_id: int, data: VisitInput) -> Saved:
    data = _validate(data)
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted_at is not None:
        raise LookupError(visit_id)
    changes = {}
    for name, value in _stored(data).items():
        old = getattr(visit, name)
        if old != value:
            changes[name] = [old, value]
            setattr(visit, name, value)
    if changes:
        visit.updated_at = clock.now_utc()
        session.add(visit)
        audit.record(session, "update", "visit", visit_id, changes)
    return Saved("visit", visit_id)


def mark_left(session: Session, visit_id: int, when: datetime | None = None) -> Saved:
    """The visitor left (now, unless ``when`` says otherwise)."""
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted_at is not None:
        raise LookupError(visit_id)
    left = clock.to_utc(when) if when else clock.now_utc()
    old = visit.left_at
    visit.left_at = max(left, visit.arrived_at)
    visit.updated_at = clock.now_utc()
    session.add(visit)
    audit.record(session, "update", "visit", visit_id, {"left_at": [old, visit.left_at]})
    return Saved("visit", visit_id)


def _row(visit: Visit, today_start: datetime) -> VisitorRow:
    return VisitorRow(
        id=visit.id or 0,
        name=visit.name,
        organization=visit.organization,
        host=visit.host,
        arrived_at=clock.to_local(visit.arrived_at),
        badge=visit.badge,
        not_signed_out=visit.left_at is None and visit.arrived_at < today_start,
    )


def list_visits(
    session: Session, flt: VisitFilter | None = None, offset: int = 0, limit: int = PAGE_SIZE
) -> Page:
    flt = flt or VisitFilter()
    query = select(Visit).where(col(Visit.deleted_at).is_(None))
    if flt.start:
        query = query.where(Visit.arrived_at >= clock.day_bounds(flt.start)[0])
    if flt.end:
        query = query.where(Visit.arrived_at < clock.day_bounds(flt.end)[1])
    text = flt.text.strip()
    if text:
        pattern = like(text)
        fields = (Visit.name, Visit.organization, Visit.host, Visit.purpose, Visit.phone)
        query = query.where(or_(*[col(f).like(pattern, escape="\\") for f in fields]))
    rows = session.exec(
        query.order_by(col(Visit.arrived_at).desc(), col(Visit.id).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    start = clock.day_bounds(clock.today())[0]
    return Page([_row(v, start) for v in rows], offset, int(total))


def visits_between(
    session: Session, start: datetime, end: datetime
) -> list[tuple[VisitorRow, datetime | None, str]]:
    """Visits that arrived in [start, end), oldest first, with when they left and why they came."""
    rows = session.exec(
        select(Visit)
        .where(
            col(Visit.deleted_at).is_(None),
            Visit.arrived_at >= clock.to_utc(start),
            Visit.arrived_at < clock.to_utc(end),
        )
        .order_by(col(Visit.arrived_at))
    ).all()
    day_start = clock.to_utc(start)
    return [
        (_row(v, day_start), clock.to_local(v.left_at) if v.left_at else None, v.purpose)
        for v in rows
    ]
