"""Pilot pushes hostile text (markup, a terminal escape, emoji, right-to-left text,
combining marks) through every form of every kind: it is saved exactly as typed, and the
desk never stops."""

from __future__ import annotations

import pytest
import time_machine

from secdesk.kinds import get, kinds
from secdesk.screens.confirm import ConfirmScreen
from secdesk.screens.form import RecordForm
from secdesk.services import records
from secdesk.services.views import ListFilter
from tests.conftest import settle, wait_until
from tests.ui.helpers import press
from tests.unit.test_kinds_contract import SAMPLES

NOW = "2026-11-27 10:32:00 +0800"
SAMPLE = "[bold]张三[/] \x1b[2J 👨‍👩‍👧 مرحبا e\u0301 [link=x]y"


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("name", [k.name for k in kinds() if k.enterable])
async def test_hostile_text_through_every_form(desk, store, name: str) -> None:  # noqa: ANN001
    kind = get(name)
    async with desk((160, 50)) as pilot:
        app = pilot.app
        app.open_form(name)
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm)
        # Text fields with a format of their own (a meeting's end: 16:30 or 90m) get a
        # value in that format; every other text field gets the hostile text.
        formatted = {f.name for f in kind.form if f"{name}.{f.name}" in SAMPLES}
        texts = [
            f.name
            for f in kind.form
            if f.kind in ("text", "multiline", "lookup") and f.name not in formatted
        ]
        for field in texts:
            form.set_value(field, SAMPLE)
        for field in formatted:
            form.set_value(field, SAMPLES[f"{name}.{field}"])
        for field in kind.form:
            if field.kind == "deadline":
                form.set_value(field.name, "15d")
        await press(pilot, "ctrl+s")
        if isinstance(app.screen, ConfirmScreen):  # asked once (a new series of numbers): yes
            await press(pilot, "y")
        assert app.is_running
        errors = [str(e.render()) for e in form.query(".form-error") if e.display]
        assert app.screen is not form, f"{name}: not saved: {errors}"
        found = store.run(records.page, name, ListFilter())
    (row,) = found.rows
    obj = store.run(records.get_record, name, row.id)
    assert any(getattr(obj, field) == SAMPLE for field in texts)
