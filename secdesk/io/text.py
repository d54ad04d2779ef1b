"""What the readers here share: an error that names the line at fault, and reading bytes in
the encodings Chinese files come in (UTF-8, GB18030, which holds GBK and GB2312).

Wing: io. Pure and standard library only: must not import anything else of secdesk, nor
SQLModel, SQLAlchemy or Textual.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["OLD_EXCEL", "LineError", "decode_chinese", "decode_first", "decode_text"]

OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an old Excel workbook (.xls) begins (any OLE2 file: .doc too): no reader here takes
one."""

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class LineError(ValueError):
    """The input cannot be read; ``line`` is the 1-based line at fault, ``message`` why."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line


def decode_first(raw: bytes, encodings: Iterable[str]) -> str | None:
    """``raw`` read in the first of ``encodings`` that reads all of it; None if none does."""
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def decode_text(raw: bytes) -> str | None:
    """Text as offices' files come: UTF-16 with its byte-order mark (Excel's "Unicode
    text"), UTF-8 (with or without one), else GB18030; None if none reads all of it."""
    if raw.startswith(_UTF16_BOMS):
        return decode_first(raw, ("utf-16",))
    return decode_first(raw, ("utf-8-sig", "gb18030"))


def decode_chinese(raw: bytes) -> str:
    """``raw`` as UTF-8, else GB18030, else latin-1 (which reads any byte, so none is lost:
    raw 8-bit values from Chinese phones and exchanges survive)."""
    text = decode_first(raw, ("utf-8", "gb18030"))
    return raw.decode("latin-1") if text is None else text
