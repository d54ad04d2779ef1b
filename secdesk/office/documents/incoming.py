"""收文: the register of incoming documents, the Inbox panel and the duty log's entries.

Wing: office/documents. Must not import screens, widgets, app, cli, care or demo; of this
package only ``numbering``.

Registering assigns the register's receipt number (收文号): per year, the next after the
highest ever given that year (deleted records keep theirs), inside the writing transaction
(the desk and the command line write under BEGIN IMMEDIATE), so there are no gaps and no
two documents share one. Classified titles (秘密, 机密, 绝密) are masked in every row this
module builds unless the caller asks to reveal them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, or_
from sqlmodel import Session, col, select

from secdesk.calendar import clock
from secdesk.calendar.deadlines import due_cell_text, due_detail_text
from secdesk.config import Settings
from secdesk.i18n import N_, _, format_moment, format_short_date
from secdesk.labels import mark
from secdesk.models import IncomingDocument
from secdesk.models.document import (
    CLOSED_INCOMING,
    MASKED_CLASSIFICATIONS,
    SECRECY_DEFAULTS,
    IncomingStatus,
)
from secdesk.office.documents.numbering import next_number
from secdesk.services.inputs import IncomingInput
from secdesk.services.phrases import count_note, count_rows, listing, with_detail
from secdesk.services.records import RecordService, live_children
from secdesk.services.views import (
    Cell,
    DayEntry,
    InvalidInput,
    ListFilter,
    PanelData,
    Row,
    Saved,
    Tone,
)

OPEN_INCOMING = [s.value for s in IncomingStatus if s not in CLOSED_INCOMING]
PANEL_LIMIT = 100
RECEIVED = N_("Document received")
COMPLETED = N_("Document completed")
URGENCY_TONE = {"extra_urgent": Tone.alert, "urgent": Tone.flag}
#: The 15 types of document (党政机关公文处理工作条例 art. 8), in the regulation's order.
DOC_TYPES = (
    "决议",
    "决定",
    "命令",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "函",
    "纪要",
)
#: What people also write for a type.
DOC_TYPE_ALIASES = {"令": "命令", "会议纪要": "纪要"}
MASKED_TITLE = N_("(classified title)")
NO_LIMIT = N_("urgent, no limit")
REGISTERED = N_("Incoming document registered: {label}")

_YEAR_TEXT = re.compile(r"^(?P<year>(19|20)\d\d)(\s*[-－—/]\s*(?P<serial>\d{1,5}))?$")
_BRACKETED = re.compile(
    r"^(?P<code>.*?)\s*[\[(（【［〔]\s*(?P<year>\d{4})\s*[\])）】］〕]\s*第?\s*(?P<n>\d+)\s*号?$"
)


def normalise_doc_number(typed: str) -> str:
    """A document number as printed: 某府发[2026]3号, 某府发(2026)3号 and 某府发〔2026〕第3号
    all become 某府发〔2026〕3号 (hexagonal brackets, no 第); anything else is kept as typed,
    squeezed."""
    text = " ".join(unicodedata.normalize("NFKC", typed).split())
    # NFKC turns full-width brackets into ASCII ones but leaves 〔〕 alone.
    match = _BRACKETED.match(text)
    if not match:
        return text
    code = match["code"].strip()
    return f"{code}〔{match['year']}〕{int(match['n'])}号"


def doc_type_of(typed: str) -> str | None:
    """One of the 15 types, from what was typed (令 is 命令); None if it is none of them."""
    clean = typed.strip()
    clean = DOC_TYPE_ALIASES.get(clean, clean)
    return clean if clean in DOC_TYPES else None


def valid_doc_type(typed: str) -> str:
    """``doc_type_of(typed)``; none of the 15 is refused as the form's doc_type field."""
    doc_type = doc_type_of(typed)
    if doc_type is None:
        raise InvalidInput("doc_type", N_("Not one of the 15 document types"))
    return doc_type


def is_masked(classification: str) -> bool:
    """Whether a document of this classification has its title hidden until revealed."""
    return classification in MASKED_CLASSIFICATIONS


def shown_title(title: str, classification: str, reveal: bool = False) -> str:
    """The title as lists, panels, the duty log and exports show it."""
    if is_masked(classification) and not reveal:
        return _(MASKED_TITLE)
    return title


def next_receipt_serial(session: Session, year: int) -> int:
    """The next 收文号 of ``year``: one after the highest ever given (never reused)."""
    return next_number(session, IncomingDocument.serial, IncomingDocument.year == year)


def _classification(doc: IncomingDocument) -> Cell:
    tone = Tone.secret if doc.classification != "none" else Tone.muted
    return Cell(mark("classification", doc.classification), tone)


def _due(doc: IncomingDocument, today: date) -> Cell:
    if doc.due is None:
        return Cell("")
    late = doc.due < today and doc.status not in CLOSED_INCOMING
    return Cell(due_cell_text(doc.due, doc.due_spec, today), Tone.alert if late else Tone.plain)


def _due_or_flag(doc: IncomingDocument, today: date) -> Cell:
    """The time limit; an urgent open document without one is flagged."""
    if doc.due is None and doc.urgency != "normal" and doc.status not in CLOSED_INCOMING:
        return Cell(_(NO_LIMIT), Tone.flag)
    return _due(doc, today)


def _values(doc: IncomingDocument, reveal: bool) -> dict[str, Any]:
    values = {**SERVICE.json_values(doc), "receipt_number": doc.receipt_number}
    if is_masked(doc.classification) and not reveal:
        values["title"] = shown_title(doc.title, doc.classification)
    return values


class DocumentService(RecordService):
    hidden_words = {"title": MASKED_TITLE}

    def filtered(self, flt: ListFilter) -> Any:
        """The generic filters, and: ``overdue`` (open and past its limit); a text that is
        a year (2025) or a receipt number (2026-0042) finds by those."""
        choices = dict(flt.choices)
        overdue = choices.pop("overdue", "")
        text = flt.text.strip()
        year = serial = None
        if match := _YEAR_TEXT.match(unicodedata.normalize("NFKC", text)):
            year = int(match["year"])
            serial = int(match["serial"]) if match["serial"] else None
            text = ""
        query = super().filtered(replace(flt, choices=choices, text=text))
        if year is not None:
            query = query.where(IncomingDocument.year == year)
        if serial is not None:
            query = query.where(IncomingDocument.serial == serial)
        if overdue:
            query = query.where(
                col(IncomingDocument.status).in_(OPEN_INCOMING),
                col(IncomingDocument.due) < clock.today(),
            )
        return query

    def validate(self, session: Session, data: IncomingInput) -> IncomingInput:
        data.sender = " ".join(data.sender.split())
        self.required(data, "title", N_("Enter the document's title"))
        if not data.sender:
            raise InvalidInput("sender", N_("Enter who sent it"))
        data.doc_number = normalise_doc_number(data.doc_number)
        data.doc_type = valid_doc_type(data.doc_type)
        data = super().validate(session, data)
        if data.copies < 1:
            raise InvalidInput("copies", N_("At least one copy"))
        return data

    def stored(self, session: Session, data: Any, obj: Any = None) -> dict[str, Any]:
        values = super().stored(session, data, obj)
        if values["classification"] in SECRECY_DEFAULTS:
            values["secrecy_years"] = (
                values["secrecy_years"] or SECRECY_DEFAULTS[values["classification"]]
            )
        else:
            values["secrecy_years"] = None
        if obj is not None and data.due == obj.due and not data.due_spec:
            values["due_spec"] = obj.due_spec  # the date was not retyped: keep how it counted
        return values

    def input_of(self, session: Session, obj: Any) -> Any:
        data = super().input_of(session, obj)
        data.secrecy_years = data.secrecy_years or 0
        return data

    def counted_deadlines(self, session: Session) -> list[tuple[Any, str, Any]]:
        """Open documents whose limit was typed as a span (``20wd``): counted again when a
        year's holidays are entered."""
        from secdesk.calendar.deadlines import count_spec

        found = session.exec(
            select(IncomingDocument).where(
                col(IncomingDocument.deleted_at).is_(None),
                col(IncomingDocument.status).in_(OPEN_INCOMING),
                IncomingDocument.due_spec != "",
            )
        ).all()
        return [(doc, "due", lambda spec=doc.due_spec: count_spec(spec)) for doc in found]

    def detail_values(self, session: Session, obj: Any) -> dict[str, Any]:
        """The limit with what was typed and its provisional mark, and the sender's own
        limit when the Assign step set another one."""
        values: dict[str, Any] = {"due": due_detail_text(obj.due, obj.due_spec)}
        if obj.sender_due is not None and obj.sender_due != obj.due:
            values["sender_due"] = obj.sender_due.isoformat()
        else:
            values["sender_due"] = None
        return values

    def create(self, session: Session, data: Any, **extra: Any) -> Saved:
        data = self.validate(session, data)
        year = clock.to_local(data.received_at).year
        extra.setdefault("year", year)
        extra.setdefault("serial", next_receipt_serial(session, extra["year"]))
        return super().create(session, data, **extra)

    def detail_extra(self, session: Session, obj: Any) -> list[tuple[str, str]]:
        """The outgoing documents that answer it (复文)."""
        from secdesk.models import OutgoingDocument

        replies = session.exec(
            select(OutgoingDocument).where(
                OutgoingDocument.reply_to_id == obj.id, col(OutgoingDocument.deleted_at).is_(None)
            )
        ).all()
        lines = [
            (
                N_("Answered by"),
                f"{r.doc_number} {shown_title(r.title, r.classification)}".strip(),
            )
            for r in replies
        ]
        today = clock.today()
        for c in circulation(session, obj.id):
            since = format_moment(clock.to_local(c.since), today)
            if c.returned_at is not None:
                state = _("returned {when}").format(
                    when=format_moment(clock.to_local(c.returned_at), today)
                )
            elif c.read_at is not None:
                state = _("read, not returned")
            else:
                state = _("has it")
            lines.append((N_("Circulated to"), f"{c.reader} · {since} · {state}"))
        holders = [c.reader for c in circulation(session, obj.id) if c.returned_at is None]
        if holders:
            lines.insert(0, (N_("Now with"), listing(holders)))
        return lines

    def protected(self, obj: Any) -> set[str]:
        """A classified document's title is shown only when revealed on purpose."""
        return {"title"} if is_masked(obj.classification) else set()

    def step_changes(
        self, session: Session, obj: Any, step: Any, values: dict[str, Any], note: str
    ) -> dict[str, Any]:
        """What each step of 收文办理 changes; side records (circulation, the archive
        entry) are noted in ``values`` so that undoing the step removes them."""
        changes = super().step_changes(session, obj, step, values, note)
        if step.name == "return":
            changes["return_reason"] = note
        elif step.name == "instruct":
            if not str(values.get("instruction") or "").strip():
                raise InvalidInput("instruction", N_("Enter the leader's instruction"))
            if changes.get("instructed_at") is None:
                changes["instructed_at"] = clock.now_utc()
            else:
                changes["instructed_at"] = clock.to_utc(changes["instructed_at"])
        elif step.name == "assign":
            if not str(values.get("undertaking_unit") or "").strip():
                raise InvalidInput("undertaking_unit", N_("Enter the undertaking unit"))
            if values.get("due") is None:
                changes.pop("due", None)  # a blank limit keeps the one it has
                changes.pop("due_spec", None)
            elif obj.sender_due is None and obj.due is not None and changes["due"] != obj.due:
                changes["sender_due"] = obj.due  # the sender's limit is kept, and shown
        elif step.name == "circulate":
            values["circulation_ids"] = circulate(
                session, obj.id, str(values.get("readers") or ""), values.get("since")
            )
        elif step.name in ("read", "give_back"):
            reader = str(values.get("reader") or "").strip()
            values["circulation_id"], values["circulation_before"] = mark_circulation(
                session, obj.id, reader, returned=step.name == "give_back"
            )
            if step.name == "give_back" and not holders(session, obj.id):
                changes["status"] = (
                    IncomingStatus.undertaking
                    if obj.undertaking_unit
                    else IncomingStatus.instructed
                )
        if step.name in ("complete", "file"):
            still_held(session, obj.id, step, values)
        if step.name == "complete":
            changes["completed_at"] = clock.now_utc()
        elif step.name == "file":
            from secdesk.office.documents.archive import file_document

            entry = file_document(session, "incoming", obj.id, str(values.get("retention")))
            values["archive_entry_id"] = entry.id
            values["item_number"] = entry.item_number
        return changes

    def step_undone(self, session: Session, obj: Any, step: str, values: dict[str, Any]) -> None:
        """Take back what a step made besides the record's fields."""
        undo_side_records(session, values)

    def created(self, session: Session, obj: Any, data: Any) -> Saved:
        """The toast names the receipt number the document was given."""
        saved = super().created(session, obj, data)
        return replace(saved, said=_(REGISTERED).format(label=saved.label))

    def label_of(self, obj: IncomingDocument) -> str:
        return f"{obj.receipt_number} {shown_title(obj.title, obj.classification)}"

    def row(self, obj: IncomingDocument, today: date) -> Row:
        return Row(
            "incoming",
            obj.id or 0,
            (
                Cell(obj.receipt_number),
                Cell(format_short_date(clock.to_local(obj.received_at).date(), today)),
                Cell(mark("urgency", obj.urgency), URGENCY_TONE.get(obj.urgency, Tone.plain)),
                _classification(obj),
                Cell(shown_title(obj.title, obj.classification, self.reveal)),
                Cell(obj.sender),
                _due_or_flag(obj, today),
                Cell(mark("incoming_status", obj.status)),
            ),
            _values(obj, self.reveal),
        )


SERVICE = DocumentService("incoming")


def panel(session: Session, day: date, settings: Settings) -> PanelData:
    """Incoming documents not yet completed: 特急, 加急, then by due date."""
    live = select(IncomingDocument).where(
        col(IncomingDocument.deleted_at).is_(None),
        # IN (open states) rather than NOT IN (closed ones): SQLite can use the status index.
        col(IncomingDocument.status).in_(OPEN_INCOMING),
    )
    rank = case(
        (col(IncomingDocument.urgency) == "extra_urgent", 0),
        (col(IncomingDocument.urgency) == "urgent", 1),
        else_=2,
    )
    found = session.exec(
        live.order_by(
            rank,
            col(IncomingDocument.due).is_(None),
            col(IncomingDocument.due),
            col(IncomingDocument.received_at),
        ).limit(PANEL_LIMIT)
    ).all()
    rows = tuple(
        Row(
            "incoming",
            d.id or 0,
            (
                Cell(d.receipt_number),
                Cell(mark("urgency", d.urgency), URGENCY_TONE.get(d.urgency, Tone.plain)),
                _classification(d),
                Cell(shown_title(d.title, d.classification)),
                Cell(d.sender),
                _due_or_flag(d, day),
            ),
            _values(d, reveal=False),
        )
        for d in found
    )
    total = count_rows(session, live)
    return PanelData("inbox", "incoming", rows, total, count_note(len(rows), total))


def duty_entries(session: Session, start: datetime, end: datetime) -> list[DayEntry]:
    """Documents received or completed in [start, end)."""
    received = (col(IncomingDocument.received_at) >= start) & (
        col(IncomingDocument.received_at) < end
    )
    completed = (col(IncomingDocument.completed_at) >= start) & (
        col(IncomingDocument.completed_at) < end
    )
    docs = session.exec(
        select(IncomingDocument).where(
            col(IncomingDocument.deleted_at).is_(None), or_(received, completed)
        )
    ).all()
    entries = []
    for doc in docs:
        text = _("“{title}”").format(title=shown_title(doc.title, doc.classification))
        if doc.sender:
            text = _("{title} from {sender}").format(title=text, sender=doc.sender)
        text = with_detail(text, doc.doc_number)
        for entry_label, moment in ((RECEIVED, doc.received_at), (COMPLETED, doc.completed_at)):
            if moment is not None and start <= clock.to_utc(moment) < end:
                entries.append(
                    DayEntry(
                        clock.to_local(moment),
                        "incoming",
                        text,
                        entry_label,
                        doc.id or 0,
                        order=1,
                        tone=Tone.strong,
                    )
                )
    return entries


# -- 传阅: circulation ----------------------------------------------------------------------


def circulation(session: Session, incoming_id: int | None) -> list[Any]:
    """Who the document was passed to, in order (live rows only)."""
    from secdesk.models import Circulation

    return live_children(session, Circulation, "incoming_id", incoming_id, "since")


def holders(session: Session, incoming_id: int) -> list[str]:
    """Who has the document now: readers it went to and who have not returned it."""
    return [c.reader for c in circulation(session, incoming_id) if c.returned_at is None]


STILL_HELD = N_(
    "{names} still hold it (read, not returned). {step} all the same? The answer is logged "
    "with the step."
)


def still_held(session: Session, incoming_id: int, step: Any, values: dict[str, Any]) -> None:
    """Completing or filing a document some readers still hold is asked about first
    (``NeedsConfirmation`` naming them); on a yes the step's logged values name them."""
    from secdesk.services.forms import NeedsConfirmation

    names = holders(session, incoming_id)
    if not names:
        return
    if "holders" not in (values.get("confirmed") or ()):
        raise NeedsConfirmation(
            "holders", _(STILL_HELD).format(names=listing(names), step=_(step.label))
        )
    values["holders"] = names


def circulate(
    session: Session, incoming_id: int, readers: str, since: datetime | None = None
) -> list[int]:
    """Pass the document to each reader (names separated by commas or 、), from ``since``
    (default now); returns the new circulation rows' ids."""
    from secdesk.models import Circulation
    from secdesk.services import audit

    SERVICE.get(session, incoming_id)
    names = [n.strip() for n in re.split(r"[,，、;；]", readers) if n.strip()]
    if not names:
        raise InvalidInput("readers", N_("Enter whom it goes to"))
    moment = clock.to_utc(since) if since else clock.now_utc()
    made = []
    for name in names:
        row = Circulation(incoming_id=incoming_id, reader=name, since=moment)
        session.add(row)
        session.flush()
        audit.record(session, "create", "circulation", row.id, audit.values(row))
        made.append(row.id or 0)
    return made


def mark_circulation(
    session: Session, incoming_id: int, reader: str, returned: bool
) -> tuple[int, dict[str, str | None]]:
    """A reader has read it (``returned`` False) or handed it back; returns the row's id
    and its times before (ISO), for an undo."""
    from secdesk.services import audit

    rows = [
        c for c in circulation(session, incoming_id) if c.reader == reader and c.returned_at is None
    ]
    if not rows:
        raise InvalidInput("reader", N_("The document is not with this reader"))
    row = rows[-1]
    before = {
        "read_at": clock.to_utc(row.read_at).isoformat() if row.read_at else None,
        "returned_at": None,
    }
    now = clock.now_utc()
    changes: dict[str, Any] = {"returned_at": now} if returned else {"read_at": now}
    if returned and row.read_at is None:
        changes["read_at"] = now
    audit.apply_edit(session, row, "circulation", changes)
    return row.id or 0, before


def undo_side_records(session: Session, values: dict[str, Any]) -> None:
    """Undo the circulation rows and archive entry a document's step made (see
    ``step_changes``: their ids are in the step's logged values)."""
    from secdesk.models import ArchiveEntry, Circulation
    from secdesk.services import audit

    now = clock.now_utc()
    for row_id in values.get("circulation_ids") or []:
        _drop(session, Circulation, "circulation", row_id, now)
    if (row_id := values.get("circulation_id")) is not None:
        row = session.get(Circulation, row_id)
        if row is not None:
            before = values.get("circulation_before") or {}
            old = {
                name: datetime.fromisoformat(value) if value else None
                for name, value in before.items()
            }
            audit.apply_edit(session, row, "circulation", old, action="undo")
    if (entry_id := values.get("archive_entry_id")) is not None:
        _drop(session, ArchiveEntry, "archiveentry", entry_id, now)


def _drop(session: Session, model: Any, entity: str, row_id: int, now: datetime) -> None:
    """Delete a side record a step made (logged, so it is seen in the trail)."""
    from secdesk.services import audit

    row = session.get(model, row_id)
    if row is not None and row.deleted_at is None:
        row.deleted_at = now
        audit.touch(row)
        session.add(row)
        audit.record(session, "delete", entity, row_id, {})


def reply_draft(session: Session, incoming_id: int) -> dict[str, Any]:
    """What a reply's form opens with: the type 函 and, hidden, the receipt number of the
    document it answers (its form does not show the link; saving makes it)."""
    doc = SERVICE.get(session, incoming_id)
    return {"values": {"doc_type": "函"}, "hidden": {"reply_to": doc.receipt_number}}
