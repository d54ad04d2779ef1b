"""F1 / ?: the keys of the screen you are on, with a short explanation."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from secdesk.i18n import N_, _
from secdesk.screens.base import DeskMixin, DeskModal
from secdesk.textsafe import text
from secdesk.widgets.footer import DeskFooter


class HelpScreen(DeskModal[None]):
    """Shows the active keys of the screen underneath and its help text."""

    CSS_PATH = "help.tcss"
    HELP = N_(
        "This help. Esc closes it. The last column is each key's id: config.toml's [keymap] "
        'section remaps a key by it, e.g. new_call = "ctrl+l".'
    )

    def __init__(self, target: Screen[object]) -> None:
        super().__init__()
        self.target = target
        self.rows: list[tuple[Text, Text, Text, Text]] = []
        """A row per action: its keys, name, what it does and id."""

    def compose(self) -> ComposeResult:
        target = self.target
        if isinstance(target, DeskMixin):
            help_text = target.help_text()
        else:
            msgid = getattr(target, "HELP", "")
            help_text = _(msgid) if msgid else ""
        with Vertical(id="help"):
            yield Static(help_text, id="help-text", markup=False)
            yield DataTable(id="help-keys", cursor_type="row")
        yield DeskFooter()

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
        self.rows = [
            (
                text(", ".join(dict.fromkeys(keys)), "bold"),
                text(description),
                text(tooltips[(action, description)]),
                text(ids[(action, description)], "dim"),
            )
            for (action, description), keys in rows.items()
        ]
        self.lay_out()

    def on_resize(self) -> None:
        self.lay_out()

    def lay_out(self) -> None:
        """The keys in columns as wide as their words, "What it does" taking the rest of
        the box and wrapping (never cut), the table scrolling inside the box."""
        table = self.query_one("#help-keys", DataTable)
        pad = 2 * table.cell_padding
        room = (table.size.width or self.app.size.width) - table.styles.scrollbar_size_vertical
        heads = [_("Key"), _("Action"), _("What it does"), _("Id for [keymap]")]
        rows = [list(row) for row in self.rows]
        if room < 100:
            # Narrow: each key's id goes under what it does, which keeps the width.
            heads.pop()
            for row in rows:
                ident = row.pop()
                if ident.plain:
                    row[2] = Text.assemble(row[2], "\n", ident)
        widths = [
            max(
                [cell_len(head)]
                + [cell_len(line) for row in rows for line in row[i].plain.split("\n")]
            )
            for i, head in enumerate(heads)
        ]
        widths[0], widths[1] = min(widths[0], 16), min(widths[1], 20)
        if len(widths) == 4:
            widths[3] = min(widths[3], 22)
        fixed = sum(w for i, w in enumerate(widths) if i != 2)
        widths[2] = max(12, room - len(widths) * pad - fixed)
        cursor = table.cursor_row
        table.clear(columns=True)
        for head, width in zip(heads, widths, strict=True):
            table.add_column(head, width=width)
        for row in rows:
            table.add_row(*row, height=None)
        table.move_cursor(row=max(0, cursor), animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
