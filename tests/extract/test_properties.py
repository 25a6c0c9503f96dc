"""Property tests: on arbitrary text (Chinese numerals, digits, units, punctuation, full-width forms,
random Unicode) the extractor never raises and returns well-formed, in-text, finite mentions."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.core.extract import extract_quantities

from .test_api import check_contract

# Pieces that exercise the rules: numerals, units, qualifiers, connectors, quotes, calendar words.
PIECES = [
    "一", "二", "两", "三", "十", "百", "千", "万", "亿", "零", "〇", "点", "半", "多", "余", "几", "数", "第", "前",
    "0", "1", "2", "9", "12", "130", "2024", "3.5", "1,200", "０", "９", "．", "，", "。", "、", "；", "：", ":", "/",
    "%", "％", "‰", "个", "名", "人", "人次", "件", "起", "户", "家", "项", "元", "亿元", "美元", "吨", "公里", "倍",
    "岁", "后", "年", "月", "日", "时", "季度", "上半年", "周年", "个月", "个百分点", "百分之", "分之", "成", "以上",
    "以下", "左右", "约", "近", "超过", "不足", "至", "到", "—", "-", "~", "“", "”", "《", "》", "（", "）", "(", ")",
    "记者", "编辑", "届", "次", "会议", "全会", "一批", "一线", "十四五", "四个意识", "5G", "C919", "PM2.5", "翻一番",
    "\n", " ", "\u3000",
]
TEXT = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=30).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_arbitrary_text(text):
    check_contract(text, extract_quantities(text))


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_arbitrary_text_many(text):
    check_contract(text, extract_quantities(text))
