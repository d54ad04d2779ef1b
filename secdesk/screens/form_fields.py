"""The fields half of the record form (``RecordForm`` in ``form``): the fields built from the
kind's declaration, their values, what typing does (the draft kept on disk, the deadline
notes) and the suggestions offered as you type.

Wing: screens. Must not import app, cli or demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from threading import Lock
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from secdesk.i18n import _
from secdesk.kinds import FormField, Kind, get
from secdesk.screens.base import DeskModal
from secdesk.screens.work import data_worker
from secdesk.services.views import Saved
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
from secdesk.widgets.footer import DeskFooter

if TYPE_CHECKING:
    from secdesk.services.lookups import Suggestion

#: Seconds between the last keystroke and the draft being written (the brief allows 1 s).
DRAFT_DELAY = 0.3
#: Keys of a draft file that are not typed fields.
DRAFT_HIDDEN = "__hidden__"
DRAFT_VERSION = "__version__"


class FormFields(FieldHost, DeskModal[Saved | None]):
    """The fields of one record kind's form, and what typing in them does."""

    CSS_PATH = "form.tcss"
    KIND: ClassVar[str] = ""
    """Set by subclasses made for one kind; the generic form is given its kind."""

    @dataclass
    class Suggested(Message):
        field: str
        query: str
        found: list[Suggestion]

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
                        if field.kind in ("deadline", "when"):
                            note = Static("", id=f"note-{field.name}", classes="form-note")
                            note.display = False
                            yield note
                        error = Static(
                            "", id=f"error-{field.name}", classes="form-error", markup=False
                        )
                        error.display = False
                        yield error
            yield Static(self.hint(), id="form-hint", markup=False)
        yield DeskFooter()

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
                # A number is replaced, not added to: 30 then 100 must be 100, not 30100.
                select_on_focus=field.kind == "number",
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

    def first_focus(self) -> Widget:
        widget = self.query_one(f"#f-{self.FIELDS[0].name}")
        return widget.first_cell() if isinstance(widget, RowsField) else widget

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
        if not message and not error.display:
            # Nothing shown, nothing to clear: an update would lay the whole form out again
            # (Enter to save cleared every field's, in the frame the toast waits for).
            return
        error.update(safe(_(message)) if message else "")
        error.display = bool(message)

    def clear_errors(self) -> None:
        for field in self.FIELDS:
            self.show_error(field.name, "")

    def focus_field(self, name: str) -> None:
        if not any(f.name == name for f in self.FIELDS):
            return  # asked about the record, not a field (a document still held)
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
        """Under each deadline field, the day it means (``10wd`` → the day and weekday);
        under each time, the day and time it was read as (周五下午3点 → Fri 4 Dec 15:00)."""
        from secdesk.services.forms import deadline_note, when_note

        values = self.values()
        for field in self.FIELDS:
            if field.kind in ("deadline", "when"):
                note = self.query_one(f"#note-{field.name}", Static)
                if field.kind == "deadline":
                    text_ = deadline_note(self.kind, field, values, self.opened_at)
                else:
                    text_ = when_note(field, str(values.get(field.name) or ""), self.opened_at)
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

    @data_worker("suggest")
    def lookup(self, name: str, source: str, query: str) -> Message:
        from secdesk.services import lookups

        found = (
            self.store.run(lookups.suggest, source, query, 5, self.record_id)
            if query.strip()
            else []
        )
        return self.Suggested(name, query, found)

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
