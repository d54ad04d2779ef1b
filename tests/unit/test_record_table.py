"""Columns that fit by priority: capped; the title keeps an ample width before a column
that may go stays; the title gives way last, none below its least; numbers, times and dates
never cut."""

from __future__ import annotations

from dataclasses import replace

from secdesk.kinds import Column
from secdesk.kinds.common import STATUS_COLUMN
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


def test_a_column_that_may_go_goes_before_it_squeezes_the_title() -> None:
    # 60 cells: the sender at its narrowest would leave the title less than an ample
    # width (40 cells, 20 Chinese characters): the sender is left out, the title keeps 39.
    assert fit_widths(COLUMNS, [9, 60, 16, 6], room=60, padding=2) == [9, 39, None, 6]
    # A short title does not need the room: the sender stays, whole.
    assert fit_widths(COLUMNS, [9, 20, 16, 6], room=60, padding=2) == [9, 20, 16, 6]
    # 45 cells: the title keeps what the sender would have taken.
    widths = fit_widths(COLUMNS, [9, 60, 16, 6], room=45, padding=2)
    assert widths == [9, 24, None, 6]
    assert sum(w for w in widths if w) + 2 * 3 <= 45


def test_when_room_is_short_the_title_gives_way_last() -> None:
    # The sender may not go: the title comes down to 40, the sender takes what is left.
    columns = [replace(c, drop=0) for c in COLUMNS]
    assert fit_widths(columns, [9, 60, 16, 6], room=70, padding=2) == [9, 40, 7, 6]
    # Less room: the sender shrinks to its least before the title goes below 40.
    assert fit_widths(columns, [9, 60, 16, 6], room=55, padding=2) == [9, 26, 6, 6]


def test_numbers_times_dates_and_column_titles_are_never_cut_before_the_title() -> None:
    columns = [
        Column("Received", cap=8, least=4, whole=True),
        Column("Title", cap=60, flex=True, least=8),
        Column("Classification", cap=14, least=6),
    ]
    # 50 cells: the date keeps its 11 cells ("31 Dec 2027") though its cap and least are
    # smaller; "Classification" is read whole though its values take 6 cells; the title
    # has the rest.
    widths = fit_widths(columns, [11, 30, 6], room=50, padding=2, labels=[8, 5, 14])
    assert widths == [11, 19, 14]
    # 35 cells: the title comes down to its least before a column title is cut, and only
    # then is "Classification" cut (never below its values).
    assert fit_widths(columns, [11, 30, 6], room=35, padding=2, labels=[8, 5, 14]) == [11, 8, 10]
    # Narrower still: the date stays whole.
    assert fit_widths(columns, [11, 30, 6], room=20, padding=2, labels=[8, 5, 14])[0] == 11


def test_a_column_title_wider_than_its_values_is_read_whole_at_80_columns() -> None:
    # A register at 80 columns: "Received" over "27 Nov", "Urgency" over
    # "URGENT", and the states ("Circulating") are read whole: the title gives the cells.
    columns = [
        Column("No.", cap=10, whole=True),
        Column("Received", cap=14, whole=True),
        Column("Urgency", cap=12, whole=True),
        Column("Title", cap=60, flex=True, least=24),
        Column("Due", cap=14, whole=True),
        STATUS_COLUMN,
    ]
    widths = fit_widths(
        columns, [9, 6, 6, 60, 6, 11], room=78, padding=2, labels=[3, 8, 7, 5, 3, 6]
    )
    assert widths == [9, 8, 7, 25, 6, 11]


def test_columns_are_left_out_only_when_even_the_least_does_not_fit() -> None:
    # 40 cells cannot hold every column at its least: the sender goes, the title has its room.
    assert fit_widths(COLUMNS, [9, 60, 16, 6], room=40, padding=2) == [9, 19, None, 6]
