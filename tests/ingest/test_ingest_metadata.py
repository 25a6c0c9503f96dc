"""Metadata found in the text: title, author, editor, source, dates, reporting period."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.core.ingest import read_source
from pipelines.core.ingest import metadata as md

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEED = PROJECT_ROOT / "data" / "raw" / "seed-000.txt"


def test_seed_article():
    records, errors = read_source(SEED, SEED.parent)
    assert errors == [] and len(records) == 1
    rec = records[0]
    assert (rec.region, rec.region_code, rec.region_level) == ("山西省", "140000", "province")
    assert rec.author == "陈俊琦"
    assert rec.editor == "伊一"
    assert rec.reporting_period == "截至4月下旬"
    assert rec.title is None  # the first line is a paragraph
    assert rec.published_date is None  # no explicit date in the article
    assert rec.text == SEED.read_text(encoding="utf-8").strip()
    assert len(rec.text) == 2190  # the gold annotation's character count


@pytest.mark.parametrize("text, title", [
    ("山西省县级领导班子换届工作综述\n换届工作启动以来……", "山西省县级领导班子换届工作综述"),
    ("聚焦“关键少数” 选优配强党政正职\n正文。", "聚焦“关键少数” 选优配强党政正职"),
    ("换届工作启动以来，山西省委坚决贯彻落实。\n第二段。", None),  # a sentence, not a title
    ("只有一行的标题", None),  # nothing follows
    ("2\n正文正文正文", None),  # a page number
    ("各位代表：\n现在，我代表省人民政府作报告。", None),  # a salutation
    ("（记者 陈俊琦）\n正文正文正文", None),  # a byline
    ("新华社太原5月10日电\n正文正文正文", None),  # a dateline
    ("2021年5月10日\n正文正文正文", None),  # a date line
    ("2021年05月10日 08:12 来源：山西日报\n正文正文正文", None),  # a page header
    ("标" * 65 + "\n正文", None),  # too long
])
def test_title(text, title):
    assert md.find_title(text) == title


def test_heading_title_may_be_longer():
    long_heading = "关于" + "进一步加强" * 14 + "的意见"
    assert md.find_title(long_heading + "\n正文") is None
    assert md.find_title(long_heading + "\n正文", heading=True) == long_heading


@pytest.mark.parametrize("text, author", [
    ("正文。(记者陈俊琦)\n(责任编辑:伊一)", "陈俊琦"),
    ("正文。（记者 张三 李四 通讯员 王五）", "张三、李四"),
    ("正文。（本报记者 张三、李四）", "张三、李四"),
    ("正文。【新华社记者 阿布都·热合曼】", "阿布都·热合曼"),
    ("本报记者 王小明 报道\n正文。", "王小明"),
    ("新华社记者 张三 李四\n正文。", "张三、李四"),
    ("文/周六\n正文。", "周六"),
    ("作者：李清照\n正文。", "李清照"),
    ("记者了解到，今年全省新增就业岗位12万个。", None),  # a sentence, not a byline
    ("记者会上，发言人回答了提问。", None),  # 记者会 = press conference
    ("（记者从省委组织部获悉）", None),
    ("全文没有署名。", None),
])
def test_author(text, author):
    assert md.find_author(text) == author


@pytest.mark.parametrize("text, editor", [
    ("(责任编辑:伊一)", "伊一"),
    ("正文。\n责任编辑：赵一鸣 实习生 孙二", "赵一鸣"),
    ("正文。\n编辑：王五", "王五"),
    ("［责编：张三］", "张三"),
    ("编辑部召开会议，研究部署工作。", None),
])
def test_editor(text, editor):
    assert md.find_editor(text) == editor


@pytest.mark.parametrize("text, source", [
    ("2021年05月10日 08:12 来源：山西日报\n正文。", "山西日报"),
    ("正文。\n（来源：人民网）", "人民网"),
    ("资金来源：财政拨款和社会投资，共计12亿元，按进度拨付到位。", None),  # not a field
])
def test_source(text, source):
    assert md.find_source(text) == source


@pytest.mark.parametrize("text, period", [
    ("截至4月下旬,全省117个县完成换届。", "截至4月下旬"),
    ("截至2021年底，全省……", "截至2021年底"),
    ("截止到今年6月末，……", "截止到今年6月末"),
    ("截至第一季度末，……", "截至第一季度末"),
    ("截至二〇二一年十二月三十一日，……", "截至二〇二一年十二月三十一日"),
    ("截至２０２１年４月底，……", "截至２０２１年４月底"),
    ("截至目前，全省已完成……", None),  # no explicit time
    ("全省已完成换届。", None),
])
def test_reporting_period(text, period):
    assert md.find_reporting_period(text) == period


@pytest.mark.parametrize("text, date", [
    ("日期：2021-05-10\n正文。", dt.date(2021, 5, 10)),
    ("标题\n发布时间：2021年5月10日 10:00\n正文。", dt.date(2021, 5, 10)),
    ("标题\n2021年05月10日 08:12 来源：山西日报\n正文。", dt.date(2021, 5, 10)),
    ("（2021年5月10日）\n正文。", dt.date(2021, 5, 10)),
    ("2021年5月10日，山西省委召开会议。", None),  # the date of an event
    ("1921年7月23日，中国共产党第一次全国代表大会在上海召开。", None),
    ("正文。" * 60 + "\n中共某某省委\n二〇二一年五月十日", dt.date(2021, 5, 10)),  # signature date
    ("正文。" * 60 + "2019年3月1日，某项政策出台。" + "正文。" * 10, None),  # deep in the body
    ("2021年2月30日，不存在的日子。", None),
    ("日期：二〇二一年十十月十十十日\n正文。", None),  # numerals the pattern admits but no date
    ("截至4月下旬，全省完成换届。", None),
])
def test_published_date(text, date):
    assert md.find_published_date(text) == date


@pytest.mark.parametrize("value, date", [
    ("2025-02-28 19:14:25", dt.date(2025, 2, 28)),
    ("2021/5/10", dt.date(2021, 5, 10)),
    ("2021.05.10", dt.date(2021, 5, 10)),
    ("2021-05-10T10:00:00+08:00", dt.date(2021, 5, 10)),
    ("20210510", dt.date(2021, 5, 10)),
    ("２０２１年５月１０日", dt.date(2021, 5, 10)),
    (dt.date(2021, 5, 10), dt.date(2021, 5, 10)),
    (dt.datetime(2021, 5, 10, 8, 0), dt.date(2021, 5, 10)),
    ("2021-13-01", None),
    ("yesterday", None),
    (1620000000, None),
    (None, None),
])
def test_parse_date(value, date):
    assert md.parse_date(value) == date


def test_lead_end():
    text = "标题\n第一句。第二句。\n第二段。"
    assert text[:md.lead_end(text)] == "标题"  # a first line without a sentence end is the lead
    assert text[:md.lead_end(text, skip_first_line=True)] == "标题\n第一句。"
