"""What every paper the desk writes must be when opened in Word (GB/T 9704-2012): the checks
the paper tests share. ``check_paper(path, ...)`` opens the .docx with python-docx."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ZH_DATE = re.compile(r"^\d{4}年[1-9]\d?月[1-9]\d?日$")
EN_DATE = re.compile(r"^[1-9]\d? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$")
WEEKDAYS = ("星期", "周一", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass
class Opened:
    """The paper as python-docx reads it, with the paragraphs' texts."""

    document: Any
    texts: list[str]


def _mm(length: int) -> float:
    return length / 36000


def east_asian_font(run: Any) -> str:
    from docx.oxml.ns import qn

    fonts = run._r.rPr.rFonts
    return fonts.get(qn("w:eastAsia")) if fonts is not None else ""


def check_page(document: Any) -> None:
    """A4, 天头 37 mm, 订口 28 mm, a 156 × 225 mm block of 22 lines of 28 characters."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn

    section = document.sections[0]
    assert round(_mm(section.page_width)) == 210 and round(_mm(section.page_height)) == 297
    assert abs(_mm(section.top_margin) - 37) < 0.1 and abs(_mm(section.left_margin) - 28) < 0.1
    block_w = _mm(section.page_width - section.left_margin - section.right_margin)
    block_h = _mm(section.page_height - section.top_margin - section.bottom_margin)
    assert abs(block_w - 156) < 0.1 and abs(block_h - 225) < 0.1
    normal = document.styles["Normal"]
    fmt = normal.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    pitch = fmt.line_spacing.pt
    assert 22 * pitch <= block_h / 25.4 * 72 < 23 * pitch  # 22 lines fill the block
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == str(round(pitch * 20))
    condensed = normal.element.rPr.find(qn("w:spacing"))
    char_pt = normal.font.size.pt + int(condensed.get(qn("w:val"))) / 20
    assert normal.font.size.pt == 16
    assert 28 * char_pt <= block_w / 25.4 * 72 < 29 * char_pt  # 28 characters a line
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"  # not python-docx's ja-JP / en-US


def check_footer(document: Any) -> None:
    """ "— 1 —" with a PAGE field in 14 pt 宋体: odd pages right, even pages left."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == side
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        instructions = [t.text for t in paragraph._p.iter(qn("w:instrText"))]
        assert [i.strip() for i in instructions] == ["PAGE"]
        kinds = [f.get(qn("w:fldCharType")) for f in paragraph._p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        for run in paragraph.runs:
            assert run.font.size.pt == 14 and east_asian_font(run) == "宋体"


def check_properties(document: Any, office: str, language: str) -> None:
    props = document.core_properties
    assert props.author == office and props.last_modified_by == office
    assert props.language == ("zh-CN" if language == "zh" else "en-GB")
    created = props.created.replace(tzinfo=UTC)
    assert abs(created - datetime.now(UTC)) < timedelta(minutes=5)
    assert "python-docx" not in (props.comments or "")


def check_title(document: Any, title: str) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = next(p for p in document.paragraphs if p.text == title)
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for run in paragraph.runs:
        assert run.font.size.pt == 22 and east_asian_font(run) == "方正小标宋简体"
    return paragraph


def check_body(document: Any, wanted: str) -> None:
    """The paragraph holding ``wanted``: 16 pt 仿宋, first line indented two characters."""
    paragraph = next(p for p in document.paragraphs if wanted in p.text)
    assert paragraph.paragraph_format.first_line_indent.pt == 32
    for run in paragraph.runs:
        assert run.font.size.pt == 16 and east_asian_font(run) == "仿宋_GB2312"


def check_addressee(texts: list[str], document: Any, addressee: str) -> None:
    """The 主送机关 flush left, ending with a full-width colon, after a blank line."""
    paragraph = next(p for p in document.paragraphs if p.text.startswith(addressee))
    assert paragraph.text == f"{addressee}："
    assert not paragraph.paragraph_format.first_line_indent
    index = texts.index(paragraph.text)
    assert texts[index - 1] == ""


def check_signature(document: Any, office: str, language: str) -> str:
    """The office's name centred over the date; the date four characters in from the right,
    no weekday, no leading zero. Returns the date as written."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraphs = [p for p in document.paragraphs if p.text]
    name, day = paragraphs[-2], paragraphs[-1]
    assert name.text == office
    assert (ZH_DATE if language == "zh" else EN_DATE).match(day.text), day.text
    assert not any(w in day.text for w in WEEKDAYS)
    assert day.alignment == name.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert day.paragraph_format.right_indent.pt == 64
    assert name.paragraph_format.keep_with_next  # never alone on a page
    for run in (*name.runs, *day.runs):
        assert run.font.size.pt == 16 and east_asian_font(run) == "仿宋_GB2312"
    return day.text


def open_paper(path: Path, office: str, language: str) -> Opened:
    """Open ``path`` and check what every paper shares: page, grid, footer, properties."""
    import docx

    document = docx.Document(str(path))
    check_page(document)
    check_footer(document)
    check_properties(document, office, language)
    return Opened(document, [p.text for p in document.paragraphs])
