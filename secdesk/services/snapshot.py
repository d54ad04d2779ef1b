"""The last dashboard shown, remembered on disk so the next start can show it at once.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

It is used only when it is provably still true: same database file, same local day, same
settings, and the same newest audit Event (every change adds one, see ``audit``). Checking
that costs one standard-library SQLite query, so the panels fill before SQLAlchemy has even
loaded; the real query follows and replaces it. Standard library only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from datetime import date
from pathlib import Path

from secdesk import config, i18n
from secdesk.calendar import clock
from secdesk.db import HEAD, current_generation
from secdesk.services.drafts import write_json
from secdesk.services.views import Dashboard


def _path(db_path: Path) -> Path:
    digest = hashlib.sha1(str(Path(db_path).resolve()).encode()).hexdigest()[:16]
    folder = config.data_dir() / "cache"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / f"dashboard-{digest}.json"


def _key(day: date, settings: config.Settings) -> dict[str, object]:
    return {
        "schema": HEAD,
        "day": day.isoformat(),
        "due_soon_days": settings.due_soon_days,
        "zone": str(clock.zone()),
        # The panels' texts are in the interface language.
        "language": i18n.language(),
    }


def load(db_path: Path, day: date, settings: config.Settings) -> Dashboard | None:
    """The remembered dashboard if it is still exactly what the database would give."""
    try:
        stored = json.loads(_path(db_path).read_text(encoding="utf-8"))
        if stored.get("key") != _key(day, settings):
            return None
        generation = current_generation(Path(db_path))
        if generation is None or generation != stored["data"].get("generation"):
            return None
        return Dashboard.from_json(stored["data"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # a damaged cache only costs the instant start


def save(db_path: Path, data: Dashboard, settings: config.Settings) -> None:
    """Remember ``data`` (written atomically; a failure only costs the next start time)."""
    try:
        payload = {"key": _key(data.day.day, settings), "data": data.to_json()}
        write_json(_path(db_path), payload)
    except OSError:
        pass


def forget(db_path: Path) -> None:
    """Drop the remembered dashboard of ``db_path`` (its content was replaced)."""
    with contextlib.suppress(OSError):
        _path(db_path).unlink(missing_ok=True)
