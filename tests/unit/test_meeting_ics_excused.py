"""An excused participant's reason (请假事由) goes out in the calendar file with the
declined ATTENDEE and comes back on import, as written."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import icalendar
from sqlmodel import col, select

from secdesk.calendar import clock
from secdesk.models import MeetingParticipant
from secdesk.office.meetings import ical as meeting_ics
from secdesk.office.meetings import record
from secdesk.services.inputs import MeetingInput
from secdesk.services.store import Store

REASON = "出差：北京；参加“①号”文件会商，3日返回"


def _meeting(session) -> None:  # noqa: ANN001
    record.SERVICE.create(
        session,
        MeetingInput(
            title="局务会",
            starts_at=datetime(2026, 12, 8, 9, tzinfo=clock.zone()),
            chair="欧阳局长",
            participants=[("李四", "出席"), ("赵六", "请假", REASON), ("王五", "请假", "")],
        ),
    )


def _people(session) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return list(
        session.exec(
            select(
                MeetingParticipant.name, MeetingParticipant.role, MeetingParticipant.reason
            ).order_by(col(MeetingParticipant.position))
        ).all()
    )


def test_an_excused_participants_reason_goes_out_and_comes_back(tmp_path: Path) -> None:
    first, second = Store(tmp_path / "a.db"), Store(tmp_path / "b.db", tmp_path / "b2")
    try:
        first.write(_meeting)
        assert ("赵六", "excused", REASON) in first.run(_people)
        exported = first.run(meeting_ics.export_ics)
        (event,) = icalendar.Calendar.from_ical(exported).walk("VEVENT")
        declined = {
            str(a.params["CN"]): a.params.get("X-SECDESK-REASON")
            for a in event["ATTENDEE"]
            if a.params["PARTSTAT"] == "DECLINED"
        }
        assert declined == {"赵六": REASON, "王五": None}
        second.write(meeting_ics.import_ics, exported)
        assert second.run(_people) == first.run(_people)
    finally:
        first.close()
        second.close()
