"""Backups of the database: taken every day, by hand, before a restore; listed; restored.

Wing: care. Must not import office, demo, screens, widgets, app or cli.

Every copy is made with SQLite's online backup API (``dbfile.online_backup``), so it is
consistent even while a window is saving, and is a private (0600) standalone file that plain
``sqlite3`` opens. Each database has its own backups folder (``config.backup_dir``: the
usual database's is ``backups`` in the data folder, any other's a folder inside it keyed by
its full path), and the copies are named after the database file (``secdesk``)::

    secdesk-daily-2026-12-01.db             the first start of each day (kept: 14 + 12)
    secdesk-20261201-101500.db              ``secdesk backup``
    secdesk-20261201-101500-before-restore.db   the database as it was before a restore
    secdesk-20261201-101500-before-0004_calendar_days.db   before a schema upgrade

Only the daily ones are pruned: the newest ``DAILY_KEEP`` days, and the first of each of the
newest ``MONTHLY_KEEP`` months, are kept. A restore checks the file (integrity, a secdesk
database, a schema this secdesk knows; an older one is upgraded on the way), copies the
current database aside, and replaces the content in one transaction; it is refused while
a secdesk window has the database open or a secdesk command is saving to it (``desklock``,
held from before the copy kept aside until the content is replaced), and while another
program is still saving after ``WRITER_WAIT_S``.

How the copies are named and pruned is shared with a database on a PostgreSQL server
(``keeping``), whose backups are pg_dump's archives (``pgdump``); ``listing`` and
``daily_of`` serve both.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from secdesk import dbfile
from secdesk.calendar import clock
from secdesk.care import desklock
from secdesk.care.keeping import (  # what a backup is called and where it is: shared
    ARCHIVE,
    BackupError,
    Examined,
    Restored,
    backups_of,
    check_source,
    check_target,
    daily_path,
    fresh,
    interrupts_deferred,
    prune,
    reason_of,
    restorable,
    same_file,
    stamp,
)
from secdesk.db import DatabaseError, stored_revision
from secdesk.dbfile import Progress
from secdesk.i18n import _, ngettext
from secdesk.kinds import kinds

if TYPE_CHECKING:
    from secdesk.services.store import Store

#: How long a restore waits for another program's save to end before it gives up.
WRITER_WAIT_S = 5.0


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, as ``secdesk backups`` lists it."""

    path: Path
    taken: datetime
    """When it was written (local time)."""
    size: int
    """Bytes."""
    reason: str
    """DAILY, MANUAL, BEFORE_RESTORE or BEFORE_UPGRADE."""
    counts: dict[str, int | None] = field(default_factory=dict)
    """Kind name -> live records (None: the file has no such table)."""
    problem: str = ""
    """Why it cannot be read, when it cannot."""

    @property
    def archive(self) -> bool:
        """pg_dump's archive of a database on a server (its records are not counted)."""
        return self.path.suffix == ARCHIVE


# -- taking them -------------------------------------------------------------------------


def _has_data(database: Path) -> bool:
    """A secdesk database worth copying (not missing, empty, never set up, or another
    program's file: opening it says what is wrong, not the day's backup)."""
    if not database.is_file() or database.stat().st_size == 0:
        return False
    try:
        return stored_revision(database) is not None
    except DatabaseError:
        return False


def take(
    database: Path,
    folder: Path,
    target: Path | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> Path:
    """Back up ``database`` now into ``target`` (default: a new file in ``folder``)."""
    _readable(database)
    dbfile.remove_abandoned(folder)
    if target is None:
        target = fresh(folder / f"{database.stem}-{stamp()}.db")
    else:
        check_target(target, database, force)
    try:
        return dbfile.online_backup(database, target, progress)
    except OSError as exc:
        # Said of the file asked for, not of the temporary one it is first written to.
        from secdesk.services.errors import describe

        said = type(exc)(exc.errno, exc.strerror, str(target))
        raise BackupError(
            _("The backup could not be written: {why}").format(why=describe(said))
        ) from exc


def _readable(database: Path) -> None:
    if not database.exists():
        raise BackupError(_("There is no database at {path}.").format(path=database))
    stored_revision(database)  # DatabaseError for a foreign or unreadable file


def daily(database: Path, folder: Path, today: date | None = None) -> Path | None:
    """The day's backup, if this is the first start of the day (else None); old daily
    backups beyond the ones kept are removed."""
    day = today or clock.today()
    target = daily_path(database, folder, day)
    if target.exists() or not _has_data(database):
        return None
    dbfile.remove_abandoned(folder)
    dbfile.online_backup(database, target)
    prune(database, folder)
    return target


def daily_of(store: Store) -> Path | None:
    """The day's backup of the store's database, a file or on a server (``daily``,
    ``pgdump.daily``); None when it was taken already today, or is not taken."""
    if store.backup_dir is None:
        return None
    if store.url is not None:
        from secdesk.care import pgdump

        return pgdump.daily(store.url, store.backup_dir)
    return daily(store.path, store.backup_dir)


# -- listing them ------------------------------------------------------------------------


def counts(path: Path) -> dict[str, int | None]:
    """Live records of every record kind in the database file ``path``."""
    found = dbfile.live_counts(path, [k.entity for k in kinds()])
    return {k.name: found[k.entity] for k in kinds()}


def counts_text(found: dict[str, int | None]) -> str:
    """'3 telephone calls, 1 visitor': the kinds the file has records of."""
    parts = []
    for kind in kinds():
        n = found.get(kind.name)
        if n:
            parts.append(ngettext(kind.count[0], kind.count[1], n).format(n=n))
    # TRANSLATORS: between the counts of two kinds of record.
    return _(", ").join(parts) if parts else _("no records")


def listing(database: Path, folder: Path, with_counts: bool = True) -> list[BackupInfo]:
    """Every backup of ``database`` in ``folder``, newest first."""
    out = []
    for path, match in backups_of(database, folder):
        stat = path.stat()
        taken = datetime.fromtimestamp(stat.st_mtime, clock.zone())
        found: dict[str, int | None] = {}
        problem = ""
        if with_counts and path.suffix == ARCHIVE:
            from secdesk.care import pgdump

            problem = pgdump.unreadable(path)
        elif with_counts:
            try:
                found = counts(path)
            except sqlite3.Error:
                problem = _("cannot be read: it is damaged or not a database")
        out.append(BackupInfo(path, taken, stat.st_size, reason_of(match), found, problem))
    return sorted(out, key=lambda b: (b.taken, b.path.name), reverse=True)


def newest(database: Path, folder: Path) -> BackupInfo | None:
    found = listing(database, folder, with_counts=False)
    return found[0] if found else None


# -- restoring ---------------------------------------------------------------------------


def examine(path: Path) -> Examined:
    """Check ``path`` as a backup to restore; ``BackupError`` says what is wrong with it."""
    check_source(path)
    try:
        problems = dbfile.integrity_problems(path)
    except sqlite3.Error as exc:
        raise BackupError(
            _(
                "{path} cannot be read as a database: it is damaged or another kind of file. "
                "Nothing was restored."
            ).format(path=path)
        ) from exc
    if problems:
        raise BackupError(
            _(
                "{path} is damaged (SQLite's integrity check failed): choose another backup. "
                "Nothing was restored."
            ).format(path=path)
        )
    try:
        revision = stored_revision(path)
    except DatabaseError as exc:
        raise BackupError(str(exc)) from exc
    revision = restorable(path, revision)
    return Examined(path, revision, counts(path))


def restore(
    database: Path, folder: Path, source: Path, progress: Progress | None = None
) -> Restored:
    """Replace ``database``'s content with the backup ``source``.

    Raises ``BackupError`` (the file is not fit, the same file) or ``desklock.DeskOpen`` (a
    window has the database open). Until the last step nothing is changed, so Ctrl+C
    (KeyboardInterrupt) before it leaves the database as it was."""
    from secdesk.db import Database

    if same_file(source, database):
        raise BackupError(_("{path} is the database itself: choose a backup.").format(path=source))
    examined = examine(source)
    with desklock.no_desk_open(database):
        staging = fresh(folder / f".{database.stem}-restoring.db")
        try:
            dbfile.online_backup(source, staging, progress)
            if examined.older:
                # Upgraded on the side: a failed upgrade leaves the database untouched.
                # (The upgrade's data steps, such as the search index, register on load.)
                from secdesk.services.store import load_data_layer

                load_data_layer()
                staged = Database(staging)
                try:
                    staged.open()
                finally:
                    staged.close()
            before = None
            if database.exists() and database.stat().st_size > 0:
                with _no_writer(database):
                    before = _keep_current(database, folder)
            if not database.exists():
                database.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                database.touch(mode=0o600)
            with interrupts_deferred():
                try:
                    dbfile.copy_into(staging, database)
                except sqlite3.DatabaseError:
                    # The database is damaged (the usual reason to restore): SQLite cannot
                    # write into it, so the restored file takes its place (it was kept).
                    dbfile.replace_file(staging, database)
        finally:
            for leftover in (
                staging,
                *(staging.with_name(staging.name + s) for s in ("-wal", "-shm")),
            ):
                leftover.unlink(missing_ok=True)
    from secdesk.services import snapshot

    snapshot.forget(database)
    return Restored(before, examined.revision, examined.older)


@contextlib.contextmanager
def _no_writer(database: Path) -> Iterator[None]:
    """Hold the database's write lock while the block runs (the copy kept before a
    restore): a program saving now is waited for (``WRITER_WAIT_S``), and if it is still
    saving, nothing is done (``BackupError``). secdesk's own windows and saving commands are
    kept out for the whole restore by the desk lock; this keeps out any other program. A
    file SQLite cannot read (damaged) has no writer to wait for."""
    guard = sqlite3.connect(database, timeout=WRITER_WAIT_S, isolation_level=None)
    try:
        try:
            guard.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                raise
            raise BackupError(
                _(
                    "Another program is saving to {path}: let it finish, then restore. "
                    "Nothing was changed."
                ).format(path=database)
            ) from exc
        except sqlite3.DatabaseError:
            yield  # damaged: nobody can write to it
            return
        yield
    finally:
        guard.close()  # rolls back: it wrote nothing


def _keep_current(database: Path, folder: Path) -> Path:
    """The database as it is, copied aside before a restore replaces it. A damaged one
    (the usual reason to restore) cannot be read page by page: its bytes are kept."""
    target = fresh(folder / f"{database.stem}-{stamp()}-before-restore.db")
    try:
        return dbfile.online_backup(database, target)
    except sqlite3.DatabaseError:
        return dbfile.raw_copy(database, target)
