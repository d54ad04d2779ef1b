"""The letters-and-visits registration form (``l`` from anywhere): beyond the generic
form, earlier letters and visits from the same person or number, or on a like matter, are
shown as the petitioner, phone and request are typed (repeat petitions)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.message import Message
from textual.widgets import Static

from secdesk.i18n import _
from secdesk.screens.form import RecordForm
from secdesk.screens.work import data_worker

#: Seconds after the last keystroke before earlier records are looked up.
REPEAT_DELAY = 0.3
WATCHED = ("petitioner", "phone", "content", "representatives")


class PetitionForm(RecordForm):
    """Register a letter or visit; earlier ones like it are shown while typing."""

    KIND = "petition"

    @dataclass
    class Repeats(Message):
        query: tuple[str, str, str]
        lines: list[str]

    def __init__(self, kind: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(kind or "petition", *args, **kwargs)

    def on_mount(self) -> None:
        # RecordForm's on_mount runs too (Textual calls each class's in turn).
        repeats = Static("", id="repeats", classes="form-note", markup=False)
        repeats.display = False
        self.query_one("#form").mount(repeats, before="#form-hint")

    def field_changed(self, name: str, value: Any) -> None:
        if name in WATCHED:
            self.set_timer(REPEAT_DELAY, self._look_for_repeats, name="repeats")

    def _query(self) -> tuple[str, str, str]:
        values = self.values()
        who = str(values.get("petitioner") or "") or str(values.get("representatives") or "")
        return (
            who.split("、")[0],
            str(values.get("phone") or ""),
            str(values.get("content") or ""),
        )

    def _look_for_repeats(self) -> None:
        if self.is_mounted:
            self.find_repeats(self._query())

    @data_worker("repeats")
    def find_repeats(self, query: tuple[str, str, str]) -> Message:
        from secdesk.office import petitions

        lines = self.store.run(petitions.repeats, *query, exclude=self.record_id)
        return self.Repeats(query, lines)

    @on(Repeats)
    def show_repeats(self, message: Repeats) -> None:
        if message.query != self._query():
            return  # typed on since
        box = self.query_one("#repeats", Static)
        if message.lines:
            box.update(
                _("Earlier letters and visits like this one:") + "\n" + "\n".join(message.lines)
            )
        box.display = bool(message.lines)
