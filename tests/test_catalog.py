import re

import pytest
import yaml

from pipelines import catalog, warehouse

CATALOGS = [
    "regions.yaml",
    "agencies.yaml",
    "units.yaml",
    "indicators.yaml",
    "quality_rules.yaml",
    "sidecar.yaml",
    "plausibility.yaml",
    "display_units.yaml",
    "grammar.yaml",
    "cues.yaml",
    "glossary.yaml",
]


@pytest.mark.parametrize("name", CATALOGS)
def test_checked_in_catalogs_follow_their_schema(name):
    catalog.check_catalog(name, catalog.read_yaml(name))


def test_a_duplicate_id_is_rejected():
    data = catalog.read_yaml("agencies.yaml")
    data["agencies"].append(dict(data["agencies"][0]))
    with pytest.raises(catalog.CatalogError, match="is not unique"):
        catalog.check_catalog("agencies.yaml", data)


def test_a_missing_field_and_a_bad_code_are_rejected():
    data = catalog.read_yaml("regions.yaml")
    del data["regions"][3]["name_zh"]
    with pytest.raises(catalog.CatalogError, match="lacks required field 'name_zh'"):
        catalog.check_catalog("regions.yaml", data)
    data = catalog.read_yaml("regions.yaml")
    data["regions"][3]["code"] = "CN-Shandong"
    with pytest.raises(catalog.CatalogError, match="does not match"):
        catalog.check_catalog("regions.yaml", data)


def test_every_province_level_division_is_in_the_gazetteer():
    codes = {r["code"] for r in catalog.regions()}
    assert len({c for c in codes if c.startswith("CN-")}) == 34
    assert {"CN-SD", "CN-HB", "CN-NM", "CN-XZ", "CN-HK", "CN-MO", "CN-TW"} <= codes


def test_indicator_categories_and_dimensions_are_known():
    categories = {c["category"] for c in catalog.categories()}
    dimensions = {u["dimension"] for u in catalog.units()}
    for ind in catalog.indicators():
        assert ind["category"] in categories, ind["id"]
        assert ind["dimension"] in dimensions, ind["id"]


def _lists_of_words(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _lists_of_words(value)
    elif isinstance(node, list):
        words = [item for item in node if isinstance(item, str)]
        if words:
            yield words
        for item in node:
            yield from _lists_of_words(item)


@pytest.mark.parametrize("name", CATALOGS)
def test_no_catalog_word_is_a_piece_of_a_number_split_at_its_comma(name):
    # a YAML flow list splits "per 10,000 yuan of gdp" into "per 10" and "000 yuan of gdp" unless quoted
    for words in _lists_of_words(catalog.read_yaml(name)):
        for before, after in zip(words, words[1:], strict=False):
            split = re.search(r"(?<![\d.])\d{1,3}$", before) and re.match(r"\d{3}\b", after)
            assert not split, (name, before, after)


def test_every_warehouse_table_and_column_is_documented(tmp_path):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        for table in warehouse.RELEASE_TABLES:
            cols = [r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall()]
            documented = warehouse.tables()[table]["columns"]
            assert cols == list(documented), table
            assert all(spec["description"].strip() for spec in documented.values()), table
            assert warehouse.tables()[table]["description"].strip()


def test_grammar_units_are_units_and_exact_case_words_are_aliases_or_scales():
    known = {u["unit"] for u in catalog.units()}
    grammar = catalog.grammar()
    for entry in (
        grammar["prefix_units"]
        + grammar["scaled_units"]
        + grammar["intensity_denominators"]
        + grammar["name_units"]
    ):
        assert entry["unit"] in known, entry
    words = {a.lower() for u in catalog.units() for a in u["aliases"]}
    words |= {w.lower() for s in catalog.scales() for w in s["words"]}
    for word in catalog.grammar_words("exact_case"):
        assert word.lower() in words, word


def test_every_word_that_opens_with_a_place_name_opens_with_one_of_the_gazetteer():
    from pipelines.extraction import context

    names = context.region_gazetteer().code_of
    for word in catalog.grammar_words("cues", "word_from_place"):
        assert any(word[:n].lower() in names for n in range(1, len(word))), word


def test_a_grammar_cue_of_an_unknown_role_is_rejected():
    data = catalog.read_yaml("grammar.yaml")
    data["cues"].append({"language": "en", "role": "guess", "words": ["x"]})
    with pytest.raises(catalog.CatalogError, match="does not match"):
        catalog.check_catalog("grammar.yaml", data)


def test_the_script_map_is_one_to_one_and_keeps_offsets():
    from pipelines.extraction import context

    for row in catalog.read_yaml("cues.yaml")["scripts"]:
        assert len(row["traditional"]) == len(row["simplified"])
    text = "截至2023年底，廣東省新能源裝機容量達到5860萬千瓦，同比增長12.5%。"
    view = context.simplified(text)
    assert len(view) == len(text) and view.startswith("截至2023年底，广东省新能源装机容量达到5860万千瓦")


def test_every_cue_list_named_by_the_code_exists_and_a_cue_without_words_is_rejected():
    from pipelines.extraction import context

    for name in (
        "increase",
        "decrease",
        "year_on_year",
        "change_by_verb",
        "share",
        "target",
        "target_done",
        "threshold_after",
        "level_nouns",
        "multi_year",
        "base_before",
        "base_after",
    ):
        assert context.cue(name) != "(?!)", name
    data = catalog.read_yaml("cues.yaml")
    data["cues"][0]["name"] = "Increase words"
    with pytest.raises(catalog.CatalogError, match="does not match"):
        catalog.check_catalog("cues.yaml", data)


def test_every_plausible_range_names_a_catalog_indicator_and_holds_its_minimum():
    ids = {i["id"] for i in catalog.indicators()}
    for indicator, (low, high) in catalog.plausible_ranges().items():
        assert indicator in ids, indicator
        assert low is None or 0 <= low < high, indicator


def test_a_malformed_glossary_entry_is_rejected():
    def with_entry(entry: dict, section: str = "terms") -> dict:
        data = catalog.read_yaml("glossary.yaml")
        data[section].append(entry)
        return data

    for entry, error in [
        ({"zh": "产量", "en": "yield"}, "is not unique"),  # one word, one English
        ({"zh": "Output", "en": "output"}, "does not match"),  # Latin passes through, it is no term
        ({"zh": "碳标签", "en": "Carbon Labels"}, "does not match"),  # English is lower case
        ({"zh": "碳标签", "en": True}, "must be of type str"),  # an unquoted `yes` or `on` in YAML
        ({"zh": "碳标签"}, "lacks required field 'en'"),
    ]:
        with pytest.raises(catalog.CatalogError, match=error):
            catalog.check_catalog("glossary.yaml", with_entry(entry))
    with pytest.raises(catalog.CatalogError, match="is not unique"):
        catalog.check_catalog("glossary.yaml", with_entry({"zh": "的"}, "function_words"))


def test_no_word_is_both_a_term_and_a_function_word():
    glossary = catalog.glossary()
    terms = {t["zh"] for t in glossary["terms"]}
    assert not terms & {f["zh"] for f in glossary["function_words"]}


def test_divisions_name_their_province_and_a_bad_row_is_rejected(tmp_path):
    rows = catalog.divisions()
    by_name = {r["name_zh"]: r["region"] for r in rows}
    assert len(rows) > 3000
    assert by_name["安吉县"] == "CN-ZJ" and by_name["延边朝鲜族自治州"] == "CN-JL"
    # a short name two provinces share (朝阳) is left blank rather than given to one of them
    assert not [r for r in rows if r["short_zh"] == "朝阳"]
    bad = tmp_path / "divisions.tsv"
    bad.write_text("\t".join(catalog.DIVISION_COLUMNS) + "\n330523\tCN-Zhejiang\tcounty\t安吉县\t\t\n")
    with pytest.raises(catalog.CatalogError, match="row 1 has region 'CN-Zhejiang'"):
        catalog.read_divisions(bad)


@pytest.mark.parametrize("name", CATALOGS)
def test_the_catalog_loader_reads_what_the_pure_python_safe_loader_reads(name):
    path = catalog.CATALOG_DIR / name
    text = path.read_text(encoding="utf-8")
    assert catalog.read_yaml(name) == yaml.load(text, Loader=yaml.SafeLoader)
