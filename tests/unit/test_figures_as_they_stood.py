"""A past period's figures are the records as they stood at its end: the same month prints
the same figures whenever it is printed, and the work summary and the supervision report
round their percentages alike."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
import time_machine

from secdesk.cli import main
from secdesk.office.supervision import items as supervision
from secdesk.services import records, workflow
from secdesk.services.inputs import SupervisionInput

pytestmark = pytest.mark.both_engines


def _item(session, title: str, due: date) -> int:  # noqa: ANN001
    data = SupervisionInput(
        title=title, assigned_on=date(2026, 11, 3), due=due, undertaking_unit="应急管理局"
    )
    return supervision.SERVICE.create(session, data).id


def _close(session, item_id: int) -> None:  # noqa: ANN001
    workflow.take(session, "supervision", item_id, "feedback", {"progress": 100})
    workflow.take(session, "supervision", item_id, "review")
    workflow.take(session, "supervision", item_id, "close")


def _november(capsys, db: str) -> tuple[dict, list[str]]:  # noqa: ANN001
    """The work summary's figures and the supervision report (without its date line)."""
    capsys.readouterr()
    assert main(["--db", db, "report", "--month", "2026-11", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    summary.pop("tables")
    assert (
        main(["--db", db, "supervision", "report", "--from", "2026-11-01", "--to", "2026-11-30"])
        == 0
    )
    paper = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    return summary, paper[:-1]


@pytest.fixture
def history(store):  # noqa: ANN001, ANN201
    """November 2026: four items given on 3 Nov; on 15 Nov two closed on time and one late;
    one still open and overdue at the month's end, one not yet due."""
    ids = {}
    with time_machine.travel("2026-11-03 10:00 +0800", tick=False):
        for title, due in [
            ("落实防汛物资储备", date(2026, 11, 20)),
            ("整改消防通道", date(2026, 11, 28)),
            ("报送安全生产台账", date(2026, 11, 10)),
            ("排查燃气管线", date(2026, 11, 25)),
            ("修订应急预案", date(2026, 12, 20)),
        ]:
            ids[title] = store.write(_item, title, due)
    with time_machine.travel("2026-11-15 16:00 +0800", tick=False):
        for title in ("落实防汛物资储备", "整改消防通道", "报送安全生产台账"):
            store.write(_close, ids[title])
    store.close()
    return ids


def test_a_past_month_prints_the_same_figures_after_later_changes(
    capsys,
    store,
    history,  # noqa: ANN001
) -> None:
    """November printed on 1 Dec and again on 5 Dec, after an overdue item was closed,
    another extended, a closed one deleted and a title changed, reads the same."""
    db = store.url or str(store.path)
    with time_machine.travel("2026-12-01 09:00 +0800", tick=False):
        summary, paper = _november(capsys, db)
    assert (summary["supervision_closed"], summary["supervision_overdue"]) == (3, 1)
    assert summary["supervision_on_time_rate"] == 66.7
    assert (
        "registered 5; closed 3, on time 2 (on-time closure rate 66.7%); still open 2; "
        "overdue 1." in paper[1]
    )
    assert any("排查燃气管线" in line for line in paper)

    with time_machine.travel("2026-12-05 10:00 +0800", tick=False):
        store.write(_close, history["排查燃气管线"])
        store.write(
            workflow.take, "supervision", history["修订应急预案"], "extend",
            {"due": date(2027, 1, 20)}, "待上级批复",
        )  # fmt: skip
        store.write(records.service("supervision").delete, history["整改消防通道"])
        item = history["落实防汛物资储备"]
        loaded = store.run(records.service("supervision").load, item)
        changed = dataclasses.replace(loaded.data, title="落实防汛物资储备（已改）")
        store.write(records.service("supervision").update, item, changed, loaded.version)
        store.close()
        assert _november(capsys, db) == (summary, paper)
        # This month, not over yet, counts the records as they are.
        capsys.readouterr()
        assert main(["--db", db, "report", "--month", "2026-12", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["supervision_closed"] == 1


def test_the_same_rate_is_printed_alike_by_both_reports(capsys, store, history) -> None:  # noqa: ANN001
    """Two of three closed on time: 66.7% in the work summary and in the supervision
    report (not 67%)."""
    with time_machine.travel("2026-11-30 18:00 +0800", tick=False):
        capsys.readouterr()
        assert main(["--db", (store.url or str(store.path)), "report", "--month", "2026-11"]) == 0
        assert "- Supervision closed on time: 66.7%" in capsys.readouterr().out
        _summary, paper = _november(capsys, (store.url or str(store.path)))
        assert "(on-time closure rate 66.7%)" in paper[1]


def test_records_entered_late_keep_their_first_values_and_mistakes_stay_gone(
    capsys,  # noqa: ANN001
    store,  # noqa: ANN001
) -> None:
    """Entered on 2 Dec for 28 Nov: counted in November with the values it was entered
    with (closed on 4 Dec changes nothing); entered on 2 Dec and deleted as a mistake:
    not counted. A November item deleted on 3 Dec and restored on 4 Dec counts once."""
    with time_machine.travel("2026-11-10 10:00 +0800", tick=False):
        early = store.write(_item, "落实防汛物资储备", date(2026, 11, 20))
    with time_machine.travel("2026-12-02 10:00 +0800", tick=False):
        late = store.write(_item, "补录：整改消防通道", date(2026, 11, 28))
        mistake = store.write(_item, "误录", date(2026, 11, 28))
        store.write(records.service("supervision").delete, mistake)
    with time_machine.travel("2026-12-03 10:00 +0800", tick=False):
        store.write(records.service("supervision").delete, early)
    with time_machine.travel("2026-12-04 10:00 +0800", tick=False):
        store.write(records.service("supervision").restore, early)
        store.write(_close, late)
    store.close()
    with time_machine.travel("2026-12-05 10:00 +0800", tick=False):
        summary, paper = _november(capsys, (store.url or str(store.path)))
    assert (summary["supervision_opened"], summary["supervision_closed"]) == (2, 0)
    assert summary["supervision_overdue"] == 2
    assert "registered 2; closed 0" in paper[1] and not any("误录" in p for p in paper)
