"""Subject: the phrase of the text that says what a quantity counts.

Official prose puts the counted noun on one side of the numeral:
* after it, for measure words of things (102名县(市、区)党政正职, 95个督查组, 426名优秀年轻干部);
* before it, when the numeral closes its clause (全日制大学本科以上学历73人, 收到涉及换届的案件线索221件),
  and for 人/人次 (17.61万人观看… is followed by a verb) and shares (…的占到80%以上).
A clause with nothing but a verb before the numeral (查实12件, 占71.6%) inherits the subject of the
previous quantity of the same sentence (a count only from a count of the same unit).
This runs once per quantity, so word lists are matched with set look-ups, not regex alternations.
"""
from __future__ import annotations

import re

MAX_LEN = 24
_PERSON_UNITS = frozenset({"人", "人次", "户次"})
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
          "已", "就", "也", "还", "都", "均", "再", "又", "了", "增加到", "提升到", "提高到", "上升到", "下降到")


def _alternation(words) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")+"


# Both anchored at position 0 (the trailing words are matched on the reversed phrase).
_LEAD_RE = re.compile(_alternation(_LEAD))
_TRAIL_REVERSED = re.compile(_alternation(w[::-1] for w in _TRAIL))
# Forward phrase: one character class stops at delimiters, digits and one-character function words;
# the few multi-character stop words are searched in the (short) phrase afterwards.
_ONE_CHAR_STOPS = "".join(w for w in _AFTER_STOP if len(w) == 1)
_MULTI_STOP = re.compile("|".join(w for w in _AFTER_STOP if len(w) > 1))
_FORWARD = re.compile(r"(?:[（(][^（）()\n]{1,12}[)）]|[^\d，。；：！？,;:!?\n“”《》、（）() 　" + _ONE_CHAR_STOPS + "])+")
# Greedy up to the last clause delimiter of the window: one pass, no search from every position.
_UP_TO_CLAUSE = re.compile(r".*[，。；：！？,;:!?\n“”《》]", re.S)


def _strip(phrase: str) -> str:
    """Drop leading verbs/connectives and trailing verbs/particles."""
    m = _LEAD_RE.match(phrase)
    if m:
        phrase = phrase[m.end():]
    m = _TRAIL_REVERSED.match(phrase[::-1])
    if m:
        phrase = phrase[: len(phrase) - m.end()]
    return phrase.strip(" 　、")


def _forward(text: str, end: int) -> str:
    m = _FORWARD.match(text, end, min(len(text), end + MAX_LEN))
    if m is None or m.end() - end < 2:
        return ""
    phrase = m.group()
    st = _MULTI_STOP.search(phrase)
    return phrase[: st.start()] if st else phrase


def subject_for(text: str, start: int, end: int, unit: str | None, kind: str,
                floor: int, previous: str | None, previous_unit: str | None = None) -> str | None:
    """Subject of the quantity text[start:end].  floor: end of the previous quantity (the phrase never
    reaches back over it); previous / previous_unit: subject and unit of the previous quantity in the
    same sentence (a count inherits it only with the same unit: 收到线索221件，查实12件)."""
    if kind in NO_SUBJECT:
        return None
    if kind in _FORWARD_KINDS and unit not in _PERSON_UNITS:
        after = _forward(text, end)
        if len(after) >= 2:
            return after
    lo = max(floor, start - 40)
    m = _UP_TO_CLAUSE.match(text, lo, start)
    begin = m.end() if m else lo
    if begin == floor and floor and text.startswith("中", begin):
        begin += 1  # 102人中40岁左右47人: 中 ties the clause to the previous figure
    before = _strip(text[begin:start])
    if len(before) >= 2 and not before.startswith(_COMPARISON):
        return before[-MAX_LEN:]
    if previous is not None and (kind not in _FORWARD_KINDS or unit == previous_unit):
        return previous
    return None
