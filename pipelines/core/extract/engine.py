"""The extraction loop: one candidate regex over the text, then cheap context analysis per candidate.

Rules are written for the folded view of the text (pipelines.core.text.fold_width), but the text is
not folded as a whole: folding 20 M characters costs 3.5x a bare digit scan.  Instead every pattern
accepts both widths where it matters (\\d matches full-width digits, ％/%, ．/., －/-, ～/~), which is
exactly equivalent because fold_width maps one code point to one code point.

Order of decisions for a numeral candidate (_analyse):
  name/ordinal filters -> birth cohort -> calendar expression -> 多/余 and 万/亿 -> unit
  -> dimension checks (percents, ages, dates, counts) -> range -> qualifier -> bounds -> subject.
Candidates starting with an ASCII digit (5月18日, 2024年, 102名, 5.0%, 3万多人, 1349084亿元, 40年来) take
_fast, which must give exactly what _analyse gives (test_fast_path.py).
"""
from __future__ import annotations

import heapq
import re
from bisect import bisect_right

from ..model import Quantity
from . import ages, counts, dates, filters, percents, subject
from .numerals import (AR_NUMBER, CN_DIGITS, CN_NUMBER, arabic_place, arabic_value, cn_adjacent_pair, cn_number,
                       cn_place, scaled)

# ---------------------------------------------------------------------------------------------- units
UNITS: dict[str, tuple[str | None, str]] = {}
for _mod in (counts, dates, ages, percents):
    UNITS.update(_mod.UNITS)
# unit_at runs for most candidates.  Keyed by their first two characters, the multi-character words
# that can start at a position are a handful at most (个 alone starts nine: 个月, 个人, 个百分点…).
_LONG_UNITS: dict[str, tuple[str, ...]] = {}  # first two characters -> words, longest first
_SHORT_UNITS: dict[str, str] = {}  # one-character units (no one-character noun exists, but skip any)
for _u in sorted(UNITS, key=len, reverse=True):
    if len(_u) > 1:
        _LONG_UNITS[_u[:2]] = _LONG_UNITS.get(_u[:2], ()) + (_u,)
    elif UNITS[_u][1] != "noun":
        _SHORT_UNITS[_u] = _u
_LONG_UNIT_OR_NONE = {u: None if UNITS[u][1] == "noun" else u for u in UNITS if len(u) > 1}
_AR_MULT = {"百": 100, "千": 1000, "万": 10 ** 4, "亿": 10 ** 8}


def unit_at(text: str, pos: int) -> str | None:
    """Longest unit word starting at text[pos] (None when the longest word there is a noun: 人口)."""
    longer = _LONG_UNITS.get(text[pos:pos + 2])
    if longer is not None:
        for u in longer:
            if text.startswith(u, pos):
                return _LONG_UNIT_OR_NONE[u]
    return _SHORT_UNITS.get(text[pos:pos + 1])


# ------------------------------------------------------------------------------------------ candidates
# One pattern finds every numeral run.  It starts with a character class (the first character is
# consumed, the branches check it by lookbehind) so that the regex engine skips non-numeral text at
# C speed; an alternation of groups would be tried at every position (3.5x slower than a bare scan).
# The class holds no frequent character (上半年 and 过半 start at 半: _word moves their start back) and
# no \d, which costs a Unicode lookup per character: Arabic numerals start with an ASCII or full-width
# digit (the digits of other scripts do not occur in these texts).
_D = "〇零一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
_RUN = _D + "十拾百佰千仟万亿"
# Characters that may follow a Chinese numeral run: first characters of the units a Chinese numeral
# can take (not 国/点/级…, which only count after Arabic digits: 两国, 一点, 两级 are words).
_CN_UNITS = [u for u, (_, k) in UNITS.items() if k != "noun" and u not in counts.ARABIC_ONLY]
_CN_FOLLOW = re.escape("".join(sorted({u[0] for u in _CN_UNITS} | set("多余几至到—–-－~～〜、季月万亿"))))
# A lone 一 before a classifier is an article (一个, 一批, 一项): only its time/percent/range uses are
# candidates, which keeps the very frequent 一个/一种/一次 out of the Python loop.
_LONE_YI_FOLLOW = r"个(?:多|半)?(?:月|小时|星期|工作日)|[年天周月日季多余至到—–\-－~～〜成岁倍小分秒星]"
# Characters after a numeral that may continue a calendar expression (第一季度, 第3月 are dates).
_CALENDAR_NEXT = "年月日号时点季:：个至到—–-－~～〜、"
# 百万, 千万, 百亿, 千亿, 万亿 without a digit are numbers only before a unit (千万不要 is "must not").
_MAGNITUDE_FOLLOW = rf"[{_CN_FOLLOW}]|台阶|级"
CANDIDATE = re.compile(
    rf"[0-9０-９{_D}十拾百千万半翻第](?:"
    rf"(?<=第)(?:[0-9０-９]\d*+(?:,\d{{3}}(?!\d))*+(?:[.．]\d++)?|[{_D}十拾][{_RUN}]*+(?:点[{_D}]++)?)"
    rf"(?![{re.escape(_CALENDAR_NEXT)}])"                                         # 第3次: skipped
    rf"|(?<=\d)\d*+(?:,\d{{3}}(?!\d))*+(?:[.．]\d++)?"                       # Arabic
    rf"|(?<=百){percents.PERCENT_WORD[1:]}"                                     # 百分之…
    rf"|(?<=一)多?半|(?<=过半)(?<!超过半)|(?<=半)数"                              # 一半 一多半 (过)半 半数
    rf"|(?<=[上下]半)年"                                                         # (上)半年: a date
    rf"|(?<![上下前后大多]半)(?<=半)(?:个月|个小时|小时|年|天)(?![报度])"            # 半年: 0.5 年
    rf"|(?<=翻)[一两二三四]番"                                                   # 翻一番: 2 倍
    rf"|(?<=百)年"                                                              # 历经百年
    rf"|(?<=[{_D}十百千万])[{_D}十百千万]*分之{percents.CN_DECIMAL}"                 # 三分之二
    rf"|(?<=[百千])(?:万亿|[万亿])(?={_MAGNITUDE_FOLLOW})|(?<=万)亿(?={_MAGNITUDE_FOLLOW})"   # 百亿元, 百万亿元
    rf"|(?<=[百千万])(?=[余多][{_CN_FOLLOW}])"                                   # 千余名
    rf"|(?<=[近超逾足到破过][百千万])(?=[{_CN_FOLLOW}])(?![万亿]|分之)"              # 近千名, 超万例
    rf"|(?<=[{_D}十拾])(?:(?<=一)(?=[{_RUN}点])|(?<!一))[{_RUN}]*+(?:点[{_D}]++)?"
    rf"(?:(?=[{_CN_FOLLOW}])|(?<=[万亿]))"                                       # Chinese numeral
    rf"|(?<=一)(?={_LONE_YI_FOLLOW})"
    rf"|(?:(?<=[仅只少]一)|(?<=[仅只]有一))(?=[{_CN_FOLLOW}]))")                    # 仅一家, 至少一人
# 每年选择一个县: a lone 一 counted per unit (counts.counted_one); found by its own scan, which is cheap
# because the pattern starts with a literal.
_ONE_PER = re.compile(rf"{counts.ONE_PER}一(?=[{_CN_FOLLOW}])")
_YI = re.compile("一")
# A numeral run longer than this is no quantity: any value below the 1e30 that _to_quantities keeps
# is written in fewer characters, and int()/float() of a 400- or 5,000-digit run raises.
MAX_NUMERAL_CHARS = 64
_CONNECTOR = re.compile(r"(?:至|到|——|—|–|-|－|~|～|〜)")
_CONNECTOR_FIRST = frozenset("至到—–-－~～〜")
_CALENDAR_NEXT_SET = frozenset(_CALENDAR_NEXT)
_NAME_BEFORE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-－.．")
_RATIO = re.compile(r"(?:[:∶：]|比)(\d{1,3})(?![\d:∶：])")
_SENTENCE_END = re.compile(r"[。！？!?\n]")

# ---------------------------------------------------------------------------------------- qualifiers
_SUFFIX = (("及以上", "at_least", True), ("以上", "at_least", True), ("及以下", "at_most", True),
           ("以下", "at_most", True), ("以内", "at_most", True), ("之内", "at_most", True),
           ("左右", "approx", False), ("上下", "approx", False), ("前后", "approx", False),
           ("开外", "more_than", True), ("还多", "more_than", False))  # 三分之一还多: "a third and more"
_HAI_DUO_NOT_BEFORE = frozenset("次个项种家出于了少")  # 还多次, 还多出: 还 + another word
_SUFFIX_FIRST = frozenset(w[0] for w, _, _ in _SUFFIX)
# The suffixes by their first two characters (no two of them match at one position, so their order
# does not matter): one look-up instead of a startswith per suffix.
_SUFFIX_BY_HEAD: dict[str, tuple[tuple[str, str, bool], ...]] = {}
for _entry in _SUFFIX:
    _SUFFIX_BY_HEAD[_entry[0][:2]] = _SUFFIX_BY_HEAD.get(_entry[0][:2], ()) + (_entry,)
_SCOPE_SUFFIXES = frozenset({"以内", "之内"})  # 11个月之内: the period covered, not a bound
_PREFIX = (("突破了", "more_than"), ("超过了", "more_than"), ("不少于", "at_least"), ("不低于", "at_least"),
           ("不超过", "at_most"), ("不高于", "at_most"), ("至少", "at_least"), ("最多", "at_most"),
           ("最少", "at_least"), ("不到", "less_than"),
           ("不足", "less_than"), ("将近", "less_than"), ("接近", "less_than"), ("少于", "less_than"),
           ("低于", "less_than"), ("小于", "less_than"), ("超过", "more_than"), ("多于", "more_than"),
           ("高于", "more_than"), ("大于", "more_than"), ("突破", "more_than"), ("大约", "approx"),
           ("约合", "approx"), ("约占", "approx"), ("大概", "approx"), ("约有", "approx"), ("逾", "more_than"), ("超", "more_than"),
           ("约", "approx"), ("近", "less_than"), ("过", "more_than"))
_NOT_YUE = frozenset("节制签预相公条违邀履契婚合特誓守践")  # 节约, 签约: not 约 = about
_NOT_JIN = frozenset("最附邻靠亲就贴走拉临挨")  # 附近, 走近: not 近 = "nearly"
_NOT_CHAO = frozenset("赶高")
_NOT_GUO = frozenset("经通超度越穿跨路错记功不难走闯挺熬")  # 经过3年, 走过百年: not 过 = "over"
# 超过总数的三分之一: a share's qualifier may stand before "<whole>的".
# (约 only as 约占: 节约…的 is no "about"; a base with 、 inside: "约占享乐主义、奢靡之风问题的六成")
_SHARE_PREFIX = re.compile(r"(?:(超过|不到|不足|接近|将近|近|逾|至少)|(约)(?=占))[^，。；：\d]{1,16}的$")
_BARE_BEFORE = ("为", "至", "到", "达", "是", "报", "录得", "降至", "升至", "回落至", "回升至")
_BARE_AFTER = frozenset("，。；、,;）)")
_LIST_SEPARATORS = frozenset("、和及与或")
_FUNCTION_CHARS = frozenset("的和及与或到至了在是为比而以就都也还将已等左上下，。；、")
_LEVELS = ("台阶", "大关", "关口", "规模", "水平", "量级", "级")


_MODAL = frozenset("得能会宜可应")
_NEGATED = {"more_than": "at_most", "less_than": "at_least"}
_PREFIX_ALL = dict(_PREFIX)
_PREFIX_BY_LEN = tuple((n, {w: q for w, q in _PREFIX if len(w) == n}) for n in (3, 2, 1))
_PREFIX_LAST = frozenset(w[-1] for w, _ in _PREFIX)


_BOUND_OVER_VERB = {"至少": "at_least", "最少": "at_least", "最多": "at_most"}


def _bound_over_verb(text: str, start: int) -> str | None:
    """至少/最少/最多 and a verb of one or two characters before the numeral: "每个班子至少配备1名女干部",
    "至少有1名" bound the number as 至少1名 does."""
    for k in (1, 2):
        if start >= k + 2:
            qual = _BOUND_OVER_VERB.get(text[start - k - 2:start - k])
            if qual is not None and all("\u4e00" <= c <= "\u9fff" and c not in _FUNCTION_CHARS
                                        for c in text[start - k:start]):
                return qual
    return None


def _verb_bound_near(text: str, s: int) -> bool:
    """Cheap test for the fast path: could _bound_over_verb find 至少/最少/最多 before s?"""
    return s > 2 and (text.find("少", s - 3, s - 1) >= 0 or text.find("多", s - 3, s - 1) >= 0)


def _prefix_qualifier(text: str, start: int) -> str | None:
    """Qualifier word right before a numeral (not part of the surface); '近' is returned as is
    because 近五年 (the last five years) is no qualifier at all."""
    if not start:
        return None
    if text[start - 1] not in _PREFIX_LAST:
        return _bound_over_verb(text, start)
    for n, table in _PREFIX_BY_LEN:
        if start < n:
            continue
        qual = table.get(text[start - n:start])
        if qual is None:
            continue
        before = text[start - n - 1] if start > n else ""
        if n == 2 and before in _MODAL and start > 3 and text[start - 4] == "不" and qual in _NEGATED:
            return _NEGATED[qual]  # 不得超过3小时: at most; 不得低于: at least
        if n == 1:
            word = text[start - 1]
            if word == "约" and before in _NOT_YUE or word == "近" and before in _NOT_JIN \
                    or word == "超" and before in _NOT_CHAO or word == "过" and before in _NOT_GUO:
                return None
            if word == "近":
                return "近"
        return qual
    return _bound_over_verb(text, start)


class _Num:
    """A numeral read at a position: value, place of its last digit, 多/余, multiplier."""

    __slots__ = ("start", "end", "raw", "value", "place", "more", "scaled", "chinese", "pair")

    def __init__(self, start, end, raw, value, place, more, scaled_, chinese, pair=None):
        # One assignment per attribute: a multiple assignment of more than three builds a tuple.
        self.start = start
        self.end = end
        self.raw = raw
        self.value = value
        self.place = place
        self.more = more
        self.scaled = scaled_
        self.chinese = chinese
        self.pair = pair


def _multiplier(text: str, p: int) -> tuple[int, int]:
    mult = 1
    n = 0
    while n < 3 and p < len(text) and text[p] in _AR_MULT:
        u = unit_at(text, p)
        if u is not None and len(u) > 1:  # 千瓦, 千米, 百分点: a unit, not a multiplier
            break
        mult *= _AR_MULT[text[p]]
        p += 1
        n += 1
    return p, mult


_MORE_OR_MULT = frozenset("多余百千万亿")
# Units whose reading after an Arabic numeral needs no rule beyond the lexicon.
_PLAIN_UNITS = frozenset(u for u, (_, k) in UNITS.items()
                         if k in ("count", "money", "other", "percent", "percentage_points", "age", "ratio")
                         and u not in ("届", "市", "县", "省", "国", "‰", "个", "成", "点"))


def _read_number(text: str, start: int, end: int, chinese: bool) -> _Num | None:
    """The numeral text[start:end] plus a following 多/余 and 万/亿 multiplier."""
    raw = text[start:end]
    p = end
    more = False
    if chinese:
        value = cn_number(raw)
        pair = None
        if value is None:
            pair = cn_adjacent_pair(raw)
            if pair is None:
                return None
            value = float(pair[0])
        place = cn_place(raw)
        if p < len(text) and text[p] in "多余":
            more = True
            p += 1
        p2, mult = _multiplier(text, p) if text[p:p + 1] in _AR_MULT else (p, 1)  # 一百多万, 三点五万
        if mult > 1:
            value = float(f"{value * mult:.15g}")  # 七十一点六亿: 71.6 * 1e8 without a float tail
            place *= mult
            pair = (pair[0] * mult, pair[1] * mult) if pair else None
        return _Num(start, p2, raw, value, place, more, mult > 1, True, pair)
    if len(raw) > 24:
        return None  # an identifier, not a number
    nxt = text[p] if p < len(text) else ""
    if nxt not in _MORE_OR_MULT:  # the common case: a plain Arabic numeral
        if raw.isdigit():
            return _Num(start, p, raw, float(int(raw)), 0.0, False, False, False)
        mant, dec = arabic_value(raw)
        return _Num(start, p, raw, scaled(mant, dec), 0.0, False, False, False)
    mant, dec = arabic_value(raw)
    p, mult = _multiplier(text, p)
    if p < len(text) and text[p] in "多余":
        more = True
        p += 1
        if mult == 1:
            p, mult = _multiplier(text, p)
    return _Num(start, p, raw, scaled(mant, dec, mult), arabic_place(mant, dec, mult), more, mult > 1, False)


def _duration_suffix(text: str, num: _Num, unit: str, u_end: int) -> tuple[str, int, float, bool]:
    """个 + 多/半 + 月 (3个多月, 两个半小时); 年 + 半/多 (一年半, 一年多)."""
    value, more = num.value, False
    if unit == "个" and u_end < len(text) and text[u_end] in "多半":
        for tail, full in dates.GE_SPLIT.items():
            if text.startswith(tail, u_end + 1):
                if text[u_end] == "半":
                    value += 0.5
                else:
                    more = True
                return full, u_end + 1 + len(tail), value, more
    if unit in ("年", "天", "小时", "个月", "周", "个小时") and u_end < len(text) and text[u_end] in "多半" \
            and not num.more:
        if text[u_end] == "半":
            return unit, u_end + 1, value + 0.5, False
        return unit, u_end + 1, value, True
    return unit, u_end, value, False


# --------------------------------------------------------------------------------------------- reading
class _Reading:
    __slots__ = ("start", "end", "value", "unit", "kind", "qualifier", "low", "high", "place", "more", "prefixed")

    def __init__(self, start, end, value, unit, kind, qualifier=None, low=None, high=None, place=1.0, more=False):
        self.start = start
        self.end = end
        self.value = value
        self.unit = unit
        self.kind = kind
        self.qualifier = qualifier
        self.low = low
        self.high = high
        self.place = place
        self.more = more
        self.prefixed = False  # the qualifier came from a word before the numeral (超过万亿元、千亿元)


_PENDING = "pending"


# 多 after the unit (3倍多, 1米多, 5元多) of a measure; 3家多元化企业 and 多边 are other words.
_MORE_AFTER_UNIT_KINDS = frozenset({"ratio", "other", "money"})
_AFTER_MORE = frozenset("，。；、的）),;:：！？\n") | {""}


def _classify(text: str, num: _Num) -> _Reading | None:
    """Unit and kind of a numeral (no range, no qualifier)."""
    p = num.end
    unit = unit_at(text, p)
    if unit is None:
        return None
    canonical, kind = UNITS[unit]
    u_end = p + len(unit)
    if unit in _PLAIN_UNITS and not num.chinese and text[u_end:u_end + 1] != "多":  # 102名, 5.0%, 134亿元
        if kind == "money" or kind == "other":
            extra = counts.per_unit(text, u_end)
            if extra:
                canonical = canonical + text[u_end:u_end + extra]
                u_end += extra
        return _Reading(num.start, u_end, num.value, canonical, kind, place=num.place, more=num.more)
    value = num.value
    more = num.more
    if kind == "year|duration":
        if not num.more and not num.scaled and dates.is_year_number(value, num.raw, num.chinese):
            return _Reading(num.start, u_end, value, "年", "year")
        kind = "duration"
    if kind == "day|duration":
        if num.start and text[num.start - 1] in "自从于":
            return _Reading(num.start, u_end, None, None, "date")  # 自13日以来: since the 13th
        if not dates.duration_context(text, num.start, u_end):
            return None  # a bare day (Arabic days are read by dates.match_date)
        kind = "duration"
    if unit == "周" and text[u_end:u_end + 1] in ("边", "围", "末", "期", "刊", "一", "二", "三", "四", "五", "六", "日"):
        return None
    if kind == "duration" or unit == "个":
        unit2, u_end2, value2, more2 = _duration_suffix(text, num, canonical or unit, u_end)
        if unit2 != (canonical or unit) or u_end2 != u_end:
            canonical, u_end, value, more = unit2, u_end2, value2, more or more2
            if unit2 in dates.UNITS:
                kind = "duration"
    if kind == "duration":
        if num.chinese and num.raw == "一" and unit != "周年" and not more and value == 1 \
                and not dates.duration_context(text, num.start, u_end):
            return None  # 一年一度, 有一天: not a span of time
        return _Reading(num.start, u_end, value, canonical, "duration", place=1.0 if more and not num.more
                        else num.place, more=more)
    if kind == "date":  # 80年代, 21世纪
        return _Reading(num.start, u_end, None, None, "date")
    if kind == "age":
        return _Reading(num.start, u_end, value, canonical, "age", place=num.place, more=more)
    if kind in ("percent", "percentage_points"):
        if unit == "成":
            if num.scaled or num.more or value > 10 or not percents.cheng_ok(text, u_end):
                return None
            value *= 10
            place = 10.0
            if text.startswith("半", u_end):
                value += 5
                u_end += 1
            return _Reading(num.start, u_end, value, "%", "percent", place=place, more=more)
        if unit == "‰":
            value /= 10
        return _Reading(num.start, u_end, value, canonical, kind, place=num.place, more=more)
    # counts, money, measures, ratios
    if unit in counts.ARABIC_ONLY and num.chinese:
        return None
    if counts.rejects(text, num.start, u_end, num.raw, num.chinese, unit, kind):
        return None
    if kind in ("money", "other"):
        extra = counts.per_unit(text, u_end)
        if extra:
            canonical = canonical + text[u_end:u_end + extra]
            u_end += extra
    if kind in _MORE_AFTER_UNIT_KINDS and not more and text[u_end:u_end + 1] == "多" \
            and text[u_end + 1:u_end + 2] in _AFTER_MORE:
        return _Reading(num.start, u_end + 1, value, canonical, kind, place=1.0, more=True)  # 3倍多, 1米多
    return _Reading(num.start, u_end, value, canonical, kind, place=num.place, more=more)


def _read_at(text: str, pos: int) -> tuple[_Num, _Reading | None] | None:
    """Numeral (+unit) starting exactly at pos: the second half of a range."""
    m = AR_NUMBER.match(text, pos)
    chinese = False
    if not m:
        m = CN_NUMBER.match(text, pos)
        chinese = True
        if not m:
            return None
    num = _read_number(text, m.start(), m.end(), chinese)
    if num is None:
        return None
    return num, _classify(text, num)


_HALF_DURATIONS = {"半年": "年", "半天": "天", "半小时": "小时", "半个小时": "个小时", "半个月": "个月"}
_FAN = {"一": 2.0, "两": 4.0, "二": 4.0, "三": 8.0, "四": 16.0}
_MAGNITUDES = {"百万": 10 ** 6, "千万": 10 ** 7, "百亿": 10 ** 10, "千亿": 10 ** 11, "万亿": 10 ** 12,
               "百万亿": 10 ** 14, "千万亿": 10 ** 15,
               "百": 100, "千": 1000, "万": 10 ** 4}
# The last three are numbers only before 余/多 (千余名, 万余人) or after a bound (近千名 "nearly a thousand",
# 超万例, 不足百人); 上万, 数千, 成千 are vague and stay out.
_BOUND_QUALIFIERS = frozenset({"近", "less_than", "more_than"})


def _word(text: str, s: int, e: int, word: str, blocked: filters.Blocked):
    """Candidates that are words rather than numerals: 百分之八十, 一半, 三分之二, 上半年, 半年, 翻一番."""
    if word == "半":  # 过半 (the candidate starts at 半)
        s, word = s - 1, "过半"
    elif word == "半年" and s and text[s - 1] in "上下":  # 上半年, 下半年: a date
        return None if blocked.covers(s - 1, e) else _Reading(s - 1, e, None, None, "date")
    if blocked.covers(s, e):
        return None
    if word in _HALF_DURATIONS:
        return _Reading(s, e, 0.5, _HALF_DURATIONS[word], "duration", place=0.5)
    if word == "百年":  # 历经百年, 百年来: a span; 百年大计, 百年未有之大变局, 党的百年奋斗 are words
        return _Reading(s, e, 100.0, "年", "duration", place=100.0) if dates.duration_context(text, s, e) else None
    if word[0] == "翻":
        return _Reading(s, e, _FAN[word[1]], "倍", "ratio")
    wv = percents.word_value(word)
    if wv is None:
        return None
    return _Reading(s, e, wv[0], "%", "percent", qualifier=wv[1], place=1.0)


def _calendar(text: str, s: int, e: int, chinese: bool, blocked: filters.Blocked):
    """A date or year at s (with a following date/year range merged into it), else None."""
    d = dates.match_date(text, s)
    if d is None:
        return None
    start, end, kind = d
    value = None
    if kind == "year":
        value = _year_value(text, s, e, chinese)
        if not dates.is_year_number(value, text[s:e], chinese):
            return None
    if start < s and blocked.covers(start, s):
        return None
    c = _CONNECTOR.match(text, end) if text[end:end + 1] in _CONNECTOR_FIRST else None
    p2 = c.end() if c else 0
    if c and text[end - 1] in "时点分许":  # 上午8时到下午5时: one time span
        p2 += dates.clock_word(text, p2)
    if c and p2 < len(text) and (text[p2].isdigit() or text[p2] in CN_DIGITS):
        d2 = dates.match_date(text, p2)
        if d2 is not None and d2[0] == p2:  # 2017年12月至2018年1月, 3月26日至29日, 1992年至1995年
            if kind == "year" and d2[2] == "year":
                m2 = AR_NUMBER.match(text, p2) or CN_NUMBER.match(text, p2)
                high = _year_value(text, m2.start(), m2.end(), not m2.group()[0].isdigit()) if m2 else None
                if high is not None and high > value:
                    return _Reading(start, d2[1], value, "年", "year", qualifier="range", low=value, high=high)
            else:
                return _Reading(start, d2[1], None, None, "date")
    if kind == "date":
        return _Reading(start, end, None, None, "date")
    return _Reading(start, end, value, "年", "year")


def _bare(text: str, num: _Num, chinese: bool, s: int):
    """A numeral without a unit: scaled numbers (7.1万, 100万亿, 一亿) are counts (money by context);
    an unscaled one is kept only as a stated value (指数降至93.6) or when a list shares a unit."""
    big = num.scaled or (chinese and ("万" in num.raw or "亿" in num.raw))
    if big and not num.pair:
        nxt = text[num.end:num.end + 1]
        if chinese and nxt == "里":
            return None  # 里, the old mile, after a Chinese numeral is verse: 扶摇直上九万里, 八千里路
        if "\u4e00" <= nxt <= "\u9fff" and nxt not in _FUNCTION_CHARS and not text.startswith(_LEVELS, num.end):
            kind = "count"  # 一亿农村贫困人口: the counted noun follows
        else:
            kind = counts.unitless_kind(text, s, num.end) or "unknown?"
        return _Reading(s, num.end, num.value, None, kind, place=num.place, more=num.more)
    if chinese or num.more:
        return None
    if s and text[s - 1] in _LIST_SEPARATORS and _year_list_end(text, num):
        return _Reading(s, num.end, num.value, None, "year")  # the listed years before it follow (_flush_list)
    if text[num.end:num.end + 1] in _LIST_SEPARATORS and num.end + 1 < len(text) and text[num.end + 1].isdigit():
        return (_PENDING, num)
    before = text[max(0, s - 3):s]
    if before.endswith(_BARE_BEFORE) and (num.end >= len(text) or text[num.end] in _BARE_AFTER
                                          or text.startswith(("比", "左右"), num.end)):
        if not (num.raw.isdigit() and len(num.raw) == 4 and before.endswith(("到", "至"))):
            return _Reading(s, num.end, num.value, None, "other", place=num.place)
    return None


_YEARS_COUNTED = re.compile(r"([一二两三四五六七八九十]|\d{1,2})个?年")


def _is_bare_year(raw: str) -> bool:
    return len(raw) == 4 and raw.isdigit() and raw[:2] in ("19", "20")


def _year_list_end(text: str, num: _Num) -> bool:
    """2020、2021、2022三年: the last of two or more bare years listed before the number of years they make
    up (the count must match, so codes, phone numbers and counts listed before 年 are not years)."""
    if not _is_bare_year(num.raw):
        return False
    m = _YEARS_COUNTED.match(text, num.end)
    if m is None:
        return False
    listed, pos = 1, num.start
    while pos >= 5 and text[pos - 1] in _LIST_SEPARATORS and _is_bare_year(text[pos - 5:pos - 1]) \
            and not (pos > 5 and (text[pos - 6].isdigit() or text[pos - 6] in ".．")):
        listed += 1
        pos -= 5
    g = m.group(1)
    return listed >= 2 and (int(g) if g.isdigit() else cn_number(g)) == listed


def _analyse(text: str, m: re.Match, blocked: filters.Blocked, block_at: float):
    """block_at: as for _fast (blocked.covers(s, x) is x > block_at)."""
    s, e = m.span()
    word = m.group()
    first = word[0]
    prev = text[s - 1] if s else "\0"  # a sentinel: "" would be "in" every string
    nxt = text[e] if e < len(text) else "\0"
    chinese = not first.isdigit()
    if chinese:
        if first in "百半翻" or "分之" in word or word in percents.HALF_WORDS:
            if word not in _MAGNITUDES:
                return _word(text, s, e, word, blocked)
        if len(word) == 1 and word in _MAGNITUDES and prev in "数上几成":
            return None  # 数百余人, 成千余: vague
        if prev in "几数下" or prev == "上" and first in "十百千万亿" or nxt == "几" or word in ("零", "〇"):
            return None  # 十几个, 数十万, 上万: vague, not a stated number; 零部件, 零售: words (迈上三个: a count)
        if prev == "、" and s > 1 and text[s - 2] in CN_DIGITS:
            return None  # 一、二类 / 三、四级: an enumeration of grades
    else:
        if prev in _NAME_BEFORE and filters.latin_before(text, s):
            return None
        if e - s == 2 and (nxt == "后" or nxt == "”"):
            coh = ages.cohort_at(text, s, e)
            if coh:
                return _Reading(coh[0], coh[1], float(coh[2]), None, "birth_cohort", qualifier=coh[3])
    if prev == "第" and nxt not in _CALENDAR_NEXT_SET:
        return None  # ordinal (第一季度, 第3月 are read as dates below)
    if e > block_at:
        return None
    if (nxt in _CALENDAR_NEXT_SET or prev in "第前头") and (nxt != "年" or e - s == 4) \
            and (nxt != "个" or prev in "前头"):  # 三年, 5个: no calendar expression can start here
        cal = _calendar(text, s, e, chinese, blocked)
        if cal is not None:
            return cal
    if prev == "第":
        return None  # ordinal
    if word in _MAGNITUDES:
        if counts.programme_name(text, e):
            return None
        size = float(_MAGNITUDES[word])
        if len(word) == 1 and nxt not in "余多":  # 近千名: only after a bound
            if _prefix_qualifier(text, s) not in _BOUND_QUALIFIERS:
                return None
            num = _Num(s, e, word, size, size, False, True, True)
        elif len(word) == 1:  # 千余名: 1000 and more
            num = _Num(s, e + 1, word, size, size, True, True, True)
        else:
            num = _Num(s, e, word, size, size, False, True, True)
    else:
        if nxt == "届" and not text[max(0, s - 2):s].endswith(counts.COUNT_BEFORE_JIE) \
                and "万" not in word and "亿" not in word:
            return None  # 十四届, 第26届: a session ordinal (counts.rejects), checked before reading the numeral
        num = _read_number(text, s, e, chinese)
        if num is None:
            return None
    r = _classify(text, num)
    if len(word) == 1 and word in _MAGNITUDES and not num.more and (r is None or r.kind == "duration"):
        return None  # 近千年, 近百天 ("nearly" or "the last"?), 走近万里长城: only a plain unit makes it a number
    if r is None and not chinese:
        if filters.latin_after(text, num.end) and unit_at(text, num.end) is None:
            return None
        if not num.more and not num.scaled:
            if nxt == "/":
                fr = percents.arabic_fraction(text, e, *arabic_value(num.raw))
                if fr:
                    return _Reading(s, fr[0], fr[1], "%", "percent")
            elif nxt in ":∶：比":
                rt = _RATIO.match(text, e)
                if rt and not dates.TIME.match(text, s):
                    den = int(rt.group(1))
                    if den:
                        return _Reading(s, rt.end(), round(num.value / den, 6), None, "ratio")
    # range: 35至45岁, 30—40人, 3至5万元, 2021—2025年, 10%—20%
    after = r.end if r is not None else num.end
    if text[after:after + 1] in _CONNECTOR_FIRST and (r is None or r.kind != "date" and r.kind != "year"):
        c = _CONNECTOR.match(text, after)
        rr = _range(text, s, num, r, c.end())
        if rr is not None:
            return rr
    if r is None:
        return _bare(text, num, chinese, s)
    if chinese and (filters.fixed_word(text, s, r.end) or filters.byline_name(text, s)):
        return None
    if prev == "前" and r.unit in ("名", "位", "强"):
        return None  # 前十名: a rank
    if num.pair and r.kind != "date":  # 三四个, 七八十人: an approximate range (八九十年代 stays a date)
        r.qualifier = "range"
        r.low, r.high = float(num.pair[0]), float(num.pair[1])
        r.value = r.low
    return r


def _range(text: str, s: int, num: _Num, r: _Reading | None, pos: int) -> _Reading | None:
    second = _read_at(text, pos)
    if second is None or second[1] is None:
        return None
    n2, r2 = second
    if r is not None and (r.unit != r2.unit or r.kind != r2.kind):
        return None
    low = r.value if r is not None else num.value
    if r is None and n2.scaled and not num.scaled:
        scale = _scale_of(n2)
        if low * scale <= n2.value:
            low *= scale  # 3至5万元: the 3 takes the 万 of 5万
    if low is None or r2.value is None or low >= r2.value:
        return None
    if r2.kind == "year":
        return _Reading(s, r2.end, low, "年", "year", qualifier="range", low=low, high=r2.value)
    return _Reading(s, r2.end, low, r2.unit, r2.kind, qualifier="range", low=low, high=r2.value)


def _year_value(text: str, s: int, e: int, chinese: bool) -> float:
    if chinese:
        return float(cn_number(text[s:e]) or 0)
    return scaled(*arabic_value(text[s:e]))


def _scale_of(num: _Num) -> float:
    """The 万/亿 multiplier a numeral was scaled by (3至5万元: 3 takes the 万 of 5万)."""
    if num.chinese:
        return 1.0
    mant, dec = arabic_value(num.raw)
    return num.value / scaled(mant, dec, 1) if mant else 1.0


# ---------------------------------------------------------------------------------------------- bounds
def _finish(text: str, r: _Reading, listed_after: _Reading | None = None) -> None:
    """Suffix and prefix qualifiers, then low/high.  listed_after: the previous reading when r follows
    it in a list (超过万亿元、千亿元和百亿元: the 超过 qualifies all three)."""
    kind = r.kind
    if kind == "date" or kind == "birth_cohort":
        return
    end = r.end
    qual = r.qualifier
    suffixes = _SUFFIX_BY_HEAD.get(text[end:end + 2])
    if suffixes is not None:
        for word, q, shown in suffixes:
            if text.startswith(word, end):
                if kind == "year" and q != "approx" or kind == "duration" and word in _SCOPE_SUFFIXES:
                    break
                if word == "还多" and text[end + 2:end + 3] in _HAI_DUO_NOT_BEFORE:
                    break
                if qual is None:
                    qual = q
                if shown:
                    r.end = end + len(word)
                break
    if kind != "year":
        if qual is None and r.more:
            qual = "more_than"
        if qual is None:
            pq = _prefix_qualifier(text, r.start)
            if pq is None and kind == "percent":
                m = _SHARE_PREFIX.search(text, max(0, r.start - 20), r.start)
                word = m and (m.group(1) or m.group(2))
                pq = m and ("less_than" if word in ("近", "接近", "将近") else _PREFIX_ALL.get(word))
            if pq == "近":
                pq = None if kind == "duration" else "less_than"
            if pq is None and listed_after is not None and getattr(listed_after, "prefixed", False) \
                    and listed_after.kind == kind:
                pq = listed_after.qualifier
            r.prefixed = pq is not None
            qual = pq
    r.qualifier = qual
    v = r.value
    if v is None or qual == "range":
        return
    if qual is None:
        r.low = r.high = v
        return
    top, bottom = _percent_bounds(kind, v) if kind == "percent" else (None, None)
    if qual == "more_than":
        r.low = v
        r.high = v + r.place if r.more else top
    elif qual == "at_least":
        r.low, r.high = v, top
    elif qual in ("less_than", "at_most"):
        r.low, r.high = bottom, v
    # approx: no hard bounds (low = high = None)


def _percent_bounds(kind: str, value: float) -> tuple[float | None, float | None]:
    """(top, bottom) an open-ended qualifier implies: a share lies in 0–100, but a percent above 100
    (同比增长超过130%) is a rate with no upper bound, and its high must never fall below its low."""
    if kind != "percent":
        return None, None
    return (100.0 if value <= 100 else None), 0.0


# ------------------------------------------------------------------------------------------ fast path
# Candidates that start with an ASCII digit and follow no character another rule reads (第, 前, 、,
# quotes, Latin letters) are resolved here: plain dates and years in a few operations, other calendar
# expressions by _calendar, numerals (+ 万/亿, 多/余) before a plain unit or duration, with qualifiers
# by _finish, and scaled numbers without a unit by _bare - the same rules _analyse applies to them, minus
# the checks that cannot fire.  Everything else (ranges, 多 after the unit, 元/吨, …) goes to _analyse.
# tests/extract/test_fast_path.py checks that results are identical with the fast path switched off.
FAST_PATH = True
_ASCII_DIGITS = frozenset("0123456789")
_SLOW_PREV = _NAME_BEFORE | frozenset("第前头、和及与或“‘「\"")
# Durations that need no context rule after an Arabic numeral (not 年: a year?; 日: a day?; 周: 周边?).
_FAST_DURATIONS = frozenset({"周年", "个月", "天", "小时", "个小时", "分钟", "秒", "秒钟", "个工作日", "工作日",
                             "个季度", "星期", "个星期"})
_FAST_UNITS = _PLAIN_UNITS | _FAST_DURATIONS | {"个", "年"}
_FAST_UNIT_FIRST = frozenset(u[0] for u in _FAST_UNITS)
# Canonical unit and kind of each of them (40年来, 5000多年, 1万年: a duration; a year, 2024年, is a
# calendar expression and never gets here).
_FAST_UNIT_READING = {u: (UNITS[u][0], "duration" if UNITS[u][1] == "year|duration" else UNITS[u][1])
                      for u in _FAST_UNITS}
# After the unit: a range, 多/半 after the unit (3个多月, 1米多), 元/吨, brackets: the general path.
_FAST_STOP = _CONNECTOR_FIRST | frozenset("多余半/（(")
_MORE = frozenset("多余")


# Bound once: _fast runs for two candidates in three, and a module attribute costs a look-up per call.
_match_fast_date = dates.FAST.match
_DATE_CONTINUES = dates.CONTINUES
_DATE_WORDS = frozenset("年月日")
_FAST_CALENDAR_NEXT = _CALENDAR_NEXT_SET - {"个"}  # 5个: a count (前5个月 has 前 before it: not fast)


def _fast(text: str, s: int, e: int, blocked: filters.Blocked, block_at: float) -> _Reading | Quantity | None:
    """Called for candidates starting with an ASCII digit.  block_at: start of the first blocked span
    that ends after s, so that blocked.covers(s, x) is x > block_at (the loop keeps it up to date)."""
    prev = text[s - 1] if s else " "
    if prev in _SLOW_PREV:
        return None
    nxt = text[e:e + 1]
    if nxt in _FAST_CALENDAR_NEXT and (nxt != "年" or e - s == 4):
        if nxt == "日":  # 18日 (dates.FAST needs a 年 or 月 first: it would match nothing here)
            day = _fast_day(text, s, e, prev, block_at)
            if day is not None:
                return day
        elif nxt in _DATE_WORDS:
            end = _match_fast_date(text, s).end()
            if end > e:
                if end > block_at:
                    return None
                last = text[end - 1]
                if text[end:end + 1] not in _DATE_CONTINUES[last]:
                    if last != "年":  # final already: a date has no qualifier, bounds or subject
                        return Quantity(s, end, text[s:end], None, None, "date")
                    if end == e + 1 and e - s == 4 and not text.startswith(("左右", "前后"), end):
                        value = float(text[s:e])
                        return Quantity(s, end, text[s:end], value, "年", "year", None, value, value) \
                            if 1000 <= value <= 2199 else None
        # 1月3日8时, 14日晚上, 3时30分, 1—6月, 2010年左右: the calendar rules, as _analyse calls them
        if e > block_at:
            return None
        cal = _calendar(text, s, e, False, blocked)
        if cal is None:
            return None
        if cal.kind == "date":
            return Quantity(cal.start, cal.end, text[cal.start:cal.end], None, None, "date")
        _finish(text, cal)
        return cal
    if nxt in _AR_MULT:
        p, mult = _multiplier(text, e)
        at_p = text[p:p + 1]
    else:
        p, mult, at_p = e, 1, nxt
    more = at_p in _MORE  # 20多个, 3万多人, 8000多万元: as _read_number reads them
    if more:
        p += 1
        if mult == 1 and text[p:p + 1] in _AR_MULT:
            p, mult = _multiplier(text, p)
        at_p = text[p:p + 1]
    unit = None
    if at_p in _FAST_UNIT_FIRST:  # unit_at, inline: this is the most frequent path
        longer = _LONG_UNITS.get(text[p:p + 2])
        if longer is not None:
            for u in longer:
                if text.startswith(u, p):
                    unit = _LONG_UNIT_OR_NONE[u]
                    break
            else:
                unit = _SHORT_UNITS.get(at_p)
        else:
            unit = _SHORT_UNITS.get(at_p)
    if unit is None:
        if mult == 1 or unit_at(text, p) is not None or at_p in _CONNECTOR_FIRST \
                or filters.latin_after(text, p):
            return None
        # 2200万困难群众, 突破50万: a scaled number without a unit (_bare decides count or money)
        if p > block_at:
            return None
        mant, dec = arabic_value(text[s:e])
        r = _bare(text, _Num(s, p, text[s:e], scaled(mant, dec, mult), arabic_place(mant, dec, mult), more, True,
                             False), False, s)
        _finish(text, r)
        return r
    reading = _FAST_UNIT_READING.get(unit)  # None for nouns (人口, 个人) and units with context rules
    if reading is None:
        return None
    u_end = p + len(unit)
    after = text[u_end:u_end + 1]
    if after in _FAST_STOP or u_end > block_at:
        return None
    canonical, kind = reading
    if more:
        mant, dec = arabic_value(text[s:e])
        value = scaled(mant, dec, mult)
    else:
        raw = text[s:e]
        if raw.isdigit():
            value = float(int(raw) * mult)
        else:
            mant, dec = arabic_value(raw)
            value = scaled(mant, dec, mult)
    if more or after in _SUFFIX_FIRST or kind == "duration" or kind == "percent" and prev == "的":
        # a qualifier may apply (20多个, 80%以上, 近3个月, 总数的40%): the rules of _finish decide
        r = _Reading(s, u_end, value, canonical, kind, place=arabic_place(mant, dec, mult) if more else 0.0,
                     more=more)
        _finish(text, r)
        return r
    if prev not in _PREFIX_LAST and not _verb_bound_near(text, s):  # final but for the subject
        return Quantity(s, u_end, text[s:u_end], value, canonical, kind, None, value, value)
    qual = _prefix_qualifier(text, s)
    if qual is None:
        return Quantity(s, u_end, text[s:u_end], value, canonical, kind, None, value, value)
    r = _Reading(s, u_end, value, canonical, kind, "less_than" if qual == "近" else qual)
    r.prefixed = True  # (a prefix qualifier also applies to the next item of a list: see _finish)
    top, bottom = _percent_bounds(kind, value)
    if qual == "more_than" or qual == "at_least":
        r.low, r.high = value, top
    elif qual != "approx":
        r.low, r.high = bottom, value
    return r


_DAY_CONTEXT_AFTER = dates.CONTINUES["日"] | frozenset("内以之来")


def _fast_day(text: str, s: int, e: int, prev: str, block_at: float) -> Quantity | None:
    """18日 alone: a date unless a duration context (5日内, 连续3日) or a longer expression follows."""
    if e - s > 2 or prev in "续时期近去" or text[e + 1:e + 2] in _DAY_CONTEXT_AFTER:
        return None
    if int(text[s:e]) > 31 or e + 1 > block_at:
        return None
    return Quantity(s, e + 1, text[s:e + 1], None, None, "date")


def _rule_error(exc: Exception) -> None:
    """Called when a rule raises on one candidate; the candidate is skipped.  Tests replace this
    with a function that re-raises, so that rule bugs cannot hide behind the safety net."""


def extract_quantities(text: str) -> list[Quantity]:
    """Every numeric mention of text, sorted by start, non-overlapping (see the package docstring).
    Never raises: a rule failing on one candidate skips that candidate."""
    if not isinstance(text, str) or not text:
        return []
    try:
        return _extract(text)
    except Exception as exc:  # pragma: no cover - the per-candidate net below catches rule bugs
        _rule_error(exc)
        return []


def _extract(text: str) -> list[Quantity]:
    blocked = filters.Blocked(text)
    readings: list[_Reading | Quantity] = []
    done = 0
    pending: list[_Num] = []
    kind_by_scale: dict[str, str] = {}  # 万, 亿, 万亿 -> kind of the latest quantity of that scale
    fast = _fast if FAST_PATH else None
    candidates = CANDIDATE.finditer(text)
    if "每" in text:
        per = [_YI.match(text, m.end() - 1) for m in _ONE_PER.finditer(text)]
        if per:
            candidates = heapq.merge(candidates, per, key=_match_start)
    # The blocked span the fast path checks against: the first one ending after the candidate
    # (candidates come in order, so it only moves forwards).
    block_ends = blocked.ends
    block_starts = blocked.starts
    block_at = block_end = _NOWHERE
    if block_ends:
        block_at, block_end = block_starts[0], block_ends[0]
    for m in candidates:
        s, e = m.span()
        if s < done or e - s > MAX_NUMERAL_CHARS:
            continue
        first = text[s]
        if first == "第":
            continue  # an ordinal, consumed by the scan so that no candidate starts inside it
        if s >= block_end:
            i = bisect_right(block_ends, s)
            block_at, block_end = (block_starts[i], block_ends[i]) if i < len(block_ends) else (_NOWHERE, _NOWHERE)
        try:
            r = fast(text, s, e, blocked, block_at) if fast and first in _ASCII_DIGITS else None
            if r is None:
                r = _analyse(text, m, blocked, block_at)
                if r is None:
                    continue
                if type(r) is tuple:
                    pending.append(r[1])
                    done = r[1].end
                    continue
                if r.start < done:  # 以上半年: 上 belongs to the previous reading
                    continue
                last = readings[-1] if readings else None
                listed = last if last is not None and last.end + 1 == r.start \
                    and text[last.end] in _LIST_SEPARATORS else None
                _finish(text, r, listed)
            kind = r.kind
            if kind == "date":
                pass
            elif kind == "unknown?":  # a unit-less 100万亿 its clause does not explain: like the last 万亿 figure
                r.kind = "money" if kind_by_scale.get(_scale_word(text, r)) == "money" else "count"
            elif (r.value or 0) >= 10000 and r.unit is not None:  # (value None: no scale)
                kind_by_scale[_scale_word(text, r)] = kind
        except Exception as exc:  # a rule bug must never lose the whole article
            _rule_error(exc)
            continue
        if pending:
            _flush_list(text, pending, r, readings)
            pending = []
        readings.append(r)
        done = r.end
    return _to_quantities(text, readings)


_NOWHERE = float("inf")  # block_at when no blocked span lies ahead


def _match_start(m: re.Match) -> int:
    return m.start()


def _scale_word(text: str, r: _Reading) -> str:
    """The 万/亿 run of a reading's numeral (100万亿元 -> 万亿)."""
    m = _SCALE_WORD.search(text, r.start, r.end)
    return m.group() if m else ""


_SCALE_WORD = re.compile(r"[万亿]+")


def _flush_list(text: str, pending: list[_Num], r: _Reading, readings: list[_Reading]) -> None:
    """13.2、5.6、0.7个百分点: numerals listed before a unit share it."""
    chain: list[_Num] = []
    edge = r.start
    for num in reversed(pending):
        if num.end + 1 == edge and text[num.end] in _LIST_SEPARATORS:
            chain.append(num)
            edge = num.start
        else:
            break
    if not chain or r.kind in ("date", "birth_cohort") or r.qualifier == "range":
        return
    for num in reversed(chain):
        lr = _Reading(num.start, num.end, num.value, r.unit, r.kind, place=num.place)
        _finish(text, lr)
        lr.end = num.end
        readings.append(lr)


def _to_quantities(text: str, readings: list[_Reading | Quantity]) -> list[Quantity]:
    """Quantities of the readings, with their subjects (fast-path results are Quantity objects already)."""
    out: list[Quantity] = []
    prev_end = subject_end = 0
    prev_subject = prev_unit = None
    prev_kind = None   # kind of the previous mention (an age or cohort may define the next group)
    prev_start = 0
    groups: dict[float, tuple[str, int]] = {}  # value -> (subject, end) of person counts: 102名… 102人中
    # Module attributes bound once per text: this loop runs for every quantity.
    no_subject = subject.NO_SUBJECT
    attribute_kinds = subject.ATTRIBUTE_KINDS
    group_units = subject.GROUP_UNITS
    subject_for = subject.subject_for
    sentence_end = _SENTENCE_END.search
    append = out.append
    last = len(readings) - 1
    for i, r in enumerate(readings):
        v = r.value
        if v is not None and not -1e30 < v < 1e30:  # NaN fails both comparisons
            continue
        kind = r.kind
        start = r.start
        end = r.end
        if kind in no_subject:
            append(r if type(r) is Quantity else
                   Quantity(start, end, text[start:end], v, r.unit, kind, r.qualifier, r.low, r.high))
            prev_start, prev_end, prev_kind = start, end, kind
            continue
        unit = r.unit
        if unit == "节" and kind == "count" and counts.knots(text, start):
            kind = r.kind = "other"  # 航速27节: a speed (both paths meet here, so it is decided once)
        subj = None
        if prev_kind in attribute_kinds:
            subj = subject.attribute_group(text, prev_start, prev_end, start)
        if subj is None and v in groups and kind == "count":  # (restated_base needs the number seen before)
            subj = subject.restated_base(text, start, end, unit, v, groups)
        if subj is None:
            if prev_subject is not None and sentence_end(text, subject_end, start):
                prev_subject = None
            subj = subject_for(text, start, end, unit, kind, prev_end, prev_subject, prev_unit,
                               readings[i + 1].start if i < last else len(text))
        if subj is not None:
            prev_subject, prev_unit, subject_end = subj, unit, end
            if kind == "count" and unit in group_units:
                groups[v] = (subj, end)
        if type(r) is Quantity:
            r.subject = subj
            append(r)
        else:
            append(Quantity(start, end, text[start:end], v, unit, kind, r.qualifier, r.low, r.high, subj))
        prev_start, prev_end, prev_kind = start, end, kind
    return out
