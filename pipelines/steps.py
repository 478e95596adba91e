"""The stages of a run as plain functions on a warehouse connection: load inputs, process, save outputs.
Dagster assets (assets/) and tests call these; nothing here knows about Dagster.

Reports are handled one at a time (`load_report`, `extract_report`) so that a new report costs one
report's work; `prune_removed` and the table builders work on the whole warehouse.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from pipelines import catalog, warehouse
from pipelines.extraction.extract import ReportContext, extract_facts, extractor_version
from pipelines.sources.reports import ReportError, oversized, read_report, readable_inside, report_files


def seed_state(seeds_dir: Path) -> dict[str, str]:
    """report_id -> sha256 of every report file in the seeds folder (sidecars included in the hash, since
    they change a report's year and agency)."""
    return {path.stem: seed_state_of(path) for path in report_files(Path(seeds_dir))}


def stale_reports(con, seeds_dir: Path) -> list[str]:
    """Reports of the seeds folder that are new, changed, extracted by another extractor version, or
    whose stored facts do not match their log entry."""
    done = warehouse.completed_extractions(con, extractor_version())
    return sorted(rid for rid, sha in seed_state(seeds_dir).items() if done.get(rid) != sha)


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


def extract_report(con, report_id: str) -> dict:
    """Extract the facts of a staged report and store report, text, facts and log entry together. Skipped
    when the same bytes were extracted by this extractor and their facts are all stored. An error in
    extraction is recorded and raised as ReportError; the report stays as last stored (or unpublished)."""
    staged = warehouse.staged_report(con, report_id)
    if staged is None:
        n = con.execute("SELECT count(*) FROM extracted_facts WHERE report_id = ?", [report_id]).fetchone()[0]
        return {"extracted": False, "facts": n}
    row, text, sha = staged
    if warehouse.completed_extractions(con, extractor_version()).get(report_id) == sha:
        con.execute("DELETE FROM staged_reports WHERE report_id = ?", [report_id])
        n = con.execute("SELECT count(*) FROM extracted_facts WHERE report_id = ?", [report_id]).fetchone()[0]
        return {"extracted": False, "facts": n}
    try:
        ctx = ReportContext(report_id, row["report_year"], row["agency_id"], row["region_code"])
        facts = [f.as_row() for f in extract_facts(text, ctx)]
    except Exception as e:  # a bug met by one report must not stop the others: name it and go on
        message = f"{row['file_name']}: extraction failed ({type(e).__name__}: {e})"
        record_error(con, row["file_name"], message)
        raise ReportError(message) from e
    n = warehouse.commit_report(con, row, text, sha, extractor_version(), facts)
    return {"extracted": True, "facts": n}


def prune_removed(con, seeds_dir: Path) -> list[str]:
    """Drop reports whose file has left the seeds folder; returns their ids."""
    present = set(seed_state(seeds_dir))
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


def load_all(con, seeds_dir: Path) -> dict:
    """Load and extract every stale report of the seeds folder (used by tests and benchmarks that skip
    Dagster); returns the reports done and the errors."""
    done, errors = [], []
    for report_id in stale_reports(con, seeds_dir):
        try:
            load_report(con, seeds_dir, report_id)
        except ReportError as e:
            errors.append(str(e))
            continue
        try:
            extract_report(con, report_id)
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


def table_frame(con, table: str) -> pd.DataFrame:
    cols = ", ".join(f'"{c}"' for c in warehouse.columns(table))
    key = ", ".join(f'"{c}"' for c in warehouse.tables()[table]["key"])
    return con.execute(f'SELECT {cols} FROM "{table}" ORDER BY {key}').df()
