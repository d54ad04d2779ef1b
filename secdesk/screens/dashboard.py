"""The daily dashboard: the first thing the secretary sees, kept true by itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.message import Message
from textual.widgets import Footer, Static

from secdesk import clock
from secdesk.i18n import N_, _, format_date, format_short_date, format_weekday, ngettext
from secdesk.labels import label
from secdesk.screens.base import CALL_FOLLOW_UPS, DeskScreen
from secdesk.textsafe import safe, text
from secdesk.widgets.panel import Panel

if TYPE_CHECKING:
    # Only for type hints: the screen paints before the data layer is imported.
    from secdesk.services.views import CallRow, Dashboard, SupervisionRow

PANELS = (
    # id, record kind, title, columns, what fills it
    (
        "inbox",
        "incoming",
        N_("Inbox"),
        (N_("No."), N_("Urgency"), N_("Classification"), N_("Title"), N_("Sender"), N_("Due")),
        N_("No documents waiting. Registered incoming documents appear here."),
    ),
    (
        "supervision",
        "supervision",
        N_("Supervision deadlines"),
        (N_("Days left"), N_("Matter"), N_("Undertaking unit"), N_("Due"), N_("Done")),
        N_("No open supervision items."),
    ),
    (
        "calls",
        "call",
        N_("Telephone log"),
        ("", N_("Time"), N_("Caller"), N_("Organisation"), N_("Summary"), N_("For")),
        N_("No calls today. Press c to log a call."),
    ),
    (
        "meetings",
        "meeting",
        N_("Meetings"),
        (N_("When"), N_("Meeting"), N_("Location")),
        N_("No meetings today or in the next 7 days."),
    ),
    (
        "visitors",
        "visit",
        N_("Visitors"),
        (N_("Arrived"), N_("Name"), N_("Organisation"), N_("Host"), N_("Badge")),
        N_("Nobody in the building. Press v to register a visitor."),
    ),
)

URGENCY_STYLE = {"extra_urgent": "bold red", "urgent": "bold yellow"}
#: Supervision colours (services.views.Colour): red overdue, blue due soon, yellow behind.
COLOUR_STYLE = {
    "red": "bold red",
    "blue": "bold dodger_blue1",
    "yellow": "bold yellow",
    "none": "",
}


class DashboardScreen(DeskScreen):
    """Inbox, meetings, telephone log, supervision deadlines and visitors, for today."""

    CSS_PATH = "dashboard.tcss"
    HELP = N_(
        "The day at a glance. Number keys 1-5 (or Tab) move between the panels, arrow keys "
        "move through a panel, Enter opens the row. The panels refresh by themselves when "
        "anybody changes the database, and roll over to the new day at midnight."
        " c logs a call and v a visitor from anywhere; on a call, t, s and p make a task, a "
        "supervision item or a letters-and-visits record; on a visitor, o marks them left."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "1",
            "focus_panel('inbox')",
            N_("Inbox"),
            id="panel_inbox",
            tooltip=N_("Go to the inbox of documents to handle"),
            show=False,
        ),
        Binding(
            "2",
            "focus_panel('supervision')",
            N_("Supervision"),
            id="panel_supervision",
            tooltip=N_("Go to the supervision deadlines"),
            show=False,
        ),
        Binding(
            "3",
            "focus_panel('calls')",
            N_("Calls"),
            id="panel_calls",
            tooltip=N_("Go to today's telephone log"),
            show=False,
        ),
        Binding(
            "4",
            "focus_panel('meetings')",
            N_("Meetings"),
            id="panel_meetings",
            tooltip=N_("Go to the meetings of this week"),
            show=False,
        ),
        Binding(
            "5",
            "focus_panel('visitors')",
            N_("Visitors"),
            id="panel_visitors",
            tooltip=N_("Go to the visitors in the building"),
            show=False,
        ),
        Binding(
            "r",
            "reload",
            N_("Refresh"),
            id="refresh",
            tooltip=N_("Read the database again now"),
            show=False,
        ),
        Binding(
            "e",
            "edit",
            N_("Edit"),
            id="dashboard_edit",
            tooltip=N_("Edit the selected call or visitor"),
        ),
        Binding(
            "d",
            "delete",
            N_("Delete"),
            id="dashboard_delete",
            tooltip=N_("Delete the selected call or visitor (u undoes)"),
        ),
        Binding(
            "o",
            "mark_left",
            N_("Left"),
            id="dashboard_left",
            tooltip=N_("The selected visitor has left (now)"),
        ),
        *CALL_FOLLOW_UPS,
    ]

    @dataclass
    class Loaded(Message):
        data: Dashboard
        remembered: bool = False
        """True for the dashboard remembered from the last run (still true, checked)."""

    @dataclass
    class Failed(Message):
        error: str

    def __init__(self) -> None:
        super().__init__()
        self.data: Dashboard | None = None
        """The dashboard on screen."""
        self.fresh = False
        """Data read from the database in this run has been shown."""

    def compose(self) -> ComposeResult:
        yield Static(self._header_text(), id="day-header", markup=False)
        with Container(id="panels"):
            for number, (panel_id, kind, title, columns, hint) in enumerate(PANELS, start=1):
                yield Panel(kind, title, number, columns, hint, id=panel_id)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#inbox", Panel).focus_table()
        # The first frame goes out before any disk work starts.
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        self.load(remembered_first=True)

    def refresh_data(self) -> None:
        self.load()

    def action_reload(self) -> None:
        self.load()

    def focused_panel(self) -> Panel | None:
        focused = self.focused
        parent = focused.parent if focused is not None else None
        return parent if isinstance(parent, Panel) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        panel = self.focused_panel()
        if action in ("edit", "delete"):
            return panel is not None and panel.kind in ("call", "visit")
        if action == "mark_left":
            return panel is not None and panel.kind == "visit"
        if action == "make":
            return panel is not None and panel.kind == "call"
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def _selected(self) -> tuple[str, int] | None:
        panel = self.focused_panel()
        if panel is None or panel.current_id is None:
            return None
        return panel.kind, panel.current_id

    def action_edit(self) -> None:
        if selected := self._selected():
            self.app.edit_record(*selected)  # type: ignore[attr-defined]

    def action_delete(self) -> None:
        if selected := self._selected():
            panel = self.focused_panel()
            assert panel is not None
            cells = panel.table.get_row_at(panel.table.cursor_row)
            name = " ".join(str(c) for c in cells[1:5] if str(c))
            self.app.delete_record(*selected, name)  # type: ignore[attr-defined]

    def action_mark_left(self) -> None:
        if (selected := self._selected()) and selected[0] == "visit":
            self.app.mark_left(selected[1])  # type: ignore[attr-defined]

    def action_make(self, kind: str) -> None:
        if (selected := self._selected()) and selected[0] == "call":
            self.app.make_from_call(kind, selected[1])  # type: ignore[attr-defined]

    def action_focus_panel(self, panel_id: str) -> None:
        self.query_one(f"#{panel_id}", Panel).focus_table()

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def load(self, remembered_first: bool = False) -> None:
        """Read the whole day in a worker thread; the UI never waits on the disk.

        At start, the dashboard remembered from the last run is shown first when it is
        provably still true (one standard-library query decides); the database layer then
        loads and the real read replaces it. One thread, in that order: a second thread
        importing SQLAlchemy at the same time would only slow the quick path down."""
        from secdesk.services import snapshot

        due_soon = self.settings.due_soon_days
        if remembered_first:
            remembered = snapshot.load(self.store.path, clock.today(), due_soon)
            if remembered is not None:
                self.post_message(self.Loaded(remembered, remembered=True))
        from secdesk.services import dashboard

        try:
            data = self.store.run(dashboard.build, clock.today(), due_soon)
        except Exception as exc:  # shown to the user, never a crash
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Loaded(data))
        snapshot.save(self.store.path, data, due_soon)

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        if message.remembered and self.fresh:
            return  # the database answered first
        self.fresh = self.fresh or not message.remembered
        old, data = self.data, message.data
        self.data = data
        self.query_one("#day-header", Static).update(self._header_text())
        # Refill only the panels whose rows changed: the cursor and the eye stay put.
        for panel_id, fields, fill in (
            ("inbox", ("inbox", "inbox_total"), self._show_inbox),
            (
                "supervision",
                ("supervision", "supervision_total", "supervision_overdue"),
                self._show_supervision,
            ),
            ("calls", ("calls", "calls_total", "calls_awaiting"), self._show_calls),
            ("meetings", ("meetings",), self._show_meetings),
            ("visitors", ("visitors", "visits_today"), self._show_visitors),
        ):
            same = (
                old is not None
                and old.day == data.day
                and all(getattr(old, f) == getattr(data, f) for f in fields)
            )
            if not same or not self.query_one(f"#{panel_id}", Panel).loaded:
                fill(data)

    @on(Failed)
    def show_failure(self, message: Failed) -> None:
        for panel in self.query(Panel):
            panel.show_error(_("Cannot read the database: {error}").format(error=message.error))
        self.notify(safe(message.error), title=_("Database error"), severity="error", markup=False)

    @on(Panel.Opened)
    def open_record(self, message: Panel.Opened) -> None:
        from secdesk.screens.detail import DetailScreen

        self.app.push_screen(DetailScreen(message.kind, message.record_id))

    # -- rendering -------------------------------------------------------------------

    def _header_text(self) -> Text:
        day = self.data.day if self.data else None
        today = day.day if day else clock.today()
        header = Text()
        header.append("secdesk  ", style="bold")
        header.append(format_date(today), style="bold")
        if day is not None:
            header.append("  ")
            header.append(self._day_kind(day.kind, day.holiday_name), style="bold")
            if not day.covered:
                header.append("  ")
                header.append(
                    _("(no official holiday calendar for {year}: Monday-Friday assumed)").format(
                        year=today.year
                    ),
                    style="italic",
                )
        return header

    @staticmethod
    def _day_kind(kind: str, holiday: str | None) -> str:
        name = label("holiday", holiday) if holiday else ""
        if kind == "holiday":
            return _("Public holiday: {name}").format(name=name)
        if kind == "makeup":
            return (
                _("Make-up working day ({name})").format(name=name)
                if name
                else _("Make-up working day")
            )
        if kind == "weekend":
            return _("Weekend")
        return _("Working day")

    def _show_inbox(self, data: Dashboard) -> None:
        today = data.day.day
        rows = []
        for doc in data.inbox:
            due = Text("")
            if doc.due:
                due = text(format_short_date(doc.due), "bold red" if doc.due < today else "")
            rows.append(
                (
                    doc.id,
                    [
                        text(doc.receipt_number),
                        text(label("urgency", doc.urgency), URGENCY_STYLE.get(doc.urgency, "")),
                        text(
                            label("classification", doc.classification),
                            "magenta" if doc.classification != "none" else "dim",
                        ),
                        text(doc.title),
                        text(doc.sender),
                        due,
                    ],
                )
            )
        self.query_one("#inbox", Panel).show_rows(rows, self._count(len(rows), data.inbox_total))

    def _show_supervision(self, data: Dashboard) -> None:
        rows = [(item.id, self._supervision_cells(item)) for item in data.supervision]
        subtitle = self._count(len(rows), data.supervision_total)
        if data.supervision_overdue:
            subtitle = _("{n} overdue").format(n=data.supervision_overdue) + " · " + subtitle
        self.query_one("#supervision", Panel).show_rows(rows, subtitle)

    @staticmethod
    def _supervision_cells(item: SupervisionRow) -> list[Text]:
        style = COLOUR_STYLE[item.colour]
        if item.days_left < 0:
            left = ngettext("{n} day overdue", "{n} days overdue", -item.days_left).format(
                n=-item.days_left
            )
        elif item.days_left == 0:
            left = _("due today")
        else:
            left = ngettext("{n} day", "{n} days", item.days_left).format(n=item.days_left)
        return [
            text(left, style),
            text(item.title),
            text(item.undertaking_unit),
            text(format_short_date(item.due)),
            text(f"{item.progress}%"),
        ]

    def _show_calls(self, data: Dashboard) -> None:
        rows = [(call.id, self._call_cells(call)) for call in data.calls]
        subtitle = self._count(len(rows), data.calls_total)
        if data.calls_awaiting:
            subtitle = _("{n} awaiting follow-up").format(n=data.calls_awaiting) + " · " + subtitle
        self.query_one("#calls", Panel).show_rows(rows, subtitle)

    @staticmethod
    def _call_cells(call: CallRow) -> list[Text]:
        arrow = "←" if call.direction == "incoming" else "→"
        mark = text(
            f"{arrow}!" if call.awaiting_follow_up else arrow,
            "bold yellow" if call.awaiting_follow_up else "dim",
        )
        return [
            mark,
            text(call.at.strftime("%H:%M")),
            text(call.caller or call.number),
            text(call.organization),
            text(call.summary),
            text(call.message_for),
        ]

    def _show_meetings(self, data: Dashboard) -> None:
        today = data.day.day
        rows = []
        for meeting in data.meetings:
            start = meeting.starts_at
            when = (
                _("Today")
                if start.date() == today
                else f"{format_weekday(start.date())} {format_short_date(start.date())}"
            )
            rows.append(
                (
                    meeting.id,
                    [
                        text(f"{when} {start:%H:%M}", "bold" if start.date() == today else ""),
                        text(meeting.title),
                        text(meeting.location),
                    ],
                )
            )
        self.query_one("#meetings", Panel).show_rows(rows, _("{n} this week").format(n=len(rows)))

    def _show_visitors(self, data: Dashboard) -> None:
        rows = []
        for visitor in data.visitors:
            arrived = visitor.arrived_at
            when = f"{arrived:%H:%M}"
            if visitor.not_signed_out:
                when = f"{format_short_date(arrived.date())} {when} " + _("not signed out")
            rows.append(
                (
                    visitor.id,
                    [
                        text(when, "bold red" if visitor.not_signed_out else ""),
                        text(visitor.name),
                        text(visitor.organization),
                        text(visitor.host),
                        text(visitor.badge),
                    ],
                )
            )
        subtitle = _("{inside} in the building · {today} today").format(
            inside=len(rows), today=data.visits_today
        )
        self.query_one("#visitors", Panel).show_rows(rows, subtitle)

    @staticmethod
    def _count(shown: int, total: int) -> str:
        if total > shown:
            return _("{shown} of {total}").format(shown=shown, total=total)
        return _("{n} in all").format(n=total)
