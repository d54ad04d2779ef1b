"""Files written for the user that carry personal data (names, numbers, notes about
members of the public): readable by their owner only.

Wing: io. Must not import models, db, kinds, services, office or above, nor sqlmodel or textual.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

__all__ = ["PRIVATE_MODE", "save_private", "write_private", "write_private_text"]

PRIVATE_MODE = 0o600
"""rw------- : exports, like the database and its backups, are their owner's alone."""


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` with mode 0600 from the first byte on (a file that was
    there already is made 0600 before it is overwritten)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
    try:
        os.fchmod(fd, PRIVATE_MODE)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
    finally:
        if fd >= 0:
            os.close(fd)


def write_private_text(path: Path, text: str) -> None:
    """``text`` as UTF-8, mode 0600."""
    write_private(path, text.encode("utf-8"))


def save_private(path: Path, save: Callable[[IO[bytes]], object]) -> None:
    """What ``save(handle)`` writes (a document's or a workbook's ``save``), mode 0600."""
    buffer = io.BytesIO()
    save(buffer)
    write_private(path, buffer.getvalue())


def unused_name(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem-2.suffix``, ``stem-3.suffix``… : the first name
    no file has, so a paper written again never replaces the one before."""
    target = folder / f"{stem}{suffix}"
    number = 2
    while target.exists():
        target = folder / f"{stem}-{number}{suffix}"
        number += 1
    return target
