"""The dashboard read without the ORM (``services.leanday``, ``office.lean``) is the ORM's
dashboard: the same columns as the models, the same panels on the demo office day by day,
and None (the ORM reads) whenever it cannot be sure."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Boolean, Date, DateTime, Integer, String
from sqlmodel import SQLModel

from secdesk import i18n
from secdesk.calendar import clock
from secdesk.config import Settings
from secdesk.demo import seed_demo
from secdesk.kinds import kinds
from secdesk.models import Petition, Task
from secdesk.models.document import CLOSED_INCOMING, MASKED_CLASSIFICATIONS, IncomingStatus
from secdesk.models.supervision import FeedbackCycle
from secdesk.office import petitions
from secdesk.office.lean import deadlines as lean_deadlines
from secdesk.office.lean import incoming as lean_incoming
from secdesk.office.lean.tables import DAY, FLAG, INT, MOMENT, TABLES, TEXT
from secdesk.office.supervision import pace
from secdesk.services import dashboard, holidays, leanday
from secdesk.services.store import Store
from tests import factories as f

TODAY = date(2026, 3, 11)
SETTINGS = Settings(due_soon_days=3)


def _code(column_type: object) -> str:
    kind = getattr(column_type, "impl", column_type)
    for sql_type, code in ((DateTime, MOMENT), (Date, DAY), (Boolean, FLAG), (Integer, INT)):
        if isinstance(kind, sql_type):
            return code
    assert isinstance(kind, String), f"a column type the lean read does not know: {kind!r}"
    return TEXT


def test_every_column_the_lean_read_names_is_the_models() -> None:
    """Each column read lean exists in its model with the same type; a table read whole
    lists every field of its model in the model's order (a record's values for scripts)."""
    models = {m.class_.__tablename__: m.class_ for m in SQLModel._sa_registry.mappers}
    for table in TABLES:
        model = models[table.name]
        columns = model.__table__.columns  # type: ignore[attr-defined]
        for name, code in table.columns:
            assert name in columns, f"{table.name}.{name} is not a column"
            assert code == _code(columns[name].type), f"{table.name}.{name} is not {code}"
        if table.whole:
            assert table.names == tuple(model.model_fields), (
                f"{table.name}: not every field, or not in order"
            )


def test_the_value_sets_the_lean_read_copies_are_the_models() -> None:
    open_states = tuple(s.value for s in IncomingStatus if s not in CLOSED_INCOMING)
    assert open_states == lean_incoming.OPEN_INCOMING
    assert lean_incoming.MASKED_CLASSIFICATIONS == MASKED_CLASSIFICATIONS
    assert tuple(petitions.RUNNING) == lean_deadlines.RUNNING
    assert tuple(petitions.HANDLING) == lean_deadlines.HANDLING
    # One reckoning of the feedback cycles serves both reads: it knows every cycle.
    assert set(pace.CYCLE_STEP) == {c.value for c in FeedbackCycle} - {FeedbackCycle.none}


def test_every_panel_and_deadline_has_its_lean_reader() -> None:
    """Else every first start of a day would quietly import the ORM again."""
    for kind in kinds():
        if kind.panel:
            assert kind.panel.lean_loader, kind.name
        if kind.deadlines:
            assert kind.lean_deadlines, kind.name


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lean") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "_zone", ZoneInfo("Asia/Shanghai"))  # as every test reads it
        seed_demo(path, years=1, today=TODAY)
    return path


def _both(path: Path, day: date, settings: Settings = SETTINGS):  # noqa: ANN202
    lean = leanday.build(path, day, settings)
    store = Store(path)
    try:
        orm = store.run(dashboard.build, day, settings)
    finally:
        store.close()
    assert lean is not None, f"the lean read gave up on {day}"
    return orm, lean


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_lean_dashboard_is_the_orms_on_the_demo_office(demo: Path, language: str) -> None:
    """Day by day over two weeks around the demo's today, a weekend, a year back and
    months ahead: the same panels, rows, cells, subtitles, totals and values for scripts
    (``secdesk today --json``), in both languages."""
    i18n.set_language(language)
    days = [TODAY + timedelta(days=n) for n in range(-4, 11)]
    days += [TODAY - timedelta(days=365), TODAY + timedelta(days=120)]
    shown = 0
    for day in days:
        orm, lean = _both(demo, day)
        assert lean.to_json() == orm.to_json(), day
        assert lean == orm
        shown += sum(len(p.rows) for p in lean.panels)
    assert shown > 500  # the demo fills the panels: nothing was compared empty


def test_the_lean_dashboard_keeps_the_orms_rules(tmp_path: Path) -> None:
    """Rules a demo day may not show: a classified title and an accuser's name masked, a
    visitor not signed out, a call awaiting follow-up, a recurring meeting moved once and
    its checklist, a task, an entered holiday schedule that moves the days left."""
    from secdesk.calendar.notice import parse
    from secdesk.models import ChecklistItem

    day = date(2026, 11, 27)

    def fill(s) -> None:  # noqa: ANN001
        f.call(
            s, f.local(2026, 11, 27, 9), caller="[/]甲", follow_up=True, message_status="to_pass"
        )
        f.call(s, f.local(2026, 11, 27, 10), caller="", number="138", direction="outgoing")
        f.visit(s, f.local(2026, 11, 25, 15), name="王五", id_number="110101199001011234")
        f.document(s, classification="secret", urgency="urgent", title="绝密标题")
        f.document(s, urgency="extra_urgent", due=date(2026, 11, 20), due_spec="10wd@p")
        weekly = f.meeting(s, f.local(2026, 11, 23, 9), rrule="FREQ=WEEKLY;BYDAY=MO")
        f.meeting(
            s,
            f.local(2026, 12, 1, 14),
            series_id=weekly.id,
            occurrence_start=f.local(2026, 11, 30, 9),
        )
        one = f.meeting(s, f.local(2026, 11, 28, 9), title="专题会")
        s.add(ChecklistItem(meeting_id=one.id, position=1, label="通知", done=False))
        f.supervision(s, date(2026, 12, 3), progress=10, feedback_cycle="weekly")
        f.supervision(s, date(2026, 11, 20), title="逾期事项")
        s.add(
            Petition(
                channel="letter",
                category="accusation",
                petitioner="举报人",
                content="反映某单位问题",
                received_at=f.local(2026, 11, 20),
                reply_due=date(2026, 12, 5),
                status="registered",
            )
        )
        s.add(
            Task(title="[bold 准备材料", assigned_by="局长", due=date(2026, 12, 2), status="open")
        )

    store = Store(tmp_path / "rules.db")
    try:
        store.write(fill)
        schedule_text = "2026-11-30 holiday 调休\n2026-11-28 workday 补班"
        store.write(holidays.save, parse(schedule_text, 2026))
    finally:
        store.close()
    orm, lean = _both(tmp_path / "rules.db", day)
    assert lean.to_json() == orm.to_json()
    texts = json.dumps(lean.to_json(), ensure_ascii=False)
    assert "绝密标题" not in texts and "举报人" not in texts and "110101199001011234" not in texts
    assert all(p.rows for p in lean.panels)


def test_anything_but_a_current_sqlite_file_is_left_to_the_orm(
    tmp_path: Path, demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert leanday.build("postgresql://desk@localhost/secdesk", TODAY, SETTINGS) is None
    assert leanday.build(tmp_path / "missing.db", TODAY, SETTINGS) is None
    (tmp_path / "empty.db").touch()
    assert leanday.build(tmp_path / "empty.db", TODAY, SETTINGS) is None
    (tmp_path / "text.db").write_text("not a database")
    assert leanday.build(tmp_path / "text.db", TODAY, SETTINGS) is None

    import sqlite3

    older = tmp_path / "older.db"
    older.write_bytes(demo.read_bytes())
    with sqlite3.connect(older) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0010_search_dates'")
    assert leanday.build(older, TODAY, SETTINGS) is None  # the ORM upgrades it first

    # A kind with a deadline and no lean reader: the whole dashboard goes to the ORM.
    import secdesk.kinds as registry

    declared = list(kinds())
    changed = [replace(k, lean_deadlines="") if k.name == "task" else k for k in declared]
    monkeypatch.setattr(registry, "kinds", lambda: changed)
    monkeypatch.setattr(lean_deadlines, "kinds", lambda: changed)
    assert leanday.build(demo, TODAY, SETTINGS) is None


def test_the_lean_read_imports_no_orm(demo: Path) -> None:
    """What it is for: the first start of a day and ``secdesk today`` fill without
    SQLAlchemy, SQLModel or the models."""
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from secdesk.calendar import clock\n"
        "from secdesk.config import Settings\n"
        "from secdesk.services import leanday\n"
        "clock.set_zone('Asia/Shanghai')\n"
        f"data = leanday.build({str(demo)!r}, date(2026, 3, 11), Settings())\n"
        "assert data is not None and any(p.rows for p in data.panels)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'sqlmodel', 'pydantic', 'alembic') or m.startswith('secdesk.models')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_read_begun_while_the_desk_starts_is_taken_once_by_its_own_dashboard(
    demo: Path,
) -> None:
    """``secdesk`` starts the day's read before Textual loads; the dashboard takes what it
    found (the lean day here, nothing being remembered), once, and only for the same file,
    day and settings; otherwise it reads for itself."""
    from secdesk.services import firstread

    firstread.start(demo, TODAY, SETTINGS)
    assert firstread.take(demo, TODAY + timedelta(days=1), SETTINGS) == (False, None)
    firstread.start(demo, TODAY, SETTINGS)
    begun, data = firstread.take(demo, TODAY, SETTINGS)
    assert begun and data is not None
    assert data == leanday.build(demo, TODAY, SETTINGS)
    assert firstread.take(demo, TODAY, SETTINGS) == (False, None)  # taken already
    firstread.start(demo.parent / "missing.db", TODAY, SETTINGS)
    assert firstread.take(demo.parent / "missing.db", TODAY, SETTINGS) == (True, None)


def test_no_read_is_begun_ahead_of_a_remembered_dashboard(demo: Path) -> None:
    """A dashboard remembered for the day is read by the dashboard itself after its first
    frame (it is the interpreter's work, not SQLite's): the desk's start begins no read for
    that file, and the dashboard still finds what was remembered. One remembered on an
    earlier day (the first start of this one) is no reason to wait: the read is begun."""
    import os
    from datetime import datetime, time

    from secdesk.services import firstread, snapshot

    def written_on(day: date, ahead: bool = False) -> None:
        moment = datetime.combine(day, time(18), clock.zone()).timestamp()
        os.utime(snapshot._path(demo, ahead), (moment, moment))

    assert not snapshot.remembered(demo, TODAY)
    data = leanday.build(demo, TODAY, SETTINGS)
    assert data is not None
    snapshot.save(demo, data, SETTINGS)
    written_on(TODAY)
    assert snapshot.remembered(demo, TODAY)
    firstread.start(demo, TODAY, SETTINGS)
    assert firstread.take(demo, TODAY, SETTINGS) == (False, None)
    assert snapshot.load(demo, TODAY, SETTINGS) == data
    # The next morning: yesterday's dashboard is there, today's is read while Textual loads.
    tomorrow = TODAY + timedelta(days=1)
    assert not snapshot.remembered(demo, tomorrow)
    firstread.start(demo, tomorrow, SETTINGS)
    assert firstread.take(demo, tomorrow, SETTINGS)[0]
    # Unless the desk made tomorrow's ahead, yesterday.
    snapshot.save_ahead(demo, data, SETTINGS)
    written_on(TODAY, ahead=True)
    assert snapshot.remembered(demo, tomorrow)
    snapshot.forget(demo)
    assert not snapshot.remembered(demo, TODAY)
