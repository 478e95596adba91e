"""The jobs: one report at a time, one release per batch, and the polling of followed sources."""

import dagster as dg

from assets.pipeline import dimensions, extracted_facts, observations, release, report_partitions, reports
from assets.sources import fetched_reports

PROCESS_JOB = "process_report"
RELEASE_JOB = "publish_release"
FETCH_JOB = "fetch_sources"

# More stale reports than this go through one run over their range of partitions (every core, bulk
# writes); fewer take one run each, so that a new report costs one report's work.
BATCH_FROM = 8


def range_tags(first: str, last: str) -> dict[str, str]:
    """The tags of a run over the report partitions from `first` to `last` (Dagster's single-run backfill
    of a partition range): the per-report assets execute once for the whole range."""
    return {"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last}


def partition_range(partitions: list[str], stale: list[str]) -> tuple[str, str]:
    """The first and last of `stale` in the order of `partitions`: the range one run covers."""
    position = {key: i for i, key in enumerate(partitions)}
    ordered = sorted(stale, key=position.__getitem__)
    return ordered[0], ordered[-1]


# Runs write one DuckDB file: steps run in the run's own process, one after another.
process_report_job = dg.define_asset_job(
    PROCESS_JOB,
    selection=dg.AssetSelection.assets(reports, extracted_facts),
    partitions_def=report_partitions,
    executor_def=dg.in_process_executor,
    description="Read and extract one report (one partition per report).",
)
publish_release_job = dg.define_asset_job(
    RELEASE_JOB,
    selection=dg.AssetSelection.assets(observations, dimensions, release),
    executor_def=dg.in_process_executor,
    description="Validate all extracted facts, build the dimensions and publish a release if the data changed.",
)
fetch_sources_job = dg.define_asset_job(
    FETCH_JOB,
    selection=dg.AssetSelection.assets(fetched_reports),
    executor_def=dg.in_process_executor,
    description="Poll the followed sources into the seeds folder.",
)
