"""The widgets a record form is made of: text that keeps up with a fast typist, a choice
cycled with Space, a checkbox, several lines, text with suggestions, and repeated child rows.

In every one of them Enter moves on to the next field (the form decides whether that saves
instead: see ``FieldHost.enter_in``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Checkbox, Input, TextArea

from secdesk.i18n import _
from secdesk.textsafe import safe
from secdesk.widgets import keymap

if TYPE_CHECKING:
    from secdesk.kinds import FormField


class FieldHost:
    """Mixed into a screen holding form fields: it says what Enter does."""

    saving: bool = False
    """The form is being saved: keys typed now belong to the screen beneath."""
    keys_after_save: list[events.Key]

    def enter_in(self, widget: Widget) -> None:
        """Enter was pressed in ``widget``."""
        screen: Any = self
        screen.focus_next()


def _host(widget: Widget) -> FieldHost | None:
    screen = widget.screen
    return screen if isinstance(screen, FieldHost) else None


class Cycle(Widget, can_focus=True):
    """A value chosen from a few: Space or the arrow keys step through them; Enter moves on."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("Cycle")
    DEFAULT_CSS = """
    Cycle { height: 3; padding: 1 1 0 1; }
    Cycle:focus { text-style: reverse; }
    """
    value: reactive[str] = reactive("")

    class Changed(Message):
        def __init__(self, cycle: Cycle) -> None:
            super().__init__()
            self.cycle = cycle

    def __init__(
        self, choices: tuple[tuple[str, str], ...], value: str, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.choices = choices
        self.set_reactive(Cycle.value, value or choices[0][0])

    def render(self) -> Text:
        labels = dict(self.choices)
        return Text(f"‹ {safe(_(labels.get(self.value, self.value)))} ›")

    def action_step(self, delta: int) -> None:
        values = [v for v, _l in self.choices]
        index = values.index(self.value) if self.value in values else 0
        self.value = values[(index + delta) % len(values)]

    def action_enter(self) -> None:
        host = _host(self)
        if host is not None:
            host.enter_in(self)
        else:
            self.screen.focus_next()

    def watch_value(self) -> None:
        self.post_message(self.Changed(self))


class FormCheckbox(Checkbox):
    """A checkbox of a form: Space ticks it, Enter moves on."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("FormCheckbox")

    def action_enter(self) -> None:
        host = _host(self)
        if host is not None:
            host.enter_in(self)


class FormInput(Input):
    """A text field of a form that keeps up with a fast typist.

    Textual hands every key to the field focused when the key *arrived*, and runs Enter and
    Tab bindings later, so letters typed right after Enter would land in the old field.
    Here Enter and Tab are handled in the field's own queue, in order with the letters, and
    a key that reaches a field after focus has moved on is passed to the field now focused.
    """

    async def _on_key(self, event: events.Key) -> None:
        host = _host(self)
        if host is None:
            await super()._on_key(event)
            return
        if host.saving:
            # Typed after Enter, while the form is closing: it belongs to the desk beneath.
            event.stop()
            event.prevent_default()
            host.keys_after_save.append(event)
            return
        focused = self.screen.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("enter", "tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                host.enter_in(self)
            elif event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        await super()._on_key(event)


class LookupInput(FormInput):
    """Text with suggestions below it: ↓/↑ pick one, → at the end of the text accepts it.

    The form looks the suggestions up (``Typed``) and shows them; this field only moves
    through them (``Move``) and asks to accept one (``Accept``)."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("LookupInput")

    class Move(Message):
        def __init__(self, lookup: LookupInput, delta: int) -> None:
            super().__init__()
            self.lookup = lookup
            self.delta = delta

    def __init__(self, *args: Any, source: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.source = source
        """Where the suggestions come from (``FormField.source``)."""
        self.accept: Any = None
        """Set by the form: called on → at the end; returns True if it took a suggestion."""

    def action_move(self, delta: int) -> None:
        self.post_message(self.Move(self, delta))

    def action_cursor_right(self, select: bool = False) -> None:
        if not select and self.cursor_at_end and self.accept is not None and self.accept(self):
            return
        super().action_cursor_right(select)


class WritingArea(TextArea):
    """A box to write lines in (the minutes' overview and decisions): Ctrl+J starts a new
    line here as in every other field, and so does Enter."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("MultilineInput")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keymap.translate_bindings(self)  # the footer's "New line" in the desk's language

    def action_new_line(self) -> None:
        self.insert("\n")


class MultilineInput(WritingArea):
    """Several lines of text: Enter moves on like everywhere else, Ctrl+J starts a new line."""

    DEFAULT_CSS = """
    MultilineInput { height: auto; min-height: 3; max-height: 8; }
    """

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(
            value, id=id, soft_wrap=True, tab_behavior="focus", show_line_numbers=False
        )

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, new: str) -> None:
        self.text = new

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            host = _host(self)
            if host is not None:
                host.enter_in(self)
            return
        await super()._on_key(event)


class RowsField(Vertical, can_focus=False):
    """Repeated child rows (a contact's numbers, a meeting's participants): each row a line
    of fields; typing in the empty last line adds a row; Enter moves cell by cell, and
    Enter in an empty last line leaves for the next field; Ctrl+D removes the row."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("RowsField")
    DEFAULT_CSS = """
    RowsField { height: auto; }
    RowsField > .rows-line { height: auto; }
    RowsField > .rows-line > FormInput { width: 1fr; }
    """

    class Changed(Message):
        def __init__(self, rows: RowsField) -> None:
            super().__init__()
            self.rows = rows

    def __init__(
        self, columns: Sequence[FormField], value: Sequence[Sequence[str]], *, id: str
    ) -> None:
        super().__init__(id=id)
        keymap.translate_bindings(self)  # the footer's "Remove row" in the desk's language
        self.columns = list(columns)
        self._initial = [list(row) for row in value]

    def compose(self) -> ComposeResult:
        for row in [*self._initial, []]:
            yield self._line(row)

    def _line(self, row: Sequence[str]) -> Horizontal:
        cells = [
            FormInput(
                str(row[i]) if i < len(row) else "",
                placeholder=_(column.placeholder) if column.placeholder else _(column.label),
                classes="rows-cell",
                select_on_focus=False,
            )
            for i, column in enumerate(self.columns)
        ]
        return Horizontal(*cells, classes="rows-line")

    @property
    def lines(self) -> list[Horizontal]:
        return list(self.query(".rows-line").results(Horizontal))

    @property
    def value(self) -> list[list[str]]:
        """Every row typed, the empty last line left out."""
        out = []
        for line in self.lines:
            cells = [cell.value for cell in line.query(FormInput)]
            if any(c.strip() for c in cells):
                out.append(cells)
        return out

    @value.setter
    def value(self, rows: Sequence[Sequence[str]]) -> None:
        for line in self.lines:
            line.remove()
        self.mount_all([self._line(row) for row in [*rows, []]])

    def first_cell(self) -> FormInput:
        return self.lines[0].query(FormInput).first()

    def _position(self, cell: Widget) -> tuple[int, int] | None:
        for r, line in enumerate(self.lines):
            for c, each in enumerate(line.query(FormInput)):
                if each is cell:
                    return r, c
        return None

    @on(Input.Changed, ".rows-cell")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        lines = self.lines
        if event.input.parent is lines[-1] and event.value.strip():
            self.mount(self._line([]))  # always one empty line to type the next row in
        self.post_message(self.Changed(self))

    def enter_from(self, cell: Widget) -> bool:
        """Enter in one of the cells: move to the next cell and return True, or return
        False when the form should go on to its next field."""
        where = self._position(cell)
        if where is None:
            return False
        row, column = where
        lines = self.lines
        line_cells = list(lines[row].query(FormInput))
        if row == len(lines) - 1 and not any(c.value.strip() for c in line_cells):
            return False
        if column + 1 < len(line_cells):
            line_cells[column + 1].focus()
        elif row + 1 < len(lines):
            lines[row + 1].query(FormInput).first().focus()
        else:
            return False
        return True

    def action_remove_row(self) -> None:
        focused = self.screen.focused
        where = self._position(focused) if focused is not None else None
        if where is None:
            return
        lines = self.lines
        if where[0] == len(lines) - 1:
            for cell in lines[-1].query(FormInput):
                cell.value = ""
            return
        lines[where[0]].remove()
        self.call_after_refresh(self._focus_line, where[0])
        self.post_message(self.Changed(self))

    def _focus_line(self, index: int) -> None:
        lines = self.lines
        lines[min(index, len(lines) - 1)].query(FormInput).first().focus()
