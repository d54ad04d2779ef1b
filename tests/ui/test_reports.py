"""R: the work summary of a period, moved by keys, typed, and exported."""

from __future__ import annotations

import io

import time_machine
from textual.widgets import Input, Static

from secdesk.screens.reports import ReportsScreen, sparkline
from tests import factories as f
from tests.conftest import HOSTILE, wait_until
from tests.ui.helpers import press


def _text(renderable: object) -> str:
    from rich.console import Console

    console = Console(record=True, width=120, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_sparkline_scales_to_the_busiest_day() -> None:
    assert sparkline([0, 1, 2, 4]) == "·▂▄█"
    assert sparkline([0, 0]) == "··"
    assert len(sparkline(list(range(365)))) <= 62


@time_machine.travel("2026-11-20 10:00:00 +0800", tick=False)
async def test_the_months_figures_by_keyboard(desk, store, named_office, tmp_path) -> None:  # noqa: ANN001
    """R shows this month: 2 calls; [ goes to October (1 call); typing 2026-W47 shows
    that week; x writes the .docx and .xlsx."""
    store.write(lambda s: f.call(s, f.local(2026, 10, 31, 23, 30)))
    store.write(lambda s: f.call(s, f.local(2026, 11, 1, 7, 0), caller=HOSTILE[0]))
    store.write(lambda s: f.call(s, f.local(2026, 11, 18, 9, 0)))
    store.write(lambda s: f.document(s, sender=HOSTILE[4]))
    async with desk((120, 50)) as pilot:
        screen = await press(pilot, "R")
        assert isinstance(screen, ReportsScreen)
        await wait_until(pilot, lambda: screen.summary is not None)
        assert screen.summary is not None and screen.summary.figures["calls"] == 2
        shown = _text(screen.query_one("#reports-figures", Static).content)
        assert "Calls" in shown and "2 (2 in, 0 out)" in shown and "␛[2J" in shown
        await press(pilot, "left_square_bracket")
        assert screen.query_one("#reports-period", Input).value == "2026-10"
        assert screen.summary.figures["calls"] == 1
        await press(pilot, "w")
        assert screen.period.name == "2026-W40"
        box = screen.query_one("#reports-period", Input)
        box.focus()
        box.value = "2026-W47"
        await press(pilot, "enter")
        assert (screen.period.start.isoformat(), screen.summary.figures["calls"]) == (
            "2026-11-16",
            1,
        )
        await press(pilot, "x")
        exports = sorted(p.name for p in (store.path.parent / "home").rglob("summary-*"))
        assert exports == ["summary-2026-W47.docx", "summary-2026-W47.xlsx"]
