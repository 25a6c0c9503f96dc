"""Counts (numeral + classifier), money (currency units) and physical measures (kind ``other``),
plus 倍 (ratio).

The unit is kept as written, with 万/亿 folded into the value: 2.11万人次 -> 21100 人次.
The classifier list was checked against the corpus (the most frequent characters after a numeral).
A lone 一 before a classifier is the indefinite article in official prose (一个中国, 一批干部,
一项重要工作, 一次会议) and is not a count, unless the text stresses the one (仅一家, 只有一台,
至少一人, 每年选择一个县: counted_one); 届/次 after a Chinese numeral usually number a
session (十四届全国人大二次会议), which is an ordinal.
"""
from __future__ import annotations

import re

CLASSIFIERS = (
    "个 名 人 位 次 人次 件 件次 条 份 户 户次 家 家庭 项 起 批 批次 所 座 台 台次 辆 辆次 架 架次 艘 艘次 "
    "只 头 匹 棵 株 套 部 篇 本 册 场 场次 期 届 支 处 例 宗 种 类 款 门 枚 颗 粒 张 幅 封 间 栋 幢 "
    "片 组 对 首 集 轮 票 笔 道 列 剂 剂次 车次 班次 航次 项次 省 省份 省区市 市 县 部门 部委 方面 国 响 点 "
    "金 银 铜 死 伤 班 页 章 块 字 尾 节 具 趟 段 席 面 顶 床 根 箱 卷 棒 口 盏 瓶 盒 袋 束 尊"
).split()
CURRENCIES = (
    "元 美元 欧元 日元 英镑 港元 港币 澳元 加元 韩元 卢布 人民币 美金 新台币 澳门元 卢比 瑞士法郎 法郎 "
    "泰铢 林吉特 新加坡元 比索 雷亚尔 里亚尔 迪拉姆 第纳尔 兰特 里拉 越南盾 块钱"
).split()
MEASURES = (
    "吨公里 人公里 吨 公斤 千克 克 毫克 微克 斤 公里 千米 米 厘米 毫米 微米 纳米 海里 英里 平方米 平方公里 "
    "平方千米 公顷 亩 立方米 升 毫升 千瓦 千瓦时 瓦 兆瓦 吉瓦 千伏 伏 度 摄氏度 ℃ 标准箱 标箱 TEU 桶 马力 分贝 级 "
    "GB TB MB Gbps 光年 立方 方 千卡 帕 千帕 百帕 兆帕 赫兹 米/秒 公里/小时 千米/小时 层 里 ° 英尺 英寸 磅 盎司 "
    "加仑 兆瓦时 吉瓦时 太瓦时 马赫"
).split()

# Units that only follow Arabic numerals (两级, 一度, 三代, 二层 are words).
# (三里屯, 十里八乡, 三国, 两点, 一金, 二十四节气, 八段锦, 八字方针, 四面八方, 九章: words;
#  5金4银6铜, 55国, 5点建议, 1死16伤, 12节车厢, 10章77条 are counts)
ARABIC_ONLY = frozenset({"度", "级", "层", "方", "立方", "省", "市", "县", "里", "国", "响", "点", "金", "银", "铜",
                         "死", "伤", "班", "章", "字", "尾", "节", "段", "面", "床", "卷", "棒", "口"})
# 3市场, 5县城: the admin unit starts another word.
# 3市场, 5县城 start another word; 210省道, 318国道, 12县道 are road numbers.
_NOT_ADMIN_AFTER = tuple("场民长委级政直属容值面井辖域内城乡区道")

UNITS: dict[str, tuple[str, str]] = {}
for _u in CLASSIFIERS:
    UNITS[_u] = (_u, "count")
for _u in MEASURES:
    UNITS[_u] = (_u, "other")
for _u in CURRENCIES:
    UNITS[_u] = ("元" if _u == "块钱" else _u, "money")
UNITS["倍"] = ("倍", "ratio")
UNITS["人（次）"] = UNITS["人(次)"] = ("人次", "count")
# Nouns that begin with a unit character: after a numeral they are the counted noun, not a unit
# (14亿多人口 and 14亿多人民 are 1.4 billion-odd with no unit; 三个百亿台阶 has no 台).
NOUNS = ("人口", "人民", "台阶", "个人", "个体", "名义", "期间", "部分", "元首", "处理", "所有", "所在", "条件", "家长", "家人",
         "场所", "类型", "门户", "头条", "米饭", "班子", "班级", "班组", "班列", "班长", "年级", "年轻", "方式", "方向",
         "方法", "方案", "方针", "方位", "方阵", "方略", "国集团", "国家", "国际", "国内", "国产", "国民", "点钟", "点档",
         "点半", "点多", "点整", "金额", "金融", "银行", "里程", "死亡", "伤亡", "具有", "具备", "具体", "面积",
         "面向", "面对", "面临", "面貌", "口岸", "口罩", "口径", "口号", "床位", "节目", "节日", "节点", "节能",
         "节约", "节气", "节奏", "字头", "根据", "根本", "段落", "页面", "块头")
for _u in NOUNS:
    UNITS[_u] = (None, "noun")

# Chinese numeral + 个/位/项/种 + these heads are slogans (两个维护, 四个意识, 五位一体, 八项规定).
_SLOGAN_HEADS = {
    "个": ("意识", "自信", "维护", "确立", "全面", "代表", "一百年", "百年", "大局", "结合", "务必",
           "必由之路", "明确", "坚持", "服从", "毫不", "面向", "没有变", "责任主体", "伟大", "好"),
    "位": ("一体", "数"),
    "项": ("规定", "原则", "基本原则", "注意"),
    "种": ("形态",),
}
# Session ordinals: 二次会议 after a 届, 四次全会, 二十次全国代表大会.
_SESSION_HEADS = ("全体会议", "会议", "全会", "全国代表大会", "代表大会", "党代会", "缔约方大会", "峰会",
                  "会晤", "集体学习", "常委会", "常务会议")
_ALWAYS_SESSION = ("全会", "全体会议", "全国代表大会", "缔约方大会")
COUNT_BEFORE_JIE = ("连续", "连", "历经", "共", "跨越", "跨", "已", "历", "先后", "这", "几", "两")
_PHASE_HEADS = ("工程", "项目")
_PER = re.compile(r"/(?:吨|斤|公斤|千克|克|升|平方米|亩|立方米|千瓦时|度|人|年|月|天|小时|公里|米|股|桶|盎司|次|件|个)")


def per_unit(text: str, pos: int) -> int:
    """Length of a '/吨' style denominator after a unit (元/吨, 公里/小时), else 0."""
    if pos < len(text) and text[pos] == "/":
        m = _PER.match(text, pos)
        if m:
            return m.end() - pos
    return 0


_MONEY_CUES = re.compile(r"元|生产总值|GDP|经济总量|经济体量|营收|营业收入|销售额|交易额|成交额|贸易额|进出口|投资|资金|"
                         r"利润|税收|财政|存款|贷款|融资|市值|增加值|零售总额|收支|补贴|工资|收入")
# "<something>数 (达到|为|超过) N": 用户数, 连接数, 人数, 人次 … count things, not money.
_COUNT_CUES = re.compile(r"(?:数|人口|用户|人次|网民|观众|游客|患者|病例|旅客|居民|学生|党员|群众|家庭)[^，。；：]{0,4}$")
_CLAUSE_DELIMS = "，。；：！？\n"


def unitless_kind(text: str, start: int, end: int) -> str | None:
    """Kind of a unit-less scaled number (100万亿, 7.5亿) from the words of its own clause:
    'money', 'count', or None when the clause does not say."""
    lo = max(0, start - 20)
    cut = max(text.rfind(d, lo, start) for d in _CLAUSE_DELIMS)
    before = text[cut + 1 if cut >= 0 else lo:start]
    after_end = min(len(text), end + 6)
    for d in _CLAUSE_DELIMS:
        i = text.find(d, end, after_end)
        if i >= 0:
            after_end = i
    if _COUNT_CUES.search(before):
        return "count"
    if _MONEY_CUES.search(before) or _MONEY_CUES.search(text, end, after_end):
        return "money"
    return None


# 千亿斤粮食产能提升行动, 百万英才计划: a round magnitude word inside a programme name.
_PROGRAMME = re.compile(r"[^，。；：、！？\n\d]{0,10}?(?:行动|工程|计划|战略|项目|活动|专项)")


def programme_name(text: str, end: int) -> bool:
    return _PROGRAMME.match(text, end) is not None


# A lone 一 is a count where the text stresses that it is one: after 仅/只有/至少 (仅一家, 至少一人死亡), or
# one per unit after 每 + a unit or period (每年选择一个县, 每户有一名草原管护员; 每一个 is "every").
_ONE_STRESSED = ("仅仅", "仅有", "只有", "至少", "最少", "仅", "只")
ONE_PER = r"每(?!一)[年月周天日户人村县乡镇省市个期家所校班组季届名位][^，。；：！？、\n\d一]{0,8}"
_ONE_PER_BEFORE = re.compile(ONE_PER + "$")


def counted_one(text: str, start: int) -> bool:
    """Is the lone 一 at start a count of one rather than the article?"""
    if text.startswith("起", start + 1):
        return False  # 一起: "together" far more often than one incident
    for w in _ONE_STRESSED:
        if text.startswith(w, start - len(w)):
            return start - len(w) < 1 or text[start - len(w) - 1] != "不"  # 不只一个, 不仅有一: "not only"
    return _ONE_PER_BEFORE.search(text, max(0, start - 10), start) is not None


# 节 counts lessons and carriages (3节课, 12节车厢) except after a speed, where it is the knot.
_SPEED_BEFORE = re.compile(r"(?:航速|时速|速度|风速|流速|航行)[^，。；：！？\n\d]{0,6}$")


def knots(text: str, start: int) -> bool:
    """True when 节 after the numeral at `start` is a speed (航速27节, 最高航速达到30节)."""
    return bool(_SPEED_BEFORE.search(text, max(0, start - 12), start))


def rejects(text: str, start: int, unit_end: int, raw: str, chinese: bool, unit: str, kind: str) -> bool:
    """True when numeral+unit at text[start:unit_end] is not a count/measure although it looks like one."""
    if chinese:
        if raw == "一" and kind != "ratio" and not counted_one(text, start):
            return True  # indefinite article: 一个, 一批, 一项, 一次, 一票否决, 一公里 (最后一公里)
        if unit in ARABIC_ONLY:
            return True
        after = text[unit_end:unit_end + 6]
        heads = _SLOGAN_HEADS.get(unit)
        if heads and after.startswith(heads):
            return True
        if unit == "次" and after.startswith(_SESSION_HEADS):
            if after.startswith(_ALWAYS_SESSION) or "届" in text[max(0, start - 14):start]:
                return True
        if unit == "期" and after.startswith(_PHASE_HEADS):
            return True  # 二期工程: a phase
    if unit in ("市", "县", "省") and text.startswith(_NOT_ADMIN_AFTER, unit_end) \
            or unit == "国" and text.startswith("道", unit_end):
        return True
    if unit == "届":
        before = text[max(0, start - 2):start]
        if not before.endswith(COUNT_BEFORE_JIE):
            return True  # 十四届全国人大, 26届: ordinals unless 连续三届
    return False
