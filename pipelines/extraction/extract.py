"""Extraction of numeric facts from a report's text.

``extract_facts(text, report)`` walks the sentences, reads every quantity with the grammar of
``quantities``, drops what is not a fact (years, enumerators, ordinals, names, streaks, bare numbers),
and resolves each fact's unit, measure, qualifier, year, region, agency and indicator. Facts whose number
was lost keep their span and a `placeholder` flag: the contract rules decide what is published.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from dataclasses import asdict, dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

from pipelines import catalog, units
from pipelines.extraction import context
from pipelines.extraction.quantities import (
    POWER_SCALE,
    Quantity,
    classifier_after,
    find_quantities,
    lexicon,
    metric_tonnes,
    per_ten_thousand_yuan,
    power_scale,
    read_tail,
    small_count,
)
from pipelines.extraction.scan import FOLDED_TO_LATIN, Gate, may_hold
from pipelines.reading import normalize, structure

# paths under pipelines/: the reading and extraction packages and the catalogs they read
# (the reading of a report's year, place and publisher decides what its facts get, so it counts too)
_EXTRACTOR_SOURCES = (
    "reading",
    "extraction",
    "units.py",
    "catalog",
    "sources/reports.py",
    "sources/sidecar.py",
)


@cache
def extractor_version() -> str:
    """A fingerprint of the extraction code and the catalogs it reads: when it changes, every report is
    extracted again; when it does not, no report is."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for name in _EXTRACTOR_SOURCES:
        for path in sorted((root / name).rglob("*")) if (root / name).is_dir() else [root / name]:
            # the example corpus checks the extractor but is not part of it
            if (
                path.is_file()
                and path.suffix in (".py", ".yaml", ".txt", ".tsv")
                and "corpus" not in path.parts
            ):
                h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


_STOP_WORDS = frozenset(
    [
        "s",  # what is left of a possessive: "the sector's total profit"
        "they",
        "versus",
        "but",
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
_MONTH_ABBREVIATIONS = structure.MONTH_ABBREVIATIONS
_NAME_BEFORE = re.compile(
    r"(?:\bNo\.?|\bNumber|#|\bNos\.?|\bversion|\bPhase|\bTable|\bFigure|\bFig\.|\bChart|\bAnnex|\bAppendix"
    r"|\bArticle|\bChapter|\bSection|\bBox|\bScope|\bSession|\bLot|\bGRI|\bSDGs?|\bCategory|\bRows?|\bTier"
    # (a plot, a berth or a block named by its number, capitalised: "Block 4 project", not "building 40 stations")
    r"|(?-i:\b(?:Block|Plot|Parcel|Berth|Pier|Zone|Building|Tower|Hall|Well|Shaft|Pit))"
    r"|(?:^|(?<=[\s，。；：、]))(?:附表|附件|表|图)"
    # a telephone number: "hotline 12398", 查询热线：2808 3465, "Tel: 010-6359 8000"
    r"|\b(?:hotline|tel|telephone|phone|fax)\.?\s*(?:number\s*)?[:：]?|热线\s*[:：]?|电话\s*[:：]?|传真\s*[:：]?)\s*"
    r"(?:\d{1,3}[-–.])?$",  # ... and the second part of "Table 3-1", 表2.1
    re.IGNORECASE,
)
_VERSION_AFTER = re.compile(r"\s?版(?![图面块])")
# a metro or transmission line, a generating unit, named by its number ("Line 9", "Lines 1 and 2", "Unit 3")
_OPEN_BRACKET_BEFORE = re.compile(r"[(（]\s*$")
_CLOSE_BRACKET_AFTER = re.compile(r"\s*[)）]")
_NUMBERED_LINE_BEFORE = re.compile(r"\b(?:Lines?|Units?)\s+(?:\d{1,2}\s*(?:,|and|&)\s*)*$")
# opens where a word that names a numbered thing begins (`_NAME_BEFORE` begins with one of them)
_NAME_GATE = Gate(
    ["No", "Number", "#", "Nos", "version", "Phase", "Table", "Figure", "Fig", "Chart", "Annex", "Appendix"]
    + [
        "Article",
        "Chapter",
        "Section",
        "Box",
        "Scope",
        "Session",
        "Lot",
        "GRI",
        "SDG",
        "Category",
        "Row",
        "Tier",
    ]
    + [
        "Block",
        "Plot",
        "Parcel",
        "Berth",
        "Pier",
        "Zone",
        "Building",
        "Tower",
        "Hall",
        "Well",
        "Shaft",
        "Pit",
    ]
    + ["附表", "附件", "表", "图"]
    + ["hotline", "tel", "telephone", "phone", "fax", "热线", "电话", "传真"]
)
# a stock index named by its number of members: "CSI 300", "FTSE China 50", "MSCI China A 50 Connect"
_INDEX_NAME_BEFORE = re.compile(
    r"\b(?:CSI|SSE|SZSE|FTSE|MSCI|HSI|Hang\s+Seng|S&P|STOXX|Nikkei|ChiNext|KOSPI)(?:\s+[A-Z][\w&-]*){0,3}\s+$"
)
_INDEX_GATE = Gate(
    ["CSI", "SSE", "SZSE", "FTSE", "MSCI", "HSI", "Hang", "S&P", "STOXX", "Nikkei", "ChiNext", "KOSPI"]
)
_RATE_BEFORE = re.compile(
    r"[(（]\s*(?:US\$|\$|€|¥|USD|EUR)?\s*1\s*(?:[A-Za-z]{0,4}\s*)?=\s*(?:US\$|\$|€|¥)?\s*$"
)
_RATE_AFTER = re.compile(
    r"\s*(?:[A-Za-z]{0,4}\s*)?=\s*(?:US\$|\$|€|¥)?\s*\d[\d.,]*\s*[A-Za-z\u4e00-\u9fff ]{0,16}[)）]"
)
_FOREIGN_CURRENCIES = ("美元", "欧元", "港元", "港币", "英镑", "日元")
# a note of the rate a story converts with: "（注：文中1美元约合7.12元人民币）"
_CN_RATE = re.compile(
    r"1\s*(?:美元|欧元|港元|港币|英镑|日元)\s*(?:约合|折合|兑换|兑|合|约|=)+\s*(?:人民币)?\s*\d[\d.]*\s*元?(?:人民币)?"
)
# "86 Xichang'an Avenue": a street number
_STREET_AFTER = re.compile(
    r"\s+(?:[A-Z][\w'-]*\s+){1,3}(?:Avenue|Ave|Road|Rd|Street|St|Boulevard|Blvd|Lane|Ln|Lu|Jie|Dajie)\b\.?"
)
_RANK_BEFORE = re.compile(r"(?:\b(?:first|top|last|bottom)\s+|第\s*)$", re.IGNORECASE)  # "the top 10", 第3批
# "the first 30 stations opened": the first few of a kind are counted (not "the first 10 months")
_FIRST_FEW = re.compile(r"\b(?i:the\s+(?:first|last))\s+$")
_FIRST_TO_DO_AFTER = re.compile(
    r"\s*(?i:days?|weeks?|months?|quarters?|years?|batch(?:es)?|rounds?|phases?)\b"
    r"|\s+[a-z-]+(?:\s+[a-z-]+)?\s+to\s+[a-z]"
)
_MONTH_BEFORE = re.compile(
    rf"\b(?:{context.MONTHS}|{_MONTH_ABBREVIATIONS})\.?[ \u00a0]{{1,2}}$"
)  # (a tab: a row label)
# "12 Nov 2024 | Autos", "3 March": a day before its month (capitalised: "10 may rise" is no date)
_MONTH_AFTER = re.compile(
    rf"[ \u00a0]*(?P<date>{context.MONTHS}|{_MONTH_ABBREVIATIONS}|JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)\b\.?"
)  # ("14 NOV | NEA: …": a newsletter's item dated in capitals)
# 2024-03-03, 2024/3/3, 03.03.2024, and the parts of a clock time 19:37
_NUMERIC_DATE = re.compile(
    r"\d{4}([-/.])\d{1,2}\1\d{1,2}(?!\d)|(?<!\d)\d{1,2}([-/.])\d{1,2}\2\d{4}|(?<!\d)\d{1,2}:\d{2}(?!\d)"
)
# a byline or dateline: a short line that holds a clock time or a numeric date, or opens with its label
_BYLINE_LABEL = structure.BYLINE_LABEL
# (on the number's own line: a table's next row may open with 天然气)
_HORIZON_AFTER = re.compile(
    r"[ \t]*(?:(?:-|~|～|to|至|到)[ \t]*[\d<>]+[ \t]*)?(?:consecutive\b|years?\b|yrs?\b|months?\b|weeks?\b|days?\b|cycles?\b"
    r"|rounds?\b|年|个月|天(?!然)|周)",
    re.IGNORECASE,
)
_AT_HEIGHT = re.compile(r"\s?-?(?i:m|metres?|meters?)\s+(?i:hub\s+)?(?i:height|above\s+ground)\b")
_PLUS_MINUS_BEFORE = re.compile(r"[±]\s*$")  # ±800 kV, ±800千伏: the voltage class in a line's name
# what may stand before a number that opens its paragraph: spaces and one bracket, "(3) ..." (a regex, not
# a slice: the test then stops at the first other character, however long the paragraph)
_OPENING = re.compile(r"\s*[(（]?\s*")
_SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){1,3}\.?")
_SECTION_AFTER = re.compile(r"[ \t]+(?=[A-Z\u4e00-\u9fff])")


def _section_number(text: str, q, paragraph_start: int) -> bool:
    """A bare number like 3.1 opening a paragraph, then a word: the number of a section."""
    if q.unit is not None or q.scale != 1.0 or not _OPENING.fullmatch(text, paragraph_start, q.start):
        return False
    after = _SECTION_AFTER.match(text, q.end)
    if not after:
        return False
    if _SECTION_NUMBER.fullmatch(text, q.start, q.end):
        return True
    # "1 Summary", "4 Assurance": a heading's whole number, on a short line with no other figure
    line_end = text.find("\n", q.end)
    line = text[q.end : line_end if line_end != -1 else len(text)]
    return (
        bool(_HEADING_NUMBER.fullmatch(text, q.start, q.end))
        and len(line) <= 60
        and not re.search(r"\d", line)
        and not line.rstrip().endswith((".", "。", ";", "；", ":", "："))
    )


_HEADING_NUMBER = re.compile(r"[1-9]\d?")
# a disclosure's code opening a line of an index, then its title: " 302-1  Energy consumption", "2-7 员工"
_DISCLOSURE_CODE = re.compile(r"[ \t]*\d{1,3}-\d{1,2}(?: {2,}|\t)(?=[A-Za-z\u4e00-\u9fff])")


def _disclosure_code(text: str, q) -> bool:
    line_start = structure.line_start(text, q.start)
    if q.start - line_start > 8:
        return False
    code = _DISCLOSURE_CODE.match(text, line_start)
    return code is not None and q.end <= code.end()


_POST_COUNTER_BEFORE = re.compile(
    r"(?:^|[\s|｜·])(?:阅读?|浏览|点赞|在看|评论|转发|收藏|分享|(?i:views?|likes?|shares?|comments?|reads?))\s*[:：]?\s*$"
)


# "完成年度计划的", "分别完成年度目标的78.4%、85.1%": the share of a plan done so far (not "力争完成…"); a rate of
# a goal met ("年度目标完成率103.5%", "为年度目标的108.3%", "the target achievement rate was 121%")
_SHARE_OF_PLAN_DONE = re.compile(
    r"(?:(?<!力争)(?<!确保)(?<!争取)完成[^，。；,;]{0,10}?(?:计划|目标|任务)的(?:[\d.]+%[、，和及])*"
    r"|(?:完成率|达成率|完成度|完成比例|执行率|完成进度|(?<![将要])[为占](?:年度|全年)?(?:目标|计划|任务)的)"
    r"\s*(?:为|达|达到|是)?\s*"
    r"|(?i:\b(?:completion|achievement|attainment)\s+rate\s+(?:was|is|of|stood\s+at|reached|at)?\s*))$"
)


# a verb that sets a goal ("力争目标完成率达到100%": a completion rate to reach)
_GOAL_VERB = re.compile(r"力争|确保|争取|(?i:\b(?:aims?|aiming|strives?|will|plans?\s+to|seeks?)\b)")
# a goal named in a clause ("the target of adding …", 新增…的目标), and what a span of years is when it is not
# a goal's: a run since a start or an average over the years
_GOAL_NOUN = re.compile(r"(?i:\b(?:target|goal)s?\b)|目标")
_RUN_OR_AVERAGE = re.compile(r"(?i:\bsince\b|\baverage\b)|以来|年均")


# where a clause ends: punctuation, an opening bracket, a comma that is no thousands separator
_CLAUSE_BREAK_MARK = re.compile(r"[，；;。！？!?\n（(]|,(?!\d{3}(?!\d))")


def _last_clause_break(text: str, start: int, end: int) -> int | None:
    """The offset right after the last clause break in text[start:end], if any."""
    ends = [m.end() for m in _CLAUSE_BREAK_MARK.finditer(text, start, end)]
    return ends[-1] if ends else None


def _goal_spans(c, q) -> list:
    """The spans of years before a percent in its clause that are the span of the goal it measures the
    progress of ("the target of adding 40 GW during the 14th Five-Year Plan period has been 53% completed",
    “十四五”期间新增…的目标已完成53%): how much of a goal is done is of the time that is said, not of the
    goal's years. Not a run since a start ("十四五以来累计完成…的61%"), nor an average."""
    text = c.text
    clause_start = _last_clause_break(text, max(0, q.start - 160), q.start) or max(0, q.start - 160)
    spans = [
        r
        for r in c.time_refs
        if r.kind == "multi"
        and not r.base
        and clause_start <= r.start
        and r.end <= q.start
        and not _RUN_OR_AVERAGE.search(text, r.start, r.end)
    ]
    return spans if spans and _GOAL_NOUN.search(text, clause_start, q.start) else []


def _completes_a_goal(text: str, q, indicator: str | None, clause_start: int) -> bool:
    """A percent that says how much of a goal was met: the catalog's completion indicator, completion words
    in its clause or right after it, or a column headed 完成率."""
    if indicator == "target_completion_share":
        return True
    near = (max(clause_start, q.start - 30), min(len(text), q.tail_end + 20))
    if context.cue_search("goal_completion", text, *near):
        return True
    column = context.simplified(_column_header(text, q))
    return bool(column) and (
        bool(context.cue_search("goal_completion", column, 0, len(column)))
        or bool(_COMPLETION_COLUMN.match(column))
    )


# a column of how much of a plan was done: "Completion", "Achievement (%)", "% of plan"
_COMPLETION_COLUMN = re.compile(r"\s*(?i:completion|achievement|attainment|%\s*of\s+(?:plan|target|goal))\b")


def _short_line(text: str, q) -> bool:
    """Whether the number stands on a line of at most 40 characters (a post's footer, not prose)."""
    start = structure.line_start(text, q.start)
    end = text.find("\n", q.end)
    return (end if end != -1 else len(text)) - start <= 40


def _footnote_number(text: str, q, paragraph_start: int) -> bool:
    """The mark that opens a footnote under the rule a page draws above its footnotes."""
    if q.start != paragraph_start or not _HEADING_NUMBER.fullmatch(text, q.start, q.end):
        return False
    if not _SECTION_AFTER.match(text, q.end):
        return False
    above = text.rfind("\n", 0, max(0, paragraph_start - 1))
    return bool(_FOOTNOTE_RULE.fullmatch(text[above + 1 : paragraph_start].strip()))


_FOOTNOTE_RULE = re.compile(r"[_＿]{5,}|[-—]{10,}")
_DOCUMENT_PART_BEFORE = re.compile(
    r"\b(?i:slide|page|p\.|pp\.|section|chapter|annex|appendix|exhibit|figure|fig\.|table)\s*$"
)


_ENUM_CLOSE = re.compile(r"\s*(?:[)）]|[.、](?=\s))")
# (not the comma that groups a number's digits: "per 10,000 yuan of GDP" is one phrase)
# (an abbreviation in brackets, "(GDP)", "(NEVs)", does not break a clause)
# Written as one character of the class first, then which one it was and the test around it: the matches
# of  (?<!\d),|,(?!\d{3}(?!\d))|[;:，；：、（）]|\((?![A-Z][A-Za-z]{0,7}\))|(?<![A-Za-z])\)  (each one
# character, the same tests before and after it), but a pattern that opens with a class lets the engine
# skip in C to the next of those characters instead of trying five alternatives at every position.
_CLAUSE_BREAK = re.compile(
    r"[,;:，；：、（）()](?:(?<=[;:，；：、（）])|(?<=,)(?<!\d,)|(?<=,)(?!\d{3}(?!\d))"
    r"|(?<=\()(?![A-Z][A-Za-z]{0,7}\))|(?<=\))(?<![A-Za-z]\)))"
)


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
    period: str  # part of the year (H1, Q1-Q3, M01-M07, end of June); empty for a whole year
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


_UNIT_RANGE = re.compile(r"\d\s*[A-Za-z]{1,6}-$")


_EQUALS_A_NUMBER = re.compile(r"[ \t]*=[ \t]*\d")
_A_NUMBER_EQUALS = re.compile(r"\d[^\d=]{0,8}=[ \t]*$")
# "1个绿证单位对应1000千瓦时": one of a unit is so much of another
_ONE_CORRESPONDS = re.compile(
    r"(?<!\d)1\s*(?:个|张|吨|份|单位)?[\u3400-\u9fff]{0,8}(?:对应|折合为?|等于)\s*$"
)
# a note that totals may not add up: "合计不等于100%", "總和未必等於100%", "may not add up to 100%"
_ROUNDING_NOTE_BEFORE = re.compile(
    r"(?:不等于|未必等于|不一定等于|不完全等于|(?i:not\s+(?:add|sum)\s+up\s+to|not\s+total))\s*$"
)
# "注：1.数据来源…；2.1个绿证…": the next item's number glued to a figure
_NOTE_ITEMS = re.compile(r"(?:注|註|附注|(?i:notes?))\s*[:：]?\s*1\s*[.．、]")


# letters glued to digits and then a hyphen or a slash (WD200-, MySE8.5-), or letters, a hyphen, digits
# and a slash (EN-220/)
_TICKER_AFTER = re.compile(r"[ .](?:CH|HK|SH|SZ|SS|BJ|CN|US|LN|JP|TT|KS|SP)(?![A-Za-z])")
_MODEL_CODE_BEFORE = re.compile(r"(?<![\w.$])(?:[A-Za-z]{1,6}\d[\w.]*[-/]|[A-Za-z]{2,6}-\d[\w.]*/)$")


# a printed page's number as a running head or foot carries it: ・287・, "- 12 -", 第 2 页 / 共 18 页, "Page 3 of 18"
def _table_of_contents(view: str) -> list[tuple[int, int]]:
    """The spans of a text's tables of contents: the lines under a "Contents" (目录) heading that end in a
    page number, up to the first line that does not."""
    spans = []
    for m in _CONTENTS_HEADING.finditer(view):
        end = m.end()
        for line in _LINE.finditer(view, m.end() + 1):
            if line.start() == line.end():
                continue  # (the empty match at each line's end)
            if not line.group().strip():
                if end > m.end():
                    break
                continue  # (a blank line under the heading)
            if not _CONTENTS_ENTRY.fullmatch(line.group()):
                break
            end = line.end()
        if end > m.end():
            spans.append((m.start(), end))
    return spans


_CONTENTS_HEADING = re.compile(
    r"^[ \t]*(?:(?i:contents|table\s+of\s+contents)|目\s*录|目\s*錄)[ \t]*$", re.MULTILINE
)
_LINE = re.compile(r"[^\n]*")
# an entry: its words, then leader dots or a wide space, then its page number
_CONTENTS_ENTRY = re.compile(r"[^\n]*?\S(?:\s*(?:\.{3,}|…{2,}|·{3,})\s*|[ \t\u3000]{2,})\d{1,3}[ \t]*")
_RUNNING_HEAD = re.compile(
    r"[・·•]\s*\d{1,4}\s*[・·•]|第\s*\d{1,4}\s*页\s*[/／]\s*共\s*\d{1,4}\s*页|(?i:\bpage\s+\d{1,4}\s+of\s+\d{1,4}\b)"
)
_DAYS_COUNTED_BEFORE = re.compile(r"天数[^。；;]{0,16}$|(?i:\bdays\b[^,.;\d]{0,20})$")


def _heading_places(view: str, places: dict[int, str], rank: int, mentions, starts, s) -> dict[int, str]:
    """The places the headings over the next sentences name: a heading ends the sections of its rank and
    below, and one that names a single place (二、广东省, "Karot Hydropower Project, Pakistan") gives it
    to the figures of its section that name none. A line that dates or signs the text ("2024-05-14 |
    Shanghai | Markets"), a caption that reads as a clause (【画面】江苏…，字幕：…) or a long line is no
    such heading."""
    kept = {r: p for r, p in places.items() if r < rank}
    line = view[s.start : s.end].strip()
    if (
        len(line) > _PLACE_HEADING_MAX
        or _NOT_A_PLACE_HEADING.search(line)
        or structure.is_dateline(line)
        or _AMOUNT_IN_LINE.search(line)
    ):
        return kept
    named = {m[2] for m in mentions[bisect.bisect_left(starts, s.start) : bisect.bisect_left(starts, s.end)]}
    if len(named) == 1:
        kept[rank] = named.pop()
    return kept


_PLACE_HEADING_MAX = 60  # characters
# an amount with its unit: a line that states one is a wrapped line of prose ("(Sichuan) shipped 61.3kt of
# SC5.5 concentrate"), no title of a section
_AMOUNT_IN_LINE = re.compile(
    r"(?<![\d.])\d+(?:[.,]\d+)*\s*(?:%|kt\b|Mt\b|[kMGT]Wh?\b|t\b|m3\b|万|亿|吨|千瓦)"
)
_NOT_A_PLACE_HEADING = re.compile(r"[，：；:;|]|(?:19|20)\d\d\s*[-/.]\s*\d")


def _place_run_on(view: str, s, facts: list) -> str | None:
    """The place of the last figure of the clause before, when a sentence runs on from it after a semicolon
    ("…全港…约1.5万辆；今年首11个月新登记…5,812辆"): one sentence, set apart for its length."""
    before = view[max(0, s.start - 2) : s.start].rstrip()
    if not facts or not before.endswith(("；", ";")) or facts[-1].char_start < view.rfind("\n", 0, s.start):
        return None
    return facts[-1].region_code


def _lead_place(view: str, para, mentions, starts) -> str | None:
    """The one place the lead of a paragraph names before its colon ("Jixi (Anhui): Excavation … is
    complete. Cumulative concrete placement reached 1.12 million m3"): the paragraph's figures are its."""
    lead = _PARAGRAPH_LEAD.match(view, para.start, para.end)
    if lead is None:
        return None
    within = mentions[bisect.bisect_left(starts, lead.start()) : bisect.bisect_left(starts, lead.end())]
    bracket = _BRACKETED_PLACE.search(view, lead.start(), lead.end())
    if bracket is not None:  # "Jixi (Anhui)": the province in brackets says which Jixi
        within = [m for m in within if bracket.start() <= m[0] < bracket.end()]
    named = {m[2] for m in within}
    return named.pop() if len(named) == 1 else None


_BRACKETED_PLACE = re.compile(r"[(（][^()（）]{2,30}[)）]\s*[:：]$")
_PARAGRAPH_LEAD = re.compile(r"\s*[^:：\n\d。，,.;；]{2,40}?[:：]")


def _section_place(places: dict[int, str]) -> str | None:
    """The place of the innermost heading that names one."""
    return places[max(places)] if places else None


def _record_region(view: str, s, places, starts, current: str | None) -> str | None:
    """The place of the record a sentence belongs to, in a listing of records whose location is a field of
    its own ("Location 所在地: Hainan 海南省 / Haikou 海口市", 项目地点：…): set by that field, kept for the
    record's other fields, ended by a blank line or the next record."""
    line_start = view.rfind("\n", 0, s.start) + 1
    if current is not None and (
        view.rfind("\n\n", 0, s.start + 1) >= line_start - 2 or _RECORD_START.match(view, line_start)
    ):
        current = None
    field = _LOCATION_FIELD.match(view, line_start)
    if field is None:
        return current
    line_end = view.find("\n", field.end())
    inside = places[
        bisect.bisect_left(starts, field.end()) : bisect.bisect_left(
            starts, line_end if line_end != -1 else len(view)
        )
    ]
    return inside[0][2] if inside else current


_YEAR_BEFORE_DASH = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[-–/]\s*$")
_CONFIDENCE_AFTER = re.compile(r"\s*(?i:confidence|credible|prediction)\s+(?i:interval|level|band)")
_SCOPES_BEFORE = re.compile(r"\b(?i:scopes?)\s+\d\s*(?:and|&|,|\+|/)\s*$")
_PAGINATION = re.compile(
    r"[\s<>«»|]*(?:(?i:prev(?:ious)?|first)\s*)?(?:\d{1,3}\s+)*\d{1,3}\s*(?:(?i:next|last)\s*)?[>»]?"
    r"(?:\s*(?i:page)\s*\d{1,3}\s*/\s*\d{1,3})?\s*"
)


def _pagination(text: str, q: Quantity, paragraph_start: int) -> bool:
    """Whether a number is one of a web page's page links ("< Prev  1  2  3  Next >", "Page 1 / 3")."""
    # (a line longer than 80 characters is none: it is read no further, however long it runs on)
    end = text.find("\n", paragraph_start, paragraph_start + 81)
    line = text[paragraph_start : end if end != -1 else paragraph_start + 81]
    return (
        len(line) <= 80
        and bool(re.search(r"(?i:prev|next|page)", line))
        and bool(_PAGINATION.fullmatch(line))
    )


def _in_name_field(text: str, at: int) -> bool:
    """Whether a number stands on a record's line that gives a name ("Project name 项目名称: …")."""
    line_start = structure.line_start(text, at)
    field = _NAME_FIELD.match(text, line_start, at)
    return field is not None and "\n" not in text[field.end() : at]


_NAME_FIELD = re.compile(
    r"[ \t]*(?:(?i:(?:project|station|plant|company|enterprise)\s+)?(?i:name)|项目名称|电站名称|企业名称|单位名称|名称)"
    r"[^:：\n\d]{0,12}[:：]"
)
_LOCATION_FIELD = re.compile(
    # (a field of a fact sheet, or the first cell of a row between bars: "| Location | Hekou County, Yunnan |")
    r"[ \t]*\|?[ \t]*(?:(?i:(?:project|manufacturing|production|plant|factory|facility)\s+)?(?i:location|site|address)"
    r"|(?i:province|country)|所在地|项目地点|地点|所在省份|省份|项目所在地|生产地址|生产地点|生产基地|工厂地址|厂址"
    r"|国别|所在国|国家)[^:：\n.…|]{0,12}(?:[:：|]|\.{3,}|…+)"  # (a label, then a colon, a bar or a leader)
)
_RECORD_START = re.compile(
    r"[ \t]*(?:\[\d{1,4}\]|#\s*\d{1,4}\b|(?i:record|项目)\s*\d{1,4}\s*[:：.]|[■□◆●▶►]\s*\d{1,4}\b)|[ \t]*-{5,}"
)
_NOTE_MARK_BEFORE = re.compile(r"(?<![\n：:])(?:注|註|(?i:note))$")
_HOTLINE_AFTER = re.compile(r"\s*(?:[A-Za-z-]+\s+){0,2}(?i:hotline|help\s*line)\b|[\u3400-\u9fff]{0,4}热线")
_UNIT_NOTE_BEFORE = re.compile(r"(?:单位|單位)\s*(?:[:：]|为|是)\s*$")


_ZERO_PADDED = re.compile(r"0\d+")
_DAY_OR_YEAR = re.compile(r"0?[1-9]|[12]\d|3[01]|(?:19|20)\d\d")
_READING_TIME_BEFORE = re.compile(
    r"(?i:reading\s+time|read\s+time|min(?:ute)?s?\s+read)\s*[:：]?\s*$|(?:阅读|本期|节目|视频|音频)(?:时间|时长)\s*[:：]?\s*$"
)
# "Your weekly 5-minute read": how long the page takes to read
_READING_TIME_AFTER = re.compile(r"[ -]?(?i:min(?:ute)?s?)[ -]+(?i:read)\b")
_OMITTED_AFTER = re.compile(
    r"\s*(?:项|个|条|行|家|座)?\s*(?:乡镇市|乡镇|县市区|县市|市县|区县|省市|城市|企业|单位)?\s*"  # (其余28乡镇市略)
    r"(?:从略|省略|未列出|未列|略(?![有微高低增降减升多少为显呈]))"  # (略有下降: slightly)
)
_OMITTED_ROWS_AFTER = re.compile(
    r"\s+(?:more\s+)?(?i:rows?|lines?|entries|items|projects|provinces|cities|counties|companies|plants)\s+"
    r"(?i:omitted|not\s+shown|not\s+listed|hidden)"
)


def _note_item_number(text: str, q: Quantity) -> bool:
    """A number that opens the next item of a numbered note ("注：1.…；2.1个绿证单位…"): its integer part
    is the item's number, glued by the item's dot to the figure that follows."""
    whole, dot, _ = q.number.partition(".")
    if (
        not dot
        or not whole.isdigit()
        or int(whole) < 2
        or text[q.start - 1 : q.start] not in ("；", ";", "。")
    ):
        return False
    line_start = structure.line_start(text, q.start)
    return bool(_NOTE_ITEMS.match(text, line_start))


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
        if _ZERO_PADDED.fullmatch(q.number):
            return "code"  # "■ 01  Cauchari Solar Park": a serial written to a width counts nothing
    if _ORDINAL.match(after) or after.startswith("-Year"):
        return "ordinal"
    if q.unit is None and after[1:2].isupper() and _STREET_AFTER.match(text, q.end):
        return "address"
    if ("=" in before or "=" in text[q.tail_end : q.tail_end + 8]) and (
        _RATE_BEFORE.search(before) or _RATE_AFTER.match(text, q.tail_end)
    ):
        return "exchange_rate"  # "($1 = 7.1650 yuan)": the rate a story converts with, not a fact
    near = text[max(0, q.start - 16) : q.end + 24]
    if any(c in near for c in _FOREIGN_CURRENCIES) and any(
        m.start() <= q.start < m.end() for m in _CN_RATE.finditer(text, max(0, q.start - 16), q.end + 24)
    ):
        return "exchange_rate"
    if q.unit is not None and (
        _EQUALS_A_NUMBER.match(text, q.tail_end)
        or _A_NUMBER_EQUALS.search(before)
        or _ONE_CORRESPONDS.search(text, max(sentence_start, q.start - 16), q.start)
    ):
        return "definition"  # 注：1瓩＝1千瓦, "1 tce = 29.3 GJ": how one unit is written in another
    if _ROUNDING_NOTE_BEFORE.search(text, max(sentence_start, q.start - 20), q.start):
        return "definition"  # 占比因四舍五入，合计不等于100%: a note on rounding, not a share
    if _note_item_number(text, q):
        return "enumerator"
    if _READING_TIME_BEFORE.search(
        text, max(sentence_start, q.start - 20), q.start
    ) or _READING_TIME_AFTER.match(text, q.end):
        return "page_furniture"  # "Reading time: 6 min", 阅读时间：6分钟: how long the page takes to read
    if (
        q.scale != 1.0
        and q.unit in (None, "count")
        and _OPEN_BRACKET_BEFORE.search(text, max(0, q.start - 2), q.start)
        and _CLOSE_BRACKET_AFTER.match(text, q.tail_end)
    ):
        return "unit_note"  # "Charging piles (10k)", （万）: the scale a header gives its column, no figure
    if _OMITTED_AFTER.match(text, q.end) or _OMITTED_ROWS_AFTER.match(text, q.end):
        return (
            "omitted_rows"  # （表格其余3项略）, "(remaining 12 rows omitted)": the table's cut, not a count
        )
    if (
        _NAME_GATE.search(_NAME_BEFORE, before)
        or _INDEX_GATE.search(_INDEX_NAME_BEFORE, text[max(sentence_start, q.start - 32) : q.start])
        or _NUMBERED_LINE_BEFORE.search(before)
        or _PLUS_MINUS_BEFORE.search(before)
        or q.unit in _name_units()
        or (q.unit is None and _COAL_GRADE.match(text, q.end))  # "5,500 kcal thermal coal": a grade
        or (q.unit is None and _VERSION_AFTER.match(text, q.end))  # "NB 2.0版", "EB 2.0 版": an edition
    ):
        return "name"
    if (q.unit or q.scale != 1.0) and _cues().class_after.match(text, q.tail_end):
        return "name"  # 百万千瓦级机组: a class of unit
    if _AT_HEIGHT.match(text, q.end):
        return "name"  # "wind speed at 100 m height": where it is measured
    if (
        before.endswith("-")
        and before[-2:-1].isascii()
        and before[-2:-1].isalpha()
        and not _UNIT_RANGE.search(before)
    ):
        return "code"  # COVID-19, COP-26, G-20 (not the second end of "470GW-500GW")
    if q.unit is None and len(q.number) == 2 and _YEAR_BEFORE_DASH.search(before):
        return "date"  # "the 2024-25 Budget": the end of a fiscal year
    if before.endswith("^"):
        return "code"  # "10^6 t": an exponent
    if q.unit == "percent" and _CONFIDENCE_AFTER.match(text, q.tail_end):
        return "statistic"  # "(95% confidence interval: …)": how sure an estimate is, not a fact
    if _SCOPES_BEFORE.search(before):
        return "name"  # "Scope 1 and 2 emissions": the scopes of an inventory
    if _pagination(text, q, paragraph_start):
        return "enumerator"  # "< Prev  1  2  3  Next >     Page 1 / 3"
    if _in_name_field(text, q.start):
        return "name"  # "Project name 项目名称: Delingha 50MW … Project（德令哈50MW…项目）": part of a name
    if _NOTE_MARK_BEFORE.search(before) and _HEADING_NUMBER.fullmatch(text, q.start, q.end):
        return "footnote"  # "溫室氣體排放（範圍一及二）註1": a row label's note mark
    if q.unit is None and _HOTLINE_AFTER.match(text, q.end):
        return "name"  # "Call the 12369 environmental hotline", 12345政务服务热线: a telephone number
    if q.unit is None and q.number.isdigit() and _TICKER_AFTER.match(text, q.end):
        return "code"  # "(300750 CH)", "0916.HK", "600900.SH": a listed company's stock code
    if q.unit is None and _MODEL_CODE_BEFORE.search(before):
        return "code"  # WD200-6250, GWH204-6.25, EN-220/8.5: the rest of a model's code
    if _cues().denominator.search(before):
        return "unit"  # per 10,000 yuan of GDP, 每万元: the denominator of a unit
    if (
        _SLASH_BEFORE.search(before)
        and q.value in (10, 100, 1000, 10000)
        and (q.unit == "km" or _PER_WHOM_AFTER.match(text, q.end))
    ):
        return "unit"  # "95 kWh/100 km", 千瓦时/百公里: the denominator of a unit
    if _unit_in_parentheses(text, q, before):
        return "unit"  # "(10,000 kW)", "(100 million yuan)": the unit of a table's figures
    if q.value == 10000 and _currency_per_before().search(before):
        return "unit"  # "(tce/CNY 10,000 GDP)": the ten thousand yuan an intensity is per
    if "chinese_numeral" in q.flags:
        if _UNIT_NOTE_BEFORE.search(before):
            return "unit"  # （单位：百万元）: the scale of a table's figures
        if _cues().vague.search(before) or text.startswith("几", q.end):
            return "vague"  # 数十个, 十几个
        if _inside_quotes(text, sentence_start, q.start):
            return "name"  # “一公里充电圈”, 《三年行动方案》
        if any(m.start() <= q.start < m.end() or m.start() == q.tail_end for m in _idioms_near(text, q)):
            return "idiom"  # 千家万户, 十个方面
    reason = _date_or_byline(text, q, paragraph_start)
    if reason:
        return reason
    # (a post's counter has no unit: "Renewable share: 41.3%" is a figure)
    if q.unit is None and _POST_COUNTER_BEFORE.search(before) and _short_line(text, q):
        return "byline"  # "阅 8.6万", "点赞 1.2万", "Views 1,024": how often a post was read, liked, shared
    if _post_number(text, q):
        return "enumerator"  # "2/10 Wind + solar capacity hit 1,406 GW": the number of a post in a thread
    if _ROUNDED_TO.search(before) or (q.scale != 1.0 and _WRITTEN_AS.search(before)):
        return "definition"  # "rounded to 0.1 GW", "亿 = 100 million": how figures are written
    if _OPENING.fullmatch(text, paragraph_start, q.start) and _ENUM_CLOSE.match(text, q.end):
        return "enumerator"
    if _section_number(text, q, paragraph_start):
        return "enumerator"  # the number of a section: "3.1 Key performance in 2023", 2.3 重点任务
    if _disclosure_code(text, q):
        return "code"  # " 302-1  Energy consumption within the organization": a standard's disclosure
    if _footnote_number(text, q, paragraph_start):
        return "footnote"  # "_______ / 1 Hebei Provincial Bureau of Statistics, …": a footnote's mark
    if (
        before.endswith(("(", "（"))
        and re.match(r"[-\d]*[)）]", text[q.end : q.end + 8])
        and not _accounting_negative(text, q)
    ):
        return "enumerator"
    if _MONTH_BEFORE.search(before) and (_DAY_OR_YEAR.fullmatch(q.number) or q.unit is None):
        return "date"  # "12 Nov", "Oct 12"; not "Jan-Oct 870 mn t", a figure after a span of months
    if (
        _RANK_BEFORE.search(before)
        and q.unit is None
        and not _FIRST_FEW.search(before, max(0, len(before) - 12))
    ):
        return "ordinal"  # "the top 10 firms", 第3批; but "will top 1.3 TW" is a quantity
    if _FIRST_FEW.search(before) and q.unit is None and _FIRST_TO_DO_AFTER.match(text, q.end):
        return "ordinal"  # "the first 10 months", "the first 10 enterprises to complete": a rank, no count
    if (
        q.unit is None
        and _HORIZON_AFTER.match(text, q.end)
        and not _DAYS_COUNTED_BEFORE.search(text, max(sentence_start, q.start - 30), q.start)
    ):
        return "streak"  # (but 重污染天数为2天, "good-air days ... 300 days": a count of days is a fact)
    if q.unit is None and _cues().streak_before.search(before):
        return "streak"  # 连续4次调涨
    if q.unit is None and _cues().document_part.match(text, q.end):
        return "document"  # "Country brief | June 2024 | 8 pages"
    if _DOCUMENT_PART_BEFORE.search(before):
        return "document"  # "Slide 4 - Grid", "Page 3 of 96", "Annex 2"
    if q.unit is not None and (_bounds_a_class(text, q, before) or _in_a_class_label(text, q)):
        return "class_bound"  # 100千瓦以下：149個, 4.0（100千瓦以下）, "Tier 1   0-200 kWh   0.538"
    if q.unit is None and q.scale == 1.0 and re.fullmatch(r"(?:19[5-9]\d|20[0-6]\d)", q.number):
        # (改造老旧小区2000个 counts; a cell "1950" under 装机容量（万千瓦） is ten thousand kilowatts)
        return None if _classifier_follows(text, q.end) or _table_unit(text, q) is not None else "year"
    return None


def _bounds_a_class(text: str, q: Quantity, before: str) -> bool:
    """Whether a bound or a range end names a class of things rather than measures one: a class's label
    before its count (100千瓦以下：149個, 100千瓦至500千瓦：33個, "Below 100 kW: 149"), a class in brackets
    after the figure it is of (4.0（100千瓦以下）), or a tier of a tariff before its price ("Tier 1   0-200 kWh
    0.538", 第二档  201—400千瓦时  0.588)."""
    after = text[q.tail_end : q.tail_end + 24]
    bound_before = _CLASS_BOUND_BEFORE.search(before)
    opens_clause = _CLAUSE_OPENS.search(text, max(0, q.start - 12), q.start) is not None
    if opens_clause and (_CLASS_LABEL_AFTER.match(after) or (bound_before and _COLON_AFTER.match(after))):
        return True
    if _AFTER_A_FIGURE.search(before) and _BOUND_WORD_CLOSES.match(after):
        return (
            True  # 4.0（100千瓦以下）: the class of the figure before (not "30 million kW (3000万千瓦以上)")
        )
    if _BRACKETED_BOUND_BEFORE.search(text, max(0, q.start - 30), q.start) and _CLOSES.match(after):
        return True  # "0.35 yuan/kWh (for systems under 100 kW)"
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    return bool(
        _TIER_LINE.match(text, line_start)
        and (_RANGE_OR_BOUND_AFTER.match(after) or bound_before or _RANGE_BEFORE.search(before))
        and _DIGIT.search(text, q.tail_end, line_end if line_end != -1 else len(text))
    )


@lru_cache(maxsize=4)
def _class_labels(text: str) -> list[tuple[int, int]]:
    """(start, end) of the row labels of tables that name a class by its bounds ("100-300 kWh", ">300 kWh",
    100千瓦以下): their rows' figures are of the class, their numbers no figures."""
    return sorted(
        (row.label_start, row.label_end)
        for table in structure.tables(text)
        for row in table.rows
        if row.cells and _CLASS_ROW_LABEL.fullmatch(row.label.strip())
    )


def _in_a_class_label(text: str, q: Quantity) -> bool:
    spans = _class_labels(text)
    at = bisect.bisect_right(spans, (q.start, len(text))) - 1
    return at >= 0 and spans[at][0] <= q.start < spans[at][1]


# a row label of a class's bounds: "<100 kWh", "100-300 kWh", ">300 kWh", "100千瓦及以下", "above 400 kWh"
_CLASS_ROW_LABEL = re.compile(
    r"(?:[<>≤≥＜＞]\s*|(?i:below|under|above|over|up\s+to|less\s+than|more\s+than)\s+)?[\d,.]+\s*"
    r"(?:[-–—~至到]\s*[\d,.]+\s*)?[A-Za-z\u4e00-\u9fff²³/]{1,8}(?:\s*及?(?:以下|以上|以内))?"
)
_CLASS_LABEL_AFTER = re.compile(
    r"\s*(?:及?(?:以下|以上|以内)|(?:至|到|~|-|–|—)\s*[\d,.]+\s*[^\s\d:：,，;；]{0,6}?)\s*[:：]"
)
_CLASS_BOUND_BEFORE = re.compile(
    r"(?:(?:至|到|~|–|—)\s*|(?i:\b(?:below|under|above|over|up\s+to|less\s+than|more\s+than)\s+))$"
)
_COLON_AFTER = re.compile(r"\s*[:：]")
# (what opens a class's label: a line, a clause, or a bound word at its start: "；100千瓦至…", "Below 100 kW")
_CLAUSE_OPENS = re.compile(
    r"(?:^|[\n；;，,。:：])\s*(?:(?i:below|under|above|over|up\s+to|from)\s+)?(?:[\d,.]+\s*\S{0,4}\s*(?:至|到|~|–|—)\s*)?$"
)
_RANGE_BEFORE = re.compile(r"\d\s*[-–—~至到]\s*$")
# (the things a figure is for, in brackets after it: "(for systems under 100 kW)", not "(below 5 GWh)")
_BRACKETED_BOUND_BEFORE = re.compile(
    r"[(（]\s*(?i:for|applies\s+to|applying\s+to)\s+[^()（）\d]{0,20}?(?i:below|under|above|over|up\s+to)\s+$"
)
_AFTER_A_FIGURE = re.compile(r"\d\s*[(（]$")
_BOUND_WORD_CLOSES = re.compile(r"\s*及?(?:以下|以上|以内)\s*[)）]")
_CLOSES = re.compile(r"\s*[)）]")
_TIER_LINE = re.compile(
    r"[ \t]*(?:(?i:tier|band|step|block)\s*\d{1,2}\b|第[一二三四五六七八九十\d]{1,2}[档阶级])"
)
_RANGE_OR_BOUND_AFTER = re.compile(
    r"\s*(?:[-–—~至到]\s*\d|及?(?:以下|以上)|(?i:and\s+(?:below|above)|or\s+(?:less|more)))"
)


def _classifier_follows(text: str, pos: int) -> bool:
    return bool(classifier_after(text, pos, min(len(text), pos + 4), lexicon()))


def _unit_in_parentheses(text: str, q: Quantity, before: str) -> bool:
    """ "(10,000 kW)", "(100 million yuan)", （百万公吨CO2e）: a scale and a unit in brackets, which say what
    a table's figures count."""
    scale_number = q.number.replace(",", "") in _SCALE_NUMBERS
    closed = _CLOSES_UNIT.match(text, q.tail_end)
    if scale_number and _TIMES_IN_BRACKETS.search(before):
        return True  # (… or after a times sign inside them: "(×10,000 t)", "(x10000)")
    return bool(q.unit) and scale_number and bool(closed) and before.endswith(("(", "（"))


_TIMES_IN_BRACKETS = re.compile(r"[(（]\s*[x×]\s*$")


_CLOSES_UNIT = re.compile(r"(?:CO2e?|CO₂e?|二氧化碳当量)?\s*[)）]")


_POST_NUMBER = re.compile(r"[ \t]*(\d{1,2})/(\d{1,2})(?=[ \t])")
_ROUNDED_TO = re.compile(r"(?i:rounded\s+(?:off\s+)?to(?:\s+the\s+nearest)?)\s+$|精确到$|保留到$")
_WRITTEN_AS = re.compile(r"(?:^|[\s:：;；])[\u3400-\u9fffA-Za-z]{1,4}\s*[=＝]\s*$")


def _line_start(text: str, pos: int, reach: int) -> int | None:
    """Where the line holding `pos` starts, if within `reach` characters before it (the tests that read a
    line from its start look at short lines only: work stays bounded on a text without line breaks)."""
    start = max(0, pos - reach)
    found = text.rfind("\n", start, pos)
    return found + 1 if found != -1 else (0 if start == 0 else None)


def _post_number(text: str, q: Quantity) -> bool:
    line_start = _line_start(text, q.start, 8)
    m = _POST_NUMBER.match(text, line_start) if line_start is not None else None
    return bool(m) and m.start(1) <= q.start < m.end(2) and int(m.group(1)) <= int(m.group(2))


_CHRONICLE_DATE = re.compile(r"(?:19[5-9]\d|20\d\d)\.(?:0[1-9]|1[0-2])")
_CHRONICLE_ENTRY = re.compile(r"[ \t]{2}|\t|\u3000")


def _date_or_byline(text: str, q: Quantity, paragraph_start: int) -> str | None:
    """A number that is part of a numeric date or clock time, or stands in a byline or dateline ("Updated:
    March 3, 2024 19:37 | Views: 1,024", "2024-03-03 10:15 来源：")."""
    if text[q.end : q.end + 1] in _DATE_SEPARATORS or text[q.start - 1 : q.start] in _DATE_SEPARATORS:
        for m in _NUMERIC_DATE.finditer(text, max(0, q.start - 11), min(len(text), q.end + 11)):
            if m.start() <= q.start and q.end <= m.end():
                return "date"
    if (
        _CHRONICLE_DATE.fullmatch(q.number)
        and _CHRONICLE_ENTRY.match(text, q.end)
        and not text[text.rfind("\n", max(0, q.start - 8), q.start) + 1 : q.start].strip()
    ):
        return "date"  # "1975.07  Line electrified": the year and month a chronicle's entry opens with
    line_end = text.find("\n", paragraph_start, paragraph_start + 122)
    line = text[paragraph_start : line_end if line_end >= 0 else paragraph_start + 122]
    if len(line) > 120 or not _byline(line):
        return None
    dated = _NUMERIC_DATE.search(text, paragraph_start, paragraph_start + len(line))
    if q.unit is not None and dated and dated.start() > q.end and not _BYLINE_LABEL.match(line):
        return (
            None  # "Credits issued: 132,507 tCO2e (period 2024-03-01 ~ 2024-08-31)": a field, then its dates
        )
    # (a figure of a table row that opens with its date is no byline: "2021-11-29 | Jiangsu | … | 18 | %")
    cell = _cell_holding(_cell_headings(text), q.start, q.end)
    return None if cell is not None and cell[2] else "byline"


_DATE_SEPARATORS = frozenset("-/.:")


@lru_cache(maxsize=1024)
def _byline(line: str) -> bool:
    prose = line.rstrip()[-1:] in ".。!?！？;；" or bool(_TIMED_ENTRY.match(line))
    return bool(_BYLINE_LABEL.match(line) or (not prose and _NUMERIC_DATE.search(line)))


# an entry of a live blog that opens with its clock time: "11:20  Carbon intensity: CO2 emissions fell
# 0.5% in 2023, ..." (prose, whatever the wrapped line ends with), "09:30 国家统计局发布数据显示，…"
_TIMED_ENTRY = re.compile(r"\s*\d{1,2}:\d{2}\s+(?:[A-Z][a-z]*\W+(?:\w+\W+){5}|[\u3400-\u9fff]{2,}[^\n]{10})")


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
    streak_before: re.Pattern  # search: 连续 right before a number (连续4次: a streak)
    document_part: re.Pattern  # match after a number: "8 pages", 共12页 (the document's own length)
    class_after: re.Pattern
    change_column: re.Pattern
    unit_column: re.Pattern  # fullmatch: a column header that is only the word "Unit"
    code_column: re.Pattern  # fullmatch: a column header over codes and references ("GRI", 编号)
    count_column: re.Pattern  # search: a column header over counts of things
    per_thing: re.Pattern  # fullmatch after a currency: "/辆", " per car" (an amount for each thing)
    index_before: re.Pattern  # search, ending where a number starts: the name of a dimensionless index


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
            rf"(?i:[ \u00a0]*(?P<time>{_words_pattern(words('cues', 'clock'))}))"  # (on the number's line)
            rf"|{_MONTH_AFTER.pattern}"
            # (a line below that opens with a capital starts a row or a sentence: "4.88" / "Top 5 holdings")
            rf"|(?:[ \t\u00a0]+|\s*\n\s*(?![A-Z]))(?i:(?P<ordinal>{_words_pattern(words('cues', 'rank_after'))}))"
        ),
        denominator=re.compile(rf"(?:{_words_pattern(words('cues', 'denominator'))})\s*$", re.IGNORECASE),
        respectively=re.compile(_words_pattern(words("cues", "respectively")), re.IGNORECASE),
        list_join=re.compile(rf"\s*(?:{_words_pattern(words('cues', 'list_join'))})\s*", re.IGNORECASE),
        range_join=re.compile(rf"\s*(?:{_words_pattern(words('cues', 'range_join'))})\s*", re.IGNORECASE),
        vague=re.compile(rf"(?:{_words_pattern(words('cues', 'vague'))})$"),
        idiom=re.compile(_words_pattern(words("cues", "idiom"))),
        streak_before=re.compile(rf"(?:{_words_pattern(words('cues', 'streak_before'))})\s*$"),
        document_part=re.compile(
            rf"\s*(?:{_words_pattern(words('cues', 'document_part'))})(?![A-Za-z])", re.IGNORECASE
        ),
        class_after=re.compile(rf"\s*(?:{_words_pattern(words('cues', 'class_after'))})", re.IGNORECASE),
        change_column=re.compile(_words_pattern(words("cues", "change_column")), re.IGNORECASE),
        unit_column=re.compile(_words_pattern(words("cues", "unit_column")), re.IGNORECASE),
        code_column=re.compile(_words_pattern(words("cues", "code_column")), re.IGNORECASE),
        index_before=re.compile(
            rf"(?:{_words_pattern(words('cues', 'index_name'))})\s*[)）]?{_INDEX_OF}\s*{_INDEX_VERBS}$",
            re.IGNORECASE,
        ),
        count_column=re.compile(
            rf"(?<![A-Za-z])(?:{_words_pattern(words('cues', 'count_column'))})(?![A-Za-z])", re.IGNORECASE
        ),
        per_thing=re.compile(
            rf"\s*(?:/|每|(?i:per|each)\s)\s*(?:{_words_pattern(catalog.count_classifiers())}"
            rf"|(?i:(?:{_words_pattern(words('cues', 'per_thing'))})(?:e?s)?))\s*"
        ),
    )


def _count_named_before(text: str, start: int, end: int) -> bool:
    window = text[start:end]
    lower = window.lower()
    if ("数" in window or "number" in lower or "count" in lower) and _COUNT_NAMED_BEFORE.search(window):
        return True
    if not window[-1:].isspace():
        # every pattern below ends in a space before the number ("totalled ", "numbered about "), but that
        # of a part, which ends in a Latin word ("…, of which NEVs"): most numbers follow neither
        return _ends_in_a_latin_letter(window) and bool(_THINGS_OF_WHICH_BEFORE.search(window))
    # "Sales of new energy vehicles [新能源汽车] in the province totalled 262,000": a flow of things, also
    # written as a compound ("NEV exports were 50,000") or as a part ("…1.73 million units, of which NEVs")
    if " of " in lower and _FLOW_OF_THINGS_BEFORE.search(window):
        return True
    if _THINGS_FLOW_BEFORE.search(window) or _THINGS_OF_WHICH_BEFORE.search(window):
        return True
    # "Annual filings by Chinese applicants rose from …", "Valid invention patents … reached": things
    # counted in pieces, as the subject of a verb that gives their number
    subject = _countable_subject_search(window)
    # (the things of an "of" phrase are not the subject: "utilisation hours of wind turbines were 1,653")
    return subject is not None and not _OF_PHRASE_BEFORE.search(window, 0, subject.start())


_OF_PHRASE_BEFORE = re.compile(r"\b(?i:of)\s+(?:[\w-]+\s+){0,3}$")


def _ends_in_a_latin_letter(stretch: str) -> bool:
    """Whether the last character of a stretch is one that a Latin letter of an ignore-case regex matches."""
    last = stretch[-1:]
    return (last.isascii() and last.isalpha()) or last in FOLDED_TO_LATIN


def _countable_plurals() -> list[str]:
    return [w for w in catalog.grammar_words("cues", "count_column") if w.endswith("s") and " " not in w]


@cache
def _countable_subject_gate() -> Gate | None:
    """Opens where one of the plural nouns `_countable_subject_before` begins with may begin (None: a noun
    that is not ASCII, which the gate's lower-cased scan would not find in any case)."""
    plurals = _countable_plurals()
    return Gate(plurals) if all(w.isascii() for w in plurals) else None


def _countable_subject_search(window: str) -> re.Match | None:
    """`_countable_subject_before().search(window)`, tried only where one of its nouns begins: every match
    opens with one of them (the regex, an alternation of words each behind a look-behind, is otherwise
    tried with every word at every position)."""
    gate = _countable_subject_gate()
    if gate is None:
        return _countable_subject_before().search(window)
    return gate.search(_countable_subject_before(), window)


@cache
def _countable_subject_before() -> re.Pattern:
    plurals = _countable_plurals()
    return re.compile(
        rf"\b(?i:{_words_pattern(plurals)})\b[^.;:,，。；：\d]{{0,50}}?\s"
        r"(?i:rose|fell|grew|climbed|increased|decreased|dropped|reached|numbered|totall?ed|passed|hit|"
        r"stood\s+at|came\s+to|accounted\s+for|were|was"
        # ... or the things done to them, as a fact sheet writes their number ("Complaints received 64")
        r"|received|issued|granted|filed|installed|conducted|handled|recorded|approved|completed)(?:\s+(?i:from|to)|\s+(?i:from)\s+[\d,.]+(?:\s+in\s+\d{4})?\s+(?i:to))?\s+"
        r"(?:(?i:about|around|nearly|almost|over|some|more\s+than)\s+)?$"
    )


_ROC_COLUMN = re.compile(r"\s*(?:民国)?(1[0-3]\d)年")
_HOURS_AFTER = re.compile(r"\s*(?i:hours?)\b")
_PART_OF_BEFORE = re.compile(r"\b(?i:of\s+which|of\s+this|including|among\s+them)\b|其中|包括")


_NOT_A_WHOLE = (None, "count", "percent", "percentage_point", "times", "tenth")

# "68,280 units, of which 28,280 were exported": a bare number right after "of which" is a part of the
# figure before it, in its unit (and one after "(of" the whole it is part of)
_OF_WHICH_RIGHT_BEFORE = re.compile(
    r"\s*[,，;；]\s*(?i:of\s+which|of\s+these|of\s+them)\s+(?i:about\s+|around\s+|nearly\s+|some\s+)?"
    r"|\s*[(（]\s*(?i:of|out\s+of)\s+"  # ... and the whole it is of: "5,320 (of 6,100 in the fleet)"
    # ... and the total it brings the things to: "added 46 projects, bringing the total to 120"
    r"|\s*[,，]\s*(?i:bringing|taking|raising|lifting|pushing)\s+(?i:the|its|their)\s+"
    r"(?i:total|tally|number|count)\s+(?i:to)\s+(?i:about\s+|around\s+|nearly\s+|some\s+)?"
)


def _part_right_after(text: str, kept: list, q: Quantity) -> Quantity | None:
    if not kept:
        return None
    whole, noun_end = kept[-1]
    if whole.unit in (None, "percent", "percentage_point", "times") or whole.scale != 1.0:
        return None
    return whole if _OF_WHICH_RIGHT_BEFORE.fullmatch(text, max(whole.tail_end, noun_end), q.start) else None


# between a figure and the next member of its list, which names its own place or holder and leaves the
# unit to the first: "filed 11,200 applications in 2021, Japan 9,800, Germany 5,600 and South Korea 4,900"
_NEXT_NAMED_MEMBER = re.compile(
    r"(?:\s+(?:in|for)\s+(?:19|20)\d\d|\s+in\s+total)?"
    r"(?:\s*[,;]\s*(?:and\s+|followed\s+by\s+|of\s+which\s+|including\s+|among\s+them\s+)?|\s+and\s+)"
    r"(?P<name>(?:[A-Z][A-Za-z.'&-]*\s+){0,3}[A-Z][A-Za-z.'&-]*)\s*[(]?\s*"
)


def _listed_after(text: str, kept: list, q: Quantity) -> Quantity | None:
    """The figure before a bare number that is the next member of its list, named by a place or holder
    and not by what it counts ("…, Japan 9,800"): the member is in that figure's unit."""
    if not kept:
        return None
    prev, noun_end = kept[-1]
    if prev.unit in (None, "index") or prev.scale != 1.0 or "." in q.number or _YEARLIKE.fullmatch(q.number):
        return None  # ("…to 1.5 GW; Tibet 2023 flagged as estimate": a year)
    gap = max(prev.tail_end, noun_end)
    member = _NEXT_NAMED_MEMBER.fullmatch(text, gap, q.start) or _next_lowercase_member(text, gap, q.start)
    if member is None or _cues().document_part.match(member.group("name")):
        return None
    return prev


@cache
def _not_list_members() -> frozenset[str]:
    return frozenset(catalog.grammar_words("cues", "not_list_member"))


def _next_lowercase_member(text: str, start: int, end: int) -> re.Match | None:
    """The next member of a list named by a word or two of what it is ("Wind reached 320 MW, solar 410 and
    hydro 95"), not by a word that says how or when (up, from, nearly, rising)."""
    member = _NEXT_LOWERCASE_MEMBER.fullmatch(text, start, end)
    if member is None:
        return None
    words = member.group("name").split()
    not_members = _not_list_members()
    if any(w in _STOP_WORDS or w in not_members or w.endswith(("ed", "ing", "ly")) for w in words):
        return None
    return member


_NEXT_LOWERCASE_MEMBER = re.compile(
    r"(?:\s*[,;]\s*(?:and\s+)?|\s+and\s+)(?P<name>[a-z][a-z-]{2,}(?:\s+[a-z][a-z-]{2,})?)\s+"
)


def _whole_of_named_part(text: str, kept: list, q: Quantity, sentence_start: int) -> Quantity | None:
    """The whole, stated with its unit, of a bare figure named as one of its parts: after "of which" and
    the part's name in the same sentence ("302.1GW, of which solar 206.3"), or in an item of the list a
    lead line ending in "of which" opens ("…reached 3,191 GW…, of which" / "- solar 861")."""
    lead = text[max(sentence_start, q.start - 40) : q.start]
    if kept and _NAMED_PART_BEFORE.search(lead):
        cues = list(_PARTS_CUE.finditer(text, sentence_start, q.start))
        if not cues:
            return None
        cue = cues[-1].start()
        before = [k for k, _ in kept if k.end <= cue]
        whole = before[-1] if before else None
        parts = [k for k, _ in kept if k.start > cue]
        # (the parts named so far are in the whole's unit: "of which solar 206.3 and wind 51.8")
        if whole is None or whole.unit in _NOT_A_WHOLE or any(p.unit != whole.unit for p in parts):
            return None
        return whole
    item = _LIST_ITEM_NAME.fullmatch(text, text.rfind("\n", 0, q.start) + 1, q.start)
    if item is None:
        return None
    line_start = text.rfind("\n", 0, q.start) + 1
    while line_start > 0:  # up over the list's items to the line that opens it
        above = text.rfind("\n", 0, line_start - 1) + 1
        line = text[above : line_start - 1]
        if not _LIST_ITEM_START.match(line):
            if not _PARTS_FOLLOW.search(line):
                return None
            wholes = [w for w in find_quantities(text, above, line_start - 1) if w.unit]
            wholes = [w for w in wholes if w.unit not in _NOT_A_WHOLE]
            return wholes[0] if wholes else None
        line_start = above
    return None


# "of which solar ", "including wind ", "and wind " right before a bare figure: a part named by one or two
# words (after a cue of parts earlier in the sentence)
_NAMED_PART_BEFORE = re.compile(
    r"(?:\b(?i:of\s+which|including|incl\.|and)\s+|,\s*|其中[:：]?)(?:[A-Za-z][A-Za-z-]*\s+){1,2}$"
)
_PARTS_CUE = re.compile(r"\b(?i:of\s+which|including|incl\.)(?=\s)")
# an item of a list naming a part before its figure: "- solar ", "• wind ", "- thermal "
_LIST_ITEM_NAME = re.compile(r"[ \t]*[-•*·][ \t]+(?:[A-Za-z][A-Za-z-]*[ \t]+){1,2}")
_LIST_ITEM_START = re.compile(r"[ \t]*[-•*·][ \t]+")
# a lead line whose list of parts follows: "…3,191 GW at end-Nov, of which", "…，其中："
_PARTS_FOLLOW = re.compile(r"(?:\b(?i:of\s+which|including|among\s+them)|其中)\s*[:：]?\s*$")


def _part_in_unit_of(text: str, whole: Quantity, q: Quantity) -> bool:
    """A scaled number without a unit that is a part of the figure before it, in that figure's unit."""
    return bool(_PART_OF_BEFORE.search(text, whole.tail_end, q.start))


_COUNT_NAMED_BEFORE = re.compile(
    r"(?:\b(?i:number|count)\s+of\s+[A-Za-z][\w\s-]{0,40}?|(?:数量|数目|个数|总数))\s*"
    r"(?:(?i:reached|was|were|stood\s+at|totall?ed|hit|rose\s+to|grew\s+to|climbed\s+to|increased\s+to|came\s+to)"
    r"|达到|达|为|是|增至|增加到|超过|突破)\s*(?:(?i:about|around|nearly|almost|over|more\s+than|some)\s+|约|近)?$"
    # "electric vehicles numbered 8,462": the things, then the verb that counts them
    r"|\b[A-Za-z][A-Za-z-]*s\s+(?i:numbered|now\s+number)\s+(?:(?i:about|around|nearly|almost|over|some)\s+)?$"
)


# things a flow (sales, exports) counts, as the first word of a compound: "NEV exports", "vehicle sales"
_THINGS = (
    r"(?i:NEVs?|[BP]?H?EVs?|(?:vehicle|car|bus|truck|charger|charging\s+(?:pile|point|post))s?"
    r"|battery[- ]swap\s+stations?|heat\s+pumps?)"
)
_THINGS_FLOW_BEFORE = re.compile(
    rf"\b{_THINGS}\s+(?i:sales|deliveries|exports|imports|registrations|production|output)\b[^.;:,，。；：]{{0,40}}?"
    r"\s(?i:totall?ed|reached|hit|came\s+to|rose\s+to|grew\s+to|fell\s+to|were|was|stood\s+at)\s+"
    r"(?:(?i:about|around|nearly|almost|over|some|more\s+than)\s+)?$"
)
_THINGS_OF_WHICH_BEFORE = re.compile(rf"[,，;；]\s*(?i:of\s+which|including)\s+{_THINGS}\s*$")


_FLOW_OF_THINGS_BEFORE = re.compile(
    r"\b(?i:sales|deliveries|exports|imports|registrations|production|output)\s+of\s+(?:[\w-]+\s+){0,4}?"
    r"(?i:vehicles|cars|buses|trucks|units|chargers|charging\s+(?:piles|points)|heat\s+pumps|ships|vessels)\b"
    r"[^.;:,]{0,50}?\s(?i:totall?ed|reached|hit|came\s+to|rose\s+to|grew\s+to|fell\s+to|were|was)\s+"
    r"(?:(?i:about|around|nearly|almost|over|some|more\s+than)\s+)?$"
)


# between an index's name and its value: "（PUE）为1.24", "电能利用效率降到1.25以下", "PUE of 1.3"
# what an index is of, between its name and its value: "PUE (PUE) of large data centres fell to 1.46"
_INDEX_OF = r"(?:\s*[(（][A-Za-z]{2,6}[)）])?(?:\s+(?:of|at|in|for|across)\s+[A-Za-z][A-Za-z -]{0,40}?)?"
_INDEX_VERBS = (
    r"(?:(?:=|:|：|平均|最优|最高|最低|均|仅|约|为|是|达到|达|降到|降至|降低到|控制在|不得高于|不高于|不超过|低于|高于|超过|提高到|提升至"
    r"|of|was|is|were|are|at|stood at|fell to|dropped to|below|above|under|over|around|about|reached)\s*)*"
)


@cache
def _index_words() -> re.Pattern:
    """Any of the names of an index, in lower case, as a substring (one regex search instead of a test
    per name: the test runs before every bare number)."""
    words = [re.escape(w.lower()) for w in catalog.grammar_words("cues", "index_name")]
    return re.compile("|".join(words) if words else "(?!)")  # (no names: nothing is an index's name)


# hours a plant runs, named before a bare number: "The utilization hours of wind power reached 2,218",
# "full-load hours reach 2,900 for wind and 1,650 for PV", "equivalent utilisation hours averaged 1,310"
_HOURS_NAMED_BEFORE = re.compile(
    r"\b(?i:utili[sz]ation|full[- ]load|equivalent(?:\s+(?:full[- ]load|utili[sz]ation))?|operating|generating)"
    r"\s+(?i:hours)(?:\s+(?i:of|for|in)\s+[A-Za-z][A-Za-z ,-]{0,40}?)?"
    r"\s+(?i:reached|reach|were|was|are|is|stood\s+at|totall?ed|averaged|rose\s+to|fell\s+to|hit|of|at)"
    r"(?:\s+(?i:about|around|some|nearly|an\s+average\s+of))?\s+"
    r"(?:[\d,.]+\s+(?i:for\s+[A-Za-z ]{1,20}?)\s*(?:,|and)\s+)?$"
)


def _index_value(text: str, q: Quantity, s, kept, names_index: bool = True) -> bool:
    """A bare number that is the value of a dimensionless index: after the index's name ("PUE为1.24",
    灌溉水有效利用系数达到0.576), or after the value before it in the same run ("…为1.24，最优达到1.10")."""
    if q.unit is not None or q.scale != 1.0:
        return False
    if context.INDEX_BASE_AFTER.match(text, q.end):
        return True  # "112.4 (2015=100)": an index on its base period
    window = text[max(s.start, q.start - 80) : q.start] if names_index else ""
    if window and _index_words().search(window.lower()) and _cues().index_before.search(window):
        return True
    prev = kept[-1][0] if kept else None
    if (
        prev is not None
        and prev.unit == "index"
        and _NEXT_INDEX_VALUE.fullmatch(text, prev.tail_end, q.start)
    ):
        column = _table_unit(text, q)  # (the next cell of a table row is of its own column)
        return column is None or column[1] == "index"
    # "PUE … fell to 1.46, down 0.03 from a year earlier, and is to fall below 1.3": in a sentence that
    # names the index, a decimal right after a verb that moves or bounds it
    return (
        names_index
        and "." in q.number
        and not _THINGS_NOUN_AFTER.match(text, q.end)  # ("moved to 3.5 new campuses": a number of things)
        and bool(_INDEX_MOVE_BEFORE.search(text, max(s.start, q.start - 24), q.start))
    )


# "…为1.24，最优达到1.10", "fell to 1.46 in 2023, from 1.49": the next value of the same index
_NEXT_INDEX_VALUE = re.compile(
    rf"(?:\s+in\s+(?:19|20)\d\d)?\s*[,，、]?\s*(?:(?i:from|compared\s+with|against)\s+)?{_INDEX_VERBS}"
)


_THINGS_NOUN_AFTER = re.compile(
    r"\s+(?!(?:in|by|from|and|or|for|at|on|to|than|last|this|year|a|the)\b)[A-Za-z]{2,}"
)
_INDEX_MOVE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?i:down|up|fell\s+to|rose\s+to|fall\s+(?:to|below)|drop\s+(?:to|below)|dropped\s+to|"
    r"below|under|above|from|by|to|reach(?:ed|es)?|exceed(?:ed|s)?)\s+(?:(?i:about|around|nearly|just|only)\s+)?$|(?:降至|降到|降低到|下降|低于|不高于|不超过|提高到|提升至|由|从)\s*$"
)


# "40+ countries", "500-plus stations" (not "20-plus GW": a unit after it is read as a unit)
_PLUS_AFTER = re.compile(r"\+(?=\s|$|[,;.，；。)）])|-plus(?=\s+[a-z])")


_SMALL_NUMERALS = frozenset("二两兩三四五六七八九")


def count_noun(text: str, pos: int, limit: int) -> tuple[str, int]:
    """What a bare number counts: the words after it up to a function word, or a Chinese classifier."""
    plus = _PLUS_AFTER.match(text, pos, limit)
    if plus:
        pos = plus.end()  # "40+ countries", "500-plus stations": more than the number
    m = classifier_after(text, pos, limit, lexicon())
    if not m and pos > 0 and text[pos - 1] in _SMALL_NUMERALS:
        m = small_count().match(text, pos, limit)  # 江苏两省: places counted by a numeral under ten
        if m:
            return m.group(), m.end()  # (what follows is the sentence's: 两省合计占比)
    if m:
        # 8对区县: the classifier, then what is counted (kept for the indicator, not the unit)
        noun = re.match(r"[\u3400-\u9fff]{0,8}", text[m.end() : limit]).group()
        return m.group() + noun, m.end() + len(noun)
    words, end = [], pos
    copula = _COPULA.match(text, pos, limit)  # "of the first ten, 8 are central enterprises"
    if copula:
        end = copula.end()
    else:  # "1,500 more enterprises", "all 168 of our coal-fired units"
        lead = _COUNT_LEAD.match(text, pos, limit)
        end = lead.end() if lead else end
    while len(words) < 4:
        m = _WORD.match(text, end, limit)
        if not m or m.group(1).lower() in _STOP_WORDS:
            break
        words.append(m.group(1))
        end = m.end()
    return (" ".join(words), end) if words else ("", pos)


_POINTS = re.compile(r"(?i:(?:index\s+)?(?:points?|pts))")


def _caption_below(text: str, q: Quantity) -> int | None:
    """The end of the line under a number that stands alone on its line, as an infographic's figure stands
    over the words that say what it counts; None when the number shares its line."""
    start = structure.line_start(text, q.start)
    end = text.find("\n", q.end)
    if end == -1 or text[start : q.start].strip() or text[q.end : end].strip():
        return None
    if text[max(0, start - 2) : start] != "\n\n":
        return None  # (a block of its own, set apart by a blank line above)
    below = text.find("\n", end + 1)
    below = len(text) if below == -1 else below
    return below if below - end <= 120 and _LOWER_OR_NAME.match(text, end + 1, below) else None


_LOWER_OR_NAME = re.compile(r"[A-Za-z][A-Za-z-]+\s+[a-z]")  # ("China-based suppliers", "public chargers")


_COUNT_LEAD = re.compile(
    # (a qualifier may stand between: "2,150 or so public charging points", "500 or more firms")
    r"\s+(?:(?i:more|additional|other|of\s+(?:our|its|their|these|those)|or\s+(?:so|more|thereabouts)))"
    r"(?=\s+[A-Za-z])"
)
_COPULA = re.compile(
    r"\s+(?:are|were)(?=\s+[A-Za-z]+(?<!ed)\b)"
)  # "are central enterprises", not "were completed"


_YEAR_LABEL_BEFORE = re.compile(
    r"(?:(?:\s+(?!(?i:in|for)\b)[A-Za-z][A-Za-z-]*){1,4}|[\u4e00-\u9fff])?"  # (what a scaled figure counts:
    # "9.5 million units", 950万辆, "2.31 million tonnes of primary aluminium")
    r"(?:\s+(?i:in|for)\s+(?:19|20)\d\d)?\s*[(（]\s*(?:19|20)\d\d\s*年?\s*[:：]\s*"
)  # "5.69 trillion kWh (2022: ", "... in 2023 (2022: ", "9.5 million units (2022: "


# a year's label opening the brackets after a count, perhaps after what it counts ("42 ships (2023: "), and
# the next year's label in the same brackets ("(2023: 902; 2022: ")
_YEAR_LABEL_AFTER_A_COUNT = re.compile(
    r"(?:(?:\s+(?!(?i:in|for)\b)[A-Za-z][A-Za-z-]*){1,2}|[\u4e00-\u9fff]{1,2})?\s*[(（]\s*(?i:end[- ]?)?(?:19|20)\d\d\s*"
    r"(?:年末|年底|年)?\s*[:：]\s*"
)  # ("126 (end-2023: 171)", 126台（2023年末：171台）: the count at another year's end)
_NEXT_YEAR_LABEL = re.compile(r"\s*[;；,，]\s*(?:19|20)\d\d\s*年?\s*[:：]\s*")
_YEAR_LABEL_ENDS = re.compile(r"[(（;；,，]\s*(?:19|20)\d\d\s*年?\s*[:：]\s*$")


def _labelled_by_a_year_after_a_count(text: str, kept: list, q: Quantity) -> bool:
    """Whether a bare figure is the count before it for another year: "42 ships (2023: 38)", "1,284 (2023:
    902; 2022: 611)"."""
    last = kept[-1][0]
    if last.unit != "count" or q.start - last.tail_end > 30:
        return False
    if _YEAR_LABEL_AFTER_A_COUNT.fullmatch(text, last.tail_end, q.start):
        return True
    return bool(
        _NEXT_YEAR_LABEL.fullmatch(text, last.tail_end, q.start)
        and _YEAR_LABEL_ENDS.search(text[max(0, last.start - 14) : last.start])
    )


_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
# a unit a sentence names in brackets for its bare figures: "(unit: 10,000 kW)", （单位：万千瓦）
_UNIT_SAID_IN_BRACKETS = re.compile(r"[(（]\s*(?i:units?|单位|單位)\s*[:：][^()（）\n]{1,30}[)）]")


def _apply_unit_said_in_brackets(text: str, qs: list[Quantity], start: int, end: int) -> None:
    """ "Wind capacity was 3,912 and solar PV 16,088 (unit: 10,000 kW), of which distributed 8,305": the
    unit a sentence names in brackets is the unit of its bare figures, before and after it."""
    if "nit" not in text[start:end] and "位" not in text[start:end]:
        return
    said = _UNIT_SAID_IN_BRACKETS.search(text, start, end)
    unit = _header_unit(said.group()) if said else None
    if unit is None or unit[1] is None:
        return
    for q in qs:
        if (
            q.unit is None
            and q.scale == 1.0
            and not said.start() <= q.start < said.end()
            and not _YEAR_LIKE.fullmatch(q.number)  # (2023年: a year, not a figure)
        ):
            q.scale, q.unit, q.unit_raw = unit[0], unit[1], ""


def _apply_year_labels(text: str, qs: list[Quantity]) -> None:
    """ "5.69 trillion kWh (2022: 5.31)": the figure after a year label is the same measure for that year,
    in the unit of the figure before it."""
    last = None  # the last quantity with a unit (one pass: work stays linear in the number of quantities)
    for b in qs:
        labelled = last is not None and b.unit is None and b.scale == 1.0 and b.start - last.tail_end <= 40
        if labelled and _YEAR_LABEL_BEFORE.fullmatch(text, last.tail_end, b.start):
            b.unit, b.scale, b.unit_raw = last.unit, last.scale, ""
        if b.unit or b.scale != 1.0:
            last = b


def _own_zones(view: str, mentions: list[tuple[int, int, str]], own: str) -> list[tuple[int, int, str]]:
    """Mentions with a zone named like another province's read as the report's own: zone names are reused
    (临港 is Shanghai's, but 宜宾临港经开区 in a Sichuan report is Sichuan's), unless a place of the other
    province is named right before it (上海临港新片区)."""
    if not own.startswith("CN-"):
        return mentions
    places = context.place_names()
    out = []
    for k, (start, end, code) in enumerate(mentions):
        other = code != own and code.startswith("CN-") and view[start:end] in places
        named_before = k and mentions[k - 1][1] >= start - 1 and mentions[k - 1][2] == code  # (上海临港)
        if other and _ZONE_AFTER.match(view, end) and not named_before:
            code = own
        out.append((start, end, code))
    return out


_ZONE_AFTER = re.compile(
    r"(?:新区|新片区|片区|经济区|经济开发区|经济技术开发区|开发区|高新区|经开区|自贸区|保税区|综合保税区|港区|园区)"
    r"|\s+(?i:new\s+area|economic\s+(?:and\s+technological\s+development\s+)?zone|development\s+zone"
    r"|free\s+trade\s+zone|high-tech\s+zone|port\s+area)\b"
)


def _bracketed_comparatives_legend(m: re.Match | None) -> int | None:
    """What a report's legend says the figures in brackets are: the year they are of (2018 in "comparatives
    for 2018 in brackets"), 0 for "the year before" (括号内为上年数据, "previous year in brackets"), or
    None when it has no such legend."""
    if m is None:
        return None
    year = next((g for g in m.groups() if g), None)
    return int(year) if year else 0


_COMPARATIVES_LEGEND = re.compile(
    r"(?i:\b(?:comparatives?|comparative\s+figures|figures|numbers|data)\s+(?:for|of)\s+((?:19|20)\d\d)\s+"
    r"(?:are\s+)?(?:shown\s+|given\s+)?in\s+(?:brackets|parenthes[ie]s)"
    r"|\b(?:figures|numbers|data)\s+in\s+(?:brackets|parenthes[ie]s)\s+(?:are|refer\s+to|show|give)\s+(?:those\s+|the\s+)?"
    r"(?:figures\s+|data\s+)?(?:(?:for|of)\s+)?(?:((?:19|20)\d\d)|(?:the\s+)?(?:previous|prior|preceding)\s+year|last\s+year)"
    # ("previous year in brackets", "prior-year figures in parentheses", "last year's in brackets")
    r"|\b(?:(?:the\s+)?(?:previous|prior|preceding)[- ]year|last\s+year)(?:'s)?\s+(?:(?:figures|comparatives|data|numbers|values)\s+)?"
    r"(?:are\s+)?(?:shown\s+|given\s+)?in\s+(?:brackets|parenthes[ie]s)"
    # ("2023 figures in brackets")
    r"|\b((?:19|20)\d\d)\s+(?:figures|comparatives|data|numbers)\s+(?:are\s+)?(?:shown\s+|given\s+)?in\s+(?:brackets|parenthes[ie]s))"
    r"|括号内(?:为|是|数据为|数字为|的数字为|的数据为)?(?:上年|去年|上年同期|((?:19|20)\d\d)年)(?:同期)?(?:数据|数字|数|值)?"
    # ... and a table's column headed by its year and the comparatives' year in brackets: "| 2024 (2023) |",
    # "Q3 2024 (Q3 2023)", 2024年（2023年）
    r"|(?<![\d(（])(?:(?:Q[1-4]|H[12]|[1-9]M|FY)\s?)?(?:19|20)\d\d\s*年?\s*[(（]\s*(?:(?:Q[1-4]|H[12]|[1-9]M|FY)\s?)?"
    r"((?:19|20)\d\d)\s*年?\s*[)）](?=[ \t]*(?:[|｜\t\n]|$| {2,}|\u3000))"
)


def _bracketed_after(text: str, a: Quantity, b: Quantity) -> bool:
    """Whether b stands alone in brackets right after a: "118.6 million (104.2 million)", "81.3% (78.9%)"."""
    return bool(_OPENS_BRACKET.fullmatch(text, a.tail_end, b.start)) and bool(
        _CLOSES_BRACKET.match(text, b.tail_end)
    )


_OPENS_BRACKET = re.compile(r"\s*[(（]\s*")
_CLOSES_BRACKET = re.compile(r"\s*[)）]")


def _apply_bracketed_comparatives(text: str, qs: list[Quantity]) -> None:
    """In a report whose legend says so, a figure in brackets after another is the same measure of an
    earlier year, in the other's unit ("118.6 million (104.2 million)", "41,300 t (52,900 t)")."""
    for a, b in zip(qs, qs[1:], strict=False):
        if a.unit is not None and b.unit is None and _bracketed_after(text, a, b):
            b.unit, b.unit_raw = a.unit, ""
            b.scale = b.scale if b.scale != 1.0 else a.scale


def _years_of_bracketed_comparatives(text: str, found: list[Fact], legend: int) -> None:
    for a, b in zip(found, found[1:], strict=False):
        gap = text[a.char_end : b.char_start]
        if a.year is None or len(gap) > 24 or not _BRACKET_GAP.fullmatch(gap):
            continue
        b.year = legend or a.year - 1


# between a figure and its bracketed comparative: its unit (digits only inside a unit's word: "Mt CO2e",
# "m3"), then an opening bracket
_BRACKET_GAP = re.compile(r"(?:[^()（）\d\n]|(?<=[A-Za-z])\d){0,16}[(（]\s*")


def _apply_units_below(text: str, qs: list[Quantity]) -> None:
    """A figure alone on its line over a line that is only its unit, as a key-figure tile or an
    infographic's text puts them ("Charging points" / "12,400" / "units", 新增光伏装机 / 300 / 万千瓦)."""
    for q in qs:
        if q.unit is not None or q.scale != 1.0:
            continue
        # (looked for a few characters either side only: a figure inside a long line is never alone on it)
        line_start = text.rfind("\n", max(0, q.start - 24), q.start) + 1
        line_end = text.find("\n", q.end, q.end + 24)
        if line_start == 0 < q.start - 24 or line_end == -1:
            continue
        if text[line_start : q.start].strip() or text[q.end : line_end].strip():
            continue
        below_end = text.find("\n", line_end + 1)
        below_end = len(text) if below_end == -1 else below_end
        below = text[line_end + 1 : below_end].strip()
        if not below or len(below) > 24:
            continue
        found = _unit_written(below)  # (as a column's unit is read: "万千瓦", "GW", "units", 个)
        if found:
            q.scale, q.unit, q.unit_raw = found[0], found[1] or "count", found[2]


_PREFIX_CURRENCIES = frozenset({"CNY", "USD", "HKD", "TWD", "EUR", "MOP"})


# a currency written again before a range's second end
_CURRENCY_WRITTEN_BEFORE = re.compile(r"(?:RMB|CNY|USD|US\$|HK\$|HKD|NT\$|\$|¥|￥|EUR|€|人民币)\s*$")


def _apply_ranges(text: str, qs: list[Quantity]) -> dict[int, str]:
    """Bounds of ranges such as 2%-4%, 3~5 million or 3至5个; the first end borrows the second's unit (and
    what the second counts)."""
    bounds = {}
    for a, b in zip(qs, qs[1:], strict=False):
        gap = text[a.tail_end if a.unit or a.scale != 1.0 else a.end : b.start]
        if gap[-1:] in ("-", "−") and gap[:-1].strip() and _cues().range_join.fullmatch(gap[:-1]):
            gap = gap[:-1]  # "-1.5%～-2.0%", "-2%至-3%": the second end's own minus sign
        if a.unit in _PREFIX_CURRENCIES and (b.unit or "").startswith(f"{a.unit}/"):
            # "RMB 800 to RMB 900 per tonne": the currency said again, both ends prices per tonne (and "from
            # RMB 800 to RMB 900 per tonne" a change between two such prices)
            bare = _CURRENCY_WRITTEN_BEFORE.sub("", gap)
            if len(bare) <= 4 and (_cues().range_join.fullmatch(bare) or bare.strip() in ("to", "到")):
                a.unit = b.unit
                before = _CURRENCY_WRITTEN_BEFORE.sub("", text[max(0, a.start - 20) : a.start])
                gap = gap if _FROM_BEFORE.search(before) else bare
        between = gap.strip().lower() == "and" and bool(
            _BETWEEN_BEFORE.search(text, max(0, a.start - 9), a.start)
        )
        if (
            len(gap) > (5 if between else 4)
            or not (_cues().range_join.fullmatch(gap) or between)
            or _YEARLIKE.fullmatch(a.number)
            or _CELL_THEN_SIGN.fullmatch(gap)  # "1,102\t-5.3%": the next cell's minus sign, not a range
        ):
            continue
        if a.unit in _PREFIX_CURRENCIES and b.unit and b.unit.startswith(f"{a.unit}/") and a.scale == b.scale:
            a.unit = b.unit  # "RMB 800 to RMB 900 per tonne": both ends are prices per tonne
        if a.unit and b.unit and a.unit != b.unit:
            continue  # "jumped 21.4 per cent to 510.7TWh": a change, then the level it reached
        if (
            a.unit in _PREFIX_CURRENCIES
            and a.scale == 1.0
            and not b.unit
            and b.scale != 1.0
            and gap.strip() in ("-", "–", "~", "～")
        ):
            # "RMB6-7 bn": the currency written before the first end, the scale after the second
            a.scale, b.unit = b.scale, a.unit
        elif a.unit in _PREFIX_CURRENCIES and not b.unit and b.scale == a.scale:
            b.unit, b.unit_raw = a.unit, ""  # "RMB 150,000-300,000": the currency is both ends'
        elif a.unit and not b.unit and (b.scale != 1.0 or _counted_after(text, b)):
            continue  # "rose 6.3pc to 1.05mn units", "jumped 115.7% to 546,000 units": the level reached
        if gap.strip() in ("to", "到") and _FROM_BEFORE.search(text, max(0, a.start - 8), a.start):
            if a.unit is None and b.unit and a.scale == 1.0:
                a.unit, a.scale, a.unit_raw = b.unit, b.scale, ""  # "from 8.95 to 12.1 GW": both in GW
            continue  # "from 68.5% to 55.3%": a change between two levels, not a range
        if not (a.unit or b.unit) and not _YEARLIKE.fullmatch(b.number):
            noun, _ = count_noun(text, b.tail_end if b.scale != 1.0 else b.end, min(len(text), b.end + 40))
            if noun:
                a.unit, a.count_noun, a.scale = "count", noun, a.scale if a.scale != 1.0 else b.scale
        if a.unit or b.unit:
            if a.unit is None:
                # ("between 500,000 and 2 million yuan": a first end written in full takes no scale)
                whole = b.scale != 1.0 and a.scale == 1.0 and (a.value or 0) >= 1000
                a.unit, a.scale, a.unit_raw = b.unit, 1.0 if whole else b.scale, ""
            bounds[a.start], bounds[b.start] = "lower_bound", "upper_bound"
    for q in qs:
        after = text[q.end : q.end + 1]
        more = (after and after in lexicon().approx_after) or (
            q.unit in (None, "count") and _PLUS_AFTER.match(text, q.end)
        )
        if q.start not in bounds and more:
            bounds[q.start] = "lower_bound"  # 300多万千瓦, 1000余家, "40+ countries": more than the number
        sign = _SIGN_BEFORE.search(text, max(0, q.start - 4), q.start)
        if q.start not in bounds and sign:
            bounds[q.start] = next(k for k, v in sign.groupdict().items() if v)  # "≥20%", "≤120", "≈3.5"
    return bounds


# a sign of comparison right before a number: at least, at most, about (not an arrow "->", a bullet ">>" or
# the join of a range "3~5", whose ends are bounds already)
_SIGN_BEFORE = re.compile(
    r"(?:(?P<lower_bound>[≥≧⩾＞]|(?<![-=>])>=?)|(?P<upper_bound>[≤≦⩽＜]|(?<!<)<(?!-|<|=>)=?)|(?P<approx>[≈≒]|(?<![\d.])[~～]))\s*$"
)


def _apply_compared_units(text: str, qs: list[Quantity]) -> None:
    """A figure a change is reckoned from, written without its unit ("3.2 trillion yuan, up from 2.1
    trillion", "50 GW, compared with 42 a year ago"), is in the unit of the figure before it."""
    figures = [q for q in qs if q.unit is not None or not _YEARLIKE.fullmatch(q.number)]  # (not "in 2024")
    for a, b in zip(figures, figures[1:], strict=False):
        if a.unit is None and a.scale == 1.0 and b.unit is None and not _YEARLIKE.fullmatch(a.number):
            _count_compared(text, a, b)  # "delivered 12 vessels in 2023, up from 8 a year earlier"
            continue
        if b.unit is not None or a.unit is None or not _COMPARED_GAP.fullmatch(text, a.tail_end, b.start):
            continue
        after = b.tail_end if b.scale != 1.0 else b.end
        if count_noun(text, after, min(len(text), after + 40))[0] or _YEARLIKE.fullmatch(b.number):
            continue  # ("up from 12 firms": it counts something of its own; "from 2020": a year)
        b.unit, b.unit_raw = a.unit, ""
        if b.scale == 1.0 and a.scale != 1.0 and "," not in b.number:
            b.scale = a.scale  # "12.5 million, up from 9.8"


def _apply_counts_named_elsewhere(text: str, qs: list[Quantity], sentence_start: int) -> None:
    """A bare number that counts things named elsewhere in its sentence: the part of a whole ("12 of the 47
    projects"), or the figures of "the number of charging stations increased by 120 to 860"."""
    for a, b in zip(qs, qs[1:], strict=False):
        if a.unit is None and a.scale == 1.0 and b.unit is None and _PART_OF.fullmatch(text, a.end, b.start):
            noun, _ = count_noun(text, b.end, min(len(text), b.end + 40))
            if noun:
                a.unit, a.count_noun = "count", noun
    for a, b in zip(qs, qs[1:], strict=False):
        if (
            b.unit is not None
            or b.scale != 1.0
            or _YEARLIKE.fullmatch(b.number)
            or a.unit not in (None, "count")
        ):
            continue
        if _GOAL_FOR_A_YEAR_AFTER.match(text, b.end) and _GOAL_VERB_BEFORE.search(text, a.end, b.start):
            # "1,250 electric buses were in service; the company plans to reach 2,000 by 2027": the goal
            # counts the things the count before it did
            noun = count_noun(text, a.end, min(len(text), a.end + 40))[0]
            if noun and not count_noun(text, b.end, min(len(text), b.end + 40))[0]:
                b.unit, b.count_noun = "count", noun
    # (every match says "number" or "count": a sentence that holds neither, as most do, is not searched
    # before each of its numbers)
    last = max((q.start for q in qs), default=sentence_start)
    if not (may_hold("number", text, sentence_start, last) or may_hold("count", text, sentence_start, last)):
        return
    for q in qs:
        if q.unit is not None or q.scale != 1.0 or _YEARLIKE.fullmatch(q.number):
            continue
        named = _NUMBER_OF.search(text, max(sentence_start, q.start - 120), q.start)
        if not named or re.search(r"[,;，；。]", text[named.end() : q.start]):
            continue
        if not count_noun(text, q.end, min(len(text), q.end + 40))[0]:
            q.unit = "count"  # (unless it names what it counts itself: "reached 105,000 EVs")


# a bare number set as a goal for a year: "to reach 2,000 by 2027", "more than 30 are expected by 2025"
_GOAL_FOR_A_YEAR_AFTER = re.compile(
    r"\s+(?:(?i:are|is|will\s+be)\s+)?(?:(?i:expected|planned|due|scheduled)\s+)?(?i:by|before|in)\s+"
    r"(?:(?i:the\s+end\s+of|end-)\s*)?(?:19|20)\d\d(?!\d)"
)
_GOAL_VERB_BEFORE = re.compile(
    r"\b(?i:plans?|aims?|targets?|expects?|expected|will|to\s+reach|to\s+have|to\s+exceed)\b"
    r"|(?i:\bmore\s+than|\bover|\bat\s+least)\s*$"
)
_PART_OF = re.compile(r"\s+(?i:of)\s+(?:the\s+|all\s+|its\s+|their\s+)?")
# "the number of charging stations increased by": what the sentence's bare figures count
_NUMBER_OF = re.compile(
    r"\b(?i:the\s+)?(?i:number|count)\s+of\s+([A-Za-z][A-Za-z -]{2,40}?)\s+(?:[a-z]+\s+){0,3}?"
    r"(?i:increased|rose|fell|grew|reached|stood|was|were|totall?ed|hit|climbed|jumped|dropped|declined)\b[^.;]*?$"
)


def _count_compared(text: str, a: Quantity, b: Quantity) -> None:
    """A bare number a count is compared with counts the same things ("12 vessels …, up from 8")."""
    noun, noun_end = count_noun(text, a.end, min(len(text), a.end + 40))
    if not noun or _YEARLIKE.fullmatch(b.number) or not _COMPARED_GAP.fullmatch(text, noun_end, b.start):
        return
    if not count_noun(text, b.end, min(len(text), b.end + 40))[0]:
        b.unit, b.count_noun = "count", noun


_COMPARED_GAP = re.compile(
    r"(?:\s+(?:in|at|by)\s+(?:end-|the\s+end\s+of\s+)?(?:19|20)\d\d)?"  # ("… in 2024, up from 2.1 trillion")
    r"[,，]?\s*(?:(?:up|down)\s+from|compared\s+(?:with|to)|versus|vs\.?|against|from)\s+"
    r"(?:(?:about|around|roughly|nearly|some)\s+)?",
    re.IGNORECASE,
)
# ... and what may follow the figure compared with: a time of its own
_OWN_TIME_AFTER = re.compile(
    r"[^,;.，；。\n]{0,24}?(?:\b(?:19|20)\d\d\b|(?i:a\s+year\s+(?:earlier|ago|before)|last\s+year|the\s+previous"
    r"|the\s+same\s+period|a\s+month|the\s+end\s+of|earlier))"
)


def _bases_of_changes(text: str, found: list[Fact]) -> None:
    """A figure a change is reckoned from, "up from 2.1 trillion" with no time of its own, is of the year
    before the figure it is compared with (a year-on-year comparison, as reports make them)."""
    for a, b in zip(found, found[1:], strict=False):
        if (
            a.year is not None
            and b.year == a.year
            and b.unit == a.unit
            and _UP_DOWN_FROM_GAP.fullmatch(text, a.char_end, b.char_start)
            and not _OWN_TIME_AFTER.match(text, b.char_end)
        ):
            b.year = a.year - 1


# the unit of the figure before, perhaps its year, then "up from" and a qualifier
_UP_DOWN_FROM_GAP = re.compile(
    r"(?:[^\d;；。.\n]|(?:19|20)\d\d){0,40}?[,，]?\s*\b(?i:up|down)\s+from\s+(?i:(?:about|around|roughly|nearly)\s+)?"
)
_CELL_THEN_SIGN = re.compile(r"(?:\t|\s{2,}|\s*\|\s*)[-−–]")
_BETWEEN_BEFORE = re.compile(r"\b(?i:between)\s+$")  # "between 70,000 and 74,000 vehicles": a range


def _counted_after(text: str, q: Quantity) -> bool:
    return bool(count_noun(text, q.end, min(len(text), q.end + 40))[0])


_SCALE_NUMBERS = frozenset(["10000", "100", "百", "千", "万"])  # (百万公吨): 百 of 百万, a scale
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
        if prev and prev.unit is None and _joined(text, _tail(prev), q):
            runs[-1].append(q)
        else:
            runs.append([q])
    cue = None
    # every test below is a pure function of the run: the cheap ones go first (a line of thousands of
    # numbers joined by commas asks for no exclusion unless its last number has a unit)
    for run in (r for r in runs if len(r) > 1):
        last = run[-1]
        unit, noun = last.unit, ""
        if unit is None:
            noun, _ = count_noun(text, _tail(last), s.end)
            unit = "count" if noun else None
        if unit is None:
            continue
        cue = cue if cue is not None else bool(_cues().respectively.search(text, s.start, s.end))
        if not (
            cue
            or len(run) >= 3
            or all(m.scale == last.scale != 1.0 for m in run)
            or _YEARS_RIGHT_AFTER.match(text, _tail(last))  # "12 and 15 GW in 2022 and 2023"
        ):
            continue
        if exclusion(text, last, s.start, paragraph_start):
            continue
        members = [m for m in run[:-1] if m.unit is None and not exclusion(text, m, s.start, paragraph_start)]
        for m in members:
            if m.scale == 1.0 and last.scale != 1.0 and "," not in m.number:
                m.scale = last.scale  # "9.75 and 3.52 million kilowatts"
            m.unit, m.count_noun = unit, noun


def _years_respectively(text: str, s, refs: list, found: list[Fact]) -> None:
    """Years listed before a list of figures that "respectively" (分别) pairs with them: "2025-2027年…分别为12、
    15、18GW", "in 2022, 2023 and 2024 were 5, 6 and 7 GW, respectively": each figure is of its year."""
    if len(found) < 2:
        return
    cue = _cues().respectively.search(text, s.start, s.end)
    paired: set[int] = set()
    for years, end in _year_lists(text, refs):
        after = [f for f in found if f.char_start > end and id(f) not in paired]
        run = after[: len(years)]
        if not cue and not (run and _LABEL_COLON.fullmatch(text, end, run[0].char_start)):
            # "23.1 and 26.4 percent in 2022 and 2023": as many years right after a list of figures (or
            # before it, as their label: "2021/2022/2023: 328/365/441 GW")
            before = [f for f in found if f.char_end <= end and id(f) not in paired]
            run = before[-len(years) :] if len(before) >= len(years) else []
            if not run or not _YEARS_RIGHT_AFTER.match(text, run[-1].char_end):
                continue
        if len(run) == len(years) and len({(f.unit, f.measure) for f in run}) == 1:
            for fact, year in zip(run, years, strict=True):
                fact.year = year
                paired.add(id(fact))


def _year_lists(text: str, refs: list) -> list[tuple[list[int], int]]:
    """(years, end) of each list of years a sentence writes: a span "2025-2027年" (at most six years), or
    explicit years joined by commas and conjunctions ("2022, 2023 and 2024", 2021年、2022年)."""
    out, run = [], []
    for r in refs:
        if r.kind == "multi" and not r.base:
            bounds = [int(y) for y in _SPAN_YEARS.findall(text, r.start, r.end)]
            if len(bounds) == 2 and 1 <= bounds[1] - bounds[0] <= 5:
                out.append((list(range(bounds[0], bounds[1] + 1)), r.end))
        # (the last year of a list that labels figures after a colon is marked the base of those before it)
        if r.kind == "explicit" and r.year and (not r.base or _LABEL_COLON.match(text, r.end)):
            if run and _YEAR_JOIN.fullmatch(text, run[-1][1], r.start):
                run.append((r.year, r.end))
            else:
                run = [(r.year, r.end)]
            if len(run) >= 2:
                if len(run) > 2 and out and out[-1][1] == run[-2][1]:
                    out.pop()  # (the list goes on: "2021, 2022 and 2023" is one list, not two)
                out.append(([y for y, _ in run], run[-1][1]))
    return sorted(out, key=lambda o: o[1])


_SPAN_YEARS = re.compile(r"(?:19|20)\d\d")
# the years of a list of figures said right after its unit: "… percent in 2022 and 2023", "in 2021, 2022 and 2023"
_YEARS_RIGHT_AFTER = re.compile(
    r"[^\d\n.;,]{0,24}?\s(?i:in|for)\s+(?:19|20)\d\d(?:\s*(?:,\s*and|,|and)\s*(?:19|20)\d\d)+(?![\d-])"
)
_YEAR_JOIN = re.compile(r"\s*(?:,\s*and|,|and|、|和|及|与|/)\s*", re.IGNORECASE)
_LABEL_COLON = re.compile(r"\s*年?\s*[)）]?\s*[:：]\s*")


def _joined(text: str, prev_end: int, q: Quantity) -> bool:
    """A list joiner between two members, after the first character of the unit the list shares when
    each member repeats it: "提高1.1个和1.2个百分点"."""
    signed = q.start > prev_end and text[q.start - 1] in "+-−"  # "0.9, -3.1, 6.4 … percent"
    if _cues().list_join.fullmatch(text, prev_end, q.start - signed):
        return True
    split = q.unit_raw[:1] if q.unit and len(q.unit_raw) > 1 and not q.unit_raw.isascii() else ""
    return (
        bool(split)
        and text.startswith(split, prev_end)
        and bool(_cues().list_join.fullmatch(text, prev_end + 1, q.start))
    )


def _tail(q: Quantity) -> int:
    """Where what is written after a number ends: its scale and unit, or the number itself."""
    return q.tail_end if q.unit or q.scale != 1.0 else q.end


def _intensity(text: str, q: Quantity, start: int) -> None:
    """Energy per output: tonnes of standard coal after "per 10,000 yuan of output value" or 万元产值
    (between the previous fact and this one) measure an intensity, not an amount."""
    if q.unit in _intensity_numerators():
        for m in _intensity_denominator().finditer(text, start, q.start):
            unit = _intensity_unit().get((m.group().lower(), q.unit))
            if unit:
                q.unit = unit
                return


@cache
def _name_units() -> frozenset[str]:
    return frozenset(e["unit"] for e in catalog.grammar()["name_units"])


@cache
def _intensity_unit() -> dict[tuple[str, str], str]:
    """(denominator word, the unit of the figure it turns into an intensity) -> the intensity's unit."""
    return {
        (w.lower(), e.get("of", "tce")): e["unit"]
        for e in catalog.grammar()["intensity_denominators"]
        for w in e["words"]
    }


@cache
def _intensity_numerators() -> frozenset[str]:
    return frozenset(of for _word, of in _intensity_unit())


@cache
def _intensity_denominator() -> re.Pattern:
    return re.compile(_words_pattern(sorted({w for w, _of in _intensity_unit()})), re.IGNORECASE)


@dataclass(frozen=True)
class ReportContext:
    report_id: str
    report_year: int | None  # the year the report speaks of: undated facts are of it
    agency_id: str
    region_code: str = "CN"  # the province a provincial report is about; facts default to it
    # the year it was published, when a sidecar says: "last year" and 今年 count from it (a bulletin on
    # 2023 published in 2024 says 去年 of 2023)
    published_year: int | None = None
    # of a national report, the province its title names inside a body's name (国网湖北省电力有限公司,
    # 湖北电力交易中心): what "全省" / "the province" refers to when no paragraph named one
    home_region: str | None = None
    # of a report of Hong Kong, Macao or Taiwan about the mainland (its facts default to CN): the place
    # whose own words (我國 in Taiwan) still name it
    own_region: str | None = None
    # the year it covers straddles two calendar years (a fiscal or academic year, a heating season: "2023/24
    # 年度"): its undated figures and those of its "this year" (本年度, 上年度) are of no one calendar year;
    # report_year is then the year it came out in, for what is past and what is a goal
    straddles: bool = False

    @classmethod
    def of(cls, report: dict) -> ReportContext:
        """The context of a report row (as `Report.row()` gives it)."""
        published = str(report.get("published") or "")[:4]
        published_year = int(published) if published.isdigit() else None
        # a dated report of no year covers a year across two calendar years: it speaks from the year it
        # came out in, of figures of no one calendar year
        straddles = report["report_year"] is None and published_year is not None
        return cls(
            report["report_id"],
            published_year if straddles else report["report_year"],
            report["agency_id"],
            report["region_code"],
            published_year,
            straddles=straddles,
        )

    @property
    def undated_year(self) -> int | None:
        """The year of a figure no time expression dates."""
        return None if self.straddles else self.report_year


def extract_facts(original: str, report: ReportContext) -> list[Fact]:
    """Every numeric fact of a report, in text order. The grammar reads a normalized view of the text
    (simplified characters, ASCII digits and signs, scraper noise removed: `normalize`); every offset, the
    number, its unit and the quote are then given as written in the original."""
    v = normalize.view(original)
    if report.published_year is None:
        # without a sidecar, a line that dates the text says when it was written ("去年" counts from it)
        dated = _written_in(normalize.translate(original[:1500]))
        report = replace(report, published_year=dated) if dated else report
    if report.region_code == "CN" and report.home_region is None:
        report = replace(report, home_region=_home_region(v.text))
    simplified = context.simplified(v.text)  # (the cue words and place names are simplified characters)
    if report.region_code == "CN" and context.uses_roc_calendar(simplified):
        # a text dated in the calendar of Taiwan writes 我國 for Taiwan, whoever the sidecar says published it
        report = replace(report, own_region="CN-TW")
    elif report.region_code in context.SEPARATE_SYSTEMS and _about_the_mainland(
        simplified, report.region_code
    ):
        # a Hong Kong paper's column on the mainland's NEV sales
        report = replace(report, region_code="CN", own_region=report.region_code)
    facts = _extract(v.text, report, simplified)
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


def _extract(text: str, report: ReportContext, view: str | None = None) -> list[Fact]:
    facts: list[Fact] = []
    # numbers are read in the text as written; what surrounds them is read with traditional characters as
    # simplified ones (same offsets), so that one list of cue words and names serves both scripts
    # (`view`: that reading, when the caller has it already: `context.simplified(text)`)
    view = context.simplified(text) if view is None else view
    sentences = structure.sentences(text)
    contents = _table_of_contents(view)
    legend = _COMPARATIVES_LEGEND.search(view)  # "comparatives for 2018 in brackets", 括号内为上年数据
    legend_span = legend.span() if legend else None
    comparatives = _bracketed_comparatives_legend(legend)
    paragraphs = structure.paragraphs(text)
    section_agency = _section_agencies(view, sentences, report.agency_id)
    paragraph_region: dict[int, str] = {}
    discourse = context.Discourse(report.report_year)
    any_facts = seen_body = led = title_dates = False
    whole: tuple[int, str | None] | None = None  # (paragraph, dimension) of the last sentence's facts
    all_regions = _own_zones(view, context.place_mentions(view, 0, len(view)), report.region_code)
    starts = [m[0] for m in all_regions]
    title_span = structure.title_span(text)
    title_at = (title_span or (None,))[0]  # (below what a scraped page keeps of its site)
    title_line = view[title_span[0] : title_span[1]].strip() if title_span else None
    record_region: str | None = None  # the place a record's location field gave, until the record ends
    section_places: dict[int, str] = {}  # heading rank -> the one place a heading of that rank names
    lead_place: tuple[int, str | None] = (
        -1,
        None,
    )  # (paragraph, the one place the lead before its colon names)
    for s in sentences:
        if lead_place[0] != s.paragraph:
            lead_place = (s.paragraph, _lead_place(view, paragraphs[s.paragraph], all_regions, starts))
        if contents and any(a <= s.start < b for a, b in contents):
            continue  # "2  2020 in numbers ........ 4": a table of contents' entries and page numbers
        if s.end - s.start <= 80 and _RUNNING_HEAD.search(view, s.start, s.end):
            continue  # "・287・  山西年鉴（2024）": a printed page's number and running title, amid the text
        if (
            title_at is not None and s.start > title_at and view[s.start : s.end].strip() == title_line
        ) or structure.is_page_number(view[s.start : s.end]):
            continue  # a printed page's number, or the title again at its top: no heading, no time
        record_region = _record_region(view, s, all_regions, starts, record_region)
        discourse.leave_span(s.paragraph)
        rank = 0  # an enumerated heading's depth (一、 2, （一） 3, ...), when this sentence opens one
        # (a table's unit line, "单位：万千瓦" under its title, goes on with the title's passage)
        if (
            s.heading
            and not _list_item(view, s, paragraphs[s.paragraph])
            and not _UNIT_LINE_START.match(view, s.start)
            and not _tile_label(view, s.start)
            and not _TILE_FIGURE.fullmatch(view[s.start : s.end].strip())  # (the tile's figure itself)
        ):
            para = paragraphs[s.paragraph]
            rank = structure.heading_rank(text[para.start : para.end])
            discourse.heading(rank)
            if title_at is None or s.start > title_at:  # (the report's own place is the title's business)
                section_places = _heading_places(view, section_places, rank, all_regions, starts, s)
        elif _QUESTION.match(view, s.start) or _ANNEX.match(view, s.start):
            # a reporter's question starts a new passage of a transcript too, and so does an annex
            discourse.heading()
        region_hits = all_regions[bisect.bisect_left(starts, s.start) : bisect.bisect_left(starts, s.end)]
        opening = _OPENING_DATELINE.match(view, s.start)
        refs = [
            r
            for r in context.time_refs(
                view, s.start, s.end, report.report_year, report.published_year, not report.straddles
            )
            if not _ENUMERATOR_YEAR.fullmatch(text, paragraphs[s.paragraph].start, r.end + 1)
            and not _SOURCE_NOTE.search(view, max(s.start, r.start - 40), r.start)
            and not (opening and r.start < opening.end())  # (when the story was filed dates no figure)
            and not (legend_span and legend_span[0] <= r.start < legend_span[1])  # (括号内为上年数据)
            # (a year in brackets that tells when the things named were licensed, built or founded:
            # "新的士（2023年發出牌照）400 250", "Plant B (commissioned 2021)")
            and not _dates_an_event_in_brackets(view, r)
            # (a title's year of the round that approved what it lists: 2021年度立项项目综合绩效评价结论; not
            # a batch's year beside its count: 首批零碳工厂（2022年度认定，共9家）)
            and not (
                s.heading
                and s.start < _TITLE_ZONE
                and _BATCH_YEAR.match(view, r.start)
                and not _DIGIT.search(view, r.end, s.end)
            )
        ]
        refs = discourse.date_periods(_without_figures_of_cells(view, refs))
        qs = find_quantities(text, s.start, s.end)
        # ranges first: the first end of "1-2 percent" takes the unit of the second, so it is no bare number
        bounds = _apply_ranges(text, qs)
        _apply_compared_units(text, qs)
        _apply_counts_named_elsewhere(text, qs, s.start)
        _apply_year_labels(text, qs)
        if not s.heading:  # (a caption's unit is its table's, read with the table)
            _apply_unit_said_in_brackets(view, qs, s.start, s.end)
        if comparatives is not None:
            _apply_bracketed_comparatives(text, qs)
        _apply_units_below(text, qs)
        kept = (
            _fact_quantities(text, qs, s, paragraphs[s.paragraph].start, comparatives is not None)
            if qs
            else []
        )
        title_refs = discourse.title(refs) if s.heading and s.start == title_at else None
        if title_refs is not None:
            # a title that names the year the report covers ("关于2022年度…情况的通报"), not its edition
            title_dates = discourse.subject is not None and not _names_edition(view[s.start : s.end])
        # the first sentence of figures of a paragraph, in a passage that nothing dates yet
        opens_undated = (
            bool(kept) and (whole is None or whole[0] != s.paragraph) and discourse.governing() is None
        )
        if kept:
            found, refs = _sentence_facts(
                view,
                s,
                report,
                kept,
                bounds,
                refs,
                region_hits,
                discourse,
                paragraph_region,
                section_agency.get(s.section, report.agency_id),
                whole,
                record_region
                or lead_place[1]
                or _section_place(section_places)
                or _place_run_on(view, s, facts),
            )
            _years_respectively(view, s, refs, found)
            if comparatives is not None:
                _years_of_bracketed_comparatives(view, found, comparatives)
            _bases_of_changes(view, found)
            # the last figure of the sentence before, in this paragraph or (news: a sentence a paragraph)
            # in the one right before it
            before = facts[-1] if facts and whole and s.paragraph - whole[0] <= 1 and not s.heading else None
            _refer_back(view, found, before)
            if before is not None and _lists_parts(view, s, whole):
                last = before.sentence_start
                _parts_of_whole(view, found, [f for f in facts[-50:] if f.sentence_start == last])
            facts += found
            whole = (s.paragraph, _measured_dimension(found))
        # a time governs later sentences when a heading or a lead-in gives it, when the report's first
        # sentence of facts gives it (a news lead), or when a sentence opens with it ("In 2023, ...")
        # ... or, in news, when the report's first sentence says "last year" without a figure ("Regions
        # reported solid progress in cutting carbon last year.")
        news_lead = not (kept or seen_body or s.heading) and any(r.kind == "last" for r in refs)
        # (under a title that names the year, a year the first figures give in passing does not date the
        # rest: "关于2022年度…的通报" / "上述单位2021年综合能源消费量…")
        lead = (kept and not any_facts and not led and not title_dates) or news_lead
        led = led or news_lead
        seen_body = seen_body or not s.heading
        # (an enumerated item that states figures is one item of a list, not a heading over the next ones)
        # (a date that signs the text, "Shenzhen, March 2024", dates nothing in it and sets no goal)
        dateline = structure.is_dateline(text[s.start : s.end])
        leads = (
            _leads(text, s) and not (kept and _list_item(view, s, paragraphs[s.paragraph])) and not dateline
        )
        # (the date of an event the sentence recalls dates nothing after it)
        dating = [r for r in refs if not _EVENT_DATED.search(view, max(s.start, r.start - 60), r.start)]
        governing = dating if lead or leads else [r for r in refs if _topical(r, s, kept, view)]
        governing = title_refs if title_refs is not None else governing
        governing = [] if dateline and not kept else governing
        if _NOTE_OPENING.match(view, s.start):
            governing = []  # ("Note 1: 2023 restated to include …": a note's year dates the note alone)
        if s.heading and _tile_label(view, s.start):
            governing = []  # ("single-day record, set on 31 December 2019": a tile's label dates its figure alone)
        if opens_undated and not governing:
            governing = _dating_the_first_figure(dating, kept)
        # a heading or lead-in that names goals ("二、2024年主要目标任务"), not a sentence that states figures
        sets_goals = not kept and (
            bool(context.target_cue(view, s.start, s.end))  # (not a scheme's name: 資助計劃執行情況)
            or (s.heading and bool(_WORK_PLAN_HEADING.search(view, s.start, s.end)))
        )
        if not kept and _COLUMN_GAP.search(view, s.start, s.end):
            # a table's header of several years ("縣市｜113年1-9月｜112年1-9月｜市占率"): the latest one governs
            # what follows (its other columns, the next paragraph), not the one written last
            governing = sorted(
                governing, key=lambda r: (r.kind == "explicit" and r.year is not None, r.year or 0)
            )
        discourse.update(governing, leads, s.paragraph, sets_goals)
        span = _opening_span(view, s, refs, kept)
        if span is not None:
            discourse.open_span(span, s.paragraph)
        if rank and not kept and refs and all(r.kind == "multi" and not r.base for r in refs):
            # a heading over several years and no one of them ("Table 1 Applications by branch,
            # 2016-2021"): its figures are totals, shares and rates of the span, of no single year
            discourse.current, discourse.paragraph = refs[-1], s.paragraph
        runs_on = text[s.start : s.end].rstrip().endswith((";", "；"))
        discourse.note_goals(refs, s.paragraph, runs_on, _goal_stated(found if kept else []))
        discourse.enter_section(rank)
        discourse.note_periods(refs)
        any_facts = any_facts or bool(kept)
        # (a place a figure is held against, "高于全国平均水平", "above the national average", is not the
        # place the paragraph goes on about)
        placed = [m for m in region_hits if not _AN_AVERAGE_AFTER.match(view, m[1])]
        if placed:
            own_place = report.own_region or report.region_code
            own = context.names_own_country(view, placed[-1], own_place, report.own_region is not None)
            paragraph_region[s.paragraph] = own_place if own else placed[-1][2]
    return facts


_COLUMN_GAP = re.compile(r"[|｜\t]|\S(?: {2,}|\u3000{1,})\S")
_AN_AVERAGE_AFTER = re.compile(r"\s*(?:的)?(?:平均|均值|(?i:average|mean)\b)")


def _tile_label(view: str, start: int) -> bool:
    """Whether a line names the figure alone on the line above it, as an infographic's tiles have them
    ("1,862" over "buildings audited"): a label, no heading that starts a new passage."""
    above_end = view.rfind("\n", 0, start)
    while above_end > 0 and view[above_end - 1] == "\n":
        above_end -= 1
    above = view[view.rfind("\n", 0, above_end) + 1 : above_end].strip() if above_end > 0 else ""
    return bool(above) and _TILE_FIGURE.fullmatch(above) is not None


# (a figure with a unit, a decimal or thousands, not a page's bare number: "11")
_TILE_FIGURE = re.compile(
    r"[<>≥≤~约]?\s*[-+]?(?:\d[\d,.]*\s*(?:[%％]|[A-Za-z]{1,5}|[\u4e00-\u9fff]{1,3})|\d{1,3}(?:,\d{3})+|\d+\.\d+)\+?"
)


# the date of an event a sentence recalls ("the loan signed by the Company in June 2023", "launched in
# 2021"): it dates that event, not the figures of the sentences after it
def _dates_an_event_in_brackets(view: str, r) -> bool:
    """Whether a year stands in brackets that say when the things named were licensed, built or founded,
    the event after the year (（2023年發出牌照）) or before it ("(commissioned 2021)")."""
    opened = view[max(0, r.start - 1) : r.start] in ("(", "（")
    return bool(
        (opened and _EVENT_AFTER_IN_BRACKETS.match(view, r.end))
        or (
            _EVENT_BEFORE_IN_BRACKETS.search(view, max(0, r.start - 20), r.start)
            and (_EVENT_AFTER_IN_BRACKETS.match(view, r.end) or _CLOSES_BRACKET.match(view, r.end))
        )
    )


_EVENT_AFTER_IN_BRACKETS = re.compile(
    r"\s*(?:年(?:底|末)?)?\s*[\u4e00-\u9fff]{0,4}?(?:发出|颁发|发放|建成|投产|投运|成立|批准|核准|认定|注册|登记|并网|开工)"
    r"[^()（）\n\d]{0,8}[)）]"
)
_EVENT_BEFORE_IN_BRACKETS = re.compile(
    r"[(（]\s*(?i:commissioned|built|licensed|founded|established|issued|installed|connected)(?:\s+(?i:in))?\s*$"
)
_EVENT_DATED = re.compile(
    r"\b(?i:signed|launched|founded|established|introduced|issued|set\s+up|opened|approved|adopted|awarded"
    r"|announced|commissioned)\s+(?:(?i:by)\s+[^,;:.\d]{1,40}?\s+)?(?i:in|on)\s+$"
)
# a dateline that opens a story's first sentence: "Hong Kong, 18 March 2026 - Reference is made to…",
# "BEIJING, July 16 (Xinhua) -- …", 新华社北京2024年3月5日电
_OPENING_DATELINE = re.compile(
    rf"[ \t]*[A-Z][A-Za-z .'-]{{1,30}},\s*(?:\d{{1,2}}\s+(?:{structure.MONTHS})\.?(?:\s+(?:19|20)\d\d)?"
    rf"|(?:{structure.MONTHS})\.?\s+\d{{1,2}}(?:,?\s+(?:19|20)\d\d)?)\s*(?:\([A-Za-z ]{{2,20}}\)\s*)?[-–—]{{1,2}}\s"
    r"|[ \t]*[\u4e00-\u9fff]{2,10}?(?:(?:19|20)\d\d年)?\d{1,2}月\d{1,2}日电"
)
# an annex after the text: "附表  部分寄递企业绿色包装指标（2022年）", "Annex 2: ..."
_ANNEX = re.compile(r"\s*(?:附表|附件|附录|(?i:annex|appendix))\s*\d*\s*[:：]?\s*(?=\S)")
# a heading over the year's work to be done: "二、2025年工作安排", "今年重点工作", "Priorities for 2025"
_WORK_PLAN_HEADING = re.compile(
    r"工作安排|重点工作|工作重点|主要任务|重点任务|工作部署|(?i:\b(?:priorities|key\s+tasks|work\s+plan)\b)"
)
_QUESTION = re.compile(
    r"\s*(?:问|记者|提问|(?i:q|question|reporter))\s*(?:[(（][^()（）]{0,40}[)）])?\s*[:：]"
)


def _goal_stated(found: list[Fact]) -> context.TimeRef | None:
    """The year of the last goal a sentence stated, as a deadline the sentences it runs on into share."""
    goals = [f for f in found if f.measure == "target" and f.year is not None]
    if not goals:
        return None
    return context.TimeRef(
        goals[-1].char_start, goals[-1].char_end, "explicit", goals[-1].year, deadline=True
    )


def _list_item(text: str, s, paragraph) -> bool:
    """An enumerated line that states figures and ends like a clause ("（一）非化石能源消费比重达到20%左右；")
    is an item of the list a lead-in opened ("到2025年："), not a heading that ends the lead-in's scope."""
    body = text[s.start : s.end].rstrip()
    return paragraph.level == 2 and body.endswith((";", "；", "。", ".")) and bool(_DIGIT.search(body))


_DIGIT = re.compile(r"\d")
_PARTS_LEAD = re.compile(r"\W*(?:其中|(?i:of (?:this|which|these|them)|among (?:them|which|these)))")


def _lists_parts(text: str, s, whole: tuple[int, str | None] | None) -> bool:
    """Whether a sentence opening with 其中 / "of this" lists the parts of what the sentence before it,
    in the same paragraph, measured (the whole's dimension is `whole[1]`)."""
    return whole is not None and whole[0] == s.paragraph and bool(_PARTS_LEAD.match(text, s.start))


def _measured_dimension(found: list[Fact]) -> str | None:
    table = units.unit_table()
    dims = [table[f.unit].dimension for f in found if f.unit in table]
    return next((d for d in dims if d not in ("ratio", "ratio_change", "multiple")), None)


_ENUMERATOR_YEAR = re.compile(r"\s*[(（]\s*\d{4}\s*[)）]")  # "(2021)" opening a paragraph numbers it


# "The government wants it to hit 20 percent by 2025", "将其提高到20%": a pronoun for what the sentence
# before measured
_REFERS_BACK = re.compile(
    r"\b(?i:it|its|this figure|the figure|this ratio|the ratio|this share|this proportion)\b|[其该这]一?(?:比例|比重|指标|数字)|将其"
)


def _refer_back(text: str, found: list[Fact], before: Fact | None) -> None:
    """A figure the catalog could not name, whose clause refers back with a pronoun, measures what the last
    figure of the paragraph's previous sentence measured, when its unit is of the same kind."""
    if before is None or before.indicator_id.startswith("derived_"):
        return
    renamed: dict[str, str] = {}  # a rate that took a renamed figure's derived indicator follows it
    for f in found:
        if not f.indicator_id.startswith("derived_"):
            continue
        if f.indicator_id in renamed:
            _set_indicator(f, renamed[f.indicator_id], "")
            continue
        clause = _clause_start(text, f.sentence_start, f.char_start)
        if f.unit == before.unit and _REFERS_BACK.search(text, clause, f.char_start):
            _set_indicator(f, before.indicator_id, "")
            continue
        # "China added 12.6 GW of solar capacity in October. ... installations totalled 252.9 GW": the
        # clause names part of an indicator, the sentence before the rest
        # (bounded: a sentence may be a whole line of thousands of characters)
        subject = text[max(before.sentence_start, before.char_start - 300) : before.char_start]
        own_words = text[clause : f.char_start]
        words = f"{subject} {own_words}"
        own = _indicator_of_words(words, f.unit, f.measure)
        if (
            own
            and own not in context.indicator_matcher().generic
            and context.names_part_of(own, context.PhraseHits.of(own_words))
        ):
            renamed[f.indicator_id] = own
            _set_indicator(f, own, "")


def _parts_of_whole(text: str, found: list[Fact], wholes: list[Fact]) -> None:
    """ "... newly installed renewable capacity reached 74.33 million kW. Of this, wind power 14.62 million
    kW, solar power 59.71 million kW": each part is of what the whole measured (an addition, not the installed
    total), when the catalog has that for the part's own thing. The whole is the first figure of the
    sentence before of the part's dimension; what it measured, the phrases of its indicator beyond the first
    match group (which names its thing: renewable, wind)."""
    matcher = context.indicator_matcher()
    for f in found:
        dimension = matcher.dimension.get(f.indicator_id)
        whole = next((w for w in wholes if matcher.dimension.get(w.indicator_id) == dimension), None)
        if whole is None or f.indicator_id.startswith("derived_"):
            continue
        subject = text[max(whole.sentence_start, whole.char_start - 300) : whole.char_start]
        aspects = context.aspect_phrases(whole.indicator_id, context.PhraseHits.of(subject))
        clause = _clause_start(text, f.sentence_start, f.char_start)
        words = f"{text[clause : f.char_start]} {' '.join(aspects)}"
        own = _indicator_of_words(words, f.unit, f.measure)
        if (
            aspects
            and own
            and matcher.groups[own] > matcher.groups[f.indicator_id]
            and own not in matcher.generic
        ):
            _set_indicator(f, own, "")


_NOTE_OPENING = re.compile(
    r"\s*(?:(?i:notes?|source)\s*\d{0,2}\s*[:：.]|(?:注|备注|说明|資料來源|资料来源)\s*\d{0,2}\s*[:：])"
)


def _dating_the_first_figure(refs, kept) -> list:
    """ "Installed renewable capacity reached 1.52 billion kW by the end of 2023.": the time written right
    after a paragraph's first figure, when it opens a passage nothing dates yet, dates the paragraph."""
    first = kept[0][0]
    after = [r for r in refs if r.start >= first.end and not r.base]
    nxt = kept[1][0].start if len(kept) > 1 else None
    return after[:1] if after and (nxt is None or after[0].start < nxt) else []


def _sums_up_the_listed_places(text: str, q: Quantity, sentence_start: int) -> bool:
    """A numeral in words that counts the places the list right before it names, as many as it says
    (大同、朔州两市, 浙江、江苏和安徽三省): it sums up the list and measures nothing."""
    if q.value is None or not 2 <= q.value <= 10 or any(ch.isdigit() for ch in text[q.start : q.end]):
        return False
    if not _PLACE_COUNTED.match(text, q.end):
        return False
    listed = _LISTED_NAMES.search(text, max(sentence_start, q.start - 60), q.start)
    return listed is not None and len(_LIST_SEPARATOR.findall(listed.group())) + 1 == q.value


_LISTED_NAMES = re.compile(r"(?:[\u4e00-\u9fff]{1,8}[、和及与])+[\u4e00-\u9fff]{1,8}$")
_LIST_SEPARATOR = re.compile(r"[、和及与]")


def _counts_listed_places(q: Quantity) -> bool:
    """A count of places written right after the list that names them (广东、江苏两省, 三省區)."""
    return q.unit == "count" and bool(_PLACE_COUNTED.match(q.count_noun or ""))


_PLACE_COUNTED = re.compile(r"个?(?:省|市|县|区|地市|省区|省份|城市|地区)")


def _opening_span(text: str, s, refs, kept) -> context.TimeRef | None:
    """The span of written years a sentence of prose opens with ("Between 2019 and 2021", "Over
    2019-2021,", 2016—2020年，), when it gives no single year too."""
    if s.heading or any(r.kind in ("explicit", "this", "last", "period") and not r.base for r in refs):
        return None
    return next(
        (
            r
            for r in refs
            if r.kind == "multi"
            and not r.base
            and len(_A_WRITTEN_YEAR.findall(text, r.start, r.end)) == 2
            and _topical(r, s, kept, text)
        ),
        None,
    )


_A_WRITTEN_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _topical(ref, s, kept, text: str = "") -> bool:
    """A time expression that opens its sentence, before any of its numbers ("截至2023年底，", "In 2023,"),
    and does not name a goal's year ("To meet the 2025 goal of ...")."""
    # (a count of the places a list just named is no figure the time comes after: "…河北三省區為…，2023年")
    opens = ref.start - s.start <= 30 and not any(
        q.start < ref.start and not _counts_listed_places(q) for q, _ in kept
    )
    return opens and not _GOAL_NOUN_AFTER.match(text, ref.end)


# ... nor a document's ("A 2021 guideline set a goal ...", 2016年版标准): a year that names a thing
_GOAL_NOUN_AFTER = re.compile(
    r"\s*(?:(?i:goals?|targets?|guidelines?|plans?|polic(?:y|ies)|documents?|notices?|standards?|codes?"
    r"|editions?|versions?|white\s+papers?|laws?|regulations?)\b|年?(?:的)?(?:目标|版|方案|规划|意见|通知|标准))"
)


# the date of a source cited in brackets dates nothing: "（来源：国家统计局，2025年2月28日）", "(Source: NBS, 28 Feb 2025)"
_SOURCE_NOTE = re.compile(r"[(（]\s*(?:资料|数据)?来源\s*[:：][^()（）]*$|\(\s*(?i:sources?|data)\s*:[^()]*$")


_NAMES_A_GOAL_BEFORE = re.compile(r"\b(?i:of|to|toward|towards|with)\s+(?i:the|its|their)\s+$")


def _leads(text: str, s) -> bool:
    """A heading or a sentence ending in a colon introduces what follows ("By 2025:")."""
    return s.heading or text[s.start : s.end].rstrip().endswith((":", "："))


# "Hainan, which plans to end sales of fuel cars by 2030, raised ...", "The trading system, launched in
# July 2021, covers ...": a clause about its subject
_ASIDE = re.compile(
    r",\s+(?:which|who|whose|(?:first\s+)?(?:launched|established|introduced|set\s+up|founded|started|created"
    r"|unveiled|issued|released|adopted|approved|opened|built|commissioned)\b)[^,;:]*,",
    re.IGNORECASE,
)


def _outside_asides(text: str, s, refs: list, kept) -> list:
    """The time expressions of a sentence without those inside an aside that states no figure: a deadline
    or a year said of the subject in passing dates nothing in the sentence or after it."""
    asides = [
        m.span()
        for m in _ASIDE.finditer(text, s.start, s.end)
        if not any(m.start() <= q.start < m.end() for q, _ in kept)
    ]
    return [r for r in refs if not any(a <= r.start and r.end <= b for a, b in asides)]


def _sentence_facts(
    view,
    s,
    report,
    kept,
    bounds,
    refs,
    region_hits,
    discourse,
    paragraph_region,
    agency,
    whole=None,
    record=None,
):
    phrase_hits = context.PhraseHits.of(view, s.start, s.end)  # every window lies inside the sentence
    parts = _lists_parts(view, s, whole)
    part_of = whole[1] if parts and whole else None
    # a quantity is not a time reference, even when it looks like a year ("2021 million kilowatts")
    refs = [r for r in refs if not any(r.start < q.end and q.start < r.end for q, _ in kept)]
    refs = _outside_asides(view, s, refs, kept)
    # "63% of the 2030 goal": a year that names a goal dates the goal's figures after it, not those before
    refs = [
        replace(r, owned=True)
        if _NAMES_A_GOAL_BEFORE.search(view, max(0, r.start - 12), r.start)
        and _GOAL_NOUN_AFTER.match(view, r.end)
        else r
        for r in refs
    ]
    refs, own = context.attach(view, refs, [(q.start, max(q.tail_end, end)) for q, end in kept])
    sentence = SentenceContext(
        view,
        s,
        report,
        phrase_hits,
        region_hits,
        refs,
        bounds,
        paragraph_region.get(s.paragraph),
        agency,
        discourse.governing(),
        discourse.deadline is not None,
        discourse.year_in(s.paragraph),
        discourse.goal_in(s.paragraph),
        discourse.open_goal,
        part_of,
        parts,
        record_region=record,
    )
    facts = []
    prev_end = prev_tail = s.start
    prev_fact: Fact | None = None
    for i, (q, noun_end) in enumerate(kept):
        fact = _resolve(sentence, q, prev_end, noun_end, prev_fact, own.get(i), prev_tail)
        facts.append(fact)
        prev_end, prev_tail, prev_fact = max(q.tail_end, noun_end), q.tail_end, fact
    if context.cue_search("respectively", view, s.start, s.end):
        _distribute(sentence, kept, facts)
    _share_list_indicator(sentence, kept, facts)
    _range_from_its_upper_end(sentence, facts)
    _date_the_ends_of_a_span(view, s, facts)
    return facts, refs


# "830万辆和820万辆": a classifier may stand between a member and the conjunction
_GROUP_GAP = re.compile(
    r"\s*(?:[\u3400-\u9fff](?=[和及与、，,]))?(?:,\s*and|,|、|，|和|及|与|and|or)\s*"
    r"(?:RMB|CNY|US\$|HK\$|\$|USD|HKD)?\s*[-+−]?",
    re.IGNORECASE,
)  # a member may carry its sign or its currency: 增长-0.2%、17.4%、-0.4%; "RMB4 trillion and RMB3.5 trillion"


def _distribute(c: SentenceContext, kept, facts: list[Fact]) -> None:
    """A list of numbers with "respectively" (分别): the i-th number belongs to the i-th member of the list
    of places or of things named before it ("Jilin, Shanghai and Hebei cut ... by 8.7, 7.2 and 7.1
    percent"), or, for changes after a list of figures, to the i-th of those figures."""
    groups, group = [], [0]
    for i in range(1, len(kept)):
        if _counts_listed_places(kept[i][0]):
            groups.append(group)  # "…分别为4.2、2.6、1.3GW，五省合计…": the count ends the list
            group = []
            continue
        if group and _GROUP_GAP.fullmatch(c.text, kept[group[-1]][0].tail_end, kept[i][0].start):
            group.append(i)
        else:
            groups.append(group)
            group = [i]
    groups.append(group)
    for g in (g for g in groups if len(g) > 1):
        first = kept[g[0]][0].start
        cue = context.cue_search("respectively", c.text, c.sentence.start, first)
        first = cue.start() if cue else first  # the list ends where "分别" (respectively) starts
        before = [m for m in c.region_hits if m[1] <= first]
        places = context.coordinated(c.text, before)
        if len(places) != len(g) and before and before[-1][2] == "CN":
            # "Inner Mongolia, Xinjiang and Hebei led the country, adding ...": the country they are
            # ranked in is not a member of the list
            places = context.coordinated(c.text, before[:-1])
        if len(places) == len(g):
            for i, place in zip(g, places, strict=True):
                # (partners of the country's trade are no places of its figures: 对巴基斯坦、沙特出口分别增长…)
                foreign_trade = place[2].startswith("other:") and _EXPORTS.search(
                    c.text, c.sentence.start, c.sentence.end
                )
                facts[i].region_code = (
                    (_trader(c.text, c.region_hits, c.sentence.start, first) or facts[i].region_code)
                    if foreign_trade
                    else place[2]
                )
        things = _listed_things(c, first, len(g))
        # the figures right after the list (no other figure between): a later group ("累计分别达到…")
        # has words of its own
        next_to_list = bool(things) and not any(
            things[-1][1] <= q.start < kept[g[0]][0].start for q, _ in kept
        )
        earlier = [f for f in facts[: g[0]] if f.measure != "change"]
        if len(things) == len(g):
            for k, (i, (_, end, _)) in enumerate(zip(g, things, strict=True)):
                q = kept[i][0]
                # "422 million, 441 million and 609 million kilowatts": the unit is written once, last
                unit = kept[g[-1]][0].unit if q.unit == "count" and not q.count_noun else q.unit
                # each member is the whole noun phrase up to it: 万元产值综合能耗, not 综合能耗 alone
                head = _clause_start(c.text, c.sentence.start, things[0][0])
                start = things[k - 1][1] if k else (head if next_to_list else _own_name(c, things[0]))
                # ... with what every member shares: the words before the first member's name and after
                # the last one's (新增 and 装机 of 新增风电、光伏装机); a later group of figures ("累计分别达到…")
                # says for itself what it counts, so it shares only the words after the last member
                shared = _shared_words(c, things, leading=next_to_list)
                spans = [*shared, (head, things[0][0])] if next_to_list else shared
                hits = c.phrase_hits.only([*spans, (start, end)])
                window = (head if next_to_list else start, max(end, things[-1][1]))
                # a rate of change has no unit to tell a capacity from an amount of energy: the words do
                relative = facts[i].measure == "change" and unit in ("percent", "times")
                prefer = _dimension_named(c.text, (head, window[1])) if relative else None
                own = context.indicator_for(hits, [window], unit, facts[i].measure, False, prefer)
                if own:
                    _set_indicator(facts[i], own, "")
        elif len(earlier) == len(g) and all(facts[i].measure == "change" for i in g):
            for i, f in zip(g, earlier, strict=True):
                _set_indicator(facts[i], f.indicator_id, f.indicator_name)
                facts[i].region_code = f.region_code  # (each change is of its figure, where that one is)
        _share_derived_name([facts[i] for i in g])
        if cue is not None:
            _share_qualifier(c.text, cue.end(), [kept[i][0] for i in g], [facts[i] for i in g])


def _share_qualifier(text: str, cue_end: int, qs: list[Quantity], members: list[Fact]) -> None:
    """ "分别超过620万、780万和540万平方米", "respectively more than 5, 6 and 7 percent": a qualifier between
    "respectively" and the first figure holds for every figure of the list."""
    if qs[0].start - cue_end > 8:
        return
    shared = context.qualifier(text, qs[0].start, qs[0].start, cue_end)  # only the words before it
    if shared == "exact":
        return
    for f in members[1:]:
        if f.qualifier == "exact":
            f.qualifier = shared


def _share_derived_name(members: list[Fact]) -> None:
    """Members of a list that the catalog does not name measure what the first one does ("北京、江苏的专利
    授权量分别为5823件和5301件"): the name read before the list is theirs too."""
    head = members[0]
    if not head.indicator_id.startswith("derived_") or head.indicator_id == "derived_unnamed_quantity":
        return
    for f in members[1:]:
        if f.indicator_id.startswith("derived_") and f.unit == head.unit and f.measure == head.measure:
            _set_indicator(f, head.indicator_id, head.indicator_name)


def _shared_words(
    c: SentenceContext, things: list[tuple[int, int, str]], leading: bool = True
) -> list[tuple[int, int]]:
    """The catalog phrases a list's members share: those of the first member before its own name (its last
    phrase: 新增 of 新增风电), when `leading`, and those of the last member after its own name (its first
    phrase: 装机 of 光伏装机, "capacity" of "biomass capacity")."""
    first = c.phrase_hits.within(things[0][0], things[0][1]) if leading else []
    last = c.phrase_hits.within(things[-1][0], things[-1][1])
    return [(h[0], h[1]) for h in first[:-1] + last[1:]]


def _own_name(c: SentenceContext, thing: tuple[int, int, str]) -> int:
    """Where a list member's own name starts: its last catalog phrase (风电 of 新增风电)."""
    return c.phrase_hits.within(thing[0], thing[1])[-1][0]


def _clause_start(text: str, sentence_start: int, pos: int) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, max(sentence_start, pos - 40), pos)]
    return breaks[-1] if breaks else max(sentence_start, pos - 40)


def _listed_things(c: SentenceContext, first: int, n: int) -> list[tuple[int, int, str]]:
    """The n coordinated catalog phrases a list of n numbers refers to. The list may be followed by the
    head noun its members share (化学需氧量、氨氮重点工程减排量分别达到…): its phrases are skipped."""
    hits = [h for h in c.phrase_hits.hits if h[1] <= first]
    things = context.coordinated(c.text, hits)
    for skipped in (1, 2):
        if len(things) == n or len(hits) <= skipped:
            break
        things = context.coordinated(c.text, hits[:-skipped])
    return things


_YEAR_SPAN = re.compile(
    r"((?:19|20)\d\d)\s*年?\s*(?:-|–|—|~|～|至|到|\bto\b|\band\b)\s*((?:19|20)\d\d)(?!\d)", re.IGNORECASE
)
_FROM_BEFORE = re.compile(r"(?:\b(?i:from)|由|从)\s*(?:(?i:about|around)\s+|约)?$")
_TO_BETWEEN = re.compile(
    r"[^\d,;，；。]{0,30}?(?:\b(?i:to)|到|至)\s*(?:(?i:about|around)\s+|约)?", re.IGNORECASE
)


def _date_the_ends_of_a_span(text: str, s, facts: list[Fact]) -> None:
    """ "From 2012 to 2023, the share rose from 14.5 percent to 26.4 percent", 2012年至2023年…由14.5%提高到
    26.4%: the figure the change starts from is of the span's first year, the one it reaches of its last."""
    span = _YEAR_SPAN.search(text, s.start, s.end)
    if not span:
        return
    first, last = int(span.group(1)), int(span.group(2))
    for a, b in zip(facts, facts[1:], strict=False):
        both_undated = a.year is None and b.year is None and "multi_year" in a.flags + b.flags
        if (
            both_undated
            and a.unit == b.unit
            and _FROM_BEFORE.search(text, max(s.start, a.char_start - 12), a.char_start)
            and _TO_BETWEEN.fullmatch(text, a.char_end, b.char_start)
        ):
            for fact, year in ((a, first), (b, last)):
                fact.year, fact.flags = year, [f for f in fact.flags if f != "multi_year"]


def _share_list_indicator(c: SentenceContext, kept, facts: list[Fact]) -> None:
    """Figures in one list of the same unit ("added 12.6 GW, 9.8 GW and 6.1 GW of wind capacity") measure
    what the whole list says, the verb before its first member and the object after its last, unless each
    member already has an indicator of its own ("wind, solar and biomass ... respectively")."""
    own_each: bool | None = None  # "respectively" in the sentence, looked up once and only when needed
    i = 0
    while i < len(kept):
        j = i
        while (
            j + 1 < len(kept)
            and kept[j + 1][0].unit == kept[i][0].unit
            and facts[j + 1].measure == facts[i].measure
            and _GROUP_GAP.fullmatch(c.text, kept[j][0].tail_end, kept[j + 1][0].start)
        ):
            j += 1
        members = facts[i : j + 1]
        if len(members) > 1 and own_each is None:
            own_each = bool(
                context.cue_pattern("respectively").search(c.text, c.sentence.start, c.sentence.end)
            )
        if len(members) > 1 and _list_disagrees(members, own_each):
            start = _clause_start(c.text, c.sentence.start, kept[i][0].start)
            after = _CLAUSE_BREAK.search(c.text, kept[j][0].tail_end, c.sentence.end)
            window = (start, after.start() if after else c.sentence.end)
            shared = context.indicator_for(
                c.phrase_hits, [window], kept[j][0].unit, members[0].measure, False
            )
            if shared and shared not in context.indicator_matcher().generic:
                for f in members:
                    _set_indicator(f, shared, "")
        i = j + 1


def _list_disagrees(members: list[Fact], own_each: bool) -> bool:
    """A member left without a catalog indicator, or members that differ where no "respectively" gives
    each its own."""
    if any(f.indicator_id.startswith("derived_") for f in members):
        return True
    return not own_each and len({f.indicator_id for f in members}) > 1


_YEAR_JUST_AFTER = re.compile(r"[^,;，；。\d]{0,30}?(?<!\d)(?:19|20)\d\d(?!\d)")


def _range_from_its_upper_end(c: SentenceContext, facts: list[Fact]) -> None:
    """ "4至6个零碳园区": what a range counts is named after its upper end, so the lower end takes that one's
    catalog indicator when it has none of its own."""
    for low, high in zip(facts, facts[1:], strict=False):
        if (
            low.indicator_id.startswith("derived_")
            and not high.indicator_id.startswith("derived_")
            and c.bounds.get(low.char_start) == "lower_bound"
            and c.bounds.get(high.char_start) == "upper_bound"
            and high.char_start - low.char_end <= 12
        ):
            _set_indicator(low, high.indicator_id, "")
        if (
            c.bounds.get(low.char_start) == "lower_bound"
            and c.bounds.get(high.char_start) == "upper_bound"
            and high.char_start - low.char_end <= 12
            and high.year is not None
            and low.year != high.year
            and _YEAR_JUST_AFTER.match(c.text, high.char_end, min(c.sentence.end, high.char_end + 40))
        ):
            # both ends of one range are of one time, written after it: "will be 6.5x-7.0x in 2024"
            low.year, low.period = high.year, high.period


def _set_indicator(fact: Fact, indicator_id: str, name: str) -> None:
    fact.indicator_id, fact.indicator_name = indicator_id, name
    derived = indicator_id.startswith("derived_")
    fact.flags = [f for f in fact.flags if f != "derived_indicator"] + (
        ["derived_indicator"] if derived else []
    )


_MODIFIER = re.compile(r"\w-\w")  # "15 million-kilowatt generator sets": the unit describes what is counted


# a lower-case h right after a number is hours ("1,177h", "1,350 h"; not "2024 H1", "120 km/h", "5 h/d")
_HOUR_SUFFIX = re.compile(r" ?h(?![A-Za-z0-9/·²³]|\.\w)")


def _fact_quantities(
    text: str, qs: list[Quantity], s, paragraph_start: int, comparatives: bool = False
) -> list[tuple[Quantity, int]]:
    """The quantities of a sentence that are facts, each with the end of what it counts (for counts)."""
    kept: list[tuple[Quantity, int]] = []
    _distribute_lists(text, qs, s, paragraph_start)
    # (tests that most sentences cannot pass, decided once for the sentence: no index's name, no unit
    # line, no fact sheet's label)
    sentence = text[s.start : s.end]
    names_index = bool(_index_words().search(sentence.lower()))
    line = text[max(0, s.start - 100) : s.end]  # (a dotted leader may end a sentence before its figure)
    colon = ":" in line or "：" in line
    unit_line = colon and ("nit" in line or "单位" in line or "單位" in line)
    labelled = (colon or "..." in line or "…" in line) and bool(_LATIN_LETTER.search(line))
    for i, q in enumerate(qs):
        if kept and q.start < max(kept[-1][0].tail_end, kept[-1][1]):
            continue  # inside the unit of the previous quantity: "per 10,000 yuan of GDP", 12亿千瓦
        if (
            _in_unit_cell(text, q)
            or _unit_note(text, q)
            or (unit_line and _in_unit_line(text, q))
            or _row_serial(text, q)
            or _cell_holding(_year_cells(text)[0], q.start, q.end) is not None
            or _in_unit_said(text, s.start, q)
            or _in_unit_stated(text, q)
        ):
            continue  # "100 million tons" in a table's Unit column, "(10,000 units)": the figures' unit
        if _index_value(text, q, s, kept, names_index):
            q.unit = "index"
        elif q.unit is None and q.scale == 1.0 and (hour := _HOUR_SUFFIX.match(text, q.end)):
            q.unit, q.unit_raw, q.tail_end = "h", hour.group().strip(), hour.end()  # "1,177h", "1,350 h"
        elif (
            q.unit is None
            and q.scale == 1.0
            and "ours" in text[max(s.start, q.start - 90) : q.start]  # (the word hours, looked for first)
            and _HOURS_NAMED_BEFORE.search(text, max(s.start, q.start - 90), q.start)
        ):
            q.unit = "h"  # "the utilization hours of wind power reached 2,218", "full-load hours reach 2,900"
        elif (
            q.unit is None
            and q.scale == 1.0
            and _count_named_before(text, max(s.start, q.start - 80), q.start)
        ):
            q.unit = "count"  # "the number of EVs reached 105,000", 充电桩数量达到1.2万: what is counted comes first
        elif (
            q.unit is None
            and q.scale == 1.0
            and "." not in q.number
            and (part := _PART_OF_A_COUNT_AFTER.match(text, q.end))
        ):
            # "312 plants were modernised, 58 of them …", "46 of the province's 203 county heat networks"
            q.unit, q.count_noun = "count", count_noun(text, part.end() - 2, s.end)[0]
        elif labelled and q.unit is None and q.scale == 1.0 and _listed_count(text, q):
            q.unit = "count"  # "E-buses in service: 5,320", "Charging points ....... 1,240"
        elif q.unit is None and q.scale == 1.0 and kept and _labelled_by_a_year_after_a_count(text, kept, q):
            q.unit, q.count_noun = "count", kept[-1][0].count_noun  # "totalled 1,284 (2023: 902; 2022: 611)"
        elif (
            q.unit is None
            and q.scale == 1.0
            and "." not in q.number
            and i + 1 < len(qs)
            and qs[i + 1].unit not in (None, "count")
            and _COUNT_OF_A_SIZE.fullmatch(text, q.start, qs[i + 1].start + 1)
        ):
            q.unit, q.count_noun = (
                "count",
                "units",
            )  # "4 × 300 MW", "2 x 660 MW units", 4×30万千瓦: units of a size
        if q.unit == "CNY" and q.scale == 1.0 and _carbon_price(text, q, s.start, kept):
            q.unit = "CNY/t"  # "CEA当日收报100.59元": the carbon market quotes prices per tonne
        elif q.unit is None and q.scale == 1.0 and _carbon_price_column(text, q):
            q.unit = "CNY/t"  # a "Close" column of a table of the carbon market's daily trades
        changed = qs[i + 1] if q.unit is None and q.scale == 1.0 and i + 1 < len(qs) else None
        if changed is not None and _unit_of_its_change(text, q, changed):
            q.unit = changed.unit  # "hours … were 1,653, down 112 hours y/y": the change says the unit
        if q.unit is None and q.scale == 1.0 and (bracketed := _unit_in_brackets_after(text, q)) is not None:
            (q.scale, q.unit, q.unit_raw), q.tail_end = bracketed  # "emitted 1,250 (tCO2e)", "660 (MW)"
        if (
            q.unit is None
            and q.scale == 1.0
            and (series := _series_unit(text, q) or _pairs_unit(text, q) or _lead_in_unit(text, q, s.start))
        ):
            q.scale, q.unit, q.unit_raw = series  # "RETURNS (NAV, %)   2021: 14.9  |  2022: -27.3"
        if q.unit is None and q.scale == 1.0 and (listed := _listed_after(text, kept, q)) is not None:
            q.unit, q.count_noun = listed.unit, listed.count_noun  # "filed 11,200 applications, Japan 9,800"
        if (
            q.unit is None
            and q.scale == 1.0
            and kept
            and text.endswith("to ", 0, q.start)  # ("bringing the total to 60": the last word is "to")
            and _TOTAL_TO_BEFORE.search(text, kept[-1][0].end, q.start)
        ):
            # "18 more stations will be added, bringing the total to 60": a total of the same things
            q.unit, q.count_noun = kept[-1][0].unit, kept[-1][0].count_noun
        if (
            q.unit is None
            and kept
            and kept[-1][0].unit
            and _ELLIPSIS_BEFORE.fullmatch(text, kept[-1][0].tail_end, q.start)
            and _PERIOD_AFTER.match(text, q.end)
        ):
            # "100,000 units in the month and 825,000 for the nine months": the same things over another time
            q.unit, q.count_noun = kept[-1][0].unit, kept[-1][0].count_noun
        if (
            q.unit is None
            and q.scale == 1.0
            and kept
            and (gapped := _gapped_unit(text, kept[-1][0], q, s.end)) is not None
        ):
            # "Hebei added 247,000 households, and Shandong and Shanxi 118,000 and 96,000 respectively": the
            # verb and the noun of the clause before are left out, and its unit stands for them
            q.unit, q.count_noun = gapped
        # "Passengers sent …… 118.6 million (104.2 million)" under a legend of comparatives in brackets
        comparative = comparatives and bool(kept) and _bracketed_after(text, kept[-1][0], q)
        if q.unit is None and comparative and kept[-1][0].unit:
            q.unit, q.count_noun = kept[-1][0].unit, kept[-1][0].count_noun
            if q.scale == 1.0:
                q.scale = kept[-1][0].scale  # ("3.2 (3.4)" under "Water (million m3)": the same millions)
        if q.unit is None and q.scale == 1.0 and (stated := _amount_in_stated_unit(text, q, s.start)):
            q.scale, q.unit, q.unit_raw = stated  # "Total proceeds 65" under "All amounts in RMB 100 million"
        if q.unit is None and q.scale == 1.0 and (named := _whole_of_named_part(text, kept, q, s.start)):
            q.unit, q.scale = named.unit, named.scale  # "302.1GW, of which solar 206.3", "- wind 510"
        part_of = _part_right_after(text, kept, q) if q.unit is None and q.scale == 1.0 else None
        if part_of is not None and (part_of.unit != "count" or not count_noun(text, q.end, s.end)[0]):
            q.unit, q.count_noun = part_of.unit, part_of.count_noun  # "68,280 units, of which 28,280 were"
        if _counts_nothing(text, q, s.end):
            continue  # decided before the (costlier) exclusions, which would drop it all the same
        if _sums_up_the_listed_places(text, q, s.start):
            continue
        excluded = exclusion(text, q, s.start, paragraph_start)
        if excluded and not (comparative and excluded in ("unit_note", "enumerator")):
            continue  # (a comparative in brackets is no note of the unit: "(104.2 million)")
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
            if not noun and q.scale == 1.0 and (below := _caption_below(text, q)):
                noun, noun_end = count_noun(
                    text, q.end, below
                )  # "186" over "China-based suppliers committed"
            if not noun and q.scale == 1.0:
                continue  # a bare number measures nothing
            q.unit, q.count_noun = "count", noun
            if _POINTS.fullmatch(noun) and kept and kept[-1][0].unit == "index":
                q.unit, q.count_noun = "index", ""  # "112.4 (2015=100), up 3.1 points": the index's points
            elif _POINTS.fullmatch(noun) and kept and kept[-1][0].unit in ("percent", "percentage_point"):
                q.unit, q.count_noun = "percentage_point", ""  # "a share of 21% (+7.5 pts)": of the share
            whole = next((k for k, _ in reversed(kept) if k.unit not in _NOT_A_WHOLE), None)
            if not noun and whole is not None and _part_in_unit_of(text, whole, q):
                q.unit, q.count_noun = whole.unit, ""  # "436 million kW, of which … 377 million"
            q.unit_raw = (q.unit_raw + " " + noun).strip()
            hours = _HOURS_AFTER.match(text, noun_end) if noun else None
            if hours:  # "1,666 utilization hours", "2,600 full-load hours": hours of running
                q.unit, q.count_noun, noun_end = "h", "", hours.end()
        if kept:
            _elided_denominator(q, kept[-1][0])
        kept.append((q, noun_end))
    return kept


def _unit_in_brackets_after(text: str, q: Quantity) -> tuple[tuple, int] | None:
    """The unit written in brackets right after a bare number ("1,250 (tCO2e)", 660（MW）) and where its
    brackets close; the figure's own scale stays (a scale word in the brackets multiplies it)."""
    m = _BRACKETED_AFTER.match(text, q.end)
    if m is None or q.scale != 1.0 or _YEARLIKE.fullmatch(q.number):
        return None  # ("Green power share 2023 (%)": a header's year)
    found = _unit_written(m.group(1).strip())
    if found is None or found[1] in (None, "count"):
        return None
    return found, m.end()


# (a scale in digits may open the brackets: "12.5 (10,000 kW)", "3.2 (100 million kWh)")
_BRACKETED_AFTER = re.compile(
    r"[ \t]?[(（]((?:10,?000\s*|100\s+million\s+|1,?000\s+)?[^()（）\d\n][^()（）\n]{0,15})[)）]"
)


def _form_field_time(text: str, q: Quantity, report_year: int | None) -> tuple[str, int | None] | None:
    """(role, year) of a figure alone on its line under a questionnaire's label that names a base year, a
    target or the reporting year, from the form's fields of those years above it ("Base year" / "2019")."""
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start : q.start].strip() or text[q.tail_end : line_end].strip(" \t%()"):
        return None  # (not a figure alone on its line)
    label_end = line_start - 1
    label = text[text.rfind("\n", 0, max(0, label_end)) + 1 : max(0, label_end)].strip()
    role = next((r for r, pattern in _FORM_LABEL_ROLES if pattern.search(label)), None) if label else None
    if role is None:
        return None
    if role == "reporting":
        return role, report_year
    found = [
        int(m.group(2))
        for m in _FORM_YEAR_FIELD.finditer(text, max(0, q.start - 3000), q.start)
        if _FORM_YEAR_ROLE[role].fullmatch(m.group(1).strip())
    ]
    return (role, found[-1]) if found else None


# a form's field of a year, its value on the next line: "Base year" / "2019", "Target year" / "2030"
_FORM_YEAR_FIELD = re.compile(
    r"^[ \t]*([^\n\d]{4,40}?)[ \t]*[:：]?[ \t]*\n[ \t]*((?:19|20)\d\d)[ \t]*$", re.MULTILINE
)
_FORM_YEAR_ROLE = {
    "base": re.compile(r"(?i:base\s*year)|基准年(?:份)?"),
    "target": re.compile(r"(?i:target\s*year)|目标年(?:份)?"),
}
# what a figure's label says it is of
_FORM_LABEL_ROLES = (
    ("target", re.compile(r"(?i:\btarget(?:ed)?\s+(?:reduction|level|value)\b)|目标(?:减排|下降|值)")),
    ("base", re.compile(r"(?i:\bbase\s*year\b)|基准年")),
    ("reporting", re.compile(r"(?i:\bin\s+(?:the\s+)?reporting\s+year\b)|报告年度|本报告期")),
)


_TOTAL_TO_BEFORE = re.compile(
    r"\b(?i:bringing|taking|raising|lifting|pushing)\s+(?i:the|its|their)\s+(?i:total|number|tally|count)"
    r"(?:\s+(?i:of)\s+[A-Za-z][A-Za-z -]{0,30}?)?\s+(?i:to)\s+(?:(?i:about|around|nearly|over|more\s+than)\s+)?$"
)
_LATIN_LETTER = re.compile(r"[A-Za-z]")
# a part of a count: "58 of them", "46 of the province's 203 county heat networks"
_PART_OF_A_COUNT_AFTER = re.compile(
    r"\s+of\s+(?:(?:them|these|those)\b|(?:the|its|their)\s+(?:[\w'’-]+\s+){0,2}[\d,]+\s+[A-Za-z])",
    re.IGNORECASE,
)
_CHANGE_RIGHT_AFTER = re.compile(
    r"\s*,\s*(?i:up|down|an?\s+(?:increase|decrease|rise|fall|drop)\s+of)\s+(?i:by\s+)?"
)


def _unit_of_its_change(text: str, q: Quantity, changed: Quantity) -> bool:
    """A bare figure followed by its change in a unit ("were 1,653, down 112 hours y/y")."""
    return (
        changed.unit not in (None, "percent", "percentage_point", "count", "times")
        and changed.scale == 1.0
        and bool(_CHANGE_RIGHT_AFTER.fullmatch(text, q.end, changed.start))
    )


def _listed_count(text: str, q: Quantity) -> bool:
    """A bare whole number after a fact sheet's label that names countable things and a colon or a dotted
    leader, ending its line or followed by a bracket: the number of those things."""
    line_start = _line_start(text, q.start, 100)
    if line_start is not None:
        # (a field after another on its line: "Stations: 312; depots: 14")
        field = max(text.rfind("; ", line_start, q.start), text.rfind("；", line_start, q.start))
        line_start = field + (2 if text.startswith("; ", field) else 1) if field >= 0 else line_start
    label = _COUNT_LABEL.fullmatch(text, line_start, q.start) if line_start is not None else None
    return (
        label is not None
        and "." not in q.number
        and (
            bool(_PLURAL.search(label.group("label")) and not _NOT_COUNTED.search(label.group("label")))
            or _under_a_listed_count(text, line_start)  # "  plug-in hybrid .. 117" under "cars .... 284"
        )
        and bool(_LINE_ENDS.match(text, q.end))
        # (not a cell whose table names its unit: "Installed capacity (MW)" over "Biomass ...... 120")
        and _cell_holding(_cell_units(text), q.start, q.end) is None
    )


def _under_a_listed_count(text: str, line_start: int) -> bool:
    """Whether a fact sheet's line is indented under a line that counts things after its leader ("passenger
    cars ........ 284" over "  plug-in hybrid (PHEV) .. 117"): it counts a part of them."""
    indent = len(text[line_start:]) - len(text[line_start:].lstrip(" \t"))
    above_end = line_start - 1
    for _ in range(8):  # (up over its sibling parts to the line they are parts of)
        if above_end <= 0:
            return False
        above_start = text.rfind("\n", 0, above_end) + 1
        line = text[above_start:above_end]
        label = _COUNT_LABEL.match(line)
        if label is None or not _LINE_FIGURE_END.search(line):
            return False
        if len(line) - len(line.lstrip(" \t")) < indent:
            words = label.group("label")
            return bool(_PLURAL.search(words)) and not _NOT_COUNTED.search(words)
        above_end = above_start - 1
    return False


_LINE_FIGURE_END = re.compile(r"\d[\d,]*\s*$")


# a series written on one line as year and figure pairs ("2021: 14.9  |  2022: -27.3", 2021年：149)
_PAIRED_YEAR = (
    r"(?<!\d)(?:19[5-9]|20\d)\d\s?年?(?:\s?[HQ][1-4])?\s*[:：]\s*"  # "2021: ", "2025 H1: ", 2021年：
)
_SERIES_YEAR_BEFORE = re.compile(rf"{_PAIRED_YEAR}[-+−]?\s*$")
_SERIES_START = re.compile(rf"{_PAIRED_YEAR}[-+−]?\d")


_NEGATIVE_PAIR = re.compile(rf"{_PAIRED_YEAR}[-−]\s*\d")


def _series_year(text: str, q: Quantity) -> tuple[int, str] | None:
    """The year (and part of it) a figure of a line of year and figure pairs is paired with (two pairs at
    least)."""
    paired = _SERIES_YEAR_BEFORE.search(text, max(0, q.start - 9), q.start)
    if not paired:
        return None
    # (the pairs around it, within a list line's length: a dump of digits and colons stays linear)
    line = _list_line(text, q)
    if line is None:
        return None
    pairs = _SERIES_START.findall(text, *line)
    if len(pairs) < 2:
        return None
    part = re.search(r"[HQ][1-4]", paired.group(0))
    return int(re.search(r"\d{4}", paired.group(0)).group(0)), part.group(0) if part else ""


def _series_unit(text: str, q: Quantity) -> tuple[float, str | None, str] | None:
    """The unit that the head of a line of year and figure pairs names ("Returns (NAV, %)", 装机（万千瓦）)."""
    if not _SERIES_YEAR_BEFORE.search(text, max(0, q.start - 9), q.start):
        return None
    line = _list_line(text, q)
    if line is None:
        return None
    line_start = line[0]
    first = _SERIES_START.search(text, line_start, q.start + 1)
    return _header_unit(text[line_start : first.start()]) if first and first.start() > line_start else None


# a line of name and figure pairs between bars: "Beijing 98.50 | Shanghai 71.20", 内蒙古  62.7   |   新疆  41.5
_PAIR = re.compile(r"[^\d|｜\n]{1,24}?[ \t\u3000]+[-+−]?\d[\d,]*(?:\.\d+)?")
# (between pairs: a bar, a Chinese comma or semicolon, or a Latin one before a space: "1,200" is one figure)
_PAIR_BAR = re.compile(r"[ \t\u3000]*(?:[|｜，；、]|[,;](?=\s))[ \t\u3000]*")


def _pair_line(line: str) -> bool:
    """Whether a line is two pairs or more between bars: `_PAIR_BAR.split(line)` gives two parts or more
    and `_PAIR` matches each whole. The parts are read one by one as the separators are found, up to the
    first that is no pair: a line of prose is not split whole for each of its numbers. (A part is
    `line[prev:sep.start()]`, the split's part: `_PAIR` has no look-around, so matching it between those
    bounds of the line is matching it on the part.)"""
    prev, parts = 0, 1
    for sep in _PAIR_BAR.finditer(line):  # (every separator consumes a character: no empty match)
        if not _PAIR.fullmatch(line, prev, sep.start()):
            return False
        prev, parts = sep.end(), parts + 1
    return parts >= 2 and bool(_PAIR.fullmatch(line, prev))


_LONGEST_LIST_LINE = 600  # characters: a line of pairs or of a series is no longer than this


def _list_line(text: str, q: Quantity) -> tuple[int, int] | None:
    """(start, end) of the line that holds a number, or None when it is longer than a list line (a dump of
    digits and punctuation: each number then costs no pass over its whole line)."""
    start = text.rfind("\n", max(0, q.start - _LONGEST_LIST_LINE), q.start) + 1
    if start == 0 and q.start > _LONGEST_LIST_LINE:
        return None
    end = text.find("\n", q.end, q.end + _LONGEST_LIST_LINE)
    if end == -1:
        if len(text) - q.end > _LONGEST_LIST_LINE:
            return None
        end = len(text)
    return start, end


_PAIR_SEPARATOR = re.compile(r"[|｜，；、]|[,;]\s")


def _pairs_unit(text: str, q: Quantity) -> tuple[float, str | None, str] | None:
    """The unit of a line of name and figure pairs between bars, which its heading line above names
    ("4. REGIONAL PILOTS (Friday close, CNY/t)", 六、各地造林情况（单位：万公顷）)."""
    found = _list_line(text, q)
    if found is None or not _PAIR_SEPARATOR.search(text, found[0], q.start + 40):
        return None
    line_start, line_end = found
    if not _pair_line(text[line_start:line_end].strip()):
        return None
    above_end = line_start - 1
    while above_end > 0 and text[above_end - 1] == "\n":  # (the pairs may run over several lines)
        above_end -= 1
    for _ in range(4):
        above_start = text.rfind("\n", max(0, above_end - _LONGEST_LIST_LINE), max(0, above_end)) + 1
        if above_start == 0 and above_end > _LONGEST_LIST_LINE:
            return None
        above = text[above_start:above_end].strip()
        if _pair_line(above):
            above_end = above_start - 1  # an earlier line of the same pairs
            continue
        return _header_unit(above) or _caption_unit(above) if 0 < len(above) <= 80 else None
    return None


def _lead_in_unit(text: str, q: Quantity, sentence_start: int) -> tuple[float, str | None, str] | None:
    """The unit a list's lead-in names in brackets before its colon, for the figures of the list's items
    (各设区市再生水利用量（亿m³）：石家庄2.13、唐山1.47, "Capacity by city (MW): Nanjing 320, Suzhou 410")."""
    # (from the start of the line: a semicolon between items ends a sentence)
    start = max(sentence_start - 300, text.rfind("\n", max(0, sentence_start - 300), q.start) + 1)
    colon = max(text.rfind("：", start, q.start), text.rfind(": ", start, q.start))
    if colon >= 0 and _ITEM_FIGURE.fullmatch(text, start, q.start):
        return _unit_of_lead_line_above(text, start)  # "Charging points (units):" / "- Public: 1,240"
    if colon < 0 or not _LIST_ITEMS.fullmatch(text, colon + 1, q.start):
        return None
    lead = _BRACKETED_UNIT_LEAD.search(text, max(start, colon - 40), colon)
    return _header_unit(lead.group()) if lead else None


# a list item line up to its figure: "- Public: ", "• 公共桩："
_ITEM_FIGURE = re.compile(r"[ \t]*[-•*·▪][ \t]*[^\d\n:：]{1,40}[:：][ \t]*(?:约|about\s+)?")
# a lead line that ends with its items' unit in brackets and a colon: "Charging points by type (units):"
_LEAD_LINE_UNIT = re.compile(r"[^\n]{0,60}?([（(][^（()）:：\n]{1,16}[)）])[ \t]*[:：][ \t]*")


def _unit_of_lead_line_above(text: str, line_start: int) -> tuple[float, str | None, str] | None:
    """The unit a lead line names for the list items under it, over items like this one (at most ten)."""
    at = line_start
    for _ in range(10):
        if at == 0:
            return None
        above = text.rfind("\n", 0, at - 1) + 1
        lead = _LEAD_LINE_UNIT.fullmatch(text, above, at - 1)
        if lead:
            return _header_unit(lead.group(1))
        if not _ITEM_FIGURE.match(text, above, at - 1):
            return None  # (the line above is neither the lead nor an item)
        at = above
    return None


# a lead-in that ends in a bracketed unit (with nothing else in the brackets but the unit's own words)
_BRACKETED_UNIT_LEAD = re.compile(r"[（(][^（()）:：\n]{1,16}[)）]\s*$")
# the items of a list up to a figure: names, each with its figure, between list commas
_LIST_ITEMS = re.compile(
    r"\s*(?:[^\d\s，,；;、。.:：\n][^\d，,；;、。.:：\n]{0,11}?\s*[-+−]?\d[\d,]*(?:\.\d+)?"
    r"(?:\s*[（(][^（()）\n]{0,16}[)）])?\s*[，,；;、]\s*)*"
    r"[^\d\s，,；;、。.:：\n][^\d，,；;、。.:：\n]{0,11}?\s*"
)


_COUNT_LABEL = re.compile(
    r"[ \t]*(?:[-•*·▪][ \t]*)?(?P<label>[A-Za-z][A-Za-z -]{2,60}?(?:\s(?:in|for|since)\s(?:19|20)\d\d)?)"
    r"(?:[ \t]*\([A-Za-z ,.]{1,24}\))?"  # (a qualifier in brackets may close the label: "Construction jobs (peak)")
    r"[ \t]*(?::|\.{2,}|…+)[ \t]*"
    r"(?:(?i:about|around|over|more than|nearly)[ \t]+)?"
)
_PLURAL = re.compile(r"\b[A-Za-z-]{2,}(?<![iu]s)(?<!ss)s\b")  # (not "gas", "bus", "this", "process")
_NOT_COUNTED = re.compile(
    r"(?i:\b(?:share|rate|ratio|percent|index|score|price|hours?|days?|years?|capacity|output|generation|"
    r"consumption|emissions?|investment|volume|value|intensity|efficiency|factor|growth|change|increase|"
    r"decrease|savings?|reduction|area|length|distance|mileage|page|version|total|notes?|sources?|remarks?)\b)"
)
_LINE_ENDS = re.compile(r"[ \t]*(?:$|[(（;,]|\.[ \t]*$|in\s+total\b)", re.MULTILINE)  # (not "Notes: 1. …")


def _carbon_price(text: str, q: Quantity, sentence_start: int, kept: list) -> bool:
    """A price in yuan quoted where the passage speaks of the carbon market (or listed after one in its
    sentence: "上海均价约72元，天津和重庆则分别只有约31元及36元")."""
    quoted = context.cue_search("price_quote", text, max(sentence_start, q.start - 16), q.start)
    quoted = quoted or next((k for k, _ in reversed(kept) if k.unit == "CNY/t"), None)
    return quoted is not None and (
        context.cue_search("carbon_market", text, max(0, sentence_start - 300), q.start) is not None
    )


def _column_place(text: str, q: Quantity, own_place: str, first_person: bool = False) -> str | None:
    """The place the header of a number's table column names, in a table whose columns are places ("中國大陸"
    beside "臺灣", 我國 of a report of Taiwan), or None. (One column that names a place among others of
    amounts says where a flow comes from, "自內地輸入", not whose figures they are.)"""
    column = _column_header(text, q)
    if not column:
        return None
    found = _place_columns(text, own_place, first_person).get(column)
    return found


@lru_cache(maxsize=4)
def _place_columns(text: str, own_place: str, first_person: bool) -> dict[str, str]:
    """Column header -> the place it names, for tables with two columns or more that each name another
    place and no flow words."""
    out: dict[str, str] = {}
    for table in structure.tables(text):
        named = {}
        # (the columns the cells stand in: a header may name the label's column or leave it blank)
        columns = dict.fromkeys(c.column for row in table.rows for c in row.cells if c.column)
        for column in columns:
            header = context.simplified(column)
            if _FLOW_WORDS.search(header):
                continue
            places = {
                own_place
                if code == "CN" and context.names_own_country(header, (a, b, code), own_place, first_person)
                else code
                for a, b, code in context.place_mentions(header, 0, len(header))
            }
            if len(places) == 1:
                named[column] = places.pop()
        if len(set(named.values())) >= 2:
            out.update(named)
    return out


# a place a flow comes from or goes to: 自内地输入, "imported from the mainland", 输往, "exports to"
_FLOW_WORDS = re.compile(
    r"输入|输出|进口|出口|调入|调出|输往|来自|外购|(?i:\b(?:from|to|imports?|exports?|imported|exported)\b)"
)


def _per_year_table(text: str, q: Quantity) -> bool:
    """Whether the caption, column or row label of the table cell that holds a number gives its unit per
    year ("（吨/年）", "(t/yr)", "Mt per year")."""
    return _cell_holding(_per_year_cells(text), q.start, q.end) is not None


@lru_cache(maxsize=4)
def _per_year_cells(text: str) -> list[tuple[int, int]]:
    return sorted(
        (cell.start, cell.end)
        for table in structure.tables(text)
        for row in table.rows
        for cell in row.cells
        if _UNIT_PER_YEAR.search(context.simplified(" ".join((table.caption, cell.column, row.label))))
    )


_UNIT_PER_YEAR = re.compile(
    r"/\s*(?:年|(?i:yr|year|a|annum)\b)|(?i:\bper\s+(?:year|annum)\b)"
    # (… and an expected effect a year, 预计年节能量, "Expected annual saving (MWh)": a rate of no one year)
    r"|(?:预计|预期|设计)年|(?i:\b(?:expected|estimated|est\.|design(?:ed)?)\s*annual\b)"
)


def _carbon_price_column(text: str, q: Quantity) -> bool:
    """A bare number in a table column of prices ("Close", 收盘价) where the carbon market is spoken of above
    it: yuan per tonne of allowances."""
    column = _column_header(text, q).strip()
    if not column or _table_unit(text, q) is not None:
        return False
    price = context.cue_search("price_quote", column, 0, len(column))
    return (
        price is not None
        and price.end() - price.start() == len(column)
        and context.cue_search("carbon_market", text, max(0, q.start - 600), q.start) is not None
    )


_ELLIPSIS_BEFORE = re.compile(
    r"(?i:\s+(?:[A-Za-z-]+\s+){0,2}?(?:in|for|during|over)\s+(?:the\s+)?[A-Za-z][\w\s-]{0,30}?,?\s+"
    r"(?:and|against|versus|vs\.?)"
    r"\s+(?:about\s+|around\s+|some\s+)?)"
)
# the rest of a list of bare numbers that "respectively" closes: "118,000 and 96,000 respectively"
_RESPECTIVELY_AFTER = re.compile(r"(?:\s*(?:,|,?\s+and)\s+[\d][\d,.]*)*,?\s+(?i:respectively)\b")
# ... after the clause it leaves its verb and noun out of: ", and Shandong and Shanxi ", or the list's
# previous member
_GAPPED_BEFORE = re.compile(
    r"(?:[,;]\s+(?:and|while|with)\s+(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?:,\s+|\s+and\s+)?){2,6}\s*"
    r"|\s*(?:,|,?\s+and)\s+)"
)
# a figure's place after it, up to the next figure's: " in Hebei and ", " for Inner Mongolia, "
_PLACE_THEN = r"\s+(?:in|for|at)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}\s*"
_PLACED_BEFORE = re.compile(rf"{_PLACE_THEN}(?:,|,?\s+and|,?\s+while|;)\s+")
_PLACED_AFTER = re.compile(r"\s+(?:in|for|at)\s+[A-Z]")
_PERIOD_AFTER = re.compile(
    r"(?i:\s+(?:for|in|over|during)\s+(?:the\s+)?(?:year|first|second|nine|six|three|month|quarter|half|q[1-4]|h[12]|\d))"
)


def _gapped_unit(text: str, before: Quantity, q: Quantity, sentence_end: int) -> tuple[str, str] | None:
    """(unit, counted noun) of the figure before, when only a list's names or its comma stand between."""
    counted = before.unit in (None, "count")
    noun_end = count_noun(text, before.end, sentence_end)[1] if counted else before.tail_end
    gap = max(before.tail_end, noun_end)
    listed = _RESPECTIVELY_AFTER.match(text, q.end) and _GAPPED_BEFORE.fullmatch(text, gap, q.start)
    # ... or a figure for a place after one for another: "12 GW in Hebei and 9 in Shanxi"
    parallel = _PLACED_AFTER.match(text, q.end) and _PLACED_BEFORE.fullmatch(text, gap, q.start)
    if not (listed or parallel):
        return None
    if not counted or before.count_noun:
        return before.unit, before.count_noun
    noun = count_noun(text, before.end, sentence_end)[0]
    return ("count", noun) if noun else None


def _counts_nothing(text: str, q: Quantity, sentence_end: int) -> bool:
    """A bare number that neither a table's header nor a counted noun gives a unit: it measures nothing."""
    if q.unit is not None or q.scale != 1.0 or _table_unit(text, q) is not None:
        return False
    if _unit_of_a_pair_cell(text, q) is not None:
        return False  # "100/200" under 功率/容量（MW/MWh）
    below = _caption_below(text, q) if "\n" in text[q.end : q.end + 2] else None
    return not count_noun(text, q.end, below or sentence_end)[0]


def _cell_holding(cells: list[tuple], start: int, end: int) -> tuple | None:
    """The entry of a sorted list of (cell start, cell end, ...) whose cell holds [start, end), or None."""
    if not cells:
        return None  # a text without tables: most numbers are asked about none
    i = bisect.bisect_right(cells, (start, math.inf)) - 1
    return cells[i] if i >= 0 and cells[i][0] <= start and end <= cells[i][1] else None


def _table_unit(text: str, q: Quantity) -> tuple[float, str | None, str] | None:
    """(scale, unit, as written) that the table cell holding a number gives it, if any."""
    cell = _cell_holding(_cell_units(text), q.start, q.end)
    return cell[2:] if cell else None


def _unit_from_table(text: str, q: Quantity) -> None:
    """A bare number in a table cell takes the unit its column header, its row label or the table's
    caption gives: "Change in energy intensity (%)", "风电装机（万千瓦）" heading a row, "单位：亿千瓦时"."""
    found = _table_unit(text, q) or _unit_of_a_pair_cell(text, q)
    if found and _UNITS_OF_SIZE.match(text, q.end):
        q.scale, q.unit, q.unit_raw = 1.0, "count", ""  # "12 x 300" under "Units x MW": 12 units of 300 MW
    elif found:
        q.scale, q.unit, q.unit_raw = found
        if q.unit == "Mt" and q.unit_raw.startswith("mt") and metric_tonnes(q.value, q.scale):
            q.unit = "t"  # "Q2 output, mt" over 136,400: metric tonnes, as in prose


def _unit_of_a_pair_cell(text: str, q: Quantity) -> tuple[float, str | None, str] | None:
    """A cell of two figures parted by a slash under a header of two units parted the same way
    (功率/容量（MW/MWh） over 100/200, "Power/energy (MW/MWh)"): each figure takes its own unit."""
    if "/" not in text[max(0, q.start - 8) : q.end + 8]:
        return None
    cell = _cell_holding(_cell_headings(text), q.start, q.end)
    pair = _PAIR_CELL.fullmatch(text, cell[0], cell[1]) if cell else None
    units = _PAIR_UNITS.search(context.simplified(cell[2])) if pair else None
    if units is None:
        return None
    first = q.start < pair.end(1)
    return _header_unit(f"({units.group(1 if first else 2).strip()})")


_PAIR_CELL = re.compile(r"\s*(\d[\d,.]*)\s*/\s*(\d[\d,.]*)\s*")
_PAIR_UNITS = re.compile(r"[(（]\s*([^()（）/]{1,12})/([^()（）/]{1,12})\s*[)）]")


@lru_cache(maxsize=4)
def _title_of(text: str) -> str:
    return structure.title(text) or ""


def _with_title(c: SentenceContext, q: Quantity, clause_start: int, measure: str) -> str | None:
    """A clause that names part of an indicator ("收盘价为97.49元/吨") in a report whose title names the rest
    ("全国碳排放权交易市场2024年运行情况"): the report's subject completes it. Only an indicator the title
    alone does not name, so that the clause's own words count."""
    title = _title_of(c.text)
    start = max(clause_start, c.sentence.start, q.start - 300)
    if not title or not c.phrase_hits.within(start, q.start) or c.sentence.start == 0:
        return None
    words = f"{title} {c.text[start : q.start]}"
    found = _indicator_of_words(words, q.unit, measure)
    own_words = c.phrase_hits.only([(start, q.start)])
    return (
        found
        if found not in context.indicator_matcher().generic and context.names_part_of(found, own_words)
        else None
    )


# an enumerated item's title, its first sentence: "（二）非化石能源消费比重。", "3. Energy intensity."
_ITEM_TITLE = re.compile(
    r"\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])\s*([^\d。.；;，,]{2,24})[。.]"
)


_NAMES_NOTHING = re.compile(
    r"(?:年的?|[\u3400-\u9fff]?(?:目标|规划|计划|预计|完成|实际)值?|增长|下降|比重|占比|由|从|为|unnamed quantity)"
)


def _names_nothing(name: str) -> bool:
    """A derived name made of a time, a goal or a verb only ("年的", "目标值", "规划目标值"): no subject."""
    return bool(_NAMES_NOTHING.fullmatch(name)) or (_CJK_WORD.fullmatch(name) is not None and len(name) < 2)


def _with_item_title(c: SentenceContext, measure: str, unit: str | None) -> str | None:
    """For a sentence that names nothing the catalog knows, inside an enumerated item whose title names
    what its figures measure ("（三）可再生能源发电装机。目标值5000万千瓦…"): the title's indicator."""
    para = structure.paragraphs(c.text)[c.sentence.paragraph]
    title = _ITEM_TITLE.match(c.text, para.start, c.sentence.end)
    if title is None or title.end() > c.sentence.end:
        return None
    found = _indicator_of_words(title.group(1), unit, measure)
    return found if found not in context.indicator_matcher().generic else None


def _indicator_of_words(words: str, unit: str | None, measure: str, prefer: str | None = None) -> str | None:
    """The catalog indicator a stretch of words put together from several places names (a title and a
    clause, a thing and a head noun), as if they were one window."""
    return context.indicator_for(
        context.PhraseHits.of(words), [(0, len(words))], unit, measure, False, prefer
    )


def _table_indicator(text: str, q: Quantity, unit: str | None, measure: str) -> str | None:
    """For a table cell whose row names nothing the catalog knows: what its column header or the table's
    caption names ("表5 2024年分市单位GDP能耗降低率" above "城市 / 降低率（%）")."""
    cell = _cell_holding(_cell_headings(text), q.start, q.start + 1)
    for words, is_caption in zip(cell[2:4], (False, True), strict=True) if cell else ():
        if _MEASURE_HEADER.fullmatch(words):
            continue  # "目标（%）", "实际降低率（%）": the column says what of the caption's indicator it holds
        own = _indicator_of_words(words, unit, measure) if words else None
        if own and not (is_caption and _counts_things(own)):
            return own  # (a caption's 城市 in 城市客运装备 says where the things are, not what they are)
    return None


def _goal_table(text: str, q: Quantity) -> bool:
    """Whether the caption of the table that holds a number names the tasks or goals it hands out."""
    cell = _cell_holding(_cell_headings(text), q.start, q.end)
    return bool(cell and cell[3] and _GOAL_TABLE_CAPTION.search(context.simplified(cell[3])))


_GOAL_TABLE_CAPTION = re.compile(
    r"(?:目标)?任务(?:分解|分配|安排|下达)|目标(?:分解|分配)|下达[^，。]{0,16}(?:任务|计划|目标)"
    r"|(?i:\b(?:allocation|breakdown|distribution)\s+of\s+(?:the\s+)?(?:\w+\s+)?(?:targets|tasks|quotas)\b)"
)


def _counts_things(indicator: str) -> bool:
    """A generic count of things (cities, projects, products): a caption naming one names a setting."""
    matcher = context.indicator_matcher()
    return indicator in matcher.generic and matcher.dimension.get(indicator) == "count"


# a column of goals: headed 目标 or "Target", or ending so ("能耗强度降低目标(%)", "2025 reduction target")
# a standard's limit, in force with no year of its own: 国家标准限定值, "Standard limit"
_CRITERION_COLUMN = re.compile(
    r"\s*(?:验收|考核|达标|评价|评定|准入|认定|创建)?标准值?\s*|\s*(?i:criteri(?:on|a)|threshold|standard|benchmark)\s*"
    # (the limits a standard sets for each class: 约束值, 引导值, 限定值, 准入值, 先进值)
    r"|\s*(?:约束|引导|限定|准入|先进|基准)值\s*"
)
_STANDARD_LIMIT_COLUMN = re.compile(r"标准.*(?:限定值|限值|准入值)|(?i:standard\s+limit)")
_TARGET_COLUMN = re.compile(
    r"\s*(?:目标|计划|(?i:target|goal|plan)\b)"
    # (a column of the least or most a rule allows: 总量权重最低值, 排放限值, "Limit")
    r"|.*(?:目标|计划|最低值|最高值|下限|上限|限值|限定值|准入值|限额|(?i:target|goal|minimum|maximum|limit|cap))值?\s*"
    r"(?:[(（][^()（）]{0,16}[)）])?\s*$"
)
_MEASURE_HEADER = re.compile(
    r"\s*(?:目标|实际|完成|计划|预计|实绩|(?i:target|actual|plan|goal))?(?:值|数)?(?:降低率|增长率|增速|增长|降幅|下降|"
    r"(?i:change|growth|reduction))?\s*(?:[(（][^()（）]{0,12}[)）])?\s*"
)


@lru_cache(maxsize=4)
def _cell_headings(text: str) -> list[tuple[int, int, str, str, int | None, str]]:
    """(start, end, column header, table caption, latest year heading a column, row label) of every table
    cell, in text order."""
    return sorted(
        (cell.start, cell.end, cell.column.strip(), table.caption, _latest_header_year(table), row.label)
        for table in structure.tables(text)
        for row in table.rows
        for cell in row.cells
    )


_SUMMED_OVER_YEARS = re.compile(
    r"(?:[两二三四五六七八九十]|[2-9])个?年(?:度)?(?:合计|共计|累计|总计|总共|共)(?:为|达到?|约为?)?\s*$"
    r"|(?i:\b(?:for|over|in)\s+the\s+(?:two|three|four|five|[2-9])\s+years\b[^,;.\d]{0,30}?"
    r"(?:were|was|totall?ed|came\s+to|of|at|reached)\s+(?:about\s+|around\s+|some\s+)?$)"
)


def _since_a_past_year(text: str, refs, q: Quantity) -> bool:
    """Whether the figure is a total counted since a past year its sentence names (2017年以来…累计, "a cumulative
    … since 2021")."""
    cumulative = _CUMULATIVE.search(text, max(0, q.start - 30), q.start)
    return bool(cumulative) and any(
        r.base
        and r.year is not None
        and (text.startswith("以来", r.end) or _SINCE_WORD.search(text, max(0, r.start - 60), r.start))
        for r in refs
    )


def _in_a_period_of_years(text: str, sentence_start: int, at: int) -> bool:
    """Whether the figure is of a period the report defined earlier as running over several years:
    "试验期内，36辆电动巴士累计行驶…" after "试验期为2022年4月1日至2024年3月31日" (of no single year)."""
    start = max(sentence_start, at - 60)  # (the figure's own clause: a long sentence is not read again)
    if "期" not in text[start:at]:
        return False
    during = _DURING_A_PERIOD.search(context.simplified(text[start:at]))
    if during is None:
        return False
    name = context.simplified(text[max(0, start + during.start() - 2) : start + during.end("name")])
    said = {name[-2:], name[-3:]}  # (试验期 of 在试验期内)
    return any(where < sentence_start and defined in said for where, defined in _periods_of_years(text))


@lru_cache(maxsize=4)
def _periods_of_years(text: str) -> list[tuple[int, str]]:
    """(where, name) of every period a text defines as running over several years (试验期为2022年…至2024年…),
    each name as its last two and three characters; found once a text."""
    out = []
    view = context.simplified(text)
    for m in _PERIOD_DEFINITION.finditer(view):
        if m.group("first") != m.group("last"):
            out += [(m.start(), m.group("name")[-2:]), (m.start(), m.group("name")[-3:])]
    for m in _LASTING_YEARS.finditer(view):  # (为期两年的试验 defines 试验期)
        out += [(m.start(), m.group("done")[-1] + "期"), (m.start(), m.group("done") + "期")]
    return sorted(out)


# a period named by what was done in it (试验期, 监测期, 计入期, 示范期), as the clause of a figure speaks of it
_DURING_A_PERIOD = re.compile(r"(?P<name>[\u4e00-\u9fff]期)(?:内|间|期间)")
_PERIOD_DEFINITION = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{1,2}期)(?:为|是|自|由|从|：|:)\s*(?P<first>(?:19|20)\d\d)年[^。；;\n]{0,16}?"
    r"(?:至|到|—|－|-|~|～)\s*(?P<last>(?:19|20)\d\d)年"
)


_LASTING_YEARS = re.compile(r"为期(?:[两二三四五六七八九十]|[2-9]|1\d)个?年的?(?P<done>[\u4e00-\u9fff]{2})")


_CUMULATIVE = re.compile(r"累计|(?i:\bcumulative(?:ly)?\b|\bin\s+total\b)")
_SINCE_WORD = re.compile(r"(?i:\bsince\b)")


def _caption_year(text: str, q: Quantity) -> int | None:
    """The one year a table's caption dates it to ("…, 2017", 2017年各省…), not a goal's, a span's or a
    start ("since 2005", 2016年以来)."""
    cell = _cell_holding(_cell_headings(text), q.start, q.end)
    if cell is None or not cell[3] or _SINCE_OR_SPAN.search(context.simplified(cell[3])):
        return None
    if _YEAR_LABELLING_A_FIGURE.search(cell[3]):
        return None  # "Total consumption 512.6 million kWh (2018: 436.9 million kWh)": a line of figures
    if _COMPARATIVES_LEGEND.search(cell[3]):
        return None  # "Key indicators (2023 figures in brackets)": the year of the bracketed comparatives
    years = _title_years(normalize.translate(cell[3]))
    return years[0] if len(years) == 1 else None


def _stated_data_year(text: str, q: Quantity) -> int | None:
    """The year a table's figures are of, as a note right under it or a sentence in the lines above it
    states (注：数据年份2023年, 考核数据年份为2023年, "Data year: 2023", "Figures refer to 2023")."""
    found = _table_cell_of(text, q)
    if found is None:
        return None
    paragraphs = structure.paragraphs(text)
    table = found[0]
    above = paragraphs[max(0, table.head - 3)].start if table.head < len(paragraphs) else q.start
    below = paragraphs[table.last - 1].end if table.last - 1 < len(paragraphs) else q.end
    years = {
        int(next(g for g in m.groups() if g))
        for span in (
            (above, paragraphs[table.head].start if table.head < len(paragraphs) else q.start),
            (below, min(len(text), below + 200)),
        )
        for pattern in (_DATA_YEAR_FIELD, _DATA_YEAR)
        for m in pattern.finditer(context.simplified(text[span[0] : span[1]]))
    }
    return years.pop() if len(years) == 1 else None


_DATA_YEAR_FIELD = re.compile(
    r"数据(?:年份|年度|时间)\s*(?:为|是|均为)?\s*[:：]?\s*((?:19|20)\d\d)\s*年"
    r"|(?i:\b(?:data\s+year|reference\s+year|(?:figures|data)\s+(?:refer\s+to|are\s+(?:for|of)))\s*[:：]?\s*"
    r"(?:the\s+year\s+)?((?:19|20)\d\d)\b)"
)


def _caption_of_a_reporting_period(text: str, q: Quantity) -> bool:
    """Whether a table's caption dates it to a part of a year ("by base (Q3 2023)", 2024年1—9月): its
    amounts a year are the capacity of that time, while a year alone may name a list (2021年度…名单)."""
    cell = _cell_holding(_cell_headings(text), q.start, q.end)
    caption = cell[3] if cell is not None else ""
    return _caption_year(text, q) is not None and _PART_OF_A_YEAR.search(caption) is not None


_PART_OF_A_YEAR = re.compile(
    r"(?i:\b(?:Q[1-4]|H[12]|[1-9]M|(?:first|second)\s+half|(?:first|second|third|fourth)\s+quarter)\b)"
    r"|[一二三四1-4１-４]季度|[上下]半年|\d{1,2}\s*[-—–至~]\s*\d{1,2}\s*月|[1-9１-９]\d?月[底末]"
)


_YEAR_LABELLING_A_FIGURE = re.compile(r"(?:19|20)\d\d\s*[:：]\s*[\d(（$¥￥]")
_SINCE_OR_SPAN = re.compile(
    r"(?i:\bsince\b|\bfrom\b|\bbetween\b|\bcumulative\b|\bto\s+(?:19|20)\d\d)|以来|至今|累计|(?:19|20)\d\d\s*(?:年)?\s*[-—–~至到]"
)


# (not "Prior period", 上期: the period before, a month or a quarter as often as a year)
_PERCENT_CELL = re.compile(r"\s*[-+−]?\d[\d.,]*\s*[%％]\s*")


def _change_of_percentages(text: str, left, cell) -> bool:
    """Whether a cell under a column of changes stands right of a percentage: the change is in points."""
    return bool(
        _PERCENT_CELL.fullmatch(text, left.start, left.end)
        and _cues().change_column.search(context.simplified(cell.column))
        and not _HEADER_UNIT.search(cell.column)
    )


_PRIOR_YEAR_HEADER = re.compile(
    r"(?i:prior|previous|last|preceding)[\s-]+year(?:\s+(?:figures?|values?|amounts?))?"
    r"|上年同期|去年同期"
)


def _latest_header_year(table: structure.Table) -> int | None:
    years = [
        structure.header_year(m) for h in table.header if (m := structure.YEAR_HEADER.fullmatch(h.strip()))
    ]
    # ... or the one year a header names among its words ("Generation 2023 (TWh)", 2023年发电量), not a
    # goal's ("2030 target (GW)") nor a span's
    years += [
        int(found[0])
        for h in table.header
        if len(found := _YEAR_IN_HEADER.findall(h)) == 1
        and not _GOAL_HEADER_WORD.search(h)
        and not _BASE_YEAR_IN_GOAL_HEADER.search(h)
    ]
    return max(years) if years else None


_YEAR_IN_HEADER = re.compile(r"(?<![\d–~-])(?:19|20)\d\d(?![\d–~])(?!-\d)")
# "Growth over 2023 (%)", 比2020年增长: the year a change is reckoned from
_BASE_YEAR_IN_GOAL_HEADER = re.compile(
    r"\b(?i:over|vs\.?|versus|compared\s+(?:with|to)|than|from|since|relative\s+to|on)\s+(?:the\s+)?(?:end[- ])?"
    r"(?:19|20)\d\d|(?:比|较|相比|与|自|从)\s*(?:19|20)\d\d"
)
_GOAL_HEADER_WORD = re.compile(r"(?i:target|goal|plan|forecast|outlook)|目标|规划|计划|预测|预计")


def _without_figures_of_cells(text: str, refs: list) -> list:
    """The time expressions of a sentence without the figures of table cells that only look like years (a
    cell "1950" under 装机容量（万千瓦） is ten thousand kilowatts, not the year 1950) and without the cells
    of a column of years ("Deadline", "Peak year"), which date only what `_year_cells` says."""
    cells = _cell_headings(text)
    if not cells:
        return refs
    year_cells = _year_cells(text)[0]  # (a column of years dates the cells of its row it names, no others)
    headers = _relative_headers(text)
    kept = []
    for r in refs:
        if _cell_holding(year_cells, r.start, r.end) is not None:
            continue
        if r.kind in ("this", "last", "next") and any(a <= r.start < b for a, b in headers):
            continue  # "指标  本年值  上年值": the words name columns, each of which dates its own cells
        cell = _cell_holding(cells, r.start, r.end) if r.kind in ("explicit", "date") else None
        whole = cell is not None and text[cell[0] : cell[1]].strip() == text[r.start : r.end]
        figure = whole and r.kind == "explicit" and _header_unit(cell[2]) is not None
        # (a cell of a day under its column, "Expected maturity | 2027-09-26": that column's value alone)
        day = whole and r.kind == "date"
        if not (figure or day):
            kept.append(r)
    return kept


@lru_cache(maxsize=4)
def _relative_headers(text: str) -> list[tuple[int, int]]:
    """The header lines of tables with two columns or more."""
    paras = structure.paragraphs(text)
    return [
        (paras[t.head].start, paras[t.first - 1].end)
        for t in structure.tables(text)
        if len(t.header) >= 2 and t.head < t.first <= len(paras)
    ]


_MONTH_NAMES = structure.MONTHS.split("|")
_ABBREVIATED_MONTH = re.compile(rf"\b({structure.MONTH_ABBREVIATIONS})\b\.?")


def _spelled_months(column: str) -> str:
    """A column header with its months spelled out, as the time expressions read them ("Oct" is October,
    "Jan-Oct" January-October)."""

    def spell(m: re.Match) -> str:
        return next(name for name in _MONTH_NAMES if name.startswith(m.group(1)[:3]))

    def quarter(m: re.Match) -> str:
        return f"Q{(_MONTH_NAMES.index(spell(m)) + 1) // 3}"

    def months(m: re.Match) -> str:
        return f"January-{_MONTH_NAMES[int(m.group(1)) - 1]}"

    column = _QUARTER_ENDED.sub(quarter, _MONTHS_SO_FAR.sub(months, column))
    return _ABBREVIATED_MONTH.sub(spell, column)


# "Sep Q 2025": the quarter that ended in September; "9M 2025": the year's first nine months
_QUARTER_ENDED = re.compile(r"\b((?i:mar|jun|sep|dec))[a-z]*\.?\s?Q\b")
_MONTHS_SO_FAR = re.compile(
    r"\b([1-9]|1[0-2])M\b(?=\s?'?(?:19|20)?\d\d\b)"
)  # (not "3M" alone: the last three months)


def _change_row(text: str, q: Quantity) -> bool:
    """A table cell whose row label names a change (下降, 增长, "Decline in …", "Growth of …"), not a share."""
    cell = _cell_holding(_cell_headings(text), q.start, q.end)
    worded = _cell_holding(
        _row_labels(text), q.start, q.start + 1
    )  # (with its cells of words: the indicator)
    label = context.simplified(worded[2] if worded else cell[5] if cell else "")
    if label and _cues().change_column.search(label) and not _SHARE_WORDS.search(label):
        return True
    # ... or whose caption says its percentages are changes ("FORECASTS FOR 2025 (pct change y/y unless stated)")
    caption = context.simplified(cell[3]) if cell else ""
    return bool(_CHANGE_CAPTION.search(caption)) and not _SHARE_WORDS.search(
        f"{label} {cell[2] if cell else ''}"
    )


_SHARE_WORDS = re.compile(r"占比|比重|份额|(?i:share|proportion)")
_CHANGE_CAPTION = re.compile(
    r"(?i:(?:pct|percent|per\s+cent|%)\s*(?:change|growth|y/y|yoy|year[- ]on[- ]year))|同比(?:增长|变化|增减)?\s*[(（]?%"
)


def _change_column_year(text: str, q: Quantity) -> int | None:
    """The year of a cell in a column of changes or shares beside columns of years ("2023  2022  Change",
    "111年  112年  占比(%)"): the latest one, whose change on the year before or whose share it gives."""
    cell = _cell_holding(_cell_headings(text), q.start, q.end)
    column = context.simplified(cell[2]) if cell else ""
    if not cell or not (_cues().change_column.search(column) or structure.SHARE_HEADER.fullmatch(column)):
        return None
    base = _BASE_YEAR_IN_HEADER.search(column)
    if base and cell[4] == int(re.search(r"(?:19|20)\d\d", base.group()).group()):
        return None  # "Reduction against 2005 (%)", 较2019年变化: the year the change is reckoned from
    if cell[4] is None and context.uses_roc_calendar(text):
        # ("113年1-9月  112年1-9月  增减率(%)": columns of years in the calendar of Taiwan)
        table = structure.table_cell(structure.tables(text), q.start)
        roc = [int(m.group(1)) for h in (table[0].header if table else ()) if (m := _ROC_COLUMN.match(h))]
        return max(roc) + structure.ROC_EPOCH if roc else None
    return cell[4]


_BASE_YEAR_IN_HEADER = re.compile(
    r"(?i:\b(?:against|vs\.?|versus|compared\s+(?:with|to)|relative\s+to|since|on|from|over)\s+(?:the\s+)?)"
    r"(?:19|20)\d\d|(?:比|较|相比|相较)\s*(?:19|20)\d\d"
)


def _column_header(text: str, q: Quantity) -> str:
    """The header of the table column that holds a number ("2020", "同比增长（%）"), or ""."""
    cell = _cell_holding(_cell_headings(text), q.start, q.end)
    return cell[2] if cell else ""


_HEADER_UNIT = re.compile(
    r"[(（]\s*(?:单位\s*[:：]\s*|(?i:unit)(?:\s*[:：]|\s)\s*)?([^()（）]{1,40}?)\s*[)）]"
    r"|(?:单位|[Uu]nit)\s*[:：]\s*(\S{1,16}(?:[ \t]+[^\s:：]{1,12}){0,3})"
)


_LEADING_FIGURE = re.compile(r"\d[\d,.]*")


def _names_a_class(text: str, cell) -> bool:
    """Whether a cell names a class by its number ("3-star", "600 MW class"): it holds no figure."""
    lead = _LEADING_FIGURE.match(text, cell.start, cell.end)
    return bool(lead) and _cues().class_after.match(text, lead.end(), cell.end) is not None


@lru_cache(maxsize=4)
def _cell_units(text: str) -> list[tuple[int, int, float, str | None, str]]:
    """(start, end, scale, unit, as written) of every table cell whose column header, row's unit cell, row
    label or caption names a unit (the column first: a row of years leaves the unit to the row label)."""
    out = []
    for table in structure.tables(text):
        above: dict[
            str | int, tuple
        ] = {}  # column (its name, else its place) -> the unit the row above gave it
        whole = None  # the indent of the row whose parts follow ("发电量" above "  其中：火电")
        indent = None
        unitless = _unitless_columns(text, table) if table.caption else ()
        group = None  # (indent, unit) of a line over indented rows that names their group and unit
        totalled = _total_row_unit(table)
        for row in table.rows:
            unit_cell = _row_unit(text, row)
            label_unit = _label_unit(text, row)
            indent, above_indent = structure.label_indent(text, row), indent
            group = _group_line_unit(text, row.label_start) or (
                group if group and indent > group[0] else None
            )
            if _SUB_ROW.match(row.label):  # "其中：清洁能源" under "省间交易电量（亿千瓦时）"
                whole = above_indent
            elif whole is None and above_indent is not None and indent > above_indent:
                whole = above_indent  # "　光伏" indented under "年末发电装机容量（万千瓦）": a part of it
            elif whole is not None and indent <= whole:
                whole = None  # (the parts go on while indented under their whole: "    风电", "    水电")
            # (a row whose own unit cell says what cannot be read, "MWh/veh", takes no unit from its whole)
            part = whole is not None and (
                unit_cell is not None or not any(_is_unit_cell(text, c) for c in row.cells)
            )
            left = None  # the unit of the cell on the left
            for k, cell in enumerate(row.cells):
                if _is_unit_cell(text, cell) or _names_a_class(text, cell):
                    continue
                found = (
                    _header_unit(cell.column)
                    or _unit_header(cell.column)
                    or _rate_of_listed_units(table.caption, cell.column)  # 单位：亿千瓦时，% over "同比"
                    or _caption_unit(cell.column)  # "New-type storage, GW", "Share of national, %"
                    or _unit_by_column(table.caption, cell.column)  # "Unit: quantity 10,000 tonnes; value …"
                    or _percent_header(cell.column)  # 同比±%: a column of rates, whatever the row's unit
                    or _share_change_header(cell.column)  # 比重变化: a share's change is in points
                    or unit_cell  # (the row's own unit says more than a column of "数量", amounts)
                    or _count_header(cell.column, table.caption)
                    or _index_header(cell.column)
                    or _hours_header(cell.column)
                    or label_unit
                    or _index_header(row.label)  # "Annualised PUE (weighted avg.)   1.42   1.33"
                    or (group[1] if group else None)  # "  Wind   12,030" under "Power generation (GWh)"
                    or totalled  # "Total (RMB million)   1,214" under rows of no unit of their own
                    or (above.get(cell.column or k) if part else None)  # (its whole's unit, not a count
                    # its label names: "  - CNG/LNG refuelling stations" under "Gas sales (mn m3)")
                    or _listed_unit(table.caption, cell.column, unitless)
                    or _label_column_unit(table, cell.column)  # "Shipments (GW)   Q1 2024   Q2 2024"
                    or _header_unit(table.caption)
                    or _caption_unit(table.caption)
                    or _count_caption(table.caption)
                    or _note_unit(table.note)
                    or _unit_of_export(text, table)
                    or _unit_said_before(text, table.head)  # "Table 1 below is in 10,000 units."
                    or _unit_unless_stated(text, table.head)  # "All amounts in RMB million unless stated"
                    or _counted_label(row.label)  # "| Towers | 4,158 |"
                )
                if not found and left and _SAME_MEASURE_COLUMN.fullmatch(context.simplified(cell.column)):
                    found = left  # "单位产品综合能耗（千克标准煤/吨） | 上年值 | 国家标准限定值": the same measure
                if (
                    not found
                    and left
                    and left[1] == "count"
                    and _STAGE_OF_A_COUNT.fullmatch(context.simplified(cell.column).strip())
                ):
                    found = left  # "已登记 | 暂定评级 | 最终评级": the things counted, at a later stage
                if not found and k and _change_of_percentages(text, row.cells[k - 1], cell):
                    found = (
                        1.0,
                        "percentage_point",
                        "percentage points",
                    )  # 资源回收率 67.08% | 较上年增减 +0.45
                if found:
                    out.append((cell.start, cell.end, *found))
                    above[cell.column or k] = found
                left = found
    return sorted(out, key=lambda c: c[:2])


def _percent_header(column: str) -> tuple[float, str, str] | None:
    """A header that ends in a bare percent sign after its words (同比±%, 增减%, "YoY %"): percent."""
    return (1.0, "percent", "%") if _PERCENT_LAST.search(column) else None


def _share_change_header(column: str) -> tuple[float, str, str] | None:
    """A column of the change of a share (比重变化, 占比增减, "Change in share"): percentage points."""
    found = _SHARE_CHANGE.fullmatch(context.simplified(column).strip())
    return (1.0, "percentage_point", "个百分点") if found else None


_SHARE_CHANGE = re.compile(
    r"(?:比重|占比|份额)(?:变化|增减|变动|增加|提高)(?:[(（]\s*(?:个)?百分点\s*[)）])?"
    r"|(?i:(?:change|increase)\s+in\s+(?:the\s+)?share|share\s+change)(?:\s*[(（]\s*(?:pp|ppts?|percentage\s+points)\s*[)）])?"
)
_PERCENT_LAST = re.compile(r"[^\W\d]\s*(?:±|\+/-|\+/−)?\s*[%％]\s*$")


# a column of the things the column on its left counts, at a stage of a process: 暂定评级, 最终评级, 已完成,
# "Approved", "Completed" (names of stages, no unit or rate of their own)
_STAGE_OF_A_COUNT = re.compile(
    r"(?:暂定|最终|初步|正式|已)?(?:评级|认证|批准|审批|核准|备案|完成|竣工|验收|投产|并网|通过|获批|立项)"
    r"|(?i:provisional|final|approved|completed|commissioned|certified|rated|accepted|granted|registered)"
)


# a column that holds the measure of the column on its left for another time or as a bound: 上年值, 上年同期,
# "Prior year", 国家标准限定值, 先进值
_SAME_MEASURE_COLUMN = re.compile(
    r"\s*(?:上年|去年|上年同期|去年同期|同期|上期|本期|本年|基准年|基期|国家标准|行业|标准|先进|准入|限定|目标)?值?"
    r"(?:限定值|先进值|准入值|标杆值|基准值|限值)?\s*"
    r"|\s*(?i:prior\s+year|previous\s+year|last\s+year|same\s+period\s+last\s+year|benchmark|limit)\s*"
    # ... or a part of the column on its left: "Cost (yuan) | of which subsidy", "投资（亿元）| 其中：中央"
    r"|\s*(?i:of\s+which|incl(?:\.|uding))\b[^()（）%\d]{0,30}|\s*其中[:：]?[^()（）%\d]{0,12}"
)


# the head of a column of rates: a change or a share of the amount beside it
_RATE_HEADER = re.compile(
    r"\s*(?:同比|环比|比上年|增长|增速|增幅|增减|降幅|比重|占比|(?i:change|growth|yoy|y/y|y-o-y|share))\s*(?:[(（]?%[)）]?)?\s*"
)
_PERCENT_LISTED = re.compile(r"[，,、;；]\s*%|%\s*[，,、;；]")


def _rate_of_listed_units(caption: str, column: str) -> tuple | None:
    """Percent for a column of rates (同比, "Change") when the caption's unit line lists several units and
    "%" among them ("单位：亿千瓦时，%"): the first unit is the amounts'; always for a column of 同比 or 增速."""
    if (
        _RATE_HEADER.fullmatch(column)
        and _PERCENT_LISTED.search(caption)
        or _RATE_ONLY_HEADER.fullmatch(column)
    ):
        return _header_unit("(%)")
    return None


# ... and a column that can only hold rates, whatever unit the caption gives the amounts: 同比, 增速, 比重
_RATE_ONLY_HEADER = re.compile(
    r"\s*(?:同比(?:增长|增速|增长率)?|增速|增长率|比重|占比|(?i:yoy|y/y|y-o-y|growth\s+rate))\s*(?:[(（]?%[)）]?)?\s*"
)


@lru_cache(maxsize=64)
def _unit_of_export_at(text: str, head_start: int) -> tuple | None:
    """The unit a database export states in its heading lines above the table ("Indicator: Electricity
    generation (100 million kWh)", 指标：发电量（亿千瓦时）, "Unit: 10,000 tce"), over at most one blank line."""
    lines = text[max(0, head_start - 400) : head_start].split("\n")[:-1]
    blank = 0
    for line in reversed(lines):
        if not line.strip():
            blank += 1
            if blank > 1:
                break
            continue
        if _EXPORT_FIELD.match(line):
            found = _header_unit(line)
            if found:
                return found
    return None


def _unit_of_export(text: str, table) -> tuple | None:
    paragraphs = structure.paragraphs(text)
    return _unit_of_export_at(text, paragraphs[table.head].start) if table.head < len(paragraphs) else None


@lru_cache(maxsize=64)
def _unit_said_before(text: str, head: int) -> tuple | None:
    """The unit a sentence of the lines just above a table gives its figures ("Table 1 below is in 10,000
    units.", 表中数据单位为万吨)."""
    paragraphs = structure.paragraphs(text)
    if not 0 < head < len(paragraphs):
        return None
    said = _UNIT_SAID.search(text, paragraphs[max(0, head - 3)].start, paragraphs[head].start)
    if said is None:
        return None
    if said.group(3):
        return _header_unit(f"单位：{said.group(3)}")  # (a unit that holds brackets of its own: kWh/(m²·a))
    return _header_unit(f"({said.group(1) or said.group(2)})")


def _unit_unless_stated(text: str, head: int) -> tuple | None:
    """The unit a report's opening gives all its amounts ("All amounts in RMB million unless otherwise
    stated", 如无特别说明，金额单位为万元), for a table above which nothing else names one."""
    paragraphs = structure.paragraphs(text)
    if not 0 < head < len(paragraphs):
        return None
    said = _UNIT_UNLESS_STATED.search(text, 0, min(paragraphs[head].start, 3000))
    return _header_unit(f"({said.group(1) or said.group(2)})") if said else None


_UNIT_UNLESS_STATED = re.compile(
    r"(?i:\b(?:all\s+)?(?:amounts|figures|values|monetary\s+amounts|numbers)\s+(?:are\s+|shown\s+)?"
    r"(?:(?:given|expressed|stated|presented|reported|shown)\s+)?in\s+)([^.;:\n,()]{1,30}?)\s*,?\s*"
    r"(?i:unless|except\s+(?:where|as|when))"
    r"|(?:除另有说明外|除特别说明外|如无特别说明|除非另有说明)[，,]?\s*(?:本报告|文中|表中)?(?:金额|数据)?单位(?:为|均为|：|:)\s*"
    r"([^，,。；;\n()（）]{1,8})"
)


@lru_cache(maxsize=4)
def _may_state_unit_of_all(text: str) -> bool:
    """Whether a report's opening may say the unit of all its amounts ("… unless otherwise stated", 除另有说明外):
    most say no such thing, and their numbers are not looked at for it (answered once a text)."""
    return text.find("nless", 0, 3000) != -1 or text.find("说明", 0, 3000) != -1


def _in_unit_stated(text: str, q: Quantity) -> bool:
    """A number inside a report's statement of the unit of all its amounts ("All amounts in RMB 100 million
    unless otherwise stated")."""
    if q.start > 3000 or not _may_state_unit_of_all(text):
        return False
    said = _UNIT_UNLESS_STATED.search(text, max(0, q.start - 60), min(len(text), q.end + 60))
    return said is not None and said.start() <= q.start < said.end()


def _amount_in_stated_unit(text: str, q: Quantity, sentence_start: int) -> tuple | None:
    """The unit a report's opening gives all its amounts, for a bare figure that its clause names as an
    amount of money ("Total proceeds 65, of which 58.7 allocated", "unallocated balance 6.3")."""
    if not _may_state_unit_of_all(text):
        return None
    said = _UNIT_UNLESS_STATED.search(text, 0, min(q.start, 3000))
    if said is None:
        return None
    clause = text[max(sentence_start, q.start - 40) : q.start]
    clause = clause[max(clause.rfind(","), clause.rfind(";"), clause.rfind("，"), clause.rfind("；")) + 1 :]
    named = " ".join(clause.split()[-2:])  # (the words right before the figure name it: "Total proceeds 65")
    if not (_MONEY_COLUMN.search(named) or _MONEY_BEFORE.search(named) or _MONEY_AFTER.match(text, q.end)):
        return None
    found = _header_unit(f"({said.group(1) or said.group(2)})")
    return found if found and _is_money_unit(found[1]) else None


_MONEY_BEFORE = re.compile(
    r"(?i:\b(?:proceeds|balance|capex|issuance|funds?|financing)\b)|募集资金|余额|融资"
)
# a figure an amount of money by what follows it: "58.7 allocated", "6.3 held in cash"
_MONEY_AFTER = re.compile(
    r"\s+(?i:allocated|disbursed|invested|raised|paid|spent|held|unallocated|outstanding)\b"
)


def _in_unit_said(text: str, sentence_start: int, q: Quantity) -> bool:
    """A number that is part of the unit a sentence gives a table ("Table 1 below is in 10,000 units.")."""
    if q.value is None or q.value < 10 or not math.log10(q.value).is_integer():
        return False
    said = _UNIT_SAID.search(text, max(sentence_start, q.start - 60), min(len(text), q.end + 40))
    return said is not None and any(
        said.start(g) <= q.start < said.end(g) for g in (1, 2, 3) if said.group(g)
    )


_UNIT_SAID = re.compile(
    # ("Table 1 below is in", "Figures are given in", "Tariffs below are in", "Prices in the table are in")
    r"(?i:\b(?:(?:table\s*\d*|the\s+table|figures|data|numbers|values)\s+(?:below\s+)?"
    r"|[a-z-]+\s+(?:below|in\s+the\s+tables?(?:\s+below)?)\s+)(?:is|are)\s+"
    r"(?:given\s+|expressed\s+|stated\s+)?in\s+)([^.;:\n]{1,30}?)\s*[.;:]"
    r"|表中?(?:数据|数字)?(?:的)?单位(?:为|是|均为)([^，,。；\n]{1,12})"
    # (… or a bracketed unit that ends the sentence over the table: "…的样本年均能耗如下（单位：kWh/(m²·a)）：")
    r"|如下\s*[(（]\s*(?:单位|單位)\s*[:：]\s*([^，,。；\n()（）]{1,16}(?:[(（][^()（）\n]{1,8}[)）])?)\s*[)）]\s*[:：]?\s*$"
)
_EXPORT_FIELD = re.compile(
    r"\s*(?:(?i:indicator|variable|series|measure|unit)|指标|单位|计量单位)[^:：\n]{0,20}[:：]"
)
# a row that is part of the one above: 其中, "of which", or a dash before its label ("  - Industrial users")
_SUB_ROW = re.compile(r"\s*(?:其中|(?i:of which|including)|[-–—]\s)")
_PERIOD_COLUMN = re.compile(
    rf"{structure.YEAR_HEADER.pattern}|{structure.MONTH_OF_YEAR_HEADER.pattern}", re.IGNORECASE
)


def _label_column_unit(table, column: str) -> tuple | None:
    """The unit the header of the row labels' column names, for the figures of a table whose other
    columns are periods ("Shipments (GW)   Q1 2024   Q2 2024"), perhaps with a column of their change
    after them ("Emissions (tCO2e)   2022   2023   Change"), whose figures it leaves alone."""

    def period(h: str) -> bool:
        return bool(_PERIOD_COLUMN.fullmatch(h.strip()) or _HORIZON_COLUMN.fullmatch(h.strip()))

    if len(table.header) < 2 or not period(column):
        return None
    if not all(
        period(h) or structure.change_header(h.strip().translate(catalog.script_table()))
        for h in table.header[1:]
    ):
        return None
    return _header_unit(table.header[0])


# the horizon of a return or a change: "1M", "3Y ann.", "1 Yr", "YTD", "Since incep. ann."
_HORIZON_COLUMN = re.compile(
    r"(?i:(?:\d{1,2}\s?(?:M(?:os?|onths?)?|Y(?:rs?|ears?)?)|YTD|MTD|QTD|QTR|since\s+(?:incep(?:tion|\.)?|launch))"
    r"(?:\s*ann(?:\.|ualised|ualized)?)?)"
)


_MULTI_YEAR_HORIZON = re.compile(r"(?i:(?:[2-9]|\d{2})\s?Y.*|since.*)")


def _total_row_unit(table) -> tuple | None:
    """The unit a table's total row names in its label ("Total (RMB million)"), which is its rows' too when
    the caption names that unit without its scale ("CAPEX (2024 prices, RMB)")."""
    caption = (_header_unit(table.caption) or _caption_unit(table.caption)) if table.caption else None
    if caption is None or caption[0] != 1.0:
        return None
    for row in reversed(table.rows):
        words = row.label.strip()
        if _TOTAL_ROW_LABEL.match(words):
            total = _header_unit(words)
            return total if total and total[1] == caption[1] and total[0] != 1.0 else None
    return None


_TOTAL_ROW_LABEL = re.compile(r"(?i:total|sum|grand\s+total)\b|合计|总计")


def _group_line_unit(text: str, label_start: int) -> tuple[int, tuple] | None:
    """(indent, unit) of the line right above a row's line when it names, with no figure and set out left
    of the row's label, the group of rows under it and their unit ("Installed capacity (MW)")."""
    start = text.rfind("\n", 0, label_start) + 1
    above = text.rfind("\n", 0, max(start - 1, 0)) + 1
    line = text[above : max(start - 1, above)]
    words = line.strip()
    if not words or _DIGIT_OUTSIDE_BRACKETS.search(words) or _CELLS_APART.search(words):
        return None  # (a header's names set apart: "企业名称  核减车辆（辆）  追回金额")
    indent = len(line) - len(line.lstrip())
    found = _header_unit(words)
    return (indent, found) if found and indent < label_start - start else None


_DIGIT_OUTSIDE_BRACKETS = re.compile(r"\d(?![^(（]*[)）])")
_CELLS_APART = re.compile(r"\S(?: {2,}|[\t\u3000|｜])\S|[|｜]")


def _label_unit(text: str, row) -> tuple | None:
    """The unit a row's label names ("发电量（亿千瓦时）"), or a cell of words that goes on with the label
    ("REF    CO2 emissions (Gt)    2.18 ...", where a scenario's name comes first)."""
    found = _header_unit(row.label) or _unit_after_comma(row.label)
    counted = _THINGS_IN_SCALE.fullmatch(row.label.strip()) if found is None else None
    if counted:  # "Charging points ('000)": thousands of the things it names
        return _THING_SCALES[counted.group(2).lower().strip("'")], "count", counted.group(2)
    for cell in row.cells:
        if found is not None:
            break
        written = text[cell.start : cell.end]
        if not structure.CELL_NUMBER.fullmatch(written) and not _is_unit_cell(text, cell):
            found = _header_unit(written)
    return found


def _unit_after_comma(label: str) -> tuple | None:
    """The unit a row label names after its last comma ("Wind capacity, GW", "Energy use per unit of GDP,
    tce/10,000 yuan"), when all that follows the comma reads as a unit."""
    at = label.rfind(", ")
    if at < 0 or not label[at + 2 :].strip():
        return None
    return _unit_written(label[at + 2 :].strip())


def _is_unit_cell(text: str, cell) -> bool:
    """A cell of a "Unit" column that names a unit (亿吨, "100 million tons"), not a bare number: a column
    headed "Units" of figures counts things (reactor units)."""
    return _is_unit_column(cell.column) and not structure.CELL_NUMBER.fullmatch(text[cell.start : cell.end])


@lru_cache(maxsize=1024)
def _is_unit_column(column: str) -> bool:
    """A column headed "Unit" (计量单位), in one language or two ("单位 Unit", "Unit/单位")."""
    parts = [
        p
        for p in re.split(
            r"\s*[/／]\s*|(?<=[\u3400-\u9fff])\s*(?=[A-Za-z])|(?<=[A-Za-z])\s*(?=[\u3400-\u9fff])",
            column.strip(),
        )
        if p
    ]
    return bool(parts) and all(_cues().unit_column.fullmatch(p) for p in parts)


@lru_cache(maxsize=4)
def _unit_cells(text: str) -> list[tuple[int, int]]:
    """(start, end) of the cells of every "Unit" column, which name a unit, of every column of codes ("GRI":
    305-1), of the lines that gloss a row (its label and unit again in English, "Total energy consumption
    10,000 tce") and of the unit a row label names after a comma: no figures themselves."""
    return sorted(
        [
            (cell.start, cell.end)
            for table in structure.tables(text)
            for row in table.rows
            for cell in row.cells
            if _is_unit_cell(text, cell) or _cues().code_column.fullmatch(cell.column.strip())
        ]
        + [gloss for table in structure.tables(text) for row in table.rows for gloss in row.glosses]
        + [
            (row.label_start + at + 2, row.label_end)  # "Energy use per unit GDP, tce/10,000 yuan"
            for table in structure.tables(text)
            for row in table.rows
            if (at := row.label.rfind(", ")) >= 0 and _unit_after_comma(row.label) is not None
        ]
    )


_QUALIFIER_IN_NOTE = re.compile(
    r"[(（][A-Za-z][A-Za-z -]{0,24}[,，]\s*$|[(（]\s*[A-Za-z]+\s+in\s+$|[(（]\s*(?i:unit\s*[:：]\s*)?(?:RMB|CNY|USD|US\$|HK\$|HKD)\s+$"
    # ... and the unit said first in Chinese: "（万千瓦 10,000 kW）", "(亿元 RMB 100 million)"
    r"|[(（]\s*[\u4e00-\u9fff]{1,6}\s+(?:(?:RMB|CNY|USD|HK\$)\s+)?$"
)
# "(10,000 units)", "(1,000 tonnes)" after a caption or a header: what the table's figures count in
# (" m2)": no number; " t, price in CNY/t)": the next column's unit)
_UNIT_NOTE_AFTER = re.compile(
    r"\s*[^\d\s()（）,;，；。][^()（）,;，；。]{0,19}(?:[)）]|[,;]\s*[A-Za-z]+\s+in\s+[^()（）]{1,24}[)）])"
)


def _unit_note(text: str, q: Quantity) -> bool:
    """A power of ten alone in parentheses with the words of a unit: the scale a table is written in
    (also after a qualifier: "(cumulative, 10,000 m2)")."""
    return (
        q.start > 0
        and q.value is not None
        and q.value >= 100
        and math.log10(q.value).is_integer()
        and (
            text[q.start - 1] in "(（" or bool(_QUALIFIER_IN_NOTE.search(text, max(0, q.start - 32), q.start))
        )
        and bool(_UNIT_NOTE_AFTER.match(text, q.end))
    )


def _in_unit_cell(text: str, q: Quantity) -> bool:
    return _cell_holding(_unit_cells(text), q.start, q.start + 1) is not None


def _row_unit(text: str, row) -> tuple[float, str | None, str] | None:
    """The unit a row's "Unit" cell names: a unit with its scale (亿吨, GW), or a number of units
    ("100 million tons", "10,000 tons": the figures count hundreds of millions, tens of thousands)."""
    cell = next((c for c in row.cells if _is_unit_cell(text, c)), None)
    if cell is None:
        return _bracketed_unit_cell(text, row)
    written = text[cell.start : cell.end].strip()
    found = _header_unit(f"({written})")
    if found is None and _COUNTED_THINGS.fullmatch(written):
        return 1.0, "count", written  # "lines", "charging points": the figures count them
    if found is not None and found[1] is None:
        return found[0], "count", written  # "thousand": thousands of the things the row names
    return found


def _bracketed_unit_cell(text: str, row) -> tuple[float, str | None, str] | None:
    """The unit in brackets in a row's first cell, under no column's name, left of its figures ("Buses in
    operation   (unit)   6 704   6 812", "(10 000 kWh)", "(route)"): a yearbook's column of units."""
    first = row.cells[0] if row.cells else None
    if first is None or first.column or len(row.cells) < 2:
        return None
    m = _BRACKETED_WORDS.fullmatch(text, first.start, first.end)
    if m is None:
        return None
    found = _header_unit(m.group())
    if found is None and _COUNTED_THING_WORD.fullmatch(m.group(1)):
        return 1.0, "count", m.group(1)  # "(unit)", "(route)", "(set)": the figures count them
    return found


_BRACKETED_WORDS = re.compile(r"[(（]\s*([^()（）\n]{1,24}?)\s*[)）]")
_COUNTED_THING_WORD = re.compile(
    r"(?!(?i:est|estimated|provisional|revised|prelim|preliminary|note|notes)\b)[a-z]{3,12}s?"
)


# things in the plural as a row's unit ("lines", "charging points"); an abbreviation the grammar does not
# know (bcm, TEU) is no count
_COUNTED_THINGS = re.compile(r"(?:[a-z]+\s)?(?:[a-z]{3,}s|aircraft)")  # (aircraft: the plural as written)
# "(10,000 units)", "10^4 tce": the figures count tens of thousands
_POWER_OF_TEN = re.compile(rf"(1(?:0|,000)+)\s+|(?:{POWER_SCALE.pattern})\s*")


_PERCENT_OF = re.compile(r"(?i:as\s+(?:a\s+)?)?[%％]\s+(?i:of)\b")
_NAMED_IN_UNIT = re.compile(r"[A-Za-z][\w/&-]*(?:\s+[\w/&-]+){0,3}\s+in\s+(\S.{0,24})")


def _header_unit(header: str) -> tuple[float, str | None, str] | None:
    found = _header_unit_as_written(header)
    if found and found[1] in _PER_DAY and _DAILY.search(context.simplified(header)):
        return found[0], _PER_DAY[found[1]], found[2]  # "(daily average, 10,000 t)", 日均产量（万吨）
    return found


# what a header over rates a day turns a unit into
_PER_DAY = {"t": "t/d", "bbl": "bbl/d"}
_DAILY = re.compile(r"(?i:\bdaily\b|\bper\s+day\b|\ba\s+day\b|/\s*day\b|/d\b)|日均|每日|/日|/天")


def _classifiers_only(inner: str) -> bool:
    """Whether a header's brackets hold classifiers only, one of each thing it counts (部／艘, 个/座)."""
    parts = [p.strip() for p in re.split(r"[／/、]", inner)]
    classifier = lexicon().classifier
    return len(parts) >= 2 and all(p and classifier.fullmatch(p) for p in parts)


_RESTATED_UNIT = re.compile(r"\s*([^\u3400-\u9fff]*[A-Za-z][^\u3400-\u9fff]*?)\s+([\u3400-\u9fff]+)\s*")
_UNIT_REMARK = re.compile(r"[(（](?:除|另|如无|未|以下|(?i:unless|except))[^()（）]*[)）]?.*$")


def _header_unit_as_written(header: str) -> tuple[float, str | None, str] | None:
    for m in _HEADER_UNIT.finditer(context.simplified(header)):
        if m.group(2):
            # a unit line's first words ("Unit: RMB 100 million", 单位：亿元 …): the most of them that read
            # (not a remark in brackets after it: 单位：万元（除另有说明外）)
            words = _UNIT_REMARK.sub("", m.group(2)).split()
            found = next(
                filter(None, (_unit_written(" ".join(words[:k])) for k in range(len(words), 0, -1))), None
            )
            if found:
                return found
            continue
        # (a unit per person says what the figures are of one person: "(t CO2/capita)", "(GJ per person)")
        inner = _PER_PERSON_UNIT.sub("", m.group(1).strip())
        labelled = _UNIT_LABEL_INSIDE.search(inner)
        inner = inner[labelled.end() :] if labelled else inner  # （2023年度，单位：千克标准煤/吨）
        if inner == "度" and "电" in context.simplified(header):
            inner = "千瓦时"  # 人均用電（度）: a 度 of electricity is a kilowatt-hour
        # a unit said in two languages ("万吨 10000 t", 兆瓦時 MWh, "噸 tonnes"): either says it; a unit
        # beside a qualifier ("RMB trillion, end of period", "cumulative, 10,000 m2"): one part says it
        both = _BILINGUAL_UNIT.fullmatch(inner)
        parts = _QUALIFIED_UNIT.split(inner) if _QUALIFIED_UNIT.search(inner) else []
        if _PERCENT_OF.match(inner):
            parts.append("%")  # "(% of net assets)": shares of a whole the header names
        named_in = _NAMED_IN_UNIT.fullmatch(inner)
        if named_in:
            parts.append(named_in.group(1))  # "(GFA in '000 sq m)": what the figures are, in their unit
        # (... and a unit said in both, the English first: "RMB 100 million 亿元", "10,000 t 万吨")
        restated = _RESTATED_UNIT.fullmatch(inner)
        for half in restated.groups() if restated else ():
            found = _unit_written(half.strip())
            if found and found[1] is not None:
                return found
        for said in (inner, *(both.groups() if both else ()), *parts):
            found = _unit_written(said.strip())
            if found:
                return found
        if _classifiers_only(inner):
            return 1.0, "count", inner  # 車輛／船隻（部／艘）: the things counted, by the classifier of each
    return _unit_of_a_field_name(header)


_UNIT_LABEL_INSIDE = re.compile(
    r"^(?:19|20)\d\d[^,，;；]{0,6}[,，;；]\s*(?:单位|(?i:units?))\s*[:：]\s*"
)  # after its year
_PER_PERSON_UNIT = re.compile(
    r"(?<=\S)\s*(?:/\s*(?i:capita|person|head|inhabitant|resident|人)|\s(?i:per)\s+(?i:capita|person|head|inhabitant|resident))$"
)


# a field name as datasets write it ("wind_capacity_gw", "co2_mt", "coal_share_pct")
_FIELD_NAME = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")


def _unit_of_a_field_name(header: str) -> tuple[float, str | None, str] | None:
    """The unit a dataset's field name ends in ("wind_capacity_gw": GW, "capacity_10k_kw": 10,000 kW)."""
    if not _FIELD_NAME.fullmatch(header.strip()):
        return None
    words = header.strip().split("_")
    return next(filter(None, (_unit_written(" ".join(words[-k:])) for k in (2, 1))), None)


@lru_cache(maxsize=256)
def _units_by_column(caption: str) -> dict[str, tuple]:
    """A unit line that names each column's unit ("Unit: quantity 10,000 tonnes; value 100 million yuan",
    单位：数量 万吨；金额 亿元): column name (lower case) -> its unit."""
    line = _UNIT_LINE.search(context.simplified(caption))
    out: dict[str, tuple] = {}
    for part in re.split(r"\s*[;；]\s*", line.group(1)) if line else ():
        named = _NAMED_UNIT.fullmatch(part)
        found = _header_unit(f"({named.group(2)})") if named else None
        if found:
            out[named.group(1).lower()] = found
    # ... or a caption's bracket: "(volume in 10,000 t, price in CNY/t)"
    for m in _BRACKETED.finditer(caption) if not line else ():
        parts = [_NAME_IN_UNIT.fullmatch(p.strip()) for p in _NAMED_UNITS_APART.split(m.group(1))]
        for named in parts if len(parts) > 1 and all(parts) else ():
            found = _header_unit(f"({named.group(2).strip()})")
            if found:
                out[named.group(1).lower()] = found
    return out if len(out) > 1 else {}


_BRACKETED = re.compile(r"[(（]([^()（）]{5,80})[)）]")
_NAMED_UNITS_APART = re.compile(r"\s*[;；]\s*|,\s+(?=[A-Za-z]+\s+in\s)")
_NAME_IN_UNIT = re.compile(r"([A-Za-z]+)\s+in\s+(.+)")


_UNIT_LINE = re.compile(r"(?:单位|(?i:units?))\s*[:：]\s*(.+)$", re.MULTILINE)
_NAMED_UNIT = re.compile(r"([A-Za-z]+(?: [a-z]+)?|[\u4e00-\u9fff]{1,6})\s*(?:[:：为]\s*|\s+)(\S.*)")


def _unit_by_column(caption: str, column: str) -> tuple | None:
    units = _units_by_column(caption) if caption else {}
    if not units:
        return None
    name = column.strip().lower()
    # ("Clearing price" under "price in CNY/t": a column whose name holds the word the caption names)
    return units.get(name) or next(
        (u for n, u in units.items() if re.search(rf"\b{re.escape(n)}\b", name)), None
    )


@lru_cache(maxsize=4)
def _row_serials(text: str) -> list[tuple[int, int]]:
    """(line start, label start) of every table row whose label does not open its line: what stands before
    it is the row's serial number or rank ("1    唐山某钢铁有限公司 …"), no figure."""
    out = []
    for table in structure.tables(text):
        for row in table.rows:
            line_start = text.rfind("\n", 0, row.label_start) + 1
            if text[line_start : row.label_start].strip():
                out.append((line_start, row.label_start))
    return sorted(out)


# a column whose cells are years: the year a row's goal is due ("deadline", 完成时限), the year of a
# baseline ("Baseline Year"), or a year that is itself what the row reports ("Peak year", 达峰年份)
_YEAR_COLUMN = re.compile(
    r"(?P<due>(?:target\s+|due\s+)?year|deadline|due|by|目标年份?|截止年份?|完成时限|时限|期限|年份|年度"
    # (the period a row's figures cover: 减排期 "2021—2025年", "Crediting period", "Vintage")
    r"|(?:crediting\s+|monitoring\s+|reporting\s+|reduction\s+)?period|vintage|[减计监核报统]\w?期|期间|时段)"
    r"|(?P<base>base(?:line)?\s+year|基准年份?|基期)"
    r"|(?P<other>[a-z ]{2,20}\s+year|[\u3400-\u9fff]{1,6}年份"
    # (the year a project is connected, put into service or approved: "预计并网年度", 投产时间)
    r"|[\u3400-\u9fff]{0,4}(?:并网|投产|投运|建成|开工|核准|备案|竣工|商运|完成|完工)[\u3400-\u9fff]{0,2}(?:年度|时间|日期)"
    r"|(?:planned\s+|expected\s+|target\s+|scheduled\s+)?(?:completion|commissioning|start-?up|COD|in-service"
    r"|start\s+of\s+(?:production|operation|construction)|production\s+start|operation\s+start)"
    r"(?:\s+(?:date|year))?)",
    re.IGNORECASE,
)
_YEAR_IN_CELL = re.compile(
    # (… or a month or a part of it: 2025年6月, "Jun 2025", "Q4 2020", "H2 2021")
    rf"\s*(?:(?:{structure.MONTHS}|{structure.MONTH_ABBREVIATIONS})\.?\s+|(?:Q[1-4]|H[12]|[1-4]Q)\s*)?((?:19|20)\d\d)\s*年?"
    r"(?:\s*\d{1,2}\s*月(?:份|底|末)?|\s*(?:Q[1-4]|H[12]))?"
    r"(?:\s*[-–—－~～至]\s*(?P<to>(?:19|20)\d\d)\s*年?)?\s*"
)


@lru_cache(maxsize=4)
def _year_cells(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]]:
    """The cells of a table's columns of years, which hold no figure ((start, end) of each), and the
    cells those years date ((start, end, year)): a deadline or year column dates every other figure of its
    row ("Zhejiang | Offshore wind | 5 | GW | 2025"), a baseline year the row's baseline value; a year a row
    reports ("Peak year") dates nothing."""
    spans, dated = [], []
    for table in structure.tables(text):
        # (in a ranked list of named things, a bare "Year" column says when each came into service: it dates
        # none of the row's figures, which are of the list's time)
        heads = [context.simplified(h).strip() for h in table.header]
        ranked = any(_RANK_HEADER.fullmatch(h) for h in heads) or bool(
            heads and _NAME_HEADER.fullmatch(heads[0])
        )
        for row in table.rows:
            for cell in row.cells:
                kind = _YEAR_COLUMN.fullmatch(context.simplified(cell.column).strip())
                year = _YEAR_IN_CELL.fullmatch(text, cell.start, cell.end)
                if not (kind and year):
                    continue
                spans.append((cell.start, cell.end))
                base = kind.group("base") is not None
                event = ranked and _BARE_YEAR_HEADER.fullmatch(context.simplified(cell.column).strip())
                peak = _PEAK_WORD.search(cell.column) is not None  # ("Peak year" beside "Peak level")
                for other in row.cells:
                    if other is cell or event:
                        continue
                    if kind.group("other") is not None and not (peak and _PEAK_WORD.search(other.column)):
                        continue
                    if not base or _BASELINE_WORD.search(other.column):
                        # (a span of years, "2021-2023", dates a figure of several years: none)
                        dated.append((other.start, other.end, None if year["to"] else int(year.group(1))))
    return sorted(spans), sorted(dated)


_PEAK_WORD = re.compile(r"(?i:\bpeak)|峰")  # (峰值, 达峰)
_RANK_HEADER = re.compile(r"(?i:rank|ranking|no\.?|#)|排名|序号|名次")
_NAME_HEADER = re.compile(
    r"(?i:(?:project\s+|station\s+|plant\s+|company\s+)?name|project|station|plant|park|company)"
    r"|(?:项目|电站|企业|公司)?名称|项目|电站|企业"
)
_BARE_YEAR_HEADER = re.compile(r"(?i:year)|年份|年度")
_BASELINE_WORD = re.compile(r"(?i:base(?:line)?)|基准|基期")


def _row_serial(text: str, q: Quantity) -> bool:
    return _cell_holding(_row_serials(text), q.start, q.end) is not None


def _in_unit_line(text: str, q: Quantity) -> bool:
    """A number in a line that gives a table's units ("Unit: quantity 10,000 tonnes; …"): not a figure."""
    line_start = _line_start(text, q.start, 120)
    if line_start is not None and _BRACKETED_UNIT_OPEN.search(text, line_start, q.start):
        return True  # "3. Settlement results (Unit: MW; CNY 10,000)": the 10,000 of a unit in brackets
    if line_start is None or not _UNIT_LINE_START.match(text, line_start):
        return False
    line_end = text.find("\n", q.end)
    # (a fact sheet's field of generating units and their size is no unit line: "Units: 4 × 300 MW")
    return not _COUNT_OF_A_SIZE.search(text, line_start, line_end if line_end != -1 else len(text))


# a number of things of one size: "4 × 300 MW", "2 x 660 MW", 4×30万千瓦
_COUNT_OF_A_SIZE = re.compile(r"\d{1,3}\s*[x×]\s*\d")
_BRACKETED_UNIT_OPEN = re.compile(r"[(（]\s*(?:单位|單位|(?i:units?))\s*[:：][^()（）\n]*$")
_UNIT_LINE_START = re.compile(r"[ \t]*(?:单位|單位|(?i:units?))\s*[:：]")


_QUALIFIED_UNIT = re.compile(r"\s*[,;，；]\s+|\s*[，；]\s*")  # (not the comma of "10,000")


_BILINGUAL_UNIT = re.compile(r"([\u3400-\u9fff][^\sA-Za-z]*)\s+((?=.*[A-Za-z³²])\S.*)")  # (also "吨 t")


def _unit_written(written: str) -> tuple[float, str | None, str] | None:
    # (the gas a mass is of says what is weighed, not how: 百万公吨CO2e, "MtCO2e")
    # (an amount a year is in the amount's unit: "tCO2e/yr", "Tons/year", 万吨/年)
    # ("100m kWh", "10k t" in a unit column: m and k before a unit are million and thousand)
    written = _SHORT_SCALE.sub(
        lambda m: f"{m.group(1)} {'million' if m.group(2) == 'm' else 'thousand'} ", written
    )
    written = _THOUSANDS_MARK.sub(
        r"\1 thousand", _GAS_BEFORE_PER.sub("", written)
    )  # HK$'000, 千克二氧化碳当量/度
    written = _THOUSANDS_BEFORE.sub("thousand ", written)  # "'000 tonnes", "'000 households"
    times = _TIMES_SCALE.fullmatch(written)
    if times:  # "Staff (x1000)", "(×10,000 t)": the figures are so many times what they say
        written = f"{_TIMES_SCALE_WORDS[times.group(1).replace(',', '')]} {times.group(2)}".strip()
    written = _as_scale_and_unit(_GAS_AFTER.sub("", _PER_YEAR.sub("", written)))
    written = _PERCENT_CHANGE.sub(r"\1", written)  # "pct change y/y", "% yoy": percent (a change's measure)
    written = written.removeprefix("±").lstrip()  # "(±%)": a rise or a fall, in percent
    power = _POWER_OF_TEN.match(written)
    if power:
        found = _header_unit(f"({written[power.end() :]})") or (1.0, "count", "")
        scale = float(power.group(1).replace(",", "")) if power.group(1) else power_scale(power)
        return scale * found[0], found[1], written
    scale, unit, raw, end = read_tail(written, 0, len(written), lexicon())
    per_output = per_ten_thousand_yuan(written, end, len(written), unit)
    if per_output:  # "Energy intensity (tce/CNY 10,000 GDP)": the row's figures are intensities
        unit, raw, end = per_output[0], written, per_output[1]
    if end == len(written) and (unit or scale != 1.0):
        return scale, unit, raw
    money = unit is not None and units.unit_table()[unit].dimension.startswith("currency")
    if money and _cues().per_thing.fullmatch(written, end):
        return scale, unit, raw  # "补贴（元/辆）", "Subsidy (RMB per car)": so much for each
    if scale != 1.0 and unit is None and _COUNTED_NOUNS.fullmatch(written, end):
        return scale, "count", written  # "NEV stock (million vehicles)": that many things
    if _COUNT_WORD.fullmatch(written):
        return 1.0, "count", written  # "Refuelling stations built (count)", "Fuel-cell vehicle sales (units)"
    # (a unit column's h is hours, "Equivalent hours (h)"; 较上年变化（分） is a score's points: neither is an
    # alias, since as a word each is none)
    if written in ("h", "分"):
        return 1.0, "h" if written == "h" else "index", written
    return _counted_unit(written) or _classifier_unit(written)


_COUNT_WORD = re.compile(r"(?i:count|units|number|no\.)")
_TIMES_SCALE = re.compile(r"[x×]\s*(1,?000|10,?000|1,?000,?000)\s*(.*)")
_TIMES_SCALE_WORDS = {"1000": "thousand", "10000": "10,000", "1000000": "million"}
# a currency in thousands as financial statements head their columns ("HK$'000", "RMB'000")
_THOUSANDS_MARK = re.compile(r"^((?:HK|US|NT)?\$|RMB|CNY|USD|HKD)\s*['’]000$")
# ... and thousands of a unit or of things written the same way before them ("'000 tonnes")
_THOUSANDS_BEFORE = re.compile(r"^['’]?000\s+(?=[A-Za-z])")
# the gas a mass is of, between the mass and what it is per (千克二氧化碳当量/度, "kg CO2e/kWh")
_GAS_BEFORE_PER = re.compile(r"(?<=[克吨])(?:二氧化碳当量|二氧化碳)(?=\s*/)")


def _unit_header(column: str) -> tuple[float, str | None, str] | None:
    """A column headed by a unit alone ("kgCO2/kWh"), or by a year and a unit ("2019 HK$'000")."""
    bare = _UNITS_TIMES.sub("", _YEAR_BEFORE_UNIT.sub("", column.strip()))  # "Units x MW": each unit's size
    return _unit_written(bare) if 0 < len(bare) <= 24 else None


# (a year, a financial year and the budget's stage: "2019 HK$'000", "Actual 2022-23 $'000")
_YEAR_BEFORE_UNIT = re.compile(
    r"^(?:(?i:actual|original|revised|approved|estimated?|budget|outturn|provisional|draft)\s+)?"
    r"(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?\s+"
)
_UNITS_OF_SIZE = re.compile(r"\s?[x×]\s?\d")
_UNITS_TIMES = re.compile(r"^(?:(?i:units?|sets?)|台数?|台)\s*[x×*]\s*")
_SHORT_SCALE = re.compile(r"^(\d[\d,]*)\s*([mk])\s+(?=[A-Za-z])")
_PERCENT_CHANGE = re.compile(
    r"^(pct|per cent|percent|%)\s*(?:change|growth)?\s*(?:y/y|yoy|year[- ]on[- ]year|on\s+year)?\s*$",
    re.IGNORECASE,
)
_PER_YEAR = re.compile(r"\s*(?:/\s*(?i:yr|year|a|annum)|\s(?i:per\s+(?:year|annum)|a\s+year)|/\s*年)\s*$")
_GAS_AFTER = re.compile(
    r"\s*(?:(?i:of)\s+)?(?:CO2|CO₂)(?:[\s-]?eq\.?|-?e|\s+(?i:equivalent))?\s*$|\s*二氧化碳(?:当量)?\s*$"
    r"|(?<=[A-Za-z])\s+(?:(?i:of)\s+)?(?:LCE|LNG|LPG|CNG)\s*$"
)  # (MtCO2e, "Mt CO2 eq", "CO2-e", "'000 tonnes of CO2", 吨二氧化碳; "tonnes LCE": what is weighed)
# a unit as English headers write it: "in billion yuan", "billions of yuan", "RMB billion", "yuan bn"
_IN_UNIT = re.compile(r"(?i:in)\s+")
_UNIT_WORDING = re.compile(
    r"^(?i:(?:amounts|figures|data|values|numbers)\s+(?:are\s+)?in)\s+"
    r"|,?\s+(?i:unless\s+(?:otherwise\s+)?(?:stated|noted|indicated|specified))$"
)
_CURRENCY_THEN_NUMBER = re.compile(
    r"(RMB|CNY|USD|US\$|HK\$|HKD|EUR|€)\s+(1(?:0|,000)+(?:\s+(?i:million|billion))?)"
)
_SCALES_OF = re.compile(r"(?i:(thousand|million|billion|trillion)s\s+of)\s+")
_UNIT_THEN_SCALE = re.compile(
    r"(?i:(RMB|CNY|yuan|USD|US\$|\$|HK\$|HKD|EUR|€|tonnes|tons|kWh|kW))\s*,?\s+(\w+)"
)


_DOLLARS = {"US$": "USD", "$": "USD", "HK$": "HKD", "€": "EUR"}


def _as_scale_and_unit(written: str) -> str:
    """A header's unit in the order the grammar reads (scale, then unit): "in billion yuan" as "billion
    yuan", "billions of yuan" as "billion yuan", "RMB billion" as "billion RMB", "RMB 100 million" as
    "100 million RMB"; without the words around it ("amounts in …", "… unless otherwise stated")."""
    written = _UNIT_WORDING.sub("", written).strip()
    written = _IN_UNIT.sub("", written, count=1) if _IN_UNIT.match(written) else written
    counted = _CURRENCY_THEN_NUMBER.fullmatch(written)
    if counted:
        return f"{counted.group(2)} {counted.group(1)}"
    written = _SCALES_OF.sub(lambda m: f"{m.group(1)} ", written, count=1)
    swapped = _UNIT_THEN_SCALE.fullmatch(written)
    scale = swapped.group(2).lower() if swapped else ""
    scale = scale if scale in lexicon().scale_of else scale.removesuffix("s")  # "(US$, Millions)"
    if swapped and scale == "m" and not swapped.group(1).lower().startswith(("t", "kw")):
        scale = "million"  # "(EUR m)", "(US$ m)": after a currency, m is a million
    if swapped and scale in lexicon().scale_of:
        unit = _DOLLARS.get(swapped.group(1), swapped.group(1))
        return f"{scale} {unit}"
    return written


# a caption that ends with its unit after a comma or "in": "Table 3 Green loans, billion yuan"
# "New-type storage, GW", "in billion yuan", and before a note in brackets: "capacity additions, GW (2022
# actual, 2024-26 forecast)"
_CAPTION_UNIT = re.compile(r"(?:,|\s(?i:in))\s+([^,()（）]{1,24}?)\s*(?:[(（][^()（）]*[)）]\s*)?$")


def _note_unit(note: str) -> tuple[float, str | None, str] | None:
    """The unit a note under a table names: "注：单位为万吨；…", "Note: unit is 10,000 tonnes"."""
    m = _NOTE_UNIT.search(context.simplified(note))
    return _header_unit(f"({m.group(1)})") if m else None


_NOTE_UNIT = re.compile(
    r"(?:单位(?:为|是|[:：])|(?i:units?\s*(?:is|are|:|in)))\s*([^；;，,。()（）]{1,20}?)\s*(?:[；;，,。]|$)"
)


@lru_cache(maxsize=256)
def _listed_units(caption: str) -> tuple[tuple, ...]:
    """The units a table's unit line lists for its columns ("单位：亿元、个", "Unit: RMB 100 million, number"),
    when it lists more than one."""
    line = _UNIT_LINE.search(context.simplified(caption))
    written = (
        line.group(1).strip().removesuffix(")").removesuffix("）").strip() if line else ""
    )  # ("(Unit: MW; …)")
    spaced = _SPACED_UNIT_LIST.search(caption) if not line else None
    if spaced:  # "Transactions by product (TWh / yuan per MWh)": a unit for each column, set apart by " / "
        found = [_header_unit(f"({part})") for part in re.split(r"\s+/\s+", spaced.group(1))]
        return tuple(found) if all(found) else ()
    if (
        "/" in written
        and not re.search(r"[、，;；]|,(?!\d{3})", written)
        and _header_unit(f"({written})") is not None
    ):
        return ()  # one unit of a rate ("Unit: yuan/kWh", 单位：元/千瓦时), not "yuan" and "kWh"
    parts = re.split(r"\s*(?:[、，;；/]|,(?!\d{3}))\s*", written) if line else []  # (not the comma of 10,000)
    found = [_header_unit(f"({part})") for part in parts if part]
    return tuple(found) if len(found) > 1 and all(found) else ()


def _unitless_columns(text: str, table) -> tuple[str, ...]:
    """The columns of a table, in order, that hold figures and whose header names no unit of its own."""
    figures = {
        cell.column
        for row in table.rows
        for cell in row.cells
        if cell.column
        and structure.CELL_NUMBER.fullmatch(text[cell.start : cell.end].strip())
        and "%" not in text[cell.start : cell.end]  # (a column of rates carries its own unit: "+4.1%")
    }
    return tuple(
        h
        for h in dict.fromkeys(table.header)
        if h in figures and not _header_unit(h) and not _is_unit_column(h)
    )


def _listed_unit(caption: str, column: str, unitless: tuple[str, ...] = ()) -> tuple | None:
    """Of the units a unit line lists, the one a column takes: in order, when the line lists one for each
    column of figures whose header names no unit (`unitless`: "单位：千瓦、万千瓦时、万元、个" over 装机容量,
    发电量, 发电收益, 公益岗位); else a count for a column that counts (项目数, "Number of projects") and the
    first other unit for the rest."""
    units = _listed_units(caption) if caption else ()
    if not units:
        return None
    if len(units) == len(unitless) and column in unitless:
        return units[unitless.index(column)]
    counts = bool(_COUNTING_COLUMN.search(context.simplified(column)))
    candidates = [u for u in units if (u[1] == "count") == counts]
    money = [u for u in candidates if _is_money_unit(u[1])]
    if money and len(money) < len(candidates):
        # ("Unit: MW; CNY 10,000" over Capacity, Capacity fee, Payable): a column of money takes the currency
        wants_money = bool(_MONEY_COLUMN.search(context.simplified(column)))
        candidates = money if wants_money else [u for u in candidates if not _is_money_unit(u[1])]
    return candidates[0] if candidates else None


def _is_money_unit(unit: str | None) -> bool:
    return unit in units.unit_table() and units.unit_table()[unit].dimension.startswith("currency")


_SPACED_UNIT_LIST = re.compile(r"[(（]([^()（）/]{1,24}(?:\s+/\s+[^()（）/]{1,24})+)[)）]\s*$")
_COUNTING_COLUMN = re.compile(r"数$|数量|个数|家数|(?i:\bnumber\b|\bcount\b|\bno\.)")
# a column of money: fees, payments, costs, revenue, investment, subsidies, prices (费, 金额, 收入, 投资, 补贴)
_MONEY_COLUMN = re.compile(
    r"(?i:\b(?:fees?|payable|payments?|deductions?|costs?|revenues?|prices?|investments?|amounts?|subsid\w*|"
    r"budgets?|income|spending|expenditures?|value)\b)|费|金额|收入|投资|补贴|补助|价|成本|资金|产值|支出|预算"
)


def _caption_unit(caption: str) -> tuple[float, str | None, str] | None:
    caption = _FOOTNOTE_MARK.sub("", caption)
    m = _CAPTION_UNIT.search(caption)
    found = _header_unit(f"({m.group(1)})") if m else None
    if found is None and _PERCENT_AT_END.search(caption):
        found = _header_unit("(%)")  # "Weight %", "Share, per cent"
    if found is None and _CAPTION_PARTS.search(caption):
        # "Grid-connected solar capacity, GW, end of year": the unit among the parts after the name
        for part in _CAPTION_PARTS.split(caption)[1:]:
            found = _header_unit(f"({part})")
            if found:
                break
    return found


_FOOTNOTE_MARK = re.compile(r"\[\d{1,2}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_PERCENT_AT_END = re.compile(r"[A-Za-z](?:[\s,]*%|[\s,]+(?i:per\s?cent|pct))\s*$")  # ("Chg%")
_CAPTION_PARTS = re.compile(r",\s+")


_COUNTED_NOUNS = re.compile(r"\s*[A-Za-z]+(?:[\s-][A-Za-z]+)?\s*")


def _index_header(header: str) -> tuple[float, str, str] | None:
    """A column headed by the name of a dimensionless index ("Average load factor", PUE) holds its values."""
    return (1.0, "index", "") if header and _index_words().search(header.lower()) else None


def _count_caption(caption: str) -> tuple[float, str, str] | None:
    """A Chinese caption that names a number of things (按年份劃分的合規登記證明書數目): its cells count them."""
    return (1.0, "count", "") if caption and _COUNT_CAPTION.search(context.simplified(caption)) else None


_COUNT_CAPTION = re.compile(r"[\u4e00-\u9fff](?:数目|个数|宗数|件数)\s*$")


def _count_header(header: str, caption: str = "") -> tuple[float, str, str] | None:
    """A column headed by a number of things ("新登记电动私家车数目", "Number of stations") holds counts, in
    the scale a caption's unit of counts gives them (单位：万个); one headed by things in thousands or
    millions ("Public points (k)", "Vehicles ('000)") counts that many."""
    simplified = context.simplified(header)
    if _cues().count_column.search(simplified) or _COUNT_OF_HEADER.search(simplified):
        in_caption = (_header_unit(caption) or _caption_unit(caption)) if caption else None
        return in_caption if in_caption and in_caption[1] == "count" else (1.0, "count", "")
    counted = _THINGS_IN_SCALE.fullmatch(header.strip())
    if counted:
        return _THING_SCALES[counted.group(2).lower().strip("'")], "count", counted.group(2)
    return None


# a Chinese header that ends in 数 counts what it names (抽查型号数, 工厂数, 企业数), unless the 数 is part of
# another word (指数, 系数, 分数, 倍数, 利用小时数: an index, a ratio, a score, hours), or counts times
# (阅读次数, a page's reading counter)
_COUNT_OF_HEADER = re.compile(r"[\u4e00-\u9fff](?<![指系分参函倍基读常小整时年级乘位岁次])数\s*$")
# ... and a header of hours (利用小时数, "Utilisation hours") holds hours
_HOURS_HEADER = re.compile(r"小时数\s*$|(?i:\bhours\s*$)|[(（]\s*(?i:h|hrs?|hours|小时)\s*[)）]\s*$")


def _hours_header(header: str) -> tuple[float, str, str] | None:
    return (1.0, "h", "") if header and _HOURS_HEADER.search(context.simplified(header)) else None


def _counted_label(label: str) -> tuple[float, str, str] | None:
    """A row label that ends with the things it counts ("Towers", "Converter stations", 工厂数): its bare
    figures count them."""
    simplified = context.simplified(label.strip())
    counted = _counted_label_words().search(simplified) or _COUNT_OF_HEADER.search(simplified)
    return (1.0, "count", "") if counted else None


@cache
def _counted_label_words() -> re.Pattern:
    words = [w for w in catalog.grammar_words("cues", "count_column") if w.endswith("s")]
    # (a qualifier in brackets may follow: "Construction jobs (peak)")
    return re.compile(
        rf"(?<![A-Za-z])(?:{_words_pattern(words)})\s*(?:[(（][^()（）]{{1,16}}[)）])?"
        # (and what was done to them: "Bidders registered", "Applications received", "Vehicles sold")
        r"(?:\s+(?:registered|received|approved|accepted|connected|installed|issued|sold|built|completed|"
        r"commissioned|inspected|certified|added|retired|closed|granted|rejected|filed|handled|resolved))?\s*$",
        re.IGNORECASE,
    )


# plural things, then their scale in brackets: "Public points (k)", "Charging piles (million)"
_THINGS_IN_SCALE = re.compile(
    r"((?:[A-Za-z][\w-]*\s+){0,3}[A-Za-z][\w-]*s)\s*[(（]\s*(k|'000|000s|thousand|mn|million)\s*[)）]"
)
_THING_SCALES = {"k": 1e3, "000": 1e3, "000s": 1e3, "thousand": 1e3, "mn": 1e6, "million": 1e6}


_CN_SCALES = {"": 1.0, "千": 1e3, "万": 1e4, "亿": 1e8}  # (千户: thousands of households)


def _classifier_unit(written: str) -> tuple[float, str, str] | None:
    """A classifier as a column's or row's unit ("个", "万辆"): the figures are counts."""
    for prefix, scale in _CN_SCALES.items():
        if prefix and not written.startswith(prefix):
            continue
        if written[len(prefix) :] in catalog.count_classifiers():
            return scale, "count", written
    return None


def _counted_unit(written: str) -> tuple[float, str | None, str] | None:
    """A number of units as a table's unit ("10,000 kW", "100 million tons": 万千瓦 and 亿吨 as English tables
    write them): the figures count that many of the unit."""
    qs = find_quantities(written, 0, len(written))
    if len(qs) == 1 and qs[0].start == 0 and qs[0].tail_end == len(written) and qs[0].unit and qs[0].value:
        many = qs[0].value * qs[0].scale
        # (only a power of ten counts units: "标段一（600MW）" names a lot's capacity, not the figures' unit)
        return (many, qs[0].unit, written) if _POWER_OF_TEN_VALUE.fullmatch(f"{many:.0f}") else None
    return None


_POWER_OF_TEN_VALUE = re.compile(r"10*")


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
    governing: context.TimeRef | None = None  # the time carried from earlier sentences or a heading
    under_deadline: bool = False  # the governing time is a deadline set by a heading or a lead-in
    paragraph_year: int | None = None  # the year given earlier in the paragraph (for a bare month)
    paragraph_goal: context.TimeRef | None = None  # the deadline of an earlier goal in the paragraph
    open_goal: context.TimeRef | None = None  # the deadline of the sentence this one continues (after ；)
    part_of: str | None = None  # after "其中" / "of this": the dimension of what the sentence before measured
    parts: bool = False  # the sentence lists parts of what the sentence before it said ("其中", "of this")
    record_region: str | None = None  # the place a record's location field gave ("Location 所在地: Hainan")
    # figure start -> the clause whose predicate it shares ("、风电1462万千瓦" after "新增水电装机174万千瓦")
    predicate_clauses: dict[int, tuple[int, int]] = field(default_factory=dict)


_GOAL_CONTINUED = re.compile(r"\b(?:and|or|as well as)\s+to\s+[a-z]+", re.IGNORECASE)
# after a goal, a clause that reports what actually happened is no goal: "while the actual reduction ..."
_GOAL_CONTRAST = re.compile(
    r"\b(?:while|but|whereas|actual|actually|achieved|completed|year-on-year|year\s+on\s+year|y/y|yoy"
    r"|fell|rose|dropped|declined|grew|jumped|slipped)\b|实际|而|已|完成|实现"
    r"|同比|比上年|较上年",  # (a change on the year before is observed, never a goal's)
    re.IGNORECASE,
)


def _next_time_in_another_clause(c: SentenceContext, q: Quantity) -> bool:
    """Whether the first time written after a number stands in a later clause ("已建成5个基地，2025年装机有望超过…",
    "installed for 470,000 customers; full coverage is targeted by 2025"): it dates that clause, not the
    number."""
    after = next((r for r in c.time_refs if r.start >= q.end and not r.base), None)  # (a base dates nothing)
    if after is None:
        return False
    gap = c.text[q.end : after.start]
    beats = _BEATS_THE.search(gap, max(0, len(gap) - 40))  # (the words right before the year only)
    if _HELD_AGAINST.search(gap) or (beats and _GOAL_NOUN_AFTER_YEAR.match(c.text, after.end)):
        return True  # "stood at 50.9 GW, against targets of 62 GW by 2025": the deadline is the goal's
    at = max(gap.rfind("，"), gap.rfind("；"), gap.rfind("; "))
    # "capacity rose to 460 GW, up 30 GW …, and is to reach 600 GW by 2025": what happened, then a goal
    if at < 0 and _GOAL_CLAUSE_AFTER.search(gap):
        return bool(_REPORTED_BEFORE.search(c.text, max(c.sentence.start, q.start - 80), q.start))
    # (unless the later clause goes on with the same predicate: "定为每吨300元，并自2025年1月1日起施行")
    return at >= 0 and not _SAME_PREDICATE_GOES_ON.match(gap, at + 1)


_GOAL_CLAUSE_AFTER = re.compile(
    r",\s+(?:and|but|while|whereas)\s+(?:(?:it|they|the\s+\w+)\s+)?(?i:is|are|will|would|aims?|plans?|expects?|targets?)\b"
)
_REPORTED_BEFORE = re.compile(
    r"\b(?i:rose|fell|reached|was|were|stood|hit|grew|increased|decreased|dropped|declined|climbed|totall?ed|"
    r"added|amounted|current|currently|now|at\s+present|so\s+far|to\s+date)\b"
)


# "… is scheduled for completion by the end of 2024. EAF steel will then account for 45%", 届时: the time said
# before, not a later one of the sentence
_THEN_BEFORE = re.compile(r"\b(?i:will\s+then|by\s+then|at\s+that\s+time|by\s+that\s+time)\b|届时|到那时")
_HELD_AGAINST = re.compile(r"\b(?i:against|versus|vs\.?)\s")
# ... and a goal the figure beat or missed: "reached 45%, exceeding the 2025 target of 40%", "short of the goal"
_BEATS_THE = re.compile(
    r"\b(?i:exceeding|exceeded|beating|surpassing|above|below|short\s+of|ahead\s+of)\s+(?i:the|its|their|a)\s+$"
    # ... 突破600MW，提前达成114年目标: a goal met early (its year is the goal's)
    r"|(?:提前|已经?|超额|已提前)(?:达成|完成|实现|超越|超过|达到)了?\s*$"
)
_GOAL_NOUN_AFTER_YEAR = re.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?i:target|goal)s?\b|\s*年?底?(?:的)?(?:规划)?目标"
)
_SAME_PREDICATE_GOES_ON = re.compile(r"\s*(?:并|并且|且)?\s*(?:自|从|于)")


def _goal_continues(text: str, prev_fact, prev_end: int, start: int, has_own_time: bool) -> bool:
    """A goal's clauses run on in its sentence: the next number without a time of its own is a goal too,
    unless the words between report what happened instead."""
    if prev_fact is None or prev_fact.measure != "target" or "no_deadline" in prev_fact.flags:
        return False  # (a threshold bounds a class of things; what follows reports on them)
    if _GOAL_CONTINUED.search(text, prev_end, start):
        return True
    before = context.simplified(text[max(0, prev_fact.char_start - 12) : prev_fact.char_start])
    if _BEATS.search(before) and _GOAL_NAMED_AFTER.match(context.simplified(text[prev_end : prev_end + 16])):
        return False  # "下降3.8%，优于年度约2.5%的目标，…下降3.4%": the goal is a yardstick; the sentence reports
    if _OBSERVED_AFTER.match(text, start):
        return False  # "emissions fell 3.2% year on year": a change on the year before is observed
    return not has_own_time and not _GOAL_CONTRAST.search(text, prev_end, start)


# a figure compared with a goal it beat or missed, and the goal named after it
_BEATS = re.compile(
    r"(?:优于|好于|超过|超出|高于|低于|快于|慢于|(?i:\b(?:beating|beat|exceeding|exceeded|above|below|ahead\s+of"
    r"|short\s+of|surpassing|surpassed)))[^，。；,;\d]{0,8}$"
)
_GOAL_NAMED_AFTER = re.compile(r"\s*(?:的)?(?:年度|全年|预期)?(?:目标|(?i:(?:annual\s+)?(?:target|goal)))")
_OBSERVED_AFTER = re.compile(
    r"[\d.,]*\s*(?:%|(?i:percent|per\s+cent|pc))?\s*(?i:year[- ]on[- ]year|y/y|yoy|y-o-y)\b"
)


# between two goals of one predicate: the first one's deadline and a conjunction ("by 2025 and")
_NEXT_DEADLINE = re.compile(
    r"\s+(?i:by|in|before)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d\s*,?\s*(?i:and|,)\s*(?:(?i:to)\s+)?"
)
_COAL_GRADE = re.compile(r"\s*(?:kcal|大卡)(?:/kg)?(?![A-Za-z])", re.IGNORECASE)
_STANDARD_COAL_BEFORE = re.compile(r"(?:标准煤|标煤)\s*(?:约|近|超过|超|逾|达到|达)?\s*$")
# "…克/千瓦时，同比下降1.1克/千瓦时": a change right after a coal rate, in words that name nothing else
_SAME_RATE_GAP = re.compile(r"[\s,，]*(?:同比|比上年|较上年)?(?:下降|降低|减少|增加|上升|提高)?了?\s*")
# (the subject may run on before its verb: "coal consumption for power supply of its coal-fired units was")
_COAL_RATE_BEFORE = re.compile(r"(?:煤耗|(?i:coal consumption(?: rate)?))[^\d,;，；。]{0,60}$")


def _resolve(
    c: SentenceContext,
    q: Quantity,
    prev_end: int,
    noun_end: int,
    prev_fact: Fact | None,
    own=None,
    prev_tail: int | None = None,
) -> Fact:
    text, s, report = c.text, c.sentence, c.report
    clause_start = prev_end
    if q.unit in ("t", "kg") and _STANDARD_COAL_BEFORE.search(text, max(clause_start, q.start - 12), q.start):
        q.unit = "tce" if q.unit == "t" else q.unit  # 节约标准煤150万吨: tonnes of coal equivalent
    if q.unit == "g/kWh" and (
        _COAL_RATE_BEFORE.search(text, max(clause_start, q.start - 80), q.start)
        or (
            prev_fact is not None
            and prev_fact.unit == "gce/kWh"
            and _SAME_RATE_GAP.fullmatch(text, prev_end, q.start)
        )
    ):
        # 供电煤耗286.3克/千瓦时，同比下降1.1克/千瓦时: grams of standard coal, as coal rates are written
        q.unit = "gce/kWh"
    measure, direction = context.measure(
        text, q.start, q.tail_end, clause_start, q.unit, after_figure=prev_fact is not None
    )
    if _range_end(c, q, prev_fact) and prev_fact.measure in ("change", "target"):
        # "增长5%-10%": both ends are changes; "expects additions of 190-220 GW": both ends are goals
        measure, direction = prev_fact.measure, prev_fact.direction
    # (the words a count takes after it may reach up to this number: "7个省份完成率低于60%")
    qualifier = c.bounds.get(q.start) or context.qualifier(
        text, q.start, q.tail_end, min(clause_start, prev_tail if prev_tail is not None else clause_start)
    )
    if qualifier == "exact" and prev_fact is not None and _NEXT_DEADLINE.fullmatch(text, prev_end, q.start):
        qualifier = prev_fact.qualifier  # "will exceed 80 GW by 2025 and 130 GW by 2030": both lower bounds
    if qualifier == "exact" and _estimated_table(text, q):
        qualifier = "approx"  # "Table 3  Estimated emissions by sector (Mt)", "表2 各行业碳排放估算"
    if qualifier == "exact" and _shares_the_approximation(text, prev_fact, prev_end, q, measure):
        qualifier = "approx"
    column = _column_header(text, q)
    if (
        prev_fact is not None
        and prev_fact.measure == "change"
        and not column  # the cells of a table row are not a list: each column says what it holds
        and not _OF_A_WHOLE.match(text, q.end)  # ("up 17.9 percent, or 29.6 percent of the total": a share)
        and (
            _COORDINATED.fullmatch(text, prev_end, q.start)
            or _CHANGE_CONTINUED.search(text, prev_end, q.start)
            or (_COMPARED_CHANGE.fullmatch(text, prev_end, q.start) and _same_unit(q, prev_fact))
            or _gapped(text, prev_end, q.start)
        )
    ):
        measure, direction = "change", prev_fact.direction  # "up 33.9% and 37.8% year-on-year"
    if measure == "count" and (
        _unit_like(q.count_noun)
        or (not q.count_noun and context.cue_pattern("unit_like").match(text, q.tail_end))
        or _unit_like(_SCALE_WORDS.sub("", q.unit_raw or "").strip())  # a header's "('000 TEU)"
    ):
        measure = (
            "level"  # "2.27 bln tonnes", 295万标准箱: a unit the grammar did not read is still an amount
        )
    if measure == "count" and not q.count_noun and _LIST_NEXT.match(text, q.tail_end):
        measure = "level"  # "422 million, 441 million and 609 million kilowatts": the unit comes last
    threshold = context.is_threshold(text, q.start, q.tail_end, s.end)
    # (a time written after a threshold dates what follows it: "…以上的单位开展监察，全年完成…")
    time = context.year_for(
        c.time_refs,
        q.start,
        q.end,
        report.undated_year,
        own,
        c.governing,
        c.paragraph_year,
        not threshold
        and not _next_time_in_another_clause(c, q)
        and not (
            c.governing is not None and _THEN_BEFORE.search(text, max(clause_start, q.start - 60), q.start)
        ),
    )
    in_place = (
        (time.source == "own" and _in_place_beside_a_goal(c, q, s.end))
        or _level_before_a_goal(text, q)
        or bool(time.deadline and _OBSERVED_AFTER.match(text, q.start))  # "…by 2025; emissions fell 3.2% y/y"
    )
    if (
        prev_fact is not None
        and _GOAL_FROM_BEFORE_ZH.search(text, max(0, prev_fact.char_start - 6), prev_fact.char_start)
        and _RAISED_TO_ZH.match(text, prev_end)
        and _RAISED_TO_ZH.match(text, prev_end).end() >= q.start - 2
    ):
        measure, direction = "target", ""  # 将由2100万千瓦提高到5000万千瓦: the figure it is to reach
    if in_place:
        # "targets 1,200 MW by 2026; 640 MW is already installed", 到2027年建成20座，目前已建成8座: of now
        time = context.TimeChoice(report.report_year, "", "", "own")
        if measure == "target":
            measure, direction = context.measure(text, q.start, q.tail_end, clause_start, q.unit, goals=False)
    past = time.year is not None and report.report_year is not None and time.year < report.report_year
    if (
        measure != "target"
        and not past
        and not in_place
        and not column  # (a table's cells are no run of a goal's clauses: each column says what it holds)
        and _goal_continues(text, prev_fact, prev_end, q.start, own is not None)
    ):
        # "aims to have 2.5 million NEVs, and to cut ... by 14 percent"; 将启动…，新增…约1500家，新增…约30亿吨
        measure, direction = "target", ""
    if time.source == "carried" and not time.deadline and _present_tense(text, q, clause_start, s.end):
        time = context.TimeChoice(report.undated_year, "", "", "report")
    goal = c.open_goal or (
        c.paragraph_goal if measure == "target" or (not c.time_refs and _is_plan(text)) else None
    )
    if goal is not None and measure != "target" and not c.time_refs:
        measure, direction = "target", ""  # a plan's next sentence states more of its goals for that year
    if goal is not None and time.source != "own":
        time = context.TimeChoice(goal.year, "", "", "carried", True)
    if _SUMMED_OVER_YEARS.search(text, max(s.start, q.start - 40), q.start):
        # "两年合计10944.1万吨", "verified emissions for the two years were 6.83 million tonnes": a sum
        # over several years is of none of them
        time = context.TimeChoice(None, "", "multi_year", "own")
    elif time.source != "own" and (
        _since_a_past_year(text, c.time_refs, q) or _in_a_period_of_years(text, s.start, q.start)
    ):
        # "2017年以来，中央财政累计安排…351亿元", "has injected a cumulative 2.03 million tonnes since it began
        # operation in June 2021": a total since a past year is of no single year
        time = context.TimeChoice(None, "", "multi_year", "own")
    captioned = (_caption_year(text, q) or _stated_data_year(text, q)) if time.source != "own" else None
    if captioned is not None and captioned != time.year:
        # "Table 2  Emission factors of provincial grids, 2017": a caption dates its table, however old
        time = context.TimeChoice(captioned, "", "", "carried")
    if column is not None and _total_of_years(text, q):
        # "Total  1,820,700" under rows labelled 2024 and 2025-2033: the sum of several years
        time = context.TimeChoice(None, "", "multi_year", "own")
    year_column = structure.YEAR_HEADER.fullmatch(column)
    changed_year = _change_column_year(text, q) if column else None
    if column and _split_year_column(column):
        # "2023/24采暖季", "FY2023/24", "2023-2024 season": a column of a span across two years
        time = replace(time, year=None, period="", flag="multi_year", source="own")
    elif year_column:
        time = replace(time, year=structure.header_year(year_column), period="", flag="", source="own")
    elif changed_year:
        time = replace(time, year=changed_year, period="", flag="", source="own")
    elif (
        column
        and time.year is not None
        and time.source != "own"  # (not a year its header's own words gave it: 上年 is read as a time)
        and _PRIOR_YEAR_HEADER.fullmatch(context.simplified(column).strip())
    ):
        # "Current year | Prior year", 本期 | 上年同期: the other column is of the year before the table's
        time = replace(time, year=time.year - 1, flag="", source="own")
    elif column and (dated := _cell_holding(_year_cells(text)[1], q.start, q.end)):
        flag = "" if dated[2] else "multi_year"
        time = replace(time, year=dated[2], period="", flag=flag, source="own")
    elif not column and (series := _series_year(text, q)):
        # "2021: 14.9 | 2022: -27.3 | 2025 H1: 41.6"
        time = replace(time, year=series[0], period=series[1], flag="", source="own")
        if measure == "share" and _NEGATIVE_PAIR.search(text, structure.line_start(text, q.start), s.end):
            measure = "change"  # a series with a fall in it is of changes (no share is negative)
    elif column and time.year is not None:
        # a column headed by a part of the year: 8月 beside 1—8月 (of the column's own year in the calendar
        # of Taiwan: 113年1-9月)
        roc = _ROC_COLUMN.match(column) if context.uses_roc_calendar(text) else None
        year = structure.ROC_EPOCH + int(roc.group(1)) if roc else time.year
        year = structure.month_of_year_header(column) or year  # "Jun-23" heads figures of June 2023
        spelled = _spelled_months(column)
        refs = context.time_refs(spelled, 0, len(spelled), year)
        year = next(
            (r.year for r in refs if r.kind == "explicit" and r.year and not r.base), year
        )  # 2023年1-9月
        relative = [r for r in refs if r.kind in ("last", "next") and r.year and not r.base]
        year = relative[0].year if relative else year  # 上年值, "Prior year": the year before the passage's
        periods = [r.period for r in refs if r.period]
        dated = roc or any(r.kind == "explicit" and not r.base for r in refs)
        time = replace(time, year=year, period=periods[0] if periods else ("" if dated else time.period))
    if (
        column
        and not year_column
        and not changed_year
        and time.source != "own"
        and _table_unit(text, q) is not None
        and _per_year_table(text, q)
        and not _caption_of_a_reporting_period(text, q)  # ("Capacity by base (Q3 2023)": then capacity)
    ):
        # a table of amounts a year ("新增排放量（吨/年）", "t/yr"): a design's rate, of no one year
        time = replace(time, year=None, period="", flag="multi_year", source="own")
    if horizon := _HORIZON_COLUMN.fullmatch(column.strip()):
        # a return over a horizon is a change; over several years (annualised) or since inception it is
        # of no one year ("3 Yr", "Since Inception")
        measure = "change"
        if _MULTI_YEAR_HORIZON.fullmatch(horizon.group(0)):
            time = replace(time, year=None, period="", flag="multi_year", source="own")
    if column and _CRITERION_COLUMN.fullmatch(context.simplified(column)):
        # a column of the standard a row is held to (验收标准 "≥50", "Threshold"): a bound of no deadline
        measure = "target"
        time = replace(time, year=None, period="", flag="no_deadline", source="own")
    elif _TARGET_COLUMN.match(column) or (year_column and year_column.group("goal")) or _goal_table(text, q):
        # a column headed 目标 / "Target" / "2025 target" holds the goals of its rows, and a table of the
        # tasks a plan hands out (任务分解表, "Allocation of targets by city") holds goals in every cell
        measure = "target"
        if _STANDARD_LIMIT_COLUMN.search(context.simplified(column)) and not year_column:
            time = replace(time, year=None, period="", flag="no_deadline", source="own")  # 国家标准限定值
    elif _cues().change_column.search(column) and not year_column:
        measure = "change"  # a column of changes: 同比增减 under 新增装机（万千瓦）, "Change (%)"
    elif column and measure == "share" and q.unit == "percent" and _change_row(text, q):
        measure = (
            "change"  # a row of changes in percent: 单位GDP能耗下降（%）, "Decline in energy intensity (%)"
        )
    if (field := _form_field_time(text, q, report.undated_year)) is not None:
        # a questionnaire's field under its label ("Base year Scope 1+2 emissions …" / "1,250,000"): of the
        # year its form's "Base year", "Target year" or reporting year field gives
        role, field_year = field
        time = context.TimeChoice(
            field_year, "", "" if field_year else "no_report_year", "own", role == "target"
        )
        measure = "target" if role == "target" else ("level" if measure == "target" else measure)
    year, year_flag = time.year, time.flag
    # what the number measures (a share, a change), before a deadline or a goal word makes it a goal
    predicate = measure
    if predicate == "target":
        predicate = context.measure(text, q.start, q.tail_end, clause_start, q.unit, goals=False)[0]
    past_or_present = year is None or report.report_year is None or year <= report.report_year
    if (
        threshold
        and past_or_present
        and not time.deadline
        and context.bounds_a_class(text, q.start, q.tail_end)
    ) or (not time.deadline and _standard_level_before(text, max(s.start, q.start - 30), q.start)):
        # ("the benchmark level of 11 kgce/t … that the national standard sets": a standard's level, not
        # the year's figure)
        # a number that marks off a class of things has no year, though its sentence has one for the
        # figures about the class ("In H1, plants of 6,000 kW and above averaged 1,666 hours"); a year to
        # come is when the rule starts (民國115年起對…以上之排放源)
        measure, direction, year, year_flag = "target", "", None, "no_deadline"
    else:
        measure, direction, year, year_flag = _target(c, time, measure, direction, year, year_flag, threshold)
        if measure == "target" and predicate != "target" and _allocated_for_a_year(text, q, s.start):
            measure = predicate  # 提前下达2025年…补助资金3.2亿元: granted now for next year's budget
    if measure == "target" and not time.deadline:
        year = _plan_deadline(c, q, year)
    local = context.region_currency(report.region_code)
    if (q.unit or "").startswith("CNY") and _local_yuan(text, q, report.region_code):
        # 35億元 in a report of Hong Kong, 每度3.4元 in Taiwan (TWD/kWh); a price per a thing the catalog has no
        # unit for in that currency is kept as the amount
        q.unit = _in_local_currency(q.unit, local) or local
    elif (q.unit or "").split("/")[0] == "USD" and local and _bare_dollar(text, q):
        # "$'000" over a Hong Kong budget's columns, "$3.2 billion" in a Taiwan release, "$3 to $5 per kWh":
        # its own dollar (a price per a thing the catalog has none for in it stays as read)
        q.unit = _in_local_currency(q.unit, local) or q.unit
    value, unit, signed = None, q.unit, False
    if q.value is not None:
        value, unit = units.to_canonical(q.value * q.scale, q.unit)
        if (measure in ("change", "target") or column) and (
            context.written_sign(text, q.start) == "-" or _accounting_negative(text, q)
        ):
            # as written: "同比增长-0.2%", a table cell "-0.3" under a growth column, and a net removal in
            # a table of emissions ("LULUCF  -560"), which the rules let through as written
            value, signed = -value, measure != "change"
    elif q.unit in units.unit_table():
        unit = units.unit_table()[q.unit].canonical_unit
    indicator = (
        _indicator(c, q, unit, predicate, prev_end, noun_end, prev_fact)
        or _table_indicator(text, q, unit, predicate)
        or (measure == "target" and _table_indicator(text, q, unit, measure))  # a 目标 column of a rate
        or _with_title(c, q, clause_start, predicate)
    )
    if indicator in _PLACE_COUNTS and (q.scale != 1.0 or (value or 0) > _MOST_PLACES):
        indicator = None  # "Among provinces, … Shanghai 2.31 million": no count of provinces is so large
    flags = list(q.flags) + ([year_flag] if year_flag else []) + (["written_minus"] if signed else [])
    if unit == "percent" and _completes_a_goal(text, q, indicator, clause_start):
        flags.append("goal_completion")  # 完成年度目标的118.7%: may pass 100 percent
        if (
            measure == "target"
            and not time.deadline
            and _SHARE_OF_PLAN_DONE.search(text, max(clause_start, q.start - 24), q.start)
            and not _GOAL_VERB.search(text, clause_start, q.start)
        ):
            measure = "share"  # 分别完成年度计划的78.4%、85.1%: how much of the plan was done, not a goal
        spans = _goal_spans(c, q) if measure != "target" and year_flag == "multi_year" else []
        if spans:
            time = context.year_for(
                [r for r in c.time_refs if r not in spans],
                q.start,
                q.end,
                report.undated_year,
                None,
                c.governing,
                c.paragraph_year,
            )
            year, year_flag = time.year, time.flag
            flags = [f for f in flags if f != "multi_year"] + ([year_flag] if year_flag else [])

    if q.value == 0 and q.scale != 1.0 and q.tail_end <= q.end:
        flags.append("scale_said_elsewhere")  # a zero under "Unit: 10,000 kW": no lost digits before a scale
    if unit not in _WHOLE_UNITS and _UNKNOWN_DENOMINATOR.match(text, q.tail_end):
        flags.append("unknown_denominator")  # "0.12 kWh per passenger-km": not kWh; the rules hold it back
    elif "/" not in (unit or "") and (
        per_thing := _PER_THING_THEN_CURRENCY.search(text, max(0, q.start - 16), q.start)
    ):
        if per_thing.group("thing") in _PER_KWH and f"{unit}/kWh" in units.unit_table():
            unit = f"{unit}/kWh"  # 每千瓦时澳门元1.2: a price per kWh in patacas
        else:
            flags.append(
                "unknown_denominator"
            )  # 每吨澳门元40: a price per a thing the catalog has no unit for
    name = ""
    if indicator is None:
        indicator, name = _derived_from_row(text, q) or _derived_indicator(text, q, s.start, clause_start)
        titled = _with_item_title(c, predicate, unit) if _names_nothing(name) else None
        if titled:
            indicator, name = titled, ""  # "（二）非化石能源消费比重。由2020年的11.2%提高到…"
        else:
            flags.append("derived_indicator")
    elif indicator.startswith("derived_") and prev_fact is not None:
        name = prev_fact.indicator_name  # a rate of the amount before it, which the catalog does not name
        flags.append("derived_indicator")
    region = (
        "CN"
        if indicator in _PLACE_COUNTS_OF_THE_COUNTRY
        and unit == "count"
        and not (q.count_noun and _OTHER_THAN_PROVINCES.search(q.count_noun))
        else _wrapped_label_place(text, q, report.region_code)
        or context.region_for(
            text,
            c.region_hits,
            s.start,
            q.start,
            c.paragraph_region,
            report.region_code,
            c.parts,
            report.home_region,
            q.tail_end,
            report.own_region,
        )
    )
    line_start = structure.line_start(text, q.start)
    if not any(line_start <= m[0] < q.start for m in c.region_hits) and (
        column_place := _column_place(
            text, q, report.own_region or report.region_code, report.own_region is not None
        )
    ):
        region = column_place  # a column headed 中國大陸 beside one headed 臺灣
    if c.record_region and region == report.region_code and not any(m[1] <= q.start for m in c.region_hits):
        region = c.record_region  # a record's figures are of the place its location field gives
    if not any(m[1] <= q.start for m in c.region_hits) and (row_place := _row_label_place(text, q, s.start)):
        region = row_place  # a table laid out one cell per line: the row's label names its place ("Hangzhou")
    # (the clause between semicolons: "…the three largest export markets; in Thailand, the Company delivered")
    clause_from = max(s.start, text.rfind(";", s.start, q.start) + 1, text.rfind("；", s.start, q.start) + 1)
    clause_to = min(
        [at for at in (text.find(";", q.end, s.end), text.find("；", q.end, s.end)) if at != -1] or [s.end]
    )
    if (
        region.startswith("other:")
        and not _bracketed_after_a_country(text, c.region_hits, q.start)
        and (
            _EXPORTS.search(text, clause_from, clause_to)
            or (
                _SUPPLIER.search(text, s.start, s.end)
                and _EXPORTS.search(text, max(0, s.start - 300), s.start)
            )
        )
    ):
        # "对巴西出口新能源车18.7万辆", "Indonesia remained the largest supplier": the partner's trade is the
        # trader's, the place a flow's subject names ("Yunnan's imports from Myanmar", "Denmark imported
        # 3,400 units from China"), else the report's
        region = _trader(text, c.region_hits, clause_from, q.start) or report.region_code
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
        period=time.period if year is not None else "",
        region_code=region,
        agency_id=c.agency,
        indicator_id=indicator,
        indicator_name=name,
        quote=text[s.start : s.end],
        sentence_start=s.start,
        sentence_end=s.end,
        flags=flags,
    )


# a unit that goes on "per" something the unit catalog has no unit for ("kWh per passenger-km", "tCO2e per
# million yuan of loans", 千瓦时/百公里): the amount is not in the unit read (a year, a person, a household
# or a unit the grammar read whole are known)
@cache
def _currency_per_before() -> re.Pattern:
    """A slash or "per" and a currency right before a number: "tce/CNY 10,000", "per RMB 10,000"."""
    currency = _words_pattern(catalog.grammar_words("cues", "output_currency"))
    return re.compile(rf"(?:/|\bper\s)[ \t]*(?:{currency})[ \t]*$", re.IGNORECASE)


_SLASH_BEFORE = re.compile(r"[A-Za-z\u4e00-\u9fff%²³][ \t]*/[ \t]*$")
_PER_WHOM_AFTER = re.compile(r"[ \t]*(?:人|户|辆|(?i:people|persons|households|vehicles)\b)")
_UNKNOWN_DENOMINATOR = re.compile(
    r"[ \t]*(?i:per)\s+(?!(?i:year|annum|day|month|week|hour|capita|person|people|head|household|resident|"
    r"inhabitant|cent)\b)[A-Za-z]"
    # (a slash right after the unit: "亿 / 100m" glosses a scale, "t/yr" is a rate)
    r"|/[ \t]*(?:1(?:0|,000)*[ \t]*)?(?!年|日|月|天|人|户|小时|(?i:yr|year|annum|a|d|day|h|hr|month)\b)[A-Za-z\u4e00-\u9fff]"
)
# a price per thing with its currency written before the figure: 每千瓦时澳门元4.0, 每吨港元12
_PER_THING_THEN_CURRENCY = re.compile(
    r"每(?P<thing>[\u4e00-\u9fff]{1,4})\s*(?:澳门元|澳门币|港元|港币|新台币|人民币|美元|MOP\$?|HK\$|NT\$|US\$|\$)\s*$"
)
_PER_KWH = frozenset({"千瓦时", "度", "度电"})
_WHOLE_UNITS = frozenset({None, "percent", "percentage_point", "times", "count", "index"})


# (and a flow from abroad: the imports, their suppliers and cargoes are the importing country's)
def _trader(text: str, places, start: int, end: int) -> str | None:
    """The place that trades in a clause of imports or exports: the one named as the flow's subject
    ("Yunnan's imports from Myanmar", "Denmark imported 3,400 units", 丹麦进口), not a partner."""
    within = [p for p in places if start <= p[0] and p[1] <= end]
    traders = []
    for k, (a, b, code) in enumerate(within):
        if not _TRADES_AFTER.match(text, b):
            continue
        # (the first member of its list: 对巴基斯坦、沙特出口 lists partners)
        first = (context.coordinated(text, within[: k + 1]) or [(a, b, code)])[0][0]
        if text[first - 1 : first] not in _PARTNER_BEFORE:
            traders.append(code)
    return traders[-1] if traders else None


_TRADES_AFTER = re.compile(r"(?:'s|’s)?\s+(?i:imports?|exports?|imported|exported)\b|进口|出口")
_PARTNER_BEFORE = frozenset("对向自从往与")  # 对巴西出口: Brazil is where the exports go
_EXPORTS = re.compile(r"出口|进口|(?i:\b(?:export|import)(?:s|ed|ing)?\b)")
# ... and the suppliers of imports named just before ("Imports hit 47 Mt. Indonesia remained the largest supplier")
_SUPPLIER = re.compile(
    r"供应国|来源国|(?i:\b(?:largest|top|biggest|second|third)\s+suppliers?\b|\bsuppliers?\s+of\b)"
)
# a count of provinces is of the country, whichever province the sentence names ("the highest share
# among the 27 provinces we serve")
_PLACE_COUNTS_OF_THE_COUNTRY = frozenset({"provinces"})
# what a count of "provinces" may in fact count, named after its number: "31 counties took part in the
# province's programme" counts the province's counties
_OTHER_THAN_PROVINCES = re.compile(
    r"(?i:count(?:y|ies)|cit(?:y|ies)|towns?|villages?|districts?)|县|市|镇|村|区"
)


# money granted for a year's budget ("提前下达2025年…补助资金", "现将2025年中央预算内投资计划下达", "allocated 1.2
# billion yuan from the 2025 budget"): granted now, for that fiscal year; not a goal
_GRANT_VERB = re.compile(
    r"下达|拨付|分配|安排|清算|(?i:\b(?:allocated|earmarked|disbursed|granted|released)\b)"
)
_BUDGET_YEAR = re.compile(
    r"(?:19|20)\d\d\s*年度?[^。；;，,\n]{0,16}?(?:资金|预算|补助|补贴|奖励|投资计划)"
    r"|(?i:\b(?:FY\s*)?(?:19|20)\d\d\s+(?:budget|funds?|funding|subsid(?:y|ies)|allocation)\b)"
)


def _allocated_for_a_year(text: str, q: Quantity, sentence_start: int) -> bool:
    """A sum or count of a grant made for a year's budget, said in the number's sentence."""
    start, end = max(sentence_start, q.start - 80), min(len(text), q.tail_end + 40)
    return (
        bool(_BUDGET_YEAR.search(text, start, end))
        and bool(_GRANT_VERB.search(text, start, end))
        and not _GOAL_VERB.search(text, start, q.start)
    )


# the level a goal starts from: "Its capacity of 320,000 m3 will be raised to 480,000 m3", 将由2100万千瓦提高到
_RAISED_AFTER = re.compile(
    r"\s+(?i:will|is\s+to|are\s+to|is\s+set\s+to|are\s+set\s+to)\s+(?:be\s+)?"
    r"(?i:raised|increased|expanded|lifted|boosted|cut|reduced|lowered|brought|rise|increase|grow|fall|drop)\s+to\b"
)
_GOAL_FROM_BEFORE_ZH = re.compile(r"(?:将|要|力争|计划)(?:由|从)\s*$")
_RAISED_TO_ZH = re.compile(r"\s*(?:提高|提升|增加|增长|扩大|扩建|降低|下降|减少|压减|削减|降)(?:到|至)")


def _level_before_a_goal(text: str, q: Quantity) -> bool:
    """The figure a goal is to raise or cut, written before it: of now, not of the goal's year."""
    if _RAISED_AFTER.match(text, q.tail_end):
        return True
    return bool(_GOAL_FROM_BEFORE_ZH.search(text, max(0, q.start - 6), q.start)) and bool(
        _RAISED_TO_ZH.match(text, q.tail_end)
    )


def _in_place_beside_a_goal(c: SentenceContext, q: Quantity, sentence_end: int) -> bool:
    """A figure of what is already in place, in its own clause after a goal's deadline: the deadline is
    the goal's, not this figure's."""
    text, report_year = c.text, c.report.report_year
    goals = [
        r
        for r in c.time_refs
        if not r.base
        and r.end <= q.start
        and (r.deadline or (r.year is not None and report_year is not None and r.year > report_year))
    ]
    if not goals:
        return False
    clause_start = _last_clause_break(text, goals[-1].end, q.start)
    if clause_start is None:
        return False
    after = _CLAUSE_BREAK.search(text, q.tail_end, min(sentence_end, q.tail_end + 60))
    clause_end = after.start() if after else min(sentence_end, q.tail_end + 60)
    before = context.cue_search("already_in_place", text, max(clause_start, q.start - 40), q.start)
    # (not "在已建成的基础上再新增1000万千瓦": a goal set on top of what is in place)
    if before and not _STILL_TO_DO.search(text, before.end(), q.start):
        return True
    after = context.cue_search("already_in_place", text, q.tail_end, clause_end)
    return bool(after) and not _STILL_TO_DO.search(text, q.tail_end, after.start())


_STILL_TO_DO = re.compile(r"再|将|力争|新增|基础上|(?i:\b(?:will|reach|another|more|additional|aims?)\b)")


def _present_tense(text: str, q: Quantity, clause_start: int, sentence_end: int) -> bool:
    """A present or present-perfect verb in the number's clause, before it or right after it."""
    before = context.cue_search("present_tense", text, max(clause_start, q.start - 60), q.start)
    clause_after = _CLAUSE_BREAK.search(text, q.tail_end, min(sentence_end, q.tail_end + 60))
    after_end = clause_after.start() if clause_after else min(sentence_end, q.tail_end + 60)
    return bool(before or context.cue_search("present_tense", text, q.tail_end, after_end))


def _same_unit(q: Quantity, fact: Fact) -> bool:
    """ "1.6 percentage points lower than in 2023, against 56.8 percent in 2021": a figure held against a
    change in another unit is the level the change is of, not another change."""
    table = units.unit_table()
    return (table[q.unit].canonical_unit if q.unit in table else q.unit) == fact.unit


def _gapped(text: str, prev_end: int, start: int) -> bool:
    """ "thermal power rose 4.1 percent and hydropower 1.8 percent": a subject with the verb left out
    shares the change before it (but "and accounted for 30 percent" has a predicate of its own)."""
    gapped = _GAPPED.fullmatch(text, prev_end, start)
    if gapped and all(
        w.lower() in _GAP_FILLERS or context.cue_pattern("not_subject").fullmatch(w)
        for w in re.findall(r"[A-Za-z][A-Za-z-]*", gapped.group())
    ):
        return False  # ", so about 40.9% of all new vehicles": no subject of its own, a new predicate
    return bool(gapped) and not context.cue_pattern("share").search(text, prev_end, start)


_RENMINBI = re.compile(r"人民币|RMB|CNY|¥|￥|renminbi|yuan", re.IGNORECASE)


def _bare_dollar(text: str, q: Quantity) -> bool:
    """Whether the dollar of an amount is written with no country's mark ("$3.2 billion", a column headed
    "($'000)"), not US$, USD or "US dollars"."""
    cell = _cell_holding(_cell_headings(text), q.start, q.end)
    written = " ".join([cell[2], cell[3]] if cell else []) + " " + text[max(0, q.start - 12) : q.tail_end]
    return "$" in written and not _MARKED_US_DOLLAR.search(written)


_MARKED_US_DOLLAR = re.compile(r"(?i:\bUS\s?\$|\bU\.S\.\s?\$|\bUSD\b|\bUS\s+dollars?\b)")


def _local_yuan(text: str, q: Quantity, region: str) -> bool:
    """元 written bare in a report of Hong Kong, Macao or Taiwan is their own currency; the renminbi is
    named (133億元人民幣, 人民幣50億元)."""
    return (
        bool(context.region_currency(region))
        and not _RENMINBI.search(text, max(0, q.start - 4), q.tail_end + 4)
        and not _RENMINBI.search(q.unit_raw)  # (a table's cell under "RMB 100 million", said far from it)
    )


# a five-year plan by its number: 十四五, the 14th Five-Year Plan (2021-2025)
# (the plan itself, 十四五…规划: a title on the years "since" it, 十四五以来, reviews no plan's goals)
_PLAN_NAMED = re.compile(
    r"十([一二三四五])五[”\"」]?[^，。；以]{0,12}规划|\b(1[1-5])th\s+Five-Year\s+Plan\b", re.IGNORECASE
)
_THIS_YEAR_BEFORE = re.compile(r"今年|本年|年内|全年|(?i:this\s+year)")


@lru_cache(maxsize=4)
def _plan_end(text: str) -> int | None:
    """The last year of the five-year plan a report's title names (its mid-term review, its progress):
    2025 for 十四五, whose goals are for that year."""
    m = _PLAN_NAMED.search(context.simplified(_title_of(text)))
    if m is None:
        return None
    number = 10 + "一二三四五".index(m.group(1)) + 1 if m.group(1) else int(m.group(2))
    return 1955 + 5 * number  # the 11th plan ran from 2006 to 2010


_PLAN_TITLE = re.compile(r"方案|规划|行动计划|工作要点|(?i:action\s+plan|implementation\s+plan|work\s+plan)")
_REVIEW_TITLE = re.compile(r"评估|进展|情况|总结|公报|报告|(?i:review|progress|evaluation|report)")


@lru_cache(maxsize=4)
def _is_plan(text: str) -> bool:
    """Whether a report is a plan (实施方案, 行动计划, "Action Plan"), whose every statement is a goal, and no
    review of one."""
    title = context.simplified(_title_of(text))
    return bool(_PLAN_TITLE.search(title)) and not _REVIEW_TITLE.search(title)


# the levels a standard sets: "the benchmark level of 11 kgce/t", 能效标杆水平为…, 基准水平
_STANDARD_LEVEL_BEFORE = re.compile(
    r"\b(?i:benchmark|basic|baseline|advanced|entry|access)\s+(?i:level|value)s?\s+(?i:of\s+|is\s+|at\s+)?$"
    r"|(?:标杆|基准|准入|先进)(?:水平|值)(?:为|是|的)?\s*$"
)
_STANDARD_LEVEL_LAST = frozenset("平值为是的")


def _standard_level_before(text: str, start: int, end: int) -> bool:
    """`_STANDARD_LEVEL_BEFORE.search(text, start, end)`, searched only when the stretch ends as a match
    does: in a space (the English words) or in one of the last characters of the Chinese ones."""
    last = text[end - 1 : end] if end > start else ""
    return (last.isspace() or last in _STANDARD_LEVEL_LAST) and bool(
        _STANDARD_LEVEL_BEFORE.search(text, start, end)
    )


def _plan_deadline(c: SentenceContext, q: Quantity, year: int | None) -> int | None:
    """A goal with no deadline of its own in a report on a five-year plan ("规划目标值为16%", "目标值5000万千瓦，
    截至2023年6月底完成值…") is for the plan's last year, not for the date of the progress beside it; a goal
    said of this year stays this year's."""
    end = _plan_end(c.text)
    report_year = c.report.report_year
    if end is None or year is None or (report_year is not None and year > report_year):
        return year  # (a goal over the plan's years, "十五五期间新增…", has none)
    if _THIS_YEAR_BEFORE.search(c.text, c.sentence.start, q.start):
        return year
    return end


def _target(c: SentenceContext, time, measure: str, direction: str, year, flag: str, threshold: bool):
    """A figure for a year still to come, or for a deadline ("by 2025", 到2025年), is a target; a
    threshold to be enforced with no deadline of its own or of its heading has no year."""
    report_year = c.report.report_year
    if threshold and time.source != "own" and not c.under_deadline:
        return "target", "", None, "no_deadline"  # (a year carried from an earlier sentence is not its own)
    if year and report_year and (year > report_year or (time.deadline and year >= report_year)):
        return "target", "", year, flag
    return measure, direction, year, flag


def _indicator(c, q, unit, measure, prev_end, noun_end, prev_fact) -> str | None:
    """The catalog indicator of a fact. A relative change or a percentage-point change right after another
    fact describes that fact's indicator ("reached 2.5 trillion kWh, a year-on-year increase of 45.8%";
    "accounting for 35.2%, up 4.8 percentage points") unless the words between name one of their own."""
    windows = _windows(c, q, prev_end, noun_end)
    if prev_fact is not None and _conversion(c.text, prev_fact, prev_end, q):
        return prev_fact.indicator_id  # "2.8 trillion yuan (about 394 billion U.S. dollars)"
    if _range_end(c, q, prev_fact) and not prev_fact.indicator_id.startswith("derived_"):
        return prev_fact.indicator_id  # "240-260 GW of solar": the ends of a range measure one thing
    relative = (measure == "change" and unit in ("percent", "times")) or unit == "percentage_point"
    prefer = (c.part_of or _dimension_named(c.text, windows[0])) if relative else None
    elided = _with_elided_head(c, q, windows[0], measure, prefer) if prev_fact is not None else None
    if elided:
        return elided
    parallel = _with_elided_predicate(c, q, prev_fact, prev_end, unit, measure)
    if parallel:
        return parallel
    # a rate after a count of places does not measure that count ("28个省份…，其中青海、宁夏降幅超过5%")
    in_table = bool(_column_header(c.text, q))  # a cell is not the continuation of the cell before it
    if relative and in_table and prev_fact is not None and prev_fact.unit in units.unit_table():
        prefer = prefer or units.unit_table()[prev_fact.unit].dimension  # the row's amount: kWh, tonnes
    if relative and prev_fact is not None and prev_fact.indicator_id not in _PLACE_COUNTS and not in_table:
        own = context.indicator_for(c.phrase_hits, windows[:1], q.unit, measure, False, prefer)
        if own or not c.phrase_hits.within(*windows[0]):
            return own or prev_fact.indicator_id
        # "..., with the average price rising 19.5 percent": the clause names a part of another indicator
        # than the previous figure's; the whole sentence says which
        own = context.indicator_for(c.phrase_hits, windows[1:], q.unit, measure, False, prefer)
        return own or prev_fact.indicator_id
    own_clause = 2 if _OF_AFTER.match(c.text, q.tail_end) else 1  # "added 3.7GW of PV"
    return context.indicator_for(
        c.phrase_hits, windows, q.unit, measure, prefer=prefer, own_clause=own_clause
    )


_PLACE_COUNTS = frozenset({"provinces", "cities"})
_MOST_PLACES = 700  # (China counts 34 provincial units and about 700 cities)


def _with_elided_head(
    c: SentenceContext, q: Quantity, clause: tuple[int, int], measure, prefer
) -> str | None:
    """ "The consumption of coal grew by 1.7 percent, crude oil dropped by 1.2 percent": a later clause that
    names a thing but not what of it is measured shares the head noun of the sentence's first clause."""
    text, start = c.text, c.sentence.start
    first_break = _CLAUSE_BREAK.search(text, start, min(q.start, start + 300))
    if first_break is None or first_break.start() >= clause[0] or not c.phrase_hits.within(*clause):
        return None
    heads = context.cue_pattern("head_nouns")
    head = heads.search(text, start, first_break.start())
    if (
        head is None
        or heads.search(text, *clause)
        or context.cue_pattern("capacity_words").search(text, *clause)
    ):
        return None  # the clause says what it measures of its thing
    thing = c.phrase_hits.within(*clause)[-1][2]  # the last thing the clause names: "crude oil", 原油
    words = f"{thing} {head.group()}" if thing.isascii() else thing + head.group()
    found = _indicator_of_words(words, q.unit, measure, prefer)
    return found if found not in context.indicator_matcher().generic else None


# between two figures of one predicate: a separator or a conjunction, then only the next thing's name
_ONLY_A_NAME = re.compile(
    r"\s*(?:[,、，;；]\s*)?(?:(?i:and)\s+|和|及|以及)?(?P<name>[^\d,、，;；。]{1,30}?)\s*(?:为|是)?\s*"
)


def _with_elided_predicate(c: SentenceContext, q: Quantity, prev_fact, prev_end: int, unit, measure):
    """ "新增水电装机174万千瓦、风电1462万千瓦", "hydropower added 1.74 GW, wind power 14.62 GW": a clause
    that is only a thing's name and a figure in the previous figure's unit is the previous clause said
    again of that thing: its indicator is the previous clause's words with the parallel name replaced."""
    if prev_fact is None or prev_fact.unit != q.unit or q.unit in (None, "count"):
        return None
    gap = _ONLY_A_NAME.fullmatch(c.text, prev_end, q.start)
    if gap is None:
        return None
    names = c.phrase_hits.within(*gap.span("name"))
    if not names or names[-1][1] - names[0][0] < len(gap.group("name").strip()) // 2:
        return None
    name = c.text[names[0][0] : names[-1][1]]
    clause = c.predicate_clauses.get(prev_fact.char_start) or (
        _clause_start(c.text, c.sentence.start, prev_fact.char_start),
        prev_fact.char_start,
    )
    m = context.indicator_matcher()
    own = _indicator_of_words(name, unit, measure)
    found = []
    for h_start, h_end, phrase in c.phrase_hits.within(*clause):
        if not context.names_a_thing(phrase):
            continue  # only the previous figure's thing is replaced: 水电 of 新增水电装机, not 新增
        words = c.text[clause[0] : h_start] + name + c.text[h_end : clause[1]]
        ind = _indicator_of_words(words, unit, measure)
        if (
            ind
            and ind not in m.generic
            and context.names_part_of(ind, context.PhraseHits.of(name))
            and m.groups[ind] > (m.groups[own] if own else 0)  # the name alone says less
        ):
            found.append((m.groups[ind], -h_start, ind))
    if not found:
        return None
    c.predicate_clauses[q.start] = clause  # the next name in the series shares the same predicate
    return max(found)[-1]


def _dimension_named(text: str, window: tuple[int, int]) -> str | None:
    """The dimension the words before a rate of change name: a capacity, else an amount of electricity."""
    if context.cue_pattern("capacity_words").search(text, *window):
        return "power"
    if context.cue_pattern("energy_amount_words").search(text, *window):
        return "electric_energy"
    return None


# "went up by 5.6, 9.1 and 7.2 percent": members of a list share the predicate of the first
_CONVERSION = re.compile(
    r"\s*[(（]\s*(?:(?:19|20)\d\d\s*[:：]\s*)?(?:(?:about|around|approximately|roughly|or|约合|折合|约|合)\s*)*"
    r"(?:US\$|HK\$|\$|USD|RMB|€|人民币)?\s*$"
)  # "(about 394 billion U.S. dollars)", and the same amount a year before: "(2022: RMB 82.82 billion)"
_MONEY = ("CNY", "USD", "HKD", "TWD", "MOP", "EUR")


def _range_end(c: SentenceContext, q: Quantity, prev_fact: Fact | None) -> bool:
    """Whether the number is the upper end of a range whose lower end is the previous fact."""
    return (
        prev_fact is not None
        and c.bounds.get(q.start) == "upper_bound"
        and c.bounds.get(prev_fact.char_start) == "lower_bound"
        and q.start - prev_fact.char_end <= 12
    )


# what stands between the members of a list of figures, or of figures each with its place ("12 GW in Hebei
# and 9 in Shanxi"): no word that could bring a qualifier of its own
_LIST_GAP = re.compile(
    r"\s*(?:,|、|，)?\s*(?:(?:and|or)\s+|和|及|与|以及)?"
    rf"|{_PLACE_THEN}(?:,|,?\s+and|;)\s+"
)


def _shares_the_approximation(
    text: str, prev_fact: Fact | None, prev_end: int, q: Quantity, measure: str
) -> bool:
    """ "about 120, 95 and 60 GW", "about 12 GW in Hebei and 9 in Shanxi", "约4.8万立方米 (48,000 m3/day)": one
    "about" for a whole list of figures of one unit and measure, and for the same figure said again."""
    if prev_fact is None or prev_fact.qualifier != "approx":
        return False
    return _restated(text, prev_fact, prev_end, q) or (
        bool(_LIST_GAP.fullmatch(text, prev_end, q.start))
        and _same_unit(q, prev_fact)
        and measure == prev_fact.measure
    )


# what stage of a budget a column of a year holds, and its unit in brackets: "2022-23 Actual ($'000)",
# "2024-25 Estimate", 2023/24年度预算（千元）
_BUDGET_STAGE = re.compile(
    r"\s*(?:[(（][^()（）]{1,16}[)）]\s*$|(?i:\b(?:actual|original|revised|approved|estimated?|budget|outturn|"
    r"provisional|draft)\b)|决算|预算|预计|实际|修订)"
)


def _split_year_column(column: str) -> bool:
    """Whether a column holds a span across two years ("2023/24采暖季", "FY2023/24"), whatever stage of a
    budget it holds and whatever unit it names ("Actual 2022-23 $'000", "2024-25 Estimate")."""
    bare = _BUDGET_STAGE.sub("", context.simplified(column)).strip()
    if structure.SPLIT_YEAR_HEADER.fullmatch(bare):
        return True
    split = structure.SPLIT_YEAR_HEADER.match(bare)
    return bool(split and split.end() > 4 and _unit_written(bare[split.end() :].strip()))


def _table_cell_of(text: str, q: Quantity):
    """(table, row, cell) of the table cell that holds a number, or None."""
    if _cell_holding(_cell_headings(text), q.start, q.start + 1) is None:
        return None  # (most numbers stand in no table: a bisection says so before a walk over every cell)
    return structure.table_cell(structure.tables(text), q.start)


def _total_of_years(text: str, q: Quantity) -> bool:
    """Whether a number stands in the total row of a table whose other rows are labelled by their years."""
    found = _table_cell_of(text, q)
    if found is None or not _SUM_ROW_LABEL.fullmatch(context.simplified(found[1].label).strip()):
        return False
    others = [
        r.label.strip() for r in found[0].rows if r is not found[1] and not _SUM_ROW_LABEL.fullmatch(r.label)
    ]
    return len(others) >= 2 and all(_YEAR_ROW_LABEL.fullmatch(label) for label in others)


_SUM_ROW_LABEL = re.compile(
    r"(?i:total|sum|grand\s+total|cumulative|annual\s+average|average)|合计|总计|累计|小计|年均"
)
_YEAR_ROW_LABEL = re.compile(r"(?:19|20)\d\d(?:\s*(?:年|[-–—~至到]\s*(?:19|20)?\d\d年?))?")


def _accounting_negative(text: str, q: Quantity) -> bool:
    """Whether a number stands in brackets alone in its table cell, as accounts write a negative amount
    ("| Surrendered | (1,150) |")."""
    return (
        q.start >= 1
        and bool(structure.ACCOUNTING_NEGATIVE.fullmatch(text, q.start - 1, q.end + 1))
        and (found := _table_cell_of(text, q)) is not None
        and text[found[2].start : found[2].end].strip() == text[q.start - 1 : q.end + 1]
    )


def _row_label_place(text: str, q: Quantity, sentence_start: int) -> str | None:
    """The one region the label of a number's table row names, when the label stands on a line of its own
    before the number's sentence (a table laid out one cell per line: "Hangzhou" / "45,210" / "512.6")."""
    found = _table_cell_of(text, q)
    if found is None or found[1].label_end > sentence_start or "\n" not in text[found[1].label_end : q.start]:
        return None  # (a label in the number's own sentence or line: its places are the sentence's)
    codes = {code for _s, _e, code in context.place_mentions(text, found[1].label_start, found[1].label_end)}
    return codes.pop() if len(codes) == 1 else None


def _estimated_table(text: str, q: Quantity) -> bool:
    """Whether the caption or the note of the table that holds a number says its figures are estimates."""
    found = _table_cell_of(text, q)
    if found is None:
        return False
    table, _row, cell = found
    column = cell.column or ""
    return bool(
        _ESTIMATE_WORD.search(table.caption or "")
        or _ESTIMATE_WORD.search(table.note or "")
        or _ESTIMATE_COLUMN.search(column)  # "Est. annual generation (GWh)": its column's figures
    )


# (a title or note that names its figures estimates: "Estimated emissions", "estimates of", "(est.)", 估算值;
# not a sentence that says who estimates them: "MEE estimates coverage as follows")
# ... and a year's column marked as estimated: "FY2024E", "2025E", "2024 (E)"
_ESTIMATE_COLUMN = re.compile(
    r"(?i:^\s*est\.\s|\bestimated\b|\(est\.?\))|估算|预估|預估|(?:19|20)\d\dE\b|(?:19|20)\d\d\s*[(（]\s*E\s*[)）]"
)
_ESTIMATE_WORD = re.compile(
    r"(?i:\bestimated\b|\bestimates\s+(?:of|for)\b|\(est\.?\)|\bapproximate\b)|估算|估计值|预估值|估計值|預估值"
)


def _in_local_currency(unit: str, local: str) -> str | None:
    """A unit of yuan or dollars (CNY, CNY/kWh, USD/kWh) in the local currency (HKD, TWD/kWh), or None when
    the catalog has no price per that thing in it."""
    per = unit[3:]
    return f"{local}{per}" if not per or f"{local}{per}" in units.unit_table() else None


def _restated(text: str, prev_fact: Fact, prev_end: int, q: Quantity) -> bool:
    """A figure in brackets right after another that says it again, in another unit or currency."""
    if not _CONVERSION.fullmatch(text, prev_end, q.start):
        return False
    if _conversion(text, prev_fact, prev_end, q):
        return True
    value = q.value * q.scale if q.value is not None else None
    return bool(value and prev_fact.value and abs(value - prev_fact.value) <= 0.02 * abs(prev_fact.value))


def _conversion(text: str, prev_fact: Fact, prev_end: int, q: Quantity) -> bool:
    """An amount in parentheses right after another amount of money is the same amount in another
    currency (or the same figure in Chinese units: "98.2 million kilowatts (9820万千瓦)")."""
    if not _CONVERSION.fullmatch(text, prev_end, q.start):
        return False
    unit = units.unit_table()[q.unit].canonical_unit if q.unit in units.unit_table() else q.unit
    if unit == prev_fact.unit:
        return True
    # money, or money per the same thing ("760 yuan ($105.07) a ton")
    (currency, _, per), (prev_currency, _, prev_per) = str(unit).partition("/"), prev_fact.unit.partition("/")
    return currency in _MONEY and prev_currency in _MONEY and per == prev_per


_COORDINATED = re.compile(
    r"(?:\s|\band\b|\bor\b|\bonly\b|\bjust\b|[,、和及]|\d[\d.]*(?:\s*(?:%|percent))?"
    # each member with its own part of the year: "grew by 5.4 percent in Q1, 5.2 percent in Q2"
    rf"|\b(?i:in|for|during)\s+(?:the\s+)?(?:Q[1-4]|H[12]|(?i:first|second|third|fourth)\s+(?i:quarter|half)"
    rf"|(?:19|20)\d\d|{context.MONTHS})\b)+"
)
# "grown by roughly 0.8 percent in 2024, compared with 4.7 percent in 2023": the change it is held against
_OF_A_WHOLE = re.compile(r"\s*(?:%|(?i:percent|per\s+cent))\s+of\s+(?:the|its|their|all|total)\b")
_COMPARED_CHANGE = re.compile(
    r"[^,;，；。]{0,20}?[,，]?\s*(?:compared with|compared to|versus|vs\.?|against|up from|down from)\s+"
    r"(?:(?:about|around|roughly|nearly)\s+)?",
    re.IGNORECASE,
)
# "fell 4.6 percent from 2022, and by 48.4 percent from 2005": the same change against another base
_CHANGE_CONTINUED = re.compile(
    r"(?:,\s*|\s+)(?:and|but|or)\s+by\s*(?:about\s+|nearly\s+|over\s+)?$", re.IGNORECASE
)
# "... by 3.4 percent, Shanxi by 4.5 percent and Hebei by 4 percent": the verb left out after a comma too
_GAPPED = re.compile(
    r"\s*(?:,\s*(?:(?:and|while|but)\s+)?|\s(?:and|while|but)\s+)[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*)?"
    r"\s+(?:by\s+)?",
    re.IGNORECASE,
)
_GAP_FILLERS = frozenset(["and", "while", "but", "by", "so", "thus", "hence", "or", "just", "only", "then"])
_LIST_NEXT = re.compile(r"\s*(?:,|、|and\b|和)\s*\d")
_NEXT_NUMBER = re.compile(r"\d|<>")
# "12.6 gigawatts (GW) of solar capacity"; in Chinese the noun follows the unit directly: 2.9亿吨粗钢产能
_OF_AFTER = re.compile(
    r"(?:\s*[(（][A-Za-z]{1,6}[)）])?\s+of\b|(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff]{2})(?!以上|以下|以内|左右|多|余|的|和|及|与|，)"
)


def _windows(c: SentenceContext, q: Quantity, prev_end: int, noun_end: int) -> list[tuple[int, int]]:
    """Stretches of the sentence that may name what a quantity measures, the most telling first: the
    clause before the number, the words since the previous fact, the whole sentence before it, and the
    clause after it ("6 million kilowatts of conventional hydropower")."""
    text, s = c.text, c.sentence
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, prev_end, q.start)]
    of_after = _OF_AFTER.match(text, q.tail_end)
    clause_after = _CLAUSE_BREAK.search(text, of_after.end() if of_after else q.tail_end, s.end)
    after = (q.tail_end, clause_after.start() if clause_after else s.end)
    windows = [(breaks[-1], q.start)] if breaks else []
    if of_after:
        # "12.6 million square meters of existing buildings were retrofitted"; with the verb before it:
        # "added 305 million kilowatts of renewable capacity" (an addition, not the installed total), and
        # first: "steelmakers consumed 265 million tons of scrap" measures the scrap
        windows.insert(0, (breaks[-1] if breaks else prev_end, after[1]))
    # a table cell's row goes on with other columns' cells, not with words about it
    windows += [(prev_end, q.start), (s.start, q.start)] + ([] if _column_header(text, q) else [after])
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
        # a bare classifier (126.9万辆) or a generic noun says nothing of what is counted
        noun = q.count_noun.rstrip("和及与、")
        generic = q.count_noun.split()[0].lower() in catalog.generic_count_nouns() or (
            len(noun) == 1 and not noun.isascii()
        )
        windows = counted + windows[:-1] if generic else counted
    return windows


_CJK_WORD = re.compile(r"[\u3400-\u9fff]")
_CN_TRAILING = re.compile(
    r"(?:力争|达到|累计|超过|突破|增至|增加到|提高到|提升至|降至|下降到|控制在|保持在|稳定在|分别|完成|实现|将|已|达|为"
    r"|约|近|超|逾|共|了|是|有|占总量|占(?:全国|全省|全市|全区|全球|总量)?的?|由|从|每[\u3400-\u9fff]{1,3}|人民币|港币|新台币|美元"
    r"|首次|首度|再次|仍然|仍|已经)+$"  # (the adverbs before the verb: 比重首次超过)
)
# what is left of a date or a period before the noun phrase ("2022年全年成交量", "1-9月累计发电量",
# 二〇二二年的碳排放总量)
_CN_LEADING = re.compile(
    r"^(?:年底|年末|年初|[〇零○一二三四五六七八九十]*年的?|月底|月末|月份|月|日|全年|上半年|下半年|前三季度|以来|期间"
    r"|同比|累计|其中|我国|全国|全省|全市|全区|全县|我省|我市|本市|本省|本县|本港|本澳|全港|全澳|的)+"
)
# after a classifier: a qualifier or a conjunction, not what is counted (件左右, 个以上, 件和)
_CN_NOT_COUNTED = re.compile(r"^(?:以上|以下|以内|左右|多|余|和|及|与|的)+")


def _derived_indicator(text: str, q: Quantity, sentence_start: int, clause_start: int) -> tuple[str, str]:
    """A readable indicator for a fact the catalog does not cover, named from what the number measures:
    what it counts, else the object after it ("6,000 square kilometers of sandy land"), else the subject
    before its verb ("Completed investment in major energy projects topped"); never a unit or a verb."""
    words = [] if _unit_like(q.count_noun) else _counted_words(q.count_noun)
    if not words:
        after = _OF_OBJECT.match(text, q.tail_end)
        words = _content_words(after.group(1))[:4] if after else []
    if not words:
        words = _modified_noun(text, q)
    if not words:
        start = max(clause_start, sentence_start, q.start - 100)
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, start, q.start)]
        subject = _subject_head(text[breaks[-1] if breaks else start : q.start])
        words = _without_verb(_content_words(subject))[-4:]
        if not words and breaks:
            words = _content_words(text[start : q.start])[-4:]
        if not words and clause_start > sentence_start:
            # a second figure of its clause ("rose 9.2 percent to 4.1 million units"): the sentence's subject
            wider = text[max(sentence_start, q.start - 100) : q.start]
            if q.start - 100 > sentence_start:
                wider = wider.partition(" ")[2]  # (not from inside a word)
            words = [w for w in _content_words(_subject_head(wider)) if w.isascii()][-4:]
        if words and _CJK_WORD.match(words[-1]):
            # (a clause that is only a verb, "提高到", leaves the name to the words before it in the sentence)
            wider = _content_words(text[max(sentence_start, q.start - 100) : q.start])
            words = [_cn_noun_phrase(words) or _cn_noun_phrase(wider) or _cn_fallback(words)]
    if not words and q.count_noun and not _CJK_WORD.match(q.count_noun):
        words = q.count_noun.split()  # "about 3 million units": nothing else names them
    name = " ".join(words).lower() or "unnamed quantity"
    slug = re.sub(r"[^a-z0-9\u3400-\u9fff]+", "_", name).strip("_") or "unnamed"
    return f"derived_{slug}", name


def _without_verb(words: list[str]) -> list[str]:
    """A subject without the past-tense verb that ends it ("the three sectors emitted" about 1.8 billion)."""
    verb = len(words) >= 2 and words[-1].isascii() and words[-1].lower().endswith("ed")
    return words[:-1] if verb else words


def _without_leading_places(phrase: str) -> str:
    """A Chinese noun phrase without the places it opens with (广东的绿色专利授权量 -> 绿色专利授权量, 华东地区
    已投运抽水蓄能 -> 已投运抽水蓄能)."""
    for start, end, _ in context.place_mentions(phrase, 0, len(phrase)):
        if start == 0:
            return _without_leading_places(_PLACE_WORD.sub("", phrase[end:], count=1))
    return phrase


_PLACE_WORD = re.compile(r"^(?:地区|区域|片区)?的?")


_TIME_WORDS = frozenset(["last", "next", "this", "previous", "same", "so", "far"])


def _counted_words(count_noun: str) -> list[str]:
    """What a count noun names: "charging piles"; 辆电动巴士 without its classifier (电动巴士); nothing when
    only a classifier, a qualifier or a conjunction follows the number (件, 个以上, 件和)."""
    if not _CJK_WORD.match(count_noun):
        words = [w for w in count_noun.split() if w.lower() not in _STOP_WORDS | _TIME_WORDS]
        return [] if " ".join(words).lower() in catalog.generic_count_nouns() else words
    noun = _CN_NOT_COUNTED.sub("", count_noun[1:])
    return [noun] if len(noun) >= 2 else []


def _cn_noun_phrase(words: list[str]) -> str:
    """The Chinese noun phrase before a number (全省森林蓄积量力争达到 -> 森林蓄积量): the last word that is
    still a noun once a unit before it, the verb leading to the number, a date or period and the places are
    taken off (a word that is only a verb, 提高到, gives way to the one before it); a long one keeps its last
    twelve characters; "" when no word is."""
    for word in reversed(words):
        if not _CJK_WORD.match(word):
            break
        _scale, unit, _raw, unit_end = read_tail(word, 0, len(word), lexicon())
        phrase = _CN_TRAILING.sub("", word[unit_end:] if unit else word)  # 千伏安提高到: the unit before
        noun = _without_leading_places(_CN_LEADING.sub("", _without_leading_places(phrase)))  # 其中北京
        if len(noun) >= 2:
            return _head_of_long_phrase(noun)
    return ""


# where a long phrase's head noun begins: after its last 的 or a verb of equivalence (相当于本港…生产总值)
_HEAD_AFTER = re.compile(r".*(?:的(?!士)|相当于|等于|用于)")  # (not the 的 of 的士, taxis)


def _head_of_long_phrase(noun: str) -> str:
    """A long Chinese noun phrase by its head (安排发行的绿色和可持续债务总额 -> 绿色和可持续债务总额), at most
    twelve characters."""
    if len(noun) > 8:
        lead = _HEAD_AFTER.match(noun)
        head = _without_leading_places(_CN_LEADING.sub("", noun[lead.end() :])) if lead else ""
        noun = head if len(head) >= 4 else noun  # (a head of two or three, 比重 or 造价, names too little)
    if _SHARE_OF_WHOLE.fullmatch(noun):
        return noun  # (the part and its whole together: cutting would cut a word of the part)
    return noun[-12:]


# a part's share of its whole: 竹产业碳汇成交量占全市的比重
_SHARE_OF_WHOLE = re.compile(r".{2,12}占.{1,6}的?(?:比重|比例|份额)")


def _cn_fallback(words: list[str]) -> str:
    last = _CN_TRAILING.sub("", words[-1]) or words[-1]
    bare = _without_leading_places(last)
    return (_CN_LEADING.sub("", bare) or (bare and last))[-12:]  # a place alone names nothing


_LABEL_NOISE = re.compile(
    r"^\s*(?:其中|of which|incl(?:uding|\.)?)\s*[:：]?\s*|\s*[(（][^()（）]*[)）]\s*", re.IGNORECASE
)


def _wrapped_label_place(text: str, q: Quantity, report_region: str) -> str | None:
    """The one place a table row's label names when the label began on a line before the cell's (a PDF
    wrapped it: "新疆维吾尔自治区 Xinjiang" / "Uygur Autonomous Region  1.2"): the cell's line, where the
    sentence's places are read, does not name it."""
    found = _cell_holding(_row_labels(text), q.start, q.start + 1)
    if found is None or report_region != "CN" or found[3] >= structure.line_start(text, q.start):
        return None
    codes = {code for _s, _e, code in context.place_mentions(found[2], 0, len(found[2]))}
    return codes.pop() if len(codes) == 1 else None


@lru_cache(maxsize=4)
def _row_labels(text: str) -> list[tuple[int, int, str]]:
    """(start, end, row label, where the label starts) of every table cell, in text order (looked up by
    bisection)."""
    return sorted(
        (cell.start, cell.end, _label_with_words(text, row), row.label_start)
        for table in structure.tables(text)
        for row in table.rows
        for cell in row.cells
    )


_WORDS_CELL = re.compile(r"[^\d\s—–-][^\d]*")


def _label_with_words(text: str, row) -> str:
    """A row's label and the cells of words that go on with it before its figures ("ATS" and "Heat pump
    stock (million units)"), without a cell that only names the unit."""
    words = []
    for cell in row.cells:
        written = text[cell.start : cell.end]
        if not _WORDS_CELL.fullmatch(written):
            break  # (a figure, a dash for none, a bracketed figure: the row's values begin)
        if not _is_unit_cell(text, cell) and _unit_written(written.strip()) is None:
            words.append(written)
    return " ".join([row.label, *words])


_YEARS_IN_HEADER = re.compile(r"(?:19|20)\d\d\s*年?|\b(?:end|FY)-?\b|[,，]")


def _measured_column_before(text: str, q: Quantity) -> str:
    """The nearest column left of a number's cell whose header names a thing, without its years and unit
    ("Generation 2023 (TWh)" -> "Generation"), or ""."""
    for table in structure.tables(text):
        for row in table.rows:
            for k, cell in enumerate(row.cells):
                if cell.start <= q.start < cell.end:
                    for before in reversed(row.cells[:k]):
                        name = _YEARS_IN_HEADER.sub(" ", _LABEL_NOISE.sub(" ", before.column)).strip()
                        if name and not _MEASURE_HEADER.fullmatch(name) and not _names_a_place(name):
                            return name
                    return ""
    return ""


def _derived_from_row(text: str, q: Quantity) -> tuple[str, str] | None:
    """For a table cell the catalog does not name: the row's label, as every cell of the row shares it
    ("售电量 | 亿千瓦时 | 12,010 | 12,426"), without "其中：" or a unit in brackets."""
    found = _cell_holding(_row_labels(text), q.start, q.start + 1)
    if found is None:
        return None
    label = _LABEL_NOISE.sub(" " if found[2].isascii() else "", found[2]).strip()
    if (
        structure.YEAR_CELL.fullmatch(label)
        or _PERIOD_LABEL.fullmatch(label)
        or _names_a_place(label)
        or _names_a_place_by_code(label)
    ):
        # a row of a year, a month or a place: the cell's column says what it holds ("新登记电动私家车数目")
        label = _LABEL_NOISE.sub("", _column_header(text, q)).strip()
        # (a column of changes only, "Change (%)", changes the column it stands beside: "Generation 2023 (TWh)")
        label = _measured_column_before(text, q) if _MEASURE_HEADER.fullmatch(label) else label
        label = context.simplified(label)
    words = _content_words(label) if label.isascii() else [_without_leading_places(label)]
    name = " ".join(w for w in words if w).lower()
    if not name or context.region_gazetteer().mentions(label, 0, len(label)):
        return None  # a row of places names what it measures in the caption or the header
    slug = re.sub(r"[^a-z0-9\u3400-\u9fff]+", "_", name).strip("_")
    return (f"derived_{slug}", name) if slug else None


# a row labelled by a month or a part of the year: "1月", "January", "Jan.", "Q1", "H1 2024"
_PERIOD_LABEL = re.compile(
    rf"(?:(?:19|20)\d\d\s*年\s*)?1?\d\s*月(?:份)?|(?i:{context.MONTHS}|{_MONTH_ABBREVIATIONS})\.?"
    rf"|{structure.MONTH_OF_YEAR_HEADER.pattern}|(?i:Q[1-4]|[1-4]Q|H[12])"
)


# a row of a place and its ISO code, or of their total ("Guangdong | CN-GD", "Total | CN")
_REGION_CODE = re.compile(r"\bCN(?:-[A-Z]{2})?\b")
_CODE_SEPARATORS = re.compile(r"[\s|,;:/()（）*\\-]+")  # (and Markdown's ** and \*)
_TOTAL_LABEL = re.compile(r"(?:(?i:total|all|national|nationwide|china)\s*|合计|总计|全国)+")


def _names_a_place_by_code(label: str) -> bool:
    if not _REGION_CODE.search(label):
        return False
    rest = _CODE_SEPARATORS.sub(" ", _REGION_CODE.sub(" ", label)).strip()
    return not rest or _names_a_place(rest) or bool(_TOTAL_LABEL.fullmatch(rest))


def _names_a_place(label: str) -> bool:
    return any(
        m[0] == 0 and m[1] == len(label) for m in context.region_gazetteer().mentions(label, 0, len(label))
    )


# (the object ends where an article, a comparison or a time phrase begins: "of CO2 a year compared with
# diesel", "of CO2 reductions so far this year")
# (an owner before it is not what it names: "of the country's total installed capacity")
_OF_OBJECT = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[A-Za-z]+['’]s\s+)?"
    r"((?:(?!(?i:a|an|so|compared|than|which|this|that|per|each|every|since|last|next|at|during|across|"
    r"within|from|to|by|for)\b)"
    r"[A-Za-z][A-Za-z-]*(?:(?<=[A-Z]{2})\d{1,2}(?:\.\d)?(?![\d.]))?\s*){1,6})"
)
# a number between an article (and adjectives) and the noun it modifies: "a 4.2 billion yuan contract",
# "a new 10 GW wafer factory"
_ARTICLE_BEFORE = re.compile(
    r"\b(?:a|an|its|their)\s+(?:(?:new|total|planned|proposed|further|additional|combined|single|major)\s+)*"
    r"(?:US\$|\$|€|¥|CNY|RMB|USD|EUR|HK\$)?\s*$",
    re.IGNORECASE,
)
# the noun phrase after the number and its unit (past a conversion in brackets), up to a preposition, a
# relative word or a clause break
_NOUN_AFTER = re.compile(
    r"\s*(?:[(（][^()（）]{0,30}[)）]\s*)?((?:(?!(?:for|of|in|at|on|to|with|by|from|that|which|and|or|will|is|was)\b)"
    r"[A-Za-z][A-Za-z-]*\s*){1,4})",
    re.IGNORECASE,
)
# what such a noun says of the number is its measure, not what it measures ("a 17 percent increase")
_MEASURE_NOUN = re.compile(
    r"(?:increase|rise|decline|drop|fall|jump|growth|gain|surge|cut|reduction|decrease|share|stake|year-on-year"
    r"|yoy|rate|return|margin|premium|discount)s?",
    re.IGNORECASE,
)


def _modified_noun(text: str, q: Quantity) -> list[str]:
    """The noun a number modifies when an article stands before it: "a 4.2 billion yuan contract" names a
    contract; none when that noun is a measure ("a 17 percent increase")."""
    if not _ARTICLE_BEFORE.search(text, max(0, q.start - 40), q.start):
        return []
    after = _NOUN_AFTER.match(text, q.tail_end)
    if not after or _MEASURE_NOUN.fullmatch(after.group(1).split()[0]):
        return []
    return _content_words(after.group(1))


# a phrase that places or dates the subject before its verb ("Ticket prices on the new line in Zhoushan")
# ("at a ratio of" measures, it does not place)
_SUBJECT_PLACED = re.compile(r"\s(?:in|on|at(?!\s+an?\s)|across|among|within)\s", re.IGNORECASE)


def _subject_head(stretch: str) -> str:
    """The subject before a number without the phrases that place it: the words before its first "in",
    "on" or "at" when they name something."""
    placed = _SUBJECT_PLACED.search(stretch)
    if placed and _content_words(stretch[: placed.start()]):
        return stretch[: placed.start()]
    return stretch


_SCALE_OR_JOINER = re.compile(r"[万亿千百十和及与、]+")
_BEFORE_A_VERB = frozenset(["to", "will", "would", "must", "can", "could", "should", "shall", "may", "might"])


# a word, a chemical formula with its digits (CO2, SO2, PM2.5, PM10; not Q3 or H1) or a run of CJK characters
# (a word glued to other digits is a code or a period, Q1, FY2024, A320: no word of a name)
_NAME_WORD = re.compile(
    r"[A-Za-z][A-Za-z-]*+(?:(?<=[A-Z]{2})\d{1,2}(?:\.\d)?(?![\d.])|(?!\d))|[\u3400-\u9fff]+"
)


def _content_words(stretch: str) -> list[str]:
    """The words of a stretch that can name a thing: no function words, verbs, units, numbers or places."""
    skip = context.cue_pattern("not_subject")
    places = context.region_gazetteer()
    words = _NAME_WORD.findall(stretch)
    return [
        w
        for i, w in enumerate(words)
        if w.lower() not in _STOP_WORDS
        and (len(w) > 1 or w.isupper() and w != "I" or not w.isascii())  # ("don't" leaves a t; P/E stays)
        and not (i and words[i - 1].lower() in _BEFORE_A_VERB)  # "plans to buy", "will allocate"
        and not _SCALE_OR_JOINER.fullmatch(w)  # 万和 of "780万和540万平方米"
        and not skip.fullmatch(w)
        and not _unit_like(w)
        and not any(m[0] == 0 and m[1] == len(w) for m in places.mentions(w, 0, len(w)))
    ]


_SCALE_WORDS = re.compile(r"(?i:\b(?:thousand|million|billion|mn|mln|bn|ten\s+thousand)\b)|[万亿千百]")


@lru_cache(maxsize=4096)
def _unit_like(words: str) -> bool:
    """Words that are all units, currencies or scales ("bln tonnes", "U.S. dollars"), not counted things."""
    pattern = context.cue_pattern("unit_like")
    return bool(words.split()) and all(pattern.fullmatch(w.strip(".")) for w in words.split())


def _section_agencies(text: str, sentences, default: str) -> dict[int, str]:
    """The reporting agency of each top-level section: the first agency named in its heading or its first
    body sentence; sections that name none keep the report's agency."""
    mentions = context.agency_mentions(text, 0, len(text))
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


# a whole date on a short line at the top: the byline or dateline that dates the report itself
_DATELINE = structure.WHOLE_DATE
_HEAD_LINES, _TAIL_LINES, _SHORT_LINE = 6, 3, 80


def _bracketed_after_a_country(text: str, places, at: int) -> bool:
    """A figure in brackets right after a country that is no partner of a flow: its own ("the largest LNG
    buyer ahead of Japan (74.3 mln T)"), not one the report's trader bought from it ("from Qatar (18.2)")."""
    place = next((m for m in reversed(places) if m[1] <= at), None)
    return (
        place is not None
        and _BRACKET_OPEN.fullmatch(text, place[1], at) is not None
        and _FLOW_PARTNER_BEFORE.search(text, max(0, place[0] - 40), place[0]) is None
    )


_BRACKET_OPEN = re.compile(r"\s*[(（]\s*(?:(?i:about|around|some)\s+|约)?")
# (… of the list the country closes: "from Australia (24.1 mln T) and Qatar (18.2 mln T)")
_FLOW_PARTNER_BEFORE = re.compile(r"(?:\b(?i:from|to|into|with)\s+|[从自向对与])[^;。；\n]{0,40}$")


def dateline_year(text: str) -> int | None:
    """The year of the first whole date written on a short line among a report's first lines
    ("Updated: March 3, 2024 19:37", "20 August 2024 - Beijing", 发布时间：2024-08-23 10:30), or None."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    # ... else the date that signs an official notice on one of its last lines (二〇二三年三月十五日)
    for line in [*lines[:_HEAD_LINES], *lines[-_TAIL_LINES:][::-1]]:
        wire = _WIRE_DATELINE.match(line) if line in lines[:_HEAD_LINES] else None
        if wire:  # "SHANGHAI, March 5, 2024 /PRNewswire/ -- The company …": a story's dateline opens its lead
            return int(wire.group(1) or wire.group(2))
        issue = _ISSUE_MASTHEAD.search(line) if line in lines[:2] else None
        if issue:  # "POWER & COAL MONTHLY | Issue 10/2024", 2024年第10期: the issue of a year
            return int(issue.group(1) or issue.group(2))
        short = len(line.strip()) <= _SHORT_LINE or _DATE_FIELD.match(line)
        roc = _ROC_DATE.search(line) if short else None
        if roc:
            return structure.ROC_EPOCH + int(roc.group(1))  # "經濟部能源局 編印 ｜ 中華民國109年12月"
        m = _DATELINE.search(line) if short else None
        head = line in lines[:_HEAD_LINES] and not _PROSE_LINE.fullmatch(line.strip())
        if m and (
            head
            or m.end() - m.start() >= len(line.strip()) - 2
            or _signed(line, m)
            or _WEEKDAY_AFTER.fullmatch(line, m.end())  # "2024年9月27日（星期五）", a press release's foot
        ):
            return structure.date_year(m)
    return None


_WEEKDAY_AFTER = re.compile(
    r"\s*[(（]\s*(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]\s*[)）]\s*"
    r"|\s*[(（]?\s*(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*[)）]?\s*"
)


# a story's dateline before its first sentence: a place, a whole date, perhaps the wire, and a dash
_WIRE_DATELINE = re.compile(
    rf"[ \t]*[A-Z][A-Za-z .'-]{{1,30}},\s*(?:\d{{1,2}}\s+(?:{structure.MONTHS})\.?,?\s+((?:19|20)\d\d)"
    rf"|(?:{structure.MONTHS})\.?\s+\d{{1,2}},?\s+((?:19|20)\d\d))\s*(?:/[A-Za-z -]{{2,30}}/|\([A-Za-z ]{{2,20}}\))?"
    r"\s*[-–—]{1,2}\s"
)
# a periodical's masthead: its issue number of a year
_ISSUE_MASTHEAD = re.compile(
    r"\b(?i:issue|no\.|vol\.)\s*\d{1,3}\s*/\s*((?:19|20)\d\d)\b|((?:19|20)\d\d)\s*年\s*第\s*\d{1,3}\s*期"
)
# a date in the calendar of Taiwan, named as such (中华民国109年12月, 民國113年4月9日)
_ROC_DATE = re.compile(r"(?:中华民国|中華民國|民国|民國)\s*(\d{2,3})\s*年\s*\d{1,2}\s*月")
# a line a scraped page opens with the date it was posted on, however long the fields after it ("Updated:
# 2022-07-01 16:42   Source: State Grid Corporation of China   Views: 3,218")
_DATE_FIELD = re.compile(
    r"\s*(?:(?i:updated|published|posted|released|release\s+date|date|issued|last\s+modified)|发布时间|发布日期|"
    r"發布時間|發布日期|更新时间|时间|日期)\s*[:：]"
)


def _signed(line: str, date: re.Match) -> bool:
    """A line that signs a document: its issuer, then the date set apart at the line's end ("General
    Office, MOHURD        15 March 2024")."""
    return not line[date.end() :].strip() and bool(_SET_APART.search(line, 0, date.start()))


# a sentence of prose on a line of its own ("Provincial departments are asked to report … by 31 January
# 2025."): a date in it is when something is due, not when the text was written
_PROSE_LINE = re.compile(r"[A-Z][a-z]+(?: [A-Za-z0-9,'-]+){6,}\.")
_SET_APART = re.compile(r"(?:\s{2,}|\t|\u3000)$")


def _written_in(head: str) -> int | None:
    """The year of a line among a text's first that only dates or signs it ("中国环境报记者 张晓　2025年1月8日",
    "（2024年3月12日）", "Updated: March 3, 2024"), or None."""
    for line in [line.strip() for line in head.splitlines() if line.strip()][1:_HEAD_LINES]:
        m = _DATELINE.search(line)
        if m and (structure.is_dateline(line) or len(line.strip("（）() ")) <= m.end() - m.start() + 2):
            return structure.date_year(m)
    return None


def stated_data_year(text: str) -> int | None:
    """The year a report says its data refer to, in a note near its start or end ("Unless otherwise stated,
    data in this report refer to 2023", 注：本报告数据均为2023年数据, 文中数据截至2023年底), or None."""
    view = normalize.translate(text[:3000] if len(text) <= 4500 else f"{text[:3000]}\n{text[-1500:]}")
    for m in _DATA_YEAR.finditer(view):
        line_start = view.rfind("\n", 0, m.start()) + 1
        # (a note, not a clause deep in prose; a line that says it is a note may run longer before it)
        if m.start() - line_start <= 60 or _NOTE_LINE.match(view, line_start):
            return int(next(g for g in m.groups() if g))
    # a statement's field of the year or the calendar year it reports on ("Reporting year: 2022", 报告期：
    # 2023年1月1日—2023年12月31日, 核查年度：2023年度), on a line of its own near the start
    for m, at in _period_fields(view):
        if (not m.group("to") or m.group("to") == m.group(1)) and not _PERIOD_ACROSS_NEW_YEAR.match(
            view, at + (view[at : at + 1] in "(（【[")
        ):  # (a period from April to March is no calendar year: 報告期：2023年4月1日至2024年3月31日)
            return int(m.group(1))
    # a study that compiles a dataset of some years reports on the last of them, in its lead ("首次核算…
    # 2005年至2020年的二氧化碳排放清单", "an inventory of 290 cities covering 2005-2020")
    study = _STUDY_PERIOD.search(view, 0, min(len(view), 1500))
    return int(study.group("zh") or study.group("en")) if study else None


_PERIOD_FIELD = re.compile(
    r"[ \t\u3000]*[(（【\[]?(?:本次|本期)?(?:(?i:reporting|reference|report|inventory|verification|data|statistical|assessment|survey"
    r"|census|monitoring)\s+(?:year|period)|(?i:year\s+of\s+(?:the\s+)?data)|(?i:reporting\s+date(?=\s*[:：]\s*31\s*Dec))"
    # ... or the day a survey or a census counts as of ("Survey base date: 31 December 2023", 调查时点：2023年末)
    r"|(?i:(?:survey|census|reference|statistical|data)\s+(?:base\s+|reference\s+)?date)|调查时点|普查时点|统计时点"
    r"|报告期|报告年度|核算期|核算年度|监测期"
    r"|核查年度|核查期|统计期|统计年度|统计年份|排放年度|数据年份|数据年度|数据所属年度|所属年度|填报年度|考核年度"
    # (after a colon, or set apart as a form's field: "Monitoring period      01/01/2023 - 31/12/2023")
    r"|评价年度|监测年度|资料年份)(?:\s*[:：]|[ \t]{3,}|\t)\s*(?i:(?:FY|CY)\s*)?"
    r"(?:(?:1\s*)?(?i:January|Jan\.?)\s+|\d{1,2}\s*(?i:[A-Z][a-z]{2,8}\.?)\s+|(?i:[A-Z][a-z]{2,8}\.?)\s+\d{1,2},\s*"
    r"|0?1[/.]0?1[/.])?"  # (the first of January, day first: 01/01/2023)
    r"((?:19|20)\d\d)\s*(?:年度?)?(?:\s*(?:1\s*月\s*1\s*日|[-/.]0?1[-/.]0?1))?"
    r"(?:\s*(?:至|到|—|–|-|~|(?i:to|through))\s*(?:31\s*(?:(?i:December|Dec\.?)\s+|[/.]12[/.])|(?i:December|Dec\.?)\s+)?"
    r"(?P<to>(?:19|20)\d\d))?"
)
_FIELD_BEFORE = re.compile(r"(?:\s{2,}|\t|\u3000|[|｜；;])\s*$")
_STUDY_PERIOD = re.compile(
    r"(?:核算|编制(?!组|单位|说明)|建立|构建|研究|分析|基于|利用|整理)[^。\n]{0,40}?(?:19|20)\d\d\s*年?\s*(?:至|到|—|-|–|~)\s*"
    r"(?P<zh>(?:19|20)\d\d)\s*年?[^。\n，,]{0,16}?(?:数据|清单|面板|排放量?|核算)"
    r"|\b(?i:inventory|dataset|data\s+set|panel|database|study|analysis)\b[^.\n]{0,60}?"
    r"\b(?i:covering|spanning|for|from|over)\s+(?i:the\s+(?:years|period)\s+)?(?:19|20)\d\d\s*(?:-|–|—|to|through)\s*"
    r"(?P<en>(?:19|20)\d\d)\b"
)
_NOTE_LINE = re.compile(r"\s*(?:说明|注|备注|数据说明|编者按|(?i:notes?|about\s+the\s+data))\s*\d?\s*[:：]")
_DATA_YEAR = re.compile(
    r"\b(?i:data|figures|statistics|numbers)\b[^.\n]{0,40}?\b(?i:refer|relate|are|is)\s+(?i:to|for)\s+"
    r"(?i:the\s+)?(?i:(?:calendar|fiscal)\s+)?(?i:year\s+|end\s+of\s+)?((?:19|20)\d\d)\b(?!\s*[-–~])"
    r"|(?:数据|统计数据|资料)(?:均|皆|全部)?(?:为|系|是|截至|截止到?|截止至)\s*((?:19|20)\d\d)\s*年(?!\d|\s*[-—至到])"
    # ... the text's own data, named as such: 本文数据年份为2022年, 本报告所用数据均指2022年 (not a test's data in
    # passing: 考核数据年份为2023年)
    r"|(?:本文|本报告|本摘要|文中|全文|以下)[^。\n\d]{0,6}?数据(?:年份|年度)?(?:均|皆|全部)?(?:为|系|是|指)\s*((?:19|20)\d\d)\s*年(?!\d|\s*[-—至到])"
    # ... "all figures are 2022 figures", "(All figures: 2022)", "Reference year for all figures: 2022"
    r"|\b(?i:data|figures|statistics|numbers)\b[^.\n]{0,40}?\b(?i:are|is)\s+((?:19|20)\d\d)\s+(?i:figures|data|values|numbers)\b"
    r"|\b(?i:all\s+(?:data|figures))\s*[:：]\s*((?:19|20)\d\d)\b(?!\s*[-–~/])"
    r"|\b(?i:reference\s+year\s+(?:for|of)\s+(?:all\s+)?(?:the\s+)?(?:data|figures))\s*[:：]?\s*((?:19|20)\d\d)\b(?!\s*[-–~/])"
    # ... and said after who gave them: 数据由案例单位提供，均为2021年运行数据
    r"|(?:数据|资料)[^。\n\d]{0,16}?(?:均|皆|全部)(?:为|系|是)\s*((?:19|20)\d\d)\s*年(?!\d|\s*[-—至到])"
    # ... and a listing's stamp: "Data as of 数据截至: 2024-12-31", "Figures as of 31 December 2024"
    r"|\b(?i:data|figures|statistics)\s+(?i:as\s+of|as\s+at|up\s+to)\b[^\n\d]{0,12}?(?:\d{1,2}\s+[A-Z][a-z]+\s+)?"
    r"((?:19|20)\d\d)(?=[-/.]\d|\b)"
    r"|数据截[至止][:：]\s*((?:19|20)\d\d)(?=[-/.年]\d)"
)


def covers_several_years(text: str) -> bool:
    """Whether a field near a report's start gives the period it covers as several calendar years
    ("Monitoring period    01/01/2016 - 31/12/2022", 核算期：2021年至2023年): its undated figures are of the
    whole period, of no one year."""
    view = normalize.translate(text[:1500])
    spans = next((m for m, _at in _period_fields(view) if m.group("to")), None)
    return spans is not None and int(spans.group("to")) > int(spans.group(1))


def _period_fields(view: str):
    """(match, where its name begins) of each field of the period a report covers among a view's first
    1,500 characters, on a line of its own or among a form's fields ("Company: …    Reporting year: 2023")."""
    for m in _PERIOD_FIELD.finditer(view, 0, min(len(view), 1500)):
        line_start = view.rfind("\n", 0, m.start()) + 1
        at = m.start() + len(m.group()) - len(m.group().lstrip(" \t"))
        if m.start() == line_start or _FIELD_BEFORE.search(view, line_start, at):
            yield m, at


def straddles_two_years(title: str, text: str) -> bool:
    """Whether a report covers a year that straddles two calendar years (a fiscal or academic year, a
    heating season): its title names one ("2023/24年度可持續發展報告", "Report AY2023-24", "2023-24学年") or
    a field near its start gives its period across New Year ("報告期：2023年4月1日至2024年3月31日",
    "Academic Year 2023-24 (1 Aug 2023 - 31 Jul 2024)"). Its figures are of no one calendar year."""
    view = normalize.translate(title)
    if any(_names_a_split_year(view, m) for m in _SPLIT_YEAR.finditer(view)):
        return True
    head = normalize.translate(text[:1500])
    return bool(_PERIOD_ACROSS_NEW_YEAR.search(head))


# two years written as one period: 2023/24, 2023-24, 2023—2024 (the next year only)
_SPLIT_YEAR = re.compile(r"(?<![\d.,/第])((?:19|20)\d\d)\s*[/／\-–—]\s*((?:19|20)?\d\d)(?![\d.,/%])")
# the words that make such a pair one year of another calendar (a pair of calendar years is a period of two)
_SPLIT_YEAR_WORD = re.compile(
    r"(?i:\b(?:FY|AY|SY|fiscal|financial|academic|school|heating|season|crop|budget)\b)|年度|财年|财政|预算|学年|采暖|供暖|供热"
)


def _names_a_split_year(view: str, m: re.Match) -> bool:
    first, second = int(m.group(1)), m.group(2)
    if (int(second) if len(second) == 4 else first // 100 * 100 + int(second)) != first + 1:
        return False
    near = view[max(0, m.start() - 16) : m.end() + 10]
    return (len(second) == 2 and "/" in m.group()) or bool(_SPLIT_YEAR_WORD.search(near))


_LATER_MONTH = r"(?i:Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_PERIOD_ACROSS_NEW_YEAR = re.compile(
    # a field of the period reported on, from a month after January to the next year: 報告期：2023年4月1日至
    # 2024年3月31日, "Reporting period: 1 April 2023 - 31 March 2024", 2023-04-01 to 2024-03-31 (a heating
    # period in prose is no period of the report)
    r"(?:报告期|报告期间|报告年度|财政年度|会计年度|财年|学年|审计期|审计期间|核查期|监测期|统计期"
    r"|(?i:(?:reporting|audit|monitoring|assessment|review|verification)\s+period|verification\s+year"
    r"|report(?:ing)?\s+year"
    r"|period\s+covered|financial\s+year|fiscal\s+year|academic\s+year))\s*[:：]?\s*(?:[(（]?\s*)"
    r"(?:(?:19|20)\d\d\s*年\s*(?:[2-9]|1[0-2])\s*月\s*\d{1,2}\s*日\s*(?:至|到|—|–|-|~)\s*(?:19|20)\d\d\s*年"
    rf"|\d{{1,2}}\s+{_LATER_MONTH}\s+(?:19|20)\d\d\s*(?:-|–|—|to|through)\s*\d{{1,2}}\s+[A-Z][a-z]+\.?\s+(?:19|20)\d\d\b"
    rf"|{_LATER_MONTH}\s+(?:19|20)\d\d\s*(?:-|–|—|to|through)\s*[A-Z][a-z]+\.?\s+(?:19|20)\d\d\b"
    r"|(?:19|20)\d\d-(?:0[2-9]|1[0-2])-\d\d\s*(?:-|–|—|to|through|至)\s*(?:19|20)\d\d-\d\d-\d\d\b)"
)


def infer_report_year(text: str) -> int | None:
    """The year a report speaks from: the year of its dateline, else the latest year it names as a time
    of past or present events ("in 2022", "as of September 2022", "2022年"), never a target ("by 2030",
    "目标在2035年或之前"), a range or a name."""
    head_and_tail = text[:2000] if len(text) <= 2000 else f"{text[:2000]}\n{text[-600:]}"
    dated = dateline_year(
        normalize.translate(head_and_tail)
    )  # (a date all in Chinese numerals is read there)
    text = _years_in_digits(text)  # (二〇二四年 as 2024年: a year in Chinese numerals is a year all the same)
    if dated:
        # (a bulletin dated the year after the one its title names covers that one, as with a sidecar; a
        # title on two lines names its year on the second: "…碳普惠平台" / "2023年度运营报告（摘要）")
        title = structure.title(normalize.translate(text)) or ""
        if not _title_years(title):
            # (a title under its publisher's name lines: "交通事務局" / … / "的士電動化進展（二〇二四年第四季）")
            title = next(
                (
                    line
                    for line in _first_lines(text, 4)
                    # (a heading's line: no story's dateline, no sentence's end)
                    if not _WIRE_DATELINE.match(line)
                    and not _SENTENCE_STOP_END.search(line)
                    and len(_title_years(line)) == 1
                ),
                title,
            )
        named = [] if _title_years(title) else _report_kind_years(normalize.translate(text))
        return covered_year(title if len(named) != 1 else f"{title} {named[0]}年", dated, text)
    view = normalize.translate(text)  # 萬 as 万, full-width digits as ASCII: the cue words are simplified
    found, said = _said_years(view)
    # a title that names one year ("港燈電力投資 2023年可持續發展報告", "Progress Report ... (2023)") speaks
    # of it, whatever later years the text looks ahead to (unless the text reports an earlier one only);
    # else the latest year the text reports, and only then a goal's
    title = structure.title(view) or ""
    titled = _title_years(title)
    if len(titled) != 1:
        # ... or the line near the top that names what kind of report it is ("ANNOUNCEMENT OF 2023 ANNUAL
        # RESULTS" under a listed company's disclaimer and its name)
        named = _report_kind_years(view)
        titled = named if len(named) == 1 else titled
    if len(titled) == 1 and (not said or min(said) <= titled[0] <= max(said)):
        return titled[0]
    if len(titled) == 1 and _COMPANY_REPORT_OF_A_YEAR.search(title):
        return titled[0]  # "ANNUAL REPORT 2024" whose text names only 2023's comparatives is of 2024
    if len(titled) == 1 and said and titled[0] == max(said) + 1 and _PART_OF_A_TITLED_YEAR.search(title):
        return titled[0]  # "Statistical Report on Green Loans (Q1 2024)" against "up from … at end-2023"
    years = said or [int(y) for y in _ANY_YEAR.findall(title)] or [year for _, year in found]
    return max(years) if years else None


_SENTENCE_STOP_END = re.compile(r"[.。!?！？]$")
# a company's report on its year, which its title names (not a government's work report, which looks back on
# the year before)
_COMPANY_REPORT_OF_A_YEAR = re.compile(
    r"(?i:annual\s+report|annual\s+results|sustainability\s+report|esg\s+report)|年度报告|年报|可持续发展报告|社会责任报告"
)


def _first_lines(text: str, n: int) -> list[str]:
    """The first n lines of a text that hold anything, stripped, in the normalized view."""
    lines = (line.strip() for line in normalize.translate(text[:1000]).splitlines())
    return [line for line in lines if line][:n]


def _years_in_digits(text: str) -> str:
    """The text with each year written in Chinese numerals (二〇二四年, 二零二三年) in digits, one character for
    one, as a title's are read."""
    if "年" not in text or not _ZH_NUMERAL_YEAR.search(text):
        return text
    return _ZH_NUMERAL_YEAR.sub(lambda m: m.group().translate(structure.ZH_DIGITS), text)


_PART_OF_A_TITLED_YEAR = re.compile(
    rf"(?i:\b(?:Q[1-4]|[1-4]Q|H[12]|[12]H|first\s+half|first\s+quarter|first\s+\w+\s+months|{context.MONTHS}"
    r")(?:\s+of)?\s+20\d\d\b)|20\d\d年(?:上半年|前三季度|[一二三]季度|第[一二三]季度|1?\d\s*[-—至]\s*1?\d月|1?\d月)"
)


def _said_years(view: str) -> tuple[list[tuple[int, int]], list[int]]:
    """(offset, year) of every year a text names as a time ("in 2022", "as of September 2022", "2022年"),
    and the years among them of past or present events: a year a goal is set for ("目标在2035年或之前",
    "aims to ... in 2035") speaks of the future."""
    found = [(m.start(), int(m.group(1) or m.group(2))) for m in _TIME_YEAR.finditer(view)]
    return found, [
        year
        for at, year in found
        if not _in_goal_clause(view, at) and not _next_update(view, at) and not _in_future_clause(view, at)
    ]


def _in_future_clause(text: str, at: int) -> bool:
    """Whether a year stands in a clause about what is still to come ("will start operation in 2026", "is
    scheduled for completion in 2027", 计划于2026年投产): a time the text looks ahead to, not one it speaks from."""
    start, end = _clause_around(text, at)
    return _FUTURE_WORDS.search(text, start, end) is not None


_FUTURE_WORDS = re.compile(
    r"(?i:\bwill\b|\bshall\b|\bscheduled\b|\bis\s+due\b|\bare\s+due\b|\bupcoming\b|\bto\s+be\s+(?:completed|commissioned|built))"
    r"|计划于|拟于|将于|预计于|有望于"
)


def _next_update(view: str, at: int) -> bool:
    """Whether a year stands on a line that says when the text will next be updated ("Next update: March
    2025", 下次更新时间：2025年3月): a date to come, not one the text speaks from."""
    start = view.rfind("\n", 0, at) + 1
    return _NEXT_UPDATE.search(view, start, at) is not None


_NEXT_UPDATE = re.compile(
    r"(?i:\bnext\s+(?:update|release|revision|review)|\bto\s+be\s+updated)|下次更新|下一次更新|下期发布"
)


_TIME_YEAR = re.compile(
    # ("at end-2023", "in mid-2024": a point of a year; "by end-2025" is a deadline)
    rf"(?:\b(?:(?:[Ii]n|of|[Ss]ince|[Dd]uring|{context.MONTHS})\s+|(?<![Bb]y\s)(?:[Ee]nd|[Mm]id)-)"
    r"((?:19[5-9]|20[0-9])\d)(?![\d.,]\d|th|\s*[-–~至到])"
    r"|(?<!\d)(?<!\d[.,])(?<!到)(?<!至)(?<!到\s)((?:19[5-9]|20[0-9])\d)年(?!代|前|以前|之前|或之前|或以前))"
)


_REPORT_KIND = re.compile(
    r"(?i:annual\s+results|annual\s+report|interim\s+results|sustainability\s+report|esg\s+report|statistical\s+communiqu"
    r"|operating\s+data|operational\s+data|operating\s+statistics|(?:year|six\s+months|period)\s+ended)"
    r"|经营数据|运营数据|经营情况"
    r"|年度报告|年度运营报告|运营报告|工作报告|年报|业绩|统计公报|公报|通报|白皮书|可持续发展报告|社会责任报告|(?i:ESG)报告"
    r"|环境、社会及管治报告"
)


def _report_kind_years(view: str) -> list[int]:
    """The years of the first line near the top that names what kind of report the text is."""
    return next((_title_years(line) for line in head_lines(view) if _REPORT_KIND.search(line)), [])


def head_lines(text: str) -> list[str]:
    return [line.strip() for line in text[:1500].splitlines() if 0 < len(line.strip()) <= 120][:8]


_TITLE_YEAR = re.compile(
    rf"(?:\b(?:[Ii]n|of|[Ss]ince|[Dd]uring|{context.MONTHS})\s+((?:19[5-9]|20[0-9])\d)(?![\d.,]\d|th|\s*[-–~至到])"
    r"|(?<!\d)(?<!\d[.,])(?<!到)(?<!至)(?<!到\s)(?<![-–—~])((?:19[5-9]|20[0-9])\d)(?:年(?!代|前|以前|之前|或之前|或以前)|(?=\s*(?:[A-Za-z(（)）:：;；]|摘要|$)|\s+[-–—|]\s)))"
)
# a year a title compares with: "(…, 2024; change on 2023)", "growth over 2022"
_BASE_WORDS_BEFORE = re.compile(
    r"(?i:\b(?:(?:change|growth|increase|decrease|rise|fall|up|down)\s+(?:on|over|from)|compared\s+(?:with|to)|against"
    r"|vs\.?|versus|relative\s+to|than)\s+(?:the\s+)?(?:end[- ])?)$"
)


def _title_years(title: str) -> list[int]:
    """The years a title names as what it reports on ("2023年…公报", "2023 Annual Report", "… in 2023"),
    not a goal's."""
    # (a year in Chinese numerals reads as its digits: 二〇二三年度 as 2023年度, one character for one)
    title = _years_in_digits(title)
    return sorted(
        {
            int(m.group(1) or m.group(2))
            for m in _TITLE_YEAR.finditer(title)
            # (a financial year is reported on, whatever goal the title names: "target update for FY2025")
            if (
                not _in_goal_clause(title, m.start())
                or title[max(0, m.start() - 3) : m.start()].rstrip().endswith("FY")
            )
            # (nor is the year of an event's name: "Expo 2020 Dubai", held in 2021-22)
            and not context.event_named_after(title, m.end(1) if m.group(1) else m.end(2))
            # (nor a base of comparison: "change on 2023")
            and not (m.group(2) and _BASE_WORDS_BEFORE.search(title, max(0, m.start(2) - 24), m.start(2)))
        }
    )


_ZH_NUMERAL_YEAR = re.compile(
    r"(?<![〇零○一二三四五六七八九十百千万亿])[一二][〇零○0][〇零○0一二三四五六七八九]{2}(?=年)"
)


def covered_year(title: str, published_year: int, text: str = "") -> int:
    """The year a report speaks of: a report published early in one year on the year before says so in
    its title ("2023年国民经济和社会发展统计公报", "2023 Sustainability Report", published in 2024); an
    annual report named by its edition ("Annual Development Report … 2024", published in July 2024) speaks
    of the year before when its text names no event of the edition's year."""
    view = normalize.translate(title)
    if text and context.uses_roc_calendar(normalize.translate(text)):
        view = _ROC_TITLE_YEAR.sub(
            lambda m: f"{structure.ROC_EPOCH + int(m.group(1))}年", view
        )  # 109年 is 2020
    titled = [y for y in _title_years(view) if not _plans_for(view, y)]
    if titled == [published_year - 1]:
        return titled[0]
    if titled == [published_year] and text and _YEARBOOK.search(title):
        # a yearbook is named by the year it comes out in and records the year before ("山西年鉴（2024）",
        # "China Energy Yearbook 2024"), unless its text tells of events of its own year
        view = normalize.translate(text)
        found, _ = _said_years(view)
        if published_year not in [y for at, y in found if not _on_dateline(view, at)]:
            return published_year - 1
    if titled == [published_year] and text and _edition_title(title):
        view = normalize.translate(text)
        found, _ = _said_years(view)
        # (not the dateline: "Beijing, 10 July 2024" is when it was published)
        said = [y for at, y in found if not _in_goal_clause(view, at) and not _on_dateline(view, at)]
        # (a data digest may come out two years after the year it covers: "…數據2021" on 2019's figures)
        past = [y for y in said if y < published_year]
        if past and len(past) == len(said) and published_year - 2 <= max(past) and past.count(max(past)) >= 2:
            return max(past)
    if text and _opens_on_the_year_before(normalize.translate(text), published_year):
        return published_year - 1
    return published_year


def _opens_on_the_year_before(view: str, published_year: int) -> bool:
    """Whether a report's first paragraph of prose opens on the year before it came out, as the lead of a
    Chinese work bulletin does ("2020年，全省农业农村系统…"), and the text names its own year only on its
    dateline: a bulletin on that year, written early in the next. (An English story that opens "In 2023,"
    the next spring still speaks from its date of what stands now.)"""
    first = next(
        (line.strip() for line in view[:2000].splitlines() if len(line.strip()) > 20 and "。" in line),
        "",
    )
    opening = _OPENING_YEAR.match(first)
    if not opening or int(opening.group(1)) != published_year - 1:
        return False
    found, _ = _said_years(view)
    return published_year not in [y for at, y in found if not _on_dateline(view, at)]


# a paragraph that opens on a whole year: "2020年，", "2020年全年，"
_OPENING_YEAR = re.compile(r"((?:19|20)\d\d)年(?:全年|度)?[，,]")


# a year of the calendar of Taiwan opening a title's words (109年節能標章推動成果統計)
_ROC_TITLE_YEAR = re.compile(r"(?<![\d.,])(1[0-3]\d|[89]\d)年(?!代)")


def _plans_for(title: str, year: int) -> bool:
    """Whether a title names the year as the one its plans are for ("… in 2020 and Key Tasks for 2021",
    2020年工作总结和2021年工作计划): the report is on the year before."""
    return bool(re.search(_PLANS_FOR.pattern.replace("YEAR", str(year)), title))


_PLANS_FOR = re.compile(
    r"(?i:\b(?:tasks?|plans?|priorities|targets?|work)\s+(?:for|in)\s+YEAR\b)"
    r"|YEAR\s*年(?:度)?(?:重点工作|重点任务|工作要点|工作计划|工作安排|工作思路|主要目标|目标任务)"
)


# a title that names its edition: the year after the name of an annual publication ("Annual Development
# Report of China's Power Industry 2024: Summary"), not after a part of the year ("Outlook 1H 2024")
_EDITION = re.compile(
    r"(?i:report|review|yearbook|almanac|outlook|handbook|statistics|data|digest)\b[^:：()（）]{0,60}?"
    r"(?:\s(?P<before>\S+))?\s+20\d\d\s*(?:[:：(（]|$)"
    # ... and a Chinese title that ends in its edition's year: 香港能源最终用途数据2021, 能源统计年鉴2023
    r"|(?:数据|數據|统计|統計|年鉴|年鑑|概览|概覽|汇编|彙編|手册|手冊)\s*(?:（)?20\d\d(?:年版)?(?:）)?"
    r"\s*(?:[(（]?摘要[)）]?)?\s*$"
)
_PART_OF_YEAR = re.compile(rf"(?i:[1-4]?H[12]?|Q[1-4]|half|quarter|months?|{context.MONTHS}\.?)")


def _names_edition(title: str) -> bool:
    """A title whose year names its edition ("… Report 2024", "（2024年版）") or the round that approved what
    it lists (2021年度立项项目), not the year it covers."""
    return _edition_title(title) or bool(_EDITION_MARK.search(title) or _BATCH_YEAR.search(title))


_YEARBOOK = re.compile(r"年鉴|(?i:\byearbook\b|\balmanac\b)")
_EDITION_MARK = re.compile(r"(?:19|20)\d\d\s*年版|(?i:\bedition\b)")
# ... or the round that approved or named the things a title lists, as a batch is named (2021年度立项项目,
# "projects approved in 2021"), not the year its figures are of
_TITLE_ZONE = 300  # (the characters a text's title and subtitles stand in)
_BATCH_YEAR = re.compile(
    r"(?:19|20)\d\d\s*年度?\s*(?:立项|获批|批准|认定|入选|遴选|评选|申报|下达)"
    r"|(?i:\b(?:approved|selected|awarded|funded|accredited)\s+in\s+(?:19|20)\d\d\b)"
)


def _edition_title(title: str) -> bool:
    m = _EDITION.search(title)
    return bool(m) and not (m.group("before") and _PART_OF_YEAR.fullmatch(m.group("before")))


def _on_dateline(view: str, at: int) -> bool:
    start = _line_start(view, at, 100)
    end = view.find("\n", at, at + 100)
    return start is not None and structure.is_dateline(view[start : end if end != -1 else at + 100].strip())


_ANY_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")
_CLAUSE_EDGE = re.compile(r"[;!?，；。！？\n]|,(?!\d{3}(?!\d))|\.(?!\d)")  # (not 480,000 or 1.5)


def _clause_around(text: str, at: int) -> tuple[int, int]:
    """The start and end of the clause that holds offset `at` (looked for 80 characters either side)."""
    edges = [m.start() for m in _CLAUSE_EDGE.finditer(text, max(0, at - 80), min(len(text), at + 80))]
    start = max([e + 1 for e in edges if e < at], default=max(0, at - 80))
    end = min([e for e in edges if e > at], default=min(len(text), at + 80))
    return start, end


def _in_goal_clause(text: str, at: int) -> bool:
    start, end = _clause_around(text, at)
    return bool(
        context.cue_pattern("target").search(text, start, end)
        or context.cue_pattern("forecast").search(text, start, end)
    )


def _about_the_mainland(simplified: str, region: str) -> bool:
    """Whether a report of Hong Kong, Macao or Taiwan (its text in simplified characters) names the mainland
    (内地, 大陆) more often than its own place, and more than twice: its figures are then the mainland's unless
    a sentence names its own place."""
    mainland = own = 0
    for mention in context.place_mentions(simplified, 0, len(simplified)):
        code = mention[2]
        if code == region or (code == "CN" and context.names_own_country(simplified, mention, region)):
            own += 1
        elif code == "CN":
            mainland += 1  # (a province named in passing, "the campus in Shenzhen", says less)
    return mainland >= 3 and mainland > own  # (a passing mention of the mainland in a short note says little)


def _home_region(view: str) -> str | None:
    """The one province the title names, even inside the name of a company or an exchange."""
    span = structure.title_span(view)
    if span is None:
        return None
    codes = {
        code
        for _s, _e, code in context.region_gazetteer().mentions(view, *span)
        if context.mainland_province(code)
    }
    return codes.pop() if len(codes) == 1 else None


def infer_agency(text: str) -> str:
    """The publishing agency when the sidecar names none: the agency that reports in the first lines."""
    head = text[:3000]
    verbs = re.compile(r"\b(?:summari[sz]ed|released|reported|published|issued the|announced)\b|发布|总结")
    hits = context.agency_mentions(context.simplified(head), 0, len(head))
    for _start, end, agency in hits:
        if verbs.search(head, end, end + 40):
            return agency
    return hits[0][2] if hits else "unknown"
