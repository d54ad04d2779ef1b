"""The demo's research topics (调查研究): a few a year, the latest still in progress.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

from datetime import timedelta

from secdesk.demo.office import DemoOffice, Row, stamped

#: Research topics begun a year.
INVESTIGATIONS_PER_YEAR = 4


def investigations(office: DemoOffice) -> list[Row]:
    """Research topics (调查研究), a few a year, the latest still in progress."""
    rng = office.rng
    rows: list[Row] = []
    for year_start in range(office.years):
        for _ in range(INVESTIGATIONS_PER_YEAR):
            started = office.history[0] + timedelta(days=365 * year_start + rng.randint(0, 300))
            if started > office.today:
                continue
            stages = [started]
            for _stage in range(3):
                stages.append(stages[-1] + timedelta(days=rng.randint(10, 25)))
            stages = stages[1:]
            reached = sum(1 for day in stages if day <= office.today)
            moment = office.office_moment(started)
            rows.append(
                {
                    "id": len(rows) + 1,
                    "topic": f"关于{office.topic(started.month)}情况的调研",
                    "outline": "一、基本情况\n二、存在问题\n三、对策建议",
                    "started_on": started,
                    "stage": ("preparation", "investigation", "summary", "done")[reached],
                    "investigation_on": stages[0] if reached > 0 else None,
                    "summary_on": stages[1] if reached > 1 else None,
                    "finished_on": stages[2] if reached > 2 else None,
                    "materials": "",
                    "notes": "",
                    "report": "",
                    **stamped(moment),
                    "version": 1,
                }
            )
    return rows
