"""The contact book: find people by name, pinyin initials or number; add, edit, delete,
merge (and unmerge). vCard files are in ``contact_cards``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import or_, update
from sqlmodel import Session, col, func, select

from secdesk.calendar import clock
from secdesk.config import Settings
from secdesk.i18n import N_, _
from secdesk.labels import label as value_label
from secdesk.models import Call, Contact, ContactPhone, Organization, Relation, Visit
from secdesk.office.contacts import names
from secdesk.office.contacts.phones import normalize_number
from secdesk.services import audit
from secdesk.services.patterns import like
from secdesk.services.records import RecordService
from secdesk.services.views import (
    Cell,
    ContactInput,
    ContactMatch,
    InvalidInput,
    ListFilter,
    Page,
    Row,
    Saved,
    Undo,
)

PAGE_SIZE = 100
#: Rows per ``IN (...)`` list, well under SQLite's limit on bound variables.
CHUNK = 500
#: A number held by more live contacts than this is a switchboard (总机), shared by
#: colleagues on purpose: it does not make them look like duplicates.
SHARED_LINE = 3


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
    return {cast(int, row[0]): row[1] for row in rows}  # primary keys of stored rows


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


def _live_contact(session: Session, contact_id: int) -> Contact:
    return SERVICE.get(session, contact_id)


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


_TEXT_FIELDS = (
    "title",
    "email",
    "notes",
    "department",
    "family_name",
    "given_name",
    "middle_name",
    "name_prefix",
    "name_suffix",
)


class ContactService(RecordService):
    """A contact's organisation is stored as a link to an Organization (created on first
    use) and its numbers as ContactPhone rows, normalised."""

    def validate(self, session: Session, data: ContactInput) -> ContactInput:
        data.name = data.name.strip()
        if not data.name:
            raise InvalidInput("name", N_("A contact needs a name"))
        if data.relation not in Relation.__members__:
            raise InvalidInput("relation", N_("Unknown relation"))
        data.organization = data.organization.strip()
        for name in _TEXT_FIELDS:
            setattr(data, name, getattr(data, name).strip())
        for number, label in data.numbers:
            if not any(ch.isdigit() for ch in number):
                raise InvalidInput(
                    "numbers",
                    _("Not a phone number: {text}").format(text=" ".join((number, label)).strip()),
                )
        data.numbers = _clean_numbers(data.numbers)
        return data

    def label_of(self, obj: Contact) -> str:
        return obj.name

    def _values(self, data: ContactInput, obj: Contact | None = None) -> dict[str, Any]:
        """The columns for ``data``. Name parts left empty are derived from the name
        (``names.parts_for``); a new name with the old parts gets new parts."""
        values = {name: getattr(data, name) for name in _TEXT_FIELDS}
        parts = names.parts_of(data)
        if obj is not None and data.name != obj.name and parts == names.parts_of(obj):
            parts = names.NameParts()
        values.update(names.parts_for(data.name, parts, data.organization)._asdict())
        values.update(name=data.name, initials=initials(data.name), relation=data.relation)
        return values

    def create(self, session: Session, data: ContactInput, **extra: Any) -> Saved:
        data = self.validate(session, data)
        contact = Contact(
            **self._values(data),
            organization_id=find_or_create_organization(session, data.organization),
            **extra,
        )
        session.add(contact)
        session.flush()
        assert contact.id is not None  # the flush gave it one
        for digits, label in data.numbers:
            session.add(ContactPhone(contact_id=contact.id, number=digits, label=label))
        audit.record(
            session,
            "create",
            "contact",
            contact.id,
            {
                **audit.values(contact),
                "organization": data.organization,
                "numbers": [list(pair) for pair in data.numbers],
            },
        )
        return Saved("contact", contact.id or 0, version=contact.version, label=contact.name)

    def input_of(self, session: Session, obj: Contact) -> ContactInput:
        org = _organization_names(session, {obj.organization_id} if obj.organization_id else set())
        phones = _live_phones(session, [obj.id or 0]).get(obj.id or 0, [])
        return ContactInput(
            name=obj.name,
            organization=org.get(obj.organization_id or 0, ""),
            relation=obj.relation,
            numbers=[(p.number, p.label) for p in phones],
            **{name: getattr(obj, name) for name in _TEXT_FIELDS},
        )

    def update(
        self,
        session: Session,
        record_id: int,
        data: ContactInput,
        seen_version: int | None = None,
    ) -> Saved:
        """Its numbers become exactly ``data.numbers``; the audit Event keeps every old
        value as ``{field: [old, new]}``."""
        contact = self.for_update(session, record_id, seen_version)
        data = self.validate(session, data)
        now = clock.now_utc()
        extra: dict[str, list[Any]] = {}
        old_org = self.input_of(session, contact).organization
        if old_org != data.organization:
            extra["organization"] = [old_org, data.organization]
            contact.organization_id = find_or_create_organization(session, data.organization)
        old_numbers, new_numbers = _set_numbers(session, record_id, data.numbers, now)
        if old_numbers != new_numbers:
            extra["numbers"] = [old_numbers, new_numbers]
        audit.apply_edit(session, contact, "contact", self._values(data, contact), extra=extra)
        return Saved("contact", record_id, version=contact.version, label=contact.name)

    def detail_values(self, session: Session, obj: Contact) -> dict[str, Any]:
        data = self.input_of(session, obj)
        numbers = ", ".join(f"{n} ({label})" if label else n for n, label in data.numbers)
        return {"organization": data.organization, "numbers": numbers}

    def filtered(self, flt: ListFilter) -> Any:
        """``text`` matches the name (anywhere), the pinyin initials (from the start), the
        organisation's name or short name, and the digits of a number (anywhere)."""
        query = select(Contact).where(col(Contact.deleted_at).is_(None))
        relation = flt.choices.get("relation")
        if relation:
            query = query.where(Contact.relation == relation)
        text = flt.text.strip()
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
                conditions.append(
                    col(Contact.initials).like(like(text.lower(), "prefix"), escape="\\")
                )
            number = normalize_number(text)
            if len(number) >= 3:
                phones = select(ContactPhone.contact_id).where(
                    col(ContactPhone.number).like(like(number), escape="\\"),
                    col(ContactPhone.deleted_at).is_(None),
                )
                conditions.append(col(Contact.id).in_(phones))
            query = query.where(or_(*conditions))
        return query

    def ordered(self, query: Any) -> Any:
        """Pinyin order: by initials, then name."""
        return query.order_by(col(Contact.initials), col(Contact.name), col(Contact.id))

    def rows(
        self, session: Session, found: list[Any], today: date, settings: Settings
    ) -> list[Row]:
        return [
            Row(
                "contact",
                r.id,
                (
                    Cell(r.name),
                    Cell(value_label("relation", r.relation)),
                    Cell(r.title),
                    Cell(r.organization),
                    Cell(r.numbers),
                ),
                asdict(r),
            )
            for r in _rows(session, found)
        ]


SERVICE = ContactService("contact")


def add_contact(session: Session, data: ContactInput) -> Saved:
    """Add a person with their numbers."""
    return SERVICE.create(session, data)


def update_contact(
    session: Session, contact_id: int, data: ContactInput, seen_version: int | None = None
) -> Saved:
    return SERVICE.update(session, contact_id, data, seen_version)


def get_input(session: Session, contact_id: int) -> ContactInput:
    """A saved contact as the form's fields, for editing."""
    return SERVICE.input_of(session, _live_contact(session, contact_id))


def list_contacts(
    session: Session,
    text: str = "",
    relation: str | None = None,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> Page:
    """One page of live contacts in pinyin order, and how many match in all."""
    flt = ListFilter(text=text, choices={"relation": relation or ""})
    return SERVICE.page(session, flt, offset, limit)


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
        # contact_id is the primary key of a stored row: never None.
        by_name.setdefault(_name_key(name), []).append((cast(int, contact_id), org_id))
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


def merge_contacts(session: Session, keep_id: int, other_id: int) -> Undo:
    """Make ``other`` part of ``keep``: its numbers are copied to ``keep`` (skipping any
    ``keep`` already has), ``keep``'s empty fields are filled from it, its calls and visits
    point to ``keep``, and it is deleted. Its own rows stay as they were, deleted, and the
    audit Event (action ``merge``) lists what moved; the returned token undoes it all
    (``unmerge``)."""
    if keep_id == other_id:
        raise ValueError("cannot merge a contact with itself")
    keep = _live_contact(session, keep_id)
    other = _live_contact(session, other_id)
    now = clock.now_utc()
    have = {p.number for p in _live_phones(session, [keep_id]).get(keep_id, [])}
    copied: list[ContactPhone] = []
    for phone in _live_phones(session, [other_id]).get(other_id, []):
        if phone.number not in have:
            have.add(phone.number)
            added = ContactPhone(contact_id=keep_id, number=phone.number, label=phone.label)
            session.add(added)
            copied.append(added)
    session.flush()
    filled: dict[str, list] = {}
    for key in ("organization_id", *_TEXT_FIELDS):
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
    audit.touch(keep)
    audit.touch(other)
    other.deleted_at = now
    session.add(keep)
    session.add(other)
    moved = {
        "merged": other_id,
        "numbers": [[p.number, p.label] for p in copied],
        "phone_ids": [p.id for p in copied],
        "filled": filled,
        "calls": calls,
        "visits": visits,
    }
    audit.record(session, "merge", "contact", keep_id, moved)
    audit.record(session, "delete", "contact", other_id, {"merged_into": keep_id})
    return Undo(
        "contact",
        keep_id,
        "unmerge",
        _("merged {other} into {keep}").format(other=other.name, keep=keep.name),
        moved,
    )


def unmerge(session: Session, token: Undo) -> Saved:
    """Take a merge back: the merged contact returns with its calls and visits, the numbers
    copied from it leave the kept one, and the fields filled from it are emptied again."""
    keep_id, moved = token.record_id, token.data
    other_id = int(moved["merged"])
    keep = _live_contact(session, keep_id)
    other = session.get(Contact, other_id)
    if other is None:
        raise LookupError(other_id)
    now = clock.now_utc()
    for phone_id in moved.get("phone_ids", []):
        phone = session.get(ContactPhone, phone_id)
        if phone is not None and phone.deleted_at is None:
            phone.deleted_at = now
            session.add(phone)
    for key, (old, new) in moved.get("filled", {}).items():
        if getattr(keep, key) == new:
            setattr(keep, key, old)
    if moved.get("calls"):
        session.exec(
            update(Call).where(col(Call.id).in_(moved["calls"])).values(contact_id=other_id)
        )
    if moved.get("visits"):
        session.exec(
            update(Visit).where(col(Visit.id).in_(moved["visits"])).values(contact_id=other_id)
        )
    other.deleted_at = None
    audit.touch(keep)
    audit.touch(other)
    session.add(keep)
    session.add(other)
    audit.record(session, "unmerge", "contact", keep_id, {"restored": other_id})
    audit.record(session, "restore", "contact", other_id, {"unmerged_from": keep_id})
    return Saved("contact", other_id, version=other.version, label=other.name)
