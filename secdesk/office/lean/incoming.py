"""The inbox panel, read lean (``office.documents.incoming.panel`` is the reference).

Wing: office/lean. Standard library only (see the package's docstring).
"""

from __future__ import annotations

import sqlite3
from datetime import date

from secdesk.calendar.deadlines import due_cell_text
from secdesk.config import Settings
from secdesk.i18n import _
from secdesk.labels import mark
from secdesk.office.lean.tables import INCOMING, Record, json_values
from secdesk.services.phrases import count_note
from secdesk.services.views import Cell, PanelData, Row, Tone

PANEL_LIMIT = 100
#: ``IncomingStatus`` less ``CLOSED_INCOMING``, in the enum's order (a test checks).
OPEN_INCOMING = (
    "signed_in",
    "registered",
    "screened",
    "proposed",
    "instructed",
    "undertaking",
    "circulating",
)
#: ``models.document.MASKED_CLASSIFICATIONS`` (a test checks).
MASKED_CLASSIFICATIONS = frozenset({"confidential", "secret", "top_secret"})
URGENCY_TONE = {"extra_urgent": Tone.alert, "urgent": Tone.flag}


def _due_or_flag(doc: Record, today: date) -> Cell:
    # Every document read here is open: the late and the no-limit marks need no state.
    if doc.due is None:
        return Cell(_("urgent, no limit"), Tone.flag) if doc.urgency != "normal" else Cell("")
    late = doc.due < today
    return Cell(due_cell_text(doc.due, doc.due_spec, today), Tone.alert if late else Tone.plain)


def panel(conn: sqlite3.Connection, day: date, settings: Settings) -> PanelData:
    """Incoming documents not yet completed: 特急, 加急, then by due date."""
    states = ", ".join("?" * len(OPEN_INCOMING))
    live = f"WHERE deleted_at IS NULL AND status IN ({states})"
    rank = "CASE WHEN urgency = 'extra_urgent' THEN 0 WHEN urgency = 'urgent' THEN 1 ELSE 2 END"
    found = INCOMING.select(
        conn,
        f"{live} ORDER BY {rank}, due IS NULL, due, received_at LIMIT {PANEL_LIMIT}",
        *OPEN_INCOMING,
    )
    rows = []
    for d in found:
        masked = d.classification in MASKED_CLASSIFICATIONS
        title = _("(classified title)") if masked else d.title
        values = {
            **json_values("incoming", d, {"title"} if masked else set()),
            "receipt_number": f"{d.year}-{d.serial:04d}",
        }
        if masked:
            values["title"] = title
        rows.append(
            Row(
                "incoming",
                d.id or 0,
                (
                    Cell(f"{d.year}-{d.serial:04d}"),
                    Cell(mark("urgency", d.urgency), URGENCY_TONE.get(d.urgency, Tone.plain)),
                    Cell(
                        mark("classification", d.classification),
                        Tone.secret if d.classification != "none" else Tone.muted,
                    ),
                    Cell(title),
                    Cell(d.sender),
                    _due_or_flag(d, day),
                ),
                values,
            )
        )
    total = INCOMING.count(conn, live, *OPEN_INCOMING)
    return PanelData("inbox", "incoming", tuple(rows), total, count_note(len(rows), total))
