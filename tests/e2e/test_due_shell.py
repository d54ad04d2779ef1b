"""``secdesk due`` as scripts call it: a separate process, its output and exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def due(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SECDESK_HOME": str(tmp_path / "home"), "LANG": "en_US.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "secdesk", "--db", str(tmp_path / "desk.db"), "due", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("start", "spec", "printed"),
    [
        ("2026-09-25", "15d", "2026-10-10\n"),  # the National Day holiday, then a make-up day
        ("2026-09-30", "3wd", "2026-10-10\n"),  # 8, 9 Oct, then Sat 10 Oct (调休) counts
        ("2026-12-20", "30wd", "2027-01-29 (provisional)\n"),
    ],
)
def test_due_from_the_shell(tmp_path: Path, start: str, spec: str, printed: str) -> None:
    done = due(tmp_path, start, spec)
    assert (done.returncode, done.stdout, done.stderr) == (0, printed, "")


def test_a_bad_spec_exits_non_zero_with_a_sentence(tmp_path: Path) -> None:
    done = due(tmp_path, "today", "fortnight")
    assert done.returncode != 0 and done.stdout == ""
    assert done.stderr == "secdesk: 'fortnight' is not a time limit: write 15d or 5wd.\n"
