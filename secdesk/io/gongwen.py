"""公文: every paper the desk writes for others, laid out as GB/T 9704-2012 asks (党政机关公文格式).

Wing: io. Must not import models, db, kinds, services, office or above, nor sqlmodel or textual.

One page and one set of styles for all of them (urge notices, reports, meeting notices,
minutes, the work summary, the handover note): A4, 天头 37 mm, 订口 28 mm, a text block of
156 × 225 mm holding 22 lines of 28 characters; the title in 22 pt 方正小标宋简体, the body in
16 pt 仿宋_GB2312, the levels 一、(黑体) （一）(楷体) 1. （1）(仿宋); the 主送机关 flush left with
a full-width colon; the office's name centred over the date (2026年12月5日, no weekday), the
date four characters in from the right; "— 1 —" in 14 pt 宋体 at the foot, odd pages right,
even pages left. A numbered paper carries the 发文机关标志 in red, its 发文字号 and the red
line; minutes carry the 纪要标志 and the 出席/列席/请假 labels in 黑体.

A paper is plain data (``Paper``): a title, blocks of ``(style, text)`` and tables. python-docx
is imported here, when a file is written, never at start-up.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from secdesk.calendar import clock
from secdesk.i18n import format_date, language
from secdesk.io.files import save_private
from secdesk.textsafe import safe

#: The fonts the standard names (Word and WPS substitute where one is not installed).
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
#: An English paper's Latin letters (its Chinese names keep the Chinese fonts).
LATIN_FONT = "Times New Roman"
RED = "FF0000"

#: Sizes in points: 2号 title, 3号 body, 4号 page numbers and table cells, 小初 the mark.
TITLE_PT = 22
BODY_PT = 16
PAGE_PT = 14
TABLE_PT = 14
MARK_PT = 36

#: The page in millimetres: A4, 天头 37, 订口 28, text block 156 × 225.
PAGE_MM = (210, 297)
TOP_MM, LEFT_MM = 37, 28
BLOCK_MM = (156, 225)
LINES, CHARS = 22, 28
#: The line pitch: 225 mm / 22 lines, rounded down to whole twips so 22 lines fit (28.95 pt).
LINE_PITCH_TWIPS = 579
#: Characters condensed by this many twentieths of a point, so 28 fill a line of the block.
CONDENSE_TWENTIETHS = -5

#: Block styles: ``para`` (a paragraph indented two characters), ``h1``..``h4`` (the four
#: levels, text already numbered 一、 （一） 1. （1）), ``line`` (flush left), ``centre``,
#: ``label`` (出席：names, the label before the first colon in 黑体, names aligned after it).
STYLES = ("para", "h1", "h2", "h3", "h4", "line", "centre", "label")


@dataclass(frozen=True)
class Table:
    """A table of the paper (the work summary's): its headings and rows."""

    headings: tuple[str, ...]
    rows: Sequence[tuple[Any, ...]]


Block = tuple[str, str] | Table


@dataclass
class Paper:
    """One official paper, as plain data."""

    title: str
    """The 标题 (empty for minutes, whose mark is their title)."""
    office: str
    """The 发文机关署名: the configured office's name; also the file's author."""
    day: date
    """The 成文日期."""
    body: list[Block] = field(default_factory=list)
    addressee: str = ""
    """The 主送机关 ("区统计局"); written flush left, ending with a full-width colon."""
    mark: str = ""
    """The red head: the 发文机关标志 of a numbered paper, or a minutes' 纪要标志."""
    number: str = ""
    """The 发文字号 (某府办督〔2026〕3号), centred below the mark over the red line; for minutes
    the line under the mark (the meeting's time and place)."""
    signed: bool = True
    """Whether the paper closes with the office's name and the date (minutes do not)."""


def level_number(level: int, n: int) -> str:
    """The number of the ``n``-th item at ``level`` 1..4: 一、 （一） 1. （1）; in an English
    paper 1. (a) 1. (1)."""
    zh = language() == "zh"
    if level == 1:
        return f"{chinese_number(n)}、" if zh else f"{n}. "
    if level == 2:
        return f"（{chinese_number(n)}）" if zh else f"({chr(96 + min(n, 26))}) "
    return f"{n}." if level == 3 else (f"（{n}）" if zh else f"({n}) ")


def colon() -> str:
    """The colon after a label: full-width in Chinese, ": " in English."""
    return "：" if language() == "zh" else ": "


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}" if n < 100 else str(n)


def paper_date(day: date) -> str:
    """The 成文日期 as written: 2026年12月5日 (Arabic numerals, no leading zero, no weekday)."""
    return format_date(day, weekday=False)


def addressee_line(addressee: str) -> str:
    """``区统计局`` -> ``区统计局：``; a colon after Latin text stays half-width."""
    name = addressee.strip().rstrip(":：").rstrip()
    wide = bool(name) and unicodedata.east_asian_width(name[-1]) in "WF"
    return f"{name}{'：' if wide else ':'}"


def width(text: str) -> float:
    """``text``'s width in characters of the body: a Chinese character 1, a digit ½."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def signature_indents(office: str, day_text: str) -> tuple[float, float]:
    """Right indents (in characters) of the office's name and of the date: the date four
    characters in from the right, the name centred over it."""
    name = max(0.0, 4 + (width(day_text) - width(office)) / 2)
    return name, 4.0


def write(paper: Paper, path: Path) -> Path:
    """Write ``paper`` to ``path`` as .docx (readable by the owner only; the directory is
    created); returns the path."""
    document = _document(paper)
    for block in _head(paper):
        block(document)
    if paper.title:
        _title(document, paper.title)
    if paper.addressee:
        _blank(document)
        _paragraph(document, addressee_line(paper.addressee), "line")
    for item in paper.body:
        if isinstance(item, Table):
            _table(document, item)
        else:
            _paragraph(document, item[1], item[0])
    if paper.signed:
        _signature(document, paper)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_private(path, document.save)
    return path


# -- the page and the styles ------------------------------------------------------------


def _latin(east_asia: str) -> str:
    return east_asia if language() == "zh" else LATIN_FONT


def _fonts(rpr: Any, east_asia: str, latin: str | None = None) -> None:
    """Set ``rPr``'s fonts: East Asian text in ``east_asia``, Latin in ``latin``."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for name in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(name), None)
    latin = latin or _latin(east_asia)
    for name, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia)):
        fonts.set(qn(name), value)
    fonts.set(qn("w:cs"), latin)


def _run(paragraph: Any, text: str, font: str, size: float, color: str = "") -> Any:
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(safe(text))  # Word's XML refuses control characters
    run.font.size = Pt(size)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    _fonts(run._r.get_or_add_rPr(), font)
    return run


def _document(paper: Paper) -> Any:
    from docx import Document
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, Twips

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.left_margin = Mm(TOP_MM), Mm(LEFT_MM)
    section.right_margin = Mm(PAGE_MM[0] - LEFT_MM - BLOCK_MM[0])
    section.bottom_margin = Mm(PAGE_MM[1] - TOP_MM - BLOCK_MM[1])
    section.header_distance = Mm(15)
    # The numbers' dashes stand 7 mm below the block: a 14 pt line ends about 12 mm lower.
    section.footer_distance = Mm(PAGE_MM[1] - TOP_MM - BLOCK_MM[1] - 7 - 5)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))

    lang = "zh-CN" if language() == "zh" else "en-GB"
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = defaults.find(qn("w:rPr"))
    _fonts(rpr, BODY_FONT)
    tag = rpr.find(qn("w:lang"))
    tag.set(qn("w:val"), lang)
    tag.set(qn("w:eastAsia"), "zh-CN")
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    # 28 characters a line: 16 pt characters condensed by a quarter point (字符间距紧缩) fit
    # the 156 mm block 28 times (a character grid would space Latin digits apart).
    condensed = OxmlElement("w:spacing")
    condensed.set(qn("w:val"), str(CONDENSE_TWENTIETHS))
    normal.element.get_or_add_rPr().insert_element_before(
        condensed, "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:lang"
    )
    spacing = normal.paragraph_format
    spacing.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    spacing.line_spacing = Twips(LINE_PITCH_TWIPS)
    spacing.space_before = spacing.space_after = Pt(0)
    spacing.widow_control = False
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)

    now = clock.now_utc()
    props = document.core_properties
    props.author = props.last_modified_by = safe(paper.office)
    props.title = safe(paper.title or paper.mark)
    props.language = lang
    props.created = props.modified = now
    props.revision = 1
    props.comments = props.keywords = props.subject = props.category = ""
    return document


def _page_number(paragraph: Any, odd: bool) -> None:
    """ "— 1 —" with a PAGE field: odd pages one character in from the right, even pages one
    character in from the left."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fmt = paragraph.paragraph_format
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        fmt.right_indent = Pt(PAGE_PT)
    else:
        fmt.left_indent = Pt(PAGE_PT)
    fmt.first_line_indent = Pt(0)

    def run(text: str = "", field: str = "", instruction: str = "") -> None:
        r = _run(paragraph, text, PAGE_FONT, PAGE_PT)
        _fonts(r._r.get_or_add_rPr(), PAGE_FONT, PAGE_FONT)
        if field:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), field)
            r._r.append(element)
        if instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = instruction
            r._r.append(element)

    run("— ")
    run(field="begin")
    run(instruction=" PAGE ")
    run(field="separate")
    run("1")
    run(field="end")
    run(" —")


# -- the parts ---------------------------------------------------------------------------


def _head(paper: Paper) -> list[Any]:
    """The red head of a numbered paper or of minutes (nothing for a plain paper)."""
    if not paper.mark:
        return []

    def mark(document: Any) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Mm, Pt

        size = min(MARK_PT, 0.95 * BLOCK_MM[0] / 25.4 * 72 / max(width(paper.mark), 1))
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(size * 1.25)
        fmt.space_before = Mm(35) - Pt(size * 0.25)  # its top 35 mm below the block's top
        _off_grid(paragraph)
        _run(paragraph, paper.mark, TITLE_FONT, size, RED)
        if paper.number:
            _blank(document)
            _blank(document)
            paragraph = _paragraph(document, paper.number, "centre")
        _red_line(paragraph)
        _blank(document)
        _blank(document)

    return [mark]


def _red_line(paragraph: Any) -> None:
    """The red separator line across the block, 4 mm below ``paragraph``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "11"), ("w:color", RED)):
        bottom.set(qn(name), value)
    borders.append(bottom)
    ppr = paragraph._p.get_or_add_pPr()
    # pBdr comes before spacing, ind and jc in a paragraph's properties.
    ppr.insert_element_before(
        borders,
        *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:snapToGrid", "w:spacing", "w:ind"),
        *("w:jc", "w:rPr"),
    )


def _title(document: Any, title: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for line in title.splitlines() or [title]:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _off_grid(paragraph)
        _run(paragraph, line, TITLE_FONT, TITLE_PT)


def _off_grid(paragraph: Any) -> None:
    """Large type keeps its exact line spacing: not snapped to the body's line grid, which
    would give each of its lines two lines of the grid."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().insert_element_before(snap, "w:spacing", "w:ind", "w:jc", "w:rPr")


def _blank(document: Any) -> Any:
    return document.add_paragraph()


#: Each level's font.
_LEVEL_FONTS = {"h1": HEI_FONT, "h2": KAI_FONT}


def _paragraph(document: Any, text: str, style: str) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if style not in STYLES:
        raise ValueError(f"unknown block style {style!r}")
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    if style == "centre":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif style == "label":
        cut = min((i for i in (text.find("："), text.find(":")) if i >= 0), default=-1)
        if cut >= 0:
            label, colon, rest = text[:cut], text[cut], text[cut + 1 :]
            head = f"{label}{colon}"
            # Names that wrap line up after the colon: a hanging indent the label's width.
            fmt.left_indent = Pt(BODY_PT * (2 + width(head)))
            fmt.first_line_indent = Pt(-BODY_PT * width(head))
            _run(paragraph, head, HEI_FONT, BODY_PT)
            _run(paragraph, rest.strip(), BODY_FONT, BODY_PT)
            return paragraph
        style = "para"
    if style not in ("line", "centre"):
        fmt.first_line_indent = Pt(2 * BODY_PT)
    _run(paragraph, text, _LEVEL_FONTS.get(style, BODY_FONT), BODY_PT)
    return paragraph


def _signature(document: Any, paper: Paper) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    day = paper_date(paper.day)
    name_in, date_in = signature_indents(paper.office, day)
    # The signature never stands on a page of its own: the last lines of the text go
    # over with it.
    last = document.paragraphs[-1] if document.paragraphs else None
    if last is not None:
        last.paragraph_format.keep_with_next = True
    _blank(document).paragraph_format.keep_with_next = True
    for text, indent in ((paper.office, name_in), (day, date_in)):
        if not text:
            continue  # no office set yet: the date alone, never a made-up name
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(BODY_PT * indent)
        paragraph.paragraph_format.keep_with_next = text != day
        _run(paragraph, text, BODY_FONT, BODY_PT)


def _table(document: Any, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING

    grid = document.add_table(rows=1, cols=len(table.headings))
    grid.style = "Table Grid"
    for cells, values, font in (
        (grid.rows[0].cells, table.headings, HEI_FONT),
        *((grid.add_row().cells, row, BODY_FONT) for row in table.rows),
    ):
        for cell, value in zip(cells, values, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            if isinstance(value, int | float) and not isinstance(value, bool):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(paragraph, _cell_text(value), font, TABLE_PT)


def _cell_text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, datetime):
        return f"{paper_date(value.date())} {value:%H:%M}"
    if isinstance(value, date):
        return paper_date(value)
    return str(value)
