"""What every secdesk screen shares: bindings shown in the current language, help, and the
door to the database. (Database work: ``work``; the unsaved-work protocol: ``unsaved``.)

Wing: screens. Must not import app, cli or demo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, cast

from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.worker import Worker

from secdesk.i18n import _
from secdesk.widgets import keymap
from secdesk.widgets.heap import forget_closed_screen
from secdesk.widgets.keymap import translate_bindings

if TYPE_CHECKING:
    from secdesk.config import Settings
    from secdesk.kinds import Kind
    from secdesk.services.store import Store
    from secdesk.services.views import Saved, Undo

T = TypeVar("T")


class Desk(Protocol):
    """What screens ask of the app (``SecDeskApp``), without importing it."""

    store: Store
    settings: Settings

    def open_form(self, kind: str, **opening: Any) -> None: ...
    def edit_record(self, kind: str, record_id: int) -> None: ...
    def delete_record(self, kind: str, record_id: int, name: str = "") -> None: ...
    def run_row_action(self, action_id: str, kind: str, record_id: int | None) -> None: ...
    def row_step(self, kind: str, record_id: int, step: str) -> None: ...
    def open_record(self, kind: str, record_id: int) -> None: ...
    def announce_saved(self, result: Saved) -> None: ...
    def remember_undo(self, token: Undo) -> None: ...
    def refresh_screens(self) -> None: ...
    def report_failed_worker(self, worker: Worker[Any]) -> None: ...
    def leave_editors(self, then: Callable[[], object], keep: object = None) -> None: ...
    def start_background(self) -> None: ...
    def ask_office(self, for_a_paper: bool = False) -> None: ...


def row_bindings(kind: Kind) -> list[Binding]:
    """The keys a kind declares for its selected record."""
    return [
        keymap.Key(
            action.id,
            action.key,
            f"row_action({action.id!r})",
            action.label,
            action.tooltip,
            show=action.show,
        ).binding()
        for action in kind.row_actions
    ]


def step_bindings(kind: Kind) -> list[Binding]:
    """A key per step of the kind's workflow (shown only when the step is allowed)."""
    if kind.workflow is None:
        return []
    return [
        keymap.Key(
            f"{kind.name}_{step.name}", step.key, f"step({step.name!r})", step.label, step.help
        ).binding()
        for step in kind.workflow.transitions
    ]


def add_bindings(node: DOMNode, bindings: list[Binding]) -> None:
    """Give one screen instance more keys (those its record kind declares)."""
    original: BindingsMap = getattr(node, "_secdesk_msgid_bindings", None) or node._bindings
    node._secdesk_msgid_bindings = BindingsMap(  # type: ignore[attr-defined]  # our mark, as above
        [b for keys in original.key_to_bindings.values() for b in keys] + bindings
    )
    translate_bindings(node)


class DeskMixin:
    """Help text and the app's services, shared by full screens and modals."""

    HELP: ClassVar[str | None] = ""
    """What this screen is for, in a few lines (an English msgid); F1 shows it with the keys."""

    BINDINGS: ClassVar[list[BindingType]]
    """The screen's keys: unless a class writes its own, ``keymap.bindings`` of its name."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # A screen's keys are the keymap's entry under its class name, written there once
        # (config.toml remaps them by id); a class that writes its own BINDINGS keeps them.
        if "BINDINGS" not in cls.__dict__ and cls.__name__ in keymap.KEYS:
            cls.BINDINGS = keymap.bindings(cls.__name__)
        super().__init_subclass__(**kwargs)

    @property
    def desk(self) -> Desk:
        """The app, as the screens use it."""
        return cast(Desk, cast(Screen[Any], self).app)

    @property
    def store(self) -> Store:
        """The app's door to the database (use it from workers only)."""
        return self.desk.store

    @property
    def settings(self) -> Settings:
        return self.desk.settings

    def help_text(self) -> str:
        """What F1 shows above the keys (translated)."""
        return _(self.HELP) if self.HELP else ""

    def refresh_data(self) -> None:
        """Reload what the screen shows; called when the database changed."""

    def office_named(self) -> bool:
        """A paper is signed by the office (its 发文机关署名): while none is named (Esc at the
        first start's question), say so and ask again instead of writing an unsigned one.
        Call it on the UI thread before a paper is written."""
        from secdesk import config

        if config.office().name:
            return True
        self.desk.ask_office(for_a_paper=True)
        return False

    def on_unmount(self) -> None:
        # Textual's style caches would keep this screen's widgets (and every line they
        # painted) alive long after it closed: see widgets.heap.
        forget_closed_screen(self.desk, whole_screen=not isinstance(self, ModalScreen))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker state messages do not bubble: hand failures to the app, which reports them.
        self.desk.report_failed_worker(event.worker)


class DeskScreen(DeskMixin, Screen[None]):
    """A full screen of secdesk."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)


class DeskModal(DeskMixin, ModalScreen[T]):
    """A modal form or view over the current screen."""

    # A modal screen hides the app's keys: F1 and ? (help) are given again here, under the
    # desk's id, so a remap in config.toml moves them everywhere.
    BINDINGS: ClassVar[list[BindingType]] = [keymap.HELP._replace(action="app.help").binding()]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)
