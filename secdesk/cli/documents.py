"""The document commands of the command line: ``log incoming``, ``log outgoing``, ``import
register``, ``export register`` and ``export archive``. ``secdesk.cli`` adds their
parsers and hands them the parsed arguments; heavy modules load inside each command."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secdesk.calendar import clock
from secdesk.i18n import _, ngettext
from secdesk.textsafe import safe

if TYPE_CHECKING:
    import argparse

    from secdesk.services.store import Store

URGENCIES = ("normal", "urgent", "extra_urgent")
REGISTERS = ("incoming", "outgoing")


def add_log_parsers(log_sub: Any) -> None:
    """``log incoming`` and ``log outgoing``."""
    incoming = log_sub.add_parser("incoming", help=_("register an incoming document (收文)"))
    incoming.add_argument("title", metavar="TITLE", help=_("the document's title"))
    incoming.add_argument(
        "--from", dest="sender", required=True, metavar="SENDER", help=_("who sent it")
    )
    incoming.add_argument(
        "--number", default="", metavar="DOCNO", help=_("their document number (来文字号)")
    )
    incoming.add_argument("--type", default="通知", metavar="TYPE", help=_("one of the 15 types"))
    incoming.add_argument("--urgency", choices=URGENCIES, default="normal", help=_("urgency"))
    incoming.add_argument(
        "--due", default="", metavar="DATE|Nd|Nwd", help=_("time limit: a date, 15d or 10wd")
    )
    incoming.add_argument("--at", default="", metavar="TIME", help=_("received (default: now)"))
    outgoing = log_sub.add_parser(
        "outgoing", help=_("register a signed outgoing document and give it its number")
    )
    outgoing.add_argument("title", metavar="TITLE", help=_("the document's title"))
    outgoing.add_argument(
        "--prefix", required=True, metavar="PREFIX", help=_("the organ's prefix, e.g. 某府函")
    )
    outgoing.add_argument("--signer", default="", metavar="NAME", help=_("who signed it off"))
    outgoing.add_argument(
        "--to", dest="recipients", default="", metavar="RECIPIENTS", help=_("main recipients")
    )
    outgoing.add_argument("--type", default="通知", metavar="TYPE", help=_("one of the 15 types"))
    outgoing.add_argument(
        "--reply-to", default="", metavar="RECEIPT", help=_("the receipt number it answers")
    )


def add_register_parsers(imp_sub: Any, exp_sub: Any) -> None:
    """``import register``, ``export register`` and ``export archive``."""
    imp = imp_sub.add_parser(
        "register", help=_("an incoming or outgoing register from Excel or CSV")
    )
    imp.add_argument("register", choices=REGISTERS, help=_("which register"))
    imp.add_argument("file", metavar="FILE", help=_("an .xlsx or .csv file"))
    imp.add_argument("--dry-run", action="store_true", help=_("show what would be added"))
    imp.add_argument("--yes", action="store_true", help=_("import without asking"))
    exp = exp_sub.add_parser("register", help=_("an incoming or outgoing register"))
    exp.add_argument("register", choices=REGISTERS, help=_("which register"))
    exp.add_argument("file", metavar="FILE", help=_("an .xlsx or .csv file to write"))
    exp.add_argument("--year", type=int, default=None, help=_("the register's year"))
    exp.add_argument(
        "--include-classified",
        action="store_true",
        help=_("include classified documents (left out by default)"),
    )
    arch = exp_sub.add_parser("archive", help=_("the catalogue of filed documents (归档文件目录)"))
    arch.add_argument("file", metavar="FILE", help=_("an .xlsx or .csv file to write"))
    arch.add_argument("--year", type=int, default=None, help=_("the filing year"))
    arch.add_argument(
        "--include-classified",
        action="store_true",
        help=_("include classified documents (left out by default)"),
    )


def cmd_log(store: Store, args: argparse.Namespace, fail: type[Exception]) -> int:
    """Register one document; its number is the last word printed."""
    from secdesk.services.views import InvalidInput

    try:
        if args.what == "incoming":
            number = store.write(_log_incoming, args)
            print(_("Incoming document registered: {number}").format(number=number))
        else:
            from secdesk.config import load_settings
            from secdesk.office.documents import outgoing

            prefixes = load_settings().document_prefixes
            if prefixes and args.prefix.strip() not in prefixes:
                raise fail(
                    _("{prefix} is not one of the prefixes in config.toml: {known}").format(
                        prefix=args.prefix, known="、".join(prefixes)
                    )
                )

            saved = store.write(
                outgoing.log_outgoing,
                args.title,
                args.prefix,
                signer=args.signer,
                recipients=args.recipients,
                doc_type=args.type,
                reply_to=args.reply_to,
            )
            number = saved.label.split(" ", 1)[0]
            print(_("Outgoing document numbered: {number}").format(number=number))
    except InvalidInput as exc:
        raise fail(f"{_(exc.message)}") from exc
    return 0


def _log_incoming(session: Any, args: argparse.Namespace) -> str:
    from secdesk.calendar.deadlines import DueParseError, parse_due
    from secdesk.calendar.timeparse import TimeParseError, parse_when
    from secdesk.models import IncomingDocument
    from secdesk.services import records
    from secdesk.services.views import IncomingInput, InvalidInput

    now = clock.now_local()
    try:
        received = parse_when(args.at, now) if args.at.strip() else now
    except TimeParseError as exc:
        raise InvalidInput("received_at", str(exc)) from exc
    try:
        due = parse_due(args.due, received.date(), now)
    except DueParseError as exc:
        raise InvalidInput("due", str(exc)) from exc
    saved = records.create(
        session,
        "incoming",
        IncomingInput(
            sender=args.sender,
            title=args.title,
            received_at=received,
            doc_number=args.number,
            doc_type=args.type,
            urgency=args.urgency,
            due=due.day if due else None,
        ),
    )
    doc = session.get(IncomingDocument, saved.id)
    return str(doc.receipt_number)


def _ask(question: str) -> bool:
    import unicodedata

    print(question, end=" ", file=sys.stderr)
    sys.stderr.flush()
    answer = unicodedata.normalize("NFKC", sys.stdin.readline()).strip().lower()
    return answer in {"y", "yes", "是", "是的", "好", "确定", "对"}


def cmd_import(store: Store, args: argparse.Namespace, fail: type[Exception]) -> int:
    """Read a register, show the mapping and a preview, then import it in one transaction
    (asked on a terminal; ``--yes`` skips the question; no terminal and no ``--yes``: a
    preview only)."""
    from secdesk.io.sheets import SheetError, read_sheet
    from secdesk.office.documents import registers

    path = Path(args.file).expanduser()
    try:
        grid = read_sheet(path)
    except (OSError, SheetError) as exc:
        raise fail(
            _("{file}: {error}. Nothing was imported.").format(file=path, error=exc)
        ) from exc
    plan = store.run(registers.plan_import, args.register, grid)
    if plan.header_row is None:
        raise fail(
            _(
                "{file}: no header row found (收文号, 文件标题, 来文机关 ...). Nothing was imported."
            ).format(file=path)
        )
    print(_("Header on row {row}; columns:").format(row=plan.header_row))
    for header, field in plan.mapping:
        print(f"  {safe(header)} -> {_(field) if field else _('(not imported)')}")
    for row in plan.rows[:5]:
        print("  " + " | ".join(safe(str(v)) for v in row.preview))
    for problem in plan.problems:
        print(_("row {row}: {why}").format(row=problem.row, why=_(problem.why)))
    new = len(plan.new_rows)
    print(
        ngettext("{n} row to add", "{n} rows to add", new).format(n=new)
        + "; "
        + ngettext(
            "{n} already in the register", "{n} already in the register", plan.already
        ).format(n=plan.already)
    )
    if args.dry_run or new == 0:
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            print(_("A preview only: add --yes to import."))
            return 0
        if not _ask(_("Import {n} rows? [y/N]").format(n=new)):
            print(_("Nothing was imported."))
            return 1
    added = store.write(registers.run_import, args.register, grid)
    print(ngettext("Imported {n} document", "Imported {n} documents", added).format(n=added))
    if args.register == "outgoing":
        _print_number_check(store)
    return 0


def _print_number_check(store: Store) -> None:
    """Gaps and duplicates in the outgoing numbers (an imported register may have them)."""
    from secdesk.office.documents.outgoing import format_number, number_check

    for problem in store.run(number_check):
        numbers = "、".join(
            format_number(problem.prefix, problem.year, n) for n in problem.serials[:20]
        )
        if problem.kind == "gap":
            print(_("Missing numbers: {numbers}").format(numbers=numbers))
        else:
            print(_("Numbers given twice: {numbers}").format(numbers=numbers))


def cmd_export(store: Store, args: argparse.Namespace, fail: type[Exception]) -> int:
    from secdesk.io.sheets import write_sheet
    from secdesk.office.documents import registers

    if args.what == "archive":
        title, headers, rows = store.run(
            registers.archive_catalogue, args.year, args.include_classified
        )
    else:
        title, headers, rows = store.run(
            registers.export_register, args.register, args.year, args.include_classified
        )
    target = Path(args.file).expanduser()
    try:
        write_sheet(target, title, headers, rows)
    except OSError as exc:
        raise fail(str(exc)) from exc
    print(
        ngettext("{n} row written to {path}", "{n} rows written to {path}", len(rows)).format(
            n=len(rows), path=target
        )
    )
    return 0
