"""Encoding detection on bytes made in the test (the file-level cases are in the fixtures)."""
from __future__ import annotations

import pytest

from pipelines.core.ingest.decode import DecodeFailure, decode_bytes

TEXT = "河北省完成三级领导班子换届。截至10月底，全省11个设区市完成换届，占100%。\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gbk"), "gb18030"),
    (b"plain ascii header\n" * 5000 + TEXT.encode("gbk"), "gb18030"),  # the Chinese starts after 95 kB
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("utf-32"), "utf-32"),
])
def test_decodes(data, encoding):
    text, found = decode_bytes(data)
    assert found == encoding
    assert text.lstrip("\ufeff").endswith(TEXT.strip() + "\n") or text.lstrip("\ufeff") == TEXT


@pytest.mark.parametrize("data, reason, words", [
    (TEXT.encode() * 100 + b"\xff" + TEXT.encode() * 100, "undecodable", f"damaged UTF-8: invalid start byte at byte {len(TEXT.encode()) * 100} "),
    (TEXT.encode()[:-3], "undecodable", "unexpected end of data"),  # cut inside a character
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "binary", "PNG image"),
    (b"PK\x03\x04" + b"\x14" * 30, "binary", "ZIP archive"),
    (b"%PDF-1.7\n", "binary", "PDF document"),
    (bytes(range(256)) * 4, "binary", "NUL bytes"),
    (b"\x01\x00\x02\x00\x03\x00" * 50, "binary", "not UTF-16 text"),  # NULs on one parity, still not text
    (b"\x01\x02\x03\x04\x05\x06 text with control characters \x07\x08" * 20, "binary", "control characters"),
    (b"\xff\xfe" + b"\x00\xd8" * 3, "undecodable", "utf-16 byte-order mark"),  # unpaired surrogates
])
def test_refuses(data, reason, words):
    with pytest.raises(DecodeFailure) as failure:
        decode_bytes(data)
    assert failure.value.reason == reason
    assert words in failure.value.detail
