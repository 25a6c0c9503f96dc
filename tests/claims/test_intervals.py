"""What a stated figure stands for: intervals from the written precision."""
import math

import pytest

from pipelines.core.claims.intervals import Interval, interval, share, truncation_interval, written_step
from tests.claims.gold_quantities import to_quantity


def iv(text, value, unit, kind, qualifier=None):
    return interval(to_quantity(dict(id="q", text=text, start=0, end=len(text), value=value, unit=unit, kind=kind,
                                     qualifier=qualifier)))


@pytest.mark.parametrize("text,value,unit,kind,qualifier,lo,hi", [
    ("71.6%", 71.6, "%", "percent", None, 71.55, 71.65),
    ("23.6万", 236000, None, "count", None, 235500, 236500),
    ("2.11万人次", 21100, "人次", "count", None, 21050, 21150),
    ("1349084亿元", 134908400000000, "元", "money", None, 134908350000000, 134908450000000),
    ("73人", 73, "人", "count", None, 73, 73),                    # a plain count is exact
    ("40岁", 40, "岁", "age", None, 39.5, 40.5),
    ("20多个百分点", 20, "百分点", "percentage_points", "more_than", 20, 30),
    ("3万多人", 30000, "人", "count", "more_than", 30000, 40000),
    ("1400多项", 1400, "项", "count", "more_than", 1400, 1500),
    ("2.02万余件次", 20200, "件次", "count", "more_than", 20200, 20300),
    ("1800", 1800, None, "count", "less_than", 0, 1800),          # 近1800: below 1800
    ("两成", 20, "%", "percent", None, 15, 25),
    ("4成", 40, "%", "percent", None, 35, 45),
    ("三分之二", 66.6667, "%", "percent", None, 66.1667, 67.1667),
])
def test_interval_from_written_precision(text, value, unit, kind, qualifier, lo, hi):
    got = iv(text, value, unit, kind, qualifier)
    assert got.lo == pytest.approx(lo) and got.hi == pytest.approx(hi)


def test_bounds_open_where_the_text_leaves_them_open():
    assert iv("80%以上", 80, "%", "percent", "at_least") == Interval(79.5, math.inf)
    assert iv("9000万名", 9.0e7, "名", "count", "more_than").hi == math.inf   # 突破9000万: no upper end
    approx = iv("70%", 70, "%", "percent", "approx")
    assert approx.lo < 66 and approx.hi > 74                                   # 约70%: loose


def test_precision_comes_from_the_surface_not_the_float():
    assert written_step("71.60%", "percent") == pytest.approx(0.01)
    assert written_step("71.6%", "percent") == pytest.approx(0.1)
    assert written_step("３７.３４万份", "count") == pytest.approx(100)       # full-width digits
    assert written_step("102名", "count") == 0


def test_share_over_intervals_and_truncation():
    got = share(Interval(73, 73), Interval(102, 102))
    assert got.lo == pytest.approx(71.5686, abs=1e-4) and got.meets(Interval(71.55, 71.65))
    wide = share(Interval(23.55e4, 23.65e4), Interval(45.465e4, 45.475e4))    # 23.6万 / 45.47万
    assert wide.meets(Interval(51.85, 51.95))
    trunc = truncation_interval(to_quantity(dict(id="q", text="71.5%", start=0, end=5, value=71.5, unit="%",
                                                 kind="percent", qualifier=None)))
    assert trunc == Interval(71.5, 71.6) and got.meets(trunc)
