"""Masked data (visitors' identity numbers, and whatever a kind declares masked) never
appears in the day's summary, its JSON, the duty log's exports, a list's rows or search,
or the backups listing and doctor's report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import time_machine

from secdesk.calendar import clock
from secdesk.cli import main
from secdesk.kinds import Kind, kinds
from secdesk.services import dutylog, forms, records
from secdesk.services.store import Store
from secdesk.services.views import ListFilter
from tests.unit.test_kinds_contract import sample

SECRET = "110101199003071234"
MASKED = [k for k in kinds() if k.search.masked and k.enterable]


def test_some_kind_masks_something() -> None:
    assert MASKED, "no kind declares a masked field: this file would test nothing"


@time_machine.travel("2026-11-27 10:32:00 +0800", tick=False)
@pytest.mark.parametrize("kind", MASKED, ids=lambda k: k.name)
def test_masked_values_stay_out_of_every_output(kind: Kind, isolated_home: Path, capsys) -> None:  # noqa: ANN001
    store = Store(isolated_home / "secdesk.db")
    # Still open (no "left", no "done"), so it is on the day's summary.
    values = {
        f.name: False if f.kind == "check" else "" if f.optional else sample(f) for f in kind.form
    }
    for name in kind.search.masked:
        values[name] = SECRET
    data = forms.read(kind, values, clock.now_local(), confirmed=frozenset(values))
    saved = store.write(records.create, kind.name, data)
    obj = store.run(records.get_record, kind.name, saved.id)
    assert SECRET in [getattr(obj, name) for name in kind.search.masked]  # it is kept

    page = store.run(records.page, kind.name, ListFilter())
    assert page.total == 1 and SECRET not in repr(page.rows)
    assert store.run(records.page, kind.name, ListFilter(text=SECRET)).total == 0
    assert store.run(records.page, kind.name, ListFilter(text=SECRET[-6:])).total == 0
    shown = store.run(records.detail, kind.name, saved.id)
    assert SECRET not in repr(shown) and SECRET[-4:] in repr(shown)  # masked, not gone
    day = store.run(dutylog.compose_day, clock.today())
    assert SECRET not in dutylog.export_markdown(day) + dutylog.export_text(day)
    store.close()

    outputs = []
    for argv in (["today"], ["today", "--json"], ["backup"], ["backups"], ["doctor"]):
        main(argv)
        got = capsys.readouterr()
        outputs.append(got.out + got.err)
    assert all(SECRET not in out for out in outputs)
    panels = json.loads(outputs[1])["panels"]
    # The record is on the day's summary (so its absence of the secret means something).
    assert any(
        row["id"] == saved.id for p in panels for row in p["rows"] if row["kind"] == kind.name
    )
