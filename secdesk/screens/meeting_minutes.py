"""A meeting's minutes (``r`` on a meeting): the overview, the decisions one per line,
and the question that makes a decision a supervision item.

Wing: screens. Must not import app, cli or demo.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from secdesk.i18n import N_, _
from secdesk.screens.base import DeskModal
from secdesk.screens.confirm import ask_yes
from secdesk.screens.meeting_checklist import MeetingModal
from secdesk.screens.unsaved import UnsavedWork
from secdesk.screens.work import data_worker
from secdesk.textsafe import text
from secdesk.widgets.fields import WritingArea
from secdesk.widgets.footer import DeskFooter


class MinutesScreen(UnsavedWork, MeetingModal):
    """The minutes: the overview, the decisions one per line, and what became of them."""

    BOX = "minutes"
    HELP = N_(
        "The minutes (纪要) of the meeting. Write the overview, then the decisions (议定事项), "
        "one per line; Ctrl+S saves. The 出席 / 列席 / 请假 lines come from the attendance "
        "(k). In the list of saved decisions below, s makes the highlighted one a supervision "
        "item (undertaking unit and due date: a date, 10wd or 15d), linked both ways. Ctrl+E "
        "exports the minutes as .docx and Markdown to the documents folder."
    )

    def __init__(self, meeting_id: int) -> None:
        super().__init__(meeting_id)
        self.dirty = False

    def compose(self) -> ComposeResult:
        with Vertical(id="minutes"):
            yield Static("", id="minutes-lines", markup=False)
            yield Label(_("Overview"), classes="section", markup=False)
            yield WritingArea(id="minutes-overview")
            yield Label(_("Decisions, one per line"), classes="section", markup=False)
            yield WritingArea(id="minutes-decisions")
            yield Label(
                _("Saved decisions (s: make a supervision item)"), classes="section", markup=False
            )
            yield OptionList(id="minutes-saved")
        yield DeskFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "supervise":
            return isinstance(self.focused, OptionList)
        return True

    def refresh_data(self) -> None:
        if not self.dirty:
            self.load()

    @on(MeetingModal.Loaded)
    def show(self, message: MeetingModal.Loaded) -> None:
        view = self.view = message.view
        self.query_one("#minutes").border_title = text(
            _("Minutes of {meeting}").format(meeting=view.title)
        )
        lines = view.lines
        excused = "、".join(f"{n}（{r}）" if r else n for n, r in lines.excused)
        shown = [
            _("Present: {names}").format(names="、".join(lines.present) or _("none")),
            _("Observing: {names}").format(names="、".join(lines.observers) or _("none")),
            _("Excused: {names}").format(names=excused or _("none")),
        ]
        if lines.absent:
            shown.append(_("Absent: {names}").format(names="、".join(lines.absent)))
        self.query_one("#minutes-lines", Static).update("\n".join(shown))
        overview = self.query_one("#minutes-overview", TextArea)
        decisions = self.query_one("#minutes-decisions", TextArea)
        if not self.dirty:
            with overview.prevent(TextArea.Changed), decisions.prevent(TextArea.Changed):
                overview.text = view.overview
                decisions.text = "\n".join(d[1] for d in view.decisions)
        saved = self.query_one("#minutes-saved", OptionList)
        at = saved.highlighted
        saved.clear_options()
        saved.add_options(
            [
                Option(
                    text(
                        f"{i}. {d_text}"
                        + (" · " + _("supervised as #{id}").format(id=item) if item else "")
                    ),
                    id=f"d{did}",
                )
                for i, (did, d_text, _unit, _due, item) in enumerate(view.decisions, start=1)
            ]
        )
        if view.decisions:
            saved.highlighted = min(at or 0, len(view.decisions) - 1)
        if self.focused is None:
            overview.focus()

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        self.dirty = True

    def action_save(self) -> None:
        if self.view is None:
            return
        overview = self.query_one("#minutes-overview", TextArea).text
        decisions = self.query_one("#minutes-decisions", TextArea).text.splitlines()
        self._save(overview, decisions, self.view.version)

    @data_worker("minutes-save")
    def _save(self, overview: str, decisions: list[str], version: int) -> None:
        from secdesk.office.meetings import schedule as meetings
        from secdesk.services.views import RecordChanged

        try:
            self.store.write(meetings.save_minutes, self.meeting_id, overview, decisions, version)
        except RecordChanged:
            self.app.call_from_thread(
                self.notify,
                _(
                    "The meeting was changed elsewhere after you opened the minutes; copy your text and open them again."
                ),
                severity="warning",
                markup=False,
            )
            return
        self.app.call_from_thread(self._saved)

    def _saved(self) -> None:
        self.dirty = False
        self.notify(_("Minutes saved"), markup=False)
        self.desk.refresh_screens()
        self.run_after_save()

    def action_export(self) -> None:
        self._export()

    @data_worker("minutes-export")
    def _export(self) -> None:
        from secdesk import config
        from secdesk.office.meetings import schedule as meetings
        from secdesk.office.meetings.papers import write_minutes

        view = self.store.run(meetings.minutes_view, self.meeting_id)
        paths = write_minutes(view, config.exports_dir())
        self.app.call_from_thread(
            self.notify,
            _("Written: {files}").format(files=", ".join(str(p) for p in paths)),
            markup=False,
        )

    def action_supervise(self) -> None:
        saved = self.query_one("#minutes-saved", OptionList)
        if saved.highlighted is None or self.view is None or not self.view.decisions:
            return
        decision = self.view.decisions[saved.highlighted]
        if decision[4]:
            self.notify(
                _("This decision is already supervised as #{id}.").format(id=decision[4]),
                markup=False,
            )
            return

        def answer(values: tuple[str, str] | None) -> None:
            if values is not None:
                self._supervise(decision[0], *values)

        self.app.push_screen(SuperviseScreen(decision[1]), answer)

    @data_worker("minutes-supervise", exclusive=False)
    def _supervise(self, decision_id: int, unit: str, due: str, sure: bool = False) -> None:
        from secdesk.office.meetings import schedule as meetings
        from secdesk.services.forms import NeedsConfirmation
        from secdesk.services.views import InvalidInput

        confirmed = frozenset({"due"}) if sure else frozenset()
        try:
            saved = self.store.write(
                meetings.supervise_decision, decision_id, unit, due, "", confirmed
            )
        except InvalidInput as exc:
            self.app.call_from_thread(self.notify, _(exc.message), severity="warning", markup=False)
            return
        except NeedsConfirmation as ask:
            # A due date years ahead: asked as a supervision item's form asks it.
            self.app.call_from_thread(
                ask_yes,
                self.app,
                ask.question,
                _("Keep it"),
                _("Change it"),
                lambda: self._supervise(decision_id, unit, due, sure=True),
            )
            return
        self.app.call_from_thread(
            self.notify,
            _("Supervision item #{id} made from the decision; each links to the other.").format(
                id=saved.id
            ),
            markup=False,
        )
        self.app.call_from_thread(self.desk.refresh_screens)

    def action_close(self) -> None:
        self.ask_to_discard(self._discard)

    def _discard(self) -> None:
        self.dirty = False
        self.dismiss(None)

    def has_unsaved_work(self) -> bool:
        return self.dirty

    def unsaved_what(self) -> str:
        return _("the minutes")


class SuperviseScreen(DeskModal[tuple[str, str] | None]):
    """Asks the undertaking unit and the due date of a decision to supervise."""

    CSS_PATH = "meetings.tcss"
    HELP = N_(
        "Make the decision a supervision item: the undertaking unit (承办单位) and by when "
        "(a date, 10wd for ten working days or 15d for fifteen days, counted from the "
        "meeting's day). Enter in the last field makes it; Esc goes back."
    )

    def __init__(self, decision: str) -> None:
        super().__init__()
        self.decision = decision

    def compose(self) -> ComposeResult:
        with Vertical(id="supervise"):
            yield Static(self.decision, markup=False)
            yield Input(placeholder=_("Undertaking unit"), id="supervise-unit")
            yield Input(placeholder=_("Due: a date, 10wd or 15d"), id="supervise-due")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#supervise").border_title = _("Supervise this decision")
        self.query_one("#supervise-unit").focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "supervise-unit":
            self.query_one("#supervise-due").focus()
            return
        unit = self.query_one("#supervise-unit", Input).value
        due = self.query_one("#supervise-due", Input).value
        if due.strip():
            self.dismiss((unit, due))
