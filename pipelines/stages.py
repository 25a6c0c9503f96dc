"""The pipeline's stages as plain functions over a DuckDB connection (no Dagster here).

Each stage is incremental and idempotent:
- it works only on the current articles it has not processed at its present version
  (``processing_log``), so a run with no change does no work, and a new version of a
  stage (its code version) redoes everything;
- it writes per article by delete-then-insert inside one transaction per batch, so a
  run killed at any point leaves whole articles or nothing, and the next run finishes;
- a stage that rewrites an article invalidates the stages downstream of it for that article.
The Dagster assets in pipelines/defs are thin wrappers around these functions.

Speed and memory (docs/scaling.md): the per-article work (parsing files, segmenting, extracting,
checking claims) runs in a process pool (pipelines/parallel.py) and comes back as Arrow tables;
this process alone writes to DuckDB.  Inputs are read and results written batch by batch with a
bounded number of tasks in flight, so memory does not grow with the corpus.  ``workers=1`` (or
PIPELINE_WORKERS=1) is the serial path; both give the same rows.
"""
from __future__ import annotations

import bisect
import hashlib
import math
import stat
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines import parallel
from pipelines import warehouse as wh
from pipelines.core import text as textmod

# Stage versions: bump one when its output for the same input changes.  Downstream stages
# of an article are invalidated whenever an upstream stage rewrites it.
SEGMENT_VERSION = "1"
STAGES_DOWNSTREAM = {"segment": ("extract", "claims"), "extract": ("claims",), "claims": ()}

Progress = Callable[[str, int, int], None]  # (stage, done, total)
TASK_ARTICLES = 250  # articles per worker task: a fraction of a second of work each


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


# --------------------------------------------------------------------------- Arrow rows

STRING, INT, BIGINT, DOUBLE = pa.string(), pa.int32(), pa.int64(), pa.float64()
TIMESTAMP = pa.timestamp("us")


def _stored_float(v: Any) -> float | None:
    """What the warehouse keeps of a number: a float, or NULL for None and NaN."""
    return None if v is None or v != v else float(v)


def arrow_table(rows: list[tuple], schema: pa.Schema) -> pa.Table:
    """Row tuples (in schema order) as an Arrow table of the schema's types: no type inference."""
    columns = list(zip(*rows)) if rows else [()] * len(schema)
    arrays = [pa.array([_stored_float(v) for v in col] if f.type == DOUBLE else col, type=f.type)
              for col, f in zip(columns, schema)]
    return pa.Table.from_arrays(arrays, schema=schema)


def concat(tables: list[pa.Table]) -> pa.Table:
    return tables[0] if len(tables) == 1 else pa.concat_tables(tables)


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


ARTICLE_SCHEMA = pa.schema([
    ("article_id", STRING), ("source_file", STRING), ("record_key", STRING), ("source_format", STRING),
    ("encoding", STRING), ("title", STRING), ("published_date", pa.date32()), ("region", STRING),
    ("region_code", STRING), ("region_level", STRING), ("author", STRING), ("editor", STRING), ("source", STRING),
    ("url", STRING), ("reporting_period", STRING), ("text", STRING), ("chars", INT), ("is_current", pa.bool_()),
    ("ingested_at", TIMESTAMP), ("removed_at", TIMESTAMP)])
SOURCE_SCHEMA = pa.schema([("article_id", STRING), ("source_file", STRING), ("record_key", STRING),
                           ("file_sha256", STRING), ("seen_at", TIMESTAMP)])
FILE_SCHEMA = pa.schema([("source_file", STRING), ("file_sha256", STRING), ("size_bytes", BIGINT), ("mtime_ns", BIGINT),
                         ("n_articles", INT), ("n_errors", INT), ("read_at", TIMESTAMP)])
ERROR_SCHEMA = pa.schema([("source_file", STRING), ("record_key", STRING), ("reason", STRING), ("detail", STRING),
                          ("error_at", TIMESTAMP)])
INGEST_TASK_FILES = 8  # files per worker task (a daily xwlb file holds 10-25 stories)
INGEST_WRITE_ARTICLES = 5000  # articles parsed before they are written and committed together


@dataclass(frozen=True, slots=True)
class FileToRead:
    path: Path
    rel: str
    size: int | None
    mtime: int | None
    regular: bool
    previous_sha: str | None  # the stored hash when the file was read before (not after a refusal)


@dataclass(slots=True)
class FilesRead:
    """What a worker made of some files: rows for the warehouse (see read_files)."""
    n_files: int = 0
    touched: list[tuple] = field(default_factory=list)  # (rel, size, mtime): new stat, same bytes
    changed: list[str] = field(default_factory=list)  # files read: their old rows are replaced
    files: list[tuple] = field(default_factory=list)
    errors: list[tuple] = field(default_factory=list)
    sources: list[tuple] = field(default_factory=list)
    articles: pa.Table | None = None


def read_files(job: tuple[list[FileToRead], Path, Any, datetime]) -> FilesRead:
    """Hash and parse files (pure: runs in the worker pool).  A file whose bytes are those already
    stored is only 'touched'; every other one is read with read_source."""
    from pipelines.core import ingest as ingestmod

    files, raw_dir, limits, now = job
    out, articles = FilesRead(n_files=len(files)), []
    for f in files:
        # Only regular files within the size limit are hashed: opening a FIFO would block the run until
        # someone writes to it, and a file read_source refuses unread need not be read here either.
        sha = _file_sha256(f.path) if f.regular and f.size <= limits.max_file_bytes and not f.path.is_symlink() else None
        if f.previous_sha is not None and sha is not None and f.previous_sha == sha:
            out.touched.append((f.rel, f.size, f.mtime))
            continue
        records, errors = ingestmod.read_source(f.path, raw_dir, limits)
        out.changed.append(f.rel)
        seen = set()
        for rec in records:
            articles.append((rec.article_id, rec.source_file, rec.record_key, rec.source_format, rec.encoding, rec.title,
                             rec.published_date, rec.region, rec.region_code, rec.region_level, rec.author, rec.editor,
                             rec.source, rec.url, rec.reporting_period, rec.text, len(rec.text), True, now, None))
            if (rec.article_id, rec.record_key) not in seen:
                seen.add((rec.article_id, rec.record_key))
                out.sources.append((rec.article_id, f.rel, rec.record_key, rec.file_sha256 or sha or "", now))
        out.errors += [(e.source_file or f.rel, e.record_key or "", e.reason, e.detail, now) for e in errors]
        out.files.append((f.rel, sha, f.size, f.mtime, len(records), len(errors), now))
    out.articles = arrow_table(articles, ARTICLE_SCHEMA)
    return out


class _IngestWriter:
    """Writes what the workers read, batch by batch, each batch in one transaction.

    Why not one transaction for the whole ingest: DuckDB keeps a transaction's new rows in memory
    until it commits, so the process grew with the corpus (241 MB of DuckDB for 82k stories).  A
    batch commits its files' rows (source_files, article_sources, ingest_errors, articles) together,
    so a run killed in between leaves whole files: those committed are unchanged for the next run
    (same size and mtime), the others are read again, and removals are reconciled at the end."""

    def __init__(self, con: duckdb.DuckDBPyConnection, stats: IngestStats):
        self.con, self.stats = con, stats
        self.pending: list[FilesRead] = []
        self.pending_articles = 0

    def add(self, result: FilesRead) -> None:
        self.stats.files_unchanged += len(result.touched)
        self.stats.files_read += len(result.changed)
        self.stats.errors += len(result.errors)
        for error in result.errors:
            self.stats.error_reasons[error[2]] = self.stats.error_reasons.get(error[2], 0) + 1
        self.pending.append(result)
        self.pending_articles += len(result.articles)
        if self.pending_articles >= INGEST_WRITE_ARTICLES:
            self.flush()

    def flush(self) -> None:
        con, pending = self.con, self.pending
        self.pending, self.pending_articles = [], 0
        with wh.transaction(con):
            for rel, size, mtime in (t for r in pending for t in r.touched):
                # touched but identical: remember the new stat, nothing else changes
                con.execute("UPDATE source_files SET size_bytes = ?, mtime_ns = ? WHERE source_file = ?", [size, mtime, rel])
            self._write_changed(pending)

    def _write_changed(self, pending: list[FilesRead]) -> None:
        con = self.con
        changed = [rel for r in pending for rel in r.changed]
        if not changed:
            return
        wh.delete_keys(con, "article_sources", "source_file", changed)
        wh.delete_keys(con, "ingest_errors", "source_file", changed)
        wh.delete_keys(con, "source_files", "source_file", changed)
        wh.insert_frame(con, "source_files", arrow_table([row for r in pending for row in r.files], FILE_SCHEMA))
        wh.insert_frame(con, "ingest_errors", arrow_table([row for r in pending for row in r.errors], ERROR_SCHEMA))
        wh.insert_frame(con, "article_sources", arrow_table([row for r in pending for row in r.sources], SOURCE_SCHEMA))
        articles = concat([r.articles for r in pending])
        ids = articles.column("article_id").to_pylist()
        con.register("_batch", pa.table({"article_id": pa.array(ids, STRING)}))
        try:
            existing = {r[0] for r in con.execute(
                "SELECT article_id FROM articles WHERE article_id IN (SELECT article_id FROM _batch)").fetchall()}
        finally:
            con.unregister("_batch")
        keep = []  # the first record of each new text (files in path order, records in file order)
        for article_id in ids:
            keep.append(article_id not in existing)
            existing.add(article_id)
        self.stats.articles_new += wh.insert_frame(con, "articles", articles.filter(pa.array(keep, pa.bool_())))


def ingest(con: duckdb.DuckDBPyConnection, raw_dir: Path, limits=None, progress: Progress | None = None,
           workers: int | None = None, when_changed: Callable[[], None] | None = None) -> IngestStats:
    """Bring the warehouse's articles in line with the files under raw_dir.

    Files are hashed and parsed in the worker pool and committed in batches of whole files as they
    come back (memory stays flat; see _IngestWriter for what a killed run leaves).
    when_changed() is called before reading when some file is new, changed or removed."""
    from pipelines.core.ingest import IngestLimits, discover_files, relative_name

    limits = limits or IngestLimits()
    raw_dir = Path(raw_dir)
    stats = IngestStats()
    now = utcnow()
    known = {
        r[0]: (r[1], r[2], r[3])
        for r in con.execute("SELECT source_file, size_bytes, mtime_ns, file_sha256 FROM source_files").fetchall()
    }
    # A file refused for a limit is read again even if unchanged: the limits may have been raised.
    refused = {r[0] for r in con.execute(
        "SELECT source_file FROM ingest_errors WHERE reason IN ('too_large', 'article_too_long')").fetchall()}
    paths = discover_files(raw_dir) if raw_dir.is_dir() else []
    stats.files_seen = len(paths)

    seen: set[str] = set()
    to_read: list[FileToRead] = []
    for path in paths:
        rel = relative_name(path, raw_dir)
        seen.add(rel)
        try:
            st = path.lstat() if path.is_symlink() else path.stat()
            size, mtime, regular = st.st_size, st.st_mtime_ns, stat.S_ISREG(st.st_mode)
        except OSError:
            size = mtime = None
            regular = False
        previous = known.get(rel) if rel not in refused else None
        if previous and size is not None and previous[0] == size and previous[1] == mtime:
            stats.files_unchanged += 1
            continue
        to_read.append(FileToRead(path, rel, size, mtime, regular, previous[2] if previous else None))
    removed = sorted(set(known) - seen)
    stats.files_removed = len(removed)
    if when_changed and (to_read or removed):
        when_changed()

    n_workers = parallel.workers_for(len(to_read), workers, minimum=parallel.MIN_PARALLEL_FILES)
    size = parallel.task_size(len(to_read), n_workers, INGEST_TASK_FILES)
    jobs = ((files, raw_dir, limits, now) for files in parallel.chunks(to_read, size))
    done, writer = stats.files_unchanged, _IngestWriter(con, stats)
    if progress and to_read:
        progress("ingest", done, len(paths))  # starts the clock
    with parallel.worker_pool(n_workers) as pool, parallel.long_lived_objects_frozen():
        for result in parallel.ordered_map(pool, read_files, jobs):
            writer.add(result)
            if progress and (done + result.n_files) // 200 > done // 200:
                progress("ingest", done + result.n_files, len(paths))
            done += result.n_files
        writer.flush()
    with wh.transaction(con):
        wh.delete_keys(con, "article_sources", "source_file", removed)
        wh.delete_keys(con, "ingest_errors", "source_file", removed)
        wh.delete_keys(con, "source_files", "source_file", removed)
        stats.articles_removed = _reconcile_articles(con, now)
    if len(to_read) >= parallel.MIN_PARALLEL_FILES:  # a full collection costs 0.3 s in a run's process
        parallel.release_memory()
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


def _ids_table(ids: list[str]) -> pa.Table:
    return pa.table({"article_id": pa.array(ids, STRING)})


def _pylist_rows(table: pa.Table) -> Iterator[tuple]:
    """Rows of an Arrow table as tuples: column-wise conversion, 3x faster than DuckDB's fetchall."""
    return zip(*(column.to_pylist() for column in table.columns))


def article_texts(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[tuple[str, str]]:
    con.register("_ids", _ids_table(ids))
    try:
        return list(_pylist_rows(con.sql(
            "SELECT a.article_id, a.text FROM articles a JOIN _ids USING (article_id) ORDER BY a.article_id"
        ).to_arrow_table()))
    finally:
        con.unregister("_ids")


def mark_processed(con: duckdb.DuckDBPyConnection, stage: str, version: str, ids: list[str], now: datetime) -> None:
    """Log the batch as done for this stage and invalidate the stages downstream of it."""
    con.register("_ids", _ids_table(ids))
    try:
        for s in (stage, *STAGES_DOWNSTREAM[stage]):
            con.execute("DELETE FROM processing_log WHERE stage = ? AND article_id IN (SELECT article_id FROM _ids)", [s])
    finally:
        con.unregister("_ids")
    wh.insert_frame(con, "processing_log", pa.table({
        "stage": pa.array([stage] * len(ids), STRING), "article_id": pa.array(ids, STRING),
        "version": pa.array([version] * len(ids), STRING), "processed_at": pa.array([now] * len(ids), TIMESTAMP)}))


Read = Callable[[Any, list[str]], list]  # (con, article ids) -> one input item per article
Work = Callable[[list], dict[str, pa.Table]]  # input items -> {table: rows}; pure, runs in a worker
Computed = Iterable[tuple[list[str], dict[str, pa.Table]]]  # (article ids, their rows per table)


def computed_in_pool(con, ids: list[str], batch_size: int, read: Read, work: Work,
                     workers: int | None = None) -> Iterator[tuple[list[str], dict[str, pa.Table]]]:
    """Each batch of `ids` with the rows `work` makes of it, computed in the worker pool on tasks of
    a few hundred articles.  The next batch is read and computed while the caller writes this one;
    at most a few tasks are in flight (parallel.py), so memory does not grow with the corpus."""
    n_workers = parallel.workers_for(len(ids), workers)
    size = parallel.task_size(min(len(ids), batch_size), n_workers, TASK_ARTICLES)
    id_batches = list(batches(ids, batch_size))

    def tasks() -> Iterator[list]:
        for batch in id_batches:
            items = read(con, batch)
            for i in range(math.ceil(len(batch) / size)):  # a fixed number of tasks per batch
                yield items[i * size:(i + 1) * size]

    with parallel.worker_pool(n_workers) as pool:
        results = parallel.ordered_map(pool, work, tasks())
        for batch in id_batches:
            parts = [next(results) for _ in range(math.ceil(len(batch) / size))]
            yield batch, {table: concat([p[table] for p in parts]) for table in parts[0]}


def _run_batched(con, stage: str, version: str, computed: Computed, total: int,
                 progress: Progress | None) -> dict[str, int]:
    """Write computed batches, each in one transaction: its articles' rows replaced, the articles
    logged as processed by `stage` at `version`.  The only place the per-article stages write."""
    written: dict[str, int] = {}
    done = 0
    if progress and total:
        progress(stage, 0, total)  # starts the clock
    for batch, frames in computed:
        now = utcnow()
        with wh.transaction(con):
            for table, frame in frames.items():
                written[table] = written.get(table, 0) + wh.replace_for_keys(con, table, "article_id", batch, frame)
            mark_processed(con, stage, version, batch, now)
        del frames
        parallel.release_memory(collect=False)  # rows are freed by reference counting: no collection needed
        done += len(batch)
        if progress:
            progress(stage, done, total)
    return written


def run_stage(con, stage: str, batch_size: int, progress: Progress | None = None, workers: int | None = None) -> int:
    """Bring `stage` up to date on every current article; returns the number of articles processed."""
    version, read, work = STAGES[stage]()
    ids = pending_articles(con, stage, version)
    computed = computed_in_pool(con, ids, batch_size, read, work, workers)
    try:
        with parallel.long_lived_objects_frozen():
            _run_batched(con, stage, version, computed, len(ids), progress)
    finally:
        computed.close()  # a failed write stops the worker pool now, not when garbage is collected
        if len(ids) >= parallel.MIN_PARALLEL_ITEMS:  # a full collection costs 0.3 s in a run's process
            parallel.release_memory()
    return len(ids)


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


P_SCHEMA = pa.schema([("paragraph_id", STRING), ("article_id", STRING), ("paragraph_index", INT),
                      ("char_start", INT), ("char_end", INT)])
S_SCHEMA = pa.schema([("sentence_id", STRING), ("article_id", STRING), ("paragraph_id", STRING), ("sentence_index", INT),
                      ("char_start", INT), ("char_end", INT), ("text", STRING)])
P_COLUMNS, S_COLUMNS = P_SCHEMA.names, S_SCHEMA.names


def segment_work(articles: list[tuple[str, str]]) -> dict[str, pa.Table]:
    """(article_id, text) pairs -> paragraphs and sentences (runs in the worker pool)."""
    p_all, s_all = [], []
    for article_id, text in articles:
        p, s = segment_rows(article_id, text)
        p_all += p
        s_all += s
    return {"paragraphs": arrow_table(p_all, P_SCHEMA), "sentences": arrow_table(s_all, S_SCHEMA)}


def segment(con: duckdb.DuckDBPyConnection, batch_size: int = 5000, progress: Progress | None = None,
            workers: int | None = None) -> int:
    return run_stage(con, "segment", batch_size, progress, workers)


# --------------------------------------------------------------------------- extract

Q_SCHEMA = pa.schema([("quantity_id", STRING), ("article_id", STRING), ("sentence_id", STRING), ("char_start", INT),
                      ("char_end", INT), ("surface", STRING), ("value", DOUBLE), ("unit", STRING), ("kind", STRING),
                      ("qualifier", STRING), ("low", DOUBLE), ("high", DOUBLE), ("subject", STRING), ("metric", STRING)])
Q_COLUMNS = Q_SCHEMA.names


def quantity_rows(article_id: str, text: str, sentences: list[tuple[int, int]] | None = None) -> list[tuple]:
    """Extract one article's quantities as warehouse rows (pure: runs in the worker pool).
    sentences: the article's sentence spans as stored (computed when not given)."""
    from pipelines.core.extract import extract_quantities
    from pipelines.core.taxonomy import classify_metric

    sentences = textmod.sentence_spans(text) if sentences is None else sentences
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


def texts_and_sentences(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[tuple]:
    """(article_id, text, sentence spans or None) per article: the spans the segment stage stored,
    so that sentence_id always names a row of `sentences` (None when it has not run: computed).
    Spans come as flat Arrow columns split by article (fetching per-article lists is 5x slower)."""
    con.register("_ids", _ids_table(ids))
    try:
        spans = con.sql(
            "SELECT s.article_id, s.char_start, s.char_end FROM sentences s JOIN _ids USING (article_id)"
            " ORDER BY s.article_id, s.sentence_index").to_arrow_table()
    finally:
        con.unregister("_ids")
    by_article: dict[str, list[tuple[int, int]]] = {}
    for article_id, start, end in _pylist_rows(spans):
        by_article.setdefault(article_id, []).append((start, end))
    return [(a, text, by_article.get(a)) for a, text in article_texts(con, ids)]


def extract_work(articles: list[tuple]) -> dict[str, pa.Table]:
    """(article_id, text, sentence spans) triples -> quantities (runs in the worker pool)."""
    rows = []
    for article_id, text, sentences in articles:
        rows += quantity_rows(article_id, text, sentences)
    return {"quantities": arrow_table(rows, Q_SCHEMA)}


def extract(con: duckdb.DuckDBPyConnection, batch_size: int = 2000, progress: Progress | None = None,
            workers: int | None = None) -> int:
    return run_stage(con, "extract", batch_size, progress, workers)


# --------------------------------------------------------------------------- claims

C_SCHEMA = pa.schema([("check_id", STRING), ("article_id", STRING), ("check_type", STRING), ("part_quantity_id", STRING),
                      ("whole_quantity_id", STRING), ("percent_quantity_id", STRING),
                      ("part_quantity_ids", pa.list_(STRING)), ("stated", DOUBLE), ("recomputed", DOUBLE),
                      ("tolerance", DOUBLE), ("verdict", STRING), ("rule", STRING), ("explanation", STRING)])
C_COLUMNS = C_SCHEMA.names


def texts_and_quantities(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[tuple]:
    """(article_id, text, stored quantity rows) per article: claims are checked on the quantities as
    stored (and validated), never on an extractor's in-memory output."""
    con.register("_ids", _ids_table(ids))
    try:
        rows = con.sql(
            "SELECT q.article_id, q.quantity_id, q.char_start, q.char_end, q.surface, q.value, q.unit, q.kind, q.qualifier,"
            " q.low, q.high, q.subject, q.metric FROM quantities q JOIN _ids USING (article_id) ORDER BY q.article_id, q.char_start"
        ).to_arrow_table()
    finally:
        con.unregister("_ids")
    by_article: dict[str, list] = {}
    for r in _pylist_rows(rows):
        by_article.setdefault(r[0], []).append(r[1:])
    return [(a, text, by_article.get(a, [])) for a, text in article_texts(con, ids)]


def claims_work(articles: list[tuple]) -> dict[str, pa.Table]:
    """(article_id, text, quantity rows) triples -> claim_checks (runs in the worker pool)."""
    from pipelines.core.model import Quantity

    rows = []
    for article_id, text, stored in articles:
        quantities = [Quantity(start=r[1], end=r[2], surface=r[3], value=r[4], unit=r[5], kind=r[6], qualifier=r[7],
                               low=r[8], high=r[9], subject=r[10], metric=r[11], quantity_id=r[0]) for r in stored]
        rows += claim_rows(article_id, text, quantities)
    return {"claim_checks": arrow_table(rows, C_SCHEMA)}


def claim_rows(article_id: str, text: str, quantities: list) -> list[tuple]:
    from pipelines.core.claims import check_claims

    rows = []
    for n, c in enumerate(check_claims(text, quantities)):
        rows.append((f"{article_id}:c{n}", article_id, c.check_type, c.part_quantity_id, c.whole_quantity_id,
                     c.percent_quantity_id, list(c.part_quantity_ids or []), c.stated, c.recomputed, c.tolerance,
                     c.verdict, c.rule, c.explanation))
    return rows


def check(con: duckdb.DuckDBPyConnection, batch_size: int = 2000, progress: Progress | None = None,
          workers: int | None = None) -> int:
    return run_stage(con, "claims", batch_size, progress, workers)


# The per-article stages: name -> () -> (code version, read, work).  A function, so that the
# versions are looked up when a stage runs (tests replace extractor_version).
STAGES: dict[str, Callable[[], tuple[str, Read, Work]]] = {
    "segment": lambda: (SEGMENT_VERSION, article_texts, segment_work),
    "extract": lambda: (extractor_version(), texts_and_sentences, extract_work),
    "claims": lambda: (claims_version(), texts_and_quantities, claims_work),
}


# --------------------------------------------------------------------------- shards: beyond one process
#
# The same stages as files (docs/scaling.md): write_input_shards puts the pending articles of a
# stage with everything its work reads into Parquet files; run_shard turns one of them into
# Parquet files of rows anywhere (no warehouse needed: another process, container or machine);
# merge_shards, the one writer, loads them into DuckDB exactly as the in-process path does.

SHARD_ARTICLES = 5000
_QUANTITY_FIELDS = Q_SCHEMA.names[:1] + Q_SCHEMA.names[3:]  # what claims read: not article_id / sentence_id
_SHARD_INPUTS = {
    "segment": pa.schema([("article_id", STRING), ("text", STRING)]),
    "extract": pa.schema([("article_id", STRING), ("text", STRING), ("starts", pa.list_(INT)), ("ends", pa.list_(INT))]),
    "claims": pa.schema([("article_id", STRING), ("text", STRING), ("quantities", pa.list_(
        pa.struct([Q_SCHEMA.field(name) for name in _QUANTITY_FIELDS])))]),
}


def _items_to_arrow(stage: str, items: list[tuple]) -> pa.Table:
    rows = [(a, text) for a, text, *_ in items]
    if stage == "extract":
        rows = [(a, text, *(([s for s, _ in spans], [e for _, e in spans]) if spans is not None else (None, None)))
                for a, text, spans in items]
    elif stage == "claims":
        rows = [(a, text, [dict(zip(_QUANTITY_FIELDS, q)) for q in stored]) for a, text, stored in items]
    schema = _SHARD_INPUTS[stage]
    columns = list(zip(*rows)) if rows else [()] * len(schema)
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema)


def _items_from_arrow(stage: str, table: pa.Table) -> list[tuple]:
    columns = [table.column(name).to_pylist() for name in table.column_names]
    if stage == "extract":
        return [(a, text, list(zip(s, e)) if s is not None else None) for a, text, s, e in zip(*columns)]
    if stage == "claims":
        return [(a, text, [tuple(q[f] for f in _QUANTITY_FIELDS) for q in qs]) for a, text, qs in zip(*columns)]
    return list(zip(*columns))


def write_input_shards(con: duckdb.DuckDBPyConnection, stage: str, folder: Path,
                       shard_articles: int = SHARD_ARTICLES, at_least_one: bool = False) -> list[Path]:
    """The articles `stage` has still to process, shard_articles per Parquet file, with what its
    work reads (text, stored sentence spans or quantities).  Returns the files in order (with
    at_least_one, one empty file when nothing is pending)."""
    version, read, _ = STAGES[stage]()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    ids = pending_articles(con, stage, version)
    for n, batch in enumerate(list(batches(ids, shard_articles)) or ([[]] if at_least_one else [])):
        path = folder / f"{stage}-{n:05d}.in.parquet"
        pq.write_table(_items_to_arrow(stage, read(con, batch)), path)
        paths.append(path)
    return paths


def shard_outputs(in_path: Path, stage: str) -> dict[str, Path]:
    """The row files run_shard writes for an input shard: {table: path}."""
    stem = in_path.name.removesuffix(".in.parquet")
    tables = {"segment": ("paragraphs", "sentences"), "extract": ("quantities",), "claims": ("claim_checks",)}[stage]
    return {table: in_path.with_name(f"{stem}.{table}.parquet") for table in tables}


def run_shard(stage: str, in_path: Path) -> dict[str, Path]:
    """Compute one input shard into row files (pure; no warehouse).  Each file records the code
    version that made it, so that rows of another version are never merged as current."""
    version, _, work = STAGES[stage]()
    frames = work(_items_from_arrow(stage, pq.read_table(in_path)))
    outputs = shard_outputs(in_path, stage)
    for table, path in outputs.items():
        pq.write_table(frames[table].replace_schema_metadata({"stage": stage, "version": version}), path)
    return outputs


def merge_shards(con: duckdb.DuckDBPyConnection, stage: str, in_paths: list[Path],
                 progress: Progress | None = None) -> int:
    """Load computed shards into the warehouse, one transaction per shard (the in-process path's
    writer).  Refuses rows made by another code version of the stage."""
    version = STAGES[stage]()[0]
    ids = [pq.read_table(p, columns=["article_id"]).column(0).to_pylist() for p in in_paths]

    def computed() -> Iterator[tuple[list[str], dict[str, pa.Table]]]:
        for batch, in_path in zip(ids, in_paths):
            frames = {table: pq.read_table(path) for table, path in shard_outputs(in_path, stage).items()}
            made_by = {(f.schema.metadata or {}).get(b"version", b"").decode() for f in frames.values()}
            if made_by != {version}:
                raise ValueError(f"{in_path.name}: rows of {stage} version {made_by}, this is version {version}")
            yield batch, frames

    _run_batched(con, stage, version, computed(), sum(map(len, ids)), progress)
    return sum(map(len, ids))


def table_counts(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> dict[str, int]:
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
