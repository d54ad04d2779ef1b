"""收文: a document received by the organ (registered from the desk in a later version;
today they come from the demo office or other tools)."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.labels import LABELS
from secdesk.services.kinds.spec import (
    ChoiceFilter,
    Column,
    DetailField,
    Kind,
    ListSpec,
    MaskWhen,
    PanelSpec,
    SearchSpec,
)

CLASSIFIED = ("confidential", "secret", "top_secret")
"""密级 values whose document titles search never reveals (秘密, 机密, 绝密)."""

KIND = Kind(
    name="incoming",
    entity="incomingdocument",
    model="secdesk.models.document:IncomingDocument",
    title=N_("Incoming document"),
    noun=N_("incoming document"),
    count=NP_("{n} incoming document", "{n} incoming documents"),
    short=N_("Document"),
    position=70,
    service="secdesk.services.documents:SERVICE",
    detail=(
        DetailField("receipt_number", N_("Receipt number")),
        DetailField("title", N_("Title")),
        DetailField("sender", N_("Sender")),
        DetailField("doc_number", N_("Document number")),
        DetailField("doc_type", N_("Document type")),
        DetailField("urgency", N_("Urgency"), labels="urgency"),
        DetailField("classification", N_("Classification"), labels="classification"),
        DetailField("received_at", N_("Received")),
        DetailField("due", N_("Due")),
        DetailField("status", N_("Status"), labels="incoming_status"),
        DetailField("proposed_handling", N_("Proposed handling")),
        DetailField("instruction", N_("Leader's instruction")),
        DetailField("undertaking_unit", N_("Undertaking unit")),
    ),
    listing=ListSpec(
        title=N_("Incoming documents"),
        summary=N_("The register of incoming documents"),
        help=N_(
            "The register of incoming documents, newest first. Narrow by date received, "
            "urgency, state or text (title, sender, document number). Enter opens one, "
            "d deletes (u undoes)."
        ),
        columns=(
            Column(N_("No."), cap=10, least=9),
            Column(N_("Received"), cap=14, least=6),
            Column(N_("Urgency"), cap=12),
            Column(N_("Classification"), cap=12),
            Column(N_("Title"), cap=60, flex=True, least=20),
            Column(N_("Sender"), cap=20),
            Column(N_("Due"), cap=14, least=6),
            Column(N_("Status"), cap=10),
        ),
        name_columns=(0, 4),
        date_field="received_at",
        choice_filters=(
            ChoiceFilter("urgency", (("", N_("Any urgency")), *LABELS["urgency"].items())),
            ChoiceFilter("status", (("", N_("Any state")), *LABELS["incoming_status"].items())),
        ),
        text_placeholder=N_("title, sender or document number"),
    ),
    panel=PanelSpec(
        id="inbox",
        title=N_("Inbox"),
        columns=(
            Column(N_("No."), cap=10, least=9),
            Column(N_("Urgency"), cap=12),
            Column(N_("Classification"), cap=12, drop=1),
            Column(N_("Title"), cap=60, flex=True, least=16),
            Column(N_("Sender"), cap=16, least=6, drop=2),
            Column(N_("Due"), cap=14, least=6),
        ),
        empty=N_("No documents waiting. Registered incoming documents appear here."),
        position=1,
        key_help=N_("Go to the inbox of documents to handle"),
        loader="secdesk.services.documents:panel",
    ),
    search=SearchSpec(
        ("title", "sender", "doc_number", "undertaking_unit"),
        who=("sender", "undertaking_unit"),
        # A classified document's title is never shown by search (its number and sender are).
        mask_when=(MaskWhen("classification", CLASSIFIED, ("title",)),),
    ),
    duty="secdesk.services.documents:duty_entries",
    report_field="received_at",
    screen_key="I",
)
