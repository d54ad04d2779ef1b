"""收文 and 发文 workflows: every legal step from every state, every illegal one refused
naming the allowed steps, and each step undone exactly."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
import time_machine
from sqlmodel import Session, select

from secdesk.calendar import clock
from secdesk.kinds import get
from secdesk.models import ArchiveEntry, Circulation, IncomingDocument, OutgoingDocument
from secdesk.office.documents import incoming as documents
from secdesk.services import records, workflow
from secdesk.services.inputs import IncomingInput, OutgoingInput
from secdesk.services.views import InvalidInput

NOW = "2026-11-27 10:32:00 +0800"
MARK = "[/]甲\x1b[2J[@click=app.quit]x"

#: What a person types in each step's fields (hostile text in every text field).
VALUES: dict[str, dict[str, Any]] = {
    "propose": {"proposed_handling": MARK},
    "instruct": {"instructed_by": MARK, "instruction": MARK, "instructed_at": None},
    "assign": {"undertaking_unit": MARK, "assisting_units": MARK, "due": date(2026, 12, 11)},
    "circulate": {"readers": "刘局长、" + MARK, "since": None},
    "read": {"reader": "刘局长"},
    "give_back": {"reader": "刘局长"},
    "complete": {"result": MARK, "confirmed": ["holders"]},  # a reader may still hold it
    "file": {"retention": "permanent"},
    "review": {"reviewed_by": MARK},
    "sign_off": {"signed_off_by": MARK, "signed_off_on": date(2026, 11, 27)},
    "print": {"copies": 30},
    "dispatch": {"main_recipients": MARK, "cc_recipients": MARK},
}
NOTES = {"return": MARK, "void": MARK, "send_back": MARK, "urge": MARK}


def make(session: Session, kind: str, state: str) -> int:
    if kind == "incoming":
        saved = records.create(
            session,
            "incoming",
            IncomingInput(sender=MARK, title=MARK, received_at=clock.now_local()),
        )
        model: Any = IncomingDocument
    else:
        saved = records.create(session, "outgoing", OutgoingInput(title=MARK, prefix="某府发"))
        model = OutgoingDocument
    obj = session.get(model, saved.id)
    obj.status = state
    if kind == "incoming" and state == "circulating":
        documents.circulate(session, saved.id, "刘局长")
    if kind == "outgoing" and state in ("registered", "printed", "dispatched", "filed", "voided"):
        obj.year, obj.serial, obj.doc_number = 2026, saved.id, f"某府发〔2026〕{saved.id}号"
    session.add(obj)
    session.flush()
    return saved.id


CASES = [
    (kind, state, step.name)
    for kind in ("incoming", "outgoing")
    for state, _label in get(kind).workflow.states  # type: ignore[union-attr]
    for step in get(kind).workflow.transitions  # type: ignore[union-attr]
]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("kind", "state", "step_name"), CASES)
def test_every_step_from_every_state(
    session: Session, kind: str, state: str, step_name: str
) -> None:
    flow = get(kind).workflow
    assert flow is not None
    step = flow.step(step_name)
    record_id = make(session, kind, state)
    model: Any = IncomingDocument if kind == "incoming" else OutgoingDocument
    before = records.get_record(session, kind, record_id).model_dump()
    side_before = (
        len(session.exec(select(Circulation)).all()),
        len(session.exec(select(ArchiveEntry)).all()),
    )
    if state not in step.sources:
        with pytest.raises(workflow.StepRefused) as refused:
            workflow.take(
                session, kind, record_id, step_name, VALUES.get(step_name), NOTES.get(step_name, "")
            )
        allowed = [t for t in flow.transitions if state in t.sources]
        message = str(refused.value)
        for t in allowed:
            assert f"{t.key} {t.label}" in message
        if not allowed:
            assert "Nothing more is to be done." in message
        assert session.get(model, record_id).model_dump() == before
        return
    taken = workflow.take(
        session,
        kind,
        record_id,
        step_name,
        dict(VALUES.get(step_name, {})),
        NOTES.get(step_name, ""),
    )
    obj = session.get(model, record_id)
    if step.target:
        assert obj.status == step.target
    (last,) = workflow.history(session, kind, record_id)[-1:]
    assert last.step == step_name and last.actor
    records.undo(session, taken.undo)
    after = session.get(model, record_id).model_dump()
    skip = {"updated_at", "version"}
    assert {k: v for k, v in after.items() if k not in skip} == {
        k: v for k, v in before.items() if k not in skip
    }
    live_circulation = [c for c in session.exec(select(Circulation)).all() if c.deleted_at is None]
    live_archive = [a for a in session.exec(select(ArchiveEntry)).all() if a.deleted_at is None]
    assert (len(live_circulation), len(live_archive)) <= side_before
    assert workflow.history(session, kind, record_id) == []


@time_machine.travel(NOW, tick=False)
@pytest.mark.both_engines
def test_an_incoming_document_through_its_whole_life(session: Session) -> None:
    doc_id = make(session, "incoming", "registered")
    for step in ("screen", "propose", "instruct", "assign", "circulate", "read", "urge"):
        workflow.take(
            session, "incoming", doc_id, step, dict(VALUES.get(step, {})), NOTES.get(step, "")
        )
    assert documents.holders(session, doc_id) == ["刘局长", MARK]
    workflow.take(session, "incoming", doc_id, "give_back", {"reader": "刘局长"})
    workflow.take(session, "incoming", doc_id, "give_back", {"reader": MARK})
    doc = session.get(IncomingDocument, doc_id)
    assert doc is not None and doc.status == "undertaking"  # everybody gave it back
    workflow.take(session, "incoming", doc_id, "complete", {"result": "已落实"})
    workflow.take(session, "incoming", doc_id, "file", {"retention": "30y"})
    (entry,) = session.exec(select(ArchiveEntry)).all()
    assert (entry.year, entry.retention, entry.item_number, entry.record_id) == (
        2026,
        "30y",
        1,
        doc_id,
    )
    history = [h.step for h in workflow.history(session, "incoming", doc_id)]
    assert history == [
        "screen",
        "propose",
        "instruct",
        "assign",
        "circulate",
        "read",
        "urge",
        "give_back",
        "give_back",
        "complete",
        "file",
    ]
    detail = records.detail(session, "incoming", doc_id)
    assert detail.next_steps == ()
    assert any(MARK in what for _when, what in detail.history)


@time_machine.travel(NOW, tick=False)
@pytest.mark.both_engines
def test_a_step_that_cannot_be_taken_as_typed_is_refused(session: Session) -> None:
    doc_id = make(session, "incoming", "instructed")
    with pytest.raises(InvalidInput) as no_unit:
        workflow.take(session, "incoming", doc_id, "assign", {"undertaking_unit": " "})
    assert no_unit.value.field == "undertaking_unit"
    with pytest.raises(InvalidInput):
        workflow.take(
            session, "incoming", make(session, "incoming", "registered"), "return", {}, ""
        )
    out_id = make(session, "outgoing", "printed")
    with pytest.raises(InvalidInput):
        workflow.take(session, "outgoing", out_id, "dispatch", {"main_recipients": ""})


@pytest.mark.both_engines
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "Undertaking unit: 财务科 · Time limit: 11 Dec 2026",
                "To: 刘局长 · Since: 27 Nov 2026 10:32",
                "Retention: Permanent",
            ],
        ),
        (
            "zh",
            [
                "承办单位：财务科 · 期限：2026年12月11日",
                "传阅给：刘局长 · 起始时间：2026年11月27日 10:32",
                "保管期限：永久",
            ],
        ),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_history_shows_what_a_step_asked_as_people_read_it(
    session: Session, lang: str, expected: list[str]
) -> None:
    """Times local and without microseconds, days as days, coded values by their labels."""
    from secdesk import i18n

    doc_id = make(session, "incoming", "instructed")
    asked = {
        "assign": {"undertaking_unit": "财务科", "due": date(2026, 12, 11)},
        "circulate": {"readers": "刘局长", "since": datetime(2026, 11, 27, 10, 32, 1, 643208)},
    }
    for step, values in asked.items():
        workflow.take(session, "incoming", doc_id, step, values)
    workflow.take(session, "incoming", doc_id, "give_back", {"reader": "刘局长"})
    workflow.take(session, "incoming", doc_id, "complete", {"result": "已落实"})
    workflow.take(session, "incoming", doc_id, "file", {"retention": "permanent"})
    i18n.set_language(lang)
    details = [h.details for h in workflow.history(session, "incoming", doc_id) if h.details]
    assert [details[0], details[1], details[-1]] == expected
