"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

值班日志 / 交接班: the day's diary and the handover note.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Field

from secdesk.models.base import Record


class DutyLog(Record, table=True):
    """What the person on duty wrote about one local day (the day's records are not copied
    here: they are read from the calls, visits, documents and meetings of that day)."""

    day: date = Field(unique=True, index=True)
    """The local day this log is for; one log per day."""
    notes: str = ""
    """Free notes of the day (值班记事)."""
    handover: str = ""
    """What the next person on duty needs to know (交接事项)."""
    on_duty: str = ""
    """Who was on duty (值班人)."""
