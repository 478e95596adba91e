"""Document structure: paragraphs, headings, sections and sentences, each with offsets into the text.

Offsets are Python str indices into the report text exactly as decoded, so that every span can be
checked with ``text[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A heading is a short paragraph that does not end like a sentence, or one opened by an enumerator.
_ENUMERATOR = re.compile(
    r"^\s*(?:\(\s*[\d<>]+\s*\)|（[一二三四五六七八九十\d]+）|[\d<>]+[.、]\s|[一二三四五六七八九十]+、|"
    r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)(?:ly)?,|"
    r"The (?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth) is)"
)
_SENTENCE_END = re.compile(r"[。！？!?；]|\.(?=\s|$)")
_ABBREVIATIONS = re.compile(r"(?:\bNo|\be\.g|\bi\.e|\betc|\bMr|\bMs|\bDr|\bSt|\bCo|\bLtd|\bInc|\bvs|\bNos)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    section: int  # index of the top-level section (0 before the first heading)
    heading: bool


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    heading: bool
    level: int  # 1 top-level heading, 2 sub-heading, 0 body text


def paragraphs(text: str) -> list[Paragraph]:
    out = []
    for m in re.finditer(r"[^\r\n]+", text):
        body = m.group().strip()
        if not body:
            continue
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        end = start + len(body)
        level = _heading_level(body)
        out.append(Paragraph(start, end, level > 0, level))
    return out


def _heading_level(body: str) -> int:
    ends_like_sentence = body[-1] in ".。!?！？;；:：" or len(body) > 160
    if _ENUMERATOR.match(body):
        return 2 if not ends_like_sentence or len(body) < 160 else 0
    if not ends_like_sentence and len(body) < 160:
        return 1
    return 0


MAX_SENTENCE = 1000  # characters; text without sentence punctuation (a PDF dump) is cut into pieces
_SOFT_BREAK = re.compile(r"[,;:，；：、]\s*|\s+")


def _bounded(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Split an overlong sentence at its last clause break (else space) before the limit, so that work
    per sentence stays bounded whatever the input."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = None
        for m in _SOFT_BREAK.finditer(text, start + MAX_SENTENCE // 2, start + MAX_SENTENCE):
            cut = m.end()
        cut = cut or start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def sentences(text: str) -> list[Sentence]:
    """Sentences in text order; a heading paragraph is one sentence of its own."""
    out: list[Sentence] = []
    section = 0
    for p_index, para in enumerate(paragraphs(text)):
        if para.level == 1:
            section += 1
        start = para.start
        for m in _SENTENCE_END.finditer(text, para.start, para.end):
            end = m.end()
            if m.group() == "." and (
                _ABBREVIATIONS.search(text, max(start, end - 8), end - 1)
                or re.fullmatch(r"[\d<>]+\.", text[start:end])  # a heading's enumerator "1."
            ):
                continue
            if text[start:end].strip():
                out += [Sentence(a, b, p_index, section, para.heading) for a, b in _bounded(start, end, text)]
            start = end
            while start < para.end and text[start].isspace():
                start += 1
        if start < para.end:
            out += [
                Sentence(a, b, p_index, section, para.heading) for a, b in _bounded(start, para.end, text)
            ]
    return out


def title(text: str) -> str | None:
    """The report's title: its first line when that line is short enough to be one."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 200 else None
    return None
