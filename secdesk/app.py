"""SecDeskApp: screens, global keys, the command palette and keeping the data fresh."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.message import Message
from textual.worker import Worker, WorkerState, get_current_worker

from secdesk import clock, i18n
from secdesk.config import Settings
from secdesk.i18n import N_, _
from secdesk.screens.actions import RecordActions
from secdesk.screens.base import DeskMixin, translate_bindings
from secdesk.services.store import Store
from secdesk.textsafe import safe

#: How often the database is asked whether anybody changed it (seconds).
POLL_INTERVAL = 0.5


def desk_commands() -> type[Provider]:
    """secdesk's palette commands, loaded when the palette first opens."""
    from secdesk.screens.palette import DeskCommands

    return DeskCommands


class SecDeskApp(RecordActions, App[None]):
    """The desk: opens onto the daily dashboard.

    Lower-case keys act (c logs a call, v a visitor); upper-case keys open screens.
    """

    TITLE = "secdesk"
    COMMANDS = App.COMMANDS | {desk_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", N_("Quit"), id="quit", tooltip=N_("Leave secdesk")),
        Binding(
            "f1,question_mark",
            "help",
            N_("Help"),
            id="help",
            tooltip=N_("Show the keys of this screen"),
        ),
        Binding(
            "c",
            "log_call",
            N_("Call"),
            id="log_call",
            tooltip=N_("Log a telephone call (from anywhere)"),
        ),
        Binding(
            "v",
            "log_visit",
            N_("Visitor"),
            id="log_visit",
            tooltip=N_("Register a visitor (from anywhere)"),
        ),
        Binding("u", "undo", N_("Undo"), id="undo", tooltip=N_("Bring back what was deleted last")),
        Binding(
            "a",
            "add_pending_contact",
            N_("Add contact"),
            id="add_contact",
            tooltip=N_("Add the caller just logged to the contact book"),
        ),
        Binding(
            "C",
            "show_calls",
            N_("Calls log"),
            id="show_calls",
            show=False,
            tooltip=N_("Every call, searchable"),
        ),
        Binding(
            "V",
            "show_visits",
            N_("Visits log"),
            id="show_visits",
            show=False,
            tooltip=N_("Every visitor, searchable"),
        ),
        Binding(
            "B",
            "show_contacts",
            N_("Contact book"),
            id="show_contacts",
            show=False,
            tooltip=N_("People and units, their numbers; import and merge"),
        ),
        Binding(
            "D",
            "show_duty_log",
            N_("Duty log"),
            id="show_duty_log",
            show=False,
            tooltip=N_("The day's diary and handover note"),
        ),
    ]

    @dataclass
    class DataChanged(Message):
        """Somebody (this window, another one, the command line) changed the database,
        or the local day rolled over."""

        day_changed: bool = False

    def __init__(
        self, store: Store, settings: Settings | None = None, watch_changes: bool = True
    ) -> None:
        super().__init__()
        self.store = store
        """The door to the database; screens use it from workers only."""
        self.settings = settings or Settings()
        self.watch_changes = watch_changes
        """Poll the database for outside changes (tests may turn it off)."""
        self.undo_stack = []
        self.pending_contact = None
        translate_bindings(self)

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        from secdesk.screens.dashboard import DashboardScreen

        self.push_screen(DashboardScreen())
        # Background work starts once the first frame is out.
        if self.watch_changes:
            self.call_after_refresh(self.watch_database)
        self.call_after_refresh(self.offer_drafts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self.undo_stack)
        if action == "add_pending_contact":
            return self.pending_contact is not None
        return True

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def watch_database(self) -> None:
        """Tell the screens when the database changed or the day rolled over.

        ``PRAGMA data_version`` is cheap, so the panels reload only after a real change.
        """
        worker = get_current_worker()
        try:
            watcher = self.store.watcher()
        except Exception:  # the dashboard reports an unreadable database itself
            return
        day = clock.today()
        try:
            while not worker.is_cancelled:
                time.sleep(POLL_INTERVAL)
                changed = watcher.changed()
                new_day = clock.today()
                if changed or new_day != day:
                    self.post_message(self.DataChanged(day_changed=new_day != day))
                    day = new_day
        finally:
            self.store.forget(watcher)

    @on(DataChanged)
    def refresh_screens(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, DeskMixin):
                screen.refresh_data()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.report_failed_worker(event.worker)

    def report_failed_worker(self, worker: Worker[object]) -> None:
        """A background job failed (a locked or broken database, a full disk): say so and
        keep the desk running; nothing the user typed is lost (forms keep their drafts)."""
        if worker.state == WorkerState.ERROR and worker.error is not None:
            self.notify(
                safe(str(worker.error)),
                title=_("Something went wrong"),
                severity="error",
                markup=False,
                timeout=10,
            )

    def action_refresh_all(self) -> None:
        self.refresh_screens()

    def action_show_calls(self) -> None:
        from secdesk.screens.logs import CallsScreen

        self._show(CallsScreen)

    def action_show_visits(self) -> None:
        from secdesk.screens.logs import VisitsScreen

        self._show(VisitsScreen)

    def action_show_contacts(self) -> None:
        from secdesk.screens.contacts import ContactsScreen

        self._show(ContactsScreen)

    def action_show_duty_log(self) -> None:
        from secdesk.screens.dutylog import DutyLogScreen

        self._show(DutyLogScreen)

    def _form_in_the_way(self) -> bool:
        """A form with unsaved typing is open: screens are not swapped out from under it."""
        from secdesk.screens.form import RecordForm

        for screen in self.screen_stack:
            if isinstance(screen, RecordForm) and screen.dirty:
                self.notify(_("Save or cancel the open form first."), severity="warning")
                return True
        return False

    def _show(self, screen_class: type) -> None:
        """Go to a screen, reusing it if it is already open under the current one."""
        if self._form_in_the_way():
            return
        for screen in self.screen_stack:
            if isinstance(screen, screen_class):
                while self.screen is not screen:
                    self.pop_screen()
                return
        self.push_screen(screen_class())

    def action_help(self) -> None:
        from secdesk.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_show_dashboard(self) -> None:
        from secdesk.screens.dashboard import DashboardScreen

        if self._form_in_the_way():
            return
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, DashboardScreen):
            self.push_screen(DashboardScreen())

    def action_set_language(self, language: str) -> None:
        """Switch the interface language now, and remember it in the config file."""
        from secdesk.screens.dashboard import DashboardScreen

        if self._form_in_the_way():
            return
        i18n.set_language(language)
        translate_bindings(self)
        try:
            from secdesk.config import save_language

            save_language(language)
        except OSError as exc:
            self.notify(safe(str(exc)), severity="warning", markup=False)
        # Screens are rebuilt so every label, column and key reads in the new language.
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(DashboardScreen())
        self.notify(
            _("Interface language: English")
            if language == "en"
            else _("Interface language: Simplified Chinese")
        )

    def on_unmount(self) -> None:
        self.store.close()
