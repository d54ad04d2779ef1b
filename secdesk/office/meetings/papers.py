"""The meeting's papers: the notice (会议通知) as text to copy and as .docx, and the minutes
(纪要) as .docx laid out like a 纪要 and as Markdown.

Wing: office/meetings. Must not import screens, widgets, app, cli, care or demo; of this
package only ``minutes``.

Both are built as an outline of ``(style, text)`` pairs (the styles of ``io.gongwen``, plus
``title`` and ``addressee``) from a ``minutes.MinutesView``; the .docx is a 公文 signed by the
configured office (the minutes in the 纪要 format), and the text and Markdown forms come from
the same outline, so the three never disagree.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from secdesk.calendar import clock
from secdesk.config import office
from secdesk.i18n import _, format_date, language
from secdesk.io.files import write_private_text
from secdesk.io.gongwen import chinese_number
from secdesk.office.meetings.minutes import MinutesView
from secdesk.services.phrases import listing, semicolons, with_detail
from secdesk.textsafe import markdown_escape as md_escape

if TYPE_CHECKING:
    from secdesk.io import gongwen

__all__ = ["chinese_number", "minutes_outline", "notice_outline", "write_minutes", "write_notice"]

Outline = list[tuple[str, str]]


def _colon() -> str:
    return "：" if language() == "zh" else ": "


def numbered(n: int) -> str:
    """一、 in Chinese, 1. in English."""
    return f"{chinese_number(n)}、" if language() == "zh" else f"{n}. "


def sub_numbered(n: int) -> str:
    """（一） in Chinese (the level under 一、), 1. in English."""
    return f"（{chinese_number(n)}）" if language() == "zh" else f"{n}. "


def _when(start: datetime, end: datetime | None) -> str:
    text = f"{format_date(start.date(), weekday=False)} {start:%H:%M}"
    if end is not None:
        text += f"–{end:%H:%M}" if end.date() == start.date() else f"–{end:%Y-%m-%d %H:%M}"
    return text


def _who_by(unit: str, due: date | None) -> str:
    """Who carries a decision out and by when: 区应急局负责，2026年12月31日前完成."""
    day = format_date(due, weekday=False) if due else ""
    if unit and day:
        return _("{unit}, by {day}").format(unit=unit, day=day)
    if unit:
        return _("by {unit}").format(unit=unit)
    return _("due {day}").format(day=day) if day else ""


def _names(names: tuple[str, ...] | list[str]) -> str:
    return "、".join(names) if names else _("none")


def notice_outline(view: MinutesView) -> list[tuple[str, str]]:
    """会议通知: name, time, place, participants, agenda, what to bring, contact person."""
    out = [
        ("title", _("Notice of the meeting: {meeting}").format(meeting=view.title)),
        ("addressee", _("All participants")),
    ]
    sections: list[tuple[str, str]] = [
        (_("Time"), _when(view.starts_at, view.ends_at)),
        (_("Place"), view.location or _("to be announced")),
    ]
    if view.chair:
        sections.append((_("Chair"), view.chair))
    attend = [name for _id, name, role, _r, _a in view.participants if role != "observe"]
    observe = [name for _id, name, role, _r, _a in view.participants if role == "observe"]
    people = _names(attend)
    if observe:
        people = semicolons([people, _("observing: {names}").format(names=_names(observe))])
    sections.append((_("Participants"), people))
    for number, (label, text) in enumerate(sections, start=1):
        out.append(("h1", f"{numbered(number)}{label}{_colon()}{text}"))
    if view.agenda:
        out.append(("h1", f"{numbered(len(sections) + 1)}{_('Agenda')}{_colon().strip()}"))
        for i, (topic, presenter, minutes) in enumerate(view.agenda, start=1):
            details = [
                p for p in (presenter, _("{n} min").format(n=minutes) if minutes else "") if p
            ]
            out.append(("h3", sub_numbered(i) + with_detail(topic, listing(details))))
    if view.materials:
        out.append(("para", _("Please bring: {what}").format(what=view.materials)))
    if view.recorder:
        out.append(("para", _("Contact person: {name}").format(name=view.recorder)))
    return out


def minutes_outline(view: MinutesView) -> list[tuple[str, str]]:
    """纪要: title, when and where, the overview, the decisions numbered 一、二、…, then the
    出席 / 列席 / 请假 lines from the attendance."""
    out = [
        ("title", _("Minutes of {meeting}").format(meeting=view.title)),
        (
            "centre",
            _when(view.starts_at, view.ends_at) + (f" {view.location}" if view.location else ""),
        ),
    ]
    for paragraph in view.overview.splitlines():
        if paragraph.strip():
            out.append(("para", paragraph.strip()))
    if view.decisions:
        out.append(("para", _("The meeting decided:")))
        for number, (_id, text, unit, due, _item) in enumerate(view.decisions, start=1):
            out.append(("para", numbered(number) + with_detail(text, _who_by(unit, due))))
    lines = view.lines
    out.append(("label", _("Present: {names}").format(names=_names(lines.present))))
    if lines.observers:
        out.append(("label", _("Observing: {names}").format(names=_names(lines.observers))))
    if lines.excused:
        excused = "、".join(
            f"{name}（{reason}）" if reason else name for name, reason in lines.excused
        )
        out.append(("label", _("Excused: {names}").format(names=excused)))
    if lines.absent:
        out.append(("label", _("Absent: {names}").format(names=_names(lines.absent))))
    if view.recorder:
        out.append(("line", _("Recorded by: {name}").format(name=view.recorder)))
    return out


def as_text(outline: list[tuple[str, str]]) -> str:
    """An outline as plain text to paste into a message."""
    from secdesk.io.gongwen import addressee_line

    return "\n".join(addressee_line(t) if s == "addressee" else t for s, t in outline) + "\n"


def as_markdown(outline: list[tuple[str, str]]) -> str:
    out = []
    for style, text in outline:
        if style == "title":
            out.append(f"# {md_escape(text)}\n")
        elif style == "centre":
            out.append(f"*{md_escape(text)}*\n")
        else:
            out.append(md_escape(text) + "\n")
    return "\n".join(out)


def _stem(view: MinutesView, what: str) -> str:
    safe = "".join(ch if ch.isalnum() else "_" for ch in view.title)[:40].strip("_")
    return f"{view.starts_at:%Y%m%d-%H%M}-{what}-{safe or view.meeting_id}"


def as_paper(outline: Outline, minutes: bool = False) -> gongwen.Paper:
    """The outline as a 公文 signed by the configured office today; minutes in the 纪要
    format: their title is the red 纪要标志, the time and place under it over the red line,
    no signature."""
    from secdesk.io import gongwen

    title = next((text for style, text in outline if style == "title"), "")
    addressee = next((text for style, text in outline if style == "addressee"), "")
    blocks = [(style, text) for style, text in outline if style not in ("title", "addressee")]
    head = ""
    if minutes and blocks and blocks[0][0] == "centre":
        head = blocks.pop(0)[1]
    return gongwen.Paper(
        title="" if minutes else title,
        office=office().name,
        day=clock.today(),
        body=list(blocks),
        addressee=addressee,
        mark=title if minutes else "",
        number=head,
        signed=not minutes,
    )


def save_notice(view: MinutesView, path: Path) -> Path:
    """The notice as a .docx at ``path``."""
    from secdesk.io import gongwen

    return gongwen.write(as_paper(notice_outline(view)), path)


def save_minutes(view: MinutesView, path: Path) -> Path:
    """The minutes as a .docx at ``path``."""
    from secdesk.io import gongwen

    return gongwen.write(as_paper(minutes_outline(view), minutes=True), path)


def write_notice(view: MinutesView, directory: Path) -> tuple[Path, Path]:
    """The notice as .txt and .docx in ``directory``."""
    outline = notice_outline(view)
    directory.mkdir(parents=True, exist_ok=True)
    text_path = directory / f"{_stem(view, 'notice')}.txt"
    write_private_text(text_path, as_text(outline))
    return text_path, save_notice(view, directory / f"{_stem(view, 'notice')}.docx")


def write_minutes(view: MinutesView, directory: Path) -> tuple[Path, Path]:
    """The minutes as .docx and Markdown in ``directory``."""
    outline = minutes_outline(view)
    directory.mkdir(parents=True, exist_ok=True)
    md_path = directory / f"{_stem(view, 'minutes')}.md"
    write_private_text(md_path, as_markdown(outline))
    return save_minutes(view, directory / f"{_stem(view, 'minutes')}.docx"), md_path
