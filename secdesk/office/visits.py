"""来访登记: register visitors, mark them left (undoably), list the log; who is in the
building now.

Wing: office. Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.config import Settings
from secdesk.i18n import N_, _, format_moment
from secdesk.models import Visit
from secdesk.office.lean.visits import not_signed_out, visitor_row
from secdesk.services import audit
from secdesk.services.inputs import VisitInput
from secdesk.services.phrases import count_rows, saying, with_detail
from secdesk.services.records import RecordService
from secdesk.services.views import Cell, DayEntry, InvalidInput, PanelData, Row, Saved, Tone, Undo

PANEL_LIMIT = 100
ARRIVED = N_("Visitor arrived")
LEFT = N_("Visitor left")


class VisitService(RecordService):
    def validate(self, session: Session, data: VisitInput) -> VisitInput:
        data.name = data.name.strip()
        data.id_number = data.id_number.strip()
        if not data.name:
            raise InvalidInput("name", N_("Enter the visitor's name"))
        if data.left_at is not None and data.left_at < data.arrived_at:
            raise InvalidInput("left_at", N_("Left before arriving?"))
        return data

    def label_of(self, obj: Visit) -> str:
        return obj.name

    def row(self, obj: Visit, today: date) -> Row:
        arrived = clock.to_local(obj.arrived_at)
        forgotten = not_signed_out(obj, today)
        left = ""
        if obj.left_at is not None:
            moment = clock.to_local(obj.left_at)
            left = (
                f"{moment:%H:%M}"
                if moment.date() == arrived.date()
                else format_moment(moment, today)
            )
        return Row(
            "visit",
            obj.id or 0,
            (
                Cell(format_moment(arrived, today), Tone.alert if forgotten else Tone.plain),
                Cell(obj.name),
                Cell(obj.organization),
                Cell(obj.host),
                Cell(obj.purpose),
                Cell(left),
            ),
            self.json_values(obj),
        )


SERVICE = VisitService("visit")


def log_visit(session: Session, data: VisitInput) -> Saved:
    return SERVICE.create(session, data)


def mark_left(session: Session, visit_id: int, when: datetime | None = None) -> Undo:
    """The visitor left (now, unless ``when`` says otherwise); ``records.undo`` takes the
    returned token back."""
    visit = SERVICE.get(session, visit_id)
    left = clock.to_utc(when) if when else clock.now_utc()
    old = visit.left_at
    arrived = clock.to_utc(visit.arrived_at)
    audit.apply_edit(session, visit, "visit", {"left_at": max(left, arrived)})
    return Undo(
        "visit",
        visit_id,
        "revert",
        _("marked {name} as left").format(name=visit.name),
        {"left_at": old.isoformat() if old else None},
    )


def panel(session: Session, day: date, settings: Settings) -> PanelData:
    """Who is in the building now (not marked left), and how many came today."""
    start, end = clock.day_bounds(day)
    inside = session.exec(
        select(Visit)
        .where(col(Visit.deleted_at).is_(None), col(Visit.left_at).is_(None))
        .order_by(col(Visit.arrived_at))
        .limit(PANEL_LIMIT)
    ).all()
    rows = [visitor_row(v, day, not_signed_out(v, day), SERVICE.json_values(v)) for v in inside]
    today_count = count_rows(
        session,
        select(Visit).where(
            col(Visit.deleted_at).is_(None), Visit.arrived_at >= start, Visit.arrived_at < end
        ),
    )
    subtitle = _("{inside} in the building · {today} today").format(
        inside=len(rows), today=today_count
    )
    return PanelData("visitors", "visit", tuple(rows), len(rows), subtitle)


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    """Visitors who arrived or left in [start, end)."""
    found = session.exec(
        select(Visit).where(
            col(Visit.deleted_at).is_(None),
            (
                (col(Visit.arrived_at) >= start) & (col(Visit.arrived_at) < end)
                | ((col(Visit.left_at) >= start) & (col(Visit.left_at) < end))
            ),
        )
    ).all()
    entries = []
    for visit in found:
        who = with_detail(visit.name, visit.organization)
        arrived = clock.to_utc(visit.arrived_at)
        if start <= arrived < end:
            text = who
            if visit.host:
                text = _("{visitor} to see {host}").format(visitor=who, host=visit.host)
            entries.append(
                DayEntry(
                    clock.to_local(arrived),
                    "visit",
                    saying(text, visit.purpose),
                    ARRIVED,
                    visit.id or 0,
                    order=2,
                )
            )
        if visit.left_at is not None and start <= clock.to_utc(visit.left_at) < end:
            entries.append(
                DayEntry(
                    clock.to_local(visit.left_at),
                    "visit",
                    who,
                    LEFT,
                    visit.id or 0,
                    order=4,
                    tone=Tone.muted,
                )
            )
    return entries
