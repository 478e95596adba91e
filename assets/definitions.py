"""The one Definitions object of peakwatch: `dagster dev` loads it (see [tool.dagster] in pyproject.toml),
and `peakwatch run` executes its jobs in-process with the folders given on the command line."""

import dagster as dg

from assets.checks import quarantine_rate, release_row_loss, reports_readable
from assets.jobs import fetch_sources_job, process_report_job, publish_release_job
from assets.pipeline import (
    dimensions,
    extracted_facts,
    observations,
    observations_contract,
    release,
    reports,
    warehouse_contract,
)
from assets.resources import PeakwatchStore
from assets.sensors import daily_fetch, report_partitions_sensor, seeds_sensor
from assets.sources import fetched_reports, seeds_folder, sources_reachable


def build_definitions(store: PeakwatchStore | None = None) -> dg.Definitions:
    return dg.Definitions(
        assets=[fetched_reports, seeds_folder, reports, extracted_facts, observations, dimensions, release],
        asset_checks=[
            observations_contract,
            warehouse_contract,
            quarantine_rate,
            reports_readable,
            release_row_loss,
            sources_reachable,
        ],
        jobs=[process_report_job, publish_release_job, fetch_sources_job],
        sensors=[seeds_sensor, report_partitions_sensor],
        schedules=[daily_fetch],
        resources={"store": store or PeakwatchStore()},
        # every job, the UI's "Materialize all" included, runs its steps in the run's own process: they
        # share one DuckDB file, and a process per step costs seconds each
        executor=dg.in_process_executor,
    )


defs = build_definitions()
