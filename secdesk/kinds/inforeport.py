"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

信息报送: government information edited and submitted upward, with whether it was adopted."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.kinds import common, spec
from secdesk.labels import LABELS

LEVELS = tuple(LABELS["adopted_level"].items())

FORM = (
    spec.FormField("title", N_("Title"), placeholder=N_("the item's headline")),
    common.text("text", N_("Text")),
    common.lookup(
        "submitted_to",
        N_("Submitted to"),
        "earlier:inforeport.submitted_to",
        placeholder=N_("the information office it went to"),
    ),
    common.when("submitted_at", N_("Submitted")),
    common.choice("adopted_level", N_("Adopted by"), LEVELS, N_("Unknown level")),
    common.day("adopted_on", N_("Adopted on"), optional=True),
    common.text("notes", N_("Notes"), submit=True),
)

KIND = spec.Kind(
    name="inforeport",
    model="secdesk.models.inforeport:InfoReport",
    title=N_("Information report"),
    noun=N_("information report"),
    count=NP_("{n} information report", "{n} information reports"),
    saved=N_("Information report saved"),
    short=N_("Information"),
    position=85,
    service="secdesk.office.inforeports:SERVICE",
    input="secdesk.services.inputs:InfoReportInput",
    form=FORM,
    form_title=N_("New information report"),
    edit_title=N_("Edit information report"),
    form_help=N_(
        "An item of government information (政务信息) submitted upward: its title and text, to "
        "whom and when it was submitted. When it is adopted, choose the highest level that "
        "adopted it (Space changes the choice) and the day; the work summary counts them."
    ),
    detail=common.shown(
        FORM,
        "title",
        "submitted_to",
        "submitted_at",
        spec.DetailField("adopted_level", N_("Adopted by"), labels="adopted_level"),
        "adopted_on",
        "text",
        "notes",
    ),
    listing=spec.ListSpec(
        title=N_("Information reports"),
        summary=N_("Information submitted upward, and what was adopted"),
        help=N_(
            "Information items submitted upward (信息报送), newest first, with the level that "
            "adopted each. Narrow by date, adoption or text. n adds one, Enter opens one, e "
            "edits, d deletes (u undoes)."
        ),
        columns=(
            common.fixed(N_("Submitted"), 18, field="submitted_at"),
            common.spread(N_("Title"), 10, field="title"),
            spec.Column(N_("Submitted to"), field="submitted_to", cap=16, least=6, drop=1),
            spec.Column(N_("Adopted by"), field="adopted_level", labels="adopted_level", cap=12),
        ),
        name_columns=(1,),
        date_field="submitted_at",
        choice_filters=(
            spec.ChoiceFilter("adopted_level", (("", N_("Adopted or not")), *LEVELS[1:])),
        ),
        text_placeholder=N_("title, text or to whom"),
    ),
    search=spec.SearchSpec(("title", "text", "submitted_to", "notes"), title="title"),
    duty="secdesk.office.inforeports:duty_entries",
    report_field="submitted_at",
    report=common.reported("secdesk.office.inforeports", "figures", "figure_lines", order=60),
    screen_key="X",
)
