"""Word-list patterns tried only where one of their words begins.

A gazetteer or catalog pattern (a trie of words, `trie.py`) can only match where one of its words begins,
and every word begins with a literal stretch: its first segment, up to its first space (which the pattern
reads as any run of spaces or hyphens). Aho-Corasick finds every such stretch of a whole text in one pass
in C; the regex is then tried at those positions only, in the order `finditer` tries them, so the matches
are exactly those of `pattern.finditer` (tests/test_scan.py checks it on the seed report and the corpus),
while the regex engine no longer walks every character of the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from operator import itemgetter

from ahocorasick_rs import AhoCorasick, Implementation

from pipelines.extraction.trie import WORD_END

# lower-case characters that an ignore-case regex still matches to a Latin letter ("ſ" to s, "ı" to i):
# a text holding one is scanned the slow way, at every position
_FOLDS_TO_LATIN = ("ſ", "ı")


def _unlowerable(text: str, lowered: str) -> bool:
    """Whether a lower-case copy of a text cannot stand for it in a search for lower-case Latin words:
    "İ" lowers to two characters (offsets would shift), "ſ" and "ı" stay what they are."""
    return len(lowered) != len(text) or _FOLDS_TO_LATIN[0] in text or _FOLDS_TO_LATIN[1] in text


# a shorter text (a word, a heading) is scanned directly: the regex is quick there, and the cache of
# positions stays for the report's text
SHORT_TEXT = 256


class WordScan:
    """`pattern` (a trie of `words`, as `trie_pattern` renders them) with the positions where it may match."""

    def __init__(self, pattern: re.Pattern, words: list[str], ignore_case: bool):
        self.pattern = pattern
        self.ignore_case = ignore_case
        firsts = set()
        for word in words:
            first = word.replace(WORD_END, "").split(" ")[0]
            if not first:
                raise ValueError(f"a word that begins with a space cannot be scanned for: {word!r}")
            firsts.add(first.lower() if ignore_case else first)
        # a DFA: the fastest scan, and the word lists are small enough for its memory
        self._automaton = AhoCorasick(sorted(firsts), implementation=Implementation.DFA)

    def starts(self, text: str) -> list[int] | None:
        """Every position of `text` where a word's first segment begins, in order; None when the text holds
        characters that defeat the shortcut (the caller then tries every position)."""
        return None if len(text) < SHORT_TEXT else _starts(self, text)

    def finditer(self, text: str, start: int, end: int) -> Iterator[re.Match]:
        """The matches of `pattern.finditer(text, start, end)`, found by trying only where a word begins."""
        return finditer_at(self.pattern, text, start, end, self.starts(text))

    def positions(self, text: str, start: int, end: int) -> Sequence[int]:
        """The positions in [start, end) where a match may begin: every one where a word's first segment
        begins (or every position, when the text defeats the shortcut)."""
        starts = self.starts(text)
        if starts is None:
            return range(start, end)
        return starts[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def finditer_at(
    pattern: re.Pattern, text: str, start: int, end: int, starts: list[int] | None
) -> Iterator[re.Match]:
    """The matches of `pattern.finditer(text, start, end)`, tried only at `starts` (every position where a
    match may begin, in order; None: every position)."""
    if starts is None:
        yield from pattern.finditer(text, start, end)
        return
    pos, match = start, pattern.match
    for at in starts[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]:
        if at < pos:
            continue  # inside the previous match: `finditer` goes on from its end
        m = match(text, at, end)
        if m:
            yield m
            pos = max(m.end(), at + 1)  # (no pattern tried this way matches an empty string)


@lru_cache(maxsize=16)
def _starts(scan: WordScan, text: str) -> list[int] | None:
    haystack = text
    if scan.ignore_case:
        haystack = text.lower()
        if _unlowerable(text, haystack):
            return None
    # (pattern, start, end) for every occurrence; the starts, once each, in order
    return sorted(
        set(map(itemgetter(1), scan._automaton.find_matches_as_indexes(haystack, overlapping=True)))
    )


class Gate:
    """Whether a short stretch of text may hold one of some cue words (Latin ones in any case): only if
    it holds a word's first segment (a Latin word up to its first space, the first character of another).
    A regex made of those words is searched only where the gate opens; the answer is the same."""

    def __init__(self, words: list[str]):
        firsts = {w.lower().split(" ")[0] if w.isascii() else w[:1] for w in words if w}
        self._finder = AhoCorasick(sorted(firsts), implementation=Implementation.DFA) if firsts else None

    def opens(self, stretch: str) -> bool:
        if self._finder is None:
            return False
        lowered = stretch.lower()
        if _unlowerable(stretch, lowered):
            return True  # cannot tell: let the regex decide
        return bool(self._finder.find_matches_as_indexes(lowered, overlapping=False)[:1])

    def search(
        self, pattern: re.Pattern, text: str, start: int = 0, end: int | None = None
    ) -> re.Match | None:
        """`pattern.search(text, start, end)` for a regex that can begin only with one of the gate's words:
        tried only where one of their first segments begins (none: no match). The search would try every
        position, each with every alternative; here the positions come from one Aho-Corasick pass."""
        if self._finder is None:
            return None
        end = len(text) if end is None else end
        stretch = text[start:end]
        lowered = stretch.lower()
        if _unlowerable(stretch, lowered):
            return pattern.search(text, start, end)  # cannot tell where words begin: let the regex decide
        hits = self._finder.find_matches_as_indexes(lowered, overlapping=True)
        if not hits:
            return None  # the usual answer: no cue word in the stretch
        for pos in sorted(set(map(itemgetter(1), hits))) if len(hits) > 1 else (hits[0][1],):
            m = pattern.match(text, start + pos, end)  # what `search` finds when it reaches this position
            if m:
                return m
        return None
