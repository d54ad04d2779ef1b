"""A view of one record, opened with Enter from any list or panel: its declared fields,
and the keys to edit, delete or act on it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer

from secdesk.i18n import N_, _
from secdesk.kinds import get
from secdesk.screens.base import DeskModal, add_bindings, row_bindings, step_bindings
from secdesk.screens.work import data_worker
from secdesk.services.views import RecordDetail
from secdesk.textsafe import text
from secdesk.widgets import keymap


class DetailScreen(DeskModal[None]):
    """Every declared field of one record."""

    CSS_PATH = "detail.tcss"
    HELP = N_(
        "Every field of the record. e edits it, d deletes it (u undoes); Esc goes back to "
        "where you were. A record carried through a procedure shows its history (who took "
        "each step, when, with what note) and one key per step allowed now; u takes the "
        "last step back."
    )
    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("DetailScreen")

    @dataclass
    class Loaded(Message):
        detail: RecordDetail

    @dataclass
    class Failed(Message):
        error: str

    def __init__(self, kind: str, record_id: int) -> None:
        super().__init__()
        self.kind = get(kind)
        self.record_id = record_id
        self.detail: RecordDetail | None = None
        self.reveal = False
        """Show a protected identity (the user asked, on purpose; it is recorded)."""
        add_bindings(self, row_bindings(self.kind))
        add_bindings(self, step_bindings(self.kind))
        if self.kind.search.mask_when:
            add_bindings(self, [key.binding() for key in keymap.KEYS["DetailScreen.reveal"]])

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit":
            return self.kind.enterable and self.detail is not None
        if action == "step":
            return self.detail is not None and parameters[0] in self.detail.next_steps
        if action == "reveal":
            return self.detail is not None and self.detail.protected
        if action in ("delete", "row_action"):
            return self.detail is not None
        return True

    @data_worker("detail")
    def load(self) -> Message:
        from secdesk.services import records

        try:
            if self.reveal:
                detail = self.store.write(records.detail, self.kind.name, self.record_id, True)
            else:
                detail = self.store.run(records.detail, self.kind.name, self.record_id)
        except LookupError as exc:
            return self.Failed(str(exc))
        return self.Loaded(detail)

    def refresh_data(self) -> None:
        self.load()

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        self.detail = message.detail
        box = self.query_one("#detail")
        box.border_title = _(self.kind.title)
        table = self.query_one("#detail-fields", DataTable)
        cursor = table.cursor_row
        table.clear()
        for name, value in message.detail.fields:
            table.add_row(text(_(name), "bold"), text(value, multiline=True), height=None)
        if self.kind.workflow is not None:
            table.add_row(text(_("History"), "bold underline"), text(""), height=1)
            for when, what in message.detail.history or [(_("—"), _("No steps yet."))]:
                table.add_row(text(when, "dim"), text(what, multiline=True), height=None)
            steps = [
                f"{t.key} {_(t.label)}"
                for t in self.kind.workflow.transitions
                if t.name in message.detail.next_steps
            ]
            table.add_row(
                text(_("Next"), "bold"),
                text(" · ".join(steps) if steps else _("Nothing more is to be done.")),
                height=None,
            )
        table.move_cursor(row=max(0, cursor), animate=False)
        self.refresh_bindings()

    @on(Failed)
    def show_failure(self, message: Failed) -> None:
        self.detail = None
        self.query_one("#detail").border_title = _("This record no longer exists.")
        self.query_one("#detail-fields", DataTable).clear()
        self.refresh_bindings()

    def action_edit(self) -> None:
        self.desk.edit_record(self.kind.name, self.record_id)

    def action_delete(self) -> None:
        name = self.detail.title if self.detail else ""
        self.desk.delete_record(self.kind.name, self.record_id, name)

    def action_step(self, step: str) -> None:
        self.desk.row_step(self.kind.name, self.record_id, step)

    def action_reveal(self) -> None:
        self.reveal = True
        self.load()

    def action_row_action(self, action_id: str) -> None:
        self.desk.run_row_action(action_id, self.kind.name, self.record_id)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
