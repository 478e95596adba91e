"""Crash safety: kill the pipeline at random moments, let the next run recover, and check that nothing
was lost, emptied, doubled or half-published.

Each trial starts a run in a fresh folder (or after a first release, with one report added, so that the
kill may land in a second publish), kills it with SIGKILL after a random delay, runs again to the end,
and checks: every published release verifies, `latest` points at the newest complete one, no version was
published twice or skipped, every report's facts are stored exactly once and agree with its log entry,
and the final release's data are byte for byte those of a run that was never interrupted.

`make crash-trials` runs the full set through `peakwatch run` (Dagster, as users run it) and prints the
figures; tests/test_crash_safety.py runs a reduced set in CI through the same core stages without Dagster.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent


def core_stages(seeds: Path, db: Path, releases: Path) -> None:
    """The stages of a run without Dagster (as the assets call them): the writes a kill can interrupt."""
    from pipelines import steps, warehouse  # noqa: PLC0415
    from pipelines.publishing import release  # noqa: PLC0415
    from validation import rules  # noqa: PLC0415

    with warehouse.connect(db) as con:
        steps.load_all(con, seeds, db.parent / "results")  # a kill may land while a result file is written
        rules.apply_rules(con)
        steps.build_dimensions(con)
        release.publish(con, releases, {"git_commit": "crash-trial"})


REPORTS = {
    "national.txt": "In 2022, the installed capacity of hydropower reached about 413 million kilowatts, "
    "an increase of 5.8% year-on-year. Wind power capacity reached 365 million kilowatts.\n",
    "provincial.txt": "山西2022年度安排营造林任务540万亩。重庆共有8对区县成交森林36.23万亩、转移支付金额超9亿元。\n",
    "lost.txt": "In <>, about <> million units were recycled. Shandong built more than 1,200 charging stations.\n",
    "empty_of_facts.txt": "The plan was issued in 2021 and will be reviewed.\n",
}
ADDED = ("added.txt", "Hunan built 30 charging stations and 12 battery swapping stations in 2022.\n")


class _Worker:
    """A run in a process of its own: `peakwatch run` (dagster) or the core stages in a forked copy of
    this process (core: no interpreter start-up, so many trials stay fast)."""

    def __init__(self, via: str, seeds: Path, db: Path, releases: Path):
        if via == "dagster":
            cmd = [sys.executable, "-m", "assets.cli", "run", "--seeds", str(seeds), "--warehouse", str(db)]
            cmd += ["--releases", str(releases), "--wait", "30"]
            self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            fork = multiprocessing.get_context("fork")
            self.proc = fork.Process(target=core_stages, args=(seeds, db, releases))
            self.proc.start()

    def running(self) -> bool:
        return self.proc.poll() is None if isinstance(self.proc, subprocess.Popen) else self.proc.is_alive()

    def kill(self) -> None:
        self.proc.kill()  # SIGKILL: no clean-up of any kind

    def wait(self) -> None:
        (self.proc.wait if isinstance(self.proc, subprocess.Popen) else self.proc.join)()


def _run(via: str, seeds: Path, db: Path, releases: Path) -> None:
    _Worker(via, seeds, db, releases).wait()


def _prepare(folder: Path, second: bool) -> tuple[Path, Path, Path]:
    seeds, db, releases = folder / "seeds", folder / "w.duckdb", folder / "rel"
    seeds.mkdir(parents=True)
    for name, text in REPORTS.items():
        (seeds / name).write_text(text, encoding="utf-8")
    return seeds, db, releases


@dataclass
class Reference:
    """What an uninterrupted run leaves: facts per report and the data checksums of its last release."""

    facts: dict[str, int]
    checksums: dict[str, str]
    versions: list[str]


def reference(via: str, second: bool, work: Path) -> Reference:
    folder = work / f"reference-{second}"
    seeds, db, releases = _prepare(folder, second)
    _run(via, seeds, db, releases)
    if second:
        (seeds / ADDED[0]).write_text(ADDED[1], encoding="utf-8")
        _run(via, seeds, db, releases)
    return Reference(_facts(db), _checksums(releases / "latest"), _versions(releases))


def _facts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(
            con.execute("SELECT report_id, count(*) FROM extracted_facts GROUP BY 1 ORDER BY 1").fetchall()
        )
    finally:
        con.close()


def _checksums(folder: Path) -> dict[str, str]:
    return json.loads((folder / "release.json").read_text(encoding="utf-8"))["data_checksums"]


def _versions(releases: Path) -> list[str]:
    from pipelines.publishing.release import published_versions  # noqa: PLC0415

    return published_versions(releases)


@dataclass
class Tally:
    trials: int = 0
    killed_mid_run: int = 0
    damaged_releases: int = 0
    broken_latest: int = 0
    wrong_versions: int = 0
    lost_or_doubled_reports: int = 0
    log_disagrees: int = 0
    data_differs: int = 0
    problems: list[str] = field(default_factory=list)

    def ok(self) -> bool:
        return not self.problems


def trial(rng: random.Random, via: str, second: bool, ref: Reference, span: float, work: Path, tally: Tally):
    folder = Path(tempfile.mkdtemp(dir=work))
    seeds, db, releases = _prepare(folder, second)
    if second:
        _run(via, seeds, db, releases)
        (seeds / ADDED[0]).write_text(ADDED[1], encoding="utf-8")
    worker = _Worker(via, seeds, db, releases)
    time.sleep(rng.uniform(0, span))
    if worker.running():
        worker.kill()
        tally.killed_mid_run += 1
    worker.wait()
    _run(via, seeds, db, releases)  # the next run recovers
    _check(folder, seeds, db, releases, ref, tally)
    tally.trials += 1
    shutil.rmtree(folder, ignore_errors=True)


def _check(folder, seeds, db, releases, ref: Reference, tally: Tally) -> None:
    from pipelines.publishing.verify import verify_release  # noqa: PLC0415

    name = f"trial {tally.trials}"
    versions = _versions(releases)
    for version in versions:
        if verify_release(releases, version):
            tally.damaged_releases += 1
            tally.problems.append(f"{name}: release {version} does not verify")
    latest = releases / "latest"
    if (
        not latest.is_symlink()
        or latest.resolve().name != (versions or ["?"])[-1]
        or verify_release(releases)
    ):
        tally.broken_latest += 1
        tally.problems.append(f"{name}: latest is broken")
    if versions != ref.versions:
        tally.wrong_versions += 1
        tally.problems.append(f"{name}: versions {versions} != {ref.versions}")
    if _facts(db) != ref.facts:
        tally.lost_or_doubled_reports += 1
        tally.problems.append(f"{name}: facts per report {_facts(db)} != {ref.facts}")
    con = duckdb.connect(str(db), read_only=True)
    disagree = con.execute(
        """SELECT count(*) FROM extraction_log l LEFT JOIN (SELECT report_id, count(*) n FROM extracted_facts
           GROUP BY 1) f USING (report_id) WHERE l.n_facts IS DISTINCT FROM coalesce(f.n, 0)"""
    ).fetchone()[0]
    con.close()
    if disagree:
        tally.log_disagrees += 1
        tally.problems.append(f"{name}: {disagree} log entries disagree with the facts stored")
    if latest.exists() and _checksums(latest) != ref.checksums:
        tally.data_differs += 1
        tally.problems.append(f"{name}: the recovered release's data differ from an uninterrupted run")


def run_trials(n: int, via: str = "core", seed: int = 0) -> Tally:
    from pipelines.extraction.extract import ReportContext, extract_facts  # noqa: PLC0415

    # load the code and the catalogs once, so that forked workers start at once
    extract_facts(REPORTS["national.txt"], ReportContext("warm", 2022, "nea"))
    rng = random.Random(seed)
    tally = Tally()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        refs, spans = {}, {}
        for second in (False, True):
            started = time.monotonic()
            refs[second] = reference(via, second, work)
            spans[second] = (time.monotonic() - started) / (2 if second else 1)  # one run's duration
        for i in range(n):
            second = i % 2 == 1
            trial(rng, via, second, refs[second], spans[second], work, tally)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=300)
    parser.add_argument("--via", choices=["dagster", "core"], default="dagster")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    tally = run_trials(args.trials, args.via, args.seed)
    for key in (
        "trials",
        "killed_mid_run",
        "damaged_releases",
        "broken_latest",
        "wrong_versions",
        "lost_or_doubled_reports",
        "log_disagrees",
        "data_differs",
    ):
        print(f"{key:<24} {getattr(tally, key)}")
    for problem in tally.problems[:20]:
        print(f"  {problem}")


if __name__ == "__main__":
    main()
