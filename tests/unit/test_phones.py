"""Phone numbers as the desk stores them: however a number is typed, it matches."""

from __future__ import annotations

import pytest

from secdesk.office.contacts.phones import normalize_number


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("010-1234 5678", "01012345678"),
        ("(010) 12345678", "01012345678"),
        ("010-12345678", "01012345678"),
        ("０１０－１２３４５６７８", "01012345678"),  # full-width digits
        ("１３８００１３８０００", "13800138000"),
        # A Chinese number with its country code is stored as dialled inside China.
        ("+86 10 1234 5678", "01012345678"),
        ("+86 (10) 1234-5678", "01012345678"),
        ("0086-10-12345678", "01012345678"),
        ("+86 138 0013 8000", "13800138000"),
        ("＋86 138 0000 0000", "13800000000"),  # a full-width plus
        ("+86 400 123 4567", "4001234567"),
        ("+86 800 123 4567", "8001234567"),
        ("+86 571 8765 4321", "057187654321"),  # an area code without its 0
        # Too short to be a Chinese number after the code: left as typed.
        ("  +86 10 8888", "+86108888"),
        ("0086-10-8888", "0086108888"),
        # Other countries keep their code; tel: URIs and punctuation go.
        ("tel:+1 (555) 555-1111", "+15555551111"),
        ("tel:+1-555-555-5555", "+15555555555"),
        ("(111) 555-1111", "1115551111"),
        ("0044 20 7946 0000", "00442079460000"),
        ("8001", "8001"),
        ("ext. only", ""),
        ("+", ""),
        ("", ""),
    ],
)
def test_normalize_number(typed: str, stored: str) -> None:
    assert normalize_number(typed) == stored


def test_the_contact_book_uses_the_same_rule() -> None:
    from secdesk.office.contacts import book as contacts

    assert contacts.normalize_number is normalize_number
