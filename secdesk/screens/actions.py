"""Desk-wide record actions (new, edit, delete, undo, the keys a kind declares: see
``row_actions``), mixed into the app so one key works from every screen. Everything loops
over the registry of record kinds: a new kind needs nothing here.

Wing: screens. Must not import app, cli or demo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work

from secdesk.i18n import _
from secdesk.kinds import get
from secdesk.screens.row_actions import RowActions
from secdesk.screens.work import data_worker
from secdesk.textsafe import safe

if TYPE_CHECKING:
    from secdesk.services.drafts import Draft
    from secdesk.services.store import Store
    from secdesk.services.views import Saved, Undo

#: Undo keeps this many changes.
UNDO_DEPTH = 50


class RecordActions(RowActions):
    """Mixed into SecDeskApp."""

    store: Store
    pending_contact: tuple[str, str, str] | None = None
    """A caller just logged who is not in the contact book: ``a`` adds them."""
    undo_stack: list[Undo]

    # -- opening forms, lists and records ------------------------------------------------

    def open_form(self: Any, kind: str, **opening: Any) -> None:
        """The form of ``kind``; ``opening`` is what the form is opened with (``values``,
        ``record_id``, ``restored``, ``version``, ``hidden``, ``originals``: see
        ``form_fields.FormFields``)."""
        from secdesk.screens.form import RecordForm, form_class

        if isinstance(self.screen, RecordForm):
            return  # one form at a time: finish or cancel this one first
        spec = get(kind)
        if not spec.enterable:
            self.notify(_("This record cannot be edited here yet."))
            return
        self.push_screen(form_class(spec)(kind, **opening), self.saved)

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

    @data_worker("edit")
    def _load_for_edit(self: Any, kind: str, record_id: int) -> None:
        from secdesk.screens.form import open_values
        from secdesk.services import records

        try:
            loaded = self.store.run(records.load, kind, record_id)
        except LookupError:
            self._tell_gone()
            return
        values, hidden, originals = open_values(get(kind), loaded.data)
        self.call_from_thread(
            self.open_form,
            kind,
            values=values,
            record_id=record_id,
            version=loaded.version,
            hidden=hidden,
            originals=originals,
        )

    # -- deleting and undo ---------------------------------------------------------------

    def delete_record(self: Any, kind: str, record_id: int, name: str = "") -> None:
        """Delete after a yes (the question names the record); the toast says how to undo."""
        from secdesk.screens.confirm import ask_yes

        question = _("Delete this {what}? You can undo it with u.").format(what=_(get(kind).noun))
        if name:
            question += f"\n{safe(name)}"
        ask_yes(self, question, _("Delete"), _("Keep"), lambda: self._delete(kind, record_id))

    @data_worker("delete", exclusive=False)
    def _delete(self: Any, kind: str, record_id: int) -> None:
        from secdesk.services import records
        from secdesk.services.views import InvalidInput

        try:
            token = self.store.write(records.delete, kind, record_id)
        except LookupError:
            self._tell_gone()
            return
        except InvalidInput as refused:  # a record the rules keep (a numbered document)
            self.call_from_thread(self.notify, _(refused.message), severity="warning", markup=False)
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

    @data_worker("undo")
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

    # -- papers --------------------------------------------------------------------------

    @data_worker("paper", exclusive=False)
    def action_supervision_report(self: Any) -> None:
        """This month's supervision report, so far."""
        from secdesk.calendar import clock
        from secdesk.office.supervision import papers as supervision_docs

        today = clock.today()
        start = today.replace(day=1)
        paper = self.store.run(supervision_docs.period_report, start, today)
        self.call_from_thread(self._show_paper, paper, f"supervision-report-{today:%Y-%m}")

    # -- contacts from calls -------------------------------------------------------------

    def action_add_pending_contact(self: Any) -> None:
        if self.pending_contact is None:
            return
        self._add_contact(*self.pending_contact)

    @data_worker("contact")
    def _add_contact(self: Any, name: str, number: str, organization: str) -> None:
        from secdesk.office.contacts import book as contacts
        from secdesk.services.inputs import ContactInput

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
        from secdesk.screens.unsaved import UnsavedWork

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
        editor.ask_to_save(
            _("{what} is not saved. Save it now?").format(what=editor.unsaved_what()),
            lambda: self.leave_editors(then, keep),
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
        from secdesk.screens.form_fields import DRAFT_HIDDEN, DRAFT_VERSION
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
                    values=values,
                    record_id=draft.record_id,
                    restored=True,
                    version=version if isinstance(version, int) else None,
                    hidden=hidden if isinstance(hidden, dict) else None,
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
