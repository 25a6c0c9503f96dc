"""The pipeline's stages as plain functions over a DuckDB connection (no Dagster here).

Each stage is incremental and idempotent:
- it works only on the current articles it has not processed at its present version
  (``processing_log``), so a run with no change does no work, and a new version of a
  stage (its code version) redoes everything;
- it writes per article by delete-then-insert inside one transaction per batch, so a
  run killed at any point leaves whole articles or nothing, and the next run finishes;
- a stage that rewrites an article invalidates the stages downstream of it for that article.
The Dagster assets in pipelines/defs are thin wrappers around these functions.
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

import duckdb
import pandas as pd

from pipelines import warehouse as wh
from pipelines.core import text as textmod

# Stage versions: bump one when its output for the same input changes.  Downstream stages
# of an article are invalidated whenever an upstream stage rewrites it.
SEGMENT_VERSION = "1"
STAGES_DOWNSTREAM = {"segment": ("extract", "claims"), "extract": ("claims",), "claims": ()}

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def extractor_version() -> str:
    """Extractor code version plus the taxonomy file's digest: editing either re-extracts."""
    from pipelines.core import extract
    from pipelines.core.taxonomy import TAXONOMY_CSV

    taxonomy = hashlib.sha256(TAXONOMY_CSV.read_bytes()).hexdigest()[:8] if TAXONOMY_CSV.exists() else "none"
    return f"{getattr(extract, '__version__', '0')}+taxonomy.{taxonomy}"


def claims_version() -> str:
    from pipelines.core import claims

    return getattr(claims, "__version__", "0")


# --------------------------------------------------------------------------- ingest


@dataclass
class IngestStats:
    files_seen: int = 0
    files_read: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    articles_new: int = 0
    articles_removed: int = 0
    errors: int = 0
    error_reasons: dict[str, int] = field(default_factory=dict)


def _file_sha256(path: Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


def ingest(con: duckdb.DuckDBPyConnection, raw_dir: Path, limits=None, progress: Progress | None = None) -> IngestStats:
    """Bring the warehouse's articles in line with the files under raw_dir."""
    from pipelines.core.ingest import IngestLimits, discover_files, read_source, relative_name

    limits = limits or IngestLimits()
    raw_dir = Path(raw_dir)
    stats = IngestStats()
    now = utcnow()
    known = {
        r[0]: (r[1], r[2], r[3])
        for r in con.execute("SELECT source_file, size_bytes, mtime_ns, file_sha256 FROM source_files").fetchall()
    }
    paths = discover_files(raw_dir) if raw_dir.is_dir() else []
    stats.files_seen = len(paths)

    seen: set[str] = set()
    changed_files: list[str] = []
    file_rows, source_rows, article_rows, error_rows = [], [], [], []
    for i, path in enumerate(paths):
        rel = relative_name(path, raw_dir)
        seen.add(rel)
        try:
            st = path.lstat() if path.is_symlink() else path.stat()
            size, mtime = st.st_size, st.st_mtime_ns
        except OSError:
            size = mtime = None
        previous = known.get(rel)
        if previous and size is not None and previous[0] == size and previous[1] == mtime:
            stats.files_unchanged += 1
            continue
        sha = _file_sha256(path) if not path.is_symlink() else None
        if previous and sha is not None and previous[2] == sha:
            # Touched but identical: remember the new stat, nothing else changes.
            con.execute("UPDATE source_files SET size_bytes = ?, mtime_ns = ? WHERE source_file = ?", [size, mtime, rel])
            stats.files_unchanged += 1
            continue
        records, errors = read_source(path, raw_dir, limits)
        stats.files_read += 1
        changed_files.append(rel)
        for rec in records:
            row = asdict(rec)
            row["chars"] = len(rec.text)
            article_rows.append(row)
            source_rows.append(dict(article_id=rec.article_id, source_file=rel, record_key=rec.record_key,
                                    file_sha256=rec.file_sha256 or sha or "", seen_at=now))
        for err in errors:
            stats.error_reasons[err.reason] = stats.error_reasons.get(err.reason, 0) + 1
            error_rows.append(dict(source_file=err.source_file or rel, record_key=err.record_key or "",
                                   reason=err.reason, detail=err.detail, error_at=now))
        file_rows.append(dict(source_file=rel, file_sha256=sha, size_bytes=size, mtime_ns=mtime,
                              n_articles=len(records), n_errors=len(errors), read_at=now))
        if progress and (i + 1) % 200 == 0:
            progress("ingest", i + 1, len(paths))
    removed = sorted(set(known) - seen)
    stats.files_removed = len(removed)
    stats.errors = len(error_rows)

    touched = changed_files + removed
    with wh.transaction(con):
        wh.delete_keys(con, "article_sources", "source_file", touched)
        wh.delete_keys(con, "ingest_errors", "source_file", touched)
        wh.delete_keys(con, "source_files", "source_file", touched)
        wh.insert_frame(con, "source_files", pd.DataFrame(file_rows))
        wh.insert_frame(con, "ingest_errors", pd.DataFrame(error_rows))
        if source_rows:
            sources = pd.DataFrame(source_rows).drop_duplicates(["article_id", "source_file", "record_key"])
            wh.insert_frame(con, "article_sources", sources)
        if article_rows:
            articles = pd.DataFrame(article_rows).drop_duplicates("article_id")
            con.register("_batch", articles[["article_id"]])
            try:
                existing = {r[0] for r in con.execute(
                    "SELECT article_id FROM articles WHERE article_id IN (SELECT article_id FROM _batch)").fetchall()}
            finally:
                con.unregister("_batch")
            fresh = articles[~articles["article_id"].isin(existing)].copy()
            fresh["is_current"] = True
            fresh["ingested_at"] = now
            fresh["removed_at"] = None
            stats.articles_new = wh.insert_frame(con, "articles", fresh)
        stats.articles_removed = _reconcile_articles(con, now)
    return stats


def _reconcile_articles(con: duckdb.DuckDBPyConnection, now: datetime) -> int:
    """An article is current while some raw file holds it; its source_file is its first source."""
    removed = con.execute(
        "SELECT count(*) FROM articles WHERE is_current AND article_id NOT IN (SELECT article_id FROM article_sources)"
    ).fetchone()[0]
    con.execute(wh.sql("queries/reconcile_articles"), [now])
    return removed


# --------------------------------------------------------------------------- shared helpers


def pending_articles(con: duckdb.DuckDBPyConnection, stage: str, version: str) -> list[str]:
    rows = con.execute(wh.sql("queries/pending_articles"), [stage, version]).fetchall()
    return [r[0] for r in rows]


def batches(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def article_texts(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[tuple[str, str]]:
    con.register("_ids", pd.DataFrame({"article_id": ids}))
    try:
        return con.execute(
            "SELECT a.article_id, a.text FROM articles a JOIN _ids USING (article_id) ORDER BY a.article_id"
        ).fetchall()
    finally:
        con.unregister("_ids")


def mark_processed(con: duckdb.DuckDBPyConnection, stage: str, version: str, ids: list[str], now: datetime) -> None:
    """Log the batch as done for this stage and invalidate the stages downstream of it."""
    for s in (stage, *STAGES_DOWNSTREAM[stage]):
        con.register("_ids", pd.DataFrame({"article_id": ids}))
        try:
            con.execute("DELETE FROM processing_log WHERE stage = ? AND article_id IN (SELECT article_id FROM _ids)", [s])
        finally:
            con.unregister("_ids")
    wh.insert_frame(con, "processing_log", pd.DataFrame(
        {"stage": stage, "article_id": ids, "version": version, "processed_at": now}))


def _run_batched(con, stage: str, version: str, batch_size: int, work: Callable[[list[tuple[str, str]]], dict[str, pd.DataFrame]],
                 progress: Progress | None) -> tuple[int, dict[str, int]]:
    """Map `work` over pending articles batch by batch; each batch is one transaction."""
    ids = pending_articles(con, stage, version)
    written: dict[str, int] = {}
    done = 0
    for batch in batches(ids, batch_size):
        frames = work(article_texts(con, batch))
        now = utcnow()
        with wh.transaction(con):
            for table, frame in frames.items():
                written[table] = written.get(table, 0) + wh.replace_for_keys(con, table, "article_id", batch, frame)
            mark_processed(con, stage, version, batch, now)
        done += len(batch)
        if progress:
            progress(stage, done, len(ids))
    return len(ids), written


# --------------------------------------------------------------------------- segment


def segment_rows(article_id: str, text: str) -> tuple[list[tuple], list[tuple]]:
    paragraphs = textmod.paragraph_spans(text)
    p_rows = [(f"{article_id}:p{i}", article_id, i, s, e) for i, (s, e) in enumerate(paragraphs)]
    s_rows = []
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        for s, e in textmod.sentence_spans(text, [(p_start, p_end)]):
            n = len(s_rows)
            s_rows.append((f"{article_id}:s{n}", article_id, f"{article_id}:p{p_index}", n, s, e, text[s:e]))
    return p_rows, s_rows


P_COLUMNS = ["paragraph_id", "article_id", "paragraph_index", "char_start", "char_end"]
S_COLUMNS = ["sentence_id", "article_id", "paragraph_id", "sentence_index", "char_start", "char_end", "text"]


def segment(con: duckdb.DuckDBPyConnection, batch_size: int = 5000, progress: Progress | None = None) -> int:
    def work(articles):
        p_all, s_all = [], []
        for article_id, text in articles:
            p, s = segment_rows(article_id, text)
            p_all += p
            s_all += s
        return {"paragraphs": pd.DataFrame(p_all, columns=P_COLUMNS), "sentences": pd.DataFrame(s_all, columns=S_COLUMNS)}

    n, _ = _run_batched(con, "segment", SEGMENT_VERSION, batch_size, work, progress)
    return n


# --------------------------------------------------------------------------- extract

Q_COLUMNS = ["quantity_id", "article_id", "sentence_id", "char_start", "char_end", "surface", "value", "unit", "kind",
             "qualifier", "low", "high", "subject", "metric"]


def quantity_rows(article_id: str, text: str) -> list[tuple]:
    """Extract one article's quantities as warehouse rows (pure: used by the multiprocess path too)."""
    from pipelines.core.extract import extract_quantities
    from pipelines.core.taxonomy import classify_metric

    sentences = textmod.sentence_spans(text)
    starts = [s for s, _ in sentences]
    rows = []
    for q in extract_quantities(text):
        s_index = bisect.bisect_right(starts, q.start) - 1
        if s_index >= 0:
            s_start, s_end = sentences[s_index]
            metric = q.metric or classify_metric(q.subject, q.unit, q.kind, text[s_start:s_end], q.start - s_start)
            sentence_id = f"{article_id}:s{s_index}"
        else:
            metric, sentence_id = q.metric, None
        rows.append((f"{article_id}:q{q.start}-{q.end}", article_id, sentence_id,
                     q.start, q.end, q.surface, q.value, q.unit, q.kind, q.qualifier, q.low, q.high, q.subject, metric))
    return rows


def _quantities_work(articles: list[tuple[str, str]]) -> dict[str, pd.DataFrame]:
    rows = []
    for article_id, text in articles:
        rows += quantity_rows(article_id, text)
    return {"quantities": pd.DataFrame(rows, columns=Q_COLUMNS)}


def extract(con: duckdb.DuckDBPyConnection, batch_size: int = 2000, progress: Progress | None = None) -> int:
    n, _ = _run_batched(con, "extract", extractor_version(), batch_size, _quantities_work, progress)
    return n


# --------------------------------------------------------------------------- claims

C_COLUMNS = ["check_id", "article_id", "check_type", "part_quantity_id", "whole_quantity_id", "percent_quantity_id",
             "part_quantity_ids", "stated", "recomputed", "tolerance", "verdict", "rule", "explanation"]


def _quantities_of(con, ids: list[str]) -> dict[str, list]:
    from pipelines.core.model import Quantity

    con.register("_ids", pd.DataFrame({"article_id": ids}))
    try:
        rows = con.execute(
            "SELECT q.article_id, q.quantity_id, q.char_start, q.char_end, q.surface, q.value, q.unit, q.kind, q.qualifier,"
            " q.low, q.high, q.subject, q.metric FROM quantities q JOIN _ids USING (article_id) ORDER BY q.article_id, q.char_start"
        ).fetchall()
    finally:
        con.unregister("_ids")
    out: dict[str, list] = {}
    for r in rows:
        out.setdefault(r[0], []).append(Quantity(start=r[2], end=r[3], surface=r[4], value=r[5], unit=r[6], kind=r[7],
                                                 qualifier=r[8], low=r[9], high=r[10], subject=r[11], metric=r[12],
                                                 quantity_id=r[1]))
    return out


def claim_rows(article_id: str, text: str, quantities: list) -> list[tuple]:
    from pipelines.core.claims import check_claims

    rows = []
    for n, c in enumerate(check_claims(text, quantities)):
        rows.append((f"{article_id}:c{n}", article_id, c.check_type, c.part_quantity_id, c.whole_quantity_id,
                     c.percent_quantity_id, list(c.part_quantity_ids or []), c.stated, c.recomputed, c.tolerance,
                     c.verdict, c.rule, c.explanation))
    return rows


def check(con: duckdb.DuckDBPyConnection, batch_size: int = 2000, progress: Progress | None = None) -> int:
    def work(articles):
        quantities = _quantities_of(con, [a for a, _ in articles])
        rows = []
        for article_id, text in articles:
            rows += claim_rows(article_id, text, quantities.get(article_id, []))
        return {"claim_checks": pd.DataFrame(rows, columns=C_COLUMNS)}

    n, _ = _run_batched(con, "claims", claims_version(), batch_size, work, progress)
    return n


def table_counts(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> dict[str, int]:
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
