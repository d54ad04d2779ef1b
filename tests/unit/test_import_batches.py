"""A big import saves in batches yet stays all or nothing as the user sees it, and says how
far it is: a bar on a terminal, a line every few seconds in a script's log."""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from secdesk.cli import common, main
from secdesk.services import store as store_module
from tests.conftest import stored_rows
from tests.unit.test_backups import callers as backup_callers
from tests.unit.test_settings_and_environment import db

pytestmark = pytest.mark.both_engines

__all__ = ["db"]  # the fixture: a database with one call from 张三

ROWS = 7


def cdr(rows: int = ROWS) -> str:
    """``rows`` incoming calls on 2026-11-27, one a minute from 09:00."""
    lines = []
    for i in range(rows):
        at = f"2026-11-27 09:{i:02d}:00"
        fields = ["", f"1380013800{i}", "8001", "from-internal", f'"来电{i}" <1380013800{i}>']
        fields += ["SIP/a-1", "SIP/b-2", "Dial", "", at, at, at]
        quoted = ['"' + f.replace('"', '""') + '"' for f in fields]
        quoted += ["64", "60", '"ANSWERED"', '"DOCUMENTATION"', f'"1764205200.{i}"', '""']
        lines.append(",".join(quoted))
    return "\n".join(lines) + "\n"


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of two rows, no pause between them: seven rows make four transactions."""
    monkeypatch.setattr(store_module, "BATCH", 2)
    monkeypatch.setattr(store_module, "PAUSE_S", 0.0)
    monkeypatch.setattr(store_module.Store.write_batches, "__defaults__", (None, 2))


def callers(db: str) -> list[str]:
    return backup_callers(Path(db))


def found(db: str, capsys: pytest.CaptureFixture[str], words: str) -> int:
    """How many records ``secdesk search`` finds."""
    assert main(["--db", db, "search", "--json", words]) == 0
    import json

    return len(json.loads(capsys.readouterr().out))


@pytest.fixture
def import_calls(db: str, tmp_path: Path) -> list[str]:
    """The command importing seven calls into ``db``."""
    master = tmp_path / "Master.csv"
    master.write_text(cdr(), encoding="utf-8")
    return ["--db", db, "import", "calls", str(master)]


def test_without_a_terminal_a_line_of_progress_every_few_seconds(
    db: str, import_calls: list[str], small_batches: None, capsys, monkeypatch
) -> None:  # noqa: ANN001
    """A script's log shows how far the import is (here every batch: the interval is 0),
    never a bar's escape codes; the last line is the import's report."""
    monkeypatch.setattr(common, "PROGRESS_EVERY_S", 0.0)
    code = main(import_calls)
    said = capsys.readouterr()
    assert code == 0, said.err
    lines = said.err.splitlines()
    assert [re.sub(r"\(.*\)", "(…)", line) for line in lines] == [
        "Importing calls: 2 of 7 rows (…)",
        "Importing calls: 4 of 7 rows (…)",
        "Importing calls: 6 of 7 rows (…)",
    ]
    assert all(re.search(r"\([\d,]+ a second, about [\d,]+ s left\)$", line) for line in lines)
    assert "\x1b" not in said.err
    assert said.out.splitlines()[-1] == "Added 7 calls; 0 were imported before."
    assert callers(db) == ["张三", *(f"来电{i}" for i in range(ROWS))]


def test_a_quick_import_without_a_terminal_says_nothing_until_its_report(
    import_calls: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(import_calls)
    said = capsys.readouterr()
    assert (code, said.err) == (0, "")


def test_on_a_terminal_a_bar_with_rows_rate_and_time_left(
    import_calls: list[str], small_batches: None, capsys, monkeypatch
) -> None:  # noqa: ANN001
    """The bar covers the save: it counts the rows saved, to the last one."""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code = main(import_calls)
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Importing calls" in err and "7/7" in err
    assert re.search(r"[\d,]+/s", err)  # the rate
    assert re.search(r"\d+:\d\d:\d\d", err)  # the time left


def register_csv(rows: int = ROWS) -> str:
    lines = ["收文编号,收文日期,来文机关,文件标题"]
    lines += [
        f"2026-{i + 1:04d},2026-11-{i + 1:02d},某区财政局,关于第{i}号事项的通知"
        for i in range(rows)
    ]
    return "\n".join(lines) + "\n"


def register_rows(db: str) -> tuple[list[tuple[int, str]], int]:
    """(serial, title) of every incoming document, and their import Events."""
    docs = stored_rows(db, "SELECT serial, title FROM incomingdocument ORDER BY id")
    [(events,)] = stored_rows(
        db, "SELECT count(*) FROM event WHERE action = 'import' AND entity = 'incomingdocument'"
    )
    return docs, events


def test_a_register_import_is_saved_in_batches_each_row_audited(
    db: str, tmp_path: Path, small_batches: None, capsys, monkeypatch
) -> None:  # noqa: ANN001
    """Every row is a document with its own import Event naming the sheet's row, and is
    found by search."""
    monkeypatch.setattr(common, "PROGRESS_EVERY_S", 0.0)
    sheet = tmp_path / "register.csv"
    sheet.write_text(register_csv(), encoding="utf-8")
    code = main(["--db", db, "import", "register", "incoming", str(sheet), "--yes"])
    said = capsys.readouterr()
    assert code == 0, said.err
    assert said.out.splitlines()[-1] == "Imported 7 documents"
    assert said.err.splitlines()[0].startswith("Importing documents: 2 of 7 rows (")
    docs, events = register_rows(db)
    assert docs == [(i + 1, f"关于第{i}号事项的通知") for i in range(ROWS)]
    assert events == ROWS
    assert found(db, capsys, "事项") == ROWS


def nothing_imported(db: str) -> tuple[list[str], list[tuple[int, str]], int]:
    """The calls, the incoming documents and the import Events of ``db``."""
    [(events,)] = stored_rows(db, "SELECT count(*) FROM event WHERE action = 'import'")
    return callers(db), register_rows(db)[0], events


#: Each big import: the function saving one batch, the file, the command, the word its rows
#: are found by, and its last line.
IMPORTS = {
    "calls": (
        "secdesk.office.calls.phone_import.save_calls",
        ("Master.csv", cdr),
        ["import", "calls", "{file}"],
        "来电",
        "Added 7 calls; 0 were imported before.",
    ),
    "register": (
        "secdesk.office.documents.register_import.save_rows",
        ("register.csv", register_csv),
        ["import", "register", "incoming", "{file}", "--yes"],
        "事项",
        "Imported 7 documents",
    ),
}


@pytest.mark.parametrize("what", list(IMPORTS))
@pytest.mark.parametrize("stop", [KeyboardInterrupt, sqlite3.OperationalError("disk I/O error")])
def test_an_interrupted_or_failed_import_leaves_nothing(
    what: str, stop: object, db: str, tmp_path: Path, small_batches: None, capsys, monkeypatch
) -> None:  # noqa: ANN001
    """Ctrl+C (or a failing disk) during the third batch: the two batches already saved go
    again, with their search entries and audit Events; the same file then imports whole
    (nothing of it counts as imported before)."""
    import importlib

    target, (name, content), command, word, last = IMPORTS[what]
    module_name, function = target.rsplit(".", 1)
    module = importlib.import_module(module_name)
    real_save = getattr(module, function)
    batches: list[int] = []

    def save_then_stop(*args):  # noqa: ANN002, ANN202
        batches.append(len(args[-1]))
        if len(batches) == 3:
            raise stop
        return real_save(*args)

    monkeypatch.setattr(module, function, save_then_stop)
    source = tmp_path / name
    source.write_text(content(), encoding="utf-8")
    argv = ["--db", db, *(str(source) if a == "{file}" else a for a in command)]
    code = main(argv)
    err = capsys.readouterr().err
    if stop is KeyboardInterrupt:
        assert (code, err) == (130, "secdesk: Interrupted: nothing was imported.\n")
    else:
        assert code == 2 and "Traceback" not in err
    assert batches == [2, 2, 2]
    assert nothing_imported(db) == (["张三"], [], 0)
    assert found(db, capsys, word) == 0
    monkeypatch.setattr(module, function, real_save)
    assert main(argv) == 0
    assert capsys.readouterr().out.splitlines()[-1] == last
    assert found(db, capsys, word) == ROWS


def test_planning_a_register_asks_the_database_the_same_few_questions_for_any_size(
    db: str, tmp_path: Path
) -> None:
    """A 100,000-row register is checked against the documents already registered in a
    few queries, not one a row (it took minutes): 7 rows and 28 rows ask as often, and a
    row already registered is still told from a new one and from a clash."""
    from sqlalchemy import event

    from secdesk.io.sheets import Grid
    from secdesk.office.documents.registers import plan_import
    from secdesk.services.store import Store

    before = tmp_path / "before.csv"
    before.write_text(register_csv(1) + "2026-0900,2026-11-01,某区财政局,旧标题\n", "utf-8")
    assert main(["--db", db, "import", "register", "incoming", str(before), "--yes"]) == 0
    store = Store(Path(db))
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    def plan(rows: int) -> tuple[int, int, int, int]:
        lines = [*register_csv(rows).splitlines(), "2026-0900,2026-11-30,某区财政局,新标题"]
        grid = Grid([(n, line.split(",")) for n, line in enumerate(lines, start=1)])
        statements.clear()
        event.listen(store.db.engine, "before_cursor_execute", count)
        try:
            found = store.run(plan_import, "incoming", grid)
        finally:
            event.remove(store.db.engine, "before_cursor_execute", count)
        return len(statements), len(found.new_rows), found.already, len(found.problems)

    try:
        asked, *small = plan(ROWS)
        assert small == [ROWS - 1, 1, 1]
        assert plan(4 * ROWS) == (asked, 4 * ROWS - 1, 1, 1)
    finally:
        store.close()
