"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

信访: a letter, visit, call or online message from the public.
"""

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


class PetitionCategory(StrEnum):
    """信访事项的类别 (信访工作条例 art. 31)."""

    suggestion = "suggestion"
    """建议意见."""
    accusation = "accusation"
    """检举控告: whoever reports is protected; their identity is masked everywhere."""
    appeal = "appeal"
    """申诉求决."""


class PetitionStatus(StrEnum):
    registered = "registered"
    """登记: to be decided (accept, transfer or decline) within 15 days."""
    accepted = "accepted"
    """受理: to be completed within 60 days (extendable once by up to 30)."""
    transferred = "transferred"
    """转送 to the competent unit."""
    assigned = "assigned"
    """交办 to a unit with a time limit."""
    declined = "declined"
    """不予受理 (the petitioner was told why)."""
    replied = "replied"
    """答复 given: the petitioner may ask for a review within 30 days."""
    review = "review"
    """复查 / 复核 asked for: answered within 30 days."""
    closed = "closed"


#: States in which no clock is running.
CLOSED_PETITION = (PetitionStatus.closed, PetitionStatus.declined)


class Petition(Record, table=True):
    channel: str = Field(default=PetitionChannel.phone)
    category: str = Field(default=PetitionCategory.appeal)
    petitioner: str = ""
    representatives: str = ""
    """A group petition's representatives (at most 5), one per line or separated by 、."""
    group_size: int = 1
    """How many came or signed (1 for one person)."""
    phone: str = ""
    address: str = ""
    content: str = ""
    """The request (诉求)."""
    facts: str = ""
    """Facts and reasons."""
    received_at: datetime = Field(index=True)
    """UTC."""
    reply_due: date = Field(index=True)
    """Decide whether to accept and tell the petitioner by this day (信访工作条例 art. 22:
    15 days, the first day not counted, moved to the next working day)."""
    accepted_on: date | None = None
    complete_due: date | None = Field(default=None, index=True)
    """Complete within 60 days of acceptance (art. 34), later if extended."""
    extended: bool = False
    """The one extension (at most 30 days) was granted."""
    extension_reason: str = ""
    handling_unit: str = ""
    """The unit it was transferred (转送) or assigned (交办) to."""
    unit_due: date | None = None
    """The time limit given to that unit."""
    unit_due_spec: str = ""
    """That limit as typed when it is a span (``10wd@2026-12-01``), counted again when a
    year's calendar is entered; "" for a date."""
    reply: str = ""
    """The written answer (答复意见)."""
    replied_on: date | None = None
    response: str = ""
    """The petitioner's response to the answer (satisfied, asks for review…)."""
    review_requested_on: date | None = None
    review_due: date | None = None
    """A review (复查) or re-review (复核) must be answered by this day."""
    review_round: int = 0
    """0 none, 1 复查, 2 复核."""
    status: str = Field(default=PetitionStatus.registered, index=True)
    closed_at: datetime | None = None
    call_id: int | None = Field(default=None, foreign_key="call.id", index=True)
    """The telephone call it came from."""
