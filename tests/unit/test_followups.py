"""A call becomes a task, a supervision item or a letters-and-visits record, linked back."""

from __future__ import annotations

from datetime import date

import pytest

from secdesk.calendar.workdays import deadline_after
from secdesk.office.calls import followups
from secdesk.services import records
from tests import factories as f

pytestmark = pytest.mark.both_engines


def test_statutory_deadline_moves_off_holidays() -> None:
    # 15 days from Tue 15 Sep 2026 is Wed 30 Sep, a working day.
    assert deadline_after(date(2026, 9, 15), 15) == date(2026, 9, 30)
    # 15 days from Wed 16 Sep is 1 Oct, inside the National Day holiday: moves to Thu 8 Oct.
    assert deadline_after(date(2026, 9, 16), 15) == date(2026, 10, 8)
    # A Saturday that is a make-up working day (10 Oct) does not move.
    assert deadline_after(date(2026, 9, 25), 15) == date(2026, 10, 10)


@pytest.mark.parametrize("kind", ["task", "supervision", "petition"])
def test_call_made_into_record_keeps_text_and_link(session, kind: str) -> None:  # noqa: ANN001
    call = f.call(
        session,
        f.local(2026, 9, 16, 10),
        caller="群众甲",
        number="13800001111",
        summary="反映小区噪音扰民[/]",
    )
    saved = followups.from_call(session, call.id, kind)
    detail = records.detail(session, kind, saved.id)
    values = dict(detail.fields)
    assert any("反映小区噪音扰民[/]" in v for v in values.values())
    if kind == "petition":
        assert values["Time limits"].startswith("Decide and tell by 2026-10-08")
        assert values["Petitioner"] == "群众甲"
    links = followups.links(session, call.id)
    assert [(k, i) for k, i, _t in links] == [(kind, saved.id)]
    call_detail = dict(records.detail(session, "call", call.id).fields)
    assert call_detail["Made into"].endswith("反映小区噪音扰民[/]")


def test_making_the_same_record_from_a_call_twice_gives_one_record(session) -> None:  # noqa: ANN001
    call = f.call(session, f.local(2026, 11, 27, 10), summary="催办")
    first = followups.from_call(session, call.id, "task")
    second = followups.from_call(session, call.id, "task")
    assert (second.id, second.already, first.already) == (first.id, True, False)
    assert len(followups.links(session, call.id)) == 1
