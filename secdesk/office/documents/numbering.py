"""Numbers that run in a series (收文号 per year, 发文字号 per prefix and year, 件号 per
filing year and retention): the next is one after the highest ever given, so a number is
never given twice, not even one whose record was deleted or voided.

Wing: office/documents. Must not import screens, widgets, app, cli, care or demo; of this
package it imports nothing.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, func, select


def next_number(session: Session, column: Any, *where: Any) -> int:
    """One after the highest ``column`` among the rows ``where`` picks (1 for none yet).
    Called inside the writing transaction, so two writers never get the same number."""
    highest = session.exec(select(func.max(column)).where(*where)).one()
    return int(highest or 0) + 1
