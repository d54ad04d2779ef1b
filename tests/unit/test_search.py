"""The desk-wide search: every kind, Chinese, English and digits, 1-3+ character queries,
filters, masking, and the index after edits, deletes, undo, imports and a rebuild."""

from __future__ import annotations

import json
from datetime import date
from types import SimpleNamespace

import pytest

from secdesk.kinds import kinds
from secdesk.models import DutyLog, Task
from secdesk.services import records, search, search_index
from secdesk.services.searchtext import fold, index_terms, snippet
from secdesk.services.views import ListFilter
from tests import factories as f

pytestmark = pytest.mark.both_engines


def found(session, text: str, **kw) -> set[tuple[str, int]]:  # noqa: ANN001
    return {(hit.kind, hit.id) for hit in search.search(session, text, **kw).hits}


def test_folding_ignores_case_width_and_punctuation() -> None:
    assert fold("某府发〔2026〕3号") == fold("某府发[2026]3号") == "某府发20263号"
    assert fold("ＡＢＣ 138-1234") == "abc1381234"
    assert index_terms("call", ["蓝鲸渔业", "x", ""], ["王五"]) == (
        "\ue001call 蓝鲸 鲸渔 渔业 \ue002王 \ue002五"
    )


def test_snippet_marks_the_match_in_the_original_text() -> None:
    piece = snippet("关于防汛物资的通知\n某市应急局", ["防汛"])
    assert piece.text.startswith("关于防汛物资")
    start, end = piece.marks[0]
    assert piece.text[start:end] == "防汛"
    piece = snippet("Phone 138 1234 5678", [fold("45678")])
    start, end = piece.marks[0]
    assert piece.text[start:end] == "4 5678"


def test_every_registered_kind_is_indexed() -> None:
    names = set(search.sources())
    assert {kind.name for kind in kinds() if kind.search.fields} <= names
    assert "duty" in names
    from secdesk.kinds import resolve

    for source in search.sources().values():
        model = resolve(source.model)
        for name in (*source.spec.fields, *source.spec.who, source.date_field):
            assert hasattr(model, name), (source.name, name)
        assert not source.spec.title or source.spec.title in source.spec.fields


def test_chinese_english_and_digits_of_every_length(session) -> None:  # noqa: ANN001
    call = f.call(
        session,
        f.local(2026, 11, 20, 10),
        caller="王建国",
        number="138 1234 5678",
        organization="蓝鲸渔业公司",
        summary="Asked about the FLOOD supplies 防汛物资",
    )
    other = f.call(session, f.local(2026, 11, 21, 10), caller="李四", summary="预算")
    key = ("call", call.id)
    assert key in found(session, "蓝鲸")  # two characters
    assert key in found(session, "防汛物")  # three
    assert key in found(session, "flood")  # English, any case
    assert key in found(session, "Supplies")
    assert key in found(session, "5678")  # a number's last four digits
    assert key in found(session, "12345")  # across the space in the number
    assert key in found(session, "王")  # one character: scanned
    assert found(session, "王").isdisjoint({("call", other.id)})
    assert found(session, "鲸渔 flood") == {key}  # every word must match
    assert found(session, "鲸防") == set()  # not a piece of any field
    assert found(session, "渔业司") == set()


def test_document_numbers_with_or_without_brackets(session) -> None:  # noqa: ANN001
    doc = f.document(session, doc_number="某府发〔2026〕3号", title="关于防汛物资调拨的通知")
    key = ("incoming", doc.id)
    assert key in found(session, "某府发〔2026〕3号")
    assert key in found(session, "某府发[2026]3号")
    assert key in found(session, "某府发20263号")
    assert key in found(session, "防汛")


def test_filters(session) -> None:  # noqa: ANN001
    early = f.call(session, f.local(2026, 1, 5), caller="王五", summary="防汛会议")
    late = f.call(session, f.local(2026, 3, 5), caller="赵六", summary="防汛检查")
    meeting = f.meeting(session, f.local(2026, 2, 1), title="防汛工作会", chair="王局长")
    assert found(session, "防汛 kind:call") == {("call", early.id), ("call", late.id)}
    assert found(session, "防汛 kind:meeting") == {("meeting", meeting.id)}
    assert found(session, "防汛 from:2026-02-01") == {("call", late.id), ("meeting", meeting.id)}
    assert found(session, "防汛 to:2026-02-01") == {("call", early.id), ("meeting", meeting.id)}
    assert found(session, "防汛 who:王") == {("call", early.id), ("meeting", meeting.id)}
    assert found(session, "who：赵") == {("call", late.id)}  # full-width colon, filter only
    result = search.search(session, "防汛 kind:nothing from:whenever")
    assert result.problems == ("kind:nothing", "from:whenever")


def test_local_days_bound_the_date_filters(session) -> None:  # noqa: ANN001
    # 00:30 on 1 March in Shanghai is still 28 February in UTC.
    call = f.call(session, f.local(2026, 3, 1, 0, 30), summary="月初电话")
    assert found(session, "月初 from:2026-03-01") == {("call", call.id)}
    assert found(session, "月初 to:2026-02-28") == set()


def test_results_are_newest_first_and_limited_per_kind(session) -> None:  # noqa: ANN001
    ids = [f.call(session, f.local(2026, 11, day), summary="值班电话").id for day in (3, 9, 5)]
    result = search.search(session, "值班", per_kind=2)
    assert [hit.id for hit in result.hits] == [ids[1], ids[2]]
    hit = result.hits[0]
    assert hit.at is not None and hit.at.date() == date(2026, 11, 9)
    assert hit.snippet[hit.marks[0][0] : hit.marks[0][1]] == "值班"


def test_masked_data_is_never_found_or_shown(session) -> None:  # noqa: ANN001
    f.visit(session, f.local(2026, 11, 20), id_number="110101199001011234", purpose="办事")
    assert found(session, "1234") == set()
    assert found(session, "110101") == set()
    secret = f.document(session, title="绝密防汛预案", classification="secret", sender="某市委")
    plain = f.document(session, title="防汛通知", classification="none", sender="某市委")
    assert found(session, "预案") == set()
    hits = search.search(session, "某市委").hits
    assert {hit.id for hit in hits} == {secret.id, plain.id}
    assert all("预案" not in hit.title + hit.snippet for hit in hits)


def test_an_accusers_identity_is_never_indexed() -> None:
    """检举控告: the petitioner's name and number stay out of the index (the category field
    is declared by the letters-and-visits work; the rule only needs its value)."""
    source = search.sources()["petition"]
    petition = SimpleNamespace(
        id=1,
        deleted_at=None,
        received_at=f.local(2026, 11, 20),
        petitioner="举报人甲",
        phone="13900001111",
        content="举报某单位违规发放补贴",
        category="accusation",
    )
    view = search.view_of(source, petition)
    assert view is not None
    shown = view.body + view.title + "".join(view.who)
    assert "举报人甲" not in shown and "1111" not in shown
    assert "违规发放" in view.body
    petition.category = "appeal"
    view = search.view_of(source, petition)
    assert view is not None and "举报人甲" in view.title and "1111" in view.body


def test_the_index_follows_edits_deletes_and_undo(session) -> None:  # noqa: ANN001
    from secdesk.services.inputs import CallInput

    saved = records.create(
        session, "call", CallInput(caller="周八", summary="询问供暖", at=f.local(2026, 11, 2))
    )
    key = ("call", saved.id)
    assert key in found(session, "供暖")
    loaded = records.load(session, "call", saved.id)
    data = loaded.data
    data.summary = "询问防寒"
    records.update(session, "call", saved.id, data, loaded.version)
    assert key not in found(session, "供暖")
    assert key in found(session, "防寒")
    token = records.delete(session, "call", saved.id)
    assert key not in found(session, "防寒")
    records.undo(session, token)
    assert key in found(session, "防寒")


def test_a_hard_delete_leaves_the_index(session) -> None:  # noqa: ANN001
    task = Task(title="整理档案")
    session.add(task)
    session.flush()
    assert ("task", task.id) in found(session, "档案")
    session.delete(task)
    session.flush()
    assert found(session, "档案") == set()


def test_duty_notes_are_found_on_their_day(session) -> None:  # noqa: ANN001
    log = DutyLog(day=date(2026, 11, 20), notes="夜间停电两小时", on_duty="钱九")
    session.add(log)
    session.flush()
    hits = search.search(session, "停电").hits
    assert [(hit.kind, hit.id) for hit in hits] == [("duty", log.id)]
    assert hits[0].at is not None and hits[0].at.date() == date(2026, 11, 20)
    assert found(session, "who:钱") == {("duty", log.id)}


def test_rebuild_gives_the_same_answers(session) -> None:  # noqa: ANN001
    call = f.call(session, f.local(2026, 11, 20), summary="防汛物资")
    gone = f.call(session, f.local(2026, 11, 21), summary="防汛演练")
    records.delete(session, "call", gone.id)
    session.flush()
    before = found(session, "防汛")
    assert search_index.reindex(session) >= 1
    assert found(session, "防汛") == before == {("call", call.id)}


@pytest.mark.parametrize("hostile", ["[/]", "\x1b[2J", '"', "a AND b", "NEAR(x)", "*", "-x"])
def test_odd_queries_are_plain_text(session, hostile: str) -> None:  # noqa: ANN001
    call = f.call(session, f.local(2026, 11, 20), summary=f"记录{hostile}结束")
    search.search(session, hostile)  # never an FTS syntax error
    assert ("call", call.id) in found(session, f"记录{hostile}")


def test_list_search_still_works(session) -> None:  # noqa: ANN001
    call = f.call(session, f.local(2026, 11, 20), summary="防汛")
    page = records.page(session, "call", ListFilter(text="防汛"))
    assert [row.id for row in page.rows] == [call.id]


def test_imported_calls_and_contacts_are_found(session) -> None:  # noqa: ANN001
    from secdesk.office.calls import phone_import as callimport
    from secdesk.office.contacts import cards as contact_cards
    from tests.unit.test_callimport import line

    cdr = line("13812345678", "100", '"蓝鲸渔业" <13812345678>', "2026-11-26 09:15:00")
    report = callimport.import_calls_asterisk(session, cdr.encode())
    (row,) = report.rows
    assert ("call", row.id) in found(session, "5678")
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:孙悟空\r\nTITLE:花果山办公室主任\r\nEND:VCARD\r\n"
    contact_cards.import_vcards(session, card.encode())
    assert {kind for kind, _id in found(session, "花果山")} == {"contact"}


def test_a_crowded_minute_keeps_every_record(session) -> None:  # noqa: ANN001
    """Entries sort by minute with 16 places each: the 17th record of a minute still counts."""
    ids = []
    for n in range(20):
        task = Task(title=f"整理第{n}卷")
        session.add(task)
        session.flush()
        ids.append(task.id)
    assert found(session, "整理", per_kind=None) == {("task", i) for i in ids}
    assert found(session, "第19卷") == {("task", ids[19])}


def test_a_phrase_does_not_run_across_two_fields(session) -> None:  # noqa: ANN001
    f.call(session, f.local(2026, 11, 20), caller="甲乙", organization="丙丁", summary="")
    assert found(session, "乙丙") == set()


def test_search_from_the_shell(capsys, tmp_path) -> None:  # noqa: ANN001
    from secdesk.cli import main

    db = str(tmp_path / "cli.db")
    assert (
        main(
            [
                "--db",
                db,
                "log",
                "call",
                "--from",
                "王建国",
                "--number",
                "13812345678",
                "蓝鲸渔业来电",
            ]
        )
        == 0
    )
    assert main(["--db", db, "log", "call", "--from", "李四", "防汛"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "search", "--json", "5678"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(h["kind"], h["title"]) for h in hits] == [("call", "王建国")]
    assert set(hits[0]) == {"kind", "id", "date", "title", "snippet"}
    assert main(["--db", db, "search", "--limit", "1", "--json", "kind:call"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["--db", db, "search", "蓝鲸"]) == 0
    out = capsys.readouterr().out
    assert "Telephone call" in out and "蓝鲸渔业来电" in out and "李四" not in out
    assert main(["--db", db, "reindex"]) == 0
    assert "2 records" in capsys.readouterr().out
    assert main(["--db", db, "search", "--reindex", "--json", "防汛"]) == 0
    assert [h["title"] for h in json.loads(capsys.readouterr().out.split("\n", 1)[1])] == ["李四"]


def test_the_migration_fills_the_index_from_existing_records(tmp_path) -> None:  # noqa: ANN001
    """A database from before the search (schema 0001, one call in it) is upgraded: the call
    is found at once."""
    from secdesk.services.store import Store
    from tests.unit.test_db import _at_first_revision

    path = tmp_path / "old.db"
    _at_first_revision(path, populate=True)
    store = Store(path, tmp_path / "backups")
    try:
        hits = store.run(search.search, "保留").hits
        assert [(hit.kind, hit.title) for hit in hits] == [("call", "保留")]
    finally:
        store.close()


def test_a_contacts_numbers_are_found_and_follow_edits(session) -> None:  # noqa: ANN001
    from secdesk.office.contacts import book as contacts

    cid = f.contact(session, "赵敏", [("+86 138 0013 8000", "mobile")], "某市财政局")
    assert found(session, "8000") == {("contact", cid)}
    data = contacts.get_input(session, cid)
    data.numbers = [("0571 8765 4321", "work")]
    contacts.update_contact(session, cid, data)
    assert found(session, "8000") == set()
    assert found(session, "4321") == {("contact", cid)}
    hit = search.search(session, "4321").hits[0]
    assert hit.title == "赵敏" and hit.snippet[hit.marks[0][0] : hit.marks[0][1]] == "4321"
    assert search_index.reindex(session) >= 1
    assert found(session, "4321") == {("contact", cid)}


def test_a_one_character_page_without_counts_has_the_same_hits(session) -> None:  # noqa: ANN001
    """``secdesk search 王`` shows no counts: asked for its page only, a one-character
    query finds the same hits, newest first, and reads no record to count them."""
    for day in range(1, 13):
        f.call(session, f.local(2026, 11, day, 10), caller=f"王{day}", summary="来电")
        f.call(session, f.local(2026, 11, day, 11), caller="李四", summary=f"找老王 {day}")
    f.supervision(session, date(2026, 12, 1), title="王科长交办的事项")
    counted = search.search(session, "王", 5, None)
    paged = search.search(session, "王", 5, None, counted=False)
    assert [(h.kind, h.id, h.snippet) for h in paged.hits] == [
        (h.kind, h.id, h.snippet) for h in counted.hits
    ]
    assert counted.counts == {"call": 24, "supervision": 1} and counted.counted
    assert paged.counts == {} and not paged.counted
    assert paged.hits[0].title == "李四" and "找老王 12" in paged.hits[0].snippet


def test_a_page_without_counts_has_the_same_hits(session) -> None:  # noqa: ANN001
    """``secdesk search 来电`` (a page of the newest of any kind, no counts shown): the same
    hits as with counts, which it does not ask the index for."""
    for day in range(1, 13):
        f.call(session, f.local(2026, 11, day, 10), caller=f"王{day}", summary="来电询问")
    f.supervision(session, date(2026, 12, 1), title="来电反映的事项")
    counted = search.search(session, "来电", 5, None)
    paged = search.search(session, "来电", 5, None, counted=False)
    assert [(h.kind, h.id) for h in paged.hits] == [(h.kind, h.id) for h in counted.hits]
    assert counted.counts == {"call": 12, "supervision": 1} and counted.counted
    assert paged.counts == {} and not paged.counted
    grouped = search.search(session, "来电", 5, 2, counted=False)  # the search box's kind
    assert grouped.counted and grouped.counts == counted.counts
