"""会议: a meeting (scheduled at the desk in a later version; today they come from the
demo office or other tools)."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.services.kinds.spec import (
    Column,
    DetailField,
    Kind,
    ListSpec,
    PanelSpec,
    SearchSpec,
)

KIND = Kind(
    name="meeting",
    entity="meeting",
    model="secdesk.models.meeting:Meeting",
    title=N_("Meeting"),
    noun=N_("meeting"),
    count=NP_("{n} meeting", "{n} meetings"),
    position=80,
    service="secdesk.services.meetings:SERVICE",
    detail=(
        DetailField("title", N_("Meeting")),
        DetailField("starts_at", N_("Starts")),
        DetailField("ends_at", N_("Ends")),
        DetailField("location", N_("Location")),
        DetailField("chair", N_("Chair")),
        DetailField("participants", N_("Participants")),
        DetailField("notes", N_("Notes")),
        DetailField("cancelled", N_("Cancelled")),
    ),
    listing=ListSpec(
        title=N_("Meetings"),
        summary=N_("Every meeting, past and booked"),
        help=N_(
            "Every meeting, the latest first (booked ones ahead of past ones). Narrow by date "
            "or text (title, place, chair, participants). Enter opens one, d deletes "
            "(u undoes)."
        ),
        columns=(
            Column(N_("Starts"), cap=18, least=11),
            Column(N_("Meeting"), cap=60, flex=True, least=10),
            Column(N_("Location"), cap=20),
            Column(N_("Chair"), cap=12),
        ),
        name_columns=(0, 1),
        date_field="starts_at",
        text_placeholder=N_("title, place, chair or participants"),
    ),
    panel=PanelSpec(
        id="meetings",
        title=N_("Meetings"),
        columns=(
            Column(N_("When"), cap=18, least=15),
            Column(N_("Meeting"), cap=60, flex=True, least=8),
            Column(N_("Location"), cap=16, least=6, drop=1),
        ),
        empty=N_("No meetings today or in the next 7 days."),
        position=4,
        key_help=N_("Go to the meetings of this week"),
        loader="secdesk.services.meetings:panel",
    ),
    search=SearchSpec(
        ("title", "location", "chair", "participants", "notes"), who=("chair", "participants")
    ),
    duty="secdesk.services.meetings:duty_entries",
    report_field="starts_at",
    screen_key="M",
)
