"""Importing Asterisk call records (Master.csv) into the telephone record."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, func, select

from secdesk.io.cdr import CdrError
from secdesk.models import Call, Event
from secdesk.office.calls import phone_import as callimport
from tests import factories as f
from tests.conftest import need_samples

pytestmark = pytest.mark.both_engines

CONSOLE = "asterisk_master_csv_console_calls.csv"
DISPOSITIONS = "asterisk_master_csv_dispositions_quoted_clid.csv"
MALFORMED = "asterisk_master_csv_malformed_unterminated_quote.csv"
SHANGHAI = ZoneInfo("Asia/Shanghai")  # the zone the autouse fixture sets


def sample(name: str) -> bytes:
    """A file of ../shared/samples/cdr (skipped without it, failed on CI)."""
    return need_samples("cdr", name).read_bytes()


def line(
    src: str,
    dst: str,
    clid: str,
    start: str,
    billsec: int = 60,
    disposition: str = "ANSWERED",
    uniqueid: str = "1764119700.1",
) -> str:
    quoted = ["", src, dst, "from-internal", clid, "SIP/a-1", "SIP/b-2", "Dial", "", start]
    fields = ['"' + f.replace('"', '""') + '"' for f in quoted]
    fields += [f'"{start}"', f'"{start}"', str(billsec + 4), str(billsec)]
    fields += [f'"{disposition}"', '"DOCUMENTATION"', f'"{uniqueid}"', '""']
    return ",".join(fields) + "\n"


def calls(session) -> list[Call]:  # noqa: ANN001
    return list(session.exec(select(Call).order_by(col(Call.id))).all())


def import_events(session) -> list[Event]:  # noqa: ANN001
    return list(session.exec(select(Event).where(Event.action == "import")).all())


def test_console_sample_times_are_local_and_stored_as_utc(session) -> None:  # noqa: ANN001
    report = callimport.import_calls_asterisk(session, sample(CONSOLE))
    assert (report.file_records, report.added, report.already) == (2, 2, 0)
    first, second = calls(session)
    # 2010-04-02 00:26:32 in Asia/Shanghai (UTC+8) is the previous day in UTC
    assert first.at == datetime(2010, 4, 1, 16, 26, 32, tzinfo=UTC)
    assert second.at == datetime(2010, 4, 1, 16, 34, 2, tzinfo=UTC)
    assert (first.direction, first.source, first.duration_s) == ("incoming", "asterisk", 7)
    assert report.rows[0].at == datetime(2010, 4, 2, 0, 26, 32, tzinfo=SHANGHAI)
    assert [r.id for r in report.rows] == [first.id, second.id]
    assert report.first == datetime(2010, 4, 2, 0, 26, 32, tzinfo=SHANGHAI)
    assert report.last == datetime(2010, 4, 2, 0, 34, 2, tzinfo=SHANGHAI)


def test_dispositions_sample_incoming(session) -> None:  # noqa: ANN001
    report = callimport.import_calls_asterisk(session, sample(DISPOSITIONS))
    assert (report.added, report.already) == (5, 0)
    rows = calls(session)
    assert {c.direction for c in rows} == {"incoming"}
    assert {(c.caller, c.number) for c in rows} == {("Test User", "test")}
    assert [c.summary for c in rows] == ["", "", "[FAILED]", "[NO ANSWER]", "[BUSY]"]
    assert [c.duration_s for c in rows] == [5, 7, 0, 0, 0]  # billsec, even when > duration
    assert all(c.contact_id is None for c in rows)


def test_internal_extensions_make_calls_outgoing_and_match_contacts(session) -> None:  # noqa: ANN001
    cid = f.contact(session, "前台", [("100", "work")], "某市财政局")
    report = callimport.import_calls_asterisk(session, sample(DISPOSITIONS), ["test"])
    assert report.added == 5
    for call in calls(session):
        assert (call.direction, call.number) == ("outgoing", "100")
        # the other party is the contact we called, not our own extension's caller id
        assert (call.caller, call.organization, call.contact_id) == ("前台", "某市财政局", cid)
    assert {r.caller for r in report.rows} == {"前台"}


def test_contact_matched_however_the_trunk_writes_the_number(session) -> None:  # noqa: ANN001
    cid = f.contact(session, "张三", [("+86 138 0013 8000", "mobile")], "某市财政局")
    data = (
        line("13800138000", "8001", "<13800138000>", "2026-11-26 09:15:00", uniqueid="1.1")
        + line("8001", "013800138000", '"秘书" <8001>', "2026-11-26 10:00:00", uniqueid="1.2")
        + line("8001", "13800138000", '"秘书" <8001>', "2026-11-26 11:00:00", 0, "NO ANSWER")
        + line("02588888888", "8001", '"某公司" <02588888888>', "2026-11-26 12:00:00")
    ).encode()
    report = callimport.import_calls_asterisk(session, data, ["8001"])
    got = [(c.direction, c.caller, c.number, c.contact_id, c.summary) for c in calls(session)]
    assert got == [
        ("incoming", "张三", "13800138000", cid, ""),
        ("outgoing", "", "013800138000", None, ""),  # a trunk prefix is a different number
        ("outgoing", "张三", "13800138000", cid, "[NO ANSWER]"),
        ("incoming", "某公司", "02588888888", None, ""),
    ]
    assert calls(session)[0].at == datetime(2026, 11, 26, 1, 15, tzinfo=UTC)
    assert [r.at.hour for r in report.rows] == [9, 10, 11, 12]  # local, as the desk shows


def test_importing_twice_adds_nothing(session) -> None:  # noqa: ANN001
    data = sample(DISPOSITIONS)
    callimport.import_calls_asterisk(session, data)
    (event,) = import_events(session)
    info = json.loads(event.data)
    assert (info["file_records"], info["added"], info["already"]) == (5, 5, 0)
    assert info["ids"] == [c.id for c in calls(session)]

    again = callimport.import_calls_asterisk(session, data)
    assert (again.added, again.already, again.rows) == (0, 5, [])
    assert len(calls(session)) == 5
    assert len(import_events(session)) == 1

    both = sample(CONSOLE) + data
    third = callimport.import_calls_asterisk(session, both)
    assert (third.file_records, third.added, third.already) == (7, 2, 5)


def test_a_record_repeated_in_the_file_is_added_once(session) -> None:  # noqa: ANN001
    one = line("13800138000", "8001", "", "2026-11-26 09:15:00")
    report = callimport.import_calls_asterisk(session, (one + one).encode())
    assert (report.file_records, report.added, report.already) == (2, 1, 1)


def test_preview_writes_nothing(session) -> None:  # noqa: ANN001
    preview = callimport.import_calls_asterisk(session, sample(DISPOSITIONS), apply=False)
    assert (preview.added, len(preview.rows)) == (5, 5)
    assert {r.id for r in preview.rows} == {0}
    count = session.exec(select(func.count()).select_from(Call)).one()
    assert count == 0 and import_events(session) == []
    applied = callimport.import_calls_asterisk(session, sample(DISPOSITIONS))
    assert [r.summary for r in applied.rows] == [r.summary for r in preview.rows]


def test_malformed_file_imports_nothing_and_names_the_line(session) -> None:  # noqa: ANN001
    data = sample(MALFORMED)
    with pytest.raises(CdrError) as caught:
        callimport.import_calls_asterisk(session, data)
    assert caught.value.line == 1 and "line 1" in str(caught.value)

    good = line("13800138000", "8001", "", "2026-11-26 09:15:00").encode()
    with pytest.raises(CdrError) as caught:
        callimport.import_calls_asterisk(session, good + data)
    assert caught.value.line == 2
    assert calls(session) == [] and import_events(session) == []


def test_an_empty_file_adds_nothing_and_leaves_no_event(session) -> None:  # noqa: ANN001
    report = callimport.import_calls_asterisk(session, b"\n")
    assert report == callimport.CallImportReport(0, 0, 0, [], None, None)
    assert import_events(session) == []
