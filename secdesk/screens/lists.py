"""The list of one record kind, built from its declaration (``Kind.listing``): filters at
the top, columns that fit the screen, paging from SQL, and the kind's keys on the selected
row. Every kind's log, register and book is this screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from secdesk.i18n import N_, _
from secdesk.kinds import get
from secdesk.screens.base import DeskScreen, add_bindings, row_bindings
from secdesk.screens.work import data_worker
from secdesk.services.views import ListFilter, Page
from secdesk.widgets.fields import Cycle
from secdesk.widgets.footer import DeskFooter
from secdesk.widgets.record_table import RecordTable

PAGE_SIZE = 100


def parse_day(typed: str) -> date | None:
    """A filter date: 2026-11-01, 11-01, today, 昨天... Blank or unreadable gives None."""
    from secdesk.calendar import clock
    from secdesk.calendar.timeparse import TimeParseError, parse_when

    if not typed.strip():
        return None
    try:
        return parse_when(typed, clock.now_local()).date()
    except TimeParseError:
        return None


class RecordListScreen(DeskScreen):
    """Every record of one kind, newest first (or as the kind orders them)."""

    CSS_PATH = "lists.tcss"

    @dataclass
    class Loaded(Message):
        page: Page
        generation: int

    def __init__(
        self, kind: str, fixed: dict[str, Any] | None = None, title: str | None = None
    ) -> None:
        super().__init__()
        self.kind = get(kind)
        assert self.kind.listing is not None, f"{kind} has no list"
        self.listing = self.kind.listing
        self.fixed = dict(fixed or {})
        """Filters the list was opened with (the calls with one contact)."""
        self.fixed_title = title
        self.page_offset = 0
        self.total = 0
        self.generation = 0
        """Bumped on each request so a slow old page never overwrites a newer one."""
        self.revealed = False
        """Classified titles are shown (ctrl+r); forgotten when the screen closes."""
        self.landing: str | None = None
        """Where the cursor goes when the page being loaded arrives: top, bottom, or (on
        opening) the row the page names."""
        add_bindings(self, row_bindings(self.kind))

    def help_text(self) -> str:
        return _(self.listing.help)

    # -- building ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The search box first and widest, so what is typed after / is in view at any
        # width; the value filters fold into one line below it.
        with Horizontal(id="filters"):
            placeholder = self.listing.text_placeholder or N_("search text")
            yield Input(placeholder=_(placeholder), id="filter-text")
            if self.listing.date_field:
                yield Input(placeholder=_("from (date)"), id="filter-from", classes="filter-date")
                yield Input(placeholder=_("to (date)"), id="filter-to", classes="filter-date")
        if self.listing.choice_filters:
            with Horizontal(id="choices"):
                for choice in self.listing.choice_filters:
                    yield Cycle(choice.choices, "", id=f"filter-{choice.field}")
        yield RecordTable(self.listing.columns, id="log")
        yield Static("", id="log-status", markup=False)
        yield DeskFooter()

    def list_title(self) -> str:
        """What the status line calls this list."""
        return self.fixed_title or _(self.listing.title)

    def on_mount(self) -> None:
        self.title = self.list_title()
        self.table.focus()
        self.landing = "opening"
        self.load()

    def refresh_data(self) -> None:
        self.load()

    @property
    def table(self) -> RecordTable:
        return self.query_one("#log", RecordTable)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("new", "edit"):
            return self.kind.enterable
        if action == "reveal":
            return self.listing.reveals
        return True

    # -- filters -------------------------------------------------------------------------

    def filter_values(self) -> ListFilter:
        flt = ListFilter(
            text=self.query_one("#filter-text", Input).value,
            fixed=self.fixed,
            reveal=self.revealed,
        )
        if self.listing.date_field:
            flt.start = parse_day(self.query_one("#filter-from", Input).value)
            flt.end = parse_day(self.query_one("#filter-to", Input).value)
        for choice in self.listing.choice_filters:
            flt.choices[choice.field] = self.query_one(f"#filter-{choice.field}", Cycle).value
        return flt

    @on(Input.Changed)
    @on(Cycle.Changed)
    def filters_changed(self) -> None:
        self.page_offset = 0
        self.load()

    @on(Input.Submitted)
    def filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def action_reveal(self) -> None:
        self.revealed = not self.revealed
        self.load()

    def action_search(self) -> None:
        self.query_one("#filter-text", Input).focus()

    def action_back(self) -> None:
        if self.focused is not None and self.focused.id and self.focused.id.startswith("filter"):
            self.table.focus()
            return
        self.app.pop_screen()

    # -- loading -------------------------------------------------------------------------

    def load(self) -> None:
        self.generation += 1
        self._load(self.filter_values(), self.page_offset, self.generation)

    @data_worker("log")
    def _load(self, flt: ListFilter, offset: int, generation: int) -> Message:
        from secdesk.services import records

        page = self.store.run(records.page, self.kind.name, flt, offset, PAGE_SIZE, self.settings)
        return self.Loaded(page, generation)

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        if message.generation != self.generation:
            return
        page = message.page
        self.total = page.total
        self.table.show(page.rows)
        if self.landing and page.rows:
            last = len(page.rows) - 1
            row = {"top": 0, "bottom": last}.get(self.landing, page.opening_row or 0)
            self.table.move_cursor(row=row, animate=False)
        self.landing = None
        first = page.offset + 1 if page.rows else 0
        # The lists have no header: the status line says which list this is (and how it
        # is ordered where colours come first).
        order = f"  ·  {_(self.listing.order_note)}" if self.listing.order_note else ""
        self.query_one("#log-status", Static).update(
            f"{self.title}  ·  "
            + _("{first}-{last} of {total}").format(
                first=first, last=page.offset + len(page.rows), total=page.total
            )
            + order
        )

    # -- actions on the selected row -----------------------------------------------------

    @property
    def current_id(self) -> int | None:
        row = self.table.current
        return row.id if row else None

    def action_page(self, delta: int) -> None:
        offset = self.page_offset + delta * PAGE_SIZE
        if 0 <= offset < max(self.total, 1):
            self.page_offset = offset
            self.load()

    def action_turn(self, delta: int) -> None:
        """A screenful down (up) the list, and from its last (first) row on to the next
        (previous) page, so PgDn alone walks through the whole list."""
        table = self.table
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

    def action_new(self) -> None:
        self.desk.open_form(self.kind.name)

    def action_edit(self) -> None:
        if self.current_id is not None:
            self.desk.edit_record(self.kind.name, self.current_id)

    def action_delete(self) -> None:
        row = self.table.current
        if row is not None:
            name = " ".join(
                row.cells[i].text for i in self.listing.name_columns if row.cells[i].text
            )
            self.desk.delete_record(self.kind.name, row.id, name)

    def action_row_action(self, action_id: str) -> None:
        self.desk.run_row_action(action_id, self.kind.name, self.current_id)

    @on(RecordTable.RowSelected, "#log")
    def open_row(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        if self.current_id is None:
            return
        if self.listing.enter_edits and self.kind.enterable:
            self.action_edit()
        else:
            self.desk.open_record(self.kind.name, self.current_id)
