"""What the desk says once, whichever window or command caused it: time limits counted
again after a year's holiday schedule was entered. The last notice shown is remembered in
the data folder, so each is shown once (not once per window refresh).

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from sqlmodel import Session, col, select

from secdesk import config
from secdesk.i18n import ngettext
from secdesk.models import Event
from secdesk.services.phrases import clauses


def _path() -> Path:
    return config.data_dir() / "seen.json"


def last_seen() -> int:
    """The id of the last notice shown (0: none yet)."""
    try:
        return int(json.loads(_path().read_text(encoding="utf-8")).get("recount", 0))
    except (OSError, ValueError, AttributeError, TypeError):
        return 0


def mark_seen(event_id: int) -> None:
    """Remember that notices up to ``event_id`` were shown (best effort: a read-only
    folder only means a notice may be shown again)."""
    with contextlib.suppress(OSError):
        _path().write_text(json.dumps({"recount": event_id}), encoding="utf-8")


def text(again: int, moved: int, year: int) -> str:
    """The notice for limits counted again, in the interface language."""
    said = ngettext(
        "{n} provisional time limit was counted again on the {year} holiday calendar",
        "{n} provisional time limits were counted again on the {year} holiday calendar",
        again,
    ).format(n=again, year=year)
    moved_text = ngettext("{n} of them moved", "{n} of them moved", moved).format(n=moved)
    return clauses(said, moved_text)


def unseen(session: Session, after: int) -> list[tuple[int, str]]:
    """Notices newer than ``after``: (event id, text)."""
    found = session.exec(
        select(Event)
        .where(Event.action == "recount", col(Event.id) > after)
        .order_by(col(Event.id))
    ).all()
    out = []
    for event in found:
        try:
            data = json.loads(event.data or "{}")
            out.append(
                (event.id or 0, text(int(data["again"]), int(data["moved"]), int(data["year"])))
            )
        except (ValueError, KeyError, TypeError):
            continue
    return out


def newest(session: Session) -> int:
    """The id of the newest notice (0: none)."""
    from sqlmodel import func

    found = session.exec(select(func.max(Event.id)).where(Event.action == "recount")).one()
    return int(found or 0)
