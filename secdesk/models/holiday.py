"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

节假日安排: a year's official holiday schedule as the office entered it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlmodel import Field

from secdesk.models.base import Record


class CalendarDayKind(StrEnum):
    holiday = "holiday"
    """放假: a day off (weekend days inside the holiday too)."""
    workday = "workday"
    """调休上班: a weekend day worked to make up for the holiday."""


class CalendarDay(Record, table=True):
    """One day of a year's schedule as published by the State Council (国务院办公厅关于…部分
    节假日安排的通知), entered for a year the ``chinesecalendar`` package does not know yet.
    A year with entries follows them (days not listed: Monday-Friday work)."""

    day: date = Field(unique=True, index=True)
    year: int = Field(index=True)
    """The schedule's year (a day of early January may belong to the year before's)."""
    kind: str = Field(default=CalendarDayKind.holiday)
    name: str = ""
    """The holiday, as the notice names it: 元旦, 春节, 国庆节..."""
