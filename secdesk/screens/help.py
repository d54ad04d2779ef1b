"""F1 / ?: the keys of the screen you are on, with a short explanation."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from secdesk.i18n import N_, _
from secdesk.screens.base import DeskMixin, DeskModal
from secdesk.textsafe import text
from secdesk.widgets import keymap


class HelpScreen(DeskModal[None]):
    """Shows the active keys of the screen underneath and its help text."""

    CSS_PATH = "help.tcss"
    HELP = N_(
        "This help. Esc closes it. The last column is each key's id: config.toml's [keymap] "
        'section remaps a key by it, e.g. new_call = "ctrl+l".'
    )
    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("HelpScreen")

    def __init__(self, target: Screen[object]) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        target = self.target
        if isinstance(target, DeskMixin):
            help_text = target.help_text()
        else:
            msgid = getattr(target, "HELP", "")
            help_text = _(msgid) if msgid else ""
        with Vertical(id="help"):
            yield Static(help_text, id="help-text", markup=False)
            table: DataTable[Text] = DataTable(id="help-keys", cursor_type="row")
            table.add_columns(_("Key"), _("Action"), _("What it does"), _("Id for [keymap]"))
            yield table
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help").border_title = _("Help")
        # One row per action: every key that does it, its name and what it does. Textual's
        # own widgets' descriptions are translated here too (see locale/textual_strings.py).
        rows: dict[tuple[str, str], list[str]] = {}
        tooltips: dict[tuple[str, str], str] = {}
        ids: dict[tuple[str, str], str] = {}
        # The screen's and the desk's own keys first, then the focused widget's (cursor,
        # editing), which are the same everywhere.
        ordered = sorted(
            self.target.active_bindings.values(),
            key=lambda active: not isinstance(active.node, Screen | App),
        )
        for active in ordered:
            binding = active.binding
            if not binding.description:
                continue
            key = (binding.action, _(binding.description))
            rows.setdefault(key, []).append(self.app.get_key_display(binding))
            tooltips.setdefault(key, _(binding.tooltip) if binding.tooltip else "")
            ids.setdefault(key, binding.id or "")
        table = self.query_one("#help-keys", DataTable)
        table.add_rows(
            [
                (
                    text(", ".join(dict.fromkeys(keys)), "bold"),
                    text(description),
                    text(tooltips[(action, description)]),
                    text(ids[(action, description)], "dim"),
                )
                for (action, description), keys in rows.items()
            ]
        )

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
