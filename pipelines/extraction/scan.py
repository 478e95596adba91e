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
import string
from collections.abc import Iterator, Sequence
from functools import cached_property, lru_cache
from operator import itemgetter
from re import _constants as sre
from re import _parser

from ahocorasick_rs import AhoCorasick, Implementation

from pipelines.extraction.trie import WORD_END, trie_pattern

# lower-case characters that an ignore-case regex still matches to a Latin letter ("ſ" to s, "ı" to i):
# a text holding one is scanned the slow way, at every position
_FOLDS_TO_LATIN = ("ſ", "ı")


def _unlowerable(text: str, lowered: str) -> bool:
    """Whether a lower-case copy of a text cannot stand for it in a search for lower-case Latin words:
    "İ" lowers to two characters (offsets would shift), "ſ" and "ı" stay what they are."""
    return len(lowered) != len(text) or _FOLDS_TO_LATIN[0] in text or _FOLDS_TO_LATIN[1] in text


def may_hold(word: str, text: str, start: int, end: int) -> bool:
    """Whether text[start:end] may hold `word` (lower-case ASCII letters) where an ignore-case regex reads
    it: a regex whose every match holds the word finds nothing in a stretch for which this is False. Only
    "İ", "ı" and "ſ" match an ASCII letter in any case without lowering to it; a stretch that holds one
    (or that lowering lengthens) is answered True."""
    stretch = text[start:end]
    lowered = stretch.lower()
    return word in lowered or _unlowerable(stretch, lowered)


# a shorter text (a word, a heading) is scanned directly: the regex is quick there, and the cache of
# positions stays for the report's text
SHORT_TEXT = 256
_MANY_BRANCHES = 100  # first characters of a trie, above which a start is tried with its own branch


class WordScan:
    """`pattern` (a trie of `words`, as `trie_pattern` renders them) with the positions where it may match."""

    def __init__(self, pattern: re.Pattern | str, words: list[str], ignore_case: bool):
        # (a source is compiled when the whole pattern is first tried: a scan that tries each start with its
        # own branch never tries it, and a gazetteer's, 130,000 characters, took a second to compile)
        self._source = pattern if isinstance(pattern, str) else pattern.pattern
        if not isinstance(pattern, str):
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
        # a case-sensitive trie of the words (a gazetteer) opens with one branch per first character, which
        # the engine tries one by one at each position: a thousand of them for the places' CJK names. Only
        # the branch of the character there can match, so a start is tried with that branch alone
        # (`pattern_at`); a few dozen branches are tried quicker than a branch is looked up (and so, on
        # the dev corpus, were the two hundred of the catalog's phrases, which match in any case)
        by_first: dict[str, list[str]] = {}
        for word in words:
            by_first.setdefault(word[0], []).append(word)
        self._by_first = (
            by_first
            if not ignore_case
            and len(by_first) > _MANY_BRANCHES
            and self._source == "(?:" + trie_pattern(words) + ")"
            else None
        )
        self._by_char: dict[str, re.Pattern] = {}  # (each first character's pattern, made when first met)
        # (where a word may begin in a short text, which has no cached starts: one of the first characters)
        self._first_char = (
            re.compile("[" + "".join(map(re.escape, sorted(by_first))) + "]") if self._by_first else None
        )

    def starts(self, text: str) -> list[int] | None:
        """Every position of `text` where a word's first segment begins, in order; None when the text holds
        characters that defeat the shortcut (the caller then tries every position)."""
        return None if len(text) < SHORT_TEXT else _starts(self, text)

    def finditer(self, text: str, start: int, end: int) -> Iterator[re.Match]:
        """The matches of `pattern.finditer(text, start, end)`, found by trying only where a word begins."""
        if self._first_char is not None and len(text) < SHORT_TEXT:
            # a short text (the words before an agency's name, a label) is asked about once: its first
            # characters are found by one character class, and each is tried with its own branch (the
            # whole trie tries a thousand branches at every position: 1.5 µs a character)
            starts = [m.start() for m in self._first_char.finditer(text, start, end)]
            branches = {at: self.pattern_at(text[at]) for at in starts}
            return finditer_at(_NEVER, text, start, end, starts, branches)  # (every start has its branch)
        starts = self.starts(text)
        if starts is not None and self._by_first is not None:
            # (`_branches` gives every one of these starts its branch: the whole pattern is never tried)
            return finditer_at(_NEVER, text, start, end, starts, _branches(self, text))
        return finditer_at(self.pattern, text, start, end, starts)

    @cached_property
    def pattern(self) -> re.Pattern:
        return re.compile(self._source)

    def pattern_at(self, char: str) -> re.Pattern:
        """A pattern that matches, where `char` stands, what `pattern` matches there: the trie of the words
        that begin with that character."""
        found = self._by_char.get(char)
        if found is None:
            words = self._by_first.get(char) if self._by_first is not None else None
            found = re.compile("(?:" + trie_pattern(words) + ")") if words else _NEVER
            self._by_char[char] = found
        return found

    def positions(self, text: str, start: int, end: int) -> Sequence[int]:
        """The positions in [start, end) where a match may begin: every one where a word's first segment
        begins (or every position, when the text defeats the shortcut)."""
        starts = self.starts(text)
        if starts is None:
            return range(start, end)
        return starts[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def finditer_at(
    pattern: re.Pattern,
    text: str,
    start: int,
    end: int,
    starts: list[int] | None,
    narrowed: dict[int, re.Pattern] | None = None,
) -> Iterator[re.Match]:
    """The matches of `pattern.finditer(text, start, end)`, tried only at `starts` (every position where a
    match may begin, in order; None: every position). `narrowed`: at some starts, a pattern that matches
    there what `pattern` matches, with fewer alternatives to try."""
    if starts is None:
        yield from pattern.finditer(text, start, end)
        return
    pos = start
    for at in starts[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]:
        if at < pos:
            continue  # inside the previous match: `finditer` goes on from its end
        m = (narrowed.get(at, pattern) if narrowed else pattern).match(text, at, end)
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


@lru_cache(maxsize=16)
def _branches(scan: WordScan, text: str) -> dict[int, re.Pattern]:
    """At every start of a text, the pattern to try there (a text's starts are tried again and again, for
    each stretch a caller reads: the patterns are looked up once)."""
    return {at: scan.pattern_at(text[at]) for at in _starts(scan, text) or ()}


_NEVER = re.compile("(?!)")


class Gate:
    """Whether a short stretch of text may hold one of some cue words (Latin ones in any case): only if
    it holds a word's first segment (a Latin word up to its first space, the first character of another).
    A regex made of those words is searched only where the gate opens; the answer is the same."""

    def __init__(self, words: list[str]):
        firsts = {w.lower().split(" ")[0] if w.isascii() else w[:1] for w in words if w}
        self.firsts = frozenset(firsts)
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


class Gates:
    """Several gates opened on one stretch of text in one pass: `measure` asks four of them about the words
    before each number, and one lower-case copy and one Aho-Corasick scan serve all four."""

    def __init__(self, gates: list[Gate]):
        owners: dict[str, set[int]] = {}
        for k, gate in enumerate(gates):
            for first in gate.firsts:
                owners.setdefault(first, set()).add(k)
        segments = sorted(owners)
        self._count = len(gates)
        self._shut = frozenset(k for k, gate in enumerate(gates) if not gate.firsts)  # no words: no match
        self._owners = [tuple(sorted(owners[s])) for s in segments]
        self._finder = AhoCorasick(segments, implementation=Implementation.DFA) if segments else None

    def open_on(self, stretch: str) -> GatesOpen:
        """Where each gate's first segments begin in `stretch`, ready to search regexes on it."""
        lowered = stretch.lower()
        if self._finder is None:
            return GatesOpen(stretch, [()] * self._count, self._shut)
        if _unlowerable(stretch, lowered):
            return GatesOpen(stretch, None, self._shut)  # cannot tell where words begin: the regex decides
        positions: list[set[int]] = [set() for _ in range(self._count)]
        for segment, start, _end in self._finder.find_matches_as_indexes(lowered, overlapping=True):
            for k in self._owners[segment]:
                positions[k].add(start)
        return GatesOpen(stretch, [sorted(p) for p in positions], self._shut)


class GatesOpen:
    """One stretch with the positions where each gate of a `Gates` opens (None: lowering the stretch
    defeats the shortcut)."""

    def __init__(self, stretch: str, positions: list | None, shut: frozenset[int]):
        self.stretch = stretch
        self._positions = positions
        self._shut = shut

    def search(self, k: int, pattern: re.Pattern) -> re.Match | None:
        """`pattern.search(stretch)`, for a regex that can begin only with a word of gate k: what
        `Gate.search` finds on the stretch."""
        if k in self._shut:
            return None
        if self._positions is None:
            return pattern.search(self.stretch)
        for pos in self._positions[k]:
            m = pattern.match(self.stretch, pos)
            if m:
                return m
        return None


# --- the Latin words a regex may begin with ------------------------------------------------------------

# the only characters an ignore-case regex matches to an ASCII letter, other than those letters (checked over
# every code point): after a run of letters, one of them may go on with a word the run does not spell
FOLDED_TO_LATIN = frozenset("\u0130\u0131\u017f\u212a")  # İ ı ſ K (the Kelvin sign)


def named_alternatives(pattern: re.Pattern) -> tuple[str, list[str]] | None:
    """A pattern written as a look-ahead and a choice of named groups (`(?=…)(?:(?P<a>…)|(?P<b>…))`): the
    look-ahead's source and each group's, in order, so that a pattern of some of the groups can be made.
    None for any other pattern, for one whose groups refer to groups by number or name (alone, a group
    would read another), and for one with a group that may match nothing."""
    source = pattern.pattern
    if re.search(r"\\[1-9]|\(\?P=|\(\?\(", source):
        return None
    tree = _parser.parse(source)
    if [op for op, _av in tree.data] != [sre.ASSERT, sre.BRANCH]:
        return None
    names = {number: name for name, number in pattern.groupindex.items()}
    order = []
    for branch in tree.data[1][1][1]:
        if len(branch.data) != 1 or branch.getwidth()[0] == 0:
            return None
        op, av = branch.data[0]
        if op is not sre.SUBPATTERN or av[0] not in names:
            return None
        order.append(names[av[0]])
    opens = [source.find(f"(?P<{name}>") for name in order]
    head = source[: opens[0] - len("(?:")]
    alternatives = [source[a : b - 1] for a, b in zip(opens, [*opens[1:], len(source)], strict=True)]
    return (head, alternatives) if head + "(?:" + "|".join(alternatives) + ")" == source else None


_ASCII_LETTERS = frozenset(string.ascii_letters)
_NO_LETTER_CATEGORIES = frozenset([sre.CATEGORY_DIGIT, sre.CATEGORY_SPACE])
_ENDS_WORD = frozenset([sre.AT_BOUNDARY, sre.AT_END, sre.AT_END_STRING])
_MAX_STEPS = 20_000  # a pattern whose analysis takes longer is answered None (every word, as before)
_MAX_WORD = 64  # letters: a longer leading word means a run of letters repeated without end


def leading_words(pattern: str) -> frozenset[str] | None:
    """Every Latin word (lower case) that a match of `pattern` may begin with, when it begins with an
    ASCII letter: the run of ASCII letters at its start, up to the first character it matches that is no
    letter, or to a word boundary or a look-ahead that excludes letters. Zero-width tests are otherwise
    ignored, so the answer may hold more words than can match, never fewer. None when the pattern lets an
    unknown run of letters begin a match (a letter class repeated, `.`, a negated class)."""
    steps = [_MAX_STEPS]
    try:
        return frozenset(_words(list(_parser.parse(pattern)), (), "", steps))
    except (_Unknown, RecursionError):  # (a repeated group that may match nothing recurses without end)
        return None


class _Unknown(Exception):
    pass


def _words(items: list, rest: tuple, prefix: str, steps: list[int]) -> set[str]:
    """The words a match may begin with, having read `prefix`, with `items` then `rest` still to match."""
    steps[0] -= 1
    if steps[0] < 0 or len(prefix) > _MAX_WORD:
        raise _Unknown
    if not items:
        if rest:
            return _words(rest[0], rest[1:], prefix, steps)
        if prefix:
            raise _Unknown  # the match may end inside a run of letters: the run may go on
        return set()
    (op, av), items = items[0], items[1:]
    if op is sre.LITERAL or op is sre.IN:
        out: set[str] = set()
        for ch in _chars(op, av):
            if ch is None:  # a character that is no letter ends the word (or begins no Latin word)
                out |= {prefix} if prefix else set()
            else:
                out |= _words(items, rest, prefix + ch, steps)
        return out
    if op is sre.AT:
        return {prefix} if prefix and av in _ENDS_WORD else _words(items, rest, prefix, steps)
    if op is sre.ASSERT_NOT and prefix and av[0] == 1 and _excludes_letters(av[1]):
        return {prefix}  # (?![A-Za-z]): the word ends here
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return _words(items, rest, prefix, steps)
    if op is sre.SUBPATTERN:
        return _words(list(av[-1]), (items, *rest), prefix, steps)
    if op is sre.BRANCH:
        return set().union(*(_words(list(b), (items, *rest), prefix, steps) for b in av[1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = av
        out = _words(items, rest, prefix, steps) if low == 0 else set()
        if high != 0:
            again = [(op, (max(low - 1, 0), high if high is sre.MAXREPEAT else high - 1, body))]
            out |= _words(list(body), (again + items, *rest), prefix, steps)
        return out
    raise _Unknown  # `.`, a back reference, a conditional group: anything may follow


def _chars(op, av) -> list[str | None]:
    """What one character of a literal or a class may be: each ASCII letter (lower case) it may match,
    and None for any character that is no letter."""
    members = [(op, av)] if op is sre.LITERAL else av
    out: set[str | None] = set()
    for kind, value in members:
        if kind is sre.LITERAL:
            ch = chr(value)
            if ch in _ASCII_LETTERS:
                out.add(ch.lower())
            elif ch.lower() != ch.upper() or not ch.isascii() and ch.isalpha() and ch.lower() != ch:
                raise _Unknown  # a cased letter that an ignore-case regex may fold to a Latin one
            else:
                out.add(None)
        elif kind is sre.RANGE:
            span = [chr(c) for c in range(value[0], value[1] + 1)]
            if any(ch.lower() != ch.upper() and ch not in _ASCII_LETTERS for ch in span):
                raise _Unknown
            out |= {ch.lower() if ch in _ASCII_LETTERS else None for ch in span}
        elif kind is sre.CATEGORY and value in _NO_LETTER_CATEGORIES:
            out.add(None)
        else:
            raise _Unknown  # \w, \S, a negated class: it may match any letter
    return sorted(out, key=lambda c: c or "")


def _excludes_letters(items: list) -> bool:
    """Whether a look-ahead's pattern is one class that matches every ASCII letter."""
    if len(items) != 1 or items[0][0] is not sre.IN:
        return False
    try:
        matched = {c for c in _chars(*items[0]) if c is not None}
    except _Unknown:
        return False
    return matched == set(string.ascii_lowercase)
