"""The one place where text is normalised, and paragraph / sentence segmentation.

Decision (kept everywhere): ``articles.text`` is the decoded source text with only
newline and outer-whitespace normalisation (CRLF/CR -> LF, BOM removed, trailing spaces
trimmed per line, no empty lines).  Full-width digits and punctuation are *kept* in the
stored text, so users see the source as published.  Rules that need ASCII forms work on
``fold_width(text)``, a 1:1 code-point mapping, so every offset found on the folded view
is valid in the stored text.
"""
from __future__ import annotations

import re

# Full-width ASCII variants U+FF01..U+FF5E -> U+0021..U+007E; ideographic space -> space.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_FOLD[0x00A0] = 0x20


_FOLD_CHAR = {chr(cp): chr(to) for cp, to in _FOLD.items()}
_FOLDABLE = re.compile("[\uff01-\uff5e\u3000\u00a0]")


def _fold_match(m: re.Match) -> str:
    return _FOLD_CHAR[m.group()]


def fold_width(text: str) -> str:
    """Full-width ASCII -> ASCII, keeping length (one code point for one code point).
    (A regex substitution: 3x faster than str.translate with a dict on Chinese text.)"""
    return _FOLDABLE.sub(_fold_match, text)


_BLANK_RUN = re.compile(r"[ \t\u3000\u00a0\u2002\u2003\u2009\u200b]+")


def normalise_newlines(text: str) -> str:
    """Decoded source text -> stored article text (see the module docstring)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = (_BLANK_RUN.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line; a paragraph is one line of the stored text."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


# A sentence ends at 。！？!? (or … run), plus any closing quotes/brackets that follow.
_SENT_END = re.compile(r"(?:[。！？!?]+|…{2,}|\.{6})[”’」』）)\]】〕]*")


def sentence_spans(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside paragraphs.  Semicolons do not end a sentence: official
    prose chains a base and its breakdown with ；, and the claim linker needs them together."""
    out = []
    for p_start, p_end in paragraphs if paragraphs is not None else paragraph_spans(text):
        seg = text[p_start:p_end]
        pos = 0
        for m in _SENT_END.finditer(seg):
            if m.end() > pos and seg[pos:m.end()].strip():
                out.append((p_start + pos, p_start + m.end()))
            pos = m.end()
        if seg[pos:].strip():
            out.append((p_start + pos, p_end))
    return out
