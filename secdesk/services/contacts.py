"""The contact book: find people by name, pinyin initials or number; add, edit, delete,
merge. vCard files are in ``contact_cards``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, update
from sqlmodel import Session, col, func, select

from secdesk import clock
from secdesk.i18n import N_
from secdesk.models import Call, Contact, ContactPhone, Organization, Relation, Visit
from secdesk.services import audit, names
from secdesk.services.phones import normalize_number
from secdesk.services.rows import like
from secdesk.services.views import ContactMatch, InvalidInput, Page

PAGE_SIZE = 100
#: Rows per ``IN (...)`` list, well under SQLite's limit on bound variables.
CHUNK = 500
#: A number held by more live contacts than this is a switchboard (总机), shared by
#: colleagues on purpose: it does not make them look like duplicates.
SHARED_LINE = 3


@dataclass
class ContactInput:
    """The fields of the contact form, as typed."""

    name: str
    organization: str = ""
    """The organisation's name; a new name creates the Organization."""
    title: str = ""
    relation: str = Relation.other
    numbers: list[tuple[str, str]] = field(default_factory=list)
    """``(number, label)`` pairs; numbers are stored normalised (see ``normalize_number``)."""
    email: str = ""
    notes: str = ""
    department: str = ""
    """The unit inside the organisation (vCard ``ORG``'s later parts, joined with ";")."""
    family_name: str = ""
    """The name's structured parts (vCard ``N``, see ``names.NameParts``); left empty,
    they are derived from the name (``names.parts_for``)."""
    given_name: str = ""
    middle_name: str = ""
    name_prefix: str = ""
    name_suffix: str = ""


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


def _name_key(name: str) -> str:
    """A name as compared for duplicates: case and spacing do not count (张 三 is 张三)."""
    if names.is_cjk(name):
        return "".join(name.split()).casefold()
    return " ".join(name.split()).casefold()


def _clean_numbers(numbers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Normalised, without empties and repeats (the first label of a number wins)."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for number, label in numbers:
        digits = normalize_number(number)
        if digits and digits not in seen:
            seen.add(digits)
            out.append((digits, label.strip()))
    return out


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ------------------------------------------------------------------ looking people up


def _organization_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.exec(
        select(Organization.id, Organization.name).where(col(Organization.id).in_(ids))
    ).all()
    return {row[0]: row[1] for row in rows}


def _live_phones(session: Session, contact_ids: list[int]) -> dict[int, list[ContactPhone]]:
    phones: dict[int, list[ContactPhone]] = {}
    for chunk in _chunks(contact_ids):
        rows = session.exec(
            select(ContactPhone)
            .where(col(ContactPhone.contact_id).in_(chunk), col(ContactPhone.deleted_at).is_(None))
            .order_by(col(ContactPhone.id))
        ).all()
        for phone in rows:
            phones.setdefault(phone.contact_id, []).append(phone)
    return phones


def _first_numbers(session: Session, contact_ids: list[int]) -> dict[int, str]:
    phones = _live_phones(session, contact_ids)
    return {cid: rows[0].number for cid, rows in phones.items()}


def _matches(
    session: Session, contacts: list[Contact], number_hint: dict[int, str] | None = None
) -> list[ContactMatch]:
    orgs = _organization_names(session, {c.organization_id for c in contacts if c.organization_id})
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
            .where(live, col(Contact.name).like(like(text, "prefix"), escape="\\"))
            .order_by(col(Contact.name))
            .limit(limit)
        ).all()
    )
    seen = {c.id for c in found}
    if len(found) < limit:
        conditions = [col(Contact.name).like(like(text), escape="\\")]
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
    for chunk in _chunks(wanted):
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
    for chunk in _chunks(sorted(set(holders.values()))):
        for contact in session.exec(select(Contact).where(col(Contact.id).in_(chunk))).all():
            contacts[contact.id or 0] = contact
    orgs = _organization_names(
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


def _rows(session: Session, contacts: list[Contact]) -> list[ContactRow]:
    orgs = _organization_names(session, {c.organization_id for c in contacts if c.organization_id})
    phones = _live_phones(session, [c.id for c in contacts if c.id])
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


def list_contacts(
    session: Session,
    text: str = "",
    relation: str | None = None,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> Page:
    """One page of live contacts in pinyin order (by initials, then name), and how many
    match in all (paged and counted in SQL).

    ``text`` matches the name (anywhere), the pinyin initials (from the start), the
    organisation's name or short name, and the digits of a number (anywhere)."""
    query = select(Contact).where(col(Contact.deleted_at).is_(None))
    if relation:
        query = query.where(Contact.relation == relation)
    text = text.strip()
    if text:
        pattern = like(text)
        orgs = select(Organization.id).where(
            or_(
                col(Organization.name).like(pattern, escape="\\"),
                col(Organization.short_name).like(pattern, escape="\\"),
            )
        )
        conditions = [
            col(Contact.name).like(pattern, escape="\\"),
            col(Contact.organization_id).in_(orgs),
        ]
        if text.isascii() and text.isalpha():
            conditions.append(col(Contact.initials).like(like(text.lower(), "prefix"), escape="\\"))
        number = normalize_number(text)
        if len(number) >= 3:
            phones = select(ContactPhone.contact_id).where(
                col(ContactPhone.number).like(like(number), escape="\\"),
                col(ContactPhone.deleted_at).is_(None),
            )
            conditions.append(col(Contact.id).in_(phones))
        query = query.where(or_(*conditions))
    rows = session.exec(
        query.order_by(col(Contact.initials), col(Contact.name), col(Contact.id))
        .offset(offset)
        .limit(limit)
    ).all()
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    return Page(_rows(session, list(rows)), offset, int(total))


# ------------------------------------------------------------------ adding and editing


def find_or_create_organization(session: Session, name: str) -> int | None:
    name = name.strip()
    if not name:
        return None
    found = session.exec(
        select(Organization.id).where(
            Organization.name == name, col(Organization.deleted_at).is_(None)
        )
    ).first()
    if found:
        return found
    org = Organization(name=name)
    session.add(org)
    session.flush()
    audit.record(session, "create", "organization", org.id, {"name": name})
    return org.id


def _check(name: str, relation: str) -> str:
    name = name.strip()
    if not name:
        raise InvalidInput("name", N_("A contact needs a name"))
    if relation not in Relation.__members__:
        raise InvalidInput("relation", N_("Unknown relation"))
    return name


def add_contact(
    session: Session,
    name: str,
    numbers: list[tuple[str, str]] | None = None,
    organization: str = "",
    title: str = "",
    relation: str = "other",
    notes: str = "",
    email: str = "",
    department: str = "",
    family_name: str = "",
    given_name: str = "",
    middle_name: str = "",
    name_prefix: str = "",
    name_suffix: str = "",
) -> int:
    """Add a person with their numbers ``[(number, label)]``; returns the contact id.

    Name parts left empty are derived from the name (``names.parts_for``).
    ``add_contact(session, **asdict(contact_input))`` saves a ``ContactInput``."""
    name = _check(name, relation)
    parts = names.NameParts(family_name, given_name, middle_name, name_prefix, name_suffix)
    contact = Contact(
        name=name,
        initials=initials(name),
        organization_id=find_or_create_organization(session, organization),
        title=title.strip(),
        relation=relation,
        notes=notes.strip(),
        email=email.strip(),
        department=department.strip(),
        **names.parts_for(name, parts, organization)._asdict(),
    )
    session.add(contact)
    session.flush()
    cleaned = _clean_numbers(numbers or [])
    for digits, label in cleaned:
        session.add(ContactPhone(contact_id=contact.id, number=digits, label=label))
    audit.record(
        session,
        "create",
        "contact",
        contact.id,
        {
            **audit.values(contact),
            "organization": organization.strip(),
            "numbers": [list(pair) for pair in cleaned],
        },
    )
    return contact.id or 0


def _live_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise LookupError(contact_id)
    return contact


def get_input(session: Session, contact_id: int) -> ContactInput:
    """A saved contact as the form's fields, for editing."""
    contact = _live_contact(session, contact_id)
    org = _organization_names(
        session, {contact.organization_id} if contact.organization_id else set()
    )
    phones = _live_phones(session, [contact_id]).get(contact_id, [])
    return ContactInput(
        name=contact.name,
        organization=org.get(contact.organization_id or 0, ""),
        title=contact.title,
        relation=contact.relation,
        numbers=[(p.number, p.label) for p in phones],
        email=contact.email,
        notes=contact.notes,
        department=contact.department,
        **names.parts_of(contact)._asdict(),
    )


def _set_numbers(
    session: Session, contact_id: int, wanted: list[tuple[str, str]], now: datetime
) -> tuple[list[list[str]], list[list[str]]]:
    """Make the contact's live numbers ``wanted`` (already clean): removed ones are
    soft-deleted, new ones added, changed labels updated. Returns (old, new) for the audit
    trail; equal when nothing changed."""
    phones = _live_phones(session, [contact_id]).get(contact_id, [])
    old = [[p.number, p.label] for p in phones]
    labels = dict(wanted)
    kept: set[str] = set()
    for phone in phones:
        if phone.number in labels and phone.number not in kept:
            kept.add(phone.number)
            if phone.label != labels[phone.number]:
                phone.label = labels[phone.number]
                phone.updated_at = now
                session.add(phone)
        else:
            phone.deleted_at = now
            session.add(phone)
    for number, label in wanted:
        if number not in kept:
            session.add(ContactPhone(contact_id=contact_id, number=number, label=label))
    return old, [list(pair) for pair in wanted]


def update_contact(session: Session, contact_id: int, data: ContactInput) -> None:
    """Save changes to a contact; its numbers become exactly ``data.numbers``. A new name
    with the old name parts gets new parts (``names.parts_for``). The audit Event keeps
    every old value as ``{field: [old, new]}``."""
    name = _check(data.name, data.relation)
    contact = _live_contact(session, contact_id)
    now = clock.now_utc()
    old_org = _organization_names(
        session, {contact.organization_id} if contact.organization_id else set()
    ).get(contact.organization_id or 0, "")
    changes: dict[str, list] = {}
    if old_org != data.organization.strip():
        changes["organization"] = [old_org, data.organization.strip()]
        contact.organization_id = find_or_create_organization(session, data.organization)
    parts = names.parts_of(data)
    if name != contact.name and parts == names.parts_of(contact):
        parts = names.NameParts()
    new = {
        "name": name,
        "initials": initials(name),
        **names.parts_for(name, parts, data.organization)._asdict(),
        "department": data.department.strip(),
        "title": data.title.strip(),
        "relation": data.relation,
        "email": data.email.strip(),
        "notes": data.notes.strip(),
    }
    for key, value in new.items():
        old = getattr(contact, key)
        if old != value:
            changes[key] = [old, value]
            setattr(contact, key, value)
    old_numbers, new_numbers = _set_numbers(session, contact_id, _clean_numbers(data.numbers), now)
    if old_numbers != new_numbers:
        changes["numbers"] = [old_numbers, new_numbers]
    if changes:
        contact.updated_at = now
        session.add(contact)
        audit.record(session, "update", "contact", contact_id, changes)


def delete_contact(session: Session, contact_id: int) -> None:
    """Delete a contact so that ``restore_contact`` can bring it back (its numbers stay
    with it, unused while it is deleted)."""
    contact = _live_contact(session, contact_id)
    contact.deleted_at = clock.now_utc()
    session.add(contact)
    audit.record(session, "delete", "contact", contact_id, audit.values(contact))


def restore_contact(session: Session, contact_id: int) -> None:
    """Undo ``delete_contact`` (or the delete part of a merge)."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise LookupError(contact_id)
    if contact.deleted_at is None:
        return
    contact.deleted_at = None
    contact.updated_at = clock.now_utc()
    session.add(contact)
    audit.record(session, "restore", "contact", contact_id, {})


# ------------------------------------------------------------------ duplicates


def find_duplicates(session: Session, limit: int = 100) -> list[tuple[ContactRow, ContactRow]]:
    """Pairs of live contacts that may be one person, the older contact first: the same
    name (ignoring case and spaces) in the same organisation or with either organisation
    empty, or a shared number (not a switchboard held by more than ``SHARED_LINE``)."""
    people = session.exec(
        select(Contact.id, Contact.name, Contact.organization_id)
        .where(col(Contact.deleted_at).is_(None))
        .order_by(col(Contact.id))
    ).all()
    by_name: dict[str, list[tuple[int, int | None]]] = {}
    for contact_id, name, org_id in people:
        by_name.setdefault(_name_key(name), []).append((contact_id, org_id))
    pairs: list[tuple[int, int]] = []
    for group in by_name.values():
        for i, (a, org_a) in enumerate(group):
            for b, org_b in group[i + 1 :]:
                if org_a == org_b or org_a is None or org_b is None:
                    pairs.append((a, b))
    shared = (
        select(ContactPhone.number)
        .join(Contact, col(ContactPhone.contact_id) == col(Contact.id))
        .where(col(ContactPhone.deleted_at).is_(None), col(Contact.deleted_at).is_(None))
        .group_by(col(ContactPhone.number))
        .having(func.count(func.distinct(ContactPhone.contact_id)).between(2, SHARED_LINE))
    )
    holders: dict[str, list[int]] = {}
    rows = session.exec(
        select(ContactPhone.number, ContactPhone.contact_id)
        .where(col(ContactPhone.number).in_(shared), col(ContactPhone.deleted_at).is_(None))
        .order_by(col(ContactPhone.contact_id))
    ).all()
    live = {row[0] for row in people}
    for number, contact_id in rows:
        ids = holders.setdefault(number, [])
        if contact_id in live and contact_id not in ids:
            ids.append(contact_id)
    for ids in holders.values():
        pairs.extend((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    unique = list(dict.fromkeys(pairs))[:limit]
    needed = sorted({i for pair in unique for i in pair})
    contacts: list[Contact] = []
    for chunk in _chunks(needed):
        contacts.extend(session.exec(select(Contact).where(col(Contact.id).in_(chunk))).all())
    rows_by_id = {row.id: row for row in _rows(session, contacts)}
    return [(rows_by_id[a], rows_by_id[b]) for a, b in unique]


def merge_contacts(session: Session, keep_id: int, other_id: int) -> None:
    """Make ``other`` part of ``keep``: its numbers are copied to ``keep`` (skipping any
    ``keep`` already has), ``keep``'s empty fields are filled from it, its calls and visits
    point to ``keep``, and it is deleted. Its own rows stay as they were, deleted, and the
    audit Event (action ``merge``) lists what moved."""
    if keep_id == other_id:
        raise ValueError("cannot merge a contact with itself")
    keep = _live_contact(session, keep_id)
    other = _live_contact(session, other_id)
    now = clock.now_utc()
    have = {p.number for p in _live_phones(session, [keep_id]).get(keep_id, [])}
    copied: list[list[str]] = []
    for phone in _live_phones(session, [other_id]).get(other_id, []):
        if phone.number not in have:
            have.add(phone.number)
            session.add(ContactPhone(contact_id=keep_id, number=phone.number, label=phone.label))
            copied.append([phone.number, phone.label])
    filled: dict[str, list] = {}
    for key in ("organization_id", "title", "email", "notes"):
        if not getattr(keep, key) and getattr(other, key):
            filled[key] = [getattr(keep, key), getattr(other, key)]
            setattr(keep, key, getattr(other, key))
    if keep.relation == Relation.other and other.relation != Relation.other:
        filled["relation"] = [keep.relation, other.relation]
        keep.relation = other.relation
    calls = list(session.exec(select(Call.id).where(Call.contact_id == other_id)).all())
    visits = list(session.exec(select(Visit.id).where(Visit.contact_id == other_id)).all())
    if calls:
        session.exec(
            update(Call).where(col(Call.contact_id) == other_id).values(contact_id=keep_id)
        )
    if visits:
        session.exec(
            update(Visit).where(col(Visit.contact_id) == other_id).values(contact_id=keep_id)
        )
    keep.updated_at = now
    other.deleted_at = now
    session.add(keep)
    session.add(other)
    audit.record(
        session,
        "merge",
        "contact",
        keep_id,
        {
            "merged": other_id,
            "numbers": copied,
            "filled": filled,
            "calls": calls,
            "visits": visits,
        },
    )
    audit.record(session, "delete", "contact", other_id, {"merged_into": keep_id})
