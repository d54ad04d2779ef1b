"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

操作记录: the audit trail.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from secdesk.calendar.clock import now_utc


class Event(SQLModel, table=True):
    """One change: who did what to which record, and the record's values after it."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=now_utc, index=True)
    actor: str = ""
    """Who made the change: the desk's ``[office] user`` (or ``SECDESK_USER``), else their
    login name."""
    action: str
    """create, update, delete, restore, import."""
    entity: str = Field(index=True)
    """The table, e.g. call."""
    entity_id: int | None = Field(default=None, index=True)
    data: str = ""
    """JSON: the changed fields (update: {field: [old, new]}; otherwise the values)."""
