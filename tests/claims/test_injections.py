"""Injection suite: one arithmetic error at a time injected into real article text, run through
the real extractor and the checker.  Every injected error must be found (an `inconsistent`
check of the expected type that involves the edited figure) and must be the only alarm; every
original must pass without any alarm."""
from __future__ import annotations

import pytest

from pipelines.core.claims import check_claims
from tests.claims.snippets import (SEED_P3, SEED_P3_CHANGE, SEED_P3_LIST, SEED_P6, XWLB, XWLB_REAL_ERROR, XWLB_RUN,
                                   XWLB_RUN_ROUNDED)

extract = pytest.importorskip("pipelines.core.extract", reason="the extractor (pipelines.core.extract) is not there yet")

# (case id, original text, old substring, injected substring, check type that must flag it)
CASES = [
    ("wrong percentage", SEED_P3, "占71.6%", "占76.1%", "percent_of"),
    ("truncated percentage", SEED_P3, "占71.6%", "占71.5%", "percent_of"),
    ("part above its base (…中)", SEED_P3, "40岁左右47人", "40岁左右147人", "part_of"),
    ("verified above received", SEED_P6, "查实12件", "查实312件", "part_of"),
    ("shuffled 分别 list", SEED_P3_LIST, "分别占71.6%、28.4%", "分别占28.4%、71.6%", "percent_of"),
    ("wrong change, both ends written", SEED_P3_CHANGE, "高出21.4个百分点", "高出23.4个百分点", "change"),
    ("impossible share of a small base (GRIM)", XWLB["20220704-10"], "比例为74.3%", "比例为75.3%", "percent_bound"),
    ("wrong share of a named group", XWLB["20220327-04"], "占比59.3%", "占比59.4%", "percent_of"),
    ("其中 part above its whole (万)", XWLB["20200112-02"], "5.12万人", "8.12万人", "part_of"),
    ("disjoint levels overshoot their total", XWLB["20190422-11"], "厅级干部218人", "厅级干部518人", "sum"),
    ("imported + local overshoot", XWLB["20210929-20"], "本土2例", "本土12例", "sum"),
    ("parenthetical breakdown overshoots", XWLB["20210929-20"], "云南8例", "云南9例", "sum"),
    ("wrong share at 万 precision", XWLB["20250630-04"], "占52.6%", "占57.6%", "percent_of"),
    ("wrong share after a semicolon", XWLB["20250630-04"], "占54.4%", "占59.4%", "percent_of"),
    ("wrong share of a named total (党员总数)", XWLB["20210630-06"], "占党员总数的24.9%", "占党员总数的26.9%",
     "percent_of"),
    ("wrong rate of done over planned", XWLB["20200807-06"], "开工率97.1%", "开工率96.1%", "percent_of"),
    ("done above planned", XWLB["20200807-06"], "已复工28848个", "已复工29848个", "part_of"),
    ("day's new above cumulative", XWLB["20200216-02"], "当日新增142例", "当日新增1742例", "part_of"),
    ("part above the total of its own verb", XWLB["20230724-05"], "县处级285人", "县处级1685人", "part_of"),
    ("four forms overshoot their total", XWLB["20230724-05"], "处理1455人次", "处理3455人次", "sum"),
    ("wrong named share (增加值/生产总值)", XWLB["20200228-13"], "比重为7.1%", "比重为8.1%", "percent_of"),
    ("A加上B ≠ written total", XWLB["20200807-06"], "3个省，25个省份", "3个省，26个省份", "sum"),
    ("share above 100%", XWLB["20190630-04"], "占总数的35.3%", "占总数的135.3%", "percent_range"),
    ("resolved above received", XWLB["20190415-10"], "已解决3876个", "已解决5876个", "part_of"),
    ("wrong rate of resolved over received", XWLB["20190415-10"], "解决率达75.7%", "解决率达77.5%", "percent_of"),
    ("done above a stated list of tasks", XWLB["20231010-10"], "已完成1398项", "已完成2398项", "part_of"),
    ("wrong share of the plan", XWLB["20200406-01"], "的55.08%", "的58.05%", "percent_of"),
    ("sanctioned above dealt with", XWLB["20250104-03"], "处分18.8万人", "处分28.8万人", "part_of"),
    ("restricted restatement above its total", XWLB["20240630-07"], "127.6万名", "327.6万名", "part_of"),
    ("part above an approximate whole", XWLB["20250708-10"], "约120人", "约320人", "part_of"),
    ("count among a 中 group above it", XWLB["20210611-13"], "有47个", "有57个", "part_of"),
    ("wrong share in a run over the nearest group", XWLB_RUN_ROUNDED, "占94.2%", "占92.4%", "percent_of"),
]
ORIGINALS = {"seed p3": SEED_P3, "seed p6": SEED_P6, "seed p3 + 分别": SEED_P3_LIST, "seed p3 + change": SEED_P3_CHANGE,
             "xwlb-20230712-11 rounded": XWLB_RUN_ROUNDED, **{f"xwlb-{k}": v for k, v in XWLB.items()}}


def run(text: str):
    qs = extract.extract_quantities(text)
    for n, q in enumerate(qs):
        q.quantity_id = f"x{n:03d}"
    return {q.quantity_id: q for q in qs}, check_claims(text, qs)


def involved(check, by_id) -> list:
    ids = [check.part_quantity_id, check.whole_quantity_id, check.percent_quantity_id, *check.part_quantity_ids]
    return [by_id[i] for i in ids if i]


@pytest.mark.parametrize("name,text", ORIGINALS.items(), ids=list(ORIGINALS))
def test_original_raises_no_alarm(name, text):
    _, checks = run(text)
    alarms = [c.explanation for c in checks if c.verdict == "inconsistent"]
    assert not alarms, alarms


@pytest.mark.parametrize("name,text,old,new,check_type", CASES, ids=[c[0] for c in CASES])
def test_injected_error_is_found(name, text, old, new, check_type):
    assert text.count(old) == 1, "the injection site must be unique"
    injected = text.replace(old, new)
    at = injected.index(new)
    by_id, checks = run(injected)
    alarms = [c for c in checks if c.verdict == "inconsistent"]
    hits = [c for c in alarms if c.check_type == check_type
            and any(q.start < at + len(new) and at < q.end for q in involved(c, by_id))]
    assert hits, f"not found; checks: {[(c.check_type, c.verdict, c.explanation) for c in checks]}"
    stray = [c.explanation for c in alarms
             if not any(q.start < at + len(new) and at < q.end for q in involved(c, by_id))]
    assert not stray, f"alarms on figures that were not touched: {stray}"


def test_truncation_is_named_in_the_explanation():
    _, checks = run(SEED_P3.replace("占71.6%", "占71.5%"))
    (bad,) = [c for c in checks if c.verdict == "inconsistent"]
    assert "truncat" in bad.explanation and "73" in bad.explanation and "102" in bad.explanation


def test_a_real_error_in_the_source_is_found():
    _, checks = run(XWLB_REAL_ERROR[1])
    (bad,) = [c for c in checks if c.verdict == "inconsistent"]
    assert bad.check_type == "percent_of" and "56.52%" in bad.explanation and "55.62%" in bad.explanation


def test_a_truncated_share_in_a_run_is_found():
    """344/411 = 83.70% printed as 83.6%: the other share of the run (387/411 = 94.2%) fixes the base."""
    by_id, checks = run(XWLB_RUN[1])
    (bad,) = [c for c in checks if c.verdict == "inconsistent"]
    assert bad.check_type == "percent_of" and "truncat" in bad.explanation
    assert [by_id[i].surface for i in (bad.part_quantity_id, bad.whole_quantity_id, bad.percent_quantity_id)] == \
           ["344人", "411名", "83.6%"]


def test_enough_different_errors():
    assert len({c[0] for c in CASES}) >= 20 and len({c[4] for c in CASES}) >= 5
