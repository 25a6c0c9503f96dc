"""The hand annotations in ../shared/gold, loaded as warehouse rows, satisfy every expectation."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from pipelines.quality import SUITES, validate_table
from tests.quality.frames import through_duckdb

# gold relation role -> claim_checks column
ROLES = {"part": "part_quantity_id", "whole": "whole_quantity_id", "percent": "percent_quantity_id",
         "delta": "part_quantity_id", "base_percent": "percent_quantity_id"}


def gold_frames(gold_dir, names):
    articles, quantities, checks = [], [], []
    for name in names:
        gold = json.loads((gold_dir / f"{name}.json").read_text(encoding="utf-8"))
        text = (gold_dir / gold["file"]).read_text(encoding="utf-8")
        aid = gold["id"]
        articles.append({"article_id": aid, "source_file": gold["file"], "record_key": "", "text": text,
                         "chars": len(text), "region": gold["region"], "region_level": gold["region_level"],
                         "author": gold["author"], "editor": gold["editor"], "is_current": True,
                         "ingested_at": pd.Timestamp("2024-01-01")})
        for q in gold["quantities"]:
            quantities.append({"quantity_id": f"{aid}:{q['id']}", "article_id": aid, "char_start": q["start"],
                               "char_end": q["end"], "surface": q["text"], "value": q["value"], "unit": q["unit"],
                               "kind": q["kind"], "qualifier": q["qualifier"]})
        for i, r in enumerate(gold["relations"]):
            row = {"check_id": f"{aid}:c{i}", "article_id": aid, "check_type": r["type"],
                   "part_quantity_ids": [f"{aid}:{p}" for p in r.get("parts", [])], "stated": r.get("stated"),
                   "recomputed": r.get("recomputed"), "verdict": r["verdict"], "rule": "gold",
                   "explanation": r.get("note", "")}
            row |= {col: f"{aid}:{r[role]}" for role, col in ROLES.items() if role in r}
            checks.append(row)
    return {"articles": through_duckdb("articles", pd.DataFrame(articles)),
            "quantities": through_duckdb("quantities", pd.DataFrame(quantities)),
            "claim_checks": through_duckdb("claim_checks", pd.DataFrame(checks))}


@pytest.mark.shared
def test_gold_annotations_pass_every_expectation(shared_dir, tmp_path):
    frames = gold_frames(shared_dir / "gold", ["seed-000", "seed-001-errors"])
    assert len(frames["quantities"]) > 50
    for table in SUITES:
        outcome = validate_table(table, frames[table], context_dir=tmp_path, articles_text=frames["articles"])
        assert outcome.failed() == [], (table, [outcome.row(n) for n in outcome.failed()])
