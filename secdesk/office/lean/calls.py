"""The telephone log panel, read lean (``office.calls.log.panel`` is the reference).

Wing: office/lean. Standard library only (see the package's docstring).
"""

from __future__ import annotations

import sqlite3
from datetime import date

from secdesk.calendar import clock
from secdesk.config import Settings
from secdesk.i18n import _
from secdesk.office.lean.tables import CALL, Record, json_values, moment
from secdesk.services.phrases import count_note
from secdesk.services.views import Cell, PanelData, Row, Tone

PANEL_LIMIT = 100
#: ``Call.awaiting_follow_up`` in SQL and in Python (the model's hybrid property).
AWAITING = "follow_up AND message_status != 'passed'"


def _awaiting(call: Record) -> bool:
    return bool(call.follow_up) and call.message_status != "passed"


def _mark(call: Record) -> Cell:
    arrow = "←" if call.direction == "incoming" else "→"
    if _awaiting(call):
        return Cell(f"{arrow}!", Tone.flag)
    return Cell(arrow, Tone.muted)


def panel(conn: sqlite3.Connection, day: date, settings: Settings) -> PanelData:
    """The day's calls, newest first; the subtitle counts them and those awaiting
    follow-up."""
    start, end = clock.day_bounds(day)
    todays = "WHERE deleted_at IS NULL AND at >= ? AND at < ?"
    bounds = (moment(start), moment(end))
    found = CALL.select(conn, f"{todays} ORDER BY at DESC, id DESC LIMIT {PANEL_LIMIT}", *bounds)
    rows = tuple(
        Row(
            "call",
            c.id or 0,
            (
                _mark(c),
                Cell(f"{clock.to_local(c.at):%H:%M}"),
                Cell(c.caller or c.number),
                Cell(c.organization),
                Cell(c.summary),
                Cell(c.message_for),
            ),
            {**json_values("call", c), "awaiting_follow_up": _awaiting(c)},
        )
        for c in found
    )
    total = CALL.count(conn, todays, *bounds)
    awaiting = CALL.count(conn, f"{todays} AND {AWAITING}", *bounds)
    first = _("{n} awaiting follow-up").format(n=awaiting) if awaiting else ""
    return PanelData("calls", "call", rows, total, count_note(len(rows), total, first))
