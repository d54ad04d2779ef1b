"""What the readers here share: an error that names the line at fault, and reading bytes in
the encodings Chinese files come in (UTF-8, GB18030, which holds GBK and GB2312).

Wing: io. Pure and standard library only: must not import anything else of secdesk, nor
SQLModel, SQLAlchemy or Textual.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["LineError", "decode_chinese", "decode_first"]


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


def decode_chinese(raw: bytes) -> str:
    """``raw`` as UTF-8, else GB18030, else latin-1 (which reads any byte, so none is lost:
    raw 8-bit values from Chinese phones and exchanges survive)."""
    text = decode_first(raw, ("utf-8", "gb18030"))
    return raw.decode("latin-1") if text is None else text
