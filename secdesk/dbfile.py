"""The SQLite seam for whole database files: copies, checks and counts.

Wing: the database. Must not import anything of secdesk (plain sqlite3).

Backups, restores and ``secdesk doctor`` work on database *files* that may be live in
another window, damaged, another program's, or not opened by secdesk at all. That work is
done here with the standard library's ``sqlite3`` (with ``db.py``, the only modules that
speak raw SQLite), so the services above stay in plain Python.

Copies always go through SQLite's online backup API, never a file copy: a live database in
WAL mode keeps committed pages in its ``-wal`` file, which a file copy would miss or tear.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

#: Pages copied per step of a backup when progress is reported (4 MiB at 4 KiB a page).
STEP_PAGES = 1024
BUSY_TIMEOUT_S = 10.0
#: How a half-made copy's name ends (it starts with a dot: hidden).
PART = ".part"
#: What SQLite may leave beside a half-made copy.
_SIDE_FILES = ("-journal", "-wal", "-shm")

Progress = Callable[[int, int], None]
"""``progress(done, total)``: pages copied so far and in all."""


def _uri(path: Path, mode: str) -> str:
    # Paths are taken literally: "?" and "#" in a file name are not URI syntax.
    return f"file:{quote(os.fsdecode(path))}?mode={mode}"


@contextlib.contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to ``path`` (which must exist: nothing is created)."""
    conn = sqlite3.connect(_uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        yield conn
    finally:
        conn.close()


def copy_in_memory(source: sqlite3.Connection) -> sqlite3.Connection:
    """A copy of the database ``source`` is connected to (as its transaction sees it), in
    memory, for any thread: to change and read, and throw away."""
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    source.backup(copy)
    return copy


def folder_writable(folder: Path) -> bool:
    """Whether a file can be made in ``folder`` (SQLite needs to, beside a database in WAL
    mode, even to read it). Tried, not asked of the permissions: a read-only mount or an
    immutable folder refuses even root."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def connect_unchanging(path: Path) -> sqlite3.Connection:
    """A read-only connection to ``path`` in a folder nobody can write to: SQLite is told
    the file cannot change (``immutable``), so it needs no ``-shm`` file beside it."""
    return sqlite3.connect(_uri(path, "ro") + "&immutable=1", uri=True, check_same_thread=False)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every system can sync a directory
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def online_backup(source: Path, target: Path, progress: Progress | None = None) -> Path:
    """Copy the database ``source`` (live or not) into the new file ``target``, consistently.

    The copy is a standalone file (no ``-wal`` beside it), readable by its owner only from
    the moment it exists, written to a temporary name and renamed, so ``target`` is either
    absent or whole."""
    with written_whole(target) as tmp:
        src = sqlite3.connect(_uri(source, "ro"), uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            dst = sqlite3.connect(tmp)
            try:
                if progress is None:
                    src.backup(dst)
                else:
                    src.backup(
                        dst,
                        pages=STEP_PAGES,
                        progress=lambda _status, remaining, total: progress(
                            total - remaining, total
                        ),
                    )
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    return target


@contextlib.contextmanager
def written_whole(target: Path) -> Iterator[Path]:
    """A temporary file (0600, hidden, beside ``target``) for the block to write; when the
    block ends well it is synced and renamed to ``target``, else removed: ``target`` is
    either absent or whole. A copy killed half-way is found by ``remove_abandoned``."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-", suffix=PART)
    tmp = Path(tmp_name)
    # Held until the copy is whole (mkstemp made the file 0600): a half-made copy that nobody
    # holds was left by a backup that was killed (``remove_abandoned``).
    _hold(fd)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def _hold(fd: int) -> bool:
    """Take the exclusive ``flock`` of an open file without waiting; False if another
    process (or another open of it) holds it. (SQLite locks with ``fcntl``, which is
    independent of ``flock``: this never stands in its way.)"""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: a copy cannot tell it is in use
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def remove_abandoned(folder: Path) -> list[Path]:
    """Remove the half-made copies (``.*.part`` and SQLite's journal beside them) that a
    killed backup left in ``folder``; a copy still being written is left alone. Returns the
    copies removed."""
    if not folder.is_dir():
        return []
    removed = []
    for part in sorted(folder.glob(f".*{PART}")):
        try:
            fd = os.open(part, os.O_RDONLY)
        except OSError:
            continue
        try:
            if not _hold(fd):
                continue  # being written now
            for leftover in (part, *(part.with_name(part.name + s) for s in _SIDE_FILES)):
                leftover.unlink(missing_ok=True)
            removed.append(part)
        finally:
            os.close(fd)
    return removed


def copy_into(source: Path, live: Path) -> None:
    """Replace the whole content of the database ``live`` with ``source``'s, in one
    transaction of ``live`` (other connections see the old or the new, never half; a
    crash rolls it back)."""
    src = sqlite3.connect(_uri(source, "ro"), uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        dst = sqlite3.connect(live, timeout=BUSY_TIMEOUT_S)
        try:
            src.backup(dst)  # all pages in one step: one transaction
        finally:
            dst.close()
    finally:
        src.close()


def integrity_problems(path: Path, limit: int = 20) -> list[str]:
    """What ``PRAGMA integrity_check`` finds (empty when the file is sound). A file that is
    not a database at all raises ``sqlite3.DatabaseError``."""
    with reading(path) as conn:
        rows = [str(row[0]) for row in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    return [] if rows == ["ok"] else rows


def foreign_key_problems(path: Path) -> list[tuple[str, int | None, str]]:
    """Rows whose foreign key points at nothing: (table, rowid, referenced table)."""
    with reading(path) as conn:
        return [(str(r[0]), r[1], str(r[2])) for r in conn.execute("PRAGMA foreign_key_check")]


def tables(path: Path) -> set[str]:
    with reading(path) as conn:
        return {
            str(row[0])
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }


def live_counts(path: Path, names: Iterable[str]) -> dict[str, int | None]:
    """Rows not deleted in each table of ``names``; None for a table the file lacks."""
    out: dict[str, int | None] = {}
    with reading(path) as conn:
        present = {
            str(row[0]): str(row[1] or "")
            for row in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        }
        for name in names:
            if name not in present:
                out[name] = None
                continue
            quoted = '"' + name.replace('"', '""') + '"'
            columns = {str(r[1]) for r in conn.execute(f"PRAGMA table_info({quoted})")}
            where = " WHERE deleted_at IS NULL" if "deleted_at" in columns else ""
            out[name] = int(conn.execute(f"SELECT count(*) FROM {quoted}{where}").fetchone()[0])
    return out


def raw_copy(source: Path, target: Path) -> Path:
    """The bytes of a database that SQLite cannot read (a damaged one), with its ``-wal``
    beside it if there is one: the best that can be kept of it. Only for a file no
    connection is writing to."""
    import shutil

    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    for suffix in ("", "-wal"):
        src = source.with_name(source.name + suffix)
        if not src.exists():
            continue
        dst = target.with_name(target.name + suffix)
        fd = os.open(dst, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, open(src, "rb") as handle:
            shutil.copyfileobj(handle, out)
            out.flush()
            os.fsync(out.fileno())
    return target


def replace_file(source: Path, target: Path) -> None:
    """Put the database file ``source`` in the place of ``target``, which SQLite cannot
    read (a damaged file: the backup API cannot write into it). Only for a file nobody has
    open. ``target``'s ``-wal`` and ``-shm`` go first: a stale WAL beside the new file would
    be replayed into it."""
    os.chmod(source, 0o600)
    with open(source, "rb+") as handle:
        os.fsync(handle.fileno())
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    os.replace(source, target)
    _fsync_dir(target.parent)
