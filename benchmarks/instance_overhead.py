"""What a persistent Dagster instance costs a report, next to an in-memory one.

`peakwatch run` and `make ui` share the instance of `.dagster_home/`; every report of a run is one
`process_report` run whose events go to that instance's storage. This measures the time of the per-report
runs on one-sentence reports (so that extraction costs nearly nothing and what is left is Dagster's own
cost) for: an in-memory instance, the default sqlite storage (one database file per run), and the
settings of `dagster_instance.yaml` (one consolidated sqlite event log). Each mode is measured in turn,
several rounds, and the best round is printed. Prints figures; asserts nothing.
Usage: python benchmarks/instance_overhead.py [REPORTS] [ROUNDS]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import dagster as dg

from assets.definitions import build_definitions
from assets.jobs import PROCESS_JOB
from assets.resources import PeakwatchStore

ROOT = Path(__file__).resolve().parent.parent
QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}
DEFAULT_SQLITE = "telemetry:\n  enabled: false\n"


def instance_for(mode: str, home: Path) -> dg.DagsterInstance:
    if mode == "in-memory":
        return dg.DagsterInstance.ephemeral()
    home.mkdir()
    settings = DEFAULT_SQLITE if mode == "sqlite, default" else (ROOT / "dagster_instance.yaml").read_text()
    (home / "dagster.yaml").write_text(settings, encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    return dg.DagsterInstance.get()


def per_report_seconds(mode: str, n: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        seeds = tmp / "seeds"
        seeds.mkdir()
        for i in range(n):
            (seeds / f"r{i:04d}.txt").write_text(
                f"Report {i}\nIn 2022, Hunan built {i + 10} charging stations.\n", encoding="utf-8"
            )
        store = PeakwatchStore(
            seeds_dir=str(seeds), warehouse_path=str(tmp / "w.duckdb"), releases_dir=str(tmp / "rel")
        )
        job = build_definitions(store).resolve_job_def(PROCESS_JOB)
        instance = instance_for(mode, tmp / "home")
        keys = sorted(p.stem for p in seeds.glob("*.txt"))
        instance.add_dynamic_partitions("reports", keys)
        job.execute_in_process(partition_key=keys[0], instance=instance, run_config=QUIET)  # warm
        started = time.perf_counter()
        for key in keys[1:]:
            job.execute_in_process(partition_key=key, instance=instance, run_config=QUIET)
        return (time.perf_counter() - started) / (n - 1)


def main(n: int = 21, rounds: int = 3) -> None:
    modes = ["in-memory", "sqlite, default", "sqlite, dagster_instance.yaml"]
    best = {m: float("inf") for m in modes}
    for _ in range(rounds):
        for mode in modes:
            best[mode] = min(best[mode], per_report_seconds(mode, n))
    print(f"per-report run ({n - 1} one-sentence reports, best of {rounds} rounds, {os.cpu_count()} cores):")
    for mode in modes:
        print(f"  {mode:<30} {best[mode] * 1000:6.0f} ms a report")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
