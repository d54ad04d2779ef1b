"""Meetings: scheduling rules (end, agenda timing, recurrence, conflicts), the checklist,
attendance into the minutes' lines, and decisions made into supervision items."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import time_machine
from sqlmodel import select

from secdesk.calendar import clock
from secdesk.models import (
    ChecklistItem,
    Decision,
    Event,
    Meeting,
    MeetingParticipant,
    SupervisionItem,
)
from secdesk.office.meetings import (
    checklist,
    fields,
    minutes,
    record,
    recurrence,
    series,
)
from secdesk.office.meetings import (
    schedule as meetings,
)
from secdesk.services import records
from secdesk.services.inputs import MeetingInput
from secdesk.services.views import InvalidInput

pytestmark = pytest.mark.both_engines


def at(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=clock.zone())


def schedule(session, **kw) -> int:  # noqa: ANN001
    values = {"title": "区长办公会议", "starts_at": at(2026, 12, 4, 9), "location": "三楼会议室"}
    saved = record.SERVICE.create(session, MeetingInput(**{**values, **kw}))
    session.flush()
    return saved.id


def test_end_as_a_time_or_a_length() -> None:
    start = at(2026, 12, 4, 9)
    assert fields.parse_end("10:30", start) == at(2026, 12, 4, 10, 30)
    assert fields.parse_end("下午4点半", start) == at(2026, 12, 4, 16, 30)
    assert fields.parse_end("90m", start) == at(2026, 12, 4, 10, 30)
    assert fields.parse_end("1.5h", start) == at(2026, 12, 4, 10, 30)
    assert fields.parse_end("2小时", start) == at(2026, 12, 4, 11)
    assert fields.parse_end("", start) is None
    with pytest.raises(InvalidInput):
        fields.parse_end("8:00", start)
    with pytest.raises(InvalidInput):
        fields.parse_end("soon", start)


def test_expected_end_from_the_agenda_and_the_overrun_warning() -> None:
    start = at(2026, 12, 4, 9)
    agenda = [["预算", "财政局", "40"], ["安全生产", "应急局", "30"], ["其他", "", ""]]
    timing = fields.agenda_timing(start, "10:00", agenda)
    assert timing.expected_end == at(2026, 12, 4, 10, 10)
    assert timing.over
    assert fields.timing_note(timing) == ("Expected to end 10:10 · runs past the booked end 10:00")
    fits = fields.agenda_timing(start, "11:00", agenda)
    assert not fits.over and fields.timing_note(fits) == "Expected to end 10:10"
    with pytest.raises(InvalidInput):
        fields.agenda_timing(start, "", [["预算", "", "forty"]])


def test_a_meeting_with_participants_agenda_and_checklist_from_its_type(session) -> None:  # noqa: ANN001
    meeting_id = schedule(
        session,
        meeting_type="视频会议",
        participants=[("张三", "出席", ""), ("李四", "列席", ""), ("王五", "请假", "出差")],
        agenda=[("预算", "财政局", "40"), ("安全", "应急局", "20")],
    )
    meeting = session.get(Meeting, meeting_id)
    assert meeting.participants == "张三、李四、王五"
    assert clock.to_local(meeting.ends_at) == at(2026, 12, 4, 10)  # from the agenda
    steps = [c.label for c in record.checklist_of(session, meeting_id)]
    assert steps == list(fields.CHECKLISTS["视频会议"])
    roles = [(p.name, p.role, p.reason) for p in record.participants_of(session, meeting_id)]
    assert roles == [("张三", "attend", ""), ("李四", "observe", ""), ("王五", "excused", "出差")]
    loaded = records.load(session, "meeting", meeting_id).data
    assert loaded.participants == [
        ("张三", "出席", ""),
        ("李四", "列席", ""),
        ("王五", "请假", "出差"),
    ]
    assert loaded.agenda == [("预算", "财政局", "40"), ("安全", "应急局", "20")]


def test_a_type_without_a_template_gets_the_default_checklist(session) -> None:  # noqa: ANN001
    meeting_id = schedule(session, meeting_type="办公会")
    labels = [c.label for c in record.checklist_of(session, meeting_id)]
    assert labels == list(fields.DEFAULT_CHECKLIST)
    assert "议题征集" in labels and "桌签" in labels


def test_an_unknown_role_is_refused(session) -> None:  # noqa: ANN001
    with pytest.raises(InvalidInput) as error:
        schedule(session, participants=[("张三", "主讲", "")])
    assert error.value.field == "participants"


def test_editing_keeps_attendance_and_leaves_the_old_rows_in_the_audit_trail(session) -> None:  # noqa: ANN001
    meeting_id = schedule(session, participants=[("张三", "", ""), ("李四", "", "")])
    first = record.participants_of(session, meeting_id)[0]
    checklist.mark_attendance(session, first.id, True)
    data = records.load(session, "meeting", meeting_id).data
    data.participants = [*data.participants, ("王五", "列席", "")]
    records.update(session, "meeting", meeting_id, data, seen_version=1)
    people = {p.name: p.attended for p in record.participants_of(session, meeting_id)}
    assert people == {"张三": True, "李四": None, "王五": None}
    event = session.exec(select(Event).where(Event.entity == "meeting")).all()[-1]
    assert "王五" in event.data and "participants" in event.data


def test_weekly_recurrence_matches_an_independent_expansion(session) -> None:  # noqa: ANN001
    from dateutil.rrule import WEEKLY, rrule

    meeting_id = schedule(session, starts_at=at(2026, 11, 2, 8, 30), rrule="FREQ=WEEKLY;COUNT=10")
    start, end = at(2026, 11, 20), at(2027, 2, 1)
    found = [o.starts_at for o in recurrence.occurrences(session, start, end)]
    expected = [
        d.replace(tzinfo=clock.zone())
        for d in rrule(WEEKLY, count=10, dtstart=datetime(2026, 11, 2, 8, 30))
        if start.replace(tzinfo=None) <= d < end.replace(tzinfo=None)
    ]
    assert found == expected and len(found) == 7
    assert all(
        o.meeting_id == meeting_id and o.recurring
        for o in recurrence.occurrences(session, start, end)
    )


def test_one_occurrence_moved_and_one_cancelled_leave_the_rest(session) -> None:  # noqa: ANN001
    master = schedule(session, starts_at=at(2026, 11, 30, 9), rrule="FREQ=WEEKLY")
    series.move_occurrence(session, master, at(2026, 12, 7, 9), at(2026, 12, 8, 15))
    series.cancel_occurrence(session, master, at(2026, 12, 14, 9))
    session.flush()
    found = recurrence.occurrences(session, at(2026, 11, 30, 0), at(2026, 12, 22, 0))
    assert [o.starts_at for o in found] == [
        at(2026, 11, 30, 9),
        at(2026, 12, 8, 15),
        at(2026, 12, 21, 9),
    ]


def test_first_weekday_of_each_month(session) -> None:  # noqa: ANN001
    schedule(
        session,
        starts_at=at(2026, 11, 2, 9),
        rrule="FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
    )
    found = recurrence.occurrences(session, at(2026, 11, 1), at(2027, 3, 1))
    assert [o.starts_at.date() for o in found] == [
        date(2026, 11, 2),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]


def test_a_bad_rule_is_refused(session) -> None:  # noqa: ANN001
    with pytest.raises(InvalidInput) as error:
        schedule(session, rrule="FREQ=SOMETIMES")
    assert error.value.field == "rrule"


def test_conflicts_same_room_and_double_booked_person(session) -> None:  # noqa: ANN001
    schedule(
        session,
        title="专题会议",
        starts_at=at(2026, 12, 4, 9),
        ends="11:00",
        participants=[("张三", "", ""), ("王五", "请假", "出差")],
    )
    other_room = MeetingInput(
        title="座谈会",
        starts_at=at(2026, 12, 4, 10),
        ends="11:00",
        location="二楼会议室",
        participants=[("张三", "", ""), ("王五", "", "")],
    )
    found = meetings.conflicts(session, other_room)
    assert [(c.what, c.name, c.other.title) for c in found] == [("person", "张三", "专题会议")]
    same_room = MeetingInput(title="x", starts_at=at(2026, 12, 4, 10, 30), location="三楼会议室")
    assert [(c.what, c.name) for c in meetings.conflicts(session, same_room)] == [
        ("room", "三楼会议室")
    ]
    assert meetings.conflict_text(meetings.conflicts(session, same_room)[0]) == (
        "三楼会议室 is booked for “专题会议” at 12-04 09:00"
    )
    later = MeetingInput(title="y", starts_at=at(2026, 12, 4, 11), location="三楼会议室")
    assert meetings.conflicts(session, later) == []


def test_a_meeting_does_not_conflict_with_itself(session) -> None:  # noqa: ANN001
    meeting_id = schedule(session, ends="10:00")
    data = records.load(session, "meeting", meeting_id).data
    assert meetings.conflicts(session, data, meeting_id) == []
    assert meetings.conflicts(session, data) != []


def test_tick_and_undo(session) -> None:  # noqa: ANN001
    meeting_id = schedule(session)
    step = record.checklist_of(session, meeting_id)[0]
    token = checklist.tick(session, step.id)
    assert session.get(ChecklistItem, step.id).done
    records.undo(session, token)
    assert not session.get(ChecklistItem, step.id).done


def test_dashboard_marks_tomorrows_meeting_with_an_unfinished_checklist(session) -> None:  # noqa: ANN001
    from secdesk.config import Settings

    with time_machine.travel("2026-12-03 10:00:00 +0800", tick=False):
        ready = schedule(session, title="准备好的", starts_at=at(2026, 12, 4, 9))
        schedule(session, title="没准备好", starts_at=at(2026, 12, 4, 15), location="二楼")
        schedule(session, title="下周的", starts_at=at(2026, 12, 8, 15), location="一楼")
        for step in record.checklist_of(session, ready):
            checklist.tick(session, step.id)
        session.flush()
        panel = meetings.panel(session, date(2026, 12, 3), Settings())
    titles = [r.cells[1].text for r in panel.rows]
    assert titles == ["准备好的", "! 没准备好 · checklist not done", "下周的"]
    assert panel.subtitle == "3 in the next 7 days · checklist not done"


def test_attendance_fills_the_minutes_lines(session) -> None:  # noqa: ANN001
    meeting_id = schedule(
        session,
        participants=[
            ("张三", "", ""),
            ("李四", "列席", ""),
            ("王五", "请假", "出差"),
            ("赵六", "", ""),
        ],
    )
    people = {p.name: p.id for p in record.participants_of(session, meeting_id)}
    checklist.mark_attendance(session, people["张三"], True)
    checklist.mark_attendance(session, people["赵六"], False)
    lines = checklist.minutes_lines(session, meeting_id)
    assert lines.present == ("张三",)
    assert lines.observers == ("李四",)
    assert lines.excused == (("王五", "出差"),)
    assert lines.absent == ("赵六",)


def test_minutes_and_a_decision_made_a_supervision_item_linked_both_ways(session) -> None:  # noqa: ANN001
    meeting_id = schedule(session, starts_at=at(2026, 11, 27, 9))
    minutes.save_minutes(
        session, meeting_id, "会议研究了冬季安全生产。", ["加强检查", "", "报送预算"]
    )
    session.flush()
    decisions = record.decisions_of(session, meeting_id)
    assert [d.text for d in decisions] == ["加强检查", "报送预算"]
    saved = minutes.supervise_decision(session, decisions[0].id, "区应急局", "10wd")
    session.flush()
    item = session.get(SupervisionItem, saved.id)
    assert item.title == "加强检查"
    assert item.undertaking_unit == "区应急局"
    assert item.assigned_on == date(2026, 11, 27)
    assert item.due == date(2026, 12, 11)  # ten working days after Friday 27 November
    assert "区长办公会议" in item.source
    assert (item.source_kind, item.source_id, item.origin) == ("meeting", meeting_id, "meeting")
    assert item.due_spec == "10wd@2026-11-27"
    assert session.get(Decision, decisions[0].id).supervision_id == item.id
    again = minutes.supervise_decision(session, decisions[0].id, "x", "5d")
    assert again.already and again.id == item.id
    lines = records.detail(session, "meeting", meeting_id).fields
    assert [v for label, v in lines if label == "Decision"] == [
        f"加强检查 · supervised as #{item.id}",
        "报送预算",
    ]


def test_editing_the_minutes_keeps_a_supervised_decision(session) -> None:  # noqa: ANN001
    meeting_id = schedule(session)
    minutes.save_minutes(session, meeting_id, "", ["加强检查"])
    session.flush()
    decision = record.decisions_of(session, meeting_id)[0]
    minutes.supervise_decision(session, decision.id, "区应急局", "2026-12-20")
    minutes.save_minutes(session, meeting_id, "概述", ["新增事项", "加强检查"])
    session.flush()
    kept = record.decisions_of(session, meeting_id)
    assert [(d.text, bool(d.supervision_id)) for d in kept] == [
        ("新增事项", False),
        ("加强检查", True),
    ]
    assert session.get(Meeting, meeting_id).overview == "概述"


def test_deleting_a_series_hides_its_occurrences_and_undo_brings_them_back(session) -> None:  # noqa: ANN001
    master = schedule(session, starts_at=at(2026, 11, 30, 9), rrule="FREQ=WEEKLY")
    token = records.delete(session, "meeting", master)
    window = (at(2026, 11, 30), at(2026, 12, 14))
    assert recurrence.occurrences(session, *window) == []
    records.undo(session, token)
    assert len(recurrence.occurrences(session, *window)) == 2


def test_week_groups_occurrences_by_day(session) -> None:  # noqa: ANN001
    schedule(session, starts_at=at(2026, 12, 1, 9), title="周二")
    schedule(session, starts_at=at(2026, 12, 6, 20), title="周日", location="x")
    schedule(session, starts_at=at(2026, 12, 7, 9), title="下周", location="y")
    week = meetings.week(session, date(2026, 11, 30))
    assert [[o.title for o in day] for day in week.days] == [[], ["周二"], [], [], [], [], ["周日"]]
    assert week.monday + timedelta(days=7) == date(2026, 12, 7)


def test_participants_link_to_the_contact_book(session, book) -> None:  # noqa: ANN001
    meeting_id = schedule(session, participants=[("张三", "", ""), ("外单位的人", "", "")])
    links = {p.name: p.contact_id for p in session.exec(select(MeetingParticipant)).all()}
    assert links == {"张三": book["张三"], "外单位的人": None}
    assert meeting_id


def test_notice_and_minutes_docx_opened_back(session, tmp_path) -> None:  # noqa: ANN001
    from docx import Document

    from secdesk import i18n
    from secdesk.office.meetings import papers as meeting_docs

    i18n.set_language("zh")
    meeting_id = schedule(
        session,
        starts_at=at(2026, 12, 4, 9),
        ends="11:00",
        chair="区长",
        recorder="小李",
        materials="预算草案",
        participants=[("张三", "", ""), ("李四", "列席", ""), ("王五", "请假", "出差")],
        agenda=[("预算", "财政局", "40")],
    )
    minutes.save_minutes(session, meeting_id, "会议听取了汇报。", ["加强检查", "报送预算"])
    session.flush()
    view = minutes.minutes_view(session, meeting_id)
    text_path, notice_path = meeting_docs.write_notice(view, tmp_path)
    notice = [p.text for p in Document(str(notice_path)).paragraphs]
    assert notice[0] == "关于召开区长办公会议的通知" and notice[2] == "各参会单位和人员："
    assert any("三楼会议室" in p for p in notice)
    assert any("张三" in p and "李四" in p for p in notice)
    assert "预算草案" in text_path.read_text(encoding="utf-8")
    minutes_path, md_path = meeting_docs.write_minutes(view, tmp_path)
    paragraphs = [p.text for p in Document(str(minutes_path)).paragraphs]
    assert paragraphs[0] == "区长办公会议纪要"
    assert "一、加强检查" in paragraphs and "二、报送预算" in paragraphs
    assert "出席：区长、张三" in paragraphs  # the chair first
    assert "列席：李四" in paragraphs
    assert "请假：王五（出差）" in paragraphs
    markdown = md_path.read_text(encoding="utf-8")
    assert markdown.startswith("# 区长办公会议纪要")
    assert "一、加强检查" in markdown
    modes = {p.stat().st_mode & 0o777 for p in (text_path, notice_path, minutes_path, md_path)}
    assert modes == {0o600}  # papers name the people asked


def test_the_papers_are_written_as_chinese_is_written(session) -> None:  # noqa: ANN001
    """The notice and the 纪要 in Chinese: full-width punctuation in every line, the
    decision's undertaking unit and day in Chinese words (not "(by 区应急局 · 2026-12-31)")."""
    from secdesk import i18n
    from secdesk.models import Decision
    from secdesk.office.meetings import papers as meeting_docs
    from tests.unit.test_i18n import ascii_punctuation_in_chinese

    i18n.set_language("zh")
    people = [("张三", "", ""), ("李四", "列席", "")]
    agenda = [("预算", "财政局", "40")]
    meeting_id = schedule(session, chair="区长", participants=people, agenda=agenda)
    minutes.save_minutes(session, meeting_id, "会议听取了汇报。", ["加强检查"])
    session.flush()
    (decision,) = session.exec(select(Decision)).all()
    minutes.supervise_decision(session, decision.id, "区应急局", "2026-12-31")
    session.flush()
    view = minutes.minutes_view(session, meeting_id)
    lines = [t for _s, t in meeting_docs.notice_outline(view) + meeting_docs.minutes_outline(view)]
    assert {line: ascii_punctuation_in_chinese(line) for line in lines} == dict.fromkeys(lines, [])
    assert "一、加强检查（区应急局负责，2026年12月31日前完成）" in lines
    assert "五、议程：" in lines and "（一）预算（财政局，40分钟）" in lines
    assert any(line.startswith("四、参会人员：张三；列席：李四") for line in lines)


def test_hostile_text_is_escaped_in_markdown(session) -> None:  # noqa: ANN001
    from secdesk.office.meetings import papers as meeting_docs

    meeting_id = schedule(session, title="*[x](javascript:1)*")
    minutes.save_minutes(session, meeting_id, "# not a heading", ["<b>x</b>"])
    session.flush()
    markdown = meeting_docs.as_markdown(
        meeting_docs.minutes_outline(minutes.minutes_view(session, meeting_id))
    )
    assert "\n# not a heading" not in markdown
    assert "(javascript:1)*" not in markdown.replace("\\", "", 0)
    assert "[x]" not in markdown


def test_chinese_numbers() -> None:
    from secdesk.office.meetings.papers import chinese_number

    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 21, 99)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九"
    ]  # fmt: skip


def test_configured_types_and_checklists(session, tmp_path) -> None:  # noqa: ANN001
    from secdesk.config import load_settings

    path = tmp_path / "config.toml"
    path.write_text(
        'meeting_types = ["党组会", "办公会"]\n\n[meeting_checklists]\n"党组会" = ["通知下发", "保密提醒"]\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert fields.meeting_types(settings) == ("党组会", "办公会")
    saved = meetings.schedule(
        session,
        MeetingInput(title="党组会议", starts_at=at(2026, 12, 4), meeting_type="党组会"),
        settings,
    )
    assert [c.label for c in record.checklist_of(session, saved.id)] == ["通知下发", "保密提醒"]
    other = meetings.schedule(
        session,
        MeetingInput(title="办公会", starts_at=at(2026, 12, 5), meeting_type="办公会"),
        settings,
    )
    assert [c.label for c in record.checklist_of(session, other.id)] == list(
        fields.DEFAULT_CHECKLIST
    )


def test_a_supervised_decision_is_on_the_dashboard(session) -> None:  # noqa: ANN001
    from secdesk.services import dashboard

    with time_machine.travel("2026-11-27 10:00:00 +0800", tick=False):
        meeting_id = schedule(session, starts_at=at(2026, 11, 27, 9))
        minutes.save_minutes(session, meeting_id, "", ["加强冬季安全检查"])
        session.flush()
        decision = record.decisions_of(session, meeting_id)[0]
        minutes.supervise_decision(session, decision.id, "区应急局", "10wd")
        session.flush()
        board = dashboard.build(session, date(2026, 11, 27))
    panel = board.panel("supervision")
    assert panel is not None
    assert any("加强冬季安全检查" in cell.text for row in panel.rows for cell in row.cells)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("周五下午3点", datetime(2026, 12, 4, 15, 0)),
        ("星期五 15:00", datetime(2026, 12, 4, 15, 0)),
        ("周二上午10点", datetime(2026, 12, 1, 10, 0)),  # today is Tuesday: today
        ("下周一上午9点", datetime(2026, 12, 7, 9, 0)),
        ("下个星期三 14:30", datetime(2026, 12, 9, 14, 30)),
        ("本周一 8:00", datetime(2026, 11, 30, 8, 0)),
        ("上周五", datetime(2026, 11, 27, 10, 0)),
        ("friday 3pm", datetime(2026, 12, 4, 15, 0)),
        ("next monday 9:00", datetime(2026, 12, 7, 9, 0)),
        ("tomorrow 9:30", datetime(2026, 12, 2, 9, 30)),
        ("12-01 14:00", datetime(2026, 12, 1, 14, 0)),
    ],
)
def test_times_ahead_as_people_say_them(typed: str, expected: datetime) -> None:
    from secdesk.calendar.timeparse import parse_when

    now = datetime(2026, 12, 1, 10, 0, tzinfo=clock.zone())  # a Tuesday
    assert parse_when(typed, now) == expected.replace(tzinfo=clock.zone())
