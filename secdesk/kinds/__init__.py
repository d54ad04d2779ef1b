"""The registry of record kinds: every module in this package declares one ``KIND``.

Adding a kind of record is a model module, a module here, and its tests: the desk's keys,
palette, help, lists, detail views, forms, undo, dashboard and duty log all loop over
``kinds()``. Importing the registry is cheap (declarations only; see ``spec``).
"""

from __future__ import annotations

import pkgutil
from functools import cache
from importlib import import_module

from secdesk.kinds.spec import (
    ChoiceFilter,
    Column,
    DetailField,
    FormField,
    Kind,
    ListSpec,
    MaskWhen,
    PanelSpec,
    ReportPart,
    RowAction,
    SearchChild,
    SearchSpec,
    Transition,
    Workflow,
    resolve,
)

__all__ = [
    "ChoiceFilter",
    "Column",
    "DetailField",
    "FormField",
    "Kind",
    "ListSpec",
    "MaskWhen",
    "PanelSpec",
    "ReportPart",
    "RowAction",
    "SearchChild",
    "SearchSpec",
    "Transition",
    "Workflow",
    "by_entity",
    "get",
    "kinds",
    "resolve",
]


@cache
def _registry() -> dict[str, Kind]:
    found: list[Kind] = []
    for module in pkgutil.iter_modules(__path__):
        if module.name == "spec":
            continue
        declared = getattr(import_module(f"{__name__}.{module.name}"), "KIND", None)
        if isinstance(declared, Kind):
            found.append(declared)
    found.sort(key=lambda k: (k.position, k.name))
    registry: dict[str, Kind] = {}
    for kind in found:
        if kind.name in registry:
            raise RuntimeError(f"two record kinds are called {kind.name!r}")
        registry[kind.name] = kind
    return registry


def kinds() -> list[Kind]:
    """Every registered kind, in their declared order."""
    return list(_registry().values())


def get(name: str) -> Kind:
    """The kind called ``name``; KeyError for an unknown one."""
    return _registry()[name]


def by_entity(entity: str) -> Kind | None:
    """The kind whose table is ``entity`` (as audit Events name it)."""
    return next((k for k in kinds() if k.entity == entity), None)
