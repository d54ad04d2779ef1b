"""The one door from the UI to the database.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

A screen never opens a Session: it hands a service function to ``Store.run`` (in a worker
thread), which runs it in one transaction and commits before returning. Importing this
module is cheap; the database layer loads on first use.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from secdesk import collector

if TYPE_CHECKING:
    from sqlmodel import Session

    from secdesk.db import Database, Watcher

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")

#: Rows per transaction of ``Store.write_batches``: short enough that another window's save
#: waits well under a second for one.
BATCH = 5000
#: The pause between two batches, in seconds (see ``Store.write_batches``).
PAUSE_S = 0.1

#: How many times a save that found the database busy is tried in all (``Store.write``).
RETRIES = 3
#: The pause before the second try, in seconds; the third waits twice as long.
RETRY_PAUSE_S = 0.2

_LOADING = Lock()
_loaded = False


def load_data_layer() -> None:
    """Import SQLAlchemy, SQLModel and the services, once, in one thread at a time.

    Two threads importing SQLAlchemy at the same moment can each find the other's modules
    half made ("partially initialized module"): every worker that touches the data calls
    this first (cheap once done)."""
    global _loaded
    if not _loaded:
        with _LOADING:
            if not _loaded:
                import secdesk.db
                import secdesk.services.records  # noqa: F401 - SQLModel, the models, the kinds
                import secdesk.services.search_index  # noqa: F401 - in step, its upgrade

                _loaded = True
    collector.release(collector.DATA_LAYER)  # a command's start is over


class Store:
    """A database file, or a database on a PostgreSQL server (``url``), opened (and
    migrated) lazily on the first call."""

    def __init__(self, path: Path, backup_dir: Path | None = None, url: str | None = None) -> None:
        self.path = Path(path)
        """The database file; for a server's database, the local name its desk lock and
        remembered dashboards are kept under (``config.server_path``)."""
        self.url = url
        """The PostgreSQL database's address, or None for a SQLite file."""
        self.backup_dir = backup_dir
        self._db: Database | None = None
        self._lock = Lock()
        self._watchers: list[Watcher] = []

    @property
    def db(self) -> Database:
        load_data_layer()
        with self._lock:
            if self._db is None:
                self._db = self._database()
            return self._db

    def _database(self) -> Database:
        """The file opened (created and migrated if need be)."""
        from secdesk.db import Database

        db = Database(self.path, self.backup_dir, self.url)
        db.open()
        return db

    @property
    def where(self) -> str:
        """The database as the user named it: the file, or the address without a password."""
        if self.url is None:
            return str(self.path)
        from secdesk.dbserver import shown

        return shown(self.url)

    @property
    def on_server(self) -> bool:
        """The database is on a PostgreSQL server, shared with other desks."""
        return self.url is not None

    @property
    def read_only(self) -> bool:
        """The server lets this desk read and not save (a role granted SELECT only)."""
        return self.db.read_only

    def open(self) -> str | None:
        """Open and migrate now; returns the path of the backup made before a migration."""
        return self.db.last_backup

    def run(self, fn: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run ``fn(session, ...)`` as one committed transaction and return its result."""
        with self.db.session() as session:
            return fn(session, *args, **kwargs)

    def write(
        self, fn: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """Run a change as one committed transaction that holds the write lock from its
        start (two windows saving at once take turns). This store's watchers take it as
        seen: the caller shows it, so the screens do not reload twice for it.

        A desk that may only read (``read_only``) is refused before anything is sent
        (``ServerReadOnlyError``). A save that found the database busy too long (another
        desk holding the lock past its timeout, a serialization failure, a deadlock) was
        rolled back whole, so it is tried again, ``RETRIES`` times in all, a moment apart;
        then the busy error goes on, for ``errors.describe`` to tell in one sentence."""
        from secdesk.services import errors

        if self.read_only:
            from secdesk.db import ServerReadOnlyError

            raise ServerReadOnlyError(errors.sentence(errors.SERVER_READ_ONLY))
        for attempt in range(1, RETRIES + 1):
            try:
                with self.db.session(write=True) as session:
                    result = fn(session, *args, **kwargs)
                break
            except Exception as exc:
                if attempt == RETRIES or not errors.is_busy(exc):
                    raise
            time.sleep(RETRY_PAUSE_S * attempt)
        for watcher in list(self._watchers):
            watcher.absorb()
        return result

    def write_batches(
        self,
        rows: list[T],
        save: Callable[[Session, list[T]], list[int]],
        take_back: Callable[[Session, list[int]], None],
        finish: Callable[[Session, list[int]], object],
        progress: Callable[[int, int], None] | None = None,
        batch: int = BATCH,
        *,
        kind: str | None = None,
        source: str = "",
    ) -> list[int]:
        """Save many ``rows`` as one change the user sees whole, in short transactions: each
        batch by ``save`` (it returns the ids it wrote), then ``finish`` with every id (the
        audit Event). Others can save between two batches (a call logged meanwhile waits a
        batch, not the import). If any step fails, or Ctrl+C stops it, ``take_back``
        removes what the batches wrote, and the error goes on: nothing was imported.
        ``progress(done, total)`` is told the rows saved.

        With a ``kind`` (the record kind it adds) the import is an ImportBatch (read from
        ``source``) whose id every row saved carries (``bulk.insert_rows``): a process
        killed half-way leaves it unfinished, for ``doctor`` and ``import undo`` to find,
        and a finished one can be taken back whole."""
        from secdesk.services import imports

        ids: list[int] = []
        batch_id = None if kind is None else self.write(imports.begin, kind, source)

        def save_marked(session: Session, chunk: list[T]) -> list[int]:
            session.info[imports.INFO_KEY] = batch_id
            try:
                return save(session, chunk)
            finally:
                session.info.pop(imports.INFO_KEY, None)

        def finish_whole(session: Session, ids: list[int]) -> object:
            if batch_id is not None:
                imports.finish(session, batch_id, len(ids))
            return finish(session, ids)

        try:
            for start in range(0, len(rows), batch):
                if start:
                    # SQLite's busy handler asks again every 100 ms: a pause as long lets a
                    # window that is waiting to save in first (else the next batch would).
                    time.sleep(PAUSE_S)
                ids.extend(self.write(save_marked, rows[start : start + batch]))
                if progress is not None:
                    progress(min(start + batch, len(rows)), len(rows))
            self.write(finish_whole, ids)
        except BaseException:
            self._take_back(take_back, ids)
            if batch_id is not None:
                self.write(imports.discard, batch_id)
            raise
        return ids

    def _take_back(self, take_back: Callable[[Session, list[int]], None], ids: list[int]) -> None:
        """Remove what an unfinished ``write_batches`` wrote, batch by batch; a second
        Ctrl+C meanwhile does not stop it (the batch it cut short is done again)."""
        while ids:
            chunk = ids[-BATCH:]
            try:
                self.write(take_back, chunk)
            except KeyboardInterrupt:
                continue
            del ids[-BATCH:]

    def watcher(self) -> Watcher:
        """A new watcher that tells when anybody commits to this database."""
        from secdesk.db import ChangeWatcher
        from secdesk.dbserver import ChangeListener, desk_pids

        db = self.db  # the file must exist and be migrated first
        watcher: Watcher = (
            ChangeWatcher(self.path)
            if self.url is None
            else ChangeListener(self.url, own=desk_pids(db.engine))
        )
        self._watchers.append(watcher)
        return watcher

    def generation(self) -> int | None:
        """The newest audit Event's id (every change records one): a reading taken at
        another generation is out of date. None when it cannot be told."""
        if self.url is None:
            from secdesk.db import current_generation

            return current_generation(self.path)
        from sqlalchemy import text

        with self.db.engine.connect() as connection:
            return int(
                connection.execute(text("SELECT coalesce(max(id), 0) FROM event")).scalar_one()
            )

    def forget(self, watcher: Watcher) -> None:
        if watcher in self._watchers:
            self._watchers.remove(watcher)
        watcher.close()

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


class EmptyStore(Store):
    """The office before its first record: a reading command on a new home (no database
    file yet) reads an empty database kept in memory, so it shows an empty day, no hits
    and zero figures, and creates no file. ``path`` names the file a save would create."""

    def _database(self) -> Database:
        return _empty_database(self.path)


def _empty_database(path: Path) -> Database:
    """A Database whose engine is an empty schema in memory (the models' tables and the
    search index), never written to disk."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool
    from sqlmodel import SQLModel

    from secdesk.db import Database
    from secdesk.services import search_backend

    database = Database(path)
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    SQLModel.metadata.create_all(engine)
    with engine.begin() as connection:
        search_backend.create(connection)
    database.open_on(engine)
    return database


class ReadOnlyStore(Store):
    """A database in a folder nobody can write to (a read-only share, a CD, a locked-down
    folder): reading commands read it as it is, unchanged and unmigrated."""

    def _database(self) -> Database:
        return _unchanging_database(self.path)


def _unchanging_database(path: Path) -> Database:
    """A Database reading ``path`` without writing anything beside it; one of another
    schema than this secdesk's is refused (it cannot be upgraded where it is)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import StaticPool

    from secdesk import dbfile
    from secdesk.db import HEAD, Database, DatabaseError
    from secdesk.i18n import _

    connection = dbfile.connect_unchanging(path)
    engine = create_engine("sqlite://", creator=lambda: connection, poolclass=StaticPool)
    with engine.connect() as probe:
        revision = probe.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision != HEAD:
        engine.dispose()
        raise DatabaseError(
            _(
                "{path} is of an older schema and its folder is read-only, so it cannot be "
                "upgraded: copy it to a folder you may write to and open the copy."
            ).format(path=path)
        )
    database = Database(path)
    database.open_on(engine)
    return database
