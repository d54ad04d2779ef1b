"""What went wrong with the disk or the database, said in one sentence the user can act on.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

SQLite's and SQLAlchemy's own messages ("attempt to write a readonly database", and the
"Background on this error at: https://sqlalche.me/..." link) are for programmers; the
desk and the command line show ``describe(exc)`` instead, in the interface language::

    try:
        store.write(calls.log_call, ...)
    except Exception as exc:
        if not errors.is_storage_error(exc):
            raise
        show(errors.describe(exc))

Importing this module costs nothing: SQLAlchemy is only looked at when it is loaded already
(an exception cannot be one of its classes otherwise).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator

from secdesk.i18n import _

# The kinds of failure, each with one sentence (see _SENTENCES).
FULL = "full"
READ_ONLY = "read_only"
BUSY = "busy"
CORRUPT = "corrupt"
NOT_A_DATABASE = "not_a_database"
CANNOT_OPEN = "cannot_open"
DISK_ERROR = "disk_error"
NO_PERMISSION = "no_permission"
READ_ONLY_DISK = "read_only_disk"
MISSING = "missing"
FOLDER = "folder"
SERVER_DOWN = "server_down"
SERVER_READ_ONLY = "server_read_only"

# PostgreSQL's SQLSTATE codes (a class of two characters, or one code), for a database on
# a server: another desk holding the lock too long, this desk's role not allowed to save,
# the server gone.
_SQLSTATES = {
    "55P03": BUSY,  # lock_not_available (lock_timeout)
    "40001": BUSY,  # serialization_failure
    "40P01": BUSY,  # deadlock_detected
    "42501": SERVER_READ_ONLY,  # insufficient_privilege
    "25006": SERVER_READ_ONLY,  # read_only_sql_transaction
    "08": SERVER_DOWN,  # connection_exception
    "57P01": SERVER_DOWN,  # admin_shutdown
    "57P02": SERVER_DOWN,  # crash_shutdown
    "57P03": SERVER_DOWN,  # cannot_connect_now
}

# SQLite's primary result codes (https://sqlite.org/rescode.html); extended codes carry
# the primary one in their low byte.
_SQLITE_CODES = {
    3: NO_PERMISSION,  # SQLITE_PERM
    5: BUSY,  # SQLITE_BUSY
    6: BUSY,  # SQLITE_LOCKED
    8: READ_ONLY,  # SQLITE_READONLY
    10: DISK_ERROR,  # SQLITE_IOERR
    11: CORRUPT,  # SQLITE_CORRUPT
    13: FULL,  # SQLITE_FULL
    14: CANNOT_OPEN,  # SQLITE_CANTOPEN
    26: NOT_A_DATABASE,  # SQLITE_NOTADB
}
# For sqlite3 errors without a result code (raised by hand, or by another driver).
_SQLITE_MESSAGES = (
    ("database or disk is full", FULL),
    ("readonly database", READ_ONLY),
    ("is locked", BUSY),
    ("database is busy", BUSY),
    ("malformed", CORRUPT),
    ("not a database", NOT_A_DATABASE),
    ("unable to open database file", CANNOT_OPEN),
    ("disk i/o error", DISK_ERROR),
)
_ERRNOS = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: FULL,
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.EROFS: READ_ONLY_DISK,
    errno.ENOENT: MISSING,
    errno.ENOTDIR: MISSING,  # a file where a folder of the path should be
    errno.EISDIR: FOLDER,
    errno.EIO: DISK_ERROR,
}


def describe(exc: BaseException, path: str | os.PathLike[str] | None = None) -> str:
    """One sentence, in the interface language, saying what went wrong and what to do.

    ``exc`` may be a sqlite3 error, a SQLAlchemy error wrapping one, an ``OSError``, or
    secdesk's own ``DatabaseError`` (whose message is already written for the user); the
    chain of causes is searched, so an error raised ``from`` one of these is described by
    it. ``path``, when given, names the file in sentences about a file; an ``OSError``
    names its own. Anything else gets a general sentence with the exception's class name.
    """
    db = sys.modules.get("secdesk.db")
    if db is not None and isinstance(exc, db.MigrationError):
        # Where the copy is matters most; then what failed, if it can be named.
        named = _classify(exc.__cause__) if exc.__cause__ is not None else None
        if named is None:
            return str(exc)
        return f"{exc} {_sentence(named[0], None)}"
    found = _classify(exc)
    if found is None:
        own = _own_message(exc)
        if own is not None:
            return own
        return _(
            "Something unexpected went wrong ({name}). Try again; if it keeps happening, "
            "tell whoever looks after secdesk."
        ).format(name=type(exc).__name__)
    kind, cause = found
    if isinstance(cause, OSError) and cause.filename is not None:
        path = os.fsdecode(cause.filename)
    if kind == DISK_ERROR and path is not None and _no_space_at(os.fsdecode(path)):
        # SQLite often says "disk I/O error" when the disk is full (a failed fsync, the
        # shared-memory file): the truth is more useful.
        kind = FULL
    return _sentence(kind, None if path is None else os.fsdecode(path))


#: Less free space than this (bytes) where a file lives counts as a full disk.
NEARLY_NO_SPACE = 1024 * 1024


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is another desk or program holding the database too long (a lock
    timeout, a busy file, a serialization failure or a deadlock): trying again may work."""
    found = _classify(exc)
    return found is not None and found[0] == BUSY


def sentence(kind: str) -> str:
    """The one sentence of a kind of failure (``BUSY``, ``SERVER_READ_ONLY`` …), naming no
    file."""
    return _sentence(kind, None)


def _no_space_at(path: str) -> bool:
    import shutil
    from pathlib import Path

    folder = Path(path)
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free < NEARLY_NO_SPACE
    except OSError:
        return False


def is_storage_error(exc: BaseException) -> bool:
    """Whether ``exc`` is a failure of the disk or the database (which ``describe`` says in
    so many words) rather than a bug."""
    kinds: list[type[BaseException]] = [OSError, *_sqlite_errors()]
    sa_exc = _sqlalchemy_exc()
    if sa_exc is not None:
        kinds.append(sa_exc.SQLAlchemyError)
    db = sys.modules.get("secdesk.db")
    if db is not None:
        kinds.append(db.DatabaseError)
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        kinds.append(psycopg.Error)
    return any(isinstance(error, tuple(kinds)) for error in _chain(exc))


def _sentence(kind: str, path: str | None) -> str:
    if kind == FULL:
        return _(
            "The disk is full: free some space, then try again. Nothing saved before was lost."
        )
    if kind == BUSY:
        return _(
            "The database is busy: another program (or another secdesk window) is holding "
            "it. Try again in a moment."
        )
    if kind == SERVER_DOWN:
        return _(
            "The PostgreSQL server cannot be reached (or closed the connection): check the "
            "network and that the server is running, then try again. Nothing half-saved "
            "was kept."
        )
    if kind == SERVER_READ_ONLY:
        return _(
            "This desk may only read the shared database (its PostgreSQL role has no right "
            "to save): nothing was saved."
        )
    if kind == DISK_ERROR:
        return _(
            "The disk reported an error while reading or writing: check the disk (or the "
            "network share) and try again."
        )
    if kind == MISSING:
        if path:
            return _("{path}: no such file or folder.").format(path=path)
        return _("A file or folder that is needed does not exist.")
    if kind == FOLDER:
        if path:
            return _("{path} is a folder: name a file.").format(path=path)
        return _("A folder was given where a file is needed: name a file.")
    if kind == NO_PERMISSION:
        if path:
            return _("Permission denied for {path}: check who may read and write it.").format(
                path=path
            )
        return _("Permission denied: check who may read and write the database file.")
    if kind == READ_ONLY_DISK:
        if path:
            return _("{path} is on a read-only disk: nothing can be saved there.").format(path=path)
        return _("The disk is read-only: nothing can be saved there.")
    sentence = {
        READ_ONLY: _(
            "The database file is read-only: nothing can be saved to it. Check its "
            "permissions, or open a copy you may change."
        ),
        CORRUPT: _(
            "The database file is damaged: restore it from a backup before saving anything more."
        ),
        NOT_A_DATABASE: _(
            "This is not a database file (it may be another kind of file, damaged or "
            "encrypted): check which file secdesk was asked to open."
        ),
        CANNOT_OPEN: _(
            "The database file cannot be opened: check that its folder exists and that you "
            "may write to it."
        ),
    }[kind]
    return _("{path}: {sentence}").format(path=path, sentence=sentence) if path else sentence


def _classify(exc: BaseException) -> tuple[str, BaseException] | None:
    """The kind of the first failure in ``exc``'s chain that we can name, and that failure."""
    sqlite_errors = _sqlite_errors()
    for error in _chain(exc):
        server_kind = _server_kind(error)
        if server_kind is not None:
            return server_kind, error
        if sqlite_errors and isinstance(error, sqlite_errors):
            kind = _sqlite_kind(error)
            if kind is not None:
                return kind, error
        elif isinstance(error, OSError) and error.errno in _ERRNOS:
            return _ERRNOS[error.errno], error
    return None


def _server_kind(error: BaseException) -> str | None:
    """The kind of a PostgreSQL driver's error (psycopg's carry their SQLSTATE)."""
    if not type(error).__module__.startswith("psycopg"):
        return None
    state = getattr(error, "sqlstate", None) or ""
    found = _SQLSTATES.get(state) or _SQLSTATES.get(state[:2])
    if found is None and type(error).__name__ == "OperationalError" and not state:
        return SERVER_DOWN  # no answer at all: the connection failed
    return found


def _sqlite_kind(error: BaseException) -> str | None:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE_CODES:
        return _SQLITE_CODES[code & 0xFF]
    text = str(error).lower()
    for fragment, kind in _SQLITE_MESSAGES:
        if fragment in text:
            return kind
    return None


def _own_message(exc: BaseException) -> str | None:
    """The message of secdesk's own DatabaseError (already meant for the user)."""
    db = sys.modules.get("secdesk.db")
    if db is not None and isinstance(exc, db.DatabaseError):
        return str(exc)
    return None


def from_server(exc: BaseException) -> bool:
    """Whether a PostgreSQL server's driver raised ``exc`` (or what it wraps), not a file."""
    return any(type(error).__module__.startswith("psycopg") for error in _chain(exc))


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, then what it wraps: SQLAlchemy's ``orig`` and the ``raise ... from`` cause
    (not the context: an error raised while handling another is not described by it)."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        error = todo.pop(0)
        if id(error) in seen:
            continue
        seen.add(id(error))
        yield error
        for inner in (getattr(error, "orig", None), error.__cause__):
            if isinstance(inner, BaseException):
                todo.append(inner)


def _sqlite_errors() -> tuple[type[BaseException], ...]:
    sqlite3 = sys.modules.get("sqlite3")
    return (sqlite3.Error,) if sqlite3 is not None else ()


def _sqlalchemy_exc():  # noqa: ANN202 - the sqlalchemy.exc module, if loaded
    """``sqlalchemy.exc`` when SQLAlchemy is loaded (else no exception can be one of its)."""
    if "sqlalchemy" not in sys.modules:
        return None
    from sqlalchemy import exc as sa_exc

    return sa_exc
