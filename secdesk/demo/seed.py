"""The demo's entry point: ``seed_demo`` claims a new file, has every duty generate its
rows from one ``DemoOffice``, writes them in batches and says how many went in.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from pathlib import Path

from secdesk.calendar import clock
from secdesk.demo import (
    archive,
    calls,
    contacts,
    documents,
    inforeports,
    investigations,
    meetings,
    outgoing,
    petitions,
    supervision,
    tasks,
    visits,
)
from secdesk.demo.office import DemoOffice, Row
from secdesk.models import (
    ArchiveEntry,
    Call,
    ChecklistItem,
    Circulation,
    Contact,
    ContactPhone,
    Event,
    IncomingDocument,
    InfoReport,
    Investigation,
    Meeting,
    Organization,
    OutgoingDocument,
    Petition,
    SupervisionItem,
    Task,
    Visit,
)

BATCH = 5_000
"""Rows a statement inserts at once."""


@dataclass(frozen=True)
class DemoSummary:
    """How many rows the demo wrote to each table."""

    organizations: int
    contacts: int
    contact_phones: int
    calls: int
    incoming_documents: int
    outgoing_documents: int
    circulations: int
    archive_entries: int
    meetings: int
    checklist_items: int
    supervision_items: int
    visits: int
    tasks: int
    petitions: int
    events: int

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))


def seed_demo(
    path: Path,
    years: int = 1,
    today: date | None = None,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Write a new database at ``path`` holding ``years`` years of a demo office's work.

    ``today`` (default: the local today) is the last day of the history. When it is the
    real today, its calls and visitors stop at the current time (18:00 at the latest); for
    any other day the office day is taken to be at 17:30. The same ``seed`` and ``today`` give the same
    records. An existing ``path`` is refused with ``FileExistsError``. ``progress(done,
    total)`` is told the rows written so far.
    """
    path = Path(path)
    if years < 1:
        raise ValueError(f"years must be at least 1, not {years}")
    today = today or clock.today()
    _claim(path)
    try:
        office = DemoOffice(random.Random(seed), years, today, _reference_now(today))
        tables = generate(office)
        _write(path, tables, progress)
    except BaseException:
        _discard(path)
        raise
    return DemoSummary(
        organizations=len(tables[Organization]),
        contacts=len(tables[Contact]),
        contact_phones=len(tables[ContactPhone]),
        calls=len(tables[Call]),
        incoming_documents=len(tables[IncomingDocument]),
        outgoing_documents=len(tables[OutgoingDocument]),
        circulations=len(tables[Circulation]),
        archive_entries=len(tables[ArchiveEntry]),
        meetings=len(tables[Meeting]),
        checklist_items=len(tables[ChecklistItem]),
        supervision_items=len(tables[SupervisionItem]),
        visits=len(tables[Visit]),
        tasks=len(tables[Task]),
        petitions=len(tables[Petition]),
        events=len(tables[Event]),
    )


# --------------------------------------------------------------------------- the file


def _claim(path: Path) -> None:
    """Create ``path`` empty (0600), atomically refusing one that exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise FileExistsError(f"{path} already exists; the demo only writes a new file.") from None
    os.close(fd)


def _discard(path: Path) -> None:
    """Remove a half-written demo file (we created it, so it is ours)."""
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        name.unlink(missing_ok=True)


def _write(
    path: Path,
    tables: dict[type, list[Row]],
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Create the schema, then insert every table in batches, in one transaction."""
    from sqlalchemy import insert

    from secdesk.db import Database

    db = Database(path)
    db.open()
    try:
        with db.engine.connect() as connection:
            # A throwaway file: no fsync while seeding. The journal stays WAL. (Set on the
            # driver's connection: the pragma may not run inside a transaction.)
            raw = connection.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA synchronous = OFF")
            total = sum(len(rows) for rows in tables.values())
            done = 0
            for model, rows in tables.items():
                statement = insert(model.__table__)  # type: ignore[attr-defined]  # set by SQLAlchemy at class creation
                for start in range(0, len(rows), BATCH):
                    batch = rows[start : start + BATCH]
                    connection.execute(statement, batch)
                    done += len(batch)
                    if progress is not None:
                        progress(done, total)
            # The rows went in without the ORM: index them all at once.
            from secdesk.services.search_index import rebuild

            rebuild(connection)
            connection.commit()
            # Give the query planner its statistics, as a long-used office database has.
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
            raw.execute("PRAGMA synchronous = FULL")
    finally:
        db.close()


def _reference_now(today: date) -> datetime:
    """The local moment the demo's today has reached."""
    now = clock.now_local()
    if now.date() == today:
        return now
    return datetime.combine(today, time(17, 30), tzinfo=clock.zone())


# --------------------------------------------------------------------------- the office


def generate(office: DemoOffice) -> dict[type, list[Row]]:
    """Every table's rows, in insertion order (ids assigned here)."""
    organizations = contacts.organizations(office)
    people, phones = contacts.contacts(office)
    tables: dict[type, list[Row]] = {
        Organization: organizations,
        Contact: people,
        ContactPhone: phones,
        Call: calls.calls(office),
        IncomingDocument: documents.incoming(office),
        Meeting: meetings.meetings(office),
        SupervisionItem: supervision.supervision_items(office),
        Visit: visits.visits(office),
        Task: tasks.tasks(office),
        Petition: petitions.petitions(office),
        InfoReport: inforeports.info_reports(office),
        Investigation: investigations.investigations(office),
    }
    tables[OutgoingDocument] = outgoing.outgoing(office, len(tables[IncomingDocument]))
    tables[Circulation] = documents.circulation(office, tables[IncomingDocument])
    tables[ArchiveEntry] = archive.archive(tables[IncomingDocument], tables[OutgoingDocument])
    tables[ChecklistItem] = meetings.checklists(office, tables[Meeting])
    tables[Event] = [_import_event(office, tables)]
    return tables


def _import_event(office: DemoOffice, tables: dict[type, list[Row]]) -> Row:
    """The audit trail's one entry: the demo imported, with how many rows of each table."""
    counts = {model.__tablename__: len(rows) for model, rows in tables.items()}  # type: ignore[attr-defined]  # keys are table models
    data = {"demo": True, "years": office.years, "today": office.today.isoformat(), **counts}
    return {
        "id": 1,
        "at": clock.to_utc(office.now),
        "actor": "demo",
        "action": "import",
        "entity": "demo",
        "entity_id": None,
        "data": json.dumps(data, ensure_ascii=False),
    }
