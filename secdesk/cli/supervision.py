"""Supervision (督办) on the command line: ``supervision notice ID``, the urge notice (催办通知)
of one item (``--number`` makes it a numbered paper), and ``supervision report``, a period's
items, on-time rate and overdue; each printed, and written as .docx with ``--docx FILE``.
``paper_target`` is the check every paper command makes before writing.

Wing: cli. Must not import the cli package or __main__.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from secdesk.calendar import clock
from secdesk.cli.common import (
    CliError,
    Invocation,
    check_open,
    described,
    force_option,
    output_file,
)
from secdesk.config import config_path
from secdesk.i18n import _

if TYPE_CHECKING:
    import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sup = sub.add_parser("supervision", help=_("urge notices and reports of supervision items"))
    papers = sup.add_subparsers(dest="what", metavar="WHAT", required=True)
    notice = papers.add_parser("notice", help=_("the urge notice (催办通知) of one item"))
    notice.add_argument("id", type=int, metavar="ID", help=_("the item's number"))
    notice.add_argument(
        "--number",
        metavar="NUMBER",
        default="",
        help=_("issue it as a numbered paper with this 发文字号 of the outgoing register"),
    )
    report = papers.add_parser("report", help=_("a period's report: items, on-time rate, overdue"))
    report.add_argument("--from", dest="start", metavar="DATE", default="", help=_("first day"))
    report.add_argument("--to", dest="end", metavar="DATE", default="", help=_("last day"))
    for p in (notice, report):
        paper_options(p)
        p.set_defaults(run=cmd_supervision, database="read")


def paper_options(parser: argparse.ArgumentParser) -> None:
    """``--docx FILE`` and ``--force``: the options of every command that writes a paper."""
    parser.add_argument("--docx", metavar="FILE", default="", help=_("also write it as .docx"))
    force_option(parser)


def paper_target(name: str, force: bool) -> Path | None:
    """The file a paper is to be written to (None: none asked for), checked as every file
    a command writes is (``output_file``) before anything is done."""
    return output_file(name, force, "paper.docx") if name else None


def write_paper(save: Callable[[Path], object], target: Path | None) -> None:
    """Write the paper with ``save`` when a file was named, and say where."""
    if target is None:
        return
    warn_without_office()
    try:
        save(target)
    except OSError as exc:
        raise described(exc, target) from exc
    print(_("Written to {path}").format(path=target))


def cmd_supervision(inv: Invocation) -> int:
    """The text, and ``--docx FILE`` writes it as a document too (never over a file without
    ``--force``)."""
    from secdesk.calendar.timeparse import TimeParseError, parse_when
    from secdesk.office.supervision import papers as supervision_docs

    args = inv.args
    store = inv.store
    target = paper_target(args.docx, args.force)
    check_open(store)
    if args.what == "notice":
        try:
            paper = store.run(supervision_docs.urge_notice, args.id, 3, args.number)
        except supervision_docs.NotRegistered as exc:
            raise CliError(str(exc)) from exc
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
    write_paper(paper.save_docx, target)
    return 0


def warn_without_office() -> None:
    """Say, on stderr, that the papers are unsigned while no office name is set."""
    from secdesk.config import office

    if office().name:
        return
    said = _(
        "No office name is set, so the paper is signed with the date alone: add [office] "
        'name = "…" to {path}, or start the desk to be asked.'
    ).format(path=config_path())
    print(_("secdesk: warning: {text}").format(text=said), file=sys.stderr)
