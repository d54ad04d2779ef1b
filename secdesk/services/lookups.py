"""Suggestions while typing in a form: contacts, organisations, what was typed before."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from secdesk.kinds import get, resolve
from secdesk.models import Organization
from secdesk.services.patterns import like


@dataclass(frozen=True)
class Suggestion:
    """One suggestion: what it shows, what it puts in the field, and what else it fills."""

    shown: str
    value: str
    fill: dict[str, object] = field(default_factory=dict)
    """Other fields it fills (number, organization, contact_id) when the field asks."""


def suggest(session: Session, source: str, text: str, limit: int = 5) -> list[Suggestion]:
    """Up to ``limit`` suggestions from ``source`` for ``text`` (see ``FormField.source``)."""
    text = text.strip()
    if not text:
        return []
    if source == "contacts":
        from secdesk.office.contacts.book import suggest as suggest_contacts

        return [
            Suggestion(
                " · ".join(p for p in (m.name, m.organization, m.number) if p),
                m.name,
                {"number": m.number, "organization": m.organization, "contact_id": m.id},
            )
            for m in suggest_contacts(session, text, limit)
        ]
    if source == "organizations":
        names = session.exec(
            select(Organization.name)
            .where(
                col(Organization.deleted_at).is_(None),
                col(Organization.name).like(like(text), escape="\\"),
            )
            .order_by(col(Organization.name).like(like(text, "prefix"), escape="\\").desc())
            .order_by(col(Organization.name))
            .limit(limit)
        ).all()
        return [Suggestion(name, name) for name in names]
    if source == "prefixes":
        # 机关代字: the ones set in config.toml, then those used before.
        from secdesk.config import load_settings

        try:
            configured = load_settings().document_prefixes
        except ValueError:
            configured = []
        found = [p for p in configured if text in p]
        found += [
            s.value
            for s in suggest(session, "earlier:outgoing.prefix", text, limit)
            if s.value not in found
        ]
        return [Suggestion(p, p) for p in found[:limit]]
    if source == "senders":
        # 来文机关: the senders typed before, then the contact book's organisations.
        earlier = suggest(session, "earlier:incoming.sender", text, limit)
        seen = {s.value for s in earlier}
        more = [s for s in suggest(session, "organizations", text, limit) if s.value not in seen]
        return (earlier + more)[:limit]
    if source.startswith("earlier:"):
        kind_name, _dot, field_name = source.removeprefix("earlier:").partition(".")
        model = resolve(get(kind_name).model)
        column = getattr(model, field_name)
        values = session.exec(
            select(column)
            .where(col(model.deleted_at).is_(None), col(column).like(like(text), escape="\\"))
            .group_by(column)
            .order_by(col(column))
            .limit(limit)
        ).all()
        return [Suggestion(str(v), str(v)) for v in values if v]
    raise ValueError(f"unknown suggestion source {source!r}")


def contact_by_number(session: Session, number: str) -> Suggestion | None:
    """The contact who has this number, as a suggestion that fills the call's fields."""
    from secdesk.office.contacts.book import by_number

    match = by_number(session, number)
    if match is None:
        return None
    shown = " · ".join(p for p in (match.name, match.title, match.organization) if p)
    return Suggestion(
        shown,
        match.name,
        {"number": match.number, "organization": match.organization, "contact_id": match.id},
    )
