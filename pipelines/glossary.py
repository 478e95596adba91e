"""English names for the Chinese phrases that name indicators the catalog does not cover.

A phrase is read word by word through the glossary (``catalog/glossary.yaml``, plus the catalog's own
bilingual indicator and region names), longest word first, and its English words are joined in the
phrase's order: 商品混凝土产量 -> "ready-mixed concrete output". A phrase is named in English only when
every character of it is read: by a term, by a function word (的, 之) that needs no English, or as Latin
letters and digits (PM2.5, GDP, 5G) that pass through as written. One unread character is enough to
refuse: it may be the word that decides the meaning (未完成 is "not completed", 非化石 "non-fossil"), and a
name that drops it would read as complete and say something else.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines import catalog

# a run of Latin letters and digits is already readable; it keeps its decimal point (PM2.5)
_LATIN = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)?")
_CJK = re.compile(r"[\u3400-\u9fff]")
# punctuation and spaces between words separate them and say nothing themselves
_SEPARATOR = re.compile(r"[\s、，,·・/（）()\-—“”\"'‘’《》]+")


def is_chinese(phrase: str) -> bool:
    return bool(_CJK.search(phrase))


def english_name(phrase_zh: str) -> str | None:
    """The English name of a Chinese phrase, lower case, or None when the glossary does not read all of it."""
    phrase = _simplified(phrase_zh.strip())
    words: list[str] = []
    i = 0
    while i < len(phrase):
        gap = _SEPARATOR.match(phrase, i) or _LATIN.match(phrase, i)
        if gap:
            words += [gap.group()] if _LATIN.fullmatch(gap.group()) else []
            i = gap.end()
            continue
        word = _longest_word(phrase, i)
        if word is None:
            return None
        if word not in _function_words():
            words.append(_terms()[word])
        i += len(word)
    return " ".join(words) or None  # a phrase of function words alone names nothing


def _longest_word(phrase: str, start: int) -> str | None:
    """The longest term or function word at `start`, or None when no word of the glossary begins there."""
    for end in range(min(len(phrase), start + _longest_key()), start, -1):
        piece = phrase[start:end]
        if piece in _terms() or piece in _function_words():
            return piece
    return None


@cache
def _terms() -> dict[str, str]:
    """Chinese word -> English: the catalog's bilingual names first, the glossary over them (its words
    are chosen for reading a phrase piece by piece)."""
    terms = {r["name_zh"]: r["name_en"].lower() for r in catalog.regions()}
    terms |= {i["name_zh"]: _plain_name(i["name"]) for i in catalog.indicators()}
    terms |= {t["zh"]: t["en"] for t in catalog.glossary()["terms"]}
    return terms


def _plain_name(name: str) -> str:
    """A catalog indicator name as a glossary word: lower case, without its note in brackets."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip().lower()


@cache
def _function_words() -> frozenset[str]:
    return frozenset(f["zh"] for f in catalog.glossary()["function_words"])


@cache
def _longest_key() -> int:
    return max(len(k) for k in (*_terms(), *_function_words()))


def _simplified(phrase: str) -> str:
    return phrase.translate(catalog.script_table())  # as extraction reads traditional characters
