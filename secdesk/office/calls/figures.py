"""The front desk's part of the work summary: calls (in and out) and visitors, by day.

Wing: office/calls. Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from secdesk.i18n import _
from secdesk.models import Call, Visit
from secdesk.services.reports import Period, Section, Table, count, counts_by_day, in_period


def calls_and_visitors(session: Session, period: Period, today: date) -> Section:
    """Calls and visitors of the period, in all and by day."""
    calls_by_day = counts_by_day(session, Call, "at", period)
    visits_by_day = counts_by_day(session, Visit, "arrived_at", period)
    incoming = count(session, Call, *in_period(Call, "at", period), Call.direction == "incoming")
    calls = sum(calls_by_day)
    rows = [
        (day.isoformat(), n_calls, n_visits)
        for day, n_calls, n_visits in zip(period.days, calls_by_day, visits_by_day, strict=True)
        if n_calls or n_visits
    ]
    return Section(
        figures={
            "calls": calls,
            "calls_incoming": incoming,
            "calls_outgoing": calls - incoming,
            "visitors": sum(visits_by_day),
        },
        tables=[
            Table(
                "calls_visits_by_day",
                _("Calls and visitors by day"),
                (_("Day"), _("Calls"), _("Visitors")),
                rows,
            )
        ],
        by_day={"calls": calls_by_day, "visits": visits_by_day},
    )


def lines(figures: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (
            _("Calls"),
            _("{n} ({incoming} in, {outgoing} out)").format(
                n=figures["calls"],
                incoming=figures["calls_incoming"],
                outgoing=figures["calls_outgoing"],
            ),
        ),
        (_("Visitors"), str(figures["visitors"])),
    ]
