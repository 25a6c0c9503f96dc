"""Bytes -> str: encoding detection with strict decoders first, charset-normalizer last.

Order: binary magic numbers; byte-order marks (UTF-8, UTF-32, UTF-16); NUL bytes
(UTF-16 without BOM when the NULs sit on one parity of offsets, else binary); strict
UTF-8; damaged UTF-8 (most high bytes form valid UTF-8 sequences) is refused rather
than guessed; strict GB18030 (a superset of GBK and GB2312) when the result reads
like Chinese text; charset-normalizer as the last resort.
"""
from __future__ import annotations

import re

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive (or an Office/EPUB file)"),
    (b"PK\x05\x06", "an empty ZIP archive"), (b"%PDF-", "a PDF document"), (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"), (b"Rar!\x1a\x07", "a RAR archive"), (b"\x7fELF", "an ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office (OLE) document"), (b"SQLite format 3\x00", "an SQLite database"),
    (b"RIFF", "a RIFF (WAV/AVI/WebP) file"), (b"\x00\x00\x00\x18ftyp", "an MP4 video"), (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# Characters a real text does not contain: C0 controls other than whitespace, DEL/C1,
# the replacement character, private use, unpaired surrogates.
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\ud800-\udfff]")
# Where the non-ASCII characters of a Chinese text live: CJK ideographs and punctuation,
# kana, full-width forms, general punctuation, Latin-1 letters and symbols.
_COMMON_NON_ASCII = re.compile("[\u00a0-\u00ff\u2000-\u206f\u2100-\u22ff\u2460-\u24ff\u25a0-\u26ff"
                               "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_CJK = re.compile("[\u4e00-\u9fff]")
_TEXT_SAMPLE = 4_096  # characters checked for control / private-use characters
_BYTE_SAMPLE = 65_536  # bytes scanned for UTF-8 sequences, handed to charset-normalizer


class DecodeFailure(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def _reads_as_text(text: str, chinese: bool = False) -> bool:
    """No control / private-use / replacement characters; with ``chinese``, the non-ASCII
    characters are mostly CJK and its punctuation (what a GB18030 text decodes to)."""
    sample = text[:_TEXT_SAMPLE]
    if not sample:
        return True
    if len(_BAD_CHARS.findall(sample)) > len(sample) * 0.005:
        return False
    if chinese:
        non_ascii = sum(1 for ch in sample if ch > "\x7f")
        return non_ascii == 0 or len(_COMMON_NON_ASCII.findall(sample)) >= 0.95 * non_ascii
    return True


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, 'utf-16-le' | 'utf-16-be') when the bytes read as Chinese text in one byte order,
    else None.  The parity of the NUL bytes alone cannot tell the order: ASCII characters put
    their NUL on one side, but CJK ideographs such as 一 (U+4E00) and 开 (U+5F00) put theirs on
    the other, and a Chinese article may hold more of those than ASCII.  So both orders are
    decoded; among those that read as text the one with more ideographs wins, then the NULs' side."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    best = None
    for encoding, nul_side in (("utf-16-le", odd - even), ("utf-16-be", even - odd)):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text, chinese=True):  # a guess without a BOM: ask for plausible text
            score = (len(_CJK.findall(text, 0, _TEXT_SAMPLE)), nul_side)
            if best is None or score > best[0]:
                best = (score, text, encoding)
    return (best[1], best[2]) if best else None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding name); raises DecodeFailure('binary' | 'undecodable', detail)."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeFailure("binary", f"the file is {what} (its first bytes are {data[:len(magic)]!r})")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as e:
                raise DecodeFailure("undecodable", f"starts with a {encoding} byte-order mark but is not valid "
                                                   f"{encoding}: {e.reason} at byte {e.start}") from None
            if not _reads_as_text(text):
                raise DecodeFailure("binary", f"starts with a {encoding} byte-order mark but decodes to control characters")
            return text, encoding
    nuls = data.count(0)
    if nuls:
        if utf16 := _utf16_without_bom(data):
            return utf16
        raise DecodeFailure("binary", f"{nuls} NUL bytes in {len(data)} ({nuls / len(data):.1%}) and not UTF-16 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    else:
        if not _reads_as_text(text):
            raise DecodeFailure("binary", "valid UTF-8 but full of control characters")
        return text, "utf-8"
    # Around the first invalid byte (before it all is valid UTF-8, maybe plain ASCII):
    # do the high bytes still form UTF-8 sequences?
    window = data[max(0, utf8_error.start - _BYTE_SAMPLE // 2): utf8_error.start + _BYTE_SAMPLE // 2]
    high = len(_HIGH_BYTE.findall(window))
    in_utf8 = sum(len(m) for m in _UTF8_SEQ.findall(window))
    if in_utf8 >= 0.9 * high:
        bad = data[utf8_error.start: utf8_error.start + 4]
        raise DecodeFailure("undecodable", f"damaged UTF-8: {utf8_error.reason} at byte {utf8_error.start} "
                                           f"({bad!r}); the rest is UTF-8, so no other encoding is guessed")
    try:
        text = data.decode("gb18030")
        if _reads_as_text(text, chinese=True):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported late: slow to import, rarely needed

    best = from_bytes(data[:_BYTE_SAMPLE]).best()
    if best is not None and best.encoding:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None and _reads_as_text(text):
            return text, best.encoding
    raise DecodeFailure("undecodable", f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}), not GB18030 "
                                       "and charset-normalizer found no encoding that gives clean text")
