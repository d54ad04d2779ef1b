"""The keys a record kind declares for its selected record (``Kind.row_actions``): what each
``RowAction.action`` does, one handler per name, in one table (``ROW_HANDLERS``). A kind
that declares a new action name needs its handler here; tests/ui/test_row_actions.py checks
that every declared name has one and every handler is used.

Wing: screens. Must not import app, cli or demo.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from secdesk.i18n import _
from secdesk.kinds import get
from secdesk.screens.work import data_worker, tell_failure
from secdesk.textsafe import safe

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class RowHandler:
    """What a row action does: ``run(app, kind, record_id, argument)``."""

    run: Callable[..., object]
    needs_record: bool = True
    """Nothing happens without a selected record (False: it acts on none too)."""


ROW_HANDLERS: dict[str, RowHandler] = {}
"""Each ``RowAction.action`` name and its handler (filled by :func:`row_handler`)."""


def row_handler(action: str, *, needs_record: bool = True) -> Callable[[F], F]:
    """Make the method the handler of every ``RowAction`` whose ``action`` is ``action``."""

    def register(method: F) -> F:
        ROW_HANDLERS[action] = RowHandler(method, needs_record)
        return method

    return register


class RowActions:
    """Mixed into SecDeskApp (through ``RecordActions``): the row actions' handlers."""

    def run_row_action(self: Any, action_id: str, kind: str, record_id: int | None) -> None:
        """The key ``action_id`` that ``kind`` declares, on its record ``record_id``."""
        action = next(a for a in get(kind).row_actions if a.id == action_id)
        handler = ROW_HANDLERS[action.action]
        if record_id is not None or not handler.needs_record:
            handler.run(self, kind, record_id, action.argument)

    def _tell_gone(self: Any) -> None:
        """From a worker: the record acted on was deleted meanwhile."""
        self.call_from_thread(self.notify, _("This record no longer exists."), severity="warning")

    # -- workflow steps ------------------------------------------------------------------

    @row_handler("step")
    @data_worker("step", exclusive=False)
    def row_step(self: Any, kind: str, record_id: int, step_name: str) -> None:
        """A workflow step's key on a list row or a record: its form, or the step itself
        when it asks nothing."""
        from secdesk.services import workflow

        step = workflow.workflow_of(kind).step(step_name)
        try:
            start = self.store.run(workflow.start_step, kind, record_id, step_name)
            if not workflow.needs_form(step):
                taken = self.store.write(
                    workflow.take, kind, record_id, step_name, {}, "", start.version
                )
                self.call_from_thread(self._step_taken, taken)
                return
        except workflow.StepRefused as exc:
            self.call_from_thread(self.notify, str(exc), severity="warning", markup=False)
            return
        except LookupError:
            self._tell_gone()
            return
        except Exception as exc:
            from secdesk.services.errors import describe

            self.call_from_thread(tell_failure, self, describe(exc), _("Not saved"))
            return
        self.call_from_thread(self._open_step_form, kind, record_id, step, start)

    def _open_step_form(self: Any, kind: str, record_id: int, step: Any, start: Any) -> None:
        from secdesk.screens.form import RecordForm
        from secdesk.screens.step_form import StepForm

        if isinstance(self.screen, RecordForm):
            return  # one form at a time
        form = StepForm(kind, record_id, step, start.version, start.values, start.label)
        self.push_screen(form, self.saved)

    def _step_taken(self: Any, taken: Any) -> None:
        self.remember_undo(taken.undo)
        self.announce_saved(taken.saved)
        self.saved(taken.saved)

    # -- papers --------------------------------------------------------------------------

    @row_handler("urge_notice")
    @data_worker("paper", exclusive=False)
    def row_urge_notice(self: Any, kind: str, record_id: int, _arg: str = "") -> None:
        """The urge notice of a supervision item, to read and save."""
        from secdesk.office.supervision import papers as supervision_docs

        try:
            paper = self.store.run(supervision_docs.urge_notice, record_id)
        except LookupError:
            self._tell_gone()
            return
        except supervision_docs.NothingToUrge as closed:
            self.call_from_thread(self.notify, str(closed), severity="warning", markup=False)
            return
        self.call_from_thread(self._show_paper, paper, f"urge-notice-{record_id}")

    def _show_paper(self: Any, paper: Any, name: str) -> None:
        from secdesk.screens.paper import PaperScreen

        self.push_screen(PaperScreen(paper, name))

    @row_handler("issue_urge_notice")
    @data_worker("paper", exclusive=False)
    def row_issue_urge_notice(self: Any, kind: str, record_id: int, _arg: str = "") -> None:
        """The urge notice issued with a number: asked for the prefix and the file, once
        the office is named, the item may be urged, and the prefixes in use are known."""
        from secdesk import config
        from secdesk.office.documents.outgoing import prefixes_in_use
        from secdesk.office.supervision import papers as supervision_docs
        from secdesk.services import workflow

        if not config.office().name:
            self.call_from_thread(self.ask_office, for_a_paper=True)
            return
        try:
            paper = self.store.run(supervision_docs.urge_notice, record_id)
            self.store.run(workflow.start_step, kind, record_id, "urge")
        except (supervision_docs.NothingToUrge, workflow.StepRefused) as refused:
            self.call_from_thread(self.notify, str(refused), severity="warning", markup=False)
            return
        except LookupError:
            self._tell_gone()
            return
        prefixes = self.store.run(prefixes_in_use)
        from secdesk.io.files import unused_name

        target = unused_name(config.exports_dir(), f"urge-notice-{record_id}", ".docx")
        self.call_from_thread(self._ask_issue, record_id, paper.title, prefixes, target)

    def _ask_issue(self: Any, record_id: int, title: str, prefixes: list[str], target: Any) -> None:
        from secdesk.screens.issue_notice import IssueNoticeScreen

        def chosen(answer: tuple[str, Any] | None) -> None:
            if answer is not None:
                self._issue(record_id, *answer)

        self.push_screen(IssueNoticeScreen(title, prefixes, target), chosen)

    @data_worker("issue", exclusive=False)
    def _issue(
        self: Any, record_id: int, prefix: str, path: Any, confirmed: tuple[str, ...] = ()
    ) -> None:
        """Issue it (one transaction: the number, the urge, the file); a file that is there
        and a prefix never used are asked about first."""
        from secdesk.office.supervision import issuing
        from secdesk.office.supervision import papers as supervision_docs
        from secdesk.services import workflow
        from secdesk.services.errors import describe
        from secdesk.services.forms import NeedsConfirmation
        from secdesk.services.views import InvalidInput

        if "file" not in confirmed and path.exists():
            question = _("{path} exists already: replace it?").format(path=path)
            self.call_from_thread(
                self._ask_to_issue, question, record_id, prefix, path, confirmed, "file"
            )
            return
        try:
            issued = issuing.issue(self.store, record_id, prefix, path, confirmed)
        except NeedsConfirmation as asked:
            self.call_from_thread(
                self._ask_to_issue, asked.question, record_id, prefix, path, confirmed, asked.field
            )
            return
        except InvalidInput as wrong:
            self.call_from_thread(self.notify, _(wrong.message), severity="warning", markup=False)
            return
        except (supervision_docs.NothingToUrge, workflow.StepRefused) as refused:
            self.call_from_thread(self.notify, str(refused), severity="warning", markup=False)
            return
        except LookupError:
            self._tell_gone()
            return
        except Exception as exc:  # a full disk, a folder not there: said, never a crash
            self.call_from_thread(tell_failure, self, describe(exc, path), _("Not issued"))
            return
        self.call_from_thread(self._issued, issued)

    def _ask_to_issue(
        self: Any,
        question: str,
        record_id: int,
        prefix: str,
        path: Any,
        confirmed: tuple[str, ...],
        field: str,
    ) -> None:
        from secdesk.screens.confirm import ask_yes

        def go_on() -> None:
            self._issue(record_id, prefix, path, (*confirmed, field))

        ask_yes(self, question, _("Yes"), _("No"), go_on)

    def _issued(self: Any, issued: Any) -> None:
        self.remember_undo(issued.undo)
        self.notify(issued.said + "\n" + _("Press u to undo."), markup=False)
        self.refresh_screens()

    # -- calls, documents, visitors, contacts ----------------------------------------------

    @row_handler("make")
    @data_worker("followup", exclusive=False)
    def row_make(self: Any, kind: str, call_id: int, made: str) -> None:
        """Turn a call into a task, supervision item or letters-and-visits record."""
        from secdesk.office.calls import followups

        try:
            saved = self.store.write(followups.from_call, call_id, made)
        except LookupError:
            self._tell_gone()
            return
        what = _(get(made).title)
        message = (
            _("This call was already made into {what} #{id}.")
            if saved.already
            else _("{what} #{id} made from the call; the call links to it.")
        )
        self.call_from_thread(self.notify, message.format(what=what, id=saved.id))
        self.call_from_thread(self.refresh_screens)

    @row_handler("reply")
    @data_worker("reply", exclusive=False)
    def row_reply(self: Any, kind: str, incoming_id: int, _argument: str = "") -> None:
        """The outgoing form for a reply (复文) to the selected incoming document."""
        from secdesk.office.documents import incoming as documents

        try:
            draft = self.store.run(documents.reply_draft, incoming_id)
        except LookupError:
            self._tell_gone()
            return
        self.call_from_thread(
            self.open_form, "outgoing", values=draft["values"], hidden=draft["hidden"]
        )

    @row_handler("mark_left")
    @data_worker("visit", exclusive=False)
    def row_mark_left(self: Any, kind: str, visit_id: int, _argument: str = "") -> None:
        """The visitor has left, now (u takes it back)."""
        from secdesk.office import visits

        try:
            token = self.store.write(visits.mark_left, visit_id)
        except LookupError:
            self._tell_gone()
            return
        self.call_from_thread(self._changed_with_undo, token, _("Marked as left. Press u to undo."))

    @row_handler("calls_with")
    @data_worker("contact", exclusive=False)
    def row_calls_with(self: Any, kind: str, contact_id: int, _argument: str = "") -> None:
        """The calls with one contact."""
        from secdesk.services import records

        try:
            name = self.store.run(records.detail, "contact", contact_id).title
        except LookupError:
            self._tell_gone()
            return
        self.call_from_thread(self._show_calls_with, contact_id, name)

    def _show_calls_with(self: Any, contact_id: int, name: str) -> None:
        from secdesk.screens.lists import RecordListScreen

        title = _("Calls with {name}").format(name=safe(name))
        self.push_screen(RecordListScreen("call", {"contact_id": contact_id}, title))

    @row_handler("merge_contacts", needs_record=False)
    def row_merge_contacts(self: Any, kind: str, record_id: int | None, _arg: str = "") -> None:
        from secdesk.screens.contacts import DuplicatesScreen

        self.push_screen(DuplicatesScreen())

    # -- meetings ------------------------------------------------------------------------

    @row_handler("meeting_week", needs_record=False)
    def row_meeting_week(self: Any, kind: str, record_id: int | None, _arg: str = "") -> None:
        """The week view, on the selected meeting's week (this week without one)."""
        self._open_week(record_id)

    @data_worker("meeting", exclusive=False)
    def _open_week(self: Any, record_id: int | None) -> None:
        from secdesk.calendar import clock
        from secdesk.office.meetings import schedule as meetings
        from secdesk.screens.meeting_week import WeekScreen
        from secdesk.services import records

        day = clock.today()
        if record_id is not None:
            try:
                meeting = self.store.run(records.get_record, "meeting", record_id)
                day = clock.to_local(meeting.starts_at).date()
            except LookupError:
                pass
        week = self.store.run(meetings.week, meetings.week_of(day))
        self.call_from_thread(self.push_screen, WeekScreen(day, week))

    @row_handler("meeting_checklist")
    def row_meeting_checklist(self: Any, kind: str, record_id: int, _arg: str = "") -> None:
        from secdesk.screens.meeting_checklist import PrepareScreen

        self.push_screen(PrepareScreen(record_id))

    @row_handler("meeting_minutes")
    def row_meeting_minutes(self: Any, kind: str, record_id: int, _arg: str = "") -> None:
        from secdesk.screens.meeting_minutes import MinutesScreen

        self.push_screen(MinutesScreen(record_id))
