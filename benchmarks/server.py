"""The Calls log and the dashboard on a PostgreSQL server against the SQLite file, same run.

Run:  python benchmarks/server.py --pg URL [--db DEMO.db] [--years 10] [--pg-db NAME]
      [--reuse] [--rounds 5] [--opens 5] [--keep] [--json]
      (``--pg`` may be given as ``SECDESK_BENCH_PG``; ``scripts/pg_cluster.sh start DIR``
      starts a throwaway server and prints its address)

Method
------
* The same office on both engines: the ten-year demo (``secdesk seed-demo --years 10``,
  100k calls) is seeded into a temp dir, or ``--db PATH`` is copied there (the original is
  never written to); the database ``--pg-db`` (default ``secdesk_bench``) is made anew on
  the server ``--pg`` and the office copied into it with ``secdesk copy --to`` (timed: the
  first row of the table). ``--reuse`` keeps a database of that name that already holds
  the office. ``SECDESK_HOME`` is in the temp dir.
* ``secdesk today`` as whole processes, to their exit: on the file and on the server, each
  with nothing remembered (the first of the day: the day is read) and with the day it
  remembered (any later call while nobody saved: on the server, its schema and newest audit
  Event are asked with the driver alone). One warm-up of each, then ``--rounds`` rounds of
  the four in turn.
* In one process, the services through ``Store.run`` as the screens call them, each on
  one engine then the other (the order turning every round), ``--rounds`` times after a
  warm-up: ``dashboard.build`` (the desk's five panels), ``records.page`` of the calls
  (the first page of 100; page 500; a text filter matching often, 王).
* Opening the Calls log in the desk (headless, 120x40, built as the CLI builds it):
  Shift+C on the dashboard until the first frame showing the list's first page, Esc back;
  ``--opens`` opens in a desk on each engine per round (the desk on the other engine next,
  the order turning every round). The first open of each desk (cold: modules and pages
  loaded) is left out of the median and shown apart.

Each figure is a median in milliseconds; the ratio is PostgreSQL over SQLite. The server
runs on the same machine (a Unix socket): a server across a network adds its round trips.
The figures are wall-clock times on whatever else the machine is doing: quote the load
average printed with them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit as bench  # noqa: E402

BIN = Path(sys.executable).parent
ENGINES = ("sqlite", "postgresql")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--pg",
        default=os.environ.get("SECDESK_BENCH_PG"),
        help="a PostgreSQL server's address (postgresql://user@host/postgres); "
        "default: SECDESK_BENCH_PG",
    )
    parser.add_argument("--pg-db", default="secdesk_bench", help="the database made on it")
    parser.add_argument("--reuse", action="store_true", help="keep --pg-db if it holds the office")
    parser.add_argument("--db", help="copy this demo database instead of seeding one")
    parser.add_argument("--years", type=int, default=10, help="years of demo history")
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds")
    parser.add_argument("--opens", type=int, default=5, help="Calls log opens per desk")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and the database")
    parser.add_argument("--json", action="store_true", help="end with the figures as JSON")
    args = parser.parse_args()
    if not args.pg:
        parser.error("name a PostgreSQL server: --pg URL or SECDESK_BENCH_PG")
    return args


def psql(url: str, *statements: str) -> list[Any]:
    """Run ``statements`` outside a transaction; the first column of the last one's rows."""
    import psycopg

    from secdesk import dbserver

    with psycopg.connect(dbserver.libpq_url(url), autocommit=True) as conn:
        rows: list[Any] = []
        for statement in statements:
            cursor = conn.execute(statement)  # type: ignore[arg-type]
            rows = [r[0] for r in cursor.fetchall()] if cursor.description else []
        return rows


def holds_office(url: str) -> bool:
    try:
        return bool(psql(url, "SELECT count(*) FROM call")[0])
    except Exception:  # noqa: BLE001 - no such database, no such table
        return False


def prepare(args: argparse.Namespace, tmp: Path, env: dict[str, str]) -> tuple[Path, str, float]:
    """(the file, the server database's address, seconds the copy took or 0)."""
    from secdesk import dbserver

    db = tmp / "demo.db"
    if args.db:
        shutil.copy(args.db, db)
        print(f"copied {args.db}")
    else:
        t = time.perf_counter()
        run([str(BIN / "secdesk"), "seed-demo", str(db), "--years", str(args.years)], env)
        print(f"seed-demo --years {args.years}: {time.perf_counter() - t:.1f} s")
    url = dbserver.with_database(args.pg, args.pg_db)
    if args.reuse and holds_office(url):
        print(f"reusing {dbserver.shown(url)}")
        return db, url, 0.0
    name = args.pg_db
    psql(args.pg, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    t = time.perf_counter()
    out = run([str(BIN / "secdesk"), "--db", str(db), "--lang", "en", "copy", "--to", url], env)
    took = time.perf_counter() - t
    print(out.strip().splitlines()[-2])
    print(f"secdesk copy --to: {took:.1f} s")
    return db, url, took


def run(argv: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{argv}: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def whole_process(
    args: argparse.Namespace, db: Path, url: str, env: dict[str, str], tmp: Path
) -> dict[str, list[float]]:
    """``secdesk today`` to its exit, ms: the four programs in turn, ``--rounds`` times."""
    cache = tmp / "home" / "cache"

    def today(where: str, forget: bool = False) -> Callable[[], float]:
        def timed() -> float:
            if forget:
                shutil.rmtree(cache, ignore_errors=True)
            t = time.perf_counter()
            run([str(BIN / "secdesk"), "--db", where, "--lang", "en", "today"], env)
            return (time.perf_counter() - t) * 1000

        return timed

    programs = {
        "today, file, remembered": today(str(db)),
        "today, file, first of the day": today(str(db), forget=True),
        "today, server": today(url),
        "today, server, remembered": today(url),
    }
    # The first of the day reads the day and remembers it (forgetting the server's too):
    # the next "remembered" of each uses it.
    order = (
        "today, file, first of the day",
        "today, file, remembered",
        "today, server",
        "today, server, remembered",
    )
    for name in order:
        programs[name]()
    times: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(args.rounds):
        for name in order:
            times[name].append(programs[name]())
    return times


def services(
    args: argparse.Namespace, stores: dict[str, Any], settings: Any
) -> dict[str, dict[str, list[float]]]:  # noqa: ANN401
    """The services' ms per engine, each call on one engine then the other."""
    from secdesk.calendar import clock
    from secdesk.services import dashboard, records
    from secdesk.services.views import ListFilter

    calls: dict[str, Callable[[Any], object]] = {
        "dashboard.build": lambda s: s.run(dashboard.build, clock.today(), settings),
        "calls: first page": lambda s: s.run(records.page, "call", ListFilter(), 0, 100),
        "calls: page 500": lambda s: s.run(records.page, "call", ListFilter(), 50_000, 100),
        "calls: text 王": lambda s: s.run(records.page, "call", ListFilter(text="王"), 0, 100),
    }
    times: dict[str, dict[str, list[float]]] = {n: {e: [] for e in ENGINES} for n in calls}
    for name, call in calls.items():
        for store in stores.values():
            call(store)  # warm
        for round_ in range(args.rounds):
            order = ENGINES if round_ % 2 == 0 else ENGINES[::-1]
            for engine in order:
                t = time.perf_counter()
                call(stores[engine])
                times[name][engine].append((time.perf_counter() - t) * 1000)
    return times


async def open_calls(store: Any, settings: Any, opens: int) -> list[float]:  # noqa: ANN401
    """Ms from Shift+C to the first frame with the Calls log's first page, ``opens + 1``
    times in one desk (the first is the cold one)."""
    from secdesk.app import SecDeskApp
    from secdesk.screens.dashboard import DashboardScreen

    app = SecDeskApp(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await bench.dashboard_loaded(app)
        await pilot.pause()
        frames = bench.Frames(app)
        found = []
        for _ in range(opens + 1):
            found.append(await frames.after_key("C", "C", bench.first_page_shown) * 1000)
            await pilot.pause(0.2)
            await pilot.press("escape")
            await bench.until(lambda: isinstance(app.screen, DashboardScreen))
            await pilot.pause(0.2)
    return found


def screens(
    args: argparse.Namespace, stores: dict[str, Any], settings: Any
) -> dict[str, dict[str, list[float]]]:  # noqa: ANN401
    times: dict[str, dict[str, list[float]]] = {
        "Calls log opened (cold)": {e: [] for e in ENGINES},
        "Calls log opened": {e: [] for e in ENGINES},
    }
    for round_ in range(args.rounds):
        order = ENGINES if round_ % 2 == 0 else ENGINES[::-1]
        for engine in order:
            found = asyncio.run(open_calls(stores[engine], settings, args.opens))
            times["Calls log opened (cold)"][engine].append(found[0])
            times["Calls log opened"][engine].extend(found[1:])
    return times


def table(rows: list[tuple[str, float | None, float | None]]) -> None:
    print(f"\n{'measure (median ms)':44} {'SQLite':>9} {'PostgreSQL':>11} {'ratio':>7}")
    for name, lite, pg in rows:
        ratio = f"{pg / lite:6.2f}x" if lite and pg else f"{'-':>7}"
        shown = [f"{v:9.1f}" if v is not None else f"{'-':>9}" for v in (lite, pg)]
        print(f"{name:44} {shown[0]} {shown[1]:>11} {ratio}")


def main() -> int:
    args = arguments()
    from secdesk import dbserver

    with bench.scratch_dir("secdesk-server-", args.keep) as tmp:
        os.environ["SECDESK_HOME"] = str(tmp / "home")
        os.environ.pop("SECDESK_DB", None)
        # Bytecode cached under the temp dir, as after an install: with
        # PYTHONDONTWRITEBYTECODE left set, every module would be compiled at every start.
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        db, url, copy_s = prepare(args, tmp, env)
        print(f"load average before: {os.getloadavg()[0]:.1f}")
        processes = whole_process(args, db, url, env, tmp)

        from secdesk import config, i18n
        from secdesk.calendar import clock
        from secdesk.demo import OFFICE
        from secdesk.services.store import Store

        settings = config.load_settings()
        # Named, so that the desk on the server (whose local name is new) does not ask.
        settings.office = OFFICE
        i18n.set_language("en")
        clock.set_zone(settings.timezone)
        stores = {
            "sqlite": Store(db, tmp / "home" / "backups"),
            "postgresql": Store(config.server_path(url), url=url),
        }
        try:
            called = services(args, stores, settings)
            opened = screens(args, stores, settings)
        finally:
            for store in stores.values():
                store.close()
        if not args.keep:
            psql(args.pg, f'DROP DATABASE IF EXISTS "{args.pg_db}" WITH (FORCE)')

    med = statistics.median
    rows: list[tuple[str, float | None, float | None]] = []
    if copy_s:
        rows.append(("secdesk copy --to (the whole office, once)", None, copy_s * 1000))
    lite_today = med(processes["today, file, first of the day"])
    rows.append(("secdesk today (reads the day)", lite_today, med(processes["today, server"])))
    rows.append(
        (
            "secdesk today, its day remembered",
            med(processes["today, file, remembered"]),
            med(processes["today, server, remembered"]),
        )
    )
    for part in (called, opened):
        for name, by in part.items():
            rows.append((name, med(by["sqlite"]), med(by["postgresql"])))
    print(
        f"\n{time.strftime('%Y-%m-%d %H:%M %Z')}: {args.rounds} rounds after a warm-up, "
        f"{args.opens} opens per desk a round; server {dbserver.shown(args.pg)}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    table(rows)
    if args.json:
        print(json.dumps([{"measure": n, "sqlite": a, "postgresql": b} for n, a, b in rows]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
