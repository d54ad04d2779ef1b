"""The registers keep the regulation's rules at the desk: a voided number is final, a
numbered document is never deleted from the register."""

from __future__ import annotations

import time_machine
from sqlmodel import select

from secdesk.models import OutgoingDocument
from secdesk.screens.detail import DetailScreen
from secdesk.services.inputs import OutgoingInput
from tests.conftest import settle, wait_until
from tests.ui.helpers import detail_values, fill, press, rows, take_step, toasts

NOW = "2026-11-27 10:32:00 +0800"


def numbered(store, title: str = "关于印发工作方案的通知") -> int:  # noqa: ANN001
    """A signed-off outgoing document given its number, 某府办发〔2026〕1号."""
    from secdesk.services import records, workflow

    def make(session) -> int:  # noqa: ANN001
        saved = records.create(session, "outgoing", OutgoingInput(title=title, prefix="某府办发"))
        doc = session.get(OutgoingDocument, saved.id)
        doc.status, doc.signed_off_by = "signed_off", "刘区长"
        session.add(doc)
        workflow.take(session, "outgoing", saved.id, "register")
        return saved.id

    return store.write(make)


def bindings(app) -> set[str]:  # noqa: ANN001
    """The keys the screen on top offers now (its footer)."""
    return {
        b.key for (_node, b, enabled, _tip) in app.active_bindings.values() if enabled and b.show
    }


@time_machine.travel(NOW, tick=False)
async def test_a_voided_number_is_final_and_the_draft_gets_a_new_one(desk, store) -> None:  # noqa: ANN001
    """After x (void, 编号错误) the view says Voided and offers only a (a new number for
    the draft) and f (file the void record): p and t are refused; a gives the next number,
    and each entry names the other."""
    doc_id = numbered(store)
    async with desk((140, 45)) as pilot:
        app = pilot.app
        await press(pilot, "O")
        await press(pilot, "enter")
        assert isinstance(app.screen, DetailScreen)
        await take_step(pilot, "x", asks=True, note="编号错误")
        await wait_until(pilot, lambda: detail_values(app).get("Status") == "Voided")
        offered = bindings(app)
        assert {"a", "f"} <= offered and not {"p", "t", "x", "n"} & offered
        await press(pilot, "p")
        await settle(pilot)
        assert store.run(lambda s: s.get(OutgoingDocument, doc_id).status) == "voided"
        assert store.run(lambda s: s.get(OutgoingDocument, doc_id).printed_at) is None
        await take_step(pilot, "a")
        docs = rows(store, OutgoingDocument)
        assert [(d.doc_number, d.status) for d in docs] == [
            ("某府办发〔2026〕1号", "voided"),
            ("某府办发〔2026〕2号", "registered"),
        ]
        assert docs[1].replaces_id == doc_id and docs[1].title == docs[0].title
        await wait_until(
            pilot, lambda: detail_values(app).get("Given the new number") == "某府办发〔2026〕2号"
        )


@time_machine.travel(NOW, tick=False)
async def test_a_numbered_document_cannot_be_deleted_from_the_register(desk, store) -> None:  # noqa: ANN001
    """d on a numbered document says to void it instead; after a yes the number is still
    in the register (the list shows it)."""
    numbered(store)
    async with desk((140, 45)) as pilot:
        app = pilot.app
        await press(pilot, "O")
        await press(pilot, "d")
        await press(pilot, "y")
        await wait_until(pilot, lambda: any("void its number" in t for t in toasts(app)))
        (doc,) = rows(store, OutgoingDocument)
        assert doc.deleted_at is None and doc.doc_number == "某府办发〔2026〕1号"


def incoming(store, **kw) -> int:  # noqa: ANN001, ANN003
    """An incoming document instructed by the leader, with the sender's limit 11 Dec."""
    from datetime import date

    from tests import factories as f

    def make(session) -> int:  # noqa: ANN001
        doc = f.document(session, due=date(2026, 12, 11), status="instructed", **kw)
        return doc.id

    return store.write(make)


@time_machine.travel(NOW, tick=False)
async def test_assign_keeps_the_senders_limit_and_shows_both(desk, store) -> None:  # noqa: ANN001
    """The sender asked for 11 Dec; Assign sets 5wd (4 Dec): the view shows the new limit
    and, beside it, the sender's own."""
    from secdesk.models import IncomingDocument

    doc_id = incoming(store)
    async with desk((140, 45)) as pilot:
        app = pilot.app
        await press(pilot, "I")
        await press(pilot, "enter")
        await take_step(pilot, "a", undertaking_unit="区应急办", due="5wd")
        doc = store.run(lambda s: s.get(IncomingDocument, doc_id))
        assert (doc.due.isoformat(), doc.sender_due.isoformat()) == ("2026-12-04", "2026-12-11")
        await wait_until(pilot, lambda: detail_values(app).get("Due") == "2026-12-04 (5wd)")
        assert detail_values(app)["Sender's time limit"] == "2026-12-11"


@time_machine.travel(NOW, tick=False)
async def test_completing_a_document_a_leader_still_holds_asks_naming_them(desk, store) -> None:  # noqa: ANN001
    """传阅 to 刘局长 (read, not returned): o (complete) asks, naming 刘局长; n leaves it
    open, y completes it and the step's log names who still held it."""
    import json

    from secdesk.models import IncomingDocument, WorkflowStep
    from secdesk.screens.confirm import ConfirmScreen
    from secdesk.services import workflow

    doc_id = incoming(store)
    store.write(lambda s: workflow.take(s, "incoming", doc_id, "circulate", {"readers": "刘局长"}))
    store.write(lambda s: workflow.take(s, "incoming", doc_id, "read", {"reader": "刘局长"}))
    async with desk((140, 45)) as pilot:
        app = pilot.app
        await press(pilot, "I")
        await press(pilot, "enter")
        form = await press(pilot, "o")
        form.query_one("#f-result").text = "已落实"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "刘局长" in app.screen.question
        await press(pilot, "n")
        assert store.run(lambda s: s.get(IncomingDocument, doc_id).status) == "circulating"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await press(pilot, "y")
        await wait_until(pilot, lambda: isinstance(app.screen, DetailScreen))
        assert store.run(lambda s: s.get(IncomingDocument, doc_id).status) == "completed"
        logged = store.run(lambda s: s.exec(select(WorkflowStep)).all())[-1]
        assert logged.step == "complete"
        assert json.loads(logged.values)["holders"] == ["刘局长"]


@time_machine.travel("2026-12-05 10:00:00 +0800", tick=False)
async def test_no_urge_notice_for_a_closed_item_at_the_desk(desk, store) -> None:  # noqa: ANN001
    """ctrl+n on a closed item opens no notice: the desk says when it was closed."""
    from datetime import date

    from secdesk.calendar import clock
    from secdesk.screens.paper import PaperScreen
    from tests import factories as f

    store.write(
        lambda s: f.supervision(
            s, date(2026, 11, 20), status="closed", closed_at=clock.now_utc(), progress=100
        )
    )
    async with desk((140, 45)) as pilot:
        app = pilot.app
        await press(pilot, "S")
        await press(pilot, "ctrl+n")
        await wait_until(pilot, lambda: any("nothing to urge" in t for t in toasts(app)))
        assert not isinstance(app.screen, PaperScreen)


@time_machine.travel(NOW, tick=False)
async def test_a_prefix_typo_is_asked_about_and_the_hint_names_those_in_use(desk, store) -> None:  # noqa: ANN001
    """The office numbers with 某区政办发: the form's hint names it; 某府办发 (a slip) asks
    "Start a new series 某府办发?", n goes back to the prefix, y saves it; a year in the
    prefix is refused in a sentence."""
    from textual.widgets import Input

    from secdesk.screens.confirm import ConfirmScreen
    from secdesk.screens.form import RecordForm
    from secdesk.services import records

    store.write(
        lambda s: records.create(s, "outgoing", OutgoingInput(title="旧", prefix="某区政办发"))
    )
    async with desk((140, 45)) as pilot:
        app = pilot.app
        form = await press(pilot, "i")
        assert isinstance(form, RecordForm)
        prefix = form.query_one("#f-prefix", Input)
        await wait_until(pilot, lambda: prefix.placeholder == "in use: 某区政办发")
        fill(form, title="关于印发方案的通知")
        prefix.value = "某府函〔2026〕"
        await press(pilot, "ctrl+s")
        error = str(form.query_one("#error-prefix").render())
        assert "Write the organ's prefix alone" in error
        prefix.value = "某府办发"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert app.screen.question == (
            "Start a new series 某府办发? The prefixes in use are 某区政办发."
        )
        await press(pilot, "n")
        assert app.screen is form and app.focused is prefix
        assert len(rows(store, OutgoingDocument)) == 1
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await press(pilot, "y")
        await wait_until(pilot, lambda: len(rows(store, OutgoingDocument)) == 2)
        assert rows(store, OutgoingDocument)[1].prefix == "某府办发"
