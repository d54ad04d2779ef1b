"""Every registered kind gets its list, its detail view and its form through the generic
screens: its screen key opens the list, Enter the record, n the form; hostile text is
shown literally all the way."""

from __future__ import annotations

import pytest
import time_machine
from textual.widgets import DataTable

from secdesk.kinds import get, kinds
from secdesk.screens.detail import DetailScreen
from secdesk.screens.form import RecordForm
from secdesk.screens.lists import RecordListScreen
from tests.ui.helpers import press, shown
from tests.unit.test_kinds_contract import MARK, make

NOW = "2026-11-27 10:32:00 +0800"
SHOWN = MARK.replace("\x1b", "␛")


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("name", [k.name for k in kinds() if k.listing and k.screen_key])
async def test_screen_key_list_enter_detail_and_new_form(desk, store, name: str) -> None:
    kind = get(name)
    record_id = store.run(lambda s: make(s, kind))
    async with desk((160, 40)) as pilot:
        app = pilot.app
        await press(pilot, kind.screen_key)
        assert isinstance(app.screen, RecordListScreen) and app.screen.kind is kind
        table = app.screen.query_one("#log", DataTable)
        assert table.row_count == 1
        cells = [str(c) for c in table.get_row_at(0)]
        assert any(c == SHOWN or (c.endswith("…") and SHOWN.startswith(c[:-1])) for c in cells)
        if not kind.listing.enter_edits:
            await press(pilot, "enter")
            assert isinstance(app.screen, DetailScreen) and app.screen.record_id == record_id
            assert any(SHOWN in row[1] for row in shown(app, "#detail-fields"))
            await pilot.press("escape")
        if kind.enterable:
            await press(pilot, "n")
            assert isinstance(app.screen, RecordForm) and app.screen.kind is kind
            for field in kind.form:
                assert app.screen.query_one(f"#f-{field.name}")
            await pilot.press("escape")
        assert app.is_running
