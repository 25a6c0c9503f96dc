"""Bad and hostile inputs mixed with good articles (tests/fixtures/hostile, written by
make_hostile.py there), plus what cannot be committed: symlinks out of the folder, a
FIFO, a file name that is not UTF-8, 20 MB files.  Each bad input must give its precise
reason, and every good article / line must land."""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from pipelines.core.ingest import IngestLimits, discover_files, read_source

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"

# file -> (record keys that land, {record key: error reason})
EXPECTED: dict[str, tuple[list[str], dict[str, str]]] = {
    "'; DROP TABLE articles; --.txt": ([""], {}),
    "absurd_numbers.txt": ([""], {}),
    "archive.json": ([], {"": "binary"}),
    "bad_front_matter.md": ([""], {"": "malformed_front_matter"}),
    "bom_only.txt": ([], {"": "empty_file"}),
    "deep_front_matter.md": ([""], {"": "malformed_front_matter"}),
    "deeply_nested.json": ([], {"": "malformed_json"}),
    "empty.txt": ([], {"": "empty_file"}),
    "gbk_no_bom.txt": ([""], {}),
    "good_一号文件.txt": ([""], {}),
    "huge_int.json": ([""], {}),
    "invalid_utf8.txt": ([], {"": "undecodable"}),
    "mixed.jsonl": (["line 1", "line 2", "line 4"], {"line 3": "malformed_json", "line 5": "no_text", "line 6": "no_text"}),
    "no_text_field.json": ([], {"": "no_text"}),
    "nul_heavy.md": ([], {"": "binary"}),
    "null.json": ([], {"": "no_text"}),
    "only_scripts.html": ([], {"": "no_text"}),
    "picture_named_txt.txt": ([], {"": "binary"}),
    "scripts.html": ([""], {}),
    "sql_title.json": (["[0]"], {}),
    "sub dir/nested_good.txt": ([""], {}),
    "truncated.json": ([], {"": "malformed_json"}),
    "utf16be_no_bom.txt": ([""], {}),
    "utf16le_no_bom.txt": ([""], {}),
    "yaml_bomb.md": ([""], {}),
    "zero_bytes.txt": ([], {"": "empty_file"}),
    "报告 \"终稿\"; v2'.txt": ([""], {}),
}
GOOD_TEXT_START = "湖南省推进县级领导班子换届工作\n换届工作启动以来，湖南省委"


def read_folder(folder: Path, limits: IngestLimits = IngestLimits()):
    results = {}
    for path in discover_files(folder):
        records, errors = read_source(path, folder, limits)
        results[path.relative_to(folder).as_posix()] = (records, errors)
    return results


@pytest.fixture(scope="module")
def hostile_results():
    return read_folder(HOSTILE)


def test_discovery_skips_unsupported_files():
    found = [p.relative_to(HOSTILE).as_posix() for p in discover_files(HOSTILE)]
    assert found == sorted(EXPECTED)  # tiny.png and make_hostile.py are not listed


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_gives_its_records_and_precise_errors(hostile_results, name):
    records, errors = hostile_results[name]
    keys, reasons = EXPECTED[name]
    assert [r.record_key for r in records] == keys
    assert {e.record_key: e.reason for e in errors} == reasons
    for e in errors:
        assert e.source_file == name and e.detail
    for r in records:
        assert r.source_file == name and r.text and r.text == r.text.strip()


def test_good_articles_in_every_encoding_are_identical(hostile_results):
    texts = {name: hostile_results[name][0][0].text for name in
             ("good_一号文件.txt", "gbk_no_bom.txt", "utf16le_no_bom.txt", "utf16be_no_bom.txt")}
    assert len(set(texts.values())) == 1
    assert texts["good_一号文件.txt"].startswith(GOOD_TEXT_START)
    encodings = {name: hostile_results[name][0][0].encoding for name in texts}
    assert encodings == {"good_一号文件.txt": "utf-8", "gbk_no_bom.txt": "gb18030",
                         "utf16le_no_bom.txt": "utf-16-le", "utf16be_no_bom.txt": "utf-16-be"}


def test_error_details_are_precise(hostile_results):
    detail = {name: hostile_results[name][1][0].detail for name in
              ("picture_named_txt.txt", "archive.json", "invalid_utf8.txt", "truncated.json", "zero_bytes.txt")}
    assert "PNG image" in detail["picture_named_txt.txt"]
    assert "ZIP archive" in detail["archive.json"]
    assert "damaged UTF-8" in detail["invalid_utf8.txt"] and "byte 39" in detail["invalid_utf8.txt"]
    assert "line 1 column 28" in detail["truncated.json"]
    assert "zero bytes" in detail["zero_bytes.txt"]
    bad_line = next(e for e in hostile_results["mixed.jsonl"][1] if e.record_key == "line 3")
    assert "Unterminated string" in bad_line.detail


def test_sql_and_odd_names_are_plain_data(hostile_results):
    (rec,), _ = hostile_results["'; DROP TABLE articles; --.txt"]
    assert rec.title == "'; DROP TABLE articles; --"
    assert rec.text.splitlines()[1].startswith("Robert'); DELETE FROM quantities")
    (rec,), _ = hostile_results["sql_title.json"]
    assert rec.title == "x'); DROP TABLE articles;--" and rec.source == "'; DELETE FROM ingest_errors; --"
    (rec,), _ = hostile_results["报告 \"终稿\"; v2'.txt"]
    assert rec.source_file == "报告 \"终稿\"; v2'.txt" and rec.region == "湖北省"
    (rec,), _ = hostile_results["sub dir/nested_good.txt"]
    assert rec.region == "甘肃省"


def test_scripts_and_styles_never_reach_the_text(hostile_results):
    (rec,), _ = hostile_results["scripts.html"]
    assert rec.text == ("西安市召开优化营商环境大会。2023年，西安市新增市场主体25.6万户，同比增长12.1%。\n"
                        "西安市有关负责人表示，全市将持续深化“放管服”改革。")
    assert rec.title == "陕西省西安市召开会议"
    assert rec.published_date is None  # a bare "2023年" is no publication date


def test_front_matter_bombs_are_defused(hostile_results):
    (rec,), _ = hostile_results["yaml_bomb.md"]
    assert rec.title is None and rec.author is None  # nested lists are no metadata values
    assert rec.text.startswith("宁夏回族自治区银川市")
    (rec,), (error,) = hostile_results["deep_front_matter.md"]
    assert rec.text == "海南省三亚市旅游收入增长8%。" and "nested deeper than 32 levels" in error.detail


def test_absurd_numbers_are_kept_verbatim(hostile_results):
    (rec,), _ = hostile_results["absurd_numbers.txt"]
    assert "9999999999999亿元" in rec.text
    assert "1" * 10000 in rec.text
    assert "１２３４５６７８９０" in rec.text


def test_every_good_jsonl_line_lands(hostile_results):
    records, _ = hostile_results["mixed.jsonl"]
    assert [r.text for r in records] == [f"江西省南昌市第{i}批重点项目集中开工，总投资{i * 10}亿元。" for i in (1, 2, 3)]


# ----------------------------------------------------------------------------- made at run time


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    """A copy of the hostile folder with symlinks, a FIFO and a non-UTF-8 file name added."""
    raw = tmp_path / "raw"
    shutil.copytree(HOSTILE, raw)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("外部文件，不应被读取。\n第二行。", encoding="utf-8")
    (outside / "more.txt").write_text("外部目录里的文件。\n第二行。", encoding="utf-8")
    os.symlink(outside / "secret.txt", raw / "link_out.txt")
    os.symlink(outside, raw / "dir_link_out")
    os.symlink(raw / "good_一号文件.txt", raw / "link_in.txt")
    os.symlink("../" * 8 + "etc/passwd", raw / "relative_escape.md")
    os.mkfifo(raw / "pipe.txt")
    os.close(os.open(os.fsencode(raw) + b"/gbk_name_\xb1\xa8\xb8\xe6.txt", os.O_WRONLY | os.O_CREAT))
    (Path(os.fsdecode(os.fsencode(raw) + b"/gbk_name_\xb1\xa8\xb8\xe6.txt"))).write_text(
        "文件名不是UTF-8。\n正文第二行。", encoding="utf-8")
    return raw


def test_links_out_of_the_folder_are_reported_not_followed(raw_dir):
    results = read_folder(raw_dir)
    for name in ("link_out.txt", "dir_link_out", "relative_escape.md"):
        records, errors = results[name]
        assert records == [] and [e.reason for e in errors] == ["outside_raw_dir"], name
    assert not any("secret" in k or "more.txt" in k for k in results)
    (rec,), errors = results["link_in.txt"]
    assert errors == [] and rec.text.startswith(GOOD_TEXT_START)
    assert "outside the raw folder" in results["link_out.txt"][1][0].detail


def test_symlink_loops_are_not_followed(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "self").symlink_to(tmp_path)
    (tmp_path / "real.txt").write_text("甘肃省兰州市召开会议。\n第二行。", encoding="utf-8")
    results = read_folder(tmp_path)
    assert sorted(results) == ["a.txt", "b.txt", "real.txt"]  # "self" stays inside: not walked, not listed
    assert [e.reason for e in results["a.txt"][1]] == ["outside_raw_dir"]
    assert "symlink loop" in results["a.txt"][1][0].detail
    assert len(results["real.txt"][0]) == 1


def test_unexpected_exceptions_become_internal_errors(tmp_path, monkeypatch):
    from pipelines.core.ingest import reader

    (tmp_path / "a.txt").write_text("正文。", encoding="utf-8")
    monkeypatch.setattr(reader, "parse", lambda fmt, text: 1 / 0)
    assert read_source(tmp_path / "a.txt", tmp_path)[1][0].reason == "internal_error"
    monkeypatch.undo()
    monkeypatch.setattr(reader, "detect_region", lambda *a: 1 / 0)
    records, errors = read_source(HOSTILE / "mixed.jsonl", HOSTILE)
    assert records == [] and {e.reason for e in errors} == {"internal_error", "malformed_json", "no_text"}
    assert "ZeroDivisionError" in errors[-1].detail


def test_fifo_and_undecodable_file_names(raw_dir):
    results = read_folder(raw_dir)
    assert [e.reason for e in results["pipe.txt"][1]] == ["not_a_file"]
    (name,) = [k for k in results if k.startswith("gbk_name_")]
    (rec,), errors = results[name]
    # bytes that are not UTF-8 are spelled out (\xNN), so two such names never collide
    assert errors == [] and rec.source_file == "gbk_name_\\xb1\\xa8\\xb8\\xe6.txt"
    rec.source_file.encode("utf-8")  # storable as text
    # the committed hostile files still give exactly what they give in place
    for name, (keys, reasons) in EXPECTED.items():
        records, errors = results[name]
        assert ([r.record_key for r in records], {e.record_key: e.reason for e in errors}) == (keys, reasons)


@pytest.mark.parametrize("name, content", [
    # thousands of unclosed elements and stray '<': quadratic for a lazy ".*?" regex
    ("unclosed.html", "<html><body><p>湖北省武汉市召开会议。</p>" + "<script>x" * 20000 + "<title" * 20000 + "a < b " * 20000),
    ("unclosed_fallback.htm", "<p>短</p>" + "<!-- c " * 20000 + "<style " * 20000),
    ("headings.md", "# " + " #" * 100000 + "\n正文。\n"),
    ("html_in.json", json.dumps({"text": "<p>正文</p>" + "<script " * 20000 + "<div" * 20000})),
])
def test_pathological_markup_stays_fast(tmp_path, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    started = time.perf_counter()
    records, errors = read_source(tmp_path / name, tmp_path)
    assert time.perf_counter() - started < 10
    assert len(records) + len(errors) == 1


TWENTY_MB = 20 * 1024 * 1024


def test_twenty_megabyte_jsonl(tmp_path):
    text = "浙江省宁波市港口货物吞吐量增长5.1%。" + "集装箱吞吐量持续增长，港口运营效率稳步提升。" * 40
    line = json.dumps({"title": "压力测试", "text": text}, ensure_ascii=False)
    n_lines = TWENTY_MB // (len(line.encode()) + 1) + 1
    path = tmp_path / "big.jsonl"
    path.write_text((line + "\n") * n_lines, encoding="utf-8")
    assert path.stat().st_size > TWENTY_MB

    records, errors = read_source(path, tmp_path, IngestLimits(max_file_bytes=10 * 1024 * 1024))
    assert records == [] and [e.reason for e in errors] == ["too_large"]
    assert f"{path.stat().st_size:,} bytes is over the limit of 10,485,760" in errors[0].detail

    records, errors = read_source(path, tmp_path)  # default limits
    assert errors == [] and len(records) == n_lines
    assert records[-1].record_key == f"line {n_lines}"


def test_twenty_megabyte_single_article(tmp_path):
    path = tmp_path / "big.txt"
    paragraph = "青海省西宁市推进生态保护，全年植树造林3.5万亩。\n"
    path.write_text(paragraph * (TWENTY_MB // len(paragraph.encode()) + 1), encoding="utf-8")
    records, errors = read_source(path, tmp_path, IngestLimits(max_file_bytes=1_000_000))
    assert [e.reason for e in errors] == ["too_large"]
    records, errors = read_source(path, tmp_path)  # 7 M characters: over the default 2 M per article
    assert records == [] and [e.reason for e in errors] == ["article_too_long"]
    records, errors = read_source(path, tmp_path, IngestLimits(max_article_chars=10_000_000))
    assert errors == [] and len(records) == 1 and len(records[0].text) > 6_000_000
