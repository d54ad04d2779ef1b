"""How fast secdesk starts on a ten-year database, against two bare Textual baselines.

Run:  python benchmarks/startup.py [--runs 5] [--years 10] [--keep]

Method
------
1. ``secdesk seed-demo DB --years N`` writes a demo database into a temp dir (timed).
2. Three programs are started as whole processes, each in its own pseudo-terminal
   (pexpect, 120x40, TERM=xterm-256color), so Textual really writes its frames:

   (a) ``label``    a minimal Textual app showing one Label;
   (b) ``layout``   a bare app with the dashboard's layout (header Static, the grid of five
       bordered panels each holding an empty DataTable, Footer, the same dashboard.tcss),
       pushed as a screen from ``on_mount`` exactly as secdesk does, and no database;
   (c) ``secdesk``  ``secdesk --db DB`` (``secdesk.cli.main``, as the console script runs it);
       it shows the dashboard it remembered from its previous run when that is provably
       still exact (same day, same newest audit Event), as on any later start of a day;
   (d) ``cold``     the same, with that remembered dashboard deleted first: the first start
       of a day, or after another window changed something.

   Each child is this file run with ``_child KIND``: before anything else it wraps
   ``textual.app.App._display`` (the one place a frame is written to the terminal) in this
   process only; secdesk's source is not touched. Time zero is ``time.time()`` in the parent
   just before the spawn; the child reports wall-clock times to ``SECDESK_BENCH_FILE``:

   * ``python``  the child's first line ran (interpreter start-up);
   * ``app``     the first ``App.__init__`` (everything imported before the app exists);
   * ``first``   the first frame written for a screen that has widgets of its own (the
     empty default screen under a pushed screen does not count), the same event in all;
   * ``filled``  secdesk only: the first frame written once all the dashboard ``Panel``s
     have ``loaded`` (their rows are in the tables); the child then exits;
   * ``rss``     ``ru_maxrss`` at that moment.

3. Every kind is run once to warm the disk cache and bytecode, then ``--runs`` times,
   interleaved; medians are printed. Bytecode is cached under the temp dir
   (``PYTHONPYCACHEPREFIX``, overriding ``PYTHONDONTWRITEBYTECODE``), as after an install.

Targets
-------
* first frame   secdesk / layout baseline (b)               <= 1.05
* panels filled secdesk / first frame of label baseline (a)  <= 2.2
* max RSS       secdesk                                      <  150 MB
"""

from __future__ import annotations

import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


# ----------------------------------------------------------------------------- the child


def _child(kind: str, db: str | None) -> None:
    marks = {"python": time.time()}
    out = os.environ["SECDESK_BENCH_FILE"]
    from textual.app import App

    original_init, original_display = App.__init__, App._display

    def init(self, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        marks.setdefault("app", time.time())
        original_init(self, *args, **kwargs)

    def display(self, screen, renderable) -> None:  # noqa: ANN001
        # A frame is written when there is something to write and no batch holds it back;
        # it counts once the screen has widgets of its own (not only Textual's toast rack).
        real = (
            renderable is not None
            and not self._batch_count
            and any(not (w.id or "").startswith("textual-") for w in screen.children)
        )
        filled = real and kind == "secdesk" and _panels_loaded(screen)
        original_display(self, screen, renderable)
        if not real or "filled" in marks:
            return
        now = time.time()
        if "first" not in marks:
            marks["first"], marks["screen"] = now, type(screen).__name__
        if kind != "secdesk" or filled:
            marks["filled"] = now
            import resource

            marks["rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            with open(out, "w") as f:
                json.dump(marks, f)
            self.call_later(self.exit)

    App.__init__, App._display = init, display
    if kind == "secdesk":
        from secdesk.cli import main

        sys.exit(main(["--db", db or ""]))
    from baselines import baseline_app  # beside this file

    baseline_app(kind).run()


def _panels_loaded(screen) -> bool:  # noqa: ANN001
    panels = screen.query("Panel")  # by CSS type name, so nothing is imported here
    return len(panels) > 0 and all(getattr(p, "loaded", False) for p in panels)


# ----------------------------------------------------------------------------- the parent


def _spawn(kind: str, db: str, env: dict[str, str], marks_file: str) -> dict[str, float]:
    import pexpect

    if os.path.exists(marks_file):
        os.unlink(marks_file)
    child_kind = kind
    if kind == "cold":
        # secdesk without the dashboard it remembered from its last run: the first start of
        # a day, or after another window changed something.
        import shutil

        shutil.rmtree(os.path.join(env["SECDESK_HOME"], "cache"), ignore_errors=True)
        child_kind = "secdesk"
    t0 = time.time()
    child = pexpect.spawn(
        sys.executable,
        [os.path.abspath(__file__), "_child", child_kind, db],
        env=env,
        dimensions=(40, 120),
        encoding=None,
    )
    try:
        child.expect(pexpect.EOF, timeout=60)  # reads (and discards) everything it paints
    except pexpect.TIMEOUT:
        child.terminate(force=True)
    child.close()
    if not os.path.exists(marks_file):
        screen = (child.before or b"")[-3000:].decode("utf-8", "replace")
        raise RuntimeError(
            f"{kind}: no timings written in 60 s (exit {child.exitstatus}); last output:\n{screen}"
        )
    with open(marks_file) as f:
        marks = json.load(f)
    result = {k: (v - t0) * 1000 for k, v in marks.items() if k not in ("rss", "screen")}
    result["rss"], result["screen"] = marks["rss"] / 2**20, marks["screen"]
    return result


def main() -> int:
    import argparse
    import statistics
    import subprocess
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each app")
    parser.add_argument("--years", type=int, default=10, help="years of demo history")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and database")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="secdesk-bench-")
    db = os.path.join(tmp, "demo.db")
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": "120",
        "LINES": "40",
        "SECDESK_HOME": os.path.join(tmp, "home"),
        "SECDESK_BENCH_FILE": os.path.join(tmp, "marks.json"),
        # Cached bytecode, as after a normal install, but kept out of the source tree.
        "PYTHONPYCACHEPREFIX": os.path.join(tmp, "pycache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("SECDESK_DB", None)
    env.pop("TEXTUAL", None)
    secdesk_cli = os.path.join(os.path.dirname(sys.executable), "secdesk")

    t = time.perf_counter()
    subprocess.run(
        [secdesk_cli, "seed-demo", db, "--years", str(args.years)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seed_s = time.perf_counter() - t
    print(
        f"seed-demo --years {args.years}: {seed_s:.1f} s, "
        f"{os.path.getsize(db) / 2**20:.0f} MB database"
    )

    kinds = ("label", "layout", "secdesk", "cold")
    runs: dict[str, list[dict]] = {k: [] for k in kinds}
    try:
        for k in kinds:  # warm-up: disk cache, .pyc files
            _spawn(k, db, env, env["SECDESK_BENCH_FILE"])
        for _ in range(args.runs):
            for k in kinds:
                runs[k].append(_spawn(k, db, env, env["SECDESK_BENCH_FILE"]))
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)

    def med(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[kind])

    print(f"\nmedian of {args.runs} runs, ms from spawn (pty 120x40, TERM=xterm-256color)")
    print(f"{'':10}{'python up':>11}{'App()':>9}{'1st frame':>11}{'panels':>9}{'max RSS':>10}")
    for k in kinds:
        panels = f"{med(k, 'filled'):9.0f}" if k in ("secdesk", "cold") else f"{'-':>9}"
        print(
            f"{k:10}{med(k, 'python'):11.0f}{med(k, 'app'):9.0f}{med(k, 'first'):11.0f}"
            f"{panels}{med(k, 'rss'):8.1f}MB"
        )
    print("  first frames were of:", ", ".join(f"{k} {runs[k][0]['screen']}" for k in kinds))
    print(
        "  all first frames, secdesk:",
        " ".join(f"{r['first']:.0f}" for r in runs["secdesk"]),
        "; panels:",
        " ".join(f"{r['filled']:.0f}" for r in runs["secdesk"]),
    )

    first_ratio = med("secdesk", "first") / med("layout", "first")
    filled_ratio = med("secdesk", "filled") / med("label", "first")
    rss = med("secdesk", "rss")
    checks = [
        ("first frame  secdesk / layout (b)", f"{first_ratio:.2f}", "<= 1.05", first_ratio <= 1.05),
        (
            "panels filled secdesk / label (a) first frame",
            f"{filled_ratio:.2f}",
            "<= 2.2",
            filled_ratio <= 2.2,
        ),
        ("max RSS secdesk", f"{rss:.1f} MB", "< 150 MB", rss < 150),
    ]
    cold_ratio = med("cold", "filled") / med("label", "first")
    print(
        f"(without the remembered dashboard, first start of a day: panels {cold_ratio:.2f}x "
        f"the label's first frame, max RSS {med('cold', 'rss'):.1f} MB)"
    )
    print()
    for name, value, target, ok in checks:
        print(f"{name:47} {value:>9}  target {target:9} {'ok' if ok else 'MISSED'}")
    return 0 if all(ok for *_x, ok in checks) else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        _child(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        sys.exit(main())
