"""The visitor form (``v`` from anywhere)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from secdesk import clock
from secdesk.i18n import N_, _
from secdesk.screens.form import FormField, FormInput, RecordForm, read_when
from secdesk.services.views import Saved, VisitInput


class VisitForm(RecordForm):
    """Name, organisation, host, purpose, phone, badge, ID number, arrival (and leaving)."""

    FORM = "visit"
    TITLE = N_("Register a visitor")
    EDIT_TITLE = N_("Edit visitor")
    HELP = N_(
        "Type the visitor's name, Enter moves on; Enter in Purpose or Ctrl+S saves. Only the "
        "name is needed. Arrival defaults to when the form was opened; the ID number is kept "
        "but shown masked except its last 4 characters."
    )
    FIELDS = (
        FormField("name", N_("Name")),
        FormField("organization", N_("Organisation")),
        FormField("host", N_("Host"), placeholder=N_("whom they visit")),
        FormField("purpose", N_("Purpose"), submit=True),
        FormField("phone", N_("Phone")),
        FormField("badge", N_("Badge")),
        FormField("id_number", N_("ID number"), placeholder=N_("optional")),
        FormField("arrived_at", N_("Arrived")),
        FormField("left_at", N_("Left"), placeholder=N_("still in the building")),
    )

    def __init__(
        self,
        values: dict[str, Any] | None = None,
        record_id: int | None = None,
        restored: bool = False,
    ) -> None:
        super().__init__(values, record_id, restored)
        self.opened_at = clock.now_local()

    def field_widgets(self, field: FormField) -> ComposeResult:
        if field.name == "arrived_at":
            yield FormInput(
                str(self.initial.get("arrived_at") or ""),
                id="f-arrived_at",
                select_on_focus=False,
                placeholder=_("now ({time})").format(time=f"{self.opened_at:%H:%M}"),
            )
            return
        yield from super().field_widgets(field)

    def build_input(self, values: dict[str, Any]) -> VisitInput:
        arrived = read_when("arrived_at", str(values["arrived_at"]), self.opened_at)
        left_text = str(values["left_at"]).strip()
        left = read_when("left_at", left_text, self.opened_at) if left_text else None
        return VisitInput(
            name=values["name"],
            arrived_at=arrived,
            organization=values["organization"],
            phone=values["phone"],
            id_number=values["id_number"].strip(),
            host=values["host"],
            purpose=values["purpose"],
            badge=values["badge"],
            left_at=left,
        )

    def save_record(self, store: Any, data: VisitInput) -> Saved:
        from secdesk.services import visits

        if self.record_id:
            return store.write(visits.update_visit, self.record_id, data)
        return store.write(visits.log_visit, data)
