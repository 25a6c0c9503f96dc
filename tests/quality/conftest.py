"""Every quality test runs behind the socket guard and fails if anything tried the network
(GX is imported lazily, so its import happens inside a guarded test too)."""
from __future__ import annotations

import pytest

from tests.quality.network_guard import NETWORK_ATTEMPTS, guarded


@pytest.fixture(autouse=True)
def no_network():
    before = len(NETWORK_ATTEMPTS)
    with guarded():
        yield
    assert NETWORK_ATTEMPTS[before:] == [], "code under test tried to reach the network"
