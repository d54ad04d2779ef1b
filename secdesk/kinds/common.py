"""What several kinds' declarations share, written once: the kinds of field and column
(``person``, ``fixed``...), the same filter, the steps several workflows take (``step``),
the official documents' marks and filing. Plain data and small builders, which the kinds
call as ``common.person`` beside ``spec.FormField``; the registry skips this module (it
declares no ``KIND``).

Wing: kinds. Must not import the ORM, the database, services, office or anything above.
"""

from __future__ import annotations

from typing import Any

from secdesk.i18n import N_
from secdesk.kinds.spec import (
    ChoiceFilter,
    Column,
    DetailField,
    FormField,
    MaskWhen,
    ReportPart,
    Transition,
)
from secdesk.labels import LABELS

DUE_HELP = N_("a date, 10wd (working days) or 15d (days)")
"""The placeholder of a time limit that is counted (a date, working days or days)."""


# -- the kinds of field every declaration asks for, by what they hold ------------------------


def lookup(name: str, label: str, source: str, **more: Any) -> FormField:
    """Text with suggestions from ``source`` as it is typed (see ``FormField.source``)."""
    return FormField(name, label, kind="lookup", source=source, **more)


def person(name: str, label: str, **more: Any) -> FormField:
    """Somebody, suggested from the contact book as it is typed."""
    return lookup(name, label, "contacts", **more)


def unit(name: str, label: str, **more: Any) -> FormField:
    """An organisation (a unit), suggested from those the office knows."""
    return lookup(name, label, "organizations", **more)


def when(name: str, label: str, **more: Any) -> FormField:
    """A moment, typed as people say it (blank: when the form was opened)."""
    return FormField(name, label, kind="when", **more)


def day(name: str, label: str, **more: Any) -> FormField:
    """A day."""
    return FormField(name, label, kind="date", **more)


def text(name: str, label: str, **more: Any) -> FormField:
    """Several lines of text."""
    return FormField(name, label, kind="multiline", **more)


def number(name: str, label: str, **more: Any) -> FormField:
    """A whole number (``minimum`` and ``maximum`` bound it)."""
    return FormField(name, label, kind="number", **more)


def time_limit(name: str, label: str, placeholder: str = DUE_HELP, **more: Any) -> FormField:
    """A time limit that is counted: a date, working days or days."""
    return FormField(name, label, kind="deadline", placeholder=placeholder, **more)


ORGANIZATION = unit("organization", N_("Organisation"))
ASSISTING = unit(
    "assisting_units", N_("Assisting units"), placeholder=N_("separated by 、 or commas")
)
NOTES = text("notes", N_("Notes"))


# -- the kinds of column every list asks for -------------------------------------------------


def fixed(label: str, cap: int, **more: Any) -> Column:
    """A number, a time, a date or a short mark: never cut (left out by ``drop`` instead)."""
    return Column(label, cap=cap, whole=True, **more)


def spread(label: str, least: int, **more: Any) -> Column:
    """The title, matter or summary: it takes the room the coded columns leave (up to 60
    cells) and shrinks first, never below ``least``."""
    return Column(label, cap=60, flex=True, least=least, **more)


STATUS_COLUMN = Column(N_("Status"), cap=12, whole=True)
"""The state of a record carried through a workflow, in a list (as wide everywhere), read
whole: a list writes the long ones short (``labels.MARKS``)."""


def reported(module: str, figures: str, lines: str, order: int, **more: Any) -> ReportPart:
    """What a kind adds to the work summary: the functions ``figures`` and ``lines`` of its
    office ``module`` (see ``ReportPart``)."""
    return ReportPart(f"{module}:{figures}", f"{module}:{lines}", order=order, **more)


def shown(form: tuple[FormField, ...], *lines: str | DetailField) -> tuple[DetailField, ...]:
    """A detail view's lines, in order: a bare name shows the form's field of that name under
    the form's label; a ``DetailField`` stands as written (a value set, a mask, a computed
    value, a field the form does not ask or shows under another label)."""
    labels = {f.name: f.label for f in form}
    return tuple(
        DetailField(line, labels[line]) if isinstance(line, str) else line for line in lines
    )


def choice(
    name: str,
    label: str,
    choices: tuple[tuple[str, str], ...],
    unknown: str = "",
    default: str | None = None,
) -> FormField:
    """A cycle field, one of ``choices``; with ``unknown`` its value must be one of them
    (``unknown`` refuses any other, from the command line or an import)."""
    return FormField(name, label, kind="cycle", choices=choices, default=default, unknown=unknown)


def any_of(field: str, everything: str, choices: tuple[tuple[str, str], ...]) -> ChoiceFilter:
    """A list filter over ``field``'s ``choices``, led by ``everything`` (msgid) for all."""
    return ChoiceFilter(field, (("", everything), *choices))


# -- the official documents (收文 and 发文) ---------------------------------------------------

URGENCIES = tuple(LABELS["urgency"].items())
CLASSIFICATIONS = tuple(LABELS["classification"].items())
DOC_TYPES = tuple(LABELS["doc_type"].items())
#: 通知 first: the commonest type is the default.
DOC_TYPE_CHOICES = (("通知", LABELS["doc_type"]["通知"]),) + tuple(
    c for c in DOC_TYPES if c[0] != "通知"
)
RETENTIONS = tuple(LABELS["retention"].items())
CLASSIFIED = ("confidential", "secret", "top_secret")
"""密级 values whose document titles search never reveals (秘密, 机密, 绝密)."""

DOC_TYPE = choice("doc_type", N_("Document type"), DOC_TYPE_CHOICES)
CLASSIFICATION = choice(
    "classification", N_("Classification"), CLASSIFICATIONS, N_("Unknown classification")
)
SECRECY = number(
    "secrecy_years",
    N_("Secrecy period (years)"),
    minimum=0,
    maximum=30,
    placeholder=N_("blank: 10 / 20 / 30 for 秘密 / 机密 / 绝密"),
)
URGENCY = choice("urgency", N_("Urgency"), URGENCIES, N_("Unknown urgency"))
MARKS = (DOC_TYPE, CLASSIFICATION, SECRECY, URGENCY)
"""What marks an official document, asked in this order by the incoming and outgoing forms:
its type, classification and secrecy period, and urgency."""

DOC_TYPE_SHOWN = DetailField("doc_type", N_("Document type"), labels="doc_type")
URGENCY_SHOWN = DetailField("urgency", N_("Urgency"), labels="urgency")
SECRECY_SHOWN = (
    DetailField("classification", N_("Classification"), labels="classification"),
    DetailField("secrecy_years", N_("Secrecy period (years)")),
    DetailField("declassify_on", N_("Declassified on")),
)
"""The classification, its secrecy period and the day it ends."""

DOC_TYPE_FILTER = any_of("doc_type", N_("Any type"), DOC_TYPE_CHOICES)
TITLE_MASKED = MaskWhen("classification", CLASSIFIED, ("title",))
"""A classified document's title is never shown by search (its number and sender are)."""


# -- the steps several workflows share -------------------------------------------------------

#: What a step of the same name is in every workflow that takes it: its label, its key on the
#: detail view and what it asks of the note. A kind says from which states it is taken, where
#: it leads and what it means there (``step``).
STEPS: dict[str, dict[str, Any]] = {
    "assign": {"label": N_("Assign"), "key": "a"},
    "urge": {"label": N_("Urge"), "key": "h", "note": N_("What was said, to whom")},
    "review": {"label": N_("Review"), "key": "w", "note": N_("Finding")},
    "send_back": {"label": N_("Send back"), "key": "b", "note_required": True},
    "extend": {"label": N_("Extend"), "key": "x", "note": N_("Reason"), "note_required": True},
}


def step(name: str, sources: tuple[str, ...], target: str = "", **more: Any) -> Transition:
    """The shared step ``name`` (see ``STEPS``), taken from ``sources`` to ``target`` ("" keeps
    the state); ``more`` adds its help and fields, or says otherwise where a kind differs."""
    return Transition(name, sources=sources, target=target, **(STEPS[name] | more))


def filing(*after: str) -> Transition:
    """归档: the step that files a document once it is in one of the states ``after``."""
    return Transition(
        "file",
        N_("File"),
        "f",
        after,
        "filed",
        fields=(choice("retention", N_("Retention"), RETENTIONS),),
        help=N_("归档: filed with the year, retention period and the next item number."),
    )
