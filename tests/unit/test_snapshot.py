"""The remembered dashboard is used only while it is provably exact."""

from __future__ import annotations

from datetime import date

from secdesk.services import audit, dashboard, snapshot
from tests import factories as f

DAY = date(2026, 11, 27)


def test_remembered_while_nothing_changed(store) -> None:  # noqa: ANN001
    def seed(s) -> None:  # noqa: ANN001
        call = f.call(s, f.local(2026, 11, 27, 9), caller="[/]甲")
        audit.record(s, "create", "call", call.id, {})

    store.write(seed)
    data = store.run(dashboard.build, DAY, 3)
    snapshot.save(store.path, data, 3)
    assert snapshot.load(store.path, DAY, 3) == data
    assert snapshot.load(store.path, date(2026, 11, 28), 3) is None  # another day
    assert snapshot.load(store.path, DAY, 5) is None  # other settings

    def change(s) -> None:  # noqa: ANN001
        audit.record(s, "update", "call", 1, {"summary": ["", "x"]})

    store.write(change)  # any change leaves an Event
    assert snapshot.load(store.path, DAY, 3) is None


def test_a_damaged_cache_is_ignored(store) -> None:  # noqa: ANN001
    data = store.run(dashboard.build, DAY, 3)
    snapshot.save(store.path, data, 3)
    snapshot._path(store.path).write_text('{"key": 1, "data": []}', encoding="utf-8")
    assert snapshot.load(store.path, DAY, 3) is None
    snapshot._path(store.path).write_text("not json", encoding="utf-8")
    assert snapshot.load(store.path, DAY, 3) is None
