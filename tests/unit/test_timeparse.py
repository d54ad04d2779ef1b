"""parse_when: the times typed into the call and visitor forms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secdesk.calendar.timeparse import TimeParseError, parse_when

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 27, 16, 45, tzinfo=SHANGHAI)


def wall(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


ACCEPTED = [
    # blank and "now"
    ("", NOW),
    ("   ", NOW),
    ("\u3000", NOW),
    ("now", NOW),
    ("现在", NOW),
    # a time alone is today
    ("10:30", wall(2026, 11, 27, 10, 30)),
    ("9.30", wall(2026, 11, 27, 9, 30)),
    ("9:05", wall(2026, 11, 27, 9, 5)),
    ("14:05:30", wall(2026, 11, 27, 14, 5, 30)),
    ("0930", wall(2026, 11, 27, 9, 30)),
    ("10点", wall(2026, 11, 27, 10, 0)),
    ("10点半", wall(2026, 11, 27, 10, 30)),
    ("10点15分", wall(2026, 11, 27, 10, 15)),
    ("10点15", wall(2026, 11, 27, 10, 15)),
    ("10时15分", wall(2026, 11, 27, 10, 15)),
    ("3点", wall(2026, 11, 27, 3, 0)),
    ("3pm", wall(2026, 11, 27, 15, 0)),
    ("3:20 PM", wall(2026, 11, 27, 15, 20)),
    ("3:20 p.m.", wall(2026, 11, 27, 15, 20)),
    ("9am", wall(2026, 11, 27, 9, 0)),
    ("12am", wall(2026, 11, 27, 0, 0)),
    ("12pm", wall(2026, 11, 27, 12, 0)),
    # full-width digits, colon and space (NFKC), surrounding spaces, case
    ("１０：３０", wall(2026, 11, 27, 10, 30)),
    ("\u3000昨天\u3000１５：００\u3000", wall(2026, 11, 26, 15, 0)),
    ("  YESTERDAY 15:00  ", wall(2026, 11, 26, 15, 0)),
    # day words
    ("yesterday 15:00", wall(2026, 11, 26, 15, 0)),
    ("today 10:30", wall(2026, 11, 27, 10, 30)),
    ("Today 10:30", wall(2026, 11, 27, 10, 30)),
    ("tomorrow 9:00", wall(2026, 11, 28, 9, 0)),
    ("yesterday at 3pm", wall(2026, 11, 26, 15, 0)),
    ("yesterday", wall(2026, 11, 26, 16, 45)),
    ("tomorrow", wall(2026, 11, 28, 16, 45)),
    ("昨天", wall(2026, 11, 26, 16, 45)),
    ("今天 10:30", wall(2026, 11, 27, 10, 30)),
    ("今天10:30", wall(2026, 11, 27, 10, 30)),
    ("昨天下午3点", wall(2026, 11, 26, 15, 0)),
    ("昨天 15:00", wall(2026, 11, 26, 15, 0)),
    ("前天上午9点半", wall(2026, 11, 25, 9, 30)),
    ("明天上午10点", wall(2026, 11, 28, 10, 0)),
    ("后天下午2点", wall(2026, 11, 29, 14, 0)),
    # day periods
    ("下午3点", wall(2026, 11, 27, 15, 0)),
    ("上午9:30", wall(2026, 11, 27, 9, 30)),
    ("中午12点", wall(2026, 11, 27, 12, 0)),
    ("中午1点", wall(2026, 11, 27, 13, 0)),
    ("中午11点半", wall(2026, 11, 27, 11, 30)),
    ("晚上8点", wall(2026, 11, 27, 20, 0)),
    ("傍晚6点", wall(2026, 11, 27, 18, 0)),
    ("早上7点", wall(2026, 11, 27, 7, 0)),
    ("凌晨2点", wall(2026, 11, 27, 2, 0)),
    ("凌晨12点", wall(2026, 11, 27, 0, 0)),
    ("下午3:20", wall(2026, 11, 27, 15, 20)),
    ("下午 3:20", wall(2026, 11, 27, 15, 20)),
    ("下午12点", wall(2026, 11, 27, 12, 0)),
    ("下午13点", wall(2026, 11, 27, 13, 0)),  # 24-hour with 下午 is consistent: accepted
    ("昨天下午13点", wall(2026, 11, 26, 13, 0)),
    ("晚上20:30", wall(2026, 11, 27, 20, 30)),
    # relative
    ("-20m", wall(2026, 11, 27, 16, 25)),
    ("-2h", wall(2026, 11, 27, 14, 45)),
    ("-1d", wall(2026, 11, 26, 16, 45)),
    ("+15m", wall(2026, 11, 27, 17, 0)),
    ("-20 min", wall(2026, 11, 27, 16, 25)),
    ("- 20 minutes", wall(2026, 11, 27, 16, 25)),
    ("20 min ago", wall(2026, 11, 27, 16, 25)),
    ("2 hours ago", wall(2026, 11, 27, 14, 45)),
    ("3 days ago", wall(2026, 11, 24, 16, 45)),
    ("20分钟前", wall(2026, 11, 27, 16, 25)),
    ("20分前", wall(2026, 11, 27, 16, 25)),
    ("2小时前", wall(2026, 11, 27, 14, 45)),
    ("2个小时前", wall(2026, 11, 27, 14, 45)),
    ("半小时前", wall(2026, 11, 27, 16, 15)),
    ("半个小时前", wall(2026, 11, 27, 16, 15)),
    ("3天前", wall(2026, 11, 24, 16, 45)),
    ("10分钟后", wall(2026, 11, 27, 16, 55)),
    ("２０分钟前", wall(2026, 11, 27, 16, 25)),
    # absolute dates
    ("2026-11-26 14:05", wall(2026, 11, 26, 14, 5)),
    ("2026/11/26 14:05", wall(2026, 11, 26, 14, 5)),
    ("2026.11.26 14:05", wall(2026, 11, 26, 14, 5)),
    ("2026-11-26T14:05", wall(2026, 11, 26, 14, 5)),
    ("2026-11-26t14:05", wall(2026, 11, 26, 14, 5)),
    ("2026-1-5 8:05", wall(2026, 1, 5, 8, 5)),
    ("11-26 14:05", wall(2026, 11, 26, 14, 5)),
    ("11/26 14:05", wall(2026, 11, 26, 14, 5)),
    ("2026年11月26日 14:05", wall(2026, 11, 26, 14, 5)),
    ("2026年11月26日14:05", wall(2026, 11, 26, 14, 5)),
    ("11月26日下午2点", wall(2026, 11, 26, 14, 0)),
    ("11月26号 9点", wall(2026, 11, 26, 9, 0)),
    ("11月26 14:05", wall(2026, 11, 26, 14, 5)),
    ("2026-11-26", wall(2026, 11, 26, 16, 45)),  # a date alone keeps now's clock time
    ("11月26日", wall(2026, 11, 26, 16, 45)),
    ("12-31 9:00", wall(2026, 12, 31, 9, 0)),  # no year: now's year, no future/past guess
    # ISO timestamps (fallback)
    ("2026-11-26T14:05:00+08:00", wall(2026, 11, 26, 14, 5)),
    ("2026-11-26T06:05:00Z", wall(2026, 11, 26, 14, 5)),
    ("2026-11-26 14:05:30.250", wall(2026, 11, 26, 14, 5, 30, 250000)),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_accepted_forms(text: str, expected: datetime) -> None:
    result = parse_when(text, NOW)
    assert result == expected
    assert result.replace(tzinfo=None) == expected.replace(tzinfo=None)  # same wall clock too
    assert result.tzinfo is SHANGHAI


REJECTED = [
    ("abc", "Cannot read this time"),
    ("may", "Cannot read this time"),
    ("10:30 tomorrow", "Cannot read this time"),
    ("25:00", "No such time"),
    ("24:00", "No such time"),
    ("10:61", "No such time"),
    ("10:5", "Cannot read this time"),
    ("25点", "No such time"),
    ("10点61分", "No such time"),
    ("13pm", "No such time"),
    ("0am", "No such time"),
    ("2026-02-30", "No such date"),
    ("2026-02-30 10:00", "No such date"),
    ("2026-13-01 10:00", "No such date"),
    ("26/11 14:05", "No such date"),  # day-month is never swapped to fit
    ("11/26/2026", "Cannot read this time"),  # US order with year: not guessed
    ("0000-01-01 10:00", "No such date"),
    ("下午", "Cannot read this time"),
    ("昨天下午", "Cannot read this time"),
    ("上午", "Cannot read this time"),
    ("上午15点", "No such time"),
    ("下午0点", "No such time"),
    ("晚上12点", "Ambiguous time, please write it as 24-hour"),
    ("晚上1点", "Ambiguous time, please write it as 24-hour"),
    ("下午3pm", "Cannot read this time"),
    ("15", "Cannot read this time"),
    ("-20", "Cannot read this time"),
    ("-20x", "Cannot read this time"),
    ("半天前", "Cannot read this time"),
    ("10:30 foo", "Cannot read this time"),
    ("٣:٣٠", "Cannot read this time"),  # non-ASCII digits NFKC leaves alone
]


@pytest.mark.parametrize(("text", "message"), REJECTED)
def test_rejected_forms(text: str, message: str) -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_when(text, NOW)
    assert str(caught.value) == message


def test_error_is_a_value_error() -> None:
    assert issubclass(TimeParseError, ValueError)


def test_no_future_or_past_guessing() -> None:
    """A time alone is today's, whether it is still to come or already past."""
    morning = datetime(2026, 11, 27, 9, 0, tzinfo=SHANGHAI)
    assert parse_when("10:30", morning) == datetime(2026, 11, 27, 10, 30, tzinfo=SHANGHAI)
    evening = datetime(2026, 11, 27, 23, 0, tzinfo=SHANGHAI)
    assert parse_when("22:59", evening) == datetime(2026, 11, 27, 22, 59, tzinfo=SHANGHAI)
    assert parse_when("23:01", evening) == datetime(2026, 11, 27, 23, 1, tzinfo=SHANGHAI)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError) as caught:
        parse_when("10:30", datetime(2026, 11, 27, 16, 45))
    assert not isinstance(caught.value, TimeParseError)


def test_fixed_offset_zone_is_kept() -> None:
    zone = timezone(timedelta(hours=-5))
    now = datetime(2026, 11, 27, 16, 45, tzinfo=zone)
    result = parse_when("yesterday 15:00", now)
    assert result == datetime(2026, 11, 26, 15, 0, tzinfo=zone)
    assert result.tzinfo is zone


# Europe/Berlin: 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET.


def test_hours_back_across_spring_forward_are_elapsed_time() -> None:
    now = datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN)  # CEST, 01:30 UTC
    result = parse_when("-2h", now)
    assert result.astimezone(UTC) == datetime(2026, 3, 28, 23, 30, tzinfo=UTC)
    assert result.tzinfo is BERLIN
    assert (result.hour, result.minute, result.utcoffset()) == (0, 30, timedelta(hours=1))
    assert now.astimezone(UTC) - result.astimezone(UTC) == timedelta(hours=2)


def test_minutes_forward_across_fall_back_are_elapsed_time() -> None:
    now = datetime(2026, 10, 25, 2, 40, tzinfo=BERLIN)  # first 02:40, CEST, 00:40 UTC
    result = parse_when("+30m", now)
    assert result.astimezone(UTC) == datetime(2026, 10, 25, 1, 10, tzinfo=UTC)
    assert (result.hour, result.minute, result.fold) == (2, 10, 1)  # the second 02:10, CET
    assert result.utcoffset() == timedelta(hours=1)


def test_days_are_calendar_days_across_dst() -> None:
    now = datetime(2026, 3, 29, 12, 0, tzinfo=BERLIN)  # CEST
    result = parse_when("-1d", now)
    assert result.replace(tzinfo=None) == datetime(2026, 3, 28, 12, 0)
    assert result.utcoffset() == timedelta(hours=1)
    assert now.astimezone(UTC) - result.astimezone(UTC) == timedelta(hours=23)
    assert parse_when("yesterday", now) == result


def test_wall_time_in_dst_gap_becomes_a_real_instant() -> None:
    now = datetime(2026, 3, 29, 12, 0, tzinfo=BERLIN)
    result = parse_when("2:30", now)  # 02:30 does not exist that day
    assert result.astimezone(UTC).astimezone(BERLIN).replace(tzinfo=None) == result.replace(
        tzinfo=None
    )
    assert result.replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)


@pytest.mark.parametrize(
    ("text", "now"),
    [
        ("tomorrow", datetime(9999, 12, 31, 12, 0, tzinfo=UTC)),
        ("+2d", datetime(9999, 12, 31, 12, 0, tzinfo=UTC)),
        ("+9999h", datetime(9999, 12, 31, 12, 0, tzinfo=UTC)),
        ("yesterday", datetime(1, 1, 1, 12, 0, tzinfo=UTC)),
        ("0001-01-01 01:00", datetime(2026, 1, 1, tzinfo=SHANGHAI)),
        ("0001-01-01T01:00:00+08:00", datetime(2026, 1, 1, tzinfo=ZoneInfo("America/New_York"))),
    ],
)
def test_out_of_range_is_a_parse_error(text: str, now: datetime) -> None:
    with pytest.raises(TimeParseError):
        parse_when(text, now)


ZONES = st.sampled_from(
    [SHANGHAI, BERLIN, ZoneInfo("America/New_York"), ZoneInfo("Australia/Lord_Howe"), UTC]
)
GRAMMAR = st.lists(
    st.sampled_from(
        list("0123456789:.-/+ 年月日号点时分半前后钟")
        + ["\u3000", "：", "１", "T", "t", "Z"]
        + ["am", "pm", "ago", "min", "h", "d", "at ", "today", "yesterday", "tomorrow"]
        + ["今天", "昨天", "前天", "明天", "下午", "上午", "中午", "晚上", "凌晨", "小时", "天"]
    ),
    max_size=12,
).map("".join)


def _check(text: str, now: datetime) -> None:
    try:
        result = parse_when(text, now)
    except TimeParseError:
        return
    assert result.tzinfo is now.tzinfo
    assert result.utcoffset() is not None


@given(st.text())
def test_any_text_returns_aware_or_raises_parse_error(text: str) -> None:
    _check(text, NOW)


@settings(max_examples=500)
@given(GRAMMAR, st.datetimes(timezones=ZONES))
def test_near_miss_text_returns_aware_or_raises_parse_error(text: str, now: datetime) -> None:
    _check(text, now)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (NOW, False),
        (NOW - timedelta(days=400), False),
        (NOW + timedelta(hours=23, minutes=59), False),
        (NOW + timedelta(days=1), False),
        (NOW + timedelta(days=1, minutes=1), True),
        (wall(2031, 5, 5, 10, 0), True),
        (NOW.astimezone(UTC) + timedelta(days=2), True),
    ],
)
def test_far_future_is_more_than_a_day_ahead(moment: datetime, expected: bool) -> None:
    from secdesk.calendar.timeparse import far_future

    assert far_future(moment, NOW) is expected


def test_far_future_counts_elapsed_time_across_a_dst_switch() -> None:
    from secdesk.calendar.timeparse import far_future

    # Berlin, the night the clocks go back: 24 wall-clock hours later is 25 hours later.
    now = datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN)
    assert far_future(datetime(2026, 10, 25, 12, 0, tzinfo=BERLIN), now) is True
    assert far_future(datetime(2026, 10, 25, 11, 0, tzinfo=BERLIN), now) is False
