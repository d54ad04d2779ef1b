"""发文: the register of outgoing documents and their numbers (发文字号).

Wing: office/documents. Must not import screens, widgets, app, cli, care or demo; of this
package only ``incoming`` and ``numbering``.

A number is 机关代字 + 〔year〕 + serial + 号 (某府发〔2026〕3号: hexagonal brackets, no padding,
no 第), one series per prefix per year. ``allocate_number`` takes the next serial inside the
caller's writing transaction (the desk and the command line write under BEGIN IMMEDIATE, so
two windows or processes never share a number) and counts every number ever given, voided
ones included: a number is never reused, and a voided one stays in the register as voided.
``number_check`` lists the gaps and duplicates of a register (one imported from Excel).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select

from secdesk.calendar import clock
from secdesk.i18n import N_, _, format_short_date
from secdesk.labels import label, mark
from secdesk.models import IncomingDocument, OutgoingDocument
from secdesk.models.document import SECRECY_DEFAULTS, OutgoingStatus
from secdesk.office.documents.incoming import MASKED_TITLE, is_masked, shown_title, valid_doc_type
from secdesk.office.documents.numbering import next_number
from secdesk.services.inputs import OutgoingInput
from secdesk.services.records import RecordService
from secdesk.services.views import Cell, InvalidInput, Row, Saved, Tone, Undo

#: The states in which a document has its number.
NUMBERED = (
    OutgoingStatus.registered,
    OutgoingStatus.printed,
    OutgoingStatus.dispatched,
    OutgoingStatus.filed,
)
#: What a 机关代字 never holds: the 〔〕 of the number, or a year (某府函〔2026〕, 某府函[2026]).
_NOT_A_PREFIX = re.compile(r"[〔〕]|(?:19|20)\d\d")
_NUMBER = re.compile(r"^(?P<prefix>.+?)〔(?P<year>\d{4})〕(?P<serial>\d+)号$")
_RECEIPT = re.compile(r"^\s*(?P<year>\d{4})\s*[-－—/]\s*(?P<serial>\d+)\s*$")
VOIDED = N_("Voided")
NUMBERED_STAYS = N_(
    "A document given a number stays in the register of outgoing documents: void its number "
    "instead of deleting it."
)
DRAFTED = N_("Outgoing document saved as a draft: {label}")
PREFIX_ALONE = N_(
    "Write the organ's prefix alone, e.g. 某府函: the year and its 〔〕 are added to the number."
)
NEW_SERIES = N_("Start a new series {prefix}?")
IN_USE = N_("The prefixes in use are {known}.")


def format_number(prefix: str, year: int, serial: int) -> str:
    """某府发〔2026〕3号."""
    return f"{prefix}〔{year}〕{serial}号"


def parse_number(text: str) -> tuple[str, int, int] | None:
    """(prefix, year, serial) of a 发文字号 written with 〔〕; None for anything else."""
    match = _NUMBER.match(unicodedata.normalize("NFKC", text).strip())
    if not match:
        return None
    return match["prefix"].strip(), int(match["year"]), int(match["serial"])


def clean_prefix(typed: str) -> str:
    """A 机关代字 as typed, without spaces or a trailing bracket someone added."""
    return "".join(typed.split()).rstrip("〔[(（")


def prefixes_in_use(session: Session) -> list[str]:
    """The 机关代字 of the office: those config.toml lists, then those of the register,
    the most used first."""
    from secdesk.config import load_settings

    try:
        configured = list(load_settings().document_prefixes)
    except ValueError:
        configured = []
    used = session.exec(
        select(OutgoingDocument.prefix)
        .where(col(OutgoingDocument.deleted_at).is_(None), OutgoingDocument.prefix != "")
        .group_by(col(OutgoingDocument.prefix))
        .order_by(func.count().desc(), col(OutgoingDocument.prefix))
    ).all()
    return configured + [p for p in used if p not in configured]


def ask_new_series(session: Session, prefix: str, confirmed: tuple[str, ...]) -> None:
    """A prefix neither configured nor used before starts a new series of numbers: asked
    once (``NeedsConfirmation``), unless the user said yes already."""
    from secdesk.services.forms import NeedsConfirmation

    known = prefixes_in_use(session)
    if prefix in known or "prefix" in confirmed:
        return
    question = _(NEW_SERIES).format(prefix=prefix)
    if known:
        question += " " + _(IN_USE).format(known="、".join(known))
    raise NeedsConfirmation("prefix", question, prefix)


def allocate_number(session: Session, prefix: str, year: int) -> int:
    """The next serial of ``prefix`` in ``year``: one after the highest ever given."""
    series = (OutgoingDocument.prefix == prefix, OutgoingDocument.year == year)
    return next_number(session, OutgoingDocument.serial, *series)


def incoming_by_receipt(session: Session, typed: str) -> IncomingDocument | None:
    """The live incoming document whose 收文号 is ``typed`` (2026-0042 or 2026-42)."""
    match = _RECEIPT.match(unicodedata.normalize("NFKC", typed))
    if not match:
        return None
    return session.exec(
        select(IncomingDocument).where(
            IncomingDocument.year == int(match["year"]),
            IncomingDocument.serial == int(match["serial"]),
            col(IncomingDocument.deleted_at).is_(None),
        )
    ).first()


class OutgoingService(RecordService):
    hidden_words = {"title": MASKED_TITLE}

    def validate(self, session: Session, data: OutgoingInput) -> OutgoingInput:
        self.required(data, "title", N_("Enter the document's title"))
        data.prefix = clean_prefix(data.prefix)
        if not data.prefix:
            raise InvalidInput("prefix", N_("Enter the organ's prefix, e.g. 某府发"))
        if _NOT_A_PREFIX.search(unicodedata.normalize("NFKC", data.prefix)):
            raise InvalidInput("prefix", PREFIX_ALONE)
        data.doc_type = valid_doc_type(data.doc_type)
        data = super().validate(session, data)
        if data.copies < 1:
            raise InvalidInput("copies", N_("At least one copy"))
        data.reply_to = data.reply_to.strip()
        if data.reply_to and incoming_by_receipt(session, data.reply_to) is None:
            raise InvalidInput("reply_to", N_("No incoming document has this receipt number"))
        return data

    def stored(self, session: Session, data: Any, obj: Any = None) -> dict[str, Any]:
        values = super().stored(session, data, obj)
        confirmed = values.pop("confirmed")
        if confirmed is not None and (obj is None or obj.prefix != data.prefix):
            ask_new_series(session, data.prefix, confirmed)
        reply = values.pop("reply_to")
        if reply:
            found = incoming_by_receipt(session, reply)
            values["reply_to_id"] = found.id if found else None
        if values["classification"] in SECRECY_DEFAULTS:
            values["secrecy_years"] = (
                values["secrecy_years"] or SECRECY_DEFAULTS[values["classification"]]
            )
        else:
            values["secrecy_years"] = None
        if obj is not None and obj.year is not None and values["prefix"] != obj.prefix:
            raise InvalidInput("prefix", N_("A numbered document keeps its prefix"))
        return values

    def input_of(self, session: Session, obj: Any) -> Any:
        reply = session.get(IncomingDocument, obj.reply_to_id) if obj.reply_to_id else None
        return OutgoingInput(
            title=obj.title,
            prefix=obj.prefix,
            doc_type=obj.doc_type,
            classification=obj.classification,
            secrecy_years=obj.secrecy_years or 0,
            urgency=obj.urgency,
            drafted_by=obj.drafted_by,
            main_recipients=obj.main_recipients,
            cc_recipients=obj.cc_recipients,
            copies=obj.copies,
            reply_to=reply.receipt_number if reply else "",
        )

    def protected(self, obj: Any) -> set[str]:
        """A classified document's title is shown only when revealed on purpose."""
        return {"title"} if is_masked(obj.classification) else set()

    def step_changes(
        self, session: Session, obj: Any, step: Any, values: dict[str, Any], note: str
    ) -> dict[str, Any]:
        """What each step of 发文办理 changes: the number at registration, the times of
        printing and dispatch, the archive entry, a void."""
        changes = super().step_changes(session, obj, step, values, note)
        now = clock.now_utc()
        if step.name == "sign_off":
            if not str(values.get("signed_off_by") or "").strip():
                raise InvalidInput("signed_off_by", N_("Enter who signed it off"))
            changes["signed_off_on"] = values.get("signed_off_on") or clock.today()
        elif step.name == "register":
            if obj.year is None:
                changes.update(number_changes(session, obj))
        elif step.name == "print":
            changes["printed_at"] = now
        elif step.name == "dispatch":
            if not str(values.get("main_recipients") or "").strip():
                raise InvalidInput("main_recipients", N_("Enter the main recipients"))
            changes["dispatched_at"] = now
        elif step.name == "file":
            from secdesk.office.documents.archive import file_document

            entry = file_document(session, "outgoing", obj.id, str(values.get("retention")))
            values["archive_entry_id"] = entry.id
            values["item_number"] = entry.item_number
        elif step.name == "void":
            if obj.voided_at is not None:
                raise InvalidInput("note", N_("This number is voided already"))
            changes["voided_at"] = now
            changes["void_reason"] = note
        elif step.name == "renumber":
            renumbered = renumber(session, obj)
            values["renumbered_id"] = renumbered.id
            values["doc_number"] = renumbered.doc_number
        return changes

    def step_undone(self, session: Session, obj: Any, step: str, values: dict[str, Any]) -> None:
        """Take back what a step made besides the record's fields; a numbering is taken
        back only while no later number of its series was given (else: void it)."""
        from secdesk.office.documents.incoming import undo_side_records

        if step == "register" and obj.serial is not None:
            later = session.exec(
                select(func.count()).where(
                    OutgoingDocument.prefix == obj.prefix,
                    OutgoingDocument.year == obj.year,
                    col(OutgoingDocument.serial) > obj.serial,
                )
            ).one()
            if later:
                raise InvalidInput(
                    "doc_number", N_("Later numbers were given since: void this one instead")
                )
        if step == "renumber" and values.get("renumbered_id"):
            unnumber(session, int(values["renumbered_id"]))
        if step == "void" and renumbered(session, obj.id) is not None:
            raise InvalidInput("doc_number", N_("Its draft has a new number: the void stays"))
        undo_side_records(session, values)

    def delete(self, session: Session, record_id: int) -> Undo:
        """A draft may be deleted; a document given a number may not: the register shows
        every number ever given (void the number instead)."""
        obj = self.get(session, record_id)
        if obj.serial is not None:
            raise InvalidInput("doc_number", NUMBERED_STAYS)
        return super().delete(session, record_id)

    def create(self, session: Session, data: Any, **extra: Any) -> Saved:
        extra.setdefault("drafted_at", clock.now_utc())
        return super().create(session, data, **extra)

    def created(self, session: Session, obj: Any, data: Any) -> Saved:
        saved = super().created(session, obj, data)
        return replace(saved, said=_(DRAFTED).format(label=saved.label))

    def label_of(self, obj: OutgoingDocument) -> str:
        title = shown_title(obj.title, obj.classification)
        return f"{obj.doc_number} {title}" if obj.doc_number else title

    def row(self, obj: OutgoingDocument, today: date) -> Row:
        state = label("outgoing_status", obj.status)
        if obj.voided_at is not None:
            state = _(VOIDED)
        values = self.json_values(obj)
        if is_masked(obj.classification) and not self.reveal:
            values["title"] = shown_title(obj.title, obj.classification)
        return Row(
            "outgoing",
            obj.id or 0,
            (
                Cell(obj.doc_number, Tone.muted if obj.voided_at else Tone.plain),
                Cell(format_short_date(clock.to_local(obj.drafted_at).date(), today)),
                Cell(label("doc_type", obj.doc_type)),
                Cell(
                    mark("classification", obj.classification),
                    Tone.secret if obj.classification != "none" else Tone.muted,
                ),
                Cell(shown_title(obj.title, obj.classification, self.reveal)),
                Cell(obj.main_recipients),
                Cell(obj.signed_off_by),
                Cell(state, Tone.alert if obj.voided_at else Tone.plain),
            ),
            values,
        )

    def detail_extra(self, session: Session, obj: OutgoingDocument) -> list[tuple[str, str]]:
        lines = []
        if obj.reply_to_id:
            reply = session.get(IncomingDocument, obj.reply_to_id)
            if reply is not None:
                lines.append(
                    (
                        N_("In reply to"),
                        f"{reply.receipt_number} {reply.doc_number} "
                        f"{shown_title(reply.title, reply.classification)}".strip(),
                    )
                )
        if obj.voided_at is not None:
            lines.append((VOIDED, obj.void_reason or _("Yes")))
        if obj.replaces_id:
            old = session.get(OutgoingDocument, obj.replaces_id)
            if old is not None:
                lines.append((N_("Replaces the voided number"), old.doc_number))
        if (new := renumbered(session, obj.id)) is not None:
            lines.append((N_("Given the new number"), new.doc_number))
        return lines


SERVICE = OutgoingService("outgoing")


def number_changes(
    session: Session, obj: OutgoingDocument, year: int | None = None
) -> dict[str, Any]:
    """登记: the next number of the document's prefix and year (this transaction holds
    the write lock, so no other window or process can take the same one)."""
    year = year or clock.today().year
    serial = allocate_number(session, obj.prefix, year)
    return {
        "year": year,
        "serial": serial,
        "doc_number": format_number(obj.prefix, year, serial),
        "registered_at": clock.now_utc(),
    }


#: What a draft given a new number takes over from the entry whose number was voided.
DRAFT_FIELDS = (
    "title",
    "doc_type",
    "classification",
    "secrecy_years",
    "urgency",
    "drafted_by",
    "reviewed_by",
    "signed_off_by",
    "signed_off_on",
    "prefix",
    "copies",
    "main_recipients",
    "cc_recipients",
    "reply_to_id",
)


def renumber(session: Session, voided: OutgoingDocument) -> OutgoingDocument:
    """The draft of a voided number entered again with the next number of its prefix this
    year (the voided entry stays as it is, and the new one names it)."""
    from secdesk.services import audit

    new = OutgoingDocument(
        **{name: getattr(voided, name) for name in DRAFT_FIELDS},
        status=OutgoingStatus.registered.value,
        drafted_at=voided.drafted_at,
        replaces_id=voided.id,
    )
    new.year = clock.today().year
    new.serial = allocate_number(session, new.prefix, new.year)
    new.doc_number = format_number(new.prefix, new.year, new.serial)
    new.registered_at = clock.now_utc()
    session.add(new)
    session.flush()
    audit.record(session, "create", "outgoingdocument", new.id, audit.values(new))
    return new


def renumbered(session: Session, record_id: int | None) -> OutgoingDocument | None:
    """The live entry that gave the draft of a voided number its new number, if any."""
    return session.exec(
        select(OutgoingDocument).where(
            OutgoingDocument.replaces_id == record_id, col(OutgoingDocument.deleted_at).is_(None)
        )
    ).first()


def unnumber(session: Session, record_id: int) -> None:
    """Undo a new number given to a voided draft: refused once a later number of its
    series was given; else the entry goes (deleted, its serial free again)."""
    from secdesk.services import audit

    new = session.get(OutgoingDocument, record_id)
    if new is None or new.deleted_at is not None:
        return
    later = session.exec(
        select(func.count()).where(
            OutgoingDocument.prefix == new.prefix,
            OutgoingDocument.year == new.year,
            col(OutgoingDocument.serial) > (new.serial or 0),
        )
    ).one()
    if later or new.status != OutgoingStatus.registered:
        raise InvalidInput("doc_number", N_("The new number is in use: void it instead"))
    audit.apply_edit(
        session,
        new,
        "outgoingdocument",
        {"year": None, "serial": None, "doc_number": "", "deleted_at": clock.now_utc()},
        action="undo",
    )


def log_outgoing(
    session: Session,
    title: str,
    prefix: str,
    signer: str = "",
    recipients: str = "",
    doc_type: str = "通知",
    reply_to: str = "",
    confirmed: tuple[str, ...] | None = None,
) -> Saved:
    """A signed outgoing document registered in one go (``secdesk log outgoing``): saved,
    signed off today, numbered."""
    from secdesk.services import workflow

    saved = SERVICE.create(
        session,
        OutgoingInput(
            title=title,
            prefix=prefix,
            doc_type=doc_type,
            main_recipients=recipients,
            reply_to=reply_to,
            confirmed=confirmed,
        ),
        signed_off_by=signer.strip(),
        signed_off_on=clock.today(),
        status=OutgoingStatus.signed_off.value,
    )
    return workflow.take(session, "outgoing", saved.id, "register").saved


@dataclass(frozen=True)
class NumberProblem:
    """A gap or a duplicate in one prefix's series of one year."""

    prefix: str
    year: int
    kind: str
    """gap or duplicate."""
    serials: tuple[int, ...]


def number_check(session: Session, year: int | None = None) -> list[NumberProblem]:
    """Gaps (serials missing below the highest) and duplicates (a serial given twice) in
    every prefix's series, per year; deleted records still hold their numbers."""
    query = select(OutgoingDocument.prefix, OutgoingDocument.year, OutgoingDocument.serial).where(
        col(OutgoingDocument.serial).is_not(None)
    )
    if year is not None:
        query = query.where(OutgoingDocument.year == year)
    series: dict[tuple[str, int], list[int]] = {}
    for prefix, yr, serial in session.exec(query).all():
        series.setdefault((prefix, int(yr or 0)), []).append(int(serial or 0))
    problems = []
    for (prefix, yr), serials in sorted(series.items()):
        counted: dict[int, int] = {}
        for serial in serials:
            counted[serial] = counted.get(serial, 0) + 1
        missing = tuple(n for n in range(1, max(serials) + 1) if n not in counted)
        twice = tuple(sorted(n for n, c in counted.items() if c > 1))
        if missing:
            problems.append(NumberProblem(prefix, yr, "gap", missing))
        if twice:
            problems.append(NumberProblem(prefix, yr, "duplicate", twice))
    return problems
