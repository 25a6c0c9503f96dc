"""Score extracted quantities against gold annotations with the matching rule of the official
scorer (/work/shared/eval/score.py): a gold quantity matches a prediction when their spans overlap
and the values agree (dates: span overlap alone); each prediction matches at most one gold mention,
gold mentions are taken in order.  Unit/kind/qualifier accuracy is over matches; a slogan false
positive is an unmatched prediction overlapping a not_quantities span.

Usable from the command line:  python -m tests.extract.scoring <gold dir> [-v]
"""
from __future__ import annotations

import json
import math
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable


def _locate(text: str, surface: str, occurrence: int) -> tuple[int, int] | None:
    for cand in (surface, unicodedata.normalize("NFKC", surface)):
        i = -1
        for _ in range(occurrence):
            i = text.find(cand, i + 1)
            if i < 0:
                break
        if i >= 0:
            return i, i + len(cand)
    return None


def same_value(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    unit_ok: int = 0
    kind_ok: int = 0
    qual_ok: int = 0
    slogan_fp: int = 0
    articles: int = 0
    misses: list = field(default_factory=list)       # (article id, gold surface)
    extras: list = field(default_factory=list)       # (article id, predicted surface)
    wrong: list = field(default_factory=list)        # (article id, field, gold, predicted)
    slogans: list = field(default_factory=list)      # (article id, predicted surface)

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def acc(self, name: str) -> float:
        return getattr(self, f"{name}_ok") / self.tp if self.tp else 0.0

    def summary(self) -> str:
        return (f"articles={self.articles} gold={self.gold} pred={self.pred} tp={self.tp} P={self.precision:.4f} "
                f"R={self.recall:.4f} F1={self.f1:.4f} unit={self.acc('unit'):.4f} kind={self.acc('kind'):.4f} "
                f"qualifier={self.acc('qual'):.4f} slogan_fp={self.slogan_fp}")


def score_article(gold: dict, text: str, predictions: list, total: Score) -> None:
    """predictions: objects with start, end, surface, value, unit, kind, qualifier (the Quantity fields)."""
    aid = gold.get("id")
    total.articles += 1
    total.pred += len(predictions)
    used: set[int] = set()
    for q in gold["quantities"]:
        total.gold += 1
        sp = _locate(text, q["text"], text[: q["start"]].count(q["text"]) + 1)
        hit = None
        if sp:
            for i, p in enumerate(predictions):
                if i in used or not (sp[0] < p.end and p.start < sp[1]):
                    continue
                if q["kind"] == "date" or same_value(p.value, q["value"]):
                    hit = i
                    break
        if hit is None:
            total.misses.append((aid, q["text"], q["value"]))
            continue
        used.add(hit)
        p = predictions[hit]
        total.tp += 1
        for name, attr in (("unit", "unit"), ("kind", "kind"), ("qual", "qualifier")):
            ok = (getattr(p, attr) or None) == q[attr]
            setattr(total, f"{name}_ok", getattr(total, f"{name}_ok") + ok)
            if not ok:
                total.wrong.append((aid, q["text"], attr, q[attr], getattr(p, attr)))
    nq = [s for s in (_locate(text, n["text"], text[: n["start"]].count(n["text"]) + 1)
                      for n in gold.get("not_quantities", [])) if s]
    for i, p in enumerate(predictions):
        if i in used:
            continue
        total.extras.append((aid, p.surface))
        if any(p.start < e and s < p.end for s, e in nq):
            total.slogan_fp += 1
            total.slogans.append((aid, p.surface))


def gold_articles(folder: Path) -> Iterable[tuple[dict, str]]:
    """(gold json, article text) for every <id>.json with its text beside it."""
    for gp in sorted(Path(folder).glob("*.json")):
        try:
            g = json.loads(gp.read_text(encoding="utf-8"))
            text = (gp.parent / g["file"]).read_text(encoding="utf-8")
        except (OSError, ValueError, KeyError):
            continue
        if isinstance(g, dict) and "quantities" in g:
            yield g, text


def score_folder(folder: Path, extract: Callable[[str], list]) -> Score:
    total = Score()
    for g, text in gold_articles(folder):
        score_article(g, text, extract(text), total)
    return total


if __name__ == "__main__":  # pragma: no cover - a developer tool
    from pipelines.core.extract import extract_quantities

    s = score_folder(Path(sys.argv[1]), extract_quantities)
    print(s.summary())
    if "-v" in sys.argv:
        for row in s.misses:
            print("MISS ", *row)
        for row in s.extras:
            print("EXTRA", *row)
        for row in s.wrong:
            print("WRONG", *row)
        for row in s.slogans:
            print("SLOGAN", *row)
