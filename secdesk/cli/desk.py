"""The desk's own commands: ``tui`` (the default), ``demo`` and ``seed-demo``, ``today``,
``search`` and ``reindex``, ``report`` (the work summary) and ``due`` (the day a time limit
falls on).

Wing: cli. Must not import the cli package or __main__; Textual loads only with the desk.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from secdesk import config
from secdesk.calendar import clock
from secdesk.cli.common import (
    CliError,
    Invocation,
    check_open,
    described,
    force_option,
    output_file,
    print_json,
    progress_bar,
    unopened_store,
)
from secdesk.i18n import _
from secdesk.textsafe import safe

if TYPE_CHECKING:
    from secdesk.cli.common import Commands
    from secdesk.services.store import Store


def register(sub: Commands) -> None:
    sub.add_parser("tui", help=_("open the desk (the default)")).set_defaults(
        run=open_desk, desk=True
    )
    demo = sub.add_parser("demo", help=_("open the desk on a throwaway database of demo data"))
    demo.add_argument("--years", type=int, default=1, help=_("years of office history"))
    demo.set_defaults(run=open_demo, desk=True)

    seed = sub.add_parser("seed-demo", help=_("write a demo database to PATH and exit"))
    seed.add_argument("path", metavar="PATH", help=_("the new database file"))
    seed.add_argument("--years", type=int, default=1, help=_("years of office history"))
    seed.set_defaults(run=seed_demo)

    today = sub.add_parser("today", help=_("print today's summary and exit"))
    today.add_argument("--json", action="store_true", help=_("print it as JSON for scripts"))
    today.set_defaults(run=cmd_today, database="read")

    find = sub.add_parser("search", help=_("find records by any piece of their text"))
    find.add_argument(
        "query", metavar="QUERY", nargs="*", help=_("words, and kind: from: to: who: filters")
    )
    find.add_argument("--json", action="store_true", help=_("print the hits as JSON"))
    find.add_argument("--limit", type=int, default=50, metavar="N", help=_("at most N hits"))
    find.add_argument("--reindex", action="store_true", help=_("rebuild the search index first"))
    find.set_defaults(run=cmd_search, database="read")
    sub.add_parser("reindex", help=_("rebuild the search index from the records")).set_defaults(
        run=cmd_reindex, database="read"
    )

    report = sub.add_parser(
        "report", help=_("the work summary's figures for a period (default: this month)")
    )
    which = report.add_mutually_exclusive_group()
    which.add_argument("--month", metavar="YYYY-MM", help=_("a calendar month (default: this one)"))
    which.add_argument("--week", metavar="YYYY-Www", help=_("an ISO week"))
    which.add_argument("--quarter", metavar="YYYY-Qn", help=_("a quarter"))
    which.add_argument("--year", metavar="YYYY", help=_("a year"))
    which.add_argument("--from", dest="start", metavar="DATE", help=_("from this day (with --to)"))
    report.add_argument("--to", dest="end", metavar="DATE", help=_("to this day, included"))
    report.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    report.add_argument(
        "file", metavar="FILE", nargs="?", help=_("write it to FILE (.docx, .xlsx or .md)")
    )
    force_option(report)
    report.set_defaults(run=cmd_report, database="read")

    due = sub.add_parser(
        "due", help=_("print the day a time limit falls on (for scripts) and exit")
    )
    due.add_argument(
        "start", metavar="START", help=_("the day it is counted from: a date, or today")
    )
    due.add_argument("spec", metavar="SPEC", help=_("15d for calendar days, 5wd for working days"))
    due.set_defaults(run=cmd_due, database="any")


def run_tui(store: Store, settings: config.Settings) -> int:
    """The desk on ``store`` until the user quits."""
    from secdesk.services import firstread

    # The day's panels are read while Textual loads (see ``services.firstread``): a file's.
    if not store.on_server:
        firstread.start(store.path, clock.today(), settings)
    from secdesk.app import SecDeskApp
    from secdesk.care.desklock import desk_open

    # Held while the desk runs: a restore is refused meanwhile.
    with desk_open(store.path):
        SecDeskApp(store, settings).run()
    return 0


def need_terminal() -> None:
    """The desk draws on a terminal and reads its keys: without one (a script, a cron job,
    ``secdesk </dev/null >file``) it would hang writing escape codes, so it says so."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CliError(
            _(
                "The desk needs a terminal to draw on and read keys from. Without one, "
                "secdesk today prints the day's summary (secdesk --help lists the commands)."
            )
        )


def open_desk(inv: Invocation) -> int:
    """``secdesk`` and ``secdesk tui``. The desk paints first; opening the file (and refusing
    a newer or foreign one, which the dashboard then says in so many words) happens in its
    worker."""
    need_terminal()
    return run_tui(unopened_store(inv.args.db), inv.settings)


def open_demo(inv: Invocation) -> int:
    """``secdesk demo``: the desk on a demo office that is gone when it closes."""
    import tempfile

    from secdesk.services.store import Store

    need_terminal()
    with tempfile.TemporaryDirectory(prefix="secdesk-demo-") as folder:
        target = write_demo(str(Path(folder) / "demo.db"), inv.args.years)
        if not inv.settings.office.name:
            from secdesk.demo import OFFICE

            # The demo office signs its papers, and the desk does not ask for a name.
            inv.settings.office, inv.settings.ask_office = OFFICE, False
            config.use_office(OFFICE)
        return run_tui(Store(target), inv.settings)


def seed_demo(inv: Invocation) -> int:
    target = write_demo(inv.args.path, inv.args.years)
    print(_("Demo database written to {path}").format(path=target))
    return 0


def write_demo(path: str, years: int) -> Path:
    from secdesk.demo import seed_demo

    target = Path(path).expanduser()
    if target.exists():
        raise CliError(_("{path} exists already: choose a new file name.").format(path=target))
    if years < 1 or years > 30:
        raise CliError(_("--years must be between 1 and 30."))
    with progress_bar(_("Writing the demo office")) as progress:
        seed_demo(target, years=years, progress=progress)
    return target


def cmd_today(inv: Invocation) -> int:
    """The day as the dashboard shows it. The dashboard the desk (or the last ``today``)
    remembered is printed when it is provably still true (``services.snapshot``: same day,
    settings and language, same newest audit Event, a file at the current schema), which
    needs neither SQLAlchemy nor the models; else the day is read (in plain SQL from a
    SQLite file, ``services.leanday``, else through the ORM) and remembered."""
    from secdesk.cli.console import print_today
    from secdesk.db import HEAD, stored_revision
    from secdesk.services import leanday, snapshot

    store = inv.store
    data = None
    if store.url is not None:  # a shared database: its day remembered here, if still true
        data = snapshot.load_shared(store.url, store.path, clock.today(), inv.settings)
    elif stored_revision(store.path) == HEAD:
        data = snapshot.load(store.path, clock.today(), inv.settings)
        if data is None:
            data = leanday.build(store.path, clock.today(), inv.settings)
            if data is not None:
                snapshot.save(store.path, data, inv.settings)
    if data is None:
        from secdesk.services import dashboard

        check_open(store)
        data = store.run(dashboard.build, clock.today(), inv.settings)
        snapshot.save(store.path, data, inv.settings)
    if inv.args.json:
        print_json(data.to_json())
    else:
        print_today(data)
    return 0


def cmd_search(inv: Invocation) -> int:
    from secdesk.services import search

    args = inv.args
    store = inv.store
    if args.limit < 1:
        raise CliError(_("--limit must be 1 or more."))
    text = " ".join(args.query)
    if text.strip() and (problems := search.parse(text).problems):
        # A filter not understood would widen the search silently: refused instead.
        raise CliError(
            _(
                "Not understood: {filters}. Write days as from:2026-12-01 to:2026-12-31 and "
                "kinds as kind:call; nothing was searched."
            ).format(filters=safe(" ".join(problems)))
        )
    check_open(store)
    if args.reindex:
        reindex(store)
    if not text.strip():
        if args.reindex:
            return 0
        raise CliError(_("What should be searched for? secdesk search WORDS"))
    # The hits only: the command shows no counts (a one-character query's would read every
    # record).
    result = store.run(search.search, text, args.limit, None, False)
    if args.json:
        print_json([hit.as_json() for hit in result.hits])
        return 0
    from secdesk.cli.console import print_search

    print_search(result, search.order(), {k: v.title for k, v in search.sources().items()})
    return 0


def cmd_reindex(inv: Invocation) -> int:
    store = inv.store
    check_open(store)
    reindex(store)
    return 0


def reindex(store: Store) -> None:
    from secdesk.services import search_index

    entries = store.write(search_index.reindex)
    print(_("Search index rebuilt: {n} records").format(n=entries))


def cmd_report(inv: Invocation) -> int:
    from datetime import date

    from secdesk.services import reports

    args = inv.args
    store = inv.store
    if args.end is not None and args.start is None:
        raise CliError(_("--to goes with --from: secdesk report --from DATE --to DATE."))
    if args.json and args.file:
        raise CliError(_("--json prints the figures and FILE writes them: give one or the other."))
    try:
        if args.start is not None:
            if args.end is None:
                raise CliError(_("--from needs --to"))
            period = reports.date_range(
                date.fromisoformat(args.start), date.fromisoformat(args.end)
            )
        else:
            typed = args.month or args.week or args.quarter or args.year
            period = reports.parse_period(typed or f"{clock.today():%Y-%m}")
    except ValueError as exc:
        raise CliError(
            str(exc) if isinstance(exc, reports.PeriodError) else _(reports.HOW)
        ) from exc
    from secdesk.cli.supervision import need_office

    target = output_file(args.file, args.force, "summary.docx") if args.file else None
    if target is not None and target.suffix.lower() == ".docx":
        need_office()
    check_open(store)
    summary = store.run(reports.build, period)
    if target is not None:
        try:
            path = reports.write(summary, target)
        except OSError as exc:
            raise described(exc, target) from exc
        print(_("Work summary written to {path}").format(path=path))
    elif args.json:
        print_json(summary.to_json())
    else:
        print(reports.markdown(summary), end="")
    return 0


def cmd_due(inv: Invocation) -> int:
    """``secdesk due START SPEC``: the ISO date, then `` (provisional)`` when the official
    calendar does not cover the days counted."""
    from secdesk.calendar.deadlines import DueParseError, span_after
    from secdesk.calendar.timeparse import TimeParseError, parse_when
    from secdesk.services import holidays
    from secdesk.services.forms import check_year
    from secdesk.services.views import InvalidInput

    store = inv.store  # counted without a database as well (database="any")
    start_text, spec = inv.args.start, inv.args.spec
    try:
        start = parse_when(start_text, clock.now_local()).date()
    except TimeParseError as exc:
        raise CliError(
            _("{typed!r} is not a day: write a date such as 2026-12-01, or today.").format(
                typed=start_text
            )
        ) from exc
    try:
        check_year("start", start)  # the desk's rule: a day the calendar cannot count
    except InvalidInput as exc:
        raise CliError(exc.message) from exc
    try:
        if span_after(spec, start) is None:
            raise CliError(_("{typed!r} is not a time limit: write 15d or 5wd.").format(typed=spec))
        if store.path.exists():
            check_open(store)
            store.run(holidays.apply)  # a schedule the office entered counts too
        due = span_after(spec, start)
    except DueParseError as exc:
        raise CliError(_(str(exc))) from exc
    assert due is not None
    print(due.day.isoformat() + (" (provisional)" if due.provisional else ""))
    return 0
