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

import asyncio
import statistics
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchkit as bench  # noqa: E402

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
        first, median = bench.timed(fn, repeat)
        print(f"  {name:38} {bench.ms(first)} / {bench.ms(median)}")


async def ui_timings(store, settings, opens: int) -> bool:  # noqa: ANN001
    from secdesk.app import SecDeskApp
    from secdesk.screens.lists import RecordListScreen

    app = SecDeskApp(store, settings)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await bench.dashboard_loaded(app)
        await pilot.press("M")
        await bench.until(
            lambda: isinstance(app.screen, RecordListScreen) and len(app.screen.table.records) > 0
        )
        await pilot.pause(0.2)
        frames = bench.Frames(app)

        def painted(screen: object) -> bool:
            return type(screen).__name__ == "WeekScreen" and bool(getattr(screen, "painted", False))

        open_times, turn_times = [], []
        for _ in range(opens + 1):
            open_times.append(await frames.after_key("w", "w", painted))
            await pilot.pause(0.2)
            turn_times.append(await frames.after_key("right_square_bracket", "]", painted))
            await pilot.pause(0.2)
            await pilot.press("escape")
            await bench.until(lambda: isinstance(app.screen, RecordListScreen))
            await pilot.pause(0.2)
    ok = True
    for name, times in (
        ("open the week (w on the Meetings list)", open_times),
        ("turn a week (])", turn_times),
    ):
        median = statistics.median(times[1:])
        verdict = "ok" if median * 1000 < TARGET_MS else "MISSED"
        ok = ok and verdict == "ok"
        bench.print_opens(
            f"{name}, until the first frame with the week painted",
            times,
            f"   target < {TARGET_MS:.0f} ms: {verdict}",
        )
    return ok


def main() -> int:
    args = bench.arguments(__doc__, "the week").parse_args()
    with bench.demo_desk(args) as (store, settings):
        service_timings(store, args.repeat)
        ok = asyncio.run(ui_timings(store, settings, args.opens))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
