"""SQLModel tables, one module per domain, named as in the glossary.

Importing this package registers every table on ``SQLModel.metadata`` (Alembic and the
tests rely on it).
"""

from secdesk.models.base import Classification, Urgency
from secdesk.models.call import Call, CallDirection, MessageStatus
from secdesk.models.contact import Contact, ContactPhone, Organization, Relation
from secdesk.models.document import IncomingDocument, IncomingStatus
from secdesk.models.event import Event
from secdesk.models.meeting import Meeting
from secdesk.models.supervision import SupervisionItem, SupervisionStatus
from secdesk.models.visit import Visit

__all__ = [
    "Call",
    "CallDirection",
    "Classification",
    "Contact",
    "ContactPhone",
    "Event",
    "IncomingDocument",
    "IncomingStatus",
    "Meeting",
    "MessageStatus",
    "Organization",
    "Relation",
    "SupervisionItem",
    "SupervisionStatus",
    "Urgency",
    "Visit",
]
