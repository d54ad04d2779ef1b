"""What the contact book suggests to lookup fields while typing: contacts (by name, pinyin
initials or number), organisations, and the holder of a phone number. The contact kind
declares these sources (``Kind.suggests``); ``services.lookups`` only asks.

Wing: office/contacts. Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from secdesk.models import Organization
from secdesk.office.contacts import book
from secdesk.services.lookups import Suggestion
from secdesk.services.patterns import like


def contacts(session: Session, text: str, limit: int) -> list[Suggestion]:
    """Contacts like ``text``; picking one fills the number, organisation and contact."""
    return [
        Suggestion(
            " · ".join(p for p in (m.name, m.organization, m.number) if p),
            m.name,
            {"number": m.number, "organization": m.organization, "contact_id": m.id},
        )
        for m in book.suggest(session, text, limit)
    ]


def organizations(session: Session, text: str, limit: int) -> list[Suggestion]:
    """Organisations whose name holds ``text``, those starting with it first."""
    names = session.exec(
        select(Organization.name)
        .where(
            col(Organization.deleted_at).is_(None),
            col(Organization.name).ilike(like(text), escape="\\"),
        )
        .order_by(col(Organization.name).ilike(like(text, "prefix"), escape="\\").desc())
        .order_by(col(Organization.name))
        .limit(limit)
    ).all()
    return [Suggestion(name, name) for name in names]


def holder(session: Session, number: str, limit: int) -> list[Suggestion]:
    """The contact who has this phone number (however it was typed), filling a call's
    fields."""
    match = book.by_number(session, number)
    if match is None:
        return []
    shown = " · ".join(p for p in (match.name, match.title, match.organization) if p)
    return [
        Suggestion(
            shown,
            match.name,
            {"number": match.number, "organization": match.organization, "contact_id": match.id},
        )
    ]
