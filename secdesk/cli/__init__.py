"""The command line: the TUI by default, and subcommands for scripts and the shell.

Heavy modules (Textual, SQLModel, Alembic) are imported inside the subcommand that needs
them, so ``secdesk today`` never loads Textual and the TUI paints before the database layer
loads.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from secdesk import __version__, config, i18n
from secdesk.calendar import clock
from secdesk.i18n import _, ngettext
from secdesk.textsafe import safe

if TYPE_CHECKING:
    import argparse
    from datetime import datetime

    from secdesk.office.contacts.cards import ContactImportReport
    from secdesk.services.store import Store


class CliError(Exception):
    """A problem to tell the user in one line, exiting with ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@contextmanager
def _argparse_in_our_language() -> Iterator[None]:
    """argparse's own words ("usage:", "error:", "the following arguments are required")
    looked up in secdesk's catalog (``secdesk/locale/argparse_strings.py`` lists them).
    argparse reads the module-level names ``_`` and ``ngettext`` when it speaks, so they are
    swapped only while one of our parsers is being built or is talking."""
    import argparse

    names = vars(argparse)
    saved = names["_"], names["ngettext"]
    names["_"], names["ngettext"] = i18n._, i18n.ngettext
    try:
        yield
    finally:
        names["_"], names["ngettext"] = saved


@functools.cache
def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse  # not needed to open the desk itself (see _desk_only)
    import re

    looks_like_a_value = re.compile(r"-\d")

    class Parser(argparse.ArgumentParser):
        """secdesk's parser: speaks the interface language and reads ``--at -20m``."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            with _argparse_in_our_language():  # "options", "show this help message and exit"
                super().__init__(*args, **kwargs)

        def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
            with _argparse_in_our_language():
                return super().parse_known_args(*args, **kwargs)

        def parse_args(self, *args: Any, **kwargs: Any) -> Any:
            with _argparse_in_our_language():
                return super().parse_args(*args, **kwargs)

        def format_usage(self) -> str:
            with _argparse_in_our_language():
                return super().format_usage()

        def format_help(self) -> str:
            with _argparse_in_our_language():
                return super().format_help()

        def error(self, message: str) -> Any:
            with _argparse_in_our_language():
                return super().error(message)

        def _parse_optional(self, arg_string: str) -> Any:
            # "-20m", "-2h", "-1d" are values, never options: no secdesk option starts with
            # a digit. So "--at -20m" needs no "=", and a summary may start "-3号楼".
            # (An argparse internal: None means "a value". The tests pin the behaviour.)
            if looks_like_a_value.match(arg_string):
                return None
            return super()._parse_optional(arg_string)

    return Parser


def build_parser() -> argparse.ArgumentParser:
    parser = _parser_class()(
        prog="secdesk",
        description=_("A keyboard-driven desk for the office secretary."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"secdesk {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument("--db", metavar="PATH", help=_("open this database file instead"))
    parser.add_argument("--lang", choices=["zh", "en"], help=_("interface language"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("tui", help=_("open the desk (the default)"))
    demo = sub.add_parser("demo", help=_("open the desk on a throwaway database of demo data"))
    demo.add_argument("--years", type=int, default=1, help=_("years of office history"))

    seed = sub.add_parser("seed-demo", help=_("write a demo database to PATH and exit"))
    seed.add_argument("path", metavar="PATH", help=_("the new database file"))
    seed.add_argument("--years", type=int, default=1, help=_("years of office history"))

    today = sub.add_parser("today", help=_("print today's summary and exit"))
    today.add_argument("--json", action="store_true", help=_("print it as JSON for scripts"))

    find = sub.add_parser("search", help=_("find records by any piece of their text"))
    find.add_argument(
        "query", metavar="QUERY", nargs="*", help=_("words, and kind: from: to: who: filters")
    )
    find.add_argument("--json", action="store_true", help=_("print the hits as JSON"))
    find.add_argument("--limit", type=int, default=50, metavar="N", help=_("at most N hits"))
    find.add_argument("--reindex", action="store_true", help=_("rebuild the search index first"))
    sub.add_parser("reindex", help=_("rebuild the search index from the records"))

    report = sub.add_parser("report", help=_("the work summary's figures for a period"))
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--month", metavar="YYYY-MM", help=_("a calendar month"))
    which.add_argument("--week", metavar="YYYY-Www", help=_("an ISO week"))
    which.add_argument("--quarter", metavar="YYYY-Qn", help=_("a quarter"))
    which.add_argument("--year", metavar="YYYY", help=_("a year"))
    which.add_argument("--from", dest="start", metavar="DATE", help=_("from this day (with --to)"))
    report.add_argument("--to", dest="end", metavar="DATE", help=_("to this day, included"))
    report.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    report.add_argument(
        "file", metavar="FILE", nargs="?", help=_("write it to FILE (.docx, .xlsx or .md)")
    )

    log = sub.add_parser("log", help=_("save a call or a visitor from the shell"))
    log_sub = log.add_subparsers(dest="what", metavar="WHAT", required=True)
    call = log_sub.add_parser("call", help=_("log a telephone call"))
    call.add_argument("summary", nargs="?", default="", metavar="SUMMARY", help=_("what was said"))
    call.add_argument("--out", action="store_true", help=_("an outgoing call"))
    call.add_argument(
        "--at", metavar="TIME", default="", help=_("when, e.g. 10:30 or -20m (default: now)")
    )
    call.add_argument(
        "--from",
        dest="caller",
        metavar="NAME",
        default="",
        help=_("who called (or whom we called)"),
    )
    call.add_argument("--number", metavar="N", default="", help=_("their telephone number"))
    call.add_argument("--org", metavar="ORG", default="", help=_("their organisation"))
    call.add_argument(
        "--for", dest="message_for", metavar="WHOM", default="", help=_("who needs to know")
    )
    call.add_argument("--follow-up", action="store_true", help=_("somebody must act on it"))
    visit = log_sub.add_parser("visit", help=_("register a visitor"))
    visit.add_argument(
        "purpose", nargs="?", default="", metavar="PURPOSE", help=_("what they came for")
    )
    visit.add_argument("--name", required=True, metavar="NAME", help=_("the visitor's name"))
    visit.add_argument("--org", metavar="ORG", default="", help=_("their organisation"))
    visit.add_argument("--host", metavar="HOST", default="", help=_("whom they came to see"))
    visit.add_argument("--phone", metavar="P", default="", help=_("their telephone number"))
    visit.add_argument("--badge", metavar="B", default="", help=_("the visitor badge number"))
    visit.add_argument("--at", metavar="TIME", default="", help=_("arrived (default: now)"))
    from secdesk.cli import documents as cli_documents

    cli_documents.add_log_parsers(log_sub)
    for p in (call, visit):
        p.add_argument(
            "--yes",
            action="store_true",
            help=_("keep a time more than a day ahead without asking"),
        )

    imp = sub.add_parser("import", help=_("import contacts or phone-system call records"))
    imp_sub = imp.add_subparsers(dest="what", metavar="WHAT", required=True)
    imp_calls = imp_sub.add_parser("calls", help=_("call records from the phone system"))
    imp_calls.add_argument("file", metavar="FILE", help=_("the CSV file the phone system wrote"))
    imp_calls.add_argument(
        "--format", choices=["asterisk"], default="asterisk", help=_("the phone system")
    )
    imp_contacts = imp_sub.add_parser("contacts", help=_("contacts from a vCard file"))
    imp_contacts.add_argument("file", metavar="FILE.vcf", help=_("the vCard file"))
    imp_meetings = imp_sub.add_parser("meetings", help=_("meetings from an iCalendar file"))
    imp_meetings.add_argument("file", metavar="FILE.ics", help=_("the iCalendar file"))
    for p in (imp_calls, imp_contacts, imp_meetings):
        p.add_argument(
            "--dry-run", action="store_true", help=_("show what would be added, change nothing")
        )

    due = sub.add_parser(
        "due", help=_("print the day a time limit falls on (for scripts) and exit")
    )
    due.add_argument(
        "start", metavar="START", help=_("the day it is counted from: a date, or today")
    )
    due.add_argument("spec", metavar="SPEC", help=_("15d for calendar days, 5wd for working days"))

    hol = sub.add_parser("holidays", help=_("the official holiday schedules the desk counts with"))
    hol_sub = hol.add_subparsers(dest="what", metavar="WHAT", required=True)
    hol_import = hol_sub.add_parser(
        "import", help=_("a year's schedule from the State Council's notice or plain lines")
    )
    hol_import.add_argument("file", metavar="FILE", help=_("a text file with the schedule"))
    hol_import.add_argument(
        "--year", type=int, help=_("the schedule's year, when the text does not say it")
    )
    hol_import.add_argument(
        "--dry-run", action="store_true", help=_("show what would be kept, change nothing")
    )
    hol_sub.add_parser("list", help=_("the years entered and their days off"))

    sup = sub.add_parser("supervision", help=_("urge notices and reports of supervision items"))
    sup_sub = sup.add_subparsers(dest="what", metavar="WHAT", required=True)
    notice = sup_sub.add_parser("notice", help=_("the urge notice (催办通知) of one item"))
    notice.add_argument("id", type=int, metavar="ID", help=_("the item's number"))
    report = sup_sub.add_parser("report", help=_("a period's report: items, on-time rate, overdue"))
    report.add_argument("--from", dest="start", metavar="DATE", default="", help=_("first day"))
    report.add_argument("--to", dest="end", metavar="DATE", default="", help=_("last day"))
    for p in (notice, report):
        p.add_argument("--docx", metavar="FILE", default="", help=_("also write it as .docx"))
        p.add_argument(
            "--force", action="store_true", help=_("overwrite the .docx file if it exists")
        )

    exp = sub.add_parser("export", help=_("export the contact book"))
    exp_sub = exp.add_subparsers(dest="what", metavar="WHAT", required=True)
    exp_contacts = exp_sub.add_parser("contacts", help=_("as a vCard 3.0 file"))
    exp_contacts.add_argument("file", metavar="FILE.vcf", help=_("where to write it"))
    exp_contacts.add_argument(
        "--force", action="store_true", help=_("replace FILE if it exists, without asking")
    )

    cli_documents.add_register_parsers(imp_sub, exp_sub)
    exp_meetings = exp_sub.add_parser("meetings", help=_("meetings as an iCalendar file"))
    exp_meetings.add_argument("--from", dest="start", metavar="DATE", help=_("first day"))
    exp_meetings.add_argument("--to", dest="end", metavar="DATE", help=_("last day"))
    exp_meetings.add_argument("file", metavar="FILE.ics", help=_("where to write it"))
    exp_meetings.add_argument(
        "--force", action="store_true", help=_("replace FILE if it exists, without asking")
    )

    from secdesk.cli import care as cli_care

    cli_care.add_parsers(sub)
    return parser


def _settings() -> config.Settings:
    try:
        settings = config.load_settings()
    except config.SettingsError as exc:
        raise CliError(str(exc)) from exc
    except ValueError as exc:
        raise CliError(_("The config file is broken: {error}").format(error=exc)) from exc
    except OSError as exc:
        raise _described(exc) from exc
    from secdesk.calendar import rules

    rules.use_settings(settings)  # local time limits from config.toml's [rules]
    settings.warnings.extend(rules.problems(settings))
    return settings


def _described(exc: BaseException, path: str | Path | None = None) -> CliError:
    """A disk or database failure as one sentence for the user (never SQLite's words)."""
    from secdesk.services.errors import describe

    return CliError(describe(exc, path))


def database_file(db: str | None) -> Path:
    """The database file ``--db`` (or the usual one) names; a folder is refused."""
    path = config.database_path(db)
    if path.is_dir():
        raise CliError(
            _("{path} is a folder: --db needs a database file, such as {example}.").format(
                path=path, example=path / "secdesk.db"
            )
        )
    return path


def _store(db: str | None, reading: bool = False) -> Store:
    """The database of a command; ``reading`` commands refuse a file that is not there
    (they would show an empty day of a database nobody meant), writing ones create it and
    say so."""
    from secdesk.db import DatabaseError, stored_revision
    from secdesk.services.store import Store

    path = database_file(db)
    if not path.exists():
        if reading:
            raise CliError(
                _(
                    "There is no database at {path}: check the file name. The desk (secdesk) "
                    "or a command that saves (secdesk log ...) creates a new one."
                ).format(path=path)
            )
        if sys.stderr.isatty():  # a person is told; a script's stderr stays for errors
            print(
                _("secdesk: a new database is created at {path}.").format(path=path),
                file=sys.stderr,
            )
    try:
        stored_revision(path)  # a foreign or newer file is refused before anything else
    except DatabaseError as exc:
        raise _described(exc, path) from exc
    return Store(path, config.backup_dir())


def _check_open(store: Store) -> None:
    from secdesk.db import DatabaseError

    try:
        store.open()
    except DatabaseError as exc:
        raise _described(exc, store.path) from exc


def run_tui(store: Store, settings: config.Settings) -> int:
    from secdesk.app import SecDeskApp
    from secdesk.care.desklock import desk_open

    # Held while the desk runs: a restore is refused meanwhile.
    with desk_open(store.path):
        SecDeskApp(store, settings).run()
    return 0


def daily_backup(store: Store) -> None:
    """The day's backup at the first start of the day (a writing command is a start too);
    a failure is said and does not stop the command."""
    from secdesk.care import backups

    if store.backup_dir is None:
        return
    try:
        backups.daily(store.path, store.backup_dir)
    except Exception as exc:
        from secdesk.services import errors

        if not errors.is_storage_error(exc):
            raise
        print(
            _("secdesk: the day's backup could not be taken: {error}").format(
                error=errors.describe(exc)
            ),
            file=sys.stderr,
        )


def cmd_today(store: Store, settings: config.Settings, as_json: bool) -> int:
    from secdesk.cli.console import print_today
    from secdesk.services import dashboard

    _check_open(store)
    data = store.run(dashboard.build, clock.today(), settings)
    if as_json:
        import json

        print(json.dumps(data.to_json(), ensure_ascii=False, indent=2))
    else:
        print_today(data)
    return 0


def cmd_search(store: Store, args: argparse.Namespace) -> int:
    from secdesk.services import search

    _check_open(store)
    if args.reindex:
        cmd_reindex(store)
    text = " ".join(args.query)
    if not text.strip():
        return 0 if args.reindex else _no_query()
    result = store.run(search.search, text, max(1, args.limit), None)
    if args.json:
        import json

        print(json.dumps([hit.as_json() for hit in result.hits], ensure_ascii=False, indent=2))
        return 0
    for problem in result.problems:
        print(_("Not understood: {filter}").format(filter=problem), file=sys.stderr)
    from secdesk.cli.console import print_search

    print_search(result, search.order(), {k: v.title for k, v in search.sources().items()})
    return 0


def _no_query() -> int:
    raise CliError(_("What should be searched for? secdesk search WORDS"))


def cmd_reindex(store: Store) -> int:
    from secdesk.services import search

    _check_open(store)
    entries = store.write(search.reindex)
    print(_("Search index rebuilt: {n} records").format(n=entries))
    return 0


def cmd_report(store: Store, args: argparse.Namespace) -> int:
    from datetime import date

    from secdesk.services import reports

    try:
        if args.start is not None:
            if args.end is None:
                raise CliError(_("--from needs --to"))
            period = reports.date_range(
                date.fromisoformat(args.start), date.fromisoformat(args.end)
            )
        else:
            period = reports.parse_period(args.month or args.week or args.quarter or args.year)
    except ValueError as exc:
        raise CliError(
            str(exc) if isinstance(exc, reports.PeriodError) else _(reports.HOW)
        ) from exc
    _check_open(store)
    summary = store.run(reports.build, period)
    if args.file:
        path = reports.write(summary, Path(args.file))
        print(_("Work summary written to {path}").format(path=path))
    elif args.json:
        import json

        print(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
    else:
        print(reports.markdown(summary), end="")
    return 0


def _when(typed: str, now: datetime) -> datetime:
    from secdesk.calendar.timeparse import TimeParseError, parse_when

    try:
        return parse_when(typed, now)
    except TimeParseError as exc:
        raise CliError(_("{typed!r}: {error}").format(typed=typed, error=_(str(exc)))) from exc


_YES = {"y", "yes", "是", "是的", "好", "确定", "对"}


def _keep_far_future(moment: datetime, now: datetime, assume_yes: bool) -> None:
    """A time more than a day ahead is kept with ``--yes`` or when the user, asked once on
    the terminal, says so; otherwise nothing is saved (CliError)."""
    from secdesk.calendar.timeparse import far_future

    if assume_yes or not far_future(moment, now):
        return
    when = f"{moment:%Y-%m-%d %H:%M}"
    ask_yes(
        _("{when} is in the future: keep it? [y/N]").format(when=when),
        refuse=_(
            "{when} is more than a day ahead: nothing was saved (add --yes to keep it)."
        ).format(when=when),
        declined=_("Nothing was saved."),
    )


def ask_yes(question: str, refuse: str, declined: str = "") -> None:
    """Ask ``question`` on the terminal; returns on yes. Without a terminal to ask on,
    raises CliError(``refuse``); on any other answer, CliError(``declined``, code 1)."""
    import unicodedata

    if not sys.stdin.isatty():
        raise CliError(refuse)
    # The question goes to stderr: stdout carries the output scripts read.
    print(question, end=" ", file=sys.stderr)
    sys.stderr.flush()
    answer = unicodedata.normalize("NFKC", sys.stdin.readline()).strip().lower()
    if answer not in _YES:
        raise CliError(declined or _("Nothing was changed."), code=1)


def cmd_log(store: Store, args: argparse.Namespace) -> int:
    from secdesk.kinds.call import status_after_message_for
    from secdesk.services.views import CallInput, InvalidInput, VisitInput

    now = clock.now_local()
    at = _when(args.at, now)
    _keep_far_future(at, now, args.yes)
    _check_open(store)
    try:
        if args.what == "call":
            from secdesk.office.calls import log as calls

            saved = store.write(
                calls.log_call,
                CallInput(
                    at=at,
                    direction="outgoing" if args.out else "incoming",
                    caller=args.caller,
                    number=args.number,
                    organization=args.org,
                    summary=args.summary,
                    message_for=args.message_for,
                    follow_up=args.follow_up,
                    message_status=status_after_message_for(args.message_for, "no_action", False),
                ),
                source="cli",
            )
        else:
            from secdesk.office import visits

            saved = store.write(
                visits.log_visit,
                VisitInput(
                    name=args.name,
                    arrived_at=at,
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
    """The bytes of a file to import; an empty one (or only a BOM and blank lines) is
    refused alike for every format."""
    target = Path(path).expanduser()
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise _described(exc, target) from exc
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise CliError(_("{file} is empty. Nothing was imported.").format(file=path))
    return data


def _contacts_report(report: ContactImportReport, apply: bool) -> str:
    added, updated = len(report.added), len(report.updated)
    if apply:
        first = ngettext("Added {count} contact", "Added {count} contacts", added)
    else:
        first = ngettext("Would add {count} contact", "Would add {count} contacts", added)
    return _("{added}, {updated}, {known}.").format(
        added=first.format(count=added),
        updated=ngettext(
            "new numbers for {count} contact", "new numbers for {count} contacts", updated
        ).format(count=updated),
        known=_("{count} already known").format(count=len(report.unchanged)),
    )


def _calls_report(added: int, already: int, apply: bool) -> str:
    if apply:
        first = ngettext("Added {count} call", "Added {count} calls", added)
    else:
        first = ngettext("Would add {count} call", "Would add {count} calls", added)
    return _("{added}; {already}.").format(
        added=first.format(count=added),
        already=ngettext(
            "{count} was imported before", "{count} were imported before", already
        ).format(count=already),
    )


def cmd_import(store: Store, settings: config.Settings, args: argparse.Namespace) -> int:
    try:
        return _import(store, settings, args)
    except KeyboardInterrupt as exc:
        # The import is one transaction: Ctrl+C rolled it back.
        raise CliError(_("Interrupted: nothing was imported."), code=130) from exc


def _import(store: Store, settings: config.Settings, args: argparse.Namespace) -> int:
    from secdesk.cli.care import progress_bar

    data = _read(args.file)
    _check_open(store)
    apply = not args.dry_run
    if args.what == "meetings":
        return _import_meetings(store, data, args)
    if args.what == "contacts":
        from secdesk.io.vcf import VCardError
        from secdesk.office.contacts import cards as contact_cards

        try:
            with progress_bar(_("Importing contacts")) as progress:
                report = store.write(contact_cards.import_vcards, data, apply, progress)
        except VCardError as exc:
            raise CliError(
                _("{file}: {error}. Nothing was imported.").format(file=args.file, error=exc)
            ) from exc
        for name in report.added:
            print(f"+ {safe(name)}")
        for name in report.updated:
            print(f"~ {safe(name)}")
        print(_contacts_report(report, apply))
        return 0
    from secdesk.io.cdr import CdrError
    from secdesk.office.calls import phone_import as callimport

    try:
        with progress_bar(_("Importing calls")) as progress:
            calls = store.write(
                callimport.import_calls_asterisk,
                data,
                settings.internal_extensions,
                apply,
                progress,
            )
    except CdrError as exc:
        raise CliError(
            _("{file}: {error}. Nothing was imported.").format(file=args.file, error=exc)
        ) from exc
    shown = 50
    for row in calls.rows[:shown]:
        arrow = "<-" if row.direction == "incoming" else "->"
        print(f"+ {row.at:%Y-%m-%d %H:%M} {arrow} {safe(row.caller or row.number)}")
    if (more := len(calls.rows) - shown) > 0:
        print(
            ngettext("… and {count} more call", "… and {count} more calls", more).format(count=more)
        )
    print(_calls_report(calls.added, calls.already, apply))
    return 0


def _import_meetings(store: Store, data: bytes, args: argparse.Namespace) -> int:
    from secdesk.office.meetings import ical as meeting_ics

    try:
        report = store.write(meeting_ics.import_ics, data, args.dry_run)
    except meeting_ics.IcsError as exc:
        raise CliError(
            _("{file}: {error} Nothing was imported.").format(file=args.file, error=exc)
        ) from exc
    for line in report.added:
        print(f"+ {safe(line)}")
    added = len(report.added)
    first = (
        ngettext("Would add {count} meeting", "Would add {count} meetings", added)
        if args.dry_run
        else ngettext("Added {count} meeting", "Added {count} meetings", added)
    )
    print(
        "; ".join(
            (
                first.format(count=added),
                ngettext(
                    "{count} cancelled occurrence",
                    "{count} cancelled occurrences",
                    report.cancelled,
                ).format(count=report.cancelled),
                ngettext("{count} already there", "{count} already there", report.already).format(
                    count=report.already
                ),
            )
        )
    )
    return 0


def _export_meetings(store: Store, args: argparse.Namespace) -> int:

    from datetime import date

    from secdesk.calendar import clock
    from secdesk.calendar.timeparse import TimeParseError, parse_when
    from secdesk.office.meetings import ical as meeting_ics

    bounds: list[date | None] = []
    for text, label in ((args.start, "--from"), (args.end, "--to")):
        if not text:
            bounds.append(None)
            continue
        try:
            day = parse_when(text, clock.now_local()).date()
        except TimeParseError as exc:
            raise CliError(
                _("{option}: cannot read the date {text}").format(option=label, text=text)
            ) from exc
        bounds.append(day)
    start = clock.day_bounds(bounds[0])[0] if bounds[0] else None
    end = clock.day_bounds(bounds[1])[1] if bounds[1] else None
    data = store.run(meeting_ics.export_ics, start, end)
    target = Path(args.file).expanduser()
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise _described(exc, target) from exc
    print(_("Meetings written to {path}").format(path=target))
    return 0


def cmd_export(store: Store, args: argparse.Namespace) -> int:
    from secdesk.office.contacts import cards as contact_cards

    target = Path(args.file).expanduser()
    if target.is_dir():
        raise CliError(
            _("{path} is a folder: name the file to write, such as {example}.").format(
                path=target,
                example=target / ("meetings.ics" if args.what == "meetings" else "contacts.vcf"),
            )
        )
    if target.exists() and not args.force:
        ask_yes(
            _("{path} exists already: replace it? [y/N]").format(path=target),
            refuse=_(
                "{path} exists already: choose a new file name, or add --force to replace it."
            ).format(path=target),
            declined=_("Nothing was written."),
        )
    _check_open(store)
    if args.what == "meetings":
        return _export_meetings(store, args)
    text = store.run(contact_cards.export_vcards)
    try:
        target.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise _described(exc, target) from exc
    print(_("Contact book written to {path}").format(path=target))
    return 0


def cmd_due(store: Store, start_text: str, spec: str) -> int:
    """``secdesk due START SPEC``: the ISO date, then `` (provisional)`` when the official
    calendar does not cover the days counted."""
    from secdesk.calendar.deadlines import DueParseError, span_after
    from secdesk.calendar.timeparse import TimeParseError, parse_when
    from secdesk.services import holidays

    now = clock.now_local()
    try:
        start = parse_when(start_text, now).date()
    except TimeParseError as exc:
        raise CliError(
            _("{typed!r} is not a day: write a date such as 2026-12-01, or today.").format(
                typed=start_text
            )
        ) from exc
    try:
        if span_after(spec, start) is None:
            raise CliError(_("{typed!r} is not a time limit: write 15d or 5wd.").format(typed=spec))
        if store.path.exists():
            _check_open(store)
            store.run(holidays.apply)  # a schedule the office entered counts too
        due = span_after(spec, start)
    except DueParseError as exc:
        raise CliError(_(str(exc))) from exc
    assert due is not None
    print(due.day.isoformat() + (" (provisional)" if due.provisional else ""))
    return 0


def cmd_supervision(store: Store, args: argparse.Namespace) -> int:
    """``secdesk supervision notice ID`` / ``report [--from] [--to]``: the text, and
    ``--docx FILE`` writes it as a document too (never over a file without ``--force``)."""
    from secdesk.calendar.timeparse import TimeParseError, parse_when
    from secdesk.office.supervision import papers as supervision_docs

    target = Path(args.docx).expanduser() if args.docx else None
    if target is not None and target.exists() and not args.force:
        raise CliError(_("{path} exists: add --force to write over it.").format(path=target))
    _check_open(store)
    if args.what == "notice":
        try:
            paper = store.run(supervision_docs.urge_notice, args.id)
        except LookupError as exc:
            raise CliError(_("There is no supervision item {id}.").format(id=args.id)) from exc
    else:
        today = clock.today()
        now = clock.now_local()
        try:
            start = parse_when(args.start, now).date() if args.start else today.replace(day=1)
            end = parse_when(args.end, now).date() if args.end else today
        except TimeParseError as exc:
            raise CliError(_("Write the days as 2026-12-01.")) from exc
        if end < start:
            raise CliError(_("The last day comes before the first."))
        paper = store.run(supervision_docs.period_report, start, end)
    print(paper.text())
    if target is not None:
        try:
            paper.save_docx(target)
        except OSError as exc:
            raise _described(exc, target) from exc
        print(_("Written to {path}").format(path=target))
    return 0


def cmd_holidays(store: Store, args: argparse.Namespace) -> int:
    from secdesk.i18n import format_date
    from secdesk.services import holidays

    if args.what == "list":
        _check_open(store)
        from secdesk.calendar.notice import days_text

        years = store.run(holidays.summary)
        if not years:
            print(_("No schedule entered: the desk counts with the chinesecalendar package."))
        for year, (off, worked) in sorted(years.items()):
            print(_("{year}: {days}").format(year=year, days=days_text(off, worked)))
        return 0
    text = _read(args.file).decode("utf-8-sig", errors="strict")
    try:
        schedule = holidays.parse(text, args.year)
    except holidays.ScheduleError as exc:
        raise CliError(
            _("{file}: {error} Nothing was imported.").format(file=args.file, error=exc)
        ) from exc
    for entry in schedule.days:
        mark = _("day off") if entry.kind == "holiday" else _("working day")
        print(f"{entry.day.isoformat()}  {format_date(entry.day)}  {mark}  {safe(entry.name)}")
    if args.dry_run:
        print(
            ngettext(
                "Would keep {n} day for {year}.",
                "Would keep {n} days for {year}.",
                len(schedule.days),
            ).format(n=len(schedule.days), year=schedule.year)
        )
        return 0
    _check_open(store)
    from secdesk.services import notices

    seen = store.run(notices.newest)
    kept = store.write(holidays.save, schedule)
    print(
        ngettext(
            "Kept {n} day for {year}: time limits over {year} now count with it.",
            "Kept {n} days for {year}: time limits over {year} now count with them.",
            kept,
        ).format(n=kept, year=schedule.year)
    )
    for _event, said in store.run(notices.unseen, seen):
        print(said)  # the desk says it once too, at its next look at the day
    return 0


def cmd_seed(path: str, years: int) -> Path:
    from secdesk.demo import seed_demo

    target = Path(path).expanduser()
    if target.exists():
        raise CliError(_("{path} exists already: choose a new file name.").format(path=target))
    if years < 1 or years > 30:
        raise CliError(_("--years must be between 1 and 30."))
    from secdesk.cli.care import progress_bar

    with progress_bar(_("Writing the demo office")) as progress:
        seed_demo(target, years=years, progress=progress)
    return target


def _lang_option(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--":
            break
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
    store = None
    try:
        # The language must be known before --help or any error is printed (and before the
        # parser is built: its help texts are translated as it is built), so --lang is read
        # first, then the config file may choose it.
        lang = _lang_option(argv)
        # A problem with the config file is told in the language it would have chosen.
        i18n.set_language(i18n.detect_language(lang))
        settings = _settings()
        i18n.set_language(i18n.detect_language(lang, settings.language))
        clock.set_zone(settings.timezone)
        try:
            args = _desk_only(argv) or build_parser().parse_args(argv)
        except SystemExit as exc:  # --help, --version, or a usage error argparse has printed
            return exc.code if isinstance(exc.code, int) else 0
        if args.lang and i18n.normalize_language(args.lang) != i18n.language():
            i18n.set_language(args.lang)  # an abbreviated --la zh
        command = args.command or "tui"
        if command not in ("tui", "demo"):  # the desk shows them itself
            for warning in settings.warnings:
                print(_("secdesk: warning: {text}").format(text=warning), file=sys.stderr)
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

            return run_tui(Store(database_file(args.db), config.backup_dir()), settings)
        assert not isinstance(args, SimpleNamespace)  # _desk_only reads the desk alone
        from secdesk.cli import care as cli_care

        if command in cli_care.COMMANDS:
            return cli_care.run(args)
        writing = command in ("log", "import", "holidays") and getattr(args, "what", "") != "list"
        store = _store(args.db, reading=not writing and command != "due")
        if writing and not getattr(args, "dry_run", False):
            daily_backup(store)
        if command == "today":
            return cmd_today(store, settings, args.json)
        if command == "search":
            return cmd_search(store, args)
        if command == "reindex":
            return cmd_reindex(store)
        if command == "report":
            return cmd_report(store, args)
        if command in ("log", "import", "export") and args.what in (
            "incoming",
            "outgoing",
            "register",
            "archive",
        ):
            from secdesk.cli import documents as cli_documents

            documents = {
                "log": cli_documents.cmd_log,
                "import": cli_documents.cmd_import,
                "export": cli_documents.cmd_export,
            }[command]
            _check_open(store)
            return documents(store, args, CliError)
        if command == "log":
            return cmd_log(store, args)
        if command == "import":
            return cmd_import(store, settings, args)
        if command == "export":
            return cmd_export(store, args)
        if command == "due":
            return cmd_due(store, args.start, args.spec)
        if command == "holidays":
            return cmd_holidays(store, args)
        if command == "supervision":
            return cmd_supervision(store, args)
        return run_tui(store, settings)
    except CliError as exc:
        print(f"secdesk: {exc}", file=sys.stderr)
        return exc.code
    except ValueError as exc:
        print(f"secdesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (secdesk backups | head): nothing to say, and nothing more
        # to write at exit either.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as exc:
        from secdesk.services import errors

        if not errors.is_storage_error(exc):
            raise
        # The disk or the database failed (full, read-only, locked, damaged): one sentence,
        # never SQLite's own words or a traceback. The transaction was rolled back.
        print(f"secdesk: {errors.describe(exc, store.path if store else None)}", file=sys.stderr)
        return 2
    finally:
        if store is not None:
            store.close()
