"""The 发文登记簿 of a database older than schema 0009, when a numbered outgoing document
could still be deleted: every number ever given is in the export, a deleted one as a voided
number "deleted on" its day with what is known of it (its row, or only the audit trail)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from secdesk import db
from secdesk.services.store import Store
from tests.unit.test_migrations import fixture

OLD = "0008_meetings"
COLUMNS = (
    "created_at, updated_at, deleted_at, version, id, title, doc_type, classification, "
    "urgency, status, drafted_by, drafted_at, reviewed_by, signed_off_by, signed_off_on, "
    "prefix, year, serial, doc_number, registered_at, copies, main_recipients, cc_recipients, "
    "void_reason"
)
T = "2026-11-02 02:00:00.000000"


def _document(
    conn: sqlite3.Connection, doc_id: int, serial: int | None, title: str, deleted: str | None
) -> None:  # noqa: E501
    number = f"某府发〔2026〕{serial}号" if serial else ""
    conn.execute(
        f"INSERT INTO outgoingdocument ({COLUMNS}) VALUES "  # noqa: S608 - the test's own SQL
        "(?, ?, ?, 1, ?, ?, '通知', 'none', 'normal', 'registered', '', ?, '', '张局长', "
        "'2026-11-02', '某府发', 2026, ?, ?, ?, 1, '各街道', '', '')",
        (T, T, deleted, doc_id, title, T, serial, number, T),
    )


def _event(conn: sqlite3.Connection, action: str, doc_id: int, data: dict, at: str = T) -> None:
    conn.execute(
        "INSERT INTO event (at, actor, action, entity, entity_id, data) VALUES (?, '', ?, "
        "'outgoingdocument', ?, ?)",
        (at, action, doc_id, json.dumps(data, ensure_ascii=False)),
    )


def old_office(tmp_path: Path) -> Path:
    """某府发〔2026〕1号 to 4号: 2号 deleted (its row still holds the number), 3号 deleted
    after its number was taken from its row (only the audit trail remembers it)."""
    path = fixture(OLD, tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        _document(conn, 101, 1, "关于冬季安全的通知", None)
        _document(conn, 102, 2, "关于“①号”文件的通知（作废前）", "2026-11-20 02:00:00.000000")
        _document(conn, 104, 4, "关于年终考核的通知", None)
        _document(conn, 103, None, "", "2026-11-21 02:00:00.000000")
        _event(conn, "create", 103, {"title": "关于防汛的通知", "prefix": "某府发",
                                     "signed_off_by": "王副局长", "serial": None})  # fmt: skip
        _event(conn, "step:register", 103, {"year": [None, 2026], "serial": [None, 3],
                                            "doc_number": ["", "某府发〔2026〕3号"]})  # fmt: skip
        _event(conn, "edit", 103, {"year": [2026, None], "serial": [3, None],
                                   "doc_number": ["某府发〔2026〕3号", ""]})  # fmt: skip
        _event(conn, "delete", 103, {"title": "关于防汛的通知", "serial": None},
               at="2026-11-21 02:00:00.000000")  # fmt: skip
    conn.close()
    assert db.stored_revision(path) == OLD
    return path


def test_numbers_deleted_before_0009_stay_in_the_outgoing_register(tmp_path: Path) -> None:
    from secdesk.office.documents.registers import export_register

    store = Store(old_office(tmp_path), tmp_path / "backups")
    try:
        store.open()
        _title, headers, rows = store.run(export_register, "outgoing", 2026)
    finally:
        store.close()
    at = {
        name: headers.index(name)
        for name in ("Document number", "Document title", "Handling", "Signed off by")
    }  # noqa: E501
    shown = [
        (row[at["Document number"]], row[at["Document title"]], row[at["Handling"]],
         row[at["Signed off by"]])
        for row in rows
        if str(row[at["Document number"]]).startswith("某府发")
    ]  # fmt: skip
    assert shown == [
        ("某府发〔2026〕1号", "关于冬季安全的通知", "Numbered", "张局长"),
        ("某府发〔2026〕2号", "关于“①号”文件的通知（作废前）", "Voided：deleted on 2026-11-20", "张局长"),
        ("某府发〔2026〕3号", "关于防汛的通知", "Voided：deleted on 2026-11-21", "王副局长"),
        ("某府发〔2026〕4号", "关于年终考核的通知", "Numbered", "张局长"),
    ]  # fmt: skip
