"""The unsaved-work protocol: an editor (a record form, the duty log's notes, the minutes, a
pasted holiday notice) says whether anything typed is not saved, and the desk asks before
anything closes it: "Discard what you typed?" or "... is not saved. Save it now?".

Wing: screens. Must not import app, cli or demo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from secdesk.i18n import _
from secdesk.screens.confirm import ConfirmScreen


class UnsavedWork:
    """Mixed into an editor screen.

    ``has_unsaved_work`` says whether anything typed is not saved; ``unsaved_what`` names it
    in the question; ``action_save`` saves. ``save_then`` saves and calls ``then`` once the
    save is committed (the editor calls :meth:`run_after_save` then), or not at all when
    the save fails: the editor says why and stays open."""

    _after_save: Callable[[], object] | None = None
    """What waits for the save in progress to be committed."""

    def has_unsaved_work(self) -> bool:
        raise NotImplementedError

    def unsaved_what(self) -> str:
        raise NotImplementedError

    def action_save(self) -> None:
        raise NotImplementedError

    def save_then(self, then: Callable[[], object]) -> None:
        self._after_save = then
        self.action_save()

    def pop_after_save(self) -> Callable[[], object] | None:
        """What waited for the save just committed (it no longer waits)."""
        then, self._after_save = self._after_save, None
        return then

    def run_after_save(self) -> None:
        """The save is committed: run what waited for it."""
        then = self.pop_after_save()
        if then is not None:
            then()

    def ask_to_discard(self, close: Callable[[], object]) -> None:
        """Esc: ``close`` at once when nothing typed is unsaved, else after a yes to
        "Discard what you typed?"."""
        if not self.has_unsaved_work():
            close()
            return

        def answer(discard: bool | None) -> None:
            if discard:
                close()

        self._ask(
            ConfirmScreen(_("Discard what you typed?"), yes=_("Discard"), no=_("Keep editing")),
            answer,
        )

    def ask_to_save(self, question: str, then: Callable[[], object]) -> None:
        """Leaving: ``then`` at once when nothing typed is unsaved, else ``question`` (is it
        to be saved?): yes saves and runs ``then`` once saved; no keeps editing."""
        if not self.has_unsaved_work():
            then()
            return

        def answer(save: bool | None) -> None:
            if save:
                self.save_then(then)

        self._ask(ConfirmScreen(question, yes=_("Save"), no=_("Keep editing")), answer)

    def _ask(self, question: ConfirmScreen, answer: Callable[[bool | None], None]) -> None:
        screen: Any = self
        screen.app.push_screen(question, answer)
