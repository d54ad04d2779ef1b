"""A dashboard panel: a titled box of records of one kind, or one line saying how to fill
it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from secdesk.i18n import _
from secdesk.textsafe import safe
from secdesk.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from secdesk.kinds import PanelSpec
    from secdesk.services.views import PanelData, Row


class Panel(Vertical, can_focus=False):
    """A box of rows of one kind of record (calls, visitors...)."""

    DEFAULT_CSS = """
    Panel {
        border: round $secondary;
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        height: 1fr;
    }
    Panel:focus-within {
        border: round $accent;
    }
    Panel > RecordTable {
        height: 1fr;
        background: transparent;
    }
    Panel > .panel--empty {
        color: $text-muted;
        padding: 0 1;
    }
    Panel.-empty > RecordTable {
        height: 1;
        overflow: hidden hidden;  /* just the column titles, no scrollbar over them */
    }
    """

    @dataclass
    class Opened(Message):
        """The user pressed Enter on a row."""

        panel: Panel
        kind: str
        record_id: int

    def __init__(self, kind: str, spec: PanelSpec) -> None:
        super().__init__(id=spec.id)
        self.kind = kind
        """The kind of record the panel shows."""
        self.spec = spec
        self.loaded = False
        """True once the panel has shown data from the database."""

    def compose(self) -> ComposeResult:
        yield RecordTable(self.spec.columns)
        yield Static(_("Loading…"), classes="panel--empty", markup=False)

    def on_mount(self) -> None:
        self.set_title()

    @property
    def table(self) -> RecordTable:
        return self.query_one(RecordTable)

    def set_title(self, subtitle: str = "") -> None:
        self.border_title = f"{self.spec.position} {_(self.spec.title)}"
        self.border_subtitle = subtitle

    def show(self, data: PanelData) -> None:
        """Show the panel's rows, keeping the cursor where it was."""
        self.table.show(data.rows)
        hint = self.query_one(".panel--empty", Static)
        hint.update(_(self.spec.empty))
        hint.display = not data.rows
        self.set_class(not data.rows, "-empty")
        self.set_title(data.subtitle)
        self.loaded = True

    def show_error(self, message: str) -> None:
        hint = self.query_one(".panel--empty", Static)
        hint.update(safe(message))
        hint.display = True

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.current
        if row is not None:
            self.post_message(self.Opened(self, row.kind, row.id))

    def focus_table(self) -> None:
        self.table.focus()

    @property
    def current(self) -> Row | None:
        return self.table.current

    @property
    def current_id(self) -> int | None:
        row = self.current
        return row.id if row else None
