"""值班日志: the day's diary, read from what the desk recorded that day, with the notes and the
handover note of the person on duty; exported as Markdown and plain text for printing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby
from pathlib import Path

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from secdesk import clock
from secdesk.i18n import N_, _, format_date
from secdesk.models import DutyLog, IncomingDocument, Meeting, Visit
from secdesk.services import audit
from secdesk.services.calls import calls_between
from secdesk.services.visits import visits_between
from secdesk.textsafe import markdown_escape, safe

#: DayEntry.kind -> what it is called (msgid), for the kinds with one name.
KIND_LABELS = {
    "visit": N_("Visitor arrived"),
    "visit_left": N_("Visitor left"),
    "meeting": N_("Meeting"),
}
CALL_LABELS = {"incoming": N_("Incoming call"), "outgoing": N_("Outgoing call")}
DOCUMENT_LABELS = {"received": N_("Document received"), "completed": N_("Document completed")}

#: The order of entries at the same minute: a visitor arrives before they leave.
_KIND_ORDER = {"meeting": 0, "document": 1, "visit": 2, "call": 3, "visit_left": 4}


@dataclass(frozen=True)
class DayEntry:
    """One thing that happened on the day, as the duty log lists it."""

    time: datetime
    """Local time."""
    kind: str
    """call, visit, visit_left, document or meeting."""
    text: str
    """What happened, in the interface language (user text as typed: not markup-safe)."""
    label: str = ""
    """What kind of entry it is, as an English msgid (Incoming call, Visitor left...)."""
    record_id: int = 0
    """The call, visit, incoming document or meeting it comes from."""


@dataclass
class DutyDay:
    """Everything the duty log shows for one local day."""

    day: date
    entries: list[DayEntry] = field(default_factory=list)
    """In time order."""
    notes: str = ""
    handover: str = ""
    on_duty: str = ""


# -- composing the day ---------------------------------------------------------------------


def _with(text: str, detail: str) -> str:
    """``text (detail)``; just ``text`` without a detail."""
    if not detail:
        return text
    if not text:
        return detail
    return _("{text} ({detail})").format(text=text, detail=detail)


def _saying(text: str, detail: str) -> str:
    """``text: detail``; just one of them if the other is empty."""
    if not detail:
        return text
    if not text:
        return detail
    return _("{text}: {detail}").format(text=text, detail=detail)


def _document_text(doc: IncomingDocument) -> str:
    text = _("“{title}”").format(title=doc.title)
    if doc.sender:
        text = _("{title} from {sender}").format(title=text, sender=doc.sender)
    return _with(text, doc.doc_number)


def _meeting_text(meeting: Meeting) -> str:
    details = []
    if meeting.location:
        details.append(meeting.location)
    if meeting.chair:
        details.append(_("chaired by {chair}").format(chair=meeting.chair))
    detail = ""
    for part in details:
        detail = _("{first}, {second}").format(first=detail, second=part) if detail else part
    return _with(meeting.title, detail)


def _calls(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    entries = []
    for call in calls_between(session, start, end):
        text = _saying(_with(call.caller or call.number, call.organization), call.summary)
        if call.message_for:
            text = _("{text} (for {whom})").format(text=text, whom=call.message_for)
        entries.append(
            DayEntry(call.at, "call", text, CALL_LABELS.get(call.direction, ""), call.id)
        )
    return entries


def _visits(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    entries = []
    for row, left_at, purpose in visits_between(session, start, end):
        who = _with(row.name, row.organization)
        text = _("{visitor} to see {host}").format(visitor=who, host=row.host) if row.host else who
        entries.append(
            DayEntry(row.arrived_at, "visit", _saying(text, purpose), KIND_LABELS["visit"], row.id)
        )
        if left_at is not None and left_at < clock.to_local(end):
            entries.append(DayEntry(left_at, "visit_left", who, KIND_LABELS["visit_left"], row.id))
    # Visitors who came on an earlier day and left on this one.
    earlier = session.exec(
        select(Visit).where(
            col(Visit.deleted_at).is_(None),
            Visit.arrived_at < start,
            col(Visit.left_at) >= start,
            col(Visit.left_at) < end,
        )
    ).all()
    for visit in earlier:
        assert visit.left_at is not None
        entries.append(
            DayEntry(
                clock.to_local(visit.left_at),
                "visit_left",
                _with(visit.name, visit.organization),
                KIND_LABELS["visit_left"],
                visit.id or 0,
            )
        )
    return entries


def _documents(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    received = and_(IncomingDocument.received_at >= start, IncomingDocument.received_at < end)
    completed = and_(
        col(IncomingDocument.completed_at) >= start, col(IncomingDocument.completed_at) < end
    )
    docs = session.exec(
        select(IncomingDocument).where(
            col(IncomingDocument.deleted_at).is_(None), or_(received, completed)
        )
    ).all()
    entries = []
    for doc in docs:
        text = _document_text(doc)
        for label, moment in (
            (DOCUMENT_LABELS["received"], doc.received_at),
            (DOCUMENT_LABELS["completed"], doc.completed_at),
        ):
            if moment is None:
                continue
            local = clock.to_local(moment)
            if start <= local < end:
                entries.append(DayEntry(local, "document", text, label, doc.id or 0))
    return entries


def _meetings(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    rows = session.exec(
        select(Meeting).where(
            col(Meeting.deleted_at).is_(None),
            col(Meeting.cancelled).is_(False),
            Meeting.starts_at >= start,
            Meeting.starts_at < end,
        )
    ).all()
    return [
        DayEntry(
            clock.to_local(m.starts_at),
            "meeting",
            _meeting_text(m),
            KIND_LABELS["meeting"],
            m.id or 0,
        )
        for m in rows
    ]


def _log(session: Session, day: date) -> DutyLog | None:
    return session.exec(select(DutyLog).where(DutyLog.day == day)).first()


def compose_day(session: Session, day: date) -> DutyDay:
    """The local ``day``: its calls, visitors (arrived and left), incoming documents
    (received and completed) and meetings (not cancelled) in time order, with the notes."""
    start, end = clock.day_bounds(day)
    entries = [
        *_calls(session, start, end),
        *_visits(session, start, end),
        *_documents(session, start, end),
        *_meetings(session, start, end),
    ]
    entries.sort(key=lambda e: (e.time, _KIND_ORDER.get(e.kind, 9), e.record_id))
    log = _log(session, day)
    if log is None or log.deleted_at is not None:
        return DutyDay(day, entries)
    return DutyDay(day, entries, log.notes, log.handover, log.on_duty)


# -- saving the notes ----------------------------------------------------------------------


def save_notes(session: Session, day: date, notes: str, handover: str, on_duty: str) -> None:
    """Keep the notes, handover note and person on duty of ``day`` (one row per day),
    with an audit Event in the same transaction. Nothing changed: nothing is written."""
    values = {"notes": notes, "handover": handover, "on_duty": on_duty.strip()}
    log = _log(session, day)
    if log is None:
        if not any(values.values()):
            return
        log = DutyLog(day=day, **values)
        session.add(log)
        session.flush()
        audit.record(session, "create", "dutylog", log.id, audit.values(log))
        return
    changes: dict[str, list[object]] = {}
    if log.deleted_at is not None:
        changes["deleted_at"] = [log.deleted_at, None]
        log.deleted_at = None
    for name, value in values.items():
        old = getattr(log, name)
        if old != value:
            changes[name] = [old, value]
            setattr(log, name, value)
    if changes:
        log.updated_at = clock.now_utc()
        session.add(log)
        audit.record(session, "update", "dutylog", log.id, changes)


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
    title = _("Duty log {date}").format(date=format_date(duty.day))
    nothing = _("Nothing recorded.")
    entries = [_entry_line(e, line) for e in duty.entries]
    return title, [
        (_("The day's record"), entries or nothing),
        (_("Notes of the day"), block(duty.notes) or nothing),
        (_("Handover"), block(duty.handover) or nothing),
    ]


def _on_duty(duty: DutyDay, line: Callable[[str], str] = _line) -> str:
    who = line(duty.on_duty.strip())
    return _("On duty: {name}").format(name=who) if who else ""


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


def write_exports(duty: DutyDay, directory: Path) -> tuple[Path, Path]:
    """Write ``duty-<day>.md`` and ``duty-<day>.txt`` into ``directory`` (created private
    if missing); returns their paths."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    paths = (directory / f"duty-{duty.day}.md", directory / f"duty-{duty.day}.txt")
    for path, content in zip(paths, (export_markdown(duty), export_text(duty)), strict=True):
        path.write_text(content, encoding="utf-8")
    return paths
