"""The daily dashboard: the first thing the secretary sees, kept true by itself. One panel
per record kind that declares one (``Kind.panel``)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from threading import Event
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.message import Message
from textual.widgets import Static

from secdesk.calendar import clock
from secdesk.i18n import N_, _, format_date
from secdesk.kinds import Kind, PanelSpec, get, kinds
from secdesk.screens.base import DeskScreen, row_bindings
from secdesk.screens.work import tell_failure
from secdesk.textsafe import safe
from secdesk.widgets import heap, keymap
from secdesk.widgets.footer import DeskFooter
from secdesk.widgets.panel import Panel

if TYPE_CHECKING:
    from datetime import date

    from textual.timer import Timer

    # Only for type hints: the screen paints before the data layer is imported.
    from secdesk.services.views import Dashboard

#: Seconds the worker waits for the remembered dashboard to be painted before it loads the
#: data layer anyway.
PAINT_WAIT = 2.0
#: How often, and how long each time, ``_painted`` lets the tables lay out their rows.
PAINT_LOOKS, PAINT_LOOK = 5, 0.005
#: Seconds after the first frame when the footer shows its keys even if the day is not on
#: screen yet (they are shown as soon as it is).
KEYS_AT = 1.0
#: Seconds without a change after which tomorrow's dashboard is read and remembered, for
#: the first start of tomorrow (``snapshot.save_ahead``).
AHEAD_AFTER = 20.0


def panel_kinds() -> list[Kind]:
    """The kinds with a dashboard panel, in panel order."""
    return sorted((k for k in kinds() if k.panel), key=lambda k: cast(PanelSpec, k.panel).position)


def _bindings() -> list[BindingType]:
    out: list[BindingType] = []
    for kind in panel_kinds():
        assert kind.panel is not None
        out.append(
            keymap.Key(
                f"panel_{kind.panel.id}",
                str(kind.panel.position),
                f"focus_panel({kind.panel.id!r})",
                kind.panel.title,
                kind.panel.key_help,
                show=False,
            ).binding()
        )
    seen: set[str] = set()
    # Any kind's row keys: a panel may hold rows of several kinds (the deadline panel has
    # tasks and letters and visits too); each key acts only on a row of its own kind.
    for kind in kinds():
        for binding in row_bindings(kind):
            if binding.id not in seen:
                seen.add(binding.id or "")
                out.append(binding)
    return out


class DashboardScreen(DeskScreen):
    """Inbox, supervision deadlines, telephone log, meetings and visitors, for today."""

    CSS_PATH = "dashboard.tcss"
    HELP = N_(
        "The day at a glance. Number keys (or Tab) move between the panels, arrow keys move "
        "through a panel, Enter opens the row, e edits it and d deletes it (u undoes). The "
        "panels refresh by themselves when anybody changes the database, and roll over to "
        "the new day at midnight. c logs a call and v a visitor from anywhere; on a call, t, "
        "s and p make a task, a supervision item or a letters-and-visits record; on a "
        "visitor, o marks them left."
    )
    BINDINGS: ClassVar[list[BindingType]] = [*_bindings(), *keymap.bindings("DashboardScreen")]

    @dataclass
    class Loaded(Message):
        data: Dashboard
        remembered: bool = False
        """True for a dashboard shown before the data layer loads: remembered from the last
        run (still true, checked) or read lean; the data layer's read replaces it."""

    @dataclass
    class Failed(Message):
        error: str

    def __init__(self) -> None:
        super().__init__()
        self.data: Dashboard | None = None
        """The dashboard on screen."""
        self.fresh = False
        """Data read from the database in this run has been shown."""
        self.painted = Event()
        """Set once the first data shown (or the failure) is on the terminal."""
        self._ahead: Timer | None = None
        """Reads tomorrow's dashboard once the data has been still for ``AHEAD_AFTER``."""
        self.read_only = False
        """The shared database lets this desk read and not save (its role may only read):
        the header says so, before anybody types a form in vain."""

    def compose(self) -> ComposeResult:
        yield Static(self._header_text(), id="day-header", markup=False)
        with Container(id="panels"):
            for kind in panel_kinds():
                assert kind.panel is not None
                yield Panel(kind.name, kind.panel)
        yield DeskFooter(hold=True)

    def on_mount(self) -> None:
        first = self.query(Panel).first()
        first.focus_table()
        # The keys are shown once the day is (``_painted``), or after KEYS_AT whatever happens.
        self.set_timer(KEYS_AT, self.query_one(DeskFooter).release)
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
        if action == "edit":
            return panel is not None and get(panel.kind).enterable
        if action == "delete":
            return panel is not None
        if action == "row_action":
            selected = self._selected()
            return selected is not None and any(
                a.id == parameters[0] for a in get(selected[1]).row_actions
            )
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_data_table_row_highlighted(self) -> None:
        # The keys of the row under the cursor (a deadline panel mixes kinds).
        self.refresh_bindings()

    def _selected(self) -> tuple[Panel, str, int] | None:
        panel = self.focused_panel()
        row = panel.current if panel is not None else None
        if panel is None or row is None:
            return None
        return panel, row.kind, row.id

    def action_edit(self) -> None:
        if selected := self._selected():
            self.desk.edit_record(selected[1], selected[2])

    def action_delete(self) -> None:
        if selected := self._selected():
            panel, kind, record_id = selected
            row = panel.current
            assert row is not None
            name = " ".join(c.text for c in row.cells[1:5] if c.text)
            self.desk.delete_record(kind, record_id, name)

    def action_row_action(self, action_id: str) -> None:
        if selected := self._selected():
            _panel, kind, record_id = selected
            self.desk.run_row_action(action_id, kind, record_id)

    def action_focus_panel(self, panel_id: str) -> None:
        self.query_one(f"#{panel_id}", Panel).focus_table()

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def load(self, remembered_first: bool = False) -> None:
        """Read the whole day in a worker thread; the UI never waits on the disk.

        At start, the dashboard remembered from the last run is shown first when it is
        provably still true (one standard-library query decides), else the day read with
        the standard library (``services.leanday``); the database layer then loads and the
        real read replaces it. One thread, in that order, and the data layer
        only once the remembered panels are painted: importing SQLAlchemy meanwhile would
        hold the interpreter the frame needs (the app's own background work waits too)."""
        from secdesk.services import firstread, snapshot

        if remembered_first:
            day = clock.today()
            # Read while the desk started (``run_tui``), else now.
            begun, remembered = firstread.take(self.store.path, day, self.settings)
            if not begun:
                remembered = self._remembered(day)
            if remembered is not None:
                self.post_message(self.Loaded(remembered, remembered=True))
                self.painted.wait(PAINT_WAIT)
        try:
            from secdesk.services.store import load_data_layer

            load_data_layer()
            from secdesk.services import dashboard

            data = self.store.run(dashboard.build, clock.today(), self.settings)
        except Exception as exc:  # shown to the user (and the desk settles), never a crash
            from secdesk.services.errors import describe

            self.post_message(self.Failed(describe(exc, self.store.path)))
            return
        self.post_message(self.Loaded(data))
        snapshot.save(self.store.path, data, self.settings)
        self.tell_notices()

    def _remembered(self, day: date) -> Dashboard | None:
        """The day as remembered when still true, else (a file) read lean: what is shown
        before the data layer loads, or None."""
        from secdesk.services import snapshot

        if self.store.url is not None:  # a shared database: nothing is read lean there
            return snapshot.load_shared(self.store.url, self.store.path, day, self.settings)
        found = snapshot.load(self.store.path, day, self.settings)
        if found is None:
            # Nothing remembered (the first start of a day): the same panels read with the
            # standard library, still before the data layer.
            from secdesk.services import leanday

            found = leanday.build(self.store.path, day, self.settings)
        return found

    def tell_notices(self) -> None:
        """Say once what changed behind the user's back (limits counted again)."""
        from secdesk.services import notices

        try:
            found = self.store.run(notices.unseen, notices.last_seen())
        except Exception:  # a notice is never worth an error
            return
        for event_id, said in found:
            self.app.call_from_thread(
                self.notify, said, title=_("Holiday calendar"), timeout=15, markup=False
            )
            notices.mark_seen(event_id)

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        if message.remembered and self.fresh:
            return  # the database answered first
        if not message.remembered and not self.fresh:
            # The first real read: the data layer and the day are loaded (widgets.heap).
            self.call_after_refresh(heap.settle)
        self.fresh = self.fresh or not message.remembered
        if not message.remembered:  # the database is open: asking costs nothing
            self.read_only = self.store.on_server and self.store.read_only
        old, data = self.data, message.data
        self.data = data
        self.query_one("#day-header", Static).update(self._header_text())
        # Refill only the panels whose rows changed: the cursor and the eye stay put.
        for panel_data in data.panels:
            panel = self.query_one(f"#{panel_data.id}", Panel)
            before = old.panel(panel_data.id) if old is not None else None
            same = old is not None and old.day == data.day and before == panel_data
            if not same or not panel.loaded:
                panel.show(panel_data)
        self.call_after_refresh(self._painted)
        if not message.remembered:
            if self._ahead is not None:
                self._ahead.stop()
            self._ahead = self.set_timer(AHEAD_AFTER, self.read_ahead)

    @work(thread=True, exclusive=True, group="dashboard-ahead", exit_on_error=False)
    def read_ahead(self) -> None:
        """Remember tomorrow's dashboard: if nobody changes anything before then, the first
        start of tomorrow shows it at once (it is checked as today's is)."""
        from datetime import timedelta

        from secdesk.services import dashboard, snapshot

        if self.data is None:
            return
        tomorrow = self.data.day.day + timedelta(days=1)
        try:
            data = self.store.run(dashboard.build, tomorrow, self.settings)
        except Exception:  # noqa: BLE001 - only tomorrow's start time is at stake
            return
        snapshot.save_ahead(self.store.path, data, self.settings)

    async def _painted(self, looks: int = 0) -> None:
        """The data (or the failure) is on the terminal: the data layer may load now.

        A table measures the rows it was given when it is next idle, which may come after
        the screen's refresh this was called after: the frame with the rows is then still
        to come, and the keys, the background work and the data layer's import would hold
        the interpreter it needs (40 ms of the filled frame, traced). So the tables are let
        run, and the refresh after theirs is waited for."""
        if self.painted.is_set():
            return
        if looks < PAINT_LOOKS and not all(p.table.settled for p in self.query(Panel)):
            await asyncio.sleep(PAINT_LOOK)
            self.call_after_refresh(self._painted, looks + 1)
            return
        self.painted.set()
        self.query_one(DeskFooter).release()
        self.desk.start_background()

    @on(Failed)
    def show_failure(self, message: Failed) -> None:
        heap.settle()  # no day to wait for
        for panel in self.query(Panel):
            panel.show_error(_("Cannot read the database: {error}").format(error=message.error))
        tell_failure(self, safe(message.error), _("Database error"))
        self.call_after_refresh(self._painted)

    @on(Panel.Opened)
    def open_record(self, message: Panel.Opened) -> None:
        self.desk.open_record(message.kind, message.record_id)

    # -- rendering -------------------------------------------------------------------

    def _header_text(self) -> Text:
        from secdesk.calendar.workdays import day_kind_text

        day = self.data.day if self.data else None
        today = day.day if day else clock.today()
        header = Text()
        header.append("secdesk  ", style="bold")
        header.append(format_date(today), style="bold")
        if self.read_only:
            header.append("  ")
            header.append(_("read-only: this desk may look, not save"), style="bold reverse")
        if day is not None:
            header.append("  ")
            header.append(day_kind_text(day), style="bold")
            if not day.covered:
                header.append("  ")
                header.append(
                    _(
                        "(no official holiday calendar for {year}: Monday-Friday assumed; "
                        "H enters it)"
                    ).format(year=today.year),
                    style="italic",
                )
        return header
