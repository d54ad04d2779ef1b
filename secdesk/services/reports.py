"""工作总结: the figures of a week, month, quarter, year or any range, and their exports.

Periods are local calendar days in the configured time zone; records are stored in UTC,
so a call at 23:30 local on the last day of a month belongs to that month. The figures are
computed here (plain data); the Reports screen, ``secdesk report`` and the .docx, .xlsx
and .md exports only show them. Kinds are counted generically by their ``report_field``;
the tables per kind use what each kind has today (a field a kind does not have yet is
skipped, so the documents, meetings, supervision and letters-and-visits work can grow
underneath).
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
from secdesk.kinds import get, kinds, resolve
from secdesk.labels import label


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


@dataclass
class Summary:
    """The period's figures."""

    period: Period
    counts: dict[str, int]
    """Records of each kind placed in the period by its ``report_field``."""
    figures: dict[str, Any] = field(default_factory=dict)
    """Named figures (see ``to_json``)."""
    tables: list[Table] = field(default_factory=list)
    calls_by_day: list[int] = field(default_factory=list)
    visits_by_day: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Figures for scripts: ``calls`` is the number of calls in the period."""
        out: dict[str, Any] = {
            "period": self.period.name,
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "counts": dict(self.counts),
        }
        out.update(self.figures)
        out["calls_by_day"] = dict(
            zip([d.isoformat() for d in self.period.days], self.calls_by_day, strict=True)
        )
        out["visits_by_day"] = dict(
            zip([d.isoformat() for d in self.period.days], self.visits_by_day, strict=True)
        )
        out["tables"] = {
            t.key: {
                "title": t.title,
                "headings": list(t.headings),
                "rows": [list(r) for r in t.rows],
            }
            for t in self.tables
        }
        return out


def _live(model: Any) -> Any:
    return col(model.deleted_at).is_(None)


def _in_period(model: Any, name: str, period: Period) -> list[Any]:
    """Conditions placing ``model.name`` (a time or a day) in the period."""
    from secdesk.services.records import is_moment

    column = getattr(model, name)
    if is_moment(column):
        start, end = period.bounds()
        return [column >= start, column < end]
    return [column >= period.start, column <= period.end]


def _count(session: Session, model: Any, *where: Any) -> int:
    return int(
        session.exec(select(func.count()).select_from(model).where(_live(model), *where)).one()
    )


def _local_day(moment: datetime | None) -> date | None:
    return clock.to_local(moment).date() if moment is not None else None


def _rate(on_time: int, due: int) -> float | None:
    """On time / due, rounded to a tenth of a percent; None with nothing due."""
    return round(100 * on_time / due, 1) if due else None


def _registered(name: str) -> bool:
    try:
        get(name)
    except KeyError:
        return False
    return True


def build(session: Session, period: Period, today: date | None = None) -> Summary:
    """Every figure of the period."""
    today = today or clock.today()
    counts: dict[str, int] = {}
    for kind in kinds():
        if kind.report_field:
            model = resolve(kind.model)
            counts[kind.name] = _count(
                session, model, *_in_period(model, kind.report_field, period)
            )
    summary = Summary(period, counts)
    summary.tables.append(
        Table(
            "records",
            _("Records in the period"),
            (_("Kind"), _("Count")),
            [(_(get(name).title), n) for name, n in counts.items()],
        )
    )
    _documents(session, summary, today)
    _calls_and_visits(session, summary)
    _meetings(session, summary, today)
    _supervision(session, summary, today)
    _petitions(session, summary, today)
    _info_reports(session, summary)
    return summary


def _documents(session: Session, summary: Summary, today: date) -> None:
    from secdesk.models import IncomingDocument as Doc

    found = session.exec(
        select(Doc).where(_live(Doc), *_in_period(Doc, "received_at", summary.period))
    ).all()
    due = on_time = 0
    for doc in found:
        done = _local_day(doc.completed_at)
        if doc.due is None:
            continue
        if done is not None:
            due += 1
            on_time += done <= doc.due
        elif doc.due < today:
            due += 1
    by_type = Counter(doc.doc_type for doc in found)
    by_sender = Counter(doc.sender or "—" for doc in found)
    summary.figures["documents_received"] = len(found)
    summary.figures["documents_received_on_time_rate"] = _rate(on_time, due)
    summary.tables.append(
        Table(
            "documents_by_type",
            _("Documents received, by type"),
            (_("Type"), _("Count")),
            by_type.most_common(),
        )
    )
    summary.tables.append(
        Table(
            "documents_by_sender",
            _("Documents received, by sender"),
            (_("Sender"), _("Count")),
            by_sender.most_common(15),
        )
    )
    if _registered("outgoing"):
        _issued(session, summary)


def _issued(session: Session, summary: Summary) -> None:
    """Documents issued: dispatched (核发) in the period, by type."""
    from secdesk.models import OutgoingDocument as Doc

    found = session.exec(
        select(Doc).where(
            _live(Doc),
            col(Doc.dispatched_at).is_not(None),
            col(Doc.voided_at).is_(None),
            *_in_period(Doc, "dispatched_at", summary.period),
        )
    ).all()
    summary.figures["documents_issued"] = len(found)
    summary.tables.append(
        Table(
            "documents_issued_by_type",
            _("Documents issued, by type"),
            (_("Type"), _("Count")),
            Counter(doc.doc_type for doc in found).most_common(),
        )
    )


def _by_day(session: Session, model: Any, name: str, period: Period) -> list[int]:
    start, end = period.bounds()
    column = getattr(model, name)
    days = Counter(
        clock.to_local(moment).date()
        for moment in session.exec(
            select(column).where(_live(model), column >= start, column < end)
        )
    )
    return [days.get(day, 0) for day in period.days]


def _calls_and_visits(session: Session, summary: Summary) -> None:
    from secdesk.models import Call, Visit

    period = summary.period
    summary.calls_by_day = _by_day(session, Call, "at", period)
    summary.visits_by_day = _by_day(session, Visit, "arrived_at", period)
    incoming = _count(session, Call, *_in_period(Call, "at", period), Call.direction == "incoming")
    calls = sum(summary.calls_by_day)
    summary.figures.update(
        calls=calls,
        calls_incoming=incoming,
        calls_outgoing=calls - incoming,
        visitors=sum(summary.visits_by_day),
    )
    rows = [
        (day.isoformat(), n_calls, n_visits)
        for day, n_calls, n_visits in zip(
            period.days, summary.calls_by_day, summary.visits_by_day, strict=True
        )
        if n_calls or n_visits
    ]
    summary.tables.append(
        Table(
            "calls_visits_by_day",
            _("Calls and visitors by day"),
            (_("Day"), _("Calls"), _("Visitors")),
            rows,
        )
    )


def _meetings(session: Session, summary: Summary, today: date) -> None:
    from secdesk.models import Meeting

    # Held: begun by the end of today (a month not over yet has meetings still to come).
    held = _count(
        session,
        Meeting,
        *_in_period(Meeting, "starts_at", summary.period),
        col(Meeting.cancelled).is_(False),
        Meeting.starts_at < clock.day_bounds(today)[1],
    )
    summary.figures["meetings_held"] = held


def _supervision(session: Session, summary: Summary, today: date) -> None:
    from secdesk.models import SupervisionItem as Item
    from secdesk.models.supervision import OPEN_SUPERVISION

    period = summary.period
    opened = _count(session, Item, *_in_period(Item, "assigned_on", period))
    closed_items = session.exec(
        select(Item).where(_live(Item), *_in_period(Item, "closed_at", period))
    ).all()
    # On time against the due date first set: an extension does not make a late item
    # punctual.
    closed_on_time = sum(
        1
        for item in closed_items
        if (_local_day(item.closed_at) or item.due) <= (item.original_due or item.due)
    )
    last = min(today, period.end)
    overdue = _count(
        session,
        Item,
        col(Item.status).in_(list(OPEN_SUPERVISION)),
        Item.due < last,
        Item.assigned_on <= period.end,
    )
    summary.figures.update(
        supervision_opened=opened,
        supervision_closed=len(closed_items),
        supervision_closed_on_time=closed_on_time,
        supervision_on_time_rate=_rate(closed_on_time, len(closed_items)),
        supervision_overdue=overdue,
    )
    summary.tables.append(
        Table(
            "supervision",
            _("Supervision items"),
            (_("Opened"), _("Closed"), _("Closed on time"), _("On-time rate"), _("Overdue")),
            [
                (
                    opened,
                    len(closed_items),
                    closed_on_time,
                    _percent(_rate(closed_on_time, len(closed_items))),
                    overdue,
                )
            ],
        )
    )


def _petitions(session: Session, summary: Summary, today: date) -> None:
    from secdesk.models import Petition

    found = session.exec(
        select(Petition).where(
            _live(Petition), *_in_period(Petition, "received_at", summary.period)
        )
    ).all()
    from secdesk.office.petitions import on_time

    # Counted: every petition answered, and every one whose running limit has passed.
    judged = [verdict for p in found if (verdict := on_time(p, today)) is not None]
    due, late = len(judged), judged.count(False)
    channels = Counter(label("petition_channel", p.channel) for p in found)
    categories = Counter(
        label("petition_category", getattr(p, "category", "") or "—") for p in found
    )
    summary.figures.update(
        petitions=len(found),
        petitions_on_time_rate=_rate(due - late, due),
        petitions_by_channel={
            p_channel: n for p_channel, n in Counter(p.channel for p in found).items()
        },
    )
    summary.tables.append(
        Table(
            "petitions_by_channel",
            _("Letters and visits, by channel"),
            (_("Channel"), _("Count")),
            channels.most_common(),
        )
    )
    if any(hasattr(p, "category") for p in found):
        summary.tables.append(
            Table(
                "petitions_by_category",
                _("Letters and visits, by category"),
                (_("Category"), _("Count")),
                categories.most_common(),
            )
        )


def _info_reports(session: Session, summary: Summary) -> None:
    from secdesk.models import InfoReport

    found = session.exec(
        select(InfoReport).where(
            _live(InfoReport), *_in_period(InfoReport, "submitted_at", summary.period)
        )
    ).all()
    adopted = [item for item in found if item.adopted_level]
    levels = Counter(item.adopted_level for item in adopted)
    summary.figures.update(info_reports_submitted=len(found), info_reports_adopted=len(adopted))
    rows: list[tuple[Any, ...]] = [(_("Submitted"), len(found)), (_("Adopted"), len(adopted))]
    rows += [(label("adopted_level", level), n) for level, n in levels.most_common()]
    summary.tables.append(
        Table("info_reports", _("Information reports"), (_("What"), _("Count")), rows)
    )


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1f}%"


def headline(summary: Summary) -> list[tuple[str, str]]:
    """The figures the screen and the documents open with: (label, value)."""
    f = summary.figures
    lines = [
        (_("Documents received"), str(f["documents_received"])),
        (_("Documents handled on time"), _percent(f["documents_received_on_time_rate"])),
    ]
    if "documents_issued" in f:
        lines.append((_("Documents issued"), str(f["documents_issued"])))
    lines += [
        (_("Meetings held"), str(f["meetings_held"])),
        (
            _("Calls"),
            _("{n} ({incoming} in, {outgoing} out)").format(
                n=f["calls"], incoming=f["calls_incoming"], outgoing=f["calls_outgoing"]
            ),
        ),
        (_("Visitors"), str(f["visitors"])),
        (
            _("Supervision items opened / closed"),
            f"{f['supervision_opened']} / {f['supervision_closed']}",
        ),
        (_("Supervision closed on time"), _percent(f["supervision_on_time_rate"])),
        (_("Supervision items overdue"), str(f["supervision_overdue"])),
        (_("Letters and visits"), str(f["petitions"])),
        (_("Letters and visits answered on time"), _percent(f["petitions_on_time_rate"])),
        (
            _("Information reports submitted / adopted"),
            f"{f['info_reports_submitted']} / {f['info_reports_adopted']}",
        ),
    ]
    return lines


# -- exports --------------------------------------------------------------------------------


def title_of(summary: Summary) -> str:
    return _("Work summary: {period} ({start} to {end})").format(
        period=summary.period.name, start=summary.period.start, end=summary.period.end
    )


def write(summary: Summary, path: Path) -> Path:
    """Write the summary to ``path``: .docx (an editable document with its tables), .xlsx
    (one sheet per table) or .md."""
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".docx":
        _write_docx(summary, path)
    elif suffix == ".xlsx":
        _write_xlsx(summary, path)
    elif suffix == ".md":
        path.write_text(markdown(summary), encoding="utf-8")
    else:
        raise PeriodError(_("A summary is written as .docx, .xlsx or .md."))
    return path


def markdown(summary: Summary) -> str:
    from secdesk.textsafe import markdown_escape

    def cell(value: Any) -> str:
        return markdown_escape(" ".join(str(value).split())).replace("|", "\\|")

    out = [f"# {markdown_escape(title_of(summary))}", ""]
    out += [f"- {cell(name)}: {cell(value)}" for name, value in headline(summary)]
    for table in summary.tables:
        out += ["", f"## {markdown_escape(table.title)}", ""]
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
    import docx

    document = docx.Document()
    document.add_heading(title_of(summary), level=1)
    for name, value in headline(summary):
        document.add_paragraph(_cell(f"{name}: {value}"), style="List Bullet")
    for table in summary.tables:
        document.add_heading(_cell(table.title), level=2)
        grid = document.add_table(rows=1, cols=len(table.headings))
        grid.style = "Table Grid"
        for cell, heading in zip(grid.rows[0].cells, table.headings, strict=True):
            cell.text = _cell(heading)
        for row in table.rows:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = str(_cell(value))
    document.save(str(path))


def _write_xlsx(summary: Summary, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Summary")[:31]
    sheet.append([_cell(title_of(summary))])
    for name, value in headline(summary):
        sheet.append([_cell(name), _cell(value)])
    for table in summary.tables:
        page = book.create_sheet(_sheet_name(table.title, book.sheetnames))
        page.append([_cell(heading) for heading in table.headings])
        for row in table.rows:
            page.append([_cell(value) for value in row])
    book.save(str(path))


def _sheet_name(title: str, taken: list[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, not taken."""
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:31]
    base, n = name, 2
    while name in taken:
        name = f"{base[:28]} {n}"
        n += 1
    return name
