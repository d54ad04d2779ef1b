"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

What a record kind declares: one ``Kind`` per kind of record the desk keeps.

A declaration is plain data (and the dotted paths of the code that goes with it), cheap to
import: the desk builds its keys, palette and help from the registry before the database
layer has loaded. The model, the service and a custom form are named by ``module:attribute``
paths and imported on first use (``resolve``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import Any

#: The field kinds a form knows (see ``FormField.kind``).
FIELD_KINDS = (
    "text",
    "multiline",
    "when",
    "date",
    "deadline",
    "number",
    "check",
    "cycle",
    "lookup",
    "rows",
)


@dataclass(frozen=True)
class FormField:
    """One field of a record's form."""

    name: str
    """The input dataclass's field it fills."""
    label: str
    """English msgid."""
    kind: str = "text"
    """text; multiline (several lines: Enter still moves on, Ctrl+J starts a new line);
    when (a time typed as people say it, blank means when the form opened); date (a day:
    2026-12-01, 12-01, 明天); deadline (a date, ``10wd`` working days or ``15d`` days, counted
    by the working-day rules); number (a whole number); check; cycle (one of ``choices``);
    lookup (text with suggestions from ``source``); rows (repeated child rows of
    ``columns``)."""
    choices: tuple[tuple[str, str], ...] = ()
    """(value, label msgid) for a cycle field; the first is the default."""
    placeholder: str = ""
    """English msgid shown in an empty field."""
    submit: bool = False
    """Enter in this field saves the form (in any other field it moves on)."""
    source: str = ""
    """Where a lookup field's suggestions come from: a source some kind declares
    (``Kind.suggests``: ``contacts``, ``organizations``, ``prefixes``, ``senders``) or
    ``earlier:<kind>.<field>`` (what was typed in that field before)."""
    fills: tuple[str, ...] = ()
    """What picking a suggestion fills in besides this field: other fields (``number``,
    ``organization``) or the input's ``contact_id``."""
    columns: tuple[FormField, ...] = ()
    """The fields of one child row (rows fields only)."""
    default: Any = None
    """The value of a new form (None: empty, unchecked, the first choice)."""
    minimum: int | None = None
    maximum: int | None = None
    """Bounds of a number field."""
    optional: bool = False
    """A blank time or date stays empty (None) instead of meaning now or today."""
    relative_to: str = ""
    """The field whose day a deadline is counted from (default: today)."""
    ahead: bool = False
    """A time that is normally in the future (a meeting's start): not asked about."""
    known: bool = False
    """A lookup whose placeholder names the values in use when the form opens (its
    ``source`` asked for any text): the office's 机关代字."""
    unknown: str = ""
    """English msgid refusing a value that is not one of ``choices`` ("Unknown urgency"):
    the service checks every cycle field that has one (a form, the command line, an
    import)."""


@dataclass(frozen=True)
class DetailField:
    """One line of a record's detail view."""

    name: str
    """The model's attribute (or a key the service's ``detail_values`` adds)."""
    label: str
    """English msgid."""
    labels: str = ""
    """A value set of ``labels.LABELS`` that names the values (direction, urgency...)."""
    masked: bool = False
    """Shown masked but for the last 4 characters (identity numbers)."""
    computed: bool = False
    """Not a column: the service's ``detail_values`` gives it (a petition's clocks)."""


@dataclass(frozen=True)
class Column:
    """A column of a list or dashboard panel."""

    label: str
    """English msgid ("" for a narrow marker column)."""
    field: str = ""
    """The model's attribute the generic row shows (a service may build its rows itself)."""
    labels: str = ""
    """A value set of ``labels.LABELS`` naming the field's values."""
    cap: int = 24
    """The widest it grows, in terminal cells; longer values end in an ellipsis."""
    flex: bool = False
    """Takes the width left over (a summary or title): it shrinks first when room is short,
    never below ``least``."""
    least: int = 4
    """The narrowest it gets when the screen is small."""
    drop: int = 0
    """Its priority: when even the narrowest widths do not fit, columns are left out, the
    highest ``drop`` first; 0 is never left out."""
    whole: bool = False
    """A number, a time, a date or a short mark (an urgency): never cut (its narrowest is its longest value; the
    column is left out, by ``drop``, before it would be cut)."""


@dataclass(frozen=True)
class ChoiceFilter:
    """A filter cycling through values of one field; the first choice means all."""

    field: str
    choices: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ListSpec:
    """The kind's list screen."""

    title: str
    """English msgid of the screen: "Calls log"."""
    summary: str
    """English msgid, one line for the palette and the key's tooltip: "Every call,
    searchable"."""
    help: str
    """English msgid: what the list is and what its keys do (F1 shows it with the keys)."""
    columns: tuple[Column, ...]
    name_columns: tuple[int, ...] = (0,)
    """The columns that name a row in the delete question."""
    date_field: str | None = None
    """The model's date or time the from/to filters and the order use (None: no dates)."""
    choice_filters: tuple[ChoiceFilter, ...] = ()
    text_placeholder: str = ""
    """English msgid of the search box."""
    order_note: str = ""
    """English msgid saying how the rows are ordered where it is not plain (colours first),
    shown on the status line so that colour is never the only explanation."""
    enter_edits: bool = False
    """Enter opens the form (the contact book) rather than the detail view."""
    reveals: bool = False
    """Some titles are masked (classified documents): a key shows them on this screen
    only, and leaving the screen forgets it."""


@dataclass(frozen=True)
class PanelSpec:
    """How the kind shows on the daily dashboard."""

    id: str
    """The panel's widget id (the dashboard's stylesheet places it)."""
    title: str
    columns: tuple[Column, ...]
    empty: str
    """English msgid shown when the panel has no rows: how to fill it."""
    position: int
    """1-based: the number key that focuses it."""
    key_help: str
    """English msgid: what the number key does."""
    loader: str
    """``module:function(session, day, settings) -> PanelData``."""
    lean_loader: str = ""
    """``module:function(connection, day, settings) -> PanelData``: the same panel read
    with the standard library's ``sqlite3`` (``office.lean``), for a start with nothing
    remembered; empty: the dashboard is read through the ORM."""


@dataclass(frozen=True)
class RowAction:
    """A key that acts on the selected record of this kind, in lists, panels and the
    detail view: the screens' row handler named ``action`` is called with the record id."""

    key: str
    action: str
    """The row handler's name in ``screens.row_actions.ROW_HANDLERS`` (a test checks every
    declared one has a handler), called with ``(kind, record_id, argument)``."""
    label: str
    tooltip: str
    id: str
    """Binding id (config.toml's ``[keymap]`` uses it)."""
    argument: str = ""
    """An extra first argument for the action (``make('task')``)."""
    show: bool = True
    """Shown in the footer (False: listed by F1 / ? only, where the footer has no room)."""


@dataclass(frozen=True)
class MaskWhen:
    """Fields of some records only that search must never reveal: a classified document's
    title, the identity of whoever reports wrongdoing (检举控告)."""

    field: str
    """The model's attribute that decides (classification, category)."""
    values: tuple[str, ...]
    """The values of ``field`` that mask."""
    masks: tuple[str, ...]
    """The fields kept out of the index, results and snippets for such a record (a field
    the model does not have is skipped)."""


@dataclass(frozen=True)
class SearchChild:
    """Rows of another table that belong to a record and are searched with it (a
    contact's phone numbers): a change to one re-indexes the record."""

    model: str
    """``module:Class`` of the child table."""
    key: str
    """Its column holding the record's id (``contact_id``)."""
    fields: tuple[str, ...]
    """Its text fields searched with the record."""


@dataclass(frozen=True)
class SearchSpec:
    """What of a record search may index, and what it must never reveal.

    Every kind joins the desk-wide search (``/``, ``secdesk search``) through this:
    ``fields`` are indexed, ``masked`` never are."""

    fields: tuple[str, ...]
    """Text fields matched by the list's search box (and the desk-wide search)."""
    masked: tuple[str, ...] = ()
    """Fields shown masked and never returned in results."""
    title: str = ""
    """The field that names a hit in the results (default: the first of ``fields``
    with a value, masked ones never)."""
    date: str = ""
    """The date or time that places a hit (newest first, ``from:``/``to:``); default: the
    kind's ``report_field``, else the list's date, else when it was created."""
    who: tuple[str, ...] = ()
    """The fields naming people that ``who:`` matches (caller, host, chair...)."""
    mask_when: tuple[MaskWhen, ...] = ()
    """Fields masked for some records only (see ``MaskWhen``)."""
    children: tuple[SearchChild, ...] = ()
    """Rows of other tables searched as part of the record (see ``SearchChild``)."""
    indexed: bool = True
    """False keeps the kind out of the desk-wide search."""


@dataclass(frozen=True)
class Transition:
    """One step of a kind's workflow: a key on the record's detail view that moves it from
    one of ``sources`` to ``target``, asking ``fields`` (and a note) first."""

    name: str
    """The step in code (assign, urge, close...); the step log and audit name it so."""
    label: str
    """English msgid: the key's label and the step form's title ("Assign")."""
    key: str
    """The key on the detail view."""
    sources: tuple[str, ...]
    """The states it may be taken from."""
    target: str = ""
    """The state it leads to; "" keeps the state (an urge, an extension)."""
    fields: tuple[FormField, ...] = ()
    """What the step asks besides the note; each fills the record's field of that name
    unless the service's ``step_changes`` says otherwise."""
    note: str = ""
    """English msgid labelling the note field ("Reason"); "" for the plain "Note"."""
    note_required: bool = False
    """The step is refused without a note (sending back, an extension)."""
    help: str = ""
    """English msgid: what the step means (the step form shows it)."""


@dataclass(frozen=True)
class Workflow:
    """The states a record goes through and the steps between them, as data: the service
    refuses an illegal jump naming the allowed ones, logs each step (who, when, note) and
    can undo it."""

    states: tuple[tuple[str, str], ...]
    """(value, label msgid) in their usual order."""
    transitions: tuple[Transition, ...]
    field: str = "status"
    """The model's attribute holding the state."""
    closed: tuple[str, ...] = ()
    """States in which nothing more is due (no deadline colour)."""

    def step(self, name: str) -> Transition:
        return next(t for t in self.transitions if t.name == name)

    def allowed(self, state: str) -> tuple[Transition, ...]:
        return tuple(t for t in self.transitions if state in t.sources)


@dataclass(frozen=True)
class ReportPart:
    """What a kind adds to the work summary beside its plain count ("12 calls")."""

    figures: str
    """``module:function(session, period, today) -> reports.Section``: its named figures,
    tables and counts by day."""
    lines: str
    """``module:function(figures) -> list[tuple[str, str]]``: the summary's opening lines
    (label, value) it shows, from the summary's figures."""
    order: int
    """Where its figures and tables stand in the summary, smaller first."""
    lines_order: int = 0
    """Where its opening lines stand (default: ``order``)."""


@dataclass(frozen=True)
class ShellOption:
    """One argument of ``secdesk log <kind>``: the field it fills and how it is typed."""

    field: str
    """The form field it fills; a name that is no form field is handed to the input as typed
    (an outgoing document's ``reply_to``) or read by the command's hook (its ``signer``)."""
    flag: str = ""
    """The option (``--from``); "" for the argument typed without one (a summary)."""
    metavar: str = ""
    """What the help calls the value (NAME); "" for the usual word of the field's kind."""
    help: str = ""
    """English msgid; "" for the field's label."""
    required: bool = False
    const: str = ""
    """A flag setting the field to this value (``--out``: an outgoing call)."""
    free: bool = False
    """A cycle field that takes any text, not only its choices (a document type)."""


@dataclass(frozen=True)
class ShellSpec:
    """``secdesk log <kind>``: a record saved from the shell, its arguments read by the
    form's rules (a time as people say it and asked about when far ahead, a deadline...)."""

    help: str = ""
    """English msgid of the sub-command in ``secdesk log --help``; "" for ``new_label``."""
    options: tuple[ShellOption, ...] = ()
    """The arguments, in order; none: each form field but rows as ``--field-name``, the
    first time as ``--at``."""
    saved: str = ""
    """English msgid printed after the save, with ``{id}``, ``{label}`` (what the record is
    called) and ``{number}`` (the label's first word: a receipt or document number); ""
    for the kind's ``saved``."""


@dataclass(frozen=True, kw_only=True)
class Kind:
    """One record kind: everything the desk needs to show, enter, list and undo it."""

    name: str
    """The kind's name in code: call, visit, contact..."""
    entity: str = ""
    """The table, as audit Events name it; "" for SQLModel's own name of the ``model``'s
    table, its class name in lower case (``IncomingDocument``: ``incomingdocument``)."""
    model: str
    """``module:Class`` of the SQLModel table."""
    title: str
    """English msgid, for headings: "Telephone call"."""
    noun: str
    """English msgid, inside sentences: "telephone call" ("Delete this telephone call?")."""
    count: tuple[str, str]
    """ngettext pair with ``{n}``: ("{n} telephone call", "{n} telephone calls")."""
    saved: str = ""
    """English msgid of the toast after a save ("Call saved")."""
    short: str = ""
    """English msgid of its key in the footer ("Call"); default: the title."""
    position: int = 99
    """Order in the palette, help and duty log."""
    service: str = ""
    """``module:attribute`` of its ``RecordService``; empty for the generic one."""
    input: str = ""
    """``module:Class`` of the input dataclass its form fills (in ``services.views``)."""
    form: tuple[FormField, ...] = ()
    """The form's fields in order; none means the kind is not entered at the desk (yet)."""
    form_class: str = ""
    """``module:Class`` of a form screen with extra behaviour; empty for the generic one."""
    form_title: str = ""
    edit_title: str = ""
    form_help: str = ""
    shell: ShellSpec | None = None
    """``secdesk log <name>`` for an enterable kind (see ``ShellSpec``); None: not offered."""
    detail: tuple[DetailField, ...] = ()
    listing: ListSpec | None = None
    panel: PanelSpec | None = None
    search: SearchSpec = field(default_factory=lambda: SearchSpec(()))
    duty: str = ""
    """``module:function(session, start, end) -> list[DayEntry]``: what the kind adds to
    the duty log of a day; empty for nothing."""
    report_field: str = ""
    """The date or time that places a record in a period, for the figures of a day or a
    report ("12 calls"); empty when the kind is not counted."""
    new_key: str = ""
    """A key that opens a new record's form from anywhere (c for a call)."""
    new_label: str = ""
    """English msgid of that key and of the palette entry: "Log a call"; "" for the
    ``form_title``."""
    screen_key: str = ""
    """An upper-case key that opens the list from anywhere."""
    row_actions: tuple[RowAction, ...] = ()
    undoable_delete: bool = True
    workflow: Workflow | None = None
    """The states and steps of a record that is carried through a procedure (a
    supervision item, a letter or visit, a document); None for a plain record."""
    report: ReportPart | None = None
    """What the kind adds to the work summary beside its count; None for the count alone
    (a kind with a ``report_field`` is counted without code)."""
    deadlines: str = ""
    """``module:function(session, day, settings, limit) -> deadline_panel.Deadlines``: the
    kind's records whose time limit runs, as rows of the dashboard's deadline panel; empty
    for none."""
    lean_deadlines: str = ""
    """``module:function(connection, day, settings, limit) -> Deadlines``: ``deadlines``
    read with the standard library's ``sqlite3`` (``office.lean``); empty: the dashboard is
    read through the ORM."""
    suggests: tuple[tuple[str, str], ...] = ()
    """(source, ``module:function(session, text, limit) -> list[lookups.Suggestion]``): the
    suggestion sources it provides to lookup fields (``FormField.source``)."""
    undo: tuple[tuple[str, str], ...] = ()
    """(action, ``module:function(session, token) -> Saved``): how ``records.undo`` takes
    back the kind's own changes (an ``Undo`` token's action), beside restoring a delete,
    reverting fields and undoing a workflow step."""

    def __post_init__(self) -> None:
        if not self.entity:
            object.__setattr__(self, "entity", self.model.partition(":")[2].lower())
        if not self.new_label:
            object.__setattr__(self, "new_label", self.form_title)

    @property
    def enterable(self) -> bool:
        """The desk has a form for this kind."""
        return bool(self.form)


@cache
def resolve(path: str) -> Any:
    """The object a ``module:attribute`` path names, imported on first use."""
    module, _colon, attribute = path.partition(":")
    return getattr(import_module(module), attribute)
