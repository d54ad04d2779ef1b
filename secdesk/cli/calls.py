"""Calls on the command line besides ``log call`` (the kind's own, in ``cli.log``):
``import calls``, the call records the office's phone system wrote (Asterisk's Master.csv).

Wing: cli. Must not import the cli package or __main__.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secdesk.cli import common
from secdesk.cli.common import Invocation
from secdesk.i18n import NP_, _
from secdesk.textsafe import safe

if TYPE_CHECKING:
    from secdesk.cli.common import Commands

#: Calls listed one by one; the rest are counted.
SHOWN = 50
MORE = NP_("… and {count} more call", "… and {count} more calls")


def register_import(sub: Commands) -> None:
    what = _("call records from the phone system")
    imp = common.file_command(sub, "calls", what, cmd_import, importing=True)
    imp.add_argument("file", metavar="FILE", help=_("the CSV file the phone system wrote"))
    imp.add_argument(
        "--format", choices=["asterisk"], default="asterisk", help=_("the phone system")
    )


def cmd_import(inv: Invocation) -> int:
    from secdesk.io.cdr import CdrError
    from secdesk.office.calls import phone_import

    apply = not inv.args.dry_run
    if apply:  # a phone system's year: saved in batches, a call logged meanwhile goes through
        from secdesk.cli.imports import warn_cut_off

        common.check_open(inv.store)
        warn_cut_off(inv.store)
        calls = common.run_import(
            inv,
            phone_import.import_in_batches,
            inv.settings.internal_extensions,
            str(inv.args.file),
            fails=CdrError,
            progress=_("Importing calls"),
            batched=True,
        )
    else:
        calls = common.run_import(
            inv,
            phone_import.import_calls_asterisk,
            inv.settings.internal_extensions,
            False,
            fails=CdrError,
        )
    if inv.args.json:
        from secdesk.calendar import clock

        rows = [
            {
                "at": clock.to_local(r.at).isoformat(),
                "direction": r.direction,
                "caller": r.caller,
                "number": r.number,
            }
            for r in calls.rows
        ]
        common.print_json(
            {"dry_run": not apply, "added": calls.added, "already": calls.already, "calls": rows}
        )
        return 0
    for row in calls.rows[:SHOWN]:
        arrow = "<-" if row.direction == "incoming" else "->"
        print(f"+ {row.at:%Y-%m-%d %H:%M} {arrow} {safe(row.caller or row.number)}")
    if (more := len(calls.rows) - SHOWN) > 0:
        print(common.counted(MORE, more))
    print(import_report(calls.added, calls.already, apply))
    return 0


ADDED = NP_("Added {count} call", "Added {count} calls")
WOULD_ADD = NP_("Would add {count} call", "Would add {count} calls")
BEFORE = NP_("{count} was imported before", "{count} were imported before")


def import_report(added: int, already: int, apply: bool) -> str:
    """The last line of an import: added (or would be), and imported before."""
    return _("{added}; {already}.").format(
        added=common.counted(ADDED if apply else WOULD_ADD, added),
        already=common.counted(BEFORE, already),
    )
