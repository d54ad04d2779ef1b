"""The meeting record: ``MeetingService`` (validating and storing the form, its participants
and agenda rows, the checklist a new meeting starts with) and the rows a meeting owns.

Wing: office/meetings. Must not import screens, widgets, app, cli, care or demo; of
this package only ``fields`` and ``recurrence``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.i18n import N_, _, format_moment
from secdesk.models import (
    AgendaItem,
    ChecklistItem,
    Contact,
    Decision,
    Meeting,
    MeetingParticipant,
    ParticipantRole,
)
from secdesk.office.meetings.fields import (
    ROLE_SHOWN,
    agenda_minutes,
    agenda_timing,
    checklist_template,
    parse_end,
    parse_role,
)
from secdesk.office.meetings.recurrence import check_rule
from secdesk.services import audit
from secdesk.services.inputs import MeetingInput
from secdesk.services.phrases import with_detail
from secdesk.services.records import RecordService, live_children
from secdesk.services.views import Cell, Row, Saved, Tone

NO_TITLE = N_("Name the meeting")


def _children(session: Session, model: Any, meeting_id: int) -> list[Any]:
    return live_children(session, model, "meeting_id", meeting_id, "position")


def participants_of(session: Session, meeting_id: int) -> list[MeetingParticipant]:
    return _children(session, MeetingParticipant, meeting_id)


def agenda_of(session: Session, meeting_id: int) -> list[AgendaItem]:
    return _children(session, AgendaItem, meeting_id)


def checklist_of(session: Session, meeting_id: int) -> list[ChecklistItem]:
    return _children(session, ChecklistItem, meeting_id)


def decisions_of(session: Session, meeting_id: int) -> list[Decision]:
    return _children(session, Decision, meeting_id)


class MeetingService(RecordService):
    def validate(self, session: Session, data: MeetingInput) -> MeetingInput:
        self.required(data, "title", NO_TITLE)
        start = clock.to_local(data.starts_at)
        parse_end(data.ends, start)
        for row in data.participants:
            parse_role(row[1] if len(row) > 1 else "")
        agenda_minutes(data.agenda)
        data.rrule = check_rule(data.rrule)
        return data

    def stored(self, session: Session, data: MeetingInput, obj: Any = None) -> dict[str, Any]:
        start = clock.to_local(data.starts_at)
        timing = agenda_timing(start, data.ends, data.agenda)
        end = timing.booked_end or timing.expected_end
        return {
            "title": data.title,
            "starts_at": clock.to_utc(start),
            "ends_at": clock.to_utc(end) if end else None,
            "meeting_type": data.meeting_type,
            "location": data.location.strip(),
            "chair": data.chair.strip(),
            "recorder": data.recorder.strip(),
            "participants": "、".join(r[0].strip() for r in data.participants if r[0].strip()),
            "materials": data.materials,
            "notes": data.notes,
            "rrule": data.rrule,
        }

    def _write_children(self, session: Session, obj: Meeting, data: MeetingInput) -> None:
        """Replace the participants and agenda with the form's rows; attendance already
        marked is kept for the same name."""
        assert obj.id is not None
        old_people = participants_of(session, obj.id)
        attended = {p.name: p.attended for p in old_people}
        for child in [*old_people, *agenda_of(session, obj.id)]:
            session.delete(child)
        names = [r[0].strip() for r in data.participants if r and r[0].strip()]
        contacts = {
            c.name: c.id
            for c in session.exec(
                select(Contact).where(
                    col(Contact.name).in_(names), col(Contact.deleted_at).is_(None)
                )
            ).all()
        }
        for position, row in enumerate(r for r in data.participants if r and r[0].strip()):
            name = row[0].strip()
            session.add(
                MeetingParticipant(
                    meeting_id=obj.id,
                    position=position,
                    name=name,
                    contact_id=contacts.get(name),
                    role=parse_role(row[1] if len(row) > 1 else ""),
                    reason=(row[2] if len(row) > 2 else "").strip(),
                    attended=attended.get(name),
                )
            )
        minutes = agenda_minutes(data.agenda)
        for position, row in enumerate(data.agenda):
            if not row or not row[0].strip():
                continue
            session.add(
                AgendaItem(
                    meeting_id=obj.id,
                    position=position,
                    title=row[0].strip(),
                    presenter=(row[1] if len(row) > 1 else "").strip(),
                    minutes=minutes[position],
                )
            )

    def create(self, session: Session, data: MeetingInput, **extra: Any) -> Saved:
        settings = extra.pop("settings", None)
        data = self.validate(session, data)
        obj = Meeting(**self.stored(session, data), **extra)
        session.add(obj)
        session.flush()
        assert obj.id is not None
        self._write_children(session, obj, data)
        for position, label in enumerate(checklist_template(data.meeting_type, settings)):
            session.add(ChecklistItem(meeting_id=obj.id, position=position, label=label))
        audit.record(
            session,
            "create",
            self.kind.entity,
            obj.id,
            {
                **audit.values(obj),
                "rows": {"participants": data.participants, "agenda": data.agenda},
            },
        )
        return self.created(session, obj, data)

    def update(
        self, session: Session, record_id: int, data: MeetingInput, seen_version: int | None = None
    ) -> Saved:
        obj = self.for_update(session, record_id, seen_version)
        data = self.validate(session, data)
        before = self.input_of(session, obj)
        rows: dict[str, list[Any]] = {}
        for name in ("participants", "agenda"):
            old = [list(r) for r in getattr(before, name)]
            new = [list(r) for r in getattr(data, name)]
            if old != new:
                rows[name] = [old, new]
        self._write_children(session, obj, data)
        audit.apply_edit(
            session, obj, self.kind.entity, self.stored(session, data, obj), extra=rows
        )
        return Saved(self.kind_name, record_id, version=obj.version, label=self.label_of(obj))

    def input_of(self, session: Session, obj: Meeting) -> MeetingInput:
        assert obj.id is not None
        start = clock.to_local(obj.starts_at)
        ends = ""
        if obj.ends_at is not None:
            end = clock.to_local(obj.ends_at)
            ends = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
        return MeetingInput(
            title=obj.title,
            starts_at=start,
            ends=ends,
            meeting_type=obj.meeting_type,
            location=obj.location,
            chair=obj.chair,
            recorder=obj.recorder,
            participants=[
                (p.name, ROLE_SHOWN[ParticipantRole(p.role)], p.reason)
                for p in participants_of(session, obj.id)
            ],
            agenda=[
                (a.title, a.presenter, str(a.minutes) if a.minutes else "")
                for a in agenda_of(session, obj.id)
            ],
            materials=obj.materials,
            notes=obj.notes,
            rrule=obj.rrule,
        )

    def opening_row(self, found: list[Meeting], today: date) -> int | None:
        """The list (latest first) opens on the next meeting from today: the last of those
        that start today or later."""
        ahead = [i for i, m in enumerate(found) if clock.to_local(m.starts_at).date() >= today]
        return ahead[-1] if ahead else 0

    def row(self, obj: Meeting, today: date) -> Row:
        tone = Tone.muted if obj.cancelled else Tone.plain
        return Row(
            "meeting",
            obj.id or 0,
            (
                Cell(format_moment(clock.to_local(obj.starts_at), today), tone),
                Cell(with_detail(obj.title, _("cancelled")) if obj.cancelled else obj.title, tone),
                Cell(obj.location),
                Cell(obj.chair),
            ),
            self.json_values(obj),
        )

    def detail_extra(self, session: Session, obj: Meeting) -> list[tuple[str, str]]:
        assert obj.id is not None
        lines: list[tuple[str, str]] = []
        if obj.rrule:
            lines.append((N_("Repeats"), obj.rrule))
        for item in agenda_of(session, obj.id):
            shown = " · ".join(p for p in (item.title, item.presenter) if p)
            if item.minutes:
                shown += " " + _("({n} min)").format(n=item.minutes)
            lines.append((N_("Agenda item"), shown))
        for p in participants_of(session, obj.id):
            role = ROLE_SHOWN[ParticipantRole(p.role)]
            shown = f"{p.name} · {role}" + (f" ({p.reason})" if p.reason else "")
            if p.attended is not None:
                shown += " · " + (_("came") if p.attended else _("did not come"))
            lines.append((N_("Participant"), shown))
        for step in checklist_of(session, obj.id):
            lines.append((N_("Checklist"), ("☑ " if step.done else "☐ ") + step.label))
        if obj.overview:
            lines.append((N_("Minutes"), obj.overview))
        for d in decisions_of(session, obj.id):
            shown = d.text
            if d.supervision_id:
                shown += " · " + _("supervised as #{id}").format(id=d.supervision_id)
            lines.append((N_("Decision"), shown))
        return lines


SERVICE = MeetingService("meeting")
