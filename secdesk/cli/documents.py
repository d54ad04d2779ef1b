"""The registers of documents on the command line: ``import register``, ``export register``
and ``export archive`` (``log incoming`` and ``log outgoing`` are the kinds' own, in
``cli.log``). Heavy modules load inside each command.

Wing: cli. Must not import the cli package or __main__.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secdesk.cli.common import (
    CliError,
    Invocation,
    ask,
    check_file,
    check_open,
    described,
    force_option,
    import_progress,
    json_option,
    output_file,
    print_json,
)
from secdesk.i18n import _, ngettext
from secdesk.services.phrases import clauses
from secdesk.textsafe import safe

if TYPE_CHECKING:
    from secdesk.cli.common import Commands
    from secdesk.services.store import Store

REGISTERS = ("incoming", "outgoing")


def register_import(sub: Commands) -> None:
    """``import register``."""
    imp = sub.add_parser("register", help=_("an incoming or outgoing register from Excel or CSV"))
    imp.add_argument("register", choices=REGISTERS, help=_("which register"))
    imp.add_argument("file", metavar="FILE", help=_("an .xlsx or .csv file"))
    imp.add_argument("--dry-run", action="store_true", help=_("show what would be added"))
    json_option(imp)
    imp.add_argument("--yes", action="store_true", help=_("import without asking"))
    imp.set_defaults(run=cmd_import, database="write")


def register_export(sub: Commands) -> None:
    """``export register`` and ``export archive``."""
    exp = sub.add_parser("register", help=_("an incoming or outgoing register"))
    exp.add_argument("register", choices=REGISTERS, help=_("which register"))
    exp.add_argument("file", metavar="FILE", help=_("an .xlsx or .csv file to write"))
    exp.add_argument("--year", type=int, default=None, help=_("the register's year"))
    arch = sub.add_parser("archive", help=_("the catalogue of filed documents (归档文件目录)"))
    arch.add_argument("file", metavar="FILE", help=_("an .xlsx or .csv file to write"))
    arch.add_argument("--year", type=int, default=None, help=_("the filing year"))
    for parser in (exp, arch):
        parser.add_argument(
            "--include-classified",
            action="store_true",
            help=_("include classified documents (left out by default)"),
        )
        force_option(parser)
        parser.set_defaults(run=cmd_export, database="read")


def cmd_import(inv: Invocation) -> int:
    """Read a register, show the mapping and a preview, then import it in one transaction
    (asked on a terminal; ``--yes`` skips the question; no terminal and no ``--yes``: a
    preview only)."""
    from secdesk.io.sheets import SheetError, read_sheet
    from secdesk.office.documents import registers

    args = inv.args
    store = inv.store
    check_open(store)
    path = Path(args.file).expanduser()
    check_file(path)
    try:
        grid = read_sheet(path)
    except OSError as exc:
        raise described(exc, path) from exc
    except SheetError as exc:
        raise CliError(
            _("{file}: {error}. Nothing was imported.").format(file=path, error=exc)
        ) from exc
    from secdesk.cli.imports import warn_cut_off

    warn_cut_off(store)  # before the preview: its rows would count as already there
    plan = store.run(registers.plan_import, args.register, grid)
    if plan.header_row is None:
        raise CliError(
            _(
                "{file}: no header row found (收文号, 文件标题, 来文机关 ...). Nothing was imported."
            ).format(file=path)
        )
    if plan.missing_key:
        raise CliError(
            _(
                "{file}: no “{column}” column, so its rows cannot be matched with the register."
                " Nothing was imported."
            ).format(file=path, column=_(plan.missing_key))
        )
    if args.json:
        return _import_as_json(inv, plan, grid)
    print(_("Header on row {row}; columns:").format(row=plan.header_row))
    for header, field in plan.mapping:
        print(f"  {safe(header)} -> {_(field) if field else _('(not imported)')}")
    if plan.year:
        print(
            _("Days written without a year are of {year}, as “{source}” says.").format(
                year=plan.year[0], source=safe(plan.year[1])
            )
        )
    from secdesk.office.documents.register_import import PREVIEW_ROWS

    for row in plan.rows[:PREVIEW_ROWS]:
        print("  " + " | ".join(safe(str(v)) for v in row.preview))
    for problem in plan.problems:
        print(_("row {row}: {why}").format(row=problem.row, why=_(problem.why)))
    new = len(plan.new_rows)
    print(
        clauses(
            ngettext("{n} row to add", "{n} rows to add", new).format(n=new),
            ngettext(
                "{n} already in the register", "{n} already in the register", plan.already
            ).format(n=plan.already),
        )
    )
    if args.dry_run or new == 0:
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            print(_("A preview only: add --yes to import."))
            return 0
        if not ask(_("Import {n} rows? [y/N]").format(n=new)):
            print(_("Nothing was imported."))
            return 1
        # The answer may have taken a while: what is new is asked again.
        plan = store.run(registers.plan_import, args.register, grid)
    from secdesk.office.documents.register_import import import_in_batches

    del grid  # the plan holds what is saved: a big sheet's cells need not stay meanwhile
    try:
        with import_progress(_("Importing documents")) as progress:
            added = import_in_batches(store, args.register, plan, progress, str(path))
    except KeyboardInterrupt as exc:
        raise CliError(_("Interrupted: nothing was imported."), code=130) from exc
    print(ngettext("Imported {n} document", "Imported {n} documents", added).format(n=added))
    if args.register == "outgoing":
        _print_number_check(store)
    return 0


def _import_as_json(inv: Invocation, plan: Any, grid: Any) -> int:
    """``import register --json``: the plan (and what was imported, with ``--yes``)."""
    from secdesk.office.documents import registers

    args = inv.args
    said: dict[str, Any] = {
        "dry_run": args.dry_run or not args.yes,
        "header_row": plan.header_row,
        "columns": {header: field or None for header, field in plan.mapping},
        "to_add": len(plan.new_rows),
        "already": plan.already,
        "problems": [{"row": p.row, "why": _(p.why)} for p in plan.problems],
        "added": 0,
    }
    if args.yes and not args.dry_run and plan.new_rows:
        from secdesk.cli.imports import as_whole

        whole = as_whole(args.register, args.file, registers.run_import)
        said["added"] = inv.store.write(whole, args.register, grid)
    print_json(said)
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


def cmd_export(inv: Invocation) -> int:
    from secdesk.io.sheets import write_sheet
    from secdesk.office.documents import registers

    args = inv.args
    store = inv.store
    if not Path(args.file).is_dir() and Path(args.file).suffix.lower() not in (".xlsx", ".csv"):
        raise CliError(
            _("{file}: a register is written as .xlsx or .csv (name the file so).").format(
                file=safe(args.file)
            )
        )
    target = output_file(args.file, args.force, f"{args.what}.xlsx")
    check_open(store)
    if args.what == "archive":
        title, headers, rows = store.run(
            registers.archive_catalogue, args.year, args.include_classified
        )
    else:
        title, headers, rows = store.run(
            registers.export_register, args.register, args.year, args.include_classified
        )
    try:
        write_sheet(target, title, headers, rows)
    except OSError as exc:
        raise CliError(str(exc)) from exc
    print(
        ngettext("{n} row written to {path}", "{n} rows written to {path}", len(rows)).format(
            n=len(rows), path=target
        )
    )
    return 0
