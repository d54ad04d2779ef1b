"""What the dashboard's panels hold for a day: the rows and words a user sees on each."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from secdesk.calendar import clock
from secdesk.config import Settings
from secdesk.office import visits
from secdesk.office.calls import log as calls
from secdesk.office.documents import incoming as documents
from secdesk.office.meetings import schedule as meetings
from secdesk.office.supervision import items as supervision
from secdesk.services import dashboard
from secdesk.services.views import Colour, PanelData, Tone
from tests import factories as f

pytestmark = pytest.mark.both_engines

DAY = date(2026, 11, 27)
SETTINGS = Settings()


def texts(panel: PanelData, column: int) -> list[str]:
    return [row.cells[column].text for row in panel.rows]


def test_inbox_most_urgent_first_then_by_due(session) -> None:  # noqa: ANN001
    f.document(session, title="normal late", due=date(2026, 12, 9))
    f.document(session, title="normal soon", due=date(2026, 11, 30))
    f.document(session, title="urgent", urgency="urgent", due=date(2026, 12, 20))
    f.document(session, title="extra", urgency="extra_urgent", classification="confidential")
    f.document(session, title="done", status="completed", urgency="extra_urgent")
    f.document(session, title="filed", status="filed")
    f.document(session, title="deleted", deleted_at=clock.now_utc())
    f.document(session, title="late", due=date(2026, 11, 20))
    panel = documents.panel(session, DAY, SETTINGS)
    # A confidential (秘密) title is masked on the dashboard.
    assert texts(panel, 3) == ["(classified title)", "urgent", "late", "normal soon", "normal late"]
    assert panel.total == 5 and panel.subtitle == "5 in all"
    extra = panel.rows[0]
    assert (extra.cells[1].text, extra.cells[1].tone) == ("URGENT", Tone.alert)  # 特急, in short
    assert (extra.cells[2].text, extra.cells[2].tone) == ("Confidential", Tone.secret)
    late = panel.rows[2]
    assert (late.cells[5].text, late.cells[5].tone) == ("20 Nov", Tone.alert)


def test_calls_only_today_newest_first_and_follow_up_marked(session) -> None:  # noqa: ANN001
    f.call(session, f.local(2026, 11, 27, 8, 5), caller="早")
    f.call(
        session, f.local(2026, 11, 27, 16, 0), caller="晚", follow_up=True, message_status="to_pass"
    )
    f.call(
        session, f.local(2026, 11, 27, 12, 0), caller="中", follow_up=True, message_status="passed"
    )
    f.call(session, f.local(2026, 11, 26, 23, 59), caller="昨天")
    f.call(session, f.local(2026, 11, 28, 0, 0), caller="明天")
    panel = calls.panel(session, DAY, SETTINGS)
    assert texts(panel, 2) == ["晚", "中", "早"]
    assert [c.tone for c in (row.cells[0] for row in panel.rows)] == [
        Tone.flag,
        Tone.muted,
        Tone.muted,
    ]
    assert texts(panel, 0) == ["←!", "←", "←"]
    assert (panel.total, panel.subtitle) == (3, "1 awaiting follow-up · 3 in all")


def test_day_boundaries_follow_the_local_zone(session) -> None:  # noqa: ANN001
    # 23:30 UTC on the 26th is 07:30 on the 27th in Shanghai, still the 26th in London.
    from datetime import UTC, datetime

    f.call(session, datetime(2026, 11, 26, 23, 30, tzinfo=UTC), caller="edge")
    panel = calls.panel(session, DAY, SETTINGS)
    assert texts(panel, 2) == ["edge"] and texts(panel, 1) == ["07:30"]
    clock.set_zone("Europe/London")
    assert calls.panel(session, DAY, SETTINGS).rows == ()
    assert texts(calls.panel(session, date(2026, 11, 26), SETTINGS), 2) == ["edge"]
    clock.set_zone("America/Los_Angeles")
    assert texts(calls.panel(session, date(2026, 11, 26), SETTINGS), 1) == ["15:30"]


def test_meetings_today_and_next_seven_days_in_time_order(session) -> None:  # noqa: ANN001
    f.meeting(session, f.local(2026, 11, 27, 15), title="今天下午")
    f.meeting(session, f.local(2026, 11, 27, 9), title="今天上午")
    f.meeting(session, f.local(2026, 11, 30, 8, 30), title="下周一")
    f.meeting(session, f.local(2026, 12, 4, 23, 0), title="第七天")
    f.meeting(session, f.local(2026, 12, 5, 9), title="第八天")
    f.meeting(session, f.local(2026, 11, 26, 9), title="昨天")
    f.meeting(session, f.local(2026, 11, 28, 9), title="取消", cancelled=True)
    panel = meetings.panel(session, DAY, SETTINGS)
    assert texts(panel, 1) == ["今天上午", "今天下午", "下周一", "第七天"]
    # The coming days by their weekday (today is "Today", so a Friday is next week's).
    assert texts(panel, 0) == ["Today 09:00", "Today 15:00", "Mon 08:30", "Fri 23:00"]
    assert panel.subtitle == "4 in the next 7 days"


def test_supervision_overdue_first_with_colours(session) -> None:  # noqa: ANN001
    f.supervision(session, date(2026, 12, 30), title="later, on pace", progress=90)
    f.supervision(session, date(2026, 11, 20), title="overdue")
    f.supervision(session, date(2026, 11, 29), title="due soon", progress=80)
    f.supervision(
        session, date(2026, 12, 31), title="behind", assigned_on=date(2026, 10, 1), progress=10
    )
    f.supervision(session, date(2026, 11, 1), title="closed", status="closed")
    panel = supervision.panel(session, DAY, Settings(due_soon_days=3))
    # Red, yellow, blue, then the rest (the order), each by due date.
    assert [(r.cells[1].text, r.values["colour"], r.values["days_left"]) for r in panel.rows] == [
        ("overdue", Colour.red, -7),
        ("behind", Colour.yellow, 34),
        ("due soon", Colour.blue, 2),
        ("later, on pace", Colour.none, 33),
    ]
    assert texts(panel, 0) == ["7 days late", "34 days", "2 days", "33 days"]
    assert [r.cells[0].tone for r in panel.rows] == [Tone.alert, Tone.behind, Tone.soon, Tone.plain]
    assert (panel.total, panel.subtitle) == (4, "1 overdue · 4 in all")


def test_due_soon_days_setting_decides_blue(session) -> None:  # noqa: ANN001
    """Blue counts working days: from Friday 27 Nov, Friday 4 Dec is five working days."""
    f.supervision(session, date(2026, 12, 4), title="in five working days", progress=90)
    assert supervision.panel(session, DAY, Settings(due_soon_days=3)).rows[0].cells[0].tone == (
        Tone.plain
    )
    assert supervision.panel(session, DAY, Settings(due_soon_days=5)).rows[0].cells[0].tone == (
        Tone.soon
    )


def test_visitors_in_building_and_todays_count(session) -> None:  # noqa: ANN001
    f.visit(session, f.local(2026, 11, 27, 9), name="在楼内")
    f.visit(session, f.local(2026, 11, 27, 8), name="已离开", left_at=f.local(2026, 11, 27, 9))
    f.visit(session, f.local(2026, 11, 26, 14), name="昨天没签离")
    panel = visits.panel(session, DAY, SETTINGS)
    assert texts(panel, 1) == ["昨天没签离", "在楼内"]
    assert texts(panel, 0) == ["26 Nov 14:00 not signed out", "09:00"]
    assert panel.rows[0].cells[0].tone == Tone.alert
    assert panel.subtitle == "2 in the building · 2 today"


def test_build_collects_every_panel_and_serialises(session) -> None:  # noqa: ANN001
    f.call(session, f.local(2026, 11, 27, 10))
    data = dashboard.build(session, DAY)
    assert data.day.day == DAY
    assert [p.id for p in data.panels] == ["inbox", "supervision", "calls", "meetings", "visitors"]
    calls_panel = data.panel("calls")
    assert calls_panel is not None and calls_panel.total == 1
    as_json = data.to_json()
    assert as_json["day"]["day"] == "2026-11-27"
    (call,) = as_json["panels"][2]["rows"]
    assert call["values"]["at"].startswith("2026-11-27T10:00")
    assert call["values"]["caller"] == "张三"


def test_the_supervision_list_colours_by_the_same_setting(session) -> None:  # noqa: ANN001
    """The Supervision screen's list turns blue as early as the dashboard does."""
    from secdesk.services import records
    from secdesk.services.views import ListFilter

    f.supervision(session, date(2026, 12, 4), title="in five working days", progress=90)
    with time_machine.travel("2026-11-27 10:00:00 +0800", tick=False):
        tones = [
            records.page(session, "supervision", ListFilter(), settings=Settings(due_soon_days=n))
            .rows[0]
            .cells[0]
            .tone
            for n in (3, 5)
        ]
    assert tones == [Tone.plain, Tone.soon]
