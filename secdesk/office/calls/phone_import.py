"""Import the telephone record from a phone system: Asterisk's cdr_csv ``Master.csv``.

Wing: office/calls. Must not import screens, widgets, app, cli, care or demo.

Each call record becomes a Call (``source="asterisk"``) linked to the contact whose number
it is. The phone system's key for each record (``external_id``) makes importing the same
file, or an older copy of a growing one, add nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.io.cdr import CdrRecord, parse_master_csv
from secdesk.models import Call
from secdesk.models.call import CallDirection, MessageStatus
from secdesk.office.contacts import book as contacts
from secdesk.office.contacts import phones
from secdesk.services import audit

SOURCE = "asterisk"
#: Rows per ``IN (...)`` list and per INSERT batch.
CHUNK = 500
#: The audit Event lists every new id up to this many, else the first and the last.
LISTED_IDS = 20


@dataclass(frozen=True)
class ImportedCall:
    """A call an import added (or would add)."""

    id: int
    """0 in a preview."""
    at: datetime
    """Local time."""
    direction: str
    caller: str
    number: str
    organization: str
    summary: str


@dataclass(frozen=True)
class CallImportReport:
    """What importing a call-record file did (or, for a preview, would do)."""

    file_records: int
    """Records in the file."""
    added: int
    """Calls added (or that would be)."""
    already: int
    """Records skipped: imported before, or repeated earlier in the same file."""
    rows: list[ImportedCall]
    """The calls added (or that would be), oldest first, in local time. ``id`` is 0 in a
    preview."""
    first: datetime | None
    """Local start of the earliest record in the file; None for an empty file."""
    last: datetime | None
    """Local start of the latest record in the file."""


def _summary(disposition: str) -> str:
    """Call has no field for the outcome: a call that was not answered says so in the
    summary, as the phone system wrote it (``[NO ANSWER]``, ``[BUSY]``, ``[FAILED]``...).
    An answered call's summary is left for the secretary to fill in."""
    disposition = disposition.strip()
    return "" if not disposition or disposition.upper() == "ANSWERED" else f"[{disposition}]"


def _other_party(record: CdrRecord) -> str:
    """The number at the far end: who called us, or whom we called."""
    if record.direction == CallDirection.outgoing:
        return record.dst.strip()
    return record.caller_number.strip()


def _existing_ids(session: Session, external_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(external_ids), CHUNK):
        chunk = external_ids[start : start + CHUNK]
        found.update(
            eid
            for eid in session.exec(
                select(Call.external_id).where(col(Call.external_id).in_(chunk))
            ).all()
            if eid
        )
    return found


def import_calls_asterisk(
    session: Session,
    data: bytes,
    internal_extensions: Iterable[str] = (),
    apply: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> CallImportReport:
    """Add the calls of an Asterisk ``Master.csv`` (with ``apply=False``, only say what
    would be added).

    A record whose ``src`` is one of ``internal_extensions`` is an outgoing call to
    ``dst``; any other is an incoming call from the caller id's number. Times in the file
    are local (Asterisk's default) and stored as UTC. The caller is the caller id's name,
    else the matched contact's name (for an outgoing call, the contact's name only).

    All or nothing: the whole file is read first, so a malformed line (``CdrError``, which
    names the line) adds no call. Records already imported (even if later deleted) are
    skipped. The calls are inserted in batches with one audit Event (action ``import``);
    ``progress(done, total)`` is told the calls inserted so far."""
    records = parse_master_csv(data, internal_extensions)
    fresh: dict[str, CdrRecord] = {}
    for record in records:
        fresh.setdefault(record.external_id, record)
    for external_id in _existing_ids(session, list(fresh)):
        del fresh[external_id]
    new = sorted(fresh.values(), key=lambda r: (r.start, r.line))
    matches = contacts.by_numbers(session, (_other_party(r) for r in new))

    now = clock.now_utc()
    values: list[dict[str, Any]] = []
    for record in new:
        number = _other_party(record)
        match = matches.get(phones.normalize_number(number))
        if record.direction == CallDirection.outgoing:
            caller = match.name if match else ""
        else:
            caller = record.caller_name or (match.name if match else "")
        values.append(
            {
                "at": clock.to_utc(record.start),
                "direction": record.direction,
                "caller": caller,
                "number": number,
                "organization": match.organization if match else "",
                "contact_id": match.id if match else None,
                "summary": _summary(record.disposition),
                "message_for": "",
                "follow_up": False,
                "message_status": MessageStatus.no_action.value,
                "duration_s": record.billsec,
                "source": SOURCE,
                "external_id": record.external_id,
                "created_at": now,
                "updated_at": now,
                "deleted_at": None,
            }
        )

    ids = [0] * len(values)
    if apply and values:
        ids = []
        statement = insert(Call).returning(col(Call.id), sort_by_parameter_order=True)
        for start in range(0, len(values), CHUNK):
            ids.extend(session.exec(statement, params=values[start : start + CHUNK]).scalars())
            if progress is not None:
                progress(len(ids), len(values))
        # A Core INSERT passes the ORM by: the search index is told here, in the same
        # transaction.
        from secdesk.services.search import index_records

        index_records(session, "call", ids)
        audit.record(
            session,
            "import",
            "call",
            None,
            {
                "source": SOURCE,
                "file_records": len(records),
                "added": len(ids),
                "already": len(records) - len(ids),
                "ids": ids if len(ids) <= LISTED_IDS else [ids[0], ids[-1]],
            },
        )

    rows = [
        ImportedCall(
            id=call_id,
            at=clock.to_local(v["at"]),
            direction=v["direction"],
            caller=v["caller"],
            number=v["number"],
            organization=v["organization"],
            summary=v["summary"],
        )
        for call_id, v in zip(ids, values, strict=True)
    ]
    starts = [r.start for r in records]
    return CallImportReport(
        file_records=len(records),
        added=len(values),
        already=len(records) - len(values),
        rows=rows,
        first=clock.to_local(clock.to_utc(min(starts))) if starts else None,
        last=clock.to_local(clock.to_utc(max(starts))) if starts else None,
    )
