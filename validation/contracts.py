"""Contracts of the warehouse and release tables: a pandera DataFrameModel per table, with the column
descriptions of the data dictionary, plus the table-level checks that span tables (unique keys, foreign
keys, known units). A broken contract blocks the release."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from pipelines import warehouse

MEASURES = ["level", "change", "share", "count", "target"]
QUALIFIERS = ["exact", "approx", "lower_bound", "upper_bound"]
DIRECTIONS = ["increase", "decrease", ""]
# China, a province-level division, or a place abroad (facts about other countries are not China's)
REGION_CODE = r"^(?:CN(-[A-Z]{2})?|other:[A-Z]{2})$"


def _doc(table: str, column: str) -> str:
    return warehouse.tables()[table]["columns"][column]["description"]


def field(table: str, column: str, **kwargs):
    return pa.Field(description=_doc(table, column), **kwargs)


class Reports(pa.DataFrameModel):
    report_id: Series[str] = field("reports", "report_id", unique=True)
    file_name: Series[str] = field("reports", "file_name", unique=True, str_endswith=".txt")
    sha256: Series[str] = field("reports", "sha256", str_matches=r"^[0-9a-f]{64}$")
    title: Series[str] = field("reports", "title", nullable=True)
    publisher: Series[str] = field("reports", "publisher", nullable=True)
    published: Series[str] = field("reports", "published", nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    url: Series[str] = field("reports", "url", nullable=True)
    report_year: Series[pd.Int64Dtype] = field("reports", "report_year", nullable=True, ge=1949, le=2100)
    language: Series[str] = field("reports", "language", isin=["en", "zh"])
    agency_id: Series[str] = field("reports", "agency_id")
    region_code: Series[str] = field("reports", "region_code", str_matches=REGION_CODE)
    n_chars: Series[pd.Int64Dtype] = field("reports", "n_chars", gt=0)

    class Config:
        strict = True
        coerce = True


class Observations(pa.DataFrameModel):
    observation_id: Series[str] = field(
        "observations", "observation_id", unique=True, str_matches=r"^[0-9a-f]{16}$"
    )
    report_id: Series[str] = field("observations", "report_id")
    indicator_id: Series[str] = field("observations", "indicator_id")
    region_code: Series[str] = field("observations", "region_code", str_matches=REGION_CODE)
    agency_id: Series[str] = field("observations", "agency_id")
    year: Series[pd.Int64Dtype] = field("observations", "year", nullable=True, ge=1949, le=2100)
    period: Series[str] = field(
        "observations",
        "period",
        nullable=True,
        str_matches=r"^(?:|H[12]|Q[1-4](?:-Q[1-4])?|M\d\d(?:-M\d\d)?|end of [A-Z][a-z]+)$",
    )
    measure: Series[str] = field("observations", "measure", isin=MEASURES)
    direction: Series[str] = field("observations", "direction", isin=DIRECTIONS, nullable=True)
    qualifier: Series[str] = field("observations", "qualifier", isin=QUALIFIERS)
    value: Series[float] = field("observations", "value")
    unit: Series[str] = field("observations", "unit")
    value_raw: Series[str] = field("observations", "value_raw", str_matches=r"^[^<>]+$")
    unit_raw: Series[str] = field("observations", "unit_raw", nullable=True)
    char_start: Series[pd.Int64Dtype] = field("observations", "char_start", ge=0)
    char_end: Series[pd.Int64Dtype] = field("observations", "char_end", gt=0)
    quote: Series[str] = field("observations", "quote")
    sentence_start: Series[pd.Int64Dtype] = field("observations", "sentence_start", ge=0)
    flags: Series[str] = field("observations", "flags", nullable=True)

    @pa.dataframe_check(description="a span is non-empty and lies inside its sentence")
    def span_inside_sentence(cls, df: pd.DataFrame) -> Series[bool]:
        return (df.char_start < df.char_end) & (df.sentence_start <= df.char_start)

    @pa.dataframe_check(description="a share is between 0 and 100 percent, unless it is of a goal met")
    def share_bounded(cls, df: pd.DataFrame) -> Series[bool]:
        completion = df["flags"].fillna("").str.split(",").apply(lambda f: "goal_completion" in f)
        return ~((df.measure == "share") & (df.unit == "percent") & (df.value > 100)) | completion

    @pa.dataframe_check(
        description="only a change (a decrease) or a figure written with its minus may be negative"
    )
    def negative_only_as_change(cls, df: pd.DataFrame) -> Series[bool]:
        written = df["flags"].fillna("").str.split(",").apply(lambda f: "written_minus" in f)
        return (df.value >= 0) | (df.measure == "change") | written

    class Config:
        strict = True
        coerce = True


class Quarantine(Observations):
    value: Series[float] = field("observations", "value", nullable=True)
    value_raw: Series[str] = field("observations", "value_raw")
    reason: Series[str] = field("quarantine", "reason")
    reason_detail: Series[str] = field("quarantine", "reason_detail")

    # quarantine holds exactly the rows that break such rules
    @pa.dataframe_check(description="a share is between 0 and 100 percent")
    def share_bounded(cls, df: pd.DataFrame) -> Series[bool]:
        return pd.Series(True, index=df.index)

    @pa.dataframe_check(
        description="only a change (a decrease) or a figure written with its minus may be negative"
    )
    def negative_only_as_change(cls, df: pd.DataFrame) -> Series[bool]:
        return pd.Series(True, index=df.index)


class Indicators(pa.DataFrameModel):
    indicator_id: Series[str] = field("indicators", "indicator_id", unique=True)
    name: Series[str] = field("indicators", "name")
    name_zh: Series[str] = field("indicators", "name_zh", nullable=True)
    category: Series[str] = field("indicators", "category")
    dimension: Series[str] = field("indicators", "dimension")
    canonical_unit: Series[str] = field("indicators", "canonical_unit")
    plausible_min: Series[float] = field("indicators", "plausible_min", nullable=True)
    plausible_max: Series[float] = field("indicators", "plausible_max", nullable=True)
    derived: Series[bool] = field("indicators", "derived")

    class Config:
        strict = True
        coerce = True


class Regions(pa.DataFrameModel):
    region_code: Series[str] = field("regions", "region_code", unique=True, str_matches=REGION_CODE)
    name_en: Series[str] = field("regions", "name_en", unique=True)
    name_zh: Series[str] = field("regions", "name_zh", unique=True)
    level: Series[str] = field("regions", "level")

    class Config:
        strict = True


class Agencies(pa.DataFrameModel):
    agency_id: Series[str] = field("agencies", "agency_id", unique=True)
    name_en: Series[str] = field("agencies", "name_en")
    name_zh: Series[str] = field("agencies", "name_zh")

    class Config:
        strict = True


class Units(pa.DataFrameModel):
    unit: Series[str] = field("units", "unit", unique=True)
    dimension: Series[str] = field("units", "dimension")
    canonical: Series[bool] = field("units", "canonical")
    si_unit: Series[str] = field("units", "si_unit")
    si_factor: Series[float] = field("units", "si_factor", gt=0)

    class Config:
        strict = True
        coerce = True


class Facts(pa.DataFrameModel):
    observation_id: Series[str] = field("facts", "observation_id", unique=True)
    indicator_id: Series[str] = field("facts", "indicator_id")
    indicator_name_en: Series[str] = field("facts", "indicator_name_en")
    region_code: Series[str] = field("facts", "region_code")
    measure: Series[str] = field("facts", "measure", isin=MEASURES)
    qualifier: Series[str] = field("facts", "qualifier", isin=QUALIFIERS)
    value: Series[float] = field("facts", "value")
    display_value: Series[float] = field("facts", "display_value")
    display_unit: Series[str] = field("facts", "display_unit")
    report_id: Series[str] = field("facts", "report_id")
    char_start: Series[pd.Int64Dtype] = field("facts", "char_start", ge=0)
    char_end: Series[pd.Int64Dtype] = field("facts", "char_end", gt=0)

    class Config:
        coerce = True  # the other columns are labels, checked through observations and the dimensions


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "reports": Reports,
    "observations": Observations,
    "quarantine": Quarantine,
    "indicators": Indicators,
    "regions": Regions,
    "agencies": Agencies,
    "units": Units,
    "facts": Facts,
}


@dataclass
class ContractResult:
    table: str
    passed: bool
    n_failures: int
    failures: pd.DataFrame  # a sample of failing cases: check, column, failure_case, index

    def summary(self) -> str:
        return f"{self.table}: " + ("ok" if self.passed else f"{self.n_failures} failures")


def validate(table: str, frame: pd.DataFrame) -> ContractResult:
    try:
        MODELS[table].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as e:
        cases = e.failure_cases[["check", "column", "failure_case", "index"]].astype(str)
        return ContractResult(table, False, len(cases), cases.head(20))
    return ContractResult(table, True, 0, pd.DataFrame(columns=["check", "column", "failure_case", "index"]))


def foreign_keys(frames: dict[str, pd.DataFrame]) -> ContractResult:
    """Every observation and quarantined row points at existing reports, indicators, regions, agencies
    and units."""
    rows = []
    targets = {
        "report_id": ("reports", "report_id"),
        "indicator_id": ("indicators", "indicator_id"),
        "region_code": ("regions", "region_code"),
        "agency_id": ("agencies", "agency_id"),
        "unit": ("units", "unit"),
    }
    for table in ("observations", "quarantine"):
        frame = frames[table]
        for column, (dim, key) in targets.items():
            missing = frame.loc[~frame[column].isin(frames[dim][key]), ["observation_id", column]]
            rows += [
                {
                    "check": f"{table}.{column} -> {dim}.{key}",
                    "column": column,
                    "failure_case": str(v),
                    "index": oid,
                }
                for oid, v in missing.itertuples(index=False)
            ]
    cases = pd.DataFrame(rows, columns=["check", "column", "failure_case", "index"])
    return ContractResult("foreign_keys", cases.empty, len(cases), cases.head(20))


# --- contracts on a warehouse that grows ---------------------------------------------------------------
# Row checks judge a row alone, so a run checks the rows of the reports ruled since the last release run
# (a few hundred reports at a time); the checks that span a whole table (unique keys, foreign keys) run
# in SQL on every row.

UNIQUE_KEYS = {
    "reports": ["report_id", "file_name"],
    "observations": ["observation_id"],
    "quarantine": ["observation_id"],
    "facts": ["observation_id"],
}
FOREIGN_KEYS = {
    "report_id": ("reports", "report_id"),
    "indicator_id": ("indicators", "indicator_id"),
    "region_code": ("regions", "region_code"),
    "agency_id": ("agencies", "agency_id"),
    "unit": ("units", "unit"),
}
_CASES = ["check", "column", "failure_case", "index"]


def combine(table: str, results: list[ContractResult]) -> ContractResult:
    """One result for a table validated in parts."""
    failed = [r.failures for r in results if not r.passed]
    cases = pd.concat(failed) if failed else pd.DataFrame(columns=_CASES)
    return ContractResult(table, not failed, sum(r.n_failures for r in results), cases.head(20))


def unique_keys(con, tables: tuple[str, ...]) -> ContractResult:
    """Every key column of these tables holds each value once, over the whole table."""
    rows = []
    for table in tables:
        for column in UNIQUE_KEYS[table]:
            rows += [
                {"check": f"{table}.{column} unique", "column": column, "failure_case": str(v), "index": n}
                for v, n in con.execute(
                    f'SELECT "{column}", count(*) FROM "{table}" GROUP BY 1 HAVING count(*) > 1 ORDER BY 1'
                ).fetchall()
            ]
    cases = pd.DataFrame(rows, columns=_CASES)
    return ContractResult("unique_keys", cases.empty, len(cases), cases.head(20))


def foreign_keys_sql(con) -> ContractResult:
    """`foreign_keys` on the warehouse's tables, in SQL over every row."""
    rows = []
    for table in ("observations", "quarantine"):
        for column, (dim, key) in FOREIGN_KEYS.items():
            missing = con.execute(
                f'SELECT t.observation_id, t."{column}" FROM "{table}" t '
                f'LEFT JOIN "{dim}" d ON t."{column}" = d."{key}" WHERE d."{key}" IS NULL ORDER BY 1'
            ).fetchall()
            rows += [
                {
                    "check": f"{table}.{column} -> {dim}.{key}",
                    "column": column,
                    "failure_case": str(v),
                    "index": oid,
                }
                for oid, v in missing
            ]
    cases = pd.DataFrame(rows, columns=_CASES)
    return ContractResult("foreign_keys", cases.empty, len(cases), cases.head(20))
