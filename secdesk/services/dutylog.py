"""值班日志: the day's diary, read from what the desk recorded that day (every kind that
declares ``duty`` adds its entries), with the notes and the handover note of the person on
duty; exported as Markdown and plain text for printing.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from pathlib import Path

from sqlmodel import Session, col, func, select

from secdesk.calendar import clock
from secdesk.i18n import _, format_date, ngettext
from secdesk.io.files import write_private_text
from secdesk.kinds import kinds, resolve
from secdesk.models import DutyLog, Event
from secdesk.services import audit
from secdesk.services.patterns import is_moment
from secdesk.services.phrases import listing, names
from secdesk.services.views import DayEntry, RecordChanged
from secdesk.textsafe import markdown_escape, safe


@dataclass
class DutyDay:
    """Everything the duty log shows for one local day."""

    day: date
    entries: list[DayEntry] = field(default_factory=list)
    """In time order."""
    notes: str = ""
    handover: str = ""
    on_duty: str = ""
    """Who was on duty, as typed (值班人)."""
    figures: list[str] = field(default_factory=list)
    """The day's counts, in the interface language: "12 telephone calls"."""
    version: int = 0
    """The version of the day's notes as read (0: none saved yet)."""
    recorded_by: list[str] = field(default_factory=list)
    """Who recorded or changed something on the desk that day (the audit trail's names,
    first to start first): the papers name them when nobody wrote who was on duty."""


# -- composing the day ---------------------------------------------------------------------


def figures(session: Session, day: date) -> list[str]:
    """How many records of each counted kind (``Kind.report_field``) fall on ``day``."""
    from secdesk.services.phrases import count_rows

    start, end = clock.day_bounds(day)
    out = []
    for kind in kinds():
        if not kind.report_field:
            continue
        model = resolve(kind.model)
        column = getattr(model, kind.report_field)
        if is_moment(column):
            on_day = (column >= start) & (column < end)
        else:
            on_day = column == day
        n = count_rows(session, select(model).where(col(model.deleted_at).is_(None), on_day))
        if n:
            singular, plural = kind.count
            out.append(ngettext(singular, plural, n).format(n=n))
    return out


#: Audit actions that change nothing (showing a protected identity): not "recording".
READ_ONLY = ("reveal",)


def recorded_by(session: Session, day: date) -> list[str]:
    """Who wrote to the desk on the local ``day``, by when they first did."""
    start, end = clock.day_bounds(day)
    first = func.min(Event.id)
    found = session.exec(
        select(Event.actor)
        .where(
            Event.at >= start,
            Event.at < end,
            Event.actor != "",
            col(Event.action).not_in(READ_ONLY),
        )
        .group_by(Event.actor)
        .order_by(first)
    ).all()
    return list(found)


def _log(session: Session, day: date) -> DutyLog | None:
    return session.exec(select(DutyLog).where(DutyLog.day == day)).first()


def compose_day(session: Session, day: date) -> DutyDay:
    """The local ``day``: what each kind recorded on it in time order, with the notes."""
    start, end = clock.day_bounds(day)
    entries: list[DayEntry] = []
    for kind in kinds():
        if kind.duty:
            entries.extend(resolve(kind.duty)(session, start, end))
    entries.sort(key=lambda e: (e.time, e.order, e.record_id))
    counts = figures(session, day)
    log = _log(session, day)
    who = recorded_by(session, day)
    if log is None or log.deleted_at is not None:
        version = log.version if log else 0
        return DutyDay(day, entries, figures=counts, version=version, recorded_by=who)
    return DutyDay(
        day, entries, log.notes, log.handover, log.on_duty, counts, log.version, recorded_by=who
    )


# -- saving the notes ----------------------------------------------------------------------


def save_notes(
    session: Session,
    day: date,
    notes: str,
    handover: str,
    on_duty: str,
    seen_version: int | None = None,
) -> int:
    """Keep the notes, handover note and person on duty of ``day`` (one row per day), with
    an audit Event in the same transaction, over the version the screen read
    (``RecordChanged`` if another window saved since). Nothing changed: nothing is
    written. Returns the new version."""
    values = {"notes": notes, "handover": handover, "on_duty": on_duty.strip()}
    log = _log(session, day)
    current = log.version if log else 0
    if seen_version is not None and current != seen_version:
        event = audit.last_change(session, "dutylog", log.id or 0) if log else None
        raise RecordChanged(
            "duty",
            log.id if log and log.id else 0,
            current,
            event.actor if event else "",
            clock.to_local(event.at) if event else None,
        )
    if log is None:
        if not any(values.values()):
            return 0
        log = DutyLog(day=day, notes=notes, handover=handover, on_duty=values["on_duty"])
        session.add(log)
        session.flush()
        audit.record(session, "create", "dutylog", log.id, audit.values(log))
        return log.version
    extra: dict[str, list[object]] = {}
    if log.deleted_at is not None:
        extra["deleted_at"] = [log.deleted_at, None]
        log.deleted_at = None
    audit.apply_edit(session, log, "dutylog", values, extra=extra)
    return log.version


def merge_notes(theirs: dict[str, str], mine: dict[str, str]) -> dict[str, str]:
    """Notes saved elsewhere with what was typed here added below them, so neither is lost
    (the duty log offers it when another window saved the same day first)."""
    out = dict(theirs)
    for name in ("notes", "handover"):
        typed = mine.get(name, "")
        if typed.strip() and typed.strip() not in theirs.get(name, ""):
            out[name] = f"{theirs.get(name, '').rstrip()}\n\n{typed}".lstrip("\n")
    if mine.get("on_duty") and not theirs.get("on_duty"):
        out["on_duty"] = mine["on_duty"]
    return out


# -- exports -------------------------------------------------------------------------------


def _line(value: str) -> str:
    """User text on one line of the file, without terminal control characters."""
    return safe(" ".join(value.splitlines()), multiline=True)


def _block(value: str) -> str:
    """User text as typed, without terminal control characters or trailing blank lines."""
    return safe(value, multiline=True).strip("\n")


def _md_line(value: str) -> str:
    """User text on one line of Markdown, rendering as itself."""
    return markdown_escape(_line(value))


def _md_block(value: str) -> str:
    """User text as Markdown paragraphs that render as typed: each line stays a line (a
    hard break, backslash-newline), a blank line still separates paragraphs."""
    lines = _block(value).split("\n")
    return "\n\n".join(
        "\\\n".join(markdown_escape(line) for line in paragraph)
        for filled, paragraph in groupby(lines, key=lambda line: bool(line.strip()))
        if filled
    )


def _entry_line(entry: DayEntry, line: Callable[[str], str] = _line) -> str:
    label = _(entry.label) if entry.label else entry.kind
    return f"{entry.time:%H:%M} {label} {line(entry.text)}"


def _sections(
    duty: DutyDay, line: Callable[[str], str] = _line, block: Callable[[str], str] = _block
) -> tuple[str, list[tuple[str, list[str] | str]]]:
    """The title and the sections; ``line`` and ``block`` write the user's text."""
    title = _title(duty.day)
    nothing = _("Nothing recorded.")
    entries = [_entry_line(e, line) for e in duty.entries]
    return title, [
        (_("The day in figures"), listing(duty.figures) or nothing),
        (_("The day's record"), entries or nothing),
        (_("Notes of the day"), block(duty.notes) or nothing),
        (_("Handover"), block(duty.handover) or nothing),
    ]


def heading(day: date, office_name: str, weekday: bool = True) -> str:
    """The heading "Duty log" and the day, after the office's name when there is one."""
    shown = format_date(day, weekday=weekday)
    if office_name:
        return _("{office} duty log {date}").format(office=office_name, date=shown)
    return _("Duty log {date}").format(date=shown)


def _title(day: date, weekday: bool = True) -> str:
    """The heading of the files, naming the configured office."""
    from secdesk.config import office

    return heading(day, office().name, weekday)


def export_docx(duty: DutyDay, path: Path) -> Path:
    """The day and its handover note as a 公文 (``io.gongwen``) signed by the configured
    office: each section under 一、二、…, the notes and the handover note a paragraph a
    line."""
    from secdesk.config import office
    from secdesk.io import gongwen

    _heading, sections = _sections(duty)
    body: list[gongwen.Block] = []
    if on_duty := _on_duty(duty):
        body.append(("label", on_duty))
    for number, (heading, text) in enumerate(sections, start=1):
        body.append(("h1", gongwen.level_number(1, number) + heading))
        lines = text if isinstance(text, list) else [t for t in text.split("\n") if t.strip()]
        body += [("para", line) for line in lines]
    paper = gongwen.Paper(
        title=_title(duty.day, weekday=False), office=office().name, day=duty.day, body=body
    )
    return gongwen.write(paper, path)


def _on_duty(duty: DutyDay, line: Callable[[str], str] = _line) -> str:
    """值班人: who was on duty as written; when nobody wrote it, who recorded the day (as
    the audit trail names them: never a name the paper would only guess was on duty)."""
    who = line(duty.on_duty.strip())
    if who:
        return _("On duty: {name}").format(name=who)
    if duty.recorded_by:
        return _("Recorded by: {names}").format(names=line(names(duty.recorded_by)))
    return ""


def export_markdown(duty: DutyDay) -> str:
    """The day as Markdown: a title, the entries by time, the notes and the handover note.
    Every piece of user text is escaped (``markdown_escape``): it renders as typed."""
    title, sections = _sections(duty, _md_line, _md_block)
    out = [f"# {title}", ""]
    if on_duty := _on_duty(duty, _md_line):
        out += [on_duty, ""]
    for heading, body in sections:
        out += [f"## {heading}", ""]
        if isinstance(body, list):
            out += [f"- {line}" for line in body]
        else:
            out.append(body)
        out.append("")
    return "\n".join(out)


def export_text(duty: DutyDay) -> str:
    """The day as plain text for printing, headings underlined to their width on screen."""
    from rich.cells import cell_len

    title, sections = _sections(duty)
    out = [title, "=" * cell_len(title), ""]
    if on_duty := _on_duty(duty):
        out += [on_duty, ""]
    for heading, body in sections:
        out += [heading, "-" * cell_len(heading)]
        out += body if isinstance(body, list) else [body]
        out.append("")
    return "\n".join(out)


def write_exports(duty: DutyDay, directory: Path) -> tuple[Path, Path, Path]:
    """Write ``duty-<day>.md``, ``duty-<day>.txt`` and ``duty-<day>.docx`` (the handover
    paper) into ``directory`` (created private if missing); returns their paths."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    paths = (directory / f"duty-{duty.day}.md", directory / f"duty-{duty.day}.txt")
    for path, content in zip(paths, (export_markdown(duty), export_text(duty)), strict=True):
        write_private_text(path, content)
    return (*paths, export_docx(duty, directory / f"duty-{duty.day}.docx"))
