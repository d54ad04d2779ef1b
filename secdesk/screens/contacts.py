"""The contact book (通讯录): everybody the office deals with, in pinyin order, paged from
SQL; found by name, pinyin initials, organisation or number; added, edited, deleted (u
undoes) and merged when one person was entered twice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, Static

from secdesk.i18n import N_, _
from secdesk.labels import LABELS, label
from secdesk.screens.base import DeskModal
from secdesk.screens.confirm import ConfirmScreen
from secdesk.screens.form import Cycle
from secdesk.screens.logs import PAGE_SIZE, LogScreen
from secdesk.services.views import Page
from secdesk.textsafe import safe, text

if TYPE_CHECKING:
    from secdesk.services.contacts import ContactRow

RELATION_FILTER = (("", N_("All relations")), *LABELS["relation"].items())


def describe(row: ContactRow) -> str:
    """One contact on one line, to tell two of the same name apart."""
    return safe(" · ".join(p for p in (row.name, row.title, row.organization, row.numbers) if p))


class ContactsScreen(LogScreen):
    """The contact book: the logs' search, paging and keys (Esc, /, e, d, ] and [), with
    the contact book's own: n adds, u undoes a delete, m merges duplicates."""

    CSS_PATH = ["logs.tcss", "contacts.tcss"]
    KIND = "contact"
    TITLE_MSGID = N_("Contact book")
    HELP = N_(
        "Everybody the office deals with, in pinyin order. Type in the box at the top to find "
        "people by name, pinyin initials (zs finds 张三), organisation or number; the box "
        "beside it narrows the list to one relation. n adds a contact, Enter or e edits, "
        "d deletes (u undoes), l lists the calls with the contact, m shows likely duplicates "
        "to merge. ] and [ turn the pages; "
        "PgDn and PgUp also go on to the next or previous page from the last or first row."
    )
    COLUMNS = (N_("Name"), N_("Relation"), N_("Job title"), N_("Organisation"), N_("Numbers"))
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", N_("New"), id="contact_new", tooltip=N_("Add a contact")),
        Binding(
            "l",
            "calls",
            N_("Calls"),
            id="contact_calls",
            tooltip=N_("The calls with the selected contact"),
        ),
        Binding(
            "m",
            "merge",
            N_("Merge"),
            id="contact_merge",
            tooltip=N_("Show likely duplicates and merge them"),
        ),
        # Priority: the list keeps PgDn/PgUp to itself otherwise. Not in the footer, which
        # shows ] and [ as in the other logs; F1 lists them.
        Binding(
            "pagedown",
            "turn(1)",
            N_("Next page"),
            id="contact_next",
            priority=True,
            show=False,
            tooltip=N_("Down a screen; at the bottom, on to the next page"),
        ),
        Binding(
            "pageup",
            "turn(-1)",
            N_("Previous page"),
            id="contact_prev",
            priority=True,
            show=False,
            tooltip=N_("Up a screen; at the top, back to the previous page"),
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.landing: str | None = None
        """Where the cursor goes when the page being loaded arrives: top or bottom."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="filters"):
            yield Input(placeholder=_("name, initials, organisation or number"), id="filter-text")
            yield Cycle(RELATION_FILTER, "", id="filter-relation")
        table: DataTable[Text] = DataTable(id="log", cursor_type="row", zebra_stripes=True)
        table.add_columns(*[_(c) for c in self.COLUMNS])
        yield table
        yield Static("", id="log-status", markup=False)
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(getattr(self.app, "undo_stack", None))
        return True

    # -- the list ------------------------------------------------------------------------

    def filter_values(self) -> dict[str, Any]:
        return {
            "text": self.query_one("#filter-text", Input).value,
            "relation": self.query_one("#filter-relation", Cycle).value or None,
        }

    def fetch(self, filters: dict[str, Any], offset: int) -> Page:
        from secdesk.services import contacts

        return self.store.run(
            contacts.list_contacts, filters["text"], filters["relation"], offset, PAGE_SIZE
        )

    def cells(self, row: ContactRow) -> list[Text]:
        return [
            text(row.name),
            text(label("relation", row.relation)),
            text(row.title),
            text(row.organization),
            text(row.numbers),
        ]

    def action_turn(self, delta: int) -> None:
        """A screenful down (up) the list, and from its last (first) row on to the next
        (previous) page, so PgDn alone walks through the whole book."""
        table = self.query_one("#log", DataTable)
        inside = table.cursor_row < table.row_count - 1 if delta > 0 else table.cursor_row > 0
        if table.has_focus and inside:
            if delta > 0:
                table.action_page_down()
            else:
                table.action_page_up()
            return
        offset = self.page_offset + delta * PAGE_SIZE
        if 0 <= offset < max(self.total, 1):
            self.landing = "top" if delta > 0 else "bottom"
            self.action_page(delta)

    @on(LogScreen.Loaded)
    def _land(self, message: LogScreen.Loaded) -> None:
        # Runs before LogScreen.show, which keeps the cursor's row; move it once shown.
        if message.generation == self.generation and self.landing:
            self.call_next(self._move_cursor, self.landing)
            self.landing = None

    def _move_cursor(self, where: str) -> None:
        table = self.query_one("#log", DataTable)
        table.move_cursor(row=0 if where == "top" else max(table.row_count - 1, 0), animate=False)

    # -- adding and editing --------------------------------------------------------------

    def action_new(self) -> None:
        self.app.open_form("contact")  # type: ignore[attr-defined]

    def action_edit(self) -> None:
        if self.current_id is not None:
            self.app.edit_record("contact", self.current_id)  # type: ignore[attr-defined]

    @on(DataTable.RowSelected, "#log")
    def edit_row(self, event: DataTable.RowSelected) -> None:
        event.prevent_default()  # a contact opens in its form, not the record view
        event.stop()
        self.action_edit()

    # -- deleting and undo ---------------------------------------------------------------

    def action_calls(self) -> None:
        if self.current_id is not None:
            from secdesk.screens.logs import CallsScreen

            table = self.query_one("#log", DataTable)
            name = str(table.get_row_at(table.cursor_row)[0])
            self.app.push_screen(CallsScreen(self.current_id, name))

    def action_delete(self) -> None:
        # The desk's delete: asks first, and u undoes it from any screen.
        if self.current_id is not None:
            table = self.query_one("#log", DataTable)
            name = str(table.get_row_at(table.cursor_row)[0])
            self.app.delete_record("contact", self.current_id, name)  # type: ignore[attr-defined]

    # -- duplicates ----------------------------------------------------------------------

    def action_merge(self) -> None:
        self.app.push_screen(DuplicatesScreen())


class DuplicatesScreen(DeskModal[None]):
    """Pairs of contacts that may be one person; Enter merges the right into the left."""

    CSS_PATH = "contacts.tcss"
    HELP = N_(
        "Pairs of contacts that may be one person: the same name in the same organisation, "
        "or a shared number. Enter (or m) merges the right one into the left one: its numbers, "
        "calls and visits move over and it is deleted. s swaps which one is kept. Esc closes."
    )
    COLUMNS = (N_("Keep"), N_("Merge in"))
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "close",
            N_("Close"),
            id="duplicates_close",
            tooltip=N_("Back to the contact book"),
        ),
        Binding(
            "m",
            "merge",
            N_("Merge"),
            id="duplicates_merge",
            tooltip=N_("Merge the right contact into the left one (Enter does the same)"),
        ),
        Binding(
            "s",
            "swap",
            N_("Swap"),
            id="duplicates_swap",
            tooltip=N_("Keep the right contact instead of the left one"),
        ),
    ]

    @dataclass
    class Loaded(Message):
        pairs: list[tuple[ContactRow, ContactRow]]

    @dataclass
    class Merged(Message):
        pass

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
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#duplicates").border_title = _("Likely duplicates")
        self.query_one("#pairs", DataTable).focus()
        self.load()

    def refresh_data(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="duplicates", exit_on_error=False)
    def load(self) -> None:
        from secdesk.services import contacts

        self.post_message(self.Loaded(self.store.run(contacts.find_duplicates)))

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

        def answer(yes: bool | None) -> None:
            if yes:
                self.merging = True
                self._merge(keep.id, other.id)

        self.app.push_screen(
            ConfirmScreen(
                _(
                    "Merge {other}\ninto {keep}?\nIts numbers, calls and visits move over and it "
                    "is deleted. This cannot be undone."
                ).format(other=describe(other), keep=describe(keep)),
                yes=_("Merge"),
                no=_("Cancel"),
            ),
            answer,
        )

    @work(thread=True, exclusive=True, group="merge", exit_on_error=False)
    def _merge(self, keep_id: int, other_id: int) -> None:
        from secdesk.services import contacts

        try:
            self.store.write(contacts.merge_contacts, keep_id, other_id)
        except LookupError:
            self.post_message(self.Gone())
            return
        self.post_message(self.Merged())

    @on(Merged)
    def _merged(self) -> None:
        self.merging = False
        self.notify(_("Merged."))
        self.app.refresh_screens()  # type: ignore[attr-defined]

    @on(Gone)
    def _gone(self) -> None:
        self.merging = False
        self.notify(_("This record no longer exists."), severity="warning")
        self.load()

    def action_close(self) -> None:
        self.dismiss(None)
