"""The office's name and mark, asked once on the desk: at the first start, or while
config.toml has no ``[office]`` name (a file written before papers were signed has no
``[office]`` at all). Every paper the desk writes is signed with the name (the 发文机关署名);
the mark (发文机关标志) heads a numbered paper. Enter keeps them in config.toml, Esc asks
again at the next start."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from secdesk.config import Office
from secdesk.i18n import N_, _
from secdesk.screens.base import DeskModal
from secdesk.screens.work import tell_failure
from secdesk.widgets.footer import DeskFooter


class OfficeNameScreen(DeskModal[Office | None]):
    """Asks for the office's name and mark; dismissed with the office kept, or None."""

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
        "某区人民政府办公室, and press Enter; then the mark that heads a numbered paper, such "
        "as 某区人民政府办公室文件 (left empty, the name heads it), and Enter again. They are "
        "kept in config.toml as [office] name and mark. Esc asks again at the next start."
    )

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Which office signs the papers the desk writes?"), markup=False)
            yield Static(
                _(
                    "Its full name as signed, such as 某区人民政府办公室, Enter; then the mark "
                    "that heads a numbered paper, Enter keeps them."
                ),
                classes="confirm-keys",
                markup=False,
            )
            yield Input(placeholder=_("The office's name"), id="office-name")
            yield Input(
                placeholder=_("The mark heading a numbered paper (empty: the name)"),
                id="office-mark",
            )
        yield DeskFooter()

    @on(Input.Submitted, "#office-name")
    def _typed(self, event: Input.Submitted) -> None:
        if self.typed_name():
            self.query_one("#office-mark", Input).focus()

    @on(Input.Submitted, "#office-mark")
    def _marked(self, event: Input.Submitted) -> None:
        name = self.typed_name()
        if name:
            self._save(name, " ".join(event.value.split()))

    def typed_name(self) -> str:
        """The name typed (spaces tidied); said and focused when there is none."""
        field = self.query_one("#office-name", Input)
        name = " ".join(field.value.split())
        if not name:
            self.notify(_("Type the office's name, or press Esc to be asked later."))
            field.focus()
        return name

    @work(thread=True, exclusive=True, group="office-name", exit_on_error=False)
    def _save(self, name: str, mark: str) -> None:
        from secdesk.config import save_office
        from secdesk.services.errors import describe

        try:
            save_office(name, mark=mark)
        except OSError as exc:
            self.app.call_from_thread(tell_failure, self, describe(exc), _("Not saved"))
            return
        self.app.call_from_thread(self.dismiss, Office(name, mark))

    def action_later(self) -> None:
        self.dismiss(None)
