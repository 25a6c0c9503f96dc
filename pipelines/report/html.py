"""The warehouse as one static HTML page (index.html) that opens offline.

Everything the page needs is inside it: CSS, the plotly.js bundle (once, in <head>) and the
figures' data.  Every text that comes from an article (titles, regions, sentences,
explanations) is HTML-escaped; chart data is JSON with <, > and / escaped by plotly.
"""
from __future__ import annotations

import html
import math
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from pipelines.report.views import create_views, view_names

MAX_CLAIMS = 2000          # inconsistent claims listed in full; the rest are in claim_ledger.csv
MAX_REGION_CHARTS = 8
MAX_TIME_CHARTS = 4
FONT = ('"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", '
        '"WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", sans-serif')
PALETTE = ["#2563eb", "#0d9488", "#d97706", "#7c3aed", "#dc2626", "#0891b2", "#65a30d", "#db2777"]
GROUP_COLOURS = {"transition": "#2563eb", "age": "#0d9488", "education": "#7c3aed", "background": "#d97706",
                 "structure": "#db2777", "discipline": "#dc2626", "economy": "#0891b2"}
VERDICT_COLOURS = {"consistent": "#16a34a", "inconsistent": "#dc2626", "unverifiable": "#9ca3af"}
VERDICT_ZH = {"consistent": "一致", "inconsistent": "不一致", "unverifiable": "无法核验"}
ROLE_ZH = {"part": "部分", "whole": "总数", "percent": "比例"}
NO_REGION = "全国/未注明地区"


def esc(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def fmt_number(value, unit: str | None = None) -> str:
    """A figure as a reader writes it: 1.21e14 元 -> 121.02万亿元, 71.6 % -> 71.6%."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    unit = unit or ""
    magnitude = abs(value)
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if magnitude >= size and unit not in ("%", "岁", "百分点"):
            return f"{value / size:.2f}".rstrip("0").rstrip(".") + word + unit
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if magnitude < 1e4 else f"{value:,.0f}"
    return text + unit


def _safe_href(href: str | None) -> str | None:
    if not href:
        return None
    return href if urlparse(href).scheme.lower() in ("", "http", "https", "file") else None


def _chart(fig: go.Figure, height: int = 360) -> str:
    fig.update_layout(
        height=height, margin=dict(l=10, r=20, t=72, b=10), font=dict(family=FONT, size=13, color="#1f2937"),
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)", colorway=PALETTE,
        title=dict(x=0, xanchor="left", xref="paper", y=1, yanchor="bottom", yref="paper", pad=dict(b=14)),
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0), hoverlabel=dict(font_family=FONT),
    )
    fig.update_xaxes(gridcolor="#e5e7eb", zerolinecolor="#d1d5db")
    fig.update_yaxes(gridcolor="#e5e7eb", zerolinecolor="#d1d5db")
    # The plotly.js bundle is in <head> once; each chart carries only its data (JSON, HTML-safe).
    return pio.to_html(fig, full_html=False, include_plotlyjs=False,
                       config={"displaylogo": False, "responsive": True, "displayModeBar": False})


# --------------------------------------------------------------------------- sections


def _overview(con) -> tuple[str, dict]:
    totals = con.sql("""
        SELECT count(*) AS articles, coalesce(sum(chars), 0) AS chars,
               coalesce(sum(n_quantities), 0) AS quantities, coalesce(sum(n_quantities_with_metric), 0) AS classified,
               coalesce(sum(n_consistent), 0) AS consistent, coalesce(sum(n_inconsistent), 0) AS inconsistent,
               coalesce(sum(n_unverifiable), 0) AS unverifiable,
               count(DISTINCT region) AS regions, min(published_date) AS first_date, max(published_date) AS last_date
        FROM article_summary""").df().iloc[0].to_dict()
    cards = [
        ("文章", "articles", f"{int(totals['articles']):,}", f"{int(totals['chars']):,} 字"),
        ("数字", "figures", f"{int(totals['quantities']):,}", f"{int(totals['classified']):,} 个归入指标"),
        ("地区", "regions", f"{int(totals['regions']):,}", _date_range(totals["first_date"], totals["last_date"])),
        ("一致", "consistent", f"{int(totals['consistent']):,}", "算术核对相符"),
        ("不一致", "inconsistent", f"{int(totals['inconsistent']):,}", "与文中数字矛盾"),
        ("无法核验", "unverifiable", f"{int(totals['unverifiable']):,}", "文中缺少所需数字"),
    ]
    html_cards = "".join(
        f'<div class="card kpi-{key}"><div class="kpi-label">{esc(zh)} <span class="en">{esc(key)}</span></div>'
        f'<div class="kpi-value">{esc(value)}</div><div class="kpi-note">{esc(note)}</div></div>'
        for zh, key, value, note in cards)
    return f'<div class="kpis">{html_cards}</div>', totals


def _date_range(first, last) -> str:
    if first is None or pd.isna(first):
        return "无日期"
    return f"{pd.Timestamp(first):%Y-%m} 至 {pd.Timestamp(last):%Y-%m}"


def _corpus_section(con) -> str:
    stats = con.sql("SELECT coalesce(source, '未注明来源') AS source, month, articles, chars, quantities "
                    "FROM corpus_stats WHERE month IS NOT NULL ORDER BY month").df()
    if stats.empty:
        return _section("corpus", "语料概览", "Corpus", '<p class="empty">没有带日期的文章。</p>')
    fig = go.Figure()
    for source, part in stats.groupby("source", sort=False):
        fig.add_bar(x=part["month"], y=part["articles"], name=esc(source),
                    customdata=part[["chars", "quantities"]].to_numpy(),
                    hovertemplate="%{x|%Y-%m}<br>%{y} 篇 · %{customdata[0]:,} 字 · %{customdata[1]:,} 个数字<extra>%{fullData.name}</extra>")
    fig.update_layout(barmode="stack", title=dict(text="每月文章数（按来源）", font_size=15), bargap=0.15)
    fig.update_xaxes(type="date", tickformat="%Y-%m")
    by_source = con.sql("""
        SELECT coalesce(source, '未注明来源') AS source, sum(articles) AS articles, sum(chars) AS chars,
               sum(quantities) AS quantities, sum(inconsistent_claims) AS inconsistent
        FROM corpus_stats GROUP BY ALL ORDER BY articles DESC LIMIT 12""").df()
    rows = "".join(
        f"<tr><td>{esc(r.source)}</td><td class=num>{int(r.articles):,}</td><td class=num>{int(r.chars):,}</td>"
        f"<td class=num>{int(r.quantities):,}</td><td class=num>{int(r.inconsistent):,}</td></tr>"
        for r in by_source.itertuples())
    table = ('<div class="scroll"><table class="data"><thead><tr><th>来源 source</th><th class=num>文章</th><th class=num>字数</th>'
             f'<th class=num>数字</th><th class=num>不一致</th></tr></thead><tbody>{rows}</tbody></table></div>')
    return _section("corpus", "语料概览", "Corpus", f'<div class="grid-2"><div class="panel">{_chart(fig)}</div>'
                                                   f'<div class="panel">{table}</div></div>')


def _passages(con, claims: pd.DataFrame) -> dict[str, tuple[str, list[dict]]]:
    """check_id -> (passage, figures with rel_start/rel_end): the passage runs from the first to the
    last sentence holding one of the check's figures, so a whole stated sentences earlier is shown too."""
    con.register("_claim_ids", pd.DataFrame({"check_id": claims["check_id"].astype(str)}))
    con.register("_claim_articles", pd.DataFrame({"article_id": claims["article_id"].astype(str).unique()}))
    try:
        figures = con.execute("SELECT check_id, article_id, role, value, unit, char_start, char_end FROM claim_figures "
                              "WHERE check_id IN (SELECT check_id FROM _claim_ids) ORDER BY check_id, char_start").fetchall()
        texts = dict(con.execute("SELECT article_id, text FROM articles "
                                 "WHERE article_id IN (SELECT article_id FROM _claim_articles)").fetchall())
        sentence_rows = con.execute("SELECT article_id, char_start, char_end FROM sentences "
                                    "WHERE article_id IN (SELECT article_id FROM _claim_articles)").fetchall()
    finally:
        con.unregister("_claim_ids")
        con.unregister("_claim_articles")
    spans: dict[str, list[tuple[int, int]]] = {}
    for article_id, start, end in sentence_rows:
        spans.setdefault(article_id, []).append((start, end))
    by_check: dict[str, list[tuple]] = {}
    for row in figures:
        by_check.setdefault(row[0], []).append(row)
    out = {}
    for check_id, rows in by_check.items():
        article_id = rows[0][1]
        lo, hi = min(r[5] for r in rows), max(r[6] for r in rows)
        covering = [(s, e) for s, e in spans.get(article_id, ()) if s < hi and lo < e]
        start = min([s for s, _ in covering] + [lo])
        end = max([e for _, e in covering] + [hi])
        figs = [dict(role=r[2], value=r[3], unit=r[4], rel_start=r[5] - start, rel_end=r[6] - start) for r in rows]
        out[check_id] = (texts.get(article_id, "")[start:end], figs)
    return out


def _claim_card(row, passage: str, figures: list[dict]) -> str:
    parts, pos = [], 0
    for f in figures:
        start, end = f["rel_start"], f["rel_end"]
        if start < pos or end > len(passage) or start >= end:
            continue  # overlapping or outside the passage: show the text unmarked rather than wrong
        role = f["role"] if f["role"] in ROLE_ZH else "part"
        title = f"{ROLE_ZH[role]}：{fmt_number(f['value'], f['unit'])}"
        parts.append(esc(passage[pos:start]))
        parts.append(f'<mark class="fig role-{role}" title="{esc(title)}">{esc(passage[start:end])}'
                     f'<sup>{esc(ROLE_ZH[role])}</sup></mark>')
        pos = end
    parts.append(esc(passage[pos:]))
    where = " · ".join(x for x in (esc(row.region) or NO_REGION,
                                   f"{pd.Timestamp(row.published_date):%Y-%m-%d}" if pd.notna(row.published_date) else "")
                       if x)
    return (f'<article class="claim"><header><span class="badge">{esc(row.check_type)}</span>'
            f'<h3>{esc(row.title) or "（无标题）"}</h3><span class="where">{where}</span></header>'
            f'<blockquote lang="zh">{"".join(parts)}</blockquote>'
            f'<div class="recompute">{_recomputation(row, figures)}</div>'
            f'<p class="explanation">{esc(row.explanation)}</p>'
            f'<footer>规则 {esc(row.rule)} · {esc(row.check_id)}</footer></article>')


def _recomputation(row, figures: list[dict]) -> str:
    by_role = {}
    for f in figures:
        by_role.setdefault(f["role"], []).append(f)
    stated, recomputed = row.stated, row.recomputed
    cells = []
    if row.check_type == "percent_of" and by_role.get("part") and by_role.get("whole"):
        part, whole = by_role["part"][0], by_role["whole"][0]
        cells.append(f'<span class="calc">{esc(fmt_number(part["value"]))} ÷ {esc(fmt_number(whole["value"]))} = '
                     f'<b>{esc(fmt_number(recomputed, "%"))}</b></span>')
    elif row.check_type == "sum" and len(by_role.get("part", [])) > 1:
        terms = " + ".join(esc(fmt_number(f["value"])) for f in by_role["part"])
        cells.append(f'<span class="calc">{terms} = <b>{esc(fmt_number(recomputed))}</b></span>')
    elif row.check_type == "part_of" and by_role.get("part") and by_role.get("whole"):
        part, whole = by_role["part"][0]["value"], by_role["whole"][0]["value"]
        if part is not None and whole is not None and not (math.isnan(part) or math.isnan(whole)):
            sign = "&gt;" if part > whole else "≤"
            cells.append(f'<span class="calc">部分 {esc(fmt_number(part))} {sign} 总数 {esc(fmt_number(whole))}</span>')
    elif row.check_type == "percent_bound" and by_role.get("percent") and by_role.get("whole"):
        pct, whole = by_role["percent"][0]["value"], by_role["whole"][0]["value"]
        if pct is not None and whole is not None and not (math.isnan(pct) or math.isnan(whole)):
            cells.append(f'<span class="calc">{esc(fmt_number(pct, "%"))} × {esc(fmt_number(whole))} = '
                         f'<b>{esc(fmt_number(pct * whole / 100))}</b></span>')
    if pd.notna(stated):
        cells.append(f'<span class="stated">文中 stated <b>{esc(fmt_number(stated))}</b></span>')
    if pd.notna(recomputed):
        cells.append(f'<span class="recomputed">重算 recomputed <b>{esc(fmt_number(recomputed))}</b></span>')
    if pd.notna(stated) and pd.notna(recomputed):
        cells.append(f'<span class="diff">差 {esc(f"{stated - recomputed:+.2f}".rstrip("0").rstrip("."))}</span>')
    if pd.notna(row.tolerance):
        cells.append(f'<span class="tol">容差 ±{esc(fmt_number(row.tolerance))}</span>')
    return "".join(cells)


def _claims_section(con) -> str:
    claims = con.sql(f"""
        SELECT * FROM claim_ledger WHERE verdict = 'inconsistent'
        ORDER BY published_date DESC NULLS LAST, article_id, check_id LIMIT {MAX_CLAIMS + 1}""").df()
    total = con.execute("SELECT count(*) FROM claim_ledger WHERE verdict = 'inconsistent'").fetchall()[0][0]
    if claims.empty:
        body = '<p class="empty">没有发现不一致的说法。No inconsistent claims.</p>'
    else:
        shown = claims.head(MAX_CLAIMS)
        passages = _passages(con, shown)
        cards = "".join(_claim_card(r, *passages.get(r.check_id, (r.sentence_text if isinstance(r.sentence_text, str) else "", [])))
                        for r in shown.itertuples())
        more = (f'<p class="note">只列出最近的 {MAX_CLAIMS:,} 条（共 {total:,} 条），全部见 claim_ledger.csv。</p>'
                if total > MAX_CLAIMS else "")
        legend = ('<p class="legend"><mark class="fig role-part">部分</mark> <mark class="fig role-whole">总数</mark> '
                  '<mark class="fig role-percent">比例</mark> 文中标出参与核算的数字</p>')
        body = legend + more + f'<div class="claims">{cards}</div>'
    return _section("claims", f"不一致的说法（{total:,}）", "Inconsistent claims", body)


def _checks_section(con) -> str:
    verdicts = con.sql("""SELECT check_type, verdict, count(*) AS n FROM claim_ledger GROUP BY ALL
                          ORDER BY check_type""").df()
    body = []
    if not verdicts.empty:
        fig = go.Figure()
        for verdict in ("consistent", "inconsistent", "unverifiable"):
            part = verdicts[verdicts["verdict"] == verdict]
            fig.add_bar(y=part["check_type"], x=part["n"], orientation="h", name=f"{VERDICT_ZH[verdict]} {verdict}",
                        marker_color=VERDICT_COLOURS[verdict], hovertemplate="%{y}: %{x}<extra>%{fullData.name}</extra>")
        fig.update_layout(barmode="stack", title=dict(text="各类核查的结论", font_size=15))
        body.append(f'<div class="panel">{_chart(fig, 80 + 48 * verdicts["check_type"].nunique())}</div>')
    quality = con.sql("""
        SELECT suite, check_type, severity, n_checks, n_passed, n_failed, n_unverifiable, run_id, run_time
        FROM quality_summary
        WHERE run_id IS NOT DISTINCT FROM (SELECT run_id FROM quality_summary ORDER BY run_time DESC NULLS LAST LIMIT 1)
           OR suite = 'claim_checks'
        ORDER BY suite = 'claim_checks', suite, n_failed DESC, check_type""").df()
    if not quality.empty:
        run = quality["run_id"].dropna()
        rows = "".join(
            f'<tr class="{"fail" if r.n_failed and r.severity == "integrity" else ""}"><td>{esc(r.suite)}</td>'
            f'<td class="code">{esc(r.check_type)}</td><td>{esc(r.severity)}</td><td class=num>{int(r.n_passed):,}</td>'
            f"<td class=num>{int(r.n_failed):,}</td><td class=num>{int(r.n_unverifiable):,}</td></tr>"
            for r in quality.itertuples())
        body.append(f'<div class="panel"><h3 class="panel-title">最近一次运行 {esc(run.iloc[0] if len(run) else "")}</h3>'
                    '<div class="scroll"><table class="data"><thead><tr><th>suite</th><th>check</th><th>severity</th>'
                    '<th class=num>通过</th><th class=num>未通过</th><th class=num>无法核验</th></tr></thead>'
                    f'<tbody>{rows}</tbody></table></div></div>')
    if not body:
        body.append('<p class="empty">还没有核查结果。</p>')
    return _section("checks", "核查与数据质量", "Checks and data quality", f'<div class="grid-2">{"".join(body)}</div>')


def _metrics_section(con) -> str:
    overview = con.sql("""
        SELECT t.metric, t.metric_group, t.label_zh, t.label_en, t.sort_order,
               count(DISTINCT r.region) AS n_regions, count(r.metric) AS n_figures,
               min(r.value) AS min_value, max(r.value) AS max_value, any_value(r.unit) AS unit
        FROM metric_taxonomy AS t JOIN region_metrics AS r USING (metric)
        GROUP BY ALL ORDER BY n_regions DESC, n_figures DESC, t.sort_order""").df()
    if overview.empty:
        return _section("metrics", "主要指标", "Main metrics", '<p class="empty">还没有归入指标的数字。</p>')
    comparison = con.sql("SELECT * FROM metric_comparison").df()
    charts = []
    for m in overview[overview["n_regions"] >= 2].head(MAX_REGION_CHARTS).itertuples():
        rows = comparison[comparison["metric"] == m.metric].sort_values("value")
        labels = [f"{fmt_number(v, u)}" + ("（约）" if q == "approx" else "以上" if q in ("at_least", "more_than") else "")
                  for v, u, q in zip(rows["value"], rows["unit"], rows["qualifier"])]
        fig = go.Figure(go.Bar(
            x=rows["value"], y=[esc(r) for r in rows["region"]], orientation="h", text=labels, textposition="auto",
            marker_color=GROUP_COLOURS.get(m.metric_group, PALETTE[0]),
            customdata=[[esc(t), str(p)] for t, p in zip(rows["title"], rows["period"])],
            hovertemplate="%{y}: %{text}<br>%{customdata[1]} · %{customdata[0]}<extra></extra>"))
        fig.update_layout(title=dict(text=f"{esc(m.label_zh)}<br><sup>{esc(m.label_en)}</sup>", font_size=15),
                          showlegend=False)
        charts.append(f'<div class="panel">{_chart(fig, 120 + 34 * len(rows))}</div>')
    # one point per metric, region and month: the month's first article, its first mention
    figures = con.execute("""
        SELECT metric, coalesce(region, ?) AS region, period,
               arg_min(value, published_date::VARCHAR || article_id || lpad(char_start::VARCHAR, 10, '0')) AS value
        FROM region_metrics WHERE period IS NOT NULL GROUP BY ALL""", [NO_REGION]).df()
    multi = figures.groupby(["metric", "region"])["period"].nunique()
    over_time = [m for m in overview["metric"] if m in multi[multi >= 2].index.get_level_values(0)][:MAX_TIME_CHARTS]
    for metric in over_time:
        label = overview.set_index("metric").loc[metric]
        fig = go.Figure()
        for region, part in figures[figures["metric"] == metric].sort_values("period").groupby("region"):
            fig.add_scatter(x=part["period"], y=part["value"], mode="lines+markers", name=esc(region),
                            hovertemplate="%{x}: %{y}<extra>%{fullData.name}</extra>")
        fig.update_layout(title=dict(text=f"{esc(label.label_zh)}：随时间变化<br><sup>{esc(label.label_en)} over time</sup>",
                                     font_size=15))
        fig.update_xaxes(type="category", categoryorder="category ascending")
        charts.append(f'<div class="panel">{_chart(fig)}</div>')
    rows = "".join(
        f'<tr><td><span class="group g-{esc(m.metric_group)}">{esc(m.metric_group)}</span></td><td>{esc(m.label_zh)}'
        f'<div class="en">{esc(m.label_en)}</div></td><td class=num>{int(m.n_regions):,}</td>'
        f"<td class=num>{int(m.n_figures):,}</td><td class=num>{esc(fmt_number(m.min_value, m.unit))} – "
        f"{esc(fmt_number(m.max_value, m.unit))}</td></tr>"
        for m in overview.itertuples())
    table = ('<div class="panel"><h3 class="panel-title">指标一览 Metrics found</h3><div class="scroll"><table class="data">'
             '<thead><tr><th>组</th><th>指标</th><th class=num>地区</th><th class=num>数字</th><th class=num>范围</th></tr>'
             f'</thead><tbody>{rows}</tbody></table></div></div>')
    note = ('<p class="note">各地区取最近一篇文章中的数字；数字来源的文章与句子见 metric_comparison.csv 与 '
            'region_metrics.csv。</p>')
    return _section("metrics", "主要指标", "Main metrics by region and over time",
                    note + f'<div class="grid-2">{"".join(charts)}{table}</div>')


def _section(anchor: str, title_zh: str, title_en: str, body: str) -> str:
    return (f'<section id="{anchor}"><h2>{esc(title_zh)} <span class="en">{esc(title_en)}</span></h2>'
            f"{body}</section>")


# --------------------------------------------------------------------------- page

CSS = """
:root { --ink:#111827; --muted:#6b7280; --line:#e5e7eb; --bg:#f6f7f9; --card:#fff; --accent:#2563eb;
        --bad:#dc2626; --good:#16a34a; --grey:#9ca3af; }
* { box-sizing: border-box; }
body { margin:0; font-family: FONT; color:var(--ink); background:var(--bg); line-height:1.6;
       -webkit-font-smoothing:antialiased; }
.wrap { max-width:1280px; margin:0 auto; padding:0 28px 48px; }
header.top { background:linear-gradient(120deg,#0f172a,#1e3a8a); color:#fff; padding:36px 0 30px; margin-bottom:28px; }
header.top h1 { margin:0 0 6px; font-size:30px; font-weight:700; letter-spacing:.02em; }
header.top p { margin:0; color:#cbd5e1; }
header.top a { color:#bfdbfe; }
nav.toc { display:flex; gap:18px; flex-wrap:wrap; margin-top:16px; font-size:14px; }
nav.toc a { color:#e0e7ff; text-decoration:none; border-bottom:1px solid rgba(224,231,255,.4); }
h2 { font-size:22px; margin:40px 0 14px; padding-bottom:6px; border-bottom:2px solid var(--line); }
h2 .en, .kpi-label .en, .en { color:var(--muted); font-weight:400; font-size:.8em; }
.kpis { display:grid; grid-template-columns:repeat(auto-fit,minmax(170px,1fr)); gap:14px; }
.card, .panel, .claim { background:var(--card); border:1px solid var(--line); border-radius:12px;
                        box-shadow:0 1px 2px rgba(15,23,42,.04); }
.card { padding:16px 18px; }
.kpi-label { font-size:14px; color:var(--muted); }
.kpi-value { font-size:30px; font-weight:700; font-variant-numeric:tabular-nums; }
.kpi-note { font-size:13px; color:var(--muted); }
.kpi-inconsistent .kpi-value { color:var(--bad); } .kpi-consistent .kpi-value { color:var(--good); }
.kpi-unverifiable .kpi-value { color:var(--grey); }
/* auto-fill, not auto-fit: a chart drawn while the grid is still being parsed keeps its final width */
.grid-2 { display:grid; grid-template-columns:repeat(auto-fill,minmax(520px,1fr)); gap:16px; }
.panel { padding:12px 14px; min-width:0; }
.scroll { overflow-x:auto; }
.panel-title { font-size:15px; margin:4px 0 10px; }
table.data { width:100%; border-collapse:collapse; font-size:14px; }
table.data th { text-align:left; color:var(--muted); font-weight:500; border-bottom:1px solid var(--line); padding:6px 8px; }
table.data td { border-bottom:1px solid #f1f5f9; padding:6px 8px; vertical-align:top; }
table.data .num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
table.data tr.fail td { background:#fef2f2; }
table.data td.code { font-family:ui-monospace, "SFMono-Regular", Menlo, monospace; font-size:12px; word-break:break-all; }
.group { display:inline-block; font-size:12px; padding:1px 8px; border-radius:999px; background:#eef2ff; color:#3730a3; }
.claims { display:grid; gap:14px; }
.claim { padding:16px 20px; border-left:4px solid var(--bad); }
.claim header { display:flex; flex-wrap:wrap; align-items:baseline; gap:10px; }
.claim h3 { margin:0; font-size:17px; }
.claim .where { color:var(--muted); font-size:14px; }
.badge { font-size:12px; background:#fee2e2; color:#991b1b; padding:1px 8px; border-radius:999px; }
blockquote { white-space:pre-line; margin:12px 0; padding:10px 14px; background:#f8fafc; border-radius:8px; font-size:16px; line-height:1.9; }
mark.fig { padding:1px 3px; border-radius:4px; font-weight:600; }
mark.fig sup { font-size:10px; font-weight:500; margin-left:2px; opacity:.75; }
mark.role-part { background:#dbeafe; color:#1e3a8a; }
mark.role-whole { background:#dcfce7; color:#14532d; }
mark.role-percent { background:#fee2e2; color:#7f1d1d; }
.recompute { display:flex; flex-wrap:wrap; gap:8px 18px; font-size:14px; }
.recompute span { background:#f1f5f9; padding:3px 10px; border-radius:6px; }
.recompute .calc { background:#fff7ed; color:#9a3412; }
.recompute .diff { background:#fee2e2; color:#991b1b; font-weight:600; }
.explanation { margin:8px 0 4px; color:#374151; font-size:14px; }
.claim footer { color:var(--muted); font-size:12px; }
.legend { font-size:14px; color:var(--muted); }
.note, .empty { color:var(--muted); font-size:14px; }
footer.page { margin-top:48px; color:var(--muted); font-size:13px; border-top:1px solid var(--line); padding-top:14px; }
a { color:var(--accent); }
@media print { header.top { background:#1e3a8a; -webkit-print-color-adjust:exact; } .claim { break-inside:avoid; } }
""".replace("FONT", FONT)


def build_report(con: duckdb.DuckDBPyConnection, out_dir: Path, data_docs_href: str | None) -> Path:
    """Write out_dir/index.html from the warehouse's views (created if missing); returns its path."""
    existing = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    missing = [v for v in view_names() if v not in existing]
    if missing:
        create_views(con, missing)
    kpis, totals = _overview(con)
    href = _safe_href(data_docs_href)
    docs = (f'<a href="{esc(href)}">Great Expectations Data Docs</a>' if href
            else "Great Expectations Data Docs 尚未生成")
    generated = datetime.now().strftime("%Y-%m-%d %H:%M")
    body = "".join([
        kpis,
        _claims_section(con),
        _metrics_section(con),
        _corpus_section(con),
        _checks_section(con),
    ])
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>官方文章数字核查报告</title>
<style>{CSS}</style>
<script type="text/javascript">{get_plotlyjs()}</script>
</head>
<body>
<header class="top"><div class="wrap">
<h1>官方文章数字核查报告</h1>
<p>Every figure in the articles, traced to its sentence and checked against the articles' own arithmetic ·
{int(totals['articles']):,} 篇文章 · 生成于 {esc(generated)}</p>
<nav class="toc"><a href="#claims">不一致的说法</a><a href="#metrics">主要指标</a><a href="#corpus">语料概览</a>
<a href="#checks">核查与数据质量</a><span>{docs}</span></nav>
</div></header>
<main class="wrap">
{body}
<footer class="page">数据：warehouse views article_summary, region_metrics, metric_comparison, claim_ledger, claim_figures,
quality_summary, corpus_stats（同目录 CSV/Parquet）· 数据质量详情：{docs}</footer>
</main>
</body>
</html>
"""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "index.html"
    tmp = path.with_name(".index.html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path
