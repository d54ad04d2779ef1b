"""The demo office's shared words: the topics of the year, report items, public issues, rooms.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """A word list written as words separated by white space."""
    return tuple(text.split())


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
REPORT_ITEMS = words(
    """
    年度工作总结和下一年度工作计划 预算执行情况 安全生产工作情况 政务信息
    重点项目进展情况 人大代表建议办理情况 固定资产清查结果 统计报表 节假日值班安排
    整改落实情况 民生实事项目进展情况
    """
)
ISSUES = words(
    """
    噪音扰民 路灯不亮 污水外溢 停车难 物业服务差 违章搭建 供暖不足 道路破损
    垃圾清运不及时 占道经营 电梯故障 拖欠工资
    """
)


MEETING_ROOMS = words(
    """
    三楼会议室 第一会议室 第二会议室 五楼大会议室 401会议室 区行政中心一号会议室
    """
)
