"""SecDeskApp: screens, global keys, the command palette and keeping the data fresh.

The keys that open a record kind's form or list come from the registry of kinds
(``services.kinds``): a new kind gets its keys without a change here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingsMap, BindingType
from textual.command import Provider
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from secdesk import i18n
from secdesk.calendar import clock
from secdesk.config import Office, Settings, use_user
from secdesk.i18n import _
from secdesk.kinds import kinds, on_change
from secdesk.screens.actions import RecordActions
from secdesk.screens.base import DeskMixin
from secdesk.screens.work import data_worker, tell_failure
from secdesk.services.store import Store
from secdesk.textsafe import safe
from secdesk.widgets import heap, keymap
from secdesk.widgets.keymap import translate_bindings

if TYPE_CHECKING:
    from secdesk.services.views import Undo

#: How often the database is asked whether anybody changed it (seconds).
POLL_INTERVAL = 0.5
#: Seconds after start when the background work starts even if the dashboard has not
#: painted its data yet (see ``SecDeskApp.start_background``).
BACKGROUND_AT = 5.0
#: Seconds after start when the garbage collector is back even if the day was not read
#: (``widgets.heap.settle``).
SETTLE_AT = 30.0


def desk_commands() -> type[Provider]:
    """secdesk's palette commands, loaded when the palette first opens."""
    from secdesk.screens.palette import DeskCommands

    return DeskCommands


def kind_bindings() -> list[BindingType]:
    """From anywhere: each kind's key for a new record (c, v) and for its list (C, V...)."""
    return list(_kind_bindings())


@on_change
@cache
def _kind_bindings() -> tuple[BindingType, ...]:
    """``kind_bindings``, made once for the registry as it is (each desk asks again, for a
    kind a plug-in registered since: the keys are built before the first frame)."""
    out: list[BindingType] = []
    for kind in kinds():
        if kind.new_key:
            out.append(
                keymap.Key(
                    f"new_{kind.name}",
                    kind.new_key,
                    f"new({kind.name!r})",
                    kind.short or kind.title,
                    kind.new_label,
                ).binding()
            )
    for kind in kinds():
        if kind.screen_key and kind.listing:
            out.append(
                keymap.Key(
                    f"show_{kind.name}",
                    kind.screen_key,
                    f"show_list({kind.name!r})",
                    kind.listing.title,
                    kind.listing.summary,
                    show=False,
                ).binding()
            )
    return tuple(out)


class SecDeskApp(RecordActions, App[None]):
    """The desk: opens onto the daily dashboard.

    Lower-case keys act (c logs a call, v a visitor); upper-case keys open screens.
    """

    TITLE = "secdesk"
    COMMANDS = App.COMMANDS | {desk_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        *keymap.bindings("desk"),
        *kind_bindings(),
        *keymap.bindings("desk_tools"),
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
        # A kind registered after this class was made (a plug-in's) gets its keys too.
        known = {binding.id for _key, binding in self._bindings}
        added = [b for b in kind_bindings() if isinstance(b, Binding) and b.id not in known]
        if added:
            self._bindings = BindingsMap.merge([self._bindings, BindingsMap(added)])
        self.store = store
        """The door to the database; screens use it from workers only."""
        self.settings = settings or Settings()
        from secdesk.calendar import rules

        rules.use_settings(self.settings)  # local time limits from config.toml's [rules]
        use_user(self.settings.user)  # who the audit trail names, as the settings say
        self.watch_changes = watch_changes
        """Poll the database for outside changes (tests may turn it off)."""
        self.undo_stack: list[Undo] = []
        self.new_database = not store.on_server and not store.path.exists()
        """No file was there when the desk started: the desk makes one, and says so (a
        mistyped --db would otherwise look like an empty day). A database on a server is
        made there by whoever runs it (a mistyped name is refused by the server)."""
        self.pending_contact = None
        self.background_started = False
        """``start_background`` has run."""
        self.opened_on = clock.today()
        """The day the desk opened on: the day watcher, started seconds later with the other
        background work, counts the next day from it (a desk opened just before midnight
        still turns to the new day)."""
        translate_bindings(self)

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        from secdesk.screens.dashboard import DashboardScreen

        self.push_screen(DashboardScreen())
        # The background work starts once the dashboard has painted its first data
        # (``start_background``), or after BACKGROUND_AT seconds whatever happens.
        self.set_timer(BACKGROUND_AT, self.start_background)
        # The garbage collector is back once the day is read (widgets.heap), or by then.
        self.set_timer(SETTLE_AT, heap.settle)
        if self.new_database:
            self.notify(
                _("A new database is created at {path}.").format(path=safe(self.store.where)),
                title=_("New database"),
                timeout=10,
                markup=False,
            )
        if self.settings.ask_office or (
            self.new_database and self.settings.first_start and not self.settings.office.name
        ):
            self.call_after_refresh(self.ask_office)
        for warning in self.settings.warnings:
            # What in config.toml could not be used; the file's text is not markup.
            self.notify(
                safe(warning), title=_("Settings"), severity="warning", timeout=15, markup=False
            )

    def ask_office(self, for_a_paper: bool = False) -> None:
        """The office's name, once: it signs every paper the desk writes. ``for_a_paper``:
        a paper was asked for while none is named (Esc at the first start's question);
        say why it is not written before asking."""
        from secdesk.screens.office_name import OfficeNameScreen

        if for_a_paper:
            self.notify(
                _("Name the office first: every paper the desk writes is signed by it."),
                severity="warning",
            )

        def kept(office: Office | None) -> None:
            if office:
                self.settings.office = office
                self.settings.ask_office = False
                self.notify(
                    _("The papers are signed by {name}.").format(name=safe(office.name)),
                    markup=False,
                )

        self.push_screen(OfficeNameScreen(), kept)

    def start_background(self) -> None:
        """Watch the database, offer unsaved drafts, take the day's backup, check the key
        settings: once. Each job imports the data layer (SQLAlchemy, the models: hundreds
        of milliseconds of the interpreter), so the dashboard calls this only after its
        first data is on the terminal; started with the first frame, they held the
        interpreter while the remembered dashboard waited to be painted."""
        if self.background_started or self._exit:
            return  # started, or quitting already (a job started now would outlive the app)
        self.background_started = True
        if self.watch_changes:
            self.watch_database()
        self.offer_drafts()
        if self.store.backup_dir is not None:
            self.daily_backup()
        if self.settings.keymap:
            self.check_keymap()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_pending_contact":
            return self.pending_contact is not None
        return True

    # -- keys ----------------------------------------------------------------------------

    def check_keymap(self) -> None:
        """Say at start-up what in config.toml's ``[keymap]`` does not work."""
        from secdesk.screens.keys import keymap_problems

        for problem in keymap_problems(self.settings.keymap, type(self)):
            # The ids and keys come from the user's file: text, never markup.
            self.notify(
                safe(problem), title=_("Key settings"), severity="warning", timeout=15, markup=False
            )

    # -- keeping the data fresh ------------------------------------------------------------

    @data_worker("watch")
    def watch_database(self) -> None:
        """Tell the screens when the database changed or the day rolled over.

        ``PRAGMA data_version`` (a file) and a change notice (a server) are cheap, so the
        panels reload only after a real change. A server's connection lost is said once;
        the desk goes on, and shows what was saved meanwhile when the server is back.
        """
        worker = get_current_worker()
        try:
            watcher = self.store.watcher()
        except Exception:  # the dashboard reports an unreadable database itself
            return
        day = self.opened_on
        said: str | None = None
        try:
            # A save between the dashboard's read and the watcher's start is no change to
            # the watcher: the reading's generation tells it (a failure to ask only skips
            # this one look; the watcher goes on, and is forgotten when it ends).
            shown = self.shown_generation()
            with contextlib.suppress(Exception):
                if shown is not None and self.store.generation() not in (None, shown):
                    self.post_message(self.DataChanged(day_changed=False))
            while not worker.is_cancelled and not self._exit:
                changed = watcher.wait(POLL_INTERVAL)
                if watcher.trouble != said:
                    self.tell_watching(watcher.trouble)
                    said = watcher.trouble
                new_day = clock.today()
                if changed or new_day != day:
                    self.post_message(self.DataChanged(day_changed=new_day != day))
                    day = new_day
        finally:
            self.store.forget(watcher)

    def shown_generation(self) -> int | None:
        """The generation (``Store.generation``) the dashboard on the stack was read at."""
        for screen in self.screen_stack:
            data = getattr(screen, "data", None)
            generation = getattr(data, "generation", None)
            if isinstance(generation, int):
                return generation
        return None

    def tell_watching(self, trouble: str | None) -> None:
        """Say once that other desks' saves are not heard (``trouble``), or that they are
        again (None)."""
        title = _("Live updates")
        if trouble is None:
            self.notify(_("The connection to the server is back."), title=title, markup=False)
        else:
            self.notify(trouble, title=title, severity="warning", timeout=15, markup=False)

    @data_worker("backup")
    def daily_backup(self) -> None:
        """The day's backup, at the first start of the day (see ``care.backups``; on a
        server ``care.pgdump``); a failure is told like any failed background job."""
        from secdesk.care import backups

        try:
            backups.daily_of(self.store)
        except backups.BackupError as exc:
            # Said once (no pg_dump here for a database on a server): a note, not a failure.
            self.call_from_thread(
                self.notify,
                safe(str(exc)),
                title=_("Backups"),
                severity="warning",
                timeout=15,
                markup=False,
            )

    @on(DataChanged)
    def refresh_screens(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, DeskMixin):
                screen.refresh_data()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.report_failed_worker(event.worker)

    def report_failed_worker(self, worker: Worker[Any]) -> None:
        """A background job failed (a locked or broken database, a full disk): say so and
        keep the desk running; nothing the user typed is lost (forms keep their drafts)."""
        if worker.state == WorkerState.ERROR and worker.error is not None:
            from secdesk.services.errors import describe

            tell_failure(self, describe(worker.error), _("Something went wrong"), timeout=10)

    def action_refresh_all(self) -> None:
        self.refresh_screens()

    # -- moving between screens ----------------------------------------------------------

    def show_screen(self, match: Callable[[Screen[Any]], bool], make: Callable[[], Any]) -> None:
        """Go to a screen, reusing it if it is already open under the current one; an open
        editor with unsaved work is asked about first."""
        target = next((s for s in self.screen_stack if match(s)), None)
        if target is not None:
            if self.screen is target:
                return

            def back_to_it() -> None:
                while self.screen is not target and len(self.screen_stack) > 1:
                    self.pop_screen()

            self.leave_editors(back_to_it, keep=target)
            return
        from secdesk.screens.form import RecordForm

        if isinstance(self.screen, RecordForm):
            self.leave_editors(lambda: self.push_screen(make()))
            return
        self.push_screen(make())

    def action_show_duty_log(self) -> None:
        from secdesk.screens.dutylog import DutyLogScreen

        self.show_screen(lambda s: isinstance(s, DutyLogScreen), DutyLogScreen)

    def action_search(self) -> None:
        from secdesk.screens.search import SearchScreen

        self.show_screen(lambda s: isinstance(s, SearchScreen), SearchScreen)

    def action_show_reports(self) -> None:
        from secdesk.screens.reports import ReportsScreen

        self.show_screen(lambda s: isinstance(s, ReportsScreen), ReportsScreen)

    def action_show_holidays(self) -> None:
        from secdesk.screens.holidays import HolidaysScreen

        self.show_screen(lambda s: isinstance(s, HolidaysScreen), HolidaysScreen)

    def action_command_palette(self) -> None:
        """Textual's palette, its prompt in the interface language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )

    def action_help(self) -> None:
        from secdesk.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_show_dashboard(self) -> None:
        from secdesk.screens.dashboard import DashboardScreen

        def go() -> None:
            while len(self.screen_stack) > 2:
                self.pop_screen()
            if not isinstance(self.screen, DashboardScreen):
                self.push_screen(DashboardScreen())

        self.leave_editors(go)

    def action_set_language(self, language: str) -> None:
        """Switch the interface language now, and remember it in the config file."""
        self.leave_editors(lambda: self._set_language(language))

    def _set_language(self, language: str) -> None:
        from secdesk.screens.dashboard import DashboardScreen

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

    async def action_quit(self) -> None:
        self.leave_editors(self.exit)

    def on_unmount(self) -> None:
        self.store.close()
