"""R: the work summary (工作总结) of a week, month, quarter, year or any range.

The figures come from ``services.reports`` in a worker; this screen only shows them, with
a small chart of calls and visitors per day, and writes the .docx and .xlsx exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static

from secdesk.calendar import clock
from secdesk.i18n import N_, _
from secdesk.screens.base import DeskScreen
from secdesk.screens.work import data_worker
from secdesk.textsafe import safe, text
from secdesk.widgets.footer import DeskFooter

if TYPE_CHECKING:
    from secdesk.services.reports import Period, Summary

BARS = " ▁▂▃▄▅▆▇█"


def sparkline(values: list[int], width: int = 62) -> str:
    """Values as a row of block characters (summed into ``width`` buckets when longer)."""
    if len(values) > width:
        size = -(-len(values) // width)
        values = [sum(values[i : i + size]) for i in range(0, len(values), size)]
    top = max(values, default=0)
    if not top:
        return "·" * len(values)
    return "".join(BARS[min(8, -(-8 * v // top))] if v else "·" for v in values)


class ReportsScreen(DeskScreen):
    """The period's figures and tables."""

    CSS_PATH = "reports.tcss"
    HELP = N_(
        "The work summary (工作总结) of a period: documents received (by type and sender) and "
        "handled on time, meetings held, calls and visitors by day with a small chart, "
        "supervision items opened, closed and on time, overdue items, letters and visits by "
        "channel and category, information reports submitted and adopted. Periods are local "
        "calendar days. [ and ] go to the previous and next period; w, m, j and y show the "
        "week, month, quarter or year; Tab to the box and type 2026-11, 2026-W47, 2026-Q4, "
        "2026 or 2026-11-01..2026-11-30, Enter. x writes the summary as .docx and .xlsx "
        "to exports/ in the data directory. Esc goes back."
    )

    @dataclass
    class Built(Message):
        generation: int
        summary: Summary

    @dataclass
    class Written(Message):
        paths: list[Path]

    def __init__(self) -> None:
        super().__init__()
        from secdesk.services.reports import month

        today = clock.today()
        self.period: Period = month(today.year, today.month)
        self.summary: Summary | None = None
        self.generation = 0

    def compose(self) -> ComposeResult:
        yield Input(self.period.name, id="reports-period")
        yield Static("", id="reports-status", markup=False)
        with VerticalScroll(id="reports-body"):
            yield Static("", id="reports-figures")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Work summary")
        self.query_one("#reports-period").border_title = _("Period")
        self.query_one("#reports-body").focus()
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Typing a period in the box: the letters are text there, not keys.
        return not (action in ("unit", "export") and isinstance(self.focused, Input))

    def refresh_data(self) -> None:
        self.load()

    # -- the period ----------------------------------------------------------------------

    def show_period(self, period: Period) -> None:
        self.period = period
        self.query_one("#reports-period", Input).value = period.name
        self.load()

    def action_shift(self, steps: int) -> None:
        self.show_period(self.period.shifted(steps))

    def action_unit(self, unit: str) -> None:
        from secdesk.services.reports import Period, month, quarter, week

        day = self.period.start
        made: dict[str, Period] = {
            "week": week(day),
            "month": month(day.year, day.month),
            "quarter": quarter(day.year, (day.month - 1) // 3 + 1),
            "year": Period(day.replace(month=1, day=1), day.replace(month=12, day=31), "year"),
        }
        self.show_period(made[unit])

    @on(Input.Submitted, "#reports-period")
    def _typed(self, event: Input.Submitted) -> None:
        from secdesk.services.reports import PeriodError, parse_period

        try:
            period = parse_period(event.value)
        except PeriodError as exc:
            self._status(safe(str(exc)))
            return
        self.query_one("#reports-body").focus()
        self.show_period(period)

    # -- the figures ---------------------------------------------------------------------

    def load(self) -> None:
        self.generation += 1
        self._status(_("Counting…"))
        self._build(self.generation, self.period)

    @data_worker("reports")
    def _build(self, generation: int, period: Period) -> Message:
        from secdesk.services import reports

        return self.Built(generation, self.store.run(reports.build, period))

    @on(Built)
    def _show(self, message: Built) -> None:
        if message.generation != self.generation:
            return
        from secdesk.services.reports import headline, title_of

        summary = self.summary = message.summary
        parts: list[object] = [text(title_of(summary, self.settings.office.name), "bold")]
        figures = Table(show_header=False, box=None, pad_edge=False)
        figures.add_column()
        figures.add_column(justify="right")
        for name, value in headline(summary):
            figures.add_row(text(name), text(value, "bold"))
        parts += [figures, Text("")]
        chart = Table(show_header=False, box=None, pad_edge=False)
        chart.add_column()
        chart.add_column()
        chart.add_row(text(_("Calls")), text(sparkline(summary.by_day["calls"]), "cyan"))
        chart.add_row(text(_("Visitors")), text(sparkline(summary.by_day["visits"]), "green"))
        parts += [chart]
        for table in summary.tables:
            if not table.rows:
                continue
            shown = Table(title=text(table.title, "bold"), title_justify="left")
            for heading in table.headings:
                shown.add_column(text(heading))
            for row in table.rows:
                shown.add_row(*[text(value) for value in row])
            parts += [Text(""), shown]
        self.query_one("#reports-figures", Static).update(Group(*parts))  # type: ignore[arg-type]
        self._status(
            _("{start} to {end}. [ ] other periods, w m j y, x exports.").format(
                start=summary.period.start, end=summary.period.end
            )
        )

    def _status(self, message: str) -> None:
        self.query_one("#reports-status", Static).update(message)

    # -- exports -------------------------------------------------------------------------

    def action_export(self) -> None:
        if self.summary is not None and self.office_named():
            self._export(self.summary)

    @work(thread=True, exclusive=True, group="reports-export", exit_on_error=False)
    def _export(self, summary: Summary) -> None:
        from secdesk import config
        from secdesk.services import reports

        folder = config.data_dir() / "exports"
        stem = f"summary-{summary.period.name.replace('..', '_')}"
        paths = [
            reports.write(summary, folder / f"{stem}{suffix}") for suffix in (".docx", ".xlsx")
        ]
        self.post_message(self.Written(paths))

    @on(Written)
    def _written(self, message: Written) -> None:
        self.notify(
            safe(_("Written: {paths}").format(paths=", ".join(str(p) for p in message.paths))),
            markup=False,
        )

    def action_back(self) -> None:
        self.app.pop_screen()
