"""A kind of record is one declaration plus its own files: the throwaway ``errand`` kind
(``tests/errand``: a model, an input, its duty-log entries and a ``Kind``), registered at
run time and touching no shared module, is found in the palette, the help, search, the
duty log, the work summary's figures and ``secdesk log``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import ModuleType

import pytest
import time_machine
from sqlmodel import SQLModel, select

from secdesk import kinds
from secdesk.services.store import Store
from tests.conftest import settle, wait_until

NOW = "2026-12-03 10:00:00 +0800"
DAY = date(2026, 12, 3)


@pytest.fixture
def errand(store: Store) -> Iterator[ModuleType]:
    """The errand kind registered, and its table in the test's database."""
    import tests.errand as module

    table = module.Errand.__table__  # type: ignore[attr-defined]
    kinds.register(module.KIND)
    store.open()
    table.create(store.db.engine)
    try:
        yield module
    finally:
        kinds.unregister("errand")
        # Out of the shared metadata again: other tests compare it with the migrations.
        if table.key in SQLModel.metadata.tables:
            SQLModel.metadata.remove(table)


def save_errand(store: Store, module: ModuleType, what: str, place: str) -> int:
    from secdesk.calendar import clock
    from secdesk.services import records

    def write(session):  # noqa: ANN001, ANN202
        data = module.ErrandInput(what, place, clock.now_local())
        return records.create(session, "errand", data).id

    return store.write(write)


def test_the_kind_joins_the_registry_and_leaves_it(errand: ModuleType) -> None:
    assert kinds.get("errand") is errand.KIND
    assert kinds.kinds()[-1] is errand.KIND  # by its position, after every other kind
    with pytest.raises(ValueError, match="already called 'errand'"):
        kinds.register(errand.KIND)


def test_palette_offers_its_form_and_its_list(errand: ModuleType) -> None:
    from secdesk.screens.palette import commands

    found = {title: action for title, _help, action in commands()}
    assert found["Run an errand"] == "new('errand')"
    assert found["Errands"] == "show_list('errand')"


@time_machine.travel(NOW, tick=False)
def test_search_finds_it_and_the_duty_log_and_figures_count_it(
    errand: ModuleType, store: Store
) -> None:
    from secdesk.services import dutylog, reports, search

    record_id = save_errand(store, errand, "领取会议材料", "区档案馆")
    found = store.run(lambda s: search.search(s, "档案"))
    assert [(h.kind, h.id, h.title) for h in found.hits] == [("errand", record_id, "领取会议材料")]

    day = store.run(lambda s: dutylog.compose_day(s, DAY))
    assert [(e.kind, e.text) for e in day.entries] == [("errand", "领取会议材料 @ 区档案馆")]
    assert "1 errand" in day.figures

    summary = store.run(lambda s: reports.build(s, reports.parse_period("2026-12"), DAY))
    assert summary.counts["errand"] == 1


@time_machine.travel(NOW, tick=False)
def test_secdesk_log_saves_one_from_the_shell(
    errand: ModuleType, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    from secdesk.cli import main

    db = str(store.path)
    store.close()
    code = main(["--db", db, "log", "errand", "--what", "送文件", "--place", "区财政局"])
    out, err = capsys.readouterr()
    assert (code, out, err) == (0, "Errand saved\n", "")
    reopened = Store(Path(db))
    try:
        rows = reopened.run(lambda s: s.exec(select(errand.Errand)).all())
        assert [(r.what, r.place) for r in rows] == [("送文件", "区财政局")]
        assert rows[0].run_at.replace(tzinfo=None) == datetime(2026, 12, 3, 2, 0)
    finally:
        reopened.close()


@time_machine.travel(NOW, tick=False)
async def test_help_lists_its_key_and_the_key_opens_its_form(errand: ModuleType, make_app) -> None:  # noqa: ANN001
    """F1 on the dashboard lists the errand's key with what it does and its id (for
    remapping); the key opens its form from anywhere."""
    from textual.widgets import DataTable, Input

    from secdesk.screens.form import RecordForm
    from secdesk.screens.help import HelpScreen
    from tests.ui.helpers import table_rows

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        keys = table_rows(app.screen.query_one("#help-keys", DataTable))
        assert ["^e", "Errand", "Run an errand", "new_errand"] in keys
        await pilot.press("escape", "ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.kind.name == "errand"
        assert app.screen.query_one("#f-what", Input).value == ""
