"""Whether a secdesk window has a database open: a lock file beside the database.

Wing: care. Must not import office, demo, screens, widgets, app or cli.

While the desk runs it holds a shared ``flock`` on ``<database>.desk`` (two windows can both
hold it), and so does a command that saves, for as long as it runs (an import that saves in
many batches among them); a restore asks for the exclusive lock without waiting, and is
refused while any window or such command holds the shared one. The operating system drops the lock when the process ends, even
when it is killed, so a crashed desk never leaves the database "open".

Where ``flock`` does not exist (not POSIX) nothing is locked: a restore cannot tell, and
says nothing.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


class DeskOpen(Exception):
    """A secdesk window has the database open."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".desk")


def _open_lock_file(database: Path) -> int | None:
    """A descriptor of the lock file, or None when it cannot be made (a read-only folder:
    then nothing can be restored there either, and the desk runs without it)."""
    try:
        return os.open(lock_path(database), os.O_CREAT | os.O_RDWR, 0o600)
    except OSError:
        return None


def desk_open(database: Path) -> contextlib.AbstractContextManager[None]:
    """Held by the desk (and a command that saves) for as long as it runs on ``database``."""
    return _flocked(database, exclusive=False)


def no_desk_open(database: Path) -> contextlib.AbstractContextManager[None]:
    """Held while the database is replaced: raises ``DeskOpen`` at once if a window has it
    open, and keeps new windows waiting until the block ends."""
    return _flocked(database, exclusive=True)


@contextlib.contextmanager
def _flocked(database: Path, exclusive: bool) -> Iterator[None]:
    """The lock file's shared lock (waiting for it) or its exclusive one (not waiting) for
    the block; nothing is locked where there is no ``flock`` or no lock file."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = _open_lock_file(database)
    if fd is None:
        yield
        return
    try:
        if exclusive:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise DeskOpen(str(database)) from exc
        else:
            # Waits while a restore is under way (it holds the lock exclusively for seconds).
            fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # releases the lock


def is_open(database: Path) -> bool:
    """Whether a secdesk window has ``database`` open now."""
    try:
        with no_desk_open(database):
            return False
    except DeskOpen:
        return True
