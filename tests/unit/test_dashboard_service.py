"""What the dashboard query returns for a day: the data a user sees on each panel."""

from __future__ import annotations

from datetime import date

from secdesk import clock
from secdesk.services import dashboard
from secdesk.services.views import Colour
from tests import factories as f

DAY = date(2026, 11, 27)


def test_inbox_most_urgent_first_then_by_due(session) -> None:  # noqa: ANN001
    f.document(session, title="normal late", due=date(2026, 12, 9))
    f.document(session, title="normal soon", due=date(2026, 11, 30))
    f.document(session, title="urgent", urgency="urgent", due=date(2026, 12, 20))
    f.document(session, title="extra", urgency="extra_urgent", classification="confidential")
    f.document(session, title="done", status="completed", urgency="extra_urgent")
    f.document(session, title="filed", status="filed")
    f.document(session, title="deleted", deleted_at=clock.now_utc())
    rows, total = dashboard.inbox(session)
    assert [r.title for r in rows] == ["extra", "urgent", "normal soon", "normal late"]
    assert total == 4
    assert rows[0].classification == "confidential"


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
    rows, total, awaiting = dashboard.calls(session, DAY)
    assert [r.caller for r in rows] == ["晚", "中", "早"]
    assert [r.awaiting_follow_up for r in rows] == [True, False, False]
    assert (total, awaiting) == (3, 1)


def test_day_boundaries_follow_the_local_zone(session) -> None:  # noqa: ANN001
    # 23:30 UTC on the 26th is 07:30 on the 27th in Shanghai, still the 26th in London.
    from datetime import UTC, datetime

    f.call(session, datetime(2026, 11, 26, 23, 30, tzinfo=UTC), caller="edge")
    assert [r.caller for r in dashboard.calls(session, DAY)[0]] == ["edge"]
    assert dashboard.calls(session, DAY)[0][0].at.hour == 7
    clock.set_zone("Europe/London")
    assert dashboard.calls(session, DAY)[0] == []
    assert [r.caller for r in dashboard.calls(session, date(2026, 11, 26))[0]] == ["edge"]
    clock.set_zone("America/Los_Angeles")
    assert [r.caller for r in dashboard.calls(session, date(2026, 11, 26))[0]] == ["edge"]


def test_meetings_today_and_next_seven_days_in_time_order(session) -> None:  # noqa: ANN001
    f.meeting(session, f.local(2026, 11, 27, 15), title="今天下午")
    f.meeting(session, f.local(2026, 11, 27, 9), title="今天上午")
    f.meeting(session, f.local(2026, 12, 4, 23, 0), title="第七天")
    f.meeting(session, f.local(2026, 12, 5, 9), title="第八天")
    f.meeting(session, f.local(2026, 11, 26, 9), title="昨天")
    f.meeting(session, f.local(2026, 11, 28, 9), title="取消", cancelled=True)
    assert [m.title for m in dashboard.meetings(session, DAY)] == ["今天上午", "今天下午", "第七天"]


def test_supervision_overdue_first_with_colours(session) -> None:  # noqa: ANN001
    f.supervision(session, date(2026, 12, 30), title="later, on pace", progress=90)
    f.supervision(session, date(2026, 11, 20), title="overdue")
    f.supervision(session, date(2026, 11, 29), title="due soon", progress=80)
    f.supervision(
        session, date(2026, 12, 31), title="behind", assigned_on=date(2026, 10, 1), progress=10
    )
    f.supervision(session, date(2026, 11, 1), title="closed", status="closed")
    rows, total, overdue = dashboard.supervision(session, DAY, due_soon_days=3)
    assert [(r.title, r.colour, r.days_left) for r in rows] == [
        ("overdue", Colour.red, -7),
        ("due soon", Colour.blue, 2),
        ("later, on pace", Colour.none, 33),
        ("behind", Colour.yellow, 34),
    ]
    assert (total, overdue) == (4, 1)


def test_visitors_in_building_and_todays_count(session) -> None:  # noqa: ANN001
    f.visit(session, f.local(2026, 11, 27, 9), name="在楼内")
    f.visit(session, f.local(2026, 11, 27, 8), name="已离开", left_at=f.local(2026, 11, 27, 9))
    f.visit(session, f.local(2026, 11, 26, 14), name="昨天没签离")
    rows, today = dashboard.visitors(session, DAY)
    assert [(v.name, v.not_signed_out) for v in rows] == [("昨天没签离", True), ("在楼内", False)]
    assert today == 2


def test_build_collects_every_panel_and_serialises(session) -> None:  # noqa: ANN001
    f.call(session, f.local(2026, 11, 27, 10))
    data = dashboard.build(session, DAY)
    assert data.day.day == DAY and data.calls_total == 1
    as_json = data.to_json()
    assert as_json["day"]["day"] == "2026-11-27"
    assert as_json["calls"][0]["at"].startswith("2026-11-27T10:00")
