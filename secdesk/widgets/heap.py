"""The interpreter's heap while the desk runs: what the start leaves, what a closed screen
leaves.

A full garbage collection walks every object the interpreter tracks, and falls on
whichever key is pressed when enough new objects have been made; opening a list or the
week makes tens of thousands. Measured on the ten-year demo (2-core machine), the week
opened in 80-95 ms without collections and in 120-290 ms with them, the pause growing as
the heap did (20 ms at the first collection, 200 ms after a dozen opens). Three causes,
three answers:

* The start's objects (Textual, the data layer and its models, the dashboard), ~230,000,
  live as long as the process: the collector is off while the desk starts, and once the
  first real read is shown they are frozen (``settle``), so collections no longer walk
  them.
* Two of Textual's process-wide caches hold the widgets they were asked about:
  ``StylesCache.get_inner_outer`` the last 1,024 widgets' style caches (with every line
  each painted), ``DataTable._get_styles_to_render_cell`` the last 32 tables (with their
  rows). Every screen closed stayed alive through them (the heap grew by ~28,000 objects
  per week opened). Both only save recomputing a pair of styles: they are emptied when a
  screen closes (``forget_closed_screen``).
* A closed screen is a web of cycles (parent and children) that only a full collection
  frees: it is collected right after the screen below is painted again, rather than
  walked again during the next open.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from secdesk import collector

_settled = False


def _cache_clears() -> list[Callable[[], None]]:
    import importlib

    from textual.widgets import DataTable

    try:
        styles_cache: Any = importlib.import_module("textual._styles_cache").StylesCache
    except (ImportError, AttributeError):  # private: a Textual without it has nothing here
        styles_cache = None
    methods: list[Any] = [
        getattr(styles_cache, "get_inner_outer", None),
        getattr(DataTable, "_get_styles_to_render_cell", None),
    ]
    # A Textual that no longer caches by widget has nothing to empty here.
    return [m.cache_clear for m in methods if hasattr(m, "cache_clear")]


def settle() -> None:
    """The desk has started and shows its first real read: freeze what it holds now
    (``gc.freeze``) and let the collector run again (``secdesk.collector``: it is off for
    the start). Once per process (a dashboard built again, in another language, is not
    for life). Frozen objects are still freed when no longer used; only cycles among them
    are not looked for: the start's own (~9,000 objects, 4% of what is frozen on the
    ten-year demo) are kept rather than walked in the main thread (80-100 ms). With the
    collector on (tests, ``main`` called as a function, the demo) the young garbage is
    collected first."""
    global _settled
    if _settled:
        return
    _settled = True
    if not collector.release():  # the collector ran meanwhile: its young garbage goes first
        gc.collect(1)
        gc.freeze()


def forget_closed_screen(app: Any, whole_screen: bool) -> None:
    """Let a screen that has just closed, and all its widgets, be freed; a whole screen
    (not a small modal) is collected once the screen below is painted again."""
    for clear in _cache_clears():
        clear()
    if whole_screen and _settled and not app._exit:
        app.call_after_refresh(gc.collect)
