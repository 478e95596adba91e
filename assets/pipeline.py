"""The assets of peakwatch. Per report (one dynamic partition each): reports -> extracted_facts. Per batch:
observations -> dimensions -> release. Each asset is a thin wrapper: it calls a plain function of
pipelines/ or validation/ and reports what it did."""

import dagster as dg
import pandas as pd

from assets.resources import PeakwatchStore
from assets.tables import column_schema, preview, table_result, table_spec
from pipelines import provenance, steps
from pipelines.publishing import release as release_lib
from pipelines.sources.reports import ReportError
from validation import contracts, rules

report_partitions = dg.DynamicPartitionsDefinition(name="reports")


@dg.asset(
    group_name="per_report",
    partitions_def=report_partitions,
    deps=["seeds"],
    kinds={"duckdb"},
    metadata={"dagster/column_schema": column_schema("reports"), "dagster/table_name": "warehouse.reports"},
)
def reports(context: dg.AssetExecutionContext, store: PeakwatchStore) -> dg.MaterializeResult:
    """One progress report from the seeds folder: text, sha256 and metadata (from its sidecar, else
    inferred). A report that cannot be read (empty, binary, not UTF-8) fails with its name and the reason;
    a report whose file is gone is removed from the warehouse."""
    with store.connect() as con:
        try:
            result = steps.load_report(con, store.seeds, context.partition_key)
        except ReportError as e:
            raise dg.Failure(
                description=f"unreadable report {e}", metadata={"file": f"{context.partition_key}.txt"}
            ) from None
    if result["status"] == "removed":
        return dg.MaterializeResult(metadata={"status": "removed", "dagster/row_count": 0})
    row = result["row"]
    return dg.MaterializeResult(
        metadata={
            "status": "loaded",
            "dagster/row_count": 1,
            "sha256": row["sha256"],
            "title": row["title"] or "",
            "report_year": row["report_year"] or 0,
            "language": row["language"],
            "agency_id": row["agency_id"],
            "n_chars": row["n_chars"],
        }
    )


@dg.asset(group_name="per_report", partitions_def=report_partitions, deps=[reports], kinds={"duckdb"})
def extracted_facts(context: dg.AssetExecutionContext, store: PeakwatchStore) -> dg.MaterializeResult:
    """Every numeric fact of one report, with unit, indicator, region, agency, year and character span,
    stored together with the report in one transaction. Skipped when the report's bytes and the extractor
    version are unchanged since the last extraction. A report whose extraction fails keeps the facts of
    its last successful extraction (or stays out of the release) and the run fails naming it."""
    with store.connect() as con:
        try:
            result = steps.extract_report(con, context.partition_key)
        except ReportError as e:
            raise dg.Failure(description=str(e), metadata={"file": f"{context.partition_key}.txt"}) from None
        sample = preview(
            con,
            "SELECT value_raw, unit_raw, value, unit, indicator_id, region_code, year "
            "FROM extracted_facts WHERE report_id = ? ORDER BY char_start LIMIT 10",
            [context.partition_key],
        )
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": result["facts"],
            "re_extracted": result["extracted"],
            "preview": sample,
        }
    )


@dg.multi_asset(
    name="observations",
    specs=[
        table_spec("observations", deps=[extracted_facts]),
        table_spec("quarantine", deps=[extracted_facts]),
        table_spec("validation_summary", deps=[extracted_facts]),
    ],
)
def observations(context: dg.AssetExecutionContext, store: PeakwatchStore):
    """Facts of all reports that pass every row-level quality rule; the others go to the quarantine table
    with a reason, and validation_summary counts them by rule and report. Reports whose file has left the
    seeds folder are dropped first."""
    with store.connect() as con:
        removed = steps.prune_removed(con, store.seeds)
        result = rules.apply_rules(con)
        errors = [
            m for (m,) in con.execute("SELECT message FROM report_errors ORDER BY file_name").fetchall()
        ]
        for message in errors:
            context.log.warning(f"not in this release: {message}")
        yield table_result(
            con,
            "observations",
            quarantined=result["quarantine"],
            quarantined_by_reason=dg.MetadataValue.json(result["by_reason"]),
            reports_removed=", ".join(removed) or "none",
            unreadable_reports=dg.MetadataValue.json(errors),
        )
        yield table_result(con, "quarantine", by_reason=dg.MetadataValue.json(result["by_reason"]))
        yield table_result(con, "validation_summary")


DIMENSION_TABLES = ("indicators", "regions", "agencies", "units", "years", "facts")


@dg.multi_asset(
    name="dimensions",
    specs=[table_spec(t, deps=["observations", "quarantine", "reports"]) for t in DIMENSION_TABLES],
)
def dimensions(store: PeakwatchStore):
    """Dimension tables (indicators, catalog plus derived; regions, agencies, units and years) and the
    labelled facts table that joins them to the observations."""
    with store.connect() as con:
        steps.build_dimensions(con)
        for table in DIMENSION_TABLES:
            yield table_result(con, table)


@dg.asset(group_name="release", deps=[observations, dimensions], kinds={"parquet", "csv"})
def release(context: dg.AssetExecutionContext, store: PeakwatchStore) -> dg.MaterializeResult:
    """A versioned, immutable Parquet and CSV release in the releases folder, published only when the
    data differ from the latest release. Its metadata always names the current version; `published_now`
    says whether this run published it, and its data version stays the same when nothing changed."""
    with store.connect() as con:
        result = release_lib.publish(con, store.releases, provenance.collect())
    context.log.info(result.message)
    counts = {k: len(v) for k, v in result.changes.items()}
    # the version users download: the new one, or the current one when nothing changed
    current = result.version or release_lib.latest_version(store.releases) or "none"
    return dg.MaterializeResult(
        metadata={
            "version": current,
            "published_now": result.version is not None,
            "status": result.status,
            "path": str(store.releases / current) if current != "none" else "",
            "message": result.message,
            "changes": dg.MetadataValue.json(counts),
        },
        data_version=dg.DataVersion(current),
    )


def _failing_rows(frame: pd.DataFrame) -> dg.MetadataValue:
    """Failing rows as a native table; cells as text, since a failing row may hold anything."""
    records = [
        dg.TableRecord({c: None if pd.isna(v) else str(v) for c, v in zip(frame.columns, row, strict=True)})
        for row in frame.itertuples(index=False)
    ]
    return dg.MetadataValue.table(
        records, schema=dg.TableSchema([dg.TableColumn(str(c)) for c in frame.columns])
    )


def _check_result(results: list[contracts.ContractResult]) -> dg.AssetCheckResult:
    failed = [r for r in results if not r.passed]
    sample = pd.concat([r.failures.assign(table=r.table) for r in failed]) if failed else pd.DataFrame()
    return dg.AssetCheckResult(
        passed=not failed,
        metadata={
            "tables": ", ".join(r.summary() for r in results),
            "failure_count": sum(r.n_failures for r in results),
            "failing_rows": _failing_rows(sample.head(20)),
        },
    )


@dg.asset_check(asset="observations", blocking=True)
def observations_contract(store: PeakwatchStore) -> dg.AssetCheckResult:
    """The observations and quarantine tables follow their pandera contracts (types, allowed values,
    unique observation ids, spans inside sentences)."""
    with store.connect() as con:
        return _check_result(
            [contracts.validate(t, steps.table_frame(con, t)) for t in ("observations", "quarantine")]
        )


@dg.asset_check(asset="facts", blocking=True)
def warehouse_contract(store: PeakwatchStore) -> dg.AssetCheckResult:
    """Every table follows its contract and every observation points at an existing report, indicator,
    region, agency and unit. A failure stops the release."""
    with store.connect() as con:
        frames = {t: steps.table_frame(con, t) for t in contracts.MODELS}
    results = [contracts.validate(t, f) for t, f in frames.items()] + [contracts.foreign_keys(frames)]
    return _check_result(results)
