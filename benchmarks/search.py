"""The desk-wide search on the ten-year demo database: the index against a plain LIKE scan.

Run:  python benchmarks/search.py [--years 10] [--db PATH] [--repeat 15] [--keep]

For 1-, 2- and 3+-character queries (Chinese, English, digits) it times, at the service
layer and in the same run on the same data:

- **index**: ``services.search.search`` as the search box calls it (grouped, 20 per kind);
- **LIKE scan**: the same question asked the plain way, ``field LIKE '%q%'`` over every
  indexed field of every indexed table (live records), newest 60 first;

and prints the median of ``--repeat`` runs of each and their ratio. Then the index's size:
the full-text index (FTS5 shadow tables) and the ``search_entry`` table (which keeps the
indexed text itself, the title and the names), against the indexed text's own size.
Targets (issue 10): a 2+ character query under 30 ms; the index at most twice the text.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

QUERIES = [
    ("1 char", "王"),
    ("1 char", "会"),
    ("2 chars", "会议"),
    ("2 chars", "防汛"),
    ("2 chars", "预算"),
    ("2 chars", "蓝鲸"),
    ("2 digits", "56"),
    ("3 chars", "财政局"),
    ("3+ chars", "安全生产"),
    ("3+ chars", "某府发〔2026〕"),
    ("4 digits", "5678"),
    ("English", "report"),
    ("2 words", "会议 通知"),
    ("filter", "会议 kind:call from:2025-01-01"),
]


def median_ms(fn, repeat: int) -> tuple[float, object]:  # noqa: ANN001
    result = fn()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def like_scan(session, text: str) -> int:  # noqa: ANN001
    """The plain way: every indexed field LIKE %word% for each word, newest 60 first."""
    from sqlalchemy import and_, literal, or_, select, union_all

    from secdesk.kinds import resolve
    from secdesk.services import search
    from secdesk.services.patterns import like

    words = [w for w in text.split() if ":" not in w]
    selects = []
    for source in search.sources().values():
        table = resolve(source.model).__table__
        fields = [table.c[name] for name in source.spec.fields if name in table.c]
        if not fields:
            continue
        when = table.c[source.date_field]
        selects.append(
            select(literal(source.name).label("kind"), table.c.id, when.label("at")).where(
                table.c.deleted_at.is_(None),
                and_(*[or_(*[f.like(like(w), escape="\\") for f in fields]) for w in words]),
            )
        )
    query = union_all(*selects).subquery()
    rows = session.connection().execute(select(query).order_by(query.c.at.desc()).limit(60))
    return len(rows.all())


def indexed_text_bytes(connection) -> int:  # noqa: ANN001
    """The size of the text the index covers: every live record's search fields."""
    from secdesk.services import search, search_index

    total = 0
    for source in search.sources().values():
        for obj in search_index.live_rows(connection, source):
            view = search.view_of(source, obj)
            if view is not None:
                total += sum(len(text.encode()) for text in (*view.texts, *view.who))
    return total


async def ui_times(path: Path, queries: list[str]) -> list[tuple[str, float]]:
    """The search box on the demo database: from the typed text to the results shown."""
    from textual.widgets import Input, OptionList

    from secdesk.app import SecDeskApp
    from secdesk.screens.search import SearchScreen
    from secdesk.services.store import Store

    app = SecDeskApp(Store(path), watch_changes=False)
    out = []
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        box = screen.query_one("#search-box", Input)
        results = screen.query_one("#search-results", OptionList)
        for text in queries:
            box.value = ""
            await pilot.pause()
            start = time.perf_counter()
            box.value = text
            while not results.option_count:
                await pilot.pause(0.001)
            out.append((text, (time.perf_counter() - start) * 1000))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--db", help="an existing demo database (else one is built)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the built database")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="secdesk-bench-search-"))
    os.environ["SECDESK_HOME"] = str(folder)
    from secdesk.calendar import clock
    from secdesk.demo import seed_demo
    from secdesk.services.store import Store

    clock.set_zone("Asia/Shanghai")
    if args.db:
        path = Path(args.db)
    else:
        path = folder / "demo.db"
        start = time.perf_counter()
        seed_demo(path, years=args.years)
        print(f"seed_demo(years={args.years}): {time.perf_counter() - start:.1f} s")
    store = Store(path)
    from secdesk.services import search, search_backend, search_index

    with store.db.session() as session:
        connection = session.connection()
        entries = connection.exec_driver_sql(
            "SELECT count(*) FROM search_entry WHERE record_id IS NOT NULL"
        ).scalar()
        print(f"database: {path} ({path.stat().st_size / 1e6:.1f} MB), {entries} index entries")
        print(f"sqlite {connection.exec_driver_sql('select sqlite_version()').scalar()}")
        print()
        print(f"{'query':<34} {'hits':>5} {'index ms':>9} {'LIKE ms':>9} {'LIKE/index':>11}")
        for label, text in QUERIES:
            index_ms, result = median_ms(lambda t=text: search.search(session, t), args.repeat)
            like_ms, _found = median_ms(lambda t=text: like_scan(session, t), args.repeat)
            hits = len(result.hits)  # type: ignore[attr-defined]
            shown = f"{label}: {text}"
            print(
                f"{shown:<34} {hits:>5} {index_ms:>9.2f} {like_ms:>9.2f} "
                f"{like_ms / index_ms if index_ms else 0:>10.1f}x"
            )
        print()
        text_bytes = indexed_text_bytes(connection)
        fts = search_backend.size_bytes(connection)
        try:
            table = connection.exec_driver_sql(
                "SELECT sum(pgsize) FROM dbstat WHERE name IN "
                "('search_entry', 'sqlite_autoindex_search_entry_1')"
            ).scalar()
        except Exception:  # noqa: BLE001 - no dbstat in this SQLite
            table = None
        print(f"indexed text (UTF-8, masked fields left out): {text_bytes / 1e6:8.2f} MB")
        print(f"full-text index (FTS5):                       {fts / 1e6:8.2f} MB")
        if table is not None:
            total = fts + table
            print(f"search_entry table and its unique index:      {table / 1e6:8.2f} MB")
            print(
                f"all that search adds to the file:             {total / 1e6:8.2f} MB"
                f"  = {total / text_bytes:.2f}x the text"
            )
        print()
        import asyncio

        for text, ms in asyncio.run(ui_times(path, ["会议", "防汛", "5678", "安全生产"])):
            print(f"search box, typed {text!r} -> results shown: {ms:6.1f} ms")
        start = time.perf_counter()
        count = search_index.reindex(session)
        print(f"rebuild ({count} entries):     {time.perf_counter() - start:8.2f} s")
        session.rollback()
    store.close()
    if not args.keep and not args.db:
        for name in os.listdir(folder):
            (folder / name).unlink(missing_ok=True)
        folder.rmdir()
    elif not args.db:
        print(f"kept: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
