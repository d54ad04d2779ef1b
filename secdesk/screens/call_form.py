"""The call form (``c`` from anywhere): log a call while still on the phone.

Beyond the generic form: a known number, typed in Number or in Caller, fills in the
contact; typing whom the message is for sets it to be passed on; Ctrl+O switches
incoming/outgoing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Static

from secdesk.i18n import _
from secdesk.kinds import FormField
from secdesk.kinds.call import status_after_message_for
from secdesk.screens.form import RecordForm
from secdesk.screens.work import data_worker
from secdesk.textsafe import safe
from secdesk.widgets.fields import Cycle

#: Fewer digits than this in the Caller box is not looked up as a phone number.
NUMBER_DIGITS = 5


def looks_like_number(typed: str) -> bool:
    digits = sum(ch.isdigit() for ch in typed)
    return digits >= NUMBER_DIGITS and all(ch.isdigit() or ch in " +-()" for ch in typed.strip())


class CallForm(RecordForm):
    """Time, direction, who, number, organisation, what was said, for whom, follow-up."""

    KIND = "call"

    @dataclass
    class NumberKnown(Message):
        field: str
        number: str
        found: Any

    def __init__(self, kind: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(kind or "call", *args, **kwargs)
        self._status_touched = self.record_id is not None or bool(kwargs.get("restored"))

    def field_widgets(self, field: FormField) -> ComposeResult:
        yield from super().field_widgets(field)
        if field.name == "number":
            known = Static("", id="number-known", markup=False)
            known.display = False
            yield known

    def field_changed(self, name: str, value: Any) -> None:
        if name == "caller":
            self.hidden["contact_id"] = None
        elif name == "number":
            self.lookup_number("number", str(value))
        elif name == "message_for":
            status = self.query_one("#f-message_status", Cycle)
            wanted = status_after_message_for(str(value), status.value, self._status_touched)
            if wanted != status.value:
                with status.prevent(Cycle.Changed):
                    status.value = wanted
        elif name == "message_status":
            self._status_touched = True

    def left_field(self, name: str) -> None:
        caller = self.query_one("#f-caller", Input).value
        if name == "caller" and looks_like_number(caller):
            self.lookup_number("caller", caller)

    @data_worker("number")
    def lookup_number(self, field: str, number: str) -> Message:
        from secdesk.services import lookups

        found = self.store.run(lookups.contact_by_number, number) if number.strip() else None
        return self.NumberKnown(field, number, found)

    @on(NumberKnown)
    def show_number_owner(self, message: NumberKnown) -> None:
        known = self.query_one("#number-known", Static)
        found = message.found
        typed = self.query_one(f"#f-{message.field}", Input).value
        if found is None or message.number != typed:
            if message.field == "number":
                known.display = False
            return
        caller = self.query_one("#f-caller", Input)
        before = self.values()
        if message.field == "caller":
            # The number was typed where the name goes: it is the number, and we know whose.
            self._quietly("number", message.number)
            self._quietly("caller", str(found.value))
        elif not caller.value.strip():
            self._quietly("caller", str(found.value))
        if not self.query_one("#f-organization", Input).value.strip():
            self._quietly("organization", str(found.fill.get("organization") or ""))
        self.hidden["contact_id"] = found.fill.get("contact_id")
        known.update(_("In the contact book: {who}").format(who=safe(found.shown)))
        known.display = True
        if self.values() != before:
            self.dirty = True

    def _quietly(self, name: str, value: str) -> None:
        """Fill a field without looking it up again."""
        field = self.query_one(f"#f-{name}", Input)
        with field.prevent(Input.Changed):
            field.value = value

    def action_toggle_direction(self) -> None:
        self.query_one("#f-direction", Cycle).action_step(1)
