"""Row-level quality rules: each moves an extracted fact to quarantine with a reason code and a detail.

The rules and their codes are listed, in the order they apply, in pipelines/catalog/quality_rules.yaml
with their thresholds and cue words; a row takes the reason of the first rule it breaks. Each rule reads
what it needs to judge a number: its indicator, measure, region level, the clause it stands in, and how
damaged its report is. They read plain columns of the extracted-facts frame and the catalogs, never Dagster.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from pipelines import catalog, provenance, units, warehouse

_YEAR = re.compile(r"199\d|20[0-3]\d")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
# what a clause says besides its subject: numbers, units, time words and verbs of reporting
_NOT_SUBJECT = re.compile(r"[\d.,%％<>]|年|月|日|底|末|约|近|超|达|为|到|了|亿|万|千|百|瓦|时|吨|米|元|个")


def _cue_pattern(words: list[str]) -> re.Pattern:
    return re.compile(
        # (an English word may be plural: "stations", "plants")
        "|".join(
            rf"(?<![A-Za-z]){re.escape(w)}(?:s|es)?(?![A-Za-z])" if w.isascii() else re.escape(w)
            for w in words
        ),
        re.IGNORECASE,
    )


@cache
def _part_of_whole() -> re.Pattern:
    return _cue_pattern(catalog.part_of_whole_words())


@cache
def _addition() -> re.Pattern:
    return _cue_pattern(catalog.rule_cues()["addition"])


def _clause(row) -> str:
    """The clause of the quote that holds the number: what the number is about."""
    quote, at = str(row.quote), int(row.char_start) - int(row.sentence_start)
    start = max(quote.rfind(p, 0, at) for p in ",;，；") + 1
    ends = [i for i in (quote.find(p, at) for p in ",;，；") if i >= 0]
    return quote[start : min(ends, default=len(quote))]


_CLAUSE_BREAK = re.compile(r"[;，；]|,(?!\d)")  # (not the comma of 41,000)


def _previous_clause(row) -> str:
    """The clause before the one that holds the number."""
    quote, at = str(row.quote), int(row.char_start) - int(row.sentence_start)
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(quote, 0, at)]
    if not breaks:
        return ""
    return quote[breaks[-2] + 1 if len(breaks) > 1 else 0 : breaks[-1]]


def _clause_before(row) -> str:
    quote, at = str(row.quote), int(row.char_start) - int(row.sentence_start)
    start = max(quote.rfind(p, 0, at) for p in ",;，；、") + 1
    return quote[start:at]


def is_addition(row) -> bool:
    """The number is an amount added over a period (newly installed), not a total."""
    return bool(_addition().search(_clause_before(row)))


def subject(row) -> frozenset[str]:
    """The words the clause names before the number (Latin words, Chinese characters): two statements
    are about the same thing only when these agree."""
    before = _NOT_SUBJECT.sub(" ", _clause_before(row))
    stop = _STOP_WORDS
    words = {w.lower() for w in _LATIN_WORD.findall(before)} - stop
    return frozenset(words | set(_CJK.findall(before)))


_STOP_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "at",
        "by",
        "to",
        "and",
        "or",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "reached",
        "stood",
        "totaled",
        "totalled",
        "hit",
        "with",
        "about",
        "around",
        "nearly",
        "over",
        "more",
        "than",
        "less",
        "some",
        "approximately",
        "its",
        "their",
        "end",
        "year",
        "first",
        "half",
        "this",
        "last",
    ]
)


@cache
def _scale_word() -> re.Pattern:
    """Any scale word of units.yaml (million, bn, 万, 亿) in a unit as written."""
    words = sorted(
        (w for e in catalog.load("units.yaml")["scales"] for w in e["words"]), key=len, reverse=True
    )
    return re.compile(
        "|".join(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])" if w.isascii() else re.escape(w) for w in words),
        re.IGNORECASE,
    )


def _rounding(value_raw: str) -> float:
    """Relative precision of a number as written: half a unit of its last significant digit."""
    digits = re.sub(r"\D", "", str(value_raw)).lstrip("0")
    return 0.5 * 10 ** (1 - max(len(digits), 1))


def _year_as_value(row) -> bool:
    """A digit group of the number reads as a recent calendar year (2021, 2076.2021, 31,2021): machine
    translation puts years where numbers were lost."""
    return any(_YEAR.fullmatch(part) for part in re.split(r"[.,]", str(row.value_raw)))


_MONTHS = {
    **{
        name: n
        for n, name in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            1,
        )
    },
    **{f"{n}月": n for n in range(1, 13)},
}
_MONTH_NAMED = re.compile(r"(?i:\b(?:" + "|".join(list(_MONTHS)[:12]) + r")\b)|(?<!\d)(?:1[0-2]|[1-9])月")
# a month's number and a number of four or more decimals: 截至9月底…1149万辆 -> "As of September … 9.1149 million"
_GLUED_MONTH = re.compile(r"(1[0-2]|[1-9])\.\d{4,}")


def _month_glued_on(row) -> bool:
    """The number opens with the digits of the month its sentence named just before, followed by four or
    more decimals: machine translation glued the month onto the number (截至9月底…1149万 read as 9.1149
    million)."""
    glued = _GLUED_MONTH.fullmatch(str(row.value_raw))
    if not glued:
        return False
    before = str(row.quote)[: int(row.char_start) - int(row.sentence_start)]
    named = [_MONTHS[m.group().lower()] for m in _MONTH_NAMED.finditer(before)]
    return bool(named) and named[-1] == int(glued.group(1))


def damaged_reports(facts: pd.DataFrame) -> set[str]:
    """Reports in which many numbers were lost or malformed: there a year-like number is suspect."""
    if facts.empty:
        return set()
    limits = catalog.rule_thresholds()
    bad = facts["flags"].fillna("").str.contains("placeholder|malformed_number")
    per_report = bad.groupby(facts.report_id).agg(["sum", "mean"])
    damaged = per_report[
        (per_report["sum"] >= limits["damaged_min_numbers"])
        & (per_report["mean"] >= limits["damaged_min_share"])
    ]
    return set(damaged.index)


@dataclass(frozen=True)
class RuleContext:
    """What the rules know beyond a row: report years, damaged reports, the catalogs."""

    report_years: dict[str, int | None]
    damaged: set[str]
    company_reports: set[str]
    ranges: dict[str, tuple[float | None, float]]
    dimensions: dict[str, str]
    unit_dimension: dict[str, str]
    region_level: dict[str, str]


def _indicator_ranges() -> dict[str, tuple[float | None, float]]:
    return catalog.plausible_ranges()


def _indicator_dimensions() -> dict[str, str]:
    return {i["id"]: i["dimension"] for i in catalog.indicators()}


def reason_for(row, ctx: RuleContext) -> tuple[str, str] | None:
    """(reason code, detail) of the first rule the row breaks, or None."""
    flags = set(str(row.flags or "").split(","))
    value = row.value
    if "placeholder" in flags:
        return "placeholder", f"the number {row.value_raw!r} was lost in the source text"
    if "malformed_number" in flags:
        shown = row.value_raw if len(str(row.value_raw)) <= 20 else f"{str(row.value_raw)[:20]}..."
        return "malformed_number", f"{shown!r} cannot be a number as written"
    if pd.isna(value):
        return "placeholder", f"the number {row.value_raw!r} has no value"
    if "unknown_denominator" in flags:
        return (
            "unknown_denominator",
            f"{row.value_raw} {row.unit_raw} goes on per something the unit catalog has no unit for",
        )
    if value == 0 and _scale_word().search(str(row.unit_raw or "")) and "scale_said_elsewhere" not in flags:
        return "zero_with_scale", f"{row.value_raw} {row.unit_raw}: the digits before the scale were lost"
    if row.report_id in ctx.damaged and _year_as_value(row):
        return "year_as_value", f"{row.value_raw!r} reads as a year in a report with many lost numbers"
    if row.report_id in ctx.damaged and _month_glued_on(row):
        return (
            "month_as_digits",
            f"{row.value_raw!r} opens with the month its sentence named, in a report with many lost numbers",
        )
    report_year = ctx.report_years.get(row.report_id)
    if not pd.isna(row.year) and not (1949 <= row.year <= (report_year or 2100) + 40):
        return "impossible_year", f"year {int(row.year)} outside 1949 to {(report_year or 2100) + 40}"
    if value < 0 and row.measure != "change" and "written_minus" not in flags:
        return "negative_value", f"a {row.measure} of {value:g} {row.unit} below zero"
    out_of_range = _share_out_of_range(row)
    if out_of_range:
        return "share_out_of_range", out_of_range
    return _against_indicator(row, ctx)


def _share_out_of_range(row) -> str | None:
    value = abs(row.value)
    completion = "goal_completion" in str(row.flags or "").split(",")  # (118.7% of a goal is no share)
    if row.unit == "percent" and row.measure == "share" and value > 100 and not completion:
        return f"a share of {row.value:g} percent"
    decrease = row.direction == "decrease" or row.value < 0
    if row.unit == "percent" and row.measure == "change" and decrease and value > 100:
        return f"a decrease of {value:g} percent"
    if row.unit == "percentage_point" and value > 100:
        return f"a change of {value:g} percentage points"
    return None


def _against_indicator(row, ctx: RuleContext) -> tuple[str, str] | None:
    dim = ctx.dimensions.get(row.indicator_id)
    unit_dim = ctx.unit_dimension.get(row.unit)
    same_kind = unit_dim == dim or (str(unit_dim).startswith("currency") and str(dim).startswith("currency"))
    same_kind = same_kind or _PER_MASS.get(unit_dim, unit_dim) == _PER_MASS.get(dim, dim)  # $13.88 per tonne
    if dim and not same_kind and unit_dim not in ("ratio", "multiple", "ratio_change"):
        return "unit_mismatch", f"unit {row.unit} ({unit_dim}) does not measure {row.indicator_id} ({dim})"
    bounds = ctx.ranges.get(row.indicator_id)
    if not bounds or unit_dim != dim:
        return None
    low, high = bounds
    # a figure written with its minus (a net removal) is judged by its size
    value = abs(row.value) if "written_minus" in str(row.flags or "").split(",") else row.value
    if value > high:
        return (
            "implausible_value",
            f"{row.value:.3g} {row.unit} above the maximum {high:.3g} for {row.indicator_id}",
        )
    if low is not None and _national_total(row, ctx) and value < low and row.qualifier != "upper_bound":
        return (
            "implausible_value",
            f"national {row.measure} {row.value:.3g} {row.unit} below the national minimum {low:.3g} "
            f"for {row.indicator_id}",
        )
    return None


# a price per tonne is one kind of quantity in whichever currency ("100.59 yuan ($13.88) per tonne")
_PER_MASS = {"usd_per_mass": "price_per_mass", "eur_per_mass": "price_per_mass"}


def _part_of_year(row) -> bool:
    """A span of months (H1, Q1-Q3, M01-M07) holds part of a year's flow; a point in time ("end of
    June") holds the whole stock, so capacities then are still national totals."""
    period = str(getattr(row, "period", "") or "")
    return bool(period) and not period.startswith("end of")


# the national minimums of plausibility.yaml are drawn from the figures of 2015 on: an earlier year's
# national total ("up from 3.4 million kW in 2012") may be smaller
NATIONAL_MIN_SINCE = 2015


def _national_total(row, ctx: RuleContext) -> bool:
    """A national level, share or target of the whole country over a full period: only such a number can
    be held against the national minimum (a province, a project, an addition or a part is smaller)."""
    return (
        ctx.region_level.get(row.region_code) == "country"
        and row.report_id not in ctx.company_reports
        and (
            row.measure in ("level", "target", "count") or (row.measure == "share" and row.unit == "percent")
        )
        and not _part_of_year(row)
        and not (not pd.isna(row.year) and row.year < NATIONAL_MIN_SINCE)
        # (the part may be named in the clause before: 全国公共机构约154.8万家，能源消费总量1.86亿吨标准煤)
        and not _part_of_whole().search(_clause(row) + " " + _previous_clause(row))
        and not is_addition(row)
    )


def conflicting(frame: pd.DataFrame, ctx: RuleContext) -> dict[int, str]:
    """index -> detail for exact levels that claim to be the same quantity (same indicator, region, year,
    period, measure, qualifier, subject words, and both totals or both additions) in different statements
    of one report, and differ beyond the rounding of the numbers as written."""
    keyed = frame[
        frame.indicator_id.isin(ctx.ranges) & (frame.measure == "level") & (frame.qualifier == "exact")
    ]
    keyed = keyed.dropna(subset=["year"])
    if keyed.empty:
        return {}
    signature = keyed.apply(lambda r: (subject(r), is_addition(r)), axis=1)
    keyed = keyed.assign(_signature=signature)
    keys = ["report_id", "indicator_id", "region_code", "year", "unit", "_signature"]
    keys += ["period"] if "period" in keyed.columns else []
    out: dict[int, str] = {}
    for _, group in keyed[keyed._signature.map(lambda s: bool(s[0]))].groupby(keys, dropna=False):
        for i, a in group.iterrows():
            for _, b in group.iterrows():
                if a.sentence_start == b.sentence_start:
                    continue
                tolerance = max(_rounding(a.value_raw), _rounding(b.value_raw))
                if not math.isclose(a.value, b.value, rel_tol=tolerance):
                    out[i] = f"conflicts with {b.value:.3g} {b.unit} at char {int(b.char_start)}"
                    break
    return out


def company_reports(reports: dict[str, str]) -> set[str]:
    """Reports whose title or publisher (report_id -> both, joined) names a company."""
    company = _cue_pattern(catalog.rule_cues()["company"])
    return {rid for rid, heading in reports.items() if company.search(heading or "")}


def split(
    facts: pd.DataFrame,
    report_years: dict[str, int | None],
    unit_dimension: dict[str, str],
    companies: set[str] = frozenset(),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(observations, quarantine): quarantine keeps every column plus `reason` and `reason_detail`."""
    ctx = RuleContext(
        report_years,
        damaged_reports(facts),
        set(companies),
        _indicator_ranges(),
        _indicator_dimensions(),
        unit_dimension,
        {r["code"]: r["level"] for r in catalog.regions()},
    )
    found = [reason_for(row, ctx) for row in facts.itertuples(index=False)]
    facts = facts.assign(
        reason=pd.Series([f[0] if f else None for f in found], index=facts.index, dtype="object"),
        reason_detail=pd.Series([f[1] if f else None for f in found], index=facts.index, dtype="object"),
    )
    clean = facts[facts.reason.isna()]
    for i, detail in conflicting(clean, ctx).items():
        facts.loc[i, ["reason", "reason_detail"]] = ["conflicting_values", detail]
    held = facts.reason.notna()
    return facts[~held].drop(columns=["reason", "reason_detail"]), facts[held]


RULES_BATCH = 500  # reports whose facts are split at a time: memory stays that of a few hundred reports


def apply_rules(con, code_version: str | None = None) -> dict:
    """Split the warehouse's extracted facts into observations and quarantine, and store the summary.
    Every rule judges a fact by its own report alone (its year, its damage, its other statements), so
    only the reports whose facts changed since the rules last saw them (or all, when the rules' code
    changed: `code_version`) are split again; the other reports' rows stay as they are."""
    version = code_version or provenance.code_version()
    gone, changed = _reports_to_rule(con, version)
    with warehouse.transaction(con):
        _delete_rows_of(con, gone)
    # one transaction per few hundred reports: one over the whole corpus held every new row in memory
    # until it committed (1.8 GiB at 10,000 reports). A kill between two leaves the reports not yet
    # ruled without a ruled_reports entry, so the next run rules them; no release is made before then.
    for start in range(0, len(changed), RULES_BATCH):
        batch = changed[start : start + RULES_BATCH]
        with warehouse.transaction(con):
            _delete_rows_of(con, batch)
            _rule_reports(con, batch)
            con.execute(
                """INSERT INTO ruled_reports SELECT report_id, report_sha256, extractor_version, ?
                   FROM extraction_log WHERE report_id IN (SELECT unnest(?::VARCHAR[]))""",
                [version, batch],
            )
    by_reason = dict(con.execute("SELECT reason, count(*) FROM quarantine GROUP BY 1 ORDER BY 1").fetchall())
    return {
        "observations": con.execute("SELECT count(*) FROM observations").fetchone()[0],
        "quarantine": sum(by_reason.values()),
        "by_reason": by_reason,
        "reports_ruled": len(changed),
    }


def _reports_to_rule(con, version: str) -> tuple[list[str], list[str]]:
    """(reports whose rows must go, reports to split again): gone from the extraction log, or extracted
    anew, ruled by other rules, or whose stored rows no longer add up to their facts."""
    gone = [
        r[0]
        for r in con.execute(
            """SELECT report_id FROM ruled_reports WHERE report_id NOT IN (SELECT report_id FROM extraction_log)
               UNION SELECT report_id FROM observations WHERE report_id NOT IN (SELECT report_id FROM extraction_log)
               UNION SELECT report_id FROM quarantine WHERE report_id NOT IN (SELECT report_id FROM extraction_log)
               ORDER BY 1"""
        ).fetchall()
    ]
    changed = [
        r[0]
        for r in con.execute(
            """SELECT l.report_id FROM extraction_log l
               LEFT JOIN ruled_reports r USING (report_id)
               LEFT JOIN (SELECT report_id, count(*) AS n FROM (
                            SELECT report_id FROM observations UNION ALL SELECT report_id FROM quarantine)
                          GROUP BY 1) c USING (report_id)
               WHERE r.report_id IS NULL OR r.report_sha256 IS DISTINCT FROM l.report_sha256
                  OR r.extractor_version IS DISTINCT FROM l.extractor_version OR r.rules_version <> ?
                  OR coalesce(c.n, 0) <> (SELECT count(*) FROM extracted_facts f WHERE f.report_id = l.report_id)
               ORDER BY 1""",
            [version],
        ).fetchall()
    ]
    return gone, changed


def _delete_rows_of(con, report_ids: list[str]) -> None:
    for table in ("observations", "quarantine", "validation_summary", "ruled_reports"):
        con.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT unnest(?::VARCHAR[]))", [report_ids])


def _rule_reports(con, report_ids: list[str]) -> None:
    """Split the facts of these reports and add their rows to observations, quarantine and the summary."""
    ids = [report_ids]
    facts = con.execute(
        "SELECT * FROM extracted_facts WHERE report_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY report_id, char_start, char_end",
        ids,
    ).df()
    where = "WHERE report_id IN (SELECT unnest(?::VARCHAR[]))"
    years = dict(con.execute(f"SELECT report_id, report_year FROM reports {where}", ids).fetchall())
    headings = dict(
        con.execute(
            f"SELECT report_id, concat_ws(' ', title, publisher) FROM reports {where}", ids
        ).fetchall()
    )
    unit_dimension = {u.unit: u.dimension for u in units.unit_table().values()}
    observations, quarantine = split(facts, years, unit_dimension, company_reports(headings))
    warehouse.append_rows(con, "observations", observations)
    warehouse.append_rows(con, "quarantine", quarantine)
    if len(quarantine):
        summary = quarantine.groupby(["report_id", "reason"]).size().rename("n_rows").reset_index()
        warehouse.append_rows(con, "validation_summary", summary)
