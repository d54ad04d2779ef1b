"""A modal record form, built from the record kind's declaration (``Kind.form``): the one
form every register uses.

Enter moves to the next field and saves from a field marked ``submit`` or the last one;
Ctrl+S saves from anywhere; Esc asks before throwing away what was typed. What is typed is
kept as a draft on disk while the form is open, so a killed app loses nothing. A save
carries the version of the record the form was opened on: if somebody changed or deleted
it since, the save is refused and the form offers what to do, keeping everything typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from threading import Lock
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from secdesk.i18n import N_, _
from secdesk.kinds import FormField, Kind, get
from secdesk.screens.base import DeskModal, UnsavedWork, with_data
from secdesk.screens.confirm import ChoiceScreen, ConfirmScreen
from secdesk.services.views import InvalidInput, RecordChanged, RecordGone, Saved
from secdesk.textsafe import safe, text
from secdesk.widgets.fields import (
    Cycle,
    FieldHost,
    FormCheckbox,
    FormInput,
    LookupInput,
    MultilineInput,
    RowsField,
)

if TYPE_CHECKING:
    from secdesk.services.lookups import Suggestion

#: Seconds the form stays up after a save, under its "saved" toast.
CLOSE_AFTER_SAVE = 0.05
#: Seconds between the last keystroke and the draft being written (the brief allows 1 s).
DRAFT_DELAY = 0.3
#: Keys of a draft file that are not typed fields.
DRAFT_HIDDEN = "__hidden__"
DRAFT_VERSION = "__version__"


class RecordForm(FieldHost, UnsavedWork, DeskModal[Saved | None]):
    """The form of one record kind; a kind with extra behaviour subclasses it."""

    CSS_PATH = "form.tcss"
    KIND: ClassVar[str] = ""
    """Set by subclasses made for one kind; the generic form is given its kind."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            N_("Save"),
            id="form_save",
            priority=True,
            tooltip=N_("Save and close (Enter in the last field does the same)"),
        ),
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="form_cancel",
            tooltip=N_("Close the form; asks first if anything was typed"),
        ),
    ]

    @dataclass
    class Done(Message):
        saved: Saved

    @dataclass
    class Failed(Message):
        error: Exception

    @dataclass
    class Suggested(Message):
        field: str
        query: str
        found: list[Suggestion]

    @dataclass
    class Reloaded(Message):
        values: dict[str, Any]
        hidden: dict[str, Any]
        originals: dict[str, Any]
        version: int

    def __init__(
        self,
        kind: str | None = None,
        values: dict[str, Any] | None = None,
        record_id: int | None = None,
        restored: bool = False,
        version: int | None = None,
        hidden: dict[str, Any] | None = None,
        originals: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        from secdesk.calendar import clock
        from secdesk.services.forms import blank_values

        self.kind: Kind = get(kind or self.KIND)
        self.FIELDS = self.kind.form
        self.record_id = record_id
        """The record being edited, or None for a new one."""
        self.version = version
        """The record's version when the form was opened on it (None: a new record)."""
        self.hidden: dict[str, Any] = dict(hidden or {})
        """Input values that are not fields (a call's contact, a contact's name parts)."""
        self.originals: dict[str, Any] = dict(originals or {})
        """The saved value behind each field's text (a time keeps its seconds if untouched)."""
        self.opened_at = clock.now_local()
        """When the form opened: a blank ``when`` field means this moment."""
        self.initial = blank_values(self.kind)
        self.initial.update({k: v for k, v in (values or {}).items() if k in self.initial})
        self.dirty = restored
        """Something was typed that is not saved yet."""
        self.saving = False
        self.keys_after_save: list[events.Key] = []
        """Keys typed between Enter and the form closing; replayed to the desk after it."""
        self.confirmed: set[str] = set()
        """Fields whose odd value (a time far ahead) the user has said yes to."""
        self.suggestions: dict[str, list[Suggestion]] = {}
        self._after_save: Callable[[], None] | None = None
        self._draft_lock = Lock()
        self._draft_closed = False
        """Set once the form is saved or discarded: no draft may be written after that."""
        self._draft_warned = False
        """The user was told a draft cannot be written (once per form)."""
        self._early_keys: list[events.Key] | None = []
        """Keys typed between the key that opened the form and the form being ready: a
        fast typist's first letters must not be lost."""

    # -- declared texts ------------------------------------------------------------------

    def help_text(self) -> str:
        return _(self.kind.form_help) if self.kind.form_help else ""

    @property
    def form_name(self) -> str:
        """The drafts' name for this form."""
        return self.kind.name

    def hint(self) -> str:
        """What Enter does, from the declaration (so it is always true)."""
        savers = [f for f in self.FIELDS if f.submit]
        if savers:
            return _("Enter: next field · Enter in {field} or Ctrl+S: save · Esc: cancel").format(
                field=_(savers[0].label)
            )
        return _("Enter: next field, in the last one it saves · Ctrl+S: save · Esc: cancel")

    # -- building ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form") as box:
            box.can_focus = False  # Tab goes from field to field, never to the box
            for field in self.FIELDS:
                with Horizontal(classes="form-row"):
                    yield Label(_(field.label), classes="form-label", markup=False)
                    with Vertical(classes="form-field"):
                        yield from self.field_widgets(field)
                        if field.kind == "deadline":
                            note = Static("", id=f"note-{field.name}", classes="form-note")
                            note.display = False
                            yield note
                        error = Static(
                            "", id=f"error-{field.name}", classes="form-error", markup=False
                        )
                        error.display = False
                        yield error
            yield Static(self.hint(), id="form-hint", markup=False)
        yield Footer()

    def field_widgets(self, field: FormField) -> ComposeResult:
        value = self.initial.get(field.name)
        widget_id = f"f-{field.name}"
        if field.kind == "check":
            yield FormCheckbox(_("Yes"), bool(value), id=widget_id)
        elif field.kind == "cycle":
            yield Cycle(field.choices, str(value or ""), id=widget_id)
        elif field.kind == "multiline":
            yield MultilineInput(str(value or ""), id=widget_id)
        elif field.kind == "rows":
            yield RowsField(field.columns, value or [], id=widget_id)
        elif field.kind == "lookup":
            lookup = LookupInput(
                str(value or ""),
                placeholder=self.placeholder(field),
                id=widget_id,
                source=field.source,
                select_on_focus=False,
            )
            lookup.accept = self.accept_suggestion
            yield lookup
            options = OptionList(id=f"suggest-{field.name}", classes="suggestions")
            options.display = False
            options.can_focus = False
            yield options
        else:
            yield FormInput(
                "" if value is None else str(value),
                placeholder=self.placeholder(field),
                id=widget_id,
                select_on_focus=False,
                type="integer" if field.kind == "number" else "text",
            )

    def placeholder(self, field: FormField) -> str:
        if field.placeholder:
            return _(field.placeholder)
        if field.kind == "when":
            return _("now ({time})").format(time=f"{self.opened_at:%H:%M}")
        if field.kind == "date":
            return _("today")
        return ""

    def heading(self) -> str | Text:
        """The form's title (a subclass may name the record in it)."""
        return _(self.kind.edit_title if self.record_id else self.kind.form_title)

    def on_mount(self) -> None:
        # Textual calls every class's on_mount in turn: a subclass adds its own, without
        # calling this one again.
        self.query_one("#form").border_title = self.heading()
        self.first_focus().focus()
        self.call_after_refresh(self._replay_early_keys)

    def first_focus(self) -> Widget:
        widget = self.query_one(f"#f-{self.FIELDS[0].name}")
        return widget.first_cell() if isinstance(widget, RowsField) else widget

    def on_key(self, event: events.Key) -> None:
        if self._early_keys is not None:
            event.stop()
            event.prevent_default()
            self._early_keys.append(event)

    def _replay_early_keys(self) -> None:
        """Give the keys typed before the form was ready to the fields, in order."""
        early, self._early_keys = self._early_keys or [], None
        for event in early:
            focused = self.focused
            if event.key in ("ctrl+s", "escape"):
                # Keys of the form itself, typed before it could take them. Called directly:
                # run_action is a coroutine, and this loop must not wait.
                if event.key == "ctrl+s":
                    self.action_save()
                else:
                    self.action_cancel()
                continue
            if event.key in ("enter", "tab") and isinstance(focused, Input):
                if event.key == "enter":
                    self.enter_in(focused)
                else:
                    self.focus_next()
            elif event.key == "shift+tab":
                self.focus_previous()
            elif event.key == "backspace" and isinstance(focused, Input):
                focused.action_delete_left()
            elif event.is_printable and event.character and isinstance(focused, Input):
                focused.insert_text_at_cursor(event.character)

    # -- values --------------------------------------------------------------------------

    def widget_of(self, name: str) -> Widget:
        return self.query_one(f"#f-{name}")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field in self.FIELDS:
            widget = self.widget_of(field.name)
            if isinstance(widget, Checkbox | Cycle | Input | MultilineInput | RowsField):
                out[field.name] = widget.value
        return out

    def set_value(self, name: str, value: Any) -> None:
        widget = self.widget_of(name)
        if isinstance(widget, Input | MultilineInput):
            widget.value = "" if value is None else str(value)
        elif isinstance(widget, Checkbox | Cycle):
            widget.value = value
        elif isinstance(widget, RowsField):
            widget.value = value or []

    def show_error(self, name: str, message: str) -> None:
        error = self.query_one(f"#error-{name}", Static)
        error.update(safe(_(message)))
        error.display = bool(message)

    def clear_errors(self) -> None:
        for field in self.FIELDS:
            self.show_error(field.name, "")

    def focus_field(self, name: str) -> None:
        widget = self.widget_of(name)
        (widget.first_cell() if isinstance(widget, RowsField) else widget).focus()

    # -- typing and drafts ---------------------------------------------------------------

    def field_changed(self, name: str, value: Any) -> None:
        """Hook: a field changed (subclasses look up contacts, etc.)."""

    def _changed(self, name: str, value: Any) -> None:
        if not self.is_mounted or self.saving:
            return
        initial = self.initial.get(name)
        if self.dirty or value != ("" if initial is None else initial):
            # Not just a field reporting the value it was opened with: something was typed.
            self.dirty = True
            self.set_timer(DRAFT_DELAY, self.write_draft, name="draft")
        field = next((f for f in self.FIELDS if f.name == name), None)
        if field is not None and field.kind == "lookup":
            self.lookup(name, field.source, str(value))
        self.show_deadlines()
        self.field_changed(name, value)

    def show_deadlines(self) -> None:
        """Under each deadline field, the day it means (``10wd`` → the day and weekday)."""
        from secdesk.services.forms import deadline_note

        values = self.values()
        for field in self.FIELDS:
            if field.kind == "deadline":
                note = self.query_one(f"#note-{field.name}", Static)
                text_ = deadline_note(self.kind, field, values, self.opened_at)
                note.update(text_)
                note.display = bool(text_)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("f-"):
            self._changed(event.input.id[2:], event.value)

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id and event.text_area.id.startswith("f-"):
            self._changed(event.text_area.id[2:], event.text_area.text)

    @on(RowsField.Changed)
    def _rows_changed(self, event: RowsField.Changed) -> None:
        if event.rows.id:
            self._changed(event.rows.id[2:], event.rows.value)

    @on(Checkbox.Changed)
    def _check_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id:
            self._changed(event.checkbox.id[2:], event.value)

    @on(Cycle.Changed)
    def _cycle_changed(self, event: Cycle.Changed) -> None:
        if event.cycle.id:
            self._changed(event.cycle.id[2:], event.cycle.value)

    def write_draft(self) -> None:
        if self.dirty and not self.saving and not self._draft_closed:
            values = {**self.values(), DRAFT_HIDDEN: self.hidden, DRAFT_VERSION: self.version}
            self._write_draft(values)

    @work(thread=True, exclusive=True, group="draft", exit_on_error=False)
    def _write_draft(self, values: dict[str, Any]) -> None:
        from secdesk.services import drafts

        try:
            # Under the lock a draft is never written after the form was saved or discarded
            # (it would be offered back at the next start, and saved twice).
            with self._draft_lock:
                if not self._draft_closed:
                    drafts.save(self.form_name, self.record_id, values)
        except OSError as exc:
            from secdesk.services.errors import describe

            self.app.call_from_thread(self._draft_failed, describe(exc))

    def _draft_failed(self, error: str) -> None:
        # Once per form, not once per key: the warning would bury the screen.
        if self._draft_warned:
            return
        self._draft_warned = True
        self.notify(
            _("What you type is not kept as a draft until this is fixed: {error}").format(
                error=safe(error)
            ),
            title=_("Cannot keep a draft"),
            severity="warning",
            markup=False,
        )

    def discard_draft(self) -> None:
        from secdesk.services import drafts

        with self._draft_lock:
            self._draft_closed = True
            drafts.discard(self.form_name, self.record_id)

    # -- suggestions ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    @with_data
    def lookup(self, name: str, source: str, query: str) -> None:
        from secdesk.services import lookups

        found = self.store.run(lookups.suggest, source, query) if query.strip() else []
        self.post_message(self.Suggested(name, query, found))

    @on(Suggested)
    def show_suggestions(self, message: Suggested) -> None:
        widget = self.widget_of(message.field)
        if not isinstance(widget, Input) or message.query != widget.value:
            return  # typed on since
        self.suggestions[message.field] = message.found
        options = self.query_one(f"#suggest-{message.field}", OptionList)
        options.clear_options()
        options.add_options([Option(text(s.shown)) for s in message.found])
        options.display = bool(message.found)
        if message.found:
            options.highlighted = 0

    @on(LookupInput.Move)
    def move_suggestion(self, message: LookupInput.Move) -> None:
        name = (message.lookup.id or "")[2:]
        found = self.suggestions.get(name, [])
        options = self.query_one(f"#suggest-{name}", OptionList)
        if not found or not options.display:
            if message.delta > 0:
                self.focus_next()
            else:
                self.focus_previous()
            return
        current = options.highlighted or 0
        options.highlighted = (current + message.delta) % len(found)

    def accept_suggestion(self, lookup: LookupInput) -> bool:
        """Fill the field (and what its declaration says it fills) from the highlighted
        suggestion; False when there is none to take."""
        name = (lookup.id or "")[2:]
        options = self.query_one(f"#suggest-{name}", OptionList)
        found = self.suggestions.get(name, [])
        if not found or not options.display:
            return False
        self.fill_from(name, found[options.highlighted or 0])
        lookup.cursor_position = len(lookup.value)
        options.display = False
        self.suggestions[name] = []
        self.dirty = True
        return True

    def fill_from(self, name: str, suggestion: Suggestion) -> None:
        field = next(f for f in self.FIELDS if f.name == name)
        widget = self.widget_of(name)
        assert isinstance(widget, Input)
        with widget.prevent(Input.Changed):
            widget.value = suggestion.value
        names = {f.name for f in self.FIELDS}
        for target in field.fills:
            value = suggestion.fill.get(target)
            if target in names:
                self.set_value(target, "" if value is None else value)
            else:
                self.hidden[target] = value

    def hide_suggestions(self) -> None:
        for options in self.query(".suggestions").results(OptionList):
            options.display = False

    # -- saving --------------------------------------------------------------------------

    def enter_in(self, widget: Widget) -> None:
        """Enter moves on, or saves from a field marked ``submit`` or the last field."""
        rows = next((a for a in widget.ancestors if isinstance(a, RowsField)), None)
        if rows is not None and rows.enter_from(widget):
            return
        name = ((rows or widget).id or "")[2:]
        field = next((f for f in self.FIELDS if f.name == name), None)
        self.hide_suggestions()
        if field is not None and (field.submit or field is self.FIELDS[-1]):
            self.action_save()
        else:
            self.left_field(name)
            if rows is not None:
                # Leave the rows for the field after them, not for the empty line's next cell.
                chain = self.focus_chain
                last = rows.lines[-1].query(FormInput).last()
                if last in chain and chain.index(last) + 1 < len(chain):
                    self.set_focus(chain[chain.index(last) + 1])
                    return
            self.focus_next()

    def left_field(self, name: str) -> None:
        """Hook: Enter left the field ``name`` for the next one."""

    def unchanged(self) -> dict[str, Any]:
        """The saved value of each time or date field whose text was not touched."""
        values = self.values()
        return {
            name: original
            for name, original in self.originals.items()
            if values.get(name) == self.initial.get(name)
        }

    def build_input(self, values: dict[str, Any]) -> Any:
        """The typed values as the kind's input (raises InvalidInput, NeedsConfirmation)."""
        from secdesk.services.forms import read

        return read(
            self.kind,
            values,
            self.opened_at,
            unchanged=self.unchanged(),
            confirmed=frozenset(self.confirmed),
            extra=self.hidden,
        )

    def action_save(self) -> None:
        from secdesk.services.forms import NeedsConfirmation

        if self.saving:
            return
        self.clear_errors()
        try:
            data = self.build_input(self.values())
        except InvalidInput as exc:
            self.show_error(exc.field, exc.message)
            self.focus_field(exc.field)
            self._after_save = None
            return
        except NeedsConfirmation as ask:
            self._confirm(ask.field, ask.question)
            return
        self.saving = True
        self._save(data, self.record_id, self.version)

    def _confirm(self, field: str, question: str) -> None:
        def answer(keep: bool | None) -> None:
            if keep:
                self.confirmed.add(field)
                self.action_save()
            else:
                self._after_save = None
                self.focus_field(field)

        self.app.push_screen(ConfirmScreen(question, yes=_("Keep it"), no=_("Change it")), answer)

    def save_record(self, data: Any, record_id: int | None, version: int | None) -> Saved:
        """Run the service that saves ``data`` (called in a worker thread)."""
        from secdesk.services import records

        if record_id:
            return self.store.write(records.update, self.kind.name, record_id, data, version)
        return self.store.write(records.create, self.kind.name, data)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    @with_data
    def _save(self, data: Any, record_id: int | None, version: int | None) -> None:
        try:
            saved = self.save_record(data, record_id, version)
        except Exception as exc:
            self.post_message(self.Failed(exc))
            return
        self.post_message(self.Done(saved))

    @on(Done)
    def _done(self, message: Done) -> None:
        # The record is committed: only now does the desk say so. The form closes a moment
        # later, so the toast is not held up by repainting the whole desk beneath (Enter
        # to toast: ~35 ms instead of ~70 ms); keys typed meanwhile are passed on.
        self.discard_draft()
        self.dirty = False
        self.desk.announce_saved(message.saved)
        then, self._after_save = self._after_save, None

        def close() -> None:
            self.dismiss(message.saved)  # not awaited: we are in the screen's own handler
            for key in self.keys_after_save:
                self.app.post_message(events.Key(key.key, key.character))
            if then is not None:
                then()

        self.set_timer(CLOSE_AFTER_SAVE, close)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.saving = False
        error = message.error
        if isinstance(error, InvalidInput):
            self._after_save = None
            self.show_error(error.field, error.message)
            self.focus_field(error.field)
            return
        if isinstance(error, RecordChanged):
            self._changed_elsewhere(error)
            return
        if isinstance(error, RecordGone):
            self._deleted_elsewhere()
            return
        self._after_save = None
        from secdesk.services.errors import describe

        self.notify(
            describe(error, self.store.path), title=_("Not saved"), severity="error", markup=False
        )

    # -- somebody else saved first -------------------------------------------------------

    CHANGED_ELSEWHERE = N_(
        "This {what} was changed by {who} at {time}, after you opened it, so it was not "
        "saved. What you typed is still here."
    )

    def conflict_choices(self) -> list[tuple[str, str, str]]:
        """What the user may do when the record changed since the form opened."""
        return [
            ("r", _("Load the saved version (yours is shown beside)"), "reload"),
            ("o", _("Save mine over it"), "overwrite"),
        ]

    def _changed_elsewhere(self, error: RecordChanged) -> None:
        self._after_save = None
        who = error.actor or _("somebody")
        when = f"{error.at:%H:%M}" if error.at else "?"
        question = _(self.CHANGED_ELSEWHERE).format(
            what=_(self.kind.noun), who=safe(who), time=when
        )

        def answer(choice: str | None) -> None:
            if choice == "reload":
                self._reload()
            elif choice == "overwrite":
                self.version = error.version
                self.action_save()

        self.app.push_screen(
            ChoiceScreen(question, self.conflict_choices(), back=_("Keep editing")), answer
        )

    def _deleted_elsewhere(self) -> None:
        self._after_save = None
        question = _(
            "This {what} was deleted after you opened it, so it was not saved. What you typed "
            "is still here."
        ).format(what=_(self.kind.noun))

        def answer(choice: str | None) -> None:
            if choice == "new":
                from secdesk.services import drafts

                drafts.discard(self.form_name, self.record_id)  # kept from now as a new one
                self.record_id = None
                self.version = None
                self.action_save()

        self.app.push_screen(
            ChoiceScreen(
                question,
                [("n", _("Save it as a new {what}").format(what=_(self.kind.noun)), "new")],
                back=_("Keep editing"),
            ),
            answer,
        )

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    @with_data
    def _reload(self) -> None:
        from secdesk.services import records

        assert self.record_id is not None
        loaded = self.store.run(records.load, self.kind.name, self.record_id)
        values, hidden, originals = open_values(self.kind, loaded.data)
        self.post_message(self.Reloaded(values, hidden, originals, loaded.version))

    @on(Reloaded)
    def _reloaded(self, message: Reloaded) -> None:
        typed = self.values()
        self.version = message.version
        self.hidden = message.hidden
        self.initial = dict(message.values)
        self.originals = message.originals
        for name, value in message.values.items():
            self.set_value(name, value)
        for name, mine in typed.items():
            if mine != message.values.get(name):
                shown = "; ".join(" ".join(row) for row in mine) if isinstance(mine, list) else mine
                self.show_error(name, _("You typed: {text}").format(text=shown))
        self.dirty = True

    # -- closing -------------------------------------------------------------------------

    def action_cancel(self) -> None:
        if self.saving:
            return  # the save finishes and closes the form
        if not self.dirty:
            self.discard_draft()
            self.dismiss(None)
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.discard_draft()
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(_("Discard what you typed?"), yes=_("Discard"), no=_("Keep editing")),
            answer,
        )

    def has_unsaved_work(self) -> bool:
        return self.dirty

    def unsaved_what(self) -> str:
        return _("the form “{title}”").format(
            title=_(self.kind.edit_title if self.record_id else self.kind.form_title)
        )

    def save_then(self, then: Callable[[], None]) -> None:
        self._after_save = then
        self.action_save()


def form_class(kind: Kind) -> type[RecordForm]:
    """The form screen of ``kind``: its own class if it declares one."""
    if kind.form_class:
        from secdesk.kinds import resolve

        found: type[RecordForm] = resolve(kind.form_class)
        return found
    return RecordForm


def open_values(kind: Kind, data: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """A loaded record's input as (field texts, hidden values, original values of the
    time and date fields)."""
    from secdesk.services.forms import values_of

    names = {f.name for f in kind.form}
    hidden = {f.name: getattr(data, f.name) for f in fields(data) if f.name not in names}
    originals = {
        f.name: getattr(data, f.name) for f in kind.form if f.kind in ("when", "date", "deadline")
    }
    return values_of(kind, data), hidden, originals
