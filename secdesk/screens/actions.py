"""Desk-wide record actions (log, edit, delete, undo), mixed into the app so one key works
from every screen. Forms do the typing; this module opens them and reports the outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work

from secdesk.i18n import N_, _
from secdesk.labels import KIND_TITLES
from secdesk.textsafe import safe

if TYPE_CHECKING:
    from secdesk.screens.form import RecordForm
    from secdesk.services.store import Store
    from secdesk.services.views import Saved

SAVED_MESSAGES = {
    "call": N_("Call saved"),
    "visit": N_("Visitor saved"),
    "contact": N_("Contact saved"),
}


def form_class(kind: str) -> type[RecordForm]:
    # Forms load on first use: the dashboard paints without them.
    if kind == "call":
        from secdesk.screens.call_form import CallForm

        return CallForm
    if kind == "visit":
        from secdesk.screens.visit_form import VisitForm

        return VisitForm
    if kind == "contact":
        from secdesk.screens.contact_form import ContactForm

        return ContactForm
    raise KeyError(kind)


class RecordActions:
    """Mixed into SecDeskApp."""

    store: Store
    pending_contact: tuple[str, str, str] | None = None
    """A caller just logged who is not in the contact book: ``a`` adds them."""
    undo_stack: list[tuple[str, int]]

    # -- opening forms -------------------------------------------------------------------

    def open_form(
        self: Any,
        kind: str,
        values: dict[str, Any] | None = None,
        record_id: int | None = None,
        restored: bool = False,
    ) -> None:
        from secdesk.screens.form import RecordForm

        if isinstance(self.screen, RecordForm):
            return  # one form at a time: finish or cancel this one first
        self.push_screen(form_class(kind)(values, record_id, restored), self.saved)

    def action_log_call(self) -> None:
        self.open_form("call")

    def action_log_visit(self) -> None:
        self.open_form("visit")

    def action_new_contact(self) -> None:
        self.open_form("contact")

    def announce_saved(self: Any, result: Saved) -> None:
        """Say that a record is saved (the form calls this once the commit is done, before
        it closes, so the toast is not held up by repainting the screen underneath)."""
        message = _(SAVED_MESSAGES.get(result.kind, N_("Saved")))
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
        self._load_for_edit(kind, record_id)

    @work(thread=True, exclusive=True, group="edit", exit_on_error=False)
    def _load_for_edit(self: Any, kind: str, record_id: int) -> None:
        from secdesk.services import calls, contacts, visits

        getter = {
            "call": calls.get_input,
            "visit": visits.get_input,
            "contact": contacts.get_input,
        }.get(kind)
        if getter is None:
            self.call_from_thread(self.notify, _("This record cannot be edited here yet."))
            return
        try:
            data = self.store.run(getter, record_id)
        except LookupError:
            self.call_from_thread(
                self.notify, _("This record no longer exists."), severity="warning"
            )
            return
        self.call_from_thread(self.open_form, kind, form_class(kind).values_from(data), record_id)

    # -- deleting and undo ---------------------------------------------------------------

    def delete_record(self: Any, kind: str, record_id: int, name: str = "") -> None:
        """Delete after a yes (the question names the record); the toast says how to undo."""
        from secdesk.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self._delete(kind, record_id)

        what = _(KIND_TITLES.get(kind, kind))
        self.push_screen(
            ConfirmScreen(
                _("Delete this {what}? You can undo it with u.").format(what=what)
                + (f"\n{safe(name)}" if name else ""),
                yes=_("Delete"),
                no=_("Keep"),
            ),
            answer,
        )

    @work(thread=True, group="delete", exit_on_error=False)
    def _delete(self: Any, kind: str, record_id: int) -> None:
        from secdesk.services import records

        try:
            self.store.write(records.delete, kind, record_id)
        except LookupError:
            return
        self.call_from_thread(self._deleted, kind, record_id)

    def _deleted(self: Any, kind: str, record_id: int) -> None:
        self.undo_stack.append((kind, record_id))
        self.notify(_("Deleted. Press u to undo."), markup=False)
        self.refresh_bindings()
        self.refresh_screens()

    def action_undo(self: Any) -> None:
        if not self.undo_stack:
            self.notify(_("Nothing to undo."))
            return
        self._restore(*self.undo_stack[-1])

    @work(thread=True, exclusive=True, group="undo", exit_on_error=False)
    def _restore(self: Any, kind: str, record_id: int) -> None:
        from secdesk.services import records

        self.store.write(records.restore, kind, record_id)
        # Only a restore that is committed leaves the undo stack.
        self.call_from_thread(self._restored, kind, record_id)

    def _restored(self: Any, kind: str, record_id: int) -> None:
        if self.undo_stack and self.undo_stack[-1] == (kind, record_id):
            self.undo_stack.pop()
        self.notify(_("Restored."))
        self.refresh_bindings()
        self.refresh_screens()

    # -- follow-up records from a call ---------------------------------------------------

    @work(thread=True, group="followup", exit_on_error=False)
    def make_from_call(self: Any, kind: str, call_id: int) -> None:
        """Turn a call into a task, supervision item or letters-and-visits record."""
        from secdesk.services import followups

        try:
            saved = self.store.write(followups.from_call, call_id, kind)
        except LookupError:
            return
        what = _(KIND_TITLES[kind])
        message = (
            _("This call was already made into {what} #{id}.")
            if saved.already
            else _("{what} #{id} made from the call; the call links to it.")
        )
        self.call_from_thread(self.notify, message.format(what=what, id=saved.id))
        self.call_from_thread(self.refresh_screens)

    # -- visitors ------------------------------------------------------------------------

    @work(thread=True, group="visit", exit_on_error=False)
    def mark_left(self: Any, visit_id: int) -> None:
        """The visitor has left, now."""
        from secdesk.services import visits

        try:
            self.store.write(visits.mark_left, visit_id)
        except LookupError:
            return
        self.call_from_thread(self.notify, _("Marked as left."))
        self.call_from_thread(self.refresh_screens)

    # -- contacts from calls -------------------------------------------------------------

    def action_add_pending_contact(self: Any) -> None:
        if self.pending_contact is None:
            return
        self._add_contact(*self.pending_contact)

    @work(thread=True, exclusive=True, group="contact", exit_on_error=False)
    def _add_contact(self: Any, name: str, number: str, organization: str) -> None:
        from secdesk.services import contacts

        self.store.write(contacts.add_contact, name, [(number, "")], organization)
        self.call_from_thread(self._contact_added, name)

    def _contact_added(self: Any, name: str) -> None:
        self.pending_contact = None
        self.refresh_bindings()
        self.notify(_("{name} added to the contact book.").format(name=safe(name)), markup=False)
        self.refresh_screens()

    # -- drafts --------------------------------------------------------------------------

    @work(thread=True, group="drafts", exit_on_error=False)
    def offer_drafts(self: Any) -> None:
        """At start: a form left unsaved last time (the app was killed) can be restored."""
        from secdesk.services import drafts

        for draft in drafts.pending():
            self.call_from_thread(self._offer_draft, draft)

    def _offer_draft(self: Any, draft: Any) -> None:
        from secdesk.screens.confirm import ConfirmScreen
        from secdesk.services import drafts

        what = _(KIND_TITLES.get(draft.form, draft.form))
        if draft.form == "duty":
            typed = ["on_duty", "notes", "handover"]
        else:
            try:
                typed = [f.name for f in form_class(draft.form).FIELDS if f.kind == "text"]
            except KeyError:
                return  # a form this version does not know: leave the file alone
        texts = [str(draft.values.get(name, "")) for name in typed]
        texts = [safe(t) for t in texts if t.strip()]
        from rich.cells import set_cell_size

        preview = set_cell_size(" · ".join(texts), 80).rstrip()

        def answer(restore: bool | None) -> None:
            if not restore:
                drafts.discard(draft.form, draft.record_id)
            elif draft.form == "duty":
                self.action_show_duty_log()  # the duty log puts its own draft back
            else:
                self.open_form(draft.form, dict(draft.values), draft.record_id, restored=True)

        self.push_screen(
            ConfirmScreen(
                _("An unsaved {what} form was left from {time}:\n{preview}\nRestore it?").format(
                    what=what, time=draft.saved_at.replace("T", " ")[:16], preview=preview
                ),
                yes=_("Restore"),
                no=_("Discard"),
            ),
            answer,
        )
