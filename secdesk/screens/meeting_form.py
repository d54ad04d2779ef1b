"""The meeting form (``m`` from anywhere): schedule a meeting.

Beyond the generic form: the type's choices come from config.toml when it names some; the
expected end computed from the agenda is shown under it (with a warning when it runs past
the booked end); before saving, meetings in the same room or with the same people at that
time are listed and the user may still save."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from secdesk.i18n import _
from secdesk.screens.confirm import ConfirmScreen
from secdesk.screens.form import RecordForm
from secdesk.services.kinds import FormField
from secdesk.services.views import InvalidInput, Saved
from secdesk.widgets.fields import Cycle


class ConflictsFound(Exception):
    """The meeting overlaps others: ask before saving."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("; ".join(lines))
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
        super().on_mount()
        self.show_timing()

    def field_changed(self, name: str, value: Any) -> None:
        if name in ("starts_at", "ends", "agenda"):
            self.conflicts_accepted = False
            self.show_timing()
        elif name in ("location", "participants", "chair", "recorder"):
            self.conflicts_accepted = False

    def show_timing(self) -> None:
        """Under the agenda: when it is expected to end, and whether it runs over."""
        from secdesk import clock
        from secdesk.services.meetings import agenda_timing, timing_note
        from secdesk.services.timeparse import TimeParseError, parse_when

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

    def save_record(self, data: Any, record_id: int | None, version: int | None) -> Saved:
        from secdesk.services import meetings

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

        def answer(save: bool | None) -> None:
            if save:
                self.conflicts_accepted = True
                self.action_save()

        question = _("At that time:") + "\n" + "\n".join(f"• {line}" for line in lines)
        question += "\n" + _("Save it anyway?")
        self.app.push_screen(
            ConfirmScreen(question, yes=_("Save anyway"), no=_("Change it")), answer
        )
