"""One run at a time per warehouse and per releases folder: a second writer waits a bounded time, then
says in one line who holds it. Real processes, real lock files, a real DuckDB file."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from assets.cli import main
from pipelines import locks

from .conftest import run_args as shared_run_args

HOLD_LOCK = """
import sys, time
from pathlib import Path
from pipelines import locks
with locks.exclusive(Path(sys.argv[1]), "test"):
    print("holding", flush=True)
    time.sleep(30)
"""

HOLD_DUCKDB = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
print("holding", flush=True)
time.sleep(30)
"""


def hold(script: str, *args: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "holding"
    return proc


def run_args(tmp_path: Path, seeds: Path) -> list[str]:
    return shared_run_args(tmp_path, seeds, "rel", "--wait", "0.5")


def test_a_held_lock_makes_the_second_writer_wait_then_name_the_holder(tmp_path):
    lock = tmp_path / "x.lock"
    holder = hold(HOLD_LOCK, str(lock))
    try:
        started = time.monotonic()
        busy = rf"thing is busy: .*x.lock is held by pid {holder.pid} "
        with pytest.raises(locks.Busy, match=busy), locks.exclusive(lock, "thing", wait=0.3):
            pass
        assert time.monotonic() - started >= 0.3
    finally:
        holder.kill()
        holder.wait()
    # a killed holder leaves the lock free at once, and one process may nest it
    with locks.exclusive(lock, "thing", wait=0), locks.exclusive(lock, "thing", wait=0):
        pass


def test_a_run_while_another_run_holds_the_warehouse_says_so_in_one_line(tmp_path, seeds, capsys):
    holder = hold(HOLD_LOCK, str(tmp_path / "w.duckdb.lock"))
    try:
        assert main(run_args(tmp_path, seeds)) == 1
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"is held by pid {holder.pid}" in err[0], err
    assert not (tmp_path / "rel" / "latest").exists()


@pytest.mark.parametrize("mode", ["rw", "ro"])
def test_a_duckdb_client_holding_the_warehouse_gives_one_line(tmp_path, seeds, capsys, mode):
    assert main(run_args(tmp_path, seeds)) == 0
    holder = hold(HOLD_DUCKDB, str(tmp_path / "w.duckdb"), mode)
    (seeds / "new.txt").write_text("Hunan built 30 charging stations in 2022.\n", encoding="utf-8")
    capsys.readouterr()
    try:
        code = main(run_args(tmp_path, seeds))
    finally:
        holder.kill()
        holder.wait()
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.out + captured.err
    assert captured.err.count("\n") == 1 and "is open in another process" in captured.err
    assert main(run_args(tmp_path, seeds)) == 0  # once the client is gone, the run goes through


def test_query_while_a_run_writes_says_so(tmp_path, seeds, capsys):
    assert main(run_args(tmp_path, seeds)) == 0
    holder = hold(HOLD_DUCKDB, str(tmp_path / "w.duckdb"), "rw")  # as a run writing it would
    try:
        capsys.readouterr()
        code = main(["query", "SELECT 1", "--warehouse", str(tmp_path / "w.duckdb"), "--wait", "0.2"])
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "is open in another process" in err, err
    assert main(["query", "SELECT count(*) FROM reports", "--warehouse", str(tmp_path / "w.duckdb")]) == 0


def test_two_runs_started_together_serialize(tmp_path, seeds):
    """Two `peakwatch run` processes on the same folders: one waits for the other; no traceback, one
    version, and it verifies. (`make concurrent-trials` repeats this ten times.)"""
    cmd = [sys.executable, "-m", "assets.cli", *run_args(tmp_path, seeds)[:-2], "--wait", "120"]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert all("Traceback" not in out + err for out, err in outputs)
    assert sorted("published release 1.0.0" in out for out, _ in outputs) == [False, True]
    assert sorted(p.name for p in (tmp_path / "rel").iterdir() if p.name[0].isdigit()) == ["1.0.0"]
    assert main(["verify", "--releases", str(tmp_path / "rel")]) == 0
