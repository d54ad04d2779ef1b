"""The demo's supervision items (督查督办): closed over the history, some forty open on the desk
today, overdue, due soon or later, urged and reported on.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import accumulate

from secdesk.demo.office import DemoOffice, Row, stamped
from secdesk.demo.units import Unit
from secdesk.demo.words import ISSUES

#: Supervision items a year, those still open included.
SUPERVISION_PER_YEAR = 1_000
SUPERVISION_SOURCES = (
    ("领导批示", ("落实{leader}关于{topic}工作的批示", "{leader}批示：抓紧解决{issue}问题"), 30),
    (
        "会议议定事项",
        ("落实区政府常务会议关于{topic}的议定事项", "按期完成{topic}工作方案制定"),
        30,
    ),
    ("上级交办", ("办理市政府交办的{topic}事项", "{topic}问题整改落实"), 20),
    ("人大代表建议", ("办理区人大代表关于{topic}的建议（第{n}号）",), 8),
    ("政协委员提案", ("办理区政协委员关于{topic}的提案（第{n}号）",), 7),
    ("群众来信", ("答复群众反映的{issue}问题",), 5),
)
#: The demo's sources in words, as the lifecycle's kinds of source.
SUPERVISION_ORIGINS = {
    "领导批示": "instruction",
    "会议议定事项": "meeting",
    "上级交办": "superior",
    "人大代表建议": "document",
    "政协委员提案": "document",
    "群众来信": "petition",
}
_SOURCE_WEIGHTS = list(accumulate(w for _, _, w in SUPERVISION_SOURCES))


def supervision_items(office: DemoOffice) -> list[Row]:
    """Closed items over the history, then the open ones on the desk today."""
    rng = office.rng
    still_open = rng.randint(35, 55)
    rows: list[Row] = []
    yesterday = office.today - timedelta(days=1)
    for day in office.record_days(SUPERVISION_PER_YEAR * office.years - still_open):
        due = day + timedelta(days=rng.choice((7, 10, 15, 20, 30, 45, 60, 90)))
        closed_on = min(day + timedelta(days=rng.randint(2, (due - day).days + 10)), yesterday)
        row = _item(office, len(rows) + 1, day, due)
        closed = max(office.office_moment(closed_on), row["created_at"] + timedelta(hours=1))
        row.update(
            status="closed",
            progress=100,
            closed_at=closed,
            updated_at=closed,
            notes=rng.choice(("已办结", "已报送办理结果", "已书面反馈", "")),
        )
        rows.append(row)
    for _ in range(still_open):
        due, assigned = _open_item_dates(office)
        row = _item(office, len(rows) + 1, assigned, due)
        late = due < office.today
        soon = not late and (due - office.today).days <= 3
        low, high = (10, 90) if late else (30, 95) if soon else (0, 80)
        progress = rng.randint(low // 5, high // 5) * 5
        urged = rng.randint(1, 3) if late else 0
        reported = progress > 0 and rng.random() < 0.6
        row.update(
            progress=progress,
            status="urged" if urged else "feedback" if reported else "assigned",
            urge_count=urged,
            last_feedback_on=yesterday if reported else None,
            notes=f"已催办{urged}次" if urged else "",
            updated_at=max(row["created_at"], office.office_moment(yesterday)),
        )
        rows.append(row)
    return rows


def _open_item_dates(office: DemoOffice) -> tuple[date, date]:
    """(due, assigned_on) for an open item: some overdue, some due soon, most later."""
    rng = office.rng
    roll = rng.random()
    if roll < 0.2:
        due = office.today - timedelta(days=rng.randint(1, 20))
    elif roll < 0.4:
        due = office.today + timedelta(days=rng.randint(0, 3))
    else:
        due = office.today + timedelta(days=rng.randint(4, 60))
    assigned = due - timedelta(days=rng.choice((10, 15, 20, 30, 45, 60, 90)))
    assigned = min(assigned, office.today - timedelta(days=1))
    return due, assigned


def _item(office: DemoOffice, item_id: int, assigned: date, due: date) -> Row:
    rng = office.rng
    source, templates, _ = rng.choices(SUPERVISION_SOURCES, cum_weights=_SOURCE_WEIGHTS)[0]
    title = rng.choice(templates).format(
        leader=office.leader_address(),
        topic=office.topic(assigned.month),
        issue=rng.choice(ISSUES),
        n=rng.randint(1, 260),
    )
    unit = rng.choice(office.units_of("department", "grassroots"))
    created = office.office_moment(assigned)
    return {
        "id": item_id,
        "title": title,
        "origin": SUPERVISION_ORIGINS.get(source, "superior"),
        "source": source,
        "undertaking_unit": unit.short_name,
        "responsible": _responsible(office, unit),
        "assigned_on": assigned,
        "due": due,
        "progress": 0,
        "status": "assigned",
        "urge_count": 0,
        "last_feedback_on": None,
        "closed_at": None,
        "notes": "",
        **stamped(created),
    }


def _responsible(office: DemoOffice, unit: Unit) -> str:
    """Someone of ``unit`` from the contact book, else a name."""
    staff = office.staff_of(unit.name)
    if staff and office.rng.random() < 0.7:
        return office.rng.choice(staff).name
    return office.person_name()
