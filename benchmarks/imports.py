"""Imports at a phone system's scale: 100,000 call records and a 100,000-row register.

Run:  python benchmarks/imports.py [--rows 100000] [--only calls|register] [--keep]

Everything happens in a temp dir with ``SECDESK_HOME`` pointing at it; your own data is
never touched. The inputs are generated here: an Asterisk ``Master.csv`` (incoming and
outgoing calls over a year, callers with names, unanswered ones) and an incoming register
``.xlsx`` (a title row ``2025年收文登记簿``, the usual headers, every column filled).

Method
------
Each import is run as the user runs it, a whole process on a database that already holds a
few calls: ``secdesk import calls FILE`` and ``secdesk import register incoming FILE
--yes``. Figures:

* **time**: wall clock of the whole process (reading, checking, saving, the report).
* **peak memory**: the import process's ``ru_maxrss`` (from ``wait4``), and its CPU time
  (user + system: the figure a busy machine does not inflate).
* **log call wait**: while the import runs, a call is logged every quarter second through
  a Store of its own (what ``secdesk log call`` or a desk window does once started: its own
  connection, ``BEGIN IMMEDIATE``), each timed from asking to committed, and compared with
  the same on the idle database (the median of five). The wait is the slowest one during
  the import minus that median; every one of them must succeed.

Targets (the script prints ``ok`` or ``MISSED`` and exits 1 if any is missed): calls in
≤ 15 s, the register in ≤ 40 s, each ≤ 250 MB, and a call logged meanwhile saved within 2 s.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

TARGETS = {"calls": 15.0, "register": 40.0}
MEMORY_MB = 250.0
WAIT_S = 2.0

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"
UNITS = (
    "某区发展和改革委员会",
    "某区财政局",
    "某区教育局",
    "某区应急管理局",
    "某区住房和城乡建设局",
    "某街道办事处",
    "某区卫生健康委员会",
    "市人民政府办公厅",
)
TITLES = (
    "关于做好{n}年度安全生产工作的通知",
    "关于印发《某区防汛应急预案（修订稿）》的通知",
    "关于报送①要点②台账的函",
    "某区人民政府令：《关于{n}号文件的补充说明》",
    "关于召开全区经济运行调度会的通知（征求意见稿）",
)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def write_cdr(path: Path, rows: int, seed: int = 1) -> None:
    """``rows`` Asterisk records over 2025, one in five outgoing, one in ten unanswered."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, 8, 0)
    step = timedelta(days=365) / rows
    with path.open("w", encoding="utf-8", newline="") as out:
        for i in range(rows):
            at = start + step * i
            end = at + timedelta(seconds=rng.randint(10, 600))
            answered = rng.random() > 0.1
            billsec = int((end - at).total_seconds()) if answered else 0
            number = f"13{rng.randint(100000000, 999999999)}"
            if rng.random() < 0.2:
                src, dst, clid = f"80{rng.randint(10, 99)}", number, '"总机" <8001>'
            else:
                src, dst = number, f"80{rng.randint(10, 99)}"
                clid = f'"{_name(rng)}" <{number}>' if rng.random() < 0.7 else f"<{number}>"
            fields = ["", src, dst, "from-internal", clid, "SIP/a-1", "SIP/b-2", "Dial", ""]
            times = [
                f"{at:%Y-%m-%d %H:%M:%S}",
                f"{at:%Y-%m-%d %H:%M:%S}",
                f"{end:%Y-%m-%d %H:%M:%S}",
            ]
            quoted = ['"' + f.replace('"', '""') + '"' for f in [*fields, *times]]
            disposition = "ANSWERED" if answered else rng.choice(("NO ANSWER", "BUSY"))
            quoted += [str(billsec + 5), str(billsec), f'"{disposition}"', '"DOCUMENTATION"']
            quoted += [f'"{1735689600 + i}.{i}"', '""']
            out.write(",".join(quoted) + "\n")


def write_register(path: Path, rows: int, seed: int = 2) -> None:
    """An incoming register of ``rows`` documents received in 2025 (openpyxl, write-only)."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("收文登记簿")
    sheet.append(["2025年收文登记簿"])
    sheet.append(
        ["收文编号", "收文日期", "来文机关", "来文字号", "文件标题", "密级", "紧急程度", "份数",
         "承办单位", "办理时限", "办理情况"]
    )  # fmt: skip
    first = datetime(2025, 1, 2)
    for i in range(rows):
        day = first + timedelta(days=int(364 * i / rows))
        unit = rng.choice(UNITS)
        sheet.append(
            [
                f"2025-{i + 1:06d}",
                day.date(),
                unit,
                f"{unit[:2]}发〔2025〕{rng.randint(1, 999)}号",
                rng.choice(TITLES).format(n=i),
                "" if rng.random() > 0.05 else "秘密",
                rng.choice(("", "", "加急", "特急")),
                rng.randint(1, 5),
                rng.choice(UNITS[:5]),
                (day + timedelta(days=15)).date(),
                rng.choice(("", "已办结", "办理中")),
            ]
        )
    book.save(path)


def log_call(store: object) -> float:
    """Save one call as ``secdesk log call`` does (its own connection, BEGIN IMMEDIATE),
    timed from asking to committed."""
    from secdesk.calendar import clock
    from secdesk.office.calls import log as calls
    from secdesk.services.inputs import CallInput

    began = time.perf_counter()
    store.write(  # type: ignore[attr-defined]
        calls.log_call,
        CallInput(at=clock.now_local(), caller="值班", summary="导入期间来电"),
        source="cli",
    )
    return time.perf_counter() - began


def timed(env: dict[str, str], argv: list[str], db: Path) -> dict[str, float | int]:
    """Run ``secdesk ARGV`` while ``log call`` is run again and again beside it."""
    began = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            [sys.executable, "-m", "secdesk", *argv],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        probes: list[float] = []
        failed: list[BaseException] = []
        finished = threading.Event()

        def probe() -> None:
            from secdesk.services.store import Store

            store = Store(db)
            time.sleep(1.0)  # the import has started reading
            while not finished.is_set():
                try:
                    probes.append(log_call(store))
                except Exception as exc:  # noqa: BLE001 - counted, said as a failure
                    failed.append(exc)
                finished.wait(0.25)
            store.close()

        prober = threading.Thread(target=probe)
        prober.start()
        _pid, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - began
        finished.set()
        prober.join()
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit(f"{' '.join(argv)} failed: {err.read().decode()[-2000:]}")
    return {
        "time": elapsed,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "slowest": max(probes, default=0.0),
        "failed": len(failed),
        "probes": len(probes) + len(failed),
    }


def report(what: str, found: dict[str, float | int], idle: float) -> tuple[list[str], bool]:
    elapsed, peak, cpu = float(found["time"]), float(found["peak_mb"]), float(found["cpu"])
    slowest, failed, count = float(found["slowest"]), int(found["failed"]), int(found["probes"])
    wait = max(0.0, slowest - idle)
    ok_time, ok_mem, ok_wait = elapsed <= TARGETS[what], peak <= MEMORY_MB, wait <= WAIT_S
    ok_wait = ok_wait and failed == 0 and count > 0
    lines = [
        f"{what:8}  time {elapsed:6.1f} s (≤ {TARGETS[what]:.0f}; CPU {cpu:.1f} s)  "
        f"{'ok' if ok_time else 'MISSED'}",
        f"{'':8}  peak {peak:6.0f} MB (≤ {MEMORY_MB:.0f})  {'ok' if ok_mem else 'MISSED'}",
        f"{'':8}  log call meanwhile: {count} runs, {failed} failed, slowest {slowest:.2f} s "
        f"(idle {idle:.2f} s): wait {wait:.2f} s (≤ {WAIT_S:.0f})  {'ok' if ok_wait else 'MISSED'}",
    ]
    return lines, ok_time and ok_mem and ok_wait


def _idle(db: Path) -> float:
    """The median time of ``log_call`` on the idle database (which it creates)."""
    from secdesk.services.store import Store

    store = Store(db)
    try:
        return statistics.median(log_call(store) for _ in range(5))
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--only", choices=["calls", "register"])
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="secdesk-imports-"))
    env = {**os.environ, "SECDESK_HOME": str(folder / "home"), "LANG": "en_US.UTF-8"}
    env.pop("CI", None)
    all_ok = True
    try:
        inputs = {
            "calls": (folder / "Master.csv", write_cdr, ["import", "calls"], []),
            "register": (folder / "register.xlsx", write_register,
                         ["import", "register", "incoming"], ["--yes"]),
        }  # fmt: skip
        print(f"{args.rows} rows each; {os.cpu_count()} cores")
        for what, (path, write, command, extra) in inputs.items():
            if args.only and what != args.only:
                continue
            began = time.perf_counter()
            write(path, args.rows)
            print(f"{what:8}  input written in {time.perf_counter() - began:.1f} s: {path.name}")
            db = folder / f"{what}.db"
            idle = _idle(db)
            argv = ["--db", str(db), *command, str(path), *extra]
            lines, ok = report(what, timed(env, argv, db), idle)
            print("\n".join(lines))
            all_ok = all_ok and ok
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
