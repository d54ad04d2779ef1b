"""The documents' part of the work summary: documents received (by type, by sender, handled
on time) and documents issued (dispatched, by type).

Wing: office/documents. Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from secdesk.i18n import _
from secdesk.models import IncomingDocument, OutgoingDocument
from secdesk.services.reports import (
    Period,
    Section,
    Table,
    in_period,
    live,
    local_day,
    percent,
    rate,
)


def received(session: Session, period: Period, today: date) -> Section:
    """Documents received in the period, and how many of those due were handled in time."""
    found = session.exec(
        select(IncomingDocument).where(
            live(IncomingDocument), *in_period(IncomingDocument, "received_at", period)
        )
    ).all()
    due = on_time = 0
    for doc in found:
        done = local_day(doc.completed_at)
        if doc.due is None:
            continue
        if done is not None:
            due += 1
            on_time += done <= doc.due
        elif doc.due < today:
            due += 1
    by_type = Counter(doc.doc_type for doc in found)
    by_sender = Counter(doc.sender or "—" for doc in found)
    return Section(
        figures={
            "documents_received": len(found),
            "documents_received_on_time_rate": rate(on_time, due),
        },
        tables=[
            Table.counted(
                "documents_by_type", _("Documents received, by type"), _("Type"), by_type
            ),
            Table.counted(
                "documents_by_sender",
                _("Documents received, by sender"),
                _("Sender"),
                by_sender,
                most=15,
            ),
        ],
    )


def received_lines(figures: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (_("Documents received"), str(figures["documents_received"])),
        (_("Documents handled on time"), percent(figures["documents_received_on_time_rate"])),
    ]


def issued(session: Session, period: Period, today: date) -> Section:
    """Documents issued: dispatched (核发) in the period, by type."""
    doc = OutgoingDocument
    found = session.exec(
        select(doc).where(
            live(doc),
            col(doc.dispatched_at).is_not(None),
            col(doc.voided_at).is_(None),
            *in_period(doc, "dispatched_at", period),
        )
    ).all()
    return Section(
        figures={"documents_issued": len(found)},
        tables=[
            Table.counted(
                "documents_issued_by_type",
                _("Documents issued, by type"),
                _("Type"),
                Counter(d.doc_type for d in found),
            )
        ],
    )


def issued_lines(figures: dict[str, Any]) -> list[tuple[str, str]]:
    return [(_("Documents issued"), str(figures["documents_issued"]))]
