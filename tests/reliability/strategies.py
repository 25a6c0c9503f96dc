"""Hypothesis strategies for Chinese official prose and the files it comes in.

Texts are built from what the extractor's rules react to — ASCII and full-width digits, Chinese
numerals (cn2an renders real ones), 万/亿, %, 百分之, classifiers, qualifiers, quotes, CJK
punctuation, newlines — mixed with random Unicode and, now and then, absurdly long numerals.
"""
from __future__ import annotations

import json

import cn2an
from hypothesis import strategies as st

FULL_WIDTH = str.maketrans("0123456789.%,", "０１２３４５６７８９．％，")

CLASSIFIERS = ["个", "名", "人", "人次", "件", "起", "户", "家", "项", "元", "万元", "亿元", "美元", "吨", "公里",
               "平方公里", "亩", "岁", "年", "月", "日", "倍", "次", "批", "所", "条", "份", "届", "位", "辆", "个月"]
QUALIFIERS = ["以上", "以下", "左右", "约", "近", "超过", "不足", "不到", "多", "余", "逾", "至", "到", "—", "~",
              "及以上", "不少于", "不超过", "突破", "同比增长", "下降", "占"]
PERCENT_WORDS = ["%", "％", "‰", "个百分点", "百分之", "成", "分之", "一半", "过半", "半数", "三分之二"]
QUOTES = ["“", "”", "‘", "’", "《", "》", "「", "」", "（", "）", "【", "】", "\"", "'", "(", ")"]
PUNCTUATION = ["，", "。", "、", "；", "：", "！", "？", "…", "——", "．", "\n", " ", "\u3000"]
WORDS = ["全省", "共有", "干部", "其中", "女干部", "县（市、区）", "党政正职", "占比", "累计", "完成投资", "截至", "年底",
         "第", "记者", "十四五", "两个确立", "5G", "PM2.5", "C919", "2024年", "3月", "下旬", "上半年", "一季度",
         "谈心谈话", "查实", "线索", "立案", "山西省", "北京市", "全国", "万", "亿", "万亿"]
PIECES = CLASSIFIERS + QUALIFIERS + PERCENT_WORDS + QUOTES + PUNCTUATION + WORDS

arabic = st.one_of(
    st.integers(0, 10 ** 12).map(str),
    st.integers(1000, 10 ** 12).map("{:,}".format),
    st.tuples(st.integers(0, 10 ** 6), st.integers(0, 10 ** 4)).map(lambda t: f"{t[0]}.{t[1]}"),
    st.integers(10 ** 20, 10 ** 60).map(str),  # beyond 1e30: left out or finite, never inf
)
short_numeral = st.one_of(
    arabic,
    arabic.map(lambda s: s.translate(FULL_WIDTH)),
    st.integers(0, 10 ** 15).map(cn2an.an2cn),  # 一千二百三十四万五千六百七十八
    st.text("〇零一二两三四五六七八九十百千万亿点", min_size=1, max_size=12),
)
numeral = st.one_of(
    short_numeral,
    # absurd runs, at the lengths where float() (309 digits) and int() (4,301 digits) give up
    st.tuples(st.sampled_from("0123456789１９一九"), st.sampled_from([65, 309, 400, 4301, 6000]) | st.integers(40, 6000)
              ).map(lambda t: t[0] * t[1]),
)
scaled = st.tuples(numeral, st.sampled_from(["", "万", "亿", "万亿", "多万", "余亿"]), st.sampled_from(CLASSIFIERS + PERCENT_WORDS))
mention = st.one_of(numeral, scaled.map("".join), st.tuples(st.sampled_from(["百分之", "近", "约", "超过"]), numeral).map("".join))

texts = st.lists(st.one_of(mention, st.sampled_from(PIECES), st.text(max_size=3)), max_size=40).map("".join)

# ----------------------------------------------------------------------------- article texts in files
# For exact round trips: no markup, front-matter, heading or JSON-special characters, no ASCII letters.
SAFE_PIECES = [p for p in PIECES if not any(c in p for c in "<>#&{}-\"'") and not any(c.isascii() and c.isalpha() for c in p)]
_CJK_WORDS = [w for w in SAFE_PIECES if any("\u4e00" <= c <= "\u9fff" for c in w)]
_line = st.tuples(st.sampled_from(_CJK_WORDS),  # every line holds some Chinese
                  st.lists(st.one_of(st.sampled_from(SAFE_PIECES), short_numeral), max_size=25)
                  ).map(lambda t: t[0] + "".join(t[1]))
article_texts = st.lists(_line, min_size=1, max_size=6).map("\n".join)
titles = st.lists(st.sampled_from(SAFE_PIECES), min_size=1, max_size=6).map("".join)

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]


def clearly_utf16_order(text: str) -> bool:
    """Can a BOM-less UTF-16 reader know the byte order for sure?  Yes when the text has ASCII
    characters (NUL bytes on one side) but none at or above 'N' (whose byte-swapped form is a CJK
    ideograph), and more of them than characters with a zero low byte (一, U+3000: NUL on the other side)."""
    ascii_chars = [c for c in text if c.isascii()]
    return (bool(ascii_chars) and all(c < "N" for c in ascii_chars)
            and len(ascii_chars) > sum(1 for c in text if ord(c) & 0xFF == 0 and not c.isascii()))


def file_content(fmt: str, texts_: list[str], title: str, layout: int) -> str:
    """A file of format fmt holding texts_ (one article per text), with a title where the format has one."""
    if fmt == "txt":
        return texts_[0]
    if fmt == "md":
        return f"---\ntitle: {json.dumps(title)}\n---\n{texts_[0]}\n" if layout else texts_[0]
    if fmt == "json":
        records = [{"title": title, "text": t} for t in texts_]
        return json.dumps([records, records[0], {"data": {"items": records}}][layout % 3], ensure_ascii=bool(layout % 2))
    if fmt == "jsonl":
        return "\n".join(json.dumps({"title": title, "text": t}, ensure_ascii=False) for t in texts_) + "\n"
    paragraphs = "".join(f"<p>{t}</p>" for t in texts_[0].split("\n"))
    return (f"<html><head><title>{title}</title><script>var leak = '脚本泄漏';</script><style>p{{}}</style></head>"
            f"<body>{paragraphs}<script>track('脚本泄漏')</script></body></html>")


def json_record_keys(layout: int, n: int) -> list[str]:
    return [[f"[{i}]" for i in range(n)], [""], [f"data.items[{i}]" for i in range(n)]][layout % 3]


# ----------------------------------------------------------------------------- arbitrary bytes


def _corrupt(data: bytes, cuts: list[int]) -> bytes:
    out = bytearray(data)
    for c in cuts:
        if out:
            out[c % len(out)] ^= 0xFF
    return bytes(out)


raw_bytes = st.one_of(
    st.binary(max_size=600),
    st.tuples(texts, st.sampled_from(ENCODINGS)).map(lambda t: t[0].encode(t[1], "surrogatepass")),
    st.tuples(texts, st.sampled_from(ENCODINGS), st.lists(st.integers(0, 10 ** 6), max_size=3)).map(
        lambda t: _corrupt(t[0].encode(t[1], "surrogatepass"), t[2])),
    st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x89PNG\r\n\x1a\n",
                               b"PK\x03\x04", b"\x00", b""]), st.binary(max_size=200), texts).map(
        lambda t: t[0] + t[1] + t[2].encode("utf-8", "surrogatepass")),
)
