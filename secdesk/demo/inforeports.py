"""The demo's information items (信息报送): about one a week submitted upward, a third adopted.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

from datetime import timedelta

from secdesk.demo.office import DemoOffice, Row, stamped
from secdesk.demo.words import INFO_TEMPLATES

#: Information items submitted a year.
INFO_REPORTS_PER_YEAR = 50


def info_reports(office: DemoOffice) -> list[Row]:
    """Information items submitted upward (信息报送), about one a week; a third adopted."""
    rng = office.rng
    rows: list[Row] = []
    for day in office.record_days(INFO_REPORTS_PER_YEAR * office.years):
        submitted = office.office_moment(day)
        adopted = rng.random() < 0.35 and day < office.today - timedelta(days=7)
        level = rng.choices(("county", "city", "province"), (5, 3, 1))[0] if adopted else ""
        topic = office.topic(day.month)
        rows.append(
            {
                "id": len(rows) + 1,
                "title": rng.choice(INFO_TEMPLATES).format(topic=topic),
                "text": f"{office.department_name()}：{topic}工作进展顺利。",
                "submitted_to": rng.choice(("市委办公室信息科", "市政府办公室信息科")),
                "submitted_at": submitted,
                "adopted_level": level,
                "adopted_on": day + timedelta(days=rng.randint(2, 7)) if adopted else None,
                "notes": "",
                **stamped(submitted),
                "version": 1,
            }
        )
    return rows
