"""Pictures of the dashboard and the main lists at the default 80×24 window and at 120×40,
in English and Chinese, on the demo office of Friday 27 November 2026, 10:00
(pytest-textual-snapshot)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import time_machine

from secdesk import i18n
from tests.conftest import settle, wait_until
from tests.ui.conftest import DEMO_NOW
from tests.ui.helpers import press

#: What each picture shows, by the keys that open it from the dashboard.
SCREENS = {
    "dashboard": (
        (),
        "The five panels share the height (the visitors take at most a quarter); the inbox "
        "shows its receipt numbers, 特急/加急 marks and due dates whole and gives the title "
        "the rest; the meetings panel names the coming days by weekday.",
    ),
    "incoming": (
        ("I",),
        "The incoming register: the search box first and wide, the value filters on one "
        "line; receipt numbers, dates and due dates whole, urgency and classification as "
        "marks (blank for a normal, unclassified document), the title with the most room.",
    ),
    "outgoing": (
        ("O",),
        "The outgoing register: document numbers (某区政办发〔2026〕388号) and dates never cut, "
        "the columns that may go left out before the title is squeezed.",
    ),
    "meetings": (
        ("M",),
        "The meetings list: start times whole, the meeting's title with the room, place "
        "and chair where there is room for them.",
    ),
    "supervision": (
        ("S",),
        "The supervision list: days left, due dates and percentages whole, the matter with "
        "the room the lead unit does not need.",
    ),
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("screen", list(SCREENS))
@time_machine.travel(DEMO_NOW, tick=False)
def test_screen_at_size(
    snap_compare, demo_office: Path, tmp_path: Path, screen, language, size
) -> None:  # noqa: ANN001
    """Each screen as SCREENS describes it, at the size and in the language given: no
    number, time or date cut, no sideways scrollbar, the search box in view."""
    from secdesk.app import SecDeskApp
    from secdesk.config import Settings
    from secdesk.services.store import Store

    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_office, copy)
    i18n.set_language(language)
    keys, _what = SCREENS[screen]

    async def open_screen(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        if keys:
            screen = await press(pilot, *keys)
            # The list's rows are read in a worker; then it moves to today's row, and the
            # table scrolls to it after the next refresh: the picture waits for all three
            # (else the scrollbar's thumb is caught at the top or half-way).
            await wait_until(pilot, lambda: screen.table.row_count > 0 and screen.landing is None)
            await settle(pilot)
            # Then to its first row (the meetings list opens on today's row, further down:
            # test_small_terminal): a scrolled list's thumb could be painted a refresh late
            # on a loaded machine, and the picture is of the columns.
            table = screen.table
            table.move_cursor(row=0, animate=False)
            table.scroll_home(animate=False)
            seen = None
            while seen != (table.scroll_y, table.cursor_row):
                seen = (table.scroll_y, table.cursor_row)
                await pilot.wait_for_scheduled_animations()
                await pilot.pause()
                await pilot.pause()
            assert table.scroll_y == 0
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    app = SecDeskApp(Store(copy), Settings(language=language), watch_changes=False)
    # The background jobs (the day's backup, drafts, key checks) start 5 s after the desk:
    # on a loaded machine they would start while the picture is taken, and move the list.
    app.background_started = True
    assert snap_compare(app, terminal_size=size, run_before=open_screen)
