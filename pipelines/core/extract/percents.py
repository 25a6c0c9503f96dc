"""Percentages and percentage points.

Every percentage form has unit ``%`` and its value is the number of percent: 71.6%, 百分之八十 (80),
两成 (20), 九成半 (95), 一半/半数 (50), 过半 (50, more_than), 三分之二 (66.6667), 1/5 (20),
3‰ (0.3).  个百分点 is kind ``percentage_points`` with unit 百分点.
"""
from __future__ import annotations

import re

from .numerals import CN_DIGITS, CN_INT_RUN, AR_RUN, cn_int, cn_number, arabic_value, scaled

UNITS: dict[str, tuple[str, str]] = {
    "%": ("%", "percent"), "％": ("%", "percent"), "‰": ("%", "percent"),
    "个百分点": ("百分点", "percentage_points"), "百分点": ("百分点", "percentage_points"),
    "成": ("%", "percent"),
}
# 一成不变, 成绩, 成为, 成员: 成 starting another word.
_NOT_CHENG = tuple("绩员功果立本交长型品就效为")

# Word forms located by the candidate pattern (they carry their own unit).  The engine's candidate
# regex spells the same forms as branches after a consumed first character (see engine.CANDIDATE).
CN_DECIMAL = rf"{CN_INT_RUN}(?:点[{''.join(CN_DIGITS)}]+)?"
PERCENT_WORD = rf"百分之(?:百|{CN_DECIMAL}|{AR_RUN})"
HALF_WORDS = frozenset({"一半", "过半", "半数", "一多半"})
FRACTION_WORD = rf"[一二三四五六七八九十百千万]+分之{CN_DECIMAL}"
_FRACTION = re.compile(rf"({CN_INT_RUN}|[十百千万])分之({CN_DECIMAL})")
_AR_FRACTION = re.compile(r"/(\d{1,3})(?![\d./])")


def word_value(word: str) -> tuple[float, str | None] | None:
    """Value (in percent) and implied qualifier of a word-form percentage."""
    if word.startswith("百分之"):
        rest = word[3:]
        if rest == "百":
            return 100.0, None
        if rest[0].isdigit():
            return scaled(*arabic_value(rest)), None
        v = cn_number(rest)
        return (v, None) if v is not None else None
    if word in ("一半", "半数"):
        return 50.0, None
    if word in ("过半", "一多半"):
        return 50.0, "more_than"
    m = _FRACTION.fullmatch(word)
    if m:
        d = m.group(1)
        den, num = (cn_int("一" + d) if len(d) == 1 and d in "十百千万" else cn_int(d)), cn_number(m.group(2))
        if den and num is not None and num <= den:
            return round(num / den * 100, 4), None
    return None


def cheng_ok(text: str, unit_end: int) -> bool:
    return not text.startswith(_NOT_CHENG, unit_end) and not text.startswith("不变", unit_end)


def arabic_fraction(text: str, end: int, mantissa: int, decimals: int) -> tuple[int, float] | None:
    """'1/5' right after an Arabic numerator -> (end, 20.0)."""
    m = _AR_FRACTION.match(text, end)
    if not m or decimals:
        return None
    den = int(m.group(1))
    if den < 2 or mantissa >= den:
        return None
    return m.end(), round(mantissa / den * 100, 4)
