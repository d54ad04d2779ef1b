"""The registers read from the messy Excel and CSV files offices keep: 收文登记簿 and
发文登记簿 rows into incoming and outgoing documents, and the columns both registers have
(the headers ``registers`` writes are the same).

Wing: office/documents. Must not import screens, widgets, app, cli, care or demo; of
this package only ``incoming`` and ``outgoing``.

The header row is found among the first rows (a title row above it is skipped) by
matching common Chinese and English headers; blank rows and a total row (合计, 总计...) are
skipped; merged cells hold their value on every row (see ``secdesk.io.sheets``); dates are
read five ways (2025-03-04, 2025/3/4, 2025.3.4, 2025年3月4日, an Excel serial number);
document numbers with [] or () become 〔〕. Every readable row is imported in the caller's
one transaction, with an audit Event each; a row that cannot be read is named by its sheet
row number and why. A row already in the register (the same 收文号, or the same 发文字号 and
title) is not added again, so importing a file twice adds nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert
from sqlalchemy import select as core_select
from sqlmodel import Session

from secdesk.calendar import clock
from secdesk.i18n import N_, _
from secdesk.labels import LABELS
from secdesk.models import Event, IncomingDocument, OutgoingDocument
from secdesk.models.document import SECRECY_DEFAULTS
from secdesk.office.documents.incoming import (
    doc_type_of,
    next_receipt_serial,
    normalise_doc_number,
)
from secdesk.office.documents.outgoing import parse_number
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
_TOTAL = re.compile(r"^(合\s*计|总\s*计|共\s*计|小\s*计|total)", re.IGNORECASE)
_DATE = re.compile(
    r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[ T]+\d{1,2}[:：]\d{2}(?::\d{2})?)?$"
)
_RECEIPT = re.compile(r"^\D*(?P<year>(19|20)\d\d)\s*\D+\s*(?P<serial>\d{1,6})\D*$")
EXCEL_EPOCH = date(1899, 12, 30)

NO_TITLE = N_("no title")
BAD_DATE = N_("cannot read the date “{value}”")
NO_DATE = N_("no date received")
BAD_TYPE = N_("“{value}” is not one of the 15 document types")
BAD_VALUE = N_("cannot read “{value}” as {what}")
TWICE = N_("receipt number {number} is in the file twice")


class RowError(ValueError):
    """Why one row cannot be imported (an English msgid, already formatted)."""


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFKC", str(value)).split())


def cell_key(header: Any) -> str:
    return re.sub(r"[\s:：*＊]", "", cell_text(header)).casefold()


def sheet_date(value: Any, is_date_cell: bool = False) -> date | None:
    """A day written any of the ways registers write it; None for a blank cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if is_date_cell or 20_000 <= value <= 80_000:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise RowError(_(BAD_DATE).format(value=value))
    text = cell_text(value)
    if text.isdigit() and len(text) == 8:
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    elif text.isdigit() and len(text) == 5:
        return EXCEL_EPOCH + timedelta(days=int(text))
    match = _DATE.match(text)
    if not match:
        raise RowError(_(BAD_DATE).format(value=text))
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError as exc:
        raise RowError(_(BAD_DATE).format(value=text)) from exc


def _choice(value_set: str, typed: str, aliases: dict[str, str], what: str) -> str:
    """A value of ``value_set`` from its code, its English or interface-language label, or
    a common Chinese word."""
    clean = cell_key(typed)
    if not clean:
        return next(iter(LABELS[value_set]))
    for value, msgid in LABELS[value_set].items():
        if clean in (value.casefold(), msgid.casefold(), cell_key(_(msgid))):
            return value
    if clean in aliases:
        return aliases[clean]
    raise RowError(_(BAD_VALUE).format(value=typed, what=_(what)))


CLASSIFICATION_WORDS = {
    "非密": "none",
    "无": "none",
    "公开": "none",
    "内部": "internal",
    "秘密": "confidential",
    "机密": "secret",
    "绝密": "top_secret",
}
URGENCY_WORDS = {
    "平件": "normal",
    "普通": "normal",
    "一般": "normal",
    "无": "normal",
    "加急": "urgent",
    "急件": "urgent",
    "紧急": "urgent",
    "急": "urgent",
    "特急": "extra_urgent",
    "特提": "extra_urgent",
}
STATUS_WORDS = {
    "已办结": "completed",
    "办结": "completed",
    "已办": "completed",
    "完成": "completed",
    "已归档": "filed",
    "归档": "filed",
    "退文": "returned",
}


def _copies(value: Any) -> int:
    text = cell_text(value).rstrip("份")
    if not text:
        return 1
    try:
        return max(1, int(text))
    except ValueError as exc:
        raise RowError(_(BAD_VALUE).format(value=text, what=_("Copies"))) from exc


def _doc_type(value: Any) -> str:
    text = cell_text(value)
    if not text:
        return "通知"
    found = doc_type_of(text)
    if found is None:
        for code, msgid in LABELS["doc_type"].items():
            if cell_key(text) in (msgid.casefold(), cell_key(_(msgid))):
                return code
        raise RowError(_(BAD_TYPE).format(value=text))
    return found


# -- reading a file ---------------------------------------------------------------------


@dataclass
class PlannedRow:
    row: int
    values: dict[str, Any]
    preview: list[Any]
    key: tuple[Any, ...]


@dataclass(frozen=True)
class Problem:
    row: int
    why: str


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
    seen: set[tuple[Any, ...]] = set()
    for number, cells in grid.rows[position + 1 :]:
        texts = [cell_text(c) for c in cells]
        if not any(texts):
            continue
        if any(_TOTAL.match(t) for t in texts[:3] if t):
            continue
        raw = {name: cells[i] if i < len(cells) else None for i, name in columns.items()}
        dated = {name for i, name in columns.items() if (number, i) in grid.date_cells}
        try:
            if register == "incoming":
                values = _incoming_values(raw, dated)
            else:
                values = _outgoing_values(raw, dated)
        except RowError as exc:
            plan.problems.append(Problem(number, str(exc)))
            continue
        key = _row_key(register, values)
        if key in seen:
            if register == "incoming":
                plan.problems.append(Problem(number, _(TWICE).format(number=_receipt(values))))
            else:
                plan.already += 1
            continue
        seen.add(key)
        preview = [cell_text(cells[i]) if i < len(cells) else "" for i in sorted(columns)]
        planned = PlannedRow(number, values, preview, key)
        plan.rows.append(planned)
        if _exists(session, register, values):
            plan.already += 1
            continue
        plan.new_rows.append(planned)
    return plan


def _receipt(values: dict[str, Any]) -> str:
    return f"{values['year']}-{values['serial']:04d}" if values.get("serial") else ""


def _row_key(register: str, values: dict[str, Any]) -> tuple[Any, ...]:
    if register == "incoming":
        if values["serial"] is not None:
            return ("receipt", values["year"], values["serial"])
        return ("text", values["year"], values["sender"], values["doc_number"], values["title"])
    return (values["doc_number"], values["title"])


def _exists(session: Session, register: str, values: dict[str, Any]) -> bool:
    """Whether the register has the row already: the same 收文号 (or, without one, the same
    year, sender, number and title); the same 发文字号 and title."""
    return _row_key(register, values) in _known_keys(session, register)


def _known_keys(session: Session, register: str) -> set[tuple[Any, ...]]:
    """The ``_row_key`` of every document of the register (deleted ones too), read once
    while the connection writes nothing (a 100,000-row file would ask 100,000 questions
    else); read again after any change it made (SQLite counts them: ``total_changes``)."""
    session.flush()  # what the ORM holds unwritten counts too (as a query would see it)
    driver: Any = session.connection().connection.driver_connection
    changes = driver.total_changes
    cache = session.info.setdefault("register_keys", {})
    if register in cache and cache[register][0] == changes:
        return cache[register][1]
    model: Any = IncomingDocument if register == "incoming" else OutgoingDocument
    table = model.__table__
    keys: set[tuple[Any, ...]] = set()
    if register == "incoming":
        c = table.c
        for row in session.connection().execute(
            core_select(c.year, c.serial, c.sender, c.doc_number, c.title)
        ):
            keys.add(("text", row.year, row.sender, row.doc_number, row.title))
            if row.serial is not None:
                keys.add(("receipt", row.year, row.serial))
    else:
        c = table.c
        for row in session.connection().execute(core_select(c.doc_number, c.title)):
            keys.add((row.doc_number, row.title))
    cache[register] = (changes, keys)
    return keys


def _status(raw: Any, filed: date | None, default: str) -> tuple[str, str]:
    """(status, result) from a 办理情况 cell."""
    text = cell_text(raw)
    if filed is not None:
        return "filed", text
    key = cell_key(text)
    for value, msgid in {**LABELS["incoming_status"], **LABELS["outgoing_status"]}.items():
        if key and key in (value, msgid.casefold(), cell_key(_(msgid))):
            return value, ""
    for word, value in STATUS_WORDS.items():
        if word in text:
            return value, text
    return default, text


def _local_noon(day: date) -> datetime:
    return clock.to_utc(datetime.combine(day, datetime.min.time().replace(hour=9), clock.zone()))


def _title(raw: dict[str, Any]) -> str:
    title = cell_text(raw.get("title"))
    if not title:
        raise RowError(_(NO_TITLE))
    return title


def _marks(raw: dict[str, Any]) -> dict[str, Any]:
    """Type, classification (with its secrecy years), urgency and copies: what both
    registers mark a document with, read in that order (the first unreadable one is the
    row's problem)."""
    classification = _choice(
        "classification",
        cell_text(raw.get("classification")),
        CLASSIFICATION_WORDS,
        N_("Classification"),
    )
    return {
        "doc_type": _doc_type(raw.get("doc_type")),
        "classification": classification,
        "secrecy_years": SECRECY_DEFAULTS.get(classification),
        "urgency": _choice("urgency", cell_text(raw.get("urgency")), URGENCY_WORDS, N_("Urgency")),
        "copies": _copies(raw.get("copies")),
    }


def _incoming_values(raw: dict[str, Any], dated: set[str]) -> dict[str, Any]:
    title = _title(raw)
    received = sheet_date(raw.get("received"), "received" in dated)
    receipt = cell_text(raw.get("receipt"))
    year = serial = None
    if match := _RECEIPT.match(receipt):
        year, serial = int(match["year"]), int(match["serial"])
    elif receipt.isdigit():
        serial = int(receipt)
    if received is None:
        raise RowError(_(NO_DATE))
    year = year or received.year
    filed = sheet_date(raw.get("filed_on"), "filed_on" in dated)
    status, result = _status(raw.get("handling"), filed, "registered")
    return {
        "year": year,
        "serial": serial,
        "received_at": _local_noon(received),
        "sender": cell_text(raw.get("sender")),
        "doc_number": normalise_doc_number(cell_text(raw.get("doc_number"))),
        "title": title,
        **_marks(raw),
        "undertaking_unit": cell_text(raw.get("undertaking_unit")),
        "due": sheet_date(raw.get("due"), "due" in dated),
        "status": status,
        "result": result,
        "completed_at": _local_noon(filed) if filed else None,
    }


def _outgoing_values(raw: dict[str, Any], dated: set[str]) -> dict[str, Any]:
    title = _title(raw)
    number = normalise_doc_number(cell_text(raw.get("doc_number")))
    parsed = parse_number(number)
    signed = sheet_date(raw.get("signed_off_on"), "signed_off_on" in dated)
    issued = sheet_date(raw.get("dispatched"), "dispatched" in dated)
    filed = sheet_date(raw.get("filed_on"), "filed_on" in dated)
    status, _result = _status(raw.get("handling"), filed, "dispatched" if number else "drafted")
    day = signed or issued or filed or clock.today()
    return {
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
    }


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
#: Left out of a record's values in its import Event (as ``audit.values`` leaves them).
_UNAUDITED = ("created_at", "updated_at", "version")


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
        data = {"id": record_id, **{k: v for k, v in record.items() if k not in _UNAUDITED}}
        data["import_row"] = planned.row
        text = json.dumps(data, ensure_ascii=False, default=audit._plain)
        events.append({**same, "entity_id": record_id, "data": text})
    session.connection().execute(insert(_EVENTS), events)
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


def import_in_batches(
    store: Store,
    register: str,
    plan: ImportPlan,
    progress: Callable[[int, int], None] | None = None,
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
    )
    return len(ids)
