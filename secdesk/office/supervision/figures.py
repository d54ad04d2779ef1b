"""Supervision's part of the work summary: items opened, closed (on time or not) and
overdue in the period.

Wing: office/supervision. Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from secdesk.i18n import _
from secdesk.kinds.supervision import OPEN
from secdesk.models import SupervisionItem as Item
from secdesk.office.supervision.items import closed_on_time
from secdesk.services.reports import Period, Section, Table, count, in_period, live, percent, rate


def items(session: Session, period: Period, today: date) -> Section:
    """Items opened and closed in the period, closed on time, and overdue at its end (or
    today, for a period not over yet)."""
    opened = count(session, Item, *in_period(Item, "assigned_on", period))
    closed = session.exec(
        select(Item).where(live(Item), *in_period(Item, "closed_at", period))
    ).all()
    on_time = sum(1 for item in closed if closed_on_time(item))
    last = min(today, period.end)
    overdue = count(
        session,
        Item,
        col(Item.status).in_(list(OPEN)),
        Item.due < last,
        Item.assigned_on <= period.end,
    )
    return Section(
        figures={
            "supervision_opened": opened,
            "supervision_closed": len(closed),
            "supervision_closed_on_time": on_time,
            "supervision_on_time_rate": rate(on_time, len(closed)),
            "supervision_overdue": overdue,
        },
        tables=[
            Table(
                "supervision",
                _("Supervision items"),
                (_("Opened"), _("Closed"), _("Closed on time"), _("On-time rate"), _("Overdue")),
                [(opened, len(closed), on_time, percent(rate(on_time, len(closed))), overdue)],
            )
        ],
    )


def lines(figures: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (
            _("Supervision items opened / closed"),
            f"{figures['supervision_opened']} / {figures['supervision_closed']}",
        ),
        (_("Supervision closed on time"), percent(figures["supervision_on_time_rate"])),
        (_("Supervision items overdue"), str(figures["supervision_overdue"])),
    ]
