"""Supervision items, letters and visits and tasks carried through their procedures: the
workflow steps (legal, refused, logged, undone), each time limit as the rules count it,
the colours at their boundaries, the protected identity of an accuser in every output,
and provisional limits counted again once a year's holidays are entered."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
import time_machine
from sqlmodel import select

from secdesk.calendar import clock, rules, workdays
from secdesk.calendar.notice import parse
from secdesk.config import Settings
from secdesk.models import Event, Petition, SupervisionItem, Task, WorkflowStep
from secdesk.office import petitions
from secdesk.office.supervision import items as supervision
from secdesk.services import dutylog, holidays, notices, records, workflow
from secdesk.services.inputs import PetitionInput, SupervisionInput, TaskInput
from secdesk.services.views import Colour, InvalidInput, ListFilter, Tone
from tests import factories as f

pytestmark = pytest.mark.both_engines

NOW = "2026-11-27 10:00:00 +0800"  # a Friday
TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def frozen():  # noqa: ANN201
    workdays.use_entered({})
    rules.use_settings(Settings())
    with time_machine.travel(NOW, tick=False):
        yield
    workdays.use_entered({})
    rules.use_settings(Settings())


def new_item(session, **kw) -> int:  # noqa: ANN001
    data = SupervisionInput(
        **{
            "title": "落实防汛物资储备",
            "assigned_on": date(2026, 11, 20),
            "due": date(2026, 12, 18),
            "undertaking_unit": "应急管理局",
            **kw,
        }
    )
    return supervision.SERVICE.create(session, data).id


def item(session, item_id: int) -> SupervisionItem:  # noqa: ANN001
    return f.stored(session, SupervisionItem, item_id)


# -- the workflow engine, on supervision ------------------------------------------------


def test_supervision_goes_through_its_lifecycle_step_by_step(session) -> None:  # noqa: ANN001
    unassigned = new_item(session, undertaking_unit="")
    assert item(session, unassigned).status == "registered"
    item_id = new_item(session)
    assert item(session, item_id).status == "assigned"  # a lead unit given: assigned at once

    workflow.take(session, "supervision", item_id, "urge", note="电话催办 王科长")
    workflow.take(session, "supervision", item_id, "feedback", {"progress": 60}, "已完成采购")
    workflow.take(session, "supervision", item_id, "review", note="属实")
    workflow.take(session, "supervision", item_id, "close")
    done = item(session, item_id)
    assert (done.status, done.urge_count, done.progress) == ("closed", 1, 100)
    assert done.last_feedback_on == TODAY and done.closed_at is not None

    history = workflow.history(session, "supervision", item_id)
    assert [(h.step, h.note) for h in history] == [
        ("urge", "电话催办 王科长"),
        ("feedback", "已完成采购"),
        ("review", "属实"),
        ("close", ""),
    ]
    assert history[1].details == "Done (%): 60"
    assert all(h.actor for h in history)
    assert history[-1].state == "Closed"
    # Each step is in the audit trail with the old and new values.
    events = session.exec(select(Event).where(Event.action == "step:feedback")).all()
    assert json.loads(events[0].data)["progress"] == [0, 60]


def test_an_illegal_jump_is_refused_naming_the_allowed_steps(session) -> None:  # noqa: ANN001
    item_id = new_item(session)
    with pytest.raises(workflow.StepRefused) as refused:
        workflow.take(session, "supervision", item_id, "close")
    message = str(refused.value)
    assert "Close item" in message and "Assigned" in message
    assert "h Urge" in message and "f Feedback" in message and "x Extend" in message
    assert item(session, item_id).status == "assigned"
    assert session.exec(select(WorkflowStep)).all() == []


def test_a_step_is_undone_with_its_values(session) -> None:  # noqa: ANN001
    item_id = new_item(session)
    taken = workflow.take(session, "supervision", item_id, "feedback", {"progress": 40}, "过半")
    assert item(session, item_id).progress == 40
    records.undo(session, taken.undo)
    back = item(session, item_id)
    assert (back.status, back.progress, back.last_feedback_on) == ("assigned", 0, None)
    assert workflow.history(session, "supervision", item_id) == []
    logged = session.exec(select(WorkflowStep)).one()
    assert logged.undone_at is not None  # kept in the log, struck from the history


def test_sending_back_needs_a_reason(session) -> None:  # noqa: ANN001
    item_id = new_item(session)
    workflow.take(session, "supervision", item_id, "feedback", {"progress": 100})
    with pytest.raises(InvalidInput) as no_reason:
        workflow.take(session, "supervision", item_id, "send_back", note="  ")
    assert no_reason.value.field == "note"
    workflow.take(session, "supervision", item_id, "send_back", note="数据不全")
    assert item(session, item_id).status == "sent_back"
    assert "a Assign" in workflow.refusal(
        "supervision", workflow.workflow_of("supervision").step("close"), "sent_back"
    )


def test_an_extension_keeps_the_original_due_date_and_its_reason(session) -> None:  # noqa: ANN001
    item_id = new_item(session)
    with pytest.raises(InvalidInput, match="after the present due date"):
        workflow.take(
            session, "supervision", item_id, "extend", {"due": date(2026, 12, 1)}, "来不及"
        )
    workflow.take(
        session, "supervision", item_id, "extend", {"due": date(2026, 12, 31)}, "待上级批复"
    )
    workflow.take(session, "supervision", item_id, "extend", {"due": date(2027, 1, 8)}, "再延")
    extended = item(session, item_id)
    assert (extended.due, extended.original_due) == (date(2027, 1, 8), date(2026, 12, 18))
    assert extended.extension_reason == "再延"
    shown = dict(records.detail(session, "supervision", item_id).fields)["Due"]
    assert shown.startswith("2027-01-08") and "extended from 2026-12-18: 再延" in shown


# -- colours at their boundaries --------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "progress", "colour"),
    [
        (date(2026, 11, 26), 90, Colour.red),  # yesterday
        (date(2026, 11, 27), 0, Colour.blue),  # today
        (date(2026, 12, 2), 90, Colour.blue),  # Mon, Tue, Wed: 3 working days left
        (date(2026, 12, 3), 90, Colour.none),  # 4 working days left
        (date(2026, 12, 7), 50, Colour.none),  # half the time used, half done
        (date(2026, 12, 7), 45, Colour.yellow),  # behind pace
    ],
)
def test_colours_at_their_boundaries(due: date, progress: int, colour: Colour) -> None:
    obj = SupervisionItem(
        title="x", assigned_on=date(2026, 11, 17), due=due, progress=progress, status="assigned"
    )
    assert supervision.colour(obj, TODAY, 3) == colour


def test_a_long_task_late_with_its_monthly_report_is_behind(session) -> None:  # noqa: ANN001
    obj = SupervisionItem(
        title="x",
        assigned_on=date(2026, 10, 20),
        due=date(2027, 6, 30),
        progress=50,
        status="assigned",
        feedback_cycle="monthly",
    )
    assert supervision.next_feedback(obj) == date(2026, 11, 20)
    assert supervision.colour(obj, TODAY, 3) == Colour.yellow
    obj.last_feedback_on = date(2026, 11, 25)
    assert supervision.colour(obj, TODAY, 3) == Colour.none
    item_id = new_item(session, feedback_cycle="monthly")
    shown = dict(records.detail(session, "supervision", item_id).fields)["Feedback"]
    assert shown == "Monthly · next report by 2026-12-20"


def test_a_closed_item_has_no_colour() -> None:
    obj = SupervisionItem(title="x", assigned_on=TODAY, due=date(2026, 1, 1), status="closed")
    assert supervision.colour(obj, TODAY, 3) == Colour.none


def test_the_list_sorts_red_yellow_blue_then_by_due_closed_last(session) -> None:  # noqa: ANN001
    f.supervision(session, date(2026, 12, 30), title="later", progress=90, status="assigned")
    f.supervision(session, date(2026, 12, 1), title="blue", progress=90, status="assigned")
    f.supervision(session, date(2026, 11, 2), title="closed", status="closed")
    f.supervision(
        session,
        date(2026, 12, 31),
        title="yellow",
        assigned_on=date(2026, 10, 1),
        progress=5,
        status="feedback",
    )
    f.supervision(session, date(2026, 11, 20), title="red", status="urged")
    page = records.page(session, "supervision", ListFilter())
    assert [r.cells[1].text for r in page.rows] == ["red", "yellow", "blue", "later", "closed"]


# -- letters and visits: the clocks -----------------------------------------------------


def petition(session, **kw) -> int:  # noqa: ANN001
    data = PetitionInput(
        **{
            "received_at": datetime(2026, 11, 27, 9, tzinfo=clock.zone()),
            "petitioner": "李明",
            "phone": "13912345678",
            "content": "反映小区路灯损坏长期无人维修",
            **kw,
        }
    )
    return petitions.SERVICE.create(session, data).id


def get_petition(session, pid: int) -> Petition:  # noqa: ANN001
    return f.stored(session, Petition, pid)


def test_decide_and_tell_within_15_days(session) -> None:  # noqa: ANN001
    pid = petition(session)
    # 27 Nov + 15 days = Sat 12 Dec, moved to Mon 14 Dec.
    assert get_petition(session, pid).reply_due == date(2026, 12, 14)
    row = records.page(session, "petition", ListFilter()).rows[0]
    assert row.cells[4].text == "decide and tell 14 Dec"


def test_accepted_it_is_completed_within_60_days_extended_once_by_30(session) -> None:  # noqa: ANN001
    pid = petition(session)
    workflow.take(session, "petition", pid, "accept", note="当面告知")
    accepted = get_petition(session, pid)
    # 27 Nov + 60 days = Tue 26 Jan 2027: a year with no official calendar yet.
    assert (accepted.accepted_on, accepted.complete_due) == (TODAY, date(2027, 1, 26))
    with pytest.raises(InvalidInput, match="30"):
        workflow.take(session, "petition", pid, "extend", {"extension_days": 31}, "复杂")
    workflow.take(session, "petition", pid, "extend", {"extension_days": 30}, "案情复杂")
    extended = get_petition(session, pid)
    assert extended.extended and extended.complete_due == date(2027, 2, 25)
    with pytest.raises(InvalidInput, match="extended once already"):
        workflow.take(session, "petition", pid, "extend", {"extension_days": 5}, "再延")


def test_reply_then_review_windows(session) -> None:  # noqa: ANN001
    pid = petition(session)
    workflow.take(session, "petition", pid, "accept")
    workflow.take(session, "petition", pid, "reply", {"reply": "已安排维修"})
    replied = get_petition(session, pid)
    assert (replied.status, replied.replied_on) == ("replied", TODAY)
    assert petitions.review_window(replied) == date(2026, 12, 28)  # Sun 27 → Mon 28 Dec
    with pytest.raises(InvalidInput, match="ended on 2026-12-28"):
        workflow.take(
            session, "petition", pid, "review", {"review_requested_on": date(2026, 12, 29)}
        )
    workflow.take(session, "petition", pid, "review", {"review_requested_on": date(2026, 12, 1)})
    review = get_petition(session, pid)
    assert (review.status, review.review_round, review.review_due) == (
        "review",
        1,
        date(2026, 12, 31),
    )
    workflow.take(session, "petition", pid, "reply", {"reply": "维持原答复"})
    workflow.take(session, "petition", pid, "review", {"review_requested_on": date(2026, 12, 2)})
    workflow.take(session, "petition", pid, "reply", {"reply": "复核维持"})
    with pytest.raises(InvalidInput, match="settled"):
        workflow.take(session, "petition", pid, "review")
    workflow.take(session, "petition", pid, "close")
    assert get_petition(session, pid).status == "closed"


def test_declining_needs_the_reason_and_stops_the_clock(session) -> None:  # noqa: ANN001
    pid = petition(session)
    with pytest.raises(InvalidInput):
        workflow.take(session, "petition", pid, "decline")
    workflow.take(
        session, "petition", pid, "decline", note="不属于本机关职权范围，已告知向区法院反映"
    )
    assert petitions.running_clock(get_petition(session, pid)) is None
    with pytest.raises(workflow.StepRefused, match="k Close case"):
        workflow.take(session, "petition", pid, "accept")


def test_a_group_chooses_at_most_five_representatives(session) -> None:  # noqa: ANN001
    with pytest.raises(InvalidInput) as too_many:
        petition(session, representatives="甲、乙、丙、丁、戊、己", group_size=30)
    assert too_many.value.field == "representatives"
    pid = petition(session, representatives="甲, 乙，丙", group_size=30)
    assert get_petition(session, pid).representatives == "甲、乙、丙"


def test_local_rules_from_config_change_the_clock(session) -> None:  # noqa: ANN001
    rules.use_settings(
        Settings(rules={"petition_decide": {"spec": "10d", "source": "某省信访条例 第十条"}})
    )
    assert rules.rule("petition_decide").source == "某省信访条例 第十条"
    pid = petition(session)
    assert get_petition(session, pid).reply_due == date(2026, 12, 7)
    problems = rules.problems(Settings(rules={"petition_decide": "soon", "nope": "3d"}))
    assert len(problems) == 2 and "soon" in problems[0] and "nope" in problems[1]


def test_earlier_petitions_from_the_same_person_number_or_matter(session) -> None:  # noqa: ANN001
    first = petition(session)
    petition(session, petitioner="王芳", phone="0513-8888 7777", content="食堂卫生问题")
    assert petitions.repeats(session, "", "139 1234 5678", "") == [
        f"#{first} 2026-11-27 李明 · 反映小区路灯损坏长期无人维修 · Registered "
        "(same person or number)"
    ]
    like = petitions.repeats(session, "赵六", "", "小区路灯损坏长期无人维修，再次反映")
    assert len(like) == 1 and like[0].endswith("(like matter)")
    assert petitions.repeats(session, "赵六", "", "申请低保") == []


# -- an accuser's identity --------------------------------------------------------------


def test_an_accusers_identity_is_protected_in_every_output(session) -> None:  # noqa: ANN001
    pid = petition(
        session,
        category="accusation",
        petitioner="举报人张某",
        phone="13700001111",
        address="某街道8号",
        content="检举某单位违规收费",
    )
    petition(session, content="检举某单位违规收费问题再次反映", petitioner="另一人")
    texts = []
    row = records.page(session, "petition", ListFilter(choices={"category": "accusation"})).rows[0]
    texts += [c.text for c in row.cells] + [json.dumps(row.values, ensure_ascii=False)]
    detail = records.detail(session, "petition", pid)
    assert detail.protected
    texts += [v for _l, v in detail.fields] + [detail.title]
    day = dutylog.compose_day(session, TODAY)
    texts += [repr(day)]
    texts += petitions.repeats(session, "", "", "检举某单位违规收费问题再次反映")
    deadline_panel = supervision.panel(session, TODAY, Settings())
    texts += [c.text for r in deadline_panel.rows for c in r.cells]
    texts += [json.dumps(r.values, ensure_ascii=False) for r in deadline_panel.rows]
    joined = "\n".join(texts)
    for secret in ("举报人张某", "13700001111", "某街道8号"):
        assert secret not in joined
    assert "(protected)" in joined
    # Revealed on purpose on the record: shown, and the reveal is in the audit trail.
    revealed = dict(records.detail(session, "petition", pid, reveal=True).fields)
    assert revealed["Petitioner"] == "举报人张某"
    assert session.exec(select(Event).where(Event.action == "reveal")).one().entity_id == pid


# -- tasks ------------------------------------------------------------------------------


def test_tasks_open_first_nearest_due_and_finished_by_a_step(session) -> None:  # noqa: ANN001
    svc = records.service("task")
    later = svc.create(session, TaskInput("later", due=date(2026, 12, 20))).id
    soon = svc.create(session, TaskInput("soon", due=date(2026, 11, 30), priority="high")).id
    svc.create(session, TaskInput("no due"))
    workflow.take(session, "task", later, "finish")
    rows = records.page(session, "task", ListFilter()).rows
    assert [r.cells[1].text for r in rows] == ["soon", "no due", "later"]
    assert rows[0].cells[2].tone == Tone.flag  # high priority
    done = session.get(Task, later)
    assert done is not None and done.done_at is not None
    panel = supervision.panel(session, TODAY, Settings())
    assert [(r.kind, r.id) for r in panel.rows] == [("task", soon)]
    assert panel.rows[0].cells[0].tone == Tone.soon


# -- the calendar entered: provisional limits counted again -----------------------------


def test_entering_a_years_holidays_counts_provisional_limits_again(session) -> None:  # noqa: ANN001
    from secdesk.kinds import get
    from secdesk.services.forms import read

    with time_machine.travel("2026-12-24 10:00:00 +0800", tick=False):
        typed = {
            "title": "年底前报送总结",
            "origin": "instruction",
            "assigned_on": "2026-12-24",
            "due": "8wd",
            "feedback_cycle": "none",
        }
        data = read(get("supervision"), typed, clock.now_local())
        assert data.due_spec == "8wd@2026-12-24"
        item_id = supervision.SERVICE.create(session, data).id
        typed_date = new_item(session, assigned_on=date(2026, 12, 24), due=date(2026, 12, 31))
        before = item(session, item_id)
        # 25, 28, 29, 30, 31 Dec, then 1, 4, 5 Jan as Monday-Friday: provisional.
        assert before.due == date(2027, 1, 5)
        assert (
            "(provisional)" in dict(records.detail(session, "supervision", item_id).fields)["Due"]
        )
        pid = petition(session, received_at=datetime(2026, 12, 24, 9, tzinfo=clock.zone()))
        assert get_petition(session, pid).reply_due == date(2027, 1, 8)
        seen = notices.newest(session)

        # 2027: 1-3 Jan off, and (for the test) 8 Jan too.
        holidays.save(
            session,
            parse("2027-01-01..2027-01-03 holiday 元旦\n2027-01-08 holiday 测试"),
        )
        assert get_petition(session, pid).reply_due == date(2027, 1, 11)
        assert item(session, item_id).due == date(2027, 1, 6)
        assert item(session, typed_date).due == date(2026, 12, 31)  # a typed date stays
        assert (
            "(provisional)"
            not in dict(records.detail(session, "supervision", item_id).fields)["Due"]
        )
        (said,) = notices.unseen(session, seen)
        assert said[1].startswith("2 provisional time limits were counted again on the 2027")
        assert said[1].endswith("2 of them moved.")


def test_the_list_puts_running_clocks_first_then_the_answered(session) -> None:  # noqa: ANN001
    answered = petition(
        session, petitioner="早已答复", received_at=datetime(2026, 10, 1, 9, tzinfo=clock.zone())
    )
    workflow.take(session, "petition", answered, "accept")
    workflow.take(session, "petition", answered, "reply", {"reply": "已答复"})
    # Its old limit falls before the waiting one's: it still comes after, nothing runs.
    get_petition(session, answered).complete_due = date(2026, 12, 1)
    session.flush()
    waiting = petition(session, petitioner="等待决定")
    rows = records.page(session, "petition", ListFilter()).rows
    assert [r.id for r in rows] == [waiting, answered]


@time_machine.travel(NOW, tick=False)
def test_a_number_too_big_for_the_database_is_refused_on_the_form(session) -> None:  # noqa: ANN001
    """A count typed with no upper bound of its own (how many came with a letter or visit)
    is refused above 2147483647, the largest a PostgreSQL integer column holds, instead of
    failing the save with a database error; that largest number saves on either engine."""
    from secdesk.kinds import get
    from secdesk.services import forms

    kind = get("petition")
    values = forms.blank_values(kind) | {
        "received_at": "2026-11-27 09:00",
        "content": "反映噪声扰民",
        "group_size": "3000000000",
    }
    with pytest.raises(InvalidInput) as refused:
        forms.read(kind, values, clock.now_local())
    assert (refused.value.field, str(refused.value)) == ("group_size", "At most 2147483647")
    data = forms.read(kind, values | {"group_size": "2147483647"}, clock.now_local())
    saved = records.create(session, "petition", data)
    petition = session.get(Petition, saved.id)
    assert petition is not None and petition.group_size == 2147483647
