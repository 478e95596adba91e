"""The Aho-Corasick shortcut of word-list patterns (pipelines/extraction/scan.py) is only a speed-up: on the
seed report and every corpus example, as written and with traditional characters simplified, it finds
exactly the matches of the regex it stands for."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from pipelines.extraction import context, extract
from pipelines.extraction.scan import SHORT_TEXT, leading_words

ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for path in sorted((ROOT / "pipelines" / "extraction" / "corpus").glob("*.yaml")):
        texts += [ex["text"] for ex in yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]]
    texts += [context.simplified(t) for t in texts]
    # short examples are scanned directly; joined, they take the shortcut too
    return texts + ["\n".join(texts)]


SCANS = {
    "regions": lambda: context.region_gazetteer().scan,
    "agencies": lambda: context.agency_gazetteer().scan,
    "indicator phrases": lambda: context.indicator_matcher().scan,
}


@pytest.mark.parametrize("name", SCANS)
def test_the_shortcut_finds_exactly_what_the_regex_finds(name):
    scan = SCANS[name]()
    long_texts = 0
    for text in _texts():
        long_texts += len(text) >= SHORT_TEXT
        # whole texts, and stretches that cut through words (sentences end anywhere in a long line)
        for start, end in [(0, len(text)), (len(text) // 3, 2 * len(text) // 3 + 1)]:
            expected = [m.span() for m in scan.pattern.finditer(text, start, end)]
            assert [m.span() for m in scan.finditer(text, start, end)] == expected, text[:80]
        # every position where the regex matches (even inside another match) is one the scan tries
        positions = set(scan.positions(text, 0, len(text)))
        for pos in range(len(text)) if len(text) >= SHORT_TEXT else ():
            assert pos in positions or not scan.pattern.match(text, pos), (text[pos : pos + 40], pos)
    assert long_texts >= 3  # the shortcut itself was tried, not only the direct scan


def test_an_ignore_case_scan_of_a_text_with_letters_that_fold_to_latin_tries_every_position():
    scan = context.indicator_matcher().scan
    text = "x" * SHORT_TEXT + " WIND POWER, wınd power and Wind Power."  # dotless i matches i
    assert scan.starts(text) is None
    assert [m.span() for m in scan.finditer(text, 0, len(text))] == [
        m.span() for m in scan.pattern.finditer(text)
    ]


def test_a_cue_regex_matches_only_where_its_gate_opens():
    """`measure` and `qualifier` search the change, share and qualifier cues only where their gate opens: on the stretch before
    every number of the seed and the corpus, a match implies an open gate, so the gate changes no answer."""
    cues = context._measure_cues()
    gated = [
        (context._gate("increase", "decrease", "year_on_year"), cues.change_before),
        (context._gate("change_by_verb"), cues.change_by),
        (context._gate("share"), cues.share_before),
        (context._QUALIFIER_GATE, context._QUALIFIER_BEFORE),
    ]
    matched = 0
    for text in _texts()[:-1]:
        for pos in (i for i, c in enumerate(text) if c.isdigit() and not text[i - 1 : i].isdigit()):
            before = text[max(0, pos - 60) : pos]
            for gate, pattern in gated:
                if pattern.search(before):
                    matched += 1
                    assert gate.opens(before), (pattern.pattern[:40], before)
    assert matched > 100  # the cues do occur: the test is not vacuous


def test_a_gated_search_finds_what_the_regex_search_finds():
    """`Gate.search` tries a cue regex only where one of its words begins: before and after every number
    of the seed and the corpus (and in text with letters that defeat lowering), it finds the regex's match,
    in a stretch of the text as in a slice of it."""
    cues = context._measure_cues()
    gated = [
        (context._gate("increase", "decrease", "year_on_year"), cues.change_before),
        (context._gate("change_by_verb"), cues.change_by),
        (context._gate("share"), cues.share_before),
        (context._gate("target"), cues.target),
        (context._gate("threshold_after"), cues.threshold_after),
        (context._QUALIFIER_GATE, context._QUALIFIER_BEFORE),
        (context._CHANGE_SUBJECT_GATE, cues.change_subject),
        (context._base_before_gate(), context._base_patterns()[0]),
        (extract._NAME_GATE, extract._NAME_BEFORE),
        *(
            (context._gate(name), context.cue_pattern(name))
            for name in ("respectively", "present_tense", "forecast")
        ),
    ]
    found = 0
    texts = _texts()[:-1] + ["İ rose by 5% ſome 3 about 4 and over 2 percent, ıncreased 7%"]
    for text in texts:
        for pos in (i for i, c in enumerate(text) if c.isdigit() and not text[i - 1 : i].isdigit()):
            for start, end in ((max(0, pos - 80), pos), (pos, pos + 80)):
                for where in ((text, start, end), (text[start:end], 0, len(text[start:end]))):
                    for gate, pattern in gated:
                        expected = pattern.search(*where)
                        got = gate.search(pattern, *where)
                        assert (got and got.span()) == (expected and expected.span()), where[0][start:end]
                        found += expected is not None
    assert found > 100  # the cues do occur: the test is not vacuous


def test_the_leading_words_of_a_regex_are_read_from_its_parse_tree():
    assert leading_words(r"\b(?:[Ii]n|end\s+of)\b") == {"in", "end"}
    assert leading_words(r"(?i:the\s+)?end(?![A-Za-z])|\d+") == {"the", "end"}
    assert leading_words(r"(?:a|an)\s+year|每年") == {"a", "an"}
    assert leading_words(r"[A-Za-z]+\d") is None  # a run of letters of any length
    assert leading_words(r"foo") is None  # a match may end inside a longer word ("food")


def test_every_time_expression_opens_with_one_of_the_leading_words_of_its_pattern():
    """The words `_time_starts` tries are those the time pattern's parse tree says an expression may begin
    with: on the seed and the corpus, every match that opens with a Latin letter opens with one of them."""
    pattern = context._time_pattern()
    words = leading_words(pattern.pattern)
    assert words is not None and {"and", "of", "was"}.isdisjoint(words)
    opened = 0
    for text in _texts():
        for m in pattern.finditer(text):
            run = re.match("[A-Za-z]*", text[m.start() :]).group().lower()
            assert not run or run in words, text[m.start() : m.start() + 40]
            opened += bool(run)
    assert opened > 20


def test_every_position_where_a_time_expression_matches_is_tried():
    """`_time_starts` tries a digit only where it may open a year, a month, a day or a number of years: on
    the seed, the corpus and lines dense with digits, months and years, every position where the time
    pattern matches, even inside a longer number or another expression, is one that `_time_matches`
    tries."""
    pattern = context._time_pattern()
    dense = "0123456789,-/:()，、：（）月日年来至到底~–— 份末"
    rng = random.Random(7)
    lines = ["".join(rng.choices(dense, k=4000)) for _ in range(4)]
    lines += ["".join(rng.choices("0123456789 -月年来", k=4000))]
    lines += ["2023112月3日，20241-9月，123月底，12/2023，(2021-25)，1020年来，3 至 5月，201950-2060年 " * 20]
    tried = 0
    for text in _texts() + lines:
        starts = set(context._time_starts(text))
        for pos in range(len(text)):
            if pattern.match(text, pos):
                assert pos in starts, (text[pos : pos + 40], pos)
                tried += 1
    assert tried > 1000


def test_the_gates_read_in_one_pass_find_what_each_regex_search_finds():
    """`measure` opens its four gates on the words before a number in one pass (`Gates`): before every
    number of the seed and the corpus (and in text with letters that defeat lowering), each cue regex
    finds what its search on that stretch finds."""
    cues = context._measure_cues()
    patterns = [cues.change_before, cues.change_by, cues.change_subject, cues.share_before]
    gates = context._before_gates()
    found = 0
    texts = _texts()[:-1] + ["İ rose by 5% ſome 3 about 4 and over 2 percent, ıncreased 7%"]
    for text in texts:
        for pos in (i for i, c in enumerate(text) if c.isdigit() and not text[i - 1 : i].isdigit()):
            before = text[max(0, pos - 60) : pos]
            opened = gates.open_on(before)
            for k, pattern in enumerate(patterns):
                expected = pattern.search(before)
                got = opened.search(k, pattern)
                assert (got and got.span()) == (expected and expected.span()), (k, before)
                found += expected is not None
    assert found > 100
