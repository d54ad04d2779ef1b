"""The week view of the meetings (``w`` on a meeting): seven columns, Monday to Sunday;
one occurrence of a repeating meeting is called off or moved from here.

Wing: screens. Must not import app, cli or demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from secdesk.i18n import N_, _, format_date, format_short_date, format_weekday
from secdesk.kinds import get
from secdesk.screens.base import DeskModal, DeskScreen, add_bindings, row_bindings
from secdesk.screens.confirm import ask_yes
from secdesk.screens.work import data_worker
from secdesk.textsafe import safe, text
from secdesk.widgets.footer import DeskFooter

if TYPE_CHECKING:
    from rich.text import Text

    from secdesk.office.meetings.schedule import Week
    from secdesk.services.views import Occurrence


class WeekScreen(DeskScreen):
    """Seven columns, Monday to Sunday, each day's meetings in time order."""

    CSS_PATH = "meetings.tcss"
    HELP = N_(
        "The meetings of one week, a column a day. Left and right move between days, up and "
        "down between meetings, [ and ] turn the weeks, t comes back to this week. Enter "
        "opens a meeting; k its checklist and attendance, r its minutes. A meeting marked ! "
        "has an unfinished checklist. On a repeating meeting, x calls off that one occurrence "
        "and o moves it to another time (u undoes either); the others stay. m schedules a new "
        "meeting."
    )

    @dataclass
    class Loaded(Message):
        week: Week

    def __init__(self, day: date | None = None, week: Week | None = None) -> None:
        """``week``: the week of ``day`` when it was already read (the first frame then
        shows it, without a second layout pass)."""
        super().__init__()
        from secdesk.calendar import clock
        from secdesk.office.meetings.schedule import week_of

        self.day = day or clock.today()
        """The selected day; its week is shown."""
        self.monday = week_of(self.day)
        self.week: Week | None = None
        self._preloaded = week
        self.painted = False
        """The week's meetings are on screen (the benchmark waits for this)."""
        keys = row_bindings(get("meeting"))
        add_bindings(self, [key for key in keys if key.id != "meeting_week"])

    def compose(self) -> ComposeResult:
        yield Static("", id="week-title", markup=False)
        with Horizontal(id="week"):
            for index in range(7):
                with Vertical(classes="week-day", id=f"day-{index}"):
                    yield Label("", classes="week-day-title", markup=False)
                    options = OptionList(id=f"meetings-{index}", classes="week-meetings")
                    yield options
        yield DeskFooter()

    def on_mount(self) -> None:
        if self._preloaded is not None and self._preloaded.monday == self.monday:
            self.show_week(self.Loaded(self._preloaded))
            self._preloaded = None
        else:
            self.load()

    def refresh_data(self) -> None:
        self.load()

    @data_worker("week")
    def load(self) -> Message:
        from secdesk.office.meetings import schedule as meetings

        return self.Loaded(self.store.run(meetings.week, self.monday))

    @on(Loaded)
    def show_week(self, message: Loaded) -> None:
        from secdesk.calendar import clock

        week = message.week
        if week.monday != self.monday:
            return  # turned on since
        self.week = week
        today = clock.today()
        sunday = week.monday + timedelta(days=6)
        self.query_one("#week-title", Static).update(
            f"{format_date(week.monday, weekday=False)} – {format_date(sunday, weekday=False)}"
        )
        for index, occurrences in enumerate(week.days):
            day = week.monday + timedelta(days=index)
            column = self.query_one(f"#day-{index}")
            column.set_class(day == today, "today")
            mark, holiday = week.marks[index]
            column.set_class(holiday, "holiday")
            title = f"{format_weekday(day)} {format_short_date(day)}"
            column.query_one(Label).update(f"{title} · {mark}" if mark else title)
            options = self.query_one(f"#meetings-{index}", OptionList)
            highlighted = options.highlighted
            options.clear_options()
            options.add_options(
                [
                    Option(self.prompt(o, week), id=f"{o.meeting_id}:{o.starts_at.isoformat()}")
                    for o in occurrences
                ]
            )
            if occurrences:
                options.highlighted = min(highlighted or 0, len(occurrences) - 1)
        self.focus_day((self.day - self.monday).days)
        self.painted = True

    @staticmethod
    def prompt(occurrence: Occurrence, week: Week) -> Text:
        """A meeting in its day's column: time and title, the place on the next line."""
        marked = "! " if occurrence.meeting_id in week.unready else ""
        shown = text(f"{marked}{occurrence.starts_at:%H:%M} {occurrence.title}")
        if occurrence.location:
            shown.append("\n" + safe(occurrence.location))
        return shown

    def focus_day(self, index: int) -> None:
        index = max(0, min(6, index))
        self.day = self.monday + timedelta(days=index)
        self.query_one(f"#meetings-{index}", OptionList).focus()
        for i in range(7):
            self.query_one(f"#day-{i}").set_class(i == index, "selected")

    def action_day(self, delta: int) -> None:
        index = (self.day - self.monday).days + delta
        if 0 <= index <= 6:
            self.focus_day(index)
        else:
            self.turn(delta * 7, index % 7)

    def action_week(self, delta: int) -> None:
        self.turn(delta * 7, (self.day - self.monday).days)

    def action_this_week(self) -> None:
        from secdesk.calendar import clock
        from secdesk.office.meetings.schedule import week_of

        self.day = clock.today()
        self.monday = week_of(self.day)
        self.painted = False
        self.load()

    def turn(self, days: int, index: int) -> None:
        self.monday += timedelta(days=days)
        self.day = self.monday + timedelta(days=index)
        self.painted = False
        self.load()

    @property
    def current(self) -> Occurrence | None:
        """The highlighted occurrence."""
        if self.week is None:
            return None
        index = (self.day - self.monday).days
        options = self.query_one(f"#meetings-{index}", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        return self.week.days[index][options.highlighted]

    def _repeating(self) -> Occurrence | None:
        found = self.current
        if found is not None and not found.recurring:
            self.notify(
                _("Only an occurrence of a repeating meeting is called off or moved here; "
                  "Enter opens this meeting to edit it."),
                markup=False,
            )  # fmt: skip
            return None
        return found

    def action_call_off(self) -> None:
        found = self._repeating()
        if found is None:
            return

        question = _("Call off “{meeting}” on {time}? The other occurrences stay.").format(
            meeting=found.title, time=f"{found.starts_at:%Y-%m-%d %H:%M}"
        )
        ask_yes(self.app, question, _("Call off"), _("Keep"), lambda: self._change(found, ""))

    def action_move(self) -> None:
        found = self._repeating()
        if found is None:
            return

        def answer(typed: str | None) -> None:
            if typed:
                self._change(found, typed)

        self.app.push_screen(MoveScreen(found), answer)

    @data_worker("week-change", exclusive=False)
    def _change(self, occurrence: Occurrence, typed: str) -> None:
        """Call off (``typed`` empty) or move one occurrence."""
        from secdesk.office.meetings import schedule as meetings
        from secdesk.services.views import InvalidInput

        try:
            if typed:
                token = self.store.write(
                    meetings.move_occurrence_to,
                    occurrence.meeting_id,
                    occurrence.starts_at,
                    typed,
                )
            else:
                token = self.store.write(
                    meetings.cancel_occurrence, occurrence.meeting_id, occurrence.starts_at
                )
        except InvalidInput as exc:
            self.app.call_from_thread(self.notify, _(exc.message), severity="warning", markup=False)
            return
        self.app.call_from_thread(self._changed, token)

    def _changed(self, token: Any) -> None:
        self.desk.remember_undo(token)
        self.notify(safe(token.label), markup=False)
        self.desk.refresh_screens()

    @property
    def current_id(self) -> int | None:
        options = self.query_one(f"#meetings-{(self.day - self.monday).days}", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        option_id = options.get_option_at_index(options.highlighted).id or ""
        return int(option_id.partition(":")[0])

    def action_open(self) -> None:
        if (meeting_id := self.current_id) is not None:
            self.desk.open_record("meeting", meeting_id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_row_action(self, action_id: str) -> None:
        self.desk.run_row_action(action_id, "meeting", self.current_id)

    def action_back(self) -> None:
        self.app.pop_screen()


class MoveScreen(DeskModal[str | None]):
    """Asks where one occurrence of a repeating meeting moves to."""

    CSS_PATH = "meetings.tcss"
    HELP = N_(
        "Move this occurrence of the repeating meeting: type the new time as people say it "
        "(周三下午3点, 12-09 15:00, tomorrow 9:30) and press Enter; the other occurrences stay. "
        "Esc goes back."
    )

    def __init__(self, occurrence: Occurrence) -> None:
        super().__init__()
        self.occurrence = occurrence

    def compose(self) -> ComposeResult:
        with Vertical(id="move"):
            yield Static(
                f"{self.occurrence.title} · {self.occurrence.starts_at:%Y-%m-%d %H:%M}",
                markup=False,
            )
            yield Input(placeholder=_("the new time: 周三下午3点, 12-09 15:00"), id="move-to")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#move").border_title = _("Move this occurrence")
        self.query_one("#move-to").focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value)
