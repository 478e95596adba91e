"""The normalized view: traditional to simplified, full-width to ASCII, scraper noise removed, and every
view offset mapped back to the original text."""

import pytest

from pipelines.reading.normalize import translate, view


def test_traditional_characters_become_simplified_one_to_one():
    original = "發電裝機容量5.8億千瓦，比上年提高1.2個百分點，節約3萬噸標準煤"
    converted = translate(original)
    assert converted == "发电装机容量5.8亿千瓦，比上年提高1.2个百分点，节约3万吨标准煤"
    assert len(converted) == len(original)


def test_regional_variants_reach_the_simplified_character():
    assert translate("裡") == "里"


def test_full_width_digits_signs_and_letters_become_ascii_but_clause_punctuation_stays():
    assert translate("１８﹒０％，３６．９ＧＷ：（一）") == "18.0%，36.9GW：（一）"


def test_simplified_and_english_text_is_unchanged():
    text = "风电装机4.41亿千瓦 and wind capacity of 441 million kW."
    v = view(text)
    assert v.text == text and v.offsets is None


@pytest.mark.parametrize(
    ("original", "number"),
    [
        ("新增萬(wàn)千瓦級機組3台，裝機120萬（wàn）千瓦", "120"),
        ("share rose to 12.5%¹ in 2023, up 3 points", "3"),
        ("增长8.2%[2]，装机达到4.5亿千瓦", "4.5"),
    ],
)
def test_noise_is_removed_and_offsets_point_into_the_original(original, number):
    v = view(original)
    assert "wàn" not in v.text and "¹" not in v.text and "[2]" not in v.text
    at = v.text.index(number)
    start, end = v.span(at, at + len(number))
    assert original[start:end] == number


def test_a_span_across_removed_noise_covers_it_in_the_original():
    original = "120萬(wàn)千瓦"
    v = view(original)
    assert v.text == "120万千瓦"
    start, end = v.span(3, 6)
    assert original[start:end] == "萬(wàn)千瓦"


def test_pinyin_needs_tone_marks_and_footnotes_need_a_glued_marker():
    for text in ("装机(GW)达到", "see note [2] below", "万吨(mt)", "12 million m² of roofs", "30 km³"):
        assert view(text).text == text


def test_a_line_wrapped_by_a_pdf_is_read_as_one_line_with_offsets_into_the_original():
    original = (
        "2024年9月比8月公共充电桩增加8.7万台，9月同比增\n长48.2%，月均新增公共充电桩数量约为\n9.4万台。\n"
        "the industry aims to cut fuel use per tonne-km to\n0.293 kilogram, and the industry's fuel con-\n"
        "sumption fell.\n"
    )
    v = view(original)
    assert "同比增长48.2%" in v.text and "约为9.4万台" in v.text
    assert "to 0.293 kilogram" in v.text and "fuel consumption fell" in v.text
    at = v.text.index("9.4")
    assert original[slice(*v.span(at, at + 3))] == "9.4"


@pytest.mark.parametrize(
    "text",
    [
        "二、下一步工作安排和重点任务的具体内容\n1.加强统筹",  # a heading, then an enumerated item
        "Year   Fuel per tonne-km (kg)\n2023        0.286",  # the lines of a table
        "序号 省份 公共充电桩（万台） 直流桩占比\n1 广东 61.3 47.5%",
        "The ministry released the figures on Tuesday.\nwind capacity rose",  # a sentence that ended
        "Key indicators\n2023 figures",  # a short line: a heading
    ],
)
def test_lines_that_end_or_head_something_are_not_joined(text):
    assert view(text).text == text


def test_ocr_noise_in_numbers_is_read_through_and_spans_keep_the_noise():
    original = "比重达到1 9.2%，装机5〇0万千瓦，总量３，５００万千瓦"
    v = view(original)
    assert v.text == "比重达到19.2%，装机500万千瓦，总量3,500万千瓦"
    for number, written in (("19.2", "1 9.2"), ("500", "5〇0"), ("3,500", "３，５００")):
        at = v.text.index(number)
        start, end = v.span(at, at + len(number))
        assert original[start:end] == written


def test_spaces_between_figures_that_are_no_ocr_noise_stay():
    for text in ("风电 120 350", "表2 3月份数据", "二〇二四年", "同比增长3，较上年", "In 2023 150 projects"):
        assert view(text).text == translate(text)


def test_a_plain_space_groups_thousands_only_in_prose():
    assert view("up to 20 000 t, or 100 000-200 000 t/yr").text == "up to 20,000 t, or 100,000-200,000 t/yr"
    for text in ("Hebei 135 600 314", "Table 3 100 kW", "the 15 100-MW units", "in 2023 150 projects"):
        assert view(text).text == text


def test_unquoted_csv_rows_are_read_between_bars_and_prose_lists_are_not():
    rows = "province,year,wind_gw\nHebei,2022,31.4\nShanxi,2022,23.9\n"
    assert view(rows).text == "province|year|wind_gw\nHebei|2022|31.4\nShanxi|2022|23.9\n"
    prose = (
        "Wind, solar and hydro rose.\nCoal, gas and oil fell 2,3 and 4%.\nHebei, Shanxi, Inner Mongolia.\n"
    )
    assert view(prose).text == prose
    grouped = "Unit\tPlant\tOutput\n1\tA,B\t6,182,417\n2\tC,D\t3,274,610\n"  # (tabs: a delimited table)
    assert view(grouped).text == grouped


def test_a_label_spread_by_ideographic_spaces_is_one_cell_in_the_view():
    original = "指　　标　　单位　2023年\n合　计　　万千瓦　310.2\n光伏发电　万千瓦　88.6"
    v = view(original)
    assert v.text.splitlines()[:2] == ["指标\t\t单位\t2023年", "合计\t\t万千瓦\t310.2"]
    assert "光伏发电\t万千瓦" in v.text  # (a word not spread keeps its cells apart)
    start = v.text.index("310.2")
    assert original[slice(*v.span(start, start + 5))] == "310.2"
