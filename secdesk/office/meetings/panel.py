"""The dashboard's meetings panel: its rows from the occurrences found, read by the ORM
(``schedule.panel``) or in plain SQL at a cold start (``office.lean.meetings``).

Wing: office (meetings). Imports no ORM: the lean read uses it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime, timedelta

from secdesk.calendar import clock
from secdesk.i18n import _, format_weekday
from secdesk.services.views import Cell, Occurrence, PanelData, Row, Tone

#: The most meetings the panel lists.
PANEL_LIMIT = 100
#: The panel shows today's meetings and those of the next this many days.
MEETING_DAYS = 7


def panel(
    day: date,
    between: Callable[[datetime, datetime], list[Occurrence]],
    unready: Callable[[set[int]], Collection[int]],
) -> PanelData:
    """The panel on ``day``: the occurrences ``between`` finds (in time order) from the start
    of ``day`` to the end of the ``MEETING_DAYS``-th day after, at most ``PANEL_LIMIT``;
    today's and tomorrow's whose meeting ``unready`` names (an unfinished checklist) are
    marked, and only theirs are asked about."""
    start, _end = clock.day_bounds(day)
    _start, end = clock.day_bounds(day + timedelta(days=MEETING_DAYS))
    found = between(start, end)[:PANEL_LIMIT]
    soon = {o.meeting_id for o in found if (o.starts_at.date() - day).days <= 1}
    not_ready = unready(soon)
    rows = []
    for meeting in found:
        begins = meeting.starts_at
        # The weekday alone names a day of the coming week (today is "Today"): short, so
        # the title keeps its room at 80 columns.
        when = _("Today") if begins.date() == day else format_weekday(begins.date())
        title = meeting.title
        flagged = meeting.meeting_id in not_ready and (begins.date() - day).days <= 1
        if flagged:
            title = "! " + title + " · " + _("checklist not done")
        rows.append(
            Row(
                "meeting",
                meeting.meeting_id,
                (
                    Cell(
                        f"{when} {begins:%H:%M}",
                        Tone.strong if begins.date() == day else Tone.plain,
                    ),
                    Cell(title, Tone.flag if flagged else Tone.plain),
                    Cell(meeting.location),
                ),
                {
                    "id": meeting.meeting_id,
                    "title": meeting.title,
                    "starts_at": begins.isoformat(),
                    "location": meeting.location,
                    "checklist_done": not flagged,
                },
            )
        )
    subtitle = _("{n} in the next 7 days").format(n=len(rows))
    if any(meeting_id in not_ready for meeting_id in soon):
        subtitle += " · " + _("checklist not done")
    return PanelData("meetings", "meeting", tuple(rows), len(rows), subtitle)
