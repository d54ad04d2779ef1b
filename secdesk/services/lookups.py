"""Suggestions while typing in a form: from the sources the kinds declare
(``Kind.suggests``: the contact book's contacts and organisations, the document registers'
prefixes and senders...), and from what was typed before in a field (``earlier:``).

Wing: services. Must not import office, screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from sqlmodel import Session, col, select

from secdesk.kinds import get, kinds, on_change, resolve
from secdesk.services.patterns import like


@dataclass(frozen=True)
class Suggestion:
    """One suggestion: what it shows, what it puts in the field, and what else it fills."""

    shown: str
    value: str
    fill: dict[str, object] = field(default_factory=dict)
    """Other fields it fills (number, organization, contact_id) when the field asks."""


@on_change
@cache
def sources() -> dict[str, str]:
    """Every suggestion source the kinds declare: name -> ``module:function``."""
    found: dict[str, str] = {}
    for kind in kinds():
        for name, path in kind.suggests:
            if name in found:
                raise RuntimeError(f"two kinds declare the suggestion source {name!r}")
            found[name] = path
    return found


def suggest(
    session: Session, source: str, text: str, limit: int = 5, record_id: int | None = None
) -> list[Suggestion]:
    """Up to ``limit`` suggestions from ``source`` for ``text`` (see ``FormField.source``).
    A source named ``this:…`` suggests from the record the form is about (``record_id``:
    a document's current holders), and is asked ``(session, record_id, text, limit)``."""
    text = text.strip()
    if not text:
        return []
    if source.startswith("earlier:"):
        return earlier(session, source, text, limit)
    path = sources().get(source)
    if path is None:
        raise ValueError(f"unknown suggestion source {source!r}")
    if source.startswith("this:"):
        mine: list[Suggestion] = resolve(path)(session, record_id, text, limit)
        return mine
    found: list[Suggestion] = resolve(path)(session, text, limit)
    return found


def known(session: Session, source: str, limit: int = 8) -> list[str]:
    """The values ``source`` holds for any text (what is in use), for a field that names
    them (``FormField.known``); a source that gives nothing for blank text gives []."""
    path = sources().get(source)
    if path is None:
        return []
    return [s.value for s in resolve(path)(session, "", limit)]


def earlier(session: Session, source: str, text: str, limit: int) -> list[Suggestion]:
    """``earlier:<kind>.<field>``: the values typed in that field before that hold
    ``text``."""
    kind_name, _dot, field_name = source.removeprefix("earlier:").partition(".")
    model = resolve(get(kind_name).model)
    column = getattr(model, field_name)
    values = session.exec(
        select(column)
        .where(col(model.deleted_at).is_(None), col(column).ilike(like(text), escape="\\"))
        .group_by(column)
        .order_by(col(column))
        .limit(limit)
    ).all()
    return [Suggestion(str(v), str(v)) for v in values if v]


def contact_by_number(session: Session, number: str) -> Suggestion | None:
    """Whoever has this phone number (the ``number`` source), as a suggestion that fills
    the call's fields."""
    found: list[Suggestion] = resolve(sources()["number"])(session, number, 1)
    return found[0] if found else None
