"""Search patterns the list services share."""

from __future__ import annotations


def like(text: str, where: str = "both") -> str:
    """A LIKE pattern (escape ``\\``) matching ``text`` literally: % and _ are not wildcards."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return {"both": f"%{escaped}%", "prefix": f"{escaped}%"}[where]
