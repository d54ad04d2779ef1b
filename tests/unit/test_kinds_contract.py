"""The contract every registered record kind keeps: a kind is tested by being registered.

For each kind: its declaration resolves; a record made through its form's fields writes a
create Event; an edit records old -> new and is refused over a stale version; a delete is
undone exactly; the detail view and the list show hostile text literally.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import time_machine
from sqlmodel import Session, col, select

from secdesk import i18n
from secdesk.calendar import clock
from secdesk.kinds import DetailField, FormField, Kind, get, kinds, resolve
from secdesk.kinds.common import shown
from secdesk.models import Event
from secdesk.services import forms, records
from secdesk.services.views import ListFilter, RecordChanged, RecordGone, Saved
from tests import factories as f

pytestmark = pytest.mark.both_engines

NOW = "2026-11-27 10:32:00 +0800"
MARK = "[/]甲\x1b[2J[@click=app.quit]x"
"""Hostile text put into every text field of every kind."""

#: Kinds the desk does not enter yet are made by a factory (a form replaces these).
MAKERS = {
    "incoming": lambda s: (
        f.document(s, title=MARK, sender=MARK, received_at=f.local(2026, 11, 27, 9)).id
    ),
}

ALL = [k.name for k in kinds()]

#: Fields whose text must be of a form (a meeting's end is a time or a length; a
#: participant's role one of three words): what a user could type there.
SAMPLES: dict[str, Any] = {
    "meeting.ends": "2h",
    "meeting.participants": [[MARK, "列席", MARK]],
    "meeting.agenda": [[MARK, MARK, "30"]],
}


def sample(field: FormField, kind: str = "") -> Any:
    """A value a user could type into ``field``."""
    if f"{kind}.{field.name}" in SAMPLES:
        return SAMPLES[f"{kind}.{field.name}"]
    if field.kind in ("text", "multiline", "lookup"):
        return MARK
    if field.kind == "when":
        return "2026-11-27 09:30"
    if field.kind == "date":
        return "2026-11-20"
    if field.kind == "deadline":
        return "10wd"
    if field.kind == "number":
        return str(field.maximum or 50)
    if field.kind == "check":
        return True
    if field.kind == "cycle":
        return field.choices[-1][0]
    if field.kind == "rows":
        return [["13800138000", MARK][: len(field.columns)]]
    raise AssertionError(f"no sample for field kind {field.kind}")


def make(session: Session, kind: Kind) -> int:
    """A record of ``kind`` as a user would enter it (or the factory for read-only kinds)."""
    if not kind.enterable:
        return int(MAKERS[kind.name](session))
    values = {field.name: sample(field, kind.name) for field in kind.form}
    data = forms.read(kind, values, clock.now_local(), confirmed=frozenset(values))
    saved = records.create(session, kind.name, data)
    assert isinstance(saved, Saved) and saved.kind == kind.name and saved.id > 0
    return saved.id


def events(session: Session, kind: Kind, record_id: int) -> list[Event]:
    return list(
        session.exec(
            select(Event)
            .where(Event.entity == kind.entity, Event.entity_id == record_id)
            .order_by(col(Event.id))
        ).all()
    )


def state(obj: Any) -> dict[str, Any]:
    """A record's values that a delete and its undo must leave as they were."""
    skip = {"updated_at", "version", "deleted_at"}
    return {k: v for k, v in obj.model_dump().items() if k not in skip}


@pytest.mark.parametrize("name", ALL)
def test_the_declaration_resolves(name: str) -> None:
    kind = get(name)
    model = resolve(kind.model)
    assert model.__tablename__ == kind.entity
    assert records.service(name).kind is kind
    if kind.enterable:
        input_class = resolve(kind.input)
        assert {f.name for f in kind.form} <= set(input_class.__dataclass_fields__)
        if kind.form_class:
            resolve(kind.form_class)
    if kind.panel:
        resolve(kind.panel.loader)
    if kind.duty:
        resolve(kind.duty)
    for spec in kind.detail:
        assert (
            hasattr(model, spec.name) or spec.computed or spec.name in ("numbers", "organization")
        ), spec.name
    for name_ in kind.search.fields:
        assert hasattr(model, name_)
    if kind.workflow is not None:
        flow = kind.workflow
        states = {value for value, _label in flow.states}
        assert hasattr(model, flow.field)
        keys = [t.key for t in flow.transitions]
        assert len(keys) == len(set(keys)), keys
        # Not the detail view's own keys, nor a key that opens a form from anywhere.
        taken = {"e", "d", "u", "escape"} | {k.new_key for k in kinds() if k.new_key}
        assert not set(keys) & taken, set(keys) & taken
        for step in flow.transitions:
            assert set(step.sources) <= states, step.name
            assert not step.target or step.target in states, step.name
        assert set(flow.closed) <= states
    i18n.set_language("zh")  # its names speak Chinese
    singular, plural = kind.count
    assert i18n.ngettext(singular, plural, 3) != plural
    assert i18n._(kind.title) != kind.title and i18n._(kind.noun) != kind.noun
    i18n.set_language("en")


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("name", ALL)
def test_create_edit_delete_undo(session: Session, name: str) -> None:
    kind = get(name)
    record_id = make(session, kind)
    if kind.enterable:  # (a factory writes no Event: only what the desk enters has a create)
        (created,) = events(session, kind, record_id)
        assert created.action == "create"

        loaded = records.load(session, name, record_id)
        values = forms.values_of(kind, loaded.data)
        text_field = next(f for f in kind.form if f.kind in ("text", "lookup"))
        values[text_field.name] = "改过的内容"
        edited = forms.read(kind, values, clock.now_local(), confirmed=frozenset(values))
        saved = records.update(session, name, record_id, edited, loaded.version)
        assert saved.version == loaded.version + 1
        update = events(session, kind, record_id)[-1]
        assert update.action == "update"
        assert json.loads(update.data)[text_field.name] == [MARK, "改过的内容"]
        with pytest.raises(RecordChanged):  # somebody saved in between: refused
            records.update(session, name, record_id, edited, loaded.version)

    before = state(records.get_record(session, name, record_id))
    token = records.delete(session, name, record_id)
    with pytest.raises(RecordGone):
        records.get_record(session, name, record_id)
    assert events(session, kind, record_id)[-1].action == "delete"
    if kind.listing:
        ids = [r.id for r in records.page(session, name, ListFilter()).rows]
        assert record_id not in ids
    records.undo(session, token)
    assert state(records.get_record(session, name, record_id)) == before
    assert events(session, kind, record_id)[-1].action == "restore"


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("name", ALL)
def test_the_list_and_the_detail_keep_text_literal(session: Session, name: str) -> None:
    kind = get(name)
    record_id = make(session, kind)
    detail = records.detail(session, name, record_id)
    assert any(MARK in value for _label, value in detail.fields)
    if kind.listing:
        (row,) = records.page(session, name, ListFilter()).rows
        assert row.id == record_id and len(row.cells) == len(kind.listing.columns)
        assert any(MARK in cell.text for cell in row.cells)
        # The search box finds it by a piece of its text.
        found = records.page(session, name, ListFilter(text="甲"))
        assert [r.id for r in found.rows] == [record_id]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("name", [k.name for k in kinds() if k.duty])
def test_the_duty_log_lists_what_was_entered_today(session: Session, name: str) -> None:
    from secdesk.services import dutylog

    kind = get(name)
    record_id = make(session, kind)
    entries = dutylog.compose_day(session, date(2026, 11, 27)).entries
    assert (name, record_id) in {(e.kind, e.record_id) for e in entries}


def test_a_declaration_shares_what_it_would_repeat() -> None:
    """A kind's table defaults to SQLModel's name of its model's table, its key's label to
    its form's title, and a detail line named by a bare form field shows that field under
    the form's label (``kinds.common.shown``)."""
    plain = Kind(name="errand2", model="m:ErrandRun", title="Errand", noun="errand", count=("", ""))
    assert plain.entity == "errandrun"
    assert Kind(**{**plain.__dict__, "entity": "errandtable"}).entity == "errandtable"
    assert Kind(**{**plain.__dict__, "form_title": "New errand"}).new_label == "New errand"
    form = (FormField("who", "Who"), FormField("what", "What"))
    masked = DetailField("id_number", "ID number", masked=True)
    assert shown(form, "what", masked, "who") == (
        DetailField("what", "What"),
        masked,
        DetailField("who", "Who"),
    )
