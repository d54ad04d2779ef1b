"""Issuing a supervision item's urge notice as a numbered paper: the 机关代字 whose next
发文字号 it takes in the outgoing register, and the file it is written to (the app asks
before it replaces one that is there). Enter moves on and, in the file, issues it; Ctrl+S
issues it from either field; Esc gives up."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from secdesk.i18n import N_, _
from secdesk.screens.base import DeskModal
from secdesk.widgets.footer import DeskFooter


class IssueNoticeScreen(DeskModal[tuple[str, Path] | None]):
    """Asks for the prefix and the file; dismissed with both, or None."""

    DEFAULT_CSS = """
    IssueNoticeScreen { align: center middle; }
    IssueNoticeScreen > Vertical {
        width: 80; max-width: 95%; height: auto; border: thick $accent;
        background: $surface; padding: 1 2;
    }
    IssueNoticeScreen Label { margin-top: 1; }
    IssueNoticeScreen .confirm-keys { color: $text-muted; }
    """
    HELP = N_(
        "The urge notice issued as a numbered paper (催办通知 with its own 发文字号): it takes "
        "the next number of the prefix in the outgoing register, the urge is logged on the "
        "item with that number, and the paper is written to the file. Enter moves on, and "
        "in the file issues it; Ctrl+S issues it from either field; a file that is there is "
        "replaced only after a yes. u takes the urge back and voids the number."
    )

    def __init__(self, title: str, prefixes: list[str], target: Path) -> None:
        super().__init__()
        self.matter = title
        self.prefixes = prefixes
        self.target = target

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                _("Issue the urge notice on “{title}” with a number").format(title=self.matter),
                markup=False,
            )
            yield Label(_("Prefix (机关代字)"))
            yield Input(self.prefixes[0] if self.prefixes else "", id="issue-prefix")
            if self.prefixes:
                yield Static(
                    _("The prefixes in use are {known}.").format(known="、".join(self.prefixes)),
                    classes="confirm-keys",
                    markup=False,
                )
            yield Label(_("Write it to"))
            yield Input(str(self.target), id="issue-file")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#issue-prefix", Input).focus()

    @on(Input.Submitted, "#issue-prefix")
    def _prefix_typed(self) -> None:
        self.query_one("#issue-file", Input).focus()

    @on(Input.Submitted, "#issue-file")
    def _file_typed(self) -> None:
        self.action_issue()

    def action_issue(self) -> None:
        prefix = "".join(self.query_one("#issue-prefix", Input).value.split())
        typed = self.query_one("#issue-file", Input).value.strip()
        if not prefix:
            self.notify(_("Enter the organ's prefix, e.g. 某府发"), severity="warning")
            self.query_one("#issue-prefix", Input).focus()
            return
        if not typed:
            self.notify(_("Enter the file to write it to."), severity="warning")
            self.query_one("#issue-file", Input).focus()
            return
        path = Path(typed).expanduser()
        if not path.is_absolute():
            path = self.target.parent / path
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        self.dismiss((prefix, path))

    def action_cancel(self) -> None:
        self.dismiss(None)
