"""The views answer within 200 ms on a warehouse of the real corpus's size (slow: `make test-slow`).

41,088 articles (2% no longer current) of ~500 characters, 15 sentences and 24 figures each
(~1M quantities, 2.8% of them with a metric: three times the 0.9% that the extractor and the
taxonomy give on a sample of the real corpus), two
claim checks in every second article (41k checks: the checker needs a stated part, whole or share,
and only 8.6k of the corpus's 41k stories even hold a '%'), 20 runs of data-quality results.
Each view is read whole into Arrow (what export and report do).  Wall-clock time on a machine
whose 2 cores are shared: the best of seven runs counts, so a neighbour's CPU burst does not fail
the test (a machine busy for the whole run still can).
"""
from __future__ import annotations

import time

import pytest

from pipelines import warehouse as wh
from pipelines.report.views import create_views, view_names, write_metric_taxonomy

N_ARTICLES = 41_088
LIMIT_SECONDS = 0.2

SYNTHETIC = [
    """INSERT INTO articles (article_id, source_file, record_key, title, published_date, region, region_level, source,
                            text, chars, is_current, ingested_at)
       SELECT printf('a%06d', i), printf('xwlb/%d.json', i // 15), printf('videoList[%d]', i % 15), printf('标题%d', i),
              DATE '2019-01-01' + (i // 15)::INTEGER, ['山西省', '河北省', '浙江省', NULL][1 + i % 4], 'province',
              ['央视网', '新华网'][1 + i % 2], repeat('全日制大学本科以上学历73人，占71.6%。', 20), 500,
              i % 50 <> 0, TIMESTAMP '2024-01-01'
       FROM range(?) AS t(i)""",
    """INSERT INTO sentences
       SELECT printf('a%06d:s%d', i, j), printf('a%06d', i), printf('a%06d:p0', i), j, j * 25, j * 25 + 25,
              '全日制大学本科以上学历73人，占71.6%。'
       FROM range(?) AS a(i), range(15) AS s(j)""",
    """INSERT INTO quantities (quantity_id, article_id, sentence_id, char_start, char_end, surface, value, unit, kind,
                              qualifier, subject, metric)
       SELECT printf('a%06d:q%d-%d', i, k * 20, k * 20 + 3), printf('a%06d', i), printf('a%06d:s%d', i, k % 15),
              k * 20, k * 20 + 3, '73人', k + i % 97, '人', 'count', NULL, '全日制大学本科以上学历',
              CASE WHEN k = 3 AND i % 2 = 0 THEN 'edu_fulltime_bachelor_plus_share' WHEN k = 5 AND i % 6 = 0 THEN 'heads_adjusted' END
       FROM range(?) AS a(i), range(24) AS q(k)""",
    """INSERT INTO claim_checks
       SELECT printf('a%06d:c%d', i, c), printf('a%06d', i), ['percent_of', 'part_of'][1 + c],
              printf('a%06d:q%d-%d', i, 20, 23), printf('a%06d:q%d-%d', i, 40, 43),
              CASE WHEN c = 0 THEN printf('a%06d:q%d-%d', i, 60, 63) END, [], 71.6, 71.57, 0.05,
              CASE WHEN i % 40 = 0 THEN 'inconsistent' WHEN i % 7 = 0 THEN 'unverifiable' ELSE 'consistent' END,
              'rule', 'explanation'
       FROM range(?) AS a(i), range(2) AS k(c)
       WHERE i % 2 = 0""",
]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    con = wh.connect(tmp_path_factory.mktemp("perf") / "warehouse.duckdb")
    wh.ensure_schema(con)
    for statement in SYNTHETIC:
        con.execute(statement, [N_ARTICLES])
    con.execute("""INSERT INTO pipeline_runs SELECT printf('run-%d', r), TIMESTAMP '2024-01-01' + INTERVAL (r) DAY,
                   NULL, NULL, 'success', NULL FROM range(20) AS t(r)""")
    con.execute("""INSERT INTO dq_results SELECT printf('run-%d', r), ['articles', 'quantities'][1 + e % 2],
                   printf('expect_%d', e), NULL, 'integrity', e % 5 <> 0, 0, 1000,
                   TIMESTAMP '2024-01-01' + INTERVAL (r) DAY, NULL FROM range(20) AS t(r), range(30) AS x(e)""")
    write_metric_taxonomy(con)
    create_views(con)
    con.execute("CHECKPOINT")
    yield con
    con.close()


@pytest.mark.slow
def test_sizes(big):
    assert big.execute("SELECT count(*) FROM quantities").fetchall()[0][0] == N_ARTICLES * 24


@pytest.mark.slow
@pytest.mark.parametrize("view", view_names())
def test_view_answers_within_200ms(big, view):
    timings = []
    for _ in range(7):
        start = time.perf_counter()
        table = big.sql(f"SELECT * FROM {view}").to_arrow_table()
        timings.append(time.perf_counter() - start)
    assert table.num_rows > 0
    print(f"{view}: {table.num_rows} rows, best {min(timings) * 1000:.0f} ms")
    assert min(timings) < LIMIT_SECONDS, f"{view}: {min(timings) * 1000:.0f} ms"
