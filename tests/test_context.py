"""Discourse context: agencies of provinces, time expressions, list members."""

from pipelines.extraction import context
from pipelines.extraction.extract import ReportContext, extract_facts


def test_a_national_bodys_name_after_a_province_is_the_provinces_body():
    for text, agency in [
        ("浙江省能源局发布数据", "provincial_energy_bureau"),
        ("the Hunan Provincial Development and Reform Commission said", "provincial_drc"),
        ("广西壮族自治区发展和改革委员会表示", "provincial_drc"),
        ("国家能源局发布", "nea"),
        ("The National Energy Administration said", "nea"),
    ]:
        assert [m[2] for m in context.agency_mentions(text, 0, len(text))] == [agency], text


def test_facts_take_the_provincial_agency_of_their_section():
    text = "能源发展\n\n湖南省能源局介绍，全省风电装机达到1200万千瓦。"
    (fact,) = extract_facts(text, ReportContext("r", 2024, "nea", "CN-HN"))
    assert fact.agency_id == "provincial_energy_bureau"


def test_time_expressions_carry_their_part_of_the_year_and_their_role():
    text = "截至2024年7月底，1-6月，first half of 2023, compared with 2020, over 2021-2025, by 2030"
    refs = context.time_refs(text, 0, len(text), 2024)
    got = [(text[r.start : r.end], r.kind, r.year, r.period, r.base, r.deadline) for r in refs]
    assert got == [
        ("2024年7月底", "explicit", 2024, "end of July", False, False),
        ("1-6月", "period", None, "M01-M06", False, False),
        ("first half of 2023", "explicit", 2023, "H1", False, False),
        ("2020", "explicit", 2020, "", True, False),
        ("2021-2025", "multi", None, "", False, False),
        ("2030", "explicit", 2030, "", False, True),
    ]


def test_a_year_after_a_number_dates_it_and_a_compared_number_dates_nothing_else():
    text = "Intensity fell to 560 grams in 2023, compared with 610 grams in 2015; emissions were 12 tonnes."
    refs = context.time_refs(text, 0, len(text), 2024)
    spans = [(text.index(n), text.index(n) + len(n) + 6) for n in ("560", "610", "12")]
    refs, own = context.attach(text, refs, spans)
    assert own[0].year == 2023 and own[1].year == 2015 and 2 not in own
    assert [r.base for r in refs] == [False, True]


def test_coordinated_members_are_found_from_the_end_of_the_list():
    text = "Hebei, Shanxi and Inner Mongolia cut"
    spans = context.region_gazetteer().mentions(text, 0, len(text))
    assert [m[2] for m in context.coordinated(text, spans)] == ["CN-HE", "CN-SX", "CN-NM"]
    assert context.coordinated(text, spans[-1:]) == []


def test_the_phrases_inside_a_phrase_are_those_every_pair_finds():
    phrases = ["power generation", "power", "generat", "储能", "新型储能", "ion", "wind power"]
    pairs = {p: [o for o in phrases if o != p and o in p] for p in phrases}
    assert context.phrases_inside(phrases) == pairs
