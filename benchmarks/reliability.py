"""Reliability figures: crashes, concurrent writers, bad input, backup and restore time.

Run:  python benchmarks/reliability.py [--rounds 20] [--writers 4] [--writes 200]
      [--inputs 2000] [--years 10] [--keep]

Everything happens in a temp dir with ``SECDESK_HOME`` pointing at it; your own data is
never touched.

Method
------
* Crash rounds: a child process logs calls through ``Store.write`` (the desk's and the
  command line's one door) as fast as it can and prints each id once its transaction is
  committed ("acknowledged"). After its first acknowledgement and a random 50-500 ms more
  it is killed with SIGKILL. The file is then opened as the desk would: it must pass
  ``PRAGMA integrity_check`` and hold every acknowledged call. Figures: rounds survived,
  acknowledged writes lost (must be 0).
* Concurrent writers: ``--writers`` processes, each with its own Store (as separate desk
  windows and scripts are), write ``--writes`` calls each at once, with SQLite's busy
  timeout and BEGIN IMMEDIATE as in use. Figures: writes per second over all of them, and
  errors that reached the caller (must be 0).
* Bad input: ``--inputs`` generated strings (empty, blank, huge, NUL and control
  characters, terminal escapes, markup, right-to-left, emoji, combining marks, days far
  in the past and future, and random mixes of them) through every parser and every kind's
  form input and create. A crash is any exception but the refusal each one documents.
* Backup and restore on a ``--years`` demo database (ten years: about 100,000 calls):
  ``secdesk backup`` (SQLite's online backup API) and ``secdesk restore --yes`` of that
  backup (checks, a copy of the current file, the replacement), each timed as a whole
  process, the way a user runs them; and ``secdesk doctor`` on it.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import scratch_dir  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


# -- crash rounds ------------------------------------------------------------------------


def writer(db: str, count: int) -> None:
    """Child: log ``count`` calls, printing each id once it is committed."""
    from secdesk.calendar import clock
    from secdesk.office.calls import log as calls
    from secdesk.services.inputs import CallInput
    from secdesk.services.store import Store

    store = Store(Path(db))
    for n in range(count):
        saved = store.write(
            calls.log_call,
            CallInput(at=clock.now_local(), caller=f"崩溃测试 {n}", summary="x" * 200),
            source="cli",
        )
        print(saved.id, flush=True)
    store.close()


def crash_rounds(folder: Path, rounds: int) -> tuple[int, int, int]:
    """(rounds survived, acknowledged writes, acknowledged writes lost)."""
    db = folder / "crash.db"
    survived = acknowledged_total = lost_total = 0
    rng = random.Random(11)
    acknowledged: set[int] = set()
    for _ in range(rounds):
        child = subprocess.Popen(
            [sys.executable, __file__, "_writer", str(db), "100000"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        lines: list[str] = []
        first_seen = threading.Event()

        def read(stream=child.stdout, into=lines, seen=first_seen) -> None:  # noqa: ANN001
            for line in stream:
                into.append(line)
                seen.set()
            seen.set()

        reader = threading.Thread(target=read)
        reader.start()
        first_seen.wait(timeout=30)
        time.sleep(rng.uniform(0.05, 0.5))
        child.send_signal(signal.SIGKILL)
        child.wait()
        reader.join()
        # A line is an acknowledgement only when it was printed whole.
        acknowledged.update(int(line) for line in lines if line.endswith("\n"))
        conn = sqlite3.connect(db)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            stored = {row[0] for row in conn.execute("SELECT id FROM call")}
        finally:
            conn.close()
        lost = len(acknowledged - stored)
        lost_total += lost
        survived += ok and not lost
    acknowledged_total = len(acknowledged)
    return survived, acknowledged_total, lost_total


# -- concurrent writers ------------------------------------------------------------------


def concurrent_writer(db: str, count: int) -> None:
    """Child: ``count`` writes; prints how many failed (an error reaching the caller)."""
    from secdesk.calendar import clock
    from secdesk.office.calls import log as calls
    from secdesk.services.inputs import CallInput
    from secdesk.services.store import Store

    store = Store(Path(db))
    store.open()
    print("ready", flush=True)
    sys.stdin.readline()  # all start together
    errors = 0
    for n in range(count):
        try:
            store.write(
                calls.log_call,
                CallInput(at=clock.now_local(), caller=f"并发 {os.getpid()} {n}"),
                source="cli",
            )
        except Exception:  # noqa: BLE001 - what the benchmark counts
            errors += 1
    store.close()
    print(errors, flush=True)


def concurrent(folder: Path, writers: int, writes: int) -> tuple[float, int, int]:
    """(writes per second, writes done, errors)."""
    from secdesk.services.store import Store

    db = folder / "concurrent.db"
    Store(db).open()
    children = [
        subprocess.Popen(
            [sys.executable, __file__, "_concurrent", str(db), str(writes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(writers)
    ]
    for child in children:
        assert child.stdout is not None
        child.stdout.readline()
    start = time.perf_counter()
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    errors = 0
    for child in children:
        assert child.stdout is not None
        errors += int(child.stdout.readline())
        child.wait()
    elapsed = time.perf_counter() - start
    conn = sqlite3.connect(db)
    done = conn.execute("SELECT count(*) FROM call").fetchone()[0]
    conn.close()
    return done / elapsed, done, errors


# -- bad input ---------------------------------------------------------------------------

POOL = [
    "",
    " ",
    "\t\n\r ",
    "\x00",
    "\x07\x08\x0b\x0c\x7f",
    "\x1b[2J",
    "\x1b]0;x\x07",
    "[bold",
    "[/]",
    "[@click=app.quit]x",
    "[link=x]y[/link]",
    "$name {0} %s",
    "مرحبا",
    "\u202eevil\u202c",
    "👨‍👩‍👧‍👦🇨🇳",
    "e\u0301\u0301",
    "\ufeff",
    "张三",
    "0001-01-01",
    "9999-12-31 23:59",
    "1900-02-29",
    "9999d",
    "9999wd",
    "15d",
    "明天下午3点",
    "-20m",
    "BEGIN:VCARD",
    "END:VCARD",
    '","',
    "138-0013-8000",
]


def bad_inputs(rng: random.Random, count: int) -> list[str]:
    out = ["张" * 100_000, "1" * 100_000]
    while len(out) < count:
        roll = rng.random()
        if roll < 0.4:
            out.append(rng.choice(POOL))
        elif roll < 0.8:
            out.append("".join(rng.choice(POOL) for _ in range(rng.randint(2, 5))))
        else:
            out.append("".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(1, 30))))
    return [text.encode("utf-8", "replace").decode("utf-8") for text in out]


def bad_input(folder: Path, count: int) -> tuple[int, int, list[str]]:
    """(inputs tried, crashes, the first few crashes described)."""
    from secdesk.calendar import clock
    from secdesk.calendar.deadlines import DueParseError, parse_due
    from secdesk.calendar.notice import ScheduleError, parse
    from secdesk.calendar.timeparse import TimeParseError, parse_when
    from secdesk.io.cdr import CdrError, parse_master_csv
    from secdesk.io.vcf import VCardError, parse_vcards
    from secdesk.kinds import kinds
    from secdesk.office.contacts.phones import normalize_number
    from secdesk.services import forms, records
    from secdesk.services.forms import NeedsConfirmation
    from secdesk.services.store import Store
    from secdesk.services.views import InvalidInput

    clock.set_zone("Asia/Shanghai")
    now = datetime(2026, 12, 1, 10, 30, tzinfo=clock.zone())
    rng = random.Random(7)
    texts = bad_inputs(rng, count)
    store = Store(folder / "inputs.db")
    tried = crashes = 0
    found: list[str] = []

    def attempt(what: str, fn, refusals: tuple[type[BaseException], ...]) -> None:  # noqa: ANN001
        nonlocal tried, crashes
        tried += 1
        try:
            fn()
        except refusals:
            pass
        except Exception as exc:  # noqa: BLE001 - what the benchmark counts
            crashes += 1
            if len(found) < 5:
                found.append(f"{what}: {type(exc).__name__}: {exc}"[:200])

    starts = [date(1, 1, 1), date(2026, 12, 1), date(9999, 12, 31)]
    for text in texts:
        raw = text.encode("utf-8")
        attempt("time", lambda t=text: parse_when(t, now), (TimeParseError,))
        for start in starts:
            attempt("limit", lambda t=text, s=start: parse_due(t, s, now), (DueParseError,))
        attempt("number", lambda t=text: normalize_number(t), ())
        attempt("vcard", lambda r=raw: parse_vcards(b"BEGIN:VCARD\r\nFN:" + r), (VCardError,))
        attempt("cdr", lambda r=raw: parse_master_csv(r, ["8001"]), (CdrError,))
        attempt("notice", lambda t=text: parse(t, 2027), (ScheduleError,))
    for kind in [k for k in kinds() if k.enterable]:
        for text in texts[: max(1, count // 10)]:

            def create(k=kind, t=text) -> None:  # noqa: ANN001
                values = {
                    f.name: (t if f.kind not in ("check", "rows", "cycle") else None)
                    for f in k.form
                }
                data = forms.read(k, values, now, confirmed=frozenset(values))
                saved = store.write(records.create, k.name, data)
                store.run(records.detail, k.name, saved.id)

            attempt(f"{kind.name} form", create, (InvalidInput, NeedsConfirmation))
    store.close()
    return tried, crashes, found


# -- backup and restore ------------------------------------------------------------------


def backup_and_restore(folder: Path, years: int) -> tuple[float, float, float, float, int]:
    """(seconds to seed, to back up, to restore, to run doctor; database size in bytes)."""
    from secdesk.demo import seed_demo

    db = folder / "secdesk.db"
    t = time.perf_counter()
    seed_demo(db, years=years)
    seeded = time.perf_counter() - t
    env = {**os.environ, "SECDESK_HOME": str(folder)}
    secdesk = [sys.executable, "-m", "secdesk"]
    t = time.perf_counter()
    out = subprocess.run(
        [*secdesk, "backup"], env=env, capture_output=True, text=True, check=True
    ).stdout
    backed_up = time.perf_counter() - t
    copy = out.strip().splitlines()[-1]
    t = time.perf_counter()
    subprocess.run(
        [*secdesk, "restore", "--yes", copy], env=env, capture_output=True, text=True, check=True
    )
    restored = time.perf_counter() - t
    t = time.perf_counter()
    subprocess.run([*secdesk, "doctor"], env=env, capture_output=True, text=True)
    checked = time.perf_counter() - t
    return seeded, backed_up, restored, checked, db.stat().st_size


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "_writer":
        writer(sys.argv[2], int(sys.argv[3]))
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "_concurrent":
        concurrent_writer(sys.argv[2], int(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--inputs", type=int, default=2000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with scratch_dir("secdesk-reliability-", args.keep) as folder:
        os.environ["SECDESK_HOME"] = str(folder)
        survived, acknowledged, lost = crash_rounds(folder, args.rounds)
        print(f"crash rounds (SIGKILL while saving):  {survived}/{args.rounds} survived")
        print(f"  acknowledged writes: {acknowledged}, lost: {lost}")
        rate, done, errors = concurrent(folder, args.writers, args.writes)
        print(f"concurrent writers: {args.writers} processes, {done} writes")
        print(f"  {rate:.0f} writes/s in all, errors reaching the user: {errors}")
        tried, crashes, found = bad_input(folder, args.inputs)
        print(f"bad inputs tried: {tried}, crashes found: {crashes}")
        for line in found:
            print(f"  {line}")
        seeded, backed_up, restored, checked, size = backup_and_restore(folder, args.years)
        print(f"{args.years}-year demo database: {size / 2**20:.0f} MB (seeded in {seeded:.0f} s)")
        print(f"  secdesk backup:        {backed_up:.2f} s")
        print(f"  secdesk restore --yes: {restored:.2f} s")
        print(f"  secdesk doctor:        {checked:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
