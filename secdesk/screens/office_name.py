"""The office's name, asked once on the desk: at the first start, or while config.toml's
``[office]`` has no name. Every paper the desk writes is signed with it (the 发文机关署名);
Enter keeps it in config.toml, Esc asks again at the next start."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from secdesk.i18n import N_, _
from secdesk.screens.base import DeskModal
from secdesk.screens.work import tell_failure
from secdesk.widgets import keymap


class OfficeNameScreen(DeskModal[str | None]):
    """Asks for the office's name; dismissed with the name kept, or None."""

    DEFAULT_CSS = """
    OfficeNameScreen { align: center middle; }
    OfficeNameScreen > Vertical {
        width: 72; height: auto; border: thick $accent; background: $surface; padding: 1 2;
    }
    OfficeNameScreen Input { margin-top: 1; }
    """
    HELP = N_(
        "The office's name signs every paper the desk writes (urge notices, meeting "
        "notices, minutes, the work summary). Type it as it is signed, such as "
        "某区人民政府办公室, and press Enter; it is kept in config.toml as [office] name. "
        "Esc asks again at the next start."
    )
    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("OfficeNameScreen")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Which office signs the papers the desk writes?"), markup=False)
            yield Static(
                _("Its full name as signed, such as 某区人民政府办公室. Enter keeps it."),
                classes="confirm-keys",
                markup=False,
            )
            yield Input(placeholder=_("The office's name"), id="office-name")
        yield Footer()

    @on(Input.Submitted, "#office-name")
    def _typed(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if not name:
            self.notify(_("Type the office's name, or press Esc to be asked later."))
            return
        self._save(name)

    @work(thread=True, exclusive=True, group="office-name", exit_on_error=False)
    def _save(self, name: str) -> None:
        from secdesk.config import save_office
        from secdesk.services.errors import describe

        try:
            save_office(name)
        except OSError as exc:
            self.app.call_from_thread(tell_failure, self, describe(exc), _("Not saved"))
            return
        self.app.call_from_thread(self.dismiss, name)

    def action_later(self) -> None:
        self.dismiss(None)
