"""User text is data: never markup, never terminal control.

``safe(value)`` turns control characters into their visible Unicode pictures (ESC -> ␛) so
``\\x1b[2J`` shows as ``␛[2J`` instead of clearing the screen; ``text(value)`` wraps the
result in a ``rich.text.Text`` so brackets such as ``[/]`` or ``[@click=app.quit]`` are
shown literally.
"""

from __future__ import annotations

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
