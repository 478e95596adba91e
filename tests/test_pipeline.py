"""End to end through Dagster: `peakwatch run` into temporary folders, incremental runs, blocked releases."""

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from assets.cli import main
from pipelines import warehouse

from .conftest import ROOT, run_args

BIN = Path(sys.executable).parent


def run(tmp_path, seeds, capsys=None):
    if capsys:
        capsys.readouterr()  # only this run's output
    code = main(run_args(tmp_path, seeds))
    return code, (capsys.readouterr().out if capsys else "")


def release_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".parquet", ".csv")}


def test_run_publishes_a_release_that_follows_the_contract(tmp_path, seeds, capsys):
    code, out = run(tmp_path, seeds, capsys)
    assert code == 0, out
    assert "published release 1.0.0" in out
    latest = tmp_path / "releases" / "latest"
    assert latest.is_symlink() and os.readlink(latest) == "1.0.0"
    for table in warehouse.RELEASE_TABLES:
        assert (latest / f"{table}.parquet").exists() and (latest / f"{table}.csv").exists()
    con = duckdb.connect()
    obs = con.execute(f"SELECT * FROM '{latest / 'observations.parquet'}'").df()
    assert set(obs.report_id) == {"en_report", "zh_report"}
    assert list(obs.columns) == warehouse.columns("observations")
    placeholders = con.execute(
        f"SELECT count(*) FROM '{latest / 'quarantine.parquet'}' WHERE reason = 'placeholder'"
    ).fetchone()
    assert placeholders[0] == 1  # "about <> million units"
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=latest, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_unchanged_seeds_publish_nothing_and_new_report_is_a_minor_release(tmp_path, seeds, capsys):
    assert run(tmp_path, seeds)[0] == 0
    code, out = run(tmp_path, seeds, capsys)
    assert code == 0 and "data unchanged since 1.0.0" in out
    assert "2 in " in out and "0 new or changed processed" in out
    (seeds / "new_report.txt").write_text(
        "Hubei added 2.1 million kilowatts of wind power in 2022.\n", encoding="utf-8"
    )
    code, out = run(tmp_path, seeds, capsys)
    assert code == 0 and "published release 1.1.0" in out
    assert "3 in " in out and "1 new or changed processed" in out
    changes = json.loads((tmp_path / "releases" / "1.1.0" / "changes.json").read_text())
    con = duckdb.connect()
    new_ids = [
        r[0]
        for r in con.execute(
            f"SELECT observation_id FROM '{tmp_path / 'releases/1.1.0/observations.parquet'}' "
            "WHERE report_id = 'new_report' ORDER BY 1"
        ).fetchall()
    ]
    assert changes["reports_added"] == ["new_report"]
    assert changes["observations_added"] == new_ids and len(new_ids) == 1
    assert changes["observations_removed"] == [] and changes["observations_changed"] == []
    assert sorted(
        p.name for p in (tmp_path / "releases").iterdir() if not p.name.startswith(("index", "latest", "."))
    ) == ["1.0.0", "1.1.0"]


def test_an_unreadable_report_is_named_and_the_rest_flow(tmp_path, seeds, capsys):
    (seeds / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    code, out = run(tmp_path, seeds, capsys)
    assert code == 3  # published, but not every report
    assert "failed:       broken.txt: binary content" in out
    assert "published release 1.0.0" in out
    assert "Traceback" not in out


def test_only_unreadable_reports_publish_nothing(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "latin1.txt").write_bytes("caf\u00e9 50%".encode("latin-1"))
    code, out = run(tmp_path, seeds, capsys)
    assert code == 1
    assert [line.split(":")[1].strip() for line in out.splitlines() if line.startswith("failed:")] == [
        "binary.txt",
        "empty.txt",
        "latin1.txt",
    ]
    assert "nothing published: no readable report" in out
    assert not (tmp_path / "releases" / "1.0.0").exists()


def test_a_failed_extraction_is_named_and_its_report_is_not_published_empty(
    tmp_path, seeds, capsys, monkeypatch
):
    from pipelines import steps

    real = steps.extract_facts

    def fails_on_chinese(text, ctx):
        if ctx.report_id == "zh_report":
            raise RuntimeError("grammar bug")
        return real(text, ctx)

    monkeypatch.setattr(steps, "extract_facts", fails_on_chinese)
    code, out = run(tmp_path, seeds, capsys)
    assert code == 3
    assert "failed:       zh_report.txt: extraction failed (RuntimeError: grammar bug)" in out
    reports = (
        duckdb.connect()
        .execute(f"SELECT report_id FROM '{tmp_path / 'releases' / 'latest' / 'reports.parquet'}'")
        .fetchall()
    )
    assert reports == [("en_report",)]
    monkeypatch.undo()
    code, out = run(tmp_path, seeds, capsys)  # fixed: the report is extracted and published
    assert code == 0 and "published release 1.1.0" in out


@pytest.mark.parametrize("plant", ["duplicate_id", "unknown_unit"])
def test_a_contract_violation_stops_the_release_and_latest_stays(tmp_path, seeds, capsys, plant):
    assert run(tmp_path, seeds)[0] == 0
    latest = tmp_path / "releases" / "latest"
    before = release_files(latest)
    (seeds / "new_report.txt").write_text(
        "Hubei added 2.1 million kilowatts of wind power in 2022.\n", encoding="utf-8"
    )
    assert run(tmp_path, seeds)[0] == 0  # 1.1.0
    before = release_files(latest)
    (seeds / "third.txt").write_text("Hunan built 30 charging stations in 2022.\n", encoding="utf-8")
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        # extract the new report, then corrupt the stored facts the way a bug would
        from pipelines import steps

        steps.load_all(con, seeds)
        if plant == "duplicate_id":
            con.execute("INSERT INTO extracted_facts SELECT * FROM extracted_facts WHERE report_id = 'third'")
            # a bug that also logs the doubled count, so the log agrees with what was stored
            con.execute("UPDATE extraction_log SET n_facts = 2 * n_facts WHERE report_id = 'third'")
        else:
            con.execute("UPDATE extracted_facts SET unit = 'furlong' WHERE report_id = 'third'")
    code, out = run(tmp_path, seeds, capsys)
    assert code == 1
    assert "FAILED" in out
    assert os.readlink(latest) == "1.1.0"
    assert release_files(latest) == before
    assert not (tmp_path / "releases" / "1.2.0").exists()


def test_same_inputs_give_byte_identical_data_files(tmp_path, seeds):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    assert run(a, seeds)[0] == 0 and run(b, seeds)[0] == 0
    assert release_files(a / "releases" / "1.0.0") == release_files(b / "releases" / "1.0.0")


def test_query_and_releases_commands(tmp_path, seeds, capsys):
    run(tmp_path, seeds)
    capsys.readouterr()
    assert (
        main(
            [
                "query",
                "SELECT region_code, count(*) AS n FROM observations GROUP BY 1 ORDER BY 1",
                "--warehouse",
                str(tmp_path / "w.duckdb"),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "CN-SD" in out and "CN-CQ" in out
    assert main(["query", "DROP TABLE observations", "--warehouse", str(tmp_path / "w.duckdb")]) == 1
    assert main(["releases", "--releases", str(tmp_path / "releases")]) == 0
    assert "1.0.0" in capsys.readouterr().out
    assert main(["verify", "--releases", str(tmp_path / "releases")]) == 0


def test_installed_command_runs_end_to_end(tmp_path, seeds):
    out = subprocess.run(
        [str(BIN / "peakwatch"), *run_args(tmp_path, seeds, "rel")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "published release 1.0.0" in out.stdout


def test_dagster_definitions_validate():
    out = subprocess.run(
        [str(BIN / "dagster"), "definitions", "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | {"DAGSTER_HOME": ""},
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_dg_check_defs():
    out = subprocess.run(
        [str(BIN / "dg"), "check", "defs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env=os.environ | {"DAGSTER_HOME": ""},
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "All definitions loaded successfully" in out.stdout + out.stderr


def test_the_committed_seed_is_the_shared_report_byte_for_byte():
    shared = ROOT.parent / "shared" / "seeds" / "000_d5311f605202a331.txt"
    if not shared.exists():
        pytest.skip("shared folder not beside the repository")
    assert (ROOT / "seeds" / shared.name).read_bytes() == shared.read_bytes()


def test_diff_and_verify_between_releases(tmp_path, seeds, capsys):
    run(tmp_path, seeds)
    (seeds / "new_report.txt").write_text(
        "Hubei added 2.1 million kilowatts of wind power in 2022.\n", encoding="utf-8"
    )
    run(tmp_path, seeds)
    capsys.readouterr()
    assert main(["diff", "1.0.0", "1.1.0", "--releases", str(tmp_path / "releases")]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert len(diff["added"]) == 1 and diff["removed"] == [] and diff["changed"] == []
    assert main(["verify", "1.0.0", "--releases", str(tmp_path / "releases")]) == 0
    (tmp_path / "releases" / "1.0.0" / "units.csv").write_text("tampered\n")
    assert main(["verify", "1.0.0", "--releases", str(tmp_path / "releases")]) == 1
    assert "units.csv: checksum mismatch" in capsys.readouterr().out


def test_the_duckdb_command_line_reads_the_committed_release():
    out = subprocess.run(
        [
            str(BIN / "duckdb"),
            "-csv",
            "-c",
            "SELECT count(*) AS n FROM 'releases/latest/observations.parquet'",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.splitlines()[-1]) > 0


def test_the_duckdb_command_line_opens_the_warehouse(tmp_path, seeds):
    assert run(tmp_path, seeds)[0] == 0
    out = subprocess.run(
        [
            str(BIN / "duckdb"),
            "-readonly",
            "-csv",
            "-c",
            "SELECT count(*) FROM observations",
            str(tmp_path / "w.duckdb"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.splitlines()[-1]) > 0


def test_command_line_runs_go_to_the_instance_the_ui_shows(tmp_path, seeds, dagster_home):
    import dagster as dg  # noqa: PLC0415

    assert run(tmp_path, seeds)[0] == 0
    instance = dg.DagsterInstance.get()
    assert Path(instance.root_directory) == dagster_home
    event = instance.get_latest_materialization_event(dg.AssetKey("release"))
    assert event.asset_materialization.metadata["version"].value == "1.0.0"
    assert run(tmp_path, seeds)[0] == 0  # nothing changed: the asset still names the current version
    event = instance.get_latest_materialization_event(dg.AssetKey("release"))
    metadata = event.asset_materialization.metadata
    assert metadata["version"].value == "1.0.0" and metadata["published_now"].value is False


def test_without_dagster_home_runs_go_to_the_projects_dagster_home(tmp_path, seeds, monkeypatch):
    import dagster as dg  # noqa: PLC0415

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DAGSTER_HOME")
    assert main(run_args(tmp_path, seeds)) == 0
    home = tmp_path / ".dagster_home"
    assert (home / "dagster.yaml").read_text() == (ROOT / "dagster_instance.yaml").read_text()
    monkeypatch.setenv("DAGSTER_HOME", str(home))  # as `make ui` opens it
    instance = dg.DagsterInstance.get()
    runs = instance.get_runs()
    assert sorted(r.job_name for r in runs) == ["process_report", "process_report", "publish_release"]
    assert all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
    event = instance.get_latest_materialization_event(dg.AssetKey("release"))
    assert event.asset_materialization.metadata["version"].value == "1.0.0"
