"""The command line's care of the data: ``backup``, ``backups``, ``restore``, ``doctor``.

Wing: cli. Must not import the cli package or __main__.

Thin: the work is in ``care.backups`` and ``care.doctor``; this module reads the arguments,
asks on a terminal, shows progress on a terminal (never when piped or with ``--json``) and
prints the outcome. They work on the database file itself, never through a Store.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from secdesk import config
from secdesk.cli.common import (
    CliError,
    Invocation,
    ask_yes,
    database_file,
    force_option,
    new_home,
    output_file,
    print_json,
    progress_bar,
)
from secdesk.i18n import N_, _, ngettext
from secdesk.textsafe import safe

if TYPE_CHECKING:
    import argparse

    from secdesk.care import doctor
    from secdesk.cli.common import Commands

NO_DATABASE_YET = N_("There is no database yet: the first record saved creates it.")

#: A care command: the database file, the backups folder and the arguments.
CareCommand = Callable[[Path, Path, "argparse.Namespace"], int]


def register(sub: Commands) -> None:
    backup = sub.add_parser("backup", help=_("back the database up now and print where"))
    backup.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help=_("where to write it (default: a new file in the backups folder)"),
    )
    force_option(backup)
    backup.set_defaults(run=on_the_file(cmd_backup))
    listed = sub.add_parser("backups", help=_("list the backups with their dates and records"))
    listed.add_argument("--json", action="store_true", help=_("print it as JSON for scripts"))
    listed.set_defaults(run=on_the_file(cmd_backups))
    restore = sub.add_parser(
        "restore", help=_("replace the database with a backup (the current one is kept)")
    )
    restore.add_argument("file", metavar="FILE", help=_("the backup to restore"))
    restore.add_argument("--yes", action="store_true", help=_("do not ask first"))
    restore.set_defaults(run=on_the_file(cmd_restore))
    doctor = sub.add_parser("doctor", help=_("check the database's health and say what to do"))
    doctor.add_argument("--json", action="store_true", help=_("print it as JSON for scripts"))
    doctor.add_argument(
        "--reindex", action="store_true", help=_("make the search index anew first")
    )
    doctor.set_defaults(run=on_the_file(cmd_doctor))


def on_the_file(command: CareCommand) -> Callable[[Invocation], int]:
    """``command`` run on the database file ``--db`` names and the backups folder; a disk
    or database failure is told in one sentence naming the database."""

    @functools.wraps(command)
    def run(inv: Invocation) -> int:
        database = database_file(inv.args.db)
        try:
            return command(database, config.backup_dir(database), inv.args)
        except Exception as exc:
            from secdesk.services import errors

            if isinstance(exc, CliError | BrokenPipeError) or not errors.is_storage_error(exc):
                raise
            raise CliError(errors.describe(exc, database)) from exc

    return run


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"  # pragma: no cover


def cmd_backup(database: Path, folder: Path, args: argparse.Namespace) -> int:
    from secdesk.care import backups

    if new_home(args.db):
        print(_("Nothing to back up yet: the first record saved creates the database."))
        return 0
    target = output_file(args.file, args.force, f"{database.stem}-backup.db") if args.file else None
    try:
        with progress_bar(_("Backing up")) as progress:
            # ``output_file`` has asked about a file that exists: it is replaced.
            made = backups.take(database, folder, target, progress, force=True)
    except backups.BackupError as exc:
        raise CliError(str(exc)) from exc
    print(made)
    return 0


def cmd_backups(database: Path, folder: Path, args: argparse.Namespace) -> int:
    from secdesk.care import backups
    from secdesk.i18n import format_moment

    found = backups.listing(database, folder)
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
                path=safe(str(database)), folder=safe(str(folder))
            )
        )
        return 0
    from secdesk.calendar import clock

    today = clock.today()
    reasons = [_(label) for label in backups.REASONS.values()]
    for b in found:
        what = b.problem or backups.counts_text(b.counts)
        print(
            f"{_pad(format_moment(b.taken, today), 16)}  {_size(b.size):>8}  "
            f"{_pad(_(backups.REASONS[b.reason]), max(map(_cells, reasons)))}  {what}"
        )
        print(f"    {safe(str(b.path))}")
    return 0


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal cells (张 is two)."""
    return text + " " * max(0, width - _cells(text))


def cmd_restore(database: Path, folder: Path, args: argparse.Namespace) -> int:
    from secdesk.care import backups, desklock
    from secdesk.db import HEAD

    source = Path(args.file).expanduser()
    try:
        examined = backups.examine(source)
    except backups.BackupError as exc:
        raise CliError(str(exc)) from exc
    open_in_desk = CliError(
        _(
            "A secdesk window has {path} open, or a secdesk command is saving to it: close it "
            "(q) or let the command finish, then restore. Nothing was changed."
        ).format(path=database)
    )
    if desklock.is_open(database):
        raise open_in_desk
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
            ).format(path=database),
            refuse=_("Restoring replaces the whole database: add --yes to do it without asking."),
        )
    try:
        with progress_bar(_("Restoring")) as progress:
            restored = backups.restore(database, folder, source, progress)
    except backups.BackupError as exc:
        raise CliError(str(exc)) from exc
    except desklock.DeskOpen as exc:
        raise open_in_desk from exc
    except KeyboardInterrupt as exc:
        raise CliError(_("Interrupted: the database was not changed."), code=130) from exc
    print(_("Restored {source} into {path}.").format(source=safe(str(source)), path=database))
    if restored.before is not None:
        print(_("The database as it was is kept in {path}.").format(path=restored.before))
    if restored.upgraded:
        print(
            _("The backup was of schema {old}; it was upgraded to {new}.").format(
                old=restored.revision, new=HEAD
            )
        )
    return 0


def reindex(database: Path, quiet: bool = False) -> None:
    """Make the search index anew, in one transaction, saying how many records it holds."""
    from secdesk.services import search
    from secdesk.services.store import Store

    if not database.exists():
        raise CliError(_("There is no database at {path}.").format(path=database))
    store = Store(database)
    try:
        with progress_bar(_("Indexing"), quiet=quiet) as progress:
            count = store.write(search.reindex)
            if progress is not None:
                progress(1, 1)
    finally:
        store.close()
    if not quiet:
        print(
            ngettext(
                "The search index was made anew: {n} record.",
                "The search index was made anew: {n} records.",
                count,
            ).format(n=count)
        )


def cmd_doctor(database: Path, folder: Path, args: argparse.Namespace) -> int:
    """Print each finding and what to do; exit 1 when the data is at risk."""
    from secdesk.care import doctor

    as_json = args.json
    if new_home(args.db):
        findings = [doctor.Finding("database", doctor.OK, _(NO_DATABASE_YET))]
        _print_findings(database, findings, as_json)
        return 0
    if args.reindex:
        reindex(database, quiet=as_json)
    if not database.exists():
        raise CliError(_("There is no database at {path}.").format(path=database))
    with progress_bar(_("Checking"), quiet=as_json) as progress:
        findings = doctor.examine(database, folder, progress=progress)
    _print_findings(database, findings, as_json)
    return 1 if doctor.at_risk(findings) else 0


def _print_findings(database: Path, findings: list[doctor.Finding], as_json: bool) -> None:
    from secdesk.care import doctor

    if as_json:
        print_json(
            [
                {"check": f.check, "level": f.level, "message": f.message, "advice": f.advice}
                for f in findings
            ]
        )
    else:
        print(_("Checking {path}").format(path=safe(str(database))))
        width = max(_cells(_(label)) for label in doctor.LEVELS.values())
        for f in findings:
            print(f"  {_pad(_(doctor.LEVELS[f.level]), width)}  {safe(f.message)}")
            if f.advice:
                print(f"  {' ' * width}  → {safe(f.advice)}")
        if doctor.at_risk(findings):
            print(_("The data is at risk: do what is said above."))
