"""Wing: kinds (plain data); must not import models, the database, services, office or the UI.

The registry of record kinds: every module in this package declares one ``KIND``.

Adding a kind of record is a model module, a module here, and its tests: the desk's keys,
palette, help, lists, detail views, forms, undo, dashboard and duty log all loop over
``kinds()``. Importing the registry is cheap (declarations only; see ``spec``)."""

from __future__ import annotations

import pkgutil
from collections.abc import Callable
from functools import cache
from importlib import import_module
from typing import Protocol, TypeVar

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
    "on_change",
    "register",
    "unregister",
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
    found.extend(_added.values())
    found.sort(key=lambda k: (k.position, k.name))
    registry: dict[str, Kind] = {}
    for kind in found:
        if kind.name in registry:
            raise RuntimeError(f"two record kinds are called {kind.name!r}")
        registry[kind.name] = kind
    return registry


_added: dict[str, Kind] = {}
"""Kinds registered at run time (``register``): a plug-in's, or a test's throwaway kind."""

_listeners: list[Callable[[], None]] = []


class _Clearable(Protocol):
    def cache_clear(self) -> None: ...


_Cached = TypeVar("_Cached", bound=_Clearable)


def on_change(cached: _Cached) -> _Cached:
    """Decorate a ``functools.cache`` function whose answer is derived from the registry
    (search's sources, the services): its cache is cleared whenever a kind is registered or
    unregistered at run time."""
    _listeners.append(cached.cache_clear)
    return cached


def register(kind: Kind) -> None:
    """Add ``kind`` to the registry at run time (the declarations of this package are found
    by themselves); it takes its place by ``position``. ``ValueError`` for a name taken."""
    if kind.name in _registry():
        raise ValueError(f"a record kind is already called {kind.name!r}")
    _added[kind.name] = kind
    _changed()


def unregister(name: str) -> None:
    """Take a kind registered at run time out again (a test's teardown)."""
    if _added.pop(name, None) is not None:
        _changed()


def _changed() -> None:
    _registry.cache_clear()
    for forget in _listeners:
        forget()


def kinds() -> list[Kind]:
    """Every registered kind, in their declared order."""
    return list(_registry().values())


def get(name: str) -> Kind:
    """The kind called ``name``; KeyError for an unknown one."""
    return _registry()[name]


def by_entity(entity: str) -> Kind | None:
    """The kind whose table is ``entity`` (as audit Events name it)."""
    return next((k for k in kinds() if k.entity == entity), None)
