"""Regular expressions for large word lists, shaped as a trie.

Python's `re` tries the alternatives of `a|b|c` one by one at every position; a pattern that shares
prefixes (`in(?:dia|donesia)`) decides after a character or two, which makes gazetteer and catalog
matching several times faster.
"""

from __future__ import annotations

import re

WORD_END = "\x00"  # appended to a word that must not run on into letters ("Hebei", not "Hebeian")


def trie_pattern(words: list[str], space: str = r"[\s-]+") -> str:
    """A regex matching any of `words`, longest first; a space in a word matches `space`; a word ending
    in WORD_END matches only where no letter follows."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    return _render(trie, space)


def _render(node: dict, space: str) -> str:
    end = "" in node
    # (the word-end test is tried last: it succeeds without consuming, so before a longer word it would
    # end "Hainan Prefecture" at "Hainan")
    ordered = sorted((ch for ch in node if ch), key=lambda ch: (ch == WORD_END, ch))
    branches = [_char(ch, space) + _render(node[ch], space) for ch in ordered]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        # the shorter word ends here; greedy `?` still prefers the longer match
        return "(?:" + body + ")?"
    return body


def _char(ch: str, space: str) -> str:
    if ch == " ":
        return space
    if ch == WORD_END:
        return "(?![A-Za-z])"
    return re.escape(ch)
