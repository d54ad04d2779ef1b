"""The demo's telephone log (电话记录): ten thousand calls a year in office hours, and
today's so far, a few of them with a message still to pass on.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from secdesk.calendar import clock
from secdesk.demo.office import DemoOffice, Row, stamped
from secdesk.demo.people import SURNAMES, mobile
from secdesk.demo.words import (
    CALL_SUMMARIES_IN,
    CALL_SUMMARIES_OUT,
    CALL_SUMMARIES_PUBLIC,
    ISSUES,
    MEETING_ROOMS,
    REPORT_ITEMS,
    WHEN,
)

#: Calls a year, some forty a working day.
CALLS_PER_YEAR = 10_000


def calls(office: DemoOffice) -> list[Row]:
    """The history's calls, then today's so far, three to five awaiting a follow-up."""
    rng = office.rng
    rows: list[Row] = []
    for day, count in office.spread(CALLS_PER_YEAR * office.years):
        recent = (office.today - day).days <= 2
        for at in office.day_moments(day, count):
            rows.append(_call(office, len(rows) + 1, at, recent))
    todays = rng.randint(10, 20)
    fractions = sorted(rng.random() for _ in range(todays))
    awaiting = set(rng.sample(range(todays), rng.randint(3, 5)))
    for i, fraction in enumerate(fractions):
        row = _call(office, len(rows) + 1, office.so_far_today(fraction), recent=True)
        if i in awaiting:
            row["follow_up"] = True
            row["message_status"] = "to_pass"
            row["message_for"] = row["message_for"] or office.leader_address()
        rows.append(row)
    return rows


def _call(office: DemoOffice, call_id: int, at: datetime, recent: bool) -> Row:
    rng = office.rng
    direction = "incoming" if rng.random() < 0.72 else "outgoing"
    if rng.random() < 0.75:
        person = rng.choices(office.people, cum_weights=office.people_weights)[0]
        caller, contact_id, unit = person.name, person.id, person.unit
        number = rng.choice(person.numbers)
        public = person.relation == "grassroots" and not unit
    else:
        caller = rng.choice(SURNAMES[:40]) + rng.choice(("先生", "女士"))
        contact_id, unit, number, public = None, "", mobile(rng), True
    summary = _summary(office, direction, public, at)
    follow_up = rng.random() < 0.12
    message_for = ""
    if follow_up or rng.random() < 0.3:
        message_for = office.leader_address() if rng.random() < 0.7 else office.department_name()
    status = "no_action"
    if message_for:
        status = "to_pass" if recent and rng.random() < 0.3 else "passed"
    duration = int(rng.triangular(15, 900, 90))
    created = at + timedelta(seconds=duration + rng.randint(10, 300))
    return {
        "id": call_id,
        "at": at,
        "direction": direction,
        "caller": caller,
        "number": number,
        "organization": unit,
        "contact_id": contact_id,
        "summary": summary,
        "message_for": message_for,
        "follow_up": follow_up,
        "message_status": status,
        "duration_s": duration,
        "source": "desk",
        "external_id": None,
        **stamped(
            created, created + timedelta(minutes=rng.randint(5, 90)) if status == "passed" else None
        ),
    }


def _summary(office: DemoOffice, direction: str, public: bool, at: datetime) -> str:
    rng = office.rng
    local = clock.to_local(at)
    if public and direction == "incoming":
        templates: Sequence[str] = CALL_SUMMARIES_PUBLIC
    else:
        templates = CALL_SUMMARIES_IN if direction == "incoming" else CALL_SUMMARIES_OUT
    return rng.choice(templates).format(
        year=local.year + (1 if local.month >= 10 else 0),
        topic=office.topic(local.month),
        when=rng.choice(WHEN),
        room=rng.choice(MEETING_ROOMS),
        leader=office.leader_address(),
        item=rng.choice(REPORT_ITEMS),
        issue=rng.choice(ISSUES),
    )
