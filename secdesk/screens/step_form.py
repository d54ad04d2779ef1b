"""The form of one workflow step (assign, urge, feedback, extend…): the fields the step
asks, and a note. It is the record form with the step's fields; saving takes the step in
one transaction, and u takes it back."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from secdesk.i18n import N_, _
from secdesk.kinds import FormField, Transition
from secdesk.screens.form import RecordForm
from secdesk.services.phrases import saying
from secdesk.services.views import Saved
from secdesk.textsafe import text

NOTE = "note"


def step_fields(step: Transition) -> tuple[FormField, ...]:
    """The step's fields and its note, the note last (Enter in it takes the step)."""
    note = FormField(NOTE, step.note or N_("Note"), kind="multiline")
    return (*step.fields, note)


class StepForm(RecordForm):
    """Take one step of a record's workflow."""

    def __init__(
        self,
        kind: str,
        record_id: int,
        step: Transition,
        version: int | None,
        values: dict[str, Any] | None = None,
        label: str = "",
    ) -> None:
        super().__init__(kind, None, record_id, version=version)
        self.step = step
        self.label = label
        self.FIELDS = step_fields(step)
        self.initial = {f.name: "" for f in self.FIELDS}
        self.initial.update({k: v for k, v in (values or {}).items() if k in self.initial})

    def help_text(self) -> str:
        return _(self.step.help) if self.step.help else ""

    @property
    def form_name(self) -> str:
        return f"{self.kind.name}.{self.step.name}"

    def heading(self) -> Text:
        # 拟办：2026-0042 … in Chinese, "Propose handling: …" in English.
        title = saying(_(self.step.label), self.label)
        return text(title)  # the record's name is data, never markup

    def build_input(self, values: dict[str, Any]) -> Any:
        from secdesk.services.forms import read_fields
        from secdesk.services.views import InvalidInput
        from secdesk.services.workflow import NOTE_NEEDED

        read = read_fields(self.FIELDS, values, self.opened_at, confirmed=frozenset(self.confirmed))
        note = str(read.pop(NOTE, "") or "")
        if self.step.note_required and not note.strip():
            raise InvalidInput(NOTE, NOTE_NEEDED)
        return (read, note)

    def save_record(self, data: Any, record_id: int | None, version: int | None) -> Saved:
        from secdesk.services import workflow

        values, note = data
        if self.confirmed:  # what the user said yes to is logged with the step
            values = {**values, "confirmed": sorted(self.confirmed)}
        assert record_id is not None
        taken = self.store.write(
            workflow.take, self.kind.name, record_id, self.step.name, values, note, version
        )
        self.app.call_from_thread(self.desk.remember_undo, taken.undo)
        return taken.saved

    def unsaved_what(self) -> str:
        return _("the step “{step}”").format(step=_(self.step.label))

    CHANGED_ELSEWHERE = N_(
        "This {what} was changed by {who} at {time}, after you opened it, so the step was "
        "not taken. What you typed is still here."
    )

    def conflict_choices(self) -> list[tuple[str, str, str]]:
        return [("t", _("Take the step anyway"), "overwrite")]
