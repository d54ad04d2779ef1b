"""The last dashboard shown, remembered on disk so the next start can show it at once.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

It is used only when it is provably still true: same database file, same local day, same
settings, and the same newest audit Event (every change adds one, see ``audit``). Checking
that costs one standard-library SQLite query, so the panels fill before SQLAlchemy has even
loaded; the real query follows and replaces it. Standard library only.

The desk also remembers the next day's dashboard (``save_ahead``): the panels are a
function of the data and the day, so when nobody changed anything overnight, the first
start of a day shows them at once too.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from secdesk import config, i18n
from secdesk.calendar import clock

if TYPE_CHECKING:
    from secdesk.services.views import Dashboard

# What reads and writes the dashboard (views, db, drafts) is imported where it is used:
# ``remembered`` is asked on the desk's main thread before its first frame.


def _path(db_path: Path, ahead: bool = False, make: bool = True) -> Path:
    digest = hashlib.sha1(str(Path(db_path).resolve()).encode()).hexdigest()[:16]
    folder = config.data_dir() / "cache"
    if make:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / f"dashboard-{digest}{'-ahead' if ahead else ''}.json"


def remembered(db_path: Path, day: date) -> bool:
    """Whether a dashboard of ``db_path`` for ``day`` is likely remembered: the day's own
    written that day, or the one made ahead written the day before. A look at the files'
    times, not whether it is still true (``load`` says that)."""
    from datetime import datetime, timedelta

    for ahead, written_on in ((False, day), (True, day - timedelta(days=1))):
        try:
            mtime = _path(db_path, ahead, make=False).stat().st_mtime
        except OSError:
            continue
        if datetime.fromtimestamp(mtime, clock.zone()).date() == written_on:
            return True
    return False


def _key(day: date, settings: config.Settings) -> dict[str, object]:
    from secdesk.db import HEAD

    return {
        "schema": HEAD,
        "day": day.isoformat(),
        "due_soon_days": settings.due_soon_days,
        "zone": str(clock.zone()),
        # The panels' texts are in the interface language.
        "language": i18n.language(),
    }


def load(
    db_path: Path, day: date, settings: config.Settings, generation: int | None = None
) -> Dashboard | None:
    """The remembered dashboard of ``day`` (the day's own, or the one made ahead the day
    before) if it is still exactly what the database would give. ``generation``: the
    database's newest audit Event id when the caller read it (a database on a server,
    ``dbserver.peek``); else it is read from the file ``db_path``."""
    for ahead in (False, True):
        found = _load(_path(db_path, ahead), db_path, day, settings, generation)
        if found is not None:
            return found
    return None


def load_shared(url: str, db_path: Path, day: date, settings: config.Settings) -> Dashboard | None:
    """``load`` for the database on a server at ``url`` (``db_path`` its local name): the
    server's schema and newest audit Event asked with the driver alone (``dbserver.peek``),
    no SQLAlchemy, before the remembered day is trusted."""
    from secdesk import dbserver
    from secdesk.db import HEAD

    seen = dbserver.peek(url)
    if seen is None or seen[0] != HEAD:
        return None
    return load(db_path, day, settings, generation=seen[1])


def _load(
    path: Path, db_path: Path, day: date, settings: config.Settings, generation: int | None
) -> Dashboard | None:
    from secdesk.db import current_generation
    from secdesk.services.views import Dashboard

    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("key") != _key(day, settings):
            return None
        if generation is None:
            generation = current_generation(Path(db_path))
        if generation is None or generation != stored["data"].get("generation"):
            return None
        return Dashboard.from_json(stored["data"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # a damaged cache only costs the instant start


def save(db_path: Path, data: Dashboard, settings: config.Settings) -> None:
    """Remember ``data`` (written atomically; a failure only costs the next start time)."""
    _save(_path(db_path), data, settings)


def save_ahead(db_path: Path, data: Dashboard, settings: config.Settings) -> None:
    """Remember ``data``, a later day's dashboard read now, for that day's first start."""
    _save(_path(db_path, ahead=True), data, settings)


def _save(path: Path, data: Dashboard, settings: config.Settings) -> None:
    from secdesk.services.drafts import write_json

    with contextlib.suppress(OSError):  # a failure only costs the next start time
        write_json(path, {"key": _key(data.day.day, settings), "data": data.to_json()})


def forget(db_path: Path) -> None:
    """Drop the remembered dashboards of ``db_path`` (its content was replaced)."""
    for ahead in (False, True):
        with contextlib.suppress(OSError):
            _path(db_path, ahead).unlink(missing_ok=True)
