"""The hostile raw folder the reliability tests run the whole pipeline on, and what each file must give.

It is tests/fixtures/hostile (committed, written by make_hostile.py there) plus what cannot or should
not be committed, made at test time: symlinks out of the folder, a FIFO, two file names that are not
UTF-8 (GBK 报告 / 北京: the same length, so a lossy name would merge them), a 20 MB text, a JSON
record holding unpaired surrogate escapes, numeral runs of 400 and 5,000 digits between real
quantities, and a mostly-Chinese UTF-16 file without BOM.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tests.conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
# Written only outside the raw folder: it must never reach the warehouse or any file beside it.
SECRET = "SECRET-7f3a-外部机密"
TWENTY_MB = 20 * 1024 * 1024
BIG_PARAGRAPH = "青海省西宁市推进生态保护，全年植树造林3.5万亩。\n"
GBK_NAMES = {b"gbk_\xb1\xa8\xb8\xe6.txt": "gbk_\\xb1\\xa8\\xb8\\xe6.txt",  # 报告 in GBK
             b"gbk_\xb1\xb1\xbe\xa9.txt": "gbk_\\xb1\\xb1\\xbe\\xa9.txt"}  # 北京 in GBK
LONG_NUMERALS = ("全省共有干部120名。另有一项统计为" + "1" * 5000 + "人，增长" + "9" * 400 + "%。\n"
                 "全年新增党员45人，占比为百分之" + "九" * 300 + "。")
# Few ASCII characters, many ideographs whose UTF-16 code unit has a zero low byte (一 U+4E00, 开 U+5F00).
UTF16_CHINESE = "山东省一季度开局良好\n一季度，全省一般公共预算收入增长一成，一批重点项目集中开工，一线干部一百二十名。\n"

# (source file, record key) -> (reason, a fragment its detail must hold)
EXPECTED_ERRORS: dict[tuple[str, str], tuple[str, str]] = {
    ("archive.json", ""): ("binary", "ZIP archive"),
    ("bad_front_matter.md", ""): ("malformed_front_matter", "invalid YAML"),
    ("big_20mb.txt", ""): ("article_too_long", "over the limit of 2,000,000 (max_article_chars)"),
    ("bom_only.txt", ""): ("empty_file", "whitespace only"),
    ("deep_front_matter.md", ""): ("malformed_front_matter", "nested deeper than 32 levels"),
    ("deeply_nested.json", ""): ("malformed_json", "nested too deeply"),
    ("dir_link_out", ""): ("outside_raw_dir", "outside the raw folder"),
    ("empty.txt", ""): ("empty_file", "whitespace only"),
    ("invalid_utf8.txt", ""): ("undecodable", "damaged UTF-8: invalid continuation byte at byte 39"),
    ("link_out.txt", ""): ("outside_raw_dir", "outside the raw folder"),
    ("lone_surrogates.json", "items\\udfff[0]"): ("undecodable", "U+D800 at character 7"),
    ("mixed.jsonl", "line 3"): ("malformed_json", "Unterminated string"),
    ("mixed.jsonl", "line 5"): ("no_text", "has no article text"),
    ("mixed.jsonl", "line 6"): ("no_text", "value (int) has no article text"),
    ("no_text_field.json", ""): ("no_text", "has no article text"),
    ("nul_heavy.md", ""): ("binary", "NUL bytes"),
    ("null.json", ""): ("no_text", "value (NoneType)"),
    ("only_scripts.html", ""): ("no_text", "empty after removing markup"),
    ("picture_named_txt.txt", ""): ("binary", "PNG image"),
    ("pipe.txt", ""): ("not_a_file", "FIFO"),
    ("relative_escape.md", ""): ("outside_raw_dir", "outside the raw folder"),
    ("truncated.json", ""): ("malformed_json", "line 1 column 28"),
    ("zero_bytes.txt", ""): ("empty_file", "zero bytes"),
}

# Every (source file, record key) holding a good article: each must be in article_sources.
GOOD_SOURCES: set[tuple[str, str]] = {
    ("'; DROP TABLE articles; --.txt", ""), ("absurd_numbers.txt", ""), ("bad_front_matter.md", ""),
    ("deep_front_matter.md", ""), ("gbk_no_bom.txt", ""), ("good_一号文件.txt", ""), ("huge_int.json", ""),
    ("long_numerals.txt", ""), ("lone_surrogates.json", "items\\udfff[1]"),
    ("mixed.jsonl", "line 1"), ("mixed.jsonl", "line 2"), ("mixed.jsonl", "line 4"),
    ("scripts.html", ""), ("sql_title.json", "[0]"), ("sub dir/nested_good.txt", ""),
    ("utf16be_no_bom.txt", ""), ("utf16le_chinese.txt", ""), ("utf16le_no_bom.txt", ""), ("yaml_bomb.md", ""),
    ("报告 \"终稿\"; v2'.txt", ""), *((name, "") for name in GBK_NAMES.values()),
}
# Text that sits in <script>/<style> of scripts.html: never article text.
SCRIPT_TEXTS = ("脚本里的假正文", "样式里的假正文", "正文之前的脚本", "正文之后的脚本", "请启用脚本", "track(")


def build_raw(root: Path) -> Path:
    """root/raw: the hostile folder plus the files made at test time; root/outside: the secret."""
    raw = root / "raw"
    shutil.copytree(HOSTILE, raw, ignore=shutil.ignore_patterns("make_hostile.py", "__pycache__"))
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET}：共有99名干部，占99%。\n", encoding="utf-8")
    (outside / "secret.json").write_text(json.dumps({"title": SECRET, "text": f"{SECRET}，增长12%。"}), encoding="utf-8")
    os.symlink(outside / "secret.txt", raw / "link_out.txt")
    os.symlink(outside, raw / "dir_link_out")
    os.symlink("../" * 16 + "etc/passwd", raw / "relative_escape.md")
    os.mkfifo(raw / "pipe.txt")
    for name, body in zip(GBK_NAMES, ("湖北省报告：全省共有干部300名。\n第二段。", "北京市通知：全市共有干部450名。\n第二段。")):
        with open(os.fsencode(raw) + b"/" + name, "wb") as fh:
            fh.write(body.encode("utf-8"))
    with open(raw / "big_20mb.txt", "w", encoding="utf-8") as fh:
        fh.write(BIG_PARAGRAPH * (TWENTY_MB // len(BIG_PARAGRAPH.encode()) + 1))
    (raw / "long_numerals.txt").write_text(LONG_NUMERALS, encoding="utf-8")
    (raw / "utf16le_chinese.txt").write_bytes(UTF16_CHINESE.encode("utf-16-le"))
    # json.dumps keeps \ud800 as an escape: the file is clean UTF-8, the decoded strings are not.
    (raw / "lone_surrogates.json").write_text(json.dumps({"items\udfff": [
        {"title": "坏正文", "text": "山西省召开会议\ud800，共有12名干部参加。"},
        {"title": "坏标题\udc80", "text": "山西省太原市召开会议，共有15名干部参加，占60%。"},
    ]}), encoding="ascii")
    return raw
