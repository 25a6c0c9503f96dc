"""One test per bug the reliability tests found, each on the smallest input that showed it."""
from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

from pipelines import stages
from pipelines import warehouse as wh
from pipelines.core.extract import engine, extract_quantities
from pipelines.core.ingest import IngestLimits, read_source
from pipelines.core.ingest.decode import decode_bytes
from tests.conftest import PROJECT_ROOT
from tests.reliability.crash_runner import run_in_child


def ingest(raw: Path, warehouse: Path, limits: IngestLimits | None = None) -> list[tuple]:
    con = wh.connect(warehouse)
    try:
        wh.ensure_schema(con)
        stages.ingest(con, raw, limits)
        return con.execute("SELECT s.source_file, a.is_current, a.text FROM articles a JOIN article_sources s"
                           " USING (article_id) ORDER BY 1").fetchall()
    finally:
        con.close()


def test_utf16_without_bom_of_real_articles():
    """Was: 'binary' for 17 of 32 gold articles: 一 (U+4E00) puts its NUL byte on the side opposite
    to ASCII's, and the byte order was decided by NUL parity alone."""
    paths = sorted((PROJECT_ROOT / "tests").glob("gold*/*.txt"))
    assert len(paths) >= 30
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for encoding in ("utf-16-le", "utf-16-be"):
            assert decode_bytes(text.encode(encoding)) == (text, encoding), (path.name, encoding)


def test_non_utf8_file_names_of_the_same_length_stay_two_files(tmp_path):
    """Was: both became '����.txt'; the second run then dropped one of the two articles."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, body in ((b"\xb1\xa8\xb8\xe6.txt", "报告：共有干部12名。"), (b"\xb1\xb1\xbe\xa9.txt", "北京：共有干部30名。")):
        with open(os.fsencode(raw) + b"/" + name, "wb") as fh:
            fh.write(body.encode("utf-8"))
    runs = [ingest(raw, tmp_path / "w.duckdb") for _ in range(3)]
    assert runs[0] == runs[1] == runs[2] == [("\\xb1\\xa8\\xb8\\xe6.txt", True, "报告：共有干部12名。"),
                                              ("\\xb1\\xb1\\xbe\\xa9.txt", True, "北京：共有干部30名。")]


def test_unpaired_surrogate_escapes_in_json(tmp_path):
    """Was: a title with \\ud834 failed the whole ingest transaction (nothing landed); a text with
    \\ud800 was an internal_error."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.json").write_text(json.dumps({"list\udfff": [{"title": "坏标题\ud834", "text": "正文一。"},
                                                          {"text": "正文\ud800二。"}]}), encoding="ascii")
    (raw / "b.txt").write_text("另一篇正文。", encoding="utf-8")
    records, errors = read_source(raw / "a.json", raw)
    assert [(r.record_key, r.title) for r in records] == [("list\\udfff[0]", "坏标题\\ud834")]
    assert [(e.record_key, e.reason) for e in errors] == [("list\\udfff[1]", "undecodable")]
    assert "U+D800 at character 2" in errors[0].detail
    assert [r[0] for r in ingest(raw, tmp_path / "w.duckdb")] == ["a.json", "b.txt"]


def test_link_to_a_non_utf8_name_outside_the_folder(tmp_path):
    """Was: the error detail quoting the link's target could not be stored: the ingest failed."""
    raw, outside = tmp_path / "raw", tmp_path / "outside"
    raw.mkdir()
    outside.mkdir()
    target = os.fsencode(outside) + b"/\xb1\xa8.txt"
    with open(target, "wb") as fh:
        fh.write("外部".encode())
    os.symlink(target, raw / "link.txt")
    (raw / "ok.txt").write_text("正文。", encoding="utf-8")
    assert ingest(raw, tmp_path / "w.duckdb") == [("ok.txt", True, "正文。")]
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    (detail,), = con.execute("SELECT detail FROM ingest_errors WHERE reason = 'outside_raw_dir'").fetchall()
    con.close()
    assert "\\xb1\\xa8.txt" in detail


def test_a_fifo_does_not_block_the_run(tmp_path):
    """Was: the ingest stage hashed every path before read_source saw it was no regular file, and
    opening a FIFO waits for a writer: the run hung forever."""
    raw = tmp_path / "raw"
    raw.mkdir()
    os.mkfifo(raw / "pipe.txt")
    (raw / "ok.txt").write_text("山西省共有干部12名。", encoding="utf-8")
    exitcode, _ = run_in_child(raw, tmp_path / "w.duckdb", 0, 10, timeout=120)
    assert exitcode == 0
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    assert con.execute("SELECT source_file, reason FROM ingest_errors").fetchall() == [("pipe.txt", "not_a_file")]
    con.close()


@pytest.mark.parametrize("text", ["共有" + "1" * 400 + "万人", "1" * 320 + "人", "增长" + "1" * 320 + ".5%", "一" * 400 + "人",
                                  "共" + "1" * 5000 + "人", "0." + "1" * 5000 + "%"])
def test_absurd_numeral_runs_are_left_out_not_raised(text, monkeypatch):
    """Was: OverflowError (over 308 digits) or ValueError (over 4,300 digits) inside a rule, hidden by
    the extractor's safety net."""
    def reraise(exc: Exception) -> None:
        raise exc

    monkeypatch.setattr(engine, "_rule_error", reraise)
    assert extract_quantities(text + "另有党员45人。")[-1].surface == "45人"


def test_raising_a_limit_reads_refused_files_again(tmp_path):
    """Was: a file refused as too_large / article_too_long stayed refused after the limit was raised
    (its size and mtime had not changed, so it was skipped as unchanged)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("山西省共有干部12名。" * 20, encoding="utf-8")
    (raw / "b.txt").write_text("短文。", encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    assert [r[0] for r in ingest(raw, warehouse, IngestLimits(max_file_bytes=100))] == ["b.txt"]
    assert [r[0] for r in ingest(raw, warehouse, IngestLimits(max_article_chars=50))] == ["b.txt"]
    assert [r[0] for r in ingest(raw, warehouse)] == ["a.txt", "b.txt"]
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("SELECT count(*) FROM ingest_errors").fetchall() == [(0,)]
    con.close()


def test_every_list_of_records_in_a_json_object_is_read(tmp_path):
    """Was: only the first list of records of an object was read, the others dropped without an
    error; and a first list without text hid a second one with articles."""
    (tmp_path / "two.json").write_text(json.dumps({
        "tags": [{"name": "标签"}], "news": [{"text": "第一篇正文。"}], "more": {"items": [{"text": "第二篇正文。"}]}},
        ensure_ascii=False), encoding="utf-8")
    records, errors = read_source(tmp_path / "two.json", tmp_path)
    assert [(r.record_key, r.text) for r in records] == [("news[0]", "第一篇正文。"), ("more.items[0]", "第二篇正文。")]
    assert errors == []
    (tmp_path / "none.json").write_text(json.dumps({"items": [{"title": "无正文"}]}, ensure_ascii=False), encoding="utf-8")
    assert [(e.record_key, e.reason) for e in read_source(tmp_path / "none.json", tmp_path)[1]] == [("items[0]", "no_text")]


def test_sensor_digest_of_a_folder_with_a_non_utf8_file_name(tmp_path):
    """Was: the sensor encoded relative paths as strict UTF-8, so a GBK file name raised on every tick."""
    from pipelines.defs.sensors import raw_folder_digest

    with open(os.fsencode(tmp_path) + b"/\xb1\xa8\xb8\xe6.txt", "wb") as fh:
        fh.write("正文。".encode())
    digest, n = raw_folder_digest(tmp_path)
    assert n == 1 and digest
    os.rename(os.fsencode(tmp_path) + b"/\xb1\xa8\xb8\xe6.txt", os.fsencode(tmp_path) + b"/\xb1\xa8\xb8\xe7.txt")
    assert raw_folder_digest(tmp_path) != (digest, n), "a renamed file is a change"
