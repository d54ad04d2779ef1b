"""The director's desk on the shared PostgreSQL database through a role that may only read:
it says so in the header, shows the day, masks classified titles until revealed, and a
form saved there is refused in one sentence (the form stays open, nothing saved)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from textual.widgets import Input

from secdesk.app import SecDeskApp
from secdesk.config import Settings
from secdesk.screens.call_form import CallForm
from secdesk.services import records
from secdesk.services.inputs import CallInput
from secdesk.services.store import Store
from secdesk.services.views import ListFilter
from secdesk.widgets.panel import Panel
from tests import factories as f
from tests.conftest import PgServer, settle, wait_until
from tests.ui.helpers import fill, press, screen_text, toasts

NOW = "2026-11-27 10:32:00 +0800"
READ_ONLY = (
    "This desk may only read the shared database (its PostgreSQL role has no right to "
    "save): nothing was saved."
)


@pytest.fixture
def director(pg_url: str, pg_server: PgServer, tmp_path: Path):  # noqa: ANN201
    """The shared database with a call and a top-secret document saved by the secretary,
    opened by the director's role (SELECT only)."""
    secretary = Store(tmp_path / "secretary.db", url=pg_url)
    at = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
    secretary.write(records.create, "call", CallInput(at, caller="王主任", summary="明早开会"))
    secretary.write(lambda s: f.document(s, title="绝密标题", classification="top_secret"))
    secretary.close()
    store = Store(tmp_path / "director.db", url=pg_server.reader(pg_url))
    yield store
    store.close()


@time_machine.travel(NOW, tick=False)
async def test_a_read_only_desk_says_so_and_refuses_a_save_in_one_sentence(
    director: Store,
) -> None:
    app = SecDeskApp(director, Settings(), watch_changes=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        calls = app.screen.query_one("#calls", Panel)
        await wait_until(pilot, lambda: calls.table.row_count == 1)
        assert "read-only: this desk may look, not save" in screen_text(app)
        inbox = app.screen.query_one("#inbox", Panel)
        await wait_until(pilot, lambda: inbox.table.row_count == 1)
        assert "绝密标题" not in screen_text(app)
        assert toasts(app) == []  # opening and reading the day saved nothing, so nothing failed
        form = await press(pilot, "c")
        assert isinstance(form, CallForm)
        fill(form, caller="李四", summary="主任记的")
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: READ_ONLY in toasts(app))
        assert app.screen is form
        assert form.query_one("#f-summary", Input).value == "主任记的"
    assert director.run(records.page, "call", ListFilter()).total == 1
