"""Registering documents at the desk by keyboard alone."""

from __future__ import annotations

import time_machine
from sqlmodel import select
from textual.widgets import Input

from secdesk.models import IncomingDocument, OutgoingDocument
from secdesk.screens.form import RecordForm
from secdesk.widgets.panel import Panel
from tests.conftest import settle, wait_until

NOW = "2026-11-27 10:32:00 +0800"


def rows(store, model):  # noqa: ANN001, ANN201
    return store.run(lambda s: list(s.exec(select(model)).all()))


def toasts(app) -> list[str]:  # noqa: ANN001
    return [str(n.message) for n in app._notifications]


@time_machine.travel(NOW, tick=False)
async def test_r_registers_an_incoming_document_and_the_inbox_shows_its_number(
    make_app,
    store,  # noqa: ANN001
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        form = app.screen
        assert isinstance(form, RecordForm)
        sender = form.query_one("#f-sender", Input)
        assert app.focused is sender
        sender.value = "某市应急管理局"
        await pilot.press("enter")
        form.query_one("#f-doc_number", Input).value = "某应急发[2026]15号"
        await pilot.press("enter")
        form.query_one("#f-title", Input).value = "关于做好冬季安全生产工作的通知"
        await pilot.press("enter")  # type: 通知 (the default)
        await pilot.press("enter")  # classification
        await pilot.press("enter")  # secrecy period
        await pilot.press("enter")  # urgency
        await pilot.press("space")  # -> urgent
        await pilot.press("enter")
        await pilot.press("enter")  # copies: 1
        await pilot.press("enter")  # attachments
        await pilot.press("enter")  # received: now
        form.query_one("#f-due", Input).value = "10wd"
        await pilot.press("enter")  # the last field saves
        await settle(pilot)
        assert not isinstance(app.screen, RecordForm)
        (doc,) = rows(store, IncomingDocument)
        assert doc.receipt_number == "2026-0001"
        assert doc.doc_number == "某应急发〔2026〕15号"
        assert doc.urgency == "urgent" and str(doc.due) == "2026-12-11"
        assert any("2026-0001" in t for t in toasts(app))
        inbox = app.screen.query_one("#inbox", Panel)
        await wait_until(pilot, lambda: inbox.table.row_count == 1)
        first = [str(c) for c in inbox.table.get_row_at(0)]
        assert "2026-0001" in first[0]


@time_machine.travel(NOW, tick=False)
async def test_w_drafts_an_outgoing_document(make_app, store) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#f-title", Input).value = "关于印发[/]工作方案的通知"
        await pilot.press("enter")
        form.query_one("#f-prefix", Input).value = "某府办发"
        await pilot.press("ctrl+s")
        await settle(pilot)
        (doc,) = rows(store, OutgoingDocument)
        assert (doc.title, doc.prefix, doc.status, doc.doc_number) == (
            "关于印发[/]工作方案的通知",
            "某府办发",
            "drafted",
            "",
        )


@time_machine.travel(NOW, tick=False)
async def test_classified_titles_show_only_while_revealed_on_the_screen(
    make_app,
    store,  # noqa: ANN001
) -> None:
    from secdesk.screens.lists import RecordListScreen
    from secdesk.widgets.record_table import RecordTable
    from tests import factories as f

    store.write(lambda s: f.document(s, title="绝密标题[/]", classification="top_secret"))
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        inbox = app.screen.query_one("#inbox", Panel)
        await wait_until(pilot, lambda: inbox.table.row_count == 1)
        assert all("绝密标题" not in str(c) for c in inbox.table.get_row_at(0))
        await pilot.press("I")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecordListScreen)
        table = screen.query_one("#log", RecordTable)
        await wait_until(pilot, lambda: table.row_count == 1)

        def titles() -> list[str]:
            return [str(c) for c in table.get_row_at(0)]

        assert not any("绝密标题" in t for t in titles())
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: any("绝密标题[/]" in t for t in titles()))
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)
        table = app.screen.query_one("#log", RecordTable)
        await wait_until(pilot, lambda: table.row_count == 1)
        assert not any("绝密标题" in str(c) for c in table.get_row_at(0))
