"""Run the extractor and the claim checker over every xwlb story and list the alarms.

    python -m tests.claims.corpus_scan [corpus_assets_dir]     (about a minute on one core)

Prints the number of checks per (type, verdict) and every `inconsistent` verdict with its rule,
explanation and the text around the figures involved: each must be a real error in the source or a
documented truncation case.  The stories are read in place (nothing is copied into the project).
"""
from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

from tests.claims.scoring import shared_dir
from tests.gold.tools.make_gold_text import story_text


def stories(assets: Path):
    for day in sorted(assets.glob("*/*.json")):
        for item in json.loads(day.read_text(encoding="utf-8")).get("videoList", []):
            text = story_text((item.get("video_detail") or {}).get("content") or "")
            if len(text) >= 20:
                yield f"{day.stem}-{int(item.get('num', 0)):02d}", text


def scan(assets: Path) -> tuple[collections.Counter, list[dict]]:
    from pipelines.core.claims import check_claims
    from pipelines.core.extract import extract_quantities

    counts, alarms = collections.Counter(), []
    for sid, text in stories(assets):
        qs = extract_quantities(text)
        for n, q in enumerate(qs):
            q.quantity_id = f"x{n:03d}"
        by_id = {q.quantity_id: q for q in qs}
        for c in check_claims(text, qs):
            counts[(c.check_type, c.verdict)] += 1
            if c.verdict == "inconsistent":
                figs = [by_id[i] for i in (c.part_quantity_id, c.whole_quantity_id, c.percent_quantity_id,
                                           *c.part_quantity_ids) if i]
                lo, hi = min(q.start for q in figs), max(q.end for q in figs)
                alarms.append(dict(story=sid, type=c.check_type, rule=c.rule, why=c.explanation,
                                   context=text[max(0, lo - 60):hi + 20].replace("\n", "⏎")))
    return counts, alarms


if __name__ == "__main__":
    assets = Path(sys.argv[1]) if len(sys.argv) > 1 else shared_dir() / "corpus" / "xwlb" / "assets"
    counts, alarms = scan(assets)
    for (t, v), n in sorted(counts.items()):
        print(f"{t:14} {v:13} {n}")
    print(f"\n{len(alarms)} inconsistent verdicts")
    for a in alarms:
        print(f"{a['story']} {a['type']} ({a['rule']}): {a['why']}\n    {a['context']}")
