"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

办理过程: the steps a record was carried through (assigned, urged, feedback received,
closed…), each with who took it, when and the note, and the record's values before it so
that the step can be undone.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from secdesk.calendar.clock import now_utc


class WorkflowStep(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(index=True)
    """The record kind (supervision, petition, incoming…)."""
    record_id: int = Field(index=True)
    step: str
    """The transition taken (assign, urge, close…)."""
    from_state: str = ""
    to_state: str = ""
    at: datetime = Field(default_factory=now_utc)
    """UTC."""
    actor: str = ""
    """Who took the step: the desk's ``[office] user``, else their login name."""
    note: str = ""
    values: str = "{}"
    """JSON: what the step asked (a unit, a new due date, the progress reported)."""
    before: str = "{}"
    """JSON: the record's fields the step changed, as they were (undo puts them back)."""
    undone_at: datetime | None = None
    """When the step was taken back (UTC); it stays in the log, struck out of the history."""
