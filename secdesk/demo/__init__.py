"""A demo office: a new database file filled with years of plausible records.

The office is the general office of a district government (某区人民政府办公室): its
leaders, colleagues, the district's departments, the city's bodies above it, streets,
towns, schools and companies below and around it. Records run from ``years`` years ago
up to ``today`` (local time), with meetings booked for the coming four weeks, and today
looks like a working day in progress: calls so far, visitors in the building, documents
and supervision items waiting.

Everything comes from one ``random.Random(seed)``, so the same seed and day give the
same file. Rows are written with SQLAlchemy Core in large batches, ids included, rather than
through the services: ten years of an office is some 150,000 records, which the services
(one ORM object, one audit Event and one validation each) write in minutes, and Core in
seconds. The models' pydantic defaults do not run there, so every column is filled here
explicitly; tests/unit/test_demo.py checks that the rows of every kind the desk enters
pass that kind's service validation, so the demo never shows what the desk would refuse.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import accumulate
from pathlib import Path
from typing import Any

from secdesk.calendar import clock
from secdesk.calendar.workdays import is_workday
from secdesk.models import (
    ArchiveEntry,
    Call,
    ChecklistItem,
    Circulation,
    Contact,
    ContactPhone,
    Event,
    IncomingDocument,
    InfoReport,
    Investigation,
    Meeting,
    Organization,
    OutgoingDocument,
    Petition,
    SupervisionItem,
    Task,
    Visit,
)
from secdesk.models.document import CLOSED_INCOMING, IncomingStatus, OutgoingStatus

Row = dict[str, Any]


def _words(text: str) -> tuple[str, ...]:
    """A word list written as words separated by white space."""
    return tuple(text.split())


# --------------------------------------------------------------------------- scale

CALLS_PER_YEAR = 10_000
DOCUMENTS_PER_YEAR = 3_000
OUTGOING_PER_YEAR = 600
MEETINGS_PER_YEAR = 500
SUPERVISION_PER_YEAR = 1_000
VISITS_PER_YEAR = 2_500
TASKS_PER_YEAR = 300
PETITIONS_PER_YEAR = 200
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
BATCH = 5_000
#: Share of a working day's volume on a weekend or holiday (duty calls, urgent files).
OFF_DAY_WEIGHT = 0.04

TASK_TEMPLATES = (
    "起草{topic}工作汇报材料",
    "整理{topic}相关文件报领导阅示",
    "通知各科室报送{topic}情况",
    "准备{topic}专题会议材料",
    "收集{topic}工作数据",
    "联系相关单位核实{topic}进展",
)
PETITION_TEMPLATES = (
    "反映{place}附近{issue}问题，请求尽快处理",
    "对{issue}有意见，希望{place}给予答复",
    "咨询{issue}相关政策",
    "建议{place}加强{issue}管理",
)

# --------------------------------------------------------------------------- people

#: Common surnames, most common first (no surname with a second reading, e.g. 曾 单).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓彭曹"
    "田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦"
    "付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤"
)
GIVEN_SINGLE = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚英华玲斌鹏辉燕红梅琳颖"
GIVEN_DOUBLE = _words(
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

# --------------------------------------------------------------------------- units

AREA_CODE = "0513"
OTHER_AREA_CODES = ("010", "021", "025", "0512", "0516")
STREETS = ("人民路", "解放路", "中山路", "建设大道", "文化路", "新华街", "和平路", "滨河路")

#: (full name, short name, kind, (发 code, 函 code) or None). Codes make doc numbers.
ORGANIZATIONS: tuple[tuple[str, str, str, tuple[str, str] | None], ...] = (
    ("某区人民政府", "区政府", "own", ("某区政发", "某区政函")),
    ("某区人民政府办公室", "区政府办", "own", ("某区政办发", "某区政办函")),
    ("中共某市委办公室", "市委办", "superior", ("某办发", "某办函")),
    ("某市人民政府", "市政府", "superior", ("某府发", "某府函")),
    ("某市人民政府办公室", "市政府办", "superior", ("某府办发", "某府办函")),
    ("中共某区委办公室", "区委办", "superior", ("某区委办发", "某区委办函")),
    ("某市发展和改革委员会", "市发改委", "superior", ("某发改发", "某发改函")),
    ("某市财政局", "市财政局", "superior", ("某财预", "某财办")),
    ("某市教育局", "市教育局", "superior", ("某教发", "某教函")),
    ("某市应急管理局", "市应急局", "superior", ("某应急发", "某应急函")),
    ("某市人力资源和社会保障局", "市人社局", "superior", ("某人社发", "某人社函")),
    ("某市生态环境局", "市生态环境局", "superior", ("某环发", "某环函")),
    ("某市卫生健康委员会", "市卫健委", "superior", ("某卫健发", "某卫健函")),
    ("某市住房和城乡建设局", "市住建局", "superior", ("某建发", "某建函")),
    ("某市市场监督管理局", "市市场监管局", "superior", ("某市监发", "某市监函")),
    ("某市公安局", "市公安局", "superior", ("某公发", "某公函")),
    ("某市统计局", "市统计局", "superior", ("某统发", "某统函")),
    ("某市国家保密局", "市保密局", "superior", ("某保发", "某保函")),
    ("某市档案局", "市档案局", "superior", ("某档发", "某档函")),
    ("某市信访局", "市信访局", "superior", ("某信发", "某信函")),
    ("某市审计局", "市审计局", "superior", ("某审发", "某审函")),
    ("某区发展和改革局", "区发改局", "department", ("某区发改", "某区发改函")),
    ("某区教育局", "区教育局", "department", ("某区教发", "某区教函")),
    ("某区科学技术局", "区科技局", "department", ("某区科发", "某区科函")),
    ("某区工业和信息化局", "区工信局", "department", ("某区工信发", "某区工信函")),
    ("某市公安局某区分局", "区公安分局", "department", ("某区公发", "某区公函")),
    ("某区民政局", "区民政局", "department", ("某区民发", "某区民函")),
    ("某区司法局", "区司法局", "department", ("某区司发", "某区司函")),
    ("某区财政局", "区财政局", "department", ("某区财发", "某区财函")),
    ("某区人力资源和社会保障局", "区人社局", "department", ("某区人社发", "某区人社函")),
    ("某区自然资源和规划分局", "区自然资源分局", "department", ("某区自然资发", "某区自然资函")),
    ("某区住房和城乡建设局", "区住建局", "department", ("某区建发", "某区建函")),
    ("某区交通运输局", "区交通局", "department", ("某区交发", "某区交函")),
    ("某区农业农村局", "区农业农村局", "department", ("某区农发", "某区农函")),
    ("某区商务局", "区商务局", "department", ("某区商发", "某区商函")),
    ("某区文化和旅游局", "区文旅局", "department", ("某区文旅发", "某区文旅函")),
    ("某区卫生健康局", "区卫健局", "department", ("某区卫健发", "某区卫健函")),
    ("某区退役军人事务局", "区退役军人局", "department", ("某区退役发", "某区退役函")),
    ("某区应急管理局", "区应急局", "department", ("某区应急发", "某区应急函")),
    ("某区审计局", "区审计局", "department", ("某区审发", "某区审函")),
    ("某区市场监督管理局", "区市场监管局", "department", ("某区市监发", "某区市监函")),
    ("某区统计局", "区统计局", "department", ("某区统发", "某区统函")),
    ("某区医疗保障局", "区医保局", "department", ("某区医保发", "某区医保函")),
    ("某区城市管理局", "区城管局", "department", ("某区城管发", "某区城管函")),
    ("某区信访局", "区信访局", "department", ("某区信发", "某区信函")),
    ("某区机关事务管理中心", "区机关事务中心", "department", None),
    ("某区档案馆", "区档案馆", "department", ("某区档发", "某区档函")),
    ("某区数据资源管理局", "区数据局", "department", ("某区数据发", "某区数据函")),
    ("东城街道办事处", "东城街道", "grassroots", ("东街发", "东街函")),
    ("西湖街道办事处", "西湖街道", "grassroots", ("西街发", "西街函")),
    ("南山街道办事处", "南山街道", "grassroots", ("南街发", "南街函")),
    ("北关街道办事处", "北关街道", "grassroots", ("北街发", "北街函")),
    ("新华街道办事处", "新华街道", "grassroots", ("新街发", "新街函")),
    ("青山镇人民政府", "青山镇", "grassroots", ("青政发", "青政函")),
    ("白沙镇人民政府", "白沙镇", "grassroots", ("白政发", "白政函")),
    ("柳溪镇人民政府", "柳溪镇", "grassroots", ("柳政发", "柳政函")),
    ("东城街道幸福里社区居民委员会", "幸福里社区", "grassroots", None),
    ("西湖街道湖滨社区居民委员会", "湖滨社区", "grassroots", None),
    ("南山街道桃园社区居民委员会", "桃园社区", "grassroots", None),
    ("新华街道光明社区居民委员会", "光明社区", "grassroots", None),
    ("某区实验中学", "实验中学", "grassroots", None),
    ("某区第一中学", "区一中", "grassroots", None),
    ("某区第二中学", "区二中", "grassroots", None),
    ("某区东城小学", "东城小学", "grassroots", None),
    ("某区育才小学", "育才小学", "grassroots", None),
    ("某区人民医院", "区人民医院", "grassroots", None),
    ("某区中医院", "区中医院", "grassroots", None),
    ("某市华信科技有限公司", "华信科技", "company", None),
    ("某市宏达建设工程有限公司", "宏达建设", "company", None),
    ("某市恒通物业管理有限公司", "恒通物业", "company", None),
    ("某市金桥会务服务有限公司", "金桥会务", "company", None),
    ("某市顺安保安服务有限公司", "顺安保安", "company", None),
    ("中国移动通信集团某市分公司", "某市移动", "company", None),
    ("中国电信股份有限公司某区分公司", "某区电信", "company", None),
    ("国网某区供电公司", "区供电公司", "company", None),
    ("某区自来水有限公司", "区自来水公司", "company", None),
    ("某市日报社", "某市日报", "other", None),
    ("某区融媒体中心", "区融媒体中心", "other", None),
    ("某区明德文印中心", "明德文印", "other", None),
    ("某区迎宾宾馆", "迎宾宾馆", "other", None),
)
#: Which units the contacts of each relation belong to.
RELATION_UNIT_KINDS = {
    "superior": ("superior",),
    "department": ("department",),
    "grassroots": ("grassroots",),
    "other": ("company", "other"),
}

# --------------------------------------------------------------------------- content

TOPICS = _words(
    """
    安全生产 政务公开 信访维稳 食品安全 消防安全 节能减排 乡村振兴 营商环境优化
    民生实事项目 招商引资 文明城市创建 保密管理 机关作风建设 统计数据质量 预算编制
    国有资产清查 校园安全 网络安全 巡察整改 审计整改 生态环境保护 老旧小区改造 养老服务
    河湖长制 耕地保护 安全隐患排查整治 重点项目建设 优化政务服务 数字政府建设 就业创业
    """
)
#: Topics that belong to the season (by month).
SEASONAL_TOPICS = {
    1: ("元旦春节期间安全稳定", "冬季安全生产", "春运"),
    2: ("春节期间值班值守", "冬季安全生产", "春季开学"),
    3: ("春季森林防火", "植树造林", "春季开学"),
    4: ("清明节期间森林防火", "春季森林防火"),
    5: ("防汛备汛", "“五一”假期安全"),
    6: ("防汛抗旱", "防溺水", "高考服务保障"),
    7: ("防汛抗旱", "防暑降温", "防溺水"),
    8: ("防汛抗旱", "防暑降温", "秋季开学"),
    9: ("秋季开学", "国庆节期间安全稳定"),
    10: ("秋冬季森林防火", "秋粮收购"),
    11: ("冬季安全生产", "冬季供暖保障"),
    12: ("冬季安全生产", "元旦春节期间安全稳定", "年度考核"),
}
REPORT_ITEMS = _words(
    """
    年度工作总结和下一年度工作计划 预算执行情况 安全生产工作情况 政务信息
    重点项目进展情况 人大代表建议办理情况 固定资产清查结果 统计报表 节假日值班安排
    整改落实情况 民生实事项目进展情况
    """
)
ISSUES = _words(
    """
    噪音扰民 路灯不亮 污水外溢 停车难 物业服务差 违章搭建 供暖不足 道路破损
    垃圾清运不及时 占道经营 电梯故障 拖欠工资
    """
)

#: 文种 with relative frequency in an organ's in-tray (命令 and 议案 never reach it).
DOC_TYPES = (
    ("通知", 40),
    ("函", 18),
    ("请示", 6),
    ("报告", 6),
    ("意见", 6),
    ("通报", 8),
    ("批复", 4),
    ("决定", 3),
    ("纪要", 5),
    ("通告", 1),
    ("公告", 1),
    ("公报", 1),
    ("决议", 1),
)
#: 文种 the office issues, with relative frequency: every one of the 15, 命令 and 议案 too.
OUTGOING_TYPES = (
    ("通知", 30),
    ("函", 20),
    ("报告", 10),
    ("请示", 8),
    ("批复", 8),
    ("意见", 5),
    ("通报", 5),
    ("纪要", 5),
    ("决定", 3),
    ("通告", 1),
    ("公告", 1),
    ("公报", 1),
    ("决议", 1),
    ("命令", 1),
    ("议案", 1),
)
#: The office's own 机关代字: documents, letters, and the district government's orders.
OUTGOING_PREFIXES = {
    "函": "某区政办函",
    "批复": "某区政办函",
    "命令": "某区政令",
    "议案": "某区政发",
}
OWN_PREFIX = "某区政办发"
OUTGOING_TITLES = {
    "命令": ("某区人民政府令：《{topic}管理办法》", "某区人民政府令：《{topic}实施细则》"),
    "议案": (
        "关于提请审议《{topic}条例（草案）》的议案",
        "关于提请审议{year}年{topic}专项资金安排的议案",
    ),
}
OUTGOING_RECIPIENTS = ("各街道办事处", "区政府各部门", "各镇人民政府、街道办事处", "区人大常委会")
OUTGOING_CC = ("区委办公室", "区人大常委会办公室", "区政协办公室", "")
#: Types that come up from lower units; the rest come down or across.
UPWARD_TYPES = {"请示", "报告"}
#: Types numbered with the sender's 函 code.
LETTER_TYPES = {"函", "批复"}
DOC_TITLES = {
    "通知": (
        "关于做好{year}年{topic}工作的通知",
        "关于开展{topic}专项检查的通知",
        "关于印发《{topic}工作方案》的通知",
        "关于召开全市{topic}工作会议的通知",
        "关于报送{year}年{item}的通知",
        "关于进一步做好{topic}工作的通知",
    ),
    "函": (
        "关于报送{item}的函",
        "关于征求《{topic}实施办法（征求意见稿）》意见的函",
        "关于商请协助做好{topic}工作的函",
        "关于核实{item}的函",
    ),
    "请示": (
        "关于申请{topic}专项经费的请示",
        "关于{topic}有关事项的请示",
        "关于调整{topic}工作安排的请示",
    ),
    "报告": (
        "关于{year}年{topic}工作情况的报告",
        "关于{topic}工作进展情况的报告",
        "关于{item}的报告",
    ),
    "意见": (
        "关于进一步加强{topic}工作的意见",
        "关于推进{topic}高质量发展的实施意见",
    ),
    "通报": (
        "关于{year}年{topic}检查情况的通报",
        "关于{topic}工作进展情况的通报",
        "关于表扬{year}年度{topic}工作先进单位的通报",
    ),
    "批复": ("关于同意{topic}有关事项的批复", "关于{item}的批复"),
    "决定": (
        "关于表彰{year}年度{topic}工作先进集体和先进个人的决定",
        "关于调整{topic}工作领导小组成员的决定",
    ),
    "纪要": ("{topic}工作专题会议纪要", "{topic}工作协调会议纪要"),
    "通告": ("关于{topic}期间加强安全管理的通告",),
    "公告": ("关于{topic}有关事项的公告",),
    "公报": ("{year}年{topic}工作情况公报",),
    "决议": ("关于{topic}工作的决议",),
}
PROPOSALS = (
    "拟请{leader}阅示。",
    "拟呈{leader}阅，转{unit}办理。",
    "拟送{unit}研办。",
    "拟请各位领导传阅。",
)
INSTRUCTIONS = (
    "同意。请{unit}抓紧落实，按时报送。",
    "请{unit}研究办理。",
    "阅。",
    "请各位领导传阅，{unit}牵头落实。",
)

MEETING_ROOMS = _words(
    """
    三楼会议室 第一会议室 第二会议室 五楼大会议室 401会议室 区行政中心一号会议室
    """
)
VIDEO_ROOM = "视频会议室"
#: (title template, weight, numbered series or None). {n}: number within the year.
MEETING_KINDS = (
    ("区政府第{n}次常务会议", 5, "常务会议"),
    ("区政府党组{year}年第{n}次会议", 5, "党组会"),
    ("区长办公会议", 8, None),
    ("区政府办公室主任办公会", 10, None),
    ("关于{topic}的专题会议", 25, None),
    ("{topic}工作协调会", 15, None),
    ("全区{topic}工作部署会", 8, None),
    ("全市{topic}工作视频会议", 10, None),
    ("{topic}工作座谈会", 7, None),
    ("{topic}工作调度会", 7, None),
)
MEETING_SLOTS = tuple(
    time(*hm) for hm in ((8, 30), (9, 0), (9, 30), (10, 0), (14, 30), (15, 0), (16, 0))
)
MEETING_NOTES = (
    "",
    "",
    "请提前15分钟到场",
    "请携带相关材料",
    "请各单位主要负责人参加",
    "会前请准备汇报材料（限5分钟）",
)

CALL_SUMMARIES_IN = (
    "询问关于{year}年度预算报送的截止时间",
    "询问{topic}工作材料报送要求",
    "通知{when}在{room}召开{topic}工作会议，请{leader}参加",
    "催报{item}，要求{when}前报送",
    "咨询{topic}相关政策",
    "约请{leader}{when}听取{topic}工作汇报",
    "确认{topic}相关文件是否收到",
    "告知{topic}工作会议时间调整，另行通知",
    "报告{topic}工作进展情况",
    "询问{leader}{when}是否有空",
    "商请派员参加{topic}工作座谈会",
)
CALL_SUMMARIES_OUT = (
    "通知{when}在{room}参加{topic}工作会议",
    "催办{topic}相关文件办理情况",
    "转达{leader}对{topic}工作的意见",
    "联系报送{item}",
    "确认{topic}会议参会人员名单",
    "告知到区政府办公室领取文件",
)
CALL_SUMMARIES_PUBLIC = (
    "反映小区{issue}问题，要求尽快处理",
    "咨询{topic}办理流程",
    "投诉{issue}，要求答复",
    "反映{issue}问题，已告知向所在街道反映",
)
WHEN = _words(
    """
    今天下午3点 明天上午9点 明天上午9点半 明天下午2点半 本周五上午 下周一上午9点
    后天下午
    """
)

VISIT_PURPOSES = (
    "汇报{topic}工作",
    "送交{item}材料",
    "商洽{topic}有关事宜",
    "参加{topic}工作会议",
    "反映{issue}问题",
    "领取文件",
    "检查指导{topic}工作",
)

SUPERVISION_SOURCES = (
    ("领导批示", ("落实{leader}关于{topic}工作的批示", "{leader}批示：抓紧解决{issue}问题"), 30),
    (
        "会议议定事项",
        ("落实区政府常务会议关于{topic}的议定事项", "按期完成{topic}工作方案制定"),
        30,
    ),
    ("上级交办", ("办理市政府交办的{topic}事项", "{topic}问题整改落实"), 20),
    ("人大代表建议", ("办理区人大代表关于{topic}的建议（第{n}号）",), 8),
    ("政协委员提案", ("办理区政协委员关于{topic}的提案（第{n}号）",), 7),
    ("群众来信", ("答复群众反映的{issue}问题",), 5),
)
#: The demo's sources in words, as the lifecycle's kinds of source.
SUPERVISION_ORIGINS = {
    "领导批示": "instruction",
    "会议议定事项": "meeting",
    "上级交办": "superior",
    "人大代表建议": "document",
    "政协委员提案": "document",
    "群众来信": "petition",
}

INFO_REPORTS_PER_YEAR = 50
INVESTIGATIONS_PER_YEAR = 4
INFO_TEMPLATES = ("我区扎实推进{topic}工作", "{topic}工作取得阶段性成效", "关于{topic}的情况反映")

OFFICE_HOURS = {8: 6, 9: 10, 10: 10, 11: 8, 12: 2, 13: 3, 14: 9, 15: 10, 16: 8, 17: 4}
"""Relative share of the day's calls, visits and files arriving in each hour."""
OPEN_STATUSES = tuple(s.value for s in IncomingStatus if s not in CLOSED_INCOMING)
"""The 收文 steps before completion, in order."""


@dataclass(frozen=True)
class DemoSummary:
    """How many rows the demo wrote to each table."""

    organizations: int
    contacts: int
    contact_phones: int
    calls: int
    incoming_documents: int
    outgoing_documents: int
    circulations: int
    archive_entries: int
    meetings: int
    checklist_items: int
    supervision_items: int
    visits: int
    tasks: int
    petitions: int
    events: int

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))


def seed_demo(
    path: Path,
    years: int = 1,
    today: date | None = None,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Write a new database at ``path`` holding ``years`` years of a demo office's work.

    ``today`` (default: the local today) is the last day of the history. When it is the
    real today, its calls and visitors stop at the current time (18:00 at the latest); for
    any other day the office day is taken to be at 17:30. The same ``seed`` and ``today`` give the same
    records. An existing ``path`` is refused with ``FileExistsError``. ``progress(done,
    total)`` is told the rows written so far.
    """
    path = Path(path)
    if years < 1:
        raise ValueError(f"years must be at least 1, not {years}")
    today = today or clock.today()
    _claim(path)
    try:
        office = _DemoOffice(random.Random(seed), years, today, _reference_now(today))
        tables = office.generate()
        _write(path, tables, progress)
    except BaseException:
        _discard(path)
        raise
    return DemoSummary(
        organizations=len(tables[Organization]),
        contacts=len(tables[Contact]),
        contact_phones=len(tables[ContactPhone]),
        calls=len(tables[Call]),
        incoming_documents=len(tables[IncomingDocument]),
        outgoing_documents=len(tables[OutgoingDocument]),
        circulations=len(tables[Circulation]),
        archive_entries=len(tables[ArchiveEntry]),
        meetings=len(tables[Meeting]),
        checklist_items=len(tables[ChecklistItem]),
        supervision_items=len(tables[SupervisionItem]),
        visits=len(tables[Visit]),
        tasks=len(tables[Task]),
        petitions=len(tables[Petition]),
        events=len(tables[Event]),
    )


# --------------------------------------------------------------------------- the file


def _claim(path: Path) -> None:
    """Create ``path`` empty (0600), atomically refusing one that exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise FileExistsError(f"{path} already exists; the demo only writes a new file.") from None
    os.close(fd)


def _discard(path: Path) -> None:
    """Remove a half-written demo file (we created it, so it is ours)."""
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        name.unlink(missing_ok=True)


def _write(
    path: Path,
    tables: dict[type, list[Row]],
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Create the schema, then insert every table in batches, in one transaction."""
    from sqlalchemy import insert

    from secdesk.db import Database

    db = Database(path)
    db.open()
    try:
        with db.engine.connect() as connection:
            # A throwaway file: no fsync while seeding. The journal stays WAL. (Set on the
            # driver's connection: the pragma may not run inside a transaction.)
            raw = connection.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA synchronous = OFF")
            total = sum(len(rows) for rows in tables.values())
            done = 0
            for model, rows in tables.items():
                statement = insert(model.__table__)  # type: ignore[attr-defined]  # set by SQLAlchemy at class creation
                for start in range(0, len(rows), BATCH):
                    batch = rows[start : start + BATCH]
                    connection.execute(statement, batch)
                    done += len(batch)
                    if progress is not None:
                        progress(done, total)
            # The rows went in without the ORM: index them all at once.
            from secdesk.services.search import rebuild

            rebuild(connection)
            connection.commit()
            # Give the query planner its statistics, as a long-used office database has.
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
            raw.execute("PRAGMA synchronous = FULL")
    finally:
        db.close()


def _reference_now(today: date) -> datetime:
    """The local moment the demo's today has reached."""
    now = clock.now_local()
    if now.date() == today:
        return now
    return datetime.combine(today, time(17, 30), tzinfo=clock.zone())


# --------------------------------------------------------------------------- helpers


def _years_ago(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _days(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last``, both included."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _allocate(rng: random.Random, days: Sequence[date], total: int) -> list[int]:
    """Spread exactly ``total`` records over ``days``: working days busy, others quiet."""
    if not days or total <= 0:
        return [0] * len(days)
    weights = [(1.0 if is_workday(day) else OFF_DAY_WEIGHT) * rng.uniform(0.5, 1.5) for day in days]
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    counts = [int(x) for x in raw]
    short = total - sum(counts)
    by_fraction = sorted(range(len(days)), key=lambda i: raw[i] - counts[i], reverse=True)
    for i in by_fraction[:short]:
        counts[i] += 1
    return counts


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def _landline(rng: random.Random, area: str = AREA_CODE) -> str:
    """Digits only: area code and an eight-digit local number."""
    return f"{area}{rng.choice('68')}{rng.randrange(10**7):07d}"


def _shown_landline(number: str) -> str:
    """0513-85012345 as people write it."""
    return f"{number[:-8]}-{number[-8:]}"


def _id_number(rng: random.Random, born: date) -> str:
    """A well-formed 18-character resident ID (GB 11643 check digit) for a made-up person."""
    body = f"320{rng.randint(601, 699)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    factors = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * f for d, f in zip(body, factors, strict=True))
    return body + "10X98765432"[total % 11]


def _initials(name: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


def _spelled(name: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name))


def _titles_for(unit: str) -> Sequence[str]:
    for suffix, titles in TITLES_BY_SUFFIX:
        if unit.endswith(suffix):
            return titles
    return OFFICIAL_TITLES


@dataclass
class _Person:
    """A contact as the generators need it."""

    id: int
    name: str
    relation: str
    unit: str
    numbers: list[str] = field(default_factory=list)
    address: str = ""
    """How the office refers to a leader: 王区长."""


@dataclass
class _Unit:
    id: int
    name: str
    short_name: str
    kind: str
    codes: tuple[str, str] | None


# --------------------------------------------------------------------------- the office


class _DemoOffice:
    """Generates every table's rows, in insertion order (ids assigned here)."""

    def __init__(self, rng: random.Random, years: int, today: date, now: datetime) -> None:
        self.rng = rng
        self.tz: tzinfo = clock.zone()
        self.today = today
        self.now = now
        self.start = _years_ago(today, years)
        self.years = years
        self.history = _days(self.start, today - timedelta(days=1))
        self.units: list[_Unit] = []
        self.people: list[_Person] = []
        self.people_weights: list[float] = []
        self.leaders: list[_Person] = []
        self.names: set[str] = set()
        self.department_names: list[str] = []
        self._units_by_kinds: dict[tuple[str, ...], list[_Unit]] = {}
        self._staff: dict[str, list[_Person]] = {}
        self._surname_weights = list(accumulate(1 / (i + 4) for i in range(len(SURNAMES))))
        self._hours = list(OFFICE_HOURS)
        self._hour_weights = list(accumulate(OFFICE_HOURS.values()))
        self._doc_type_weights = list(accumulate(w for _, w in DOC_TYPES))
        self._meeting_weights = list(accumulate(w for _, w, _ in MEETING_KINDS))
        self._source_weights = list(accumulate(w for _, _, w in SUPERVISION_SOURCES))

    def generate(self) -> dict[type, list[Row]]:
        organizations = self.organizations()
        contacts, phones = self.contacts()
        tables: dict[type, list[Row]] = {
            Organization: organizations,
            Contact: contacts,
            ContactPhone: phones,
            Call: self.calls(),
            IncomingDocument: self.documents(),
            Meeting: self.meetings(),
            SupervisionItem: self.supervision_items(),
            Visit: self.visits(),
            Task: self.tasks(),
            Petition: self.petitions(),
            InfoReport: self.info_reports(),
            Investigation: self.investigations(),
        }
        tables[OutgoingDocument] = self.outgoing_documents(len(tables[IncomingDocument]))
        tables[Circulation] = self.circulation(tables[IncomingDocument])
        tables[ArchiveEntry] = self.archive(tables[IncomingDocument], tables[OutgoingDocument])
        tables[ChecklistItem] = self.checklists(tables[Meeting])
        tables[Event] = [self.import_event(tables)]
        return tables

    # ------------------------------------------------------------------ time

    def local(self, day: date, at: time) -> datetime:
        return datetime.combine(day, at, tzinfo=self.tz)

    def utc(self, day: date, at: time) -> datetime:
        return clock.to_utc(datetime.combine(day, at, tzinfo=self.tz))

    def office_seconds(self) -> int:
        """Seconds after midnight of a moment in office hours (busy mornings, quiet lunch)."""
        hour = self.rng.choices(self._hours, cum_weights=self._hour_weights)[0]
        return hour * 3600 + self.rng.randrange(3600)

    @staticmethod
    def clock_time(seconds: int) -> time:
        hours, rest = divmod(seconds, 3600)
        return time(hours, rest // 60, rest % 60)

    def office_moment(self, day: date) -> datetime:
        return self.utc(day, self.clock_time(self.office_seconds()))

    def so_far_today(self, fraction: float) -> datetime:
        """A moment of today's office day up to now, ``fraction`` of the way through it."""
        end = min(self.now, self.local(self.today, time(18, 0)))
        start = max(
            self.local(self.today, time.min),
            min(self.local(self.today, time(8, 0)), end - timedelta(hours=2)),
        )
        return clock.to_utc(start + (end - start) * fraction).replace(microsecond=0)

    # ------------------------------------------------------------------ names

    def person_name(self) -> str:
        """A made-up name; visitors and the like may share one."""
        rng = self.rng
        surname = rng.choices(SURNAMES, cum_weights=self._surname_weights)[0]
        given = rng.choice(GIVEN_SINGLE) if rng.random() < 0.35 else rng.choice(GIVEN_DOUBLE)
        return surname + given

    def contact_name(self) -> str:
        """A name no other contact has, so the contact book never shows two 王伟."""
        while True:
            name = self.person_name()
            if name not in self.names:
                self.names.add(name)
                return name

    def topic(self, month: int) -> str:
        if self.rng.random() < 0.3:
            return self.rng.choice(SEASONAL_TOPICS[month])
        return self.rng.choice(TOPICS)

    def leader_address(self) -> str:
        return self.rng.choice(self.leaders).address

    def department_name(self) -> str:
        return self.rng.choice(self.department_names)

    def units_of(self, *kinds: str) -> list[_Unit]:
        """The units of the given kinds (cached: the generators ask thousands of times)."""
        if kinds not in self._units_by_kinds:
            self._units_by_kinds[kinds] = [u for u in self.units if u.kind in kinds]
        return self._units_by_kinds[kinds]

    # ------------------------------------------------------------------ contact book

    def organizations(self) -> list[Row]:
        rng = self.rng
        created = self.utc(self.start, time(9, 0))
        rows = []
        for i, (name, short, kind, codes) in enumerate(ORGANIZATIONS, start=1):
            self.units.append(_Unit(i, name, short, kind, codes))
            if kind == "department":
                self.department_names.append(short)
            street = rng.choice(STREETS)
            rows.append(
                {
                    "id": i,
                    "name": name,
                    "short_name": short,
                    "phone": _shown_landline(_landline(rng)),
                    "address": f"{'某市' if name.startswith('某市') else '某市某区'}"
                    f"{street}{rng.randint(1, 399)}号",
                    "notes": "" if codes is None else f"机关代字：{codes[0]}",
                    "created_at": created,
                    "updated_at": created,
                    "deleted_at": None,
                }
            )
        return rows

    def contacts(self) -> tuple[list[Row], list[Row]]:
        rng = self.rng
        created = self.utc(self.start, time(9, 30))
        contacts: list[Row] = []
        phones: list[Row] = []
        surnames = iter(rng.sample(SURNAMES[:30], len(LEADER_TITLES)))
        government, office = self.units[0], self.units[1]
        for relation, count in CONTACTS_PER_RELATION.items():
            for i in range(count):
                person_id = len(contacts) + 1
                unit: _Unit | None
                if relation == "leader":
                    title, address = LEADER_TITLES[i % len(LEADER_TITLES)]
                    surname = next(surnames)
                    name = surname + rng.choice(GIVEN_DOUBLE)
                    self.names.add(name)
                    unit = government if "区长" in title else office
                    person = _Person(
                        person_id, name, relation, unit.name, address=surname + address
                    )
                    self.leaders.append(person)
                else:
                    name = self.contact_name()
                    unit, title = self.place(relation, i)
                    person = _Person(person_id, name, relation, unit.name if unit else "")
                notes = ""
                if relation == "family":
                    leader = self.leaders[i % len(self.leaders)]
                    notes = f"{leader.address}{rng.choice(FAMILY_RELATIONS)}"
                elif relation == "grassroots" and unit is None:
                    notes = f"群众，曾来电反映{rng.choice(ISSUES)}问题"
                contacts.append(
                    {
                        "id": person_id,
                        "name": name,
                        "initials": _initials(name),
                        "organization_id": unit.id if unit else None,
                        "title": title,
                        "relation": relation,
                        "email": self.email(name, relation),
                        "notes": notes,
                        "created_at": created,
                        "updated_at": created,
                        "deleted_at": None,
                    }
                )
                for number, label in self.phone_numbers(relation, unit is not None):
                    person.numbers.append(number)
                    phones.append(
                        {
                            "id": len(phones) + 1,
                            "contact_id": person_id,
                            "number": number,
                            "label": label,
                            "created_at": created,
                            "updated_at": created,
                            "deleted_at": None,
                        }
                    )
                self.people.append(person)
                self.people_weights.append(
                    {"leader": 6, "colleague": 3, "department": 3, "superior": 3}.get(relation, 1)
                )
        self.people_weights = list(accumulate(self.people_weights))
        return contacts, phones

    def place(self, relation: str, index: int) -> tuple[_Unit | None, str]:
        """The unit and title of a contact of ``relation``."""
        rng = self.rng
        if relation == "colleague":
            section = COLLEAGUE_SECTIONS[index % len(COLLEAGUE_SECTIONS)]
            return self.units[1], section + rng.choice(COLLEAGUE_RANKS)
        if relation == "family" or (relation == "grassroots" and index % 6 == 0):
            return None, ""
        if relation == "other" and index % 10 == 0:
            return None, rng.choice(("驾驶员", "律师", "个体工商户"))
        kinds = RELATION_UNIT_KINDS[relation]
        unit = rng.choice(self.units_of(*kinds))
        return unit, rng.choice(_titles_for(unit.name))

    def email(self, name: str, relation: str) -> str:
        if relation in ("leader", "family") or self.rng.random() < 0.6:
            return ""
        domain = self.rng.choice(("163.com", "qq.com", "126.com", "mx.gov.cn"))
        return f"{_spelled(name)}{self.rng.randint(1, 99)}@{domain}"

    def phone_numbers(self, relation: str, has_unit: bool) -> list[tuple[str, str]]:
        """One to three numbers: a mobile, then perhaps a work line, a fax or a home line."""
        rng = self.rng
        numbers = [(_mobile(rng), "mobile")]
        if has_unit and rng.random() < 0.7:
            numbers.append((_landline(rng), "work"))
            if rng.random() < 0.15:
                numbers.append((_landline(rng), "fax"))
        elif relation == "family" and rng.random() < 0.5:
            numbers.append((_landline(rng), "home"))
        elif relation == "other" and rng.random() < 0.3:
            numbers.append((_landline(rng, rng.choice(OTHER_AREA_CODES)), "work"))
        if len(numbers) == 1 and rng.random() < 0.15:
            numbers.append((_mobile(rng), "mobile"))
        return numbers

    # ------------------------------------------------------------------ calls

    def calls(self) -> list[Row]:
        rng = self.rng
        rows: list[Row] = []
        counts = _allocate(rng, self.history, CALLS_PER_YEAR * self.years)
        for day, count in zip(self.history, counts, strict=True):
            recent = (self.today - day).days <= 2
            for seconds in sorted(self.office_seconds() for _ in range(count)):
                rows.append(
                    self.call(len(rows) + 1, self.utc(day, self.clock_time(seconds)), recent)
                )
        todays = rng.randint(10, 20)
        fractions = sorted(rng.random() for _ in range(todays))
        awaiting = set(rng.sample(range(todays), rng.randint(3, 5)))
        for i, fraction in enumerate(fractions):
            row = self.call(len(rows) + 1, self.so_far_today(fraction), recent=True)
            if i in awaiting:
                row["follow_up"] = True
                row["message_status"] = "to_pass"
                row["message_for"] = row["message_for"] or self.leader_address()
            rows.append(row)
        return rows

    def call(self, call_id: int, at: datetime, recent: bool) -> Row:
        rng = self.rng
        direction = "incoming" if rng.random() < 0.72 else "outgoing"
        if rng.random() < 0.75:
            person = rng.choices(self.people, cum_weights=self.people_weights)[0]
            caller, contact_id, unit = person.name, person.id, person.unit
            number = rng.choice(person.numbers)
            public = person.relation == "grassroots" and not unit
        else:
            caller = rng.choice(SURNAMES[:40]) + rng.choice(("先生", "女士"))
            contact_id, unit, number, public = None, "", _mobile(rng), True
        summary = self.call_summary(direction, public, at)
        follow_up = rng.random() < 0.12
        message_for = ""
        if follow_up or rng.random() < 0.3:
            message_for = self.leader_address() if rng.random() < 0.7 else self.department_name()
        status = "no_action"
        if message_for:
            status = "to_pass" if recent and rng.random() < 0.3 else "passed"
        duration = int(rng.triangular(15, 900, 90))
        created = at + timedelta(seconds=duration + rng.randint(10, 300))
        return {
            "id": call_id,
            "at": at,
            "direction": direction,
            "caller": caller,
            "number": number,
            "organization": unit,
            "contact_id": contact_id,
            "summary": summary,
            "message_for": message_for,
            "follow_up": follow_up,
            "message_status": status,
            "duration_s": duration,
            "source": "desk",
            "external_id": None,
            "created_at": created,
            "updated_at": created + timedelta(minutes=rng.randint(5, 90))
            if status == "passed"
            else created,
            "deleted_at": None,
        }

    def call_summary(self, direction: str, public: bool, at: datetime) -> str:
        rng = self.rng
        local = clock.to_local(at)
        if public and direction == "incoming":
            templates: Sequence[str] = CALL_SUMMARIES_PUBLIC
        else:
            templates = CALL_SUMMARIES_IN if direction == "incoming" else CALL_SUMMARIES_OUT
        return rng.choice(templates).format(
            year=local.year + (1 if local.month >= 10 else 0),
            topic=self.topic(local.month),
            when=rng.choice(WHEN),
            room=rng.choice(MEETING_ROOMS),
            leader=self.leader_address(),
            item=rng.choice(REPORT_ITEMS),
            issue=rng.choice(ISSUES),
        )

    # ------------------------------------------------------------------ documents

    def documents(self) -> list[Row]:
        """收文: history, a few received today, and an in-tray of open ones."""
        rng = self.rng
        received: list[datetime] = []
        counts = _allocate(rng, self.history, DOCUMENTS_PER_YEAR * self.years)
        for day, count in zip(self.history, counts, strict=True):
            received.extend(self.office_moment(day) for _ in range(count))
        todays = rng.randint(2, 5)
        received.extend(self.so_far_today(rng.random()) for _ in range(todays))
        received.sort()
        open_ids = self.open_documents(received, todays)
        serials: dict[int, int] = {}
        sender_serials: dict[tuple[str, int], int] = {}
        rows = []
        for i, at in enumerate(received, start=1):
            local = clock.to_local(at)
            serials[local.year] = serials.get(local.year, 0) + 1
            doc_type = rng.choices(DOC_TYPES, cum_weights=self._doc_type_weights)[0][0]
            sender = self.sender(doc_type)
            assert sender.codes is not None
            code = sender.codes[1] if doc_type in LETTER_TYPES else sender.codes[0]
            key = (code, local.year)
            sender_serials[key] = sender_serials.get(key, 0) + rng.randint(1, 4)
            row = {
                "id": i,
                "year": local.year,
                "serial": serials[local.year],
                "received_at": at,
                "sender": sender.name,
                "doc_number": f"{code}〔{local.year}〕{sender_serials[key]}号",
                "title": rng.choice(DOC_TITLES[doc_type]).format(
                    year=local.year,
                    topic=self.topic(local.month),
                    item=rng.choice(REPORT_ITEMS),
                ),
                "doc_type": doc_type,
                "copies": rng.choice((1, 1, 1, 1, 2, 2, 3)),
                "created_at": at,
                "deleted_at": None,
            }
            row.update(self.marking())
            row.update(self.handling(at, i in open_ids))
            rows.append(row)
        self.stock_in_tray([r for r in rows if r["id"] in open_ids])
        return rows

    def open_documents(self, received: list[datetime], todays: int) -> set[int]:
        """Ids (1-based positions) of the documents still being handled."""
        rng = self.rng
        last = len(received)
        wanted = rng.randint(20, 35)
        recent_start = clock.day_bounds(self.today - timedelta(days=30))[0]
        recent = [i + 1 for i, at in enumerate(received[:-todays]) if at >= recent_start]
        older = [i + 1 for i, at in enumerate(received[:-todays]) if at < recent_start]
        chosen = set(range(last - todays + 1, last + 1))
        chosen.update(rng.sample(recent, min(len(recent), wanted - todays - 2)))
        chosen.update(rng.sample(older[-200:], min(len(older[-200:]), 2)))
        return chosen

    def sender(self, doc_type: str) -> _Unit:
        kinds = ("grassroots", "department") if doc_type in UPWARD_TYPES else ("superior",)
        if doc_type not in UPWARD_TYPES and self.rng.random() < 0.2:
            kinds = ("department",)
        return self.rng.choice([u for u in self.units_of(*kinds) if u.codes])

    def marking(self) -> Row:
        """密级, 保密期限 and 紧急程度."""
        rng = self.rng
        roll = rng.random()
        classification, secrecy = "none", None
        if roll < 0.01:
            classification, secrecy = "secret", 20
        elif roll < 0.05:
            classification, secrecy = "confidential", 10
        elif roll < 0.20:
            classification = "internal"
        roll = rng.random()
        urgency = "extra_urgent" if roll < 0.04 else "urgent" if roll < 0.15 else "normal"
        return {"classification": classification, "secrecy_years": secrecy, "urgency": urgency}

    def handling(self, received: datetime, still_open: bool) -> Row:
        """Status, due date, handling notes and completion of one document."""
        rng = self.rng
        day = clock.to_local(received).date()
        due = day + timedelta(days=rng.randint(3, 30)) if rng.random() < 0.35 else None
        proposal = rng.choice(PROPOSALS).format(
            leader=self.leader_address(), unit=self.department_name()
        )
        unit = self.department_name()
        instruction = rng.choice(INSTRUCTIONS).format(unit=unit)
        if still_open:
            age = (self.today - day).days
            step = min(len(OPEN_STATUSES) - 1, rng.randint(0, 2) + age // 4)
            status = OPEN_STATUSES[step]
            proposed = step >= OPEN_STATUSES.index("proposed")
            instructed = step >= OPEN_STATUSES.index("instructed")
            return {
                "status": status,
                "due": due,
                "proposed_handling": proposal if proposed else "",
                "instruction": instruction if instructed else "",
                "undertaking_unit": unit if instructed else "",
                "completed_at": None,
                "updated_at": received,
            }
        if rng.random() < 0.03:
            return {
                "status": "returned",
                "due": due,
                "proposed_handling": "",
                "instruction": "",
                "undertaking_unit": "",
                "completed_at": None,
                "updated_at": received + timedelta(hours=rng.randint(1, 48)),
            }
        done_day = min(day + timedelta(days=rng.randint(1, 20)), self.today - timedelta(days=1))
        completed = max(self.office_moment(done_day), received + timedelta(hours=1))
        filed_share = 0.75 if (self.today - day).days > 90 else 0.15
        return {
            "status": "filed" if rng.random() < filed_share else "completed",
            "due": due,
            "proposed_handling": proposal,
            "instruction": instruction,
            "undertaking_unit": unit,
            "completed_at": completed,
            "updated_at": completed,
        }

    def stock_in_tray(self, open_rows: list[Row]) -> None:
        """Make the open documents look like a real in-tray: due around today, a few urgent
        and classified ones."""
        rng = self.rng
        for row in open_rows:
            if row["due"] is None or rng.random() < 0.6:
                row["due"] = self.today + timedelta(days=rng.randint(-4, 15))
        for row, urgency in zip(
            rng.sample(open_rows, 4),
            ("extra_urgent", "urgent", "urgent", "extra_urgent"),
            strict=True,
        ):
            row["urgency"] = urgency
            row["due"] = self.today + timedelta(days=rng.randint(0, 2))
        for row, (classification, secrecy) in zip(
            rng.sample(open_rows, 3),
            (("internal", None), ("internal", None), ("confidential", 10)),
            strict=True,
        ):
            row["classification"] = classification
            row["secrecy_years"] = secrecy

    # ------------------------------------------------------------------ outgoing

    def outgoing_documents(self, incoming_count: int) -> list[Row]:
        """发文: ten years of the office's own documents, numbered per prefix per year, a
        few voided numbers, and recent ones in every state from draft to filing. Drawn from
        a random stream of their own, so adding them leaves the other tables as they were."""
        rng = random.Random(self.rng.random())
        kept, self.rng = self.rng, rng
        try:
            return self._outgoing_rows(rng, incoming_count)
        finally:
            self.rng = kept

    def _outgoing_rows(self, rng: random.Random, incoming_count: int) -> list[Row]:
        drafted: list[datetime] = []
        counts = _allocate(rng, self.history, OUTGOING_PER_YEAR * self.years)
        for day, count in zip(self.history, counts, strict=True):
            drafted.extend(self.office_moment(day) for _ in range(count))
        drafted.sort()
        weights = list(accumulate(w for _, w in OUTGOING_TYPES))
        states = [s.value for s in OutgoingStatus]
        serials: dict[tuple[str, int], int] = {}
        rows = []
        for i, at in enumerate(drafted, start=1):
            local = clock.to_local(at)
            age = (self.today - local.date()).days
            doc_type = rng.choices(OUTGOING_TYPES, cum_weights=weights)[0][0]
            if i <= len(OUTGOING_TYPES):  # every type at least once, however small the demo
                doc_type = OUTGOING_TYPES[i - 1][0]
            recent = len(drafted) - i
            if recent < len(states) * 2:
                status = states[recent % len(states)]  # every state among the newest
            elif age < 20:
                status = states[min(len(states) - 1, 2 + age // 3)]
            else:
                status = "filed" if rng.random() < 0.8 else "dispatched"
            numbered = states.index(status) >= states.index("registered")
            prefix = OUTGOING_PREFIXES.get(doc_type, OWN_PREFIX)
            signed = states.index(status) >= states.index("signed_off")
            templates = OUTGOING_TITLES.get(doc_type) or DOC_TITLES[doc_type]
            row: Row = {
                "id": i,
                "title": rng.choice(templates).format(
                    year=local.year, topic=self.topic(local.month), item=rng.choice(REPORT_ITEMS)
                ),
                "doc_type": doc_type,
                "status": status,
                "drafted_by": self.department_name(),
                "drafted_at": at,
                "reviewed_by": "办公室秘书科" if states.index(status) >= 1 else "",
                "signed_off_by": self.leader_address() if signed else "",
                "signed_off_on": (local + timedelta(days=1)).date() if signed else None,
                "prefix": prefix,
                "year": None,
                "serial": None,
                "doc_number": "",
                "registered_at": None,
                "copies": rng.choice((5, 10, 20, 30, 50)),
                "main_recipients": rng.choice(OUTGOING_RECIPIENTS),
                "cc_recipients": rng.choice(OUTGOING_CC),
                "printed_at": None,
                "dispatched_at": None,
                "reply_to_id": None,
                "voided_at": None,
                "void_reason": "",
                "created_at": at,
                "updated_at": at,
                "deleted_at": None,
            }
            row.update(self.marking())
            if numbered:
                key = (prefix, local.year)
                serials[key] = serials.get(key, 0) + 1
                registered = at + timedelta(days=1, hours=2)
                row.update(
                    year=local.year,
                    serial=serials[key],
                    doc_number=f"{prefix}〔{local.year}〕{serials[key]}号",
                    registered_at=registered,
                )
                if states.index(status) >= states.index("printed"):
                    row["printed_at"] = registered + timedelta(hours=3)
                if states.index(status) >= states.index("dispatched"):
                    row["dispatched_at"] = registered + timedelta(hours=20)
                if rng.random() < 0.004:
                    row["voided_at"] = registered + timedelta(hours=1)
                    row["void_reason"] = "文号印制错误，重新编号"
            if doc_type in ("批复", "函") and rng.random() < 0.3 and incoming_count:
                row["reply_to_id"] = rng.randint(1, incoming_count)
            rows.append(row)
        return rows

    def circulation(self, incoming: list[Row]) -> list[Row]:
        """传阅: the documents circulating now are with one to three leaders."""
        rng = random.Random(len(incoming))
        rows: list[Row] = []
        for doc in incoming:
            if doc["status"] != "circulating":
                continue
            since = doc["received_at"] + timedelta(hours=rng.randint(2, 30))
            for n, leader in enumerate(rng.sample(self.leaders, min(3, len(self.leaders)))):
                if n and rng.random() < 0.5:
                    break
                read = since + timedelta(hours=3) if rng.random() < 0.5 else None
                rows.append(
                    {
                        "id": len(rows) + 1,
                        "incoming_id": doc["id"],
                        "reader": leader.address,
                        "since": since,
                        "read_at": read,
                        "returned_at": None,
                        "note": "",
                        "created_at": since,
                        "updated_at": read or since,
                        "deleted_at": None,
                    }
                )
        return rows

    def archive(self, incoming: list[Row], outgoing: list[Row]) -> list[Row]:
        """归档: every filed document has its entry, numbered per year and retention."""
        rng = random.Random(len(incoming) + len(outgoing))
        items: dict[tuple[int, str], int] = {}
        rows: list[Row] = []
        filed = [
            ("incoming", d, d["completed_at"] or d["updated_at"], d["sender"], d["received_at"])
            for d in incoming
            if d["status"] == "filed"
        ] + [
            ("outgoing", d, d["dispatched_at"] or d["updated_at"], d["prefix"], d["drafted_at"])
            for d in outgoing
            if d["status"] == "filed"
        ]
        filed.sort(key=lambda f: f[2])
        for kind, doc, at, responsible, dated in filed:
            at = at + timedelta(days=rng.randint(1, 20))
            year = clock.to_local(at).year
            retention = rng.choices(("permanent", "30y", "10y"), (1, 3, 6))[0]
            items[(year, retention)] = items.get((year, retention), 0) + 1
            rows.append(
                {
                    "id": len(rows) + 1,
                    "kind": kind,
                    "record_id": doc["id"],
                    "year": year,
                    "retention": retention,
                    "item_number": items[(year, retention)],
                    "filed_at": at,
                    "doc_number": doc["doc_number"],
                    "title": doc["title"],
                    "responsible": responsible,
                    "doc_date": clock.to_local(dated).date(),
                    "classification": doc["classification"],
                    "copies": doc["copies"],
                    "created_at": at,
                    "updated_at": at,
                    "deleted_at": None,
                }
            )
        return rows

    # ------------------------------------------------------------------ meetings

    def meetings(self) -> list[Row]:
        rng = self.rng
        coming = _days(self.today + timedelta(days=1), self.today + timedelta(days=28))
        booked: list[datetime] = []
        todays = rng.randint(2, 4)
        for slot in sorted(rng.sample(MEETING_SLOTS, todays)):
            booked.append(self.local(self.today, slot))
        for day in coming:
            if is_workday(day):
                for slot in rng.sample(MEETING_SLOTS, rng.choice((0, 1, 1, 2, 2, 3))):
                    booked.append(self.local(day, slot))
        past: list[datetime] = []
        counts = _allocate(rng, self.history, max(0, MEETINGS_PER_YEAR * self.years - len(booked)))
        for day, count in zip(self.history, counts, strict=True):
            slots = rng.sample(MEETING_SLOTS, min(count, len(MEETING_SLOTS)))
            past.extend(self.local(day, slot) for slot in slots)
        starts = sorted(past) + sorted(booked)
        series: dict[tuple[str, int], int] = {}
        rows = []
        for i, start in enumerate(starts, start=1):
            rows.append(self.meeting(i, start, series))
        coming_rows = rows[len(rows) - (len(booked) - todays) :]
        if coming_rows:  # one booking of the coming days called off, as happens
            rng.choice(coming_rows)["cancelled"] = True
        rows.append(self.weekly_meeting(len(rows) + 1))
        return rows

    def weekly_meeting(self, meeting_id: int) -> Row:
        """The office's own weekly meeting, every Monday morning since the history began:
        one recurring row (RFC 5545 rule)."""
        first = self.start + timedelta(days=(7 - self.start.weekday()) % 7)
        starts_at = self.utc(first, time(8, 30))
        created = clock.to_utc(self.local(first, time(8, 0)) - timedelta(days=3))
        return {
            **self.meeting_columns(),
            "id": meeting_id,
            "title": "区政府办公室周例会",
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(minutes=45),
            "location": "三楼会议室",
            "chair": self.leaders[5].address,
            "participants": "办公室全体人员",
            "notes": "",
            "cancelled": False,
            "meeting_type": "办公会",
            "rrule": "FREQ=WEEKLY;BYDAY=MO",
            "created_at": created,
            "updated_at": created,
            "deleted_at": None,
        }

    @staticmethod
    def meeting_columns() -> Row:
        """The columns every demo meeting row names (one shape for the batched insert)."""
        return {
            "meeting_type": "",
            "recorder": "",
            "materials": "",
            "overview": "",
            "rrule": "",
            "uid": "",
            "timezone": "",
            "all_day": False,
            "series_id": None,
            "occurrence_start": None,
        }

    @staticmethod
    def meeting_type(title: str) -> str:
        for word, kind in (
            ("常务会议", "常务会议"),
            ("视频", "视频会议"),
            ("座谈", "座谈会"),
            ("专题", "专题会议"),
            ("办公会", "办公会"),
        ):
            if word in title:
                return kind
        return "其他"

    def checklists(self, meetings: list[Row]) -> list[Row]:
        """Preparation checklists of the meetings from today on: the further off, the less
        is done; one of tomorrow's (or today's) is still short of a step."""
        from secdesk.office.meetings.schedule import checklist_template

        rng = self.rng
        rows: list[Row] = []
        today_start = clock.to_utc(self.local(self.today, time(0)))
        coming = [m for m in meetings if m["starts_at"] >= today_start and not m["rrule"]]
        short = rng.choice(
            [m for m in coming if m["starts_at"] < today_start + timedelta(days=2)]
            or coming
            or [None]
        )
        for meeting in coming:
            steps = checklist_template(meeting["meeting_type"])
            days = (meeting["starts_at"] - today_start).days
            done = len(steps) if days <= 1 else max(0, len(steps) - days // 2 - 1)
            if meeting is short:
                done = len(steps) - 1
            for position, label in enumerate(steps):
                rows.append(
                    {
                        "id": len(rows) + 1,
                        "meeting_id": meeting["id"],
                        "position": position,
                        "label": label,
                        "done": position < done,
                        "done_at": meeting["created_at"] if position < done else None,
                        "created_at": meeting["created_at"],
                        "updated_at": meeting["created_at"],
                        "deleted_at": None,
                    }
                )
        return rows

    def meeting(self, meeting_id: int, start: datetime, series: dict[tuple[str, int], int]) -> Row:
        rng = self.rng
        template, _, numbered = rng.choices(MEETING_KINDS, cum_weights=self._meeting_weights)[0]
        number = 0
        if numbered:
            key = (numbered, start.year)
            number = series[key] = series.get(key, 0) + 1
        title = template.format(n=number, year=start.year, topic=self.topic(start.month))
        room = VIDEO_ROOM if "视频" in title else rng.choice(MEETING_ROOMS)
        units = rng.sample(self.department_names, 4)
        participants = "、".join(units[: rng.randint(2, 4)])
        if rng.random() < 0.3:
            participants += "、各街道办事处、镇人民政府"
        created = min(start - timedelta(days=rng.randint(1, 10)), self.now)
        created_utc = clock.to_utc(created)
        starts_at = clock.to_utc(start)
        return {
            **self.meeting_columns(),
            "meeting_type": self.meeting_type(title),
            "id": meeting_id,
            "title": title,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(minutes=rng.choice((60, 90, 90, 120, 150))),
            "location": room,
            "chair": self.chair(title),
            "participants": participants,
            "notes": rng.choice(MEETING_NOTES),
            # Draw first: whether ``start`` has passed depends on the wall clock.
            "cancelled": rng.random() < 0.03 and start < self.now,
            "created_at": created_utc,
            "updated_at": created_utc,
            "deleted_at": None,
        }

    def chair(self, title: str) -> str:
        """主持人: the 区长 for the government's own meetings, the 主任 for the office's."""
        if any(word in title for word in ("党组", "常务会议", "区长办公会议")):
            return self.leaders[0].address
        if "主任办公会" in title:
            return self.leaders[5].address
        return self.leader_address()

    # ------------------------------------------------------------------ supervision

    def supervision_items(self) -> list[Row]:
        """Closed items over the history, then the open ones on the desk today."""
        rng = self.rng
        still_open = rng.randint(35, 55)
        rows: list[Row] = []
        yesterday = self.today - timedelta(days=1)
        counts = _allocate(rng, self.history, SUPERVISION_PER_YEAR * self.years - still_open)
        for day, count in zip(self.history, counts, strict=True):
            for _ in range(count):
                due = day + timedelta(days=rng.choice((7, 10, 15, 20, 30, 45, 60, 90)))
                closed_on = min(
                    day + timedelta(days=rng.randint(2, (due - day).days + 10)), yesterday
                )
                row = self.supervision_item(len(rows) + 1, day, due)
                closed = max(self.office_moment(closed_on), row["created_at"] + timedelta(hours=1))
                row.update(
                    status="closed",
                    progress=100,
                    closed_at=closed,
                    updated_at=closed,
                    notes=rng.choice(("已办结", "已报送办理结果", "已书面反馈", "")),
                )
                rows.append(row)
        for _ in range(still_open):
            due, assigned = self.open_item_dates()
            row = self.supervision_item(len(rows) + 1, assigned, due)
            late = due < self.today
            soon = not late and (due - self.today).days <= 3
            low, high = (10, 90) if late else (30, 95) if soon else (0, 80)
            progress = rng.randint(low // 5, high // 5) * 5
            urged = rng.randint(1, 3) if late else 0
            reported = progress > 0 and rng.random() < 0.6
            row.update(
                progress=progress,
                status="urged" if urged else "feedback" if reported else "assigned",
                urge_count=urged,
                last_feedback_on=yesterday if reported else None,
                notes=f"已催办{urged}次" if urged else "",
                updated_at=max(row["created_at"], self.office_moment(yesterday)),
            )
            rows.append(row)
        return rows

    def open_item_dates(self) -> tuple[date, date]:
        """(due, assigned_on) for an open item: some overdue, some due soon, most later."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            due = self.today - timedelta(days=rng.randint(1, 20))
        elif roll < 0.4:
            due = self.today + timedelta(days=rng.randint(0, 3))
        else:
            due = self.today + timedelta(days=rng.randint(4, 60))
        assigned = due - timedelta(days=rng.choice((10, 15, 20, 30, 45, 60, 90)))
        assigned = min(assigned, self.today - timedelta(days=1))
        return due, assigned

    def supervision_item(self, item_id: int, assigned: date, due: date) -> Row:
        rng = self.rng
        source, templates, _ = rng.choices(SUPERVISION_SOURCES, cum_weights=self._source_weights)[0]
        title = rng.choice(templates).format(
            leader=self.leader_address(),
            topic=self.topic(assigned.month),
            issue=rng.choice(ISSUES),
            n=rng.randint(1, 260),
        )
        unit = rng.choice(self.units_of("department", "grassroots"))
        created = self.office_moment(assigned)
        return {
            "id": item_id,
            "title": title,
            "origin": SUPERVISION_ORIGINS.get(source, "superior"),
            "source": source,
            "undertaking_unit": unit.short_name,
            "responsible": self.responsible(unit),
            "assigned_on": assigned,
            "due": due,
            "progress": 0,
            "status": "assigned",
            "urge_count": 0,
            "last_feedback_on": None,
            "closed_at": None,
            "notes": "",
            "created_at": created,
            "updated_at": created,
            "deleted_at": None,
        }

    def responsible(self, unit: _Unit) -> str:
        """Someone of ``unit`` from the contact book, else a name."""
        staff = self.staff_of(unit.name)
        if staff and self.rng.random() < 0.7:
            return self.rng.choice(staff).name
        return self.person_name()

    def staff_of(self, unit: str) -> list[_Person]:
        if not self._staff:
            for person in self.people:
                self._staff.setdefault(person.unit, []).append(person)
        return self._staff.get(unit, [])

    # ------------------------------------------------------------------ visits

    def visits(self) -> list[Row]:
        rng = self.rng
        rows: list[Row] = []
        counts = _allocate(rng, self.history, VISITS_PER_YEAR * self.years)
        for day, count in zip(self.history, counts, strict=True):
            for badge, seconds in enumerate(sorted(self.office_seconds() for _ in range(count))):
                arrived = self.utc(day, self.clock_time(seconds))
                left = arrived + timedelta(minutes=rng.randint(15, 180))
                rows.append(self.visit(len(rows) + 1, arrived, left, badge + 1))
        if rows:  # the last visitor of the last working day never signed out
            rows[-1]["left_at"] = None
            rows[-1]["updated_at"] = rows[-1]["created_at"]
        gone, inside = rng.randint(3, 8), rng.randint(2, 4)
        for badge in range(1, gone + 1):
            fraction = rng.random() * 0.8
            arrived = self.so_far_today(fraction)
            left = self.so_far_today(fraction + (1 - fraction) * rng.random())
            rows.append(self.visit(len(rows) + 1, arrived, left, badge))
        for badge in range(gone + 1, gone + inside + 1):
            arrived = self.so_far_today(rng.uniform(0.7, 1.0))
            rows.append(self.visit(len(rows) + 1, arrived, None, badge))
        return rows

    def visit(self, visit_id: int, arrived: datetime, left: datetime | None, badge: int) -> Row:
        rng = self.rng
        person: _Person | None = None
        if rng.random() < 0.2:
            person = rng.choice(self.people)
            name, unit = person.name, person.unit
            phone = person.numbers[0]  # always the mobile
        else:
            name, phone = self.person_name(), _mobile(rng)
            unit = rng.choice(self.units).name if rng.random() < 0.85 else ""
        month = clock.to_local(arrived).month
        purpose = rng.choice(VISIT_PURPOSES).format(
            topic=self.topic(month), item=rng.choice(REPORT_ITEMS), issue=rng.choice(ISSUES)
        )
        host = self.leader_address() if rng.random() < 0.5 else rng.choice(COLLEAGUE_SECTIONS)
        id_number = ""
        if rng.random() < 0.6:
            born = date(rng.randint(1958, 2002), rng.randint(1, 12), rng.randint(1, 28))
            id_number = _id_number(rng, born)
        return {
            "id": visit_id,
            "name": name,
            "organization": unit,
            "id_number": id_number,
            "phone": phone,
            "host": host,
            "purpose": purpose,
            "arrived_at": arrived,
            "left_at": left,
            "badge": f"{badge:02d}" if rng.random() < 0.8 else "",
            "contact_id": person.id if person else None,
            "created_at": arrived,
            "updated_at": left or arrived,
            "deleted_at": None,
        }

    # ------------------------------------------------------------------ tasks

    def tasks(self) -> list[Row]:
        """Tasks from the leaders: done over the history, a few still open today."""
        rng = self.rng
        rows: list[Row] = []
        still_open = rng.randint(6, 12)
        counts = _allocate(rng, self.history, TASKS_PER_YEAR * self.years - still_open)
        for day, count in zip(self.history, counts, strict=True):
            for _ in range(count):
                rows.append(self.task(len(rows) + 1, day, done=True))
        for _ in range(still_open):
            day = self.today - timedelta(days=rng.randint(0, 10))
            rows.append(self.task(len(rows) + 1, day, done=False))
        return rows

    def task(self, task_id: int, day: date, done: bool) -> Row:
        rng = self.rng
        created = self.office_moment(day)
        if day == self.today:
            created = min(created, self.so_far_today(rng.random()))
        title = rng.choice(TASK_TEMPLATES).format(topic=self.topic(day.month))
        due = day + timedelta(days=rng.choice((1, 2, 3, 5, 7))) if rng.random() < 0.8 else None
        finished = None
        if done:
            finished = created + timedelta(hours=rng.randint(2, 72))
        return {
            "id": task_id,
            "title": title,
            "notes": "",
            "assigned_by": self.leader_address(),
            "due": due,
            "status": "done" if done else "open",
            "done_at": finished,
            "call_id": None,
            "created_at": created,
            "updated_at": finished or created,
            "deleted_at": None,
            "version": 2 if done else 1,
        }

    # ------------------------------------------------------------------ letters and visits

    def petitions(self) -> list[Row]:
        """Letters, visits, calls and online messages from the public: answered over the
        history, some registered in the last weeks still waiting for the reply."""
        from secdesk.calendar.rules import rule
        from secdesk.office.petitions import reply_due

        complete = rule("petition_complete")

        rng = self.rng
        rows: list[Row] = []
        counts = _allocate(rng, self.history, PETITIONS_PER_YEAR * self.years)
        recent = self.today - timedelta(days=20)
        for day, count in zip(self.history, counts, strict=True):
            for _ in range(count):
                received = self.office_moment(day)
                waiting = day >= recent and rng.random() < 0.6
                status = "registered" if waiting else rng.choice(("replied", "closed"))
                if waiting and day < self.today - timedelta(days=5) and rng.random() < 0.5:
                    status = "accepted"
                channel = rng.choices(("letter", "visit", "phone", "online"), (2, 2, 3, 3))[0]
                category = rng.choices(("appeal", "suggestion", "accusation"), (6, 3, 1))[0]
                handled = status in ("replied", "closed")
                accepted_on = (
                    day + timedelta(days=rng.randint(1, 10)) if status != "registered" else None
                )
                replied_on = (
                    accepted_on + timedelta(days=rng.randint(5, 40))
                    if handled and accepted_on
                    else None
                )
                rows.append(
                    {
                        "id": len(rows) + 1,
                        "channel": channel,
                        "petitioner": self.person_name(),
                        "phone": _mobile(rng) if channel != "letter" else "",
                        "content": rng.choice(PETITION_TEMPLATES).format(
                            issue=rng.choice(ISSUES), place=self.department_name()
                        ),
                        "received_at": received,
                        "reply_due": reply_due(received),
                        "category": category,
                        "accepted_on": accepted_on,
                        "complete_due": complete.due(accepted_on).day if accepted_on else None,
                        "replied_on": replied_on,
                        "reply": "已书面答复" if replied_on else "",
                        "status": status,
                        "call_id": None,
                        "created_at": received,
                        "updated_at": received,
                        "deleted_at": None,
                        "version": 1,
                    }
                )
        return rows

    # ------------------------------------------------------------------ information, research

    def info_reports(self) -> list[Row]:
        """Information items submitted upward (信息报送), about one a week; a third adopted."""
        rng = self.rng
        rows: list[Row] = []
        counts = _allocate(rng, self.history, INFO_REPORTS_PER_YEAR * self.years)
        for day, count in zip(self.history, counts, strict=True):
            for _ in range(count):
                submitted = self.office_moment(day)
                adopted = rng.random() < 0.35 and day < self.today - timedelta(days=7)
                level = rng.choices(("county", "city", "province"), (5, 3, 1))[0] if adopted else ""
                topic = self.topic(day.month)
                rows.append(
                    {
                        "id": len(rows) + 1,
                        "title": rng.choice(INFO_TEMPLATES).format(topic=topic),
                        "text": f"{self.department_name()}：{topic}工作进展顺利。",
                        "submitted_to": rng.choice(("市委办公室信息科", "市政府办公室信息科")),
                        "submitted_at": submitted,
                        "adopted_level": level,
                        "adopted_on": day + timedelta(days=rng.randint(2, 7)) if adopted else None,
                        "notes": "",
                        "created_at": submitted,
                        "updated_at": submitted,
                        "deleted_at": None,
                        "version": 1,
                    }
                )
        return rows

    def investigations(self) -> list[Row]:
        """Research topics (调查研究), a few a year, the latest still in progress."""
        rng = self.rng
        rows: list[Row] = []
        for year_start in range(self.years):
            for _ in range(INVESTIGATIONS_PER_YEAR):
                started = self.history[0] + timedelta(days=365 * year_start + rng.randint(0, 300))
                if started > self.today:
                    continue
                stages = [started]
                for _stage in range(3):
                    stages.append(stages[-1] + timedelta(days=rng.randint(10, 25)))
                stages = stages[1:]
                reached = sum(1 for day in stages if day <= self.today)
                moment = self.office_moment(started)
                rows.append(
                    {
                        "id": len(rows) + 1,
                        "topic": f"关于{self.topic(started.month)}情况的调研",
                        "outline": "一、基本情况\n二、存在问题\n三、对策建议",
                        "started_on": started,
                        "stage": ("preparation", "investigation", "summary", "done")[reached],
                        "investigation_on": stages[0] if reached > 0 else None,
                        "summary_on": stages[1] if reached > 1 else None,
                        "finished_on": stages[2] if reached > 2 else None,
                        "materials": "",
                        "notes": "",
                        "report": "",
                        "created_at": moment,
                        "updated_at": moment,
                        "deleted_at": None,
                        "version": 1,
                    }
                )
        return rows

    # ------------------------------------------------------------------ audit

    def import_event(self, tables: dict[type, list[Row]]) -> Row:
        counts = {model.__tablename__: len(rows) for model, rows in tables.items()}  # type: ignore[attr-defined]  # keys are table models
        data = {"demo": True, "years": self.years, "today": self.today.isoformat(), **counts}
        return {
            "id": 1,
            "at": clock.to_utc(self.now),
            "actor": "demo",
            "action": "import",
            "entity": "demo",
            "entity_id": None,
            "data": json.dumps(data, ensure_ascii=False),
        }
