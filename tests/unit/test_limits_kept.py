"""Time limits kept as typed and counted again: a limit typed as a span (``20wd``) is kept
with the day it counts from, marked provisional wherever it is shown while the official
calendar does not cover its days, and counted again when the year's notice is entered."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import time_machine

from secdesk.calendar import workdays
from secdesk.models import IncomingDocument
from secdesk.services import holidays, records
from secdesk.services.store import Store
from secdesk.services.views import ListFilter
from tests.unit.test_cli import run

NOTICE_2027 = (
    "国务院办公厅关于2027年部分节假日安排的通知\n"
    "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
    "二、春节：2月5日（农历除夕、周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。\n"
)
SATURDAY = "2026-12-05 10:00:00 +0800"


@pytest.fixture(autouse=True)
def no_entered_schedules():  # noqa: ANN201
    workdays.use_entered({})
    yield
    workdays.use_entered({})


def shown_due(db: Path) -> tuple[date | None, str, str, str]:
    """The document's stored limit, what was typed, its detail line and its list cell."""
    store = Store(db, db.parent / "backups")
    store.open()
    try:
        store.run(holidays.apply)  # as the desk does when it reads the day
        doc = store.run(lambda s: s.get(IncomingDocument, 1))
        detail = dict(store.run(records.detail, "incoming", 1).fields)
        (row,) = store.run(records.page, "incoming", ListFilter()).rows
        return doc.due, doc.due_spec, detail["Due"], row.cells[6].text
    finally:
        store.close()


def test_a_20wd_limit_from_a_saturday_is_provisional_then_counted_again(
    capsys,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    """20wd from Sat 5 Dec 2026 counts Monday to Friday into 2027 (Fri 1 Jan, marked
    provisional on the view and in the list); entering 2027's notice counts it again to
    Mon 4 Jan, no longer provisional, and says so."""
    db = tmp_path / "office.db"
    notice = tmp_path / "2027.txt"
    notice.write_text(NOTICE_2027, "utf-8")
    with time_machine.travel(SATURDAY, tick=False):
        code, _out, err = run(
            capsys, "--db", str(db), "log", "incoming", "关于年终工作的通知",
            "--from", "某市政府办公室", "--due", "20wd",
        )  # fmt: skip
        assert (code, err) == (0, "")
        due, spec, detail, cell = shown_due(db)
        assert (due, spec) == (date(2027, 1, 1), "20wd@2026-12-05")
        assert detail == "2027-01-01 (20wd) (provisional)"
        assert cell.endswith("(prov.)")
        code, out, _err = run(capsys, "--db", str(db), "holidays", "import", str(notice))
        assert code == 0
        assert "1 provisional time limit was counted again on the 2027" in out
        workdays.use_entered({})  # read back as a new process would
        due, spec, detail, cell = shown_due(db)
        assert due == date(2027, 1, 4)
        assert detail == "2027-01-04 (20wd)"
        assert "prov" not in cell


def test_a_petitions_limit_for_its_unit_is_kept_as_typed_and_counted_again(session) -> None:  # noqa: ANN001
    """Assigned on Sat 5 Dec 2026 with 20wd for the unit: Fri 1 Jan 2027, provisional on
    the view; the 2027 notice moves it to Mon 4 Jan."""
    from datetime import datetime

    from secdesk.calendar import clock
    from secdesk.kinds import get
    from secdesk.models import Petition
    from secdesk.office import petitions
    from secdesk.services import workflow
    from secdesk.services.forms import read_fields
    from secdesk.services.inputs import PetitionInput

    with time_machine.travel(SATURDAY, tick=False):
        pid = petitions.SERVICE.create(
            session,
            PetitionInput(
                received_at=datetime(2026, 12, 4, 9, tzinfo=clock.zone()),
                petitioner="李明",
                content="反映小区路灯损坏",
            ),
        ).id
        workflow.take(session, "petition", pid, "accept")
        step = get("petition").workflow.step("assign")  # type: ignore[union-attr]
        typed = read_fields(
            step.fields, {"handling_unit": "区住建局", "unit_due": "20wd"}, clock.now_local()
        )
        workflow.take(session, "petition", pid, "assign", typed)
        obj = session.get(Petition, pid)
        assert (obj.unit_due, obj.unit_due_spec) == (date(2027, 1, 1), "20wd@2026-12-05")
        clocks = dict(records.detail(session, "petition", pid).fields)["Time limits"]
        assert "区住建局 to report by 2027-01-01 (20wd) (provisional)" in clocks
        holidays.save(session, holidays.parse(NOTICE_2027))
        session.refresh(obj)
        assert obj.unit_due == date(2027, 1, 4)
