"""会议."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from secdesk.models.base import Record


class Meeting(Record, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str
    starts_at: datetime = Field(index=True)
    """UTC."""
    ends_at: datetime | None = None
    location: str = ""
    chair: str = ""
    """主持人."""
    participants: str = ""
    notes: str = ""
    cancelled: bool = False
