"""Random bytes and texts in every format: read_source answers with records or precise
errors, never with an exception or an internal_error."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.core.ingest import read_source
from pipelines.core.ingest.records import REASONS
from pipelines.core.text import normalise_newlines

EXTENSIONS = [".txt", ".md", ".html", ".json", ".jsonl"]
# Characters the rules care about, so that random texts hit the patterns.
ALPHABET = st.sampled_from(list("山西省太原市平遥县全省记者编辑责任截至年月日下旬来源（）()[]【】：:，。\n \t<>/p#-{}\"'0123456789０１２十〇")
                           + ["<p>", "</p>", "<script>", "---\n", "title: ", "# ", '{"text": "', '"}', "记者陈俊琦", "2021年5月10日"])


def read(data: bytes, ext: str):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{ext}"
        path.write_bytes(data)
        return read_source(path, Path(tmp))


def check(records, errors):
    for e in errors:
        assert e.reason in REASONS and e.reason != "internal_error", e
    for r in records:
        assert r.text and r.text == normalise_newlines(r.text)
        assert r.region_code is None or (len(r.region_code) == 6 and r.region_code.isdigit())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(EXTENSIONS))
def test_random_bytes(data, ext):
    check(*read(data, ext))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=80).map("".join), st.sampled_from(EXTENSIONS), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_random_texts(text, ext, encoding):
    data = text.encode(encoding)
    records, errors = read(data, ext)
    check(records, errors)
    if ext == ".txt" and text.strip() and not errors:
        if encoding == "gb18030" and records[0].encoding == "utf-8":
            # A few GB18030 bytes can also be valid UTF-8 ("山" = C9 BD = "ɽ"); strict UTF-8 comes
            # first, as it must for real articles, where such a coincidence never spans the file.
            assert records[0].text == normalise_newlines(data.decode("utf-8"))
        else:
            assert [r.text for r in records] == [normalise_newlines(text)]
