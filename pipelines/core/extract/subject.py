"""Subject: the phrase of the text that says what a quantity counts.

Official prose puts the counted noun on one side of the numeral:
* after it, for measure words of things (102名县(市、区)党政正职, 95个督查组, 426名优秀年轻干部);
* before it, when the numeral closes its clause (全日制大学本科以上学历73人, 收到涉及换届的案件线索221件),
  and for 人/人次 (17.61万人观看… is followed by a verb) and shares (…的占到80%以上).
A clause with nothing but a verb before the numeral (查实12件, 占71.6%) inherits the subject of the
previous quantity of the same sentence (a count only from a count of the same unit).
Group-defining patterns come first (engine._to_quantities):
* an age or cohort right before a count defines its group: 102人中40岁左右47人 -> 40岁左右;
* a restated base takes the noun of the count that introduced the number: 102名县(市、区)党政正职 … 102人中
  / 102人均 -> 县(市、区)党政正职;
* after a pivot verb the people are defined by what they do: 组织17.61万人观看警示教育片 -> 观看警示教育片;
* a share that opens its clause is a share of those who do what follows: 一半以上曾担任过乡镇党政正职.
This runs once per quantity, so word lists are matched with set look-ups, not regex alternations.
"""
from __future__ import annotations

import re

MAX_LEN = 24
_PERSON_UNITS = frozenset({"人", "人次", "户次"})
GROUP_UNITS = frozenset({"人", "名", "位"})   # one group of people may be counted in any of these
ATTRIBUTE_KINDS = frozenset({"age", "birth_cohort"})
_FORWARD_KINDS = frozenset({"count", "money", "other"})
NO_SUBJECT = frozenset({"date", "year", "duration", "birth_cohort", "age"})
_COMPARISON = ("较", "比", "同比", "与", "相比")

# Verbs, adverbs and particles that end a noun phrase read forwards.
_AFTER_STOP = ("的", "全部", "均", "都", "已", "将", "被", "在", "和", "及", "与", "同步", "参加", "参与", "观看",
               "获得", "实现", "完成", "进行", "开展", "受到", "进入", "共", "是", "为", "中", "其中", "分别",
               "以上", "以下", "左右", "等", "通过", "到", "从", "对", "死亡", "受伤", "失踪", "遇难", "入选",
               "纳入", "得到", "参赛", "参会", "参展", "出席", "受益", "决定", "吊装")
# Leading verbs / connectives dropped from a phrase read backwards, and trailing verbs / particles.
_LEAD = ("其中", "此外", "同时", "并且", "另外", "以及", "还有", "共有", "已有", "拥有", "具有", "具备", "收到", "受理",
         "查实", "查处", "给予", "取消", "组织", "印发", "累计", "共计", "合计", "总计", "共", "有", "选派", "集中",
         "调整", "配备", "排查并处置", "排查", "处置", "先后", "立案", "处分", "处理", "移送", "追回", "接收",
         "新增", "完成", "培训", "发放", "举办", "开展", "召开", "派出", "建成", "达到", "达", "及", "和",
         "并", "对", "向", "把", "将", "已", "均", "全部", "实现", "今年", "去年", "目前", "截至目前", "当天", "全年")
_TRAIL = ("占到", "占比", "占", "为", "达到了", "达到", "已达", "达", "共有", "共计", "合计", "共", "已有", "有", "约",
          "近", "超过", "累计", "同比增长", "增长", "下降", "增加", "减少", "提高", "提升", "分别为", "分别是", "分别",
          "是", "的", "中", "其中", "至", "到", "突破", "逾", "超", "不到", "不足", "高出", "比上年", "同比", "以上",
          "左右", "仅", "只有", "增至", "升至", "降至",
          # verbs closing "<noun><verb><number>": 中欧班列累计开行4186列, 全国铁路发送旅客…
          "开行", "运送", "发送", "接待", "问责", "约谈", "处分", "处理", "查处", "立案", "审结", "受理", "完成",
          "实现", "新增", "培训", "帮扶", "救助", "转移", "安置", "撤离", "疏散", "吸引", "带动", "组织", "选派",
          "发放", "投入", "建成", "打造", "推出", "举办", "开展", "召开", "收到", "查实", "累计", "达",
          "已", "就", "也", "还", "都", "均", "再", "又", "了", "增加到", "提升到", "提高到", "上升到", "下降到",
          # qualifier words before the numeral (报告不超过10页, 至少一人死亡)
          "不超过", "不少于", "不低于", "不高于", "至少", "最多", "最少", "将近", "接近", "大约", "约合", "少于",
          "多于", "低于", "高于", "逼近", "不得", "不能", "不会", "不宜", "不可", "不应")


def _trie(words) -> str:
    """A regex matching the longest of words, as a prefix tree: the engine tries one branch per distinct
    character instead of one per word (what a plain alternation sorted longest-first costs)."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in node.items() if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


def _alternation(words) -> str:
    return "(?:" + _trie(words) + ")+"


# Both anchored at position 0 (the trailing words are matched on the reversed phrase).
_LEAD_RE = re.compile(_alternation(_LEAD))
_TRAIL_REVERSED = re.compile(_alternation(w[::-1] for w in _TRAIL))
# Forward phrase: one character class stops at delimiters, digits and one-character function words;
# the few multi-character stop words are searched in the (short) phrase afterwards.
_ONE_CHAR_STOPS = "".join(w for w in _AFTER_STOP if len(w) == 1)
_MULTI_STOP = re.compile(_trie(w for w in _AFTER_STOP if len(w) > 1))
_WORD_CHAR = r"[^\d，。；：！？,;:!?\n“”《》、（）() 　" + _ONE_CHAR_STOPS + "]"
# Runs of word characters and short parentheticals, as an unrolled loop (no alternation per character).
_FORWARD = re.compile(rf"{_WORD_CHAR}*+(?:[（(][^（）()\n]{{1,12}}[)）]{_WORD_CHAR}*+)*+")
# Characters at which _FORWARD matches nothing (those _WORD_CHAR excludes but the opening brackets;
# digits: the common ones of \d).  Half the counts end their clause (收到线索221件，): a set look-up
# then spares the pattern.
_FORWARD_STOPS = frozenset("0123456789０１２３４５６７８９，。；：！？,;:!?\n“”《》、）) 　" + _ONE_CHAR_STOPS)
# The window up to its last clause delimiter: the phrase before a numeral starts after it.  Greedy, so
# the engine runs to the end of the window and steps back to the delimiter (no copy of the window).
_UP_TO_CLAUSE_DELIMITER = re.compile(r"(?s:.*)[，。；：！？,;:!?\n“”《》]")


_LEAD_FIRST = frozenset(w[0] for w in _LEAD)
_TRAIL_LAST = frozenset(w[-1] for w in _TRAIL)


def _strip(phrase: str) -> str:
    """Drop leading verbs/connectives and trailing verbs/particles."""
    if phrase[:1] in _LEAD_FIRST:
        m = _LEAD_RE.match(phrase)
        if m:
            phrase = phrase[m.end():]
    if phrase[-1:] in _TRAIL_LAST:
        m = _TRAIL_REVERSED.match(phrase[::-1])
        if m:
            phrase = phrase[: len(phrase) - m.end()]
    return phrase.strip(" 　、")


# 102人中 / 102人均 / 102人都: the number restates a group (not 16人中枪, 8名中国人, 每10万人中: a verb, a
# noun, a rate).
_IN_GROUP = r"(?:中(?![枪弹毒标奖选国外方共央小青层医学秋])|当中|之中|里)"
_RESTATED = re.compile(rf"(?:{_IN_GROUP}|均|都|全部|全都)")
# 组织17.61万人观看…, 带动10万人就业, 造成至少4人死亡: verbs whose object people do what follows (pivot
# constructions); a qualifier word may stand between verb and numeral.
_PIVOT_VERBS = ("组织", "动员", "吸引", "带动", "引导", "帮助", "带领", "发动", "号召", "邀请", "鼓励", "吸纳", "推动",
                "促进", "支持", "安排", "帮扶", "造成", "导致", "致", "让", "使")
_PIVOT_QUALIFIERS = ("至少", "超过", "不少于", "近", "约", "逾", "超")
_PIVOT = re.compile(_trie(_PIVOT_VERBS) + "(?:" + _trie(_PIVOT_QUALIFIERS) + ")?$")
_PIVOT_LAST = frozenset(w[-1] for w in _PIVOT_VERBS + _PIVOT_QUALIFIERS)
# What follows a numeral up to the clause end: a verb phrase (观看警示教育片, 曾担任过乡镇党政正职).
_PREDICATE = re.compile(rf"(?:左右|以上|以下|上下|前后)?的?(?:均|都|全部|全都)?(?!{_IN_GROUP})"
                        r"([^\d，。；：！？,;:!?\n“”《》（）()]{2,24})")
_NEXT_QUALIFIER = re.compile(r"(?:至少|超过|不少于|不超过|不到|不足|接近|将近|近|约|逾|超|突破|达到|达|有|为|、)+$")
_ATTRIBUTE_LINK = re.compile(r"(?:左右|前后|上下|及以下|及以上|以下|以上)?")


def attribute_group(text: str, attr_start: int, attr_end: int, start: int) -> str | None:
    """102人中40岁左右47人, “85”左右15人: an age or cohort right before a count (only a 左右/以下-style word
    between them) is the attribute that defines the counted group."""
    m = _ATTRIBUTE_LINK.match(text, attr_end, start)
    return text[attr_start:start] if m.end() == start else None


def restated_base(text: str, start: int, end: int, unit: str | None, value: float | None,
                  groups: dict[float, tuple[str, int]]) -> str | None:
    """102人中 / 102人均 after 102名县(市、区)党政正职: a restated base names the group introduced with the
    same number (and a person unit) earlier in the same paragraph.  groups: value -> (subject, end)."""
    if unit not in GROUP_UNITS or value not in groups or not _RESTATED.match(text, end) \
            or text[start - 1:start] == "每":
        return None
    subj, introduced = groups[value]
    return subj if text.find("\n", introduced, start) < 0 else None


def _predicate(text: str, end: int, ceiling: int) -> str:
    m = _PREDICATE.match(text, end, min(ceiling, end + MAX_LEN))
    if m is None:
        return ""
    phrase = m.group(1)
    if m.end() == ceiling:  # 致1人死亡超百人受伤: 超 qualifies the next figure
        q = _NEXT_QUALIFIER.search(phrase)
        if q:
            phrase = phrase[:q.start()]
    phrase = phrase.rstrip("、")
    return phrase if len(phrase) >= 2 else ""


def subject_for(text: str, start: int, end: int, unit: str | None, kind: str,
                floor: int, previous: str | None, previous_unit: str | None = None,
                ceiling: int | None = None) -> str | None:
    """Subject of the quantity text[start:end].  floor: end of the previous quantity (the phrase never
    reaches back over it); previous / previous_unit: subject and unit of the previous quantity in the
    same sentence (a count inherits it only with the same unit: 收到线索221件，查实12件); ceiling: start of
    the next quantity (a predicate read forwards stops there: 致1人死亡超百人受伤)."""
    if ceiling is None:
        ceiling = len(text)
    if kind in NO_SUBJECT:
        return None
    if kind in _FORWARD_KINDS and unit not in _PERSON_UNITS and text[end:end + 1] not in _FORWARD_STOPS:
        phrase_end = _FORWARD.match(text, end, end + MAX_LEN).end()
        # (not a bracket alone: "112.8万套（间），" names the unit again, not what is counted)
        if phrase_end - end >= 2 and not (text[end] in "（(" and text[phrase_end - 1] in "）)"):
            st = _MULTI_STOP.search(text, end, phrase_end)
            if st is None:
                return text[end:phrase_end]
            if st.start() - end >= 2:
                return text[end:st.start()]
    if unit in _PERSON_UNITS and text[start - 1:start] in _PIVOT_LAST \
            and _PIVOT.search(text, max(0, start - 5), start):
        after = _predicate(text, end, ceiling)
        if after:
            return after
    lo = max(floor, start - 40)
    m = _UP_TO_CLAUSE_DELIMITER.match(text, lo, start)
    begin = m.end() if m is not None else lo
    own_clause = begin > lo  # the phrase before starts at a clause delimiter, not at the previous figure
    if begin == floor and floor and text.startswith("中", begin):
        begin += 1  # 102人中40岁左右47人: 中 ties the clause to the previous figure
        own_clause = True
    before = _strip(text[begin:start]) if begin < start else ""
    if before == previous and unit in _PERSON_UNITS and previous_unit in _PERSON_UNITS:
        # 造成97人死亡、365人受伤: 死亡 belongs to the 97 (but 14家贫困户21人: 贫困户 names the 21)
        before, own_clause = "", True
    if len(before) >= 2 and not before.startswith(_COMPARISON):
        return before[-MAX_LEN:]
    # Nothing but verbs in a clause of its own: a share (一半以上曾担任过…) or people (死亡、365人受伤) are
    # defined by what follows.
    if len(before) < 2 and own_clause and (kind == "percent" or unit in _PERSON_UNITS) and text[start - 1] != "每":
        after = _predicate(text, end, ceiling)
        if after:
            return after
    if previous is not None and (kind not in _FORWARD_KINDS or unit == previous_unit):
        return previous
    return None
