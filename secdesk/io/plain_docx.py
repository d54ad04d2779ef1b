"""A plain document as .docx: a title, then paragraphs (python-docx, imported only here
and only when a document is written).

Wing: io. Must not import models, db, kinds, services, office or above, nor sqlmodel or textual.
"""

from __future__ import annotations

import os
from pathlib import Path


def write(path: Path, title: str, paragraphs: list[str], closing: tuple[str, ...] = ()) -> None:
    """Write ``title`` centred and bold, the paragraphs, and right-aligned ``closing`` lines
    (the sender and the date), readable by the owner only."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(18)
    for text in paragraphs:
        document.add_paragraph(text)
    for text in closing:
        line = document.add_paragraph(text)
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        document.save(handle)
