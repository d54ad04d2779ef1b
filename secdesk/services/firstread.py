"""The day's dashboard read while the desk is still starting: the command line starts it
before it imports Textual, so the dashboard has its panels at hand once its first frame
is painted instead of reading them only then.

What it reads is what the dashboard would read first itself: the remembered dashboard
when it is still true (``snapshot``), else the day read lean (``leanday``); neither
imports the ORM. Where it can (POSIX, no other thread yet) it reads in a forked process,
which hands the dashboard back as JSON through a pipe: its imports and its rows then run
on the other core instead of sharing the interpreter with Textual's import; else in a
thread, where most of the read is SQLite's own work, which leaves the interpreter free.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli. Standard library only.
"""

from __future__ import annotations

import json
import os
import select
import threading
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secdesk.config import Settings
    from secdesk.services.views import Dashboard

#: Seconds the dashboard waits for a read already under way before it reads itself.
WAIT = 5.0


class FirstRead:
    """One read of ``day``'s dashboard from ``path``, in a process or a thread of its own."""

    def __init__(self, path: Path, day: date, settings: Settings) -> None:
        self.key = (str(path), day, settings)
        self.data: Dashboard | None = None
        self._done = threading.Event()
        self._child: tuple[int, int] | None = None
        """(pid, the pipe's reading end) of the forked reader."""
        if hasattr(os, "fork") and threading.active_count() == 1:
            self._fork()
        else:
            threading.Thread(target=self._in_thread, name="first-read", daemon=True).start()

    def _found(self) -> Dashboard | None:
        from secdesk.services import leanday, snapshot

        path, day, settings = Path(self.key[0]), self.key[1], self.key[2]
        return snapshot.load(path, day, settings) or leanday.build(path, day, settings)

    def _in_thread(self) -> None:
        try:
            self.data = self._found()
        except Exception:  # noqa: BLE001 - the dashboard reads it again and says what failed
            self.data = None
        finally:
            self._done.set()

    def _fork(self) -> None:
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:  # the reader: nothing of the desk's runs here, and it leaves at once
            try:
                os.close(reading)
                quiet = os.open(os.devnull, os.O_WRONLY)
                os.dup2(quiet, 1)
                os.dup2(quiet, 2)
                found = self._found()
                payload = json.dumps({"data": found.to_json() if found else None})
                with os.fdopen(writing, "wb") as out:
                    out.write(payload.encode())
            finally:
                os._exit(0)
        os.close(writing)
        self._child = (pid, reading)

    def _from_child(self, timeout: float) -> bool:
        assert self._child is not None
        pid, reading = self._child
        self._child = None
        chunks, deadline = [], time.monotonic() + timeout
        try:
            while (left := deadline - time.monotonic()) > 0:
                if not select.select([reading], [], [], left)[0]:
                    continue
                chunk = os.read(reading, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
            else:
                os.kill(pid, 9)  # too slow: the dashboard reads for itself
                return False
        finally:
            os.close(reading)
            os.waitpid(pid, 0)
        try:
            found = json.loads(b"".join(chunks))["data"]
        except (ValueError, KeyError, TypeError):
            return False  # the reader failed: the dashboard reads for itself
        if found is not None:
            from secdesk.services.views import Dashboard

            self.data = Dashboard.from_json(found)
        return True

    def result(self, timeout: float = WAIT) -> tuple[bool, Dashboard | None]:
        """(whether the read finished, what it found: None when it found nothing)."""
        if self._child is not None:
            if self._from_child(timeout):
                self._done.set()
            return self._done.is_set(), self.data
        return self._done.wait(timeout), self.data


_pending: FirstRead | None = None
_lock = threading.Lock()


def start(path: Path, day: date, settings: Settings) -> None:
    """Begin reading ``day``'s dashboard of ``path`` for the desk about to start."""
    global _pending
    with _lock:
        _pending = FirstRead(path, day, settings)


def take(path: Path, day: date, settings: Settings) -> tuple[bool, Dashboard | None]:
    """What the read begun for this very dashboard found, once (it waits for it to finish):
    (True, the dashboard or None when there was nothing to show yet); (False, None) when
    no such read was begun (another file, day or settings) or it did not finish."""
    global _pending
    with _lock:
        pending, _pending = _pending, None
    if pending is None:
        return False, None
    if pending.key != (str(path), day, settings):
        pending.result(0)  # not wanted: its reader is stopped and reaped
        return False, None
    return pending.result()
