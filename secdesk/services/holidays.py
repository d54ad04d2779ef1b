"""A year's holiday schedule entered by the office, for years the ``chinesecalendar`` package
does not cover yet: kept in the database and put to work on the working-day calendar. The
text is read by ``services.notice``.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from secdesk.calendar import workdays
from secdesk.calendar.notice import HOLIDAY, WORKDAY, Schedule, ScheduleError, parse
from secdesk.models import CalendarDay
from secdesk.services import audit

__all__ = ["Schedule", "ScheduleError", "apply", "entered", "parse", "save", "summary"]


def save(session: Session, schedule: Schedule) -> int:
    """Make ``schedule`` the year's calendar: it replaces what was entered for the year
    before, in one transaction with an audit Event; the calendar is updated at once, and
    the time limits counted provisionally over the year are counted again (``recount``).
    Returns the number of days kept."""
    apply(session)  # the calendar as it stands, to tell what was counted on it
    before_counts = _counted(session)
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
    recount(session, schedule.year, before_counts)
    return len(schedule.days)


Counted = list[tuple[str, Any, str, Any, Any]]


def _counted(session: Session) -> Counted:
    """Every counted time limit of an open record, with its count on today's calendar:
    (kind, record, field, how to count it, the Due counted)."""
    from secdesk.kinds import kinds
    from secdesk.services.records import service

    out: Counted = []
    for kind in kinds():
        for obj, field, count in service(kind.name).counted_deadlines(session):
            out.append((kind.name, obj, field, count, count()))
    return out


def recount(session: Session, year: int, before: Counted) -> tuple[int, int]:
    """Count again the limits that were provisional over ``year``: a stored date that is
    what the old count gave is moved to the new count (a date the user typed is left);
    an audit Event says how many. Returns (counted again, moved)."""
    from secdesk.services.records import service

    again = moved = 0
    for kind, obj, field, count, old in before:
        # Limits run weeks or months: one counted over ``year`` ends in it or the next.
        if old is None or not old.provisional or year not in (old.day.year - 1, old.day.year):
            continue
        again += 1
        new = count()
        if new is not None and getattr(obj, field) == old.day and new.day != old.day:
            audit.apply_edit(
                session, obj, service(kind).kind.entity, {field: new.day}, action="recount"
            )
            moved += 1
    if again:
        audit.record(
            session, "recount", "calendarday", None, {"year": year, "again": again, "moved": moved}
        )
        session.flush()
    return again, moved


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
