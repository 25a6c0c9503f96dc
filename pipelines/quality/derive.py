"""Columns computed in pandas before validation (listed in suites.DERIVED_COLUMNS).

GX compares columns of one frame; facts that need the article text (span bounds,
the text under a span) are joined in here so each becomes a plain column comparison.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from pipelines.quality.suites import REQUIRED_REFERENCES, stored_columns

QUANTITY_INPUTS = {"article_id", "char_start", "char_end", "kind"}  # else columns_present reports it

# A percentage is a change rather than a share (增长120%, 同比下降5%, 比上年提高3.2%) when a
# change word precedes it in its clause: such values may exceed 100 or be negative.
CLAUSE_LOOKBACK = 20  # characters before the figure
CHANGE_IN_CLAUSE = re.compile(
    r"(?:增长|增加|增幅|增速|增量|提高|提升|上升|上涨|涨幅|下降|下滑|下跌|降低|降幅|减少|减幅|"
    r"回落|同比|环比|翻番|翻了|高出|多出|超出)[^，。；：！？,;:!?\n]*$"
)


def derive(table: str, df: pd.DataFrame, articles_text: pd.DataFrame | None) -> pd.DataFrame:
    """The frame GX validates: the columns the suite reads plus its derived columns.

    Unused columns are dropped and numbers widened to int64/float64: GX copies the frame
    for every filtered metric and takes its vectorised paths only for native dtypes.
    A stored column missing from ``df`` stays missing, for ``columns_present`` to report.
    """
    if table == "quantities" and articles_text is None:
        raise ValueError("validating quantities needs articles_text (article_id, text) for the span checks")
    df = df if df.index.is_unique else df.reset_index(drop=True)
    out = pd.DataFrame({c: _widen(df[c]) for c in stored_columns(table) if c in df.columns}, index=df.index)
    if table == "articles" and "text" in out:
        out["text_chars"] = out["text"].map(len, na_action="ignore").astype(float)
    elif table == "quantities" and QUANTITY_INPUTS <= set(out.columns):
        _derive_quantity_columns(out, articles_text)
    elif table == "claim_checks" and "check_type" in out:
        out["has_required_references"] = [
            all(_filled(row.get(col)) for col in REQUIRED_REFERENCES.get(row["check_type"], ()))
            for row in out.to_dict("records")
        ]
    return out.copy()  # consolidated blocks: GX copies the frame per filtered metric


def _widen(column: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
        return column
    if pd.api.types.is_integer_dtype(column) and not column.hasnans:
        return column.astype("int64")
    return column.astype("float64")  # nullable Int/Float and float32: NA -> NaN


def _derive_quantity_columns(out: pd.DataFrame, articles_text: pd.DataFrame) -> None:
    texts = dict(zip(articles_text["article_id"], articles_text["text"]))
    out["article_chars"] = out["article_id"].map({a: len(t) for a, t in texts.items() if isinstance(t, str)})
    text = out["article_id"].map(texts).to_numpy(object)
    start = pd.to_numeric(out["char_start"], errors="coerce").to_numpy(float)
    end = pd.to_numeric(out["char_end"], errors="coerce").to_numpy(float)
    chars = out["article_chars"].to_numpy(float)
    # Only valid spans get a slice: an invalid one is reported by the span checks alone.
    valid = (start >= 0) & (start < end) & (end <= chars)
    text_slice = np.full(len(out), None, dtype=object)
    text_slice[valid] = [t[s:e] for t, s, e in
                         zip(text[valid], start[valid].astype(int).tolist(), end[valid].astype(int).tolist())]
    out["text_slice"] = text_slice
    percent = (out["kind"] == "percent").to_numpy(bool) & (start >= 0) & (start <= chars)
    is_change = np.zeros(len(out), dtype=bool)
    is_change[percent] = [CHANGE_IN_CLAUSE.search(t, max(0, s - CLAUSE_LOOKBACK), s) is not None
                          for t, s in zip(text[percent], start[percent].astype(int).tolist())]
    out["percent_is_change"] = is_change


def _filled(value) -> bool:
    if value is None or value is pd.NA:
        return False
    if isinstance(value, float):
        return not math.isnan(value)
    if isinstance(value, str):
        return value != ""
    try:
        return len(value) > 0  # list / numpy array of ids (DuckDB VARCHAR[])
    except TypeError:
        return True
