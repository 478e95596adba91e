"""Extraction rules on sentences written for the tests, English and Chinese."""

import pytest

from pipelines.extraction.extract import ReportContext, extract_facts, infer_agency, infer_report_year

from .conftest import CHINESE_REPORT

CTX = ReportContext("r", 2022, "ndrc")


def facts(text, ctx=CTX):
    return {text[f.char_start : f.char_end]: f for f in extract_facts(text, ctx)}


def test_level_with_year_qualifier_indicator_and_change():
    found = facts(
        "In 2021, the installed capacity of hydropower reached about 391 million kilowatts, "
        "an increase of 5.6% year-on-year."
    )
    level, change = found["391"], found["5.6"]
    assert (level.value, level.unit, level.measure, level.qualifier, level.year) == (
        391e6,
        "kW",
        "level",
        "approx",
        2021,
    )
    assert level.indicator_id == "hydropower_capacity" and level.region_code == "CN"
    assert (change.measure, change.direction, change.unit, change.year) == (
        "change",
        "increase",
        "percent",
        2021,
    )


def test_this_year_and_last_year_against_the_report_year():
    found = facts(
        "As of the end of June this year, 43 energy efficiency leader enterprises were selected. "
        "Last year, Shandong built more than 1,200 charging stations."
    )
    assert found["43"].year == 2022 and found["43"].measure == "count"
    assert found["43"].indicator_id == "energy_efficiency_leaders"
    stations = found["1,200"]
    assert (stations.year, stations.region_code, stations.qualifier, stations.value) == (
        2021,
        "CN-SD",
        "lower_bound",
        1200,
    )


def test_impossible_year_gives_no_year_and_a_flag():
    f = facts("In 50, coal power accounted for less than 60% of installed capacity.")["60"]
    assert f.year is None and "impossible_year" in f.flags
    assert (f.measure, f.qualifier) == ("share", "upper_bound")


def test_a_share_of_a_goal_met_is_flagged_so_that_it_may_pass_a_hundred_percent():
    found = facts("全年完成年度节能目标的118.7%，森林覆盖率达到45.2%。")
    assert "goal_completion" in found["118.7"].flags
    assert "goal_completion" not in found["45.2"].flags
    table = facts(
        "单位名称        节能目标   实际节能量   完成率\n佛山某铝材有限公司   6500   8216   126.4%\n"
    )
    assert "goal_completion" in table["126.4"].flags
    english = facts("Item          Plan     Actual    Completion\nWind (MW)     1,200    1,380     115%\n")
    assert "goal_completion" in english["115"].flags


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("全年节能量达到12万吨标准煤，为年度目标的108.3%。", "108.3"),
        ("新能源装机目标达成率为116%。", "116"),
        ("年度目标完成率103.5%，超额完成任务。", "103.5"),
        ("投资执行率达105.2%。", "105.2"),
        ("The company delivered 1,250 MW, 112% of its annual plan.", "112"),
        ("The target achievement rate was 121%.", "121"),
        ("本次需求响应平均响应率为108.6%。", "108.6"),  # (the load shed against the load asked for)
    ],
)
def test_a_rate_of_a_goal_met_is_progress_that_may_pass_a_hundred_percent(text, number):
    f = facts(text)[number]
    assert f.measure == "share" and "goal_completion" in f.flags


def test_a_completion_rate_still_to_reach_is_a_goal():
    f = facts("力争全年目标完成率达到100%以上。")["100"]
    assert f.measure == "target" and "goal_completion" in f.flags


def test_a_target_takes_its_deadline():
    f = facts("The goal is to raise the share of non-fossil energy to around 25 percent by 2030.")["25"]
    assert (f.measure, f.year, f.qualifier) == ("target", 2030, "approx")


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2021, the plan was issued.",  # year as a date
        "The 14th Five-Year Plan was issued.",  # plan name
        "The report of the 20th National Congress was adopted.",  # ordinal
        "It built 5G networks.",  # number inside a name
        "Air quality (PM2.5) improved.",
        "Emissions of CO2 fell.",
        "The G50 gas turbine was tested.",
        "Hualong No. 1 was put into operation.",
        "Output grew for 7 consecutive years.",  # streak
        "The task will be done in the next 3~5 years.",  # horizon
        "(4) New energy has maintained rapid growth.",  # enumerator
        "In January 7, the unit was connected.",  # date
        "The 2021 version of the catalogue was issued.",
        "Among the top 10 enterprises, most are state-owned.",  # a rank
        "The COVID-19 pandemic slowed projects and COP-26 delegates met.",  # codes after a hyphen
    ],
)
def test_exclusions(sentence):
    assert facts(sentence) == {}


def test_a_heading_enumerator_is_not_a_fact():
    assert facts("1. Accelerate the development of non-fossil energy\n2. Promote hydropower\n") == {}


def test_lost_numbers_are_kept_as_placeholders_never_values():
    found = facts("China has <> nuclear power units with an installed capacity of <>.<> million kilowatts.")
    assert set(found) == {"<>", "<>.<>"}
    assert all(f.value is None and "placeholder" in f.flags for f in found.values())


def test_a_lost_year_is_not_a_fact_and_leaves_no_year():
    found = facts("In <>, the power generation of new energy exceeded 1 trillion kilowatt-hours.")
    assert list(found) == ["1"]
    assert found["1"].year is None


def test_range_gives_two_bounds():
    found = facts("The average loss rate was controlled within 2%-4%.")
    assert (found["2"].qualifier, found["4"].qualifier) == ("lower_bound", "upper_bound")
    assert found["2"].unit == found["4"].unit == "percent"


def test_percentage_points_and_multiples_are_changes():
    found = facts("The rate rose by 14 percentage points, and sales increased 7.3 times.")
    assert found["14"].measure == "change" and found["14"].unit == "percentage_point"
    assert found["7.3"].measure == "change" and found["7.3"].unit == "times"


def test_decrease_direction():
    f = facts("Energy consumption per unit of GDP decreased by 2.7% year-on-year.")["2.7"]
    assert (f.measure, f.direction) == ("change", "decrease")


def test_compound_units():
    found = facts(
        "Coal consumption dropped to 302.5 grams of standard coal/kWh and emissions were below 550 grams/kWh."
    )
    assert found["302.5"].unit == "gce/kWh" and found["302.5"].measure == "level"
    assert found["550"].unit == "g/kWh" and found["550"].qualifier == "upper_bound"


def test_city_maps_to_its_province_and_multi_province_areas_to_cn():
    assert (
        facts("The project in Haiyang, Shandong Province heated 4 million square meters.")["4"].region_code
        == "CN-SD"
    )
    assert facts("Wuhan built 30 charging stations.")["30"].region_code == "CN-HB"
    assert (
        facts("The Guangdong-Hong Kong-Macao Greater Bay Area built 30 stations.")["30"].region_code == "CN"
    )


def test_chinese_report():
    found = facts(CHINESE_REPORT)
    afforestation = found["540"]
    assert (afforestation.value, afforestation.unit, afforestation.region_code) == (3.6e9, "m2", "CN-SX")
    assert afforestation.year == 2022 and afforestation.measure == "target"
    assert found["8"].measure == "count" and found["8"].region_code == "CN-CQ"
    money = found["9"]
    assert (money.value, money.unit, money.qualifier) == (9e8, "CNY", "lower_bound")
    share = found["68"]
    assert (share.unit, share.qualifier, share.region_code) == ("percent", "lower_bound", "CN-QH")


def test_every_span_points_at_its_number_and_quote():
    text = "Hubei added 2.1 million kilowatts. 湖北新增装机210万千瓦。"
    for f in extract_facts(text, CTX):
        assert text[f.char_start : f.char_end] == f.value_raw
        assert f.quote == text[f.sentence_start : f.sentence_end]
        assert f.sentence_start <= f.char_start < f.char_end <= f.sentence_end


def test_observation_ids_are_stable():
    text = "Hubei added 2.1 million kilowatts."
    assert [f.observation_id for f in extract_facts(text, CTX)] == [
        f.observation_id for f in extract_facts(text, CTX)
    ]


def test_unknown_quantities_keep_a_readable_derived_indicator():
    f = facts("The county planted 35 walnut orchards.")["35"]
    assert f.indicator_id == "derived_walnut_orchards" and "derived_indicator" in f.flags


def test_report_year_and_agency_inference():
    text = (
        "Recently, the National Development and Reform Commission summarized the progress. By 2030 the share "
        "will rise. In the first half of 2022, output grew. As of September 2022, 9 plants opened."
    )
    assert infer_report_year(text) == 2022
    assert infer_agency(text) == "ndrc"


def test_a_goal_year_is_not_the_report_year():
    text = "去年全國可再生能源發電量達到3.46萬億千瓦時。2024年新增裝機3.7億千瓦。政府目標在2035年或之前停止新登記燃油私家車。"
    assert infer_report_year(text) == 2024
    assert (
        infer_report_year("The city aims to end new registrations in 2035.") == 2035
    )  # nothing else to go on


@pytest.mark.parametrize(
    "text",
    [
        "Plant update\n\nIn 2023 the plant generated 1,200 GWh. Unit 3 will start commercial operation in 2026.",
        "电站简报\n\n2023年发电量12亿千瓦时。3号机组计划于2026年投产。",
    ],
)
def test_a_year_still_to_come_is_not_the_report_year(text):
    assert infer_report_year(text) == 2023


def test_a_year_in_chinese_numerals_dates_the_report():
    assert (
        infer_report_year("关于二〇二四年度节能目标责任评价考核结果的通报\n\n全市万元GDP能耗下降3.1%。")
        == 2024
    )
    # ... and a dateline so written dates it, the title's year aside
    text = "交通事务局\n的士电动化进展（二〇二四年第四季）\n\n全澳电动的士1,262辆。\n\n二〇二五年一月十日"
    assert infer_report_year(text) == 2024


def test_a_press_releases_date_with_its_weekday_dates_it():
    text = "新聞公報\n\n首艘電動渡輪明日投入服務。其餘5艘預計於2025年年底前付運。\n\n完\n2024年9月27日（星期五）\n香港時間15時30分\n"
    assert infer_report_year(text) == 2024


def test_a_point_of_a_year_dates_the_report_but_a_deadline_does_not():
    text = (
        "Carbon prices hit a record\n\nThe scheme launched in July 2021. Outstanding loans stood at 30 trln "
        "yuan at end-2023. The ministry plans to add steel by end-2025."
    )
    assert infer_report_year(text) == 2023


def test_numbers_inside_a_unit_are_not_facts():
    found = facts("Energy intensity fell to 0.46 tons of standard coal per 10,000 yuan of GDP in 2021.")
    assert list(found) == ["0.46"]
    assert found["0.46"].unit == "tce/10^4 CNY" and found["0.46"].year == 2021


def test_chinese_scales_qualifiers_and_changes():
    found = facts("全国可再生能源装机约12亿千瓦，同比增长约15%，风电装机不到4亿千瓦，单位GDP能耗下降2.5%。")
    assert list(found) == ["12", "15", "4", "2.5"]  # 千 of 千瓦 is part of the unit, not a number
    assert (found["12"].value, found["12"].unit, found["12"].qualifier) == (1.2e9, "kW", "approx")
    assert (found["15"].measure, found["15"].direction, found["15"].qualifier) == (
        "change",
        "increase",
        "approx",
    )
    assert found["4"].qualifier == "upper_bound"
    assert (found["2.5"].measure, found["2.5"].direction) == ("change", "decrease")


@pytest.mark.parametrize(
    "sentence",
    [
        "连续三年保持增长。",
        "2021年全国开展了专项行动。",
        "一批项目和三江源地区得到保护。",
        "第十四个五年规划顺利实施。",
    ],
)
def test_chinese_exclusions(sentence):
    assert facts(sentence) == {}


def test_english_scale_words():
    found = facts(
        "The province planted 3.5 thousand hectares and invested 2 hundred million yuan, "
        "nearly 40 percent more than last year."
    )
    assert (found["3.5"].value, found["3.5"].unit) == (3.5e7, "m2")
    assert (found["2"].value, found["2"].unit) == (2e8, "CNY")
    assert (found["40"].measure, found["40"].qualifier) == ("change", "approx")
    assert found["40"].year == 2022  # "than last year" is the comparison base, not the fact's year


def test_a_hyphenated_unit_describes_what_is_counted():
    f = facts("In 2022, 15 million-kilowatt hydroelectric generator sets were installed.")["15"]
    assert (f.unit, f.value, f.measure) == ("count", 15, "count")


def test_annual_facts_have_no_single_year():
    f = facts("Output of new materials has increased by more than 20% annually.")["20"]
    assert f.year is None and "multi_year" in f.flags and f.qualifier == "lower_bound"


def test_agency_is_attributed_per_section():
    text = (
        "Energy transition progress\nThe National Energy Administration reported progress. Wind capacity rose by 5%.\n"
        "Buildings progress\nThe Ministry of Housing and Urban-Rural Development said 30 cities joined.\n"
    )
    found = facts(text)
    assert found["5"].agency_id == "nea" and found["30"].agency_id == "mohurd"


def test_a_provincial_report_places_its_facts_in_its_province():
    ctx = ReportContext("r", 2023, "provincial_drc", "CN-JS")
    found = facts(
        "The installed capacity of renewable energy reached 63.1 GW. "
        "Wuhan built 30 charging stations. 全省森林覆盖率达到58.7%。",
        ctx,
    )
    assert found["63.1"].region_code == "CN-JS"
    assert found["30"].region_code == "CN-HB"  # a place named in the sentence wins
    assert (found["58.7"].region_code, found["58.7"].indicator_id) == ("CN-JS", "forest_coverage")


def test_a_figure_for_a_future_year_is_a_target():
    found = facts(
        "By 2025, the province aims to raise the share of non-fossil energy consumption to around 18%, "
        "and to cut carbon dioxide emissions per unit of GDP by 20% from 2020 levels."
    )
    assert (found["18"].measure, found["18"].year, found["18"].indicator_id) == (
        "target",
        2025,
        "non_fossil_share",
    )
    assert (found["20"].measure, found["20"].year, found["20"].indicator_id) == (
        "target",
        2025,
        "carbon_intensity",
    )


def test_standard_coal_written_before_the_number():
    f = facts("2023年实施节能技术改造项目326个，节约标准煤约150万吨。")["150"]
    assert (f.unit, f.value, f.indicator_id, f.qualifier) == ("tce", 1.5e6, "energy_saved", "approx")


def test_a_relative_change_describes_the_fact_before_it():
    found = facts(
        "Market-oriented trading electricity reached 2.5 trillion kWh, a year-on-year increase of 45.8%. "
        "Renewables accounted for 35.2% of installed capacity, up 4.8 percentage points."
    )
    assert found["45.8"].indicator_id == found["2.5"].indicator_id == "electricity_trading_volume"
    assert found["4.8"].indicator_id == found["35.2"].indicator_id


def test_a_count_after_a_copula():
    found = facts("Among the top 10 enterprises to complete transactions, 8 are central enterprises.")
    assert list(found) == ["8"] and found["8"].measure == "count"
    assert facts("In 2021, 5 were completed on time.") == {}


def test_coordinated_changes_and_counts_of_added_things():
    found = facts(
        "Sales of new energy vehicles reached 7.35 million, up 33.9% and 37.8% year-on-year. "
        "The ministry added 1,488 green factories, 104 green industrial parks and 205 green supply chain firms."
    )
    assert [found[k].measure for k in ("33.9", "37.8")] == ["change", "change"]
    assert found["37.8"].direction == "increase"
    assert (found["1,488"].measure, found["1,488"].indicator_id) == ("count", "green_factories")
    assert found["104"].indicator_id == "green_parks"


def test_kilograms_of_standard_coal():
    f = facts("The retrofit saved 549 kilograms of standard coal.")["549"]
    assert (f.unit, f.value) == ("tce", 0.549)
    # ... which per tonne of a product are an intensity
    f = facts("Energy consumption per ton of steel fell to 549 kilograms of standard coal.")["549"]
    assert (f.unit, f.value) == ("kgce/t", 549)


def test_full_width_digits_are_read_with_their_offsets():
    text = "２０２２年全省新增光伏装机１２００万千瓦，同比增长６５％。"
    found = {f.value_raw: f for f in extract_facts(text, CTX)}
    assert set(found) == {"１２００", "６５"}
    assert (found["１２００"].value, found["１２００"].unit, found["１２００"].year) == (1.2e7, "kW", 2022)
    assert found["６５"].measure == "change" and found["６５"].value == 65
    assert all(text[f.char_start : f.char_end] == f.value_raw for f in found.values())


def test_the_guard_on_time_expressions_changes_no_match():
    """The first-character guard of the time pattern is only a speed-up: on every corpus example and the
    seed report it finds exactly what the pattern without it finds."""
    import re  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    import yaml  # noqa: PLC0415

    from pipelines.extraction import context  # noqa: PLC0415

    pattern = context._time_pattern()
    unguarded = re.compile(pattern.pattern[pattern.pattern.index("(?:(?P<date>") :])
    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in (root / "seeds").glob("*.txt")]
    for path in (root / "pipelines" / "extraction" / "corpus").glob("*.yaml"):
        texts += [ex["text"] for ex in yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]]
    for text in texts + [context.simplified(t) for t in texts]:
        found = [(m.span(), m.lastgroup) for m in pattern.finditer(text)]
        assert found == [(m.span(), m.lastgroup) for m in unguarded.finditer(text)], text[:80]


def test_time_expressions_tried_only_where_one_may_begin_are_all_found():
    """`time_refs` tries the time pattern only at digits, at the characters that begin a Chinese
    expression and at the Latin words that begin an English one: on every corpus example (joined into
    one long text, since short texts are scanned directly) and the seed report, in whole and in pieces
    that cut through words, it finds exactly what `finditer` finds."""
    from pathlib import Path  # noqa: PLC0415

    import yaml  # noqa: PLC0415

    from pipelines.extraction import context  # noqa: PLC0415

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in (root / "seeds").glob("*.txt")]
    examples = []
    for path in (root / "pipelines" / "extraction" / "corpus").glob("*.yaml"):
        examples += [ex["text"] for ex in yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]]
    texts.append("\n".join(examples))
    pattern = context._time_pattern()
    for text in texts + [context.simplified(t) for t in texts]:
        for start in range(0, len(text), 997):  # pieces that start and end anywhere
            end = min(len(text), start + 1500)
            expected = [(m.span(), m.lastgroup) for m in pattern.finditer(text, start, end)]
            found = [(m.span(), m.lastgroup) for m in context._time_matches(text, start, end)]
            assert found == expected, text[start : start + 80]


@pytest.mark.parametrize(
    ("head", "year"),
    [
        ("Solar additions slow\nXinhua | Updated: March 3, 2024 19:37\n", 2024),
        ("20 August 2024 - Beijing\n\nCoal power approvals slow\n", 2024),
        ("国家能源局发布数据\n来源：国家能源局　发布时间：2024-08-23 10:30\n", 2024),
        ("Communique\nNational Bureau of Statistics\nFebruary 29, 2024\n", 2024),
        ("China's solar additions slow\nOct 23, 2024 08:12 PM\n", 2024),
        ("環境及生態局公布最新進展\n二〇二四年八月十五日（星期四）\n", 2024),
        ("能源署新聞稿\n發布日期：114-03-20\n", 2025),  # a date in the calendar of Taiwan
        ("能源轉型白皮書（摘要）\n經濟部能源局　編印　｜　中華民國109年12月\n", 2020),
    ],
)
def test_the_dateline_dates_the_report(head, year):
    body = "In 2023, wind capacity reached 441 million kilowatts, and by 2030 it will double.\n"
    assert infer_report_year(head + body) == year


def test_a_date_in_a_long_opening_paragraph_is_no_dateline():
    text = (
        "On January 22, 2024, the voluntary emission reduction market was launched, and in 2025 it covered "
        "four methods and traded 3.75 million tonnes of credits.\n"
    )
    assert infer_report_year(text) == 2025


def test_a_year_before_which_a_goal_is_to_be_met_is_not_the_year_a_report_speaks_from():
    text = "清洁取暖工作总结（2023年度）\n全县力争在2030年前实现碳达峰，2035年或以前完成改造。\n"
    assert infer_report_year(text) == 2023


def test_a_year_forecast_for_is_not_the_year_a_report_speaks_from():
    text = "In 2024, China added 180 GW of solar. Analysts expect China to install around 250 GW in 2025.\n"
    assert infer_report_year(text) == 2024


def test_a_report_that_names_no_year_but_in_its_title_speaks_from_the_title_s_year():
    text = "Progress Report on Carbon Peaking Actions in Fujian Province (2023)\n- Forest coverage stayed at 65.12%.\n"
    assert infer_report_year(text) == 2023


def test_a_title_naming_a_part_of_a_year_speaks_from_that_year():
    text = (
        "Statistical Report on Green Loans (Q1 2024)\n\n"
        "Outstanding green loans reached 33.77 trillion yuan, up from 30.08 trillion at end-2023.\n"
    )
    assert infer_report_year(text) == 2024


def test_the_body_that_issues_a_notice_and_the_date_that_signs_it_leave_its_title_and_year():
    text = (
        "Ministry of Housing and Urban-Rural Development\n"
        "Notice on Progress in Building Energy Efficiency in 2023\n\n"
        "In 2023, green buildings accounted for 94.1% of new buildings.\n\n"
        "Provincial departments are asked to report 2024 progress by 31 January 2025.\n\n"
        "General Office, MOHURD        15 March 2024\n"
    )
    assert infer_report_year(text) == 2023


def test_an_exchange_above_a_dated_title_is_its_issuer():
    text = (
        "SHANGHAI ENVIRONMENT AND ENERGY EXCHANGE\nIssued: 8 January 2025\n\n2024 Annual Trading Summary\n\n"
        "Allowance volume was 189 million tonnes.\n"
    )
    assert infer_report_year(text) == 2024


def test_a_title_on_two_lines_names_the_year_its_dated_report_covers():
    text = (
        "武汉市“碳惠江城”碳普惠平台\n2023年度运营报告（摘要）\n\n武汉市生态环境局\n二〇二四年一月\n\n"
        "截至2023年12月31日，平台累计注册用户达到386.4万人。平台目前已接入低碳场景11类。\n"
    )
    assert infer_report_year(text) == 2023


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Energy use fell to 0.12 kWh per passenger-km in 2023.", "0.12"),
        ("E-buses used 95 kWh/100 km on average.", "95"),
        ("新能源公交车电耗15千瓦时/百公里。", "15"),
        ("Financed emissions were 45.2 tCO2e per million yuan of loans.", "45.2"),
        (
            "现行回收价为每吨澳门元40（100吨以下）。",
            "40",
        ),  # (a price per a thing the catalog has no unit for)
    ],
)
def test_a_unit_per_something_the_catalog_does_not_know_is_flagged(text, number):
    facts = {
        text[f.char_start : f.char_end]: f for f in extract_facts(text, ReportContext("r", 2024, "unknown"))
    }
    assert "unknown_denominator" in facts[number].flags
    assert not any(text[f.char_start : f.char_end] in ("100", "百") for f in facts.values())  # no figure


@pytest.mark.parametrize(
    "text",
    [
        "Per-capita emissions were 1.66 tonnes per capita.",
        "Wind added 5 GW per year.",
        "Coal cost 900 yuan per tonne.",
        "New-type storage reached 2.8 GW/5.6 GWh.",
        "补贴总额澳门元4.0亿元。",
    ],
)
def test_a_unit_per_a_known_thing_is_not_flagged(text):
    facts = extract_facts(text, ReportContext("r", 2024, "unknown"))
    assert facts and not any("unknown_denominator" in f.flags for f in facts)


def test_a_count_of_millions_is_never_a_count_of_provinces():
    text = "Among provinces, Guangdong produced 2.52 million vehicles and Shanghai 2.31 million."
    facts = extract_facts(text, ReportContext("r", 2021, "unknown"))
    assert [f.value_raw for f in facts] == ["2.52", "2.31"]
    assert all(f.indicator_id != "provinces" for f in facts)


def test_the_date_of_the_next_update_does_not_date_the_report():
    text = "Dataset: provincial wind capacity\n\nIn 2023 wind capacity reached 441 GW in China.\n\nNext update: March 2025\n"
    assert infer_report_year(text) == 2023
