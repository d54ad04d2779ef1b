"""Logging calls and visitors the way a secretary does, still on the phone."""

from __future__ import annotations

import json

import time_machine
from textual.widgets import Input, OptionList, Static

from secdesk import config
from secdesk.models import Call, Contact, Event, Visit
from secdesk.office.contacts import book as contacts
from secdesk.screens.call_form import CallForm
from secdesk.screens.confirm import ConfirmScreen
from secdesk.screens.form import RecordForm
from secdesk.widgets.panel import Panel
from tests import factories as f
from tests.conftest import settle, wait_until
from tests.ui.helpers import fill, press, rows, start_form, toasts

NOW = "2026-11-27 10:32:00 +0800"


@time_machine.travel(NOW, tick=False)
async def test_log_a_call_with_caller_and_summary(desk, store) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        await pilot.press("c")
        assert isinstance(app.screen, CallForm)
        caller = app.screen.query_one("#f-caller", Input)
        assert app.focused is caller
        caller.value = "王主任"
        await pilot.press("enter")
        summary = app.screen.query_one("#f-summary", Input)
        assert app.focused is summary
        summary.value = "明天上午的会议改到下午三点"
        await press(pilot, "enter")
        assert not isinstance(app.screen, CallForm)
        assert "Call saved" in toasts(app)
        saved = rows(store, Call)
        assert [(c.caller, c.summary, c.direction) for c in saved] == [
            ("王主任", "明天上午的会议改到下午三点", "incoming")
        ]
        assert saved[0].at.isoformat().startswith("2026-11-27T02:32")  # 10:32 in Shanghai
        events = rows(store, Event)
        assert [(e.action, e.entity) for e in events] == [("create", "call")]
        panel = app.screen.query_one("#calls", Panel)
        await wait_until(pilot, lambda: panel.table.row_count == 1)
        assert (
            app.focused is panel.table or app.focused is app.screen.query_one("#inbox", Panel).table
        )


@time_machine.travel(NOW, tick=False)
async def test_nothing_typed_is_refused_inline(desk, store) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        await press(pilot, "c", "ctrl+s")
        assert isinstance(app.screen, CallForm)
        error = app.screen.query_one("#error-caller", Static)
        assert error.display and "Enter the caller or what was said" in str(error.render())
        assert rows(store, Call) == []


@time_machine.travel(NOW, tick=False)
async def test_an_error_put_right_is_gone_at_the_next_try_and_the_new_one_shows(
    desk,
    store,  # noqa: ANN001
) -> None:
    async with desk() as pilot:
        app = pilot.app
        await press(pilot, "c", "ctrl+s")
        form = app.screen
        caller = form.query_one("#error-caller", Static)
        when = form.query_one("#error-at", Static)
        assert caller.display and not when.display
        fill(form, caller="李四", at="half past lunch")
        await press(pilot, "ctrl+s")
        assert not caller.display and when.display
        assert "Cannot read this time" in str(when.render())
        assert rows(store, Call) == []


@time_machine.travel(NOW, tick=False)
async def test_unreadable_time_keeps_everything_typed(desk, store) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        form = await start_form(pilot, "c", caller="李四", summary="要材料", at="half past lunch")
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert "Cannot read this time" in str(form.query_one("#error-at", Static).render())
        assert form.query_one("#f-caller", Input).value == "李四"
        fill(form, at="昨天下午3点")
        await press(pilot, "ctrl+s")
        (call,) = rows(store, Call)
        assert call.at.isoformat().startswith("2026-11-26T07:00")  # 15:00 Shanghai


@time_machine.travel(NOW, tick=False)
async def test_escape_asks_before_discarding(desk, store) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        await start_form(pilot, "c", caller="半截")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, CallForm)
        assert app.screen.query_one("#f-caller", Input).value == "半截"
        await press(pilot, "escape", "y")
        assert not isinstance(app.screen, CallForm | ConfirmScreen)
        assert rows(store, Call) == []
        assert list(config.drafts_dir().glob("*.json")) == []
        # An untouched form closes without a question.
        await pilot.press("c", "escape")
        assert not isinstance(app.screen, CallForm | ConfirmScreen)


@time_machine.travel(NOW, tick=False)
async def test_contact_suggestion_accepted_with_one_key(desk, store) -> None:  # noqa: ANN001
    store.run(lambda s: f.contact(s, "张三", [("010-6512 3456", "work")], "某市财政局"))
    async with desk() as pilot:
        app = pilot.app
        await pilot.press("c")
        await press(pilot, "z", "s")
        options = app.screen.query_one("#suggest-caller", OptionList)
        assert options.display and "张三 · 某市财政局 · 01065123456" in str(
            options.get_option_at_index(0).prompt
        )
        form = await start_form(pilot, "right")
        assert form.query_one("#f-caller", Input).value == "张三"
        assert form.query_one("#f-number", Input).value == "01065123456"
        assert form.query_one("#f-organization", Input).value == "某市财政局"
        await pilot.press("enter")
        fill(form, summary="催报预算")
        await press(pilot, "enter")
        (call,) = rows(store, Call)
        assert call.contact_id == rows(store, Contact)[0].id


@time_machine.travel(NOW, tick=False)
async def test_known_number_fills_person_and_organisation(desk, store) -> None:  # noqa: ANN001
    store.run(lambda s: f.contact(s, "刘局长", [("13800138000", "mobile")], "某区教育局"))
    async with desk() as pilot:
        app = pilot.app
        await start_form(pilot, "c", number="138 0013 8000")
        await settle(pilot)
        assert app.screen.query_one("#f-caller", Input).value == "刘局长"
        assert app.screen.query_one("#f-organization", Input).value == "某区教育局"


@time_machine.travel(NOW, tick=False)
async def test_unknown_caller_offered_to_contact_book_with_one_key(desk, store) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        await start_form(pilot, "c", caller="新面孔", number="13911112222", summary="咨询")
        await press(pilot, "ctrl+s")
        assert any("Press a to add 新面孔 (13911112222)" in t for t in toasts(app))
        await press(pilot, "a")
        people = rows(store, Contact)
        assert [p.name for p in people] == ["新面孔"]
        assert store.run(contacts.by_number, "139-1111-2222").name == "新面孔"


@time_machine.travel(NOW, tick=False)
async def test_ctrl_o_makes_it_an_outgoing_call(desk, store) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        await pilot.press("c", "ctrl+o")
        fill(app.screen, summary="通知开会")
        await press(pilot, "ctrl+s")
        assert [c.direction for c in rows(store, Call)] == ["outgoing"]


@time_machine.travel(NOW, tick=False)
async def test_edit_keeps_history_and_delete_can_be_undone(desk, store) -> None:  # noqa: ANN001
    store.run(lambda s: f.call(s, f.local(2026, 11, 27, 9), caller="原名", summary="原内容"))
    async with desk() as pilot:
        app = pilot.app
        await press(pilot, "3", "e")
        assert isinstance(app.screen, CallForm)
        assert app.screen.query_one("#f-caller", Input).value == "原名"
        fill(app.screen, summary="新内容")
        await press(pilot, "ctrl+s")
        (call,) = rows(store, Call)
        assert call.summary == "新内容"
        update = [e for e in rows(store, Event) if e.action == "update"]
        assert json.loads(update[0].data)["summary"] == ["原内容", "新内容"]

        await pilot.press("3", "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert rows(store, Call)[0].deleted_at is not None
        assert "Deleted. Press u to undo." in toasts(app)
        await wait_until(pilot, lambda: app.screen.query_one("#calls", Panel).table.row_count == 0)
        await press(pilot, "u")
        assert rows(store, Call)[0].deleted_at is None
        await wait_until(pilot, lambda: app.screen.query_one("#calls", Panel).table.row_count == 1)
        actions = [e.action for e in rows(store, Event)]
        assert actions[-2:] == ["delete", "restore"]


@time_machine.travel(NOW, tick=False)
async def test_visitor_registered_then_marked_left(desk, store) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        await pilot.press("v")
        assert isinstance(app.screen, RecordForm) and app.screen.kind.name == "visit"
        form = app.screen
        fill(
            form, name="[bold]赵六", host="刘局长", id_number="110101199001011234", purpose="送材料"
        )
        form.query_one("#f-purpose", Input).focus()
        await press(pilot, "enter")
        assert "Visitor saved" in toasts(app)
        panel = app.screen.query_one("#visitors", Panel)
        await wait_until(pilot, lambda: panel.table.row_count == 1)
        assert str(panel.table.get_row_at(0)[1]) == "[bold]赵六"
        await press(pilot, "5", "o")
        (visit,) = rows(store, Visit)
        assert visit.left_at is not None and visit.id_number == "110101199001011234"
        await wait_until(pilot, lambda: panel.table.row_count == 0)
        assert "Marked as left. Press u to undo." in toasts(app)
        await press(pilot, "u")
        assert rows(store, Visit)[0].left_at is None
        await wait_until(pilot, lambda: panel.table.row_count == 1)
        assert any(t.startswith("Undone: marked [bold]赵六 as left") for t in toasts(app))
        from secdesk.services import records

        detail = store.run(records.detail, "visit", visit.id)
        assert ("ID number", "**************1234") in detail.fields


@time_machine.travel(NOW, tick=False)
async def test_draft_written_while_typing_and_offered_at_next_start(desk, store) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        await pilot.press("c")
        fill(app.screen, caller="被打断", summary="说到一半电话断了")
        draft_file = config.drafts_dir() / "call.json"
        await wait_until(pilot, draft_file.exists)
        await settle(pilot)
        assert json.loads(draft_file.read_text("utf-8"))["values"]["summary"] == "说到一半电话断了"
    # The app went away without saving: the next start offers the draft back.
    async with desk() as pilot:
        app = pilot.app
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert isinstance(app.screen, CallForm)
        assert app.screen.query_one("#f-summary", Input).value == "说到一半电话断了"
        await press(pilot, "ctrl+s")
        assert [c.caller for c in rows(store, Call)] == ["被打断"]
        assert not draft_file.exists()


@time_machine.travel(NOW, tick=False)
async def test_one_key_makes_a_supervision_item_from_a_call(desk, store) -> None:  # noqa: ANN001
    from secdesk.models import SupervisionItem

    store.run(
        lambda s: f.call(
            s, f.local(2026, 11, 27, 9), caller="刘局长", summary="督促各科室本周五前报送总结"
        )
    )
    async with desk() as pilot:
        app = pilot.app
        await press(pilot, "3", "s")
        (item,) = rows(store, SupervisionItem)
        assert item.title == "督促各科室本周五前报送总结" and item.call_id is not None
        assert any("Supervision item #1 made from the call" in t for t in toasts(app))
        panel = app.screen.query_one("#supervision", Panel)
        await wait_until(pilot, lambda: panel.table.row_count == 1)


@time_machine.travel(NOW, tick=False)
async def test_a_failing_background_job_is_reported_not_fatal(desk, store, monkeypatch) -> None:  # noqa: ANN001
    """A broken disk during a save-like job: one plain sentence (never SQLite's own text),
    and the desk goes on."""
    import sqlite3

    from secdesk.office import visits

    store.run(lambda s: f.visit(s, f.local(2026, 11, 27, 9), name="甲"))

    def broken(*_args, **_kwargs) -> None:  # noqa: ANN002, ANN003
        raise sqlite3.OperationalError("disk I/O error \x1b[2J [bold]")

    monkeypatch.setattr(visits, "mark_left", broken)
    async with desk() as pilot:
        app = pilot.app
        await pilot.press("5", "o")
        await wait_until(pilot, lambda: any("The disk reported an error" in t for t in toasts(app)))
        assert app.is_running
        assert not any("disk I/O error" in t or "\x1b" in t for t in toasts(app))


@time_machine.travel(NOW, tick=False)
async def test_hostile_contact_names_in_suggestions(desk, store) -> None:  # noqa: ANN001
    for name in ("[/]张三", "[@click=app.quit]张四", "张\x1b[2J五"):
        store.run(lambda s, name=name: f.contact(s, name, [], "[bold]某局"))
    async with desk() as pilot:
        app = pilot.app
        await press(pilot, "c", "张")
        options = app.screen.query_one("#suggest-caller", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "[/]张三 · [bold]某局" in prompts and "张␛[2J五 · [bold]某局" in prompts
        await pilot.press("right")
        assert app.is_running
        assert app.screen.query_one("#f-organization", Input).value == "[bold]某局"


@time_machine.travel(NOW, tick=False)
async def test_a_half_typed_form_is_not_swapped_away(desk, store) -> None:  # noqa: ANN001
    """The palette's screen commands ask before leaving a form with typing in it; keeping
    it leaves everything typed in place."""
    async with desk() as pilot:
        app = pilot.app
        await start_form(pilot, "c", caller="说到一半")
        await pilot.pause()
        app.action_show_list("call")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "is not saved. Save it now?" in str(app.screen.question)
        await pilot.press("n")
        assert isinstance(app.screen, CallForm)
        assert app.screen.query_one("#f-caller", Input).value == "说到一半"


@time_machine.travel(NOW, tick=False)
async def test_keys_typed_right_after_saving_reach_the_desk(desk, store) -> None:  # noqa: ANN001
    """Enter saves; a 'c' typed before the form has closed opens the next call form."""
    async with desk() as pilot:
        app = pilot.app
        first = await start_form(pilot, "c", summary="第一通")
        first.query_one("#f-summary", Input).focus()
        await pilot.press("enter", "c")
        await wait_until(
            pilot, lambda: isinstance(app.screen, CallForm) and app.screen is not first
        )
        assert app.screen.query_one("#f-summary", Input).value == ""
        assert [c.summary for c in rows(store, Call)] == ["第一通"]


@time_machine.travel(NOW, tick=False)
async def test_arrows_pick_among_contact_suggestions(desk, store) -> None:  # noqa: ANN001
    """Three contacts match what is typed: ↓ ↓ highlights the third, ↑ goes back to the
    second, ↓ to the third again, and → takes the third, with its number and organisation."""
    people = {
        "张一 · 某市财政局 · 13800000001": ("张一", "13800000001", "某市财政局"),
        "张二 · 某区教育局 · 13800000002": ("张二", "13800000002", "某区教育局"),
        "张三 · 某县审计局 · 13800000003": ("张三", "13800000003", "某县审计局"),
    }
    store.run(
        lambda s: [
            f.contact(s, name, [(number, "mobile")], org) for name, number, org in people.values()
        ]
    )
    async with desk() as pilot:
        app = pilot.app
        await press(pilot, "c", "张")
        options = app.screen.query_one("#suggest-caller", OptionList)

        def highlighted() -> str:
            assert options.highlighted is not None
            return str(options.get_option_at_index(options.highlighted).prompt)

        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert sorted(shown) == sorted(people)
        assert highlighted() == shown[0]
        await pilot.press("down", "down")
        assert highlighted() == shown[2]
        await pilot.press("up")
        assert highlighted() == shown[1]
        await pilot.press("down", "right")
        form = app.screen
        taken = tuple(
            form.query_one(f"#f-{name}", Input).value
            for name in ("caller", "number", "organization")
        )
        assert taken == people[shown[2]]
        assert not options.display
