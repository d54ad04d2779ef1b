"""The visitor form (``v`` from anywhere)."""

from __future__ import annotations

from typing import Any

from secdesk.i18n import N_
from secdesk.screens.form import FormField, RecordForm, read_when
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
        FormField("arrived_at", N_("Arrived"), kind="when"),
        FormField("left_at", N_("Left"), kind="when", placeholder=N_("still in the building")),
    )

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
