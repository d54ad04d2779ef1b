"""工作总结: the figures of a week, month, quarter, year or any range, and their exports.

Wing: services. Must not import office, screens, widgets, app, cli, care or demo.

Periods are local calendar days in the configured time zone; records are stored in UTC,
so a call at 23:30 local on the last day of a month belongs to that month. The figures are
computed here (plain data); the Reports screen, ``secdesk report`` and the .docx, .xlsx
and .md exports only show them. Kinds are counted generically by their ``report_field``
(a new kind is counted without code); a kind that has more to say declares a
``ReportPart``: its figures, tables and opening lines, computed in its own wing with the
helpers below (``in_period``, ``count``, ``rate``...).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, func, select

from secdesk.calendar import clock
from secdesk.i18n import N_, _
from secdesk.io.files import save_private, write_private_text
from secdesk.kinds import ReportPart, get, kinds, resolve
from secdesk.services.patterns import is_moment


class PeriodError(ValueError):
    """A period that cannot be read (the message says how to write one)."""


@dataclass(frozen=True)
class Period:
    """Local days ``start`` to ``end``, both included."""

    start: date
    end: date
    kind: str = "range"
    """week, month, quarter, year or range: what ``shifted`` moves by."""

    @property
    def name(self) -> str:
        """The period as it is typed: 2026-11, 2026-W47, 2026-Q4, 2026 or a range."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "week":
            year, week, _day = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as a half-open UTC range for times stored in UTC."""
        return clock.day_bounds(self.start)[0], clock.day_bounds(self.end)[1]

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` before (negative) or after this one, of the same kind."""
        if self.kind == "week":
            return week(self.start + timedelta(weeks=steps))
        if self.kind == "month":
            index = self.start.year * 12 + self.start.month - 1 + steps
            return month(index // 12, index % 12 + 1)
        if self.kind == "quarter":
            index = self.start.year * 4 + (self.start.month - 1) // 3 + steps
            return quarter(index // 4, index % 4 + 1)
        if self.kind == "year":
            return Period(
                date(self.start.year + steps, 1, 1), date(self.start.year + steps, 12, 31), "year"
            )
        length = (self.end - self.start).days + 1
        return Period(
            self.start + timedelta(days=length * steps), self.end + timedelta(days=length * steps)
        )


def week(day: date) -> Period:
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6), "week")


def month(year: int, number: int) -> Period:
    first = date(year, number, 1)
    following = date(year + (number == 12), number % 12 + 1, 1)
    return Period(first, following - timedelta(days=1), "month")


def quarter(year: int, number: int) -> Period:
    start = month(year, 3 * number - 2).start
    return Period(start, month(year, 3 * number).end, "quarter")


HOW = N_("Write a period as 2026-11, 2026-W47, 2026-Q4, 2026 or 2026-11-01..2026-11-30.")


def parse_period(typed: str) -> Period:
    """A period as typed: ``2026-11``, ``2026-W47``, ``2026-Q4``, ``2026`` or
    ``2026-11-01..2026-11-30`` (also with ``~`` or ``至``)."""
    text = typed.strip().upper().replace("至", "..").replace("~", "..")
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
            return month(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})-?W(\d{1,2})", text):
            return week(date.fromisocalendar(int(m[1]), int(m[2]), 1))
        if m := re.fullmatch(r"(\d{4})-?Q([1-4])", text):
            return quarter(int(m[1]), int(m[2]))
        if re.fullmatch(r"\d{4}", text):
            return Period(date(int(text), 1, 1), date(int(text), 12, 31), "year")
        if ".." in text:
            first, _dots, last = text.partition("..")
            return date_range(date.fromisoformat(first.strip()), date.fromisoformat(last.strip()))
    except ValueError as exc:
        raise PeriodError(_(HOW)) from exc
    raise PeriodError(_(HOW))


def date_range(start: date, end: date) -> Period:
    if end < start:
        raise PeriodError(_("The period ends before it starts."))
    return Period(start, end)


# -- the figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """One table of the summary: a title, its column headings and rows (text and numbers)."""

    key: str
    title: str
    """Translated."""
    headings: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    @classmethod
    def counted(
        cls, key: str, title: str, heading: str, counts: Counter[Any], most: int | None = None
    ) -> Table:
        """How many records have each value (a type, a channel) under ``heading``, the
        commonest first (only the ``most`` commonest, when given)."""
        return cls(key, title, (heading, _("Count")), counts.most_common(most))


@dataclass
class Section:
    """What one kind adds to the work summary: its ``ReportPart.figures`` returns it."""

    figures: dict[str, Any] = field(default_factory=dict)
    """Named figures (``calls``, ``petitions_on_time_rate``...), in the order shown."""
    tables: list[Table] = field(default_factory=list)
    by_day: dict[str, list[int]] = field(default_factory=dict)
    """Counts for each day of the period, by name (``calls``): the screen's little charts."""


@dataclass
class Summary:
    """The period's figures."""

    period: Period
    counts: dict[str, int]
    """Records of each kind placed in the period by its ``report_field``."""
    figures: dict[str, Any] = field(default_factory=dict)
    """Named figures (see ``to_json``)."""
    tables: list[Table] = field(default_factory=list)
    by_day: dict[str, list[int]] = field(default_factory=dict)
    """Counts for each day of the period, by name (``calls``, ``visits``)."""

    def to_json(self) -> dict[str, Any]:
        """Figures for scripts: ``calls`` is the number of calls in the period."""
        out: dict[str, Any] = {
            "period": self.period.name,
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "counts": dict(self.counts),
        }
        out.update(self.figures)
        days = [d.isoformat() for d in self.period.days]
        for name, counts in self.by_day.items():
            out[f"{name}_by_day"] = dict(zip(days, counts, strict=True))
        out["tables"] = {
            t.key: {
                "title": t.title,
                "headings": list(t.headings),
                "rows": [list(r) for r in t.rows],
            }
            for t in self.tables
        }
        return out


# -- what the kinds' figures use ----------------------------------------------------------


def live(model: Any) -> Any:
    """The condition of a record not deleted."""
    return col(model.deleted_at).is_(None)


def in_period(model: Any, name: str, period: Period) -> list[Any]:
    """Conditions placing ``model.name`` (a time or a day) in the period."""
    column = getattr(model, name)
    if is_moment(column):
        start, end = period.bounds()
        return [column >= start, column < end]
    return [column >= period.start, column <= period.end]


def live_between(
    session: Session, model: Any, name: str, start: datetime, end: datetime
) -> list[Any]:
    """The live records of ``model`` whose ``name`` (a time) is in [start, end): what a
    kind's ``duty_entries`` list."""
    column = getattr(model, name)
    return list(session.exec(select(model).where(live(model), column >= start, column < end)))


def count(session: Session, model: Any, *where: Any) -> int:
    """How many live records of ``model`` meet ``where``."""
    return int(
        session.exec(select(func.count()).select_from(model).where(live(model), *where)).one()
    )


def local_day(moment: datetime | None) -> date | None:
    return clock.to_local(moment).date() if moment is not None else None


def rate(on_time: int, due: int) -> float | None:
    """On time / due, rounded to a tenth of a percent; None with nothing due."""
    return round(100 * on_time / due, 1) if due else None


def percent(rate: float | None) -> str:
    """A rate as the summary shows it: "33.3%", "—" with nothing due."""
    return "—" if rate is None else f"{rate:.1f}%"


def counts_by_day(session: Session, model: Any, name: str, period: Period) -> list[int]:
    """Live records of ``model`` on each local day of the period, by the time ``name``."""
    start, end = period.bounds()
    column = getattr(model, name)
    days = Counter(
        clock.to_local(moment).date()
        for moment in session.exec(select(column).where(live(model), column >= start, column < end))
    )
    return [days.get(day, 0) for day in period.days]


# -- the summary ------------------------------------------------------------------------------


def _parts() -> list[ReportPart]:
    """The kinds' parts of the summary, in their order."""
    found = [(kind.report, kind.name) for kind in kinds() if kind.report is not None]
    return [part for part, _name in sorted(found, key=lambda p: (p[0].order, p[1]))]


def build(session: Session, period: Period, today: date | None = None) -> Summary:
    """Every figure of the period: each counted kind's records, then each kind's part. A
    period that is over is counted as the records stood at its end (``history``), so it
    prints the same figures whenever it is printed."""
    from secdesk.services.history import at_end_of

    today = today or clock.today()
    return at_end_of(session, period.end, today, _build, period, today)


def _build(session: Session, period: Period, today: date) -> Summary:
    counts: dict[str, int] = {}
    for kind in kinds():
        if kind.report_field:
            model = resolve(kind.model)
            counts[kind.name] = count(session, model, *in_period(model, kind.report_field, period))
    summary = Summary(period, counts)
    summary.tables.append(
        Table(
            "records",
            _("Records in the period"),
            (_("Kind"), _("Count")),
            [(_(get(name).title), n) for name, n in counts.items()],
        )
    )
    for part in _parts():
        section: Section = resolve(part.figures)(session, period, today)
        summary.figures.update(section.figures)
        summary.tables.extend(section.tables)
        summary.by_day.update(section.by_day)
    return summary


def headline(summary: Summary) -> list[tuple[str, str]]:
    """The figures the screen and the documents open with: (label, value), each kind's
    lines in their order."""
    parts = sorted(_parts(), key=lambda part: part.lines_order or part.order)
    lines: list[tuple[str, str]] = []
    for part in parts:
        lines += resolve(part.lines)(summary.figures)
    return lines


# -- exports --------------------------------------------------------------------------------


def title_of(summary: Summary, office_name: str | None = None) -> str:
    """The summary's title, naming the office (by default the configured one) when there
    is one."""
    from secdesk.config import office

    values = {
        "period": summary.period.name,
        "start": summary.period.start,
        "end": summary.period.end,
        "office": office().name if office_name is None else office_name,
    }
    if values["office"]:
        return _("{office} work summary: {period} ({start} to {end})").format(**values)
    return _("Work summary: {period} ({start} to {end})").format(**values)


def period_words(period: Period) -> str:
    """The period as a paper's title says it: 2026年11月, 2026年第四季度, 2026年第47周 /
    Nov 2026, Q4 2026, week 47 of 2026 (a range: its first and last day)."""
    from secdesk.i18n import format_date, language
    from secdesk.io.gongwen import chinese_number

    start, zh = period.start, language() == "zh"
    if period.kind == "month":
        return f"{start.year}年{start.month}月" if zh else format_date(start, False)[-8:]
    if period.kind == "quarter":
        number = (start.month - 1) // 3 + 1
        return f"{start.year}年第{chinese_number(number)}季度" if zh else f"Q{number} {start.year}"
    if period.kind == "year":
        return f"{start.year}年" if zh else str(start.year)
    if period.kind == "week":
        year, week_number, _day = start.isocalendar()
        return f"{year}年第{week_number}周" if zh else f"week {week_number} of {year}"
    first, last = format_date(start, False), format_date(period.end, False)
    return f"{first}至{last}" if zh else f"{first} to {last}"


def paper_title(summary: Summary) -> str:
    """The title of the summary's paper: 某区人民政府办公室2026年11月工作总结."""
    from secdesk.config import office

    name, period = office().name, period_words(summary.period)
    if name:
        return _("Work summary of {office}, {period}").format(office=name, period=period)
    return _("Work summary, {period}").format(period=period)


def write(summary: Summary, path: Path) -> Path:
    """Write the summary to ``path``: .docx (an editable document with its tables), .xlsx
    (one sheet per table) or .md; mode 0600 (it names callers and visitors)."""
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".docx":
        _write_docx(summary, path)
    elif suffix == ".xlsx":
        _write_xlsx(summary, path)
    elif suffix == ".md":
        write_private_text(path, markdown(summary))
    else:
        raise PeriodError(_("A summary is written as .docx, .xlsx or .md."))
    return path


def markdown(summary: Summary) -> str:
    from secdesk.textsafe import markdown_escape, safe

    def cell(value: Any) -> str:
        # Control characters from record text (ESC, BEL) show as their pictures (␛).
        return markdown_escape(safe(" ".join(str(value).split()))).replace("|", "\\|")

    out = [f"# {markdown_escape(safe(title_of(summary)))}", ""]
    out += ["- " + _("{text}: {detail}").format(text=cell(name), detail=cell(value))
            for name, value in headline(summary)]  # fmt: skip
    for table in summary.tables:
        out += ["", f"## {markdown_escape(safe(table.title))}", ""]
        out.append("| " + " | ".join(cell(h) for h in table.headings) + " |")
        out.append("|" + "---|" * len(table.headings))
        out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table.rows]
    return "\n".join(out) + "\n"


def _cell(value: Any) -> Any:
    """A value for a document cell: numbers as they are; text without control characters
    (Word's XML and Excel refuse them; ESC shows as ␛)."""
    from secdesk.textsafe import safe

    return value if isinstance(value, int | float) else safe(value)


def _write_docx(summary: Summary, path: Path) -> None:
    """The summary as a 公文 (``io.gongwen``): the figures under 一、, each table under the
    next number, signed by the configured office today."""
    from secdesk.config import office
    from secdesk.io import gongwen

    body: list[gongwen.Block] = [("h1", gongwen.level_number(1, 1) + _("The figures"))]
    body += [("para", f"{name}{gongwen.colon()}{value}") for name, value in headline(summary)]
    for number, table in enumerate(summary.tables, start=2):
        body.append(("h1", gongwen.level_number(1, number) + table.title))
        body.append(gongwen.Table(table.headings, [tuple(map(_cell, row)) for row in table.rows]))
    paper = gongwen.Paper(
        title=paper_title(summary), office=office().name, day=clock.today(), body=body
    )
    gongwen.write(paper, path)


def _write_xlsx(summary: Summary, path: Path) -> None:
    """One sheet of the headline figures, then one per table; numbers and rates stored as
    numbers ("76.9%" as 0.769 shown as a percentage), header rows frozen, columns as wide
    as their text."""
    from openpyxl import Workbook

    from secdesk.io.sheets import as_number, fit_columns, number_cells

    book = Workbook()
    sheet = book.active
    sheet.title = _("Summary")[:31]
    sheet.append([_cell(title_of(summary))])
    for name, value in headline(summary):
        sheet.append([_cell(name), as_number(_cell(value))])
    number_cells(sheet)
    fit_columns(sheet, first_row=2)
    sheet.freeze_panes = "A2"
    for table in summary.tables:
        page = book.create_sheet(_sheet_name(table.title, book.sheetnames))
        page.append([_cell(heading) for heading in table.headings])
        for row in table.rows:
            page.append([as_number(_cell(value)) for value in row])
        number_cells(page)
        fit_columns(page)
        page.freeze_panes = "A2"
    save_private(path, book.save)


def _sheet_name(title: str, taken: list[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, not taken."""
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:31]
    base, n = name, 2
    while name in taken:
        name = f"{base[:28]} {n}"
        n += 1
    return name
