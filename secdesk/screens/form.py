"""A modal record form, built from a list of fields: the pattern every register reuses.

Enter moves to the next field and saves from the last one that matters (``submit``);
Ctrl+S saves from anywhere; Esc asks before throwing away what was typed. What is typed is
kept as a draft on disk while the form is open, so a killed app loses nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from threading import Lock
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Input, Label, Static

from secdesk.i18n import N_, _
from secdesk.screens.base import DeskModal
from secdesk.screens.confirm import ConfirmScreen
from secdesk.services.views import InvalidInput, Saved
from secdesk.textsafe import safe

#: Seconds the form stays up after a save, under its "saved" toast.
CLOSE_AFTER_SAVE = 0.05
#: Seconds between the last keystroke and the draft being written (the brief allows 1 s).
DRAFT_DELAY = 0.3


@dataclass(frozen=True)
class FormField:
    """One field of a form."""

    name: str
    label: str
    """English msgid."""
    kind: str = "text"
    """text, when (a time typed as people say it; blank means when the form opened),
    check (a checkbox) or cycle (a value picked from ``choices``)."""
    choices: tuple[tuple[str, str], ...] = ()
    """(value, label msgid) for a cycle field."""
    placeholder: str = ""
    submit: bool = False
    """Enter in this field saves the form."""


class Cycle(Widget, can_focus=True):
    """A value chosen from a few: Space, Enter or the arrow keys step through them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space,enter,right",
            "step(1)",
            show=False,
            id="choice_next",
            tooltip=N_("The next choice"),
        ),
        Binding(
            "left", "step(-1)", show=False, id="choice_previous", tooltip=N_("The previous choice")
        ),
    ]
    value: reactive[str] = reactive("")

    class Changed(Message):
        def __init__(self, cycle: Cycle) -> None:
            super().__init__()
            self.cycle = cycle

    def __init__(self, choices: tuple[tuple[str, str], ...], value: str, *, id: str) -> None:
        super().__init__(id=id)
        self.choices = choices
        self.set_reactive(Cycle.value, value or choices[0][0])

    def render(self) -> Text:
        labels = dict(self.choices)
        return Text(f"‹ {safe(_(labels.get(self.value, self.value)))} ›")

    def action_step(self, delta: int) -> None:
        values = [v for v, _l in self.choices]
        index = values.index(self.value) if self.value in values else 0
        self.value = values[(index + delta) % len(values)]

    def watch_value(self) -> None:
        self.post_message(self.Changed(self))


class FormInput(Input):
    """A text field of a form that keeps up with a fast typist.

    Textual hands every key to the field focused when the key *arrived*, and runs Enter and
    Tab bindings later, so letters typed right after Enter would land in the old field.
    Here Enter and Tab are handled in the field's own queue, in order with the letters, and
    a key that reaches a field after focus has moved on is passed to the field now focused.
    """

    async def _on_key(self, event: events.Key) -> None:
        form = self.screen
        if not isinstance(form, RecordForm):  # pragma: no cover - always in a RecordForm
            await super()._on_key(event)
            return
        if form.saving:
            # Typed after Enter, while the form is closing: it belongs to the desk beneath.
            event.stop()
            event.prevent_default()
            form.keys_after_save.append(event)
            return
        focused = form.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("enter", "tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                form._enter_in(self)
            elif event.key == "tab":
                form.focus_next()
            else:
                form.focus_previous()
            return
        await super()._on_key(event)


class RecordForm(DeskModal[Saved | None]):
    """Subclasses give FIELDS, TITLE and the service calls; this class does the rest."""

    CSS_PATH = "form.tcss"
    FORM: ClassVar[str] = ""
    """The form's name, for drafts (call, visit...)."""
    TITLE: ClassVar[str] = ""
    EDIT_TITLE: ClassVar[str] = ""
    FIELDS: ClassVar[tuple[FormField, ...]] = ()
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

    def __init__(
        self,
        values: dict[str, Any] | None = None,
        record_id: int | None = None,
        restored: bool = False,
    ) -> None:
        super().__init__()
        self.record_id = record_id
        """The record being edited, or None for a new one."""
        from secdesk import clock

        self.opened_at = clock.now_local()
        """When the form opened: a blank ``when`` field means this moment."""
        self.initial = {f.name: self.default(f) for f in self.FIELDS}
        self.initial.update({k: v for k, v in (values or {}).items() if k in self.initial})
        self.dirty = restored
        """Something was typed that is not saved yet."""
        self.saving = False
        self.keys_after_save: list[events.Key] = []
        """Keys typed between Enter and the form closing; replayed to the desk after it."""
        self._draft_lock = Lock()
        self._draft_closed = False
        """Set once the form is saved or discarded: no draft may be written after that."""
        self._early_keys: list[events.Key] | None = []
        """Keys typed between the key that opened the form and the form being ready: a
        fast typist's first letters must not be lost."""

    # -- for subclasses -------------------------------------------------------------------

    def default(self, field: FormField) -> Any:
        if field.kind == "check":
            return False
        if field.kind == "cycle":
            return field.choices[0][0]
        return ""

    @classmethod
    def values_from(cls, data: Any) -> dict[str, Any]:
        """A saved record (the service's input dataclass) as the strings the form shows."""
        return {
            name: when_text(value) if isinstance(value, datetime) else value
            for name, value in asdict(data).items()
        }

    def build_input(self, values: dict[str, Any]) -> Any:
        """Turn the typed values into the service's input; raise InvalidInput if bad."""
        raise NotImplementedError

    def save_record(self, store: Any, data: Any) -> Saved:
        """Run the service that saves ``data`` (called in a worker thread)."""
        raise NotImplementedError

    def hint(self) -> str:
        return _("Enter: next field · Ctrl+S: save · Esc: cancel")

    # -- building ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form") as box:
            box.can_focus = False  # Tab goes from field to field, never to the box
            for field in self.FIELDS:
                with Horizontal(classes="form-row"):
                    yield Label(_(field.label), classes="form-label", markup=False)
                    with Vertical(classes="form-field"):
                        yield from self.field_widgets(field)
                        error = Static(
                            "", id=f"error-{field.name}", classes="form-error", markup=False
                        )
                        error.display = False
                        yield error
            yield Static(self.hint(), id="form-hint", markup=False)
        yield Footer()

    def field_widgets(self, field: FormField) -> ComposeResult:
        value = self.initial.get(field.name)
        if field.kind == "check":
            yield Checkbox(_("Yes"), bool(value), id=f"f-{field.name}")
        elif field.kind == "cycle":
            yield Cycle(field.choices, str(value or ""), id=f"f-{field.name}")
        else:
            placeholder = _(field.placeholder) if field.placeholder else ""
            if field.kind == "when" and not placeholder:
                placeholder = _("now ({time})").format(time=f"{self.opened_at:%H:%M}")
            yield FormInput(
                "" if value is None else str(value),
                placeholder=placeholder,
                id=f"f-{field.name}",
                select_on_focus=False,
            )

    def on_mount(self) -> None:
        title = self.EDIT_TITLE if self.record_id else self.TITLE
        self.query_one("#form").border_title = _(title)
        self.query_one(f"#f-{self.FIELDS[0].name}").focus()
        self.call_after_refresh(self._replay_early_keys)

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
            if event.key in ("enter", "tab") and isinstance(focused, Input):
                if event.key == "enter":
                    self._enter_in(focused)
                else:
                    self.focus_next()
            elif event.key == "shift+tab":
                self.focus_previous()
            elif event.key == "backspace" and isinstance(focused, Input):
                focused.action_delete_left()
            elif event.is_printable and event.character and isinstance(focused, Input):
                focused.insert_text_at_cursor(event.character)

    # -- values --------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field in self.FIELDS:
            widget = self.query_one(f"#f-{field.name}")
            if isinstance(widget, Checkbox | Cycle | Input):
                out[field.name] = widget.value
        return out

    def set_value(self, name: str, value: Any) -> None:
        widget = self.query_one(f"#f-{name}")
        if isinstance(widget, Input):
            widget.value = "" if value is None else str(value)
        elif isinstance(widget, Checkbox | Cycle):
            widget.value = value

    def show_error(self, name: str, message: str) -> None:
        error = self.query_one(f"#error-{name}", Static)
        error.update(safe(_(message)))
        error.display = bool(message)

    def clear_errors(self) -> None:
        for field in self.FIELDS:
            self.show_error(field.name, "")

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
        self.field_changed(name, value)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("f-"):
            self._changed(event.input.id[2:], event.value)

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
            self._write_draft(self.values())

    @work(thread=True, exclusive=True, group="draft", exit_on_error=False)
    def _write_draft(self, values: dict[str, Any]) -> None:
        from secdesk.services import drafts

        try:
            # Under the lock a draft is never written after the form was saved or discarded
            # (it would be offered back at the next start, and saved twice).
            with self._draft_lock:
                if not self._draft_closed:
                    drafts.save(self.FORM, self.record_id, values)
        except OSError as exc:
            self.app.call_from_thread(
                self.notify,
                safe(str(exc)),
                title=_("Cannot keep a draft"),
                severity="warning",
                markup=False,
            )

    def discard_draft(self) -> None:
        from secdesk.services import drafts

        with self._draft_lock:
            self._draft_closed = True
            drafts.discard(self.FORM, self.record_id)

    # -- saving --------------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._enter_in(event.input)

    def _enter_in(self, field_input: Input) -> None:
        """Enter moves on, or saves from a field marked ``submit``."""
        name = (field_input.id or "")[2:]
        field = next((f for f in self.FIELDS if f.name == name), None)
        if field is not None and field.submit:
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        if self.saving:
            return
        self.clear_errors()
        try:
            data = self.build_input(self.values())
        except InvalidInput as exc:
            self.show_error(exc.field, exc.message)
            self.query_one(f"#f-{exc.field}").focus()
            return
        self.saving = True
        self._save(data)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _save(self, data: Any) -> None:
        try:
            saved = self.save_record(self.store, data)
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
        self.app.announce_saved(message.saved)  # type: ignore[attr-defined]

        def close() -> None:
            self.dismiss(message.saved)  # not awaited: we are in the screen's own handler
            for key in self.keys_after_save:
                self.app.post_message(events.Key(key.key, key.character))

        self.set_timer(CLOSE_AFTER_SAVE, close)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.saving = False
        error = message.error
        if isinstance(error, InvalidInput):
            self.show_error(error.field, error.message)
            self.query_one(f"#f-{error.field}").focus()
            return
        self.notify(safe(str(error)), title=_("Not saved"), severity="error", markup=False)

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


def read_when(field: str, typed: str, default: datetime) -> datetime:
    """A typed time read relative to now; blank gives ``default``. Bad text: InvalidInput."""
    from secdesk import clock
    from secdesk.services.timeparse import TimeParseError, parse_when

    if not typed.strip():
        return default
    try:
        return parse_when(typed, clock.now_local())
    except TimeParseError as exc:
        raise InvalidInput(field, str(exc)) from exc


def when_text(moment: datetime | None) -> str:
    """A datetime as the form shows it for editing."""
    return "" if moment is None else f"{moment:%Y-%m-%d %H:%M}"
