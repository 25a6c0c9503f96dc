"""build_report: one self-contained, escaped HTML page holding the inconsistent claims."""
from __future__ import annotations

import json
import re

import pytest
from plotly.offline import get_plotlyjs

from pipelines import warehouse as wh
from pipelines.report import build_report
from pipelines.report.views import write_metric_taxonomy
from tests.views import fixture_warehouse as fw


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = fw.build(tmp_path_factory.mktemp("report") / "warehouse.duckdb")
    yield con
    con.close()


@pytest.fixture(scope="module")
def page(con, tmp_path_factory) -> str:
    path = build_report(con, tmp_path_factory.mktemp("out"), "gx/index.html")
    assert path.name == "index.html"
    return path.read_text(encoding="utf-8")


def cards(page: str) -> list[str]:
    return re.findall(r'<article class="claim">.*?</article>', page, flags=re.S)


def test_page_is_self_contained_with_plotly_once(page):
    bundle = get_plotlyjs()
    assert page.count(bundle[:200]) == 1
    assert page.count("Plotly.newPlot(") >= 4                   # corpus, checks, metrics by region, over time
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', page)
    assert "cdn" not in page.replace(bundle, "").lower()


def test_article_text_is_escaped(page):
    assert fw.HOSTILE not in page
    assert "<img src=x onerror" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page       # shown as text, in title and explanation
    assert "&lt;img src=x onerror=alert(1)&gt;" in page                      # shown as text, in the passage


def test_inconsistent_claims_are_listed_with_marked_figures_and_recomputation(page):
    found = cards(page)
    assert len(found) == 3
    hebei = next(c for c in found if "a2hebei:c0" in c)
    # the passage reaches back to the whole, one sentence before the claim
    assert '<mark class="fig role-whole" title="总数：150名">150名' in hebei
    assert '<mark class="fig role-part" title="部分：96人">96人' in hebei
    assert '<mark class="fig role-percent" title="比例：68%">68.0%' in hebei
    assert "96 ÷ 150 = <b>64%</b>" in hebei
    assert "文中 stated <b>68</b>" in hebei and "差 +4" in hebei
    assert "96/150 = 64.0%, but 68.0% is stated" in hebei
    national = next(c for c in found if "a5national:c0" in c)
    assert '<mark class="fig role-percent" title="比例：80%">80%' in national
    part_of = next(c for c in found if "a2hebei:c2" in c)
    assert "部分 180 &gt; 总数 150" in part_of
    # the passage runs from the whole's sentence to the part's, all marked
    assert part_of.count("<mark ") == 2 and "平均年龄46.5岁" in part_of
    # consistent and unverifiable checks are counted, not listed; the stale article's check is gone
    assert not any("a1shanxi" in c or "a2hebei:c1<" in c or "a4stale" in c for c in found)


def test_counts_and_data_docs_link(page):
    def kpi(key):
        return re.search(rf'kpi-{key}".*?<div class="kpi-value">([\d,]+)</div>', page, flags=re.S).group(1)
    assert (kpi("articles"), kpi("consistent"), kpi("inconsistent"), kpi("unverifiable")) == ("4", "3", "3", "1")
    assert '<a href="gx/index.html">Great Expectations Data Docs</a>' in page


def test_metrics_by_region_use_the_latest_figure(page):
    def in_chart(text):  # chart data is JSON: non-ASCII text is \u-escaped there
        return json.dumps(text)[1:-1] in page
    assert in_chart("全日制大学本科以上学历占比") and in_chart("调整配备的党政正职")
    assert '"text":["68%","71.6%"]' in page     # bar labels, by value: 河北's June 68% replaces its April 60%
    assert in_chart("全日制大学本科以上学历占比：随时间变化")                  # 河北's share has two months


def test_data_docs_link_is_optional_and_never_a_script(con, tmp_path):
    page = build_report(con, tmp_path / "a", None).read_text(encoding="utf-8")
    assert "Data Docs 尚未生成" in page
    page = build_report(con, tmp_path / "b", "javascript:alert(1)").read_text(encoding="utf-8")
    assert "javascript:alert" not in page


def test_empty_warehouse_builds_a_report_without_views_created(tmp_path):
    con = wh.connect(tmp_path / "empty.duckdb")
    wh.ensure_schema(con)
    write_metric_taxonomy(con)
    page = build_report(con, tmp_path / "out", None).read_text(encoding="utf-8")
    assert "没有发现不一致的说法" in page and "还没有归入指标的数字" in page
    views = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables WHERE table_type = 'VIEW'").fetchall()}
    assert {"claim_ledger", "region_metrics"} <= views
    con.close()
