"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

临时交办 / 待办: a temporary task assigned by a leader, or any to-do.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field

from secdesk.models.base import Record


class TaskStatus(StrEnum):
    open = "open"
    done = "done"


class TaskPriority(StrEnum):
    high = "high"
    normal = "normal"
    low = "low"


class Task(Record, table=True):
    title: str
    notes: str = ""
    assigned_by: str = ""
    """The leader who assigned it, if any."""
    due: date | None = Field(default=None, index=True)
    due_spec: str = ""
    """The time limit as typed when it was counted (``5wd``), "" for a date."""
    priority: str = Field(default=TaskPriority.normal)
    status: str = Field(default=TaskStatus.open, index=True)
    done_at: datetime | None = None
    call_id: int | None = Field(default=None, foreign_key="call.id", index=True)
    """The telephone call it came from."""
