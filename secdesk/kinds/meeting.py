"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

会议: a meeting, from its agenda and participants to its minutes and decisions."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.kinds import common, spec

#: The office's meeting types (values as stored; config.toml's ``meeting_types`` replaces
#: them in the form).
TYPES = (
    ("办公会", N_("Office meeting (办公会)")),
    ("常务会议", N_("Executive meeting (常务会议)")),
    ("专题会议", N_("Topical meeting (专题会议)")),
    ("座谈会", N_("Symposium (座谈会)")),
    ("视频会议", N_("Video conference (视频会议)")),
    ("其他", N_("Other (其他)")),
)
#: Repeat choices: RFC 5545 rules.
RECURRENCES = (
    ("", N_("Does not repeat")),
    ("FREQ=WEEKLY", N_("Every week on this day")),
    ("FREQ=WEEKLY;INTERVAL=2", N_("Every two weeks")),
    ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", N_("Every working day (official calendar)")),
    ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1", N_("First weekday of each month")),
    ("FREQ=MONTHLY", N_("Every month on this date")),
)

FORM = (
    spec.FormField("title", N_("Meeting"), placeholder=N_("what the meeting is called")),
    common.choice("meeting_type", N_("Type"), TYPES),
    common.when(
        "starts_at",
        N_("Starts"),
        ahead=True,
        placeholder=N_("周五下午3点, 下周一上午9点, tomorrow 9:30, 12-01 14:00"),
    ),
    spec.FormField("ends", N_("Ends"), placeholder=N_("16:30, 90m or 2h (blank: from the agenda)")),
    common.lookup("location", N_("Location"), "earlier:meeting.location"),
    common.person("chair", N_("Chair")),
    common.person("recorder", N_("Recorder")),
    spec.FormField(
        "participants",
        N_("Participants"),
        kind="rows",
        columns=(
            spec.FormField("name", N_("Name")),
            spec.FormField("role", N_("Role"), placeholder=N_("出席 / 列席 / 请假")),
            spec.FormField("reason", N_("Reason"), placeholder=N_("why excused")),
        ),
    ),
    spec.FormField(
        "agenda",
        N_("Agenda"),
        kind="rows",
        columns=(
            spec.FormField("topic", N_("Topic")),
            spec.FormField("presenter", N_("Presenter")),
            spec.FormField("minutes", N_("Length (min)"), placeholder=N_("minutes allotted")),
        ),
    ),
    spec.FormField("materials", N_("Materials"), placeholder=N_("what to bring or print")),
    common.choice("rrule", N_("Repeats"), RECURRENCES),
    common.NOTES,
)

KIND = spec.Kind(
    name="meeting",
    model="secdesk.models.meeting:Meeting",
    title=N_("Meeting"),
    noun=N_("meeting"),
    count=NP_("{n} meeting", "{n} meetings"),
    saved=N_("Meeting saved"),
    position=80,
    service="secdesk.office.meetings.schedule:SERVICE",
    input="secdesk.services.inputs:MeetingInput",
    form_class="secdesk.screens.meeting_form:MeetingForm",
    form=FORM,
    form_title=N_("New meeting"),
    edit_title=N_("Edit meeting"),
    form_help=N_(
        "Name, type and start are enough: the start as people say it (周五下午3点, "
        "下周一上午9点, tomorrow 9:30, 12-01 14:00); the end as a time or a length (90m, 2h). "
        "Participants are rows: a name from the contact book (Ctrl+B finds one by name, "
        "initials or number), the role (出席, 列席 or 请假) and why excused. Agenda items take a presenter and the minutes allotted: the "
        "expected end is shown under them, with a warning when it runs past the booked end. "
        "Before saving, meetings in the same room or with the same people at that time are "
        "listed; you may still save. The checklist comes from the type's template."
    ),
    detail=common.shown(
        FORM,
        "title",
        "meeting_type",
        "starts_at",
        spec.DetailField("ends_at", N_("Ends")),
        "location",
        "chair",
        "recorder",
        "participants",
        "materials",
        "notes",
        spec.DetailField("cancelled", N_("Cancelled")),
    ),
    listing=spec.ListSpec(
        title=N_("Meetings"),
        summary=N_("Every meeting, past and booked"),
        help=N_(
            "Every meeting, the latest first (booked ones ahead of past ones); it opens on the "
            "next meeting from today, and (cancelled) marks one called off. Narrow by date "
            "or text (title, place, chair, participants). n schedules one, Enter opens one, "
            "e edits, d deletes (u undoes), w shows the week, k the checklist, r the minutes."
        ),
        columns=(
            common.fixed(N_("Starts"), 18),
            common.spread(N_("Meeting"), 16),
            spec.Column(N_("Location"), cap=20, drop=2),
            spec.Column(N_("Chair"), cap=12, least=6, drop=1),
        ),
        name_columns=(0, 1),
        date_field="starts_at",
        text_placeholder=N_("title, place, chair or participants"),
    ),
    panel=spec.PanelSpec(
        id="meetings",
        title=N_("Meetings"),
        columns=(
            common.fixed(N_("When"), 20),
            common.spread(N_("Meeting"), 10),
            spec.Column(N_("Location"), cap=16, least=6, drop=1),
        ),
        empty=N_("No meetings today or in the next 7 days."),
        position=4,
        key_help=N_("Go to the meetings of this week"),
        loader="secdesk.office.meetings.schedule:panel",
        lean_loader="secdesk.office.lean.meetings:panel",
    ),
    search=spec.SearchSpec(
        ("title", "location", "chair", "participants", "notes"), who=("chair", "participants")
    ),
    duty="secdesk.office.meetings.schedule:duty_entries",
    report_field="starts_at",
    report=common.reported(
        "secdesk.office.meetings.figures", "held", "lines", order=30, lines_order=15
    ),
    new_key="m",
    new_label=N_("Schedule a meeting"),
    screen_key="M",
    row_actions=(
        spec.RowAction(
            "w",
            "meeting_week",
            N_("Week"),
            N_("The week of the selected meeting, a column a day"),
            id="meeting_week",
        ),
        spec.RowAction(
            "k",
            "meeting_checklist",
            N_("Checklist"),
            N_("The selected meeting's preparation checklist and attendance"),
            id="meeting_checklist",
        ),
        spec.RowAction(
            "r",
            "meeting_minutes",
            N_("Minutes"),
            N_("Write the selected meeting's minutes and decisions"),
            id="meeting_minutes",
        ),
    ),
    undo=(
        ("untick", "secdesk.office.meetings.schedule:untick"),
        ("unattend", "secdesk.office.meetings.schedule:unattend"),
        ("drop_exception", "secdesk.office.meetings.schedule:drop_exception"),
    ),
)
