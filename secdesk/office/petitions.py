"""信访: letters, visits, calls and online messages from the public, carried through their
handling within the time limits of 信访工作条例 (named in ``services/rules.py``):

Wing: office. Must not import screens, widgets, app, cli, care or demo.

- registered: decide and tell the petitioner within 15 days (art. 22-23);
- accepted (or assigned, transferred): complete within 60 days of acceptance, extendable
  once by at most 30 days with a reason (art. 34);
- replied: the petitioner may ask for a review within 30 days; a review (复查) and a
  re-review (复核) are answered within 30 days (arts. 35-36).

Whoever reports or accuses someone (检举控告) is protected: their identity is hidden in
lists, search, exports and the duty log unless revealed on purpose on the record.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case
from sqlmodel import Session, col, func, or_, select

from secdesk.calendar import clock
from secdesk.calendar.deadlines import count_spec, due_detail_text, rule_due_text
from secdesk.calendar.rules import rule
from secdesk.config import Settings
from secdesk.i18n import N_, _, format_moment, format_short_date
from secdesk.kinds import Transition
from secdesk.labels import label, mark
from secdesk.models import Petition
from secdesk.models.petition import (
    PetitionStatus,
)
from secdesk.office.calls.followups import from_call_line
from secdesk.services.deadline_panel import COLOUR_TONE, Deadlines, deadline_row, due_colour
from secdesk.services.inputs import PetitionInput
from secdesk.services.phrases import count_rows, one_line, saying, with_detail
from secdesk.services.records import RecordService, protected_text
from secdesk.services.reports import (
    Period,
    Section,
    Table,
    in_period,
    live,
    live_between,
    percent,
    rate,
)
from secdesk.services.views import Cell, DayEntry, InvalidInput, Row, Tone

ENTRY = N_("Letters and visits received")
MAX_REPRESENTATIVES = 5
HANDLING = (PetitionStatus.accepted, PetitionStatus.transferred, PetitionStatus.assigned)
#: States in which a clock runs (``running_clock``).
RUNNING = [PetitionStatus.registered, *HANDLING, PetitionStatus.review]


def reply_due(received: datetime) -> date:
    """The day the petitioner must be told whether it is accepted (15 days)."""
    return rule("petition_decide").due(clock.to_local(received).date()).day


@dataclass(frozen=True)
class Clock:
    """A time limit running on a petition."""

    what: str
    """English msgid: what must be done by ``due``."""
    due: date
    provisional: bool = False


def running_clock(obj: Petition) -> Clock | None:
    """The time limit the petition is running against now, if any."""
    if obj.status == PetitionStatus.registered:
        return Clock(N_("decide and tell"), obj.reply_due)
    if obj.status in HANDLING and obj.complete_due:
        return Clock(N_("complete"), obj.complete_due)
    if obj.status == PetitionStatus.review and obj.review_due:
        return Clock(N_("answer the review"), obj.review_due)
    return None


def on_time(obj: Petition, today: date) -> bool | None:
    """Whether a petition was handled within its limits: answered (or declined) by the
    limit it ran against, or still within it; None while its limit has not come yet."""
    limit = obj.complete_due or obj.reply_due
    if obj.replied_on is not None:
        return obj.replied_on <= limit
    running = running_clock(obj)
    if running is not None:
        return None if running.due >= today else False
    if obj.status == PetitionStatus.declined:
        return True  # told within the 15 days: nothing else records the day
    return None


def review_window(obj: Petition) -> date | None:
    """The last day the petitioner may ask for a review of the answer."""
    if obj.replied_on is None:
        return None
    return rule("petition_review_request").due(obj.replied_on).day


def clocks_text(obj: Petition) -> str:
    """Every clock of the record, one per line."""
    lines = [
        _("Decide and tell by {date}").format(date=rule_due_text(obj.reply_due))
        + (" ✓" if obj.status != PetitionStatus.registered else "")
    ]
    if obj.accepted_on:
        lines.append(
            _("Accepted {date}; complete by {due}").format(
                date=obj.accepted_on.isoformat(),
                due=rule_due_text(obj.complete_due) if obj.complete_due else "?",
            )
        )
    if obj.extended:
        lines.append(_("Extended once: {reason}").format(reason=obj.extension_reason))
    if obj.unit_due and obj.handling_unit:
        lines.append(
            _("{unit} to report by {date}").format(
                unit=obj.handling_unit, date=due_detail_text(obj.unit_due, obj.unit_due_spec)
            )
        )
    window = review_window(obj)
    if window and obj.replied_on:
        lines.append(
            _("Answered {date}; a review may be asked until {until}").format(
                date=obj.replied_on.isoformat(), until=window.isoformat()
            )
        )
    if obj.review_due:
        lines.append(
            _("Review asked {date}; answer by {due}").format(
                date=obj.review_requested_on.isoformat() if obj.review_requested_on else "?",
                due=obj.review_due.isoformat(),
            )
        )
    return "\n".join(lines)


def clock_cell(obj: Petition, today: date, due_soon_days: int = 3) -> Cell:
    """The running clock as a list cell: red overdue, blue soon."""
    running = running_clock(obj)
    if running is None:
        return Cell("", Tone.muted)
    shown = f"{_(running.what)} {format_short_date(running.due, today)}"
    return Cell(shown, COLOUR_TONE[due_colour(today, running.due, due_soon_days)])


def _bigrams(text: str) -> set[str]:
    clean = re.sub(r"\s+", "", text.lower())
    return {clean[i : i + 2] for i in range(len(clean) - 1)}


def similar(a: str, b: str) -> float:
    """How alike two requests are (the share of two-character pieces they share)."""
    first, second = _bigrams(a), _bigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


SIMILAR_ENOUGH = 0.6
REPEAT_LOOK_BACK = 500


def repeats(
    session: Session,
    petitioner: str = "",
    phone: str = "",
    content: str = "",
    exclude: int | None = None,
    limit: int = 5,
) -> list[str]:
    """Earlier letters and visits from the same person or number, or on a like matter,
    as lines to show (newest first). A protected identity is not shown."""
    live = col(Petition.deleted_at).is_(None)
    conditions: list[Any] = []
    name = petitioner.strip()
    if name:
        conditions.append(Petition.petitioner == name)
        conditions.append(col(Petition.representatives).icontains(name))
    number = "".join(ch for ch in phone if ch.isdigit())
    if len(number) >= 7:
        conditions.append(col(Petition.phone).contains(number[-8:]))
    found: dict[int, tuple[Petition, str]] = {}
    if conditions:
        query = select(Petition).where(live, or_(*conditions))
        if exclude:
            query = query.where(Petition.id != exclude)
        for obj in session.exec(query.order_by(col(Petition.received_at).desc()).limit(limit)):
            found[obj.id or 0] = (obj, N_("same person or number"))
    if len(content.strip()) >= 4:
        query = select(Petition).where(live)
        if exclude:
            query = query.where(Petition.id != exclude)
        recent = session.exec(
            query.order_by(col(Petition.received_at).desc()).limit(REPEAT_LOOK_BACK)
        ).all()
        for obj in recent:
            if obj.id not in found and similar(content, obj.content) >= SIMILAR_ENOUGH:
                found[obj.id or 0] = (obj, N_("like matter"))
                if len(found) >= limit * 2:
                    break
    lines = []
    ordered = sorted(found.values(), key=lambda pair: pair[0].received_at, reverse=True)
    for obj, why in ordered[:limit]:
        who = protected_text() if SERVICE.protected(obj) else obj.petitioner
        day = clock.to_local(obj.received_at).date().isoformat()
        lines.append(
            f"#{obj.id} {day} {who} · {one_line(obj.content, 40)} · "
            f"{label('petition_status', obj.status)} ({_(why)})"
        )
    return lines


class PetitionService(RecordService):
    def validate(self, session: Session, data: PetitionInput) -> PetitionInput:
        self.required(data, "petitioner", N_("Enter who petitions or what they ask"), "content")
        data = super().validate(session, data)
        names = [n for n in re.split(r"[、,，;；\n]+", data.representatives) if n.strip()]
        if len(names) > MAX_REPRESENTATIVES:
            raise InvalidInput("representatives", N_("A group chooses at most 5 representatives"))
        data.representatives = "、".join(n.strip() for n in names)
        if data.group_size < 1:
            data.group_size = 1
        if data.reply_due is None:
            data.reply_due = reply_due(data.received_at)
        return data

    def label_of(self, obj: Petition) -> str:
        if self.protected(obj):
            return one_line(obj.content, 30) or f"#{obj.id}"
        return obj.petitioner or one_line(obj.content, 30) or f"#{obj.id}"

    def row(self, obj: Petition, today: date, due_soon_days: int = 3) -> Row:
        who = protected_text() if self.protected(obj) and obj.petitioner else obj.petitioner
        return Row(
            "petition",
            obj.id or 0,
            (
                Cell(format_moment(clock.to_local(obj.received_at), today)),
                Cell(label("petition_channel", obj.channel)),
                Cell(who),
                Cell(obj.content),
                clock_cell(obj, today, due_soon_days),
                Cell(mark("petition_status", obj.status)),
            ),
            self.json_values(obj),
        )

    def rows(
        self, session: Session, found: list[Any], today: date, settings: Settings
    ) -> list[Row]:
        return [self.row(obj, today, settings.due_soon_days) for obj in found]

    def ordered(self, query: Any) -> Any:
        # Running clocks first, the nearest first; then the rest (answered, closed), newest
        # first.
        running = col(Petition.status).in_(RUNNING)
        nearest = func.coalesce(Petition.review_due, Petition.complete_due, Petition.reply_due)
        return query.order_by(
            running.desc(),
            case((running, nearest), else_=None),
            col(Petition.received_at).desc(),
            col(Petition.id).desc(),
        )

    def step_changes(
        self, session: Session, obj: Petition, step: Transition, values: dict[str, Any], note: str
    ) -> dict[str, Any]:
        changes = super().step_changes(session, obj, step, values, note)
        changes.pop("extension_days", None)
        today = clock.today()
        if step.name == "accept":
            changes["accepted_on"] = today
            changes["complete_due"] = rule("petition_complete").due(today).day
        elif step.name in ("transfer", "assign"):
            if not str(values.get("handling_unit") or "").strip():
                raise InvalidInput("handling_unit", N_("Enter the unit"))
            if step.name == "assign" and obj.complete_due is None:
                changes["complete_due"] = rule("petition_complete").due(today).day
        elif step.name == "extend":
            if obj.extended:
                raise InvalidInput(
                    "extension_days",
                    N_("It was extended once already: the rules allow one extension"),
                )
            most = rule("petition_extension").days
            days = int(values.get("extension_days") or most)
            if days > most:
                raise InvalidInput("extension_days", _("At most {n} days").format(n=most))
            base = obj.complete_due or today
            from secdesk.calendar.deadlines import days_after

            changes["complete_due"] = days_after(base, days).day
            changes["extended"] = True
            changes["extension_reason"] = note
        elif step.name == "reply":
            if not str(values.get("reply") or "").strip():
                raise InvalidInput("reply", N_("Write the answer"))
            changes["replied_on"] = today
            if obj.status == PetitionStatus.review:
                changes["review_due"] = None
        elif step.name == "review":
            if obj.review_round >= 2:
                raise InvalidInput(
                    "review_requested_on",
                    N_("A review and a re-review were answered: the matter is settled"),
                )
            asked = values.get("review_requested_on") or today
            window = review_window(obj)
            if window is not None and asked > window:
                raise InvalidInput(
                    "review_requested_on",
                    _("The 30 days to ask for a review ended on {date}").format(
                        date=window.isoformat()
                    ),
                )
            changes["review_requested_on"] = asked
            changes["review_due"] = rule("petition_review_answer").due(asked).day
            changes["review_round"] = obj.review_round + 1
        elif step.name == "close":
            changes["closed_at"] = clock.now_utc()
        return changes

    def counted_deadlines(self, session: Session) -> list[tuple[Any, str, Any]]:
        """The clocks running, each counted by its rule from the day it started."""
        running = session.exec(
            select(Petition).where(
                col(Petition.deleted_at).is_(None),
                col(Petition.status).in_(RUNNING),
            )
        ).all()
        out: list[tuple[Any, str, Any]] = []
        for obj in running:
            received = clock.to_local(obj.received_at).date()
            out.append((obj, "reply_due", lambda d=received: rule("petition_decide").due(d)))
            if obj.accepted_on and not obj.extended:
                start = obj.accepted_on
                out.append((obj, "complete_due", lambda d=start: rule("petition_complete").due(d)))
            if obj.review_requested_on:
                asked = obj.review_requested_on
                out.append(
                    (obj, "review_due", lambda d=asked: rule("petition_review_answer").due(d))
                )
            if obj.unit_due_spec:
                out.append((obj, "unit_due", lambda s=obj.unit_due_spec: count_spec(s)))
        return out

    def detail_values(self, session: Session, obj: Petition) -> dict[str, Any]:
        return {"clocks": clocks_text(obj)}

    def detail_extra(self, session: Session, obj: Petition) -> list[tuple[str, str]]:
        lines = from_call_line(session, obj.call_id)
        earlier = repeats(session, obj.petitioner, obj.phone, obj.content, exclude=obj.id)
        if earlier:
            lines.append((N_("Earlier letters and visits"), "\n".join(earlier)))
        return lines


SERVICE = PetitionService("petition")


def repeats_for(session: Session, petitioner: str, phone: str, content: str) -> list[str]:
    """For the registration form: earlier records like the one being typed."""
    return repeats(session, petitioner, phone, content)


def deadlines(session: Session, day: date, settings: Settings, limit: int) -> Deadlines:
    """Petitions whose clock runs, as rows of the deadline panel."""
    running_now = select(Petition).where(
        col(Petition.deleted_at).is_(None),
        col(Petition.status).in_(RUNNING),
    )
    nearest = func.coalesce(Petition.review_due, Petition.complete_due, Petition.reply_due)
    found = session.exec(running_now.order_by(nearest).limit(limit)).all()
    rows = []
    for obj in found:
        running = running_clock(obj)
        if running is not None:
            rows.append(
                deadline_row(
                    "petition",
                    obj.id or 0,
                    running.due,
                    day,
                    settings.due_soon_days,
                    (saying(_("Petition"), SERVICE.label_of(obj)), _(running.what), ""),
                    SERVICE.json_values(obj),
                )
            )
    return Deadlines(rows, count_rows(session, running_now))


def figures(session: Session, period: Period, today: date) -> Section:
    """The work summary's part: letters and visits received in the period, by channel and
    category, and how many were answered on time."""
    found = session.exec(
        select(Petition).where(live(Petition), *in_period(Petition, "received_at", period))
    ).all()
    # Counted: every petition answered, and every one whose running limit has passed.
    judged = [verdict for p in found if (verdict := on_time(p, today)) is not None]
    due, late = len(judged), judged.count(False)
    channels = Counter(label("petition_channel", p.channel) for p in found)
    categories = Counter(
        label("petition_category", getattr(p, "category", "") or "—") for p in found
    )
    section = Section(
        figures={
            "petitions": len(found),
            "petitions_on_time_rate": rate(due - late, due),
            "petitions_by_channel": dict(Counter(p.channel for p in found)),
        },
        tables=[
            Table.counted(
                "petitions_by_channel", _("Letters and visits, by channel"), _("Channel"), channels
            )
        ],
    )
    if any(hasattr(p, "category") for p in found):
        section.tables.append(
            Table.counted(
                "petitions_by_category",
                _("Letters and visits, by category"),
                _("Category"),
                categories,
            )
        )
    return section


def figure_lines(figures: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (_("Letters and visits"), str(figures["petitions"])),
        (_("Letters and visits answered on time"), percent(figures["petitions_on_time_rate"])),
    ]


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    """Petitions received in [start, end); a protected identity stays hidden."""
    found = live_between(session, Petition, "received_at", start, end)
    return [
        DayEntry(
            clock.to_local(p.received_at),
            "petition",
            with_detail(
                protected_text() if SERVICE.protected(p) else p.petitioner, one_line(p.content)
            ),
            ENTRY,
            p.id or 0,
        )
        for p in found
    ]
