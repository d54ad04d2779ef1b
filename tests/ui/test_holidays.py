"""H: the office enters a year's holiday schedule by pasting the State Council's notice."""

from __future__ import annotations

from datetime import date

import time_machine
from textual.widgets import DataTable, Static, TextArea

from secdesk.calendar import workdays
from secdesk.models import CalendarDay
from secdesk.screens.confirm import ConfirmScreen
from secdesk.screens.holidays import HolidaysScreen
from tests.conftest import wait_until
from tests.ui.helpers import press, rows

NOTICE = (
    "国务院办公厅关于2027年部分节假日安排的通知\n"
    "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
    "二、春节：2月5日（农历除夕、周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。\n"
)


@time_machine.travel("2027-01-04 09:00:00 +0800", tick=False)
async def test_paste_the_notice_see_the_days_and_keep_them(desk, store) -> None:  # noqa: ANN001
    workdays.use_entered({})
    async with desk() as pilot:
        app = pilot.app
        header = str(app.screen.query_one("#day-header", Static).render())
        assert "no official holiday calendar for 2027" in header and "H enters it" in header
        screen = await press(pilot, "H")
        assert isinstance(screen, HolidaysScreen)
        screen.query_one("#holidays-text", TextArea).text = NOTICE
        table = screen.query_one("#holidays-days", DataTable)
        await wait_until(pilot, lambda: table.row_count == 11)
        assert [str(c) for c in table.get_row_at(10)] == ["Sat 20 Feb 2027", "working day", "春节"]
        status = str(screen.query_one("#holidays-status", Static).render())
        assert status == "2027: 10 days off, 1 make-up working day. Ctrl+S keeps them."
        await press(pilot, "ctrl+s")
        days = rows(store, CalendarDay)
        assert len(days) == 11 and {d.year for d in days} == {2027}
        assert workdays.day_info(date(2027, 2, 20)).kind == "makeup"
        years = str(screen.query_one("#holidays-years").render())
        assert "2027: entered (10 days off, 1 make-up working day)" in years
        await press(pilot, "escape")
        header = str(app.screen.query_one("#day-header", Static).render())
        assert "Working day" in header and "no official holiday calendar" not in header
    workdays.use_entered({})


async def test_leaving_with_a_pasted_notice_not_kept_asks_first(desk) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        await press(pilot, "H")
        app.screen.query_one("#holidays-text", TextArea).text = NOTICE
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, HolidaysScreen)
    workdays.use_entered({})
