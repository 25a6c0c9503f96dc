"""Quantity extraction: every numeric mention of a Chinese official text.

    from pipelines.core.extract import extract_quantities
    extract_quantities(text) -> list[Quantity]   # sorted by start, non-overlapping, surface == text[start:end]

Pure Python, no global state per call, never raises.  One module per dimension, each with its rules
and an example corpus in examples/<dimension>.yaml (run by tests/extract):
  numerals.py  numeral runs and their conversion (Arabic, Chinese, 万/亿)
  percents.py  %, 百分之…, 两成, 一半/过半, 三分之二, 个百分点
  counts.py    classifiers (count), currencies (money), measures (other), 倍 (ratio)
  ages.py      40岁, 80后, “85”左右
  dates.py     dates, years, durations
  filters.py   slogans, names, ordinals and other numeral strings that are not quantities
  subject.py   what a quantity counts
  engine.py    the candidate scan tying them together

Bounds (low/high), by qualifier:
  exact        low = high = value
  approx       low = high = None (左右/约 state no hard bound)
  at_least     low = value, high = None (100 for percents up to 100)            80%以上, 不少于
  more_than    多/余: [value, value + place of the last digit] (3万多 -> 30000–40000, 20多 -> 20–30);
               超过/逾/突破: low = value, high = None (100 for percents up to 100)
  less_than    low = None (0 for percents), high = value               不足, 不到, 近
  at_most      low = None (0 for percents), high = value               以下, 不超过
  range        low, high = the two ends; value = low                   35至45岁
  dates        value, unit, low, high all None
"""
from .engine import extract_quantities

# Bump when the output for the same text changes: the pipeline re-extracts every article
# whose quantities were written by another version (pipelines/stages.py, processing_log).
__version__ = "7"

__all__ = ["__version__", "extract_quantities"]
