"""The desk asks once for the office's name (the signature of every paper it writes) and
mark: at its first start, or while config.toml has no [office] name."""

from __future__ import annotations

from pathlib import Path

import time_machine

from secdesk import config
from secdesk.app import SecDeskApp
from secdesk.screens.office_name import OfficeNameScreen
from secdesk.services.store import Store
from tests.conftest import settle, wait_until
from tests.ui.helpers import toasts


async def test_the_first_start_asks_for_the_name_and_keeps_it(tmp_path: Path) -> None:
    """A new desk without config.toml: the question is on top; Enter keeps the name in
    config.toml and the papers are signed with it from then on."""
    settings = config.load_settings()
    assert settings.first_start
    app = SecDeskApp(Store(tmp_path / "new.db"), settings, watch_changes=False)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query("#office-name")))
        app.screen.query_one("#office-name").value = "  某区人民政府办公室 "
        await pilot.press("enter")  # on to the mark, left empty: the name heads
        assert app.screen.focused is app.screen.query_one("#office-mark")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, OfficeNameScreen))
        await settle(pilot)
        assert "The papers are signed by 某区人民政府办公室." in toasts(app)
    assert config.load_settings().office.name == "某区人民政府办公室"
    assert config.office().name == "某区人民政府办公室"


async def test_a_config_from_before_the_papers_is_asked_once(tmp_path: Path) -> None:
    """An office that set secdesk up before papers were signed: config.toml without
    [office], a database with records. The desk asks for the name and the mark; both are
    kept beside the file's other settings, and the next start asks no more."""
    path = config.config_path()
    path.write_text('language = "en"\n\n[keymap]\nquit = "ctrl+q"\n', encoding="utf-8")
    store = Store(tmp_path / "old.db")
    store.open()
    app = SecDeskApp(store, config.load_settings(), watch_changes=False)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query("#office-name")))
        app.screen.query_one("#office-name").value = "某区人民政府办公室"
        await pilot.press("enter")
        app.screen.query_one("#office-mark").value = " 某区人民政府办公室文件 "
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, OfficeNameScreen))
        assert app.settings.office == config.Office("某区人民政府办公室", "某区人民政府办公室文件")
    settings = config.load_settings()
    assert settings.office == config.Office("某区人民政府办公室", "某区人民政府办公室文件")
    assert settings.keymap == {"quit": "ctrl+q"} and settings.language == "en"
    assert not settings.ask_office and not settings.warnings
    app = SecDeskApp(store, settings, watch_changes=False)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert not any(isinstance(s, OfficeNameScreen) for s in app.screen_stack)
    store.close()


async def test_an_empty_name_asks_and_esc_changes_nothing(tmp_path: Path) -> None:
    path = config.config_path()
    path.write_text('language = "en"\n\n[office]\nname = ""\n', encoding="utf-8")
    store = Store(tmp_path / "old.db")
    store.open()  # not a first start: the database is there
    app = SecDeskApp(store, config.load_settings(), watch_changes=False)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query("#office-name")))
        await pilot.press("enter")  # nothing typed: said, and still asked
        assert isinstance(app.screen, OfficeNameScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, OfficeNameScreen))
    assert path.read_text(encoding="utf-8") == 'language = "en"\n\n[office]\nname = ""\n'
    store.close()


async def test_a_named_office_or_an_existing_desk_is_not_asked(tmp_path: Path) -> None:
    store = Store(tmp_path / "old.db")
    store.open()
    for settings in (config.load_settings(), config.Settings(office=config.Office("某办"))):
        app = SecDeskApp(store, settings, watch_changes=False)
        async with app.run_test() as pilot:
            await settle(pilot)
            assert not any(isinstance(s, OfficeNameScreen) for s in app.screen_stack)
    store.close()


@time_machine.travel("2026-11-27 10:00:00 +0800", tick=False)
def test_the_question_over_the_dashboard(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    """A desk whose [office] has no name: over the empty dashboard, a box asks which office
    signs the papers, with an example (某区人民政府办公室), an input for the name and one for
    the mark that heads a numbered paper; the footer offers Esc to be asked later."""

    async def asked(pilot) -> None:  # noqa: ANN001
        await wait_until(pilot, lambda: bool(pilot.app.screen.query("#office-name")))
        pilot.app.screen.query_one("#office-name").cursor_blink = False
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    store = Store(tmp_path / "desk.db")
    store.open()  # no "new database" toast naming a temporary path in the picture
    app = SecDeskApp(store, config.Settings(ask_office=True), watch_changes=False)
    assert snap_compare(app, terminal_size=(100, 30), run_before=asked)


async def test_the_duty_log_is_headed_by_the_office(make_app) -> None:  # noqa: ANN001
    """The duty log's heading names the office the desk's settings name."""
    from textual.widgets import Static

    from secdesk.screens.dutylog import DutyLogScreen

    app = make_app(settings=config.Settings(office=config.Office("某区人民政府办公室")))
    async with app.run_test() as pilot:
        await settle(pilot)
        await app.push_screen(DutyLogScreen())
        await settle(pilot)
        shown = str(app.screen.query_one("#duty-header", Static).render())
        assert shown.startswith("某区人民政府办公室 duty log ")


@time_machine.travel("2026-11-20 10:00:00 +0800", tick=False)
async def test_a_paper_asked_for_before_the_office_is_named_asks_for_it(
    tmp_path: Path,
) -> None:
    """Esc at the first start's question, then x on the work summary: no unsigned paper is
    written; the desk says why and asks again, and once the office is named x writes it."""
    from secdesk.screens.reports import ReportsScreen
    from tests.ui.helpers import press

    store = Store(tmp_path / "desk.db")
    store.open()
    app = SecDeskApp(store, config.Settings(ask_office=True), watch_changes=False)
    exports = config.data_dir() / "exports"
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query("#office-name")))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, OfficeNameScreen))
        screen = await press(pilot, "R")
        assert isinstance(screen, ReportsScreen)
        await wait_until(pilot, lambda: screen.summary is not None)
        await pilot.press("x")
        await wait_until(pilot, lambda: bool(app.screen.query("#office-name")))
        assert "Name the office first: every paper the desk writes is signed by it." in toasts(app)
        await app.workers.wait_for_complete()
        assert not exports.exists() or not list(exports.glob("summary-*"))
        app.screen.query_one("#office-name").value = "某区人民政府办公室"
        await pilot.press("enter", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("x")
        await wait_until(pilot, lambda: len(list(exports.glob("summary-*"))) == 2)
    assert config.office().name == "某区人民政府办公室"
    store.close()
