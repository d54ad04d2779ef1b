"""The registers read from the messy Excel and CSV files offices keep: 收文登记簿 and
发文登记簿 rows into incoming and outgoing documents, and the columns both registers have
(the headers ``registers`` writes are the same).

Wing: office/documents. Must not import screens, widgets, app, cli, care or demo; of
this package only ``incoming``, ``outgoing`` and ``archive``.

The header row is found among the first rows (a title row above it is skipped) by
matching common Chinese and English headers; blank rows and a total row (合计, 总计...) are
skipped; merged cells hold their value on every row (see ``secdesk.io.sheets``); dates are
read five ways (2025-03-04, 2025/3/4, 2025.3.4, 2025年3月4日, an Excel serial number),
and a day without its year (1月22日) takes the year of the sheet's title (2025年收文登记簿)
or of the sheet's name; document numbers with [] or () become 〔〕. Text is kept as
written (（征求意见稿）, ①, 《》 stay full-width): only what rows are matched by (headers,
numbers, dates, value words) is compared in Unicode NFKC. A file without its key column
(收文号, 发文字号) is refused. Every readable row is imported in the caller's one
transaction, with an audit Event each; a row that cannot be read is named by its sheet row
number and why. A row already in the register (the same 收文号, or the same 发文字号 and
title) is not added again, so importing a file twice adds nothing; a row whose number is
in the register for another document is a clash, and a row the file holds twice is named.
A filed row (归档日期) is filed in the archive on that day; a voided number (作废：why)
stays voided with its reason.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import delete, insert
from sqlalchemy import select as core_select
from sqlmodel import Session

from secdesk.calendar import clock
from secdesk.i18n import N_, _
from secdesk.models import Event, IncomingDocument, OutgoingDocument
from secdesk.models.document import SECRECY_DEFAULTS
from secdesk.office.documents import archive
from secdesk.office.documents.incoming import (
    next_receipt_serial,
    normalise_doc_number,
    shown_title,
)
from secdesk.office.documents.outgoing import parse_number
from secdesk.office.documents.register_cells import (
    CLASH_IN,
    CLASH_OUT,
    CLASSIFICATION_WORDS,
    NO_DATE,
    NO_TITLE,
    RECEIPT_NUMBER,
    SAME_ROW,
    TOTAL_ROW,
    TWICE,
    URGENCY_WORDS,
    RowError,
    cell_key,
    cell_text,
    choice,
    copies,
    doc_type,
    handling,
    is_yearless,
    plain_text,
    sheet_date,
    sheet_year,
)
from secdesk.services import audit

if TYPE_CHECKING:
    from secdesk.services.store import Store

#: (field, English header msgid, other headers people write), per register.
INCOMING_COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("receipt", N_("Receipt number"), ("收文号", "收文编号", "收文顺序号", "receipt no")),
    ("received", N_("Date received"), ("收文日期", "收文时间", "收到日期", "来文日期", "received")),
    ("sender", N_("Sender"), ("来文机关", "来文单位", "来文机关（单位）", "发文机关", "from")),
    (
        "doc_number",
        N_("Sender's document number"),
        ("来文字号", "文号", "发文字号", "来文文号", "document number", "doc no"),
    ),
    ("title", N_("Document title"), ("文件标题", "标题", "文件名称", "题名", "事由", "title")),
    ("doc_type", N_("Document type"), ("文种", "type")),
    ("classification", N_("Classification"), ("密级",)),
    ("urgency", N_("Urgency"), ("紧急程度", "缓急", "缓急程度")),
    ("copies", N_("Copies"), ("份数",)),
    ("undertaking_unit", N_("Undertaking unit"), ("承办单位", "承办科室", "承办部门")),
    ("due", N_("Time limit"), ("办理时限", "时限", "due")),
    ("handling", N_("Handling"), ("办理情况", "办理结果", "办理状态", "status")),
    ("filed_on", N_("Filed on"), ("归档日期", "归档时间")),
)
OUTGOING_COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("doc_number", N_("Document number"), ("发文字号", "文号", "发文文号", "doc no")),
    ("title", N_("Document title"), ("文件标题", "标题", "文件名称", "题名", "title")),
    ("doc_type", N_("Document type"), ("文种", "type")),
    ("classification", N_("Classification"), ("密级",)),
    ("urgency", N_("Urgency"), ("紧急程度", "缓急")),
    ("signed_off_by", N_("Signed off by"), ("签发人", "签发领导")),
    ("signed_off_on", N_("Signed off on"), ("签发日期", "签发时间")),
    ("main_recipients", N_("Main recipients"), ("主送", "主送机关", "主送单位")),
    ("cc_recipients", N_("Copy recipients"), ("抄送", "抄送机关", "抄送单位")),
    ("copies", N_("Copies"), ("份数", "印数")),
    ("drafted_by", N_("Drafted by"), ("拟稿人", "拟稿单位", "拟稿")),
    ("dispatched", N_("Date issued"), ("印发日期", "发文日期", "成文日期", "issued")),
    ("handling", N_("Handling"), ("办理情况", "状态", "status")),
    ("filed_on", N_("Filed on"), ("归档日期", "归档时间")),
)
COLUMNS = {"incoming": INCOMING_COLUMNS, "outgoing": OUTGOING_COLUMNS}
HEADER_SEARCH_ROWS = 15
#: The rows of a plan whose cells are kept to be shown before importing.
PREVIEW_ROWS = 5
# -- reading a file ---------------------------------------------------------------------


@dataclass
class PlannedRow:
    row: int
    values: dict[str, Any]
    preview: list[Any]
    key: tuple[Any, ...]
    filed_on: date | None = None
    """归档日期: the row is filed in the archive on this day."""


@dataclass(frozen=True)
class Problem:
    row: int
    why: str


#: The column each register's rows are matched by: a file without it is refused.
KEY_COLUMNS = {"incoming": "receipt", "outgoing": "doc_number"}


@dataclass
class ImportPlan:
    """What a file holds: its header row, column mapping, readable rows and problems."""

    header_row: int | None
    mapping: list[tuple[str, str]] = field(default_factory=list)
    """(header as written, the field's English msgid or "" for a column left out)."""
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    already: int = 0
    new_rows: list[PlannedRow] = field(default_factory=list)
    missing_key: str = ""
    """The English msgid of the key column the file lacks (then nothing is read)."""
    year: tuple[int, str] | None = None
    """(year, where it is written) that days without a year were read in, if any were."""


def _header_index(columns: tuple[tuple[str, str, tuple[str, ...]], ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    for name, msgid, aliases in columns:
        for word in (msgid, _(msgid), *aliases):
            index.setdefault(cell_key(word), name)
    return index


def find_header(grid: Any, register: str) -> tuple[int | None, dict[int, str], list[Any]]:
    """The header row's position in ``grid.rows``, column -> field, and its cells."""
    index = _header_index(COLUMNS[register])
    best: tuple[int, int | None, dict[int, str], list[Any]] = (0, None, {}, [])
    for position, (_number, cells) in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        found: dict[int, str] = {}
        for column, cell in enumerate(cells):
            name = index.get(cell_key(cell))
            if name and name not in found.values():
                found[column] = name
        if len(found) > best[0] and "title" in found.values() and len(found) >= 2:
            best = (len(found), position, found, cells)
    return best[1], best[2], best[3]


def plan_import(session: Session, register: str, grid: Any) -> ImportPlan:
    """Read ``grid`` as ``register`` without writing anything."""
    position, columns, header_cells = find_header(grid, register)
    if position is None:
        return ImportPlan(None)
    labels = {name: msgid for name, msgid, _aliases in COLUMNS[register]}
    plan = ImportPlan(
        grid.rows[position][0],
        [
            (cell_text(cell), labels[columns[i]] if i in columns else "")
            for i, cell in enumerate(header_cells)
            if cell_text(cell)
        ],
    )
    if KEY_COLUMNS[register] not in columns.values():
        plan.missing_key = labels[KEY_COLUMNS[register]]
        return plan
    year = sheet_year(grid, position)
    known = _Known(session, register)
    seen: dict[tuple[Any, ...], tuple[int, dict[str, Any]]] = {}
    for number, cells in grid.rows[position + 1 :]:
        if not any(cell_text(c) for c in cells):
            continue
        if any(TOTAL_ROW.match(plain_text(t)) for t in cells[:3] if cell_text(t)):
            continue
        raw = {name: cells[i] if i < len(cells) else None for i, name in columns.items()}
        dated = {name for i, name in columns.items() if (number, i) in grid.date_cells}
        try:
            values, filed = _ROW_READERS[register](raw, dated, year[0] if year else None)
        except RowError as exc:
            plan.problems.append(Problem(number, str(exc)))
            continue
        if year and any(is_yearless(v) for v in raw.values()):
            plan.year = year
        key = _row_key(register, values)
        if key in seen:
            first, first_values = seen[key]
            why = (
                _(SAME_ROW).format(row=first)
                if first_values == values or register == "outgoing"
                else _(TWICE).format(number=_receipt(values), row=first)
            )
            plan.problems.append(Problem(number, why))
            continue
        seen[key] = (number, values)
        preview = (
            [cell_text(cells[i]) if i < len(cells) else "" for i in sorted(columns)]
            if len(plan.rows) < PREVIEW_ROWS
            else []
        )
        planned = PlannedRow(number, values, preview, key, filed)
        plan.rows.append(planned)
        found = known.existing(values)
        if found is None:
            plan.new_rows.append(planned)
        elif _same_document(register, found, values):
            plan.already += 1
        else:
            plan.problems.append(Problem(number, _clash(register, found)))
    return plan


def _receipt(values: dict[str, Any]) -> str:
    return f"{values['year']}-{values['serial']:04d}" if values.get("serial") else ""


def _row_key(register: str, values: dict[str, Any]) -> tuple[Any, ...]:
    """What a row is matched by within the file (text compared in NFKC)."""
    if register == "incoming":
        if values["serial"] is not None:
            return ("receipt", values["year"], values["serial"])
        return (
            "text",
            values["year"],
            cell_key(values["sender"]),
            values["doc_number"],
            cell_key(values["title"]),
        )
    return (values["doc_number"], cell_key(values["title"]))


class _Known:
    """The documents already in ``register``, read once in one query (a 100,000-row file
    would otherwise ask the database once a row). The document a row would be: the same
    收文号 or 发文字号 (then its title may differ: a clash), or for a row without one, the
    same text."""

    def __init__(self, session: Session, register: str) -> None:
        self.register = register
        self.by_key: dict[Any, list[Any]] = {}
        model = IncomingDocument if register == "incoming" else OutgoingDocument
        table = cast(Any, model).__table__
        columns = [table.c.id, table.c.title, table.c.classification, table.c.doc_number]
        if register == "incoming":
            columns += [table.c.year, table.c.serial, table.c.sender]
        for row in session.connection().execute(core_select(*columns).order_by(table.c.id)):
            for key in self._keys_of(row):
                self.by_key.setdefault(key, []).append(row)

    def _keys_of(self, row: Any) -> list[Any]:
        if self.register == "incoming":
            keys: list[Any] = [("text", row.year, row.title, row.sender, row.doc_number)]
            if row.serial is not None:
                keys.append(("receipt", row.year, row.serial))
            return keys
        keys = [("number", row.doc_number)]
        if not row.doc_number:
            keys.append(("untitled", row.doc_number, row.title))
        return keys

    def existing(self, values: dict[str, Any]) -> Any:
        if self.register == "incoming":
            if values["serial"] is not None:
                key: Any = ("receipt", values["year"], values["serial"])
            else:
                key = ("text", values["year"], values["title"], values["sender"],
                       values["doc_number"])  # fmt: skip
            return next(iter(self.by_key.get(key, ())), None)
        number = values["doc_number"]
        if number:
            found = self.by_key.get(("number", number), [])
        else:
            found = self.by_key.get(("untitled", number, values["title"]), [])
        same = [o for o in found if cell_key(o.title) == cell_key(values["title"])]
        return next(iter(same or found), None)


def _same_document(register: str, found: Any, values: dict[str, Any]) -> bool:
    """Whether a row is the document the register holds under its number: the same title
    and, for 收文 whose sender both give, the same sender (compared in NFKC)."""
    if cell_key(found.title) != cell_key(values["title"]):
        return False
    if register == "incoming" and found.sender and values["sender"]:
        return cell_key(found.sender) == cell_key(values["sender"])
    return True


def _clash(register: str, found: Any) -> str:
    title = shown_title(found.title, found.classification)
    if register == "incoming":
        number = f"{found.year}-{found.serial:04d}"
        return _(CLASH_IN).format(number=number, title=title, sender=found.sender)
    return _(CLASH_OUT).format(number=found.doc_number, title=title)


def _local_noon(day: date) -> datetime:
    return _noon_in(day, clock.zone())


@functools.lru_cache(maxsize=4096)
def _noon_in(day: date, zone: Any) -> datetime:
    """The moment a register's day is given (one object a day: a big file has few days)."""
    return clock.to_utc(datetime.combine(day, datetime.min.time().replace(hour=9), zone))


def _title(raw: dict[str, Any]) -> str:
    title = cell_text(raw.get("title"))
    if not title:
        raise RowError(_(NO_TITLE))
    return title


def _doc_number(raw: dict[str, Any]) -> str:
    """A number in 〔〕 as the register prints it (from [], (), full-width digits); anything
    else, or one NFKC would change beyond the width of its letters (①号), as written."""
    written = cell_text(raw.get("doc_number"))
    narrow = written.translate(_NARROW)
    if unicodedata.normalize("NFKC", narrow) != narrow:
        return written
    number = normalise_doc_number(narrow)
    return number if "〔" in number else written


#: Full-width ASCII (！ to ～, and the ideographic space) as ASCII.
_NARROW = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}


def _marks(raw: dict[str, Any]) -> dict[str, Any]:
    """Type, classification (with its secrecy years), urgency and copies: what both
    registers mark a document with, read in that order (the first unreadable one is the
    row's problem)."""
    classification = choice(
        "classification",
        cell_text(raw.get("classification")),
        CLASSIFICATION_WORDS,
        N_("Classification"),
    )
    return {
        "doc_type": doc_type(raw.get("doc_type")),
        "classification": classification,
        "secrecy_years": SECRECY_DEFAULTS.get(classification),
        "urgency": choice("urgency", cell_text(raw.get("urgency")), URGENCY_WORDS, N_("Urgency")),
        "copies": copies(raw.get("copies")),
    }


def _incoming_values(
    raw: dict[str, Any], dated: set[str], year: int | None
) -> tuple[dict[str, Any], date | None]:
    title = _title(raw)
    received = sheet_date(raw.get("received"), "received" in dated, year)
    receipt = plain_text(raw.get("receipt"))
    number_year = serial = None
    if match := RECEIPT_NUMBER.match(receipt):
        number_year, serial = int(match["year"]), int(match["serial"])
    elif receipt.isdigit():
        serial = int(receipt)
    if received is None:
        raise RowError(_(NO_DATE))
    filed = sheet_date(raw.get("filed_on"), "filed_on" in dated, year)
    status, result = handling("incoming", raw.get("handling"))
    values = {
        "year": number_year or received.year,
        "serial": serial,
        "received_at": _local_noon(received),
        "sender": cell_text(raw.get("sender")),
        "doc_number": _doc_number(raw),
        "title": title,
        **_marks(raw),
        "undertaking_unit": cell_text(raw.get("undertaking_unit")),
        "due": sheet_date(raw.get("due"), "due" in dated, year),
        "status": status if status not in (None, "void") else "filed" if filed else "registered",
        "result": result,
        "completed_at": _local_noon(filed) if filed else None,
    }
    return values, filed


def _outgoing_values(
    raw: dict[str, Any], dated: set[str], year: int | None
) -> tuple[dict[str, Any], date | None]:
    title = _title(raw)
    number = _doc_number(raw)
    parsed = parse_number(number)
    signed = sheet_date(raw.get("signed_off_on"), "signed_off_on" in dated, year)
    issued = sheet_date(raw.get("dispatched"), "dispatched" in dated, year)
    filed = sheet_date(raw.get("filed_on"), "filed_on" in dated, year)
    status, reason = handling("outgoing", raw.get("handling"))
    day = signed or issued or filed or clock.today()
    voided = status == "void"
    if status in (None, "void"):
        status = "filed" if filed else "registered" if voided and number else "dispatched"
        status = status if number else "drafted"
    values = {
        "title": title,
        "doc_number": number,
        "prefix": parsed[0] if parsed else "",
        "year": parsed[1] if parsed else None,
        "serial": parsed[2] if parsed else None,
        **_marks(raw),
        "signed_off_by": cell_text(raw.get("signed_off_by")),
        "signed_off_on": signed,
        "main_recipients": cell_text(raw.get("main_recipients")),
        "cc_recipients": cell_text(raw.get("cc_recipients")),
        "drafted_by": cell_text(raw.get("drafted_by")),
        "drafted_at": _local_noon(day),
        "registered_at": _local_noon(day) if parsed else None,
        "dispatched_at": _local_noon(issued) if issued else None,
        "status": status,
        "voided_at": _local_noon(day) if voided else None,
        "void_reason": reason if voided else "",
    }
    return values, filed


_ROW_READERS = {"incoming": _incoming_values, "outgoing": _outgoing_values}

#: The retention an imported filed document is given (the register does not say).
IMPORTED_RETENTION = "10y"


def run_import(session: Session, register: str, grid: Any) -> int:
    """Import every readable new row of ``grid`` in this transaction; returns how many.
    (``secdesk import register`` saves a big file in batches: ``save_rows``.)"""
    plan = plan_import(session, register, grid)
    save_rows(session, register, plan.new_rows)
    return len(plan.new_rows)


#: register -> (model, audit entity, kind whose search entries it has).
_SAVED: dict[str, tuple[Any, str, str]] = {
    "incoming": (IncomingDocument, "incomingdocument", "incoming"),
    "outgoing": (OutgoingDocument, "outgoingdocument", "outgoing"),
}
_EVENTS: Any = Event.__table__  # type: ignore[attr-defined]  # set by SQLAlchemy


def save_rows(session: Session, register: str, rows: list[PlannedRow]) -> list[int]:
    """Add a batch of a plan's new rows as documents of ``register``, each with its audit
    Event (action ``import``, naming the sheet's row) and its search entry, in a few
    statements; returns their ids, in order. A row without a 收文号 gets the year's next."""
    from secdesk.services.bulk import index_new, insert_rows

    model, entity, kind = _SAVED[register]
    if not rows:
        return []
    # The model's defaults for what a row does not say (every row says the same fields):
    # one record built as the ORM would, not one per row.
    template = model(**rows[0].values).model_dump()
    defaults = {k: v for k, v in template.items() if k not in rows[0].values and k != "id"}
    serials: dict[int, int] = {}
    records: list[dict[str, Any]] = []
    for planned in rows:
        values = {**defaults, **planned.values}
        if register == "incoming" and values["serial"] is None:
            year = values["year"]
            if year not in serials:
                serials[year] = next_receipt_serial(session, year)
            values["serial"] = serials[year]
            serials[year] += 1
        records.append(values)
    ids = insert_rows(session, model.__table__, records)
    index_new(
        session, kind, (SimpleNamespace(**r, id=i) for i, r in zip(ids, records, strict=True))
    )
    same = {"at": clock.now_utc(), "actor": audit.actor(), "action": "import", "entity": entity}
    events = []
    for record_id, record, planned in zip(ids, records, rows, strict=True):
        data = {"id": record_id, **{k: v for k, v in record.items() if k not in audit.UNAUDITED}}
        data["import_row"] = planned.row
        text = json.dumps(data, ensure_ascii=False, default=audit._plain)
        events.append({**same, "entity_id": record_id, "data": text})
    session.connection().execute(insert(_EVENTS), events)
    for record_id, planned in zip(ids, rows, strict=True):
        if planned.filed_on is not None:  # the register's 归档日期: filed on that day
            archive.file_document(
                session,
                register,
                record_id,
                IMPORTED_RETENTION,
                planned.filed_on.year,
                filed_at=_local_noon(planned.filed_on),
            )
    return ids


def remove_rows(session: Session, register: str, ids: list[int]) -> None:
    """Take back documents an import wrote (it failed or was stopped before its end): gone
    with their import Events and search entries, as if never imported."""
    from secdesk.services.bulk import forget_records

    model, entity, kind = _SAVED[register]
    table = model.__table__
    connection = session.connection()
    events = _EVENTS
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        connection.execute(delete(table).where(table.c.id.in_(chunk)))
        connection.execute(
            delete(events).where(
                events.c.action == "import",
                events.c.entity == entity,
                events.c.entity_id.in_(chunk),
            )
        )
        forget_records(session, kind, chunk)
        _unfile_imported(session, register, chunk)


def _unfile_imported(session: Session, register: str, ids: list[int]) -> None:
    """Take back the archive entries an import made for ``ids`` (rows with a 归档日期)."""
    from secdesk.models import ArchiveEntry

    entries = cast(Any, ArchiveEntry).__table__
    connection = session.connection()
    made = [
        row.id
        for row in connection.execute(
            core_select(entries.c.id).where(
                entries.c.kind == register, entries.c.record_id.in_(ids)
            )
        )
    ]
    if made:
        connection.execute(delete(entries).where(entries.c.id.in_(made)))
        connection.execute(
            delete(_EVENTS).where(_EVENTS.c.entity == "archiveentry", _EVENTS.c.entity_id.in_(made))
        )


def import_in_batches(
    store: Store,
    register: str,
    plan: ImportPlan,
    progress: Callable[[int, int], None] | None = None,
    source: str = "",
) -> int:
    """Save a plan's new rows (``plan_import``, as previewed) in short transactions
    (``Store.write_batches``): a document registered meanwhile in a window is saved at
    once; all or nothing as the user sees it (a failure or Ctrl+C takes back the batches
    written). Returns how many were added."""
    ids = store.write_batches(
        plan.new_rows,
        lambda session, rows: save_rows(session, register, rows),
        lambda session, ids: remove_rows(session, register, ids),
        lambda _session, _ids: None,  # each document has its own import Event
        progress,
        kind=register,
        source=source,
    )
    return len(ids)
