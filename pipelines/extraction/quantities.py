"""The quantity grammar: numbers as written (digits, separators, placeholders, Chinese numerals),
followed by scale words and units.

``find_quantities(text, start, end)`` returns every candidate quantity in a stretch of text with the span
of its number token; the rules that decide which candidates are facts live in ``extract``.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import attrgetter

from pipelines import catalog, units

PLACEHOLDER = "<>"
MAX_DIGITS = 18  # integer digits of the largest quantity a report can state (10^18: kWh of the world)
# Digits or lost digits, thousands-like groups joined by a bare comma, an optional decimal part. A letter
# right before the digits makes a code (PM2.5, G50, CO2) unless it ends a currency prefix (CNY2.5bn): the
# pattern is completed in `lexicon` with the letters that may not come before a number.
# ("2x1,000 MW": an x between two numbers multiplies units, and the second number is one of its own)
# ("'000 tonnes", "RMB'000", "(000 m3)": thousands as a column's unit, not a number of its own)
_ARABIC = (
    # (a bound written "<2.0" after a space, a colon, a bar, a bracket or a Chinese word is read; a "<"
    # glued to a word is markup's)
    r"(?<![\d.{letters}])(?<![^\s:：|｜(（\u3000\u4e00-\u9fff]<)(?<![A-Za-z]x)"
    r"(?!(?<=['’])000(?![\d.,]))(?!(?<=[(（])000 (?=[A-Za-z]))"
    r"(?:\d+|<>)(?:,(?:\d+|<>))*(?:\.(?:\d+|<>))?"
)
_TIMES_BETWEEN = re.compile(r"\dx")
_CN_DIGITS = "零〇一二两三四五六七八九"
# real numerals are short; 点 is the decimal point (九十六点五万吨, 百分之三点五)
_CN_NUMERAL = re.compile(
    rf"[{_CN_DIGITS}十百千][{_CN_DIGITS}十百千万亿]{{0,11}}(?:点[{_CN_DIGITS}]{{1,4}}[万亿]?)?"
)
_CN_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
# a scale alone written where a unit begins: after a bracket, a slash or a currency's name (百万美元, 千万元)
_SCALE_OF_A_UNIT = re.compile(r"[十百千][万亿]")
_UNIT_OPENS = re.compile(r"(?:[(（/／]|人民币|港币|港元|美元|欧元|新台币)\s*$")
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10**4, "亿": 10**8}
_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGIT_OR_PLACEHOLDER = re.compile(r"[\d<]")
# a multiple written with a glued x, then no letter or digit: "FFO/debt of 6.9x", "2.1x the 2020 level"
_MULTIPLE_X = re.compile(r"x(?![A-Za-z\d])(?!\s*\d)")
# a power of ten written as a scale after a number: "1,628.4 x 10^8 kWh", "×10⁴ tce", "10^4 tce" in a header
POWER_SCALE = re.compile(
    r"(?:[x×*]\s*)?10\s*(?:\^\s*(?P<caret>\d{1,2})|(?P<raised>[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]?))"
)
_RAISED_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def power_scale(m: re.Match) -> float:
    """The scale a match of `POWER_SCALE` writes (10^8: 1e8)."""
    return 10.0 ** int(m.group("caret") or m.group("raised").translate(_RAISED_DIGITS))


@dataclass
class Quantity:
    start: int  # span of the number token
    end: int
    number: str  # as written
    value: float | None  # None when digits were lost
    scale: float = 1.0
    unit: str | None = None  # a unit id of units.yaml, "count", or None (a bare number)
    unit_raw: str = ""  # scale and unit as written
    tail_end: int = 0  # end of the scale and unit
    count_noun: str = ""  # for counts: what is counted
    flags: list[str] = field(default_factory=list)

    @property
    def is_placeholder(self) -> bool:
        return PLACEHOLDER in self.number


class AliasIndex:
    """`pattern.match(text, i, limit)` for an alternation of aliases, tried with only the aliases that may
    begin with `text[i]`: the same alternatives in the same order, so the same match. The regex engine
    tries an alternation's hundreds of aliases one by one, and most positions begin none of them."""

    def __init__(self, parts: list[tuple[str, str]], flags: int):
        # parts: (alias regex, regex of the one character it begins with), in the order they are tried
        self.pattern = re.compile("|".join(p for p, _ in parts), flags)
        self._parts = parts
        self._firsts = {f: re.compile(f, flags) for _, f in parts}  # a few dozen distinct ones
        self._any_first = re.compile("|".join(self._firsts), flags)
        self._by_char: dict[str, re.Pattern | None] = {}  # grows with the characters seen, a few thousand

    def match(self, text: str, i: int, limit: int) -> re.Match | None:
        if i >= limit or i >= len(text):
            return None  # no alias is empty
        sub = self._by_char.get(text[i], self)
        if sub is self:
            sub = self._by_char[text[i]] = self._for(text[i])
        return sub.match(text, i, limit) if sub is not None else None

    def _for(self, ch: str) -> re.Pattern | None:
        if not self._any_first.fullmatch(ch):
            return None  # most characters (every Chinese one but a few) begin no alias: one test
        begins = {f for f, first in self._firsts.items() if first.fullmatch(ch)}
        chosen = tuple(p for p, f in self._parts if f in begins)
        return _alternation(chosen, self.pattern.flags)


@lru_cache(maxsize=256)
def _alternation(parts: tuple[str, ...], flags: int) -> re.Pattern:
    return re.compile("|".join(parts), flags)


@dataclass(frozen=True)
class Lexicon:
    unit_alias: re.Pattern  # alias -> unit id via `unit_of`
    unit_index: AliasIndex  # the same pattern, tried only with the aliases that begin where it is tried
    unit_of: dict[str, str]
    scale: re.Pattern
    scale_index: AliasIndex
    scale_of: dict[str, float]
    classifier: re.Pattern
    prefix: re.Pattern  # a unit written before the number, matched at the end of the text before it
    prefix_of: dict[str, str]
    prefix_ends: frozenset[str]  # last characters of the prefixes: a cheap test before the search
    arabic: re.Pattern  # a number in digits (_ARABIC)
    approx_after: str  # characters between a number and its scale, unit or classifier: 余, 多
    scaled_unit: AliasIndex  # units read only after a scale word (亿度)
    scaled_unit_of: dict[str, str]


def _alias_index(
    aliases: list[str], exact_case: frozenset[str] = frozenset(), guards: dict[str, str] | None = None
) -> AliasIndex:
    parts = []
    for alias in sorted(set(aliases), key=len, reverse=True):
        # a space or a hyphen between words matches any run of spaces and hyphens: "kilowatt-hour" is
        # written "kilowatt hour" too, and the alias is looked up as `normalize_alias` writes it
        escaped = re.sub(r"(?<=[A-Za-z])\\-(?=[A-Za-z])|\\ ", r"[\\s-]+", re.escape(alias))
        if guards and alias in guards:
            escaped += f"(?![{re.escape(guards[alias])}])"  # 成 of "4成", not of 成交
        # Latin aliases end at a word boundary; CJK and symbols need none.
        # ":1" must not begin ":10"; a word may carry a glued footnote digit ("kilowatts1")
        escaped += (
            r"(?!\d)"
            if alias[-1].isdigit()
            else r"(?![A-Za-z])"
            if alias[-1].isascii() and alias[-1].isalpha()
            else ""
        )
        # the character the alias begins with, as the case-insensitive regex reads it (a leading space
        # stands for any space or a hyphen)
        first = r"[\s-]" if alias[0] == " " else re.escape(alias[0])
        exact = alias in exact_case
        parts.append((f"(?-i:{escaped})" if exact else escaped, f"(?-i:{first})" if exact else first))
    return AliasIndex(parts, re.IGNORECASE)


def unit_at(lex: Lexicon, text: str, i: int, limit: int) -> re.Match | None:
    """`lex.unit_alias.match(text, i, limit)`, tried with only the aliases that begin with `text[i]`."""
    return lex.unit_index.match(text, i, limit)


@cache
def lexicon() -> Lexicon:
    exact = frozenset(catalog.grammar_words("exact_case"))
    aliases = [a for u in catalog.units() for a in u["aliases"]]
    unit_of = {normalize_alias(a): u["unit"] for u in catalog.units() for a in u["aliases"]}
    words = [w for s in catalog.scales() for w in s["words"]]
    scale_of = {normalize_alias(w): s["factor"] for s in catalog.scales() for w in s["words"]}
    classifiers = sorted(catalog.count_classifiers(), key=len, reverse=True)
    prefix_of = {w.lower(): e["unit"] for e in catalog.grammar()["prefix_units"] for w in e["words"]}
    prefixes = sorted(prefix_of, key=len, reverse=True)
    ends = {p[-1] for p in prefix_of}
    guards = {
        a: u["not_followed_by"] for u in catalog.units() if "not_followed_by" in u for a in u["aliases"]
    }
    units, scales = _alias_index(aliases, exact, guards), _alias_index(words, exact)
    return Lexicon(
        unit_alias=units.pattern,
        unit_index=units,
        unit_of=unit_of,
        scale=scales.pattern,
        scale_index=scales,
        scale_of=scale_of,
        classifier=re.compile("|".join(map(re.escape, classifiers))),
        # US$ before $; a Latin prefix does not end a word (not the "RMB" of "ARMB")
        prefix=re.compile(
            "(?:"
            + "|".join((r"(?<![A-Za-z])" if p[0].isalpha() else "") + re.escape(p) for p in prefixes)
            + r")\s?$",
            re.IGNORECASE,
        ),
        prefix_of=prefix_of,
        prefix_ends=frozenset(p[-1] for p in prefix_of),
        arabic=re.compile(
            _ARABIC.format(
                letters="".join(c for c in string.ascii_letters if c.lower() not in ends and c != "x")
            )
        ),
        approx_after="".join(catalog.grammar_words("cues", "approx_after")),
        scaled_unit=_alias_index([w for e in catalog.grammar()["scaled_units"] for w in e["words"]]),
        scaled_unit_of={
            normalize_alias(w): e["unit"] for e in catalog.grammar()["scaled_units"] for w in e["words"]
        },
    )


_SPACES = re.compile(r"[\s-]+")


def normalize_alias(raw: str) -> str:
    lowered = raw.lower()
    # most aliases are one word ("kWh", 万千瓦): letters and digits only, nothing to replace
    return lowered if lowered.isalnum() else _SPACES.sub(" ", lowered)


def parse_arabic(token: str) -> tuple[float | None, list[str]]:
    """The value of a digit token and flags: `placeholder`, `malformed_number` (separators that are not
    thousands separators, such as 2783,223 or 6,13)."""
    if token.isdigit():  # the usual token: digits only, no separator to check
        return (float(token), []) if len(token.lstrip("0")) <= MAX_DIGITS else (None, ["malformed_number"])
    if PLACEHOLDER in token:
        return None, ["placeholder"]
    flags = []
    whole, _, decimals = token.partition(".")
    groups = whole.split(",")
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        flags.append("malformed_number")
    digits = "".join(groups).lstrip("0")
    if len(digits) > MAX_DIGITS:
        return None, [*flags, "malformed_number"]  # no quantity has that many digits; never inf
    value = float("".join(groups) + ("." + decimals if decimals else ""))
    return value, flags


def parse_chinese(token: str) -> float | None:
    """Value of a Chinese numeral such as 三, 十二, 一百二十, 三千五百万, 两亿, 三点五, 九十六点五万.

    Written here rather than with cn2an: the grammar tries every prefix of a numeral (三千五百万千瓦 may end
    before 千瓦) and needs None, not an exception, for a prefix that is no numeral; the rules are short."""
    whole, point, rest = token.partition("点")
    if point:
        decimals = rest.rstrip("万亿")
        if not whole or not decimals or any(c not in _CN_VALUES for c in decimals):
            return None
        value = parse_chinese(whole)
        if value is None:
            return None
        value += float("0." + "".join(str(_CN_VALUES[c]) for c in decimals))
        for large in rest[len(decimals) :]:
            value *= _CN_LARGE[large]
        return value
    total, section, digit = 0, 0, None
    last_unit, zero = 0, False  # the magnitude of the last unit character, and whether 零 followed it
    for ch in token:
        if ch in _CN_VALUES:
            zero = zero or _CN_VALUES[ch] == 0
            digit = _CN_VALUES[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit, last_unit, zero = None, _CN_SMALL[ch], False
        elif ch in _CN_LARGE:
            section += digit or 0
            total += (section or 1) * _CN_LARGE[ch]
            section, digit, last_unit, zero = 0, None, _CN_LARGE[ch], False
        else:
            return None
    if digit and last_unit >= 100 and not zero:
        digit *= last_unit // 10  # 一千二 is 1200, 三万五 is 35,000 (一千零二 is 1002)
    return float(total + section + (digit or 0))


def read_tail(text: str, pos: int, limit: int, lex: Lexicon) -> tuple[float, str | None, str, int]:
    """Scale word and unit after a number at `pos`: (scale, unit id, as written, end)."""
    if _MULTIPLE_X.match(text, pos, limit):
        return 1.0, "times", "x", pos + 1  # "6.9x", "6.5x-7.0x": a multiple (not "2x660MW", 2 units of 660)
    i = pos
    while i < limit and text[i] in " \u00a0":
        i += 1
    if i < limit and text[i] == "-" and i == pos:
        i += 1
    scale, unit, start = 1.0, None, i
    power = POWER_SCALE.match(text, i, limit) if i < limit and text[i] in "x×*" else None
    if power:
        j = power.end()
        while j < limit and text[j] in " \u00a0":
            j += 1
        m = unit_at(lex, text, j, limit)
        if m and m.start() == j:
            return power_scale(power), lex.unit_of[normalize_alias(m.group())], text[start : m.end()], m.end()
        return power_scale(power), None, text[start : power.end()], power.end()
    if i < limit and text[i] in lex.approx_after:
        i += 1  # 300多万千瓦, 1000余吨: "more than", read by the qualifier; the scale and unit follow
    m = unit_at(lex, text, i, limit)
    s = lex.scale_index.match(text, i, limit)
    if s and i - pos > 1 and s.group()[0].isdigit():
        s = None  # "above RMB 300,000      10,000": a figure in the next column, not 万 as "6615 10,000 kW" writes it
    if s and (not m or s.end() > m.end() or (s.end() == m.end() and _CJK.match(s.group()))):
        # 万千瓦: the scale 万, then the unit 千瓦; "千瓦" alone is a unit, not the scale 千 and 瓦.
        scale = lex.scale_of[normalize_alias(s.group())]
        i = s.end()
        j = i
        while j < limit and text[j] in " -\u00a0":
            j += 1
        if j < limit and text[j] in lex.approx_after:
            j += 1  # 1万余吨
        m = unit_at(lex, text, j, limit)
        scaled = lex.scaled_unit.match(text, j, limit)
        if scaled and (not m or scaled.end() >= m.end()):
            # a unit that reads otherwise after a scale word: 亿度, "million mt"
            unit, i = lex.scaled_unit_of[normalize_alias(scaled.group())], scaled.end()
            return scale, unit, text[start:i], i
        if m:
            i = j
    if m and m.start() == i:
        unit = lex.unit_of[normalize_alias(m.group())]
        i = m.end()
    elif scale == 1.0:
        return 1.0, None, "", pos
    return scale, unit, text[start:i], i


def find_quantities(text: str, start: int, end: int) -> list[Quantity]:
    """Numbers between `start` and `end` with the scale and unit written after them."""
    lex = lexicon()
    found: list[Quantity] = []
    # every number in digits opens with a digit or <>: the (slower) number regex starts at the first one,
    # found by a character class the engine scans for in C (a sentence of words holds none)
    first = _DIGIT_OR_PLACEHOLDER.search(text, start, end)
    for m in lex.arabic.finditer(text, first.start(), end) if first else ():
        glued = (
            m.start() > start
            and text[m.start() - 1].isascii()
            and text[m.start() - 1].isalpha()
            and not _TIMES_BETWEEN.match(text, m.start() - 2)  # (2x1,000 MW)
        )
        if glued and not lex.prefix.search(text, max(start, m.start() - 4), m.start()):
            continue  # a code: PM2.5, G50, CO2
        token = m.group()
        value, flags = parse_arabic(token)
        found.append(_with_tail(text, m.start(), m.end(), token, value, flags, end, lex))
    for m in _CN_NUMERAL.finditer(text, start, end):
        if unit_at(lex, text, m.start(), end):
            continue  # 千瓦, 千克, 百分之: a unit that begins like a numeral (万千瓦级 names a class)
        if _SCALE_OF_A_UNIT.match(text, m.start()) and _UNIT_OPENS.search(
            text, max(start, m.start() - 4), m.start()
        ):
            continue  # （吨CO2/百万美元）, （人民币百万元）: a unit's scale, in a header, no number
        q = _chinese_quantity(text, m.start(), m.end(), end, lex)
        if q is not None:
            q.flags.append("chinese_numeral")
            found.append(q)
    found.sort(key=attrgetter("start"))
    return _joined_scales(found, text, end)


def _joined_scales(found: list[Quantity], text: str = "", limit: int = 0) -> list[Quantity]:
    """ "2亿8,695万吨", 1萬2,160輛: a number of 亿 (or 万) and the number of the next smaller scale written
    right after it are one number (286,950,000 tonnes; 12,160 vehicles)."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.unit is None
            and prev.scale in (1e8, 1e4)
            and prev.tail_end == q.start
            and prev.value is not None
            and q.value is not None
            and q.value * q.scale < prev.scale
        ):
            unit, unit_raw, tail_end = q.unit, q.unit_raw, q.tail_end
            scaled = lexicon().scaled_unit.match(text, q.end, limit) if unit is None and text else None
            if scaled:  # 1萬2,160度: the scale written before makes 度 a kilowatt-hour
                unit, unit_raw, tail_end = (
                    lexicon().scaled_unit_of[normalize_alias(scaled.group())],
                    scaled.group(),
                    scaled.end(),
                )
            out[-1] = Quantity(
                prev.start,
                q.end,
                prev.number + prev.unit_raw + q.number,
                prev.value * prev.scale + q.value * q.scale,
                1.0,
                unit,
                unit_raw,
                tail_end,
                q.count_noun,
                prev.flags + q.flags,
            )
            continue
        out.append(q)
    return out


def _chinese_quantity(text, start, end, limit, lex) -> Quantity | None:
    # The numeral may swallow the first character of its unit (三千五百万千瓦): try the longest numeral
    # that leaves a unit after it; on a tie, the numeral that ends before 万 or 亿 (两万: 两, scale 万).
    # Chinese numerals are words as often as numbers (一批, 三江源, 三个方面), so keep them only before a
    # unit, or before a classifier when they count at least ten (十二个县, 三千户, 两万个), or before the few
    # things a numeral under ten counts as a number (两台, 三个省).
    candidates = []
    for stop in range(end, start, -1):
        value = parse_chinese(text[start:stop])
        if value is None:
            continue
        q = _with_tail(text, start, stop, text[start:stop], value, [], limit, lex)
        if q.unit not in (None, "count"):
            scale = lex.scale.match(q.unit_raw) if q.scale != 1.0 else None
            unit_len = len(q.unit_raw) - (len(scale.group()) if scale else 0)
        elif q.unit is None and value * q.scale >= 10 and classifier_after(text, q.tail_end, limit, lex):
            unit_len = 0
        elif (
            q.unit is None
            and 2 <= value <= 9
            and q.scale == 1.0
            and text[start - 1 : start] not in _RANK_BEFORE
            and small_count().match(text, q.tail_end, limit)
            # (after a word: 江苏两省, 新建两台, 已有三个省; at a clause's start, 两市新增…, 两个项目建成后…,
            # they point back to things named before: "the two cities")
            and start > 0
            and _CJK.match(text, start - 1)
        ):
            unit_len = 0  # 两台机组, 三个省, 江苏两省: a few things counted
        else:
            continue
        # (a numeral is not cut before 百, 千 or 十, which continue it: 一千二百万吨 is 1200万吨, not 一千二 百万吨)
        continues = text[stop : stop + 1] in ("十", "百", "千")
        candidates.append(
            ((q.tail_end, not continues, unit_len, text[stop : stop + 1] in ("万", "亿"), stop), q)
        )
    return max(candidates, key=lambda c: c[0])[1] if candidates else None


_RANK_BEFORE = frozenset("前后第")  # 前五省份: a rank, not a count


@cache
def small_count() -> re.Pattern:
    words = sorted(catalog.grammar_words("cues", "small_count"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def classifier_after(text: str, pos: int, limit: int, lex: Lexicon) -> re.Match | None:
    """The classifier after a number (个, 家, 户), also after 余 or 多 (三百多家, 十余个)."""
    if pos < limit and text[pos] in lex.approx_after:
        pos += 1
    found = lex.classifier.match(text, pos, limit)
    if found is None and pos + 1 < limit and text[pos] in " \u3000":
        # ("已發出合規登記證明書　　3,946 份": a list's figure set apart, as Hong Kong and Taiwan set it,
        # with its classifier ending the line)
        spaced = lex.classifier.match(text, pos + 1, limit)
        found = spaced if spaced is not None and _LINE_ENDS.match(text, spaced.end()) else None
    return found


_LINE_ENDS = re.compile(r"[ \t\u3000]*(?:\r?\n|$)")


_MONEY_SCALE_LETTER = re.compile(r"([mMkK])(?![A-Za-z\d])")
_CURRENCIES_OF_YUAN = ("HKD", "TWD", "MOP")  # written 元 as well as the renminbi


@cache
def _in_percent() -> dict[str, float]:
    """Units of a ratio other than percent, as a scale of percent (成: tenths, 4成 = 40 percent), so that
    every rule that reads a share or a rate sees percent."""
    table = units.unit_table()
    return {
        u: factor
        for u, entry in table.items()
        if u != "percent" and entry.canonical_unit == "percent"
        for factor in [units.to_canonical(1.0, u)[0]]
        if factor != 1.0
    }


@cache
def _compound_units() -> dict[tuple[str, str], str]:
    """(numerator, denominator) -> the unit of a rate, from the catalog's aliases written "元/吨"."""
    lex = lexicon()
    out: dict[tuple[str, str], str] = {}
    for entry in catalog.units():
        for alias in entry["aliases"]:
            numerator, slash, denominator = normalize_alias(alias).partition("/")
            parts = (lex.unit_of.get(numerator), _unit_named(lex, denominator))
            if slash and None not in parts:
                out.setdefault(parts, entry["unit"])
    return out


@cache
def _per_ten_thousand_yuan() -> re.Pattern:
    """After a unit: a slash or "per", ten thousand yuan with the currency before or after it, and what the
    yuan are of ("/CNY 10,000 GDP", " per 10k yuan of output value", "/万元"), from grammar.yaml."""

    def words(role: str) -> str:
        return "|".join(map(re.escape, sorted(catalog.grammar_words("cues", role), key=len, reverse=True)))

    currency, ten_thousand, noun = words("output_currency"), words("ten_thousand"), words("output_noun")
    return re.compile(
        rf"(?:[ \t]*(?:CO2e?|CO₂e?|二氧化碳))?[ \t]*(?:/|(?i:per)\b|每)[ \t]*(?:(?P<before>(?i:{currency}))[ \t]*)?(?i:{ten_thousand})"
        rf"(?:[ \t]*(?P<after>(?i:{currency})))?(?![A-Za-z\d])"
        rf"(?:[ \t]*(?:(?i:of)[ \t]+(?:(?i:the)[ \t]+)?)?(?i:{noun})(?![A-Za-z]))?"
    )


_METRES = re.compile(r"[ \t]?m(?![A-Za-z\d²³/])")
_METRES_SAID_AFTER = re.compile(
    r"[ \t]?m[ \t]+(?:long|high|tall|deep|wide|thick|short|higher|lower|above|below|in\s+(?:length|height|"
    r"diameter|depth|width))\b"
)
_METRES_SAID_BEFORE = re.compile(
    r"\b(?:height|length|depth|width|diameter|head|elevation|altitude|span)\s+of\s+"
    r"(?:about\s+|around\s+|over\s+|nearly\s+|some\s+)?$",
    re.IGNORECASE,
)


def per_ten_thousand_yuan(text: str, pos: int, limit: int, unit: str | None) -> tuple[str, int] | None:
    """(the intensity's unit, where its denominator ends) when "per ten thousand yuan" follows a figure's
    unit at `pos` ("tce/CNY 10,000 GDP", "m3 per 10k yuan of output value"), else None."""
    rate = _per_ten_thousand_yuan_units().get(unit) if unit is not None else None
    m = _per_ten_thousand_yuan().match(text, pos, limit) if rate else None
    return (rate, m.end()) if m and (m.group("before") or m.group("after")) else None


@cache
def _per_ten_thousand_yuan_units() -> dict[str, str]:
    """The unit of a figure -> the unit it is in per ten thousand yuan (tce -> tce/10^4 CNY), from the
    intensities of grammar.yaml."""
    return {
        e.get("of", "tce"): e["unit"]
        for e in catalog.grammar()["intensity_denominators"]
        if e["unit"].endswith("/10^4 CNY")
    }


def _unit_named(lex: Lexicon, word: str) -> str | None:
    key = normalize_alias(word)
    return lex.unit_of.get(key) or lex.scaled_unit_of.get(key)


# between 每 and its unit, and the number: what is priced or emitted (每度电, 每千瓦时供电煤耗), or the
# first end of a range (每千瓦时0.6至0.8元)
_PER_FILLER = re.compile(
    r"[\u3400-\u9fff]{0,6}?\s*(?:约|为|仅|达|是|降至|降到|增至)?\s*(?:[\d.]+\s*(?:至|到|-|~|～)\s*)?"
)


def _per_unit_before(text: str, start: int, lex: Lexicon) -> str | None:
    """The unit that 每 names in the few characters before a number (每吨2650元, 每度电0.83公斤)."""
    per = text.rfind("每", max(0, start - 12), start)
    if per < 0:
        return None
    m = unit_at(lex, text, per + 1, start) or lex.scaled_unit.match(text, per + 1, start)
    if not m or not _PER_FILLER.fullmatch(text, m.end(), start):
        return None
    return _unit_named(lex, normalize_alias(m.group()))


# (a conversion in brackets may stand between: "100.59 yuan ($13.88) per tonne", and the bracket of the
# converted figure may close before it: "$13.88) per tonne")
_PER_AFTER = re.compile(
    r"\s*(?:(?P<aside>\([^()]{1,30}\)\s*)|\)\s*)?(?:/|\bper\s+|\ba\s+)"
    r"(?P<unit>[A-Za-z]{1,12}(?:-[A-Za-z]+)?\b"
    # (a Chinese denominator, and the product a tonne is of: 吨标准煤/吨钢, 千瓦时/吨铝)
    r"|吨(?=钢|熟料|水泥|电解铝|铝|产品|原油|乙烯|纸|玻璃|[^\u3400-\u9fff])|千克|公斤|千瓦时|平方米|立方米)"
    r"(?:钢|熟料|水泥|电解铝|铝|产品|原油|乙烯|纸|玻璃)?"
)


def _per_unit_after(text: str, per: re.Match, lex: Lexicon) -> str | None:
    word = per.group("unit").lower()
    return "t" if word in ("mt", "metric") else _unit_named(lex, word)


# lowercase mt after an amount alone is a million tonnes ("81.9 mt" of crude steel in a month), but not
# from this amount up: a firm's "61,300 mt" of output is metric tonnes
_METRIC_TONNES_FROM = 10_000


def metric_tonnes(value: float | None, scale: float) -> bool:
    """Whether an amount written in lowercase mt is in metric tonnes rather than millions of them."""
    return scale == 1.0 and (value or 0) >= _METRIC_TONNES_FROM


def _with_tail(text, start, end, token, value, flags, limit, lex) -> Quantity:
    scale, unit, raw, tail_end = read_tail(text, end, limit, lex)
    in_percent = _in_percent()
    if unit in in_percent:
        scale, unit = scale * in_percent[unit], "percent"
    before = text[start - 2 : start].rstrip()[-1:].lower() if unit in (None, "CNY") else ""
    if before and before in lex.prefix_ends:
        # $8.1bn, CNY2.5bn, 百分之三点五: the unit written before the number; 港币119亿元: the currency
        # named before the number is the one its 元 counts
        prefix = lex.prefix.search(text, max(0, start - 6), start)
        named = lex.prefix_of[prefix.group().strip().lower()] if prefix else None
        if named and (unit is None or named in _CURRENCIES_OF_YUAN):
            unit = named
            raw, tail_end = f"{prefix.group().strip()} {raw}".strip(), max(tail_end, end)
            thousands = _MONEY_SCALE_LETTER.match(text, end, limit) if scale == 1.0 else None
            if thousands:  # "RMB 312m", "US$40k": after a currency, a letter glued to the figure scales it
                scale = 1e6 if thousands.group(1).lower() == "m" else 1e3
                raw, tail_end = f"{raw}{thousands.group(1)}", thousands.end()
    if unit == "Mt" and raw.startswith("mt") and metric_tonnes(value, scale):
        unit = "t"  # "61,300 mt", "420,000 mt/yr": metric tonnes (no output is ten thousand million tonnes)
    if unit is not None and "每" in text[max(0, start - 12) : start]:
        rate = _compound_units().get((unit, _per_unit_before(text, start, lex)))
        unit = rate or unit  # 每千瓦时0.56元: yuan per kWh
    if unit is not None:
        per = _PER_AFTER.match(text, tail_end, limit)
        rate = _compound_units().get((unit, _per_unit_after(text, per, lex))) if per else None
        if rate and per.group("aside"):
            unit = rate  # (the figure in brackets is read on its own: its bracket closes before "per")
        elif rate:  # "$105/t", "Yuan 3,680/mt", "RMB 2,100 per tonne": a price per unit
            unit, raw, tail_end = rate, f"{raw}{text[tail_end : per.end()]}".strip(), per.end()
    if (
        unit is None
        and scale == 1.0
        and _METRES.match(text, end, limit)
        and (
            _METRES_SAID_AFTER.match(text, end, limit)
            or _METRES_SAID_BEFORE.search(text, max(0, start - 40), start)
        )
    ):
        # "212 m long, 53 m high", "a height of 68 m": m is metres when a dimension is named (else it may be
        # a million: "RMB 312m")
        m = _METRES.match(text, end, limit)
        unit, raw, tail_end = "m", m.group().strip(), m.end()
    per_output = per_ten_thousand_yuan(text, tail_end, limit, unit)
    if per_output:  # "0.381 tce/CNY 10,000 GDP", "28.6 m3 per RMB 10,000 of value added": an intensity
        unit, raw, tail_end = per_output[0], f"{raw}{text[tail_end : per_output[1]]}".strip(), per_output[1]
    return Quantity(start, end, token, value, scale, unit, raw, tail_end, flags=list(flags))
