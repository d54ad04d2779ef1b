"""督查督办: a matter whose undertaking is supervised until it is closed."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.labels import LABELS
from secdesk.services.kinds.spec import (
    ChoiceFilter,
    Column,
    DetailField,
    FormField,
    Kind,
    ListSpec,
    PanelSpec,
    SearchSpec,
)

STATUSES = tuple(LABELS["supervision_status"].items())

KIND = Kind(
    name="supervision",
    entity="supervisionitem",
    model="secdesk.models.supervision:SupervisionItem",
    title=N_("Supervision item"),
    noun=N_("supervision item"),
    count=NP_("{n} supervision item", "{n} supervision items"),
    saved=N_("Supervision item saved"),
    position=50,
    service="secdesk.services.supervision:SERVICE",
    input="secdesk.services.views:SupervisionInput",
    form=(
        FormField("title", N_("Matter")),
        FormField(
            "source",
            N_("Source"),
            placeholder=N_("leader's instruction, meeting decision, document…"),
        ),
        FormField(
            "undertaking_unit", N_("Undertaking unit"), kind="lookup", source="organizations"
        ),
        FormField("responsible", N_("Responsible"), kind="lookup", source="contacts"),
        FormField("assigned_on", N_("Assigned"), kind="date", placeholder=N_("today")),
        FormField(
            "due",
            N_("Due"),
            kind="deadline",
            relative_to="assigned_on",
            placeholder=N_("a date, 10wd (working days) or 15d (days)"),
        ),
        FormField("progress", N_("Done (%)"), kind="number", minimum=0, maximum=100),
        FormField("status", N_("Status"), kind="cycle", choices=STATUSES),
        FormField("notes", N_("Notes"), kind="multiline"),
    ),
    form_title=N_("New supervision item"),
    edit_title=N_("Edit supervision item"),
    form_help=N_(
        "The matter, where it came from, the undertaking unit and person, and the time "
        "limit: a date, 10wd for ten working days or 15d for fifteen days after the day "
        "assigned, counted on the official working-day calendar. Done (%) is the progress "
        "last reported."
    ),
    detail=(
        DetailField("title", N_("Matter")),
        DetailField("source", N_("Source")),
        DetailField("undertaking_unit", N_("Undertaking unit")),
        DetailField("responsible", N_("Responsible")),
        DetailField("assigned_on", N_("Assigned")),
        DetailField("due", N_("Due")),
        DetailField("progress", N_("Done (%)")),
        DetailField("status", N_("Status"), labels="supervision_status"),
        DetailField("notes", N_("Notes")),
    ),
    listing=ListSpec(
        title=N_("Supervision"),
        summary=N_("Every supervision item and its deadline"),
        help=N_(
            "Every supervision item, the latest due first: red overdue, blue due soon, yellow "
            "behind pace. Narrow by due date, status or text. n adds an item, Enter opens "
            "one, e edits, d deletes (u undoes)."
        ),
        columns=(
            Column(N_("Days left"), cap=14, least=12),
            Column(N_("Matter"), cap=60, flex=True, least=14),
            Column(N_("Undertaking unit"), cap=20),
            Column(N_("Due"), cap=16, least=6),
            Column(N_("Done"), cap=5, least=4),
            Column(N_("Status"), cap=8),
        ),
        name_columns=(1,),
        date_field="due",
        choice_filters=(ChoiceFilter("status", (("", N_("Any status")), *STATUSES)),),
        text_placeholder=N_("matter, source, unit or person"),
    ),
    panel=PanelSpec(
        id="supervision",
        title=N_("Supervision deadlines"),
        columns=(
            Column(N_("Days left"), cap=14, least=12),
            Column(N_("Matter"), cap=60, flex=True, least=12),
            Column(N_("Undertaking unit"), cap=16, least=6, drop=3),
            Column(N_("Due"), cap=14, least=6, drop=2),
            Column(N_("Done"), cap=5, least=4, drop=1),
        ),
        empty=N_("No open supervision items."),
        position=2,
        key_help=N_("Go to the supervision deadlines"),
        loader="secdesk.services.supervision:panel",
    ),
    search=SearchSpec(
        ("title", "source", "undertaking_unit", "responsible", "notes"),
        who=("responsible", "undertaking_unit"),
    ),
    duty="secdesk.services.supervision:duty_entries",
    report_field="assigned_on",
    new_label=N_("New supervision item"),
    screen_key="S",
)
