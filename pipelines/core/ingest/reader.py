"""discover_files and read_source: the two entry points of ingestion."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from pathlib import Path

from pipelines.core.text import normalise_newlines

from . import metadata as md
from .decode import DecodeFailure, decode_bytes
from .formats import EXTENSIONS, Draft, parse
from .records import ArticleRecord, IngestError, IngestLimits
from .regions import detect_region, resolve_region_name


def _inside(path: Path, root: Path) -> bool:
    """Does ``path`` (symlinks resolved) lie inside the resolved ``root``?"""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def discover_files(raw_dir: Path) -> list[Path]:
    """Files under ``raw_dir`` with a supported extension, recursively, sorted by their path
    relative to ``raw_dir``; hidden names (starting with '.') are skipped.

    Symlinks: one whose target stays inside ``raw_dir`` is listed like a file (a symlinked
    folder inside is not walked twice); one whose target resolves *outside* is never
    followed but still listed (a folder link whatever its name), so that read_source
    reports it as an 'outside_raw_dir' error instead of it vanishing silently.
    """
    raw_dir = Path(raw_dir)
    found: list[Path] = []
    for folder, dirs, files in os.walk(raw_dir, followlinks=False):
        here = Path(folder)
        for name in list(dirs):
            if name.startswith(".") or (here / name).is_symlink():
                dirs.remove(name)
                if not name.startswith(".") and not _inside(here / name, raw_dir):
                    found.append(here / name)
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in EXTENSIONS:
                found.append(here / name)
    return sorted(found, key=lambda p: p.relative_to(raw_dir).as_posix())


def relative_name(path: Path, raw_dir: Path) -> str:
    try:
        rel = path.relative_to(raw_dir).as_posix()
    except ValueError:
        rel = path.as_posix()
    return storable(rel)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _spell_surrogate(m: re.Match) -> str:
    cp = ord(m.group())
    return f"\\x{cp - 0xDC00:02x}" if 0xDC80 <= cp <= 0xDCFF else f"\\u{cp:04x}"


def storable(text: str) -> str:
    """``text`` with every lone surrogate spelled out: ``\\xb1`` for a file-name byte that is not
    UTF-8 (Python's surrogate escape), ``\\ud800`` for a JSON escape that is no character.  The
    warehouse stores UTF-8, which has no surrogates, and replacing them all with U+FFFD would
    make two GBK file names of the same length (报告.txt, 北京.txt) one and the same name."""
    return _SURROGATE.sub(_spell_surrogate, text) if _SURROGATE.search(text) else text


def read_source(path: Path, raw_dir: Path, limits: IngestLimits = IngestLimits()) -> tuple[list[ArticleRecord], list[IngestError]]:
    """Every article in one file, and what could not be read (per file or per record).
    Never raises: an unexpected exception becomes an 'internal_error'."""
    path, raw_dir = Path(path), Path(raw_dir)
    rel = relative_name(path, raw_dir)
    try:
        records, errors = _read(path, raw_dir, rel, limits)
    except Exception as e:  # the contract is "never raises"; the detail says what went wrong
        records, errors = [], [IngestError(rel, "", "internal_error", f"{type(e).__name__}: {e}")]
    for e in errors:  # details quote paths and JSON keys, which may hold surrogates
        e.source_file, e.record_key, e.detail = storable(e.source_file), storable(e.record_key), storable(e.detail)
    return records, errors


def _read(path: Path, raw_dir: Path, rel: str, limits: IngestLimits) -> tuple[list[ArticleRecord], list[IngestError]]:
    def fail(reason: str, detail: str) -> tuple[list, list[IngestError]]:
        return [], [IngestError(rel, "", reason, detail)]

    if not _inside(path, raw_dir):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: Python 3.11's word for a symlink loop
            if path.is_symlink():
                return fail("outside_raw_dir", "a symlink loop (or a link to nothing outside the raw folder); not followed")
            target = path.absolute()
        return fail("outside_raw_dir", f"resolves to {target}, outside the raw folder {raw_dir}; not followed")
    try:
        st = path.stat()
    except OSError as e:
        return fail("unreadable", f"cannot stat the file: {e.strerror or e}")
    if not stat.S_ISREG(st.st_mode):
        kind = "a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file (FIFO, socket or device)"
        return fail("not_a_file", f"the path is {kind}")
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        return fail("unsupported_format", f"extension {path.suffix or '(none)'!r} is not one of {', '.join(EXTENSIONS)}")
    if st.st_size == 0:
        return fail("empty_file", "the file has zero bytes")
    if st.st_size > limits.max_file_bytes:
        return fail("too_large", f"{st.st_size:,} bytes is over the limit of {limits.max_file_bytes:,} bytes (max_file_bytes)")
    try:
        data = path.read_bytes()
    except OSError as e:
        return fail("unreadable", f"cannot read the file: {e.strerror or e}")
    file_sha = hashlib.sha256(data).hexdigest()
    try:
        decoded, encoding = decode_bytes(data)
    except DecodeFailure as e:
        return fail(e.reason, e.detail)
    if not decoded.strip().lstrip("\ufeff").strip():
        return fail("empty_file", f"{len(data)} bytes of whitespace only")

    drafts, problems = parse(fmt, decoded)
    errors = [IngestError(rel, p.record_key, p.reason, p.detail) for p in problems]
    records = []
    for draft in drafts:
        try:
            record = _record(draft, rel, fmt, encoding, file_sha, limits)
        except Exception as e:  # one record's bug must not cost the file's other records
            errors.append(IngestError(rel, draft.record_key, "internal_error", f"{type(e).__name__}: {e}"))
            continue
        if isinstance(record, IngestError):
            errors.append(record)
        else:
            records.append(record)
    return records, errors


def _record(draft: Draft, rel: str, fmt: str, encoding: str, file_sha: str,
            limits: IngestLimits) -> ArticleRecord | IngestError:
    key = storable(draft.record_key)
    if len(draft.text) > 4 * limits.max_article_chars + 1_000_000:  # not worth normalising
        return IngestError(rel, key, "article_too_long", f"{len(draft.text):,} characters before normalisation "
                                                         f"is far over the limit of {limits.max_article_chars:,}")
    text = normalise_newlines(draft.text)
    if not text:
        return IngestError(rel, key, "no_text", "the article text is empty after removing markup and whitespace")
    if len(text) > limits.max_article_chars:
        return IngestError(rel, key, "article_too_long", f"{len(text):,} characters is over the limit of "
                                                         f"{limits.max_article_chars:,} (max_article_chars)")
    if bad := _SURROGATE.search(text):  # only a JSON \u escape can put one there
        return IngestError(rel, key, "undecodable", f"the text holds U+{ord(bad.group()):04X} at character "
                                                    f"{bad.start()}: half of a surrogate pair, no character")
    meta = draft.meta
    given_title = _clean(meta.get("title"))
    title = given_title or md.find_title(text, heading=draft.heading_title)
    given_region = _clean(meta.get("region"))
    if given_region:  # an unknown name is kept, without a code
        region = resolve_region_name(given_region)
    else:  # the lead is the first sentence after the title line when the title was taken from the text
        region = detect_region(text, md.lead_end(text, skip_first_line=title is not None and not given_title), title)
    return ArticleRecord(
        article_id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        source_file=rel,
        record_key=key,
        source_format=fmt,
        encoding=encoding,
        text=text,
        title=title,
        published_date=md.parse_date(meta.get("date")) or md.find_published_date(text),
        region=region.name if region else given_region,
        region_code=region.code if region else None,
        region_level=region.level if region else None,
        author=_clean(meta.get("author")) or md.find_author(text),
        editor=_clean(meta.get("editor")) or md.find_editor(text),
        source=_clean(meta.get("source")) or md.find_source(text),
        url=_clean(meta.get("url")),
        reporting_period=md.find_reporting_period(text),
        file_sha256=file_sha,
    )


def _clean(value) -> str | None:
    """A metadata value as one line of text, or None.  Only scalars and lists of scalars:
    str() of a YAML alias bomb (a list of lists of lists ...) would never finish."""
    if isinstance(value, (list, tuple)):
        value = "、".join(str(v) for v in value if isinstance(v, (str, int, float, dt.date)))
    elif not isinstance(value, (str, int, float, dt.date)) or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    return storable(text) or None
