"""Every supported format and encoding, on the fixtures of tests/fixtures/ingest
(written by tests/fixtures/ingest/make_fixtures.py)."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from pipelines.core.ingest import ArticleRecord, IngestLimits, discover_files, read_source
from pipelines.core.text import fold_width, normalise_newlines

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
ARTICLE_TEXT = normalise_newlines((FIX / "article_utf8.txt").read_text(encoding="utf-8"))


def read_one(name: str, limits: IngestLimits = IngestLimits()) -> ArticleRecord:
    records, errors = read_source(FIX / name, FIX, limits)
    assert errors == []
    assert len(records) == 1
    return records[0]


def read_all(name: str):
    records, errors = read_source(FIX / name, FIX)
    return {r.record_key: r for r in records}, {e.record_key: e for e in errors}


@pytest.mark.parametrize("name, encoding", [
    ("article_utf8.txt", "utf-8"),
    ("article_utf8_bom.txt", "utf-8-sig"),
    ("article_crlf.txt", "utf-8"),
    ("article_gbk.txt", "gb18030"),
    ("article_utf16le_bom.txt", "utf-16"),
    ("article_utf16be_bom.txt", "utf-16"),
    ("article_utf16le.txt", "utf-16-le"),
    ("article_utf16be.txt", "utf-16-be"),
])
def test_every_encoding_gives_the_same_article(name, encoding):
    if name == "article_crlf.txt":  # .gitattributes keeps the fixture's line ends
        assert (FIX / name).read_bytes().count(b"\r\n") == ARTICLE_TEXT.count("\n") + 1
    rec = read_one(name)
    assert rec.encoding == encoding
    assert rec.text == ARTICLE_TEXT
    assert "\r" not in rec.text and "\ufeff" not in rec.text
    assert rec.article_id == hashlib.sha256(ARTICLE_TEXT.encode()).hexdigest()[:16]
    assert rec.file_sha256 == hashlib.sha256((FIX / name).read_bytes()).hexdigest()
    assert (rec.source_file, rec.record_key, rec.source_format) == (name, "", "txt")


def test_txt_metadata_from_the_text():
    rec = read_one("article_utf8.txt")
    assert rec.title == "河北省完成市县乡三级领导班子换届"
    assert rec.published_date == dt.date(2021, 11, 20)
    assert rec.author == "王明远、李静"
    assert rec.editor == "赵一鸣"
    assert (rec.region, rec.region_code, rec.region_level) == ("河北省", "130000", "province")
    assert rec.reporting_period == "截至10月底"
    assert rec.source is None and rec.url is None


def test_gb18030_four_byte_characters():
    rec = read_one("article_gb18030.txt")
    assert rec.encoding == "gb18030"
    assert rec.text.endswith("生僻字：𠀀𪚥")


def test_full_width_digits_are_kept_and_fold_one_to_one():
    rec = read_one("article_fullwidth.txt")
    assert "截至１０月底" in rec.text and "３１．１％" in rec.text
    assert rec.reporting_period == "截至１０月底"
    assert rec.published_date == dt.date(2021, 11, 20)
    folded = fold_width(rec.text)
    assert len(folded) == len(rec.text) and "31.1%" in folded


def test_legacy_single_byte_encoding_via_charset_normalizer():
    rec = read_one("legacy_cp1252.txt")
    assert rec.encoding == "cp1252"
    assert "adopté le budget" in rec.text and "l'été" in rec.text


def test_markdown_front_matter_is_metadata_not_text():
    rec = read_one("front_matter.md")
    assert rec.source_format == "md"
    assert rec.title == "太原市推进老旧小区改造"
    assert rec.published_date == dt.date(2022, 3, 15)
    assert (rec.source, rec.author) == ("山西日报", "张三")
    assert rec.url == "https://example.org/news/2022/0315/1.html"
    assert (rec.region, rec.region_code, rec.region_level) == ("太原市", "140100", "prefecture")
    assert rec.text.startswith("太原市推进老旧小区改造\n今年以来")
    assert "---" not in rec.text and "title:" not in rec.text and "#" not in rec.text
    assert "**320个**" in rec.text  # other Markdown is kept
    assert rec.reporting_period == "截至2月底"


def test_markdown_heading_is_the_title():
    rec = read_one("heading.markdown")
    assert rec.title == "晋中市平遥县扎实推进乡村振兴"
    assert rec.text.splitlines()[0] == "晋中市平遥县扎实推进乡村振兴"
    assert (rec.region, rec.region_code, rec.region_level) == ("平遥县", "140728", "county")


def test_html_main_text_and_metadata():
    rec = read_one("article.html")
    assert rec.source_format == "html"
    assert rec.title == "浙江省杭州市举行数字经济发展大会"
    assert rec.published_date == dt.date(2023, 6, 8)
    assert (rec.source, rec.author) == ("浙江日报", "陈晓")
    assert rec.text.startswith("6月8日，杭州市举行数字经济发展大会。")
    assert "5076亿元" in rec.text and "7000亿元" in rec.text
    for junk in ("不是正文", "首页", "版权所有", "line-height", "<p>"):
        assert junk not in rec.text
    assert (rec.region_code, rec.region_level) == ("330100", "prefecture")


def test_html_fallback_when_trafilatura_finds_nothing():
    rec = read_one("short.htm")
    assert rec.text == "广西壮族自治区召开会议。"
    assert rec.title == "短讯"


def test_xwlb_shaped_json():
    records, errors = read_all("xwlb_day.json")
    assert sorted(records) == ["videoList[0]", "videoList[1]"]
    assert list(errors) == ["videoList[2]"] and errors["videoList[2]"].reason == "no_text"
    national, sichuan = records["videoList[0]"], records["videoList[1]"]
    assert national.title == "国务院常务会议部署稳就业工作"  # the [视频] tag is dropped
    assert national.published_date == dt.date(2023, 10, 27)
    assert national.url == "https://tv.example.org/2023/10/27/VIDE0001.shtml"
    assert national.source == "央视网"
    assert national.text.count("\n") == 2 and "<" not in national.text
    assert national.region is None  # a national story
    assert sichuan.text.endswith("先进制造业集群。")  # &nbsp; unescaped, then trimmed
    assert (sichuan.region, sichuan.region_code) == ("四川省", "510000")
    assert {r.source_format for r in records.values()} == {"json"}


def test_json_list_of_records():
    records, errors = read_all("records.json")
    assert sorted(records) == ["[0]", "[2]"]
    assert errors["[1]"].reason == "no_text"
    nanjing, guangdong = records["[0]"], records["[2]"]
    assert (nanjing.title, nanjing.source, nanjing.url) == ("江苏省南京市开展安全生产检查", "新华日报", "https://example.org/r/1")
    assert nanjing.text.count("\n") == 1
    assert guangdong.title == "广东省新增高新技术企业"  # from "headline"
    assert guangdong.published_date == dt.date(2022, 9, 3)  # from "published": "2022/9/3"
    assert guangdong.author == "李四、王五"  # a list of names
    assert guangdong.text == "广东省科技厅发布数据，2022年上半年全省新增高新技术企业4200家。\n全省高新技术企业总数超过6万家。"
    assert (guangdong.region, guangdong.region_code, guangdong.region_level) == ("广东省", "440000", "province")


def test_json_single_record_and_text_metadata():
    rec = read_one("single.json")
    assert rec.record_key == ""
    assert rec.published_date == dt.date(2024, 2, 20)
    assert rec.author == "杨帆"  # found in the text
    assert (rec.region, rec.region_level) == ("昆明市", "prefecture")


def test_json_records_two_levels_down():
    records, errors = read_all("nested.json")
    assert errors == {}
    assert sorted(records) == ["data.items[0]", "data.items[1]"]
    assert records["data.items[0]"].text == "贵阳市大数据产业规模持续扩大，全市大数据企业超过5000家。"


def test_jsonl_keys_are_line_numbers():
    records, errors = read_all("lines.jsonl")
    assert errors == {}
    assert sorted(records) == ["line 1", "line 3"]  # line 2 is blank
    assert records["line 3"].text == "哈尔滨市元旦假期接待游客85.7万人次，旅游收入11.2亿元。"
    assert records["line 1"].source_format == "jsonl"


def test_article_too_long_is_per_record():
    limits = IngestLimits(max_article_chars=60)
    records, errors = read_source(FIX / "records.json", FIX, limits)
    assert [r.record_key for r in records] == ["[2]"]  # 50 characters
    assert {(e.record_key, e.reason) for e in errors} == {("[0]", "article_too_long"), ("[1]", "no_text")}
    assert "over the limit of 60" in next(e.detail for e in errors if e.record_key == "[0]")


def test_discover_files_lists_supported_files_sorted():
    found = [p.relative_to(FIX).as_posix() for p in discover_files(FIX)]
    expected = sorted(p.name for p in FIX.iterdir() if p.suffix in {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"})
    assert found == expected
    assert "make_fixtures.py" not in found and len(found) == 20


def test_read_source_reports_instead_of_raising(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    _, errors = read_source(tmp_path / "report.pdf", tmp_path)
    assert [e.reason for e in errors] == ["unsupported_format"]
    _, errors = read_source(tmp_path / "missing.txt", tmp_path)
    assert [e.reason for e in errors] == ["unreadable"]
    (tmp_path / "folder.txt").mkdir()
    _, errors = read_source(tmp_path / "folder.txt", tmp_path)
    assert [e.reason for e in errors] == ["not_a_file"]
