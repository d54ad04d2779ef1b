"""Columns that fit: capped, the flexible ones give way first, none below its least, the
least important left out only when even the narrowest widths do not fit."""

from __future__ import annotations

from secdesk.kinds import Column
from secdesk.widgets.record_table import fit_widths

COLUMNS = [
    Column("No.", cap=10, least=9),
    Column("Title", cap=60, flex=True, least=16),
    Column("Sender", cap=16, least=6, drop=2),
    Column("Due", cap=14, least=6),
]


def test_natural_widths_when_there_is_room() -> None:
    assert fit_widths(COLUMNS, [9, 20, 8, 6], room=100, padding=2) == [9, 20, 8, 6]


def test_a_long_value_is_capped_and_never_pushes_a_column_out() -> None:
    # A 500-character title (or a 500-digit number) stays within its cap.
    assert fit_widths(COLUMNS, [9, 500, 8, 6], room=120, padding=2) == [9, 60, 8, 6]


def test_the_droppable_columns_give_way_first_then_the_flexible_one() -> None:
    # 60 cells: the sender (which may be left out) gives way to its least; the title keeps
    # the rest (31), more than it would if it gave way first.
    assert fit_widths(COLUMNS, [9, 60, 16, 6], room=60, padding=2) == [9, 31, 6, 6]
    # 45 cells: every column still fits, the title at its least too.
    widths = fit_widths(COLUMNS, [9, 60, 16, 6], room=45, padding=2)
    assert widths == [9, 16, 6, 6]
    assert sum(w for w in widths if w) + 2 * 4 <= 45


def test_columns_are_left_out_only_when_even_the_least_does_not_fit() -> None:
    # 40 cells cannot hold every column at its least: the sender goes, the title has its room.
    assert fit_widths(COLUMNS, [9, 60, 16, 6], room=40, padding=2) == [9, 19, None, 6]
