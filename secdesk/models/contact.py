"""Wing: models. Must not import db, io, kinds, services, office or anything above them.

通讯录: people and units.
"""

from __future__ import annotations

from enum import StrEnum

from sqlmodel import Field

from secdesk.models.base import Imported, Record


class Relation(StrEnum):
    """The six relations of the office (and other)."""

    leader = "leader"
    colleague = "colleague"
    superior = "superior"
    department = "department"
    grassroots = "grassroots"
    family = "family"
    other = "other"


class Organization(Record, table=True):
    """A unit: a department of our own organ, a superior body, a company, a school."""

    name: str = Field(index=True)
    """Full name, e.g. 某市财政局."""
    short_name: str = ""
    """Short name or 机关代字, e.g. 市财政局."""
    phone: str = ""
    address: str = ""
    notes: str = ""


class Contact(Imported, table=True):
    """A person in the contact book."""

    name: str = Field(index=True)
    initials: str = Field(default="", index=True)
    """Pinyin initials of the name (张三 -> zs), for quick search."""
    organization_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    family_name: str = ""
    """The structured name (vCard ``N``): family name, e.g. 张 or Doe."""
    given_name: str = ""
    middle_name: str = ""
    """vCard's "additional names"."""
    name_prefix: str = ""
    """Honorific prefixes, e.g. Mr."""
    name_suffix: str = ""
    """Honorific suffixes, e.g. Sr."""
    department: str = ""
    """The unit inside the organisation (vCard ``ORG``'s later parts), e.g. 办公室."""
    title: str = ""
    """职务, e.g. 办公室主任."""
    relation: str = Field(default=Relation.other)
    """One of ``Relation``."""
    email: str = ""
    notes: str = ""


class ContactPhone(Record, table=True):
    """One of a contact's phone numbers (a person may have several)."""

    contact_id: int = Field(foreign_key="contact.id", index=True)
    number: str = Field(index=True)
    """Digits only (and a leading +), so lookups match however it was typed."""
    label: str = ""
    """work, mobile, home, fax... as the user or the vCard called it."""
