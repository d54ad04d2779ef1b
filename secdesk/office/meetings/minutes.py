"""After the meeting: the minutes (overview and decisions, one per line) and a decision
made into a supervision item, linked both ways.

Wing: office/meetings. Must not import screens, widgets, app, cli, care or demo; of
this package only ``record`` and ``checklist``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from secdesk.calendar import clock
from secdesk.i18n import N_, _
from secdesk.models import Decision
from secdesk.office.meetings import record
from secdesk.office.meetings.checklist import minutes_lines
from secdesk.services import audit
from secdesk.services.views import InvalidInput, MinutesLines, RecordGone, Saved


@dataclass(frozen=True)
class MinutesView:
    """A meeting's minutes as the editor and the exports show them."""

    meeting_id: int
    version: int
    title: str
    starts_at: datetime
    location: str
    chair: str
    recorder: str
    overview: str
    decisions: tuple[tuple[int, str, str, date | None, int | None], ...]
    """(id, text, undertaking unit, due, supervision item id)."""
    lines: MinutesLines
    agenda: tuple[tuple[str, str, int], ...]
    participants: tuple[tuple[int, str, str, str, bool | None], ...]
    """(id, name, role, reason, attended)."""
    checklist: tuple[tuple[int, str, bool], ...]
    materials: str = ""
    meeting_type: str = ""
    ends_at: datetime | None = None


def minutes_view(session: Session, meeting_id: int) -> MinutesView:
    meeting = record.SERVICE.get(session, meeting_id)
    return MinutesView(
        meeting_id,
        meeting.version,
        meeting.title,
        clock.to_local(meeting.starts_at),
        meeting.location,
        meeting.chair,
        meeting.recorder,
        meeting.overview,
        tuple(
            (d.id or 0, d.text, d.undertaking_unit, d.due, d.supervision_id)
            for d in record.decisions_of(session, meeting_id)
        ),
        minutes_lines(session, meeting_id),
        tuple((a.title, a.presenter, a.minutes) for a in record.agenda_of(session, meeting_id)),
        tuple(
            (p.id or 0, p.name, p.role, p.reason, p.attended)
            for p in record.participants_of(session, meeting_id)
        ),
        tuple((c.id or 0, c.label, c.done) for c in record.checklist_of(session, meeting_id)),
        meeting.materials,
        meeting.meeting_type,
        clock.to_local(meeting.ends_at) if meeting.ends_at else None,
    )


def save_minutes(
    session: Session,
    meeting_id: int,
    overview: str,
    decisions: Sequence[str],
    seen_version: int | None = None,
) -> Saved:
    """Save the minutes' overview and decisions (one per line, in order). A decision whose
    text is unchanged keeps its undertaking unit, due date and supervision item."""
    meeting = record.SERVICE.for_update(session, meeting_id, seen_version)
    old = record.decisions_of(session, meeting_id)
    texts = [t.strip() for t in decisions if t.strip()]
    by_text: dict[str, list[Decision]] = {}
    for d in old:
        by_text.setdefault(d.text, []).append(d)
    kept: list[Decision] = []
    for position, text in enumerate(texts):
        same = by_text.get(text)
        if same:
            d = same.pop(0)
            d.position = position
            session.add(d)
        else:
            d = Decision(meeting_id=meeting_id, position=position, text=text)
            session.add(d)
        kept.append(d)
    gone = [d for d in old if d not in kept]
    for d in gone:
        d.deleted_at = clock.now_utc()
        session.add(d)
    extra = {}
    if [d.text for d in old] != texts:
        extra["decisions"] = [[d.text for d in old], texts]
    audit.apply_edit(session, meeting, "meeting", {"overview": overview}, extra=extra)
    return Saved("meeting", meeting_id, version=meeting.version, label=meeting.title)


def supervise_decision(
    session: Session,
    decision_id: int,
    unit: str,
    due_text: str,
    responsible: str = "",
    confirmed: frozenset[str] = frozenset(),
) -> Saved:
    """Make a supervision item of a decision (undertaking unit, due: a date, ``10wd`` or
    ``15d`` from the meeting's day), linked both ways; a decision already supervised is
    not made twice. A due date more than two years after the meeting is asked about as a
    supervision item's is (``NeedsConfirmation`` on ``due``) unless ``confirmed`` has it."""
    from secdesk.calendar.deadlines import DueParseError, parse_due, spec_with_start
    from secdesk.office.supervision import items as supervision
    from secdesk.services.inputs import SupervisionInput

    decision = session.get(Decision, decision_id)
    if decision is None or decision.deleted_at is not None:
        raise RecordGone("decision", decision_id)
    if decision.supervision_id:
        return Saved("supervision", decision.supervision_id, already=True)
    meeting = record.SERVICE.get(session, decision.meeting_id)
    day = clock.to_local(meeting.starts_at).date()
    try:
        due = parse_due(due_text, day, clock.now_local())
    except DueParseError as exc:
        raise InvalidInput("due", str(exc)) from exc
    if due is None:
        raise InvalidInput("due", N_("Say by when: a date, 10wd or 15d"))
    from secdesk.kinds.common import time_limit
    from secdesk.services.forms import check_limit

    # The desk's one check of a limit: never before the meeting's day; years ahead, asked.
    check_limit(time_limit("due", N_("Due")), due.day, day, confirmed)
    data = SupervisionInput(
        title=decision.text,
        assigned_on=day,
        due=due.day,
        origin="meeting",
        source=_("Meeting decision: {title} ({day})").format(
            title=meeting.title, day=day.isoformat()
        ),
        source_kind="meeting",
        source_id=meeting.id,
        undertaking_unit=unit.strip(),
        responsible=responsible.strip(),
        due_spec=spec_with_start(due_text, day),
    )
    saved = supervision.SERVICE.create(session, data)
    audit.apply_edit(
        session,
        decision,
        "decision",
        {"supervision_id": saved.id, "undertaking_unit": unit.strip(), "due": due.day},
        action="supervise",
    )
    return saved
