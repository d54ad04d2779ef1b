"""Spreadsheets as people open them: columns as wide as their text (a Chinese character
counts two), the header row frozen, numbers, percentages and dates stored as such."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import load_workbook

from secdesk.io.sheets import as_number, cell_width, write_sheet
from tests import factories as f


def test_a_register_sheet_fits_its_columns_and_freezes_its_header(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "register.xlsx"
    rows = [
        [1, "关于做好冬季安全生产工作的通知", date(2026, 11, 3), datetime(2026, 11, 3, 9, 30)],
        [2, "函", date(2026, 11, 4), None],
    ]
    write_sheet(path, "收文登记簿", ["No.", "Title", "Received", "Logged"], rows)
    sheet = load_workbook(path).active
    assert sheet.freeze_panes == "A3"  # the title and header rows stay when scrolling
    widths = {c: sheet.column_dimensions[c].width for c in "ABCD"}
    assert widths["B"] >= 2 * len("关于做好冬季安全生产工作的通知")  # readable without widening
    assert widths["A"] < widths["C"] < widths["B"]
    assert isinstance(sheet["A3"].value, int) and sheet["A3"].number_format == "0"
    assert sheet["C3"].is_date and sheet["C3"].number_format == "yyyy-mm-dd"
    assert sheet["D3"].number_format == "yyyy-mm-dd hh:mm"


def test_figures_typed_as_text_are_numbers() -> None:
    assert as_number("259") == 259 and isinstance(as_number("259"), int)
    rate = as_number("76.9%")
    assert abs(rate - 0.769) < 1e-9
    assert as_number("3 (2 in, 1 out)") == "3 (2 in, 1 out)"
    assert as_number("—") == "—" and as_number("某府发〔2026〕3号") == "某府发〔2026〕3号"
    assert cell_width("张三") == 4 and cell_width("ab") == 2


def test_the_work_summary_sheets_store_numbers_as_numbers(session, tmp_path) -> None:  # noqa: ANN001
    from secdesk.services import reports

    for day in (3, 4, 5):
        f.call(session, f.local(2026, 11, day, 10))
    session.flush()
    summary = reports.build(session, reports.parse_period("2026-11"), today=date(2026, 11, 20))
    book = load_workbook(reports.write(summary, tmp_path / "summary.xlsx"))
    first = book["Summary"]
    assert first.freeze_panes == "A2"
    values = {row[0].value: row[1] for row in first.iter_rows(min_row=2) if row[0].value}
    numbers = [c for c in values.values() if isinstance(c.value, int | float)]
    assert numbers, [c.value for c in values.values()]  # no figure left as text
    for cell in numbers:
        assert cell.number_format in ("0", "0.0", "0.0%")
    texts = [c.value for c in values.values() if isinstance(c.value, str)]
    assert not any(t.strip().rstrip("%").replace(".", "").isdigit() for t in texts)
    records = book["Records in the period"]
    assert records.freeze_panes == "A2"
    assert records.column_dimensions["A"].width >= max(
        cell_width(c.value) for c in records["A"] if c.value
    )
    calls = next(r for r in records.iter_rows(min_row=2) if r[0].value == "Telephone call")
    assert calls[1].value == 3 and calls[1].number_format == "0"


def test_a_sheet_is_read_as_openpyxl_reads_it_cell_by_cell(tmp_path) -> None:  # noqa: ANN001
    """The register import reads a sheet's cells from its XML itself (a 100,000-row
    register in a good deal less time than openpyxl's cell objects): every kind of cell
    comes back as openpyxl gives it, and rows the file leaves out are empty."""
    from datetime import time

    from openpyxl import Workbook

    from secdesk.io.sheets import read_xlsx

    path = tmp_path / "register.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "2025年收文"
    sheet.append(["2025年收文登记簿（征求意见稿）"])
    sheet.merge_cells("A1:C1")
    sheet["A3"] = "①要点"
    sheet["B3"] = 45724
    sheet["B3"].number_format = "yyyy-mm-dd"
    sheet["C3"] = datetime(2025, 3, 10, 9, 30)
    sheet["D3"] = time(14, 5)
    sheet["E3"] = True
    sheet["F3"] = 2.5
    sheet["G3"] = "=F3*2"
    sheet["I3"] = 7
    book.save(path)
    grid = read_xlsx(path)
    expected = load_workbook(path, read_only=True, data_only=True).active
    expected.reset_dimensions()
    openpyxl_rows = [[c.value for c in row] for row in expected.iter_rows()]
    assert grid.name == "2025年收文"
    assert [values for _n, values in grid.rows][1:] == openpyxl_rows[1:]
    assert grid.rows[0] == (1, ["2025年收文登记簿（征求意见稿）"])
    assert grid.rows[1] == (2, [])
    assert grid.rows[2][1][:3] == ["①要点", datetime(2025, 3, 8), datetime(2025, 3, 10, 9, 30)]
    assert grid.rows[2][1][7:] == [None, 7]
