"""The DuckDB warehouse: tables as in catalog/tables.yaml, loaded from plain rows and frames.

Extraction results are kept per report with the report's sha256 and the extractor version, so that a
run re-extracts only reports that are new or changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from pipelines import catalog, units

RELEASE_TABLES = (
    "reports",
    "observations",
    "quarantine",
    "indicators",
    "regions",
    "agencies",
    "units",
    "years",
    "validation_summary",
)


@cache
def tables() -> dict:
    with (catalog.CATALOG_DIR / "tables.yaml").open(encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    spec["quarantine"]["columns"] = spec["observations"]["columns"] | spec["quarantine"]["columns"]
    return spec


def columns(table: str) -> list[str]:
    return list(tables()[table]["columns"])


def _ddl(table: str) -> str:
    cols = ", ".join(f'"{c}" {spec["type"]}' for c, spec in tables()[table]["columns"].items())
    return f'CREATE TABLE IF NOT EXISTS "{table}" ({cols})'


@contextmanager
def connect(path: Path, read_only: bool = False):
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        if not read_only:
            con.execute("SET threads = 1")  # single-threaded exports keep files byte-identical
            for t in RELEASE_TABLES:
                con.execute(_ddl(t))
            con.execute(
                "CREATE TABLE IF NOT EXISTS report_texts (report_id VARCHAR, text VARCHAR, state_sha256 VARCHAR)"
            )
            con.execute("CREATE TABLE IF NOT EXISTS report_errors (file_name VARCHAR, message VARCHAR)")
            ensure_extraction_log(con)
            fact_cols = ", ".join(
                f'"{c}" {s["type"]}' for c, s in tables()["observations"]["columns"].items()
            )
            con.execute(
                f"CREATE TABLE IF NOT EXISTS extracted_facts ({fact_cols}, indicator_name VARCHAR, "
                "report_sha256 VARCHAR, extractor_version VARCHAR)"
            )
        yield con
    finally:
        con.close()


def replace_table(con, table: str, frame: pd.DataFrame) -> int:
    """Replace the rows of `table` with `frame` (columns as in the data dictionary)."""
    frame = frame.reindex(columns=columns(table))
    con.execute(f'DELETE FROM "{table}"')
    if len(frame):
        con.register("incoming", frame)
        con.execute(f'INSERT INTO "{table}" SELECT * FROM incoming')
        con.unregister("incoming")
    return len(frame)


def upsert_report(con, row: dict, text: str, state_sha256: str) -> None:
    """Replace one report's row and text; state_sha256 covers the file and its sidecar."""
    con.execute("DELETE FROM reports WHERE report_id = ?", [row["report_id"]])
    con.execute("DELETE FROM report_texts WHERE report_id = ?", [row["report_id"]])
    frame = pd.DataFrame([row]).reindex(columns=columns("reports"))
    con.register("incoming", frame)
    con.execute("INSERT INTO reports SELECT * FROM incoming")
    con.unregister("incoming")
    con.execute("INSERT INTO report_texts VALUES (?, ?, ?)", [row["report_id"], text, state_sha256])


def ensure_extraction_log(con) -> None:
    # a report with no facts at all still counts as extracted
    con.execute(
        "CREATE TABLE IF NOT EXISTS extraction_log (report_id VARCHAR, report_sha256 VARCHAR, "
        "extractor_version VARCHAR)"
    )


def store_facts(con, report_id: str, sha256: str, version: str, rows: Iterable[dict]) -> int:
    frame = pd.DataFrame(list(rows))
    con.execute("DELETE FROM extracted_facts WHERE report_id = ?", [report_id])
    con.execute("DELETE FROM extraction_log WHERE report_id = ?", [report_id])
    con.execute("INSERT INTO extraction_log VALUES (?, ?, ?)", [report_id, sha256, version])
    if frame.empty:
        return 0
    frame = frame.assign(report_sha256=sha256, extractor_version=version)
    cols = [c for c in columns("observations")] + ["indicator_name", "report_sha256", "extractor_version"]
    frame = frame.reindex(columns=cols)
    con.register("incoming", frame)
    con.execute("INSERT INTO extracted_facts SELECT * FROM incoming")
    con.unregister("incoming")
    return len(frame)


def extracted(con) -> pd.DataFrame:
    return con.execute("SELECT * FROM extracted_facts ORDER BY report_id, char_start, char_end").df()


def dimension_frames(derived: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """indicators, regions, agencies and units from the catalogs (plus derived indicators in use)."""
    table = units.unit_table()
    canon = {u.dimension: u.canonical_unit for u in table.values()}
    indicators = pd.DataFrame(
        [
            {
                "indicator_id": i["id"],
                "name": i["name"],
                "category": i["category"],
                "dimension": i["dimension"],
                "canonical_unit": canon.get(i["dimension"], "count"),
                "plausible_min": (i.get("range") or [None, None])[0],
                "plausible_max": (i.get("range") or [None, None])[1],
                "derived": False,
            }
            for i in catalog.indicators()
        ]
    )
    if len(derived):
        extra = derived.assign(
            category="other",
            plausible_min=None,
            plausible_max=None,
            derived=True,
            dimension=derived.unit.map(lambda u: table[u].dimension if u in table else "count"),
            canonical_unit=derived.unit,
        )
        extra = extra.reindex(columns=indicators.columns).astype(indicators.dtypes.to_dict())
        indicators = pd.concat([indicators, extra], ignore_index=True)
    return {
        "indicators": indicators.sort_values("indicator_id", kind="stable").reset_index(drop=True),
        "regions": pd.DataFrame(
            [
                {
                    "region_code": r["code"],
                    "name_en": r["name_en"],
                    "name_zh": r["name_zh"],
                    "level": r["level"],
                }
                for r in catalog.regions()
            ]
        ).sort_values("region_code"),
        "agencies": pd.DataFrame(
            [
                {"agency_id": a["agency_id"], "name_en": a["name_en"], "name_zh": a["name_zh"]}
                for a in catalog.agencies()
            ]
        ).sort_values("agency_id"),
        "units": pd.DataFrame(units.units_rows()),
    }
