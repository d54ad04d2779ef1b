"""The duty log service: the day read from the records in local time, notes kept with an
audit trail, and exports that keep user text literal but free of terminal control."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select

from secdesk import i18n
from secdesk.models import DutyLog, Event
from secdesk.services import dutylog
from tests import factories as f
from tests.conftest import HOSTILE
from tests.markdown_text import headings, markdown_text

pytestmark = pytest.mark.both_engines

DAY = date(2026, 11, 27)


def seed_day(s) -> None:  # noqa: ANN001
    # Just inside the local day at both ends (the UTC date of the first is the 26th).
    f.call(s, f.local(2026, 11, 27, 0, 5), caller="早班", direction="outgoing", summary="叫车")
    f.call(s, f.local(2026, 11, 27, 23, 59), caller="晚班", summary="值班检查")
    # Just outside it, on either side.
    f.call(s, f.local(2026, 11, 26, 23, 59), caller="昨天")
    f.call(s, f.local(2026, 11, 28, 0, 0), caller="明天")
    f.call(
        s,
        f.local(2026, 11, 27, 10, 32),
        caller="张三",
        organization="某局",
        summary="询问预算",
        message_for="刘局长",
    )
    f.visit(
        s,
        f.local(2026, 11, 27, 9),
        name="王五",
        organization="某单位",
        host="刘局长",
        purpose="汇报工作",
        left_at=f.local(2026, 11, 27, 11, 15),
    )
    f.visit(s, f.local(2026, 11, 26, 17), name="赵六", left_at=f.local(2026, 11, 27, 8))
    f.visit(s, f.local(2026, 11, 27, 22), name="过夜", left_at=f.local(2026, 11, 28, 1))
    f.document(
        s,
        received_at=f.local(2026, 11, 27, 8, 30),
        title="关于冬季安全的通知",
        sender="某市政府办公室",
        doc_number="某府办发〔2026〕3号",
    )
    f.document(
        s,
        received_at=f.local(2026, 11, 20),
        completed_at=f.local(2026, 11, 27, 16),
        title="旧文",
        sender="",
        doc_number="",
    )
    f.meeting(s, f.local(2026, 11, 27, 15), title="局务会", chair="刘局长")
    f.meeting(s, f.local(2026, 11, 27, 14), title="取消的会", cancelled=True)
    deleted = f.call(s, f.local(2026, 11, 27, 12), caller="已删除")
    deleted.deleted_at = f.local(2026, 11, 27, 12, 1)


def test_compose_day_lists_the_local_day_in_time_order(store) -> None:  # noqa: ANN001
    store.run(seed_day)
    duty = store.run(dutylog.compose_day, DAY)
    got = [(e.time.strftime("%H:%M"), e.kind, e.label) for e in duty.entries]
    assert got == [
        ("00:05", "call", "Outgoing call"),
        ("08:00", "visit", "Visitor left"),
        ("08:30", "incoming", "Document received"),
        ("09:00", "visit", "Visitor arrived"),
        ("10:32", "call", "Incoming call"),
        ("11:15", "visit", "Visitor left"),
        ("15:00", "meeting", "Meeting"),
        ("16:00", "incoming", "Document completed"),
        ("22:00", "visit", "Visitor arrived"),
        ("23:59", "call", "Incoming call"),
    ]
    assert all(e.time.utcoffset().total_seconds() == 8 * 3600 for e in duty.entries)
    texts = [e.text for e in duty.entries]
    assert texts[4] == "张三 (某局): 询问预算 (for 刘局长)"
    assert texts[3] == "王五 (某单位) to see 刘局长: 汇报工作"
    assert texts[2] == "“关于冬季安全的通知” from 某市政府办公室 (某府办发〔2026〕3号)"
    assert texts[6] == "局务会 (三楼会议室, chaired by 刘局长)"
    assert not any("昨天" in t or "明天" in t or "已删除" in t or "取消" in t for t in texts)
    assert (duty.notes, duty.handover, duty.on_duty) == ("", "", "")


def test_the_next_day_sees_the_overnight_visitor_leave(store) -> None:  # noqa: ANN001
    store.run(seed_day)
    duty = store.run(dutylog.compose_day, date(2026, 11, 28))
    assert [(e.time.strftime("%H:%M"), e.kind, e.text) for e in duty.entries] == [
        ("00:00", "call", "明天: 询问预算"),
        ("01:00", "visit", "过夜"),
    ]


def test_entries_follow_the_interface_language(store) -> None:  # noqa: ANN001
    store.run(seed_day)
    i18n.set_language("zh")
    duty = store.run(dutylog.compose_day, DAY)
    call = next(e for e in duty.entries if e.text.startswith("张三"))
    assert call.text == "张三（某局）：询问预算（转告刘局长）"
    assert i18n._(call.label) == "来电"


def events(store) -> list[Event]:  # noqa: ANN001
    return store.run(lambda s: list(s.exec(select(Event).where(Event.entity == "dutylog"))))


def test_save_notes_upserts_one_row_per_day_with_audit(store) -> None:  # noqa: ANN001
    store.run(dutylog.save_notes, DAY, "上午停电一次", "", "")
    store.run(dutylog.save_notes, DAY, "上午停电一次\n下午已恢复", "提醒明早检查", " 小王 ")
    store.run(dutylog.save_notes, DAY, "上午停电一次\n下午已恢复", "提醒明早检查", "小王")
    rows = store.run(lambda s: list(s.exec(select(DutyLog))))
    assert [(r.day, r.notes, r.handover, r.on_duty) for r in rows] == [
        (DAY, "上午停电一次\n下午已恢复", "提醒明早检查", "小王")
    ]
    logged = events(store)
    assert [(e.action, e.entity_id) for e in logged] == [
        ("create", rows[0].id),
        ("update", rows[0].id),
    ]  # the third save changed nothing, so wrote nothing
    assert json.loads(logged[1].data) == {
        "notes": ["上午停电一次", "上午停电一次\n下午已恢复"],
        "handover": ["", "提醒明早检查"],
        "on_duty": ["", "小王"],
    }
    duty = store.run(dutylog.compose_day, DAY)
    assert (duty.notes, duty.handover, duty.on_duty) == (
        "上午停电一次\n下午已恢复",
        "提醒明早检查",
        "小王",
    )
    assert store.run(dutylog.compose_day, date(2026, 11, 26)).notes == ""


def test_saving_nothing_on_a_new_day_writes_nothing(store) -> None:  # noqa: ANN001
    store.run(dutylog.save_notes, DAY, "", "", "  ")
    assert store.run(lambda s: list(s.exec(select(DutyLog)))) == []
    assert events(store) == []


def test_exports_hold_the_day_with_hostile_text_literal(store) -> None:  # noqa: ANN001
    hostile = " ".join(HOSTILE)

    def seed(s) -> None:  # noqa: ANN001
        f.call(
            s, f.local(2026, 11, 27, 10, 32), caller="张三", organization="某局", summary=hostile
        )
        f.visit(s, f.local(2026, 11, 27, 9, 5), name="[bold]李四", purpose="送\x1b[31m材料")

    store.run(seed)
    store.run(
        dutylog.save_notes, DAY, "第一行 [/]\n第二行\x1b[2J", "交接 [link=x]y[/link]", "小王\x07"
    )
    duty = store.run(dutylog.compose_day, DAY)
    markdown = dutylog.export_markdown(duty)
    plain = dutylog.export_text(duty)
    assert "\x1b" not in markdown and "\x07" not in markdown
    for out in (markdown_text(markdown), plain):  # the Markdown as a reader sees it
        assert "\x1b" not in out and "\x07" not in out
        assert "Duty log Fri 27 Nov 2026" in out
        assert "09:05 Visitor arrived [bold]李四: 送␛[31m材料" in out
        assert "10:32 Incoming call 张三 (某局): [/] [bold [@click=app.quit]x a[b]c ␛[2J" in out
        assert "第一行 [/]\n第二行␛[2J" in out
        assert "交接 [link=x]y[/link]" in out
        assert "On duty: 小王␇" in out
        assert out.index("09:05") < out.index("10:32") < out.index("第一行")
    assert markdown.startswith("# Duty log Fri 27 Nov 2026\n")
    assert "## Notes of the day\n\n第一行" in markdown
    assert "- 09:05 Visitor arrived" in markdown
    assert plain.startswith("Duty log Fri 27 Nov 2026\n========================\n")


def test_exports_in_chinese_and_for_an_empty_day(store) -> None:  # noqa: ANN001
    store.run(
        lambda s: f.call(
            s, f.local(2026, 11, 27, 10, 32), caller="张三", organization="某局", summary="询问预算"
        )
    )
    i18n.set_language("zh")
    duty = store.run(dutylog.compose_day, DAY)
    plain = dutylog.export_text(duty)
    assert plain.startswith("值班日志 2026年11月27日 星期五\n" + "=" * 30 + "\n")
    assert "10:32 来电 张三（某局）：询问预算" in plain
    empty = dutylog.export_markdown(store.run(dutylog.compose_day, date(2026, 11, 28)))
    assert "## 值班记事\n\n无记录。" in empty


def test_write_exports_creates_both_files(store, tmp_path) -> None:  # noqa: ANN001
    duty = dutylog.DutyDay(DAY, [], "记事", "", "")
    md, txt, paper = dutylog.write_exports(duty, tmp_path / "exports")
    assert (md.name, txt.name) == ("duty-2026-11-27.md", "duty-2026-11-27.txt")
    assert "记事" in md.read_text("utf-8") and "记事" in txt.read_text("utf-8")
    assert {md.stat().st_mode & 0o777, txt.stat().st_mode & 0o777} == {0o600}


def test_markdown_export_shows_hostile_markdown_as_typed() -> None:
    """Notes, names and summaries that look like Markdown are shown as the text typed: no
    heading, list, quote, link, emphasis, HTML or code appears that the secretary did not
    write as the log's own structure."""
    from datetime import datetime

    from secdesk.calendar import clock

    at = datetime(2026, 11, 27, 10, 32, tzinfo=clock.zone())
    notes = "# 不是标题\n- 不是列表\n1. 也不是\n> 不是引用\n    不是代码\n<script>alert(1)</script>"
    handover = "*加粗* [链接](http://x) ![图](y.png) `代码` ~~删除~~ a | b &amp;\n\n第二段\n---"
    duty = dutylog.DutyDay(
        DAY,
        [dutylog.DayEntry(at, "call", "**张三** (<b>某局</b>): [点我](http://x)", "Incoming call")],
        notes,
        handover,
        "_小王_",
    )
    markdown = dutylog.export_markdown(duty)
    assert headings(markdown) == [
        "Duty log Fri 27 Nov 2026",
        "The day in figures",
        "The day's record",
        "Notes of the day",
        "Handover",
    ]
    shown = markdown_text(markdown).replace("\u00a0", " ")  # fails on any non-text element
    assert "On duty: _小王_" in shown
    assert "10:32 Incoming call **张三** (<b>某局</b>): [点我](http://x)" in shown
    assert notes in shown
    assert "*加粗* [链接](http://x) ![图](y.png) `代码` ~~删除~~ a | b &amp;\n第二段\n---" in shown
