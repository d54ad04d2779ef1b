"""Backups of a database on a PostgreSQL server: ``pg_dump`` and ``pg_restore``.

Wing: care. Must not import office, demo, screens, widgets, app or cli.

A database on a server is backed up with PostgreSQL's own client tools: ``pg_dump`` writes
a custom-format archive into the database's backups folder on this computer
(``config.backup_dir`` of its local name), named as a file's backups are, ending ``.dump``::

    office-daily-2026-12-01.dump              the first start of each day (pruned alike)
    office-20261201-101500.dump               ``secdesk backup``
    office-20261201-101500-before-restore.dump    the database as it was before a restore

A restore reads an archive back into the same database in one transaction: a safety dump
first, then every table, sequence and function of the schema is dropped and the archive's
are made (``pg_restore`` writes the script, ``psql`` runs it; the transaction commits only
when the whole archive was read). It is refused while another connection to the database
is open (another desk, psql: ``dbserver.others_connected``), the server-side counterpart of
a file's desk lock. An archive of an older schema is upgraded after it is restored.

The tools are found in Debian's folder of the server's version first, then on PATH; a tool
of another major version than the server's is refused in one sentence (an older pg_dump
cannot read a newer server; a newer one writes what an older server cannot load). Where
the tools are missing, the user is told in one sentence how to back up instead.

A password never stands in the process list: the tools are given the address without it,
and a password written in the address (SECDESK_DB, the ``database`` setting) through
``PGPASSWORD``; usually libpq reads it from ``~/.pgpass`` itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from secdesk import dbfile, dbserver
from secdesk.calendar import clock
from secdesk.care import desklock, keeping
from secdesk.care.keeping import BackupError, Examined, Restored, restorable
from secdesk.i18n import _, ngettext

#: How an archive's name ends.
SUFFIX = keeping.ARCHIVE
#: Where Debian keeps each PostgreSQL version's client tools (``/usr/bin/pg_dump`` is a
#: wrapper that picks the newest one, which may not be the server's).
VERSIONED = "/usr/lib/postgresql/{major}/bin"
#: In the backups folder: the day's backup could not be taken for want of the tools, and
#: the desk has said so once (it says nothing more until the tools are back and gone again).
NOTED = ".pg_dump-missing"


class ToolMissing(BackupError):
    """A client tool is not installed here, or not of the server's major version."""


class Unreachable(BackupError):
    """The server cannot be reached (or the database is not a secdesk one)."""


class DesksConnected(BackupError):
    """Other connections to the database are open: a restore is refused."""

    def __init__(self, where: str, count: int) -> None:
        super().__init__(
            ngettext(
                "{n} other connection to {url} is open (another desk, or psql): close it, "
                "then restore. Nothing was changed.",
                "{n} other connections to {url} are open (other desks, or psql): close "
                "them, then restore. Nothing was changed.",
                count,
            ).format(n=count, url=where)
        )
        self.count = count


@dataclass(frozen=True)
class Server:
    """What the care commands need to know of the server and the database."""

    version: str
    """The server's version, as it says it (``15.18``)."""
    major: int
    revision: str | None
    """The database's schema revision; None for an empty database."""
    others: int
    """Other connections to the database."""
    user: str
    writable: bool
    """The role may save (a role granted SELECT only may not)."""


def named(url: str) -> Path:
    """The name the database's archives are named after (``office.dump``)."""
    name = re.sub(r"[^\w-]+", "_", dbserver.database_name(url)) or "postgres"
    return Path(name + SUFFIX)


# -- the server --------------------------------------------------------------------------


def server(url: str) -> Server:
    """Connect to the database at ``url`` (never migrating it) and look at it."""
    from sqlalchemy.exc import OperationalError

    where = dbserver.shown(url)
    engine = dbserver.engine_or(url, Unreachable)
    try:
        with engine.connect() as connection:
            number = int(connection.exec_driver_sql("SHOW server_version_num").scalar_one())
            version = str(connection.exec_driver_sql("SHOW server_version").scalar_one())
            user = str(connection.exec_driver_sql("SELECT current_user").scalar_one())
            revision = dbserver.stored_revision_in(connection)
            writable = dbserver.can_write(connection) if revision else True
            others = dbserver.others_connected(connection)
            connection.rollback()
    except OperationalError as exc:
        raise Unreachable(dbserver.unreachable(url, exc)) from None
    except dbserver.ServerError as exc:
        raise Unreachable(f"{where}: {exc}") from exc
    finally:
        engine.dispose()
    return Server(version.split()[0], number // 10000, revision, others, user, writable)


def _environment(url: str) -> tuple[str, dict[str, str]]:
    """The address the tools are given (never with a password) and their environment (the
    password, if the address had one)."""
    parts = urlsplit(dbserver.libpq_url(url))
    env = dict(os.environ)
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    env["PGAPPNAME"] = dbserver.APPLICATION
    netloc = parts.netloc
    if parts.password is not None:
        env["PGPASSWORD"] = unquote(parts.password)
        userinfo, _at, host = netloc.rpartition("@")
        netloc = userinfo.split(":", 1)[0] + "@" + host
    # libpq takes a password among the parameters too (?password=…).
    query = parse_qsl(parts.query, keep_blank_values=True)
    for key, value in query:
        if key == "password":
            env["PGPASSWORD"] = value
    kept = urlencode([(key, value) for key, value in query if key != "password"], safe="/")
    return urlunsplit(parts._replace(netloc=netloc, query=kept)), env


def how_to_back_up(url: str) -> str:
    """One sentence: pg_dump is not here, and how to back the database up anyway."""
    return _(
        "pg_dump is not installed here, so secdesk cannot back up {url}: install "
        "PostgreSQL's client tools (on Debian: apt-get install postgresql-client), or ask "
        "whoever runs the server to back the database up (pg_dump -Fc {name})."
    ).format(url=dbserver.shown(url), name=dbserver.database_name(url))


def tool(name: str, major: int | None = None) -> str | None:
    """The program ``name`` (pg_dump, pg_restore, psql): of PostgreSQL ``major`` where
    Debian keeps each version's, else on PATH; None when it is nowhere."""
    if major is not None:
        candidate = Path(VERSIONED.format(major=major)) / name
        if os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def tool_major(path: str) -> int | None:
    """The major version of the client tool at ``path`` (``pg_dump (PostgreSQL) 15.18``)."""
    try:
        said = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except OSError:
        return None
    found = re.search(r"\(PostgreSQL\) (\d+)(?:\.(\d+))?", said)
    if not found:
        return None
    return int(found.group(1))  # 9.6 is "9": older than any server secdesk opens


def _matching(name: str, url: str, state: Server, missing: str) -> str:
    """The tool ``name`` of the server's major version; ``ToolMissing`` (``missing``, or the
    versions that differ) otherwise."""
    found = tool(name, state.major)
    if found is None:
        raise ToolMissing(missing)
    major = tool_major(found)
    if major != state.major:
        raise ToolMissing(
            _(
                "{tool} here is PostgreSQL {mine}'s, and the server of {url} runs PostgreSQL "
                "{version}: install the client tools of the server's version (on Debian: "
                "apt-get install postgresql-client-{major}), then try again. Nothing was "
                "changed."
            ).format(
                tool=name,
                mine=major if major is not None else "?",
                url=dbserver.shown(url),
                version=state.version,
                major=state.major,
            )
        )
    return found


def dumper(url: str, state: Server) -> str:
    """The pg_dump that backs up the database at ``url``; ``ToolMissing`` says how to back
    up without it, or which version it must be."""
    return _matching("pg_dump", url, state, how_to_back_up(url))


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    """Run a tool; its failure is a ``BackupError`` with its own first words."""
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BackupError(_("{tool} could not be run: {why}").format(tool=what, why=exc)) from exc
    if done.returncode != 0:
        raise BackupError(
            _("{tool} failed: {why}").format(tool=what, why=_first_error(done.stderr))
        )


def _first_error(stderr: str) -> str:
    """The tool's first error line, without its name (``pg_dump: error: ``)."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    chosen = next((line for line in lines if "error" in line.lower()), lines[0] if lines else "")
    return re.sub(r"^[\w.]+:\s*(?:error:\s*)?(?:ERROR:\s*)?", "", chosen).strip() or "?"


# -- taking them -------------------------------------------------------------------------


def take(
    url: str,
    folder: Path,
    target: Path | None = None,
    force: bool = False,
    state: Server | None = None,
    before: str = "",
) -> Path:
    """Back the database at ``url`` up now with pg_dump into ``target`` (default: a new
    archive in ``folder``; ``before``: named as taken before that, ``restore``)."""
    state = state or server(url)
    if state.revision is None:
        raise BackupError(
            _("{url} holds no secdesk records yet: there is nothing to back up.").format(
                url=dbserver.shown(url)
            )
        )
    pg_dump = dumper(url, state)
    stem = named(url).stem
    if target is None:
        label = f"-before-{before}" if before else ""
        target = keeping.fresh(folder / f"{stem}-{keeping.stamp()}{label}{SUFFIX}")
    else:
        # (named after the database, never a file of it: the database is on the server)
        keeping.check_target(target, folder / named(url).name, force)
    dbfile.remove_abandoned(folder)
    _dump(pg_dump, url, target)
    return target


def _dump(pg_dump: str, url: str, target: Path) -> None:
    address, env = _environment(url)
    try:
        with dbfile.written_whole(target) as part:
            _run([pg_dump, "-Fc", "-f", str(part), "-d", address], env, "pg_dump")
    except OSError as exc:
        from secdesk.services.errors import describe

        raise BackupError(
            _("The backup could not be written: {why}").format(why=describe(exc))
        ) from exc


def daily(url: str, folder: Path, today: date | None = None) -> Path | None:
    """The day's backup of the database at ``url``, at the first start of the day (else
    None); old daily archives beyond the ones kept are removed. Without pg_dump (or with
    one of another version) it is skipped: ``ToolMissing`` the first time, to be said
    once, and quietly after. A desk that may only read (a SELECT role) takes none: the
    desks that save keep the backups."""
    day = today or clock.today()
    target = keeping.daily_path(named(url), folder, day, SUFFIX)
    if target.exists():
        return None
    noted = folder / NOTED
    if noted.exists() and tool("pg_dump") is None:
        return None  # said once already: the server is not asked for nothing at every start
    try:
        state = server(url)
    except Unreachable:
        return None  # opening the desk says why
    if state.revision is None or not state.writable:
        return None
    try:
        pg_dump = dumper(url, state)
    except ToolMissing:
        if noted.exists():
            return None
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        noted.touch(mode=0o600)
        raise
    noted.unlink(missing_ok=True)
    dbfile.remove_abandoned(folder)
    _dump(pg_dump, url, target)
    keeping.prune(named(url), folder)
    return target


# -- reading them ------------------------------------------------------------------------


def unreadable(path: Path) -> str:
    """Why the archive ``path`` cannot be read (empty when it can, or when there is no
    pg_restore here to tell)."""
    if path.stat().st_size == 0:
        return _("it is empty (0 bytes)")
    pg_restore = tool("pg_restore")
    if pg_restore is None:
        return ""
    done = subprocess.run(
        [pg_restore, "-l", str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return _("it cannot be read as a pg_dump archive: {why}").format(
            why=_first_error(done.stderr)
        )
    return ""


def examine(path: Path) -> Examined:
    """Check ``path`` as an archive to restore; ``BackupError`` says what is wrong."""
    keeping.check_source(path)
    with path.open("rb") as handle:
        if handle.read(16) == b"SQLite format 3\x00":
            raise BackupError(
                _(
                    "{path} is a backup of a database file (SQLite): a database on a server "
                    "is restored from its own backups (.dump; secdesk backups lists them). "
                    "Nothing was restored."
                ).format(path=path)
            )
    pg_restore = tool("pg_restore")
    if pg_restore is None:
        raise ToolMissing(_restore_tools_missing())
    if why := unreadable(path):
        raise BackupError(_("{path}: {why}. Nothing was restored.").format(path=path, why=why))
    done = subprocess.run(
        [pg_restore, "-a", "-t", "alembic_version", "-f", "-", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    revision = _revision_in(done.stdout)
    revision = restorable(path, revision)
    return Examined(path, revision, {})


def _revision_in(script: str) -> str | None:
    """The schema revision in the data of ``alembic_version`` (a COPY block of a script)."""
    lines = script.splitlines()
    for n, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line:
            row = lines[n + 1] if n + 1 < len(lines) else "\\."
            return None if row == "\\." else row.strip()
    return None


def _restore_tools_missing() -> str:
    return _(
        "pg_restore and psql are not installed here, so secdesk cannot restore: install "
        "PostgreSQL's client tools (on Debian: apt-get install postgresql-client)."
    )


# -- restoring ---------------------------------------------------------------------------

#: Run before the archive's script, in its transaction: nobody else may be connected, and
#: the schema's own objects go (tables with their sequences and triggers, functions), so
#: an archive of an older schema leaves nothing of the newer one behind. What an extension
#: owns is left alone.
_CLEAR = f"""BEGIN;
SET LOCAL lock_timeout = '{dbserver.LOCK_TIMEOUT}';
DO $$BEGIN
  IF EXISTS (SELECT FROM pg_stat_activity WHERE datname = current_database()
             AND pid <> pg_backend_pid() AND backend_type = 'client backend') THEN
    RAISE EXCEPTION 'secdesk: other connections are open';
  END IF;
END$$;
DO $$DECLARE drops text[]; statement text; BEGIN
  -- Named before any is dropped: a table's drop takes its sequences along.
  SELECT coalesce(array_agg(format(CASE WHEN c.relkind = 'S'
                                        THEN 'DROP SEQUENCE IF EXISTS %I.%I CASCADE'
                                        ELSE 'DROP TABLE IF EXISTS %I.%I CASCADE' END,
                                   n.nspname, c.relname) ORDER BY c.relkind DESC), '{{}}')
    INTO drops
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S')
     AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e');
  SELECT drops || coalesce(array_agg(format('DROP ROUTINE IF EXISTS %I.%I(%s) CASCADE',
                                            n.nspname, p.proname,
                                            pg_get_function_identity_arguments(p.oid))), '{{}}')
    INTO drops
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname = current_schema()
     AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e');
  FOREACH statement IN ARRAY drops LOOP
    EXECUTE statement;
  END LOOP;
END$$;
"""


def restore(url: str, local: Path, folder: Path, source: Path) -> Restored:
    """Replace the content of the database at ``url`` with the archive ``source``, after
    a safety dump into ``folder``. ``local`` is the database's local name (its desk lock).

    Raises ``BackupError`` (the archive is not fit, a tool is missing, the restore
    failed: then nothing was changed), ``DesksConnected``, or ``desklock.DeskOpen``."""
    examined = examine(source)
    state = server(url)
    if state.others:
        raise DesksConnected(dbserver.shown(url), state.others)
    missing = _restore_tools_missing()
    pg_restore = _matching("pg_restore", url, state, missing)
    psql = _matching("psql", url, state, missing)
    with desklock.no_desk_open(local):
        before = None
        if state.revision is not None:
            before = take(url, folder, state=state, before="restore")
        _replace(pg_restore, psql, url, source)
    if examined.older:
        from secdesk.db import Database
        from secdesk.services.store import load_data_layer

        load_data_layer()  # the upgrade's data steps (the search index) register on load
        upgraded = Database(local, url=url)
        try:
            upgraded.open()
        finally:
            upgraded.close()
    from secdesk.services import snapshot

    snapshot.forget(local)
    return Restored(before, examined.revision, examined.older)


def _replace(pg_restore: str, psql: str, url: str, source: Path) -> None:
    """pg_restore's script of ``source`` run by psql in one transaction after ``_CLEAR``;
    committed only when pg_restore read the whole archive (a killed or failed one leaves
    the database as it was)."""
    address, env = _environment(url)
    env["PGOPTIONS"] = (env.get("PGOPTIONS", "") + " -c client_min_messages=warning").strip()
    with tempfile.TemporaryFile() as restore_err, tempfile.TemporaryFile() as psql_err:
        # Their own session: Ctrl+C reaches secdesk alone, which stops them before COMMIT.
        reading = subprocess.Popen(
            [pg_restore, "-f", "-", str(source)],
            stdout=subprocess.PIPE,
            stderr=restore_err,
            env=env,
            start_new_session=True,
        )
        running = subprocess.Popen(
            [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", address],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_err,
            env=env,
            start_new_session=True,
        )
        outcome = _feed(reading, running)
        if outcome == "unread":
            raise BackupError(
                _("pg_restore could not read {path}: {why}. Nothing was changed.").format(
                    path=source, why=_first_error(_text(restore_err))
                )
            )
        if outcome == "failed":
            said = _text(psql_err)
            if "secdesk: other connections are open" in said:
                raise DesksConnected(dbserver.shown(url), 1)
            if "lock timeout" in said:
                raise BackupError(
                    _(
                        "Another program is using {url}: let it finish, then restore. "
                        "Nothing was changed."
                    ).format(url=dbserver.shown(url))
                )
            raise BackupError(
                _("The restore failed ({why}). Nothing was changed.").format(why=_first_error(said))
            )


def _feed(reading: subprocess.Popen[bytes], running: subprocess.Popen[bytes]) -> str:
    """Pass pg_restore's script to psql, then COMMIT if it was whole: ``done``, ``unread``
    (pg_restore failed: psql is stopped before COMMIT, so nothing was changed) or
    ``failed`` (psql stopped at an error: its transaction was rolled back)."""
    assert reading.stdout is not None and running.stdin is not None
    outcome = "failed"
    try:
        try:
            running.stdin.write(_CLEAR.encode())
            shutil.copyfileobj(reading.stdout, running.stdin, 1 << 16)
            if reading.wait() != 0:
                outcome = "unread"
            else:
                with keeping.interrupts_deferred():
                    running.stdin.write(b"COMMIT;\n")
                    running.stdin.close()
                    outcome = "done" if running.wait() == 0 else "failed"
        except BrokenPipeError:
            outcome = "failed"
    finally:
        for process in (reading, running):
            if process.poll() is None:
                process.kill()  # psql killed before COMMIT: nothing was changed
            process.wait()
    return outcome


def _text(handle: IO[bytes]) -> str:
    handle.seek(0)
    return handle.read().decode("utf-8", "replace")
