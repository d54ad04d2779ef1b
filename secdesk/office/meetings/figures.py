"""The meetings' part of the work summary: meetings held in the period.

Wing: office/meetings. Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col

from secdesk.calendar import clock
from secdesk.i18n import _
from secdesk.models import Meeting
from secdesk.services.reports import Period, Section, count, in_period


def held(session: Session, period: Period, today: date) -> Section:
    """Meetings held: begun by the end of today (a month not over yet has meetings still
    to come), not cancelled."""
    found = count(
        session,
        Meeting,
        *in_period(Meeting, "starts_at", period),
        col(Meeting.cancelled).is_(False),
        Meeting.starts_at < clock.day_bounds(today)[1],
    )
    return Section(figures={"meetings_held": found})


def lines(figures: dict[str, Any]) -> list[tuple[str, str]]:
    return [(_("Meetings held"), str(figures["meetings_held"]))]
