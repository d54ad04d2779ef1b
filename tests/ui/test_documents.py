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
async def test_i_drafts_an_outgoing_document(make_app, store) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("i")
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


def status_of(store, model, doc_id: int) -> str:  # noqa: ANN001
    return store.run(lambda s: s.get(model, doc_id).status)


async def step(pilot, key: str, typed: dict[str, str] | None = None) -> None:  # noqa: ANN001
    """Press a step's key on the detail view, fill its form, save with ctrl+s."""
    from textual.widgets import TextArea

    from secdesk.screens.step_form import StepForm

    app = pilot.app
    await pilot.press(key)
    await settle(pilot)
    form = app.screen
    assert isinstance(form, StepForm), f"{key} opened {form!r}"
    for name, value in (typed or {}).items():
        widget = form.query_one(f"#f-{name}")
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value  # type: ignore[attr-defined]
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not isinstance(app.screen, StepForm), app.screen


@time_machine.travel(NOW, tick=False)
async def test_an_incoming_document_from_registration_to_filing_by_keyboard(
    make_app,
    store,  # noqa: ANN001
) -> None:
    from secdesk.models import ArchiveEntry
    from secdesk.screens.detail import DetailScreen

    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        form = app.screen
        form.query_one("#f-sender", Input).value = "某市应急管理局"
        form.query_one("#f-title", Input).value = "关于[/]防汛的通知"
        await pilot.press("ctrl+s")
        await settle(pilot)
        (doc,) = rows(store, IncomingDocument)
        await pilot.press("I")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        life = [
            ("s", {}, "screened"),
            ("p", {"proposed_handling": "请刘局长阅示"}, "proposed"),
            ("j", {"instructed_by": "刘局长", "instruction": "请应急办办理"}, "instructed"),
            ("a", {"undertaking_unit": "区应急办", "due": "10wd"}, "undertaking"),
            ("t", {"readers": "王副局长、张科长"}, "circulating"),
            ("n", {"reader": "王副局长"}, "circulating"),
            ("n", {"reader": "张科长"}, "undertaking"),
            ("h", {"note": "电话催办"}, "undertaking"),
            ("o", {"result": "已按要求落实"}, "completed"),
            ("f", {}, "filed"),
        ]
        for key, typed, state in life:
            await step(pilot, key, typed)
            assert isinstance(app.screen, DetailScreen)
            assert status_of(store, IncomingDocument, doc.id) == state, key
        (entry,) = rows(store, ArchiveEntry)
        assert (entry.retention, entry.item_number) == ("permanent", 1)
        # The history is on the view, and u takes the filing back there.
        detail = app.screen
        await wait_until(pilot, lambda: len(detail.detail.history) == 10)
        await pilot.press("u")
        await settle(pilot)
        assert status_of(store, IncomingDocument, doc.id) == "completed"
        assert app.screen is detail
        await wait_until(pilot, lambda: len(detail.detail.history) == 9)
        assert [e.deleted_at is not None for e in rows(store, ArchiveEntry)] == [True]


@time_machine.travel(NOW, tick=False)
async def test_an_outgoing_document_from_draft_to_filing_by_keyboard(
    make_app,
    store,  # noqa: ANN001
) -> None:
    from secdesk.screens.detail import DetailScreen

    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        form = app.screen
        form.query_one("#f-title", Input).value = "关于印发工作方案的通知"
        form.query_one("#f-prefix", Input).value = "某府办发"
        await pilot.press("ctrl+s")
        await settle(pilot)
        (doc,) = rows(store, OutgoingDocument)
        await pilot.press("O")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        for key, typed, state in [
            ("w", {"reviewed_by": "办公室秘书科"}, "reviewed"),
            ("s", {"signed_off_by": "刘区长"}, "signed_off"),
            ("k", {}, "checked"),
        ]:
            await step(pilot, key, typed)
            assert status_of(store, OutgoingDocument, doc.id) == state, key
        await pilot.press("n")  # numbering asks nothing: one key takes it
        await settle(pilot)
        assert status_of(store, OutgoingDocument, doc.id) == "registered"
        numbered = rows(store, OutgoingDocument)[0]
        assert numbered.doc_number == "某府办发〔2026〕1号"
        for key, typed, state in [
            ("p", {"copies": "30"}, "printed"),
            ("t", {"main_recipients": "各街道办事处"}, "dispatched"),
            ("f", {}, "filed"),
        ]:
            await step(pilot, key, typed)
            assert status_of(store, OutgoingDocument, doc.id) == state, key


@time_machine.travel(NOW, tick=False)
async def test_y_on_an_incoming_document_drafts_its_reply(make_app, store) -> None:  # noqa: ANN001
    from tests import factories as f

    store.write(lambda s: f.document(s, title="关于征求意见的函", serial=42))
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecordForm) and form.kind.name == "outgoing"
        form.query_one("#f-title", Input).value = "关于征求意见的复函"
        form.query_one("#f-prefix", Input).value = "某府函"
        await pilot.press("ctrl+s")
        await settle(pilot)
        (reply,) = rows(store, OutgoingDocument)
        (doc,) = rows(store, IncomingDocument)
        assert (reply.reply_to_id, reply.doc_type) == (doc.id, "函")
