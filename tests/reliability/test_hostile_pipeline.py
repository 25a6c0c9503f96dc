"""The hostile folder through the whole pipeline (every Dagster asset and check, in process): each bad
file is an ingest_errors row with its precise reason, every good article and JSONL line lands, the
run succeeds with a warning, nothing outside the raw folder is read, absurd numbers stay finite and
the integrity checks pass.  Also: reruns change nothing, and the size limits come from the
environment through the Dagster resource."""
from __future__ import annotations

import math
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from pipelines.core.text import normalise_newlines
from tests.reliability.hostile import (EXPECTED_ERRORS, GBK_NAMES, GOOD_SOURCES, SCRIPT_TEXTS, SECRET,
                                       UTF16_CHINESE)
from tests.reliability.runs import files_touched, materialise, run_stages
from tests.reliability.tables import differences

INTEGRITY = {f"{t}_integrity": True for t in ("articles", "quantities", "claim_checks")}


def query(warehouse: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def errors_of(warehouse: Path) -> dict[tuple[str, str], tuple[str, str]]:
    rows = query(warehouse, "SELECT source_file, record_key, reason, detail FROM ingest_errors")
    out = {(f, k): (r, d) for f, k, r, d in rows}
    assert len(out) == len(rows), "one error per file / record"
    return out


def test_run_succeeds_and_integrity_checks_pass(reference):
    assert reference.run.success
    assert {k: v for k, v in reference.run.checks.items() if k.endswith("_integrity")} == INTEGRITY


def test_warning_summarises_what_could_not_be_read(reference):
    (warning,) = [w for w in reference.run.warnings if "could not be read" in w]
    assert warning.startswith(f"{len(EXPECTED_ERRORS)} file(s)/record(s) could not be read")
    for reason, n in Counter(reason for reason, _ in EXPECTED_ERRORS.values()).items():
        assert f"{reason}: {n}" in warning


def test_each_bad_file_or_record_has_its_precise_reason(reference):
    got = errors_of(reference.warehouse)
    assert sorted(got) == sorted(EXPECTED_ERRORS)
    for key, (reason, fragment) in EXPECTED_ERRORS.items():
        assert got[key][0] == reason and fragment in got[key][1], (key, got[key])


def test_every_good_article_and_jsonl_line_lands(reference):
    wh = reference.warehouse
    assert set(query(wh, "SELECT source_file, record_key FROM article_sources")) == GOOD_SOURCES
    assert query(wh, "SELECT count(*) FROM articles WHERE NOT is_current") == [(0,)]
    texts = dict(query(wh, "SELECT s.source_file || '#' || s.record_key, a.text FROM article_sources s JOIN articles a USING (article_id)"))
    assert [texts[f"mixed.jsonl#line {n}"] for n in (1, 2, 4)] == [
        f"江西省南昌市第{i}批重点项目集中开工，总投资{i * 10}亿元。" for i in (1, 2, 3)]
    # one article in four encodings (UTF-8, GBK, UTF-16 LE / BE without BOM) is one article
    assert len({texts[f"{name}#"] for name in ("good_一号文件.txt", "gbk_no_bom.txt", "utf16le_no_bom.txt", "utf16be_no_bom.txt")}) == 1
    assert texts["utf16le_chinese.txt#"] == normalise_newlines(UTF16_CHINESE)
    # two GBK file names of the same length stay two files with two articles
    assert [texts[f"{name}#"][:5] for name in GBK_NAMES.values()] == ["湖北省报告", "北京市通知"]


def test_every_processed_article_is_segmented_extracted_and_checked(reference):
    rows = query(reference.warehouse, "SELECT stage, count(*) FROM processing_log GROUP BY ALL")
    (n,), = query(reference.warehouse, "SELECT count(*) FROM articles")
    assert dict(rows) == {"segment": n, "extract": n, "claims": n}


def _relations_holding(warehouse: Path, needle: str) -> list[str]:
    """Tables and views where some row, cast to text, contains needle."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        # names from information_schema; the needle is a bound parameter
        return [t for t in names if con.execute(f'SELECT count(*) FROM "{t}" AS r WHERE contains(r::VARCHAR, ?)',
                                                [needle]).fetchone()[0]]
    finally:
        con.close()


def test_nothing_outside_the_raw_folder_is_read(reference):
    hostile = reference.hostile
    outside = str(hostile.outside)
    assert str(hostile.raw / "good_一号文件.txt") in reference.touched  # the audit sees the reads
    assert not [p for p in reference.touched if p.startswith(outside)]
    # nor through a link inside the raw folder
    raw = str(hostile.raw)
    assert not [p for p in reference.touched if p.startswith(raw) and str(Path(p).resolve()).startswith(outside)]
    assert _relations_holding(reference.warehouse, SECRET) == []
    assert _relations_holding(reference.warehouse, "root:x:0:0") == []  # /etc/passwd via relative_escape.md
    beside = [p for p in reference.warehouse.parent.rglob("*") if p.is_file() and p.suffix != ".parquet"]
    assert beside and not [p for p in beside if SECRET.encode() in p.read_bytes()]


def test_scripts_and_styles_never_reach_the_warehouse(reference):
    for text in SCRIPT_TEXTS:
        assert _relations_holding(reference.warehouse, text) == [], text
    (text,), = query(reference.warehouse, "SELECT text FROM articles WHERE source_file = 'scripts.html'")
    assert text.startswith("西安市召开优化营商环境大会。")


def test_sql_in_titles_bodies_and_names_is_stored_as_data(reference):
    wh = reference.warehouse
    rows = dict(query(wh, "SELECT s.source_file, a.title FROM article_sources s JOIN articles a USING (article_id)"))
    assert rows["'; DROP TABLE articles; --.txt"] == "'; DROP TABLE articles; --"
    assert rows["报告 \"终稿\"; v2'.txt"] == "湖北省推进县级领导班子换届工作"
    # sql_title.json holds the same body: one article, two sources
    assert query(wh, "SELECT count(*), list(s.source_file ORDER BY s.source_file) FROM articles a JOIN article_sources s"
                     " USING (article_id) WHERE contains(a.text, ?)", ["Robert'); DELETE FROM quantities"]) == [
        (2, ["'; DROP TABLE articles; --.txt", "sql_title.json"])]
    tables = {r[0] for r in query(wh, "SELECT table_name FROM information_schema.tables")}
    assert {"articles", "quantities", "ingest_errors", "claim_checks"} <= tables


def test_absurd_numbers_are_finite_or_left_out(reference):
    rows = query(reference.warehouse, "SELECT a.source_file, q.surface, q.value, q.low, q.high, q.char_start, q.char_end"
                                      " FROM quantities q JOIN articles a USING (article_id)")
    assert rows
    for *_, value, low, high, _, _ in rows:
        assert all(v is None or (math.isfinite(v) and abs(v) < 1e30) for v in (value, low, high))
    by_file: dict[str, list] = {}
    for f, surface, value, *_ in rows:
        by_file.setdefault(f, []).append((surface, value))
    assert ("9999999999999亿元", 9.999999999999e20) in by_file["absurd_numbers.txt"]
    # runs of 10,000, 5,000, 400 and 300 numerals are left out (longer than any quantity can be
    # written: extract.engine.MAX_NUMERAL_CHARS); the real quantities around them land
    assert all(len(surface) < 100 for surface, _ in by_file["absurd_numbers.txt"] + by_file["long_numerals.txt"])
    assert {("120名", 120.0), ("45人", 45.0)} <= set(by_file["long_numerals.txt"])


# ----------------------------------------------------------------------------- reruns


@pytest.fixture()
def warehouse_copy(reference, tmp_path) -> Path:
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(reference.warehouse, copy)
    return copy


def test_rerun_on_the_same_input_leaves_identical_tables(reference, warehouse_copy):
    run = materialise(reference.hostile.raw, warehouse_copy)
    assert run.success
    assert differences(reference.warehouse, warehouse_copy) == {}


def test_rewriting_everything_again_leaves_identical_tables(reference, warehouse_copy):
    """Forget which files were read and which articles were processed: every file is read again and
    every stage rewrites every article (delete-then-insert), and the tables come out the same."""
    con = duckdb.connect(str(warehouse_copy))
    (before,), = con.execute("SELECT max(processed_at) FROM processing_log").fetchall()
    con.execute("DELETE FROM source_files")
    con.execute("DELETE FROM processing_log")
    con.close()
    run_stages(warehouse_copy, reference.hostile.raw)
    assert differences(reference.warehouse, warehouse_copy) == {}
    assert query(warehouse_copy, "SELECT bool_and(processed_at > ?) FROM processing_log", [before]) == [(True,)]


# ----------------------------------------------------------------------------- limits


def test_small_limits_from_the_environment_are_ingest_errors(reference, tmp_path, monkeypatch):
    """PIPELINE_MAX_FILE_BYTES / PIPELINE_MAX_ARTICLE_CHARS reach ingestion through the Dagster resource;
    what exceeds them is an ingest_errors row, a too-large file is not even opened, and raising the
    limits again brings the tables back to what a fresh run gives."""
    from pipelines.defs.resources import warehouse_resource

    raw, warehouse = reference.hostile.raw, tmp_path / "limited.duckdb"
    for var, value in (("PIPELINE_RAW_DIR", raw), ("PIPELINE_WAREHOUSE", warehouse),
                       ("PIPELINE_MAX_FILE_BYTES", 5000), ("PIPELINE_MAX_ARTICLE_CHARS", 100)):
        monkeypatch.setenv(var, str(value))
    monkeypatch.setenv("PIPELINE_WORKERS", "1")  # every open in this process, where files_touched() sees it
    resource = warehouse_resource()
    with files_touched() as touched:
        run = materialise(raw, warehouse, resource)
    assert run.success and {k: v for k, v in run.checks.items() if k.endswith("_integrity")} == INTEGRITY
    assert str(raw / "mixed.jsonl") in touched and not [p for p in touched if p.endswith("big_20mb.txt")]

    got = errors_of(warehouse)
    too_large = {f for (f, _), (reason, _) in got.items() if reason == "too_large"}
    regular = [p for p in raw.rglob("*") if p.is_file() and not p.is_symlink() and not p.name.startswith(".")]
    assert too_large == {p.relative_to(raw).as_posix() for p in regular
                         if p.stat().st_size > 5000 and p.suffix in (".txt", ".md", ".json", ".jsonl", ".html")}
    assert all("over the limit of 5,000 bytes (max_file_bytes)" in got[(f, "")][1] for f in too_large)
    # what the default limits let through: over 100 characters -> article_too_long, else it lands
    sources = query(reference.warehouse, "SELECT s.source_file, s.record_key, a.chars FROM article_sources s"
                                         " JOIN articles a USING (article_id)")
    landed = set(query(warehouse, "SELECT source_file, record_key FROM article_sources"))
    for f, key, chars in sources:
        if f in too_large:
            continue
        if chars > 100:
            assert got[(f, key)][0] == "article_too_long" and "over the limit of 100 (max_article_chars)" in got[(f, key)][1]
        else:
            assert (f, key) in landed
    assert landed and query(warehouse, "SELECT max(chars) <= 100 FROM articles") == [(True,)]

    run_stages(warehouse, raw)  # default limits: what was refused for a limit is read again
    assert differences(reference.warehouse, warehouse, ["articles", "article_sources", "source_files", "ingest_errors",
                                                        "paragraphs", "sentences", "quantities", "claim_checks",
                                                        "processing_log"]) == {}
