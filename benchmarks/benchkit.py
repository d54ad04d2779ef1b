"""What the screen benchmarks share: a demo desk in a temp dir, clocks, frames and keys.

``calls_screen.py``, ``documents.py`` and ``meetings.py`` build their desk with
``demo_desk`` (a seeded or copied ten-year database, ``SECDESK_HOME`` in the temp dir, the
settings' language and time zone) and time frames with ``Frames``; ``reliability.py``
uses ``scratch_dir``. Not a benchmark itself, and not part of pytest.

The measured keys are put straight into the driver's queue (what ``Pilot.press`` does),
without ``Pilot.press``'s wait for the CPU to go idle in 20 ms steps, which would swamp a
50 ms figure; frames are timed by wrapping ``_display``/``notify`` of the one app instance.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(first call, median of the following ``repeat`` calls) in seconds."""
    times = []
    for _ in range(repeat + 1):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times[0], statistics.median(times[1:])


def spread(times: list[float]) -> str:
    """The median of ``times`` with its min and max, as the scripts print it."""
    return (
        f"{ms(statistics.median(times))}"
        f"   (min {ms(min(times)).strip()}, max {ms(max(times)).strip()})"
    )


def print_opens(name: str, times: list[float], suffix: str = "") -> None:
    """``name``, the first (cold) of ``times`` and the median of the warm ones after it."""
    print(f"\n{name}")
    print(f"  first (cold)  {ms(times[0])}")
    print(f"  median of {len(times) - 1}  {spread(times[1:])}{suffix}")


async def until(predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.001)


async def dashboard_loaded(app) -> None:  # noqa: ANN001
    """Until the dashboard is on screen with every panel filled."""
    from secdesk.screens.dashboard import DashboardScreen
    from secdesk.widgets.panel import Panel

    await until(
        lambda: (
            isinstance(app.screen, DashboardScreen)
            and all(p.loaded for p in app.screen.query(Panel))
        )
    )


class Frames:
    """Times the first frame the app renders once ``predicate(screen)`` holds.

    Wraps ``_display`` and ``notify`` of this one app instance (headless, ``_display``
    is still called for every frame; it just writes nothing).
    """

    def __init__(self, app) -> None:  # noqa: ANN001
        self.app = app
        self.predicate: Callable[[object], bool] | None = None
        self.frame: float | None = None
        self.notified: float | None = None
        display, notify = app._display, app.notify

        def hooked_display(screen, renderable) -> None:  # noqa: ANN001
            display(screen, renderable)
            if (
                renderable is not None
                and self.frame is None
                and self.predicate
                and not app._batch_count
                and self.predicate(screen)
            ):
                self.frame = time.perf_counter()

        def hooked_notify(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            if self.notified is None:
                self.notified = time.perf_counter()
            return notify(*args, **kwargs)

        app._display, app.notify = hooked_display, hooked_notify

    def expect(self, predicate: Callable[[object], bool]) -> None:
        self.predicate, self.frame, self.notified = predicate, None, None

    async def wait(self) -> float:
        await until(lambda: self.frame is not None)
        self.predicate = None
        return self.frame  # type: ignore[return-value]

    async def after_key(
        self, key: str, char: str | None, predicate: Callable[[object], bool]
    ) -> float:
        """Seconds from sending ``key`` to the first frame once ``predicate(screen)`` holds."""
        self.expect(predicate)
        t = time.perf_counter()
        send_key(self.app, key, char)
        return await self.wait() - t


def first_page_shown(screen: object) -> bool:
    """A record list is on screen with its first page in the table."""
    return type(screen).__name__ == "RecordListScreen" and len(screen.table.records) > 0  # type: ignore[attr-defined]


def send_key(app, key: str, char: str | None) -> None:  # noqa: ANN001
    """One key press, as Pilot sends it, without Pilot's wait for the CPU to go idle."""
    from textual import events

    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


def arguments(doc: str, opens: str) -> argparse.ArgumentParser:
    """The options every screen benchmark takes; ``opens`` says what is opened."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--years", type=int, default=10, help="years of demo history")
    parser.add_argument("--db", help="use a copy of this database instead of seeding one")
    parser.add_argument("--opens", type=int, default=10, help=f"times {opens} is opened")
    parser.add_argument("--repeat", type=int, default=5, help="repeats of each service call")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    return parser


@contextmanager
def scratch_dir(prefix: str, keep: bool) -> Iterator[Path]:
    """A new temp dir, removed afterwards unless ``keep`` (then its path is printed)."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield tmp
    finally:
        if keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def database_size(summary: Any, db: Path) -> str:  # noqa: ANN401
    return f"{db.stat().st_size / 2**20:.0f} MB"


@contextmanager
def demo_desk(
    args: argparse.Namespace, seeded: Callable[[Any, Path], str] = database_size
) -> Iterator[tuple[Any, Any]]:
    """(open Store, settings) on a copy of ``args.db`` or a new ``args.years`` demo database.

    ``SECDESK_HOME`` points into a temp dir (config, drafts: never the user's own);
    ``seeded(summary, db)`` says what a new demo database holds.
    """
    with scratch_dir("secdesk-bench-", args.keep) as tmp:
        os.environ["SECDESK_HOME"] = str(tmp / "home")
        os.environ.pop("SECDESK_DB", None)
        from secdesk import config, i18n
        from secdesk.calendar import clock
        from secdesk.services.store import Store

        settings = config.load_settings()
        i18n.set_language(i18n.detect_language(None, settings.language))
        clock.set_zone(settings.timezone)
        db = tmp / "demo.db"
        t = time.perf_counter()
        if args.db:
            shutil.copy(args.db, db)
            print(f"copied {args.db}")
        else:
            from secdesk.demo import seed_demo

            summary = seed_demo(db, years=args.years)
            print(
                f"seed_demo(years={args.years}): {time.perf_counter() - t:.1f} s, "
                f"{seeded(summary, db)}"
            )
        store = Store(db, tmp / "home" / "backups")
        store.open()
        try:
            yield store, settings
        finally:
            store.close()
