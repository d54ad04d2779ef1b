"""信访: a letter, visit, call or online message from the public."""

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
    MaskWhen,
    SearchSpec,
)

CHANNELS = tuple(LABELS["petition_channel"].items())
STATUSES = tuple(LABELS["petition_status"].items())

KIND = Kind(
    name="petition",
    entity="petition",
    model="secdesk.models.petition:Petition",
    title=N_("Letters and visits"),
    noun=N_("letters-and-visits record"),
    count=NP_("{n} letters-and-visits record", "{n} letters-and-visits records"),
    saved=N_("Letters-and-visits record saved"),
    short=N_("Petition"),
    position=60,
    service="secdesk.services.petitions:SERVICE",
    input="secdesk.services.views:PetitionInput",
    form=(
        FormField("channel", N_("Channel"), kind="cycle", choices=CHANNELS, default="phone"),
        FormField("petitioner", N_("Petitioner")),
        FormField("phone", N_("Phone")),
        FormField("content", N_("Content"), kind="multiline", placeholder=N_("the request")),
        FormField("received_at", N_("Received"), kind="when"),
        FormField(
            "reply_due",
            N_("Reply due"),
            kind="deadline",
            relative_to="received_at",
            placeholder=N_("blank: 15 days (信访工作条例 art. 22)"),
        ),
        FormField("status", N_("Status"), kind="cycle", choices=STATUSES),
    ),
    form_title=N_("Register letters and visits"),
    edit_title=N_("Edit letters and visits"),
    form_help=N_(
        "The channel, who petitions, how to reach them and what they ask. The reply is due "
        "15 days after the day received unless you type another limit (信访工作条例 art. 22; "
        "the first day is not counted and a last day off work moves to the next working day)."
    ),
    detail=(
        DetailField("channel", N_("Channel"), labels="petition_channel"),
        DetailField("petitioner", N_("Petitioner")),
        DetailField("phone", N_("Phone")),
        DetailField("content", N_("Content")),
        DetailField("received_at", N_("Received")),
        DetailField("reply_due", N_("Reply due")),
        DetailField("status", N_("Status"), labels="petition_status"),
    ),
    listing=ListSpec(
        title=N_("Letters and visits"),
        summary=N_("Letters and visits from the public, with their time limits"),
        help=N_(
            "Every letter, visit, call and online message from the public, newest first; a "
            "reply overdue is red. Narrow by date received, channel, status or text. n "
            "registers one, Enter opens it, e edits, d deletes (u undoes)."
        ),
        columns=(
            Column(N_("Received"), cap=18, least=11),
            Column(N_("Channel"), cap=8),
            Column(N_("Petitioner"), cap=14),
            Column(N_("Content"), cap=60, flex=True, least=10),
            Column(N_("Reply due"), cap=16, least=6),
            Column(N_("Status"), cap=10),
        ),
        name_columns=(2, 3),
        date_field="received_at",
        choice_filters=(
            ChoiceFilter("channel", (("", N_("Every channel")), *CHANNELS)),
            ChoiceFilter("status", (("", N_("Any status")), *STATUSES)),
        ),
        text_placeholder=N_("petitioner, phone or content"),
    ),
    search=SearchSpec(
        ("petitioner", "phone", "content"),
        title="petitioner",
        who=("petitioner",),
        # Whoever reports wrongdoing (检举控告) is protected: search never names them.
        mask_when=(
            MaskWhen(
                "category",
                ("accusation",),
                ("petitioner", "representatives", "phone", "address"),
            ),
        ),
    ),
    duty="secdesk.services.petitions:duty_entries",
    report_field="received_at",
    new_label=N_("Register letters and visits"),
    screen_key="L",
)
