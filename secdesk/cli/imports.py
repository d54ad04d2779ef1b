"""``import undo``: take an import back as a whole (calls from a phone system, a register),
or remove what an import killed half-way left behind (``doctor`` names it).

Wing: cli. Must not import the cli package or __main__.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from secdesk.cli import common
from secdesk.cli.common import CliError, Invocation
from secdesk.i18n import _, ngettext
from secdesk.textsafe import safe

if TYPE_CHECKING:
    from sqlmodel import Session

    from secdesk.cli.common import Commands
    from secdesk.models import ImportBatch

Remover = Callable[["Session", list[int]], None]


def register_import(sub: Commands) -> None:
    undo = sub.add_parser(
        "undo", help=_("take an import back as a whole (the newest, or import NUMBER)")
    )
    undo.add_argument(
        "number", nargs="?", type=int, metavar="NUMBER", help=_("the import's number")
    )
    undo.add_argument("--yes", action="store_true", help=_("do not ask first"))
    undo.set_defaults(run=cmd_undo, database="write")


def as_whole(kind: str, source: str, run: Callable[..., Any]) -> Callable[..., Any]:
    """An import saved in one transaction (``common.run_import``) as an ImportBatch whose
    id the records of ``kind`` it creates carry (``imports.whole``)."""

    def work(session: Session, *args: Any) -> Any:
        from secdesk.services import imports

        return imports.whole(session, kind, str(source), run, *args)

    return work


def _soft_delete(kind: str) -> Remover:
    """Delete a kind's records as the desk does (each can be brought back, with its Event)."""

    def remove(session: Session, ids: list[int]) -> None:
        from secdesk.services import records

        model = records.service(kind).model
        for record_id in ids:
            found = session.get(model, record_id)
            if found is not None and found.deleted_at is None:  # not deleted by hand since
                records.delete(session, kind, record_id)

    return remove


def removers() -> dict[str, Remover]:
    """What takes back each kind's imported records (their search entries, the audit
    Events and archive entries the import made with them; contacts and meetings, saved
    one by one, are deleted as the desk deletes them)."""
    from secdesk.office.calls.phone_import import remove_calls
    from secdesk.office.documents.register_import import remove_rows

    return {
        "call": remove_calls,
        "incoming": lambda session, ids: remove_rows(session, "incoming", ids),
        "outgoing": lambda session, ids: remove_rows(session, "outgoing", ids),
        "contact": _soft_delete("contact"),
        "meeting": _soft_delete("meeting"),
    }


def warn_cut_off(store: Any) -> None:
    """Before an import: name any import killed half-way, whose records are still in the
    database, and how to remove them (``doctor`` says the same)."""
    from secdesk.services import imports

    for number, source, count in store.run(imports.cut_off):
        for line in imports.cut_off_said(number, source, count):
            print(line, file=sys.stderr)


def _which(session: Session, number: int | None) -> tuple[Any, int] | str:
    """The import to take back and how many of its records stand, or why none can be."""
    from secdesk.services import imports

    batch: ImportBatch | None
    if number is None:
        cut_off = imports.abandoned(session)
        batch = cut_off[-1] if cut_off else imports.newest(session)
        if batch is None:
            return _("No import to take back.")
    else:
        batch = imports.get(session, number)
        if batch is None:
            return _("There is no import {number}.").format(number=number)
    if batch.undone_at is not None:
        return _("Import {number} was taken back already.").format(number=batch.id)
    if imports.running(batch):
        return _("Import {number} is still running: wait for its end, or stop it.").format(
            number=batch.id
        )
    found = (batch.id, batch.kind, batch.source, batch.finished_at is not None)
    return found, len(imports.record_ids(session, batch))


def _undo(session: Session, number: int, remove: Remover) -> int:
    """Remove every record import ``number`` created and record that it was taken back,
    in this one transaction; returns how many were removed."""
    from secdesk.services import imports

    batch = imports.get(session, number)
    assert batch is not None
    if batch.undone_at is not None or imports.running(batch):  # another undo, or it resumed
        raise CliError(_("Import {number} was taken back already.").format(number=number))
    ids = imports.record_ids(session, batch)
    remove(session, ids)
    imports.mark_undone(session, number, len(ids))
    return len(ids)


def cmd_undo(inv: Invocation) -> int:
    store = inv.store
    common.check_open(store)
    which = store.run(_which, inv.args.number)
    if isinstance(which, str):
        raise CliError(which)
    (number, kind, source, finished), count = which
    remove = removers().get(kind)
    if remove is None:  # pragma: no cover - only batched imports have a number
        raise CliError(_("Import {number} cannot be taken back here.").format(number=number))
    said = (
        ngettext(
            "Import {number} of {file} added {n} record.",
            "Import {number} of {file} added {n} records.",
            count,
        )
        if finished
        else ngettext(
            "Import {number} of {file} was cut off before its end: {n} record it saved is "
            "still in the database.",
            "Import {number} of {file} was cut off before its end: {n} records it saved are "
            "still in the database.",
            count,
        )
    )
    print(said.format(number=number, file=safe(source), n=count))
    if not inv.args.yes:
        common.ask_yes(
            ngettext("Remove its {n} record? [y/N]", "Remove its {n} records? [y/N]", count).format(
                n=count
            ),
            refuse=_("Add --yes to take it back without a question."),
            declined=_("Nothing was changed."),
        )
    removed = store.write(_undo, number, remove)
    print(
        ngettext(
            "Import {number} taken back: {n} record removed.",
            "Import {number} taken back: {n} records removed.",
            removed,
        ).format(number=number, n=removed)
    )
    sys.stdout.flush()
    return 0
