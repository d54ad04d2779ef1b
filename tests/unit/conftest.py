"""Fixtures shared by the service tests."""

from __future__ import annotations

import pytest

from tests import factories as f


@pytest.fixture
def book(session):  # noqa: ANN001, ANN201
    """A small contact book: 张三 and 李四 at the finance bureau, 王五 at home."""
    ids = {
        "张三": f.contact(
            session,
            "张三",
            [("138-0013-8000", "mobile")],
            "某市财政局",
            title="科长",
            relation="superior",
        ),
        "李四": f.contact(session, "李四", [("010-1234 5678", "work")], "某市财政局"),
        "王五": f.contact(session, "王五", [("0513 8501 2345", "home")]),
    }
    session.flush()
    return ids
