"""Document structure: headings with their scope, and tables that arrive as text."""

from pipelines.reading import normalize, structure

CELL_TABLE = """Energy intensity by province
Province
Change in energy intensity (%)
Change in carbon intensity (%)
Hebei
-3.1
2.2
Shanxi
-1.7
0.9
By 2030
Coal use will fall.
"""

ROW_TABLE = """一、电力装机（截至9月底）
风电装机 4.8亿千瓦，同比增长19.5%
光伏装机 7.9亿千瓦，同比增长48.1%
简要分析：装机持续增长。
"""


def body(text, start, end):
    return text[start:end]


def test_a_table_laid_out_one_cell_per_line_gives_rows_labels_and_column_headers():
    [table] = structure.tables(CELL_TABLE)
    assert table.header == ("Province", "Change in energy intensity (%)", "Change in carbon intensity (%)")
    assert table.caption == "Energy intensity by province"
    assert [r.label for r in table.rows] == ["Hebei", "Shanxi"]
    cells = table.rows[1].cells
    assert [(body(CELL_TABLE, c.start, c.end), c.column) for c in cells] == [
        ("-1.7", "Change in energy intensity (%)"),
        ("0.9", "Change in carbon intensity (%)"),
    ]


def test_table_lines_are_not_headings_and_the_caption_governs_the_table():
    paras = structure.paragraphs(CELL_TABLE)
    texts = [body(CELL_TABLE, p.start, p.end) for p in paras]
    assert [t for t, p in zip(texts, paras, strict=True) if p.heading] == [
        "Energy intensity by province",
        "By 2030",
    ]
    assert all(p.table for t, p in zip(texts, paras, strict=True) if t in ("Province", "Hebei", "-3.1"))
    caption, by_2030 = structure.headings(CELL_TABLE, paras)
    assert [texts[i] for i in range(caption.paragraph + 1, caption.scope_end)][-1] == "0.9"
    assert [texts[i] for i in range(by_2030.paragraph + 1, by_2030.scope_end)] == ["Coal use will fall."]
    assert structure.governing_headings([caption, by_2030], texts.index("Coal use will fall.")) == [by_2030]


def test_a_table_laid_out_one_row_per_line_gives_labels_and_cells():
    [table] = structure.tables(ROW_TABLE)
    assert table.caption == "一、电力装机（截至9月底）"
    assert [r.label for r in table.rows] == ["风电装机", "光伏装机"]
    assert [body(ROW_TABLE, c.start, c.end) for c in table.rows[0].cells] == ["4.8亿千瓦", "同比增长19.5%"]


def test_prose_is_no_table():
    text = "Wind capacity rose.\nIt reached 5 GW in 2023.\nSolar reached 7 GW.\n"
    assert structure.tables(text) == []
    assert not any(p.table for p in structure.paragraphs(text))


def test_a_heading_governs_until_the_next_heading_of_its_rank_or_higher():
    text = "一、能源\n（一）风电\n风电装机增长。\n（二）光伏\n光伏装机增长。\n二、工业\n工业能耗下降。\n"
    heads = structure.headings(text)
    scopes = [(body(text, h.start, h.end), h.rank, h.scope_end - h.paragraph - 1) for h in heads]
    assert scopes == [("一、能源", 2, 4), ("（一）风电", 3, 1), ("（二）光伏", 3, 1), ("二、工业", 2, 1)]


def test_an_offset_finds_its_row_label_and_column_header():
    found = structure.tables(CELL_TABLE)
    table, row, cell = structure.table_cell(found, CELL_TABLE.index("0.9"))
    assert (row.label, cell.column) == ("Shanxi", "Change in carbon intensity (%)")
    assert structure.table_cell(found, CELL_TABLE.index("Coal")) is None


BILINGUAL_PDF_TABLE = """表2 主要能源指标
指标                        单位             2023年       比上年
Indicator                   Unit             2023         增长(%)
                                                          Growth (%)
能源消费总量                万吨标准煤       21356        +3.2
Total energy consumption    10,000 tce
发电量                      亿千瓦时         3125.6       +6.8
Electricity generation      100 million kWh
                                                                    - 5 -
指标                        单位             2023年       比上年
Indicator                   Unit             2023         增长(%)
                                                          Growth (%)
风电装机容量                万千瓦           1520         +18.4
Installed wind capacity     10,000 kW
"""


def test_a_bilingual_pdf_table_reads_its_english_lines_as_glosses_and_goes_on_after_a_page_break():
    first, second = structure.tables(BILINGUAL_PDF_TABLE)
    assert first.header == ("指标", "单位", "2023年", "比上年增长(%)")  # the Chinese of each name
    assert [r.label for r in first.rows] == ["能源消费总量", "发电量"]
    glosses = [[body(BILINGUAL_PDF_TABLE, a, b) for a, b in r.glosses] for r in first.rows]
    assert glosses == [
        ["Total energy consumption    10,000 tce"],
        ["Electricity generation      100 million kWh"],
    ]
    # under the repeated header, the table goes on with its caption
    assert (second.header, second.caption) == (first.header, "表2 主要能源指标")
    assert [r.label for r in second.rows] == ["风电装机容量"]
    assert len(second.rows[0].glosses) == 1  # (its unit said again in English: a gloss, though the last line)


def test_words_under_a_wrapped_english_row_continue_its_label_but_a_source_line_ends_the_table():
    text = (
        "Indicator                       Unit     2023\n"
        "Share of non-fossil energy in   %        19.8\n"
        "primary energy consumption\n"
        "Wind power capacity             GW       441\n"
        "Source National Energy Administration\n"
    )
    [table] = structure.tables(text)
    assert [r.label for r in table.rows] == [
        "Share of non-fossil energy in primary energy consumption",
        "Wind power capacity",
    ]
    assert table.rows[1].glosses == ()


def test_a_fact_sheets_fields_are_neither_a_caption_nor_a_header():
    text = (
        "Project at a glance\n"
        "  Capture source ............ coal-to-hydrogen unit\n"
        "  Design capture capacity ... 1,000,000 t/yr (Phase I: 500,000 t/yr)\n"
        "  Capture rate .............. 90%\n"
        "  CO2 purity ................ 99.5%\n"
    )
    [table] = structure.tables(normalize.view(text).text)
    assert "coal" not in table.caption
    assert not any("1,000,000" in name for name in table.header)
    assert [row.label.strip() for row in table.rows][-2:] == ["Capture rate", "CO2 purity"]


def test_the_start_of_a_line_is_where_the_last_line_break_before_a_position_is_on_long_and_short_lines():
    """`line_start` looks a long line's start up among the text's line breaks: it answers what searching
    back for the last break answers, on short lines, on a line far longer than it searches back, and at the
    text's ends."""
    long_line = "1,2" * 400
    text = f"Title\n\n{long_line}\nshort 3 GW\n{long_line}"
    for pos in [
        0,
        1,
        5,
        6,
        7,
        8,
        300,
        len(long_line) + 7,
        len(long_line) + 9,
        len(text) - 1,
        len(text),
        len(text) + 3,
    ]:
        assert structure.line_start(text, pos) == text.rfind("\n", 0, pos) + 1, pos
    assert structure.line_start(long_line, len(long_line)) == 0
