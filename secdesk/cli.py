"""The command line: the TUI by default, and subcommands for scripts and the shell.

Heavy modules (Textual, SQLModel, Alembic) are imported inside the subcommand that needs
them, so ``secdesk today`` never loads Textual and the TUI paints before the database layer
loads.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from secdesk import __version__, clock, config, i18n
from secdesk.i18n import _


class CliError(Exception):
    """A problem to tell the user in one line, exiting non-zero."""


def build_parser() -> argparse.ArgumentParser:
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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        settings = _settings()
        # The language must be known before --help is printed, so --lang is read first.
        i18n.set_language(i18n.detect_language(_lang_option(argv), settings.language))
        clock.set_zone(settings.timezone)
        parser = build_parser()
        args = parser.parse_args(argv)
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
        store = _store(args.db)
        if command == "today":
            return cmd_today(store, settings, args.json)
        return run_tui(store, settings)
    except CliError as exc:
        print(f"secdesk: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"secdesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
