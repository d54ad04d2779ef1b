"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

来访登记: one visitor.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from secdesk.models.base import Record


class Visit(Record, table=True):
    name: str
    organization: str = ""
    id_number: str = ""
    """Identity document number (optional); shown masked but for the last 4 characters."""
    phone: str = ""
    host: str = ""
    """Whom they visit."""
    purpose: str = ""
    arrived_at: datetime = Field(index=True)
    """UTC."""
    left_at: datetime | None = Field(default=None, index=True)
    """UTC; None while they are in the building."""
    badge: str = ""
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
