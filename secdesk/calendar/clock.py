"""Time: stored as aware UTC datetimes, shown in the configured local zone; "today" is the
local day.

Wing: calendar. Must not import services, office, models, the database or the UI.

Everything here is plain stdlib so screens and services can both use it.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta, tzinfo

_zone: tzinfo | None = None


def set_zone(name: str | None) -> None:
    """Use the IANA zone ``name`` for local time; None means the system's zone."""
    global _zone
    if name:
        from zoneinfo import ZoneInfo

        _zone = ZoneInfo(name)
    else:
        _zone = None


def zone() -> tzinfo:
    """The local time zone: the configured one, else ``TZ``, else the system's."""
    if _zone is not None:
        return _zone
    tz_name = os.environ.get("TZ")
    if tz_name:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return ZoneInfo(tz_name.lstrip(":"))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else UTC


def now_utc() -> datetime:
    """Now, as the aware UTC datetime the database stores."""
    return datetime.now(UTC)


def now_local() -> datetime:
    return datetime.now(UTC).astimezone(zone())


def today() -> date:
    """Today in local time."""
    return now_local().date()


def to_utc(moment: datetime) -> datetime:
    """An aware datetime, or a naive one meaning local time -> aware UTC for storage."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone())
    return moment.astimezone(UTC)


def as_utc(stored: datetime) -> datetime:
    """A time from the database as an aware UTC time (SQLite may hand it back without its
    zone: naive means UTC)."""
    return stored.replace(tzinfo=UTC) if stored.tzinfo is None else stored.astimezone(UTC)


def to_local(stored: datetime) -> datetime:
    """A datetime from the database (UTC; naive means UTC) -> aware local time."""
    return as_utc(stored).astimezone(zone())


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The local ``day`` as a half-open [start, end) range of UTC datetimes."""
    tz = zone()
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
    return to_utc(start), to_utc(end)
