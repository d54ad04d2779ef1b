"""What the Pilot tests of the screens share: running the desk's keys and waiting for it,
typing into a form, reading what a screen shows (a table's rows, a record's fields, the
toasts) and what the database holds. Fixtures are in ``conftest.py`` beside this file."""

from __future__ import annotations

from typing import Any

from sqlmodel import select
from textual.screen import Screen
from textual.widgets import DataTable, TextArea

from secdesk.screens.form import RecordForm
from tests.conftest import settle, wait_until


async def press(pilot, *keys: str) -> Screen[Any]:  # noqa: ANN001
    """Press ``keys``, wait until the desk is idle again, and give the screen on top."""
    await pilot.press(*keys)
    await settle(pilot)
    return pilot.app.screen


def fill(form: Screen[Any], **typed: Any) -> None:  # noqa: ANN401
    """Put text into a form's fields by name (``fill(form, caller="王主任")``), as if typed
    all at once: an input's value, a text area's text, a row field's rows."""
    for name, value in typed.items():
        widget: Any = form.query_one(f"#f-{name}")
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value


def toasts(app) -> list[str]:  # noqa: ANN001
    """The messages of the notifications shown so far."""
    return [str(n.message) for n in app._notifications]


def record_toasts(monkeypatch) -> list[str]:  # noqa: ANN001
    """Every toast the desk raises from now on, kept: ``toasts`` shows those still on the
    screen, and on a loaded machine one may time out before the test looks."""
    from secdesk.app import SecDeskApp

    heard: list[str] = []
    real = SecDeskApp.notify

    def notify(self, message, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        heard.append(str(message))
        return real(self, message, *args, **kwargs)

    monkeypatch.setattr(SecDeskApp, "notify", notify)
    return heard


def table_rows(table: DataTable[Any]) -> list[list[str]]:
    """A table's rows as text, cell by cell."""
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def shown(app, table: str = "#log") -> list[list[str]]:  # noqa: ANN001
    """The rows of a table on the screen on top (the list's, unless told)."""
    return table_rows(app.screen.query_one(table, DataTable))


def detail_values(app) -> dict[str, str]:  # noqa: ANN001
    """The open detail view's fields, label -> value."""
    return {label: value for label, value, *_rest in shown(app, "#detail-fields")}


def detail_text(app) -> str:  # noqa: ANN001
    """The open detail view as text, a line a row."""
    return "\n".join(" ".join(row) for row in shown(app, "#detail-fields"))


def rows(store, model) -> list[Any]:  # noqa: ANN001
    """Every row of ``model``'s table, deleted ones too."""
    return store.run(lambda s: list(s.exec(select(model)).all()))


async def take_step(pilot, key: str, *, asks: bool = False, **typed: str) -> None:  # noqa: ANN001
    """Press a workflow step's key on a record's detail view. When it opens the step's form
    (``asks``: it must), check the form is titled by the step and the record, fill it with
    ``typed`` and take the step with Ctrl+S. The detail view is back after."""
    from secdesk.screens.detail import DetailScreen
    from secdesk.screens.step_form import StepForm

    app = pilot.app
    form = await press(pilot, key)
    if asks or typed or isinstance(form, StepForm):
        assert isinstance(form, StepForm), f"{key} opened {form!r}"
        # The form is titled by its step and the record, not as the record's edit form.
        heading = str(form.query_one("#form").border_title)
        assert heading.startswith(f"{form.step.label}: "), heading
        fill(form, **typed)
        await press(pilot, "ctrl+s")
    # Taken: the form closes (a moment after the save is committed), the detail view is back.
    await wait_until(pilot, lambda: isinstance(app.screen, DetailScreen))
    assert not isinstance(app.screen, StepForm), app.screen
    await settle(pilot)


async def press_for_form(pilot, key: str, kind: str) -> RecordForm:  # noqa: ANN001
    """Press ``key``, wait until the desk is idle, and give the form it opened, which must
    be a record form of ``kind``."""
    form = await press(pilot, key)
    assert isinstance(form, RecordForm) and form.kind.name == kind, form
    return form


async def start_form(pilot, key: str, **typed: Any) -> Screen[Any]:  # noqa: ANN001, ANN401
    """Press the key of a record's form (c, v, r...), type ``typed`` into it, and give the
    form (not saved, nothing waited for)."""
    await pilot.press(key)
    form = pilot.app.screen
    fill(form, **typed)
    return form


def screen_text(app) -> str:  # noqa: ANN001
    """What the terminal shows now (the screen on top over those it covers), as text: a
    line a row, as a person would read it off the window."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        color_system=None,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()
