"""Followed sources: reports published at URLs, polled daily into the seeds folder."""

import dagster as dg
import pandas as pd

from assets.resources import PeakwatchStore
from pipelines.sources import fetch


@dg.asset(group_name="sources", kinds={"http"})
def fetched_reports(context: dg.AssetExecutionContext, store: PeakwatchStore) -> dg.MaterializeResult:
    """Reports fetched from the URLs of seeds/sources.yaml into the seeds folder, each with a sidecar of its
    metadata, sha256, ETag and Last-Modified. Unchanged sources cost one conditional request; a source that
    fails (unreachable, 404, 500, timeout, too large, no text) is logged with its URL and the reason and the
    others go on."""
    sources, problems = fetch.load_sources(store.sources)
    for problem in problems:
        context.log.warning(problem)
    results = fetch.fetch_all(sources, store.seeds, store.fetch_policy())
    results += [fetch.FetchResult(problem.split(": ", 1)[0], "failed", None, problem) for problem in problems]
    for r in results:
        if r.status == "failed":
            context.log.warning(f"source {r.url} failed: {r.reason}")
        else:
            context.log.info(f"source {r.url}: {r.status} -> {r.file_name}")
    frame = pd.DataFrame([vars(r) for r in results], columns=["url", "status", "file_name", "reason"])
    failed = frame[frame.status == "failed"]
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": len(results),
            "by_status": dg.MetadataValue.json(
                {k: int(v) for k, v in sorted(frame.status.value_counts().items())}
            ),
            "failed_sources": len(failed),
            "failures": dg.MetadataValue.json([f"{r.url}: {r.reason}" for r in failed.itertuples()]),
            "sources": _table(frame),
        }
    )


seeds_folder = dg.AssetSpec(
    "seeds",
    deps=[fetched_reports],
    description="The seeds folder: reports dropped in by hand and those fetched from followed sources, each "
    "NAME.txt with an optional NAME.meta.yaml. Written outside Dagster as well; the reports assets read it.",
    group_name="sources",
    kinds={"folder"},
)


def _table(frame: pd.DataFrame) -> dg.MetadataValue:
    """One row per source polled, as a native table."""
    return dg.MetadataValue.table(
        records=[
            dg.TableRecord({c: None if pd.isna(v) else str(v) for c, v in row.items()})
            for row in frame.to_dict("records")
        ],
        schema=dg.TableSchema([dg.TableColumn(c) for c in frame.columns]),
    )


@dg.asset_check(asset=fetched_reports)
def sources_reachable(context: dg.AssetCheckExecutionContext) -> dg.AssetCheckResult:
    """Every followed source answered on the last poll (a warning, never a block: other sources flow)."""
    record = context.instance.get_latest_materialization_event(fetched_reports.key)
    metadata = record.asset_materialization.metadata if record else {}
    failed = metadata["failed_sources"].value if "failed_sources" in metadata else 0
    failures = metadata["failures"].value if "failures" in metadata else []
    return dg.AssetCheckResult(
        passed=failed == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"failed_sources": failed, "failures": dg.MetadataValue.json(failures)},
    )
