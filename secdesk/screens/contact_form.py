"""The contact form (``n`` or Enter in the contact book): one person and their numbers."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from secdesk.i18n import N_, _
from secdesk.labels import LABELS
from secdesk.screens.form import Cycle, FormField, RecordForm
from secdesk.services.views import InvalidInput, Saved
from secdesk.textsafe import safe

if TYPE_CHECKING:
    from secdesk.services.contacts import ContactInput

RELATIONS = tuple(LABELS["relation"].items())
"""(value, label msgid) for each of the office's relations, in the glossary's order."""

#: Between two numbers: a comma, a semicolon or 、 (half- or full-width), or a new line.
_NUMBER_SEPARATORS = re.compile(r"[,，;；、\n]+")


def parse_numbers(typed: str) -> list[tuple[str, str]]:
    """The numbers field as ``(number, label)`` pairs, in the order typed.

    ``mobile:138 0013 8000, 010-6512 3456；办公室：8888`` gives three numbers, the first and
    last labelled. A part without a digit is refused (InvalidInput on ``numbers``) rather
    than dropped without a word."""
    pairs: list[tuple[str, str]] = []
    for part in _NUMBER_SEPARATORS.split(typed):
        part = part.strip()
        if not part:
            continue
        label, colon, number = part.replace("：", ":").partition(":")
        if not colon:
            label, number = "", part
        if not any(ch.isdigit() for ch in number):
            raise InvalidInput("numbers", _("Not a phone number: {text}").format(text=safe(part)))
        pairs.append((number.strip(), label.strip()))
    return pairs


def numbers_text(numbers: list[tuple[str, str]]) -> str:
    """Saved ``(number, label)`` pairs as the numbers field shows them for editing."""
    return ", ".join(f"{label}:{number}" if label else number for number, label in numbers)


class FormCycle(Cycle):
    """A cycle field inside a form: Space and the arrow keys change it, Enter moves on (as
    in every other field), so typing a whole form with Enter never gets stuck here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "next_field",
            show=False,
            id="form_cycle_next",
            tooltip=N_("Go to the next field"),
        ),
    ]

    def action_next_field(self) -> None:
        self.screen.focus_next()


class ContactForm(RecordForm):
    """Name, organisation, job title, relation, numbers, e-mail, notes."""

    FORM = "contact"
    TITLE = N_("New contact")
    EDIT_TITLE = N_("Edit contact")
    HELP = N_(
        "Only the name is needed. Type several numbers in one field, separated by , ; or 、, "
        "each with a label if you like: mobile:138 0013 8000, office:010-6512 3456. In "
        "Relation, Space or the arrow keys change it. Enter moves on; Enter in Notes or "
        "Ctrl+S saves."
    )
    FIELDS = (
        FormField("name", N_("Name")),
        FormField("organization", N_("Organisation")),
        FormField("title", N_("Job title")),
        FormField("relation", N_("Relation"), kind="cycle", choices=RELATIONS),
        FormField("numbers", N_("Numbers"), placeholder=N_("mobile:138 0013 8000, 010-6512 3456")),
        FormField("email", N_("E-mail")),
        FormField("notes", N_("Notes"), submit=True),
    )
    KEPT = ("department", "family_name", "given_name", "middle_name", "name_prefix", "name_suffix")
    """Saved fields the form does not show: an edit (and its draft) carries them through
    as they were, so editing a number does not lose an imported card's department or name
    parts. (The service gives new parts to a new name.)"""

    def __init__(
        self,
        values: dict[str, Any] | None = None,
        record_id: int | None = None,
        restored: bool = False,
    ) -> None:
        super().__init__(values, record_id, restored)
        self.kept = {key: str((values or {}).get(key) or "") for key in self.KEPT}

    @classmethod
    def values_from(cls, data: ContactInput) -> dict[str, Any]:
        values = asdict(data)
        values["numbers"] = numbers_text(data.numbers)
        return values

    def default(self, field: FormField) -> Any:
        if field.name == "relation":
            return "other"
        return super().default(field)

    def field_widgets(self, field: FormField) -> ComposeResult:
        if field.kind == "cycle":
            yield FormCycle(
                field.choices, str(self.initial.get(field.name) or ""), id=f"f-{field.name}"
            )
            return
        yield from super().field_widgets(field)

    def hint(self) -> str:
        return _("Enter: next field · Enter in Notes or Ctrl+S: save · Esc: cancel")

    def values(self) -> dict[str, Any]:
        return {**super().values(), **self.kept}

    def build_input(self, values: dict[str, Any]) -> ContactInput:
        from secdesk.services.contacts import ContactInput

        # A missing name is refused by the service, so the rule lives in one place.
        return ContactInput(
            name=values["name"],
            organization=values["organization"],
            title=values["title"],
            relation=values["relation"],
            numbers=parse_numbers(values["numbers"]),
            email=values["email"],
            notes=values["notes"],
            **{key: values.get(key, "") for key in self.KEPT},
        )

    def save_record(self, store: Any, data: ContactInput) -> Saved:
        from secdesk.services import contacts

        if self.record_id:
            store.write(contacts.update_contact, self.record_id, data)
            return Saved("contact", self.record_id)
        return Saved("contact", store.write(contacts.add_contact, **asdict(data)))
