"""Plain objects the services hand back to screens and the command line. The input
dataclasses the forms fill live in ``services.inputs``.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

No database import here: screens may import this module at startup for free.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from secdesk.calendar.workdays import DayInfo, DayKind


class Colour(StrEnum):
    """Supervision colours."""

    red = "red"
    """Overdue."""
    blue = "blue"
    """Due soon."""
    yellow = "yellow"
    """Behind pace: less done than time used."""
    none = "none"


# -- rows of lists and panels ---------------------------------------------------------------


class Tone(StrEnum):
    """What a cell's look says; screens and the console choose the colours."""

    plain = ""
    muted = "muted"
    strong = "strong"
    flag = "flag"
    """Needs attention (awaiting follow-up, urgent)."""
    alert = "alert"
    """Wrong now (overdue, extra urgent, not signed out)."""
    soon = "soon"
    """Due soon (supervision blue)."""
    behind = "behind"
    """Behind pace (supervision yellow)."""
    secret = "secret"
    """A classification other than unclassified."""


@dataclass(frozen=True)
class Cell:
    """One cell as shown: its text (user text as typed: not markup-safe) and its tone."""

    text: str
    tone: Tone = Tone.plain


@dataclass(frozen=True)
class Row:
    """One record in a list or dashboard panel."""

    kind: str
    id: int
    cells: tuple[Cell, ...]
    values: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """The record's main fields as plain JSON values, for scripts (``secdesk today
    --json``); not compared: the cells are what a person sees."""


@dataclass(frozen=True)
class PanelData:
    """One dashboard panel's rows, how many there are in all, and its notes."""

    id: str
    kind: str
    rows: tuple[Row, ...]
    total: int
    subtitle: str = ""
    """What the panel's lower border says ("2 overdue · 12 in all"), in the interface
    language."""


@dataclass(frozen=True)
class Dashboard:
    """Everything the daily dashboard shows for one local day."""

    day: DayInfo
    panels: tuple[PanelData, ...] = ()
    generation: int = 0
    """The newest audit Event when this was read: every change adds one, so an unchanged
    generation on the same day means an unchanged dashboard."""

    def panel(self, panel_id: str) -> PanelData | None:
        return next((p for p in self.panels if p.id == panel_id), None)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Dashboard:
        """The inverse of ``to_json``."""
        info = data["day"]
        return cls(
            day=DayInfo(
                date.fromisoformat(info["day"]),
                DayKind(info["kind"]),
                info["holiday_name"],
                info["covered"],
            ),
            panels=tuple(
                PanelData(
                    id=p["id"],
                    kind=p["kind"],
                    rows=tuple(
                        Row(
                            kind=r["kind"],
                            id=r["id"],
                            cells=tuple(Cell(c["text"], Tone(c["tone"])) for c in r["cells"]),
                            values=r["values"],
                        )
                        for r in p["rows"]
                    ),
                    total=p["total"],
                    subtitle=p["subtitle"],
                )
                for p in data["panels"]
            ),
            generation=data["generation"],
        )

    def to_json(self) -> dict[str, Any]:
        return plain(asdict(self))


def plain(value: Any) -> Any:
    """``value`` with dates and times as ISO strings, for JSON."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


@dataclass(frozen=True)
class Page:
    """One page of a long list: its rows, where it starts, and how many rows match."""

    rows: list[Any]
    offset: int
    total: int
    opening_row: int | None = None
    """The row the cursor opens on when the list first shows (the meetings list: the next
    meeting from today, not the furthest booked); None: the first."""


@dataclass
class ListFilter:
    """What a list screen narrows its kind's records to; empty means everything."""

    start: date | None = None
    """First local day included."""
    end: date | None = None
    """Last local day included."""
    text: str = ""
    """Matched against the kind's search fields."""
    choices: dict[str, str] = field(default_factory=dict)
    """field -> value, from the list's choice filters ("" or missing: all)."""
    fixed: dict[str, Any] = field(default_factory=dict)
    """field -> value the list is opened on (the calls with one contact)."""
    reveal: bool = False
    """Show what the list masks (classified titles), for this screen only."""


@dataclass(frozen=True)
class DayEntry:
    """One thing that happened on a day, as the duty log lists it."""

    time: datetime
    """Local time."""
    kind: str
    """The record kind it comes from (call, visit...)."""
    text: str
    """What happened, in the interface language (user text as typed: not markup-safe)."""
    label: str = ""
    """What kind of entry it is, as an English msgid (Incoming call, Visitor left...)."""
    record_id: int = 0
    """The record it comes from (Enter opens it)."""
    order: int = 5
    """Among entries of the same minute: lower first (a visitor arrives before leaving)."""
    tone: Tone = Tone.plain


# -- one record ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordDetail:
    """One record for the detail view: its kind, title and labelled fields.

    Labels are English msgids (translated where shown); values are the record's text."""

    kind: str
    id: int
    title: str
    fields: list[tuple[str, str]]
    version: int = 0
    state: str = ""
    """The workflow state, for a kind carried through one ("" otherwise)."""
    next_steps: tuple[str, ...] = ()
    """The workflow steps allowed from the state (their names)."""
    history: list[tuple[str, str]] = field(default_factory=list)
    """(when and who, what they did: a change, or a step and its note), oldest first."""
    protected: bool = False
    """Some fields are hidden (an accuser's identity); the view can reveal them."""


@dataclass(frozen=True)
class Loaded:
    """A saved record as its form's input, and the version it was read at."""

    kind: str
    id: int
    data: Any
    version: int


@dataclass(frozen=True)
class Saved:
    """A record was committed: its kind and id, and whether its caller is a new contact."""

    kind: str
    id: int
    unknown_caller: tuple[str, str, str] | None = None
    """(name, number, organisation) of a caller not in the contact book, to offer adding."""
    already: bool = False
    """Nothing new was written: the record existed (e.g. a task already made from a call)."""
    version: int = 0
    """The record's version after the save."""
    label: str = ""
    """What the record is called (a caller's name, a task's title), for messages."""
    said: str = ""
    """What to tell the user instead of the kind's "saved" toast (a workflow step)."""


@dataclass(frozen=True)
class Undo:
    """What ``records.undo`` needs to take a change back, and how to name it."""

    kind: str
    record_id: int
    action: str
    """restore (a delete), revert (put ``data``'s field values back) or unmerge."""
    label: str
    """What was done, in the interface language: "deleted telephone call 张三"."""
    data: dict[str, Any] = field(default_factory=dict)


class InvalidInput(ValueError):
    """What the user typed cannot be saved; ``field`` says where, the message why (msgid)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class RecordGone(LookupError):
    """The record is not there (deleted, or never was)."""

    def __init__(self, kind: str, record_id: int) -> None:
        super().__init__(f"{kind} {record_id}")
        self.kind = kind
        self.record_id = record_id


class RecordChanged(Exception):
    """Somebody saved the record after the form was opened on it: the save is refused."""

    def __init__(self, kind: str, record_id: int, version: int, actor: str, at: datetime | None):
        super().__init__(f"{kind} {record_id} changed (version {version})")
        self.kind = kind
        self.record_id = record_id
        self.version = version
        self.actor = actor
        """Who saved it last (the desk user the audit trail names), if it says."""
        self.at = at
        """When (local time), if the audit trail says."""


@dataclass(frozen=True)
class ContactMatch:
    """A contact suggested while typing a caller's name or number."""

    id: int
    name: str
    organization: str
    number: str
    title: str = ""


@dataclass(frozen=True)
class Occurrence:
    """One meeting on the calendar: a single meeting, or one occurrence of a recurring one."""

    meeting_id: int
    starts_at: datetime
    """Local time."""
    ends_at: datetime | None
    title: str
    location: str = ""
    chair: str = ""
    meeting_type: str = ""
    recurring: bool = False
    """Computed from a recurrence rule (not a row of its own)."""
    cancelled: bool = False
    all_day: bool = False


@dataclass(frozen=True)
class Conflict:
    """Another meeting at the same time in the same room, or with the same person."""

    what: str
    """``room`` or ``person``."""
    name: str
    """The room or the person."""
    other: Occurrence


@dataclass(frozen=True)
class MinutesLines:
    """The 出席 / 列席 / 请假 lines of the minutes, from the attendance."""

    present: tuple[str, ...]
    observers: tuple[str, ...]
    excused: tuple[tuple[str, str], ...]
    """(name, reason)."""
    absent: tuple[str, ...]
    """Asked to attend but marked as not there (and not excused)."""


# -- the desk-wide search --------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    """One record a search found."""

    kind: str
    """The record kind (call, visit...) or ``duty`` for a day's duty log."""
    id: int
    at: datetime | None
    """The time that places it (local)."""
    title: str
    """What names it (never a masked field); "" when all it has is masked."""
    snippet: str
    """The text around the match, lines joined with " · "."""
    marks: tuple[tuple[int, int], ...] = ()
    """(start, end) offsets in ``snippet`` of what matched the query."""

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "date": self.at.isoformat() if self.at else None,
            "title": self.title,
            "snippet": self.snippet,
        }


@dataclass(frozen=True)
class SearchResult:
    """What a search found: hits newest first (grouped by kind in ``groups``)."""

    query: str
    hits: list[SearchHit]
    problems: tuple[str, ...] = ()
    """Filters of the query that could not be read, as typed (kind:xyz, from:soon)."""
    scanned: bool = False
    """The query had only one-character pieces: answered by scanning, not the index."""
    counts: dict[str, int] = field(default_factory=dict)
    """How many records of each kind the query finds in all (``hits`` is the first page)."""
    counted: bool = True
    """False: ``counts`` were left out (a one-character query asked for its page only)."""

    @property
    def total(self) -> int:
        """How many records the query finds in all, of every kind."""
        return sum(self.counts.values()) if self.counts else len(self.hits)

    def groups(self, order: list[str]) -> list[tuple[str, list[SearchHit]]]:
        """(kind, hits) in the kinds' ``order``, each group newest first."""
        by_kind: dict[str, list[SearchHit]] = {}
        for hit in self.hits:
            by_kind.setdefault(hit.kind, []).append(hit)
        ranked = {name: i for i, name in enumerate(order)}
        return sorted(by_kind.items(), key=lambda item: ranked.get(item[0], len(ranked)))
