"""The command line: the desk by default, and commands for scripts and the shell.

Wing: cli. Must not import __main__.

One module per command group (``desk``, ``log``, ``calls``, ``contacts``, ``meetings``,
``documents``, ``holidays``, ``supervision``, ``care``, ``move``), each adding its parsers with
``set_defaults(run=..., database=...)``; ``build_parser`` is the one command table and
``main`` opens the database as the command says (read, write, any) and runs it. What they share (errors, yes/no, which database, ``--json``) is ``common``.
Heavy modules (Textual, SQLModel, Alembic) are imported inside the command that needs them,
so ``secdesk today`` never loads Textual and the desk paints before the database layer loads.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn, cast

from secdesk import __version__, collector, i18n
from secdesk.calendar import clock
from secdesk.cli import common
from secdesk.cli.common import CliError, command_group
from secdesk.cli.desk import open_desk, run_tui
from secdesk.i18n import _

if TYPE_CHECKING:
    import argparse

    from secdesk.cli.common import Commands

__all__ = ["CliError", "build_parser", "main", "run", "run_tui"]


@contextmanager
def _argparse_in_our_language() -> Iterator[None]:
    """argparse's own words ("usage:", "error:", "the following arguments are required")
    looked up in secdesk's catalog (``secdesk/locale/argparse_strings.py`` lists them).
    argparse reads the module-level names ``_`` and ``ngettext`` when it speaks, so they are
    swapped only while one of our parsers is being built or is talking."""
    import argparse

    names = vars(argparse)
    saved = names["_"], names["ngettext"]
    names["_"], names["ngettext"] = i18n._, i18n.ngettext
    try:
        yield
    finally:
        names["_"], names["ngettext"] = saved


@functools.cache
def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse  # not needed to open the desk itself (see _desk_only)
    import re

    looks_like_a_value = re.compile(r"-\d")
    chinese_heading = re.compile(r"^(\s*\S*[\u4e00-\u9fff]):$", re.MULTILINE)

    class Parser(argparse.ArgumentParser):
        """secdesk's parser: speaks the interface language and reads ``--at -20m``."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            with _argparse_in_our_language():  # "options", "show this help message and exit"
                super().__init__(*args, **kwargs)

        def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
            with _argparse_in_our_language():
                return super().parse_known_args(*args, **kwargs)

        def parse_args(self, *args: Any, **kwargs: Any) -> Any:
            with _argparse_in_our_language():
                return super().parse_args(*args, **kwargs)

        def format_usage(self) -> str:
            with _argparse_in_our_language():
                return super().format_usage()

        def format_help(self) -> str:
            with _argparse_in_our_language():
                written = super().format_help()
            # argparse puts an ASCII colon after each heading ("位置参数:"); Chinese is
            # written with the full-width one.
            return chinese_heading.sub("\\1：", written)

        def error(self, message: str) -> Any:
            with _argparse_in_our_language():
                return super().error(message)

        def _parse_optional(self, arg_string: str) -> Any:
            # "-20m", "-2h", "-1d" are values, never options: no secdesk option starts with
            # a digit. So "--at -20m" needs no "=", and a summary may start "-3号楼".
            # (An argparse internal: None means "a value". The tests pin the behaviour.)
            if looks_like_a_value.match(arg_string):
                return None
            return super()._parse_optional(arg_string)

    return Parser


def _register_imports(sub: Commands) -> None:
    from secdesk.cli import calls, contacts, documents, meetings
    from secdesk.cli import imports as imports_cli

    imports = command_group(
        sub, "import", _("import contacts, call records, meetings or a register of documents")
    )
    for module in (calls, contacts, meetings, documents, imports_cli):
        module.register_import(imports)


def _register_exports(sub: Commands) -> None:
    from secdesk.cli import contacts, documents, meetings

    exports = command_group(
        sub, "export", _("export the contact book, meetings, a register or the archive catalogue")
    )
    for module in (contacts, documents, meetings):
        module.register_export(exports)


#: The command table, in the order ``secdesk --help`` lists the commands: who registers
#: them (a module of ``secdesk.cli`` and its function, or one of this module's) and the
#: commands each adds. A command typed on the line builds only its own entry: the whole
#: table imports every command module and builds a few hundred arguments, tens of
#: milliseconds a ``secdesk log call`` in a script need not pay. Anything else (--help, a
#: mistyped command) builds it all. ``tests/unit/test_cli.py`` checks the names.
COMMAND_TABLE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "desk",
        "register",
        ("tui", "demo", "seed-demo", "today", "search", "reindex", "report", "due"),
    ),
    ("log", "register", ("log",)),
    ("", "_register_imports", ("import",)),
    ("holidays", "register", ("holidays",)),
    ("supervision", "register", ("supervision",)),
    ("meetings", "register_papers", ("meeting",)),
    ("", "_register_exports", ("export",)),
    ("care", "register", ("backup", "backups", "restore", "doctor")),
    ("move", "register", ("copy",)),
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command table: every command, in the order ``secdesk --help`` lists them; with
    ``command`` (one of the table's), only the entry that adds it."""
    import importlib

    parser = _parser_class()(
        prog="secdesk",
        description=_("A keyboard-driven desk for the office secretary."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"secdesk {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument("--db", metavar="PATH", help=_("open this database file instead"))
    parser.add_argument("--lang", choices=["zh", "en"], help=_("interface language"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module, function, names in COMMAND_TABLE:
        if command is not None and command not in names:
            continue
        home = importlib.import_module(f"secdesk.cli.{module}") if module else sys.modules[__name__]
        getattr(home, function)(sub)
    return parser


def _command_word(argv: list[str]) -> str | None:
    """The command typed (``log`` in ``--db F log call …``) when it is one of the table's,
    the global options (already moved first) passed over; else None."""
    items = iter(argv)
    for arg in items:
        if arg in GLOBAL_OPTIONS:
            next(items, None)
            continue
        if arg.partition("=")[0] in GLOBAL_OPTIONS:
            continue
        known = any(arg in names for _module, _function, names in COMMAND_TABLE)
        return arg if known else None
    return None


def _lang_option(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


#: The options every command takes, typed before the command or after it.
GLOBAL_OPTIONS = ("--db", "--lang")


def _globals_first(argv: list[str]) -> list[str]:
    """``secdesk today --lang zh`` as ``secdesk --lang zh today``: the global options
    (``GLOBAL_OPTIONS``) moved before the command, wherever they were typed (not after
    ``--``, where everything is a value)."""
    front: list[str] = []
    rest: list[str] = []
    items = iter(argv)
    for arg in items:
        if arg == "--":
            rest.append(arg)
            rest.extend(items)
            break
        name = arg.partition("=")[0]
        if name in GLOBAL_OPTIONS:
            front.append(arg)
            value = None if "=" in arg else next(items, None)
            if value is not None:
                front.append(value)
            continue
        rest.append(arg)
    return front + rest


def _desk_only(argv: list[str]) -> SimpleNamespace | None:
    """``secdesk``, ``secdesk --db F``, ``secdesk --lang zh``: the desk itself, read without
    building the whole parser (the most common start stays the quickest). Anything else,
    including a mistake, goes to argparse."""
    values: dict[str, str | None] = {"db": None, "lang": None}
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        name, _eq, value = arg.partition("=")
        if name not in ("--db", "--lang"):
            return None
        if not _eq:
            if not rest:
                return None
            value = rest.pop(0)
        if name == "--lang" and value not in ("zh", "en"):
            return None
        values[name[2:]] = value
    return SimpleNamespace(command=None, **values)


def main(argv: Sequence[str] | None = None) -> int:
    argv = _globals_first(list(sys.argv[1:] if argv is None else argv))
    invocation = None
    try:
        # The language must be known before --help or any error is printed (and before the
        # parser is built: its help texts are translated as it is built), so --lang is read
        # first, then the config file may choose it.
        lang = _lang_option(argv)
        # A problem with the config file is told in the language it would have chosen.
        i18n.set_language(i18n.detect_language(lang))
        settings = common.settings()
        i18n.set_language(i18n.detect_language(lang, settings.language))
        clock.set_zone(settings.timezone)
        try:
            args = _desk_only(argv) or build_parser(_command_word(argv)).parse_args(argv)
        except SystemExit as exc:  # --help, --version, or a usage error argparse has printed
            return exc.code if isinstance(exc.code, int) else 0
        if args.lang and i18n.normalize_language(args.lang) != i18n.language():
            i18n.set_language(args.lang)  # an abbreviated --la zh
        if args.command is None:
            args.run, args.desk = open_desk, True
        if not getattr(args, "desk", False):  # the desk shows them itself
            for warning in settings.warnings:
                print(_("secdesk: warning: {text}").format(text=warning), file=sys.stderr)
        # The desk alone is read without the parser (_desk_only), into the same attributes.
        invocation = common.Invocation(cast("argparse.Namespace", args), settings)
        if database := getattr(args, "database", ""):
            invocation.open(database)  # before the command loads what it needs
        if args.run is open_desk:
            collector.hold_for_desk()
        code: int = args.run(invocation)
        return code
    except CliError as exc:
        print(f"secdesk: {exc}", file=sys.stderr)
        return exc.code
    except ValueError as exc:
        print(f"secdesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (secdesk backups | head): nothing to say, and nothing more
        # to write at exit either.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as exc:
        from secdesk.services import errors

        if not errors.is_storage_error(exc):
            raise
        # The disk or the database failed (full, read-only, locked, damaged): one sentence,
        # never SQLite's own words or a traceback. The transaction was rolled back.
        opened = invocation.opened if invocation else None
        print(f"secdesk: {errors.describe(exc, opened.where if opened else None)}", file=sys.stderr)
        return 2
    finally:
        if invocation is not None:
            invocation.close()


def run() -> NoReturn:
    """The ``secdesk`` script (and ``python -m secdesk``): ``main``, then out of the process
    at once.

    Once a command has said what it did and closed its database, what is left is the
    interpreter taking itself apart: every module of SQLAlchemy, the models, Textual, one
    by one, 80-130 ms on this kind of machine, a third of a ``secdesk log call`` that a
    script waits for (and the wait for the prompt after the desk closes). So the output is
    flushed, the exit handlers that modules registered run (temporary folders, logging),
    and the process ends without the rest. If a thread that is not a daemon is still at
    work (none of secdesk's is), the interpreter waits for it as usual."""
    import atexit
    import os
    import threading

    # What a start imports and builds lives as long as the process (secdesk.collector).
    collector.hold()
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (secdesk backups | head)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = code or 141
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    main_thread = threading.main_thread()
    if any(t is not main_thread and t.is_alive() and not t.daemon for t in threading.enumerate()):
        raise SystemExit(code)
    atexit._run_exitfuncs()  # CPython's own, what a normal exit runs first
    os._exit(code)
