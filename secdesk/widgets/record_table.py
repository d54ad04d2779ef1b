"""A table of records whose columns fit the screen: each column grows to its content up to
its declared cap, the flexible ones give way first when room is short, and a value that
does not fit ends in an ellipsis, so no column ever disappears because one value is long."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from secdesk.i18n import _
from secdesk.textsafe import text

if TYPE_CHECKING:
    from secdesk.kinds import Column
    from secdesk.services.views import Row

#: Cell tones (services.views.Tone) as Rich styles.
TONE_STYLES = {
    "": "",
    "muted": "dim",
    "strong": "bold",
    "flag": "bold yellow",
    "alert": "bold red",
    "soon": "bold dodger_blue1",
    "behind": "bold yellow",
    "secret": "magenta",
}


def fit_widths(
    columns: Sequence[Column], natural: Sequence[int], room: int, padding: int
) -> list[int | None]:
    """Column widths (content only) that fit ``room`` cells when they can: each column
    takes what it needs up to its cap; when that is too wide, the columns that may be left
    out shrink first, then the flexible ones, then the others, none below its ``least``;
    when even that is too wide, columns are left out (None), the highest ``drop`` first."""
    kept = list(range(len(columns)))
    for drop in sorted({c.drop for c in columns if c.drop}, reverse=True):
        need = sum(min(columns[i].least, natural[i]) + padding for i in kept)
        if need <= room:
            break
        kept = [i for i in kept if columns[i].drop != drop]
    fitted = _fit([columns[i] for i in kept], [natural[i] for i in kept], room, padding)
    out: list[int | None] = [None] * len(columns)
    for i, width in zip(kept, fitted, strict=True):
        out[i] = width
    return out


def _fit(columns: Sequence[Column], natural: Sequence[int], room: int, padding: int) -> list[int]:
    widths = [min(n, c.cap) if c.cap else n for n, c in zip(natural, columns, strict=True)]
    content_room = room - padding * len(columns)
    excess = sum(widths) - content_room
    # Who gives way, in turn: the columns that may be left out (the first to go first), then
    # the flexible ones (a title or summary: what the row is about keeps its room longest
    # among the wide ones), then the rest.
    groups = [
        [i for i, c in enumerate(columns) if c.drop == drop and not c.flex]
        for drop in sorted({c.drop for c in columns if c.drop and not c.flex}, reverse=True)
    ]
    groups.append([i for i, c in enumerate(columns) if c.flex])
    groups.append([i for i, c in enumerate(columns) if not c.drop and not c.flex])
    for group in groups:
        if excess <= 0:
            break
        slack = sum(max(0, widths[i] - columns[i].least) for i in group)
        if slack <= 0:
            continue
        take = min(excess, slack)
        for i in group:
            share = max(0, widths[i] - columns[i].least)
            cut = min(share, -(-take * share // slack), excess)  # ceiling of the share
            widths[i] -= cut
            excess -= cut
    return widths


def _cell(value: str, style: str, width: int) -> Text:
    shown = text(value, style)
    if cell_len(shown.plain) > width:
        shown.truncate(width, overflow="ellipsis")
    return shown


class RecordTable(DataTable[Text]):
    """Rows of records (``services.views.Row``) under declared columns."""

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.specs = list(columns)
        self.records: list[Row] = []
        """The rows shown, in order."""
        self._laid_out_for: tuple[int, bool] = (-1, False)
        """(width, rows overflow the height) the columns were fitted for."""

    def on_mount(self) -> None:
        self._lay_out()

    def on_resize(self, event: events.Resize) -> None:
        # A new width, or a height that now needs (or no longer needs) the scrollbar.
        if (event.size.width, self._overflows(event.size.height)) != self._laid_out_for:
            self._lay_out()

    def _overflows(self, height: int) -> bool:
        """The rows (and the header) do not all fit: the vertical scrollbar takes room."""
        return len(self.records) + 1 > height

    @property
    def ids(self) -> list[int]:
        return [row.id for row in self.records]

    @property
    def current(self) -> Row | None:
        """The row under the cursor."""
        index = self.cursor_row
        return self.records[index] if 0 <= index < len(self.records) else None

    def show(self, rows: Sequence[Row]) -> None:
        """Replace the rows, keeping the cursor on the same place."""
        self.records = list(rows)
        self._lay_out()

    def _lay_out(self) -> None:
        if not self.is_mounted:
            return
        room = self.size.width or self.app.size.width
        overflows = self._overflows(self.size.height)
        self._laid_out_for = (room, overflows)
        labels = [_(c.label) if c.label else "" for c in self.specs]
        natural = [cell_len(label) for label in labels]
        for row in self.records:
            for i, cell in enumerate(row.cells[: len(natural)]):
                natural[i] = max(natural[i], cell_len(cell.text))
        # Room for the vertical scrollbar when the rows do not all fit.
        scrollbar = self.styles.scrollbar_size_vertical if overflows else 0
        widths = fit_widths(self.specs, natural, room - scrollbar, 2 * self.cell_padding)
        shown = [(i, w) for i, w in enumerate(widths) if w is not None]
        cursor = self.cursor_row
        self.clear(columns=True)
        for i, width in shown:
            self.add_column(_cell(labels[i], "", width), width=width)
        self.add_rows(
            [
                [
                    _cell(row.cells[i].text, TONE_STYLES.get(row.cells[i].tone, ""), width)
                    for i, width in shown
                    if i < len(row.cells)
                ]
                for row in self.records
            ]
        )
        if self.records:
            self.move_cursor(row=min(max(cursor, 0), len(self.records) - 1), animate=False)
