"""Small, valid warehouse frames for the quality tests, typed as DuckDB returns them."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

TEXT = (
    "全省县级换届工作综述\n"
    "截至4月下旬，全省117个县（市、区）完成换届。共调整党政正职102名，"
    "其中全日制本科以上学历73人，占71.6%，比换届前提高20个百分点。"
    "全省地区生产总值同比增长8.5%，数字经济规模比上年增长120%，"
    "财政收入同比下降3.1%。女干部占比达到12.5%，新增就业3.2万人。"
)

# (quantity_id, surface, value, unit, kind, qualifier); spans are located in TEXT
MENTIONS = [
    ("q1", "4月下旬", None, None, "date", None),
    ("q2", "117个", 117, "个", "count", None),
    ("q3", "102名", 102, "名", "count", None),
    ("q4", "73人", 73, "人", "count", None),
    ("q5", "71.6%", 71.6, "%", "percent", None),
    ("q6", "20个百分点", 20, "百分点", "percentage_points", None),
    ("q7", "8.5%", 8.5, "%", "percent", None),
    ("q8", "120%", 120, "%", "percent", None),  # a growth rate: over 100 and fine
    ("q9", "3.1%", -3.1, "%", "percent", None),  # a decline stored negative: fine
    ("q10", "12.5%", 12.5, "%", "percent", None),
    ("q11", "3.2万人", 32000, "人", "count", None),
]

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "sql" / "schema"


def through_duckdb(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Store df in a DuckDB table of the warehouse type and read it back as pandas."""
    con = duckdb.connect()
    (schema,) = SCHEMA_DIR.glob(f"[0-9]*_{table}.sql")  # the warehouse DDL is the contract
    con.execute(schema.read_text())
    con.register("incoming", df)
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    return con.execute(f"SELECT * FROM {table}").df()


def good_frames() -> dict[str, pd.DataFrame]:
    articles = pd.DataFrame([{
        "article_id": "a1", "source_file": "sx-2021.txt", "record_key": "", "title": TEXT.split("\n")[0],
        "published_date": dt.date(2021, 5, 1), "region": "山西省", "region_code": "140000",
        "region_level": "province", "author": "陈俊琦", "editor": "伊一", "reporting_period": "截至4月下旬",
        "text": TEXT, "chars": len(TEXT), "is_current": True, "ingested_at": dt.datetime(2024, 1, 1, 8),
    }, {
        "article_id": "a0", "source_file": "sx-2021.txt", "record_key": "", "title": "旧版本",
        "published_date": None, "region": "山西省", "region_code": None, "region_level": "province",
        "author": None, "editor": None, "reporting_period": None, "text": "旧文本", "chars": 3,
        "is_current": False, "ingested_at": dt.datetime(2023, 1, 1, 8),
    }])
    rows, pos = [], 0
    for qid, surface, value, unit, kind, qualifier in MENTIONS:
        start = TEXT.index(surface, pos)
        pos = start + len(surface)
        rows.append({"quantity_id": qid, "article_id": "a1", "sentence_id": "a1:s1", "char_start": start,
                     "char_end": pos, "surface": surface, "value": value, "unit": unit, "kind": kind,
                     "qualifier": qualifier, "low": None, "high": None, "subject": None, "metric": None})
    quantities = pd.DataFrame(rows)
    claim_checks = pd.DataFrame([
        {"check_id": "c1", "article_id": "a1", "check_type": "percent_of", "part_quantity_id": "q4",
         "whole_quantity_id": "q3", "percent_quantity_id": "q5", "part_quantity_ids": [], "stated": 71.6,
         "recomputed": 71.5686, "tolerance": 0.05, "verdict": "consistent", "rule": "percent_of",
         "explanation": "73/102 = 71.57% rounds to 71.6%"},
        {"check_id": "c2", "article_id": "a1", "check_type": "part_of", "part_quantity_id": "q4",
         "whole_quantity_id": "q3", "percent_quantity_id": None, "part_quantity_ids": [], "stated": None,
         "recomputed": None, "tolerance": None, "verdict": "consistent", "rule": "part_of",
         "explanation": "73 <= 102"},
        {"check_id": "c3", "article_id": "a1", "check_type": "change", "part_quantity_id": None,
         "whole_quantity_id": None, "percent_quantity_id": "q5", "part_quantity_ids": ["q6"], "stated": 20,
         "recomputed": None, "tolerance": None, "verdict": "unverifiable", "rule": "change",
         "explanation": "no earlier share in the text"},
    ])
    return {t: through_duckdb(t, df) for t, df in
            (("articles", articles), ("quantities", quantities), ("claim_checks", claim_checks))}
