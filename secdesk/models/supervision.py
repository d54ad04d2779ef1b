"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

督查督办: matters supervised until closed.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field

from secdesk.models.base import Record


class SupervisionStatus(StrEnum):
    """The lifecycle: registered → assigned → (urged) → feedback received → reviewed →
    closed (销号), or sent back for redo."""

    registered = "registered"
    assigned = "assigned"
    urged = "urged"
    feedback = "feedback"
    reviewed = "reviewed"
    sent_back = "sent_back"
    closed = "closed"


class SupervisionOrigin(StrEnum):
    """Where a supervised matter came from."""

    instruction = "instruction"
    """领导批示."""
    meeting = "meeting"
    """会议议定事项."""
    document = "document"
    """文件."""
    petition = "petition"
    """信访."""
    call = "call"
    """来电."""
    superior = "superior"
    """上级交办."""


class FeedbackCycle(StrEnum):
    none = "none"
    weekly = "weekly"
    monthly = "monthly"
    quarterly = "quarterly"


class SupervisionItem(Record, table=True):
    title: str
    content: str = ""
    """What is to be done, in full."""
    origin: str = Field(default=SupervisionOrigin.instruction)
    source: str = ""
    """The source in words: whose instruction, which meeting or document."""
    source_kind: str = ""
    """The record kind it came from (meeting, incoming, petition, call), if linked."""
    source_id: int | None = None
    undertaking_unit: str = ""
    """牵头单位: the lead unit."""
    assisting_units: str = ""
    """协办单位, separated by 、 or commas."""
    responsible: str = ""
    assigned_on: date = Field(index=True)
    """The day it was assigned; search results sort by it."""
    due: date = Field(index=True)
    due_spec: str = ""
    """The time limit as typed when it was counted (``10wd``), so a provisional deadline
    can be counted again once the year's holidays are known; "" for a date."""
    original_due: date | None = None
    """The first due date, kept when the time limit is extended."""
    extension_reason: str = ""
    feedback_cycle: str = Field(default=FeedbackCycle.none)
    """For long tasks: how often the unit reports progress."""
    progress: int = 0
    """Percent done, as last reported (0-100)."""
    last_feedback_on: date | None = None
    urge_count: int = 0
    status: str = Field(default=SupervisionStatus.registered, index=True)
    closed_at: datetime | None = None
    notes: str = ""
    call_id: int | None = Field(default=None, foreign_key="call.id", index=True)
    """The telephone call it came from, if any."""
