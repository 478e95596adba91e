"""Per-report result files: immutable, keyed by the report's state sha256 and the extractor version; the
warehouse is built from them, and a warehouse made anew reuses them instead of extracting again."""

import contextlib
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from assets import jobs
from assets.cli import main
from pipelines import results, steps, warehouse
from pipelines.publishing import release
from validation import rules

from .conftest import ROOT, data_files, run_args


def build_and_publish(tmp_path: Path, name: str, seeds: Path, root: Path | None) -> Path:
    """The core stages into a warehouse and releases of their own; the release folder."""
    db, releases = tmp_path / name / "w.duckdb", tmp_path / name / "rel"
    with warehouse.connect(db) as con:
        outcome = steps.load_all(con, seeds, root)
        assert outcome["errors"] == []
        rules.apply_rules(con)
        steps.build_dimensions(con)
        release.publish(con, releases, {"git_commit": "test"})
    return releases / "1.0.0"


def result_files(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every result file under root with its inode, modification time and bytes."""
    return {
        str(p.relative_to(root)): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(root.rglob("*.parquet"))
    }


def no_extraction(monkeypatch) -> None:
    """Extraction made impossible in this process: a report extracted would fail the run."""

    def impossible(text, ctx):
        raise AssertionError("extracted although its result file exists")

    monkeypatch.setattr(steps, "extract_facts", impossible)


def test_the_release_from_result_files_equals_the_one_without_and_a_new_warehouse_reuses_them(
    tmp_path, seeds, monkeypatch
):
    root = tmp_path / "results"
    without = build_and_publish(tmp_path, "without", seeds, None)
    with_files = build_and_publish(tmp_path, "with", seeds, root)
    assert data_files(with_files) == data_files(without)
    written = result_files(root)
    version = steps.current_extractor()
    assert sorted(written) == sorted(
        str(results.Key(rid, sha, version).path(Path("."))) for rid, sha in steps.seed_state(seeds).items()
    )
    no_extraction(monkeypatch)
    rebuilt = build_and_publish(tmp_path, "rebuilt", seeds, root)  # a fresh warehouse, nothing extracted
    assert data_files(rebuilt) == data_files(without)
    assert result_files(root) == written  # read, never rewritten: same inodes, times and bytes


def test_peakwatch_run_on_a_new_warehouse_reuses_the_result_files_report_by_report_and_in_a_batch(
    tmp_path, corpus, monkeypatch, capsys
):
    root = tmp_path / "shared-results"
    assert main(run_args(tmp_path / "first", corpus, "releases", "--results", str(root))) == 3
    first = data_files(tmp_path / "first" / "releases" / "latest")
    written = result_files(root)
    # every report but the unreadable one (the batch tells a twin after extracting it, as it did before)
    assert len(written) == 8

    monkeypatch.setattr(jobs, "BATCH_FROM", 10**6)  # one run per report, extraction in this process
    no_extraction(monkeypatch)
    assert main(run_args(tmp_path / "serial", corpus, "releases", "--results", str(root))) == 3
    assert "extracted although" not in capsys.readouterr().out
    assert data_files(tmp_path / "serial" / "releases" / "latest") == first

    monkeypatch.setattr(jobs, "BATCH_FROM", 0)  # one run over the range, on the worker processes
    assert main(run_args(tmp_path / "batched", corpus, "releases", "--results", str(root))) == 3
    assert data_files(tmp_path / "batched" / "releases" / "latest") == first
    extraction = dg.DagsterInstance.get().fetch_materializations(dg.AssetKey("extracted_facts"), limit=1)
    counts = extraction.records[0].asset_materialization.metadata
    assert (counts["extracted"].value, counts["reused_results"].value) == (0, 7)
    assert result_files(root) == written


def test_the_batch_reuses_result_files_and_extracts_nothing(tmp_path, corpus, monkeypatch):
    root = tmp_path / "results"
    with warehouse.connect(tmp_path / "a.duckdb") as con:
        made = steps.process_batch(steps.held(con), corpus, steps.stale_reports(con, corpus), root, workers=2)
        facts = con.execute("SELECT * FROM extracted_facts ORDER BY ALL").fetchall()
    assert len(made["extracted"]) == 7 and made["reused"] == []
    no_extraction(monkeypatch)
    with warehouse.connect(tmp_path / "b.duckdb") as con:
        again = steps.process_batch(
            steps.held(con), corpus, steps.stale_reports(con, corpus), root, workers=1
        )
        assert con.execute("SELECT * FROM extracted_facts ORDER BY ALL").fetchall() == facts
    assert again["extracted"] == [] and sorted(again["reused"]) == sorted(made["extracted"])
    assert again["facts"] == len(facts)


def _one_result(root: Path, seeds: Path) -> tuple[results.Key, Path]:
    key = results.Key("en_report", steps.seed_state(seeds)["en_report"], steps.current_extractor())
    return key, key.path(root)


def _damage(how: str, path: Path, other: Path) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "a flipped byte":
        middle = len(data) // 3  # inside the data pages: their checksums tell
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    elif how == "another schema":
        pq.write_table(pa.table({"report_id": ["en_report"]}), path)
    else:  # another report's result under this one's name
        path.write_bytes(other.read_bytes())


@pytest.mark.parametrize("how", ["truncated", "a flipped byte", "another schema", "another key"])
def test_an_unreadable_result_file_is_set_aside_named_once_and_the_report_extracted_again(
    tmp_path, seeds, capsys, how
):
    root = tmp_path / "results"
    assert main(run_args(tmp_path / "first", seeds, "releases", "--results", str(root))) == 0
    first = data_files(tmp_path / "first" / "releases" / "latest")
    key, path = _one_result(root, seeds)
    good = path.read_bytes()
    other = results.Key("zh_report", steps.seed_state(seeds)["zh_report"], key.extractor_version).path(root)
    _damage(how, path, other)
    capsys.readouterr()
    assert main(run_args(tmp_path / "second", seeds, "releases", "--results", str(root))) == 0
    out = capsys.readouterr()
    named = [line for line in (out.out + out.err).splitlines() if str(path) in line]
    assert len(named) == 1 and "unreadable result file" in named[0] and "Traceback" not in out.err
    assert path.with_name(path.name + ".unreadable").exists()
    assert path.read_bytes() == good  # extracted again: the same result, written anew
    assert data_files(tmp_path / "second" / "releases" / "latest") == first


KILL_WHILE_WRITING = """
import io, os, sys
from pathlib import Path
import pyarrow.parquet as pq
from pipelines import steps, warehouse

real = pq.write_table

def write_half_then_die(table, where, **kwargs):  # the process dies halfway through the file
    buffer = io.BytesIO()
    real(table, buffer, **kwargs)
    where.write(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    where.flush()
    os._exit(9)

pq.write_table = write_half_then_die
with warehouse.connect(Path(sys.argv[1])) as con:
    steps.load_all(con, Path(sys.argv[2]), Path(sys.argv[3]))
"""


def test_a_kill_while_a_result_file_is_written_leaves_none_that_reads_as_complete(tmp_path, seeds):
    root, db = tmp_path / "results", tmp_path / "w.duckdb"
    killed = subprocess.run(
        [sys.executable, "-c", KILL_WHILE_WRITING, str(db), str(seeds), str(root)], cwd=ROOT
    )
    assert killed.returncode == 9
    key, path = _one_result(root, seeds)
    assert not path.exists() and results.read(root, key) is None
    assert [p.name.endswith(".tmp") for p in path.parent.iterdir()] == [True]  # never read
    with warehouse.connect(db) as con:
        assert steps.stale_reports(con, seeds) == ["en_report", "zh_report"]
        assert steps.load_all(con, seeds, root)["reports"] == ["en_report", "zh_report"]
        n = con.execute("SELECT count(*) FROM extracted_facts WHERE report_id = 'en_report'").fetchone()[0]
    assert results.n_facts(results.read(root, key)) == n > 0


def test_a_new_extractor_version_writes_new_files_beside_the_old_ones(tmp_path, seeds, monkeypatch):
    root = tmp_path / "results"
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        steps.load_all(con, seeds, root)
        old = result_files(root)
        monkeypatch.setattr(steps, "current_extractor", lambda: "0123456789abcdef")
        assert steps.stale_reports(con, seeds) == ["en_report", "zh_report"]
        steps.load_all(con, seeds, root)
        assert con.execute("SELECT DISTINCT extractor_version FROM extraction_log").fetchall() == [
            ("0123456789abcdef",)
        ]
    now = result_files(root)
    assert {name: now[name] for name in old} == old  # the old ones untouched
    new = sorted(set(now) - set(old))
    assert len(new) == 2 and all(name.startswith("0123456789abcdef/") for name in new)
    assert all(not name.startswith("0123456789abcdef/") for name in old)


def test_a_result_is_written_once_with_the_same_bytes_wherever_it_is_made(tmp_path, seeds):
    key, _ = _one_result(tmp_path, seeds)
    row = {"report_id": "en_report", "file_name": "en_report.txt", "sha256": "00", "n_chars": 4}
    fact = {"observation_id": "1", "report_id": "en_report", "value": 2.5, "year": 2023, "flags": ""}
    table = results.build(key, row, "text", ["a warning"], [fact])
    first = results.write(tmp_path / "a", key, table)
    assert results.write(tmp_path / "b", key, table).read_bytes() == first.read_bytes()
    inode, mtime = first.stat().st_ino, first.stat().st_mtime_ns
    other = results.build(key, row, "another text", [], [])
    results.write(tmp_path / "a", key, other)  # the name is taken: the file there stays as it was
    assert (first.stat().st_ino, first.stat().st_mtime_ns) == (inode, mtime)
    assert results.read(tmp_path / "a", key)["text"][0].as_py() == "text"
    assert results.report_row(table)["n_chars"] == 4 and results.warnings_of(table) == ["a warning"]
    assert not [p for p in first.parent.iterdir() if p != first]  # no temporary file left behind


def test_extraction_runs_without_the_warehouse_held(tmp_path, corpus, monkeypatch):
    db, held = tmp_path / "w.duckdb", []

    @contextlib.contextmanager
    def connect():
        with warehouse.connect(db) as con:
            held.append(True)
            try:
                yield con
            finally:
                held.pop()

    real = steps.extract_facts

    def extract_facts(text, ctx):
        assert not held, "extracting while the warehouse is held"
        return real(text, ctx)

    monkeypatch.setattr(steps, "extract_facts", extract_facts)
    with connect() as con:
        steps.load_report(con, corpus, "en_report")
    assert steps.extract_report(connect, "en_report", tmp_path / "results")["extracted"] is True
    with connect() as con:
        stale = steps.stale_reports(con, corpus)
    tally = steps.process_batch(connect, corpus, stale, tmp_path / "results", workers=1)
    assert len(tally["extracted"]) == 6 and tally["errors"].keys() == {"broken", "gen_twin"}
