"""The hooks a kind declares, and the engine that calls them: every kind that declares a
capability (its part of the work summary, its deadline rows, suggestion sources, undo
actions, checked choices) names code that resolves and takes what the engine passes.

A new kind joins by declaring; the engine never names it (see ``pyproject.toml``'s
import contracts).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from sqlmodel import Session

from secdesk.kinds import Kind, kinds, resolve
from secdesk.services import deadline_panel, lookups, records, reports
from secdesk.services.views import InvalidInput
from tests import factories as f

TODAY = date(2026, 11, 20)


def _takes(path: str, *names: str) -> Callable[..., Any]:
    """The function ``path`` names, checked to take exactly ``names`` (in order)."""
    function = resolve(path)
    assert callable(function), path
    found = [p.name for p in inspect.signature(function).parameters.values()]
    assert len(found) == len(names), f"{path} takes {found}, the engine passes {names}"
    return function


def _declaring(capability: Callable[[Kind], Any]) -> list[str]:
    return [k.name for k in kinds() if capability(k)]


@pytest.mark.parametrize("name", _declaring(lambda k: k.report))
def test_a_report_part_resolves(name: str) -> None:
    kind = next(k for k in kinds() if k.name == name)
    assert kind.report is not None
    _takes(kind.report.figures, "session", "period", "today")
    _takes(kind.report.lines, "figures")


@pytest.mark.parametrize("name", _declaring(lambda k: k.deadlines))
def test_deadlines_resolve(name: str) -> None:
    kind = next(k for k in kinds() if k.name == name)
    _takes(kind.deadlines, "session", "day", "settings", "limit")


@pytest.mark.parametrize("name", _declaring(lambda k: k.suggests))
def test_suggestion_sources_resolve(name: str) -> None:
    kind = next(k for k in kinds() if k.name == name)
    for source, path in kind.suggests:
        if source.startswith("this:"):  # suggests from the record the form is about
            _takes(path, "session", "record_id", "text", "limit")
        else:
            _takes(path, "session", "text", "limit")


@pytest.mark.parametrize("name", _declaring(lambda k: k.undo))
def test_undo_actions_resolve(name: str) -> None:
    kind = next(k for k in kinds() if k.name == name)
    for action, path in kind.undo:
        _takes(path, "session", "token")
        assert records.undo_action(name, action) == path
        assert action not in ("restore", "revert", *records.ENGINE_UNDO)


def test_every_lookup_field_has_a_source() -> None:
    """A lookup field names a source some kind declares (or what was typed before)."""
    known = lookups.sources()
    for kind in kinds():
        for field in kind.form:
            if field.kind == "lookup" and not field.source.startswith("earlier:"):
                assert field.source in known, f"{kind.name}.{field.name}: {field.source}"


def test_checked_choices_are_cycle_fields() -> None:
    for kind in kinds():
        for field in kind.form:
            if field.unknown:
                assert field.kind == "cycle" and field.choices, f"{kind.name}.{field.name}"


@pytest.mark.parametrize(
    "name", _declaring(lambda k: any(f.unknown for f in k.form) and k.name != "contact")
)
def test_a_value_outside_the_choices_is_refused(session: Session, name: str) -> None:
    """The generic validate refuses it with the field's own message (contacts and the
    documents still check by hand, with the same words)."""
    kind = next(k for k in kinds() if k.name == name)
    field = next(f for f in kind.form if f.unknown)
    data = SimpleNamespace(**{field.name: "nonsense"})
    with pytest.raises(InvalidInput) as refused:
        records.RecordService(name).validate(session, data)
    assert (refused.value.field, refused.value.message) == (field.name, field.unknown)


def test_a_kind_without_a_part_is_still_counted(session: Session) -> None:
    """Every kind with a ``report_field`` is counted; the parts add their figures in
    their order."""
    f.call(session, f.local(2026, 11, 3, 9))
    summary = reports.build(session, reports.parse_period("2026-11"), today=TODAY)
    counted = {k.name for k in kinds() if k.report_field}
    assert set(summary.counts) == counted and summary.counts["call"] == 1
    assert summary.counts["investigation"] == 0  # no part of its own: the count alone
    parts = [k.report for k in kinds() if k.report is not None]
    assert [p.order for p in reports._parts()] == sorted(p.order for p in parts)


def test_the_deadline_panel_gathers_every_declaring_kind(session: Session) -> None:
    from secdesk.config import Settings

    f.supervision(session, date(2026, 11, 25), assigned_on=date(2026, 11, 2))
    panel = deadline_panel.panel(session, TODAY, Settings(), "supervision", "supervision")
    assert panel.total == 1 and [r.kind for r in panel.rows] == ["supervision"]
