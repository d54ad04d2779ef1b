"""What ``secdesk doctor`` finds (``Finding``, at a level) and what its checks look at and
pass on to each other (``Context``).

Wing: care. Must not import office, demo, screens, widgets, app or cli.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from secdesk.i18n import N_

if TYPE_CHECKING:
    from secdesk.services.store import Store

OK = "ok"
WARNING = "warning"
DANGER = "danger"

LEVELS = {OK: N_("ok"), WARNING: N_("warning"), DANGER: N_("at risk")}


@dataclass(frozen=True)
class Finding:
    check: str
    """Which check found it: integrity, foreign_keys, schema, permissions, disk, backups,
    calendar, search, imports; on a server connection and server (for scripts: ``--json``)."""
    level: str
    """OK, WARNING or DANGER."""
    message: str
    """What was found, in the interface language."""
    advice: str = ""
    """What to do about it (empty when nothing needs doing)."""


@dataclass
class Context:
    """What the checks look at, and what they learn for the checks after them."""

    database: Path
    """The file; for a database on a server, its local name (``config.server_path``)."""
    backups: Path
    today: date
    url: str | None = None
    """The address of a database on a server (None for a file)."""
    readable: bool = True
    """False once a check found the file cannot be read as a secdesk database."""
    revision: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
    """For checks added later to pass things on."""

    @property
    def named(self) -> Path:
        """What the backups are named after: the file, or the server's database."""
        if self.url is None:
            return self.database
        from secdesk.care import pgdump

        return pgdump.named(self.url)

    def store(self) -> Store:
        """The database opened through the usual services (by a check that needs them,
        once the schema is found current: nothing is migrated)."""
        from secdesk.services.store import Store

        return Store(self.database, url=self.url)


Check = Callable[[Context], list[Finding]]
