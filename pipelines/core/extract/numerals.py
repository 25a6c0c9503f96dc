"""Numerals: the patterns that locate numeral runs and the converters that turn them into numbers.

Arabic numerals (ASCII or full-width digits, thousands separators, decimals, a trailing 十/百/千/万/亿
multiplier) and Chinese numerals (三百二十五, 两千零五, 一万二千, 二〇二一, 七十一点六) are converted
here with integer arithmetic, so 2.11万 is exactly 21100 and 1349084亿 exactly 1.349084e14.
The own converter covers every form that occurs in the corpus; cn2an is only a cross-check in the tests
(it is ~30x slower and accepts slogans such as 一一 as 11, which must stay unconverted here).
The converters are pure and see the same few numerals over and over (三, 两, 2024, 10): they are cached.
"""
from __future__ import annotations

import re
from functools import lru_cache

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10 ** 4, "亿": 10 ** 8}
MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10 ** 4, "亿": 10 ** 8}

_D = "〇零一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
# A Chinese numeral run starts with a digit or 十 (a bare 百/千/万/亿 is a word: 百姓, 千方百计, 万众一心).
CN_RUN = rf"[{_D}十拾][{_D}十拾百佰千仟万亿]*+(?:点[{_D}]++)?"
CN_INT_RUN = rf"[{_D}十拾][{_D}十拾百佰千仟万亿]*+"
# Arabic: \d is Unicode-aware, so full-width digits match without folding the text.
AR_RUN = r"\d++(?:,\d{3}(?!\d))*+(?:[.．]\d++)?"

AR_NUMBER = re.compile(AR_RUN)
CN_NUMBER = re.compile(CN_RUN)


@lru_cache(maxsize=4096)
def arabic_value(raw: str) -> tuple[int, int]:
    """'1,234.50' -> (123450, 2): an exact integer mantissa and the count of decimals."""
    raw = raw.replace(",", "").replace("．", ".")
    if "." in raw:
        ip, fp = raw.split(".", 1)
        return int(ip + fp), len(fp)
    return int(raw), 0


def scaled(mantissa: int, decimals: int, multiplier: int = 1) -> float:
    """mantissa * 10**-decimals * multiplier, correctly rounded."""
    n = mantissa * multiplier
    return float(n) if decimals == 0 else n / 10 ** decimals


def arabic_place(mantissa: int, decimals: int, multiplier: int = 1) -> float:
    """Size of the last stated digit place: 20 -> 10, 3(万) -> 10000, 1.5(万) -> 1000.  The interval
    of '20多' is [20, 30), of '3万多' [30000, 40000)."""
    if decimals:
        return multiplier / 10 ** decimals
    zeros = 0
    while mantissa and mantissa % 10 == 0 and zeros < 12:
        mantissa //= 10
        zeros += 1
    return float(10 ** zeros * multiplier)


@lru_cache(maxsize=4096)
def cn_int(s: str) -> int | None:
    """Chinese integer numeral -> int, or None when the run is not a well-formed number
    (十四五, 三四, 百 are slogans, approximations or words, never numbers)."""
    if not s:
        return None
    if all(c in CN_DIGITS for c in s):  # digit-by-digit form: 二〇二一, or a single digit
        if len(s) == 1:
            return CN_DIGITS[s]
        if len(s) >= 3 or "〇" in s or "零" in s:
            return int("".join(str(CN_DIGITS[c]) for c in s))
        return None  # 三四, 五六: an approximation, handled by the caller
    result = wan = small = 0
    digit = None
    last_unit = 0          # multiplier of the latest unit character, for 一万二 = 12000
    prev_small = 10 ** 5   # small units must descend inside a 万-group
    zero_after_unit = False
    for c in s:
        d = CN_DIGITS.get(c)
        if d is not None:
            if d == 0:
                if digit is not None:
                    return None
                zero_after_unit = True
                continue
            if digit is not None:
                return None
            digit = d
            continue
        u = CN_SMALL_UNITS.get(c)
        if u is not None:
            if u >= prev_small:
                return None
            if digit is None:
                if u == 10 and small == 0:
                    digit = 1  # 十二, 一万十
                else:
                    return None
            small += digit * u
            digit = None
            prev_small = last_unit = u
            zero_after_unit = False
            continue
        u = CN_BIG_UNITS.get(c)
        if u is None:
            return None
        if digit is not None:
            small += digit
            digit = None
        if u == 10 ** 4:
            if wan or small == 0:
                return None
            wan, small = small * 10 ** 4, 0
        else:
            block = wan + small
            if block == 0:
                return None
            result = (result + block) * 10 ** 8
            wan = small = 0
        prev_small = 10 ** 5
        last_unit = u
        zero_after_unit = False
    if digit is not None:
        small += digit * (last_unit // 10) if last_unit >= 100 and not zero_after_unit else digit
    return result + wan + small


@lru_cache(maxsize=4096)
def cn_number(s: str) -> float | None:
    """Chinese numeral with an optional 点 decimal part: 七十一点六 -> 71.6."""
    if "点" in s:
        ip, fp = s.split("点", 1)
        n = cn_int(ip)
        if n is None or not fp or any(c not in CN_DIGITS for c in fp):
            return None
        return (n * 10 ** len(fp) + int("".join(str(CN_DIGITS[c]) for c in fp))) / 10 ** len(fp)
    n = cn_int(s)
    return None if n is None else float(n)


@lru_cache(maxsize=4096)
def cn_place(s: str) -> float:
    """Place of the last digit of a Chinese numeral: 二十 -> 10, 三万 -> 10000, 二十五 -> 1."""
    c = s[-1]
    if c in MULTIPLIERS:
        mult = 1
        for ch in reversed(s):  # 三千万 -> 10**7
            if ch in MULTIPLIERS:
                mult *= MULTIPLIERS[ch]
            else:
                break
        return float(mult)
    return 1.0


@lru_cache(maxsize=4096)
def cn_adjacent_pair(s: str) -> tuple[int, int] | None:
    """三四, 七八十, 两三: two neighbouring digits mean 'three or four' -> (3, 4); (70, 80) for 七八十."""
    if len(s) < 2 or s[0] not in CN_DIGITS or s[1] not in CN_DIGITS:
        return None
    a, b = CN_DIGITS[s[0]], CN_DIGITS[s[1]]
    if a == 0 or b != a + 1 and (a, b) != (3, 5):  # 三五年: "three to five years"
        return None
    rest = s[2:]
    if not rest:
        return a, b
    if len(rest) == 1 and rest in CN_SMALL_UNITS:
        u = CN_SMALL_UNITS[rest]
        return a * u, b * u
    if rest in ("万", "十万", "百万", "千万"):
        u = cn_int("一" + rest)
        return a * u, b * u
    return None
