"""The disk fills up (or the file turns read-only) while a form is being saved."""

from __future__ import annotations

import errno
import sqlite3

import pytest
import time_machine
from sqlalchemy.exc import OperationalError
from textual.widgets import Input

from secdesk.models import Task
from secdesk.screens.form import RecordForm
from secdesk.services import drafts
from secdesk.services.store import Store
from tests.conftest import settle, wait_until
from tests.ui.helpers import rows

NOW = "2026-11-27 10:32:00 +0800"


def full_disk() -> OperationalError:
    """What SQLAlchemy raises when SQLite cannot write its journal: SQLITE_FULL."""
    orig = sqlite3.OperationalError("database or disk is full")
    orig.sqlite_errorcode = 13  # type: ignore[attr-defined]
    return OperationalError("INSERT INTO task ...", {}, orig)


@time_machine.travel(NOW, tick=False)
async def test_a_full_disk_keeps_the_form_and_says_so_then_saves_once_freed(
    desk, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    """The secretary types a task while the disk is full: one warning that no draft can be
    kept (not one per key); Ctrl+S says the disk is full, in those words, and the form stays
    with everything typed; once space is freed, Ctrl+S saves it."""
    real_write, real_save = Store.write, drafts.save
    disk_full = True

    def write(self: Store, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if disk_full:
            raise full_disk()
        return real_write(self, *args, **kwargs)

    def save_draft(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if disk_full:
            raise OSError(errno.ENOSPC, "No space left on device", "/drafts/task.json")
        return real_save(*args, **kwargs)

    store.open()  # an office's database, not a new one (the desk would say so)
    monkeypatch.setattr(Store, "write", write)
    monkeypatch.setattr(drafts, "save", save_draft)
    async with desk() as pilot:
        app = pilot.app
        # Every toast raised, kept here: on a loaded machine the first may time out and
        # leave the screen before the second is raised.
        heard: list[str] = []
        real_notify = app.notify

        def notify(message, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            heard.append(str(message))
            return real_notify(message, *args, **kwargs)

        monkeypatch.setattr(app, "notify", notify)
        await pilot.press("T", "n")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        await pilot.press(*"Call the bureau")
        await wait_until(pilot, lambda: bool(heard))
        for key in " back":
            await pilot.press(key)
            form.write_draft()  # each key would write the draft again, once typing pauses
            await app.workers.wait_for_complete()
        assert heard == [
            "What you type is not kept as a draft until this is fixed: The disk is full: "
            "free some space, then try again. Nothing saved before was lost."
        ]
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not form.saving and len(heard) > 1)
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#f-title", Input).value == "Call the bureau back"
        not_saved = heard[1:]
        assert not_saved == [
            "The disk is full: free some space, then try again. Nothing saved before was lost."
        ]
        assert not any("sqlalche" in t or "I/O" in t for t in heard)
        disk_full = False
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not form)
        await settle(pilot)
    titles = [t.title for t in rows(store, Task)]
    assert titles == ["Call the bureau back"]


def test_a_disk_io_error_on_a_full_disk_is_called_a_full_disk(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    """SQLite may say "disk I/O error" when the disk is full (a failed fsync): where the
    database lives has no space left, so the user is told the disk is full."""
    import shutil
    from typing import NamedTuple

    from secdesk.services import errors

    class Usage(NamedTuple):
        total: int
        used: int
        free: int

    io_error = OperationalError("COMMIT", {}, sqlite3.OperationalError("disk I/O error"))
    path = tmp_path / "secdesk.db"
    assert errors.describe(io_error, path).startswith("The disk reported an error")
    monkeypatch.setattr(shutil, "disk_usage", lambda _folder: Usage(10**9, 10**9, 4096))
    assert errors.describe(io_error, path) == (
        "The disk is full: free some space, then try again. Nothing saved before was lost."
    )
