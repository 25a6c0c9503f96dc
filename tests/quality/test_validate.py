"""Running the suites with Great Expectations on warehouse-typed frames."""
from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest

from pipelines.quality import ADVISORY, INTEGRITY, SUITES, build_data_docs, validate_table
from pipelines.quality import validate as validate_module
from tests.quality.frames import good_frames

ROW_KEYS = {"suite", "expectation", "column", "success", "unexpected_count", "element_count",
            "run_time", "details", "severity"}


@pytest.fixture(scope="module")
def frames():
    return good_frames()


@pytest.fixture(scope="module")
def context_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("gx")


def run(table, df, frames, context_dir):
    return validate_table(table, df, context_dir=context_dir, articles_text=frames["articles"][["article_id", "text"]])


@pytest.mark.parametrize("table", list(SUITES))
def test_good_frames_pass(table, frames, context_dir):
    outcome = run(table, frames[table], frames, context_dir)
    assert outcome.success and outcome.failed() == []
    assert [r["expectation"] for r in outcome.rows] == [s.name for s in SUITES[table]]
    for row in outcome.rows:
        assert set(row) == ROW_KEYS and row["suite"] == table
        assert row["run_time"].tzinfo is None  # naive UTC, as the warehouse TIMESTAMPs
        assert abs(row["run_time"] - dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)) < dt.timedelta(minutes=5)
        assert row["severity"] in (INTEGRITY, ADVISORY)
        json.loads(row["details"])
        if row["expectation"] != "columns_present":
            assert row["unexpected_count"] == 0 and row["element_count"] > 0


def test_growth_and_decline_percentages_are_not_share_checked(frames, context_dir):
    row = run("quantities", frames["quantities"], frames, context_dir).row("percent_share_in_range")
    assert row["element_count"] == 2  # 71.6% and 12.5%; 8.5%, 120%, -3.1% are changes


def _set(table, index, column, value):
    def mutate(frames):
        df = frames[table].copy()
        if value is None or isinstance(value, str):
            df[column] = df[column].astype(object)
        df.at[index, column] = value
        return df
    return mutate


def _duplicate(table, column):
    def mutate(frames):
        df = frames[table].copy()
        df.loc[1, column] = df.loc[0, column]
        return df
    return mutate


CORRUPTIONS = {
    # name: (table, mutation, failing expectation, unexpected_count; a duplicate pair counts 2)
    "duplicate quantity id": ("quantities", _duplicate("quantities", "quantity_id"), "quantity_id_unique", 2),
    "duplicate article id": ("articles", _duplicate("articles", "article_id"), "article_id_unique", 2),
    "duplicate check id": ("claim_checks", _duplicate("claim_checks", "check_id"), "check_id_unique", 2),
    "null quantity id": ("quantities", _set("quantities", 3, "quantity_id", None), "quantity_id_not_null", 1),
    "null article key": ("quantities", _set("quantities", 3, "article_id", None), "article_id_not_null", 1),
    "null check id": ("claim_checks", _set("claim_checks", 0, "check_id", None), "check_id_not_null", 1),
    "unknown article": ("quantities", _set("quantities", 2, "article_id", "nope"), "article_exists", 1),
    "span outside text": ("quantities", _set("quantities", 10, "char_end", 10_000), "span_inside_text", 1),
    "negative start": ("quantities", _set("quantities", 0, "char_start", -1), "char_start_non_negative", 1),
    "empty span": ("quantities", lambda f: f["quantities"].assign(char_start=f["quantities"]["char_end"]),
                   "span_not_empty", 11),
    "surface mismatch": ("quantities", _set("quantities", 3, "surface", "74人"), "surface_equals_text_slice", 1),
    "bad kind": ("quantities", _set("quantities", 2, "kind", "people"), "kind_allowed", 1),
    "bad qualifier": ("quantities", _set("quantities", 2, "qualifier", "about"), "qualifier_allowed", 1),
    "万 in unit": ("quantities", _set("quantities", 10, "unit", "万人"), "unit_without_multiplier", 1),
    "亿 in unit": ("quantities", _set("quantities", 2, "unit", "亿元"), "unit_without_multiplier", 1),
    "low above high": ("quantities", lambda f: f["quantities"].assign(low=[5.0] + [None] * 10, high=[3.0] + [None] * 10),
                       "range_ordered", 1),
    "bad verdict": ("claim_checks", _set("claim_checks", 1, "verdict", "ok"), "verdict_allowed", 1),
    "bad check type": ("claim_checks", _set("claim_checks", 1, "check_type", "ratio_of"), "check_type_allowed", 1),
    "chars not len(text)": ("articles", _set("articles", 0, "chars", 10), "chars_equals_text_length", 1),
    "region code not 6 digits": ("articles", _set("articles", 0, "region_code", "1400"), "region_code_six_digits", 1),
}


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_each_corruption_fails_its_expectation(name, frames, context_dir):
    table, mutate, expectation, count = CORRUPTIONS[name]
    outcome = run(table, mutate(frames), frames, context_dir)
    assert outcome.failed() == [expectation]
    assert outcome.row(expectation)["unexpected_count"] == count
    assert outcome.row(expectation)["severity"] == INTEGRITY and not outcome.success


def test_char_start_null_with_nullable_dtype(frames, context_dir):
    df = frames["quantities"].astype({"char_start": "Int64"})
    df.loc[5, "char_start"] = pd.NA
    outcome = run("quantities", df, frames, context_dir)
    assert outcome.failed() == ["char_start_not_null"]
    assert outcome.row("char_start_not_null")["unexpected_count"] == 1


def _share_over_100(frames):
    df = frames["quantities"].copy()
    df.loc[df["surface"] == "12.5%", "value"] = 125.0  # a share over 100 with no change word
    return df


ADVISORIES = {  # same layout as CORRUPTIONS
    "share over 100": ("quantities", _share_over_100, "percent_share_in_range", 1),
    "digit in unit": ("quantities", _set("quantities", 3, "unit", "3人"), "unit_shape", 1),
    "percent_of without whole": ("claim_checks", _set("claim_checks", 0, "whole_quantity_id", None),
                                 "references_complete", 1),
    "negative tolerance": ("claim_checks", _set("claim_checks", 0, "tolerance", -0.1), "tolerance_non_negative", 1),
    "empty text": ("articles", lambda f: f["articles"].assign(text=["", "旧文本"], chars=[0, 3]), "text_not_empty", 1),
    "two current versions": ("articles", lambda f: f["articles"].assign(is_current=True), "one_current_version", 2),
}


@pytest.mark.parametrize("name", list(ADVISORIES))
def test_advisory_failures_warn_without_failing(name, frames, context_dir):
    table, mutate, expectation, count = ADVISORIES[name]
    outcome = run(table, mutate(frames), frames, context_dir)
    assert outcome.success and outcome.failed() == [expectation] == outcome.failed(ADVISORY)
    assert outcome.row(expectation)["unexpected_count"] == count


def test_missing_column_is_named(frames, context_dir):
    outcome = run("quantities", frames["quantities"].drop(columns=["surface"]), frames, context_dir)
    assert not outcome.success and "columns_present" in outcome.failed()
    details = json.loads(outcome.row("columns_present")["details"])
    assert details["details"]["mismatched"]["missing"] == ["surface"]


def test_unknown_table(frames, context_dir):
    with pytest.raises(ValueError, match="no suite"):
        run("nope", frames["articles"], frames, context_dir)


def test_repeated_runs_are_idempotent_and_results_pruned(frames, tmp_path, monkeypatch):
    monkeypatch.setattr(validate_module, "KEEP_RESULTS_PER_SUITE", 2)
    for i in range(3):
        run("claim_checks", frames["claim_checks"], frames, tmp_path)
        if i == 0:
            suite_file = (tmp_path / "expectations" / "claim_checks.json").read_text()
            config = (tmp_path / "great_expectations.yml").read_text()
    assert (tmp_path / "expectations" / "claim_checks.json").read_text() == suite_file
    assert (tmp_path / "great_expectations.yml").read_text() == config
    assert "analytics_enabled: false" in config
    assert len(list((tmp_path / "uncommitted" / "validations").rglob("*.json"))) == 2


def test_data_docs_offline(frames, tmp_path):
    context_dir, docs_dir = tmp_path / "quality" / "gx", tmp_path / "quality"
    for table in SUITES:
        run(table, frames[table], frames, context_dir)
    run("quantities", CORRUPTIONS["万 in unit"][1](frames), frames, context_dir)
    index = build_data_docs(context_dir, docs_dir)
    assert index == docs_dir.resolve() / "index.html"
    page = index.read_text()
    for table in SUITES:
        assert f'id="{table}"' in page and (docs_dir / "expectations" / f"{table}.html").exists()
    assert "unit_without_multiplier" in page and 'class="FAIL"' in page
    links = re.findall(r'href="(validations/[^"]+)"', page)
    assert links and all((docs_dir / link).exists() for link in links)
    pages = list(docs_dir.rglob("*.html")) + list(docs_dir.rglob("*.css"))
    assert len(list((docs_dir / "validations").rglob("*.html"))) == 4
    remote = re.compile(r"""<(script|link|img)\b[^>]*(src|href)=["']https?:|url\(\s*["']?https?:""", re.I)
    assert not [p for p in pages if remote.search(p.read_text(encoding="utf-8"))]
    assert build_data_docs(context_dir, docs_dir) == index  # rebuild in place
    with pytest.raises(ValueError, match="overwrite"):
        build_data_docs(context_dir, context_dir)


@pytest.mark.parametrize("table", list(SUITES))
def test_no_validated_rows_stay_in_memory(table, frames, context_dir):
    """GX caches the last frame it validated for as long as its context lives (the whole process):
    after the articles suite that was every article's text, kept through the stages that followed."""
    import gc
    import weakref

    df = pd.concat([frames[table]] * 7, ignore_index=True)  # a length no other frame here has
    df = df.assign(**{df.columns[0]: [f"{v}-{i}" for i, v in enumerate(df[df.columns[0]])]})  # keys stay unique
    rows = len(df)
    ref = weakref.ref(df)
    assert run(table, df, frames, context_dir).rows
    del df
    gc.collect()
    assert ref() is None
    left = [o for o in gc.get_objects() if isinstance(o, pd.DataFrame) and len(o) == rows]
    assert left == [], f"{len(left)} frame(s) of the validated {rows} rows still referenced"
