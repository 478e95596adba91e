"""The one Definitions object of peakwatch: `dagster dev` loads it (see [tool.dagster] in pyproject.toml),
and `peakwatch run` executes its job in-process with the folders given on the command line."""

from __future__ import annotations

import dagster as dg

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

RUN_JOB = "publish_release"


def build_definitions(store: PeakwatchStore | None = None) -> dg.Definitions:
    assets = [reports, extracted_facts, observations, dimensions, release]
    return dg.Definitions(
        assets=assets,
        asset_checks=[observations_contract, warehouse_contract],
        jobs=[
            dg.define_asset_job(
                RUN_JOB,
                selection=dg.AssetSelection.assets(*assets),
                description="Read the seeds, extract, validate and publish a release.",
            )
        ],
        resources={"store": store or PeakwatchStore()},
    )


defs = build_definitions()
