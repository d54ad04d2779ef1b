"""The demo's contact book (通讯录): the units, and some 300 people in them, each with a
relation to the office and one to three telephone numbers.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

from datetime import time
from itertools import accumulate

from secdesk.demo.office import DemoOffice, Row, stamped
from secdesk.demo.people import (
    COLLEAGUE_RANKS,
    COLLEAGUE_SECTIONS,
    FAMILY_RELATIONS,
    GIVEN_DOUBLE,
    LEADER_TITLES,
    OTHER_AREA_CODES,
    SURNAMES,
    Person,
    initials,
    landline,
    mobile,
    shown_landline,
    spelled,
    titles_for,
)
from secdesk.demo.units import DOCUMENT_CODES, ORGANIZATIONS, RELATION_UNIT_KINDS, STREETS, Unit
from secdesk.demo.words import ISSUES

#: Contacts per relation (about 300 in all).
CONTACTS_PER_RELATION = {
    "leader": 8,
    "colleague": 40,
    "department": 55,
    "superior": 55,
    "grassroots": 90,
    "family": 10,
    "other": 50,
}


def organizations(office: DemoOffice) -> list[Row]:
    """The units, each with a landline and an address; the issuing ones note their code."""
    rng = office.rng
    created = office.utc(office.start, time(9, 0))
    rows = []
    for i, (name, short, kind) in enumerate(ORGANIZATIONS, start=1):
        codes = DOCUMENT_CODES.get(short)
        office.units.append(Unit(i, name, short, kind, codes))
        if kind == "department":
            office.department_names.append(short)
        street = rng.choice(STREETS)
        rows.append(
            {
                "id": i,
                "name": name,
                "short_name": short,
                "phone": shown_landline(landline(rng)),
                "address": f"{'某市' if name.startswith('某市') else '某市某区'}"
                f"{street}{rng.randint(1, 399)}号",
                "notes": "" if codes is None else f"机关代字：{codes[0]}",
                **stamped(created),
            }
        )
    return rows


def contacts(office: DemoOffice) -> tuple[list[Row], list[Row]]:
    """The people, by relation (leaders first: the family notes name them), and their
    telephone numbers."""
    rng = office.rng
    created = office.utc(office.start, time(9, 30))
    contacts: list[Row] = []
    phones: list[Row] = []
    surnames = iter(rng.sample(SURNAMES[:30], len(LEADER_TITLES)))
    government, own_office = office.units[0], office.units[1]
    for relation, count in CONTACTS_PER_RELATION.items():
        for i in range(count):
            person_id = len(contacts) + 1
            unit: Unit | None
            if relation == "leader":
                title, address = LEADER_TITLES[i % len(LEADER_TITLES)]
                surname = next(surnames)
                name = surname + rng.choice(GIVEN_DOUBLE)
                office.names.add(name)
                unit = government if "区长" in title else own_office
                person = Person(person_id, name, relation, unit.name, address=surname + address)
                office.leaders.append(person)
            else:
                name = office.contact_name()
                unit, title = _place(office, relation, i)
                person = Person(person_id, name, relation, unit.name if unit else "")
            notes = ""
            if relation == "family":
                leader = office.leaders[i % len(office.leaders)]
                notes = f"{leader.address}{rng.choice(FAMILY_RELATIONS)}"
            elif relation == "grassroots" and unit is None:
                notes = f"群众，曾来电反映{rng.choice(ISSUES)}问题"
            contacts.append(
                {
                    "id": person_id,
                    "name": name,
                    "initials": initials(name),
                    "organization_id": unit.id if unit else None,
                    "title": title,
                    "relation": relation,
                    "email": _email(office, name, relation),
                    "notes": notes,
                    **stamped(created),
                }
            )
            for number, label in _phone_numbers(office, relation, unit is not None):
                person.numbers.append(number)
                phones.append(
                    {
                        "id": len(phones) + 1,
                        "contact_id": person_id,
                        "number": number,
                        "label": label,
                        **stamped(created),
                    }
                )
            office.people.append(person)
            office.people_weights.append(
                {"leader": 6, "colleague": 3, "department": 3, "superior": 3}.get(relation, 1)
            )
    office.people_weights = list(accumulate(office.people_weights))
    return contacts, phones


def _place(office: DemoOffice, relation: str, index: int) -> tuple[Unit | None, str]:
    """The unit and title of a contact of ``relation``."""
    rng = office.rng
    if relation == "colleague":
        section = COLLEAGUE_SECTIONS[index % len(COLLEAGUE_SECTIONS)]
        return office.units[1], section + rng.choice(COLLEAGUE_RANKS)
    if relation == "family" or (relation == "grassroots" and index % 6 == 0):
        return None, ""
    if relation == "other" and index % 10 == 0:
        return None, rng.choice(("驾驶员", "律师", "个体工商户"))
    kinds = RELATION_UNIT_KINDS[relation]
    unit = rng.choice(office.units_of(*kinds))
    return unit, rng.choice(titles_for(unit.name))


def _email(office: DemoOffice, name: str, relation: str) -> str:
    if relation in ("leader", "family") or office.rng.random() < 0.6:
        return ""
    domain = office.rng.choice(("163.com", "qq.com", "126.com", "mx.gov.cn"))
    return f"{spelled(name)}{office.rng.randint(1, 99)}@{domain}"


def _phone_numbers(office: DemoOffice, relation: str, has_unit: bool) -> list[tuple[str, str]]:
    """One to three numbers: a mobile, then perhaps a work line, a fax or a home line."""
    rng = office.rng
    numbers = [(mobile(rng), "mobile")]
    if has_unit and rng.random() < 0.7:
        numbers.append((landline(rng), "work"))
        if rng.random() < 0.15:
            numbers.append((landline(rng), "fax"))
    elif relation == "family" and rng.random() < 0.5:
        numbers.append((landline(rng), "home"))
    elif relation == "other" and rng.random() < 0.3:
        numbers.append((landline(rng, rng.choice(OTHER_AREA_CODES)), "work"))
    if len(numbers) == 1 and rng.random() < 0.15:
        numbers.append((mobile(rng), "mobile"))
    return numbers
