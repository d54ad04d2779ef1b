"""Supervision (督办) on the command line: ``supervision notice ID``, the urge notice (催办通知)
of one item, and ``supervision report``, a period's items, on-time rate and overdue; each
printed, and written as .docx with ``--docx FILE``.

Wing: cli. Must not import the cli package or __main__.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from secdesk.calendar import clock
from secdesk.cli.common import CliError, Invocation, check_open, described
from secdesk.i18n import _

if TYPE_CHECKING:
    import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sup = sub.add_parser("supervision", help=_("urge notices and reports of supervision items"))
    papers = sup.add_subparsers(dest="what", metavar="WHAT", required=True)
    notice = papers.add_parser("notice", help=_("the urge notice (催办通知) of one item"))
    notice.add_argument("id", type=int, metavar="ID", help=_("the item's number"))
    report = papers.add_parser("report", help=_("a period's report: items, on-time rate, overdue"))
    report.add_argument("--from", dest="start", metavar="DATE", default="", help=_("first day"))
    report.add_argument("--to", dest="end", metavar="DATE", default="", help=_("last day"))
    for p in (notice, report):
        p.add_argument("--docx", metavar="FILE", default="", help=_("also write it as .docx"))
        p.add_argument(
            "--force", action="store_true", help=_("overwrite the .docx file if it exists")
        )
        p.set_defaults(run=cmd_supervision, database="read")


def cmd_supervision(inv: Invocation) -> int:
    """The text, and ``--docx FILE`` writes it as a document too (never over a file without
    ``--force``)."""
    from secdesk.calendar.timeparse import TimeParseError, parse_when
    from secdesk.office.supervision import papers as supervision_docs

    args = inv.args
    store = inv.store
    target = Path(args.docx).expanduser() if args.docx else None
    if target is not None and target.exists() and not args.force:
        raise CliError(_("{path} exists: add --force to write over it.").format(path=target))
    check_open(store)
    if args.what == "notice":
        try:
            paper = store.run(supervision_docs.urge_notice, args.id)
        except LookupError as exc:
            raise CliError(_("There is no supervision item {id}.").format(id=args.id)) from exc
        except supervision_docs.NothingToUrge as exc:
            raise CliError(str(exc)) from exc
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
            raise described(exc, target) from exc
        print(_("Written to {path}").format(path=target))
    return 0
