"""The real app in a real terminal (tmux): the key budget of logging a call, and a draft
that survives the process being killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import need_program


class Terminal:
    """One tmux session running secdesk, on a private tmux server."""

    def __init__(self, tmp_path: Path) -> None:
        self.socket = ""
        self.starts = 0
        self.home = tmp_path / "home"
        self.db = tmp_path / "desk.db"
        # A desk already set up: its first start would ask for the office's name first.
        self.home.mkdir(parents=True, exist_ok=True)
        (self.home / "config.toml").write_text(
            '[office]\nname = "某区人民政府办公室"\n', encoding="utf-8"
        )
        self.keys = 0
        """Keys sent besides typed text: the budget being measured."""

    def tmux(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True)
        if out.returncode:
            raise AssertionError(f"tmux {args[0]}: {out.stderr.strip()}")
        return out.stdout

    def start(self) -> None:
        # A fresh tmux server per start: reusing a socket right after kill-server races.
        self.starts += 1
        self.socket = f"secdesk-test-{os.getpid()}-{id(self)}-{self.starts}"
        env = {
            "SECDESK_HOME": str(self.home),
            "LANG": "en_US.UTF-8",
            "TERM": "xterm-256color",
            "TZ": "Asia/Shanghai",
        }
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        command = f"exec env {exports} {sys.executable} -m secdesk --db {self.db}"
        # remain-on-exit keeps a crashed app's last words on screen for the failure message.
        self.tmux(
            "new-session",
            "-d",
            "-x",
            "120",
            "-y",
            "40",
            "-s",
            "desk",
            command,
            ";",
            "set-option",
            "-t",
            "desk",
            "remain-on-exit",
            "on",
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "desk")

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        history = self.tmux("capture-pane", "-p", "-S", "-", "-t", "desk")
        raise AssertionError(f"{text!r} never appeared on screen:\n{history}")

    def press(self, *keys: str) -> None:
        self.keys += len(keys)
        self.tmux("send-keys", "-t", "desk", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "desk", "-l", text)

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "desk", "#{pane_pid}").strip())

    def stop(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A terminal to run secdesk in (skipped without tmux, failed on CI)."""
    need_program("tmux")
    term = Terminal(tmp_path)
    yield term
    term.stop()


def calls_in(db: Path) -> list[tuple[str, str]]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT caller, summary FROM call").fetchall()
    finally:
        conn.close()


def test_logging_a_call_costs_at_most_four_keys(terminal: Terminal) -> None:
    terminal.start()
    terminal.wait_for("No calls today")
    terminal.keys = 0
    terminal.press("c")
    terminal.wait_for("Log a call")
    terminal.type("王主任")
    terminal.press("Enter")
    terminal.type("会议改到下午三点")
    terminal.press("Enter")
    terminal.wait_for("Call saved")
    assert terminal.keys <= 4, f"{terminal.keys} keys"
    assert calls_in(terminal.db) == [("王主任", "会议改到下午三点")]
    terminal.wait_for("王主任")  # and the dashboard's telephone log shows it


def test_draft_survives_killing_the_process(terminal: Terminal) -> None:
    terminal.start()
    terminal.wait_for("Telephone log")
    terminal.press("c")
    terminal.wait_for("Log a call")
    terminal.type("被打断")
    terminal.press("Enter")
    terminal.type("说到一半")
    draft = terminal.home / "drafts" / "call.json"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if draft.exists() and "说到一半" in draft.read_text("utf-8"):
            break
        time.sleep(0.05)
    assert json.loads(draft.read_text("utf-8"))["values"]["summary"] == "说到一半"
    os.kill(terminal.pid(), signal.SIGKILL)
    terminal.stop()

    terminal.start()
    terminal.wait_for("Restore it?")
    terminal.press("y")
    # The form's own keys in the footer (the question before it names the form too).
    assert "说到一半" in terminal.wait_for("^s Save")
    terminal.press("C-s")
    terminal.wait_for("Call saved")
    assert calls_in(terminal.db) == [("被打断", "说到一半")]
    assert not draft.exists()
