"""Keys typed before a form is ready are not lost: Esc and Ctrl+S among them."""

from __future__ import annotations

import time_machine
from textual import events

from secdesk.models import Call
from secdesk.screens.call_form import CallForm
from tests.conftest import settle, wait_until
from tests.ui.helpers import fill, press, rows

NOW = "2026-11-27 10:32:00 +0800"


async def _form_with_early_keys(pilot, *keys: str) -> CallForm:  # noqa: ANN001
    """The call form, as if ``keys`` had been typed while it was still being built."""
    form = await press(pilot, "c")
    assert isinstance(form, CallForm)
    form._early_keys = [events.Key(key, None) for key in keys]
    return form


@time_machine.travel(NOW, tick=False)
async def test_escape_typed_early_closes_the_form(desk, store) -> None:  # noqa: ANN001
    """'c' then Esc at once: the empty call form opens and closes; the desk is back."""
    async with desk() as pilot:
        app = pilot.app
        form = await _form_with_early_keys(pilot, "escape")
        form._replay_early_keys()
        await wait_until(pilot, lambda: not isinstance(app.screen, CallForm))


@time_machine.travel(NOW, tick=False)
async def test_ctrl_s_typed_early_saves_the_form(desk, store) -> None:  # noqa: ANN001
    """Ctrl+S typed before the form was ready saves what is in it, as if typed later."""
    async with desk() as pilot:
        app = pilot.app
        form = await _form_with_early_keys(pilot, "ctrl+s")
        fill(form, summary="早到的保存键")
        form._replay_early_keys()
        await wait_until(pilot, lambda: not isinstance(app.screen, CallForm))
        await settle(pilot)
        saved = [c.summary for c in rows(store, Call)]
        assert saved == ["早到的保存键"]
