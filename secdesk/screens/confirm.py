"""A yes/no question over the current screen: y or Enter says yes, n or Esc says no."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Static

from secdesk.i18n import N_
from secdesk.screens.base import DeskModal


class ConfirmScreen(DeskModal[bool]):
    """Asks before anything is thrown away."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: auto; min-width: 40; max-width: 80; height: auto;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmScreen .confirm-keys { color: $text-muted; margin-top: 1; }
    """
    HELP = N_("Answer with y (yes) or n (no).")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", N_("Yes"), id="confirm_yes", tooltip=N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm_no", tooltip=N_("No")),
    ]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            yield Static(f"y: {self.yes}    n: {self.no}", classes="confirm-keys", markup=False)
        yield Footer()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
