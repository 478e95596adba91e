"""Cold backfill of a generated corpus through `peakwatch run`, then one new report and a run with nothing
changed, as a user runs them (each a fresh process: interpreter start and imports included).

The corpus is made of ~40 KB reports, each a different selection of the seed report's paragraphs
(benchmarks/corpus.py). Prints: wall time of the cold run, reports per second, the cost per report of
the first and of the last batch stored (flat when no cost grows with the corpus), peak RSS of the main
process and of the largest worker; the time of a run that builds a new warehouse from the cold run's
result files (no extraction) against the cold run's; then the new report -> release and nothing-changed
times.
Prints figures; asserts nothing. Usage: python benchmarks/backfill.py [SIZES...] (default 1000)
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import paragraphs, report_text, write_corpus  # noqa: E402

# Run in the child process: the command itself, with the time of every batch stored written down.
CHILD = """
import json, resource, sys, time
from pipelines import steps
from assets.cli import main

batches, real, workers_cpu = [], steps._store_batch, [0.0]
def timed(con, batch, *args):
    n = real(con, batch, *args)
    batches.append([time.monotonic(), len(batch)])
    workers_cpu[0] += sum(item.get("cpu_seconds", 0.0) for item in batch)
    return n
steps._store_batch = timed
started = time.monotonic()
code = main(sys.argv[2:])
usage = resource.getrusage(resource.RUSAGE_SELF)
out = {"code": code, "started": started, "batches": batches, "main_rss_kb": usage.ru_maxrss,
       "main_cpu": usage.ru_utime + usage.ru_stime, "workers_cpu": workers_cpu[0]}
open(sys.argv[1], "w").write(json.dumps(out))
"""


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def peakwatch(args: list[str], record: Path | None = None) -> tuple[float, dict]:
    """Run the command in a fresh process; (wall seconds, what the child recorded). Without a record, the
    CPU seconds of the process are recorded as `cpu` (other work on a shared machine inflates the wall
    time, not these)."""
    t0 = time.perf_counter()
    if record is None:
        cpu = children_cpu()
        subprocess.run([sys.executable, "-m", "assets.cli", *args], check=False, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t0, {"cpu": children_cpu() - cpu}
    subprocess.run([sys.executable, "-c", CHILD, str(record), *args], check=False, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0, json.loads(record.read_text())


def per_report_cost(batches: list[list[float]], started: float) -> tuple[float, float]:
    """Seconds per report of the first batch (from the start of the run) and of the last."""
    if not batches:
        return float("nan"), float("nan")
    first = (batches[0][0] - started) / max(batches[0][1], 1)
    if len(batches) == 1:
        return first, first
    last = (batches[-1][0] - batches[-2][0]) / max(batches[-1][1], 1)
    return first, last


def measure(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        seeds = tmp / "seeds"
        seeds.mkdir()
        write_corpus(seeds, n, random.Random(n))
        mb = sum(p.stat().st_size for p in seeds.iterdir()) / 1e6
        args = [
            "run",
            "--seeds",
            str(seeds),
            "--warehouse",
            str(tmp / "w.duckdb"),
            "--releases",
            str(tmp / "rel"),
        ]
        cold, rec = peakwatch(args, tmp / "cold.json")
        first, last = per_report_cost(rec["batches"], rec["started"])
        worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(
            f"{n:>6} reports ({mb:.0f} MB): cold run {cold:7.1f} s ({n / cold:5.1f} reports/s, exit {rec['code']}); "
            f"per report {first * 1000:.0f} ms in the first batch, {last * 1000:.0f} ms in the last; "
            f"peak RSS main {rec['main_rss_kb'] / 2**20:.2f} GiB, largest process {worker_rss / 2**20:.2f} GiB"
        )
        print(
            f"{'':>6} CPU seconds: main process {rec['main_cpu']:.0f} (Dagster, storing, release), "
            f"reading and extraction on the workers {rec['workers_cpu']:.0f} "
            f"({rec['workers_cpu'] / n * 1000:.0f} ms a report); the cold run cannot take less than "
            f"{(rec['main_cpu'] + rec['workers_cpu']) / len(os.sched_getaffinity(0)):.0f} s on these cores"
        )
        # a new warehouse built from the result files the cold run wrote (as after losing the warehouse,
        # or on another machine that sees the same folder): nothing is extracted again
        rebuilt_args = ["run", "--seeds", str(seeds), "--warehouse", str(tmp / "rebuilt" / "w.duckdb")]
        rebuilt_args += ["--releases", str(tmp / "rebuilt" / "rel"), "--results", str(tmp / "results")]
        rebuilt, rebuilt_rec = peakwatch(rebuilt_args, tmp / "rebuilt.json")
        print(
            f"{'':>6} a new warehouse from the cold run's result files: {rebuilt:7.1f} s against {cold:.1f} s "
            f"extracting (exit {rebuilt_rec['code']}); CPU seconds: main process {rebuilt_rec['main_cpu']:.0f}, "
            f"workers {rebuilt_rec['workers_cpu']:.0f} against {rec['workers_cpu']:.0f}"
        )
        (seeds / "zz_new.txt").write_text(
            report_text(random.Random(f"new {n}"), paragraphs(), 40_000), encoding="utf-8"
        )
        new, new_rec = peakwatch(args)
        unchanged, unchanged_rec = peakwatch(args)
        again, again_rec = peakwatch(args)
        print(
            f"{'':>6} with {n} stored: one new report -> release {new:5.1f} s ({new_rec['cpu']:.1f} CPU-s); "
            f"nothing changed {unchanged:5.1f} s ({unchanged_rec['cpu']:.1f} CPU-s), "
            f"and once more {again:5.1f} s ({again_rec['cpu']:.1f} CPU-s)"
        )


def main(sizes: list[int]) -> None:
    load = os.getloadavg()[0]
    print(f"cores: {len(os.sched_getaffinity(0))}, load average at start: {load:.2f}")
    for n in sizes:
        measure(n)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000])
