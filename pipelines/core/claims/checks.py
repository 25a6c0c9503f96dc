"""Verdicts: each link's arithmetic over the precision intervals, as ClaimCheck records."""
from __future__ import annotations

import math
import re

from pipelines.core.claims.document import Doc, Mention
from pipelines.core.claims.intervals import (EPS, INF, Interval, decimals_phrase, fmt, fmt_interval, share,
                                             truncation_interval)
from pipelines.core.claims.linking import OTHER_PERIOD, BoundLink, ChangeLink, Linker, ListLink, PartLink, ShareLink
from pipelines.core.claims.scopes import UNBOUNDED_RULES
from pipelines.core.model import ClaimCheck

CONSISTENT, INCONSISTENT, UNVERIFIABLE = "consistent", "inconsistent", "unverifiable"
ENUMERATION_GAP = re.compile(r"、[^，,；;。、\d]{0,12}")


def _num(m: Mention) -> str:
    return m.q.surface or fmt(m.q.value)


def _tolerance(m: Mention) -> float | None:
    iv = m.iv
    if iv is None or not math.isfinite(iv.hi) or m.q.value is None:
        return None
    return max(iv.hi - m.q.value, m.q.value - iv.lo)


def _point(m: Mention) -> float:
    return float(m.q.value)


class Checker:
    def __init__(self, doc: Doc, linker: Linker):
        self.doc = doc
        self.linker = linker
        self.out: list[ClaimCheck] = []
        self._seen: dict[tuple, tuple[int, int]] = {}  # relation -> (position in out, strength)

    # ------------------------------------------------------------------ part_of
    def part_of(self, link: PartLink) -> None:
        part = link.part
        certain = link.certain and link.rule not in UNBOUNDED_RULES  # a target may be exceeded
        whole = cw = self.linker.canonical(link.whole)
        if cw is self.linker.canonical(part) or part.iv is None or whole.iv is None:
            return
        if part.iv.lo <= whole.iv.hi + EPS * max(1.0, abs(whole.iv.hi) if math.isfinite(whole.iv.hi) else 1.0):
            verdict, why = CONSISTENT, f"{_num(part)} ≤ {_num(whole)}: consistent ({link.rule})"
        elif certain:
            verdict, why = INCONSISTENT, f"{_num(part)} > {_num(whole)}: the part exceeds its whole ({link.rule})"
        else:
            verdict, why = UNVERIFIABLE, (f"{_num(part)} > {_num(whole)}, but it is not certain that the first is "
                                          f"part of the second ({link.rule})")
        c = ClaimCheck("part_of", verdict, link.rule, why, part_quantity_id=part.qid, whole_quantity_id=cw.qid,
                       stated=_point(part), recomputed=_point(whole), tolerance=_tolerance(part))
        self._keep(c, ("part_of", part.idx, cw.idx), certain)

    def _keep(self, c: ClaimCheck, key: tuple, certain: bool) -> None:
        strength = 2 if certain else 1
        if key in self._seen:
            i, old = self._seen[key]
            if strength <= old:
                return
            self.out[i] = c
            self._seen[key] = (i, strength)
        else:
            self._seen[key] = (len(self.out), strength)
            self.out.append(c)

    # ------------------------------------------------------------------ sum
    def sum(self, link: ListLink) -> None:
        parts = _without_sub_breakdowns(link.parts, link.nested)
        if len(parts) < 2:
            return
        if len(parts) < len(link.parts):
            link = ListLink(parts, link.whole, link.certain, link.disjoint, link.complete, link.rule)
        whole = self.linker.canonical(link.whole)
        total = _total(parts)
        head = link.parts[:link.firm]
        if not link.certain and link.disjoint and len(head) >= 2 and len(head) == len(_without_sub_breakdowns(
                head, link.nested)) and self._enumerated(head) and _total(head).lo > whole.iv.hi:
            # the certain items alone, one enumeration, exceed the whole ("线索31246件，其中谈话函询7832件、初步核实
            # 16441件、暂存待查2116件、予以了结5857件；对…412件"): an error whatever the uncertain ones are
            self._sum(ListLink(head, link.whole, True, True, False, link.rule))
            return
        if not total.meets(whole.iv):
            runs = _covering_runs(parts, whole.iv)
            if runs:  # two breakdowns of one whole ("by topic …, by proposer …"): each adds up
                for run in runs:
                    self._sum(ListLink(run, link.whole, link.certain, link.disjoint, True,
                                       link.rule + ", one of several breakdowns"))
                return
            head = _partition_head(parts, whole.iv) if whole.q.qualifier is None else []  # "近300万辆" meets anything
            if head and not (link.certain and link.disjoint):
                # "副主席中，中共党员11名，非中共人士12名，少数民族人士4名，女性4名" of 23: the first items
                # divide the whole, the others count across it (only where the list could not be wrong anyway)
                self._sum(ListLink(head, link.whole, link.certain, link.disjoint, True,
                                   link.rule + ", its first items dividing the whole"))
                return
        self._sum(link)

    def _enumerated(self, parts: list[Mention]) -> bool:
        """The parts are one enumeration: only 、 and their labels between them ("7832件、初步核实16441件")."""
        f = self.linker.doc.f
        return all(ENUMERATION_GAP.fullmatch(f[a.end:b.start]) for a, b in zip(parts, parts[1:]))

    def _sum(self, link: ListLink) -> None:
        parts = link.parts
        whole = cw = self.linker.canonical(link.whole)
        total = _total(parts)
        written = "+".join(_num(p) for p in parts)
        point = sum(_point(p) for p in parts)
        if total.meets(whole.iv):
            verdict, why = CONSISTENT, f"{written} = {fmt(point)}, whole {_num(whole)}: consistent ({link.rule})"
        elif link.only_if_equal:
            return
        elif total.lo > whole.iv.hi:
            if link.certain and link.disjoint:
                verdict, why = INCONSISTENT, (f"{written} = {fmt(point)} > {_num(whole)}: the parts add up to more "
                                              f"than their whole ({link.rule})")
            else:
                verdict, why = UNVERIFIABLE, (f"{written} = {fmt(point)} > {_num(whole)}, but the parts may overlap "
                                              f"({link.rule})")
        elif link.complete and link.certain and link.disjoint:
            verdict, why = INCONSISTENT, (f"{written} = {fmt(point)} < {_num(whole)} although the list is complete "
                                          f"({link.rule})")
        else:
            verdict, why = UNVERIFIABLE, (f"{written} = {fmt(point)} < {_num(whole)}: the list may not be complete "
                                          f"({link.rule})")
        c = ClaimCheck("sum", verdict, link.rule, why, whole_quantity_id=cw.qid,
                       part_quantity_ids=[p.qid for p in parts], stated=_point(whole), recomputed=point,
                       tolerance=_tolerance(whole))
        self._keep(c, ("sum", cw.idx, tuple(p.idx for p in parts)), link.certain)

    # ------------------------------------------------------------------ percent_of
    def percent_of(self, link: ShareLink) -> None:
        p = link.percent
        readings = []
        for part, whole, rule in link.candidates:
            if part.iv is None or whole.iv is None or whole.iv.hi <= 0:
                continue
            readings.append((part, whole, rule, share(part.iv, whole.iv)))
        if not readings:
            return
        match = next((r for r in readings if r[3].meets(p.iv)), None)
        if match:
            part, whole, rule, got = match
            verdict = CONSISTENT
            why = f"{self._ratio(part, whole, got)}, stated {_num(p)}: consistent {decimals_phrase(p.q)}"
            if rule != readings[0][2] or match is not readings[0]:
                why += f" ({rule})"
        elif link.fallback:
            return
        else:
            part, whole, rule, got = readings[0]
            trunc = truncation_interval(p.q)
            explained = trunc is not None and got.meets(trunc)
            if link.certain:
                verdict = INCONSISTENT
                why = f"{self._ratio(part, whole, got)}, stated {_num(p)} ({fmt_interval(p.iv)}): inconsistent"
                if explained:
                    why += "; truncating instead of rounding would explain it"
            else:
                verdict = UNVERIFIABLE
                alts = "; ".join(f"{_num(a)}/{_num(b)} = {fmt_interval(g)}%" for a, b, _, g in readings[1:4])
                why = (f"{self._ratio(part, whole, got)}, stated {_num(p)}: does not match, but the base or the part is "
                       f"not certain" + (f" (also tried {alts})" if alts else ""))
        cw = self.linker.canonical(whole)
        c = ClaimCheck("percent_of", verdict, rule, why, part_quantity_id=part.qid, whole_quantity_id=cw.qid,
                       percent_quantity_id=p.qid, stated=_point(p),
                       recomputed=round(100.0 * _point(part) / _point(whole), 4) if _point(whole) else None,
                       tolerance=_tolerance(p))
        self._keep(c, ("percent_of", part.idx, cw.idx, p.idx), link.certain)
        if verdict == CONSISTENT or link.certain:  # a share pair is also a part/whole pair
            self.part_of(PartLink(part, whole, link.certain, rule))

    def _ratio(self, part: Mention, whole: Mention, got: Interval) -> str:
        whole = self.linker.canonical(whole)
        point = 100.0 * _point(part) / _point(whole) if _point(whole) else INF
        rng = "" if got.hi - got.lo < 0.005 or not math.isfinite(got.hi) else f" ({fmt_interval(got)})"
        return f"{_num(part)}/{_num(whole)} = {fmt(point)}%{rng}"

    # ------------------------------------------------------------------ percent_bound
    def percent_bound(self, link: BoundLink) -> None:
        p = link.percent
        whole = cw = self.linker.canonical(link.whole)
        lo_w, hi_w = whole.iv.lo, whole.iv.hi
        if not math.isfinite(hi_w) or hi_w - lo_w > 1:
            verdict, why, best = CONSISTENT, (f"{_num(p)} of {_num(whole)}: achievable, the base is not an exact "
                                              f"count"), None
        elif whole.q.value is None or round(whole.q.value) <= 0:
            return
        else:
            w = round(whole.q.value)
            tol = EPS * 100
            k_lo = max(0, math.ceil(w * p.iv.lo / 100.0 - tol))
            k_hi = min(w, math.floor(w * min(p.iv.hi, 100.0) / 100.0 + tol)) if math.isfinite(p.iv.hi) else w
            if k_lo <= k_hi:
                best = k_lo
                need = "at least " if p.q.qualifier in ("at_least", "more_than") else ""
                verdict = CONSISTENT
                why = f"{_num(p)} of {_num(whole)} needs {need}{k_lo} ({k_lo}/{w} = {fmt(100.0 * k_lo / w)}%): possible"
            else:
                best = None
                below, above = math.floor(w * p.iv.lo / 100.0), math.ceil(w * p.iv.hi / 100.0)
                near = ", ".join(f"{k}/{w} = {fmt(100.0 * k / w)}%" for k in (below, above) if 0 <= k <= w)
                verdict = INCONSISTENT if link.certain else UNVERIFIABLE
                why = (f"{_num(p)} of {_num(whole)} is not achievable by a whole number"
                       + (f" ({near})" if near else "") + ("" if link.certain else ", if that is its base"))
        c = ClaimCheck("percent_bound", verdict, link.rule, why, whole_quantity_id=cw.qid, percent_quantity_id=p.qid,
                       stated=_point(p), recomputed=(round(100.0 * best / round(whole.q.value), 4)
                                                     if best is not None and whole.q.value else None),
                       tolerance=_tolerance(p))
        self._keep(c, ("percent_bound", p.idx, cw.idx), link.certain)

    # ------------------------------------------------------------------ change
    def change(self, link: ChangeLink) -> None:
        d, cur, old = link.delta, link.current, link.earlier
        step = d.iv.scaled(link.sign)
        unit = "points" if d.kind == "percentage_points" else (d.q.unit or "")
        word = "rise" if link.sign > 0 else "fall"
        if old is not None:
            diff = cur.iv - old.iv
            got = _point(cur) - _point(old)
            if diff.meets(step):
                verdict = CONSISTENT
                why = f"{_num(cur)} − {_num(old)} = {fmt(got)} {unit}, stated {word} {_num(d)}: consistent"
            else:
                verdict = INCONSISTENT
                why = f"{_num(cur)} − {_num(old)} = {fmt(got)} {unit}, stated {word} {_num(d)}: inconsistent"
            ids = [old.qid]
            recomputed = round(got, 4)
        else:
            implied = cur.iv - step
            verdict = UNVERIFIABLE
            why = (f"{_num(cur)} after a {word} of {_num(d)} implies the earlier value was {fmt_interval(implied)}; "
                   f"no earlier figure in the text")
            ids, recomputed = [], None
        c = ClaimCheck("change", verdict, link.rule, why, part_quantity_id=d.qid, whole_quantity_id=cur.qid,
                       part_quantity_ids=ids, stated=_point(d), recomputed=recomputed, tolerance=_tolerance(d))
        self._keep(c, ("change", d.idx), True)

    # ------------------------------------------------------------------ percent_range
    def percent_range(self, linked: set[int]) -> None:
        L = self.linker.links
        for p in self.doc.mentions:
            if p.kind != "percent" or p.iv is None or p.idx in L.growth or p.idx in linked:
                continue
            if p.iv.lo <= 100.0 + EPS * 100 and p.iv.hi >= -EPS:
                verdict, why = CONSISTENT, f"{_num(p)} is within 0–100%"
            elif p.idx in L.share_like and p.iv.lo > 100.0 and not OTHER_PERIOD.search(self.doc.clause_before(p)):
                verdict, why = INCONSISTENT, f"{_num(p)} is stated as a share yet exceeds 100%"
            else:
                verdict, why = UNVERIFIABLE, f"{_num(p)} is outside 0–100% and not marked as growth or as a share"
            c = ClaimCheck("percent_range", verdict, "share within 0–100%", why, percent_quantity_id=p.qid,
                           stated=_point(p), tolerance=_tolerance(p))
            self._keep(c, ("percent_range", p.idx), True)


def _total(parts: list[Mention]) -> Interval:
    total = Interval(0.0, 0.0)
    for p in parts:
        total = total + p.iv
    return total


def _without_sub_breakdowns(parts: list[Mention], nested: frozenset[int]) -> list[Mention]:
    """Drop a run that breaks down the first item ("（其中当日新增境外输入确诊病例12例，北京4例，广东4例，
    上海2例，云南1例，甘肃1例）" lists the 12 by province; "普通高等学校2919所，含本科学校1365所，高职
    （专科）学校1554所，成人高等学校248所"), then any part introduced by 含/包括 (a part of the item before)."""
    first = parts[0]
    j = next((j for j in range(len(parts), 2, -1) if _total(parts[1:j]).meets(first.iv)), None)
    kept = [first, *parts[j:]] if j is not None and first.iv.exact else parts
    return [p for p in kept if p.idx not in nested]


def _partition_head(parts: list[Mention], whole: Interval) -> list[Mention]:
    """The longest run of two or more first items that adds up to the whole, if any."""
    for k in range(len(parts) - 1, 1, -1):
        if _total(parts[:k]).meets(whole):
            return parts[:k]
    return []


def _covering_runs(parts: list[Mention], whole: Interval) -> list[list[Mention]]:
    """A split of the list into contiguous runs of two or more that each add up to the whole
    ("有关立法方面的487件，有关监督方面的4件，代表团提出的14件，代表联名提出的477件" of 491件:
    by topic and by proposer), or [] when there is none."""
    if len(parts) < 4:
        return []
    for cut in range(2, len(parts) - 1):
        head, tail = parts[:cut], parts[cut:]
        if _total(head).meets(whole):
            rest = [tail] if _total(tail).meets(whole) else _covering_runs(tail, whole)
            if rest:
                return [head, *rest]
    return []


def run_checks(doc: Doc) -> list[ClaimCheck]:
    linker = Linker(doc)
    links = linker.run()
    ch = Checker(doc, linker)
    for s in links.shares:
        ch.percent_of(s)
    for b in links.bounds:
        ch.percent_bound(b)
    for pl in links.parts:
        ch.part_of(pl)
    for ll in links.lists:
        ch.sum(ll)
    for cl in links.changes:
        ch.change(cl)
    linked = {s.percent.idx for s in links.shares if not s.fallback}
    ch.percent_range(linked)
    return ch.out
