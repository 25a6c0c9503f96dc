"""Every SQL statement that carries data binds it: hostile strings go through ingestion and every stage
and come back byte-identical, and no execute() in pipelines/ builds SQL from non-constant data."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines import warehouse as wh
from tests.conftest import PROJECT_ROOT
from tests.reliability.runs import run_stages

HOSTILE_STRINGS = [
    "'; DROP TABLE articles; --",
    "Robert'); DROP TABLE quantities;--",
    "1' OR '1'='1",
    '" OR ""="',
    "semi;colon;; ;",
    "back\\slash \\' \\\" \\\\ \\x00 \\n",
    "ctrl \x01\x02\x07\x08\x1b\x7f\x9b end",
    "emoji 😀🀄️👨‍👩‍👧 🇨🇳",
    "rtl \u200f\u202eevil\u202c \u2066isolate\u2069 \u200e",
    "placeholders ? $1 :name %s %(x)s {0} {} $$",
    "$$; DROP TABLE x; $$ /* c */ -- tail",
    "全角；分号‘单引号’“双引号”《书名》",
]
NAME_SAFE = [s for s in HOSTILE_STRINGS if "/" not in s]  # '/' cannot be part of a file name


def _write_raw(raw: Path) -> None:
    raw.mkdir()
    records = [{"title": s, "source": s, "author": s, "url": s, "region": s, "text": f"第{i}条：{s}\n山西省共有干部{i + 10}名。"}
               for i, s in enumerate(HOSTILE_STRINGS)]
    # ensure_ascii: the file is plain ASCII (control characters are \\u escapes, not raw bytes a decoder would refuse)
    (raw / "records.json").write_text(json.dumps({HOSTILE_STRINGS[0]: records}), encoding="ascii")
    for i, s in enumerate(NAME_SAFE):
        (raw / f"{s}.txt").write_text(f"第{i}个文件。\n河北省共有干部{i + 100}名，占{i + 1}%。", encoding="utf-8")


def _read(con, sql: str, params=None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def test_hostile_strings_come_back_byte_identical(tmp_path):
    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    _write_raw(raw)
    run_stages(warehouse, raw)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = _read(con, "SELECT s.record_key, a.title, a.source, a.author, a.url, a.region, a.text FROM articles a"
                          " JOIN article_sources s USING (article_id) WHERE s.source_file = 'records.json'")
        assert len(rows) == len(HOSTILE_STRINGS)
        for key, *fields, text in rows:
            i = int(key.rsplit("[", 1)[1].rstrip("]"))
            s = HOSTILE_STRINGS[i]
            assert key.encode() == f"{HOSTILE_STRINGS[0]}[{i}]".encode()
            assert [f.encode() for f in fields] == [s.encode()] * 5
            assert text.split("\n")[0].encode() == f"第{i}条：{s}".encode()
        names = {r[0] for r in _read(con, "SELECT source_file FROM article_sources")}
        assert {n.encode() for n in names} == {f"{s}.txt".encode() for s in NAME_SAFE} | {b"records.json"}
        # downstream stages stored the same text: every sentence is its slice of the article
        slices = _read(con, "SELECT a.text, s.char_start, s.char_end, s.text FROM sentences s JOIN articles a USING (article_id)")
        assert slices and all(text[a:b] == sentence for text, a, b, sentence in slices)
        assert _read(con, "SELECT count(*) FROM quantities")[0][0] >= len(HOSTILE_STRINGS) + len(NAME_SAFE)
    finally:
        con.close()

    # a hostile file name as the key of a delete: only that file's rows go
    victim = NAME_SAFE[0]
    (raw / f"{victim}.txt").unlink()
    run_stages(warehouse, raw)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert _read(con, "SELECT count(*) FROM article_sources WHERE source_file = ?", [f"{victim}.txt"]) == [(0,)]
        assert _read(con, "SELECT count(*) FILTER (WHERE NOT is_current), count(*) FROM articles") == [
            (1, len(HOSTILE_STRINGS) + len(NAME_SAFE))]
        tables = {r[0] for r in _read(con, "SELECT table_name FROM information_schema.tables")}
        assert {"articles", "quantities", "article_sources", "ingest_errors"} <= tables
    finally:
        con.close()


def test_warehouse_writes_bind_hostile_keys_and_values(tmp_path):
    con = wh.connect(tmp_path / "w.duckdb")
    wh.ensure_schema(con)
    frame = pd.DataFrame({"source_file": HOSTILE_STRINGS, "record_key": HOSTILE_STRINGS, "reason": "no_text",
                          "detail": HOSTILE_STRINGS, "error_at": pd.Timestamp("2024-01-01")})
    with wh.transaction(con):
        wh.replace_for_keys(con, "ingest_errors", "source_file", HOSTILE_STRINGS, frame)
        wh.replace_for_keys(con, "ingest_errors", "source_file", HOSTILE_STRINGS, frame)  # idempotent
    stored = _read(con, "SELECT source_file, record_key, detail FROM ingest_errors ORDER BY source_file")
    assert stored == sorted((s, s, s) for s in HOSTILE_STRINGS)
    wh.delete_keys(con, "ingest_errors", "source_file", HOSTILE_STRINGS[:1])
    assert _read(con, "SELECT count(*) FROM ingest_errors") == [(len(HOSTILE_STRINGS) - 1,)]
    with pytest.raises(RuntimeError), wh.transaction(con):  # a failed batch leaves nothing behind
        wh.delete_keys(con, "ingest_errors", "source_file", HOSTILE_STRINGS)
        raise RuntimeError
    assert _read(con, "SELECT count(*) FROM ingest_errors") == [(len(HOSTILE_STRINGS) - 1,)]
    con.close()


# ----------------------------------------------------------------------------- static scan

SQL_CALLS = {"execute", "executemany", "sql", "query", "from_query"}
# Helpers whose arguments at these positions are SQL identifiers (table / column names).
IDENTIFIER_ARGS = {"insert_frame": (1,), "delete_keys": (1, 2), "replace_for_keys": (1, 2), "table_counts": (1,)}
# (file, innermost function) -> expressions that may be formatted into SQL there, and why they are safe:
# identifiers (or SQL files) from fixed internal lists, never data.  A new entry needs a review.
ALLOWED: dict[tuple[str, str], tuple[set[str], str]] = {
    ("pipelines/warehouse.py", "ensure_schema"): ({"statement"}, "DDL files of sql/schema/"),
    ("pipelines/warehouse.py", "insert_frame"): ({"table", "cols"}, "a table name the code passes, its columns from the schema"),
    ("pipelines/warehouse.py", "delete_keys"): ({"table", "key"}, "table and key column names the code passes"),
    ("pipelines/warehouse.py", "replace_for_keys"): ({"table", "key"}, "passed through to insert_frame / delete_keys"),
    ("pipelines/stages.py", "_run_batched"): ({"table"}, "keys of the dict each stage's work function returns (literals)"),
    ("pipelines/stages.py", "table_counts"): ({"t"}, "literal lists of table names at every call"),
    ("pipelines/publish.py", "table_counts"): ({"t"}, "table names from the catalog (duckdb_tables())"),
    ("pipelines/defs/checks.py", "run_suite"): ({"table", "key"}, "SUITE_TABLES (a literal tuple) and the column "
                                                                  "of its suite's uniqueness expectation"),
    ("pipelines/defs/assets/views.py", "views"): ({"name"}, "an asset key of the views multi-asset: a file stem of sql/views/"),
    ("pipelines/report/export.py", "export_views"): ({"name", "replace"}, "view names matched against _IDENTIFIER; "
                                                                         "column names from information_schema"),
    ("pipelines/report/views.py", "create_views"): ({"name"}, "view_names(): the files of sql/views/"),
    ("pipelines/report/html.py", "_claims_section"): ({"MAX_CLAIMS + 1"}, "a module constant"),
}


def _formatted(node: ast.expr) -> list[str]:
    """Source of every non-constant piece of an SQL expression ([] if it is a constant)."""
    if isinstance(node, ast.Constant):
        return []
    if isinstance(node, ast.JoinedStr):
        return [ast.unparse(v.value) for v in node.values if isinstance(v, ast.FormattedValue)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _formatted(node.left) + _formatted(node.right)
    if (isinstance(node, ast.Call) and node.args and  # wh.sql("queries/x"): the text of a file in sql/
            (isinstance(node.func, ast.Name) and node.func.id == "sql"
             or isinstance(node.func, ast.Attribute) and node.func.attr == "sql" and ast.unparse(node.func.value) == "wh")):
        return _formatted(node.args[0])
    return [ast.unparse(node)]


def _identifier(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant):
        return []
    if isinstance(node, (ast.List, ast.Tuple)):
        return [x for e in node.elts for x in _identifier(e)]
    return [ast.unparse(node)]


def scan(source: str, path: str) -> tuple[list[str], set[tuple[str, str, str]]]:
    """(violations, allowed entries used) of one module."""
    violations, used = [], set()

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = node.name
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name)) and node.args:
            method = isinstance(node.func, ast.Attribute)
            name = node.func.attr if method else node.func.id
            pieces = []
            if method and name in SQL_CALLS and ast.unparse(node.func.value) != "wh":
                pieces = _formatted(node.args[0])
            elif name in IDENTIFIER_ARGS:
                pieces = [p for i in IDENTIFIER_ARGS[name] if i < len(node.args) for p in _identifier(node.args[i])]
            allowed = ALLOWED.get((path, function), (set(), ""))[0]
            for piece in pieces:
                if piece in allowed:
                    used.add((path, function, piece))
                else:
                    violations.append(f"{path}:{node.lineno} in {function}(): {piece!r} formatted into SQL")
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(ast.parse(source), "<module>")
    return violations, used


def test_scanner_catches_sql_built_from_data():
    bad = '''
def f(con, title, n):
    con.execute(f"SELECT * FROM articles WHERE title = '{title}'")
    con.execute("SELECT * FROM t WHERE n = %s" % n)
    con.execute("SELECT * FROM t WHERE a = '{}'".format(title))
    con.execute("SELECT * FROM t WHERE a = '" + title + "'")
    con.sql(query)
    wh.insert_frame(con, table_name_from_user, frame)
    con.execute(wh.sql(f"queries/{title}"))
    delete_keys(con, "articles", column_from_user, ids)
def g(con, title):
    con.execute("SELECT * FROM t WHERE a = ?", [title])
    con.execute(wh.sql("queries/run_summary"))
    wh.insert_frame(con, "articles", frame)
    wh.table_counts(con, ["a", "b"])
'''
    violations, _ = scan(bad, "x.py")
    assert [v.split(":")[1].split()[0] for v in violations] == ["3", "4", "5", "6", "7", "8", "9", "10"]


def test_no_sql_is_built_from_data_in_pipelines():
    violations, used = [], set()
    for path in sorted((PROJECT_ROOT / "pipelines").rglob("*.py")):
        rel = path.relative_to(PROJECT_ROOT).as_posix()
        v, u = scan(path.read_text(encoding="utf-8"), rel)
        violations += v
        used |= u
    assert violations == []
    stale = {(f, fn, p) for (f, fn), (pieces, _) in ALLOWED.items() for p in pieces} - used
    assert stale == set(), "allowed entries no longer needed: remove them"
