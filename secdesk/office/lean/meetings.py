"""The meetings panel, read lean (``office.meetings.schedule.panel`` is the reference):
the same occurrences (``recurrence.combine``) from the same rows read without the ORM.

Wing: office/lean. Standard library only (see the package's docstring); of the meetings
wing it imports ``recurrence`` alone, which leaves the ORM to its queries.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from secdesk.config import Settings
from secdesk.office.lean.tables import CHECKLIST, MEETING, moment
from secdesk.office.meetings.panel import panel as meetings_panel
from secdesk.office.meetings.recurrence import combine
from secdesk.services.views import Occurrence, PanelData


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def occurrences(conn: sqlite3.Connection, start: datetime, end: datetime) -> list[Occurrence]:
    """``recurrence.occurrences`` (not cancelled), its queries in plain SQL."""
    live = "deleted_at IS NULL"
    found = MEETING.select(
        conn,
        f"WHERE {live} AND starts_at >= ? AND starts_at < ? AND rrule = '' ORDER BY starts_at",
        moment(start),
        moment(end),
    )
    wanted = sorted({m.series_id for m in found if m.series_id is not None})
    masters: set[int | None] = set()
    if wanted:
        masters = {
            row[0]
            for row in conn.execute(
                f"SELECT id FROM meeting WHERE {live} AND id IN ({_marks(len(wanted))})", wanted
            )
        }
    series = MEETING.select(conn, f"WHERE {live} AND rrule != '' AND starts_at < ?", moment(end))
    exceptions = []
    if series:
        ids = [s.id for s in series]
        exceptions = MEETING.select(
            conn, f"WHERE {live} AND series_id IN ({_marks(len(ids))})", *ids
        )
    return combine(found, masters, series, exceptions, start, end)


def _unready(conn: sqlite3.Connection, meeting_ids: set[int]) -> frozenset[int]:
    if not meeting_ids:
        return frozenset()
    ids = sorted(meeting_ids)
    found = CHECKLIST.select(
        conn, f"WHERE meeting_id IN ({_marks(len(ids))}) AND done = 0 AND deleted_at IS NULL", *ids
    )
    return frozenset(item.meeting_id for item in found)


def panel(conn: sqlite3.Connection, day: date, settings: Settings) -> PanelData:
    """Today's meetings and those of the next seven days, in time order; today's and
    tomorrow's with an unfinished checklist are marked."""
    return meetings_panel(
        day, lambda start, end: occurrences(conn, start, end), lambda ids: _unready(conn, ids)
    )
