"""The tables and columns the lean read uses, and their rows read as the ORM would give
them (``Record``: the columns as attributes, times as aware UTC, days as dates, flags as
bools), so the panels' code reads them as it reads a model.

A table marked ``whole`` lists every field of its model in the model's order (a record's
values for scripts, ``Row.values``, are all of them); ``tests/unit/test_lean_read.py``
checks each name and type against the models, so a column added, renamed or retyped there
fails the test until it is added here too.

Wing: office/lean. Standard library only (and the kinds' declarations).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from secdesk.calendar import clock
from secdesk.kinds import get
from secdesk.services.patterns import masked_when

TEXT, INT, FLAG, DAY, MOMENT = "text", "int", "flag", "day", "moment"
#: Columns a record's values for scripts leave out (as ``RecordService.json_values``).
UNSHOWN = ("created_at", "updated_at", "deleted_at", "import_id")
_STAMPS = (("created_at", MOMENT), ("updated_at", MOMENT), ("deleted_at", MOMENT), ("version", INT))


def _decode(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == MOMENT:
        # SQLite holds UTC without its zone ("2026-12-06 08:30:00.000000").
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    if kind == DAY:
        return date.fromisoformat(value)
    if kind == FLAG:
        return bool(value)
    return value


class Record:
    """One row: its columns as attributes, decoded as the model's types are."""

    def __init__(self, names: tuple[str, ...], values: Sequence[Any]) -> None:
        self._names = names
        self.__dict__.update(zip(names, values, strict=True))

    def __getattr__(self, name: str) -> Any:  # only for a column not read: says so
        raise AttributeError(name)

    def model_dump(self) -> dict[str, Any]:
        """The columns read, in the model's order (``SQLModel.model_dump`` for a whole
        table)."""
        return {name: self.__dict__[name] for name in self._names}


@dataclass(frozen=True)
class Table:
    """A model's table as the lean read knows it."""

    name: str
    """The model's ``__tablename__``."""
    columns: tuple[tuple[str, str], ...]
    """(field, TEXT/INT/FLAG/DAY/MOMENT), in the model's order."""
    whole: bool = True
    """Every field of the model is listed (else only those the panel reads)."""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _kind in self.columns)

    def select(self, conn: sqlite3.Connection, tail: str, *params: Any) -> list[Record]:
        """The rows of ``SELECT <columns> FROM <table> <tail>`` (``tail``: WHERE, ORDER
        BY, LIMIT with ``?`` for ``params``)."""
        names = self.names
        kinds = [kind for _name, kind in self.columns]
        sql = f'SELECT {", ".join(names)} FROM "{self.name}" {tail}'
        return [
            Record(names, [_decode(k, v) for k, v in zip(kinds, row, strict=True)])
            for row in conn.execute(sql, params)
        ]

    def count(self, conn: sqlite3.Connection, where: str, *params: Any) -> int:
        row = conn.execute(f'SELECT count(*) FROM "{self.name}" {where}', params).fetchone()
        return int(row[0])


def moment(value: datetime) -> str:
    """A time as SQLite holds it (UTC, no zone), for comparing with a column."""
    return f"{clock.to_utc(value):%Y-%m-%d %H:%M:%S.%f}"


def json_values(
    kind_name: str, record: Record, protected: set[str] | None = None
) -> dict[str, Any]:
    """The record's values for scripts, as ``RecordService.json_values`` gives them: the
    masked fields left out (``protected``: the kind's own rule, else its ``mask_when``)."""
    kind = get(kind_name)
    if protected is None:
        protected = {n for n in masked_when(kind.search, record) if n in record.model_dump()}
    masked = set(kind.search.masked) | protected
    out: dict[str, Any] = {}
    for key, value in record.model_dump().items():
        if key in masked or key in UNSHOWN:
            continue
        if isinstance(value, datetime):
            value = clock.to_local(value).isoformat()
        elif isinstance(value, date):
            value = value.isoformat()
        out[key] = value
    return out


CALL = Table(
    "call",
    (
        *_STAMPS,
        ("id", INT),
        ("import_id", INT),
        ("at", MOMENT),
        ("direction", TEXT),
        ("caller", TEXT),
        ("number", TEXT),
        ("organization", TEXT),
        ("contact_id", INT),
        ("summary", TEXT),
        ("message_for", TEXT),
        ("follow_up", FLAG),
        ("message_status", TEXT),
        ("duration_s", INT),
        ("source", TEXT),
        ("external_id", TEXT),
    ),
)
VISIT = Table(
    "visit",
    (
        *_STAMPS,
        ("id", INT),
        ("name", TEXT),
        ("organization", TEXT),
        ("id_number", TEXT),
        ("phone", TEXT),
        ("host", TEXT),
        ("purpose", TEXT),
        ("arrived_at", MOMENT),
        ("left_at", MOMENT),
        ("badge", TEXT),
        ("contact_id", INT),
    ),
)
INCOMING = Table(
    "incomingdocument",
    (
        *_STAMPS,
        ("id", INT),
        ("import_id", INT),
        ("year", INT),
        ("serial", INT),
        ("received_at", MOMENT),
        ("sender", TEXT),
        ("doc_number", TEXT),
        ("title", TEXT),
        ("doc_type", TEXT),
        ("classification", TEXT),
        ("secrecy_years", INT),
        ("urgency", TEXT),
        ("copies", INT),
        ("due", DAY),
        ("due_spec", TEXT),
        ("sender_due", DAY),
        ("status", TEXT),
        ("proposed_handling", TEXT),
        ("instruction", TEXT),
        ("undertaking_unit", TEXT),
        ("completed_at", MOMENT),
        ("attachments", TEXT),
        ("assisting_units", TEXT),
        ("instructed_by", TEXT),
        ("instructed_at", MOMENT),
        ("result", TEXT),
        ("return_reason", TEXT),
    ),
)
SUPERVISION = Table(
    "supervisionitem",
    (
        *_STAMPS,
        ("id", INT),
        ("title", TEXT),
        ("content", TEXT),
        ("origin", TEXT),
        ("source", TEXT),
        ("source_kind", TEXT),
        ("source_id", INT),
        ("undertaking_unit", TEXT),
        ("assisting_units", TEXT),
        ("responsible", TEXT),
        ("assigned_on", DAY),
        ("due", DAY),
        ("due_spec", TEXT),
        ("original_due", DAY),
        ("extension_reason", TEXT),
        ("feedback_cycle", TEXT),
        ("progress", INT),
        ("last_feedback_on", DAY),
        ("urge_count", INT),
        ("status", TEXT),
        ("closed_at", MOMENT),
        ("notes", TEXT),
        ("call_id", INT),
    ),
)
PETITION = Table(
    "petition",
    (
        *_STAMPS,
        ("id", INT),
        ("channel", TEXT),
        ("category", TEXT),
        ("petitioner", TEXT),
        ("representatives", TEXT),
        ("group_size", INT),
        ("phone", TEXT),
        ("address", TEXT),
        ("content", TEXT),
        ("facts", TEXT),
        ("received_at", MOMENT),
        ("reply_due", DAY),
        ("accepted_on", DAY),
        ("complete_due", DAY),
        ("extended", FLAG),
        ("extension_reason", TEXT),
        ("handling_unit", TEXT),
        ("unit_due", DAY),
        ("unit_due_spec", TEXT),
        ("reply", TEXT),
        ("replied_on", DAY),
        ("response", TEXT),
        ("review_requested_on", DAY),
        ("review_due", DAY),
        ("review_round", INT),
        ("status", TEXT),
        ("closed_at", MOMENT),
        ("call_id", INT),
    ),
)
TASK = Table(
    "task",
    (
        *_STAMPS,
        ("id", INT),
        ("title", TEXT),
        ("notes", TEXT),
        ("assigned_by", TEXT),
        ("due", DAY),
        ("due_spec", TEXT),
        ("priority", TEXT),
        ("status", TEXT),
        ("done_at", MOMENT),
        ("call_id", INT),
    ),
)
MEETING = Table(
    "meeting",
    (
        ("deleted_at", MOMENT),
        ("id", INT),
        ("title", TEXT),
        ("starts_at", MOMENT),
        ("ends_at", MOMENT),
        ("meeting_type", TEXT),
        ("location", TEXT),
        ("chair", TEXT),
        ("cancelled", FLAG),
        ("rrule", TEXT),
        ("series_id", INT),
        ("occurrence_start", MOMENT),
        ("timezone", TEXT),
        ("all_day", FLAG),
    ),
    whole=False,
)
CHECKLIST = Table(
    "checklistitem", (("deleted_at", MOMENT), ("meeting_id", INT), ("done", FLAG)), whole=False
)
TABLES = (CALL, VISIT, INCOMING, SUPERVISION, PETITION, TASK, MEETING, CHECKLIST)
