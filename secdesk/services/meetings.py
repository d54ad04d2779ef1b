"""会议: the meetings of a period (the dashboard's week, the duty log's day) and the list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from secdesk import clock
from secdesk.config import Settings
from secdesk.i18n import N_, _, format_moment, format_short_date, format_weekday
from secdesk.models import Meeting
from secdesk.services.phrases import listing, with_detail
from secdesk.services.records import RecordService
from secdesk.services.views import Cell, DayEntry, PanelData, Row, Tone

PANEL_LIMIT = 100
#: The dashboard shows today's meetings and those of this many days after.
MEETING_DAYS = 7
ENTRY = N_("Meeting")


def meetings_between(session: Session, start: datetime, end: datetime) -> Sequence[Meeting]:
    """Meetings (not cancelled) starting in [start, end), in time order: the one query the
    dashboard and the duty log share."""
    return session.exec(
        select(Meeting)
        .where(
            col(Meeting.deleted_at).is_(None),
            col(Meeting.cancelled).is_(False),
            Meeting.starts_at >= clock.to_utc(start),
            Meeting.starts_at < clock.to_utc(end),
        )
        .order_by(col(Meeting.starts_at))
    ).all()


class MeetingService(RecordService):
    def row(self, obj: Meeting, today: date) -> Row:
        return Row(
            "meeting",
            obj.id or 0,
            (
                Cell(
                    format_moment(clock.to_local(obj.starts_at), today),
                    Tone.muted if obj.cancelled else Tone.plain,
                ),
                Cell(obj.title),
                Cell(obj.location),
                Cell(obj.chair),
            ),
            self.json_values(obj),
        )


SERVICE = MeetingService("meeting")


def panel(session: Session, day: date, settings: Settings) -> PanelData:
    """Today's meetings and those of the next ``MEETING_DAYS`` days, in time order."""
    start, _end = clock.day_bounds(day)
    _start, end = clock.day_bounds(day + timedelta(days=MEETING_DAYS))
    rows = []
    for meeting in list(meetings_between(session, start, end))[:PANEL_LIMIT]:
        begins = clock.to_local(meeting.starts_at)
        when = (
            _("Today")
            if begins.date() == day
            else f"{format_weekday(begins.date())} {format_short_date(begins.date(), day)}"
        )
        rows.append(
            Row(
                "meeting",
                meeting.id or 0,
                (
                    Cell(
                        f"{when} {begins:%H:%M}",
                        Tone.strong if begins.date() == day else Tone.plain,
                    ),
                    Cell(meeting.title),
                    Cell(meeting.location),
                ),
                SERVICE.json_values(meeting),
            )
        )
    return PanelData(
        "meetings", "meeting", tuple(rows), len(rows), _("{n} this week").format(n=len(rows))
    )


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    entries = []
    for meeting in meetings_between(session, start, end):
        details = [meeting.location]
        if meeting.chair:
            details.append(_("chaired by {chair}").format(chair=meeting.chair))
        entries.append(
            DayEntry(
                clock.to_local(meeting.starts_at),
                "meeting",
                with_detail(meeting.title, listing(details)),
                ENTRY,
                meeting.id or 0,
                order=0,
                tone=Tone.strong,
            )
        )
    return entries
