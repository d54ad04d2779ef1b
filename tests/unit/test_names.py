"""People's names: how a name typed in the desk is filed (family name, given name...),
and what a card with only the parts is called."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secdesk.office.contacts.names import NameParts, display_name, is_cjk, parts_for, split_name


@pytest.mark.parametrize(
    ("typed", "family", "given"),
    [
        ("张三", "张", "三"),
        ("王主任", "王", "主任"),  # how offices file people: surname + title
        ("李小龙", "李", "小龙"),
        ("欧阳修", "欧阳", "修"),
        ("司马相如", "司马", "相如"),
        ("诸葛亮", "诸葛", "亮"),
        ("上官婉儿", "上官", "婉儿"),
        ("东方朔", "东方", "朔"),
        ("皇甫谧", "皇甫", "谧"),
        ("尉迟恭", "尉迟", "恭"),
        ("公孙胜", "公孙", "胜"),
        ("慕容复", "慕容", "复"),
        ("长孙无忌", "长孙", "无忌"),
        ("宇文泰", "宇文", "泰"),
        ("司徒雷登", "司徒", "雷登"),
        ("夏侯惇", "夏侯", "惇"),
        ("轩辕剑", "轩辕", "剑"),
        ("令狐冲", "令狐", "冲"),
        ("钟离权", "钟离", "权"),
        ("端木蕻良", "端木", "蕻良"),
        ("百里奚", "百里", "奚"),
        ("呼延灼", "呼延", "灼"),
        ("歐陽修", "歐陽", "修"),  # traditional characters
        ("欧阳", "欧阳", ""),  # the surname alone
        ("张", "张", ""),
        ("张 三", "张", "三"),  # typed with a space
        ("  张三  ", "张", "三"),
        ("安藤 ロイド", "安藤", "ロイド"),
        ("김철수", "김", "철수"),
        ("John Doe", "Doe", "John"),
        ("Doe, John", "Doe", "John"),
        ("Vincent van Gogh", "van Gogh", "Vincent"),
        ("Ludwig van der Berg", "van der Berg", "Ludwig"),
        ("Allen Zhu", "Zhu", "Allen"),
    ],
)
def test_family_and_given_name(typed: str, family: str, given: str) -> None:
    parts = split_name(typed)
    assert (parts.family_name, parts.given_name) == (family, given)
    assert (parts.middle_name, parts.name_prefix, parts.name_suffix) == ("", "", "")


def test_a_single_western_word_is_the_given_name() -> None:
    """Phones file "Cher" under her first name, and so does the desk."""
    assert split_name("Cher") == NameParts(given_name="Cher")
    assert split_name("Allen朱啸虎") == NameParts(given_name="Allen朱啸虎")


def test_honorifics_and_middle_names() -> None:
    assert split_name("Mr. John Doe Sr.") == NameParts("Doe", "John", "", "Mr.", "Sr.")
    assert split_name("Dr. Jane Q. Public PhD") == NameParts("Public", "Jane", "Q.", "Dr.", "PhD")
    assert split_name("John Ronald Reuel Tolkien") == NameParts(
        "Tolkien", "John", "Ronald Reuel", "", ""
    )
    assert split_name("John Doe, Jr.") == NameParts("Doe", "John", "", "", "Jr.")
    assert split_name("Doe, Mr. John Q., III") == NameParts("Doe", "John", "Q.", "Mr.", "III")
    # An honorific alone is still somebody's name, not an empty one.
    assert split_name("Dr.") == NameParts(given_name="Dr.")
    assert split_name("Van Morrison") == NameParts("Morrison", "Van")  # capitalised: a name


def test_a_name_with_an_at_sign_is_still_a_name() -> None:
    assert split_name("张0[@click=app.quit]x") == NameParts("张", "0[@click=app.quit]x")
    assert split_name("Tom @ Home") == NameParts("Home", "Tom", "@")


def test_names_with_a_middle_dot_are_not_split() -> None:
    """Which side of the dot is the family name depends on where the name comes from."""
    assert split_name("爱新觉罗·溥仪") == NameParts(given_name="爱新觉罗·溥仪")
    assert split_name("约翰·史密斯") == NameParts(given_name="约翰·史密斯")


@pytest.mark.parametrize(
    "typed", ["", "   ", "010-12345678", "+86 138 0013 8000", "zs@example.gov.cn", "a.b+c@x-y.com"]
)
def test_numbers_and_addresses_are_not_names(typed: str) -> None:
    assert split_name(typed) == NameParts()


def test_display_name_from_parts() -> None:
    assert display_name(NameParts("张", "三")) == "张三"
    assert display_name(NameParts("欧阳", "修")) == "欧阳修"
    assert display_name(NameParts("欧阳")) == "欧阳"
    assert display_name(NameParts("", "Allen朱啸虎")) == "Allen朱啸虎"
    assert display_name(NameParts("Smith", "John", "", "Dr.")) == "John Smith"
    assert display_name(NameParts("Doe", "John", "Richter,James", "Mr.", "Sr.")) == (
        "John Richter,James Doe"
    )
    assert display_name(NameParts("", "Cher")) == "Cher"
    assert display_name(NameParts(" Doe ", " John ")) == "John Doe"
    assert display_name(NameParts("", "", "", "Dr.", "")) == ""


@given(st.text(st.characters(categories=("Lo",)), min_size=1, max_size=4))
def test_a_split_chinese_name_shows_as_typed(name: str) -> None:
    if is_cjk(name[0]):
        assert display_name(split_name(name)) == name


def test_parts_for_a_contact() -> None:
    typed = NameParts("Doe", "John", "", "Mr.", "Sr.")
    assert parts_for("Mr. John Doe Sr.", typed, "IBM") == typed  # given parts are kept
    assert parts_for("x", NameParts(" Doe ", "John")) == NameParts("Doe", "John")
    assert parts_for("张三", NameParts(), "某市财政局") == NameParts("张", "三")
    # A unit filed under its own name (a switchboard, a company card) is not a person.
    assert parts_for("某市财政局", NameParts(), "某市财政局") == NameParts()
    assert parts_for(" IBM ", organization="IBM") == NameParts()
    assert parts_for("", NameParts()) == NameParts()


def test_is_cjk() -> None:
    assert is_cjk("张三") and is_cjk("ロイド") and is_cjk("김") and is_cjk("x𠀀")
    assert not is_cjk("John Doe") and not is_cjk("Ñ") and not is_cjk("")
