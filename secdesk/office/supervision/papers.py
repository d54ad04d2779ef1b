"""What the supervision desk writes: the urge notice (催办通知) for one item and the report
of a period (items, closed on time, overdue), as text to copy and as .docx.

Wing: office/supervision. Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.config import Office, office
from secdesk.i18n import N_, _, format_date, language, ngettext
from secdesk.io.gongwen import level_number
from secdesk.kinds.supervision import OPEN
from secdesk.labels import label
from secdesk.models import SupervisionItem
from secdesk.models.supervision import SupervisionStatus
from secdesk.office.supervision.items import closed_on_time
from secdesk.services.phrases import listing
from secdesk.services.records import service
from secdesk.services.reports import percent, rate

if TYPE_CHECKING:
    from secdesk.io import gongwen


def _day(day: date) -> str:
    """A date inside a paper's sentence: 2026年12月5日, no weekday."""
    return format_date(day, weekday=False)


@dataclass(frozen=True)
class Paper:
    """A paper to show, copy or save as a 公文: a title, the addressee, paragraphs
    (``(style, text)``, see ``io.gongwen``), signed by the configured office on ``day``."""

    title: str
    blocks: list[tuple[str, str]]
    office: Office
    day: date
    addressee: str = ""
    number: str = ""
    """The 发文字号 of a numbered paper (from the outgoing register)."""

    def text(self) -> str:
        from secdesk.io.gongwen import addressee_line, paper_date

        parts = [self.number, self.title, addressee_line(self.addressee) if self.addressee else ""]
        parts += [text for _style, text in self.blocks]
        parts.append("\n".join(p for p in (self.office.name, paper_date(self.day)) if p))
        return "\n\n".join(p for p in parts if p).strip()

    def gongwen(self) -> gongwen.Paper:
        from secdesk.io import gongwen

        return gongwen.Paper(
            title=self.title,
            office=self.office.name,
            day=self.day,
            body=list(self.blocks),
            addressee=self.addressee,
            mark=self.office.head if self.number else "",
            number=self.number,
        )

    def save_docx(self, path: Path) -> None:
        from secdesk.io import gongwen

        gongwen.write(self.gongwen(), path)


def _lateness(item: SupervisionItem, day: date) -> str:
    left = (item.due - day).days
    if left < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -left).format(n=-left)
    if left == 0:
        return _("due today")
    return ngettext("due in {n} day", "due in {n} days", left).format(n=left)


CLOSED_ON_TIME = N_("“{title}” was closed on {date}, on time: there is nothing to urge.")
CLOSED_LATE = N_(
    "“{title}” was closed on {date}, after its time limit of {due}: there is nothing to urge."
)


class NothingToUrge(ValueError):
    """An urge notice asked for an item that is closed; the message (translated) says when
    it was closed and whether on time."""


def urge_notice(session: Session, item_id: int, reply_days: int = 3, number: str = "") -> Paper:
    """The urge notice for one item, to its lead unit (and assisting units); ``number`` (a
    发文字号 of the outgoing register) makes it a numbered paper with the office's mark. A
    closed item has none (``NothingToUrge`` saying when it was closed, on time or not)."""
    from secdesk.calendar.deadlines import working_days_after

    item = service("supervision").get(session, item_id)
    if number:
        number = registered_number(session, number)
    today = clock.today()
    if item.status not in OPEN:
        closed = clock.to_local(item.closed_at).date() if item.closed_at else item.due
        said = CLOSED_ON_TIME if closed_on_time(item) else CLOSED_LATE
        raise NothingToUrge(
            _(said).format(
                title=item.title,
                date=format_date(closed),
                due=format_date(item.original_due or item.due),
            )
        )
    units = "、".join(u for u in (item.undertaking_unit, item.assisting_units) if u)
    reply_by = working_days_after(today, reply_days).day
    body = _(
        "On {assigned} the matter “{title}” ({source}) was given to you to carry out by "
        "{due}; it is {lateness}, and the progress last reported is {progress}%."
    ).format(
        assigned=_day(item.assigned_on),
        title=item.title,
        source=item.source or label("supervision_origin", item.origin),
        due=_day(item.due),
        lateness=_lateness(item, today),
        progress=item.progress,
    )
    ask = _(
        "Please speed up the work and report how it stands, in writing, by {date}. Where "
        "it cannot be finished in time, explain why and when it will be."
    ).format(date=_day(reply_by))
    if item.urge_count:
        ask += ("" if language() == "zh" else " ") + ngettext(
            "This matter has been urged {n} time before.",
            "This matter has been urged {n} times before.",
            item.urge_count,
        ).format(n=item.urge_count)
    return Paper(
        title=_("Urge notice on “{title}”").format(title=item.title),
        blocks=[("para", body), ("para", ask)],
        office=office(),
        day=today,
        addressee=units or _("Undertaking unit"),
        number=number,
    )


class NotRegistered(LookupError):
    """The 发文字号 asked for is not in the outgoing register (the message says so)."""


def registered_number(session: Session, typed: str) -> str:
    """The 发文字号 ``typed`` as the outgoing register has it (a number given and not
    voided); ``NotRegistered`` when the register has no such number."""
    from secdesk.models import OutgoingDocument

    wanted = "".join(typed.split()).replace("[", "〔").replace("]", "〕")
    found = session.exec(
        select(OutgoingDocument).where(
            OutgoingDocument.doc_number == wanted,
            col(OutgoingDocument.deleted_at).is_(None),
            col(OutgoingDocument.voided_at).is_(None),
        )
    ).first()
    if found is None:
        raise NotRegistered(
            _("The outgoing register has no number {number}: register the notice first.").format(
                number=wanted
            )
        )
    return found.doc_number


@dataclass(frozen=True)
class PeriodFigures:
    """The figures of a period's supervision report."""

    start: date
    end: date
    opened: int
    closed: int
    closed_on_time: int
    open_now: int
    overdue: list[SupervisionItem]


def period_figures(session: Session, start: date, end: date) -> PeriodFigures:
    """Items registered in [start, end], closed in it (and of those on time), still open
    at the end and overdue at the end (or today, for a period not over yet)."""
    live = col(SupervisionItem.deleted_at).is_(None)
    opened = session.exec(
        select(SupervisionItem).where(
            live, SupervisionItem.assigned_on >= start, SupervisionItem.assigned_on <= end
        )
    ).all()
    first, _x = clock.day_bounds(start)
    _y, last = clock.day_bounds(end)
    closed = session.exec(
        select(SupervisionItem).where(
            live,
            SupervisionItem.status == SupervisionStatus.closed,
            col(SupervisionItem.closed_at).is_not(None),
            col(SupervisionItem.closed_at) >= first,
            col(SupervisionItem.closed_at) < last,
        )
    ).all()
    on_time = sum(1 for item in closed if closed_on_time(item))
    as_of = min(end, clock.today())
    still_open = session.exec(
        select(SupervisionItem).where(
            live,
            col(SupervisionItem.status).in_(list(OPEN)),
            SupervisionItem.assigned_on <= end,
        )
    ).all()
    overdue = sorted((i for i in still_open if i.due < as_of), key=lambda i: (i.due, i.id or 0))
    return PeriodFigures(start, end, len(opened), len(closed), on_time, len(still_open), overdue)


def period_report(session: Session, start: date, end: date) -> Paper:
    """The period's supervision report: a period that is over as the items stood at its
    end (``history``), so it reads the same whenever it is printed."""
    from secdesk.services.history import at_end_of

    return at_end_of(session, end, clock.today(), _period_report, start, end)


def _period_report(session: Session, start: date, end: date) -> Paper:
    figures = period_figures(session, start, end)
    on_time = rate(figures.closed_on_time, figures.closed)
    # One rounding rule with the work summary (reports.percent: 70.8%).
    said = percent(on_time) if on_time is not None else _("none closed")
    summary = _(
        "From {start} to {end}: registered {opened}; closed {closed}, on time {on_time} "
        "(on-time closure rate {rate}); still open {open}; overdue {overdue}."
    ).format(
        start=_day(start),
        end=_day(end),
        opened=figures.opened,
        closed=figures.closed,
        on_time=figures.closed_on_time,
        rate=said,
        open=figures.open_now,
        overdue=len(figures.overdue),
    )
    blocks = [("para", summary)]
    if figures.overdue:
        # The items are the paper's first level: numbered 一、二、三、 in Chinese (GB/T
        # 9704's 一、（一）1.（1）), 1. 2. 3. in English, after a lead-in as the minutes'
        # decisions are.
        blocks.append(("para", _("Overdue:")))
        as_of = min(end, clock.today())
        for number, item in enumerate(figures.overdue, 1):
            state = _("due {date}, {lateness}, {progress}% done").format(
                date=_day(item.due),
                lateness=_lateness(item, as_of),
                progress=item.progress,
            )
            who = _("{title} — {unit}").format(title=item.title, unit=item.undertaking_unit or "?")
            blocks.append(("para", level_number(1, number) + listing([who, state])))
    return Paper(title=_("Supervision report"), blocks=blocks, office=office(), day=clock.today())
