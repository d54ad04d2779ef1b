"""What every secdesk screen shares: bindings shown in the current language, help, and
the door to the database."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.worker import Worker

from secdesk.i18n import N_, _

if TYPE_CHECKING:
    from secdesk.config import Settings
    from secdesk.services.store import Store

T = TypeVar("T")

#: From a call's row (dashboard or calls log), one key makes the work it starts, kept
#: linked to the call. Screens offering them define ``action_make(kind)``.
CALL_FOLLOW_UPS: list[BindingType] = [
    Binding(
        "t", "make('task')", N_("Task"), id="call_to_task", tooltip=N_("Make a task from this call")
    ),
    Binding(
        "s",
        "make('supervision')",
        N_("Supervise"),
        id="call_to_supervision",
        tooltip=N_("Make a supervision item from this call"),
    ),
    Binding(
        "p",
        "make('petition')",
        N_("Petition"),
        id="call_to_petition",
        tooltip=N_("Register this call as letters and visits (信访)"),
    ),
]


def translate_bindings(node: DOMNode) -> None:
    """Show ``node``'s binding descriptions and tooltips in the current language.

    Descriptions are English msgids (marked with ``N_``), so a screen built after a language
    switch shows the new language.
    """
    original: BindingsMap = getattr(node, "_secdesk_msgid_bindings", None) or node._bindings
    node._secdesk_msgid_bindings = original  # type: ignore[attr-defined]
    translated: list[Binding] = []
    for bindings in original.key_to_bindings.values():
        for binding in bindings:
            translated.append(
                replace(
                    binding,
                    description=_(binding.description) if binding.description else "",
                    tooltip=_(binding.tooltip) if binding.tooltip else "",
                )
            )
    node._bindings = BindingsMap(translated)


class DeskMixin:
    """Help text and the app's services, shared by full screens and modals."""

    HELP: ClassVar[str] = ""
    """What this screen is for, in a few lines (an English msgid); F1 shows it with the keys."""

    app: object

    @property
    def store(self) -> Store:
        """The app's door to the database (use it from workers only)."""
        return self.app.store  # type: ignore[attr-defined, no-any-return]

    @property
    def settings(self) -> Settings:
        return self.app.settings  # type: ignore[attr-defined, no-any-return]

    def refresh_data(self) -> None:
        """Reload what the screen shows; called when the database changed."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker state messages do not bubble: hand failures to the app, which reports them.
        self.app.report_failed_worker(event.worker)  # type: ignore[attr-defined]


class DeskScreen(DeskMixin, Screen[None]):
    """A full screen of secdesk."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        translate_bindings(self)


class DeskModal(DeskMixin, ModalScreen[T]):
    """A modal form or view over the current screen."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        translate_bindings(self)
