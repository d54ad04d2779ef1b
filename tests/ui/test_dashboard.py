"""The dashboard as a user drives it: panels, keys, Enter, refresh, language, hostile text."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from textual.widgets import DataTable, Static

from secdesk import i18n
from secdesk.widgets.panel import Panel
from tests import factories as f
from tests.conftest import HOSTILE, future_database, stored_rows, wait_until
from tests.conftest import settle as loaded
from tests.ui.helpers import detail_values, press, record_toasts, shown, table_rows

NOW = "2026-11-27 10:00:00 +0800"


def cells(app, panel_id: str) -> list[list[str]]:  # noqa: ANN001
    """The rows of a dashboard panel, as text."""
    return table_rows(app.screen.query_one(f"#{panel_id}", Panel).table)


@time_machine.travel(NOW, tick=False)
async def test_empty_database_says_how_to_fill_each_panel(desk) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        hints = [str(w.render()) for w in app.screen.query(".panel--empty") if w.display]
        assert len(hints) == 5
        assert "Press c to log a call." in " ".join(hints)
        assert "Press v to register a visitor." in " ".join(hints)
        header = str(app.screen.query_one("#day-header", Static).render())
        assert "Fri 27 Nov 2026" in header and "Working day" in header


@time_machine.travel(NOW, tick=False)
async def test_panels_show_the_days_records(desk, store) -> None:  # noqa: ANN001
    def seed(s) -> None:  # noqa: ANN001
        f.call(
            s,
            f.local(2026, 11, 27, 9, 30),
            caller="王主任",
            summary="问会议时间",
            follow_up=True,
            message_status="to_pass",
        )
        f.document(
            s,
            title="特急文件",
            urgency="extra_urgent",
            classification="confidential",
            due=date(2026, 11, 28),
        )
        f.meeting(s, f.local(2026, 11, 27, 15), title="局务会")
        f.supervision(s, date(2026, 11, 20), title="逾期事项")
        f.visit(s, f.local(2026, 11, 27, 8, 40), name="赵六", host="刘局长")

    store.run(seed)
    async with desk() as pilot:
        app = pilot.app
        assert cells(app, "calls")[0][:5] == ["←!", "09:30", "王主任", "", "问会议时间"]
        # A classified (秘密) title is masked on the dashboard.
        urgency, classification, title = cells(app, "inbox")[0][1:4]
        assert (urgency, title) == ("URGENT", "(classified title)")  # 特急, in short
        assert classification.startswith("Confid")
        assert cells(app, "meetings")[0] == ["Today 15:00", "局务会", "三楼会议室"]
        assert cells(app, "supervision")[0][:2] == ["7 days late", "逾期事项"]
        assert cells(app, "visitors")[0][:4] == ["08:40", "赵六", "", "刘局长"]
        subtitle = app.screen.query_one("#visitors", Panel).border_subtitle
        assert subtitle == "1 in the building · 1 today"


@time_machine.travel(NOW, tick=False)
async def test_number_keys_focus_panels_and_enter_opens_a_row(desk, store) -> None:  # noqa: ANN001
    store.run(lambda s: [f.call(s, f.local(2026, 11, 27, h), caller=f"caller {h}") for h in (8, 9)])
    async with desk() as pilot:
        app = pilot.app
        calls = app.screen.query_one("#calls", Panel)
        await pilot.press("3")
        assert app.focused is calls.table
        await press(pilot, "down", "enter")
        from secdesk.screens.detail import DetailScreen

        assert isinstance(app.screen, DetailScreen)
        values = detail_values(app)
        assert values["Caller"] == "caller 8"  # newest first, so the second row is 08:00
        await pilot.press("escape")
        assert app.focused is calls.table
        await pilot.press("5")
        assert app.focused is app.screen.query_one("#visitors", Panel).table
        await pilot.press("tab")
        assert app.focused is not app.screen.query_one("#visitors", Panel).table


@time_machine.travel(NOW, tick=False)
async def test_help_lists_the_keys_of_the_screen(desk) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        await pilot.press("f1")
        from secdesk.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        actions = {row[1] for row in shown(app, "#help-keys")}
        assert {"Inbox", "Visitors", "Refresh", "Quit", "Help"} <= actions
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_outside_write_appears_by_itself(make_app, store) -> None:  # noqa: ANN001
    """Another window or the command line saves a call: the open dashboard shows it, also
    when the save comes between the dashboard's first read and the start of its watching
    (the reading's generation is behind the database's)."""
    from secdesk.calendar import clock
    from secdesk.office.calls import log as calls
    from secdesk.services.inputs import CallInput
    from secdesk.services.store import Store

    app = make_app(watch_changes=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.screen.query_one("#calls", Panel).loaded)
        assert cells(app, "calls") == []
        other = Store(store.path)  # a second connection, as another process would have
        now = clock.to_local(clock.now_utc())
        other.write(calls.log_call, CallInput(at=now, caller="外部写入", summary="来电"))
        other.close()
        await wait_until(pilot, lambda: len(cells(app, "calls")) == 1, timeout=3)
        assert cells(app, "calls")[0][2] == "外部写入"


async def test_a_failed_look_at_the_generation_keeps_the_desk_watching(
    make_app,
    store,
    monkeypatch,  # noqa: ANN001
) -> None:
    """The look at the database's generation when watching starts fails (a server's
    hiccup): the desk still watches, and shows what others save afterwards."""
    from secdesk.calendar import clock
    from secdesk.office.calls import log as calls
    from secdesk.services.inputs import CallInput
    from secdesk.services.store import Store

    def hiccup() -> int:
        raise OSError("the server did not answer")

    monkeypatch.setattr(store, "generation", hiccup)
    app = make_app(watch_changes=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.screen.query_one("#calls", Panel).loaded)
        await wait_until(pilot, lambda: bool(store._watchers))  # watching has started
        other = Store(store.path)
        now = clock.to_local(clock.now_utc())
        other.write(calls.log_call, CallInput(at=now, caller="之后写入", summary="来电"))
        other.close()
        await wait_until(pilot, lambda: len(cells(app, "calls")) == 1, timeout=3)


def friday_read(app) -> bool:  # noqa: ANN001
    """The dashboard shows the panels it read for Friday 27 November 2026."""
    data = getattr(app.screen, "data", None)
    return data is not None and data.day.day == date(2026, 11, 27)


async def test_day_rolls_over_at_midnight(make_app) -> None:  # noqa: ANN001
    # The clock stands still until the desk shows Friday, then jumps past midnight: a slow
    # start (a loaded machine) cannot miss the Friday it is asked to show first.
    with time_machine.travel("2026-11-27 23:59:59 +0800", tick=False) as traveller:
        app = make_app(watch_changes=True)
        async with app.run_test(size=(120, 40)) as pilot:
            header = lambda: str(app.screen.query_one("#day-header", Static).render())  # noqa: E731
            await wait_until(pilot, lambda: friday_read(app) and "Fri 27 Nov 2026" in header())
            traveller.move_to("2026-11-28 00:00:01 +0800")
            await wait_until(pilot, lambda: "Sat 28 Nov 2026" in header(), timeout=10)
            assert "Weekend" in header()


async def test_a_desk_opened_just_before_midnight_turns_to_the_new_day(make_app) -> None:  # noqa: ANN001
    """Opened at 23:59:59, the desk's background work (the watcher among it) starts only
    after midnight: the watcher counts from the day the desk opened on, so Friday still
    turns to Saturday."""
    with time_machine.travel("2026-11-27 23:59:59 +0800", tick=False) as traveller:
        app = make_app(watch_changes=True)
        app.background_started = True  # held: the watcher is started below, after midnight
        async with app.run_test(size=(120, 40)) as pilot:
            header = lambda: str(app.screen.query_one("#day-header", Static).render())  # noqa: E731
            # Friday's panels read (the header says Friday before they are, too).
            await wait_until(pilot, lambda: friday_read(app) and "Fri 27 Nov 2026" in header())
            traveller.move_to("2026-11-28 00:00:03 +0800")
            app.watch_database()  # the watcher alone: nothing else writes to the database
            await wait_until(pilot, lambda: "Sat 28 Nov 2026" in header(), timeout=10)


@time_machine.travel(NOW, tick=False)
async def test_language_switch_rebuilds_the_screen_in_chinese(desk) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        assert app.screen.query_one("#calls", Panel).border_title == "3 Telephone log"
        app.action_set_language("zh")
        await loaded(pilot)
        assert app.screen.query_one("#calls", Panel).border_title == "3 电话记录"
        header = str(app.screen.query_one("#day-header", Static).render())
        assert "2026年11月27日 星期五" in header and "工作日" in header
        footer_keys = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "退出" in footer_keys
        app.action_set_language("en")
        await loaded(pilot)
        assert "Quit" in {b.binding.description for b in app.screen.active_bindings.values()}
    assert i18n.language() == "en"


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("hostile", HOSTILE)
async def test_hostile_text_is_shown_literally_in_every_panel(make_app, store, hostile) -> None:  # noqa: ANN001
    def seed(s) -> None:  # noqa: ANN001
        f.call(s, f.local(2026, 11, 27, 9), caller=hostile, summary=hostile)
        f.document(s, title=hostile, sender=hostile)
        f.meeting(s, f.local(2026, 11, 27, 15), title=hostile, location=hostile)
        f.supervision(s, date(2026, 12, 20), title=hostile, undertaking_unit=hostile)
        f.visit(s, f.local(2026, 11, 27, 8), name=hostile, host=hostile)

    store.run(seed)
    app = make_app()
    shown = hostile.replace("\x1b", "␛")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        for panel_id, column in (
            ("calls", 2),
            ("inbox", 3),
            ("meetings", 1),
            ("supervision", 1),
            ("visitors", 1),
        ):
            cell = cells(app, panel_id)[0][column]
            # As typed, or its beginning and an ellipsis where the column is narrower.
            assert cell == shown or (cell.endswith("…") and shown.startswith(cell[:-1])), cell
        svg = app.export_screenshot()
        assert "\x1b" not in svg
        await press(pilot, "3", "enter")
        from secdesk.screens.detail import DetailScreen

        assert isinstance(app.screen, DetailScreen)
        fields = app.screen.query_one("#detail-fields", DataTable)
        assert str(fields.get_row_at(2)[1]) == shown  # the caller, whole
        assert app.is_running  # [@click=app.quit] did not become a link that quits


async def test_keys_can_be_remapped_from_the_config_file(desk, tmp_path) -> None:  # noqa: ANN001
    from secdesk.config import load_settings
    from secdesk.screens.call_form import CallForm

    config_file = tmp_path / "config.toml"
    config_file.write_text(
        'language = "en"\n[office]\nname = "某办"\n[keymap]\nnew_call = "ctrl+l"\n',
        encoding="utf-8",
    )
    async with desk(settings=load_settings(config_file)) as pilot:
        app = pilot.app
        await press(pilot, "c")
        assert not isinstance(app.screen, CallForm)
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, CallForm)


async def test_a_newer_database_is_refused_in_the_desk_too(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """The TUI opens the file in its worker: a newer schema is named, the file untouched."""
    from secdesk.app import SecDeskApp
    from secdesk.services.store import Store

    heard = record_toasts(monkeypatch)

    path = tmp_path / "future.db"
    before = future_database(path)
    app = SecDeskApp(Store(path), watch_changes=False)
    async with app.run_test(size=(120, 40)) as pilot:
        hint = lambda: str(app.screen.query_one("#calls .panel--empty", Static).render())  # noqa: E731
        await wait_until(pilot, lambda: "newer secdesk" in hint())
        assert any("newer secdesk" in t for t in heard)
    assert path.read_bytes() == before


@time_machine.travel(NOW, tick=False)
async def test_a_small_terminal_keeps_the_summary_and_every_visitor(desk, store) -> None:  # noqa: ANN001
    """At 80×24 a 500-digit number does not push the summary out of the telephone log, and
    three visitors in the building are all shown."""

    def seed(s) -> None:  # noqa: ANN001
        f.call(s, f.local(2026, 11, 27, 9), caller="长号码", number="1" * 500, summary="要预算")
        for hour, name in ((8, "甲"), (9, "乙"), (10, "丙")):
            f.visit(s, f.local(2026, 11, 27, hour), name=name)

    store.run(seed)
    async with desk((80, 24)) as pilot:
        app = pilot.app
        calls = app.screen.query_one("#calls", Panel).table
        headers = [str(c.label) for c in calls.columns.values()]
        assert "Summary" in headers
        row = [str(c) for c in calls.get_row_at(0)]
        assert "要预算" in row
        visitors = app.screen.query_one("#visitors", Panel).table
        assert visitors.row_count == 3
        assert visitors.size.height >= 4  # the header and all three rows are on screen


@time_machine.travel(NOW, tick=False)
async def test_a_date_of_another_year_shows_its_year(desk, store) -> None:  # noqa: ANN001
    store.run(
        lambda s: [
            f.visit(
                s, f.local(2025, 11, 30, 11, 51), name="去年", left_at=f.local(2025, 11, 30, 12)
            ),
            f.visit(s, f.local(2026, 11, 3, 9), name="今年", left_at=f.local(2026, 11, 3, 10)),
        ]
    )
    async with desk() as pilot:
        app = pilot.app
        await press(pilot, "V")
        table = app.screen.query_one("#log", DataTable)
        arrived = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert arrived == ["3 Nov 09:00", "30 Nov 2025 11:51"]


@pytest.mark.parametrize(
    ("zone", "day", "time"),
    [("Asia/Shanghai", "Fri 27 Nov 2026", "07:30"), ("Europe/London", "Thu 26 Nov 2026", "23:30")],
)
def test_the_desk_keeps_the_day_of_the_configured_timezone(
    tmp_path,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
    zone: str,
    day: str,
    time: str,
) -> None:
    """``timezone`` in config.toml, secdesk started as usual: a call at 23:30 UTC is on
    the dashboard of Friday 07:30 in Shanghai and of Thursday 23:30 in London, although the
    system's zone is New York's."""
    import asyncio
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from secdesk import cli, config
    from secdesk.app import SecDeskApp
    from secdesk.services.store import Store

    config.config_path().write_text(
        f'timezone = "{zone}"\n[office]\nname = "某办"\n', encoding="utf-8"
    )
    db = tmp_path / "desk.db"
    seed = Store(db)
    seed.write(lambda s: f.call(s, datetime(2026, 11, 26, 23, 30, tzinfo=UTC), caller="深夜来电"))
    seed.close()
    seen = {}

    def run_headless(store, settings) -> int:  # noqa: ANN001
        async def look() -> None:
            app = SecDeskApp(store, settings, watch_changes=False)
            async with app.run_test(size=(120, 40)) as pilot:
                await loaded(pilot)
                seen["header"] = str(app.screen.query_one("#day-header", Static).render())
                seen["calls"] = [row[1:3] for row in cells(app, "calls")]

        asyncio.run(look())
        return 0

    monkeypatch.setattr("secdesk.cli.desk.run_tui", run_headless)
    monkeypatch.setattr("secdesk.cli.desk.need_terminal", lambda: None)  # Pilot is the terminal
    # 23:45 UTC; time-machine also makes New York the system's zone (TZ).
    new_york = datetime(2026, 11, 26, 18, 45, tzinfo=ZoneInfo("America/New_York"))
    with time_machine.travel(new_york, tick=False):
        assert cli.main(["--db", str(db)]) == 0
    assert day in seen["header"]
    assert seen["calls"] == [[time, "深夜来电"]]


@time_machine.travel(NOW, tick=False)
async def test_tomorrows_dashboard_is_remembered_for_tomorrows_first_start(
    desk, store, monkeypatch
) -> None:  # noqa: ANN001
    """A still moment after the panels filled, the desk reads tomorrow's dashboard: when
    nothing changed overnight, tomorrow's first start shows exactly the database's day
    (tomorrow's meeting under Today) before the data layer has loaded."""
    from secdesk.screens import dashboard as screen
    from secdesk.services import dashboard, snapshot

    monkeypatch.setattr(screen, "AHEAD_AFTER", 0.01)
    store.run(lambda s: f.meeting(s, f.local(2026, 11, 28, 9), title="周六值班会"))
    tomorrow = date(2026, 11, 28)
    async with desk() as pilot:
        await wait_until(pilot, lambda: snapshot._path(store.path, ahead=True).exists())
        await pilot.app.workers.wait_for_complete()
        settings = pilot.app.settings
    remembered = snapshot.load(store.path, tomorrow, settings)
    assert remembered is not None
    assert remembered == store.run(dashboard.build, tomorrow, settings)
    assert remembered.panel("meetings").rows[0].cells[0].text == "Today 09:00"


def footer_keys(app) -> list[tuple[str, str, bool]]:  # noqa: ANN001
    """The keys the footer shows: (key, what it does, whether it is dimmed)."""
    from textual.widgets._footer import FooterKey

    return [
        (k.key_display, k.description, k.has_class("-disabled"))
        for k in app.screen.query(FooterKey)
    ]


@time_machine.travel(NOW, tick=False)
async def test_footer_keys_follow_the_row_and_are_made_again_only_when_they_change(
    desk, store
) -> None:  # noqa: ANN001
    """Moving through a panel asks the footer again for every row; it shows the same keys,
    so it keeps its widgets. A row of another kind has other keys: they are shown."""
    from textual.widgets._footer import FooterKey

    store.run(lambda s: [f.call(s, f.local(2026, 11, 27, h), caller=f"caller {h}") for h in (8, 9)])
    store.run(lambda s: f.visit(s, f.local(2026, 11, 27, 8, 40), name="赵六", host="刘局长"))
    async with desk() as pilot:
        app = pilot.app
        await pilot.press("3")
        await loaded(pilot)
        on_a_call = footer_keys(app)
        widgets = list(app.screen.query(FooterKey))
        assert ("c", "Call", False) in on_a_call
        await pilot.press("down")
        await loaded(pilot)
        assert footer_keys(app) == on_a_call
        kept = list(app.screen.query(FooterKey))
        assert len(kept) == len(widgets) and all(a is b for a, b in zip(kept, widgets, strict=True))
        await pilot.press("5")
        await loaded(pilot)
        on_a_visitor = footer_keys(app)
        assert on_a_visitor != on_a_call
        await pilot.press("3")
        await loaded(pilot)
        assert footer_keys(app) == on_a_call


@time_machine.travel(NOW, tick=False)
async def test_a_row_key_on_a_record_deleted_meanwhile_says_so(desk, store, monkeypatch) -> None:  # noqa: ANN001
    """Another desk deleted the call and the visitor still on this dashboard (it has not
    refreshed yet): t on the call and o on the visitor say the record is gone and make
    nothing."""
    from secdesk.services import records

    call = store.run(lambda s: f.call(s, f.local(2026, 11, 27, 9), caller="王主任").id)
    visit = store.run(lambda s: f.visit(s, f.local(2026, 11, 27, 8, 40), name="赵六").id)
    heard = record_toasts(monkeypatch)
    async with desk() as pilot:
        store.write(records.delete, "call", call)
        store.write(records.delete, "visit", visit)
        await press(pilot, "3", "t")
        await loaded(pilot)
        await press(pilot, "5", "o")
        await loaded(pilot)
        assert heard.count("This record no longer exists.") == 2
    assert stored_rows(store.path, "SELECT count(*) FROM task") == [(0,)]
    assert stored_rows(store.path, "SELECT left_at FROM visit") == [(None,)]


@time_machine.travel(NOW, tick=False)
async def test_the_keys_wait_for_the_day_then_show_even_if_it_does_not_come(
    desk,
    make_app,
    monkeypatch,  # noqa: ANN001
) -> None:
    """The footer shows its keys once the day is on screen (making them would hold back the
    panels); a day that does not come (a slow disk, a far server) keeps them back a second
    at most. The keys work meanwhile."""
    from secdesk.screens import dashboard
    from secdesk.screens.call_form import CallForm
    from secdesk.widgets.footer import DeskFooter

    async with desk() as pilot:  # the day is read
        assert ("c", "Call", False) in footer_keys(pilot.app)

    monkeypatch.setattr(dashboard, "KEYS_AT", 1.5)
    monkeypatch.setattr(dashboard.DashboardScreen, "_start", lambda self: None)  # no day
    async with make_app().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = pilot.app.screen.query_one(DeskFooter)
        assert footer.held and footer_keys(pilot.app) == []
        await pilot.press("c")  # works while the keys are not shown
        assert isinstance(pilot.app.screen, CallForm)
        await pilot.press("escape")
        await wait_until(pilot, lambda: ("c", "Call", False) in footer_keys(pilot.app), 10)


@time_machine.travel(NOW, tick=False)
async def test_the_background_work_waits_for_the_frame_with_the_rows(
    desk,
    store,
    monkeypatch,  # noqa: ANN001
) -> None:
    """The background jobs (and the footer's keys) start once every panel's rows are laid
    out for the frame that shows them: a table measures its rows when it is next idle, and
    the jobs started before that held back the filled frame with their imports."""
    from secdesk.app import SecDeskApp

    def seed(s) -> None:  # noqa: ANN001
        for hour in (8, 9, 10):
            f.call(s, f.local(2026, 11, 27, hour), caller=f"来电{hour}")
        f.visit(s, f.local(2026, 11, 27, 8, 40), name="赵六", host="刘局长")

    store.run(seed)
    seen: list[list[bool]] = []
    real = SecDeskApp.start_background

    def start(self) -> None:  # noqa: ANN001
        seen.append([p.table.settled for p in self.screen.query(Panel)])
        real(self)

    monkeypatch.setattr(SecDeskApp, "start_background", start)
    monkeypatch.setattr("secdesk.app.BACKGROUND_AT", 60.0)  # only _painted starts it
    async with desk() as pilot:
        await wait_until(pilot, lambda: bool(seen))
        assert seen == [[True] * 5]
        assert len(cells(pilot.app, "calls")) == 3
