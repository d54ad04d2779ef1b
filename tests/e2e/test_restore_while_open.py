"""A real desk in a terminal (a pty) holds its database open: ``secdesk restore`` run beside
it is refused and changes nothing; once the desk has quit, the same restore goes through."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pexpect  # a test dependency (pyproject.toml): missing, the suite fails, never skips

from tests.unit.test_backups import callers


def secdesk(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "secdesk", *argv], env=env, capture_output=True, text=True
    )


def test_restore_is_refused_while_the_desk_runs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "SECDESK_HOME": str(home), "LANG": "en_US.UTF-8", "TERM": "xterm"}
    assert secdesk(env, "log", "call", "--from", "张三", "first").returncode == 0
    backup = secdesk(env, "backup").stdout.strip()
    assert secdesk(env, "log", "call", "--from", "李四", "second").returncode == 0
    desk = pexpect.spawn(
        sys.executable,
        ["-m", "secdesk"],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    try:
        desk.expect("李四")  # the desk is up and showing the day
        refused = secdesk(env, "restore", "--yes", backup)
        assert refused.returncode == 2
        assert "A secdesk window has" in refused.stderr and "close it (q)" in refused.stderr
        assert callers(home / "secdesk.db") == ["张三", "李四"]
        desk.send("q")
        desk.expect(pexpect.EOF)
    finally:
        desk.close(force=True)
    restored = secdesk(env, "restore", "--yes", backup)
    assert restored.returncode == 0, restored.stderr
    assert callers(home / "secdesk.db") == ["张三"]


def test_output_cut_short_by_a_pipe_says_nothing(tmp_path: Path) -> None:
    """``secdesk backups | head -1``: head stops reading; secdesk goes quietly."""
    env = {**os.environ, "SECDESK_HOME": str(tmp_path / "home"), "LANG": "en_US.UTF-8"}
    import shutil

    assert secdesk(env, "log", "call", "--from", "张三", "x").returncode == 0
    made = Path(secdesk(env, "backup").stdout.strip())
    for n in range(600):  # a listing longer than a pipe holds (64 KiB)
        shutil.copyfile(made, made.with_name(f"secdesk-20250101-{n:06d}.db"))
    shell = subprocess.run(
        f"{sys.executable} -m secdesk backups | head -c 10",
        shell=True,
        env=env,
        capture_output=True,
        text=True,
    )
    assert len(shell.stdout) == 10 and shell.stderr == ""
