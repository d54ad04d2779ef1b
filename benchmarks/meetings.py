"""The meetings' week view on a ten-year database: a painted week under 150 ms.

Run:  python benchmarks/meetings.py [--years 10] [--db PATH] [--opens 10] [--repeat 5] [--keep]

Method
------
A demo database is seeded in a temp dir (or ``--db PATH`` is copied there; the original is
never written to) and everything runs in one process with ``SECDESK_HOME`` in the temp dir.
The demo office has about 500 meetings a year and one weekly meeting recurring over the
whole history (expanded from its RFC 5545 rule for each week shown).

* Service level: ``meetings.week`` through ``Store.run`` for this week and for a week five
  years back, and ``records.page`` of meetings (the list's first page). First call / median
  of the repeats after it.
* Open the week: the desk runs headless under ``App.run_test()`` (120x40), built as the CLI
  builds it, on the Meetings list (``M``). ``w`` is sent; the clock stops at the first frame
  rendered for the WeekScreen with its week painted (``screen.painted``: every day's column
  filled). Esc goes back between runs.
* Turn a week: ``]`` on the open week view, until the first frame with the next week
  painted.

Target: a painted week under 150 ms, both when opened and when turned.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from calls_screen import Frames, ms, send_key, timed, until  # noqa: E402

TARGET_MS = 150.0


def service_timings(store, repeat: int) -> None:  # noqa: ANN001
    from secdesk.calendar import clock
    from secdesk.office.meetings import schedule as meetings
    from secdesk.services import records
    from secdesk.services.views import ListFilter

    monday = meetings.week_of(clock.today())
    back = monday - timedelta(weeks=52 * 5)
    total = store.run(records.page, "meeting", ListFilter(), 0, 1).total
    print(f"\nservices, {total:,} meetings (first call / median of {repeat})")
    for name, fn in (
        ("meetings.week(this week)", lambda: store.run(meetings.week, monday)),
        ("meetings.week(5 years back)", lambda: store.run(meetings.week, back)),
        (
            "records.page('meeting') first page",
            lambda: store.run(records.page, "meeting", ListFilter(), 0, 100),
        ),
    ):
        first, median = timed(fn, repeat)
        print(f"  {name:38} {ms(first)} / {ms(median)}")


async def ui_timings(store, settings, opens: int) -> bool:  # noqa: ANN001
    from secdesk.app import SecDeskApp
    from secdesk.screens.dashboard import DashboardScreen
    from secdesk.screens.lists import RecordListScreen
    from secdesk.widgets.panel import Panel

    app = SecDeskApp(store, settings)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(
            lambda: (
                isinstance(app.screen, DashboardScreen)
                and all(p.loaded for p in app.screen.query(Panel))
            )
        )
        await pilot.press("M")
        await until(
            lambda: isinstance(app.screen, RecordListScreen) and len(app.screen.table.records) > 0
        )
        await pilot.pause(0.2)
        frames = Frames(app)

        def painted(screen: object) -> bool:
            return type(screen).__name__ == "WeekScreen" and bool(getattr(screen, "painted", False))

        open_times, turn_times = [], []
        for _ in range(opens + 1):
            frames.expect(painted)
            t = time.perf_counter()
            send_key(app, "w", "w")
            open_times.append(await frames.wait() - t)
            await pilot.pause(0.2)
            frames.expect(painted)
            t = time.perf_counter()
            send_key(app, "right_square_bracket", "]")
            turn_times.append(await frames.wait() - t)
            await pilot.pause(0.2)
            await pilot.press("escape")
            await until(lambda: isinstance(app.screen, RecordListScreen))
            await pilot.pause(0.2)
    ok = True
    for name, times in (
        ("open the week (w on the Meetings list)", open_times),
        ("turn a week (])", turn_times),
    ):
        median = statistics.median(times[1:])
        verdict = "ok" if median * 1000 < TARGET_MS else "MISSED"
        ok = ok and verdict == "ok"
        print(f"\n{name}, until the first frame with the week painted")
        print(f"  first (cold)  {ms(times[0])}")
        print(
            f"  median of {opens}  {ms(median)}   (min {ms(min(times[1:])).strip()}, "
            f"max {ms(max(times[1:])).strip()})   target < {TARGET_MS:.0f} ms: {verdict}"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--years", type=int, default=10, help="years of demo history")
    parser.add_argument("--db", help="use a copy of this database instead of seeding one")
    parser.add_argument("--opens", type=int, default=10, help="times the week is opened")
    parser.add_argument("--repeat", type=int, default=5, help="repeats of each service call")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="secdesk-bench-"))
    os.environ["SECDESK_HOME"] = str(tmp / "home")
    os.environ.pop("SECDESK_DB", None)
    try:
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

            seed_demo(db, years=args.years)
            print(
                f"seed_demo(years={args.years}): {time.perf_counter() - t:.1f} s, "
                f"{db.stat().st_size / 2**20:.0f} MB"
            )
        store = Store(db, tmp / "home" / "backups")
        store.open()
        try:
            service_timings(store, args.repeat)
            ok = asyncio.run(ui_timings(store, settings, args.opens))
        finally:
            store.close()
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
