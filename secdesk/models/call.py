"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

电话记录: one telephone call.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.hybrid import hybrid_property
from sqlmodel import Field

from secdesk.models.base import Imported


class CallDirection(StrEnum):
    incoming = "incoming"
    outgoing = "outgoing"


class MessageStatus(StrEnum):
    """What became of the message the call left."""

    to_pass = "to_pass"
    passed = "passed"
    no_action = "no_action"


class Call(Imported, table=True):
    model_config = {"ignored_types": (hybrid_property,)}

    at: datetime = Field(index=True)
    """When the call began (UTC)."""
    direction: str = Field(default=CallDirection.incoming)
    caller: str = ""
    """The person at the other end (for an outgoing call: whom we called)."""
    number: str = Field(default="", index=True)
    organization: str = ""
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    summary: str = ""
    """What was said."""
    message_for: str = ""
    """Which leader or colleague needs to know."""
    follow_up: bool = False
    """Somebody must act on this call."""
    message_status: str = Field(default=MessageStatus.no_action)
    duration_s: int | None = None
    source: str = "desk"
    """desk (typed here), cli, or the phone system it was imported from."""
    external_id: str | None = Field(default=None, unique=True)
    """The phone system's id for the call, so importing a file twice adds nothing."""

    @hybrid_property
    def awaiting_follow_up(self) -> bool:
        """Somebody must act on the call and its message has not been passed on yet.

        One definition for Python and SQL: on a loaded call it is a bool, in a query
        (``select(Call).where(Call.awaiting_follow_up)``) it is the same condition."""
        return self.follow_up & (self.message_status != MessageStatus.passed)
