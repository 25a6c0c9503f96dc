"""Fixtures of the operations tests."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.ops.support import UiServer


@pytest.fixture(scope="session")
def ui_server():
    """The Dagster webserver, up; its last test stops it and checks that nothing is left running."""
    server = UiServer(Path(tempfile.mkdtemp(prefix="ops-ui-")))
    try:
        yield server.wait_until_up()
    finally:
        server.close()  # after a failure: stop whatever is left
