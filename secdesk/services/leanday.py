"""The dashboard read without the ORM, for a start with nothing remembered (the first of a
day): the same panels as ``dashboard.build``, each read by its kind's ``lean_loader``
with the standard library's ``sqlite3``, in one read transaction.

Importing SQLAlchemy, SQLModel and the models costs more than reading the day itself, so
the desk's first frame and ``secdesk today`` fill from this and the data layer loads
after. It answers only for a SQLite file at the current schema whose every panel has a
lean reader; anything else (another database, an upgrade to run, a damaged file, a kind
without one) gives None and the caller reads through the ORM as before.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli; standard library only (no ORM, no models).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from secdesk.calendar.workdays import day_info, use_entered
from secdesk.config import Settings
from secdesk.db import HEAD
from secdesk.kinds import kinds, resolve
from secdesk.services.views import Dashboard, PanelData


class NotLean(Exception):
    """A part of the dashboard cannot be read lean (a kind without a lean reader)."""


def sqlite_file(target: object) -> Path | None:
    """The SQLite file ``target`` (a store's path) names, or None when it names anything
    else (a server's URL) or no file at all."""
    if not isinstance(target, str | Path):
        return None
    text = str(target)
    if "://" in text or text.startswith(("postgresql:", "postgres:")):
        return None
    path = Path(target)
    return path if path.is_file() and path.stat().st_size > 0 else None


def build(target: object, day: date, settings: Settings) -> Dashboard | None:
    """The dashboard of ``day`` read lean from the SQLite file ``target``; None when it
    must be read through the ORM."""
    path = sqlite_file(target)
    specs = sorted((k.panel for k in kinds() if k.panel), key=lambda p: p.position)
    if path is None or not all(spec.lean_loader for spec in specs):
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        conn.execute("BEGIN")  # one snapshot of the file for every panel
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if version is None or version[0] != HEAD:
            return None  # the ORM's opening upgrades it first
        _apply_holidays(conn)
        generation = conn.execute("SELECT max(id) FROM event").fetchone()[0] or 0
        panels: list[PanelData] = [resolve(s.lean_loader)(conn, day, settings) for s in specs]
        return Dashboard(day=day_info(day), panels=tuple(panels), generation=int(generation))
    except (sqlite3.Error, NotLean, ValueError, TypeError, KeyError):
        return None  # the ORM reads it, and says what is wrong if anything is
    finally:
        conn.close()


def _apply_holidays(conn: sqlite3.Connection) -> None:
    """``services.holidays.apply``: the schedules entered put to work on the calendar."""
    entered: dict[int, dict[date, tuple[str, str]]] = {}
    for day, year, kind, name in conn.execute(
        "SELECT day, year, kind, name FROM calendarday ORDER BY day"
    ):
        entered.setdefault(int(year), {})[date.fromisoformat(day)] = (kind, name)
    use_entered(entered)
