"""The demo's visitors (来访登记): badges handed out over the history, everybody signed out
but the last visitor of the last working day, and today's callers, some still in the building.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from secdesk.calendar import clock
from secdesk.demo.office import DemoOffice, Row, stamped
from secdesk.demo.people import COLLEAGUE_SECTIONS, Person, mobile, resident_id
from secdesk.demo.words import ISSUES, REPORT_ITEMS, VISIT_PURPOSES

#: Visitors a year.
VISITS_PER_YEAR = 2_500


def visits(office: DemoOffice) -> list[Row]:
    """The history's visitors, badges numbered afresh each day, then today's."""
    rng = office.rng
    rows: list[Row] = []
    for day, count in office.spread(VISITS_PER_YEAR * office.years):
        for badge, arrived in enumerate(office.day_moments(day, count), start=1):
            left = arrived + timedelta(minutes=rng.randint(15, 180))
            rows.append(_visit(office, len(rows) + 1, arrived, left, badge))
    if rows:  # the last visitor of the last working day never signed out
        rows[-1]["left_at"] = None
        rows[-1]["updated_at"] = rows[-1]["created_at"]
    gone, inside = rng.randint(3, 8), rng.randint(2, 4)
    for badge in range(1, gone + 1):
        fraction = rng.random() * 0.8
        arrived = office.so_far_today(fraction)
        left = office.so_far_today(fraction + (1 - fraction) * rng.random())
        rows.append(_visit(office, len(rows) + 1, arrived, left, badge))
    for badge in range(gone + 1, gone + inside + 1):
        arrived = office.so_far_today(rng.uniform(0.7, 1.0))
        rows.append(_visit(office, len(rows) + 1, arrived, None, badge))
    return rows


def _visit(
    office: DemoOffice, visit_id: int, arrived: datetime, left: datetime | None, badge: int
) -> Row:
    rng = office.rng
    person: Person | None = None
    if rng.random() < 0.2:
        person = rng.choice(office.people)
        name, unit = person.name, person.unit
        phone = person.numbers[0]  # always the mobile
    else:
        name, phone = office.person_name(), mobile(rng)
        unit = rng.choice(office.units).name if rng.random() < 0.85 else ""
    month = clock.to_local(arrived).month
    purpose = rng.choice(VISIT_PURPOSES).format(
        topic=office.topic(month), item=rng.choice(REPORT_ITEMS), issue=rng.choice(ISSUES)
    )
    host = office.leader_address() if rng.random() < 0.5 else rng.choice(COLLEAGUE_SECTIONS)
    id_number = ""
    if rng.random() < 0.6:
        born = date(rng.randint(1958, 2002), rng.randint(1, 12), rng.randint(1, 28))
        id_number = resident_id(rng, born)
    return {
        "id": visit_id,
        "name": name,
        "organization": unit,
        "id_number": id_number,
        "phone": phone,
        "host": host,
        "purpose": purpose,
        "arrived_at": arrived,
        "left_at": left,
        "badge": f"{badge:02d}" if rng.random() < 0.8 else "",
        "contact_id": person.id if person else None,
        **stamped(arrived, left),
    }
