"""Score the claim checker against gold articles with the official scorer (eval/score.py):
a throw-away DuckDB warehouse holds the articles, the quantities (gold-derived or extracted)
and the claim checks, and score.py reports relation recall, verdicts and false alarms."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    return Path(os.environ.get("PIPELINE_SHARED_DIR", ROOT.parent / "shared"))


def gold_files(*dirs: Path) -> list[Path]:
    return sorted(p for d in dirs if d.is_dir() for p in d.glob("*.json"))


def _quantities(json_path: Path, source: str):
    from tests.claims.gold_quantities import load

    text, gold_qs, gold = load(json_path)
    if source == "gold":
        return text, gold_qs
    from pipelines.core.extract import extract_quantities

    qs = extract_quantities(text)
    for n, q in enumerate(qs):
        q.quantity_id = f"x{n:03d}"
    return text, qs


def _insert(con, table: str, width: int, rows: list) -> None:
    if rows:
        con.executemany(f"insert into {table} values ({', '.join('?' * width)})", rows)


def build_warehouse(json_paths: list[Path], path: Path, source: str = "gold") -> dict[str, list]:
    """Write articles / quantities / claim_checks for the given gold articles; return checks per article."""
    import duckdb

    from pipelines.core.claims import check_claims

    con = duckdb.connect(str(path))
    con.execute("create table articles(article_id varchar, source_file varchar, text varchar)")
    con.execute("create table quantities(quantity_id varchar, article_id varchar, char_start integer, char_end integer,"
                " surface varchar, value double, unit varchar, kind varchar, qualifier varchar)")
    con.execute("create table claim_checks(check_id varchar, article_id varchar, check_type varchar,"
                " part_quantity_id varchar, whole_quantity_id varchar, percent_quantity_id varchar,"
                " part_quantity_ids varchar[], stated double, recomputed double, verdict varchar)")
    out = {}
    for jp in json_paths:
        gold = json.loads(jp.read_text(encoding="utf-8"))
        aid = gold["id"]
        text, qs = _quantities(jp, source)
        con.execute("insert into articles values (?, ?, ?)", [aid, gold["file"], text])
        _insert(con, "quantities", 9, [[q.quantity_id, aid, q.start, q.end, q.surface, q.value, q.unit, q.kind, q.qualifier]
                                         for q in qs])
        checks = check_claims(text, qs)
        _insert(con, "claim_checks", 10, [[f"{aid}:c{n}", aid, c.check_type, c.part_quantity_id, c.whole_quantity_id,
                                            c.percent_quantity_id, list(c.part_quantity_ids), c.stated, c.recomputed,
                                            c.verdict] for n, c in enumerate(checks)])
        out[aid] = checks
    con.close()
    return out


def score(json_paths: list[Path], source: str = "gold") -> dict:
    """The official scorer's report (summary + per-article) for these gold articles."""
    scorer = shared_dir() / "eval" / "score.py"
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir = Path(tmp) / "gold"
        gold_dir.mkdir()
        for jp in json_paths:  # score.py reads a folder: link the chosen articles into one
            gold = json.loads(jp.read_text(encoding="utf-8"))
            (gold_dir / jp.name).symlink_to(jp)
            (gold_dir / gold["file"]).symlink_to(jp.parent / gold["file"])
        wh = Path(tmp) / "wh.duckdb"
        build_warehouse(json_paths, wh, source)
        rep = Path(tmp) / "report.json"
        subprocess.run([sys.executable, str(scorer), "--warehouse", str(wh), "--gold", str(gold_dir), "--json", str(rep)],
                       check=False, capture_output=True, text=True)
        return json.loads(rep.read_text(encoding="utf-8"))


if __name__ == "__main__":  # python -m tests.claims.scoring [gold|extract] [dirs…]
    src = sys.argv[1] if len(sys.argv) > 1 else "gold"
    dirs = [Path(d) for d in sys.argv[2:]] or [shared_dir() / "gold", ROOT / "tests" / "gold"]
    r = score(gold_files(*dirs), src)
    for a in r["articles"]:
        if a.get("relations_missed") or a.get("false_alarms"):
            print(a["id"], "missed:", a.get("relations_missed"), "false alarms:", a.get("false_alarms"))
    print(json.dumps(r["summary"], ensure_ascii=False))
