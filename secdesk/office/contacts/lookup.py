"""Looking people up in the contact book: by name, pinyin initials or number, as the forms
suggest them and as a call's number finds its caller; and the reading helpers the book,
merging and vCards share (live numbers, organisation names, the list's rows).

Wing: office/contacts. Must not import screens, widgets, app, cli, care or demo; of
this package only ``names`` and ``phones``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from sqlalchemy import or_
from sqlmodel import Session, col, select

from secdesk.models import Contact, ContactPhone, Organization
from secdesk.office.contacts import names
from secdesk.office.contacts.phones import normalize_number
from secdesk.services.patterns import like
from secdesk.services.views import ContactMatch, RecordGone

#: Rows per ``IN (...)`` list, well under SQLite's limit on bound variables.
CHUNK = 500
#: A contact's free-text columns besides the name (the name's parts come from ``names``).
TEXT_FIELDS = ("title", "email", "notes", "department", *names.NameParts._fields)


@dataclass(frozen=True)
class ContactRow:
    """One contact in the contact book's list."""

    id: int
    name: str
    organization: str
    title: str
    relation: str
    numbers: str
    """Every live number, in the order added, joined with ", "."""
    notes: str


# ------------------------------------------------------------------ numbers and names


def initials(name: str) -> str:
    """Pinyin initials of a Chinese name (张三 -> zs); other letters lower-cased as they are."""
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    return "".join(part[:1] for part in letters if part).lower()


def name_key(name: str) -> str:
    """A name as compared for duplicates: case and spacing do not count (张 三 is 张三)."""
    if names.is_cjk(name):
        return "".join(name.split()).casefold()
    return " ".join(name.split()).casefold()


def clean_numbers(numbers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Normalised, without empties and repeats (the first label of a number wins)."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for number, label in numbers:
        digits = normalize_number(number)
        if digits and digits not in seen:
            seen.add(digits)
            out.append((digits, label.strip()))
    return out


def chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ------------------------------------------------------------------ looking people up


def organization_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.exec(
        select(Organization.id, Organization.name).where(col(Organization.id).in_(ids))
    ).all()
    return {cast(int, row[0]): row[1] for row in rows}  # primary keys of stored rows


def live_phones(session: Session, contact_ids: list[int]) -> dict[int, list[ContactPhone]]:
    phones: dict[int, list[ContactPhone]] = {}
    for chunk in chunks(contact_ids):
        rows = session.exec(
            select(ContactPhone)
            .where(col(ContactPhone.contact_id).in_(chunk), col(ContactPhone.deleted_at).is_(None))
            .order_by(col(ContactPhone.id))
        ).all()
        for phone in rows:
            phones.setdefault(phone.contact_id, []).append(phone)
    return phones


def _first_numbers(session: Session, contact_ids: list[int]) -> dict[int, str]:
    phones = live_phones(session, contact_ids)
    return {cid: rows[0].number for cid, rows in phones.items()}


def _matches(
    session: Session, contacts: list[Contact], number_hint: dict[int, str] | None = None
) -> list[ContactMatch]:
    orgs = organization_names(session, {c.organization_id for c in contacts if c.organization_id})
    numbers = _first_numbers(session, [c.id for c in contacts if c.id])
    if number_hint:
        numbers.update(number_hint)
    return [
        ContactMatch(
            id=c.id or 0,
            name=c.name,
            organization=orgs.get(c.organization_id or 0, ""),
            number=numbers.get(c.id or 0, ""),
            title=c.title,
        )
        for c in contacts
    ]


def suggest(session: Session, text: str, limit: int = 5) -> list[ContactMatch]:
    """Contacts whose name starts with (or contains) ``text``, or whose pinyin initials or a
    number start with it; best matches first."""
    text = text.strip()
    if not text:
        return []
    live = col(Contact.deleted_at).is_(None)
    found: list[Contact] = list(
        session.exec(
            select(Contact)
            .where(live, col(Contact.name).ilike(like(text, "prefix"), escape="\\"))
            .order_by(col(Contact.name))
            .limit(limit)
        ).all()
    )
    seen = {c.id for c in found}
    if len(found) < limit:
        conditions = [col(Contact.name).ilike(like(text), escape="\\")]
        if text.isascii() and text.isalpha():
            conditions.append(col(Contact.initials).like(like(text.lower(), "prefix"), escape="\\"))
        number = normalize_number(text)
        if len(number) >= 3:
            phone_ids = select(ContactPhone.contact_id).where(
                col(ContactPhone.number).like(like(number, "prefix"), escape="\\"),
                col(ContactPhone.deleted_at).is_(None),
            )
            conditions.append(col(Contact.id).in_(phone_ids))
        more = session.exec(
            select(Contact)
            .where(live, or_(*conditions))
            .order_by(col(Contact.name))
            .limit(limit * 2)
        ).all()
        found.extend(c for c in more if c.id not in seen)
    return _matches(session, found[:limit])


def by_number(session: Session, number: str) -> ContactMatch | None:
    """The contact who has this phone number, however it was typed (the earliest-added
    holder of a shared number)."""
    return by_numbers(session, [number]).get(normalize_number(number))


def by_numbers(session: Session, numbers: Iterable[str]) -> dict[str, ContactMatch]:
    """``by_number`` for many numbers in a few queries: normalised number -> contact.

    Numbers nobody has (and numbers shorter than 3 digits) are left out."""
    wanted = sorted({d for n in numbers if len(d := normalize_number(n)) >= 3})
    holders: dict[str, int] = {}
    for chunk in chunks(wanted):
        rows = session.exec(
            select(ContactPhone.number, ContactPhone.contact_id)
            .join(Contact, col(ContactPhone.contact_id) == col(Contact.id))
            .where(
                col(ContactPhone.number).in_(chunk),
                col(ContactPhone.deleted_at).is_(None),
                col(Contact.deleted_at).is_(None),
            )
            .order_by(col(ContactPhone.id))
        ).all()
        for number, contact_id in rows:
            holders.setdefault(number, contact_id)
    if not holders:
        return {}
    contacts: dict[int, Contact] = {}
    for chunk in chunks(sorted(set(holders.values()))):
        for contact in session.exec(select(Contact).where(col(Contact.id).in_(chunk))).all():
            contacts[contact.id or 0] = contact
    orgs = organization_names(
        session, {c.organization_id for c in contacts.values() if c.organization_id}
    )
    out: dict[str, ContactMatch] = {}
    for number, contact_id in holders.items():
        c = contacts[contact_id]
        out[number] = ContactMatch(
            id=contact_id,
            name=c.name,
            organization=orgs.get(c.organization_id or 0, ""),
            number=number,
            title=c.title,
        )
    return out


def contact_rows(session: Session, contacts: list[Contact]) -> list[ContactRow]:
    orgs = organization_names(session, {c.organization_id for c in contacts if c.organization_id})
    phones = live_phones(session, [c.id for c in contacts if c.id])
    return [
        ContactRow(
            id=c.id or 0,
            name=c.name,
            organization=orgs.get(c.organization_id or 0, ""),
            title=c.title,
            relation=c.relation,
            numbers=", ".join(p.number for p in phones.get(c.id or 0, [])),
            notes=c.notes,
        )
        for c in contacts
    ]


def live_contact(session: Session, contact_id: int) -> Contact:
    """The live contact; ``RecordGone`` if it is deleted or was never there."""
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise RecordGone("contact", contact_id)
    return contact
