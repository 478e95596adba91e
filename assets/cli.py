"""The `peakwatch` command: run the Dagster job in-process, query the warehouse, list and check releases."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
from pathlib import Path

from assets.progress import Progress

DEFAULT_WAREHOUSE = "data/warehouse.duckdb"
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


PROJECT_ROOT = Path(__file__).resolve().parent.parent


# A run over a range of report partitions announces what it will materialize in one event per asset
# rather than one per partition (with 10,000 reports, 20,000 event log writes: minutes before any work).
# What it costs: partitions of a run that fails are not each marked failed; the warehouse's extraction
# log, not Dagster's partition status, is what decides which reports a run processes. `make ui` sets it
# for the runs the UI launches.
PLANNED_EVENTS_AS_SUBSETS = "DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS"


def dagster_home() -> Path:
    """The folder of the Dagster instance: DAGSTER_HOME when set, else the project's `.dagster_home/`, the
    one `make ui` serves, so that every run of the command line shows in the UI."""
    home = os.environ.get("DAGSTER_HOME")
    return Path(home).resolve() if home else Path.cwd() / ".dagster_home"


def _instance():
    """The persistent Dagster instance of `dagster_home()`, given the project's settings
    (dagster_instance.yaml) when it has none yet."""
    import dagster as dg  # noqa: PLC0415 (keeps `peakwatch query` quick)

    home = dagster_home()
    home.mkdir(parents=True, exist_ok=True)
    settings = PROJECT_ROOT / "dagster_instance.yaml"
    if not (home / "dagster.yaml").exists() and settings.exists():
        shutil.copyfile(settings, home / "dagster.yaml")
    # the settings name the event log's folder through DAGSTER_HOME
    os.environ["DAGSTER_HOME"] = str(home)
    os.environ.setdefault(PLANNED_EVENTS_AS_SUBSETS, "true")
    return dg.DagsterInstance.get()


def _store(args, show_progress: bool = False):
    from assets.resources import PeakwatchStore  # noqa: PLC0415

    return PeakwatchStore(
        seeds_dir=str(args.seeds),
        warehouse_path=str(args.warehouse),
        releases_dir=str(args.releases),
        results_dir=str(getattr(args, "results", None) or ""),
        sources_file=str(getattr(args, "sources", None) or Path(args.seeds) / "sources.yaml"),
        show_progress=show_progress,
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
    """Run the per-report job for the stale reports; report_id -> why it failed, for those that did."""
    from assets import jobs  # noqa: PLC0415

    if len(stale) > jobs.BATCH_FROM:
        return _process_range(defs, instance, stale, args)
    from assets.jobs import PROCESS_JOB  # noqa: PLC0415

    process = defs.resolve_job_def(PROCESS_JOB)
    failed = {}
    progress = Progress(len(stale))
    for report_id in stale:
        result = process.execute_in_process(
            partition_key=report_id, instance=instance, run_config=_run_config(args), raise_on_error=False
        )
        if not result.success:
            failed[report_id] = "; ".join(_failures(result)) or "the run failed"
        progress.step()
    return failed


def _process_range(defs, instance, stale: list[str], args) -> dict[str, str]:
    """One run of the per-report job over the range of partitions from the first stale report to the last
    (in the instance's order of partitions); the reports in between that are up to date are skipped by
    the step. Returns report_id -> why it failed."""
    import dagster as dg  # noqa: PLC0415

    from assets import jobs  # noqa: PLC0415
    from assets.jobs import PROCESS_JOB, range_tags  # noqa: PLC0415

    first, last = jobs.partition_range(instance.get_dynamic_partitions("reports"), stale)
    result = defs.resolve_job_def(PROCESS_JOB).execute_in_process(
        instance=instance,
        run_config=_run_config(args),
        raise_on_error=False,
        tags=range_tags(first, last),
    )
    if not result.success:
        why = "; ".join(_failures(result)) or "the run failed"
        return dict.fromkeys(stale, why)
    for event in result.get_asset_materialization_events():
        if event.asset_key == dg.AssetKey("extracted_facts"):
            return dict(event.materialization.metadata["failed_reports"].value)
    return {}


def cmd_run(args) -> int:
    """The same jobs the sensor runs: one run per new or changed report, then one release run. The run
    holds the warehouse's lock throughout, so two runs never interleave."""
    from pipelines import locks  # noqa: PLC0415

    if not Path(args.seeds).is_dir():
        print(f"peakwatch: seeds folder {args.seeds} does not exist", file=sys.stderr)
        return EXIT_USAGE
    warehouse_lock = Path(args.warehouse).with_name(Path(args.warehouse).name + ".lock")
    try:
        with locks.exclusive(warehouse_lock, f"warehouse {args.warehouse}", args.wait):
            return _run(args)
    except locks.Busy as e:
        print(f"peakwatch: nothing was run: {e}", file=sys.stderr)
        return EXIT_NOTHING_PUBLISHED


def _run(args) -> int:
    from pipelines import provenance, steps, warehouse  # noqa: PLC0415
    from pipelines.publishing.release import latest_version  # noqa: PLC0415

    with warehouse.connect(Path(args.warehouse), wait=args.wait) as con:
        current = steps.seed_state(Path(args.seeds), con)  # the seeds are hashed once per run
        stale = steps.stale_reports(con, Path(args.seeds), current)
        unchanged = (
            not stale
            and not steps.removed_reports(con, current)
            and steps.release_is_current(
                con, Path(args.releases), latest_version(Path(args.releases)), provenance.code_version()
            )
        )
        noted = unchanged and steps.unchanged_noted(con, str(dagster_home()))
    if unchanged:
        summary = _unchanged_summary(args, current)
        if not noted:
            _note_unchanged_release(args, summary)
        return _report(args, summary)
    # Dagster and the definitions are loaded only when a job runs: a run that stops early needs neither
    from assets.definitions import build_definitions  # noqa: PLC0415
    from assets.jobs import RELEASE_JOB  # noqa: PLC0415

    defs = build_definitions(_store(args, show_progress=True))
    instance = _instance()
    known = set(instance.get_dynamic_partitions("reports"))
    instance.add_dynamic_partitions("reports", sorted(set(current) - known))
    failed = _process_reports(defs, instance, stale, args)
    result = defs.resolve_job_def(RELEASE_JOB).execute_in_process(
        instance=instance, run_config=_run_config(args), raise_on_error=False
    )
    return _report(args, _summary(args, current, stale, failed, result))


def _report(args, summary: dict) -> int:
    print(json.dumps(summary, indent=2, ensure_ascii=False) if args.json else _render(summary))
    if summary["exit_code"] != EXIT_OK and not args.json:
        print(f"peakwatch: {summary['outcome']}", file=sys.stderr)
    return summary["exit_code"]


def _summary(args, current, stale, failed, result) -> dict:
    """What the run did, as data: the text and the --json output are both made from it."""
    from pipelines import warehouse  # noqa: PLC0415
    from pipelines.sources.reports import rejected_files  # noqa: PLC0415

    meta = {
        e.asset_key.to_user_string(): e.materialization.metadata
        for e in result.get_asset_materialization_events()
    }

    def value(asset, key, default=""):
        v = meta.get(asset, {}).get(key)
        return default if v is None else getattr(v, "value", v)

    with warehouse.connect(Path(args.warehouse), wait=args.wait) as con:
        errors = dict(con.execute("SELECT file_name, message FROM report_errors ORDER BY 1").fetchall())
        warnings = con.execute(
            "SELECT message FROM report_warnings WHERE regexp_replace(file_name, '\\.txt$', '') IN "
            "(SELECT unnest(?::VARCHAR[])) ORDER BY file_name, message",
            [stale],
        ).fetchall()
        per_report = _per_report(con, sorted(set(stale) - set(failed)))
        n_facts = con.execute("SELECT count(*) FROM extracted_facts").fetchone()[0]
    import dagster as dg  # noqa: PLC0415

    evaluations = result.get_asset_check_evaluations()
    # contracts block a release; the other checks warn analysts and never change the outcome
    checks = [
        {"check": c.check_name, "passed": c.passed, "failures": c.metadata["failure_count"].value}
        for c in evaluations
        if c.severity == dg.AssetCheckSeverity.ERROR
    ]
    warned = [
        {"check": c.check_name, "passed": c.passed, "message": c.description or ""}
        for c in evaluations
        if c.severity == dg.AssetCheckSeverity.WARN
    ]
    stopped = not result.success or any(not c["passed"] for c in checks)
    release_status = value("release", "status") if "release" in meta else "not run"
    if stopped or release_status == "empty":
        code = EXIT_NOTHING_PUBLISHED
        outcome = (
            "nothing was published"
            + (": a step or a contract check failed" if stopped else "")
            + f" ({args.releases}/latest is unchanged)"
            + "".join(f"\n  {f}" for f in _failures(result))
        )
    elif failed:
        code = EXIT_PARTIAL
        outcome = f"{len(failed)} report(s) failed and are not in the release as they are now; fix them and run again"
    else:
        code, outcome = EXIT_OK, "ok"
    return {
        "reports": {"in_seeds": len(current), "processed": len(stale), "seeds": str(args.seeds)},
        "skipped": rejected_files(Path(args.seeds)),
        "warnings": [m for (m,) in warnings],
        # the recorded message names the file and the reason; a failure outside the report (a lock, a bug
        # in a step) has only the run's error
        "failed": [errors.get(f"{rid}.txt") or f"{rid}.txt: {why}" for rid, why in sorted(failed.items())],
        "new_or_changed": per_report,
        "facts_extracted": n_facts,
        "observations": {
            "published": value("observations", "dagster/row_count", 0),
            "quarantined": value("observations", "quarantined", 0),
        },
        "contracts": checks,
        "quality_checks": warned,
        "release": {
            "status": release_status,
            "version": value("release", "version", None) if release_status == "published" else None,
            "message": value("release", "message"),
        },
        "exit_code": code,
        "outcome": outcome,
    }


def _unchanged_summary(args, current: dict[str, str]) -> dict:
    """The summary of a run that found nothing to do: no report stale or removed, and the last release
    run was made from this very warehouse state (so the jobs are not run at all)."""
    from pipelines.publishing.release import latest_version  # noqa: PLC0415
    from pipelines.sources.reports import rejected_files  # noqa: PLC0415

    with warehouse_connection(args) as con:
        n_facts, published, quarantined = con.execute(
            "SELECT (SELECT count(*) FROM extracted_facts), (SELECT count(*) FROM observations), "
            "(SELECT count(*) FROM quarantine)"
        ).fetchone()
    latest = latest_version(Path(args.releases))
    return {
        "reports": {"in_seeds": len(current), "processed": 0, "seeds": str(args.seeds)},
        "skipped": rejected_files(Path(args.seeds)),
        "warnings": [],
        "failed": [],
        "new_or_changed": {},
        "facts_extracted": n_facts,
        "observations": {"published": published, "quarantined": quarantined},
        "contracts": [],
        "quality_checks": [],
        "release": {
            "status": "unchanged",
            "version": None,
            "message": f"data unchanged since {latest}: nothing published "
            f"(latest release: {Path(args.releases) / latest})",
        },
        "exit_code": EXIT_OK,
        "outcome": "ok",
    }


def _note_unchanged_release(args, summary: dict) -> None:
    """On the instance the UI shows, the `release` asset still names the current version after a run that
    stopped early, as a release run that found nothing changed would."""
    import dagster as dg  # noqa: PLC0415

    from pipelines.publishing.release import latest_version  # noqa: PLC0415

    latest = latest_version(Path(args.releases))
    instance = _instance()
    instance.report_runless_asset_event(
        dg.AssetMaterialization(
            asset_key="release",
            metadata={
                "version": latest,
                "published_now": False,
                "status": "unchanged",
                "path": str(Path(args.releases) / latest),
                "message": summary["release"]["message"],
                "changes": dg.MetadataValue.json({}),
            },
        )
    )
    # once per warehouse state and instance: a second run that stops early has nothing to add
    from pipelines import steps  # noqa: PLC0415

    with warehouse_connection(args) as con:
        steps.record_unchanged_noted(con, str(dagster_home()))


def warehouse_connection(args):
    from pipelines import warehouse  # noqa: PLC0415

    return warehouse.connect(Path(args.warehouse), wait=args.wait)


def _per_report(con, report_ids: list[str]) -> dict[str, dict]:
    """For each report of this run: facts found, published and quarantined with the reasons. Two grouped
    queries for all of them (a query per report scanned the tables 10,000 times in a large backfill)."""
    ids = [report_ids]
    published = dict(
        con.execute(
            "SELECT report_id, count(*) FROM observations WHERE report_id IN (SELECT unnest(?::VARCHAR[])) "
            "GROUP BY 1",
            ids,
        ).fetchall()
    )
    held: dict[str, dict[str, int]] = {}
    for rid, reason, n in con.execute(
        "SELECT report_id, reason, count(*) FROM quarantine WHERE report_id IN (SELECT unnest(?::VARCHAR[])) "
        "GROUP BY 1, 2 ORDER BY 1, 2",
        ids,
    ).fetchall():
        held.setdefault(rid, {})[reason] = n
    out = {}
    for rid in report_ids:
        n_published, n_held = published.get(rid, 0), held.get(rid, {})
        out[rid] = {
            "found": n_published + sum(n_held.values()),
            "published": n_published,
            "quarantined": n_held,
        }
    return out


def _render(summary: dict) -> str:
    r = summary["reports"]
    lines = [f"reports:      {r['in_seeds']} in {r['seeds']}, {r['processed']} new or changed processed"]
    lines += [f"skipped:      {m}" for m in summary["skipped"]]
    lines += [f"warning:      {m}" for m in summary["warnings"]]
    lines += [f"failed:       {m}" for m in summary["failed"]]
    for rid, n in summary["new_or_changed"].items():
        held = ", ".join(f"{k} {v}" for k, v in n["quarantined"].items())
        lines.append(
            f"report:       {rid}: {n['found']} facts, {n['published']} published, "
            f"{sum(n['quarantined'].values())} quarantined" + (f" ({held})" if held else "")
        )
    o = summary["observations"]
    lines += [f"extracted:    {summary['facts_extracted']} facts in all"]
    lines += [f"observations: {o['published']} published, {o['quarantined']} quarantined"]
    for c in summary["contracts"]:
        lines.append(
            f"contract:     {c['check']} "
            + ("passed" if c["passed"] else f"FAILED ({c['failures']} failures)")
        )
    for c in summary["quality_checks"]:
        if not c["passed"]:
            lines.append(f"check:        {c['check']} warns: {c['message']}")
    if summary["release"]["message"]:
        lines.append(f"release:      {summary['release']['message']}")
    return "\n".join(lines)


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
    records = meta["fetched_reports"]["sources"].value.records
    for record in records:
        print(" | ".join(record.data[c] or "" for c in ("url", "status", "file_name", "reason")))
    if not records:
        print(f"no sources in {store.sources_file}")
    return 0


def cmd_query(args) -> int:
    """Read-only SQL on the warehouse; waits a few seconds while a run writes it, then says so."""
    import duckdb  # noqa: PLC0415

    from pipelines import locks, warehouse  # noqa: PLC0415

    if not Path(args.warehouse).exists():
        print(f"peakwatch: no warehouse at {args.warehouse}; run `peakwatch run` first", file=sys.stderr)
        return EXIT_USAGE
    try:
        with warehouse.connect(Path(args.warehouse), read_only=True, wait=args.wait) as con:
            rel = con.sql(args.sql)
            if rel is not None:
                rel.show(max_width=200, max_rows=args.max_rows)
    except locks.Busy as e:
        print(f"peakwatch: {e}", file=sys.stderr)
        return EXIT_NOTHING_PUBLISHED
    except duckdb.Error as e:
        print(f"peakwatch: query failed: {str(e).splitlines()[0]}", file=sys.stderr)
        return EXIT_NOTHING_PUBLISHED
    return EXIT_OK


def cmd_releases(args) -> int:
    from pipelines.publishing.release import releases_index  # noqa: PLC0415

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

    from pipelines.publishing.verify import resolve, verify_release  # noqa: PLC0415
    from validation import contracts  # noqa: PLC0415

    if not resolve(Path(args.releases), args.version).is_dir():
        print(f"peakwatch: no release {args.version} in {args.releases}", file=sys.stderr)
        return EXIT_USAGE
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
    from pipelines.publishing.release import published_versions  # noqa: PLC0415
    from pipelines.publishing.verify import diff_releases  # noqa: PLC0415

    known = published_versions(Path(args.releases))
    for version in (args.a, args.b):
        if version != "latest" and version not in known:
            print(
                f"peakwatch: no release {version} in {args.releases} (published: {', '.join(known) or 'none'})",
                file=sys.stderr,
            )
            return EXIT_USAGE
    print(json.dumps(diff_releases(Path(args.releases), args.a, args.b), indent=2))
    return EXIT_OK


def cmd_show(args) -> int:
    """One fact of a release: its labels, and its sentence read from the report's text with the number
    marked, so that anyone can check it against the characters it came from."""
    import duckdb  # noqa: PLC0415

    from pipelines.publishing.verify import resolve  # noqa: PLC0415

    folder = resolve(Path(args.releases), args.version)
    if not (folder / "facts.parquet").exists():
        print(f"peakwatch: no release {args.version} with a facts table in {args.releases}", file=sys.stderr)
        return EXIT_USAGE
    con = duckdb.connect()
    found = con.execute(
        f"SELECT * FROM '{folder / 'facts.parquet'}' WHERE observation_id = ?", [args.observation_id]
    ).df()
    con.close()
    if found.empty:
        print(f"peakwatch: no published fact {args.observation_id} in release {folder.name}", file=sys.stderr)
        return EXIT_USAGE
    fact = found.iloc[0].to_dict()
    for key in (
        "indicator_id",
        "indicator_name_en",
        "indicator_name_zh",
        "region_code",
        "region_name_en",
        "agency_name_en",
        "year",
        "period",
        "measure",
        "direction",
        "qualifier",
    ):
        print(f"{key + ':':<20}{'' if fact[key] is None else fact[key]}")
    print(
        f"{'value:':<20}{fact['display_value']:g} {fact['display_unit']} ({fact['value']:g} {fact['unit']})"
    )
    print(
        f"{'report:':<20}{fact['report_title']} ({fact['report_id']}, {fact['published'] or 'date unknown'})"
    )
    text = (folder / "texts" / f"{fact['report_id']}.txt").read_bytes().decode("utf-8")
    start, end = int(fact["char_start"]), int(fact["char_end"])
    before = text[:start].rsplit("\n", 1)[-1][-200:]
    after = text[end:].split("\n", 1)[0][:200]
    print(f"{'in the text:':<20}...{before}[[{text[start:end]}]]{after}...")
    print(f"{'at characters:':<20}{start}-{end} of texts/{fact['report_id']}.txt")
    return EXIT_OK


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("peakwatch")
    except PackageNotFoundError:
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="peakwatch", description=__doc__)
    parser.add_argument("--version", action="version", version=f"peakwatch {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    seeds_help = "folder of reports (NAME.txt) and sidecars (NAME.meta.yaml); default: seeds"
    warehouse_help = f"DuckDB warehouse file; default: {DEFAULT_WAREHOUSE}"
    releases_help = "folder of published releases; default: releases"
    run = sub.add_parser("run", help="extract, validate and publish a release from the seeds folder")
    run.add_argument("--seeds", default="seeds", type=Path, help=seeds_help)
    run.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, type=Path, help=warehouse_help)
    run.add_argument("--releases", default="releases", type=Path, help=releases_help)
    run.add_argument(
        "--results",
        type=Path,
        help="folder of the per-report result files the warehouse is built from; default: results/ beside "
        "the warehouse file",
    )
    run.add_argument(
        "--wait", default=None, type=float, help="seconds to wait for another run or client (default 60)"
    )
    run.add_argument("--json", action="store_true", help="print what the run did as one JSON object")
    run.add_argument("--verbose", action="store_true", help="show Dagster's log, with stack traces")
    run.set_defaults(func=cmd_run)
    fetch = sub.add_parser("fetch", help="poll the followed sources once into the seeds folder")
    fetch.add_argument(
        "--sources", default=None, type=Path, help="list of followed sources; default: SEEDS/sources.yaml"
    )
    fetch.add_argument("--seeds", default="seeds", type=Path, help=seeds_help)
    fetch.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, type=Path, help=warehouse_help)
    fetch.add_argument("--releases", default="releases", type=Path, help=releases_help)
    fetch.set_defaults(func=cmd_fetch)
    query = sub.add_parser("query", help="run read-only SQL against the warehouse")
    query.add_argument("sql", help='the SQL, e.g. "SELECT count(*) FROM observations"')
    query.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, type=Path, help=warehouse_help)
    query.add_argument("--max-rows", default=50, type=int, help="rows shown at most (default 50)")
    query.add_argument(
        "--wait", default=5.0, type=float, help="seconds to wait while a run writes (default 5)"
    )
    query.set_defaults(func=cmd_query)
    rel = sub.add_parser("releases", help="list published releases")
    rel.add_argument("--releases", default="releases", type=Path, help=releases_help)
    rel.set_defaults(func=cmd_releases)
    ver = sub.add_parser("verify", help="check a release's checksums and contract (default: latest)")
    ver.add_argument("version", nargs="?", default="latest", help="a version such as 1.2.0, or latest")
    ver.add_argument("--releases", default="releases", type=Path, help=releases_help)
    ver.set_defaults(func=cmd_verify)
    show = sub.add_parser("show", help="one published fact with its labels and its sentence, number marked")
    show.add_argument("observation_id", help="the fact's observation_id (16 hex digits)")
    show.add_argument("--version", default="latest", help="the release to read (default latest)")
    show.add_argument("--releases", default="releases", type=Path, help=releases_help)
    show.set_defaults(func=cmd_show)
    diff = sub.add_parser("diff", help="observations added, removed and changed between two releases")
    diff.add_argument("a", help="the older version")
    diff.add_argument("b", help="the newer version")
    diff.add_argument("--releases", default="releases", type=Path, help=releases_help)
    diff.set_defaults(func=cmd_diff)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
