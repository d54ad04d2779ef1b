"""The input dataclasses the forms fill, one per kind that is entered at the desk: what was
typed, already read into dates, times and numbers. A kind's declaration names its class
(``Kind.input``); its service validates and stores it.

No database import here (screens and the command line import it at startup for free).
Wing: services. Must not import office, screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


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


@dataclass
class ContactInput:
    """The fields of the contact form."""

    name: str
    organization: str = ""
    """The organisation's name; a new name creates the Organization."""
    title: str = ""
    relation: str = "other"
    numbers: list[tuple[str, str]] = field(default_factory=list)
    """``(number, label)`` pairs; numbers are stored normalised."""
    email: str = ""
    notes: str = ""
    department: str = ""
    family_name: str = ""
    given_name: str = ""
    middle_name: str = ""
    name_prefix: str = ""
    name_suffix: str = ""


@dataclass
class TaskInput:
    """A temporary task from a leader, or any to-do."""

    title: str
    notes: str = ""
    assigned_by: str = ""
    due: date | None = None
    due_spec: str = ""
    """The time limit as typed (``5wd``), when it was a span."""
    priority: str = "normal"
    status: str = "open"


@dataclass
class InfoReportInput:
    """An information item submitted upward (信息报送)."""

    title: str
    submitted_at: datetime
    text: str = ""
    submitted_to: str = ""
    adopted_level: str = ""
    adopted_on: date | None = None
    notes: str = ""


@dataclass
class InvestigationInput:
    """A research topic (调查研究) and its stages."""

    topic: str
    started_on: date
    outline: str = ""
    stage: str = "preparation"
    investigation_on: date | None = None
    summary_on: date | None = None
    finished_on: date | None = None
    materials: str = ""
    notes: str = ""
    report: str = ""


@dataclass
class SupervisionInput:
    """A matter supervised until it is closed. Its state moves by workflow steps
    (``services.workflow``), not by editing."""

    title: str
    assigned_on: date
    due: date
    content: str = ""
    origin: str = "instruction"
    """Where it came from: instruction, meeting, document, petition, call, superior."""
    source: str = ""
    """The source in words: whose instruction, which meeting or document."""
    source_kind: str = ""
    """The record kind it came from (meeting, incoming, petition, call), if linked."""
    source_id: int | None = None
    undertaking_unit: str = ""
    assisting_units: str = ""
    responsible: str = ""
    due_spec: str = ""
    feedback_cycle: str = "none"
    notes: str = ""


@dataclass
class PetitionInput:
    """A letter, visit, call or online message from the public (信访). Its handling moves
    by workflow steps (accept, transfer, assign, reply, close)."""

    received_at: datetime
    channel: str = "phone"
    category: str = "appeal"
    petitioner: str = ""
    representatives: str = ""
    """A group petition's representatives (at most 5)."""
    group_size: int = 1
    phone: str = ""
    address: str = ""
    content: str = ""
    facts: str = ""
    reply_due: date | None = None
    """Blank: by the 15-day rule from the day received."""


@dataclass
class IncomingInput:
    """收文登记: the fields of the incoming registration form."""

    sender: str
    title: str
    received_at: datetime
    doc_number: str = ""
    """来文字号 as typed: [] or () around the year become 〔〕."""
    doc_type: str = "通知"
    classification: str = "none"
    secrecy_years: int = 0
    """0: the default of the classification (10/20/30 years)."""
    urgency: str = "normal"
    copies: int = 1
    attachments: str = ""
    due: date | None = None
    """办理时限: blank for none."""
    due_spec: str = ""
    """The limit as typed when it is a span (``20wd@2026-12-05``), counted again later."""


@dataclass
class OutgoingInput:
    """发文: the fields of the outgoing registration form (a draft until it is numbered)."""

    title: str
    prefix: str = ""
    """机关代字 its number will carry (某府发, 某府函...)."""
    doc_type: str = "通知"
    classification: str = "none"
    secrecy_years: int = 0
    urgency: str = "normal"
    drafted_by: str = ""
    main_recipients: str = ""
    cc_recipients: str = ""
    copies: int = 1
    reply_to: str = ""
    """The 收文号 (2026-0042) of the incoming document it answers (复文); blank keeps the
    link it has (the form does not show it: ``secdesk log outgoing --reply-to``)."""
    confirmed: tuple[str, ...] | None = None
    """What the user already said yes to where the desk or the terminal asks (``prefix``:
    a new series); None where nobody is asked (an import, the demo)."""


@dataclass
class MeetingInput:
    """A meeting as the meeting form fills it (times already read into aware datetimes)."""

    title: str
    starts_at: datetime
    ends: str = ""
    """The booked end as typed: a time (``16:30``, ``下午4点半``) or a duration (``90m``,
    ``1.5h``, ``2小时``); blank: from the agenda, else not said."""
    meeting_type: str = ""
    location: str = ""
    chair: str = ""
    recorder: str = ""
    participants: list[tuple[str, ...]] = field(default_factory=list)
    """``(name, role, reason)`` rows; the role as typed (出席 / 列席 / 请假, attend /
    observe / excused, blank: attend)."""
    agenda: list[tuple[str, ...]] = field(default_factory=list)
    """``(topic, presenter, minutes)`` rows."""
    materials: str = ""
    notes: str = ""
    rrule: str = ""
    """An RFC 5545 rule (``FREQ=WEEKLY;BYDAY=MO``) or empty for a single meeting."""
