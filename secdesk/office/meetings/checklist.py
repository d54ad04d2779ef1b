"""Preparing and holding a meeting: ticking the checklist, marking who came, and the
出席 / 列席 / 请假 lines the minutes print from that.

Wing: office/meetings. Must not import screens, widgets, app, cli, care or demo; of
this package only ``fields`` and ``record``.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.i18n import _
from secdesk.models import ChecklistItem, Meeting, MeetingParticipant, ParticipantRole
from secdesk.office.meetings.record import participants_of
from secdesk.services import audit
from secdesk.services.views import MinutesLines, RecordGone, Saved, Undo


def tick(session: Session, item_id: int) -> Undo:
    """Tick (or untick) one checklist step; undone with ``u``."""
    item = session.get(ChecklistItem, item_id)
    if item is None or item.deleted_at is not None:
        raise RecordGone("checklist", item_id)
    before = {"done": item.done, "done_at": item.done_at}
    done = not item.done
    audit.apply_edit(
        session,
        item,
        "checklistitem",
        {"done": done, "done_at": clock.now_utc() if done else None},
        action="tick",
    )
    meeting = session.get(Meeting, item.meeting_id)
    if meeting is not None:
        audit.touch(meeting)  # the meeting's version moves: an open minutes form sees it
        session.add(meeting)
    what = (_("ticked {step}") if done else _("unticked {step}")).format(step=item.label)
    return Undo("meeting", item.meeting_id, "untick", what, {"item": item_id, **before})


def untick(session: Session, token: Undo) -> Saved:
    """Undo ``tick``: put the step back as it was."""
    item = session.get(ChecklistItem, token.data["item"])
    assert item is not None
    done_at = token.data.get("done_at")
    audit.apply_edit(
        session,
        item,
        "checklistitem",
        {
            "done": bool(token.data["done"]),
            "done_at": datetime.fromisoformat(done_at) if isinstance(done_at, str) else done_at,
        },
        action="undo",
    )
    return Saved("meeting", item.meeting_id)


def mark_attendance(session: Session, participant_id: int, attended: bool | None) -> Undo:
    """Mark whether one participant came; undone with ``u``."""
    person = session.get(MeetingParticipant, participant_id)
    if person is None:
        raise RecordGone("participant", participant_id)
    before = person.attended
    audit.apply_edit(session, person, "meetingparticipant", {"attended": attended}, action="attend")
    return Undo(
        "meeting",
        person.meeting_id,
        "unattend",
        _("marked {name}").format(name=person.name),
        {"participant": participant_id, "attended": before},
    )


def unattend(session: Session, token: Undo) -> Saved:
    person = session.get(MeetingParticipant, token.data["participant"])
    assert person is not None
    audit.apply_edit(
        session, person, "meetingparticipant", {"attended": token.data["attended"]}, action="undo"
    )
    return Saved("meeting", person.meeting_id)


def minutes_lines(session: Session, meeting_id: int) -> MinutesLines:
    """The 出席 / 列席 / 请假 lines: who came, as marked (before marking: as asked); the
    chair is present (first) unless listed otherwise."""
    people = participants_of(session, meeting_id)
    present, observers, excused, absent = [], [], [], []
    meeting = session.get(Meeting, meeting_id)
    if meeting is not None and meeting.chair and meeting.chair not in {p.name for p in people}:
        present.append(meeting.chair)
    for p in people:
        if p.role == ParticipantRole.excused:
            excused.append((p.name, p.reason))
        elif p.attended is False:
            absent.append(p.name)
        elif p.role == ParticipantRole.observe:
            observers.append(p.name)
        else:
            present.append(p.name)
    return MinutesLines(tuple(present), tuple(observers), tuple(excused), tuple(absent))


def unready(session: Session, meeting_ids: set[int]) -> frozenset[int]:
    """Of these meetings, those with a checklist step not done."""
    if not meeting_ids:
        return frozenset()
    rows = session.exec(
        select(ChecklistItem.meeting_id).where(
            col(ChecklistItem.meeting_id).in_(meeting_ids),
            col(ChecklistItem.done).is_(False),
            col(ChecklistItem.deleted_at).is_(None),
        )
    ).all()
    return frozenset(rows)
