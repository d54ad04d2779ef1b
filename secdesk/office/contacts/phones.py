"""Telephone numbers as the desk stores and compares them.

Wing: office/contacts. Must not import screens, widgets, app, cli, care or demo; of this
package it imports nothing.
"""

from __future__ import annotations

import unicodedata

#: China's country code, written the two ways a number may carry it.
_CHINA = ("+86", "0086")


def normalize_number(raw: str) -> str:
    """A number as stored and compared: digits only, keeping a leading ``+``, so
    ``010-1234 5678`` and ``01012345678`` match.

    Full-width and other Unicode decimal digits count as digits (``０１０`` -> ``010``) and
    the ``+`` may be full-width too; everything else (spaces, ``-()./``, ``tel:``, letters)
    is dropped. A Chinese number written with its country code (``+86`` or ``0086``) is
    stored the way it is dialled inside China, so it matches what the phone system
    records: ``+86 138 0013 8000`` -> ``13800138000``, ``+86 10 1234 5678`` ->
    ``01012345678``, ``+86 400 123 4567`` -> ``4001234567``. Other ``00`` international
    prefixes are left as they are.
    """
    digits = _digits(raw)
    for prefix in _CHINA:
        if digits.startswith(prefix) and len(digits) - len(prefix) >= 7:
            rest = digits[len(prefix) :]
            is_mobile = rest.startswith("1") and len(rest) == 11
            if is_mobile or rest.startswith(("0", "400", "800")):
                return rest
            return "0" + rest
    return digits


def _digits(raw: str) -> str:
    """Digits only, keeping a leading ``+`` (``"+86 (10) 1234-5678"`` -> ``"+861012345678"``)."""
    digits = []
    for ch in raw:
        value = unicodedata.decimal(ch, None)
        if value is not None:
            digits.append(str(value))
    text = raw.strip()
    if text[:4].lower() == "tel:":
        text = text[4:].lstrip()
    plus = text[:1] in ("+", "\uff0b")
    return ("+" if plus and digits else "") + "".join(digits)
