"""Checking config.toml's ``[keymap]`` at start-up: ids that name no key, and keys given
to two things on the same screen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.binding import Binding

from secdesk.i18n import _


def _bindings_of(classes: Iterable[type[Any]]) -> list[Binding]:
    found: list[Binding] = []
    for cls in classes:
        for base in reversed(cls.__mro__):
            # secdesk writes every key as a Binding (with an id); tuples have none to remap.
            found.extend(b for b in base.__dict__.get("BINDINGS", []) if isinstance(b, Binding))
    return found


def screens(desk_class: type[Any]) -> dict[str, list[Binding]]:
    """Every screen's keys together with the desk-wide ones of ``desk_class`` (what one key
    press can reach), by the screen's name."""
    from secdesk.kinds import kinds
    from secdesk.screens.base import row_bindings
    from secdesk.screens.call_form import CallForm
    from secdesk.screens.confirm import ChoiceScreen, ConfirmScreen
    from secdesk.screens.contacts import DuplicatesScreen
    from secdesk.screens.dashboard import DashboardScreen
    from secdesk.screens.detail import DetailScreen
    from secdesk.screens.dutylog import DutyLogScreen
    from secdesk.screens.form import RecordForm
    from secdesk.screens.help import HelpScreen
    from secdesk.screens.holidays import HolidaysScreen
    from secdesk.screens.lists import RecordListScreen

    desk = _bindings_of([desk_class])
    out = {
        cls.__name__: desk + _bindings_of([cls])
        for cls in (
            CallForm,
            ChoiceScreen,
            ConfirmScreen,
            DashboardScreen,
            DuplicatesScreen,
            DutyLogScreen,
            HelpScreen,
            HolidaysScreen,
            RecordForm,
        )
    }
    for kind in kinds():
        extra = row_bindings(kind)
        if kind.listing:
            out[f"{kind.name} list"] = desk + _bindings_of([RecordListScreen]) + extra
        out[f"{kind.name} detail"] = desk + _bindings_of([DetailScreen]) + extra
    return out


def widget_ids() -> set[str]:
    from secdesk.widgets.fields import Cycle, FormCheckbox, LookupInput, MultilineInput, RowsField

    return {
        b.id
        for b in _bindings_of([Cycle, FormCheckbox, LookupInput, MultilineInput, RowsField])
        if b.id
    }


def keymap_problems(keymap: dict[str, str], desk_class: type[Any]) -> list[str]:
    """One sentence per problem with ``keymap`` (binding id -> keys)."""
    if not keymap:
        return []
    by_screen = screens(desk_class)
    known = {b.id for bindings in by_screen.values() for b in bindings if b.id} | widget_ids()
    problems = [
        _("config.toml [keymap]: “{id}” is not the id of any key (F1 lists them).").format(id=i)
        for i in keymap
        if i not in known
    ]
    clashes: set[tuple[str, str, str]] = set()
    for bindings in by_screen.values():
        holders: dict[str, set[str]] = {}
        for binding in bindings:
            name = binding.id or binding.action
            keys = keymap.get(binding.id or "", binding.key)
            for key in keys.split(","):
                holders.setdefault(key.strip(), set()).add(name)
        for key, names in holders.items():
            for moved in sorted(n for n in names if n in keymap):
                for other in sorted(names - {moved}):
                    clashes.add((moved, key, other))
    problems += [
        _("config.toml [keymap]: “{id}” = “{key}” takes the key of “{other}”.").format(
            id=moved, key=key, other=other
        )
        for moved, key, other in sorted(clashes)
    ]
    return problems
