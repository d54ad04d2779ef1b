"""The desk's forms keep the one rule for times and limits: a limit before its start is
refused under its field, one years away is asked about once."""

from __future__ import annotations

import time_machine

from secdesk.models import IncomingDocument
from secdesk.screens.confirm import ConfirmScreen
from secdesk.screens.form import RecordForm
from tests.conftest import wait_until
from tests.ui.helpers import fill, press, rows

NOW = "2026-12-05 10:00:00 +0800"


@time_machine.travel(NOW, tick=False)
async def test_the_incoming_form_refuses_a_limit_before_receipt_and_asks_about_2099(
    desk, store
) -> None:  # noqa: ANN001, E501
    """-5d is refused under the limit; 2099-12-31 is asked about, and y keeps it."""
    typed = {"sender": "某市政府办公室", "title": "关于年终工作的通知", "due": "-5d"}
    async with desk((140, 45)) as pilot:
        form = await press(pilot, "r")
        fill(form, **typed)
        await press(pilot, "ctrl+s")
        app = pilot.app
        assert isinstance(form, RecordForm) and app.screen is form
        error = str(form.query_one("#error-due").render())
        assert "comes before its start, 2026-12-05" in error
        assert rows(store, IncomingDocument) == []
        fill(form, due="2099-12-31")
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "2099-12-31 is more than two years after 2026-12-05" in app.screen.question
        await press(pilot, "y")
        await wait_until(pilot, lambda: len(rows(store, IncomingDocument)) == 1)
        (doc,) = rows(store, IncomingDocument)
        assert doc.due.isoformat() == "2099-12-31"
