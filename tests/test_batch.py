"""Many reports at once: a run over a range of report partitions stores exactly what runs report by report
store, on every core and in bulk, keeps each report's log in agreement with its facts through a kill, and
a run with nothing to do stops before the jobs."""

import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb

from assets import jobs
from assets.cli import main
from assets.definitions import build_definitions
from assets.resources import PeakwatchStore
from pipelines import steps, warehouse
from validation import rules

from .conftest import ROOT, data_files, run_args


def side_tables(db: Path) -> dict[str, list]:
    with warehouse.connect(db, read_only=True) as con:
        return {
            t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
            for t in ("report_errors", "report_warnings", "extraction_log")
        }


def test_the_batched_release_equals_the_one_made_report_by_report(tmp_path, corpus, monkeypatch, capsys):
    monkeypatch.setattr(jobs, "BATCH_FROM", 10**6)
    assert main(run_args(tmp_path / "serial", corpus)) == 3  # broken.txt and the twin fail alone
    monkeypatch.setattr(jobs, "BATCH_FROM", 0)
    assert main(run_args(tmp_path / "batched", corpus)) == 3
    out = capsys.readouterr().out
    assert "gen_twin.txt: the same text as gen_2.txt, which is kept; not read twice" in out
    serial, batched = tmp_path / "serial" / "releases" / "1.0.0", tmp_path / "batched" / "releases" / "1.0.0"
    assert data_files(batched) == data_files(serial)
    assert side_tables(tmp_path / "batched" / "w.duckdb") == side_tables(tmp_path / "serial" / "w.duckdb")


def test_two_workers_store_what_one_stores(tmp_path, corpus):
    stored = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        with warehouse.connect(db) as con:
            ids = steps.stale_reports(con, corpus)
            tally = steps.process_batch(steps.held(con), corpus, ids, workers=workers, batch_size=3)
            assert sorted(tally["errors"]) == ["broken", "gen_twin"]
            assert steps.stale_reports(con, corpus) == ["broken", "gen_twin"]  # they are tried again
            stored[workers] = con.execute(
                "SELECT * EXCLUDE (extractor_version) FROM extracted_facts ORDER BY ALL"
            ).fetchall()
    assert stored[1] == stored[2] and len(stored[1]) > 100


KILL_AFTER_FIRST_BATCH = """
import os, sys
from pathlib import Path
from pipelines import steps, warehouse

real = warehouse.commit_results
calls = []

def commit_then_die(con, stored, *args):
    if calls:  # the second batch: killed while its transaction is open
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM extraction_log")
        os._exit(9)
    calls.append(1)
    return real(con, stored, *args)

warehouse.commit_results = commit_then_die
with warehouse.connect(Path(sys.argv[1])) as con:
    seeds = Path(sys.argv[2])
    steps.process_batch(steps.held(con), seeds, steps.stale_reports(con, seeds), workers=1, batch_size=2)
"""


def test_a_kill_inside_a_batch_keeps_the_stored_batches_and_the_next_run_finishes(tmp_path, corpus):
    db = tmp_path / "w.duckdb"
    (corpus / "broken.txt").unlink()
    killed = subprocess.run([sys.executable, "-c", KILL_AFTER_FIRST_BATCH, str(db), str(corpus)], cwd=ROOT)
    assert killed.returncode == 9
    with warehouse.connect(db) as con:
        done = warehouse.completed_extractions(con, steps.current_extractor())
        assert sorted(done) == ["en_report", "gen_0"]  # the first batch of two, each with all its facts
        stale = steps.stale_reports(con, corpus)
        assert "en_report" not in stale and "gen_1" in stale
        steps.process_batch(steps.held(con), corpus, stale, workers=1)
        assert steps.stale_reports(con, corpus) == ["gen_twin"]
        logged = con.execute("SELECT sum(n_facts) FROM extraction_log").fetchone()[0]
        assert logged == con.execute("SELECT count(*) FROM extracted_facts").fetchone()[0]


def test_rules_applied_to_the_changed_reports_equal_rules_applied_to_all(tmp_path, corpus):
    def split_tables(con):
        return {
            t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
            for t in ("observations", "quarantine", "validation_summary")
        }

    with warehouse.connect(tmp_path / "w.duckdb") as con:
        steps.load_all(con, corpus)
        assert rules.apply_rules(con)["reports_ruled"] == 7
        (corpus / "gen_1.txt").write_text("Hunan built 30 charging stations in 2022.\n", encoding="utf-8")
        (corpus / "gen_3.txt").unlink()
        steps.load_all(con, corpus)
        assert rules.apply_rules(con)["reports_ruled"] == 1  # gen_1 only; gen_3's rows are gone
        incremental = split_tables(con)
        con.execute("DELETE FROM ruled_reports")
        assert rules.apply_rules(con)["reports_ruled"] == 6
        assert split_tables(con) == incremental
        assert not [r for r in incremental["observations"] if r[1] == "gen_3"]


def test_a_run_with_nothing_to_do_stops_before_the_jobs(tmp_path, seeds, capsys, dagster_home):
    assert main(run_args(tmp_path, seeds)) == 0
    runs = len(dg.DagsterInstance.get().get_run_records())
    capsys.readouterr()
    assert main(run_args(tmp_path, seeds)) == 0
    out = capsys.readouterr().out
    assert "0 new or changed processed" in out and "data unchanged since 1.0.0" in out
    assert len(dg.DagsterInstance.get().get_run_records()) == runs  # no run at all
    # a release folder that moved on (or another one) is not current: the jobs run again
    assert main(run_args(tmp_path, seeds, "elsewhere")) == 0
    assert "published release 1.0.0" in capsys.readouterr().out
    assert len(dg.DagsterInstance.get().get_run_records()) > runs


def test_the_sensor_asks_for_one_run_over_the_range_of_many_new_reports(tmp_path, corpus, monkeypatch):
    monkeypatch.setattr(jobs, "BATCH_FROM", 2)
    store = PeakwatchStore(
        seeds_dir=str(corpus), warehouse_path=str(tmp_path / "w.duckdb"), releases_dir=str(tmp_path / "rel")
    )
    defs, instance = build_definitions(store), dg.DagsterInstance.ephemeral()
    cursor = None
    for _ in range(2):
        context = dg.build_sensor_context(
            instance=instance, cursor=cursor, definitions=defs, resources={"store": store}
        )
        data = defs.resolve_sensor_def("seeds_sensor")(context)
        for request in data.dynamic_partitions_requests or []:
            instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
        cursor = data.cursor
        for run in data.run_requests:
            defs.resolve_job_def(run.job_name).execute_in_process(instance=instance, tags=run.tags)
        if _ == 0:
            assert [(r.job_name, r.partition_key) for r in data.run_requests] == [("process_report", None)]
            assert jobs.range_tags("broken", "zh_report").items() <= data.run_requests[0].tags.items()
    extractions = instance.fetch_materializations(dg.AssetKey("extracted_facts"), limit=100).records
    assert sorted(r.partition_key for r in extractions) == sorted(steps.seed_state(corpus))
    reports = duckdb.connect().execute(
        f"SELECT count(*) FROM '{tmp_path / 'rel' / 'latest' / 'reports.parquet'}'"
    )
    assert reports.fetchone()[0] == 7


def test_the_contracts_check_the_rows_of_reports_ruled_since_the_last_release(tmp_path, seeds, capsys):
    assert main(run_args(tmp_path, seeds)) == 0
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        assert steps.unchecked_reports(con) == []  # all checked by the release run
    (seeds / "third.txt").write_text("Hunan built 30 charging stations in 2022.\n", encoding="utf-8")
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        steps.load_all(con, seeds)
        rules.apply_rules(con)
        assert steps.unchecked_reports(con) == ["third"]
        # a row that breaks a row check, in the report to check: the release stops
        con.execute("UPDATE observations SET measure = 'guess' WHERE report_id = 'third'")
        con.execute("UPDATE ruled_reports SET rules_version = 'x' WHERE report_id = 'third'")
    capsys.readouterr()
    assert main(run_args(tmp_path, seeds)) == 0  # the rules split 'third' again: its rows are valid
    assert "published release 1.1.0" in capsys.readouterr().out
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        assert steps.unchecked_reports(con) == []


def multiprocess_process_job():
    """The per-report job with Dagster's multiprocess executor (each step in a process of its own), on
    the folders the test names in the environment: reconstructable in the step processes."""
    import os  # noqa: PLC0415

    from assets.pipeline import extracted_facts, report_partitions, reports  # noqa: PLC0415

    store = PeakwatchStore(
        seeds_dir=os.environ["PEAKWATCH_TEST_SEEDS"],
        warehouse_path=os.environ["PEAKWATCH_TEST_WAREHOUSE"],
        releases_dir=os.environ["PEAKWATCH_TEST_RELEASES"],
    )
    job = dg.define_asset_job(
        "process_report_multiprocess",
        selection=dg.AssetSelection.assets(reports, extracted_facts),
        partitions_def=report_partitions,
        executor_def=dg.multiprocess_executor,
    )
    defs = dg.Definitions(assets=[reports, extracted_facts], jobs=[job], resources={"store": store})
    return defs.resolve_job_def("process_report_multiprocess")


ONE_PARTITION_RUN = """
import sys
import dagster as dg
from assets.definitions import build_definitions
from assets.jobs import PROCESS_JOB
from assets.resources import PeakwatchStore

seeds, db, key, results = sys.argv[1:5]
store = PeakwatchStore(seeds_dir=seeds, warehouse_path=db, releases_dir="unused", results_dir=results)
instance = dg.DagsterInstance.ephemeral()
instance.add_dynamic_partitions("reports", [key])
result = build_definitions(store).resolve_job_def(PROCESS_JOB).execute_in_process(partition_key=key, instance=instance)
sys.exit(0 if result.success else 1)
"""


def _release(store: PeakwatchStore) -> Path:
    from assets.jobs import RELEASE_JOB  # noqa: PLC0415

    result = build_definitions(store).resolve_job_def(RELEASE_JOB).execute_in_process()
    assert result.success
    return Path(store.releases_dir) / "latest"


def test_the_per_report_job_on_the_multiprocess_executor_and_in_concurrent_runs(
    tmp_path, seeds, monkeypatch, dagster_home
):
    (seeds / "third.txt").write_text("Hunan built 30 charging stations in 2022.\n", encoding="utf-8")
    keys = sorted(steps.seed_state(seeds))
    monkeypatch.setattr(jobs, "BATCH_FROM", 10**6)
    assert main(run_args(tmp_path / "serial", seeds)) == 0
    serial = data_files(tmp_path / "serial" / "releases" / "latest")

    # every step in a process of its own (Dagster's multiprocess executor), one run per report
    paths = {name: tmp_path / "mp" / name for name in ("seeds", "w.duckdb", "releases")}
    for name, var in (("seeds", "SEEDS"), ("w.duckdb", "WAREHOUSE"), ("releases", "RELEASES")):
        monkeypatch.setenv(f"PEAKWATCH_TEST_{var}", str(seeds if name == "seeds" else paths[name]))
    paths["w.duckdb"].parent.mkdir()
    instance = dg.DagsterInstance.get()
    instance.add_dynamic_partitions("reports", keys)
    for key in keys:
        with dg.execute_job(
            dg.reconstructable(multiprocess_process_job), instance=instance, tags={"dagster/partition": key}
        ) as result:
            assert result.success
    store = PeakwatchStore(
        seeds_dir=str(seeds), warehouse_path=str(paths["w.duckdb"]), releases_dir=str(paths["releases"])
    )
    assert data_files(_release(store)) == serial

    # three runs started together, one report each, on one warehouse: each extracts into its result file
    # without the warehouse, then takes its turn to store it; nothing is lost
    shared, first_written = tmp_path / "results", None
    for name in ("together", "reusing"):  # then three more on a new warehouse that reuse those files
        db = tmp_path / name / "w.duckdb"
        db.parent.mkdir()
        runs = [
            subprocess.Popen(
                [sys.executable, "-c", ONE_PARTITION_RUN, str(seeds), str(db), key, str(shared)], cwd=ROOT
            )
            for key in keys
        ]
        assert [r.wait(timeout=300) for r in runs] == [0] * len(keys)
        store = PeakwatchStore(
            seeds_dir=str(seeds), warehouse_path=str(db), releases_dir=str(tmp_path / name / "rel")
        )
        assert data_files(_release(store)) == serial
        written = {p: p.stat().st_mtime_ns for p in shared.rglob("*.parquet")}
        assert sorted(p.stem for p in written) == keys
        assert first_written in (None, written)  # the second time reused, not written again
        first_written = written


def test_a_run_that_stops_early_tells_the_instance_once_per_warehouse_state(
    tmp_path, seeds, capsys, dagster_home
):
    def release_events() -> int:
        return len(dg.DagsterInstance.get().fetch_materializations(dg.AssetKey("release"), limit=100).records)

    assert main(run_args(tmp_path, seeds)) == 0
    published = release_events()
    assert main(run_args(tmp_path, seeds)) == 0  # stops early: the instance hears it is unchanged
    assert release_events() == published + 1
    assert main(run_args(tmp_path, seeds)) == 0  # and once is enough
    assert release_events() == published + 1
    assert "data unchanged since 1.0.0" in capsys.readouterr().out
    (seeds / "third.txt").write_text("Hunan built 30 charging stations in 2022.\n", encoding="utf-8")
    assert main(run_args(tmp_path, seeds)) == 0  # a new state: published, then told again when unchanged
    assert main(run_args(tmp_path, seeds)) == 0
    assert release_events() == published + 3
