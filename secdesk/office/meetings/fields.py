"""What a meeting's form fields accept: a participant's role, the end (a time or a length),
the agenda's minutes and the end they give; and the office's meeting types and the
preparation checklist each type starts with, when config.toml names none.

Wing: office/meetings. Must not import screens, widgets, app, cli, care or demo; of this
package it imports nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from secdesk.config import Settings
from secdesk.i18n import N_, _
from secdesk.models import ParticipantRole
from secdesk.services.views import InvalidInput

#: The office's meeting types when config.toml names none (``meeting_types``).
MEETING_TYPES: tuple[str, ...] = ("办公会", "常务会议", "专题会议", "座谈会", "视频会议", "其他")
#: The preparation checklist of each type when config.toml gives none
#: (``[meeting_checklists]``); a type not named here gets ``DEFAULT_CHECKLIST``.
DEFAULT_CHECKLIST: tuple[str, ...] = (
    "议题征集",
    "通知下发",
    "会场预订",
    "材料印制",
    "签到表",
    "桌签",
)
CHECKLISTS: dict[str, tuple[str, ...]] = {
    "常务会议": ("议题征集", "议题审核", "通知下发", "会场预订", "材料印制", "签到表", "桌签"),
    "视频会议": ("通知下发", "视频线路调试", "会场预订", "签到表"),
    "座谈会": ("通知下发", "会场预订", "座次安排", "签到表", "桌签"),
}

#: What may be typed in a participant's role cell, and the role it means.
ROLE_WORDS: dict[str, str] = {
    "": ParticipantRole.attend,
    "出席": ParticipantRole.attend,
    "参加": ParticipantRole.attend,
    "attend": ParticipantRole.attend,
    "a": ParticipantRole.attend,
    "列席": ParticipantRole.observe,
    "observe": ParticipantRole.observe,
    "o": ParticipantRole.observe,
    "请假": ParticipantRole.excused,
    "excused": ParticipantRole.excused,
    "e": ParticipantRole.excused,
}
ROLE_SHOWN = {
    ParticipantRole.attend: "出席",
    ParticipantRole.observe: "列席",
    ParticipantRole.excused: "请假",
}

BAD_ROLE = N_("A role is 出席 (attend), 列席 (observe) or 请假 (excused)")
BAD_END = N_("Write an end time (16:30) or a length (90m, 2h)")
END_BEFORE_START = N_("The end is before the start")
BAD_MINUTES = N_("Minutes allotted is a whole number")

_DURATION = re.compile(
    r"(?P<n>\d+(?:\.\d+)?|半)\s*(?P<unit>m|min|mins|minutes|分钟|分|h|hr|hrs|hours|个?小时|个钟头)",
    re.ASCII,
)


def parse_role(typed: str) -> str:
    role = ROLE_WORDS.get(unicodedata.normalize("NFKC", typed).strip().lower())
    if role is None:
        raise InvalidInput("participants", BAD_ROLE)
    return str(role)


def parse_end(typed: str, start: datetime) -> datetime | None:
    """The booked end: a time (on the start's day unless a day is given) or a length after
    the start; None when blank."""
    from secdesk.calendar.timeparse import TimeParseError, parse_when

    clean = " ".join(unicodedata.normalize("NFKC", typed).lower().split())
    if not clean:
        return None
    if m := _DURATION.fullmatch(clean):
        amount = 0.5 if m["n"] == "半" else float(m["n"])
        minutes = (
            amount if m["unit"] in ("m", "min", "mins", "minutes", "分钟", "分") else amount * 60
        )
        return start + timedelta(minutes=minutes)
    try:
        end = parse_when(clean, start)
    except TimeParseError as exc:
        raise InvalidInput("ends", BAD_END) from exc
    if end <= start:
        raise InvalidInput("ends", END_BEFORE_START)
    return end


def agenda_minutes(agenda: Sequence[Sequence[str]]) -> list[int]:
    out = []
    for row in agenda:
        typed = unicodedata.normalize("NFKC", row[2] if len(row) > 2 else "").strip()
        typed = typed.removesuffix("分钟").removesuffix("min").removesuffix("m").strip()
        if not typed:
            out.append(0)
            continue
        if not typed.isdigit():
            raise InvalidInput("agenda", BAD_MINUTES)
        out.append(int(typed))
    return out


@dataclass(frozen=True)
class AgendaTiming:
    """What the agenda says about the end: the expected end and whether it runs over."""

    expected_end: datetime | None
    booked_end: datetime | None
    over: bool


def agenda_timing(start: datetime, ends: str, agenda: Sequence[Sequence[str]]) -> AgendaTiming:
    """The end the agenda's minutes give, and whether it runs past the booked end."""
    total = sum(agenda_minutes(agenda))
    expected = start + timedelta(minutes=total) if total else None
    booked = parse_end(ends, start)
    over = expected is not None and booked is not None and expected > booked
    return AgendaTiming(expected, booked, over)


def timing_note(timing: AgendaTiming) -> str:
    """A line under the agenda: "Expected to end 11:30", with a warning when it runs over."""
    if timing.expected_end is None:
        return ""
    note = _("Expected to end {time}").format(time=f"{timing.expected_end:%H:%M}")
    if timing.over and timing.booked_end is not None:
        note += " · " + _("runs past the booked end {time}").format(
            time=f"{timing.booked_end:%H:%M}"
        )
    return note


def checklist_template(meeting_type: str, settings: Settings | None = None) -> tuple[str, ...]:
    """The preparation steps a new meeting of ``meeting_type`` starts with."""
    configured = getattr(settings, "meeting_checklists", None) or {}
    if meeting_type in configured:
        return tuple(configured[meeting_type])
    return CHECKLISTS.get(meeting_type, DEFAULT_CHECKLIST)


def meeting_types(settings: Settings | None = None) -> tuple[str, ...]:
    return tuple(getattr(settings, "meeting_types", None) or MEETING_TYPES)
