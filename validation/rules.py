"""Row-level quality rules: each moves an extracted fact to quarantine with a reason code.

The rules and their codes are listed, in the order they apply, in pipelines/catalog/quality_rules.yaml; a
row takes the reason of the first rule it breaks. They read plain columns of the extracted-facts frame and
the indicator catalog, never Dagster.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from pipelines import catalog, units, warehouse

_YEAR = re.compile(r"199\d|20[0-3]\d")


@cache
def _part_of_whole() -> re.Pattern:
    words = catalog.part_of_whole_words()
    return re.compile(
        "|".join(rf"\b{re.escape(w)}" if w.isascii() else re.escape(w) for w in words), re.IGNORECASE
    )


def _clause(row) -> str:
    """The clause of the quote that holds the number: what the number is about."""
    quote, at = str(row.quote), int(row.char_start) - int(row.sentence_start)
    start = max(quote.rfind(p, 0, at) for p in ",;，；") + 1
    ends = [i for i in (quote.find(p, at) for p in ",;，；") if i >= 0]
    return quote[start : min(ends, default=len(quote))]


def _year_as_value(row) -> bool:
    """A digit group of the number reads as a recent calendar year (2021, 2076.2021, 31,2021): machine
    translation puts years where numbers were lost."""
    return any(_YEAR.fullmatch(part) for part in re.split(r"[.,]", str(row.value_raw)))


def _indicator_ranges() -> dict[str, tuple[float, float]]:
    return {i["id"]: tuple(i["range"]) for i in catalog.indicators() if i.get("range")}


def _indicator_dimensions() -> dict[str, str]:
    return {i["id"]: i["dimension"] for i in catalog.indicators()}


def reason_for(row, report_year: int | None, ranges, dimensions, unit_dimension) -> str | None:
    flags = set(str(row.flags or "").split(","))
    value = row.value
    if "placeholder" in flags or pd.isna(value):
        return "placeholder"
    if "malformed_number" in flags:
        return "malformed_number"
    if _year_as_value(row):
        return "year_as_value"
    if not pd.isna(row.year) and not (1949 <= row.year <= (report_year or 2100) + 40):
        return "impossible_year"
    if value < 0:
        return "negative_value"
    if (
        row.unit == "percent"
        and (
            (row.measure == "share" and value > 100)
            or (row.measure == "change" and row.direction == "decrease" and value > 100)
        )
    ) or (row.unit == "percentage_point" and value > 100):
        return "share_out_of_range"
    dim = dimensions.get(row.indicator_id)
    if dim and unit_dimension.get(row.unit) not in (dim, "ratio", "multiple", "ratio_change"):
        return "unit_mismatch"
    bounds = ranges.get(row.indicator_id)
    if bounds and unit_dimension.get(row.unit) == dim:
        low, high = bounds
        if value > high:
            return "implausible_value"
        national_total = (
            row.region_code == "CN"
            and row.measure in ("level", "target")
            and not _part_of_whole().search(_clause(row))
        )
        if national_total and value < low and row.qualifier != "upper_bound":
            return "implausible_value"
    return None


def conflicting(frame: pd.DataFrame, ranges) -> pd.Series:
    """Exact levels of one physical indicator, region and year in one report that disagree."""
    keyed = frame[frame.indicator_id.isin(ranges) & (frame.measure == "level") & (frame.qualifier == "exact")]
    keys = ["report_id", "indicator_id", "region_code", "year", "unit"]
    distinct = keyed.dropna(subset=["year"]).groupby(keys, dropna=False)["value"].transform("nunique")
    return frame.index.isin(distinct[distinct > 1].index)


def split(
    facts: pd.DataFrame, report_years: dict[str, int | None], unit_dimension: dict[str, str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(observations, quarantine): quarantine keeps every column plus `reason`."""
    ranges, dimensions = _indicator_ranges(), _indicator_dimensions()
    reasons = [
        reason_for(row, report_years.get(row.report_id), ranges, dimensions, unit_dimension)
        for row in facts.itertuples(index=False)
    ]
    facts = facts.assign(reason=pd.Series(reasons, index=facts.index, dtype="object"))
    clean = facts.reason.isna()
    conflict = conflicting(facts[clean], ranges) if clean.any() else []
    facts.loc[facts[clean].index[conflict], "reason"] = "conflicting_values"
    held = facts.reason.notna()
    return facts[~held].drop(columns="reason"), facts[held]


def apply_rules(con) -> dict:
    """Split the warehouse's extracted facts into observations and quarantine, and store the summary."""

    facts = warehouse.extracted(con)
    years = dict(con.execute("SELECT report_id, report_year FROM reports").fetchall())
    unit_dimension = {u.unit: u.dimension for u in units.unit_table().values()}
    observations, quarantine = split(facts, years, unit_dimension)
    warehouse.replace_table(con, "observations", observations)
    warehouse.replace_table(con, "quarantine", quarantine)
    summary = (
        quarantine.groupby(["report_id", "reason"]).size().rename("n_rows").reset_index()
        if len(quarantine)
        else pd.DataFrame(columns=["report_id", "reason", "n_rows"])
    )
    warehouse.replace_table(con, "validation_summary", summary)
    return {
        "observations": len(observations),
        "quarantine": len(quarantine),
        "by_reason": quarantine.reason.value_counts().sort_index().to_dict() if len(quarantine) else {},
    }
