"""The metric taxonomy: the rule table is well formed, and the example corpus holds."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipelines.core import taxonomy
from pipelines.core.model import KINDS
from pipelines.core.taxonomy import classify_metric, load_taxonomy

EXAMPLES = yaml.safe_load((Path(taxonomy.__file__).with_name("taxonomy_examples.yaml")).read_text(encoding="utf-8"))
TABLE = load_taxonomy()


def _cases():
    for entry in EXAMPLES["metrics"]:
        for i, ex in enumerate(entry.get("positive", [])):
            yield pytest.param(ex, entry["metric"], id=f"{entry['metric']}-pos{i}")
        for i, ex in enumerate(entry.get("negative", [])):
            yield pytest.param(ex, ex.get("expect"), id=f"{entry['metric']}-neg{i}")
    for i, ex in enumerate(EXAMPLES["unclassified"]):
        yield pytest.param(ex, None, id=f"unclassified{i}")


@pytest.mark.parametrize("example, expected", list(_cases()))
def test_example(example, expected):
    context = example.get("context") or ""
    figure_start = context.index(example["figure"]) if "figure" in example else None
    got = classify_metric(example["subject"], example["unit"], example["kind"], context, figure_start)
    assert got == expected, f"{example} -> {got}"


def test_the_figure_position_separates_figures_that_share_a_subject():
    sentence = "收到涉及换届的案件线索221件，查实12件，给予党政纪处分2人、组织处理5人。"
    got = [classify_metric(subject, unit, "count", sentence, sentence.index(figure))
           for subject, unit, figure in [("涉及换届的案件线索", "件", "221件"), ("涉及换届的案件线索", "件", "12件"),
                                         ("党政纪", "人", "2人"), ("党政纪", "人", "5人")]]
    assert got == ["case_leads_received", "case_leads_verified", "disciplinary_sanctions", "organisational_handling"]
    # a position outside the sentence is ignored, not an error
    assert classify_metric("党政纪", "人", "count", sentence, 10_000) == "disciplinary_sanctions"


def test_every_metric_has_positive_and_negative_examples():
    covered = {e["metric"]: e for e in EXAMPLES["metrics"]}
    assert set(covered) == set(TABLE["metric"])
    for metric, entry in covered.items():
        assert entry.get("positive") and entry.get("negative"), metric
        # a negative example is a look-alike of the metric, not a copy of a positive one
        positive = {(e["subject"], e["unit"], e["kind"], e.get("context"), e.get("figure")) for e in entry["positive"]}
        assert not any((e["subject"], e["unit"], e["kind"], e.get("context"), e.get("figure")) in positive
                       for e in entry["negative"]), metric


def test_table_is_well_formed():
    assert list(TABLE.columns) == taxonomy.COLUMNS + ["sort_order"]
    assert TABLE["metric"].is_unique
    assert TABLE["label_en"].str.len().gt(0).all() and TABLE["label_zh"].str.len().gt(0).all()
    assert set("|".join(TABLE["kinds"]).split("|")) <= set(KINDS)
    assert TABLE["sort_order"].tolist() == list(range(1, len(TABLE) + 1))
    # the report groups metrics; every group is one of the documented ones
    assert set(TABLE["metric_group"]) <= {"transition", "age", "education", "background", "structure", "discipline", "economy"}


def test_context_is_optional_and_guards_the_domain():
    # the subject alone names the cadre domain: no sentence needed
    assert classify_metric("县(市、区)党政正职平均年龄", "岁", "age") == "avg_age"
    # a bare phrase needs the sentence to say it is about cadres
    assert classify_metric("平均年龄", "岁", "age") is None
    assert classify_metric("平均年龄", "岁", "age", "换届后新一届班子平均年龄45岁。") == "avg_age"


def test_units_are_compared_on_their_base_and_width():
    ctx = "新一届县级领导班子配备女干部312名。"
    assert classify_metric("女干部", "名", "count", ctx) == "women_cadres_count"
    assert classify_metric("女干部", "万名", "count", ctx) == "women_cadres_count"   # multiplier ignored
    assert classify_metric("女干部", "％", "percent", ctx) == "women_cadres_share"   # full-width percent
    assert classify_metric("女干部", "元", "count", ctx) is None                      # a unit the metric never has


def test_unknown_kind_and_blank_subject():
    assert classify_metric("女干部", "名", "not-a-kind", "干部") is None
    assert classify_metric("   ", "名", "count", "干部") is None


def test_bad_table_is_rejected(tmp_path):
    bad = TABLE.drop(columns="sort_order").copy()
    bad.loc[0, "subject_pattern"] = "(unclosed"
    path = tmp_path / "t.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(ValueError, match="bad regular expression"):
        load_taxonomy(path)
    bad = TABLE.drop(columns="sort_order").copy()
    bad.loc[1, "metric"] = bad.loc[0, "metric"]
    bad.to_csv(path, index=False)
    with pytest.raises(ValueError, match="defined twice"):
        load_taxonomy(path)
    bad = TABLE.drop(columns="sort_order").copy()
    bad.loc[0, "kinds"] = "counts"
    bad.to_csv(path, index=False)
    with pytest.raises(ValueError, match="unknown kinds"):
        load_taxonomy(path)


def test_table_loads_into_duckdb():
    import duckdb

    con = duckdb.connect()
    con.register("t", TABLE)
    assert con.execute("SELECT count(*), count(DISTINCT metric) FROM t").fetchone() == (len(TABLE), len(TABLE))
    assert isinstance(TABLE, pd.DataFrame)
