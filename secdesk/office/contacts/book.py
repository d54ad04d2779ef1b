"""The contact book: add, edit and list people with their numbers (``ContactService``).
Looking people up is ``lookup``'s, duplicates and merging ``merging``'s, vCard files
``cards``'.

Wing: office/contacts. Must not import screens, widgets, app, cli, care or demo; of
this package only ``names``, ``phones``, ``lookup`` and ``merging``.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.config import Settings
from secdesk.i18n import N_, _
from secdesk.labels import label as value_label
from secdesk.models import Contact, ContactPhone, Organization
from secdesk.office.contacts import names
from secdesk.office.contacts.lookup import (
    TEXT_FIELDS,
    ContactRow,
    by_number,
    by_numbers,
    clean_numbers,
    contact_rows,
    initials,
    live_contact,
    live_phones,
    organization_names,
    suggest,
)
from secdesk.office.contacts.merging import find_duplicates, merge_contacts, unmerge
from secdesk.office.contacts.phones import normalize_number
from secdesk.services import audit
from secdesk.services.inputs import ContactInput
from secdesk.services.patterns import like
from secdesk.services.phrases import listing, with_detail
from secdesk.services.records import RecordService
from secdesk.services.views import Cell, InvalidInput, ListFilter, Page, Row, Saved

#: Reached through this module by the calls, the screens, the form's suggestions, the
#: kind's declaration and the undo table (``unmerge``); each lives in the module named in
#: its import.
__all__ = [
    "SERVICE",
    "ContactRow",
    "add_contact",
    "by_number",
    "by_numbers",
    "find_duplicates",
    "find_or_create_organization",
    "get_input",
    "list_contacts",
    "merge_contacts",
    "suggest",
    "unmerge",
    "update_contact",
]

PAGE_SIZE = 100


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


def _set_numbers(
    session: Session, contact_id: int, wanted: list[tuple[str, str]], now: datetime
) -> tuple[list[list[str]], list[list[str]]]:
    """Make the contact's live numbers ``wanted`` (already clean): removed ones are
    soft-deleted, new ones added, changed labels updated. Returns (old, new) for the audit
    trail; equal when nothing changed."""
    phones = live_phones(session, [contact_id]).get(contact_id, [])
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


class ContactService(RecordService):
    """A contact's organisation is stored as a link to an Organization (created on first
    use) and its numbers as ContactPhone rows, normalised."""

    def validate(self, session: Session, data: ContactInput) -> ContactInput:
        self.required(data, "name", N_("A contact needs a name"))
        data = super().validate(session, data)
        data.organization = data.organization.strip()
        for name in TEXT_FIELDS:
            setattr(data, name, getattr(data, name).strip())
        for number, label in data.numbers:
            if not any(ch.isdigit() for ch in number):
                raise InvalidInput(
                    "numbers",
                    _("Not a phone number: {text}").format(text=" ".join((number, label)).strip()),
                )
        data.numbers = clean_numbers(data.numbers)
        return data

    def label_of(self, obj: Contact) -> str:
        return obj.name

    def _values(self, data: ContactInput, obj: Contact | None = None) -> dict[str, Any]:
        """The columns for ``data``. Name parts left empty are derived from the name
        (``names.parts_for``); a new name with the old parts gets new parts."""
        values = {name: getattr(data, name) for name in TEXT_FIELDS}
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
        org = organization_names(session, {obj.organization_id} if obj.organization_id else set())
        phones = live_phones(session, [obj.id or 0]).get(obj.id or 0, [])
        return ContactInput(
            name=obj.name,
            organization=org.get(obj.organization_id or 0, ""),
            relation=obj.relation,
            numbers=[(p.number, p.label) for p in phones],
            **{name: getattr(obj, name) for name in TEXT_FIELDS},
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
        numbers = listing([with_detail(n, label) for n, label in data.numbers])
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
                    col(Organization.name).ilike(pattern, escape="\\"),
                    col(Organization.short_name).ilike(pattern, escape="\\"),
                )
            )
            conditions = [
                col(Contact.name).ilike(pattern, escape="\\"),
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
            for r in contact_rows(session, found)
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
    return SERVICE.input_of(session, live_contact(session, contact_id))


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
