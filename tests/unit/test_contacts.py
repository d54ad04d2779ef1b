"""The contact book service: look-ups, editing with an audit trail, duplicates, merging
(vCard files: test_contact_cards.py)."""

from __future__ import annotations

import json

import pytest
from sqlmodel import col, func, select

from secdesk.models import Call, Contact, ContactPhone, Event, Organization, Visit
from secdesk.office.contacts import book as contacts
from secdesk.office.contacts import lookup, merging
from secdesk.services import records
from secdesk.services.inputs import ContactInput
from secdesk.services.views import InvalidInput
from tests import factories
from tests import factories as f

pytestmark = pytest.mark.both_engines


def events(session, action: str | None = None, entity: str = "contact") -> list[Event]:  # noqa: ANN001
    query = select(Event).where(Event.entity == entity)
    if action:
        query = query.where(Event.action == action)
    return list(session.exec(query.order_by(col(Event.id))).all())


def count(session, model) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(model)).one()


def live_numbers(session, contact_id: int) -> list[tuple[str, str]]:  # noqa: ANN001
    rows = session.exec(
        select(ContactPhone)
        .where(ContactPhone.contact_id == contact_id, col(ContactPhone.deleted_at).is_(None))
        .order_by(col(ContactPhone.id))
    ).all()
    return [(p.number, p.label) for p in rows]


# ------------------------------------------------------------------ names


def test_initials() -> None:
    assert lookup.initials("张三") == "zs"
    assert lookup.initials("欧阳娜娜") == "oynn"


# ------------------------------------------------------------------ look-ups


def test_suggest_by_name_prefix_initials_and_number(session, book) -> None:  # noqa: ANN001
    assert [m.name for m in lookup.suggest(session, "张")] == ["张三"]
    match = lookup.suggest(session, "zs")[0]
    assert (match.name, match.organization, match.number, match.title) == (
        "张三",
        "某市财政局",
        "13800138000",
        "科长",
    )
    assert [m.name for m in lookup.suggest(session, "ZS")] == ["张三"]
    assert [m.name for m in lookup.suggest(session, "0101234")] == ["李四"]
    assert lookup.suggest(session, "   ") == []
    assert lookup.suggest(session, "%") == []


def test_by_number_however_it_is_typed(session, book) -> None:  # noqa: ANN001
    for typed in ("01012345678", "010-12345678", "(010) 1234 5678", "+86 10 1234 5678"):
        found = lookup.by_number(session, typed)
        assert found is not None and found.name == "李四", typed
        assert found.number == "01012345678"
    assert lookup.by_number(session, "+86 138 0013 8000").name == "张三"
    assert lookup.by_number(session, "13900000000") is None
    assert lookup.by_number(session, "12") is None


def test_list_contacts_filters_and_pages_in_sql(session, book) -> None:  # noqa: ANN001
    page = contacts.list_contacts(session)
    assert page.total == 3
    assert [r.values["name"] for r in page.rows] == ["李四", "王五", "张三"]  # pinyin: ls, ww, zs
    row = page.rows[0].values
    assert (row["organization"], row["numbers"], row["relation"]) == (
        "某市财政局",
        "01012345678",
        "other",
    )

    assert [r.values["name"] for r in contacts.list_contacts(session, "财政").rows] == [
        "李四",
        "张三",
    ]
    assert [r.values["name"] for r in contacts.list_contacts(session, "ww").rows] == ["王五"]
    assert [r.values["name"] for r in contacts.list_contacts(session, "8501").rows] == ["王五"]
    assert [r.values["name"] for r in contacts.list_contacts(session, "三").rows] == ["张三"]
    assert [
        r.values["name"] for r in contacts.list_contacts(session, relation="superior").rows
    ] == ["张三"]

    second = contacts.list_contacts(session, offset=1, limit=1)
    assert (second.total, second.offset, [r.values["name"] for r in second.rows]) == (
        3,
        1,
        ["王五"],
    )


def test_a_list_filter_matches_latin_letters_in_any_case(session) -> None:  # noqa: ANN001
    """The contact book and a record list filtered by "ibm" or "Zhang" find IBM China's
    Zhang Wei and his call, as they do typed in the case stored."""
    from secdesk.services.views import ListFilter

    f.contact(session, "Zhang Wei", [("010-6512 3456", "work")], "IBM China")
    f.call(session, f.local(2026, 11, 27, 9), caller="Zhang Wei", organization="IBM China")
    session.flush()
    for typed in ("ibm", "IBM", "zhang wei", "ZHANG"):
        assert [r.values["name"] for r in contacts.list_contacts(session, typed).rows] == [
            "Zhang Wei"
        ], typed
        calls = records.page(session, "call", ListFilter(text=typed)).rows
        assert [r.values["caller"] for r in calls] == ["Zhang Wei"], typed


# ------------------------------------------------------------------ editing


def test_add_contact_records_an_event_and_rejects_bad_input(session) -> None:  # noqa: ANN001
    cid = f.contact(session, " 赵六 ", [("138 0000 0001", "mobile"), ("13800000001", "")])
    assert live_numbers(session, cid) == [("13800000001", "mobile")]
    (event,) = events(session, "create")
    data = json.loads(event.data)
    assert event.entity_id == cid and data["name"] == "赵六"
    assert data["numbers"] == [["13800000001", "mobile"]]
    with pytest.raises(InvalidInput) as caught:
        f.contact(session, "  ")
    assert caught.value.field == "name"
    with pytest.raises(InvalidInput) as caught:
        f.contact(session, "某人", relation="boss")
    assert caught.value.field == "relation"


def test_get_and_update_contact_replaces_numbers(session, book) -> None:  # noqa: ANN001
    cid = book["张三"]
    data = contacts.get_input(session, cid)
    assert data == ContactInput(
        name="张三",
        organization="某市财政局",
        title="科长",
        relation="superior",
        numbers=[("13800138000", "mobile")],
        family_name="张",
        given_name="三",
    )
    data.name = "张三丰"
    data.organization = "某市审计局"
    data.numbers = [("0513-85099999", "work")]
    contacts.update_contact(session, cid, data)

    assert live_numbers(session, cid) == [("051385099999", "work")]
    removed = session.exec(select(ContactPhone).where(ContactPhone.number == "13800138000")).one()
    assert removed.deleted_at is not None  # soft: an undo can bring it back
    contact = session.get(Contact, cid)
    assert (contact.name, contact.initials) == ("张三丰", "zsf")
    assert (contact.family_name, contact.given_name) == ("张", "三丰")  # the parts follow
    assert session.get(Organization, contact.organization_id).name == "某市审计局"
    assert lookup.by_number(session, "13800138000") is None
    assert lookup.by_number(session, "0513 8509 9999").name == "张三丰"

    (event,) = events(session, "update")
    changes = json.loads(event.data)
    assert changes["name"] == ["张三", "张三丰"]
    assert changes["organization"] == ["某市财政局", "某市审计局"]
    assert changes["numbers"] == [[["13800138000", "mobile"]], [["051385099999", "work"]]]
    assert changes["given_name"] == ["三", "三丰"]
    assert "title" not in changes and "family_name" not in changes

    contacts.update_contact(session, cid, contacts.get_input(session, cid))
    assert len(events(session, "update")) == 1  # saving without changes leaves no Event


def test_name_parts_and_department(session) -> None:  # noqa: ANN001
    """A name typed in the desk is filed under its family name; parts given are kept."""
    typed = f.contact(session, "欧阳修", [], "某市人民政府办公室", department="秘书一科")
    data = contacts.get_input(session, typed)
    assert (data.family_name, data.given_name, data.department) == ("欧阳", "修", "秘书一科")
    western = f.contact(session, "Mr. John Doe Sr.")
    got = contacts.get_input(session, western)
    assert (got.name_prefix, got.given_name, got.family_name, got.name_suffix) == (
        "Mr.",
        "John",
        "Doe",
        "Sr.",
    )
    card = f.contact(
        session, "Johnny", family_name="Doe", given_name="John", middle_name="Richter,James"
    )
    got = contacts.get_input(session, card)
    assert (got.family_name, got.given_name, got.middle_name) == ("Doe", "John", "Richter,James")
    unit = f.contact(session, "某市财政局", [("010-12345678", "")], "某市财政局")
    got = contacts.get_input(session, unit)  # a switchboard entry is not a person
    assert (got.family_name, got.given_name) == ("", "")

    # Edited parts are kept; so are the parts of an edit that leaves the name alone.
    got.given_name = "总机"
    contacts.update_contact(session, unit, got)
    assert contacts.get_input(session, unit).given_name == "总机"
    data = contacts.get_input(session, card)
    data.title = "Accountant"
    contacts.update_contact(session, card, data)
    assert contacts.get_input(session, card).middle_name == "Richter,James"
    # A new name with new parts keeps the new parts.
    data = contacts.get_input(session, typed)
    data.name, data.family_name, data.given_name = "司马光", "司马", "光"
    data.department = ""
    contacts.update_contact(session, typed, data)
    got = contacts.get_input(session, typed)
    assert (got.family_name, got.given_name, got.department) == ("司马", "光", "")
    changes = json.loads(events(session, "update")[-1].data)
    assert changes["department"] == ["秘书一科", ""]


def test_update_keeps_a_number_and_changes_its_label(session, book) -> None:  # noqa: ANN001
    cid = book["李四"]
    data = contacts.get_input(session, cid)
    data.numbers = [("01012345678", "fax"), ("13900000000", "mobile")]
    contacts.update_contact(session, cid, data)
    assert live_numbers(session, cid) == [("01012345678", "fax"), ("13900000000", "mobile")]
    assert count(session, ContactPhone) == 4  # the kept number was not deleted and re-added


def test_delete_and_restore_contact(session, book) -> None:  # noqa: ANN001
    cid = book["王五"]
    records.delete(session, "contact", cid)
    assert lookup.by_number(session, "051385012345") is None
    assert contacts.list_contacts(session).total == 2
    assert lookup.suggest(session, "王") == []
    with pytest.raises(LookupError):
        contacts.get_input(session, cid)
    with pytest.raises(LookupError):
        records.delete(session, "contact", cid)

    records.restore(session, "contact", cid)
    assert lookup.by_number(session, "051385012345").name == "王五"
    assert contacts.list_contacts(session).total == 3
    assert [e.action for e in events(session) if e.entity_id == cid] == [
        "create",
        "delete",
        "restore",
    ]


# ------------------------------------------------------------------ duplicates and merging


def test_find_duplicates(session, book) -> None:  # noqa: ANN001
    same_org = f.contact(session, "张三", [("13911111111", "")], "某市财政局")
    no_org = f.contact(session, "张 三", [])
    f.contact(session, "李四", [], "别的单位")  # a namesake elsewhere
    shares = f.contact(session, "小王", [("0513-8501-2345", "")])
    for i in range(4):  # a switchboard shared by four colleagues is no duplicate hint
        f.contact(session, f"同事{i}", [("0513-80000000", "work")])
    gone = f.contact(session, "张三", [])
    records.delete(session, "contact", gone)

    pairs = {(a.id, b.id) for a, b in merging.find_duplicates(session)}
    zhang = book["张三"]
    assert pairs == {
        (zhang, same_org),
        (zhang, no_org),
        (same_org, no_org),
        (book["王五"], shares),
    }
    first = merging.find_duplicates(session, limit=1)
    assert len(first) == 1 and first[0][0].name == "张三"


def test_merge_moves_numbers_fills_fields_and_relinks_calls(session, book) -> None:  # noqa: ANN001
    keep = f.contact(session, "张三", [("13800138000", "mobile")])
    other = book["张三"]
    contacts.update_contact(
        session,
        other,
        ContactInput(
            name="张三",
            organization="某市财政局",
            title="科长",
            relation="superior",
            numbers=[("138 0013 8000", "work"), ("0513-85011111", "work")],
            email="zs@example.cn",
        ),
    )
    call = factories.call(session, factories.local(2026, 11, 20), contact_id=other)
    visit = factories.visit(session, factories.local(2026, 11, 20), contact_id=other)

    merging.merge_contacts(session, keep, other)

    assert live_numbers(session, keep) == [("13800138000", "mobile"), ("051385011111", "work")]
    merged = contacts.get_input(session, keep)
    assert (merged.organization, merged.title, merged.relation, merged.email) == (
        "某市财政局",
        "科长",
        "superior",
        "zs@example.cn",
    )
    session.refresh(call)
    session.refresh(visit)
    assert call.contact_id == keep and visit.contact_id == keep
    assert session.get(Contact, other).deleted_at is not None
    assert lookup.by_number(session, "0513 8501 1111").id == keep
    (event,) = events(session, "merge")
    data = json.loads(event.data)
    assert event.entity_id == keep
    assert (data["merged"], data["calls"], data["visits"]) == (other, [call.id], [visit.id])
    assert data["numbers"] == [["051385011111", "work"]]
    assert merging.find_duplicates(session) == []

    with pytest.raises(ValueError):
        merging.merge_contacts(session, keep, keep)
    with pytest.raises(LookupError):
        merging.merge_contacts(session, keep, other)
    assert session.exec(select(func.count()).select_from(Visit)).one() == 1
    assert session.exec(select(func.count()).select_from(Call)).one() == 1
