"""Ages (40岁, 35至45岁, 60周岁以上) and birth cohorts (80后, 00后, “85”左右 -> 1985, unit null).

A cohort marker is an attribute of the people counted next to it, never a count itself.
"""
from __future__ import annotations

UNITS: dict[str, tuple[str, str]] = {"岁": ("岁", "age"), "周岁": ("周岁", "age")}

# 后 starting another word: 80后来 is rare but 10后面, 20后续 are not cohorts.
_NOT_COHORT_AFTER = tuple("来面续期果方半悔台勤备撤退者")


def cohort_year(two_digits: int) -> int:
    return 1900 + two_digits if two_digits >= 20 else 2000 + two_digits


def cohort_at(text: str, start: int, end: int) -> tuple[int, int, int, str | None] | None:
    """A birth-cohort marker around the two-digit numeral text[start:end]:
    (surface start, surface end, year, qualifier) or None."""
    raw = text[start:end]
    if len(raw) != 2 or not raw.isdigit() or raw[1] not in "05":
        return None
    year = cohort_year(int(raw))
    quoted = start > 0 and text[start - 1] == "“"
    nxt = text[end:end + 4]
    if nxt.startswith("后") and not nxt[1:2].startswith(_NOT_COHORT_AFTER):
        if quoted and nxt[1:2] == "”":
            return start - 1, end + 2, year, None
        return start, end + 1, year, None
    if quoted and nxt.startswith("”"):
        tail = nxt[1:]
        if tail.startswith(("左右", "前后")):
            return start - 1, end + 1, year, "approx"
        if tail.startswith("后"):
            return start - 1, end + 2, year, None
    return None
