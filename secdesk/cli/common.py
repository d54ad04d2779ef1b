"""What every command of the command line shares: the one-line error (``CliError``) and how a
disk or database failure is told, asking yes or no on a terminal, the settings, which
database file a command opens and how (``Invocation``), ``--json`` output, the progress bar,
reading a file to import and choosing a file to write.

Wing: cli. Must not import the cli package or any other module of it (they all import this).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from secdesk import config
from secdesk.i18n import N_, _, ngettext
from secdesk.io.files import write_private
from secdesk.textsafe import safe

if TYPE_CHECKING:
    import argparse
    from typing import TypeAlias

    from secdesk.services.store import Store

    Commands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
    """The table a command group adds its sub-commands to (``register(sub)``)."""

T = TypeVar("T")

#: What counts as yes at a terminal (after NFKC: a full-width ｙ is a y).
YES = {"y", "yes", "是", "是的", "好", "确定", "对"}


class CliError(Exception):
    """A problem to tell the user in one line, exiting with ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def described(exc: BaseException, path: str | Path | None = None) -> CliError:
    """A disk or database failure as one sentence for the user (never SQLite's words)."""
    from secdesk.services.errors import describe

    return CliError(describe(exc, path))


def ask(question: str) -> bool:
    """Ask ``question`` on stderr (stdout carries what scripts read); True on a yes."""
    import unicodedata

    print(question, end=" ", file=sys.stderr)
    sys.stderr.flush()
    return unicodedata.normalize("NFKC", sys.stdin.readline()).strip().lower() in YES


def ask_yes(question: str, refuse: str, declined: str = "") -> None:
    """Ask ``question`` on the terminal; returns on yes. Without a terminal to ask on,
    raises CliError(``refuse``); on any other answer, CliError(``declined``, code 1)."""
    if not sys.stdin.isatty():
        raise CliError(refuse)
    if not ask(question):
        raise CliError(declined or _("Nothing was changed."), code=1)


def confirm(question: str) -> None:
    """A service's question (``NeedsConfirmation``) asked on the terminal: returns on yes;
    without a terminal, or on no, nothing is saved and the CliError says so."""
    ask_yes(
        question + " [y/N]",
        refuse=_("{question} Nothing was saved (add --yes to say yes).").format(question=question),
        declined=_("Nothing was saved."),
    )


def settings() -> config.Settings:
    """config.toml, with its local time limits in force; a broken file is a CliError."""
    try:
        found = config.load_settings()
    except config.SettingsError as exc:
        raise CliError(str(exc)) from exc
    except ValueError as exc:
        raise CliError(_("The config file is broken: {error}").format(error=exc)) from exc
    except OSError as exc:
        raise described(exc) from exc
    from secdesk.calendar import rules

    rules.use_settings(found)  # local time limits from config.toml's [rules]
    config.use_database(found.database)
    config.use_user(found.user)  # who the audit trail names, without reading the file again
    found.warnings.extend(rules.problems(found))
    return found


def database_file(db: str | None) -> Path:
    """The database file ``--db`` (or the usual one) names; a folder is refused, and so is
    an address secdesk cannot open: taken as a file name it would become a folder named
    ``ftp:`` (say) with a new, empty database in it. A PostgreSQL address is no file:
    ``server_address`` comes first where one may be given."""
    from secdesk import dbserver

    named = config.named_database(db)
    if dbserver.is_address(named):
        scheme = named.split(":", 1)[0].lower()
        if scheme == "sqlite" and named.startswith("sqlite:///"):
            db = named.removeprefix("sqlite:///") or None
        elif dbserver.is_server(named):
            raise CliError(
                _(
                    "This command works on a database file, not on a PostgreSQL server ({url})."
                ).format(url=dbserver.shown(named))
            )
        else:
            raise CliError(
                _(
                    "{url} is an address secdesk cannot open: give --db (or SECDESK_DB) a "
                    "database file, such as {example}, or a PostgreSQL database's address "
                    "(postgresql://user@host/office)."
                ).format(url=dbserver.shown(named), example=config.data_dir() / "secdesk.db")
            )
    path = config.database_path(db)
    if path.is_dir():
        raise CliError(
            _("{path} is a folder: --db needs a database file, such as {example}.").format(
                path=path, example=path / "secdesk.db"
            )
        )
    return path


def server_address(db: str | None) -> str | None:
    """The PostgreSQL database ``--db``, ``SECDESK_DB`` or the ``database`` setting names,
    or None for a file. A password written into ``--db`` is refused: it would stand in the
    process list for anyone to read."""
    from secdesk import dbserver

    named = config.named_database(db)
    if not dbserver.is_server(named):
        return None
    if db:
        refuse_password(db, "--db")
    try:
        dbserver.need_driver()
    except dbserver.ServerError as exc:
        raise CliError(str(exc)) from exc
    return named


def refuse_password(url: str, option: str) -> None:
    """Refuse an address typed with a password in it (``option``, such as ``--db``): it
    would stand in the process list for anyone to read."""
    from secdesk import dbserver

    if dbserver.has_password(url):
        raise CliError(
            _(
                "A password in {option} would show in the process list: put it in ~/.pgpass "
                "(or PGPASSWORD) and give the address without it: {url}."
            ).format(option=option, url=safe(dbserver.without_password(url)))
        )


def server_store(url: str) -> Store:
    """The desk's store on the PostgreSQL database at ``url`` (its local name keeps the
    desk lock, the remembered dashboards and the backups on this computer)."""
    from secdesk.services.store import Store

    local = config.server_path(url)
    return Store(local, config.backup_dir(local), url=url)


def unopened_store(db: str | None) -> Store:
    """The store of the database ``--db`` names, not opened yet: on the PostgreSQL server,
    or on the file with its backups folder (whether the file is there is not asked)."""
    from secdesk.services.store import Store

    url = server_address(db)
    if url is not None:
        return server_store(url)
    database = database_file(db)
    return Store(database, config.backup_dir(database))


def new_home(db: str | None) -> bool:
    """No database yet where secdesk keeps it (no ``--db`` named another file): the office
    before its first record, which reading commands show empty."""
    return db is None and not config.database_path().exists()


def open_store(db: str | None, reading: bool = False, yes: bool = False) -> Store:
    """The database of a command; ``reading`` commands read an empty office on a new home
    (``new_home``) and refuse a ``--db`` file that is not there (they would show an empty
    day of a database nobody meant), writing ones create it and say so; in a folder that
    is not there (a mistyped ``--db``) only when the user says so, or with ``yes``. A
    PostgreSQL address opens the database on the server."""
    from secdesk import dbfile
    from secdesk.db import DatabaseError, stored_revision
    from secdesk.services.store import Store

    url = server_address(db)
    if url is not None:
        return server_store(url)
    path = database_file(db)
    if path.exists() and not dbfile.folder_writable(path.parent):
        if reading:
            from secdesk.services.store import ReadOnlyStore

            return ReadOnlyStore(path)  # read as it is: SQLite can write nothing beside it
        raise CliError(
            _(
                "{folder} is read-only: nothing can be saved to the database in it. Reading "
                "commands (secdesk today, search, report) still work."
            ).format(folder=safe(str(path.parent)))
        )
    if not path.exists():
        if reading and new_home(db):
            from secdesk.services.store import EmptyStore

            return EmptyStore(path)  # an empty office: read, never written to disk
        if reading:
            raise CliError(
                _(
                    "There is no database at {path}: check the file name. The desk (secdesk) "
                    "or a command that saves (secdesk log ...) creates a new one."
                ).format(path=path)
            )
        if not path.parent.exists() and not yes:
            ask_yes(
                _(
                    "There is no folder {folder}: create it and a new database {path} in it? [y/N]"
                ).format(folder=safe(str(path.parent)), path=safe(path.name)),
                refuse=_(
                    "There is no folder {folder}: check the --db path, or create the folder "
                    "first (mkdir -p {folder}). Nothing was saved."
                ).format(folder=safe(str(path.parent))),
                declined=_("Nothing was saved."),
            )
        if sys.stderr.isatty():  # a person is told; a script's stderr stays for errors
            print(
                _("secdesk: a new database is created at {path}.").format(path=path),
                file=sys.stderr,
            )
    try:
        stored_revision(path)  # a foreign or newer file is refused before anything else
    except DatabaseError as exc:
        raise described(exc, path) from exc
    return Store(path, config.backup_dir(path))


def check_open(store: Store) -> None:
    """Open (and if need be create or upgrade) the database, or say why it cannot be."""
    from secdesk.db import DatabaseError

    try:
        store.open()
    except DatabaseError as exc:
        raise described(exc, store.where) from exc


def daily_backup(store: Store) -> None:
    """The day's backup at the first start of the day (a writing command is a start too);
    a failure is said and does not stop the command."""
    from secdesk.care import backups

    try:
        backups.daily_of(store)
    except backups.BackupError as exc:
        # Said once (pg_dump is not here for a database on a server): a note, not a failure.
        print(f"secdesk: {exc}", file=sys.stderr)
    except Exception as exc:
        from secdesk.services import errors

        if not errors.is_storage_error(exc):
            raise
        print(
            _("secdesk: the day's backup could not be taken: {error}").format(
                error=errors.describe(exc)
            ),
            file=sys.stderr,
        )


class Invocation:
    """One run of a command: its parsed arguments, the settings, and the database it opens
    (``store``), which ``main`` closes and names when the disk fails."""

    def __init__(self, args: argparse.Namespace, settings: config.Settings) -> None:
        self.args = args
        self.settings = settings
        self.opened: Store | None = None
        """The database the command opened, if it did."""
        self._held = ExitStack()
        """The desk lock a command that saves holds until it ends."""

    def open(self, database: str) -> None:
        """Open the command's database (``--db`` or the usual one) as its parser's
        ``database`` default says: ``read`` refuses a file that is not there (it would show
        an empty day of a database nobody meant); ``write`` creates it, taking the day's
        backup first (not on a ``--dry-run``); ``any`` neither (``due`` counts without)."""
        self.opened = open_store(
            self.args.db, reading=database == "read", yes=getattr(self.args, "yes", False)
        )
        if database == "write":
            from secdesk.care.desklock import desk_open

            # Held as a window holds it: a restore is refused while the command saves (an
            # import of many batches among them), and the command waits for a restore.
            self._held.enter_context(desk_open(self.opened.path))
            if not getattr(self.args, "dry_run", False):
                daily_backup(self.opened)

    @property
    def store(self) -> Store:
        """The database ``open`` opened."""
        assert self.opened is not None, "the command's parser declares no database"
        return self.opened

    def close(self) -> None:
        if self.opened is not None:
            self.opened.close()
        self._held.close()


def counted(pair: tuple[str, str], count: int) -> str:
    """``count`` things in the interface language: ``pair`` is an ``NP_`` pair with
    ``{count}``."""
    return ngettext(*pair, count).format(count=count)


def print_json(data: Any) -> None:
    """``--json``: for scripts, Chinese left readable."""
    import json

    print(json.dumps(data, ensure_ascii=False, indent=2))


@contextmanager
def progress_bar(title: str, quiet: bool = False) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr while the block runs, when stderr is a terminal and
    the output is not for a script; else None (nothing is printed)."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    with _bar(title, rate=False) as update:
        yield update


#: Without a terminal, a big import says how far it is at most this often (seconds).
PROGRESS_EVERY_S = 5.0


@contextmanager
def import_progress(title: str) -> Iterator[Callable[[int, int], None]]:
    """The progress of a big import, from reading the file to the last row saved: on a
    terminal a rich bar (rows, rate, time left) on stderr; else a line on stderr every
    ``PROGRESS_EVERY_S`` seconds (a log of a script's run shows it is alive)."""
    if sys.stderr.isatty():
        with _bar(title, rate=True) as update:
            yield update
        return
    import time

    started = time.monotonic()
    said = started

    def line(done: int, total: int) -> None:
        nonlocal said
        now = time.monotonic()
        if now - said < PROGRESS_EVERY_S or done >= total:
            return
        said = now
        rate = done / max(now - started, 1e-9)
        print(
            _("{title}: {done} of {total} rows ({rate} a second, about {left} s left)").format(
                title=title,
                done=f"{done:,}",
                total=f"{total:,}",
                rate=f"{rate:,.0f}",
                left=f"{(total - done) / rate:,.0f}" if rate else "?",
            ),
            file=sys.stderr,
            flush=True,
        )

    yield line


@contextmanager
def _bar(title: str, rate: bool) -> Iterator[Callable[[int, int], None]]:
    """A rich bar on stderr: what, the bar, done/total, and with ``rate`` rows a second
    and the time left."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        """Rows a second."""

        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(_("{rate}/s").format(rate=f"{speed:,.0f}") if speed else "")

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
    if rate:
        columns += [Rate(), TimeRemainingColumn()]
    with Progress(
        *columns, console=Console(stderr=True, force_terminal=True), transient=True
    ) as bar:
        task = bar.add_task(title, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def check_file(path: Path) -> bytes:
    """The first bytes of a file to import, after refusing in one sentence what no reader
    takes: a folder, a file that is not there, an old Excel workbook (.xls)."""
    from secdesk.io.text import OLD_EXCEL

    if path.is_dir():
        raise CliError(
            _("{path} is a folder: name the file to import. Nothing was imported.").format(
                path=safe(str(path))
            )
        )
    try:
        with path.open("rb") as handle:
            start = handle.read(len(OLD_EXCEL))
    except OSError as exc:
        raise described(exc, path) from exc
    if start == OLD_EXCEL:
        raise CliError(
            _(
                "{path} is an old Excel workbook (.xls): open it in Excel or WPS, save it as "
                ".xlsx or .csv, and import that. Nothing was imported."
            ).format(path=safe(str(path)))
        )
    return start


def read_file(path: str) -> bytes:
    """The bytes of a file to import (UTF-16 text, Excel's "Unicode text", as UTF-8); an
    empty one (or only a BOM and blank lines) is refused alike for every format."""
    target = Path(path).expanduser()
    check_file(target)
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise described(exc, target) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise CliError(
                _("{file} is not UTF-8, UTF-16 or GBK text. Nothing was imported.").format(
                    file=safe(path)
                )
            ) from exc
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise CliError(_("{file} is empty. Nothing was imported.").format(file=path))
    return data


#: How an import tells a file it cannot read (``run_import``'s ``said``).
NOT_IMPORTED = N_("{file}: {error}. Nothing was imported.")


def run_import(
    inv: Invocation,
    work: Callable[..., T],
    *arguments: Any,
    fails: type[Exception],
    said: str = NOT_IMPORTED,
    progress: str = "",
    batched: bool = False,
) -> T:
    """An import (``database="write"``): the file ``FILE`` read whole and
    ``work(session, data, *arguments)`` run on it in one transaction (Ctrl+C rolls it back,
    and says so). ``fails`` is the file's own error, told as ``said``; with a ``progress``
    title, ``work`` is handed a progress callback last. ``batched``: a big import that saves
    in batches itself (``Store.write_batches``), ``work(store, data, *arguments, progress)``,
    with the progress of ``import_progress``."""
    store = inv.store
    try:
        data = read_file(inv.args.file)
        check_open(store)
        if batched:
            with import_progress(progress) as rows:
                return work(store, data, *arguments, rows)
        with progress_bar(progress, quiet=not progress) as bar:
            return store.write(work, data, *arguments, *((bar,) if progress else ()))
    except fails as exc:
        raise CliError(_(said).format(file=inv.args.file, error=exc)) from exc
    except KeyboardInterrupt as exc:
        raise CliError(_("Interrupted: nothing was imported."), code=130) from exc


def output_file(file: str | Path, force: bool, example: str) -> Path:
    """The file a command is to write, checked before any work: a folder is refused
    (naming ``example`` inside it); an existing file is replaced only with ``--force`` or
    when the user says yes on a terminal (without one, it is refused). Every command that
    writes a file asks this, so they all behave alike."""
    target = Path(file).expanduser()
    if target.is_dir():
        raise CliError(
            _("{path} is a folder: name the file to write, such as {example}.").format(
                path=target, example=target / example
            )
        )
    if target.exists() and not force:
        ask_yes(
            _("{path} exists already: replace it? [y/N]").format(path=target),
            refuse=_(
                "{path} exists already: choose a new file name, or add --force to replace it."
            ).format(path=target),
            declined=_("Nothing was written."),
        )
    return target


def run_export(inv: Invocation, example: str, make: Callable[[Store], bytes]) -> Path:
    """An export to ``FILE`` (checked by ``output_file``): ``make`` gives the bytes of the
    database's records and they are written. Returns FILE."""
    store = inv.store
    target = output_file(inv.args.file, inv.args.force, example)
    check_open(store)
    data = make(store)
    try:
        write_private(target, data)
    except OSError as exc:
        raise described(exc, target) from exc
    return target


def command_group(sub: Commands, name: str, help: str) -> Commands:
    """The command ``name`` (``secdesk holidays``), whose sub-commands (``WHAT``: ``import``,
    ``show``) the caller adds to the table returned: one is required."""
    return sub.add_parser(name, help=help).add_subparsers(
        dest="what", metavar="WHAT", required=True
    )


def file_command(
    sub: Commands,
    name: str,
    help: str,
    run: Callable[[Invocation], int],
    *,
    importing: bool,
) -> argparse.ArgumentParser:
    """An import (``--dry-run``, writes to the database) or an export (``--force``, reads
    it) named ``name``, run by ``run``; the caller adds its FILE."""
    parser = sub.add_parser(name, help=help)
    if importing:
        what = _("show what would be added, change nothing")
        parser.add_argument("--dry-run", action="store_true", help=what)
        json_option(parser)
    else:
        force_option(parser)
    parser.set_defaults(run=run, database="write" if importing else "read")
    return parser


def force_option(parser: argparse.ArgumentParser) -> None:
    """A file writer's ``--force``."""
    parser.add_argument(
        "--force", action="store_true", help=_("replace FILE if it exists, without asking")
    )


def json_option(parser: argparse.ArgumentParser) -> None:
    """An import's ``--json``."""
    parser.add_argument(
        "--json", action="store_true", help=_("print what was (or would be) added as JSON")
    )
