"""The day's dashboard read while the desk is still starting: the command line starts it
before it imports Textual, so the dashboard has its panels at hand once its first frame
is painted instead of reading them only then.

What it reads is what the dashboard would read first itself: the remembered dashboard
when it is still true (``snapshot``), else the day read lean (``leanday``); neither
imports the ORM. It is begun only when no dashboard is remembered (see ``start``): then
most of the read is SQLite's own work, which leaves the interpreter to the thread
importing Textual meanwhile.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli. Standard library only.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secdesk.config import Settings
    from secdesk.services.views import Dashboard

#: Seconds the dashboard waits for a read already under way before it reads itself.
WAIT = 5.0


class FirstRead:
    """One read of ``day``'s dashboard from ``path``, in a thread of its own."""

    def __init__(self, path: Path, day: date, settings: Settings) -> None:
        self.key = (str(path), day, settings)
        self.data: Dashboard | None = None
        self._done = threading.Event()
        threading.Thread(target=self._read, name="first-read", daemon=True).start()

    def _read(self) -> None:
        try:
            from secdesk.services import snapshot

            path, day, settings = Path(self.key[0]), self.key[1], self.key[2]
            self.data = snapshot.load(path, day, settings)
            if self.data is None:  # imported only then: less to share the interpreter with
                from secdesk.services import leanday

                self.data = leanday.build(path, day, settings)
        except Exception:  # noqa: BLE001 - the dashboard reads it again and says what failed
            self.data = None
        finally:
            self._done.set()

    def result(self, timeout: float = WAIT) -> tuple[bool, Dashboard | None]:
        """(whether the read finished, what it found: None when it found nothing)."""
        return self._done.wait(timeout), self.data


_pending: FirstRead | None = None
_lock = threading.Lock()


def start(path: Path, day: date, settings: Settings) -> None:
    """Begin reading ``day``'s dashboard of ``path`` for the desk about to start, when
    nothing is remembered of it (the first start of a day: most of the lean read is
    SQLite's own work, done while Textual loads). A remembered dashboard is not read here:
    reading it is the interpreter's work (JSON, the dashboard's objects, their modules),
    which would hold back the first frame on two cores more than it saves; the dashboard
    reads it once that frame is out, in a few milliseconds."""
    global _pending
    from secdesk.services import snapshot

    if snapshot.remembered(path, day):
        return
    with _lock:
        _pending = FirstRead(path, day, settings)


def take(path: Path, day: date, settings: Settings) -> tuple[bool, Dashboard | None]:
    """What the read begun for this very dashboard found, once (it waits for it to finish):
    (True, the dashboard or None when there was nothing to show yet); (False, None) when
    no such read was begun (another file, day or settings) or it did not finish."""
    global _pending
    with _lock:
        pending, _pending = _pending, None
    if pending is None or pending.key != (str(path), day, settings):
        return False, None
    return pending.result()
