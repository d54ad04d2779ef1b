"""节假日安排: enter a year's official holiday schedule for a year the built-in calendar does
not cover yet (paste the State Council's notice as published), see what it means, save it.
Time limits counted over that year are then exact instead of provisional."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Static, TextArea

from secdesk.i18n import N_, _, format_date, ngettext
from secdesk.screens.base import DeskScreen
from secdesk.screens.unsaved import UnsavedWork
from secdesk.screens.work import data_worker
from secdesk.textsafe import safe, text
from secdesk.widgets.footer import DeskFooter

if TYPE_CHECKING:
    from secdesk.calendar.notice import Schedule


class HolidaysScreen(UnsavedWork, DeskScreen):
    """The notice on the left, the days it gives on the right, the years entered below."""

    CSS_PATH = "holidays.tcss"
    HELP = N_(
        "For a year the built-in holiday calendar does not cover yet: paste the State "
        "Council's notice (国务院办公厅关于…年部分节假日安排的通知) into the box, or type lines such "
        "as 2027-01-01..2027-01-03 holiday 元旦 and 2027-02-20 workday 春节. The days it gives "
        "are shown beside it; Ctrl+S keeps them for that year (replacing what was entered "
        "before), and time limits over that year count with them instead of Monday-Friday. "
        "Esc goes back."
    )

    @dataclass
    class Read(Message):
        schedule: Schedule | None
        error: str

    @dataclass
    class Years(Message):
        lines: list[str]

    @dataclass
    class Saved(Message):
        year: int
        days: int

    def __init__(self) -> None:
        super().__init__()
        self.schedule: Schedule | None = None
        self.saved_text = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="holidays-body"):
            yield TextArea(id="holidays-text", soft_wrap=True, tab_behavior="focus")
            with Vertical(id="holidays-side"):
                table: DataTable[Text] = DataTable(id="holidays-days", cursor_type="row")
                table.add_columns(_("Day"), _("What"), _("Holiday"))
                yield table
                yield Static("", id="holidays-years", markup=False)
        yield Static("", id="holidays-status", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Holiday schedules")
        self.query_one("#holidays-text").border_title = _("The notice, pasted")
        self.query_one("#holidays-days").border_title = _("The days it gives")
        self.query_one("#holidays-text", TextArea).focus()
        self.load_years()
        self._show_status(_("Paste the notice; the days it gives appear on the right."))

    def refresh_data(self) -> None:
        self.load_years()

    # -- reading what is typed -----------------------------------------------------------

    @on(TextArea.Changed, "#holidays-text")
    def _typed(self) -> None:
        self.set_timer(0.2, self._read, name="holidays-read")

    def _read(self) -> None:
        from secdesk.calendar.notice import ScheduleError, parse

        typed = self.query_one("#holidays-text", TextArea).text
        if not typed.strip():
            self.post_message(self.Read(None, ""))
            return
        try:
            self.post_message(self.Read(parse(typed), ""))
        except ScheduleError as exc:
            self.post_message(self.Read(None, str(exc)))

    @on(Read)
    def _show(self, message: Read) -> None:
        self.schedule = message.schedule
        table = self.query_one("#holidays-days", DataTable)
        table.clear()
        if message.schedule is None:
            self._show_status(safe(message.error))
            return
        for entry in message.schedule.days:
            off = entry.kind == "holiday"
            table.add_row(
                text(format_date(entry.day)),
                text(_("day off") if off else _("working day"), "" if off else "bold yellow"),
                text(entry.name),
            )
        from secdesk.calendar.notice import days_text

        schedule = message.schedule
        self._show_status(
            _("{year}: {days}. Ctrl+S keeps them.").format(
                year=schedule.year,
                days=days_text(len(schedule.holidays), len(schedule.workdays)),
            )
        )

    def _show_status(self, message: str) -> None:
        self.query_one("#holidays-status", Static).update(message)

    # -- the years entered ---------------------------------------------------------------

    @data_worker("holidays-years")
    def load_years(self) -> Message:
        from secdesk.calendar.notice import days_text
        from secdesk.services import holidays

        years = self.store.run(holidays.summary)
        lines = [
            _("{year}: entered ({days})").format(year=year, days=days_text(off, worked))
            for year, (off, worked) in sorted(years.items())
        ]
        return self.Years(lines)

    @on(Years)
    def _show_years(self, message: Years) -> None:
        shown = message.lines or [_("No schedule entered yet: the built-in calendar is used.")]
        self.query_one("#holidays-years", Static).update("\n".join(shown))

    # -- saving --------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.schedule is None:
            self._read()
            self.notify(_("There is no schedule to keep yet."), severity="warning")
            self._after_save = None
            return
        self._save(self.schedule, self.query_one("#holidays-text", TextArea).text)

    @data_worker("holidays-save")
    def _save(self, schedule: Schedule, typed: str) -> Message:
        from secdesk.services import holidays

        days = self.store.write(holidays.save, schedule)
        self.saved_text = typed
        return self.Saved(schedule.year, days)

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.notify(
            ngettext(
                "Kept {n} day for {year}: time limits over {year} now count with it.",
                "Kept {n} days for {year}: time limits over {year} now count with them.",
                message.days,
            ).format(n=message.days, year=message.year)
        )
        self.load_years()
        self.desk.refresh_screens()
        self.run_after_save()

    def action_back(self) -> None:
        self.desk.leave_editors(self.app.pop_screen)

    # -- the unsaved-work protocol -------------------------------------------------------

    def has_unsaved_work(self) -> bool:
        typed = self.query_one("#holidays-text", TextArea).text
        return bool(typed.strip()) and typed != self.saved_text

    def unsaved_what(self) -> str:
        return _("The holiday schedule typed")
