"""The stages of a run as plain functions on a warehouse connection: load inputs, process, save outputs.
Dagster assets (assets/) and tests call these; nothing here knows about Dagster.

A new report is handled on its own (`load_report`, `extract_report`) so that it costs one report's work;
many are handled as a batch (`process_batch`): read and extracted on every core, stored a few hundred
reports per transaction. Both store the same rows. `prune_removed` and the table builders work on the
whole warehouse.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines import catalog, results, warehouse
from pipelines.extraction.extract import ReportContext, extract_facts, extractor_version
from pipelines.sources.reports import ReportError, oversized, read_report, readable_inside, report_files

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

# opens the warehouse for writing (warehouse.connect with its lock): stages that run long between two
# writes take it for each write rather than for their whole time
Connect = Callable[[], AbstractContextManager]


def seed_state(seeds_dir: Path, con=None) -> dict[str, str]:
    """report_id -> sha256 of every report file in the seeds folder (sidecars included in the hash, since
    they change a report's year and agency). With a warehouse connection, a file whose identity and
    times are those it had when it was last hashed is not read again (`seed_hashes`)."""
    paths = report_files(Path(seeds_dir))
    if con is None:
        return {path.stem: seed_state_of(path) for path in paths}
    return _cached_seed_state(con, paths)


# A file changed within this many nanoseconds of being hashed could change again within the same tick
# of the file system's clock without changing its times: such a hash is used once, never kept.
_SETTLED_NS = 2_000_000_000


def _stat_key(path: Path) -> tuple[str, int]:
    """What identifies a report file's content and its sidecar's without reading them: device, inode,
    size, modification and change times (the change time cannot be set back by any tool); and the
    newest change time of the two."""
    parts, newest = [], 0
    for p in (path, path.with_suffix(".meta.yaml")):
        try:
            st = p.stat()
        except OSError:
            parts.append("-")
            continue
        usable = p == path or (p.is_file() and readable_inside(p, path.parent))
        parts.append(f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{usable}")
        newest = max(newest, st.st_ctime_ns, st.st_mtime_ns)
    return "|".join(parts), newest


def _cached_seed_state(con, paths: list[Path]) -> dict[str, str]:
    known = {
        name: (key, sha)
        for name, key, sha in con.execute(
            "SELECT file_name, stat_key, state_sha256 FROM seed_hashes"
        ).fetchall()
    }
    settled = time.time_ns() - _SETTLED_NS
    state, keep = {}, {}
    for path in paths:
        key, newest = _stat_key(path)
        cached = known.get(path.name)
        sha = cached[1] if cached is not None and cached[0] == key else seed_state_of(path)
        state[path.stem] = sha
        if newest < settled:
            keep[path.name] = (key, sha)
    if keep != known:
        names = sorted(keep)
        with warehouse.transaction(con):
            con.execute("DELETE FROM seed_hashes")
            con.execute(
                "INSERT INTO seed_hashes SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
                [names, [keep[n][0] for n in names], [keep[n][1] for n in names]],
            )
    return state


def stale_reports(con, seeds_dir: Path, state: dict[str, str] | None = None) -> list[str]:
    """Reports of the seeds folder that are new, changed, extracted by another extractor version, or
    whose stored facts do not match their log entry. `state` is the folder's `seed_state` when the caller
    has it already (the seeds are hashed once per run)."""
    done = warehouse.completed_extractions(con, current_extractor())
    state = seed_state(seeds_dir) if state is None else state
    return sorted(rid for rid, sha in state.items() if done.get(rid) != sha)


@cache
def current_extractor() -> str:
    """The extractor version of this process's code, computed once (it hashes the extraction sources)."""
    return extractor_version()


def load_report(con, seeds_dir: Path, report_id: str) -> dict:
    """Read one report and stage it for extraction; the published tables change only when its facts are
    stored with it (`extract_report`). A missing file removes the report; an unreadable one is recorded
    in report_errors and raised as ReportError naming the file and the reason (a report published
    earlier stays as it was)."""
    path = Path(seeds_dir) / f"{report_id}.txt"
    con.execute("DELETE FROM report_errors WHERE file_name = ?", [path.name])
    if not path.exists():
        remove_report(con, report_id)
        return {"status": "removed", "report_id": report_id}
    try:
        report = read_report(path)
        _refuse_duplicate(con, report)
    except ReportError as e:
        record_error(con, path.name, str(e))
        raise
    with warehouse.transaction(con):
        con.execute("DELETE FROM report_warnings WHERE file_name = ?", [path.name])
        for warning in report.warnings:
            con.execute("INSERT INTO report_warnings VALUES (?, ?)", [path.name, warning])
    warehouse.stage_report(con, report.row(), report.text, seed_state_of(path))
    return {"status": "loaded", "report_id": report_id, "row": report.row()}


def _refuse_duplicate(con, report) -> None:
    """The same text under another name, or the same address fetched twice, is one report: the one
    stored first is kept and this one is refused with its twin's name."""
    twin = con.execute(
        "SELECT file_name, sha256 = ? FROM reports WHERE report_id <> ? AND (sha256 = ? OR url = ?) ORDER BY 1",
        [report.sha256, report.report_id, report.sha256, report.url],
    ).fetchone()
    if twin:
        same = "the same text as" if twin[1] else "the same url as"
        raise ReportError(f"{report.file_name}: {same} {twin[0]}, which is kept; not read twice")


def record_error(con, file_name: str, message: str) -> None:
    with warehouse.transaction(con):
        con.execute("DELETE FROM report_errors WHERE file_name = ?", [file_name])
        con.execute("INSERT INTO report_errors VALUES (?, ?)", [file_name, message])


def seed_state_of(path: Path) -> str:
    if oversized(path):
        # never read: its size and time stand for its content, so that it is refused again until it changes
        stat = path.stat()
        return hashlib.sha256(f"oversized {stat.st_size} {stat.st_mtime_ns}".encode()).hexdigest()
    h = hashlib.sha256(path.read_bytes())
    sidecar = path.with_suffix(".meta.yaml")
    if sidecar.is_file() and readable_inside(sidecar, path.parent):
        h.update(sidecar.read_bytes())
    return h.hexdigest()


def remove_report(con, report_id: str) -> None:
    with warehouse.transaction(con):
        for table in ("reports", "report_texts", "extracted_facts", "extraction_log", "staged_reports"):
            con.execute(f"DELETE FROM {table} WHERE report_id = ?", [report_id])


def held(con) -> Connect:
    """A `connect` for the stages that take one, when the caller holds the warehouse throughout."""
    return lambda: contextlib.nullcontext(con)


def extract_report(connect: Connect, report_id: str, results_root: Path | None = None) -> dict:
    """Extract the facts of a staged report and store report, text, facts and log entry together. Skipped
    when the same bytes were extracted by this extractor and their facts are all stored. The warehouse
    (`connect()`) is held twice, briefly: to take the staged report and to store its result; extraction
    runs in between without it. With `results_root`, the result is written there first (pipelines/
    results.py), or taken from the file an earlier run, warehouse or machine wrote. An error in extraction
    is recorded and raised as ReportError; the report stays as last stored (or unpublished)."""
    with connect() as con:
        staged = _staged_for_extraction(con, report_id)
    if "key" not in staged:  # nothing to extract
        return staged
    row, text, key = staged["row"], staged["text"], staged["key"]
    found, notes = _stored_result(results_root, key)
    try:
        table = found if found is not None else _new_result(results_root, key, row, text, staged["warnings"])
    except ReportError as e:
        with connect() as con:
            record_error(con, row["file_name"], str(e))
        raise
    with connect() as con:
        warnings = {row["file_name"]: results.warnings_of(table) + notes}
        n = warehouse.commit_results(con, [table], warnings=warnings)
    return {"extracted": found is None, "facts": n, "notes": notes}


def _staged_for_extraction(con, report_id: str) -> dict:
    """The staged report with its result's key and read warnings; or, when there is nothing to extract,
    the count of its stored facts."""
    staged = warehouse.staged_report(con, report_id)
    if (
        staged is not None
        and warehouse.completed_extraction(con, current_extractor(), report_id) == staged[2]
    ):
        con.execute("DELETE FROM staged_reports WHERE report_id = ?", [report_id])
        staged = None
    if staged is None:
        n = con.execute("SELECT count(*) FROM extracted_facts WHERE report_id = ?", [report_id]).fetchone()[0]
        return {"extracted": False, "facts": n, "notes": []}
    row, text, sha = staged
    warnings = con.execute(
        "SELECT message FROM report_warnings WHERE file_name = ? ORDER BY rowid", [row["file_name"]]
    ).fetchall()
    key = results.Key(report_id, sha, current_extractor())
    return {"row": row, "text": text, "key": key, "warnings": [m for (m,) in warnings]}


def _stored_result(root: Path | None, key: results.Key) -> tuple[pa.Table | None, list[str]]:
    """The result file of `key` when a readable one exists, with the line naming a file that could not be
    read (it is set aside, and the report is extracted again)."""
    if root is None:
        return None, []
    try:
        return results.read(root, key), []
    except results.Unreadable as e:
        return None, [str(e)]


def _new_result(root: Path | None, key: results.Key, row: dict, text: str, warnings: list[str]) -> pa.Table:
    """Extract a report and write its result file (with a results folder). Raises ReportError naming the
    report when extraction or the write fails."""
    try:
        ctx = ReportContext.of(row)
        facts = [f.as_row() for f in extract_facts(text, ctx)]
        table = results.build(key, row, text, warnings, facts)
    except Exception as e:  # a bug met by one report must not stop the others: name it and go on
        raise ReportError(f"{row['file_name']}: extraction failed ({type(e).__name__}: {e})") from e
    if root is not None:
        try:
            results.write(root, key, table)
        except OSError as e:
            message = (
                f"{row['file_name']}: its result cannot be written to {key.path(root)} ({e.strerror or e})"
            )
            raise ReportError(message) from e
    return table


def removed_reports(con, state: dict[str, str]) -> list[str]:
    """Stored reports whose file has left the seeds folder (`state` is the folder's `seed_state`)."""
    stored = [r[0] for r in con.execute("SELECT report_id FROM reports ORDER BY 1").fetchall()]
    return [rid for rid in stored if rid not in state]


def release_fingerprint(con, code_version: str) -> str:
    """What the release of this warehouse depends on: every report's extraction (bytes, extractor,
    facts), the unreadable files, and the code that turns facts into a release (`code_version`,
    provenance.code_version())."""
    log = con.execute(
        """SELECT md5(coalesce(string_agg(concat_ws('|', report_id, report_sha256, extractor_version, n_facts),
                                         ',' ORDER BY report_id), ''))
           FROM extraction_log"""
    ).fetchone()[0]
    errors = con.execute(
        "SELECT md5(coalesce(string_agg(concat_ws('|', file_name, message), ',' ORDER BY file_name, message), '')) "
        "FROM report_errors"
    ).fetchone()[0]
    return f"{code_version}:{log}:{errors}"


def record_release(con, releases_dir: Path, version: str, code_version: str) -> None:
    """Remember that the release run for this warehouse state completed with `version` as latest."""
    with warehouse.transaction(con):
        con.execute("DELETE FROM release_state")
        con.execute(
            "INSERT INTO release_state VALUES (?, ?, ?)",
            [str(Path(releases_dir).resolve()), version, release_fingerprint(con, code_version)],
        )


def release_is_current(con, releases_dir: Path, latest: str | None, code_version: str) -> bool:
    """True when the last completed release run was made from exactly this warehouse state into this
    releases folder and its version is still the latest there: a new run would publish nothing."""
    found = con.execute("SELECT releases_dir, version, fingerprint FROM release_state").fetchone()
    return (
        found is not None
        and latest is not None
        and found[0] == str(Path(releases_dir).resolve())
        and found[1] == latest
        and found[2] == release_fingerprint(con, code_version)
    )


def unchanged_noted(con, dagster_home: str) -> bool:
    """True when a run that stopped early has told this Dagster instance (its home folder) already that
    the release of the current warehouse state is unchanged."""
    return bool(
        con.execute(
            "SELECT count(*) FROM unchanged_noted n JOIN release_state s USING (version, fingerprint) "
            "WHERE n.dagster_home = ?",
            [dagster_home],
        ).fetchone()[0]
    )


def record_unchanged_noted(con, dagster_home: str) -> None:
    with warehouse.transaction(con):
        con.execute("DELETE FROM unchanged_noted WHERE dagster_home = ?", [dagster_home])
        con.execute(
            "INSERT INTO unchanged_noted SELECT ?, version, fingerprint FROM release_state", [dagster_home]
        )


def prune_removed(con, seeds_dir: Path) -> list[str]:
    """Drop reports whose file has left the seeds folder; returns their ids."""
    present = {path.stem for path in report_files(Path(seeds_dir))}
    gone = [
        r[0]
        for r in con.execute("SELECT report_id FROM reports ORDER BY 1").fetchall()
        if r[0] not in present
    ]
    for report_id in gone:
        remove_report(con, report_id)
    for table in ("report_errors", "report_warnings"):
        con.execute(
            f"DELETE FROM {table} WHERE regexp_replace(file_name, '\\.txt$', '') NOT IN "
            "(SELECT unnest(?::VARCHAR[]))",
            [sorted(present)],
        )
    return gone


def load_all(con, seeds_dir: Path, results_root: Path | None = None) -> dict:
    """Load and extract every stale report of the seeds folder (used by tests and benchmarks that skip
    Dagster), with result files in `results_root` when given; returns the reports done and the errors."""
    done, errors = [], []
    for report_id in stale_reports(con, seeds_dir):
        try:
            load_report(con, seeds_dir, report_id)
        except ReportError as e:
            errors.append(str(e))
            continue
        try:
            extract_report(held(con), report_id, results_root)
        except ReportError as e:
            errors.append(str(e))
            continue
        done.append(report_id)
    prune_removed(con, seeds_dir)
    return {"reports": done, "errors": errors}


def build_dimensions(con) -> dict:
    """indicators (with the derived ones in use), regions, agencies, units and years."""
    derived = con.execute(
        """SELECT indicator_id, min(indicator_name) AS name, min(unit) AS unit FROM (
             SELECT indicator_id, indicator_name, unit FROM extracted_facts WHERE indicator_id LIKE 'derived\\_%' ESCAPE '\\')
           GROUP BY indicator_id ORDER BY indicator_id"""
    ).df()
    frames = warehouse.dimension_frames(derived)
    counts = {name: warehouse.replace_table(con, name, frame) for name, frame in frames.items()}
    years = con.execute(
        """SELECT year, count(*) FILTER (WHERE src = 'o') AS n_observations FROM (
             SELECT year, 'o' AS src FROM observations UNION ALL SELECT year, 'q' FROM quarantine)
           WHERE year IS NOT NULL GROUP BY year ORDER BY year"""
    ).df()
    counts["years"] = warehouse.replace_table(con, "years", years)
    counts["facts"] = build_facts(con)
    return counts


def build_facts(con) -> int:
    """The labelled `facts` table: each observation with the names of its indicator, region and agency,
    its value in the unit analysts read (display_units.yaml) and in SI, and its report's title and url."""
    display = catalog.load("display_units.yaml")["display"]
    con.execute("DELETE FROM facts")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE display_units (unit VARCHAR, display_unit VARCHAR, factor DOUBLE)"
    )
    con.executemany(
        "INSERT INTO display_units VALUES (?, ?, ?)",
        [[d["unit"], d["display_unit"], d["factor"]] for d in display],
    )
    con.execute(
        """INSERT INTO facts BY NAME
           SELECT o.observation_id, o.indicator_id, i.name AS indicator_name_en, i.name_zh AS indicator_name_zh,
                  i.category, o.region_code, g.name_en AS region_name_en, g.name_zh AS region_name_zh,
                  g.level AS region_level, o.agency_id, a.name_en AS agency_name_en,
                  a.name_zh AS agency_name_zh, o.year, o.period, o.measure, o.direction, o.qualifier, o.value,
                  o.unit, o.value * coalesce(d.factor, 1) AS display_value,
                  coalesce(d.display_unit, o.unit) AS display_unit, o.value * u.si_factor AS value_si,
                  u.si_unit, o.report_id, r.title AS report_title, r.publisher, r.published,
                  r.url AS source_url, o.value_raw, o.quote, o.char_start, o.char_end
           FROM observations o
           LEFT JOIN indicators i USING (indicator_id) LEFT JOIN regions g USING (region_code)
           LEFT JOIN agencies a USING (agency_id) LEFT JOIN units u USING (unit)
           LEFT JOIN display_units d USING (unit) LEFT JOIN reports r USING (report_id)"""
    )
    return con.execute("SELECT count(*) FROM facts").fetchone()[0]


def unchecked_reports(con) -> list[str]:
    """Reports ruled since the contracts last passed in a completed release run: only their rows need the
    row checks again."""
    return [
        r[0]
        for r in con.execute(
            "SELECT report_id FROM (SELECT * FROM ruled_reports EXCEPT SELECT * FROM checked_reports) ORDER BY 1"
        ).fetchall()
    ]


def record_checked(con) -> None:
    """The rows of every report as ruled now passed the contracts (called once the release run is done)."""
    with warehouse.transaction(con):
        con.execute("DELETE FROM checked_reports")
        con.execute("INSERT INTO checked_reports SELECT * FROM ruled_reports")


def frames_of(con, table: str, report_ids: list[str], per_frame: int = 500) -> Iterator[pd.DataFrame]:
    """The rows of these reports in `table` (columns of the data dictionary, key order), a few hundred
    reports per frame so that memory stays small whatever the corpus."""
    cols = ", ".join(f'"{c}"' for c in warehouse.columns(table))
    key = ", ".join(f'"{c}"' for c in warehouse.tables()[table]["key"])
    for start in range(0, len(report_ids), per_frame):
        yield con.execute(
            f'SELECT {cols} FROM "{table}" WHERE report_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY {key}',
            [report_ids[start : start + per_frame]],
        ).df()


def preview(con, table: str, columns: list[str], n: int = 10) -> pd.DataFrame:
    """The first `n` rows of a table in key order: what a preview shows, without reading the table."""
    cols = ", ".join(f'"{c}"' for c in columns)
    key = ", ".join(f'"{c}"' for c in warehouse.tables()[table]["key"])
    return con.execute(f'SELECT {cols} FROM "{table}" ORDER BY {key} LIMIT {int(n)}').df()


def table_frame(con, table: str) -> pd.DataFrame:
    cols = ", ".join(f'"{c}"' for c in warehouse.columns(table))
    key = ", ".join(f'"{c}"' for c in warehouse.tables()[table]["key"])
    return con.execute(f'SELECT {cols} FROM "{table}" ORDER BY {key}').df()


# --- many reports at once -------------------------------------------------------------------------------

BATCH_SIZE = 500  # reports stored per transaction: large enough to amortize a commit, small in memory


def process_batch(
    connect: Connect,
    seeds_dir: Path,
    report_ids: list[str],
    results_root: Path | None = None,
    workers: int = 0,
    batch_size: int = BATCH_SIZE,
    on_done: Callable[[int], None] | None = None,
) -> dict:
    """Read, extract and store many reports, storing exactly what `load_report` and `extract_report`
    store one by one: reading and extraction (pure functions of the file) run on `workers` processes
    (0: every core), each writing its reports' result files into `results_root` (or reusing those there);
    this process loads them into the warehouse `batch_size` reports per transaction, each report with
    its facts and its log entry, so that a kill loses at most the batch being written and the next run
    finds those reports stale. The warehouse (`connect()`) is held only to look up what is done and to
    store each batch. Reports whose bytes were extracted by this extractor already are skipped.
    Returns the reports extracted, reused, skipped and removed, the facts stored, the errors by report
    and the lines naming result files set aside."""
    seeds_dir = Path(seeds_dir)
    with connect() as con:
        done = warehouse.completed_extractions(con, current_extractor())
        twins = _TwinIndex(con)
    root = None if results_root is None else str(results_root)
    tasks = [(str(seeds_dir / f"{rid}.txt"), done.get(rid), root) for rid in sorted(report_ids)]
    tally = {
        "extracted": [],
        "reused": [],
        "unchanged": [],
        "removed": [],
        "facts": 0,
        "errors": {},
        "notes": [],
    }
    for batch in _results_in_batches(tasks, workers, batch_size, on_done or (lambda n: None)):
        batch = [_with_table(r, results_root) for r in batch]  # read before the warehouse is taken
        with connect() as con:
            tally["facts"] += _store_batch(con, batch, twins, tally)
    return tally


def _results_in_batches(
    tasks: list[tuple], workers: int, batch_size: int, on_done: Callable[[int], None]
) -> Iterator[list[dict]]:
    """The results of `read_and_extract`, `batch_size` at a time, in task order (`on_done` hears of each
    as it arrives); the pool works on the next batch while the current one is stored."""
    batches = [tasks[i : i + batch_size] for i in range(0, len(tasks), batch_size)]
    workers = min(workers or len(os.sched_getaffinity(0)), len(tasks))

    def collect(results) -> list[dict]:
        out = []
        for result in results:
            out.append(result)
            on_done(1)
        return out

    if workers <= 1:
        for batch in batches:
            yield collect(read_and_extract(t) for t in batch)
        return
    # a fresh server process forks the workers: none of them inherits the warehouse connection or threads
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipelines.steps", "pyarrow.parquet"])  # what every worker uses
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = pool.map(read_and_extract, batches[0], chunksize=4) if batches else iter(())
        for following in [*batches[1:], None]:
            current = collect(pending)
            if following is not None:
                pending = pool.map(read_and_extract, following, chunksize=4)
            yield current


def read_and_extract(task: tuple[str, str | None, str | None]) -> dict:
    """One report read and extracted, as a worker process does it: the file's state hash first, so that a
    report whose bytes are extracted already (`done_sha`) is not read again; then its result file, when
    one was written before (by any run, warehouse or machine), else extraction, whose result file is
    written here. Without a results folder the result itself is returned."""
    path, done_sha, root = Path(task[0]), task[1], task[2]
    root = None if root is None else Path(root)
    started = time.process_time()
    base = {"report_id": path.stem, "file_name": path.name}
    if not path.exists():
        return {**base, "status": "removed"}
    state = seed_state_of(path)
    if state == done_sha:
        return {**base, "status": "unchanged"}
    key = results.Key(path.stem, state, current_extractor())
    table, notes = _stored_result(root, key)
    out = {**base, "status": "extracted", "key": key, "notes": notes, "reused": table is not None}
    if table is None:
        try:
            report = read_report(path)
        except ReportError as e:
            return {**base, "status": "unreadable", "message": str(e), "notes": notes}
        # the row as the per-report path stages it (through JSON), so that both store the same values
        row = json.loads(json.dumps(report.row(), default=str))
        try:
            table = _new_result(root, key, row, report.text, list(report.warnings))
        except ReportError as e:  # as in extract_report: one report's failure is named, the others go on
            failed = {"status": "failed", "message": str(e), "row": row, "url": report.url}
            return {**out, **failed, "warnings": list(report.warnings)}
    # with a results folder the file is what passes to the main process, which loads it
    out["table"] = table if root is None else None
    # the worker's CPU time for this report, so that a run can tell extraction's share of its cost
    out["cpu_seconds"] = time.process_time() - started
    return out


def _with_table(r: dict, root: Path | None) -> dict:
    """A worker's result with its table read from the result file it wrote or found, and the report's
    row, url and warnings from it. A file that became unreadable since is set aside and named; the
    report stays stale and is extracted again by the next run."""
    if r["status"] != "extracted":
        return r
    table = r["table"]
    if table is None:
        table, notes = _stored_result(root, r["key"])
        if table is None:
            lost = notes[0] if notes else f"{r['key'].path(root)}: result file gone before it was stored"
            return {**r, "status": "unreadable", "message": f"{lost}; extracted again by the next run"}
    row = results.report_row(table)
    return {**r, "table": table, "row": row, "url": row["url"], "warnings": results.warnings_of(table)}


class _TwinIndex:
    """The stored reports' names, hashes and urls, kept in memory during a batch, to refuse a report whose
    text or url another report has (as `_refuse_duplicate` does against the reports table)."""

    def __init__(self, con):
        self.by_id = {
            rid: (file_name, sha, url)
            for rid, file_name, sha, url in con.execute(
                "SELECT report_id, file_name, sha256, url FROM reports"
            ).fetchall()
        }

    def twin_of(self, result: dict) -> str | None:
        rid, sha, url = result["report_id"], result["row"]["sha256"], result["url"]
        twins = sorted(
            (file_name, twin_sha == sha)
            for other, (file_name, twin_sha, twin_url) in self.by_id.items()
            if other != rid and (twin_sha == sha or (url is not None and twin_url == url))
        )
        if not twins:
            return None
        same = "the same text as" if twins[0][1] else "the same url as"
        return f"{result['file_name']}: {same} {twins[0][0]}, which is kept; not read twice"

    def add(self, result: dict) -> None:
        self.by_id[result["report_id"]] = (result["file_name"], result["row"]["sha256"], result["url"])


def _store_batch(con, batch: list[dict], twins: _TwinIndex, tally: dict) -> int:
    """Store one batch of results in one transaction; the per-report path's rules decide what is kept."""
    stored, removed, cleared, warnings, errors = [], [], [], {}, {}
    for r in batch:
        status, name = r["status"], r["file_name"]
        tally["notes"] += r.get("notes", [])
        if status == "unchanged":
            tally["unchanged"].append(r["report_id"])
            continue
        cleared.append(name)
        if status == "removed":
            twins.by_id.pop(r["report_id"], None)
            removed.append(r["report_id"])
            tally["removed"].append(r["report_id"])
            continue
        if status == "unreadable":
            errors[name] = r["message"]
            if r.get("notes"):  # a result file set aside; else the file's warnings stay as they were
                warnings[name] = r["notes"]
            continue
        twin = twins.twin_of(r)
        if twin:
            errors[name] = twin
            continue
        # a result file set aside is named with the report's read warnings, as the per-report path does
        warnings[name] = r["warnings"] + r["notes"]
        if status == "failed":
            errors[name] = r["message"]
            continue
        twins.add(r)
        stored.append(r["table"])
        tally["reused" if r["reused"] else "extracted"].append(r["report_id"])
    tally["errors"].update({Path(n).stem: m for n, m in errors.items()})
    return warehouse.commit_results(con, stored, removed, cleared, warnings, errors)
