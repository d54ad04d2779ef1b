"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

Shared columns and value sets.

Times are aware UTC datetimes (see ``secdesk.calendar.clock``). Deleting a record sets
``deleted_at`` so the delete can be undone; every query filters such rows out.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from secdesk.calendar.clock import now_utc


class Record(SQLModel):
    """Columns every record carries."""

    created_at: datetime = Field(default_factory=now_utc)
    """When the record was first saved (UTC)."""
    updated_at: datetime = Field(default_factory=now_utc)
    """When the record was last changed (UTC)."""
    deleted_at: datetime | None = None
    """When the record was deleted (UTC); None while it is live. Undo clears it.

    Deliberately not indexed: nearly every row is live, and an index here lures SQLite
    away from the time index that lists and dashboards page by."""
    version: int = 1
    """Bumped by every change (edit, delete, undo): a form saves only over the version it
    was opened on, so a second window never silently overwrites the first."""
    id: int | None = Field(default=None, primary_key=True)
    """The record's number in its table, given when it is first saved (None until then)."""


class Imported(Record):
    """Columns of a record an import may create (calls, contacts, documents, meetings)."""

    import_id: int | None = Field(default=None, index=True)
    """The import (ImportBatch) that created this record; None for one saved by hand."""


class Classification(StrEnum):
    """密级."""

    none = "none"
    internal = "internal"
    confidential = "confidential"
    secret = "secret"
    top_secret = "top_secret"


class Urgency(StrEnum):
    """紧急程度."""

    normal = "normal"
    urgent = "urgent"
    extra_urgent = "extra_urgent"


#: Sort rank: the most urgent first.
URGENCY_RANK = {Urgency.extra_urgent: 0, Urgency.urgent: 1, Urgency.normal: 2}
