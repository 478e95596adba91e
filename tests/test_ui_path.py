"""The UI's path: a fresh instance, the code location loaded, Materialize all with one click."""

import json

import dagster as dg
from dagster._core.execution.backfill import BulkActionStatus

from .materialize_all import code_location, fresh_instance, materialize_all, start_ui_sensors


def test_materialize_all_on_a_fresh_instance_publishes_a_release(tmp_path, seeds, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))  # restored after the test
    instance = fresh_instance(tmp_path / "home")
    releases = tmp_path / "releases"
    with code_location(instance, tmp_path, seeds, tmp_path / "w.duckdb", releases) as workspace:
        assert instance.get_dynamic_partitions("reports") == []
        start_ui_sensors(workspace)
        assert sorted(instance.get_dynamic_partitions("reports")) == ["en_report", "zh_report"]
        backfill = materialize_all(workspace)
    assert backfill.status == BulkActionStatus.COMPLETED_SUCCESS
    runs = instance.get_runs()
    assert runs and all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
    assert {r.job_name for r in runs} == {"__ASSET_JOB"}
    for key in ("reports", "extracted_facts"):
        done = instance.fetch_materializations(dg.AssetKey(key), limit=10).records
        assert sorted(r.partition_key for r in done) == ["en_report", "zh_report"], key
    release = instance.get_latest_materialization_event(dg.AssetKey("release"))
    assert release.asset_materialization.metadata["version"].value == "1.0.0"
    assert (releases / "1.0.0" / "observations.parquet").exists()
    # every step of the implicit asset job ran in its run's own process
    engine = [e.message for r in runs for e in instance.all_logs(r.run_id) if e.message]
    assert any("Executing steps in process" in m for m in engine)
    assert not any("multiprocess" in m.lower() for m in engine)


def test_every_published_table_is_an_asset_with_the_dictionarys_columns():
    from assets.definitions import defs  # noqa: PLC0415
    from pipelines import warehouse  # noqa: PLC0415

    specs = {s.key.to_user_string(): s for s in defs.resolve_all_asset_specs()}
    for table in warehouse.RELEASE_TABLES:
        assert table in specs, f"{table} is published but is no asset"
        schema = specs[table].metadata["dagster/column_schema"]
        assert [c.name for c in schema.columns] == warehouse.columns(table), table
        assert all(c.description for c in schema.columns), table


def test_a_run_gives_each_table_its_row_count_and_a_preview_of_ten_rows(tmp_path, seeds):
    from assets.cli import main  # noqa: PLC0415
    from pipelines import warehouse  # noqa: PLC0415

    from .conftest import run_args  # noqa: PLC0415

    (seeds / "more.txt").write_text(
        "Wind\n"
        + " ".join(f"Hubei added {i + 1} million kilowatts of wind power in 20{i + 10}." for i in range(12)),
        encoding="utf-8",
    )
    assert main(run_args(tmp_path, seeds)) == 0
    instance = dg.DagsterInstance.get()
    for table in set(warehouse.RELEASE_TABLES) - {"reports"}:
        metadata = instance.get_latest_materialization_event(
            dg.AssetKey(table)
        ).asset_materialization.metadata
        rows = metadata["dagster/row_count"].value
        records = metadata["preview"].value.records
        assert len(records) == min(rows, 10), table
        assert [c.name for c in metadata["preview"].value.schema.columns] == warehouse.columns(table)
        assert set(records[0].data) == set(warehouse.columns(table)) if records else rows == 0, table
    observations = instance.get_latest_materialization_event(dg.AssetKey("observations"))
    assert observations.asset_materialization.metadata["dagster/row_count"].value > 10


def _checks(out: str) -> dict[str, dict]:
    return {c["check"]: c for c in json.loads(out)["quality_checks"]}


def test_quality_checks_warn_without_stopping_the_release(tmp_path, seeds, capsys):
    from assets.cli import main  # noqa: PLC0415

    from .conftest import run_args  # noqa: PLC0415

    (seeds / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    capsys.readouterr()
    assert main(run_args(tmp_path, seeds, "releases", "--json")) == 3  # published, one report failed
    checks = _checks(capsys.readouterr().out)
    assert not checks["reports_readable"]["passed"] and "broken.txt" in checks["reports_readable"]["message"]
    assert checks["quarantine_rate"]["passed"]  # 1 of 11 facts
    assert checks["release_row_loss"]["passed"]  # the first release
    # the broken report is fixed, a report leaves, and a damaged one comes
    (seeds / "broken.txt").unlink()
    (seeds / "zh_report.txt").unlink()
    (seeds / "damaged.txt").write_text(
        "Damaged\nIn 2022, about <> million kW, <> tons, <> percent, <> stations and <> units were added.\n",
        encoding="utf-8",
    )
    assert main(run_args(tmp_path, seeds, "releases", "--json")) == 0  # warnings change no outcome
    out = capsys.readouterr().out
    checks = _checks(out)
    assert json.loads(out)["release"]["version"] == "1.1.0"
    assert checks["reports_readable"]["passed"]
    assert not checks["quarantine_rate"]["passed"]
    assert (
        not checks["release_row_loss"]["passed"]
        and "observations lost" in checks["release_row_loss"]["message"]
    )
