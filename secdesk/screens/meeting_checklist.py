"""One meeting's checklist and attendance (``k`` on a meeting) and its notice; and what
every modal over one meeting shares (its view read in a worker, closed when it is gone).

Wing: screens. Must not import app, cli or demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from secdesk.i18n import N_, _
from secdesk.screens.base import DeskModal
from secdesk.screens.work import data_worker
from secdesk.textsafe import text
from secdesk.widgets.footer import DeskFooter

if TYPE_CHECKING:
    from secdesk.office.meetings.schedule import MinutesView


class MeetingModal(DeskModal[None]):
    """A modal over one meeting: its view (checklist, attendance, minutes) is read in a
    worker and read again when the data changes; the modal closes if the meeting is gone."""

    CSS_PATH = "meetings.tcss"
    BOX: ClassVar[str] = ""
    """The id of the box titled with the meeting ("Loading…" until it is read)."""

    @dataclass
    class Loaded(Message):
        view: MinutesView

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.view: MinutesView | None = None

    def on_mount(self) -> None:
        self.query_one(f"#{self.BOX}").border_title = _("Loading…")
        self.load()

    def refresh_data(self) -> None:
        self.load()

    @data_worker("meeting")
    def load(self) -> Message | None:
        from secdesk.office.meetings import schedule as meetings

        try:
            view = self.store.run(meetings.minutes_view, self.meeting_id)
        except LookupError:
            self.app.call_from_thread(self.dismiss, None)
            return None
        return self.Loaded(view)


_ATTENDED = {None: "·", True: "✓", False: "✗"}
NOBODY_INVITED = N_(
    "Nobody is invited yet: add participants in the meeting's form (e on the meeting in "
    "the Meetings list), then mark here who came."
)
_NEXT_MARK: dict[bool | None, bool | None] = {None: True, True: False, False: None}


class PrepareScreen(MeetingModal):
    """One meeting's checklist and its participants' attendance."""

    BOX = "prepare"
    HELP = N_(
        "The meeting's preparation checklist, then its participants. Space ticks the "
        "highlighted step, or marks whether the highlighted person came (✓ came, ✗ did not, "
        "· not marked yet); u undoes. Tab moves between the two lists. n shows the meeting "
        "notice and writes it as .txt and .docx to the documents folder."
    )

    def compose(self) -> ComposeResult:
        with Vertical(id="prepare"):
            yield Label(_("Checklist"), classes="section", markup=False)
            yield OptionList(id="checklist")
            yield Label(_("Attendance"), classes="section", markup=False)
            yield OptionList(id="attendance")
        yield DeskFooter()

    @on(MeetingModal.Loaded)
    def show(self, message: MeetingModal.Loaded) -> None:
        view = self.view = message.view
        # User text: a Rich Text, never parsed as markup.
        self.query_one("#prepare").border_title = text(
            f"{view.title} · {view.starts_at:%Y-%m-%d %H:%M}"
        )
        steps = self.query_one("#checklist", OptionList)
        at = steps.highlighted
        steps.clear_options()
        steps.add_options(
            [
                Option(text(("☑ " if done else "☐ ") + label), id=f"c{item_id}")
                for item_id, label, done in view.checklist
            ]
        )
        if view.checklist:
            steps.highlighted = min(at or 0, len(view.checklist) - 1)
        people = self.query_one("#attendance", OptionList)
        at = people.highlighted
        people.clear_options()
        from secdesk.office.meetings.schedule import ROLE_SHOWN

        people.add_options(
            [
                Option(
                    text(
                        f"{_ATTENDED[attended]} {name} · {ROLE_SHOWN.get(role, role)}"  # type: ignore[call-overload]
                        + (f" ({reason})" if reason else "")
                    ),
                    id=f"p{pid}",
                )
                for pid, name, role, reason, attended in view.participants
            ]
        )
        if view.participants:
            people.highlighted = min(at or 0, len(view.participants) - 1)
        else:
            people.add_option(Option(text(_(NOBODY_INVITED)), disabled=True))
        if not isinstance(self.focused, OptionList):
            (steps if view.checklist else people).focus()

    def action_mark(self) -> None:
        focused = self.focused
        if not isinstance(focused, OptionList) or focused.highlighted is None or self.view is None:
            return
        option_id = focused.get_option_at_index(focused.highlighted).id or ""
        if option_id.startswith("c"):
            self._tick(int(option_id[1:]))
        elif option_id.startswith("p"):
            pid = int(option_id[1:])
            current = next(p[4] for p in self.view.participants if p[0] == pid)
            self._attend(pid, _NEXT_MARK[current])

    @data_worker("tick", exclusive=False)
    def _tick(self, item_id: int) -> None:
        from secdesk.office.meetings import schedule as meetings

        token = self.store.write(meetings.tick, item_id)
        self.app.call_from_thread(self._changed, token)

    @data_worker("tick", exclusive=False)
    def _attend(self, participant_id: int, attended: bool | None) -> None:
        from secdesk.office.meetings import schedule as meetings

        token = self.store.write(meetings.mark_attendance, participant_id, attended)
        self.app.call_from_thread(self._changed, token)

    def _changed(self, token: Any) -> None:
        self.desk.remember_undo(token)
        self.desk.refresh_screens()

    def action_notice(self) -> None:
        if self.view is not None and self.office_named():
            self.app.push_screen(NoticeScreen(self.view))


class NoticeScreen(DeskModal[None]):
    """The meeting notice as text to copy; it is also written to the documents folder."""

    CSS_PATH = "meetings.tcss"
    HELP = N_(
        "The meeting notice (会议通知): select text with the mouse or shift and the arrows "
        "to copy it. It was also written as .txt and .docx to the documents folder (shown below)."
    )

    def __init__(self, view: MinutesView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        from secdesk.office.meetings.papers import as_text, notice_outline

        with Vertical(id="notice"):
            area = TextArea(as_text(notice_outline(self.view)), read_only=True, id="notice-text")
            yield area
            yield Static("", id="notice-files", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#notice").border_title = _("Meeting notice")
        self.query_one("#notice-text").focus()
        self.write()

    @work(thread=True, exclusive=True, group="notice", exit_on_error=False)
    def write(self) -> None:
        from secdesk import config
        from secdesk.office.meetings.papers import write_notice

        paths = write_notice(self.view, config.exports_dir())
        self.app.call_from_thread(
            self.query_one("#notice-files", Static).update,
            _("Written: {files}").format(files=", ".join(str(p) for p in paths)),
        )
