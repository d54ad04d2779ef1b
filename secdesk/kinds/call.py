"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

电话记录: one telephone call."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.kinds import common, spec

DIRECTIONS = (("incoming", N_("Incoming")), ("outgoing", N_("Outgoing")))
MESSAGE_STATUSES = (
    ("no_action", N_("No action")),
    ("to_pass", N_("To pass on")),
    ("passed", N_("Passed on")),
)
#: Alike in the list and the panel: the mark (← or →, ! awaiting follow-up) and the summary.
MARK_COLUMN = spec.Column("", cap=2, least=2)
SUMMARY_COLUMN = common.spread(N_("Summary"), 16)


def status_after_message_for(message_for: str, status: str, status_touched: bool) -> str:
    """Typing whom a message is for sets it to be passed on, unless the user chose a status
    themselves (the call form as it is typed, and ``secdesk log call --for``)."""
    if message_for.strip() and not status_touched and status == "no_action":
        return "to_pass"
    return status


def making(kind: str, key: str, label: str, help: str) -> spec.RowAction:
    """The row action that makes a record of ``kind`` from the selected call."""
    return spec.RowAction(key, "make", label, help, id=f"call_to_{kind}", argument=kind)


FORM = (
    common.person(
        "caller",
        N_("Caller"),
        fills=("number", "organization", "contact_id"),
        placeholder=N_("name, initials or number"),
    ),
    spec.FormField("summary", N_("Summary"), placeholder=N_("what was said"), submit=True),
    spec.FormField("number", N_("Number")),
    common.ORGANIZATION,
    spec.FormField("message_for", N_("Message for"), placeholder=N_("who needs to know")),
    common.choice(
        "message_status", N_("Message status"), MESSAGE_STATUSES, N_("Unknown message status")
    ),
    spec.FormField("follow_up", N_("Follow-up needed"), kind="check"),
    common.when("at", N_("Time")),
    common.choice("direction", N_("Direction"), DIRECTIONS, N_("Unknown direction")),
)

KIND = spec.Kind(
    name="call",
    model="secdesk.models.call:Call",
    title=N_("Telephone call"),
    noun=N_("telephone call"),
    count=NP_("{n} telephone call", "{n} telephone calls"),
    saved=N_("Call saved"),
    short=N_("Call"),
    position=10,
    service="secdesk.office.calls.log:SERVICE",
    input="secdesk.services.inputs:CallInput",
    form=FORM,
    form_class="secdesk.screens.call_form:CallForm",
    form_title=N_("Log a call"),
    edit_title=N_("Edit call"),
    form_help=N_(
        "Type the caller (a name, pinyin initials or a number suggests contacts: ↓ picks, "
        "→ accepts), Enter, then what was said, Enter saves. Only the caller or the summary "
        "is needed. Ctrl+O switches incoming/outgoing. Times may be typed as 10:30, 9.30, "
        "yesterday 15:00, 昨天下午3点 or -20m; empty means when the form was opened."
    ),
    shell=spec.ShellSpec(
        help=N_("log a telephone call"),
        options=(
            spec.ShellOption("summary", metavar="SUMMARY", help=N_("what was said")),
            spec.ShellOption("direction", "--out", const="outgoing", help=N_("an outgoing call")),
            spec.ShellOption("at", "--at", "TIME", N_("when, e.g. 10:30 or -20m (default: now)")),
            spec.ShellOption("caller", "--from", "NAME", N_("who called (or whom we called)")),
            spec.ShellOption("number", "--number", "N", N_("their telephone number")),
            spec.ShellOption("organization", "--org", "ORG", N_("their organisation")),
            spec.ShellOption("message_for", "--for", "WHOM", N_("who needs to know")),
            spec.ShellOption("follow_up", "--follow-up", help=N_("somebody must act on it")),
        ),
        saved=N_("Call logged: {id}"),
    ),
    detail=common.shown(
        FORM,
        "at",
        spec.DetailField("direction", N_("Direction"), labels="direction"),
        "caller",
        "number",
        "organization",
        "summary",
        "message_for",
        "follow_up",
        spec.DetailField("message_status", N_("Message status"), labels="message_status"),
    ),
    listing=spec.ListSpec(
        title=N_("Calls log"),
        summary=N_("Every call, searchable"),
        help=N_(
            "Every call, newest first. Type in the boxes at the top to narrow the list by "
            "date (2026-11-01, 11-01, yesterday), direction or text (caller, number, "
            "organisation, summary). Enter opens a call, e edits, d deletes (u undoes), ] and "
            "[ turn the pages. t, s or p make a task, a supervision item or a "
            "letters-and-visits record from the selected call."
        ),
        columns=(
            MARK_COLUMN,
            common.fixed(N_("When"), 18),
            spec.Column(N_("Caller"), cap=16, least=6),
            common.fixed(N_("Number"), 16, drop=2),
            spec.Column(N_("Organisation"), cap=20, drop=3),
            SUMMARY_COLUMN,
            spec.Column(N_("For"), cap=10, drop=1),
        ),
        name_columns=(1, 2, 5),
        date_field="at",
        choice_filters=(common.any_of("direction", N_("In and out"), DIRECTIONS),),
        text_placeholder=N_("caller, number, organisation or summary"),
    ),
    panel=spec.PanelSpec(
        id="calls",
        title=N_("Telephone log"),
        columns=(
            MARK_COLUMN,
            common.fixed(N_("Time"), 5),
            spec.Column(N_("Caller"), cap=14, least=6),
            spec.Column(N_("Organisation"), cap=16, least=6, drop=1),
            SUMMARY_COLUMN,
            spec.Column(N_("For"), cap=8, drop=2),
        ),
        empty=N_("No calls today. Press c to log a call."),
        position=3,
        key_help=N_("Go to today's telephone log"),
        loader="secdesk.office.calls.log:panel",
        lean_loader="secdesk.office.lean.calls:panel",
    ),
    search=spec.SearchSpec(
        ("caller", "number", "organization", "summary", "message_for"),
        title="caller",
        who=("caller", "message_for"),
    ),
    duty="secdesk.office.calls.log:duty_entries",
    report_field="at",
    report=common.reported("secdesk.office.calls.figures", "calls_and_visitors", "lines", order=20),
    new_key="c",
    screen_key="C",
    row_actions=(
        making("task", "t", N_("Task"), N_("Make a task from this call")),
        making("supervision", "s", N_("Supervise"), N_("Make a supervision item from this call")),
        making(
            "petition", "p", N_("Petition"), N_("Register this call as letters and visits (信访)")
        ),
    ),
)
