"""One cell of a register as a person wrote it: its text kept as written, the keys rows
are matched by (Unicode NFKC, blanks squeezed), days written five ways or without their year,
and the words offices use for classification, urgency, state, copies and type.

Wing: office/documents. Must not import screens, widgets, app, cli, care or demo; of
this package only ``incoming``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

from secdesk.i18n import N_, _
from secdesk.labels import LABELS
from secdesk.office.documents.incoming import doc_type_of

TOTAL_ROW = re.compile(r"^(合\s*计|总\s*计|共\s*计|小\s*计|total)", re.IGNORECASE)
_DATE = re.compile(
    r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[ T]+\d{1,2}[:：]\d{2}(?::\d{2})?)?$"
)
_DAY_ONLY = re.compile(r"^(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?$")
RECEIPT_NUMBER = re.compile(r"^\D*(?P<year>(19|20)\d\d)\s*\D+\s*(?P<serial>\d{1,6})\D*$")
EXCEL_EPOCH = date(1899, 12, 30)

NO_TITLE = N_("no title")
BAD_DATE = N_("cannot read the date “{value}”")
NO_DATE = N_("no date received")
BAD_TYPE = N_("“{value}” is not one of the 15 document types")
BAD_VALUE = N_("cannot read “{value}” as {what}")
NO_YEAR = N_("“{value}” has no year, and neither the sheet's title nor its name gives one")
SAME_ROW = N_("the same as row {row}")
TWICE = N_("receipt number {number} is also on row {row}")
CLASH_IN = N_("{number} is in the register already, for another document: “{title}” from {sender}")
CLASH_OUT = N_("{number} is in the register already, for another document: “{title}”")


class RowError(ValueError):
    """Why one row cannot be imported (an English msgid, already formatted)."""


def cell_text(value: Any) -> str:
    """A cell's text as written: only the ASCII blanks around it are dropped (a full-width
    space 　 is written on purpose, as Chinese indents are)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip(" \t\r\n")


def plain_text(value: Any) -> str:
    """A cell's text as it is compared and parsed: NFKC (full-width digits and brackets
    as ASCII), blanks squeezed. Never stored."""
    return _plain(cell_text(value))


def cell_key(header: Any) -> str:
    return _key(cell_text(header))


# A register repeats its units, states and words on every row: each is worked out once
# (a few thousand kept: a 100,000-row file's titles, all different, only pass through).
@functools.lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


_NOT_KEY = re.compile(r"[\s:：*＊]")


@functools.lru_cache(maxsize=4096)
def _key(text: str) -> str:
    return _NOT_KEY.sub("", _plain(text)).casefold()


def sheet_date(value: Any, is_date_cell: bool = False, year: int | None = None) -> date | None:
    """A day written any of the ways registers write it; None for a blank cell. A day
    without its year (1月22日, 1/22) is of ``year``, refused when it is None."""
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
    text = plain_text(value)
    if text.isdigit() and len(text) == 8:
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    elif text.isdigit() and len(text) == 5:
        return EXCEL_EPOCH + timedelta(days=int(text))
    match = _DATE.match(text) or _DAY_ONLY.match(text)
    if not match:
        raise RowError(_(BAD_DATE).format(value=text))
    written = match.groupdict().get("y")
    if written is None and year is None:
        raise RowError(_(NO_YEAR).format(value=text))
    try:
        return date(int(written) if written else year or 0, int(match["m"]), int(match["d"]))
    except ValueError as exc:
        raise RowError(_(BAD_DATE).format(value=text)) from exc


def is_yearless(value: Any) -> bool:
    """Whether a cell holds a day without its year (1月22日)."""
    return isinstance(value, str) and _DAY_ONLY.match(plain_text(value)) is not None


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def sheet_year(grid: Any, header_position: int) -> tuple[int, str] | None:
    """The year a register is of, and where it is written: the title rows above its
    header (2025年收文登记簿) first, then the sheet's name."""
    places = [cell_text(cell) for _number, cells in grid.rows[:header_position] for cell in cells]
    places.append(str(getattr(grid, "name", "") or ""))
    for place in places:
        if found := _YEAR.search(plain_text(place)):
            return int(found[1]), place
    return None


def choice(value_set: str, typed: str, aliases: dict[str, str], what: str) -> str:
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


def copies(value: Any) -> int:
    text = plain_text(value).rstrip("份")
    if not text:
        return 1
    try:
        return max(1, int(text))
    except ValueError as exc:
        raise RowError(_(BAD_VALUE).format(value=text, what=_("Copies"))) from exc


def doc_type(value: Any) -> str:
    text = plain_text(value)
    if not text:
        return "通知"
    found = doc_type_of(text)
    if found is None:
        for code, msgid in LABELS["doc_type"].items():
            if cell_key(text) in (msgid.casefold(), cell_key(_(msgid))):
                return code
        raise RowError(_(BAD_TYPE).format(value=text))
    return found


VOID_WORDS = frozenset({"voided", "作废", "已作废"})


def _state(states: dict[str, str], written: str) -> str | None:
    key = cell_key(written)
    if not key:
        return None
    if key in VOID_WORDS or key == cell_key(_("Voided")):
        return "void"
    for value, msgid in states.items():
        if key in (value, msgid.casefold(), cell_key(_(msgid))):
            return value
    return None


def handling(register: str, raw: Any) -> tuple[str | None, str]:
    """(state, what follows it) from a 办理情况 cell as the register writes it (a state's
    label, or 已办结：result; "void" for 作废：why); (None, the cell) when it names none."""
    text = cell_text(raw)
    states = LABELS[f"{register}_status"]
    colon = re.search("[:：]", text)
    tries = [(text, "")]
    if colon:
        tries.append((text[: colon.start()], text[colon.end() :].strip()))
    for written, rest in tries:
        if state := _state(states, written):
            return state, rest
    for word, value in STATUS_WORDS.items():
        if word in text and value in states:
            return value, text
    return None, text
