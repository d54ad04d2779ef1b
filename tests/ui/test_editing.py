"""Editing as the desk promises it: saves carry the version the user saw, nothing typed is
lost, Enter always moves on, the desk asks before closing an editor with unsaved work."""

from __future__ import annotations

import json
from collections.abc import Callable

import time_machine
from textual.widgets import Input, Static

from secdesk.models import Call, Event, Task
from secdesk.screens.call_form import CallForm
from secdesk.screens.confirm import ChoiceScreen, ConfirmScreen
from secdesk.screens.dutylog import DutyLogScreen
from secdesk.screens.form import RecordForm
from secdesk.services import records
from secdesk.widgets.fields import Cycle, FormCheckbox
from tests import factories as f
from tests.conftest import settle, wait_until
from tests.ui.helpers import fill, press, rows, shown, start_form, toasts

NOW = "2026-11-27 10:32:00 +0800"


def change_elsewhere(store, call_id: int, summary: str) -> None:  # noqa: ANN001
    """Another window saves the call."""

    def edit(s) -> None:  # noqa: ANN001
        loaded = records.load(s, "call", call_id)
        loaded.data.summary = summary
        records.update(s, "call", call_id, loaded.data, loaded.version)

    store.write(edit)


async def open_call_for_edit(pilot) -> CallForm:  # noqa: ANN001
    """The form of the call on the dashboard, from a desk just opened (and settled)."""
    form = await press(pilot, "3", "e")
    assert isinstance(form, CallForm)
    return form


def a_call(store) -> int:  # noqa: ANN001
    """This morning's call, said "原来"; its id."""
    return store.run(lambda s: f.call(s, f.local(2026, 11, 27, 9), summary="原来").id)


async def save_after(pilot, summary: str, meanwhile: Callable[[], object]) -> CallForm:  # noqa: ANN001
    """Open the call for editing, type ``summary``, let ``meanwhile`` happen (another
    window changes or deletes the call), then Ctrl+S; the form."""
    form = await open_call_for_edit(pilot)
    fill(form, summary=summary)
    meanwhile()
    await press(pilot, "ctrl+s")
    return form


@time_machine.travel(NOW, tick=False)
async def test_a_save_over_a_newer_change_is_refused_and_keeps_the_typing(
    desk,  # noqa: ANN001
    store,  # noqa: ANN001
) -> None:
    """Two windows edit one call: the second save is refused with the name of the change,
    everything typed stays; 'r' loads the saved version and shows what was typed beside."""
    call_id = a_call(store)
    async with desk() as pilot:
        app = pilot.app
        form = await save_after(
            pilot, "我改的", lambda: change_elsewhere(store, call_id, "别人改的")
        )
        assert isinstance(app.screen, ChoiceScreen)
        assert "was changed by" in app.screen.question and "not saved" in app.screen.question
        assert [c.summary for c in rows(store, Call)] == ["别人改的"]
        await press(pilot, "r")
        assert app.screen is form
        assert form.query_one("#f-summary", Input).value == "别人改的"
        assert "You typed: 我改的" in str(form.query_one("#error-summary", Static).render())
        fill(form, summary="合在一起")
        await press(pilot, "ctrl+s")
        assert [c.summary for c in rows(store, Call)] == ["合在一起"]


@time_machine.travel(NOW, tick=False)
async def test_o_saves_over_a_newer_change_on_purpose(desk, store) -> None:  # noqa: ANN001
    call_id = a_call(store)
    async with desk() as pilot:
        app = pilot.app
        await save_after(pilot, "我的为准", lambda: change_elsewhere(store, call_id, "别人改的"))
        await press(pilot, "o")
        assert [c.summary for c in rows(store, Call)] == ["我的为准"]
        assert "Call saved" in toasts(app)


@time_machine.travel(NOW, tick=False)
async def test_a_record_deleted_meanwhile_can_be_saved_as_new(desk, store) -> None:  # noqa: ANN001
    call_id = a_call(store)
    async with desk() as pilot:
        app = pilot.app
        await save_after(pilot, "还要的内容", lambda: store.write(records.delete, "call", call_id))
        assert isinstance(app.screen, ChoiceScreen)
        assert "was deleted" in app.screen.question
        await press(pilot, "n")
        live = [c for c in rows(store, Call) if c.deleted_at is None]
        assert [c.summary for c in live] == ["还要的内容"] and live[0].id != call_id


@time_machine.travel(NOW, tick=False)
async def test_editing_only_the_summary_keeps_the_time_to_the_second(desk, store) -> None:  # noqa: ANN001
    from datetime import timedelta

    exact = f.local(2026, 11, 27, 9, 15) + timedelta(seconds=42)
    store.run(lambda s: f.call(s, exact, summary="原来"))
    async with desk() as pilot:
        form = await open_call_for_edit(pilot)
        assert form.query_one("#f-at", Input).value == "2026-11-27 09:15"
        fill(form, summary="只改内容")
        await press(pilot, "ctrl+s")
    (call,) = rows(store, Call)
    assert call.summary == "只改内容" and call.at == exact
    events = rows(store, Event)
    update = next(e for e in events if e.action == "update")
    assert set(json.loads(update.data)) == {"summary"}


@time_machine.travel(NOW, tick=False)
async def test_a_time_far_ahead_is_asked_about_once(desk, store) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        form = await start_form(pilot, "c", summary="预约来电", at="2031-05-05 10:00")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "2031-05-05 10:00 is in the future: keep it?"
        await pilot.press("n")
        assert app.screen is form and rows(store, Call) == []
        await press(pilot, "ctrl+s")
        await press(pilot, "y")
        (call,) = rows(store, Call)
        assert call.at.year == 2031


@time_machine.travel(NOW, tick=False)
async def test_a_known_number_typed_as_the_caller_fills_the_contact(desk, store) -> None:  # noqa: ANN001
    contact_id = store.run(
        lambda s: f.contact(s, "刘局长", [("13800138000", "mobile")], "某区教育局")
    )
    async with desk() as pilot:
        form = await start_form(pilot, "c")
        fill(form, caller="138 0013 8000")
        await press(pilot, "enter")
        assert form.query_one("#f-caller", Input).value == "刘局长"
        assert form.query_one("#f-number", Input).value == "138 0013 8000"
        assert form.query_one("#f-organization", Input).value == "某区教育局"
        fill(form, summary="问开会时间")
        await press(pilot, "enter")
    (call,) = rows(store, Call)
    assert (call.caller, call.contact_id) == ("刘局长", contact_id)


@time_machine.travel(NOW, tick=False)
async def test_enter_on_a_choice_or_a_checkbox_moves_on(desk, store) -> None:  # noqa: ANN001
    """Typing the call form with Enter never changes a choice or ticks a box."""
    async with desk() as pilot:
        app = pilot.app
        form = await start_form(pilot, "c")
        status = form.query_one("#f-message_status", Cycle)
        status.focus()
        await pilot.press("enter")
        assert status.value == "no_action"
        check = form.query_one("#f-follow_up", FormCheckbox)
        assert app.focused is check
        await pilot.press("enter")
        assert check.value is False and app.focused is form.query_one("#f-at", Input)
        await pilot.press("shift+tab", "space")
        assert check.value is True


@time_machine.travel(NOW, tick=False)
async def test_a_deadline_shows_the_day_it_means(desk, store) -> None:  # noqa: ANN001
    """In a task, 3wd from Friday 27 Nov is Wednesday 2 Dec, shown under the field and
    saved."""
    async with desk() as pilot:
        form = await press(pilot, "T", "n")
        assert isinstance(form, RecordForm)
        fill(form, title="准备材料", due="3wd")
        await pilot.pause()
        assert str(form.query_one("#note-due", Static).render()) == "→ Wed 2 Dec 2026"
        await press(pilot, "ctrl+s")
    (task,) = rows(store, Task)
    assert task.due.isoformat() == "2026-12-02"


@time_machine.travel(NOW, tick=False)
async def test_switching_language_asks_before_closing_unsaved_duty_notes(desk, store) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        duty = await press(pilot, "D")
        assert isinstance(duty, DutyLogScreen)
        duty.query_one("#duty-on-duty", Input).value = "小王"
        await pilot.pause()
        app.action_set_language("zh")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "is not saved" in app.screen.question
        await pilot.press("n")  # keep editing: nothing closes
        assert app.screen is duty
        app.action_show_dashboard()
        await pilot.pause()
        await pilot.press("y")  # save, then go
        await settle(pilot)
        await wait_until(pilot, lambda: not isinstance(app.screen, DutyLogScreen))
        from secdesk.models import DutyLog

        (log,) = rows(store, DutyLog)
        assert log.on_duty == "小王"


@time_machine.travel(NOW, tick=False)
async def test_the_duty_log_refuses_to_overwrite_notes_saved_elsewhere(desk, store) -> None:  # noqa: ANN001
    from datetime import date

    from secdesk.services import dutylog

    async with desk() as pilot:
        app = pilot.app
        duty = await press(pilot, "D")
        duty.query_one("#duty-on-duty", Input).value = "小王"
        store.write(dutylog.save_notes, date(2026, 11, 27), "别的窗口写的", "", "小李", 0)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "r")
        await wait_until(pilot, lambda: duty.values()["notes"] == "别的窗口写的")
        assert duty.values()["on_duty"] == "小李"
        await press(pilot, "ctrl+s")
    assert store.run(dutylog.compose_day, date(2026, 11, 27)).notes == "别的窗口写的"


async def test_help_shows_each_keys_id_for_the_keymap(desk) -> None:  # noqa: ANN001
    async with desk((160, 40)) as pilot:
        app = pilot.app
        await pilot.press("f1")
        ids = {row[1]: row[3] for row in shown(app, "#help-keys")}
        assert ids.get("Call") == "new_call"


async def test_a_bad_keymap_is_reported_at_start(desk, tmp_path) -> None:  # noqa: ANN001
    """An unknown id and a key taken twice are each named in one warning; a config written
    for an old id (log_call) keeps working."""
    from secdesk.config import load_settings

    config_file = tmp_path / "config.toml"
    config_file.write_text(
        '[office]\nname = "某办"\n\n'  # set up: not asked for the office's name
        '[keymap]\nlog_calls = "ctrl+l"\nnew_visit = "u"\nlog_call = "ctrl+k"\n',
        "utf-8",
    )
    async with desk(settings=load_settings(config_file)) as pilot:
        app = pilot.app
        shown = toasts(app)
        assert any("“log_calls” is not the id of any key" in t for t in shown)
        assert any("“new_visit” = “u” takes the key of “undo”" in t for t in shown)
        await pilot.press("ctrl+k")
        assert isinstance(app.screen, CallForm)
