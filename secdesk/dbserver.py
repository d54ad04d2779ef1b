"""The PostgreSQL seam: addresses, the engine, the locks, change notices, who else is in.

Wing: the database. Must not import anything of secdesk but i18n.

A shared office keeps its desk on a PostgreSQL server (``--db postgresql://user@host/db``,
``SECDESK_DB`` or the ``database`` setting); a plain path stays a SQLite file (``db.py``,
``dbfile.py``). What only PostgreSQL does lives here, so the services stay in portable
SQLAlchemy: the driver (psycopg 3, the ``postgres`` extra, imported only when an address is
used), the one lock every saving transaction takes (so numbering and record versions behave
as on SQLite, where a saving transaction holds the file's write lock), the schema lock of a
migration, the channel on which a commit tells the other desks, and the other desks'
connections (a restore refuses while there are any).

A password is never taken from the command line (it would stand in the process list):
libpq reads it from ``~/.pgpass`` or ``PGPASSWORD``; every address shown is shown without it.
"""

from __future__ import annotations

import contextlib
import re
import time
from threading import Lock
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from weakref import WeakKeyDictionary

from secdesk.i18n import _

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator

    from sqlalchemy.engine import Connection, Engine

#: The schemes an address of a PostgreSQL database may start with.
SCHEMES = frozenset({"postgresql", "postgres", "postgresql+psycopg"})
#: What secdesk's connections call themselves on the server (``pg_stat_activity``).
APPLICATION = "secdesk"
#: The advisory lock every saving transaction holds until it ends: one desk saves at a time,
#: as on SQLite, so a number is never given twice and a version never lost.
WRITE_LOCK = 0x5EC_DE5C
#: The advisory lock of a schema upgrade: two desks starting at once do not both migrate.
SCHEMA_LOCK = 0x5EC_DE5D
#: How long a saving transaction waits for another desk's save before it gives up.
LOCK_TIMEOUT = "10s"
#: The channel a committed change is told on (the trigger of revision 0012).
CHANNEL = "secdesk_changes"
#: How long the change listener waits for the server when it connects (again).
LISTEN_CONNECT_TIMEOUT_S = 5
#: How often a change listener that lost its connection tries to make it again, in seconds.
RELISTEN_S = 5.0
_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_DESK_PIDS: WeakKeyDictionary[Engine, set[int]] = WeakKeyDictionary()


class ServerError(Exception):
    """The server cannot be used as it is; the message says why, for the user."""


def is_address(text: str) -> bool:
    """Whether ``text`` is written as an address (``scheme://…``), not as a file name."""
    return bool(_ADDRESS.match(text))


def is_server(text: str) -> bool:
    """Whether ``text`` is the address of a PostgreSQL database."""
    return is_address(text) and text.split(":", 1)[0].lower() in SCHEMES


def shown(url: str) -> str:
    """``url`` as it may be shown: a password in it (user:secret@host) is never echoed."""
    hidden = re.sub(r"(://[^/@:]*):[^/@]*@", r"\1:***@", url)
    return re.sub(r"([?&]password=)[^&#]*", r"\1***", hidden, flags=re.IGNORECASE)


def without_password(url: str) -> str:
    """``url`` with no password in it (neither ``user:secret@`` nor ``?password=``): the
    address to give instead, and what a database is known by on this computer."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")
    if netloc[1]:
        user = netloc[0].split(":", 1)[0]
        netloc = (user, "@", netloc[2])
    query = [(k, v) for k, v in parse_qsl(parts.query) if k.lower() != "password"]
    return urlunsplit(
        (parts.scheme, "".join(netloc), parts.path, urlencode(query, safe="/"), parts.fragment)
    )


def has_password(url: str) -> bool:
    """Whether ``url`` carries a password (``user:secret@`` or ``?password=``)."""
    query = {key.lower() for key, _value in parse_qsl(urlsplit(url).query)}
    return urlsplit(url).password is not None or "password" in query


def database_name(url: str) -> str:
    """The database's name in ``url`` (``office`` of ``postgresql://u@host/office``)."""
    name = urlsplit(url).path.lstrip("/")
    return name or dict(parse_qsl(urlsplit(url).query)).get("dbname", "")


def with_database(url: str, name: str) -> str:
    """``url`` naming the database ``name`` on the same server instead."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def libpq_url(url: str) -> str:
    """``url`` as libpq (psql, pg_dump) reads it."""
    parts = urlsplit(url)
    return urlunsplit(("postgresql", parts.netloc, parts.path, parts.query, parts.fragment))


def sqlalchemy_url(url: str) -> str:
    """``url`` as SQLAlchemy opens it with psycopg 3."""
    parts = urlsplit(url)
    return urlunsplit(("postgresql+psycopg", parts.netloc, parts.path, parts.query, ""))


def need_driver() -> None:
    """Refuse in one sentence when psycopg 3 is not installed."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise ServerError(
            _(
                "Opening a PostgreSQL database needs its driver: install it with "
                "pip install 'secdesk[postgres]'."
            )
        ) from exc


def make_engine(url: str) -> Engine:
    """The engine of the database at ``url``: its saving transactions take ``WRITE_LOCK``."""
    need_driver()
    from sqlalchemy import create_engine, event

    engine = create_engine(
        sqlalchemy_url(url),
        pool_pre_ping=True,
        connect_args={"application_name": APPLICATION, "connect_timeout": 10},
    )
    event.listen(engine, "begin", _begin)
    pids: set[int] = set()
    _DESK_PIDS[engine] = pids
    event.listen(engine, "connect", lambda dbapi, record: _remember(pids, dbapi, record))
    event.listen(engine, "close", lambda _dbapi, record: pids.discard(record.info.get("pid", 0)))
    return engine


def engine_or(url: str, error: type[Exception]) -> Engine:
    """``make_engine``, a refusal of it (no driver) raised as ``error`` in the same words."""
    try:
        return make_engine(url)
    except ServerError as exc:
        raise error(str(exc)) from exc


def unreachable(url: str, exc: Any) -> str:
    """What to say when the database at ``url`` cannot be reached: the driver's own words
    of ``exc`` (a SQLAlchemy ``OperationalError``), first line only (libpq adds hints on
    the next ones)."""
    reason = str(exc.orig or exc).strip().splitlines()
    return _("The PostgreSQL database {url} cannot be reached: {reason}").format(
        url=shown(url), reason=reason[0] if reason else type(exc.orig or exc).__name__
    )


def _lost() -> str:
    return _(
        "The connection to the server was lost: other desks' saves are not shown until it "
        "is back (secdesk tries again by itself)."
    )


def _remember(pids: set[int], dbapi_connection: Any, record: Any) -> None:
    pid = int(dbapi_connection.info.backend_pid)
    record.info["pid"] = pid
    pids.add(pid)


def desk_pids(engine: Engine) -> set[int]:
    """The server processes of ``engine``'s connections now (kept up to date): a change
    notice sent by one of them is this desk's own save."""
    return _DESK_PIDS.setdefault(engine, set())


def _begin(connection: Connection) -> None:
    if connection.get_execution_options().get("secdesk_write"):
        take_write_lock(connection)


def take_write_lock(connection: Connection) -> None:
    """Wait (``LOCK_TIMEOUT`` at most) until no other desk is saving, then hold the lock
    until the transaction ends."""
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


def peek(url: str) -> tuple[str | None, int] | None:
    """(schema revision, newest audit Event id) of the database at ``url``, read with the
    driver alone, without SQLAlchemy: whether a remembered dashboard is still true
    (``snapshot``) is then told in a few milliseconds after psycopg's import. None when it
    cannot be told (no driver, no server, not a secdesk database): the usual way in says
    why."""
    try:
        import psycopg
    except ImportError:
        return None
    try:
        with psycopg.connect(
            libpq_url(url), application_name=APPLICATION, connect_timeout=10
        ) as conn:
            row = conn.execute(
                "SELECT (SELECT version_num FROM alembic_version), "
                "(SELECT coalesce(max(id), 0) FROM event)"
            ).fetchone()
    except psycopg.Error:
        return None
    return (str(row[0]) if row and row[0] else None), int(row[1] if row else 0)


def take_schema_lock(connection: Connection) -> None:
    """Hold the schema lock until the transaction ends (a second desk waits, then finds the
    schema current)."""
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK})")


def stored_revision_in(connection: Connection) -> str | None:
    """The schema revision in the database, None for an empty one; a database with other
    tables and no secdesk schema is refused."""
    found = connection.exec_driver_sql(
        "SELECT to_regclass('alembic_version') IS NOT NULL"
    ).scalar_one()
    if not found:
        tables = connection.exec_driver_sql(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
        ).scalar_one()
        if tables:
            raise ServerError(_("This database is not a secdesk database (it has other tables)."))
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return str(row[0]) if row else None


def can_write(connection: Connection) -> bool:
    """Whether this connection's role may save (INSERT on the audit trail): a role granted
    SELECT only opens the desk read-only."""
    return bool(
        connection.exec_driver_sql(
            "SELECT has_table_privilege(current_user, 'event', 'INSERT')"
        ).scalar_one()
    )


def others_connected(connection: Connection) -> int:
    """How many other connections to this database there are (other desks, psql …; not
    the server's own workers, such as autovacuum's)."""
    return int(
        connection.exec_driver_sql(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'"
        ).scalar_one()
    )


@contextlib.contextmanager
def shadowed(connection: Connection, tables: Iterable[str]) -> Iterator[None]:
    """Within ``connection``'s transaction, ``tables`` read through private copies to
    change and read and throw away: a temporary table of the same name, which PostgreSQL
    finds before the real one, dropped after (and at the transaction's end in any case).
    Reading only needs the TEMPORARY privilege, which every role has by default, so a
    desk that may only read can do it too."""
    schema = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
    made: list[str] = []
    try:
        for name in tables:
            connection.exec_driver_sql(
                f'CREATE TEMPORARY TABLE "{name}" (LIKE "{schema}"."{name}") ON COMMIT DROP'
            )
            made.append(name)
            connection.exec_driver_sql(
                f'INSERT INTO pg_temp."{name}" SELECT * FROM "{schema}"."{name}"'
            )
        yield
    finally:
        for name in made:
            with contextlib.suppress(Exception):  # a failed transaction drops them itself
                connection.exec_driver_sql(f'DROP TABLE IF EXISTS pg_temp."{name}"')


class ChangeListener:
    """Tells when another desk has committed a change: a connection of its own listens on
    ``CHANNEL``, which the audit trail's trigger notifies at every commit that records an
    Event. Reading costs a poll of the socket, no query.

    A notice sent by one of ``own``'s server processes (this desk's connections,
    ``desk_pids``) is this desk's own save, which the screen that saved shows: it is not
    told again. A lost connection (the server restarted, the network gone) is made again,
    ``RELISTEN_S`` apart; meanwhile ``trouble`` says so and nothing is told."""

    def __init__(self, url: str, own: Collection[int] = frozenset()) -> None:
        need_driver()
        self._url = url
        self._own = own
        self._lock = Lock()
        self._conn: Any = None
        self._tried = 0.0
        """When the last connection was tried (``time.monotonic``)."""
        self.trouble: str | None = None
        """What the user should know while other desks' saves cannot be heard, else None."""
        import psycopg

        try:
            self._connect()
        except psycopg.Error:  # said, and tried again as for a connection lost later
            self.trouble = _lost()

    def _connect(self) -> None:
        import psycopg

        self._tried = time.monotonic()
        conn = psycopg.connect(
            libpq_url(self._url),
            autocommit=True,
            application_name=APPLICATION,
            connect_timeout=LISTEN_CONNECT_TIMEOUT_S,
        )
        try:
            conn.execute(f"LISTEN {CHANNEL}")
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for another desk's change; True when one came,
        or when a lost connection was made again (what was saved meanwhile is unknown, so
        the screens read again)."""
        import psycopg

        deadline = time.monotonic() + timeout
        with self._lock:
            conn = self._conn
        if conn is None:
            return self._reconnect(deadline)
        try:
            while True:
                remaining = max(0.0, deadline - time.monotonic())
                told = False
                for notice in conn.notifies(timeout=remaining, stop_after=1):
                    told = told or self._from_another(notice)
                if told:
                    for _notice in conn.notifies(timeout=0):
                        pass  # the reload this notice causes shows theirs too
                    return True
                if remaining == 0.0:
                    return False
        except psycopg.Error:
            with self._lock:
                self._drop()
            self.trouble = _lost()
            return False

    def _from_another(self, notice: Any) -> bool:
        return bool(notice.channel == CHANNEL and notice.pid not in self._own)

    def _reconnect(self, deadline: float) -> bool:
        import psycopg

        if time.monotonic() - self._tried >= RELISTEN_S:
            try:
                with self._lock:
                    self._connect()
            except psycopg.Error:
                pass
            else:
                self.trouble = None
                return True
        time.sleep(max(0.0, deadline - time.monotonic()))
        return False

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):  # a broken connection closes as it can
                self._conn.close()
            self._conn = None

    def changed(self) -> bool:
        """Whether another desk has saved since last asked (``wait`` without waiting)."""
        return self.wait(0.0)

    def absorb(self) -> None:
        """This desk's own saves are told apart by their server process (``own``): nothing
        to take as seen."""

    def close(self) -> None:
        with self._lock:
            self._drop()
