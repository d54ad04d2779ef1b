"""Desk-wide record actions (new, edit, delete, undo, a kind's own keys), mixed into the
app so one key works from every screen. Everything loops over the registry of record
kinds: a new kind needs nothing here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work

from secdesk.i18n import _
from secdesk.kinds import RowAction, get
from secdesk.screens.base import with_data
from secdesk.textsafe import safe

if TYPE_CHECKING:
    from secdesk.services.drafts import Draft
    from secdesk.services.store import Store
    from secdesk.services.views import Saved, Undo

#: Undo keeps this many changes.
UNDO_DEPTH = 50


class RecordActions:
    """Mixed into SecDeskApp."""

    store: Store
    pending_contact: tuple[str, str, str] | None = None
    """A caller just logged who is not in the contact book: ``a`` adds them."""
    undo_stack: list[Undo]

    # -- opening forms, lists and records ------------------------------------------------

    def open_form(
        self: Any,
        kind: str,
        values: dict[str, Any] | None = None,
        record_id: int | None = None,
        restored: bool = False,
        version: int | None = None,
        hidden: dict[str, Any] | None = None,
        originals: dict[str, Any] | None = None,
    ) -> None:
        from secdesk.screens.form import RecordForm, form_class

        if isinstance(self.screen, RecordForm):
            return  # one form at a time: finish or cancel this one first
        spec = get(kind)
        if not spec.enterable:
            self.notify(_("This record cannot be edited here yet."))
            return
        form = form_class(spec)(kind, values, record_id, restored, version, hidden, originals)
        self.push_screen(form, self.saved)

    def action_new(self: Any, kind: str) -> None:
        self.open_form(kind)

    def action_show_list(self: Any, kind: str) -> None:
        from secdesk.screens.lists import RecordListScreen

        self.show_screen(
            lambda s: isinstance(s, RecordListScreen) and s.kind.name == kind and not s.fixed,
            lambda: RecordListScreen(kind),
        )

    def open_record(self: Any, kind: str, record_id: int) -> None:
        from secdesk.screens.detail import DetailScreen

        self.push_screen(DetailScreen(kind, record_id))

    def announce_saved(self: Any, result: Saved) -> None:
        """Say that a record is saved (the form calls this once the commit is done, before
        it closes, so the toast is not held up by repainting the screen underneath)."""
        spec = get(result.kind)
        message = result.said or (_(spec.saved) if spec.saved else _("Saved"))
        self.pending_contact = result.unknown_caller
        if result.unknown_caller:
            name, number, _org = result.unknown_caller
            message += "\n" + _("Press a to add {name} ({number}) to the contact book.").format(
                name=safe(name), number=safe(number)
            )
        self.notify(message, markup=False)

    def saved(self: Any, result: Saved | None) -> None:
        """The form closed after a save: show the new record everywhere."""
        if result is None:
            return
        self.refresh_bindings()
        self.call_after_refresh(self.refresh_screens)

    # -- editing -------------------------------------------------------------------------

    def edit_record(self: Any, kind: str, record_id: int) -> None:
        if not get(kind).enterable:
            self.notify(_("This record cannot be edited here yet."))
            return
        self._load_for_edit(kind, record_id)

    @work(thread=True, exclusive=True, group="edit", exit_on_error=False)
    @with_data
    def _load_for_edit(self: Any, kind: str, record_id: int) -> None:
        from secdesk.screens.form import open_values
        from secdesk.services import records

        try:
            loaded = self.store.run(records.load, kind, record_id)
        except LookupError:
            self.call_from_thread(
                self.notify, _("This record no longer exists."), severity="warning"
            )
            return
        values, hidden, originals = open_values(get(kind), loaded.data)
        self.call_from_thread(
            self.open_form, kind, values, record_id, False, loaded.version, hidden, originals
        )

    # -- deleting and undo ---------------------------------------------------------------

    def delete_record(self: Any, kind: str, record_id: int, name: str = "") -> None:
        """Delete after a yes (the question names the record); the toast says how to undo."""
        from secdesk.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self._delete(kind, record_id)

        self.push_screen(
            ConfirmScreen(
                _("Delete this {what}? You can undo it with u.").format(what=_(get(kind).noun))
                + (f"\n{safe(name)}" if name else ""),
                yes=_("Delete"),
                no=_("Keep"),
            ),
            answer,
        )

    @work(thread=True, group="delete", exit_on_error=False)
    @with_data
    def _delete(self: Any, kind: str, record_id: int) -> None:
        from secdesk.services import records

        try:
            token = self.store.write(records.delete, kind, record_id)
        except LookupError:
            self.call_from_thread(
                self.notify, _("This record no longer exists."), severity="warning"
            )
            return
        self.call_from_thread(self._changed_with_undo, token, _("Deleted. Press u to undo."))

    def _changed_with_undo(self: Any, token: Undo, message: str) -> None:
        self.remember_undo(token)
        self.notify(message, markup=False)
        self.refresh_screens()

    def remember_undo(self: Any, token: Undo) -> None:
        """``u`` will take this change back (the newest first)."""
        self.undo_stack.append(token)
        del self.undo_stack[:-UNDO_DEPTH]
        self.refresh_bindings()

    def action_undo(self: Any) -> None:
        if not self.undo_stack:
            self.notify(
                _(
                    "Nothing to undo. u takes back deletes, steps (urged, closed…), “left” "
                    "marks and contact merges; an edit is changed back in its form."
                ),
                markup=False,
            )
            return
        self._undo(self.undo_stack[-1])

    @work(thread=True, exclusive=True, group="undo", exit_on_error=False)
    @with_data
    def _undo(self: Any, token: Undo) -> None:
        from secdesk.services import records

        try:
            self.store.write(records.undo, token)
        except LookupError:
            self.call_from_thread(self._undo_failed, token)
            return
        # Only an undo that is committed leaves the undo stack.
        self.call_from_thread(self._undone, token)

    def _undone(self: Any, token: Undo) -> None:
        if token in self.undo_stack:
            self.undo_stack.remove(token)
        self.notify(_("Undone: {what}").format(what=safe(token.label)), markup=False)
        self.refresh_bindings()
        self.refresh_screens()

    def _undo_failed(self: Any, token: Undo) -> None:
        if token in self.undo_stack:
            self.undo_stack.remove(token)
        self.notify(
            _("Cannot undo “{what}”: the record is gone.").format(what=safe(token.label)),
            severity="warning",
            markup=False,
        )

    # -- a kind's own keys ---------------------------------------------------------------

    # -- workflow steps ------------------------------------------------------------------

    def row_step(self: Any, kind: str, record_id: int | None, step: str) -> None:
        """A workflow step's key on a list row or a record: its form, or the step itself
        when it asks nothing."""
        if record_id is not None:
            self._start_step(kind, record_id, step)

    @work(thread=True, group="step", exit_on_error=False)
    @with_data
    def _start_step(self: Any, kind: str, record_id: int, step_name: str) -> None:
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
            self.call_from_thread(
                self.notify, _("This record no longer exists."), severity="warning"
            )
            return
        except Exception as exc:
            from secdesk.services.errors import describe

            self.call_from_thread(
                self.notify, describe(exc), title=_("Not saved"), severity="error", markup=False
            )
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

    @work(thread=True, group="paper", exit_on_error=False)
    @with_data
    def row_urge_notice(self: Any, kind: str, record_id: int | None, _arg: str = "") -> None:
        """The urge notice of a supervision item, to read and save."""
        from secdesk.office.supervision import papers as supervision_docs

        if record_id is None:
            return
        try:
            paper = self.store.run(supervision_docs.urge_notice, record_id)
        except LookupError:
            self.call_from_thread(
                self.notify, _("This record no longer exists."), severity="warning"
            )
            return
        self.call_from_thread(self._show_paper, paper, f"urge-notice-{record_id}")

    @work(thread=True, group="paper", exit_on_error=False)
    @with_data
    def action_supervision_report(self: Any) -> None:
        """This month's supervision report, so far."""
        from secdesk.calendar import clock
        from secdesk.office.supervision import papers as supervision_docs

        today = clock.today()
        start = today.replace(day=1)
        paper = self.store.run(supervision_docs.period_report, start, today)
        self.call_from_thread(self._show_paper, paper, f"supervision-report-{today:%Y-%m}")

    def _show_paper(self: Any, paper: Any, name: str) -> None:
        from secdesk.screens.paper import PaperScreen

        self.push_screen(PaperScreen(paper, name))

    def run_row_action(self: Any, action: RowAction, kind: str, record_id: int | None) -> None:
        handler: Callable[..., None] = getattr(self, f"row_{action.action}")
        handler(kind, record_id, action.argument)

    @work(thread=True, group="followup", exit_on_error=False)
    @with_data
    def row_make(self: Any, kind: str, call_id: int | None, made: str) -> None:
        """Turn a call into a task, supervision item or letters-and-visits record."""
        from secdesk.office.calls import followups

        if call_id is None:
            return
        try:
            saved = self.store.write(followups.from_call, call_id, made)
        except LookupError:
            return
        what = _(get(made).title)
        message = (
            _("This call was already made into {what} #{id}.")
            if saved.already
            else _("{what} #{id} made from the call; the call links to it.")
        )
        self.call_from_thread(self.notify, message.format(what=what, id=saved.id))
        self.call_from_thread(self.refresh_screens)

    @work(thread=True, group="reply", exit_on_error=False)
    @with_data
    def row_reply(self: Any, kind: str, incoming_id: int | None, _argument: str = "") -> None:
        """The outgoing form for a reply (复文) to the selected incoming document."""
        from secdesk.office.documents import incoming as documents

        if incoming_id is None:
            return
        try:
            draft = self.store.run(documents.reply_draft, incoming_id)
        except LookupError:
            return
        self.call_from_thread(self.open_form, "outgoing", draft["values"], hidden=draft["hidden"])

    @work(thread=True, group="visit", exit_on_error=False)
    @with_data
    def row_mark_left(self: Any, kind: str, visit_id: int | None, _argument: str = "") -> None:
        """The visitor has left, now (u takes it back)."""
        from secdesk.office import visits

        if visit_id is None:
            return
        try:
            token = self.store.write(visits.mark_left, visit_id)
        except LookupError:
            return
        self.call_from_thread(self._changed_with_undo, token, _("Marked as left. Press u to undo."))

    @work(thread=True, group="contact", exit_on_error=False)
    @with_data
    def row_calls_with(self: Any, kind: str, contact_id: int | None, _argument: str = "") -> None:
        """The calls with one contact."""
        from secdesk.services import records

        if contact_id is None:
            return
        try:
            name = self.store.run(records.detail, "contact", contact_id).title
        except LookupError:
            return
        self.call_from_thread(self._show_calls_with, contact_id, name)

    def _show_calls_with(self: Any, contact_id: int, name: str) -> None:
        from secdesk.screens.lists import RecordListScreen

        title = _("Calls with {name}").format(name=safe(name))
        self.push_screen(RecordListScreen("call", {"contact_id": contact_id}, title))

    def row_merge_contacts(self: Any, kind: str, record_id: int | None, _arg: str = "") -> None:
        from secdesk.screens.contacts import DuplicatesScreen

        self.push_screen(DuplicatesScreen())

    def row_meeting_week(self: Any, kind: str, record_id: int | None, _arg: str = "") -> None:
        """The week view, on the selected meeting's week (this week without one)."""
        self._open_week(record_id)

    @work(thread=True, group="meeting", exit_on_error=False)
    @with_data
    def _open_week(self: Any, record_id: int | None) -> None:
        from secdesk.calendar import clock
        from secdesk.office.meetings import schedule as meetings
        from secdesk.screens.meetings import WeekScreen
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

    def row_meeting_checklist(self: Any, kind: str, record_id: int | None, _arg: str = "") -> None:
        from secdesk.screens.meetings import PrepareScreen

        if record_id is not None:
            self.push_screen(PrepareScreen(record_id))

    def row_meeting_minutes(self: Any, kind: str, record_id: int | None, _arg: str = "") -> None:
        from secdesk.screens.meetings import MinutesScreen

        if record_id is not None:
            self.push_screen(MinutesScreen(record_id))

    # -- contacts from calls -------------------------------------------------------------

    def action_add_pending_contact(self: Any) -> None:
        if self.pending_contact is None:
            return
        self._add_contact(*self.pending_contact)

    @work(thread=True, exclusive=True, group="contact", exit_on_error=False)
    @with_data
    def _add_contact(self: Any, name: str, number: str, organization: str) -> None:
        from secdesk.office.contacts import book as contacts
        from secdesk.services.views import ContactInput

        data = ContactInput(name=name, numbers=[(number, "")], organization=organization)
        self.store.write(contacts.add_contact, data)
        self.call_from_thread(self._contact_added, name)

    def _contact_added(self: Any, name: str) -> None:
        self.pending_contact = None
        self.refresh_bindings()
        self.notify(_("{name} added to the contact book.").format(name=safe(name)), markup=False)
        self.refresh_screens()

    # -- unsaved work --------------------------------------------------------------------

    def leave_editors(self: Any, then: Callable[[], object], keep: object = None) -> None:
        """Run ``then`` once no open editor (but ``keep``) has unsaved work: for each that
        has, ask to save it first; "keep editing" cancels ``then``."""
        from secdesk.screens.base import UnsavedWork
        from secdesk.screens.confirm import ConfirmScreen

        editor = next(
            (
                s
                for s in reversed(self.screen_stack)
                if isinstance(s, UnsavedWork) and s is not keep and s.has_unsaved_work()
            ),
            None,
        )
        if editor is None:
            then()
            return

        def answer(save: bool | None) -> None:
            if save:
                editor.save_then(lambda: self.leave_editors(then, keep))

        self.push_screen(
            ConfirmScreen(
                _("{what} is not saved. Save it now?").format(what=editor.unsaved_what()),
                yes=_("Save"),
                no=_("Keep editing"),
            ),
            answer,
        )

    # -- drafts --------------------------------------------------------------------------

    @work(thread=True, group="drafts", exit_on_error=False)
    def offer_drafts(self: Any) -> None:
        """At start: a form left unsaved last time (the app was killed) can be restored."""
        from secdesk.services import drafts

        for draft in drafts.pending():
            self.call_from_thread(self._offer_draft, draft)

    def _offer_draft(self: Any, draft: Draft) -> None:
        from rich.cells import set_cell_size

        from secdesk.screens.confirm import ConfirmScreen
        from secdesk.screens.form import DRAFT_HIDDEN, DRAFT_VERSION
        from secdesk.services import drafts

        if draft.form == "duty":
            what = _("Duty log")
            typed = ["on_duty", "notes", "handover"]
        else:
            try:
                spec = get(draft.form)
            except KeyError:
                return  # a form this version does not know: leave the file alone
            what = _(spec.form_title or spec.title)
            typed = [f.name for f in spec.form if f.kind in ("text", "multiline", "lookup")]
        texts = [safe(str(draft.values.get(name, ""))) for name in typed]
        preview = set_cell_size(" · ".join(t for t in texts if t.strip()), 80).rstrip()

        def answer(restore: bool | None) -> None:
            if not restore:
                drafts.discard(draft.form, draft.record_id)
            elif draft.form == "duty":
                self.action_show_duty_log()  # the duty log puts its own draft back
            else:
                values = dict(draft.values)
                hidden = values.pop(DRAFT_HIDDEN, None)
                version = values.pop(DRAFT_VERSION, None)
                self.open_form(
                    draft.form,
                    values,
                    draft.record_id,
                    True,
                    version if isinstance(version, int) else None,
                    hidden if isinstance(hidden, dict) else None,
                )

        self.push_screen(
            ConfirmScreen(
                _("An unsaved form “{what}” was left from {time}:\n{preview}\nRestore it?").format(
                    what=what, time=draft.saved_at.replace("T", " ")[:16], preview=preview
                ),
                yes=_("Restore"),
                no=_("Discard"),
            ),
            answer,
        )
