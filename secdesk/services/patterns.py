"""Query pieces the services share: LIKE patterns, and what a model's column holds.

Wing: services. Must not import office, screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from typing import Any


def like(text: str, where: str = "both") -> str:
    """A LIKE pattern (escape ``\\``) matching ``text`` literally: % and _ are not wildcards."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return {"both": f"%{escaped}%", "prefix": f"{escaped}%"}[where]


def is_moment(column: Any) -> bool:
    """Whether a model's column holds times (as opposed to days)."""
    from sqlalchemy import DateTime

    kind = column.type
    return isinstance(kind, DateTime) or isinstance(getattr(kind, "impl", None), DateTime)
