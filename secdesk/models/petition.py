"""信访: a letter, visit, call or online message from the public."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field

from secdesk.models.base import Record


class PetitionChannel(StrEnum):
    letter = "letter"
    visit = "visit"
    phone = "phone"
    online = "online"


class PetitionStatus(StrEnum):
    registered = "registered"
    accepted = "accepted"
    replied = "replied"
    completed = "completed"


class Petition(Record, table=True):
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(default=PetitionChannel.phone)
    petitioner: str = ""
    phone: str = ""
    content: str = ""
    received_at: datetime = Field(index=True)
    """UTC."""
    reply_due: date = Field(index=True)
    """Decide whether to accept and tell the petitioner by this day (信访工作条例 art. 22:
    15 days, the first day not counted, moved to the next working day)."""
    status: str = Field(default=PetitionStatus.registered, index=True)
    call_id: int | None = Field(default=None, foreign_key="call.id", index=True)
    """The telephone call it came from."""
