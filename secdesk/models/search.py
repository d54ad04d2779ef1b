"""The desk-wide search index: one entry per live record of every indexed kind.

An entry holds only what search may show (masked fields never reach it): the hit's title,
the names ``who:`` matches, and the indexed text itself. The full-text index over it is
the database's own (see ``services.search_backend``); this table is portable SQL.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class SearchEntry(SQLModel, table=True):
    """One record as search sees it; kept in step with the record in the same transaction."""

    __tablename__ = "search_entry"
    __table_args__ = (UniqueConstraint("kind", "record_id", name="uq_search_entry_record"),)

    id: int | None = Field(default=None, primary_key=True)
    """Also the row id of the record's full-text index entry."""
    kind: str = Field(index=True)
    """The record kind (call, visit...) or ``duty`` for a day's duty log."""
    record_id: int
    at: datetime | None = Field(default=None, index=True)
    """The time that places the hit (UTC; a day counts from its local midnight)."""
    title: str = ""
    """What names the hit in the results (never a masked field)."""
    who: str = ""
    """The people named (caller, host, chair...), for ``who:``."""
    body: str = ""
    """The indexed text: the kind's search fields less the masked ones, one per line."""
