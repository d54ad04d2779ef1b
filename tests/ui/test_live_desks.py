"""Two desks on one PostgreSQL database, as in a shared office: what one saves, the other
shows by itself within two seconds; a desk is not told back its own saves; a desk whose
server connection drops says so once and keeps running."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from secdesk.app import SecDeskApp
from secdesk.calendar import clock
from secdesk.config import Settings
from secdesk.services import records
from secdesk.services.inputs import CallInput
from secdesk.services.store import Store
from secdesk.widgets.panel import Panel
from tests.conftest import wait_until
from tests.ui.helpers import fill, record_toasts, table_rows

#: What "live" promises: another desk's save is on the screen within this many seconds.
LIVE_S = 2.0


@pytest.fixture
def two_stores(tmp_path: Path, pg_url: str) -> Iterator[tuple[Store, Store]]:
    """Two desks' stores on one server database, each with its own connections (as two
    computers in the office would have)."""
    first = Store(tmp_path / "a" / "office.db", url=pg_url)
    second = Store(tmp_path / "b" / "office.db", url=pg_url)
    yield first, second
    first.close()
    second.close()


async def opened(pilot) -> None:  # noqa: ANN001
    """Wait until the desk's dashboard has read its panels (``settle`` would wait for every
    worker, and the watcher's runs as long as the desk)."""
    app = pilot.app
    await wait_until(pilot, lambda: all(p.loaded for p in app.screen.query(Panel)))


def callers(app: SecDeskApp) -> list[str]:
    """The callers the dashboard's telephone panel lists."""
    return [row[2] for row in table_rows(app.screen.query_one("#calls", Panel).table)]


def call(caller: str) -> CallInput:
    return CallInput(at=clock.now_utc(), caller=caller, summary="问会议时间")


async def test_a_call_saved_at_one_desk_shows_at_the_other(two_stores) -> None:  # noqa: ANN001
    """Desk A logs a call through its form: desk B's dashboard lists it within two seconds,
        without a key pressed. Then B saves one through its store (as a worker of one of its
    screens would): A lists it as soon."""
    store_a, store_b = two_stores
    desk_a = SecDeskApp(store_a, Settings(), watch_changes=True)
    desk_b = SecDeskApp(store_b, Settings(), watch_changes=True)
    async with desk_a.run_test(size=(120, 40)) as pilot_a:
        await opened(pilot_a)
        async with desk_b.run_test(size=(120, 40)) as pilot_b:
            await opened(pilot_b)
            assert callers(desk_a) == [] and callers(desk_b) == []

            await pilot_a.press("c")
            fill(desk_a.screen, caller="王主任", summary="明天的会改到下午")
            await pilot_a.press("ctrl+s")
            await wait_until(pilot_a, lambda: callers(desk_a) == ["王主任"])
            await wait_until(pilot_b, lambda: callers(desk_b) == ["王主任"], timeout=LIVE_S)

            store_b.write(records.create, "call", call("李科长"))
            await wait_until(pilot_a, lambda: "李科长" in callers(desk_a), timeout=LIVE_S)
            assert sorted(callers(desk_a)) == ["李科长", "王主任"]


def test_a_desk_is_not_told_back_its_own_saves(two_stores) -> None:  # noqa: ANN001
    """A desk's own save is shown by the screen that saved it: its watcher does not report
    it as another desk's change (the screens would read everything twice). Another desk's
    save, committed after, is reported, once."""
    store_a, store_b = two_stores
    watcher_a = store_a.watcher()
    witness = store_b.watcher()
    try:
        store_a.write(records.create, "call", call("王主任"))
        # The other desk heard it, so the server has sent the notice to every listener.
        assert witness.wait(LIVE_S)
        assert not watcher_a.wait(0.2)
        store_b.write(records.create, "call", call("李科长"))
        assert watcher_a.wait(LIVE_S)
        assert not watcher_a.changed()
    finally:
        store_a.forget(watcher_a)
        store_b.forget(witness)


async def test_a_lost_server_connection_is_said_once_and_the_desk_goes_on(
    two_stores, pg_server, pg_url, monkeypatch
) -> None:  # noqa: ANN001
    """The server drops the desk's listening connection and refuses it a while: the desk
    says once that other desks' saves are not shown, keeps running, and when it is back
    says so and shows what another desk saved."""
    import psycopg

    from secdesk import dbserver

    store_a, store_b = two_stores
    said = record_toasts(monkeypatch)
    monkeypatch.setattr(dbserver, "RELISTEN_S", 0.0)
    real_connect = dbserver.ChangeListener._connect
    refused: list[int] = []

    def connect(listener: dbserver.ChangeListener) -> None:
        if refused is not None and len(refused) < 3:
            refused.append(1)
            raise psycopg.OperationalError("the server is restarting")
        real_connect(listener)

    desk = SecDeskApp(store_b, Settings(), watch_changes=True)
    async with desk.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await wait_until(pilot, lambda: bool(store_b._watchers))
        monkeypatch.setattr(dbserver.ChangeListener, "_connect", connect)
        pg_server.run(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{dbserver.database_name(pg_url)}' AND query LIKE 'LISTEN%'"
        )
        back = "The connection to the server is back."
        await wait_until(pilot, lambda: back in said, timeout=10)
        lost = [s for s in said if "connection to the server was lost" in s]
        assert len(refused) == 3 and len(lost) == 1, said
        assert desk.is_running
        store_a.write(records.create, "call", call("王主任"))
        await wait_until(pilot, lambda: callers(desk) == ["王主任"], timeout=LIVE_S)


async def test_a_desk_on_a_server_shows_the_day_it_remembers_before_its_data_layer(
    two_stores,
    monkeypatch,  # noqa: ANN001
) -> None:
    """A desk on a shared database remembers the day it showed; the next start on that
    computer shows it at once (the server asked, with the driver alone, that nothing was
    saved since), then the real read replaces it."""
    from secdesk.screens.dashboard import DashboardScreen
    from secdesk.services import snapshot

    store, _other = two_stores
    store.write(records.create, "call", call("王主任"))
    assert not snapshot.remembered(store.path, clock.today())
    async with SecDeskApp(store, Settings(), watch_changes=False).run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await wait_until(pilot, lambda: snapshot.remembered(store.path, clock.today()))
    found: list[object] = []
    real = snapshot.load_shared

    def load_shared(*args):  # noqa: ANN002, ANN202
        found.append(real(*args))
        return found[-1]

    monkeypatch.setattr(snapshot, "load_shared", load_shared)
    again = Store(store.path, url=store.url)
    try:
        desk = SecDeskApp(again, Settings(), watch_changes=False)
        async with desk.run_test(size=(120, 40)) as pilot:
            await opened(pilot)
            assert callers(pilot.app) == ["王主任"]
            screen = pilot.app.screen
            assert isinstance(screen, DashboardScreen)
            await wait_until(pilot, lambda: screen.fresh)  # then the real read
    finally:
        again.close()
    (remembered,) = found  # asked once, at the start, and it had the day
    assert remembered is not None and remembered == screen.data
