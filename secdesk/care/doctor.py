"""``secdesk doctor``: is the database safe, and what should be done about it?

Wing: care. Must not import office, demo, screens, widgets, app or cli.

Each check is a small function ``check(context) -> list[Finding]`` in ``CHECKS`` (a
database file) or ``SERVER_CHECKS`` (a database on a PostgreSQL server), run in order; a
check that needs to read the database skips itself when an earlier one found the file
unreadable (``context.readable``). Adding a check is one function and one line::

    CHECKS.append(search_index)     # or list it below, where it belongs in the order

A ``DANGER`` finding means the data is at risk (damage, broken links between records, a
schema this secdesk cannot use, files others may read, a disk nearly full, a newest backup
that cannot be restored): the command exits non-zero. A ``WARNING`` puts nothing at risk
today (no recent backup, the holiday calendar not yet covering the coming year). Nothing
here changes the database: it is read with read-only connections, and never migrated (only
the half-made copies a killed backup left in the backups folder are removed). On a server
the file's checks give way to the server's (``doctor_server``): the connection and the
server's version, and whether pg_dump here can take the backups. What a check finds and
what it looks at are ``findings``'.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path

from secdesk import dbfile
from secdesk.calendar import clock
from secdesk.care.doctor_server import backup_tools, connection
from secdesk.care.findings import DANGER, LEVELS, OK, WARNING, Check, Context, Finding
from secdesk.db import HEAD, REVISIONS, DatabaseError, stored_revision
from secdesk.i18n import N_, _, ngettext

__all__ = [
    "CHECKS",
    "DANGER",
    "LEVELS",
    "OK",
    "SERVER_CHECKS",
    "WARNING",
    "Check",
    "Context",
    "Finding",
    "at_risk",
    "examine",
]

#: Free space below this many bytes (or twice the database, if more) puts saving at risk.
LOW_DISK = 200 * 1024 * 1024
#: A newest backup older than this many days is worth a warning.
BACKUP_DAYS = 2


RESTORE_ADVICE = N_(
    "Stop saving to it. secdesk backups lists the backups; secdesk restore FILE brings the "
    "newest good one back (the damaged file is kept aside)."
)


def integrity(ctx: Context) -> list[Finding]:
    try:
        problems = dbfile.integrity_problems(ctx.database)
    except sqlite3.Error:
        ctx.readable = False
        return [
            Finding(
                "integrity",
                DANGER,
                _(
                    "{path} cannot be read as a database: it is damaged or another kind of file."
                ).format(path=ctx.database),
                _(RESTORE_ADVICE),
            )
        ]
    if problems:
        return [
            Finding(
                "integrity",
                DANGER,
                ngettext(
                    "The database is damaged: SQLite's integrity check found {n} problem.",
                    "The database is damaged: SQLite's integrity check found {n} problems.",
                    len(problems),
                ).format(n=len(problems)),
                _(RESTORE_ADVICE),
            )
        ]
    return [Finding("integrity", OK, _("The database file is sound (integrity check)."))]


def schema(ctx: Context) -> list[Finding]:
    if not ctx.readable:
        return []
    if ctx.url is None:
        try:
            ctx.revision = stored_revision(ctx.database)
        except DatabaseError as exc:
            ctx.readable = False
            return [
                Finding(
                    "schema",
                    DANGER,
                    str(exc),
                    _("Check which file secdesk was asked to open (--db, SECDESK_DB)."),
                )
            ]
    revision = ctx.revision  # on a server, read by ``connection``
    if revision == HEAD:
        return [Finding("schema", OK, _("Schema {revision}: current.").format(revision=revision))]
    if revision is None:
        return [
            Finding(
                "schema",
                WARNING,
                _("The database is empty: it is set up when the desk first opens it."),
            )
        ]
    if revision in REVISIONS:
        return [
            Finding(
                "schema",
                WARNING,
                _(
                    "Schema {revision} is older than this secdesk's ({head}): it is upgraded "
                    "when the desk next opens it, after a copy is made."
                ).format(revision=revision, head=HEAD),
            )
        ]
    ctx.readable = False
    return [
        Finding(
            "schema",
            DANGER,
            _("Schema {revision} was written by a newer secdesk than this one ({head}).").format(
                revision=revision, head=HEAD
            ),
            _("Upgrade secdesk before using this database; this version will not change it."),
        )
    ]


def foreign_keys(ctx: Context) -> list[Finding]:
    if not ctx.readable:
        return []
    try:
        broken = dbfile.foreign_key_problems(ctx.database)
    except sqlite3.Error:
        return []  # the integrity check has said what is wrong
    if not broken:
        return [Finding("foreign_keys", OK, _("Every link between records leads somewhere."))]
    tables = sorted({table for table, _row, _parent in broken})
    return [
        Finding(
            "foreign_keys",
            DANGER,
            ngettext(
                "{n} record points at a record that is not there (in: {tables}).",
                "{n} records point at records that are not there (in: {tables}).",
                len(broken),
            ).format(n=len(broken), tables=", ".join(tables)),
            _(RESTORE_ADVICE),
        )
    ]


def _loose(path: Path, allowed: int) -> bool:
    try:
        return bool(stat.S_IMODE(path.stat().st_mode) & ~allowed & 0o777)
    except OSError:
        return False


def permissions(ctx: Context) -> list[Finding]:
    if os.name != "posix":
        return []
    folders = [ctx.database.parent, ctx.backups]
    files = [ctx.database.with_name(ctx.database.name + suffix) for suffix in ("", "-wal", "-shm")]
    if ctx.backups.is_dir():
        files += sorted(p for p in ctx.backups.iterdir() if p.is_file())
    loose_dirs = [p for p in folders if p.exists() and _loose(p, 0o700)]
    loose_files = [p for p in files if p.exists() and _loose(p, 0o600)]
    if not loose_dirs and not loose_files:
        if ctx.url is not None:  # the server keeps the database: here are its backups
            return [Finding("permissions", OK, _("Only you may read the backups kept here."))]
        return [
            Finding("permissions", OK, _("Only you may read the database, its folder and backups."))
        ]
    advice = [
        (path, _("Others may look into the folder {path}."), _("Run: chmod 700 {path}"))
        for path in loose_dirs
    ]
    advice += [
        (path, _("Others may read {path}."), _("Run: chmod 600 {path}")) for path in loose_files
    ]
    return [
        Finding("permissions", DANGER, said.format(path=path), fix.format(path=_quoted(path)))
        for path, said, fix in advice
    ]


def _quoted(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))


def _size_text(n: int) -> str:
    if n >= 1024**3:
        return f"{n / 1024**3:.1f} GB"
    return f"{n / 1024**2:.0f} MB"


def disk(ctx: Context) -> list[Finding]:
    folder = ctx.database.parent
    try:
        free = shutil.disk_usage(folder).free
        size = ctx.database.stat().st_size if ctx.database.exists() else 0
    except OSError:
        return []
    needed = max(LOW_DISK, 2 * size)
    if free < needed:
        return [
            Finding(
                "disk",
                DANGER,
                _("The disk is nearly full: {free} free where the database is.").format(
                    free=_size_text(free)
                ),
                _(
                    "Free some space (at least {needed}): saving, backups and upgrades need it."
                ).format(needed=_size_text(needed)),
            )
        ]
    return [Finding("disk", OK, _("{free} free on the disk.").format(free=_size_text(free)))]


def recent_backup(ctx: Context) -> list[Finding]:
    """The newest backup: there, recent, and a database that can be restored. Half-made
    copies a killed backup left are removed (they are not the database: nothing is lost)."""

    from secdesk.care import pgdump

    state = ctx.extra.get("server")
    if isinstance(state, pgdump.Server) and not state.writable:
        return []  # ``backup_tools`` said who keeps the backups
    found = []
    if abandoned := dbfile.remove_abandoned(ctx.backups):
        found.append(
            Finding(
                "backups",
                OK,
                ngettext(
                    "Removed {n} half-made backup that a stopped backup left in {folder}.",
                    "Removed {n} half-made backups that stopped backups left in {folder}.",
                    len(abandoned),
                ).format(n=len(abandoned), folder=ctx.backups),
            )
        )
    return found + _newest_backup(ctx)


def _unusable(path: Path) -> str:
    """Why the backup ``path`` could not be restored; empty when it could."""
    from secdesk.care import backups

    if path.stat().st_size == 0:
        return _("it is empty (0 bytes)")
    if path.suffix == backups.ARCHIVE:
        from secdesk.care import pgdump

        return pgdump.unreadable(path)
    try:
        if stored_revision(path) is None:
            return _("it holds no secdesk records")
        backups.counts(path)
    except (sqlite3.Error, DatabaseError):
        return _("it cannot be read: it is damaged or not a database")
    return ""


def _newest_backup(ctx: Context) -> list[Finding]:
    from secdesk.care import backups

    newest = backups.newest(ctx.named, ctx.backups)
    if newest is None:
        return [
            Finding(
                "backups",
                WARNING,
                _("There is no backup of this database yet."),
                _("secdesk backup takes one now; the desk takes one each day it is started."),
            )
        ]
    if why := _unusable(newest.path):
        return [
            Finding(
                "backups",
                DANGER,
                _("The newest backup {path} cannot be restored: {why}.").format(
                    path=newest.path, why=why
                ),
                _(
                    "secdesk backup takes a good one now; check the disk if it happens again "
                    "(secdesk backups shows which copies can be read)."
                ),
            )
        ]
    age = (ctx.today - newest.taken.date()).days
    if age > BACKUP_DAYS:
        return [
            Finding(
                "backups",
                WARNING,
                ngettext(
                    "The newest backup is {n} day old ({path}).",
                    "The newest backup is {n} days old ({path}).",
                    age,
                ).format(n=age, path=newest.path),
                _("secdesk backup takes one now; the desk takes one each day it is started."),
            )
        ]
    return [
        Finding(
            "backups",
            OK,
            _("Newest backup: {when} ({path}).").format(
                when=f"{newest.taken:%Y-%m-%d %H:%M}", path=newest.path
            ),
        )
    ]


def calendar(ctx: Context) -> list[Finding]:
    from secdesk.calendar import workdays

    if ctx.readable and ctx.revision == HEAD:
        _apply_entered(ctx)
    findings = []
    for year in (ctx.today.year, ctx.today.year + 1):
        covered = all(workdays.day_info(date(year, month, 1)).covered for month in (1, 6, 12))
        if covered:
            findings.append(
                Finding(
                    "calendar",
                    OK,
                    _("The holiday calendar covers {year}.").format(year=year),
                )
            )
        else:
            findings.append(
                Finding(
                    "calendar",
                    WARNING,
                    _(
                        "The holiday calendar does not cover {year} yet: time limits over "
                        "{year} count Monday to Friday and are marked provisional."
                    ).format(year=year),
                    _(
                        "When the State Council publishes {year}'s holiday schedule (usually "
                        "in November), enter it with H on the desk or secdesk holidays import "
                        "FILE."
                    ).format(year=year),
                )
            )
    return findings


def search_index(ctx: Context) -> list[Finding]:
    """The search index holds one entry per record it should find."""
    if not ctx.readable or ctx.revision != HEAD:
        return []
    from secdesk.services import search_index

    store = ctx.store()
    try:
        expected, held = store.run(lambda session: search_index.health(session.connection()))
    except Exception:  # noqa: BLE001 - the integrity check says what is wrong with the file
        return []
    finally:
        store.close()
    if expected == held:
        return [
            Finding(
                "search",
                OK,
                ngettext(
                    "The search index holds its {n} record.",
                    "The search index holds all {n} records.",
                    held,
                ).format(n=held),
            )
        ]
    return [
        Finding(
            "search",
            WARNING,
            _(
                "The search index holds {held} entries for {expected} records: search may "
                "miss some or show ones that are gone."
            ).format(held=held, expected=expected),
            _("Make it anew: secdesk doctor --reindex (or secdesk reindex)."),
        )
    ]


def cut_off_imports(ctx: Context) -> list[Finding]:
    """An import killed half-way (its process gone before its last batch) left records
    that are not a whole import: they are offered for removal."""
    if not ctx.readable or ctx.revision != HEAD:
        return []
    from secdesk.services import imports

    store = ctx.store()
    try:
        found = store.run(imports.cut_off)
    except Exception:  # noqa: BLE001 - the integrity check says what is wrong with the file
        return []
    finally:
        store.close()
    return [
        Finding("imports", WARNING, *imports.cut_off_said(number, source, count))
        for number, source, count in found
    ]


def _apply_entered(ctx: Context) -> None:
    """Put the schedules the office entered to work (read through the usual services)."""
    from secdesk.services import holidays

    store = ctx.store()
    try:
        store.run(holidays.apply)
    except Exception:  # noqa: BLE001 - the package's calendar is still there to check
        pass
    finally:
        store.close()


#: The checks of a database file, in the order they run and are printed.
CHECKS: list[Check] = [
    integrity,
    schema,
    foreign_keys,
    permissions,
    disk,
    recent_backup,
    calendar,
    search_index,
    cut_off_imports,
]


#: The checks of a database on a PostgreSQL server (the server keeps the file itself sound).
SERVER_CHECKS: list[Check] = [
    connection,
    schema,
    permissions,
    backup_tools,
    recent_backup,
    calendar,
    search_index,
    cut_off_imports,
]


def examine(
    database: Path,
    backups: Path,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    url: str | None = None,
) -> list[Finding]:
    """Run every check on ``database`` (which must exist), or on the database at ``url``
    on a server (``database`` its local name); ``progress(done, total)`` is told the
    checks done."""
    ctx = Context(database, backups, today or clock.today(), url=url)
    checks = CHECKS if url is None else SERVER_CHECKS
    findings: list[Finding] = []
    for done, check in enumerate(checks, start=1):
        findings.extend(check(ctx))
        if progress is not None:
            progress(done, len(checks))
    return findings


def at_risk(findings: list[Finding]) -> bool:
    return any(f.level == DANGER for f in findings)
