"""Document structure: paragraphs, headings, sections and sentences, each with offsets into the text.

Offsets are Python str indices into the report text exactly as decoded, so that every span can be
checked with ``text[start:end]``.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from pipelines import catalog

# A heading is a short paragraph that does not end like a sentence, or one opened by an enumerator.
_ENUMERATOR = re.compile(
    r"^\s*(?:\(\s*[\d<>]+\s*\)|（[一二三四五六七八九十\d]+）|[\d<>]+[.、]\s|[一二三四五六七八九十]+、|"
    r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)(?:ly)?,|"
    r"The (?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth) is)"
)
_BULLET = re.compile(r"[•·●▪◆■◇□‧○►▶✓✔]\s*\S|[-–—*]\s+\S")  # (not "**" of bold: "**表1 …**")
# (dots that lead a label to its figure end nothing: "Guangdong ........ 2.6 GW")
_SENTENCE_END = re.compile(r"[。！？!?；]|(?<!\.\.)\.(?=\s|$)|\.(?=\s|$)(?![ \t]*[-+−$¥]?\d)")
_ABBREVIATIONS = re.compile(
    r"(?:\bNo|\be\.g|\bi\.e|\betc|\bMr|\bMs|\bDr|\bSt|\bCo|\bLtd|\bInc|\bvs|\bNos|\bapprox|\bU\.S|\bU\.K|\bU\.N"
    r"|\bincl|\bexcl|\bavg|\bapprox"
    r"|(?<=[ \t(])c|(?<=[ \t(])ca|\best"  # ("- c. 45% of sales", "ca. 300", "est. 1.2 GW": circa and estimated)
    r"|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec))$"
)


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
    level: int  # 1 top-level heading, 2 sub-heading, 0 body text (and table rows and cells)
    table: bool = False  # a row of a table, or one cell of a table laid out one cell per line


_NEAR_LINE = 256  # characters searched back for the line's start before its line breaks are looked up


def line_start(text: str, pos: int) -> int:
    """Where the line holding `pos` starts (`text.rfind("\\n", 0, pos) + 1`): searched back a little,
    else looked up among the text's line breaks, found once, so that the work for each number stays
    bounded on a line of megabytes."""
    found = text.rfind("\n", max(0, pos - _NEAR_LINE), pos)
    if found != -1 or pos <= _NEAR_LINE:
        return found + 1
    breaks = _line_breaks(text)
    i = bisect.bisect_left(breaks, pos)
    return breaks[i - 1] + 1 if i else 0


@lru_cache(maxsize=4)
def _line_breaks(text: str) -> list[int]:
    return [m.start() for m in _LINE_BREAK.finditer(text)]


_LINE_BREAK = re.compile("\n")


def paragraphs(text: str) -> list[Paragraph]:
    return list(_layout(text)[0])


def tables(text: str) -> list[Table]:
    return list(_layout(text)[1])


@lru_cache(maxsize=4)
def _layout(text: str) -> tuple[tuple[Paragraph, ...], tuple[Table, ...]]:
    """Paragraphs and tables, computed once per text: extraction asks for them several times."""
    out = []
    for m in re.finditer(r"[^\r\n]+", text):
        body = m.group().strip()
        if not body or _ELISION.fullmatch(body):
            continue  # ("...": an excerpt's cut is no paragraph, and ends no heading's passage)
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        end = start + len(body)
        level = _heading_level(body)
        out.append(Paragraph(start, end, level > 0, level))
    # a table's rows and cells are short lines without sentence punctuation, but no headings
    found = _find_tables(text, out)
    in_table = {i for t in found for i in range(t.head, t.last)}
    paras = tuple(
        Paragraph(p.start, p.end, False, 0, True) if i in in_table else p for i, p in enumerate(out)
    )
    return paras, tuple(found)


_ELIDED_ROWS = re.compile(r"[ \t|]*(?:(?:…+|⋯+|\.{3,}|…)[ \t|]*){2,}")
_ELISION = re.compile(r"[(\[（【]?\s*(?:\.{3,}|…+|(?:\.\s){2,}\.)\s*[)\]）】]?")


def _heading_level(body: str) -> int:
    if _BULLET.match(body) and not _PAGE_NUMBER.fullmatch(body):
        return 0  # an item of a bulleted list ("• Forest coverage: 24.1%"), under the heading that opened it
    # (a sentence may close with a quotation mark or a source in brackets: "…2.2个百分点。（来源：国家统计局）")
    # (the note is stripped only when the rest cannot decide: on a long paragraph that costs a scan)
    ends_like_sentence = (
        body[-1] in ".。!?！？;；:："
        or len(body) > 160
        or (_TRAILING_NOTE.sub("", body) or body)[-1] in ".。!?！？;；"
    )
    if _ENUMERATOR.match(body):
        return 2 if not ends_like_sentence or len(body) < 160 else 0
    if not ends_like_sentence and len(body) < 160:
        return 1
    return 0


# ... or a footnote's mark: "…回收率约为52%。①", "… in 2023.[3]", "…达到58%。¹"
_TRAILING_NOTE = re.compile(
    r"(?:\s*[(（][^()（）]*[)）]|[”」』’\"]|[①-⑳⑴-⒇]|\[\d{1,3}\]|［\d{1,3}］|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*{1,3})+\s*$"
)


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


_ENUMERATOR_ONLY = re.compile(r"[\d<>]+\.")
_NON_SPACE = re.compile(r"\S")


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
                or _ENUMERATOR_ONLY.fullmatch(text, start, end)  # a heading's enumerator "1."
            ):
                continue
            if _NON_SPACE.search(text, start, end):  # (no slice: a paragraph may be long)
                out += [Sentence(a, b, p_index, section, para.heading) for a, b in _bounded(start, end, text)]
            start = end
            while start < para.end and text[start].isspace():
                start += 1
        if start < para.end:
            out += [
                Sentence(a, b, p_index, section, para.heading) for a, b in _bounded(start, para.end, text)
            ]
    return out


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH_ABBREVIATIONS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
# a whole date, its year in one of the groups: March 3, 2024 / 20 August 2024 / 2024-05-14 / 2024年3月3日
WHOLE_DATE = re.compile(
    rf"(?:\b(?:{MONTHS}|{MONTH_ABBREVIATIONS})\.?\s+\d{{1,2}},?\s+((?:19|20)\d\d)\b"
    rf"|\b\d{{1,2}}\s+(?:{MONTHS}|{MONTH_ABBREVIATIONS})\.?\s+((?:19|20)\d\d)\b"
    r"|(?<!\d)((?:19|20)\d\d)(?:[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)|年\d{1,2}月\d{1,2}日)"
    r"|([一二][〇零○一二三四五六七八九]{3})年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?"
    rf"|\b\d{{1,2}}-(?:{MONTH_ABBREVIATIONS})-((?:19|20)\d\d)\b"
    r"|(?:民国|民國)?(?<!\d)(1[01]\d)年\d{1,2}月\d{1,2}日"
    r"|(?<![\d.,-])(1[01]\d)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d.-]))"
)  # ... and 二〇二四年八月十五日, 二〇二四年五月, 12-Feb-2025, and 113年4月9日 or 114-03-20 in the calendar
# of Taiwan
# the characters a WHOLE_DATE match may begin with: a month's capital (the pattern is case-sensitive), a
# digit, 一 or 二 (二〇二四年), 民 (民國113年)
_WHOLE_DATE_OPENING = re.compile(r"[JFMASOND\d一二民]")


def search_whole_date(line: str) -> re.Match | None:
    """`WHOLE_DATE.search(line)`, tried only where a match may begin: the search tries every position of
    the line with each of its alternatives, most of which open with a word boundary or a look-behind (no
    character for the engine to skip to); `match` at a position is what the search tries there."""
    for m in _WHOLE_DATE_OPENING.finditer(line):
        date = WHOLE_DATE.match(line, m.start())
        if date:
            return date
    return None


ZH_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")  # 二〇二四 -> 2024
ROC_EPOCH = 1911  # year 1 of the calendar used in Taiwan (民國) is 1912


def header_year(match: re.Match) -> int:
    """The year of a YEAR_HEADER match (112年 is 2023)."""
    year = int(match.group(1).lstrip("民国國").rstrip("AEFP"))
    return year + ROC_EPOCH if year < 1000 else year


def date_year(match: re.Match) -> int:
    """The year of a WHOLE_DATE match, whichever way it is written."""
    year = int(next(g for g in match.groups() if g).translate(ZH_DIGITS))
    return year + ROC_EPOCH if year < 1000 else year


# a line that opens with the label of a byline: who wrote it, when, where from, how often read
BYLINE_LABEL = re.compile(
    r"^\W*(?:Updated|Published|Posted|Source|Editor|Views?|Reads?|发布时间|更新时间|发布日期|發布日期|时间|日期|来源|編輯|编辑|作者|浏览|阅读)"
    r"[\u4e00-\u9fff]{0,3}\s*[:：]",
    re.IGNORECASE,
)
_CLOCK_TIME = re.compile(r"\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?")
# a place, a section or a publisher between separators: bars, dots, dashes, commas, an ideographic space
_DATELINE_PART = re.compile(r"[^|｜·•/–—,，　\t-]{1,48}")
_DATELINE_SEPARATOR = re.compile(r"\s*[|｜·•/–—,，-]\s*|\s*[　\t]\s*")  # (a tab: an ideographic space read)
# a label written before the date, with or without a colon: "Posted 6 February 2024 · Data", "Issued: 8 January 2025"
_DATE_LABEL = re.compile(r"\s*(?i:posted|published|updated|released|issued|dated)(?:\s+on)?\s*[:：]?\s*$")
_TITLE_LINE, _DATELINE_LINE = 200, 80
# a month that dates the text, after a place or a label and before a listing code or a document number:
# "Shenzhen, March 2024 (HKEX: 1816)", "Policy brief, February 2025", "二〇二四年六月　青林草〔2024〕56号"
_MONTH_LINE = re.compile(
    rf"(?:[A-Z][\w .'-]{{0,40}},\s*)?(?:{MONTHS})\s+(?:19|20)\d\d\s*(?:[(（][^()（）]{{0,50}}[)）])?"
    r"|(?:[\u4e00-\u9fff]{1,24}[\s　]+)?(?:(?:19|20)\d\d|[一二][〇零○一二三四五六七八九]{3}|(?:中[华華])?民[国國]\d{2,3})年"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})月[\s　]*(?:[\u4e00-\u9fff]{0,8}[〔\[]\d{4}[〕\]]\d{1,4}号)?"
)


def is_dateline(line: str) -> bool:
    """Whether a line dates or signs the text rather than titles it: it opens with a byline label, or it
    is a whole date (and a clock time) set apart by separators from short parts such as a place and a
    section ("2024-05-14 | Shanghai | Markets", "20 August 2024 - Beijing"). A title that holds a date
    ("2024年3月3日新闻发布会实录") runs on from it without a separator."""
    line = line.strip()
    if len(line) > _DATELINE_LINE:
        return False
    if BYLINE_LABEL.match(line) or _MONTH_LINE.fullmatch(line):
        return True
    date = search_whole_date(line)
    if date is None:
        return False
    after = line[date.end() :]
    after = after[_CLOCK_TIME.match(after).end() :] if _CLOCK_TIME.match(after) else after
    before = line[: date.start()]
    if _PLACE_BESIDE_A_DATE.fullmatch(after if not before.strip() else before if not after.strip() else "-"):
        return True  # "2024年2月29日 北京", "北京 2024年2月29日": where it was signed, set apart by a space
    return (_DATE_LABEL.fullmatch(before) is not None or _set_apart(before[::-1])) and _set_apart(after)


_PLACE_BESIDE_A_DATE = re.compile(r"\s*[\u4e00-\u9fff]{2,8}\s*")


def _set_apart(side: str) -> bool:
    """Whether the text on one side of a dateline's date (read away from the date) is empty or begins
    with a separator followed by short separated parts."""
    if not side.strip():
        return True
    lead = _DATELINE_SEPARATOR.match(side)
    parts = _DATELINE_SEPARATOR.split(side[lead.end() :]) if lead else []
    # (a part that is a bare figure makes a row of a table: "2021-11-29 | Jiangsu | … | 18 | % | 2025")
    return bool(lead) and all(
        _DATELINE_PART.fullmatch(p.strip()) and not _BARE_FIGURE.fullmatch(p.strip())
        for p in parts
        if p.strip()
    )


_BARE_FIGURE = re.compile(r"[-+]?\d[\d,.]*\s*%?")


def title(text: str) -> str | None:
    """The report's title: its first line when that line is short enough to be one, after a dateline or
    byline above it, and after what a scraped page keeps of the site around it (a breadcrumb, a menu, a
    link to skip to the content) or an issuing body's name above its document's title."""
    span = title_span(text)
    return text[span[0] : span[1]] if span else None


# (asked twice of a report's text, for the place its title names and for where its body begins: a pure
# function of the text, answered once; a few entries, as a report's text is a key)
@lru_cache(maxsize=4)
def title_span(text: str) -> tuple[int, int] | None:
    """Where the title stands (see `title`), or None."""
    lines = [m.span() for m in itertools.islice(_LINE.finditer(text, 0, min(len(text), 4000)), 9)]
    for i, (a, b) in enumerate(lines[:8]):
        line = text[a:b]
        last = i + 1 == len(lines)
        subject = _MEMO_SUBJECT.match(line)
        if subject and subject.end() < len(line):
            return a + subject.end(), b  # "Subject: Carbon footprint data for 2024 shipments", 事由：…
        if last or not (
            is_dateline(line)
            or _SITE_LABEL.fullmatch(line)
            or _page_furniture(line)
            or _MEMO_FIELD.match(line)
        ):
            return (a, b) if len(line) <= _TITLE_LINE and (i < 3 or not last) else None
    return None


# the fields atop a letter or a memo: who it is to and from, when, and (its title) what it is about
_MEMO_FIELD = re.compile(
    r"(?i:to|from|date|cc|bcc|attn|attention|our\s+ref|your\s+ref|ref)\s*[:：]"
    r"|(?:致|收件人|发件人|發件人|抄送|日期|发文日期|發文日期|收文单位|收文單位)\s*[:：]"
)


def is_memo_field(line: str) -> bool:
    """A field atop a letter or a memo (To:, From:, Date:, 致：), which titles nothing."""
    return bool(_MEMO_FIELD.match(line.strip()))


_MEMO_SUBJECT = re.compile(r"(?:(?i:subject|re|regarding)|事由|主题|主題|关于|標題|标题)\s*[:：]\s*")


_LINE = re.compile(r"[^\s](?:[^\r\n]*[^\s])?")  # a line without the spaces around it


# the notice a stock exchange puts atop a listed company's announcement, naming the exchange's city
_EXCHANGE_DISCLAIMER = re.compile(
    r"概不[负負]责|概不[负負]責|(?i:take\s+no\s+responsibility\s+for\s+the|make\s+no\s+representation\s+as\s+to"
    # (the notice wrapped over two lines: its second says what the first disclaimed)
    r"|expressly\s+disclaim\s+any\s+liability|in\s+reliance\s+upon\s+the\s+whole\s+or\s+any\s+part"
    r"|responsibility\s+for\s+the\s+contents|^hong\s+kong\s+exchanges\s+and\s+clearing\s+limited)"
)


def _page_furniture(line: str) -> bool:
    """A line a scraped page keeps of its site (a link to skip to the content, a menu of short items, a
    breadcrumb), or the name of the body that issues the document titled below it."""
    if _SKIP_LINK.fullmatch(line) or _CRUMBS.fullmatch(line) or _ISSUER.fullmatch(line):
        return True
    if _FULLY_BRACKETED.fullmatch(line):
        return True  # （於香港註冊成立之有限公司）（股份代號：1187）
    if _EXCHANGE_DISCLAIMER.search(line):
        return True  # 香港交易及結算所有限公司及香港聯合交易所有限公司對本公告的內容概不負責…: an exchange's notice
    if (_PAGE_LABEL.search(line) or "|" in line) and (WHOLE_DATE.search(line) or _MONTH_YEAR.search(line)):
        return True  # "POLICY BRIEF | November 2024", "Views: 1,284  Source: …  2024-07-29 16:30"
    items = [item for item in _MENU_GAP.split(line) if item.strip()]
    return len(items) >= 3 and all(len(item) <= 30 for item in items) and not _DIGIT.search(line)


_SKIP_LINK = re.compile(
    r"(?i:skip\s+to\s+(?:main\s+)?content|accessibility|main\s+menu)|跳[到至转轉]主要?[内內]容(?:[区區][块塊])?|:::"
)
# the government body that issues a document, above its title (中国电力企业联合会, 澳門特別行政區政府統計暨
# 普查局, "China Electricity Council"); a company's name stays the title, which says whose figures follow
_ISSUER = re.compile(
    r"[\u3400-\u9fff（）()]{2,28}(?:委员会|委員會|联合会|聯合會|协会|協會|局|部|厅|廳|署|办公室|辦公室|政府|中心|研究院|会议|會議)"
    r"|[A-Za-z][A-Za-z&.,' -]{2,60}\b(?i:council|commission|administration|ministry|bureau|association|exchange"
    r"|institute|agency)"
    r"|(?i:ministry|department|general\s+office)\s+of\s+[A-Za-z&,' -]{2,60}"  # Ministry of Housing and …
)
_FULLY_BRACKETED = re.compile(r"(?:[(（][^()（）]{1,40}[)）]\s*)+")
_PAGE_LABEL = re.compile(
    r"(?i:\bviews?\s*:|\bsource\s*:|\bupdated\s*:)|来源[:：]|來源[:：]|浏览|瀏覽|发布时间|發布時間"
)
_MONTH_YEAR = re.compile(rf"\b(?:{MONTHS})\s+(?:19|20)\d\d\b")
_CRUMBS = re.compile(r"[^>»]{1,30}(?:\s*[>»]\s*[^>»]{1,40}){1,6}")  # Home > News > Press releases
_MENU_GAP = re.compile(r"\s*[|｜]\s*|\t+|\u3000+|\s{2,}")


# the label of a web site's section or its breadcrumb, above a scraped page's headline ("Press Releases",
# 首页 > 新闻中心 > 能源要闻)
_SITE_LABEL = re.compile(
    r"(?i:press\s+releases?|news(?:\s+releases?)?|latest\s+news|announcements?)"
    r"|新闻发布|新闻中心|新闻动态|政务公开|通知公告|工作动态|[^>»]{1,12}(?:\s*[>»]\s*[^>»]{1,12}){1,5}"
)


@dataclass(frozen=True)
class Heading:
    """A heading paragraph and its scope: the paragraphs after it up to the next heading of the same or a
    higher level ("到2025年" / "By 2025" governs the list under it)."""

    paragraph: int  # index into paragraphs()
    start: int
    end: int
    level: int  # Paragraph.level
    rank: int  # depth of its kind: 1 a title line, then 一、 > （一） > 1. > (1) > First,
    scope_end: int  # index of the first paragraph no longer governed (exclusive)

    def governs(self, paragraph: int) -> bool:
        return self.paragraph < paragraph < self.scope_end


def headings(text: str, paras: list[Paragraph] | None = None) -> list[Heading]:
    """Every heading with its scope. A table's caption is a heading too."""
    paras = paragraphs(text) if paras is None else paras
    ranks = [_rank(text[p.start : p.end]) if p.heading else 0 for p in paras]
    out: list[Heading] = []
    for i, p in enumerate(paras):
        if not p.heading:
            continue
        end = next((j for j in range(i + 1, len(paras)) if 0 < ranks[j] <= ranks[i]), len(paras))
        out.append(Heading(i, p.start, p.end, p.level, ranks[i], end))
    return out


_RANKS = (
    # (the English outline ranks with them: "II. Draft budget" > "(iii) Key expenditures", "A. Environment")
    re.compile(r"\s*[一二三四五六七八九十]+[、.．]|\s*[IVX]{1,5}\.[ \t]+(?=\S)"),
    re.compile(
        r"\s*[（(][一二三四五六七八九十]+[)）]|\s*[（(][ivx]{1,5}[)）][ \t]*(?=\S)|\s*[A-H]\.[ \t]+(?=[A-Z])"
    ),
    re.compile(
        r"\s*\d+[.、．](?!\d)|\s*\d{1,2}[ \t]+(?=[A-Za-z\u3400-\u9fff]|(?:19|20)\d\d\b)"
    ),  # "2. Results", "2 Results"
    re.compile(r"\s*[（(]\d+[)）]"),
    re.compile(r"\s*\d{1,2}(?:\.\d{1,2}){1,3}\.?[ \t]+(?=\D)"),  # "2.1 Wind", "3.2.1 Offshore": parts of "2."
)


def heading_rank(body: str) -> int:
    """The depth of a heading's kind: 1 a line without an enumerator (a title, "By 2025"), then 一、 (or
    "II.") > （一） (or "(iii)", "A.") > 1. > (1) > "2.1", or "First," (6)."""
    return _rank(body)


def _rank(body: str) -> int:
    for n, pattern in enumerate(_RANKS):
        if pattern.match(body):
            return n + 2
    return 6 if _ENUMERATOR.match(body) else 1


def governing_headings(heads: list[Heading], paragraph: int) -> list[Heading]:
    """The headings that govern a paragraph, outermost first."""
    return [h for h in heads if h.governs(paragraph)]


@dataclass(frozen=True)
class Cell:
    start: int  # span of the cell's text
    end: int
    column: str  # the column header as written ("" when the table has none)


@dataclass(frozen=True)
class TableRow:
    label: str  # the row label, the first cell ("Beijing", 风电装机)
    label_start: int
    label_end: int
    cells: tuple[Cell, ...]  # the cells after the label
    # lines under the row that go on with its label or say it in another language, as a PDF's bilingual
    # table has them ("能源消费总量  万吨标准煤  21356" / "Total energy consumption  10,000 tce"): no figures
    glosses: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Table:
    """A table that arrived as text: one row per line ("风电装机 4.41亿千瓦，同比增长20.7%") or one cell per line
    (a header of k lines, then rows of k lines: "Beijing" / "-3.82" / "2.6"). `first`/`last` are paragraph
    indices of its rows (header and caption excluded)."""

    first: int
    last: int
    head: int  # index of the header's first paragraph (`first` when the table has no header)
    header: tuple[str, ...]  # column headers, the row label's first ("" when none)
    caption: str  # the line right before the table when it reads as a title ("一、电力装机（截至6月底）")
    rows: tuple[TableRow, ...]
    note: str = ""  # the line right after the table when it is a note that says its unit ("注：单位为万吨")


CELL_NUMBER = re.compile(r"[-+−–]?\s*[\d<>][\d,.<>]*\+?\s*[%％]?")  # ("40+": more than forty)
_SENTENCE_PUNCT = re.compile(r"[.。!?！？;；]$")
# a row on one line: a label, a gap (tab, spaces or a colon), then its values ("风电装机 4.41亿千瓦，同比增长20.7%")
_ROW = re.compile(r"([^\d\s<>][^\d<>\t:：。；;]{0,29}?)(?:\t+|\s+|[:：]\s*)(?=(?:约|約|~|≈)?[-+−]?\s*[\d<>])")
_CELL_SPLIT = re.compile(r"\t+|\s{2,}|[，；;]\s*|,\s+")


def table_cell(found: list[Table], pos: int) -> tuple[Table, TableRow, Cell] | None:
    """The table, row and cell that hold a text offset (for a row label and column header), or None."""
    for table in found:
        for row in table.rows:
            for cell in row.cells:
                if cell.start <= pos < cell.end:
                    return table, row, cell
    return None


# a questionnaire's field names its subject, scope and unit on one line ("Scope 1+2 emissions in reporting year
# covered by target (metric tons CO2e)"), its figure on the next
_LONGEST_LABEL = 80


def _find_tables(text: str, paras: list[Paragraph]) -> list[Table]:
    bodies = [text[p.start : p.end] for p in paras]
    numeric = [bool(CELL_NUMBER.fullmatch(b)) for b in bodies]
    label = [
        not n and len(b) <= _LONGEST_LABEL and not _SENTENCE_PUNCT.search(b)
        for b, n in zip(bodies, numeric, strict=True)
    ]
    found, i = [], 0
    while i < len(paras):
        table = (
            _cells_under_names(text, paras, bodies, i)
            or _chart_series(text, paras, bodies, i)
            or _cell_per_line(text, paras, bodies, numeric, label, i)
            or _single_spaced(text, paras, bodies, i)
            or _row_per_line(text, paras, bodies, i)
        )
        if table:
            if table.last < len(bodies) and _UNIT_NOTE.match(bodies[table.last]):
                table = replace(table, note=bodies[table.last])
            found.append(_continued(found[-1], table, bodies) if found else table)
            i = table.last
        else:
            i += 1
    return found


# a note under a table that says its unit: "注：单位为万吨；库存为旬末数。", "Note: unit is 10,000 tonnes"
_UNIT_NOTE = re.compile(r"(?:注|说明|說明|(?i:notes?))\s*\d?\s*[:：.]?\s*.{0,30}?(?:单位|單位|(?i:units?\b))")


def _continued(before: Table, table: Table, bodies: list[str]) -> Table:
    """A table that goes on after a page break, under its header repeated: it keeps the caption (title,
    year and unit) of its first part."""
    between = bodies[before.last : table.head]  # (a page's number, the rest of a wrapped label: "Mongolia")
    if table.header and table.header == before.header and all(_BETWEEN_PAGES.fullmatch(b) for b in between):
        return replace(table, caption=before.caption)
    return table


def _cells_under_names(text, paras, bodies, i) -> Table | None:
    """A table laid out one cell per line under a header of one column name per line ("类别" / "指标" /
    "单位" / "2020年" / "2025年" / "年均增速" / "属性"), as a plan's table of indicators comes out of a PDF.
    Its rows are told apart by what their cells hold: after each row's label, a unit under the unit
    column, figures (or a dash) under years and rates, words under the rest. The cells of a column merged
    over a group of rows (类别: "能源" / "总量") stand before the first row of the group only. Where the
    header ends is where the most rows follow it."""
    names, k = [], i
    while k < len(paras) and len(names) < 12 and _COLUMN_NAME.fullmatch(bodies[k]):
        if _DIGIT.search(bodies[k]) and not (
            YEAR_HEADER.fullmatch(bodies[k]) or _PERIOD_HEADER.fullmatch(bodies[k])
        ):
            break
        names.append(bodies[k])
        k += 1
    kinds = [_column_kind(n) for n in names]
    if len(names) < 4 or kinds[0] != "words" or not ({"years", "measured"} & set(kinds)):
        return None
    if _SERIAL_HEADER.fullmatch(names[0]):
        return _numbered_records(text, paras, bodies, i, names, kinds)
    if "years" not in kinds:
        return (
            None  # (without a serial column to part its records, only a header of years heads such a table)
        )
    label_at = next(n for n, kind in enumerate(kinds) if kind != "words") - 1
    best: tuple[list[TableRow], int, int, int] | None = None  # (rows, end, header's length, cells read)
    for h in range(max(4, label_at + 2), len(names) + 1):
        if not ({"years", "measured"} & set(kinds[:h])):
            continue
        columns = names[label_at + 1 : h]
        rows, end = _rows_under(paras, bodies, i + h, columns, kinds[label_at + 1 : h])
        # (the header that reads the most cells: a shorter one leaves its last columns' cells unread)
        if len(rows) >= 2 and (best is None or len(rows) * len(columns) > best[3]):
            best = rows, end, h, len(rows) * len(columns)
    if best is None:
        return None
    rows, end, h, _ = best
    return Table(i + h, end, i, tuple(names[label_at:h]), _caption(bodies, paras, i - 1), tuple(rows))


def _numbered_records(text, paras, bodies, i, names: list[str], kinds: list[str]) -> Table | None:
    """A list of records one field a line under a header of one name a line that opens with a serial
    column ("序号" / "项目名称" / "所在地" / "建筑面积（㎡）" / "星级" over "1" / "郑州市…中心" / "郑州市" /
    "186,420" / "★★★"): each record is a serial number, its name (the row's label) and its cells; a line of
    dots between records leaves some out."""
    n, rows = len(names), []
    p = i + n
    while p + n <= len(paras):
        if _ELIDED_ROWS.fullmatch(bodies[p]) and rows:
            p += 1
            continue
        fields = bodies[p + 2 : p + n]
        if not (
            _SERIAL_CELL.fullmatch(bodies[p].strip())
            and not _SENTENCE_PUNCT.search(bodies[p + 1])
            and all(_field_fits(b, kind) for b, kind in zip(fields, kinds[2:], strict=True))
        ):
            break
        cells = tuple(Cell(paras[p + c].start, paras[p + c].end, names[c]) for c in range(2, n))
        rows.append(TableRow(bodies[p + 1].strip(), paras[p + 1].start, paras[p + 1].end, cells))
        p += n
    if len(rows) < 2:
        return None
    return Table(i + n, p, i, tuple(names[1:]), _caption(bodies, paras, i - 1), tuple(rows))


def _field_fits(body: str, kind: str) -> bool:
    if kind in ("years", "figures", "measured"):
        return bool(_DIGIT.search(body) and len(body) <= 14) or bool(_DASH_CELL.fullmatch(body))
    return len(body) <= 24 and not _SENTENCE_PUNCT.search(body)


def _rows_under(paras, bodies, p: int, columns: list[str], kinds: list[str]) -> tuple[list[TableRow], int]:
    """The rows from line p on, each a label and one line per column, and where they end."""
    rows = []
    while p < len(paras):
        q = next((q for q in range(p, min(p + 5, len(paras))) if _row_fits(bodies, q, kinds)), None)
        if q is None:
            break
        # (a label a PDF wrapped: "单位地区生产总值" / "能耗降低"; the merged group's cells are shorter)
        wrapped = q > p and len(bodies[q - 1]) > 4
        label = bodies[q - 1] + bodies[q] if wrapped else bodies[q]
        cells = tuple(
            Cell(paras[q + 1 + c].start, paras[q + 1 + c].end, columns[c]) for c in range(len(kinds))
        )
        rows.append(TableRow(label, paras[q - wrapped].start, paras[q].end, cells))
        p = q + 1 + len(kinds)
    return rows, p


_COLUMN_NAME = re.compile(r"[^\s。，；,;:：!?！？]{1,12}")
_DASH_CELL = re.compile(r"[-—–－/／]{1,2}")
_WORDS_CELL = re.compile(r"[^\d\s。，；,;]{1,10}")


def _column_kind(name: str) -> str:
    """What a column of a table laid out one cell per line holds: "years" (figures of a year or of part of
    one), "figures" (a rate or a change: 年均增速, 比上年增长), "unit" or "words" (a label, a status: 属性)."""
    plain = name.translate(catalog.script_table())
    if YEAR_HEADER.fullmatch(plain) or _PERIOD_HEADER.fullmatch(plain):
        return "years"
    if plain in catalog.grammar_words("cues", "unit_column"):
        return "unit"
    if _change_header().search(plain) or "%" in plain or plain.endswith(("率", "速", "比重", "值")):
        return "figures"
    if _MEASURED_NAME.fullmatch(plain):
        return "measured"  # 建筑面积（㎡）, 装机容量（万千瓦）: a quantity in its unit
    return "words"


# a column's name that is a quantity with its unit in brackets (not a place or a name: 所在地（市）)
_MEASURED_NAME = re.compile(
    r"[\u3400-\u9fff]{2,8}[(（][^()（）\d\u3400-\u9fff]{1,6}[)）]|[\u3400-\u9fff]{2,8}[(（](?:万|亿|千)?[\u3400-\u9fff]{1,4}[)）]"
)


def _row_fits(bodies: list[str], q: int, kinds: list[str]) -> bool:
    """Whether line q is a row's label with the cells the columns after the label hold on the lines after."""
    if q + len(kinds) >= len(bodies):
        return False
    if not _WORDS_CELL.fullmatch(bodies[q].replace(" ", "")[:10]) and not _CJK.search(bodies[q]):
        return False
    for body, kind in zip(bodies[q + 1 : q + 1 + len(kinds)], kinds, strict=True):
        if kind in ("years", "figures", "measured"):
            if not (_DIGIT.search(body) and len(body) <= 14) and not _DASH_CELL.fullmatch(body):
                return False
        elif kind == "unit":
            if _DIGIT.search(body) or len(body) > 12:
                return False
        elif not _WORDS_CELL.fullmatch(body):
            return False
    return True


def _cell_per_line(text, paras, bodies, numeric, label, i) -> Table | None:
    if not label[i] or i + 1 >= len(paras) or not numeric[i + 1]:
        return None
    k = 1
    while i + k < len(paras) and numeric[i + k]:
        k += 1  # k columns: the label and its numbers
    rows, j = [], i
    while (
        j + k <= len(paras)
        and label[j]
        and all(numeric[j + 1 : j + k])
        and (j + k == len(paras) or not numeric[j + k])
    ):
        cells = tuple(Cell(paras[c].start, paras[c].end, "") for c in range(j + 1, j + k))
        rows.append(TableRow(bodies[j], paras[j].start, paras[j].end, cells))
        j += k
    head, header = _names_above(bodies, label, i, k)
    if len(rows) >= 3 and not header and _years_row(text, rows[0]):
        # "City" / "2022" / "2023" over "Shenzhen" / "21,045" / "35,660": the first row names the columns
        head, header = i, (rows[0].label, *(text[c.start : c.end] for c in rows[0].cells))
        rows, i = rows[1:], i + k
    if len(rows) < 2 and not header:
        return None
    if header:
        # (a header with no name over the labels' column heads the cells alone: "    Reduction (%)  Change")
        widths = [len(r.cells) for r in rows]
        columns = header if len(header) == max(set(widths), key=widths.count) else header[1:]
        rows = [TableRow(r.label, r.label_start, r.label_end, _named(r.cells, columns)) for r in rows]
    caption_at = (head if header else i) - 1
    return Table(i, j, head if header else i, header, _caption(bodies, paras, caption_at), tuple(rows))


def _names_above(bodies: list[str], label: list[bool], i: int, k: int) -> tuple[int, tuple[str, ...]]:
    """The k column names on the lines above line i, and the line where they begin: one name a line, a
    name's unit in brackets on a line of its own joining the name above it ("Energy delivered" / "(GWh)"),
    as a web page's header cells come out when each wraps. No header (the empty tuple) when the lines
    above are not k names."""
    names, at = [], i - 1
    while len(names) < k and at >= 0 and label[at]:
        if _UNIT_LINE.fullmatch(bodies[at].strip()) and at >= 1 and label[at - 1]:
            if _UNIT_LINE.fullmatch(bodies[at - 1].strip()):
                break  # (two units in a row: no name to join)
            names.insert(0, f"{bodies[at - 1]} {bodies[at].strip()}")
            at -= 2
        else:
            names.insert(0, bodies[at])
            at -= 1
    return (at + 1, tuple(names)) if len(names) == k else (i - k, ())


# a unit in brackets alone on a line: "(GWh)", "（万千瓦）", "(units)"
_UNIT_LINE = re.compile(r"[(（][^()（）\d]{1,20}[)）]")
_TOKEN = re.compile(r"\S+")
_SERIAL_HEADER = re.compile(r"(?:序号|排名|排序|名次)\s*(?i:no\.?|rank(?:ing)?|#)?|(?i:no\.?|rank|#)")


def _tokens(text: str, p: Paragraph, limit: int) -> list[tuple[int, int]]:
    """The spans of a paragraph's first `limit` tokens (a long paragraph of prose is no row of a table:
    the tokens past the limit need not be read)."""
    return [m.span() for m in itertools.islice(_TOKEN.finditer(text, p.start, p.end), limit)]


def _single_spaced(text, paras, bodies, i) -> Table | None:
    """A table whose cells are set apart by single spaces, as text taken from a PDF has them: a header
    of words ("序号 省份 公共充电桩（万台） 直流桩占比"), then rows of as many cells ("1 广东 61.3 47.5%"), a
    serial number first when the header's first column is one."""
    if "|" in bodies[i] or "\t" in bodies[i]:
        return None  # cells between bars or tabs: a delimited table, whose cells may hold spaces
    header = _tokens(text, paras[i], 13)
    n = len(header)
    if not 3 <= n <= 12 or any(CELL_NUMBER.fullmatch(text[a:b]) for a, b in header):
        return None
    if _ALIGNED.search(bodies[i]) or (i + 1 < len(paras) and _ALIGNED.search(bodies[i + 1][:200])):
        return None  # columns aligned by runs of spaces: a cell may hold a space ("北京 Beijing")
    rows, j = [], i + 1
    while j < len(paras) and not _SENTENCE_PUNCT.search(bodies[j]):
        if _LEADER_ROW.fullmatch(bodies[j]):
            break  # ("Guangdong ........ 2.6 GW": a label and its figure, the dots no cell)
        cells = _tokens(text, paras[j], n + 1)
        if len(cells) != n or not any(CELL_NUMBER.fullmatch(text[a:b]) for a, b in cells[1:]):
            break
        rows.append(cells)
        j += 1
    if len(rows) < 2 or any(b - a > 30 for a, b in header):
        return None
    names = [text[a:b] for a, b in header]
    skip = 1 if _SERIAL_HEADER.fullmatch(names[0]) else 0  # the serial number is no label
    out = tuple(
        TableRow(
            text[r[skip][0] : r[skip][1]],
            r[skip][0],
            r[skip][1],
            tuple(Cell(a, b, names[k]) for k, (a, b) in enumerate(r) if k > skip),
        )
        for r in rows
    )
    return Table(i + 1, j, i, tuple(names[skip:]), _caption(bodies, paras, i - 1), out)


def _chart_series(text, paras, bodies, i) -> Table | None:
    """A chart pasted as text: a line of years or periods over a line of as many figures, with no row
    label ("  2019    2020    2021" / "  2.5     3.1     16.9" under "图表1：…新增并网容量（GW）"); the caption
    names what the figures measure and their unit."""
    if i + 1 >= len(paras) or len(bodies[i]) > 160 or len(bodies[i + 1]) > 160 or not bodies[i][:1].isalnum():
        return None  # (a line of prose is no row of periods: most paragraphs stop here)
    if not (bodies[i][:1].isdigit() or MONTH_OF_YEAR_HEADER.match(bodies[i])):
        return None
    periods = _SERIES_GAP.split(bodies[i].strip())
    figures = _SERIES_GAP.split(bodies[i + 1].strip())
    if (
        len(periods) < 2
        or len(figures) != len(periods)
        or not all(YEAR_HEADER.fullmatch(h) or MONTH_OF_YEAR_HEADER.fullmatch(h) for h in periods)
        or not all(CELL_NUMBER.fullmatch(f) for f in figures)
    ):
        return None
    cells, pos = [], paras[i + 1].start
    for figure, column in zip(figures, periods, strict=True):
        at = text.index(figure, pos, paras[i + 1].end)
        cells.append(Cell(at, at + len(figure), column))
        pos = at + len(figure)
    row = TableRow("", paras[i + 1].start, paras[i + 1].start, tuple(cells))
    return Table(i + 1, i + 2, i, ("", *periods), _caption(bodies, paras, i - 1), (row,))


def _total_below(text, paras, bodies, j: int, last: TableRow) -> bool:
    """Whether the line under a rule at paragraph j is a row of the table above: a delimited one, or one
    with as many cells as the table's last row."""
    if j + 1 >= len(paras):
        return False
    if "|" in bodies[j + 1]:
        return True
    below = _row(text, paras[j + 1], bodies[j + 1])
    return below is not None and len(below.cells) == len(last.cells)


def _label_above_row(text, paras, bodies, j: int, last: TableRow) -> bool:
    """Whether line j is the label of the row under it, as a bilingual table gives each row its English
    name on a line of its own: a line of words alone, then a row with as many cells as the last one."""
    if j + 1 >= len(paras) or not _LONE_LABEL.fullmatch(bodies[j].strip()) or _indented(text, paras[j]):
        return False
    below = _row(text, paras[j + 1], bodies[j + 1])
    return below is not None and len(below.cells) == len(last.cells)


def _indented(text: str, p: Paragraph) -> bool:
    return p.start != text.rfind("\n", 0, p.start) + 1


# a line that is only a name: words with no figure and no column gap ("Ultra-low / near-zero energy buildings (m2)")
_LONE_LABEL = re.compile(
    r"(?![^\n]*(?:\s{2}|\u3000))[A-Za-z][^\d\t|]{2,78}?(?:\s?\([A-Za-z0-9 ,/²%]{1,16}\))?"
)


_SERIES_GAP = re.compile(r"\s{2,}|\t+|\u3000+")


def _row_per_line(text, paras, bodies, i) -> Table | None:
    rows, j = [], i
    while j < len(paras) and not _SENTENCE_PUNCT.search(bodies[j]):
        if (
            rows
            and _PLAIN_RULE.fullmatch(bodies[j].strip())
            and _total_below(text, paras, bodies, j, rows[-1])
        ):
            j += 1  # a rule between a table's rows and its total ("|合计 | 186.4 |", "Group   305.0   61.2")
            continue
        if rows and _ELIDED_ROWS.fullmatch(bodies[j]) and j + 1 < len(paras):
            j += 1  # "……\t……\t……": rows left out, the table goes on below
            continue
        if (
            rows
            and _gloss(text, paras[j], bodies[j], rows[-1])
            and not _years_row(text, rows[-1])
            and not _heads_indented_rows(text, paras, bodies, j, rows[-1])
            and not _after_blank_line(text, paras, j, len(rows))
        ):
            rows[-1] = _glossed(rows[-1], text, paras[j])
            j += 1
            continue
        row = _row(text, paras[j], bodies[j])
        if row is None and rows and _label_above_row(text, paras, bodies, j, rows[-1]):
            j += 1  # "Rooftop PV on public buildings (MW)" over "公共建筑屋顶光伏装机（MW）  12.4  27.9  45"
            continue
        if row is None and rows and j + 1 < len(paras) and _LABEL_PART.fullmatch(bodies[j]):
            row = _wrapped_row(text, paras, bodies, j)
            j += row is not None
        if row is None and rows and _groups_rows_below(text, paras, bodies, j, rows[-1]):
            j += 1  # "6. Input (-) / output (+) of transformation" over "6.1 Thermal power  -142,950 ..."
            continue
        if row is None or (rows and _after_blank_line(text, paras, j, 0) and _years_row(text, row)):
            break  # (a row of years after a blank line heads the next table)
        rows.append(row)
        last_unglossed = row
        j += 1
    if (
        rows
        and rows[-1].glosses
        and not any(r.glosses for r in rows[:-1])
        and not _glosses_unit(text, rows[-1])
    ):
        # words under the last row only are no gloss of it but what follows the table ("Source NBS"),
        # unless they say its unit again ("Installed wind capacity  10,000 kW")
        j -= len(rows[-1].glosses)
        rows[-1] = last_unglossed
    header: tuple[str, ...] = ()
    years_at = next((k for k, row in enumerate(rows[:2]) if _years_row(text, row)), None)
    if years_at is not None:
        # "Source  2022  2023": a row of years heads the columns (under a caption that may hold a
        # number of its own: "Table 3 Key indicators")
        # (a label of aligned words holds the first columns' headers: "指标    单位    2021年 ...")
        labels = _aligned_names(rows[years_at].label.strip())
        header = tuple(
            _one_name(h) for h in (*labels, *(text[c.start : c.end] for c in rows[years_at].cells))
        )
        rows, i = rows[years_at + 1 :], i + years_at + 1
    elif _marked_header(text, bodies, i, rows):
        # "| Indicator | Unit | 2021 | 2022 | GRI |" over "|---|---|": the line a Markdown rule underlines
        header = (rows[0].label, *(_one_name(text[c.start : c.end]) for c in rows[0].cells))
        rows, i = rows[1:], i + 2
    top = None  # the first line of a header a PDF spread over several lines
    places = None  # where its columns stand
    if rows and years_at is None:
        stacked = _stacked_bar_header(text, paras, bodies, i) or _stacked_header(
            text, paras, bodies, i, rows[0]
        )
        if stacked:
            header, top, places = stacked
    if not header and rows:
        header = _header_cells(text, paras, bodies, i)
    if len(rows) < (1 if header else 2):  # (a row under a row of years or a header line is a table)
        return None
    if places:
        rows = [replace(r, cells=_named_by_place(text, r.cells, header, places)) for r in rows]
    elif header:
        # (a header with no name over the labels' column heads the cells alone: "    Reduction (%)  Change")
        header = header[1:] if len(header) > 2 and _SERIAL_HEADER.fullmatch(header[0]) else header  # 序号
        numbered = [_numbered(text, r) for r in rows]  # (rows with a serial number before their label)
        serial = numbered.count(True) > len(rows) / 2
        widths = [len(r.cells) for r in rows]
        width = max(set(widths), key=widths.count)
        full = next((r for r in rows if len(r.cells) == max(widths)), None)
        rows = [_label_run_into_figure(text, r, full) if len(r.cells) == max(widths) - 1 else r for r in rows]
        widths = [len(r.cells) for r in rows]
        width = max(set(widths), key=widths.count)
        # (a header of fewer names than its rows' cells heads the last of them: years over the figures, not
        # over a column of units left of them, "Buses (unit)   6 704 …" under "   2020   2021 …")
        short = len(header) < width and not _LATIN.search(header[0]) and not _CJK.search(header[0])
        columns = (
            ("",) * (width - len(header)) + header
            if short
            else header
            if len(header) == width
            else header[1:]
        )
        places = _header_places(text, paras, bodies, i, header, columns)
        leads = [_bars_before(text, r.label_start) for r in rows]
        lead = max(set(leads), key=leads.count)  # (the bars before most rows' labels: a serial's, "1 |")
        figures = _columns_of_figures(text, rows, len(columns))
        rows = [
            replace(
                r,
                cells=_named_by_place(text, r.cells, ("", *columns), places)
                if places and len(r.cells) < len(columns)
                else _named_between_bars(text, r, columns, lead)
                or _named_figures(text, r.cells, columns, figures)
                or _named_past_the_serial(r.cells, columns, serial and not own_serial)
                or _named(r.cells, columns),
            )
            for r, own_serial in zip(rows, numbered, strict=True)
        ]
    ruled = i >= 2 and (_RULED_LINE.fullmatch(bodies[i - 1]) or _PLAIN_RULE.fullmatch(bodies[i - 1].strip()))
    head = i - bool(header) - bool(header and ruled)  # (a rule under the header: "|---|", "--------")
    head = top if top is not None else head
    return Table(i, j, head, header, _caption(bodies, paras, head - 1), tuple(rows))


_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_TABLE_NOTE = re.compile(r"(?:sources?|notes?|remarks?|data)\b", re.IGNORECASE)


def _after_blank_line(text: str, paras, j: int, rows: int) -> bool:
    """Whether a blank line stands before line `j` that does not also stand between the table's rows: the
    words after it follow the table ("Environment and Ecology Bureau") rather than wrap its last label."""

    def blank_before(k: int) -> bool:
        return text.count("\n", paras[k - 1].end, paras[k].start) >= 2

    return blank_before(j) and not (rows >= 2 and j >= 2 and blank_before(j - 1))


def _gloss(text: str, p: Paragraph, body: str, row: TableRow) -> bool:
    """A line of Latin words under a row's label or its cells of words, with no figure under the row's
    figures: the rest of the row's label ("Share of non-fossil energy in  %  19.8" / "primary energy") or
    the label and unit in English under a Chinese row ("Total energy consumption   10,000 tce")."""
    if _CJK.search(body) or not _LATIN.search(body) or ":" in body or _TABLE_TITLE.match(body):
        return False
    if _LEADER_ROW.fullmatch(body) or _LEADER_TO_FIGURE.search(body):
        return False  # a row of its own: "Projects financed ....... 126", "Pumped storage ..... ~200 GW"
    if _TABLE_NOTE.match(body):
        return False  # what follows a table: "Source National Energy Administration", "Note  1 ..."
    if _delimited(body):
        return False
    pieces = _pieces_under(text, p.start, p.end, row)
    first = _display_column(text, p.start)
    under_label = _display_column(text, row.label_start) - 2 <= first < _display_column(text, row.label_end)
    if not (under_label or pieces[0][1]):
        return False  # (it begins under the row's label or one of its cells of words: "100 million kWh")
    # (no words under a figure, and no number under no unit: that is the next row, or prose)
    return not any(any(under) or (_DIGIT.search(piece) and not under) for piece, under in pieces)


_FIGURE_FIRST = re.compile(
    r"[(（]?\s*[-+−]?\s*\d[\d,.]*(?:\s*%|\s+[A-Za-z]|\s*[\u3400-\u9fff])"
)  # (not "1H2023")


def _pieces_under(text: str, start: int, end: int, row: TableRow) -> list[tuple[str, list[bool]]]:
    """Each piece of a line with, for each cell of the row above that it stands under, whether the cell
    is a figure."""
    columns = {
        # (a figure with its unit or scale, "298.4 million kWh", is a figure too: a line with a figure under
        # it is the next row, "stations and depots   214.2 million kWh")
        (_display_column(text, c.start), _display_column(text, c.end)): bool(
            _figure_cell(text, c.start, c.end) or _FIGURE_FIRST.match(text, c.start, c.end)
        )
        for c in row.cells
    }
    out = []
    for m in _ALIGNED_CELL.finditer(text, start, end):
        a, b = _display_column(text, m.start()), _display_column(text, m.end())
        out.append(
            (m.group(), [figure for (left, right), figure in columns.items() if a < right and left < b])
        )
    return out


def _glosses_unit(text: str, row: TableRow) -> bool:
    """Whether a line under the row has words under one of its cells of words (its unit, in English)."""
    return any(under for a, b in row.glosses for _piece, under in _pieces_under(text, a, b, row))


def _glossed(row: TableRow, text: str, p: Paragraph) -> TableRow:
    """The row with the line under it as a gloss; a label in English goes on with the line's first words."""
    label = row.label
    if not _CJK.search(label):
        label += " " + next(_ALIGNED_CELL.finditer(text, p.start, p.end)).group()
    return replace(row, label=label, glosses=(*row.glosses, (p.start, p.end)))


def _display_width(s: str) -> int:
    """Columns a string takes in a fixed-width layout: a Chinese character takes two, and so does a tab,
    which stands for an ideographic space in the normalized text."""
    return sum(2 if c == "\t" or unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def label_indent(text: str, row: TableRow) -> int:
    """How far a row's label stands in from the start of its line, in display columns (a CJK character is
    two): sub-rows of a total are indented under it."""
    return _display_column(text, row.label_start)


def _display_column(text: str, at: int) -> int:
    return _display_width(text[text.rfind("\n", 0, at) + 1 : at])


def _stacked_bar_header(text, paras, bodies, i) -> tuple[tuple[str, ...], int, None] | None:
    """(header, index of its first line, None) of a table drawn with bars whose column names run over two
    or three lines ("|成交电量    |同比    |" / "|（亿千瓦时）|（%）   |"): each name is put together from the
    pieces between the same bars."""
    lines, k = [], i - 1
    if k >= 0 and _PLAIN_RULE.fullmatch(bodies[k].strip()):
        k -= 1  # (a rule under the header)
    while (
        k >= 0
        and len(lines) < 3
        and bodies[k].count("|") >= 2
        and not _PLAIN_RULE.fullmatch(bodies[k].strip())
    ):
        if any(
            CELL_NUMBER.fullmatch(p.strip()) and not YEAR_HEADER.fullmatch(p.strip())
            for p in bodies[k].split("|")
        ):
            break
        lines.append(k)
        k -= 1
    if len(lines) < 2:
        return None
    rows = [[p.strip() for p in bodies[n].strip().strip("|").split("|")] for n in reversed(lines)]
    if len({len(r) for r in rows}) != 1:
        return None
    return tuple(_column_name([r[j] for r in rows if r[j]]) for j in range(len(rows[0]))), lines[-1], None


def _stacked_header(
    text, paras, bodies, i, first: TableRow
) -> tuple[tuple[str, ...], int, list[float]] | None:
    """(header, index of its first line, the middle of each column) of a table whose column names a PDF
    wrapped over two to six lines ("地区  单位GDP能耗  比上年" / "Region  降低率（%）  （百分点）"): each name is
    put together from the pieces standing over its column, matched by their place in the fixed-width
    layout."""
    lines, k = [], i - 1
    if k >= 0 and _PLAIN_RULE.fullmatch(bodies[k].strip()):
        k -= 1  # (a rule of dashes under the header)
    barred = "|" in text[line_start(text, first.label_start) : first.label_end + 40].split("\n")[0]
    while k >= 0 and len(lines) < 6:
        body = bodies[k]
        pieces = [m.group() for m in _ALIGNED_CELL.finditer(body)]
        if (
            (barred and lines and "|" not in body)  # (rows between bars: a header between bars too)
            or _TABLE_TITLE.match(body)
            or _PAGE_NUMBER.fullmatch(body)
            or _SENTENCE_PUNCT.search(body)
            or _LEAD_IN.search(body)
            or _RULED_LINE.fullmatch(body)
            or any(CELL_NUMBER.fullmatch(p) and not YEAR_HEADER.fullmatch(p) for p in pieces)
            # (a line of one piece is a header's only when it stands over a column: indented)
            or (len(pieces) < 2 and _display_column(text, paras[k].start) < 4)
        ):
            break
        lines.append(k)
        k -= 1
    if len(lines) < 2 or not any(_SPACED_COLUMNS.fullmatch(bodies[n]) for n in lines):
        return None
    spans = [(first.label_start, first.label_end)] + [(c.start, c.end) for c in first.cells]
    middles = [_middle(text, a, b) for a, b in spans]
    # a piece belongs to the column its middle lies nearest to
    names: list[list[str]] = [[] for _ in middles]
    for n in reversed(lines):
        for m in _ALIGNED_CELL.finditer(text, paras[n].start, paras[n].end):
            names[_nearest(middles, _middle(text, m.start(), m.end()))].append(m.group())
    return tuple(_column_name(parts) for parts in names), lines[-1], middles


def _middle(text: str, start: int, end: int) -> float:
    return (_display_column(text, start) + _display_column(text, end)) / 2


def _nearest(middles: list[float], middle: float) -> int:
    return min(range(len(middles)), key=lambda c: abs(middles[c] - middle))


def _named_by_place(text: str, cells: tuple[Cell, ...], header: tuple[str, ...], middles: list[float]):
    """A row's cells named by the column each stands under: a row that leaves a cell empty ("其中：火电"
    has no unit of its own) does not shift its figures into the columns before."""
    named = []
    for c in cells:
        k = _nearest(middles, _middle(text, c.start, c.end))
        named.append(Cell(c.start, c.end, header[k] if k else ""))
    return tuple(named)


def _header_places(text, paras, bodies, i, header, columns) -> list[float] | None:
    """The middle of the row labels' column and of each column of a header on one line aligned by spaces,
    so that a row which leaves a cell empty ("  其中：火电          221.4") is read by the place of its
    figures; None when the header is not such a line or its pieces are not the columns."""
    at = i - 1
    if at < 0 or _delimited(bodies[at]) or not _SPACED_COLUMNS.fullmatch(bodies[at].strip()):
        return None
    pieces = _letter_spaced(
        text, [(m.start(), m.end()) for m in _ALIGNED_CELL.finditer(text, paras[at].start, paras[at].end)]
    )
    middles = [_middle(text, a, b) for a, b in pieces]
    if len(pieces) == len(columns) + 1:
        return middles  # (the first piece heads the labels: "指标    单位    9月")
    if len(pieces) == len(columns) and len(header) == len(columns) and pieces:
        # (nothing heads the labels: they stand left of the first column)
        return [_display_column(text, paras[at].start), *middles]
    return None


def _column_name(parts: list[str]) -> str:
    """A column's name from the pieces over it. A bilingual header says it twice ("2023年" / "2023",
    "单位" / "Unit", "比上年增长（%）" / "Growth (%)"): the Chinese words name it, and a unit or a sign such as
    "(%)" that stands alone is kept."""
    chinese = " ".join(p for p in parts if _CJK.search(p))
    if not chinese:
        return " ".join(parts)
    said = chinese.translate(_HALF_WIDTH_BRACKETS)
    kept = ""
    for p in parts:
        if not _CJK.search(p):  # (of the English, what is in brackets: "Decline (%)", "(percentage point)")
            p = (
                " ".join(u for u in _BRACKETED.findall(p) if u not in said)
                if re.search(r"[A-Za-z]", p)
                else p
            )
            if not p or p.strip() in said:
                continue
        # (a Chinese name wrapped at any character: "单位地区生产总值" / "能耗降低率（%）")
        joint = "" if kept and _CJK.search(kept[-1]) and _CJK.match(p) else " "
        kept = kept + joint + p if kept else p
    return kept


_HALF_WIDTH_BRACKETS = str.maketrans("（）", "()")


def _one_name(cell: str) -> str:
    """A header cell that names its column in two languages ("單位 Unit", "變幅 Change") by its Chinese;
    one whose characters are spaced out ("單　位") by them alone."""
    if _SPACED_OUT.fullmatch(cell):
        return re.sub(r"\s+", "", cell)
    return (
        _column_name(_OUTSIDE_BRACKETS.split(cell.strip()))
        if _CJK.search(cell) and _LATIN.search(cell)
        else cell
    )


# a space between a header's words, not one inside its brackets ("补贴（元/辆 RMB per car）" is one piece)
_OUTSIDE_BRACKETS = re.compile(r"\s+(?![^(（]*[)）])")


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


# the first part of a row label that a PDF wrapped onto two lines: "规模以上工业综合能源消" / "费量  万吨  1.8"
_LABEL_PART = re.compile(
    r"[\u3400-\u9fff（）()、]{2,24}(?: [A-Za-z][A-Za-z' .-]{0,30})?"
)  # ("新疆维吾尔自治区 Xinjiang")
_LABEL_REST = re.compile(r"[\u3400-\u9fff（）()、]{1,24}|[A-Za-z][A-Za-z' .-]{0,40}")


# the name of a group of rows: a short line of words, perhaps numbered ("6.", "(三)"), with no figure
_GROUP_LINE = re.compile(  # (words, not a rule of dashes)
    r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[(（][一二三四五六七八九十\d]{1,3}[)）])?\s*"
    r"(?=[^\d\n]*[A-Za-z\u3400-\u9fff])[^\d\n]{3,80}"
)


def _groups_rows_below(text, paras, bodies, j, last: TableRow) -> bool:
    """Whether line j only names the group of the table's rows that follow it: the next line is a row of
    two cells or more, and no more than the row before (a blank cell at its end may be left out)."""
    if (
        j + 1 >= len(paras)
        or not _GROUP_LINE.fullmatch(bodies[j].strip())
        or _SENTENCE_PUNCT.search(bodies[j])
        or _years_row(text, last)  # (the lines of a header: "指标  单位  2023年  比上年" / "增长(%)")
        or len(bodies[j]) - len(bodies[j].lstrip()) > 8  # (words under a column: "        Growth (%)")
    ):
        return False
    below = _row(text, paras[j + 1], bodies[j + 1])
    return below is not None and 2 <= len(below.cells) <= len(last.cells)


def _label_run_into_figure(text: str, row: TableRow, full: TableRow | None) -> TableRow:
    """A row whose label filled its column up to the first figure, one space before it ("Spot
    (inter-provincial) 12.5     +11.0%    348.0"), with that figure as its first cell: the figure stands
    under the first cell of a row with all its cells."""
    m = _FIGURE_AFTER_LABEL.search(text, row.label_start, row.label_end)
    if m is None or full is None or m.start(1) - row.label_start < 3:
        return row
    first = full.cells[0]
    a, b = _display_column(text, m.start(1)), _display_column(text, m.end(1))
    if not (a < _display_column(text, first.end) and _display_column(text, first.start) < b):
        return row
    cell = Cell(m.start(1), m.end(1), "")
    label = text[row.label_start : m.start()].strip()
    return replace(row, label=label, label_end=row.label_start + len(label), cells=(cell, *row.cells))


_FIGURE_AFTER_LABEL = re.compile(r"(?<=[A-Za-z)）\u3400-\u9fff]) ([-+−]?\d[\d,]*(?:\.\d+)?%?)$")


def _heads_indented_rows(text, paras, bodies, j, last: TableRow) -> bool:
    """Whether line j, set out left of the labels of the row above and the row below, names the group of
    the indented rows under it ("Installed capacity (MW)" over "  Coal-fired   30,120") rather than going on
    with the label above."""
    below = _row(text, paras[j + 1], bodies[j + 1]) if j + 1 < len(paras) else None
    indent = _display_column(text, paras[j].start + len(bodies[j]) - len(bodies[j].lstrip()))
    return below is not None and indent < min(label_indent(text, last), label_indent(text, below))


def _wrapped_row(text, paras, bodies, j) -> TableRow | None:
    """The row whose label begins on line j and goes on at the start of line j + 1, before its cells."""
    rest = _row(text, paras[j + 1], bodies[j + 1])
    if rest is None or not _LABEL_REST.fullmatch(rest.label):
        return None
    joint = " " if rest.label[:1].isascii() else ""  # ("Xinjiang" / "Uygur Autonomous Region")
    return TableRow(bodies[j] + joint + rest.label, paras[j].start, rest.label_end, rest.cells)


YEAR_CELL = re.compile(r"(?:19|20)\d\d\s*年?")  # a year as a cell or a row label
# a column headed by a year, or by the year of a goal ("2025 target", 2025年目标), of a fiscal year, or of
# an analyst's actual or estimated figures ("FY2024", 2023A, 2025E, 2026F); 112年 or 94年 in the
# calendar of Taiwan (1991 to 2030: a year of two or three digits heads no other column)
# a span across two years heading a column: "2023/24采暖季", "FY2023/24", "2023-2024 heating season"
SPLIT_YEAR_HEADER = re.compile(
    r"(?:(?:FY|AY|SY)\s?)?(?:19|20)\d\d\s*(?:/\s*\d\d|[-–—/]\s*(?:19|20)\d\d|[-–—]\s*\d\d(?!\d))\s*年?度?\s*"
    r"(?:采暖季|供暖季|供热季|采暖期|供暖期|(?i:heating\s+season|season|financial\s+year|fiscal\s+year))?"
)
YEAR_HEADER = re.compile(
    r"(?:FY\s?)?((?:19|20)\d\d(?:[AEFP](?![A-Za-z]))?|(?:民[国國])?(?:[89]\d|1[0-3]\d)(?=\s*年))\*{0,2}\s*(?:年度?|年[底末])?\s*(?P<goal>(?:年度)?(?:目标|规划|计划|预算)值?|(?i:target|goal|plan|budget)s?)?"
    # ... or what is expected of it: "2024 (estimated)", 2025年（预计）: a forecast, not a goal
    r"(?:[(（]\s*(?:(?i:estimated|est\.?|forecast|projected|expected|e|f)|预计|预测|预估)\s*[)）])?"
    # ... or of what was actually spent or done: "2023 outturn", "2023 actual", 2023年决算
    r"(?:(?<=\d)\s*(?i:outturn|actual|final)|决算|实际)?"
    # ... or the base year of a comparison: "2005 (base year)", 94年（基準年）
    r"(?:\s*[(（]\s*(?:(?i:base\s*year|baseline)|基准年|基準年|基期)\s*[)）])?"
)


# a column headed by a part of a year: "1-8月", "2024年1-9月", 113年1-9月 (the calendar of Taiwan)
_PERIOD_HEADER = re.compile(
    r"(?:(?:19|20)\d\d|1[0-3]\d)\s*年\s*\d{1,2}\s*(?:[-–—~至到]\s*\d{1,2}\s*)?月(?:份|末|底)?"
)


# a chart's column headed by a month of a year or a part of it: "Jun-23", "Sep 2024", "H1 2023", "Q3-24"
# ("1Q24", "Q1'24", "2024Q1", "2024 H1" too; "Sep Q 2025", the quarter ended September; "9M 2025", its first
# nine months)
MONTH_OF_YEAR_HEADER = re.compile(
    r"(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s?Q)?|[1-4]?H[12]|Q[1-4]|[1-4]Q"
    r"|(?:[1-9]|1[0-2])M)"
    r"\s?[-'’ ]?\s?(?P<year>(?:20)?\d\d)"
    r"|(?P<long>20\d\d)\s?[-' ]?(?i:Q[1-4]|[1-4]?H[12])"
)


def month_of_year_header(column: str) -> int | None:
    """The year of a column headed by a month or a part of a year with its year ("Jun-23" is 2023)."""
    m = MONTH_OF_YEAR_HEADER.fullmatch(column.strip())
    if m is None:
        return None
    year = m["year"] or m["long"]
    return int(year) + (2000 if len(year) == 2 else 0)


def _marked_header(text: str, bodies: list[str], i: int, rows: list[TableRow]) -> bool:
    """Whether the first row of a table of bars is its header, underlined by a Markdown rule ("|---|"),
    its cells words and years only."""
    return (
        bool(rows)
        and i + 1 < len(bodies)
        and "|" in bodies[i]
        and bool(_RULED_LINE.fullmatch(bodies[i + 1]))
        and not any(
            CELL_NUMBER.fullmatch(text[c.start : c.end].strip())
            and not YEAR_HEADER.fullmatch(text[c.start : c.end].strip())
            for c in rows[0].cells
        )
    )


def _years_row(text: str, row: TableRow) -> bool:
    """A row of years or parts of years heading the columns, and perhaps a column of their change
    ("2023  2022  Change", "2024年  2023年  增减")."""
    cells = [_one_name(text[c.start : c.end]) for c in row.cells]
    dated = [
        YEAR_HEADER.fullmatch(c)
        or _PERIOD_HEADER.fullmatch(c)
        or MONTH_OF_YEAR_HEADER.fullmatch(c)
        or SPLIT_YEAR_HEADER.fullmatch(c.translate(catalog.script_table()))
        for c in cells
    ]
    first = next((k for k, d in enumerate(dated) if d), None)
    if first is None:
        return False
    # (words may head the columns before the years: "Indicator    Unit    2022    2023")
    return (
        not any(CELL_NUMBER.fullmatch(c) for c in cells[:first])
        and all(
            d
            or _change_header().fullmatch(c.strip().translate(catalog.script_table()))
            or SHARE_HEADER.fullmatch(c.strip().translate(catalog.script_table()))
            or _DATED_WORDS.fullmatch(c)
            or _PRIOR_YEAR_WORDS.fullmatch(c.strip())  # "2024  Previous year", 2024年  上年同期
            or (k == len(cells) - 1 and _REMARKS_HEADER.fullmatch(c.strip()))  # "2022  2023  Trend"
            or _unit_column_name(c)  # "Metric  2022  2023  Unit": the rows' units after their figures
            or _GOAL_HEADER.fullmatch(c.strip())  # "2024  2023  2022  Target": a column of goals
            for k, (d, c) in enumerate(zip(dated[first:], cells[first:], strict=True), start=first)
        )
    )


def _unit_column_name(name: str) -> bool:
    """Whether a column's name says it holds its rows' units ("Unit", "UoM", 单位)."""
    words = _unit_column_words()
    return name.strip().lower() in words or name.strip().translate(catalog.script_table()) in words


@lru_cache(maxsize=1)
def _unit_column_words() -> frozenset[str]:
    words = catalog.grammar_words("cues", "unit_column")
    return frozenset([*words, *(w.lower() for w in words)])


# the head of a column of goals beside the years' columns, its year unsaid
_GOAL_HEADER = re.compile(
    r"(?i:(?:targets?|goals?)(?:\s+(?:year|value|level))?)|目标(?:值|年份?)?|目標(?:值|年份?)?"
)
# the head of a last column of remarks after the years: a trend, a status, a note
_REMARKS_HEADER = re.compile(
    r"(?i:trend|status|progress|remarks?|notes?|comments?|rating)|趋势|状态|进展|备注|说明"
)


# a column of shares after the years, of the latest: "Share (%)", 占比(%)
SHARE_HEADER = re.compile(
    r"(?:占比|比重|份额|构成|(?i:share|proportion|% of total))\s*(?:[(（]\s*%\s*[)）])?"
)
# words about a year heading a column after the years: "Share in 2021 (%)", 2021年占比（%）
# a column of the year before the one beside it, named in words
_PRIOR_YEAR_WORDS = re.compile(
    r"(?i:(?:prior|previous|preceding|last)[\s-]+year|same\s+period\s+(?:of\s+)?last\s+year)"
    r"|上年|去年|上年同期|去年同期|上年值|上年同期值|上年度|上年度值"
)
_DATED_WORDS = re.compile(r"(?=.*[A-Za-z\u3400-\u9fff])[^\d]*(?<!\d)(?:19|20)\d\d(?!\d)[^\d]*")


def change_header(name: str) -> bool:
    """Whether a column's name heads the change of the columns before it ("Change", "YoY %", 增减)."""
    return bool(_change_header().fullmatch(name))


@lru_cache(maxsize=1)
def _change_header() -> re.Pattern:
    words = sorted(catalog.grammar_words("cues", "change_column"), key=len, reverse=True)
    alternatives = "|".join(map(re.escape, words))
    # ... against a year or the base year: "Change vs 2005 (%)", 较基准年变化, 比2020年增长
    # ("Change 2019-23", 2019-2023年变化: between the two years of the columns before)
    against = r"(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?|(?:the\s+)?(?:base|baseline|previous)\s+year|a\s+year\s+earlier)"
    return re.compile(
        rf"(?:(?:较|比|相比)\s*(?:(?:19|20)\d\d年|基准年|基期|上年)?\s*)?(?:{alternatives})"
        rf"(?:\s+(?:(?:vs\.?|versus|over|from|on|against|compared\s+with)\s+)?{against})?(?:\s*[(（]%[)）])?",
        re.IGNORECASE,
    )


# cells between bars ("Raw coal | 100 million tons | 47.6", "| Gansu | GW | 31.2 |") or tabs
_DELIMITER = re.compile(r"\s*\|\s*|\t+")
# a rule of dashes under a header, perhaps crossed where the columns meet ("-----+------+----")
_PLAIN_RULE = re.compile(r"(?=[^\n]*-{3})[-=_—─━+|:\s]{5,}")
_RULED_LINE = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*")  # "|---|:---:|" under a header


# columns aligned with runs of spaces, as text taken from a PDF table has them
_SPACED_COLUMNS = re.compile(r"\S(?: ?\S)*(?:(?:\s{2,}|\u3000)\S(?: ?\S)*)+")


def _delimited(body: str) -> bool:
    return "\t" in body or body.count("|") >= 2 or _two_columns(body)


def _two_columns(body: str) -> bool:
    """A label, a bar and one cell ("Baihetan–Jiangsu | 2,080"), not pairs set apart by one bar."""
    return body.count("|") == 1 and " | " in body and not _DIGIT.search(body, 0, body.index("|"))


def _delimited_cells(text: str, p: Paragraph) -> list[tuple[int, int]]:
    """(start, end) of the non-empty cells of a line whose cells are separated by bars or tabs."""
    out, pos = [], p.start
    for m in _DELIMITER.finditer(text, p.start, p.end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < p.end:
        out.append((pos, p.end))
    return [_inside_emphasis(text, a, b) for a, b in out if text[a:b].strip("* \t")]


def _inside_emphasis(text: str, start: int, end: int) -> tuple[int, int]:
    """A cell's span without the spaces and the asterisks of markdown emphasis around it (**44,134**)."""
    while start < end and text[start] in "* \t":
        start += 1
    while end > start and text[end - 1] in "* \t":
        end -= 1
    return start, end


def _delimited_row(text: str, p: Paragraph) -> TableRow | None:
    """A row of cells between bars or tabs: a label, then short cells of which at least one is a number
    (a delimited row may hold words too: a unit column, "Raw coal | 100 million tons | 47.6")."""
    cells = _delimited_cells(text, p)
    if len(cells) >= 3 and _row_number(text, cells):
        cells = cells[1:]  # "| 1 | Inner Mongolia | 6,962 |": the row's number is no figure
    first = text[cells[0][0] : cells[0][1]].strip()
    rest = cells[1:]
    by_year = _YEAR_LABEL.fullmatch(first) and not all(_YEAR_LABEL.fullmatch(text, a, b) for a, b in rest)
    if len(cells) < 2 or (CELL_NUMBER.fullmatch(first) and not by_year):
        return None  # (a row labelled by its year is a row, "2021｜1.79｜76.61"; a row of years is a header)
    # (between bars a cell of words may be long: "Non-fossil share of primary energy consumption")
    if any(b - a > (80 if _WORDS_ONLY.fullmatch(text, a, b) else 30) for a, b in rest) or not any(
        CELL_NUMBER.fullmatch(text[a:b])
        or _WITH_COMPARATIVE.fullmatch(text, a, b)
        or ACCOUNTING_NEGATIVE.fullmatch(text, a, b)
        for a, b in rest
    ):
        return None  # (a cell may hold its figure and, in brackets, the year before's: "412.6 (398.1)")
    (ls, le) = cells[0]
    return TableRow(text[ls:le].strip(), ls, le, tuple(Cell(a, b, "") for a, b in rest))


_YEAR_LABEL = re.compile(r"(?:19|20)\d\d")


def _figure_cell(text: str, start: int, end: int) -> bool:
    """Whether a cell of an aligned row holds a figure: a number, an accounts' negative in brackets, an amount
    a year or a figure after its bound's word."""
    return bool(
        CELL_NUMBER.fullmatch(text, start, end)
        or ACCOUNTING_NEGATIVE.fullmatch(text, start, end)
        or _A_YEAR_CELL.fullmatch(text, start, end)
        or _BOUNDED_CELL.fullmatch(text, start, end)
    )


# a figure after a word of its bound: 高於99.999, 不低于95, "over 99.9" (in a cell of its own)
_BOUNDED_CELL = re.compile(
    r"(?:高于|低于|大于|小于|超过|不低于|不高于|不少于|不超过|约|(?i:over|above|below|under|about|approx\.?)\s)\s*"
    r"\d[\d,]*(?:\.\d+)?\s*[%％]?"
)
# a figure of each year of a span: "183,060/yr", "1.2/a", 3.5万吨/年 is a unit's
_A_YEAR_CELL = re.compile(r"[-+−–]?\d[\d,.]*\s*/\s*(?i:yr|y|a|year|annum)\.?")
# a negative amount as accounts write it, in brackets alone in its cell: "(1,150)", "(950)", "(0.5)" (not a
# note's number: "(1)")
ACCOUNTING_NEGATIVE = re.compile(r"\((?:\d{1,3}(?:,\d{3})+|\d{2,}|\d)(?:\.\d+)?\)(?<!\(\d\))")
_WITH_COMPARATIVE = re.compile(rf"(?:{CELL_NUMBER.pattern})\s*[(（]\s*(?:{CELL_NUMBER.pattern})\s*[)）]")
_WORDS_ONLY = re.compile(r"(?=[^\n]*[A-Za-z\u3400-\u9fff])[^.;。；!?！？]*")  # (a year among them: "vs 2020")
_ROW_NUMBER = re.compile(r"\d{1,3}\.?")
# the header of a column of row numbers
_ROW_NUMBER_HEADER = re.compile(r"#|No\.?|S/N|Rank|序号|编号|排名|排序", re.IGNORECASE)


def _row_number(text: str, cells: list[tuple[int, int]]) -> bool:
    """Whether a delimited row opens with its number before its label ("| 3 | Shandong | 2,590 |")."""
    (a, b), (c, d) = cells[0], cells[1]
    # (a name may hold a digit: "| 1 | 德令哈2号光热项目 | 10 |")
    label = text[c:d]
    return bool(_ROW_NUMBER.fullmatch(text, a, b)) and (
        not re.search(r"\d", label) or (_NAME_WITH_DIGITS.fullmatch(label.strip()) is not None)
    )


_NAME_WITH_DIGITS = re.compile(r"(?=.*[\u3400-\u9fffA-Za-z].*[\u3400-\u9fffA-Za-z])(?!.*\d{4}).{3,}")


def _header_cells(text: str, paras: list[Paragraph], bodies: list[str], i: int) -> tuple[str, ...]:
    """The header of a delimited table whose rows start at paragraph i: the delimited line before them
    (above a ruled line, when there is one), whose cells hold no bare number."""
    at = i - 1
    if (
        at >= 1
        and _LONE_LABEL.fullmatch(bodies[at].strip())
        and not bodies[at].isupper()  # (a caption in capitals: "SECTOR BREAKDOWN (% of net assets)")
        and not _indented(text, paras[at])  # (nor a header's indented last line: "      Growth (%)")
        and text.count("\n", paras[at - 1].end, paras[at].start) <= 1
        and _SPACED_COLUMNS.fullmatch(bodies[at - 1].strip())
    ):
        at -= 1  # (the English label of the first row of a bilingual table, between its header and its row)
    if at >= 0 and (_RULED_LINE.fullmatch(bodies[at]) or _PLAIN_RULE.fullmatch(bodies[at].strip())):
        at -= 1
    if at < 0 or _LEADERS.search(bodies[at]):
        return ()  # ("Capture source ......... coal-to-hydrogen unit": a field and its value, no header)
    if _delimited(bodies[at]):
        spans = _delimited_cells(text, paras[at])
        if "|" in bodies[at]:
            cells = [text[a:b].strip() for a, b in spans]
        else:  # (tabs, as ideographic spaces are read: "项\t目\t\t单位")
            cells = [_one_name(text[a:b].strip()) for a, b in _letter_spaced(text, spans)]
    elif _SPACED_COLUMNS.fullmatch(bodies[at].strip()):
        # "Province    Total    Wind"; "項　　目" is one header, its characters spaced out
        cells = [_one_name(c) for c in _aligned_names(bodies[at].strip())]
    else:
        return ()
    if len(cells) >= 3 and _ROW_NUMBER_HEADER.fullmatch(cells[0]):
        cells = cells[1:]  # the column of row numbers, which the rows leave out too
    # (years may head columns: "| Segment | 2023 | 2022 | Change (%) |" above a ruled line)
    figures = [
        c for c in cells if (CELL_NUMBER.fullmatch(c) or _MEASURED.match(c)) and not YEAR_HEADER.fullmatch(c)
    ]
    return () if figures else tuple(cells)


# a cell that opens with a figure written to be read ("1,000,000 t/yr (Phase I: 500,000 t/yr)"): a value,
# never a column's name
_MEASURED = re.compile(r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+\.\d+)(?![\d,.])")


# a page's number between dashes, as text taken from a PDF has it: "— 12 —", "- 3 -", "－12－"
_PAGE_NUMBER = re.compile(r"[-—–－]\s*\d{1,4}\s*[-—–－]")


def is_page_number(line: str) -> bool:
    """A printed page's number on a line of its own ("— 31 —", "- 5 -")."""
    return _PAGE_NUMBER.fullmatch(line.strip()) is not None


_BETWEEN_PAGES = re.compile(rf"{_PAGE_NUMBER.pattern}|[A-Za-z][A-Za-z' .-]{{0,40}}")


def _row(text: str, p: Paragraph, body: str) -> TableRow | None:
    """A table row on one line: a label, then cells that each hold a number and are short."""
    if (
        _PAGE_NUMBER.fullmatch(body)
        or _TABLE_TITLE.match(body)
        or _MONTH_AND_YEAR.fullmatch(body.strip())
        or _CAPITALS_TITLE.fullmatch(body.strip())
    ):
        return None  # (a page's number, the title of the next table, "Table 4 Green bonds", or a date)
    if body.count("|") >= 2 or _two_columns(body):
        return _delimited_row(text, p)
    leader = _LEADER_ROW.fullmatch(body)
    if leader:
        # "Countries covered ........ 40+", 装机容量…………1,234兆瓦: a label, dots leading to its figure
        at = p.start + leader.start("value")
        label = leader.group("label").strip()
        return TableRow(label, p.start, p.start + len(label), (Cell(at, p.start + leader.end("value"), ""),))
    row = _spaced_row(text, p, body)
    return _delimited_row(text, p) if row is None and "\t" in body else row


_YEAR_OF_A_NAME = re.compile(r"(?:19|20)\d\d\s*(?:[(（][^()（）\d]{1,12}[)）])?")
_ONE_SPACE_AFTER_A_WORD = re.compile(r"[A-Za-z\u3400-\u9fff)）] $")
_WORDS_SET_APART = re.compile(r"\S(?:\s{2,}|\t)\S")


def _spaced_row(text: str, p: Paragraph, body: str) -> TableRow | None:
    aligned = _aligned_row(text, p) if _ALIGNED.search(body) else None
    if aligned:
        return aligned
    m = _ROW.match(body)
    if not m or _BULLET.match(body) or _NUMBERED_TITLE.match(body, m.end()):
        return None  # (a bulleted item, "• Total capacity → 1.2 亿千瓦", or "Slide 2 - Headline targets")
    cells, pos = [], p.start + m.end()
    for piece in _CELL_SPLIT.split(text[pos : p.end]):
        at = text.find(piece, pos, p.end)
        if piece.strip():
            if len(piece) > 30 or not (re.search(r"[\d<>]", piece) or _NO_VALUE.fullmatch(piece.strip())):
                return None
            if _DATE_CELL.fullmatch(piece.strip()):
                return None  # "Closing Date: 30-Jun-2028": a date, not a figure
            if (
                not cells
                and _YEAR_OF_A_NAME.fullmatch(piece.strip())
                and _ONE_SPACE_AFTER_A_WORD.search(text, p.start, at)
                and _WORDS_SET_APART.search(text, p.start, at)
                and not text[at + len(piece) : p.end].strip()
            ):
                # "Province     Reduction against 2005 (%)": a header whose last column's name ends in its
                # year (not "Capacity at end 2023 (GW)   12.1   14.5", a row whose label does)
                return None
            cells.append(Cell(at, at + len(piece), ""))  # (a dash keeps its column: "-    12亿千瓦以上")
        pos = at + len(piece)
    if not any(re.search(r"[\d<>]", text[c.start : c.end]) for c in cells):
        return None
    return TableRow(m.group(1).strip(), p.start, p.start + len(m.group(1).rstrip()), tuple(cells))


# a title in capitals with a count among its words: "TOP 5 HOLDINGS (% of net assets)"
_CAPITALS_TITLE = re.compile(
    r"(?:[A-Z][A-Z&'/-]*\s+)+\d{1,3}\s+[A-Z]{2,}(?:\s+[A-Z&'/-]+)*(?:\s*[(（][^()（）]*[)）])?"
)
_MONTH_AND_YEAR = re.compile(rf"(?i:{MONTHS}|{MONTH_ABBREVIATIONS})\.?,?\s+(?:19|20)\d\d")  # "January 2025"
_LEADERS = re.compile(r"(?:[.…·]\s?){3,}")
_LEADER_TO_FIGURE = re.compile(r"(?:[.…·]\s?){3,}[^\n]*\d")
_LEADER_ROW = re.compile(
    r"(?P<label>[^\d\s.…·][^.…·\n]{0,40}?)\s*(?:[.…·]\s?){3,}\s*(?P<value>[-+−]?\d[^\s]*(?:\s?[^\s\d][^\s]{0,12}){0,2})"
    r"(?:\s+[(（]\s*[-+−]\d[^()（）\n]{0,20}[)）])?"  # (its change in brackets: "45.1   (+22.3pc)")
)
_DATE_CELL = re.compile(r"\d{1,4}[-/.](?:\d{1,2}|[A-Za-z]{3,9})[-/.]\d{2,4}")
_NUMBERED_TITLE = re.compile(r"\d{1,3}\s+[-–—:]\s+[A-Za-z\u3400-\u9fff]")
_NO_VALUE = re.compile(r"[-—–－/…]{1,2}|\.\.")  # a cell that holds no value (".." in a database export)


_ALIGNED_CELL = re.compile(r"\S(?: ?\S)*")  # cells of a row aligned by runs of spaces
_ONE_HAN = re.compile(r"[\u3400-\u9fff]")
_SPACED_OUT = re.compile(r"[\u3400-\u9fff](?:[\s\t]{1,4}[\u3400-\u9fff]){1,2}")


def _aligned_names(line: str) -> list[str]:
    """The names of a header line aligned by runs of spaces ("Province    Total    Wind"), one name for
    the spaced-out characters of one header ("項　　目")."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+(?:\s\S+)*?(?=\s{2,}|$)", line)]
    return [line[a:b] for a, b in _letter_spaced(line, spans)]


def _letter_spaced(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces of a header line with the characters of one header spaced out joined again ("項　　目",
    "单　　位": two or three single characters in a row, a few spaces apart)."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for a, b in [*pieces, (-1, -1)]:
        single = b - a == 1 and bool(_ONE_HAN.fullmatch(text, a, b))
        if single and (not run or a - run[-1][1] <= 4):
            run.append((a, b))
            continue
        if 2 <= len(run) <= 3:
            out.append((run[0][0], run[-1][1]))
        else:
            out.extend(run)
        run = [(a, b)] if single else []
        if not single and a >= 0:
            out.append((a, b))
    if 2 <= len(run) <= 3:
        out.append((run[0][0], run[-1][1]))
    else:
        out.extend(run)
    return out


_SERIAL_CELL = re.compile(r"\d{1,3}[.、]?")
_ALIGNED = re.compile(r"\S(?:\s{2,}|[\t\u3000])\S")  # (an ideographic space is two columns wide)


def _aligned_row(text: str, p: Paragraph) -> TableRow | None:
    """A row whose cells are aligned by runs of two spaces or more, words among them: a unit or a status
    column ("原煤    亿吨    47.8    1.2", "北京    2.5    3.9    完成"), or a year as its label
    ("2021    13,268"). At least one cell after the label is a number."""
    cells = [(m.start(), m.end()) for m in _ALIGNED_CELL.finditer(text, p.start, p.end)]
    glued = _FIGURE_AFTER_BRACKET.search(text, *cells[0]) if len(cells) > 1 else None
    if glued:  # "新的士（2023年發出牌照）400　　250": a label's closing bracket and the first figure, no gap
        cells = [(cells[0][0], glued.start()), (glued.start(), cells[0][1]), *cells[1:]]
    gaps = [text[b:c] for (_, b), (c, _) in zip(cells, cells[1:], strict=False)]
    if len(cells) < 2 or any(len(g) < 2 and g not in "\t\u3000" for g in gaps):
        return None
    if (
        len(cells) > 2
        and _SERIAL_CELL.fullmatch(text, *cells[0])
        and not CELL_NUMBER.fullmatch(text, *cells[1])
    ):
        cells = cells[
            1:
        ]  # "1    唐山某钢铁有限公司    迁安市 …": a row's serial number is no label and no figure
    n = _label_cells(text, cells)
    (ls, _), (_, le), rest = cells[0], cells[n - 1], cells[n:]
    serial = _SERIAL_BEFORE_LABEL.match(text, ls, le)
    if serial:  # "1 Annualised PUE (weighted avg.)": the serial is no part of the label
        cells = [(serial.end(), cells[0][1]), *cells[1:]]
        ls = serial.end()
    label = _spelled_out(text, cells[:n])
    if CELL_NUMBER.fullmatch(label) and not YEAR_CELL.fullmatch(label):
        return None
    if any(b - a > 30 and not _NAMED_WITH_UNIT.fullmatch(text, a, b) for a, b in rest) or not any(
        _figure_cell(text, a, b) for a, b in rest
    ):
        return None
    return TableRow(label, ls, le, tuple(Cell(a, b, "") for a, b in rest))


_FIGURE_AFTER_BRACKET = re.compile(r"(?<=[)）])\d[\d,]*(?:\.\d+)?%?$")
# a row's serial number written one space before its label
_SERIAL_BEFORE_LABEL = re.compile(r"\d{1,3}\.? (?=[A-Z\u4e00-\u9fff][A-Za-z\u4e00-\u9fff])")
# a longer cell of words that names what a row measures and its unit: "Heat pump stock (million units)"
_NAMED_WITH_UNIT = re.compile(r"[^()（）]{1,36}[(（][^()（）]{1,16}[)）]")


def _label_cells(text: str, cells: list[tuple[int, int]]) -> int:
    """How many of a row's first pieces make its label: a Chinese name a PDF spread out character by
    character ("北  京", "全  国"), and its English name after it ("北  京  Beijing", "内蒙古  Inner")."""
    n = 1
    if _CJK.fullmatch(text, *cells[0]):
        while n < len(cells) - 1 and _CJK.fullmatch(text, *cells[n]):
            n += 1
    if n < len(cells) - 1 and _CJK.search(text, *cells[0]) and _english_name_start(text[slice(*cells[n])]):
        n += 1
    return n


def _spelled_out(text: str, cells: list[tuple[int, int]]) -> str:
    """The label the pieces make: the characters of a spread-out Chinese name joined again."""
    out = ""
    for a, b in cells:
        piece = text[a:b]
        out += piece if not out or (_CJK.match(piece) and _CJK.search(out[-1])) else " " + piece
    return out


@lru_cache(maxsize=1)
def _english_name_words() -> frozenset[str]:
    """The first words of the English names of China's regions, and of a table's row for the whole."""
    names = [r["name_en"] for r in catalog.regions()] + [a for r in catalog.regions() for a in r["aliases"]]
    return frozenset(n.split()[0] for n in names if n.isascii()) | {"Total", "National", "Nationwide"}


def _english_name_start(piece: str) -> bool:
    return piece.split()[0] in _english_name_words() if piece[:1].isupper() else False


def _bars_before(text: str, at: int) -> int:
    """The bars between the start of the line and `at`."""
    return text.count("|", text.rfind("\n", 0, at) + 1, at)


def _named_between_bars(
    text: str, row: TableRow, columns: tuple[str, ...], lead: int = 0
) -> tuple[Cell, ...] | None:
    """The cells of a row between bars named by the bars before them, so that an empty cell keeps its
    column ("% |  | 2.10": the figure is under the second year); None for a row without bars. `lead` is
    the number of bars before the labels of most rows: a total row whose label spans the serial's column
    too ("合计(5座) |  |  | 2300") names its cells by the same bars as the rows above it."""
    line_end = text.find("\n", row.label_end)
    line_end = len(text) if line_end == -1 else line_end
    if text.count("|", row.label_end, line_end) < len(row.cells):
        return None
    own_lead = _bars_before(text, row.label_start)
    named = []
    for c in row.cells:
        n = text.count("|", row.label_end, c.start) - 1 + (own_lead - lead)
        named.append(Cell(c.start, c.end, columns[n] if 0 <= n < len(columns) else ""))
    return tuple(named)


def _columns_of_figures(text: str, rows: list[TableRow], width: int) -> list[int]:
    """The columns whose cells are figures in every full row of a table (its words columns left out)."""
    full = [r for r in rows if len(r.cells) == width]
    if len(full) < 2:
        return []
    return [
        k for k in range(width) if all(_DIGIT.search(text, r.cells[k].start, r.cells[k].end) for r in full)
    ]


def _named_figures(
    text: str, cells: tuple[Cell, ...], columns: tuple[str, ...], figures: list[int]
) -> tuple[Cell, ...] | None:
    """The cells of a short row that holds figures only (a total: "合计  986,000  23,700  18.4"), named by
    the columns of figures, the words columns it leaves blank skipped."""
    if not figures or len(cells) >= len(columns) or len(cells) != len(figures):
        return None
    if not all(_DIGIT.search(text, c.start, c.end) for c in cells):
        return None
    return tuple(Cell(c.start, c.end, columns[k]) for c, k in zip(cells, figures, strict=True))


def _numbered(text: str, row: TableRow) -> bool:
    """Whether a row's label follows something on its line: the row's serial number ("38\t庆阳…")."""
    return bool(text[text.rfind("\n", 0, row.label_start) + 1 : row.label_start].strip())


def _named_past_the_serial(
    cells: tuple[Cell, ...], columns: tuple[str, ...], serial: bool
) -> tuple[Cell, ...] | None:
    """The cells of a row one cell longer than the header of a table whose other rows are numbered: its label
    stands in the serial's column ("合计  —  —  54,268,000  55,173,000"), so its first cell is under the
    labels' column and names nothing."""
    if not serial or len(cells) != len(columns) + 1:
        return None
    return (Cell(cells[0].start, cells[0].end, ""), *_named(cells[1:], columns))


def _named(cells: tuple[Cell, ...], columns: tuple[str, ...]) -> tuple[Cell, ...]:
    return tuple(Cell(c.start, c.end, columns[n] if n < len(columns) else "") for n, c in enumerate(cells))


# a sentence that leads into a table and says its unit: "现将…通报如下（单位：万千瓦）：", "(unit: GW):"
_LEAD_IN = re.compile(r"(?:单位|(?i:unit))\s*[:：][^\n]{0,20}[:：)）]?\s*$|[:：]\s*$")


# a table's or figure's numbered title: 表3, 附表1, "Table 5-1", an annex's "Table C-1", "Figure A.2"
_TABLE_TITLE = re.compile(
    r"\s*(?:表|附表|图表|图)\s*[\d一二三四五六七八九十]|\s*(?i:table|figure|fig\.|exhibit|chart)\s*(?:[A-Z][-.]?)?\d"
    r"|\s*\d{1,2}-\d{1,2}[ \t\u3000]+[\u4e00-\u9fff]{4}"  # a yearbook's numbered table: "7-1　规模以上工业…"
)


def _caption(bodies: list[str], paras: list[Paragraph], at: int) -> str:
    """The heading above a table, or the sentence that leads into it; above a header of several lines
    (a PDF's wrapped column names), the table's numbered title a few lines up."""
    while at >= 1 and (
        _CHART_NOTE.fullmatch(bodies[at].strip()) or _PLAIN_RULE.fullmatch(bodies[at].strip())
    ):
        at -= 1  # "[Chart: stacked columns]" between a slide's title and its chart's figures; a rule over a header
    for k in range(at, max(at - 4, -1), -1):
        if _TABLE_TITLE.match(bodies[k]):
            return bodies[k]
        if not _SPACED_COLUMNS.fullmatch(bodies[k].strip()):
            if k < at and _titles(paras[k], bodies[k]):
                return bodies[k]  # the title above the upper lines of a header ("November   Jan-Nov")
            break
    return bodies[at] if at >= 0 and _titles(paras[at], bodies[at]) else ""


def _titles(para: Paragraph, body: str) -> bool:
    """Whether a line above a table titles it: a heading or a sentence that leads into it, but no field of a
    fact sheet ("Capture source ......... coal-to-hydrogen unit")."""
    return bool((para.heading or _LEAD_IN.search(body)) and not _LEADERS.search(body))


_CHART_NOTE = re.compile(r"[\[【(（]\s*(?i:chart|figure|graph|图表?|圖表?)[^\]】)）]{0,40}[\]】)）]")
