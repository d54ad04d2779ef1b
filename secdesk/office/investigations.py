"""调查研究: research topics and their stages.

Wing: office. Must not import screens, widgets, app, cli, care or demo.
"""

from __future__ import annotations

from sqlmodel import Session

from secdesk.calendar import clock
from secdesk.i18n import N_
from secdesk.labels import LABELS
from secdesk.services.inputs import InvestigationInput
from secdesk.services.records import RecordService
from secdesk.services.views import InvalidInput

#: The stages in order, and the date field each one's start is kept in.
STAGE_DAYS = {"investigation": "investigation_on", "summary": "summary_on", "done": "finished_on"}


class InvestigationService(RecordService):
    def validate(self, session: Session, data: InvestigationInput) -> InvestigationInput:
        self.required(data, "topic", N_("Enter the research topic"))
        data = super().validate(session, data)
        # Reaching a stage dates it (today) unless a date was typed; stages not reached
        # have no date.
        order = list(LABELS["research_stage"])
        reached = order.index(data.stage)
        for stage, field in STAGE_DAYS.items():
            if order.index(stage) <= reached:
                if getattr(data, field) is None:
                    setattr(data, field, clock.today())
            else:
                setattr(data, field, None)
        days = [data.started_on, data.investigation_on, data.summary_on, data.finished_on]
        known = [day for day in days if day is not None]
        if known != sorted(known):
            raise InvalidInput("stage", N_("The stages' dates must follow one another"))
        return data


SERVICE = InvestigationService("investigation")
