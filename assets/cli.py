"""The `peakwatch` command: run the Dagster job in-process, query the warehouse, list and check releases."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

DEFAULT_WAREHOUSE = "data/warehouse.duckdb"
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def _instance():
    import dagster as dg  # noqa: PLC0415 (keeps `peakwatch query` quick)

    # runs go into the instance of `make ui` when DAGSTER_HOME points at one, so they show in the UI
    home = os.environ.get("DAGSTER_HOME")
    return dg.DagsterInstance.get() if home and Path(home).is_dir() else dg.DagsterInstance.ephemeral()


def _store(args):
    from assets.resources import PeakwatchStore  # noqa: PLC0415

    return PeakwatchStore(
        seeds_dir=str(args.seeds),
        warehouse_path=str(args.warehouse),
        releases_dir=str(args.releases),
        sources_file=str(getattr(args, "sources", None) or Path(args.seeds) / "sources.yaml"),
    )


def _failures(result) -> list[str]:
    """One line per failed step: the step and the first line of its error, without the exception's
    module path."""
    lines = []
    for e in result.all_events:
        if e.is_step_failure:
            message = e.event_specific_data.error.message.strip().splitlines()[0]
            lines.append(f"{e.step_key}: {re.sub(r'^[A-Za-z_.]+(Failure|Error): ', '', message)}")
    return lines


# Exit codes of `peakwatch run`: what happened, for scripts and schedulers.
EXIT_OK = 0  # published, or unchanged; every report read
EXIT_NOTHING_PUBLISHED = 1  # an error stopped the release (a failed step or contract, no readable report)
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # published or unchanged, but some reports failed and are not in the release as they are now


def _run_config(args) -> dict:
    # Dagster logs every failure with its stack trace; the command prints one line per failure instead
    level = "DEBUG" if getattr(args, "verbose", False) else "CRITICAL"
    return {"loggers": {"console": {"config": {"log_level": level}}}}


def _process_reports(defs, instance, stale: list[str], args) -> dict[str, str]:
    """Run the per-report job for each stale report; report_id -> why it failed, for those that did."""
    from assets.jobs import PROCESS_JOB  # noqa: PLC0415

    process = defs.resolve_job_def(PROCESS_JOB)
    failed = {}
    for report_id in stale:
        result = process.execute_in_process(
            partition_key=report_id, instance=instance, run_config=_run_config(args), raise_on_error=False
        )
        if not result.success:
            failed[report_id] = "; ".join(_failures(result)) or "the run failed"
    return failed


def cmd_run(args) -> int:
    """The same jobs the sensor runs: one run per new or changed report, then one release run."""
    from assets.definitions import build_definitions  # noqa: PLC0415
    from assets.jobs import RELEASE_JOB  # noqa: PLC0415
    from pipelines import steps, warehouse  # noqa: PLC0415
    from pipelines.reports import rejected_files  # noqa: PLC0415

    if not Path(args.seeds).is_dir():
        print(f"peakwatch: seeds folder {args.seeds} does not exist", file=sys.stderr)
        return EXIT_USAGE
    store = _store(args)
    defs = build_definitions(store)
    instance = _instance()
    with warehouse.connect(Path(args.warehouse)) as con:
        stale = steps.stale_reports(con, Path(args.seeds))
    current = steps.seed_state(Path(args.seeds))
    known = set(instance.get_dynamic_partitions("reports"))
    instance.add_dynamic_partitions("reports", sorted(set(current) - known))
    failed = _process_reports(defs, instance, stale, args)
    result = defs.resolve_job_def(RELEASE_JOB).execute_in_process(
        instance=instance, run_config=_run_config(args), raise_on_error=False
    )
    meta = {
        e.asset_key.to_user_string(): e.materialization.metadata
        for e in result.get_asset_materialization_events()
    }
    checks = result.get_asset_check_evaluations()

    def value(asset, key, default=""):
        v = meta.get(asset, {}).get(key)
        return default if v is None else getattr(v, "value", v)

    print(f"reports:      {len(current)} in {args.seeds}, {len(stale)} new or changed processed")
    for message in rejected_files(Path(args.seeds)):
        print(f"skipped:      {message}")
    with warehouse.connect(Path(args.warehouse)) as con:
        errors = dict(con.execute("SELECT file_name, message FROM report_errors ORDER BY 1").fetchall())
        warnings = con.execute(
            "SELECT message FROM report_warnings WHERE regexp_replace(file_name, '\\.txt$', '') IN "
            "(SELECT unnest(?::VARCHAR[])) ORDER BY file_name, message",
            [stale],
        ).fetchall()
        n_facts = con.execute("SELECT count(*) FROM extracted_facts").fetchone()[0]
    for (message,) in warnings:
        print(f"warning:      {message}")
    for report_id, reason in sorted(failed.items()):
        # the recorded message names the file and the reason; a failure outside the report (a lock, a
        # bug in a step) has only the run's error
        print(f"failed:       {errors.get(f'{report_id}.txt') or f'{report_id}.txt: {reason}'}")
    print(f"extracted:    {n_facts} facts in all")
    print(
        f"observations: {value('observations', 'dagster/row_count', 0)} published, "
        f"{value('observations', 'quarantined', 0)} quarantined"
    )
    for check in checks:
        status = "passed" if check.passed else "FAILED"
        print(
            f"contract:     {check.check_name} {status}"
            + ("" if check.passed else f" ({check.metadata['failure_count'].value} failures)")
        )
    if "release" in meta:
        print(f"release:      {value('release', 'message')}")
    stopped = not result.success or any(not c.passed for c in checks)
    if stopped or value("release", "status") == "empty":
        print(
            "peakwatch: nothing was published"
            + (": a step or a contract check failed" if stopped else "")
            + f" ({args.releases}/latest is unchanged)",
            file=sys.stderr,
        )
        for failure in _failures(result):
            print(f"  {failure}", file=sys.stderr)
        return EXIT_NOTHING_PUBLISHED
    if failed:
        print(
            f"peakwatch: {len(failed)} report(s) failed and are not in the release as they are now; "
            "fix them and run again",
            file=sys.stderr,
        )
        return EXIT_PARTIAL
    return EXIT_OK


def cmd_fetch(args) -> int:
    """Poll the followed sources once, through the same asset the daily schedule runs."""
    from assets.definitions import build_definitions  # noqa: PLC0415
    from assets.jobs import FETCH_JOB  # noqa: PLC0415

    store = _store(args)
    result = (
        build_definitions(store)
        .resolve_job_def(FETCH_JOB)
        .execute_in_process(instance=_instance(), run_config=QUIET, raise_on_error=False)
    )
    if not result.success:
        for failure in _failures(result):
            print(f"peakwatch: {failure}", file=sys.stderr)
        return 1
    meta = {
        e.asset_key.to_user_string(): e.materialization.metadata
        for e in result.get_asset_materialization_events()
    }
    table = meta["fetched_reports"]["sources"].value
    print(table if table != "(empty)" else f"no sources in {store.sources_file}")
    return 0


def cmd_query(args) -> int:
    import duckdb  # noqa: PLC0415

    if not Path(args.warehouse).exists():
        print(f"peakwatch: no warehouse at {args.warehouse}; run `peakwatch run` first", file=sys.stderr)
        return 2
    con = duckdb.connect(str(args.warehouse), read_only=True)
    try:
        rel = con.sql(args.sql)
        if rel is None:
            return 0
        rel.show(max_width=200, max_rows=args.max_rows)
    except duckdb.Error as e:
        print(f"peakwatch: query failed: {e}", file=sys.stderr)
        return 1
    finally:
        con.close()
    return 0


def cmd_releases(args) -> int:
    from pipelines.release import releases_index  # noqa: PLC0415

    entries = releases_index(Path(args.releases))
    if not entries:
        print(f"no releases in {args.releases}")
        return 0
    latest = (
        os.readlink(Path(args.releases) / "latest") if (Path(args.releases) / "latest").is_symlink() else None
    )
    for e in entries:
        c = e["counts"]
        mark = "  <- latest" if e["version"] == latest else ""
        print(
            f"{e['version']:>8}  {e['created']}  {c.get('reports', 0)} reports, {c.get('observations', 0)} "
            f"observations, {c.get('quarantine', 0)} quarantined{mark}"
        )
    return 0


def cmd_verify(args) -> int:
    """Checksums and completeness of a release, then every table against its contract."""
    import duckdb  # noqa: PLC0415

    from pipelines.verify import resolve, verify_release  # noqa: PLC0415
    from validation import contracts  # noqa: PLC0415

    problems = verify_release(Path(args.releases), args.version)
    if not problems:
        folder = resolve(Path(args.releases), args.version)
        con = duckdb.connect()
        frames = {
            t: con.execute(f"SELECT * FROM '{folder / (t + '.parquet')}'").df() for t in contracts.MODELS
        }
        con.close()
        results = [contracts.validate(t, f) for t, f in frames.items()] + [contracts.foreign_keys(frames)]
        problems = [f"{folder.name}: contract {r.summary()}" for r in results if not r.passed]
    for p in problems:
        print(p)
    print("ok: checksums and contracts hold" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


def cmd_diff(args) -> int:
    from pipelines.verify import diff_releases  # noqa: PLC0415

    print(json.dumps(diff_releases(Path(args.releases), args.a, args.b), indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="peakwatch", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract, validate and publish a release from the seeds folder")
    run.add_argument("--seeds", default="seeds", type=Path)
    run.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, type=Path)
    run.add_argument("--releases", default="releases", type=Path)
    run.add_argument(
        "--verbose", action="store_true", help="show Dagster's log, with stack traces of failures"
    )
    run.set_defaults(func=cmd_run)
    fetch = sub.add_parser("fetch", help="poll the followed sources once into the seeds folder")
    fetch.add_argument("--sources", default=None, type=Path, help="default: SEEDS/sources.yaml")
    fetch.add_argument("--seeds", default="seeds", type=Path)
    fetch.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, type=Path)
    fetch.add_argument("--releases", default="releases", type=Path)
    fetch.set_defaults(func=cmd_fetch)
    query = sub.add_parser("query", help="run read-only SQL against the warehouse")
    query.add_argument("sql")
    query.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, type=Path)
    query.add_argument("--max-rows", default=50, type=int)
    query.set_defaults(func=cmd_query)
    rel = sub.add_parser("releases", help="list published releases")
    rel.add_argument("--releases", default="releases", type=Path)
    rel.set_defaults(func=cmd_releases)
    ver = sub.add_parser("verify", help="check a release's checksums and contract (default: latest)")
    ver.add_argument("version", nargs="?", default="latest")
    ver.add_argument("--releases", default="releases", type=Path)
    ver.set_defaults(func=cmd_verify)
    diff = sub.add_parser("diff", help="observations added, removed and changed between two releases")
    diff.add_argument("a")
    diff.add_argument("b")
    diff.add_argument("--releases", default="releases", type=Path)
    diff.set_defaults(func=cmd_diff)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
