"""The full Calls and Visits logs: newest first, filtered and paged from SQL."""

from __future__ import annotations

import time_machine
from textual.widgets import DataTable, Input, Static

from secdesk.screens.form import Cycle
from secdesk.screens.logs import CallsScreen, VisitsScreen
from tests import factories as f
from tests.conftest import settle, wait_until

NOW = "2026-11-27 10:32:00 +0800"


def shown(app) -> list[list[str]]:  # noqa: ANN001
    table = app.screen.query_one("#log", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


@time_machine.travel(NOW, tick=False)
async def test_calls_log_filters_and_pages(make_app, store) -> None:  # noqa: ANN001
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
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, CallsScreen)
        assert shown(app)[0][2] == "[/]最新"
        assert len(shown(app)) == 100
        status = lambda: str(app.screen.query_one("#log-status", Static).render())  # noqa: E731
        assert status() == "Calls log  ·  1-100 of 131"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert status().endswith("101-131 of 131") and len(shown(app)) == 31
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
        assert {row[1][:10] for row in shown(app)} == {"2026-11-26"}
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, CallsScreen)


@time_machine.travel(NOW, tick=False)
async def test_visits_log_marks_left_and_deletes_with_undo(make_app, store) -> None:  # noqa: ANN001
    store.run(
        lambda s: [
            f.visit(s, f.local(2026, 11, 27, 9), name="甲"),
            f.visit(s, f.local(2026, 11, 26, 9), name="乙", left_at=f.local(2026, 11, 26, 10)),
        ]
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        assert isinstance(app.screen, VisitsScreen)
        assert [r[1] for r in shown(app)] == ["甲", "乙"]
        await pilot.press("d", "y")
        await settle(pilot)
        await wait_until(pilot, lambda: [r[1] for r in shown(app)] == ["乙"])
        await pilot.press("u")
        await settle(pilot)
        await wait_until(pilot, lambda: [r[1] for r in shown(app)] == ["甲", "乙"])


@time_machine.travel(NOW, tick=False)
async def test_a_failing_list_query_is_reported(make_app, store, monkeypatch) -> None:  # noqa: ANN001
    """A screen's own worker fails: the desk says so and keeps running."""
    from secdesk.services import calls

    def broken(*_args, **_kwargs) -> None:  # noqa: ANN002, ANN003
        raise RuntimeError("database is locked")

    monkeypatch.setattr(calls, "list_calls", broken)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await wait_until(
            pilot, lambda: any("database is locked" in str(n.message) for n in app._notifications)
        )
        assert app.is_running and isinstance(app.screen, CallsScreen)
