"""The call form (``c`` from anywhere): log a call while still on the phone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from secdesk.i18n import N_, _
from secdesk.screens.form import FormField, FormInput, RecordForm, read_when
from secdesk.services.views import CallInput, ContactMatch, Saved
from secdesk.textsafe import safe, text

DIRECTIONS = (("incoming", N_("Incoming")), ("outgoing", N_("Outgoing")))
MESSAGE_STATUSES = (
    ("no_action", N_("No action")),
    ("to_pass", N_("To pass on")),
    ("passed", N_("Passed on")),
)


class CallerInput(FormInput):
    """The caller field: ↓/↑ pick a suggested contact, → at the end accepts it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down",
            "suggestion(1)",
            show=False,
            id="suggestion_next",
            tooltip=N_("Highlight the next suggested contact"),
        ),
        Binding(
            "up",
            "suggestion(-1)",
            show=False,
            id="suggestion_previous",
            tooltip=N_("Highlight the previous suggested contact"),
        ),
    ]

    def action_suggestion(self, delta: int) -> None:
        self.screen.move_suggestion(delta)  # type: ignore[attr-defined]

    def action_cursor_right(self, select: bool = False) -> None:
        if not select and self.cursor_at_end and self.screen.accept_suggestion():  # type: ignore[attr-defined]
            return
        super().action_cursor_right(select)


class CallForm(RecordForm):
    """Time, direction, who, number, organisation, what was said, for whom, follow-up."""

    FORM = "call"
    TITLE = N_("Log a call")
    EDIT_TITLE = N_("Edit call")
    HELP = N_(
        "Type the caller (a name, pinyin initials or a number suggests contacts: ↓ picks, "
        "→ accepts), Enter, then what was said, Enter saves. Only the caller or the summary "
        "is needed. Ctrl+O switches incoming/outgoing. Times may be typed as 10:30, 9.30, "
        "yesterday 15:00, 昨天下午3点 or -20m; empty means when the form was opened."
    )
    FIELDS = (
        FormField("caller", N_("Caller"), placeholder=N_("name, initials or number")),
        FormField("summary", N_("Summary"), placeholder=N_("what was said"), submit=True),
        FormField("number", N_("Number")),
        FormField("organization", N_("Organisation")),
        FormField("message_for", N_("Message for"), placeholder=N_("who needs to know")),
        FormField("message_status", N_("Message status"), kind="cycle", choices=MESSAGE_STATUSES),
        FormField("follow_up", N_("Follow-up needed"), kind="check"),
        FormField("at", N_("Time"), kind="when"),
        FormField("direction", N_("Direction"), kind="cycle", choices=DIRECTIONS),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+o",
            "toggle_direction",
            N_("In/out"),
            id="call_direction",
            tooltip=N_("Switch between incoming and outgoing"),
        ),
    ]

    @dataclass
    class Suggestions(Message):
        query: str
        matches: list[ContactMatch]

    @dataclass
    class NumberKnown(Message):
        number: str
        match: ContactMatch | None

    def __init__(
        self,
        values: dict[str, Any] | None = None,
        record_id: int | None = None,
        restored: bool = False,
    ) -> None:
        super().__init__(values, record_id, restored)
        self.contact_id: int | None = (values or {}).get("contact_id")
        self.matches: list[ContactMatch] = []
        self._status_touched = bool(values)

    def field_widgets(self, field: FormField) -> ComposeResult:
        if field.name == "caller":
            yield CallerInput(
                str(self.initial.get("caller") or ""),
                id="f-caller",
                placeholder=_(field.placeholder),
                select_on_focus=False,
            )
            suggestions = OptionList(id="suggestions")
            suggestions.display = False
            suggestions.can_focus = False
            yield suggestions
            return
        yield from super().field_widgets(field)
        if field.name == "number":
            known = Static("", id="number-known", markup=False)
            known.display = False
            yield known

    def hint(self) -> str:
        return _("Enter: next field · Enter in Summary or Ctrl+S: save · Esc: cancel")

    # -- suggestions ---------------------------------------------------------------------

    def field_changed(self, name: str, value: Any) -> None:
        if name == "caller":
            self.contact_id = None
            self.lookup_caller(str(value))
        elif name == "number":
            self.lookup_number(str(value))
        elif name == "message_for" and not self._status_touched and value:
            self.set_value("message_status", "to_pass")
        elif name == "message_status":
            self._status_touched = True

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def lookup_caller(self, query: str) -> None:
        from secdesk.services import contacts

        matches = self.store.run(contacts.suggest, query) if query.strip() else []
        self.post_message(self.Suggestions(query, matches))

    @work(thread=True, exclusive=True, group="number", exit_on_error=False)
    def lookup_number(self, number: str) -> None:
        from secdesk.services import contacts

        match = self.store.run(contacts.by_number, number)
        self.post_message(self.NumberKnown(number, match))

    @on(Suggestions)
    def show_suggestions(self, message: Suggestions) -> None:
        if message.query != self.query_one("#f-caller", Input).value:
            return  # typed on since
        self.matches = message.matches
        options = self.query_one("#suggestions", OptionList)
        options.clear_options()
        options.add_options(
            [
                Option(text(" · ".join(p for p in (m.name, m.organization, m.number) if p)))
                for m in self.matches
            ]
        )
        options.display = bool(self.matches)
        if self.matches:
            options.highlighted = 0

    @on(NumberKnown)
    def show_number_owner(self, message: NumberKnown) -> None:
        known = self.query_one("#number-known", Static)
        match = message.match
        if match is None or message.number != self.query_one("#f-number", Input).value:
            known.display = False
            return
        caller = self.query_one("#f-caller", Input)
        if not caller.value.strip():
            with caller.prevent(Input.Changed):
                caller.value = match.name
        organization = self.query_one("#f-organization", Input)
        if not organization.value.strip():
            organization.value = match.organization
        self.contact_id = match.id
        known.update(
            _("In the contact book: {who}").format(
                who=safe(" · ".join(p for p in (match.name, match.title, match.organization) if p))
            )
        )
        known.display = True

    def move_suggestion(self, delta: int) -> None:
        options = self.query_one("#suggestions", OptionList)
        if not self.matches:
            return
        current = options.highlighted or 0
        options.highlighted = (current + delta) % len(self.matches)

    def accept_suggestion(self) -> bool:
        """Fill caller, number and organisation from the highlighted contact."""
        options = self.query_one("#suggestions", OptionList)
        if not self.matches or not options.display:
            return False
        match = self.matches[options.highlighted or 0]
        caller = self.query_one("#f-caller", Input)
        with caller.prevent(Input.Changed):
            caller.value = match.name
            caller.cursor_position = len(match.name)
        if match.number:
            number = self.query_one("#f-number", Input)
            with number.prevent(Input.Changed):
                number.value = match.number
        self.set_value("organization", match.organization)
        self.contact_id = match.id
        options.display = False
        self.matches = []
        self.dirty = True
        return True

    def action_toggle_direction(self) -> None:
        self.query_one("#f-direction").action_step(1)  # type: ignore[attr-defined]

    # -- saving --------------------------------------------------------------------------

    def build_input(self, values: dict[str, Any]) -> CallInput:
        at: datetime = read_when("at", str(values["at"]), self.opened_at)
        return CallInput(
            at=at,
            direction=values["direction"],
            caller=values["caller"],
            number=values["number"],
            organization=values["organization"],
            summary=values["summary"],
            message_for=values["message_for"],
            follow_up=bool(values["follow_up"]),
            message_status=values["message_status"],
            contact_id=self.contact_id,
        )

    def save_record(self, store: Any, data: CallInput) -> Saved:
        from secdesk.services import calls

        if self.record_id:
            return store.write(calls.update_call, self.record_id, data)
        return store.write(calls.log_call, data)
