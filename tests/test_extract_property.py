"""Random text never breaks the extractor, and every span lies inside the text."""

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extraction.extract import ReportContext, extract_facts

# `make fuzz` raises the number of examples (PEAKWATCH_FUZZ_EXAMPLES=20000); CI runs a few hundred
EXAMPLES = int(os.environ.get("PEAKWATCH_FUZZ_EXAMPLES", "300"))

ALPHABET = st.sampled_from(
    list("0123456789 ,.;%-~<>()年万亿千百十约超以上。，abc millionkWtonsIn萬億％．０１２﹒±-")
    + [" million ", " kilowatts", " percent", " In 2021, ", " about ", " <> ", "\n", "No. ", "th "]
)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(st.lists(ALPHABET, max_size=80).map("".join), st.one_of(st.none(), st.integers(1990, 2030)))
def test_extractor_never_raises_and_spans_are_inside(text, year):
    for f in extract_facts(text, ReportContext("p", year, "unknown")):
        assert 0 <= f.char_start < f.char_end <= len(text)
        assert text[f.char_start : f.char_end] == f.value_raw
        assert f.sentence_start <= f.char_start and f.char_end <= f.sentence_end


@settings(max_examples=max(EXAMPLES * 2 // 3, 1), deadline=None, derandomize=True)
@given(st.text(max_size=200))
def test_any_unicode_text(text):
    for f in extract_facts(text, ReportContext("p", 2022, "unknown")):
        assert 0 <= f.char_start < f.char_end <= len(text)


def test_long_unpunctuated_inputs_stay_inside_bounds():
    # a PDF dump without sentence punctuation, runs of numerals and digits: all handled piecewise
    for text in ["三千五百万千瓦" * 3000, "一" * 20000, "1," * 20000, "5 million kilowatts and " * 3000]:
        found = extract_facts(text, ReportContext("p", 2022, "unknown"))
        assert all(text[f.char_start : f.char_end] == f.value_raw for f in found)
        assert all(f.sentence_end - f.sentence_start <= 1000 for f in found)
