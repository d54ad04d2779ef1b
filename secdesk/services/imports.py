"""Imports as wholes: every import of a file is an ImportBatch whose id each record it
creates carries (``import_id``), so it can be taken back whole, and one killed half-way
(its batch never finished, its process gone) is found and removed.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli. What removes a kind's imported records is the duty's own
(the command line hands it in); this module says which records they are.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import func, update
from sqlalchemy import select as core_select
from sqlmodel import Session, select

from secdesk.calendar import clock
from secdesk.i18n import _, ngettext
from secdesk.models import ImportBatch
from secdesk.services import audit, records
from secdesk.textsafe import safe

#: The key of ``Session.info`` naming the import a batch's rows belong to (``bulk``).
INFO_KEY = "import_id"

R = TypeVar("R")


def begin(session: Session, kind: str, source: str) -> int:
    """A new import of ``kind`` from ``source``, unfinished until ``finish``."""
    batch = ImportBatch(
        kind=kind,
        source=source,
        actor=audit.actor(),
        pid=os.getpid(),
        host=socket.gethostname(),
    )
    session.add(batch)
    session.flush()
    assert batch.id is not None
    return batch.id


def finish(session: Session, batch_id: int, rows: int) -> None:
    """The import's last batch is saved: it stands as a whole (the audit trail has the
    import's own Events: the importer writes them)."""
    batch = session.get(ImportBatch, batch_id)
    assert batch is not None
    batch.finished_at = clock.now_utc()
    batch.rows = rows
    session.add(batch)


def discard(session: Session, batch_id: int) -> None:
    """Forget an import whose records were taken back before it finished."""
    batch = session.get(ImportBatch, batch_id)
    if batch is not None:
        session.delete(batch)


def get(session: Session, batch_id: int) -> ImportBatch | None:
    return session.get(ImportBatch, batch_id)


def newest(session: Session) -> ImportBatch | None:
    """The newest import that stands (finished and not taken back)."""
    query = (
        select(ImportBatch)
        .where(ImportBatch.finished_at.is_not(None), ImportBatch.undone_at.is_(None))  # type: ignore[union-attr]
        .order_by(ImportBatch.id.desc())  # type: ignore[union-attr]
        .limit(1)
    )
    return session.exec(query).first()


def running(batch: ImportBatch) -> bool:
    """Whether an unfinished import's process still runs (on this machine: elsewhere it is
    taken to run, as nothing here can tell)."""
    if batch.finished_at is not None or batch.pid is None:
        return False
    if batch.host != socket.gethostname():
        return True
    try:
        os.kill(batch.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def abandoned(session: Session) -> list[ImportBatch]:
    """Imports killed half-way that left records: never finished, their process gone, and
    something of theirs still stands (one killed before its first batch left nothing)."""
    query = select(ImportBatch).where(
        ImportBatch.finished_at.is_(None),  # type: ignore[union-attr]
        ImportBatch.undone_at.is_(None),  # type: ignore[union-attr]
    )
    return [b for b in session.exec(query).all() if not running(b) and record_ids(session, b)]


def cut_off(session: Session) -> list[tuple[int, str, int]]:
    """Each import killed half-way: its number, its file and how many records it left
    (what ``doctor`` and the next import name)."""
    return [(b.id or 0, b.source, len(record_ids(session, b))) for b in abandoned(session)]


def cut_off_said(number: int, source: str, count: int) -> tuple[str, str]:
    """What is said of an import killed half-way, and what to do about it."""
    said = ngettext(
        "Import {number} of {file} was cut off before its end: {n} record it saved is "
        "still in the database.",
        "Import {number} of {file} was cut off before its end: {n} records it saved are "
        "still in the database.",
        count,
    ).format(number=number, file=safe(source), n=count)
    advice = _("Remove them: secdesk import undo {id} (then import the file again).")
    return said, advice.format(id=number)


def record_ids(session: Session, batch: ImportBatch) -> list[int]:
    """The ids of the records ``batch`` created that still stand (a contact or meeting
    deleted by hand since is not counted again)."""
    table: Any = records.service(batch.kind).model.__table__
    query = core_select(table.c.id).where(table.c.import_id == batch.id).order_by(table.c.id)
    if "deleted_at" in table.c:
        query = query.where(table.c.deleted_at.is_(None))
    return list(session.connection().execute(query).scalars())


def mark_undone(session: Session, batch_id: int, removed: int) -> None:
    """Record that an import was taken back whole (its records removed in this same
    transaction), in the audit trail."""
    batch = session.get(ImportBatch, batch_id)
    assert batch is not None
    was_finished = batch.finished_at is not None
    batch.undone_at = clock.now_utc()
    session.add(batch)
    said = {"kind": batch.kind, "source": batch.source, "removed": removed}
    audit.record(
        session, "undo-import", "importbatch", batch_id, {**said, "finished": was_finished}
    )


def whole(session: Session, kind: str, source: str, run: Callable[..., R], *args: Any) -> R:
    """Run an import that saves in this one transaction (contacts, meetings) as an
    ImportBatch: the records of ``kind`` it created carry the batch's id. The transaction
    holds the write lock from its start, so the rows after the highest id before are its."""
    table: Any = records.service(kind).model.__table__
    connection = session.connection()
    before = connection.execute(core_select(func.max(table.c.id))).scalar() or 0
    result = run(session, *args)
    session.flush()
    made = list(connection.execute(core_select(table.c.id).where(table.c.id > before)).scalars())
    if made:
        batch_id = begin(session, kind, source)
        finish(session, batch_id, len(made))
        connection.execute(update(table).where(table.c.id > before).values(import_id=batch_id))
    return result
