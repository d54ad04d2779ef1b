"""A dashboard panel: a titled box holding a row table, or one line saying how to fill it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from secdesk.i18n import _
from secdesk.textsafe import safe


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
    Panel > DataTable {
        height: 1fr;
        background: transparent;
    }
    Panel > .panel--empty {
        color: $text-muted;
        padding: 0 1;
    }
    Panel.-empty > DataTable {
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

    def __init__(
        self,
        kind: str,
        title: str,
        number: int,
        columns: Sequence[str],
        empty_hint: str,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.kind = kind
        """The record kind of every row (call, visit, incoming, meeting, supervision)."""
        self.title_msgid = title
        self.number = number
        self.column_msgids = list(columns)
        self.empty_hint_msgid = empty_hint
        self.loaded = False
        """True once the panel has shown data from the database."""

    def compose(self) -> ComposeResult:
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns(*[_(c) if c else "" for c in self.column_msgids])
        yield table
        yield Static(_("Loading…"), classes="panel--empty", markup=False)

    def on_mount(self) -> None:
        self.set_title()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one(DataTable)

    def set_title(self, subtitle: str = "") -> None:
        self.border_title = f"{self.number} {_(self.title_msgid)}"
        self.border_subtitle = subtitle

    def show_rows(self, rows: Sequence[tuple[int, Sequence[Text]]], subtitle: str = "") -> None:
        """Replace the rows (``(record id, cells)``), keeping the cursor where it was."""
        table = self.table
        cursor = table.cursor_row
        table.clear()
        table.add_rows([cells for _id, cells in rows])
        # Row keys are assigned by add_rows; remember which record each row is.
        self._ids = [record_id for record_id, _cells in rows]
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1), animate=False)
        hint = self.query_one(".panel--empty", Static)
        hint.update(_(self.empty_hint_msgid))
        hint.display = not rows
        self.set_class(not rows, "-empty")
        self.set_title(subtitle)
        self.loaded = True

    def show_error(self, message: str) -> None:
        hint = self.query_one(".panel--empty", Static)
        hint.update(safe(message))
        hint.display = True

    def record_id_at(self, row: int) -> int | None:
        ids = getattr(self, "_ids", [])
        return ids[row] if 0 <= row < len(ids) else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        record_id = self.record_id_at(event.cursor_row)
        if record_id is not None:
            self.post_message(self.Opened(self, self.kind, record_id))

    def focus_table(self) -> None:
        self.table.focus()

    @property
    def current_id(self) -> int | None:
        return self.record_id_at(self.table.cursor_row)
