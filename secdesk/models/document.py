"""收文: documents received by the organ, and their handling."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from secdesk.models.base import Classification, Record, Urgency


class IncomingStatus(StrEnum):
    """收文办理 steps (公文处理工作条例)."""

    signed_in = "signed_in"
    registered = "registered"
    screened = "screened"
    proposed = "proposed"
    instructed = "instructed"
    undertaking = "undertaking"
    circulating = "circulating"
    completed = "completed"
    filed = "filed"
    returned = "returned"


#: A document in one of these states needs nothing more from the desk.
CLOSED_INCOMING = (IncomingStatus.completed, IncomingStatus.filed, IncomingStatus.returned)


class IncomingDocument(Record, table=True):
    __table_args__ = (UniqueConstraint("year", "serial", name="uq_incoming_receipt"),)

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    """The register's year."""
    serial: int
    """收文号 within the year."""
    received_at: datetime = Field(index=True)
    """UTC."""
    sender: str = ""
    """来文机关."""
    doc_number: str = ""
    """发文字号 of the sender, e.g. 某府发〔2026〕3号."""
    title: str
    doc_type: str = "通知"
    """文种: one of the 15 types."""
    classification: str = Field(default=Classification.none)
    secrecy_years: int | None = None
    urgency: str = Field(default=Urgency.normal)
    copies: int = 1
    due: date | None = Field(default=None, index=True)
    """办理时限."""
    status: str = Field(default=IncomingStatus.registered, index=True)
    proposed_handling: str = ""
    """拟办意见."""
    instruction: str = ""
    """批办意见 (the leader's instruction)."""
    undertaking_unit: str = ""
    completed_at: datetime | None = None

    @property
    def receipt_number(self) -> str:
        """收文号 as shown: year and running number."""
        return f"{self.year}-{self.serial:04d}"
