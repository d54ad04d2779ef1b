"""工作总结 figures against hand-counted records, local month boundaries in UTC+8, and the
exports read back with their own libraries."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from secdesk.models import InfoReport, Petition
from secdesk.services import reports
from secdesk.services.reports import Period, PeriodError, parse_period
from tests import factories as f

pytestmark = pytest.mark.both_engines

TODAY = date(2026, 11, 20)


def test_periods_are_read_as_people_write_them() -> None:
    assert parse_period("2026-11") == Period(date(2026, 11, 1), date(2026, 11, 30), "month")
    assert parse_period("2026-W48") == Period(date(2026, 11, 23), date(2026, 11, 29), "week")
    assert parse_period("2026-q4") == Period(date(2026, 10, 1), date(2026, 12, 31), "quarter")
    assert parse_period("2024") == Period(date(2024, 1, 1), date(2024, 12, 31), "year")
    assert parse_period("2026-11-03..2026-11-05").days == [
        date(2026, 11, 3),
        date(2026, 11, 4),
        date(2026, 11, 5),
    ]
    assert parse_period("2026-12").shifted(1).name == "2027-01"
    assert parse_period("2026-W01").shifted(-1).name == "2025-W52"
    assert parse_period("2026-Q1").shifted(-1).name == "2025-Q4"
    for bad in ("2026-13", "soon", "2026-11-05..2026-11-01", "2026-W60"):
        with pytest.raises(PeriodError):
            parse_period(bad)


def _office(session) -> None:  # noqa: ANN001
    # Calls: 07:00 on 1 Nov in Shanghai is still 31 Oct in UTC, 00:30 on 1 Dec is 30 Nov in
    # UTC; each belongs to its local day.
    for when in [(2026, 10, 31, 23, 30), (2026, 11, 1, 7, 0), (2026, 11, 15, 10, 0)]:
        f.call(session, f.local(*when))
    f.call(session, f.local(2026, 11, 30, 23, 30), direction="outgoing")
    f.call(session, f.local(2026, 12, 1, 0, 30))
    f.visit(session, f.local(2026, 11, 1, 7, 30))
    f.visit(session, f.local(2026, 11, 15, 9))
    f.visit(session, f.local(2026, 12, 1, 0, 10))
    for received, due, completed in [(2, 10, 9), (3, 12, 14)]:  # one done in time, one late
        f.document(
            session,
            received_at=f.local(2026, 11, received),
            due=date(2026, 11, due),
            completed_at=f.local(2026, 11, completed),
            doc_type="通知",
            sender="市政府办",
        )
    f.document(
        session,
        received_at=f.local(2026, 11, 4),
        due=date(2026, 11, 5),
        doc_type="函",
        sender="市财政局",
    )
    f.document(session, received_at=f.local(2026, 10, 30), doc_type="函")
    f.meeting(session, f.local(2026, 11, 5))
    f.meeting(session, f.local(2026, 11, 6), cancelled=True)
    f.meeting(session, f.local(2026, 11, 25))  # after "today": booked, not held yet
    f.supervision(
        session,
        date(2026, 11, 25),
        assigned_on=date(2026, 11, 2),
        status="closed",
        closed_at=f.local(2026, 11, 18),
    )
    f.supervision(session, date(2026, 11, 10), assigned_on=date(2026, 11, 3))
    f.supervision(session, date(2026, 12, 10), assigned_on=date(2026, 10, 3))
    # Letters and visits, each due for a reply 15 days after it came and, once accepted,
    # for completion 60 days after: one waiting, one replied, one being handled.
    for channel, came, status, accepted_on, replied_on in [
        ("letter", f.local(2026, 11, 1, 6), "registered", None, None),
        ("phone", f.local(2026, 11, 2), "replied", date(2026, 11, 5), date(2026, 11, 20)),
        ("visit", f.local(2026, 11, 3), "accepted", date(2026, 11, 6), None),
    ]:
        session.add(
            Petition(
                channel=channel,
                received_at=came,
                reply_due=came.date() + timedelta(days=15),
                accepted_on=accepted_on,
                complete_due=accepted_on + timedelta(days=60) if accepted_on else None,
                replied_on=replied_on,
                status=status,
            )
        )
    # Issued: dispatched on 30 Nov at 23:00 local (30 Nov UTC+8, in November) and on
    # 1 Dec 00:30 local (30 Nov in UTC: December's); a voided one never counts.
    from secdesk.models import OutgoingDocument

    for n, (when, kind, voided) in enumerate(
        [
            ((2026, 11, 30, 23, 0), "通知", False),
            ((2026, 11, 12, 10, 0), "函", False),
            ((2026, 11, 13, 10, 0), "函", True),
            ((2026, 12, 1, 0, 30), "通知", False),
        ],
        start=1,
    ):
        session.add(
            OutgoingDocument(
                title=f"发文{n}",
                doc_type=kind,
                drafted_at=f.local(2026, 11, 1),
                dispatched_at=f.local(*when),
                voided_at=f.local(2026, 11, 14) if voided else None,
                status="dispatched",
            )
        )
    session.add(
        InfoReport(title="甲", submitted_at=f.local(2026, 11, 30, 23, 59), adopted_level="city")
    )
    session.add(InfoReport(title="乙", submitted_at=f.local(2026, 11, 10)))
    session.add(InfoReport(title="丙", submitted_at=f.local(2026, 12, 1, 0, 1)))
    session.flush()


def test_a_months_figures_count_by_local_days(session) -> None:  # noqa: ANN001
    _office(session)
    summary = reports.build(session, parse_period("2026-11"), today=TODAY)
    fig = summary.figures
    assert (fig["calls"], fig["calls_incoming"], fig["calls_outgoing"]) == (3, 2, 1)
    assert fig["visitors"] == 2
    assert summary.by_day["calls"][0] == 1 and summary.by_day["calls"][29] == 1
    assert fig["documents_received"] == 3
    assert fig["documents_received_on_time_rate"] == 33.3  # 1 on time of 3 due
    tables = {t.key: t for t in summary.tables}
    assert tables["documents_by_type"].rows == [("通知", 2), ("函", 1)]
    assert tables["documents_by_sender"].rows == [("市政府办", 2), ("市财政局", 1)]
    assert fig["documents_issued"] == 2
    assert tables["documents_issued_by_type"].rows == [("通知", 1), ("函", 1)]
    assert fig["meetings_held"] == 1
    assert (fig["supervision_opened"], fig["supervision_closed"]) == (2, 1)
    assert (fig["supervision_on_time_rate"], fig["supervision_overdue"]) == (100.0, 1)
    # One late (still registered past its day), one answered in time, one within its limit.
    assert (fig["petitions"], fig["petitions_on_time_rate"]) == (3, 50.0)
    assert (fig["info_reports_submitted"], fig["info_reports_adopted"]) == (2, 1)
    assert summary.counts["call"] == 3 and summary.counts["inforeport"] == 2
    data = summary.to_json()
    assert data["calls"] == 3 and data["calls_by_day"]["2026-11-30"] == 1
    json.dumps(data, ensure_ascii=False)  # plain JSON all through


def test_december_takes_the_calls_after_local_midnight(session) -> None:  # noqa: ANN001
    _office(session)
    summary = reports.build(session, parse_period("2026-12"), today=TODAY)
    assert (summary.figures["calls"], summary.figures["visitors"]) == (1, 1)
    assert summary.figures["info_reports_submitted"] == 1


def test_the_information_reports_table_counts_items_in_chinese(session) -> None:  # noqa: ANN001
    """报送篇数, a count: not 报送时间 (the column of a report's submission time)."""
    from secdesk import i18n

    _office(session)
    i18n.set_language("zh")
    summary = reports.build(session, parse_period("2026-11"), today=TODAY)
    (table,) = [t for t in summary.tables if t.key == "info_reports"]
    assert [row[0] for row in table.rows[:2]] == ["报送篇数", "采用"]


def test_the_chinese_summary_writes_its_headline_with_full_width_colons(session) -> None:  # noqa: ANN001
    from secdesk import i18n

    _office(session)
    i18n.set_language("zh")
    summary = reports.build(session, parse_period("2026-11"), today=TODAY)
    bullets = [line for line in reports.markdown(summary).splitlines() if line.startswith("- ")]
    assert bullets and all("：" in line and ": " not in line for line in bullets), bullets


def test_docx_xlsx_and_markdown_read_back(session, tmp_path) -> None:  # noqa: ANN001
    import docx
    from openpyxl import load_workbook

    _office(session)
    summary = reports.build(session, parse_period("2026-11"), today=TODAY)
    document = docx.Document(str(reports.write(summary, tmp_path / "summary.docx")))
    assert document.paragraphs[0].text == "Work summary, Nov 2026"
    assert any(p.text == "Calls: 3 (2 in, 1 out)" for p in document.paragraphs)
    by_type = next(t for t in document.tables if t.rows[0].cells[0].text == "Type")
    assert [[c.text for c in row.cells] for row in by_type.rows] == [
        ["Type", "Count"],
        ["通知", "2"],
        ["函", "1"],
    ]
    book = load_workbook(tmp_path / reports.write(summary, tmp_path / "summary.xlsx").name)
    sheet = book["Documents received, by type"]
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["Type", "Count"],
        ["通知", 2],
        ["函", 1],
    ]
    assert book["Summary"]["A1"].value.startswith("Work summary: 2026-11")
    text = reports.write(summary, tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| 通知 | 2 |" in text
    with pytest.raises(PeriodError):
        reports.write(summary, tmp_path / "summary.pdf")


def test_report_from_the_shell(capsys, tmp_path) -> None:  # noqa: ANN001
    from secdesk.cli import main

    db = str(tmp_path / "cli.db")
    for at in ("2026-11-30 23:30", "2026-12-01 00:30"):
        assert main(["--db", db, "log", "call", "--at", at, "--from", "张三", "x"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "report", "--month", "2026-11", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["calls"] == 1
    assert main(["--db", db, "report", "--from", "2026-11-30", "--to", "2026-12-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["calls"] == 2
    out = tmp_path / "m.xlsx"
    assert main(["--db", db, "report", "--quarter", "2026-Q4", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o600  # it names callers
    assert main(["--db", db, "report", "--week", "2026-W49"]) == 0
    assert "# Work summary: 2026-W49" in capsys.readouterr().out
    assert main(["--db", db, "report", "--month", "2026-13"]) == 2
    assert "2026-W47" in capsys.readouterr().err
