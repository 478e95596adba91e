"""Automation: a sensor that turns new, changed and removed report files into runs, and a daily schedule
that polls the followed sources."""

import hashlib
import json

import dagster as dg

from assets import jobs
from assets.jobs import (
    FETCH_JOB,
    PROCESS_JOB,
    RELEASE_JOB,
    partition_range,
    process_report_job,
    publish_release_job,
    range_tags,
)
from assets.resources import PeakwatchStore
from pipelines import steps

_ACTIVE = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]


def plan(seen: dict[str, str], current: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    """(new, changed, removed) report ids between two states of the seeds folder."""
    new = sorted(set(current) - set(seen))
    changed = sorted(r for r in set(current) & set(seen) if current[r] != seen[r])
    removed = sorted(set(seen) - set(current))
    return new, changed, removed


def state_key(current: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()[:16]


@dg.sensor(
    jobs=[process_report_job, publish_release_job],
    minimum_interval_seconds=30,
    description="Registers new or changed reports of the seeds folder as partitions and runs them; "
    "once they are done, requests one release run for the batch.",
)
def seeds_sensor(context: dg.SensorEvaluationContext, store: PeakwatchStore) -> dg.SensorResult:
    cursor = json.loads(context.cursor) if context.cursor else {"seen": {}, "released": None}
    current = steps.seed_state(store.seeds)
    new, changed, removed = plan(cursor["seen"], current)
    partition_requests = []
    if new:
        partition_requests.append(dg.AddDynamicPartitionsRequest("reports", new))
    if removed:
        partition_requests.append(dg.DeleteDynamicPartitionsRequest("reports", removed))
    key = state_key(current)
    if len(new + changed) > jobs.BATCH_FROM:
        # many reports: one run over their range of partitions (new ones are appended in this order)
        order = context.instance.get_dynamic_partitions("reports") + new
        first, last = partition_range(order, new + changed)
        run_requests = [
            dg.RunRequest(run_key=f"batch:{key}", job_name=PROCESS_JOB, tags=range_tags(first, last))
        ]
    else:
        run_requests = [
            dg.RunRequest(
                run_key=f"{rid}:{current[rid]}", partition_key=rid, job_name=PROCESS_JOB, tags={"report": rid}
            )
            for rid in new + changed
        ]
    busy = context.instance.get_runs(dg.RunsFilter(job_name=PROCESS_JOB, statuses=_ACTIVE), limit=1)
    if not run_requests and not busy and key != cursor["released"]:
        # every report of this state has been processed: one release run for the batch
        run_requests.append(dg.RunRequest(run_key=f"release:{key}", job_name=RELEASE_JOB))
        cursor["released"] = key
    cursor["seen"] = current
    if not run_requests and not partition_requests:
        return dg.SensorResult(skip_reason="no new, changed or removed reports", cursor=json.dumps(cursor))
    return dg.SensorResult(
        run_requests=run_requests,
        dynamic_partitions_requests=partition_requests,
        cursor=json.dumps(cursor, sort_keys=True),
    )


def partition_requests(known: list[str], current: dict[str, str]) -> list:
    """The requests that make the "reports" partitions those of the seeds folder."""
    requests = []
    if added := sorted(set(current) - set(known)):
        requests.append(dg.AddDynamicPartitionsRequest("reports", added))
    if removed := sorted(set(known) - set(current)):
        requests.append(dg.DeleteDynamicPartitionsRequest("reports", removed))
    return requests


@dg.sensor(
    minimum_interval_seconds=10,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Keeps one partition of the reports assets per report of the seeds folder, from the moment "
    "the UI starts, so that Materialize all can run every report on a fresh instance. Launches no run "
    "(seeds_sensor does that when turned on).",
)
def report_partitions_sensor(
    context: dg.SensorEvaluationContext, store: PeakwatchStore
) -> dg.SensorResult | dg.SkipReason:
    requests = partition_requests(
        context.instance.get_dynamic_partitions("reports"), steps.seed_state(store.seeds)
    )
    if not requests:
        return dg.SkipReason("the partitions are the reports of the seeds folder")
    return dg.SensorResult(dynamic_partitions_requests=requests)


daily_fetch = dg.ScheduleDefinition(
    name="daily_fetch",
    job_name=FETCH_JOB,
    cron_schedule="0 6 * * *",
    execution_timezone="Asia/Shanghai",
    description="Poll the followed sources of seeds/sources.yaml every morning; the seeds sensor takes it from there.",
)
