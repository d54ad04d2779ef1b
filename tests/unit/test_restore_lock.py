"""A restore never throws away what another process is saving: while a program holds a
write transaction (or a secdesk command is saving, an import among them) it refuses in one
sentence and changes nothing; a save that ends in time is waited for, and is in the copy kept
before the restore."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from secdesk.care import backups
from tests import factories as f
from tests.unit.test_backups import backup_then_a_call, callers, office, run

__all__ = ["office"]  # the fixture: the usual database with a call from 张三

#: Another program: takes the write lock, adds a call, says "ready", and commits when told
#: (a line on stdin) or after ``argv[2]`` seconds.
WRITER = """
import sqlite3, sys, threading
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute(
    "INSERT INTO call (at, direction, caller, number, organization, summary, message_for,"
    " follow_up, message_status, duration_s, source, external_id, created_at, updated_at,"
    " version) SELECT at, direction, '写入中', number, organization, summary, message_for,"
    " follow_up, message_status, duration_s, source, 'w1', created_at, updated_at, version"
    " FROM call LIMIT 1"
)
print("ready", flush=True)
done = threading.Event()
threading.Thread(target=lambda: (sys.stdin.readline(), done.set()), daemon=True).start()
done.wait(float(sys.argv[2]))
conn.execute("COMMIT")
print("committed", flush=True)
"""


@pytest.fixture
def saved(office: Path, capsys) -> Path:  # noqa: ANN001
    """A backup of ``office``, taken before 李四 called."""
    return backup_then_a_call(office, capsys, "李四", f.local(2026, 11, 27, 11))


@contextmanager
def writing(database: Path, commit_after_s: float) -> Iterator[subprocess.Popen[str]]:
    """Another process in the middle of saving to ``database``."""
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(database), str(commit_after_s)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
        yield writer
    finally:
        writer.kill()
        writer.wait()


def befores(folder: Path) -> list[Path]:
    return sorted(folder.glob("*-before-restore.db"))


def test_a_restore_is_refused_while_another_process_writes(
    office: Path, saved: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    """The writer does not finish within the wait: one sentence, nothing changed, no copy
    kept (the writer then saves as it meant to)."""
    monkeypatch.setattr(backups, "WRITER_WAIT_S", 0.3)
    with writing(office, commit_after_s=60) as writer:
        code, out, err = run(capsys, "restore", "--yes", str(saved))
        assert (code, err) == (
            2,
            f"secdesk: Another program is saving to {office}: let it finish, then restore. "
            "Nothing was changed.\n",
        )
        assert befores(saved.parent) == []
        assert writer.stdin is not None and writer.stdout is not None
        writer.stdin.write("commit\n")
        writer.stdin.flush()
        assert writer.stdout.readline() == "committed\n"
    assert callers(office) == ["张三", "李四", "写入中"]


def test_a_save_that_ends_in_time_is_waited_for_and_kept(office: Path, saved: Path, capsys) -> None:  # noqa: ANN001
    """The copy kept before the restore is taken after the writer is done: it has the
    writer's call."""
    with writing(office, commit_after_s=0.5):
        code, out, err = run(capsys, "restore", "--yes", str(saved))
    assert code == 0, err
    assert callers(office) == ["张三"]
    (before,) = befores(saved.parent)
    assert callers(before) == ["张三", "李四", "写入中"]


def test_a_restore_is_refused_while_an_import_is_saving(
    office: Path, saved: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    """``import calls`` in one shell, ``restore --yes`` in another: the restore is refused
    (it would throw the import away), and the import goes on and is saved."""
    from secdesk.office.calls import phone_import

    refused: list[subprocess.CompletedProcess[str]] = []
    real_parse = phone_import.parse_master_csv

    def parse_while_a_restore_is_tried(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        env = {**os.environ, "LANG": "en_US.UTF-8"}
        refused.append(
            subprocess.run(
                [sys.executable, "-m", "secdesk", "restore", "--yes", str(saved)],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
        )
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(phone_import, "parse_master_csv", parse_while_a_restore_is_tried)
    cdr = tmp_path / "Master.csv"
    cdr.write_text(
        '"","13800138000","8001","from-internal","""王五"" <13800138000>","SIP/a-1",'
        '"SIP/b-2","Dial","","2026-11-27 12:00:00","2026-11-27 12:00:00",'
        '"2026-11-27 12:01:00",64,60,"ANSWERED","DOCUMENTATION","1764216000.1",""\n',
        encoding="utf-8",
    )
    code, _out, err = run(capsys, "import", "calls", str(cdr))
    assert code == 0, err
    (restore,) = refused
    assert restore.returncode == 2
    assert "a secdesk command is saving to it" in restore.stderr
    assert "Nothing was changed." in restore.stderr
    assert callers(office) == ["张三", "李四", "王五"]
    assert befores(saved.parent) == []
