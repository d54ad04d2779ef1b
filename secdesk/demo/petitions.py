"""The demo's letters and visits (信访): from the public, answered over the history, the last
weeks' still waiting for the reply.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

from datetime import timedelta

from secdesk.demo.office import DemoOffice, Row, stamped
from secdesk.demo.people import mobile
from secdesk.demo.words import ISSUES, PETITION_TEMPLATES

#: Letters and visits from the public a year.
PETITIONS_PER_YEAR = 200


def petitions(office: DemoOffice) -> list[Row]:
    """Letters, visits, calls and online messages from the public: answered over the
    history, some registered in the last weeks still waiting for the reply."""
    from secdesk.calendar.rules import rule
    from secdesk.office.petitions import reply_due

    complete = rule("petition_complete")

    rng = office.rng
    rows: list[Row] = []
    recent = office.today - timedelta(days=20)
    for day in office.record_days(PETITIONS_PER_YEAR * office.years):
        received = office.office_moment(day)
        waiting = day >= recent and rng.random() < 0.6
        status = "registered" if waiting else rng.choice(("replied", "closed"))
        if waiting and day < office.today - timedelta(days=5) and rng.random() < 0.5:
            status = "accepted"
        channel = rng.choices(("letter", "visit", "phone", "online"), (2, 2, 3, 3))[0]
        category = rng.choices(("appeal", "suggestion", "accusation"), (6, 3, 1))[0]
        handled = status in ("replied", "closed")
        accepted_on = day + timedelta(days=rng.randint(1, 10)) if status != "registered" else None
        replied_on = (
            accepted_on + timedelta(days=rng.randint(5, 40)) if handled and accepted_on else None
        )
        rows.append(
            {
                "id": len(rows) + 1,
                "channel": channel,
                "petitioner": office.person_name(),
                "phone": mobile(rng) if channel != "letter" else "",
                "content": rng.choice(PETITION_TEMPLATES).format(
                    issue=rng.choice(ISSUES), place=office.department_name()
                ),
                "received_at": received,
                "reply_due": reply_due(received),
                "category": category,
                "accepted_on": accepted_on,
                "complete_due": complete.due(accepted_on).day if accepted_on else None,
                "replied_on": replied_on,
                "reply": "已书面答复" if replied_on else "",
                "status": status,
                "call_id": None,
                **stamped(received),
                "version": 1,
            }
        )
    return rows
