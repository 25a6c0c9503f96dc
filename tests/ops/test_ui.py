"""The Dagster UI for real: the webserver on 127.0.0.1 serves the code location; its GraphQL API
shows every asset with its dependencies, every asset check, the schedule and the sensor exactly as
the definitions declare them; headless Chromium renders the lineage; stopping the server by its PID
leaves no process behind.

`UPDATE_SCREENSHOT=1` also writes the screenshot to docs/lineage.png (the README shows it).
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from pipelines.definitions import defs
from tests.conftest import PROJECT_ROOT
from tests.ops.support import free_port, live_processes, stop_tree

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = PROJECT_ROOT / "docs" / "lineage.png"
LEGIBLE_GROUP = 5  # groups with more assets stay collapsed in the screenshot, so that 1600x1000 px stay readable

GRAPH_QUERY = """
{
  assetNodes {
    assetKey { path }
    groupName
    dependencyKeys { path }
    assetChecksOrError { __typename ... on AssetChecks { checks { name blocking } } }
  }
  repositoriesOrError {
    __typename
    ... on RepositoryConnection {
      nodes {
        name
        schedules { name cronSchedule executionTimezone pipelineName }
        sensors { name targets { pipelineName } }
      }
    }
  }
}
"""


def listening_addresses(port: int) -> set[str]:
    """Local addresses (hex, as in /proc/net/tcp*) of sockets listening on `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as fh:
            for line in list(fh)[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.rsplit(":", 1)
                if state == "0A" and int(hex_port, 16) == port:
                    found.add(address)
    return found


def expected_graph() -> dict:
    graph = defs.get_repository_def().asset_graph
    return {
        "assets": {k.to_user_string(): sorted(p.to_user_string() for p in graph.get(k).parent_keys)
                   for k in graph.get_all_asset_keys()},
        "checks": sorted((c.asset_key.to_user_string(), c.name) for c in graph.asset_check_keys),
        "blocking": sorted((c.asset_key.to_user_string(), c.name) for c in graph.asset_check_keys
                           if graph.get(c).blocking),
    }


def test_ui_listens_on_localhost_only(ui_server):
    addresses = listening_addresses(ui_server.port)
    assert addresses and addresses <= {"0100007F", "00000000000000000000000001000000"}, addresses


def test_graphql_shows_the_asset_graph_checks_schedule_and_sensor(ui_server):
    data = ui_server.graphql(GRAPH_QUERY)
    nodes = data["assetNodes"]
    assets = {"/".join(n["assetKey"]["path"]): sorted("/".join(d["path"]) for d in n["dependencyKeys"]) for n in nodes}
    checks = sorted(("/".join(n["assetKey"]["path"]), c["name"]) for n in nodes
                    for c in n["assetChecksOrError"].get("checks", []))
    blocking = sorted(("/".join(n["assetKey"]["path"]), c["name"]) for n in nodes
                      for c in n["assetChecksOrError"].get("checks", []) if c["blocking"])
    assert {"assets": assets, "checks": checks, "blocking": blocking} == expected_graph()
    ancestors, todo = set(), ["warehouse_snapshot"]
    while todo:
        for parent in assets[todo.pop()]:
            if parent not in ancestors:
                ancestors.add(parent)
                todo.append(parent)
    assert ancestors == set(assets) - {"warehouse_snapshot"}, "the snapshot is published after everything else"

    (repo,) = data["repositoriesOrError"]["nodes"]
    assert [(s["name"], s["cronSchedule"], s["executionTimezone"], s["pipelineName"]) for s in repo["schedules"]] == \
        [("daily_refresh", "0 6 * * *", "Asia/Shanghai", "refresh_warehouse")]
    assert [(s["name"], [t["pipelineName"] for t in s["targets"]]) for s in repo["sensors"]] == \
        [("raw_files_sensor", ["refresh_warehouse"])]


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", head[16:24])


def chromium(*args: str, timeout: float = 180) -> str:
    """Headless Chromium in its own session, stopped (with anything it started) when done."""
    proc = subprocess.Popen([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1600,1000",
                             "--virtual-time-budget=15000", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
    finally:
        assert not stop_tree(proc)
    assert proc.returncode == 0
    return out


@pytest.mark.chromium
def test_lineage_screenshot(ui_server, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium not found: install Debian's chromium (apt-get install -y chromium)")
    nodes = ui_server.graphql("{ assetNodes { assetKey { path } groupName } }")["assetNodes"]
    groups: dict[str, list[str]] = {}
    for n in nodes:
        groups.setdefault(n["groupName"], []).append("/".join(n["assetKey"]["path"]))
    expanded = sorted(g for g, members in groups.items() if len(members) <= LEGIBLE_GROUP)
    expand = ",".join(f"global@global:{g}" for g in expanded)  # the UI's group ids (one code location)
    url = f"{ui_server.url}/asset-groups?{urllib.parse.urlencode({'expanded': expand})}"

    png = tmp_path / "lineage.png"
    dom = chromium(f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--dump-dom", url)
    assert png_size(png) == (1600, 1000)
    assert png.stat().st_size > 40_000, "a blank page compresses to a few KB"
    # The page's DOM: the graph only renders nodes inside the viewport, so every asset of an
    # expanded group and every collapsed group being there means the whole graph is in the picture
    # (a group's name is also in the side bar once).
    (tmp_path / "lineage.html").write_text(dom)
    missing = [a for g in expanded for a in groups[g] if f">{a}<" not in dom] + \
              [g for g in groups if g not in expanded and dom.count(f">{g}<") < 2]
    assert not missing, f"not in the rendered lineage: {missing} (screenshot: {png})"
    if os.environ.get("UPDATE_SCREENSHOT"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(png, SCREENSHOT)


def test_stopping_the_ui_by_pid_leaves_no_process(ui_server):
    session = ui_server.proc.pid
    assert len(live_processes(session)) >= 2, "the webserver and its code server run"
    assert not stop_tree(ui_server.proc)
    assert not live_processes(session)
    with pytest.raises((urllib.error.URLError, ConnectionError)):
        urllib.request.urlopen(ui_server.url + "/server_info", timeout=5)


@pytest.mark.slow
def test_make_ui_serves_dagster_dev_on_localhost_and_stops_cleanly(tmp_path):
    """`make ui` (dagster dev: webserver, daemon and code server) in a temporary DAGSTER_HOME."""
    port, home = free_port(), tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(PROJECT_ROOT / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "DAGSTER_PORT": str(port), "PIPELINE_RAW_DIR": str(tmp_path / "raw"),
           "PIPELINE_WAREHOUSE": str(tmp_path / "wh" / "warehouse.duckdb")}
    with open(tmp_path / "make-ui.log", "w+") as log:
        proc = subprocess.Popen(["make", "--no-print-directory", "ui", f"DAGSTER_HOME={home}"], cwd=PROJECT_ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + 300
            while True:
                assert proc.poll() is None and time.monotonic() < deadline, log.seek(0) or log.read()[-3000:]
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=5):
                        break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    time.sleep(1)
            addresses = listening_addresses(port)
            assert addresses and addresses <= {"0100007F", "00000000000000000000000001000000"}, addresses
            assert len(live_processes(proc.pid)) >= 4, "make, dagster dev, webserver, daemon (and code server)"
        finally:
            left = stop_tree(proc)
    assert not left and not live_processes(proc.pid)
    assert (home / "dagster.yaml").read_text() == (PROJECT_ROOT / "dagster.yaml").read_text()
