"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

信访: a letter, visit, call or online message from the public, and its handling within
the time limits of 信访工作条例 (services/rules.py)."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.kinds.common import DUE_HELP, STATUS_COLUMN, any_of, choice, shown
from secdesk.kinds.spec import (
    Column,
    DetailField,
    FormField,
    Kind,
    ListSpec,
    MaskWhen,
    ReportPart,
    SearchSpec,
    Transition,
    Workflow,
)
from secdesk.labels import LABELS

CHANNELS = tuple(LABELS["petition_channel"].items())
STATUSES = tuple(LABELS["petition_status"].items())
CATEGORIES = tuple(LABELS["petition_category"].items())
HANDLING = ("accepted", "transferred", "assigned")
UNIT = FormField("handling_unit", N_("Unit"), kind="lookup", source="organizations")
UNIT_DUE = FormField(
    "unit_due",
    N_("Unit's time limit"),
    kind="deadline",
    optional=True,
    placeholder=DUE_HELP,
)
IDENTITY = ("petitioner", "representatives", "phone", "address")

WORKFLOW = Workflow(
    states=STATUSES,
    closed=("closed", "declined"),
    transitions=(
        Transition(
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
        Transition(
            "transfer",
            N_("Transfer"),
            "t",
            ("registered", "accepted"),
            "transferred",
            fields=(UNIT, UNIT_DUE),
            help=N_("转送: sent to the unit competent to handle it."),
        ),
        Transition(
            "assign",
            N_("Assign"),
            "j",
            ("accepted",),
            "assigned",
            fields=(UNIT, UNIT_DUE),
            help=N_("交办: given to a unit to handle within a time limit, reporting back."),
        ),
        Transition(
            "decline",
            N_("Do not accept"),
            "n",
            ("registered",),
            "declined",
            note=N_("Why, as the petitioner was told"),
            note_required=True,
            help=N_("不予受理: the petitioner is told why, within the 15 days."),
        ),
        Transition(
            "extend",
            N_("Extend"),
            "x",
            HANDLING,
            fields=(
                FormField(
                    "extension_days",
                    N_("Days (at most 30)"),
                    kind="number",
                    minimum=1,
                    maximum=30,
                    default="30",
                ),
            ),
            note=N_("Reason"),
            note_required=True,
            help=N_(
                "延期: once, by at most 30 days, with approval and a reason; the petitioner "
                "is told (信访工作条例 art. 34)."
            ),
        ),
        Transition(
            "reply",
            N_("Reply"),
            "y",
            (*HANDLING, "review"),
            "replied",
            fields=(FormField("reply", N_("Answer"), kind="multiline"),),
            help=N_(
                "答复: the written answer. The petitioner may ask for a review within 30 "
                "days (art. 35); a review or re-review is answered the same way."
            ),
        ),
        Transition(
            "respond",
            N_("Petitioner's response"),
            "o",
            ("replied",),
            fields=(FormField("response", N_("Response")),),
            help=N_("What the petitioner said to the answer (satisfied, not satisfied…)."),
        ),
        Transition(
            "review",
            N_("Review asked"),
            "w",
            ("replied",),
            "review",
            fields=(
                FormField(
                    "review_requested_on", N_("Asked on"), kind="date", placeholder=N_("today")
                ),
            ),
            help=N_(
                "复查 / 复核: the petitioner asked for a review of the answer (or a re-review "
                "of the review); it is answered within 30 days (arts. 35-36)."
            ),
        ),
        Transition(
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
    choice("channel", N_("Channel"), CHANNELS, N_("Unknown channel"), default="phone"),
    choice("category", N_("Category"), CATEGORIES, N_("Unknown category")),
    FormField("petitioner", N_("Petitioner")),
    FormField(
        "representatives",
        N_("Representatives"),
        placeholder=N_("a group: up to 5 names, separated by 、"),
    ),
    FormField("group_size", N_("How many"), kind="number", minimum=1, default="1"),
    FormField("phone", N_("Phone")),
    FormField("address", N_("Address")),
    FormField("content", N_("Request"), kind="multiline", placeholder=N_("what they ask")),
    FormField("facts", N_("Facts and reasons"), kind="multiline"),
    FormField("received_at", N_("Received"), kind="when"),
    FormField(
        "reply_due",
        N_("Decide and tell by"),
        kind="deadline",
        relative_to="received_at",
        optional=True,
        placeholder=N_("blank: 15 days (信访工作条例 art. 22)"),
    ),
)

KIND = Kind(
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
    detail=shown(
        FORM,
        DetailField("status", N_("Status"), labels="petition_status"),
        DetailField("channel", N_("Channel"), labels="petition_channel"),
        DetailField("category", N_("Category"), labels="petition_category"),
        "petitioner",
        "representatives",
        "group_size",
        "phone",
        "address",
        "content",
        "facts",
        "received_at",
        DetailField("clocks", N_("Time limits"), computed=True),
        DetailField("handling_unit", N_("Unit")),
        DetailField("reply", N_("Answer")),
        DetailField("response", N_("Petitioner's response")),
    ),
    listing=ListSpec(
        title=N_("Letters and visits"),
        summary=N_("Letters and visits from the public, with their time limits"),
        help=N_(
            "Every letter, visit, call and online message from the public: those whose time "
            "limit runs first, the nearest limit first (red when overdue), then the closed "
            "ones. Narrow by date received, channel, category, status or text. n registers "
            "one, Enter opens it (its steps are keys there), e edits, d deletes (u undoes)."
        ),
        columns=(
            Column(N_("Received"), cap=18, least=11),
            Column(N_("Channel"), cap=8),
            Column(N_("Petitioner"), cap=14),
            Column(N_("Request"), cap=60, flex=True, least=10),
            Column(N_("Time limit"), cap=24, least=6),
            STATUS_COLUMN,
        ),
        name_columns=(2, 3),
        date_field="received_at",
        choice_filters=(
            any_of("channel", N_("Every channel"), CHANNELS),
            any_of("category", N_("Every category"), CATEGORIES),
            any_of("status", N_("Any status"), STATUSES),
        ),
        text_placeholder=N_("petitioner, phone or request"),
    ),
    search=SearchSpec(
        ("petitioner", "representatives", "phone", "address", "content", "facts", "reply"),
        title="petitioner",
        who=("petitioner", "representatives"),
        # Whoever reports wrongdoing (检举控告) is protected: lists, search, the duty log
        # and exports never name them unless revealed on purpose on the record.
        mask_when=(MaskWhen("category", ("accusation",), IDENTITY),),
    ),
    duty="secdesk.office.petitions:duty_entries",
    report_field="received_at",
    report=ReportPart(
        "secdesk.office.petitions:figures",
        "secdesk.office.petitions:figure_lines",
        order=50,
    ),
    deadlines="secdesk.office.petitions:deadlines",
    new_key="l",
    screen_key="L",
    workflow=WORKFLOW,
)
