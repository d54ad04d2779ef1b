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
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from secdesk.io.files import write_private
from secdesk.io.text import decode_text
from secdesk.textsafe import safe

__all__ = ["Grid", "SheetError", "read_sheet", "write_sheet"]


class SheetError(ValueError):
    """The file cannot be read as a spreadsheet."""


@dataclass(frozen=True)
class Grid:
    """The cells of one sheet: ``rows`` are (sheet row number, cell values)."""

    rows: list[tuple[int, list[Any]]]
    date_cells: frozenset[tuple[int, int]] = frozenset()
    """(row, column) of cells Excel formats as dates (a serial number there is a date)."""
    name: str = ""
    """The sheet's name (a CSV file's: its file name without the extension)."""


def _decode(data: bytes) -> str:
    text = decode_text(data)
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
        name = sheet.title
        covered = _merged_cells(sheet)
        anchors: dict[tuple[int, int], Any] = {}
        rows = []
        dates = set()
        # A register repeats its units, dates and words on every row: one object each (a
        # 100,000-row sheet would otherwise hold as many copies).
        same: dict[Any, Any] = {}
        for number, row in enumerate(_sheet_rows(book, sheet), start=1):
            values: list[Any] = []
            for column, (value, is_date) in enumerate(row, start=1):
                top = covered.get((number, column))
                if top == (number, column):
                    anchors[top] = value
                elif top is not None:
                    value = anchors.get(top)
                if isinstance(value, str | datetime):
                    value = same.setdefault(value, value)
                elif is_date:  # a time Excel shows as one (a duration)
                    dates.add((number, len(values)))
                values.append(value)
            rows.append((number, values))
    finally:
        book.close()
    return Grid(rows, frozenset(dates), name)


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_EMPTY: tuple[Any, bool] = (None, False)


def _sheet_rows(book: Any, sheet: Any) -> Iterator[list[tuple[Any, bool]]]:
    """(value, is a date) of each cell of each row of a read-only ``sheet``, from row 1
    (a row the file leaves out is empty), as openpyxl's ``iter_rows`` gives its cells'
    values (``data_only``) but without a cell object each (20,000 rows: about three
    quarters of openpyxl's time, see benchmarks/NOTES.md). Numbers in a date or time
    format are datetimes (timedeltas)."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import column_index_from_string
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    shared = sheet._shared_strings  # noqa: SLF001 - the workbook's strings, read once
    date_styles = book._date_formats  # noqa: SLF001
    duration_styles = book._timedelta_formats  # noqa: SLF001
    row_tag, cell_tag = f"{_MAIN}row", f"{_MAIN}c"
    value_tag, inline_tag, text_tag = f"{_MAIN}v", f"{_MAIN}is", f"{_MAIN}t"
    run_tag = f"{_MAIN}r"
    letters = re.compile(r"[A-Z]+")
    done = 0
    with sheet._get_source() as xml:  # noqa: SLF001 - the sheet's XML, streamed
        for _event, element in iterparse(xml):
            if element.tag != row_tag:
                continue
            written = element.get("r")
            number = int(written) if written else done + 1
            while done + 1 < number:
                done += 1
                yield []
            cells: list[tuple[Any, bool]] = []
            for cell in element.iter(cell_tag):
                where = cell.get("r")
                column = (
                    column_index_from_string(letters.match(where).group())  # type: ignore[union-attr]
                    if where
                    else len(cells) + 1
                )
                kind = cell.get("t", "n")
                style = int(cell.get("s") or 0)
                value: Any = None if kind == "inlineStr" else (cell.findtext(value_tag) or None)
                is_date = False
                if value is not None:
                    if kind == "n":
                        value = (
                            float(value)
                            if "." in value or "E" in value or "e" in value
                            else int(value)
                        )
                        if style in date_styles:
                            try:
                                value = from_excel(
                                    value, book.epoch, timedelta=style in duration_styles
                                )
                                is_date = True
                            except (OverflowError, ValueError):
                                value = "#VALUE!"
                    elif kind == "s":
                        value = shared[int(value)]
                    elif kind == "b":
                        value = bool(int(value))
                    elif kind == "d":
                        value, is_date = from_ISO8601(value), True
                elif kind == "inlineStr":
                    inline = cell.find(inline_tag)
                    if inline is not None:
                        parts = [inline.findtext(text_tag) or ""]
                        parts += [r.findtext(text_tag) or "" for r in inline.findall(run_tag)]
                        value = "".join(parts)
                cells.extend([_EMPTY] * (column - 1 - len(cells)))
                cells.append((value, is_date))
            element.clear()
            done = number
            yield cells


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
    grid = read_csv(path.read_bytes())
    return Grid(grid.rows, grid.date_cells, path.stem)


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


def _csv_cell(value: Any) -> Any:
    """A value as a CSV cell: dates as ISO dates; text with its control characters shown
    as their pictures (ESC as ␛), as the desk shows them, never raw to a terminal's cat."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return safe(value, multiline=True) if isinstance(value, str) else value


def write_sheet(path: Path, title: str, headers: list[str], rows: list[list[Any]]) -> None:
    """An .xlsx (title row, bold header row, dates as dates) or a UTF-8 CSV with BOM (so
    Excel opens the Chinese right), by the file's name; mode 0600 (a register names
    people)."""
    if path.suffix.lower() == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])
        write_private(path, buffer.getvalue().encode("utf-8-sig"))
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
    number_cells(sheet, first_row=3)
    fit_columns(sheet, first_row=2)
    sheet.freeze_panes = "A3"  # the title and the header row stay in view
    saved = io.BytesIO()
    book.save(saved)
    write_private(path, saved.getvalue())


_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def as_number(value: Any) -> Any:
    """A figure written as text ("259", "76.9%") as the number it is (259, 0.769 marked as
    a percentage); anything else as it is."""
    if not isinstance(value, str) or not value.strip():
        return value
    text = value.strip()
    if _NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    if text.endswith("%") and _NUMBER.fullmatch(text[:-1]):
        return Percent(float(text[:-1]) / 100)
    return value


class Percent(float):
    """A share stored as a number, shown as a percentage (0.769 -> 76.9%)."""


def number_cells(sheet: Any, first_row: int = 1) -> None:
    """Give numbers, percentages, dates and times a number format (and store a percentage
    as a plain number)."""
    for row_cells in sheet.iter_rows(min_row=first_row):
        for cell in row_cells:
            value = cell.value
            if isinstance(value, Percent):
                cell.value = float(value)
                cell.number_format = "0.0%"
            elif isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, bool):
                continue
            elif isinstance(value, int):
                cell.number_format = "0"
            elif isinstance(value, float):
                cell.number_format = "0.0"


def cell_width(value: Any) -> int:
    """How many columns ``value`` takes in a sheet: a Chinese character counts two."""
    import unicodedata

    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    text = str(value)
    longest = max(text.splitlines() or [""], key=len)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def fit_columns(sheet: Any, first_row: int = 1, widest: int = 60) -> None:
    """Set each column as wide as its widest cell from ``first_row`` (a merged title row
    above is left out), within ``widest``."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row_cells in sheet.iter_rows(min_row=first_row):
        for cell in row_cells:
            widths[cell.column] = max(widths.get(cell.column, 0), cell_width(cell.value))
    for column, found in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(widest, max(6, found + 2))
