"""The meeting form (``m`` from anywhere): schedule a meeting.

Beyond the generic form: the type's choices come from config.toml when it names some; the
expected end computed from the agenda is shown under it (with a warning when it runs past
the booked end); before saving, meetings in the same room or with the same people at that
time are listed and the user may still save."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from secdesk.i18n import N_, _
from secdesk.kinds import FormField
from secdesk.screens.base import DeskModal
from secdesk.screens.confirm import ask_yes
from secdesk.screens.form import RecordForm
from secdesk.screens.work import data_worker
from secdesk.services.phrases import semicolons
from secdesk.services.views import InvalidInput, Saved
from secdesk.textsafe import text
from secdesk.widgets.fields import Cycle, FormInput, RowsField
from secdesk.widgets.footer import DeskFooter

if TYPE_CHECKING:
    from secdesk.services.lookups import Suggestion


class ConflictsFound(Exception):
    """The meeting overlaps others: ask before saving."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(semicolons(lines))
        self.lines = lines


class MeetingForm(RecordForm):
    KIND = "meeting"

    def __init__(self, kind: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(kind or "meeting", *args, **kwargs)
        self.conflicts_accepted = False
        """The user said to save despite the conflicts listed."""

    def field_widgets(self, field: FormField) -> ComposeResult:
        if field.name == "meeting_type":
            configured = tuple(getattr(self.settings, "meeting_types", None) or ())
            if configured:
                value = str(self.initial.get(field.name) or "")
                choices = tuple((t, t) for t in configured)
                if value and value not in configured:
                    choices = ((value, value), *choices)
                yield Cycle(choices, value or configured[0], id="f-meeting_type")
                return
        yield from super().field_widgets(field)
        if field.name == "agenda":
            note = Static("", id="agenda-timing", classes="form-note", markup=False)
            note.display = False
            yield note

    def on_mount(self) -> None:
        # RecordForm's on_mount runs too (Textual calls each class's in turn).
        self.show_timing()

    def field_changed(self, name: str, value: Any) -> None:
        if name in ("starts_at", "ends", "agenda"):
            self.conflicts_accepted = False
            self.show_timing()
        elif name in ("location", "participants", "chair", "recorder"):
            self.conflicts_accepted = False

    def show_timing(self) -> None:
        """Under the agenda: when it is expected to end, and whether it runs over."""
        from secdesk.calendar import clock
        from secdesk.calendar.timeparse import TimeParseError, parse_when
        from secdesk.office.meetings.schedule import agenda_timing, timing_note

        note = self.query_one("#agenda-timing", Static)
        values = self.values()
        try:
            start = parse_when(str(values.get("starts_at") or ""), clock.now_local())
            timing = agenda_timing(start, str(values.get("ends") or ""), values.get("agenda") or [])
        except (TimeParseError, InvalidInput):
            note.display = False
            return
        text = timing_note(timing)
        note.update(text)
        note.display = bool(text)
        note.set_class(timing.over, "form-error")

    def action_pick_contact(self) -> None:
        """Pick a participant from the contact book: the name goes into the participant
        row the cursor is in, or into a new row."""
        rows = self.query_one("#f-participants", RowsField)
        focused = self.focused
        line = next(
            (line for line in rows.lines if focused is not None and focused in line.children),
            None,
        )
        if line is None:
            line = rows.lines[-1]
        cell = line.query(FormInput).first()

        def picked(name: str | None) -> None:
            if name:
                cell.value = name
                cell.focus()

        self.app.push_screen(ContactPicker(cell.value), picked)

    def save_record(self, data: Any, record_id: int | None, version: int | None) -> Saved:
        from secdesk.office.meetings import schedule as meetings

        if not self.conflicts_accepted:
            found = self.store.run(meetings.conflicts, data, record_id)
            if found:
                raise ConflictsFound([meetings.conflict_text(c) for c in found])
        if record_id is None:
            return self.store.write(meetings.schedule, data, self.settings)
        return super().save_record(data, record_id, version)

    @on(RecordForm.Failed)
    def _conflicts(self, message: RecordForm.Failed) -> None:
        if not isinstance(message.error, ConflictsFound):
            return
        message.stop()
        message.prevent_default()
        self.saving = False
        lines = message.error.lines

        def save_anyway() -> None:
            self.conflicts_accepted = True
            self.action_save()

        question = _("At that time:") + "\n" + "\n".join(f"• {line}" for line in lines)
        question += "\n" + _("Save it anyway?")
        ask_yes(self.app, question, _("Save anyway"), _("Change it"), save_anyway)


class ContactPicker(DeskModal[str | None]):
    """Find a person in the contact book by name, pinyin initials or number."""

    DEFAULT_CSS = """
    ContactPicker { align: center middle; }
    ContactPicker > Vertical {
        width: 70; height: 16; border: thick $primary; background: $surface; padding: 0 1;
    }
    ContactPicker OptionList { height: 1fr; }
    """
    HELP = N_(
        "Type a name, pinyin initials (zs for 张三) or a number; up and down pick among the "
        "people found, Enter takes the highlighted one. Esc goes back."
    )

    @dataclass
    class Found(Message):
        query: str
        found: list[Suggestion]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query
        self.found: list[Suggestion] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Input(
                self.query_text, placeholder=_("name, initials or number"), id="picker-query"
            )
            yield OptionList(id="picker-found")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#picker").border_title = _("Contact book")
        self.query_one("#picker-found", OptionList).can_focus = False
        self.query_one("#picker-query").focus()
        self.search(self.query_text)

    @on(Input.Changed, "#picker-query")
    def _typed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @data_worker("picker")
    def search(self, query: str) -> Message:
        from secdesk.services import lookups

        found = self.store.run(lookups.suggest, "contacts", query, 10) if query.strip() else []
        return self.Found(query, found)

    @on(Found)
    def _found(self, message: Found) -> None:
        if message.query != self.query_one("#picker-query", Input).value:
            return
        self.found = message.found
        options = self.query_one("#picker-found", OptionList)
        options.clear_options()
        options.add_options([Option(text(s.shown)) for s in self.found])
        if self.found:
            options.highlighted = 0

    def action_move(self, delta: int) -> None:
        options = self.query_one("#picker-found", OptionList)
        if self.found:
            options.highlighted = ((options.highlighted or 0) + delta) % len(self.found)

    @on(Input.Submitted, "#picker-query")
    def _take(self, event: Input.Submitted) -> None:
        options = self.query_one("#picker-found", OptionList)
        if self.found and options.highlighted is not None:
            self.dismiss(self.found[options.highlighted].value)
