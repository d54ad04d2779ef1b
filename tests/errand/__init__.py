"""A throwaway kind of record, declared the way any kind is and touching no shared module:
an errand run for the office (取送文件、领用物品). Its model, input, duty-log entries and
declaration are all here; ``tests/unit/test_new_kind.py`` registers it at run time with
``secdesk.kinds.register`` and looks for it wherever the desk shows kinds.

Importing this module adds the ``errand`` table to SQLModel's metadata: only the test's
fixture imports it, and takes the table out again when it is done, so no other test sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Field, Session, col, select

from secdesk.calendar import clock
from secdesk.kinds import Column, DetailField, FormField, Kind, ListSpec, SearchSpec
from secdesk.kinds.spec import ShellSpec
from secdesk.models.base import Record
from secdesk.services.views import DayEntry


class Errand(Record, table=True):
    """An errand: what was fetched or taken, where, and when."""

    id: int | None = Field(default=None, primary_key=True)
    what: str
    place: str = ""
    run_at: datetime = Field(index=True)


@dataclass
class ErrandInput:
    what: str = ""
    place: str = ""
    run_at: datetime | None = None


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    """Errands run in [start, end), for the duty log."""
    found = session.exec(
        select(Errand).where(
            col(Errand.deleted_at).is_(None), Errand.run_at >= start, Errand.run_at < end
        )
    ).all()
    return [
        DayEntry(clock.to_local(e.run_at), "errand", f"{e.what} @ {e.place}", "Errand", e.id or 0)
        for e in found
    ]


KIND = Kind(
    name="errand",
    entity="errand",
    model=f"{__name__}:Errand",
    title="Errand",
    noun="errand",
    count=("{n} errand", "{n} errands"),
    saved="Errand saved",
    position=95,
    input=f"{__name__}:ErrandInput",
    form=(
        FormField("what", "What", placeholder="what was fetched or taken"),
        FormField("place", "Where", submit=True),
        FormField("run_at", "When", kind="when"),
    ),
    form_title="New errand",
    edit_title="Edit errand",
    form_help="An errand run for the office: what, where, when.",
    detail=(
        DetailField("what", "What"),
        DetailField("place", "Where"),
        DetailField("run_at", "When"),
    ),
    listing=ListSpec(
        title="Errands",
        summary="Every errand run for the office",
        help="Errands, newest first.",
        columns=(
            Column("When", field="run_at", cap=18, least=11),
            Column("What", field="what", cap=40, flex=True),
            Column("Where", field="place", cap=20),
        ),
        date_field="run_at",
    ),
    search=SearchSpec(("what", "place"), title="what"),
    duty=f"{__name__}:duty_entries",
    report_field="run_at",
    new_key="ctrl+e",
    new_label="Run an errand",
    shell=ShellSpec(),
)
