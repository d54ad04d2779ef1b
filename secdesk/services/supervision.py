"""督查督办: supervision items, their colours (red overdue, blue due soon, yellow behind
pace), the dashboard's deadline panel and the list."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from secdesk import clock
from secdesk.config import Settings
from secdesk.i18n import N_, _, format_short_date, ngettext
from secdesk.labels import label
from secdesk.models import SupervisionItem
from secdesk.models.supervision import SupervisionStatus
from secdesk.services.phrases import count_note, count_rows
from secdesk.services.records import RecordService, stamp_when
from secdesk.services.views import (
    Cell,
    Colour,
    DayEntry,
    InvalidInput,
    PanelData,
    Row,
    SupervisionInput,
    Tone,
)

PANEL_LIMIT = 100
ENTRY = N_("Supervision item opened")
COLOUR_TONE = {
    Colour.red: Tone.alert,
    Colour.blue: Tone.soon,
    Colour.yellow: Tone.behind,
    Colour.none: Tone.plain,
}


def colour(item: SupervisionItem, day: date, due_soon_days: int) -> Colour:
    """Red overdue, blue due soon, yellow behind pace (less done than time used)."""
    if item.status == SupervisionStatus.closed:
        return Colour.none
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


def days_left_text(days_left: int) -> str:
    if days_left < 0:
        return ngettext("{n} day late", "{n} days late", -days_left).format(n=-days_left)
    if days_left == 0:
        return _("due today")
    return ngettext("{n} day", "{n} days", days_left).format(n=days_left)


def _cells(item: SupervisionItem, day: date, due_soon_days: int) -> list[Cell]:
    tone = COLOUR_TONE[colour(item, day, due_soon_days)]
    left = "" if item.status == SupervisionStatus.closed else days_left_text((item.due - day).days)
    return [
        Cell(left, tone),
        Cell(item.title),
        Cell(item.undertaking_unit),
        Cell(format_short_date(item.due, day)),
        Cell(f"{item.progress}%"),
    ]


class SupervisionService(RecordService):
    def validate(self, session: Session, data: SupervisionInput) -> SupervisionInput:
        data.title = data.title.strip()
        if not data.title:
            raise InvalidInput("title", N_("Enter the matter to supervise"))
        if data.due is None:
            raise InvalidInput("due", N_("Enter the time limit"))
        if data.due < data.assigned_on:
            raise InvalidInput("due", N_("Due before it was assigned?"))
        if data.status not in SupervisionStatus.__members__:
            raise InvalidInput("status", N_("Unknown status"))
        if not 0 <= data.progress <= 100:
            raise InvalidInput("progress", N_("Between 0 and 100"))
        return data

    def stored(
        self, session: Session, data: SupervisionInput, obj: SupervisionItem | None = None
    ) -> dict:
        values = super().stored(session, data, obj)
        stamp_when(values, obj, "closed_at", data.status == SupervisionStatus.closed)
        return values

    def row(self, obj: SupervisionItem, today: date, due_soon_days: int = 3) -> Row:
        cells = _cells(obj, today, due_soon_days)
        cells.append(Cell(label("supervision_status", obj.status)))
        return Row("supervision", obj.id or 0, tuple(cells), self.json_values(obj))

    def rows(
        self, session: Session, found: list[Any], today: date, settings: Settings
    ) -> list[Row]:
        # Blue from the number of days the user set, as on the dashboard.
        return [self.row(obj, today, settings.due_soon_days) for obj in found]

    def detail_extra(self, session: Session, obj: SupervisionItem) -> list[tuple[str, str]]:
        from secdesk.services.tasks import from_call_line

        return from_call_line(session, obj.call_id)


SERVICE = SupervisionService("supervision")


def panel(session: Session, day: date, settings: Settings) -> PanelData:
    """Open items, the earliest due first (so overdue ones lead)."""
    open_items = select(SupervisionItem).where(
        col(SupervisionItem.deleted_at).is_(None),
        SupervisionItem.status == SupervisionStatus.open,
    )
    found = session.exec(
        open_items.order_by(col(SupervisionItem.due), col(SupervisionItem.id)).limit(PANEL_LIMIT)
    ).all()
    rows = tuple(
        Row(
            "supervision",
            s.id or 0,
            tuple(_cells(s, day, settings.due_soon_days)),
            {
                **SERVICE.json_values(s),
                "days_left": (s.due - day).days,
                "colour": colour(s, day, settings.due_soon_days).value,
            },
        )
        for s in found
    )
    total = count_rows(session, open_items)
    overdue = count_rows(session, open_items.where(SupervisionItem.due < day))
    first = _("{n} overdue").format(n=overdue) if overdue else ""
    return PanelData("supervision", "supervision", rows, total, count_note(len(rows), total, first))


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    """Items registered in [start, end)."""
    found = session.exec(
        select(SupervisionItem).where(
            col(SupervisionItem.deleted_at).is_(None),
            SupervisionItem.created_at >= start,
            SupervisionItem.created_at < end,
        )
    ).all()
    return [
        DayEntry(clock.to_local(s.created_at), "supervision", s.title, ENTRY, s.id or 0)
        for s in found
    ]
