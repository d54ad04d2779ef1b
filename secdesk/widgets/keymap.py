"""The desk's key table: every key of the app, its screens and its form widgets as data, one
entry a line, and the one place ``Binding`` objects are made from it (harlequin's keymap).

Wing: widgets (the floor the screens and the app stand on for keys). Must not import screens,
app, cli, care, demo, office or services.

Descriptions and tooltips are English msgids (``N_``), translated where they are shown
(``screens.base.translate_bindings``). Each entry's id is what config.toml's ``[keymap]``
remaps; F1 explains the key with its tooltip. A screen's keys are listed in the order its
footer shows them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from textual.binding import Binding, BindingsMap, BindingType

from secdesk.i18n import N_, _

if TYPE_CHECKING:
    from textual.dom import DOMNode


class Key(NamedTuple):
    """One key: what config.toml calls it, what it presses, what it does and says."""

    id: str
    """The binding id (config.toml's ``[keymap]`` remaps it by this name)."""
    key: str
    """Textual key names, comma-separated."""
    action: str
    """The action it runs, e.g. ``save`` or ``day(-1)``."""
    description: str
    """The footer's word for it (an English msgid; empty for keys the footer does not show)."""
    tooltip: str
    """What F1 says it does (an English msgid)."""
    show: bool = True
    """Shown in the footer."""
    priority: bool = False
    """Checked before the focused widget's keys."""
    key_display: str | None = None
    """How the footer writes the key, where not as Textual would."""

    def binding(self) -> Binding:
        """The Textual binding of this key."""
        return Binding(
            self.key,
            self.action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            id=self.id,
            tooltip=self.tooltip,
        )


HELP = Key("help", "f1,question_mark", "help", N_("Help"), N_("Show the keys of this screen"))
"""F1 and ?: the desk's help key (modal screens, which hide the desk's keys, bind it again)."""

# One entry a line, by screen (or widget) in footer order; a line of data reads better than
# seven, so the formatter leaves the table alone.
# fmt: off
KEYS: dict[str, tuple[Key, ...]] = {
    "desk": (
        Key("quit", "q", "quit", N_("Quit"), N_("Leave secdesk")),
        HELP,
    ),
    "desk_tools": (
        Key("undo", "u", "undo", N_("Undo"), N_("Take back the last delete")),
        Key("add_contact", "a", "add_pending_contact", N_("Add contact"), N_("Add the caller just logged to the contact book")),
        Key("show_holidays", "H", "show_holidays", N_("Holidays"), N_("Enter a year's official holiday schedule"), show=False),
        Key("search", "slash", "search", N_("Search"), N_("Search everything: calls, visitors, documents, meetings, notes..."), show=False),
        Key("show_reports", "R", "show_reports", N_("Reports"), N_("The work summary's figures for a week, month, quarter or year"), show=False),
        Key("show_duty_log", "D", "show_duty_log", N_("Duty log"), N_("The day's diary and handover note"), show=False),
    ),
    "DashboardScreen": (
        Key("refresh", "f5", "reload", N_("Refresh"), N_("Read the database again now"), show=False),
        Key("dashboard_edit", "e", "edit", N_("Edit"), N_("Edit the selected record")),
        Key("dashboard_delete", "d", "delete", N_("Delete"), N_("Delete the selected record (u undoes)")),
    ),
    "RecordListScreen": (
        Key("log_back", "escape", "back", N_("Back"), N_("Back to the dashboard")),
        Key("log_search", "slash", "search", N_("Search"), N_("Type to narrow the list")),
        Key("log_new", "n", "new", N_("New"), N_("Add a record of this kind")),
        Key("log_edit", "e", "edit", N_("Edit"), N_("Edit the selected record")),
        Key("log_delete", "d", "delete", N_("Delete"), N_("Delete the selected record (u undoes)")),
        Key("log_next", "right_square_bracket", "page(1)", N_("Next page"), N_("The next (older) page")),
        Key("log_prev", "left_square_bracket", "page(-1)", N_("Previous page"), N_("The previous (newer) page")),
        Key("log_reveal", "ctrl+r", "reveal", N_("Reveal"), N_("Show or hide classified titles on this screen (not remembered)")),
        Key("log_page_down", "pagedown", "turn(1)", N_("Next page"), N_("Down a screen; at the bottom, on to the next page"), show=False, priority=True),
        Key("log_page_up", "pageup", "turn(-1)", N_("Previous page"), N_("Up a screen; at the top, back to the previous page"), show=False, priority=True),
    ),
    "DetailScreen": (
        Key("back", "escape", "dismiss", N_("Back"), N_("Close this view")),
        Key("detail_edit", "e", "edit", N_("Edit"), N_("Edit this record")),
        Key("detail_delete", "d", "delete", N_("Delete"), N_("Delete this record (u undoes)")),
        Key("detail_undo", "u", "app.undo", N_("Undo"), N_("Take back the last step, delete or change")),
        Key("detail_top", "home,ctrl+home", "top", N_("First line"), N_("Go to the first line of the record"), show=False, priority=True),
        Key("detail_bottom", "end,ctrl+end", "bottom", N_("Last line"), N_("Go to the last line of the record (its history and next steps)"), show=False, priority=True),
    ),
    "DetailScreen.reveal": (  # only for kinds that mask something
        Key("detail_reveal", "ctrl+r", "reveal", N_("Reveal"), N_("Show what is protected (an accuser's identity, a classified title) on this screen; the reveal is recorded")),
    ),
    "RecordForm": (
        Key("form_save", "ctrl+s", "save", N_("Save"), N_("Save and close (Enter in the last field does the same)"), priority=True),
        Key("form_cancel", "escape", "cancel", N_("Cancel"), N_("Close the form; asks first if anything was typed")),
    ),
    "CallForm": (
        Key("call_direction", "ctrl+o", "toggle_direction", N_("In/out"), N_("Switch between incoming and outgoing")),
    ),
    "MeetingForm": (
        Key("meeting_pick_contact", "ctrl+b", "pick_contact", N_("Contact book"), N_("Pick a participant from the contact book")),
    ),
    "ContactPicker": (
        Key("picker_back", "escape", "dismiss", N_("Back"), N_("Close")),
        Key("picker_down", "down", "move(1)", "", N_("The next person"), show=False),
        Key("picker_up", "up", "move(-1)", "", N_("The person before"), show=False),
    ),
    "WeekScreen": (
        Key("week_back", "escape", "back", N_("Back"), N_("Close the week view")),
        Key("week_day_left", "left", "day(-1)", N_("Day"), N_("The day before")),
        Key("week_day_right", "right", "day(1)", "", N_("The day after"), show=False),
        Key("week_previous", "[", "week(-1)", N_("Week"), N_("The week before")),
        Key("week_next", "]", "week(1)", "", N_("The week after"), show=False),
        Key("week_today", "t", "this_week", N_("This week"), N_("Back to today")),
        Key("week_open", "enter", "open", N_("Open"), N_("Open the meeting")),
        Key("week_call_off", "x", "call_off", N_("Call off"), N_("Call off this occurrence of a repeating meeting (u undoes)")),
        Key("week_move", "o", "move", N_("Move"), N_("Move this occurrence of a repeating meeting to another time")),
        Key("week_undo", "u", "app.undo", N_("Undo"), N_("Take back the last change")),
    ),
    "MoveScreen": (
        Key("move_back", "escape", "dismiss", N_("Back"), N_("Close")),
    ),
    "PrepareScreen": (
        Key("prepare_back", "escape", "dismiss", N_("Back"), N_("Close")),
        Key("prepare_undo", "u", "app.undo", N_("Undo"), N_("Take back the last mark")),
        Key("prepare_tick", "space", "mark", N_("Tick"), N_("Tick the step, or mark who came")),
        Key("meeting_notice", "n", "notice", N_("Notice"), N_("The meeting notice, as text and .docx")),
    ),
    "NoticeScreen": (
        Key("notice_back", "escape", "dismiss", N_("Back"), N_("Close")),
    ),
    "MinutesScreen": (
        Key("minutes_save", "ctrl+s", "save", N_("Save"), N_("Save the minutes"), priority=True),
        Key("minutes_export", "ctrl+e", "export", N_("Export"), N_("Write .docx and Markdown to the documents folder")),
        Key("minutes_back", "escape", "close", N_("Back"), N_("Close; asks first if anything is not saved")),
        Key("minutes_supervise", "s", "supervise", N_("Supervise"), N_("Make the highlighted decision a supervision item")),
    ),
    "SuperviseScreen": (
        Key("supervise_back", "escape", "dismiss", N_("Back"), N_("Close")),
    ),
    "PaperScreen": (
        Key("paper_back", "escape", "dismiss", N_("Back"), N_("Close")),
        Key("paper_save", "ctrl+s", "save", N_("Save .docx"), N_("Save as a document")),
    ),
    "DuplicatesScreen": (
        Key("duplicates_close", "escape", "close", N_("Close"), N_("Back to the contact book")),
        Key("duplicates_merge", "m", "merge", N_("Merge"), N_("Merge the right contact into the left one (Enter does the same)")),
        Key("duplicates_swap", "s", "swap", N_("Swap"), N_("Keep the right contact instead of the left one")),
    ),
    "DutyLogScreen": (
        Key("duty_back", "escape", "back", N_("Back"), N_("Back to the list of the day, then to where you were")),
        Key("duty_prev_day", "left_square_bracket", "day(-1)", N_("Previous day"), N_("The duty log of the day before")),
        Key("duty_next_day", "right_square_bracket", "day(1)", N_("Next day"), N_("The duty log of the day after")),
        Key("duty_today", "t", "today", N_("Today"), N_("The duty log of today")),
        Key("duty_save", "ctrl+s", "save", N_("Save"), N_("Save the notes, the handover note and who is on duty"), priority=True),
        Key("duty_export", "x", "export", N_("Export"), N_("Write the day to Markdown, text and the handover paper (.docx)")),
    ),
    "ReportsScreen": (
        Key("reports_back", "escape", "back", N_("Back"), N_("Back")),
        Key("reports_previous", "left_square_bracket", "shift(-1)", N_("Previous period"), N_("The period before")),
        Key("reports_next", "right_square_bracket", "shift(1)", N_("Next period"), N_("The period after")),
        Key("reports_week", "w", "unit('week')", N_("Week"), N_("Show a week")),
        Key("reports_month", "m", "unit('month')", N_("Month"), N_("Show a month")),
        Key("reports_quarter", "j", "unit('quarter')", N_("Quarter"), N_("Show a quarter")),
        Key("reports_year", "y", "unit('year')", N_("Year"), N_("Show a year")),
        Key("reports_export", "x", "export", N_("Export"), N_("Write the summary as .docx and .xlsx")),
    ),
    "SearchScreen": (
        Key("search_back", "escape", "back", N_("Back"), N_("Back")),
        Key("search_results", "down", "to_results", N_("Results"), N_("Move into the results"), show=False),
    ),
    "HolidaysScreen": (
        Key("holidays_save", "ctrl+s", "save", N_("Save"), N_("Keep the schedule shown for its year"), priority=True),
        Key("holidays_back", "escape", "back", N_("Back"), N_("Back")),
    ),
    "HelpScreen": (
        Key("close_help", "escape,f1,question_mark", "dismiss", N_("Close"), N_("Close the help")),
    ),
    "ConfirmScreen": (
        Key("confirm_yes", "y,enter", "answer(True)", N_("Yes"), N_("Yes")),
        Key("confirm_no", "n,escape", "answer(False)", N_("No"), N_("No")),
    ),
    "ChoiceScreen": (
        Key("choice_back", "escape", "choose('')", N_("Back"), N_("Back")),
    ),
    "IssueNoticeScreen": (
        Key("issue_cancel", "escape", "cancel", N_("Cancel"), N_("Issue nothing")),
        Key("issue_save", "ctrl+s", "issue", N_("Issue"), N_("Give the number, log the urge and write the paper")),
    ),
    "OfficeNameScreen": (
        Key("office_later", "escape", "later", N_("Later"), N_("Ask again at the next start")),
    ),
    "Cycle": (
        Key("choice_next", "space,right", "step(1)", "", N_("The next choice"), show=False),
        Key("choice_previous", "left", "step(-1)", "", N_("The previous choice"), show=False),
        Key("field_enter", "enter", "enter", "", N_("Go to the next field"), show=False),
    ),
    "FormCheckbox": (
        Key("check_enter", "enter", "enter", "", N_("Go to the next field"), show=False),
        Key("check_toggle", "space", "toggle_button", "", N_("Tick it"), show=False),
    ),
    "LookupInput": (
        Key("suggestion_next", "down", "move(1)", "", N_("Highlight the next suggestion"), show=False),
        Key("suggestion_previous", "up", "move(-1)", "", N_("Highlight the previous suggestion"), show=False),
    ),
    "MultilineInput": (
        Key("text_new_line", "ctrl+j", "new_line", N_("New line"), N_("Start a new line in this field")),
    ),
    "RowsField": (
        Key("rows_remove", "ctrl+d", "remove_row", N_("Remove row"), N_("Remove the row the cursor is in")),
    ),
}
# fmt: on


def translate_bindings(node: DOMNode) -> None:
    """Show ``node``'s binding descriptions and tooltips in the current language.

    Descriptions are English msgids (marked with ``N_``), so a screen built after a language
    switch shows the new language.
    """
    original: BindingsMap = getattr(node, "_secdesk_msgid_bindings", None) or node._bindings
    node._secdesk_msgid_bindings = original  # type: ignore[attr-defined]  # our own mark on a node
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


def bindings(holder: str) -> list[BindingType]:
    """The bindings of ``holder`` (a screen's or widget's class name, or ``desk`` and
    ``desk_tools`` for the app's own), in footer order: what a class's ``BINDINGS`` holds."""
    return [key.binding() for key in KEYS[holder]]
