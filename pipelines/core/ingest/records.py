"""What ingestion produces: article records, per-file / per-record errors, and its limits."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# IngestError.reason codes (a file or record yields exactly one of them):
REASONS = {
    "outside_raw_dir": "a symlink (or path) whose target resolves outside the raw folder; not followed",
    "not_a_file": "not a regular file (a directory, FIFO, device ...)",
    "unsupported_format": "an extension ingestion does not read",
    "unreadable": "the operating system refused to read it",
    "empty_file": "zero bytes, or nothing but whitespace / a byte-order mark",
    "too_large": "file larger than IngestLimits.max_file_bytes; not read",
    "binary": "an image, archive or other binary file (magic number or NUL bytes)",
    "undecodable": "bytes that no supported text encoding decodes cleanly",
    "malformed_json": "a .json file or a .jsonl line that is not valid JSON",
    "malformed_front_matter": "Markdown front matter that is not a YAML mapping (the body is still read)",
    "no_text": "a file or JSON record without article text",
    "article_too_long": "article text longer than IngestLimits.max_article_chars",
    "internal_error": "a bug: an unexpected exception while reading (never raised to the caller)",
}


@dataclass(frozen=True, slots=True)
class IngestLimits:
    max_file_bytes: int = 50 * 1024 * 1024
    max_article_chars: int = 2_000_000


@dataclass(slots=True)
class ArticleRecord:
    article_id: str  # first 16 hex digits of sha256(text): content identity
    source_file: str  # posix path relative to the raw folder
    record_key: str  # '' for one-article files; 'videoList[3]', '[0]', 'line 17' inside JSON
    source_format: str  # txt | md | html | json | jsonl
    encoding: str  # detected encoding of the file
    text: str  # stored text (pipelines.core.text.normalise_newlines); every offset refers to it
    title: str | None = None
    published_date: dt.date | None = None
    region: str | None = None
    region_code: str | None = None  # 6-digit administrative code, e.g. '140000'
    region_level: str | None = None  # province | prefecture | county
    author: str | None = None
    editor: str | None = None
    source: str | None = None
    url: str | None = None
    reporting_period: str | None = None
    file_sha256: str = ""  # sha256 of the file's raw bytes


@dataclass(slots=True)
class IngestError:
    source_file: str
    record_key: str  # '' for a whole file
    reason: str  # a key of REASONS
    detail: str  # one precise sentence for a person
