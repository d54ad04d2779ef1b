"""Read the times a secretary types into the call and visitor forms.

Wing: calendar. Must not import services, office, models, the database or the UI.

``parse_when(text, now)`` returns an aware datetime in ``now``'s zone, or raises
``TimeParseError`` (a ``ValueError`` whose message is an English msgid). Input is NFKC
normalised first (full-width digits, ``：`` and the full-width space become ASCII), case and
surrounding spaces are ignored. Accepted forms:

* blank, ``now``, ``现在``, ``刚才``, ``刚刚``: ``now`` itself
* a time alone, meaning today: ``10:30``, ``9.30``, ``9:05``, ``14:05:30``, ``0930``,
  ``10点``, ``10点半``, ``10点15分``, ``10点15``, ``10时15分``, ``3pm``, ``3:20 pm``
* a day period before the time: ``凌晨`` ``早上`` ``早晨`` (0-11) and ``上午`` (0-12) keep the
  hour, ``凌晨12点`` is 00:00; ``中午`` keeps 11-15 and moves 1-3 to 13-15; ``下午`` moves
  1-11 to 13-23 and keeps 12-23 (``下午12点`` is noon, ``下午13点`` 13:00); ``傍晚`` ``晚上``
  move 5-11 to 17-23, keep 17-23 and refuse 12 and 0-4 as ambiguous (``晚上12点``,
  ``晚上1点``: which side of midnight?). ``am``/``pm`` after the time take 1-12 only
  (``12am`` is 00:00, ``12pm`` noon). A period contradicting the hour (``上午15点``) or both a
  period and am/pm are refused.
* a day word, alone (same clock time as now) or with a time: ``today`` ``yesterday``
  ``tomorrow`` ``今天`` ``今日`` ``昨天`` ``昨日`` ``前天`` ``明天`` ``明日`` ``后天``, e.g.
  ``yesterday 15:00``, ``yesterday at 3pm``, ``昨天下午3点``, ``前天上午9点半``
* a date, alone (same clock time as now) or with a time: ``2026-11-26 14:05``,
  ``2026/11/26 14:05``, ``2026.11.26 14:05``, ``2026-11-26T14:05``, ``2026年11月26日 14:05``,
  ``11月26日下午2点``, ``11月26号``. Without a year, ``11-26`` and ``11/26`` are always
  month-day (Chinese order) in now's year; ``26/11`` is refused, never swapped.
* relative: ``-20m`` ``-2h`` ``-1d`` ``+15m`` ``-20 min`` ``20 min ago`` ``2 hours ago``
  ``20分钟前`` ``2小时前`` ``半小时前`` ``3天前`` ``10分钟后``. Minutes and hours are elapsed
  time (computed in UTC, so right across a DST switch); days are calendar days keeping the
  clock time, like ``yesterday``.
* last resort, for pasted machine timestamps containing ``:``: ISO 8601 via
  ``datetime.fromisoformat`` (``2026-11-26T14:05:00+08:00``), converted to now's zone.

There is no "future or past" guessing: ``10:30`` is today 10:30 even at 09:00. A time
more than a day ahead is probably a typo (a wrong year or month): ``far_future(moment, now)``
says so, and whoever asked for the time asks once before keeping it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta

from secdesk.i18n import N_

CANNOT_READ = N_("Cannot read this time")
NO_SUCH_DATE = N_("No such date")
NO_SUCH_TIME = N_("No such time")
AMBIGUOUS = N_("Ambiguous time, please write it as 24-hour")


FAR_FUTURE = timedelta(days=1)
"""How far ahead a time may be before it is worth asking whether it is meant."""


class TimeParseError(ValueError):
    """The text is not a time we can read; ``str(error)`` is a translatable msgid."""


_NOW_WORDS = {"now", "现在", "刚才", "刚刚"}
_DAY_WORDS = {
    "today": 0, "今天": 0, "今日": 0,
    "yesterday": -1, "昨天": -1, "昨日": -1, "前天": -2,
    "tomorrow": 1, "明天": 1, "明日": 1, "后天": 2,
}  # fmt: skip
_UNITS = {
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes",
    "minutes": "minutes", "分": "minutes", "分钟": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "小时": "hours", "个小时": "hours", "个钟头": "hours",
    "d": "days", "day": "days", "days": "days", "天": "days",
}  # fmt: skip

_FLAGS = re.ASCII  # \d and \s mean ASCII only; NFKC has already folded the rest
_UNIT = r"(?P<unit>[a-z]+|分钟|分|个?小时|个钟头|天)"
_REL_SIGNED = re.compile(r"(?P<sign>[+-])\s*(?P<n>\d{1,4})\s*" + _UNIT, _FLAGS)
_REL_AGO = re.compile(r"(?P<n>\d{1,4})\s*" + _UNIT + r"\s+ago", _FLAGS)
_REL_ZH = re.compile(
    r"(?P<n>\d{1,4}|半)\s*" + _UNIT + r"\s*(?P<dir>前|后|以前|之前|以后|之后)", _FLAGS
)

_DATE_DAY_WORD = re.compile("|".join(sorted(_DAY_WORDS, key=len, reverse=True)))
_WEEKDAYS = {
    "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_DATE_WEEKDAY = re.compile(
    r"(?:(?P<which>下|上|本|这)(?:个)?)?(?:周|星期|礼拜)(?P<day>[一二三四五六日天])"
    r"|(?:(?P<which_en>next|last|this)\s+)?(?P<day_en>monday|mon|tuesday|tue|wednesday|wed"
    r"|thursday|thu|friday|fri|saturday|sat|sunday|sun)\b"
)
_DATE_YMD = re.compile(
    r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)", _FLAGS
)
_DATE_MD = re.compile(r"(?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?![\d:.])", _FLAGS)
_DATE_ZH = re.compile(
    r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})(?:[日号]|(?=\s|$))", _FLAGS
)

_PERIOD = r"(?:(?P<period>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)\s*)?"
_AMPM = r"\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)"
_TIME_FORMS = [
    re.compile(
        _PERIOD + r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:" + _AMPM + ")?", _FLAGS
    ),
    re.compile(_PERIOD + r"(?P<h>\d{1,2})[点时]钟?(?:(?P<half>半)|(?P<mi>\d{1,2})分?)?", _FLAGS),
    re.compile(_PERIOD + r"(?P<h>\d{2})(?P<mi>\d{2})", _FLAGS),
    re.compile(r"(?P<h>\d{1,2})" + _AMPM, _FLAGS),
]
# Per period: hours moved forward by 12, and hours accepted as they are.
_PERIOD_RULES = {
    "凌晨": (range(0), range(0, 12)),
    "早上": (range(0), range(0, 12)),
    "早晨": (range(0), range(0, 12)),
    "上午": (range(0), range(0, 13)),
    "am": (range(0), range(1, 13)),  # am/pm are strictly 12-hour
    "中午": (range(1, 4), range(11, 16)),
    "下午": (range(1, 12), range(12, 24)),
    "pm": (range(1, 12), range(12, 13)),
    "傍晚": (range(5, 12), range(17, 24)),
    "晚上": (range(5, 12), range(17, 24)),
}


def parse_when(text: str, now: datetime) -> datetime:
    """The moment ``text`` means, in ``now``'s zone; blank text means ``now``."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    clean = _normalise(text)
    if not clean or clean in _NOW_WORDS:
        return now
    try:
        return _parse(clean, now)
    except TimeParseError:
        raise
    except (ValueError, OverflowError) as error:  # out-of-range dates near year 1 or 9999
        raise TimeParseError(CANNOT_READ) from error


def far_future(moment: datetime, now: datetime) -> bool:
    """Whether ``moment`` is more than a day (``FAR_FUTURE``) after ``now``: the form and the
    command line ask once before keeping such a time. Both must be aware datetimes; the
    difference is elapsed time, so a DST switch in between does not move the line."""
    if moment.utcoffset() is None or now.utcoffset() is None:
        raise ValueError("far_future needs aware datetimes")
    return moment.astimezone(UTC) - now.astimezone(UTC) > FAR_FUTURE


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def _parse(clean: str, now: datetime) -> datetime:
    relative = _parse_relative(clean, now)
    if relative is not None:
        return relative
    day, rest = _split_date(clean, now)
    if day is not None:
        rest = re.sub(r"^(?:t|at\s)\s*", "", rest)
    clock = _parse_time(rest) if rest else now.time()
    if clock is None:
        if ":" in clean:
            return _parse_iso(clean, now)
        raise TimeParseError(CANNOT_READ)
    return _localise(datetime.combine(day or now.date(), clock), now)


def _parse_relative(clean: str, now: datetime) -> datetime | None:
    if m := _REL_SIGNED.fullmatch(clean):
        sign = -1 if m["sign"] == "-" else 1
    elif m := _REL_AGO.fullmatch(clean):
        sign = -1
    elif m := _REL_ZH.fullmatch(clean):
        sign = -1 if "前" in m["dir"] else 1
    else:
        return None
    unit = _UNITS.get(m["unit"])
    if unit is None or (m["n"] == "半" and unit == "days"):
        raise TimeParseError(CANNOT_READ)
    amount = 0.5 if m["n"] == "半" else int(m["n"])
    if unit == "days":  # calendar days: same clock time, like "yesterday"
        wall = now.replace(tzinfo=None) + timedelta(days=sign * amount)
        return _localise(wall, now)
    delta = timedelta(**{unit: sign * amount})
    return (now.astimezone(UTC) + delta).astimezone(now.tzinfo)


def _weekday_date(m: re.Match[str], today: date) -> date:
    """The day a weekday word means: ``周五`` / ``friday`` the next Friday from today (today
    itself included), ``下周一`` / ``next monday`` Monday of next week, ``本周五`` / ``这周五``
    this week's Friday, ``上周五`` / ``last friday`` last week's."""
    weekday = _WEEKDAYS[m["day"] or m["day_en"]]
    which = m["which"] or m["which_en"] or ""
    monday = today - timedelta(days=today.weekday())
    if which in ("下", "next"):
        return monday + timedelta(days=7 + weekday)
    if which in ("上", "last"):
        return monday + timedelta(days=weekday - 7)
    if which in ("本", "这", "this"):
        return monday + timedelta(days=weekday)
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _split_date(clean: str, now: datetime) -> tuple[date | None, str]:
    """The date at the start of ``clean`` (None if there is none) and the text after it."""
    if m := _DATE_DAY_WORD.match(clean):
        return now.date() + timedelta(days=_DAY_WORDS[m[0]]), clean[m.end() :].strip()
    if m := _DATE_WEEKDAY.match(clean):
        return _weekday_date(m, now.date()), clean[m.end() :].strip()
    for pattern in (_DATE_YMD, _DATE_ZH, _DATE_MD):
        if m := pattern.match(clean):
            year = int(m["y"]) if m.groupdict().get("y") else now.year
            try:
                day = date(year, int(m["m"]), int(m["d"]))
            except ValueError as error:
                raise TimeParseError(NO_SUCH_DATE) from error
            return day, clean[m.end() :].strip()
    return None, clean


def _parse_time(rest: str) -> time | None:
    """The clock time in ``rest``, or None if it is no time form at all."""
    for pattern in _TIME_FORMS:
        if m := pattern.fullmatch(rest):
            break
    else:
        return None
    groups = m.groupdict()
    hour = int(m["h"])
    minute = 30 if groups.get("half") else int(groups.get("mi") or 0)
    second = int(groups.get("s") or 0)
    period, ampm = groups.get("period"), (groups.get("ampm") or "").replace(".", "")
    if period and ampm:
        raise TimeParseError(CANNOT_READ)
    hour = _apply_period(period or ampm or None, hour)
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59):
        raise TimeParseError(NO_SUCH_TIME)
    return time(hour, minute, second)


def _apply_period(period: str | None, hour: int) -> int:
    if period is None:
        return hour
    if hour == 12 and period in ("am", "凌晨"):
        return 0
    shifted, kept = _PERIOD_RULES[period]
    if hour in shifted:
        return hour + 12
    if hour in kept:
        return hour
    if period in ("傍晚", "晚上") and (hour <= 4 or hour == 12):
        raise TimeParseError(AMBIGUOUS)  # 晚上12点 / 晚上1点: which side of midnight?
    raise TimeParseError(NO_SUCH_TIME)


def _parse_iso(clean: str, now: datetime) -> datetime:
    try:
        parsed = datetime.fromisoformat(clean.upper())
    except ValueError as error:
        raise TimeParseError(CANNOT_READ) from error
    if parsed.tzinfo is None:
        return _localise(parsed, now)
    return parsed.astimezone(now.tzinfo)


def _localise(wall: datetime, now: datetime) -> datetime:
    """Attach now's zone to a wall-clock time; a time in a DST gap moves to a real instant."""
    return wall.replace(tzinfo=now.tzinfo).astimezone(UTC).astimezone(now.tzinfo)
