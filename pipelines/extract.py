"""Extraction of numeric facts from a report's text.

``extract_facts(text, report)`` walks the sentences, reads every quantity with the grammar of
``quantities``, drops what is not a fact (years, enumerators, ordinals, names, streaks, bare numbers),
and resolves each fact's unit, measure, qualifier, year, region, agency and indicator. Facts whose number
was lost keep their span and a `placeholder` flag: the contract rules decide what is published.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import asdict, dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from pipelines import catalog, context, normalize, structure, units
from pipelines.quantities import Quantity, classifier_after, find_quantities, lexicon, read_tail

_EXTRACTOR_SOURCES = (
    "extract.py",
    "quantities.py",
    "context.py",
    "structure.py",
    "units.py",
    "trie.py",
    "normalize.py",
    "catalog",
)


@cache
def extractor_version() -> str:
    """A fingerprint of the extraction code and the catalogs it reads: when it changes, every report is
    extracted again; when it does not, no report is."""
    h = hashlib.sha256()
    root = Path(__file__).parent
    for name in _EXTRACTOR_SOURCES:
        for path in sorted((root / name).rglob("*")) if (root / name).is_dir() else [root / name]:
            if path.is_file() and path.suffix in (".py", ".yaml", ".txt"):
                h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


_STOP_WORDS = frozenset(
    [
        "and",
        "or",
        "to",
        "in",
        "of",
        "the",
        "a",
        "an",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "than",
        "as",
        "per",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "will",
        "has",
        "have",
        "had",
        "which",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "year",
        "years",
        "month",
        "months",
        "day",
        "days",
        "week",
        "weeks",
        "time",
        "times",
        "hours",
        "hour",
        "consecutive",
        "percent",
        "th",
        "st",
        "nd",
        "rd",
        "respectively",
        "compared",
        "over",
        "under",
        "about",
        "nearly",
        "more",
        "less",
    ]
    + context.MONTHS.lower().split("|")
)
_WORD = re.compile(r"\s*[\"“”']?\s*([A-Za-z][A-Za-z'-]*)")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_MONTH_ABBREVIATIONS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_NAME_BEFORE = re.compile(
    r"(?:\bNo\.?|\bNumber|#|\bNos\.?|\bversion|\bPhase|\bTable|\bFigure|\bFig\.|\bChart|\bAnnex|\bAppendix"
    r"|\bArticle|\bChapter|\bSection|\bBox|(?:^|(?<=[\s，。；：、]))(?:附表|附件|表|图))\s*$",
    re.IGNORECASE,
)
_RANK_BEFORE = re.compile(r"(?:\b(?:first|top|last|bottom)\s+|第\s*)$", re.IGNORECASE)  # "the top 10", 第3批
_MONTH_BEFORE = re.compile(rf"\b(?:{context.MONTHS}|{_MONTH_ABBREVIATIONS})\.?\s+$")
# "12 Nov 2024 | Autos", "3 March": a day before its month (capitalised: "10 may rise" is no date)
_MONTH_AFTER = re.compile(rf"\s*(?P<date>{context.MONTHS}|{_MONTH_ABBREVIATIONS})\b\.?")
# 2024-03-03, 2024/3/3, 03.03.2024, and the parts of a clock time 19:37
_NUMERIC_DATE = re.compile(
    r"\d{4}([-/.])\d{1,2}\1\d{1,2}(?!\d)|(?<!\d)\d{1,2}([-/.])\d{1,2}\2\d{4}|(?<!\d)\d{1,2}:\d{2}(?!\d)"
)
# a byline or dateline: a short line that holds a clock time or a numeric date, or opens with its label
_BYLINE_LABEL = re.compile(
    r"^\W*(?:Updated|Published|Posted|Source|Editor|Views?|Reads?|发布时间|更新时间|时间|日期|来源|编辑|作者|浏览|阅读)[\u4e00-\u9fff]{0,3}\s*[:：]",
    re.IGNORECASE,
)
_HORIZON_AFTER = re.compile(
    r"\s*(?:(?:-|~|～|to|至|到)\s*[\d<>]+\s*)?(?:consecutive\b|years?\b|months?\b|weeks?\b|days?\b|cycles?\b|rounds?\b|"
    r"年|个月|天|周)",
    re.IGNORECASE,
)
_PLUS_MINUS_BEFORE = re.compile(r"[±]\s*$")  # ±800 kV, ±800千伏: the voltage class in a line's name
_ENUM_CLOSE = re.compile(r"\s*(?:[)）]|[.、](?=\s))")
_CLAUSE_BREAK = re.compile(r"[,;:，；：、()（）]")


@dataclass
class Fact:
    report_id: str
    char_start: int
    char_end: int
    value_raw: str
    unit_raw: str
    value: float | None
    unit: str
    measure: str
    direction: str
    qualifier: str
    year: int | None
    region_code: str
    agency_id: str
    indicator_id: str
    indicator_name: str
    quote: str
    sentence_start: int
    sentence_end: int
    flags: list[str] = field(default_factory=list)

    @property
    def observation_id(self) -> str:
        key = f"{self.report_id}|{self.char_start}|{self.char_end}|{self.value_raw}|{self.unit_raw}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def as_row(self) -> dict:
        row = asdict(self)
        row["observation_id"] = self.observation_id
        row["flags"] = ",".join(sorted(set(self.flags)))
        return row


def exclusion(text: str, q: Quantity, sentence_start: int, paragraph_start: int) -> str | None:
    """Why a number is not a fact, or None when it may be one."""
    after = text[q.end : q.end + 12]
    before = text[max(sentence_start, q.start - 12) : q.start]
    if q.unit is None and q.scale == 1.0:
        m = _cues().bare_after.match(text, q.end)
        if m:
            return m.lastgroup  # 3 pm (time), 12 Nov 2024 (date), the 10 largest ports (ordinal)
        if after[:1].isascii() and after[:1].isalpha():
            return "code" if not _ORDINAL.match(after) else "ordinal"
    if _ORDINAL.match(after) or after.startswith("-Year"):
        return "ordinal"
    if _NAME_BEFORE.search(before) or _PLUS_MINUS_BEFORE.search(before) or q.unit in _name_units():
        return "name"
    if (q.unit or q.scale != 1.0) and _cues().class_after.match(text, q.tail_end):
        return "name"  # 百万千瓦级机组: a class of unit
    if before.endswith("-") and before[-2:-1].isascii() and before[-2:-1].isalpha():
        return "code"  # COVID-19, COP-26, G-20
    if _cues().denominator.search(before):
        return "unit"  # per 10,000 yuan of GDP, 每万元: the denominator of a unit
    if _unit_in_parentheses(text, q, before):
        return "unit"  # "(10,000 kW)", "(100 million yuan)": the unit of a table's figures
    if "chinese_numeral" in q.flags:
        if _cues().vague.search(before) or text.startswith("几", q.end):
            return "vague"  # 数十个, 十几个
        if _inside_quotes(text, sentence_start, q.start):
            return "name"  # “一公里充电圈”, 《三年行动方案》
        if any(m.start() <= q.start < m.end() or m.start() == q.tail_end for m in _idioms_near(text, q)):
            return "idiom"  # 千家万户, 十个方面
    reason = _date_or_byline(text, q, paragraph_start)
    if reason:
        return reason
    opening = text[paragraph_start : q.start].strip() in ("", "(", "（")
    if opening and _ENUM_CLOSE.match(text, q.end):
        return "enumerator"
    if before.endswith(("(", "（")) and re.match(r"[-\d]*[)）]", text[q.end : q.end + 8]):
        return "enumerator"
    if _MONTH_BEFORE.search(before):
        return "date"
    if _RANK_BEFORE.search(before) and q.unit is None:
        return "ordinal"  # "the top 10 firms", 第3批; but "will top 1.3 TW" is a quantity
    if q.unit is None and _HORIZON_AFTER.match(text, q.end):
        return "streak"
    if q.unit is None and q.scale == 1.0 and re.fullmatch(r"(?:19[5-9]\d|20[0-6]\d)", q.number):
        return "year"
    return None


def _unit_in_parentheses(text: str, q: Quantity, before: str) -> bool:
    scale_number = q.number.replace(",", "") in _SCALE_NUMBERS
    closed = text.startswith((")", "）"), q.tail_end)
    return bool(q.unit) and scale_number and closed and before.endswith(("(", "（"))


def _date_or_byline(text: str, q: Quantity, paragraph_start: int) -> str | None:
    """A number that is part of a numeric date or clock time, or stands in a byline or dateline ("Updated:
    March 3, 2024 19:37 | Views: 1,024", "2024-03-03 10:15 来源：")."""
    if text[q.end : q.end + 1] in _DATE_SEPARATORS or text[q.start - 1 : q.start] in _DATE_SEPARATORS:
        for m in _NUMERIC_DATE.finditer(text, max(0, q.start - 11), min(len(text), q.end + 11)):
            if m.start() <= q.start and q.end <= m.end():
                return "date"
    line_end = text.find("\n", paragraph_start, paragraph_start + 122)
    line = text[paragraph_start : line_end if line_end >= 0 else paragraph_start + 122]
    return "byline" if len(line) <= 120 and _byline(line) else None


_DATE_SEPARATORS = frozenset("-/.:")


@lru_cache(maxsize=1024)
def _byline(line: str) -> bool:
    prose = line.rstrip()[-1:] in ".。!?！？;；"
    return bool(_BYLINE_LABEL.match(line) or (not prose and _NUMERIC_DATE.search(line)))


_OPENING_QUOTES, _CLOSING_QUOTES = "「『“《〈", "」』”》〉"


def _idioms_near(text: str, q: Quantity) -> list[re.Match]:
    return list(_cues().idiom.finditer(text, max(0, q.start - 4), min(len(text), q.end + 6)))


def _inside_quotes(text: str, start: int, pos: int) -> bool:
    """Whether `pos` lies inside a quotation or title opened since `start` and not yet closed: a name."""
    depth = 0
    for ch in text[start:pos]:
        if ch in _OPENING_QUOTES:
            depth += 1
        elif ch in _CLOSING_QUOTES and depth:
            depth -= 1
    return depth > 0


@dataclass(frozen=True)
class _Cues:
    bare_after: re.Pattern  # after a bare number: a clock word, a month or a superlative
    denominator: re.Pattern
    respectively: re.Pattern
    list_join: re.Pattern
    range_join: re.Pattern
    vague: re.Pattern
    idiom: re.Pattern
    class_after: re.Pattern


def _words_pattern(words: list[str]) -> str:
    # Latin words stand alone ("per", not "super"); CJK and signs need no boundary
    parts = sorted(words, key=len, reverse=True)
    return "|".join(
        (r"(?<![A-Za-z])" if w[0].isalpha() and w.isascii() else "")
        + re.escape(w).replace(r"\ ", r"\s+")
        + (r"(?![A-Za-z])" if w[-1].isalpha() and w.isascii() else "")
        for w in parts
    )


@cache
def _cues() -> _Cues:
    words = catalog.grammar_words
    return _Cues(
        bare_after=re.compile(
            rf"(?i:\s*(?P<time>{_words_pattern(words('cues', 'clock'))}))"
            rf"|{_MONTH_AFTER.pattern}"
            rf"|(?i:\s+(?P<ordinal>{_words_pattern(words('cues', 'rank_after'))}))"
        ),
        denominator=re.compile(rf"(?:{_words_pattern(words('cues', 'denominator'))})\s*$", re.IGNORECASE),
        respectively=re.compile(_words_pattern(words("cues", "respectively")), re.IGNORECASE),
        list_join=re.compile(rf"\s*(?:{_words_pattern(words('cues', 'list_join'))})\s*", re.IGNORECASE),
        range_join=re.compile(rf"\s*(?:{_words_pattern(words('cues', 'range_join'))})\s*", re.IGNORECASE),
        vague=re.compile(rf"(?:{_words_pattern(words('cues', 'vague'))})$"),
        idiom=re.compile(_words_pattern(words("cues", "idiom"))),
        class_after=re.compile(rf"\s*(?:{_words_pattern(words('cues', 'class_after'))})", re.IGNORECASE),
    )


def count_noun(text: str, pos: int, limit: int) -> tuple[str, int]:
    """What a bare number counts: the words after it up to a function word, or a Chinese classifier."""
    m = classifier_after(text, pos, limit, lexicon())
    if m:
        # 8对区县: the classifier, then what is counted (kept for the indicator, not the unit)
        noun = re.match(r"[\u3400-\u9fff]{0,8}", text[m.end() : limit]).group()
        return m.group() + noun, m.end() + len(noun)
    words, end = [], pos
    copula = _COPULA.match(text, pos, limit)  # "of the first ten, 8 are central enterprises"
    if copula:
        end = copula.end()
    while len(words) < 4:
        m = _WORD.match(text, end, limit)
        if not m or m.group(1).lower() in _STOP_WORDS:
            break
        words.append(m.group(1))
        end = m.end()
    return (" ".join(words), end) if words else ("", pos)


_COPULA = re.compile(
    r"\s+(?:are|were)(?=\s+[A-Za-z]+(?<!ed)\b)"
)  # "are central enterprises", not "were completed"


def _apply_ranges(text: str, qs: list[Quantity]) -> dict[int, str]:
    """Bounds of ranges such as 2%-4%, 3~5 million or 3至5个; the first end borrows the second's unit (and
    what the second counts)."""
    bounds = {}
    for a, b in zip(qs, qs[1:], strict=False):
        gap = text[a.tail_end if a.unit or a.scale != 1.0 else a.end : b.start]
        if len(gap) > 4 or not _cues().range_join.fullmatch(gap) or _YEARLIKE.fullmatch(a.number):
            continue
        if gap.strip() in ("to", "到") and _FROM_BEFORE.search(text, max(0, a.start - 8), a.start):
            continue  # "from 68.5% to 55.3%": a change between two levels, not a range
        if not (a.unit or b.unit) and not _YEARLIKE.fullmatch(b.number):
            noun, _ = count_noun(text, b.tail_end if b.scale != 1.0 else b.end, min(len(text), b.end + 40))
            if noun:
                a.unit, a.count_noun, a.scale = "count", noun, a.scale if a.scale != 1.0 else b.scale
        if a.unit or b.unit:
            if a.unit is None:
                a.unit, a.scale, a.unit_raw = b.unit, b.scale, ""
            bounds[a.start], bounds[b.start] = "lower_bound", "upper_bound"
    for q in qs:
        after = text[q.end : q.end + 1]
        if q.start not in bounds and after and after in lexicon().approx_after:
            bounds[q.start] = "lower_bound"  # 300多万千瓦, 1000余家: more than the number
    return bounds


_SCALE_NUMBERS = frozenset(["10000", "100"])
_FROM_BEFORE = re.compile(r"(?:\bfrom|从|由)\s*$", re.IGNORECASE)
_YEARLIKE = re.compile(r"(?:19[5-9]\d|20[0-6]\d)")


def _distribute_lists(text: str, qs: list[Quantity], s, paragraph_start: int) -> None:
    """Members of a list written before its unit take it: "299 million, 282 million and 35.34 million
    kilowatts", "rose by 4.9, 3.1 and 0.8 percent, respectively", 分别为1130万和790万千瓦, "1.2 million,
    820,000 and 410,000 NEVs". A list is a run of numbers joined only by commas and conjunctions; it is read
    so when the sentence says "respectively" (分别), or it has three members, or every member has the scale
    of the last. A member that is no fact (a year, a rank) stays out."""
    runs: list[list[Quantity]] = []
    for q in qs:
        prev = runs[-1][-1] if runs else None
        if prev and prev.unit is None and _cues().list_join.fullmatch(text, _tail(prev), q.start):
            runs[-1].append(q)
        else:
            runs.append([q])
    cue = None
    for run in runs:
        last = run[-1]
        members = [m for m in run[:-1] if m.unit is None and not exclusion(text, m, s.start, paragraph_start)]
        if not members or exclusion(text, last, s.start, paragraph_start):
            continue
        cue = cue if cue is not None else bool(_cues().respectively.search(text, s.start, s.end))
        if not (cue or len(run) >= 3 or all(m.scale == last.scale != 1.0 for m in run)):
            continue
        unit, noun = last.unit, ""
        if unit is None:
            noun, _ = count_noun(text, _tail(last), s.end)
            unit = "count" if noun else None
        if unit is None:
            continue
        for m in members:
            if m.scale == 1.0 and last.scale != 1.0 and "," not in m.number:
                m.scale = last.scale  # "9.75 and 3.52 million kilowatts"
            m.unit, m.count_noun = unit, noun


def _tail(q: Quantity) -> int:
    """Where what is written after a number ends: its scale and unit, or the number itself."""
    return q.tail_end if q.unit or q.scale != 1.0 else q.end


def _intensity(text: str, q: Quantity, start: int) -> None:
    """Energy per output: tonnes of standard coal after "per 10,000 yuan of output value" or 万元产值
    (between the previous fact and this one) measure an intensity, not an amount."""
    if q.unit == "tce":
        m = _intensity_denominator().search(text, start, q.start)
        if m:
            q.unit = _intensity_unit()[m.group().lower()]


@cache
def _name_units() -> frozenset[str]:
    return frozenset(e["unit"] for e in catalog.grammar()["name_units"])


@cache
def _intensity_unit() -> dict[str, str]:
    return {w.lower(): e["unit"] for e in catalog.grammar()["intensity_denominators"] for w in e["words"]}


@cache
def _intensity_denominator() -> re.Pattern:
    return re.compile(_words_pattern(list(_intensity_unit())), re.IGNORECASE)


@dataclass(frozen=True)
class ReportContext:
    report_id: str
    report_year: int | None
    agency_id: str
    region_code: str = "CN"  # the province a provincial report is about; facts default to it


def extract_facts(original: str, report: ReportContext) -> list[Fact]:
    """Every numeric fact of a report, in text order. The grammar reads a normalized view of the text
    (simplified characters, ASCII digits and signs, scraper noise removed: `normalize`); every offset, the
    number, its unit and the quote are then given as written in the original."""
    v = normalize.view(original)
    facts = _extract(v.text, report)
    for f in facts:
        unit_at = v.text.find(f.unit_raw, f.char_end, f.char_end + len(f.unit_raw) + 3) if f.unit_raw else -1
        f.char_start, f.char_end = v.span(f.char_start, f.char_end)
        f.sentence_start, f.sentence_end = v.span(f.sentence_start, f.sentence_end)
        f.value_raw = original[f.char_start : f.char_end]
        f.quote = original[f.sentence_start : f.sentence_end]
        if unit_at >= 0:
            a, b = v.span(unit_at, unit_at + len(f.unit_raw))
            f.unit_raw = original[a:b]
    return facts


def _extract(text: str, report: ReportContext) -> list[Fact]:
    facts: list[Fact] = []
    sentences = structure.sentences(text)
    paragraphs = structure.paragraphs(text)
    section_agency = _section_agencies(text, sentences, report.agency_id)
    paragraph_region: dict[int, str] = {}
    all_regions = context.region_gazetteer().mentions(text, 0, len(text))
    starts = [m[0] for m in all_regions]
    for s in sentences:
        region_hits = all_regions[bisect.bisect_left(starts, s.start) : bisect.bisect_left(starts, s.end)]
        qs = find_quantities(text, s.start, s.end)
        if not qs:
            if region_hits:
                paragraph_region[s.paragraph] = region_hits[-1][2]
            continue
        bounds = _apply_ranges(text, qs)
        kept = _fact_quantities(text, qs, s, paragraphs[s.paragraph].start)
        if not kept:
            if region_hits:
                paragraph_region[s.paragraph] = region_hits[-1][2]
            continue
        phrase_hits = context.PhraseHits.of(text, s.start, s.end)  # every window lies inside the sentence
        # a quantity is not a time reference, even when it looks like a year ("2021 million kilowatts")
        refs = [
            r
            for r in context.time_refs(text, s.start, s.end, report.report_year)
            if not any(r.start < q.end and q.start < r.end for q, _ in kept)
        ]
        sentence = SentenceContext(
            text,
            s,
            report,
            phrase_hits,
            region_hits,
            refs,
            bounds,
            paragraph_region.get(s.paragraph),
            section_agency.get(s.section, report.agency_id),
        )
        prev_end = s.start
        prev_fact: Fact | None = None
        for q, noun_end in kept:
            fact = _resolve(sentence, q, prev_end, noun_end, prev_fact)
            facts.append(fact)
            prev_end, prev_fact = max(q.tail_end, noun_end), fact
        if region_hits:
            paragraph_region[s.paragraph] = region_hits[-1][2]
    return facts


_MODIFIER = re.compile(r"\w-\w")  # "15 million-kilowatt generator sets": the unit describes what is counted


def _fact_quantities(text: str, qs: list[Quantity], s, paragraph_start: int) -> list[tuple[Quantity, int]]:
    """The quantities of a sentence that are facts, each with the end of what it counts (for counts)."""
    kept: list[tuple[Quantity, int]] = []
    _distribute_lists(text, qs, s, paragraph_start)
    for q in qs:
        if kept and q.start < max(kept[-1][0].tail_end, kept[-1][1]):
            continue  # inside the unit of the previous quantity: "per 10,000 yuan of GDP", 12亿千瓦
        if exclusion(text, q, s.start, paragraph_start):
            continue
        _intensity(text, q, max(kept[-1][0].tail_end, kept[-1][1]) if kept else s.start)
        if q.unit is None and q.scale == 1.0:
            _unit_from_table(text, q)
        noun_end = q.tail_end
        # "15 million-kilowatt generator sets" count sets; "a 10-million-kilowatt base" is 10 million kW
        if q.unit and q.scale != 1.0 and _MODIFIER.search(q.unit_raw) and not text.startswith("-", q.end):
            noun, noun_end = count_noun(text, q.tail_end, s.end)
            if noun:
                q.unit, q.scale, q.count_noun = "count", 1.0, noun
                q.unit_raw = f"{q.unit_raw} {noun}"
        elif q.unit is None:
            noun, noun_end = count_noun(text, q.tail_end if q.scale != 1.0 else q.end, s.end)
            if not noun and q.scale == 1.0:
                continue  # a bare number measures nothing
            q.unit, q.count_noun = "count", noun
            q.unit_raw = (q.unit_raw + " " + noun).strip()
        if kept:
            _elided_denominator(q, kept[-1][0])
        kept.append((q, noun_end))
    return kept


def _unit_from_table(text: str, q: Quantity) -> None:
    """A bare number in a table cell takes the unit its column header or the table's caption gives:
    "Change in energy intensity (%)", "装机容量（万千瓦）", "单位：亿千瓦时"."""
    cells = _cell_units(text)
    i = bisect.bisect_right(cells, (q.start, float("inf"))) - 1
    if i >= 0 and cells[i][0] <= q.start and q.end <= cells[i][1]:
        _, _, scale, unit, raw = cells[i]
        q.scale, q.unit, q.unit_raw = scale, unit, raw


_HEADER_UNIT = re.compile(
    r"[(（]\s*(?:单位\s*[:：]\s*|unit\s*[:：]?\s*)?([^()（）]{1,16}?)\s*[)）]|(?:单位|[Uu]nit)\s*[:：]\s*(\S{1,16})"
)


@lru_cache(maxsize=4)
def _cell_units(text: str) -> list[tuple[int, int, float, str | None, str]]:
    """(start, end, scale, unit, as written) of every table cell whose header or caption names a unit."""
    out = []
    for table in structure.tables(text):
        for row in table.rows:
            for cell in row.cells:
                found = _header_unit(cell.column) or _header_unit(table.caption)
                if found:
                    out.append((cell.start, cell.end, *found))
    return sorted(out, key=lambda c: c[:2])


def _header_unit(header: str) -> tuple[float, str | None, str] | None:
    for m in _HEADER_UNIT.finditer(header):
        written = (m.group(1) or m.group(2)).strip()
        scale, unit, raw, end = read_tail(written, 0, len(written), lexicon())
        if end == len(written) and (unit or scale != 1.0):
            return scale, unit, raw
    return None


_PER = re.compile(r"\s*(?:per\b|/)", re.IGNORECASE)


def _elided_denominator(q: Quantity, prev: Quantity) -> None:
    """ "303.7 grams of standard coal per kWh, compared with 370 grams": a unit written as the numerator of
    the previous fact's unit ("grams" of "grams ... per kWh") stands for that whole unit."""
    raw = q.unit_raw.strip()
    if q.unit and raw and prev.unit and prev.unit != q.unit and prev.unit_raw.lower().startswith(raw.lower()):
        rest = prev.unit_raw[len(raw) :]
        if _PER.match(rest) or re.match(r"\s+of\b.*?(?:\bper\b|/)", rest, re.IGNORECASE):
            q.unit = prev.unit


@dataclass(frozen=True)
class SentenceContext:
    """What every fact of one sentence is resolved against."""

    text: str
    sentence: structure.Sentence
    report: ReportContext
    phrase_hits: context.PhraseHits
    region_hits: list[tuple[int, int, str]]
    time_refs: list[context.TimeRef]
    bounds: dict[int, str]
    paragraph_region: str | None
    agency: str


_STANDARD_COAL_BEFORE = re.compile(r"(?:标准煤|标煤)\s*(?:约|近|超过|超|逾|达到|达)?\s*$")


def _resolve(c: SentenceContext, q: Quantity, prev_end: int, noun_end: int, prev_fact: Fact | None) -> Fact:
    text, s, report = c.text, c.sentence, c.report
    clause_start = prev_end
    if q.unit in ("t", "kg") and _STANDARD_COAL_BEFORE.search(text, max(clause_start, q.start - 12), q.start):
        q.unit = "tce" if q.unit == "t" else q.unit  # 节约标准煤150万吨: tonnes of coal equivalent
    measure, direction = context.measure(text, q.start, q.tail_end, clause_start, q.unit)
    qualifier = c.bounds.get(q.start) or context.qualifier(text, q.start, q.tail_end, clause_start)
    if (
        prev_fact is not None
        and prev_fact.measure == "change"
        and _COORDINATED.fullmatch(text, prev_end, q.start)
    ):
        measure, direction = "change", prev_fact.direction  # "up 33.9% and 37.8% year-on-year"
    year, year_flag = context.year_for(c.time_refs, q.start, q.end, report.report_year)
    if year and report.report_year and year > report.report_year:
        measure, direction = "target", ""  # a figure for a year still to come is a target
    value, unit = None, q.unit
    if q.value is not None:
        value, unit = units.to_canonical(q.value * q.scale, q.unit)
    elif q.unit in units.unit_table():
        unit = units.unit_table()[q.unit].canonical_unit
    indicator = _indicator(c, q, unit, measure, prev_end, noun_end, prev_fact)
    flags = list(q.flags) + ([year_flag] if year_flag else [])
    name = ""
    if indicator is None:
        indicator, name = _derived_indicator(text, q, s.start, clause_start)
        flags.append("derived_indicator")
    return Fact(
        report_id=report.report_id,
        char_start=q.start,
        char_end=q.end,
        value_raw=q.number,
        unit_raw=q.unit_raw,
        value=value,
        unit=unit,
        measure=measure,
        direction=direction,
        qualifier=qualifier,
        year=year,
        region_code=context.region_for(
            text, c.region_hits, s.start, q.start, c.paragraph_region, report.region_code
        ),
        agency_id=c.agency,
        indicator_id=indicator,
        indicator_name=name,
        quote=text[s.start : s.end],
        sentence_start=s.start,
        sentence_end=s.end,
        flags=flags,
    )


def _indicator(c, q, unit, measure, prev_end, noun_end, prev_fact) -> str | None:
    """The catalog indicator of a fact. A relative change or a percentage-point change right after another
    fact describes that fact's indicator ("reached 2.5 trillion kWh, a year-on-year increase of 45.8%";
    "accounting for 35.2%, up 4.8 percentage points") unless the words between name one of their own."""
    windows = _windows(c, q, prev_end, noun_end)
    relative = (measure == "change" and unit in ("percent", "times")) or unit == "percentage_point"
    if relative and prev_fact is not None:
        own = context.indicator_for(c.phrase_hits, windows[:1], q.unit, measure, fallback=False)
        return own or prev_fact.indicator_id
    return context.indicator_for(c.phrase_hits, windows, q.unit, measure)


_COORDINATED = re.compile(r"\s*(?:and|or|,|、|和|及)\s*")
_NEXT_NUMBER = re.compile(r"\d|<>")
_OF_AFTER = re.compile(r"\s+of\b")


def _windows(c: SentenceContext, q: Quantity, prev_end: int, noun_end: int) -> list[tuple[int, int]]:
    """Stretches of the sentence that may name what a quantity measures, the most telling first: the
    clause before the number, the words since the previous fact, the whole sentence before it, and the
    clause after it ("6 million kilowatts of conventional hydropower")."""
    text, s = c.text, c.sentence
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, prev_end, q.start)]
    clause_after = _CLAUSE_BREAK.search(text, q.tail_end, s.end)
    after = (q.tail_end, clause_after.start() if clause_after else s.end)
    windows = [(breaks[-1], q.start)] if breaks else []
    if _OF_AFTER.match(text, q.tail_end):
        windows.append(after)  # "12.6 million square meters of existing buildings were retrofitted"
    windows += [(prev_end, q.start), (s.start, q.start), after]
    if q.unit == "count" and q.count_noun:
        # what is counted follows the number ("41 batches of energy efficiency labelling catalogs"); a
        # generic noun ("398 units completed") leaves it to the words before
        clause = _CLAUSE_BREAK.search(text, noun_end, s.end)
        next_number = _NEXT_NUMBER.search(
            text, noun_end, s.end
        )  # "104 green parks and 205 supply chain firms"
        end = min(
            clause.start() if clause else s.end, next_number.start() if next_number else s.end, noun_end + 60
        )
        counted = [(q.end, end)]
        generic = q.count_noun.split()[0].lower() in catalog.generic_count_nouns()
        windows = counted + windows[:-1] if generic else counted
    return windows


_CJK_WORD = re.compile(r"[\u3400-\u9fff]")
_CN_TRAILING = re.compile(r"(?:力争|达到|累计|超过|达|为|约|近|超|逾|共|了|是)+$")


def _derived_indicator(text: str, q: Quantity, sentence_start: int, clause_start: int) -> tuple[str, str]:
    """A readable indicator for a fact the catalog does not cover: what is counted, or the words before."""
    words = q.count_noun.split() if q.count_noun else []
    if not words:
        before = re.findall(r"[A-Za-z]+|[\u3400-\u9fff]+", text[max(clause_start, q.start - 80) : q.start])
        words = [w for w in before if w.lower() not in _STOP_WORDS][-3:]
        if words and _CJK_WORD.match(words[-1]):
            # 全省森林蓄积量力争达到: the noun phrase, without the verb that leads to the number
            words = [(_CN_TRAILING.sub("", words[-1]) or words[-1])[-8:]]
    name = " ".join(words).lower() or "unnamed quantity"
    slug = re.sub(r"[^a-z0-9\u3400-\u9fff]+", "_", name).strip("_") or "unnamed"
    return f"derived_{slug}", name


def _section_agencies(text: str, sentences, default: str) -> dict[int, str]:
    """The reporting agency of each top-level section: the first agency named in its heading or its first
    body sentence; sections that name none keep the report's agency."""
    mentions = context.agency_gazetteer().mentions(text, 0, len(text))
    starts = [m[0] for m in mentions]
    out: dict[int, str] = {}
    seen_body: set[int] = set()
    for s in sentences:
        if s.section in out or s.section in seen_body or s.section == 0:
            continue
        i = bisect.bisect_left(starts, s.start)
        if i < len(mentions) and mentions[i][1] <= s.end:
            out[s.section] = mentions[i][2]
        elif not s.heading:
            seen_body.add(s.section)
    return out


def infer_report_year(text: str) -> int | None:
    """The year a report speaks from: the latest year it names as a time of past or present events
    ("in 2022", "as of September 2022", "2022年"), never a target ("by 2030"), a range or a name."""
    pattern = re.compile(
        rf"(?:\b(?:[Ii]n|of|[Ss]ince|[Dd]uring|{context.MONTHS})\s+((?:19[5-9]|20[0-9])\d)(?![\d.,]\d|th|\s*[-–~至到])"
        r"|(?<!\d)(?<!\d[.,])(?<!到)(?<!至)(?<!到\s)((?:19[5-9]|20[0-9])\d)年(?!代))"
    )
    years = [int(m.group(1) or m.group(2)) for m in pattern.finditer(text)]
    return max(years) if years else None


def infer_agency(text: str) -> str:
    """The publishing agency when the sidecar names none: the agency that reports in the first lines."""
    head = text[:3000]
    verbs = re.compile(r"\b(?:summari[sz]ed|released|reported|published|issued the|announced)\b|发布|总结")
    hits = context.agency_gazetteer().mentions(head, 0, len(head))
    for _start, end, agency in hits:
        if verbs.search(head, end, end + 40):
            return agency
    return hits[0][2] if hits else "unknown"
