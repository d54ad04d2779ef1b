"""Small ways of putting user text into sentences, in the interface language.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.
"""

from __future__ import annotations

from typing import Any

from secdesk.i18n import _, language


def _both(text: str, detail: str, pattern: str) -> str:
    """``pattern`` filled with both; just one of them when the other is empty."""
    if not detail:
        return text
    if not text:
        return detail
    return pattern.format(text=text, detail=detail)


def with_detail(text: str, detail: str) -> str:
    """``text (detail)``; just one of them when the other is empty."""
    return _both(text, detail, _("{text} ({detail})"))


def saying(text: str, detail: str) -> str:
    """``text: detail``; just one of them when the other is empty."""
    return _both(text, detail, _("{text}: {detail}"))


def listing(parts: list[str]) -> str:
    """``a, b, c`` in the interface language, empty parts left out."""
    out = ""
    for part in parts:
        if part:
            out = _("{first}, {second}").format(first=out, second=part) if out else part
    return out


def names(parts: list[str]) -> str:
    """A list of names or short items, empty parts left out: ``张三、李四`` in Chinese (the
    enumeration comma 、), ``a, b`` in English."""
    return ("、" if language() == "zh" else ", ").join(part for part in parts if part)


def semicolons(parts: list[str]) -> str:
    """Clauses side by side, empty parts left out: ``a；b`` in Chinese (the full-width
    semicolon, no space), ``a; b`` in English."""
    return ("；" if language() == "zh" else "; ").join(part for part in parts if part)


def clauses(first: str, second: str) -> str:
    """``first; second.``: two clauses as one sentence, with the language's semicolon and
    full stop (将添加 4 行；0 行已在登记簿中。)."""
    return _("{first}; {second}.").format(first=first, second=second)


def one_line(text: str, width: int = 60) -> str:
    """The first line of ``text``, squeezed, at most ``width`` characters."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    first = " ".join(first.split())
    return first if len(first) <= width else first[: width - 1] + "…"


def count_note(shown: int, total: int, first: str = "") -> str:
    """How many a panel holds: "12 in all", or "100 of 130" when it shows only some;
    ``first`` (what needs attention: "2 overdue") goes before it."""
    if total > shown:
        note = _("{shown} of {total}").format(shown=shown, total=total)
    else:
        note = _("{n} in all").format(n=total)
    return f"{first} · {note}" if first else note


def count_rows(session: Any, statement: Any) -> int:
    """How many rows a SELECT gives."""
    from sqlmodel import func, select

    return int(session.exec(select(func.count()).select_from(statement.subquery())).one())
