"""Plain objects the services hand back to screens and the command line.

No database import here: screens may import this module at startup for free.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class DayKind(StrEnum):
    workday = "workday"
    weekend = "weekend"
    holiday = "holiday"
    makeup = "makeup"
    """调休: a weekend day worked to make up for a holiday."""


@dataclass(frozen=True)
class DayInfo:
    day: date
    kind: DayKind
    holiday_name: str | None
    """The holiday this day belongs to (or is made up for), in English as the calendar
    names it: National Day, Spring Festival..."""
    covered: bool
    """False when the official calendar does not cover the year (Monday-Friday assumed)."""


class Colour(StrEnum):
    """Supervision colours."""

    red = "red"
    """Overdue."""
    blue = "blue"
    """Due soon."""
    yellow = "yellow"
    """Behind pace: less done than time used."""
    none = "none"


@dataclass(frozen=True)
class InboxRow:
    id: int
    receipt_number: str
    title: str
    sender: str
    doc_number: str
    urgency: str
    classification: str
    due: date | None
    status: str


@dataclass(frozen=True)
class MeetingRow:
    id: int
    title: str
    starts_at: datetime
    """Local time."""
    location: str


@dataclass(frozen=True)
class CallRow:
    id: int
    at: datetime
    """Local time."""
    direction: str
    caller: str
    number: str
    organization: str
    summary: str
    message_for: str
    awaiting_follow_up: bool


@dataclass(frozen=True)
class SupervisionRow:
    id: int
    title: str
    undertaking_unit: str
    due: date
    days_left: int
    colour: Colour
    progress: int


@dataclass(frozen=True)
class VisitorRow:
    id: int
    name: str
    organization: str
    host: str
    arrived_at: datetime
    """Local time."""
    badge: str
    not_signed_out: bool
    """Arrived before today and never marked left: flagged in the morning."""


@dataclass(frozen=True)
class Dashboard:
    """Everything the daily dashboard shows for one local day."""

    day: DayInfo
    inbox: list[InboxRow] = field(default_factory=list)
    inbox_total: int = 0
    meetings: list[MeetingRow] = field(default_factory=list)
    calls: list[CallRow] = field(default_factory=list)
    calls_total: int = 0
    calls_awaiting: int = 0
    supervision: list[SupervisionRow] = field(default_factory=list)
    supervision_total: int = 0
    supervision_overdue: int = 0
    visitors: list[VisitorRow] = field(default_factory=list)
    visits_today: int = 0

    def to_json(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, datetime | date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, list):
                return [plain(v) for v in value]
            return value

        return plain(asdict(self))


@dataclass(frozen=True)
class RecordDetail:
    """One record for the detail view: its kind, title and labelled fields.

    Labels are English msgids (translated where shown); values are the record's text."""

    kind: str
    id: int
    title: str
    fields: list[tuple[str, str]]
