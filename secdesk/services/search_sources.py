"""What search indexes and may show: the sources (each record kind that declares search
fields, and the duty log) and a record's ``View`` (its texts without masked fields).

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from secdesk.calendar import clock
from secdesk.i18n import N_
from secdesk.kinds import Kind, SearchSpec, kinds, on_change, resolve
from secdesk.services.patterns import masked_when


@dataclass(frozen=True)
class Source:
    """Something search indexes: a record kind, or the duty log."""

    name: str
    """The kind's name (``duty`` for the duty log); ``kind:`` uses it."""
    model: str
    """``module:Class`` of its table."""
    title: str
    """English msgid heading its results."""
    spec: SearchSpec
    date_field: str


DUTY = Source(
    name="duty",
    model="secdesk.models.dutylog:DutyLog",
    title=N_("Duty log"),
    spec=SearchSpec(("on_duty", "notes", "handover"), who=("on_duty",), date="day"),
    date_field="day",
)
"""The duty log's notes and handover (one entry per day): not a record kind, but searched."""


def _date_field(kind: Kind) -> str:
    listing_date = kind.listing.date_field if kind.listing else None
    return kind.search.date or kind.report_field or listing_date or "created_at"


@on_change
@cache
def sources() -> dict[str, Source]:
    """Every indexed source by name, in the registry's order, the duty log last."""
    found = {
        kind.name: Source(kind.name, kind.model, kind.title, kind.search, _date_field(kind))
        for kind in kinds()
        if kind.search.indexed and kind.search.fields
    }
    found[DUTY.name] = DUTY
    return found


@on_change
@cache
def by_model() -> dict[type, Source]:
    return {resolve(source.model): source for source in sources().values()}


def masked_fields(spec: SearchSpec, obj: Any) -> set[str]:
    """The fields of ``obj`` that search must never reveal."""
    return set(spec.masked) | masked_when(spec, obj)


def moment_of(value: Any) -> datetime | None:
    """A record's date or time as the UTC moment its entry sorts by."""
    if isinstance(value, datetime):
        return clock.as_utc(value)
    if isinstance(value, date):
        return clock.day_bounds(value)[0]
    return None


def _one_line(value: str, width: int = 80) -> str:
    return " ".join(value.split())[:width]


@dataclass(frozen=True)
class View:
    """A record as search sees it: only what it may show."""

    texts: tuple[str, ...]
    """The search fields' values, masked ones left out."""
    who: tuple[str, ...]
    title: str
    at: datetime | None
    """The UTC moment that places it."""

    @property
    def body(self) -> str:
        return "\n".join(line for text in self.texts for line in text.splitlines() if line.strip())


def view_of(source: Source, obj: Any, extra: Iterable[str] = ()) -> View | None:
    """What search may know of a record (None for a deleted one); ``extra``: the texts of
    its child rows (``SearchSpec.children``)."""
    if getattr(obj, "deleted_at", None) is not None:
        return None
    spec = source.spec
    masked = masked_fields(spec, obj)

    def value(name: str) -> str:
        if name in masked:
            return ""
        found = getattr(obj, name, "")
        return "" if found is None else str(found)

    texts = tuple(value(name) for name in spec.fields) + tuple(extra)
    title = value(spec.title) if spec.title else ""
    if not title.strip():
        title = next((text for text in texts if text.strip()), "")
    return View(
        texts=texts,
        who=tuple(v for v in (value(name) for name in spec.who) if v.strip()),
        title=_one_line(title),
        at=moment_of(getattr(obj, source.date_field, None)),
    )
