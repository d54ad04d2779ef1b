"""A long day at the desk does not slow it down (``widgets.heap``): a screen closed is
freed with every line it painted, and what the desk holds once it has read the day is
frozen out of the garbage collector's walks."""

from __future__ import annotations

import gc

from textual._styles_cache import StylesCache

from secdesk import collector
from secdesk.screens.lists import RecordListScreen
from secdesk.widgets import heap
from tests.conftest import wait_until
from tests.ui.helpers import press


def live(kind: type) -> int:
    gc.collect()
    return sum(isinstance(o, kind) for o in gc.get_objects())


async def test_a_closed_list_leaves_nothing_behind(desk) -> None:  # noqa: ANN001
    """Open and close the Meetings list three times: no widget's painted lines are kept
    (Textual's style cache held the last 1,024 widgets', and the heap grew per open)."""
    async with desk((120, 40)) as pilot:
        kept = []
        for _ in range(3):
            assert isinstance(await press(pilot, "M"), RecordListScreen)
            assert not isinstance(await press(pilot, "escape"), RecordListScreen)
            kept.append((live(StylesCache), live(RecordListScreen)))
        assert kept[2] == kept[1], kept


async def test_the_start_is_frozen_once_the_day_is_read(desk, monkeypatch) -> None:  # noqa: ANN001
    """The collector is off while the desk starts (``cli.run``); once the dashboard shows
    the database's own read, the start's objects are frozen and the collector is back."""
    gc.unfreeze()
    monkeypatch.setattr(heap, "_settled", False)
    collector.hold()  # as ``cli.run`` does, then ``main`` for the desk
    collector.hold_for_desk()
    try:
        async with desk() as pilot:
            await wait_until(pilot, lambda: pilot.app.screen.fresh)
            await wait_until(pilot, gc.isenabled)
            assert gc.get_freeze_count() > 0
    finally:
        collector.release()
        gc.enable()
