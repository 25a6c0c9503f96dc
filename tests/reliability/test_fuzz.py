"""Generated inputs: the extractor, the decoding layer and read_source never raise, spans are valid,
values finite, and clean articles survive every format and encoding unchanged.

Each property runs twice: a few hundred examples in the default suite (profile ``reliability``) and
10,000+ under ``make fuzz`` (marker ``fuzz``, profile ``fuzz``).  The extractor runs in strict mode:
a rule that raises fails the property instead of being skipped by its safety net."""
from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from pipelines.core.extract import engine, extract_quantities
from pipelines.core.ingest import read_source
from pipelines.core.ingest.decode import DecodeFailure, decode_bytes
from pipelines.core.ingest.records import REASONS
from pipelines.core.model import KINDS, QUALIFIERS
from pipelines.core.text import normalise_newlines
from tests.reliability import strategies as s

DEFAULT = settings.get_profile("reliability")
FUZZ = settings.get_profile("fuzz")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@pytest.fixture(scope="module", autouse=True)
def strict_extractor():
    def reraise(exc: Exception) -> None:
        raise exc

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(engine, "_rule_error", reraise)
        yield


# ----------------------------------------------------------------------------- extractor


def check_quantities(text: str) -> None:
    out = extract_quantities(text)
    end = 0
    for q in out:
        assert 0 <= q.start < q.end <= len(text) and q.start >= end, (q, "sorted, non-overlapping, inside the text")
        assert q.surface == text[q.start:q.end]
        assert q.kind in KINDS and q.qualifier in QUALIFIERS
        for v in (q.value, q.low, q.high):
            assert v is None or (isinstance(v, float) and math.isfinite(v) and abs(v) < 1e30), q
        end = q.end
    assert extract_quantities(text) == out  # pure


@DEFAULT
@given(s.texts)
def test_extractor(text):
    check_quantities(text)


@pytest.mark.fuzz
@FUZZ
@given(s.texts)
def test_extractor_fuzz(text):
    check_quantities(text)


# ----------------------------------------------------------------------------- decoding


def check_decode(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except DecodeFailure as e:
        assert e.reason in ("binary", "undecodable") and e.detail
        return
    assert isinstance(text, str) and encoding
    assert not _SURROGATE.search(text)  # storable as UTF-8
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        assert text == data.decode(encoding)


@DEFAULT
@given(s.raw_bytes)
def test_decoding(data):
    check_decode(data)


@pytest.mark.fuzz
@FUZZ
@given(s.raw_bytes)
def test_decoding_fuzz(data):
    check_decode(data)


# ----------------------------------------------------------------------------- read_source

FORMATS = {"txt": ".txt", "md": ".md", "json": ".json", "jsonl": ".jsonl", "html": ".html"}


def _encode(content: str, encoding: str) -> bytes:
    return content.encode(encoding)


def _unambiguous(content: str, encoding: str, data: bytes) -> bool:
    """Is there only one right way to decode data?  (Without a BOM, a GB18030 text can also be valid
    or almost valid UTF-8, and a UTF-16 text's byte order can be a guess.)"""
    if encoding == "gb18030":
        high = sum(b >= 0x80 for b in data)
        return sum(map(len, _UTF8_SEQ.findall(data))) < 0.5 * high
    if encoding in ("utf-16-le", "utf-16-be"):
        return s.clearly_utf16_order(content)
    return True


def check_file(fmt: str, texts: list[str], title: str, layout: int, encoding: str, broken: list[bool]) -> None:
    if fmt in ("txt", "md", "html"):
        texts = texts[:1]
    content = s.file_content(fmt, texts, title, layout)
    if fmt == "jsonl":  # some lines cut in half: each is one malformed_json error, the others land
        lines = content.split("\n")
        lines = [line[: len(line) // 2] if i < len(broken) and broken[i] else line for i, line in enumerate(lines)]
        content = "\n".join(lines)
    data = _encode(content, encoding)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"article{FORMATS[fmt]}"
        path.write_bytes(data)
        records, errors = read_source(path, Path(tmp))
    for e in errors:
        assert e.reason in REASONS and e.reason != "internal_error", e
    for r in records:
        assert r.text and r.text == normalise_newlines(r.text)
        for value in (r.text, r.title, r.record_key, r.source, r.author, r.region, r.url):
            assert value is None or not _SURROGATE.search(value)
        assert "脚本泄漏" not in r.text
    unambiguous = _unambiguous(content, encoding, data)
    event(f"round trip {'checked' if unambiguous else 'skipped'}: {fmt} in {encoding}")
    if not unambiguous:
        return
    expected_title = " ".join(title.split()) or None
    if fmt in ("txt", "md"):
        assert errors == [] and [r.text for r in records] == [normalise_newlines(texts[0])]
        if fmt == "md" and layout and expected_title:
            assert records[0].title == expected_title
    elif fmt == "json":
        keys = s.json_record_keys(layout, len(texts))
        assert errors == [] and [(r.record_key, r.text) for r in records] == [
            (k, normalise_newlines(t)) for k, t in zip(keys, texts)]
        assert not expected_title or all(r.title == expected_title for r in records)
    elif fmt == "jsonl":
        bad = {f"line {i + 1}" for i, b in enumerate(broken[: len(texts)]) if b}
        assert {(e.record_key, e.reason) for e in errors} == {(k, "malformed_json") for k in bad}
        assert [(r.record_key, r.text) for r in records] == [
            (f"line {i + 1}", normalise_newlines(t)) for i, t in enumerate(texts) if f"line {i + 1}" not in bad]


files = st.tuples(st.sampled_from(sorted(FORMATS)), st.lists(s.article_texts, min_size=1, max_size=3), s.titles,
                  st.integers(0, 2), st.sampled_from(s.ENCODINGS), st.lists(st.booleans(), max_size=3))


@DEFAULT
@given(files)
def test_read_source(file):
    check_file(*file)


@pytest.mark.fuzz
@FUZZ
@given(files)
def test_read_source_fuzz(file):
    check_file(*file)


@DEFAULT
@given(s.raw_bytes, st.sampled_from(sorted(FORMATS.values())))
def test_read_source_on_arbitrary_bytes(data, ext):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"f{ext}").write_bytes(data)
        records, errors = read_source(Path(tmp) / f"f{ext}", Path(tmp))
    assert all(e.reason in REASONS and e.reason != "internal_error" for e in errors), errors
    assert all(r.text == normalise_newlines(r.text) and r.text for r in records)
