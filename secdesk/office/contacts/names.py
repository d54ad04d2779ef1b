"""People's names: the name the desk shows, and its structured parts (vCard ``N``).

Wing: office/contacts. Must not import screens, widgets, app, cli, care or demo; of this
package it imports nothing.

A contact has a display name (what the desk shows and searches, vCard ``FN``) and five
structured parts, kept so that a phone fed the desk's export files the person under the
right family name. Names typed in the desk get their parts from :func:`split_name`:

* A name starting with a Chinese (or other CJK) character is family name + given name
  with no space: the family name is its first character, or its first two when they are
  a compound surname (欧阳修 -> 欧阳 + 修, 张三 -> 张 + 三, 王主任 -> 王 + 主任). Typed with
  a space, the first word is the family name (安藤 ロイド). A name with a middle dot
  (爱新觉罗·溥仪, 约翰·史密斯) puts the family name first or last depending on where it
  comes from, so it goes whole into the given name.
* Other names are western: "given [middle...] family" (John Doe -> given John, family
  Doe), or "family, given" with a comma (Doe, John). Leading honorifics (Mr., Dr.,
  Prof....) are the prefix and trailing ones (Jr., Sr., III, PhD...) the suffix; a
  lower-case particle before the last word belongs to the family name (Ludwig van
  Beethoven -> van Beethoven). A single word is the given name (Cher), as phones file it.
* A name with no letter in it (a phone number) or that is an e-mail address has no parts:
  it is what a card with no name was filed under, not a person's name.

:func:`display_name` goes the other way, for a card that has parts but no ``FN``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = [
    "COMPOUND_SURNAMES",
    "NameParts",
    "display_name",
    "is_cjk",
    "parts_for",
    "parts_of",
    "split_name",
]


class NameParts(NamedTuple):
    """The five parts of a structured name, named as ``Contact``'s columns (so
    ``parts._asdict()`` fills a ``Contact`` or ``ContactInput``)."""

    family_name: str = ""
    given_name: str = ""
    middle_name: str = ""
    """vCard's "additional names"."""
    name_prefix: str = ""
    """Honorific prefixes, e.g. ``Mr.``"""
    name_suffix: str = ""
    """Honorific suffixes, e.g. ``Jr.``"""


#: Two-character surnames (复姓): the common ones of the 百家姓, simplified and traditional.
#: Left out on purpose: 单于 and the like, where a common one-character surname followed by
#: a common given name is the likelier reading.
COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木", "百里", "呼延", "万俟",
    "闻人", "赫连", "澹台", "公羊", "公冶", "濮阳", "淳于", "太叔", "申屠", "鲜于",
    "闾丘", "司空", "颛孙", "巫马", "拓跋", "南宫", "西门", "独孤", "第五", "左丘",
    "歐陽", "司馬", "諸葛", "東方", "尉遲", "公孫", "長孫", "軒轅", "鍾離", "萬俟",
    "聞人", "赫連", "澹臺", "鮮于", "閭丘", "顓孫", "南宮", "西門", "獨孤",
})  # fmt: skip

_PREFIXES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord", "rev",
    "fr", "hon", "capt", "col", "gen", "lt", "sgt", "herr", "frau", "mme", "mlle",
}  # fmt: skip
_SUFFIXES = {
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "dds", "esq", "jd", "mba", "cpa", "rn",
}  # fmt: skip
_PARTICLES = {
    "van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "la", "le",
    "ten", "ter", "dos", "das", "do",
}  # fmt: skip
_MIDDLE_DOTS = "·・•‧∙"
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$", re.ASCII)


def is_cjk(text: str) -> bool:
    """Whether ``text`` has a Han, kana, hangul or bopomofo character."""
    for ch in text:
        code = ord(ch)
        if (
            0x2E80 <= code <= 0x2FDF  # radicals
            or 0x3040 <= code <= 0x31FF  # kana, bopomofo, hangul compatibility jamo
            or 0x3400 <= code <= 0x4DBF
            or 0x4E00 <= code <= 0x9FFF
            or 0xAC00 <= code <= 0xD7AF
            or 0xF900 <= code <= 0xFAFF
            or 0xFF66 <= code <= 0xFF9F  # half-width katakana
            or 0x20000 <= code <= 0x3FFFF
        ):
            return True
    return False


def display_name(parts: NameParts) -> str:
    """The name to show for a structured name: ``family + middle + given`` with no space
    when the family or given name is CJK (张 + 三 -> 张三), else "given middle family"
    (John Doe). Prefixes and suffixes are left out: they are titles, not the name the desk
    files a person under. ``""`` when the family, given and middle names are all empty."""
    family, given, middle = (p.strip() for p in parts[:3])
    if is_cjk(family + given):
        return family + middle + given
    return " ".join(p for p in (given, middle, family) if p)


def split_name(name: str) -> NameParts:
    """The structured parts of a name typed in the desk (see the module docstring)."""
    text = " ".join(name.split())
    if not any(ch.isalpha() for ch in text) or _EMAIL.match(text):
        return NameParts()
    if is_cjk(text[0]):
        return _split_cjk(text)
    return _split_western(text)


def parts_for(name: str, parts: NameParts = NameParts(), organization: str = "") -> NameParts:
    """The parts a contact called ``name`` keeps: ``parts`` (stripped) when any is set;
    none for a unit filed under its own name (``name`` is its ``organization``, like a
    switchboard entry or a company card); else :func:`split_name` of the name."""
    kept = NameParts(*(p.strip() for p in parts))
    if any(kept):
        return kept
    name = name.strip()
    if not name or name == organization.strip():
        return NameParts()
    return split_name(name)


def parts_of(record: object) -> NameParts:
    """The five name parts of a ``Contact``, ``ContactInput`` or ``vcf.VCardContact``
    (anything with attributes named as :class:`NameParts`'s fields), as they are."""
    return NameParts(*(getattr(record, key) for key in NameParts._fields))


def _split_cjk(text: str) -> NameParts:
    if any(dot in text for dot in _MIDDLE_DOTS):
        return NameParts(given_name=text)
    if " " in text:
        family, _, given = text.partition(" ")
        return NameParts(family_name=family, given_name=given)
    family = text[:2] if text[:2] in COMPOUND_SURNAMES else text[:1]
    return NameParts(family_name=family, given_name=text[len(family) :])


def _split_western(text: str) -> NameParts:
    head, comma, tail = text.partition(",")
    after = tail.replace(",", " ").split()
    if comma and after and not all(_bare(word) in _SUFFIXES for word in after):
        # "Doe, John Q.": the family name comes first.
        prefixes, words, suffixes = _peel(after)
        return NameParts(
            family_name=head.strip(),
            given_name=words[0],
            middle_name=" ".join(words[1:]),
            name_prefix=" ".join(prefixes),
            name_suffix=" ".join(suffixes),
        )
    prefixes, words, suffixes = _peel(head.split())
    suffixes += after  # "John Doe, Jr."
    if len(words) == 1:
        return NameParts(
            given_name=words[0], name_prefix=" ".join(prefixes), name_suffix=" ".join(suffixes)
        )
    family_at = len(words) - 1
    while family_at > 1 and words[family_at - 1] in _PARTICLES:
        family_at -= 1
    return NameParts(
        family_name=" ".join(words[family_at:]),
        given_name=words[0],
        middle_name=" ".join(words[1:family_at]),
        name_prefix=" ".join(prefixes),
        name_suffix=" ".join(suffixes),
    )


def _peel(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Leading honorifics and trailing suffixes off ``words``, keeping at least one word."""
    start, end = 0, len(words)
    while end - start > 1 and _bare(words[start]) in _PREFIXES:
        start += 1
    while end - start > 1 and _bare(words[end - 1]) in _SUFFIXES:
        end -= 1
    return words[:start], words[start:end], words[end:]


def _bare(word: str) -> str:
    """``Ph.D.`` -> ``phd``: a word as the honorific lists spell it."""
    return word.replace(".", "").lower()
