import pytest

from pipelines.extraction.extract import ReportContext, extract_facts, straddles_two_years
from pipelines.sources.reports import (
    ReportError,
    read_report,
    read_reports,
    rejected_files,
    report_files,
    report_region,
)

from .conftest import ENGLISH_REPORT


def written(tmp_path, text: str, sidecar: str = ""):
    """The report read from a text (and a sidecar, when given) written into tmp_path."""
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    if sidecar:
        (tmp_path / "r.meta.yaml").write_text(sidecar, encoding="utf-8")
    return read_report(tmp_path / "r.txt")


def test_sidecar_metadata_wins(seeds):
    r = read_report(seeds / "en_report.txt")
    assert (r.title, r.published, r.report_year, r.language, r.agency_id) == (
        "Energy progress",
        "2022-09-30",
        2022,
        "en",
        "nea",
    )
    assert r.report_id == "en_report" and len(r.sha256) == 64


def test_metadata_is_inferred_without_a_sidecar(seeds):
    r = read_report(seeds / "zh_report.txt")
    assert r.language == "zh" and r.report_year == 2022 and r.published is None
    assert r.title == "重庆积极推动林业生态产品价值实现"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty report"),
        (b"   \n", "empty report"),
        ("\u3000\u3000\n".encode(), "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary content"),
        ("中文".encode("gb18030"), "not valid UTF-8"),
    ],
)
def test_unreadable_reports_are_named_with_the_reason(tmp_path, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    with pytest.raises(ReportError, match=f"^bad.txt: {reason}"):
        read_report(tmp_path / "bad.txt")


def test_one_bad_report_does_not_stop_the_others(tmp_path):
    (tmp_path / "a_good.txt").write_text(ENGLISH_REPORT, encoding="utf-8")
    (tmp_path / "b_bad.txt").write_bytes(b"\xff\xfe\x00garbage")
    reports, errors = read_reports(tmp_path)
    assert [r.report_id for r in reports] == ["a_good"]
    assert len(errors) == 1 and errors[0].startswith("b_bad.txt: ")


@pytest.mark.parametrize(
    ("sidecar", "warning"),
    [
        ("published: 20-07-2023\n", "r.meta.yaml: published '20-07-2023' is not an ISO date"),
        ("published: September 2022\n", "r.meta.yaml: published 'September 2022' is not an ISO date"),
        ("published: 2024-01-05T10:00:00\n", "r.meta.yaml: published '2024-01-05T10:00:00' is a date-time"),
        ("published: 2024-01-05 10:00\n", "r.meta.yaml: published '2024-01-05 10:00' is not an ISO date"),
        ("published: 1900-01-01\n", "r.meta.yaml: published 1900-01-01 is outside 1949-10-01 to today"),
        ("published: 2999-01-01\n", "r.meta.yaml: published 2999-01-01 is outside 1949-10-01 to today"),
        ("language: xx\n", "r.meta.yaml: language 'xx' is not one of en, zh"),
        ("title: 2023\n", "r.meta.yaml: title must be text, not int (2023)"),
        ("publisher: [a, b]\n", "r.meta.yaml: publisher must be text, not list"),
        (
            "url: javascript:alert(1)\n",
            "r.meta.yaml: url 'javascript:alert(1)' is not an http or https address",
        ),
        ("url: file:///etc/passwd\n", "is not an http or https address"),
        ("colour: red\n", "r.meta.yaml: unknown key 'colour' ignored"),
        ("- a list\n", "r.meta.yaml: a sidecar is a mapping"),
        ("title: [unclosed\n", "r.meta.yaml: unreadable sidecar (ParserError)"),
    ],
)
def test_a_bad_sidecar_field_is_a_warning_and_the_report_flows(tmp_path, sidecar, warning):
    (tmp_path / "r.txt").write_text(ENGLISH_REPORT, encoding="utf-8")
    (tmp_path / "r.meta.yaml").write_text(sidecar, encoding="utf-8")
    report = read_report(tmp_path / "r.txt")
    assert len(report.warnings) == 1 and warning in report.warnings[0], report.warnings
    # the field is inferred from the text as if there were no sidecar
    assert report.report_year == 2021 and report.language == "en"
    assert report.title == "Progress of green and low-carbon energy transition"
    assert report.url is None


def test_a_sidecar_whose_title_holds_a_colon_is_read_line_by_line(tmp_path):
    sidecar = "title: Green data centres (2024): list annex\npublished: 2024-11-19\nlanguage: en\n"
    report = written(tmp_path, ENGLISH_REPORT, sidecar)
    assert (report.title, report.published, report.report_year) == (
        "Green data centres (2024): list annex",
        "2024-11-19",
        2024,
    )
    assert len(report.warnings) == 1 and "read as one 'key: value' a line" in report.warnings[0]


def test_good_sidecar_fields_stay_beside_a_bad_one(tmp_path):
    (tmp_path / "r.txt").write_text(ENGLISH_REPORT, encoding="utf-8")
    (tmp_path / "r.meta.yaml").write_text(
        "title: Energy progress\npublished: 2021-13-01\nlanguage: zh-Hans\nurl: https://example.org/r\n",
        encoding="utf-8",
    )
    report = read_report(tmp_path / "r.txt")
    assert (report.title, report.language, report.url, report.published) == (
        "Energy progress",
        "zh",
        "https://example.org/r",
        None,
    )
    assert [w.split(":")[1].split()[0] for w in report.warnings] == ["published"]


def test_the_seeds_folder_is_a_boundary(tmp_path):
    seeds, outside = tmp_path / "seeds", tmp_path / "outside.txt"
    seeds.mkdir()
    outside.write_text("Secret: 42 million kilowatts.\n", encoding="utf-8")
    (seeds / "good.txt").write_text(ENGLISH_REPORT, encoding="utf-8")
    (seeds / "inside_link.txt").symlink_to(seeds / "good.txt")
    (seeds / "leaves.txt").symlink_to(outside)
    (seeds / "folder.txt").mkdir()
    (seeds / "good.meta.yaml").mkdir()  # a folder named like a sidecar
    assert [p.name for p in report_files(seeds)] == ["good.txt", "inside_link.txt"]
    assert rejected_files(seeds) == [
        "folder.txt: not a regular file (a folder or a device); not read",
        "leaves.txt: a symlink that leads out of the seeds folder; not read",
    ]
    report = read_report(seeds / "good.txt")
    assert report.warnings == (
        "good.meta.yaml: not a regular file (a folder or a device); not read; fields inferred from the text",
    )


def test_the_province_of_a_provincial_report(tmp_path):
    (tmp_path / "js.txt").write_text(
        "Jiangsu Province Progress Report on Carbon Peaking (2023)\nIn 2023, 5 parks opened.\n",
        encoding="utf-8",
    )
    (tmp_path / "cn.txt").write_text(
        "National progress of the Ten Actions\nIn 2022, Shandong opened 5 parks.\n", encoding="utf-8"
    )
    (tmp_path / "ctg.txt").write_text(
        "China Three Gorges Corporation 2024 Sustainability Report\nIn 2024, 5 plants opened.\n",
        encoding="utf-8",
    )
    assert read_report(tmp_path / "ctg.txt").region_code == "CN"  # a company named after a place
    assert read_report(tmp_path / "js.txt").region_code == "CN-JS"
    assert read_report(tmp_path / "cn.txt").region_code == "CN"


@pytest.mark.parametrize(
    ("dateline", "title"),
    [
        ("2024-05-14 | Shanghai | Markets", "China PV: exports hold up as prices slide"),
        ("20 August 2024 - Beijing", "China coal power: approvals slow"),
        ("Updated: March 3, 2024 19:37", "Wind capacity tops 400 GW"),
        ("发布时间：2024-08-23 10:30  来源：国家能源局", "国家能源局举行新闻发布会"),
    ],
)
def test_a_dateline_above_the_headline_is_neither_the_title_nor_the_reports_place(tmp_path, dateline, title):
    (tmp_path / "wire.txt").write_text(
        f"{dateline}\n\n{title}\n\nIn 2023, 5 parks opened.\n", encoding="utf-8"
    )
    report = read_report(tmp_path / "wire.txt")
    assert (report.title, report.region_code) == (title, "CN")


def test_an_exchanges_notice_atop_an_announcement_is_neither_its_title_nor_its_place(tmp_path):
    (tmp_path / "ann.txt").write_text(
        "香港交易及結算所有限公司及香港聯合交易所有限公司對本公告的內容概不負責。\n\n"
        "華能新能源股份有限公司\n\n本公司2023年10月完成發電量86.5億千瓦時。\n",
        encoding="utf-8",
    )
    report = read_report(tmp_path / "ann.txt")
    assert (report.title, report.region_code) == ("華能新能源股份有限公司", "CN")


def test_an_exchanges_notice_wrapped_over_two_lines_is_skipped_and_the_year_ended_is_the_reports(tmp_path):
    (tmp_path / "ann.txt").write_text(
        "Hong Kong Exchanges and Clearing Limited and The Stock Exchange of Hong Kong Limited take no\n"
        "responsibility for the contents of this announcement and expressly disclaim any liability.\n\n"
        "NORTHGAS HOLDINGS LIMITED\n\nUNAUDITED OPERATING DATA FOR THE YEAR ENDED 31 DECEMBER 2021\n\n"
        "Gas sales rose 19.7% to 18.4 billion m3. Storage will be raised to 480,000 m3 by the end of 2023.\n",
        encoding="utf-8",
    )
    report = read_report(tmp_path / "ann.txt")
    assert (report.title, report.region_code, report.report_year) == ("NORTHGAS HOLDINGS LIMITED", "CN", 2021)


@pytest.mark.parametrize(
    ("body", "region"),
    [
        # where a single site says it stands
        (
            "企业温室气体排放核查报告（摘要）\n\n重点排放单位名称：某某发电有限责任公司\n核查年度：2021年度\n\n"
            "一、基本情况\n该单位位于广西壮族自治区钦州市钦南区，现有2台660MW燃煤机组。\n",
            "CN-GX",
        ),
        (
            "Monitoring summary\n\nProject site: Hulunbuir, Inner Mongolia\n\nThe project removed 52,000 tCO2e.\n",
            "CN-NM",
        ),
        (
            "Environmental Statement 2023\n\nSunrise Battery Co., Ltd. operates one plant, located in Yibin, "
            "Sichuan. Output was 12 GWh.\n",
            "CN-SC",
        ),
        # ... a form's location field after dotted leaders, and a company with its place in brackets
        (
            "PROJECT DESIGN DOCUMENT SUMMARY\n\nA.1 Project title ....... Solar Thermal Project\n"
            "A.3 Location ............ Guazhou County, Jiuquan City, Gansu Province\n\nCapacity 100 MW.\n",
            "CN-GS",
        ),
        (
            "ASSURANCE STATEMENT\nTo: the Board of Huaihai Cement Co., Ltd. (Huaibei, Anhui)\n\n"
            "Clinker output was 5.62 million t.\n",
            "CN-AH",
        ),
        # ... or a note on what the figures cover, when it names one province and nothing national
        (
            "GreenBay Charging Co., Ltd.\nOperating data, June 2025\n\nPublic charging points: 48,200\n\n"
            "Note: All figures cover the company's network in Guangdong province.\n",
            "CN-GD",
        ),
        (
            "全国各地区用电快报\n\n全国1-10月用电量同比增长7.6%。\n\n"
            "注：1.全国为全口径数据；2.西藏同比增速较高，主要受电网改造影响。\n",
            "CN",
        ),
        # a city's own transit company reports on that city
        ("XI'AN METRO CO., LTD. | ANNUAL REPORT 2019\n\nRidership reached 1.045 billion trips.\n", "CN-SN"),
        # an address is as often where the publisher is reached
        (
            "某集团2025年风机集中采购中标候选人公示\n\n本批次采购容量合计1000MW。\n\n联系人：张某\n"
            "地址：北京市西城区金融大街15号\n",
            "CN",
        ),
    ],
)
def test_the_place_a_single_site_or_a_citys_own_company_states(tmp_path, body, region):
    (tmp_path / "r.txt").write_text(body, encoding="utf-8")
    assert read_report(tmp_path / "r.txt").region_code == region


def test_a_title_that_holds_a_date_is_still_the_title(tmp_path):
    (tmp_path / "q.txt").write_text(
        "2024年3月3日国新办新闻发布会实录\n全省光伏装机达到4200万千瓦。\n", encoding="utf-8"
    )
    assert read_report(tmp_path / "q.txt").title == "2024年3月3日国新办新闻发布会实录"


def test_a_title_about_one_province_wins_over_the_place_of_its_outlet(tmp_path):
    (tmp_path / "qh.txt").write_text("青海綠電產業快速發展\n青海新能源裝機3,600萬瓩。\n", encoding="utf-8")
    (tmp_path / "qh.meta.yaml").write_text("publisher: 經濟日報（台灣）\n", encoding="utf-8")
    (tmp_path / "zj.txt").write_text("全省能源发展情况\n全省光伏装机达到4200万千瓦。\n", encoding="utf-8")
    (tmp_path / "zj.meta.yaml").write_text("publisher: 浙江省能源局\n", encoding="utf-8")
    assert read_report(tmp_path / "qh.txt").region_code == "CN-QH"
    assert read_report(tmp_path / "zj.txt").region_code == "CN-ZJ"  # a title naming none: the publisher's


def test_the_texts_own_title_names_the_province_a_sidecars_title_does_not(tmp_path):
    text = (
        "GUANGDONG POWER EXCHANGE CENTER                  Report No. GDPX-MR-2024-11\n"
        "Monthly Market Report | November 2024\n\nTotal traded energy: 28.46 TWh.\n"
    )
    sidecar = 'title: "Monthly Market Report, November 2024"\npublisher: Power Exchange Center\npublished: 2024-12-12\n'
    assert written(tmp_path, text, sidecar).region_code == "CN-GD"


@pytest.mark.parametrize(
    ("note", "region"),
    [
        ("（本簡報數據涵蓋中電於香港之供電業務，不包括中電集團於內地、印度及澳洲的業務）", "CN-HK"),
        (
            "(The figures in this brief cover our network in Guangdong only, excluding Guangxi and Hainan.)",
            "CN-GD",
        ),
        ("（本简报数据涵盖全国各省份的供电业务）", "CN"),
    ],
)
def test_a_bracketed_note_on_what_the_figures_cover_names_the_reports_place(tmp_path, note, region):
    (tmp_path / "r.txt").write_text(
        f"燃料組合簡報　│　2023年\n{note}\n\n全年售電量35,874百萬度。\n", encoding="utf-8"
    )
    (tmp_path / "r.meta.yaml").write_text("title: 燃料組合簡報\npublished: 2024-04-24\n", encoding="utf-8")
    assert read_report(tmp_path / "r.txt").region_code == region


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("黄陵矿业一号煤矿2024年10月安全生产月报", "CN-SN"),
        ("神木电厂2023年运行报告", "CN-SN"),
        ("中国石化2023年可持续发展报告", "CN"),  # a country is no county
        ("江南电厂运行简报", "CN"),  # a district's name is a word too
    ],
)
def test_a_site_named_after_its_county_is_in_that_countys_province(tmp_path, title, region):
    assert (
        written(tmp_path, f"{title}\n\n本月原煤产量62.4万吨。\n", "published: 2024-11-05\n").region_code
        == region
    )


@pytest.mark.parametrize(
    ("body", "region"),
    [
        ("一、基本情况\n公司位于湛江市东海岛，年产铁水1,200万吨。\n", "CN-GD"),
        ("一、基本情况\n公司总部位于北京，在全国运营电厂42座。\n", "CN"),  # a head office, not a site
        (
            "型号 Model: XY-280\n制造商 Manufacturer: 星云储能科技有限公司（Ningde, Fujian, CN）\n重量 Weight: 512 kg\n",
            "CN-FJ",
        ),
    ],
)
def test_a_company_that_says_where_its_one_site_is_reports_on_that_province(tmp_path, body, region):
    assert (
        written(tmp_path, f"Sustainability Update 2023\n\n{body}", "published: 2024-04-01\n").region_code
        == region
    )


def test_a_letters_addressee_is_neither_its_title_nor_its_place_and_its_subject_is_its_title(tmp_path):
    text = (
        "To: Sunwave Energie GmbH, Hamburg, Germany\nFrom: Huayang Solar Co., Ltd.\nDate: 12 March 2025\n"
        "Subject: Carbon footprint data for 2024 shipments\n\nDear Sirs,\n\nOur factory used 86,000 MWh.\n"
    )
    report = written(tmp_path, text)
    assert (report.title, report.region_code, report.report_year) == (
        "Carbon footprint data for 2024 shipments",
        "CN",
        2024,
    )


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            "FEASIBILITY STUDY REPORT\nKangbao-Caofeidian Hydrogen Pipeline (Hebei Province)\n\nLength 352 km.\n",
            "CN-HE",
        ),
        # a company named after a province works anywhere, whatever its own title line says
        ("XINJIANG GOLDWIND SCIENCE & TECHNOLOGY CO., LTD.\nORDER BACKLOG\n\nThe backlog was 52 GW.\n", "CN"),
        # the county and prefecture of a site, in brackets (a central company's brand names no county)
        (
            "HUADIAN NEW ENERGY CO., LTD.\nMONTHLY REPORT - WIND FARM PHASE II (Qahar Right Wing Middle Banner, "
            "Ulanqab)\n\nNet generation 81,426 MWh.\n",
            "CN-NM",
        ),
        ("ANNUAL REVIEW (English Edition)\n\nNet generation 81,426 MWh.\n", "CN"),
    ],
)
def test_a_heading_line_that_ends_in_a_province_in_brackets_names_the_site(tmp_path, text, region):
    sidecar = 'title: "Executive Summary"\npublisher: "Investment Group"\npublished: 2024-07-12\n'
    assert written(tmp_path, text, sidecar).region_code == region


def test_the_place_of_a_publisher_counts_only_for_a_government_body(tmp_path):
    (tmp_path / "ex.txt").write_text("全国碳市场月报\n全国碳市场成交量1200万吨。\n", encoding="utf-8")
    (tmp_path / "ex.meta.yaml").write_text("publisher: 上海环境能源交易所\n", encoding="utf-8")
    (tmp_path / "county.txt").write_text(
        "农村清洁取暖工作总结\n河北省某县农业农村局\n全县完成清洁取暖改造1.2万户。\n", encoding="utf-8"
    )
    assert read_report(tmp_path / "ex.txt").region_code == "CN"  # an exchange reports on the whole market
    assert read_report(tmp_path / "county.txt").region_code == "CN-HE"  # a bureau's line in the text


def test_a_title_naming_an_exchange_after_its_city_makes_no_provincial_report(tmp_path):
    (tmp_path / "bj.txt").write_text(
        "北京电力交易中心：1-9月绿电交易电量同比增长2.4倍\n经营区市场交易电量42638亿千瓦时。\n",
        encoding="utf-8",
    )
    assert read_report(tmp_path / "bj.txt").region_code == "CN"


def test_a_company_named_after_a_province_and_its_brand_makes_no_provincial_report(tmp_path):
    (tmp_path / "ipo.txt").write_text(
        "江苏恒锂新能源科技股份有限公司        招股说明书（申报稿）\n\n公司锂电池出货量为32.6GWh。\n",
        encoding="utf-8",
    )
    (tmp_path / "bureau.txt").write_text(
        "江苏省能源局关于光伏发展情况的通报\n\n全省新增光伏120万千瓦。\n", encoding="utf-8"
    )
    assert read_report(tmp_path / "ipo.txt").region_code == "CN"
    assert read_report(tmp_path / "bureau.txt").region_code == "CN-JS"


def test_a_company_that_speaks_of_itself_has_no_province_from_one_site(tmp_path):
    body = (
        "Reply to the Inquiry Letter on the 2023 Annual Report\n\nQuestion 1. Explain the fall in output.\n\n"
        "Reply: The Company sold 41.2 TWh in 2023. One 600 MW unit of the Company in Inner Mongolia was "
        "overhauled, and the Company expects its output to recover.\n"
    )
    (tmp_path / "reply.txt").write_text(body, encoding="utf-8")
    site = body.replace("The Company", "The plant").replace("the Company", "the plant")
    (tmp_path / "site.txt").write_text(site, encoding="utf-8")
    assert read_report(tmp_path / "reply.txt").region_code == "CN"
    assert read_report(tmp_path / "site.txt").region_code == "CN-NM"


def test_a_city_body_that_promotes_investment_names_its_province(tmp_path):
    (tmp_path / "nd.txt").write_text("A battery cluster grows\n\nOutput reached 400 GWh.\n", encoding="utf-8")
    (tmp_path / "nd.meta.yaml").write_text(
        "title: A battery cluster grows\npublisher: Ningde Investment Promotion Center\n", encoding="utf-8"
    )
    assert read_report(tmp_path / "nd.txt").region_code == "CN-FJ"


def test_a_title_in_capitals_names_its_province(tmp_path):
    (tmp_path / "gs.txt").write_text(
        "GANSU 14TH FIVE-YEAR ENERGY DEVELOPMENT PLAN (2021-2025)\n\nWind capacity reaches 1,373 万千瓦.\n",
        encoding="utf-8",
    )
    assert read_report(tmp_path / "gs.txt").region_code == "CN-GS"


def test_a_report_dated_in_the_calendar_of_taiwan_is_about_taiwan(tmp_path):
    (tmp_path / "tw.txt").write_text(
        "台電新聞稿\n\n發布日期：113年4月9日\n\n112年全國總發電量為2,740億度。\n", encoding="utf-8"
    )
    (tmp_path / "qh.txt").write_text(
        "青海綠電產業快速發展\n113年4月9日\n青海新能源裝機3,600萬瓩。\n", encoding="utf-8"
    )
    # ... but a Taiwan outlet's digest of the mainland's statistics is about the mainland
    (tmp_path / "digest.txt").write_text(
        "兩岸能源動態 第12期\n發行日期：114年3月5日\n\n本期摘要：中國大陸去年新增裝機逾3億瓩\n\n"
        "據大陸國家能源局公布，截至2024年底，大陸全國發電裝機容量約33億瓩。陸方同時公布用電量年增6.8%。\n",
        encoding="utf-8",
    )
    tw = read_report(tmp_path / "tw.txt")
    assert (tw.region_code, tw.report_year) == ("CN-TW", 2024)
    assert read_report(tmp_path / "digest.txt").region_code == "CN"
    assert read_report(tmp_path / "qh.txt").region_code == "CN-QH"  # the title's province wins


def test_a_place_a_title_goes_to_is_not_the_reports_place_and_an_hksar_body_is_hong_kongs(tmp_path):
    (tmp_path / "al.txt").write_text(
        "China's aluminium output nears cap as smelters migrate to hydro-rich Yunnan\n\nOutput rose 4.6%.\n",
        encoding="utf-8",
    )
    (tmp_path / "hk.txt").write_text(
        "Climate Action Plan 2050: Progress Report 2024\n\nEnvironment and Ecology Bureau, HKSAR Government\n"
        "5 June 2024\n\nTotal emissions were about 33.5 million tonnes in 2022.\n",
        encoding="utf-8",
    )
    (tmp_path / "gx.txt").write_text(
        "Hongtai puts 1.5 Mt/yr electric-arc-furnace line into operation in Liuzhou\n\nOutput rose 4.6%.\n",
        encoding="utf-8",
    )
    assert read_report(tmp_path / "al.txt").region_code == "CN"
    assert read_report(tmp_path / "hk.txt").region_code == "CN-HK"
    assert read_report(tmp_path / "gx.txt").region_code == "CN-GX"  # ("into operation in": where it is)


def test_the_province_and_agency_of_a_report_in_traditional_characters(tmp_path):
    (tmp_path / "gd.txt").write_text(
        "廣東省2024年能源發展情況\n全省電力裝機容量達到2.3億千瓦。\n", encoding="utf-8"
    )
    (tmp_path / "zj.txt").write_text("全省光伏裝機達到4200萬千瓦。\n", encoding="utf-8")
    sidecar = "publisher: 浙江省發展和改革委員會\npublished: 2024-05-01\n"
    (tmp_path / "zj.meta.yaml").write_text(sidecar, encoding="utf-8")
    assert read_report(tmp_path / "gd.txt").region_code == "CN-GD"
    zj = read_report(tmp_path / "zj.txt")
    assert zj.region_code == "CN-ZJ"
    assert zj.agency_id == "provincial_drc"


@pytest.mark.parametrize(
    ("title", "body", "year"),
    [
        # a title that names the year it reports on, whatever later years the text looks ahead to
        (
            "港燈電力投資 2023年可持續發展報告",
            "2023年售電量為10,464百萬度。到2030年，可再生能源佔比提高至15%。2030年目標不變。",
            2023,
        ),
        # a plan named for its deadline speaks from the year it reports
        ("2030年前碳达峰行动方案", "2022年，全省单位GDP能耗下降3%。到2030年实现碳达峰。", 2022),
        # ... also on the line under the company's name, and whatever year a heading looks to
        (
            "港島電燈有限公司\n2022年可持續發展報告摘要",
            "邁向2050淨零\n2022年燃氣發電比例提升至約70％，較2021年增加約5個百分點。",
            2022,
        ),
        # a scraped page's posting date, however long the fields after it
        (
            "Home > News > Company News\n\nLine goes into full operation\n\nUpdated: 2022-07-01 16:42   "
            "Source: State Grid Corporation of China   Views: 3,218",
            "In 2021, cross-regional transmission reached 1.82 trillion kWh. The line carries 8 GW.",
            2022,
        ),
        # a goal the text says must be met by a year is no report year
        (
            "Steel industry update",
            "In 2023 retrofits covered 80%. Under the plan, the rest should complete them by the end of 2025.",
            2023,
        ),
        # a story's dateline before its lead, however long the lead's line
        (
            "Green power update",
            "SHANGHAI, March 5, 2024 /PRNewswire/ -- The company plans 2 GW by 2027, after 1.2 GW in 2023.",
            2024,
        ),
        (
            "Heat pump brief",
            "BEIJING, 12 April 2024 (Reuters) - The association expects sales to double by 2030 from 2023.",
            2024,
        ),
        # a periodical's masthead names the year of its issue; a reporting date at the end of a year names it
        (
            "POWER & COAL MONTHLY | Issue 10/2024 | data to 31 Oct",
            "Thermal output fell 5.3% in 2023 terms.",
            2024,
        ),
        ("Green Bond Report", "Reporting date: 31 December 2023\nAllocated: RMB 2.0 bn; matures 2026.", 2023),
    ],
)
def test_the_year_a_report_speaks_from_without_a_sidecar(tmp_path, title, body, year):
    (tmp_path / "r.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    assert read_report(tmp_path / "r.txt").report_year == year


@pytest.mark.parametrize(
    ("title", "body", "published", "year"),
    [
        # an annual report named by its edition, published mid-year, on the year before
        (
            "Annual Development Report of China's Power Industry 2024: Summary",
            "By the end of 2023, installed capacity reached 2,920 GW. Generation was 9,458 TWh, up 6.9% on "
            "2022. Capacity added in 2023 was a record. Utilization hours in 2023 fell.",
            "2024-07-10",
            2023,
        ),
        # ... but a report that speaks of its own year too is of that year
        (
            "China Energy Outlook 2024",
            "In 2023, generation rose 6.9%. In the first half of 2024, wind output grew 10%.",
            "2024-08-01",
            2024,
        ),
        # a yearbook is named by the year it is published in and records the year before, in Chinese
        # too, even when OCR read the year's 0 as a letter O
        (
            "湖南年鉴（2025）交通",
            "【概况】2O24年，全省新增新能源公交车1200辆，城市公交电动化率达到85%。",
            "2025-11-30",
            2024,
        ),
        ("Energy Yearbook 2025", "Wind capacity reached 521 GW, up 18%.", "2025-10-01", 2024),
        # ... unless it records events of its own year
        ("湖南年鉴（2025）交通", "2025年1月，全省新增新能源公交车1200辆。", "2025-11-30", 2025),
        # a data digest may come out two years after the year it covers
        (
            "香港能源最終用途數據2023 摘要",
            "2021年，香港的能源最終用途為278,900太焦耳。2021年底電動私家車約3.7萬輛。",
            "2023-09-28",
            2021,
        ),
        # a title's year before a spaced dash is the year it covers, published the year after
        (
            "Annual Results 2019 - Operating Highlights",
            "Passengers sent 118.6 million (104.2 million). Route length 3,860 km.",
            "2020-03-26",
            2019,
        ),
        # ... a year of Taiwan's calendar opening the title of a report written in it
        ("109年節能標章推動成果統計", "109年節能標章產品節電約38億度，較108年增加。", "2021-02-05", 2020),
        # ... and of two years, the one a title's plans are for is not the one reported on
        (
            "Notice on Green Building Development in 2020 and Key Tasks for 2021",
            "In 2020, 52,000 m2 of near-zero energy buildings were completed.",
            "2021-04-08",
            2020,
        ),
        (
            "关于2024年节能降碳工作总结和2025年工作思路的报告",
            "2024年全县单位GDP能耗下降3.1%。",
            "2025-01-10",
            2024,
        ),
        # ... and a title that names no year leaves the year of publication
        (
            "Power sector update",
            "In 2023, generation rose 6.9%. In 2023, wind output grew 10%.",
            "2024-03-01",
            2024,
        ),
    ],
)
def test_a_report_titled_by_its_edition_speaks_of_the_year_before(tmp_path, title, body, published, year):
    (tmp_path / "r.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    (tmp_path / "r.meta.yaml").write_text(f'title: "{title}"\npublished: {published}\n', encoding="utf-8")
    assert read_report(tmp_path / "r.txt").report_year == year


@pytest.mark.parametrize(
    ("body", "published"),
    [
        (
            "Unless otherwise stated, data in this report refer to 2023.\n\nWind capacity reached 441 GW.",
            "2024-09-01",
        ),
        ("All figures are for the year 2023.\n\nWind capacity reached 441 GW.", None),
        ("说明：本报告数据均为2023年数据。\n\n全省风电装机达到441万千瓦。", "2024-06-30"),
        ("注：文中数据截至2023年底。\n\n全省风电装机达到441万千瓦。", None),
        (
            "Project list\nData as of 数据截至: 2023-12-31        Records 1-5 of 47\n\nInstalled capacity: 300 MW",
            "2024-02-01",
        ),
        # a study reports on the last year of the data it compiled
        (
            "研究团队首次核算了全国290个城市2005年至2023年的二氧化碳排放清单。\n\n合计排放约98亿吨。",
            "2025-06-18",
        ),
        (
            "The team built an inventory of 290 cities covering 2005-2023.\n\nEmissions totalled 9.8 Gt.",
            "2025-06-18",
        ),
        # ... however the note words it
        ("Unless otherwise stated, all figures are 2023 figures.\n\nEmissions were 4.2 Mt.", "2025-03-01"),
        ("(All figures: 2023)\n\nEmissions were 4.2 Mt.", "2025-03-01"),
        ("Reference year for all figures: 2023.\n\nEmissions were 4.2 Mt.", "2025-03-01"),
        ("如无特别说明，本文数据年份为2023年。\n\n排放量为420万吨。", "2025-03-01"),
        ("除另有说明外，本报告所用数据均指2023年。\n\n排放量为420万吨。", "2025-03-01"),
        # a statement's field of the year or the calendar year it reports on
        ("Reporting year: 2023\nTotal Scope 1 emissions were 126,000 tCO2e.", "2024-06-01"),
        ("Reporting period: 1 January 2023 to 31 December 2023\nScope 1: 126,000 tCO2e.", "2024-05-01"),
        ("报告期：2023年1月1日—2023年12月31日\n排放总量为12.6万吨二氧化碳当量。", "2024-04-02"),
        ("核查年度：2023年度\n排放总量为12.6万吨二氧化碳当量。", None),
        ("Data year: 2023\nTotal Scope 1 emissions were 126,000 tCO2e.", "2024-06-01"),
        ("（数据年份：2023年）\n全省风电装机达到441万千瓦。", "2024-06-01"),
        # ... among the fields of a form's line
        ("企业名称：某某钢铁有限公司    填报年度：2023\n排放总量为12.6万吨。", "2024-06-01"),
        ("Company: Acme Steel | Reporting year: 2023\nScope 1: 126,000 tCO2e.", None),
        # ... or the day a survey counts as of, or the months its data cover
        (
            "Survey base date: 31 December 2023\nThe county has 12,406 household biogas digesters.",
            "2024-03-12",
        ),
        ("调查时点：2023年12月31日\n全县户用沼气池12406口，其中常年使用3118口。", "2024-03-01"),
        ("Data period: January 2023 - December 2023\nCarbon footprint per module: 412 kgCO2e.", "2024-05-20"),
        # ... or a form's field set apart without a colon, its days written day first
        (
            "Monitoring period          01/01/2023 - 31/12/2023\nEmission reductions: 67,668 tCO2e.",
            "2024-04-12",
        ),
        # a note line may name who gave the data before their year
        (
            "说明：本汇编收录经各地科技主管部门推荐、专家遴选的典型案例38个，以下节选其中5个案例，"
            "数据由案例单位提供，均为2023年运行数据。\n\n年节约标准煤约3.8万吨。",
            "2024-06-15",
        ),
    ],
)
def test_a_statement_of_the_year_the_data_refer_to_is_the_reports_year(tmp_path, body, published):
    (tmp_path / "r.txt").write_text(f"Green progress report\n\n{body}\n", encoding="utf-8")
    if published:
        (tmp_path / "r.meta.yaml").write_text(f"published: {published}\n", encoding="utf-8")
    assert read_report(tmp_path / "r.txt").report_year == 2023


@pytest.mark.parametrize(
    ("body", "year"),
    [
        (
            "2020年，全省农业农村系统统筹推进农业绿色发展，减排固碳工作取得新进展。\n\n全年化肥施用量115.8万吨。",
            2020,
        ),
        # (not when the text tells of its own year too)
        (
            "2020年，全省农业农村系统统筹推进农业绿色发展，减排固碳工作取得新进展。\n\n2021年1月，新建沼气工程3处。",
            2021,
        ),
    ],
)
def test_a_bulletin_that_opens_on_the_year_before_it_came_out_speaks_of_that_year(tmp_path, body, year):
    (tmp_path / "r.txt").write_text(f"农业农村工作简报\n\n{body}\n", encoding="utf-8")
    (tmp_path / "r.meta.yaml").write_text("published: 2021-01-20\n", encoding="utf-8")
    assert read_report(tmp_path / "r.txt").report_year == year


@pytest.mark.parametrize(
    "period",
    [
        "Monitoring period: 1 July 2022 to 30 June 2023",
        "Verification year: 1 July 2022 to 30 June 2023",
        # ... nor is a period of several calendar years
        "Monitoring period          01/01/2016 - 31/12/2022",
        "\u3000\u3000本次监测期：2016年1月1日至2022年12月31日。",
    ],
)
def test_a_period_across_two_years_is_no_statement_of_one_year(tmp_path, period):
    text = f"Monitoring report\n\n{period}\nRemovals were 52,000 tCO2e.\n"
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    (tmp_path / "r.meta.yaml").write_text("published: 2024-02-01\n", encoding="utf-8")
    assert read_report(tmp_path / "r.txt").report_year is None  # (its figures are of no one calendar year)


@pytest.mark.parametrize(
    ("title", "body", "straddles"),
    [
        ("香港國際機場 2023/24年度可持續發展報告", "", True),
        ("Campus Energy Report AY2023-24 / 校园能源报告 2023-24学年", "", True),
        ("2023—2024年采暖季供热工作总结", "", True),
        ("The 2024-25 Budget: green measures", "", True),
        ("Sustainability Report", "報告期：2023年4月1日至2024年3月31日\n", True),
        ("Annual Report", "Reporting period: 1 April 2023 to 31 March 2024\n", True),
        # a period of two calendar years, a calendar year, a year and its month, a document's number
        ("2023-2024年节能行动方案", "", False),
        ("Sustainability Report 2023", "報告期：2023年1月1日至2023年12月31日\n", False),
        ("Monthly bulletin 2023/12", "", False),
        ("关于第2023/24号通知的说明", "", False),
        ("Heating company annual report 2023", "采暖期为2023年11月15日至2024年3月15日。\n", False),
    ],
)
def test_a_year_across_two_calendar_years_is_told_from_one_and_from_a_period_of_two(title, body, straddles):
    assert straddles_two_years(title, body) == straddles


def test_a_report_on_a_fiscal_year_dates_only_what_it_dates(tmp_path):
    text = (
        "報告期：2023年4月1日至2024年3月31日\n\n機管局用電量：3.21億千瓦時。"
        "2023年機場客運量為3,940萬人次。本年度舉辦活動38場。至2030年，可再生能源比例提升至10%。\n"
    )
    report = written(
        tmp_path, text, "title: 2023/24年度可持續發展報告\npublisher: 香港機場管理局\npublished: 2024-09-12\n"
    )
    assert report.report_year is None
    facts = extract_facts(report.text, ReportContext.of(report.row()))
    years = {report.text[f.char_start : f.char_end]: (f.year, f.measure) for f in facts}
    assert years == {
        "3.21": (None, "level"),  # of the fiscal year: no one calendar year
        "3,940": (2023, "count"),  # the calendar year it names
        "38": (None, "count"),  # 本年度: the fiscal year again
        "10": (2030, "target"),  # a goal is still told from the year the report came out in
    }


def test_the_data_a_drafting_group_collected_do_not_date_its_explanation(tmp_path):
    text = (
        "《公共建筑能耗限额标准》编制说明\n\n编制组采集了市级公共建筑能耗监测平台2016—2018年连续3年的监测数据，"
        "共召开专题研讨会7次。\n"
    )
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    (tmp_path / "r.meta.yaml").write_text("published: 2019-09-16\n", encoding="utf-8")
    assert read_report(tmp_path / "r.txt").report_year == 2019


def test_a_title_that_names_its_year_in_chinese_numerals_speaks_of_it(tmp_path):
    (tmp_path / "r.txt").write_text(
        "二〇二三年度全省能源发展报告\n\n全省风电装机达到1200万千瓦。\n", encoding="utf-8"
    )
    (tmp_path / "r.meta.yaml").write_text("published: 2024-03-10\n", encoding="utf-8")
    assert read_report(tmp_path / "r.txt").report_year == 2023


def test_a_title_that_names_a_financial_year_speaks_of_it_even_beside_a_target(tmp_path):
    (tmp_path / "r.txt").write_text(
        "Loan update\n\nOn-site rooftop solar reached 14.6 MW.\n", encoding="utf-8"
    )
    (tmp_path / "r.meta.yaml").write_text(
        "title: Sustainability performance target update for FY2025\npublished: 2026-03-18\n",
        encoding="utf-8",
    )
    assert read_report(tmp_path / "r.txt").report_year == 2025


def test_a_notice_under_its_agencys_letterhead_speaks_of_the_year_its_title_names(tmp_path):
    text = (
        "厦门港口管理局  Xiamen Port Authority\n\n关于2025年厦门港船舶使用岸电情况的通报\n"
        "厦港管〔2026〕21号                                  2026-03-09\n\n全年船舶接电6,842艘次。\n"
    )
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    assert read_report(tmp_path / "r.txt").report_year == 2025


def test_the_year_in_an_events_name_is_not_the_year_a_title_reports_on(tmp_path):
    text = "2020 Dubai Expo: China Pavilion final report\n\nThe pavilion received 1.8 million visitors.\n"
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    (tmp_path / "r.meta.yaml").write_text(
        "title: '2020 Dubai Expo: China Pavilion final report'\npublished: 2022-04-10\n", encoding="utf-8"
    )
    assert read_report(tmp_path / "r.txt").report_year == 2022


def test_a_span_of_years_in_prose_is_no_statement_of_the_data_year(tmp_path):
    text = "Wind progress report\n\n2013年至2023年间，全省风电装机增长了10倍。2024年新增风电装机120万千瓦。\n"
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    (tmp_path / "r.meta.yaml").write_text("published: 2025-01-20\n", encoding="utf-8")
    assert read_report(tmp_path / "r.txt").report_year == 2025


def test_the_date_that_signs_a_notice_at_its_end_is_its_year(tmp_path):
    body = (
        "关于印发林业碳汇行动方案（2022—2030年）的通知\n\n各省林业和草原主管部门：\n\n"
        + "全国完成造林任务。\n" * 5
    )
    (tmp_path / "n.txt").write_text(body + "\n国家林业和草原局\n二〇二三年三月十五日\n", encoding="utf-8")
    assert read_report(tmp_path / "n.txt").report_year == 2023


@pytest.mark.parametrize(
    "label",
    [
        "Press Releases",
        "首页 > 新闻中心 > 能源要闻",
        "Home > News > Government Affairs > Departmental News",
        "跳到主要內容區塊\n:::\n網站導覽 | English | 常見問答 | 雙語詞彙",
        "[Font: Large Medium Small]  [Print]  [Close]\nViews: 1,284    Source: Environment Bureau    2024-07-29 16:30",
        "POLICY BRIEF | November 2024",
        "香港特別行政區政府環境及生態局\nEnvironment and Ecology Bureau",
    ],
)
def test_a_site_section_or_breadcrumb_above_the_headline_is_not_the_title(tmp_path, label):
    (tmp_path / "hk.txt").write_text(
        f"{label}\n\nHong Kong's greenhouse gas emissions in 2022\n\nTotal emissions were 33.3 million tonnes.\n",
        encoding="utf-8",
    )
    report = read_report(tmp_path / "hk.txt")
    assert (report.title, report.region_code) == ("Hong Kong's greenhouse gas emissions in 2022", "CN-HK")


def test_a_subtitle_names_the_province_and_an_addressee_line_names_none(tmp_path):
    (tmp_path / "gs.txt").write_text(
        "政府工作报告（摘要）\n——2024年1月在甘肃省第十四届人民代表大会上\n全省新能源装机突破6000万千瓦。\n",
        encoding="utf-8",
    )
    (tmp_path / "notice.txt").write_text(
        "关于2023年度能耗强度降低目标完成情况的通报\n各省、自治区、直辖市及新疆生产建设兵团发展改革委：\n"
        "全国单位国内生产总值能耗比上年下降0.5%。\n",
        encoding="utf-8",
    )
    (tmp_path / "ex.txt").write_text(
        "Monthly carbon market brief\nShanghai Environment and Energy Exchange (SEEE)\nVolume was 12 Mt.\n",
        encoding="utf-8",
    )
    assert read_report(tmp_path / "gs.txt").region_code == "CN-GS"
    assert read_report(tmp_path / "notice.txt").region_code == "CN"  # sent to every province
    assert read_report(tmp_path / "ex.txt").region_code == "CN"  # a publisher that is no government body


def test_a_report_that_speaks_of_本港_is_about_hong_kong(tmp_path):
    (tmp_path / "hk.txt").write_text(
        "立法會十六題：推動電動車普及\n以下是今日在立法會會議上的書面答覆：\n全港共有約7,960個公共充電器。\n",
        encoding="utf-8",
    )
    assert read_report(tmp_path / "hk.txt").region_code == "CN-HK"


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("港燈電力投資　2023可持續發展報告\n\n主要數據一覽\n售電量　百萬度　10,482\n", "CN-HK"),
        (
            "TAIWAN POWER COMPANY    Monthly Generation Report\n\nNet generation reached 22,417 GWh.\n",
            "CN-TW",
        ),
        ("澳門電力股份有限公司\n2023年售電量\n售電量為5,921吉瓦時。\n", "CN-MO"),
        ("MTR Corporation | Sustainability Report 2024\n\nElectricity consumption 1,742 GWh.\n", "CN-HK"),
    ],
)
def test_a_report_of_a_utility_that_serves_one_region_alone_is_about_that_region(tmp_path, text, region):
    (tmp_path / "u.txt").write_text(text, encoding="utf-8")
    assert read_report(tmp_path / "u.txt").region_code == region


def test_a_report_by_a_department_only_hong_kong_has_is_about_hong_kong(tmp_path):
    (tmp_path / "emsd.txt").write_text(
        "能源審核結果摘要\n機電工程署　2023年6月\n\n2022年共完成審核1,862幢建築物。\n", encoding="utf-8"
    )
    assert read_report(tmp_path / "emsd.txt").region_code == "CN-HK"


@pytest.mark.parametrize(
    "text",
    [
        "國家電投去年新增清潔能源裝機2,100萬千瓦\n\n【明報專訊】國家電力投資集團昨日公布，集團新增清潔能源裝機"
        "2,100萬千瓦。分析師指出，本港投資者關注央企的新能源轉型。\n",
        "中海油去年油氣淨產量創新高\n\n中新社香港3月21日電 中國海洋石油有限公司21日公布全年業績。\n",
        "Sinopec's refinery runs edge up\n\nHONG KONG, March 24 (Reuters) - Throughput rose 2.1%.\n",
    ],
)
def test_a_story_whose_title_names_a_national_company_is_national_wherever_it_was_written(tmp_path, text):
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    assert read_report(tmp_path / "r.txt").region_code == "CN"


def test_a_reporter_filing_from_a_province_names_the_reports_place_but_a_national_newsroom_does_not(tmp_path):
    (tmp_path / "ah.txt").write_text(
        "Hilltop county bets on a green park\n\nBy ZHOU MIN in Jinzhai, Anhui | China Daily\n\n"
        "The park used 310 million kWh last year.\n",
        encoding="utf-8",
    )
    (tmp_path / "sh.txt").write_text(
        "China's steel output falls\n\nSHANGHAI, Nov 18 (Reuters) - China's crude steel output fell 3.0%.\n",
        encoding="utf-8",
    )
    (tmp_path / "hf.txt").write_text("新华社合肥8月5日电 全省新增光伏装机120万千瓦。\n", encoding="utf-8")
    assert read_report(tmp_path / "ah.txt").region_code == "CN-AH"
    assert read_report(tmp_path / "sh.txt").region_code == "CN"
    assert read_report(tmp_path / "hf.txt").region_code == "CN-AH"


def test_a_taiwan_news_story_is_of_taiwan_by_its_dateline_or_its_calendar(tmp_path):
    (tmp_path / "cna.txt").write_text(
        "電價4月起平均漲11%\n\n（中央社記者曾智怡台北22日電）經濟部今天召開電價費率審議會，決議電價平均調漲11%。\n",
        encoding="utf-8",
    )
    (tmp_path / "tp.txt").write_text(
        "發電結構再調整\n\n台電表示，去年（112年）總發購電量2,807億度；政府規劃114年再生能源發電占比達20%。\n",
        encoding="utf-8",
    )
    assert read_report(tmp_path / "cna.txt").region_code == "CN-TW"
    assert read_report(tmp_path / "tp.txt").region_code == "CN-TW"


def test_a_scraped_page_is_of_the_province_whose_body_hosts_it(tmp_path):
    (tmp_path / "sc.txt").write_text(
        "# 2024年上半年全省能源运行情况\n\n上半年，全省天然气产量318.7亿立方米，增长7.9%。\n\n"
        "主办单位：四川省能源局　　地址：成都市人民南路四段12号　　邮编：610041\n",
        encoding="utf-8",
    )
    assert read_report(tmp_path / "sc.txt").region_code == "CN-SC"


@pytest.mark.parametrize(
    ("title", "publisher", "region"),
    [
        # an institution that stands where it is named: its report is about its site
        ("宁波舟山港2024年绿色港口发展报告", None, "CN-ZJ"),
        ("Shenzhen Bus Group completes fleet electrification", None, "CN-GD"),
        ("山西电力交易中心电力市场交易信息月报（2024年第9期）", "山西电力交易中心有限公司", "CN-SX"),
        ("香港明德大學校園碳中和進度報告2024", None, "CN-HK"),
        # a province's grid company serves that province alone
        ("2024年社会责任报告", "国网江苏省电力有限公司", "CN-JS"),
        ("State Grid Zhejiang Electric Power 2024 CSR Report", None, "CN-ZJ"),
        ("广东电网有限责任公司2024年度社会责任报告", None, "CN-GD"),
        ("2024年度校园碳中和报告", "四川大学", "CN-SC"),
        # ... and a city's heat, water and gas utilities
        ("2023—2024年采暖季供热工作总结", "天津市阳光热力有限公司", "CN-TJ"),
        ("2024 Sustainability Report", "Harbin Heating Group Co., Ltd.", "CN-HL"),
        # ... but a university's study is not its city's, and the grids' exchanges are national
        ("Peking University study finds national emissions fell", None, "CN"),
        ("北京电力交易中心2024年市场年报", None, "CN"),
        ("上海电气2024年年度报告", None, "CN"),
    ],
)
def test_a_report_of_an_institution_standing_at_one_place_is_about_that_place(
    tmp_path, title, publisher, region
):
    (tmp_path / "r.txt").write_text(f"{title}\n\nThe figures follow.\n", encoding="utf-8")
    meta = f'title: "{title}"\n' + (f'publisher: "{publisher}"\n' if publisher else "")
    (tmp_path / "r.meta.yaml").write_text(meta + "published: 2025-03-01\n", encoding="utf-8")
    assert read_report(tmp_path / "r.txt").region_code == region


def test_a_fairs_press_kit_is_about_the_place_its_venue_line_names(tmp_path):
    (tmp_path / "kit.txt").write_text(
        "PRESS KIT\nSNEC 2025 International Photovoltaic Conference & Exhibition\n\n"
        "Dates: June 11-13, 2025 | Venue 地点: National Exhibition and Convention Center (Shanghai)\n\n"
        "Exhibition area: 380,000 m2, up 5.6% on 2024.\n",
        encoding="utf-8",
    )
    (tmp_path / "talk.txt").write_text(
        "Conference summary\n\nDelegates said China added 277 GW of solar in 2024.\n", encoding="utf-8"
    )
    assert read_report(tmp_path / "kit.txt").region_code == "CN-SH"
    assert read_report(tmp_path / "talk.txt").region_code == "CN"  # (no venue line: nothing places it)


def test_the_institution_a_text_names_on_its_first_lines_places_it_without_a_sidecar(tmp_path):
    (tmp_path / "px.txt").write_text(
        "山西电力交易中心\n电力市场交易信息月报\n2024年第9期\n\n截至9月底，累计注册市场主体12,486家。\n",
        encoding="utf-8",
    )
    (tmp_path / "hk.txt").write_text(
        "香港明德大學\n校園碳中和進度報告 2024\n\n本校溫室氣體排放較基準年下降21%。\n", encoding="utf-8"
    )
    (tmp_path / "lc.txt").write_text(
        "LC Paper No. CB(1)512/2025(04)\n\nLegislative Council Panel on Environmental Affairs\n\n"
        "Emissions fell 26% from their 2014 peak.\n",
        encoding="utf-8",
    )
    assert read_report(tmp_path / "px.txt").region_code == "CN-SX"
    assert read_report(tmp_path / "hk.txt").region_code == "CN-HK"
    assert read_report(tmp_path / "lc.txt").region_code == "CN-HK"  # (the Legislative Council is Hong Kong's)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        # a project, a county or a city that says where it is once, in passing
        (
            "整县屋顶分布式光伏试点进展通报\n\n试点县为山东省沂水县。截至2024年底，全县并网容量38.6万千瓦。\n",
            "CN-SD",
        ),
        (
            "Rooftop solar pilot: progress note\n\nThe pilot covers Yishui County. By end-2024, 386 MW were connected.\n",
            "CN-SD",
        ),
        (
            "2024年度垃圾焚烧发电项目运行情况\n\n项目位于武汉市东西湖区。2024年，项目处理生活垃圾112万吨。\n",
            "CN-HB",
        ),
        # ... also when it measures the province against the country (占全国的6%, 高于全国平均水平)
        (
            "碳达峰工作进展\n\n截至2024年底，江苏省新能源装机8,000万千瓦，占全国的6%。全省增速高于全国平均水平。\n",
            "CN-JS",
        ),
        # ... not a text that speaks of the country too, names two provinces, or is a company's
        ("光伏发展情况\n\n全国光伏装机达到8.9亿千瓦，其中武汉市新增120万千瓦。\n", "CN"),
        ("Grid update\n\nLines linking Wuhan and Changsha carried 12 TWh in 2024.\n", "CN"),
        (
            "Huaxia Energy Group: 2023 Sustainability Report\n\nOur Wuhan plant treated 1.2 Mt of waste.\n",
            "CN",
        ),
        # ... nor a national body's text that names a province in passing
        (
            "Energy progress\nThe National Energy Administration summarized the progress as follows.\n"
            "Last year, Shandong built more than 1,200 charging stations.\n",
            "CN",
        ),
        # ... nor the place a text was released in
        (
            "Clean heating update\nReleased in Beijing, May 2024\n\n1.2 million households switched in 2023.\n",
            "CN",
        ),
    ],
)
def test_the_one_province_a_text_names_in_passing_is_its_place(tmp_path, text, region):
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    assert read_report(tmp_path / "r.txt").region_code == region


def test_a_source_line_among_the_last_lines_names_the_provincial_body_that_compiled_the_figures(tmp_path):
    body = "Industrial energy consumption rose 2.3% to 190 million tce in 2024.\n" + "It is a report.\n" * 12
    (tmp_path / "gd.txt").write_text(
        f"Industrial energy use, 2024\n\n{body}\nSource: Guangdong Provincial Bureau of Statistics, January 2025\n",
        encoding="utf-8",
    )
    (tmp_path / "cn.txt").write_text(
        f"Industrial energy use, 2024\n\n{body}\nSource: National Bureau of Statistics; Guangdong Provincial "
        "Bureau of Statistics\n",
        encoding="utf-8",
    )
    assert read_report(tmp_path / "gd.txt").region_code == "CN-GD"
    assert read_report(tmp_path / "cn.txt").region_code == "CN"


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("2023 ESG Report (Extract) — Weda Bay Nickel Project, Indonesia", "other:ID"),
        ("印尼纬达贝镍资源项目2023年运行情况", "other:ID"),
        # ... not a title that names China too, or where something is sent
        ("China-Indonesia nickel cooperation: 2023 review", "CN"),
        ("Solar module exports to Indonesia, 2023", "CN"),
    ],
)
def test_a_title_that_names_one_country_abroad_makes_a_report_of_it(tmp_path, title, region):
    (tmp_path / "r.txt").write_text(f"{title}\n\nOutput reached 16.8 thousand tonnes.\n", encoding="utf-8")
    assert read_report(tmp_path / "r.txt").region_code == region


def test_a_title_on_capacity_moved_between_provinces_makes_no_provincial_report(tmp_path):
    (tmp_path / "r.txt").write_text(
        "Relocation of 1.2 Million Tonnes of Aluminium Smelting Capacity from Shandong to Yunnan\n\n"
        "The Group sold 5,213,000 tonnes of alloy products in 2019.\n",
        encoding="utf-8",
    )
    (tmp_path / "s.txt").write_text(
        "Power sent from Yunnan to Guangdong, 2023\n\nYunnan sent 150 TWh in 2023.\n", encoding="utf-8"
    )
    assert read_report(tmp_path / "r.txt").region_code == "CN"
    assert read_report(tmp_path / "s.txt").region_code == "CN-YN"  # (what is sent is the sender's)


def test_a_heading_under_a_placeless_title_that_names_one_country_abroad_makes_a_report_of_it(tmp_path):
    (tmp_path / "id.txt").write_text(
        "2023 ESG Report (Extract)\n第五章 海外项目\n5.2 印尼纬达贝镍资源项目 Weda Bay Nickel Project, Indonesia\n\n"
        "镍金属产量16.82万吨。\n",
        encoding="utf-8",
    )
    (tmp_path / "speech.txt").write_text(
        "Keynote speech at the Global Energy Transition Forum\n(Abu Dhabi, 14 January 2025)\n\n"
        "China added 277 GW of solar in 2024.\n",
        encoding="utf-8",
    )
    assert read_report(tmp_path / "id.txt").region_code == "other:ID"
    assert read_report(tmp_path / "speech.txt").region_code == "CN"  # (where and when it was given)


@pytest.mark.parametrize(
    "field",
    ["（報告期：2023年4月1日至2024年3月31日）", "Reporting period: 1 April 2023 - 31 March 2024"],
)
def test_a_bracketed_or_plain_reporting_period_from_april_to_march_is_no_calendar_year(tmp_path, field):
    text = f"區域供冷系統運作報告（摘要）\n{field}\n\n本年度總供冷量512.6百萬冷噸時。\n"
    assert written(tmp_path, text).report_year is None


def test_a_publisher_named_with_its_place_in_brackets_places_the_report(tmp_path):
    sidecar = (
        'title: "Green Snow Season Report 2023-24"\npublisher: "Thaiwoo Ski Resort (Chongli, Zhangjiakou)"\n'
        "published: 2024-06-12\n"
    )
    assert (
        written(tmp_path, "THAIWOO SKI RESORT\n\nSkier visits reached 486,000.\n", sidecar).region_code
        == "CN-HE"
    )


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Beijing, January 17, 2025 — China's installed wind capacity reached 521 GW, the NEA said.\n", "CN"),
        ("BEIJING, Jan. 17 (Xinhua) -- China's wind capacity reached 521 GW.\n", "CN"),
        ("HEFEI, Jan. 17 (Xinhua) -- Anhui added 5 GW of solar.\n", "CN-AH"),
    ],
)
def test_a_datelines_place_opening_the_first_line_is_where_the_story_was_filed(tmp_path, text, region):
    assert written(tmp_path, text).region_code == region


def test_a_company_report_titled_with_its_year_is_of_that_year_when_its_text_names_only_the_year_before(
    tmp_path,
):
    text = (
        "ACME ALUMINIUM HOLDINGS LIMITED                         ANNUAL REPORT 2024\n\n"
        "The Group produced 2.31 million tonnes of aluminium (2023: 2.06).\n"
    )
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    assert read_report(tmp_path / "r.txt").report_year == 2024


@pytest.mark.parametrize(
    ("title", "region"),
    [
        # a company named after its home province works anywhere
        ("Anhui Conch Cement Company Limited 2024 ESG Report", "CN"),
        ("XINJIANG GOLDWIND SCIENCE & TECHNOLOGY CO., LTD. Voluntary Announcement", "CN"),
        ("安徽海螺水泥股份有限公司2024年ESG报告", "CN"),
        # ... but a provincial group is its province's, a company named after a city stands there, and one
        # named after Taiwan, Hong Kong or Macao serves it
        ("浙江省能源集团有限公司2024年社会责任报告", "CN-ZJ"),
        ("THROUGHPUT NOTE    CNOOC Zhejiang Ningbo LNG Co., Ltd. | Beilun, Ningbo", "CN-ZJ"),
        ("TAIWAN POWER COMPANY Monthly Generation Report", "CN-TW"),
    ],
)
def test_a_company_named_after_its_province_is_national_unless_it_is_the_provinces_own(title, region):
    assert report_region(title, None, f"{title}\n\nThe figures follow.\n") == region


@pytest.mark.parametrize(
    ("number", "own", "region"),
    [
        ("浙发改能源〔2024〕12号", "我省", "CN-ZJ"),
        ("粤能新能〔2024〕8号", "全省", "CN-GD"),
        # (a national body's number opens with no province, and a notice about the country is the country's)
        ("发改能源〔2024〕12号", "我省", "CN"),
        ("浙发改能源〔2024〕12号", "全国", "CN"),
    ],
)
def test_a_notice_numbered_by_a_province_that_speaks_of_its_own_is_that_provinces(
    tmp_path, number, own, region
):
    text = f"{number}\n\n关于可再生能源发展情况的通报\n\n各市发展改革委：\n2023年，{own}新增光伏装机1200万千瓦。\n"
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    (tmp_path / "r.meta.yaml").write_text(
        "publisher: 省发展改革委\npublished: 2024-03-01\n", encoding="utf-8"
    )
    assert read_report(tmp_path / "r.txt").region_code == region
