import re

from pipelines.extraction.trie import WORD_END, trie_pattern


def test_the_longest_word_wins_where_a_shorter_one_ends_a_word_too():
    words = [w + WORD_END for w in ("Hainan", "Hainan Prefecture", "Inner Mongolia")]
    pattern = re.compile(trie_pattern(words))
    assert pattern.match("Hainan Prefecture, covers").group() == "Hainan Prefecture"
    assert pattern.match("Hainan province").group() == "Hainan"
    assert pattern.match("Hainanese") is None  # a word's end is no letter
    assert pattern.match("Inner   Mongolia").group() == "Inner   Mongolia"  # a space matches any run
