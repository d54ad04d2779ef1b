"""Import the telephone record from a phone system: Asterisk's cdr_csv ``Master.csv``.

Wing: office/calls. Must not import screens, widgets, app, cli, care or demo.

Each call record becomes a Call (``source="asterisk"``) linked to the contact whose number
it is. The phone system's key for each record (``external_id``) makes importing the same
file, or an older copy of a growing one, add nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import delete
from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.io.cdr import CdrRecord, parse_master_csv
from secdesk.models import Call
from secdesk.models.call import CallDirection, MessageStatus
from secdesk.office.contacts import book as contacts
from secdesk.office.contacts import phones
from secdesk.services import audit

if TYPE_CHECKING:
    from secdesk.services.store import Store

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


class NewCall(NamedTuple):
    """A call an import adds: the columns that differ from call to call (a tuple: a phone
    system's year of them is held in memory while it is saved)."""

    at: datetime
    """UTC."""
    direction: str
    caller: str
    number: str
    organization: str
    contact_id: int | None
    summary: str
    duration_s: int
    external_id: str


@dataclass
class CallImportPlan:
    """What a call-record file adds: read and checked, nothing written yet."""

    file_records: int
    values: list[NewCall]
    """The new calls, oldest first."""
    first: datetime | None
    last: datetime | None


def plan_calls(
    session: Session, data: bytes, internal_extensions: Iterable[str] = ()
) -> CallImportPlan:
    """Read the whole file (a malformed line, ``CdrError``, adds no call) and say which of
    its records are new: those imported before (even if later deleted) or repeated in the
    file are left out. Nothing is written."""
    records = parse_master_csv(data, internal_extensions)
    starts = [r.start for r in records]
    fresh: dict[str, CdrRecord] = {}
    for record in records:
        fresh.setdefault(record.external_id, record)
    count = len(records)
    del records  # a phone system's year: only the new ones are kept
    for external_id in _existing_ids(session, list(fresh)):
        del fresh[external_id]
    new = sorted(fresh.values(), key=lambda r: (r.start, r.line))
    fresh.clear()
    numbers = {number: phones.normalize_number(number) for number in map(_other_party, new)}
    matches = contacts.by_numbers(session, numbers)
    local = clock.zone()  # once, not per record (clock.to_utc asks each time)
    values: list[NewCall] = []
    for record in new:
        number = _other_party(record)
        match = matches.get(numbers[number])
        if record.direction == CallDirection.outgoing:
            caller = match.name if match else ""
        else:
            caller = record.caller_name or (match.name if match else "")
        values.append(
            NewCall(
                at=record.start.replace(tzinfo=local).astimezone(UTC),
                direction=record.direction,
                caller=caller,
                number=number,
                organization=match.organization if match else "",
                contact_id=match.id if match else None,
                summary=_summary(record.disposition),
                duration_s=record.billsec,
                external_id=record.external_id,
            )
        )
    return CallImportPlan(
        file_records=count,
        values=values,
        first=clock.to_local(clock.to_utc(min(starts))) if starts else None,
        last=clock.to_local(clock.to_utc(max(starts))) if starts else None,
    )


def save_calls(session: Session, calls: list[NewCall]) -> list[int]:
    """Insert a batch of a plan's calls and index them; returns their ids, in order."""
    now = clock.now_utc()
    same = {
        "message_for": "",
        "follow_up": False,
        "message_status": MessageStatus.no_action.value,
        "source": SOURCE,
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
    }
    values = [{**call._asdict(), **same} for call in calls]
    from secdesk.services.bulk import index_new, insert_rows

    ids = insert_rows(session, Call.__table__, values)  # type: ignore[attr-defined]
    # A Core INSERT passes the ORM by: the search index is told here, in the same
    # transaction.
    index_new(
        session,
        "call",
        (SimpleNamespace(**v, id=call_id) for call_id, v in zip(ids, values, strict=True)),
    )
    return ids


def remove_calls(session: Session, ids: list[int]) -> None:
    """Take back calls an import wrote (it failed or was stopped before its end): gone, as
    if never imported (their index entries retired), so the file can be imported again."""
    from secdesk.services.bulk import forget_records

    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        session.exec(delete(Call).where(col(Call.id).in_(chunk)))
        forget_records(session, "call", chunk)


def record_import(session: Session, plan: CallImportPlan, ids: list[int]) -> None:
    """The import's one audit Event (action ``import``), once every call is in."""
    audit.record(
        session,
        "import",
        "call",
        None,
        {
            "source": SOURCE,
            "file_records": plan.file_records,
            "added": len(ids),
            "already": plan.file_records - len(ids),
            "ids": ids if len(ids) <= LISTED_IDS else [ids[0], ids[-1]],
        },
    )


def report(plan: CallImportPlan, ids: list[int] | None) -> CallImportReport:
    """What the import did (``ids``: the calls added), or would do (None: a preview)."""
    rows = [
        ImportedCall(
            id=call_id,
            at=clock.to_local(v.at),
            direction=v.direction,
            caller=v.caller,
            number=v.number,
            organization=v.organization,
            summary=v.summary,
        )
        for call_id, v in zip(ids or [0] * len(plan.values), plan.values, strict=True)
    ]
    return CallImportReport(
        file_records=plan.file_records,
        added=len(plan.values),
        already=plan.file_records - len(plan.values),
        rows=rows,
        first=plan.first,
        last=plan.last,
    )


def import_calls_asterisk(
    session: Session,
    data: bytes,
    internal_extensions: Iterable[str] = (),
    apply: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> CallImportReport:
    """Add the calls of an Asterisk ``Master.csv`` in the session's one transaction (with
    ``apply=False``, only say what would be added). ``secdesk import calls`` saves a big
    file in batches instead (``plan_calls``, ``save_calls``, ``remove_calls``,
    ``record_import``).

    A record whose ``src`` is one of ``internal_extensions`` is an outgoing call to
    ``dst``; any other is an incoming call from the caller id's number. Times in the file
    are local (Asterisk's default) and stored as UTC. The caller is the caller id's name,
    else the matched contact's name (for an outgoing call, the contact's name only).

    All or nothing: the whole file is read first, so a malformed line (``CdrError``, which
    names the line) adds no call. Records already imported (even if later deleted) are
    skipped. The calls are inserted in batches with one audit Event (action ``import``);
    ``progress(done, total)`` is told the calls inserted so far."""
    plan = plan_calls(session, data, internal_extensions)
    if not apply or not plan.values:
        return report(plan, None)
    ids: list[int] = []
    for start in range(0, len(plan.values), CHUNK):
        ids.extend(save_calls(session, plan.values[start : start + CHUNK]))
        if progress is not None:
            progress(len(ids), len(plan.values))
    record_import(session, plan, ids)
    return report(plan, ids)


def import_in_batches(
    store: Store,
    data: bytes,
    internal_extensions: Iterable[str] = (),
    source: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> CallImportReport:
    """``import_calls_asterisk`` for a file of any size (a phone system's year): read and
    checked first, then saved in short transactions (``Store.write_batches``), so a call
    logged meanwhile is saved at once; all or nothing as the user sees it (a failure or
    Ctrl+C takes back the batches written); the calls carry the import's id (``source``:
    the file), so it can be taken back whole."""
    plan = store.run(plan_calls, data, internal_extensions)
    ids = store.write_batches(
        plan.values,
        save_calls,
        remove_calls,
        lambda session, ids: record_import(session, plan, ids),
        progress,
        kind="call",
        source=source,
    )
    return report(plan, ids)
