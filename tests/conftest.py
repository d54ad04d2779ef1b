"""Shared fixtures: every test gets its own SECDESK_HOME, English, and Asia/Shanghai time."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from secdesk import i18n
from secdesk.calendar import clock
from secdesk.config import Settings

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
"""Real files from other programs (vCard exports, Asterisk call records), shared with the
other checkouts: ../shared/samples beside the repository."""
HOSTILE = ["[/]", "[bold", "[@click=app.quit]x", "a[b]c", "\x1b[2J", "[link=x]y[/link]"]
"""User text that must be shown literally and never act as markup or terminal control."""


def missing(reason: str) -> NoReturn:
    """Something a test needs is not on this machine: skip the test, except on CI (the
    ``CI`` environment variable is set), where it fails, so CI never passes on tests it
    did not run."""
    if "CI" in os.environ:
        pytest.fail(f"{reason}; on CI every test must run", pytrace=False)
    pytest.skip(reason)


def need_samples(*parts: str) -> Path:
    """The path ``parts`` under ../shared/samples (``need_samples("cdr", name)``), or
    :func:`missing` if it is not there."""
    path = SAMPLES.joinpath(*parts)
    if not path.exists():
        missing(f"sample data not available: {path}")
    return path


def need_program(name: str) -> str:
    """The full path of the program ``name`` (``tmux``), or :func:`missing` if it is not
    installed."""
    found = shutil.which(name)
    if found is None:
        missing(f"{name} is not installed")
    return found


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("SECDESK_HOME", str(home))
    monkeypatch.delenv("SECDESK_DB", raising=False)
    monkeypatch.delenv("SECDESK_USER", raising=False)
    i18n.set_language("en")
    clock.set_zone("Asia/Shanghai")
    yield home
    i18n.set_language("en")
    clock.set_zone(None)
    from secdesk import config

    config.use_office(None)  # the demo office's signature does not follow into other tests
    config.use_user(None)  # nor a desk's user


PG_SERVER = "SECDESK_TEST_PG"
"""The environment variable naming a PostgreSQL server the tests may make databases on
(``postgresql://user@/postgres?host=/socket/folder``; ``scripts/pg_cluster.sh start DIR``
starts a throwaway one and prints it). Unset, the tests marked ``both_engines`` run on
SQLite alone, except on CI (``missing``)."""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test marked ``both_engines`` that uses the ``store`` runs once per engine."""
    if "engine" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_engines"):
        metafunc.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: where the test's ``store`` keeps its records."""
    return str(getattr(request, "param", "sqlite"))


class PgServer:
    """A PostgreSQL server the tests make databases on: each test's is a copy of a template
    migrated once per worker (``CREATE DATABASE … TEMPLATE``, a few milliseconds)."""

    def __init__(self, url: str, worker: str) -> None:
        self.url = url
        self.prefix = f"secdesk_test_{worker}"
        self.template = f"{self.prefix}_template"
        self.made = 0
        self._ready = False

    def run(self, *statements: str) -> None:
        import psycopg

        from secdesk import dbserver

        with psycopg.connect(dbserver.libpq_url(self.url), autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]

    def address(self, name: str) -> str:
        from secdesk import dbserver

        return dbserver.with_database(self.url, name)

    def empty(self) -> str:
        """The address of a new, empty database."""
        self.made += 1
        name = f"{self.prefix}_{self.made}"
        self.run(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}")
        return self.address(name)

    def fresh(self) -> str:
        """The address of a new database with the current schema."""
        if not self._ready:
            from secdesk.db import Database

            self.run(
                f"DROP DATABASE IF EXISTS {self.template} WITH (FORCE)",
                f"CREATE DATABASE {self.template}",
            )
            database = Database(Path("unused.db"), url=self.address(self.template))
            database.open()
            database.close()
            self._ready = True
        self.made += 1
        name = f"{self.prefix}_{self.made}"
        self.run(
            f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
            f"CREATE DATABASE {name} TEMPLATE {self.template}",
        )
        return self.address(name)

    def reader(self, url: str) -> str:
        """The address of the database at ``url`` for a role that may only read it (LOGIN,
        SELECT on its tables, nothing more: a director who follows)."""
        from urllib.parse import urlsplit, urlunsplit

        import psycopg

        from secdesk import dbserver

        role = f"{self.prefix}_reader"
        self.run(
            f"DO $$ BEGIN CREATE ROLE {role} LOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
        with psycopg.connect(dbserver.libpq_url(url), autocommit=True) as conn:
            conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")  # type: ignore[arg-type]
        parts = urlsplit(url)
        host = parts.netloc.rsplit("@", 1)[-1]
        return urlunsplit(parts._replace(netloc=f"{role}@{host}"))

    def drop(self, url: str) -> None:
        from secdesk import dbserver

        self.run(f"DROP DATABASE IF EXISTS {dbserver.database_name(url)} WITH (FORCE)")


@pytest.fixture(scope="session")
def pg_server(worker_id: str) -> PgServer:
    """The PostgreSQL server of ``SECDESK_TEST_PG`` (``missing`` without one)."""
    url = os.environ.get(PG_SERVER)
    if not url:
        missing(f"no PostgreSQL server for the tests: set {PG_SERVER} (scripts/pg_cluster.sh)")
    return PgServer(url, worker_id)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """The address of a new database with the current schema, dropped after the test."""
    url = pg_server.fresh()
    yield url
    pg_server.drop(url)


@pytest.fixture
def store(tmp_path: Path, engine: str, request: pytest.FixtureRequest):  # noqa: ANN201
    """The test's database: a SQLite file, or (``both_engines``) a PostgreSQL database."""
    from secdesk.services.store import Store

    if engine == "postgresql":
        url = request.getfixturevalue("pg_url")
        s = Store(tmp_path / "test.db", tmp_path / "backups", url=url)
    else:
        s = Store(tmp_path / "test.db", tmp_path / "backups")
    yield s
    s.close()


@pytest.fixture
def session(store):  # noqa: ANN001, ANN201
    with store.db.session() as s:
        yield s


@pytest.fixture
def make_app(store):  # noqa: ANN001, ANN201
    """Build the app the way the CLI does (watching for changes is off unless asked)."""
    from secdesk.app import SecDeskApp

    def factory(watch_changes: bool = False, settings: Settings | None = None) -> SecDeskApp:
        return SecDeskApp(store, settings or Settings(), watch_changes=watch_changes)

    return factory


async def wait_until(pilot, predicate: Callable[[], bool], timeout: float = 5.0) -> None:  # noqa: ANN001
    """Let the app run until ``predicate()`` holds (a condition, never a fixed sleep)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


async def settle(pilot) -> None:  # noqa: ANN001
    """Wait until the app is idle: an open dashboard has filled its panels (its loading
    starts after the first frame) and every worker has finished."""
    from secdesk.screens.dashboard import DashboardScreen
    from secdesk.widgets.panel import Panel

    app = pilot.app
    await pilot.pause()
    for screen in app.screen_stack:
        if isinstance(screen, DashboardScreen):
            await wait_until(
                pilot,
                lambda s=screen: s.data is not None and all(p.loaded for p in s.query(Panel)),
            )
    await app.workers.wait_for_complete()
    await pilot.pause()


def stored_rows(db: Path | str, sql: str, *params: object) -> list[tuple]:
    """The rows ``sql`` reads from the database file ``db`` as it is stored, with the
    standard library's sqlite3 alone (no secdesk code between the test and the file)."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def future_database(path: Path) -> bytes:
    """A database file as a newer secdesk would leave it; returns its bytes, every
    connection closed (so the WAL is folded in and the bytes are final)."""
    from secdesk.services.store import Store

    store = Store(path)
    store.open()
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    return path.read_bytes()
