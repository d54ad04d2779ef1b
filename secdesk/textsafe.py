"""User text is data: never markup, never terminal control.

Wing: the floor every wing stands on. Must not import anything of secdesk.

``safe(value)`` turns control characters into their visible Unicode pictures (ESC -> ␛) so
``\\x1b[2J`` shows as ``␛[2J`` instead of clearing the screen; ``text(value)`` wraps the
result in a ``rich.text.Text`` so brackets such as ``[/]`` or ``[@click=app.quit]`` are
shown literally. ``markdown_escape(value)`` makes text written into a Markdown file render
as itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})
# Keep tabs readable as a space and newlines as a visible return mark in one-line cells.
_ONE_LINE = dict(_PICTURES)
_ONE_LINE[0x09] = " "
_ONE_LINE[0x0A] = "\u21b5"
_MULTI_LINE = dict(_PICTURES)
_MULTI_LINE[0x09] = "    "
_MULTI_LINE[0x0A] = "\n"
del _MULTI_LINE[0x0A]
for _bidi in (
    0x200E,
    0x200F,
    0x202A,
    0x202B,
    0x202C,
    0x202D,
    0x202E,
    0x2066,
    0x2067,
    0x2068,
    0x2069,
):
    _ONE_LINE[_bidi] = "\ufffd"
    _MULTI_LINE[_bidi] = "\ufffd"


def safe(value: object, multiline: bool = False) -> str:
    """``value`` as a string with no control characters left in it."""
    raw = "" if value is None else str(value)
    if multiline:
        raw = raw.replace("\r\n", "\n")
        return raw.translate(_MULTI_LINE)
    return raw.translate(_ONE_LINE)


def text(value: object, style: str = "", multiline: bool = False) -> Text:
    """A Rich ``Text`` that shows ``value`` literally."""
    from rich.text import Text

    return Text(safe(value, multiline), style=style)


def marked(
    value: str, marks: Iterable[tuple[int, int]], style: str = "", mark: str = "bold reverse"
) -> Text:
    """A Rich ``Text`` of ``value`` shown literally, with the ``(start, end)`` pieces (a
    search's matches) styled ``mark``: styled by offsets, never by markup, so what was
    typed or stored cannot act."""
    shown = text(value, style)  # one character for one: the offsets still hold
    for start, end in marks:
        shown.stylize(mark, start, end)
    return shown


# Markdown: characters that act wherever they are (emphasis, code, links, raw HTML, tables,
# strikethrough, math, attribute braces), and the ones that act only at the start of a line
# (headings, quotes, lists, setext underlines, ordered lists "1." and "1)").
_MD_ANYWHERE = re.compile(r"[\\`*_{}\[\]<>|~$]|&(?=[#A-Za-z0-9])")
_MD_LINE_START = re.compile(r"[#+\-=]|\d{1,9}(?=[.)](?:[ \t]|$))")
_MD_INDENT = re.compile(r"[ \t]*")


def markdown_escape(text: str) -> str:
    """``text`` as Markdown that renders as the literal text.

    Backslash-escapes the characters that would act (``*bold*``, ``[link](x)``, ``<b>``,
    ``&amp;``, a line starting ``#``, ``>``, ``-``, ``+``, ``=`` or ``1.``); leaves the rest
    alone, so Chinese text and ordinary punctuation stay readable in the file itself.
    Leading spaces become no-break spaces (four of them would otherwise make a code block,
    where escapes show). Newlines are kept: how lines join is the caller's business.
    """
    return "\n".join(_markdown_escape_line(line) for line in text.split("\n"))


def _markdown_escape_line(line: str) -> str:
    indent = _MD_INDENT.match(line)
    assert indent is not None  # [ \t]* always matches
    rest = line[indent.end() :]
    if not rest:
        return ""
    lead = indent.group().replace("\t", "    ").replace(" ", "\u00a0")
    escaped = _MD_ANYWHERE.sub(lambda m: "\\" + m.group(), rest)
    if start := _MD_LINE_START.match(escaped):
        # Before the marker itself: "#", "-"... or the "." / ")" after the digits.
        cut = start.end() if start.group()[0].isdigit() else 0
        escaped = escaped[:cut] + "\\" + escaped[cut:]
    return lead + escaped
