"""What a form suggests while typing: contacts, organisations, what was typed before."""

from __future__ import annotations

import pytest

from secdesk.services import lookups
from tests import factories as f

pytestmark = pytest.mark.both_engines


def test_contacts_suggest_and_fill_their_number_and_unit(session) -> None:  # noqa: ANN001
    cid = f.contact(session, "张三", [("010-6512 3456", "work")], "某市财政局")
    (found,) = lookups.suggest(session, "contacts", "zs")
    assert (found.value, found.shown) == ("张三", "张三 · 某市财政局 · 01065123456")
    assert found.fill == {"number": "01065123456", "organization": "某市财政局", "contact_id": cid}


def test_organisations_beginning_with_the_text_come_first(session) -> None:  # noqa: ANN001
    for org in ("某市财政局", "财政局办公室", "区教育局"):
        f.contact(session, f"人{org}", [], org)
    assert [s.value for s in lookups.suggest(session, "organizations", "财政")] == [
        "财政局办公室",
        "某市财政局",
    ]


def test_earlier_values_of_a_field_once_each(session) -> None:  # noqa: ANN001
    for sender in ("某市人民政府办公室", "某市人民政府办公室", "某区教育局"):
        f.document(session, sender=sender)
    found = lookups.suggest(session, "earlier:incoming.sender", "人民政府")
    assert [s.value for s in found] == ["某市人民政府办公室"]
    assert lookups.suggest(session, "earlier:incoming.sender", "  ") == []


def test_latin_letters_match_in_any_case_on_every_engine(session) -> None:  # noqa: ANN001
    """What a secretary types matches a name, unit or earlier value whatever the case of its
    Latin letters (SQLite's LIKE ignores it; PostgreSQL's would not)."""
    f.contact(session, "Zhang Wei", [("010-6512 3456", "work")], "IBM China")
    f.document(session, sender="WHO Beijing Office")
    assert [s.value for s in lookups.suggest(session, "contacts", "zhang")] == ["Zhang Wei"]
    assert [s.value for s in lookups.suggest(session, "contacts", "WEI")] == ["Zhang Wei"]
    assert [s.value for s in lookups.suggest(session, "organizations", "ibm")] == ["IBM China"]
    found = lookups.suggest(session, "earlier:incoming.sender", "who beijing")
    assert [s.value for s in found] == ["WHO Beijing Office"]
