"""Duplicates in the contact book: pairs that may be one person, merging one into the other
(numbers, empty fields, calls and visits move) and taking a merge back.

Wing: office/contacts. Must not import screens, widgets, app, cli, care or demo; of
this package only ``lookup``.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from secdesk.calendar import clock
from secdesk.i18n import _
from secdesk.models import Call, Contact, ContactPhone, Relation, Visit
from secdesk.office.contacts.lookup import (
    TEXT_FIELDS,
    ContactRow,
    chunks,
    contact_rows,
    live_contact,
    live_phones,
    name_key,
)
from secdesk.services import audit
from secdesk.services.views import Saved, Undo

#: A number held by more live contacts than this is a switchboard (总机), shared by
#: colleagues on purpose: it does not make them look like duplicates.
SHARED_LINE = 3


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
        by_name.setdefault(name_key(name), []).append((cast(int, contact_id), org_id))
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
    for chunk in chunks(needed):
        contacts.extend(session.exec(select(Contact).where(col(Contact.id).in_(chunk))).all())
    rows_by_id = {row.id: row for row in contact_rows(session, contacts)}
    return [(rows_by_id[a], rows_by_id[b]) for a, b in unique]


def merge_contacts(session: Session, keep_id: int, other_id: int) -> Undo:
    """Make ``other`` part of ``keep``: its numbers are copied to ``keep`` (skipping any
    ``keep`` already has), ``keep``'s empty fields are filled from it, its calls and visits
    point to ``keep``, and it is deleted. Its own rows stay as they were, deleted, and the
    audit Event (action ``merge``) lists what moved; the returned token undoes it all
    (``unmerge``)."""
    if keep_id == other_id:
        raise ValueError("cannot merge a contact with itself")
    keep = live_contact(session, keep_id)
    other = live_contact(session, other_id)
    now = clock.now_utc()
    have = {p.number for p in live_phones(session, [keep_id]).get(keep_id, [])}
    copied: list[ContactPhone] = []
    for phone in live_phones(session, [other_id]).get(other_id, []):
        if phone.number not in have:
            have.add(phone.number)
            added = ContactPhone(contact_id=keep_id, number=phone.number, label=phone.label)
            session.add(added)
            copied.append(added)
    session.flush()
    filled: dict[str, list] = {}
    for key in ("organization_id", *TEXT_FIELDS):
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
    keep = live_contact(session, keep_id)
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
