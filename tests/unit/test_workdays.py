"""The working-day calendar behind the header and every deadline."""

from datetime import date

from secdesk.calendar.workdays import DayKind, add_workdays, day_info, is_workday


def test_ordinary_days() -> None:
    assert day_info(date(2026, 11, 27)).kind == DayKind.workday  # a Friday
    assert day_info(date(2026, 11, 28)).kind == DayKind.weekend


def test_public_holiday_and_make_up_day() -> None:
    national = day_info(date(2026, 10, 1))
    assert national.kind == DayKind.holiday and national.holiday_name == "National Day"
    makeup = day_info(date(2026, 9, 20))  # a Sunday worked for the National Day holiday
    assert makeup.kind == DayKind.makeup and is_workday(date(2026, 9, 20))


def test_uncovered_year_falls_back_to_monday_friday() -> None:
    info = day_info(date(2031, 1, 1))  # a Wednesday, New Year's Day, not yet in the calendar
    assert info.kind == DayKind.workday and not info.covered
    assert day_info(date(2031, 1, 4)).kind == DayKind.weekend


def test_add_workdays_skips_holidays_and_counts_make_up_days() -> None:
    # The 2026 National Day holiday runs 1-7 Oct, made up on Sun 20 Sep and Sat 10 Oct.
    assert add_workdays(date(2026, 9, 25), 1) == date(2026, 9, 28)
    assert add_workdays(date(2026, 9, 29), 2) == date(2026, 10, 8)
    assert add_workdays(date(2026, 10, 9), 1) == date(2026, 10, 10)
    assert add_workdays(date(2026, 9, 18), 1) == date(2026, 9, 20)
