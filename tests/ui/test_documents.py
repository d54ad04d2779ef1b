"""Registering documents at the desk by keyboard alone."""

from __future__ import annotations

import pytest
import time_machine
from textual.widgets import Input

from secdesk.models import IncomingDocument, OutgoingDocument
from secdesk.screens.detail import DetailScreen
from secdesk.screens.form import RecordForm
from secdesk.widgets.panel import Panel
from tests.conftest import settle, wait_until
from tests.ui.helpers import fill, press, press_for_form, rows, start_form, take_step, toasts

NOW = "2026-11-27 10:32:00 +0800"


@time_machine.travel(NOW, tick=False)
async def test_r_registers_an_incoming_document_and_the_inbox_shows_its_number(
    desk,
    store,  # noqa: ANN001
) -> None:
    async with desk((140, 45)) as pilot:
        app = pilot.app
        form = await start_form(pilot, "r")
        assert isinstance(form, RecordForm)
        sender = form.query_one("#f-sender", Input)
        assert app.focused is sender
        sender.value = "某市应急管理局"
        await pilot.press("enter")
        fill(form, doc_number="某应急发[2026]15号")
        await pilot.press("enter")
        fill(form, title="关于做好冬季安全生产工作的通知")
        await pilot.press("enter")  # type: 通知 (the default)
        await pilot.press("enter")  # classification
        await pilot.press("enter")  # secrecy period
        await pilot.press("enter")  # urgency
        await pilot.press("space")  # -> urgent
        await pilot.press("enter")
        await pilot.press("enter")  # copies: 1
        await pilot.press("enter")  # attachments
        await pilot.press("enter")  # received: now
        fill(form, due="10wd")
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
async def test_i_drafts_an_outgoing_document(desk, store) -> None:  # noqa: ANN001
    async with desk((140, 45)) as pilot:
        form = await start_form(pilot, "i")
        assert isinstance(form, RecordForm)
        fill(form, title="关于印发[/]工作方案的通知")
        await pilot.press("enter")
        fill(form, prefix="某府办发")
        await press(pilot, "ctrl+s")
        await new_series(pilot)
        (doc,) = rows(store, OutgoingDocument)
        assert (doc.title, doc.prefix, doc.status, doc.doc_number) == (
            "关于印发[/]工作方案的通知",
            "某府办发",
            "drafted",
            "",
        )


@pytest.mark.both_engines
@time_machine.travel(NOW, tick=False)
async def test_classified_titles_show_only_while_revealed_on_the_screen(
    desk,
    store,  # noqa: ANN001
) -> None:
    from secdesk.screens.lists import RecordListScreen
    from secdesk.widgets.record_table import RecordTable
    from tests import factories as f

    store.write(lambda s: f.document(s, title="绝密标题[/]", classification="top_secret"))
    async with desk((140, 45)) as pilot:
        app = pilot.app
        inbox = app.screen.query_one("#inbox", Panel)
        await wait_until(pilot, lambda: inbox.table.row_count == 1)
        assert all("绝密标题" not in str(c) for c in inbox.table.get_row_at(0))
        screen = await press(pilot, "I")
        assert isinstance(screen, RecordListScreen)
        table = screen.query_one("#log", RecordTable)
        await wait_until(pilot, lambda: table.row_count == 1)

        def titles() -> list[str]:
            return [str(c) for c in table.get_row_at(0)]

        assert not any("绝密标题" in t for t in titles())
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: any("绝密标题[/]" in t for t in titles()))
        await press(pilot, "escape")
        await press(pilot, "I")
        table = app.screen.query_one("#log", RecordTable)
        await wait_until(pilot, lambda: table.row_count == 1)
        assert not any("绝密标题" in str(c) for c in table.get_row_at(0))


async def new_series(pilot) -> None:  # noqa: ANN001
    """The office's first number with this prefix: the desk asks once, y starts it."""
    from secdesk.screens.confirm import ConfirmScreen

    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
    assert pilot.app.screen.question.startswith("Start a new series ")
    await press(pilot, "y")


def status_of(store, model, doc_id: int) -> str:  # noqa: ANN001
    return store.run(lambda s: s.get(model, doc_id).status)


async def register_and_open(pilot, store, model, keys: str, **typed: str):  # noqa: ANN001, ANN201
    """A document typed into its form and saved, then opened from its register: ``keys``
    are the form's key and the register's (``"rI"`` incoming, ``"iO"`` outgoing). Gives
    the document as saved."""
    form_key, register_key = keys
    await start_form(pilot, form_key, **typed)
    await press(pilot, "ctrl+s")
    if model is OutgoingDocument:
        await new_series(pilot)
    (doc,) = rows(store, model)
    await press(pilot, register_key)
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, DetailScreen)
    return doc


async def take_steps(pilot, store, model, doc_id: int, steps: list) -> None:  # noqa: ANN001
    """Each (key, what its form is given, the state after) in turn, on the detail view."""
    for key, typed, state in steps:
        await take_step(pilot, key, asks=True, **typed)
        assert isinstance(pilot.app.screen, DetailScreen)
        assert status_of(store, model, doc_id) == state, key


@time_machine.travel(NOW, tick=False)
async def test_an_incoming_document_from_registration_to_filing_by_keyboard(
    desk,
    store,  # noqa: ANN001
) -> None:
    from secdesk.models import ArchiveEntry

    async with desk((140, 45)) as pilot:
        app = pilot.app
        typed = {"sender": "某市应急管理局", "title": "关于[/]防汛的通知"}
        doc = await register_and_open(pilot, store, IncomingDocument, "rI", **typed)
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
        await take_steps(pilot, store, IncomingDocument, doc.id, life)
        (entry,) = rows(store, ArchiveEntry)
        assert (entry.retention, entry.item_number) == ("permanent", 1)
        # The history is on the view (its entry, then the ten steps), and u takes the
        # filing back there: the step leaves the history, which says it was taken back.
        detail = app.screen
        await wait_until(pilot, lambda: len(detail.detail.history) == 11)
        assert detail.detail.history[0][1] == "Entered"
        filed = detail.detail.history[-1]
        await press(pilot, "u")
        assert status_of(store, IncomingDocument, doc.id) == "completed"
        assert app.screen is detail
        await wait_until(pilot, lambda: filed not in detail.detail.history)
        assert detail.detail.history[-1][1].startswith("Took back a change: Status")
        assert [e.deleted_at is not None for e in rows(store, ArchiveEntry)] == [True]


@time_machine.travel(NOW, tick=False)
async def test_an_outgoing_document_from_draft_to_filing_by_keyboard(
    desk,
    store,  # noqa: ANN001
) -> None:
    async with desk((140, 45)) as pilot:
        typed = {"title": "关于印发工作方案的通知", "prefix": "某府办发"}
        doc = await register_and_open(pilot, store, OutgoingDocument, "iO", **typed)
        checked = [
            ("w", {"reviewed_by": "办公室秘书科"}, "reviewed"),
            ("s", {"signed_off_by": "刘区长"}, "signed_off"),
            ("k", {}, "checked"),
        ]
        await take_steps(pilot, store, OutgoingDocument, doc.id, checked)
        await pilot.press("n")  # numbering asks nothing: one key takes it
        await settle(pilot)
        assert status_of(store, OutgoingDocument, doc.id) == "registered"
        numbered = rows(store, OutgoingDocument)[0]
        assert numbered.doc_number == "某府办发〔2026〕1号"
        sent = [
            ("p", {"copies": "30"}, "printed"),
            ("t", {"main_recipients": "各街道办事处"}, "dispatched"),
            ("f", {}, "filed"),
        ]
        await take_steps(pilot, store, OutgoingDocument, doc.id, sent)


@time_machine.travel(NOW, tick=False)
async def test_y_on_an_incoming_document_drafts_its_reply(desk, store) -> None:  # noqa: ANN001
    from tests import factories as f

    store.write(lambda s: f.document(s, title="关于征求意见的函", serial=42))
    async with desk((140, 45)) as pilot:
        await press(pilot, "I")
        form = await press_for_form(pilot, "y", "outgoing")
        fill(form, title="关于征求意见的复函", prefix="某府函")
        await press(pilot, "ctrl+s")
        await new_series(pilot)
        (reply,) = rows(store, OutgoingDocument)
        (doc,) = rows(store, IncomingDocument)
        assert (reply.reply_to_id, reply.doc_type) == (doc.id, "函")
