"""Gold annotations as the claim checker's input, so it can be developed and tested without
the extractor: each gold quantity becomes a Quantity (surface = the gold text, quantity_id =
the gold id) with low/high derived the way the extractor derives them."""
from __future__ import annotations

import json
import re
from pathlib import Path

from pipelines.core.claims.intervals import has_many_suffix, written_step
from pipelines.core.model import Quantity
from pipelines.core.text import fold_width

_NUM = re.compile(r"\d+(?:\.\d+)?")


def bounds(surface: str, value: float | None, kind: str, qualifier: str | None) -> tuple[float | None, float | None]:
    """(low, high): exact -> value..value; at_least -> value..; more_than -> value..next magnitude
    when 多/余 is written, else value..; less_than / at_most -> ..value; range -> both written ends."""
    if value is None:
        return None, None
    if qualifier is None:
        return value, value
    if qualifier == "at_least":
        return value, None
    if qualifier == "more_than":
        if has_many_suffix(surface):
            step = written_step(surface, kind) or 1.0
            unit, n = step, round(value / step)
            while n and n % 10 == 0:
                n, unit = n // 10, unit * 10
            return value, value + unit
        return value, None
    if qualifier in ("less_than", "at_most"):
        return None, value
    if qualifier == "range":
        nums = [float(x) for x in _NUM.findall(fold_width(surface))]
        scale = value / nums[0] if nums and nums[0] else 1.0
        return value, (nums[-1] * scale if len(nums) >= 2 else value)
    return None, None  # approx


def to_quantity(g: dict) -> Quantity:
    low, high = bounds(g["text"], g["value"], g["kind"], g["qualifier"])
    return Quantity(start=g["start"], end=g["end"], surface=g["text"], value=g["value"], unit=g["unit"],
                    kind=g["kind"], qualifier=g["qualifier"], low=low, high=high, quantity_id=g["id"])


def load(json_path: str | Path) -> tuple[str, list[Quantity], dict]:
    """(article text, its gold quantities as Quantity objects, the gold record)."""
    json_path = Path(json_path)
    gold = json.loads(json_path.read_text(encoding="utf-8"))
    text = (json_path.parent / gold["file"]).read_text(encoding="utf-8")
    return text, [to_quantity(g) for g in gold["quantities"]], gold


def quantities_in(text: str, *specs: tuple) -> list[Quantity]:
    """Quantities for a test text: each spec is (surface, value, unit, kind[, qualifier]), found in
    text order; ids are q01, q02, … (the extractor's job done by hand)."""
    out, pos = [], 0
    for n, spec in enumerate(specs, 1):
        surface, value, unit, kind, qualifier = (*spec, None)[:5]
        start = text.index(surface, pos)
        pos = start + len(surface)
        out.append(to_quantity(dict(id=f"q{n:02d}", text=surface, start=start, end=pos, value=value, unit=unit,
                                    kind=kind, qualifier=qualifier)))
    return out
