"""The demo's archive (归档): an entry for every filed document, incoming or outgoing,
numbered per year and retention period.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

import random
from datetime import timedelta

from secdesk.calendar import clock
from secdesk.demo.office import Row, stamped


def archive(incoming: list[Row], outgoing: list[Row]) -> list[Row]:
    """归档: every filed document has its entry, numbered per year and retention."""
    rng = random.Random(len(incoming) + len(outgoing))
    items: dict[tuple[int, str], int] = {}
    rows: list[Row] = []
    filed = [
        ("incoming", d, d["completed_at"] or d["updated_at"], d["sender"], d["received_at"])
        for d in incoming
        if d["status"] == "filed"
    ] + [
        ("outgoing", d, d["dispatched_at"] or d["updated_at"], d["prefix"], d["drafted_at"])
        for d in outgoing
        if d["status"] == "filed"
    ]
    filed.sort(key=lambda f: f[2])
    for kind, doc, at, responsible, dated in filed:
        at = at + timedelta(days=rng.randint(1, 20))
        year = clock.to_local(at).year
        retention = rng.choices(("permanent", "30y", "10y"), (1, 3, 6))[0]
        items[(year, retention)] = items.get((year, retention), 0) + 1
        rows.append(
            {
                "id": len(rows) + 1,
                "kind": kind,
                "record_id": doc["id"],
                "year": year,
                "retention": retention,
                "item_number": items[(year, retention)],
                "filed_at": at,
                "doc_number": doc["doc_number"],
                "title": doc["title"],
                "responsible": responsible,
                "doc_date": clock.to_local(dated).date(),
                "classification": doc["classification"],
                "copies": doc["copies"],
                **stamped(at),
            }
        )
    return rows
