"""The meetings' own screens: the week view (``w``), a meeting's checklist and attendance
(``k``), its notice, its minutes with decisions (``r``), and the question that makes a
decision a supervision item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from secdesk.i18n import N_, _, format_date, format_short_date, format_weekday
from secdesk.kinds import get
from secdesk.screens.base import DeskModal, DeskScreen, UnsavedWork, add_bindings, with_data
from secdesk.screens.confirm import ConfirmScreen
from secdesk.textsafe import safe, text

if TYPE_CHECKING:
    from rich.text import Text

    from secdesk.office.meetings.schedule import MinutesView, Week
    from secdesk.services.views import Occurrence


# -- the week -------------------------------------------------------------------------------


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
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="week_back", tooltip=N_("Close the week view")),
        Binding("left", "day(-1)", N_("Day"), id="week_day_left", tooltip=N_("The day before")),
        Binding("right", "day(1)", show=False, id="week_day_right", tooltip=N_("The day after")),
        Binding("[", "week(-1)", N_("Week"), id="week_previous", tooltip=N_("The week before")),
        Binding("]", "week(1)", show=False, id="week_next", tooltip=N_("The week after")),
        Binding("t", "this_week", N_("This week"), id="week_today", tooltip=N_("Back to today")),
        Binding("enter", "open", N_("Open"), id="week_open", tooltip=N_("Open the meeting")),
        Binding(
            "x",
            "call_off",
            N_("Call off"),
            id="week_call_off",
            tooltip=N_("Call off this occurrence of a repeating meeting (u undoes)"),
        ),
        Binding(
            "o",
            "move",
            N_("Move"),
            id="week_move",
            tooltip=N_("Move this occurrence of a repeating meeting to another time"),
        ),
        Binding(
            "u", "app.undo", N_("Undo"), id="week_undo", tooltip=N_("Take back the last change")
        ),
    ]

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
        add_bindings(
            self,
            [
                Binding(a.key, f"row_action({a.id!r})", a.label, id=a.id, tooltip=a.tooltip)
                for a in get("meeting").row_actions
                if a.id != "meeting_week"
            ],
        )

    def compose(self) -> ComposeResult:
        yield Static("", id="week-title", markup=False)
        with Horizontal(id="week"):
            for index in range(7):
                with Vertical(classes="week-day", id=f"day-{index}"):
                    yield Label("", classes="week-day-title", markup=False)
                    options = OptionList(id=f"meetings-{index}", classes="week-meetings")
                    yield options
        yield Footer()

    def on_mount(self) -> None:
        if self._preloaded is not None and self._preloaded.monday == self.monday:
            self.show_week(self.Loaded(self._preloaded))
            self._preloaded = None
        else:
            self.load()

    def refresh_data(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="week", exit_on_error=False)
    @with_data
    def load(self) -> None:
        from secdesk.office.meetings import schedule as meetings

        self.post_message(self.Loaded(self.store.run(meetings.week, self.monday)))

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
            column.query_one(Label).update(f"{format_weekday(day)} {format_short_date(day)}")
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

        def answer(yes: bool | None) -> None:
            if yes:
                self._change(found, "")

        self.app.push_screen(
            ConfirmScreen(
                _("Call off “{meeting}” on {time}? The other occurrences stay.").format(
                    meeting=found.title, time=f"{found.starts_at:%Y-%m-%d %H:%M}"
                ),
                yes=_("Call off"),
                no=_("Keep"),
            ),
            answer,
        )

    def action_move(self) -> None:
        found = self._repeating()
        if found is None:
            return

        def answer(typed: str | None) -> None:
            if typed:
                self._change(found, typed)

        self.app.push_screen(MoveScreen(found), answer)

    @work(thread=True, group="week-change", exit_on_error=False)
    @with_data
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
        action = next(a for a in get("meeting").row_actions if a.id == action_id)
        self.desk.run_row_action(action, "meeting", self.current_id)

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
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", N_("Back"), id="move_back", tooltip=N_("Close")),
    ]

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
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#move").border_title = _("Move this occurrence")
        self.query_one("#move-to").focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value)


# -- checklist and attendance ---------------------------------------------------------------

_ATTENDED = {None: "·", True: "✓", False: "✗"}
_NEXT_MARK: dict[bool | None, bool | None] = {None: True, True: False, False: None}


class PrepareScreen(DeskModal[None]):
    """One meeting's checklist and its participants' attendance."""

    CSS_PATH = "meetings.tcss"
    HELP = N_(
        "The meeting's preparation checklist, then its participants. Space ticks the "
        "highlighted step, or marks whether the highlighted person came (✓ came, ✗ did not, "
        "· not marked yet); u undoes. Tab moves between the two lists. n shows the meeting "
        "notice and writes it as .txt and .docx to the documents folder."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", N_("Back"), id="prepare_back", tooltip=N_("Close")),
        Binding(
            "u", "app.undo", N_("Undo"), id="prepare_undo", tooltip=N_("Take back the last mark")
        ),
        Binding(
            "space",
            "mark",
            N_("Tick"),
            id="prepare_tick",
            tooltip=N_("Tick the step, or mark who came"),
        ),
        Binding(
            "n",
            "notice",
            N_("Notice"),
            id="meeting_notice",
            tooltip=N_("The meeting notice, as text and .docx"),
        ),
    ]

    @dataclass
    class Loaded(Message):
        view: MinutesView

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.view: MinutesView | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="prepare"):
            yield Label(_("Checklist"), classes="section", markup=False)
            yield OptionList(id="checklist")
            yield Label(_("Attendance"), classes="section", markup=False)
            yield OptionList(id="attendance")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#prepare").border_title = _("Loading…")
        self.load()

    def refresh_data(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    @with_data
    def load(self) -> None:
        from secdesk.office.meetings import schedule as meetings

        try:
            view = self.store.run(meetings.minutes_view, self.meeting_id)
        except LookupError:
            self.app.call_from_thread(self.dismiss, None)
            return
        self.post_message(self.Loaded(view))

    @on(Loaded)
    def show(self, message: Loaded) -> None:
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

    @work(thread=True, group="tick", exit_on_error=False)
    @with_data
    def _tick(self, item_id: int) -> None:
        from secdesk.office.meetings import schedule as meetings

        token = self.store.write(meetings.tick, item_id)
        self.app.call_from_thread(self._changed, token)

    @work(thread=True, group="tick", exit_on_error=False)
    @with_data
    def _attend(self, participant_id: int, attended: bool | None) -> None:
        from secdesk.office.meetings import schedule as meetings

        token = self.store.write(meetings.mark_attendance, participant_id, attended)
        self.app.call_from_thread(self._changed, token)

    def _changed(self, token: Any) -> None:
        self.desk.remember_undo(token)
        self.desk.refresh_screens()

    def action_notice(self) -> None:
        if self.view is not None:
            self.app.push_screen(NoticeScreen(self.view))


class NoticeScreen(DeskModal[None]):
    """The meeting notice as text to copy; it is also written to the documents folder."""

    CSS_PATH = "meetings.tcss"
    HELP = N_(
        "The meeting notice (会议通知): select text with the mouse or shift and the arrows "
        "to copy it. It was also written as .txt and .docx to the documents folder (shown below)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", N_("Back"), id="notice_back", tooltip=N_("Close")),
    ]

    def __init__(self, view: MinutesView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        from secdesk.office.meetings.papers import as_text, notice_outline

        with Vertical(id="notice"):
            area = TextArea(as_text(notice_outline(self.view)), read_only=True, id="notice-text")
            yield area
            yield Static("", id="notice-files", markup=False)
        yield Footer()

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


# -- minutes --------------------------------------------------------------------------------


class MinutesScreen(UnsavedWork, DeskModal[None]):
    """The minutes: the overview, the decisions one per line, and what became of them."""

    CSS_PATH = "meetings.tcss"
    HELP = N_(
        "The minutes (纪要) of the meeting. Write the overview, then the decisions (议定事项), "
        "one per line; Ctrl+S saves. The 出席 / 列席 / 请假 lines come from the attendance "
        "(k). In the list of saved decisions below, s makes the highlighted one a supervision "
        "item (undertaking unit and due date: a date, 10wd or 15d), linked both ways. Ctrl+E "
        "exports the minutes as .docx and Markdown to the documents folder."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            N_("Save"),
            id="minutes_save",
            priority=True,
            tooltip=N_("Save the minutes"),
        ),
        Binding(
            "ctrl+e",
            "export",
            N_("Export"),
            id="minutes_export",
            tooltip=N_("Write .docx and Markdown to the documents folder"),
        ),
        Binding(
            "escape",
            "close",
            N_("Back"),
            id="minutes_back",
            tooltip=N_("Close; asks first if anything is not saved"),
        ),
        Binding(
            "s",
            "supervise",
            N_("Supervise"),
            id="minutes_supervise",
            tooltip=N_("Make the highlighted decision a supervision item"),
        ),
    ]

    @dataclass
    class Loaded(Message):
        view: MinutesView

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.view: MinutesView | None = None
        self.dirty = False
        self._after_save: Any = None

    def compose(self) -> ComposeResult:
        with Vertical(id="minutes"):
            yield Static("", id="minutes-lines", markup=False)
            yield Label(_("Overview"), classes="section", markup=False)
            yield TextArea(id="minutes-overview")
            yield Label(_("Decisions, one per line"), classes="section", markup=False)
            yield TextArea(id="minutes-decisions")
            yield Label(
                _("Saved decisions (s: make a supervision item)"), classes="section", markup=False
            )
            yield OptionList(id="minutes-saved")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#minutes").border_title = _("Loading…")
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "supervise":
            return isinstance(self.focused, OptionList)
        return True

    def refresh_data(self) -> None:
        if not self.dirty:
            self.load()

    @work(thread=True, exclusive=True, group="minutes", exit_on_error=False)
    @with_data
    def load(self) -> None:
        from secdesk.office.meetings import schedule as meetings

        try:
            view = self.store.run(meetings.minutes_view, self.meeting_id)
        except LookupError:
            self.app.call_from_thread(self.dismiss, None)
            return
        self.post_message(self.Loaded(view))

    @on(Loaded)
    def show(self, message: Loaded) -> None:
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

    @work(thread=True, exclusive=True, group="minutes-save", exit_on_error=False)
    @with_data
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
        then, self._after_save = self._after_save, None
        if then is not None:
            then()

    def action_export(self) -> None:
        self._export()

    @work(thread=True, exclusive=True, group="minutes-export", exit_on_error=False)
    @with_data
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

    @work(thread=True, group="minutes-supervise", exit_on_error=False)
    @with_data
    def _supervise(self, decision_id: int, unit: str, due: str) -> None:
        from secdesk.office.meetings import schedule as meetings
        from secdesk.services.views import InvalidInput

        try:
            saved = self.store.write(meetings.supervise_decision, decision_id, unit, due)
        except InvalidInput as exc:
            self.app.call_from_thread(self.notify, _(exc.message), severity="warning", markup=False)
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
        if not self.dirty:
            self.dismiss(None)
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.dirty = False
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(_("Discard what you typed?"), yes=_("Discard"), no=_("Keep editing")),
            answer,
        )

    def has_unsaved_work(self) -> bool:
        return self.dirty

    def unsaved_what(self) -> str:
        return _("the minutes")

    def save_then(self, then: Any) -> None:
        self._after_save = then
        self.action_save()


class SuperviseScreen(DeskModal[tuple[str, str] | None]):
    """Asks the undertaking unit and the due date of a decision to supervise."""

    CSS_PATH = "meetings.tcss"
    HELP = N_(
        "Make the decision a supervision item: the undertaking unit (承办单位) and by when "
        "(a date, 10wd for ten working days or 15d for fifteen days, counted from the "
        "meeting's day). Enter in the last field makes it; Esc goes back."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", N_("Back"), id="supervise_back", tooltip=N_("Close")),
    ]

    def __init__(self, decision: str) -> None:
        super().__init__()
        self.decision = decision

    def compose(self) -> ComposeResult:
        with Vertical(id="supervise"):
            yield Static(self.decision, markup=False)
            yield Input(placeholder=_("Undertaking unit"), id="supervise-unit")
            yield Input(placeholder=_("Due: a date, 10wd or 15d"), id="supervise-due")
        yield Footer()

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
