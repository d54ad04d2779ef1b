"""The key footer of every screen: Textual's Footer, rebuilt only when its keys change.

Textual's Footer removes and mounts all its keys again each time a screen says its
bindings may have changed; a screen says so on every focus change and every row the
cursor lands on (the keys of the row under the cursor), and five panels filling at start
say it five times. Each rebuild of a dozen keys costs 20-30 ms of the interpreter on this
kind of machine: the dashboard filled three of them after its first frame. This footer
keeps what it showed and rebuilds only when the keys it would show differ, once however
many times it was asked meanwhile; and it makes each key in its final style at once.

A footer made with ``hold=True`` shows its keys only once ``release``d: the dashboard holds
its keys until the day is on screen (or a second has passed), so that making them does not
hold back the panels the secretary is waiting for (a quarter of the interpreter's time
between the first frame and the filled one, on two cores). The keys work meanwhile.

Wing: widgets. Must not import services, office, care, screens, app or cli.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

#: What a footer shows: per key shown, (key, display, description, action, enabled,
#: tooltip); then whether it is compact and shows the palette's key.
Shown = tuple[object, ...]


class DeskFooter(Footer):
    """A Footer that rebuilds its keys only when they change."""

    def __init__(self, hold: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.held = hold
        """The keys wait for ``release`` (the dashboard's, until its day is on screen)."""
        self._shown: Shown | None = None
        """What the keys on screen were made from (None: not made yet)."""
        self._pending = False
        """A rebuild is asked for and has not run yet."""

    def _keys(self) -> Shown:
        keys = tuple(
            (
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
            )
            for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (*keys, self.compact, self.show_command_palette)

    def compose(self) -> ComposeResult:
        # Each key is made in the footer's style already: Textual makes it compact, then
        # its binding to the footer's style undoes that once mounted, two restylings of
        # every key each time the keys are made.
        for widget in super().compose():
            # (The palette's key is not bound to the footer's style: it stays compact.)
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._pending or self.held:
            return
        if self.is_attached and screen is self.screen:
            self._pending = True
            self.call_after_refresh(self._rebuild)

    def release(self) -> None:
        """Show the keys now (once; a footer not held shows them already)."""
        if self.held and self.is_attached:
            self.held = False
            # Asked as the screen asks (not by calling bindings_changed here): the keys are
            # then made as the footer's own children.
            self.screen.refresh_bindings()

    async def _rebuild(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await self.recompose()
