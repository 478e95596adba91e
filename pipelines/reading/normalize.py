"""A normalized view of a report's text, with a map of every view offset back to the original.

The grammar is written once, for simplified Chinese and ASCII digits and signs. Reports come in
traditional characters (裝機容量5.8億千瓦), with full-width digits and signs (１８﹒０％), and with noise that
scrapers insert (pinyin after a character: 萬(wàn)千瓦; footnote markers glued to a number: 5.8%¹, 12%[3]).
``view(text)`` gives the text the grammar reads; ``View.span`` turns a span of the view into the span of
the same characters in the original, so that every published offset points into the report as written.

Character conversion is one-to-one (a ``str.translate`` table), so it keeps offsets and is fast; only the
removal of noise changes lengths, and only then is an offset map built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pipelines import catalog

# Full-width digits, Latin letters and signs read as ASCII. Not "，" "：" "（": CJK punctuation separates
# clauses and the sentence splitter relies on it. ﹒ (small full stop) and ・ stand for a decimal point.
_WIDE = "０１２３４５６７８９．﹒％＋－／＜＞｜＝"
_NARROW = "0123456789..%+-/<>|="
_LETTERS = {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)} | {
    chr(0xFF41 + i): chr(0x61 + i) for i in range(26)
}

# OpenCC dictionaries applied character by character: regional variants first (裡 -> 裏), then traditional
# to simplified (裏 -> 里). Phrase dictionaries are not used: they may change lengths, and numbers, scales
# and units are single characters whose first reading is the right one (萬 -> 万, 億 -> 亿, 個 -> 个).
_OPENCC_TABLES = ("HKVariantsRev.txt", "TWVariantsRev.txt", "TSCharacters.txt")

# Pinyin a scraper put after a character, recognised by its tone marks: 萬(wàn), 億（yì）. (The character
# before is checked in code: a look-behind here would be tried at every position and slow the view down.)
_PINYIN = re.compile(r"[(（]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]*\s*[)）]")
# Footnote markers glued to a number or word: superscript digits, or a bracketed number.
# (two patterns: each starts with a fixed character or class, which the regex engine scans for quickly)
_FOOTNOTES = (re.compile(r"[¹²³⁰⁴⁵⁶⁷⁸⁹]+"), re.compile(r"\[\d{1,2}\](?!\S*\])"))
_TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
# What OCR of a scanned page does to numbers: 〇 or ○ read for a 0 between digits ("5〇0万千瓦"), a comma
# of full-width digits ("３，５００"), which is a thousands separator there and no clause break, and a space
# inserted inside a number in Chinese prose ("达到1 9.2%", "企业4 2家"): digits right after a character
# and before a unit, a % or a character are one number. (Not after 表, 图 or 第: "表2 3月份" is a
# table's number and a month.) Cells of a table are set apart by spaces on both sides of the figures.
# a thin or no-break space that groups digits by thousands ("13 000", "2 590 000"): a comma to the grammar
_GROUPING_SPACE = re.compile(r"(?<=\d)[\u00a0\u2009\u202f](?=\d{3}(?!\d))")
# ... and a plain space between such groups in prose ("up to 20 000 t", "100 000-200 000 t/yr"), where a
# word, a unit or a character follows: not a table's cells ("Hebei 135 600 314"), nor "Table 3 100 kW"
_SPACE_GROUPED = re.compile(
    r"(?<![\w.,/])(?<!\d )\d{1,3}((?: \d{3})+)"
    r"(?=[ \u00a0]?(?:[A-Za-z%$€¥\u3400-\u9fff])|[,;:)]\s|\.(?:\s|$)|[-–]\d{1,3} \d{3})"
)
_SPACED_DIGITS = re.compile(r"\d \d{3}(?!\d)")
# ... and in a row of columns set apart by two spaces or more ("Buses (unit)    6 704    6 812"), a figure
# whose groups one plain space parts is one figure (a single space parts no two cells there)
_ALIGNED_GROUPED = re.compile(
    r"(?:^|(?<=  )|(?<=\t))\d{1,3}((?: \d{3})+)(?=  |\t|[ \t]*$|\([a-z]\)|[*†‡])", re.MULTILINE
)  # (a note's mark may close the cell: "5 000(b)")
_NOT_GROUPED_AFTER = re.compile(
    r"\b(?i:table|no\.?|figure|fig\.|unit|units|phase|line|lines|article|chapter|page|pages|section|item|items"
    r"|grade|class|level|batch|group|zone|block|round|stage|step|version)\s+$"
)
_OCR_ZERO = re.compile(r"[〇○]")
# ... and a Latin O for a 0 in a year ("2O23年", "in 2O23"): a year's four places with at least two
# digits, before 年 or after a preposition of time
_OCR_YEAR_O = re.compile(r"(?<![A-Za-z\d])(?:1[89]|2[0Oo])[\dOo]{2}(?![A-Za-z\d])")
_YEAR_WORD_BEFORE = re.compile(r"\b(?i:in|by|of|since)\s$")
# (a quick test whether any such O stands between two digits: the pattern opens with the letter, so the
# engine skips in C to the next O; [12] before it is one case of a digit)
_DIGIT_BY_O = re.compile(r"[Oo](?<=\d[Oo])(?=\d)")
# ... and a letter O, o, l or I for a 0 or a 1 inside a number ("1O5.3 MW", "2l.4%", "1,O00万千瓦", "3l0"), or an O
# closing one of two digits or more ("12O GW"): not in a name or formula glued to letters ("H2O", "CO2",
# "ZJ1O5"), not a lone digit's ("3O"), not a letter ending a number ("10l" of water, "100lm/W")
_LETTER_BY_DIGIT = re.compile(r"[OolI](?<=\d[OolI])|[OolI](?<=\d[.,][OolI])")
_NUMBER_WITH_LETTERS = re.compile(r"(?<![A-Za-z\d_.,])\d[\d,.OolI]*[\dO]")
_WIDE_COMMA = re.compile(r"[０-９]，(?=[０-９]{3}(?![０-９]))")
_OCR_SPACE = re.compile(r"([\u3400-\u9fff])\d{1,3}( )(?=\.?\d+(?:\.\d+)?[%\u3400-\u9fff])")
_CJK = re.compile(r"[\u3400-\u9fff]")
# a two-character label spread by ideographic spaces at the start of a line, as tables set them: "指　　标",
# "合　　计" (its spaces read as tabs would part it into two cells)
_LETTER_SPACED = re.compile(r"^[ \t]*[\u3400-\u9fff](\t+)[\u3400-\u9fff](?=[ \t]|$)", re.MULTILINE)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@cache
def _char_table() -> dict[int, str]:
    folder = resources.files("opencc_purepy") / "dicts"
    steps = []
    for name in _OPENCC_TABLES:
        step = {}
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            source, _, targets = line.partition("\t")
            target = targets.split(" ")[0]
            if len(source) == 1 and len(target) == 1:  # one-to-one only, so that offsets are kept
                step[source] = target
        steps.append(step)
    table: dict[int, str] = {}
    for char in set().union(*steps):
        out = char
        for step in steps:  # a variant goes on through the later tables (裡 -> 裏 -> 里)
            out = step.get(out, out)
        if out != char:
            table[ord(char)] = out
    table.update({ord(w): n for w, n in zip(_WIDE, _NARROW, strict=True)})
    table.update({ord(w): n for w, n in _LETTERS.items()})
    table[0x3000] = (
        "\t"  # the ideographic space: it sets cells apart ("售電量　35,254　35,546"), as a tab does
    )
    # a table drawn with box-drawing characters: its bars set cells apart and its rules are rules
    table.update({ord(c): "|" for c in _BOX_BARS})
    table.update({ord(c): "+" for c in _BOX_CROSSINGS})
    table.update({ord(c): "-" for c in _BOX_RULES})
    return table


_BOX_BARS = "│┃║┆┇┊┋"
_BOX_CROSSINGS = "┼╋╬├┤┝┥┠┨╠╣┬┴┯┷╦╩┌┐└┘┏┓┗┛╔╗╚╝"
_BOX_RULES = "─━═┄┅┈┉"


def _marks_a_footnote(text: str, m: re.Match) -> bool:
    """A marker glued to what it annotates; a superscript after a Latin letter is an exponent (m², km³), and
    so is one after a multiplied ten (3.2×10⁴ tce)."""
    before = text[m.start() - 1]
    if m.group()[0] != "[" and _TIMES_TEN.search(text, max(0, m.start() - 6), m.start()):
        return False
    return not before.isspace() and not (m.group()[0] != "[" and before.isascii() and before.isalpha())


_TIMES_TEN = re.compile(r"[x×*]\s*10$")


@dataclass(frozen=True)
class View:
    """`text` is what the grammar reads; `offsets[i]` is the original index of view character i (None when
    nothing was removed, so that view and original offsets coincide)."""

    text: str
    original: str
    offsets: tuple[int, ...] | None = None

    def to_original(self, i: int) -> int:
        if self.offsets is None:
            return i
        return self.offsets[i] if i < len(self.offsets) else len(self.original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the view's [start, end)."""
        if self.offsets is None or end <= start:
            return start, end
        return self.to_original(start), self.to_original(end - 1) + 1


def translate(text: str) -> str:
    """Traditional characters as simplified, full-width digits, letters and signs as ASCII; same length."""
    table = _char_table()
    if text.isascii():
        return text
    # only the non-ASCII runs go through the (large) table: English reports have few of them
    return _NON_ASCII.sub(lambda m: m.group().translate(table), text)


# Text taken from a PDF breaks its lines where the page did, inside sentences and words: "aims to cut fuel
# use per tonne-kilometre to⏎0.293 kilogram", "9月同比增⏎长48.2%", "fuel con-⏎sumption". A break is a wrap
# when the line before it is long prose that does not end a sentence and the line after continues it (a
# lower-case word or a digit; in Chinese, a character or a digit). Lines of a table (runs of spaces, words
# set apart by spaces) and enumerated headings are never joined.
_NEWLINE = re.compile(r"\n")
_ENDS_SENTENCE = re.compile(r"[.。!?！？;；:：)）]\s*$")
# (two spaces after a sentence's full stop are typing, not a table's gap: "13,000 Mt.  Including land use,")
_TABLE_LIKE = re.compile(
    r"[^\s.!?;:,] {2,}\S|\t|\|.*\||[\u3400-\u9fff] +[\u3400-\u9fff]|[\u3400-\u9fff）)] +\S+ +\S"
)
# (in English, cells set apart by single spaces after a bracket are prose: ") were 13,000 Mt")
_TABLE_LIKE_EN = re.compile(r"[^\s.!?;:,] {2,}\S|\t|\|.*\|")


def _table_like(line: str, english: bool, pos: int = 0) -> bool:
    """Whether `_TABLE_LIKE_EN` (English) or `_TABLE_LIKE` finds cells in line[pos:]. Every match of the
    first holds two spaces in a row, a tab or a bar, of the second a space, a tab or a bar: a line without
    one is answered at once, not by a regex tried at each of its characters."""
    if ("  " if english else " ") not in line and "\t" not in line and "|" not in line:
        return False
    return bool((_TABLE_LIKE_EN if english else _TABLE_LIKE).search(line, pos))


_SECTION_NUMBER = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})+\s+)?")
_CONTINUES_EN = re.compile(r"[ \t]*(?:[a-z0-9(]|\[[\u3400-\u9fff])")  # (or a Chinese gloss: "[风力发电量]")
_OPEN_ENDED = re.compile(
    r"\b(?:of|to|the|and|or|in|at|by|for|with|from|a|an|on|than)$"
)  # "1,590 tonnes of⏎SAF"
# a Chinese character or a number, not an enumerator that opens a heading (二、 1. （一）)
_CONTINUES_ZH = re.compile(
    r"[ \t]*(?![一二三四五六七八九十]+、|\d+[、．]|\d+\.(?!\d)|[（(][一二三四五六七八九十\d]+[）)])[\u3400-\u9fff\d（(]"
)  # (a bracket too: "住宅界別" / "（21.3%）及工業界別", but not the enumerator of a heading: （一）)
_WRAPPED_WORD = re.compile(r"[a-z]-$")
# (Chinese in brackets, round or square: "Tangshan (唐山)", "hydropower [水力发电量]")
_CJK_BRACKETED = re.compile(
    r"[(（][^()（）\n]*[\u3400-\u9fff][^()（）\n]*[)）]|\[[^\[\]\n]*[\u3400-\u9fff][^\[\]\n]*\]"
)
_CONTINUES_LOWER = re.compile(r"[ \t]*[a-z]")
# a byline or a dateline: its label, or a whole numeric date
_BYLINE_LINE = re.compile(
    r"(?:发布时间|发布日期|發布日期|更新时间|更新時間|来源|來源|作者|编辑|編輯|浏览|瀏覽|阅读|閱讀"
    r"|(?i:source|updated|published|posted|editor))\s*[:：]|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
)
# a unit in capitals that a line break parted from its number
_UNIT_FIRST = re.compile(r"[ \t]*(?:[kMGT]W[hp]?|Mt(?:CO2e?|oe)?|Gt(?:CO2e?)?|[TPE]J|Mtce|RMB|USD|CNY)\b")
_MIN_WRAPPED_EN, _MIN_WRAPPED_ZH = 30, 20
_MIN_WRAPPED_FULL = 60  # (a line as long as a page's: a list's item is shorter)
_ACRONYM_FIRST = re.compile(r"[ \t]*[A-Z]{2,}[A-Za-z0-9]*(?:/[A-Z]{2,}[A-Za-z0-9]*)?\b(?!\s*[:：])")
_LEADER_TO_A_FIGURE = re.compile(r"(?:\.\s?){2,}\s*[-+]?\d[\d,.]*\s*%?$")
_RULE = re.compile(r"[-=_—─━*·.+|\s]{3,}")


# a form's field on a line of its own: a short label, a colon and a short value
_FIELD_LINE = re.compile(r"[^:：\n。；;]{1,30}[:：][ \t]*[^:：\n。；;]{1,24}")
_LAST_WORD, _FIRST_WORD = re.compile(r"([A-Za-z]+)$"), re.compile(r"[ \t]*([A-Za-z]+)")


def _name_across(line: str, following: str) -> bool:
    """Whether a place's name of two words or more goes on across the break: "In contrast, Inner" /
    "Mongolia, Xinjiang and Ningxia ..."."""
    last, first = _LAST_WORD.search(line), _FIRST_WORD.match(following)
    return bool(last and first) and (last.group(1), first.group(1)) in _two_word_names()


@cache
def _two_word_names() -> frozenset[tuple[str, str]]:
    """The first two words of every English name of a place of several words (Inner Mongolia, Hong Kong)."""
    names = [n for r in catalog.regions() for n in (r["name_en"], *r["aliases"], *r.get("places", []))]
    return frozenset(tuple(n.split()[:2]) for n in names if n.isascii() and " " in n)


def _wraps(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """The line breaks that only wrap a line: (breaks to read as a space, spans to remove: a Chinese
    wrap and the hyphen of a word split across lines)."""
    spaces, removed = [], []
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    for start, brk in zip([-1, *breaks], breaks, strict=False):
        start, nxt = start + 1, brk + 1
        line = text[start:brk].strip()
        following = text[nxt : nxt + 40]
        # English prose that gives Chinese names in brackets ("Tangshan (唐山)") wraps as English does
        english = line.isascii() or _CJK_BRACKETED.sub("", line).isascii()
        ended = _ENDS_SENTENCE.search(line)
        if ended and english and ended.group().strip() in ")）" and _CONTINUES_LOWER.match(following):
            ended = None  # "(of which 12 GW gas-fired)" / "at the end of 2023."
        # (the gap after a section's number is no table's: "1.1  本刊物載述…")
        if (
            not line
            or ended
            or _table_like(line, english, _SECTION_NUMBER.match(line).end())
            or _BYLINE_LINE.search(line)  # "发布时间：2024-03-15 来源：省统计局" ends where it ends
            or _RULE.fullmatch(line)  # a rule of dashes over a table's rows wraps nothing
            or _LEADER_TO_A_FIGURE.search(line)  # "Bidders registered ........ 37": a field's whole line
        ):
            continue
        line_end = text.find("\n", nxt)
        after = text[nxt : line_end if line_end != -1 else len(text)]  # (the whole next line)
        if _table_like(after, after.isascii() or (english and _CJK_BRACKETED.sub("", after).isascii())):
            continue
        if _LEADER_TO_A_FIGURE.search(after.rstrip()):
            continue  # the next line is a field's whole line: "   COCRs issued in 2024 ......... 312"
        if _FIELD_LINE.fullmatch(line) and _FIELD_LINE.fullmatch(after.strip()):
            continue  # a form's fields one a line: "工业总产值（亿元）：1,712.4" / "综合能源消费量（…）：1,536.9"
        if (
            _CJK.search(line)
            and len(line) >= _MIN_WRAPPED_ZH
            and _CONTINUES_ZH.match(following)
            and not _FIELD_THEN_FIGURE.match(text, nxt)
        ):
            removed.append((brk, nxt + len(following) - len(following.lstrip(" \t"))))
        elif (
            english
            and len(line) >= _MIN_WRAPPED_EN
            and (
                _CONTINUES_EN.match(following)
                or (_OPEN_ENDED.search(line) and following[:1].isalpha())
                or _name_across(line, following)
                or (line[-1:].isdigit() and _UNIT_FIRST.match(following))  # "up from 8.95" / "GW in 2022"
                # "... and operated 96" / "LNG/CNG refuelling stations": what a long line's last figure counts
                or (
                    line[-1:].isdigit() and len(line) >= _MIN_WRAPPED_FULL and _ACRONYM_FIRST.match(following)
                )
            )
        ):
            if _WRAPPED_WORD.search(line) and following[:1].isalpha():
                removed.append((start + len(text[start:brk].rstrip()) - 1, brk + 1))
            else:
                spaces.append(brk)
    return spaces, removed


# a record's short field on a line of its own, then a figure alone on the next: "许昌市" / "96,750" under a
# long name ("许昌市东城区8号地块保障性住房项目1#~12#楼"), which is no wrapped line
_FIELD_THEN_FIGURE = re.compile(r"[^\n。，；,;:：]{1,8}\n[ \t]*[-+]?\d[\d,]*(?:\.\d+)?%?[ \t]*(?:\n|$)")


# a row of a table exported as CSV with every field quoted: "北京市","发电量","亿千瓦时","494.6","490.1"
_CSV_ROW = re.compile(r'^"[^"\n]*"(?:,"[^"\n]*")+[ \t]*$', re.MULTILINE)
_CSV_LINE = re.compile(r'^"[^"\n]+"[ \t]*$', re.MULTILINE)


def _csv_as_bars(text: str) -> str:
    """The view with each row of a CSV export (every field quoted) written as a row of cells between bars,
    as tables pasted as text have them: `","` becomes ` | `, the quotes at the ends spaces, a missing value
    ".." a dash (same length)."""
    if '","' not in text:
        return text
    rows = list(_CSV_ROW.finditer(text))
    if not rows:
        return text
    chars = list(text)
    for m in _CSV_LINE.finditer(text):  # (a quoted line of its own in the export: "Unit: 100 million kWh")
        line = m.group().rstrip()
        chars[m.start()] = chars[m.start() + len(line) - 1] = " "
    for m in rows:
        line = m.group().rstrip()
        chars[m.start()] = " "
        chars[m.start() + len(line) - 1] = " "
        for sep in re.finditer('","', line):
            at = m.start() + sep.start()
            chars[at : at + 3] = [" ", "|", " "]
        for empty in re.finditer(r'(?<=")\.\.(?=")', line):
            at = m.start() + empty.start()
            chars[at : at + 2] = ["-", "-"]  # ".." for a missing value, as a dash (no sentence ends there)
    return "".join(chars)


# a line of a CSV export whose fields are not quoted: three or more fields, no quotes, no space after a comma
_BARE_CSV_LINE = re.compile(r"^[^\",\t|\n]{0,40}(?:,[^\",\t|\n]{0,40}){2,}$", re.MULTILINE)
_SPACED_COMMA = re.compile(r",\s")
_CSV_FIGURE = re.compile(r"(?:^|,)-?\d+(?:\.\d+)?(?=,|$)")
_A_YEAR = re.compile(r"(?:19|20)\d\d")


def _bare_csv_as_bars(text: str) -> str:
    """The view with a block of CSV lines whose fields are not quoted ("province,year,wind_gw" over
    "Hebei,2022,31.4") written as rows of cells between bars: three or more lines in a row with as many
    commas each (no tab, no bar), none followed by a space as a list in prose has them, field names on the
    first and figures on the lines below it. Such a line holds no figure grouped by thousands, whose comma a
    CSV writer would quote. Fields parted by semicolons are read alike ("Indicator; Unit; 2022; 2023" over
    "Wind capacity; GW; 31.2; 35.6"), spaced or not, as exports for a decimal comma write them."""
    if ",\n" in text or text.count(",") >= 6:
        lines = [m for m in _BARE_CSV_LINE.finditer(text) if not _SPACED_COMMA.search(m.group())]
        text = _as_bars(text, lines, ",", _CSV_FIGURE)
        # ... and fields parted by a comma and a space, every line alike ("indicator, unit, 2022, 2023" over
        # "Wind capacity, GW, 365, 441"): the figures' own commas have no space after them
        if ", " in text:
            text = _as_bars(text, list(_SPACED_CSV_LINE.finditer(text)), ", ", _SPACED_FIGURE)
    if text.count(";") >= 6:
        text = _as_bars(text, list(_SEMICOLON_LINE.finditer(text)), ";", _FIELD_FIGURE)
    return text


_SPACED_CSV_LINE = re.compile(r"^(?:(?!, )[^\t|\n]){1,40}(?:, (?:(?!, )[^\t|\n]){1,40}){2,}$", re.MULTILINE)
_SPACED_FIGURE = re.compile(r"(?:^|, )-?\d[\d,]*(?:\.\d+)?(?=, |$)")
# a line of fields parted by semicolons: three fields or more, no tab or bar
_SEMICOLON_LINE = re.compile(r"^[^;\t|\n]{1,60}(?:;[^;\t|\n]{0,60}){2,}$", re.MULTILINE)
_FIELD_FIGURE = re.compile(r"(?:^|;)\s*-?\d[\d,]*(?:\.\d+)?\s*(?=;|$)")


def _as_bars(text: str, lines: list[re.Match], sep: str, figure: re.Pattern) -> str:
    """The text with each block of three lines or more of as many separators each, field names on the
    first and figures on the lines below, written with bars for the separators (same length)."""
    blocks: list[list[re.Match]] = []
    for m in lines:
        block = blocks[-1] if blocks else None
        if block and m.start() == block[-1].end() + 1 and m.group().count(sep) == block[0].group().count(sep):
            block.append(m)
        else:
            blocks.append([m])
    chars = None
    for block in blocks:
        if (
            len(block) < 3
            # (the first line names the fields, or the years of its columns: "region,2022,2023")
            or any(
                not _A_YEAR.fullmatch(f.group().lstrip(sep).strip(" ,"))
                for f in figure.finditer(block[0].group())
            )
            or not all(figure.search(m.group()) for m in block[1:])
        ):
            continue
        chars = chars or list(text)
        for m in block:
            for k in range(m.start(), m.end()):
                if text.startswith(sep, k):
                    chars[k] = "|"  # (the separator's first character: ", " becomes "| ")
    return "".join(chars) if chars else text


def _letters_as_digits(text: str) -> list[tuple[int, str]]:
    """Where OCR read a 0 as O or o and a 1 as l or I inside a number: (offset, digit) of each such letter."""
    fixes = []
    for m in _NUMBER_WITH_LETTERS.finditer(text):
        token = m.group()
        if token.isdigit() or sum(c.isdigit() for c in token) < 2:
            continue
        for k, c in enumerate(token):
            if c not in "OolI":
                continue
            interior = k + 1 < len(token) and any(d.isdigit() for d in token[k + 1 :])
            closing_o = c == "O" and k == len(token) - 1 and not text[m.end() : m.end() + 1].isalpha()
            if interior or closing_o:
                fixes.append((m.start() + k, "0" if c in "Oo" else "1"))
    return fixes


def _digits_as_written(original: str, text: str) -> str:
    """The view with 〇 between digits and a letter O in a year read as 0, and a full-width comma or a thin
    space that groups digits by thousands as a comma (same length)."""
    digit, fixes = str.isdigit, []
    if "〇" in text or "○" in text:
        fixes = [
            (i, "0")
            for i in (m.start() for m in _OCR_ZERO.finditer(text))
            if (i and digit(text[i - 1])) or (i + 1 < len(text) and digit(text[i + 1]))
        ]
    if _DIGIT_BY_O.search(text):
        fixes += [
            (m.start() + k, "0")
            for m in _OCR_YEAR_O.finditer(text)
            if ("O" in m.group() or "o" in m.group())
            and sum(c.isdigit() for c in m.group()) >= 2
            # (before 年, or after a preposition of time)
            and (
                text.startswith("年", m.end())
                or _YEAR_WORD_BEFORE.search(text, max(0, m.start() - 7), m.start())
            )
            for k, c in enumerate(m.group())
            if c in "Oo"
        ]
    if _LETTER_BY_DIGIT.search(text):
        fixes += _letters_as_digits(text)
    if "，" in original:
        fixes += [(m.start() + 1, ",") for m in _WIDE_COMMA.finditer(original)]
    if "\u00a0" in text or "\u2009" in text or "\u202f" in text:
        fixes += [(m.start(), ",") for m in _GROUPING_SPACE.finditer(text)]
    spaced = _SPACED_DIGITS.search(text)  # (a quick test: most texts hold no such number)
    fixes += [
        (m.start(1) + k, ",")
        for m in (_SPACE_GROUPED.finditer(text, max(0, spaced.start() - 3)) if spaced else ())
        if not _NOT_GROUPED_AFTER.search(text, max(0, m.start() - 12), m.start())
        for k in range(0, len(m.group(1)), 4)
    ]
    fixes += [
        (m.start(1) + k, ",")
        for m in (_ALIGNED_GROUPED.finditer(text, max(0, spaced.start() - 3)) if spaced else ())
        for k in range(0, len(m.group(1)), 4)
    ]
    if not fixes:
        return text
    chars = list(text)
    for i, char in fixes:
        chars[i] = char
    return "".join(chars)


def view(original: str) -> View:
    text = _bare_csv_as_bars(_csv_as_bars(_digits_as_written(original, translate(original))))
    spaces, noise = _wraps(text) if "\n" in text else ([], [])
    if spaces:
        chars = list(text)
        for i in spaces:
            chars[i] = " "
        text = "".join(chars)
    if _TONE.search(text):
        noise += [m.span() for m in _PINYIN.finditer(text) if m.start() and _CJK.match(text, m.start() - 1)]
    for pattern in _FOOTNOTES:
        noise += [m.span() for m in pattern.finditer(text) if m.start() and _marks_a_footnote(text, m)]
    if " " in text and _CJK.search(text):
        noise += [m.span(2) for m in _OCR_SPACE.finditer(text) if m.group(1) not in "表图第"]
    if "\u3000" in original:
        noise += [m.span(1) for m in _LETTER_SPACED.finditer(text) if original[m.start(1)] == "\u3000"]
    if not noise:
        return View(text, original)
    keep, offsets, pos = [], [], 0
    for start, end in sorted(noise):
        if start < pos:
            continue
        keep.append(text[pos:start])
        offsets.extend(range(pos, start))
        pos = end
    keep.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    return View("".join(keep), original, tuple(offsets))
