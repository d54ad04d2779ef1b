"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

信访: a letter, visit, call or online message from the public, and its handling within
the time limits of 信访工作条例 (services/rules.py)."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.kinds import common, spec
from secdesk.labels import LABELS

CHANNELS = tuple(LABELS["petition_channel"].items())
STATUSES = tuple(LABELS["petition_status"].items())
CATEGORIES = tuple(LABELS["petition_category"].items())
HANDLING = ("accepted", "transferred", "assigned")
UNIT = common.unit("handling_unit", N_("Unit"))
UNIT_DUE = common.time_limit("unit_due", N_("Unit's time limit"), optional=True)
IDENTITY = ("petitioner", "representatives", "phone", "address")

WORKFLOW = spec.Workflow(
    states=STATUSES,
    closed=("closed", "declined"),
    transitions=(
        spec.Transition(
            "accept",
            N_("Accept"),
            "a",
            ("registered",),
            "accepted",
            note=N_("How the petitioner was told"),
            help=N_(
                "受理: the office handles it. The petitioner is told; it must be completed "
                "within 60 days (信访工作条例 art. 34)."
            ),
        ),
        spec.Transition(
            "transfer",
            N_("Transfer"),
            "t",
            ("registered", "accepted"),
            "transferred",
            fields=(UNIT, UNIT_DUE),
            help=N_("转送: sent to the unit competent to handle it."),
        ),
        common.step(
            "assign",
            ("accepted",),
            "assigned",
            key="j",
            fields=(UNIT, UNIT_DUE),
            help=N_("交办: given to a unit to handle within a time limit, reporting back."),
        ),
        spec.Transition(
            "decline",
            N_("Do not accept"),
            "n",
            ("registered",),
            "declined",
            note=N_("Why, as the petitioner was told"),
            note_required=True,
            help=N_("不予受理: the petitioner is told why, within the 15 days."),
        ),
        common.step(
            "extend",
            HANDLING,
            fields=(
                common.number(
                    "extension_days",
                    N_("Days (at most 30)"),
                    minimum=1,
                    maximum=30,
                    default="30",
                ),
            ),
            help=N_(
                "延期: once, by at most 30 days, with approval and a reason; the petitioner "
                "is told (信访工作条例 art. 34)."
            ),
        ),
        spec.Transition(
            "reply",
            N_("Reply"),
            "y",
            (*HANDLING, "review"),
            "replied",
            fields=(common.text("reply", N_("Answer")),),
            help=N_(
                "答复: the written answer. The petitioner may ask for a review within 30 "
                "days (art. 35); a review or re-review is answered the same way."
            ),
        ),
        spec.Transition(
            "respond",
            N_("Petitioner's response"),
            "o",
            ("replied",),
            fields=(spec.FormField("response", N_("Response")),),
            help=N_("What the petitioner said to the answer (satisfied, not satisfied…)."),
        ),
        spec.Transition(
            "review",
            N_("Review asked"),
            "w",
            ("replied",),
            "review",
            fields=(common.day("review_requested_on", N_("Asked on"), placeholder=N_("today")),),
            help=N_(
                "复查 / 复核: the petitioner asked for a review of the answer (or a re-review "
                "of the review); it is answered within 30 days (arts. 35-36)."
            ),
        ),
        spec.Transition(
            "close",
            N_("Close case"),
            "k",
            ("replied", "declined"),
            "closed",
            help=N_("办结: nothing more is to be done."),
        ),
    ),
)

FORM = (
    common.choice("channel", N_("Channel"), CHANNELS, N_("Unknown channel"), default="phone"),
    common.choice("category", N_("Category"), CATEGORIES, N_("Unknown category")),
    spec.FormField("petitioner", N_("Petitioner")),
    spec.FormField(
        "representatives",
        N_("Representatives"),
        placeholder=N_("a group: up to 5 names, separated by 、"),
    ),
    common.number("group_size", N_("How many"), minimum=1, default="1"),
    spec.FormField("phone", N_("Phone")),
    spec.FormField("address", N_("Address")),
    common.text("content", N_("Request"), placeholder=N_("what they ask")),
    common.text("facts", N_("Facts and reasons")),
    common.when("received_at", N_("Received")),
    common.time_limit(
        "reply_due",
        N_("Decide and tell by"),
        relative_to="received_at",
        optional=True,
        placeholder=N_("blank: 15 days (信访工作条例 art. 22)"),
    ),
)

KIND = spec.Kind(
    name="petition",
    model="secdesk.models.petition:Petition",
    title=N_("Letters and visits"),
    noun=N_("letters-and-visits record"),
    count=NP_("{n} letters-and-visits record", "{n} letters-and-visits records"),
    saved=N_("Letters-and-visits record saved"),
    short=N_("Petition"),
    position=60,
    service="secdesk.office.petitions:SERVICE",
    input="secdesk.services.inputs:PetitionInput",
    form_class="secdesk.screens.petition_form:PetitionForm",
    form=FORM,
    form_title=N_("Register letters and visits"),
    edit_title=N_("Edit letters and visits"),
    form_help=N_(
        "The channel and category, who petitions (a group: up to 5 representatives and how "
        "many came), how to reach them, what they ask and why. Whether it is accepted must "
        "be decided and told within 15 days of the day received unless you type another "
        "limit (信访工作条例 art. 22; the first day is not counted and a last day off work "
        "moves to the next working day). Earlier letters and visits from the same person or "
        "number, or on a like matter, are shown as you type. The identity of whoever reports "
        "or accuses someone is protected everywhere."
    ),
    detail=common.shown(
        FORM,
        spec.DetailField("status", N_("Status"), labels="petition_status"),
        spec.DetailField("channel", N_("Channel"), labels="petition_channel"),
        spec.DetailField("category", N_("Category"), labels="petition_category"),
        "petitioner",
        "representatives",
        "group_size",
        "phone",
        "address",
        "content",
        "facts",
        "received_at",
        spec.DetailField("clocks", N_("Time limits"), computed=True),
        spec.DetailField("handling_unit", N_("Unit")),
        spec.DetailField("reply", N_("Answer")),
        spec.DetailField("response", N_("Petitioner's response")),
    ),
    listing=spec.ListSpec(
        title=N_("Letters and visits"),
        summary=N_("Letters and visits from the public, with their time limits"),
        help=N_(
            "Every letter, visit, call and online message from the public: those whose time "
            "limit runs first, the nearest limit first (red when overdue), then the closed "
            "ones. Narrow by date received, channel, category, status or text. n registers "
            "one, Enter opens it (its steps are keys there), e edits, d deletes (u undoes)."
        ),
        columns=(
            common.fixed(N_("Received"), 18),
            spec.Column(N_("Channel"), cap=8, drop=2),
            spec.Column(N_("Petitioner"), cap=14, least=6, drop=1),
            common.spread(N_("Request"), 16),
            common.fixed(N_("Time limit"), 24),
            common.STATUS_COLUMN,
        ),
        name_columns=(2, 3),
        date_field="received_at",
        choice_filters=(
            common.any_of("channel", N_("Every channel"), CHANNELS),
            common.any_of("category", N_("Every category"), CATEGORIES),
            common.any_of("status", N_("Any status"), STATUSES),
        ),
        text_placeholder=N_("petitioner, phone or request"),
    ),
    search=spec.SearchSpec(
        ("petitioner", "representatives", "phone", "address", "content", "facts", "reply"),
        title="petitioner",
        who=("petitioner", "representatives"),
        # Whoever reports wrongdoing (检举控告) is protected: lists, search, the duty log
        # and exports never name them unless revealed on purpose on the record.
        mask_when=(spec.MaskWhen("category", ("accusation",), IDENTITY),),
    ),
    duty="secdesk.office.petitions:duty_entries",
    report_field="received_at",
    report=common.reported("secdesk.office.petitions", "figures", "figure_lines", order=50),
    deadlines="secdesk.office.petitions:deadlines",
    lean_deadlines="secdesk.office.lean.deadlines:petitions",
    new_key="l",
    screen_key="L",
    workflow=WORKFLOW,
)
