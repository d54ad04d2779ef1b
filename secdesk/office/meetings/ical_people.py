"""Who chairs a meeting and who is asked to it, in calendar files: the chair is the event's
ORGANIZER, the participants its ATTENDEEs (出席 a required participant, 列席 an optional
one, 请假 one who declined, with the reason given in the ATTENDEE's ``X-SECDESK-REASON``
parameter, which calendar programs keep as they found it).

Wing: office/meetings. Must not import screens, widgets, app, cli, care or demo; of this
package it imports nothing.

Read as Outlook, Google and Thunderbird write them: the name is the ``CN`` parameter, else
the address without ``mailto:``; rooms and resources (``CUTYPE=ROOM``) are no participants,
and the organiser listed again among the attendees is the chair, not a participant.
Written with the contact book's e-mail address, else Apple's ``invalid:nomail`` (a person
without an address), so every program reads the name back.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from secdesk.models import Contact, Meeting, MeetingParticipant, ParticipantRole

NO_MAIL = "invalid:nomail"
REASON = "X-SECDESK-REASON"
"""The ATTENDEE parameter holding why an excused participant is excused (请假事由)."""
#: ATTENDEE parameters of each role, and back.
_ROLE_PARAMS = {
    ParticipantRole.attend: {"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "ACCEPTED"},
    ParticipantRole.observe: {"ROLE": "OPT-PARTICIPANT", "PARTSTAT": "ACCEPTED"},
    ParticipantRole.excused: {"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "DECLINED"},
}


def _address(value: Any) -> str:
    text = str(value).strip()
    if text.lower() == NO_MAIL:
        return ""
    return text[7:] if text.lower().startswith("mailto:") else text


def _name(value: Any) -> str:
    params = getattr(value, "params", {}) or {}
    return str(params.get("CN") or "").strip().strip('"') or _address(value)


def _listed(event: Any, prop: str) -> list[Any]:
    found = event.get(prop)
    if found is None:
        return []
    return list(found) if isinstance(found, list) else [found]


def people_of(event: Any) -> tuple[str, list[tuple[str, str, str]]]:
    """(chair, [(participant, role, reason excused)]) of a VEVENT."""
    organizer = event.get("ORGANIZER")
    chair = _name(organizer) if organizer is not None else ""
    chair_address = _address(organizer).casefold() if organizer is not None else ""
    people: list[tuple[str, str, str]] = []
    for attendee in _listed(event, "ATTENDEE"):
        params = getattr(attendee, "params", {}) or {}
        if str(params.get("CUTYPE") or "").upper() in ("ROOM", "RESOURCE"):
            continue
        name = _name(attendee)
        address = _address(attendee).casefold()
        if not name or (chair_address and address == chair_address) or name == chair:
            continue
        if str(params.get("PARTSTAT") or "").upper() == "DECLINED":
            role = ParticipantRole.excused
        elif str(params.get("ROLE") or "").upper() in ("OPT-PARTICIPANT", "NON-PARTICIPANT"):
            role = ParticipantRole.observe
        else:
            role = ParticipantRole.attend
        reason = str(params.get(REASON) or "").strip() if role == ParticipantRole.excused else ""
        if name not in (n for n, *_rest in people):
            people.append((name, str(role), reason))
    return chair, people


def save_participants(
    session: Session, meeting: Meeting, people: list[tuple[str, str, str]]
) -> None:
    """The participants of a meeting just read from a file, as rows (each linked to the
    contact of that name, when the book has one)."""
    assert meeting.id is not None
    book = _contacts(session, [name for name, *_rest in people])
    for position, (name, role, reason) in enumerate(people):
        contact = book.get(name)
        session.add(
            MeetingParticipant(
                meeting_id=meeting.id,
                position=position,
                name=name,
                contact_id=contact.id if contact else None,
                role=role,
                reason=reason,
            )
        )


def _contacts(session: Session, names: list[str]) -> dict[str, Contact]:
    if not names:
        return {}
    found = session.exec(
        select(Contact).where(col(Contact.name).in_(names), col(Contact.deleted_at).is_(None))
    ).all()
    return {c.name: c for c in found}


def add_people(session: Session, event: Any, meeting: Meeting) -> None:
    """ORGANIZER (the chair) and one ATTENDEE per participant, on ``event``."""
    import icalendar

    people = (
        session.exec(
            select(MeetingParticipant)
            .where(MeetingParticipant.meeting_id == meeting.id)
            .order_by(col(MeetingParticipant.position))
        ).all()
        if meeting.id is not None
        else []
    )
    book = _contacts(session, [meeting.chair, *(p.name for p in people)])
    if not people:
        book.update(_contacts(session, meeting.participants.split("、")))

    def address(name: str, params: dict[str, str]) -> Any:
        contact = book.get(name)
        email = contact.email if contact is not None and contact.email else ""
        value = icalendar.vCalAddress(f"mailto:{email}" if email else NO_MAIL)
        value.params["CN"] = name
        value.params.update(params)
        return value

    if meeting.chair:
        event.add("ORGANIZER", address(meeting.chair, {}))
    # A moved occurrence keeps its series' participants as one line of names, no rows.
    asked = [(p.name, ParticipantRole(p.role), p.reason) for p in people] or [
        (name, ParticipantRole.attend, "") for name in meeting.participants.split("、") if name
    ]
    for name, role, reason in asked:
        params = {"CUTYPE": "INDIVIDUAL", **_ROLE_PARAMS[role]}
        if role == ParticipantRole.excused and reason.strip():
            params[REASON] = reason.strip()
        event.add("ATTENDEE", address(name, params))
