"""Shared test settings: where ../shared is (PIPELINE_SHARED_DIR), and a clean environment."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelines import settings

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

PROJECT_ROOT = settings.PROJECT_ROOT
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder; tests that need it skip where it is absent."""
    path = settings.shared_dir()
    if not (path / "gold").is_dir():
        pytest.skip(f"../shared not found at {path} (set PIPELINE_SHARED_DIR to run this test)")
    return path
