"""Supervision (督办) on the command line: ``supervision notice ID``, the urge notice (催办通知)
of one item (``--number`` makes it a numbered paper), and ``supervision report``, a period's
items, on-time rate and overdue; each printed, and written as .docx with ``--docx FILE``.
``paper_target`` is the check every paper command makes before writing (a file it may
write, and an office to sign the paper: ``need_office``).

Wing: cli. Must not import the cli package or __main__.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secdesk.calendar import clock
from secdesk.cli.common import (
    CliError,
    Invocation,
    check_open,
    command_group,
    confirm,
    described,
    force_option,
    output_file,
)
from secdesk.config import config_path
from secdesk.i18n import N_, _

if TYPE_CHECKING:
    from secdesk.cli.common import Commands
    from secdesk.office.supervision.issuing import Issued


def register(sub: Commands) -> None:
    papers = command_group(sub, "supervision", _("urge notices and reports of supervision items"))
    notice = papers.add_parser("notice", help=_("the urge notice (催办通知) of one item"))
    notice.add_argument("id", type=int, metavar="ID", help=_("the item's number"))
    notice.add_argument(
        "--number",
        metavar="NUMBER",
        default="",
        help=_("issue it as a numbered paper with this 发文字号 of the outgoing register"),
    )
    notice.add_argument(
        "--prefix",
        metavar="PREFIX",
        default="",
        action=Issuing,
        help=_(
            "issue it with the next 发文字号 of this prefix (机关代字): registered in the "
            "outgoing register and logged as an urge on the item, as the desk's Ctrl+G does "
            "(needs --docx)"
        ),
    )
    notice.add_argument("--yes", action="store_true", help=_("start a new series without asking"))
    report = papers.add_parser("report", help=_("a period's report: items, on-time rate, overdue"))
    report.add_argument("--from", dest="start", metavar="DATE", default="", help=_("first day"))
    report.add_argument("--to", dest="end", metavar="DATE", default="", help=_("last day"))
    for p in (notice, report):
        paper_options(p)
        p.set_defaults(run=cmd_supervision, database="read")


class Issuing(argparse.Action):
    """``--prefix``: the command gives a number and logs the urge, so it opens the
    database to write (the desk lock, the day's backup), not only to read."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)
        namespace.database = "write"


def paper_options(parser: argparse.ArgumentParser) -> None:
    """``--docx FILE`` and ``--force``: the options of every command that writes a paper."""
    parser.add_argument("--docx", metavar="FILE", default="", help=_("also write it as .docx"))
    force_option(parser)


def paper_target(name: str, force: bool) -> Path | None:
    """The file a paper is to be written to (None: none asked for), checked as every file
    a command writes is (``output_file``) before anything is done."""
    if not name:
        return None
    target = output_file(name, force, "paper.docx")
    need_office()
    return target


def write_paper(save: Callable[[Path], object], target: Path | None) -> None:
    """Write the paper with ``save`` when a file was named, and say where."""
    if target is None:
        return
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
    if args.what == "notice" and args.prefix:
        if args.number:
            raise CliError(_("Give --number or --prefix, not both."))
        if not args.docx:
            raise CliError(_("Add --docx FILE: a numbered notice is written as it is issued."))
    target = paper_target(args.docx, args.force)
    check_open(store)
    if args.what == "notice" and args.prefix:
        assert target is not None
        issued = issue(inv, target)
        print(issued.paper.text())
        print(issued.said)
        return 0
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


def issue(inv: Invocation, target: Path) -> Issued:
    """``notice ID --prefix P --docx FILE``: the desk's numbered urge notice (``issuing``),
    in one transaction; a new series is asked about on a terminal (``--yes`` says yes)."""
    from secdesk.office.supervision import issuing
    from secdesk.office.supervision import papers as supervision_docs
    from secdesk.services import workflow
    from secdesk.services.forms import NeedsConfirmation
    from secdesk.services.views import InvalidInput

    args = inv.args
    confirmed: tuple[str, ...] = ("prefix",) if args.yes else ()
    while True:
        try:
            return issuing.issue(inv.store, args.id, args.prefix, target, confirmed)
        except NeedsConfirmation as asked:
            confirm(asked.question)
            confirmed = (*confirmed, asked.field)
        except InvalidInput as exc:
            raise CliError(_(exc.message)) from exc
        except (supervision_docs.NothingToUrge, workflow.StepRefused) as exc:
            raise CliError(str(exc)) from exc
        except LookupError as exc:
            raise CliError(_("There is no supervision item {id}.").format(id=args.id)) from exc
        except OSError as exc:
            raise described(exc, target) from exc


NO_OFFICE = N_(
    "No office name is set, so no paper is written: add [office] name = "
    '"某区人民政府办公室" to {path}, or run the command on a terminal (or start the desk) to be '
    "asked."
)


def need_office() -> None:
    """A paper is never written without its issuing organ: while config.toml names no
    office, ask for its name and mark on a terminal (and keep them), else refuse in one
    sentence saying how to set it."""
    from secdesk.config import office, save_office

    if office().name:
        return
    if not sys.stdin.isatty():
        raise CliError(_(NO_OFFICE).format(path=config_path()))
    name = " ".join(
        typed(
            _("Which office signs the papers? Its full name, such as 某区人民政府办公室:")
        ).split()
    )
    if not name:
        raise CliError(_(NO_OFFICE).format(path=config_path()), code=1)
    mark = " ".join(
        typed(
            _(
                "The mark heading a numbered paper, such as 某区人民政府办公室文件 (Enter: the name):"
            )
        ).split()
    )
    try:
        save_office(name, mark=mark)
    except OSError as exc:
        raise described(exc, config_path()) from exc
    print(_("The papers are signed by {name}.").format(name=name), file=sys.stderr)


def typed(question: str) -> str:
    """A line typed on the terminal after ``question`` (asked on stderr)."""
    import unicodedata

    print(question, end=" ", file=sys.stderr)
    sys.stderr.flush()
    return unicodedata.normalize("NFC", sys.stdin.readline()).strip()
