"""Questions over the current screen: yes/no (y or Enter, n or Esc), or a few choices each
with its own key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from secdesk.i18n import N_
from secdesk.screens.base import DeskModal, add_bindings
from secdesk.services.phrases import saying
from secdesk.widgets import keymap
from secdesk.widgets.footer import DeskFooter

_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: auto; min-width: 40; max-width: 80; height: auto;
    border: thick $warning; background: $surface; padding: 1 2;
}}
{name} .confirm-keys {{ color: $text-muted; margin-top: 1; }}
"""


class ConfirmScreen(DeskModal[bool]):
    """Asks before anything is thrown away."""

    DEFAULT_CSS = _CSS.format(name="ConfirmScreen")
    HELP = N_("Answer with y (yes) or n (no).")

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            keys = f"{saying('y', self.yes)}    {saying('n', self.no)}"
            yield Static(keys, classes="confirm-keys", markup=False)
        yield DeskFooter()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


def ask_yes(app: App[Any], question: str, yes: str, no: str, then: Callable[[], object]) -> None:
    """Ask ``question`` over the current screen (y: ``yes``, n: ``no``); a yes runs ``then``."""

    def answer(said: bool | None) -> None:
        if said:
            then()

    app.push_screen(ConfirmScreen(question, yes=yes, no=no), answer)


class ChoiceScreen(DeskModal[str | None]):
    """A question with a few answers, each on its own key; Esc answers None."""

    DEFAULT_CSS = _CSS.format(name="ChoiceScreen")
    HELP = N_("Press the key of your answer; Esc leaves the question unanswered.")

    def __init__(self, question: str, choices: list[tuple[str, str, str]], back: str) -> None:
        """``choices`` are (key, label, answer)."""
        super().__init__()
        self.question = question
        self.choices = choices
        self.back = back
        add_bindings(
            self,
            [
                keymap.Key(f"choice_{answer}", key, f"choose({answer!r})", label, label).binding()
                for key, label, answer in choices
            ],
        )

    def compose(self) -> ComposeResult:
        keys = [saying(key, label) for key, label, _answer in self.choices]
        keys.append(saying("Esc", self.back))  # y：保存 in Chinese, not y: 保存
        with Vertical():
            yield Static(self.question, markup=False)
            yield Static("    ".join(keys), classes="confirm-keys", markup=False)
        yield DeskFooter()

    def action_choose(self, answer: str) -> None:
        self.dismiss(answer or None)
