"""The gazetteer (official 6-digit codes) and which region an article is about."""
from __future__ import annotations

from collections import Counter

import pytest

from pipelines.core.ingest.metadata import lead_end
from pipelines.core.ingest.regions import Region, detect_region, gazetteer, resolve_region_name


def region(text: str, title: str | None = None) -> tuple[str, str, str] | None:
    found = detect_region(text, lead_end(text), title)
    return (found.name, found.code, found.level) if found else None


def test_gazetteer_has_every_level_with_six_digit_codes():
    divisions = gazetteer().divisions
    levels = Counter(d.level for d in divisions.values())
    assert levels == {"province": 34, "prefecture": 333, "county": 2843}
    assert all(len(code) == 6 and code.isdigit() for code in divisions)
    assert divisions["140000"].name == "山西省"
    assert divisions["140100"].name == "太原市" and divisions["140100"].province == "140000"
    assert divisions["140728"].name == "平遥县" and divisions["140728"].prefecture == "140700"
    # municipality districts and province-administered county cities hang on the province
    assert divisions["110105"].prefecture is None and divisions["429004"].prefecture is None


@pytest.mark.parametrize("name, expected", [
    ("山西省", ("山西省", "140000", "province")),
    ("山西", ("山西省", "140000", "province")),
    ("内蒙古", ("内蒙古自治区", "150000", "province")),
    ("太原", ("太原市", "140100", "prefecture")),
    ("延边", ("延边朝鲜族自治州", "222400", "prefecture")),
    ("平遥县", ("平遥县", "140728", "county")),
    ("沛县", ("沛县", "320322", "county")),  # two characters: resolvable as metadata, never matched in text
    ("朝阳区", None),  # Beijing and Changchun both have one
    ("火星", None),
])
def test_resolve_region_name(name, expected):
    found = resolve_region_name(name)
    assert (None if found is None else (found.name, found.code, found.level)) == expected


def test_province_report_with_one_named_mention_and_self_references():
    text = ("换届工作启动以来，山西省委坚决贯彻落实党中央部署要求，稳妥推进换届工作。截至4月下旬，全省117个县（市、区）完成换届。\n"
            "省委常委会议5次专题研究换届工作。我省将持续抓好县级领导班子建设，县委书记要带头。")
    assert region(text) == ("山西省", "140000", "province")


def test_prefecture_and_county_articles():
    city = "太原市委召开全会，部署全年工作。会议指出，全市上下要真抓实干。太原市将新建学校20所。"
    assert region(city) == ("太原市", "140100", "prefecture")
    county = "平遥县加快发展文化旅游产业。今年以来，全县接待游客超过1000万人次，平遥县旅游收入增长12%。"
    assert region(county) == ("平遥县", "140728", "county")


def test_province_article_naming_one_city_stays_at_province():
    text = ("河南省委召开常委会议，研究部署全省经济工作。会议强调，全省要稳住经济大盘。"
            "郑州市作为省会要发挥带动作用。省政府将加大支持力度，我省经济总量有望再上台阶。")
    assert region(text) == ("河南省", "410000", "province")


@pytest.mark.parametrize("text", [
    # a national story
    "国务院常务会议部署稳就业工作。会议指出，前三季度全国城镇新增就业1022万人。各地区各部门要落实落细稳就业政策。",
    # one province among many
    "山西、河北、内蒙古、辽宁等地启动重污染天气应急响应。生态环境部派出工作组赴一线督导。",
    # a province mentioned once in passing in the body of a national story
    "国家统计局发布数据，前三季度国内生产总值同比增长5.2%。其中，最终消费支出贡献率较高。"
    "分地区看，广东规模以上工业增加值增长4.1%。专家认为，经济回升向好态势持续巩固。",
    # a nationwide statistics lead that names a province in an enumeration
    "国家卫生健康委今天通报，31个省（自治区、直辖市）和新疆生产建设兵团报告新增确诊病例12例。其中境外输入病例8例。",
    # the capital as the venue of national events
    "国家主席习近平在北京人民大会堂同来华进行国事访问的外国总统举行会谈。两国元首一致同意深化合作。",
    # proper nouns that start with a place name
    "上海合作组织成员国外长理事会会议在比什凯克举行。各方就地区安全问题深入交换意见。",
])
def test_no_region_for_national_or_unclear_stories(text):
    assert region(text) is None


def test_ordinary_words_that_contain_place_names():
    # 长治久安 (长治 is a prefecture), 沿海城市 (海城市 is a county), 文山会海 (文山 is a prefecture)
    text = ("广东省委召开会议强调，要确保社会长治久安。全省沿海城市要加强防台风工作，"
            "坚决纠治文山会海。广东将加快建设现代化产业体系，全省上下要形成合力。")
    assert region(text) == ("广东省", "440000", "province")
    assert region("红海城市荷台达的机场附近遭到袭击。当地民众纷纷撤离。") is None


def test_ambiguous_district_needs_context():
    beijing = "北京市朝阳区加快建设国际消费中心。朝阳区今年新开首店200家，全区社会消费品零售总额增长8%。"
    assert region(beijing) == ("朝阳区", "110105", "county")
    assert region("朝阳区今年新开首店200家。朝阳区社会消费品零售总额增长8%。朝阳区还将继续努力。") is None


def test_short_prefecture_forms_count_only_with_their_province():
    text = "江西省南昌市推进湿地保护。南昌有超过五分之一的国土面积是湿地，南昌始终坚持生态优先。全市湿地保护率达到62%。"
    assert region(text) == ("南昌市", "360100", "prefecture")


def test_title_counts_as_lead():
    text = "当地推动数字经济发展，新的一年将继续加大投入。有关负责人表示，要在新征程上扛起责任。"
    assert region(text) is None
    assert region(text, title="【权威访谈】山东：担当作为 培育壮大战略性新兴产业") == ("山东省", "370000", "province")


def test_region_record_type():
    found = detect_region("山西省委召开会议。全省上下要抓好落实。", 9)
    assert isinstance(found, Region) and found.code == "140000"
