"""The command line's move of an office onto a server: ``copy --to postgresql://…``.

Wing: cli. Must not import the cli package or __main__.

Thin: the work is in ``care.move``; this module reads the arguments, shows the progress as
an import does (a bar on a terminal, a line now and then in a script's log) and prints
what was copied, table by table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secdesk.cli.common import (
    CliError,
    Invocation,
    database_file,
    described,
    import_progress,
    refuse_password,
    server_address,
)
from secdesk.i18n import _, ngettext
from secdesk.textsafe import safe

if TYPE_CHECKING:
    from secdesk.cli.common import Commands


def register(sub: Commands) -> None:
    copy = sub.add_parser(
        "copy",
        help=_("copy the database file (--db or the usual one) into an empty PostgreSQL database"),
    )
    copy.add_argument(
        "--to",
        metavar="URL",
        required=True,
        help=_("the empty database on the server, such as postgresql://user@host/office"),
    )
    copy.set_defaults(run=cmd_copy)


def cmd_copy(inv: Invocation) -> int:
    """Copy the office's file into the empty server database ``--to`` and print, table by
    table, the rows copied."""
    from secdesk import dbserver

    source = database_file(inv.args.db)
    refuse_password(inv.args.to, "--to")
    url = server_address(inv.args.to)
    if url is None:
        raise CliError(
            _(
                "--to needs the address of a PostgreSQL database, such as "
                "postgresql://user@host/office, not {url}."
            ).format(url=safe(dbserver.shown(inv.args.to)))
        )
    where = dbserver.shown(url)
    from secdesk.care import move
    from secdesk.db import DatabaseError

    try:
        with import_progress(_("Copying")) as rows:
            copied = move.copy_to_server(source, url, rows)
    except move.MoveError as exc:
        raise CliError(str(exc)) from exc
    except DatabaseError as exc:
        raise described(exc, where) from exc
    except KeyboardInterrupt as exc:
        raise CliError(_("Interrupted: nothing was copied."), code=130) from exc
    except Exception as exc:
        from secdesk.services import errors

        if not errors.is_storage_error(exc):
            raise
        said = errors.describe(exc, where if errors.from_server(exc) else source)
        raise CliError(_("{error} Nothing was copied.").format(error=said)) from exc
    width = max(map(len, copied.rows))
    for table, count in sorted(copied.rows.items()):
        print(f"  {table:<{width}}  {count:>9,}")
    print(
        ngettext(
            "Copied {path} into {url}: {rows} row in {tables} tables; the search index was "
            "made anew with {entries} entries.",
            "Copied {path} into {url}: {rows} rows in {tables} tables; the search index was "
            "made anew with {entries} entries.",
            copied.total,
        ).format(
            path=safe(str(source)),
            url=where,
            rows=f"{copied.total:,}",
            tables=len(copied.rows),
            entries=f"{copied.indexed:,}",
        )
    )
    print(_("Open the desk on it with: secdesk --db '{url}'").format(url=where))
    return 0
