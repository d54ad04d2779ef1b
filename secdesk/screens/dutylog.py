"""值班日志: the day's calls, visitors, documents and meetings in time order, with the notes,
the handover note and who was on duty; exported to files for printing.

What is typed is kept as a draft on disk until it is saved, so a killed app loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static, TextArea

from secdesk.calendar import clock
from secdesk.i18n import N_, _, format_date
from secdesk.screens.base import DeskScreen
from secdesk.screens.confirm import ChoiceScreen
from secdesk.screens.form_fields import DRAFT_DELAY
from secdesk.screens.unsaved import UnsavedWork
from secdesk.screens.work import data_worker, tell_failure
from secdesk.services.views import DayEntry, RecordChanged
from secdesk.textsafe import safe, text
from secdesk.widgets.footer import DeskFooter
from secdesk.widgets.record_table import TONE_STYLES

if TYPE_CHECKING:
    # The service module loads the database layer: the screen imports it when it works.
    from secdesk.services.dutylog import DutyDay

#: The drafts module's name for this screen's draft (one at a time; it names its day).
DRAFT_FORM = "duty"
FIELDS = ("notes", "handover", "on_duty")


class DutyLogScreen(UnsavedWork, DeskScreen):
    """The duty log of one local day (today unless told otherwise)."""

    CSS_PATH = "dutylog.tcss"
    HELP = N_(
        "The duty log: what the desk recorded on the day (calls, visitors, documents, "
        "meetings, tasks, letters and visits) in time order, with your notes, the handover "
        "note for the next person on duty, and who was on duty. What you type goes into the "
        "notes of the day; Tab moves to the next box, Esc to the day's record, where [ and ] "
        "go to the previous and next day, t to today, Enter on an entry opens its record and "
        "x writes the day to Markdown and text files for printing, and as the handover paper "
        "(.docx). Ctrl+S saves the notes "
        "(what you type is kept as a draft until then). Esc from the day's record goes back."
    )

    @dataclass
    class Loaded(Message):
        duty: DutyDay
        generation: int
        draft: dict[str, Any] | None = None
        """Unsaved values of this day left from last time, to put back."""
        draft_saved_at: str = ""

    @dataclass
    class LoadFailed(Message):
        error: str

    @dataclass
    class NotesSaved(Message):
        day: date
        values: dict[str, str]
        version: int

    @dataclass
    class SaveFailed(Message):
        error: Exception

    @dataclass
    class Exported(Message):
        paths: tuple[Path, Path, Path]
        unsaved: bool

    @dataclass
    class ExportFailed(Message):
        error: str

    def __init__(self, day: date | None = None) -> None:
        super().__init__()
        self.day = day or clock.today()
        """The day shown (local)."""
        self.generation = 0
        """Bumped on each load so a slow old day never overwrites a newer one."""
        self.loaded = False
        """The fields show ``self.day``'s values (so typing may be kept as a draft)."""
        self.baseline: dict[str, str] = dict.fromkeys(FIELDS, "")
        """The values as last read from or saved to the database."""
        self.version = 0
        """The version of the day's notes as last read or saved."""
        self.saving = False
        self.exporting = False
        self.entries: list[DayEntry] = []
        self._keep_typed: dict[str, str] | None = None
        """What was typed when the user chose to load the notes saved elsewhere: it is added
        below them once they arrive."""
        self._draft_timer: Timer | None = None
        self._draft_written = False
        self._draft_lock = Lock()
        self._draft_requested = 0
        self._draft_done = 0

    # -- building ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="duty-header", markup=False)
        with Horizontal(id="duty-body"):
            table: DataTable[Text] = DataTable(
                id="duty-entries", cursor_type="row", zebra_stripes=True
            )
            table.add_columns(_("Time"), _("What"), _("Details"))
            yield table
            with Vertical(id="duty-side"):
                yield Input(placeholder=_("name"), id="duty-on-duty")
                yield TextArea(id="duty-notes", soft_wrap=True, tab_behavior="focus")
                yield TextArea(id="duty-handover", soft_wrap=True, tab_behavior="focus")
        yield Static("", id="duty-status", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Duty log")
        self.query_one("#duty-entries").border_title = _("The day's record")
        self.query_one("#duty-on-duty").border_title = _("On duty")
        self.query_one("#duty-notes").border_title = _("Notes of the day")
        self.query_one("#duty-handover").border_title = _("Handover to the next person on duty")
        # The person on duty opens the log to write in it: typing goes to the notes at once
        # (and a letter typed is text, not a desk key).
        self.query_one("#duty-notes", TextArea).focus()
        self._show_header()
        self.load(first=True)

    def refresh_data(self) -> None:
        self.load()

    # -- values --------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        return {
            "notes": self.query_one("#duty-notes", TextArea).text,
            "handover": self.query_one("#duty-handover", TextArea).text,
            "on_duty": self.query_one("#duty-on-duty", Input).value,
        }

    def set_values(self, values: dict[str, Any]) -> None:
        # A field that already says it is left alone, so a refresh never moves the cursor.
        for selector, name in (("#duty-notes", "notes"), ("#duty-handover", "handover")):
            area = self.query_one(selector, TextArea)
            if area.text != str(values.get(name) or ""):
                area.text = str(values.get(name) or "")
        on_duty = self.query_one("#duty-on-duty", Input)
        if on_duty.value != str(values.get("on_duty") or ""):
            on_duty.value = str(values.get("on_duty") or "")

    @property
    def dirty(self) -> bool:
        """Something typed for ``self.day`` is not saved yet."""
        return self.loaded and self.values() != self.baseline

    # -- loading -------------------------------------------------------------------------

    def load(self, first: bool = False) -> None:
        self.generation += 1
        self._load(self.day, self.generation, first)

    @data_worker("duty-load")
    def _load(self, day: date, generation: int, first: bool) -> Message:
        from secdesk.services import drafts, dutylog

        try:
            draft = None
            if first:
                # A draft left when the app was killed: open its day and put it back.
                draft = next((d for d in drafts.pending() if d.form == DRAFT_FORM), None)
                if draft is not None:
                    try:
                        day = date.fromisoformat(str(draft.values.get("day")))
                    except ValueError:
                        drafts.discard(DRAFT_FORM, None)  # unreadable: nothing to put back
                        draft = None
            duty = self.store.run(dutylog.compose_day, day)
        except Exception as exc:  # shown to the user, never a crash
            return self.LoadFailed(str(exc))
        stored = {"notes": duty.notes, "handover": duty.handover, "on_duty": duty.on_duty}
        values = None
        if draft is not None:
            values = {name: str(draft.values.get(name) or "") for name in FIELDS}
            if values == stored:
                drafts.discard(DRAFT_FORM, None)
                values = None
        return self.Loaded(duty, generation, values, draft.saved_at if values and draft else "")

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        if message.generation != self.generation:
            return
        duty = message.duty
        stored = {"notes": duty.notes, "handover": duty.handover, "on_duty": duty.on_duty}
        same_day = self.loaded and duty.day == self.day
        if not (same_day and self.dirty):
            self.set_values(stored)
        self.day = duty.day
        self.baseline = stored
        self.version = duty.version
        self.loaded = True
        if message.draft is not None:
            self.set_values(message.draft)
            self._draft_written = True
            self.notify(
                _("Unsaved notes of {date} (from {time}) were put back. Ctrl+S saves them.").format(
                    date=format_date(duty.day, weekday=False),
                    time=message.draft_saved_at.replace("T", " ")[:16],
                ),
                markup=False,
            )
        if self._keep_typed is not None and duty.day == self.day:
            from secdesk.services.dutylog import merge_notes

            self.set_values(merge_notes(stored, self._keep_typed))
            self._keep_typed = None
            self.notify(_("The saved notes are loaded and yours added below them: check and save."))
        self._show_on_duty_hint(duty.recorded_by)
        self._show_entries(duty.entries)
        self._show_header(duty.figures)
        self._show_status()

    @on(LoadFailed)
    def load_failed(self, message: LoadFailed) -> None:
        tell_failure(self, safe(message.error), _("Database error"))

    def _show_on_duty_hint(self, recorded_by: list[str]) -> None:
        """Left blank, the papers name who recorded the day: the empty field says so."""
        from secdesk.services.phrases import names

        hint = _("Recorded by: {names}").format(names=safe(names(recorded_by)))
        self.query_one("#duty-on-duty", Input).placeholder = hint if recorded_by else _("name")

    def _show_header(self, figures: list[str] | None = None) -> None:
        from secdesk.services.dutylog import heading
        from secdesk.services.phrases import listing

        header = Text(heading(self.day, self.settings.office.name), style="bold")
        if self.day == clock.today():
            header.append("  " + _("Today"), style="bold reverse")
        if figures:
            header.append("  " + safe(listing(figures)), style="dim")
        self.query_one("#duty-header", Static).update(header)

    def _show_entries(self, entries: list[DayEntry]) -> None:
        self.entries = entries
        table = self.query_one("#duty-entries", DataTable)
        cursor = table.cursor_row
        table.clear()
        table.add_rows(
            [
                [
                    text(f"{entry.time:%H:%M}"),
                    text(
                        _(entry.label) if entry.label else entry.kind,
                        TONE_STYLES.get(entry.tone, ""),
                    ),
                    text(entry.text),
                ]
                for entry in entries
            ]
        )
        if entries:
            table.move_cursor(row=min(max(cursor, 0), len(entries) - 1), animate=False)

    def _show_status(self) -> None:
        if self.dirty:
            status = _("Not saved yet: Ctrl+S saves (a draft is kept meanwhile).")
        elif self.entries:
            status = _("Entries: {n}").format(n=len(self.entries))
        else:
            status = _("Nothing recorded on this day.")
        self.query_one("#duty-status", Static).update(status)

    # -- typing and drafts ---------------------------------------------------------------

    @on(TextArea.Changed)
    @on(Input.Changed, "#duty-on-duty")
    def _typed(self) -> None:
        if not self.loaded:
            return
        self._show_status()
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self._sync_draft, name="duty-draft")

    def _sync_draft(self) -> None:
        """Keep what is typed on disk, or remove the draft once nothing is unsaved."""
        self._draft_timer = None
        if self.dirty:
            self._draft_written = True
            self._request_draft({"day": self.day.isoformat(), **self.values()})
        elif self._draft_written:
            self._draft_written = False
            self._request_draft(None)

    def _request_draft(self, values: dict[str, str] | None) -> None:
        self._draft_requested += 1
        self._draft_io(self._draft_requested, values)

    @work(thread=True, group="duty-draft", exit_on_error=False)
    def _draft_io(self, request: int, values: dict[str, str] | None) -> None:
        from secdesk.services import drafts

        with self._draft_lock:
            if request < self._draft_done:
                return  # a newer request already ran: an older one must not undo it
            self._draft_done = request
            try:
                if values is None:
                    drafts.discard(DRAFT_FORM, None)
                else:
                    drafts.save(DRAFT_FORM, None, values)
            except OSError as exc:
                self.app.call_from_thread(
                    self.notify,
                    safe(str(exc)),
                    title=_("Cannot keep a draft"),
                    severity="warning",
                    markup=False,
                )

    # -- saving --------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.saving or not self.loaded:
            return
        self.saving = True
        self._save(self.day, self.values(), self.version)

    @data_worker("duty-save")
    def _save(self, day: date, values: dict[str, str], version: int | None) -> Message:
        from secdesk.services import dutylog

        try:
            new = self.store.write(dutylog.save_notes, day, **values, seen_version=version)
        except Exception as exc:
            return self.SaveFailed(exc)
        return self.NotesSaved(day, values, new)

    @on(NotesSaved)
    def _saved(self, message: NotesSaved) -> None:
        # Committed: only now does the desk say so, and drop the draft.
        self.saving = False
        if message.day == self.day:
            self.baseline = dict(message.values)
            self.version = message.version
        self._sync_draft()
        self._show_status()
        self.notify(
            _("Duty log of {date} saved").format(date=format_date(message.day, weekday=False)),
            markup=False,
        )
        then = self.pop_after_save()
        if then is not None:
            self._leave_day(then)  # asks again if more was typed while saving

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        from secdesk.services.errors import describe

        self.saving = False
        self._after_save = None
        error = message.error
        if isinstance(error, RecordChanged):
            self._changed_elsewhere(error)
            return
        tell_failure(self, describe(error), _("Not saved"))

    def _changed_elsewhere(self, error: RecordChanged) -> None:
        who = error.actor or _("somebody")
        when = f"{error.at:%H:%M}" if error.at else "?"

        def answer(choice: str | None) -> None:
            if choice == "overwrite":
                self.version = error.version
                self.action_save()
            elif choice == "reload":
                mine = self.values()
                self.loaded = False
                self._keep_typed = mine
                self.load()

        self.app.push_screen(
            ChoiceScreen(
                _(
                    "The notes of {date} were saved by {who} at {time} after you opened them, "
                    "so yours were not saved. What you typed is still here."
                ).format(date=format_date(self.day, weekday=False), who=safe(who), time=when),
                [
                    ("o", _("Save mine over them"), "overwrite"),
                    ("r", _("Load theirs and add mine below"), "reload"),
                ],
                back=_("Keep editing"),
            ),
            answer,
        )

    # -- the unsaved-work protocol -------------------------------------------------------

    def has_unsaved_work(self) -> bool:
        return self.dirty

    def unsaved_what(self) -> str:
        return _("The duty log of {date}").format(date=format_date(self.day, weekday=False))

    def _leave_day(self, then: Callable[[], object]) -> None:
        """Run ``then`` once nothing typed is unsaved: asks to save first."""
        question = _("The notes of {date} are not saved. Save them now?")
        self.ask_to_save(question.format(date=format_date(self.day, weekday=False)), then)

    # -- moving about --------------------------------------------------------------------

    def _go(self, day: date) -> None:
        self.day = day
        self.loaded = False
        self.set_values({})
        self.baseline = dict.fromkeys(FIELDS, "")
        self._show_header()
        self.load()

    def action_day(self, delta: int) -> None:
        target = self.day + timedelta(days=delta)
        self._leave_day(lambda: self._go(target))

    def action_today(self) -> None:
        today = clock.today()
        if today != self.day:
            self._leave_day(lambda: self._go(today))

    def action_back(self) -> None:
        table = self.query_one("#duty-entries", DataTable)
        if self.focused is not table:
            table.focus()
            return
        self._leave_day(self.app.pop_screen)

    @on(DataTable.RowSelected, "#duty-entries")
    def open_entry(self, event: DataTable.RowSelected) -> None:
        row = event.cursor_row
        if 0 <= row < len(self.entries):
            entry = self.entries[row]
            if entry.record_id:
                self.desk.open_record(entry.kind, entry.record_id)

    # -- export --------------------------------------------------------------------------

    def action_export(self) -> None:
        if self.exporting or not self.loaded or not self.office_named():
            return
        self.exporting = True
        self._export(self.day, self.values(), self.dirty)

    @data_worker("duty-export")
    def _export(self, day: date, values: dict[str, str], unsaved: bool) -> Message:
        from secdesk import config
        from secdesk.services import dutylog

        try:
            duty = self.store.run(dutylog.compose_day, day)
            # The file shows what is on the screen, notes typed but not saved included.
            duty.notes, duty.handover, duty.on_duty = (values[name] for name in FIELDS)
            paths = dutylog.write_exports(duty, config.data_dir() / "exports")
        except Exception as exc:
            return self.ExportFailed(str(exc))
        return self.Exported(paths, unsaved)

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        self.exporting = False
        markdown, plain, paper = message.paths
        note = _("Duty log written to:\n{markdown}\n{text}\n{paper}").format(
            markdown=markdown, text=plain, paper=paper
        )
        if message.unsaved:
            note += "\n" + _("It includes notes not saved yet.")
        self.notify(note, title=_("Exported"), markup=False, timeout=10)

    @on(ExportFailed)
    def _export_failed(self, message: ExportFailed) -> None:
        self.exporting = False
        tell_failure(self, safe(message.error), _("Not exported"))
