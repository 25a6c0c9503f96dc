"""What a stated figure stands for: the interval of true values its written precision allows.

A figure is rounded to the precision it is written at: 71.6% stands for 71.55–71.65,
2.11万 for 21,050–21,150, 20多 for 20–30, 近1800 for anything below 1800.  Precision is
read from the surface text (decimals written, 万/亿 scale), never from the float alone.
A plain integer count (73人) is exact.  Checks then ask whether *some* values inside the
intervals satisfy a claim, so a rounded figure never raises a false alarm.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pipelines.core.model import Quantity
from pipelines.core.text import fold_width

EPS = 1e-9
INF = math.inf

_SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
_ARABIC = re.compile(r"(\d+(?:\.(\d+))?)\s*(万亿|亿|万)?")
_CN_SCALE = re.compile(r"(万亿|亿|万)")
# 多/余 right after the numeral (and its scale): "20多个", "3万多人", "600余人", "70%多".
_MANY = re.compile(r"[0-9一二三四五六七八九十百千万亿两零〇%]\s*[多余]")


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float
    hi: float

    def meets(self, other: "Interval") -> bool:
        """Some value lies in both (with a tiny tolerance for float noise)."""
        finite = [abs(x) for x in (self.lo, self.hi, other.lo, other.hi) if math.isfinite(x)]
        tol = EPS * max([1.0, *finite])
        return self.lo <= other.hi + tol and other.lo <= self.hi + tol

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def scaled(self, k: float) -> "Interval":
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    @property
    def exact(self) -> bool:
        return self.lo == self.hi


def share(part: Interval, whole: Interval) -> Interval:
    """100·part/whole over the intervals (whole > 0)."""
    if whole.hi <= 0:
        return Interval(INF, INF)
    lo = 100.0 * part.lo / whole.hi if whole.hi < INF else 0.0
    hi = 100.0 * part.hi / whole.lo if whole.lo > 0 else INF
    return Interval(max(lo, 0.0), hi)


def written_step(surface: str, kind: str) -> float:
    """Unit of the last written digit, in the quantity's value units (0 = exact).

    71.6% -> 0.1; 2.11万人次 -> 100; 73人 -> 0 (a plain integer count is exact);
    40岁 -> 1; 两成 -> 10 (percent); 三分之二 / 一半 -> 1 (a loose fraction word).
    """
    s = fold_width(surface)
    if "分之" in s or re.search(r"[一两][半]|半数|过半", s):
        return 1.0
    if re.search(r"[一二三四五六七八九十两\d]成", s):  # 两成, 4成: tenths
        return 10.0
    m = _ARABIC.search(s)
    if m:
        decimals = len(m.group(2) or "")
        scale = _SCALES.get(m.group(3) or "", 1.0)
        # A scale written after a unit-less number ("57万亿") is caught above; also 百分之 forms.
        if decimals == 0 and scale == 1.0:
            return 0.0 if kind == "count" else 1.0
        return 10.0 ** -decimals * scale
    scale = 1.0
    cm = _CN_SCALE.search(s)
    if cm and not s.startswith("百分之"):
        scale = _SCALES[cm.group(1)]
    if scale > 1.0:
        return scale
    return 0.0 if kind == "count" else 1.0


def _last_digit_unit(value: float, step: float) -> float:
    """Place value of the last non-zero written digit: 20 -> 10, 1400 -> 100, 3万 -> 1万."""
    unit = step if step > 0 else 1.0
    if value <= 0:
        return unit
    n = round(value / unit)
    while n and n % 10 == 0:
        n //= 10
        unit *= 10
    return unit


def has_many_suffix(surface: str) -> bool:
    return bool(_MANY.search(fold_width(surface)))


def interval(q: Quantity) -> Interval | None:
    """The values the stated figure can stand for, or None when it has no value."""
    if q.value is None:
        return None
    v = float(q.value)
    step = written_step(q.surface or "", q.kind)
    half = step / 2.0
    floor = 0.0 if q.kind in ("count", "percent", "money", "age") and v >= 0 else -INF
    qual = q.qualifier
    if qual == "range":
        hi = float(q.high) if q.high is not None else v
        lo = float(q.low) if q.low is not None else v
        return Interval(max(lo - half, floor), hi + half)
    if qual == "at_least":
        return Interval(max(v - half, floor), INF)
    if qual == "more_than":
        if has_many_suffix(q.surface or ""):
            return Interval(v, v + _last_digit_unit(v, step))
        return Interval(v, INF)
    if qual in ("less_than", "at_most"):
        return Interval(max(floor, 0.0) if floor > -INF else -INF, v + half)
    if qual == "approx":
        slack = max(half, 0.1 * abs(v))
        return Interval(max(v - slack, floor), v + slack)
    return Interval(max(v - half, floor), v + half)


def truncation_interval(q: Quantity) -> Interval | None:
    """The values a figure would stand for had it been truncated instead of rounded."""
    if q.value is None or q.qualifier is not None:
        return None
    step = written_step(q.surface or "", q.kind)
    if step <= 0:
        return None
    v = float(q.value)
    return Interval(v, v + step)


def fmt(x: float) -> str:
    """A compact readable number: 71.5686 -> 71.57, 102.0 -> 102, 235500.0 -> 235500."""
    if x in (INF, -INF):
        return "∞" if x > 0 else "-∞"
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    if abs(x) >= 100:
        return f"{x:.1f}".rstrip("0").rstrip(".")
    return f"{x:.2f}".rstrip("0").rstrip(".")


def fmt_interval(iv: Interval) -> str:
    if iv.exact:
        return fmt(iv.lo)
    if iv.hi == INF:
        return f"≥{fmt(iv.lo)}"
    return f"{fmt(iv.lo)}–{fmt(iv.hi)}"


def decimals_phrase(q: Quantity) -> str:
    step = written_step(q.surface or "", q.kind)
    if step <= 0:
        return "exactly"
    if step >= 1:
        return "to the nearest " + fmt(step) if step > 1 else "to the unit"
    d = round(-math.log10(step))
    return {1: "at one decimal", 2: "at two decimals"}.get(d, f"at {d} decimals")
