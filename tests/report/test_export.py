"""export_views: each view to Parquet and to CSV (UTF-8 with BOM), both readable and complete."""
from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipelines.report import export_views, view_names
from tests.views import fixture_warehouse as fw


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = fw.build(tmp_path_factory.mktemp("export") / "warehouse.duckdb")
    yield con
    con.close()


def test_every_view_exports_to_parquet_and_csv(con, tmp_path):
    views = view_names()
    paths = export_views(con, tmp_path / "out", views)
    assert [p.name for p in paths] == [f"{v}.{ext}" for v in views for ext in ("parquet", "csv")]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)  # no temp files left
    for view in views:
        expected = con.execute(f"SELECT count(*) FROM {view}").fetchall()[0][0]
        columns = [r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()]
        table = pq.read_table(tmp_path / "out" / f"{view}.parquet")
        assert table.num_rows == expected and table.column_names == columns, view
        raw = (tmp_path / "out" / f"{view}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), view
        frame = pd.read_csv(tmp_path / "out" / f"{view}.csv", encoding="utf-8-sig")
        assert len(frame) == expected and list(frame.columns) == columns, view


def test_csv_keeps_chinese_text_and_nested_columns_are_json(con, tmp_path):
    export_views(con, tmp_path, ["metric_comparison", "claim_ledger"])
    comparison = pd.read_csv(tmp_path / "metric_comparison.csv", encoding="utf-8-sig")
    assert set(comparison["region"]) == {"山西省", "河北省"}
    assert "全日制大学本科以上学历占比" in set(comparison["label_zh"])
    ledger = pd.read_csv(tmp_path / "claim_ledger.csv", encoding="utf-8-sig")
    assert all(json.loads(cell) == [] for cell in ledger["part_quantity_ids"])
    assert pq.read_table(tmp_path / "claim_ledger.parquet").schema.field("part_quantity_ids").type.value_type == "string"
    hostile = ledger.loc[ledger["check_id"] == "a5national:c0", "explanation"].item()
    assert hostile == f"80% of an unstated whole {fw.HOSTILE}"  # data files keep the text as it is


def test_export_overwrites_and_rejects_unknown_names(con, tmp_path):
    first = export_views(con, tmp_path, ["corpus_stats"])
    second = export_views(con, tmp_path, ["corpus_stats"])
    assert first == second and len(pd.read_csv(second[1], encoding="utf-8-sig")) == 4
    with pytest.raises(ValueError, match="no view or table"):
        export_views(con, tmp_path, ["no_such_view"])
    with pytest.raises(ValueError, match="not a view name"):
        export_views(con, tmp_path, ['corpus_stats"; DROP TABLE articles; --'])
