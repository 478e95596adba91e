import pytest

from pipelines.extraction.quantities import find_quantities, parse_arabic, parse_chinese


def quantities(text):
    return [(text[q.start : q.end], q.value, q.scale, q.unit) for q in find_quantities(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("reached 2.5 trillion kilowatt hours", ("2.5", 2.5, 1e12, "kWh")),
        ("about 391 million kilowatts", ("391", 391, 1e6, "kW")),
        ("output of 123.6GW", ("123.6", 123.6, 1, "GW")),
        ("a total of 1,200 tons", ("1,200", 1200, 1, "t")),
        ("an increase of 45.8%", ("45.8", 45.8, 1, "percent")),
        ("by 1 percentage point", ("1", 1, 1, "percentage_point")),
        ("302.5 grams of standard coal/kWh", ("302.5", 302.5, 1, "gce/kWh")),
        ("0.6 yuan/kWh", ("0.6", 0.6, 1, "CNY/kWh")),
        ("50 tons/day", ("50", 50, 1, "t/d")),
        ("12 ten thousand tons", ("12", 12, 1e4, "t")),
        ("3 hundred million yuan", ("3", 3, 1e8, "CNY")),
        ("540万亩", ("540", 540, 1e4, "mu")),
        ("超9亿元", ("9", 9, 1e8, "CNY")),
        ("2万亿千瓦时", ("2", 2, 1e12, "kWh")),
        ("三千五百万千瓦", ("三千五百", 3500, 1e4, "kW")),
        ("两亿元", ("两", 2, 1e8, "CNY")),
        ("提高十二个百分点", ("十二", 12, 1, "percentage_point")),
        ("increased 7.3 times", ("7.3", 7.3, 1, "times")),
        ("9.1149 million, ranking first", ("9.1149", 9.1149, 1e6, None)),
        ("6615 10,000 kilowatts", ("6615", 6615, 1e4, "kW")),  # 万 as machine translation writes it
        ("1.2 100 million kilowatts", ("1.2", 1.2, 1e8, "kW")),  # 亿
    ],
)
def test_numbers_with_scale_and_unit(text, expected):
    assert quantities(text)[0] == expected


def test_chinese_numerals_that_are_words_are_not_numbers():
    assert quantities("一批项目和三江源地区") == []


def test_placeholders_and_malformed_separators():
    assert parse_arabic("<>.<>") == (None, ["placeholder"])
    assert parse_arabic("66.<>")[1] == ["placeholder"]
    assert parse_arabic("2783,223") == (2783223.0, ["malformed_number"])
    assert parse_arabic("6,13")[1] == ["malformed_number"]
    assert parse_arabic("1,234,567.5") == (1234567.5, [])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("十二", 12),
        ("一百二十", 120),
        ("三千五百万", 35_000_000),
        ("两亿", 2e8),
        ("一万零五", 10005),
    ],
)
def test_chinese_numeral_values(text, value):
    assert parse_chinese(text) == value


def test_numbers_glued_to_letters_have_no_unit():
    found = quantities("5G and G50 and PM2.5 and CO2")
    assert [q[0] for q in found] == ["5"]  # 5G is left for the exclusion rules; G50, PM2.5, CO2 never match
    assert found[0][3] is None


def test_the_unit_shortcut_answers_as_the_alias_pattern_does():
    """`unit_at` skips the alias pattern where an ASCII character begins no alias: at every position of the
    seed report and the corpus examples, and before every ASCII character, it answers as the pattern."""
    from pathlib import Path  # noqa: PLC0415

    import yaml  # noqa: PLC0415

    from pipelines.extraction.quantities import lexicon, unit_at  # noqa: PLC0415

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in (root / "seeds").glob("*.txt")]
    for path in (root / "pipelines" / "extraction" / "corpus").glob("*.yaml"):
        texts += [ex["text"] for ex in yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]]
    texts += [chr(c) + tail for c in range(128) for tail in ("W", "wh", "Wh ", "illion tons", ":1", " kW")]
    lex = lexicon()
    for text in texts:
        for i in range(len(text)):
            expected = lex.unit_alias.match(text, i, len(text))
            found = unit_at(lex, text, i, len(text))
            assert (found and found.span()) == (expected and expected.span()), text[i : i + 20]


def _written_both_ways(alias: str) -> set[str]:
    """An alias as the catalog writes it, with its words joined by hyphens, and by spaces."""
    import re

    return {
        alias,
        re.sub(r"(?<=[A-Za-z]) (?=[A-Za-z])", "-", alias),
        re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", alias),
    }


def test_every_unit_and_scale_word_reads_however_its_words_are_joined():
    """A unit written with a hyphen where the catalog has a space, or the other way round ("yuan per
    kilowatt hour"), is read as that unit; before, a hyphenated alias was matched and then not found
    under its normalized spelling, and the whole report failed."""
    from pipelines import catalog

    for entry in catalog.units():
        for alias in entry["aliases"]:
            for written in _written_both_ways(alias):
                found = quantities(f"it reached 5 {written} last year")
                assert found and found[0][3] is not None, (entry["unit"], written, found)
    for scale in catalog.scales():
        for word in scale["words"]:
            for written in _written_both_ways(word):
                quantities(f"it reached 5 {written} tonnes last year")  # must not fail
