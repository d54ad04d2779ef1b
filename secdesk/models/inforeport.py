"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

信息报送: government information edited and submitted upward, and whether it was adopted.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field

from secdesk.models.base import Record


class InfoReport(Record, table=True):
    """One information item (政务信息) submitted to a higher level."""

    title: str
    text: str = ""
    """The item as submitted."""
    submitted_to: str = ""
    """To whom it went: the city's or province's information office, a leader..."""
    submitted_at: datetime = Field(index=True)
    """When it was submitted (UTC)."""
    adopted_level: str = ""
    """The highest level that adopted (采用) it: county, city, province, national; "" while
    it is not adopted."""
    adopted_on: date | None = None
    notes: str = ""
