"""Records shared by the core modules and the warehouse.

Offsets everywhere are 0-based, end-exclusive Unicode code-point offsets into the
stored article text (``articles.text``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

KINDS = (
    "count", "percent", "percentage_points", "age", "birth_cohort", "year", "date",
    "duration", "money", "ratio", "other",
)
QUALIFIERS = (None, "approx", "at_least", "more_than", "less_than", "at_most", "range")
CHECK_TYPES = ("percent_of", "part_of", "sum", "percent_bound", "change", "percent_range")
VERDICTS = ("consistent", "inconsistent", "unverifiable")


@dataclass(slots=True)
class Quantity:
    """One numeric mention in a text."""

    start: int
    end: int
    surface: str
    value: float | None
    unit: str | None
    kind: str
    qualifier: str | None = None
    low: float | None = None
    high: float | None = None
    subject: str | None = None
    metric: str | None = None
    # Assigned by the pipeline when the mention is stored; the claim checker refers to it.
    quantity_id: str | None = None


@dataclass(slots=True)
class ClaimCheck:
    """One check of an article's own arithmetic.  Quantity references are quantity_ids."""

    check_type: str
    verdict: str
    rule: str
    explanation: str
    part_quantity_id: str | None = None
    whole_quantity_id: str | None = None
    percent_quantity_id: str | None = None
    part_quantity_ids: list[str] = field(default_factory=list)
    stated: float | None = None
    recomputed: float | None = None
    tolerance: float | None = None
