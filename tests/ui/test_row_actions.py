"""The keys kinds declare for their selected record and the desk's handlers for them are
one table: every declared ``RowAction`` has its handler, and no handler waits for a kind
that never declares it."""

from __future__ import annotations

from secdesk.kinds import kinds
from secdesk.screens.row_actions import ROW_HANDLERS


def declared() -> dict[str, list[str]]:
    """Each action name declared by some kind, with the kinds that declare it."""
    found: dict[str, list[str]] = {}
    for kind in kinds():
        for action in kind.row_actions:
            found.setdefault(action.action, []).append(kind.name)
    return found


def test_every_declared_row_action_has_a_handler() -> None:
    missing = {name: by for name, by in declared().items() if name not in ROW_HANDLERS}
    assert missing == {}, f"declared, with no handler in screens/row_actions.py: {missing}"


def test_every_handler_is_used_by_some_kind() -> None:
    unused = sorted(set(ROW_HANDLERS) - set(declared()))
    assert unused == [], f"handlers no kind declares a RowAction for: {unused}"
