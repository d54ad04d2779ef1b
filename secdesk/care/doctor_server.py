"""The checks ``secdesk doctor`` runs on a database on a PostgreSQL server besides those it
shares with a file (``doctor.SERVER_CHECKS``): the connection and the server's version,
and whether pg_dump here can take the backups.

Wing: care. Must not import office, demo, screens, widgets, app or cli.
"""

from __future__ import annotations

from secdesk.care.findings import DANGER, OK, WARNING, Context, Finding
from secdesk.i18n import _


def connection(ctx: Context) -> list[Finding]:
    """A database on a server: it can be reached, and which server it is."""
    from secdesk import dbserver
    from secdesk.care import backups, pgdump

    try:
        state = pgdump.server(ctx.url or "")
    except backups.BackupError as exc:
        ctx.readable = False
        return [
            Finding(
                "connection",
                DANGER,
                str(exc),
                _(
                    "Check the address (--db, SECDESK_DB, the database setting), that the "
                    "server runs, and the password in ~/.pgpass."
                ),
            )
        ]
    ctx.revision = state.revision
    ctx.extra["server"] = state
    where = dbserver.shown(ctx.url or "")
    said = (
        _("Connected to {url} as {user}.")
        if state.writable
        else _("Connected to {url} as {user}, who may only read.")
    )
    return [
        Finding("connection", OK, said.format(url=where, user=state.user)),
        Finding(
            "server", OK, _("The server runs PostgreSQL {version}.").format(version=state.version)
        ),
    ]


def backup_tools(ctx: Context) -> list[Finding]:
    """A database on a server: pg_dump here can back it up (of the server's version)."""
    from secdesk.care import pgdump

    state = ctx.extra.get("server")
    if not isinstance(state, pgdump.Server) or ctx.url is None:
        return []
    if not state.writable:
        return [
            Finding(
                "backups",
                OK,
                _("This desk may only read: the desks that save take the daily backups."),
            )
        ]
    try:
        found = pgdump.dumper(ctx.url, state)
    except pgdump.ToolMissing as exc:
        return [
            Finding(
                "backups",
                WARNING,
                str(exc),
                _("Until then the desk takes no daily backup of this database."),
            )
        ]
    return [
        Finding(
            "backups", OK, _("{tool} here takes the backups of this database.").format(tool=found)
        )
    ]
