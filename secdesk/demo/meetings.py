"""The demo's meetings (会议): the history, today's and the coming four weeks' bookings (one
called off), the office's weekly meeting as one recurring row, and the preparation
checklists of those still to come.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from itertools import accumulate

from secdesk.calendar import clock
from secdesk.calendar.workdays import is_workday
from secdesk.demo.office import DemoOffice, Row, every_day, stamped
from secdesk.demo.words import MEETING_ROOMS

#: Meetings a year, those booked ahead included.
MEETINGS_PER_YEAR = 500
VIDEO_ROOM = "视频会议室"
#: (title template, weight, numbered series or None). {n}: number within the year.
MEETING_KINDS = (
    ("区政府第{n}次常务会议", 5, "常务会议"),
    ("区政府党组{year}年第{n}次会议", 5, "党组会"),
    ("区长办公会议", 8, None),
    ("区政府办公室主任办公会", 10, None),
    ("关于{topic}的专题会议", 25, None),
    ("{topic}工作协调会", 15, None),
    ("全区{topic}工作部署会", 8, None),
    ("全市{topic}工作视频会议", 10, None),
    ("{topic}工作座谈会", 7, None),
    ("{topic}工作调度会", 7, None),
)
MEETING_SLOTS = tuple(
    time(*hm) for hm in ((8, 30), (9, 0), (9, 30), (10, 0), (14, 30), (15, 0), (16, 0))
)
MEETING_NOTES = (
    "",
    "",
    "请提前15分钟到场",
    "请携带相关材料",
    "请各单位主要负责人参加",
    "会前请准备汇报材料（限5分钟）",
)
_MEETING_WEIGHTS = list(accumulate(w for _, w, _ in MEETING_KINDS))


def meetings(office: DemoOffice) -> list[Row]:
    rng = office.rng
    coming = every_day(office.today + timedelta(days=1), office.today + timedelta(days=28))
    booked: list[datetime] = []
    todays = rng.randint(2, 4)
    for slot in sorted(rng.sample(MEETING_SLOTS, todays)):
        booked.append(office.local(office.today, slot))
    for day in coming:
        if is_workday(day):
            for slot in rng.sample(MEETING_SLOTS, rng.choice((0, 1, 1, 2, 2, 3))):
                booked.append(office.local(day, slot))
    past: list[datetime] = []
    for day, count in office.spread(max(0, MEETINGS_PER_YEAR * office.years - len(booked))):
        slots = rng.sample(MEETING_SLOTS, min(count, len(MEETING_SLOTS)))
        past.extend(office.local(day, slot) for slot in slots)
    starts = sorted(past) + sorted(booked)
    series: dict[tuple[str, int], int] = {}
    rows = []
    for i, start in enumerate(starts, start=1):
        rows.append(_meeting(office, i, start, series))
    coming_rows = rows[len(rows) - (len(booked) - todays) :]
    if coming_rows:  # one booking of the coming days called off, as happens
        rng.choice(coming_rows)["cancelled"] = True
    rows.append(_weekly(office, len(rows) + 1))
    return rows


def _weekly(office: DemoOffice, meeting_id: int) -> Row:
    """The office's own weekly meeting, every Monday morning since the history began:
    one recurring row (RFC 5545 rule)."""
    first = office.start + timedelta(days=(7 - office.start.weekday()) % 7)
    starts_at = office.utc(first, time(8, 30))
    created = clock.to_utc(office.local(first, time(8, 0)) - timedelta(days=3))
    return {
        **_columns(),
        "id": meeting_id,
        "title": "区政府办公室周例会",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(minutes=45),
        "location": "三楼会议室",
        "chair": office.leaders[5].address,
        "participants": "办公室全体人员",
        "notes": "",
        "cancelled": False,
        "meeting_type": "办公会",
        "rrule": "FREQ=WEEKLY;BYDAY=MO",
        **stamped(created),
    }


def _columns() -> Row:
    """The columns every demo meeting row names (one shape for the batched insert)."""
    return {
        "meeting_type": "",
        "recorder": "",
        "materials": "",
        "overview": "",
        "rrule": "",
        "uid": "",
        "timezone": "",
        "all_day": False,
        "series_id": None,
        "occurrence_start": None,
    }


def _meeting_type(title: str) -> str:
    for word, kind in (
        ("常务会议", "常务会议"),
        ("视频", "视频会议"),
        ("座谈", "座谈会"),
        ("专题", "专题会议"),
        ("办公会", "办公会"),
    ):
        if word in title:
            return kind
    return "其他"


def checklists(office: DemoOffice, meetings: list[Row]) -> list[Row]:
    """Preparation checklists of the meetings from today on: the further off, the less
    is done; one of tomorrow's (or today's) is still short of a step."""
    from secdesk.office.meetings.schedule import checklist_template

    rng = office.rng
    rows: list[Row] = []
    today_start = clock.to_utc(office.local(office.today, time(0)))
    coming = [m for m in meetings if m["starts_at"] >= today_start and not m["rrule"]]
    short = rng.choice(
        [m for m in coming if m["starts_at"] < today_start + timedelta(days=2)] or coming or [None]
    )
    for meeting in coming:
        steps = checklist_template(meeting["meeting_type"])
        days = (meeting["starts_at"] - today_start).days
        done = len(steps) if days <= 1 else max(0, len(steps) - days // 2 - 1)
        if meeting is short:
            done = len(steps) - 1
        for position, label in enumerate(steps):
            rows.append(
                {
                    "id": len(rows) + 1,
                    "meeting_id": meeting["id"],
                    "position": position,
                    "label": label,
                    "done": position < done,
                    "done_at": meeting["created_at"] if position < done else None,
                    **stamped(meeting["created_at"]),
                }
            )
    return rows


def _meeting(
    office: DemoOffice, meeting_id: int, start: datetime, series: dict[tuple[str, int], int]
) -> Row:
    rng = office.rng
    template, _, numbered = rng.choices(MEETING_KINDS, cum_weights=_MEETING_WEIGHTS)[0]
    number = 0
    if numbered:
        key = (numbered, start.year)
        number = series[key] = series.get(key, 0) + 1
    title = template.format(n=number, year=start.year, topic=office.topic(start.month))
    room = VIDEO_ROOM if "视频" in title else rng.choice(MEETING_ROOMS)
    units = rng.sample(office.department_names, 4)
    participants = "、".join(units[: rng.randint(2, 4)])
    if rng.random() < 0.3:
        participants += "、各街道办事处、镇人民政府"
    created = min(start - timedelta(days=rng.randint(1, 10)), office.now)
    created_utc = clock.to_utc(created)
    starts_at = clock.to_utc(start)
    return {
        **_columns(),
        "meeting_type": _meeting_type(title),
        "id": meeting_id,
        "title": title,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(minutes=rng.choice((60, 90, 90, 120, 150))),
        "location": room,
        "chair": _chair(office, title),
        "participants": participants,
        "notes": rng.choice(MEETING_NOTES),
        # Draw first: whether ``start`` has passed depends on the wall clock.
        "cancelled": rng.random() < 0.03 and start < office.now,
        **stamped(created_utc),
    }


def _chair(office: DemoOffice, title: str) -> str:
    """主持人: the 区长 for the government's own meetings, the 主任 for the office's."""
    if any(word in title for word in ("党组", "常务会议", "区长办公会议")):
        return office.leaders[0].address
    if "主任办公会" in title:
        return office.leaders[5].address
    return office.leader_address()
