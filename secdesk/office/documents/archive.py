"""归档: filing completed documents with year, retention period and item number (件号).

Wing: office/documents. Must not import screens, widgets, app, cli, care or demo; of this
package only ``numbering``.

Item numbers run per filing year and retention period (永久, 30年, 10年), the next after
the highest given, inside the writing transaction. The catalogue (归档文件目录) lists them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.i18n import N_, _
from secdesk.models import ArchiveEntry, IncomingDocument, OutgoingDocument
from secdesk.models.document import Retention
from secdesk.office.documents.numbering import next_number
from secdesk.services import audit
from secdesk.services.views import InvalidInput

MODELS: dict[str, Any] = {"incoming": IncomingDocument, "outgoing": OutgoingDocument}
ORGAN = N_("this organ")


def next_item_number(session: Session, year: int, retention: str) -> int:
    """The next 件号 of ``year``'s ``retention`` period."""
    series = (ArchiveEntry.year == year, ArchiveEntry.retention == retention)
    return next_number(session, ArchiveEntry.item_number, *series)


def entry_for(session: Session, kind: str, record_id: int) -> ArchiveEntry | None:
    """The live archive entry of a document, if it is filed."""
    return session.exec(
        select(ArchiveEntry).where(
            ArchiveEntry.kind == kind,
            ArchiveEntry.record_id == record_id,
            col(ArchiveEntry.deleted_at).is_(None),
        )
    ).first()


THIS_ORGAN = N_("this organ")


def issuing_organ() -> str:
    """责任者 of the organ's own documents: the office's name as config.toml gives it
    (``[office] name``), else "this organ" (本机关) — never a prefix, which is only the
    code its numbers carry."""
    from secdesk.config import load_settings

    try:
        settings = load_settings()
    except ValueError:
        return _(THIS_ORGAN)
    name = str(getattr(settings, "office_name", "") or "").strip()
    return name or _(THIS_ORGAN)


def file_document(
    session: Session,
    kind: str,
    record_id: int,
    retention: str,
    year: int | None = None,
    filed_at: datetime | None = None,
) -> ArchiveEntry:
    """Make the archive entry of one document (its status is the caller's: the workflow
    step sets it), filed now or at ``filed_at`` (UTC; an imported register's 归档日期). A
    document already filed keeps its entry."""
    if retention not in {r.value for r in Retention}:
        raise InvalidInput("retention", N_("Retention is permanent, 30y or 10y"))
    found = entry_for(session, kind, record_id)
    if found is not None:
        return found
    doc = session.get(MODELS[kind], record_id)
    if doc is None:
        raise InvalidInput("record", N_("This record no longer exists."))
    year = year or clock.today().year
    if kind == "incoming":
        responsible, day = doc.sender, clock.to_local(doc.received_at).date()
    else:
        responsible = issuing_organ()
        day = doc.signed_off_on or clock.to_local(doc.drafted_at).date()
    entry = ArchiveEntry(
        kind=kind,
        record_id=record_id,
        year=year,
        retention=retention,
        item_number=next_item_number(session, year, retention),
        filed_at=filed_at or clock.now_utc(),
        doc_number=doc.doc_number,
        title=doc.title,
        responsible=responsible,
        doc_date=day,
        classification=doc.classification,
        copies=doc.copies,
    )
    session.add(entry)
    session.flush()
    audit.record(session, "create", "archiveentry", entry.id, audit.values(entry))
    return entry


def unfile(session: Session, kind: str, record_id: int) -> None:
    """Undo a filing: the entry is deleted (its item number is not given again)."""
    entry = entry_for(session, kind, record_id)
    if entry is None:
        return
    entry.deleted_at = clock.now_utc()
    audit.touch(entry)
    session.add(entry)
    audit.record(session, "delete", "archiveentry", entry.id, audit.values(entry))
