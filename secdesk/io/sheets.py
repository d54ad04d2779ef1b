"""Registers as spreadsheets: read a grid of cells from .xlsx or .csv, write one back.

Wing: io. Must not import models, db, kinds, services, office or above, nor sqlmodel or textual.

Reading keeps what a person would see: each cell of a merged range holds the range's value
(a merged 来文机关 over three rows is that sender on all three), every row carries its sheet
row number (1-based, as Excel shows it) so problems can be named by it, and CSV is read as
UTF-8 (with or without BOM), else GB18030 (which covers GBK and GB2312). openpyxl is
imported only here, inside the functions that need it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from secdesk.io.text import decode_first

__all__ = ["Grid", "SheetError", "read_sheet", "write_sheet"]


class SheetError(ValueError):
    """The file cannot be read as a spreadsheet."""


@dataclass(frozen=True)
class Grid:
    """The cells of one sheet: ``rows`` are (sheet row number, cell values)."""

    rows: list[tuple[int, list[Any]]]
    date_cells: frozenset[tuple[int, int]] = frozenset()
    """(row, column) of cells Excel formats as dates (a serial number there is a date)."""


def _decode(data: bytes) -> str:
    text = decode_first(data, ("utf-8-sig", "gb18030"))
    if text is None:
        raise SheetError("not UTF-8 or GBK text")
    return text


def read_csv(data: bytes) -> Grid:
    text = _decode(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        rows.append((number, [c.strip() for c in cells]))
    return Grid(rows)


def read_xlsx(path: Path) -> Grid:
    """The first sheet, read row by row (openpyxl's read-only mode: a 100,000-row register
    is read in a fraction of the memory); a merged cell's value is on every cell it spans."""
    try:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError as exc:  # pragma: no cover - a dependency
        raise SheetError("openpyxl is not installed") from exc
    import zipfile

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise SheetError(f"not an .xlsx workbook ({exc.__class__.__name__})") from exc
    try:
        sheet = book.worksheets[0]
        covered = _merged_cells(sheet)
        sheet.reset_dimensions()  # rows from 1, however the file states its size
        anchors: dict[tuple[int, int], Any] = {}
        rows = []
        dates = set()
        for number, row in enumerate(sheet.iter_rows(), start=1):
            values: list[Any] = []
            for column, cell in enumerate(row, start=1):
                value = getattr(cell, "value", None)
                top = covered.get((number, column))
                if top == (number, column):
                    anchors[top] = value
                elif top is not None:
                    value = anchors.get(top)
                if getattr(cell, "is_date", False):
                    dates.add((number, len(values)))
                values.append(value)
            rows.append((number, values))
    finally:
        book.close()
    return Grid(rows, frozenset(dates))


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _merged_cells(sheet: Any) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column) of every cell a merged range spans -> its top left cell. Read-only
    sheets do not parse merged ranges: they are found in the sheet's XML (after its rows)."""
    from openpyxl.utils.cell import range_boundaries

    refs: set[bytes] = set()
    tail = b""
    with sheet._get_source() as xml:  # noqa: SLF001 - the sheet's XML, streamed
        while chunk := xml.read(1 << 20):
            data = tail + chunk
            refs.update(m.group(1) for m in _MERGE.finditer(data))
            tail = data[-300:]  # a tag cut in two by the chunk is found whole next time
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for ref in refs:
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii"))
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                covered[(r, c)] = (min_row, min_col)
    return covered


def read_sheet(path: Path) -> Grid:
    """The first sheet of an .xlsx file, or a CSV file (by its name)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    return read_csv(path.read_bytes())


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Characters an .xlsx cannot hold (openpyxl refuses them)."""


def _cell(value: Any) -> Any:
    """A value as a worksheet can hold it: control characters (a terminal escape pasted
    into a title) become U+FFFD, which shows where they were."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        return _CONTROL.sub("\ufffd", value)
    return value


def write_sheet(path: Path, title: str, headers: list[str], rows: list[list[Any]]) -> None:
    """An .xlsx (title row, bold header row, dates as dates) or a UTF-8 CSV with BOM (so
    Excel opens the Chinese right), by the file's name."""
    if path.suffix.lower() == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(
                ["" if v is None else v.isoformat() if isinstance(v, date) else v for v in row]
            )
        path.write_text(buffer.getvalue(), encoding="utf-8-sig")
        return
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31] or "Sheet1"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(1, len(headers)))
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    sheet.append(headers)
    for column in range(1, len(headers) + 1):
        sheet.cell(2, column).font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    for row_cells in sheet.iter_rows(min_row=3):
        for cell in row_cells:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    book.save(path)
