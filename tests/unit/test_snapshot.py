"""The remembered dashboard is used only while it is provably exact."""

from __future__ import annotations

from datetime import date

from secdesk.config import Settings
from secdesk.services import audit, dashboard, snapshot
from tests import factories as f

DAY = date(2026, 11, 27)
THREE = Settings(due_soon_days=3)


def test_remembered_while_nothing_changed(store) -> None:  # noqa: ANN001
    def seed(s) -> None:  # noqa: ANN001
        call = f.call(s, f.local(2026, 11, 27, 9), caller="[/]甲")
        audit.record(s, "create", "call", call.id, {})

    store.write(seed)
    data = store.run(dashboard.build, DAY, THREE)
    snapshot.save(store.path, data, THREE)
    assert snapshot.load(store.path, DAY, THREE) == data
    assert snapshot.load(store.path, date(2026, 11, 28), THREE) is None  # another day
    assert snapshot.load(store.path, DAY, Settings(due_soon_days=5)) is None  # other settings
    from secdesk import i18n

    i18n.set_language("zh")
    assert snapshot.load(store.path, DAY, THREE) is None  # its words are English
    i18n.set_language("en")

    def change(s) -> None:  # noqa: ANN001
        audit.record(s, "update", "call", 1, {"summary": ["", "x"]})

    store.write(change)  # any change leaves an Event
    assert snapshot.load(store.path, DAY, THREE) is None


def test_a_damaged_cache_is_ignored(store) -> None:  # noqa: ANN001
    data = store.run(dashboard.build, DAY, THREE)
    snapshot.save(store.path, data, THREE)
    snapshot._path(store.path).write_text('{"key": 1, "data": []}', encoding="utf-8")
    assert snapshot.load(store.path, DAY, THREE) is None
    snapshot._path(store.path).write_text("not json", encoding="utf-8")
    assert snapshot.load(store.path, DAY, THREE) is None


def test_tomorrows_dashboard_read_today_serves_tomorrows_first_start(store) -> None:  # noqa: ANN001
    """Read the evening before and nothing changed overnight: the first start of the next
    day shows exactly what the database gives that day; any change in between voids it."""

    def seed(s) -> None:  # noqa: ANN001
        call = f.call(s, f.local(2026, 11, 28, 9), caller="乙")
        audit.record(s, "create", "call", call.id, {})

    store.write(seed)
    tomorrow = date(2026, 11, 28)
    snapshot.save(store.path, store.run(dashboard.build, DAY, THREE), THREE)
    snapshot.save_ahead(store.path, store.run(dashboard.build, tomorrow, THREE), THREE)
    assert snapshot.load(store.path, tomorrow, THREE) == store.run(dashboard.build, tomorrow, THREE)
    assert snapshot.load(store.path, DAY, THREE) == store.run(dashboard.build, DAY, THREE)
    store.write(lambda s: audit.record(s, "update", "call", 1, {"summary": ["", "x"]}))
    assert snapshot.load(store.path, tomorrow, THREE) is None
    snapshot.forget(store.path)
    assert not snapshot._path(store.path, ahead=True).exists()
