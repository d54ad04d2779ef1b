"""Editing as the desk promises it: saves carry the version the user saw, nothing typed is
lost, Enter always moves on, the desk asks before closing an editor with unsaved work."""

from __future__ import annotations

import json

import time_machine
from sqlmodel import select
from textual.widgets import DataTable, Input, Static

from secdesk.models import Call, Event, Task
from secdesk.screens.call_form import CallForm
from secdesk.screens.confirm import ChoiceScreen, ConfirmScreen
from secdesk.screens.dutylog import DutyLogScreen
from secdesk.screens.form import RecordForm
from secdesk.services import records
from secdesk.widgets.fields import Cycle, FormCheckbox
from tests import factories as f
from tests.conftest import settle, wait_until

NOW = "2026-11-27 10:32:00 +0800"


def toasts(app) -> list[str]:  # noqa: ANN001
    return [str(n.message) for n in app._notifications]


def calls(store) -> list[Call]:  # noqa: ANN001
    return store.run(lambda s: list(s.exec(select(Call)).all()))


def change_elsewhere(store, call_id: int, summary: str) -> None:  # noqa: ANN001
    """Another window saves the call."""

    def edit(s) -> None:  # noqa: ANN001
        loaded = records.load(s, "call", call_id)
        loaded.data.summary = summary
        records.update(s, "call", call_id, loaded.data, loaded.version)

    store.write(edit)


async def open_call_for_edit(app, pilot) -> CallForm:  # noqa: ANN001
    await settle(pilot)
    await pilot.press("3", "e")
    await settle(pilot)
    assert isinstance(app.screen, CallForm)
    return app.screen


@time_machine.travel(NOW, tick=False)
async def test_a_save_over_a_newer_change_is_refused_and_keeps_the_typing(
    make_app,  # noqa: ANN001
    store,  # noqa: ANN001
) -> None:
    """Two windows edit one call: the second save is refused with the name of the change,
    everything typed stays; 'r' loads the saved version and shows what was typed beside."""
    call_id = store.run(lambda s: f.call(s, f.local(2026, 11, 27, 9), summary="原来").id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_call_for_edit(app, pilot)
        form.query_one("#f-summary", Input).value = "我改的"
        change_elsewhere(store, call_id, "别人改的")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert "was changed by" in app.screen.question and "not saved" in app.screen.question
        assert [c.summary for c in calls(store)] == ["别人改的"]
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#f-summary", Input).value == "别人改的"
        assert "You typed: 我改的" in str(form.query_one("#error-summary", Static).render())
        form.query_one("#f-summary", Input).value = "合在一起"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [c.summary for c in calls(store)] == ["合在一起"]


@time_machine.travel(NOW, tick=False)
async def test_o_saves_over_a_newer_change_on_purpose(make_app, store) -> None:  # noqa: ANN001
    call_id = store.run(lambda s: f.call(s, f.local(2026, 11, 27, 9), summary="原来").id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_call_for_edit(app, pilot)
        form.query_one("#f-summary", Input).value = "我的为准"
        change_elsewhere(store, call_id, "别人改的")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert [c.summary for c in calls(store)] == ["我的为准"]
        assert "Call saved" in toasts(app)


@time_machine.travel(NOW, tick=False)
async def test_a_record_deleted_meanwhile_can_be_saved_as_new(make_app, store) -> None:  # noqa: ANN001
    call_id = store.run(lambda s: f.call(s, f.local(2026, 11, 27, 9), summary="原来").id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_call_for_edit(app, pilot)
        form.query_one("#f-summary", Input).value = "还要的内容"
        store.write(records.delete, "call", call_id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert "was deleted" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        live = [c for c in calls(store) if c.deleted_at is None]
        assert [c.summary for c in live] == ["还要的内容"] and live[0].id != call_id


@time_machine.travel(NOW, tick=False)
async def test_editing_only_the_summary_keeps_the_time_to_the_second(make_app, store) -> None:  # noqa: ANN001
    from datetime import timedelta

    exact = f.local(2026, 11, 27, 9, 15) + timedelta(seconds=42)
    store.run(lambda s: f.call(s, exact, summary="原来"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_call_for_edit(app, pilot)
        assert form.query_one("#f-at", Input).value == "2026-11-27 09:15"
        form.query_one("#f-summary", Input).value = "只改内容"
        await pilot.press("ctrl+s")
        await settle(pilot)
    (call,) = calls(store)
    assert call.summary == "只改内容" and call.at == exact
    events = store.run(lambda s: list(s.exec(select(Event)).all()))
    update = next(e for e in events if e.action == "update")
    assert set(json.loads(update.data)) == {"summary"}


@time_machine.travel(NOW, tick=False)
async def test_a_time_far_ahead_is_asked_about_once(make_app, store) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        form = app.screen
        form.query_one("#f-summary", Input).value = "预约来电"
        form.query_one("#f-at", Input).value = "2031-05-05 10:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "2031-05-05 10:00 is in the future: keep it?"
        await pilot.press("n")
        assert app.screen is form and calls(store) == []
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        (call,) = calls(store)
        assert call.at.year == 2031


@time_machine.travel(NOW, tick=False)
async def test_a_known_number_typed_as_the_caller_fills_the_contact(make_app, store) -> None:  # noqa: ANN001
    contact_id = store.run(
        lambda s: f.contact(s, "刘局长", [("13800138000", "mobile")], "某区教育局")
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        form = app.screen
        form.query_one("#f-caller", Input).value = "138 0013 8000"
        await pilot.press("enter")
        await settle(pilot)
        assert form.query_one("#f-caller", Input).value == "刘局长"
        assert form.query_one("#f-number", Input).value == "138 0013 8000"
        assert form.query_one("#f-organization", Input).value == "某区教育局"
        form.query_one("#f-summary", Input).value = "问开会时间"
        await pilot.press("enter")
        await settle(pilot)
    (call,) = calls(store)
    assert (call.caller, call.contact_id) == ("刘局长", contact_id)


@time_machine.travel(NOW, tick=False)
async def test_enter_on_a_choice_or_a_checkbox_moves_on(make_app, store) -> None:  # noqa: ANN001
    """Typing the call form with Enter never changes a choice or ticks a box."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        form = app.screen
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
async def test_a_deadline_shows_the_day_it_means(make_app, store) -> None:  # noqa: ANN001
    """In a task, 3wd from Friday 27 Nov is Wednesday 2 Dec, shown under the field and
    saved."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("T", "n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#f-title", Input).value = "准备材料"
        form.query_one("#f-due", Input).value = "3wd"
        await pilot.pause()
        assert str(form.query_one("#note-due", Static).render()) == "→ Wed 2 Dec 2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
    (task,) = store.run(lambda s: list(s.exec(select(Task)).all()))
    assert task.due.isoformat() == "2026-12-02"


@time_machine.travel(NOW, tick=False)
async def test_switching_language_asks_before_closing_unsaved_duty_notes(make_app, store) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        duty = app.screen
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

        (log,) = store.run(lambda s: list(s.exec(select(DutyLog)).all()))
        assert log.on_duty == "小王"


@time_machine.travel(NOW, tick=False)
async def test_the_duty_log_refuses_to_overwrite_notes_saved_elsewhere(make_app, store) -> None:  # noqa: ANN001
    from datetime import date

    from secdesk.services import dutylog

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        duty = app.screen
        duty.query_one("#duty-on-duty", Input).value = "小王"
        store.write(dutylog.save_notes, date(2026, 11, 27), "别的窗口写的", "", "小李", 0)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("r")
        await settle(pilot)
        await wait_until(pilot, lambda: duty.values()["notes"] == "别的窗口写的")
        assert duty.values()["on_duty"] == "小李"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert store.run(dutylog.compose_day, date(2026, 11, 27)).notes == "别的窗口写的"


async def test_help_shows_each_keys_id_for_the_keymap(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        table = app.screen.query_one("#help-keys", DataTable)
        rows = {
            str(table.get_row_at(i)[1]): str(table.get_row_at(i)[3]) for i in range(table.row_count)
        }
        assert rows.get("Call") == "new_call"


async def test_a_bad_keymap_is_reported_at_start(make_app, tmp_path) -> None:  # noqa: ANN001
    """An unknown id and a key taken twice are each named in one warning; a config written
    for an old id (log_call) keeps working."""
    from secdesk.config import load_settings

    config_file = tmp_path / "config.toml"
    config_file.write_text(
        '[keymap]\nlog_calls = "ctrl+l"\nnew_visit = "u"\nlog_call = "ctrl+k"\n', "utf-8"
    )
    app = make_app(settings=load_settings(config_file))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = toasts(app)
        assert any("“log_calls” is not the id of any key" in t for t in shown)
        assert any("“new_visit” = “u” takes the key of “undo”" in t for t in shown)
        await pilot.press("ctrl+k")
        assert isinstance(app.screen, CallForm)
