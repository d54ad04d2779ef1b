"""What the supervision desk writes: the urge notice (催办通知) for one item and the report
of a period (items, closed on time, overdue), as text to copy and as .docx.

Wing: office/supervision. Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.i18n import _, format_date, ngettext
from secdesk.kinds.supervision import OPEN
from secdesk.labels import label
from secdesk.models import SupervisionItem
from secdesk.models.supervision import SupervisionStatus
from secdesk.office.supervision.items import closed_on_time
from secdesk.services.phrases import listing
from secdesk.services.records import service


@dataclass(frozen=True)
class Paper:
    """A document to show, copy or save: a title, paragraphs, closing lines."""

    title: str
    paragraphs: list[str]
    closing: tuple[str, ...] = ()

    def text(self) -> str:
        return "\n\n".join([self.title, *self.paragraphs, "\n".join(self.closing)]).strip()

    def save_docx(self, path: Path) -> None:
        from secdesk.io import plain_docx

        plain_docx.write(path, self.title, self.paragraphs, self.closing)


def _lateness(item: SupervisionItem, day: date) -> str:
    left = (item.due - day).days
    if left < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -left).format(n=-left)
    if left == 0:
        return _("due today")
    return ngettext("due in {n} day", "due in {n} days", left).format(n=left)


def urge_notice(session: Session, item_id: int, reply_days: int = 3) -> Paper:
    """The urge notice for one item, to its lead unit (and assisting units)."""
    from secdesk.calendar.deadlines import working_days_after

    item = service("supervision").get(session, item_id)
    today = clock.today()
    units = "、".join(u for u in (item.undertaking_unit, item.assisting_units) if u)
    reply_by = working_days_after(today, reply_days).day
    body = _(
        "On {assigned} the matter “{title}” ({source}) was given to you to carry out by "
        "{due}; it is {lateness}, and the progress last reported is {progress}%."
    ).format(
        assigned=format_date(item.assigned_on),
        title=item.title,
        source=item.source or label("supervision_origin", item.origin),
        due=format_date(item.due),
        lateness=_lateness(item, today),
        progress=item.progress,
    )
    ask = _(
        "Please speed up the work and report how it stands, in writing, by {date}. Where "
        "it cannot be finished in time, explain why and when it will be."
    ).format(date=format_date(reply_by))
    if item.urge_count:
        # Chinese runs sentences on without a space.
        ask = _("{sentence} {more}").format(
            sentence=ask,
            more=ngettext(
                "This matter has been urged {n} time before.",
                "This matter has been urged {n} times before.",
                item.urge_count,
            ).format(n=item.urge_count),
        )
    return Paper(
        title=_("Urge notice"),
        paragraphs=[_("{addressee}:").format(addressee=units or _("Undertaking unit")), body, ask],
        closing=(_("The Office"), format_date(today)),
    )


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

    @property
    def on_time_rate(self) -> float | None:
        """Closed on time out of closed, None when nothing was closed."""
        return self.closed_on_time / self.closed if self.closed else None


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
    """The period's supervision report."""
    figures = period_figures(session, start, end)
    rate = f"{figures.on_time_rate:.0%}" if figures.on_time_rate is not None else _("none closed")
    summary = _(
        "From {start} to {end}: registered {opened}; closed {closed}, on time {on_time} "
        "(on-time closure rate {rate}); still open {open}; overdue {overdue}."
    ).format(
        start=format_date(start),
        end=format_date(end),
        opened=figures.opened,
        closed=figures.closed,
        on_time=figures.closed_on_time,
        rate=rate,
        open=figures.open_now,
        overdue=len(figures.overdue),
    )
    paragraphs = [summary]
    if figures.overdue:
        paragraphs.append(_("Overdue:"))
        as_of = min(end, clock.today())
        for number, item in enumerate(figures.overdue, 1):
            state = _("due {date}, {lateness}, {progress}% done").format(
                date=item.due.isoformat(),
                lateness=_lateness(item, as_of),
                progress=item.progress,
            )
            unit = item.undertaking_unit or "?"
            paragraphs.append(f"{number}. {item.title} — " + listing([unit, state]))
    return Paper(
        title=_("Supervision report"),
        paragraphs=paragraphs,
        closing=(_("The Office"), format_date(clock.today())),
    )
