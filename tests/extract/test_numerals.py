"""The numeral converters, cross-checked against cn2an on every well-formed Chinese integer form."""
from __future__ import annotations

import random

import cn2an
import pytest

from pipelines.core.extract.numerals import (arabic_place, arabic_value, cn_adjacent_pair, cn_int, cn_number, cn_place,
                                             scaled)


@pytest.mark.parametrize("text, value", [
    ("三百二十五", 325), ("两千零五", 2005), ("一万二千", 12000), ("一万二", 12000), ("三千五", 3500),
    ("二〇二一", 2021), ("十二", 12), ("二十", 20), ("一百零五", 105), ("一千零五十", 1050), ("十万", 100000),
    ("三亿五千万", 350000000), ("一万亿", 10 ** 12), ("三万五千亿", 3.5 * 10 ** 12), ("二十万零三百", 200300),
    ("壹佰贰拾", 120),
])
def test_cn_int(text, value):
    assert cn_int(text) == value


@pytest.mark.parametrize("text", ["十四五", "三四", "一一", "百", "万", "十百", "五十三四", "千百"])
def test_cn_int_rejects_slogans_and_words(text):
    # 十四五 is a plan, 三四 an approximation, a bare 百 a word: never a converted number.
    assert cn_int(text) is None


def test_digit_by_digit_reading_needs_three_digits_or_a_zero():
    assert cn_int("二〇二一") == 2021 and cn_int("二三五") == 235 and cn_int("二〇") == 20


def test_cn_decimal_and_place():
    assert cn_number("七十一点六") == 71.6
    assert cn_number("零点六") == 0.6
    assert cn_place("二十") == 10 and cn_place("三万") == 10000 and cn_place("三千万") == 10 ** 7 and cn_place("二十五") == 1
    assert cn_adjacent_pair("三四") == (3, 4) and cn_adjacent_pair("七八十") == (70, 80)
    assert cn_adjacent_pair("三五") == (3, 5) and cn_adjacent_pair("三六") is None


def test_arabic_exact_scaling():
    assert scaled(*arabic_value("2.11"), 10 ** 4) == 21100
    assert scaled(*arabic_value("37.34"), 10 ** 4) == 373400
    assert scaled(*arabic_value("1349084"), 10 ** 8) == 134908400000000
    assert scaled(*arabic_value("1,234.5")) == 1234.5
    assert arabic_place(*arabic_value("20")) == 10 and arabic_place(*arabic_value("3"), 10 ** 4) == 10 ** 4
    assert arabic_place(*arabic_value("1.5"), 10 ** 4) == 1000


def _spell(n: int) -> str:
    """A standard Chinese spelling of n (what official prose writes), built independently of cn_int."""
    digits = "零一二三四五六七八九"
    def below_10k(x: int, leading: bool) -> str:
        out, zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d, x = divmod(x, size)
            if d:
                if zero:
                    out += "零"
                out += ("" if (unit == "十" and d == 1 and not out and leading) else digits[d]) + unit
                zero = False
            elif out:
                zero = True
        return out
    if n == 0:
        return "零"
    yi, rest = divmod(n, 10 ** 8)
    wan, low = divmod(rest, 10 ** 4)
    s = ""
    if yi:
        s += below_10k(yi, True) + "亿"
    if wan:
        s += ("零" if yi and wan < 1000 else "") + below_10k(wan, not s) + "万"
    elif yi and low:
        s += "零"
    if low:
        s += ("零" if (yi or wan) and low < 1000 and not s.endswith("零") else "") + below_10k(low, not s)
    return s


def test_cn_int_agrees_with_cn2an_on_random_numbers():
    rng = random.Random(7)
    numbers = [rng.randrange(1, 10 ** rng.randint(1, 11)) for _ in range(400)] + list(range(1, 130))
    for n in numbers:
        text = _spell(n)
        assert cn_int(text) == n == int(cn2an.cn2an(text, "smart")), text
