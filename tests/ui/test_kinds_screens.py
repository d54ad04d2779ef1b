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
from tests.conftest import settle
from tests.unit.test_kinds_contract import MARK, make

NOW = "2026-11-27 10:32:00 +0800"
SHOWN = MARK.replace("\x1b", "␛")


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("name", [k.name for k in kinds() if k.listing and k.screen_key])
async def test_screen_key_list_enter_detail_and_new_form(make_app, store, name: str) -> None:
    kind = get(name)
    record_id = store.run(lambda s: make(s, kind))
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press(kind.screen_key)
        await settle(pilot)
        assert isinstance(app.screen, RecordListScreen) and app.screen.kind is kind
        table = app.screen.query_one("#log", DataTable)
        assert table.row_count == 1
        cells = [str(c) for c in table.get_row_at(0)]
        assert any(c == SHOWN or (c.endswith("…") and SHOWN.startswith(c[:-1])) for c in cells)
        if not kind.listing.enter_edits:
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, DetailScreen) and app.screen.record_id == record_id
            fields = app.screen.query_one("#detail-fields", DataTable)
            shown = [str(fields.get_row_at(i)[1]) for i in range(fields.row_count)]
            assert any(SHOWN in value for value in shown)
            await pilot.press("escape")
        if kind.enterable:
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, RecordForm) and app.screen.kind is kind
            for field in kind.form:
                assert app.screen.query_one(f"#f-{field.name}")
            await pilot.press("escape")
        assert app.is_running
