"""信访: letters, visits, calls and online messages from the public, with the time limit to
decide and tell the petitioner (信访工作条例 art. 22: 15 days)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from secdesk import clock
from secdesk.i18n import N_, format_moment, format_short_date
from secdesk.labels import label
from secdesk.models import Petition
from secdesk.models.petition import PetitionChannel, PetitionStatus
from secdesk.services.phrases import one_line, with_detail
from secdesk.services.records import RecordService
from secdesk.services.tasks import from_call_line
from secdesk.services.views import Cell, DayEntry, InvalidInput, PetitionInput, Row, Tone
from secdesk.services.workdays import deadline_after

#: 信访工作条例 art. 22: decide whether to accept and tell the petitioner within 15 days.
PETITION_REPLY_DAYS = 15
ENTRY = N_("Letters and visits received")


def reply_due(received: datetime) -> date:
    """The day the petitioner must be told whether it is accepted."""
    return deadline_after(clock.to_local(received).date(), PETITION_REPLY_DAYS)


class PetitionService(RecordService):
    def validate(self, session: Session, data: PetitionInput) -> PetitionInput:
        data.petitioner = data.petitioner.strip()
        data.content = data.content.strip()
        if not data.petitioner and not data.content:
            raise InvalidInput("petitioner", N_("Enter who petitions or what they ask"))
        if data.channel not in PetitionChannel.__members__:
            raise InvalidInput("channel", N_("Unknown channel"))
        if data.status not in PetitionStatus.__members__:
            raise InvalidInput("status", N_("Unknown status"))
        if data.reply_due is None:
            data.reply_due = reply_due(data.received_at)
        return data

    def label_of(self, obj: Petition) -> str:
        return obj.petitioner or one_line(obj.content, 30) or f"#{obj.id}"

    def row(self, obj: Petition, today: date) -> Row:
        open_ = obj.status == PetitionStatus.registered
        late = open_ and obj.reply_due < today
        return Row(
            "petition",
            obj.id or 0,
            (
                Cell(format_moment(clock.to_local(obj.received_at), today)),
                Cell(label("petition_channel", obj.channel)),
                Cell(obj.petitioner),
                Cell(obj.content),
                Cell(format_short_date(obj.reply_due, today), Tone.alert if late else Tone.plain),
                Cell(label("petition_status", obj.status)),
            ),
            self.json_values(obj),
        )

    def detail_extra(self, session: Session, obj: Petition) -> list[tuple[str, str]]:
        return from_call_line(session, obj.call_id)


SERVICE = PetitionService("petition")


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    """Petitions received in [start, end)."""
    found = session.exec(
        select(Petition).where(
            col(Petition.deleted_at).is_(None),
            Petition.received_at >= start,
            Petition.received_at < end,
        )
    ).all()
    return [
        DayEntry(
            clock.to_local(p.received_at),
            "petition",
            with_detail(p.petitioner, one_line(p.content)),
            ENTRY,
            p.id or 0,
        )
        for p in found
    ]
