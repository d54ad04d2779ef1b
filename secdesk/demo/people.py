"""The demo office's people: names, titles, telephone numbers and ID numbers made up.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from secdesk.demo.words import words

#: Common surnames, most common first (no surname with a second reading, e.g. 曾 单).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓彭曹"
    "田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦"
    "付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤"
)
GIVEN_SINGLE = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚英华玲斌鹏辉燕红梅琳颖"
GIVEN_DOUBLE = words(
    """
    建国 建华 志强 志刚 秀英 海燕 丽华 文博 子涵 思远 晓东 晓燕 俊杰 雨婷 家豪 欣怡 国庆
    红梅 春华 永刚 玉兰 卫东 振华 立新 金凤 文静 浩然 婉清 明辉 少华 宏伟 凤英 德明 淑珍
    晓明 海涛 雪梅 建军 艳红 志明 子轩 梓涵 一鸣 嘉怡 文涛 慧敏 国栋 秋菊
    """
)

#: (title, how the office addresses its holder after the surname) for the leaders.
LEADER_TITLES = (
    ("区长", "区长"),
    ("常务副区长", "区长"),
    ("副区长", "区长"),
    ("副区长", "区长"),
    ("副区长", "区长"),
    ("区政府办公室主任", "主任"),
    ("区政府办公室副主任", "主任"),
    ("区政府办公室副主任", "主任"),
)
COLLEAGUE_SECTIONS = ("秘书科", "综合科", "督查科", "信息科", "机要室", "行政科", "财务科")
COLLEAGUE_RANKS = ("科长", "副科长", "一级主任科员", "四级主任科员", "科员", "科员", "办事员")
FAMILY_RELATIONS = ("爱人", "女儿", "儿子", "母亲", "父亲")

#: Titles by the kind of unit, matched on the end of its name.
TITLES_BY_SUFFIX = (
    ("街道办事处", ("主任", "副主任", "党工委书记", "党政办主任", "科员")),
    ("镇人民政府", ("镇长", "副镇长", "党委书记", "党政办主任", "科员")),
    ("居民委员会", ("书记", "主任", "网格员")),
    ("中学", ("校长", "副校长", "办公室主任", "教师")),
    ("小学", ("校长", "副校长", "办公室主任", "教师")),
    ("医院", ("院长", "副院长", "办公室主任", "医务科科长")),
    ("公司", ("总经理", "副总经理", "办公室主任", "客户经理", "维修师傅")),
    ("报社", ("记者", "编辑", "主任")),
    ("中心", ("主任", "副主任", "工作人员", "记者")),
    ("宾馆", ("经理", "前台")),
    ("市人民政府办公室", ("秘书长", "副秘书长", "秘书科科长", "督查科科长", "科员")),
    ("办公室", ("主任", "副主任", "秘书科科长", "科员")),
)
OFFICIAL_TITLES = ("局长", "副局长", "办公室主任", "办公室副主任", "科长", "副科长", "科员")

AREA_CODE = "0513"
OTHER_AREA_CODES = ("010", "021", "025", "0512", "0516")


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def landline(rng: random.Random, area: str = AREA_CODE) -> str:
    """Digits only: area code and an eight-digit local number."""
    return f"{area}{rng.choice('68')}{rng.randrange(10**7):07d}"


def shown_landline(number: str) -> str:
    """0513-85012345 as people write it."""
    return f"{number[:-8]}-{number[-8:]}"


def resident_id(rng: random.Random, born: date) -> str:
    """A well-formed 18-character resident ID (GB 11643 check digit) for a made-up person."""
    body = f"320{rng.randint(601, 699)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    factors = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * f for d, f in zip(body, factors, strict=True))
    return body + "10X98765432"[total % 11]


def initials(name: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


def spelled(name: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name))


def titles_for(unit: str) -> Sequence[str]:
    for suffix, titles in TITLES_BY_SUFFIX:
        if unit.endswith(suffix):
            return titles
    return OFFICIAL_TITLES


@dataclass
class Person:
    """A contact as the generators need it."""

    id: int
    """The contact's row id."""
    name: str
    relation: str
    """The contact's relation: leader, colleague, department, superior, grassroots..."""
    unit: str
    """The full name of the contact's unit, or empty."""
    numbers: list[str] = field(default_factory=list)
    """The contact's numbers, the mobile first."""
    address: str = ""
    """How the office refers to a leader: 王区长."""
