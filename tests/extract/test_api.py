"""The public contract of extract_quantities: shape of the output, purity, robustness."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from pathlib import Path

from pipelines.core.extract import extract_quantities
from pipelines.core.model import KINDS, QUALIFIERS, Quantity

SEED_LIKE = ("截至4月下旬，全省117个县(市、区)全部完成换届。省委常委会议5次专题研究换届工作，集中调整配备102名县(市、区)"
             "党政正职。102人中40岁左右47人，其中还有更年轻的“85”左右15人。全日制大学本科以上学历73人，占71.6%，较调整前"
             "高出20多个百分点；具有金融等专业背景的占到80%以上，一半以上曾担任过乡镇党政正职。累计谈心谈话2.11万人次，"
             "印发宣传单37.34万份。实现了“五个好”的预期目标，奋力夺取“十四五”新胜利。（责任编辑：伊一）")


def check_contract(text: str, out: list) -> None:
    assert isinstance(out, list)
    prev_end = 0
    for q in out:
        assert type(q) is Quantity
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= prev_end, "sorted and non-overlapping"
        prev_end = q.end
        assert q.surface == text[q.start:q.end]
        assert q.kind in KINDS and q.qualifier in QUALIFIERS
        assert q.metric is None and q.quantity_id is None
        for v in (q.value, q.low, q.high):
            assert v is None or (isinstance(v, float) and abs(v) < 1e30 and v == v)
        if q.kind == "date":
            assert q.value is None and q.unit is None
        if q.kind == "percent":
            assert q.unit == "%"
        if q.low is not None and q.high is not None:
            assert q.low <= q.high, "an interval never ends below its start"
        if q.qualifier == "range":
            assert q.low is not None and q.high is not None and q.low < q.high and q.value == q.low


def test_contract_on_a_report():
    out = extract_quantities(SEED_LIKE)
    check_contract(SEED_LIKE, out)
    assert [q.surface for q in out] == [
        "4月下旬", "117个", "5次", "102名", "102人", "40岁", "47人", "“85”", "15人", "73人", "71.6%", "20多个百分点",
        "80%以上", "一半以上", "2.11万人次", "37.34万份"]


def test_bounds_follow_the_qualifier():
    by_surface = {q.surface: q for q in extract_quantities(SEED_LIKE + "3万多人参加，不足5%，不超过30人，约200人，35至45岁。")}
    assert (by_surface["102名"].low, by_surface["102名"].high) == (102, 102)
    assert (by_surface["20多个百分点"].low, by_surface["20多个百分点"].high) == (20, 30)
    assert (by_surface["80%以上"].low, by_surface["80%以上"].high) == (80, 100)
    assert (by_surface["3万多人"].low, by_surface["3万多人"].high) == (30000, 40000)
    assert (by_surface["5%"].qualifier, by_surface["5%"].low, by_surface["5%"].high) == ("less_than", 0, 5)
    assert (by_surface["30人"].qualifier, by_surface["30人"].low, by_surface["30人"].high) == ("at_most", None, 30)
    assert (by_surface["200人"].qualifier, by_surface["200人"].low, by_surface["200人"].high) == ("approx", None, None)
    assert (by_surface["35至45岁"].low, by_surface["35至45岁"].high) == (35, 45)


def test_full_width_text_keeps_offsets():
    text = "增长１２.５％，共３，０００人（次）。"
    out = extract_quantities(text)
    check_contract(text, out)
    assert out[0].surface == "１２.５％" and out[0].value == 12.5 and out[0].unit == "%"


def test_odd_inputs_never_raise():
    for text in ("", "一", "万", "第", "“", "1", "1.", ".5", "０", "百分之", "三分之", "一半", "2024年", "—3—", "1:0",
                 "9" * 400, "一" * 300, "1,000,000,000,000,000,000,000万亿元", "\x00\ud800", "十" * 50 + "人",
                 "３４５６７８９０１２３４５６７８９０１２３万亿", None, 123):
        out = extract_quantities(text)  # type: ignore[arg-type]
        if isinstance(text, str):
            check_contract(text, out)


def test_calls_are_independent():
    first = extract_quantities(SEED_LIKE)
    for _ in range(3):
        extract_quantities("收到线索221件，查实12件。" * 50)
    assert extract_quantities(SEED_LIKE) == first


def test_quantity_fields_are_the_shared_model():
    assert [f.name for f in fields(Quantity)][:10] == [
        "start", "end", "surface", "value", "unit", "kind", "qualifier", "low", "high", "subject"]


def test_no_dagster_import():
    code = ("import sys; import pipelines.core.extract as e; e.extract_quantities('共102名'); "
            "print(any(m == 'dagster' or m.startswith('dagster.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"
