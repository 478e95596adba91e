"""Resolution of what surrounds a number: qualifier, measure and direction, time, region, agency and
indicator. Each resolver is a function of the text and a span; word lists come from the catalogs or are
the small closed sets of function words below."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from pipelines import catalog, units
from pipelines.trie import WORD_END, trie_pattern

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

_APPROX = r"about|around|approximately|nearly|almost|close to|roughly|some|an estimated"
_LOWER = (
    r"more than|over|exceeded|exceeding|exceeds|exceed|at least|above|no less than|not less than|"
    r"upwards of|surpassed|surpassing|beyond|in excess of|greater than"
)
_UPPER = r"less than|within|below|under|no more than|not more than|at most|fewer than|up to|lower than"
_QUALIFIER_BEFORE = re.compile(
    rf"(?:(?P<approx>{_APPROX})|(?P<lower>{_LOWER})|(?P<upper>{_UPPER}))\s+(?:the\s+|a total of\s+)?$"
    r"|(?P<cn_approx>约|大约|近|将近|接近|近乎)$|(?P<cn_lower>超过|超|逾|突破|不少于|不低于|多于)$"
    r"|(?P<cn_upper>不到|不足|低于|少于|不超过)$",
    re.IGNORECASE,
)
_QUALIFIER_AFTER = re.compile(
    r"\s*(?:(?P<lower>or more|and above|or above|以上|多|余)|(?P<upper>or less|and below|以内|以下)|(?P<approx>左右))",
    re.IGNORECASE,
)

_INCREASE = r"increase|increased|increasing|rise|rose|grew|growth|up|higher|more|added|adding|expanded"
_DECREASE = (
    r"decrease|decreased|decreasing|decline|declined|drop|dropped|fell|down|lower|less|reduced|reducing|"
    r"reduction|cut|save|saving|saved"
)
# Chinese words have no word boundaries; they end the text before the number directly.
_CN_INCREASE = r"增长|增加|提高|上升|提升|增"
_CN_DECREASE = r"下降|减少|降低|节约|节省|减"
_CHANGE_BEFORE = re.compile(
    rf"(?:\b(?P<inc>{_INCREASE})\b|\b(?P<dec>{_DECREASE})\b|(?P<yoy>year-on-year|year on year))"
    r"(?:\s+(?:of|by))?\s*(?:(?:" + _APPROX + "|" + _LOWER + "|" + _UPPER + r")\s+)?$"
    rf"|(?:(?P<inc_cn>{_CN_INCREASE})|(?P<dec_cn>{_CN_DECREASE})|(?P<yoy_cn>同比|比上年))(?:了)?(?:约|近|超过|超|逾)?$",
    re.IGNORECASE,
)
# "reducing CO2 emissions by about 85 million tons": the verb, a few words, then "by"
_CHANGE_BY = re.compile(
    rf"\b(?:(?P<inc>increased|increasing|raised|raising|rose|grew)|(?P<dec>decreased|decreasing|reduced|reducing|"
    rf"cut|cutting|lowered|lowering|saved|saving))\b(?:\s+[\w-]+){{0,8}}\s+by\s+(?:(?:{_APPROX}|{_LOWER}|{_UPPER})\s+)?$",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(
    r"\s*(?:%|percent)?\s*(?:(?P<inc>higher|more)\b|(?P<dec>lower|less)\b|(?P<yoy>year-on-year|year on year)\b)",
    re.IGNORECASE,
)
_EXPLICIT_CHANGE = re.compile(r"\b(?:of|by)\b|year|同比|比上年", re.IGNORECASE)
_TARGET = re.compile(
    r"\b(?:target|goal|aim(?:s|ing)? to|plan(?:s|ned)? to|will (?:reach|exceed)|must reach|strive to|by 20[3-6]\d|"
    r"expected to)\b|目标|任务|力争|到20[2-6]\d年",
    re.IGNORECASE,
)
_TARGET_DONE = re.compile(r"\b(?:completed|achieved|exceeding|exceeded)\b", re.IGNORECASE)
_SHARE = re.compile(
    r"\b(?:account(?:s|ed|ing)? for|share|proportion|rate|ratio|coverage|percent of)\b|占|比重|比例|率",
    re.IGNORECASE,
)

_TIME = re.compile(
    rf"(?P<explicit>(?<!\d)(?<!\d[.,])(?:19[5-9]\d|20[0-9]\d)(?![\d.,]\d)(?:年)?)"
    r"|(?P<this>(?i:\bthis year\b|\bthe current year\b|\bat present\b|\bcurrently\b|\bup to now\b|\bso far\b|\bto date\b|"
    r"\bas of now\b|\bat the moment\b)|今年|目前|截至目前|当前|本年)"
    r"|(?P<last>(?i:\blast year\b|\bthe previous year\b|\bthe past year\b)|去年|上年)"
    r"|(?P<next>(?i:\bnext year\b)|明年)"
    r"|(?P<multi>(?i:\bannually\b|\bper year\b|\beach year\b|\bevery year\b|\bin recent years\b|\byear by year\b|"
    r"\bin the past (?:\w+ )?years\b|\bover the (?:next|past|last) \w+ years\b|\bover the years\b|"
    r"\bfor \w+ consecutive years\b)|每年|近年来|连续\w年)"
    rf"|(?P<corrupt>\b(?:[Ii]n|[Bb]y|[Ss]ince|[Dd]uring|end of|half of|quarter of|compared with|compared to|{MONTHS})"
    r"\s+(?:\d{1,3}|\d{5,}|<>)(?=\s*[,.;:)]|\s+(?:and|to|will|was|is|were|the|a|an)\b))"
    rf"|(?P<month>\b(?:end of |early |mid-|late )?(?:{MONTHS})\b)"
)


_BASE_BEFORE = re.compile(
    r"(?:\bthan|\bover|\bcompared (?:with|to)|\bfrom|比|较)\s*(?:the\s+)?(?:end of\s+)?$", re.IGNORECASE
)


@dataclass(frozen=True)
class TimeRef:
    start: int
    end: int
    kind: str  # explicit | this | last | next | multi | corrupt | month
    year: int | None
    base: bool = False  # "more than last year", "compared with 2020": the period compared against


def qualifier(text: str, q_start: int, q_tail_end: int, clause_start: int) -> str:
    before = text[max(clause_start, q_start - 40) : q_start]
    m = _QUALIFIER_BEFORE.search(before)
    if m:
        kind = next(k for k, v in m.groupdict().items() if v)
        return {"approx": "approx", "lower": "lower_bound", "upper": "upper_bound"}[kind.removeprefix("cn_")]
    m = _QUALIFIER_AFTER.match(text, q_tail_end, min(len(text), q_tail_end + 12))
    if m:
        kind = next(k for k, v in m.groupdict().items() if v)
        return {"approx": "approx", "lower": "lower_bound", "upper": "upper_bound"}[kind]
    return "exact"


def measure(text: str, q_start: int, q_tail_end: int, clause_start: int, unit: str | None) -> tuple[str, str]:
    """(measure, direction) of a quantity from the words around it and its unit."""
    before = text[max(clause_start, q_start - 60) : q_start]
    after = text[q_tail_end : q_tail_end + 20]
    window_start = max(clause_start, q_start - 80)
    target = _TARGET.search(text, window_start, q_start)
    if target and _TARGET_DONE.search(text, target.end(), q_start):
        target = None  # "the target ... has been completed by 6%" reports progress, not the target
    change = _CHANGE_BEFORE.search(before) or _CHANGE_BY.search(before) or _CHANGE_AFTER.match(after)
    if unit == "count" and change and not _EXPLICIT_CHANGE.search(change.group()):
        change = None  # "adding 1,488 green factories" counts things; "an increase of 300 firms" is a change
    # "the target of adding 6 million kilowatts": a change named after the target word is the target
    target_first = (
        target
        and change
        and change.re is not _CHANGE_AFTER
        and target.start() < q_start - len(before) + change.start()
    )
    if (unit in ("percentage_point", "times") or change) and not target_first:
        direction = ""
        groups = change.groupdict() if change else {}
        if groups.get("inc") or groups.get("inc_cn"):
            direction = "increase"
        elif groups.get("dec") or groups.get("dec_cn"):
            direction = "decrease"
        elif unit == "times":
            direction = "increase"
        return "change", direction
    if target:
        return "target", ""
    if unit == "percent":
        return "share", ""
    if unit == "count":
        return "count", ""
    return "level", ""


def time_refs(text: str, start: int, end: int, report_year: int | None) -> list[TimeRef]:
    refs = []
    for m in _TIME.finditer(text, start, end):
        kind = m.lastgroup
        year = None
        if kind == "explicit":
            year = int(m.group()[:4])
        elif kind in ("this", "month") and report_year:
            year = report_year
        elif kind == "last" and report_year:
            year = report_year - 1
        elif kind == "next" and report_year:
            year = report_year + 1
        base = bool(_BASE_BEFORE.search(text, max(start, m.start() - 20), m.start()))
        refs.append(TimeRef(m.start(), m.end(), kind, year, base))
    return refs


def year_for(
    refs: list[TimeRef], q_start: int, q_end: int, report_year: int | None
) -> tuple[int | None, str]:
    """The year of a fact: the nearest time expression before it in its sentence, else the nearest after,
    else the report's year. Returns (year, flag); the flag says why a year is missing."""
    refs = [r for r in refs if not r.base]  # a comparison base is not the fact's own period
    inside = [r for r in refs if not (r.end <= q_start or r.start >= q_end)]
    before = [r for r in refs if r.end <= q_start and r not in inside]
    after = [r for r in refs if r.start >= q_end]
    # An explicit year beats a bare month ("As of the end of June 2022"): drop months next to a year.
    ref = (
        max(before, key=lambda r: r.end) if before else (min(after, key=lambda r: r.start) if after else None)
    )
    if ref is None:
        return report_year, "" if report_year else "no_report_year"
    if ref.kind == "month":
        year_next = [r for r in refs if r.kind == "explicit" and 0 <= r.start - ref.end <= 3]
        if year_next:
            ref = year_next[0]
    if ref.kind == "corrupt":
        return None, "impossible_year"
    if ref.kind == "multi":
        return None, "multi_year"
    return ref.year, ""


# --- gazetteers -------------------------------------------------------------------------------------


_SPACES = re.compile(r"[\s-]+")


def starts_word(text: str, start: int) -> bool:
    """A Latin name must not continue a word (Hebei in "xHebei"); CJK names need no boundary."""
    return start == 0 or not (
        text[start].isascii() and text[start - 1].isascii() and text[start - 1].isalnum()
    )


@dataclass(frozen=True)
class Gazetteer:
    pattern: re.Pattern
    code_of: dict[str, str]

    def mentions(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        return [
            (m.start(), m.end(), self.code_of[_SPACES.sub(" ", m.group().lower())])
            for m in self.pattern.finditer(text, start, end)
            if starts_word(text, m.start())
        ]


def _names_pattern(names, ignore_case: bool, whole_words: bool = True) -> str:
    # One trie for Latin and CJK names: the regex engine then skips quickly to plausible first characters.
    # The left word boundary is checked by `starts_word` after matching, for the same reason.
    words = [
        (n.lower() if ignore_case else n) + (WORD_END if whole_words else "") if n.isascii() else n
        for n in names
    ]
    return ("(?i:" if ignore_case else "(?:") + trie_pattern(words) + ")"


def _gazetteer(names: dict[str, str]) -> Gazetteer:
    # Proper nouns keep their capitals; lower-case aliases ("nationwide") also match capitalised at the
    # start of a sentence. Case-sensitive literals keep the regex fast.
    variants = {v for n in names for v in ((n, n[:1].upper() + n[1:]) if n[:1].islower() else (n,))}
    pattern = re.compile(_names_pattern(sorted(variants), ignore_case=False))
    return Gazetteer(pattern, {_SPACES.sub(" ", k.lower()): v for k, v in names.items()})


@cache
def region_gazetteer() -> Gazetteer:
    names = {}
    for r in catalog.regions():
        for name in [r["name_en"], r["name_zh"], *r["aliases"], *r["places"]]:
            names.setdefault(name, r["code"])
    # Proper nouns are matched with their capitals so that "national" in lower case is still CN but
    # "China Resources Group" is not read as a place; the CN aliases are common words and match any case.
    return _gazetteer(names)


@cache
def agency_gazetteer() -> Gazetteer:
    names = {}
    for a in catalog.agencies():
        for name in [a["name_en"], a["name_zh"], *a["aliases"]]:
            names.setdefault(name, a["agency_id"])
    return _gazetteer(names)


_PROVINCE_ANAPHORA = re.compile(
    r"\b(?:the province|the whole province|the provincial|the municipality)\b|全省|该省|全市", re.IGNORECASE
)


def region_for(
    text: str,
    sentence_mentions: list[tuple[int, int, str]],
    sentence_start: int,
    q_start: int,
    paragraph_region: str | None,
    report_region: str = "CN",
) -> str:
    """The region a fact is about: the last place named before it in its sentence; `the province` refers
    back to the paragraph's last region (else the report's); otherwise the report's region, which is
    national unless the report is about one province."""
    before = [m for m in sentence_mentions if m[1] <= q_start]
    if before:
        return before[-1][2]
    if _PROVINCE_ANAPHORA.search(text, sentence_start, q_start):
        # in a provincial report "the whole province" is the report's; in a national one, the last named
        return report_region if report_region != "CN" else (paragraph_region or report_region)
    return report_region


# --- indicators -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorMatcher:
    pattern: re.Pattern
    phrases: dict[str, list[tuple[str, int, int]]]  # phrase -> [(indicator id, group index, matched length)]
    groups: dict[str, int]  # indicator id -> number of groups
    dimension: dict[str, str]
    order: dict[str, int]
    generic: frozenset[str]


@cache
def indicator_matcher() -> IndicatorMatcher:
    phrases: dict[str, list] = {}
    groups, dimension, order = {}, {}, {}
    for i, ind in enumerate(catalog.indicators()):
        groups[ind["id"]] = len(ind["match"])
        dimension[ind["id"]] = ind["dimension"]
        order[ind["id"]] = i
        for g, alternatives in enumerate(ind["match"]):
            for phrase in alternatives:
                phrases.setdefault(phrase.lower(), []).append((ind["id"], g))
    # The regex reports the longest phrase at a position ("power generation"); the shorter catalog phrases
    # it contains ("power", "generat") count too, with their own length.
    for phrase in list(phrases):
        for other in phrases:
            if other != phrase and _contains_at_word_start(phrase, other):
                phrases[phrase] = phrases[phrase] + [(ind, g, len(other)) for ind, g, *_ in phrases[other]]
    phrases = {
        p: [(e[0], e[1], e[2] if len(e) > 2 else len(p)) for e in entries] for p, entries in phrases.items()
    }
    generic = frozenset(i["id"] for i in catalog.indicators() if i.get("generic"))
    return IndicatorMatcher(
        re.compile(_names_pattern(list(phrases), ignore_case=True, whole_words=False)),
        phrases,
        groups,
        dimension,
        order,
        generic,
    )


def _contains_at_word_start(phrase: str, other: str) -> bool:
    return any(
        phrase.startswith(other, i) for i in range(len(phrase)) if i == 0 or not phrase[i - 1].isalnum()
    )


def compatible(indicator_dimension: str, unit: str | None, measure_: str) -> bool:
    if unit is None:
        return False
    dim = units.unit_table()[unit].dimension if unit in units.unit_table() else "count"
    if dim == indicator_dimension:
        return True
    # A relative change or a multiple describes the indicator it follows, whatever that one's unit.
    return measure_ == "change" and dim in ("ratio", "multiple", "ratio_change")


@dataclass(frozen=True)
class PhraseHits:
    """Catalog phrases found in a text, in order, so that each window is a slice, not a new scan."""

    starts: list[int]
    hits: list[tuple[int, int, str]]  # start, end, normalized phrase

    @classmethod
    def of(cls, text: str, start: int = 0, end: int | None = None) -> PhraseHits:
        hits = [
            (h.start(), h.end(), _SPACES.sub(" ", h.group().lower()))
            for h in indicator_matcher().pattern.finditer(text, start, len(text) if end is None else end)
            if starts_word(text, h.start())
        ]
        return cls([h[0] for h in hits], hits)

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.hits) and self.hits[i][0] < end:
            if self.hits[i][1] <= end:
                out.append(self.hits[i])
            i += 1
        return out


def indicator_for(
    hits: PhraseHits, windows: list[tuple[int, int]], unit: str | None, measure_: str, fallback: bool = True
) -> str | None:
    """The best catalog indicator whose match groups all occur in a window: the first window naming a
    specific indicator wins; a generic one (enterprises, projects) only when no window names a specific
    one; and when nothing matches, the only indicator of the unit's dimension, if there is just one."""
    m = indicator_matcher()
    generic_choice = None
    for start, end in windows:
        best = _best_in_window(m, hits, start, end, unit, measure_)
        if best is None:
            continue
        if best not in m.generic:
            return best
        generic_choice = generic_choice or best
    if generic_choice or not fallback:
        return generic_choice
    dimension = units.unit_table()[unit].dimension if unit in units.unit_table() else None
    only = [ind for ind, dim in m.dimension.items() if dim == dimension and ind not in m.generic]
    return (
        only[0]
        if len(only) == 1 and dimension not in ("count", "ratio", "ratio_change", "multiple")
        else None
    )


def _best_in_window(m, hits, start, end, unit, measure_) -> str | None:
    score: dict[str, dict[int, int]] = {}
    for _h_start, h_end, phrase in hits.within(start, end):
        # weight the phrase by length and by closeness to the number (the window's end)
        closeness = (h_end - start) * 10 // max(1, end - start)
        entries = m.phrases.get(phrase, [])
        # a phrase many indicators share ("energy consumption") tells less than one of its own ("non-fossil")
        sharing = len({e[0] for e in entries}) or 1
        for ind, g, length in entries:
            best = score.setdefault(ind, {})
            best[g] = max(best.get(g, 0), length * 10 // sharing + closeness)
    ranked = [
        (ind not in m.generic, sum(gs.values()), -m.order[ind], ind)
        for ind, gs in score.items()
        if len(gs) == m.groups[ind] and compatible(m.dimension[ind], unit, measure_)
    ]
    return max(ranked)[3] if ranked else None
