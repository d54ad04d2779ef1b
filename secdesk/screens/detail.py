"""A view of one record, opened with Enter from any list or panel: its declared fields,
and the keys to edit, delete or act on it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable

from secdesk.i18n import N_, _
from secdesk.kinds import get
from secdesk.screens.base import DeskModal, add_bindings, row_bindings, step_bindings
from secdesk.screens.work import data_worker
from secdesk.services.views import RecordDetail
from secdesk.textsafe import text
from secdesk.widgets import keymap
from secdesk.widgets.footer import DeskFooter


class DetailScreen(DeskModal[None]):
    """Every declared field of one record."""

    CSS_PATH = "detail.tcss"
    HELP = N_(
        "Every field of the record. e edits it, d deletes it (u undoes); Esc goes back to "
        "where you were. The history below says who entered and changed the record, and "
        "when; a record carried through a procedure shows there who took each step, with "
        "what note, and one key per step allowed now; u takes the last step back."
    )

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
            yield DataTable(id="detail-fields", show_header=False, cursor_type="row")
        yield DeskFooter()

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
        self.query_one("#detail").border_title = _(self.kind.title)
        self.lay_out()
        self.refresh_bindings()

    def on_resize(self) -> None:
        self.lay_out()

    def lines(self, detail: RecordDetail) -> list[tuple[Text, Text]]:
        """The view's lines: (label, value), then the history (who entered and changed the
        record when, and the steps of one carried through a procedure), then its next
        steps."""
        out = [
            (text(_(name), "bold"), text(value, multiline=True)) for name, value in detail.fields
        ]
        # A procedure's history is its steps (办理过程); any other record's is its changes
        # (操作记录): who entered it, changed what, when.
        if self.kind.workflow is not None:
            heading, nothing = _("History"), _("No steps yet.")
        else:
            heading, nothing = _("Changes"), _("No changes recorded.")
        out.append((text(heading, "bold underline"), text("")))
        for when, what in detail.history or [(_("—"), nothing)]:
            out.append((text(when, "dim"), text(what, multiline=True)))
        if self.kind.workflow is not None:
            steps = self.allowed_steps(detail)
            out.append(
                (
                    text(_("Next"), "bold"),
                    text(" · ".join(steps) if steps else _("Nothing more is to be done.")),
                )
            )
        return out

    def allowed_steps(self, detail: RecordDetail) -> list[str]:
        """The steps allowed now, each as its key and label ("k Close")."""
        workflow = self.kind.workflow
        assert workflow is not None
        return [
            f"{t.key} {_(t.label)}" for t in workflow.transitions if t.name in detail.next_steps
        ]

    def lay_out(self) -> None:
        """Show the lines in two columns as wide as the box: a long value (a call's summary,
        a history note) wraps onto more lines instead of running past the edge, and the
        table scrolls inside the box, following the cursor."""
        if self.detail is None:
            return
        table = self.query_one("#detail-fields", DataTable)
        lines = self.lines(self.detail)
        pad = 2 * table.cell_padding
        # Room for the scrollbar always: whether it shows depends on these very heights.
        room = (table.size.width or self.app.size.width) - table.styles.scrollbar_size_vertical
        room -= 2 * pad
        label = min(max(cell_len(name.plain) for name, _value in lines), max(8, room // 2))
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column("", width=label)
        table.add_column("", width=max(10, room - label))
        for name, value in lines:
            table.add_row(name, value, height=None)
        table.move_cursor(row=max(0, cursor), animate=False)

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

    def on_key(self, event: events.Key) -> None:
        """The key of a step that is not allowed now says which steps are (the footer shows
        only those), instead of doing nothing."""
        workflow = self.kind.workflow
        if self.detail is None or workflow is None or event.key in self.active_bindings:
            return
        keymap = self.settings.keymap
        refused = next(
            (
                t
                for t in workflow.transitions
                if event.key in keymap.get(f"{self.kind.name}_{t.name}", t.key).split(",")
            ),
            None,
        )
        if refused is None:
            return
        event.stop()
        # The service's own sentence for a refused step: what it is and what can be taken.
        from secdesk.services.workflow import refusal

        message = refusal(self.kind.name, refused, self.detail.state)
        self.notify(message, severity="warning", markup=False)

    def action_step(self, step: str) -> None:
        self.desk.row_step(self.kind.name, self.record_id, step)

    def action_top(self) -> None:
        self.query_one("#detail-fields", DataTable).move_cursor(row=0)

    def action_bottom(self) -> None:
        table = self.query_one("#detail-fields", DataTable)
        table.move_cursor(row=table.row_count - 1)

    def action_reveal(self) -> None:
        self.reveal = True
        self.load()

    def action_row_action(self, action_id: str) -> None:
        self.desk.run_row_action(action_id, self.kind.name, self.record_id)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
