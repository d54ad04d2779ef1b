"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

调查研究: a research topic and its stages (preparation, investigation, summary)."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.kinds import common, spec
from secdesk.labels import LABELS

STAGES = tuple(LABELS["research_stage"].items())

FORM = (
    spec.FormField("topic", N_("Topic"), placeholder=N_("what is to be studied")),
    common.text("outline", N_("Outline")),
    common.day("started_on", N_("Started")),
    common.choice("stage", N_("Stage"), STAGES, N_("Unknown stage")),
    common.day("investigation_on", N_("Investigation from"), optional=True),
    common.day("summary_on", N_("Summary from"), optional=True),
    common.day("finished_on", N_("Report done on"), optional=True),
    common.text("materials", N_("Materials")),
    common.NOTES,
    common.text("report", N_("Report"), submit=True),
)

KIND = spec.Kind(
    name="investigation",
    model="secdesk.models.investigation:Investigation",
    title=N_("Research topic"),
    noun=N_("research topic"),
    count=NP_("{n} research topic", "{n} research topics"),
    saved=N_("Research topic saved"),
    short=N_("Research"),
    position=87,
    service="secdesk.office.investigations:SERVICE",
    input="secdesk.services.inputs:InvestigationInput",
    form=FORM,
    form_title=N_("New research topic"),
    edit_title=N_("Edit research topic"),
    form_help=N_(
        "A research topic (调研课题): the topic, its outline and the day it was set, then its "
        "stage: preparation, investigation, summary, report done (Space changes it). Moving "
        "to a stage dates it today unless you type the day. Materials, notes and the report "
        "take several lines (Ctrl+J)."
    ),
    detail=common.shown(
        FORM,
        "topic",
        spec.DetailField("stage", N_("Stage"), labels="research_stage"),
        "started_on",
        "investigation_on",
        "summary_on",
        "finished_on",
        "outline",
        "materials",
        "notes",
        "report",
    ),
    listing=spec.ListSpec(
        title=N_("Research"),
        summary=N_("Research topics and their stages"),
        help=N_(
            "Research topics (调查研究), the latest first, with their stage. Narrow by date, "
            "stage or text. n adds one, Enter opens one, e edits, d deletes (u undoes)."
        ),
        columns=(
            common.fixed(N_("Started"), 12, field="started_on"),
            common.spread(N_("Topic"), 10, field="topic"),
            spec.Column(N_("Stage"), field="stage", labels="research_stage", cap=14),
        ),
        name_columns=(1,),
        date_field="started_on",
        choice_filters=(common.any_of("stage", N_("Any stage"), STAGES),),
        text_placeholder=N_("topic, outline, materials or report"),
    ),
    search=spec.SearchSpec(("topic", "outline", "materials", "notes", "report"), title="topic"),
    report_field="started_on",
    screen_key="Y",
)
