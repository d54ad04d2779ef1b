"""The demo's incoming documents (收文): three thousand a year, numbered as their senders
number them, nearly all handled and many filed, an in-tray of thirty still open (a few
urgent, a few classified), and the ones circulating with the leaders (传阅).

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from itertools import accumulate

from secdesk.calendar import clock
from secdesk.demo.office import DemoOffice, Row, stamped
from secdesk.demo.units import Unit
from secdesk.demo.words import DOC_TITLES, DOC_TYPES, INSTRUCTIONS, PROPOSALS, REPORT_ITEMS
from secdesk.models.document import CLOSED_INCOMING, IncomingStatus

#: Documents received a year.
DOCUMENTS_PER_YEAR = 3_000
#: Types that come up from lower units; the rest come down or across.
UPWARD_TYPES = {"请示", "报告"}
#: Types numbered with the sender's 函 code.
LETTER_TYPES = {"函", "批复"}
OPEN_STATUSES = tuple(s.value for s in IncomingStatus if s not in CLOSED_INCOMING)
"""The 收文 steps before completion, in order."""
_DOC_TYPE_WEIGHTS = list(accumulate(w for _, w in DOC_TYPES))


def incoming(office: DemoOffice) -> list[Row]:
    """收文: history, a few received today, and an in-tray of open ones."""
    rng = office.rng
    received = [
        office.office_moment(day) for day in office.record_days(DOCUMENTS_PER_YEAR * office.years)
    ]
    todays = rng.randint(2, 5)
    received.extend(office.so_far_today(rng.random()) for _ in range(todays))
    received.sort()
    open_ids = _open_ids(office, received, todays)
    serials: dict[int, int] = {}
    sender_serials: dict[tuple[str, int], int] = {}
    rows = []
    for i, at in enumerate(received, start=1):
        local = clock.to_local(at)
        serials[local.year] = serials.get(local.year, 0) + 1
        doc_type = rng.choices(DOC_TYPES, cum_weights=_DOC_TYPE_WEIGHTS)[0][0]
        sender = _sender(office, doc_type)
        assert sender.codes is not None
        code = sender.codes[1] if doc_type in LETTER_TYPES else sender.codes[0]
        key = (code, local.year)
        sender_serials[key] = sender_serials.get(key, 0) + rng.randint(1, 4)
        row = {
            "id": i,
            "year": local.year,
            "serial": serials[local.year],
            "received_at": at,
            "sender": sender.name,
            "doc_number": f"{code}〔{local.year}〕{sender_serials[key]}号",
            "title": rng.choice(DOC_TITLES[doc_type]).format(
                year=local.year,
                topic=office.topic(local.month),
                item=rng.choice(REPORT_ITEMS),
            ),
            "doc_type": doc_type,
            "copies": rng.choice((1, 1, 1, 1, 2, 2, 3)),
            **stamped(at),
        }
        row.update(marking(office))
        row.update(_handling(office, at, i in open_ids))
        rows.append(row)
    _stock_in_tray(office, [r for r in rows if r["id"] in open_ids])
    return rows


def _open_ids(office: DemoOffice, received: list[datetime], todays: int) -> set[int]:
    """Ids (1-based positions) of the documents still being handled."""
    rng = office.rng
    last = len(received)
    wanted = rng.randint(20, 35)
    recent_start = clock.day_bounds(office.today - timedelta(days=30))[0]
    recent = [i + 1 for i, at in enumerate(received[:-todays]) if at >= recent_start]
    older = [i + 1 for i, at in enumerate(received[:-todays]) if at < recent_start]
    chosen = set(range(last - todays + 1, last + 1))
    chosen.update(rng.sample(recent, min(len(recent), wanted - todays - 2)))
    chosen.update(rng.sample(older[-200:], min(len(older[-200:]), 2)))
    return chosen


def _sender(office: DemoOffice, doc_type: str) -> Unit:
    kinds = ("grassroots", "department") if doc_type in UPWARD_TYPES else ("superior",)
    if doc_type not in UPWARD_TYPES and office.rng.random() < 0.2:
        kinds = ("department",)
    return office.rng.choice([u for u in office.units_of(*kinds) if u.codes])


def marking(office: DemoOffice) -> Row:
    """密级, 保密期限 and 紧急程度."""
    rng = office.rng
    roll = rng.random()
    classification, secrecy = "none", None
    if roll < 0.01:
        classification, secrecy = "secret", 20
    elif roll < 0.05:
        classification, secrecy = "confidential", 10
    elif roll < 0.20:
        classification = "internal"
    roll = rng.random()
    urgency = "extra_urgent" if roll < 0.04 else "urgent" if roll < 0.15 else "normal"
    return {"classification": classification, "secrecy_years": secrecy, "urgency": urgency}


def _handling(office: DemoOffice, received: datetime, still_open: bool) -> Row:
    """Status, due date, handling notes and completion of one document."""
    rng = office.rng
    day = clock.to_local(received).date()
    due = day + timedelta(days=rng.randint(3, 30)) if rng.random() < 0.35 else None
    proposal = rng.choice(PROPOSALS).format(
        leader=office.leader_address(), unit=office.department_name()
    )
    unit = office.department_name()
    instruction = rng.choice(INSTRUCTIONS).format(unit=unit)
    if still_open:
        age = (office.today - day).days
        step = min(len(OPEN_STATUSES) - 1, rng.randint(0, 2) + age // 4)
        status = OPEN_STATUSES[step]
        proposed = step >= OPEN_STATUSES.index("proposed")
        instructed = step >= OPEN_STATUSES.index("instructed")
        return {
            "status": status,
            "due": due,
            "proposed_handling": proposal if proposed else "",
            "instruction": instruction if instructed else "",
            "undertaking_unit": unit if instructed else "",
            "completed_at": None,
            "updated_at": received,
        }
    if rng.random() < 0.03:
        return {
            "status": "returned",
            "due": due,
            "proposed_handling": "",
            "instruction": "",
            "undertaking_unit": "",
            "completed_at": None,
            "updated_at": received + timedelta(hours=rng.randint(1, 48)),
        }
    done_day = min(day + timedelta(days=rng.randint(1, 20)), office.today - timedelta(days=1))
    completed = max(office.office_moment(done_day), received + timedelta(hours=1))
    filed_share = 0.75 if (office.today - day).days > 90 else 0.15
    return {
        "status": "filed" if rng.random() < filed_share else "completed",
        "due": due,
        "proposed_handling": proposal,
        "instruction": instruction,
        "undertaking_unit": unit,
        "completed_at": completed,
        "updated_at": completed,
    }


def _stock_in_tray(office: DemoOffice, open_rows: list[Row]) -> None:
    """Make the open documents look like a real in-tray: due around today, a few urgent
    and classified ones."""
    rng = office.rng
    for row in open_rows:
        if row["due"] is None or rng.random() < 0.6:
            row["due"] = office.today + timedelta(days=rng.randint(-4, 15))
    for row, urgency in zip(
        rng.sample(open_rows, 4),
        ("extra_urgent", "urgent", "urgent", "extra_urgent"),
        strict=True,
    ):
        row["urgency"] = urgency
        row["due"] = office.today + timedelta(days=rng.randint(0, 2))
    for row, (classification, secrecy) in zip(
        rng.sample(open_rows, 3),
        (("internal", None), ("internal", None), ("confidential", 10)),
        strict=True,
    ):
        row["classification"] = classification
        row["secrecy_years"] = secrecy


def circulation(office: DemoOffice, incoming: list[Row]) -> list[Row]:
    """传阅: the documents circulating now are with one to three leaders."""
    rng = random.Random(len(incoming))
    rows: list[Row] = []
    for doc in incoming:
        if doc["status"] != "circulating":
            continue
        since = doc["received_at"] + timedelta(hours=rng.randint(2, 30))
        for n, leader in enumerate(rng.sample(office.leaders, min(3, len(office.leaders)))):
            if n and rng.random() < 0.5:
                break
            read = since + timedelta(hours=3) if rng.random() < 0.5 else None
            rows.append(
                {
                    "id": len(rows) + 1,
                    "incoming_id": doc["id"],
                    "reader": leader.address,
                    "since": since,
                    "read_at": read,
                    "returned_at": None,
                    "note": "",
                    **stamped(since, read),
                }
            )
    return rows
