"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

导入批次: one import of a file (calls from a phone system, a register, contacts, meetings).
Every record an import creates carries its batch's id (``import_id``), so the import can
be taken back as a whole.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from secdesk.calendar.clock import now_utc


class ImportBatch(SQLModel, table=True):
    """One import of a file, from its first saved row to its end."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    """The record kind it adds: call, incoming, outgoing, contact, meeting."""
    source: str = ""
    """The file it read (its name as the user gave it)."""
    actor: str = ""
    """Who imported it: the desk's ``[office] user``, else their login name."""
    started_at: datetime = Field(default_factory=now_utc)
    """When its first batch was saved (UTC)."""
    finished_at: datetime | None = None
    """When its last batch was saved (UTC); None while it runs, and for good when its
    process was killed half-way (``doctor`` offers to remove what it wrote)."""
    pid: int | None = None
    """The importing process (an unfinished batch whose process is gone was killed)."""
    host: str = ""
    """The machine of that process (a pid means nothing on another one)."""
    rows: int = 0
    """How many records it added."""
    undone_at: datetime | None = None
    """When it was taken back as a whole (UTC); None while its records stand."""
