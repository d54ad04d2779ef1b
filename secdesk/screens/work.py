"""How the screens (and the app) do their database work: in a worker thread, never on the
UI thread, the data layer imported first; what the work found goes back to the screen as a
message, and what failed is said in a red toast.

Wing: screens. Must not import app, cli or demo.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from textual import work
from textual.app import App
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker

#: A method run by :func:`data_worker`: it may return the message to post back.
Job = Callable[..., Message | None]


def data_worker(
    group: str, *, exclusive: bool = True
) -> Callable[[Job], Callable[..., Worker[None]]]:
    """Make a screen's (or the app's) method the worker that reads or writes the database.

    The method runs in a worker thread of ``group`` (``@work(thread=True, ...)``); with
    ``exclusive`` a new call cancels the one still running in the group, so the newest
    typing or paging wins. The data layer is imported first, by one thread at a time (see
    ``services.store.load_data_layer``). The message the method returns (``self.Loaded(..)``)
    is posted back to the node; None posts nothing. An exception it lets out is told by the
    app in a toast (``report_failed_worker``) and the desk runs on."""

    def decorate(job: Job) -> Callable[..., Worker[None]]:
        @wraps(job)
        def run(node: Any, *args: Any, **kwargs: Any) -> None:
            from secdesk.services.store import load_data_layer

            load_data_layer()
            message = job(node, *args, **kwargs)
            if message is not None:
                node.post_message(message)

        return work(thread=True, exclusive=exclusive, group=group, exit_on_error=False)(run)

    return decorate


def tell_failure(node: Widget | App[Any], said: str, title: str, **options: Any) -> None:
    """A red toast: ``title`` over ``said`` (already safe to show: user text is never
    markup). Call it from the UI thread; a worker uses ``app.call_from_thread``."""
    node.notify(said, title=title, severity="error", markup=False, **options)
