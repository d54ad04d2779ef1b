"""The lists every record kind gets from its declaration: newest first, filtered and paged
from SQL, Enter opens a record, the kind's own keys act on the selected one."""

from __future__ import annotations

import time_machine
from sqlmodel import select
from textual.widgets import Input, Static

from secdesk.models import Call
from secdesk.screens.detail import DetailScreen
from secdesk.screens.lists import RecordListScreen
from secdesk.widgets.fields import Cycle
from tests import factories as f
from tests.conftest import settle, wait_until
from tests.ui.helpers import detail_values, fill, press, press_for_form, rows, shown, toasts

NOW = "2026-11-27 10:32:00 +0800"


@time_machine.travel(NOW, tick=False)
async def test_calls_log_filters_and_pages(desk, store) -> None:  # noqa: ANN001
    def seed(s) -> None:  # noqa: ANN001
        for i in range(130):
            f.call(
                s,
                f.local(2026, 11, 1 + i % 26, 8 + i % 9, i % 60),
                caller=f"来电{i:03d}",
                summary="预算" if i % 10 == 0 else "其他",
                direction="outgoing" if i % 4 == 0 else "incoming",
            )
        f.call(s, f.local(2026, 11, 27, 10), caller="[/]最新", number="13800138000", summary="新")

    store.run(seed)
    async with desk() as pilot:
        app = pilot.app
        await press(pilot, "C")
        assert isinstance(app.screen, RecordListScreen) and app.screen.kind.name == "call"
        assert shown(app)[0][2] == "[/]最新"
        assert len(shown(app)) == 100
        status = lambda: str(app.screen.query_one("#log-status", Static).render())  # noqa: E731
        assert status() == "Calls log  ·  1-100 of 131"
        await press(pilot, "right_square_bracket")
        assert status().endswith("101-131 of 131") and len(shown(app)) == 31
        await press(pilot, "left_square_bracket")
        assert status().endswith("1-100 of 131") and shown(app)[0][2] == "[/]最新"
        await pilot.press("slash")
        app.screen.query_one("#filter-text", Input).value = "预算"
        await settle(pilot)
        assert status().endswith("1-13 of 13")
        assert {row[5] for row in shown(app)} == {"预算"}
        app.screen.query_one("#filter-direction", Cycle).value = "outgoing"
        await settle(pilot)
        assert all(row[0].startswith("→") for row in shown(app))
        assert status().endswith("1-7 of 7")
        app.screen.query_one("#filter-text", Input).value = ""
        app.screen.query_one("#filter-direction", Cycle).value = ""
        app.screen.query_one("#filter-from", Input).value = "2026-11-26"
        app.screen.query_one("#filter-to", Input).value = "11-26"
        await settle(pilot)
        assert {row[1][:6] for row in shown(app)} == {"26 Nov"}
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, RecordListScreen)


@time_machine.travel(NOW, tick=False)
async def test_visits_log_marks_left_deletes_and_undoes_both(desk, store) -> None:  # noqa: ANN001
    store.run(
        lambda s: [
            f.visit(s, f.local(2026, 11, 27, 9), name="甲"),
            f.visit(s, f.local(2026, 11, 26, 9), name="乙", left_at=f.local(2026, 11, 26, 10)),
        ]
    )
    async with desk() as pilot:
        app = pilot.app
        await press(pilot, "V")
        assert isinstance(app.screen, RecordListScreen) and app.screen.kind.name == "visit"
        assert [r[1] for r in shown(app)] == ["甲", "乙"]
        assert [r[5] for r in shown(app)] == ["", "10:00"]
        await press(pilot, "o")
        await wait_until(pilot, lambda: shown(app)[0][5] == "10:32")
        await press(pilot, "d", "y")
        await wait_until(pilot, lambda: [r[1] for r in shown(app)] == ["乙"])
        await press(pilot, "u")
        await wait_until(pilot, lambda: [r[1] for r in shown(app)] == ["甲", "乙"])
        await pilot.press("u")  # the "left" mark before the delete
        await settle(pilot)
        await wait_until(pilot, lambda: shown(app)[0][5] == "")
        await press(pilot, "u")
        assert any(t.startswith("Nothing to undo.") for t in toasts(app))


@time_machine.travel(NOW, tick=False)
async def test_a_failing_list_query_is_reported(desk, store, monkeypatch) -> None:  # noqa: ANN001
    """A screen's own worker fails: the desk says so in a sentence and keeps running."""
    import sqlite3

    from secdesk.office.calls import log as calls

    def broken(*_args, **_kwargs) -> None:  # noqa: ANN002, ANN003
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(calls.SERVICE, "page", broken)
    async with desk() as pilot:
        app = pilot.app
        await pilot.press("C")
        await wait_until(pilot, lambda: any("busy" in t for t in toasts(app)))
        assert not any("database is locked" in t for t in toasts(app))
        assert app.is_running and isinstance(app.screen, RecordListScreen)


@time_machine.travel(NOW, tick=False)
async def test_enter_opens_the_record_and_e_edits_it_from_there(desk, store) -> None:  # noqa: ANN001
    store.run(lambda s: f.call(s, f.local(2026, 11, 20, 9), caller="王主任", summary="[/]预算"))
    async with desk() as pilot:
        app = pilot.app
        await press(pilot, "C")
        await press(pilot, "enter")
        assert isinstance(app.screen, DetailScreen)
        lines = detail_values(app)
        assert lines["Caller"] == "王主任" and lines["Summary"] == "[/]预算"
        await press(pilot, "e")
        from secdesk.screens.call_form import CallForm

        assert isinstance(app.screen, CallForm)
        assert app.screen.query_one("#f-summary", Input).value == "[/]预算"
        fill(app.screen, summary="[/]预算已报")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DetailScreen)
        (call,) = rows(store, Call)
        assert (call.caller, call.summary) == ("王主任", "[/]预算已报")
        await wait_until(pilot, lambda: "[/]预算已报" in detail_values(app).values())


@time_machine.travel(NOW, tick=False)
async def test_tasks_and_petitions_made_from_calls_have_lists(desk, store) -> None:  # noqa: ANN001
    """t and p on a call make records that their own lists (T, L) then show."""
    store.run(lambda s: f.call(s, f.local(2026, 11, 27, 9), caller="市民老李", summary="路灯坏了"))
    async with desk() as pilot:
        app = pilot.app
        await press(pilot, "3", "t", "3", "p")
        await press(pilot, "T")
        assert app.screen.title == "Tasks"
        assert [r[1] for r in shown(app)] == ["路灯坏了"]
        await press(pilot, "escape", "L")
        assert app.screen.title == "Letters and visits"
        (row,) = shown(app)
        # Received when the call came; the reply is due 15 days later (a working day).
        assert row[:4] == ["27 Nov 09:00", "Phone", "市民老李", "路灯坏了"]
        assert row[4] == "decide and tell 14 Dec"


@time_machine.travel(NOW, tick=False)
async def test_e_in_the_visits_log_edits_the_visitor_and_the_audit_keeps_old_and_new(
    desk,
    store,  # noqa: ANN001
) -> None:
    """V, then e on a visitor: the form opens filled in; a new host saved with Ctrl+S is
    stored, shown in the log, and the audit trail holds the host before and after."""
    import json

    from secdesk.calendar import clock
    from secdesk.models import Event, Visit

    store.run(
        lambda s: f.visit(s, f.local(2026, 11, 27, 9), name="赵六", host="刘局长", purpose="送材料")
    )
    async with desk() as pilot:
        app = pilot.app
        await press(pilot, "V")
        assert [r[1] for r in shown(app)] == ["赵六"]
        form = await press_for_form(pilot, "e", "visit")
        assert form.query_one("#f-name", Input).value == "赵六"
        assert form.query_one("#f-host", Input).value == "刘局长"
        fill(form, host="王副局长[/]")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, RecordListScreen) and app.screen.kind.name == "visit"
        await wait_until(pilot, lambda: shown(app)[0][3] == "王副局长[/]")
        assert "Visitor saved" in toasts(app)
    (visit,) = rows(store, Visit)
    assert (visit.name, visit.host, visit.purpose) == ("赵六", "王副局长[/]", "送材料")
    assert clock.to_local(visit.arrived_at) == f.local(2026, 11, 27, 9)  # left as it was
    (update,) = store.run(
        lambda s: list(
            s.exec(select(Event).where(Event.entity == "visit", Event.action == "update"))
        )
    )
    assert update.entity_id == visit.id
    assert json.loads(update.data) == {"host": ["刘局长", "王副局长[/]"]}
