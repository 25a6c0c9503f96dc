"""Static Data Docs, readable offline, from the validation results stored in the context.

GX renders one page per suite and per stored validation result into docs_dir.  Its
index page, though, is an empty table filled by jQuery from CDNs, and every page
pulls CSS/JS from CDNs; offline that shows nothing.  So remote assets are stripped
from the GX pages (they stay readable with GX's inline styles) and index.html is
replaced by a self-contained page built from the same stored results.
"""
from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

from pipelines.quality.suites import ADVISORY, INTEGRITY, SUITES
from pipelines.quality.validate import context_lock, open_context

SITE_NAME = "quality"
GX_SECTIONS = ("validations", "expectations")  # folders of docs_dir that GX owns and rebuilds
REMOTE_ASSET = re.compile(
    r"""<script\b[^>]*\bsrc=["']https?://[^>]*>\s*</script>"""
    r"""|<link\b[^>]*\bhref=["']https?://[^>]*>"""
    r"""|<img\b[^>]*\bsrc=["']https?://[^>]*>""",
    re.I,
)
REMOTE_CSS_URL = re.compile(r"""url\(\s*["']?https?://[^)]*\)""", re.I)
# GX shows pass/fail as Font Awesome icons (a CDN font): draw them as characters instead.
OFFLINE_ICONS = ('<style>.fas.fa-check-circle::before { content: "\\2714"; color: #1a7f37; }'
                 ' .fas.fa-times::before { content: "\\2718"; color: #c62828; }</style></head>')


def build_data_docs(context_dir: Path, docs_dir: Path) -> Path:
    """Build the Data Docs site into docs_dir and return its index.html."""
    docs_dir, gx_dir = Path(docs_dir).resolve(), Path(context_dir).resolve()
    if gx_dir == docs_dir or any(gx_dir.is_relative_to(docs_dir / s) for s in GX_SECTIONS):
        raise ValueError(f"docs_dir {docs_dir} would overwrite the GX context {gx_dir}")
    with context_lock(context_dir):
        context = open_context(context_dir)
        site = {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            # relative to the context root, so the warehouse folder can move
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": os.path.relpath(docs_dir, gx_dir) + "/"},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }
        if context.variables.data_docs_sites != {SITE_NAME: site}:
            context.variables.data_docs_sites = {SITE_NAME: site}
            context.variables.save()
        for section in GX_SECTIONS:  # drop pages of pruned results
            shutil.rmtree(docs_dir / section, ignore_errors=True)
        context.build_data_docs(site_names=[SITE_NAME])
        store = context.validation_results_store
        results = [(key, store.get(key)) for key in store.list_keys()]
        for page in [*(p for s in GX_SECTIONS for p in (docs_dir / s).rglob("*.html")),
                     *(docs_dir / "static").rglob("*.css")]:
            text = REMOTE_CSS_URL.sub("none", REMOTE_ASSET.sub("", page.read_text(encoding="utf-8")))
            page.write_text(text.replace("</head>", OFFLINE_ICONS, 1), encoding="utf-8")
        index = docs_dir / "index.html"  # replaces GX's script-only index
        index.write_text(_index_page(results), encoding="utf-8")
    return index


def _index_page(results) -> str:
    sections = []
    for suite in SUITES:
        runs = sorted(((k, r) for k, r in results if k.expectation_suite_identifier.name == suite),
                      key=lambda kr: kr[0].run_id.run_time, reverse=True)
        sections.append(_suite_section(suite, runs))
    links = " · ".join(f'<a href="#{s}">{s}</a>' for s in SUITES)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Data quality</title>
<style>
body {{ font-family: sans-serif; margin: 2em; max-width: 70em; }}
table {{ border-collapse: collapse; margin-bottom: 1em; }}
th, td {{ border: 1px solid #ccc; padding: .25em .5em; text-align: left; vertical-align: top; }}
tr.FAIL td {{ background: #fdd; }} tr.warn td {{ background: #ffd; }}
</style></head><body>
<h1>Data quality</h1>
<p>Great Expectations results for the warehouse tables: {links}.
<b>{INTEGRITY}</b> expectations block (FAIL), <b>{ADVISORY}</b> ones warn.</p>
{"".join(sections)}
</body></html>
"""


def _suite_section(suite: str, runs) -> str:
    """The latest run expectation by expectation, then every stored run."""
    e = html.escape
    out = [f'<h2 id="{suite}">{suite}</h2><p><a href="expectations/{suite}.html">expectation suite</a></p>']
    if not runs:
        return out[0] + "<p>No stored validation result.</p>"
    latest_key, latest = runs[0]
    out.append(f'<h3>Latest run {_when(latest_key)} (<a href="{_page(latest_key)}">GX page</a>)</h3>'
               "<table><tr><th>expectation</th><th>severity</th><th>result</th>"
               "<th>unexpected</th><th>checked</th><th>rule</th></tr>")
    order = [spec.name for spec in SUITES[suite]]
    for r in sorted(latest.results, key=lambda r: _position(order, r)):
        meta, res = r.expectation_config.meta or {}, r.result or {}
        status = "pass" if r.success else "FAIL" if meta.get("severity") == INTEGRITY else "warn"
        out.append(f'<tr class="{status}"><td>{e(str(meta.get("name")))}</td>'
                   f'<td>{e(str(meta.get("severity")))}</td><td>{status}</td>'
                   f'<td>{_num(res.get("unexpected_count"))}</td><td>{_num(res.get("element_count"))}</td>'
                   f'<td>{e(r.expectation_config.description or r.expectation_config.type)}</td></tr>')
    out.append(f"</table><h3>Stored runs</h3><table><tr><th>run (UTC)</th><th>{INTEGRITY} failures</th>"
               f"<th>{ADVISORY} failures</th></tr>")
    for key, result in runs:
        failed = {INTEGRITY: [], ADVISORY: []}
        for r in result.results:
            meta = r.expectation_config.meta or {}
            if not r.success and meta.get("severity") in failed:
                failed[meta["severity"]].append(str(meta.get("name")))
        out.append(f'<tr class="{"FAIL" if failed[INTEGRITY] else "pass"}">'
                   f'<td><a href="{_page(key)}">{_when(key)}</a></td>'
                   f'<td>{e(", ".join(failed[INTEGRITY]) or "-")}</td>'
                   f'<td>{e(", ".join(failed[ADVISORY]) or "-")}</td></tr>')
    return "".join(out) + "</table>"


def _position(order: list[str], result) -> int:
    name = (result.expectation_config.meta or {}).get("name")
    return order.index(name) if name in order else len(order)


def _page(key) -> str:
    return "validations/" + "/".join(html.escape(str(p)) for p in key.to_tuple()) + ".html"


def _when(key) -> str:
    return key.run_id.run_time.strftime("%Y-%m-%d %H:%M:%S")


def _num(x) -> str:
    return "" if x is None else f"{x:,}"
