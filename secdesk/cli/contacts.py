"""The contact book on the command line: ``import contacts`` from a vCard file (2.1, 3.0 or
4.0, as phones and mail programs write them) and ``export contacts`` to one (3.0).

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
    from secdesk.office.contacts.cards import ContactImportReport
    from secdesk.services.store import Store


def register_import(sub: Commands) -> None:
    what = _("contacts from a vCard file")
    imp = common.file_command(sub, "contacts", what, cmd_import, importing=True)
    imp.add_argument("file", metavar="FILE.vcf", help=_("the vCard file"))


def register_export(sub: Commands) -> None:
    exp = common.file_command(
        sub, "contacts", _("as a vCard 3.0 file"), cmd_export, importing=False
    )
    exp.add_argument("file", metavar="FILE.vcf", help=_("where to write it"))


def cmd_import(inv: Invocation) -> int:
    from secdesk.cli.imports import as_whole
    from secdesk.io.vcf import VCardError
    from secdesk.office.contacts import cards as contact_cards

    apply = not inv.args.dry_run
    report = common.run_import(
        inv,
        as_whole("contact", inv.args.file, contact_cards.import_vcards),
        apply,
        fails=VCardError,
        progress=_("Importing contacts"),
    )
    if inv.args.json:
        common.print_json(
            {
                "dry_run": not apply,
                "added": list(report.added),
                "updated": list(report.updated),
                "already": len(report.unchanged),
            }
        )
        return 0
    for name in report.added:
        print(f"+ {safe(name)}")
    for name in report.updated:
        print(f"~ {safe(name)}")
    print(import_report(report, apply))
    return 0


ADDED = NP_("Added {count} contact", "Added {count} contacts")
WOULD_ADD = NP_("Would add {count} contact", "Would add {count} contacts")
NEW_NUMBERS = NP_("new numbers for {count} contact", "new numbers for {count} contacts")


def import_report(report: ContactImportReport, apply: bool) -> str:
    """The last line of an import: added (or would be), new numbers, already known."""
    return _("{added}, {updated}, {known}.").format(
        added=common.counted(ADDED if apply else WOULD_ADD, len(report.added)),
        updated=common.counted(NEW_NUMBERS, len(report.updated)),
        known=_("{count} already known").format(count=len(report.unchanged)),
    )


def cmd_export(inv: Invocation) -> int:
    from secdesk.office.contacts import cards as contact_cards

    def vcards(store: Store) -> bytes:
        return store.run(contact_cards.export_vcards).encode("utf-8")

    target = common.run_export(inv, "contacts.vcf", vcards)
    print(_("Contact book written to {path}").format(path=target))
    return 0
