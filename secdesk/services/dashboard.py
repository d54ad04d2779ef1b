"""The daily dashboard: what needs the secretary today, one panel per kind that declares
one (``Kind.panel``), in one read transaction.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, func, select

from secdesk.calendar import clock
from secdesk.calendar.workdays import day_info
from secdesk.config import Settings
from secdesk.kinds import kinds, resolve
from secdesk.models import Event
from secdesk.services import holidays
from secdesk.services.views import Dashboard, PanelData


def build(session: Session, day: date | None = None, settings: Settings | None = None) -> Dashboard:
    """The whole dashboard for the local ``day`` (default: today)."""
    day = day or clock.today()
    settings = settings or Settings()
    holidays.apply(session)  # another window may have entered a year's schedule
    # Read first, in the same transaction: the panels below are at least this new.
    generation = session.exec(select(func.max(Event.id))).one() or 0
    specs = sorted((k.panel for k in kinds() if k.panel), key=lambda p: p.position)
    panels: list[PanelData] = [resolve(spec.loader)(session, day, settings) for spec in specs]
    return Dashboard(day=day_info(day), panels=tuple(panels), generation=int(generation))
