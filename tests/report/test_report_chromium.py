"""The report renders in a real browser, offline: plotly draws its charts from the inline bundle."""
from __future__ import annotations

import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from pipelines.report import build_report
from tests.views import fixture_warehouse as fw

CHROMIUM = Path("/usr/bin/chromium")
WIDTH, HEIGHT = 1280, 2400

pytestmark = [
    pytest.mark.chromium,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                     "(apt-get install -y chromium fonts-noto-cjk)"),
]


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--virtual-time-budget=10000", *args],
        capture_output=True, timeout=180, check=False)


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the raw (filtered) scanlines of an 8-bit RGB/RGBA PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("chromium")
    con = fw.build(tmp / "warehouse.duckdb")
    path = build_report(con, tmp / "out", None)
    con.close()
    return path


def test_screenshot_renders(report, tmp_path):
    png = tmp_path / "report.png"
    result = chromium([f"--window-size={WIDTH},{HEIGHT}", "--hide-scrollbars", f"--screenshot={png}",
                       report.as_uri()], tmp_path / "profile")
    assert png.exists(), result.stderr.decode(errors="replace")[-2000:]
    width, height, pixels = png_pixels(png)
    assert (width, height) == (WIDTH, HEIGHT)
    # a page with text, cards and charts has many colours; a blank or failed page has a handful
    assert len(set(pixels[: len(pixels) // 2])) > 100


def test_charts_are_drawn_offline(report, tmp_path):
    result = chromium(["--dump-dom", report.as_uri()], tmp_path / "profile")
    dom = result.stdout.decode("utf-8", errors="replace")
    assert dom.count('class="main-svg"') >= 4, "plotly did not draw the charts"
    assert "不一致的说法" in dom
