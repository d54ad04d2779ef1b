"""Search text: how record text and queries become index terms, what a query asks, and the
snippet that shows a match. Plain Python (no database), shared by every search backend.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

The scheme (measured in ``benchmarks/search.py``): text is folded (NFKC, case-folded,
letters and digits only, so 某府发〔2026〕3号 and 某府发[2026]3号 are the same, and a phone
number's spaces or dashes do not matter) and each field becomes its overlapping *bigrams*.
A query of two or more characters is the phrase of its own bigrams, which matches exactly
where the folded query is a piece of the folded field: 蓝鲸 finds 蓝鲸渔业, 5678 finds
138 1234 5678, in Chinese, English or digits alike. One-character queries scan.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

#: Marks of the tokens that are not text: a kind's token and a person's characters
#: (private-use characters too: no typed text can produce them).
KIND_MARK = "\ue001"
WHO_MARK = "\ue002"

#: How much of the text a snippet shows around the match (characters).
SNIPPET_BEFORE = 16
SNIPPET_WIDTH = 60

FILTER_NAMES = ("kind", "from", "to", "who")


def fold_char(char: str) -> str:
    """What one character becomes in the index: NFKC (full-width ２ is 2), case-folded,
    and nothing for anything but letters and digits."""
    found = _FOLDED.get(char)
    if found is None:
        if char.isascii():
            found = char.lower() if char.isalnum() else ""
        else:
            found = "".join(
                c for c in unicodedata.normalize("NFKC", char).casefold() if c.isalnum()
            )
        _FOLDED[char] = found
    return found


_FOLDED: dict[str, str] = {}
"""Characters already folded (a desk's texts use a few thousand distinct ones)."""


def fold(text: str) -> str:
    """``text`` as the index sees it (see ``fold_char``)."""
    folded = _FOLDED
    return "".join([folded[c] if c in folded else fold_char(c) for c in text])


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index in ``text`` it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        for folded in fold_char(char):
            out.append(folded)
            where.append(i)
    return "".join(out), where


def bigrams(folded: str) -> list[str]:
    return [folded[i : i + 2] for i in range(len(folded) - 1)]


def kind_token(name: str) -> str:
    """The token every entry of a kind carries (``kind:call`` and the per-kind results)."""
    return KIND_MARK + fold(name)


def who_tokens(name: str) -> list[str]:
    """A person's name as marked single characters: ``who:王`` (one character is the
    usual question) and ``who:王建`` (a phrase of two) both go through the index."""
    return [WHO_MARK + char for char in fold(name)]


def term_tokens(folded_term: str) -> list[str]:
    """The tokens whose phrase finds ``folded_term`` (two characters or more) as a piece of
    a field."""
    return bigrams(folded_term)


def index_terms(kind: str, texts: Iterable[str], who: Iterable[str] = ()) -> str:
    """The index's text for one record: its kind's token, each text's bigrams and each
    person's marked characters. (A phrase could run from the end of one field into the
    next: ``search`` checks each hit's own text, which costs less than separator tokens.)"""
    runs = [kind_token(kind)]
    for part in texts:
        folded = fold(part)
        if len(folded) >= 2:
            runs.append(" ".join(bigrams(folded)))
    for name in who:
        tokens = who_tokens(name)
        if tokens:
            runs.append(" ".join(tokens))
    return " ".join(runs)


@dataclass(frozen=True)
class Query:
    """What a search box's text asks for."""

    terms: tuple[str, ...] = ()
    """Folded pieces of text, all of which a hit contains (two or more characters go
    through the index; one-character pieces scan)."""
    kinds: tuple[str, ...] = ()
    """``kind:call``: only these kinds (names as the registry has them)."""
    start: date | None = None
    """``from:``: on or after this local day."""
    end: date | None = None
    """``to:``: on or before this local day."""
    who: tuple[str, ...] = ()
    """``who:王``: the people named contain each of these."""
    problems: tuple[str, ...] = field(default=())
    """Filters that could not be read (an unknown kind, a date that is no date), as typed."""

    @property
    def long_terms(self) -> tuple[str, ...]:
        return tuple(t for t in self.terms if len(t) >= 2)

    @property
    def short_terms(self) -> tuple[str, ...]:
        return tuple(t for t in self.terms if len(t) < 2)

    @property
    def empty(self) -> bool:
        return not (self.terms or self.kinds or self.start or self.end or self.who)


def holds(query: Query, texts: Iterable[str], who: Iterable[str]) -> bool:
    """A record's own ``texts`` and people (``who``) hold every piece of ``query`` (the
    index may offer a hit whose phrase ran across two fields; a scan's LIKE saw masked
    fields too)."""
    folded = [fold(text) for text in texts]
    names = [fold(name) for name in who]
    if not all(any(term in text for text in folded) for term in query.terms):
        return False
    return all(any(name_piece in name for name in names) for name_piece in query.who)


def split_filter(word: str) -> tuple[str, str] | None:
    """``kind:call`` -> ("kind", "call"); also with a full-width colon (kind：call)."""
    for colon in (":", "："):
        name, found, value = word.partition(colon)
        if found and name.lower() in FILTER_NAMES:
            return name.lower(), value
    return None


@dataclass(frozen=True)
class Snippet:
    """A piece of a hit's text around the match, and where the query's pieces are in it."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()
    """(start, end) character offsets in ``text`` of each match, in order."""


def snippet(body: str, terms: Iterable[str], width: int = SNIPPET_WIDTH) -> Snippet:
    """The part of ``body`` (fields one per line) around the first match of any of the
    folded ``terms``, lines joined with " · ", every match inside it marked."""
    flat = body.replace("\n", " · ")
    folded, where = fold_with_map(flat)
    spans: list[tuple[int, int]] = []
    for term in {t for t in terms if t}:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((where[start], where[end - 1] + 1))
            start = folded.find(term, start + 1)
    spans.sort()
    if not spans:
        text = flat[:width]
        return Snippet(text + ("…" if len(flat) > width else ""))
    first = spans[0][0]
    begin = max(0, first - SNIPPET_BEFORE)
    finish = min(len(flat), begin + width)
    begin = max(0, min(begin, finish - width))
    prefix = "…" if begin > 0 else ""
    suffix = "…" if finish < len(flat) else ""
    text = prefix + flat[begin:finish] + suffix
    shift = len(prefix) - begin
    marks: list[tuple[int, int]] = []
    for start, end in spans:
        if start >= begin and end <= finish:
            if marks and start < marks[-1][1]:
                marks[-1] = (marks[-1][0], max(marks[-1][1], end + shift))
            else:
                marks.append((start + shift, end + shift))
    return Snippet(text, tuple(marks))


def read_query(text: str, known: Mapping[str, str]) -> Query:
    """Read a search box's text: words, and the filters kind:, from:, to:, who:
    (``known``: the searched kinds' names and their English titles, for ``kind:``)."""
    from secdesk.calendar import clock
    from secdesk.calendar.timeparse import TimeParseError, parse_when

    terms: list[str] = []
    kinds_wanted: list[str] = []
    who: list[str] = []
    problems: list[str] = []
    start = end = None
    for word in text.split():
        found = split_filter(word)
        if found is None:
            folded = fold(word)
            if folded:
                terms.append(folded)
            continue
        name, value = found
        if not value:
            continue
        if name == "kind":
            wanted = _kind_named(value, known)
            if wanted is None:
                problems.append(word)
            else:
                kinds_wanted.append(wanted)
        elif name == "who":
            if fold(value):
                who.append(fold(value))
        else:
            try:
                day = parse_when(value, clock.now_local()).date()
            except TimeParseError:
                problems.append(word)
                continue
            if name == "from":
                start = day
            else:
                end = day
    return Query(
        terms=tuple(terms),
        kinds=tuple(kinds_wanted),
        start=start,
        end=end,
        who=tuple(who),
        problems=tuple(problems),
    )


def _kind_named(value: str, known: Mapping[str, str]) -> str | None:
    """A kind by its name, or by its title in the current language (kind:电话记录)."""
    from secdesk.i18n import _

    wanted = value.casefold()
    for name, title in known.items():
        if wanted in (name, _(title).casefold(), title.casefold()):
            return name
    return None
