"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

收文 and 发文: documents received and issued by the organ, their circulation and filing.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from secdesk.models.base import Classification, Imported, Record, Urgency


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


class IncomingDocument(Imported, table=True):
    __table_args__ = (UniqueConstraint("year", "serial", name="uq_incoming_receipt"),)

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
    due_spec: str = ""
    """The limit as typed when it is a span counted from a day (``20wd@2026-12-05``), so a
    provisional one is counted again when the year's calendar is entered; "" for a date."""
    sender_due: date | None = None
    """The sender's own time limit, kept when the Assign step sets another one."""
    status: str = Field(default=IncomingStatus.registered, index=True)
    proposed_handling: str = ""
    """拟办意见."""
    instruction: str = ""
    """批办意见 (the leader's instruction)."""
    undertaking_unit: str = ""
    completed_at: datetime | None = None
    attachments: str = ""
    """附件: what came with it (a note, e.g. "2 annexes")."""
    assisting_units: str = ""
    """协办单位, besides the undertaking unit."""
    instructed_by: str = ""
    """The leader who gave the instruction (批办)."""
    instructed_at: datetime | None = None
    result: str = ""
    """办理结果: how it was completed."""
    return_reason: str = ""
    """Why it was returned to the sender (退文)."""

    @property
    def receipt_number(self) -> str:
        """收文号 as shown: year and running number."""
        return f"{self.year}-{self.serial:04d}"

    @property
    def declassify_on(self) -> date | None:
        """The day its classification lapses: received + the secrecy period."""
        return declassify_on(self.classification, self.secrecy_years, self.received_at)


#: 保密期限 by 密级 when none is given (years).
SECRECY_DEFAULTS = {"confidential": 10, "secret": 20, "top_secret": 30}
#: The classifications whose titles are masked until revealed.
MASKED_CLASSIFICATIONS = frozenset(SECRECY_DEFAULTS)


def declassify_on(classification: str, years: int | None, start: datetime | date) -> date | None:
    """The day a classified document's secrecy period ends (None when not classified)."""
    if classification not in SECRECY_DEFAULTS:
        return None
    years = years or SECRECY_DEFAULTS[classification]
    day = start.date() if isinstance(start, datetime) else start
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class OutgoingStatus(StrEnum):
    """发文办理 steps (公文处理工作条例)."""

    drafted = "drafted"
    reviewed = "reviewed"
    signed_off = "signed_off"
    checked = "checked"
    registered = "registered"
    printed = "printed"
    dispatched = "dispatched"
    filed = "filed"
    voided = "voided"
    """Its number was voided: final (the draft may be given a new number as a new entry)."""


class OutgoingDocument(Imported, table=True):
    """发文: a document the organ issues. Its 发文字号 is allocated at registration."""

    title: str
    doc_type: str = "通知"
    """文种: one of the 15 types."""
    classification: str = Field(default=Classification.none)
    secrecy_years: int | None = None
    urgency: str = Field(default=Urgency.normal)
    status: str = Field(default=OutgoingStatus.drafted, index=True)
    drafted_by: str = ""
    """拟稿人 (or the drafting unit)."""
    drafted_at: datetime = Field(index=True)
    """UTC: when it was registered at the desk as a draft."""
    reviewed_by: str = ""
    """核稿人."""
    signed_off_by: str = ""
    """签发人."""
    signed_off_on: date | None = None
    prefix: str = Field(default="", index=True)
    """机关代字, e.g. 某府发."""
    year: int | None = Field(default=None, index=True)
    """The year of its number (None until registered)."""
    serial: int | None = None
    """The running number within prefix and year (None until registered)."""
    doc_number: str = Field(default="", index=True)
    """发文字号 as printed: 某府发〔2026〕3号."""
    registered_at: datetime | None = None
    copies: int = 1
    main_recipients: str = ""
    """主送."""
    cc_recipients: str = ""
    """抄送."""
    printed_at: datetime | None = None
    dispatched_at: datetime | None = None
    reply_to_id: int | None = Field(default=None, foreign_key="incomingdocument.id", index=True)
    """The incoming document this one answers (复文)."""
    voided_at: datetime | None = None
    """Its number was voided: it stays in the register, never reused."""
    void_reason: str = ""
    replaces_id: int | None = Field(default=None, foreign_key="outgoingdocument.id", index=True)
    """The entry whose voided number this one's new number replaces."""

    @property
    def declassify_on(self) -> date | None:
        start = self.signed_off_on or self.drafted_at
        return declassify_on(self.classification, self.secrecy_years, start)


class Circulation(Record, table=True):
    """传阅: one reader an incoming document was passed to, and when it came back."""

    incoming_id: int = Field(foreign_key="incomingdocument.id", index=True)
    reader: str
    """To whom it was passed."""
    since: datetime
    """UTC: when the reader got it."""
    read_at: datetime | None = None
    returned_at: datetime | None = None
    note: str = ""


class Retention(StrEnum):
    """保管期限."""

    permanent = "permanent"
    years30 = "30y"
    years10 = "10y"


class ArchiveEntry(Record, table=True):
    """归档: a filed document with its year, retention period and item number (件号)."""

    __table_args__ = (UniqueConstraint("year", "retention", "item_number", name="uq_archive_item"),)

    kind: str = Field(index=True)
    """incoming or outgoing."""
    record_id: int = Field(index=True)
    year: int = Field(index=True)
    """归档年度."""
    retention: str = Field(default=Retention.years10)
    item_number: int
    """件号: running number within year and retention period."""
    filed_at: datetime
    """UTC."""
    doc_number: str = ""
    """The document's number (来文字号 or 发文字号), copied for the catalogue."""
    title: str = ""
    responsible: str = ""
    """责任者: who issued it (the sender or the organ)."""
    doc_date: date | None = None
    classification: str = Field(default=Classification.none)
    copies: int = 1
