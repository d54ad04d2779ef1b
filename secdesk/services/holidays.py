"""A year's holiday schedule entered by the office, for years the ``chinesecalendar`` package
does not cover yet: kept in the database and put to work on the working-day calendar. The
text is read by ``services.notice``."""

from __future__ import annotations

from sqlmodel import Session, col, select

from secdesk.models import CalendarDay
from secdesk.services import audit, workdays
from secdesk.services.notice import HOLIDAY, WORKDAY, Schedule, ScheduleError, parse

__all__ = ["Schedule", "ScheduleError", "apply", "entered", "parse", "save", "summary"]


def save(session: Session, schedule: Schedule) -> int:
    """Make ``schedule`` the year's calendar: it replaces what was entered for the year
    before, in one transaction with an audit Event; the calendar is updated at once.
    Returns the number of days kept."""
    old = session.exec(select(CalendarDay).where(CalendarDay.year == schedule.year)).all()
    before = [[d.day.isoformat(), d.kind, d.name] for d in sorted(old, key=lambda d: d.day)]
    for day in old:
        session.delete(day)
    session.flush()
    for entry in schedule.days:
        session.add(
            CalendarDay(day=entry.day, year=schedule.year, kind=entry.kind, name=entry.name)
        )
    session.flush()
    after = [[d.day.isoformat(), d.kind, d.name] for d in schedule.days]
    audit.record(session, "import", "calendarday", None, {
        "year": schedule.year, "before": before, "after": after,
    })  # fmt: skip
    apply(session)
    return len(schedule.days)


def entered(session: Session) -> dict[int, list[CalendarDay]]:
    """The days entered, by year."""
    out: dict[int, list[CalendarDay]] = {}
    for day in session.exec(select(CalendarDay).order_by(col(CalendarDay.day))).all():
        out.setdefault(day.year, []).append(day)
    return out


def summary(session: Session) -> dict[int, tuple[int, int]]:
    """The years entered: year -> (days off, make-up working days)."""
    return {
        year: (
            sum(d.kind == HOLIDAY for d in days),
            sum(d.kind == WORKDAY for d in days),
        )
        for year, days in entered(session).items()
    }


def apply(session: Session) -> None:
    """Put the entered schedules to work on the working-day calendar (cheap: a small
    table; called whenever the desk reads the day)."""
    workdays.use_entered(
        {year: {d.day: (d.kind, d.name) for d in days} for year, days in entered(session).items()}
    )
