"""The registers written out for Excel: 收文登记簿 and 发文登记簿 with the usual columns
(headers in the interface language), and the archive's 归档文件目录. Reading a register
from a file is ``register_import``'s.

Wing: office/documents. Must not import screens, widgets, app, cli, care or demo; of
this package only ``incoming``, ``register_import`` and ``given_numbers``.

The 发文登记簿 shows every number ever given: a numbered document deleted in a database
older than schema 0009 (when such deletes were still allowed) stands as a voided number,
"deleted on" its day, and so does a number only the audit trail remembers
(``given_numbers``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.i18n import N_, _
from secdesk.labels import label
from secdesk.models import ArchiveEntry, IncomingDocument, OutgoingDocument
from secdesk.office.documents.given_numbers import deleted_note, remembered_numbers
from secdesk.office.documents.incoming import is_masked
from secdesk.office.documents.register_import import COLUMNS, cell_key, plan_import, run_import

#: Reached through this module by the command line (``secdesk import``); they live in
#: ``register_import``.
__all__ = ["archive_catalogue", "export_register", "plan_import", "run_import"]

TITLES = {
    "incoming": N_("Register of incoming documents"),
    "outgoing": N_("Register of outgoing documents"),
}


def _filed_days(session: Session, kind: str, ids: list[int]) -> dict[int, date]:
    if not ids:
        return {}
    entries = session.exec(
        select(ArchiveEntry).where(
            ArchiveEntry.kind == kind,
            col(ArchiveEntry.record_id).in_(ids),
            col(ArchiveEntry.deleted_at).is_(None),
        )
    ).all()
    return {e.record_id: clock.to_local(e.filed_at).date() for e in entries}


#: Columns written as their label in the interface language (each field names its value set).
_LABELLED = frozenset({"classification", "urgency"})


def _cells(obj: Any, names: list[str], shown: dict[str, Any]) -> list[Any]:
    """One row of a sheet: each column as ``shown`` has it, else the record's attribute of
    that name (a coded one as its label)."""
    return [
        shown[name]
        if name in shown
        else label(name, getattr(obj, name))
        if name in _LABELLED
        else getattr(obj, name)
        for name in names
    ]


def _voided(reason: str) -> str:
    """作废, and why: the 办理情况 of a voided number (read back as voided)."""
    return f"{_('Voided')}：{reason}" if reason else _("Voided")


def _register_order(o: Any) -> tuple[Any, ...]:
    """Numbered documents by 机关代字, year and number; then the drafts in the order they
    were registered (a draft's intended 代字 is not in the register: the order must not
    depend on it, so a register read back is written in the same order)."""
    if o.serial is None:
        return (1, "", 0, 0, o.id or 0)
    return (0, o.prefix, o.year or 0, o.serial, getattr(o, "id", None) or 0)


def export_register(
    session: Session, register: str, year: int | None, include_classified: bool = False
) -> tuple[str, list[str], list[list[Any]]]:
    """(sheet title, headers, rows) of one year's register (every year when None);
    classified documents are left out unless ``include_classified``."""
    headers = [_(msgid) for _name, msgid, _aliases in COLUMNS[register]]
    names = [name for name, _msgid, _aliases in COLUMNS[register]]
    title = _(TITLES[register]) + (f" {year}" if year else "")
    rows: list[list[Any]] = []
    if register == "incoming":
        query = select(IncomingDocument).where(col(IncomingDocument.deleted_at).is_(None))
        if year:
            query = query.where(IncomingDocument.year == year)
        docs = [
            d
            for d in session.exec(
                query.order_by(col(IncomingDocument.year), col(IncomingDocument.serial))
            ).all()
            if include_classified or not is_masked(d.classification)
        ]
        filed = _filed_days(session, "incoming", [d.id or 0 for d in docs])
        for d in docs:
            handling = label("incoming_status", d.status)
            if d.result:
                handling = (
                    f"{handling}：{d.result}"
                    if cell_key(d.result) != cell_key(handling)
                    else handling
                )
            filed_on = filed.get(d.id or 0) or (
                clock.to_local(d.completed_at).date()
                if d.status == "filed" and d.completed_at
                else None
            )
            shown = {
                "receipt": d.receipt_number,
                "received": clock.to_local(d.received_at).date(),
                "handling": handling,
                "filed_on": filed_on,
            }
            rows.append(_cells(d, names, shown))
        return title, headers, rows
    # A deleted document that holds a number was deleted before 0009: its number stays.
    query_out = select(OutgoingDocument).where(
        col(OutgoingDocument.deleted_at).is_(None) | col(OutgoingDocument.serial).is_not(None)
    )
    if year:
        query_out = query_out.where(OutgoingDocument.year == year)
    outs: list[Any] = [*session.exec(query_out).all(), *remembered_numbers(session, year)]
    outs = sorted(
        (o for o in outs if include_classified or not is_masked(o.classification)),
        key=_register_order,
    )
    filed = _filed_days(
        session, "outgoing", [o.id or 0 for o in outs if isinstance(o, OutgoingDocument)]
    )
    for o in outs:
        rows.append(_cells(o, names, _outgoing_shown(o, filed)))
    return title, headers, rows


def _outgoing_shown(o: Any, filed: dict[int, date]) -> dict[str, Any]:
    """The 发文登记簿's own columns of one entry: a deleted number is a voided one."""
    if not isinstance(o, OutgoingDocument):  # a number only the audit trail remembers
        why = deleted_note(o.deleted_on) if o.deleted_on else ""
        return {"dispatched": None, "handling": _voided(why), "filed_on": None}
    reasons = [o.void_reason] if o.voided_at and o.void_reason else []
    if o.deleted_at is not None:
        reasons.append(deleted_note(clock.to_local(o.deleted_at).date()))
    return {
        "dispatched": clock.to_local(o.dispatched_at).date() if o.dispatched_at else None,
        "handling": _voided("；".join(reasons))
        if o.voided_at or o.deleted_at is not None
        else label("outgoing_status", o.status),
        "filed_on": filed.get(o.id or 0),
    }


CATALOGUE_COLUMNS = (
    N_("Item number"),
    N_("Responsible body"),
    N_("Document number"),
    N_("Title"),
    N_("Date"),
    N_("Classification"),
    N_("Retention"),
    N_("Copies"),
    N_("Filing year"),
)


def archive_catalogue(
    session: Session, year: int | None, include_classified: bool = False
) -> tuple[str, list[str], list[list[Any]]]:
    """归档文件目录: the filed documents of a year by retention period and item number."""
    query = select(ArchiveEntry).where(col(ArchiveEntry.deleted_at).is_(None))
    if year:
        query = query.where(ArchiveEntry.year == year)
    order = {"permanent": 0, "30y": 1, "10y": 2}
    entries = sorted(
        session.exec(query).all(),
        key=lambda e: (e.year, order.get(e.retention, 9), e.item_number),
    )
    rows = [
        [
            e.item_number,
            e.responsible,
            e.doc_number,
            e.title,
            e.doc_date,
            label("classification", e.classification),
            label("retention", e.retention),
            e.copies,
            e.year,
        ]
        for e in entries
        if include_classified or not is_masked(e.classification)
    ]
    title = _("Catalogue of filed documents") + (f" {year}" if year else "")
    return title, [_(c) for c in CATALOGUE_COLUMNS], rows
