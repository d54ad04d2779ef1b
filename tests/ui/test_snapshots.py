"""Pictures of key screens with frozen time and demo data (pytest-textual-snapshot)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import time_machine
from textual.widgets import Input

from secdesk.demo import seed_demo
from secdesk.services.store import Store
from tests.conftest import settle
from tests.ui.helpers import fill, press

NOW = "2026-11-27 10:00:00 +0800"


@pytest.fixture
def demo_store(tmp_path: Path):  # noqa: ANN201
    with time_machine.travel(NOW, tick=False):
        seed_demo(tmp_path / "demo.db", years=1, today=date(2026, 11, 27))
    store = Store(tmp_path / "demo.db")
    yield store
    store.close()


def make(store: Store):  # noqa: ANN201
    from secdesk.app import SecDeskApp
    from secdesk.config import Settings

    return SecDeskApp(store, Settings(), watch_changes=False)


@time_machine.travel(NOW, tick=False)
def test_dashboard_with_demo_data(snap_compare, demo_store) -> None:  # noqa: ANN001
    """The dashboard on Friday 27 Nov 2026, 10:00: the header says it is a working day; the
    inbox lists 特急 then 加急 documents with their classification; supervision items
    overdue first in red; today's calls newest first with ! on those awaiting follow-up;
    the week's meetings (the office's weekly meeting among them), today's with an
    unfinished checklist marked !; visitors in the building with yesterday's unsigned-out visitor
    flagged in red."""

    assert snap_compare(make(demo_store), terminal_size=(120, 40), run_before=settle)


@time_machine.travel(NOW, tick=False)
def test_call_form_being_filled(snap_compare, demo_store) -> None:  # noqa: ANN001
    """The call form over the dashboard: caller and summary typed, time showing the moment
    the form opened as its placeholder, direction incoming, the footer with Ctrl+S to save."""

    async def type_call(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        for field_input in pilot.app.screen.query(Input):
            field_input.cursor_blink = False
        fill(pilot.app.screen, caller="王主任", summary="明天的会议改到下午三点")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make(demo_store), terminal_size=(120, 40), run_before=type_call)


@time_machine.travel(NOW, tick=False)
async def test_no_panel_of_the_demo_day_scrolls_sideways(demo_store) -> None:  # noqa: ANN001
    """Panels with more rows than room keep the vertical scrollbar's width free, so their
    columns fit and none shows a sideways scrollbar (the picture above, checked)."""
    from secdesk.widgets.panel import Panel

    app = make(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        crowded = [
            p for p in app.screen.query(Panel) if p.table.row_count + 1 > p.table.size.height
        ]
        assert crowded  # the demo day overflows some panels: the case this checks
        assert [p.id for p in app.screen.query(Panel) if p.table.show_horizontal_scrollbar] == []


@time_machine.travel(NOW, tick=False)
def test_meetings_week_view(snap_compare, demo_store) -> None:  # noqa: ANN001
    """The Meetings week view on Friday 27 Nov 2026: seven columns Monday 23 to Sunday 29
    November, each day's meetings in time order with their place, the weekly 周例会 on
    Monday; today's column (Friday) selected, one of its meetings marked ! (checklist not
    done); the footer lists the week keys ([ ] t x o) and w/k/r."""

    async def open_week(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, "M")
        await press(pilot, "w")
        await press(pilot, "t")

    assert snap_compare(make(demo_store), terminal_size=(120, 40), run_before=open_week)
