"""An article seen by the claim linker: quantities as mentions placed in sentences,
clauses and parentheses, plus the small vocabulary the structural rules read.

Everything works on ``fold_width(text)`` (same offsets as the stored text).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from pipelines.core.claims.intervals import Interval, interval
from pipelines.core.model import Quantity
from pipelines.core.text import fold_width, paragraph_spans, sentence_spans

AMOUNT_KINDS = ("count", "money", "other")
PEOPLE = {"人", "名", "位"}
CLAUSE_PUNCT = "，,；;：:。！？!?"
OPEN, CLOSE = "（(", "）)"
_CLAUSE_PUNCT_RE = re.compile(f"[{re.escape(CLAUSE_PUNCT)}]")
_PAREN_EVENT = re.compile("[（()）\n]")  # the characters that open, close or reset a parenthesis

GENERIC_CLASSIFIERS = {"个", "家", "项", "件", "次", "所", "座", "批", "条", "种", "类", "处", "起"}
NOUN_AFTER = re.compile(r"[^\W\d中的其_]{1,8}")
# "…中有47个将无法…": a classifier followed by an adverb or a verb names no thing of its own.
VERB_AFTER = re.compile(r"将|已|被|在|为|是|都|均|也|还|就|要|会|可|能|实现|无法|未|没|不|正|仍|共|分别|同比|比|较|占|达|获|得到")
NON_ADDITIVE_UNITS = {"℃", "摄氏度", "度", "°C", "级", "倍", "岁", "分", "点", "毫米", "厘米"}
# Net balances and averages do not add up like counts: a 顺差 can be smaller than one of its
# parts, a group's 人均 can exceed the overall 人均.
NOT_ADDITIVE = re.compile(r"顺差|逆差|净|差额|盈余|盈亏|亏损|结余|余额|人均|平均|均价|户均|亩均|单价|年均|日均|每")
# Share markers and the words that make a share about another measure than the count before it
# ("354个，投资占比71.1%" is a share of investment, not of the 354 projects).
SHARE = re.compile(r"占比|占|比例|比重")
METRIC_SHIFT = re.compile(r"投资|产能|面积|金额|资金|产值|增加值|收入|营收|利润|税收|人口|规模|总额|价值|费用|支出|消费|"
                          r"产量|销量|用地|GDP|份额|额|量")
# A percentage that is a rate of change, not a level: "增长5.0%", "同比下降3.3%", "增幅为1.2%".
GROWTH_TAIL = re.compile(r"(?:增长|增加|提高|提升|上升|下降|减少|降低|回落|下滑|上涨|下跌|回升|扩大|缩小|高出|高于|低于|快于|"
                         r"慢于|净增|增|降|涨|跌)(?:了)?(?:约|近|超过|达到|达|逾|为)?$")
GROWTH_WORD = re.compile(r"(?:增幅|增速|涨幅|降幅|跌幅|增长率|增长速度)(?:均|分别)?(?:为|达到|达|是|约)?$")
# The earlier end of a change: "由11.9%提高到27.2%", "比上届的92.2%".
EARLIER_TAIL = re.compile(r"(?:由|从)[^，,；;。到至]{0,14}$|比[^，,；;。\d]{0,10}的$")
# "由700余人组成": a composition, not the earlier end of a change.  (Patterns matched at a
# position, pattern.match(text, pos), carry no "^": it would only match at the text's start.)
COMPOSED_OF = re.compile(r"[^，,；;。\d]{0,12}?(?:组成|构成)")
LEVEL_TAIL = re.compile(r"(?:到|至)[^，,；;。\d]{0,10}$")
CHANGE_VERB = re.compile(r"(提高|上升|增加|增长|提升|扩大|高出|高于|快于|净增|增|多|下降|降低|减少|回落|缩小|低于|慢于|减|降|少)"
                         r"(?:了)?(?:约|近|超过|达)?$")
DOWN_VERBS = {"下降", "降低", "减少", "回落", "缩小", "低于", "慢于", "减", "降", "少"}
# "102人中…", "767名教师中，", "902个…断面（点位）中，": the count is the base of what follows.
BASE_AFTER = re.compile(r"^[^，,。；;：:！？!?、\d%]{0,20}?(?:之中|当中|中)(?=[，,、：:]|有(?!关)|既有|就有|共有|包括|[0-9一二三四五六七八九十两“\"])")
BASE_PHRASE_STOP = re.compile(r"[在正于从把被将对向]")
ALL_AFTER = re.compile(r"^(?:均|都|全部|全都)")
QIZHONG = re.compile(r"其中(?:包括|有)?|包括")
# "其中，给予38人党纪政务处分，3人诫勉处理": the verb of the first part applies to the next ones.
DISTRIBUTIVE_HEADS = frozenset({"给予"})
SCOPE_STOP = re.compile(r"另有|另外|此外")
# A clause opening with a new time frame or a new topic leaves the group being broken down.
SCOPE_BREAK = re.compile(r"(?:截至|截止|到目前|目前|至此|当日|当天|此外|另外|另有|同时|与此同时|上述|以上|"
                         r"[一二三四五六七八九十]是|第[一二三四五六七八九十]+(?:是|[，,、])|而|但|累计)")
# Not a part of the group being broken down: a total or a record figure.
NOT_A_PART = re.compile(r"总数|总量|总计|合计|总共|共计|至此|最高|最大|最多|最长|最低|最少|峰值")
# "完成全年1.8万亿元投资目标任务的", "完成1万亿元发行任务的72%": the figure is a target (but not "其余3段也
# 计划在年内完成").
PLANNED_AFTER = re.compile(r"[^，,。；;\d也还将]{0,4}(?:目标|任务|计划|预期)(?:任务)?(?:的|数)")
# Attributes that cut across a group (women, graduates, age bands, thresholds): parts described by
# them may overlap, so they are never summed against their whole.
# (留置 and 移送: measures taken on people who may also be sanctioned)
OVERLAP = re.compile(r"女|男|少数民族|党外|非中共|民主党派|无党派|学历|学位|本科|大专|研究生|硕士|博士|岁|年轻|一线|党员|经历|留置|移送|"
                     r"背景|经验|专业|以上|以下|超过|不足|不到|首次|同时|兼|均|具有|拥有|获得|曾")
COMPLETE = re.compile(r"^[，,、；;\s]*(?:其余|其他|其它|剩余|余下)")  # "…，其余37人": the list is complete
GENERIC_BASE = {"", "总数", "总量", "总人数", "全部", "总体", "其", "总", "比", "总额", "总计", "合计"}
BASE_SUFFIX = re.compile(r"(?:总人数|总数|总量|总额|人数|数量|总值|数)$")


@dataclass(slots=True, eq=False)  # identity: a mention is one place in the text
class Mention:
    idx: int
    q: Quantity
    iv: Interval | None
    sent: int
    para: int
    paren: int  # start of the innermost enclosing parenthesis, -1 outside any
    # What a generic classifier (个/家/项…) counts: the words right after it ("22个省区市") or, when
    # none follow, the end of its descriptor ("参展品牌超过1300个"); key = the two characters compared.
    noun: str = ""
    noun_key: str = ""
    noun_after: bool = False  # the noun follows the figure ("22个省区市"), not a label before it

    @property
    def start(self) -> int:
        return self.q.start

    @property
    def end(self) -> int:
        return self.q.end

    @property
    def kind(self) -> str:
        return self.q.kind

    @property
    def qid(self) -> str | None:
        return self.q.quantity_id

    @property
    def family(self) -> str | None:
        u = self.q.unit
        return "人" if u in PEOPLE else u

    @property
    def is_amount(self) -> bool:
        return self.kind in AMOUNT_KINDS and self.iv is not None and self.q.unit not in NON_ADDITIVE_UNITS


def _head(s: str) -> str:
    """The first two Chinese characters of a clause (its opening word, roughly)."""
    return re.sub(r"[^\u4e00-\u9fff]", "", re.sub(r"^(?:其中|包括)", "", s.lstrip("，,；; ")))[:2]


# Things counted in 件/起 that are then split by how they were handled (谈话函询, 初步核实, 予以了结…).
HANDLED_THINGS = re.compile(r"线索|案件|问题|信访|举报|诉求|事项|投诉")


def noun_clash(part: Mention, whole: Mention) -> bool:
    """Both counted with a generic classifier and the things counted differ ("242个贫困县" vs
    "22个省区市", "71个小项" vs "6个大项"): probably not part and whole, so never an alarm."""
    if not (part.noun_key and whole.noun_key):
        return False
    if not part.noun_after and part.q.unit == whole.q.unit and HANDLED_THINGS.search(whole.noun):
        return False  # cases or clues broken down by how they were handled ("问题线索31246件，其中谈话函询7832件")
    return part.noun_key not in whole.noun and whole.noun_key not in part.noun


# Organisations counted with 个 may be broken down into enterprises (家) and schools (所).
ORGANISATIONS = re.compile(r"组织|单位|机构|部门|主体")


def compatible(part: Mention, whole: Mention, people_in_visits: bool = False, unit_unwritten: bool = False) -> bool:
    """Same kind of thing counted in the same unit (名 and 人 are both people).

    people_in_visits: people may be parts of a person-times total ("1.31万人次，其中…123人").
    unit_unwritten: a whole whose unit is not written ("总诊疗人次…101.5亿") may take any part
    of its kind; only for bases the text names explicitly."""
    if not (part.is_amount and whole.is_amount) or part.kind != whole.kind:
        return False
    if part.family is not None and part.family == whole.family:
        return True
    if people_in_visits and part.family == "人" and whole.family == "人次":
        return True
    if part.family in ("家", "所") and whole.family == "个" and ORGANISATIONS.search(whole.noun):
        return True  # "对30个党组织开展巡视，其中省直单位20个、省属高校4所、省属国有企业6家"
    return unit_unwritten and whole.family is None


class Doc:
    def __init__(self, text: str, quantities: list[Quantity]):
        self.text = text
        self.f = fold_width(text)
        self.paras = paragraph_spans(text)
        self.sents = sentence_spans(text, self.paras)
        self._sent_starts = [s for s, _ in self.sents]
        self._para_starts = [s for s, _ in self.paras]
        self._paren_events()
        self._clause_marks = [m.start() for m in _CLAUSE_PUNCT_RE.finditer(self.f)]
        self.mentions: list[Mention] = []
        for q in sorted(quantities, key=lambda q: (q.start, q.end)):
            self.mentions.append(Mention(len(self.mentions), q, interval(q), self.sent_of(q.start),
                                         self.para_of(q.start), self.paren_at(q.start)))
        for m in self.mentions:
            if m.q.unit in GENERIC_CLASSIFIERS:
                self._name_counted_thing(m)
        self._by_sent: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self._by_sent.setdefault(m.sent, []).append(m)

    def _name_counted_thing(self, m: Mention) -> None:
        after = NOUN_AFTER.match(self.f, m.end)
        if after and not VERB_AFTER.match(after.group(0)):
            m.noun = after.group(0)
            m.noun_key = m.noun[:2]
            m.noun_after = True
        else:
            tail = re.sub(r"(?:超过|达到|达|为|有|共|约|近|计|是|逾|突破|已|的|就|都|也|还|均|之中|当中|中|[，,、])+$", "",
                          self.descriptor(m))
            m.noun = re.sub(r"[^\u4e00-\u9fff]", "", tail)[-4:]
            m.noun_key = m.noun[-2:]

    # ------------------------------------------------------------------ positions
    def _paren_events(self) -> None:
        """The innermost open parenthesis changes only at （ ( ） ) and line breaks: record, at each
        of them, the one that holds the character itself and the one that holds what follows it.
        (A line break closes every parenthesis; a closing one without an opener is text.)"""
        self._paren_at_event: list[int] = []
        self._paren_after_event: list[int] = []
        self._paren_event_pos: list[int] = []
        stack: list[int] = []
        for m in _PAREN_EVENT.finditer(self.f):
            i, ch = m.start(), m.group()
            if ch in CLOSE and stack:
                stack.pop()
            self._paren_event_pos.append(i)
            self._paren_at_event.append(stack[-1] if stack else -1)
            if ch in OPEN:
                stack.append(i)
            elif ch == "\n":
                stack.clear()
            self._paren_after_event.append(stack[-1] if stack else -1)

    def paren_at(self, pos: int) -> int:
        """Start of the innermost parenthesis holding text[pos], -1 when none."""
        if not 0 <= pos < len(self.f):
            return -1
        k = bisect_right(self._paren_event_pos, pos) - 1
        if k < 0:
            return -1
        return self._paren_at_event[k] if self._paren_event_pos[k] == pos else self._paren_after_event[k]

    def paren_end(self, open_pos: int) -> int:
        depth = 0
        for i in range(open_pos, len(self.f)):
            if self.f[i] in OPEN:
                depth += 1
            elif self.f[i] in CLOSE:
                depth -= 1
                if depth == 0:
                    return i
            elif self.f[i] == "\n":
                return i
        return len(self.f)

    def sent_of(self, pos: int) -> int:
        return max(bisect_right(self._sent_starts, pos) - 1, 0)

    def para_of(self, pos: int) -> int:
        return max(bisect_right(self._para_starts, pos) - 1, 0)

    def sent_span(self, i: int) -> tuple[int, int]:
        return self.sents[i] if self.sents else (0, len(self.f))

    def in_sentence(self, i: int) -> list[Mention]:
        return self._by_sent.get(i, [])

    def clause_start(self, pos: int) -> int:
        """Start of the clause holding pos: after the last clause punctuation before it in its sentence."""
        lo = self.sent_span(self.sent_of(pos))[0]
        if pos < lo:
            return pos
        k = bisect_left(self._clause_marks, pos) - 1  # the last mark before pos
        return self._clause_marks[k] + 1 if k >= 0 and self._clause_marks[k] >= lo else lo

    def clause_before(self, m: Mention) -> str:
        """Text from the start of m's clause to m (what the figure is said of)."""
        return self.f[self.clause_start(m.start):m.start]

    def previous(self, m: Mention, same_sentence: bool = True) -> Mention | None:
        if m.idx == 0:
            return None
        p = self.mentions[m.idx - 1]
        return p if (not same_sentence or p.sent == m.sent) else None

    def descriptor(self, m: Mention) -> str:
        """What the figure is said of: its clause up to the figure, after the previous figure."""
        lo = self.clause_start(m.start)
        p = self.previous(m)
        if p is not None and p.end > lo:
            lo = p.end
        return self.f[lo:m.start]

    def context_noun(self, m: Mention) -> str:
        """The noun phrase a figure is attached to, for matching 占…总数 and named shares."""
        left = re.sub(r"(?:为|达到|达|是|共|约|近|突破|超过|有|计|合计|总计|累计)+$", "", self.descriptor(m))
        return left.strip()

    def scope_end(self, start: int, end: int, whole_clause: str = "") -> int:
        """Where a group's breakdown that starts at `start` stops (at the latest `end`): at 另有/此外,
        or, once a part has been given, before a clause that opens a new time frame (截至…, a
        date) or, after a semicolon, one that has its own 其中 or opens with words of the whole's
        own clause that the first part did not open with (a sibling statement: "新增…331例，
        其中境外输入…；新增治愈出院…608例"); after a comma such a clause only makes its figure
        an uncertain part (see Linker._firm)."""
        stop = SCOPE_STOP.search(self.f, start, end)
        end = stop.start() if stop else end
        starts = {m.start: m for m in self.mentions if start <= m.start < end}
        level = self.paren_at(start)
        first_head = None
        for i in range(start, end):
            if i in starts and starts[i].is_amount and first_head is None:
                first_head = _head(self.f[self.clause_start(i):i])
                labelled = bool(first_head)
            if first_head is None or self.f[i] not in "，,；;" or self.paren_at(i) != level:
                continue
            rest = self.f[i + 1:end]
            lead = re.match(r"(?:约|近|超过|逾|另|还有|又有|有)?", rest).end()
            m = starts.get(i + 1) or starts.get(i + 1 + lead)
            if SCOPE_BREAK.match(rest) or (m is not None and m.start == i + 1 and m.kind in ("date", "year")):
                return i
            if labelled and m is not None and m.is_amount and first_head not in DISTRIBUTIVE_HEADS:
                return i  # "110人死亡，其中包括13名美军，约150人受伤": a figure opening its clause is a new statement
            if self.f[i] in "；;" and "其中" in re.split(r"[；;。]", rest)[0]:
                return i
            head = _head(rest)
            if self.f[i] in "；;" and len(head) == 2 and head in whole_clause and head != first_head:
                return i
        return end

    def firm_end(self, start: int, end: int) -> int:
        """Up to where membership of a breakdown is certain: its first semicolon."""
        semi = re.compile(r"[；;]").search(self.f, start, end)
        return semi.start() if semi else end

    # ------------------------------------------------------------------ classification
    def is_growth(self, m: Mention) -> bool:
        before = self.clause_before(m)
        if LEVEL_TAIL.search(before) and not re.search(r"(?:增长|增加|提高|上升|下降|减少)(?:了)?$", before):
            return False
        return bool(GROWTH_TAIL.search(before) or GROWTH_WORD.search(before))

    def is_earlier(self, m: Mention) -> bool:
        return bool(EARLIER_TAIL.search(self.clause_before(m))) and not COMPOSED_OF.match(self.f, m.end)

    def is_delta(self, m: Mention) -> bool:
        """A figure stated as a change ("比上年减少1386万人", "下降2.4岁")."""
        return m.kind == "percentage_points" or bool(CHANGE_VERB.search(self.clause_before(m)) and
                                                      re.search(r"比|较|同比|环比|相比", self.clause_before(m)))

    def first_mention(self, m: Mention) -> Mention:
        """The first (defining) mention of a restated base: 102名 … 102人中 → the 102名."""
        if m.q.qualifier is not None or not m.is_amount or m.family is None:
            return m
        for e in self.mentions[:m.idx]:
            if e.is_amount and e.kind == m.kind and e.family == m.family and e.q.qualifier is None \
                    and e.q.value == m.q.value:
                return e
        return m

    def next_amount(self, m: Mention) -> Mention | None:
        """The next amount after m in its sentence, at the same parenthesis level."""
        for n in self.mentions[m.idx + 1:]:
            if n.sent != m.sent:
                return None
            if n.is_amount and n.paren == m.paren:
                return n
        return None

    def unbracketed(self, a: int, b: int) -> str:
        """Text between two offsets without the parenthesised asides opened there."""
        out, depth = [], 0
        for ch in self.f[a:b]:
            if ch in OPEN:
                depth += 1
            elif ch in CLOSE and depth:
                depth -= 1
            elif not depth:
                out.append(ch)
        return "".join(out)
