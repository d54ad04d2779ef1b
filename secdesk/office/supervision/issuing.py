"""Issuing a numbered urge notice (催办通知 with its own 发文字号) from the desk.

Wing: office/supervision. Must not import screens, widgets, app, cli, care or demo.

One writing transaction does it all, or nothing: the next number of the prefix is given in
the outgoing register (the notice registered there, addressed to the lead unit), the urge
is logged on the item with that number (its history shows it, the audit trail keeps both
changes), and the .docx is written. A file that cannot be written leaves no number given
and no urge logged. Taking the urge back (u) voids the notice's number: a number given is
never given again, and the register says why it stands voided (``items.SupervisionService.
step_undone``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session

from secdesk.i18n import N_, _
from secdesk.models import OutgoingDocument
from secdesk.office.supervision.papers import Paper, urge_notice
from secdesk.services.views import Undo

if TYPE_CHECKING:
    from secdesk.services.store import Store

#: The note the urge step carries: the item's history reads it.
ISSUED = N_("Urge notice {number} issued")


@dataclass(frozen=True)
class Issued:
    """A numbered urge notice given its number, logged and written."""

    number: str
    """Its 发文字号 (某府办督〔2026〕1号)."""
    path: Path
    outgoing_id: int
    """The notice's entry in the outgoing register."""
    paper: Paper
    undo: Undo
    """Takes the urge back (and voids the number)."""
    said: str


def issue_urge_notice(
    session: Session,
    item_id: int,
    prefix: str,
    path: Path,
    confirmed: tuple[str, ...] = (),
    reply_days: int = 3,
) -> Issued:
    """Issue the item's urge notice as a numbered paper written to ``path``, in the
    caller's transaction. ``NothingToUrge`` for a closed item, ``StepRefused`` where an
    urge is not a step of its state, ``NeedsConfirmation`` for a prefix never used
    (``confirmed`` holds ``"prefix"`` once the user said yes), ``InvalidInput`` for a
    prefix that is not one; ``OSError`` when the file cannot be written."""
    from secdesk.office.documents.outgoing import log_outgoing
    from secdesk.services import workflow

    paper = urge_notice(session, item_id, reply_days)
    saved = log_outgoing(
        session,
        paper.title,
        prefix,
        recipients=paper.addressee,
        doc_type="通知",
        confirmed=confirmed,
    )
    entry = session.get(OutgoingDocument, saved.id)
    assert entry is not None
    number = entry.doc_number
    taken = workflow.take(
        session,
        "supervision",
        item_id,
        "urge",
        {"doc_number": number, "outgoing_id": entry.id},
        _(ISSUED).format(number=number),
    )
    paper = replace(paper, number=number)
    paper.save_docx(path)
    said = _("Urge notice {number} written to {path}").format(number=number, path=path)
    return Issued(number, path, entry.id or 0, paper, taken.undo, said)


def issue(
    store: Store, item_id: int, prefix: str, path: Path, confirmed: tuple[str, ...] = ()
) -> Issued:
    """``issue_urge_notice`` in one committed transaction, the paper written beside
    ``path`` and given its name only once the number is committed: a commit that fails
    (a busy database, a full disk) leaves no paper carrying a number never given."""
    partial = path.with_name(f".{path.name}.part")
    try:
        issued = store.write(issue_urge_notice, item_id, prefix, partial, confirmed)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    said = _("Urge notice {number} written to {path}").format(number=issued.number, path=path)
    return replace(issued, path=path, said=said)
