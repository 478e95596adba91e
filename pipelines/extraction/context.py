"""Resolution of what surrounds a number: qualifier, measure and direction, time, region, agency and
indicator. Each resolver is a function of the text and a span; word lists come from the catalogs or are
the small closed sets of function words below."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from ahocorasick_rs import AhoCorasick

from pipelines import catalog, units
from pipelines.extraction.scan import (
    FOLDED_TO_LATIN,
    SHORT_TEXT,
    Gate,
    Gates,
    WordScan,
    finditer_at,
    leading_words,
    may_hold,
    named_alternatives,
)
from pipelines.extraction.trie import WORD_END, trie_pattern
from pipelines.reading import structure

MONTHS = structure.MONTHS

_APPROX = (
    r"about|around|approximately|nearly|almost|close to|roughly|some|an estimated|estimated at|estimated"
    r"|(?:^|(?<=[ \t(（]))c\.|(?:^|(?<=[ \t(（]))ca\.|circa"  # ("- c. 45% of sales": circa)
)
_LOWER = (
    r"more than|over|exceeded|exceeding|exceeds|exceed|at least|above|no less than|not less than|"
    r"upwards of|surpassed|surpassing|beyond|in excess of|greater than|topped|tops|topping|will top|passed|passing|past|"
    r"crossed|crossing"
)
_UPPER = (
    r"less than|within|below|under|no more than|not more than|at most|fewer than|up to|lower than"
    r"|not exceed|not to exceed|not exceeding|capped at|a cap of|a ceiling of|a maximum of"
    r"|the cap of|the ceiling of|a limit of|the limit of"
)
# a currency sign or name written before the number: "an estimated $27.4bn", 约$15.7bn, 约合人民币1120亿元
_MONEY_SIGN = r"(?:(?:US\$|HK\$|NT\$|\$|€|£|¥|USD|CNY|RMB|HKD|EUR|MOP|TWD|人民币|港币|港元|美元|欧元|新台币|澳门元)\s*)?"
_CN_APPROX, _CN_LOWER, _CN_UPPER = (
    "约|大约|近|将近|接近|近乎|约为|约合|约等于|约相当于|大约为|约有|估计为|估计约|估计|预估为|预估约|预估|估算为|估算约",
    "超过|超|逾|突破|不少于|不低于|多于|高于|大于",
    "不到|不足|低于|少于|小于|不超过|不高于|不得超过|不得高于|不大于|上限为|上限是|上限",
)
_QUALIFIER_BEFORE = re.compile(
    rf"(?<![A-Za-z])(?:(?P<approx>{_APPROX})|(?P<lower>{_LOWER})|(?P<upper>{_UPPER}))\s+(?:the\s+|a total of\s+)?"
    rf"{_MONEY_SIGN}$"  # (not the "over" of "cover")
    # 约占全部发电量的35.1%, 约占住宅用户71%: "about" before a share verb and the whole it is of (the gate
    # opens on 约)
    rf"|(?:(?P<cn_approx>{_CN_APPROX}|约占[^，。；,;\d]{{0,12}})|(?P<cn_lower>{_CN_LOWER})"
    # (… and a bound on a part of a whole it names: 不超过差价的50%)
    rf"|(?P<cn_upper>{_CN_UPPER}|(?:不超过|不高于|不得超过)[^，。；,;\d]{{1,8}}的))"
    rf"{_MONEY_SIGN}$",
    re.IGNORECASE,
)
# opens on a stretch that holds the first word of a qualifier (the regex cannot match elsewhere)
_QUALIFIER_GATE = Gate(
    "|".join([_APPROX, _LOWER, _UPPER, _CN_APPROX, _CN_LOWER, _CN_UPPER])
    .replace("(?:^|(?<=[ \\t(（]))", "")
    .replace("\\.", ".")
    .split("|")
)
_QUALIFIER_AFTER = re.compile(
    # a classifier may stand between: 3000家以上, 7万件左右
    r"\s*(?:(?P<lower>or more|and above|or above|plus(?=\s*(?:[,.;:)）]|$)|\s(?:in|by|at|as|for|this|last|each|a|an)\b)|以上|多|余)|(?P<upper>or less|and below|以内|以下)"
    # ... or a hedge in brackets after the figure and its unit: "1,200 MW (approx.)", "4.2 million (about)"
    r"|(?P<approx>左右|or so\b|or thereabouts\b|(?:[A-Za-z]+\s*)?[(（]\s*(?:approx\.?|approximately|about|around|circa|ca\.|c\.|est\.?|estimated|约)\s*[)）])"
    r"|[\u4e00-\u9fff](?:(?P<cl_lower>以上)|(?P<cl_upper>以下|以内)|(?P<cl_approx>左右)))",
    re.IGNORECASE,
)


def qualifier(text: str, q_start: int, q_tail_end: int, clause_start: int) -> str:
    before = text[max(clause_start, q_start - 40) : q_start]
    m = _QUALIFIER_GATE.search(_QUALIFIER_BEFORE, before)
    if m:
        kind = next(k for k, v in m.groupdict().items() if v)
        return {"approx": "approx", "lower": "lower_bound", "upper": "upper_bound"}[kind.removeprefix("cn_")]
    m = _QUALIFIER_AFTER.match(text, q_tail_end, min(len(text), q_tail_end + 24))
    if m:
        kind = next(k for k, v in m.groupdict().items() if v).removeprefix("cl_")
        return {"approx": "approx", "lower": "lower_bound", "upper": "upper_bound"}[kind]
    if _ESTIMATED_CLAUSE.search(before):
        return "approx"  # "Estimated annual savings are 8,400 t", 预计每年可节约标准煤2.1万吨: an estimate
    return "exact"


# an estimate said in the number's clause before it (not one that a comma or a full stop ends)
_ESTIMATED_CLAUSE = re.compile(
    r"(?:(?i:\bestimated\b|\bestimates?\b)|预计|预估|估计|估算)[^,;:，；：。.!?！？]*$"
)


# --- cue words (catalog/cues.yaml) ------------------------------------------------------------------


@cache
def _cues() -> dict[str, dict]:
    return {c["name"]: c for c in catalog.load("cues.yaml")["cues"]}


_QUOTE = '[“”"「」『』]?'  # quotation marks inside a Chinese cue ("十四五"以来) do not break it


def _alternatives(words: list[str], latin: bool) -> str:
    if latin:  # a trie: the regex engine decides after a letter or two instead of trying every word
        return trie_pattern(sorted({w.lower() for w in words}), space=r"\s+")
    return "|".join(_QUOTE.join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True))


@cache
def cue(name: str, en: bool = True, zh: bool = True) -> str:
    """A regex alternation of one cue list: English words whole and in any case, Chinese as written."""
    c = _cues()[name]
    parts = []
    if en and c.get("en"):
        # a hyphen continues an English word: "a year" is not the start of "a year-on-year increase"
        parts.append(r"(?<![A-Za-z-])(?i:" + _alternatives(c["en"], True) + r")(?![A-Za-z-])")
    if zh and c.get("zh"):
        parts.append("(?:" + _alternatives(c["zh"], False) + ")")
    return "|".join(parts) or "(?!)"


@cache
def cue_pattern(name: str) -> re.Pattern:
    return re.compile(cue(name))


def cue_search(name: str, text: str, start: int, end: int) -> re.Match | None:
    """`cue_pattern(name).search(text, start, end)`, tried only where one of the cue's words begins."""
    return _gate(name).search(cue_pattern(name), text, start, end)


@cache
def _traditional_runs() -> re.Pattern:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(catalog.script_table())) + "]+")


def simplified(text: str) -> str:
    """The text with traditional characters read as their simplified forms, one character for one, so
    that every offset still points at the same place."""
    # only the runs of characters the table changes are translated: `translate` looks every character
    # of a long text up in the table, the regex skips the others in C
    return _traditional_runs().sub(lambda m: m.group().translate(catalog.script_table()), text)


# --- qualifier and measure ----------------------------------------------------------------------------

# ... and the adverbs a wire story puts between a verb and its figure ("grew just 1.5 percent")
_BOUND = rf"(?:(?i:{_APPROX}|{_LOWER}|{_UPPER}|just|only|a mere|merely|some)\s+|将近|约|近|超过|超|逾|达)?"


@dataclass(frozen=True)
class _MeasureCues:
    change_before: re.Pattern
    change_by: re.Pattern
    change_after: re.Pattern
    change_subject: re.Pattern
    share_before: re.Pattern
    target: re.Pattern
    target_done: re.Pattern
    goal_noun_after: re.Pattern
    threshold_after: re.Pattern
    level_noun: re.Pattern


@cache
def _measure_cues() -> _MeasureCues:
    inc, dec, yoy = cue("increase"), cue("decrease"), cue("year_on_year")
    # "rose 8 percent", "up by about 5%", 同比增长了约: the cue, a preposition, a qualifier, the number
    # ... and the earlier members of a list of numbers: "went up by 5.6, 9.1 and 7.2 percent"
    members = r"(?:[-+−]?\d[\d.]*\s*(?:%|(?i:percent))?\s*(?:,\s*and|,|、|和|(?i:and))\s*)*[-+−]?"
    # 新增 (newly added: "风电新增1462万千瓦") is an amount added, not an increase of something by it
    # ("fell by a cumulative 6.1%", "rose by a further 3%")
    amount = r"(?:\s+(?i:an?)\s+(?i:cumulative|combined|further|total\s+of|average\s+of))?"
    # "had fallen only 4.6%", "grew just 1.5 percent", "rose sharply by 12%"
    amount += r"(?:\s+(?i:only|just|slightly|sharply|further|again|steadily|modestly|markedly))?"
    change_before = (
        rf"(?:(?<!新)(?P<inc>{inc})|(?P<dec>{dec})|(?P<yoy>{yoy}))(?:\s+(?i:of|by|at))?{amount}\s*了?"
        rf"(?:\s*分别(?:为|是|达到|达)?)?\s*{_BOUND}\s*"  # (年均增长分别为58.2%和71.4%)
        rf"{members}$"
    )
    by_verb = cue("change_by_verb", zh=False)
    change_by = (
        rf"(?:{by_verb})(?:\s+[\w-]+){{0,8}}\s+(?i:by)\s+{_BOUND}$"  # "cut CO2 emissions by 85 million tons"
    )
    # (on the number's line: "8,000" / "above RMB 300,000" is the next row of a table, not "8,000 above")
    change_after = (
        r"[^\S\n]*(?:%|(?i:percent|per\s+cent|pc))?[^\S\n]*(?:(?P<inc>(?i:higher|more|increase|rise|growth|jump|gain|above|longer|greater|bigger|larger|faster)\b)|"
        r"(?P<dec>(?i:lower|less|fewer|shorter|smaller|decrease|decline|drop|fall|reduction|cut|below)\b)|(?P<yoy>(?i:year-on-year|year\s+on\s+year|y/y|yoy|y-o-y)\b))"
    )
    # a change named as the subject: "growth of energy consumption was 2.8 percent", 增速为3.2%, 降幅为2.1%
    copula = (
        r"(?:(?i:was|were|is|are|stood at|came in at|reached|registered|amounted to)|为|是|达到|达|保持在)"
    )
    change_subject = (
        r"(?:(?P<inc>(?i:\b(?:growth|increase|rise)\b)|增速|增幅|增长率|增长速度)"
        r"|(?P<dec>(?i:\b(?:decline|decrease|drop|fall|reduction)\b)|降幅|减幅|下降率|降低率))"
        rf"(?:(?i:\s+rate)?\s+(?i:of|in)\s+[^,;，；。]{{1,50}}?)?\s*{copula}\s*{_BOUND}\s*$"
    )
    share = rf"(?:{cue('share')})\s*(?:(?i:of|at|to|for)\s+)?(?:为|达到|达)?\s*{_BOUND}\s*$"
    # 将近 means "nearly"; a deadline ("by 2030", 到2025年) makes a goal only when it is still to come,
    # which the year resolution decides against the report's year
    # ... and the label of a plant's milestone ("target start-up: Q4 2020", 计划投产时间) sets no goal
    milestone = (
        r"\s+(?i:start-?up|completion|commissioning|COD|in-service|operation)(?:\s+(?i:date))?\s*[:：]"
        r"|(?:投产|并网|建成|竣工|完工|投运|开工|商运)(?:时间|日期|年份)"
    )
    target = rf"{cue('target')}(?!近|{milestone})"
    return _MeasureCues(
        re.compile(change_before),
        re.compile(change_by),
        re.compile(change_after),
        re.compile(change_subject),
        re.compile(share),
        re.compile(target),
        re.compile(cue("target_done")),
        re.compile(rf"\s*{_QUOTE}的?{_QUOTE}(?:{cue('goal_noun_after')})(?!{milestone})"),  # (」的目标)
        re.compile(cue("threshold_after")),
        re.compile(rf"\s*(?:{cue('level_nouns')})"),
    )


# (not after a word that makes it a goal: 要完成, 计划完成, 力争实现, 确保完成)
_DONE_BEFORE_GOAL_NOUN = re.compile(
    r"(?<![要将需应须拟争保划计])(?:完成|实现)了?[\u4e00-\u9fff]{0,8}(?:任务|目标)$"
)
_GLOSSED_GOAL = re.compile(r"\s*[(（]")
# opens where a change named as the subject may begin (`change_subject` begins with one of these words)
_CHANGE_SUBJECT_GATE = Gate(
    ["growth", "increase", "rise", "增速", "增幅", "增长率", "增长速度"]
    + ["decline", "decrease", "drop", "fall", "reduction", "降幅", "减幅", "下降率", "降低率"]
)


@cache
def _before_gates() -> Gates:
    """The gates of the cues `measure` searches before a number, in the order it numbers them."""
    change = _gate("increase", "decrease", "year_on_year")
    return Gates([change, _gate("change_by_verb"), _CHANGE_SUBJECT_GATE, _gate("share")])


_OF_PREVIOUS = re.compile(r"\s*的?\s*")
_BREAK = re.compile(r"[,;，；]")


def measure(
    text: str,
    q_start: int,
    q_tail_end: int,
    clause_start: int,
    unit: str | None,
    goals: bool = True,
    after_figure: bool = False,
) -> tuple[str, str]:
    """(measure, direction) of a quantity from the words around it and its unit. With `goals` False, what
    a goal's number measures (a share to reach, a change to make, a level), as if no goal were set."""
    if goals and bounds_a_class(text, q_start, q_tail_end):
        return "target", ""  # 超过15%的企业: the bound of a rule, not a change or a share
    cues = _measure_cues()
    before = text[max(clause_start, q_start - 60) : q_start].removesuffix("百分之")  # (同比增长百分之三十)
    after = text[q_tail_end : q_tail_end + 20]
    # (not a goal word of the clause before a semicolon: "…5000万千瓦目标；全省能耗同比下降3.2%")
    stop = max(
        text.rfind("；", max(0, q_start - 80), q_start), text.rfind(";", max(0, q_start - 80), q_start)
    )
    target = target_cue(text, max(clause_start, q_start - 80, stop + 1), q_start) if goals else None
    if goals and target is None:
        target = cues.goal_noun_after.match(text, q_tail_end)  # "short of the 62 GW goal"
    if target and cues.target_done.search(text, target.end(), q_start):
        target = None  # "the target ... has been completed by 6%" reports progress, not the target
    if (
        target
        and _DONE_BEFORE_GOAL_NOUN.search(text, max(clause_start, target.start() - 10), target.end())
        and not _GLOSSED_GOAL.match(text, target.end(), q_start)
    ):
        # 分别完成防沙治沙任务1330万亩: a task carried out (but 完成年度目标（下降3%左右）names the goal)
        target = None
    if target and after_figure and _OF_PREVIOUS.fullmatch(text, clause_start, target.start()):
        target = None  # 超过4.2%的目标，河北…: the word names the number before it
    if (
        target
        and after_figure
        and not _BREAK.search(text, clause_start, target.start())
        and _BREAK.search(text, target.end(), q_start)
    ):
        target = None  # 18个完成年度降低目标，13个未完成: the word is the object of the figure before
    gates = _before_gates().open_on(before)  # (one scan of the words before the number for four cues)
    change = (
        gates.search(0, cues.change_before)
        or gates.search(1, cues.change_by)
        or cues.change_after.match(after)
        or gates.search(2, cues.change_subject)
    )
    # "较全国平均水平低3.5%", "比2019年偏高约1.2%": a difference from what is compared with
    change = change or _COMPARED_DIFFERENCE.search(before)
    share = gates.search(3, cues.share_before)
    if change and share and change.re is not cues.change_after and share.start() <= change.start():
        change = None  # "made up 17.9 percent": the share verb ends in a word that also marks a rise
    if (
        unit == "count"
        and change
        and not _EXPLICIT_CHANGE.search(change.group())
        and not _COMPARED_WITH_BEFORE.search(before)
        and not _COMPARED_WITH_AFTER.match(text, q_tail_end)
    ):
        # "adding 1,488 green factories" counts things; "an increase of 300 firms", "比上年增加12个", "up 410,000
        # trips year on year" are changes
        change = None
    # "the target of adding 6 million kilowatts": a change named after the target word is the target
    # ... and so is one named after the number under a goal word ("the 2025 goal of an 18 percent cut")
    target_first = (
        target
        and change
        and (
            change.re is cues.change_after
            or target.start() > q_start
            or target.start() < q_start - len(before) + change.start()
        )
    )
    sign = written_sign(text, q_start)
    if (unit in ("percentage_point", "times") or change) and not target_first:
        return "change", "decrease" if sign == "-" else _direction(change, unit)  # 同比增长-0.2%
    if sign and unit in ("percent", "percentage_point"):
        return "change", "increase" if sign == "+" else "decrease"  # "+7.1% y/y", "-3.2%"
    if sign == "+":
        return "change", "increase"  # "3,412 (+1,036 since Dec 31, 2024)": a figure written with its plus
    threshold = goals and _gate("threshold_after").search(
        cues.threshold_after, text, q_tail_end, _clause_end_zh(text, q_tail_end, q_tail_end + 80)
    )
    if target or threshold:
        return "target", ""
    if unit == "percent" and _converts_energy(text, q_start, q_tail_end, clause_start):
        return "level", ""  # "转换效率达23.4%", "24.8% module efficiency": how well, not how much of a whole
    if unit == "percent":
        return "share", ""
    if unit == "count":
        # a scaled amount of money or of a measured thing is a level ("695 million U.S. dollars")
        return ("level", "") if cues.level_noun.match(text, q_tail_end) else ("count", "")
    return "level", ""


def _converts_energy(text: str, q_start: int, q_tail_end: int, clause_start: int) -> bool:
    """Whether the words right before a percentage, or right after it, name a conversion efficiency."""
    pattern = _efficiency_pattern()
    before = pattern[0].search(text, max(clause_start, q_start - 40), q_start)
    return bool(before) or bool(pattern[1].match(text, q_tail_end))


@cache
def _efficiency_pattern() -> tuple[re.Pattern, re.Pattern]:
    words = cue("conversion_efficiency")
    # (the efficiency, then a verb or a preposition and perhaps a bound: 达, 为, "of", "reached", "above")
    before = rf"(?:{words})[^，。；,;\d]{{0,14}}$"
    return re.compile(before), re.compile(rf"\s*(?:{words})")


# (and a Chinese gloss in brackets, as English texts give one after a name: "Feed-in Tariff Scheme (上網電價計劃)")
_QUOTED = re.compile(
    r"「[^「」]{0,40}」|“[^“”]{0,40}”|《[^《》]{0,40}》|\"[^\"]{0,40}\"|(?<=[A-Za-z)] )[(（][\u3400-\u9fff]{1,16}[)）]"
)


def target_cue(text: str, start: int, end: int) -> re.Match | None:
    """The first goal word before a number, not one inside a quoted name (「智惜用電計劃」, “百千万工程”)."""
    found = _gate("target").search(_measure_cues().target, text, start, end)
    if found is None:
        return None
    names = [m.span() for m in _QUOTED.finditer(text, max(0, start - 40), min(len(text), end + 40))]

    def a_goal_word(m: re.Match) -> bool:
        in_a_name = any(a < m.start() and m.end() < b for a, b in names)
        a_programme = m.group() in ("计划", "計劃") and (
            _THROUGH_A_PROGRAMME.search(text, max(0, m.start() - 20), m.start())
            or _PROGRAMME_NOUN_BEFORE.search(text, max(0, m.start() - 4), m.start())
        )
        return (
            not in_a_name
            and not a_programme
            and not (m.group() == "将" and _disposal_object().match(text, m.end()))
        )

    if a_goal_word(found):
        return found
    return next(filter(a_goal_word, _measure_cues().target.finditer(text, start, end)), None)


# (计划 after what a scheme gives or does names the scheme: 电动车资助计划, 以旧换新补贴计划)
_PROGRAMME_NOUN_BEFORE = re.compile(
    r"(?:资助|資助|补贴|補貼|补助|補助|奖励|獎勵|激励|援助|贷款|貸款|回收|换购|換購|置换|置換)$"
)
# (计划 after "through", "under", "in" names a programme, no goal: 经屋邨回收计划收集的废纸, 参与“节能伙伴”计划)
_THROUGH_A_PROGRAMME = re.compile(
    r"(?:经|經|通过|透过|透過|依托|参与|參與|参加|參加|纳入|納入)[^，。；,;\d]{0,16}$"
)


@cache
def _disposal_object() -> re.Pattern:
    """The object and closing verb after a 将 that is no "will": two things put together (将收集点与回收点合并设置)
    or things pointed at and put somewhere (将以下18个项目列入清单); not 将启动…纳入, 将把 ("will put")."""
    verb, pointer = cue("disposal_verb"), cue("disposal_object")
    joined = r"[^，。；,;：:\n与和同]{1,16}(?:与|和|同)[^，。；,;：:\n]{1,16}?"
    return re.compile(rf"(?:{joined}|(?:{pointer})[^，。；,;：:\n]{{0,20}}?)(?:{verb})")


_A_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _year_said_before(text: str, at: int) -> int | None:
    """The last year written in the 600 characters before `at` that is not a comparison's base."""
    base_before, _ = _base_patterns()
    years = [
        int(y.group())
        for y in _A_YEAR.finditer(text, max(0, at - 600), at)
        if not _base_before_gate().search(base_before, text, max(0, y.start() - 40), y.start())
    ]
    return years[-1] if years else None


# the title of a reporting standard, before the year of its edition: "GRI 2: General Disclosures 2021"
_STANDARD_TITLE = re.compile(r"\b(?:GRI|SASB|IFRS\s+S)\s*\d{1,3}\s*[:：]\s*[A-Za-z][A-Za-z ,&()-]{0,60}$")
_EDITION_AFTER = re.compile(r"\s*(?:年)?版|\s*年款|\s+(?i:edition|version)\b")
# the model year of a product line ("the first batch of 2022 rural models"), unless a preposition makes the
# year a time ("In 2023 models sold ...")
_MODEL_YEAR_AFTER = re.compile(r"\s+(?:[a-z-]+\s+){0,2}models?\b")
_TIME_PREPOSITION_BEFORE = re.compile(r"(?i:\b(?:in|by|since|during|until|till|from|to|through|for)\s+)$")
_DOCUMENT_NUMBER = re.compile(r"[〔\[【]\s*(?:19|20)\d\d\s*[〕\]】]")
# a formula in a list of things, set apart by commas, slashes or brackets: "(solar, wind, H2)", "CO2/H2"
_LISTED_GAS = re.compile(r"[,，、/(（]\s*H2\s*[,，、/)）]")


def _around(text: str, start: int, end: int) -> str:
    """The text of [start, end) with the character before and after it (and spaces between)."""
    before = start
    while before > 0 and text[before - 1] == " ":
        before -= 1
    after = end
    while after < len(text) and text[after] == " ":
        after += 1
    return text[max(0, before - 1) : after + 1]


_STANDARD_CODE = re.compile(
    # ("GB/T 32150-2015", "ISO 14064-3:2019", "IEC 61215-1:2021", "EN 15804:2012", "CNS 15118-2020")
    r"(?<![A-Za-z])(?:GB|JGJ|DB\d{0,2}|HJ|NB|DL|SH|YB|JC|CJJ|ISO|IEC|EN|ASTM|IEEE|BS|DIN|JIS|CNS|T/[A-Z]{2,8})"
    r"(?:/[TZ])?\s*[A-Z]?[\d.]{2,8}(?:-\d{1,2})?\s*[-—–:：]\s*$"
)
# the name of a plan, a law or a book: between title marks, or quoted and ending in what it names
_TITLE_MARKS = re.compile(
    r"《[^《》\n]{1,60}》"
    r"|[「“\"][^「」“”\"\n]{1,40}(?:路径|路徑|方案|规划|規劃|计划|計畫|计画|手册|手冊|条例|條例|办法|辦法|意见|意見"
    r"|行动|行動|白皮书|白皮書|战略|戰略|纲要|綱要|指南|路线图|路線圖|愿景|願景)[」”\"]"
)


_GLUED_TO_A_NAME = re.compile(r"[\u3400-\u5e73\u5e75-\u9fff]")  # a Chinese character other than 年


def _in_a_title(text: str, at: int) -> bool:
    """Whether a position lies inside the name of a plan or a document (the few characters around it
    decide: a title is short)."""
    lo = max(0, at - 60)
    return any(
        m.start() < at < m.end() for m in _TITLE_MARKS.finditer(text, lo, min(len(text), at + 60))
    ) or any(
        m.start() < at < m.end()
        for m in _PLAN_NAME_EN.finditer(text, max(0, at - 120), min(len(text), at + 8))
    )


# ... and a plan's English name in capitals, which ends in its year ("the Action Plan for Carbon Dioxide
# Peaking Before 2030", "Guiding Opinions on … by 2025")
_PLAN_NAME_EN = re.compile(
    r"\b(?:Plan|Programme|Program|Strategy|Roadmap|Opinions|Guidelines|Measures|Scheme|Outline)"
    r"(?:\s+(?:for|of|on|to|the|and|in|[A-Z][\w-]*))*\s+(?:Before|before|by|By|Towards?|towards?)\s+(?:19|20)\d\d\b"
)


_SENTENCE_STOP = re.compile(r"[。！？!?\n]|\.(?!\d)")


def _sentence_end(text: str, start: int, limit: int) -> int:
    """Where the sentence that runs on from `start` ends, at most `limit`: a phase-out in the next
    sentence or paragraph ("…比重达到22.5%。\n\n…将逐步淘汰") says nothing of this one's figures."""
    end = _SENTENCE_STOP.search(text, start, limit)
    return end.start() if end else limit


@cache
def _base_before_gate() -> Gate:
    """The gate of the base words before a year, and of "after" ("after a dry 2023")."""
    return Gate([*(w for lang in ("en", "zh") for w in _cues()["base_before"].get(lang) or []), "after"])


def _clause_end_zh(text: str, start: int, limit: int) -> int:
    """Where the clause after `start` ends: a sentence's end, or a Chinese comma or semicolon (what
    "关停" closes is its own clause: "已关停焦炉12座，…，剩余2座年底前关停")."""
    end = _sentence_end(text, start, limit)
    found = [at for at in (text.find("，", start, end), text.find("；", start, end)) if at != -1]
    return min(found) if found else end


@cache
def _gate(*names: str) -> Gate:
    """Opens on a stretch that may hold a word of these cue lists (a cue regex cannot match elsewhere)."""
    return Gate([w for name in names for lang in ("en", "zh") for w in _cues()[name].get(lang) or []])


def is_threshold(text: str, q_start: int, q_tail_end: int, sentence_end: int) -> bool:
    """A limit to be enforced is written after its number ("above 300 grams ... will be phased out"), or
    the number bounds a class of things (年综合能耗5000吨标准煤以上的重点用能单位, "data centres with a PUE
    above 1.5")."""
    end = min(sentence_end, q_tail_end + 80)
    clause_end = _clause_end_zh(text, q_tail_end, end)
    return (
        bool(_gate("threshold_after").search(_measure_cues().threshold_after, text, q_tail_end, clause_end))
        or bounds_a_class(text, q_start, q_tail_end)
        or bool(_REQUIRED_BOUND_GATE.search(_REQUIRED_BOUND_BEFORE, text, max(0, q_start - 60), q_start))
        or bool(_STATUTORY_RANGE_AFTER.match(text, q_tail_end))
        # (… and every later member of the list it bounds: 分别不高于5、35、50毫克/立方米)
        or bool(_REQUIRED_BOUND_GATE.search(_LISTED_BOUND_BEFORE, text, max(0, q_start - 60), q_start))
    )


# the words a rule bounds a figure with, written right before it
_BOUND_WORDS = r"(?:不高于|不低于|不超过|不少于|不大于|不小于|不得超过|不得低于|不得高于|不得少于)"
_LISTED_BOUND_BEFORE = re.compile(
    _BOUND_WORDS + r"(?:\s*[\d.,]+\s*[^\d、，,和及。；;\n]{0,10}?\s*(?:、|,|，|和|及|以及))+\s*$"
)


# a bound a rule sets ("吨钢综合能耗不高于540千克标准煤", "must blend at least 2% SAF", "may offset no more
# than 5% of their verified emissions"): the limit of a requirement, with no year of its own
_REQUIRED_BOUND_BEFORE = re.compile(
    rf"{_BOUND_WORDS}\s*$"
    r"|\b(?i:must|shall|may|required\s+to)\b[^.;\n]{0,40}?"
    r"\b(?i:at\s+least|no\s+more\s+than|no\s+less\s+than|not\s+(?:to\s+)?exceed(?:ing)?|a\s+maximum\s+of"
    r"|a\s+minimum\s+of)\s+$"
    # ... and a cap on a price, a fee or an amount ("跨境充电服务费上限为每千瓦时0.80元", "capped at RMB 0.80")
    r"|(?:上限为|上限是|最高不超过|封顶)\s*(?:每[\u4e00-\u9fff]{1,4})?\s*$"
    r"|\b(?i:capped\s+at|a\s+cap\s+of|a\s+ceiling\s+of)\s+(?:RMB|CNY|HK\$|US\$|\$|€|yuan)?\s*$"
    # ... and a limit a standard sets: "the emission limit for NOx is 50 mg/m3", 超低排放限值为颗粒物10毫克/立方米
    r"|\b(?i:limits?|limit\s+values?)\b(?:\s+(?i:for|on|of)\s+[^.;:\n\d]{1,30}?)?\s+(?i:is|are|of|at|set\s+at)\s+$"
    r"|(?:限值|约束值|标准值|限定值|上限值)(?:为|是|[:：])[ \t]*[\u4e00-\u9fff]{0,6}?[ \t]*$"
    # ... and a "shall"/"must" under a ceiling: "new units shall consume less than 270 grams"
    r"|\b(?i:must|shall)\b[^.;\n]{0,40}?\b(?i:less\s+than|below|under)\s+$"
    # ... and the ends of a fine a law sets ("punishable by a fine of 5 to 10 times", "liable to fines of RMB
    # 500,000 to RMB 2 million"), not a fine imposed
    r"|\b(?i:punishable\s+by|liable\s+to|subject\s+to)\s+(?i:an?\s+)?(?i:fines?)\s+(?i:of)\s+"
    r"(?:(?:RMB|CNY|US\$|\$)\s*)?(?:[\d.,]+\s*(?i:million|billion)?\s*(?i:to|-|–)\s*(?:(?:RMB|CNY|US\$|\$)\s*)?)?$"
)
# (every match opens with 不, 上, 最, 封 or one of the words: searched only where one of them begins, not at
# every position of the 60 characters before each number)
_REQUIRED_BOUND_GATE = Gate(
    ["不", "must", "shall", "may", "required", "上限", "最高不", "封顶", "capped", "a cap", "a ceiling"]
    + ["punishable", "liable", "subject", "limit", "限值", "约束值", "标准值", "限定值"]
)
# the ends of a fine a statute sets: 处50万元以上200万元以下的罚款
_STATUTORY_RANGE_AFTER = re.compile(r"\s*(?:以上|以下)[^，。；\n]{0,14}?罚款")


_CLASS_BOUND_BEFORE = re.compile(r"(?:超过|高于|低于|不低于|不高于|不超过|大于|小于|多于|少于|不足|未满)\s*$")
# (the gas a mass is of may stand between: 年排放量2.5萬公噸CO2e以上之製造業; and the class's other bound:
# 1000吨标准煤以上、不足10000吨标准煤的项目)
_CLASS_BOUND_AFTER = re.compile(
    r"\s*(?:CO2e?|CO₂e?|二氧化碳当量)?\s*(?P<bound>及?以上|及?以下|以内)?"
    r"(?:\s*[、，,]?\s*(?:不足|低于|小于|不超过|未满|不到)[^的之，。；\n]{1,14})?\s*[的之]"
)
_CLASS_OF = re.compile(r"\b[A-Za-z]+s\s+of\s+$")
_AND_ABOVE = re.compile(r"\s+(?:and|or)\s+(?:above|larger|more|over|higher|bigger|greater)\b", re.IGNORECASE)
_CLASS_WITH = re.compile(
    r"\b[A-Za-z]+s\s+with\s+(?![^,.;]*\b(?:total|combined|aggregate|cumulative)\b)[^,.;\d]{0,50}?"
    r"\b(?:above|over|(?:of\s+)?more\s+than|exceeding|(?:of\s+)?at\s+least|below|under|(?:of\s+)?less\s+than)\s*$",
    re.IGNORECASE,
)


# (asked two or three times of each number, by `measure`, `is_threshold` and `_resolve`: a pure function of
# the text and the number's span, answered once; a few entries, as a report's text is a key)
@lru_cache(maxsize=8)
def bounds_a_class(text: str, q_start: int, q_tail_end: int) -> bool:
    """The number marks off the things a rule applies to: 5000吨标准煤以上的重点用能单位, 超过15%的企业,
    PUE高于1.4的数据中心, "projects with annual energy use above 5,000 tce"."""
    # (each regex is searched only where its literal word is: "with" in any case, "of" as written)
    with_from = max(0, q_start - 90)
    if may_hold("with", text, with_from, q_start) and _CLASS_WITH.search(text, with_from, q_start):
        return True
    of_from = max(0, q_start - 40)
    if (
        text.find("of", of_from, q_start) != -1
        and _CLASS_OF.search(text, of_from, q_start)
        and _AND_ABOVE.match(text, q_tail_end)
    ):
        return True  # "plants of 6 MW and larger", "Units of 6 MW and above"
    after = _CLASS_BOUND_AFTER.match(text, q_tail_end)
    if after is None:
        return False
    bounded = after.group("bound") or _CLASS_BOUND_BEFORE.search(text, max(0, q_start - 4), q_start)
    if not bounded:
        return False
    head = re.split(r"[,，。；;、：:\n]", text[after.end() : after.end() + 12], maxsplit=1)[0]
    return any(noun in head for noun in _cues()["class_nouns"]["zh"])


_COMPARED_DIFFERENCE = re.compile(
    r"(?:较|比|與|与)[^，,；;。：:\d]{1,30}?(?:(?P<inc>高|多|大)|(?P<dec>低|少|小))(?:出|了)?(?:约|約|近|逾)?\s*$"
)


def _direction(change: re.Match | None, unit: str | None) -> str:
    groups = change.groupdict() if change else {}
    if groups.get("inc"):
        return "increase"
    if groups.get("dec"):
        return "decrease"
    return "increase" if unit == "times" else ""


def written_sign(text: str, q_start: int) -> str:
    """A plus or minus written right before a number that opens a phrase ("+7.1% y/y"), not the dash of
    a range ("5%-10%") or of a word ("Jan-Sep")."""
    sign = text[q_start - 1] if q_start >= 1 else ""
    before = text[q_start - 2] if q_start >= 2 else " "
    if sign == " " and before in "-−–—" and _CELL_GAP.search(text, max(0, q_start - 5), q_start - 2):
        return "-"  # a table cell's minus set apart from its figure ("调出量    - 1203.5")
    # after a space, an opening bracket or punctuation, or a Chinese word (同比增长-0.2%, 、-0.4%)
    # (or after the joiner of a range: "-1.5%～-2.0%", "-2% to -3%")
    opens = before in " \t\n|(（:：,，;；、～~" or "\u4e00" <= before <= "\u9fff"
    # (a dash typeset for a minus: "Transfers out   –1203.5", "−15.6")
    return ("+" if sign == "+" else "-") if sign and sign in "+-−–—" and opens else ""


_CELL_GAP = re.compile(r"(?:\t|  |\|\s?)$")


# the time a count's change is reckoned against, before or after it
_COMPARED_WITH_BEFORE = re.compile(
    r"(?:比上年|较上年|比去年|较去年|同比|环比|比上月|较上月"
    # (… or than a date or a month named: 较2024年底增加9458个, 较10月增加46家)
    r"|(?:比|较)\s*(?:(?:(?:19|20)\d\d|1[01]\d|[89]\d)\s*年\s*(?:\d{1,2}\s*月)?|\d{1,2}\s*月|年初|上季度|上半年)"
    r"(?:底|末|初)?)"  # (较107年: a year of the calendar of Taiwan)
    r"[^，,。；;\d]{0,6}$"
)
_COMPARED_WITH_AFTER = re.compile(
    r"(?:\s+[A-Za-z][A-Za-z-]*){0,3}\s+(?i:year[- ]on[- ]year|y/y|yoy|month[- ]on[- ]month|from\s+a\s+year\s+(?:earlier|ago))\b"
)
_EXPLICIT_CHANGE = re.compile(r"\b(?:of|by)\b|year|同比|比上年", re.IGNORECASE)


# --- time ---------------------------------------------------------------------------------------------

_YEAR = r"(?<!\d)(?<!\d[.,])(?:19[5-9]\d|20[0-9]\d)(?![\d.,]\d)"
_MONTH_NUMBER = (
    {m.lower(): i + 1 for i, m in enumerate(MONTHS.split("|"))}
    | {m.lower()[:3]: i + 1 for i, m in enumerate(MONTHS.split("|"))}
    | {"sept": 9}
)
# a span of months written short, as table headers have them ("Jan-Sep", "Jan-Jun")
_SHORT_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"


@dataclass(frozen=True)
class TimeRef:
    start: int
    end: int
    kind: str  # explicit | this | last | next | multi | rate (per year) | corrupt | period | date
    year: int | None
    base: bool = False  # "more than last year", "compared with 2020": the period compared against
    period: str = ""  # part of the year: H1, Q1-Q3, M01-M07, end of June; empty for a whole year
    deadline: bool = False  # "by 2030", 到2025年: the year a goal is set for
    owned: bool = False  # written right after the numbers it dates ("3% in 2018"): it dates no other
    # (a deadline is never owned: "to reach 25 percent and 19 billion cubic meters by 2025")


# the years of a five-year plan, whatever its number: "during the 14th Five-Year Plan period", "since the
# start of the 13th Five-Year Plan", “十四五”期间, 十三五以来
_PLAN_PERIOD = (
    r"(?i:\b(?:during|over|in|throughout)\s+the\s+[\"“]?\w+\s+Five-Year\s+Plan[\"”]?\s+period\b"
    r"|\bsince\s+the\s+(?:start|beginning)\s+of\s+the\s+[\"“]?\w+\s+Five-Year\s+Plan\b[\"”]?)"
    r"|[“\"「]?十[一二三四五六七八九]?五[”\"」]?(?:规划)?(?:期间|时期|以来)"
)


_NOT_DECEMBER = r"(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov)[a-z]*\.?"


@cache
def _time_pattern() -> re.Pattern:
    rows = catalog.load("cues.yaml")["periods"]
    en = [w for p in rows for w in p["en"]]
    zh = [w for p in rows for w in p["zh"]]
    periods = rf"(?P<part>(?<![A-Za-z])(?i:{_alternatives(en, True)})(?![A-Za-z])|{_alternatives(zh, False)})"
    # every time expression starts with a digit, a Latin word or one of these characters: the guard lets
    # the engine skip every other position at once instead of trying each alternative there
    # (`_time_start_pattern` tries a digit only where one of the expressions below that open with a digit
    # may begin: one added here is added there too)
    guard = rf"(?=\d|(?<![A-Za-z])[A-Za-z]|[{re.escape(''.join(sorted(_time_first_chars())))}])"
    return re.compile(
        guard + rf"(?:(?P<date>{_YEAR}-\d{{1,2}}-\d{{1,2}}|(?:{_YEAR}年)?\d{{1,2}}月\d{{1,2}}日"
        # (a chronicle's entry opens with its year and month, set apart: "1975.07  Line electrified")
        r"|(?<![\d.])(?:19[5-9]\d|20[0-9]\d)\.(?:0[1-9]|1[0-2])(?=[ \t]{2}|\t|\u3000)"
        rf"|\b(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s*{_YEAR})?"
        # ("since Dec 31, 2024"; not a dateline's "Aug. 15 --", whose day dates nothing)
        rf"|\b(?:{structure.MONTH_ABBREVIATIONS})\.?\s+\d{{1,2}},?\s*{_YEAR})"
        # a half or a quarter glued to its year, as results releases write them: "1H2022", "3Q 2024", "2023H1"
        r"|(?P<part_year>(?<![A-Za-z\d])(?:[12]H|[1-4]Q)\s?(?:19|20)\d\d(?!\d)"
        # (a broker's glued two-digit year: "1Q24", "2H23")
        r"|(?<![A-Za-z\d])(?:[12]H|[1-4]Q)[12]\d(?![\d%.,])"
        r"|(?<!\d)(?:19|20)\d\d\s?(?:H[12]|Q[1-4])(?![A-Za-z\d]))"
        rf"|(?P<range>{_YEAR}\s*年?\s*(?:-|–|—|~|～|至|到|to)\s*{_YEAR}年?|(?i:\bbetween\s+){_YEAR}\s+and\s+{_YEAR}"
        r"|(?<=[(（])(?:19|20)\d\d\s*[-–—]\s*\d\d(?=[)）]))"  # "the 14th Five-Year Plan (2021-25)"
        # a financial year across two calendar years: 2023/24年度, "FY2023/24" (not 2023/12, a month)
        r"|(?P<fiscal>(?<![\d/])(?:19|20)\d\d\s*/\s*(?:(?:19|20)(?=\d\d))?\d\d(?![\d/])(?:\s*年度)?"
        r"|(?i:\bFY\s?)\d\d\s*/\s*\d\d(?![\d/])"  # ("FY23/24")
        # ... and with a dash where a financial year is named: "financial year 2023-24", 2023-24财政年度
        r"|(?i:\b(?:FY|AY|SY)\s?|\b(?:financial|fiscal|academic|school)\s+year\s+)(?:19|20)\d\d\s*[-–]\s*\d\d(?!\d)"
        # ... and alone, a year and the last two digits of a later one ("2022-23" heading a row; not 2023-12)
        # (not a year and the day of a span's other end: "1 July 2023 - 30 June 2024")
        rf"|(?<![\d/.-])(?:19|20)\d\d\s?[-–]\s?(?:1[3-9]|[2-9]\d)(?![\d/.-])(?!\s*(?:年|月|日|(?i:{MONTHS})\b))"
        r"|(?<!\d)(?:19|20)\d\d\s*[-–]\s*\d\d(?=\s*(?:财年|财政年度|年度|学年|(?i:financial\s+year|fiscal\s+year"
        r"|academic\s+year|school\s+year))))"
        # a financial year named by its end, on a day other than the last of December: "for the financial
        # year ended 31 March 2024", "year ending June 30, 2024", 截至2024年3月31日止年度
        r"|(?P<year_ended>(?i:\b(?:(?:financial|fiscal)\s+)?year\s+end(?:ed|ing)\s+(?:on\s+)?)"
        rf"(?:(?:[1-9]|[12]\d|3[01])\s+(?:{_NOT_DECEMBER})\s*,?\s*|(?:{_NOT_DECEMBER})\s+(?:[1-9]|[12]\d|3[01]),?\s*){_YEAR}"
        rf"|截至\s*{_YEAR}\s*年\s*(?:[1-9]|1[01])\s*月\s*\d{{1,2}}\s*日\s*止(?:的)?(?:财政|财务|会计)?年度)"
        r"|(?P<before_last>(?i:\bthe year before last\b)|(?<![目当提此之以向空日眼先事造施建运产修换])前年(?!均|综合|度|用|耗|排|产|发|节|销))"
        r"|(?P<last>(?i:\blast year\b(?!'s)|\bthe previous year\b|\b(?:previous|prior)\s+year\b(?!'s|-)|\bthe past year\b|\ba year earlier\b|\ba year ago\b"
        r"|\bthe year before\b(?!\s+last))|去年|上年)"
        rf"|(?P<rate>{cue('annual_rate')}|{cue('standing_value')})"
        rf"|(?P<multi>{cue('multi_year')}|(?i:\bin the past (?:\w+ )?years\b|\bover the (?:(?:next|past|last) )?\w+ years\b|"
        rf"\bfor \w+ consecutive years\b)|连续\w年|未来[一二两三四五六七八九十几数\d]+(?:\s*[至到~-]\s*[一二两三四五六七八九十\d]+)?个?年|(?<![\d〇零○])(?:[一二两三四五六七八九十多几数]+|\d{{1,2}})年来|{_PLAN_PERIOD})"
        rf"|(?P<explicit>{_YEAR}(?!\s*(?:{_classifiers()}))年?)"  # 2000个 is a count
        rf"|(?P<zh_year>(?<![〇零○一二三四五六七八九十百千万亿])[一二][〇零○0一二三四五六七八九]{{3}}(?=年))"
        r"|(?P<this>(?i:\bthis year\b|\bthe current year\b|\bat present\b|\bcurrently\b|\bup to now\b|\bso far\b|\bto date\b|"
        r"\bas of now\b|\bat the moment\b|\bnow\b|(?<!earlier )(?<!released )(?<!published )\bthis (?:week|month)\b)"
        r"|今年|目前|截至目前|当前|现时|现阶段|本年|本周|本月|(?<![\d〇零○一二三四五六七八九十年])年(?:底前|内))"
        r"|(?P<next>(?i:\bnext year\b)|明年)"
        r"|(?P<that_year>(?i:\bthat\s+year\b|\bthe\s+same\s+year\b)|同年|该年|是年|当年(?=[，,、]))"
        # ... and the year after it, in a chronicle: 翌年, 次年, "the following year"
        r"|(?P<year_after>(?i:\bthe\s+following\s+year\b|\ba\s+year\s+later\b)|翌年|次年)"
        rf"|(?P<corrupt>\b(?:[Ii]n|[Bb]y|[Ss]ince|[Dd]uring|end of|half of|quarter of|compared with|compared to|{MONTHS})"
        r"\s+(?:\d{1,3}|\d{5,}|<>)(?=\s*[,;:)]|\s*\.(?!\d)|\s+(?:and|to|will|was|is|were|the|a|an)\b))"
        rf"|(?P<months>(?<!\d)\d{{1,2}}\s*(?:-|–|—|~|～|至|到)\s*\d{{1,2}}月|\b(?:{MONTHS})\s*(?:-|–|to|through)\s*(?:{MONTHS})\b"
        rf"|\b(?:{_SHORT_MONTHS})\s*[-–]\s*(?:{_SHORT_MONTHS})\b)"
        rf"|(?P<month>(?i:\b(?:the\s+)?end\s+of\s+)?\b(?:{MONTHS})\b|(?<!\d)\d{{1,2}}月(?:底|末|份)?)"
        rf"|{periods})"
    )


def _classifiers() -> str:
    return "|".join(re.escape(c) for c in sorted(catalog.count_classifiers(), key=len, reverse=True))


@cache
def _time_first_chars() -> frozenset[str]:
    """The Chinese characters a time expression may begin with."""
    rows = catalog.load("cues.yaml")["periods"]
    cue_zh = [
        w for name in ("multi_year", "annual_rate", "standing_value") for w in _cues()[name].get("zh") or []
    ]
    return frozenset(
        {w[0] for p in rows for w in p["zh"] + cue_zh}
        | set('去上今目截当现本明连十一二两三四五六七八九多几数“"「年同该未前是翌次')
    )


@cache
def _time_first_words() -> frozenset[str]:
    """Every Latin word a time expression may begin with (lower case), as a superset: the first word of
    each catalog word, and every word written into `_time_pattern` itself (taken from its source, so that
    an expression added there is never missed; tests/test_extract.py checks the seed and the corpus)."""
    rows = catalog.load("cues.yaml")["periods"]
    cue_en = [
        w for name in ("multi_year", "annual_rate", "standing_value") for w in _cues()[name].get("en") or []
    ]
    catalog_words = [w for p in rows for w in p["en"]] + cue_en
    firsts = {re.match("[A-Za-z]*", w).group().lower() for w in catalog_words}
    source = re.sub(r"\\[A-Za-z]", " ", _time_pattern().pattern)  # \b, \s, \d are no words
    words = frozenset(firsts | {w.lower() for w in re.findall("[A-Za-z]+", source)})
    # of those, the words an expression can begin with, as the pattern's parse tree tells: "and", "of" or
    # "was" are written into it, but begin none of its expressions
    leading = leading_words(_time_pattern().pattern)
    return words & leading if leading is not None else words


@cache
def _time_start_pattern() -> re.Pattern:
    """The digits and characters a time expression may begin with (one character a match)."""
    chars = re.escape("".join(sorted(_time_first_chars())))
    # an expression of `_time_pattern` that opens with a digit is a year (19xx, 20xx), a month (3月, 1-9月),
    # a day (12月3日) or a number of years (10年来); none is preceded by a digit but a day, whose month may
    # be the tail of a longer number: a number that opens none of them is not tried (a line of figures
    # holds thousands), unless a catalog word begins with a digit
    # (the digit is read first and the tests look around it, so that the pattern opens with a character
    # class and the engine skips in C to the next digit or character: (?<!\d) before the digit is
    # (?<!\d\d) after it, (?=19) before it (?<=1)(?=9) after it)
    opens = (
        ""
        if _catalog_time_word_begins_with_a_digit()
        else r"(?:(?<!\d\d)(?:(?<=1)(?=9)|(?<=2)(?=0)|(?=\d?(?:月|年来|\s*[-–—~～至到]\s*\d{1,2}月))"
        r"|(?<=[1-4])(?=[HQ]\s?(?:19|20)\d\d)|(?<=[1-4])(?=[HQ][12]\d))|(?=\d?月))"
    )
    return re.compile(rf"[\d{chars}](?:(?<=[{chars}])|(?<=\d){opens})")


@cache
def _time_word_pattern() -> re.Pattern:
    """A whole Latin word (a run of ASCII letters) that a time expression may begin with, in a lower-case
    copy of a text."""
    words = sorted(w for w in _time_first_words() if re.fullmatch("[a-z]+", w))
    return re.compile(rf"(?<![a-z])(?:{trie_pattern(words)})(?![a-z])" if words else "(?!)")


# the only characters that lower to an ASCII letter (K, the Kelvin sign) or to two characters (İ): read as
# no letter, which they are not in the text either, so that the lower-case copy keeps every offset
_LOWERING_TO_ASCII = {0x130: "#", 0x212A: "#"}


def _catalog_time_word_begins_with_a_digit() -> bool:
    """Whether a word of the catalog's periods or year cues begins with a digit (none does today)."""
    rows = catalog.load("cues.yaml")["periods"]
    cue_words = [
        w
        for name in ("multi_year", "annual_rate", "standing_value")
        for lang in ("en", "zh")
        for w in _cues()[name].get(lang) or []
    ]
    return any(w[:1].isdigit() for w in [w for p in rows for w in p["en"] + p["zh"]] + cue_words)


def _time_starts(text: str) -> list[int]:
    """Every position of a text where a time expression may begin: a digit that opens a year, a month, a
    day or a number of years, a character that begins a Chinese one, or a Latin word that begins an
    English one."""
    return _time_candidates(text)[0]


@lru_cache(maxsize=4)
def _time_candidates(text: str) -> tuple[list[int], dict[int, re.Pattern]]:
    """`_time_starts`, and at each Latin word among them the time pattern narrowed to that word."""
    # (two scans in C: a digit or a first character (Chinese, a quotation mark) is no Latin letter, so no
    # word holds one, and the two lists interleave; asking Python about every word of an English report
    # took longer than both)
    opening = [m.start() for m in _time_start_pattern().finditer(text)]
    unsafe = "\u0130" in text or "\u212a" in text
    lowered = (text.translate(_LOWERING_TO_ASCII) if unsafe else text).lower()
    words, narrowed = [], {}
    for m in _time_word_pattern().finditer(lowered):
        words.append(m.start())
        if text[m.end() : m.end() + 1] not in FOLDED_TO_LATIN:  # ("inſide": the word may go on)
            narrowed[m.start()] = _time_pattern_for(m.group())
    return sorted(opening + words), narrowed


@cache
def _time_pattern_for(word: str) -> re.Pattern:
    """The time pattern with only the expressions that may begin with `word` (a leading word, lower case),
    in their order: where the word begins, the others cannot match, so it matches what the whole pattern
    matches (the first expression that matches there) without trying most of them ("the", "in", "to"
    begin thousands of a report's words and a handful of its expressions)."""
    split = _time_alternatives()
    if split is None:
        return _time_pattern()
    head, alternatives = split
    kept = [a for a in alternatives if (leading := _leading_words(a)) is None or word in leading]
    return re.compile(head + "(?:" + "|".join(kept) + ")" if kept else "(?!)")


@cache
def _time_alternatives() -> tuple[str, list[str]] | None:
    """The time pattern split into its look-ahead and its expressions: parsed once (a parse of the whole
    pattern takes longer than compiling a narrowed one), not again for each leading word."""
    return named_alternatives(_time_pattern())


_leading_words = cache(leading_words)  # (of each expression, asked for each leading word)


def _time_matches(text: str, start: int, end: int) -> Iterator[re.Match]:
    """`_time_pattern().finditer(text, start, end)`, tried only where an expression may begin."""
    if len(text) < SHORT_TEXT:
        return finditer_at(_time_pattern(), text, start, end, None)
    starts, narrowed = _time_candidates(text)
    return finditer_at(_time_pattern(), text, start, end, starts, narrowed)


def _dated_matches(text: str, start: int, end: int) -> Iterator[re.Match]:
    """The time expressions of a stretch, and in a text written in the calendar of Taiwan its years too
    (112年 is 2023)."""
    found = _time_matches(text, start, end)
    if not uses_roc_calendar(text):
        return found
    roc = [m for m in _ROC_YEAR.finditer(text, start, end)]
    merged, last_end = [], -1
    for m in sorted([*found, *roc], key=lambda m: (m.start(), m.lastgroup != "roc_year")):
        if m.start() >= last_end:
            merged.append(m)
            last_end = m.end()
    return iter(merged)


# a year of the calendar of Taiwan (民國): 112年, 民國112年度, 114年起; never a count (112年代 is no year)
_ROC_YEAR = re.compile(r"(?P<roc_year>(?:民国)?(?<![\d.,])(?:[89]\d|1[0-3]\d)(?=年(?!代)))")
# a text dated in that calendar: it names it, or a whole date is written in it (发布日期：113年4月9日)
_ROC_MARK = re.compile(
    r"民国|1[01]\d年\d{1,2}月\d{1,2}日|1[01]\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d.-])"
)  # (113年4月9日, 114-03-20: a whole date in the calendar of Taiwan; not after a digit: checked in code)


def _digit_before(text: str, at: int, more: str = "") -> bool:
    """Whether a digit, a decimal point or a comma (or one of `more`) stands right before `at`."""
    return at > 0 and text[at - 1] in "0123456789.," + more


def _roc_marked(text: str) -> bool:
    return any(
        m.group() == "民国" or not _digit_before(text, m.start(), "-") for m in _ROC_MARK.finditer(text)
    )


def uses_roc_calendar(text: str) -> bool:
    # a short text (a column header asked about for each of its cells) is searched directly: cached, it
    # would push the report's text out of the cache, and that text would be searched again and again
    return _report_uses_roc_calendar(text) if len(text) >= SHORT_TEXT else _uses_roc_calendar(text)


# a year of the calendar of Taiwan written alone (112年 is 2023: 2016 to 2030), and words only Taiwan's
# reports use; with one of those words, or written three times, such years date the text in that calendar
# (a news agency's story on Taipower says 112年 without 民國)
_BARE_ROC_YEAR = re.compile(r"1(?:0[5-9]|1\d)年")  # (not after a digit: checked in code, which is quicker)
_TAIWAN_WORDS = re.compile(r"全台|台湾|台电|中央社|行政院|立法院|新台币")


def _uses_roc_calendar(text: str) -> bool:
    # (a text without 年 holds no such date and, without 民国, names no such calendar: no regex scan)
    if "民国" in text or "年" not in text:
        return "民国" in text
    if _roc_marked(text):
        return True
    bare = sum(1 for m in _BARE_ROC_YEAR.finditer(text) if not _digit_before(text, m.start()))
    return bare >= 3 or (bare >= 1 and bool(_TAIWAN_WORDS.search(text)))


_report_uses_roc_calendar = lru_cache(maxsize=8)(_uses_roc_calendar)


@cache
def _period_of_word() -> dict[str, str]:
    return {
        re.sub(r"\s+", " ", w.lower()): p["period"]
        for p in catalog.load("cues.yaml")["periods"]
        for w in p["en"] + p["zh"]
    }


def _period_label(m: re.Match) -> str:
    """The part of the year a period or month expression names."""
    kind, text = m.lastgroup, m.group()
    if kind == "part":
        return _period_of_word().get(re.sub(r"[\s“”\"「」『』]+", " ", text.lower()).strip(), "")
    months = [int(n) for n in re.findall(r"\d{1,2}(?=\s*月)|(?<!\d)\d{1,2}(?=\s*(?:-|–|—|~|～|至|到))", text)]
    months += [
        _MONTH_NUMBER[w.lower()] for w in re.findall(rf"{MONTHS}|{_SHORT_MONTHS}", text, re.IGNORECASE)
    ]
    if kind == "months" and len(months) == 2:
        return f"M{months[0]:02d}-M{months[1]:02d}"
    if not months:
        return ""
    if re.search(r"end\s+of|底|末", text, re.IGNORECASE):
        # a stock at the end of December is the year's
        return "" if months[0] == 12 else f"end of {MONTHS.split('|')[months[0] - 1]}"
    return f"M{months[0]:02d}"


# ... and "since its launch in July 2021": the start of a running total
# ... and the noun a base is named by: "3 times the number at the end of 2021", "from a peak in 2022",
# "since it started in 2022"
# "up 12% after a dry 2023": the year before, which the change is measured from
_AFTER_A_KIND_OF_YEAR = (
    r"(?i:\bafter\s+an?\s+[a-z][a-z-]*\s+)$"  # "after a dry 2022", "after a drought-hit 2022"
)
_BASE_BEFORE_TAIL = (
    r"\s*(?:(?i:its|the)\s+(?i:launch|start|establishment|opening|inception|founding)\s+(?i:in|on)\s+"
    r"|(?i:it|they)\s+(?i:started|began|opened|launched)\s+(?i:in)\s+"
    r"|(?i:the|a|its)\s+(?i:number|figure|level|amount|total|peak|low|record)\s+(?i:at|in|of|on)\s+)?"
    r"(?:(?i:the|its|their)\s+)?(?:end\s+of\s+|(?i:end|mid)-)?"
    r"(?:the\s+(?:same|corresponding)\s+(?:period|month|quarter|time)\s+(?:of\s+|in\s+)?)?"
    r"(?:(?i:base\s+year|baseline\s+year)\s+(?:(?i:of)\s+)?|基准年|基期年?)?$"
)  # ... "28.6% below its 2008 baseline", "compared with the base year 2005", 较基准年94年
# "by 2030", 到2025年 set a deadline; 截至 ("as of") and "by the end of May" date a stock
_DEADLINE_BEFORE = re.compile(r"(?:\b(?i:by)|到|(?<!截)至)\s*$")


@cache
def _base_patterns() -> tuple[re.Pattern, re.Pattern]:
    return (
        re.compile(rf"(?:(?:{cue('base_before')}){_BASE_BEFORE_TAIL})|{_AFTER_A_KIND_OF_YEAR}"),
        # ... and 是2022年的3.5倍: the year a multiple is of
        re.compile(rf"\s*(?:底|末)?(?:{cue('base_after', en=False)}|的(?=\s*[\d.]+\s*倍))"),
    )


# "the first decline since the country lifted its Covid restrictions in December 2022": the date of the
# event a comparison runs from
# "less than half the 56.1 GW cleared in the same period of 2024": the same part of another year is compared
_SAME_PERIOD = re.compile(
    r"\bsame\s+(?:period|month|months|quarter|half|time)\s+(?:of|in)\s+$", re.IGNORECASE
)
# ... but a change reckoned on it dates nothing: "up 13.9% on the same period of 2023"
_CHANGE_OVER_SAME_PERIOD = re.compile(
    r"\b(?:on|over|from|against|versus|vs\.?|compared\s+(?:with|to)|than)\s+(?:the\s+)?"
    r"same\s+(?:period|month|months|quarter|half|time)\s+(?:(?:of|in)\s+(?:the\s+)?)?(?:previous\s+year\s+)?$",
    re.IGNORECASE,
)
# a share of a past year's level: "61% of its 2015 level", "61 percent of 2015 levels"
_SHARE_OF_A_YEARS_LEVEL_BEFORE = re.compile(
    r"(?:%|\b(?i:percent|per\s+cent|pc|pct))\s+(?i:of)\s+(?:(?i:its|the|their)\s+)?$"
)
_LEVEL_AFTER = re.compile(r"\s+(?i:levels?|figures?|values?|totals?|volumes?|amounts?)\b")
# "rose 4.0% on 2023", "up 1.8 percentage points on a year earlier": the year a change is reckoned on
_CHANGE_ON = re.compile(
    r"(?:%|\b(?:percent|per cent|pc|pct|points?|ppts?|pp))(?:\s+respectively)?\s+on\s+(?:the\s+)?$"
    # ... and a column of changes named with its base: "Change on 2019 (%)", "Reduction against 2005"
    r"|\b(?:change|changes|growth|increase|decrease|decline|reduction|cut|rise|fall)\s+(?:on|against)\s+(?:the\s+)?$"
    # ... and a change in any unit: "up 2.9 ppm on 2022", "fell 1.2 million tonnes on 2021"
    r"|\b(?:up|down|rose|fell|grew|gained|lost|increased|decreased|higher|lower)\s+(?:by\s+)?(?:about\s+)?"
    r"\d[\d.,]*\s*(?:[A-Za-z%/]{1,12}\s+){0,2}on\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# the time of an event a figure is explained by or of a document's making ("rose 6.1% after a dry spring in
# 2024", "the 2020 target of 4.5 billion m3 set in 2009"), and the base of a multiple ("3.6 times the volume
# a year earlier"): none dates the figure
_EVENT_OR_BASE_OF_MULTIPLE = re.compile(
    r"\b(?i:after|following|because\s+of|due\s+to|thanks\s+to|amid)\s+(?:an?\s+|the\s+)?[A-Za-z][\w\s-]{0,30}?"
    r"\s(?i:in|of)\s+(?:the\s+)?$"
    r"|\b(?i:set|adopted|announced|issued|launched|released|published|introduced|signed|approved|enacted"
    r"|founded|established|incorporated)\s+(?i:in|on)\s+$"
    r"|(?:成立|始建|创建|创立|组建)于\s*$"  # ("Founded in 1958, Hongtai employs 18,000 people", 成立于1958年)
    r"|\b(?i:times)\s+(?:the\s+|its\s+|their\s+)?(?:[A-Za-z-]+\s+){0,3}(?i:end-|mid-)?$"
)
# 2021年上线以来, 2016年《方案》实施以来: the year something began, from which a total is counted
_SINCE_EVENT_ZH = re.compile(r"[^\s\d，。；,;：:]{1,10}?以来")
_SINCE_EVENT = re.compile(r"\b(?i:since)\s+[^,;:.\d]{0,80}?\s(?i:in|on)\s+(?:(?i:the\s+end\s+of)\s+)?$")


_ANNUAL_AVERAGE = re.compile(r"(?i:average annual|annual average)|年均|年平均")


@cache
def _mean_level_after() -> re.Pattern:
    return re.compile(rf"[^,;:.，；：。]{{0,24}}?(?:{cue('annual_mean_level')})")


@cache
def _dated_mean_after() -> re.Pattern:
    return re.compile(rf"[^,;:.，；：。]{{0,24}}?(?:{cue('annual_mean_dated')})")


def _annual_mean(text: str, m: re.Match, end: int, start: int = 0) -> bool:
    """ "The annual average concentration of PM2.5", PM2.5年均浓度: one year's mean of a level; and the
    annual mean wind speed of a paragraph that names its year, or that follows a line opening with one."""
    if not _ANNUAL_AVERAGE.fullmatch(m.group()):
        return False
    if _mean_level_after().match(text, m.end(), end):
        return True
    paragraph = structure.line_start(text, start)
    return bool(
        _dated_mean_after().match(text, m.end(), end)
        and (
            _A_YEAR.search(text, paragraph, end)
            # (or the line above opens with its year: "2019年，全国10米高度…" then "全国70米高度年平均风速…")
            or _YEAR_OPENING.search(text, max(0, paragraph - 400), paragraph)
        )
    )


_YEAR_OPENING = re.compile(r"(?:^|\n)\s*(?:(?:19|20)\d\d\s*年\s*[，,、]|(?i:in\s+(?:19|20)\d\d\s*,))")


_NORMAL_OF_YEARS = re.compile(r"(?:较|比|与)多年平均$|(?:较|比|与)多年平均(?=\S)")
# "From the 2024 reporting year, …", "Starting in 2023, …": when what the sentence says begins, no base
_FROM_OPENING = re.compile(r"(?:^|\n|[•·▪●]\s*|[.;:]\s+)(?i:from|starting\s+(?:from|with|in))\s+(?:the\s+)?$")
# the words before a day on which stocks are counted: 截至, 截止, "as at", "as of"
_AS_AT_BEFORE = re.compile(r"(?:截至|截止|截止到|截至到)\s*$|\b(?i:as\s+(?:at|of))\s+$")
_TAKES_EFFECT_AFTER = re.compile(r"\s*(?:起|开始|以后)?\s*(?:施行|实施|执行|生效)")
# a project's milestone written as a label and its date ("target start-up: Q4 2020", 计划投产时间：2025年6月):
# when a plant is due, which dates none of the figures beside it and no sentence after it
_MILESTONE_LABEL = re.compile(
    r"(?:\b(?i:(?:target|planned|expected|scheduled|estimated)\s+)?(?i:start-?up|completion|commissioning|COD|"
    r"in-service|operation)(?i:\s+date)?\s*[:：]"
    r"|(?:计划|预计|目标)?(?:投产|并网|建成|竣工|完工|投运|开工|商运)(?:(?:时间|日期|年份|时限)\s*[:：]?|[:：]))"
    r"\s*(?:(?:Q[1-4]|H[12]|[A-Z][a-z]{2,8}\.?)\s*)?$"
)
# the year of the passage, not of the day of writing: 年内 in an annual report on 2023 is 2023, and so is
# the year before 上年 (the one before the year spoken of)
# the year before the one a sentence spoke of, not before the report's: "a year earlier", "the previous year"
_A_YEAR_BEFORE_THAT = re.compile(
    r"(?i:(?:a|one)\s+year\s+earlier|(?:the\s+)?(?:previous|prior)\s+year|the\s+year\s+before)"
)
# the present, not the year: "now", 目前 ("this year" is the report's year, which may be a fiscal one)
_NOW = re.compile(
    r"(?i:at present|currently|up to now|so far|to date|as of now|at the moment|now|this (?:week|month))"
    r"|目前|截至目前|当前|现时|现阶段|本周|本月"
)
_OF_REPORT_YEAR = re.compile(
    r"年(?:底前|内)|上年|(?i:(?:the\s+)?(?:previous|prior)\s+year|a\s+year\s+earlier|the\s+year\s+before)"
)


def time_refs(
    text: str,
    start: int,
    end: int,
    report_year: int | None,
    published_year: int | None = None,
    calendar_years: bool = True,
) -> list[TimeRef]:
    """The time expressions of a stretch of text; a year next to a part of the year ("first half of 2024",
    2024年7月底) is one expression with both. "This year" and "last year" count from the year the text
    was written (`published_year`, when later than the year it reports on), unless the report's years are
    not calendar years (`calendar_years` off: 本年度 of a fiscal year's report names none)."""
    written = published_year or report_year
    base_before, base_after = _base_patterns()
    refs: list[TimeRef] = []
    for m in _dated_matches(text, start, end):
        kind, year, period = m.lastgroup or "", None, ""
        if _MILESTONE_LABEL.search(text, max(start, m.start() - 40), m.start()):
            continue
        if kind == "explicit" and _DOCUMENT_NUMBER.match(text, max(0, m.start() - 1)):
            continue  # 发改能源规〔2021〕1051号, "Document No. 18 [2022]": a document's number, not a time
        if kind == "explicit" and _STANDARD_CODE.search(text, max(0, m.start() - 20), m.start()):
            continue  # GB 55015-2021, DL/T 686-2018: the year a standard was issued, part of its code
        if kind == "explicit" and (
            _STANDARD_TITLE.search(text, max(0, m.start() - 70), m.start())
            or _EDITION_AFTER.match(text, m.end())
            or (
                _MODEL_YEAR_AFTER.match(text, m.end())
                and not _TIME_PREPOSITION_BEFORE.search(text, max(0, m.start() - 12), m.start())
            )
        ):
            continue  # "GRI 305: Emissions 2016", GRI标准（2021版）, "2022 models": an edition, not a time
        if kind == "part" and m.group() == "H2" and _LISTED_GAS.fullmatch(_around(text, m.start(), m.end())):
            continue  # "Clean energy (solar, wind, H2)": hydrogen among the things listed, no half-year
        if kind in ("that_year", "year_after"):  # "by that year", 同年, 是年, 翌年: from the year named last
            said = _year_said_before(text, m.start())
            if said is None:
                continue
            kind, year = "explicit", said + (kind == "year_after")
        if kind == "roc_year":  # 112年 in a text dated in the calendar of Taiwan
            kind, year = "explicit", structure.ROC_EPOCH + int(m.group().removeprefix("民国"))
        if kind == "part_year":  # "1H2022", "2023Q3", "1Q24": the year and its part
            digits = re.search(r"(?:19|20)\d\d", m.group())
            glued = m.group().replace(" ", "")
            year = int(digits.group()) if digits else 2000 + int(glued[2:])
            part = re.sub(r"(?:19|20)\d\d|\s", "", m.group()) if digits else glued[:2]
            kind, period = "explicit", part[1] + part[0] if part[0].isdigit() else part
        if kind == "zh_year":  # 二〇二五年, 二00四年: a year written in Chinese numerals
            kind, year = "explicit", int(m.group().translate(structure.ZH_DIGITS))
        if kind == "explicit":
            year = year or int(m.group()[:4])
            # (「2050淨零排放路徑」: no 年 after the year, and the name goes on)
            glued = not m.group().endswith("年") and _GLUED_TO_A_NAME.match(text, m.end())
            if ((written and year > written) or glued) and _in_a_title(text, m.start()):
                continue  # 《2030年前碳达峰行动方案》, 「臺灣2050淨零排放路徑」: a plan's name sets no deadline
            if event_named_after(text, m.end()):
                continue  # "the 2020 Dubai Expo", 2022年冬奥会: an event's name, which may be held in another year
        elif kind == "date":  # a day: a dateline or a closing price, not a passage's time
            found = re.search(r"\d{4}", m.group())
            year = int(found.group()) if found else None
            if year and m.group()[4:5] == ".":
                kind = "explicit"  # "1975.07  Line electrified": a chronicle's entry is of its year
            elif year and _TAKES_EFFECT_AFTER.match(text, m.end(), min(end, m.end() + 8)):
                kind = "explicit"  # （2026年1月1日起施行）: from when the rules below apply
            elif year and _AS_AT_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                kind = "explicit"  # 截至2024年3月31日, "as at 31 March 2024": the day stocks are counted on
        elif (
            kind in ("this", "last", "next", "before_last")
            and not calendar_years
            and not _NOW.fullmatch(m.group())
        ):
            kind = "multi"  # 本年度, 上年度 of a report on a fiscal year: a year across two calendar years
        elif kind in ("this", "last", "next", "before_last") and written:
            # (本年度: the year the report covers, whenever it was written)
            # ... and "at present", 目前: the time the report speaks of (a calendar year's report looks back
            # on it from its publication)
            of_report = (
                _OF_REPORT_YEAR.fullmatch(m.group())
                or (m.group() == "本年" and text.startswith("度", m.end()))
                or (calendar_years and _NOW.fullmatch(m.group()))
            )
            counted = report_year if report_year and of_report else written
            said = [r.year for r in refs if r.kind == "explicit" and r.year and not r.base]
            if kind == "last" and said and _A_YEAR_BEFORE_THAT.fullmatch(m.group()):
                counted = said[-1]  # "742 GWh at the end of 2025, up from 615 GWh a year earlier": 2024
            year = counted + {"this": 0, "last": -1, "next": 1, "before_last": -2}[kind]
            kind = "last" if kind == "before_last" else kind  # 前年: the year before last
        elif kind == "range":
            kind = "multi"
        elif kind == "year_ended":
            kind = "multi"  # twelve months across two calendar years
        elif kind == "fiscal":
            first, second = _FISCAL_YEARS.search(m.group()).groups()
            start_year = int(first) if len(first) == 4 else 2000 + int(first)
            # (2023/12 is a year and its month)
            dashed = "/" not in m.group()  # ("2021-25" with a dash is a span of years; 2023/12 a month)
            kind = "multi" if dashed or int(second[-2:]) == (start_year + 1) % 100 else "explicit"
            year = start_year if kind == "explicit" else None
        elif kind == "multi" and (
            _annual_mean(text, m, end, start) or _NORMAL_OF_YEARS.search(text, max(0, m.start() - 3), m.end())
        ):
            continue  # (较多年平均偏丰12%: the normal of many years a figure is compared with dates nothing)
        elif kind in ("part", "month", "months"):
            kind, period = "period", _period_label(m)
        if kind == "multi" and _COMPARED_SPAN_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue  # 较近10年（2010—2019年）平均值偏小0.9%: the span compared with dates nothing
        # "from January to October" is a span, not the start of a comparison
        span = kind == "period" and "-" in period
        # a year still to come is never the base of a comparison ("From 2025, all new buildings will ...")
        future = year is not None and written is not None and year > written
        # "decreased by 24% compared with 28": a garbled base is still a base, which dates nothing
        garbled_base = kind == "corrupt" and m.group().lower().startswith("compared")
        so_far = kind == "this" or (
            kind == "explicit" and year == written and text.startswith("以来", m.end())
        )
        base = (
            garbled_base
            or (
                kind not in ("multi", "corrupt")
                and not span
                and not future
                and not _FROM_OPENING.search(text, max(start, m.start() - 16), m.start())
                and bool(
                    _base_before_gate().search(base_before, text, max(start, m.start() - 56), m.start())
                    or _SINCE_EVENT.search(text, max(start, m.start() - 100), m.start())
                    or _CHANGE_ON.search(text, max(start, m.start() - 30), m.start())
                    or _EVENT_OR_BASE_OF_MULTIPLE.search(text, max(start, m.start() - 50), m.start())
                    or _BASE_NAMED_BEFORE.search(text, max(start, m.start() - 40), m.start())
                    or _INDEX_BASE.match(text, m.end())  # (2015=100): an index's base period
                    or (
                        kind == "last"
                        and _A_YEAR_EARLIER.fullmatch(m.group())
                        and _FIGURE_BEFORE.search(text, max(start, m.start() - 30), m.start())
                    )
                    or (
                        text[max(start, m.start() - 1) : m.start()] in ("与", "與")
                        and _COMPARED_AFTER_ITS_FIGURE.match(text, m.end(), min(end, m.end() + 40))
                    )
                    # (今年以来 is this year so far, not a base, and so is 2025年以来 written in 2025)
                    or (not so_far and base_after.match(text, m.end(), min(end, m.end() + 6)))
                    or (
                        kind == "explicit"
                        and not so_far
                        and _SINCE_EVENT_ZH.match(text, m.end(), min(end, m.end() + 12))
                    )
                )
            )
        )
        # "by the end of 2023" in a report of 2024 says when a figure stood, not a deadline
        past = year is not None and written is not None and year < written
        deadline = (
            kind == "explicit"
            and not past
            and bool(_DEADLINE_BEFORE.search(text, max(start, m.start() - 6), m.start()))
        )
        refs.append(TimeRef(m.start(), m.end(), kind, year, base, period, deadline))
    return _glossed_bases(text, _spans_across_years(text, _merge_periods(text, refs)))


# "against 33 a year earlier", "from 12% a year ago": the time of a figure held against, a base
_A_YEAR_EARLIER = re.compile(r"(?i:(?:a|one)\s+year\s+(?:earlier|ago|before))")
_FIGURE_BEFORE = re.compile(
    r"\d(?:[\d,.]*\d)?\s*(?:%|(?!(?i:from|on|over|than|since|vs)\b)[A-Za-z]{1,12}"
    r"(?:\s(?!(?i:from|on|over|than|since|vs)\b)[A-Za-z]{1,12})?)?\s*$"
    # ... or a level named instead: "nearly quadruple the level a year earlier"
    r"|(?i:\bthe\s+(?:level|levels|figure|figures|amount|total|number))\s*$"
)  # (not "up 46 percent from a year earlier": a change of now)
# an index's base period after its value: "112.4 (2015=100)", 112.4（2015年=100）
INDEX_BASE_AFTER = re.compile(r"\s*[(（]\s*(?:19|20)\d\d\s*年?\s*=\s*100\s*[)）]")
_INDEX_BASE = re.compile(r"\s*年?\s*=\s*100\b")
# a base named, then its year in brackets: 较基准年（民国94年）, 较创建初期（2021年）, "compared with the
# baseline (2005)"
_BASE_NAMED_BEFORE = re.compile(
    r"(?:较|與|与)[\u3400-\u9fff]{1,8}\s*[（(]\s*(?:民国|民國)?\s*$"
    r"|\b(?i:compared\s+(?:with|to)|than|versus|relative\s+to)\s+(?:the\s+)?[A-Za-z][A-Za-z -]{1,30}?\s*\(\s*$"
)
# 与2018年底的11,700辆相比: the year of the figure a comparison is made with
_COMPARED_AFTER_ITS_FIGURE = re.compile(
    r"年?(?:底|末)?的(?:[^，,。；;]|(?<=\d),(?=\d)){0,24}?(?:相比|相較|相较|比较|比較)"
)


# the rest of an event's name after its year: "2020 Dubai Expo", "2023 Summer Davos Forum", 2022年冬奥会
_EVENT_NAMED_AFTER = re.compile(
    r"(?:\s+(?:[A-Z][A-Za-z'&.-]*\s+){0,5}(?:Expo|EXPO|Games|Olympics|Paralympics|Congress|Forum|Summit|Fair"
    r"|Festival|Exhibition|Championships?|Marathon|World\s+Cup|Davos)\b)"
    r"|年?(?:[\u4e00-\u9fff]{0,12}?)(?:博览会|博覽會|运动会|運動會|奥运会|奧運會|冬奥会|冬奧會|亚运会|亞運會|世博会|世博會"
    r"|峰会|峰會|论坛|論壇|展览会|展覽會|交易会|交易會)"
)


def event_named_after(text: str, end: int) -> bool:
    """Whether the year that ends at `end` opens an event's name ("2020 Dubai Expo", 2022年冬奥会)."""
    return bool(_EVENT_NAMED_AFTER.match(text, end))


# between the two ends of a span of months: "from September 2022 to August 2023", 2022年9月至2023年8月
# ("1 July 2023 - 30 June 2024": the second end's day may stand before its month)
_SPAN_JOIN = re.compile(
    r"\s*(?:-|–|—|~|～|至|到|(?i:to|until|through|till))\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
)
_BETWEEN_JOIN = re.compile(r"\s*(?i:and)\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?")
_BETWEEN_BEFORE = re.compile(r"(?i:\bbetween)\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?$")


def _spans_across_years(text: str, refs: list[TimeRef]) -> list[TimeRef]:
    """Two months or days of different years joined as the ends of one span are one span of no single year
    ("From September 2022 to August 2023, an average of 52,000 a month", 2023年4月1日至2024年3月31日)."""
    out: list[TimeRef] = []
    for r in refs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind in ("explicit", "date")
            and r.kind in ("explicit", "date")
            and (prev.period.startswith("M") or prev.kind == "date")
            and (r.period.startswith("M") or r.kind == "date")
            and prev.year is not None
            and r.year is not None
            and prev.year < r.year
            and (
                _SPAN_JOIN.fullmatch(text, prev.end, r.start)
                or (
                    _BETWEEN_JOIN.fullmatch(text, prev.end, r.start)
                    and _BETWEEN_BEFORE.search(text, max(0, prev.start - 16), prev.start)
                )
            )
        ):
            out[-1] = TimeRef(prev.start, r.end, "multi", None)
            continue
        out.append(r)
    return out


# a span of years a figure is compared with: 较近10年（2010—2019年）平均值, "compared with the 1991-2020 mean",
# 较近30年平均值 (whose 年平均 is the span)
_COMPARED_SPAN_BEFORE = re.compile(
    r"(?:较|比|与|同|(?i:compared\s+(?:with|to)|than|against|relative\s+to|versus|vs\.?|above|below))\s*(?:the\s+)?"
    r"(?:近|过去|常年|(?i:past|last)\s+)?(?:\d{1,3}\s*年|\d{1,3}[- ]years?|\d{1,3})?\s*[（(]?\s*$"
)


def _glossed_bases(text: str, refs: list[TimeRef]) -> list[TimeRef]:
    """A year glossed in brackets right after a comparison base is that base too: 較94年（2005年）,
    較基準年（民國94年，即2005年）."""
    out: list[TimeRef] = []
    for r in refs:
        if (
            out
            and out[-1].base
            and not r.base
            and text[out[-1].end : r.start].strip().lstrip("年")
            in ("(", "（", "，即", ",即", "即", "，亦即", ", i.e.")
        ):
            r = replace(r, base=True)
        out.append(r)
    return out


_FISCAL_YEARS = re.compile(r"((?:19|20)?\d\d)\s*[/–-]\s*((?:19|20)?\d\d)")


# (not 是2022年的3.5倍: a multiple of the base year's figure is of the later year)
# (… also with what the figure was then: 由2014年峰值的4070万吨)
_BASE_VALUE_AFTER = re.compile(
    r"\s*年?(?:底|末)?(?:峰值|高峰|水平|基数|均值|平均值|最高值|高点)?的\s*(?=[\d<>](?![\d.,]*\s*倍))"
)
_JOIN = re.compile(r"\s*(?:of|,|年)?\s*", re.IGNORECASE)  # (年: a year of the calendar of Taiwan, 113年1-9月)
_HAN = re.compile(r"[\u3400-\u9fff]")


def _merge_periods(text: str, refs: list[TimeRef]) -> list[TimeRef]:
    out: list[TimeRef] = []
    for r in refs:
        prev = out[-1] if out else None
        if prev and _JOIN.fullmatch(text, prev.end, r.start) and {prev.kind, r.kind} & {"period"}:
            dated = prev if prev.kind != "period" else r
            if dated is r and _HAN.search(text, prev.start, prev.end):
                out.append(r)  # Chinese writes the year first: "1-9月  112年1-9月" are two columns
                continue
            part = r if dated is prev else prev
            if dated.kind in ("explicit", "this", "last", "next") and not dated.period:
                # (what names a base may follow the whole: 与去年1-10月比较)
                compared = dated.kind in ("explicit", "last") and _base_patterns()[1].match(
                    text, r.end, r.end + 6
                )
                out[-1] = replace(
                    dated,
                    start=prev.start,
                    end=r.end,
                    period=part.period,
                    base=prev.base or r.base or bool(compared),
                    deadline=prev.deadline,
                )
                continue
        out.append(r)
    return out


_PARENTHESES = re.compile(r"[(（][^()（）]*[)）]")
_CODES = re.compile(r"[A-Za-z]+[\d.]*\d")  # CO2, PM2.5: digits inside a name are not another number
_ATTACH_GAP = re.compile(
    r"[^\d,;:，；：。<>\t\u3400-\u9fff]{0,60}"
)  # (a tab or an ideographic space sets parts apart)
# "18.7 percent against a 2025 target of 20 percent": the year of what a number is held against
_ATTACH_BLOCK = re.compile(r"\b(?:against|versus|toward|towards|ahead of)\b", re.IGNORECASE)
# "20 percent lower than that of the first commercial year in 2019": the year after a comparison word is
# what the number is compared against
_COMPARED_IN_GAP = re.compile(r"\b(?:than|compared\s+(?:with|to)|versus|relative\s+to)\b", re.IGNORECASE)
_BASE_NUMBER = re.compile(
    r"(?:\b(?:from|compared\s+(?:with|to)|than|versus|against)\s+(?:(?:about|around|nearly|roughly)\s+)?|[(（])$",
    re.IGNORECASE,
)


_REACHED = re.compile(
    r"\s*(?:%|percent|per\s+cent)?\s*(?:to|至|到)\s*(?:about\s+|around\s+|约)?", re.IGNORECASE
)
_RESPECTIVELY_BEFORE_TIME = re.compile(r"(?i:\brespectively\b)|分别")
_COORDINATION = re.compile(r"\s*(?:,\s*and|,|、|，|和|及|与|and)\s*", re.IGNORECASE)
_PAIRED = re.compile(
    r"\s*(?:and|和|及|与)\s*|\s+(?:of|for)\s+[A-Za-z][A-Za-z -]{0,30}?\s+and\s+", re.IGNORECASE
)
_COORDINATED_NOUN = re.compile(r"\s+(?:of|for)\s+[A-Za-z][A-Za-z -]{0,30}?\s*(?:,\s*and|,|and)\s*")
# between two members of a list: a unit at most, then "and" or a comma
_NEXT_MEMBER = re.compile(r"[^\d()（）:：;；。\n]{0,15}?(?:,\s*and|,|、|，|和|及|与|\band)\s*", re.IGNORECASE)
# the label of a line before its year: "- Market size 2018: …", "Sales 2023: …" (no figure, no bracket)
_LINE_HEAD = re.compile(r"[ \t]*(?:[-•*·]\s*)?[A-Za-z\u3400-\u9fff][^\d()（）\n:：;；。.]{0,40}")
# （2025年为4,860万千瓦时）: a year in brackets that says what a figure was then
_LABEL_IS_AFTER = re.compile(r"\s*(?:为|為|是|达|達)\s*(?:约|約)?\s*[\d<>]")
# 上年同期分别为12.9亿元、97口, （去年同期：31.2%）: what the figures were a year before
_SAME_PERIOD_VALUE_AFTER = re.compile(r"\s*同期\s*(?:分别)?\s*(?:为|為|是|[:：])\s*(?:约|約)?\s*[\d<>]")
_LABEL_AFTER = re.compile(
    r"\s*(?:[:：]|(?:\.\s?){3,}|…{2,})\s*(?:(?:RMB|HK\$|US\$|\$|¥|￥|人民币|港币|港元)\s*)?[\d<>]"
)  # (a label's year before a dotted leader: "COCRs issued in 2024 ........ 312")
# "由2020年的1.8千伏安提高到3.5千伏安", 较2015年的, 较2024年全年均价3,280元: the year of the figure a change
# starts from or is held against, written before it; it dates that figure alone
_START_POINT_BEFORE = re.compile(
    r"(?:由|从|较|比)\s*$|\b(?:from|than|against|versus|compared\s+(?:with|to))\s+(?:the\s+)?$", re.IGNORECASE
)
# ... and the English: "down 25 per cent from the 2014 peak of 44.6 million tonnes"
_START_POINT_AFTER = re.compile(
    r"(?:的\s*(?:全年|同期)?(?:均价|平均价格?|价格|峰值|水平|高点|高位|低点|最高值|最低值)?"
    r"|(?:全年|同期)(?:均价|平均价格?|价格)?|均价|平均价格?)\s*(?:约|近)?"
    r"|\s+(?:(?:peak|level|high|low|figure|total|record|average)\s+)?(?:of|at)\s+(?:about\s+|around\s+)?",
    re.IGNORECASE,
)


def _without_bases(text: str, refs: list[TimeRef], start: int, end: int) -> str:
    """text[start:end] without the comparison bases' years written in it."""
    out, pos = [], start
    for r in refs:
        if r.base and start <= r.start and r.end <= end:
            out.append(text[pos : r.start])
            pos = r.end
    return "".join(out) + text[pos:end]


def attach(
    text: str, refs: list[TimeRef], spans: list[tuple[int, int]]
) -> tuple[list[TimeRef], dict[int, TimeRef]]:
    """Time expressions written after the numbers they date ("26.4 percent in 2023", "215GW by 2030",
    "2.8 trillion yuan (about 394 billion dollars) in 2023"): each belongs to the numbers right before it
    in its clause. A number that is itself a comparison ("up from 77 percent in 2020") keeps its year,
    which then dates nothing else. Returns the refs (with such bases marked) and number index -> ref."""
    own: dict[int, TimeRef] = {}
    out = []
    for r in refs:
        taken = []
        if r.owned:
            out.append(r)  # (named a goal: "63% of the 2030 goal"; it dates the figures after it only)
            continue
        if _CHANGE_OVER_SAME_PERIOD.search(text, max(0, r.start - 50), r.start):
            out.append(replace(r, base=True))  # "up 13.9% on the same period of 2023": a change's base
            continue
        if _SHARE_OF_A_YEARS_LEVEL_BEFORE.search(text, max(0, r.start - 24), r.start) and _LEVEL_AFTER.match(
            text, r.end
        ):
            out.append(replace(r, base=True))  # "fell to 61% of its 2015 level": the level it is a share of
            continue
        start_point = _START_POINT_AFTER.match(text, r.end)
        if start_point and _START_POINT_BEFORE.search(text, max(0, r.start - 20), r.start):
            for j, sp in enumerate(spans):
                if sp[0] == start_point.end():
                    own.setdefault(j, r)
            out.append(replace(r, base=True))
            continue
        if r.base and r.kind == "last" and _A_YEAR_EARLIER.fullmatch(text, r.start, r.end):
            # "up from 18.2% a year earlier": the figure right before is of that year
            for j, sp in enumerate(spans):
                if sp[1] <= r.start and _FIGURE_BEFORE.fullmatch(text, sp[0], r.start):
                    own.setdefault(j, replace(r, base=False))
            out.append(r)
            continue
        valued = _BASE_VALUE_AFTER.match(text, r.end) if r.base else None
        if valued:
            # 较二〇二二年的52%: the figure a comparison is made with is of the base year
            for j, sp in enumerate(spans):
                if sp[0] == valued.end():
                    own.setdefault(j, replace(r, base=False))
            out.append(r)
            continue
        label = (
            _LABEL_AFTER.match(text, r.end)
            or (text[max(0, r.start - 1) : r.start] in ("(", "（") and _LABEL_IS_AFTER.match(text, r.end))
            or (r.kind == "last" and _SAME_PERIOD_VALUE_AFTER.match(text, r.end))
        )
        if label:
            # "5.69 trillion kWh (2022: 5.31)": a year that labels the figure after it, and is the base
            # of the one before
            after = [j for j, sp in enumerate(spans) if sp[0] == label.end() - 1]
            while (
                after
                and after[-1] + 1 < len(spans)
                and _NEXT_MEMBER.fullmatch(text, spans[after[-1]][1], spans[after[-1] + 1][0])
            ):
                after.append(after[-1] + 1)  # "(1H2022: 41.45 Mt and 5.02 Mt)": the label dates its list
            line_end = text.find("\n", r.end)
            line_end = len(text) if line_end == -1 else line_end
            if (
                after
                and _LINE_HEAD.fullmatch(text, structure.line_start(text, r.start), r.start)
                and not any(r.end <= o.start < line_end for o in refs)
            ):
                # "- Market size 2018: RMB 21.5 bn (est.), +9.7% y/y": a line's label year dates its line
                after += [j for j in range(after[-1] + 1, len(spans)) if spans[j][1] <= line_end]
            for j in after:
                own.setdefault(j, r)
            out.append(replace(r, base=True))
            continue
        if _opens_clause_of_figures(text, r, spans):
            out.append(r)  # "…三省區為排放最高的地區，2023年排放量分別為8.1億噸…": it dates what follows it
            continue
        if any(r.end <= sp[0] <= r.end + 1 and not text[r.end : sp[0]].strip() for sp in spans):
            out.append(
                r
            )  # "其中2021年22.37亿元、2022年26.28亿元": a year right before a figure is that figure's
            continue
        if _closes_the_sentence_in_brackets(text, r):
            # "wind 441 GW, solar 609 GW, hydro 422 GW (end-2023).": the time of every figure before it
            # that no other time expression stands after
            for j, sp in enumerate(spans):
                if sp[1] <= r.start and not any(sp[1] <= o.start < r.start for o in refs if o is not r):
                    own.setdefault(j, replace(r, base=False))
            out.append(r)
            continue
        for j in range(bisect.bisect_right([s[1] for s in spans], r.start) - 1, -1, -1):
            # (a comparison's year in between is no other number: "4.6% below 2020 levels at the end of
            # last year")
            gap = _CODES.sub("", _PARENTHESES.sub("", _without_bases(text, refs, spans[j][1], r.start)))
            if not _ATTACH_GAP.fullmatch(gap.replace(")", "").replace("）", "")) or _ATTACH_BLOCK.search(gap):
                break
            if _COMPARED_IN_GAP.search(gap):
                r = replace(r, base=True)
                break
            taken.append(j)
        if taken and r.kind == "corrupt" and not r.base:
            # "... 4 mandatory standards and 4 recommended ones in 25.": a garbled year slot after numbers
            # leaves them without a year, as one before them does, and so every member of their list
            for j in _chain_before(text, spans, min(taken)):
                own.setdefault(j, r)
        elif taken and not r.base:
            first = min(taken)
            while first > 0 and (
                _COORDINATION.fullmatch(text, spans[first - 1][1], spans[first][0])
                or _COORDINATED_NOUN.fullmatch(text, spans[first - 1][1], spans[first][0])
            ):
                # "up from 61 million kW and 3.4 million kW in 2012": a list of bases; "217GW of PV and
                # 76GW of wind in 2023": a list of things
                first -= 1
            reached = min(taken)
            while reached > 0 and _REACHED.fullmatch(text, spans[reached - 1][1], spans[reached][0]):
                reached -= 1  # "jumped 37.9 percent to 9.49 million units in 2023": the change too
                taken.append(reached)
            if _BASE_NUMBER.search(text, max(0, spans[first][0] - 30), spans[first][0]):
                r = replace(r, base=True)
            # ("217GW of PV and 76GW of wind in 2023": the pair shares the year written after it; not a
            # list set apart by a comma, "9.4 million, and 11.5 million in 2024")
            paired = min(taken)
            while paired > first and _PAIRED.fullmatch(text, spans[paired - 1][1], spans[paired][0]):
                paired -= 1
            if _RESPECTIVELY_BEFORE_TIME.search(text, spans[max(taken)][1], r.start):
                paired = first  # "41,800, 36,500 and 33,900 applications respectively over the period"
            taken = sorted(set(taken) | set(range(paired, min(taken))))
            for j in taken:
                own.setdefault(j, replace(r, base=False))
            # (a deadline reaches every goal before it; "this year" is every figure's)
            r = replace(r, owned=r.kind == "explicit" and not r.deadline)
        if _SAME_PERIOD.search(text, max(0, r.start - 30), r.start):
            r = replace(r, base=True, owned=True)  # dates the figures it follows, then nothing else
        out.append(r)
    return out, own


def _closes_the_sentence_in_brackets(text: str, r: TimeRef) -> bool:
    return bool(
        r.kind == "explicit"
        and not r.base
        and _OPEN_BRACKET_BEFORE.search(text, max(0, r.start - 14), r.start)
        and _CLOSE_BRACKET_AT_END.match(text, r.end)
    )


_OPEN_BRACKET_BEFORE = re.compile(r"[(（]\s*(?:(?i:end-|end\s+of\s+|as\s+(?:of|at)\s+|year-end\s+))?$")
_CLOSE_BRACKET_AT_END = re.compile(r"\s*年?(?:底|末)?\s*[)）]\s*(?:[.。;；]|\n|$)")


def _opens_clause_of_figures(text: str, r: TimeRef, spans: list[tuple[int, int]]) -> bool:
    """Whether a time expression opens a clause (right after a comma) that goes on to give figures."""
    if not _CLAUSE_OPENING.search(text, max(0, r.start - 3), r.start):
        return False
    after = next((sp for sp in spans if sp[0] >= r.end), None)
    return after is not None and not _CLAUSE_BREAK_IN.search(text, r.end, after[0])


_CLAUSE_OPENING = re.compile(r"[，,；;]\s*$")
_CLAUSE_BREAK_IN = re.compile(r"[，,；;。.!?！？]")


def _chain_before(text: str, spans: list[tuple[int, int]], last: int) -> list[int]:
    """Indices of the numbers that run up to spans[last] with only words between each and the next
    ("6 mandatory standards and 3 recommended standards")."""
    first = last
    while first > 0 and _ATTACH_GAP.fullmatch(text, spans[first - 1][1], spans[first][0]):
        first -= 1
    return list(range(first, last + 1))


@dataclass(frozen=True)
class TimeChoice:
    year: int | None
    period: str
    flag: str
    source: str  # own (the sentence's), carried (an earlier sentence's), report (the report's year)
    deadline: bool = False


def year_for(
    refs: list[TimeRef],
    q_start: int,
    q_end: int,
    report_year: int | None,
    own: TimeRef | None = None,
    governing: TimeRef | None = None,
    month_year: int | None = None,
    look_after: bool = True,
) -> TimeChoice:
    """The time of a fact: the expression written right after its number, else the nearest before it in
    its sentence, else the nearest after (unless `look_after` is off, as for a threshold); else the time
    governing the passage (an earlier sentence's, a heading's); else the report's year. Comparison bases
    date nothing."""
    if own is None:
        usable = [r for r in refs if not r.base and not (r.start < q_end and q_start < r.end)]
        before = [r for r in usable if r.end <= q_start]
        # a period written after a number belongs to the number it follows ("CO2 a year"), not to this one
        after = [
            r
            for r in usable
            if look_after and r.start >= q_end and r.kind not in ("multi", "rate") and not r.owned
        ]
        own = before[-1] if before else (after[0] if after else None)
    source = "own"
    if own is None:
        if governing is None:
            return TimeChoice(report_year, "", "" if report_year else "no_report_year", "report")
        own, source = governing, "carried"
    if own.kind == "corrupt":
        return TimeChoice(None, "", "impossible_year", source)
    if own.kind == "rate":
        # "500,000 tonnes a year by 2025": the rate a goal sets for its year; a rate beside a past date
        # ("截至去年底…，预计年减排量约973万吨", "已于去年开工…，建成后每年可输送") is of no single year
        dated = [
            r
            for r in refs
            if not r.base
            and r.kind in ("explicit", "this", "last", "next")
            and (r.deadline or r.kind == "next" or (r.year and report_year and r.year > report_year))
        ]
        own = dated[-1] if dated else replace(own, kind="multi")
    if own.kind == "multi":
        return TimeChoice(None, "", "multi_year", source)
    # "12月31日", "at the end of May": of the year the paragraph speaks of, else of the passage's year
    # ("... a record in 2023. December arrivals were ..."), else of this year
    passage = governing.year if governing is not None and not governing.deadline else None
    if governing is not None and governing.deadline and own.kind == "period" and not own.period:
        passage = governing.year  # "2025年工作思路" over "力争全年…下降3%": the whole of the goals' year
    # ... or of a year said before it in the sentence ("2024年将…，力争全年新增…")
    said = [
        r.year for r in refs if r.end <= own.start and r.year is not None and not r.base and r.kind != "multi"
    ]
    year = (
        own.year
        if own.year is not None
        else (said[-1] if said else None) or month_year or passage or report_year
    )
    return TimeChoice(year, own.period, "", source, own.deadline)


class Discourse:
    """The time a passage speaks of, carried from sentence to sentence: the latest year an earlier
    sentence or heading gave for past or present facts ("In 2015, ..." then twenty figures), and a deadline
    set by a heading or a list's lead-in ("By 2025:") for the goals under it."""

    def __init__(self, report_year: int | None):
        self.report_year = report_year
        self.subject: TimeRef | None = None  # the year the title speaks of ("2023 Statistical Communique")
        self.current: TimeRef | None = None
        self.deadline: TimeRef | None = None
        self.paragraph: int | None = None  # where the current time was given
        self.goal: TimeRef | None = None  # the latest deadline a sentence of the paragraph set ("by 2025")
        self.goal_paragraph: int | None = None
        self.open_goal: TimeRef | None = None  # a deadline whose sentence ran on past a semicolon
        # (rank, time, deadline) that each enumerated heading still open left its section: "二、2025年主要
        # 目标" dates the goals under its "（一）" and "（二）", until the next heading of its rank
        self.sections: list[tuple[int, TimeRef | None, TimeRef | None]] = []
        self.period_years: dict[
            str, int
        ] = {}  # part of a year -> the year it was last said with ("2025年1-4月")
        # the span of years a sentence opened with ("Between 2019 and 2021, …"), which governs the rest of
        # its paragraph, and the time it stood in for
        self.span_paragraph: int | None = None
        self.before_span: tuple[TimeRef | None, int | None] = (None, None)

    def year_in(self, paragraph: int) -> int | None:
        """The year given earlier in this same paragraph, which a bare month or date belongs to."""
        return self.current.year if self.current and self.paragraph == paragraph else None

    def goal_in(self, paragraph: int) -> TimeRef | None:
        """The deadline an earlier sentence of this paragraph set for its goal ("... by 2025. It also aims
        to ..."): a later goal without a year of its own shares it."""
        return self.goal if self.goal_paragraph == paragraph else None

    def note_goals(
        self, refs: list[TimeRef], paragraph: int, runs_on: bool, goal: TimeRef | None = None
    ) -> None:
        """After a sentence: the deadline it set, if any (or `goal`, the year of the goals it stated: 今年主要
        预期目标是：…增长6%左右；). When it ends in a semicolon (到2025年，…；…达到), the next sentence
        continues it and every figure there without a time of its own is for that deadline."""
        deadline = None
        for r in refs:
            future = self.report_year is not None and r.year is not None and r.year > self.report_year
            if not r.base and r.kind == "explicit" and (r.deadline or future):
                deadline = r
        deadline = deadline or goal
        continued = self.open_goal if self.goal_paragraph == paragraph else None
        if deadline:
            self.goal, self.goal_paragraph = deadline, paragraph
        self.open_goal = (deadline or continued) if runs_on else None

    def governing(self) -> TimeRef | None:
        return self.deadline or self.current

    def open_span(self, span: TimeRef, paragraph: int) -> None:
        """A sentence that opens with a span of years ("Between 2019 and 2021 the park …", 2016—2020年，…)
        tells of that span, and so do the sentences after it in its paragraph that give no time."""
        if self.paragraph == paragraph and self.current is not None:
            return  # (a year an earlier sentence of the paragraph gave goes on: "2023年，…。2021-2023年，…")
        if self.span_paragraph is None:
            self.before_span = (self.current, self.paragraph)
        self.current, self.paragraph, self.span_paragraph = span, paragraph, paragraph

    def leave_span(self, paragraph: int) -> None:
        """At a new paragraph the span no longer governs: the time it stood in for does again."""
        if self.span_paragraph is not None and paragraph != self.span_paragraph:
            if (
                self.current is not None
                and self.current.kind == "multi"
                and self.paragraph == self.span_paragraph
            ):
                self.current, self.paragraph = self.before_span
            self.span_paragraph = None

    def date_periods(self, refs: list[TimeRef]) -> list[TimeRef]:
        """A part of a year said again without its year ("2025年1-4月…" then "1-4月北京…") is the one said
        before, whatever year a passage in between spoke of."""
        return [
            replace(r, year=self.period_years[r.period])
            if r.kind == "period" and r.year is None and r.period in self.period_years
            else r
            for r in refs
        ]

    def note_periods(self, refs: list[TimeRef]) -> None:
        """After a sentence: the year each part of a year it names with a year is of (the latest, when it
        compares two: "113年1-9月  112年1-9月" heading a table reports the first)."""
        said: dict[str, int] = {}
        for r in refs:
            if r.period and r.year is not None and not r.base and r.kind in ("explicit", "this", "last"):
                said[r.period] = max(r.year, said.get(r.period, r.year))
        self.period_years.update(said)

    def heading(self, rank: int = 1) -> None:
        """A new heading starts a new passage: the list its predecessor introduced ends, and the year it
        spoke of is no longer implied, except the one the title gave the whole report, or the one an
        enclosing enumerated heading gave its section (a heading without an enumerator, rank 1, closes
        them all)."""
        self.sections = [entry for entry in self.sections if entry[0] < rank]
        if self.sections:
            _, self.current, self.deadline = self.sections[-1]
        else:
            self.deadline = None
            self.current = self.subject

    def enter_section(self, rank: int) -> None:
        """After an enumerated heading (rank 2 or more): the time and deadline it left hold for its section."""
        if rank >= 2:
            self.sections.append((rank, self.current, self.deadline))

    def title(self, refs: list[TimeRef]) -> list[TimeRef]:
        """The report's first line: a past or present year it names is the time of the whole report (the
        first, when it names more: "2024年煤炭经济运行情况及2025年展望" reviews 2024)."""
        dated = [r for r in refs if r.kind in ("explicit", "this", "last") and not r.base]
        if dated and dated[0].kind == "last" and refs[0] is not dated[0]:
            # "電價4月起平均漲11%　…　去年燃氣發電占比再升": news of this year that also looks back
            dated, refs = [], refs[:1]
        self.update(dated[:1] or refs, leads=False)
        self.subject = self.current
        return dated[:1] or refs  # (what of the title governs the text after it)

    def update(
        self, refs: list[TimeRef], leads: bool, paragraph: int | None = None, sets_goals: bool = False
    ) -> None:
        """After a sentence: the last dated, non-comparison expression of those that govern what follows
        becomes the passage's time (or its deadline, after a heading or a lead-in that is future, or that
        names goals: "二、2024年主要目标任务")."""
        for r in refs:
            if r.kind == "period" and not r.base:
                # "In January-June, ...": of the year said with it before, else of the year the passage
                # speaks of, else of this year
                year = r.year or (
                    self.current.year if self.current is not None and self.current.year else self.report_year
                )
                self.current = replace(r, year=year)
                self.paragraph = paragraph
                continue
            if r.base or r.kind not in ("explicit", "this", "last") or r.year is None:
                continue
            future = self.report_year is not None and r.year > self.report_year
            if (future or r.deadline or sets_goals) and leads:
                self.deadline = replace(r, deadline=True)
            elif not future and not r.deadline and self._recent(r.year):
                if self._long_term(self.deadline) and paragraph is not None and paragraph != self.paragraph:
                    # a new paragraph that says what a past year achieved ("In 2022, …") no longer speaks
                    # of the long-term goals a heading above set ("By 2060"); this year's goals go on
                    self.deadline = None
                self.current, self.paragraph = r, paragraph

    def _long_term(self, deadline: TimeRef | None) -> bool:
        return (
            deadline is not None
            and deadline.year is not None
            and self.report_year is not None
            and deadline.year > self.report_year + 1
        )

    def _recent(self, year: int) -> bool:
        # an old year ("since 2005", "11.4 percent in 1962") is history, not the passage's time
        return self.report_year is None or self.report_year - 3 <= year <= self.report_year


# --- gazetteers -------------------------------------------------------------------------------------


_SPACES = re.compile(r"[\s-]+")


def starts_word(text: str, start: int) -> bool:
    """A Latin name must not continue a word (Hebei in "xHebei"); CJK names need no boundary."""
    return start == 0 or not (
        text[start].isascii() and text[start - 1].isascii() and text[start - 1].isalnum()
    )


@dataclass(frozen=True)
class Gazetteer:
    code_of: dict[str, str]
    scan: WordScan  # the pattern of the names, tried only where a name begins

    @property
    def pattern(self) -> re.Pattern:
        return self.scan.pattern

    def mentions(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        return [
            (m.start(), m.end(), self.code_of[_SPACES.sub(" ", m.group().lower())])
            for m in self.scan.finditer(text, start, end)
            if starts_word(text, m.start()) and "\n" not in m.group()
        ]


def _trie_words(names, ignore_case: bool, whole_words: bool = True) -> list[str]:
    return [
        (n.lower() if ignore_case else n) + (WORD_END if whole_words else "") if n.isascii() else n
        for n in names
    ]


def _names_pattern(names, ignore_case: bool, whole_words: bool = True) -> str:
    # One trie for Latin and CJK names: the regex engine then skips quickly to plausible first characters.
    # The left word boundary is checked by `starts_word` after matching, for the same reason.
    words = _trie_words(names, ignore_case, whole_words)
    return ("(?i:" if ignore_case else "(?:") + trie_pattern(words) + ")"


def _gazetteer(names: dict[str, str]) -> Gazetteer:
    # Proper nouns keep their capitals; lower-case aliases ("nationwide") also match capitalised at the
    # start of a sentence. Case-sensitive literals keep the regex fast.
    variants = {v for n in names for v in ((n, n[:1].upper() + n[1:]) if n[:1].islower() else (n,))}
    # (a heading in capitals names them too: "2. QAIDAM BRINE OPERATIONS (QINGHAI)")
    variants |= {n.upper() for n in names if n[:1].isupper() and n.isascii() and len(n) >= 4}
    source = _names_pattern(sorted(variants), ignore_case=False)  # (compiled only if tried whole)
    scan = WordScan(source, _trie_words(sorted(variants), ignore_case=False), ignore_case=False)
    return Gazetteer({_SPACES.sub(" ", k.lower()): v for k, v in names.items()}, scan)


_CJK_NAME = re.compile(r"[\u4e00-\u9fff]+")


@cache
def place_names() -> frozenset[str]:
    """The names of the places inside provinces (cities, counties, areas), not of provinces themselves."""
    return frozenset(p for r in catalog.regions() for p in r["places"])


@cache
def region_gazetteer() -> Gazetteer:
    names = {}
    for r in catalog.regions():
        for name in [r["name_en"], r["name_zh"], *r["aliases"], *r["places"]]:
            names.setdefault(name, r["code"])
        for name in r.get("national_companies") or []:
            # 国家电网, "China Three Gorges": a central enterprise's figures are the country's (and the
            # place in its name is none of theirs)
            names.setdefault(name, "CN")
        for name in [r["name_zh"], *r["aliases"]]:
            if len(name) == 2 and _CJK_NAME.fullmatch(name):
                # a table's row label padded to the width of three characters: "江  苏", "全　国"
                names.setdefault(f"{name[0]} {name[1]}", r["code"])
    # then every prefecture and county ("Anji County", 安吉县), where regions.yaml does not name it first
    for d in catalog.divisions():
        for name in (d["name_zh"], d["short_zh"], d["name_en"]):
            if name:
                names.setdefault(name, d["region"])
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


_PROVINCIAL_BEFORE = re.compile(r"(?:\bProvincial|\bprovincial|\bMunicipal|\bRegional|省|自治区|市|区)\s*$")


def agency_mentions(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The agencies named in a stretch of text; a national body's name right after a province ("浙江省能源局",
    "Guangdong Provincial Development and Reform Commission") is that province's body."""
    provincial = {a["agency_id"]: a.get("provincial") for a in catalog.agencies()}
    places = region_gazetteer()
    out = []
    for a_start, a_end, agency in agency_gazetteer().mentions(text, start, end):
        before = text[max(start, a_start - 30) : a_start]
        local = _PROVINCIAL_BEFORE.search(before) or any(
            e == len(before) and code.startswith("CN-")
            for _, e, code in places.mentions(before, 0, len(before))
        )
        out.append((a_start, a_end, (provincial.get(agency) or agency) if local else agency))
    return out


_ETC_AFTER = re.compile(r"\s*等")


def _examples_of_several(text: str, mentions, last) -> str | None:
    """ "海口、拉萨、林芝等20个城市", "内蒙古、宁夏、新疆等5个省份": places listed as examples of a count across
    several provinces speak of the country (CN); None when the list is not one."""
    if not _ETC_AFTER.match(text, last[1]):
        return None
    listed = [m for m in coordinated(text, [m for m in mentions if m[1] <= last[1]])]
    provinces = {code for _s, _e, code in listed}
    return "CN" if len(provinces) > 1 else None


def _several(text: str, mentions, last) -> str:
    """The region of the place named last, unless it ends a list of provinces ("after a wet autumn in Sichuan
    and Yunnan", 四川和云南来水偏丰): several provinces together are the country's concern (CN). A list the
    figures go with one by one ("respectively", 分别) is resolved member by member afterwards."""
    listed = coordinated(text, [m for m in mentions if m[1] <= last[1]])
    if listed and _SET_ASIDE_BEFORE.search(text, max(0, listed[0][0] - 14), listed[0][0]):
        return last[2]  # "Outside China, India permitted 3.2 GW": the place set aside is no member
    return "CN" if len({code for _s, _e, code in listed}) > 1 else last[2]


_SET_ASIDE_BEFORE = re.compile(
    r"(?i:\b(?:outside(?:\s+of)?|except(?:\s+for)?|excluding|apart\s+from|beyond|unlike)\s+)$|(?:除|除了)$"
)


# a project, plant or base the paragraph placed before: it is where it was said to be
_PROJECT_ANAPHORA = re.compile(
    r"\b(?i:the|this)\s+(?:project|plant|station|base|park|wind\s+farm|farm|facility|mine|smelter|refinery)\b"
    r"|(?:该|此|这一?)(?:项目|电站|基地|园区|工程|风电场|光伏电站)"
)
_ITS = re.compile(r"\s*Its\b")  # "Its target is ...": of what the sentence before spoke of
_PROVINCE_ANAPHORA = re.compile(
    r"\b(?:the province|the whole province|the provincial|the municipality|the region|the autonomous region"
    r"|the city|the whole city)\b"
    r"|全省|该省|全市|本省|本市|该市|全区|自治区",
    re.IGNORECASE,
)
# a place that names a company, an exchange or another body ("Shanghai Electric", 北京能源集团,
# 北京电力交易中心, "Dalian Commodity Exchange", 宁德时代) or where someone is based ("a Beijing-based
# analyst") is not where the fact is
_COMPANY_AFTER = re.compile(
    r"(?:\s+[A-Z][A-Za-z&-]*){0,3}\s+(?:Group|Co\.?|Company|Corporation|Corp\.?|Ltd\.?|Holdings|Inc\.?"
    r"|Exchange|University|Institute|Securities|Bank|Daily)\b|-based\b"
    r"|[)）]?[\u4e00-\u9fff]{0,4}(?:集团|公司|股份|交易中心|交易所|大学|研究院|研究所|银行|日报|晚报)"  # 通威太阳能（合肥）有限公司
    r"|(?:电气|重工|石化|钢铁|电建|建工|时代)"
)
# a company's full legal name that opens with a place's short name and its brand
_BRAND_COMPANY_AFTER = re.compile(r"[\u4e00-\u9fff]{2,16}?(?:股份)?有限(?:责任)?公司")
_PLACE_SUFFIXES = frozenset("省市区县州盟")
# the end of a division's full name (a prefecture's short name may end in 州: 潮州, 杭州)
_FULL_NAME_END = re.compile(r"(?:[省市区县盟]|自治州)$")
_TOWN_SUFFIXES = frozenset("镇乡村")
# "宁夏至湖南 ... 工程", "from Ningxia to Hunan": a link between two places belongs to where it starts
_LINK = re.compile(
    r"\s*(?:至|到|-|–|—|to|->|-->|→|⟶|=>|⇒)\s*", re.IGNORECASE
)  # (an arrow: sender -> receiver)


@cache
def _national_company_names() -> frozenset[str]:
    return frozenset(n.lower() for r in catalog.regions() for n in r.get("national_companies") or [])


def place_mentions(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The places named in a stretch of text, without those that name a company, and with the far end of
    a link ("from Ningxia to Hunan") read as its start."""
    out: list[tuple[int, int, str]] = []
    companies = _national_company_names()
    sent_along: list[bool] = []  # whether the stretch says what is sent along a route (searched once)
    linked_end = -1  # where the far end of the last link ends
    for m in region_gazetteer().mentions(text, start, end):
        if (
            _COMPANY_AFTER.match(text, m[1], min(end, m[1] + 40))
            and text[m[0] : m[1]].lower() not in companies
        ):
            continue  # (a central enterprise's name is the country's: 国家电网公司)
        if text[m[1] : m[1] + 1] in _TOWN_SUFFIXES and not _FULL_NAME_END.search(text, m[0], m[1]):
            continue  # 九江镇, a town of Foshan, is not the city of Jiujiang; 潮州鎮 of Pingtung not Chaozhou
        if text[m[1] - 1 : m[1]] not in _PLACE_SUFFIXES and _BRAND_COMPANY_AFTER.match(
            text, m[1], min(end, m[1] + 24)
        ):
            continue  # 江苏恒锂新能源科技股份有限公司: a brand after the place's short name (not 江苏省电力有限公司)
        if m[2] == "CN" and _RANK_IN_COUNTRY.search(text, max(start, m[0] - 3), m[1] + 6):
            continue  # 占比居全国第2位, 位居全国前列, "ranks first in the country": a rank, not a place
        if (
            m[2] == "CN"
            and _NATIONAL_INSTITUTION_AFTER.match(text, m[1], min(end, m[1] + 24))
            and (
                (out and out[-1][1] >= _clause_back(text, m[0], start))
                or _PROVINCE_ANAPHORA.search(text, _clause_back(text, m[0], start), m[0])
            )
        ):
            continue  # 全省纳入全国碳市场的企业: a province's part in a national market stays the province's
        if m[0] > 0 and text[m[0] - 1 : m[0] + 1] in _words_into_places() and m[1] - m[0] == 2:
            continue  # 投运城轨交通: the word 投运 runs into 运城 (Yuncheng), which is not named
        if text[m[0] : m[1]].isupper() and _DATELINE_AFTER.match(text, m[1]):
            continue  # "BEIJING, July 16 (Xinhua) --", "BEIJING — China's ...": where the news was filed
        if any(text.startswith(w, m[0]) for w in _words_from_places().get(text[m[0] : m[1]], ())):
            continue  # 日照时数 (sunshine hours) names no Rizhao
        if _LANDFORM_AFTER.match(text, m[1], min(len(text), m[1] + 12)):
            continue  # "the Ordos Basin", 四川盆地: a basin or a delta named after a place spans several
        if _EXCLUDED_BEFORE.search(text, max(start, m[0] - 16), m[0]):
            continue  # "in mainland China (excluding Taiwan)", 不含港澳台: a place left out says where not
        link = _LINK.fullmatch(text, out[-1][1], m[0]) if out else None
        if (
            link
            and link.group().strip() in "-–—"
            and m[2] != out[-1][2]
            and mainland_province(m[2])
            and mainland_province(out[-1][2])
            and not _sent_along(text, start, end, sent_along)
        ):
            # "Yulin - Lianyungang": a route across provinces is the country's (what is sent along it, the
            # sender's: 哈密—重庆工程…每年可向重庆输送电量)
            out[-1] = (out[-1][0], out[-1][1], "CN")
            m = (m[0], m[1], "CN")
        elif link and not RELOCATION.search(text, max(start, out[-1][0] - 80), out[-1][0]):
            m = (m[0], m[1], out[-1][2])  # (capacity relocated "from Shandong to Yunnan" is moved to both)
            linked_end = m[1]
        elif out and out[-1][1] == linked_end and _ALSO_LINKED.fullmatch(text, linked_end, m[0]):
            m = (m[0], m[1], out[-1][2])  # "Xinjiang -> Chongqing / Sichuan": every far end is the start's
            linked_end = m[1]
        elif mainland_province(m[2]) and _route_end(text, m, start, end):
            # "Baihetan-Jiangsu ±800 kV UHV DC project", 陇东—山东特高压: a route's end names no place of the
            # figures (a provincial report's own line is its province's; a national one's, the country's)
            continue
        out.append(m)
    return out


_ALSO_LINKED = re.compile(r"\s*(?:/|、|,|&|和|及|(?i:and))\s*")


# a landform named after a place, which reaches beyond it: "Ordos Basin", 准噶尔盆地, "Pearl River Delta"
_LANDFORM_AFTER = re.compile(r"\s?(?i:basin|plateau|delta)\b|盆地|高原|三角洲")


# a move of capacity or of a plant from one place to another (产能转移, 搬迁, "relocation")
RELOCATION = re.compile(r"(?i:\brelocat|\btransfer|\bmov(?:e|es|ed|ing)\b)|搬迁|转移|迁建|异地")


# what follows a place in capitals that opens a wire story: its date, or a dash
_DATELINE_AFTER = re.compile(
    rf"\s*(?:,\s*(?:(?:{MONTHS})|\d)|\s[—–-]{{1,2}}\s|\s*\((?:Xinhua|Reuters|AP|AFP|Bloomberg)\))"
)


def _sent_along(text: str, start: int, end: int, memo: list[bool]) -> bool:
    """Whether the stretch [start, end) says what is sent along a route; `memo` keeps the answer for the
    next link of the same stretch (the search reads the whole stretch, the whole report for its places)."""
    if not memo:
        memo.append(
            any(text.find(w, start, end) != -1 for w in _SENT_ALONG_ZH)
            or _SENT_ALONG_GATE.search(_SENT_ALONG_EN, text, start, end) is not None
        )
    return memo[0]


# one end of a line, a pipeline or a corridor named by its two ends ("Baihetan-Jiangsu ±800 kV UHV DC
# project", 白鹤滩—江苏特高压直流工程), the other end a station or a base the gazetteer does not name
_ROUTE_BEFORE = re.compile(r"(?:[A-Z][a-z]+|[\u4e00-\u9fff]{2,4})\s?[-–—]\s?$")
_ROUTE_AFTER = re.compile(r"\s?[-–—]\s?(?:[A-Z][a-z]+|[\u4e00-\u9fff]{2,4})")
_LINE_AFTER = re.compile(
    r"[^.。;；,，\n]{0,30}?(?:(?i:\bU?HV(?:DC|AC)?\b|\blines?\b|\bDC\b|\bAC\b|\bpipelines?\b|\btransmission\b|"
    r"\brailway\b|\bcorridor\b)|特高压|直流|交流|输电|线路|管道|铁路|通道)"
)


def _route_end(text: str, m: tuple[int, int, str], start: int, end: int) -> bool:
    before = _ROUTE_BEFORE.search(text, max(start, m[0] - 12), m[0])
    after = _ROUTE_AFTER.match(text, m[1], end)
    other = before or after
    if other is None or region_gazetteer().mentions(text, other.start(), other.end()):
        return False  # (a route between two places the gazetteer names is read as a link: "Zhundong-Anhui")
    return bool(_LINE_AFTER.match(text, after.end() if after else m[1], end))


# (what the regex 输送|送电|外送|输电量|(?i:\b(?:deliver|…|sent)\b) finds, in two parts: the Chinese words as
# literals, the English ones searched only where one of them begins)
_SENT_ALONG_ZH = ("输送", "送电", "外送", "输电量")
_SENT_ALONG_WORDS = (
    *("deliver", "delivers", "delivered"),
    *("transmit", "transmits", "transmitted"),
    *("send", "sends", "sent"),
)
_SENT_ALONG_EN = re.compile(r"(?i:\b(?:" + "|".join(_SENT_ALONG_WORDS) + r")\b)")
_SENT_ALONG_GATE = Gate(list(_SENT_ALONG_WORDS))


# the regions with their own systems of statistics, beside the mainland's provinces
SEPARATE_SYSTEMS = frozenset({"CN-HK", "CN-MO", "CN-TW"})


def mainland_province(code: str) -> bool:
    """Whether a region code is one of the mainland's provinces (not the country, not abroad, not Hong
    Kong, Macao or Taiwan)."""
    return code.startswith("CN-") and code not in SEPARATE_SYSTEMS


@cache
def _words_from_places() -> dict[str, tuple[str, ...]]:
    """Everyday words that open with a place's short name, by the name they open with."""
    names = region_gazetteer().code_of
    out: dict[str, list[str]] = {}
    for word in catalog.grammar_words("cues", "word_from_place"):
        name = next((word[:n] for n in range(len(word), 0, -1) if word[:n].lower() in names), None)
        if name:
            out.setdefault(name, []).append(word)
    return {name: tuple(words) for name, words in out.items()}


@cache
def _words_into_places() -> frozenset[str]:
    return frozenset(catalog.grammar_words("cues", "word_into_place"))


_EXCLUDED_BEFORE = re.compile(
    r"(?:\b(?i:excluding|excl\.|except(?:\s+for)?|not\s+including|other\s+than|outside\s+of)|不含|不包括|未含|除了?)"
    r"\s*(?:(?i:the\s+)?[\w\s]{0,6}(?:,|、|and\s+|和))?\s*$"
)
_RANK_IN_COUNTRY = re.compile(
    r"(?:居|位居|位列|列|排名|排|名列)\s*(?:全国|[\u3400-\u9fff]{2,3}地区)\s*(?:第|前|首|之首|前列|领先)"
    r"|全国(?:第[一二三四五六七八九十\d]+|首位|前列|之最)"
    r"|(?i:\b(?:first|second|third|top|\d+(?:st|nd|rd|th))\s+(?:in|among)\s+the\s+country)"
)


def _clause_back(text: str, at: int, start: int) -> int:
    """Where the sentence holding `at` begins, at most 60 characters back."""
    back = max(start, at - 60)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, back, at)]
    return ends[-1] if ends else back


_SENTENCE_END = re.compile(r"[。；！？;!?\n]|\.\s")


# a national institution the country names ("全国碳市场", 全国碳排放权交易市场, "China's national carbon
# market"): a province's figures about its part in it stay the province's
_NATIONAL_INSTITUTION_AFTER = re.compile(
    r"(?:碳市场|碳排放权|碳排放交易|温室气体自愿减排|统一电力市场|统一大市场|碳交易市场)"
    r"|(?:'s|’s)?\s+(?i:national\s+)?(?i:carbon|emissions?[- ]trading|ETS\b)",
)


# "占全国原煤产量的比重": the place after 占 is the whole a share is of; "向重庆输送", "to Chongqing": where a
# flow goes; neither is what the fact is about
_WHOLE_OR_DESTINATION = re.compile(r"(?:[占向往至]|\b(?i:to|into|towards?)\s+)$")


def _whole_or_destination(text: str, start: int) -> bool:
    return bool(_WHOLE_OR_DESTINATION.search(text, max(0, start - 8), start))


# where figures are announced, not what they are about: "在香港公布2023年业绩", "在北京召开新闻发布会", "said on
# Thursday in Hong Kong", "told a news conference in Beijing"; but a meeting "held in Xiamen" (在厦门举行) with 1,200
# attendees is Xiamen's
_VENUE_VERB_AFTER = re.compile(r"[^，。；,;\s]{0,6}?(?:公布|发布|宣布|表示|介绍|透露|通报)")
_VENUE_BEFORE = re.compile(
    r"(?:在|于)$|\b(?i:said|says|announced|announces|told|disclosed|unveiled)\b[^.;:]{0,40}\bin\s+$"
)


def _venue(text: str, start: int, end: int) -> bool:
    before = _VENUE_BEFORE.search(text, max(0, start - 60), start)
    if before is None:
        return False
    return bool(_VENUE_VERB_AFTER.match(text, end)) if before.group() in ("在", "于") else True


def _destinations(text: str, mentions: list[tuple[int, int, str]]) -> list[bool]:
    """For each place, whether it is a whole or a destination, or listed with one ("向河南、江苏等省外送"), or
    the venue where its figures were announced."""
    out: list[bool] = []
    for i, (start, end, code) in enumerate(mentions):
        listed = i > 0 and out[-1] and bool(_COORDINATOR.fullmatch(text, mentions[i - 1][1], start))
        # "高出全国平均水平约17个百分点", "above the national average": the whole a figure is held against
        average = code == "CN" and bool(
            _AVERAGE_AFTER.match(text, end) or _RANKED_IN.search(text, max(0, start - 40), start)
        )
        average = average or bool(_SOURCE_AFTER.match(text, end))  # 约89%由内地输入: where it comes from
        average = average or (code == "CN" and _market_joined(text, start, end))
        out.append(listed or average or _whole_or_destination(text, start) or _venue(text, start, end))
    return out


@lru_cache(maxsize=64)
def _sentence_destinations(text: str, mentions: tuple[tuple[int, int, str], ...]) -> list[bool]:
    """`_destinations` of a sentence's places, worked out once for all of its figures (read only)."""
    return _destinations(text, list(mentions))


# a figure spread over several provinces: "18.6 GW … in 11 provinces", 在12个省（区）建成…
_MANY_PROVINCES_AFTER = re.compile(
    r"[^,;:.，。；：\n]{0,40}?\b(?i:in|across|over|spanning)\s+(?:\d{1,2}|two|three|four|five|six|seven|eight|nine"
    r"|ten|several|multiple)\s+(?i:provinces|provincial-level\s+regions|regions\s+of\s+China)\b"
)
_MANY_PROVINCES_BEFORE = re.compile(
    r"(?:在|分布在|分布于|覆盖|遍布)\s*\d{1,2}\s*个\s*(?:省|省份|省区)[^，。；,;]{0,24}$"
)
_NATIONAL_FIGURE = re.compile(
    r"\b(?i:national|nationwide|country's|industry|sector|industry-wide|sector-wide)\s+(?:average|total|figure|level"
    r"|benchmark)\s+(?i:of|was|is|at|stood\s+at)\s+(?i:about\s+|around\s+)?$"
    r"|(?<!高出)(?<!高于)(?<!低于)(?<!超出)(?<!超过)(?<!比)(?<!较)(?:全国|行业|全行业)(?:平均水平?|平均值|均值)(?:为|是|约为)\s*(?:约\s*)?$"
)  # (... and the average of the sector across the country: "the industry average of 298 gce/kWh", 行业平均)


def _national_figure_before(text: str, start: int, end: int) -> bool:
    """`_NATIONAL_FIGURE.search(text, start, end)`, searched only when the stretch ends as a match does:
    in a space (the English words) or in 为, 是 or 约 (the Chinese), as few stretches before a number do."""
    last = text[end - 1 : end] if end > start else ""
    return (last.isspace() or last in _NATIONAL_FIGURE_LAST) and bool(
        _NATIONAL_FIGURE.search(text, start, end)
    )


_NATIONAL_FIGURE_LAST = frozenset("为是约")
# "the highest in the country", "fastest among all provinces": the whole a place is ranked in
_RANKED_IN = re.compile(
    r"\b(?i:highest|lowest|largest|biggest|smallest|most|least|fastest|slowest|first|top|best|worst|leading)"
    r"\b(?:\s+\w+)?\s+(?i:in|among|of)\s+(?i:the\s+|all\s+)?$"
)
_AVERAGE_AFTER = re.compile(r"\s*(?:的)?(?:平均|(?i:average))")
_SOURCE_AFTER = re.compile(
    r"(?:\s*[(（][^()（）]{0,24}[)）])?\s*(?:输入|输送|进口|调入|购入|输电)"
)  # (由内地（岭东核电站）输入)


# a market of a wider area that the subject takes part in (参与华北电力调峰辅助服务市场, "trades in the North
# China market"): the market's area is not where the subject's figures are
_JOINING_BEFORE = re.compile(
    r"(?:参与|参加|加入|进入|(?i:\b(?:participat\w*|join\w*|trad\w*)\s+in(?:to)?\s+(?:the\s+)?))$"
)
_MARKET_AFTER = re.compile(r"[^，。；,;\n]{0,16}?(?:市场|(?i:\s?market\b))")


def _market_joined(text: str, start: int, end: int) -> bool:
    return bool(_JOINING_BEFORE.search(text, max(0, start - 24), start) and _MARKET_AFTER.match(text, end))


# ", which Hainan officials visited last month,": a place inside a relative clause set off by commas
_RELATIVE_OPEN = re.compile(r",\s*(?:which|where|who|whose)\b[^,;]*$", re.IGNORECASE)


def _in_relative_clause(text: str, mention: tuple[int, int, str], q_start: int) -> bool:
    """A place named inside a clause set off by commas (", which ... ,") before the number, not the place
    the sentence speaks of."""
    opened = _RELATIVE_OPEN.search(text, max(0, mention[0] - 60), mention[0])
    closed = text.find(",", mention[1], min(q_start, mention[1] + 200))
    return bool(opened) and closed != -1


@cache
def _own_country_words() -> dict[str, frozenset[str]]:
    """Region -> the words its own reports name it by (我国 and 全国 in a report of Taiwan)."""
    return {
        r["code"]: frozenset(r["own_country_words"]) for r in catalog.regions() if r.get("own_country_words")
    }


@cache
def _currencies() -> dict[str, str]:
    return {r["code"]: r["currency"] for r in catalog.regions() if r.get("currency")}


def region_currency(region: str) -> str | None:
    """The currency a region's reports count in when they write 元 (HKD in Hong Kong)."""
    return _currencies().get(region)


def names_own_country(
    text: str, mention: tuple[int, int, str], report_region: str, first_person: bool = False
) -> bool:
    """Whether a mention of the country (我国, 全国) names the report's own region instead."""
    said = text[mention[0] : mention[1]]
    if said not in _own_country_words().get(report_region, ()):
        return False
    if first_person and said not in _FIRST_PERSON:
        return (
            False  # (in a text about the mainland, 全國 and 國內 are the mainland's; 我國 is still its own)
        )
    return not _MAINLAND_BEFORE.search(text, max(0, mention[0] - 4), mention[0])  # 大陸全國碳市場


_MAINLAND_BEFORE = re.compile(r"(?:大陆|内地|中国|中共|对岸)$")
_FIRST_PERSON = frozenset({"我国"})


def region_for(
    text: str,
    sentence_mentions: list[tuple[int, int, str]],
    sentence_start: int,
    q_start: int,
    paragraph_region: str | None,
    report_region: str = "CN",
    parts: bool = False,
    home_region: str | None = None,
    q_end: int | None = None,
    own_region: str | None = None,
) -> str:
    """The region a fact is about: the place its own clause puts it in right after it ("30 GW in Gansu"),
    else the last place named before it in its sentence; `the province` refers back to the paragraph's
    last region (else the report's); otherwise the report's region, which is national unless the report
    is about one province."""
    placed = _placed_after(text, sentence_mentions, q_end) if q_end is not None else None
    if placed is not None:
        return placed
    after = text[q_end : q_end + 60] if q_end is not None else ""
    spread_after = ("rovinc" in after or "egions of" in after) and _MANY_PROVINCES_AFTER.match(after)
    before = text[max(sentence_start, q_start - 30) : q_start]
    if spread_after or ("个" in before and _MANY_PROVINCES_BEFORE.search(before)):
        # "operates 18.6 GW of wind and solar capacity in 11 provinces", 分布在12个省份的…: several provinces'
        return "CN"
    # the last place before the number, looked for from the end (the regex tests run on the places after
    # it only), unless it stands in a relative clause (then the one before it)
    away = _sentence_destinations(text, tuple(sentence_mentions))
    before = (
        m
        for m, elsewhere in zip(reversed(sentence_mentions), reversed(away), strict=True)
        if m[1] <= q_start and not elsewhere and not _in_relative_clause(text, m, q_start)
    )
    last = next(before, None)
    if _national_figure_before(text, max(sentence_start, q_start - 40), q_start):
        return "CN"  # "…, the lowest in the country, against a national average of 96.9%"
    if last is not None and names_own_country(
        text, last, own_region or report_region, own_region is not None
    ):
        return own_region or report_region  # 我國 in a report of Taiwan
    if last is not None:
        return _examples_of_several(text, sentence_mentions, last) or _several(text, sentence_mentions, last)
    if parts and paragraph_region:
        return paragraph_region  # "其中，海上风电…": parts of what the sentence before said of a place
    if paragraph_region and _PROJECT_ANAPHORA.search(text, sentence_start, q_start):
        return paragraph_region  # "… project in Kuqa, Xinjiang, began … The project pairs a 300 MW PV plant"
    if _PROVINCE_ANAPHORA.search(text, sentence_start, q_start) or _ITS.match(text, sentence_start):
        # in a provincial report "the whole province" is the report's; in a national one, the last named
        # (... or the province of the body that publishes it: 湖北电力交易中心's "全省")
        return report_region if report_region != "CN" else (paragraph_region or home_region or report_region)
    return report_region


# between a figure and the place its clause puts it in: "30 GW in Gansu", "1 million tonnes per year in
# Hebei", "2 GW of solar in Qinghai" (no other figure, no clause break, no relative clause)
_PLACED_BY = re.compile(
    r"[^\d,;:.()\n，；：。]{0,40}?(?<![A-Za-z])(?:in|across|at)\s+(?:the\s+)?"
    r"(?:(?:province|region|city|county|prefecture)\s+of\s+)?"
    # (a town the gazetteer does not name, then its country or province: "in Rayong, Thailand")
    rf"(?:(?!(?:{MONTHS})\b)(?-i:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?),\s*)?$",
    re.IGNORECASE,
)
# between a figure of a flow and the province it comes from: " TWh from ", "亿千瓦时来自" (its unit only)
_SENT_FROM = re.compile(r"[^\d,;:.()\n，；：。]{0,16}?\s(?i:from)\s+(?:the\s+)?")
_BOUGHT_BEFORE = re.compile(
    r"(?i:\b(?:bought|buys?|purchased?|imported|imports?|received|receives?|sourced|procured|took|takes)\b)(?:[^.;。；]|\.\d)*$"
)
_SHARE_OF_A_PLACE = re.compile(r"\s*(?:%|percent|per\s*cent|pc)?\s*of\s+(?:the\s+)?", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\b")
_NOT_PLACING = re.compile(r"\b(?:which|that|who|where|than|from|to|compared)\b", re.IGNORECASE)


def _placed_after(text: str, mentions: list[tuple[int, int, str]], q_end: int) -> str | None:
    """The region of the place a figure's own clause puts it in right after it ("30 GW in Gansu")."""
    following = next((m for m in mentions if m[0] >= q_end), None)
    if following is None or following[0] - q_end > 60:
        return None
    between = text[q_end : following[0]]
    if (
        following[2] != "CN"
        and _SHARE_OF_A_PLACE.fullmatch(between)
        and _POSSESSIVE.match(text, following[1])
    ):
        # "71.4% of Yunnan's installed capacity": a share of the place's own whole ("70% of China's
        # reserves" is the share of the part the sentence speaks of)
        return following[2]
    if (
        mainland_province(following[2])
        and _SENT_FROM.fullmatch(between)
        and not _POSSESSIVE.match(text, following[1])
        and not _BOUGHT_BEFORE.search(text, max(0, q_end - 60), q_end)
    ):
        return following[2]  # "of which 71.6 TWh from Yunnan": what a province sends is its own (not
        # what another bought from it: "the grid operator bought 1.9 bln kWh from Shaanxi")
    if not _PLACED_BY.fullmatch(between) or _NOT_PLACING.search(between):
        return None
    # "14 units in Hebei and Shandong": in several provinces, the country's (CN)
    at = mentions.index(following)
    listed, end = [following], following[1]
    for m in mentions[at + 1 :]:
        if _GLOSS_OPEN.fullmatch(text, end, m[0]) and (close := _GLOSS_CLOSE.match(text, m[1])):
            end = close.end()  # "in Beihai (Guangxi) and Yangjiang (Guangdong)": a town's province
            continue
        if not _COORDINATOR.fullmatch(text, end, m[0]):
            break
        listed.append(m)
        end = m[1]
    return "CN" if len({code for _s, _e, code in listed}) > 1 else following[2]


_GLOSS_OPEN = re.compile(r"\s*[(（]\s*")
_GLOSS_CLOSE = re.compile(r"\s*(?:Province\s*)?[)）]")


# --- lists ("respectively") ----------------------------------------------------------------------------

# (a place's part may stand between a member and the next: 西藏中西部、青海西部、内蒙古西部)
_COORDINATOR = re.compile(
    r"(?:[东西南北中]{1,3}部|大部)?\s*(?:,\s*and|,\s*or|,|、|，|和|及|与|以及|and|or)\s*", re.IGNORECASE
)
_JOINED = re.compile(r"[\s-]*")


def coordinated(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The members of the coordinated list that ends with the last of `spans` ("Jilin, Shanghai and
    Hebei"; 风电、太阳能发电量): spans written side by side are one member ("biomass power"); a list
    needs two members or more."""
    members: list[tuple[int, int, str]] = []
    for start, end, label in reversed(spans):
        if members and (end > members[-1][0] or _JOINED.fullmatch(text, end, members[-1][0])):
            members[-1] = (min(start, members[-1][0]), members[-1][1], members[-1][2])
        elif not members or _COORDINATOR.fullmatch(text, end, members[-1][0]):
            members.append((start, end, label))
        else:
            break
    return list(reversed(members)) if len(members) > 1 else []


# --- indicators -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorMatcher:
    pattern: re.Pattern
    scan: WordScan  # the pattern, tried only where a phrase begins
    phrases: dict[str, list[tuple[str, int, int]]]  # phrase -> [(indicator id, group index, matched length)]
    groups: dict[str, int]  # indicator id -> number of groups
    dimension: dict[str, str]
    order: dict[str, int]
    generic: frozenset[str]
    measures: dict[str, tuple]  # indicator id -> the measures it may name (empty: any)
    # indicator id -> its match groups that a unit of power says by itself: "wind power added 75.9 GW" names
    # the capacity of "newly added wind power capacity" with its unit
    said_by_power_unit: dict[str, frozenset[int]]
    # one-character classifiers that name what is counted (3000家, 240万户) only right after a number, not
    # inside a word (国家, 私家车, 家电, 用户)
    classifiers: frozenset[str]


@cache
def indicator_matcher() -> IndicatorMatcher:
    phrases: dict[str, list] = {}
    groups, dimension, order, measures = {}, {}, {}, {}
    for i, ind in enumerate(catalog.indicators()):
        measures[ind["id"]] = tuple(ind.get("measures") or ())
        groups[ind["id"]] = len(ind["match"])
        dimension[ind["id"]] = ind["dimension"]
        order[ind["id"]] = i
        for g, alternatives in enumerate(ind["match"]):
            for phrase in alternatives:
                # keyed as hits are ("coal-fired" is found as "coal fired"); the pattern's spaces match
                # hyphens too
                phrases.setdefault(_SPACES.sub(" ", phrase.lower()), []).append((ind["id"], g))
    # The regex reports the longest phrase at a position ("power generation"); the shorter catalog phrases
    # it contains ("power", "generat") count too, with their own length.
    inside = phrases_inside(list(phrases))
    for phrase in list(phrases):
        for other in inside[phrase]:
            if _contains_at_word_start(phrase, other) and not _ends_in_other_word(phrase, other):
                phrases[phrase] = phrases[phrase] + [(ind, g, len(other)) for ind, g, *_ in phrases[other]]
    phrases = {
        p: [(e[0], e[1], e[2] if len(e) > 2 else len(p)) for e in entries] for p, entries in phrases.items()
    }
    generic = frozenset(i["id"] for i in catalog.indicators() if i.get("generic"))
    capacity_words = {
        w.lower() for w in _cues()["capacity_words"].get("en", []) + _cues()["capacity_words"].get("zh", [])
    }
    said_by_power_unit = {
        ind["id"]: frozenset(
            g
            for g, alternatives in enumerate(ind["match"])
            if capacity_words & {a.lower() for a in alternatives}
        )
        for ind in catalog.indicators()
        if ind["dimension"] == "power"
    }
    classifiers = frozenset(
        phrase
        for ind in catalog.indicators()
        if ind["dimension"] == "count" and len(ind["match"]) == 1
        for phrase in ind["match"][0]
        if len(phrase) == 1 and not phrase.isascii()
    )
    pattern = re.compile(_names_pattern(list(phrases), ignore_case=True, whole_words=False))
    return IndicatorMatcher(
        pattern,
        WordScan(pattern, _trie_words(list(phrases), ignore_case=True, whole_words=False), ignore_case=True),
        phrases,
        groups,
        dimension,
        order,
        generic,
        measures,
        said_by_power_unit,
        classifiers,
    )


def phrases_inside(phrases: list[str]) -> dict[str, list[str]]:
    """For each of some distinct phrases, the others written inside it, in the list's order: one
    Aho-Corasick pass over each phrase, where testing every pair took 640,000 tests of the catalog's 800."""
    if not all(phrases):
        return {p: [o for o in phrases if o != p and o in p] for p in phrases}  # (no automaton of "")
    finder = AhoCorasick(phrases)
    order = {p: i for i, p in enumerate(phrases)}
    inside = {}
    for phrase in phrases:
        found = {phrases[k] for k, _start, _end in finder.find_matches_as_indexes(phrase, overlapping=True)}
        inside[phrase] = sorted(found - {phrase}, key=order.__getitem__)
    return inside


def _ends_in_other_word(phrase: str, stem: str) -> bool:
    """`stem` is in `phrase` only as the start of an everyday word it does not name ("hydro" in "hydrogen")."""
    return phrase.startswith(stem) and _word_from(phrase, 0) in catalog.not_stem_words()


_LATIN_WORD = re.compile(r"[A-Za-z]+")


def _word_from(text: str, start: int) -> str:
    m = _LATIN_WORD.match(text, start)
    return m.group().lower() if m else ""


@cache
def _stems_of_other_words() -> frozenset[str]:
    """The ends of catalog phrases that begin one of the everyday words of `not_stem_words` ("organ",
    "hydro"): only a hit ending so may stop inside such a word (the others are not looked at)."""
    words = catalog.not_stem_words()
    tails = {p.split()[-1] for p in indicator_matcher().phrases if p.isascii() and p.strip()}
    return frozenset(t for t in tails if any(w.startswith(t) and w != t for w in words))


def _ends_inside_other_word(text: str, start: int, end: int) -> bool:
    """A hit that stops inside a Latin word which only begins with its stem (organ|ised, bus|iness)."""
    if end >= len(text) or not text[end].isascii() or not text[end].isalpha():
        return False
    if _word_from(text[max(start, end - 20) : end][::-1], 0)[::-1] not in _stems_of_other_words():
        return False  # (most stems begin no everyday word of another meaning: "generat|ion")
    word_start = end
    while word_start > start and text[word_start - 1].isascii() and text[word_start - 1].isalpha():
        word_start -= 1
    return _word_from(text, word_start) in catalog.not_stem_words()


def _contains_at_word_start(phrase: str, other: str) -> bool:
    # Chinese has no word boundaries: 储能 counts inside 新型储能 (the substring test first: it is rarely in)
    return other in phrase and any(
        phrase.startswith(other, i)
        for i in range(len(phrase))
        if i == 0 or not phrase[i - 1].isalnum() or not phrase[i].isascii()
    )


def compatible(indicator_dimension: str, unit: str | None, measure_: str, measures: tuple = ()) -> bool:
    if unit is None or (measures and measure_ not in measures):
        return False  # a growth-rate indicator does not name a share, nor a share one a growth rate
    dim = units.unit_table()[unit].dimension if unit in units.unit_table() else "count"
    if dim == indicator_dimension or (
        dim.startswith("currency") and indicator_dimension.startswith("currency")
    ):
        return True  # an amount of money in any currency (investment in HKD, TWD)
    # A relative change or a multiple describes the indicator it follows, whatever that one's unit.
    return measure_ == "change" and dim in ("ratio", "multiple", "ratio_change")


# (a pure function of catalog values, asked for every indicator a window names)
_compatible = cache(compatible)

_NUMBER_END = re.compile(r"[\d〇零○一二两三四五六七八九十百千万亿多余]\s*个?$")  # 3000家, 28个省份


def _after_a_number(text: str, pos: int) -> bool:
    return bool(_NUMBER_END.search(text, max(0, pos - 3), pos))


# what a bracket says is left out names nothing measured: "new-type storage (everything except pumped hydro)"
_LEFT_OUT = re.compile(
    r"[(（]\s*(?:(?i:everything\s+|all\s+)?(?i:except|excluding|not\s+including|other\s+than)|不含|不包括|除)[^()（）]{0,60}[)）]"
)


@dataclass(frozen=True)
class PhraseHits:
    """Catalog phrases found in a text, in order, so that each window is a slice, not a new scan."""

    starts: list[int]
    hits: list[tuple[int, int, str]]  # start, end, normalized phrase

    @classmethod
    def of(cls, text: str, start: int = 0, end: int | None = None) -> PhraseHits:
        m = indicator_matcher()
        scan, end = m.scan, len(text) if end is None else end
        match, starts = scan.pattern.match, scan.starts(text)
        hits = []
        for h in finditer_at(scan.pattern, text, start, end, starts):
            h_start, h_end = h.span()
            if h.group() in m.classifiers and not _after_a_number(text, h_start):
                continue
            if starts_word(text, h_start) and not _ends_inside_other_word(text, h_start, h_end):
                hits.append((h_start, h_end, _phrase_key(h.group())))
            # a phrase that overlaps this one and runs past it ("carbon dioxide emissions per unit of GDP")
            inside = (
                range(h_start + 1, h_end)
                if starts is None
                else starts[bisect.bisect_left(starts, h_start + 1) : bisect.bisect_left(starts, h_end)]
            )
            for p in inside:
                if starts_word(text, p) and not text[p].isspace():
                    o = match(text, p, end)
                    if o and o.end() > h_end and not _ends_inside_other_word(text, p, o.end()):
                        hits.append((p, o.end(), _phrase_key(o.group())))
        hits.sort()
        if "(" in text[start:end] or "（" in text[start:end]:
            left_out = [m.span() for m in _LEFT_OUT.finditer(text, start, end)]
            hits = [h for h in hits if not any(a <= h[0] < b for a, b in left_out)]
        return cls([h[0] for h in hits], hits)

    def only(self, spans: list[tuple[int, int]]) -> PhraseHits:
        """The hits that lie inside one of `spans`: a window made of separate stretches of text."""
        kept = [h for h in self.hits if any(a <= h[0] and h[1] <= b for a, b in spans)]
        return PhraseHits([h[0] for h in kept], kept)

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        i, j = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [h for h in self.hits[i:j] if h[1] <= end]


@lru_cache(maxsize=4096)
def _phrase_key(written: str) -> str:
    """A catalog phrase as written in the text, in the form the catalog keys it by (a few hundred phrases
    recur in every report: normalized once each)."""
    return _SPACES.sub(" ", written.lower())


def indicator_for(
    hits: PhraseHits,
    windows: list[tuple[int, int]],
    unit: str | None,
    measure_: str,
    fallback: bool = True,
    prefer: str | None = None,
    own_clause: int = 1,
) -> str | None:
    """The best catalog indicator whose match groups all occur in a window: the first window naming a
    specific indicator wins; a generic one (enterprises, projects) only when no window names a specific
    one; and when nothing matches, the only indicator of the unit's dimension, if there is just one.
    In the first `own_clause` windows (the number's own clause) the unit may complete a name.
    `prefer`: the dimension of the whole a passage's parts belong to ("其中，火电增长6.1%" after a sentence on
    generation): among the indicators a window names, those of that dimension come first."""
    m = indicator_matcher()
    generic_choice = None
    for i, (start, end) in enumerate(windows):
        best = _best_in_window(m, hits, start, end, unit if i < own_clause else None, measure_, prefer, unit)
        if best is None:
            continue
        if best not in m.generic:
            return best
        generic_choice = generic_choice or best
    if generic_choice or not fallback:
        return generic_choice
    dimension = units.unit_table()[unit].dimension if unit in units.unit_table() else None
    return _only_indicator_of(dimension)


@cache
def _only_indicator_of(dimension: str | None) -> str | None:
    """The one specific indicator of a dimension, when the catalog has just one (and it names a thing)."""
    m = indicator_matcher()
    only = [ind for ind, dim in m.dimension.items() if dim == dimension and ind not in m.generic]
    return (
        only[0]
        if len(only) == 1 and dimension not in ("count", "ratio", "ratio_change", "multiple")
        else None
    )


def aspect_phrases(indicator: str, hits: PhraseHits) -> list[str]:
    """The phrases among the hits that an indicator names beyond its first match group (what it measures of
    its thing: "newly installed", "capacity" of new_energy_capacity_added)."""
    return [
        phrase
        for _s, _e, phrase in hits.hits
        if any(e[0] == indicator and e[1] > 0 for e in _phrase_weights(phrase))
    ]


def names_a_thing(phrase: str) -> bool:
    """Whether a phrase only ever names the thing an indicator measures (its first match group: 水电,
    "hydropower"), never what of it is measured (新增, 装机, "added")."""
    groups = {g for _ind, g, length in indicator_matcher().phrases.get(phrase, []) if length == len(phrase)}
    return groups == {0}


def names_part_of(indicator: str, hits: PhraseHits) -> bool:
    """Whether any of the hits is one of the indicator's phrases."""
    return any(e[0] == indicator for _s, _e, phrase in hits.hits for e in _phrase_weights(phrase))


@cache
def _phrase_weights(phrase: str) -> tuple[tuple[str, int, int], ...]:
    """(indicator, match group, weight) of every catalog entry a phrase stands for: its length, divided
    among the indicators that share it."""
    entries = indicator_matcher().phrases.get(phrase, [])
    # a phrase many indicators share ("energy consumption") tells less than one of its own ("non-fossil")
    # (counting the indicators that own the whole phrase, not those of a shorter phrase inside it)
    sharing = len({e[0] for e in entries if e[2] == len(phrase)}) or 1
    return tuple((ind, g, length * 10 // sharing) for ind, g, length in entries)


def _best_in_window(m, hits, start, end, completing_unit, measure_, prefer, unit) -> str | None:
    score: dict[str, dict[int, int]] = {}
    length = max(1, end - start)
    for _h_start, h_end, phrase in hits.within(start, end):
        # weight the phrase by length and by closeness to the number (the window's end)
        closeness = (h_end - start) * 10 // length
        for ind, g, weight in _phrase_weights(phrase):
            best = score.get(ind)
            if best is None:
                best = score[ind] = {}
            weight += closeness  # (never negative: the phrase ends inside the window)
            if weight > best.get(g, -1):
                best[g] = weight
    if completing_unit in units.unit_table() and units.unit_table()[completing_unit].dimension == "power":
        # the unit completes a name the words begin (two groups at least); it does not make one of "added"
        for ind, gs in score.items():
            if len(gs) >= 2:
                for g in m.said_by_power_unit.get(ind, ()):
                    gs.setdefault(g, 0)
    ranked = [
        (m.dimension[ind] == prefer, ind not in m.generic, sum(gs.values()), -m.order[ind], ind)
        for ind, gs in score.items()
        if len(gs) == m.groups[ind] and _compatible(m.dimension[ind], unit, measure_, m.measures[ind])
    ]
    return max(ranked)[-1] if ranked else None
