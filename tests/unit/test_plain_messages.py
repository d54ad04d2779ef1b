"""The shell says what is wrong in one sentence of the interface language, instead of
hanging, creating what nobody asked for or passing control characters through."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from secdesk.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_desk_without_a_terminal_says_so_instead_of_hanging(tmp_path: Path) -> None:
    """``secdesk </dev/null >file`` (a script, a cron job): no escape codes, no hang; a
    sentence pointing to ``secdesk today``, exit non-zero, in either language."""
    for lang, said in (("en", "The desk needs a terminal"), ("zh", "工作台需要在终端中显示")):
        done = subprocess.run(
            [sys.executable, "-m", "secdesk", "--lang", lang],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode != 0
        assert done.stdout == "" and "\x1b" not in done.stderr
        assert said in done.stderr and "secdesk today" in done.stderr
        assert not (tmp_path / "home" / "secdesk.db").exists()
