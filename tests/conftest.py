"""Shared fixtures: every test gets its own SECDESK_HOME, English, and Asia/Shanghai time."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from secdesk import i18n
from secdesk.calendar import clock
from secdesk.config import Settings

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
"""Real files from other programs (vCard exports, Asterisk call records), shared with the
other checkouts: ../shared/samples beside the repository."""
HOSTILE = ["[/]", "[bold", "[@click=app.quit]x", "a[b]c", "\x1b[2J", "[link=x]y[/link]"]
"""User text that must be shown literally and never act as markup or terminal control."""


def missing(reason: str) -> NoReturn:
    """Something a test needs is not on this machine: skip the test, except on CI (the
    ``CI`` environment variable is set), where it fails, so CI never passes on tests it
    did not run."""
    if "CI" in os.environ:
        pytest.fail(f"{reason}; on CI every test must run", pytrace=False)
    pytest.skip(reason)


def need_samples(*parts: str) -> Path:
    """The path ``parts`` under ../shared/samples (``need_samples("cdr", name)``), or
    :func:`missing` if it is not there."""
    path = SAMPLES.joinpath(*parts)
    if not path.exists():
        missing(f"sample data not available: {path}")
    return path


def need_program(name: str) -> str:
    """The full path of the program ``name`` (``tmux``), or :func:`missing` if it is not
    installed."""
    found = shutil.which(name)
    if found is None:
        missing(f"{name} is not installed")
    return found


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("SECDESK_HOME", str(home))
    monkeypatch.delenv("SECDESK_DB", raising=False)
    i18n.set_language("en")
    clock.set_zone("Asia/Shanghai")
    yield home
    i18n.set_language("en")
    clock.set_zone(None)
    from secdesk import config

    config.use_office(None)  # the demo office's signature does not follow into other tests


@pytest.fixture
def store(tmp_path: Path):  # noqa: ANN201
    from secdesk.services.store import Store

    s = Store(tmp_path / "test.db", tmp_path / "backups")
    yield s
    s.close()


@pytest.fixture
def session(store):  # noqa: ANN001, ANN201
    with store.db.session() as s:
        yield s


@pytest.fixture
def make_app(store):  # noqa: ANN001, ANN201
    """Build the app the way the CLI does (watching for changes is off unless asked)."""
    from secdesk.app import SecDeskApp

    def factory(watch_changes: bool = False, settings: Settings | None = None) -> SecDeskApp:
        return SecDeskApp(store, settings or Settings(), watch_changes=watch_changes)

    return factory


async def wait_until(pilot, predicate: Callable[[], bool], timeout: float = 5.0) -> None:  # noqa: ANN001
    """Let the app run until ``predicate()`` holds (a condition, never a fixed sleep)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


async def settle(pilot) -> None:  # noqa: ANN001
    """Wait until the app is idle: an open dashboard has filled its panels (its loading
    starts after the first frame) and every worker has finished."""
    from secdesk.screens.dashboard import DashboardScreen
    from secdesk.widgets.panel import Panel

    app = pilot.app
    await pilot.pause()
    for screen in app.screen_stack:
        if isinstance(screen, DashboardScreen):
            await wait_until(
                pilot,
                lambda s=screen: s.data is not None and all(p.loaded for p in s.query(Panel)),
            )
    await app.workers.wait_for_complete()
    await pilot.pause()


def stored_rows(db: Path | str, sql: str, *params: object) -> list[tuple]:
    """The rows ``sql`` reads from the database file ``db`` as it is stored, with the
    standard library's sqlite3 alone (no secdesk code between the test and the file)."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def future_database(path: Path) -> bytes:
    """A database file as a newer secdesk would leave it; returns its bytes, every
    connection closed (so the WAL is folded in and the bytes are final)."""
    from secdesk.services.store import Store

    store = Store(path)
    store.open()
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    return path.read_bytes()
