"""The cyclic garbage collector around a start.

What a start imports and builds (Textual, SQLAlchemy and the models, the dashboard) lives
as long as the process: collections during the start walk it again and again and free
next to nothing (34 ms of collections before the desk's first frame on the ten-year demo,
30-40 ms of a ``secdesk log call``'s import of the data layer). So ``cli.run`` holds the
collector off (``hold``) and the start's end releases it: for a command, once the data
layer is loaded (``services.store.load_data_layer``); for the desk, once its first real
read is on screen (``widgets.heap.settle``). Released, what the start made is frozen
(``gc.freeze``: never walked again, still freed when no longer used; only cycles among it
are not looked for) and the collector is back on. A command that never loads the data
layer (``secdesk today`` from the remembered day) ends with it still held.
"""

from __future__ import annotations

import gc

DATA_LAYER = "data layer"
DESK = "desk"

_held_until: str | None = None


def hold(until: str = DATA_LAYER) -> None:
    """Turn the collector off until ``release(until)``."""
    global _held_until
    gc.disable()
    _held_until = until


def hold_for_desk() -> None:
    """The desk runs: what releases the collector is its first real read, not the data
    layer's import (which comes in a worker before it)."""
    global _held_until
    if _held_until is not None:
        _held_until = DESK


def release(at: str | None = None) -> bool:
    """The start is over (``at``: what ended it; None, whatever it was held for): freeze
    what it made and turn the collector back on. Nothing if it was not held for ``at``;
    whether it was released."""
    global _held_until
    if _held_until is None or at not in (None, _held_until):
        return False
    _held_until = None
    gc.freeze()
    gc.enable()
    return True
