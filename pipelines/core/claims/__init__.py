"""The articles' own arithmetic, checked (pure Python).

    check_claims(text, quantities) -> list[ClaimCheck]

Quantities come from the extractor with quantity_id set.  Structural rules link each
percentage to its count and base, parts to wholes, lists to totals and changes to their
ends (linking.py); each figure stands for the interval its written precision allows
(intervals.py); a claim is `inconsistent` only when no values inside those intervals satisfy
it *and* the link is certain, `consistent` when some do, `unverifiable` otherwise (checks.py).

Check records (ClaimCheck):
  percent_of     part, whole, percent ids; stated = the percentage, recomputed = 100·part/whole
  part_of        part, whole ids; stated = part, recomputed = whole
  sum            part_quantity_ids, whole id; stated = whole, recomputed = sum of the parts
  percent_bound  percent, whole ids; recomputed = the nearest share a whole number of the base gives
  change         part = the stated change, whole = the current value, part_quantity_ids = [earlier
                 value] when the text states it; recomputed = current − earlier
  percent_range  percent id
Whole ids always point at the first (defining) mention of a restated base.
"""
from __future__ import annotations

from pipelines.core.claims.checks import run_checks
from pipelines.core.claims.document import Doc
from pipelines.core.model import ClaimCheck, Quantity

__version__ = "9"
__all__ = ["check_claims", "__version__"]


def check_claims(text: str, quantities: list[Quantity]) -> list[ClaimCheck]:
    """Every arithmetic claim the text makes about its own figures, with a verdict."""
    usable = [q for q in quantities if q.quantity_id is not None and q.start is not None and q.end is not None
              and 0 <= q.start < q.end <= len(text)]
    return run_checks(Doc(text, usable))
