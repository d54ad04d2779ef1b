"""Fixtures of the Pilot tests of the screens (plain helpers are in ``helpers.py``)."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from secdesk.config import Settings
from tests.conftest import settle


@pytest.fixture
def desk(make_app) -> Callable[..., AbstractAsyncContextManager[Pilot[None]]]:  # noqa: ANN001
    """Run the desk headless, built as the CLI builds it, and wait until it is idle:
    ``async with desk() as pilot`` (``desk((140, 45))`` for another terminal size; other
    arguments go to ``make_app``)."""

    @asynccontextmanager
    async def run(size: tuple[int, int] = (120, 40), **options: Any) -> AsyncIterator[Pilot[None]]:
        app = make_app(**options)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            yield pilot

    return run


@pytest.fixture
def named_office() -> None:
    """The office has named itself (config.toml's [office]): the desk writes its papers
    without asking (the home's fixture forgets it after the test)."""
    from secdesk import config

    config.use_office(config.Office("某区人民政府办公室"))


DEMO_NOW = "2026-11-27 10:00:00 +0800"
"""The demo office's moment: Friday 27 November 2026, 10:00 in the office."""


@pytest.fixture(scope="session")
def demo_office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A year of the demo office's work up to ``DEMO_NOW``, written once per session (it
    takes seconds): tests run on a copy (``demo_desk``)."""
    import time_machine

    from secdesk.calendar import clock
    from secdesk.demo import seed_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    clock.set_zone("Asia/Shanghai")
    with time_machine.travel(DEMO_NOW, tick=False):
        seed_demo(path, years=1, today=date(2026, 11, 27))
    return path


@pytest.fixture
def demo_desk(
    demo_office: Path, tmp_path: Path
) -> Callable[..., AbstractAsyncContextManager[Pilot[None]]]:
    """The desk on a copy of the demo office, in a language and terminal size:
    ``async with demo_desk("zh", (80, 24)) as pilot`` (the test travels to ``DEMO_NOW``)."""
    from secdesk import i18n
    from secdesk.app import SecDeskApp
    from secdesk.services.store import Store

    @asynccontextmanager
    async def run(
        language: str = "en", size: tuple[int, int] = (80, 24)
    ) -> AsyncIterator[Pilot[None]]:
        from secdesk import config
        from secdesk.demo import OFFICE

        copy = tmp_path / "demo.db"
        shutil.copyfile(demo_office, copy)
        i18n.set_language(language)
        config.use_office(OFFICE)  # as `secdesk demo` does: the demo office signs its papers
        settings = Settings(language=language, office=OFFICE)
        app = SecDeskApp(Store(copy), settings, watch_changes=False)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            yield pilot

    return run
