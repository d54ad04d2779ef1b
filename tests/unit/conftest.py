"""Fixtures shared by the service tests."""

from __future__ import annotations

import pytest

from secdesk.services import contacts


@pytest.fixture
def book(session):  # noqa: ANN001, ANN201
    """A small contact book: 张三 and 李四 at the finance bureau, 王五 at home."""
    ids = {
        "张三": contacts.add_contact(
            session, "张三", [("138-0013-8000", "mobile")], "某市财政局", "科长", "superior"
        ),
        "李四": contacts.add_contact(session, "李四", [("010-1234 5678", "work")], "某市财政局"),
        "王五": contacts.add_contact(session, "王五", [("0513 8501 2345", "home")]),
    }
    session.flush()
    return ids
