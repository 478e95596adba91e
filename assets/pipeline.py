"""The assets of a run, in order: reports -> extracted_facts -> observations -> dimensions -> release.
Each is a thin wrapper: it calls a plain function of pipelines/ or validation/ and reports what it did."""

import dagster as dg
import pandas as pd

from assets.resources import PeakwatchStore
from pipelines import provenance, steps
from pipelines import release as release_lib
from validation import contracts, rules


def _markdown(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "(empty)"
    cells = [
        [("" if pd.isna(v) else str(v)).replace("|", "/") for v in row]
        for row in frame.itertuples(index=False)
    ]
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in cells])


def _preview(frame: pd.DataFrame, columns: list[str], n: int = 10) -> dg.MetadataValue:
    return dg.MetadataValue.md(_markdown(frame[columns].head(n)))


@dg.asset(group_name="peakwatch", kinds={"duckdb"})
def reports(context: dg.AssetExecutionContext, store: PeakwatchStore) -> dg.MaterializeResult:
    """Progress reports read from the seeds folder: text, sha256 and metadata (sidecar or inferred).
    Unreadable files (empty, binary, not UTF-8) are listed by name with the reason; the rest flow on."""
    with store.connect() as con:
        result = steps.load_reports(con, store.seeds)
        frame = steps.table_frame(con, "reports")
    for message in result["errors"]:
        context.log.warning(f"skipped report {message}")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": result["reports"],
            "unreadable_reports": dg.MetadataValue.md(
                "\n".join(f"- {e}" for e in result["errors"]) or "none"
            ),
            "preview": _preview(frame, ["report_id", "report_year", "language", "agency_id", "n_chars"]),
        }
    )


@dg.asset(group_name="peakwatch", deps=[reports], kinds={"duckdb"})
def extracted_facts(context: dg.AssetExecutionContext, store: PeakwatchStore) -> dg.MaterializeResult:
    """Every numeric fact found in the reports, with unit, indicator, region, agency, year and span.
    Only reports that are new or changed (sha256 or extractor version) are extracted again."""
    with store.connect() as con:
        result = steps.extract_stale(con)
        sample = con.execute(
            "SELECT report_id, value_raw, unit_raw, value, unit, indicator_id, region_code, year"
            " FROM extracted_facts ORDER BY report_id, char_start LIMIT 10"
        ).df()
    context.log.info(f"extracted {len(result['extracted_reports'])} new or changed reports")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": result["facts"],
            "reports_extracted_this_run": len(result["extracted_reports"]),
            "preview": dg.MetadataValue.md(_markdown(sample)),
        }
    )


@dg.asset(group_name="peakwatch", deps=[extracted_facts], kinds={"duckdb"})
def observations(store: PeakwatchStore) -> dg.MaterializeResult:
    """Facts that pass every row-level quality rule; the others go to the quarantine table with a reason,
    and the validation_summary table counts them by rule and report."""
    with store.connect() as con:
        result = rules.apply_rules(con)
        frame = steps.table_frame(con, "observations")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": result["observations"],
            "quarantined": result["quarantine"],
            "quarantined_by_reason": dg.MetadataValue.json(result["by_reason"]),
            "preview": _preview(frame, ["indicator_id", "region_code", "year", "measure", "value", "unit"]),
        }
    )


@dg.asset(group_name="peakwatch", deps=[observations], kinds={"duckdb"})
def dimensions(store: PeakwatchStore) -> dg.MaterializeResult:
    """Dimension tables: indicators (catalog plus derived), regions, agencies, units and years."""
    with store.connect() as con:
        counts = steps.build_dimensions(con)
    return dg.MaterializeResult(metadata={f"{k}_rows": v for k, v in counts.items()})


@dg.asset(group_name="peakwatch", deps=[dimensions], kinds={"parquet", "csv"})
def release(context: dg.AssetExecutionContext, store: PeakwatchStore) -> dg.MaterializeResult:
    """A versioned, immutable Parquet and CSV release in the releases folder, published only when the
    data differ from the latest release."""
    with store.connect() as con:
        result = release_lib.publish(con, store.releases, provenance.collect())
    context.log.info(result.message)
    counts = {k: len(v) for k, v in result.changes.items()}
    return dg.MaterializeResult(
        metadata={
            "version": result.version or "unchanged",
            "path": str(result.path) if result.path else "",
            "message": result.message,
            "changes": dg.MetadataValue.json(counts),
        }
    )


def _check_result(results: list[contracts.ContractResult]) -> dg.AssetCheckResult:
    failed = [r for r in results if not r.passed]
    sample = pd.concat([r.failures.assign(table=r.table) for r in failed]) if failed else pd.DataFrame()
    return dg.AssetCheckResult(
        passed=not failed,
        metadata={
            "tables": ", ".join(r.summary() for r in results),
            "failure_count": sum(r.n_failures for r in results),
            "failing_rows": dg.MetadataValue.md(_markdown(sample.head(20))),
        },
    )


@dg.asset_check(asset=observations, blocking=True)
def observations_contract(store: PeakwatchStore) -> dg.AssetCheckResult:
    """The observations and quarantine tables follow their pandera contracts (types, allowed values,
    unique observation ids, spans inside sentences)."""
    with store.connect() as con:
        return _check_result(
            [contracts.validate(t, steps.table_frame(con, t)) for t in ("observations", "quarantine")]
        )


@dg.asset_check(asset=dimensions, blocking=True)
def warehouse_contract(store: PeakwatchStore) -> dg.AssetCheckResult:
    """Every table follows its contract and every observation points at an existing report, indicator,
    region, agency and unit. A failure stops the release."""
    with store.connect() as con:
        frames = {t: steps.table_frame(con, t) for t in contracts.MODELS}
    results = [contracts.validate(t, f) for t, f in frames.items()] + [contracts.foreign_keys(frames)]
    return _check_result(results)
