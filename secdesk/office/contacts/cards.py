"""vCard files and the contact book: import a phone's or a mail client's address book,
export the book for them, and get back what came in.

Wing: office/contacts. Must not import screens, widgets, app, cli, care or demo; of this
package only ``book``, ``lookup`` and ``names``.

The file format itself (reading and writing vCard text) is ``secdesk.io.vcf``; this module
decides what a card is called, which contact it is and what it adds to the book.

The contact's relation to the office (leader, colleague, grassroots ...) goes out as the
card's ``CATEGORIES`` in the interface language and is read back from the first category
that names one, in either language (单位领导 or Leader, or a common word: 领导, 群众);
"other" is written as no category.

A card's ``N`` is stored as the contact's five name parts and its ``ORG`` as organisation
(the first component) and department (the later ones, joined with ";"), and the export
writes them back as they came: ``N:Doe;John;;Mr.;Sr.`` and ``ORG:IBM;Accounting`` leave
as they arrived, whatever the display name (``FN``) says.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.i18n import _, every_language
from secdesk.io import vcf
from secdesk.labels import LABELS
from secdesk.models import Contact, ContactPhone
from secdesk.office.contacts import names
from secdesk.office.contacts.book import add_contact, find_or_create_organization
from secdesk.office.contacts.lookup import (
    clean_numbers,
    live_contact,
    live_phones,
    name_key,
    organization_names,
)
from secdesk.services import audit
from secdesk.services.inputs import ContactInput


@dataclass(frozen=True)
class ContactImportReport:
    """What importing a vCard file did (or, for a preview, would do).

    Each contact of the book appears at most once, in file order."""

    added: list[str]
    """Names of the contacts added."""
    updated: list[str]
    """Names of existing contacts that got new numbers or had empty fields filled."""
    unchanged: list[str]
    """Names of existing contacts the file matched and had nothing new for."""


#: Between the units of a department that came as several ``ORG`` components.
UNIT_SEPARATOR = ";"
#: vCard phone labels stored under the name the desk uses.
_LABELS_IN = {"cell": "mobile"}
_LABELS_OUT = {v: k for k, v in _LABELS_IN.items()}


#: Words phones and mail clients file contacts under, beside the relations' own labels.
RELATION_WORDS = {
    "领导": "leader",
    "局领导": "leader",
    "同事": "colleague",
    "coworkers": "colleague",
    "上级": "superior",
    "上级机关": "superior",
    "部门": "department",
    "基层": "grassroots",
    "群众": "grassroots",
    "家人": "family",
    "亲属": "family",
}


def _category_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _relations() -> dict[str, str]:
    """Every way a relation is written as a category, by its key."""
    found = {_category_key(word): value for word, value in RELATION_WORDS.items()}
    for value, msgid in LABELS["relation"].items():
        for written in (value, *every_language(msgid)):
            found[_category_key(written)] = value
    return found


def relation_of(categories: list[str]) -> str:
    """The relation the first category naming one gives ("other" when none does)."""
    known = _relations()
    return next((known[key] for key in map(_category_key, categories) if key in known), "other")


def categories_of(relation: str) -> list[str]:
    """The ``CATEGORIES`` a contact's relation is written as (none for "other")."""
    if relation == "other" or relation not in LABELS["relation"]:
        return []
    return [_(LABELS["relation"][relation])]


@dataclass
class _Known:
    """A contact as the import sees it: in the book already (id > 0) or new from the file
    (id < 0)."""

    id: int
    name: str
    organization: str
    numbers: set[str]
    fields: dict[str, str]
    """title, email, notes, department and relation ("" for other) as they are now."""
    new_numbers: list[tuple[str, str]] = field(default_factory=list)
    filled: dict[str, list[str]] = field(default_factory=dict)
    input: ContactInput | None = None
    """For a new contact: what will be saved."""


#: What a card fills in a known contact where the contact has it empty (numbers and the
#: organisation aside).
FILLABLE = ("title", "email", "notes", "department", "relation")


def _fillable(contact: Contact | ContactInput) -> dict[str, str]:
    """The contact's ``FILLABLE`` fields as they are now, its relation "" when other."""
    now = {key: getattr(contact, key) for key in FILLABLE}
    return now | {"relation": "" if contact.relation == "other" else contact.relation}


def _card_input(card: vcf.VCardContact) -> ContactInput:
    """What a card adds to the book. Its name is ``FN``; else built from ``N``
    (``names.display_name``); else the organisation, the first phone number or the first
    e-mail address; ``""`` only for a card with none of these."""
    parts = names.parts_of(card)
    numbers = [(p.number, _LABELS_IN.get(p.label, p.label)) for p in card.phones]
    name = (
        card.name
        or names.display_name(parts)
        or card.organization
        or (card.phones[0].number if card.phones else "")
        or (card.emails[0] if card.emails else "")
    )
    return ContactInput(
        name=name.strip(),
        organization=card.organization.strip(),
        title=card.title,
        numbers=clean_numbers(numbers),
        email=card.emails[0] if card.emails else "",
        notes=card.note,
        department=UNIT_SEPARATOR.join(card.departments),
        relation=relation_of(card.categories),
        **parts._asdict(),
    )


def _book(session: Session) -> dict[str, list[_Known]]:
    """Every live contact, by name key."""
    contacts = session.exec(select(Contact).where(col(Contact.deleted_at).is_(None))).all()
    orgs = organization_names(session, {c.organization_id for c in contacts if c.organization_id})
    numbers: dict[int, set[str]] = {}
    for contact_id, number in session.exec(
        select(ContactPhone.contact_id, ContactPhone.number).where(
            col(ContactPhone.deleted_at).is_(None)
        )
    ).all():
        numbers.setdefault(contact_id, set()).add(number)
    book: dict[str, list[_Known]] = {}
    for c in contacts:
        known = _Known(
            id=c.id or 0,
            name=c.name,
            organization=orgs.get(c.organization_id or 0, ""),
            numbers=numbers.get(c.id or 0, set()),
            fields=_fillable(c),
        )
        book.setdefault(name_key(c.name), []).append(known)
    return book


def _plan_import(session: Session, cards: list[vcf.VCardContact]) -> list[_Known]:
    """Which contact each card is, and what it adds; the touched contacts in file order.

    A card is a contact already known (in the book, or earlier in the file) with the same
    name that shares a number with it or has the same organisation. A shared number alone
    is not enough: colleagues share a switchboard, and merging them would lose a person.
    A known contact's empty organisation, title, e-mail, notes and (in the same
    organisation) department are filled from the card; its name and name parts are kept.
    """
    book = _book(session)
    touched: dict[int, _Known] = {}
    next_new = -1
    for card in cards:
        data = _card_input(card)
        if not data.name:
            continue
        numbers = {n for n, _label in data.numbers}
        same_name = book.setdefault(name_key(data.name), [])
        match = next((k for k in same_name if k.numbers & numbers), None) or next(
            (k for k in same_name if k.organization == data.organization), None
        )
        if match is None:
            match = _Known(
                id=next_new,
                name=data.name,
                organization=data.organization,
                numbers=set(numbers),
                fields=_fillable(data),
                input=data,
            )
            next_new -= 1
            same_name.append(match)
            touched[match.id] = match
            continue
        touched.setdefault(match.id, match)
        for number, label in data.numbers:
            if number not in match.numbers:
                match.numbers.add(number)
                if match.input is not None:
                    match.input.numbers.append((number, label))
                else:
                    match.new_numbers.append((number, label))
        if data.organization and not match.organization:
            match.organization = data.organization
            if match.input is not None:
                match.input.organization = data.organization
            else:
                match.filled["organization"] = ["", data.organization]
        same_unit = data.organization == match.organization
        for key in FILLABLE:
            value = getattr(data, key) if getattr(data, key) != "other" else ""
            # A department belongs to its organisation: never one of another unit's.
            if value and not match.fields[key] and (same_unit or key != "department"):
                match.fields[key] = value
                if match.input is not None:
                    setattr(match.input, key, value)
                else:
                    match.filled[key] = ["other" if key == "relation" else "", value]
    return list(touched.values())


def import_vcards(
    session: Session,
    data: bytes,
    apply: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> ContactImportReport:
    """Add a vCard file's contacts to the book (see ``_plan_import`` for how a card is
    matched to a contact already there); with ``apply=False`` only say what it would do.

    All or nothing: the file is read in full first (``VCardError`` leaves the book as it
    was). Importing a file a second time changes nothing. A new contact keeps the card's
    name parts (derived from its name when the card has none, see ``names.parts_for``)
    and department. A card's ``cell`` phone is stored as ``mobile``; only its first e-mail
    address is kept. Each contact added or
    updated gets its own audit Event, and an import that changed anything one more
    (action ``import``). ``progress(done, total)`` is told the cards saved so far."""
    cards = vcf.parse_vcards(data)
    plan = _plan_import(session, cards)
    added = [k.name for k in plan if k.input is not None]
    updated = [k.name for k in plan if k.input is None and (k.new_numbers or k.filled)]
    unchanged = [k.name for k in plan if k.input is None and not (k.new_numbers or k.filled)]
    report = ContactImportReport(added=added, updated=updated, unchanged=unchanged)
    if not apply:
        return report
    now = clock.now_utc()
    added_ids: list[int] = []
    for done, known in enumerate(plan, start=1):
        if progress is not None:
            progress(done, len(plan))
        if known.input is not None:
            added_ids.append(add_contact(session, known.input).id)
            continue
        if not (known.new_numbers or known.filled):
            continue
        contact = live_contact(session, known.id)
        changes: dict[str, list] = dict(known.filled)
        for key, (_old, value) in known.filled.items():
            if key == "organization":
                contact.organization_id = find_or_create_organization(session, value)
            else:
                setattr(contact, key, value)
        if known.new_numbers:
            before = [
                [p.number, p.label] for p in live_phones(session, [known.id]).get(known.id, [])
            ]
            for number, label in known.new_numbers:
                session.add(ContactPhone(contact_id=known.id, number=number, label=label))
            changes["numbers"] = [before, before + [list(pair) for pair in known.new_numbers]]
        contact.updated_at = now
        session.add(contact)
        audit.record(session, "update", "contact", known.id, changes)
    updated_ids = [k.id for k in plan if k.input is None and (k.new_numbers or k.filled)]
    if added_ids or updated_ids:
        audit.record(
            session,
            "import",
            "contact",
            None,
            {"format": "vcard", "cards": len(cards), "added": added_ids, "updated": updated_ids},
        )
    return report


def export_vcards(session: Session) -> str:
    """Every live contact as vCard 3.0 text (CRLF line ends; encode as UTF-8), in the
    contact list's order: ``FN`` is the name, ``N`` the stored name parts (derived from the
    name for a contact that has none, see ``names.parts_for``), ``ORG`` the organisation
    and the department's units, ``CATEGORIES`` the relation to the office. A unit filed
    under its own name is marked as a company (``X-ABShowAs:COMPANY``) so phones show it as
    one. A ``mobile`` number is written as ``TYPE=cell``."""
    contacts = list(
        session.exec(
            select(Contact)
            .where(col(Contact.deleted_at).is_(None))
            .order_by(col(Contact.initials), col(Contact.name), col(Contact.id))
        ).all()
    )
    orgs = organization_names(session, {c.organization_id for c in contacts if c.organization_id})
    phones = live_phones(session, [c.id for c in contacts if c.id])
    cards = []
    for c in contacts:
        organization = orgs.get(c.organization_id or 0, "")
        parts = names.parts_for(c.name, names.parts_of(c), organization)
        cards.append(
            vcf.VCardContact(
                name=c.name,
                **parts._asdict(),
                organization=organization,
                departments=[u.strip() for u in c.department.split(UNIT_SEPARATOR) if u.strip()],
                company=not any(parts) and c.name == organization,
                title=c.title,
                phones=[
                    vcf.VCardPhone(p.number, _LABELS_OUT.get(p.label, p.label))
                    for p in phones.get(c.id or 0, [])
                ],
                emails=[c.email] if c.email else [],
                note=c.notes,
                categories=categories_of(c.relation),
            )
        )
    return vcf.write_vcards(cards)
