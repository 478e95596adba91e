"""The UI's *Materialize all* next to `peakwatch run`, on the same seeds, each from nothing.

UI path (tests/materialize_all.py): a fresh instance with the project's settings, the code location
loaded, the partitions sensor's first evaluation, then the backfill of every asset and partition advanced by
the backfill daemon's own iteration, runs launched in this process. Command line: `peakwatch run` into its
own fresh instance. Each gets new warehouse and releases folders. Prints figures; asserts nothing.
Usage: python benchmarks/ui_materialize_all.py [SEEDS_DIR] [ROUNDS]
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assets.cli import main as peakwatch  # noqa: E402
from tests.materialize_all import code_location, fresh_instance, materialize_all, start_ui_sensors  # noqa: E402


def ui_seconds(seeds: Path) -> tuple[float, float]:
    """(seconds to load the code location, seconds from the click to the end of the backfill)."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        instance = fresh_instance(tmp / "home")
        started = time.perf_counter()
        with code_location(instance, tmp, seeds, tmp / "w.duckdb", tmp / "releases") as workspace:
            loaded = time.perf_counter()
            start_ui_sensors(workspace)
            clicked = time.perf_counter()
            backfill = materialize_all(workspace)
            done = time.perf_counter()
        assert str(backfill.status) == "BulkActionStatus.COMPLETED_SUCCESS", backfill.status
        return loaded - started, done - clicked


def cli_seconds(seeds: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["DAGSTER_HOME"] = str(tmp / "home")
        args = ["run", "--seeds", str(seeds), "--warehouse", str(tmp / "w.duckdb"), "--releases"]
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            code = peakwatch([*args, str(tmp / "releases")])
        assert code == 0, code
        return time.perf_counter() - started


def main(seeds: str = str(ROOT / "seeds"), rounds: int = 3) -> None:
    seeds = Path(seeds).resolve()
    n = len(list(seeds.glob("*.txt")))
    ui, load, cli = [], [], []
    for _ in range(int(rounds)):
        load_s, run_s = ui_seconds(seeds)
        load.append(load_s)
        ui.append(run_s)
        cli.append(cli_seconds(seeds))
    print(f"{n} report(s) of {seeds}, best of {rounds} rounds, {os.cpu_count()} cores, fresh instance each:")
    print(
        f"  UI Materialize all (backfill, all partitions)  {min(ui):6.2f} s  (code location load {min(load):.2f} s)"
    )
    print(f"  peakwatch run                                   {min(cli):6.2f} s")


if __name__ == "__main__":
    main(*sys.argv[1:])
