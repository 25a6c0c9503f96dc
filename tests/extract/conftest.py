"""Extractor tests run in strict mode: a rule that raises fails the test instead of being skipped."""
from __future__ import annotations

import pytest

from pipelines.core.extract import engine


def _reraise(exc: Exception) -> None:
    raise exc


@pytest.fixture(autouse=True)
def strict_rules(monkeypatch):
    monkeypatch.setattr(engine, "_rule_error", _reraise)
