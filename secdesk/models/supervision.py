"""督查督办: matters supervised until closed."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field

from secdesk.models.base import Record


class SupervisionStatus(StrEnum):
    open = "open"
    closed = "closed"


class SupervisionItem(Record, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str
    source: str = ""
    """Where it came from: a leader's instruction, a meeting decision, a document."""
    undertaking_unit: str = ""
    responsible: str = ""
    assigned_on: date
    due: date = Field(index=True)
    progress: int = 0
    """Percent done, as last reported (0-100)."""
    status: str = Field(default=SupervisionStatus.open, index=True)
    closed_at: datetime | None = None
    notes: str = ""
    call_id: int | None = Field(default=None, foreign_key="call.id", index=True)
    """The telephone call it came from, if any."""
