"""One sanity rule for every time and time limit, on the desk and in every ``log``
command (``services.forms``): a limit before its start and a time before 2000 are
refused; a limit years away or a time more than a day ahead is asked about once
(``--yes`` for scripts)."""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine

from tests.conftest import stored_rows
from tests.unit.test_cli import Terminal, run

NOW = "2026-12-05 10:00:00 +0800"


def count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    [(n,)] = stored_rows(db, f"SELECT count(*) FROM {table}")  # noqa: S608
    return int(n)


INCOMING = ("log", "incoming", "关于年终工作的通知", "--from", "某市政府办公室")


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("argv", "said", "table"),
    [
        ((*INCOMING, "--due", "-5d"), "The time limit 2026-11-30 comes before its start", "incomingdocument"),
        ((*INCOMING, "--due", "1900-01-01"), "comes before its start, 2026-12-05", "incomingdocument"),
        ((*INCOMING, "--at", "1999-12-31 09:00"), "is before 2000: check the year", "incomingdocument"),
        (("log", "call", "--at", "1900-01-01 10:00", "x"), "is before 2000", "call"),
        (("log", "visit", "--name", "张三", "--at", "1900-01-01 10:00", "来访"), "is before 2000", "visit"),
    ],
)  # fmt: skip
def test_a_limit_before_its_start_or_a_time_before_2000_is_refused(
    capsys,  # noqa: ANN001
    tmp_path: Path,
    argv: tuple[str, ...],
    said: str,
    table: str,
) -> None:
    db = tmp_path / "x.db"
    code, out, err = run(capsys, "--db", str(db), *argv, "--yes")
    assert code == 2 and out == "" and said in err and "Traceback" not in err
    assert count(db, table) == 0


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("more", "said"),
    [
        (("--due", "2099-12-31"), "The time limit 2099-12-31 is more than two years after"),
        (("--due", "9999wd"), "is more than two years after 2026-12-05"),
        (("--at", "2030-01-01 09:00"), "2030-01-01 09:00 is more than a day ahead"),
    ],
)
def test_a_limit_years_away_or_a_time_ahead_is_asked_about(
    capsys,  # noqa: ANN001
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    more: tuple[str, ...],
    said: str,
) -> None:
    """Without a terminal nothing is saved (and no receipt number is used); --yes keeps
    it; on a terminal y keeps it."""
    db = tmp_path / "x.db"
    code, out, err = run(capsys, "--db", str(db), *INCOMING, *more)
    assert code == 2 and said in err and "--yes" in err
    assert count(db, "incomingdocument") == 0
    code, out, err = run(capsys, "--db", str(db), *INCOMING, *more, "--yes")
    assert (code, err) == (0, "")
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    code, out, err = run(capsys, "--db", str(db), *INCOMING, *more)
    assert code == 0 and err.endswith("[y/N] ")
    assert count(db, "incomingdocument") == 2


@pytest.mark.parametrize("start", ["1999-12-31", "1900-01-01"])
def test_due_refuses_a_day_before_2000_as_the_desk_does(capsys, tmp_path: Path, start: str) -> None:  # noqa: ANN001
    """``secdesk due`` counts only days the office calendar can: one sentence, the desk's."""
    code, out, err = run(capsys, "--db", str(tmp_path / "x.db"), "due", start, "5wd")
    assert code == 2 and out == ""
    assert f"{start} is before 2000: check the year" in err and "Traceback" not in err
    assert err.count("\n") == 1
