"""Read Asterisk ``cdr_csv`` call records (``/var/log/asterisk/cdr-csv/Master.csv``).

Wing: io. Must not import models, db, kinds, services, office or above, nor sqlmodel or textual.

Standard library only. Master.csv has no header; each line is one call record with these
columns, every field double-quoted except duration and billsec (``"`` inside a field is
doubled):

    accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata,
    start, answer, end, duration, billsec, disposition, amaflags[, uniqueid[, userfield]]

so a line has 16, 17 or 18 fields (``loguniqueid``/``loguserfield`` in ``cdr.conf``).
With 17 fields the 17th is taken as the uniqueid.

Each physical line is read on its own (lines are split on LF, CRLF or CR; blank lines are
skipped) with :mod:`csv` in strict mode, so a quote left open at the end of a line is an
error for that line rather than swallowing the lines after it. A line that is not UTF-8
is read as GB18030, then latin-1. Times are naive ``datetime`` values exactly as
written (``YYYY-MM-DD HH:MM:SS``, fractional seconds allowed): Asterisk writes local time
unless ``usegmtime=yes``, and converting is the caller's business.

:func:`parse_master_csv` returns every record or raises :class:`CdrError` naming the
1-based line: malformed CSV (e.g. an unterminated quote), a wrong number of fields, a
``start`` that is not a time (or a non-empty ``answer``/``end`` that is not), a duration
or billsec that is not an integer.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from secdesk.io.text import LineError, decode_chinese

__all__ = ["CdrError", "CdrRecord", "parse_clid", "parse_master_csv"]

_COLUMNS = (
    "accountcode",
    "src",
    "dst",
    "dcontext",
    "clid",
    "channel",
    "dstchannel",
    "lastapp",
    "lastdata",
    "start",
    "answer",
    "end",
    "duration",
    "billsec",
    "disposition",
    "amaflags",
    "uniqueid",
    "userfield",
)
_MIN_COLUMNS = 16
_MAX_COLUMNS = 18
_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f")
#: What strptime reads with the first format, written in full (two-digit fields).
_PLAIN_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\Z", re.ASCII)


class CdrError(LineError):
    """The file is not a readable Master.csv; ``line`` is the 1-based line at fault."""


@dataclass(slots=True)
class CdrRecord:
    line: int
    """1-based line of the record in the file."""
    start: datetime
    """Naive, as written in the file (local time unless Asterisk's usegmtime=yes)."""
    answer: datetime | None
    end: datetime | None
    src: str
    dst: str
    caller_name: str
    """The name part of clid (``"Test User" <test>`` -> ``Test User``), or ``""``."""
    caller_number: str
    """The number part of clid; ``src`` when clid has no number."""
    channel: str
    dstchannel: str
    duration: int
    billsec: int
    disposition: str
    """ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION... as written."""
    uniqueid: str
    userfield: str
    direction: str
    """``outgoing`` when ``src`` is one of the internal extensions, else ``incoming``."""
    external_id: str
    """Stable key of this record, so that importing a file twice adds nothing.

    ``<uniqueid>:<16 hex digits of the line's sha1>`` when the line has a uniqueid, else
    the 40-digit sha1 of the line (as text, UTF-8, without its line end). The uniqueid alone
    is not unique: Asterisk writes several records with one uniqueid (transfers, forked
    calls) and the test suite's 5-record sample repeats one uniqueid in every line.
    """


def parse_master_csv(data: bytes | str, internal_extensions: Iterable[str] = ()) -> list[CdrRecord]:
    """Every record of a Master.csv, in file order (see the module docstring).

    ``direction`` is ``"outgoing"`` when ``src`` is in ``internal_extensions`` and
    ``"incoming"`` otherwise (so a call between two internal extensions is outgoing, and
    with no extensions given every call is incoming).
    """
    internal = {ext.strip() for ext in internal_extensions if ext and ext.strip()}
    records: list[CdrRecord] = []
    for number, text in _lines(data):
        if not text.strip():
            continue
        records.append(_record(number, text, internal))
    return records


def parse_clid(clid: str) -> tuple[str, str]:
    """Split an Asterisk caller id into ``(name, number)``.

    ``"Test User" <test>`` -> ``("Test User", "test")``; ``Name <100>`` -> ``("Name",
    "100")``; ``<100>`` -> ``("", "100")``; ``"Name"`` -> ``("Name", "")``;
    ``+86 10 1234`` (something that looks like a number) -> ``("", "+86 10 1234")``; any
    other text is a name.
    """
    text = clid.strip()
    match = _CLID.match(text)
    if match:
        name = match.group("qname")
        if name is None:
            name = match.group("name") or ""
        else:
            name = name.replace('\\"', '"')
        return name.strip(), match.group("number").strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].strip(), ""
    if _NUMBER.match(text):
        return "", text
    return text, ""


_CLID = re.compile(r'^(?:"(?P<qname>(?:[^"\\]|\\.)*)"|(?P<name>[^<]*?))\s*<(?P<number>[^>]*)>$')
_NUMBER = re.compile(r"^\+?[\d*#\-\s().]+$")
_LINE_END = re.compile(r"\r\n|\r|\n")
_LINE_END_BYTES = re.compile(rb"\r\n|\r|\n")


def _lines(data: bytes | str) -> Iterable[tuple[int, str]]:
    if isinstance(data, str):
        yield from enumerate(_LINE_END.split(data.removeprefix("\ufeff")), start=1)
        return
    data = data.removeprefix(codecs.BOM_UTF8)
    for number, raw in enumerate(_LINE_END_BYTES.split(data), start=1):
        yield number, decode_chinese(raw)


def _record(number: int, text: str, internal: set[str]) -> CdrRecord:
    try:
        rows = list(csv.reader([text], strict=True))
    except csv.Error as exc:
        hint = " (a quote is never closed)" if "end of data" in str(exc) else ""
        raise CdrError(f"malformed CSV: {exc}{hint}", number) from exc
    row = rows[0] if rows else []
    if not _MIN_COLUMNS <= len(row) <= _MAX_COLUMNS:
        raise CdrError(
            f"expected {_MIN_COLUMNS} to {_MAX_COLUMNS} fields, found {len(row)}", number
        )
    fields = dict(zip(_COLUMNS, row, strict=False))
    start = _time(fields["start"], "start", number, required=True)
    assert start is not None
    caller_name, caller_number = parse_clid(fields["clid"])
    src = fields["src"]
    uniqueid = fields.get("uniqueid", "").strip()
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    return CdrRecord(
        line=number,
        start=start,
        answer=_time(fields["answer"], "answer", number),
        end=_time(fields["end"], "end", number),
        src=src,
        dst=fields["dst"],
        caller_name=caller_name,
        caller_number=caller_number or src.strip(),
        channel=fields["channel"],
        dstchannel=fields["dstchannel"],
        duration=_int(fields["duration"], "duration", number),
        billsec=_int(fields["billsec"], "billsec", number),
        disposition=fields["disposition"].strip(),
        uniqueid=uniqueid,
        userfield=fields.get("userfield", ""),
        direction="outgoing" if src.strip() in internal else "incoming",
        external_id=f"{uniqueid}:{digest[:16]}" if uniqueid else digest,
    )


def _time(value: str, column: str, number: int, *, required: bool = False) -> datetime | None:
    value = value.strip()
    if not value:
        if required:
            raise CdrError(f"{column} time is empty", number)
        return None
    if _PLAIN_TIME.match(value):  # the usual case, ten times faster than strptime
        with contextlib.suppress(ValueError):  # 2025-13-45: said below
            return datetime.fromisoformat(value)
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            pass
    raise CdrError(f"{column} time {value!r} is not YYYY-MM-DD HH:MM:SS", number)


def _int(value: str, column: str, number: int) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise CdrError(f"{column} {value!r} is not a whole number of seconds", number) from None
