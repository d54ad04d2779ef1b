"""The command line's care of the data: ``backup``, ``backups``, ``restore``, ``doctor``.

Wing: cli. Must not import the cli package or __main__.

Thin: the work is in ``care.backups`` (``care.pgdump`` for a database on a PostgreSQL
server) and ``care.doctor``; this module reads the arguments, asks on a terminal, shows
progress on a terminal (never when piped or with ``--json``) and prints the outcome. Each
command is handed the database's Store unopened: a file's care works on the file itself,
a server's through pg_dump, pg_restore and its own connections.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from secdesk.cli.common import (
    CliError,
    Invocation,
    ask_yes,
    force_option,
    new_home,
    output_file,
    print_json,
    progress_bar,
    unopened_store,
)
from secdesk.i18n import N_, _, ngettext
from secdesk.textsafe import safe

if TYPE_CHECKING:
    import argparse

    from secdesk.care import backups, doctor
    from secdesk.cli.common import Commands
    from secdesk.services.store import Store

NO_DATABASE_YET = N_("There is no database yet: the first record saved creates it.")

#: A care command: the database (a Store, not opened) and the arguments.
CareCommand = Callable[["Store", "argparse.Namespace"], int]


def register(sub: Commands) -> None:
    backup = sub.add_parser("backup", help=_("back the database up now and print where"))
    backup.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help=_("where to write it (default: a new file in the backups folder)"),
    )
    force_option(backup)
    backup.set_defaults(run=on_the_database(cmd_backup))
    listed = sub.add_parser("backups", help=_("list the backups with their dates and records"))
    listed.add_argument("--json", action="store_true", help=_("print it as JSON for scripts"))
    listed.set_defaults(run=on_the_database(cmd_backups))
    restore = sub.add_parser(
        "restore", help=_("replace the database with a backup (the current one is kept)")
    )
    restore.add_argument("file", metavar="FILE", help=_("the backup to restore"))
    restore.add_argument("--yes", action="store_true", help=_("do not ask first"))
    restore.set_defaults(run=on_the_database(cmd_restore))
    doctor = sub.add_parser("doctor", help=_("check the database's health and say what to do"))
    doctor.add_argument("--json", action="store_true", help=_("print it as JSON for scripts"))
    doctor.add_argument(
        "--reindex", action="store_true", help=_("make the search index anew first")
    )
    doctor.set_defaults(run=on_the_database(cmd_doctor))


def on_the_database(command: CareCommand) -> Callable[[Invocation], int]:
    """``command`` run on the database ``--db`` names (a file, or a database on a server)
    with its backups folder; a disk or database failure is told in one sentence naming
    the database."""

    @functools.wraps(command)
    def run(inv: Invocation) -> int:
        store = unopened_store(inv.args.db)
        try:
            return command(store, inv.args)
        except Exception as exc:
            from secdesk.services import errors

            if isinstance(exc, CliError | BrokenPipeError) or not errors.is_storage_error(exc):
                raise
            raise CliError(errors.describe(exc, store.where)) from exc
        finally:
            store.close()

    return run


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"  # pragma: no cover


def cmd_backup(store: Store, args: argparse.Namespace) -> int:
    from secdesk.care import backups

    if store.url is not None:
        return _server_backup(store.url, _folder(store), args)
    database = store.path
    if new_home(args.db):
        print(_("Nothing to back up yet: the first record saved creates the database."))
        return 0
    target = output_file(args.file, args.force, f"{database.stem}-backup.db") if args.file else None
    try:
        with progress_bar(_("Backing up")) as progress:
            # ``output_file`` has asked about a file that exists: it is replaced.
            made = backups.take(database, _folder(store), target, progress, force=True)
    except backups.BackupError as exc:
        raise CliError(str(exc)) from exc
    print(made)
    return 0


def _folder(store: Store) -> Path:
    assert store.backup_dir is not None
    return store.backup_dir


def _server_backup(url: str, folder: Path, args: argparse.Namespace) -> int:
    """pg_dump's archive of the database on the server; without pg_dump, how to back up."""
    from secdesk.care import backups, pgdump

    example = f"{pgdump.named(url).stem}-backup{pgdump.SUFFIX}"
    target = output_file(args.file, args.force, example) if args.file else None
    try:
        with progress_bar(_("Backing up")):
            made = pgdump.take(url, folder, target, force=True)
    except backups.BackupError as exc:
        raise CliError(str(exc)) from exc
    print(made)
    return 0


def cmd_backups(store: Store, args: argparse.Namespace) -> int:
    from secdesk.care import backups, keeping
    from secdesk.i18n import format_moment

    folder = _folder(store)
    found = backups.listing(_named(store), folder)
    if args.json:
        rows = [
            {
                "path": str(b.path),
                "taken": b.taken.isoformat(timespec="seconds"),
                "size": b.size,
                "reason": b.reason,
                "counts": b.counts,
                "problem": b.problem,
            }
            for b in found
        ]
        print_json(rows)
        return 0
    if not found:
        print(
            _("No backups of {path} in {folder} yet: secdesk backup takes one.").format(
                path=safe(store.where), folder=safe(str(folder))
            )
        )
        return 0
    from secdesk.calendar import clock

    today = clock.today()
    reasons = [_(label) for label in keeping.REASONS.values()]
    for b in found:
        what = b.problem or (_("a pg_dump archive") if b.archive else backups.counts_text(b.counts))
        print(
            f"{_pad(format_moment(b.taken, today), 16)}  {_size(b.size):>8}  "
            f"{_pad(_(keeping.REASONS[b.reason]), max(map(_cells, reasons)))}  {what}"
        )
        print(f"    {safe(str(b.path))}")
    return 0


def _named(store: Store) -> Path:
    """What the database's backups are named after: the file, or the server's database."""
    if store.url is None:
        return store.path
    from secdesk.care import pgdump

    return pgdump.named(store.url)


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal cells (张 is two)."""
    return text + " " * max(0, width - _cells(text))


def cmd_restore(store: Store, args: argparse.Namespace) -> int:
    from secdesk.care import backups, desklock
    from secdesk.db import HEAD

    source = Path(args.file).expanduser()
    where = store.where
    try:
        examined = _examine(store, source)
    except backups.BackupError as exc:
        raise CliError(str(exc)) from exc
    open_in_desk = CliError(
        _(
            "A secdesk window has {path} open, or a secdesk command is saving to it: close it "
            "(q) or let the command finish, then restore. Nothing was changed."
        ).format(path=where)
    )
    if desklock.is_open(store.path):
        raise open_in_desk
    if store.url is not None:
        _refuse_others(store.url)
        print(
            _("{path}: a pg_dump archive of schema {revision}.").format(
                path=safe(str(source)), revision=examined.revision
            )
        )
    else:
        print(
            _("{path}: schema {revision}; {records}.").format(
                path=safe(str(source)),
                revision=examined.revision,
                records=backups.counts_text(examined.counts),
            )
        )
    if not args.yes:
        ask_yes(
            _(
                "Replace the database {path} with this backup? It is copied to the backups "
                "folder first. [y/N]"
            ).format(path=where),
            refuse=_("Restoring replaces the whole database: add --yes to do it without asking."),
        )
    try:
        with progress_bar(_("Restoring")) as progress:
            if store.url is not None:
                from secdesk.care import pgdump

                restored = pgdump.restore(store.url, store.path, _folder(store), source)
            else:
                restored = backups.restore(store.path, _folder(store), source, progress)
    except backups.BackupError as exc:
        raise CliError(str(exc)) from exc
    except desklock.DeskOpen as exc:
        raise open_in_desk from exc
    except KeyboardInterrupt as exc:
        raise CliError(_("Interrupted: the database was not changed."), code=130) from exc
    print(_("Restored {source} into {path}.").format(source=safe(str(source)), path=where))
    if restored.before is not None:
        print(_("The database as it was is kept in {path}.").format(path=restored.before))
    if restored.upgraded:
        print(
            _("The backup was of schema {old}; it was upgraded to {new}.").format(
                old=restored.revision, new=HEAD
            )
        )
    return 0


def _examine(store: Store, source: Path) -> backups.Examined:
    """The backup checked as one to restore into the store's database."""
    from secdesk.care import backups

    if store.url is not None:
        from secdesk.care import pgdump

        return pgdump.examine(source)
    return backups.examine(source)


def _refuse_others(url: str) -> None:
    """A restore on a server is refused while other desks (or psql) are connected."""
    from secdesk import dbserver
    from secdesk.care import backups, pgdump

    try:
        state = pgdump.server(url)
    except backups.BackupError as exc:
        raise CliError(str(exc)) from exc
    if state.others:
        raise CliError(str(pgdump.DesksConnected(dbserver.shown(url), state.others)))


def reindex(store: Store, quiet: bool = False) -> None:
    """Make the search index anew, in one transaction, saying how many records it holds."""
    from secdesk.services import search_index

    if store.url is None and not store.path.exists():
        raise CliError(_("There is no database at {path}.").format(path=store.path))
    with progress_bar(_("Indexing"), quiet=quiet) as progress:
        count = store.write(search_index.reindex)
        if progress is not None:
            progress(1, 1)
    if not quiet:
        print(
            ngettext(
                "The search index was made anew: {n} record.",
                "The search index was made anew: {n} records.",
                count,
            ).format(n=count)
        )


def cmd_doctor(store: Store, args: argparse.Namespace) -> int:
    """Print each finding and what to do; exit 1 when the data is at risk."""
    from secdesk.care import doctor

    as_json = args.json
    if store.url is None and new_home(args.db):
        findings = [doctor.Finding("database", doctor.OK, _(NO_DATABASE_YET))]
        _print_findings(store.where, findings, as_json)
        return 0
    if args.reindex:
        reindex(store, quiet=as_json)
        store.close()  # the checks read the database with connections of their own
    if store.url is None and not store.path.exists():
        raise CliError(_("There is no database at {path}.").format(path=store.path))
    with progress_bar(_("Checking"), quiet=as_json) as progress:
        findings = doctor.examine(store.path, _folder(store), progress=progress, url=store.url)
    _print_findings(store.where, findings, as_json)
    return 1 if doctor.at_risk(findings) else 0


def _print_findings(where: str, findings: list[doctor.Finding], as_json: bool) -> None:
    from secdesk.care import doctor

    if as_json:
        print_json(
            [
                {"check": f.check, "level": f.level, "message": f.message, "advice": f.advice}
                for f in findings
            ]
        )
    else:
        print(_("Checking {path}").format(path=safe(where)))
        width = max(_cells(_(label)) for label in doctor.LEVELS.values())
        for f in findings:
            print(f"  {_pad(_(doctor.LEVELS[f.level]), width)}  {safe(f.message)}")
            if f.advice:
                print(f"  {' ' * width}  → {safe(f.advice)}")
        if doctor.at_risk(findings):
            print(_("The data is at risk: do what is said above."))
