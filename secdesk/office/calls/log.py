"""The telephone record: log, edit, list and show calls; today's telephone log.

Wing: office/calls. Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.config import Settings
from secdesk.i18n import N_, _, format_moment
from secdesk.models import Call
from secdesk.models.call import CallDirection
from secdesk.office.contacts import book as contacts
from secdesk.services.inputs import CallInput
from secdesk.services.phrases import count_note, count_rows, saying, with_detail
from secdesk.services.records import RecordService
from secdesk.services.views import Cell, DayEntry, InvalidInput, PanelData, Row, Saved, Tone

#: Rows per dashboard panel; its subtitle says how many more there are.
PANEL_LIMIT = 100
DIRECTION_LABELS = {"incoming": N_("Incoming call"), "outgoing": N_("Outgoing call")}


def mark(call: Call) -> Cell:
    """← or → for the direction, ! when it awaits follow-up."""
    arrow = "←" if call.direction == CallDirection.incoming else "→"
    if call.awaiting_follow_up:
        return Cell(f"{arrow}!", Tone.flag)
    return Cell(arrow, Tone.muted)


class CallService(RecordService):
    def validate(self, session: Session, data: CallInput) -> CallInput:
        self.required(data, "caller", N_("Enter the caller or what was said"), "summary")
        data = super().validate(session, data)
        if data.at.tzinfo is None:
            raise InvalidInput("at", N_("Cannot read this time"))
        data.number = data.number.strip()
        return data

    def create(self, session: Session, data: CallInput, **extra: Any) -> Saved:
        """A known number links the call to its contact and fills the organisation; an
        unknown caller with a number is returned so the desk can offer to add them."""
        data = self.validate(session, data)
        match = contacts.by_number(session, data.number) if data.number else None
        if match and data.contact_id is None:
            data.contact_id = match.id
            data.organization = data.organization or match.organization
            data.caller = data.caller or match.name
        saved = super().create(session, data, **extra)
        if not match and data.contact_id is None and data.number and data.caller:
            return Saved(
                saved.kind,
                saved.id,
                (data.caller, data.number, data.organization),
                version=saved.version,
                label=saved.label,
            )
        return saved

    def label_of(self, obj: Call) -> str:
        return obj.caller or obj.number or super().label_of(obj)

    def row(self, obj: Call, today: date) -> Row:
        return Row(
            "call",
            obj.id or 0,
            (
                mark(obj),
                Cell(format_moment(clock.to_local(obj.at), today)),
                Cell(obj.caller),
                Cell(obj.number),
                Cell(obj.organization),
                Cell(obj.summary),
                Cell(obj.message_for),
            ),
            self.json_values(obj),
        )

    def detail_extra(self, session: Session, obj: Call) -> list[tuple[str, str]]:
        from secdesk.kinds import get
        from secdesk.office.calls.followups import links

        return [
            (N_("Made into"), f"{_(get(kind).title)} #{made_id}: {title}")
            for kind, made_id, title in links(session, obj.id or 0)
        ]

    def json_values(self, obj: Any) -> dict[str, Any]:
        return {**super().json_values(obj), "awaiting_follow_up": bool(obj.awaiting_follow_up)}


SERVICE = CallService("call")


def log_call(session: Session, data: CallInput, source: str = "desk") -> Saved:
    """Save a new call (one transaction with its audit Event)."""
    return SERVICE.create(session, data, source=source)


def panel(session: Session, day: date, settings: Settings) -> PanelData:
    """The day's calls, newest first; the subtitle counts them and those awaiting
    follow-up."""
    start, end = clock.day_bounds(day)
    todays = select(Call).where(col(Call.deleted_at).is_(None), Call.at >= start, Call.at < end)
    found = session.exec(
        todays.order_by(col(Call.at).desc(), col(Call.id).desc()).limit(PANEL_LIMIT)
    ).all()
    rows = tuple(
        Row(
            "call",
            c.id or 0,
            (
                mark(c),
                Cell(f"{clock.to_local(c.at):%H:%M}"),
                Cell(c.caller or c.number),
                Cell(c.organization),
                Cell(c.summary),
                Cell(c.message_for),
            ),
            SERVICE.json_values(c),
        )
        for c in found
    )
    total = count_rows(session, todays)
    awaiting = count_rows(session, todays.where(Call.awaiting_follow_up))
    first = _("{n} awaiting follow-up").format(n=awaiting) if awaiting else ""
    return PanelData("calls", "call", rows, total, count_note(len(rows), total, first))


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    """The calls of [start, end) for the duty log."""
    found = session.exec(
        select(Call)
        .where(col(Call.deleted_at).is_(None), Call.at >= start, Call.at < end)
        .order_by(col(Call.at))
    ).all()
    entries = []
    for call in found:
        text = saying(with_detail(call.caller or call.number, call.organization), call.summary)
        if call.message_for:
            text = _("{text} (for {whom})").format(text=text, whom=call.message_for)
        entries.append(
            DayEntry(
                clock.to_local(call.at),
                "call",
                text,
                DIRECTION_LABELS.get(call.direction, ""),
                call.id or 0,
                order=3,
                tone=Tone.flag if call.awaiting_follow_up else Tone.plain,
            )
        )
    return entries
