"""The seeds sensor against a real Dagster instance: new, changed and removed reports become runs and
then one release per batch."""

import json
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets.definitions import build_definitions
from assets.resources import PeakwatchStore
from assets.sensors import plan


@pytest.fixture
def world(tmp_path, seeds):
    store = PeakwatchStore(
        seeds_dir=str(seeds),
        warehouse_path=str(tmp_path / "w.duckdb"),
        releases_dir=str(tmp_path / "releases"),
        sources_file=str(seeds / "sources.yaml"),
    )
    return {
        "defs": build_definitions(store),
        "instance": dg.DagsterInstance.ephemeral(),
        "cursor": None,
        "seeds": seeds,
        "releases": tmp_path / "releases",
        "store": store,
    }


def tick(world) -> list[dg.RunRequest]:
    """Evaluate the sensor once, apply its partition requests and execute the runs it asks for."""
    sensor = world["defs"].resolve_sensor_def("seeds_sensor")
    context = dg.build_sensor_context(
        instance=world["instance"],
        cursor=world["cursor"],
        definitions=world["defs"],
        resources={"store": world["store"]},
    )
    data = sensor(context)  # the SensorResult, as the daemon receives it
    for request in data.dynamic_partitions_requests or []:
        if isinstance(request, dg.AddDynamicPartitionsRequest):
            world["instance"].add_dynamic_partitions(
                request.partitions_def_name, list(request.partition_keys)
            )
        else:
            for key in request.partition_keys:
                world["instance"].delete_dynamic_partition(request.partitions_def_name, key)
    world["cursor"] = data.cursor
    for run in data.run_requests or []:
        assert run.partition_key is None or run.partition_key in world["instance"].get_dynamic_partitions(
            "reports"
        )
        job = world["defs"].resolve_job_def(run.job_name)
        job.execute_in_process(
            instance=world["instance"], partition_key=run.partition_key, raise_on_error=False
        )
    return list(data.run_requests or [])


def jobs(requests):
    return [(r.job_name, r.partition_key) for r in requests]


def test_plan():
    assert plan({"a": "1", "b": "2"}, {"a": "1", "b": "3", "c": "4"}) == (["c"], ["b"], [])
    assert plan({"a": "1"}, {}) == ([], [], ["a"])


def test_dropped_report_becomes_a_minor_release_without_reparsing_the_others(world):
    assert sorted(jobs(tick(world))) == [("process_report", "en_report"), ("process_report", "zh_report")]
    assert jobs(tick(world)) == [("publish_release", None)]
    assert (world["releases"] / "1.0.0").is_dir()
    assert tick(world) == []  # nothing new: no runs

    (world["seeds"] / "new_report.txt").write_text(
        "Hunan built 30 charging stations in 2022.\n", encoding="utf-8"
    )
    assert jobs(tick(world)) == [("process_report", "new_report")]  # the earlier reports are not re-parsed
    assert jobs(tick(world)) == [("publish_release", None)]
    changes = json.loads((world["releases"] / "1.1.0" / "changes.json").read_text())
    new_ids = [
        r[0]
        for r in duckdb.connect()
        .execute(
            f"SELECT observation_id FROM '{world['releases'] / '1.1.0' / 'observations.parquet'}' "
            "WHERE report_id = 'new_report' ORDER BY 1"
        )
        .fetchall()
    ]
    assert changes["reports_added"] == ["new_report"] and changes["observations_added"] == new_ids != []
    extractions = (
        world["instance"]
        .fetch_materializations(dg.AssetRecordsFilter(asset_key=dg.AssetKey("extracted_facts")), limit=100)
        .records
    )
    assert sorted(r.partition_key for r in extractions) == ["en_report", "new_report", "zh_report"]


def test_removed_report_leaves_the_next_release(world):
    tick(world), tick(world)
    (world["seeds"] / "zh_report.txt").unlink()
    assert jobs(tick(world)) == [("publish_release", None)]
    assert "zh_report" not in world["instance"].get_dynamic_partitions("reports")
    changes = json.loads((world["releases"] / "1.1.0" / "changes.json").read_text())
    assert changes["reports_removed"] == ["zh_report"] and changes["observations_removed"]
    assert "Reports removed: 1" in (world["releases"] / "1.1.0" / "CHANGELOG.md").read_text()


def test_an_unreadable_report_fails_alone_and_the_batch_is_released(world):
    (world["seeds"] / "broken.txt").write_bytes(b"\xff\xfe broken")
    tick(world)
    failed = world["instance"].get_runs(dg.RunsFilter(statuses=[dg.DagsterRunStatus.FAILURE]))
    assert [r.tags.get("dagster/partition") for r in failed] == ["broken"]
    assert jobs(tick(world)) == [("publish_release", None)]
    reports = (
        duckdb.connect()
        .execute(f"SELECT report_id FROM '{world['releases'] / '1.0.0' / 'reports.parquet'}' ORDER BY 1")
        .fetchall()
    )
    assert reports == [("en_report",), ("zh_report",)]


def test_the_fetch_job_writes_into_seeds_for_the_sensor(world, tmp_path):
    # no sources configured: the job runs and reports nothing
    result = world["defs"].resolve_job_def("fetch_sources").execute_in_process(instance=world["instance"])
    assert result.success
    assert Path(world["seeds"]).is_dir()


def test_every_job_runs_in_process_including_the_implicit_asset_job():
    from assets.definitions import defs  # noqa: PLC0415

    for job in defs.resolve_all_job_defs():
        assert job.executor_def.name == "in_process", job.name
