"""The command line: the TUI by default, and subcommands for scripts and the shell.

Heavy modules (Textual, SQLModel, Alembic) are imported inside the subcommand that needs
them, so ``secdesk today`` never loads Textual and the TUI paints before the database layer
loads.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from secdesk import __version__, clock, config, i18n
from secdesk.i18n import _
from secdesk.textsafe import safe

if TYPE_CHECKING:
    import argparse


class CliError(Exception):
    """A problem to tell the user in one line, exiting non-zero."""


def build_parser() -> argparse.ArgumentParser:
    import argparse  # not needed to open the desk itself (see _desk_only)

    parser = argparse.ArgumentParser(
        prog="secdesk",
        description=_("A keyboard-driven desk for the office secretary."),
    )
    parser.add_argument("--version", action="version", version=f"secdesk {__version__}")
    parser.add_argument("--db", metavar="PATH", help=_("open this database file instead"))
    parser.add_argument("--lang", choices=["zh", "en"], help=_("interface language"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("tui", help=_("open the desk (the default)"))
    demo = sub.add_parser("demo", help=_("open the desk on a throwaway database of demo data"))
    demo.add_argument("--years", type=int, default=1, help=_("years of office history"))

    seed = sub.add_parser("seed-demo", help=_("write a demo database to PATH and exit"))
    seed.add_argument("path", metavar="PATH")
    seed.add_argument("--years", type=int, default=1, help=_("years of office history"))

    today = sub.add_parser("today", help=_("print today's summary and exit"))
    today.add_argument("--json", action="store_true", help=_("print it as JSON for scripts"))

    log = sub.add_parser("log", help=_("save a call or a visitor from the shell"))
    log_sub = log.add_subparsers(dest="what", metavar="WHAT", required=True)
    call = log_sub.add_parser("call", help=_("log a telephone call"))
    call.add_argument("summary", nargs="?", default="", metavar="SUMMARY")
    call.add_argument("--out", action="store_true", help=_("an outgoing call"))
    call.add_argument("--at", metavar="TIME", default="", help=_("when (default: now)"))
    call.add_argument(
        "--from",
        dest="caller",
        metavar="NAME",
        default="",
        help=_("who called (or whom we called)"),
    )
    call.add_argument("--number", metavar="N", default="")
    call.add_argument("--org", metavar="ORG", default="")
    call.add_argument(
        "--for", dest="message_for", metavar="WHOM", default="", help=_("who needs to know")
    )
    call.add_argument("--follow-up", action="store_true", help=_("somebody must act on it"))
    visit = log_sub.add_parser("visit", help=_("register a visitor"))
    visit.add_argument("purpose", nargs="?", default="", metavar="PURPOSE")
    visit.add_argument("--name", required=True, metavar="NAME")
    visit.add_argument("--org", metavar="ORG", default="")
    visit.add_argument("--host", metavar="HOST", default="")
    visit.add_argument("--phone", metavar="P", default="")
    visit.add_argument("--badge", metavar="B", default="")
    visit.add_argument("--at", metavar="TIME", default="", help=_("arrived (default: now)"))

    imp = sub.add_parser("import", help=_("import contacts or phone-system call records"))
    imp_sub = imp.add_subparsers(dest="what", metavar="WHAT", required=True)
    imp_calls = imp_sub.add_parser("calls", help=_("call records from the phone system"))
    imp_calls.add_argument("file", metavar="FILE")
    imp_calls.add_argument("--format", choices=["asterisk"], default="asterisk")
    imp_contacts = imp_sub.add_parser("contacts", help=_("contacts from a vCard file"))
    imp_contacts.add_argument("file", metavar="FILE.vcf")
    for p in (imp_calls, imp_contacts):
        p.add_argument(
            "--dry-run", action="store_true", help=_("show what would be added, change nothing")
        )

    exp = sub.add_parser("export", help=_("export the contact book"))
    exp_sub = exp.add_subparsers(dest="what", metavar="WHAT", required=True)
    exp_contacts = exp_sub.add_parser("contacts", help=_("as a vCard 3.0 file"))
    exp_contacts.add_argument("file", metavar="FILE.vcf")
    return parser


def _settings() -> config.Settings:
    try:
        return config.load_settings()
    except ValueError as exc:
        raise CliError(_("The config file is broken: {error}").format(error=exc)) from exc


def _store(db: str | None):  # noqa: ANN202
    from secdesk.db import DatabaseError, stored_revision
    from secdesk.services.store import Store

    path = config.database_path(db)
    try:
        stored_revision(path)  # a foreign or newer file is refused before anything else
    except DatabaseError as exc:
        raise CliError(str(exc)) from exc
    return Store(path, config.backup_dir())


def _check_open(store) -> None:  # noqa: ANN001
    from secdesk.db import DatabaseError

    try:
        store.open()
    except DatabaseError as exc:
        raise CliError(str(exc)) from exc


def run_tui(store, settings: config.Settings) -> int:  # noqa: ANN001
    from secdesk.app import SecDeskApp

    SecDeskApp(store, settings).run()
    return 0


def cmd_today(store, settings: config.Settings, as_json: bool) -> int:  # noqa: ANN001
    from secdesk.console import print_today
    from secdesk.services import dashboard

    _check_open(store)
    data = store.run(dashboard.build, clock.today(), settings.due_soon_days)
    if as_json:
        import json

        print(json.dumps(data.to_json(), ensure_ascii=False, indent=2))
    else:
        print_today(data)
    return 0


def _when(typed: str):  # noqa: ANN202
    from secdesk.services.timeparse import TimeParseError, parse_when

    try:
        return parse_when(typed, clock.now_local())
    except TimeParseError as exc:
        raise CliError(_("{typed!r}: {error}").format(typed=typed, error=_(str(exc)))) from exc


def cmd_log(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    from secdesk.services.views import CallInput, InvalidInput, VisitInput

    try:
        if args.what == "call":
            from secdesk.services import calls

            saved = store.write(
                calls.log_call,
                CallInput(
                    at=_when(args.at),
                    direction="outgoing" if args.out else "incoming",
                    caller=args.caller,
                    number=args.number,
                    organization=args.org,
                    summary=args.summary,
                    message_for=args.message_for,
                    follow_up=args.follow_up,
                    message_status="to_pass" if args.message_for else "no_action",
                ),
                source="cli",
            )
        else:
            from secdesk.services import visits

            saved = store.write(
                visits.log_visit,
                VisitInput(
                    name=args.name,
                    arrived_at=_when(args.at),
                    organization=args.org,
                    host=args.host,
                    phone=args.phone,
                    badge=args.badge,
                    purpose=args.purpose,
                ),
            )
    except InvalidInput as exc:
        raise CliError(_(exc.message)) from exc
    print(saved.id)
    return 0


def _read(path: str) -> bytes:
    try:
        return Path(path).expanduser().read_bytes()
    except OSError as exc:
        raise CliError(str(exc)) from exc


def cmd_import(store, settings: config.Settings, args: argparse.Namespace) -> int:  # noqa: ANN001
    data = _read(args.file)
    apply = not args.dry_run
    if args.what == "contacts":
        from secdesk.io.vcf import VCardError
        from secdesk.services import contact_cards

        try:
            report = store.write(contact_cards.import_vcards, data, apply)
        except VCardError as exc:
            raise CliError(
                _("{file}: {error}. Nothing was imported.").format(file=args.file, error=exc)
            ) from exc
        verb = _("Added") if apply else _("Would add")
        for name in report.added:
            print(f"+ {safe(name)}")
        for name in report.updated:
            print(f"~ {safe(name)}")
        print(
            _(
                "{verb} {added} contacts, new numbers for {updated}, {unchanged} already known."
            ).format(
                verb=verb,
                added=len(report.added),
                updated=len(report.updated),
                unchanged=len(report.unchanged),
            )
        )
        return 0
    from secdesk.io.cdr import CdrError
    from secdesk.services import callimport

    try:
        report = store.write(
            callimport.import_calls_asterisk, data, settings.internal_extensions, apply
        )
    except CdrError as exc:
        raise CliError(
            _("{file}: {error}. Nothing was imported.").format(file=args.file, error=exc)
        ) from exc
    for row in report.rows[:50]:
        arrow = "<-" if row.direction == "incoming" else "->"
        print(f"+ {row.at:%Y-%m-%d %H:%M} {arrow} {safe(row.caller or row.number)}")
    if len(report.rows) > 50:
        print(f"  … {len(report.rows) - 50}")
    verb = _("Added") if apply else _("Would add")
    print(
        _("{verb} {added} calls; {already} were imported before.").format(
            verb=verb, added=report.added, already=report.already
        )
    )
    return 0


def cmd_export(store, args: argparse.Namespace) -> int:  # noqa: ANN001
    from secdesk.services import contact_cards

    text = store.run(contact_cards.export_vcards)
    target = Path(args.file).expanduser()
    try:
        target.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise CliError(str(exc)) from exc
    print(_("Contact book written to {path}").format(path=target))
    return 0


def cmd_seed(path: str, years: int) -> Path:
    from secdesk.services.demo import seed_demo

    target = Path(path).expanduser()
    if target.exists():
        raise CliError(_("{path} exists already: choose a new file name.").format(path=target))
    if years < 1 or years > 30:
        raise CliError(_("--years must be between 1 and 30."))
    seed_demo(target, years=years)
    return target


def _lang_option(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _desk_only(argv: list[str]) -> SimpleNamespace | None:
    """``secdesk``, ``secdesk --db F``, ``secdesk --lang zh``: the desk itself, read without
    building the whole parser (the most common start stays the quickest). Anything else,
    including a mistake, goes to argparse."""
    values: dict[str, str | None] = {"db": None, "lang": None}
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        name, _eq, value = arg.partition("=")
        if name not in ("--db", "--lang"):
            return None
        if not _eq:
            if not rest:
                return None
            value = rest.pop(0)
        if name == "--lang" and value not in ("zh", "en"):
            return None
        values[name[2:]] = value
    return SimpleNamespace(command=None, **values)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        settings = _settings()
        # The language must be known before --help is printed, so --lang is read first.
        i18n.set_language(i18n.detect_language(_lang_option(argv), settings.language))
        clock.set_zone(settings.timezone)
        args = _desk_only(argv) or build_parser().parse_args(argv)
        command = args.command or "tui"
        if command == "seed-demo":
            target = cmd_seed(args.path, args.years)
            print(_("Demo database written to {path}").format(path=target))
            return 0
        if command == "demo":
            import tempfile

            from secdesk.services.store import Store

            with tempfile.TemporaryDirectory(prefix="secdesk-demo-") as folder:
                target = cmd_seed(str(Path(folder) / "demo.db"), args.years)
                return run_tui(Store(target), settings)
        if command == "tui":
            # The desk paints first; opening the file (and refusing a newer or foreign one,
            # which the dashboard then says in so many words) happens in its worker.
            from secdesk.services.store import Store

            return run_tui(Store(config.database_path(args.db), config.backup_dir()), settings)
        store = _store(args.db)
        if command == "today":
            return cmd_today(store, settings, args.json)
        if command == "log":
            _check_open(store)
            return cmd_log(store, args)
        if command == "import":
            _check_open(store)
            return cmd_import(store, settings, args)
        if command == "export":
            _check_open(store)
            return cmd_export(store, args)
        return run_tui(store, settings)
    except CliError as exc:
        print(f"secdesk: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"secdesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
