"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

通讯录: people the office deals with (their units are Organizations)."""

from __future__ import annotations

from secdesk.i18n import N_, NP_
from secdesk.kinds import common, spec
from secdesk.labels import LABELS

RELATIONS = tuple(LABELS["relation"].items())
"""(value, label msgid) for each of the office's relations, in the glossary's order."""

FORM = (
    spec.FormField("name", N_("Name")),
    common.ORGANIZATION,
    spec.FormField("department", N_("Department"), placeholder=N_("unit inside the organisation")),
    spec.FormField("title", N_("Job title")),
    common.choice("relation", N_("Relation"), RELATIONS, N_("Unknown relation"), default="other"),
    spec.FormField(
        "numbers",
        N_("Numbers"),
        kind="rows",
        columns=(
            spec.FormField("number", N_("Number")),
            spec.FormField("label", N_("Label"), placeholder=N_("mobile, office, fax…")),
        ),
    ),
    spec.FormField("email", N_("E-mail")),
    common.NOTES,
)

KIND = spec.Kind(
    name="contact",
    model="secdesk.models.contact:Contact",
    title=N_("Contact"),
    noun=N_("contact"),
    count=NP_("{n} contact", "{n} contacts"),
    saved=N_("Contact saved"),
    position=30,
    service="secdesk.office.contacts.book:SERVICE",
    input="secdesk.services.inputs:ContactInput",
    form=FORM,
    form_title=N_("New contact"),
    edit_title=N_("Edit contact"),
    form_help=N_(
        "Only the name is needed. Numbers: one per line, each with a label if you like "
        "(mobile, office); typing in the empty line adds another. In Relation, Space or the "
        "arrow keys change it. Enter moves on; Enter in the last field or Ctrl+S saves."
    ),
    detail=common.shown(
        FORM,
        "name",
        "organization",
        "department",
        "title",
        spec.DetailField("relation", N_("Relation"), labels="relation"),
        "numbers",
        "email",
        "notes",
    ),
    listing=spec.ListSpec(
        title=N_("Contact book"),
        summary=N_("People and units, their numbers; import and merge"),
        help=N_(
            "Everybody the office deals with, in pinyin order. Type in the box at the top to "
            "find people by name, pinyin initials (zs finds 张三), organisation or number; the "
            "box beside it narrows the list to one relation. n adds a contact, Enter or e "
            "edits, d deletes (u undoes), l lists the calls with the contact, m shows likely "
            "duplicates to merge."
        ),
        columns=(
            spec.Column(N_("Name"), cap=20, least=6),
            spec.Column(N_("Relation"), cap=20, least=6),
            spec.Column(N_("Job title"), cap=20, least=6),
            spec.Column(N_("Organisation"), cap=30, flex=True),
            spec.Column(N_("Numbers"), cap=40, flex=True),
        ),
        choice_filters=(common.any_of("relation", N_("All relations"), RELATIONS),),
        text_placeholder=N_("name, initials, organisation or number"),
        enter_edits=True,
    ),
    search=spec.SearchSpec(
        ("name", "title", "email", "notes"),
        who=("name",),
        children=(
            spec.SearchChild("secdesk.models.contact:ContactPhone", "contact_id", ("number",)),
        ),
    ),
    screen_key="B",
    row_actions=(
        spec.RowAction(
            "l",
            "calls_with",
            N_("Calls"),
            N_("The calls with the selected contact"),
            id="contact_calls",
        ),
        spec.RowAction(
            "m",
            "merge_contacts",
            N_("Merge"),
            N_("Show likely duplicates and merge them"),
            id="contact_merge",
        ),
    ),
    suggests=(
        ("contacts", "secdesk.office.contacts.suggest:contacts"),
        ("organizations", "secdesk.office.contacts.suggest:organizations"),
        ("number", "secdesk.office.contacts.suggest:holder"),
    ),
    undo=(("unmerge", "secdesk.office.contacts.book:unmerge"),),
)
