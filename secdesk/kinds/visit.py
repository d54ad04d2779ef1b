"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

来访登记: one visitor."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.kinds import common, spec

#: The list's and the panel's columns alike.
NAME_COLUMN = spec.Column(N_("Name"), cap=16, least=6)
HOST_COLUMN = spec.Column(N_("Host"), cap=12, drop=1)

FORM = (
    spec.FormField("name", N_("Name")),
    common.ORGANIZATION,
    common.person("host", N_("Host"), placeholder=N_("whom they visit")),
    spec.FormField("purpose", N_("Purpose"), submit=True),
    spec.FormField("phone", N_("Phone")),
    spec.FormField("badge", N_("Badge")),
    spec.FormField("id_number", N_("ID number"), placeholder=N_("optional")),
    common.when("arrived_at", N_("Arrived")),
    common.when("left_at", N_("Left"), optional=True, placeholder=N_("still in the building")),
)

KIND = spec.Kind(
    name="visit",
    model="secdesk.models.visit:Visit",
    title=N_("Visitor"),
    noun=N_("visitor"),
    count=NP_("{n} visitor", "{n} visitors"),
    saved=N_("Visitor saved"),
    short=N_("Visitor"),
    position=20,
    service="secdesk.office.visits:SERVICE",
    input="secdesk.services.inputs:VisitInput",
    form=FORM,
    form_title=N_("Register a visitor"),
    edit_title=N_("Edit visitor"),
    form_help=N_(
        "Type the visitor's name, Enter moves on; Enter in Purpose or Ctrl+S saves. Only the "
        "name is needed. Arrival defaults to when the form was opened; the ID number is kept "
        "but shown masked except its last 4 characters."
    ),
    shell=spec.ShellSpec(
        help=N_("register a visitor"),
        options=(
            spec.ShellOption("purpose", metavar="PURPOSE", help=N_("what they came for")),
            spec.ShellOption("name", "--name", "NAME", N_("the visitor's name"), required=True),
            spec.ShellOption("organization", "--org", "ORG", N_("their organisation")),
            spec.ShellOption("host", "--host", "HOST", N_("whom they came to see")),
            spec.ShellOption("phone", "--phone", "P", N_("their telephone number")),
            spec.ShellOption("badge", "--badge", "B", N_("the visitor badge number")),
            spec.ShellOption("arrived_at", "--at", "TIME", N_("arrived (default: now)")),
        ),
        saved=N_("Visitor registered: {id}"),
    ),
    detail=common.shown(
        FORM,
        "name",
        "organization",
        "phone",
        spec.DetailField("id_number", N_("ID number"), masked=True),
        "host",
        "purpose",
        "arrived_at",
        "left_at",
        "badge",
    ),
    listing=spec.ListSpec(
        title=N_("Visits log"),
        summary=N_("Every visitor, searchable"),
        help=N_(
            "Every visitor, newest first. Narrow by date or text (name, organisation, host, "
            "purpose, phone). Enter opens a visit, e edits, d deletes (u undoes), o marks the "
            "visitor as left, ] and [ turn the pages."
        ),
        columns=(
            common.fixed(N_("Arrived"), 18),
            NAME_COLUMN,
            spec.Column(N_("Organisation"), cap=24, flex=True),
            HOST_COLUMN,
            spec.Column(N_("Purpose"), cap=40, flex=True),
            common.fixed(N_("Left"), 18),
        ),
        name_columns=(0, 1),
        date_field="arrived_at",
        text_placeholder=N_("name, organisation, host, purpose or phone"),
    ),
    panel=spec.PanelSpec(
        id="visitors",
        title=N_("Visitors"),
        columns=(
            spec.Column(N_("Arrived"), cap=30, least=5),
            NAME_COLUMN,
            spec.Column(N_("Organisation"), cap=30, flex=True, least=10),
            HOST_COLUMN,
            spec.Column(N_("Badge"), cap=8, drop=2),
        ),
        empty=N_("Nobody in the building. Press v to register a visitor."),
        position=5,
        key_help=N_("Go to the visitors in the building"),
        loader="secdesk.office.visits:panel",
        lean_loader="secdesk.office.lean.visits:panel",
    ),
    search=spec.SearchSpec(
        ("name", "organization", "host", "purpose", "phone"),
        masked=("id_number",),
        who=("name", "host"),
    ),
    duty="secdesk.office.visits:duty_entries",
    report_field="arrived_at",
    new_key="v",
    screen_key="V",
    row_actions=(
        spec.RowAction(
            "o", "mark_left", N_("Left"), N_("The visitor has left (now)"), id="visit_left"
        ),
    ),
)
