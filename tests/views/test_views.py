"""The views of sql/views/ on the fixture warehouse: exactly the expected rows."""
from __future__ import annotations

import re
import time
from datetime import date, datetime

import pytest

from pipelines.report.views import VIEWS_DIR, create_views, view_dependencies, view_names
from tests.views import fixture_warehouse as fw

VIEWS = ["article_summary", "region_metrics", "metric_comparison", "claim_ledger", "claim_figures", "quality_summary",
         "corpus_stats"]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = fw.build(tmp_path_factory.mktemp("views") / "warehouse.duckdb")
    yield con
    con.close()


def rows(con, sql: str) -> list[tuple]:
    return [tuple(r) for r in con.execute(sql).fetchall()]


def test_every_view_file_declares_what_it_reads(con):
    assert sorted(view_names()) == sorted(VIEWS)
    relations = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for name in VIEWS:
        sql = (VIEWS_DIR / f"{name}.sql").read_text(encoding="utf-8")
        assert re.search(rf"CREATE OR REPLACE VIEW {name} AS", sql), name
        assert len(re.findall(r"CREATE OR REPLACE VIEW", sql)) == 1, name
        body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
        referenced = {t for t in relations if re.search(rf"\b(FROM|JOIN)\s+{t}\b", body)}
        assert set(view_dependencies(name)) == referenced, name
    # dependencies that are views come first
    order = view_names()
    for name in order:
        assert all(order.index(dep) < order.index(name) for dep in view_dependencies(name) if dep in order)


def test_view_order_follows_dependencies(tmp_path, monkeypatch):
    from pipelines.report import views

    for name, deps in {"c": "b, articles", "b": "a", "a": "articles", "d": "quantities"}.items():
        (tmp_path / f"{name}.sql").write_text(f"-- depends_on: {deps}\nCREATE OR REPLACE VIEW {name} AS SELECT 1\n")
    monkeypatch.setattr(views, "VIEWS_DIR", tmp_path)
    views.view_dependencies.cache_clear()
    try:
        assert views.view_names() == ["a", "b", "c", "d"]
        (tmp_path / "a.sql").write_text("-- depends_on: c\nCREATE OR REPLACE VIEW a AS SELECT 1\n")
        views.view_dependencies.cache_clear()
        with pytest.raises(ValueError, match="cycle"):
            views.view_names()
        (tmp_path / "a.sql").write_text("CREATE OR REPLACE VIEW a AS SELECT 1\n")
        views.view_dependencies.cache_clear()
        with pytest.raises(ValueError, match="depends_on"):
            views.view_names()
    finally:
        views.view_dependencies.cache_clear()


def test_create_views_is_idempotent(con):
    assert create_views(con) == view_names()
    assert create_views(con, ["metric_comparison"]) == ["metric_comparison"]


def test_article_summary(con):
    assert rows(con, """SELECT article_id, region, published_date, n_quantities, n_quantities_with_metric,
                               n_checks, n_consistent, n_inconsistent, n_unverifiable FROM article_summary
                        ORDER BY published_date DESC""") == [
        ("a5national", None, date(2023, 1, 17), 5, 3, 1, 0, 1, 0),
        ("a2hebei", "河北省", date(2021, 6, 20), 7, 5, 3, 0, 2, 1),
        ("a1shanxi", "山西省", date(2021, 5, 10), 10, 8, 3, 3, 0, 0),
        ("a3hebei", "河北省", date(2021, 4, 2), 1, 1, 0, 0, 0, 0),
    ]
    title = rows(con, "SELECT title FROM article_summary WHERE article_id = 'a5national'")[0][0]
    assert title == fw.NATIONAL.title  # stored as is; escaping is the report's job


def test_region_metrics(con):
    got = rows(con, """SELECT region, metric, period, value, unit, mentions, article_id FROM region_metrics
                       ORDER BY sort_order, region NULLS LAST, published_date""")
    assert got == [
        ("山西省", "units_completed_transition", "2021-05", 117.0, "个", 1, "a1shanxi"),
        ("山西省", "heads_adjusted", "2021-05", 102.0, "名", 2, "a1shanxi"),   # 102名 … 102人: one figure
        ("河北省", "heads_adjusted", "2021-06", 150.0, "名", 1, "a2hebei"),
        ("河北省", "avg_age", "2021-06", 46.5, "岁", 1, "a2hebei"),
        ("山西省", "cohort_age_around_40_count", "2021-05", 47.0, "人", 1, "a1shanxi"),
        ("山西省", "edu_fulltime_bachelor_plus_count", "2021-05", 73.0, "人", 1, "a1shanxi"),
        ("河北省", "edu_fulltime_bachelor_plus_count", "2021-06", 96.0, "人", 1, "a2hebei"),
        ("山西省", "edu_fulltime_bachelor_plus_share", "2021-05", 71.6, "%", 1, "a1shanxi"),
        ("河北省", "edu_fulltime_bachelor_plus_share", "2021-04", 60.0, "%", 1, "a3hebei"),
        ("河北省", "edu_fulltime_bachelor_plus_share", "2021-06", 68.0, "%", 1, "a2hebei"),
        ("河北省", "women_cadres_count", "2021-06", 18.0, "名", 1, "a2hebei"),
        ("山西省", "case_leads_verified", "2021-05", 12.0, "件", 1, "a1shanxi"),
        ("山西省", "case_leads_received", "2021-05", 221.0, "件", 1, "a1shanxi"),
        (None, "gdp", "2023-01", 1.210207e14, "元", 1, "a5national"),
        (None, "gdp_growth", "2023-01", 3.0, "%", 1, "a5national"),
        (None, "urban_new_jobs", "2023-01", 1.206e7, "人", 1, "a5national"),
    ]
    # every figure is traced to the sentence that holds it
    for surface, sentence, label in rows(con, "SELECT surface, sentence_text, label_zh FROM region_metrics"):
        assert surface in sentence and label
    assert rows(con, "SELECT sentence_text FROM region_metrics WHERE metric = 'women_cadres_count'") == [("共有女干部18名，其中180名为新提拔。",)]


def test_metric_comparison(con):
    got = rows(con, """SELECT metric, region, value, n_figures, n_regions, value_rank, article_id
                       FROM metric_comparison""")
    assert got == [
        ("units_completed_transition", "山西省", 117.0, 1, 1, 1, "a1shanxi"),
        ("heads_adjusted", "河北省", 150.0, 1, 2, 1, "a2hebei"),
        ("heads_adjusted", "山西省", 102.0, 1, 2, 2, "a1shanxi"),
        ("avg_age", "河北省", 46.5, 1, 1, 1, "a2hebei"),
        ("cohort_age_around_40_count", "山西省", 47.0, 1, 1, 1, "a1shanxi"),
        ("edu_fulltime_bachelor_plus_count", "河北省", 96.0, 1, 2, 1, "a2hebei"),
        ("edu_fulltime_bachelor_plus_count", "山西省", 73.0, 1, 2, 2, "a1shanxi"),
        # 河北: the June article's 68.0% replaces April's 60.0%; n_figures says there were two
        ("edu_fulltime_bachelor_plus_share", "山西省", 71.6, 1, 2, 1, "a1shanxi"),
        ("edu_fulltime_bachelor_plus_share", "河北省", 68.0, 2, 2, 2, "a2hebei"),
        ("women_cadres_count", "河北省", 18.0, 1, 1, 1, "a2hebei"),
        ("case_leads_verified", "山西省", 12.0, 1, 1, 1, "a1shanxi"),
        ("case_leads_received", "山西省", 221.0, 1, 1, 1, "a1shanxi"),
    ]


def test_claim_ledger(con):
    got = rows(con, """SELECT check_id, check_type, verdict, stated, recomputed, difference FROM claim_ledger
                       ORDER BY published_date DESC, check_id""")
    assert got == [
        ("a5national:c0", "percent_bound", "inconsistent", 80.0, None, None),
        ("a2hebei:c0", "percent_of", "inconsistent", 68.0, 64.0, 4.0),
        ("a2hebei:c1", "change", "unverifiable", 12.0, None, None),
        ("a2hebei:c2", "part_of", "inconsistent", None, None, None),
        ("a1shanxi:c0", "percent_of", "consistent", 71.6, 71.5686, pytest.approx(0.0314)),
        ("a1shanxi:c1", "part_of", "consistent", None, None, None),
        ("a1shanxi:c2", "part_of", "consistent", None, None, None),
    ]
    assert rows(con, "SELECT sentence_text, explanation FROM claim_ledger WHERE check_id = 'a2hebei:c0'") == [
        ("其中全日制大学本科以上学历96人，占68.0%，较换届前提高12个百分点。", "96/150 = 64.0%, but 68.0% is stated")]
    # a check without a percent figure stands in its part's sentence
    assert rows(con, "SELECT sentence_text FROM claim_ledger WHERE check_id = 'a1shanxi:c2'") == [
        ("收到涉及换届的案件线索221件，查实12件。",)]
    assert rows(con, "SELECT count(*) FROM claim_ledger WHERE article_id = 'a4stale'") == [(0,)]


def test_claim_figures(con):
    got = rows(con, "SELECT check_id, role, surface, value, sentence_id FROM claim_figures ORDER BY check_id, char_start")
    assert got == [
        ("a1shanxi:c0", "whole", "102名", 102.0, "a1shanxi:s1"),
        ("a1shanxi:c0", "part", "73人", 73.0, "a1shanxi:s3"),
        ("a1shanxi:c0", "percent", "71.6%", 71.6, "a1shanxi:s3"),
        ("a1shanxi:c1", "whole", "102名", 102.0, "a1shanxi:s1"),
        ("a1shanxi:c1", "part", "47人", 47.0, "a1shanxi:s2"),
        ("a1shanxi:c2", "whole", "221件", 221.0, "a1shanxi:s4"),
        ("a1shanxi:c2", "part", "12件", 12.0, "a1shanxi:s4"),
        ("a2hebei:c0", "whole", "150名", 150.0, "a2hebei:s0"),
        ("a2hebei:c0", "part", "96人", 96.0, "a2hebei:s1"),
        ("a2hebei:c0", "percent", "68.0%", 68.0, "a2hebei:s1"),
        ("a2hebei:c1", "percent", "68.0%", 68.0, "a2hebei:s1"),
        ("a2hebei:c1", "part", "12个百分点", 12.0, "a2hebei:s1"),
        ("a2hebei:c2", "whole", "150名", 150.0, "a2hebei:s0"),
        ("a2hebei:c2", "part", "180名", 180.0, "a2hebei:s2"),
        ("a5national:c0", "part", "1206万人", 1.206e7, "a5national:s1"),
        ("a5national:c0", "percent", "80%", 80.0, "a5national:s1"),
    ]
    # spans are exact in the article text
    for surface, text, start, end in rows(con, """SELECT f.surface, a.text, f.char_start, f.char_end
                                                FROM claim_figures f JOIN articles a USING (article_id)"""):
        assert text[start:end] == surface


def test_claim_figures_lists_each_part_of_a_sum_once(con):
    con.execute("""INSERT INTO claim_checks (check_id, article_id, check_type, whole_quantity_id, part_quantity_id,
                                             part_quantity_ids, verdict, rule, explanation)
                   VALUES ('a1shanxi:sum', 'a1shanxi', 'sum', ?, ?, [?, ?], 'consistent', 'sum.v1', 'test')""",
                [fw.quantity_id(fw.SHANXI, "leads"), fw.quantity_id(fw.SHANXI, "verified"),
                 fw.quantity_id(fw.SHANXI, "verified"), fw.quantity_id(fw.SHANXI, "n40")])
    try:
        got = rows(con, "SELECT role, surface FROM claim_figures WHERE check_id = 'a1shanxi:sum' ORDER BY char_start")
        assert got == [("part", "47人"), ("whole", "221件"), ("part", "12件")]
    finally:
        con.execute("DELETE FROM claim_checks WHERE check_id = 'a1shanxi:sum'")


def test_quality_summary(con):
    got = rows(con, """SELECT run_id, suite, check_type, severity, n_checks, n_passed, n_failed, n_unverifiable,
                              unexpected_count FROM quality_summary""")
    expected = [
        ("run-2", "articles", "expect_column_values_to_be_unique", "integrity", 1, 1, 0, 0, 0),
        ("run-2", "articles", "expect_column_values_to_not_be_null", "advisory", 1, 1, 0, 0, 0),
        ("run-2", "articles", "expect_column_values_to_not_be_null", "integrity", 1, 1, 0, 0, 0),
        ("run-2", "quantities", "expect_column_values_to_be_between", "integrity", 1, 1, 0, 0, 0),
        ("run-2", "claim_checks", "change", "finding", 1, 0, 0, 1, None),
        ("run-2", "claim_checks", "part_of", "finding", 3, 2, 1, 0, None),
        ("run-2", "claim_checks", "percent_bound", "finding", 1, 0, 1, 0, None),   # the stale article's is gone
        ("run-2", "claim_checks", "percent_of", "finding", 2, 1, 1, 0, None),
        ("run-1", "articles", "expect_column_values_to_be_unique", "integrity", 1, 0, 1, 0, 3),
        ("run-1", "articles", "expect_column_values_to_not_be_null", "advisory", 1, 1, 0, 0, 0),
        ("run-1", "articles", "expect_column_values_to_not_be_null", "integrity", 1, 0, 1, 0, 3),
        ("run-1", "quantities", "expect_column_values_to_be_between", "integrity", 1, 1, 0, 0, 0),
    ]
    assert sorted(got, key=str) == sorted(expected, key=str)
    assert rows(con, "SELECT pass_rate FROM quality_summary WHERE suite = 'claim_checks' AND check_type = 'percent_of'") == [(0.5,)]
    assert rows(con, "SELECT run_time FROM quality_summary WHERE suite = 'claim_checks' LIMIT 1") == [(datetime(2024, 1, 2, 9),)]


def test_corpus_stats(con):
    assert rows(con, """SELECT source, month, articles, chars, quantities, quantities_with_metric, claim_checks,
                               inconsistent_claims FROM corpus_stats""") == [
        ("河北日报", date(2021, 4, 1), 1, len(fw.HEBEI_EARLIER.text), 1, 1, 0, 0),
        ("山西日报", date(2021, 5, 1), 1, len(fw.SHANXI.text), 10, 8, 3, 0),
        ("河北日报", date(2021, 6, 1), 1, len(fw.HEBEI.text), 7, 5, 3, 2),
        ("央视网", date(2023, 1, 1), 1, len(fw.NATIONAL.text), 5, 3, 1, 1),
    ]


def test_views_answer_fast_on_the_fixture(con):
    for name in VIEWS:
        start = time.perf_counter()
        con.execute(f"SELECT * FROM {name}").fetchall()
        assert time.perf_counter() - start < 0.2, name
