"""By keyboard alone: a supervision item created with g, extended, fed back, reviewed and
closed (and a step undone with u); a letter or visit registered with l, accepted, extended,
answered and closed; an accuser's identity revealed on purpose."""

from __future__ import annotations

from datetime import date

import time_machine
from sqlmodel import select
from textual.widgets import DataTable, Input, Static

from secdesk import config
from secdesk.models import Petition, SupervisionItem
from secdesk.screens.detail import DetailScreen
from secdesk.screens.lists import RecordListScreen
from secdesk.screens.paper import PaperScreen
from tests.conftest import settle, wait_until
from tests.ui.helpers import detail_text, fill, press, press_for_form, take_step, toasts

NOW = "2026-11-27 10:32:00 +0800"


def one(store, model):  # noqa: ANN001, ANN201
    def read(session):  # noqa: ANN001, ANN202
        found = session.exec(select(model)).one()
        session.expunge(found)
        return found

    return store.run(read)


@time_machine.travel(NOW, tick=False)
async def test_a_supervision_item_from_g_to_closed(desk, store, named_office) -> None:  # noqa: ANN001
    async with desk((140, 45)) as pilot:
        app = pilot.app
        form = await press_for_form(pilot, "g", "supervision")
        fill(form, title="落实防汛物资储备[/]", undertaking_unit="应急管理局", due="10wd")
        await pilot.pause()
        note = form.query_one("#note-due", Static)
        assert "Fri 11 Dec 2026" in str(note.render())
        await press(pilot, "ctrl+s")
        saved = one(store, SupervisionItem)
        assert (saved.status, saved.due, saved.title) == (
            "assigned",
            date(2026, 12, 11),
            "落实防汛物资储备[/]",
        )
        assert saved.due_spec == "10wd@2026-11-27"

        await press(pilot, "S")
        assert isinstance(app.screen, RecordListScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, DetailScreen)
        assert "a Assign" not in detail_text(app) and "h Urge" in detail_text(app)

        # Closing now is not a key here: the footer offers only the allowed steps.
        await press(pilot, "k")
        assert one(store, SupervisionItem).status == "assigned"

        await take_step(pilot, "x", due="2026-12-31", note="待上级批复")
        extended = one(store, SupervisionItem)
        assert (extended.due, extended.original_due) == (date(2026, 12, 31), date(2026, 12, 11))
        assert "extended from 2026-12-11: 待上级批复" in detail_text(app)

        # The urge notice, to read and to save as .docx.
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, PaperScreen))
        paper = str(app.screen.query_one("#paper-text", Static).render())
        assert "应急管理局：" in paper and "落实防汛物资储备[/]" in paper
        await pilot.press("ctrl+s")
        saved_to = config.exports_dir() / f"urge-notice-{extended.id}.docx"
        await wait_until(pilot, saved_to.exists)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DetailScreen))

        await take_step(pilot, "f", progress="80", note="已采购八成")
        assert one(store, SupervisionItem).progress == 80
        assert [t.action for t in app.undo_stack] == ["unstep", "unstep"], app.undo_stack
        await take_step(pilot, "u")  # undo the feedback
        await wait_until(pilot, lambda: one(store, SupervisionItem).progress == 0)
        await settle(pilot)
        await take_step(pilot, "f", progress="100", note="全部到位")
        await take_step(pilot, "w", note="核实无误")
        await take_step(pilot, "k")
        closed = one(store, SupervisionItem)
        assert (closed.status, closed.progress) == ("closed", 100)
        text = detail_text(app)
        assert "Extend" in text and "全部到位" in text and "核实无误" in text
        assert "Nothing more is to be done." in text
        assert "已采购八成" not in text  # the undone step is struck from the history


@time_machine.travel(NOW, tick=False)
async def test_a_letter_from_l_to_closed(desk, store) -> None:  # noqa: ANN001
    async with desk((140, 45)) as pilot:
        app = pilot.app
        form = await press_for_form(pilot, "l", "petition")
        fill(form, petitioner="李明", phone="13912345678")
        form.query_one("#f-content").text = "反映小区路灯损坏"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s")
        registered = one(store, Petition)
        assert (registered.status, registered.reply_due) == ("registered", date(2026, 12, 14))

        # Registering the same person again shows the first one.
        await press(pilot, "l")
        fill(app.screen, phone="139 1234 5678")
        repeats = app.screen.query_one("#repeats", Static)
        await wait_until(pilot, lambda: bool(repeats.display))
        assert "李明" in str(repeats.render()) and "same person or number" in str(repeats.render())
        await press(pilot, "escape")
        await pilot.press("enter")  # discard what was typed
        await settle(pilot)

        await press(pilot, "L")
        await press(pilot, "enter")
        assert isinstance(app.screen, DetailScreen)
        assert "Decide and tell by 2026-12-14" in detail_text(app)
        await take_step(pilot, "a", note="当场告知")
        await take_step(pilot, "x", extension_days="20", note="需现场勘查")
        assert one(store, Petition).complete_due == date(2027, 2, 15)
        await take_step(pilot, "y", reply="已安排维修，12月底前完成")
        await take_step(pilot, "o", response="满意")
        await take_step(pilot, "k")
        done = one(store, Petition)
        assert (done.status, done.response, done.extended) == ("closed", "满意", True)
        assert "Answered 2026-11-27; a review may be asked until 2026-12-28" in detail_text(app)


@time_machine.travel(NOW, tick=False)
async def test_an_accusers_identity_is_shown_only_when_revealed(desk, store) -> None:  # noqa: ANN001
    from secdesk.calendar import clock
    from secdesk.services import records
    from secdesk.services.inputs import PetitionInput

    store.write(
        records.create,
        "petition",
        PetitionInput(
            received_at=clock.now_local(),
            category="accusation",
            petitioner="举报人张某",
            content="检举违规收费",
        ),
    )
    async with desk((140, 45)) as pilot:
        app = pilot.app
        await press(pilot, "L")
        table = app.screen.query_one("#log", DataTable)
        assert "举报人张某" not in " ".join(str(c) for c in table.get_row_at(0))
        await press(pilot, "enter")
        assert "举报人张某" not in detail_text(app) and "(protected)" in detail_text(app)
        await press(pilot, "ctrl+r")
        await wait_until(pilot, lambda: "举报人张某" in detail_text(app))


async def test_limits_counted_again_are_told_once(desk, store) -> None:  # noqa: ANN001
    from datetime import datetime

    from secdesk.calendar import clock, workdays
    from secdesk.calendar.notice import parse
    from secdesk.services import holidays, records
    from secdesk.services.inputs import PetitionInput

    workdays.use_entered({})
    try:
        with time_machine.travel("2026-12-24 10:00:00 +0800", tick=False):
            received = datetime(2026, 12, 24, 9, tzinfo=clock.zone())
            store.write(
                records.create, "petition", PetitionInput(received_at=received, content="x")
            )
            # Entered from the command line or another window, while this desk was closed.
            store.write(holidays.save, parse("2027-01-08 holiday 测试"))
            for _run in range(2):
                async with desk((140, 45)) as pilot:
                    app = pilot.app
                    said = [n for n in toasts(app) if "counted again" in n]
                    if _run == 0:
                        assert said == [
                            "1 provisional time limit was counted again on the 2027 holiday "
                            "calendar; 1 of them moved."
                        ]
                    else:
                        assert said == []  # once, not at every start
    finally:
        workdays.use_entered({})


@time_machine.travel(NOW, tick=False)
async def test_the_deadline_panel_keys_act_on_each_rows_own_kind(desk, store) -> None:  # noqa: ANN001
    from secdesk.models import Task
    from secdesk.services import records
    from secdesk.services.inputs import SupervisionInput, TaskInput

    store.write(records.create, "task", TaskInput("打印会议材料", due=date(2026, 11, 26)))
    store.write(
        records.create,
        "supervision",
        SupervisionInput("落实整改", date(2026, 11, 1), date(2026, 12, 30), undertaking_unit="x"),
    )
    async with desk((140, 45)) as pilot:
        app = pilot.app
        await press(pilot, "2")
        # The overdue task leads the panel; Ctrl+N (a supervision item's urge notice) does
        # nothing on it, k finishes it.
        await press(pilot, "ctrl+n")
        assert app.is_running and not isinstance(app.screen, PaperScreen)
        await pilot.press("k")
        await wait_until(pilot, lambda: one(store, Task).status == "done")
        await settle(pilot)
        await pilot.press("ctrl+n")  # now on the supervision item
        await wait_until(pilot, lambda: isinstance(app.screen, PaperScreen))


@time_machine.travel(NOW, tick=False)
async def test_typing_a_new_percentage_replaces_the_old_one(desk, store) -> None:  # noqa: ANN001
    """Feedback at 30%, then feedback again typing 100: the field says 100, not 30100."""
    from secdesk.screens.step_form import StepForm
    from secdesk.services import workflow
    from tests import factories as f

    def make(session):  # noqa: ANN001, ANN202
        item = f.supervision(
            session, date(2026, 12, 31), status="assigned", undertaking_unit="财务科"
        )
        workflow.take(session, "supervision", item.id, "feedback", {"progress": 30}, "三成")
        return item.id

    store.write(make)
    async with desk((140, 45)) as pilot:
        app = pilot.app
        await press(pilot, "S")
        await press(pilot, "enter")
        assert isinstance(app.screen, DetailScreen)
        form = await press(pilot, "f")
        assert isinstance(form, StepForm)
        field = form.query_one("#f-progress", Input)
        field.focus()
        await pilot.pause()
        await pilot.press(*"100")
        assert field.value == "100"


@time_machine.travel(NOW, tick=False)
async def test_the_supervision_list_says_how_it_is_ordered(desk, store) -> None:  # noqa: ANN001
    """An item due today (blue) comes after one behind pace (yellow) with 36 days left: the
    status line says in words that colours come first, then the due date, in both languages."""
    from tests import factories as f
    from tests.ui.helpers import shown

    def make(session):  # noqa: ANN001, ANN202
        f.supervision(session, date(2026, 11, 27), title="今天到期", status="assigned")
        f.supervision(
            session, date(2027, 1, 2), title="进度滞后", status="assigned",
            assigned_on=date(2026, 10, 1), progress=0,
        )  # fmt: skip

    store.write(make)
    async with desk((140, 40)) as pilot:
        app = pilot.app
        await press(pilot, "S")
        await wait_until(pilot, lambda: len(shown(app)) == 2)
        assert [row[1] for row in shown(app)] == ["进度滞后", "今天到期"]
        status = app.screen.query_one("#log-status", Static)
        assert "red overdue, then yellow behind pace, then blue due soon" in str(status.render())
        app.action_set_language("zh")
        await settle(pilot)
        await press(pilot, "S")
        await wait_until(pilot, lambda: len(shown(app)) == 2)
        status = app.screen.query_one("#log-status", Static)
        assert "红色为逾期，其次黄色为进度滞后" in str(status.render())
