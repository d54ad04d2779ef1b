"""The official holiday schedules on the command line: ``holidays import`` a year's schedule
from the State Council's notice (or plain lines), ``holidays list`` the years entered.

Wing: cli. Must not import the cli package or __main__.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secdesk.cli.common import (
    CliError,
    Invocation,
    check_open,
    command_group,
    json_option,
    print_json,
    read_file,
)
from secdesk.i18n import _, ngettext
from secdesk.textsafe import safe

if TYPE_CHECKING:
    from secdesk.cli.common import Commands


def register(sub: Commands) -> None:
    what = command_group(sub, "holidays", _("the official holiday schedules the desk counts with"))
    imp = what.add_parser(
        "import", help=_("a year's schedule from the State Council's notice or plain lines")
    )
    imp.add_argument("file", metavar="FILE", help=_("a text file with the schedule"))
    imp.add_argument(
        "--year", type=int, help=_("the schedule's year, when the text does not say it")
    )
    imp.add_argument(
        "--dry-run", action="store_true", help=_("show what would be kept, change nothing")
    )
    json_option(imp)
    imp.set_defaults(run=cmd_import, database="write")
    listed = what.add_parser("list", help=_("the years entered and their days off"))
    listed.add_argument("--json", action="store_true", help=_("print it as JSON for scripts"))
    listed.set_defaults(run=cmd_list, database="read")


def cmd_list(inv: Invocation) -> int:
    from secdesk.calendar.notice import days_text
    from secdesk.services import holidays

    store = inv.store
    check_open(store)
    years = store.run(holidays.summary)
    if inv.args.json:
        print_json(
            {
                str(year): {"days_off": off, "working_days": worked}
                for year, (off, worked) in sorted(years.items())
            }
        )
        return 0
    if not years:
        print(_("No schedule entered: the desk counts with the chinesecalendar package."))
    for year, (off, worked) in sorted(years.items()):
        print(_("{year}: {days}").format(year=year, days=days_text(off, worked)))
    return 0


def cmd_import(inv: Invocation) -> int:
    from secdesk.i18n import format_date
    from secdesk.io.text import decode_text
    from secdesk.services import holidays, notices

    args = inv.args
    store = inv.store
    text = decode_text(read_file(args.file))
    if text is None:
        raise CliError(
            _(
                "{file} is not UTF-8 or GBK text: save it as UTF-8 text and import that. "
                "Nothing was imported."
            ).format(file=safe(args.file))
        )
    try:
        schedule = holidays.parse(text, args.year)
    except holidays.ScheduleError as exc:
        raise CliError(
            _("{file}: {error} Nothing was imported.").format(file=args.file, error=exc)
        ) from exc
    days = [{"day": d.day.isoformat(), "kind": d.kind, "name": d.name} for d in schedule.days]
    if args.dry_run and args.json:
        print_json({"dry_run": True, "year": schedule.year, "kept": 0, "days": days})
        return 0
    for entry in schedule.days if not args.json else ():
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
    check_open(store)
    seen = store.run(notices.newest)
    kept = store.write(holidays.save, schedule)
    if args.json:
        print_json({"dry_run": False, "year": schedule.year, "kept": kept, "days": days})
        return 0
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
