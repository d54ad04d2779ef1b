"""信息报送: information items submitted upward, and whether they were adopted."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.i18n import N_
from secdesk.labels import LABELS
from secdesk.models import InfoReport
from secdesk.services.records import RecordService
from secdesk.services.views import DayEntry, InfoReportInput, InvalidInput

ENTRY = N_("Information submitted")


class InfoReportService(RecordService):
    def validate(self, session: Session, data: InfoReportInput) -> InfoReportInput:
        data.title = data.title.strip()
        if not data.title:
            raise InvalidInput("title", N_("Enter the item's title"))
        if data.adopted_level not in LABELS["adopted_level"]:
            raise InvalidInput("adopted_level", N_("Unknown level"))
        if not data.adopted_level:
            data.adopted_on = None
        return data


SERVICE = InfoReportService("inforeport")


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    """Information items submitted in [start, end)."""
    found = session.exec(
        select(InfoReport).where(
            col(InfoReport.deleted_at).is_(None),
            InfoReport.submitted_at >= start,
            InfoReport.submitted_at < end,
        )
    ).all()
    return [
        DayEntry(clock.to_local(item.submitted_at), "inforeport", item.title, ENTRY, item.id or 0)
        for item in found
    ]
