"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

The desk-wide search index: one entry per live record of every indexed kind.

The entry's id is also its row in the full-text index (``services.search_backend``) and
sorts by time: ``services.search.sort_key`` (minutes since 2000 times 16, plus a serial),
so the index itself answers "newest first". The full-text index keeps only the terms'
positions (what search may show: masked fields never reach it); the text shown in results
is read from the records.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


class SearchEntry(SQLModel, table=True):
    """A record's place in the search index; changed in the same transaction as the record."""

    __tablename__ = "search_entry"
    __table_args__ = (UniqueConstraint("kind", "record_id", name="uq_search_entry_record"),)

    id: int | None = Field(default=None, primary_key=True)
    """The sort key (see the module); never reused, so terms indexed under an old key can
    never attach to a new entry."""
    kind: str
    """The record kind (call, visit...) or ``duty`` for a day's duty log."""
    record_id: int | None = None
    """The record; None once the entry is superseded by a newer one (a change) or the
    record was deleted (``secdesk reindex`` clears such entries)."""
    stamp: int = Field(default=0, sa_type=Integer().with_variant(BigInteger(), "postgresql"))
    """A checksum of what was indexed, so saving a record unchanged re-indexes nothing."""
