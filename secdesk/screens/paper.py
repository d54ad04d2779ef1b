"""A document the desk wrote (an urge notice, a period's report) to read, copy and save as
.docx: Ctrl+S writes it into the exports folder (never over an existing file)."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from secdesk.i18n import N_, _
from secdesk.screens.base import DeskModal
from secdesk.screens.work import tell_failure
from secdesk.textsafe import text
from secdesk.widgets.footer import DeskFooter


class PaperScreen(DeskModal[None]):
    """Read a document; save it as .docx."""

    DEFAULT_CSS = """
    PaperScreen { align: center middle; }
    PaperScreen #paper {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    """
    HELP = N_(
        "The document as text: select it with the mouse to copy. Ctrl+S saves it as a .docx "
        "file in the exports folder (an existing file is never written over); Esc closes."
    )

    def __init__(self, paper: Any, name: str) -> None:
        super().__init__()
        self.paper = paper
        self.name_stem = name

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="paper"):
            yield Static(text(self.paper.text(), multiline=True), id="paper-text")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#paper").border_title = text(self.paper.title)

    def action_save(self) -> None:
        if self.office_named():
            self._save()

    @work(thread=True, exclusive=True, group="paper", exit_on_error=False)
    def _save(self) -> None:
        from secdesk import config
        from secdesk.io.files import unused_name
        from secdesk.services.errors import describe

        try:
            target = unused_name(config.exports_dir(), self.name_stem, ".docx")
            self.paper.save_docx(target)
        except Exception as exc:  # a full disk, a read-only folder: said, never a crash
            self.app.call_from_thread(tell_failure, self, describe(exc), _("Not saved"))
            return
        self.app.call_from_thread(
            self.notify, _("Saved as {path}").format(path=target), markup=False
        )

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
