"""The expectation suites, one per warehouse table, as plain data.

Kept free of any Great Expectations import (GX takes ~10 s to import) so that code
which only needs the suite names and severities -- e.g. Dagster asset-check specs --
loads fast.  ``pipelines.quality.validate`` turns the specs into GX expectations.

Severity:
  integrity -- an invariant the pipeline guarantees by construction (keys, spans,
               closed vocabularies); a failure means the table is wrong: block.
  advisory  -- plausibility; a failure deserves a look but the data stay usable: warn.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipelines.core.model import CHECK_TYPES, KINDS, QUALIFIERS, VERDICTS

INTEGRITY = "integrity"
ADVISORY = "advisory"

# Relation types whose references the scorer (eval/score.py) reads; other types
# ("change", "percent_range") carry free-form references.
REQUIRED_REFERENCES: dict[str, tuple[str, ...]] = {
    "percent_of": ("part_quantity_id", "whole_quantity_id", "percent_quantity_id"),
    "part_of": ("part_quantity_id", "whole_quantity_id"),
    "percent_bound": ("percent_quantity_id", "whole_quantity_id"),
    "sum": ("part_quantity_ids", "whole_quantity_id"),
}

# Columns computed in pandas before validation (derive.py); not stored in the warehouse.
DERIVED_COLUMNS: dict[str, dict[str, str]] = {
    "articles": {"text_chars": "len(text) in code points"},
    "quantities": {
        "article_chars": "len(text) of the quantity's article; null when the article is missing",
        "text_slice": "text[char_start:char_end]; null when the span is not a valid span of the text",
        "percent_is_change": "kind = percent and a change word precedes it in its clause",
    },
    "claim_checks": {
        "has_required_references": "every reference the check type needs is filled in",
    },
}


@dataclass(frozen=True, slots=True)
class ExpectationSpec:
    """One expectation: a GX expectation type with its arguments, plus our metadata.

    ``where`` restricts the rows checked: (column, op, value) triples, AND-ed;
    op is one of "==", "!=", "in", "not_null" (value ignored).
    """

    name: str
    severity: str
    expectation: str
    kwargs: dict[str, Any]
    description: str
    where: tuple[tuple[str, str, Any], ...] = ()
    columns: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        if self.severity not in (INTEGRITY, ADVISORY):
            raise ValueError(f"{self.name}: severity must be integrity or advisory")
        k = self.kwargs
        if "column" in k:
            columns = (k["column"],)
        elif "column_A" in k:
            columns = (k["column_A"], k["column_B"])
        else:
            columns = tuple(k.get("column_list", ()))  # table-level expectations have none
        object.__setattr__(self, "columns", columns)


def _spec(name, severity, expectation, description, where=(), **kwargs) -> ExpectationSpec:
    return ExpectationSpec(name, severity, expectation, kwargs, description, tuple(where))


def _not_null(column: str, severity: str = INTEGRITY) -> ExpectationSpec:
    return _spec(f"{column}_not_null", severity, "expect_column_values_to_not_be_null",
                 f"{column} is always filled in", column=column)


def _unique(column: str) -> ExpectationSpec:
    return _spec(f"{column}_unique", INTEGRITY, "expect_column_values_to_be_unique",
                 f"{column} identifies one row (both rows of a duplicate pair count)", column=column)


def _in_set(column: str, values, what: str) -> ExpectationSpec:
    allowed = [v for v in values if v is not None]  # null is judged by the not-null expectations
    return _spec(f"{column}_allowed", INTEGRITY, "expect_column_values_to_be_in_set",
                 f"{column} is one of the {what} in pipelines/core/model.py", column=column, value_set=allowed)


def _suite(table: str, *specs: ExpectationSpec, derived_from: tuple[str, ...] = ()) -> tuple[ExpectationSpec, ...]:
    """Prefix the suite with the check that every stored column it reads (directly or
    through derived columns) exists, so a schema change fails one clear expectation
    instead of erroring inside many."""
    derived = DERIVED_COLUMNS.get(table, {})
    read = {c for s in specs for c in s.columns + tuple(w[0] for w in s.where)} | set(derived_from)
    stored = sorted(read - set(derived))
    present = _spec("columns_present", INTEGRITY, "expect_table_columns_to_match_set",
                    "the table has every column the suite reads", column_set=stored, exact_match=False)
    names = [s.name for s in specs]
    assert len(names) == len(set(names)), f"duplicate expectation names in {table}"
    return (present, *specs)


ARTICLES = _suite(
    "articles",
    _not_null("article_id"),
    _unique("article_id"),
    _not_null("source_file"),
    _not_null("text"),
    _spec("chars_equals_text_length", INTEGRITY, "expect_column_pair_values_to_be_equal",
          "chars = len(text): offsets index the stored text", column_A="chars", column_B="text_chars",
          ignore_row_if="either_value_is_missing"),
    _spec("region_code_six_digits", INTEGRITY, "expect_column_values_to_match_regex",
          "region_code, when present, is a 6-digit administrative division code",
          column="region_code", regex=r"^\d{6}$"),
    _spec("text_not_empty", ADVISORY, "expect_column_values_to_be_between",
          "an article has some text", column="chars", min_value=1),
    _spec("one_current_version", ADVISORY, "expect_compound_columns_to_be_unique",
          "at most one current row per (source_file, record_key)",
          where=(("is_current", "==", True),), column_list=["source_file", "record_key"]),
)

QUANTITIES = _suite(
    "quantities",
    _not_null("quantity_id"),
    _unique("quantity_id"),
    _not_null("article_id"),
    _spec("article_exists", INTEGRITY, "expect_column_values_to_not_be_null",
          "the quantity's article_id is in articles", where=(("article_id", "not_null", None),),
          column="article_chars"),
    _not_null("char_start"),
    _not_null("char_end"),
    _not_null("surface"),
    _spec("char_start_non_negative", INTEGRITY, "expect_column_values_to_be_between",
          "char_start >= 0", column="char_start", min_value=0),
    _spec("span_not_empty", INTEGRITY, "expect_column_pair_values_a_to_be_greater_than_b",
          "char_start < char_end", column_A="char_end", column_B="char_start",
          ignore_row_if="either_value_is_missing"),
    _spec("span_inside_text", INTEGRITY, "expect_column_pair_values_a_to_be_greater_than_b",
          "char_end <= chars of the article", column_A="article_chars", column_B="char_end",
          or_equal=True, ignore_row_if="either_value_is_missing"),
    _spec("surface_equals_text_slice", INTEGRITY, "expect_column_pair_values_to_be_equal",
          "surface = text[char_start:char_end] (rows with an invalid span are left to the span checks)",
          column_A="surface", column_B="text_slice", ignore_row_if="either_value_is_missing"),
    _not_null("kind"),
    _in_set("kind", KINDS, "KINDS"),
    _in_set("qualifier", QUALIFIERS, "QUALIFIERS"),
    _spec("unit_without_multiplier", INTEGRITY, "expect_column_values_to_not_match_regex",
          "万/亿 are folded into value, never left in unit (3万元 -> 30000, 元)", column="unit", regex="[万亿]"),
    _spec("unit_shape", ADVISORY, "expect_column_values_to_match_regex",
          "a unit is a short word without digits or spaces", column="unit", regex=r"^[^\s\d]{1,8}$"),
    _spec("range_ordered", INTEGRITY, "expect_column_pair_values_a_to_be_greater_than_b",
          "low <= high when both are given", column_A="high", column_B="low", or_equal=True,
          ignore_row_if="either_value_is_missing"),
    # Shares lie in 0-100, changes do not (增长120%, 下降5% stored as -5): rows whose clause
    # has a change word are excluded, and the rest is held only `mostly` because shares
    # over 100 also occur legitimately (完成计划的105%) and the cue list cannot be complete.
    _spec("percent_share_in_range", ADVISORY, "expect_column_values_to_be_between",
          "a percentage that is not a change lies in [0, 100] (99% of them)",
          where=(("kind", "==", "percent"), ("percent_is_change", "==", False)),
          column="value", min_value=0, max_value=100, mostly=0.99),
)

CLAIM_CHECKS = _suite(
    "claim_checks",
    _not_null("check_id"),
    _unique("check_id"),
    _not_null("article_id"),
    _not_null("check_type"),
    _in_set("check_type", CHECK_TYPES, "CHECK_TYPES"),
    _not_null("verdict"),
    _in_set("verdict", VERDICTS, "VERDICTS"),
    _spec("tolerance_non_negative", ADVISORY, "expect_column_values_to_be_between",
          "tolerance >= 0", column="tolerance", min_value=0),
    _spec("references_complete", ADVISORY, "expect_column_values_to_be_in_set",
          "a check names every quantity its type needs (percent_of: part, whole, percent; "
          "part_of: part, whole; percent_bound: percent, whole; sum: parts, whole)",
          where=(("check_type", "in", sorted(REQUIRED_REFERENCES)),),
          column="has_required_references", value_set=[True]),
    derived_from=tuple(sorted({c for refs in REQUIRED_REFERENCES.values() for c in refs})),
)

SUITES: dict[str, tuple[ExpectationSpec, ...]] = {
    "articles": ARTICLES,
    "quantities": QUANTITIES,
    "claim_checks": CLAIM_CHECKS,
}


def stored_columns(table: str) -> list[str]:
    """The warehouse columns the table's suite reads (the columns_present set)."""
    return next(s.kwargs["column_set"] for s in SUITES[table] if s.name == "columns_present")
