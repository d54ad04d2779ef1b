"""Read vCard 2.1, 3.0 and 4.0 address books; write vCard 3.0.

Wing: io. Must not import models, db, kinds, services, office or above, nor sqlmodel or textual.

Standard library only. The reader works on **bytes** until each value is known, because
real exports are not valid text files before they are unfolded and decoded:

1. Physical lines are split on CRLF, LF or a lone CR.
2. Lines are unfolded at the byte level: a line starting with a space or tab continues
   the previous one (one leading whitespace character is removed, for every version),
   and in a ``QUOTED-PRINTABLE`` property a line ending in ``=`` (a QP soft break) is
   joined with the next line, the ``=`` removed. A soft break followed by an empty line
   or by ``END:VCARD`` ends the value instead. So a fold or soft break inside a
   multi-byte UTF-8 or Shift_JIS character is harmless.
3. Each property is decoded on its own: QP first, then its ``CHARSET`` (``SHIFT_JIS``
   is read as cp932, ``GB2312``/``GBK`` as GB18030, ``US-ASCII`` and unknown names as
   "not given"). A declared charset that does not fit the bytes decodes with U+FFFD
   replacement characters. Without a charset the value is tried as UTF-8, then GB18030,
   then latin-1, so raw 8-bit values from Chinese phones survive. Line breaks in decoded
   values become ``\\n``.
4. Escapes are removed only after decoding (``\\`` is a trail byte of many Shift_JIS and
   GBK characters). In 3.0 and 4.0 ``\\n`` ``\\N`` ``\\,`` ``\\;`` ``\\:`` and ``\\\\`` are
   unescaped and any other backslash is kept; in 2.1 only ``\\;`` is. Structured values
   (``N``, ``ORG``, ``ADR``) split on unescaped ``;``.

Base64 properties (``ENCODING=b``/``BASE64``: ``PHOTO``, ``KEY``, ``LOGO``, ``SOUND``...)
are dropped, including 2.1 blocks whose base64 lines are not indented. ``X-`` properties
do not become contact fields, with two exceptions: an Apple/Gmail ``itemN.X-ABLabel``
names the phone of the same group when that phone has no ``TYPE``, and Apple's
``X-ABShowAs:COMPANY`` marks a card that stands for an organisation (as 4.0 ``KIND:org``).

This module reads and writes vCard structure only: ``FN``, the five parts of ``N`` and the
components of ``ORG`` are kept as the card has them. Deciding what to call a card without
``FN``, or how to split a typed name into parts, is the contact book's business
(``secdesk.office.contacts.names`` and ``secdesk.office.contacts.cards``).

:func:`parse_vcards` raises :class:`VCardError` (with the 1-based physical line) for
data that is not a vCard, a ``BEGIN:VCARD`` without ``END:VCARD``, an ``END`` without a
``BEGIN``, non-blank text between cards, or a property line without ``:``. It returns
every card or raises: nothing is half-read.

:func:`write_vcards` writes vCard 3.0 with CRLF line ends, folded at 75 octets without
splitting a UTF-8 character. ``parse_vcards(write_vcards(cs).encode())`` gives back
``cs`` for contacts whose text fields have no surrounding whitespace and no CR, with no
empty department, and whose phone labels are lower case and not generic
(``pref``, ``voice``...).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from secdesk.io.text import LineError, decode_chinese

__all__ = [
    "RawVCard",
    "VCardContact",
    "VCardError",
    "VCardPhone",
    "VCardProperty",
    "parse_vcards",
    "read_raw_vcards",
    "write_vcards",
]


class VCardError(LineError):
    """The data is not a readable vCard file; ``line`` is the 1-based physical line."""


@dataclass
class VCardPhone:
    number: str
    """As written in the card."""
    label: str = ""
    """Lower case: ``cell``, ``work``, ``home``, ``fax``, ``pager``, ``main``... or ``""``."""


@dataclass
class VCardContact:
    name: str
    """``FN`` as written, ``""`` when the card has none."""
    family_name: str = ""
    """``N``'s five components, as written (a component's values stay comma-separated)."""
    given_name: str = ""
    middle_name: str = ""
    """``N``'s "additional names"."""
    name_prefix: str = ""
    name_suffix: str = ""
    organization: str = ""
    """``ORG``'s first component: the organisation's name."""
    departments: list[str] = field(default_factory=list)
    """``ORG``'s later components, outermost unit first (empty ones left out):
    ``ORG:IBM;Accounting`` is organisation ``IBM``, departments ``["Accounting"]``."""
    company: bool = False
    """The card stands for an organisation, not a person (4.0 ``KIND:org``, Apple's
    ``X-ABShowAs:COMPANY``)."""
    title: str = ""
    phones: list[VCardPhone] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    note: str = ""
    categories: list[str] = field(default_factory=list)
    """``CATEGORIES``: the groups a card is filed under, as written (each card's in order,
    none twice)."""
    line: int = 0
    """1-based line of the card's ``BEGIN:VCARD`` (0 for contacts not read from a file)."""


@dataclass
class VCardProperty:
    """One decoded content line, before its escapes are removed."""

    name: str
    """Upper case, without the group: ``TEL``, ``FN``, ``X-ABLABEL``."""
    group: str
    """Lower case group prefix (``item1``) or ``""``."""
    params: dict[str, list[str]]
    """Upper-case keys. Bare 2.1 parameters are filed under ``TYPE`` (``TEL;CELL``), or
    ``ENCODING`` for ``QUOTED-PRINTABLE``/``BASE64``/``8BIT``/``7BIT``. Quotes are removed
    and values are split on every comma, quoted or not (4.0 writes ``TYPE="work,voice"``)."""
    value: str
    """QP- and charset-decoded text, escapes still in place."""
    line: int
    version: str = "3.0"

    def text(self) -> str:
        """The value with its escapes removed."""
        return _unescape(self.value, self.version)

    def components(self) -> list[str]:
        """A structured value split on unescaped ``;``, each part unescaped."""
        return [_unescape(part, self.version) for part in _split_unescaped(self.value, ";")]

    def values(self) -> list[str]:
        """A list value (``CATEGORIES``) split on unescaped ``,``, each unescaped and
        stripped; empty ones left out."""
        parts = (
            _unescape(part, self.version).strip() for part in _split_unescaped(self.value, ",")
        )
        return [part for part in parts if part]

    def param(self, key: str) -> list[str]:
        return self.params.get(key.upper(), [])

    @property
    def types(self) -> list[str]:
        """``TYPE`` values, lower case, in the order written."""
        return [t.lower() for t in self.param("TYPE")]


@dataclass
class RawVCard:
    """One ``BEGIN:VCARD``..``END:VCARD`` block as decoded properties."""

    line: int
    version: str
    properties: list[VCardProperty]

    def all(self, name: str) -> list[VCardProperty]:
        name = name.upper()
        return [p for p in self.properties if p.name == name]

    def first(self, name: str) -> VCardProperty | None:
        found = self.all(name)
        return found[0] if found else None


# --------------------------------------------------------------------------- reading

_PHYSICAL_LINE = re.compile(rb"\r\n|\r|\n")
_QP_HEX = re.compile(rb"=([0-9A-Fa-f]{2})")
_BLANK = b" \t\x00\x1a"
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"}
_BASE64 = {"B", "BASE64"}
_QP = {"QUOTED-PRINTABLE", "QP"}

_CHARSET_ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms_kanji": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "big5": "big5hkscs",
}
_NO_CHARSET = {"", "us-ascii", "ascii", "us_ascii", "ansi_x3.4-1968"}


def read_raw_vcards(data: bytes) -> list[RawVCard]:
    """Split ``data`` into cards of decoded properties (see the module docstring).

    Nested cards (a 2.1 ``AGENT``) are skipped. Raises :class:`VCardError`.
    """
    data = _to_utf8_if_utf16(data)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]

    cards: list[RawVCard] = []
    current: RawVCard | None = None
    depth = 0
    in_base64 = False
    for lineno, buf in _logical_lines(data):
        if not buf.strip(_BLANK):
            continue
        split = _split_head(buf)
        if split is None:
            if current is None:
                raise VCardError("not a vCard: expected BEGIN:VCARD", lineno)
            if in_base64:
                continue  # an unindented 2.1 base64 line
            raise VCardError("property line without ':'", lineno)
        head, raw_value = split
        group, name, params = _parse_head(head)
        marker = raw_value.strip(_BLANK).upper()
        if name == "BEGIN" and marker == b"VCARD":
            if current is None:
                current = RawVCard(line=lineno, version="", properties=[])
                depth = 1
            else:
                depth += 1
            in_base64 = False
            continue
        if name == "END" and marker == b"VCARD":
            if current is None:
                raise VCardError("END:VCARD without BEGIN:VCARD", lineno)
            depth -= 1
            if depth == 0:
                _finish(current)
                cards.append(current)
                current = None
            in_base64 = False
            continue
        if current is None:
            found = _preview(buf[:40]).strip()
            raise VCardError(f"not a vCard: expected BEGIN:VCARD, found {found!r}", lineno)
        if depth > 1:
            continue
        encodings = {e.upper() for e in params.get("ENCODING", [])}
        in_base64 = bool(encodings & _BASE64)
        if in_base64:
            continue
        value = _decode_value(raw_value, encodings, params.get("CHARSET", []))
        current.properties.append(
            VCardProperty(name=name, group=group, params=params, value=value, line=lineno)
        )
    if current is not None:
        raise VCardError("BEGIN:VCARD without END:VCARD", current.line)
    if not cards:
        raise VCardError("no vCard found (no BEGIN:VCARD)", 1)
    return cards


def parse_vcards(data: bytes | str) -> list[VCardContact]:
    """Every card of ``data`` as a contact, in file order (see the module docstring).

    The name is ``FN`` (``""`` when the card has none); the name parts are the first
    non-empty ``N``'s, and ``ORG:org;dept;sub`` gives organisation ``org`` and departments
    ``["dept", "sub"]`` (the first non-empty ``ORG``). Several ``NOTE`` lines are joined
    with a newline (exact repeats dropped). Text fields are stripped of surrounding
    whitespace.
    """
    if isinstance(data, str):  # be forgiving: callers sometimes pass decoded text
        data = data.encode("utf-8")
    return [_contact(card) for card in read_raw_vcards(data)]


def _to_utf8_if_utf16(data: bytes) -> bytes:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16").encode("utf-8")
    return data


def _logical_lines(data: bytes) -> list[tuple[int, bytes]]:
    """Unfold physical lines into ``(first physical line number, bytes)``."""
    out: list[tuple[int, bytearray]] = []
    soft_break = False  # the last line consumed ended a QP value with '='
    for number, raw in enumerate(_PHYSICAL_LINE.split(data), start=1):
        if soft_break:
            soft_break = False
            if raw and raw.strip(_BLANK).upper() != b"END:VCARD":
                buf = out[-1][1]
                del buf[_soft_break_at(buf) :]
                buf += raw
                soft_break = _soft_break_at(raw) >= 0
                continue
        if out and out[-1][1] and raw[:1] in (b" ", b"\t"):
            out[-1][1].extend(raw[1:])
        else:
            out.append((number, bytearray(raw)))
        buf = out[-1][1]
        soft_break = _soft_break_at(buf) >= 0 and _is_qp(buf)
    return [(number, bytes(buf)) for number, buf in out]


def _soft_break_at(buf: bytes | bytearray) -> int:
    """Index of a trailing QP soft-break ``=`` (trailing blanks allowed), else -1."""
    stripped = bytes(buf).rstrip(b" \t")
    return len(stripped) - 1 if stripped.endswith(b"=") else -1


def _is_qp(buf: bytes | bytearray) -> bool:
    split = _split_head(bytes(buf))
    if split is None:
        return False
    _, _, params = _parse_head(split[0])
    return any(e.upper() in _QP for e in params.get("ENCODING", []))


def _split_head(buf: bytes) -> tuple[bytes, bytes] | None:
    """Split at the first ``:`` outside double quotes (params may quote a ``:``)."""
    quoted = False
    for i, byte in enumerate(buf):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            return buf[:i], buf[i + 1 :]
    i = buf.find(b":")  # an unbalanced quote: fall back to the first colon
    return (buf[:i], buf[i + 1 :]) if i >= 0 else None


def _split_quoted(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
            buf.append(ch)
        elif ch == sep and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def _parse_head(head: bytes) -> tuple[str, str, dict[str, list[str]]]:
    text = head.decode("utf-8", "replace")
    first, *raw_params = _split_quoted(text, ";")
    group, _, name = first.strip().rpartition(".")
    params: dict[str, list[str]] = {}
    for raw in raw_params:
        key, eq, val = raw.partition("=")
        key = key.strip().upper()
        if not key:
            continue
        if not eq:  # a bare 2.1 parameter: TEL;CELL;PREF, PHOTO;JPEG, N;QUOTED-PRINTABLE
            key, val = ("ENCODING" if key in _BARE_ENCODINGS else "TYPE"), key
        values = [v.strip() for v in val.replace('"', "").split(",")]
        params.setdefault(key, []).extend(v for v in values if v)
    return group.strip().lower(), name.strip().upper(), params


def _decode_value(raw: bytes, encodings: set[str], charsets: list[str]) -> str:
    if encodings & _QP:
        raw = _qp_decode(raw)
    text = _decode_bytes(raw, charsets[0] if charsets else "")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _qp_decode(raw: bytes) -> bytes:
    at = _soft_break_at(raw)  # a soft break left before a blank line
    if at >= 0:
        raw = raw[:at]
    return _QP_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), raw)


def _decode_bytes(raw: bytes, charset: str) -> str:
    name = charset.strip().lower()
    if name not in _NO_CHARSET:
        name = _CHARSET_ALIASES.get(name, name)
        try:
            codecs.lookup(name)
        except LookupError:
            pass
        else:
            try:
                return raw.decode(name)
            except UnicodeDecodeError:
                return raw.decode(name, "replace")
    return decode_chinese(raw)


def _preview(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _finish(card: RawVCard) -> None:
    """Set the version (``VERSION`` may come last) on the card and its properties."""
    version = card.first("VERSION")
    card.version = version.value.strip() if version else "3.0"
    for prop in card.properties:
        prop.version = card.version


def _split_unescaped(value: str, sep: str) -> list[str]:
    """Split on ``sep`` not preceded by an escaping backslash; escapes stay in place."""
    parts: list[str] = []
    buf: list[str] = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            buf.append(value[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf))
    return parts


_ESCAPE_30 = re.compile(r"\\([\\,;:nN])")
_ESCAPE_21 = re.compile(r"\\;")


def _unescape(value: str, version: str) -> str:
    if version.startswith("2"):
        return _ESCAPE_21.sub(";", value)
    return _ESCAPE_30.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


# --------------------------------------------------------------------------- contacts

_GENERIC_TYPES = {"pref", "voice", "internet", "x400", "msg", "text", "other", "uri"}
_KIND_TYPES = {"fax", "cell", "pager", "video", "textphone", "car", "isdn", "modem", "bbs"}
_AB_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")


def _contact(card: RawVCard) -> VCardContact:
    organization, departments = "", []
    for prop in card.all("ORG"):
        parts = [p.strip() for p in prop.components()]
        if any(parts):
            organization, departments = parts[0], [p for p in parts[1:] if p]
            break
    notes: list[str] = []
    for prop in card.all("NOTE"):
        note = prop.text().strip()
        if note and note not in notes:
            notes.append(note)
    family, given, middle, prefix, suffix = _name_parts(card)
    return VCardContact(
        name=_first_text(card, "FN"),
        family_name=family,
        given_name=given,
        middle_name=middle,
        name_prefix=prefix,
        name_suffix=suffix,
        organization=organization,
        departments=departments,
        company=_is_company(card),
        title=_first_text(card, "TITLE"),
        phones=[phone for prop in card.all("TEL") if (phone := _phone(card, prop))],
        emails=[e for prop in card.all("EMAIL") if (e := prop.text().strip())],
        note="\n".join(notes),
        categories=list(dict.fromkeys(c for p in card.all("CATEGORIES") for c in p.values())),
        line=card.line,
    )


def _first_text(card: RawVCard, name: str) -> str:
    for prop in card.all(name):
        if text := prop.text().strip():
            return text
    return ""


def _name_parts(card: RawVCard) -> list[str]:
    """The first non-empty ``N``'s five components (a 2.1 ``N:Doe;John`` is padded)."""
    for prop in card.all("N"):
        parts = [p.strip() for p in prop.components()][:5]
        if any(parts):
            return parts + [""] * (5 - len(parts))
    return [""] * 5


def _is_company(card: RawVCard) -> bool:
    kinds = [p.text().strip().lower() for p in card.all("KIND") + card.all("X-ABSHOWAS")]
    return "org" in kinds or "company" in kinds


def _phone(card: RawVCard, prop: VCardProperty) -> VCardPhone | None:
    number = prop.text().strip()
    if number[:4].lower() == "tel:":
        number = number[4:].strip()
    if not number:
        return None
    return VCardPhone(number=number, label=_phone_label(card, prop))


def _phone_label(card: RawVCard, prop: VCardProperty) -> str:
    types = [t for t in prop.types if t and t not in _GENERIC_TYPES]
    for kind in types:
        if kind in _KIND_TYPES:
            return kind
    if types:
        return types[0]
    if prop.group:
        for other in card.all("X-ABLABEL"):
            if other.group == prop.group:
                label = other.text().strip()
                match = _AB_LABEL.match(label)
                return (match.group(1) if match else label).strip().lower()
    return ""


# --------------------------------------------------------------------------- writing

_SURROGATE = re.compile("[\ud800-\udfff]")
_BAD_PARAM = re.compile(r'[";:,\x00-\x1f\x7f]')


def write_vcards(contacts: Iterable[VCardContact]) -> str:
    """The contacts as vCard 3.0 text with CRLF line ends (encode it as UTF-8).

    Each card has ``FN`` (the name), ``N`` (the five name parts, as they are),
    ``ORG:organization;department;...`` when either is set, ``X-ABShowAs:COMPANY`` for a
    company, ``TITLE``, one ``TEL;TYPE=label`` per phone (``;:,"`` and control characters
    in a label become spaces), ``EMAIL``, ``NOTE`` and ``CATEGORIES``. Values are escaped (``\\`` ``;``
    ``,`` and newlines), except that commas are left alone in ``TEL`` and in ``N``, where
    they separate a part's values (``Jr.,M.D.``). CR and CRLF become newlines, and lines
    are folded at 75 octets without splitting a UTF-8 character.
    """
    lines: list[str] = []
    for contact in contacts:
        parts = (
            contact.family_name,
            contact.given_name,
            contact.middle_name,
            contact.name_prefix,
            contact.name_suffix,
        )
        lines += ["BEGIN:VCARD", "VERSION:3.0", "FN:" + _escape(contact.name)]
        lines.append("N:" + ";".join(_escape(part, commas=False) for part in parts))
        if contact.organization or contact.departments:
            units = [contact.organization, *contact.departments]
            lines.append("ORG:" + ";".join(_escape(unit) for unit in units))
        if contact.company:
            lines.append("X-ABShowAs:COMPANY")
        if contact.title:
            lines.append("TITLE:" + _escape(contact.title))
        for phone in contact.phones:
            if not phone.number:
                continue
            label = _BAD_PARAM.sub(" ", _clean(phone.label)).strip()
            head = f"TEL;TYPE={label}" if label else "TEL"
            lines.append(f"{head}:{_escape(phone.number, commas=False)}")
        for email in contact.emails:
            if email:
                lines.append("EMAIL;TYPE=INTERNET:" + _escape(email))
        if contact.note:
            lines.append("NOTE:" + _escape(contact.note))
        if contact.categories:
            lines.append("CATEGORIES:" + ",".join(_escape(c) for c in contact.categories))
        lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _clean(text: str) -> str:
    text = _SURROGATE.sub("\ufffd", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _escape(text: str, *, commas: bool = True) -> str:
    text = _clean(text).replace("\\", "\\\\").replace(";", "\\;").replace("\n", "\\n")
    return text.replace(",", "\\,") if commas else text


def _fold(line: str) -> str:
    """Fold at 75 octets (74 after the leading space of a continuation line)."""
    chunks: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            chunks.append("".join(current))
            current, size, limit = [], 0, 74
        current.append(ch)
        size += width
    chunks.append("".join(current))
    return "\r\n ".join(chunks)
