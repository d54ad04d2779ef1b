"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

调查研究: a research topic carried through preparation, investigation and summary.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Field

from secdesk.models.base import Record


class Investigation(Record, table=True):
    """One research topic (调研课题) and its three stages."""

    topic: str
    outline: str = ""
    """The research outline (调研提纲)."""
    started_on: date = Field(index=True)
    """When the topic was set: the preparation stage began."""
    stage: str = "preparation"
    """preparation (准备), investigation (实施), summary (总结), done (report written)."""
    investigation_on: date | None = None
    """When the investigation itself began (visits, interviews, questionnaires)."""
    summary_on: date | None = None
    """When the summary stage began."""
    finished_on: date | None = None
    """When the report was done."""
    materials: str = ""
    """Materials gathered (one per line)."""
    notes: str = ""
    report: str = ""
    """The research report (调研报告), or where it is kept."""
