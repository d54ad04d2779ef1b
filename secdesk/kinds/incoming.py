"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

收文: a document received by the organ, registered at the desk (``r`` from anywhere) or
from the command line (``secdesk log incoming``)."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.kinds import common, spec
from secdesk.labels import LABELS

STATES = tuple(LABELS["incoming_status"].items())
OPEN = ("registered", "screened", "proposed", "instructed", "undertaking", "circulating")
HANDLING = ("instructed", "undertaking", "circulating")
"""Instructed and not yet completed: it may be assigned, circulated or completed."""
READER = common.lookup("reader", N_("Reader"), "this:holders")
"""Who read or gave back the document: one of those who have it now."""


def reading(name: str, label: str, key: str, help: str) -> spec.Transition:
    """A reader's step while the document circulates: it asks who, and keeps the state."""
    return spec.Transition(name, label, key, ("circulating",), fields=(READER,), help=help)


#: The register's and the inbox's columns that say which document and how pressing it is:
#: a number, a short urgency mark (nothing for a normal one) and a date are never cut.
RECEIPT_COLUMN = common.fixed(N_("No."), 10)
URGENCY_COLUMN = common.fixed(N_("Urg."), 12)
"""Headed as narrow as its marks (URGENT, 特急), so the heading reads whole at 80 columns: Urg.,
and 缓急 as Chinese registers head it."""
CLASSIFICATION_COLUMN = spec.Column(N_("Classif."), cap=12, drop=1)
"""Headed as narrow as its longest mark (Confidential), so the heading reads whole: Classif.,
and 密级 in Chinese."""
DUE_COLUMN = common.fixed(N_("Due"), 14)

#: 收文办理 (党政机关公文处理工作条例 art. 24): each step a key on the document's view.
WORKFLOW = spec.Workflow(
    states=STATES,
    closed=("completed", "filed", "returned"),
    transitions=(
        spec.Transition(
            "screen",
            N_("Screen"),
            "s",
            ("signed_in", "registered"),
            "screened",
            note=N_("Finding"),
            help=N_("初审: it is for this organ, complete and in order; it goes on to handling."),
        ),
        spec.Transition(
            "return",
            N_("Return to sender"),
            "b",
            ("signed_in", "registered", "screened"),
            "returned",
            note=N_("Why it is returned"),
            note_required=True,
            help=N_("退文: it does not meet the requirements and goes back to the sender."),
        ),
        spec.Transition(
            "propose",
            N_("Propose handling"),
            "p",
            ("screened",),
            "proposed",
            fields=(common.text("proposed_handling", N_("Proposed handling")),),
            help=N_("拟办: the secretary's proposal of who should handle it and how."),
        ),
        spec.Transition(
            "instruct",
            N_("Leader's instruction"),
            "j",
            ("proposed",),
            "instructed",
            fields=(
                common.person("instructed_by", N_("Instructed by")),
                common.text("instruction", N_("Leader's instruction")),
                common.when("instructed_at", N_("When")),
            ),
            help=N_("批办: what the leader instructed, who and when."),
        ),
        common.step(
            "assign",
            HANDLING,
            "undertaking",
            fields=(
                common.unit("undertaking_unit", N_("Undertaking unit")),
                common.ASSISTING,
                common.time_limit("due", N_("Time limit")),
            ),
            help=N_("承办: the undertaking unit (and assisting units) and the time limit."),
        ),
        spec.Transition(
            "circulate",
            N_("Circulate"),
            "t",
            HANDLING,
            "circulating",
            fields=(
                common.person(
                    "readers", N_("To"), placeholder=N_("names, separated by 、 or commas")
                ),
                common.when("since", N_("Since")),
            ),
            help=N_("传阅: pass it to readers; the view shows who has it now."),
        ),
        reading("read", N_("Read"), "w", N_("A reader has read it (and still has it).")),
        reading("give_back", N_("Returned by reader"), "n", N_("A reader has handed it back.")),
        common.step(
            "urge",
            ("undertaking", "circulating"),
            help=N_("催办: the undertaking unit was chased; the note says how and to whom."),
        ),
        spec.Transition(
            "complete",
            N_("Complete"),
            "o",
            HANDLING,
            "completed",
            fields=(common.text("result", N_("Result")),),
            help=N_("办结: handling is finished; the result says how."),
        ),
        common.filing("completed"),
    ),
)

FORM = (
    common.lookup(
        "sender",
        N_("Sender"),
        "senders",
        placeholder=N_("来文机关: earlier senders and organisations are suggested"),
    ),
    spec.FormField(
        "doc_number",
        N_("Document number"),
        placeholder=N_("某府发〔2026〕3号 ([2026] or (2026) will do)"),
    ),
    spec.FormField("title", N_("Title")),
    *common.MARKS,
    common.number("copies", N_("Copies"), minimum=1, maximum=999, default="1"),
    spec.FormField("attachments", N_("Attachments"), placeholder=N_("e.g. 2 annexes")),
    common.when("received_at", N_("Received")),
    common.time_limit(
        "due",
        N_("Time limit"),
        relative_to="received_at",
        placeholder=N_("a date, 10wd (working days) or 15d; blank for none"),
        submit=True,
    ),
)

KIND = spec.Kind(
    name="incoming",
    model="secdesk.models.document:IncomingDocument",
    title=N_("Incoming document"),
    noun=N_("incoming document"),
    count=NP_("{n} incoming document", "{n} incoming documents"),
    short=N_("Doc in"),
    position=70,
    service="secdesk.office.documents.incoming:SERVICE",
    input="secdesk.services.inputs:IncomingInput",
    saved=N_("Incoming document saved"),
    form=FORM,
    form_title=N_("Register an incoming document"),
    edit_title=N_("Edit an incoming document"),
    form_help=N_(
        "收文登记: who sent it, their document number (typed with [] or () for 〔〕, it is "
        "written 〔〕), the title, type, classification and urgency, copies and attachments, "
        "when it came (blank: now; typed as people say it) and the time limit (a date, 10wd "
        "working days or 15d days, counted on the official calendar). Saving gives it the "
        "next receipt number of the year."
    ),
    shell=spec.ShellSpec(
        help=N_("register an incoming document (收文)"),
        options=(
            spec.ShellOption(
                "title", metavar="TITLE", help=N_("the document's title"), required=True
            ),
            spec.ShellOption("sender", "--from", "SENDER", N_("who sent it"), required=True),
            spec.ShellOption(
                "doc_number", "--number", "DOCNO", N_("their document number (来文字号)")
            ),
            spec.ShellOption("doc_type", "--type", "TYPE", N_("one of the 15 types"), free=True),
            spec.ShellOption("urgency", "--urgency", help=N_("urgency")),
            spec.ShellOption("due", "--due", "DATE|Nd|Nwd", N_("time limit: a date, 15d or 10wd")),
            spec.ShellOption("received_at", "--at", "TIME", N_("received (default: now)")),
        ),
        saved=N_("Incoming document registered: {number}"),
    ),
    row_actions=(
        spec.RowAction(
            "y",
            "reply",
            N_("Reply"),
            N_("Draft an outgoing document that answers this one (复文)"),
            id="incoming_reply",
        ),
    ),
    new_key="r",
    detail=common.shown(
        FORM,
        spec.DetailField("receipt_number", N_("Receipt number")),
        "title",
        "sender",
        "doc_number",
        common.DOC_TYPE_SHOWN,
        common.URGENCY_SHOWN,
        *common.SECRECY_SHOWN,
        "copies",
        "attachments",
        "received_at",
        spec.DetailField("due", N_("Due")),
        spec.DetailField("sender_due", N_("Sender's time limit")),
        spec.DetailField("status", N_("Status"), labels="incoming_status"),
        spec.DetailField("proposed_handling", N_("Proposed handling")),
        spec.DetailField("instruction", N_("Leader's instruction")),
        spec.DetailField("instructed_by", N_("Instructed by")),
        spec.DetailField("undertaking_unit", N_("Undertaking unit")),
        spec.DetailField("assisting_units", N_("Assisting units")),
        spec.DetailField("result", N_("Result")),
        spec.DetailField("return_reason", N_("Returned because")),
    ),
    listing=spec.ListSpec(
        title=N_("Incoming documents"),
        summary=N_("The register of incoming documents"),
        help=N_(
            "The register of incoming documents (收文登记簿), newest first. Narrow by date "
            "received, urgency, state, type, classification, overdue, or text: title, sender "
            "or document number, a year (2025) or a receipt number (2026-0042). Classified "
            "titles are hidden: ctrl+r shows them on this screen. r registers one, Enter "
            "opens it, e edits, d deletes (u undoes)."
        ),
        columns=(
            RECEIPT_COLUMN,
            # "Recd.": as narrow as its days (27 Nov), so the heading reads whole at 80
            # columns beside a due date that carries its year (5 Jan 2027).
            common.fixed(N_("Recd."), 14),
            URGENCY_COLUMN,
            CLASSIFICATION_COLUMN,
            common.spread(N_("Title"), 24),
            spec.Column(N_("Sender"), cap=20, least=8, drop=2),
            DUE_COLUMN,
            common.STATUS_COLUMN,
        ),
        name_columns=(0, 4),
        date_field="received_at",
        choice_filters=(
            common.any_of("urgency", N_("Any urgency"), common.URGENCIES),
            common.any_of("status", N_("Any state"), STATES),
            common.DOC_TYPE_FILTER,
            common.any_of("classification", N_("Any classification"), common.CLASSIFICATIONS),
            spec.ChoiceFilter("overdue", (("", N_("Late or not")), ("yes", N_("Overdue")))),
        ),
        text_placeholder=N_("title, sender, number; 2025; 2026-0042"),
        reveals=True,
    ),
    panel=spec.PanelSpec(
        id="inbox",
        title=N_("Inbox"),
        columns=(
            RECEIPT_COLUMN,
            URGENCY_COLUMN,
            CLASSIFICATION_COLUMN,
            common.spread(N_("Title"), 12),
            spec.Column(N_("Sender"), cap=16, least=6, drop=2),
            DUE_COLUMN,
        ),
        empty=N_("No documents waiting. Registered incoming documents appear here."),
        position=1,
        key_help=N_("Go to the inbox of documents to handle"),
        loader="secdesk.office.documents.incoming:panel",
        lean_loader="secdesk.office.lean.incoming:panel",
    ),
    search=spec.SearchSpec(
        ("title", "sender", "doc_number", "undertaking_unit"),
        who=("sender", "undertaking_unit"),
        mask_when=(common.TITLE_MASKED,),
    ),
    workflow=WORKFLOW,
    duty="secdesk.office.documents.incoming:duty_entries",
    report_field="received_at",
    report=common.reported(
        "secdesk.office.documents.figures", "received", "received_lines", order=10
    ),
    screen_key="I",
    suggests=(
        ("senders", "secdesk.office.documents.suggest:senders"),
        ("this:holders", "secdesk.office.documents.suggest:holders"),
    ),
)
