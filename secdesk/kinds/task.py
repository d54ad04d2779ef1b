"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

临时交办 / 待办: a temporary task assigned by a leader, or any to-do."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.kinds import common, spec
from secdesk.labels import LABELS

STATUSES = tuple(LABELS["task_status"].items())
PRIORITIES = tuple(LABELS["task_priority"].items())

WORKFLOW = spec.Workflow(
    states=STATUSES,
    closed=("done",),
    transitions=(
        spec.Transition(
            "finish",
            N_("Finished"),
            "k",
            ("open",),
            "done",
            help=N_("The task is done."),
        ),
        spec.Transition(
            "reopen",
            N_("Reopen"),
            "o",
            ("done",),
            "open",
            note=N_("Why"),
            help=N_("The task is not done after all."),
        ),
    ),
)

FORM = (
    spec.FormField("title", N_("Task"), placeholder=N_("what is to be done")),
    common.person("assigned_by", N_("Assigned by"), placeholder=N_("the leader who asked")),
    common.time_limit("due", N_("Due"), placeholder=N_("a date, 5wd (working days) or 10d (days)")),
    common.choice("priority", N_("Priority"), PRIORITIES, N_("Unknown priority"), default="normal"),
    common.NOTES,
)

KIND = spec.Kind(
    name="task",
    model="secdesk.models.task:Task",
    title=N_("Task"),
    noun=N_("task"),
    count=NP_("{n} task", "{n} tasks"),
    saved=N_("Task saved"),
    position=40,
    service="secdesk.office.tasks:SERVICE",
    input="secdesk.services.inputs:TaskInput",
    form=FORM,
    form_title=N_("New task"),
    edit_title=N_("Edit task"),
    form_help=N_(
        "What is to be done, who asked, and by when: a date (12-05), 5wd for five working "
        "days or 10d for ten days from today, counted on the official working-day calendar, "
        "and how urgent it is. k marks a task finished (in the list or on the task)."
    ),
    detail=common.shown(
        FORM,
        "title",
        "assigned_by",
        "due",
        spec.DetailField("priority", N_("Priority"), labels="task_priority"),
        spec.DetailField("status", N_("Status"), labels="task_status"),
        spec.DetailField("done_at", N_("Finished at")),
        "notes",
    ),
    listing=spec.ListSpec(
        title=N_("Tasks"),
        summary=N_("Tasks from leaders and other to-dos"),
        help=N_(
            "Tasks from leaders and other to-dos: open ones first, the nearest due first, the "
            "overdue in red; then the finished ones. Narrow by due date, priority, status or "
            "text. n adds a task, k marks it finished, Enter opens one, e edits, d deletes "
            "(u undoes)."
        ),
        columns=(
            common.fixed(N_("Due"), 16),
            common.spread(N_("Task"), 10),
            spec.Column(N_("Priority"), cap=8, drop=2),
            spec.Column(N_("Assigned by"), cap=14, least=6, drop=1),
            common.STATUS_COLUMN,
        ),
        name_columns=(1,),
        date_field="due",
        choice_filters=(
            common.any_of("status", N_("Any status"), STATUSES),
            common.any_of("priority", N_("Any priority"), PRIORITIES),
        ),
        text_placeholder=N_("task, notes or who assigned it"),
    ),
    search=spec.SearchSpec(("title", "notes", "assigned_by"), who=("assigned_by",)),
    duty="secdesk.office.tasks:duty_entries",
    report_field="created_at",
    deadlines="secdesk.office.tasks:deadlines",
    lean_deadlines="secdesk.office.lean.deadlines:tasks",
    screen_key="T",
    workflow=WORKFLOW,
    row_actions=(
        spec.RowAction(
            "k",
            "step",
            N_("Finished"),
            N_("Mark the task finished (u undoes)"),
            "task_finish",
            argument="finish",
        ),
    ),
)
