"""The incoming and outgoing registers: registration, numbering, voids, masking."""

from __future__ import annotations

import multiprocessing
from datetime import date
from pathlib import Path

import pytest
import time_machine
from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.kinds import get
from secdesk.models import Event, IncomingDocument, OutgoingDocument
from secdesk.office.documents import incoming as documents
from secdesk.office.documents import outgoing
from secdesk.services import dutylog, forms, records
from secdesk.services.inputs import IncomingInput, OutgoingInput
from secdesk.services.store import Store
from secdesk.services.views import InvalidInput, ListFilter, Undo
from tests import factories as f

pytestmark = pytest.mark.both_engines

NOW = "2026-11-27 10:32:00 +0800"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("某府发[2026]3号", "某府发〔2026〕3号"),
        ("某府发(2026)3号", "某府发〔2026〕3号"),
        ("某府发（2026）3号", "某府发〔2026〕3号"),
        ("某府发【2026】12号", "某府发〔2026〕12号"),
        ("某府发〔2026〕第3号", "某府发〔2026〕3号"),
        ("某府发 [ 2026 ] 3 号", "某府发〔2026〕3号"),
        ("某府发［２０２６］３号", "某府发〔2026〕3号"),
        ("某府发〔2026〕3号", "某府发〔2026〕3号"),
        ("明电〔2026〕", "明电〔2026〕"),
        ("  无  文号 ", "无 文号"),
    ],
)
def test_document_numbers_are_written_with_hexagonal_brackets(typed: str, shown: str) -> None:
    assert documents.normalise_doc_number(typed) == shown


def register(session: Session, **kw: object) -> int:
    data = IncomingInput(
        **{
            "sender": "某市政府办公室",
            "title": "关于冬季防火的通知",
            "received_at": clock.now_local(),
            **kw,
        }  # type: ignore[arg-type]
    )
    return records.create(session, "incoming", data).id


@time_machine.travel(NOW, tick=False)
def test_registering_gives_the_next_receipt_number_of_the_year(session: Session) -> None:
    first = register(session, doc_number="某府发[2026]3号")
    second = register(session)
    last_year = register(session, received_at=f.local(2025, 12, 31, 16))
    docs = {d.id: d for d in session.exec(select(IncomingDocument)).all()}
    assert docs[first].receipt_number == "2026-0001"
    assert docs[second].receipt_number == "2026-0002"
    assert docs[last_year].receipt_number == "2025-0001"
    assert docs[first].doc_number == "某府发〔2026〕3号"
    # A deleted document keeps its number: the next one never takes it again.
    records.delete(session, "incoming", second)
    third = register(session)
    assert session.get(IncomingDocument, third).receipt_number == "2026-0003"  # type: ignore[union-attr]


@time_machine.travel(NOW, tick=False)
def test_the_form_reads_a_time_limit_in_working_days_from_the_day_received(
    session: Session,
) -> None:
    kind = get("incoming")
    values = forms.blank_values(kind) | {
        "sender": "某市应急局",
        "title": "关于开展安全检查的通知",
        "received_at": "2026-11-27 09:00",
        "due": "10wd",
        "doc_type": "通知",
    }
    data = forms.read(kind, values, clock.now_local())
    saved = records.create(session, "incoming", data)
    doc = session.get(IncomingDocument, saved.id)
    assert doc is not None and doc.due == date(2026, 12, 11)
    assert saved.label.startswith("2026-0001")


@time_machine.travel(NOW, tick=False)
def test_registration_refuses_what_cannot_be_a_document(session: Session) -> None:
    with pytest.raises(InvalidInput) as missing_title:
        register(session, title="  ")
    assert missing_title.value.field == "title"
    with pytest.raises(InvalidInput) as bad_type:
        register(session, doc_type="便条")
    assert bad_type.value.field == "doc_type"
    assert session.exec(select(IncomingDocument)).all() == []


@time_machine.travel(NOW, tick=False)
def test_a_secrecy_period_defaults_by_classification(session: Session) -> None:
    doc_id = register(session, classification="secret")
    doc = session.get(IncomingDocument, doc_id)
    assert doc is not None and doc.secrecy_years == 20
    assert doc.declassify_on == date(2046, 11, 27)
    plain = session.get(IncomingDocument, register(session))
    assert plain is not None and plain.secrecy_years is None and plain.declassify_on is None


@pytest.mark.both_engines
@time_machine.travel(NOW, tick=False)
def test_classified_titles_are_masked_in_lists_panel_and_duty_log(session: Session) -> None:
    from secdesk.config import Settings

    secret = "关于某绝密事项的请示"
    doc_id = register(session, title=secret, classification="top_secret")
    register(session, title="关于公开事项的通知", classification="internal")
    rows = records.page(session, "incoming", ListFilter()).rows
    shown = {r.id: [c.text for c in r.cells] for r in rows}
    assert all(secret not in text for text in shown[doc_id])
    assert any("关于公开事项的通知" in t for r in rows for t in (c.text for c in r.cells))
    assert all(secret not in str(v) for r in rows for v in r.values.values())
    panel = documents.panel(session, clock.today(), Settings())
    assert all(secret not in c.text for r in panel.rows for c in r.cells)
    day = dutylog.compose_day(session, clock.today())
    assert all(secret not in e.text for e in day.entries)
    assert any(e.kind == "incoming" and e.record_id == doc_id for e in day.entries)
    # Revealed (a key on the screen): the title shows.
    revealed = documents.SERVICE.__class__("incoming")
    revealed.reveal = True
    row = revealed.row(session.get(IncomingDocument, doc_id), clock.today())  # type: ignore[arg-type]
    assert secret in [c.text for c in row.cells]


@pytest.mark.both_engines
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_classified_title_is_called_the_same_in_the_list_and_the_detail(
    session: Session, lang: str
) -> None:
    from secdesk import i18n

    doc_id = register(session, title="关于某机密事项的请示", classification="secret")
    out_id = draft(session, prefix="某府发", title="关于某机密事项的报告", classification="secret")
    i18n.set_language(lang)
    word = {"en": "(classified title)", "zh": "（涉密标题）"}[lang]
    for kind, record_id in (("incoming", doc_id), ("outgoing", out_id)):
        listed = [c.text for r in records.page(session, kind, ListFilter()).rows for c in r.cells]
        assert word in listed
        assert dict(records.detail(session, kind, record_id).fields)["Title"] == word


@time_machine.travel(NOW, tick=False)
def test_urgent_documents_without_a_limit_are_flagged_and_late_ones_red(session: Session) -> None:
    from secdesk.config import Settings
    from secdesk.services.views import Tone

    urgent = register(session, urgency="urgent", title="加急无时限")
    late = register(session, title="逾期", due=date(2026, 11, 20))
    calm = register(session, title="平件", due=date(2026, 12, 20))
    extra = register(session, urgency="extra_urgent", title="特急", due=date(2026, 12, 1))
    panel = documents.panel(session, clock.today(), Settings())
    order = [r.id for r in panel.rows]
    assert order == [extra, urgent, late, calm]
    due = {r.id: r.cells[-1] for r in panel.rows}
    assert due[urgent].tone == Tone.flag and due[urgent].text == "urgent, no limit"
    assert due[late].tone == Tone.alert
    assert due[calm].tone == Tone.plain


def draft(session: Session, prefix: str = "某府发", **kw: object) -> int:
    data = OutgoingInput(
        title=kw.pop("title", "关于做好元旦春节期间工作的通知"), prefix=prefix, **kw
    )  # type: ignore[arg-type]
    return records.create(session, "outgoing", data).id


def numbered(session: Session, prefix: str = "某府发", year: int | None = None) -> int:
    """A signed-off draft given its number by the workflow's register step."""
    from secdesk.services import workflow

    doc_id = draft(session, prefix)
    obj = session.get(OutgoingDocument, doc_id)
    assert obj is not None
    obj.status = "signed_off"
    session.add(obj)
    session.flush()
    if year is None:
        workflow.take(session, "outgoing", doc_id, "register")
    else:
        with time_machine.travel(f"{year}-06-01 10:00 +0800", tick=False):
            workflow.take(session, "outgoing", doc_id, "register")
    return doc_id


@time_machine.travel(NOW, tick=False)
def test_numbers_run_per_prefix_per_year_without_padding(session: Session) -> None:
    from secdesk.services import workflow

    a1 = numbered(session, "某府发")
    b1 = numbered(session, "某府函")
    a2 = numbered(session, "某府发")
    last_year = numbered(session, "某府发", year=2025)
    numbers = {o.id: o.doc_number for o in session.exec(select(OutgoingDocument)).all()}
    assert numbers[a1] == "某府发〔2026〕1号"
    assert numbers[b1] == "某府函〔2026〕1号"
    assert numbers[a2] == "某府发〔2026〕2号"
    assert numbers[last_year] == "某府发〔2025〕1号"
    assert outgoing.parse_number("某府发〔2026〕2号") == ("某府发", 2026, 2)
    # Taking the numbering back frees nothing once a later number was given.
    steps = workflow.steps_of(session, "outgoing", a1)
    token = Undo("outgoing", a1, "unstep", "", {"step_id": steps[-1].id})
    with pytest.raises(InvalidInput):
        records.undo(session, token)


@time_machine.travel(NOW, tick=False)
def test_a_voided_number_stays_and_is_never_given_again(session: Session) -> None:
    from secdesk.services import workflow

    first = numbered(session)
    taken = workflow.take(session, "outgoing", first, "void", note="印错")
    again = numbered(session)
    assert session.get(OutgoingDocument, again).doc_number == "某府发〔2026〕2号"  # type: ignore[union-attr]
    rows = {r.id: r for r in records.page(session, "outgoing", ListFilter()).rows}
    assert rows[first].cells[0].text == "某府发〔2026〕1号"
    assert rows[first].cells[-1].text == "Voided"
    assert outgoing.number_check(session) == []
    with pytest.raises(workflow.StepRefused):  # a voided number is final
        workflow.take(session, "outgoing", first, "void", note="再作废")
    records.undo(session, taken.undo)
    assert session.get(OutgoingDocument, first).voided_at is None  # type: ignore[union-attr]
    actions = [
        e.action
        for e in session.exec(
            select(Event).where(Event.entity == "outgoingdocument", Event.entity_id == first)
        ).all()
    ]
    assert actions == ["create", "step:register", "step:void", "undo"]


def test_the_check_names_gaps_and_duplicates(session: Session) -> None:
    for serial in (1, 2, 2, 5):
        session.add(
            OutgoingDocument(
                title="导入",
                prefix="某府发",
                year=2024,
                serial=serial,
                doc_number=outgoing.format_number("某府发", 2024, serial),
                drafted_at=clock.now_utc(),
            )
        )
    session.flush()
    problems = outgoing.number_check(session)
    assert [(p.kind, p.serials) for p in problems] == [("gap", (3, 4)), ("duplicate", (2,))]


@time_machine.travel(NOW, tick=False)
def test_a_reply_and_the_document_it_answers_show_each_other(session: Session) -> None:
    incoming_id = register(session, title="关于征求意见的函")
    receipt = session.get(IncomingDocument, incoming_id).receipt_number  # type: ignore[union-attr]
    reply = outgoing.log_outgoing(session, "关于征求意见的复函", "某府函", reply_to=receipt)
    out_detail = dict(records.detail(session, "outgoing", reply.id).fields)
    assert receipt in out_detail["In reply to"]
    in_detail = dict(records.detail(session, "incoming", incoming_id).fields)
    assert in_detail["Answered by"].startswith("某府函〔2026〕1号")


def _log_many(path: str, prefix: str, count: int) -> list[str]:
    store = Store(Path(path))
    try:
        return [
            store.write(outgoing.log_outgoing, f"并发{i}", prefix).label.split()[0]
            for i in range(count)
        ]
    finally:
        store.close()


def test_processes_numbering_at_once_never_share_or_skip_a_number(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    Store(path).open()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        results = pool.starmap(_log_many, [(str(path), "某府发", 8)] * 4)
    numbers = [n for batch in results for n in batch]
    year = clock.today().year
    assert sorted(numbers) == sorted(f"某府发〔{year}〕{n}号" for n in range(1, 33))
    store = Store(path)
    assert store.run(outgoing.number_check) == []
    store.close()


@time_machine.travel(NOW, tick=False)
def test_hostile_text_in_every_field_is_kept_literally(session: Session) -> None:
    mark = "[/]甲\x1b[2J[@click=app.quit]x"
    doc_id = register(session, sender=mark, title=mark, doc_number=mark, attachments=mark)
    fields = dict(records.detail(session, "incoming", doc_id).fields)
    for label in ("Sender", "Title", "Document number", "Attachments"):
        assert fields[label] == mark
    out_id = draft(session, prefix="某府发", title=mark, drafted_by=mark, main_recipients=mark)
    fields = dict(records.detail(session, "outgoing", out_id).fields)
    assert fields["Title"] == mark and fields["Main recipients"] == mark
    assert session.exec(select(OutgoingDocument).where(col(OutgoingDocument.title) == mark)).one()


@pytest.mark.both_engines
@time_machine.travel(NOW, tick=False)
def test_the_register_filters_by_year_receipt_type_classification_and_overdue(
    session: Session,
) -> None:
    old = register(session, received_at=f.local(2025, 3, 4, 9), title="去年的")
    late = register(session, title="逾期的", due=date(2026, 11, 20), doc_type="请示")
    secret = register(session, title="机密的", classification="secret", doc_type="命令")
    done = register(session, title="办结的", due=date(2026, 11, 1))
    session.get(IncomingDocument, done).status = "completed"  # type: ignore[union-attr]
    session.flush()

    def ids(**kw: object) -> set[int]:
        return {r.id for r in records.page(session, "incoming", ListFilter(**kw)).rows}  # type: ignore[arg-type]

    assert ids(text="2025") == {old}
    assert ids(text="2026-0001") == {late}
    assert ids(text="2026-1") == {late}
    assert ids(choices={"overdue": "yes"}) == {late}
    assert ids(choices={"doc_type": "命令"}) == {secret}
    assert ids(choices={"classification": "secret"}) == {secret}
    assert ids(text="机密的") == {secret}  # found, but shown masked
    (row,) = records.page(session, "incoming", ListFilter(text="机密的")).rows
    assert "机密的" not in [c.text for c in row.cells]
    (row,) = records.page(session, "incoming", ListFilter(text="机密的", reveal=True)).rows
    assert "机密的" in [c.text for c in row.cells]
    # The service itself stays masked for the next caller.
    (row,) = records.page(session, "incoming", ListFilter(text="机密的")).rows
    assert "机密的" not in [c.text for c in row.cells]


@time_machine.travel(NOW, tick=False)
def test_circulation_shows_who_has_the_document_now(session: Session) -> None:
    doc_id = register(session)
    documents.circulate(session, doc_id, "刘局长、王副局长，[/]张科长")
    assert documents.holders(session, doc_id) == ["刘局长", "王副局长", "[/]张科长"]
    documents.mark_circulation(session, doc_id, "刘局长", returned=False)
    documents.mark_circulation(session, doc_id, "王副局长", returned=True)
    assert documents.holders(session, doc_id) == ["刘局长", "[/]张科长"]
    fields = records.detail(session, "incoming", doc_id).fields
    assert fields[-4] == ("Now with", "刘局长, [/]张科长")
    circulated = [v for k, v in fields if k == "Circulated to"]
    assert circulated == [
        "刘局长 · 27 Nov 10:32 · read, not returned",
        "王副局长 · 27 Nov 10:32 · returned 27 Nov 10:32",
        "[/]张科长 · 27 Nov 10:32 · has it",
    ]
    with pytest.raises(InvalidInput):
        documents.mark_circulation(session, doc_id, "王副局长", returned=True)
    with pytest.raises(InvalidInput):
        documents.circulate(session, doc_id, " ，、")


def test_a_draft_given_a_new_number_keeps_its_void_and_the_new_number_is_undone_first(
    session: Session,
) -> None:
    """After a void and a new number, undoing the void is refused (two live numbers for one
    draft); undoing the new number frees its serial, and then the void may be undone."""
    from secdesk.services import workflow

    first = numbered(session)
    voided = workflow.take(session, "outgoing", first, "void", note="编号错误")
    again = workflow.take(session, "outgoing", first, "renumber")
    new = session.exec(select(OutgoingDocument).where(OutgoingDocument.replaces_id == first)).one()
    assert new.doc_number == "某府发〔2026〕2号" and new.status == "registered"
    with pytest.raises(InvalidInput):
        records.undo(session, voided.undo)
    records.undo(session, again.undo)
    assert new.deleted_at is not None and new.serial is None
    records.undo(session, voided.undo)
    assert session.get(OutgoingDocument, first).status == "registered"  # type: ignore[union-attr]
    assert outgoing.number_check(session) == []


@time_machine.travel(NOW, tick=False)
def test_the_read_form_suggests_who_has_the_document_not_the_contact_book(
    session: Session,
) -> None:
    from secdesk.services import lookups

    f.contact(session, "刘局长夫人")
    doc_id = register(session)
    documents.circulate(session, doc_id, "刘局长、王副局长")
    documents.mark_circulation(session, doc_id, "王副局长", returned=True)
    flow = get("incoming").workflow
    assert flow is not None
    for step in ("read", "give_back"):
        (reader,) = flow.step(step).fields
        found = lookups.suggest(session, reader.source, "局长", record_id=doc_id)
        assert [s.value for s in found] == ["刘局长"]
