"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

会议: a meeting, its participants, agenda items, preparation checklist and decisions.

A recurring meeting is one row with an RFC 5545 ``rrule``; its occurrences are computed
for the period shown. One occurrence moved or cancelled is a row of its own whose
``series_id`` names the series and whose ``occurrence_start`` is the start it replaces
(``cancelled`` for a cancelled one), as iCalendar's RECURRENCE-ID does.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field

from secdesk.models.base import Imported, Record


class ParticipantRole(StrEnum):
    """How a person is asked to a meeting."""

    attend = "attend"
    """出席."""
    observe = "observe"
    """列席."""
    excused = "excused"
    """请假: asked, but excused (with a reason)."""


class Meeting(Imported, table=True):
    title: str
    starts_at: datetime = Field(index=True)
    """UTC."""
    ends_at: datetime | None = None
    """The booked end (UTC); None when not said."""
    meeting_type: str = ""
    """办公会, 常务会议, 专题会议... (the office's list, ``Settings.meeting_types``)."""
    location: str = ""
    chair: str = ""
    """主持人 (the host)."""
    recorder: str = ""
    """记录人: who takes the minutes."""
    participants: str = ""
    """The participants' names joined with 、, kept by the service from
    ``MeetingParticipant`` (searchable, and shown where one line is enough)."""
    materials: str = ""
    """What to bring or what is printed (材料)."""
    notes: str = ""
    cancelled: bool = False
    overview: str = ""
    """The minutes' overview (纪要 正文: what was discussed)."""
    rrule: str = ""
    """RFC 5545 recurrence rule (``FREQ=WEEKLY;BYDAY=MO``); empty for a single meeting."""
    series_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    """For one moved or cancelled occurrence: the recurring meeting it belongs to."""
    occurrence_start: datetime | None = None
    """For such an occurrence: the start (UTC) the rule gave it, which it replaces."""
    uid: str = Field(default="", index=True)
    """The iCalendar UID it was imported from or exported as."""
    timezone: str = ""
    """The zone its recurrence rule counts in: an IANA name, or an imported calendar's
    VTIMEZONE block (BEGIN:VTIMEZONE...); empty: the desk's zone."""
    all_day: bool = False
    """An all-day event (imported calendars): ``starts_at`` is the first day's local
    midnight and ``ends_at`` the midnight after the last day."""


class MeetingPart(Record):
    """The columns of every row a meeting owns (participants, agenda, checklist, decisions)."""

    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int = 0
    """Its place in the meeting's list, from 0."""


class MeetingParticipant(MeetingPart, table=True):
    """One person asked to a meeting."""

    name: str
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    """The contact-book entry of that name, when there is one."""
    role: str = ParticipantRole.attend
    """One of ``ParticipantRole``."""
    reason: str = ""
    """Why excused (请假事由)."""
    attended: bool | None = None
    """Marked at the meeting: came (True), did not (False), not yet marked (None)."""


class AgendaItem(MeetingPart, table=True):
    """One topic (议题) of a meeting."""

    title: str
    presenter: str = ""
    """汇报人."""
    minutes: int = 0
    """Minutes allotted."""


class ChecklistItem(MeetingPart, table=True):
    """One preparation step (通知下发, 会场预订, 材料印制...)."""

    label: str
    done: bool = False
    done_at: datetime | None = None


class Decision(MeetingPart, table=True):
    """议定事项: one decision in a meeting's minutes."""

    text: str
    undertaking_unit: str = ""
    """承办单位."""
    due: date | None = None
    supervision_id: int | None = Field(default=None, foreign_key="supervisionitem.id")
    """The supervision item made from it (督办), once there is one."""
