"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

发文: a document the organ issues, from draft to dispatch; numbered at registration."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.kinds import common, spec
from secdesk.labels import LABELS

STATES = tuple(LABELS["outgoing_status"].items())

#: 发文办理 (党政机关公文处理工作条例 art. 25): each step a key on the document's view.
WORKFLOW = spec.Workflow(
    states=STATES,
    closed=("dispatched", "filed", "voided"),
    transitions=(
        common.step(
            "review",
            ("drafted",),
            "reviewed",
            fields=(common.person("reviewed_by", N_("Reviewed by")),),
            help=N_("审核 (核稿): the draft was checked before it goes to be signed off."),
        ),
        spec.Transition(
            "sign_off",
            N_("Sign off"),
            "s",
            ("reviewed",),
            "signed_off",
            fields=(
                common.person("signed_off_by", N_("Signed off by")),
                common.day("signed_off_on", N_("Signed off on")),
            ),
            help=N_("签发: the leader who signed it off, and the day."),
        ),
        common.step(
            "send_back",
            ("reviewed", "signed_off", "checked"),
            "drafted",
            note=N_("What must change"),
            help=N_("Back to the drafter, with what must change."),
        ),
        spec.Transition(
            "check",
            N_("Check"),
            "k",
            ("signed_off",),
            "checked",
            note=N_("Finding"),
            help=N_("复核: the signed-off text was checked once more before numbering."),
        ),
        spec.Transition(
            "register",
            N_("Give the number"),
            "n",
            ("signed_off", "checked"),
            "registered",
            help=N_(
                "登记: gives it the next number of its prefix this year, e.g. 某府发〔2026〕3号."
            ),
        ),
        spec.Transition(
            "print",
            N_("Print"),
            "p",
            ("registered",),
            "printed",
            fields=(common.number("copies", N_("Copies"), minimum=1, maximum=9999),),
            help=N_("印制: printed, with the number of copies."),
        ),
        spec.Transition(
            "dispatch",
            N_("Dispatch"),
            "t",
            ("printed",),
            "dispatched",
            fields=(
                spec.FormField("main_recipients", N_("Main recipients")),
                spec.FormField("cc_recipients", N_("Copy recipients")),
            ),
            help=N_("核发: sent to the main and copy recipients."),
        ),
        common.filing("dispatched", "voided"),
        spec.Transition(
            "void",
            N_("Void the number"),
            "x",
            ("registered", "printed", "dispatched"),
            "voided",
            note=N_("Why it is voided"),
            note_required=True,
            help=N_(
                "作废: the number stays in the register, marked voided, and is never given again."
            ),
        ),
        spec.Transition(
            "renumber",
            N_("Give this draft a new number"),
            "a",
            ("voided",),
            help=N_(
                "A voided number is final: the draft is entered again with the next number of "
                "its prefix, and the two entries name each other."
            ),
        ),
    ),
)

FORM = (
    spec.FormField("title", N_("Title")),
    common.lookup(
        "prefix",
        N_("Prefix"),
        "prefixes",
        placeholder=N_("机关代字: 某府发, 某府办发, 某府函..."),
        known=True,
    ),
    *common.MARKS,
    spec.FormField("drafted_by", N_("Drafted by")),
    spec.FormField("main_recipients", N_("Main recipients")),
    spec.FormField("cc_recipients", N_("Copy recipients")),
    common.number(
        "copies",
        N_("Copies"),
        minimum=1,
        maximum=9999,
        default="1",
        submit=True,
    ),
)

KIND = spec.Kind(
    name="outgoing",
    model="secdesk.models.document:OutgoingDocument",
    title=N_("Outgoing document"),
    noun=N_("outgoing document"),
    count=NP_("{n} outgoing document", "{n} outgoing documents"),
    saved=N_("Outgoing document saved"),
    short=N_("Doc out"),
    position=72,
    service="secdesk.office.documents.outgoing:SERVICE",
    input="secdesk.services.inputs:OutgoingInput",
    form=FORM,
    form_title=N_("Register an outgoing document"),
    edit_title=N_("Edit an outgoing document"),
    form_help=N_(
        "发文: the title, the organ's prefix its number will carry (某府发, 某府函...), type, "
        "classification, urgency, who drafted it, the main and copy recipients and copies. "
        "It is saved as a draft; its number (某府发〔2026〕3号) is given when it is registered."
    ),
    shell=spec.ShellSpec(
        help=N_("register a signed outgoing document and give it its number"),
        options=(
            spec.ShellOption(
                "title", metavar="TITLE", help=N_("the document's title"), required=True
            ),
            spec.ShellOption(
                "prefix", "--prefix", "PREFIX", N_("the organ's prefix, e.g. 某府函"), required=True
            ),
            spec.ShellOption("signer", "--signer", "NAME", N_("who signed it off")),
            spec.ShellOption("main_recipients", "--to", "RECIPIENTS", N_("main recipients")),
            spec.ShellOption("doc_type", "--type", "TYPE", N_("one of the 15 types"), free=True),
            spec.ShellOption(
                "reply_to", "--reply-to", "RECEIPT", N_("the receipt number it answers")
            ),
        ),
        saved=N_("Outgoing document numbered: {number}"),
    ),
    new_key="i",
    detail=common.shown(
        FORM,
        spec.DetailField("doc_number", N_("Document number")),
        "title",
        common.DOC_TYPE_SHOWN,
        *common.SECRECY_SHOWN,
        common.URGENCY_SHOWN,
        spec.DetailField("status", N_("Status"), labels="outgoing_status"),
        "drafted_by",
        spec.DetailField("drafted_at", N_("Drafted")),
        spec.DetailField("reviewed_by", N_("Reviewed by")),
        spec.DetailField("signed_off_by", N_("Signed off by")),
        spec.DetailField("signed_off_on", N_("Signed off on")),
        "main_recipients",
        "cc_recipients",
        "copies",
        spec.DetailField("printed_at", N_("Printed")),
        spec.DetailField("dispatched_at", N_("Dispatched")),
    ),
    listing=spec.ListSpec(
        title=N_("Outgoing documents"),
        summary=N_("The register of outgoing documents and their numbers"),
        help=N_(
            "The register of outgoing documents, newest first: number, type, classification, "
            "title, recipients, signer and state (a voided number stays, marked voided). "
            "Narrow by date, type, state or text; ctrl+r shows classified titles. i registers one, Enter opens it, e edits, "
            "d deletes (u undoes)."
        ),
        columns=(
            common.fixed(N_("Document number"), 24),
            common.fixed(N_("Drafted"), 14),
            spec.Column(N_("Type"), cap=10, drop=2),
            spec.Column(N_("Classification"), cap=12, drop=1),
            common.spread(N_("Title"), 16),
            spec.Column(N_("Main recipients"), cap=20, drop=3),
            spec.Column(N_("Signed off by"), cap=10, drop=4),
            common.STATUS_COLUMN,
        ),
        name_columns=(0, 4),
        date_field="drafted_at",
        choice_filters=(
            common.DOC_TYPE_FILTER,
            common.any_of("status", N_("Any state"), STATES),
        ),
        text_placeholder=N_("title, number or recipients"),
        reveals=True,
    ),
    search=spec.SearchSpec(
        ("title", "doc_number", "main_recipients", "drafted_by"),
        who=("drafted_by", "signed_off_by"),
        mask_when=(common.TITLE_MASKED,),
    ),
    workflow=WORKFLOW,
    report_field="drafted_at",
    report=common.reported("secdesk.office.documents.figures", "issued", "issued_lines", order=11),
    screen_key="O",
    suggests=(("prefixes", "secdesk.office.documents.suggest:prefixes"),),
)
