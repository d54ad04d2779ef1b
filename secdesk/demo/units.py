"""The demo office's units: the district's government, departments, the city's bodies above
it, streets, towns, schools and companies, with the 机关代字 that make their doc numbers.

Wing: demo. Must not import screens, widgets, app or cli.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The streets the units stand on.
STREETS = ("人民路", "解放路", "中山路", "建设大道", "文化路", "新华街", "和平路", "滨河路")

#: (full name, short name, kind) of every unit the office deals with; the kind is own,
#: superior, department, grassroots, company or other.
ORGANIZATIONS: tuple[tuple[str, str, str], ...] = (
    ("某区人民政府", "区政府", "own"),
    ("某区人民政府办公室", "区政府办", "own"),
    ("中共某市委办公室", "市委办", "superior"),
    ("某市人民政府", "市政府", "superior"),
    ("某市人民政府办公室", "市政府办", "superior"),
    ("中共某区委办公室", "区委办", "superior"),
    ("某市发展和改革委员会", "市发改委", "superior"),
    ("某市财政局", "市财政局", "superior"),
    ("某市教育局", "市教育局", "superior"),
    ("某市应急管理局", "市应急局", "superior"),
    ("某市人力资源和社会保障局", "市人社局", "superior"),
    ("某市生态环境局", "市生态环境局", "superior"),
    ("某市卫生健康委员会", "市卫健委", "superior"),
    ("某市住房和城乡建设局", "市住建局", "superior"),
    ("某市市场监督管理局", "市市场监管局", "superior"),
    ("某市公安局", "市公安局", "superior"),
    ("某市统计局", "市统计局", "superior"),
    ("某市国家保密局", "市保密局", "superior"),
    ("某市档案局", "市档案局", "superior"),
    ("某市信访局", "市信访局", "superior"),
    ("某市审计局", "市审计局", "superior"),
    ("某区发展和改革局", "区发改局", "department"),
    ("某区教育局", "区教育局", "department"),
    ("某区科学技术局", "区科技局", "department"),
    ("某区工业和信息化局", "区工信局", "department"),
    ("某市公安局某区分局", "区公安分局", "department"),
    ("某区民政局", "区民政局", "department"),
    ("某区司法局", "区司法局", "department"),
    ("某区财政局", "区财政局", "department"),
    ("某区人力资源和社会保障局", "区人社局", "department"),
    ("某区自然资源和规划分局", "区自然资源分局", "department"),
    ("某区住房和城乡建设局", "区住建局", "department"),
    ("某区交通运输局", "区交通局", "department"),
    ("某区农业农村局", "区农业农村局", "department"),
    ("某区商务局", "区商务局", "department"),
    ("某区文化和旅游局", "区文旅局", "department"),
    ("某区卫生健康局", "区卫健局", "department"),
    ("某区退役军人事务局", "区退役军人局", "department"),
    ("某区应急管理局", "区应急局", "department"),
    ("某区审计局", "区审计局", "department"),
    ("某区市场监督管理局", "区市场监管局", "department"),
    ("某区统计局", "区统计局", "department"),
    ("某区医疗保障局", "区医保局", "department"),
    ("某区城市管理局", "区城管局", "department"),
    ("某区信访局", "区信访局", "department"),
    ("某区机关事务管理中心", "区机关事务中心", "department"),
    ("某区档案馆", "区档案馆", "department"),
    ("某区数据资源管理局", "区数据局", "department"),
    ("东城街道办事处", "东城街道", "grassroots"),
    ("西湖街道办事处", "西湖街道", "grassroots"),
    ("南山街道办事处", "南山街道", "grassroots"),
    ("北关街道办事处", "北关街道", "grassroots"),
    ("新华街道办事处", "新华街道", "grassroots"),
    ("青山镇人民政府", "青山镇", "grassroots"),
    ("白沙镇人民政府", "白沙镇", "grassroots"),
    ("柳溪镇人民政府", "柳溪镇", "grassroots"),
    ("东城街道幸福里社区居民委员会", "幸福里社区", "grassroots"),
    ("西湖街道湖滨社区居民委员会", "湖滨社区", "grassroots"),
    ("南山街道桃园社区居民委员会", "桃园社区", "grassroots"),
    ("新华街道光明社区居民委员会", "光明社区", "grassroots"),
    ("某区实验中学", "实验中学", "grassroots"),
    ("某区第一中学", "区一中", "grassroots"),
    ("某区第二中学", "区二中", "grassroots"),
    ("某区东城小学", "东城小学", "grassroots"),
    ("某区育才小学", "育才小学", "grassroots"),
    ("某区人民医院", "区人民医院", "grassroots"),
    ("某区中医院", "区中医院", "grassroots"),
    ("某市华信科技有限公司", "华信科技", "company"),
    ("某市宏达建设工程有限公司", "宏达建设", "company"),
    ("某市恒通物业管理有限公司", "恒通物业", "company"),
    ("某市金桥会务服务有限公司", "金桥会务", "company"),
    ("某市顺安保安服务有限公司", "顺安保安", "company"),
    ("中国移动通信集团某市分公司", "某市移动", "company"),
    ("中国电信股份有限公司某区分公司", "某区电信", "company"),
    ("国网某区供电公司", "区供电公司", "company"),
    ("某区自来水有限公司", "区自来水公司", "company"),
    ("某市日报社", "某市日报", "other"),
    ("某区融媒体中心", "区融媒体中心", "other"),
    ("某区明德文印中心", "明德文印", "other"),
    ("某区迎宾宾馆", "迎宾宾馆", "other"),
)
#: The 机关代字 (发 code, 函 code) of the units that issue numbered documents, by short
#: name: they make the doc numbers of what the office receives from them.
DOCUMENT_CODES = {
    "区政府": ("某区政发", "某区政函"),
    "区政府办": ("某区政办发", "某区政办函"),
    "市委办": ("某办发", "某办函"),
    "市政府": ("某府发", "某府函"),
    "市政府办": ("某府办发", "某府办函"),
    "区委办": ("某区委办发", "某区委办函"),
    "市发改委": ("某发改发", "某发改函"),
    "市财政局": ("某财预", "某财办"),
    "市教育局": ("某教发", "某教函"),
    "市应急局": ("某应急发", "某应急函"),
    "市人社局": ("某人社发", "某人社函"),
    "市生态环境局": ("某环发", "某环函"),
    "市卫健委": ("某卫健发", "某卫健函"),
    "市住建局": ("某建发", "某建函"),
    "市市场监管局": ("某市监发", "某市监函"),
    "市公安局": ("某公发", "某公函"),
    "市统计局": ("某统发", "某统函"),
    "市保密局": ("某保发", "某保函"),
    "市档案局": ("某档发", "某档函"),
    "市信访局": ("某信发", "某信函"),
    "市审计局": ("某审发", "某审函"),
    "区发改局": ("某区发改", "某区发改函"),
    "区教育局": ("某区教发", "某区教函"),
    "区科技局": ("某区科发", "某区科函"),
    "区工信局": ("某区工信发", "某区工信函"),
    "区公安分局": ("某区公发", "某区公函"),
    "区民政局": ("某区民发", "某区民函"),
    "区司法局": ("某区司发", "某区司函"),
    "区财政局": ("某区财发", "某区财函"),
    "区人社局": ("某区人社发", "某区人社函"),
    "区自然资源分局": ("某区自然资发", "某区自然资函"),
    "区住建局": ("某区建发", "某区建函"),
    "区交通局": ("某区交发", "某区交函"),
    "区农业农村局": ("某区农发", "某区农函"),
    "区商务局": ("某区商发", "某区商函"),
    "区文旅局": ("某区文旅发", "某区文旅函"),
    "区卫健局": ("某区卫健发", "某区卫健函"),
    "区退役军人局": ("某区退役发", "某区退役函"),
    "区应急局": ("某区应急发", "某区应急函"),
    "区审计局": ("某区审发", "某区审函"),
    "区市场监管局": ("某区市监发", "某区市监函"),
    "区统计局": ("某区统发", "某区统函"),
    "区医保局": ("某区医保发", "某区医保函"),
    "区城管局": ("某区城管发", "某区城管函"),
    "区信访局": ("某区信发", "某区信函"),
    "区档案馆": ("某区档发", "某区档函"),
    "区数据局": ("某区数据发", "某区数据函"),
    "东城街道": ("东街发", "东街函"),
    "西湖街道": ("西街发", "西街函"),
    "南山街道": ("南街发", "南街函"),
    "北关街道": ("北街发", "北街函"),
    "新华街道": ("新街发", "新街函"),
    "青山镇": ("青政发", "青政函"),
    "白沙镇": ("白政发", "白政函"),
    "柳溪镇": ("柳政发", "柳政函"),
}
#: Which units the contacts of each relation belong to.
RELATION_UNIT_KINDS = {
    "superior": ("superior",),
    "department": ("department",),
    "grassroots": ("grassroots",),
    "other": ("company", "other"),
}


@dataclass
class Unit:
    """An organisation as the generators need it."""

    id: int
    """The organisation's row id."""
    name: str
    short_name: str
    kind: str
    """own, superior, department, grassroots, company or other."""
    codes: tuple[str, str] | None
    """The unit's (发 code, 函 code), if it issues numbered documents."""
