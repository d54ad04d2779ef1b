"""The daily dashboard: what needs the secretary today, in one query per panel."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from secdesk import clock
from secdesk.models import Call, Event, IncomingDocument, Meeting, SupervisionItem, Visit
from secdesk.models.call import MessageStatus
from secdesk.models.document import CLOSED_INCOMING, IncomingStatus
from secdesk.models.supervision import SupervisionStatus
from secdesk.services.rows import call_row
from secdesk.services.views import (
    CallRow,
    Colour,
    Dashboard,
    InboxRow,
    MeetingRow,
    SupervisionRow,
    VisitorRow,
)
from secdesk.services.workdays import day_info

OPEN_INCOMING = [s.value for s in IncomingStatus if s not in CLOSED_INCOMING]

#: Rows per panel; the totals say how many more there are.
PANEL_LIMIT = 100
MEETING_DAYS = 7


def _count(session: Session, statement) -> int:  # noqa: ANN001
    return int(session.exec(select(func.count()).select_from(statement.subquery())).one())


def inbox(session: Session, limit: int = PANEL_LIMIT) -> tuple[list[InboxRow], int]:
    """Incoming documents not yet completed: 特急, 加急, then by due date."""
    live = select(IncomingDocument).where(
        col(IncomingDocument.deleted_at).is_(None),
        # IN (open states) rather than NOT IN (closed ones): SQLite can use the status index.
        col(IncomingDocument.status).in_(OPEN_INCOMING),
    )
    rank = case(
        (col(IncomingDocument.urgency) == "extra_urgent", 0),
        (col(IncomingDocument.urgency) == "urgent", 1),
        else_=2,
    )
    rows = session.exec(
        live.order_by(
            rank,
            col(IncomingDocument.due).is_(None),
            col(IncomingDocument.due),
            col(IncomingDocument.received_at),
        ).limit(limit)
    ).all()
    return [
        InboxRow(
            id=d.id or 0,
            receipt_number=d.receipt_number,
            title=d.title,
            sender=d.sender,
            doc_number=d.doc_number,
            urgency=d.urgency,
            classification=d.classification,
            due=d.due,
            status=d.status,
        )
        for d in rows
    ], _count(session, live)


def meetings(session: Session, day: date, days: int = MEETING_DAYS) -> list[MeetingRow]:
    """Today's meetings and those of the next ``days`` days, in time order."""
    start, _ = clock.day_bounds(day)
    _, end = clock.day_bounds(day + timedelta(days=days))
    rows = session.exec(
        select(Meeting)
        .where(
            col(Meeting.deleted_at).is_(None),
            col(Meeting.cancelled).is_(False),
            Meeting.starts_at >= start,
            Meeting.starts_at < end,
        )
        .order_by(col(Meeting.starts_at))
        .limit(PANEL_LIMIT)
    ).all()
    return [MeetingRow(m.id or 0, m.title, clock.to_local(m.starts_at), m.location) for m in rows]


def calls(session: Session, day: date, limit: int = PANEL_LIMIT) -> tuple[list[CallRow], int, int]:
    """The day's calls, newest first; with the day's total and how many await follow-up."""
    start, end = clock.day_bounds(day)
    todays = select(Call).where(col(Call.deleted_at).is_(None), Call.at >= start, Call.at < end)
    rows = session.exec(todays.order_by(col(Call.at).desc(), col(Call.id).desc()).limit(limit))
    result = [call_row(c) for c in rows.all()]
    awaiting = todays.where(
        col(Call.follow_up).is_(True), Call.message_status != MessageStatus.passed
    )
    return result, _count(session, todays), _count(session, awaiting)


def supervision_colour(item: SupervisionItem, day: date, due_soon_days: int) -> Colour:
    """Red overdue, blue due soon, yellow behind pace (less done than time used)."""
    days_left = (item.due - day).days
    if days_left < 0:
        return Colour.red
    if days_left <= due_soon_days:
        return Colour.blue
    span = max(1, (item.due - item.assigned_on).days)
    used = (day - item.assigned_on).days / span
    if item.progress < used * 100:
        return Colour.yellow
    return Colour.none


def supervision(
    session: Session, day: date, due_soon_days: int = 3, limit: int = PANEL_LIMIT
) -> tuple[list[SupervisionRow], int, int]:
    """Open supervision items, overdue first, then by due date."""
    open_items = select(SupervisionItem).where(
        col(SupervisionItem.deleted_at).is_(None),
        SupervisionItem.status == SupervisionStatus.open,
    )
    rows = session.exec(
        open_items.order_by(col(SupervisionItem.due), col(SupervisionItem.id)).limit(limit)
    ).all()
    result = [
        SupervisionRow(
            id=s.id or 0,
            title=s.title,
            undertaking_unit=s.undertaking_unit,
            due=s.due,
            days_left=(s.due - day).days,
            colour=supervision_colour(s, day, due_soon_days),
            progress=s.progress,
        )
        for s in rows
    ]
    overdue = open_items.where(SupervisionItem.due < day)
    return result, _count(session, open_items), _count(session, overdue)


def visitors(session: Session, day: date) -> tuple[list[VisitorRow], int]:
    """Who is in the building now (not marked left), and how many came today."""
    start, end = clock.day_bounds(day)
    inside = session.exec(
        select(Visit)
        .where(col(Visit.deleted_at).is_(None), col(Visit.left_at).is_(None))
        .order_by(col(Visit.arrived_at))
        .limit(PANEL_LIMIT)
    ).all()
    rows = [
        VisitorRow(
            id=v.id or 0,
            name=v.name,
            organization=v.organization,
            host=v.host,
            arrived_at=clock.to_local(v.arrived_at),
            badge=v.badge,
            not_signed_out=v.arrived_at < start,
        )
        for v in inside
    ]
    today_count = _count(
        session,
        select(Visit).where(
            col(Visit.deleted_at).is_(None), Visit.arrived_at >= start, Visit.arrived_at < end
        ),
    )
    return rows, today_count


def build(session: Session, day: date | None = None, due_soon_days: int = 3) -> Dashboard:
    """The whole dashboard for the local ``day`` (default: today)."""
    day = day or clock.today()
    # Read first, in the same transaction: the panels below are at least this new.
    generation = session.exec(select(func.max(Event.id))).one() or 0
    inbox_rows, inbox_total = inbox(session)
    call_rows, calls_total, calls_awaiting = calls(session, day)
    sup_rows, sup_total, sup_overdue = supervision(session, day, due_soon_days)
    visitor_rows, visits_today = visitors(session, day)
    return Dashboard(
        day=day_info(day),
        inbox=inbox_rows,
        inbox_total=inbox_total,
        meetings=meetings(session, day),
        calls=call_rows,
        calls_total=calls_total,
        calls_awaiting=calls_awaiting,
        supervision=sup_rows,
        supervision_total=sup_total,
        supervision_overdue=sup_overdue,
        visitors=visitor_rows,
        visits_today=visits_today,
        generation=int(generation),
    )
