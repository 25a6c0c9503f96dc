"""A small warehouse for the view, export and report tests.

Three provincial reports (山西省 May 2021, 河北省 June and April 2021), one national news item
without region (January 2023, with hostile HTML in its title and text), and one article that is
no longer current (its rows must never show).  Offsets are computed from the texts, sentences
with the project's own segmentation, so every span in the fixture is a real span.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from pipelines import warehouse as wh
from pipelines.core import text as textmod
from pipelines.report.views import create_views, write_metric_taxonomy

HOSTILE = "<script>alert('x')</script>"


@dataclass
class Fig:
    key: str            # name used by the checks below
    surface: str
    value: float | None
    unit: str | None
    kind: str
    metric: str | None = None
    qualifier: str | None = None
    subject: str | None = None
    occurrence: int = 1


@dataclass
class Check:
    check_type: str
    verdict: str
    stated: float | None
    recomputed: float | None
    explanation: str
    part: str | None = None
    whole: str | None = None
    percent: str | None = None
    parts: list[str] = field(default_factory=list)


@dataclass
class Article:
    article_id: str
    text: str
    title: str
    region: str | None
    published_date: date
    source: str
    figures: list[Fig]
    checks: list[Check]
    is_current: bool = True


SHANXI = Article(
    article_id="a1shanxi",
    title="山西：县级领导班子换届工作圆满完成",
    region="山西省",
    published_date=date(2021, 5, 10),
    source="山西日报",
    text=("截至4月下旬，全省117个县(市、区)党委和人大、政府、政协领导班子全部完成换届。\n"
          "省委集中调整配备102名县(市、区)党政正职。102人中40岁左右47人。"
          "全日制大学本科以上学历73人，占71.6%。\n"
          "收到涉及换届的案件线索221件，查实12件。"),
    figures=[
        Fig("date", "4月下旬", None, None, "date"),
        Fig("units", "117个", 117, "个", "count", "units_completed_transition"),
        Fig("heads", "102名", 102, "名", "count", "heads_adjusted"),
        Fig("heads2", "102人", 102, "人", "count", "heads_adjusted"),
        Fig("age40", "40岁", 40, "岁", "age", qualifier="approx"),
        Fig("n40", "47人", 47, "人", "count", "cohort_age_around_40_count"),
        Fig("bach", "73人", 73, "人", "count", "edu_fulltime_bachelor_plus_count"),
        Fig("bach_pct", "71.6%", 71.6, "%", "percent", "edu_fulltime_bachelor_plus_share"),
        Fig("leads", "221件", 221, "件", "count", "case_leads_received"),
        Fig("verified", "12件", 12, "件", "count", "case_leads_verified"),
    ],
    checks=[
        Check("percent_of", "consistent", 71.6, 71.5686, "73/102 = 71.57%, stated 71.6%", part="bach", whole="heads", percent="bach_pct"),
        Check("part_of", "consistent", None, None, "47 <= 102", part="n40", whole="heads"),
        Check("part_of", "consistent", None, None, "12 <= 221", part="verified", whole="leads"),
    ],
)

HEBEI = Article(
    article_id="a2hebei",
    title="河北县级党政正职调整配备完成",
    region="河北省",
    published_date=date(2021, 6, 20),
    source="河北日报",
    text=("全省调整配备150名县(市、区)党政正职，平均年龄46.5岁。"
          "其中全日制大学本科以上学历96人，占68.0%，较换届前提高12个百分点。\n"
          "共有女干部18名，其中180名为新提拔。"),
    figures=[
        Fig("heads", "150名", 150, "名", "count", "heads_adjusted"),
        Fig("avg_age", "46.5岁", 46.5, "岁", "age", "avg_age"),
        Fig("bach", "96人", 96, "人", "count", "edu_fulltime_bachelor_plus_count"),
        Fig("bach_pct", "68.0%", 68.0, "%", "percent", "edu_fulltime_bachelor_plus_share"),
        Fig("rise", "12个百分点", 12, "百分点", "percentage_points"),
        Fig("women", "18名", 18, "名", "count", "women_cadres_count"),
        Fig("wrong_part", "180名", 180, "名", "count"),
    ],
    checks=[
        Check("percent_of", "inconsistent", 68.0, 64.0, "96/150 = 64.0%, but 68.0% is stated",
              part="bach", whole="heads", percent="bach_pct"),
        Check("change", "unverifiable", 12, None, "no earlier share in the text", percent="bach_pct", part="rise"),
        Check("part_of", "inconsistent", None, None, "150 heads cannot include 180", part="wrong_part", whole="heads"),
    ],
)

HEBEI_EARLIER = Article(
    article_id="a3hebei",
    title="河北乡镇换届进展",
    region="河北省",
    published_date=date(2021, 4, 2),
    source="河北日报",
    text="河北新任县(市、区)党政正职中全日制大学本科以上学历占60.0%。",
    figures=[Fig("bach_pct", "60.0%", 60.0, "%", "percent", "edu_fulltime_bachelor_plus_share")],
    checks=[],
)

NATIONAL = Article(
    article_id="a5national",
    title=f"经济数据{HOSTILE}发布",
    region=None,
    published_date=date(2023, 1, 17),
    source="央视网",
    text=("2022年，我国经济总量达到1210207亿元，同比增长3%。\n"
          f"城镇新增就业1206万人<img src=x onerror=alert(1)>，占全部就业的80%。"),
    figures=[
        Fig("year", "2022年", 2022, "年", "year"),
        Fig("gdp", "1210207亿元", 1.210207e14, "元", "money", "gdp"),
        Fig("growth", "3%", 3, "%", "percent", "gdp_growth"),
        Fig("jobs", "1206万人", 1.206e7, "人", "count", "urban_new_jobs"),
        Fig("share", "80%", 80, "%", "percent"),
    ],
    checks=[
        Check("percent_bound", "inconsistent", 80, None, f"80% of an unstated whole {HOSTILE}", part="jobs", percent="share"),
    ],
)

STALE = Article(
    article_id="a4stale",
    title="已删除的文章",
    region="山西省",
    published_date=date(2021, 6, 1),
    source="山西日报",
    text="全省选派500名年轻干部到基层，占45.0%。",
    figures=[
        Fig("sent", "500名", 500, "名", "count", "young_cadres_sent_grassroots"),
        Fig("pct", "45.0%", 45.0, "%", "percent"),
    ],
    checks=[Check("percent_bound", "inconsistent", 45.0, None, "stale", part="sent", percent="pct")],
    is_current=False,
)

ARTICLES = [SHANXI, HEBEI, HEBEI_EARLIER, NATIONAL, STALE]


def quantity_id(article: Article, key: str) -> str:
    fig = next(f for f in article.figures if f.key == key)
    return f"{article.article_id}:q{_span(article, fig)[0]}-{_span(article, fig)[1]}"


def _span(article: Article, fig: Fig) -> tuple[int, int]:
    start = -1
    for _ in range(fig.occurrence):
        start = article.text.index(fig.surface, start + 1)
    return start, start + len(fig.surface)


def frames() -> dict[str, pd.DataFrame]:
    now = datetime(2024, 1, 2, 12, 0)
    rows: dict[str, list[dict]] = {t: [] for t in ("articles", "sentences", "quantities", "claim_checks")}
    for art in ARTICLES:
        rows["articles"].append(dict(
            article_id=art.article_id, source_file=f"raw/{art.article_id}.txt", record_key="", source_format="txt",
            encoding="utf-8", title=art.title, published_date=art.published_date, region=art.region,
            region_level="province" if art.region else None, source=art.source, text=art.text, chars=len(art.text),
            is_current=art.is_current, ingested_at=now, removed_at=None if art.is_current else now))
        spans = textmod.sentence_spans(art.text)
        for i, (s, e) in enumerate(spans):
            rows["sentences"].append(dict(sentence_id=f"{art.article_id}:s{i}", article_id=art.article_id,
                                          paragraph_id=f"{art.article_id}:p0", sentence_index=i, char_start=s,
                                          char_end=e, text=art.text[s:e]))
        starts = [s for s, _ in spans]
        for fig in art.figures:
            s, e = _span(art, fig)
            rows["quantities"].append(dict(
                quantity_id=quantity_id(art, fig.key), article_id=art.article_id,
                sentence_id=f"{art.article_id}:s{bisect.bisect_right(starts, s) - 1}", char_start=s, char_end=e,
                surface=fig.surface, value=fig.value, unit=fig.unit, kind=fig.kind, qualifier=fig.qualifier,
                subject=fig.subject, metric=fig.metric))
        for n, c in enumerate(art.checks):
            rows["claim_checks"].append(dict(
                check_id=f"{art.article_id}:c{n}", article_id=art.article_id, check_type=c.check_type,
                part_quantity_id=quantity_id(art, c.part) if c.part else None,
                whole_quantity_id=quantity_id(art, c.whole) if c.whole else None,
                percent_quantity_id=quantity_id(art, c.percent) if c.percent else None,
                part_quantity_ids=[quantity_id(art, p) for p in c.parts], stated=c.stated, recomputed=c.recomputed,
                tolerance=0.05 if c.check_type == "percent_of" else None, verdict=c.verdict, rule=f"{c.check_type}.v1",
                explanation=c.explanation))
    out = {t: pd.DataFrame(r) for t, r in rows.items()}
    out["claim_checks"]["part_quantity_ids"] = out["claim_checks"]["part_quantity_ids"].astype(object)
    out["pipeline_runs"] = pd.DataFrame([
        dict(run_id="run-1", started_at=datetime(2024, 1, 1, 9), finished_at=datetime(2024, 1, 1, 10), status="success"),
        dict(run_id="run-2", started_at=datetime(2024, 1, 2, 9), finished_at=datetime(2024, 1, 2, 10), status="success"),
    ])
    dq = []
    for run_id, day, failing in (("run-1", 1, 2), ("run-2", 2, 0)):
        for i, (suite, expectation, column, severity) in enumerate([
            ("articles", "expect_column_values_to_be_unique", "article_id", "integrity"),
            ("articles", "expect_column_values_to_not_be_null", "text", "integrity"),
            ("articles", "expect_column_values_to_not_be_null", "published_date", "advisory"),
            ("quantities", "expect_column_values_to_be_between", "char_start", "integrity"),
        ]):
            success = i >= failing  # run-1 fails its first two expectations
            dq.append(dict(run_id=run_id, suite=suite, expectation=expectation, column_name=column, severity=severity,
                           success=success, unexpected_count=0 if success else 3, element_count=10,
                           run_time=datetime(2024, 1, day, 9, 30), details=None))
    out["dq_results"] = pd.DataFrame(dq)
    return out


def build(path: Path):
    """A warehouse file at path with the fixture rows, the taxonomy table and every view."""
    con = wh.connect(path)
    wh.ensure_schema(con)
    for table, frame in frames().items():
        wh.insert_frame(con, table, frame)
    write_metric_taxonomy(con)
    create_views(con)
    return con
