"""The position helpers of the claim linker (parentheses, clause starts, masking) against their
plain per-character definitions, on arbitrary text: the fast versions must agree everywhere."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.core.claims.document import CLAUSE_PUNCT, CLOSE, OPEN, Doc
from pipelines.core.claims.scopes import _mask_parentheses
from pipelines.core.text import _FOLD, fold_width

TEXT = st.lists(st.sampled_from(list("（()）\n，,；。！？：人12中 ") + ["干部", "其中"]), max_size=60).map("".join)


def paren_by_character(f: str) -> list[int]:
    """Innermost open parenthesis at every position (-1: none); a line break closes all."""
    out, stack = [], []
    for i, ch in enumerate(f):
        if ch in CLOSE and stack:
            stack.pop()
        out.append(stack[-1] if stack else -1)
        if ch in OPEN:
            stack.append(i)
        if ch == "\n":
            stack.clear()
    return out + [-1]


def clause_start_by_character(doc: Doc, pos: int) -> int:
    lo = doc.sent_span(doc.sent_of(pos))[0]
    i = pos - 1
    while i >= lo and doc.f[i] not in CLAUSE_PUNCT:
        i -= 1
    return i + 1


def mask_by_character(f: str) -> str:
    out, depth = [], 0
    for ch in f:
        if ch in "（(":
            depth += 1
            out.append("□")
        elif ch in "）)" and depth:
            depth -= 1
            out.append("□")
        else:
            out.append("□" if depth else ch)
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_positions_agree_with_their_definitions(text):
    doc = Doc(text, [])
    expected = paren_by_character(doc.f)
    assert [doc.paren_at(i) for i in range(-1, len(text) + 2)] == [-1] + expected + [-1]
    assert [doc.clause_start(i) for i in range(len(text) + 1)] == \
        [clause_start_by_character(doc, i) for i in range(len(text) + 1)]
    assert _mask_parentheses(text) == mask_by_character(text)


def test_examples():
    text = "共102人（其中女性(含少数民族)15人），占比，好。\n（未完"
    doc = Doc(text, [])
    assert doc.paren_at(text.index("女")) == text.index("（")
    assert doc.paren_at(text.index("含")) == text.index("(")
    assert doc.paren_at(text.index("占")) == -1
    assert doc.paren_at(text.index("未")) == text.rindex("（")
    assert doc.clause_start(text.index("好")) == text.index("好")
    assert doc.clause_start(text.index("比")) == text.index("占")
    assert _mask_parentheses("a（b(c)d）e)f") == "a□□□□□□□e)f"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_fold_width_is_the_translation_table(text):
    assert fold_width(text) == text.translate(_FOLD)
