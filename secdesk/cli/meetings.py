"""Meetings on the command line: ``import meetings`` from an iCalendar file (Outlook, Google,
a phone) and ``export meetings`` to one, a period's meetings and their repeats; ``meeting
notice ID`` and ``meeting minutes ID``, the meeting's papers; ``meeting supervise ID N``, a
decision of its minutes made a supervision item.

Wing: cli. Must not import the cli package or __main__.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from secdesk.cli import common
from secdesk.cli.common import CliError, Invocation, command_group
from secdesk.i18n import N_, NP_, _
from secdesk.services.phrases import semicolons
from secdesk.textsafe import safe

if TYPE_CHECKING:
    from secdesk.cli.common import Commands
    from secdesk.services.store import Store

ADDED = NP_("Added {count} meeting", "Added {count} meetings")
WOULD_ADD = NP_("Would add {count} meeting", "Would add {count} meetings")
CANCELLED = NP_("{count} cancelled occurrence", "{count} cancelled occurrences")
ALREADY = NP_("{count} already there", "{count} already there")


def register_import(sub: Commands) -> None:
    what = _("meetings from an iCalendar file")
    imp = common.file_command(sub, "meetings", what, cmd_import, importing=True)
    imp.add_argument("file", metavar="FILE.ics", help=_("the iCalendar file"))


def register_export(sub: Commands) -> None:
    what = _("meetings as an iCalendar file")
    exp = common.file_command(sub, "meetings", what, cmd_export, importing=False)
    exp.add_argument("--from", dest="start", metavar="DATE", help=_("first day"))
    exp.add_argument("--to", dest="end", metavar="DATE", help=_("last day"))
    exp.add_argument("file", metavar="FILE.ics", help=_("where to write it"))


def cmd_import(inv: Invocation) -> int:
    from secdesk.cli.imports import as_whole
    from secdesk.office.meetings import ical as meeting_ics

    args = inv.args
    report = common.run_import(
        inv,
        as_whole("meeting", args.file, meeting_ics.import_ics),
        args.dry_run,
        fails=meeting_ics.IcsError,
        said=N_("{file}: {error} Nothing was imported."),
    )
    if args.json:
        common.print_json(
            {
                "dry_run": args.dry_run,
                "added": list(report.added),
                "cancelled": report.cancelled,
                "already": report.already,
            }
        )
        return 0
    for line in report.added:
        print(f"+ {safe(line)}")
    print(
        semicolons(
            [
                common.counted(WOULD_ADD if args.dry_run else ADDED, len(report.added)),
                common.counted(CANCELLED, report.cancelled),
                common.counted(ALREADY, report.already),
            ]
        )
    )
    return 0


def cmd_export(inv: Invocation) -> int:
    from secdesk.office.meetings import ical as meeting_ics

    def ics(store: Store) -> bytes:
        return store.run(meeting_ics.export_ics, *period(inv.args.start, inv.args.end))

    target = common.run_export(inv, "meetings.ics", ics)
    print(_("Meetings written to {path}").format(path=target))
    return 0


def period(first: str | None, last: str | None) -> tuple[datetime | None, datetime | None]:
    """From the start of the day ``--from`` to the end of the day ``--to`` (either open)."""
    from secdesk.calendar import clock
    from secdesk.calendar.timeparse import TimeParseError, parse_when

    bounds: list[date | None] = []
    for text, label in ((first, "--from"), (last, "--to")):
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
    if bounds[0] and bounds[1] and bounds[1] < bounds[0]:
        raise CliError(
            _("--from {first} comes after --to {last}: nothing was written.").format(
                first=bounds[0].isoformat(), last=bounds[1].isoformat()
            )
        )
    start = clock.day_bounds(bounds[0])[0] if bounds[0] else None
    end = clock.day_bounds(bounds[1])[1] if bounds[1] else None
    return start, end


def register_papers(sub: Commands) -> None:
    """``meeting notice ID`` and ``meeting minutes ID``: printed, and ``--docx FILE`` writes
    the 公文 (never over a file without ``--force``)."""
    from secdesk.cli.supervision import paper_options

    papers = command_group(
        sub,
        "meeting",
        _("a meeting's papers (its notice, its minutes) and its decisions to supervise"),
    )
    for name, said in (
        ("notice", _("the meeting notice (会议通知) of one meeting")),
        ("minutes", _("the minutes (会议纪要) of one meeting")),
    ):
        paper = papers.add_parser(name, help=said)
        paper.add_argument("id", type=int, metavar="ID", help=_("the meeting's number"))
        paper_options(paper)
        paper.set_defaults(run=cmd_paper, database="read")
    supervise = papers.add_parser(
        "supervise", help=_("make a decision of a meeting's minutes a supervision item (督办)")
    )
    supervise.add_argument("id", type=int, metavar="ID", help=_("the meeting's number"))
    supervise.add_argument(
        "n", type=int, metavar="N", help=_("the decision's place in the minutes: 1 for the first")
    )
    supervise.add_argument(
        "--due",
        required=True,
        metavar="SPEC",
        help=_("by when: a date, 10wd or 15d, counted from the meeting's day"),
    )
    supervise.add_argument("--unit", default="", metavar="UNIT", help=_("the undertaking unit"))
    supervise.add_argument(
        "--yes",
        action="store_true",
        help=_("keep a due date more than two years ahead without asking"),
    )
    supervise.set_defaults(run=cmd_supervise, database="write")


def cmd_supervise(inv: Invocation) -> int:
    """``meeting supervise ID N --due SPEC``: the minutes' Nth decision made a supervision
    item; a due date years ahead asked about as on the desk (``--yes`` for scripts)."""
    from secdesk.office.meetings import minutes
    from secdesk.services.forms import NeedsConfirmation
    from secdesk.services.views import InvalidInput

    args = inv.args
    common.check_open(inv.store)
    try:
        view = inv.store.run(minutes.minutes_view, args.id)
    except LookupError as exc:
        raise CliError(_("There is no meeting {id}.").format(id=args.id)) from exc
    if not 1 <= args.n <= len(view.decisions):
        raise CliError(
            _("The minutes of meeting {id} have no decision {n}.").format(id=args.id, n=args.n)
        )
    decision_id, _text, _unit, _due, supervised = view.decisions[args.n - 1]
    if supervised:
        print(_("This decision is already supervised as #{id}.").format(id=supervised))
        return 0
    confirmed = frozenset({"due"}) if args.yes else frozenset()
    while True:
        try:
            saved = inv.store.write(
                minutes.supervise_decision, decision_id, args.unit, args.due, "", confirmed
            )
            break
        except InvalidInput as exc:
            raise CliError(_(exc.message)) from exc
        except NeedsConfirmation as question:
            common.confirm(question.question)
            confirmed |= {question.field}
    print(
        _("Supervision item #{id} made from the decision; each links to the other.").format(
            id=saved.id
        )
    )
    return 0


def cmd_paper(inv: Invocation) -> int:
    from secdesk.cli.supervision import paper_target, write_paper
    from secdesk.office.meetings import minutes
    from secdesk.office.meetings import papers as meeting_docs

    args = inv.args
    target = paper_target(args.docx, args.force)
    common.check_open(inv.store)
    try:
        view = inv.store.run(minutes.minutes_view, args.id)
    except LookupError as exc:
        raise CliError(_("There is no meeting {id}.").format(id=args.id)) from exc
    if args.what == "notice":
        print(meeting_docs.as_text(meeting_docs.notice_outline(view)), end="")
        write_paper(lambda path: meeting_docs.save_notice(view, path), target)
    else:
        print(meeting_docs.as_text(meeting_docs.minutes_outline(view)), end="")
        write_paper(lambda path: meeting_docs.save_minutes(view, path), target)
    return 0
