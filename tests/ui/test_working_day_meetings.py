"""A meeting repeating every working day follows the official calendar, and the week view
marks the holidays and the make-up working days."""

from __future__ import annotations

from datetime import date, datetime

import time_machine
from textual.widgets import Label

from secdesk.calendar import clock, workdays
from secdesk.office.meetings import schedule as meetings
from secdesk.screens.meeting_week import WeekScreen
from secdesk.services.inputs import MeetingInput
from tests.conftest import settle, wait_until

NOW = "2025-12-29 08:00:00 +0800"  # a Monday; 1-3 Jan 2026 off, Sunday 4 Jan worked


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=clock.zone())


@time_machine.travel(NOW, tick=False)
async def test_every_working_day_skips_new_year_and_meets_on_the_make_up_sunday(
    desk,
    store,  # noqa: ANN001
) -> None:
    """The daily 8:30 briefing meets Mon 29 to Wed 31 Dec and on Sunday 4 Jan (调休), not on
    1 or 2 Jan (元旦); the week's columns say 元旦 and make-up working day."""
    workdays.use_entered({})
    store.write(
        lambda s: meetings.SERVICE.create(
            s,
            MeetingInput(
                title="晨会",
                starts_at=local(2025, 12, 1, 8, 30),
                ends="8:45",
                participants=[],
                rrule="FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
            ),
        )
    )
    window = (local(2025, 12, 29), local(2026, 1, 5))
    starts = store.run(lambda s: [o.starts_at.date() for o in meetings.occurrences(s, *window)])
    assert starts == [
        date(2025, 12, 29),
        date(2025, 12, 30),
        date(2025, 12, 31),
        date(2026, 1, 4),
    ]
    async with desk((160, 40)) as pilot:
        app = pilot.app
        app.push_screen(WeekScreen(date(2025, 12, 29)))
        await settle(pilot)
        week = app.screen
        assert isinstance(week, WeekScreen)
        await wait_until(pilot, lambda: week.painted)
        titles = [str(week.query_one(f"#day-{i}").query_one(Label).content) for i in range(7)]
        assert titles[3].endswith("· New Year's Day") and titles[6].endswith(
            "· Make-up working day"
        )
        assert titles[0].endswith("29 Dec")
        assert week.query_one("#day-3").has_class("holiday")
        assert not week.query_one("#day-6").has_class("holiday")
