"""English names of derived indicators from Chinese reports, read through catalog/glossary.yaml."""

import duckdb

from pipelines import steps, warehouse
from pipelines.glossary import english_name
from pipelines.publishing import release
from validation import rules


def test_a_phrase_the_glossary_reads_whole_is_named_in_english_word_by_word():
    assert english_name("商品混凝土产量") == "ready-mixed concrete output"
    assert english_name("户均配变容量") == "per household distribution transformer capacity"
    assert english_name("生活垃圾回收利用率") == "household waste recycling rate"
    # traditional characters are read as simplified ones; the longest word wins (太阳光电, not 太阳)
    assert english_name("太陽光電累計裝置容量") == "solar photovoltaic cumulative installed capacity"


def test_function_words_need_no_english_but_name_nothing_alone():
    assert english_name("中心城区的绿色出行分担率") == "central urban area green travel modal share"
    assert english_name("条线路高峰满载率超") == "lines peak load factor"  # a classifier and a bound
    assert english_name("目前") is None


def test_a_phrase_with_an_unread_character_keeps_no_english_name():
    assert english_name("未完成") is None  # a negation the glossary does not read would flip the meaning
    assert english_name("兰花种植面积") is None  # 兰花 (orchids) is not a word of the domain
    assert english_name("府在全澳设置的分类回收点") is None  # a phrase cut inside a word (政府)


def test_latin_letters_and_digits_pass_through_as_written():
    assert english_name("PM2.5平均浓度") == "PM2.5 average concentration"
    assert english_name("单位GDP能耗") == "unit GDP energy consumption"
    assert english_name("5G基站") == "5G base stations"


REPORT = """某省2023年能源发展情况
2023年，全省商品混凝土产量达到1.2亿立方米。全省秸秆综合利用率为92.5%。全省兰花种植面积达到3000亩。
"""


def test_a_chinese_derived_indicator_is_published_with_its_english_name_and_its_phrase(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "zh.txt").write_text(REPORT, encoding="utf-8")
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        steps.load_all(con, seeds)
        rules.apply_rules(con)
        steps.build_dimensions(con)
        release.publish(con, tmp_path / "rel", {"git_commit": "test"})
    indicators = duckdb.connect().execute(
        f"SELECT indicator_id, name, name_zh FROM '{tmp_path / 'rel' / 'latest' / 'indicators.csv'}' WHERE derived"
    )
    assert set(indicators.fetchall()) == {
        ("derived_商品混凝土产量", "ready-mixed concrete output", "商品混凝土产量"),
        ("derived_秸秆综合利用率", "straw comprehensive utilization rate", "秸秆综合利用率"),
        ("derived_兰花种植面积", "兰花种植面积", "兰花种植面积"),  # not read whole: the phrase as written
    }


def test_the_general_vocabulary_of_energy_industry_and_company_statistics_is_read():
    assert english_name("铁路营业里程") == "railway operating mileage"
    assert english_name("归母净利润") == "net profit attributable to shareholders"
    assert (
        english_name("備轉容量率") == "operating reserve margin"
    )  # Taiwan power terms, in traditional script
    assert english_name("秸秆综合利用率") == "straw comprehensive utilization rate"
    assert english_name("年产能力") == "annual production capacity"
    # a longer compound does not swallow the head of the next word (可再生能源 + 发电量, not 可再生能源发电 + 量)
    assert english_name("可再生能源发电量") == "renewable energy power generation"
