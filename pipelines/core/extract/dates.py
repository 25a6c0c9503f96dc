"""Dates, years and durations.

* A bare year is kind ``year`` (2011年 -> 2011, unit 年; 2021—2025年 a year range).
* Anything finer than a year is ONE ``date`` mention with value and unit null: 2012年1月,
  1月18日, 4月下旬, 1至5月, 2024年2月28日12时24分, 2020年底, (第|前)三季度, 前5个月, 80年代.
* Durations keep their unit: 今后五年 -> 五年 (5, 年), 3个月 (3, 个月), 一年半 (1.5, 年),
  5年来 -> 5年.  近五年 / 最近3年 mean "the last N years": qualifier null.
"""
from __future__ import annotations

import re

# Character classes rather than alternations keep these patterns fast (they run on every date);
# a 13月 is accepted as a date rather than checked, it does not occur.
_SEP = r"(?:[至到–\-－~～、]|—{1,2})"
_MON = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_HOUR = r"\d{1,2}"
_TIME = (rf"(?:凌晨|[早上中下]午|早上|傍晚|晚上|晚间|夜间|晚)?{_HOUR}"
         rf"(?:[—\-－至到]{_HOUR})?(?:[时点](?:\d{{1,2}}分)?许?|[:：]\d\d)")
_PART = r"(?:上旬|中旬|下旬|中下旬|上中旬|初(?![步心衷级中审稿次创见])|底|末)"

_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})年度?"
_MONTH = rf"{_MON}(?:{_SEP}{_MON})*月份?"
_DAYS = rf"{_DAY}(?:{_SEP}{_DAY})*[日号]"
_QUARTER = r"[一二三四1-4](?:(?:、|至|到|—|-)[一二三四1-4])*季度"
_HOLIDAY = r"(?:元旦|春节|元宵|清明|五一|端午|七一|八一|中秋|国庆|寒假|暑假|暑期|春运|汛期|春季|夏季|秋季|冬季|春耕|秋收|两会)"
_YEAR_TAIL = (rf"(?:上半年|下半年|(?:第|前)?{_QUARTER}|底|末|初(?!步)|年初|年底|年末|{_HOLIDAY}(?:、?{_HOLIDAY})*)")
# One match reads year, month, day, time and part of month: 2024年2月28日12时24分, 4月下旬, 2020年底.
CALENDAR = re.compile(rf"(?P<y>{_YEAR})?(?:(?P<tail>(?<=年){_YEAR_TAIL}|{_QUARTER})"
                      rf"|(?P<m>{_MONTH})(?:{_DAYS}(?:{_TIME})?|{_PART})?)?")
# The common Arabic forms (2024年, 5月18日, 2024年2月28日) are read by a cheap pattern; only when
# the next character could continue the expression (by the last character read: 年, 月 or 日) is the
# full CALENDAR pattern run.
FAST = re.compile(r"(?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}日)?)?")
_DIGITS = "0123456789０１２３４５６７８９一二三四五六七八九十〇零"
_RANGE = "至到—–-－~～〜、"
CONTINUES = {
    "年": frozenset(_DIGITS + _RANGE + "度代上下前第底末初年元春清五七八端中国寒暑汛夏秋冬两"),
    "月": frozenset(_DIGITS + _RANGE + "份上中下初底末"),
    "日": frozenset(_DIGITS + _RANGE + "凌早上中下傍晚夜"),
}
DAY = re.compile(_DAYS)
TIME = re.compile(_TIME)
FIRST_MONTHS = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十两]{1,3})个月")

UNITS: dict[str, tuple[str | None, str]] = {
    "年": ("年", "year|duration"), "学年": ("学年", "year|duration"),  # 2017—2018学年: an academic year
    "年代": (None, "date"), "世纪": (None, "date"),
    "个月": ("个月", "duration"), "天": ("天", "duration"), "日": ("日", "day|duration"),
    "周": ("周", "duration"), "星期": ("星期", "duration"), "个星期": ("个星期", "duration"),
    "小时": ("小时", "duration"), "个小时": ("个小时", "duration"), "分钟": ("分钟", "duration"),
    "秒": ("秒", "duration"), "秒钟": ("秒钟", "duration"), "毫秒": ("毫秒", "duration"), "微秒": ("微秒", "duration"),
    "学时": ("学时", "duration"),  # class hours of training: 人均参训62.5学时
    "个工作日": ("个工作日", "duration"), "工作日": ("工作日", "duration"), "周年": ("周年", "duration"), "个季度": ("个季度", "duration"),
}
# 个 + 多/半 + these: 3个多月, 两个半小时.
GE_SPLIT = {"月": "个月", "小时": "个小时", "星期": "个星期", "工作日": "个工作日"}

_DURATION_AFTER = ("来", "以来", "内", "之内", "以内", "间", "多", "半", "时间", "之后", "以后", "后", "前", "里")
_DURATION_BEFORE = ("过去的", "历经", "走过", "跨越", "提前", "推迟", "延长", "缩短", "过去", "连续", "持续", "历时",
                    "为期", "用了", "仅用", "只用", "不到", "不足", "短短", "整整", "最近", "今后", "未来", "此后",
                    "用", "花了", "经过", "长达", "超过", "逾", "近")


def duration_context(text: str, start: int, end: int) -> bool:
    """Does the context make 一年 / 一天 / 二日 a span of time rather than an idiom or a day?"""
    return text.startswith(_DURATION_AFTER, end) or text[max(0, start - 3):start].endswith(_DURATION_BEFORE)


def is_year_number(value: float, raw: str, chinese: bool) -> bool:
    """2011, 二〇一一, 两千零五 name a year; 5000, 两千 (年) and 一百 (年) are spans of years."""
    if chinese:
        if len(raw) == 4 and all(c in "〇零一二三四五六七八九" for c in raw):
            return True
        return 1000 <= value <= 2199 and value % 100 != 0 and "千" in raw
    return len(raw) == 4 and 1000 <= value <= 2199


def match_date(text: str, start: int) -> tuple[int, int, str] | None:
    """A calendar expression starting at text[start] (a numeral): (start, end, 'date' | 'year').
    The start moves back over 第/前 for quarters and first-N-months (第一季度, 前三季度, 前5个月)."""
    end = FAST.match(text, start).end()
    if end > start and text[end:end + 1] not in CONTINUES[text[end - 1]]:
        return start, end, ("year" if text[end - 1] == "年" else "date")
    m = CALENDAR.match(text, start)
    end = m.end()
    if end > start:
        if m.group("m") is not None:
            return start, end, "date"
        if m.group("tail") is not None:
            if m.group("y") is None and start and text[start - 1] in "第前":
                return start - 1, end, "date"
            return start, end, "date"
        if text.startswith("代", end):
            return start, end + 1, "date"  # 1980年代
        return start, end, "year"
    prev = text[start - 1] if start else "\0"  # a sentinel: "" would be "in" every string
    if prev in "前头":
        f = FIRST_MONTHS.match(text, start)
        if f and not text.startswith(("以来", "来"), f.end()):
            return start - 1, f.end(), "date"
    d = DAY.match(text, start) if prev != "第" else None  # 18日 alone; 5日内 / 连续3日 are durations
    if d and d.group()[0].isdigit() and int(d.group()[:2].rstrip("日号至到—–-－~～、")) <= 31 \
            and not text.startswith(("内", "以内", "之内", "来", "以来"), d.end()) \
            and (d.group()[-1] != "号" or not _named_by_number(text, d.end())) \
            and not text[max(0, start - 2):start].endswith(("连续", "历时", "为期", "用时", "过去", "近")):
        end = d.end()
        tm = TIME.match(text, end)
        return start, tm.end() if tm else end, "date"
    tm = TIME.match(text, start)
    if tm and tm.group()[0].isdigit():
        g = tm.group()
        if "时" in g or ":" in g or "：" in g or text.startswith(("档", "整", "半", "钟"), tm.end()) \
                or text[max(0, start - 3):start].endswith(CLOCK_BEFORE):
            return start, tm.end() + (1 if text.startswith(("整", "半"), tm.end()) else 0), "date"
    return None


CLOCK_BEFORE = ("上午", "下午", "晚上", "早上", "凌晨", "中午", "傍晚", "今晚", "明晚", "当晚", "晚", "早")
# 3号线, 1号机组, 32号院, 2号楼, “雪龙2号”: a bare N号 (no month before it) before these heads names a
# thing, not a day (18号晚上, 10号在墨尔本出庭 are days); 1号到3号机组, 7号、8号机组 look past the list.
_NAMED_HEADS = "线机楼院坑船隧门馆厅车泊洪台头桥井站令堆炉舱仓库罐柜窗房室厂矿舰艇墩泵塔”"
_NAMED_BY_NUMBER = re.compile(rf"(?:(?:[至到和、]|—{{1,2}}|[-－~～])\d{{1,2}}号)*[{_NAMED_HEADS}]")


def _named_by_number(text: str, end: int) -> bool:
    """Does the N号 ending at end name a thing (1号到3号机组) rather than a day?"""
    return _NAMED_BY_NUMBER.match(text, end) is not None


_CLOCK_WORDS = ("次日", "当日", "翌日", "当天") + CLOCK_BEFORE


def clock_word(text: str, pos: int) -> int:
    """Length of a time-of-day word at pos (上午8时到下午5时: the second 下午), else 0."""
    for w in _CLOCK_WORDS:
        if text.startswith(w, pos):
            return len(w)
    return 0
