"""Where backups are kept and how they are named: what the copies of a database file
(``backups``) and pg_dump's archives of a database on a server (``pgdump``) share.

Wing: care. Must not import office, demo, screens, widgets, app or cli.

Each database has its own backups folder (``config.backup_dir``), and its copies are named
after it: ``NAME-daily-DAY``, ``NAME-STAMP``, ``NAME-STAMP-before-WHAT``, ending ``.db`` (a
file's) or ``.dump`` (a server's). The daily ones are pruned alike.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from secdesk.calendar import clock
from secdesk.db import HEAD, REVISIONS
from secdesk.i18n import N_, _

DAILY_KEEP = 14
MONTHLY_KEEP = 12

DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before_restore"
BEFORE_UPGRADE = "before_upgrade"

#: What each kind of backup is called in ``secdesk backups``.
REASONS = {
    DAILY: N_("daily"),
    MANUAL: N_("taken by hand"),
    BEFORE_RESTORE: N_("before a restore"),
    BEFORE_UPGRADE: N_("before an upgrade"),
}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the user."""


#: How pg_dump's archive of a database on a server is named (``pgdump``).
ARCHIVE = ".dump"


@dataclass(frozen=True)
class Examined:
    """A file checked as something to restore."""

    path: Path
    revision: str
    counts: dict[str, int | None]

    @property
    def older(self) -> bool:
        """Written by an older secdesk: it is upgraded as it is restored."""
        return self.revision != HEAD


@dataclass(frozen=True)
class Restored:
    before: Path | None
    """The copy of the database as it was before, in the backups folder."""
    revision: str
    """The restored file's schema revision (before it was upgraded)."""
    upgraded: bool


# -- names -------------------------------------------------------------------------------


def _pattern(database: Path) -> re.Pattern[str]:
    stem = re.escape(database.stem)
    return re.compile(
        rf"^{stem}-(?:daily-(?P<day>\d{{4}}-\d{{2}}-\d{{2}})"
        # "-2": the second copy taken in the same second (``fresh``).
        rf"|(?P<stamp>\d{{8}}-\d{{6}})(?:-before-(?P<before>.+?))?)(?:-\d+)?"
        # ".dump": pg_dump's archive of a database on a server (``pgdump``).
        r"\.(?:db|dump)$"
    )


def reason_of(match: re.Match[str]) -> str:
    if match.group("day"):
        return DAILY
    before = match.group("before")
    if before is None:
        return MANUAL
    return BEFORE_RESTORE if before == "restore" else BEFORE_UPGRADE


def stamp(now: datetime | None = None) -> str:
    return f"{now or clock.now_local():%Y%m%d-%H%M%S}"


def daily_path(database: Path, folder: Path, day: date, suffix: str = ".db") -> Path:
    return folder / f"{database.stem}-daily-{day.isoformat()}{suffix}"


def fresh(path: Path) -> Path:
    """``path``, or ``path`` with a count before the suffix if that name is taken (two
    backups in one second)."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def backups_of(database: Path, folder: Path) -> list[tuple[Path, re.Match[str]]]:
    if not folder.is_dir():
        return []
    pattern = _pattern(database)
    found = []
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if match and path.is_file():
            found.append((path, match))
    return found


def check_target(target: Path, database: Path, force: bool) -> None:
    """Refuse a backup file asked for that cannot be written: a folder, a file there
    already (without ``force``), the database itself, a file where a folder should be."""
    if target.is_dir():
        raise BackupError(
            _("{path} is a folder: name the backup file to write, e.g. {example}.").format(
                path=target, example=target / f"{database.stem}-backup{database.suffix}"
            )
        )
    if target.exists() and not force:
        raise BackupError(
            _(
                "{path} exists already: choose a new file name, or add --force to replace it."
            ).format(path=target)
        )
    if same_file(target, database):
        raise BackupError(
            _("{path} is the database itself: choose another file.").format(path=target)
        )
    above = next((folder for folder in target.parents if folder.exists()), None)
    if above is not None and not above.is_dir():
        raise BackupError(
            _("{path} is a file, not a folder: choose where the backup goes.").format(path=above)
        )


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def kept_days(days: list[date]) -> set[date]:
    """Which daily backups are kept: the newest ``DAILY_KEEP`` days and the first day of
    each of the newest ``MONTHLY_KEEP`` months."""
    newest_first = sorted(set(days), reverse=True)
    keep = set(newest_first[:DAILY_KEEP])
    firsts: dict[tuple[int, int], date] = {}
    for day in newest_first:
        firsts[(day.year, day.month)] = day  # ends on the month's earliest
    for month in sorted(firsts, reverse=True)[:MONTHLY_KEEP]:
        keep.add(firsts[month])
    return keep


def prune(database: Path, folder: Path) -> list[Path]:
    """Remove the daily backups that are no longer kept; returns them."""
    dailies = {
        date.fromisoformat(m.group("day")): path
        for path, m in backups_of(database, folder)
        if m.group("day")
    }
    keep = kept_days(list(dailies))
    removed = []
    for day, path in dailies.items():
        if day not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return sorted(removed)


def restorable(path: Path, revision: str | None) -> str:
    """``revision``, the schema of the backup ``path``, if this secdesk can restore it;
    else ``BackupError`` says why (no records at all, or a newer secdesk's)."""
    if revision is None:
        raise BackupError(
            _(
                "{path} is not a secdesk database (it holds no records). Nothing was restored."
            ).format(path=path)
        )
    if revision not in REVISIONS:
        raise BackupError(
            _(
                "{path} was written by a newer secdesk (schema {revision}): upgrade secdesk "
                "first. Nothing was restored."
            ).format(path=path, revision=revision)
        )
    return revision


def check_source(path: Path) -> None:
    """Refuse a backup to restore that is not there, or is a folder."""
    if not path.exists():
        raise BackupError(_("{path}: no such file.").format(path=path))
    if not path.is_file():
        raise BackupError(_("{path} is a folder, not a backup file.").format(path=path))


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Ctrl+C waits until the block is done (the one step that replaces the database is
    never cut short: it is whole or not begun). Only the main thread receives signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda *_args: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
