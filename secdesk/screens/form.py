"""A modal record form, built from the record kind's declaration (``Kind.form``): the one
form every register uses.

Wing: screens. Must not import app, cli or demo.

Enter moves to the next field and saves from a field marked ``submit`` or the last one;
Ctrl+S saves from anywhere; Esc asks before throwing away what was typed. What is typed is
kept as a draft on disk while the form is open, so a killed app loses nothing. A save
carries the version of the record the form was opened on: if somebody changed or deleted
it since, the save is refused and the form offers what to do, keeping everything typed.
The fields themselves, their drafts and suggestions are in ``form_fields``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from textual import events, on
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from secdesk.i18n import N_, _
from secdesk.kinds import Kind
from secdesk.screens.confirm import ChoiceScreen, ConfirmScreen
from secdesk.screens.form_fields import FormFields
from secdesk.screens.unsaved import UnsavedWork
from secdesk.screens.work import data_worker, tell_failure
from secdesk.services.phrases import semicolons
from secdesk.services.views import InvalidInput, RecordChanged, RecordGone, Saved
from secdesk.textsafe import safe
from secdesk.widgets.fields import FormInput, RowsField

#: Seconds the form stays up after a save, under its "saved" toast.
CLOSE_AFTER_SAVE = 0.05


class RecordForm(UnsavedWork, FormFields):
    """The form of one record kind; a kind with extra behaviour subclasses it."""

    @dataclass
    class Done(Message):
        saved: Saved

    @dataclass
    class Failed(Message):
        error: Exception

    @dataclass
    class Known(Message):
        """The values in use of the lookup fields that name them (``FormField.known``)."""

        values: dict[str, list[str]]

    @dataclass
    class Reloaded(Message):
        values: dict[str, Any]
        hidden: dict[str, Any]
        originals: dict[str, Any]
        version: int

    # -- opening -------------------------------------------------------------------------

    def on_mount(self) -> None:
        # Textual calls every class's on_mount in turn: a subclass adds its own, without
        # calling this one again.
        self.query_one("#form").border_title = self.heading()
        self.first_focus().focus()
        self.call_after_refresh(self._replay_early_keys)
        if any(f.known for f in self.FIELDS):
            self._load_known()

    @data_worker("known", exclusive=False)
    def _load_known(self) -> Message:
        from secdesk.services.lookups import known

        return self.Known({f.name: self.store.run(known, f.source) for f in self.FIELDS if f.known})

    @on(Known)
    def _show_known(self, message: Known) -> None:
        """The field's placeholder names the values in use (the office's 机关代字)."""
        for name, values in message.values.items():
            if values:
                self.query_one(f"#f-{name}", Input).placeholder = _("in use: {values}").format(
                    values="、".join(values)
                )

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
            # What the user said yes to, for an input whose service asks (a new series).
            extra={**self.hidden, "confirmed": tuple(sorted(self.confirmed))},
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

    def _confirm(self, field: str, question: str, yes: str = "", no: str = "") -> None:
        def answer(keep: bool | None) -> None:
            if keep:
                self.confirmed.add(field)
                self.action_save()
            else:
                self._after_save = None
                self.focus_field(field)

        self.app.push_screen(
            ConfirmScreen(question, yes=yes or _("Keep it"), no=no or _("Change it")), answer
        )

    def save_record(self, data: Any, record_id: int | None, version: int | None) -> Saved:
        """Run the service that saves ``data`` (called in a worker thread)."""
        from secdesk.services import records

        if record_id:
            return self.store.write(records.update, self.kind.name, record_id, data, version)
        return self.store.write(records.create, self.kind.name, data)

    @data_worker("save")
    def _save(self, data: Any, record_id: int | None, version: int | None) -> Message:
        try:
            saved = self.save_record(data, record_id, version)
        except Exception as exc:
            return self.Failed(exc)
        return self.Done(saved)

    @on(Done)
    def _done(self, message: Done) -> None:
        # The record is committed: only now does the desk say so. The form closes a moment
        # later, so the toast is not held up by repainting the whole desk beneath (Enter
        # to toast: ~35 ms instead of ~70 ms); keys typed meanwhile are passed on.
        self.discard_draft()
        self.dirty = False
        self.desk.announce_saved(message.saved)
        then = self.pop_after_save()

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
        from secdesk.services.forms import NeedsConfirmation

        if isinstance(error, NeedsConfirmation):  # the service asks (a document still held)
            self._confirm(error.field, error.question, _("Yes"), _("No"))
            return
        if isinstance(error, RecordGone):
            self._deleted_elsewhere()
            return
        self._after_save = None
        from secdesk.services.errors import describe

        tell_failure(self, describe(error, self.store.path), _("Not saved"))

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

    @data_worker("reload")
    def _reload(self) -> Message:
        from secdesk.services import records

        assert self.record_id is not None
        loaded = self.store.run(records.load, self.kind.name, self.record_id)
        values, hidden, originals = open_values(self.kind, loaded.data)
        return self.Reloaded(values, hidden, originals, loaded.version)

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
                shown = (
                    semicolons([" ".join(row) for row in mine]) if isinstance(mine, list) else mine
                )
                self.show_error(name, _("You typed: {text}").format(text=shown))
        self.dirty = True

    # -- closing -------------------------------------------------------------------------

    def action_cancel(self) -> None:
        if self.saving:
            return  # the save finishes and closes the form
        self.ask_to_discard(self._discard)

    def _discard(self) -> None:
        self.discard_draft()
        self.dismiss(None)

    def has_unsaved_work(self) -> bool:
        return self.dirty

    def unsaved_what(self) -> str:
        return _("the form “{title}”").format(
            title=_(self.kind.edit_title if self.record_id else self.kind.form_title)
        )


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
