"""Fixtures of the Pilot tests of the screens (plain helpers are in ``helpers.py``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import pytest
from textual.pilot import Pilot

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
