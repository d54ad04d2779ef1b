"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

SQLModel tables, one module per domain, named as in the glossary.

Importing this package registers every table on ``SQLModel.metadata`` (Alembic and the
tests rely on it).
"""

from secdesk.models.base import Classification, Urgency
from secdesk.models.call import Call, CallDirection, MessageStatus
from secdesk.models.contact import Contact, ContactPhone, Organization, Relation
from secdesk.models.document import (
    ArchiveEntry,
    Circulation,
    IncomingDocument,
    IncomingStatus,
    OutgoingDocument,
    OutgoingStatus,
)
from secdesk.models.dutylog import DutyLog
from secdesk.models.event import Event
from secdesk.models.holiday import CalendarDay, CalendarDayKind
from secdesk.models.imports import ImportBatch
from secdesk.models.inforeport import InfoReport
from secdesk.models.investigation import Investigation
from secdesk.models.meeting import (
    AgendaItem,
    ChecklistItem,
    Decision,
    Meeting,
    MeetingParticipant,
    ParticipantRole,
)
from secdesk.models.petition import (
    Petition,
    PetitionCategory,
    PetitionChannel,
    PetitionStatus,
)
from secdesk.models.search import SearchEntry
from secdesk.models.step import WorkflowStep
from secdesk.models.supervision import SupervisionItem, SupervisionStatus
from secdesk.models.task import Task, TaskPriority, TaskStatus
from secdesk.models.visit import Visit

__all__ = [
    "ArchiveEntry",
    "Circulation",
    "OutgoingDocument",
    "OutgoingStatus",
    "AgendaItem",
    "CalendarDay",
    "CalendarDayKind",
    "Call",
    "CallDirection",
    "ChecklistItem",
    "Classification",
    "Contact",
    "ContactPhone",
    "Decision",
    "DutyLog",
    "ImportBatch",
    "Event",
    "IncomingDocument",
    "IncomingStatus",
    "InfoReport",
    "Investigation",
    "Meeting",
    "MeetingParticipant",
    "MessageStatus",
    "Organization",
    "ParticipantRole",
    "Petition",
    "PetitionCategory",
    "PetitionChannel",
    "PetitionStatus",
    "Relation",
    "SearchEntry",
    "SupervisionItem",
    "SupervisionStatus",
    "Task",
    "TaskPriority",
    "TaskStatus",
    "Urgency",
    "Visit",
    "WorkflowStep",
]
