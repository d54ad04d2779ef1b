"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

督查督办: a matter whose undertaking is supervised until it is closed (销号)."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.kinds import common, spec
from secdesk.labels import LABELS

STATUSES = tuple(LABELS["supervision_status"].items())
ORIGINS = tuple(LABELS["supervision_origin"].items())
CYCLES = tuple(LABELS["feedback_cycle"].items())
CLOSED = ("closed",)
#: States in which the item is still being carried out (it has a deadline colour).
OPEN = tuple(state for state, _label in STATUSES if state not in CLOSED)
#: With the lead unit and not yet under review: it may be urged, and the unit reports progress.
CARRIED_OUT = ("assigned", "urged", "sent_back", "feedback")

UNIT = common.unit("undertaking_unit", N_("Lead unit"))
RESPONSIBLE = common.person("responsible", N_("Responsible"))
#: The first column of the list and the panel alike: the days left (or overdue) of an open item.
DAYS_LEFT_COLUMN = common.fixed(N_("Days left"), 14)

WORKFLOW = spec.Workflow(
    states=STATUSES,
    closed=CLOSED,
    transitions=(
        common.step(
            "assign",
            ("registered", "sent_back"),
            "assigned",
            fields=(UNIT, common.ASSISTING, RESPONSIBLE),
            help=N_("Give the matter to the lead unit (and assisting units) to carry out."),
        ),
        common.step(
            "urge",
            CARRIED_OUT,
            "urged",
            help=N_("催办: the undertaking unit was chased. The note says how and to whom."),
        ),
        spec.Transition(
            "feedback",
            N_("Feedback"),
            "f",
            CARRIED_OUT,
            "feedback",
            fields=(common.number("progress", N_("Done (%)"), minimum=0, maximum=100, default=""),),
            note=N_("What the unit reported"),
            help=N_("反馈: the undertaking unit reported progress (how much is done, in %)."),
        ),
        common.step(
            "review",
            ("feedback",),
            "reviewed",
            help=N_("审核: the feedback was checked against what was asked."),
        ),
        spec.Transition(
            "close",
            N_("Close item"),
            "k",
            ("reviewed",),
            "closed",
            help=N_("销号: the matter is done and the item is closed."),
        ),
        common.step(
            "send_back",
            ("feedback", "reviewed"),
            "sent_back",
            note=N_("Why it is sent back"),
            help=N_("退回重办: the work does not meet what was asked and must be redone."),
        ),
        common.step(
            "extend",
            OPEN,
            fields=(common.time_limit("due", N_("New due date")),),
            help=N_(
                "延期: a new due date, with the reason. The original due date stays on the record."
            ),
        ),
    ),
)

FORM = (
    spec.FormField("title", N_("Matter")),
    common.text("content", N_("Content")),
    common.choice("origin", N_("Source"), ORIGINS),
    spec.FormField(
        "source",
        N_("Source in words"),
        placeholder=N_("whose instruction, which meeting or document"),
    ),
    UNIT,
    common.ASSISTING,
    RESPONSIBLE,
    common.day("assigned_on", N_("Assigned"), placeholder=N_("today")),
    common.time_limit("due", N_("Due"), relative_to="assigned_on"),
    common.choice("feedback_cycle", N_("Feedback"), CYCLES, N_("Unknown feedback cycle")),
    common.NOTES,
)

KIND = spec.Kind(
    name="supervision",
    model="secdesk.models.supervision:SupervisionItem",
    title=N_("Supervision item"),
    noun=N_("supervision item"),
    count=NP_("{n} supervision item", "{n} supervision items"),
    saved=N_("Supervision item saved"),
    position=50,
    service="secdesk.office.supervision.items:SERVICE",
    input="secdesk.services.inputs:SupervisionInput",
    form=FORM,
    form_title=N_("New supervision item"),
    edit_title=N_("Edit supervision item"),
    form_help=N_(
        "The matter, where it came from, the lead unit (and assisting units), the person "
        "responsible and the time limit: a date, 10wd for ten working days or 15d for "
        "fifteen days after the day assigned, counted on the official working-day calendar. "
        "Feedback: how often a long task reports progress. With a lead unit the item starts "
        "as assigned. Its steps (urge, feedback, review, close, send back, extend) are keys "
        "on the item's view."
    ),
    detail=common.shown(
        FORM,
        "title",
        spec.DetailField("status", N_("Status"), labels="supervision_status"),
        "content",
        spec.DetailField("origin", N_("Source"), labels="supervision_origin"),
        "source",
        "undertaking_unit",
        "assisting_units",
        "responsible",
        "assigned_on",
        spec.DetailField("due_text", N_("Due"), computed=True),
        spec.DetailField("progress", N_("Done (%)")),
        spec.DetailField("cycle_text", N_("Feedback"), computed=True),
        spec.DetailField("urge_count", N_("Times urged")),
        "notes",
    ),
    listing=spec.ListSpec(
        title=N_("Supervision"),
        summary=N_("Every supervision item and its deadline"),
        help=N_(
            "Every supervision item: red overdue, yellow behind pace, blue due soon, then by "
            "due date; closed items last. Narrow by due date, status or text. n adds an item, "
            "Enter opens one (its steps are keys there), e edits, d deletes (u undoes)."
        ),
        columns=(
            DAYS_LEFT_COLUMN,
            common.spread(N_("Matter"), 16),
            spec.Column(N_("Lead unit"), cap=20, least=8, drop=1),
            common.fixed(N_("Due"), 16),
            common.fixed(N_("Done"), 5),
            common.STATUS_COLUMN,
        ),
        name_columns=(1,),
        date_field="due",
        choice_filters=(common.any_of("status", N_("Any status"), STATUSES),),
        text_placeholder=N_("matter, source, unit or person"),
        order_note=N_(
            "red overdue, then yellow behind pace, then blue due soon, then the rest; "
            "each by due date"
        ),
    ),
    panel=spec.PanelSpec(
        id="supervision",
        title=N_("Deadlines"),
        columns=(
            DAYS_LEFT_COLUMN,
            common.spread(N_("Matter"), 12),
            spec.Column(N_("Lead unit"), cap=16, least=6, drop=3),
            common.fixed(N_("Due"), 14, drop=2),
            common.fixed(N_("Done"), 5, drop=1),
        ),
        empty=N_("No open supervision items, letters and visits or tasks with a deadline."),
        position=2,
        key_help=N_("Go to the deadlines"),
        loader="secdesk.office.supervision.items:panel",
        lean_loader="secdesk.office.lean.deadlines:panel",
    ),
    search=spec.SearchSpec(
        (
            "title",
            "content",
            "source",
            "undertaking_unit",
            "assisting_units",
            "responsible",
            "notes",
        ),
        who=("responsible", "undertaking_unit"),
    ),
    duty="secdesk.office.supervision.items:duty_entries",
    report_field="assigned_on",
    report=common.reported("secdesk.office.supervision.figures", "items", "lines", order=40),
    deadlines="secdesk.office.supervision.items:deadlines",
    lean_deadlines="secdesk.office.lean.deadlines:supervision",
    new_key="g",
    screen_key="S",
    workflow=WORKFLOW,
    row_actions=(
        spec.RowAction(
            "ctrl+n",
            "urge_notice",
            N_("Urge notice"),
            N_("The urge notice (催办通知) of this item, to copy or save as .docx"),
            "supervision_notice",
        ),
        spec.RowAction(
            "ctrl+g",
            "issue_urge_notice",
            N_("Numbered notice"),
            N_(
                "Issue the urge notice with a number (发文字号) of the outgoing register, log the "
                "urge and write the .docx"
            ),
            "supervision_issue_notice",
            show=False,
        ),
    ),
)
