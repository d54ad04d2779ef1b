"""The visitors panel, read lean (``office.visits.panel`` is the reference).

Wing: office/lean. Standard library only (see the package's docstring).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from secdesk.calendar import clock
from secdesk.config import Settings
from secdesk.i18n import _, format_short_date
from secdesk.office.lean.tables import VISIT, json_values, moment
from secdesk.services.views import Cell, PanelData, Row, Tone

PANEL_LIMIT = 100


def panel(conn: sqlite3.Connection, day: date, settings: Settings) -> PanelData:
    """Who is in the building now (not marked left), and how many came today."""
    start, end = clock.day_bounds(day)
    inside = VISIT.select(
        conn,
        f"WHERE deleted_at IS NULL AND left_at IS NULL ORDER BY arrived_at LIMIT {PANEL_LIMIT}",
    )
    rows = []
    for v in inside:
        rows.append(visitor_row(v, day, not_signed_out(v, day), json_values("visit", v)))
    today_count = VISIT.count(
        conn,
        "WHERE deleted_at IS NULL AND arrived_at >= ? AND arrived_at < ?",
        moment(start),
        moment(end),
    )
    subtitle = _("{inside} in the building · {today} today").format(
        inside=len(rows), today=today_count
    )
    return PanelData("visitors", "visit", tuple(rows), len(rows), subtitle)


def not_signed_out(visit: Any, day: date) -> bool:
    """Came before ``day`` and was never marked as left: flagged in the morning."""
    return visit.left_at is None and clock.to_utc(visit.arrived_at) < clock.day_bounds(day)[0]


def visitor_row(v: Any, day: date, late: bool, values: dict[str, Any]) -> Row:
    """A visitor in the building as a row of the panel (``office.visits.panel`` builds its
    rows here too): ``late``, one who came before ``day`` and never signed out, is flagged
    with the day they came."""
    arrived = clock.to_local(v.arrived_at)
    when = f"{arrived:%H:%M}"
    if late:
        when = f"{format_short_date(arrived.date(), day)} {when} " + _("not signed out")
    return Row(
        "visit",
        v.id or 0,
        (
            Cell(when, Tone.alert if late else Tone.plain),
            Cell(v.name),
            Cell(v.organization),
            Cell(v.host),
            Cell(v.badge),
        ),
        values,
    )
