"""A meeting decision made a supervision item with a due date years ahead is asked about,
as a supervision item's own form asks (``forms.check_limit``): no keeps nothing, yes keeps
it; on the shell ``meeting supervise`` asks the same, ``--yes`` for scripts."""

from __future__ import annotations

import time_machine
from textual.widgets import OptionList

from secdesk.models import Decision, SupervisionItem
from secdesk.office.meetings import schedule as meetings
from secdesk.screens.confirm import ConfirmScreen
from secdesk.screens.meeting_minutes import MinutesScreen, SuperviseScreen
from tests.conftest import settle, wait_until
from tests.ui.helpers import press, rows
from tests.ui.test_meetings import NOW, booked, type_in

QUESTION = "The time limit 2030-01-01 is more than two years after 2026-11-27: keep it?"


@time_machine.travel(NOW, tick=False)
async def test_a_decisions_due_date_years_ahead_is_asked_about(desk, store) -> None:  # noqa: ANN001
    meeting_id = booked(store)
    store.write(meetings.save_minutes, meeting_id, "", ["加强冬季安全检查"])
    async with desk((140, 50)) as pilot:
        app = pilot.app
        await press(pilot, "M")
        minutes = await press(pilot, "r")
        assert isinstance(minutes, MinutesScreen)
        saved = minutes.query_one("#minutes-saved", OptionList)
        await wait_until(pilot, lambda: saved.option_count == 1)
        saved.focus()
        for answer in ("n", "y"):
            await press(pilot, "s")
            assert isinstance(app.screen, SuperviseScreen)
            await type_in(pilot, "区应急局")
            await type_in(pilot, "2030-01-01")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            assert app.screen.question == QUESTION
            assert rows(store, SupervisionItem) == []
            await press(pilot, answer)
            await settle(pilot)
        (item,) = rows(store, SupervisionItem)
        assert item.due.isoformat() == "2030-01-01"
        assert rows(store, Decision)[0].supervision_id == item.id


@time_machine.travel(NOW, tick=False)
def test_the_shell_asks_the_same_and_yes_keeps_it(
    capsys,  # noqa: ANN001
    tmp_path,  # noqa: ANN001
    monkeypatch,  # noqa: ANN001
) -> None:
    """``meeting supervise ID N``: without a terminal a years-ahead due date saves nothing
    and names --yes; on a terminal y keeps it; a due date in reach is saved unasked."""
    from secdesk.services.store import Store
    from tests.unit.test_cli import Terminal, run

    path = tmp_path / "x.db"
    store = Store(path, tmp_path / "b")
    meeting_id = booked(store)
    store.write(meetings.save_minutes, meeting_id, "", ["加强冬季安全检查", "报送预算"])
    store.close()
    argv = ("--db", str(path), "meeting", "supervise", str(meeting_id))
    code, _out, err = run(capsys, *argv, "1", "--unit", "区应急局", "--due", "2030-01-01")
    assert code == 2 and QUESTION in err and "--yes" in err
    code, _out, err = run(capsys, *argv, "3", "--due", "10wd")
    assert code == 2 and f"The minutes of meeting {meeting_id} have no decision 3." in err
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    code, out, _err = run(capsys, *argv, "1", "--unit", "区应急局", "--due", "2030-01-01")
    assert code == 0 and "Supervision item #1 made from the decision" in out
    code, out, _err = run(capsys, *argv, "2", "--due", "10wd")
    assert code == 0 and "Supervision item #2" in out
    store = Store(path, tmp_path / "b")
    try:
        items = store.run(lambda s: [(i.title, i.due.isoformat()) for i in rows_of(s)])
    finally:
        store.close()
    assert items == [("加强冬季安全检查", "2030-01-01"), ("报送预算", "2026-12-11")]


def rows_of(session):  # noqa: ANN001, ANN201
    from sqlmodel import col, select

    return session.exec(select(SupervisionItem).order_by(col(SupervisionItem.id))).all()
