"""The urge notice (催办通知) is for open items only, and says "due today" as Chinese
says it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import time_machine

from secdesk.cli import main
from secdesk.services import records
from secdesk.services.inputs import SupervisionInput
from secdesk.services.store import Store

NOW = "2026-12-05 10:00:00 +0800"


def close(session, item_id: int) -> None:  # noqa: ANN001
    """Closed now (销号) with its progress at 100%, as the review's close leaves it."""
    from secdesk.calendar import clock
    from secdesk.models import SupervisionItem

    obj = session.get(SupervisionItem, item_id)
    obj.status, obj.closed_at, obj.progress = "closed", clock.now_utc(), 100
    session.add(obj)


def item(db: Path, due: date, closed: bool = False) -> int:
    store = Store(db)
    try:
        saved = store.write(
            records.create,
            "supervision",
            SupervisionInput(
                title="落实防汛物资",
                assigned_on=date(2026, 11, 2),
                due=due,
                undertaking_unit="应急管理局",
            ),
        )
        if closed:
            store.write(close, saved.id)
        return saved.id
    finally:
        store.close()


def notice(capsys, db: Path, item_id: int, *more: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(["--db", str(db), *more, "supervision", "notice", str(item_id)])
    out, err = capsys.readouterr()
    return code, out, err


@time_machine.travel(NOW, tick=False)
def test_a_closed_item_has_no_urge_notice(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    """Closed today with a limit of 20 Nov: no "overdue by 15 days, progress 100%", but a
    sentence saying when it was closed and that it was late; exit 2."""
    db = tmp_path / "x.db"
    late = item(db, date(2026, 11, 20), closed=True)
    code, out, err = notice(capsys, db, late)
    assert code == 2 and out == ""
    assert "was closed on Sat 5 Dec 2026, after its time limit of Fri 20 Nov 2026" in err
    assert "overdue" not in err
    on_time = item(db, date(2026, 12, 31), closed=True)
    code, out, err = notice(capsys, db, on_time)
    assert code == 2 and "on time: there is nothing to urge" in err


@time_machine.travel(NOW, tick=False)
def test_due_today_reads_as_chinese(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db = tmp_path / "x.db"
    today = item(db, date(2026, 12, 5))
    code, out, err = notice(capsys, db, today, "--lang", "zh")
    assert code == 0, err
    assert "办理时限为2026年12月5日，今日到期，" in out
    assert "现今日到期" not in out
    assert "\n应急管理局：\n" in out  # the salutation's colon is full-width in Chinese
