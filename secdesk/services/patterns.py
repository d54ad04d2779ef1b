"""Query pieces the services share: LIKE patterns, what a model's column holds, and
which fields of a record are masked.

Wing: services. Must not import office, screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from typing import Any

from secdesk.kinds import SearchSpec


def like(text: str, where: str = "both") -> str:
    """A LIKE pattern (escape ``\\``) matching ``text`` literally: % and _ are not wildcards."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return {"both": f"%{escaped}%", "prefix": f"{escaped}%"}[where]


def is_moment(column: Any) -> bool:
    """Whether a model's column holds times (as opposed to days)."""
    from sqlalchemy import DateTime

    kind = column.type
    return isinstance(kind, DateTime) or isinstance(getattr(kind, "impl", None), DateTime)


def masked_when(spec: SearchSpec, obj: Any) -> set[str]:
    """The fields ``spec.mask_when`` masks for ``obj`` (a classified document's title, the
    identity of whoever reports wrongdoing): lists, detail and search keep them hidden."""
    hidden: set[str] = set()
    for rule in spec.mask_when:
        if str(getattr(obj, rule.field, "") or "") in rule.values:
            hidden.update(rule.masks)
    return hidden
