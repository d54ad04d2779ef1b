"""A read-only view of one record, opened with Enter from any list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer

from secdesk.i18n import N_, _
from secdesk.labels import KIND_TITLES
from secdesk.screens.base import DeskModal
from secdesk.services.views import RecordDetail
from secdesk.textsafe import text


class DetailScreen(DeskModal[None]):
    """Every field of one call, visitor, document, meeting or supervision item."""

    CSS_PATH = "detail.tcss"
    HELP = N_("Every field of the record. Esc goes back to where you were.")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", N_("Back"), id="back", tooltip=N_("Close this view")),
    ]

    @dataclass
    class Loaded(Message):
        detail: RecordDetail

    @dataclass
    class Failed(Message):
        error: str

    def __init__(self, kind: str, record_id: int) -> None:
        super().__init__()
        self.kind = kind
        self.record_id = record_id

    def compose(self) -> ComposeResult:
        with Vertical(id="detail"):
            table: DataTable[Text] = DataTable(
                id="detail-fields", show_header=False, cursor_type="row"
            )
            table.add_columns("", "")
            yield table
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#detail").border_title = _("Loading…")
        self.load()

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def load(self) -> None:
        from secdesk.services import records

        try:
            detail = self.store.run(records.detail, self.kind, self.record_id)
        except Exception as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Loaded(detail))

    def refresh_data(self) -> None:
        self.load()

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        detail = message.detail
        box = self.query_one("#detail")
        box.border_title = _(KIND_TITLES[detail.kind])
        table = self.query_one("#detail-fields", DataTable)
        table.clear()
        for name, value in detail.fields:
            table.add_row(text(_(name), "bold"), text(value, multiline=True), height=None)

    @on(Failed)
    def show_failure(self, message: Failed) -> None:
        self.query_one("#detail").border_title = _("This record no longer exists.")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
