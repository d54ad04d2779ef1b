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
    generation: int = 0
    """The newest audit Event when this was read: every change adds one, so an unchanged
    generation on the same day means an unchanged dashboard."""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Dashboard:
        """The inverse of ``to_json``."""

        def day(value: str | None) -> date | None:
            return date.fromisoformat(value) if value else None

        def moment(value: str) -> datetime:
            return datetime.fromisoformat(value)

        info = data["day"]
        return cls(
            day=DayInfo(
                date.fromisoformat(info["day"]),
                DayKind(info["kind"]),
                info["holiday_name"],
                info["covered"],
            ),
            inbox=[InboxRow(**{**r, "due": day(r["due"])}) for r in data["inbox"]],
            inbox_total=data["inbox_total"],
            meetings=[
                MeetingRow(**{**r, "starts_at": moment(r["starts_at"])}) for r in data["meetings"]
            ],
            calls=[CallRow(**{**r, "at": moment(r["at"])}) for r in data["calls"]],
            calls_total=data["calls_total"],
            calls_awaiting=data["calls_awaiting"],
            supervision=[
                SupervisionRow(
                    **{**r, "due": date.fromisoformat(r["due"]), "colour": Colour(r["colour"])}
                )
                for r in data["supervision"]
            ],
            supervision_total=data["supervision_total"],
            supervision_overdue=data["supervision_overdue"],
            visitors=[
                VisitorRow(**{**r, "arrived_at": moment(r["arrived_at"])}) for r in data["visitors"]
            ],
            visits_today=data["visits_today"],
            generation=data["generation"],
        )

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


class InvalidInput(ValueError):
    """What the user typed cannot be saved; ``field`` says where, the message why (msgid)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class CallInput:
    """The fields of the call form, as typed (times already read into aware datetimes)."""

    at: datetime
    direction: str = "incoming"
    caller: str = ""
    number: str = ""
    organization: str = ""
    summary: str = ""
    message_for: str = ""
    follow_up: bool = False
    message_status: str = "no_action"
    contact_id: int | None = None


@dataclass
class VisitInput:
    """The fields of the visitor form."""

    name: str
    arrived_at: datetime
    organization: str = ""
    phone: str = ""
    id_number: str = ""
    host: str = ""
    purpose: str = ""
    badge: str = ""
    left_at: datetime | None = None


@dataclass(frozen=True)
class Saved:
    """A record was committed: its kind and id, and whether its caller is a new contact."""

    kind: str
    id: int
    unknown_caller: tuple[str, str, str] | None = None
    """(name, number, organisation) of a caller not in the contact book, to offer adding."""
    already: bool = False
    """Nothing new was written: the record existed (e.g. a task already made from a call)."""


@dataclass(frozen=True)
class ContactMatch:
    """A contact suggested while typing a caller's name or number."""

    id: int
    name: str
    organization: str
    number: str
    title: str = ""


@dataclass(frozen=True)
class Page:
    """One page of a long list: its rows, where it starts, and how many rows match."""

    rows: list[Any]
    offset: int
    total: int
