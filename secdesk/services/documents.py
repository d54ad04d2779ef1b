"""收文: the register of incoming documents, the Inbox panel and the duty log's entries."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import case, or_
from sqlmodel import Session, col, select

from secdesk import clock
from secdesk.config import Settings
from secdesk.i18n import N_, _, format_short_date
from secdesk.labels import label
from secdesk.models import IncomingDocument
from secdesk.models.document import CLOSED_INCOMING, IncomingStatus
from secdesk.services.phrases import count_note, count_rows, with_detail
from secdesk.services.records import RecordService
from secdesk.services.views import Cell, DayEntry, PanelData, Row, Tone

OPEN_INCOMING = [s.value for s in IncomingStatus if s not in CLOSED_INCOMING]
PANEL_LIMIT = 100
RECEIVED = N_("Document received")
COMPLETED = N_("Document completed")
URGENCY_TONE = {"extra_urgent": Tone.alert, "urgent": Tone.flag}


def _classification(doc: IncomingDocument) -> Cell:
    tone = Tone.secret if doc.classification != "none" else Tone.muted
    return Cell(label("classification", doc.classification), tone)


def _due(doc: IncomingDocument, today: date) -> Cell:
    if doc.due is None:
        return Cell("")
    late = doc.due < today and doc.status not in CLOSED_INCOMING
    return Cell(format_short_date(doc.due, today), Tone.alert if late else Tone.plain)


class DocumentService(RecordService):
    def label_of(self, obj: IncomingDocument) -> str:
        return f"{obj.receipt_number} {obj.title}"

    def row(self, obj: IncomingDocument, today: date) -> Row:
        return Row(
            "incoming",
            obj.id or 0,
            (
                Cell(obj.receipt_number),
                Cell(format_short_date(clock.to_local(obj.received_at).date(), today)),
                Cell(label("urgency", obj.urgency), URGENCY_TONE.get(obj.urgency, Tone.plain)),
                _classification(obj),
                Cell(obj.title),
                Cell(obj.sender),
                _due(obj, today),
                Cell(label("incoming_status", obj.status)),
            ),
            {**self.json_values(obj), "receipt_number": obj.receipt_number},
        )


SERVICE = DocumentService("incoming")


def panel(session: Session, day: date, settings: Settings) -> PanelData:
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
    found = session.exec(
        live.order_by(
            rank,
            col(IncomingDocument.due).is_(None),
            col(IncomingDocument.due),
            col(IncomingDocument.received_at),
        ).limit(PANEL_LIMIT)
    ).all()
    rows = tuple(
        Row(
            "incoming",
            d.id or 0,
            (
                Cell(d.receipt_number),
                Cell(label("urgency", d.urgency), URGENCY_TONE.get(d.urgency, Tone.plain)),
                _classification(d),
                Cell(d.title),
                Cell(d.sender),
                _due(d, day),
            ),
            {**SERVICE.json_values(d), "receipt_number": d.receipt_number},
        )
        for d in found
    )
    total = count_rows(session, live)
    return PanelData("inbox", "incoming", rows, total, count_note(len(rows), total))


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    """Documents received or completed in [start, end)."""
    received = (col(IncomingDocument.received_at) >= start) & (
        col(IncomingDocument.received_at) < end
    )
    completed = (col(IncomingDocument.completed_at) >= start) & (
        col(IncomingDocument.completed_at) < end
    )
    docs = session.exec(
        select(IncomingDocument).where(
            col(IncomingDocument.deleted_at).is_(None), or_(received, completed)
        )
    ).all()
    entries = []
    for doc in docs:
        text = _("“{title}”").format(title=doc.title)
        if doc.sender:
            text = _("{title} from {sender}").format(title=text, sender=doc.sender)
        text = with_detail(text, doc.doc_number)
        for entry_label, moment in ((RECEIVED, doc.received_at), (COMPLETED, doc.completed_at)):
            if moment is not None and start <= clock.to_utc(moment) < end:
                entries.append(
                    DayEntry(
                        clock.to_local(moment),
                        "incoming",
                        text,
                        entry_label,
                        doc.id or 0,
                        order=1,
                        tone=Tone.strong,
                    )
                )
    return entries
