"""信息报送: information items submitted upward, whether they were adopted, and their part
of the work summary.

Wing: office (information reports). Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from secdesk.calendar import clock
from secdesk.i18n import N_, _
from secdesk.labels import label
from secdesk.models import InfoReport
from secdesk.services.inputs import InfoReportInput
from secdesk.services.records import RecordService
from secdesk.services.reports import Period, Section, Table, in_period, live, live_between
from secdesk.services.views import DayEntry

ENTRY = N_("Information submitted")


class InfoReportService(RecordService):
    def validate(self, session: Session, data: InfoReportInput) -> InfoReportInput:
        self.required(data, "title", N_("Enter the item's title"))
        data = super().validate(session, data)
        if not data.adopted_level:
            data.adopted_on = None
        return data


SERVICE = InfoReportService("inforeport")


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    """Information items submitted in [start, end)."""
    found = live_between(session, InfoReport, "submitted_at", start, end)
    return [
        DayEntry(clock.to_local(item.submitted_at), "inforeport", item.title, ENTRY, item.id or 0)
        for item in found
    ]


def figures(session: Session, period: Period, today: date) -> Section:
    """Items submitted in the period, and those adopted, by level."""
    found = session.exec(
        select(InfoReport).where(live(InfoReport), *in_period(InfoReport, "submitted_at", period))
    ).all()
    adopted = [item for item in found if item.adopted_level]
    levels = Counter(item.adopted_level for item in adopted)
    rows: list[tuple[Any, ...]] = [(_("Items submitted"), len(found)), (_("Adopted"), len(adopted))]
    rows += [(label("adopted_level", level), n) for level, n in levels.most_common()]
    return Section(
        figures={"info_reports_submitted": len(found), "info_reports_adopted": len(adopted)},
        tables=[Table("info_reports", _("Information reports"), (_("What"), _("Count")), rows)],
    )


def figure_lines(figures: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (
            _("Information reports submitted / adopted"),
            f"{figures['info_reports_submitted']} / {figures['info_reports_adopted']}",
        )
    ]
