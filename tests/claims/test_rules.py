"""Each check type and linking rule on small texts with hand-made quantities (no extractor)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipelines.core.claims import check_claims
from pipelines.core.model import CHECK_TYPES, VERDICTS
from tests.claims.gold_quantities import quantities_in

P = "%"


def checks(text, *specs):
    return check_claims(text, quantities_in(text, *specs))


def find(cs, check_type, **ids):
    """The checks of a type whose ids match (part=…, whole=…, percent=…, parts=[…])."""
    out = []
    for c in cs:
        got = dict(part=c.part_quantity_id, whole=c.whole_quantity_id, percent=c.percent_quantity_id,
                   parts=sorted(c.part_quantity_ids))
        if c.check_type == check_type and all(got[k] == (sorted(v) if k == "parts" else v) for k, v in ids.items()):
            out.append(c)
    return out


def verdict(cs, check_type, **ids):
    (c,) = find(cs, check_type, **ids)
    return c.verdict


def alarms(cs):
    return [c for c in cs if c.verdict == "inconsistent"]


# ---------------------------------------------------------------- percent_of
SEED = ("集中调整配备102名县(市、区)党政正职。大胆提拔使用,102人中既有县级班子成员,又有省市直机关干部;"
        "全日制大学本科以上学历73人,占71.6%,较调整前高出20多个百分点。")
SEED_Q = [("102名", 102, "名", "count"), ("102人", 102, "人", "count"), ("73人", 73, "人", "count"),
          ("71.6%", 71.6, P, "percent"), ("20多个百分点", 20, "百分点", "percentage_points", "more_than")]


def test_share_after_a_count_against_the_restated_base():
    cs = checks(SEED, *SEED_Q)
    (c,) = find(cs, "percent_of")
    assert (c.part_quantity_id, c.whole_quantity_id, c.percent_quantity_id) == ("q03", "q01", "q04")  # first 102
    assert c.verdict == "consistent" and "73" in c.explanation and "71.57%" in c.explanation
    assert verdict(cs, "part_of", part="q03", whole="q01") == "consistent"
    assert all(c.check_type in CHECK_TYPES and c.verdict in VERDICTS and c.rule for c in cs)


def test_wrong_share_and_truncation():
    bad = SEED.replace("71.6%", "76.1%")
    q = [*SEED_Q[:3], ("76.1%", 76.1, P, "percent"), SEED_Q[4]]
    assert verdict(checks(bad, *q), "percent_of", percent="q04") == "inconsistent"
    trunc = SEED.replace("71.6%", "71.5%")
    (c,) = find(checks(trunc, *SEED_Q[:3], ("71.5%", 71.5, P, "percent"), SEED_Q[4]), "percent_of")
    assert c.verdict == "inconsistent" and "truncat" in c.explanation


def test_group_named_before_the_last_count():
    text = "新任28人中,“70后”有21人,其中县委书记9人,占75.0%。"
    cs = checks(text, ("28人", 28, "人", "count"), ("“70后”", 1970, None, "birth_cohort"), ("21人", 21, "人", "count"),
                ("9人", 9, "人", "count"), ("75.0%", 75.0, P, "percent"))
    assert verdict(cs, "percent_of", part="q03", whole="q01", percent="q05") == "consistent"
    # a wrong figure here has three readings (9/21, 9/28, 21/28): never an alarm
    wrong = text.replace("75.0%", "78.0%")
    cs = checks(wrong, ("28人", 28, "人", "count"), ("“70后”", 1970, None, "birth_cohort"), ("21人", 21, "人", "count"),
                ("9人", 9, "人", "count"), ("78.0%", 78.0, P, "percent"))
    assert not alarms(cs) and find(cs, "percent_of")[0].verdict == "unverifiable"


def test_respectively_pairs_in_order():
    text = "调整的102人中，本科学历50人、研究生学历30人，分别占49.0%、29.4%。"
    q = [("102人", 102, "人", "count"), ("50人", 50, "人", "count"), ("30人", 30, "人", "count"),
         ("49.0%", 49.0, P, "percent"), ("29.4%", 29.4, P, "percent")]
    cs = checks(text, *q)
    assert verdict(cs, "percent_of", part="q02", percent="q04") == "consistent"
    assert verdict(cs, "percent_of", part="q03", percent="q05") == "consistent"
    swapped = text.replace("49.0%、29.4%", "29.4%、49.0%")
    cs = checks(swapped, *q[:3], ("29.4%", 29.4, P, "percent"), ("49.0%", 49.0, P, "percent"))
    assert len(alarms(cs)) == 2


def test_share_stated_across_units_only_when_the_text_states_it():
    text = "全省35个村中，书记、主任“一肩挑”的35人，占100%。"
    cs = checks(text, ("35个", 35, "个", "count"), ("35人", 35, "人", "count"), ("100%", 100, P, "percent"))
    assert verdict(cs, "percent_of", part="q02", whole="q01", percent="q03") == "consistent"
    # 150 people are not a part of 90 counties, nor 2 sanctioned people of 12 cases
    cs = checks("全省90个县新提拔干部150人。查实12件，给予党政纪处分2人。", ("90个", 90, "个", "count"),
                ("150人", 150, "人", "count"), ("12件", 12, "件", "count"), ("2人", 2, "人", "count"))
    assert not [c for c in cs if c.check_type in ("part_of", "sum", "percent_of")]


def test_base_named_after_zhan():
    text = ("东京奥运会中国体育代表团总人数为777人，其中运动员431人。运动员中参加过奥运会的有138人，"
            "占运动员总数的32.02%。")
    cs = checks(text, ("777人", 777, "人", "count"), ("431人", 431, "人", "count"), ("138人", 138, "人", "count"),
                ("32.02%", 32.02, P, "percent"))
    assert verdict(cs, "percent_of", part="q03", whole="q02", percent="q04") == "consistent"


def test_growth_and_other_measures_are_not_shares_of_the_count():
    text = "浙江省516个重大项目集中开工，其中，民间投资项目354个，投资占比71.1%，同比增长12.5%。"
    cs = checks(text, ("516个", 516, "个", "count"), ("354个", 354, "个", "count"), ("71.1%", 71.1, P, "percent"),
                ("12.5%", 12.5, P, "percent"))
    assert not find(cs, "percent_of") and not find(cs, "percent_range", percent="q04")


def test_named_share_of_a_named_total():
    text = ("2019年全年国内生产总值990865亿元。\n其中，第一产业增加值70467亿元，增长3.1%。"
            "第一产业增加值占国内生产总值比重为7.1%。")
    q = [("2019年", 2019, "年", "year"), ("990865亿元", 99086500000000, "元", "money"),
         ("70467亿元", 7046700000000, "元", "money"), ("3.1%", 3.1, P, "percent"), ("7.1%", 7.1, P, "percent")]
    cs = checks(text, *q)
    assert verdict(cs, "percent_of", part="q03", whole="q02", percent="q05") == "consistent"
    assert verdict(checks(text.replace("7.1%", "8.1%"), *q[:4], ("8.1%", 8.1, P, "percent")),
                   "percent_of", percent="q05") == "inconsistent"


def test_base_found_only_by_arithmetic_never_alarms():
    text = "截至2018年底，党员总数为9059.4万名。\n大专及以上学历党员已达4493.7万名，占49.6%。"
    q = [("2018年", 2018, "年", "year"), ("9059.4万名", 90594000, "名", "count"), ("4493.7万名", 44937000, "名", "count")]
    cs = checks(text, *q, ("49.6%", 49.6, P, "percent"))
    assert verdict(cs, "percent_of", part="q03", whole="q02", percent="q04") == "consistent"
    cs = checks(text.replace("49.6%", "59.6%"), *q, ("59.6%", 59.6, P, "percent"))
    assert not alarms(cs) and not find(cs, "percent_of")


# ---------------------------------------------------------------- part_of
def test_verified_of_received():
    text = "收到涉及换届的案件线索221件,查实12件,给予党政纪处分2人、组织处理5人。"
    q = [("221件", 221, "件", "count"), ("12件", 12, "件", "count"), ("2人", 2, "人", "count"), ("5人", 5, "人", "count")]
    cs = checks(text, *q)
    assert verdict(cs, "part_of", part="q02", whole="q01") == "consistent"
    assert not find(cs, "part_of", part="q03") and not find(cs, "sum")     # people are no part of cases
    cs = checks(text.replace("查实12件", "查实312件"), q[0], ("312件", 312, "件", "count"), *q[2:])
    assert verdict(cs, "part_of", part="q02", whole="q01") == "inconsistent"


def test_qizhong_goes_back_to_the_total_of_its_own_verb():
    text = "立案纪检监察干部2482人，处分1647人，移送司法机关73人，其中，处分厅局级干部54人、县处级285人。"
    cs = checks(text, ("2482人", 2482, "人", "count"), ("1647人", 1647, "人", "count"), ("73人", 73, "人", "count"),
                ("54人", 54, "人", "count"), ("285人", 285, "人", "count"))
    assert verdict(cs, "part_of", part="q05", whole="q02") == "consistent"
    assert not find(cs, "part_of", whole="q03") and not alarms(cs)


def test_a_sibling_statement_after_a_semicolon_is_not_a_part():
    text = ("新增确诊病例331例，其中境外输入病例19例，本土病例312例；新增治愈出院的本土确诊病例608例；"
            "新增无症状感染者2201例，其中境外输入61例，本土2140例。")
    q = [(s, v, "例", "count") for s, v in [("331例", 331), ("19例", 19), ("312例", 312), ("608例", 608),
                                            ("2201例", 2201), ("61例", 61), ("2140例", 2140)]]
    cs = checks(text, *q)
    assert not alarms(cs)
    assert verdict(cs, "sum", whole="q01", parts=["q02", "q03"]) == "consistent"
    assert verdict(cs, "sum", whole="q05", parts=["q06", "q07"]) == "consistent"


def test_new_of_cumulative_and_done_of_planned():
    text = "累计死亡病例1665例，当日新增142例。中西部22个省份安排扶贫项目44.12万个，目前已开工项目42.84万个，开工率97.1%。"
    cs = checks(text, ("1665例", 1665, "例", "count"), ("142例", 142, "例", "count"), ("22个", 22, "个", "count"),
                ("44.12万个", 441200, "个", "count"), ("42.84万个", 428400, "个", "count"), ("97.1%", 97.1, P, "percent"))
    assert verdict(cs, "part_of", part="q02", whole="q01") == "consistent"
    assert verdict(cs, "percent_of", part="q05", whole="q04", percent="q06") == "consistent"


# ---------------------------------------------------------------- sum
EXCHANGE = "全年共交流任职95人，其中从省直机关到市县任职30人、从市县到省直机关任职28人，市县之间交流37人。"


def exchange(third):
    text = EXCHANGE.replace("37人", f"{third}人")
    return checks(text, ("95人", 95, "人", "count"), ("30人", 30, "人", "count"), ("28人", 28, "人", "count"),
                  (f"{third}人", third, "人", "count"))


def test_sum_of_a_list_that_covers_its_whole():
    assert verdict(exchange(37), "sum", whole="q01") == "consistent"
    assert verdict(exchange(47), "sum", whole="q01") == "inconsistent"     # more than the whole
    assert verdict(exchange(27), "sum", whole="q01") == "unverifiable"     # less: the list may go on


def test_a_complete_list_that_falls_short():
    text = "全年共交流任职95人，其中从省直机关到市县任职30人、从市县到省直机关任职28人，其余27人在市县之间交流。"
    cs = checks(text, ("95人", 95, "人", "count"), ("30人", 30, "人", "count"), ("28人", 28, "人", "count"),
                ("27人", 27, "人", "count"))
    assert verdict(cs, "sum", whole="q01") == "inconsistent"


def test_overlapping_attributes_are_not_a_sum():
    text = "新提拔的25名干部，其中女干部15人，研究生学历19人。"
    cs = checks(text, ("25名", 25, "名", "count"), ("15人", 15, "人", "count"), ("19人", 19, "人", "count"))
    assert not alarms(cs) and verdict(cs, "part_of", part="q03", whole="q01") == "consistent"


def test_two_breakdowns_of_one_whole():
    text = ("大会秘书处共收到代表提出的议案491件。其中，有关立法方面的487件，有关监督方面的4件，"
            "代表团提出的14件，代表联名提出的477件。")
    cs = checks(text, *[(s, v, "件", "count") for s, v in [("491件", 491), ("487件", 487), ("4件", 4), ("14件", 14),
                                                          ("477件", 477)]])
    assert not alarms(cs)
    assert verdict(cs, "sum", whole="q01", parts=["q02", "q03"]) == "consistent"
    assert verdict(cs, "sum", whole="q01", parts=["q04", "q05"]) == "consistent"


# ---------------------------------------------------------------- percent_bound
def test_bound_needs_a_whole_number_of_people():
    text = "102人中既有县级班子成员;具有金融、经济等专业背景的占到80%以上。"
    cs = checks(text, ("102人", 102, "人", "count"), ("80%以上", 80, P, "percent", "at_least"))
    (c,) = find(cs, "percent_bound")
    assert c.verdict == "consistent" and "82" in c.explanation
    cs = checks("7名新任县长中，女性占33.3%。", ("7名", 7, "名", "count"), ("33.3%", 33.3, P, "percent"))
    assert verdict(cs, "percent_bound", whole="q01", percent="q02") == "inconsistent"
    cs = checks("54.3万名村党组织书记中，大专及以上学历的占20.7%。", ("54.3万名", 543000, "名", "count"),
                ("20.7%", 20.7, P, "percent"))
    assert verdict(cs, "percent_bound", whole="q01", percent="q02") == "consistent"


# ---------------------------------------------------------------- change
def test_change_with_both_ends_and_without():
    text = "大学以上学历的比例由上届的92.2%提高到97.4%，提高5.2个百分点。"
    q = [("92.2%", 92.2, P, "percent"), ("97.4%", 97.4, P, "percent")]
    (c,) = find(checks(text, *q, ("5.2个百分点", 5.2, "百分点", "percentage_points")), "change")
    assert c.verdict == "consistent" and c.part_quantity_ids == ["q01"]
    (c,) = find(checks(text.replace("5.2个", "6.2个"), *q, ("6.2个百分点", 6.2, "百分点", "percentage_points")), "change")
    assert c.verdict == "inconsistent"
    (c,) = find(checks("平均年龄47.2岁，比上届下降2.4岁。", ("47.2岁", 47.2, "岁", "age"), ("2.4岁", 2.4, "岁", "age")),
                "change")
    assert c.verdict == "unverifiable" and "49.5–49.7" in c.explanation


# ---------------------------------------------------------------- percent_range
def test_percent_range():
    cs = checks("工人和农民仍是党员队伍主体，占总数的135.3%；出口同比增长120%。", ("135.3%", 135.3, P, "percent"),
                ("120%", 120, P, "percent"))
    assert verdict(cs, "percent_range", percent="q01") == "inconsistent"
    assert not find(cs, "percent_range", percent="q02")                        # growth may exceed 100%


def test_core_stays_free_of_dagster():
    code = "import sys, pipelines.core.claims; assert not any(m.startswith('dagster') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
