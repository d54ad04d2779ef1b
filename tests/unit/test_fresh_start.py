"""A new home, before the first record: reading commands find an empty office (exit 0)
and create no database file; a ``--db`` that names no file is still refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import time_machine

from secdesk import config
from secdesk.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def fresh(isolated_home: Path) -> Path:
    """Where the database will be: nothing there yet."""
    path = config.database_path()
    assert not path.exists()
    return path


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["today"], "No calls today."),
        (["search", "防汛"], "Nothing found for 防汛"),
        (["report", "--month", "2026-11"], "- Calls: 0 (0 in, 0 out)"),
        (["backup"], "Nothing to back up yet: the first record saved creates the database."),
        (["doctor"], "There is no database yet: the first record saved creates it."),
        (["holidays", "list"], "No schedule entered"),
    ],
)
def test_reading_a_new_home_finds_an_empty_office(
    capsys,  # noqa: ANN001
    fresh: Path,
    argv: list[str],
    said: str,
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert said in out
    assert not fresh.exists()
    assert not any(p.suffix == ".db" for p in fresh.parent.rglob("*"))


def test_json_of_a_new_home(capsys, fresh: Path) -> None:  # noqa: ANN001
    code, out, _err = run(capsys, "today", "--json")
    assert code == 0 and json.loads(out)
    code, out, _err = run(capsys, "report", "--month", "2026-11", "--json")
    assert code == 0 and json.loads(out)["calls"] == 0
    code, out, _err = run(capsys, "doctor", "--json")
    assert code == 0 and json.loads(out)[0]["level"] == "ok"
    assert not fresh.exists()


def test_plain_report_is_this_month(capsys, fresh: Path) -> None:  # noqa: ANN001
    with time_machine.travel("2026-12-05 10:00 +0800", tick=False):
        code, out, _err = run(capsys, "report")
    assert code == 0
    assert out.startswith("# Work summary: 2026-12 (2026-12-01 to 2026-12-31)")


def test_a_db_that_names_no_file_is_still_refused(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    missing = tmp_path / "secdsek.db"
    code, out, err = run(capsys, "--db", str(missing), "today")
    assert code == 2 and out == "" and "There is no database at" in err
    assert not missing.exists()


def test_the_first_save_then_creates_the_database(capsys, fresh: Path) -> None:  # noqa: ANN001
    assert run(capsys, "log", "call", "--from", "张三", "询问防汛物资")[0] == 0
    assert fresh.exists()
    code, out, _err = run(capsys, "search", "防汛")
    assert code == 0 and "询问防汛物资" in out
