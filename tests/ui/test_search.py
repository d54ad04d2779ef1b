"""/ from anywhere: type, see what matches grouped by kind with the match marked, Enter
opens the record."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList, Static

from secdesk.models import DutyLog
from secdesk.screens.detail import DetailScreen
from secdesk.screens.dutylog import DutyLogScreen
from secdesk.screens.search import SearchScreen
from tests import factories as f
from tests.conftest import HOSTILE, settle, wait_until
from tests.ui.helpers import press, shown


def _add(store, fn) -> int:  # noqa: ANN001
    return store.write(lambda s: fn(s).id)


async def _search(pilot, screen: SearchScreen, typed: str) -> OptionList:  # noqa: ANN001
    results = screen.query_one("#search-results", OptionList)
    generation = screen.generation
    screen.query_one("#search-box", Input).value = typed
    await wait_until(pilot, lambda: screen.generation > generation)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return results


async def test_slash_finds_records_of_every_kind_and_enter_opens_one(desk, store) -> None:  # noqa: ANN001
    """The secretary presses / on the dashboard, types 防汛: a call and a meeting appear under
    their kinds' headings, the match marked; Enter opens the newest hit's detail view."""
    call_id = _add(store, lambda s: f.call(s, f.local(2026, 11, 20), summary="询问防汛物资"))
    meeting_id = _add(store, lambda s: f.meeting(s, f.local(2026, 11, 25), title="防汛工作会议"))
    async with desk() as pilot:
        app = pilot.app
        screen = await press(pilot, "slash")
        assert isinstance(screen, SearchScreen)
        results = await _search(pilot, screen, "防汛")
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert prompts[0] == "Telephone call: 1" and prompts[2] == "Meeting: 1"
        assert "询问防汛物资" in prompts[1] and "防汛工作会议" in prompts[3]
        line = results.get_option_at_index(1).prompt
        marked = [line.plain[s.start : s.end] for s in line.spans if "reverse" in str(s.style)]
        assert marked == ["防汛"]
        assert "2 found" in str(screen.query_one("#search-status", Static).render())
        await pilot.press("enter")  # in the box: the first hit in the list
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert (app.screen.kind.name, app.screen.record_id) == ("call", call_id)
        await press(pilot, "escape")
        assert app.screen is screen
        await pilot.press("down", "down", "enter")  # into the list, on to the meeting
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen) and app.screen.record_id == meeting_id


async def test_the_count_says_how_many_were_found_in_all_and_of_each_kind(desk, store) -> None:  # noqa: ANN001
    """25 calls and 3 meetings hold 防汛: the status says 28 found (the newest 23 shown),
    each heading how many of its kind there are, though only 20 calls are listed."""

    def office(session) -> None:  # noqa: ANN001
        for day in range(1, 26):
            f.call(session, f.local(2026, 11, day), summary=f"询问防汛物资 第{day}次")
        for day in (3, 4, 5):
            f.meeting(session, f.local(2026, 11, day), title="防汛工作会议")

    store.write(office)
    async with desk() as pilot:
        screen = await press(pilot, "slash")
        assert isinstance(screen, SearchScreen)
        results = await _search(pilot, screen, "防汛")
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert prompts[0] == "Telephone call: 25" and prompts[21] == "Meeting: 3"
        status = str(screen.query_one("#search-status", Static).render())
        assert "28 found" in status and "(the newest 23 shown)" in status


async def test_hostile_text_shows_literally_and_duty_notes_open_their_day(desk, store) -> None:  # noqa: ANN001
    for n, hostile in enumerate(HOSTILE):
        _add(
            store, lambda s, h=hostile, n=n: f.call(s, f.local(2026, 11, 1 + n), caller=f"防汛{h}")
        )
    _add(store, lambda s: _duty(s))
    async with desk() as pilot:
        app = pilot.app
        screen = await press(pilot, "slash")
        assert isinstance(screen, SearchScreen)
        results = await _search(pilot, screen, "防汛")
        shown = "\n".join(
            results.get_option_at_index(i).prompt.plain for i in range(results.option_count)
        )
        for hostile in HOSTILE:
            assert hostile.replace("\x1b", "␛") in shown
        results = await _search(pilot, screen, "停电 kind:duty")
        assert results.option_count == 2  # the heading and the day
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, DutyLogScreen)
        assert app.screen.day == date(2026, 11, 20)


def _duty(session) -> DutyLog:  # noqa: ANN001
    log = DutyLog(day=date(2026, 11, 20), notes="夜间停电两小时")
    session.add(log)
    session.flush()
    return log


async def test_f1_on_search_and_reports_says_what_they_do(desk) -> None:  # noqa: ANN001

    from secdesk.screens.help import HelpScreen

    async with desk() as pilot:
        app = pilot.app
        for key, words, action in (
            ("slash", "kind:call", "Back"),
            ("R", "work summary", "Quarter"),
        ):
            await press(pilot, key)
            await press(pilot, "f1")
            assert isinstance(app.screen, HelpScreen)
            actions = {row[1] for row in shown(app, "#help-keys")}
            assert action in actions
            said = " ".join(str(w.render()) for w in app.screen.query(Static))
            assert words in said
            await press(pilot, "escape")
            await press(pilot, "escape")


async def test_one_character_found_nowhere_is_not_counted_again(desk, store, monkeypatch) -> None:  # noqa: ANN001
    """鑫, in no record: the first page is empty, so nothing is left to count; the status
    says nothing was found without reading every record a second time."""
    from secdesk.services import search

    store.write(lambda s: f.call(s, f.local(2026, 11, 2), caller="王五", summary="来电"))
    asked: list[bool] = []
    real_search = search.search

    def searched(session, text, *args, counted: bool = True, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        asked.append(counted)
        return real_search(session, text, *args, counted=counted, **kwargs)

    monkeypatch.setattr(search, "search", searched)
    async with desk() as pilot:
        screen = await press(pilot, "slash")
        status = screen.query_one("#search-status", Static)
        screen.query_one("#search-box", Input).value = "鑫"
        await wait_until(pilot, lambda: bool(asked))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert asked == [False]
        assert "counting" not in str(status.render())


async def test_one_character_lists_its_hits_before_they_are_all_counted(
    desk, store, monkeypatch
) -> None:  # noqa: ANN001
    """Typing 王 lists the newest calls at once, the status saying they are being counted;
    the headings and the status then say how many there are in all, the list unchanged."""
    import threading

    from secdesk.services import search

    def office(session) -> None:  # noqa: ANN001
        for day in range(1, 26):
            f.call(session, f.local(2026, 11, day), caller=f"王{day}", summary="来电")

    store.write(office)
    counting = threading.Event()
    real_count = search._count

    def slow_count(*args):  # noqa: ANN002, ANN202
        counting.wait(10)
        return real_count(*args)

    monkeypatch.setattr(search, "_count", slow_count)
    async with desk() as pilot:
        screen = await press(pilot, "slash")
        assert isinstance(screen, SearchScreen)
        results = screen.query_one("#search-results", OptionList)
        status = screen.query_one("#search-status", Static)
        screen.query_one("#search-box", Input).value = "王"
        await wait_until(pilot, lambda: results.option_count == 21)
        assert str(results.get_option_at_index(0).prompt) == "Telephone call"
        assert "王25" in str(results.get_option_at_index(1).prompt)
        assert "The newest 20 shown; counting them all…" in str(status.render())
        counting.set()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert str(results.get_option_at_index(0).prompt) == "Telephone call: 25"
        assert results.option_count == 21
        assert "25 found" in str(status.render()) and "(the newest 20 shown)" in str(
            status.render()
        )
