"""``secdesk today``: the day's summary printed with Rich."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from secdesk.i18n import _, format_date, format_short_date
from secdesk.labels import label
from secdesk.services.views import Dashboard, DayKind
from secdesk.textsafe import text


def _day_line(data: Dashboard) -> str:
    day = data.day
    kind = {
        DayKind.workday: _("Working day"),
        DayKind.weekend: _("Weekend"),
        DayKind.holiday: _("Public holiday: {name}").format(
            name=label("holiday", day.holiday_name)
        ),
        DayKind.makeup: _("Make-up working day"),
    }[day.kind]
    line = f"{format_date(day.day)}  {kind}"
    if not day.covered:
        line += "  " + _("(no official holiday calendar for {year}: Monday-Friday assumed)").format(
            year=day.day.year
        )
    return line


def print_today(data: Dashboard, console: Console | None = None) -> None:
    console = console or Console()
    console.print(text(_day_line(data), "bold"))

    def table(title: str, columns: list[str], rows: list[list[object]], empty: str) -> None:
        console.print()
        if not rows:
            console.print(text(f"{title}: {empty}", "dim"))
            return
        out = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
        for column in columns:
            out.add_column(column)
        for row in rows:
            out.add_row(*[text(cell) for cell in row])
        console.print(out)

    table(
        _("Inbox") + f" ({data.inbox_total})",
        [_("No."), _("Urgency"), _("Classification"), _("Title"), _("Sender"), _("Due")],
        [
            [
                d.receipt_number,
                label("urgency", d.urgency),
                label("classification", d.classification),
                d.title,
                d.sender,
                format_short_date(d.due) if d.due else "",
            ]
            for d in data.inbox[:20]
        ],
        _("no documents waiting"),
    )
    table(
        _("Meetings"),
        [_("When"), _("Meeting"), _("Location")],
        [
            [f"{format_short_date(m.starts_at.date())} {m.starts_at:%H:%M}", m.title, m.location]
            for m in data.meetings
        ],
        _("none this week"),
    )
    table(
        _("Telephone log") + f" ({data.calls_total})",
        ["", _("Time"), _("Caller"), _("Organisation"), _("Summary")],
        [
            [
                "!" if c.awaiting_follow_up else "",
                f"{c.at:%H:%M}",
                c.caller or c.number,
                c.organization,
                c.summary,
            ]
            for c in data.calls[:20]
        ],
        _("no calls today"),
    )
    table(
        _("Supervision deadlines") + f" ({data.supervision_total})",
        [_("Days left"), _("Matter"), _("Undertaking unit"), _("Due")],
        [
            [str(s.days_left), s.title, s.undertaking_unit, format_short_date(s.due)]
            for s in data.supervision[:20]
        ],
        _("no open items"),
    )
    table(
        _("Visitors")
        + " "
        + _("{inside} in the building · {today} today").format(
            inside=len(data.visitors), today=data.visits_today
        ),
        [_("Arrived"), _("Name"), _("Organisation"), _("Host")],
        [[f"{v.arrived_at:%H:%M}", v.name, v.organization, v.host] for v in data.visitors],
        _("nobody in the building"),
    )
