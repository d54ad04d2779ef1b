"""The demo's outgoing documents (发文): the office's own, of all 15 types, numbered per prefix
per year with a few numbers voided, and the newest in every state from draft to filing.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

import random
from datetime import timedelta
from itertools import accumulate

from secdesk.calendar import clock
from secdesk.demo.documents import marking
from secdesk.demo.office import DemoOffice, Row, stamped
from secdesk.demo.words import DOC_TITLES, OUTGOING_TITLES, OUTGOING_TYPES, REPORT_ITEMS
from secdesk.models.document import OutgoingStatus

#: Documents the office issues a year.
OUTGOING_PER_YEAR = 600
#: The office's own 机关代字: documents, letters, and the district government's orders.
OUTGOING_PREFIXES = {
    "函": "某区政办函",
    "批复": "某区政办函",
    "命令": "某区政令",
    "议案": "某区政发",
}
OWN_PREFIX = "某区政办发"
OUTGOING_RECIPIENTS = ("各街道办事处", "区政府各部门", "各镇人民政府、街道办事处", "区人大常委会")
OUTGOING_CC = ("区委办公室", "区人大常委会办公室", "区政协办公室", "")


def outgoing(office: DemoOffice, incoming_count: int) -> list[Row]:
    """发文: ten years of the office's own documents, numbered per prefix per year, a
    few voided numbers, and recent ones in every state from draft to filing. Drawn from
    a random stream of their own, so adding them leaves the other tables as they were."""
    rng = random.Random(office.rng.random())
    kept, office.rng = office.rng, rng
    try:
        return _outgoing_rows(office, rng, incoming_count)
    finally:
        office.rng = kept


def _outgoing_rows(office: DemoOffice, rng: random.Random, incoming_count: int) -> list[Row]:
    drafted = sorted(
        office.office_moment(day) for day in office.record_days(OUTGOING_PER_YEAR * office.years)
    )
    weights = list(accumulate(w for _, w in OUTGOING_TYPES))
    # The steps a draft goes through; a voided number is a state of its own, reached below.
    states = [s.value for s in OutgoingStatus if s != OutgoingStatus.voided]
    serials: dict[tuple[str, int], int] = {}
    rows = []
    for i, at in enumerate(drafted, start=1):
        local = clock.to_local(at)
        age = (office.today - local.date()).days
        doc_type = rng.choices(OUTGOING_TYPES, cum_weights=weights)[0][0]
        if i <= len(OUTGOING_TYPES):  # every type at least once, however small the demo
            doc_type = OUTGOING_TYPES[i - 1][0]
        recent = len(drafted) - i
        if recent < len(states) * 2:
            status = states[recent % len(states)]  # every state among the newest
        elif age < 20:
            status = states[min(len(states) - 1, 2 + age // 3)]
        else:
            status = "filed" if rng.random() < 0.8 else "dispatched"
        numbered = states.index(status) >= states.index("registered")
        prefix = OUTGOING_PREFIXES.get(doc_type, OWN_PREFIX)
        signed = states.index(status) >= states.index("signed_off")
        templates = OUTGOING_TITLES.get(doc_type) or DOC_TITLES[doc_type]
        row: Row = {
            "id": i,
            "title": rng.choice(templates).format(
                year=local.year, topic=office.topic(local.month), item=rng.choice(REPORT_ITEMS)
            ),
            "doc_type": doc_type,
            "status": status,
            "drafted_by": office.department_name(),
            "drafted_at": at,
            "reviewed_by": "办公室秘书科" if states.index(status) >= 1 else "",
            "signed_off_by": office.leader_address() if signed else "",
            "signed_off_on": (local + timedelta(days=1)).date() if signed else None,
            "prefix": prefix,
            "year": None,
            "serial": None,
            "doc_number": "",
            "registered_at": None,
            "copies": rng.choice((5, 10, 20, 30, 50)),
            "main_recipients": rng.choice(OUTGOING_RECIPIENTS),
            "cc_recipients": rng.choice(OUTGOING_CC),
            "printed_at": None,
            "dispatched_at": None,
            "reply_to_id": None,
            "voided_at": None,
            "void_reason": "",
            **stamped(at),
        }
        row.update(marking(office))
        if numbered:
            key = (prefix, local.year)
            serials[key] = serials.get(key, 0) + 1
            registered = at + timedelta(days=1, hours=2)
            row.update(
                year=local.year,
                serial=serials[key],
                doc_number=f"{prefix}〔{local.year}〕{serials[key]}号",
                registered_at=registered,
            )
            if states.index(status) >= states.index("printed"):
                row["printed_at"] = registered + timedelta(hours=3)
            if states.index(status) >= states.index("dispatched"):
                row["dispatched_at"] = registered + timedelta(hours=20)
            # A few voided numbers, and always one among the newest (of those printed twice).
            if rng.random() < 0.004 or recent == states.index("printed"):
                row["voided_at"] = registered + timedelta(hours=1)
                row["void_reason"] = "文号印制错误，重新编号"
                if status != "filed":  # a voided number is final (a filed void record stays)
                    row["status"] = "voided"
        if doc_type in ("批复", "函") and rng.random() < 0.3 and incoming_count:
            row["reply_to_id"] = rng.randint(1, incoming_count)
        rows.append(row)
    return rows
