"""The database: engine, SQLite pragmas, sessions, schema migrations, backups, change polling.

Wing: the database. Must not import services, office, kinds, models or anything above them.

SQLite-only features live here so services stay in portable SQLAlchemy queries. The engine
is created on first use, never at import.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Protocol

from secdesk.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine
    from sqlmodel import Session

#: Every schema revision this secdesk knows, oldest first. The last one is current.
#: A new migration in ``secdesk/migrations/versions`` is added here too (a test checks).
REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_duty_log",
    "0003_record_versions",
    "0004_calendar_days",
    "0005_workflow_steps",
    "0006_search_index",
    "0007_documents",
    "0008_meetings",
    "0009_register_rules",
    "0010_search_dates",
    "0011_import_batches",
    "0012_change_notices",
)
HEAD = REVISIONS[-1]
#: The revisions an upgrade through which needs a data step once the schema is at head,
#: run in the same transaction (the step reads the records with today's models, which only
#: fit the newest schema). The layer that knows how registers it (``after_upgrade``).
DATA_STEPS: tuple[str, ...] = ("0006_search_index",)
#: ``revision -> step(connection)``, filled by ``after_upgrade`` (the search index registers
#: its rebuild when it loads).
AFTER_UPGRADE: dict[str, Callable[[Connection], object]] = {}
BUSY_TIMEOUT_MS = 10_000


class DatabaseError(Exception):
    """The database cannot be opened as it is; the message says why, for the user."""


class NewerDatabaseError(DatabaseError):
    """The file was written by a newer secdesk: we refuse to touch it."""


class ServerReadOnlyError(DatabaseError):
    """This desk's role on the server may read and not save: a save is refused before
    anything is sent (the message says so, for the user)."""


class MigrationError(DatabaseError):
    """Upgrading the schema failed; the transaction was rolled back, the file is as it was."""

    def __init__(self, path: Path | str, revision: str | None, backup: Path | None) -> None:
        self.path = path
        self.backup = backup
        if backup is not None:
            message = _(
                "Upgrading {path} from schema {revision} to {head} failed, so the file was "
                "left as it was; a copy made just before is {backup}. Tell whoever looks "
                "after secdesk."
            ).format(path=path, revision=revision, head=HEAD, backup=backup)
        else:
            message = _(
                "Setting up the database {path} failed, so nothing was changed. Tell "
                "whoever looks after secdesk."
            ).format(path=path)
        super().__init__(message)


@contextmanager
def _opening_lock(path: Path) -> Iterator[None]:
    """An exclusive lock, across processes, for setting a database file up."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: SQLite's busy timeout only
            yield
            return
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def _apply_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # The driver's own transaction handling would leave DDL outside any transaction, so
    # a migration could half-happen; SQLAlchemy's "begin" below opens them instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    # A saved record must survive a power cut: fsync the WAL on every commit.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def make_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _apply_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


WRITE = {"secdesk_write": True}
"""Execution options of a transaction that will write: it takes the write lock up front
(BEGIN IMMEDIATE), so two windows saving at once wait their turn instead of failing."""


def _begin(connection: Connection) -> None:
    write = connection.get_execution_options().get("secdesk_write")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def stored_revision(path: Path) -> str | None:
    """The schema revision recorded in the file, or None for an empty database."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    from secdesk.dbfile import connect_unchanging, folder_writable

    if folder_writable(path.parent):
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    else:  # a read-only share: SQLite could not make the -shm file beside it
        conn = connect_unchanging(path)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table'"
            ).fetchone()[0]
            if tables:
                raise DatabaseError(
                    _("{path} is not a secdesk database (it has other tables).").format(path=path)
                )
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        # SQLite's own words ("file is not a database") are not for the user.
        raise DatabaseError(
            _(
                "{path} cannot be read as a secdesk database: it is damaged or is another "
                "kind of file. Nothing was changed."
            ).format(path=path)
        ) from exc
    finally:
        conn.close()


def current_generation(path: Path) -> int | None:
    """The newest audit Event id, read with the standard library alone (no SQLAlchemy), so
    the desk can tell at once whether a remembered dashboard is still true. None when the
    file cannot tell (missing, empty, another schema)."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT max(id) FROM event").fetchone()
        return int(row[0] or 0)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def stored_revision_in(connection: Connection) -> str | None:
    """The schema revision as seen inside an open transaction."""
    if connection.dialect.name == "postgresql":
        from secdesk import dbserver

        return dbserver.stored_revision_in(connection)
    row = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).first()
    if row is None:
        return None
    version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return version[0] if version else None


def backup(path: Path, destination: Path) -> Path:
    """Copy a live database consistently with SQLite's backup API (0600, never half)."""
    from secdesk.dbfile import online_backup

    return online_backup(path, destination)


def alembic_config(connection: object | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def migrate(path: Path, engine: Engine, backup_to: Path | None = None) -> str | None:
    """Bring the schema to HEAD. Returns the backup path's name if one was made.

    A current schema returns at once without importing Alembic. A newer, unknown revision
    is refused and the file left untouched.
    """
    revision = stored_revision(path)
    if revision == HEAD:
        return None
    _refuse_newer(path, revision)
    made = None
    if revision is not None and backup_to is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        made = backup(path, backup_to / f"{path.stem}-{stamp}-before-{HEAD}.db")
    from alembic import command

    # One transaction holding the write lock: a second window starting at the same moment
    # waits, then finds the schema current; a failure leaves the file as it was.
    try:
        with engine.execution_options(**WRITE).begin() as connection:
            if stored_revision_in(connection) == HEAD:
                return None
            command.upgrade(alembic_config(connection), "head")
            _after_upgrade(connection, revision)
    except Exception as exc:
        raise MigrationError(path, revision, made) from exc
    return str(made) if made else None


def migrate_server(url: str, engine: Engine) -> None:
    """Bring the schema of the PostgreSQL database at ``url`` to HEAD, in one transaction
    under the schema lock (two desks starting at once: one upgrades, the other waits, then
    finds it current); DDL is transactional there, so a failure leaves it as it was."""
    from secdesk import dbserver

    where = dbserver.shown(url)
    with engine.connect() as connection:
        revision = stored_revision_in(connection)
        connection.rollback()
    if revision == HEAD:
        return
    _refuse_newer(where, revision)
    from alembic import command

    try:
        with engine.begin() as connection:
            # The schema lock first, waited for as long as the other desk's upgrade takes
            # (the write lock times out: a long upgrade would read as a failed one here).
            dbserver.take_schema_lock(connection)
            revision = stored_revision_in(connection)
            if revision == HEAD:
                return
            _refuse_newer(where, revision)
            dbserver.take_write_lock(connection)  # no desk saves while the schema changes
            command.upgrade(alembic_config(connection), "head")
            _after_upgrade(connection, revision)
    except DatabaseError:
        raise
    except Exception as exc:
        raise MigrationError(where, revision, None) from exc


def _refuse_newer(where: str | Path, revision: str | None) -> None:
    if revision is not None and revision not in REVISIONS:
        raise NewerDatabaseError(
            _(
                "{path} was written by a newer secdesk (schema {revision}); this version "
                "knows schemas up to {head}. Upgrade secdesk to open it. The file was not "
                "changed."
            ).format(path=where, revision=revision, head=HEAD)
        )


def _after_upgrade(connection: Connection, start: str | None) -> None:
    """Run the data steps of the revisions an upgrade from ``start`` went through (none
    for a new, empty file)."""
    if start is None:
        return
    passed = REVISIONS[REVISIONS.index(start) + 1 :]
    for revision in passed:
        step = AFTER_UPGRADE.get(revision)
        if step is not None:
            step(connection)
        elif revision in DATA_STEPS:
            raise RuntimeError(f"no data step is registered for {revision}")


def after_upgrade(revision: str, step: Callable[[Connection], object]) -> None:
    """Register the data step an upgrade through ``revision`` needs (see ``DATA_STEPS``)."""
    AFTER_UPGRADE[revision] = step


class Database:
    """One database file, or a database on a PostgreSQL server (``url``): lazily created
    engine, migrations, and sessions."""

    def __init__(self, path: Path, backup_dir: Path | None = None, url: str | None = None) -> None:
        self.path = Path(path)
        """The file; for a server's database, the local name its desk lock and remembered
        dashboards are kept under (never opened as a database)."""
        self.url = url
        """The PostgreSQL database's address, or None for a SQLite file."""
        self.backup_dir = backup_dir
        self._engine: Engine | None = None
        self.last_backup: str | None = None
        self.read_only = False
        """The server lets this desk read and not save (a role granted SELECT only)."""

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self.open()
        assert self._engine is not None
        return self._engine

    def open(self) -> None:
        """Create the file (0600) if needed, check and migrate its schema."""
        if self._engine is not None:
            return
        if self.url is not None:
            self._open_server(self.url)
            return
        stored_revision(self.path)  # refuse foreign files before creating anything
        # Two windows starting together: one creates and migrates, the other waits, then
        # finds the schema current. (SQLite's own locks can refuse the switch to WAL mode
        # outright while another connection is setting the file up.)
        with _opening_lock(self.path):
            if not self.path.exists():
                _create_private_file(self.path)
            engine = make_engine(self.path)
            try:
                self.last_backup = migrate(self.path, engine, self.backup_dir)
            except Exception:
                engine.dispose()
                raise
        self._engine = engine

    def _open_server(self, url: str) -> None:
        from sqlalchemy.exc import OperationalError

        from secdesk import dbserver

        engine = dbserver.engine_or(url, DatabaseError)
        try:
            with engine.connect() as connection:
                writable = (
                    dbserver.can_write(connection) if stored_revision_in(connection) else True
                )
            if writable:
                migrate_server(url, engine)
            else:
                with engine.connect() as connection:
                    if stored_revision_in(connection) != HEAD:
                        raise DatabaseError(
                            _(
                                "{url} is of another schema than this secdesk's and may only "
                                "be read here, so it cannot be upgraded: ask whoever looks "
                                "after the server."
                            ).format(url=dbserver.shown(url))
                        )
            self.read_only = not writable
        except OperationalError as exc:
            engine.dispose()
            # the driver's words are in the sentence
            raise DatabaseError(dbserver.unreachable(url, exc)) from None
        except dbserver.ServerError as exc:
            engine.dispose()
            raise DatabaseError(f"{dbserver.shown(url)}: {exc}") from exc
        except Exception:
            engine.dispose()
            raise
        self._engine = engine

    def open_on(self, engine: Engine) -> None:
        """Read and write through ``engine``, set up by the caller, instead of the file (an
        empty office kept in memory: ``services.store.EmptyStore``)."""
        self._engine = engine

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """A session whose work is committed as one transaction when the block ends;
        ``write`` takes the write lock at the start (see ``WRITE``)."""
        from sqlmodel import Session

        engine = self.engine.execution_options(**WRITE) if write else self.engine
        with Session(engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        if self._engine is not None and self.url is not None:
            self._engine.dispose()
            self._engine = None
        if self._engine is not None:
            try:
                # SQLite's advice for long-lived connections: refresh planner statistics
                # that have drifted (usually does nothing, and fast when it does).
                with self._engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA optimize")
            except Exception:  # noqa: BLE001 - closing must never fail
                pass
            self._engine.dispose()
            self._engine = None


class Watcher(Protocol):
    """What tells a desk that another has saved (``ChangeWatcher`` on a file,
    ``dbserver.ChangeListener`` on a server)."""

    def changed(self) -> bool: ...

    def wait(self, timeout: float) -> bool: ...

    @property
    def trouble(self) -> str | None:
        """What the user should know while changes cannot be heard, else None."""

    def absorb(self) -> None: ...

    def close(self) -> None: ...


class ChangeWatcher:
    """Tells when another connection (window, command line) has committed a change.

    ``PRAGMA data_version`` changes on this connection whenever any *other* connection
    commits; reading it costs microseconds and touches no table.
    """

    trouble: str | None = None
    """A file's changes are always heard."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(path, check_same_thread=False, timeout=1)
        self._lock = Lock()
        self._version = self._read()

    def _read(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        with self._lock:
            version = self._read()
            if version != self._version:
                self._version = version
                return True
            return False

    def wait(self, timeout: float) -> bool:
        """Whether another connection has committed, asked after ``timeout`` seconds (the
        file tells no one: it is asked again)."""
        time.sleep(timeout)
        return self.changed()

    def absorb(self) -> None:
        """Take the changes so far as seen: the app is about to reload after its own write,
        and that reload will show anything committed before it."""
        with self._lock:
            self._version = self._read()

    def close(self) -> None:
        with self._lock:
            self._conn.close()
