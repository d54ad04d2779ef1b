"""A table of records whose columns fit the screen by priority: each column grows to its
content up to its declared cap; when room is short the title or summary keeps an ample
width, the columns that may be left out go first, numbers, times and dates are never cut,
and any other value that does not fit ends in an ellipsis (no column ever disappears
because one value is long)."""

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


FLEX_AMPLE = 40
"""Cells a title or summary keeps before the other columns give way (20 Chinese
characters); below it, it is the last to shrink."""


def fit_widths(
    columns: Sequence[Column],
    natural: Sequence[int],
    room: int,
    padding: int,
    labels: Sequence[int] | None = None,
) -> list[int | None]:
    """Column widths (content only) that fit ``room`` cells when they can.

    ``natural`` is each column's widest value, ``labels`` its title's width. Each column
    takes what it needs up to its cap (a number, time or date, ``whole``, all of its
    longest value), and never less than its column title (up to its cap). Columns are
    left out (None), the highest ``drop`` first, while the others at their narrowest with
    their titles whole would squeeze the title or summary (``flex``) below an ample width.
    The rest give way in turn: the title or summary comes down to that ample width; the
    columns that may be left out shrink, the first to go first; then the others; then the
    title or summary, none below its ``least`` (a ``whole`` column never below its longest
    value); only then are column titles cut."""
    heads = list(labels) if labels is not None else [0] * len(columns)
    floors = [
        natural[i] if c.whole else min(c.least, max(natural[i], heads[i]), c.cap)
        for i, c in enumerate(columns)
    ]
    # What each column needs to stay: its floor with its column title whole, and an ample
    # width for a title (the columns that may be left out go before they would squeeze
    # it below that, or cut a column title).
    needs = [
        max(floors[i], min(heads[i], c.cap), min(FLEX_AMPLE, natural[i], c.cap) if c.flex else 0)
        for i, c in enumerate(columns)
    ]
    kept = list(range(len(columns)))
    for drop in sorted({c.drop for c in columns if c.drop}, reverse=True):
        if sum(needs[i] + padding for i in kept) <= room:
            break
        kept = [i for i in kept if columns[i].drop != drop]
    fitted = _fit(
        [columns[i] for i in kept],
        [natural[i] for i in kept],
        [heads[i] for i in kept],
        [floors[i] for i in kept],
        room - padding * len(kept),
    )
    out: list[int | None] = [None] * len(columns)
    for i, width in zip(kept, fitted, strict=True):
        out[i] = width
    return out


def _fit(
    columns: Sequence[Column],
    natural: Sequence[int],
    heads: Sequence[int],
    floors: Sequence[int],
    room: int,
) -> list[int]:
    widths = [
        max(n, min(h, c.cap)) if c.whole else min(max(n, h), c.cap)
        for n, h, c in zip(natural, heads, columns, strict=True)
    ]
    excess = sum(widths) - room
    everyone = range(len(columns))
    flexible = [i for i in everyone if columns[i].flex]
    # Each column's narrowest with its column title whole: a heading is read whole
    # ("Urgency", "Received") while anything else can give way.
    titled = [max(floors[i], min(heads[i], widths[i])) for i in everyone]
    # Who gives way, in turn, and down to what.
    stages: list[tuple[list[int], Sequence[int]]] = [
        # the title or summary, down to an ample width
        (flexible, [max(titled[i], FLEX_AMPLE) for i in everyone]),
    ]
    stages += [
        ([i for i in everyone if columns[i].drop == drop and not columns[i].flex], titled)
        for drop in sorted({c.drop for c in columns if c.drop and not c.flex}, reverse=True)
    ]
    stages.append(([i for i in everyone if not columns[i].drop and not columns[i].flex], titled))
    stages.append((flexible, titled))
    # the last resort: column titles wider than the values are cut
    stages.append((list(everyone), floors))
    for group, bottom in stages:
        if excess <= 0:
            break
        slack = sum(max(0, widths[i] - bottom[i]) for i in group)
        if slack <= 0:
            continue
        take = min(excess, slack)
        for i in group:
            share = max(0, widths[i] - bottom[i])
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
        self.shown_columns: list[int] = []
        """The declared columns shown now, by index (those left out for want of room are
        not)."""
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

    @property
    def settled(self) -> bool:
        """The rows given are measured and laid out: a DataTable does that when it is next
        idle, and its frame comes after."""
        # DataTable's own bookkeeping (Textual 8); a Textual without it counts as laid out.
        pending = ("_require_update_dimensions", "_new_rows", "_updated_cells")
        return not any(getattr(self, name, None) for name in pending)

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
        natural = [0] * len(labels)
        for row in self.records:
            for i, cell in enumerate(row.cells[: len(natural)]):
                natural[i] = max(natural[i], cell_len(cell.text))
        # Room for the vertical scrollbar when the rows do not all fit.
        scrollbar = self.styles.scrollbar_size_vertical if overflows else 0
        widths = fit_widths(
            self.specs,
            natural,
            room - scrollbar,
            2 * self.cell_padding,
            [cell_len(label) for label in labels],
        )
        shown = [(i, w) for i, w in enumerate(widths) if w is not None]
        self.shown_columns = [i for i, _width in shown]
        cursor, scrolled = self.cursor_row, self.scroll_offset
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
            # The view stays where it was (clear() scrolled it home): a reload or a resize
            # does not make the rows jump; the cursor is then brought into view if need be.
            self.call_after_refresh(self.scroll_to, scrolled.x, scrolled.y, animate=False)
            self.move_cursor(row=min(max(cursor, 0), len(self.records) - 1), animate=False)
