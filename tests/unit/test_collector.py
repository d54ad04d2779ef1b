"""The collector held off for a start (``secdesk.collector``) comes back at the start's
end, and only there: a command's at the data layer's load, the desk's at its first read
(the data layer loads in the desk's worker before it)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from secdesk import collector


@pytest.fixture(autouse=True)
def _collector_back_on() -> Iterator[None]:
    yield
    collector.release()
    gc.enable()


def test_a_command_is_released_by_the_data_layer() -> None:
    collector.hold()
    assert not gc.isenabled()
    assert collector.release(collector.DATA_LAYER)
    assert gc.isenabled()


def test_the_desk_is_not_released_by_the_data_layer() -> None:
    collector.hold()
    collector.hold_for_desk()
    assert not collector.release(collector.DATA_LAYER)
    assert not gc.isenabled()
    assert collector.release()  # the desk's first real read
    assert gc.isenabled()


def test_nothing_held_nothing_released() -> None:
    """``main`` called as a function (tests, another program) holds nothing: the desk
    does not turn a collector on that its host turned off."""
    gc.disable()
    collector.hold_for_desk()
    collector.release(collector.DATA_LAYER)
    collector.release()
    assert not gc.isenabled()
