"""The demo office's phrase book: the words its records are written in (topics of the year,
report items, the public's issues, rooms) and each duty's phrases, {slots} filled in by the
duty's generator.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """A word list written as words separated by white space."""
    return tuple(text.split())


# --------------------------------------------------------------------------- shared

#: What the office works on all year round.
TOPICS = words(
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
#: What units are asked to report.
REPORT_ITEMS = words(
    """
    年度工作总结和下一年度工作计划 预算执行情况 安全生产工作情况 政务信息
    重点项目进展情况 人大代表建议办理情况 固定资产清查结果 统计报表 节假日值班安排
    整改落实情况 民生实事项目进展情况
    """
)
#: What the public complains about.
ISSUES = words(
    """
    噪音扰民 路灯不亮 污水外溢 停车难 物业服务差 违章搭建 供暖不足 道路破损
    垃圾清运不及时 占道经营 电梯故障 拖欠工资
    """
)

#: Where meetings are held (the video room aside).
MEETING_ROOMS = words(
    """
    三楼会议室 第一会议室 第二会议室 五楼大会议室 401会议室 区行政中心一号会议室
    """
)

# --------------------------------------------------------------------------- calls

#: What a call is about: incoming, outgoing, and from a member of the public.
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
#: When a call says something will happen.
WHEN = words(
    """
    今天下午3点 明天上午9点 明天上午9点半 明天下午2点半 本周五上午 下周一上午9点
    后天下午
    """
)

# --------------------------------------------------------------------------- visits

#: Why a visitor came.
VISIT_PURPOSES = (
    "汇报{topic}工作",
    "送交{item}材料",
    "商洽{topic}有关事宜",
    "参加{topic}工作会议",
    "反映{issue}问题",
    "领取文件",
    "检查指导{topic}工作",
)

# --------------------------------------------------------------------------- tasks

#: What a leader asks the secretary to do.
TASK_TEMPLATES = (
    "起草{topic}工作汇报材料",
    "整理{topic}相关文件报领导阅示",
    "通知各科室报送{topic}情况",
    "准备{topic}专题会议材料",
    "收集{topic}工作数据",
    "联系相关单位核实{topic}进展",
)

# --------------------------------------------------------------------------- letters and visits

#: What a letter or visit from the public says.
PETITION_TEMPLATES = (
    "反映{place}附近{issue}问题，请求尽快处理",
    "对{issue}有意见，希望{place}给予答复",
    "咨询{issue}相关政策",
    "建议{place}加强{issue}管理",
)

# --------------------------------------------------------------------------- information

#: The titles of the information items submitted upward.
INFO_TEMPLATES = ("我区扎实推进{topic}工作", "{topic}工作取得阶段性成效", "关于{topic}的情况反映")

# --------------------------------------------------------------------------- documents

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
#: Document titles by 文种, received or issued.
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
#: 拟办: how the secretary proposes a received document be handled.
PROPOSALS = (
    "拟请{leader}阅示。",
    "拟呈{leader}阅，转{unit}办理。",
    "拟送{unit}研办。",
    "拟请各位领导传阅。",
)
#: 批办: the leader's instruction on it.
INSTRUCTIONS = (
    "同意。请{unit}抓紧落实，按时报送。",
    "请{unit}研究办理。",
    "阅。",
    "请各位领导传阅，{unit}牵头落实。",
)
#: Titles of the 文种 only the office issues (the rest as in DOC_TITLES).
OUTGOING_TITLES = {
    "命令": ("某区人民政府令：《{topic}管理办法》", "某区人民政府令：《{topic}实施细则》"),
    "议案": (
        "关于提请审议《{topic}条例（草案）》的议案",
        "关于提请审议{year}年{topic}专项资金安排的议案",
    ),
}
