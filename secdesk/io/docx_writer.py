"""Write a simple official-looking document (.docx) from an outline.

Wing: io. Must not import models, db, kinds, services, office or above, nor sqlmodel or textual.

An outline is a list of ``(style, text)`` pairs: ``title`` (centred, large), ``heading``,
``para`` (a paragraph, first line indented two characters as Chinese documents are),
``line`` (a paragraph without indent). python-docx is imported here, when a file is
written, never at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from secdesk.io.files import save_private

Outline = Sequence[tuple[str, str]]

#: 仿宋 for the body and 方正小标宋 (or 宋体) for the title, as 党政机关公文格式 asks.
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"


def write_docx(outline: Outline, path: Path) -> Path:
    """Write ``outline`` to ``path`` (its directory is created; the file 0600: papers name
    people); returns the path."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    for style, text in outline:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        if style == "title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.font.size = Pt(22)
            run.font.name = TITLE_FONT
            run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), TITLE_FONT)
        elif style == "heading":
            run.bold = True
        elif style == "para":
            paragraph.paragraph_format.first_line_indent = Pt(32)
        elif style == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    path.parent.mkdir(parents=True, exist_ok=True)
    save_private(path, document.save)
    return path
