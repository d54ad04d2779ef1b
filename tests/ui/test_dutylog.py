"""The duty log screen as the person on duty uses it: read the day, write the notes and the
handover note, save, page through the days, export for printing, never lose what was typed."""

from __future__ import annotations

import json

import time_machine
from sqlmodel import select
from textual.widgets import DataTable, Input, Static, TextArea

from secdesk import config
from secdesk.models import DutyLog, Event
from secdesk.screens.confirm import ConfirmScreen
from secdesk.screens.dutylog import DutyLogScreen
from secdesk.services import drafts, dutylog
from tests import factories as f
from tests.conftest import settle, wait_until
from tests.markdown_text import markdown_text
from tests.ui.helpers import detail_values, press, rows, table_rows, toasts

NOW = "2026-11-27 10:32:00 +0800"


def shown(screen) -> list[list[str]]:  # noqa: ANN001
    """The day's entries on the duty log, as text."""
    return table_rows(screen.query_one("#duty-entries", DataTable))


def header(screen) -> str:  # noqa: ANN001
    return str(screen.query_one("#duty-header", Static).render())


def seed(s) -> None:  # noqa: ANN001
    f.call(
        s,
        f.local(2026, 11, 27, 10, 5),
        caller="[/]张三",
        organization="某局",
        summary="询问预算\x1b[2J",
    )
    f.visit(s, f.local(2026, 11, 27, 9, 0), name="王五", host="刘局长")
    f.call(s, f.local(2026, 11, 26, 16, 0), caller="昨天的来电", summary="约时间")


@time_machine.travel(NOW, tick=False)
async def test_duty_log_saves_notes_pages_days_and_exports(desk, store, named_office) -> None:  # noqa: ANN001
    """The person on duty sees today's visitor and calls in time order, writes the notes,
    saves them with Ctrl+S, goes back a day with [ and writes the day to files with x."""
    store.run(seed)
    async with desk() as pilot:
        app = pilot.app
        await app.push_screen(DutyLogScreen())
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DutyLogScreen)
        assert "Duty log Fri 27 Nov 2026" in header(screen) and "Today" in header(screen)
        assert shown(screen) == [
            ["09:00", "Visitor arrived", "王五 to see 刘局长"],
            ["10:05", "Incoming call", "[/]张三 (某局): 询问预算␛[2J"],
        ]
        # Opened to be written in: the notes have the focus, so typing goes there.
        assert app.focused is screen.query_one("#duty-notes", TextArea)

        screen.query_one("#duty-notes", TextArea).text = "上午停电 [bold\n已报修"
        screen.query_one("#duty-handover", TextArea).text = "明早九点查看机房"
        screen.query_one("#duty-on-duty", Input).value = "小王"
        draft_file = config.drafts_dir() / "duty.json"
        await wait_until(pilot, draft_file.exists)
        kept = json.loads(draft_file.read_text("utf-8"))["values"]
        assert kept == {
            "day": "2026-11-27",
            "notes": "上午停电 [bold\n已报修",
            "handover": "明早九点查看机房",
            "on_duty": "小王",
        }
        assert rows(store, DutyLog) == []  # typing alone writes nothing to the database
        assert "Not saved yet" in str(screen.query_one("#duty-status", Static).render())

        # In the notes, [ and x are text, not keys of the screen; Ctrl+S saves from there.
        notes = screen.query_one("#duty-notes", TextArea)
        notes.move_cursor(notes.document.end)
        await pilot.press("left_square_bracket", "x")
        assert notes.text == "上午停电 [bold\n已报修[x"
        assert "Fri 27 Nov 2026" in header(screen)
        await press(pilot, "ctrl+s")
        (log,) = rows(store, DutyLog)
        assert (log.notes, log.handover, log.on_duty) == (
            "上午停电 [bold\n已报修[x",
            "明早九点查看机房",
            "小王",
        )
        assert store.run(lambda s: [(e.action, e.entity) for e in s.exec(select(Event))]) == [
            ("create", "dutylog")
        ]
        assert "Duty log of 27 Nov 2026 saved" in toasts(app)
        await wait_until(pilot, lambda: not draft_file.exists())

        await pilot.press("escape")  # from the notes back to the list of the day
        assert app.focused is screen.query_one("#duty-entries", DataTable)
        await press(pilot, "x")
        exported = config.data_dir() / "exports" / "duty-2026-11-27.md"
        markdown = exported.read_text("utf-8")
        assert "\x1b" not in markdown
        read = markdown_text(markdown)  # as a Markdown viewer shows it
        assert "10:05 Incoming call [/]张三 (某局): 询问预算␛[2J" in read
        assert "上午停电 [bold\n已报修[x" in read
        assert exported.with_suffix(".txt").exists()
        assert any(str(exported) in t for t in toasts(app))

        await press(pilot, "left_square_bracket")
        assert "Thu 26 Nov 2026" in header(screen) and "Today" not in header(screen)
        assert shown(screen) == [["16:00", "Incoming call", "昨天的来电: 约时间"]]
        assert screen.query_one("#duty-notes", TextArea).text == ""
        await press(pilot, "right_square_bracket")
        assert screen.query_one("#duty-notes", TextArea).text == "上午停电 [bold\n已报修[x"
        await pilot.press("escape")
        assert not isinstance(app.screen, DutyLogScreen)


@time_machine.travel(NOW, tick=False)
async def test_leaving_a_day_with_unsaved_notes_asks_to_save(desk, store) -> None:  # noqa: ANN001
    """Unsaved notes are never dropped by paging or Esc: the desk asks, and y saves them."""
    async with desk() as pilot:
        app = pilot.app
        await app.push_screen(DutyLogScreen())
        await settle(pilot)
        screen = app.screen
        screen.query_one("#duty-notes", TextArea).text = "没存的记事"
        await pilot.pause()
        await pilot.press("escape", "left_square_bracket")  # to the day's record, then [
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen is screen and "Fri 27 Nov" in header(screen)
        assert screen.query_one("#duty-notes", TextArea).text == "没存的记事"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        await wait_until(pilot, lambda: not isinstance(app.screen, DutyLogScreen))
        assert [log.notes for log in rows(store, DutyLog)] == ["没存的记事"]


@time_machine.travel(NOW, tick=False)
async def test_draft_left_by_a_killed_app_comes_back_on_its_day(desk, store) -> None:  # noqa: ANN001
    """The app died with yesterday's notes unsaved: the duty log opens on yesterday with
    them back in place, and Ctrl+S saves them."""
    store.run(dutylog.save_notes, f.local(2026, 11, 26).date(), "旧的记事", "", "")
    async with desk() as pilot:
        app = pilot.app
        # Left on disk when the app was killed (written after start-up so the app's own
        # offer of left-over form drafts stays out of this test).
        drafts.save(
            "duty",
            None,
            {"day": "2026-11-26", "notes": "旧的记事\n补充一句", "handover": "", "on_duty": "小李"},
        )
        await app.push_screen(DutyLogScreen())
        await settle(pilot)
        screen = app.screen
        assert "Thu 26 Nov 2026" in header(screen)
        assert screen.query_one("#duty-notes", TextArea).text == "旧的记事\n补充一句"
        assert screen.query_one("#duty-on-duty", Input).value == "小李"
        assert any("were put back" in t for t in toasts(app))
        await press(pilot, "ctrl+s")
        assert [(log.notes, log.on_duty) for log in rows(store, DutyLog)] == [
            ("旧的记事\n补充一句", "小李")
        ]
        await wait_until(pilot, lambda: not (config.drafts_dir() / "duty.json").exists())


@time_machine.travel(NOW, tick=False)
async def test_new_records_appear_without_touching_unsaved_notes(make_app, store) -> None:  # noqa: ANN001
    """A call logged elsewhere shows up in the day's list by itself, and the notes being
    typed stay as they are."""
    store.run(seed)
    app = make_app(watch_changes=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.push_screen(DutyLogScreen())
        screen = app.screen
        await wait_until(pilot, lambda: len(shown(screen)) == 2)
        screen.query_one("#duty-notes", TextArea).text = "正在写"
        store.run(
            lambda s: f.call(s, f.local(2026, 11, 27, 10, 20), caller="另一个窗口", summary="")
        )
        await wait_until(pilot, lambda: len(shown(screen)) == 3)
        assert shown(screen)[1] == ["10:05", "Incoming call", "[/]张三 (某局): 询问预算␛[2J"]
        assert shown(screen)[2] == ["10:20", "Incoming call", "另一个窗口"]
        assert screen.query_one("#duty-notes", TextArea).text == "正在写"
        assert screen.dirty


@time_machine.travel(NOW, tick=False)
async def test_enter_on_an_entry_opens_that_record(desk, store) -> None:  # noqa: ANN001
    """D opens the duty log; Esc moves from the notes to the day's record, Enter on the day's call shows that call in full, Esc comes
    back to the day, and Enter on the visitor shows the visit."""
    from secdesk.screens.detail import DetailScreen

    store.run(seed)
    async with desk() as pilot:
        app = pilot.app
        duty = await press(pilot, "D")
        assert isinstance(duty, DutyLogScreen)
        assert [row[1] for row in shown(duty)] == ["Visitor arrived", "Incoming call"]
        await press(pilot, "escape")  # from the notes to the day's record
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, DetailScreen)
        assert (detail_values(app)["Caller"], detail_values(app)["Summary"]) == (
            "[/]张三",
            "询问预算␛[2J",
        )
        await press(pilot, "escape")
        assert app.screen is duty
        await press(pilot, "up", "enter")
        assert isinstance(app.screen, DetailScreen)
        assert (detail_values(app)["Name"], detail_values(app)["Host"]) == ("王五", "刘局长")


@time_machine.travel(NOW, tick=False)
async def test_text_typed_at_once_goes_into_the_notes(desk) -> None:  # noqa: ANN001
    """D, then typing straight away: the letters land in the notes of the day (c, v, q, [
    and t are text there, not the desk's keys), and the day stays the same."""
    async with desk((80, 24)) as pilot:
        app = pilot.app
        duty = await press(pilot, "D")
        assert isinstance(duty, DutyLogScreen)
        await press(pilot, *"cv q[t")
        assert app.screen is duty
        assert duty.query_one("#duty-notes", TextArea).text == "cv q[t"
        assert "Fri 27 Nov 2026" in header(duty)
