"""The translation layer: every user-visible string goes through ``_()``.

Wing: the floor every wing stands on. Must not import anything of secdesk.

Catalogs are gettext ``.po``/``.mo`` files under ``secdesk/locale/``. Strings defined at
import time (binding descriptions, column titles) are marked with ``N_()`` and translated
where they are shown, so the language can change while the app runs.
"""

from __future__ import annotations

import gettext
import os
from datetime import date, datetime
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "secdesk"
LANGUAGES = ("zh", "en")

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def N_(message: str) -> str:
    """Mark a string for translation without translating it now."""
    return message


class _InContext(str):
    """A msgid with the context (msgctxt) it is translated in."""

    context: str


def C_(context: str, message: str) -> str:  # noqa: N802 - gettext's style
    """Mark ``message`` for translation in ``context`` (gettext's msgctxt) without
    translating it now: one English word that reads otherwise where it stands (a state
    "Assigned" in a list is 已交办, the field "Assigned" 交办日期). ``_()`` translates it in
    that context."""
    marked = _InContext(message)
    marked.context = context
    return marked


def NP_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - gettext's style
    """Mark a singular/plural pair for ``ngettext`` without translating it now."""
    return singular, plural


def _(message: str) -> str:
    """Translate ``message`` into the current language (the empty string stays empty: gettext
    would return the catalog's header for it)."""
    if not message:
        return message
    context = getattr(message, "context", "")
    return _current.pgettext(context, message) if context else _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def every_language(message: str) -> list[str]:
    """``message`` and its translation in each language (a value read back from a file may
    be written in either, whichever language the desk is in now)."""
    zh = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=["zh_CN"], fallback=True)
    return list(dict.fromkeys((message, zh.gettext(message))))


def language() -> str:
    """The current interface language: ``zh`` or ``en``."""
    return _language


def detect_language(explicit: str | None = None, configured: str | None = None) -> str:
    """``--lang`` first, then the config file, then the locale (zh_* gives Chinese)."""
    for choice in (explicit, configured):
        if choice:
            return normalize_language(choice)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def normalize_language(value: str) -> str:
    value = value.strip().lower().replace("-", "_")
    if value.startswith("zh") or value in {"cn", "chinese", "中文"}:
        return "zh"
    if value.startswith("en") or value in {"english", "c", "posix"}:
        return "en"
    raise ValueError(f"unknown language {value!r}: use zh or en")


def set_language(lang: str) -> None:
    """Switch every later ``_()`` call to ``lang`` (``zh`` or ``en``)."""
    global _current, _language
    lang = normalize_language(lang)
    if lang == "zh":
        _current = gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=["zh_CN"], fallback=True
        )
    else:
        _current = gettext.NullTranslations()
    _language = lang


_ZH_WEEKDAYS = "一二三四五六日"
_EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(day: date, weekday: bool = True) -> str:
    """2026年11月27日 星期五 / Fri 27 Nov 2026."""
    if _language == "zh":
        text = f"{day.year}年{day.month}月{day.day}日"
        return f"{text} 星期{_ZH_WEEKDAYS[day.weekday()]}" if weekday else text
    text = f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"
    return f"{_EN_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def format_short_date(day: date, today: date | None = None) -> str:
    """11月27日 / 27 Nov: for table cells. A day of another year than ``today`` (when given)
    carries its year: 2025年11月27日 / 27 Nov 2025."""
    other_year = today is not None and day.year != today.year
    if _language == "zh":
        text = f"{day.month}月{day.day}日"
        return f"{day.year}年{text}" if other_year else text
    text = f"{day.day} {_EN_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if other_year else text


def format_moment(moment: datetime, today: date) -> str:
    """A local time for table cells: 11月27日 10:32 / 27 Nov 10:32, with the year when it is
    not ``today``'s."""
    return f"{format_short_date(moment.date(), today)} {moment:%H:%M}"


def format_weekday(day: date) -> str:
    if _language == "zh":
        return f"周{_ZH_WEEKDAYS[day.weekday()]}"
    return _EN_WEEKDAYS[day.weekday()]


def format_time(moment: datetime) -> str:
    return moment.strftime("%H:%M")
