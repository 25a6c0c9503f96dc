"""Structural linking: which figure is a part of which whole, which percentage describes which
count and base, which list adds up to which total, which change has which ends.

Beyond the scopes: the nearest group of the same unit as the base of "M人…，占P%" items (certain when
another share of the run agrees with it), shares of the people counted just before ("…240.8万名，女性占
45.9%", bounds only) and restricted restatements ("全年发展党员N名…在生产、工作一线发展党员M名").

Every link says whether it is *certain* (the text's structure leaves one reading) or not.
Only certain links may later yield an `inconsistent` verdict; uncertain ones are reported
when they agree and as `unverifiable` (or not at all) when they do not.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from pipelines.core.claims.document import (
    BASE_SUFFIX, CHANGE_VERB, COMPLETE, DOWN_VERBS, GENERIC_BASE, METRIC_SHIFT, NOT_A_PART, OVERLAP, SHARE, Doc, Mention,
    compatible, noun_clash)
from pipelines.core.claims.intervals import share
from pipelines.core.claims.scopes import DONE_OF_TARGET, INCLUDED_IN, Base, PartLink, Scopes, shared_run

# "中西部22个省份，加上…3个省，25个省份"; "…30人、…28人、…37人，共95人".
PLUS = re.compile(r"加上|再加上")
TOTAL_WORD = re.compile(r"共|合计|总计")
# "195名，占65.2%；少数民族人士32名；女性48名": a share right after its count, then items after semicolons
# labelled by a short noun phrase alone.
SHARE_RIGHT_AFTER = re.compile(r"[，,]\s*(?:约|均)?占(?:比)?(?:为|达)?")
PARALLEL_ITEM = re.compile(r"[；;]\s*[^，,。；;：:\d%（(]{1,8}")
# Attendance of a session: the expected number, then who attended and who did not.
EXPECTED = re.compile(r"(?:应出席|应到)[^，,。；;\d]{0,8}$|共$")
# "现有代表2977人", "全国政协现有委员2169名": the members a session expects, stated before its attendance.
MEMBERS_NOW = re.compile(r"现有(?:代表|委员|成员|人大代表|政协委员|全国人大代表|全国政协委员)$")
REGISTERED = re.compile(r"报到的(?:代表|委员)$|报到$")
PRESENT_CLAUSE = re.compile(r"^\s*(?:实到|实际出席|实际到会|出席|到会)[^，,。；;\d]{0,6}$")
PRESENT = re.compile(r"[，,]\s*(?:实到|实际出席|实际到会|出席|到会)[^，,。；;\d]{0,6}")
ABSENT = re.compile(r"[，,]\s*(?:缺席|请假|未出席|未到会)[^，,。；;\d]{0,6}")
# 分产业看，/ 分地区看： / 分城乡看， / 从录用层级看， / 从来源来看，
BREAKDOWN = re.compile(r"(?:分[\u4e00-\u9fff]{1,5}|从[\u4e00-\u9fff]{1,6}?来?)看[，,：:]")
TOTAL_AFTER = re.compile(r"^[，,；;]?\s*(?:以上|上述)?(?:共|合计|总计|共计|总共)")
# "开工率97.1%" after "已开工…42.84万个": a rate named by the verb of the count before it.
# "增长面达到82.9%" (the share of industries growing) reads like a rate.
RATE = re.compile(r"^[，,]?\s*(?:[\u4e00-\u9fff]{0,8}?)(?P<stem>[\u4e00-\u9fff]{2})(?:率|面)(?:已经|已)?"
                  r"(?:为|达到|达|是|约|超过|超|逾|接近|近|不足|不到)?$")
# The verb after the count: "有34个行业实现增长，增长面达到82.9%", "当选3987名" has it before (RATE).
RATE_AFTER = re.compile(r"^(?P<tail>[^，,。；;\d]{1,12})[，,]\s*(?P<stem>[\u4e00-\u9fff]{2})(?:率|面)(?:已经|已)?"
                        r"(?:为|达到|达|是|约|超过|超|逾|接近|近|不足|不到)?$")
# A 开工率 after a count of what was planned ("计划改造老旧小区1129个，目前开工率已达72.81%") is of that count.
DONE_RATE_STEMS = {"开工", "完工", "竣工", "完成", "建成", "办结", "结案", "整改", "销号"}
GROWTH_WORDS = re.compile(r"(?:比上年|比去年|较上年|同比|环比)?(?:名义|实际)?(?:增长|下降|提高|减少|增加|降低|上升|回落)")
SUBJECT_TRIM = re.compile(r"^(?:目前|当前|截至目前|同时|此外|其中|另外|而|但)[，,]?")
# "本土病例8例，含2例由无症状感染者转为确诊病例": a part of the item before, not another item.
NESTED = re.compile(r"^[，,、\s]*(?:其中|含|包含|包括)")
# "M人，占N<noun>的P%": the part's own noun (no other figure, at most one comma) before 占, then the
# base figure, its noun and 的 right before the percentage.
# "，占7.5亿就业人员的" or, with the noun first, "，占年度计划170.4万套的", "，完成全年目标1100万人的"
INLINE_BASE_HEAD = re.compile(r"[^，,。；;\d%]{0,12}[，,]?\s*(?:约|均|已|共)?"
                              r"(?:占(?:到|了)?|完成(?=[^，,。；;\d%的]{0,6}(?:计划|目标|任务)))[^，,。；;\d%的]{0,8}")
INLINE_BASE_TAIL = re.compile(r"[^，,。；;\d%、和及与]{0,12}的(?:比重|比例)?(?:为|达|约)?")
# A restatement narrowed: "立案查处有关问题" (a generic determiner or none) then "立案查处对…失职失责问题".
GENERIC_DETERMINERS = frozenset({"", "有关", "相关", "各类", "各种", "所有", "全部"})
RESTRICTION_OPENER = re.compile(r"对|涉及|针对|因|属于")
# "15个城市启动…试点，目前已经扩大到49个": extended, so the first set is within the second (at most one comma between).
EXPANDED = re.compile(r"[^，,。；;！？]{0,16}(?:[，,][^，,。；;！？]{0,12})?(?:扩大|扩展|扩围)(?:到|至)")
# "全市共配备县级领导班子成员286名", "共选举产生…1512名", "总数为…": a paragraph's opening total.
TOTAL_SAID = re.compile(r"共|总数|总计|合计")
# Between a count and its own share: "…，占83.6%", "…，占比约", or a bound alone ("172名，超过六成").
OWN_SHARE_GAP = re.compile(r"[^，,、；;。\d%]{0,30}[，,、]\s*(?:(?:约|均)?(?:占比|占)(?:约|为|达到|达|到|了)*"
                           r"|(?:超过|不到|不足|接近|将近|近|逾|约)了?)")
# A count described by an attribute is an item of a breakdown, not a group: "研究生学历68名", "45岁以下的93名",
# "具有乡镇党政正职经历的172名" (a group is named by who it is: "县级领导班子成员286名").
ATTRIBUTE_ITEM = re.compile(r"(?:学历|学位|经历|背景|职称|专业|以下|以上|左右|岁|后)的?$")
# Words of another period than the text's own: "占去年外出务工人数比例的102.7%" is a comparison with another
# period, not a share of a whole; a sentence about last year restates nothing of this year's.
OTHER_PERIOD = re.compile(r"去年|上年|同期|上届|上一年|前一年|以往|此前")
# "占年度计划170.4万套的105%", "完成全年目标的109.6%": a share of a target may exceed 100%.
PLAN_WORDS = re.compile(r"计划|目标|任务")  # what names a plan, a target or a list of tasks
OF_TARGET = re.compile(r"(?:占|完成)[^，,。；;]*?(?:计划|目标|任务|预期|预算)[^，,。；;]*$")
RATE_OF_DONE = "\0rate"  # marks a 开工率-style share: its base is what was planned
NAMED_SHARE = re.compile(r"^(?:其中)?(?P<a>[^\d，,；;。]{2,20}?)(?:占(?P<b>[^\d，,；;。]{2,16}?))?的?(?:比重|比例|占比)"
                         r"(?:为|达到|达|是|升至|降至|提高到|上升到|下降到)?$")

# "全年共发展党员…" then "在生产、工作一线发展党员…": what may stand before the predicate of an unrestricted
# total, and the restriction ("在" + a field that is not a place: "在承德兴隆县" may lie outside the total).
TOTAL_SCOPE = re.compile(r"(?:全年|今年|年内|当年|本年|全国|各地|共|总共|一共|合计|已|已经|新)*")
RESTRICTION = re.compile(r"在[\u4e00-\u9fff]{2,12}")
NOT_RESTRICTION = re.compile(r"比|较|同比|增|减|去年|上年|同期|此前|以前|累计|历年|今年|全年|当年|共|计划|预计|目标|"
                             r"[省市县区州镇乡村国]$")
# A share of a group written as "<attribute>占P%" right after the group's count.
ATTRIBUTE_SHARE = re.compile(r"[^，,；;。%]{1,16}?(?:的)?(?:占|占比)(?:达到|达|为|约|超过|近)?")
OTHER_MEASURE = re.compile(r"率|比例|比重|同期|相当于|恢复|全国|全球|世界|总量|总额")


@dataclass(slots=True)
class ListLink:
    parts: list[Mention]
    whole: Mention
    certain: bool
    disjoint: bool
    complete: bool
    rule: str
    only_if_equal: bool = False
    nested: frozenset[int] = frozenset()  # idx of parts introduced by 含/包括: parts of the item before
    firm: int = 0  # how many leading parts are certain parts of the whole (all of them when certain)


@dataclass(slots=True)
class ShareLink:
    """A percentage with its candidate (part, whole, rule) readings, most likely first."""
    percent: Mention
    candidates: list[tuple[Mention, Mention, str]]
    certain: bool
    fallback: bool = False  # base found only by arithmetic among earlier figures


@dataclass(slots=True)
class BoundLink:
    percent: Mention
    whole: Mention
    certain: bool
    rule: str


@dataclass(slots=True)
class ChangeLink:
    delta: Mention
    current: Mention
    earlier: Mention | None
    sign: int
    rule: str


@dataclass
class Links:
    parts: list[PartLink] = field(default_factory=list)
    lists: list[ListLink] = field(default_factory=list)
    shares: list[ShareLink] = field(default_factory=list)
    bounds: list[BoundLink] = field(default_factory=list)
    changes: list[ChangeLink] = field(default_factory=list)
    growth: set[int] = field(default_factory=set)      # idx of percentages that are rates of change
    share_like: set[int] = field(default_factory=set)  # idx of percentages stated as shares


def _chinese(s: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff]", "", s)


def _common_tail(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n:]


def _common_head(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _base_noun(post: str) -> str:
    """"占计划派出人数的" -> "计划派出人数"; "占比为" / "占比由" / "占总数的" -> ""."""
    s = re.split(r"由|从", post)[0]
    s = re.sub(r"^(?:占比|占到|占|比例|比重)", "", s)
    qual = r"(?:为|达到|达|是|约|近|超过|超|逾|不足|不到|高达|接近|将近|已达|已|在|分别为|分别是|分别|了)"
    s = re.sub(rf"(?:的)?(?:比重|比例|比)?{qual}*$", "", s)
    s = re.sub(rf"^{qual}+", "", s).rstrip("的 ")
    return "" if s in GENERIC_BASE or len(s) < 2 else s


class Linker(Scopes):
    """All links of one article: build it, call run() once."""

    def __init__(self, doc: Doc):
        super().__init__(doc)
        self.links = Links()
        self._listed = {id(p) for b in self.bases for p in b.parts}  # items of a base: no group of their own

    def run(self) -> Links:
        self._part_links()
        self._explicit_sums()
        self._breakdowns()
        self._attendance()
        self._included()
        self._restated_sentences()
        self._expansions()
        self._percentages()
        self._parallel_items()
        self._changes()
        return self.links

    def _part_links(self) -> None:
        L = self.links
        for b in self.bases + self.noun_bases:
            if b.rule == "all of a group":
                continue
            for p in b.parts:
                L.parts.append(PartLink(p, b.whole, b.certain and not noun_clash(p, b.whole), b.rule))
            if len(b.parts) >= 2:
                L.lists.append(self._list(b.parts, b.whole, b, "parts of a base",
                                          only_if_equal=not COMPLETE.search(self.doc.descriptor(b.parts[-1]))))
        for b in self.qlists:
            outer = self._owner_lists(b.whole) + self._scope_bases(b.whole)
            for p in b.parts:
                # Under an open base ("102人中…47人，其中…15人") 其中 may point at the base or at the
                # last count: the base link keeps its certainty, the inner one is a guess.
                L.parts.append(PartLink(p, b.whole, b.certain and not outer and self._firm(b, p)
                                        and not noun_clash(p, b.whole), b.rule))
                for o in outer:
                    chained = o.certain and self._firm(o, b.whole) and b.certain and self._firm(b, p)
                    L.parts.append(PartLink(p, o.whole, chained, "part of a part"))
            if len(b.parts) >= 2:
                L.lists.append(self._list(b.parts, b.whole, b, b.rule))
        for b in self.plists:
            for p in b.parts:
                L.parts.append(PartLink(p, b.whole, not noun_clash(p, b.whole), b.rule))
            if len(b.parts) >= 2:
                L.lists.append(self._list(b.parts, b.whole, b, b.rule))
        L.parts.extend(self.funnel)
        L.parts.extend(self._subgroups_of_totals())
        L.parts.extend(self._restricted_restatements())

    def _subgroups_of_totals(self) -> list[PartLink]:
        """"…特殊困难群体64.7万户…新纳入低保；全国共新纳入低保96.5万户": a group, then the total of
        the same predicate (共/合计) in the same sentence."""
        doc, out = self.doc, []
        for w in doc.mentions:
            if not w.is_amount or not TOTAL_WORD.search(doc.clause_before(w)):
                continue
            w_clause = doc.f[doc.clause_start(w.start):w.start]
            for p in doc.in_sentence(w.sent):
                if p.start >= doc.clause_start(w.start) or not compatible(p, w) or self._owner_lists(p) \
                        or doc.is_delta(p) or doc.is_earlier(p):
                    continue
                c0 = doc.clause_start(p.start)
                c1 = next((i for i in range(p.end, w.start) if doc.f[i] in "，,；;。"), w.start)
                if shared_run(doc.f[c0:c1], w_clause, 4):
                    out.append(PartLink(p, w, False, "group within a stated total"))
        return out

    def _restricted_restatements(self) -> list[PartLink]:
        """"全年发展党员240.8万名…。在生产、工作一线发展党员127.6万名": the same predicate, said first of
        everyone and then with a restriction, names a part of the first count."""
        doc, out = self.doc, []
        counts = [m for m in doc.mentions if m.kind == "count" and m.is_amount and m.paren < 0
                  and not doc.is_delta(m) and not doc.is_earlier(m)]
        for b in counts:
            said_b = _chinese(doc.context_noun(b))
            for a in reversed([a for a in counts if a.start < b.start]):
                if a.para != b.para or a.sent < b.sent - 2:
                    break
                if not compatible(b, a):
                    continue
                said_a = _chinese(doc.context_noun(a))
                pred = _common_tail(said_a, said_b)
                if len(pred) < 4:
                    continue
                rest_a, restriction = said_a[:-len(pred)], said_b[:-len(pred)]
                if not TOTAL_SCOPE.fullmatch(rest_a) or not RESTRICTION.fullmatch(restriction) \
                        or NOT_RESTRICTION.search(restriction) \
                        or any(m.kind in ("date", "year") for m in doc.mentions if a.end <= m.start < b.start):
                    break
                out.append(PartLink(b, a, True, "restricted restatement of a total"))
                break
        return out

    def _list(self, parts: list[Mention], whole: Mention, scope: Base, rule: str, only_if_equal=False,
              complete=False) -> ListLink:
        doc = self.doc
        lead = doc.f[scope.start:parts[0].start] if scope.start <= parts[0].start else ""
        said = lead + "".join(doc.descriptor(p) for p in parts)
        overlapping = bool(OVERLAP.search(said)) or any(
            m.kind in ("age", "birth_cohort", "percent") for m in doc.mentions
            if min(scope.start, parts[0].start) <= m.start < parts[-1].start and m not in parts)
        complete = complete or bool(COMPLETE.search(doc.descriptor(parts[-1])))
        # People listed under a person-times total ("…1455人次，…处理123人") only make an overshoot larger.
        firm = 0
        if scope.certain:
            while firm < len(parts) and self._firm(scope, parts[firm]) and not noun_clash(parts[firm], whole):
                firm += 1
        certain = firm == len(parts)
        nested = frozenset(p.idx for p in parts[1:] if NESTED.match(doc.descriptor(p)))
        return ListLink(parts, whole, certain, not overlapping, complete, rule, only_if_equal, nested, firm)

    def _explicit_sums(self) -> None:
        """"A，加上B，C" and "a、b、c，共N": a total written right after its addends."""
        doc = self.doc
        for c in doc.mentions:
            if not c.is_amount or c.paren >= 0:
                continue
            run = []
            m = doc.previous(c)
            while m is not None and m.is_amount and compatible(m, c) and m.paren < 0 and not doc.is_delta(m):
                run.insert(0, m)
                m = doc.previous(m)
            if len(run) < 2:
                continue
            gap = doc.f[run[-1].end:c.start]
            if PLUS.search(doc.f[run[-2].end:run[-1].start]) and len(gap) <= 8 and not re.search(r"[。；;]", gap):
                scope = Base(c, run[-2].start, c.start, "plus")
                self.links.lists.append(self._list(run[-2:], c, scope, "A加上B: a written total", complete=True))
            elif TOTAL_AFTER.match(gap) and all(
                    re.fullmatch(r"[，,、和及与]?[^，,。；;\d]{0,12}", doc.f[x.end:y.start]) for x, y in zip(run, run[1:])):
                scope = Base(c, run[0].start, c.start, "total")
                self.links.lists.append(self._list(run, c, scope, "list followed by its total"))

    def _parallel_items(self) -> None:
        """"其中非中共人士195名，占65.2%；少数民族人士32名；女性48名": items written like the first one after
        semicolons count within the same base as the first item's share (a certain one, or the only
        base the stated share agrees with).  Not certain: an item
        above the base is never called an error."""
        doc = self.doc
        for s in list(self.links.shares):
            if s.certain and not s.fallback and s.candidates:
                part, whole = s.candidates[0][:2]
            else:
                agreeing = [(pt, w) for pt, w, _ in s.candidates
                            if pt.iv and w.iv and w.iv.hi > 0 and share(pt.iv, w.iv).meets(s.percent.iv)]
                if len(agreeing) != 1:
                    continue
                part, whole = agreeing[0]  # the one base the stated share agrees with
            if not SHARE_RIGHT_AFTER.fullmatch(doc.unbracketed(part.end, s.percent.start)):
                continue
            m = s.percent
            while (n := doc.next_amount(m)) is not None and compatible(n, part) \
                    and PARALLEL_ITEM.fullmatch(doc.unbracketed(m.end, n.start)):
                self.links.parts.append(PartLink(n, whole, False, "item in parallel with a share of the base"))
                m = n

    def _attendance(self) -> None:
        """"会议应出席代表2975人，出席2948人，缺席27人" / "委员共2169人，实到委员2125人": who attended and who
        did not are parts of who was expected, and together they are all of them."""
        doc = self.doc
        for whole in doc.mentions:
            if whole.kind != "count" or not whole.is_amount:
                continue
            said = doc.clause_before(whole)
            found: dict[str, Mention] = {}
            if EXPECTED.search(said):
                m = whole
            elif MEMBERS_NOW.search(said):
                # "全国人大现有代表2977人。…报到的代表2962人。4日的预备会议，出席2951人，缺席26人": the first
                # attendance count later in the paragraph
                para_end = doc.paras[doc.para_of(whole.start)][1]
                m = next((n for n in doc.mentions if whole.end <= n.start < para_end and n.is_amount
                          and compatible(n, whole) and PRESENT_CLAUSE.search(doc.clause_before(n))), None)
                if m is None or any(EXPECTED.search(doc.clause_before(n)) for n in doc.mentions
                                    if whole.end <= n.start < m.start):
                    continue  # no attendance, or one with its own expected count ("应出席委员2169人")
                found["present"] = m
                for n in doc.mentions:  # "报到的代表2962人": registered members are members too
                    if whole.end <= n.start < para_end and n.is_amount and compatible(n, whole) \
                            and REGISTERED.search(doc.clause_before(n)):
                        self.links.parts.append(PartLink(n, whole, True, "registered of members"))
            else:
                continue
            while (n := doc.next_amount(m)) is not None and compatible(n, whole):
                gap = doc.unbracketed(m.end, n.start)
                role = "present" if PRESENT.fullmatch(gap) else "absent" if ABSENT.fullmatch(gap) else None
                if role is None or role in found:
                    break
                found[role] = m = n
            for part in found.values():
                self.links.parts.append(PartLink(part, whole, True, "attended of expected"))
            if len(found) == 2:
                parts = [found["present"], found["absent"]]
                self.links.lists.append(ListLink(parts, whole, True, True, True, "attended and absent of expected"))

    def _included(self) -> None:
        """"对包括…1名副司长、…两名副局长在内的6名责任人": the figures named inside 包括…在内 are among the
        figure it leads to (not a sum: the others are not listed)."""
        doc = self.doc
        for mk in INCLUDED_IN.finditer(doc.f):
            whole = next((m for m in doc.mentions if mk.end() <= m.start <= mk.end() + 2), None)
            if whole is None or not whole.is_amount or whole.kind != "count":
                continue
            for part in doc.mentions:
                if mk.start() < part.start < mk.end() and part.is_amount and compatible(part, whole) \
                        and part.paren == whole.paren:
                    self.links.parts.append(PartLink(part, whole, True, "included in"))

    def _restated_sentences(self) -> None:
        """"全国共立案查处有关问题7766起，处理党员干部和公职人员1.29万人，给予党纪政务处分8866人。…全国共立案查处
        对黄赌毒和黑恶势力听之任之、失职失责问题2532起，处理党员干部和公职人员5853人，给予党纪政务处分3440人":
        a later sentence of the paragraph whose first figure narrows the first figure of an earlier one (the
        same verb and noun, a restriction between) and whose next figures repeat its predicates word for
        word counts a part of each.  Not certain (the narrowing is read from words): never an alarm."""
        doc = self.doc
        by_sent: dict[int, list[Mention]] = {}
        for m in doc.mentions:
            if m.is_amount and m.kind == "count" and m.paren < 0 and not doc.is_delta(m) and not doc.is_earlier(m):
                by_sent.setdefault(m.sent, []).append(m)
        sents = sorted(by_sent)
        for j, s2 in enumerate(sents):
            later = by_sent[s2]
            first = _chinese(doc.context_noun(later[0]))
            if len(later) < 2 or OTHER_PERIOD.search(doc.f[doc.sent_span(s2)[0]:later[-1].start]):
                continue
            for s1 in reversed(sents[:j]):
                earlier = by_sent[s1]
                if earlier[0].para != later[0].para:
                    break
                said = _chinese(doc.context_noun(earlier[0]))
                head, tail = _common_head(said, first), _common_tail(said, first)
                # "立案查处" + "有关" + "问题" against "立案查处" + "对…失职失责" + "问题": a generic word at most
                # in the earlier one where the later one has its restriction
                if len(earlier) < 2 or len(head) < 2 or len(tail) < 2 or len(head) + len(tail) > len(said) \
                        or said[len(head):len(said) - len(tail)] not in GENERIC_DETERMINERS \
                        or not RESTRICTION_OPENER.match(first, len(head)) or len(first) - len(head) - len(tail) < 3:
                    continue  # siblings ("累计死亡病例" / "累计治愈出院病例"), or a plan after a done count
                pairs, i = [(earlier[0], later[0])], 1
                for b in later[1:]:
                    pred = _chinese(doc.context_noun(b))
                    while i < len(earlier) and _chinese(doc.context_noun(earlier[i])) != pred:
                        i += 1
                    if i == len(earlier) or len(pred) < 4:
                        break
                    pairs.append((earlier[i], b))
                    i += 1
                if len(pairs) < 2:
                    continue
                for a, b in pairs:
                    if compatible(b, a):
                        self.links.parts.append(PartLink(b, a, False, "restated with a restriction"))
                break

    def _expansions(self) -> None:
        """"我国从2016年组织15个城市启动长护险试点，目前已经扩大到49个城市": what a programme was extended from
        is within what it was extended to (not certain: never an alarm)."""
        doc = self.doc
        for a in doc.mentions:
            b = doc.next_amount(a) if a.is_amount and a.kind == "count" and not doc.is_delta(a) else None
            if b is not None and compatible(b, a) and EXPANDED.fullmatch(doc.unbracketed(a.end, b.start)):
                self.links.parts.append(PartLink(a, b, False, "extended from"))

    def _breakdowns(self) -> None:
        """"国内生产总值949746亿元…。分产业看，第一产业增加值57733亿元，增长3.4%；第二产业增加值361362亿元…；
        第三产业增加值530651亿元…": the figures of a 分…看 breakdown against the total stated before it.
        Only when they add up to one of the nearest earlier figures of their unit: per-capita figures and
        averages are broken down the same way and do not add up (城镇/农村居民人均可支配收入)."""
        doc = self.doc
        marks = list(BREAKDOWN.finditer(doc.f))
        for i, mk in enumerate(marks):
            para = doc.para_of(mk.start())
            para_end = doc.paras[para][1]
            stop = min(para_end, marks[i + 1].start() if i + 1 < len(marks) else para_end)
            amounts = [m for m in doc.mentions if mk.end() <= m.start < stop and m.is_amount and m.paren < 0
                       and not doc.is_delta(m) and not TOTAL_WORD.search(doc.clause_before(m))]  # no subtotal
            if len(amounts) < 2:
                continue
            parts = [m for m in amounts if compatible(m, amounts[0])]
            if len(parts) < 2:
                continue
            lo = doc.paras[max(0, para - 1)][0]  # this paragraph or the one before
            wholes = [m for m in reversed(doc.mentions) if lo <= m.start and m.end <= mk.start() and m.is_amount
                      and m.paren < 0 and not doc.is_delta(m) and compatible(parts[0], m) and m.q.qualifier is None
                      and m.iv.hi >= max(p.iv.lo for p in parts)][:3]
            total = sum((p.iv for p in parts[1:]), parts[0].iv)
            whole = next((w for w in wholes if total.meets(w.iv)), None)
            if whole is not None:
                whole = doc.first_mention(whole)  # "共考试录用公务员6712名。…最终录用6712名。从录用层级看，…"
                self.links.lists.append(ListLink(parts, whole, False, True, True, "breakdown after 分…看 / 从…看",
                                                 only_if_equal=True))
                for p in parts:  # they add up to it: each is a part of it
                    self.links.parts.append(PartLink(p, whole, True, "breakdown after 分…看 / 从…看"))

    def _percentages(self) -> None:
        doc, L = self.doc, self.links
        percents = [m for m in doc.mentions if m.kind == "percent" and m.iv is not None]
        for p in percents:
            if doc.is_growth(p):
                L.growth.add(p.idx)
            elif SHARE.search(clause := doc.clause_before(p)) and not OF_TARGET.search(clause):
                L.share_like.add(p.idx)
        done: set[int] = set()
        for group in self._percent_groups(percents):
            if len(group) < 2:
                continue
            if any(p.idx in L.growth for p in group):  # "分别增长45%、25.4%"
                L.growth.update(p.idx for p in group)
                continue
            if "分别" in doc.f[doc.clause_start(group[0].start):group[0].start]:
                self._respectively(group)
            else:
                for p in group:  # a bare list of percentages: no count to pair with
                    self._bare_percent(p, listed=True)
            done.update(p.idx for p in group)
        for p in percents:
            if p.idx in done or p.idx in L.growth or doc.is_earlier(p):
                continue
            if self._inline_share(p):
                continue
            part, certain_part, base_noun = self._share_part(p)
            if part is not None:
                self._share(p, part, certain_part, base_noun)
            elif base_noun is not None:  # None: a share of another measure than the count before it
                self._bare_percent(p)

    def _percent_groups(self, percents: list[Mention]) -> list[list[Mention]]:
        groups: list[list[Mention]] = []
        for p in percents:
            prev = self.doc.previous(p)
            if groups and prev is groups[-1][-1] and re.fullmatch(r"\s*[、,，和与及]\s*", self.doc.f[prev.end:p.start]):
                groups[-1].append(p)
            else:
                groups.append([p])
        return groups

    def _inline_share(self, p: Mention) -> bool:
        """A share whose base is written inside its own 占…的 phrase ("技能劳动者超过2亿人，占7.5亿就业人员的
        26%"): the part is the figure just before 占, the whole the figure after it."""
        doc = self.doc
        whole = doc.previous(p)
        part = doc.previous(whole) if whole is not None else None
        if part is None or not (whole.is_amount and part.is_amount) or not INLINE_BASE_TAIL.fullmatch(doc.f[whole.end:p.start]):
            return False
        head = doc.unbracketed(part.end, whole.start)
        if not INLINE_BASE_HEAD.fullmatch(head):
            return False
        target = OF_TARGET.search(head) is not None  # done may exceed a target: no bound, and a smaller base
        if not compatible(part, whole, unit_unwritten=True) or whole.iv.hi < part.iv.lo and not target:
            return False  # another measure, or a "base" smaller than its part
        rule = DONE_OF_TARGET if target else "base written after 占"
        self.links.shares.append(ShareLink(p, [(part, whole, rule)], True))
        return True

    def _share_part(self, p: Mention) -> tuple[Mention | None, bool, str | None]:
        """The count a percentage is a share of ("73人，占71.6%"; "23.6万亿元，增长6.3%，占…的51.9%";
        "2466.5万名，占比由11.9%提高到27.2%"), whether that is certain, and the base named after 占
        ("" when unnamed or generic).  base None: the share is of another measure (no check at all)."""
        doc = self.doc
        prev, skipped = doc.previous(p), []
        while prev is not None and prev.kind == "percent" and (prev.idx in self.links.growth or doc.is_earlier(prev)):
            skipped.append(prev)
            prev = doc.previous(prev)
        if prev is None or not prev.is_amount or any(b.whole is prev for b in self.bases):
            return None, False, ""
        gap = doc.f[prev.end:p.start]
        for s in skipped:
            gap = gap.replace(s.q.surface, "", 1) if s.q.surface else gap
        mk = SHARE.search(gap)
        if not mk:
            rate = RATE.match(gap)
            if rate and not skipped and rate.group("stem") in doc.descriptor(prev):
                return prev, True, RATE_OF_DONE  # "已开工…42.84万个，开工率97.1%"
            if rate and not skipped and rate.group("stem") in DONE_RATE_STEMS and re.search(r"计划完成率", gap) \
                    and not re.search(r"[；;。]", gap):
                return prev, True, "计划"  # "招录计划6850名，…最终录用6712名，计划完成率98.0%": of the plan
            after = RATE_AFTER.match(gap)
            if after and not skipped and after.group("stem") in after.group("tail"):
                return prev, True, ""  # "有34个行业实现增长，增长面达到82.9%": of the base the count is in
            if rate and not re.search(r"[，,；;]", gap):
                self._bound(p, prev, False, "rate of the count before it")  # "81.3万党员…参与率100%"
            elif rate and not skipped and rate.group("stem") in DONE_RATE_STEMS and not re.search(r"[；;]", gap) \
                    and PLAN_WORDS.search(doc.clause_before(prev)):
                self._bound(p, prev, False, "rate of what was planned")
            # "在校生超过54万人，一半以上来自农村": a share opening the next clause may be of the count
            return None, False, "" if re.fullmatch(r"[，,]\s*", gap) else None
        pre, post = gap[:mk.start()], gap[mk.start():]
        if re.search(r"\d", pre) or len(doc.unbracketed(prev.end, prev.end + len(pre))) > 30 \
                or re.search(r"[。；;]", pre) or pre.rstrip("，, ").endswith("的"):
            return None, False, ""
        if prev.kind == "count" and (METRIC_SHIFT.search(pre) or METRIC_SHIFT.search(_base_noun(post))):
            return None, False, None
        subject = re.sub(r"^[、\s]*(?:其中)?|(?:约|近|共|分别|均|达|为)+$", "", re.split(r"[，,]", pre)[-1])
        if subject:  # "14.6万名，其中，基层代表占比52.3%": the share is the new subject's
            return None, False, ""
        # Certain when only the count's own noun ("112名生产和工作第一线党员，") or a growth clause
        # ("，增长6.3%，") stands between the count and 占.
        rest = GROWTH_WORDS.sub("", pre)
        certain = re.fullmatch(r"[^，,、；;。]{0,12}[，,、]?\s*(?:约|近|共|分别|均|其中|达|为|，|,)*", rest) is not None
        return prev, certain, _base_noun(post)

    def _structural_candidates(self, part: Mention) -> list[tuple[Mention, Mention, str]]:
        out: list[tuple[Mention, Mention, str]] = []
        for lst in self._owner_lists(part):
            out.append((part, lst.whole, lst.rule))
            for outer in self._owner_lists(lst.whole) + self._scope_bases(lst.whole):
                out.append((part, outer.whole, "part of a part"))
                out.append((lst.whole, outer.whole, "group named before the last count"))
        for b in self._scope_bases(part):
            out.append((part, b.whole, b.rule))
        for f in self.funnel:
            if f.part is part:
                out.append((part, f.whole, f.rule))
        if not out:  # "35个村中…一肩挑的35人，占100%": the text itself states the share across units
            for b in self._scope_bases(part, any_unit=True):
                if b.whole.kind == "count" and b.rule == "base marker":
                    out.append((part, b.whole, "stated share of a base"))
        seen, uniq = set(), []
        for c in out:
            key = (c[0].idx, self.canonical(c[1]).idx)
            if key not in seen and c[0] is not c[1]:
                seen.add(key)
                uniq.append(c)
        return uniq

    def _link_certain(self, part: Mention, whole: Mention) -> bool:
        for f in self.funnel:  # an explicit done-of-planned pair: the classifier's noun does not matter
            if f.part is part and f.whole is whole:
                return f.certain
        if noun_clash(part, whole):
            return False
        for lst in self._owner_lists(part):
            if lst.whole is whole:
                return lst.certain and self._firm(lst, part)
        return any(b.whole is whole and b.certain for b in self._scope_bases(part, any_unit=True))

    def _noun_wholes(self, part: Mention | None, noun: str, before: int) -> tuple[list[Mention], bool]:
        """Earlier figures a base noun names ("占运动员总数的" -> the 431 运动员; "占党员总数的" ->
        "党员总数为9514.8万名"), and whether the noun was found whole (not only its stem)."""
        doc = self.doc
        stem = BASE_SUFFIX.sub("", noun)
        keys = [k for k in dict.fromkeys((noun, stem)) if len(k) >= 2]
        words = [stem[i:i + 2] for i in range(0, len(stem) - 1, 2)] if len(stem) % 2 == 0 else []  # its words, roughly
        out = []
        for m in doc.mentions:
            if m.start >= before or m is part or not m.is_amount or doc.is_delta(m) or doc.is_earlier(m):
                continue
            if part is not None and not compatible(part, m, unit_unwritten=True):
                continue
            if part is None and m.kind != "count":
                continue
            if part is not None and (m.iv.hi < part.iv.lo or m.q.value == part.q.value):
                continue  # a base is not smaller than its part, nor the part restated
            left = doc.f[max(doc.clause_start(m.start), m.start - 15):m.start]
            right = re.split(r"[，,；;。、]", doc.f[m.end:m.end + 10])[0]
            if noun in left or noun in right:
                out.append((0, self.canonical(m)))
            elif any(k in left or k in right for k in keys):
                out.append((1, self.canonical(m)))
            elif len(words) > 1 and all(w in left or w in right for w in words):
                out.append((2, self.canonical(m)))  # "占代表议案总数的" -> "收到代表提出的议案506件"
        out.sort(key=lambda x: x[0])
        return list(dict.fromkeys(m for _, m in out)), bool(out) and out[0][0] == 0

    def _share(self, p: Mention, part: Mention, certain_part: bool, base_noun: str, listed: bool = False) -> None:
        """listed: part is one of a 分别 list ("建议6319件、提案3863件，分别占…"): its neighbours are items, not bases."""
        doc = self.doc
        if base_noun == RATE_OF_DONE:  # a 开工率 is of what was planned, nothing else
            cands = [(part, f.whole, f.rule) for f in self.funnel if f.part is part]
            if cands:
                self.links.shares.append(ShareLink(p, cands, certain_part and len(cands) == 1 and cands[0][1] in
                                                   [f.whole for f in self.funnel if f.part is part and f.certain]))
            return
        cands = self._structural_candidates(part)
        certain = certain_part and len(cands) == 1 and all(self._link_certain(pt, wh) for pt, wh, _ in cands)
        if base_noun:
            if re.fullmatch(r"(?:我国|本省|本市)?(?:全国|全省|全市|全区|全县|全球|世界|全部)", base_noun):
                return  # a total the text does not give ("占全国的64%")
            named, whole_noun = self._noun_wholes(part, base_noun, part.start)
            agreeing = [c for c in cands if self.canonical(c[1]) in named]
            if agreeing:
                cands, certain = agreeing, certain and len(agreeing) == 1
            elif named:  # (done of a plan may exceed it: no bound)
                rule = DONE_OF_TARGET if PLAN_WORDS.search(base_noun) else "base named after 占"
                cands = [(part, w, rule) for w in named]
                certain = certain_part and len(named) == 1 and whole_noun
            else:  # the named base is not a figure of this text ("占全球总数的70%"), unless it names the plan
                # of a done-of-planned pair ("计划为1209万亩，目前已经完成665.87万亩，占计划任务的55.08%")
                certain = certain and bool(PLAN_WORDS.search(base_noun)) and all(
                    rule in ("done of planned", DONE_OF_TARGET) for _, _, rule in cands)
        if cands:
            self.links.shares.append(ShareLink(p, cands, certain))
            return
        group = self._nearest_group(part) if not base_noun and not listed and part.kind == "count" else None
        # No structural base: any earlier figure of the same unit the share matches (never an alarm).
        seen, earlier = set(), []
        for m in reversed(doc.mentions[:part.idx]):
            if compatible(part, m) and not doc.is_delta(m) and not doc.is_earlier(m) and m.iv.hi >= part.iv.lo:
                earlier.append(m)
        earlier.sort(key=lambda m: m.q.qualifier is not None)
        uniq = []
        for m in earlier:
            first = doc.first_mention(m)
            if first.idx not in seen:
                seen.add(first.idx)
                uniq.append(first)
        if group is not None:
            # "运动员411名。…387人首次参加…，占94.2%；344人…，占83.6%": the nearest group of the same unit
            # is the base; certain when another share of the same run of clauses agrees with it.
            others = [(part, w, "base found by arithmetic") for w in uniq if w is not group]
            certain = self._own_share(part) is p and self._run_agrees(p, group)
            self.links.shares.append(ShareLink(p, [(part, group, "nearest group of the same unit"), *others], certain))
        elif uniq:
            self.links.shares.append(ShareLink(p, [(part, w, "base found by arithmetic") for w in uniq], False,
                                               fallback=True))

    def _own_share(self, m: Mention) -> Mention | None:
        """The percentage m's own clause ends with as its share ("344人首次参加…，占83.6%", "…172名，超过六成"),
        if any."""
        doc = self.doc
        nxt = doc.mentions[m.idx + 1] if m.idx + 1 < len(doc.mentions) else None
        if nxt is None or nxt.kind != "percent" or nxt.sent != m.sent or nxt.paren != m.paren:
            return None
        gap = doc.f[m.end:nxt.start]
        return nxt if OWN_SHARE_GAP.fullmatch(gap) else None

    def _nearest_group(self, part: Mention) -> Mention | None:
        """The nearest earlier count of part's unit in its paragraph that is not itself an item (with its own
        share, a part of a list, or a count not above the part, which cannot be its base: "超1亿亩" is none
        for "27亿亩"); at most two sentences back, or further when it is the total the paragraph opened with
        ("全市共配备…286名。…女干部38名，占14.2%")."""
        doc = self.doc
        for m in reversed(doc.mentions[:part.idx]):
            if m.para != part.para:
                return None
            if not compatible(part, m) or m.paren >= 0 or self._own_share(m) is not None or id(m) in self._listed \
                    or doc.is_delta(m) or doc.is_earlier(m) or ATTRIBUTE_ITEM.search(doc.descriptor(m)):
                continue  # an item ("研究生学历68名"), a change ("比上届增加15名") or a figure of another time
            if NOT_A_PART.search(doc.clause_before(m)):
                return None
            if not (math.isfinite(m.iv.hi) and m.q.value > part.q.value):
                continue  # a base has a bounded size above the part: this is another item ("来自…的31名")
            if m.sent < part.sent - 2 and not self._opening_total(m):
                return None
            return doc.first_mention(m)
        return None

    def _opening_total(self, m: Mention) -> bool:
        """m is a total its paragraph opens with: the first count of the paragraph, said with 共 or 总."""
        doc = self.doc
        first = next((c for c in doc.mentions if c.para == m.para and c.is_amount and c.kind == "count"), None)
        return first is m and bool(TOTAL_SAID.search(doc.clause_before(m)))

    def _run_agrees(self, p: Mention, group: Mention) -> bool:
        """Another share of the run (a later count with its own share whose nearest group is the same) matches it."""
        doc = self.doc
        for q in doc.mentions[group.idx + 1:]:
            if q.para != p.para:
                break
            m = doc.previous(q)
            if q is p or q.kind != "percent" or m is None or self._own_share(m) is not q or not compatible(m, group):
                continue
            if self._nearest_group(m) is group and share(m.iv, group.iv).meets(q.iv):
                return True
        return False

    def _respectively(self, group: list[Mention]) -> None:
        """"A 50人、B 30人，分别占49.0%、29.4%": the i-th count with the i-th percentage."""
        doc = self.doc
        run: list[Mention] = []
        m = doc.previous(group[0])
        while m is not None and m.is_amount and (not run or (compatible(m, run[0]) and re.fullmatch(
                r"[、，,和及与][^，,。；;\d]{0,12}", doc.f[m.end:run[0].start]))) and not any(b.whole is m for b in self.bases):
            run.insert(0, m)  # "本科学历50人、研究生学历30人，分别占…": the listed counts
            m = doc.previous(m)
        gap = doc.f[run[-1].end:group[0].start] if run else ""
        share = SHARE.search(gap)
        if len(run) >= len(group) and share and not METRIC_SHIFT.search(gap[:share.start()]):
            base_noun = _base_noun(gap[share.start():])
            for c, p in zip(run[-len(group):], group):
                self._share(p, c, len(run) == len(group), base_noun, listed=True)
        elif not run:
            for p in group:
                self._bare_percent(p, listed=True)

    def _bound(self, p: Mention, whole: Mention, certain: bool, rule: str) -> None:
        if whole.kind == "count" and whole.iv is not None:
            self.links.bounds.append(BoundLink(p, whole, certain, rule))

    def _bare_percent(self, p: Mention, listed: bool = False) -> None:
        """A share with no count of its own ("具有…背景的占到80%以上") against its base.
        listed: p is one of a list of percentages ("分别占51.4%、81.2%…")."""
        doc = self.doc
        if p.idx in self.links.growth or doc.is_earlier(p) or doc.is_growth(p):
            return
        if self._named_share(p):
            return
        c0 = doc.clause_start(p.start)
        in_clause = [m for m in doc.mentions[:p.idx] if m.sent == p.sent and m.start >= c0]
        if any(m.is_amount or (m.kind == "percent" and not listed) for m in in_clause):
            return
        clause = doc.f[c0:p.start]
        named = SHARE.search(clause)
        first_pct = next((m.start for m in in_clause if m.kind == "percent"), p.start)  # "分别占51.4%、81.2%"
        noun = _base_noun(doc.f[c0:first_pct][named.start():]) if named and named.start() < first_pct - c0 else ""
        if named and re.search(r"占[^，,；;。]*?(?:总数|总量|总人数|总额)", clause):
            noun = noun or re.search(r"占([^，,；;。]*?(?:总数|总量|总人数|总额))", clause).group(1)
        if noun and not METRIC_SHIFT.search(noun):  # "工人和农民占党员总数的33.9%"
            wholes, _ = self._noun_wholes(None, noun, p.start)
            if wholes:
                self._bound(p, wholes[0], False, "base named after 占")
            return
        # A share of the group, not a measure of something else ("森林覆盖率达到16.3%"): marked as a
        # share (占, 比例…), listed with 分别, or the percentage is what the clause is about
        # ("一半以上曾担任过…").
        nominal = re.search(r"的(?:有|占)?(?:近|约|超过|逾|达|达到|不足|不到)?$", clause)  # "获得…荣誉的近80%"
        if METRIC_SHIFT.search(clause) or not (named or listed or nominal or not clause.strip("，,；; “”\"")):
            return
        hits = [b for b in self.bases if b.whole.sent == p.sent and b.start <= p.start < b.end]
        if hits:
            # Certain only straight after the base ("7名新任县长中，女性占33.3%"): after a subgroup
            # ("…女干部12人，其中少数民族占25%") the share may be of the subgroup.
            b = max(hits, key=lambda b: b.start)
            between = [m for m in b.parts if m.start < p.start]
            return self._bound(p, b.whole, b.certain and not between and "其中" not in doc.f[b.start:p.start], b.rule)
        for b in self.qlists:
            # "覆盖了19个行业大类，其中，“制造业”占到34.1%" is a share of the awardees: after 其中 a bare
            # share may be of another measure, so it never raises an alarm.
            if b.start <= p.start < b.end and not any(b.start <= m.start < p.start for m in b.parts):
                return self._bound(p, b.whole, False, "其中 share")
        for b in self.noun_bases:
            if b.start <= p.start < b.end:
                return self._bound(p, b.whole, False, "noun base")
        s0 = doc.sent_span(p.sent)[0]
        before = [m for m in doc.in_sentence(p.sent) if m.start < p.start and m.is_amount]
        if not before:
            subject = SUBJECT_TRIM.sub("", doc.f[s0:p.start])[:8]
            ref = self._referent(subject, s0, min_score=2, same_para=True)
            if ref is not None:
                self._bound(p, ref, False, "subject of the sentence")
            return
        # "发展党员240.8万名，大专以上学历占53.1%，35岁及以下的占82.4%": shares of the people counted just
        # before (attributes that overlap: each is bounded by the base, never summed).  Other counts ("开通48条
        # 航线，…货物占比达到70%") are too often followed by a share of something else.
        c = before[-1]
        if not (ATTRIBUTE_SHARE.fullmatch(clause) or not clause.strip("，,、 ")) or OTHER_MEASURE.search(clause):
            return  # only "女性占45.9%", "…，一半以上来自农村": not rates, ratios or shares of other measures
        if c.family == "人" and c.paren < 0 and p.paren < 0 and not doc.is_delta(c) and not doc.is_earlier(c) \
                and self._own_share(c) is None and not re.search(r"[；;]", doc.f[c.end:p.start]):
            self._bound(p, self.canonical(c), False, "share of the count before it")

    def _named_share(self, p: Mention) -> bool:
        """"第一产业增加值占国内生产总值比重为7.1%": part and base named by the nouns of earlier figures."""
        mk = NAMED_SHARE.match(self.doc.clause_before(p))
        if not mk:
            return False
        b = mk.group("b") or self._inherited_base(p)
        if not b:
            return False
        parts, wholes = self._named(mk.group("a"), p), self._named(b, p)
        pairs = [(x, w) for x in parts for w in wholes if x is not w and compatible(x, w)]
        if pairs:
            certain = len(parts) == 1 and len(wholes) == 1
            self.links.shares.append(ShareLink(p, [(x, w, "named share") for x, w in pairs], certain))
        return bool(pairs)

    def _inherited_base(self, p: Mention) -> str | None:
        """"…占国内生产总值比重为7.1%，第二产业增加值比重为39.0%": the base carries over."""
        s0 = self.doc.sent_span(p.sent)[0]
        found = re.findall(r"占([^\d，,；;。]{2,16}?)的?(?:比重|比例)", self.doc.f[s0:p.start])
        return found[-1] if found else None

    def _named(self, noun: str, p: Mention) -> list[Mention]:
        doc, out = self.doc, []
        for m in doc.mentions[:p.idx]:
            if not m.is_amount or doc.is_delta(m) or m.para < p.para - 1:
                continue
            ctx = doc.context_noun(m)
            if len(ctx) >= 2 and (ctx.endswith(noun) or (len(ctx) >= 4 and noun.endswith(ctx))):
                out.append(m)
        return out

    def _changes(self) -> None:
        """"比…提高N个百分点", "下降2.4岁": the change, the current value and, when stated, the earlier one."""
        doc = self.doc
        for d in doc.mentions:
            if d.iv is None or not doc.is_delta(d):
                continue
            verb = CHANGE_VERB.search(doc.clause_before(d))
            if not verb:
                continue
            sign = -1 if verb.group(1) in DOWN_VERBS else 1
            want = "percent" if d.kind == "percentage_points" else d.kind
            same = [m for m in doc.mentions[:d.idx] if m.sent == d.sent and m.iv is not None and m.kind == want
                    and (want == "percent" or m.family == d.family) and not doc.is_delta(m)]
            current = next((m for m in reversed(same) if not doc.is_earlier(m)), None)
            if current is None:
                continue
            # The earlier end is written between 比/较 and the change ("比上届的92.2%提高5.2个百分点"),
            # or after 由/从 with the current value after 到/至 ("由11.9%提高到27.2%，提高15.3个百分点").
            inline = [m for m in same if m.start > current.start and doc.is_earlier(m)]
            earlier = inline[-1] if inline else None
            if earlier is None and re.search(r"(?:到|至)[^，,；;。\d]{0,10}$", doc.clause_before(current)):
                fr = [m for m in same if m.start < current.start and re.search(r"(?:由|从)[^，,；;。]{0,14}$",
                                                                            doc.clause_before(m))]
                earlier = fr[-1] if fr else None
            self.links.changes.append(ChangeLink(d, current, earlier, sign, "stated change"))
