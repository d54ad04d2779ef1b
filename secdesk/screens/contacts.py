"""Merging contacts entered twice: likely duplicates side by side, merged with one key
(and taken back with u like any delete)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from secdesk.i18n import N_, _
from secdesk.screens.base import DeskModal
from secdesk.screens.confirm import ask_yes
from secdesk.screens.work import data_worker
from secdesk.textsafe import safe, text
from secdesk.widgets.footer import DeskFooter

if TYPE_CHECKING:
    from secdesk.office.contacts.book import ContactRow
    from secdesk.services.views import Undo


def describe(row: ContactRow) -> str:
    """One contact on one line, to tell two of the same name apart."""
    return safe(" · ".join(p for p in (row.name, row.title, row.organization, row.numbers) if p))


class DuplicatesScreen(DeskModal[None]):
    """Pairs of contacts that may be one person; Enter merges the right into the left."""

    CSS_PATH = "contacts.tcss"
    HELP = N_(
        "Pairs of contacts that may be one person: the same name in the same organisation, "
        "or a shared number. Enter (or m) merges the right one into the left one: its numbers, "
        "calls and visits move over and it is deleted (u undoes the merge). s swaps which one "
        "is kept. Esc closes."
    )
    COLUMNS = (N_("Keep"), N_("Merge in"))

    @dataclass
    class Loaded(Message):
        pairs: list[tuple[ContactRow, ContactRow]]

    @dataclass
    class Merged(Message):
        undo: Undo

    @dataclass
    class Gone(Message):
        pass

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[tuple[ContactRow, ContactRow]] = []
        """(kept, merged in) for each row of the table."""
        self.merging = False

    def compose(self) -> ComposeResult:
        with Vertical(id="duplicates"):
            table: DataTable[Text] = DataTable(id="pairs", cursor_type="row", zebra_stripes=True)
            table.add_columns(*[_(c) for c in self.COLUMNS])
            yield table
            yield Static(_("Loading…"), id="pairs-status", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#duplicates").border_title = _("Likely duplicates")
        self.query_one("#pairs", DataTable).focus()
        self.load()

    def refresh_data(self) -> None:
        self.load()

    @data_worker("duplicates")
    def load(self) -> Message:
        from secdesk.office.contacts import book as contacts

        return self.Loaded(self.store.run(contacts.find_duplicates))

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        self.pairs = list(message.pairs)
        self.draw()
        status = self.query_one("#pairs-status", Static)
        if self.pairs:
            status.update(_("Enter or m: merge the right one into the left one · s: swap"))
        else:
            status.update(_("No likely duplicates."))

    def draw(self) -> None:
        table = self.query_one("#pairs", DataTable)
        cursor = table.cursor_row
        table.clear()
        table.add_rows(
            [[text(describe(keep)), text(describe(other))] for keep, other in self.pairs]
        )
        if self.pairs:
            table.move_cursor(row=min(cursor, len(self.pairs) - 1), animate=False)

    @property
    def current_pair(self) -> tuple[ContactRow, ContactRow] | None:
        row = self.query_one("#pairs", DataTable).cursor_row
        return self.pairs[row] if 0 <= row < len(self.pairs) else None

    def action_swap(self) -> None:
        pair = self.current_pair
        if pair is not None:
            self.pairs[self.query_one("#pairs", DataTable).cursor_row] = (pair[1], pair[0])
            self.draw()

    @on(DataTable.RowSelected, "#pairs")
    def _selected(self) -> None:
        self.action_merge()

    def action_merge(self) -> None:
        pair = self.current_pair
        if pair is None or self.merging:
            return
        keep, other = pair

        def merge() -> None:
            self.merging = True
            self._merge(keep.id, other.id)

        question = _(
            "Merge {other}\ninto {keep}?\nIts numbers, calls and visits move over and it "
            "is deleted. u undoes it."
        ).format(other=describe(other), keep=describe(keep))
        ask_yes(self.app, question, _("Merge"), _("Cancel"), merge)

    @data_worker("merge")
    def _merge(self, keep_id: int, other_id: int) -> Message:
        from secdesk.office.contacts import book as contacts

        try:
            undo = self.store.write(contacts.merge_contacts, keep_id, other_id)
        except LookupError:
            return self.Gone()
        return self.Merged(undo)

    @on(Merged)
    def _merged(self, message: Merged) -> None:
        self.merging = False
        self.desk.remember_undo(message.undo)
        self.notify(_("Merged. Press u to undo."))
        self.desk.refresh_screens()

    @on(Gone)
    def _gone(self) -> None:
        self.merging = False
        self.notify(_("This record no longer exists."), severity="warning")
        self.load()

    def action_close(self) -> None:
        self.dismiss(None)
