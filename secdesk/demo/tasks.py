"""The demo's tasks (临时交办): the leaders' errands, done over the history, a few still open.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

from datetime import date, timedelta

from secdesk.demo.office import DemoOffice, Row, stamped
from secdesk.demo.words import TASK_TEMPLATES

#: Tasks a year, those still open included.
TASKS_PER_YEAR = 300


def tasks(office: DemoOffice) -> list[Row]:
    """Tasks from the leaders: done over the history, a few still open today."""
    rng = office.rng
    rows: list[Row] = []
    still_open = rng.randint(6, 12)
    for day in office.record_days(TASKS_PER_YEAR * office.years - still_open):
        rows.append(_task(office, len(rows) + 1, day, done=True))
    for _ in range(still_open):
        day = office.today - timedelta(days=rng.randint(0, 10))
        rows.append(_task(office, len(rows) + 1, day, done=False))
    return rows


def _task(office: DemoOffice, task_id: int, day: date, done: bool) -> Row:
    rng = office.rng
    created = office.office_moment(day)
    if day == office.today:
        created = min(created, office.so_far_today(rng.random()))
    title = rng.choice(TASK_TEMPLATES).format(topic=office.topic(day.month))
    due = day + timedelta(days=rng.choice((1, 2, 3, 5, 7))) if rng.random() < 0.8 else None
    finished = None
    if done:
        finished = created + timedelta(hours=rng.randint(2, 72))
    return {
        "id": task_id,
        "title": title,
        "notes": "",
        "assigned_by": office.leader_address(),
        "due": due,
        "status": "done" if done else "open",
        "done_at": finished,
        "call_id": None,
        **stamped(created, finished),
        "version": 2 if done else 1,
    }
