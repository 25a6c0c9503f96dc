"""Scopes: the groups a text breaks down, found from its structure.

"102人中…" and "102人均…" (base markers), "被问责人员中，…" (a group noun naming an earlier
count), "…95人，其中…30人、…28人" (其中 lists, also of percentages only: "…，其中女性占45.9%"),
"14例（云南8例，…）" (breakdowns in parentheses) and done-of-there-was pairs ("收到…221件，查实12件",
"收到…问题5120个，已解决3876个", "处理26.9万人，给予党纪政务处分18.8万人").  Each scope knows its
whole, its parts and whether the reading is certain; linking.py turns scopes into checks.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from pipelines.core.claims.document import (
    ALL_AFTER, BASE_AFTER, BASE_PHRASE_STOP, NOT_A_PART, NOT_ADDITIVE, PLANNED_AFTER, QIZHONG, SHARE, Doc, Mention,
    _head, compatible)

# "目前已开工42.84万个" after "安排…44.12万个", "查实12件" after "收到…221件", "已解决3876个" after "收到…
# 问题5120个", "2164项整改任务已完成1398项": what was done is a part of what there was.  Between the two
# counts: a clause, or the first count's noun; then 已/目前… and a verb of completion.
FUNNEL = re.compile(r"^(?:(?P<clauses>(?:[^，,。；;\d]{0,15}[，,、；;]){1,2})|(?P<noun>[^，,。；;\d]{0,8}?)(?=目前|现已|已))?\s*(?:其中)?"
                    r"(?:目前|现已|现在|截至目前)?[，,]?(?P<already>已经|已)?(?:累计)?(?:经)?(?:核查)?"
                    r"(?:推动|全部|基本|现场|阶段性|完成)?"
                    r"(?P<verb>查证属实|查实|核实|属实|证实|开工|竣工|完工|建成|办结|办复|结案|复工|复产|整改|销号|"
                    r"解决|化解|整治|处置|答复|完成)(?:了)?[^，,。；;\d]{0,10}$")
VERIFIED_VERBS = {"查证属实", "查实", "核实", "属实", "证实"}
# Completion verbs that say little about what was there: linked only after a count of things received, found
# or planned ("收到/受理/排查/梳理…N个", "计划…N个") or with 已, and certain only with both.
LOOSE_VERBS = {"解决", "化解", "整治", "处置", "答复", "完成"}
RECEIVED = re.compile(r"收到|受理|收集|征集|排查|梳理|发现|查找|查摆|检视|摸排|交办|转办|接到|接收|反映|登记|承办")
PLANNED = re.compile(r"确定|明确|安排|计划|列出|形成")
# "计划新开工改造老旧小区1227个": the verb of completion is what was planned, not done
PLANNED_VERB = re.compile(r"(?:计划|拟|目标|任务|预计|力争)(?:新)?(?:开工|竣工|完工|建成|完成|改造)")
PERIOD = re.compile(r"今年|本年|当年|年内|本月|当月|当日|上半年|季度|新")
# A target, unlike a list of tasks or what was received, may be exceeded ("计划改造1200个，已完成1350个"
# is over-fulfilment, which official reports celebrate): the pair is certain (a 开工率 is of it), the bound
# part ≤ whole is not.
TARGET = re.compile(r"计划|目标|预计|力争|拟")
# "包括…1名副司长、…两名副局长在内的6名": the figures inside are among the one after (within one
# sentence, no other 包括 inside).
INCLUDED_IN = re.compile(r"包括(?:[^。；;！？\n包]){1,80}?在内的?(?:共|约|近|超过)?")
DONE_OF_TARGET = "done of a target"
UNBOUNDED_RULES = frozenset({DONE_OF_TARGET})
RESOLVED_VERBS = LOOSE_VERBS - {"完成"} | {"办结", "办复", "结案", "整改", "销号"}
# "批评教育和处理26.9万人，(其中)给予党纪政务处分18.8万人": in the discipline reporting formula the
# sanctioned are among those dealt with (people within person-times too: "处理2.4万余人次，给予…处分2600余人").
HANDLED = re.compile(r"处理[^，,。；;\d]{0,12}$")
TRANSFERRED = re.compile(r"^[，,、]\s*(?:涉嫌犯罪)?(?:被)?移送(?:司法机关|检察机关|司法)[^，,。；;\d]{0,6}$")
SANCTIONED = re.compile(r"^[，,]\s*(?:其中)?[，,]?\s*(?:给予)?(?:党纪政务|党纪|政务)处分[^，,。；;\d]{0,8}$")
# "累计…68500例，当日新增2009例": the day's new cases are inside the cumulative total.
NEW_OF_CUMULATIVE = re.compile(r"^[，,；;]?\s*(?:其中)?(?:当日|当天|今日|本日|昨日|单日)新增")
NOUN_BASE = re.compile(r"(?:在)?(?P<noun>[\u4e00-\u9fff“”\"]{2,12}?)(?:之中|当中|中)[，,]")
_IN_GROUP_COMMA = re.compile("中[，,]")
# "…家中 / 手中 / 心中 / 途中": a place, not a group — but 专家中, 国家中, 选手中, 火炬手中 are groups.
NOT_A_GROUP = re.compile(r"(?:[其心途空眼脑口怀梦]|(?<![专学业术作画法乐国商行买卖玩])家|"
                         r"(?<![选歌棋射水国能高新旗鼓舵助好对帮枪投车骑球炬])手)$")
LEVEL = re.compile(r"中央|省级|省直|省管|市级|市直|市管|地级|县级|县直|县处级|乡级|乡镇|村级|社区")


@dataclass(slots=True)
class Base:
    """A figure that scopes what follows it: "102人中…", "共95人，其中…", "被问责人员中，…"."""
    whole: Mention
    start: int          # where its scope starts
    end: int            # where its scope ends
    rule: str
    certain: bool = True
    parts: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class PartLink:
    """part ≤ whole, by the named rule."""
    part: Mention
    whole: Mention
    certain: bool
    rule: str


def shared_run(a: str, b: str, n: int) -> bool:
    """a and b share a run of n Chinese characters."""
    a = re.sub(r"[^\u4e00-\u9fff]", "", a)
    return any(a[i:i + n] in b for i in range(len(a) - n + 1))


def _levels(s: str) -> set[str]:
    """Levels of government a phrase names: two groups at different levels are different groups."""
    return set(LEVEL.findall(s))


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[^\u4e00-\u9fff]", "", s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


_PAREN_CHAR = re.compile("[（()）]")


def _mask_parentheses(f: str) -> str:
    """f with every parenthesis and what it holds replaced by □ (same length); a closing
    parenthesis without an opener stays."""
    if "（" not in f and "(" not in f:
        return f
    out, depth, last = [], 0, 0
    for m in _PAREN_CHAR.finditer(f):
        i = m.start()
        out.append("□" * (i - last) if depth else f[last:i])
        if f[i] in "（(":
            depth += 1
            out.append("□")
        elif depth:
            depth -= 1
            out.append("□")
        else:
            out.append(f[i])
        last = i + 1
    out.append("□" * (len(f) - last) if depth else f[last:])
    return "".join(out)


class Scopes:
    """The scopes of one article (built once, read by the Linker)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.bases = self._base_markers()
        self.noun_bases = self._noun_bases()
        self.qlists = self._qizhong_lists()
        self.plists = self._paren_lists()
        self.funnel: list[PartLink] = self._funnels()

    def canonical(self, m: Mention) -> Mention:
        """Restated bases ("102人中", "102人均", a total of the lead restated to open its breakdown later:
        "全年交流轮岗干部2376名，其中…") point at their first (defining) mention."""
        if any(b.whole is m for b in self.bases):
            return self.doc.first_mention(m)
        if any(b.whole is m for b in self.qlists):
            first = self.doc.first_mention(m)
            if first.para != m.para and shared_run(self.doc.context_noun(first), self.doc.context_noun(m), 2):
                return first  # a total of the lead said again, with its noun, to open a later paragraph's breakdown
        return m

    def _owner_lists(self, m: Mention) -> list[Base]:
        return [b for b in self.qlists + self.plists if m in b.parts]

    def _scope_bases(self, m: Mention, any_unit: bool = False) -> list[Base]:
        """Bases whose scope holds m, innermost first (noun bases last: they are a guess)."""
        hits = [b for b in self.bases if b.rule == "base marker" and (m in b.parts or (
            any_unit and b.whole.sent == m.sent and b.start <= m.start < b.end))]
        return sorted(hits, key=lambda b: -b.start) + [b for b in self.noun_bases if m in b.parts]

    def _in_scope(self, b: Base, m: Mention) -> bool:
        """m is a part of base b: inside its scope, at its parenthesis level, counted like it."""
        return (m.sent == b.whole.sent or b.rule == "noun base") and b.start <= m.start < b.end \
            and m.paren == (b.whole.paren if b.rule != "noun base" else -1) \
            and compatible(m, b.whole) and self._may_be_part(m)

    def _may_be_part(self, m: Mention) -> bool:
        """Not a change, an earlier value, a total, a record or a target."""
        doc = self.doc
        return m.is_amount and not doc.is_delta(m) and not doc.is_earlier(m) and not NOT_A_PART.search(
            doc.clause_before(m)) and not PLANNED_AFTER.match(doc.f, m.end)

    def _base_markers(self) -> list[Base]:
        """"N…中" and "N均/都/全部" figures, each scoping the rest of its sentence (until the next one)."""
        doc, found = self.doc, []
        masked = _mask_parentheses(doc.f)
        for m in doc.mentions:
            if m.kind != "count" or not m.is_amount or doc.is_delta(m):
                continue
            mk = BASE_AFTER.match(masked[m.end:m.end + 30])
            phrase = re.sub(r"(?:之中|当中|中)$", "", mk.group(0)).replace("□", "") if mk else ""
            rate = re.search(r"每[^，,。；;\d]{0,2}$", doc.f[max(0, m.start - 3):m.start])  # "每一百人中就有一人"
            if mk and not rate and not BASE_PHRASE_STOP.search(phrase) and not NOT_A_GROUP.search(phrase):
                # A long phrase before 中 may be a place or an event ("…借宿老人家中"), not the group.
                found.append(Base(m, m.end + mk.end(), doc.sent_span(m.sent)[1], "base marker", len(phrase) <= 8))
            elif ALL_AFTER.match(doc.f[m.end:m.end + 2]):
                found.append(Base(m, m.end, doc.sent_span(m.sent)[1], "all of a group"))
        for a, b in zip(found, found[1:]):  # a later base in the same sentence closes the earlier one
            if a.whole.sent == b.whole.sent and b.whole.family == a.whole.family:
                a.end = min(a.end, b.whole.start)
        for b in found:
            b.end = doc.scope_end(b.start, b.end)
            for m in doc.in_sentence(b.whole.sent):
                # "35个断面中，…比例为74.3%，沿黄7个盟市…": a count of other things leaves the group.
                if b.start <= m.start < b.end and m.is_amount and m.family != b.whole.family \
                        and not SHARE.search(doc.f[m.end:m.end + 6]):
                    b.end = doc.clause_start(m.start)
                    break
            b.parts = [m for m in doc.in_sentence(b.whole.sent) if self._in_scope(b, m)]
        return found

    def _noun_bases(self) -> list[Base]:
        """"被问责人员中，诫勉296人…": a clause-initial group noun naming an earlier count."""
        doc, out = self.doc, []
        # NOUN_BASE ends in 中，: a sentence without one cannot match (the regex is slow to fail)
        marks = [m.start() for m in _IN_GROUP_COMMA.finditer(doc.f)]
        if not marks:
            return out
        for si, (s0, s1) in enumerate(doc.sents):
            k = bisect_left(marks, s0)
            if k == len(marks) or marks[k] >= s1:
                continue
            for mk in NOUN_BASE.finditer(doc.f, s0, s1):
                if mk.start() > s0 and doc.f[mk.start() - 1] not in "，,；;：:":
                    continue
                noun = re.sub(r"^(?:这些|上述|以上|现有|被)", "", mk.group("noun"))
                if len(noun) < 2 or BASE_PHRASE_STOP.search(noun) or noun.endswith("其"):
                    continue
                ref = self._referent(noun, mk.start(), min_score=1)
                if ref is not None:
                    b = Base(ref, mk.end(), s1, "noun base", certain=False)
                    b.parts = [m for m in doc.in_sentence(si) if self._in_scope(b, m)]
                    out.append(b)
        return out

    def _referent(self, noun: str, before: int, min_score: int, same_para: bool = False) -> Mention | None:
        """The earlier count a group noun names: most shared bigrams with the words around it,
        then the largest (a group noun names the whole group)."""
        doc, grams = self.doc, _bigrams(noun)
        para = doc.para_of(before)
        best, best_key = None, None
        for m in doc.mentions:
            if m.start >= before or m.kind != "count" or not m.is_amount or doc.is_delta(m) or doc.is_earlier(m):
                continue
            if same_para and m.para != para:
                continue
            s0, s1 = doc.sent_span(m.sent)
            ctx = doc.f[max(s0, m.start - 12):m.start] + doc.f[m.end:min(s1, m.end + 10)]
            said = doc.f[s0:m.start]
            if _levels(noun) and _levels(said) and not _levels(noun) & _levels(said):
                continue  # "县级…班子成员" does not name the "市级…班子" count
            score = len(grams & _bigrams(ctx))
            key = (score, m.q.value)
            if score >= min_score and (best_key is None or key > best_key):
                best, best_key = m, key
        return best

    def _qizhong_lists(self) -> list[Base]:
        """"…N, 其中 A a、B b": the parts after 其中 (包括/包含) and the whole they belong to."""
        doc, out = self.doc, []
        self._lists_so_far: list[Base] = []
        for si, (s0, s1) in enumerate(doc.sents):
            for mk in QIZHONG.finditer(doc.f, s0, s1):
                k, ke = mk.start(), mk.end()
                rest = doc.f[ke:s1]
                body = ke + len(rest) - len(rest.lstrip("，,：: "))  # where the first part's clause starts
                first_clause = re.split(r"[，,；;。]", doc.f[body:s1])[0]
                after_verb = k > s0 and doc.f[k - 1] not in "，,；;：:（( "
                if after_verb and not (mk.group(0) == "其中" and doc.f[ke:ke + 1].isdigit()):
                    continue  # "参与其中"; but "给予其中48人…处分": 48 of the whole before
                if "在内" in first_clause or not any(
                        m.is_amount or m.kind == "percent"
                        for m in doc.in_sentence(si) if body <= m.start < body + len(first_clause)):
                    continue  # "包括…在内的N人", "其中大部分…": not a breakdown in figures
                initial = not doc.f[s0:k].strip("，,、：: ")
                if initial and not mk.group(0).startswith("其中"):
                    continue  # a sentence opening with 包括 lists contents, not parts of a figure
                level = doc.paren_at(k)
                end = s1 if level < 0 else doc.paren_end(level)
                if not mk.group(0).startswith("其中") or mk.group(0) == "其中包括":
                    end = min(end, body + len(first_clause))  # "包括1名美国人和1名英国人，…": its own clause only
                nxt = [x.start() for x in QIZHONG.finditer(doc.f, ke, end) if doc.paren_at(x.start()) == level
                       and not INCLUDED_IN.match(doc.f, x.start())]  # "包括…在内的6名" is an item, not a new list
                end = min([end, *nxt])
                if not initial:
                    cands = [m for m in doc.in_sentence(si) if m.end <= k and (m.paren < 0 or m.paren == level)]
                else:  # sentence-initial 其中: the whole is in the sentence before (or the one before that)
                    cands = [m for j in (si - 2, si - 1) if j >= 0 and doc.sent_span(j)[0] >= doc.paras[
                        doc.para_of(s0)][0] or j == si - 1 for m in doc.in_sentence(j) if m.paren < 0]
                cands = [c for c in cands if c.is_amount and not doc.is_delta(c) and not doc.is_earlier(c)]
                if after_verb:  # not a part of an earlier list of the sentence ("…57人，其中…9人、…26人；…给予其中48人")
                    listed = {id(p) for b in self._lists_so_far for p in b.parts}
                    cands = [c for c in cands if id(c) not in listed]
                end = doc.scope_end(ke, end, doc.clause_before(cands[-1]) if cands else "")
                found = [m for m in doc.in_sentence(si) if ke <= m.start < end and m.paren == level
                         and self._may_be_part(m)]
                opener = next((m for m in doc.in_sentence(si) if m.start >= body and m.paren == level
                               and (m.is_amount or m.kind == "percent")), None)
                if opener is not None and opener.kind == "percent":
                    # "14.6万名，其中，基层代表占比达到52.3%…", "超过54万人，…，其中高技能人才比例超过50%":
                    # a breakdown in percentages, up to the first count written after them.
                    counts = [c for c in cands if c.kind == "count"]
                    if counts:
                        out.append(Base(counts[-1], ke, found[0].start if found else end, "其中 list", False))
                opening = found[0] if found else None
                while found:
                    lead = found[0]
                    group = [lead] + [p for p in found[1:] if compatible(p, lead, True) or compatible(lead, p, True)]
                    found = [p for p in found if p not in group]
                    for b in self._qizhong_whole(group, cands, k, initial, lead is opening):
                        b.start, b.end = ke, end
                        out.append(b)
                        self._lists_so_far.append(b)
        return out

    def _qizhong_whole(self, group: list[Mention], cands: list[Mention], k: int, initial: bool,
                       opening: bool = True) -> list[Base]:
        doc = self.doc
        fit = [c for c in cands if all(compatible(p, c, True) for p in group)]
        certain = True
        if initial and fit:
            # "美国确诊病例达到104837例…。单日增加病例接近20000例。其中，…纽约州确诊病例超过46000例":
            # the sentence right before holds the whole unless the one before it repeats the part's
            # words better; then the whole is the best match and uncertain.
            words = _bigrams(doc.clause_before(group[0]))
            score = {id(c): len(words & _bigrams(doc.clause_before(c))) for c in fit}
            last = [c for c in fit if c.sent == doc.sent_of(k) - 1]
            best = max(score.values())
            if not last or max(score[id(c)] for c in last) < best:
                ranked = [c for c in fit if score[id(c)] == best]
                return [b for b in [self._qizhong_base(group, ranked[-1], k, False)] if b is not None]
            fit = last
        if not fit:  # "10起…，其中，5名…": a part in another unit only when 其中 has no other whole
            # and the part is the figure 其中 opens with in the same sentence ("700余人，其中，411名运动员来自
            # …25个省" relates no province to the people) — unless one of them has no unit ("网民规模达9.89亿。
            # 其中，农村网民规模为3.09亿")
            counts = [c for c in cands if c.kind == "count" == group[0].kind]
            unitless = len(counts) == 1 and None in (counts[0].family, group[0].family)
            if len(counts) != 1 or len(group) != 1 or not (unitless or opening and not initial):
                return []
            fit, certain = counts, False
        # The part repeats the verb of one of several totals ("立案2482人，处分1647人，移送73人，其中，
        # 处分厅局级干部54人"); figures already listed as parts are not totals.
        listed = {id(p) for b in self._lists_so_far for p in b.parts}
        top = [c for c in fit if id(c) not in listed]

        def keyed(p: Mention) -> list[Mention]:
            head = doc.clause_before(p).replace("其中", "").lstrip("，,、：: ")
            return [c for c in top if _bigrams(head[:4]) & _bigrams(doc.clause_before(c))]

        keys = [keyed(p) for p in group]
        if all(len(kk) == 1 for kk in keys) and len({id(kk[0]) for kk in keys}) > 1:
            # "其中，共立案…43人，处分…30人": each part goes back to the total of its own verb.
            out = [self._qizhong_base([p for p, kk in zip(group, keys) if kk[0] is w], w, k, certain)
                   for w in dict.fromkeys(kk[0] for kk in keys)]
            return [b for b in out if b is not None]
        if len(keys[0]) == 1:
            whole = keys[0][0]
        else:  # nearest; certain only when 其中 has a single candidate
            whole, certain = fit[-1], certain and len(fit) == 1
        b = self._qizhong_base(group, whole, k, certain)
        return [b] if b is not None else []

    def _qizhong_base(self, group: list[Mention], whole: Mention, k: int, certain: bool) -> Base | None:
        doc = self.doc
        if NOT_ADDITIVE.search(doc.clause_before(whole)) or any(NOT_ADDITIVE.search(doc.descriptor(p)) for p in group):
            return None
        b = Base(whole, k, k, "其中 list", certain)
        b.parts = group
        return b

    def _paren_lists(self) -> list[Base]:
        """"14例（云南8例，上海2例…）": a breakdown in parentheses right after a count."""
        doc, out = self.doc, []
        for m in doc.mentions:
            if m.kind != "count" or not m.is_amount or doc.f[m.end:m.end + 1] not in ("（", "("):
                continue
            close = doc.paren_end(m.end)
            if QIZHONG.match(doc.f[m.end + 1:close].lstrip()):
                continue  # "（其中重症病例5例）" is a 其中 list
            parts = [p for p in doc.mentions if m.end < p.start < close and p.paren == m.end and compatible(p, m)
                     and not NOT_ADDITIVE.search(doc.descriptor(p)) and self._may_be_part(p)]
            if parts:
                b = Base(m, m.end, close, "parenthetical breakdown")
                b.parts = parts
                out.append(b)
        return out

    def _funnels(self) -> list[PartLink]:
        """Done-of-there-was pairs: verified or resolved of received, started/finished of planned, new of
        cumulative, sanctioned of dealt with."""
        doc, out = self.doc, []
        for a in doc.mentions:
            b = doc.next_amount(a) if a.is_amount and not doc.is_delta(a) else None
            if b is None or not compatible(b, a):
                continue
            between = doc.unbracketed(a.end, b.start)
            said = doc.clause_before(a)
            if NEW_OF_CUMULATIVE.match(between) and "累计" in said:
                out.append(PartLink(b, a, True, "new of cumulative"))
                continue
            mk = FUNNEL.match(between)
            if mk is None or mk.group("noun") is not None and not re.search(r"(?:的|出|了)$", said):
                continue  # "明确的2164项整改任务已完成1398项", but not "22个省份扶贫车间目前已复工27667个"
            verb = mk.group("verb")
            # Not when the first count is itself done ("已开工项目N个", unlike "研究解决的问题N个"), nor when the
            # second is cumulative and the first is this period's ("今年新开工…N个，累计已开工M个").
            done_first = re.search(verb + r"[^，,。；;\d的]{0,6}$", said) and not PLANNED_VERB.search(said)
            if done_first or "累计" in between and PERIOD.search(said):
                continue
            already, received = bool(mk.group("already")), bool(RECEIVED.search(said))
            if len(re.findall(r"[，,、；;]", mk.group("clauses") or "")) > 1 and not (already or verb in VERIFIED_VERBS):
                continue  # a clause more between the two ("…，经核查，查实89件") only with 已 or a verification
            listed = received or bool(PLANNED.search(said))
            if verb in LOOSE_VERBS and not (already or listed) or PLANNED_AFTER.match(doc.f, b.end):
                continue  # "…46次，完成重大保电210次"; "完成1万亿元发行任务的72%" (b is the plan)
            # certain when verified, or done with 已 of what was there, or dealt with of what was received
            # (what was there is named: received, planned, or the same thing counted: "2677个问题…已完成1741个问题")
            same_thing = bool(a.noun_key) and a.noun_key == b.noun_key
            certain = verb in VERIFIED_VERBS or already and (verb not in LOOSE_VERBS or listed or same_thing) or \
                received and verb in RESOLVED_VERBS
            rule = "verified of received" if verb in VERIFIED_VERBS else "resolved of received" if received \
                else DONE_OF_TARGET if TARGET.search(said) else "done of planned"
            out.append(PartLink(b, a, certain, rule))
        for a in doc.mentions:
            b = doc.next_amount(a) if a.is_amount and HANDLED.search(doc.clause_before(a)) else None
            if b is not None and compatible(b, a, people_in_visits=True) and b.family == "人" \
                    and SANCTIONED.match(doc.unbracketed(a.end, b.start)):
                out.append(PartLink(b, a, True, "sanctioned of dealt with"))
                # "…，移送司法机关1298人": those transferred for prosecution were dealt with too
                c = doc.next_amount(b)
                if c is not None and compatible(c, a, people_in_visits=True) and c.family == "人" \
                        and TRANSFERRED.match(doc.unbracketed(b.end, c.start)):
                    out.append(PartLink(c, a, True, "transferred of dealt with"))
        return out

    def _shared(self, m: Mention) -> bool:
        """m is followed by its own share ("98名，占62.8%")."""
        return bool(re.match(r"[，,、]?\s*(?:约)?(?:占|占比)", self.doc.f[m.end:m.end + 4]))

    def _firm(self, b: Base, p: Mention) -> bool:
        """A 其中 list is certain for its first part and, up to its first semicolon, for parts
        written like list items: a short label before the figure ("，处级干部571人", "、县处级285人").
        A figure opening its clause or a label like "受伤人数为" may start a new statement."""
        doc = self.doc
        if b.rule != "其中 list":
            return True
        if p.start >= doc.firm_end(b.start, b.end) and not (self._shared(b.parts[0]) and self._shared(p)):
            return False  # past a semicolon, unless the items run in parallel ("…98名，占62.8%；…87名，占55.8%")
        if not any(m.is_amount for m in doc.mentions if b.start <= m.start < p.start):
            return True  # the first figure of the breakdown
        label = re.sub(r"^[，,、；;和及与\s]+", "", doc.descriptor(p))
        label = re.sub(r"(?:约|近|超过|逾|不到|不足|达)+$", "", label)
        head, first = _head(label), _head(doc.descriptor(b.parts[0]))
        if len(head) == 2 and head != first and head in doc.clause_before(b.whole):
            return False  # "新增确诊病例3例，其中石家庄2例、邢台1例，新增治愈出院57例": maybe a sibling
        return 1 <= len(label) <= 10 and not re.search(r"(?:为|是|达|达到|有|共)$|人数|数量", label) \
            or (not label and re.search(r"[、和及与]\s*$", self.doc.descriptor(p)) is not None)
