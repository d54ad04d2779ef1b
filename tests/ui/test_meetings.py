"""A meeting's life by keyboard: scheduled with m (times as people say them, the agenda's
expected end, conflicts asked about), its checklist ticked and attendance taken (k), its
minutes written with a decision made a supervision item (r), and the week view (w)."""

from __future__ import annotations

from datetime import datetime

import time_machine
from textual.widgets import Input, OptionList, Static, TextArea

from secdesk.calendar import clock
from secdesk.models import ChecklistItem, Decision, Meeting, MeetingParticipant, SupervisionItem
from secdesk.office.meetings import schedule as meetings
from secdesk.screens.confirm import ConfirmScreen
from secdesk.screens.lists import RecordListScreen
from secdesk.screens.meeting_checklist import PrepareScreen
from secdesk.screens.meeting_form import MeetingForm
from secdesk.screens.meeting_minutes import MinutesScreen, SuperviseScreen
from secdesk.screens.meeting_week import WeekScreen
from secdesk.services.inputs import MeetingInput
from secdesk.widgets.fields import RowsField
from tests.conftest import settle, wait_until
from tests.ui.helpers import fill, press, rows, toasts

NOW = "2026-11-27 10:32:00 +0800"  # a Friday


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=clock.zone())


def booked(store, **kw) -> int:  # noqa: ANN001
    values = {
        "title": "区长办公会议",
        "starts_at": local(2026, 11, 27, 15),
        "ends": "16:00",
        "location": "三楼会议室",
        "participants": [("张三", "", ""), ("李四", "列席", ""), ("王五", "请假", "出差")],
    }
    return store.write(lambda s: meetings.SERVICE.create(s, MeetingInput(**{**values, **kw}))).id


async def type_in(pilot, value: str) -> None:  # noqa: ANN001
    """Type ``value`` into the focused input (set directly: long text), then Enter."""
    focused = pilot.app.focused
    assert isinstance(focused, Input), focused
    focused.value = value
    await pilot.press("enter")


@time_machine.travel(NOW, tick=False)
async def test_schedule_a_meeting_by_keyboard(desk, store) -> None:  # noqa: ANN001
    async with desk((140, 50)) as pilot:
        app = pilot.app
        form = await press(pilot, "m")
        assert isinstance(form, MeetingForm)
        await type_in(pilot, "专题会议：冬季安全生产")
        await pilot.press("space", "space", "enter")  # 办公会 -> 常务会议 -> 专题会议
        await type_in(pilot, "下周一上午9点")
        await type_in(pilot, "10:00")
        await type_in(pilot, "三楼会议室")
        await type_in(pilot, "区长")
        await type_in(pilot, "小李")
        for cell in ("张三", "", "", "王五", "请假", "出差"):
            await type_in(pilot, cell)
        await pilot.press("enter")  # the empty last line: on to the agenda
        for cell in ("安全生产检查", "应急局", "40", "预算", "财政局", "30"):
            await type_in(pilot, cell)
        timing = form.query_one("#agenda-timing", Static)
        assert timing.display
        assert str(timing.render()) == "Expected to end 10:10 · runs past the booked end 10:00"
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, MeetingForm)
        assert "Meeting saved" in toasts(app)
        (meeting,) = rows(store, Meeting)
        assert meeting.title == "专题会议：冬季安全生产"
        assert meeting.meeting_type == "专题会议"
        assert clock.to_local(meeting.starts_at) == local(2026, 11, 30, 9)
        assert clock.to_local(meeting.ends_at) == local(2026, 11, 30, 10)
        assert (meeting.location, meeting.chair, meeting.recorder) == ("三楼会议室", "区长", "小李")
        people = [(p.name, p.role, p.reason) for p in rows(store, MeetingParticipant)]
        assert people == [("张三", "attend", ""), ("王五", "excused", "出差")]
        steps = [c.label for c in rows(store, ChecklistItem)]
        assert steps == list(meetings.DEFAULT_CHECKLIST)


@time_machine.travel(NOW, tick=False)
async def test_a_conflict_is_asked_about_and_may_still_be_saved(desk, store) -> None:  # noqa: ANN001
    booked(store)
    async with desk((140, 50)) as pilot:
        app = pilot.app
        form = await press(pilot, "m")
        assert isinstance(form, MeetingForm)
        fill(form, title="座谈会", starts_at="周五下午3点半", location="三楼会议室")
        form.query_one("#f-participants", RowsField).value = [["张三", "", ""]]
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query(Static).first().render())
        assert "三楼会议室 is booked for “区长办公会议” at 11-27 15:00" in question
        assert "张三 is in “区长办公会议” at 11-27 15:00" in question
        assert len(rows(store, Meeting)) == 1
        await press(pilot, "y")
        assert "Meeting saved" in toasts(app)
        assert sorted(m.title for m in rows(store, Meeting)) == ["区长办公会议", "座谈会"]


@time_machine.travel(NOW, tick=False)
async def test_checklist_attendance_minutes_and_a_supervised_decision(desk, store) -> None:  # noqa: ANN001
    meeting_id = booked(store)
    async with desk((140, 50)) as pilot:
        app = pilot.app
        await press(pilot, "M")
        assert isinstance(app.screen, RecordListScreen)
        prepare = await press(pilot, "k")
        assert isinstance(prepare, PrepareScreen)
        await pilot.press("space")  # tick 议题征集
        await settle(pilot)
        steps = rows(store, ChecklistItem)
        assert [(c.label, c.done) for c in steps][:2] == [("议题征集", True), ("通知下发", False)]
        await wait_until(
            pilot,
            lambda: (
                "☑ 议题征集"
                in str(prepare.query_one("#checklist", OptionList).get_option_at_index(0).prompt)
            ),
        )
        await pilot.press("tab", "space")  # 张三 came
        await settle(pilot)
        await pilot.press("down", "space", "space")  # 李四: came, then did not
        await settle(pilot)
        marks = {p.name: p.attended for p in rows(store, MeetingParticipant)}
        assert marks == {"张三": True, "李四": False, "王五": None}
        await pilot.press("u")  # undo the last mark: 李四 came after all
        await settle(pilot)
        assert {p.name: p.attended for p in rows(store, MeetingParticipant)}["李四"] is True
        await press(pilot, "escape")
        minutes = await press(pilot, "r")
        assert isinstance(minutes, MinutesScreen)
        lines = str(minutes.query_one("#minutes-lines", Static).render())
        assert "Present: 张三" in lines and "Observing: 李四" in lines
        assert "Excused: 王五（出差）" in lines
        overview = minutes.query_one("#minutes-overview", TextArea)
        assert app.focused is overview
        await pilot.press(*"ok")
        minutes.query_one("#minutes-decisions", TextArea).text = "加强冬季安全检查\n报送预算"
        await press(pilot, "ctrl+s")
        assert "Minutes saved" in toasts(app)
        assert [d.text for d in rows(store, Decision)] == ["加强冬季安全检查", "报送预算"]
        await pilot.press("tab", "tab")
        assert app.focused is minutes.query_one("#minutes-saved", OptionList)
        await press(pilot, "s")
        assert isinstance(app.screen, SuperviseScreen)
        await type_in(pilot, "区应急局")
        await type_in(pilot, "10wd")
        await settle(pilot)
        (item,) = rows(store, SupervisionItem)
        assert (item.title, item.undertaking_unit) == ("加强冬季安全检查", "区应急局")
        assert item.due.isoformat() == "2026-12-11"
        decision = rows(store, Decision)[0]
        assert decision.supervision_id == item.id and decision.meeting_id == meeting_id
        saved = minutes.query_one("#minutes-saved", OptionList)
        await wait_until(
            pilot, lambda: f"supervised as #{item.id}" in str(saved.get_option_at_index(0).prompt)
        )
        assert (rows(store, Meeting)[0].overview) == "ok"


@time_machine.travel(NOW, tick=False)
async def test_week_view_days_as_columns_arrows_and_weeks(desk, store) -> None:  # noqa: ANN001
    booked(store, title="[/]周五的会\x1b[2J", location="")
    booked(store, title="下周二的会", starts_at=local(2026, 12, 1, 9), location="二楼")
    booked(store, title="每周一例会", starts_at=local(2026, 11, 2, 8, 30), location="一楼",
           participants=[], rrule="FREQ=WEEKLY")  # fmt: skip
    async with desk((160, 40)) as pilot:
        app = pilot.app
        await press(pilot, "M")
        week = await press(pilot, "w")
        assert isinstance(week, WeekScreen)
        await wait_until(pilot, lambda: week.painted)
        # The list opens on today's meeting (not the newest), so w shows this week.
        assert week.monday.isoformat() == "2026-11-23"
        assert week.day.isoformat() == "2026-11-27"
        await press(pilot, "t")
        await wait_until(pilot, lambda: week.painted)

        def shown(index: int) -> list[str]:
            options = week.query_one(f"#meetings-{index}", OptionList)
            return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]

        assert shown(4) == ["! 15:00 [/]周五的会␛[2J"]
        assert shown(0) == ["! 08:30 每周一例会\n一楼"]
        assert app.focused is week.query_one("#meetings-4", OptionList)
        await pilot.press("right", "right", "right")  # Sunday, then over into next week
        await settle(pilot)
        await wait_until(pilot, lambda: week.painted)
        assert week.monday.isoformat() == "2026-11-30"
        assert shown(1) == ["! 09:00 下周二的会\n二楼"]
        assert app.focused is week.query_one("#meetings-0", OptionList)
        await press(pilot, "[")
        await wait_until(pilot, lambda: week.painted)
        assert week.monday.isoformat() == "2026-11-23"
        await press(pilot, "]", "right")
        await wait_until(pilot, lambda: week.painted)
        await press(pilot, "enter")
        from secdesk.screens.detail import DetailScreen

        assert isinstance(app.screen, DetailScreen)


@time_machine.travel(NOW, tick=False)
async def test_call_off_and_move_one_occurrence_in_the_week(desk, store) -> None:  # noqa: ANN001
    series = booked(store, title="周例会", starts_at=local(2026, 11, 2, 8, 30), participants=[],
                    rrule="FREQ=WEEKLY")  # fmt: skip
    async with desk((160, 40)) as pilot:
        app = pilot.app
        app.push_screen(WeekScreen(local(2026, 11, 30).date()))
        await settle(pilot)
        week = app.screen
        assert isinstance(week, WeekScreen)
        await wait_until(pilot, lambda: week.painted)
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        window = (local(2026, 11, 30), local(2026, 12, 15))
        left = store.run(lambda s: [o.starts_at for o in meetings.occurrences(s, *window)])
        assert left == [local(2026, 12, 7, 8, 30), local(2026, 12, 14, 8, 30)]
        await press(pilot, "u")
        back = store.run(lambda s: [o.starts_at for o in meetings.occurrences(s, *window)])
        assert back[0] == local(2026, 11, 30, 8, 30)
        await wait_until(pilot, lambda: week.painted and bool(week.week and week.week.days[0]))
        await press(pilot, "o")
        await type_in(pilot, "12-02 15:00")
        await settle(pilot)
        moved = store.run(
            lambda s: [
                (o.starts_at, o.meeting_id == series) for o in meetings.occurrences(s, *window)
            ]
        )
        assert moved[0] == (local(2026, 12, 2, 15), False)
        assert [m for m, _ in moved[1:]] == [local(2026, 12, 7, 8, 30), local(2026, 12, 14, 8, 30)]


@time_machine.travel(NOW, tick=False)
async def test_pick_a_participant_from_the_contact_book(desk, store) -> None:  # noqa: ANN001
    from secdesk.screens.meeting_form import ContactPicker
    from tests import factories as f

    zhang = store.write(lambda s: f.contact(s, "张三", [("13800138000", "mobile")], "某市财政局"))
    async with desk((140, 50)) as pilot:
        app = pilot.app
        form = await press(pilot, "m")
        assert isinstance(form, MeetingForm)
        fill(form, title="预算会", starts_at="下周一上午9点")
        form.query_one("#f-participants", RowsField).first_cell().focus()
        await press(pilot, "ctrl+b")
        assert isinstance(app.screen, ContactPicker)
        await press(pilot, "z", "s")
        await wait_until(pilot, lambda: bool(app.screen.found))
        await press(pilot, "enter")
        assert app.screen is form
        assert form.query_one("#f-participants", RowsField).value == [["张三", "", ""]]
        await press(pilot, "ctrl+s")
        (person,) = rows(store, MeetingParticipant)
        assert (person.name, person.contact_id) == ("张三", zhang)


@time_machine.travel(NOW, tick=False)
async def test_hostile_text_in_the_checklist_and_minutes_is_shown_literally(desk, store) -> None:  # noqa: ANN001
    from tests.conftest import HOSTILE

    title = "".join(HOSTILE)
    meeting_id = booked(store, title=title, participants=[(HOSTILE[1], "请假", HOSTILE[0])])
    async with desk((160, 40)) as pilot:
        app = pilot.app
        app.push_screen(PrepareScreen(meeting_id))
        await settle(pilot)
        prepare = app.screen
        assert isinstance(prepare, PrepareScreen)
        await wait_until(pilot, lambda: prepare.view is not None)
        drawn = prepare.query_one("#prepare")._border_title  # what the border draws
        assert drawn is not None and drawn.plain.startswith(title.replace("\x1b", "␛"))
        people = prepare.query_one("#attendance", OptionList)
        assert str(people.get_option_at_index(0).prompt) == "· [bold · 请假 ([/])"
        await pilot.press("escape")
        app.push_screen(MinutesScreen(meeting_id))
        await settle(pilot)
        minutes = app.screen
        assert isinstance(minutes, MinutesScreen)
        await wait_until(pilot, lambda: minutes.view is not None)
        assert "Excused: [bold（[/]）" in str(minutes.query_one("#minutes-lines", Static).render())
        assert app.is_running


async def opened(pilot, screen: PrepareScreen | MinutesScreen):  # noqa: ANN001, ANN201
    """Open one meeting's checklist or minutes over the desk, once its view is read."""
    pilot.app.push_screen(screen)
    await settle(pilot)
    assert pilot.app.screen is screen
    await wait_until(pilot, lambda: screen.view is not None)
    return screen


@time_machine.travel(NOW, tick=False)
async def test_the_chair_is_present_and_an_empty_attendance_says_how_to_add_people(
    desk, store
) -> None:  # noqa: ANN001
    """A meeting with a chair and nobody invited: the attendance list says where people are
    added, and the minutes list the chair as present (not "none")."""
    meeting_id = booked(store, chair="区长", participants=[])
    async with desk((120, 40)) as pilot:
        prepare = await opened(pilot, PrepareScreen(meeting_id))
        people = prepare.query_one("#attendance", OptionList)
        assert "add participants in the meeting's form" in str(people.get_option_at_index(0).prompt)
        await pilot.press("space")  # nothing to mark: nothing happens
        await pilot.press("escape")
        minutes = await opened(pilot, MinutesScreen(meeting_id))
        assert "Present: 区长" in str(minutes.query_one("#minutes-lines", Static).render())


@time_machine.travel(NOW, tick=False)
async def test_ctrl_j_starts_a_new_decision_in_the_minutes(desk, store) -> None:  # noqa: ANN001
    """Two decisions typed with Ctrl+J between them are saved as two, not merged into one."""
    meeting_id = booked(store)
    async with desk((120, 40)) as pilot:
        minutes = await opened(pilot, MinutesScreen(meeting_id))
        decisions = minutes.query_one("#minutes-decisions", TextArea)
        decisions.focus()
        await pilot.press(*"ab", "ctrl+j", *"cd")
        assert decisions.text == "ab\ncd"
        await press(pilot, "ctrl+s")
        assert [d.text for d in rows(store, Decision)] == ["ab", "cd"]


@time_machine.travel(NOW, tick=False)
async def test_the_start_shows_the_day_it_was_read_as(desk, store) -> None:  # noqa: ANN001
    """周五下午3点 typed on a Friday morning: the line under Start says which Friday."""
    async with desk((120, 40)) as pilot:
        form = await press(pilot, "m")
        assert isinstance(form, MeetingForm)
        note = form.query_one("#note-starts_at", Static)
        assert not note.display  # nothing typed yet
        fill(form, starts_at="下周一上午9点")
        await pilot.pause()
        assert note.display and str(note.render()) == "→ Mon 30 Nov 2026 09:00"
        fill(form, starts_at="2026-12-04 15:00")  # written out: nothing to explain
        await pilot.pause()
        assert not note.display


@time_machine.travel(NOW, tick=False)
async def test_the_meetings_list_opens_at_today_and_marks_cancelled_ones(desk, store) -> None:  # noqa: ANN001
    """Latest first, but the cursor starts on the next meeting from today (so w shows this
    week, not January's); a cancelled meeting says so in words, not only in grey."""
    from secdesk.widgets.record_table import RecordTable
    from tests.ui.helpers import shown

    booked(store, title="上周的会", starts_at=local(2026, 11, 20, 9), participants=[])
    today = booked(store, title="今天的会", participants=[])
    booked(store, title="下周的会", starts_at=local(2026, 12, 1, 9), participants=[])
    booked(store, title="明年的会", starts_at=local(2027, 1, 20, 9), participants=[])
    off = booked(store, title="取消的会", starts_at=local(2026, 12, 3, 9), participants=[])

    def cancel(session):  # noqa: ANN001, ANN202
        meeting = session.get(Meeting, off)
        meeting.cancelled = True
        session.add(meeting)

    store.write(cancel)
    async with desk((120, 40)) as pilot:
        app = pilot.app
        await press(pilot, "M")
        table = app.screen.query_one("#log", RecordTable)
        await wait_until(pilot, lambda: table.row_count == 5)
        current = table.current
        assert current is not None and current.id == today
        titles = [row[1] for row in shown(app)]
        assert titles[0] == "明年的会" and "取消的会 (cancelled)" in titles
        week = await press(pilot, "w")
        assert isinstance(week, WeekScreen)
        await wait_until(pilot, lambda: week.painted)
        assert week.monday.isoformat() == "2026-11-23"  # this week, Mon to Sun
        assert week.monday.isoformat() == "2026-11-23"  # this week, Mon to Sun
