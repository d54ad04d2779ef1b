"""What the document registers suggest to lookup fields: 机关代字 (the prefixes set in
config.toml, then those used before) and 来文机关 (senders typed before, then the contact
book's organisations). The document kinds declare these sources (``Kind.suggests``).

Wing: office/documents. Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from sqlmodel import Session

from secdesk.services.lookups import Suggestion, suggest


def prefixes(session: Session, text: str, limit: int) -> list[Suggestion]:
    """机关代字: the ones set in config.toml, then those in use, the most used first
    (blank ``text``: all of them, for the form's hint)."""
    from secdesk.office.documents.outgoing import prefixes_in_use

    return [Suggestion(p, p) for p in prefixes_in_use(session) if text in p][:limit]


def holders(session: Session, record_id: int | None, text: str, limit: int) -> list[Suggestion]:
    """传阅: who has the document now (the readers it went to who have not given it back),
    those whose names hold ``text`` first; never the whole contact book."""
    from secdesk.office.documents.incoming import holders as now_with

    found = now_with(session, record_id) if record_id else []
    found = [n for n in found if text in n] + [n for n in found if text not in n]
    return [Suggestion(n, n) for n in dict.fromkeys(found)][:limit]


def senders(session: Session, text: str, limit: int) -> list[Suggestion]:
    """来文机关: the senders typed before, then the contact book's organisations."""
    earlier = suggest(session, "earlier:incoming.sender", text, limit)
    seen = {s.value for s in earlier}
    more = [s for s in suggest(session, "organizations", text, limit) if s.value not in seen]
    return (earlier + more)[:limit]
