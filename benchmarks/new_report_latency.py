"""Time from a new report to a published release, for corpora of 1, 100 and 1,000 reports.

The corpus is generated from the paragraphs of the seed report (each report a different selection, so
that every report has its own facts). The corpus is first loaded and released through the pure core; then
one new report is dropped in and taken to a release by the same Dagster jobs the sensor and `peakwatch run`
use: one `process_report` run for the new partition, then one `publish_release` run for the batch.
Prints figures; asserts nothing. Usage: python benchmarks/new_report_latency.py [SIZES...]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import dagster as dg

from assets.definitions import build_definitions
from assets.jobs import PROCESS_JOB, RELEASE_JOB
from assets.resources import PeakwatchStore
from pipelines import provenance, steps, warehouse
from pipelines.publishing import release
from validation import rules

ROOT = Path(__file__).resolve().parent.parent
QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


def write_corpus(folder: Path, n: int, rng: random.Random) -> None:
    paragraphs = [
        p
        for p in (ROOT / "seeds" / "000_d5311f605202a331.txt").read_text(encoding="utf-8").splitlines()
        if len(p) > 200
    ]
    for i in range(n):
        chosen = rng.sample(paragraphs, k=min(6, len(paragraphs)))
        (folder / f"gen_{i:05d}.txt").write_text(
            "Progress report\n" + "\n".join(chosen) + "\n", encoding="utf-8"
        )


def warm(store: PeakwatchStore) -> None:
    with warehouse.connect(Path(store.warehouse_path)) as con:
        steps.load_all(con, store.seeds)
        rules.apply_rules(con)
        steps.build_dimensions(con)
        release.publish(con, store.releases, provenance.collect())


def measure(n: int) -> dict:
    rng = random.Random(n)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        seeds = tmp / "seeds"
        seeds.mkdir()
        write_corpus(seeds, n, rng)
        store = PeakwatchStore(
            seeds_dir=str(seeds), warehouse_path=str(tmp / "w.duckdb"), releases_dir=str(tmp / "rel")
        )
        t0 = time.perf_counter()
        warm(store)
        warm_s = time.perf_counter() - t0

        defs = build_definitions(store)
        instance = dg.DagsterInstance.ephemeral()
        instance.add_dynamic_partitions("reports", sorted(steps.seed_state(seeds)))
        write_corpus(seeds, 0, rng)
        (seeds / "zz_new.txt").write_text(
            "New report\nIn 2022, Hunan built 30 charging stations and added 2.1 million kilowatts of wind power.\n",
            encoding="utf-8",
        )
        t1 = time.perf_counter()
        with warehouse.connect(Path(store.warehouse_path)) as con:
            stale = steps.stale_reports(con, seeds)
        instance.add_dynamic_partitions("reports", stale)
        for report_id in stale:
            defs.resolve_job_def(PROCESS_JOB).execute_in_process(
                partition_key=report_id, instance=instance, run_config=QUIET
            )
        t2 = time.perf_counter()
        result = defs.resolve_job_def(RELEASE_JOB).execute_in_process(instance=instance, run_config=QUIET)
        t3 = time.perf_counter()
        version = [
            e.materialization.metadata["version"].value
            for e in result.get_asset_materialization_events()
            if e.asset_key.to_user_string() == "release"
        ][0]
    return {
        "reports": n,
        "warm_s": warm_s,
        "stale": len(stale),
        "process_s": t2 - t1,
        "release_s": t3 - t2,
        "total_s": t3 - t1,
        "version": version,
    }


def main(sizes: list[int]) -> None:
    measure(1)  # warm up imports and caches so that the first row is not charged for them
    print(
        f"{'corpus':>7} {'stale':>5} {'process new report':>19} {'release run':>12} {'new report -> release':>22}  version"
    )
    for n in sizes:
        r = measure(n)
        print(
            f"{r['reports']:>7} {r['stale']:>5} {r['process_s']:>17.2f} s {r['release_s']:>10.2f} s "
            f"{r['total_s']:>20.2f} s  {r['version']}  (corpus loaded in {r['warm_s']:.1f} s)"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 100, 1000])
