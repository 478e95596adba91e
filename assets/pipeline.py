"""The assets of peakwatch. Per report (one dynamic partition each): reports -> extracted_facts. Per batch:
observations -> dimensions -> release. Each asset is a thin wrapper: it calls a plain function of
pipelines/ or validation/ and reports what it did."""

import warnings

import dagster as dg
import pandas as pd

from assets.progress import Progress
from assets.resources import PeakwatchStore
from assets.tables import column_schema, preview, table_result, table_spec
from pipelines import provenance, steps, warehouse
from pipelines.publishing import release as release_lib
from pipelines.sources.reports import ReportError
from validation import contracts, rules

report_partitions = dg.DynamicPartitionsDefinition(name="reports")


# A run over a range of report partitions (a backfill, or `peakwatch run` and the sensor when many reports
# are stale) executes each asset once for the whole range: one warehouse connection, extraction on every
# core, bulk writes. A run over one partition takes the per-report path.
_ONE_RUN_PER_RANGE = dg.BackfillPolicy.single_run()
# the policy is marked beta on assets; said once here rather than at every start of the command
warnings.filterwarnings("ignore", message=".*backfill_policy.*", category=dg.BetaWarning)


@dg.asset(
    group_name="per_report",
    partitions_def=report_partitions,
    backfill_policy=_ONE_RUN_PER_RANGE,
    deps=["seeds"],
    kinds={"duckdb"},
    metadata={"dagster/column_schema": column_schema("reports"), "dagster/table_name": "warehouse.reports"},
)
def reports(context: dg.AssetExecutionContext, store: PeakwatchStore) -> dg.MaterializeResult:
    """One progress report from the seeds folder: text, sha256 and metadata (from its sidecar, else
    inferred). A report that cannot be read (empty, binary, not UTF-8) fails with its name and the reason;
    a report whose file is gone is removed from the warehouse. In a run over many reports, each is read
    once, on the extraction workers of `extracted_facts`, and stored with its facts."""
    keys = context.partition_keys
    if len(keys) > 1:
        return dg.MaterializeResult(
            metadata={"status": "read with its facts (batch)", "batch_reports": len(keys)}
        )
    report_id = keys[0]
    with store.connect() as con:
        try:
            result = steps.load_report(con, store.seeds, report_id)
        except ReportError as e:
            raise dg.Failure(
                description=f"unreadable report {e}", metadata={"file": f"{report_id}.txt"}
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


@dg.asset(
    group_name="per_report",
    partitions_def=report_partitions,
    backfill_policy=_ONE_RUN_PER_RANGE,
    deps=[reports],
    kinds={"duckdb"},
)
def extracted_facts(context: dg.AssetExecutionContext, store: PeakwatchStore) -> dg.MaterializeResult:
    """Every numeric fact of one report, with unit, indicator, region, agency, year and character span,
    stored together with the report in one transaction. Skipped when the report's bytes and the extractor
    version are unchanged since the last extraction. A report whose extraction fails keeps the facts of
    its last successful extraction (or stays out of the release) and the run fails naming it. Over many
    reports, a report that fails is named in the run's log and metadata and the others are stored."""
    keys = context.partition_keys
    if len(keys) > 1:
        return _extract_batch(context, store, keys)
    report_id = keys[0]
    try:
        # the warehouse is held only to take the staged report and to store its result
        result = steps.extract_report(store.connect, report_id, store.results)
    except ReportError as e:
        raise dg.Failure(description=str(e), metadata={"file": f"{report_id}.txt"}) from None
    for note in result["notes"]:
        context.log.warning(note)
    with store.connect() as con:
        sample = preview(
            con,
            "SELECT value_raw, unit_raw, value, unit, indicator_id, region_code, year "
            "FROM extracted_facts WHERE report_id = ? ORDER BY char_start LIMIT 10",
            [report_id],
        )
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": result["facts"],
            "re_extracted": result["extracted"],
            "results_dir": str(store.results),
            "preview": sample,
        }
    )


def _extract_batch(
    context: dg.AssetExecutionContext, store: PeakwatchStore, keys: list[str]
) -> dg.MaterializeResult:
    progress = Progress(len(keys), shown=store.show_progress)
    tally = steps.process_batch(
        store.connect,
        store.seeds,
        keys,
        store.results,
        workers=store.extraction_workers,
        on_done=progress.step,
    )
    for note in tally["notes"]:
        context.log.warning(note)
    for message in tally["errors"].values():
        context.log.warning(f"not stored: {message}")
    return dg.MaterializeResult(
        metadata={
            "batch_reports": len(keys),
            "extracted": len(tally["extracted"]),
            "reused_results": len(tally["reused"]),
            "results_dir": str(store.results),
            "unchanged": len(tally["unchanged"]),
            "removed": len(tally["removed"]),
            "facts_stored": tally["facts"],
            "failed_reports": dg.MetadataValue.json(tally["errors"]),
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
        result = rules.apply_rules(con, provenance.code_version())
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
            reports_ruled=result["reports_ruled"],
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
        # the version users download: the new one, or the current one when nothing changed
        current = result.version or release_lib.latest_version(store.releases) or "none"
        if result.status in ("published", "unchanged"):
            # a later run from this same state can stop early (it would publish nothing), and the rows
            # checked in this run need no row checks again
            steps.record_release(con, store.releases, current, provenance.code_version())
            steps.record_checked(con)
        warehouse.checkpoint(con)
    context.log.info(result.message)
    counts = {k: len(v) for k, v in result.changes.items()}
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
    unique observation ids, spans inside sentences): the rows of the reports ruled since the last release
    run, and the unique keys over every row."""
    with store.connect() as con:
        changed = steps.unchecked_reports(con)
        results = [_rows_contract(con, t, changed) for t in ("observations", "quarantine")]
        return _check_result([*results, contracts.unique_keys(con, ("observations", "quarantine"))])


@dg.asset_check(asset="facts", blocking=True)
def warehouse_contract(store: PeakwatchStore) -> dg.AssetCheckResult:
    """Every table follows its contract and every observation points at an existing report, indicator,
    region, agency and unit. A failure stops the release. The per-report tables are checked on the rows
    of the reports ruled since the last release run; keys and foreign keys over every row."""
    with store.connect() as con:
        changed = steps.unchecked_reports(con)
        results = [
            _rows_contract(con, t, changed)
            if t in PER_REPORT_TABLES
            else contracts.validate(t, steps.table_frame(con, t))
            for t in contracts.MODELS
        ]
        results += [
            contracts.unique_keys(con, tuple(contracts.UNIQUE_KEYS)),
            contracts.foreign_keys_sql(con),
        ]
    return _check_result(results)


PER_REPORT_TABLES = ("reports", "observations", "quarantine", "facts")


def _rows_contract(con, table: str, report_ids: list[str]) -> contracts.ContractResult:
    parts = [contracts.validate(table, frame) for frame in steps.frames_of(con, table, report_ids)]
    return contracts.combine(table, parts)
