"""Full logs of calls and visitors: newest first, filtered and paged in SQL, so they open
at once on a ten-year database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, Static

from secdesk.i18n import N_, _, format_short_date
from secdesk.screens.base import CALL_FOLLOW_UPS, DeskScreen
from secdesk.screens.form import Cycle
from secdesk.services.views import CallRow, Page, VisitorRow
from secdesk.textsafe import safe, text

PAGE_SIZE = 100


def parse_day(typed: str) -> date | None:
    """A filter date: 2026-11-01, 11-01, today, 昨天... Blank or unreadable gives None."""
    from secdesk import clock
    from secdesk.services.timeparse import TimeParseError, parse_when

    if not typed.strip():
        return None
    try:
        return parse_when(typed, clock.now_local()).date()
    except TimeParseError:
        return None


class LogScreen(DeskScreen):
    """A searchable, paged list of one kind of record."""

    CSS_PATH = "logs.tcss"
    KIND: ClassVar[str] = ""
    TITLE_MSGID: ClassVar[str] = ""
    COLUMNS: ClassVar[tuple[str, ...]] = ()
    NAME_COLUMNS: ClassVar[tuple[int, ...]] = (0,)
    """The columns that name a row in the delete question."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="log_back", tooltip=N_("Back to the dashboard")),
        Binding(
            "slash", "search", N_("Search"), id="log_search", tooltip=N_("Type to narrow the list")
        ),
        Binding("e", "edit", N_("Edit"), id="log_edit", tooltip=N_("Edit the selected record")),
        Binding(
            "d",
            "delete",
            N_("Delete"),
            id="log_delete",
            tooltip=N_("Delete the selected record (u undoes)"),
        ),
        Binding(
            "right_square_bracket",
            "page(1)",
            N_("Next page"),
            id="log_next",
            tooltip=N_("The next (older) page"),
        ),
        Binding(
            "left_square_bracket",
            "page(-1)",
            N_("Previous page"),
            id="log_prev",
            tooltip=N_("The previous (newer) page"),
        ),
    ]

    @dataclass
    class Loaded(Message):
        page: Page
        generation: int

    def __init__(self) -> None:
        super().__init__()
        self.page_offset = 0
        self.total = 0
        self.ids: list[int] = []
        self.generation = 0
        """Bumped on each request so a slow old page never overwrites a newer one."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="filters"):
            yield Input(placeholder=_("from (date)"), id="filter-from", classes="filter-date")
            yield Input(placeholder=_("to (date)"), id="filter-to", classes="filter-date")
            yield from self.extra_filters()
            yield Input(placeholder=_("search text"), id="filter-text")
        table: DataTable[Text] = DataTable(id="log", cursor_type="row", zebra_stripes=True)
        table.add_columns(*[_(c) if c else "" for c in self.COLUMNS])
        yield table
        yield Static("", id="log-status", markup=False)
        yield Footer()

    def extra_filters(self) -> ComposeResult:
        yield from ()

    def list_title(self) -> str:
        """What the status line calls this list."""
        return _(self.TITLE_MSGID)

    def on_mount(self) -> None:
        self.title = self.list_title()
        self.query_one("#log", DataTable).focus()
        self.load()

    def refresh_data(self) -> None:
        self.load()

    # -- filters -------------------------------------------------------------------------

    def filter_values(self) -> dict[str, Any]:
        return {
            "start": parse_day(self.query_one("#filter-from", Input).value),
            "end": parse_day(self.query_one("#filter-to", Input).value),
            "text": self.query_one("#filter-text", Input).value,
        }

    @on(Input.Changed)
    @on(Cycle.Changed)
    def filters_changed(self) -> None:
        self.page_offset = 0
        self.load()

    @on(Input.Submitted)
    def filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#log", DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#filter-text", Input).focus()

    def action_back(self) -> None:
        if self.focused is not None and self.focused.id and self.focused.id.startswith("filter"):
            self.query_one("#log", DataTable).focus()
            return
        self.app.pop_screen()

    # -- loading -------------------------------------------------------------------------

    def fetch(self, filters: dict[str, Any], offset: int) -> Page:
        raise NotImplementedError

    def load(self) -> None:
        self.generation += 1
        self._load(self.filter_values(), self.page_offset, self.generation)

    @work(thread=True, exclusive=True, group="log", exit_on_error=False)
    def _load(self, filters: dict[str, Any], offset: int, generation: int) -> None:
        page = self.fetch(filters, offset)
        self.post_message(self.Loaded(page, generation))

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        if message.generation != self.generation:
            return
        page = message.page
        self.total = page.total
        table = self.query_one("#log", DataTable)
        cursor = table.cursor_row
        table.clear()
        table.add_rows([self.cells(row) for row in page.rows])
        self.ids = [row.id for row in page.rows]
        if self.ids:
            table.move_cursor(row=min(cursor, len(self.ids) - 1), animate=False)
        first = page.offset + 1 if page.rows else 0
        # The logs have no header: the status line says which list this is.
        self.query_one("#log-status", Static).update(
            f"{self.title}  ·  "
            + _("{first}-{last} of {total}").format(
                first=first, last=page.offset + len(page.rows), total=page.total
            )
        )

    def cells(self, row: Any) -> list[Text]:
        raise NotImplementedError

    # -- actions on the selected row -----------------------------------------------------

    @property
    def current_id(self) -> int | None:
        row = self.query_one("#log", DataTable).cursor_row
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def action_page(self, delta: int) -> None:
        offset = self.page_offset + delta * PAGE_SIZE
        if 0 <= offset < max(self.total, 1):
            self.page_offset = offset
            self.load()

    def action_edit(self) -> None:
        if self.current_id is not None:
            self.app.edit_record(self.KIND, self.current_id)  # type: ignore[attr-defined]

    def action_delete(self) -> None:
        if self.current_id is not None:
            table = self.query_one("#log", DataTable)
            cells = table.get_row_at(table.cursor_row)
            name = " ".join(str(cells[i]) for i in self.NAME_COLUMNS)
            self.app.delete_record(self.KIND, self.current_id, name)  # type: ignore[attr-defined]

    @on(DataTable.RowSelected)
    def open_row(self, event: DataTable.RowSelected) -> None:
        from secdesk.screens.detail import DetailScreen

        if self.current_id is not None:
            self.app.push_screen(DetailScreen(self.KIND, self.current_id))


DIRECTION_FILTER = (
    ("", N_("In and out")),
    ("incoming", N_("Incoming")),
    ("outgoing", N_("Outgoing")),
)


class CallsScreen(LogScreen):
    """Every telephone call."""

    KIND = "call"
    TITLE_MSGID = N_("Calls log")
    HELP = N_(
        "Every call, newest first. Type in the boxes at the top to narrow the list by date "
        "(2026-11-01, 11-01, yesterday), direction or text (caller, number, organisation, "
        "summary). Enter opens a call, e edits, d deletes (u undoes), ] and [ turn "
        "the pages. t, s or p make a task, a supervision item or a letters-and-visits record "
        "from the selected call."
    )
    COLUMNS = (
        "",
        N_("When"),
        N_("Caller"),
        N_("Number"),
        N_("Organisation"),
        N_("Summary"),
        N_("For"),
    )
    NAME_COLUMNS = (1, 2, 5)
    BINDINGS: ClassVar[list[BindingType]] = CALL_FOLLOW_UPS

    def __init__(self, contact_id: int | None = None, contact_name: str = "") -> None:
        super().__init__()
        self.contact_id = contact_id
        """Only the calls linked to this contact (opened from the contact book), or all."""
        self.contact_name = contact_name

    def list_title(self) -> str:
        if self.contact_id is not None:
            return _("Calls with {name}").format(name=safe(self.contact_name))
        return super().list_title()

    def action_make(self, kind: str) -> None:
        if self.current_id is not None:
            self.app.make_from_call(kind, self.current_id)  # type: ignore[attr-defined]

    def extra_filters(self) -> ComposeResult:
        yield Cycle(DIRECTION_FILTER, "", id="filter-direction")

    def filter_values(self) -> dict[str, Any]:
        values = super().filter_values()
        values["direction"] = self.query_one("#filter-direction", Cycle).value or None
        values["contact_id"] = self.contact_id
        return values

    def fetch(self, filters: dict[str, Any], offset: int) -> Page:
        from secdesk.services import calls

        return self.store.run(calls.list_calls, calls.CallFilter(**filters), offset, PAGE_SIZE)

    def cells(self, row: CallRow) -> list[Text]:
        arrow = "←" if row.direction == "incoming" else "→"
        return [
            text(
                f"{arrow}!" if row.awaiting_follow_up else arrow,
                "bold yellow" if row.awaiting_follow_up else "dim",
            ),
            text(f"{row.at:%Y-%m-%d %H:%M}"),
            text(row.caller),
            text(row.number),
            text(row.organization),
            text(row.summary),
            text(row.message_for),
        ]


class VisitsScreen(LogScreen):
    """Every visitor."""

    KIND = "visit"
    TITLE_MSGID = N_("Visits log")
    HELP = N_(
        "Every visitor, newest first. Narrow by date or text (name, organisation, host, "
        "purpose, phone). Enter opens a visit, e edits, d deletes (u undoes), o marks the "
        "visitor as left, ] and [ turn the pages."
    )
    COLUMNS = (N_("Arrived"), N_("Name"), N_("Organisation"), N_("Host"), N_("Badge"))
    NAME_COLUMNS = (0, 1)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "o", "mark_left", N_("Left"), id="visit_left", tooltip=N_("The visitor has left (now)")
        ),
    ]

    def fetch(self, filters: dict[str, Any], offset: int) -> Page:
        from secdesk.services import visits

        return self.store.run(visits.list_visits, visits.VisitFilter(**filters), offset, PAGE_SIZE)

    def cells(self, row: VisitorRow) -> list[Text]:
        return [
            text(
                f"{format_short_date(row.arrived_at.date())} {row.arrived_at:%H:%M}",
                "bold red" if row.not_signed_out else "",
            ),
            text(row.name),
            text(row.organization),
            text(row.host),
            text(row.badge),
        ]

    def action_mark_left(self) -> None:
        if self.current_id is not None:
            self.app.mark_left(self.current_id)  # type: ignore[attr-defined]
